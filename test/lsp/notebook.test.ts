/**
 * Jupyter notebooks through the real server over in-memory streams, synced as VS Code's client syncs them when
 * the server declares notebookDocumentSync: the cells are one program in cell order, and every answer is on
 * the cell it belongs to, in that cell's own lines.
 */
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
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { TestLspClient, type TestNotebookCell } from '../support/lspClient';
import { REPO_ROOT } from '../support/paths';

const BUNDLED = path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json');

const READ_CELL = [
  'import pandas as pd',
  'import pyodbc',
  '',
  'con = pyodbc.connect("DSN=SRS")',
  'census = pd.read_sql(',
  '    "SELECT pupilmatchingrefanonymous_spr19, fsmeligible_spr19, senprovision_spr19 "',
  '    "FROM npd_i2.dbo.spring_census_2019",',
  '    con,',
  ')',
].join('\n');
const NOTES_CELL = '# Free school meals\n\nFlags pupils eligible for free school meals.';
const TYPO_CELL = 'census["sen"] = census["senprovision_spr19"] == "E"\ncensus["fsm"] = census["fsmeligble_spr19"] == 1';
const FIXED_CELL = 'census["sen"] = census["senprovision_spr19"] == "E"\ncensus["fsm"] = census["fsmeligible_spr19"] == 1';

