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
  NotebookCellKind,
  NotebookDocuments,
  TextDocumentSyncKind,
  TextDocuments,
  type NotebookDocument,
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
import { getDefinition, getNotebookDefinition } from './features/definition';
import { toDiagnostics } from './features/diagnostics';
import { getDocumentSymbols } from './features/documentSymbols';
import { getFoldingRanges } from './features/folding';
import { getHover } from './features/hover';
import { initialiseLanguages, languageFromEditorId, languageFromPath } from './languages/registry';
import type { DocumentAnalysis } from './languages/types';
import { renderReportHtml, renderReportMarkdown } from './disclosure/report';
import { hasRulePage } from './model/diagnosticCodes';
import {
  CHECK_WORKSPACE_REQUEST,
  JUPYTER_NOTEBOOK_TYPE,
  NOTEBOOK_CELL_LANGUAGES,
  NOTEBOOK_OTHER_CELL_LANGUAGES,
  STATUS_NOTIFICATION,
  type CheckWorkspaceResult,
  type StatusParams,
} from './protocol';
import type { NotebookAnalysis } from './notebook/notebookAnalysis';
import { createNotebookService } from './notebook/notebookService';
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
  // Notebook cells arrive through the notebook sync messages, into text documents of their own.
  const notebooks = new NotebookDocuments(TextDocument);
  const service = createLanguageService();
  const notebookService = createNotebookService(service);
  const openNotebooks = new Set<string>();
  /** The cells of each notebook that were last sent diagnostics, so that removed cells can be cleared. */
  const publishedCells = new Map<string, Set<string>>();
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
        notebookDocumentSync: {
          notebookSelector: [{
            notebook: { notebookType: JUPYTER_NOTEBOOK_TYPE },
            cells: [...NOTEBOOK_CELL_LANGUAGES, ...NOTEBOOK_OTHER_CELL_LANGUAGES].map((language) => ({ language })),
          }],
        },
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

  /** The notebook's analysis: every cell of it, in order, as the core takes them. */
  function notebookAnalysisOf(notebook: NotebookDocument): NotebookAnalysis | undefined {
    const env = environment();
    if (!env) return undefined;
    const cells = notebook.cells.map((cell) => {
      const document = notebooks.getCellTextDocument(cell);
      return { kind: cell.kind === NotebookCellKind.Code ? 'code' as const : 'markup' as const, language: document?.languageId, text: document?.getText() ?? '' };
    });
    return notebookService.analyse({ uri: notebook.uri, cells }, env);
  }

  /** A notebook cell's text document, its notebook and its position there; undefined for a document in no notebook. */
  function cellOf(uri: string): { document: TextDocument; notebook: NotebookDocument; index: number } | undefined {
    const notebook = notebooks.findNotebookDocumentForCell(uri);
    const document = notebooks.cellTextDocuments.get(uri);
    const index = notebook?.cells.findIndex((cell) => cell.document === uri) ?? -1;
    return notebook && document && index >= 0 ? { document, notebook, index } : undefined;
  }

  /** The document a request is about and its analysis: an open file, or a notebook cell seen on its own. */
  function targetOf(uri: string): { document: TextDocument; analysis: DocumentAnalysis } | undefined {
    const document = documents.get(uri);
    if (document) {
      const analysis = analysisOf(document);
      return analysis ? { document, analysis } : undefined;
    }
    const cell = cellOf(uri);
    const analysis = cell && notebookAnalysisOf(cell.notebook)?.cell(cell.index);
    return cell && analysis ? { document: cell.document, analysis } : undefined;
  }

  function validateNotebook(notebookUri: string): void {
    const notebook = notebooks.getNotebookDocument(notebookUri);
    if (!notebook) return;
    const perCell = runSafe(logger, 'notebook diagnostics', undefined, undefined, () => {
      const analysis = notebookAnalysisOf(notebook);
      return analysis && notebook.cells.map((cell, index) => ({ cell, document: notebooks.getCellTextDocument(cell), findings: analysis.findingsOf(index) }));
    });
    if (!perCell || 'code' in perCell) return;
    const published = new Set<string>();
    perCell.forEach(({ cell, document, findings }, index) => {
      if (!document) return;
      for (const note of findings) if (note.code === NOT_CHECKED_CODE) logger.error(`${notebookUri}, cell ${index + 1}: ${note.message}`);
      countFindings(cell.document, findings);
      published.add(cell.document);
      void connection.sendDiagnostics({ uri: cell.document, version: document.version, diagnostics: toDiagnostics(document, findings, ruleLink) });
    });
    // A cell that left the notebook keeps no diagnostics.
    for (const uri of publishedCells.get(notebookUri) ?? []) if (!published.has(uri)) clearDiagnostics(uri);
    publishedCells.set(notebookUri, published);
    sendStatus();
  }

  function clearDiagnostics(uri: string): void {
    findingCounts.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  function countFindings(uri: string, findings: DocumentAnalysis['findings']): void {
    findingCounts.set(uri, {
      errors: findings.filter((finding) => finding.severity === 'error').length,
      warnings: findings.filter((finding) => finding.severity === 'warning').length,
      infos: findings.filter((finding) => finding.severity === 'info' || finding.severity === 'hint').length,
    });
  }

  function scheduleNotebookValidation(notebookUri: string, immediately: boolean): void {
    // Timers are keyed by the notebook's uri, which no text document shares.
    clearTimeout(pending.get(notebookUri));
    pending.delete(notebookUri);
    if (immediately) {
      validateNotebook(notebookUri);
      return;
    }
    pending.set(notebookUri, setTimeout(() => {
      pending.delete(notebookUri);
      validateNotebook(notebookUri);
    }, delay));
  }

  function validate(document: TextDocument): void {
    const analysis = runSafe(logger, 'diagnostics', undefined, undefined, () => analysisOf(document));
    if (!analysis || 'code' in analysis) return;
    // A part of the file that was not checked is a failure of LEO Lens, so it goes to the log as well as to the user.
    for (const note of analysis.findings) if (note.code === NOT_CHECKED_CODE) logger.error(`${document.uri}: ${note.message}`);
    const diagnostics = toDiagnostics(document, analysis.findings, ruleLink);
    countFindings(document.uri, analysis.findings);
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
    for (const notebook of openNotebooks) scheduleNotebookValidation(notebook, true);
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

  notebooks.onDidOpen((notebook) => {
    openNotebooks.add(notebook.uri);
    scheduleNotebookValidation(notebook.uri, true);
  });
  notebooks.onDidClose((notebook) => {
    clearTimeout(pending.get(notebook.uri));
    pending.delete(notebook.uri);
    openNotebooks.delete(notebook.uri);
    notebookService.forget(notebook.uri);
    const cells = new Set([...(publishedCells.get(notebook.uri) ?? []), ...notebook.cells.map((cell) => cell.document)]);
    publishedCells.delete(notebook.uri);
    for (const uri of cells) clearDiagnostics(uri);
    sendStatus();
  });

  connection.onCompletion((params, token) =>
    runSafe(logger, 'completion', token, null, () => {
      const target = targetOf(params.textDocument.uri);
      return target ? getCompletions(target.document, target.analysis, target.document.offsetAt(params.position)) : null;
    }),
  );

  connection.onCompletionResolve((item, token) =>
    runSafe(logger, 'completion resolve', token, item, () => {
      const data = item.data as CompletionItemData | undefined;
      return resolveCompletion(item, data && targetOf(data.uri)?.analysis);
    }),
  );

  connection.onHover((params, token) =>
    runSafe(logger, 'hover', token, null, () => {
      const target = targetOf(params.textDocument.uri);
      return target ? getHover(target.document, target.analysis, target.document.offsetAt(params.position)) : null;
    }),
  );

  connection.onDefinition((params, token) =>
    runSafe(logger, 'definition', token, [], () => {
      if (!workspace) return [];
      const locator = createCatalogueLocator(workspace, reader);
      // From a cell, a definition may be in another cell of the notebook (a frame read in cell 1, used in cell 3).
      const cell = cellOf(params.textDocument.uri);
      if (cell) {
        const analysis = notebookAnalysisOf(cell.notebook);
        const cellDocument = (index: number) => {
          const at = cell.notebook.cells[index];
          return at && notebooks.getCellTextDocument(at);
        };
        return analysis ? getNotebookDefinition(analysis.definition(cell.index, cell.document.offsetAt(params.position)), cellDocument, locator) : [];
      }
      const target = targetOf(params.textDocument.uri);
      return target ? getDefinition(target.document, target.analysis, target.document.offsetAt(params.position), locator) : [];
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(logger, 'document symbols', token, [], () => {
      const target = targetOf(params.textDocument.uri);
      return target ? getDocumentSymbols(target.document, target.analysis) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(logger, 'folding ranges', token, [], () => {
      const target = targetOf(params.textDocument.uri);
      return target ? getFoldingRanges(target.document, target.analysis) : [];
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
      // An open file or notebook already shows live results (a notebook's on its cells).
      if (documents.get(uri) || openNotebooks.has(uri)) continue;
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
  listenToNotebooks();
  connection.listen();

  /**
   * The notebook manager keeps the notebooks and their cells' text documents, but it fires no change event when
   * cells are only moved (a structure change that opens and closes no cell text). So it is given the connection
   * with its change handler wrapped: after the manager has applied a change, the notebook is re-analysed, at once
   * when cells were added, removed or moved, after a pause when only text was typed.
   */
  function listenToNotebooks(): void {
    const synchronization = connection.notebooks.synchronization;
    const wrapped: Pick<Connection, 'notebooks'> = {
      notebooks: {
        ...connection.notebooks,
        synchronization: {
          ...synchronization,
          onDidChangeNotebookDocument: (handler) =>
            synchronization.onDidChangeNotebookDocument(async (params) => {
              await handler(params);
              const cells = params.change.cells;
              if (cells?.structure === undefined && cells?.textContent === undefined) return;
              scheduleNotebookValidation(params.notebookDocument.uri, cells.structure !== undefined);
            }),
        },
      },
    };
    // The manager reads nothing of the connection but its notebook synchronization handlers.
    notebooks.listen(wrapped as Connection);
  }
}

const NO_CHECK: CheckWorkspaceResult = { reportFiles: [], files: 0, errors: 0, warnings: 0, infos: 0, allowances: 0 };

function uriToPath(uri: string): string | undefined {
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
