/** The built server, started as an editor would start it: `node dist/server.js --stdio`. */
import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { DIST_SERVER } from '../support/paths';

describe('LSP: built server over stdio', () => {
  it('initializes, publishes diagnostics, hovers and shuts down', async () => {
    const client = TestLspClient.childProcess(DIST_SERVER, { rootPath: os.tmpdir() });
    const exited = new Promise<number | null>((resolve) => client.process.on('exit', resolve));
    const result = await client.initialize();
    assert.ok(result.capabilities.hoverProvider);
    const uri = pathToFileURL(path.join(os.tmpdir(), 'leo-lens-child.sql')).href;
    await client.open(uri, 'sql', 'SELECT sc.fsmeligble_spr19\nFROM npd_i2."<project number>".spring_census_2019 AS sc;\n');
    const published = await client.diagnosticsFor(uri, (params) => params.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['LEO102']);
    await client.replace(uri, 'SELECT sc.fsmeligible_spr19\nFROM npd_i2."<project number>".spring_census_2019 AS sc;\n');
    await client.diagnosticsFor(uri, (params) => params.version === 2 && params.diagnostics.length === 0);
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 12 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /free school meals/i);
    await client.shutdown();
    assert.equal(await exited, 0);
  });

  it('takes a Jupyter notebook\'s cells and publishes on the cell that has the finding', async () => {
    const client = TestLspClient.childProcess(DIST_SERVER, { rootPath: os.tmpdir() });
    const exited = new Promise<number | null>((resolve) => client.process.on('exit', resolve));
    const result = await client.initialize();
    assert.ok(result.capabilities.notebookDocumentSync, 'the built server declares notebook sync');
    const notebook = pathToFileURL(path.join(os.tmpdir(), 'leo-lens-child.ipynb')).href;
    const cell = (name: string) => `${notebook.replace(/^file:/, 'vscode-notebook-cell:')}#${name}`;
    await client.openNotebook(notebook, [
      { uri: cell('read'), languageId: 'python', text: 'import pandas as pd\ncensus = pd.read_sql("SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019", con)' },
      { uri: cell('use'), languageId: 'python', text: 'census["fsm"] = census["fsmeligble_spr19"] == 1' },
    ]);
    const published = await client.diagnosticsFor(cell('use'), (params) => params.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['LEO102', 0, 24]]);
    await client.shutdown();
    assert.equal(await exited, 0);
  });
});
