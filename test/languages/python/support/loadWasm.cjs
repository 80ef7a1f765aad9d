// Loads the runtime wasm and the Python grammar wasm with the pinned web-tree-sitter in a fresh process
// (the runtime can be initialised only once per process), parses a snippet and prints the outcome.
const fs = require('node:fs');
const Parser = require('web-tree-sitter');

async function main() {
  const [runtimePath, grammarPath] = process.argv.slice(2);
  await Parser.init({ wasmBinary: fs.readFileSync(runtimePath) });
  const language = await Parser.Language.load(fs.readFileSync(grammarPath));
  const parser = new Parser();
  parser.setLanguage(language);
  const tree = parser.parse('df = pd.read_sql(f"SELECT a FROM t WHERE y = {year}", conn)\nprint(df["a"].value_counts())\n');
  const result = { version: language.version, sexp: tree.rootNode.toString(), hasError: tree.rootNode.hasError };
  tree.delete();
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
