// The benchmark (issue 8), run by scripts/bench.sh after it built the app, the Leptos baseline,
// the CLI, the criterion and in-browser engine timings and the twiggy listing: measures what is
// left (page bytes, cold loads of app and baseline in the same browser, the app's load with the CPU
// throttled 4×, edit-to-paint, CLI time and memory, the JS module's compute in Node against the
// CLI), prints one table with a PASS/FAIL line per budget (issue 20's table) and writes it to
// dist/bench.json. A part that is missing is reported "n/a", never failing the run; the run fails
// only when a page does not show what it should (a broken page is not timed as fast). When the
// build wrote the page in another wasm container too (dist/index.xz.html), both are loaded
// interleaved and compared ("container …" lines). BENCH_LOADS_ONLY=1 stops after the loads.
import { readFile, readdir, writeFile, mkdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import path from 'node:path';
import os from 'node:os';
import { createServer } from 'node:http';
import { launch, bigRegister, ROOT, serveDist, WASTEWATER } from '../tests/e2e/harness.mjs';
import { registerEdits } from '../tests/e2e/bench.mjs';

const DIST = path.join(ROOT, 'dist');
const OUT = path.join(DIST, 'bench');
const LOADS = Number(process.env.BENCH_LOADS ?? 11);
const CLI_RUNS = 5;
const THROTTLED_LOADS = Number(process.env.BENCH_THROTTLED_LOADS ?? 5);
// BENCH_LOADS_ONLY=1: the bytes and the loads only (no edits, engine, CLI or JS module lines).
const LOADS_ONLY = process.env.BENCH_LOADS_ONLY === '1';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const readJson = async (p) => (existsSync(p) ? JSON.parse(await readFile(p, 'utf8')) : null);
const KIB = 1024;

/** Raw, gzip -9 and brotli (quality 11) bytes of one file, or null when it is missing. */
async function bytesOf(file) {
  if (!existsSync(file)) return null;
  const data = await readFile(file);
  const brotli = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  return { raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length, brotli: brotli.length };
}

/** Serves one directory's page on 127.0.0.1 (the baseline's dist/baseline): `/` is index.html,
 * `/index.<codec>.html` the same page in another wasm container (JIANPAI_WASM_CODEC=gzip,xz). */
async function serveDir(dir) {
  const server = createServer(async (req, res) => {
    const name = new URL(req.url, 'http://x').pathname;
    const file = path.join(dir, name === '/' ? 'index.html' : name.slice(1));
    if (!/^\/(index\.[a-z]+\.html)?$/.test(name) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await readFile(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * One cold load (fresh context: no cache, no storage) to the paint that first shows `id`'s number:
 * the Element Timing API's `renderTime` of the element marked `elementtiming=id` (the app's COD
 * total, the baseline's counter), i.e. from the navigation's start. Polling the DOM instead would time
 * when the poll got to run, which a busy main thread (work after the first paint) delays.
 */
async function coldLoad(browser, origin, id, page = '/') {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__paints = {};
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__paints[e.identifier] ??= e.renderTime || e.startTime;
    }).observe({ type: 'element', buffered: true });
  });
  const tab = await context.newPage();
  await tab.goto(origin + page, { waitUntil: 'commit' });
  const inDom = await tab.waitForFunction((sel) => {
    const el = document.getElementById(sel);
    return el && /\d/.test(el.textContent) ? performance.now() : false;
  }, id, { polling: 'raf', timeout: 30000 });
  const dom = await inDom.jsonValue();
  const painted = await tab.waitForFunction((sel) => window.__paints[sel] ?? false, id, { polling: 'raf', timeout: 30000 });
  const paint = await painted.jsonValue();
  await context.close();
  return { dom, paint };
}

/**
 * One cold load of the app with the CPU throttled 4× (CDP `Emulation.setCPUThrottlingRate`, set
 * before the navigation): the paint of the sample's COD total (Element Timing, as `coldLoad`), and
 * the time to first input: as soon as the estimate form's first input (`#f-flow_m3_per_day`) is
 * in the page, the sample's wastewater values are typed into the form, which starts blank (one
 * `input` event per field, as tests/e2e/bench.mjs edits), and the time is taken at the animation
 * frame after its result (`#full-cod_t`) shows a number. Both from the
 * navigation's start, in the page's clock.
 */
async function throttledLoad(browser, origin, pagePath = '/') {
  const context = await browser.newContext();
  await context.addInitScript((values) => {
    window.__paints = {};
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__paints[e.identifier] ??= e.renderTime || e.startTime;
    }).observe({ type: 'element', buffered: true });
    window.__firstInput = new Promise((resolve) => {
      // The result is drawn once the form holds a complete project: watched every frame.
      const shown = () => {
        const out = document.getElementById('full-cod_t');
        if (out && /\d/.test(out.textContent)) requestAnimationFrame(() => resolve(performance.now()));
        else requestAnimationFrame(shown);
      };
      const poll = () => {
        if (!document.getElementById('f-flow_m3_per_day')) { requestAnimationFrame(poll); return; }
        for (const [key, text] of Object.entries(values)) {
          const field = document.getElementById(`f-${key}`);
          field.value = text;
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }
        shown();
      };
      requestAnimationFrame(poll);
    });
  }, WASTEWATER);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(origin + pagePath, { waitUntil: 'commit' });
  const painted = await page.waitForFunction((sel) => window.__paints[sel] ?? false, 'register-total-cod_t', { polling: 'raf', timeout: 60000 });
  const paint = await painted.jsonValue();
  const input = await page.evaluate(() => window.__firstInput);
  await context.close();
  return { paint, input };
}

