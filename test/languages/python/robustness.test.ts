/**
 * The Python grammar is WebAssembly built by one tree-sitter release and run by another, so it is loaded the way
 * the extension ships it (from the package, from dist/, and from a bundle far from node_modules). The front end
 * never throws and stays bounded: deep nesting, a parse that runs out of time and a file past the analysis budget
 * each give a LEO000 note instead of a crash or silence.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { locateWasm, PYTHON_GRAMMAR_WASM, RUNTIME_WASM } from '../../../server/src/languages/embedded/wasmFiles';
import { MAX_ANALYSED_CHARACTERS, MAX_QUERY_CHARACTERS } from '../../../server/src/languages/python/parser/analysisBudget';
import { initialisePythonParser } from '../../../server/src/languages/python/parser/treeSitter';
import { analysePy, pyReady, REPO } from './support/analyse';

const LOAD_SCRIPT = path.join(__dirname, 'support', 'loadWasm.cjs');
const PACKAGE_RUNTIME = path.join(REPO, 'node_modules', 'web-tree-sitter', RUNTIME_WASM);
const PACKAGE_GRAMMAR = path.join(REPO, 'node_modules', 'tree-sitter-python', PYTHON_GRAMMAR_WASM);

describe('Python: WebAssembly grammar', function () {
  this.timeout(60000);

  it('loads from the sources: ABI 14, and parses Python without errors', async () => {
    const parser = await initialisePythonParser();
    assert.equal(parser.languageVersion, 14);
    const syntax = parser.parse('import pandas as pd\ndf = pd.read_sql("SELECT 1", conn)\n');
    assert.equal(syntax.broken.size, 0);
    assert.deepEqual(syntax.root.children.map((c) => c.type), ['import_statement', 'expression_statement']);
  });

  it('loads the package grammar and the one in dist/ with the pinned runtime', () => {
    const grammars = [PACKAGE_GRAMMAR, path.join(REPO, 'dist', PYTHON_GRAMMAR_WASM)].filter((file) => fs.existsSync(file));
    assert.ok(grammars.length === 2, 'the build copies the grammar into dist/');
    for (const grammar of grammars) {
      const run = spawnSync(process.execPath, [LOAD_SCRIPT, PACKAGE_RUNTIME, grammar], { cwd: REPO, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const outcome = JSON.parse(run.stdout) as { version: number; sexp: string; hasError: boolean };
      assert.equal(outcome.hasError, false, outcome.sexp);
      assert.match(outcome.sexp, /^\(module \(expression_statement \(assignment left: \(identifier\)/);
    }
  });

  it('runs the Python front end from a bundle laid out like dist/, with no node_modules anywhere above', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-py-dist-'));
    const entry = path.join(directory, 'entry.ts');
    const front = path.join(REPO, 'server', 'src', 'languages', 'python', 'index.ts');
    const catalogueModule = path.join(REPO, 'server', 'src', 'catalogue', 'index.ts');
    const catalogueFile = path.join(REPO, 'catalogue', 'leo-i2se.leo-catalogue.json');
    fs.writeFileSync(entry, [
      `import * as fs from 'node:fs';`,
      `import { pythonLanguage } from ${JSON.stringify(front)};`,
      `import { loadCatalogue } from ${JSON.stringify(catalogueModule)};`,
      `const catalogue = loadCatalogue([{ path: 'c', text: fs.readFileSync(${JSON.stringify(catalogueFile)}, 'utf8') }]).index!;`,
      `const text = 'df = pd.read_sql("SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019", conn)\\ndf["fsmeligble_spr19"]\\n';`,
      `pythonLanguage.initialise!().then(() => {`,
      `  const analysis = pythonLanguage.analyse(text, { catalogue, severityOverrides: {} });`,
      `  process.stdout.write(analysis.findings.map((f) => f.code).join(','));`,
      `}, (e) => { console.error(e); process.exit(1); });`,
    ].join('\n'));
    await esbuild.build({
      entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'],
      outfile: path.join(directory, 'server.js'), logLevel: 'silent', nodePaths: [path.join(REPO, 'node_modules')],
    });
    await esbuild.stop();
    fs.copyFileSync(PACKAGE_RUNTIME, path.join(directory, RUNTIME_WASM));
    fs.copyFileSync(PACKAGE_GRAMMAR, path.join(directory, PYTHON_GRAMMAR_WASM));
    assert.equal(locateWasm(PYTHON_GRAMMAR_WASM, directory), path.join(directory, PYTHON_GRAMMAR_WASM));
    const run = spawnSync(process.execPath, [path.join(directory, 'server.js')], { cwd: directory, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'LEO102');
  });
});

describe('Python: bounded and never throwing', function () {
  this.timeout(60000);
  before(pyReady);

  it('notes an expression nested past the depth limit instead of overflowing', () => {
    const deep = `df = pd.read_sql("SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019", conn)\nx = ${'('.repeat(3000)}df${')'.repeat(3000)}\ny = ${'f('.repeat(400)}1${')'.repeat(400)}\nprint(df.head())\n`;
    const analysis = analysePy(deep);
    const notes = analysis.findings.filter((f) => f.code === 'LEO000');
    assert.ok(notes.length >= 1, 'a LEO000 note');
    assert.match(notes[0]!.message, /nested more than/);
    assert.ok(analysis.dataflow().outputs.some((o) => o.kind === 'print'), 'the statements after it are still checked');
  });

  it('gives a LEO000 note when the parser runs out of time', async () => {
    const parser = await initialisePythonParser();
    const old = parser.setTimeLimit(0.001);
    try {
      const text = Array.from({ length: 4000 }, (_, i) => `x${i} = df.groupby(["a", "b"]).agg(n=("c", "count")).loc[lambda t: t.n >= 10]`).join('\n');
      const findings = analysePy(text).findings;
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.code, 'LEO000');
      assert.match(findings[0]!.message, /gave up/);
    } finally {
      parser.setTimeLimit(old);
    }
    assert.deepEqual(analysePy('x = 1\n').findings, [], 'the parser works again afterwards');
  });

  it('notes the part of a very long file past the analysis budget', () => {
    const line = 'print(pd.read_sql("SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019", conn).head())\n';
    const text = line.repeat(Math.ceil((MAX_ANALYSED_CHARACTERS + 10_000) / line.length));
    const analysis = analysePy(text);
    const note = analysis.findings.find((f) => f.code === 'LEO000');
    assert.ok(note !== undefined);
    assert.ok(note.start < MAX_ANALYSED_CHARACTERS && note.end === text.length);
    assert.ok(analysis.dataflow().outputs.every((o) => o.span.end <= MAX_ANALYSED_CHARACTERS));
  });

  it('notes a query too long to read as SQL instead of analysing it, and still reads a shorter one', () => {
    // A FROM list of many thousand sources is the shape that makes the T-SQL analysis of one query grow faster than its length.
    const sources = 'a, '.repeat(Math.ceil(MAX_QUERY_CHARACTERS / 3));
    const long = `SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019 s, ${sources}b`;
    const text = `big = pd.read_sql("""${long}""", conn)\nloose = """${long}"""\nsmall = pd.read_sql("SELECT fsmeligble_spr19 FROM npd_i2.dbo.spring_census_2019", conn)\n`;
    const analysis = analysePy(text);
    const notes = analysis.findings.filter((f) => f.code === 'LEO000');
    assert.equal(notes.length, 2, 'one note for each long string');
    for (const note of notes) {
      assert.equal(note.severity, 'info');
      assert.match(note.message, /longer than the 50,000 characters/);
      assert.ok(text.slice(note.start, note.end).startsWith('SELECT fsmeligible_spr19'), 'on the query');
    }
    const big = analysis.dataflow().frames.find((f) => f.span.start === text.indexOf('pd.read_sql'));
    assert.ok(big !== undefined && !big.columnsComplete && big.columns.length === 0, 'the long query gives a frame of unknown columns');
    assert.deepEqual(analysis.findings.filter((f) => f.code !== 'LEO000').map((f) => f.code), ['LEO102'], 'the short query is still checked');
  });

  it('answers every question on mangled and half-typed input without throwing', () => {
    const samples = [
      '', 'df[', 'df = pd.read_sql(', 'df = pd.read_sql("SELECT', '"""', 'f"{', 'def f(:\n  return', 'x = df.groupby("a").agg(n=(', 'print(*args, **kw)',
      'df.loc[lambda', 'with connect() as c:\n  c.execute(f"SELECT {', '\u0000\u0001', 'x = [' + '1,'.repeat(5000), 'lambda: lambda: lambda: 1',
      'exec("df = 1")\ndf["x"]', 'a = b = c = pd.read_sql(q, conn)\na["x"]', 'for x in y:\n  if z:\n    try:\n      pass\n    except:\n      w = 1\n  else:\n    pass',
    ];
    for (const text of samples) {
      const analysis = analysePy(text);
      for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 20))) {
        analysis.complete(offset);
        analysis.hover(offset);
        analysis.definition(offset);
      }
      analysis.symbols();
      analysis.folding();
      assert.ok(Array.isArray(analysis.dataflow().frames));
      assert.equal(analysis.dataflow().incomplete ?? undefined, undefined, `no statement failed in ${JSON.stringify(text.slice(0, 40))}`);
    }
  });
});
