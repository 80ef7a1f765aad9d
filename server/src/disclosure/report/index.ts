/**
 * The pre-submission report (`leo-lens report`, and the VS Code command that checks the workspace): pure
 * functions from the files checked, their findings and allowances to markdown or HTML.
 */
export { buildReport, sha256Hex, type ReportDocument, type ReportFileInput, type ReportInput } from './document';
export { renderReportHtml } from './html';
export { renderReportMarkdown } from './markdown';
