/**
 * A small LSP client for tests: drives the real server either in-process over a pair of in-memory
 * streams, or as a child process over stdio. It records published diagnostics and waits on
 * conditions, never on fixed sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Duplex } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  ConfigurationRequest,
  DidOpenNotebookDocumentNotification,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  NotebookCellKind,
  type ProtocolConnection,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../server/src/server';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';

function notebookCell(cell: TestNotebookCell): { kind: NotebookCellKind; document: string } {
  return { kind: cell.markup ? NotebookCellKind.Markup : NotebookCellKind.Code, document: cell.uri };
}

class PipeStream extends Duplex {
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.emit('data', chunk);
    done();
  }
  override _read(): void {}
}

export interface TestClientOptions {
  readonly rootPath?: string;
  /** What the client answers to workspace/configuration for the `leoLens` section. */
  readonly settings?: unknown;
}

/** A notebook cell as a test opens it: its text document's uri, language and text. */
export interface TestNotebookCell {
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
  /** Markup cells (markdown) are not code; code is the default. */
  readonly markup?: boolean;
}

export class TestLspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly statuses: StatusParams[] = [];
  readonly #listeners = new Set<() => void>();
  #versions = new Map<string, number>();
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly stop: () => void,
    private readonly options: TestClientOptions,
    /** In-process servers must not receive `exit`: the library answers it by ending the process. */
    private readonly sendExit: boolean,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.#notify();
    });
    connection.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      this.statuses.push(params);
      this.#notify();
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.options.settings ?? {}));
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
  }

  /** Starts the server in this process, connected by in-memory streams. */
  static inProcess(options: TestClientOptions & { server?: ServerOptions } = {}): TestLspClient {
    const up = new PipeStream();
    const down = new PipeStream();
    const serverConnection = createConnection(up, down);
    startServer(serverConnection, { diagnosticsDelayMs: 0, ...options.server });
    const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    return new TestLspClient(client, () => serverConnection.dispose(), options, false);
  }

  /** Starts the built server (`dist/server.js --stdio`) as a child process. */
  static childProcess(serverScript: string, options: TestClientOptions = {}): TestLspClient & { readonly process: ChildProcess } {
    const child = spawn(process.execPath, [serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    // After `exit` the server ends by itself; it is killed only if it is still running a while later.
    const stop = () => {
      const timer = setTimeout(() => child.kill(), 5000);
      child.once('exit', () => clearTimeout(timer));
    };
    const result = new TestLspClient(client, stop, options, true);
    return Object.assign(result, { process: child });
  }

  async initialize(): Promise<InitializeResult> {
    const rootUri = this.options.rootPath ? pathToFileURL(this.options.rootPath).href : null;
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      // In-process, a process id would make the server watch this process with a timer that keeps
      // the test run alive; the child-process server is told it, as an editor would tell it.
      processId: this.sendExit ? process.pid : null,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'test' }] : null,
      capabilities: { workspace: { configuration: this.options.settings !== undefined } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.#versions.set(uri, 1);
    this.diagnostics.delete(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async replace(uri: string, text: string): Promise<void> {
    const version = (this.#versions.get(uri) ?? 1) + 1;
    this.#versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Opens a Jupyter notebook with its cells, as VS Code's client does when the server takes notebooks. */
  async openNotebook(uri: string, cells: readonly TestNotebookCell[]): Promise<void> {
    this.#versions.set(uri, 1);
    for (const cell of cells) {
      this.#versions.set(cell.uri, 1);
      this.diagnostics.delete(cell.uri);
    }
    await this.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map(notebookCell) },
      cellTextDocuments: cells.map((cell) => ({ uri: cell.uri, languageId: cell.languageId, version: 1, text: cell.text })),
    });
  }

  /** Replaces one cell's whole text. */
  async replaceCell(notebookUri: string, cellUri: string, text: string): Promise<void> {
    const version = (this.#versions.get(cellUri) ?? 1) + 1;
    this.#versions.set(cellUri, version);
    await this.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebookUri, version: this.#nextVersion(notebookUri) },
      change: { cells: { textContent: [{ document: { uri: cellUri, version }, changes: [{ text }] }] } },
    });
  }

  /** Removes `deleteCount` cells at `start` and inserts `cells` there: adding, deleting and moving cells. */
  async spliceCells(notebookUri: string, start: number, deleteCount: number, removed: readonly string[], cells: readonly TestNotebookCell[], reopened: readonly string[] = []): Promise<void> {
    const opened = cells.filter((cell) => !reopened.includes(cell.uri));
    for (const cell of opened) this.#versions.set(cell.uri, 1);
    await this.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebookUri, version: this.#nextVersion(notebookUri) },
      change: {
        cells: {
          structure: {
            array: { start, deleteCount, cells: cells.map(notebookCell) },
            didOpen: opened.map((cell) => ({ uri: cell.uri, languageId: cell.languageId, version: 1, text: cell.text })),
            didClose: removed.filter((uri) => !cells.some((cell) => cell.uri === uri)).map((uri) => ({ uri })),
          },
        },
      },
    });
  }

  async closeNotebook(uri: string, cellUris: readonly string[]): Promise<void> {
    await this.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri },
      cellTextDocuments: cellUris.map((cellUri) => ({ uri: cellUri })),
    });
  }

  #nextVersion(uri: string): number {
    const version = (this.#versions.get(uri) ?? 1) + 1;
    this.#versions.set(uri, version);
    return version;
  }

  /** Waits until the server has published diagnostics for the uri that satisfy the predicate. */
  async diagnosticsFor(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => {
      const params = this.diagnostics.get(uri);
      return params && accept(params) ? params : undefined;
    }, `diagnostics for ${uri}`, timeoutMs);
  }

  async waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10000): Promise<T> {
    const found = probe();
    if (found !== undefined) return found;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const listener = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(value);
      };
      this.#listeners.add(listener);
    });
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    if (this.sendExit) await this.connection.sendNotification(ExitNotification.type);
    this.connection.dispose();
    this.stop();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
