/**
 * The LSP adapter: capabilities, open documents, the handler table, configuration pull, file
 * watching and diagnostics publishing. It holds no domain logic; every answer comes from the core
 * through `service.ts` and the converters in `features/`.
 */
import { NOT_CHECKED_CODE } from './model/notChecked';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisEnvironment } from './analysisEnvironment';
import { parseSettings, type Settings, DEFAULT_SETTINGS } from './config/settings';
import { PROJECT_CONFIG_FILE } from './config/projectConfig';
import { getCodeActions } from './features/codeActions';
import { getCompletions, resolveCompletion, type CompletionItemData } from './features/completion';
import { getDefinition } from './features/definition';
import { toDiagnostics } from './features/diagnostics';
import { getDocumentSymbols } from './features/documentSymbols';
import { getFoldingRanges } from './features/folding';
import { getHover } from './features/hover';
import { initialiseLanguages, languageFromEditorId, languageFromPath } from './languages/registry';
import type { DocumentAnalysis } from './languages/types';
import { renderReportHtml, renderReportMarkdown } from './disclosure/report';
import { hasRulePage } from './model/diagnosticCodes';
import { CHECK_WORKSPACE_REQUEST, STATUS_NOTIFICATION, type CheckWorkspaceResult, type StatusParams } from './protocol';
import { runSafe, type Logger } from './runSafe';
import { createLanguageService } from './service';
import { VERSION } from './version';
import { createCatalogueLocator } from './workspace/catalogueLocator';
import { checkFiles } from './workspace/checkFiles';
import { collectFiles } from './workspace/collectFiles';
import { findBundledCatalogue, nodeFileReader, type FileReader } from './workspace/fileSystem';
import { buildReportInput } from './workspace/reportInput';
import { formatWorkspaceProblem, loadWorkspace, type LoadedWorkspace, type WorkspaceProblem } from './workspace/loadWorkspace';

export interface ServerOptions {
  /** Where the bundled catalogue is; found next to the running script when omitted. */
  readonly bundledCatalogue?: string;
  readonly reader?: FileReader;
  /** Delay before diagnostics are recomputed after an edit, so typing is never held up. */
  readonly diagnosticsDelayMs?: number;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const reader = options.reader ?? nodeFileReader;
  const delay = options.diagnosticsDelayMs ?? 150;
  const documents = new TextDocuments(TextDocument);
  const service = createLanguageService();
  const logger: Logger = {
    info: (message) => connection.console.info(message),
    error: (message) => connection.console.error(message),
  };

  let root: string | undefined;
  let supportsConfiguration = false;
  let settings: Settings = DEFAULT_SETTINGS;
  let workspace: LoadedWorkspace | undefined;
  let publishedProblemFiles = new Set<string>();
  const pending = new Map<string, NodeJS.Timeout>();
  const findingCounts = new Map<string, { errors: number; warnings: number; infos: number }>();

