/** The project's extract through the real server: greyed completion items, LEO106 with its fix, the hover line. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, CompletionRequest, HoverRequest, type CompletionList, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestLspClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/paths';
import { EXTRACT } from '../extract/support/extractFixture';

const BUNDLED = path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json');
const SQL = [
  'SELECT s.EthnicGroupMajor_SPR19, s.',
  'FROM npd_i2."<project number>".spring_census_2019 s;',
].join('\n');

describe('LSP: the project extract', () => {
  let client: TestLspClient;
  let root: string;
  const uri = () => pathToFileURL(path.join(root, 'query.sql')).href;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-extract-'));
    fs.writeFileSync(path.join(root, '.leo-lens.json'), JSON.stringify({ extract: 'project.leo-catalogue.json' }));
    fs.writeFileSync(path.join(root, 'project.leo-catalogue.json'), JSON.stringify(EXTRACT, null, 2));
    client = TestLspClient.inProcess({ rootPath: root, server: { bundledCatalogue: BUNDLED } });
    await client.initialize();
  });

  afterEach(async () => {
    await client.shutdown();
  });

  it('greys out columns outside the extract: last in the list, with a label description', async () => {
    await client.open(uri(), 'sql', SQL);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position: { line: 0, character: 34 } })) as CompletionList;
    const granted = list.items.find((item) => item.label.toLowerCase() === 'fsmeligible_spr19')!;
    const refused = list.items.find((item) => item.label.toLowerCase() === 'ethnicgroupmajor_spr19')!;
    assert.ok(granted && refused, 'both columns are offered');
    assert.equal(granted.labelDetails, undefined);
    assert.deepEqual(refused.labelDetails, { description: "not in this project's extract" });
    assert.ok(refused.sortText! > granted.sortText!, 'the refused column sorts after the granted one');
    assert.equal(refused.tags, undefined, 'not marked deprecated: the column is fine, only not granted');
  });

  it('publishes LEO106 with a did-you-mean quick fix among granted names, and says so in the hover', async () => {
    await client.open(uri(), 'sql', SQL);
    const published = await client.diagnosticsFor(uri(), (params) => params.diagnostics.some((d) => d.code === 'LEO106'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'LEO106')!;
    assert.equal(diagnostic.source, 'leo-lens');
    assert.deepEqual(diagnostic.range.start, { line: 0, character: 9 });
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri() }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions!.find((action) => 'edit' in action && action.edit?.changes?.[uri()]?.[0]?.newText === 'EthnicGroupMinor_SPR19');
    assert.ok(fix, 'the fix offers the granted EthnicGroupMinor_SPR19');
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 0, character: 12 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /Not in this project's extract/);
  });
});
