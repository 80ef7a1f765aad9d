/**
 * `npm run bench`: runs every benchmark, each in its own process so that one's heap and JIT state
 * do not colour the next one's figures.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const BENCHES = ['catalogue.bench.ts', 'sql.bench.ts', 'r.bench.ts', 'python.bench.ts', 'stata.bench.ts', 'service.bench.ts'];

let failed = false;
for (const bench of BENCHES) {
  process.stdout.write(`\n== ${bench} ==\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(__dirname, bench), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
