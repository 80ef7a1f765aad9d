/**
 * The VS Code side of LEO Lens: starts the language server over IPC, shows the catalogue and the
 * count of findings in the status bar, and offers the commands. No analysis happens here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { JUPYTER_NOTEBOOK_TYPE, NOTEBOOK_CELL_LANGUAGES, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { checkWorkspace } from './checkWorkspace';
import { importRequestForm } from './importRequestForm';
import { createStatusItem, showStatus } from './statusBar';

// Files on disk and unsaved ones, and the Python, R and SQL cells of Jupyter notebooks. The notebook filters route
// requests from a cell (hover, completion) to the server; the cells themselves are synced as part of their
// notebook, because the server declares notebookDocumentSync and analyses a notebook's cells as one program.
const DOCUMENT_SELECTOR = [
  ...['sql', 'r', 'python', 'stata'].flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  ...NOTEBOOK_CELL_LANGUAGES.map((language) => ({ notebook: JUPYTER_NOTEBOOK_TYPE, language })),
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('LEO Lens', { log: true });
  const status = createStatusItem();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: {
      configurationSection: 'leoLens',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.leo-lens.json'),
        vscode.workspace.createFileSystemWatcher('**/*.leo-catalogue.json'),
      ],
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration().get('leoLens') },
  };

  client = new LanguageClient('leoLens', 'LEO Lens', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('leoLens.restartServer', async () => {
      output.appendLine('Restarting the LEO Lens server.');
      await client?.restart();
    }),
    vscode.commands.registerCommand('leoLens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('leoLens.checkWorkspace', () => checkWorkspace(client)),
    vscode.commands.registerCommand('leoLens.importRequestForm', () => importRequestForm(context, output)),
  );
  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => showStatus(status, params)));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