/** The position of the first occurrence of `needle` in a cell's text (plus `shift` characters). */
function positionOf(text: string, needle: string, shift = 0): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the cell`);
  const before = text.slice(0, at + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

describe('LSP: Jupyter notebooks', function () {
  this.timeout(20000);
  let client: TestLspClient;
  let root: string;
  let notebook: string;
  let cells: TestNotebookCell[];

  const cellUri = (name: string) => `${notebook.replace(/^file:/, 'vscode-notebook-cell:')}#${name}`;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-notebook-'));
    notebook = pathToFileURL(path.join(root, 'census.ipynb')).href;
    cells = [
      { uri: cellUri('read'), languageId: 'python', text: READ_CELL },
      { uri: cellUri('notes'), languageId: 'markdown', text: NOTES_CELL, markup: true },
      { uri: cellUri('typo'), languageId: 'python', text: TYPO_CELL },
    ];
    client = TestLspClient.inProcess({ rootPath: root, server: { bundledCatalogue: BUNDLED } });
    await client.initialize();
  });

  afterEach(async () => {
    await client.shutdown();
  });

  it('declares notebook sync for Jupyter notebooks with Python, R and SQL cells', () => {
    const sync = client.initializeResult!.capabilities.notebookDocumentSync;
    assert.ok(sync && 'notebookSelector' in sync, 'notebookDocumentSync is declared');
    const selector = sync.notebookSelector[0]!;
    assert.deepEqual(selector.notebook, { notebookType: 'jupyter-notebook' });
    const languages = (selector.cells ?? []).map((cell) => cell.language);
    for (const language of ['python', 'r', 'sql']) assert.ok(languages.includes(language), `${language} cells are synced`);
  });

  it('knows in cell 3 the frame read in cell 1, and reports its misspelt column on cell 3 with the range in that cell', async () => {
    await client.openNotebook(notebook, cells);
    const published = await client.diagnosticsFor(cellUri('typo'), (params) => params.diagnostics.length > 0);
    const typo = published.diagnostics.find((d) => d.code === 'LEO102');
    assert.ok(typo, `LEO102 in ${codes(published.diagnostics).join(', ')}`);
    const start = positionOf(TYPO_CELL, 'fsmeligble_spr19');
    assert.deepEqual(typo.range, { start, end: { line: start.line, character: start.character + 'fsmeligble_spr19'.length } });
    assert.match(messageOf(typo), /fsmeligible_spr19/, 'it suggests the column the catalogue has');
    assert.equal(published.version, 1, 'diagnostics carry the cell document\'s version');
    // The did-you-mean fix edits the cell, at the same range.
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: cellUri('typo') }, range: typo.range, context: { diagnostics: [typo] } });
    const fix = actions?.find((action) => 'edit' in action && action.title.includes('fsmeligible_spr19'));
    assert.ok(fix && 'edit' in fix, 'a quick fix is offered');
    assert.deepEqual(fix.edit!.changes![cellUri('typo')]![0], { range: typo.range, newText: 'fsmeligible_spr19' });
    const read = await client.diagnosticsFor(cellUri('read'));
    assert.deepEqual(codes(read.diagnostics), [], 'the read cell is clean');
    const notes = await client.diagnosticsFor(cellUri('notes'));
    assert.deepEqual(notes.diagnostics, [], 'the markdown cell gets nothing');
  });

  it('hovers a column in cell 3 with its catalogue entry, with the range inside the cell', async () => {
    await client.openNotebook(notebook, cells);
    const position = positionOf(TYPO_CELL, 'senprovision_spr19', 3);
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cellUri('typo') }, position })) as Hover;
    assert.ok(hover, 'a hover answers');
    assert.match((hover.contents as MarkupContent).value, /special educational needs|SEN/i);
    const start = positionOf(TYPO_CELL, 'senprovision_spr19');
    assert.equal(hover.range?.start.line, start.line);
    assert.ok(hover.range!.start.character <= start.character && hover.range!.end.character >= start.character + 'senprovision_spr19'.length - 1);
  });

  it('completes the columns of the frame from cell 1 inside a later cell, and resolves their documentation', async () => {
    const typing = 'census["fsm"] = census["';
    cells[2] = { ...cells[2]!, text: typing };
    await client.openNotebook(notebook, cells);
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: cellUri('typo') },
      position: { line: 0, character: typing.length },
    })) as CompletionList;
    const labels = list.items.map((item) => item.label);
    for (const name of ['fsmeligible_spr19', 'senprovision_spr19']) assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
    const item = list.items.find((i) => i.label === 'fsmeligible_spr19')!;
    const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined;
    if (edit) assert.equal(edit.start.line, 0, 'an edit range, if any, is on the cell\'s own line');
    const resolved = (await client.connection.sendRequest(CompletionResolveRequest.type, item)) as CompletionItem;
    assert.ok(resolved.documentation ?? item.documentation, 'documentation is there once resolved');
  });

  it('goes from a column in cell 3 to where the query in cell 1 reads it', async () => {
    await client.openNotebook(notebook, cells);
    const position = positionOf(TYPO_CELL, 'senprovision_spr19', 3);
    const locations = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: cellUri('typo') }, position })) as Location[];
    const inRead = locations.find((l) => l.uri === cellUri('read'));
    assert.ok(inRead, `a definition in the read cell among ${JSON.stringify(locations)}`);
    const read = positionOf(READ_CELL, 'senprovision_spr19');
    assert.deepEqual(inRead.range.start, read);
  });

  it('republishes when a cell is edited', async () => {
    await client.openNotebook(notebook, cells);
    await client.diagnosticsFor(cellUri('typo'), (params) => params.diagnostics.some((d) => d.code === 'LEO102'));
    await client.replaceCell(notebook, cellUri('typo'), FIXED_CELL);
    const fixed = await client.diagnosticsFor(cellUri('typo'), (params) => params.version === 2);
    assert.deepEqual(codes(fixed.diagnostics), []);
    // Editing the read cell changes what cell 3 means: the column is no longer read, so nothing is claimed.
    await client.replaceCell(notebook, cellUri('read'), READ_CELL.replace('fsmeligible_spr19, ', ''));
    await client.replaceCell(notebook, cellUri('typo'), TYPO_CELL);
    const again = await client.diagnosticsFor(cellUri('typo'), (params) => params.version === 3);
    assert.ok(again.diagnostics.some((d) => d.code === 'LEO102' && /fsmeligble_spr19/.test(messageOf(d))), 'a column the query does not read is unknown');
  });

  it('analyses the cells in their order: moved before the read, cell 3 says nothing; a deleted cell is cleared', async () => {
    await client.openNotebook(notebook, cells);
    await client.diagnosticsFor(cellUri('typo'), (params) => params.diagnostics.some((d) => d.code === 'LEO102'));
    // Move the typo cell to the front, as VS Code's client sends a move: one structure change that opens and
    // closes no cell text.
    const all = cells.map((cell) => cell.uri);
    await client.spliceCells(notebook, 0, 3, all, [cells[2]!, cells[0]!, cells[1]!], all);
    const moved = await client.diagnosticsFor(cellUri('typo'), (params) => !params.diagnostics.some((d) => d.code === 'LEO102'));
    assert.deepEqual(codes(moved.diagnostics), [], 'before the read, census is not a known frame');
    // Move it back after the read: the finding returns. Then delete the cell: its finding is cleared.
    await client.spliceCells(notebook, 0, 3, all, cells, all);
    await client.diagnosticsFor(cellUri('typo'), (params) => params.diagnostics.some((d) => d.code === 'LEO102'));
    await client.spliceCells(notebook, 2, 1, [cellUri('typo')], []);
    const cleared = await client.diagnosticsFor(cellUri('typo'), (params) => params.diagnostics.length === 0);
    assert.equal(cleared.version, undefined, 'cleared, not re-analysed');
  });

  it('checks SQL cells as T-SQL, whether their language is SQL or they start with %%sql', async () => {
    const sql = 'SELECT sc.fsmeligble_spr19\nFROM npd_i2.dbo.spring_census_2019 AS sc';
    await client.openNotebook(notebook, [
      ...cells,
      { uri: cellUri('sql'), languageId: 'sql', text: sql },
      { uri: cellUri('magic'), languageId: 'python', text: `%%sql\n${sql}` },
    ]);
    for (const [name, line] of [['sql', 0], ['magic', 1]] as const) {
      const published = await client.diagnosticsFor(cellUri(name), (params) => params.diagnostics.length > 0);
      const typo = published.diagnostics.find((d) => d.code === 'LEO102');
      assert.ok(typo, `LEO102 on the ${name} cell`);
      assert.deepEqual(typo.range.start, { line, character: 'SELECT sc.'.length });
    }
  });

  it('checks R cells (an R kernel\'s, or %%R in a Python notebook) as one R program, apart from the Python cells', async () => {
    const read = 'library(DBI)\ncon <- dbConnect(odbc::odbc(), dsn = "SRS")\npupils <- dbGetQuery(con, "SELECT fsmeligible_spr19, senprovision_spr19 FROM npd_i2.dbo.spring_census_2019")';
    const typo = 'table(pupils$fsmeligble_spr19)';
    await client.openNotebook(notebook, [
      ...cells,
      { uri: cellUri('r-read'), languageId: 'r', text: read },
      { uri: cellUri('r-magic'), languageId: 'python', text: `%%R\n${typo}` },
    ]);
    const published = await client.diagnosticsFor(cellUri('r-magic'), (params) => params.diagnostics.some((d) => d.code === 'LEO102'));
    const found = published.diagnostics.find((d) => d.code === 'LEO102')!;
    assert.deepEqual(found.range.start, { line: 1, character: 'table(pupils$'.length });
    const python = await client.diagnosticsFor(cellUri('typo'), (params) => params.diagnostics.length > 0);
    assert.ok(python.diagnostics.some((d) => d.code === 'LEO102'), 'the Python cells are still checked as Python');
  });

  it('clears every cell\'s diagnostics when the notebook closes', async () => {
    await client.openNotebook(notebook, cells);
    await client.diagnosticsFor(cellUri('typo'), (params) => params.diagnostics.length > 0);
    await client.closeNotebook(notebook, cells.map((cell) => cell.uri));
    for (const cell of cells) await client.diagnosticsFor(cell.uri, (params) => params.diagnostics.length === 0 && params.version === undefined);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cellUri('typo') }, position: positionOf(TYPO_CELL, 'senprovision_spr19', 3) });
    assert.equal(hover, null, 'a closed notebook\'s cells are not known');
  });
});