/**
 * The JS module's `compute` (dist/js/node, scripts/build-js.sh) in this Node process on `file`
 * (a JS object): median of `runs` after two untimed runs (V8 compiles and tiers up the wasm
 * lazily), with and without trails; null when the module is missing or a compute fails.
 */
async function jsModuleCompute(file, runs) {
  const modulePath = path.join(DIST, 'js/node/jianpai.js');
  if (!existsSync(modulePath)) return null;
  const { createRequire } = await import('node:module');
  const jianpai = createRequire(import.meta.url)(modulePath);
  const out = {};
  for (const [key, options] of [['trails', undefined], ['numbers', { trails: false }]]) {
    const ms = [];
    for (let i = 0; i < runs + 2; i++) {
      const t = performance.now();
      const r = jianpai.compute(file, options);
      const dt = performance.now() - t;
      if (!r.ok || r.report.projects.length !== file.projects.length) { console.error(`JS module compute failed (${key})`); return null; }
      if (i >= 2) ms.push(dt);
    }
    out[key] = median(ms);
  }
  return out;
}

/** Wall-clock milliseconds of a command, median of CLI_RUNS (stdout discarded); null if it fails. */
function timeCommand(cmd, args) {
  const ms = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    if (r.status !== 0) { console.error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`); return null; }
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ms);
}

/** Peak resident memory (bytes) of a command, from GNU time's "Maximum resident set size". */
function peakRss(cmd, args) {
  if (!existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return r.status === 0 && m ? Number(m[1]) * 1024 : null;
}

/** Median of a criterion benchmark in ms, from its estimates.json (null when not run). */
async function criterionMs(group, name) {
  const est = await readJson(path.join(ROOT, 'target/criterion', group, name, 'new/estimates.json'));
  return est ? est.median.point_estimate / 1e6 : null;
}

const rows = [];
const fmt = (v, unit) => (v === null || v === undefined ? 'n/a' : `${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v.toLocaleString('en')}${unit}`);
/** One line of the table; `ok` is true/false for a budget line, undefined for a reported value. */
function row(what, value, unit, budget, ok) {
  const status = budget === undefined ? '' : (value === null || value === undefined ? 'n/a' : (ok ? 'PASS' : 'FAIL'));
  rows.push({ what, value: value ?? null, unit, shown: fmt(value, unit), budget: budget ?? '', status });
}

await mkdir(OUT, { recursive: true });
// The machine is shared: its load when the run starts and ends is part of the result.
const loadBefore = os.loadavg();

// 1. Bytes.
const page = await bytesOf(path.join(DIST, 'index.html'));
const base = await bytesOf(path.join(DIST, 'baseline/index.html'));
const parts = await readJson(path.join(DIST, 'sizes.json'));
const baseParts = await readJson(path.join(DIST, 'baseline/sizes.json'));
// Issue 20's budgets (KB = 1,000 B, as the issue counts 593,390 B as 593 KB).
row('page raw (dist/index.html)', page?.raw, ' B', '≤ 650,000 B', page && page.raw <= 650000);
row('page gzip -9', page?.gzip, ' B', '≤ 450,000 B', page && page.gzip <= 450000);
row('page brotli q11', page?.brotli, ' B');
for (const [key, label] of [['wasm', 'wasm (after wasm-opt)'], ['js', 'JS glue'], ['css', 'CSS']]) {
  row(`part: ${label}, raw / gzip`, parts?.[key] ? `${parts[key].raw.toLocaleString('en')} / ${parts[key].gzip.toLocaleString('en')}` : null, ' B');
}
row('baseline page raw / gzip / brotli', base ? `${base.raw.toLocaleString('en')} / ${base.gzip.toLocaleString('en')} / ${base.brotli.toLocaleString('en')}` : null, ' B');
row('baseline wasm raw / gzip', baseParts?.wasm ? `${baseParts.wasm.raw.toLocaleString('en')} / ${baseParts.wasm.gzip.toLocaleString('en')}` : null, ' B');
// The engine as a JS module (crates/js, issue 10): not part of the page; its own bytes.
const jsmod = await readJson(path.join(DIST, 'js/sizes.json'));
for (const t of ['web', 'node']) {
  const m = jsmod?.[t];
  row(`JS module (${t}) wasm + glue raw / gzip`, m ? `${(m.wasm.raw + m.js.raw).toLocaleString('en')} / ${(m.wasm.gzip + m.js.gzip).toLocaleString('en')}` : null, ' B');
}

// 2. Browser: cold loads (interleaved, so both see the same machine load), then edit-to-paint.
const appServer = await serveDist();
const baseServer = await serveDir(path.join(DIST, 'baseline'));
const browser = await launch();
const loads = { app: [], baseline: [] };
let edits = [];
const throttled = [];
// The same build's pages in the other wasm containers (scripts/inline_single_file.py writes
// dist/index.<codec>.html when built with JIANPAI_WASM_CODEC=gzip,xz, as scripts/bench.sh does):
// loaded interleaved with index.html, so every container sees the same machine load.
const codec = parts?.wasm?.codec ?? 'gzip';
const otherCodecs = (await readdir(DIST)).map((f) => /^index\.([a-z]+)\.html$/.exec(f)?.[1]).filter(Boolean).sort();
const byCodec = Object.fromEntries([codec, ...otherCodecs].map((c) => [c, {
  page: c === codec ? '/' : `/index.${c}.html`,
  base: c === codec ? '/' : (existsSync(path.join(DIST, `baseline/index.${c}.html`)) ? `/index.${c}.html` : null),
  app: [], baseline: [], throttled: [],
}]));
try {
  for (let i = 0; i < LOADS; i++) {
    for (const [c, m] of Object.entries(byCodec)) {
      const a = await coldLoad(browser, appServer.origin, 'register-total-cod_t', m.page);
      m.app.push(a);
      if (c === codec) loads.app.push(a);
      if (base && m.base) {
        const b = await coldLoad(browser, baseServer.origin, 'baseline-count', m.base);
        m.baseline.push(b);
        if (c === codec) loads.baseline.push(b);
      }
    }
  }
  for (let i = 0; i < THROTTLED_LOADS; i++) {
    for (const [c, m] of Object.entries(byCodec)) {
      const t = await throttledLoad(browser, appServer.origin, m.page);
      m.throttled.push(t);
      if (c === codec) throttled.push(t);
    }
  }
  if (!LOADS_ONLY) for (const n of [100, 1000, 10000]) edits.push(await registerEdits(browser, appServer.origin, n, 15));
} finally {
  await browser.close();
  await appServer.close();
  await baseServer.close();
}
const appLoad = median(loads.app.map((l) => l.paint));
const baseLoad = loads.baseline.length ? median(loads.baseline.map((l) => l.paint)) : null;
row(`load to sample totals in the DOM, app (median of ${LOADS})`, median(loads.app.map((l) => l.dom)), ' ms');
row(`load to counter in the DOM, baseline (median of ${LOADS})`,
  loads.baseline.length ? median(loads.baseline.map((l) => l.dom)) : null, ' ms');
row(`load to sample totals painted, app (median of ${LOADS}; Element Timing)`, appLoad, ' ms');
row(`load to counter painted, baseline (median of ${LOADS}; Element Timing)`, baseLoad, ' ms');
const loadRatio = baseLoad ? appLoad / baseLoad : null;
row('load ratio app / baseline', loadRatio, '×', '≤ 2.5×', loadRatio !== null && loadRatio <= 2.5);
const slowPaint = throttled.length ? median(throttled.map((l) => l.paint)) : null;
const slowInput = throttled.length ? median(throttled.map((l) => l.input)) : null;
row(`CPU throttled 4×: load to sample totals painted, app (median of ${throttled.length})`, slowPaint, ' ms', '≤ 1,500 ms', slowPaint !== null && slowPaint <= 1500);
row(`CPU throttled 4×: time to first input (first input's result repainted; median of ${throttled.length})`, slowInput, ' ms', '≤ 1,500 ms', slowInput !== null && slowInput <= 1500);
// The wasm's container, side by side (issue 20): each codec's page bytes and loads, as
// "median (min–max)" of the interleaved loads above. Reported values, not budget lines.
const spread = (xs) => (xs.length ? `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})` : null);
const containers = {};
if (otherCodecs.length) {
  for (const [c, m] of Object.entries(byCodec)) {
    const bytes = await bytesOf(path.join(DIST, m.page === '/' ? 'index.html' : m.page.slice(1)));
    const label = `container ${c}${c === codec ? ' (index.html)' : ''}`;
    containers[c] = { bytes, wasmInPage: parts?.wasm?.in_page_by_codec?.[c] ?? null, app: m.app, baseline: m.baseline, throttled: m.throttled };
    row(`${label}: page raw / gzip -9; wasm in the page`, bytes ? `${bytes.raw.toLocaleString('en')} / ${bytes.gzip.toLocaleString('en')}; ${(containers[c].wasmInPage ?? 0).toLocaleString('en')}` : null, ' B');
    row(`${label}: totals painted, app, median (min–max) of ${m.app.length}`, spread(m.app.map((l) => l.paint)), ' ms');
    row(`${label}: counter painted, baseline, median (min–max) of ${m.baseline.length}`, spread(m.baseline.map((l) => l.paint)), ' ms');
    row(`${label}: 4× throttled totals painted, median (min–max) of ${m.throttled.length}`, spread(m.throttled.map((l) => l.paint)), ' ms');
    row(`${label}: 4× throttled first input, median (min–max) of ${m.throttled.length}`, spread(m.throttled.map((l) => l.input)), ' ms');
  }
}
if (LOADS_ONLY) {
  // The rows so far, the machine's load, and every load in dist/bench-loads.json; nothing else run.
  const w = Math.max(...rows.map((r) => r.what.length));
  for (const r of rows) console.log(`${r.what.padEnd(w)} | ${r.shown} ${r.budget ? `| ${r.budget} | ${r.status}` : ''}`);
  const loadavg = { start: loadBefore, end: os.loadavg(), cpus: os.cpus().length };
  console.log(`machine: ${loadavg.cpus} CPUs, load average ${loadBefore.map((x) => x.toFixed(1)).join(' ')} at the start, ${loadavg.end.map((x) => x.toFixed(1)).join(' ')} at the end`);
  await writeFile(path.join(DIST, 'bench-loads.json'), JSON.stringify({ date: new Date().toISOString(), loadavg, rows, loads, throttled, containers }, null, 2) + '\n');
  process.exit(0);
}
edits = edits.map((r) => ({ n: r.n, paint: median(r.times), dom: median(r.toDom), openMs: r.openMs, memory: r.memory }));
for (const e of edits) {
  // Paint cannot come before the next frame (~16.7 ms), so the 1,000-project budget is read as
  // "the change is in the DOM within 16 ms, hence painted in the next frame" (as tests/e2e/bench.mjs).
  if (e.n === 1000) row('edit → DOM, 1,000 projects (painted next frame)', e.dom, ' ms', '≤ 16 ms', e.dom <= 16);
  row(`edit → paint, ${e.n.toLocaleString('en')} projects`, e.paint, ' ms', e.n === 10000 ? '≤ 50 ms' : undefined, e.paint <= 50);
}
const mem = edits.find((e) => e.memory)?.memory;
const memMb = mem?.wasm ? Math.round(mem.wasm / 2 ** 20) : null;
row('WebAssembly memory with 10,000 projects', memMb, ' MB', '≤ 50 MB', memMb !== null && memMb <= 50);

// 3. Engine: native (criterion) and in the browser (bench/engine/tests/engine.rs).
row('engine 10k compute, native (criterion median)', await criterionMs('10k projects', 'compute'), ' ms');
row('engine 10k compute numbers (no trail text), native', await criterionMs('10k projects', 'compute numbers'), ' ms');
row('engine 10k load + compute, native', await criterionMs('10k projects', 'load + compute'), ' ms');
row('engine 10k register recompute, cached, native', await criterionMs('10k projects', 'register recompute, all cached'), ' ms');
const wasmLines = existsSync(path.join(OUT, 'engine-wasm.txt')) ? await readFile(path.join(OUT, 'engine-wasm.txt'), 'utf8') : '';
const inBrowser = Object.fromEntries([...wasmLines.matchAll(/BENCH (\S+) ([\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
// The budget is the numbers (what the totals, CSV and check need); a trail is built when shown.
row('engine 10k compute numbers (no trail text), in the browser', inBrowser['compute-numbers'], ' ms', '≤ 5 ms', inBrowser['compute-numbers'] <= 5);
row('engine 10k compute, in the browser (release wasm)', inBrowser.compute, ' ms');
row('engine 10k load + compute, in the browser', inBrowser['load+compute'], ' ms');
row('engine 10k register compute, in the browser', inBrowser['register-compute'], ' ms');

// 4. CLI against node on the same files (written here from the sample, as the e2e specs do).
const cli = process.env.BENCH_CLI;
const sample = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const file10k = path.join(OUT, 'register-10000.json');
const file60k = path.join(OUT, 'register-60000.json');
await writeFile(file10k, JSON.stringify(bigRegister(sample, 10000), null, 2));
await writeFile(file60k, JSON.stringify(bigRegister(sample, 60000), null, 2));
// The JSON report (every trail) of 100,000 projects, written as it is computed (issue 21).
const file100k = path.join(OUT, 'register-100000.json');
await writeFile(file100k, JSON.stringify(bigRegister(sample, 100000), null, 2));
let cliMs = null; let nodeMs = null; let rss = null; let rssJson = null;
if (cli && existsSync(cli)) {
  cliMs = timeCommand(cli, ['report', file10k, '--format', 'csv']);
  rss = peakRss(cli, ['report', file60k, '--format', 'csv']);
  rssJson = peakRss(cli, ['report', file100k]);
}
nodeMs = timeCommand(process.execPath, ['-e', 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))', file10k]);
row('CLI report CSV, 10k-project file', cliMs, ' ms');
row('node start + JSON.parse, same file', nodeMs, ' ms');
const cliRatio = cliMs && nodeMs ? cliMs / nodeMs : null;
row('CLI / node', cliRatio, '×', '≤ 0.5×', cliRatio !== null && cliRatio <= 0.5);
// The JS module's compute of the same 10,000-project file (issue 20), against the release CLI's full
// JSON report of it (every trail; process start included, as a caller of the CLI pays it).
const cliJsonMs = cli && existsSync(cli) ? timeCommand(cli, ['report', file10k]) : null;
const jsm = await jsModuleCompute(bigRegister(sample, 10000), 5);
row('CLI report JSON (every trail), 10k-project file', cliJsonMs, ' ms');
row('JS module compute, 10k projects, Node, object → report object', jsm?.trails, ' ms');
const jsRatio = jsm && cliJsonMs ? jsm.trails / cliJsonMs : null;
row('JS module compute / CLI JSON report', jsRatio, '×', '≤ 1×', jsRatio !== null && jsRatio <= 1);
row('JS module compute {trails: false}, 10k projects, Node', jsm?.numbers, ' ms', '≤ 50 ms', jsm?.numbers != null && jsm.numbers <= 50);
const size60k = (await stat(file60k)).size;
const rssRatio = rss ? rss / size60k : null;
row(`CLI peak memory, 60k-project file (${(size60k / 2 ** 20).toFixed(1)} MB)`, rss ? Math.round(rss / 2 ** 20) : null, ' MB');
row('CLI peak memory / file size', rssRatio, '×', '≤ 5×', rssRatio !== null && rssRatio <= 5);
const size100k = (await stat(file100k)).size;
const rssJsonRatio = rssJson ? rssJson / size100k : null;
row(`CLI peak memory, JSON report, 100k-project file (${(size100k / 2 ** 20).toFixed(1)} MB)`, rssJson ? Math.round(rssJson / 2 ** 20) : null, ' MB');
row('CLI peak memory / file size, JSON report', rssJsonRatio, '×', '≤ 5×', rssJsonRatio !== null && rssJsonRatio <= 5);

// 5. The largest wasm contributors (twiggy top on the app's wasm optimised like the build, names kept).
const twiggy = await readJson(path.join(OUT, 'twiggy-top.json'));
// The name section is kept only for this listing (the shipped wasm has none): left out, and the
// shares are of the shipped wasm's size.
const shipped = parts?.wasm?.raw ?? null;
const top = (twiggy ?? []).filter((t) => !t.name.includes('"function names" subsection')).slice(0, 15)
  .map((t) => ({ name: t.name, bytes: t.shallow_size, percent: shipped ? (100 * t.shallow_size) / shipped : null }));

/**
 * The crate an item of twiggy's listing belongs to: the first path segment of a function's name
 * (`tachys::view::…`, `<T as tachys::…>` counts for the trait's crate), "data" for data segments,
 * "other" for the rest (imports, tables, the glue's shims). Shares are of the shipped wasm.
 */
function crateOf(name) {
  if (name.startsWith('data segment')) return 'data (read-only: texts, tables, libraries)';
  const own = name.match(/^<?&?(?:mut )?([a-z_][a-z_0-9]*)(?:\[[0-9a-f]+\])?::/);
  if (own && !name.startsWith('<')) return own[1];
  const impl = name.match(/ as ([a-z_][a-z_0-9]*)(?:\[[0-9a-f]+\])?::/);
  if (impl) return impl[1];
  return own ? own[1] : 'other';
}
const byCrate = new Map();
const allCsv = path.join(OUT, 'twiggy-all.csv');
if (existsSync(allCsv)) {
  const lines = (await readFile(allCsv, 'utf8')).trim().split('\n').slice(1);
  for (const line of lines) {
    // Name may hold commas (quoted); the four numeric columns are the last ones.
    const cols = line.split(',');
    const name = cols.slice(0, cols.length - 4).join(',').replace(/^"|"$/g, '');
    const bytes = Number(cols[cols.length - 4]);
    // The name sections exist only in this listing's build (the shipped wasm has none).
    if (/names"* subsection/.test(name)) continue;
    const c = crateOf(name);
    const e = byCrate.get(c) ?? { crate: c, bytes: 0, items: 0 };
    e.bytes += bytes; e.items += 1; byCrate.set(c, e);
  }
}
const crates = [...byCrate.values()].sort((a, b) => b.bytes - a.bytes).slice(0, 15)
  .map((c) => ({ ...c, percent: shipped ? (100 * c.bytes) / shipped : null }));

const w = Math.max(...rows.map((r) => r.what.length));
const v = Math.max(...rows.map((r) => r.shown.length));
console.log(`\n${'what'.padEnd(w)} | ${'value'.padStart(v)} | budget        | result`);
console.log(`${'-'.repeat(w)}-|-${'-'.repeat(v)}-|---------------|-------`);
for (const r of rows) console.log(`${r.what.padEnd(w)} | ${r.shown.padStart(v)} | ${r.budget.padEnd(13)} | ${r.status}`);
console.log('\nlargest wasm contributors (twiggy top, wasm-opt -Oz with names kept; % of the shipped wasm):');
if (!top.length) console.log('  n/a (dist/bench/twiggy-top.json missing)');
for (const t of top) console.log(`  ${String(t.bytes).padStart(8)} B ${(t.percent?.toFixed(2) ?? 'n/a').padStart(6)} %  ${t.name.slice(0, 110)}`);
console.log('\nwasm by crate (all of twiggy\'s items, grouped; % of the shipped wasm):');
if (!crates.length) console.log('  n/a (dist/bench/twiggy-all.csv missing)');
for (const c of crates) console.log(`  ${String(c.bytes).padStart(8)} B ${(c.percent?.toFixed(1) ?? 'n/a').padStart(5)} %  ${String(c.items).padStart(5)} items  ${c.crate}`);
const loadavg = { start: loadBefore, end: os.loadavg(), cpus: os.cpus().length };
console.log(`\nmachine: ${loadavg.cpus} CPUs, load average (1, 5, 15 min) ${loadBefore.map((x) => x.toFixed(1)).join(' ')} at the start, `
  + `${loadavg.end.map((x) => x.toFixed(1)).join(' ')} at the end`);
const result = { date: new Date().toISOString(), loadavg, rows, loads, throttled, containers, edits, jsModule: jsm, engineInBrowser: inBrowser, twiggyTop: top, wasmByCrate: crates };
await writeFile(path.join(DIST, 'bench.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`\nwritten: dist/bench.json (${rows.filter((r) => r.status === 'PASS').length} pass, `
  + `${rows.filter((r) => r.status === 'FAIL').length} fail, ${rows.filter((r) => r.status === 'n/a').length} n/a)`);
