/**
 * The fast copy of an error-free tree (fields from child order, identifier ends and plain string literals read from
 * the text) must give the same named nodes as the exact copy, which asks tree-sitter for every position and field.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadGrammar, type LoadedGrammar } from '../../../server/src/languages/embedded/treeSitterGrammar';
import { PYTHON_GRAMMAR_WASM } from '../../../server/src/languages/embedded/wasmFiles';
import type { PyNode } from '../../../server/src/languages/python/parser/syntaxTree';
import { copyTree } from '../../../server/src/languages/python/parser/treeSitter';
import { pythonScript } from '../../../bench/support/pythonScript';
import { PY_FIXTURES } from './support/analyse';

/** Literals of every shape the grammar reads without interpolations, and a few with them. */
const STRINGS = String.raw`
a = "abc" + '' + """x "y" ''' z""" + '''q''' + """""" + ""
b = r"a\d" + R'\\' + b'\x00z' + Rb"""raw""" + u"é" + BR'x' + rb""
c = "tab\tand \u00e9 and \N{EM DASH} and \\ and \'" 'joined' "again"
d = "line \
continued"
e = f"{a}b" + F'{b!r:>{width}}' + rf"\d{c}" + f"{{literal}}" + f"""{d}
"""
g = "{not_a_hole}" + '%s' % e
h = ("first"
     "second")
`;

/** Nodes whose start and end the fast walk takes from their children, laid out as people write them. */
const LAYOUTS = String.raw`
t = (df  # the frame
     .groupby("a")  # by a
     .agg(n=("b", "count"))
     )
print(x),
y = a if b else (c
    if d else e)
z = t[  # rows
  t["n"] >= 10
]
w = {"k": v, **rest}
n += 1; m -= 2
total = a + \
    b
f(a)(b)[c].d
q = lambda r: r["x"] > 1 and not r["y"] or r["z"] in (1, 2)
if (n := len(t)) > 10: pass
`;

function inputs(): { name: string; text: string }[] {
  const out = [{ name: 'string shapes', text: STRINGS }, { name: 'layouts', text: LAYOUTS }, { name: 'generated script', text: pythonScript(400) }];
  for (const folder of ['valid', 'seeded', 'golden']) {
    const directory = path.join(PY_FIXTURES, folder);
    if (!fs.existsSync(directory)) continue;
    for (const file of fs.readdirSync(directory).filter((f) => f.endsWith('.py')).sort()) out.push({ name: `${folder}/${file}`, text: fs.readFileSync(path.join(directory, file), 'utf8') });
  }
  const examples = path.join(PY_FIXTURES, '..', '..', '..', 'examples', 'python');
  if (fs.existsSync(examples)) for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.py')).sort()) out.push({ name: `examples/${file}`, text: fs.readFileSync(path.join(examples, file), 'utf8') });
  const semantics = path.join(__dirname, 'semantics');
  for (const file of fs.readdirSync(semantics).filter((f) => f.endsWith('.py')).sort()) out.push({ name: `semantics/${file}`, text: fs.readFileSync(path.join(semantics, file), 'utf8') });
  return out;
}

/**
 * The named nodes with their places, and fields where the fast walk gives one (under parents whose children the
 * analysis tells apart by type it gives none); the exact walk also keeps keywords the fast one drops.
 */
function shape(node: PyNode, fieldsOf: PyNode): string[] {
  const lines: string[] = [];
  const walk = (n: PyNode, f: PyNode, depth: number): void => {
    const named = n.children.filter((c) => c.named);
    const namedF = f.children.filter((c) => c.named);
    lines.push(`${'  '.repeat(depth)}${n.type} ${n.start}-${n.end}${f.field !== undefined ? ` ${n.field}` : ''}`);
    named.forEach((child, i) => walk(child, namedF[i] ?? child, depth + 1));
  };
  walk(node, fieldsOf, 0);
  return lines;
}

describe('Python: the fast tree copy', function () {
  this.timeout(60000);
  let grammar: LoadedGrammar;
  before(async () => {
    grammar = await loadGrammar(PYTHON_GRAMMAR_WASM, 5000);
  });

  it('gives the named nodes of the exact copy on every error-free input', () => {
    let strings = 0;
    for (const input of inputs()) {
      const tree = grammar.parser.parse(input.text);
      try {
        if (tree.rootNode.hasError) continue;
        const fast = copyTree(tree, grammar.tables, input.text);
        const exact = copyTree(tree, grammar.tables, input.text, true);
        assert.deepEqual(shape(fast.root, fast.root), shape(exact.root, fast.root), input.name);
        strings += shape(fast.root, fast.root).filter((l) => l.trimStart().startsWith('string ')).length;
      } finally {
        tree.delete();
      }
    }
    assert.ok(strings > 100, 'the inputs hold many string literals');
  });

  it('reads the parts of a plain literal from its text and walks into an f-string', () => {
    const text = 'x = Rb"""q""" + f"{a}b" + ""\n';
    const tree = grammar.parser.parse(text);
    try {
      const root = copyTree(tree, grammar.tables, text).root;
      const strings: PyNode[] = [];
      const stack = [root];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (n.type === 'string') strings.push(n);
        else stack.push(...n.children);
      }
      strings.sort((a, b) => a.start - b.start);
      const parts = (n: PyNode): string[] => n.children.map((c) => `${c.type}:${text.slice(c.start, c.end)}`);
      assert.deepEqual(parts(strings[0]!), ['string_start:Rb"""', 'string_content:q', 'string_end:"""']);
      assert.deepEqual(parts(strings[1]!), ['string_start:f"', 'interpolation:{a}', 'string_content:b', 'string_end:"']);
      assert.deepEqual(parts(strings[2]!), ['string_start:"', 'string_end:"']);
    } finally {
      tree.delete();
    }
  });
});
