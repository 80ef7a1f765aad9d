/** The real server wired to a test client over in-memory streams: the protocol layer end to end. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { CHECK_WORKSPACE_REQUEST, type CheckWorkspaceResult } from '../../server/src/protocol';
import { TestLspClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/paths';

const BUNDLED = path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json');
const SQL = [
  'SELECT sc.fsmeligible_spr19, sc.fsmeligble_spr19',
  'FROM npd_i2."<project number>".spring_census_2019 AS sc;',
  'SELECT e. FROM LEO_i2."<project number>".leo_earnings AS e;',
].join('\n');

function tempRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-lsp-'));
}

describe('LSP over in-memory streams', () => {
  let client: TestLspClient;
  let root: string;
  const uri = () => pathToFileURL(path.join(root, 'query.sql')).href;

  beforeEach(async () => {
    root = tempRoot();
    client = TestLspClient.inProcess({ rootPath: root, server: { bundledCatalogue: BUNDLED } });
    await client.initialize();
  });

  afterEach(async () => {
    await client.shutdown();
  });

  it('declares its capabilities', () => {
    const capabilities = client.initializeResult!.capabilities;
    assert.ok(capabilities.hoverProvider);
    assert.ok(capabilities.completionProvider?.resolveProvider);
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('.'));
    assert.ok(capabilities.definitionProvider);
    assert.ok(capabilities.documentSymbolProvider);
    assert.ok(capabilities.foldingRangeProvider);
    assert.ok(capabilities.codeActionProvider);
    assert.equal(client.initializeResult!.serverInfo?.name, 'leo-lens');
  });

  it('publishes LEO102 with the leo-lens source and a working quick fix', async () => {
    await client.open(uri(), 'sql', SQL);
    const published = await client.diagnosticsFor(uri(), (params) => params.diagnostics.length > 0);
    const diagnostic = published.diagnostics.find((d) => d.code === 'LEO102')!;
    assert.equal(diagnostic.source, 'leo-lens');
    assert.deepEqual(diagnostic.range.start, { line: 0, character: 32 });
    assert.match(String(diagnostic.message), /did you mean fsmeligible_spr19/i);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri() },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const fix = actions!.find((action) => 'edit' in action && action.title.includes('fsmeligible_spr19'));
    assert.ok(fix && 'edit' in fix);
    const edit = fix.edit!.changes![uri()]![0]!;
    assert.deepEqual(edit.range, diagnostic.range);
    assert.equal(edit.newText.toLowerCase(), 'fsmeligible_spr19');
  });

  it('hovers a census column with its catalogue entry', async () => {
    await client.open(uri(), 'sql', SQL);
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri() },
      position: { line: 0, character: 15 },
    })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /free school meals/i);
  });

  it('completes the columns of an aliased earnings view and resolves their documentation', async () => {
    await client.open(uri(), 'sql', SQL);
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri() },
      position: { line: 2, character: 9 },
    })) as CompletionList;
    const labels = list.items.map((item) => item.label.toLowerCase());
    for (const name of ['edukey', 'taxyear', 'earnings']) assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
    const earnings = list.items.find((item) => item.label.toLowerCase() === 'earnings')!;
    const resolved = (await client.connection.sendRequest(CompletionResolveRequest.type, earnings)) as CompletionItem;
    assert.ok(resolved.documentation, 'documentation is present once resolved');
  });

  it('answers definition, symbols and folding without error', async () => {
    await client.open(uri(), 'sql', SQL);
    const definition = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri() }, position: { line: 0, character: 8 } });
    assert.ok(Array.isArray(definition));
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri() } });
    assert.ok(Array.isArray(symbols) && symbols.length >= 2);
    const folding = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: uri() } });
    assert.ok(Array.isArray(folding));
  });

  it('falls back to the file extension when a client sends its own language id', async () => {
    const fileUri = pathToFileURL(path.join(root, 'query.sql')).href;
    await client.open(fileUri, 'tsql', SQL);
    const published = await client.diagnosticsFor(fileUri, (params) => params.diagnostics.length > 0);
    assert.ok(published.diagnostics.some((d) => d.code === 'LEO102'));
  });

  it('accepts R, Python and Stata documents and ignores unknown languages', async () => {
    for (const [name, language] of [['a.R', 'r'], ['a.py', 'python'], ['a.do', 'stata'], ['a.txt', 'plaintext'], ['b.txt', 'sql-ish']] as const) {
      const fileUri = pathToFileURL(path.join(root, name)).href;
      await client.open(fileUri, language, 'x <- 1\n');
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fileUri }, position: { line: 0, character: 0 } });
      assert.equal(hover, null);
    }
  });

  it('reports its catalogue in the status notification', async () => {
    const status = await client.waitFor(() => client.statuses.find((s) => s.catalogue), 'status');
    assert.equal(typeof status.catalogue!.version, 'string');
    assert.deepEqual(status.problems, []);
  });
});

describe('LSP: configuration and catalogue problems', () => {
  it('shows a broken overlay on its file and keeps the last good one in use', async () => {
    const root = tempRoot();
    const overlay = path.join(root, 'derived.leo-catalogue.json');
    fs.writeFileSync(path.join(root, '.leo-lens.json'), JSON.stringify({ catalogues: ['derived.leo-catalogue.json'] }));
    fs.writeFileSync(overlay, '{ "tables": [ }');
    const client = TestLspClient.inProcess({ rootPath: root, server: { bundledCatalogue: BUNDLED } });
    await client.initialize();
    const overlayUri = pathToFileURL(overlay).href;
    const problems = await client.diagnosticsFor(overlayUri, (params) => params.diagnostics.length > 0);
    assert.match(String(problems.diagnostics[0]!.message), /invalid JSON/i);
    const status = await client.waitFor(() => client.statuses.find((s) => s.problems.length > 0), 'status with problems');
    assert.ok(status.catalogue, 'the bundled catalogue is still in use');
    await client.shutdown();
  });

  it('reports a bad .leo-lens.json at its line', async () => {
    const root = tempRoot();
    fs.writeFileSync(path.join(root, '.leo-lens.json'), '{\n  "severity": { "LEO102": "loud" }\n}');
    const client = TestLspClient.inProcess({ rootPath: root, server: { bundledCatalogue: BUNDLED } });
    await client.initialize();
    const configUri = pathToFileURL(path.join(root, '.leo-lens.json')).href;
    const problems = await client.diagnosticsFor(configUri, (params) => params.diagnostics.length > 0);
    assert.equal(problems.diagnostics[0]!.range.start.line, 1);
    assert.match(String(problems.diagnostics[0]!.message), /\$\.severity\.LEO102/);
    await client.shutdown();
  });

  it('pulls settings per resource and applies severity overrides', async () => {
    const root = tempRoot();
    const client = TestLspClient.inProcess({
      rootPath: root,
      settings: { diagnostics: { severity: { LEO102: 'off' } } },
      server: { bundledCatalogue: BUNDLED },
    });
    await client.initialize();
    const uri = pathToFileURL(path.join(root, 'q.sql')).href;
    // Wait until the pulled settings are in force: the status is re-sent after they load.
    await client.waitFor(() => (client.statuses.length >= 2 ? true : undefined), 'settings to load');
    await client.open(uri, 'sql', SQL);
    const published = await client.diagnosticsFor(uri);
    assert.ok(published.diagnostics.every((d) => d.code !== 'LEO102'));
    await client.shutdown();
  });
});

describe('LSP: the pre-submission check', () => {
  it('checks the workspace, publishes findings for files not open and writes the report', async () => {
    const root = tempRoot();
    const risky = path.join(root, 'risky.sql');
    fs.writeFileSync(risky, 'SELECT sc.FSMeligible_SPR19, COUNT(*) AS n\nFROM npd_i2."<project number>".spring_census_2019 AS sc\nGROUP BY sc.FSMeligible_SPR19;\n');
    const client = TestLspClient.inProcess({ rootPath: root, server: { bundledCatalogue: BUNDLED } });
    await client.initialize();
    const result = (await client.connection.sendRequest(CHECK_WORKSPACE_REQUEST, {})) as CheckWorkspaceResult;
    assert.equal(result.error, undefined);
    assert.equal(result.files, 1);
    assert.ok(result.warnings >= 1);
    const published = await client.diagnosticsFor(pathToFileURL(risky).href, (params) => params.diagnostics.length > 0);
    const sdc010 = published.diagnostics.find((d) => d.code === 'SDC010')!;
    assert.ok(sdc010, 'SDC010 in the Problems panel');
    assert.match(sdc010.codeDescription!.href, /docs\/rules\/SDC010\.md$/);
    assert.ok(fs.existsSync(sdc010.codeDescription!.href.replace('file://', '')), 'the rule page exists');
    for (const file of result.reportFiles) assert.ok(fs.existsSync(file), file);
    assert.match(fs.readFileSync(result.reportFiles[0]!, 'utf8'), /SDC010/);
    await client.shutdown();
  });
});
