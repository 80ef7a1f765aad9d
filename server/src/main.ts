/**
 * The language server's entry point. `vscode-languageserver/node` picks the transport from the
 * command line (`--stdio`, `--node-ipc` or `--socket=N`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
