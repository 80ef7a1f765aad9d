import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createServiceAnalyser } from './serviceAnalyser';
async function main() {
  const a = await createServiceAnalyser();
  const rec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8'));
  const text = fs.readFileSync(process.argv[2]!.replace(/\.json$/, '.input.' + (rec.language === 'sql' ? 'sql' : rec.language)), 'utf8');
  for (let rep = 0; rep < 2; rep++) {
    const times = new Map<string, number>();
    let last = performance.now(); let name = 'start';
    const started = last;
    a.exercise({ text, language: rec.language, inputSeed: rec.inputSeed } as any, (next) => { const now = performance.now(); const k = name.replace(/@\d+/, ''); times.set(k, (times.get(k) ?? 0) + now - last); last = now; name = next; });
    const now = performance.now(); times.set(name, (times.get(name) ?? 0) + now - last);
    console.log('total', (now - started).toFixed(0), [...times].map(([k, v]) => `${k}=${v.toFixed(0)}`).join(' '));
  }
}
void main();
