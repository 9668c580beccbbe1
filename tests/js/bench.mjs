// Benchmark of the engine as a JavaScript module (prints numbers, asserts nothing about time):
// its sizes (dist/js/sizes.json, written by scripts/build-js.sh) and, in Node, the time compute()
// takes on the sample and on registers of 1,000 and 10,000 projects (the sample's projects in
// turn), with the text or a JS object as input. Exits 1 only if a compute fails or the module or
// its sizes are missing, so a broken module is not timed as fast.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jianpai, ROOT, SAMPLE_TEXT } from './helpers.mjs';

const RUNS = 7;
// Untimed runs first: V8 compiles the wasm lazily and tiers it up, which would be timed otherwise.
const WARMUP = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const sizes = JSON.parse(readFileSync(path.join(ROOT, 'dist/js/sizes.json'), 'utf8'));
console.log('JS module sizes (wasm after wasm-opt -Oz; gzip -9):');
for (const [target, parts] of Object.entries(sizes)) {
  for (const [part, s] of Object.entries(parts)) {
    console.log(`  ${`${target} ${part}`.padEnd(10)} ${String(s.raw).padStart(9)} B raw ${String(s.gzip).padStart(9)} B gzip`);
  }
}

const sample = JSON.parse(SAMPLE_TEXT);
// The sample's projects in turn, each named enterprise numbered (as tests/e2e/harness.mjs's
// bigRegister): copies of one enterprise's project would all be double-counting pairs.
function register(n) {
  const projects = Array.from({ length: n }, (_, i) => {
    const p = { ...sample.projects[i % sample.projects.length], id: `q${i + 1}` };
    if (p.enterprise) p.enterprise = `${p.enterprise} #${i + 1}`;
    return p;
  });
  return { ...sample, projects };
}

console.log(`\ncompute() in Node (input to report object): ${RUNS} runs after ${WARMUP} untimed`);
console.log('projects | input                   | median ms | min ms');
for (const [n, file] of [[sample.projects.length, sample], [1000, register(1000)], [10000, register(10000)]]) {
  for (const [kind, input, options] of [['text', JSON.stringify(file)], ['object', file],
    ['object, {trails: false}', file, { trails: false }]]) {
    const times = [];
    for (let r = 0; r < WARMUP + RUNS; r += 1) {
      const t0 = performance.now();
      const result = jianpai.compute(input, options);
      if (r >= WARMUP) times.push(performance.now() - t0);
      if (!result.ok || result.report.projects.length !== n) {
        console.error(`compute failed on ${n} projects (${kind}): ${JSON.stringify(result.errors?.slice(0, 3))}`);
        process.exit(1);
      }
    }
    console.log(`${String(n).padStart(8)} | ${kind.padEnd(23)} | ${median(times).toFixed(1).padStart(9)} | ${Math.min(...times).toFixed(1).padStart(6)}`);
  }
}