  const bundledCatalogue = options.bundledCatalogue ?? findBundledCatalogue(__dirname, reader) ?? '';
  // The extension's folder holds the catalogue and the rule pages; diagnostics link to the pages there.
  const extensionRoot = path.dirname(path.dirname(bundledCatalogue));
  const ruleLink = (code: string): string | undefined =>
    hasRulePage(code) ? pathToFileURL(path.join(extensionRoot, 'docs', 'rules', `${code}.md`)).href : undefined;

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    await initialiseLanguages((language, error) => logger.error(`the ${language} analysis is unavailable: ${String(error)}`));
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    root = folder ? uriToPath(folder) : undefined;
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    settings = parseSettings(params.initializationOptions?.settings).settings;
    reload();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', ' ', '[', '"', "'", '(', '$'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'leo-lens', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'leoLens' });
      void pullSettings();
    }
  });

  connection.onDidChangeConfiguration(() => void pullSettings());

  connection.onDidChangeWatchedFiles((params) => {
    const relevant = params.changes.some(
      (change) => change.uri.endsWith(PROJECT_CONFIG_FILE) || change.uri.endsWith('.leo-catalogue.json'),
    );
    if (relevant) {
      reload();
      revalidateAll();
    }
  });

  async function pullSettings(): Promise<void> {
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ scopeUri: root ? pathToFileURL(root).href : undefined, section: 'leoLens' });
      const parsed = parseSettings(raw);
      for (const problem of parsed.problems) logger.error(`settings: ${problem}`);
      settings = parsed.settings;
    } catch (error) {
      logger.error(`could not read settings: ${String(error)}`);
    }
    reload();
    revalidateAll();
  }

  function reload(): void {
    workspace = loadWorkspace({ bundledCatalogue, root, settings }, reader, workspace);
    const catalogue = workspace.catalogue;
    logger.info(
      catalogue
        ? `catalogue ${catalogue.name} ${catalogue.version} loaded from ${workspace.catalogueFiles.join(', ')}`
        : 'no catalogue could be loaded; LEO Lens features are off until one loads',
    );
    for (const conflict of workspace.conflicts) logger.info(`catalogue conflict: ${conflict.message}`);
    for (const problem of workspace.problems) logger.error(formatWorkspaceProblem(problem));
    publishWorkspaceProblems(workspace.problems);
    sendStatus();
  }

  /** Problems in config and catalogue files are shown on those files, so users see them in place. */
  function publishWorkspaceProblems(problems: readonly WorkspaceProblem[]): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const problem of problems) {
      const line = Math.max(0, (problem.line ?? 1) - 1);
      const character = Math.max(0, (problem.column ?? 1) - 1);
      const list = byFile.get(problem.file) ?? [];
      list.push({
        range: { start: { line, character }, end: { line, character: character + Math.max(1, Math.min(problem.length ?? 1, 200)) } },
        severity: problem.severity === 'error' ? 1 : 2,
        source: 'leo-lens',
        message: `${problem.path}: ${problem.message}${problem.usingLastGood ? ' (the last good version stays in use)' : ''}`,
      });
      byFile.set(problem.file, list);
    }
    for (const file of publishedProblemFiles) {
      if (!byFile.has(file)) void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics: [] });
    }
    for (const [file, diagnostics] of byFile) void connection.sendDiagnostics({ uri: pathToFileURL(file).href, diagnostics });
    publishedProblemFiles = new Set(byFile.keys());
  }

  function environment(): AnalysisEnvironment | undefined {
    return workspace?.environment;
  }

  function analysisOf(document: TextDocument): DocumentAnalysis | undefined {
    // Clients other than VS Code may send their own language ids (eglot sends `ess-r`, `ado`), so the
    // file's extension decides when the id is not one of ours.
    const language = languageFromEditorId(document.languageId) ?? languageFromPath(uriToPath(document.uri) ?? document.uri);
    const env = environment();
    if (!language || !env) return undefined;
    return service.analyse({ uri: document.uri, language, version: document.version, text: document.getText() }, env);
  }

  function validate(document: TextDocument): void {
    const analysis = runSafe(logger, 'diagnostics', undefined, undefined, () => analysisOf(document));
    if (!analysis || 'code' in analysis) return;
    // A part of the file that was not checked is a failure of LEO Lens, so it goes to the log as well as to the user.
    for (const note of analysis.findings) if (note.code === NOT_CHECKED_CODE) logger.error(`${document.uri}: ${note.message}`);
    const diagnostics = toDiagnostics(document, analysis.findings, ruleLink);
    findingCounts.set(document.uri, {
      errors: analysis.findings.filter((finding) => finding.severity === 'error').length,
      warnings: analysis.findings.filter((finding) => finding.severity === 'warning').length,
      infos: analysis.findings.filter((finding) => finding.severity === 'info' || finding.severity === 'hint').length,
    });
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    sendStatus();
  }

  function scheduleValidation(document: TextDocument, immediately: boolean): void {
    clearTimeout(pending.get(document.uri));
    if (immediately) {
      pending.delete(document.uri);
      validate(document);
      return;
    }
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) validate(current);
      }, delay),
    );
  }

  function revalidateAll(): void {
    for (const document of documents.all()) scheduleValidation(document, true);
  }

  function sendStatus(): void {
    const catalogue = workspace?.catalogue;
    const totals = { errors: 0, warnings: 0, infos: 0 };
    for (const counts of findingCounts.values()) {
      totals.errors += counts.errors;
      totals.warnings += counts.warnings;
      totals.infos += counts.infos;
    }
    const params: StatusParams = {
      ...(catalogue ? { catalogue: { id: catalogue.id, name: catalogue.name, version: catalogue.version } } : {}),
      ...totals,
      problems: (workspace?.problems ?? []).map(formatWorkspaceProblem),
    };
    void connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  connection.onShutdown(() => {
    // Nothing may be published after shutdown: pending validations are dropped.
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  });

  documents.onDidOpen((event) => scheduleValidation(event.document, true));
  documents.onDidChangeContent((event) => scheduleValidation(event.document, false));
  documents.onDidClose((event) => {
    clearTimeout(pending.get(event.document.uri));
    pending.delete(event.document.uri);
    service.forget(event.document.uri);
    findingCounts.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    sendStatus();
  });

  connection.onCompletion((params, token) =>
    runSafe(logger, 'completion', token, null, () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && analysisOf(document);
      return document && analysis ? getCompletions(document, analysis, document.offsetAt(params.position)) : null;
    }),
  );

  connection.onCompletionResolve((item, token) =>
    runSafe(logger, 'completion resolve', token, item, () => {
      const data = item.data as CompletionItemData | undefined;
      const document = data && documents.get(data.uri);
      return resolveCompletion(item, document && analysisOf(document));
    }),
  );

  connection.onHover((params, token) =>
    runSafe(logger, 'hover', token, null, () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && analysisOf(document);
      return document && analysis ? getHover(document, analysis, document.offsetAt(params.position)) : null;
    }),
  );

  connection.onDefinition((params, token) =>
    runSafe(logger, 'definition', token, [], () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && analysisOf(document);
      if (!document || !analysis || !workspace) return [];
      const locator = createCatalogueLocator(workspace, reader);
      return getDefinition(document, analysis, document.offsetAt(params.position), locator);
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(logger, 'document symbols', token, [], () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && analysisOf(document);
      return document && analysis ? getDocumentSymbols(document, analysis) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(logger, 'folding ranges', token, [], () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && analysisOf(document);
      return document && analysis ? getFoldingRanges(document, analysis) : [];
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(logger, 'code actions', token, [], () =>
      getCodeActions(params.textDocument.uri, params.context.diagnostics, params.context.only),
    ),
  );

  connection.onRequest(CHECK_WORKSPACE_REQUEST, (_params: unknown, token) =>
    runSafe(logger, 'check workspace', token, { ...NO_CHECK, error: 'the check failed; see the LEO Lens output' }, () => checkWorkspace()),
  );

  /**
   * The pre-submission check: every file of the workspace, the Problems panel filled for files that
   * are not open (open ones already show live results), and the report written beside the project.
   */
  function checkWorkspace(): CheckWorkspaceResult {
    const env = environment();
    if (!root) return { ...NO_CHECK, error: 'open a folder first: the check runs over the workspace folder' };
    if (!env || !workspace?.catalogue) return { ...NO_CHECK, error: 'no catalogue is loaded' };
    const collected = collectFiles([root], workspace.config.ignore ?? [], root);
    const checked = checkFiles(collected.files, env);
    for (const file of checked) {
      const uri = pathToFileURL(file.path).href;
      if (documents.get(uri)) continue;
      const document = TextDocument.create(uri, file.language, 0, file.text);
      void connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(document, file.findings, ruleLink) });
    }
    const input = buildReportInput(checked, root, workspace.catalogue, env.disclosure, new Date(), path.join(extensionRoot, 'docs', 'rules'));
    const reportFiles = [path.join(root, 'leo-lens-report.md'), path.join(root, 'leo-lens-report.html')];
    fs.writeFileSync(reportFiles[0]!, renderReportMarkdown(input));
    fs.writeFileSync(reportFiles[1]!, renderReportHtml(input));
    const findings = checked.flatMap((file) => file.findings);
    return {
      reportFiles,
      files: checked.length,
      errors: findings.filter((finding) => finding.severity === 'error').length,
      warnings: findings.filter((finding) => finding.severity === 'warning').length,
      infos: findings.filter((finding) => finding.severity === 'info' || finding.severity === 'hint').length,
      allowances: checked.reduce((sum, file) => sum + file.allowances.length, 0),
    };
  }

  documents.listen(connection);
  connection.listen();
}

const NO_CHECK: CheckWorkspaceResult = { reportFiles: [], files: 0, errors: 0, warnings: 0, infos: 0, allowances: 0 };

function uriToPath(uri: string): string | undefined {
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
