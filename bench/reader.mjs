// The CLI and JS-module lines of bench/run.mjs alone (issue 20), for comparing builds of the
// reader without the whole benchmark: the same 10,000-project file (bigRegister of the sample,
// written with two-space indents as run.mjs writes it), then ROUNDS rounds, each running every
// command once in turn (interleaved, so that the machine's load falls on all alike):
//   - each CLI given, `report FILE --format csv` and `report FILE` (every trail), process start
//     included, stdout discarded;
//   - node start + JSON.parse of the file (run.mjs's reference);
//   - each JS module given (a dist/js/node directory), compute(object) with and without trails
//     in this process (two untimed runs first).
// Prints the median and minimum of each, and the load average before and after.
//
//   node bench/reader.mjs --cli old=/tmp/jianpai-old --cli new=target/release/jianpai \
//     --js new=dist/js/node [--rounds 9] [--projects 10000]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { bigRegister, ROOT } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const clis = [];
const modules = [];
let rounds = 9;
let n = 10000;
for (let i = 0; i < args.length; i += 2) {
  const [name, value] = args[i + 1].includes('=') ? args[i + 1].split('=') : [args[i + 1], args[i + 1]];
  if (args[i] === '--cli') clis.push({ name, bin: path.resolve(value) });
  else if (args[i] === '--js') modules.push({ name, dir: path.resolve(value) });
  else if (args[i] === '--rounds') rounds = Number(args[i + 1]);
  else if (args[i] === '--projects') n = Number(args[i + 1]);
  else throw new Error(`unknown argument ${args[i]}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sample = JSON.parse(readFileSync(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const file = bigRegister(sample, n);
const dir = path.join(ROOT, 'dist/bench');
mkdirSync(dir, { recursive: true });
const filePath = path.join(dir, `register-${n}.json`);
writeFileSync(filePath, JSON.stringify(file, null, 2));

function run(cmd, argv) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const lines = [];
for (const c of clis) {
  lines.push({ what: `CLI ${c.name}: report CSV`, time: () => run(c.bin, ['report', filePath, '--format', 'csv']) });
  lines.push({ what: `CLI ${c.name}: report JSON`, time: () => run(c.bin, ['report', filePath]) });
}
lines.push({ what: 'node start + JSON.parse', time: () => run(process.execPath, ['-e', 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))', filePath]) });
for (const m of modules) {
  const jianpai = createRequire(import.meta.url)(path.join(m.dir, 'jianpai.js'));
  const timed = (options) => () => {
    const t = performance.now();
    const r = jianpai.compute(file, options);
    const dt = performance.now() - t;
    if (!r.ok || r.report.projects.length !== n) throw new Error(`JS module ${m.name}: compute failed`);
    return dt;
  };
  for (const options of [undefined, { trails: false }]) for (let i = 0; i < 2; i++) timed(options)();
  lines.push({ what: `JS ${m.name}: compute`, time: timed(undefined) });
  lines.push({ what: `JS ${m.name}: compute {trails: false}`, time: timed({ trails: false }) });
}

const before = loadavg().map((x) => x.toFixed(2)).join(' ');
const times = lines.map(() => []);
for (let r = 0; r < rounds; r++) lines.forEach((l, i) => times[i].push(l.time()));
const after = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`${n} projects, ${rounds} interleaved rounds; load average ${before} → ${after}`);
lines.forEach((l, i) => {
  console.log(`${l.what.padEnd(44)} median ${median(times[i]).toFixed(1).padStart(8)} ms   min ${Math.min(...times[i]).toFixed(1).padStart(8)} ms`);
});
