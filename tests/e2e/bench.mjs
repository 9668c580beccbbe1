// Benchmark (prints numbers, asserts nothing about time): load time of the release page until the
// first result is shown, the recompute time from typing a value to the updated result, the time
// from a change in the register to its autosave (the spec only checks that it is saved), and for
// registers of 100, 1,000 and 10,000 projects the edit-to-paint time (issue 7 budgets: ≤ 16 ms at
// 1,000, ≤ 50 ms at 10,000; printed as pass/fail lines, never failing the run) and the page's
// memory with 10,000 projects.
// It does fail (exit 1) when the page does not react: an edit that changes nothing within 5 s (or
// is not saved within 10 s), or
// a last result that is not the one the methodology gives, so a broken page is not timed as fast.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, openPage, showsValue, openRegister, bigRegister, ROOT, WASTEWATER } from './harness.mjs';

const RUNS = 7;
const EDITS = 20;
const wastewater = (q, r, d, c1, c2) => q * r * d * (c1 - c2) * 1e-6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const REGISTER_SIZES = [100, 1000, 10000];
const REGISTER_EDITS = 15;
const BUDGET_MS = { 1000: 16, 10000: 50 };
const SAMPLE = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Keeps the app's WebAssembly memory reachable, to report its size (the app is not changed). */
function exposeWasmMemory() {
  // The page compiles while it inflates (instantiateStreaming); instantiate is the fallback.
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const out = await original.apply(this, args);
      const instance = out.instance ?? out;
      if (instance.exports?.memory) window.__benchWasmMemory = instance.exports.memory;
      return out;
    };
  }
}

/**
 * Opens a generated register of `n` projects, then edits one measured project's "after COD" in
 * the form `edits` times. Each time: from the `input` event to the next animation frame after the
 * register's COD total shows the new value. Each edit lowers "after" by 0.1 t, so the total rises
 * by 0.1 t and always shows a new number at two decimals.
 */
export async function registerEdits(browser, origin, n, edits) {
  const { context, page, app } = await openPage(browser);
  await page.addInitScript(exposeWasmMemory);
  await page.goto(origin + '/');
  await app.ready();
  const file = bigRegister(SAMPLE, n);
  const t0 = Date.now();
  await openRegister(page, `register-${n}.json`, file);
  await page.locator('#register-count').getByText(`显示 ${n} / ${n}`).waitFor({ timeout: 60000 });
  const openMs = Date.now() - t0;
  const m = file.projects.findIndex((p) => p.measure.type === 'measured');
  const id = file.projects[m].id;
  // The sample's p16: COD 60 → 42 t.
  await page.locator(`#register-table tr[data-id="${id}"]`).getByRole('button', { name: '编辑', exact: true }).click();
  await page.locator('#f-after__cod_t').waitFor();
  const total = page.locator('#register-total-cod_t');
  const first = Number((await total.textContent()).replace(/,/g, ''));
  const pairs = await page.evaluate(async (count) => {
    const input = document.querySelector('#f-after__cod_t');
    const out = () => document.querySelector('#register-total-cod_t')?.textContent;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    const ms = [];
    for (let k = 1; k <= count; k++) {
      await frame(); // start each edit on a quiet page
      const before = out();
      const shown = new Promise((resolve, reject) => {
        const check = () => { if (out() !== before) { observer.disconnect(); clearTimeout(timer); resolve(); } };
        const observer = new MutationObserver(check);
        observer.observe(document.querySelector('#register-table tfoot'), { subtree: true, childList: true, characterData: true });
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`edit ${k}: #register-total-cod_t still shows ${before} after 5 s`)); }, 5000);
      });
      const t = performance.now();
      input.value = (42 - k / 10).toFixed(1);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await shown;
      const dom = performance.now() - t;
      ms.push([(await frame()) - t, dom]);
    }
    return ms;
  }, edits);
  const times = pairs.map(([paint]) => paint);
  const toDom = pairs.map(([, dom]) => dom);
  // Both totals are shown rounded to two decimals: within 0.01 of each other's true values.
  const last = await total.textContent();
  if (!(Math.abs(Number(last.replace(/,/g, '')) - (first + edits / 10)) <= 0.0101)) {
    throw new Error(`${n} projects: after ${edits} edits the COD total shows ${last}, expected ${first} + ${edits / 10}`);
  }
  let memory = null;
  if (n === Math.max(...REGISTER_SIZES)) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters').catch(() => null);
    const inPage = await page.evaluate(() => ({
      jsHeap: performance.memory?.usedJSHeapSize ?? null,
      wasm: window.__benchWasmMemory?.buffer.byteLength ?? null,
    }));
    memory = { ...inPage, cdpUsed: heap.usedSize, cdpTotal: heap.totalSize, nodes: dom?.nodes ?? null };
  }
  await context.close();
  return { n, openMs, times, toDom, memory };
}

/**
 * From a change in the register (typing p01's flow in the form) to the write of the register's
 * key in local storage (autosave waits DELAY, 300 ms, for more typing), `runs` times, in the
 * page's clock.
 */
export async function changeToSave(browser, origin, runs) {
  const { context, page, app } = await openPage(browser);
  await page.addInitScript((key) => {
    window.__saves = [];
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, value) {
      if (k === key) window.__saves.push(performance.now());
      return set.call(this, k, value);
    };
  }, 'jianpai.register.v1');
  await page.goto(origin + '/');
  await app.ready();
  await page.locator('#register-table tr[data-id="p01"] button').first().click();
  await page.locator('#estimate-title').getByText('编辑登记表中的项目').waitFor();
  const delays = [];
  for (let k = 1; k <= runs; k++) {
    delays.push(await page.evaluate(async (flow) => {
      const input = document.querySelector('#f-flow_m3_per_day');
      const t = performance.now();
      input.value = String(flow);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      let saved;
      while ((saved = window.__saves.find((s) => s > t)) === undefined) {
        if (performance.now() - t > 10000) throw new Error(`a change of p01's flow to ${flow} was not saved within 10 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return saved - t;
    }, 12000 + k));
  }
  await context.close();
  return delays;
}

/** Run as a script (not imported by bench/run.mjs, which reuses `registerEdits`). */
async function main() {
  const server = await serveDist();
  const browser = await launch();
  try {
    const loads = [];
    const recomputes = [];
    for (let i = 0; i < RUNS; i++) {
      const { context, page, app } = await openPage(browser);
      const t0 = Date.now();
      await page.goto(server.origin + '/');
      // The first result a visitor sees is the sample register's totals (the estimate form starts
      // blank, the sample's values its placeholders).
      await page.locator('#register-total-cod_t').waitFor();
      loads.push(Date.now() - t0);
      await app.ready();
      await app.type(WASTEWATER);
      await page.locator('#full-cod_t').waitFor();
      // Time inside the page: from the input event to the DOM showing the new value.
      // Each edit adds 1 m³/d, 0.0584 t of COD: always a different number at two decimals.
      const ms = await page.evaluate(async (n) => {
        const input = document.querySelector('#f-flow_m3_per_day');
        const out = document.querySelector('#full-cod_t');
        const times = [];
        for (let k = 1; k <= n; k++) {
          const before = out.textContent;
          const t = performance.now();
          input.value = String(10000 + k);
          input.dispatchEvent(new Event('input'));
          while (out.textContent === before) {
            if (performance.now() - t > 5000) throw new Error(`edit ${k}: #full-cod_t still shows ${before} after 5 s`);
            await new Promise((r) => setTimeout(r, 0));
          }
          times.push(performance.now() - t);
        }
        return times;
      }, EDITS);
      const last = await app.full('cod_t').textContent();
      const expected = wastewater(10000 + EDITS, 0.8, 365, 250, 50);
      if (!showsValue(last, expected)) throw new Error(`after the edits #full-cod_t shows ${last}, expected ${expected}`);
      recomputes.push(...ms);
      await context.close();
    }
    console.log(`page load to the register totals: median ${median(loads)} ms (min ${Math.min(...loads)}, max ${Math.max(...loads)}, ${RUNS} runs)`);
    console.log(`recompute after input:     median ${median(recomputes).toFixed(2)} ms (max ${Math.max(...recomputes).toFixed(2)}, ${recomputes.length} edits)`);
    const saves = await changeToSave(browser, server.origin, RUNS);
    console.log(`change to autosave:        median ${median(saves).toFixed(0)} ms (max ${Math.max(...saves).toFixed(0)}, ${saves.length} changes; autosave waits 300 ms)`);

    const results = [];
    for (const n of REGISTER_SIZES) results.push(await registerEdits(browser, server.origin, n, REGISTER_EDITS));
    console.log('\nregister edit to paint (input event → next animation frame after the COD total shows the new value)');
    console.log('projects | open+confirm | median ms | min ms | max ms | median to DOM ms | edits');
    console.log('-------- | ------------ | --------- | ------ | ------ | ---------------- | -----');
    for (const r of results) {
      console.log(`${String(r.n).padStart(8)} | ${`${r.openMs} ms`.padStart(12)} | ${median(r.times).toFixed(2).padStart(9)} | `
        + `${Math.min(...r.times).toFixed(2).padStart(6)} | ${Math.max(...r.times).toFixed(2).padStart(6)} | `
        + `${median(r.toDom).toFixed(2).padStart(16)} | ${String(r.times.length).padStart(5)}`);
    }
    console.log('(to DOM: input event → the total text changed, before the frame; frames come every ~16.7 ms)');
    for (const r of results) {
      const budget = BUDGET_MS[r.n];
      if (budget === undefined) continue;
      const med = median(r.times);
      console.log(`${med <= budget ? 'PASS' : 'FAIL'}: ${r.n} projects, median edit to paint ${med.toFixed(2)} ms (budget ≤ ${budget} ms, issue 7)`);
      // "In the next frame": the row and the totals change before the frame that follows the input
      // (edit-to-paint cannot be below one frame, ~16.7 ms, however fast the update: see 100 projects).
      if (budget <= 16) {
        const dom = median(r.toDom);
        console.log(`${dom < 16.7 ? 'PASS' : 'FAIL'}: ${r.n} projects, the change is in the DOM ${dom.toFixed(2)} ms after the input, `
          + 'so it is painted in the next frame (issue 7 item 9)');
      }
    }
    const mem = results.find((r) => r.memory)?.memory;
    if (mem) {
      console.log(`memory with ${REGISTER_SIZES.at(-1)} projects (after GC): JS heap ${mem.jsHeap === null ? 'n/a' : mb(mem.jsHeap)}`
        + ` (performance.memory), CDP Runtime.getHeapUsage used ${mb(mem.cdpUsed)} of ${mb(mem.cdpTotal)},`
        + ` WebAssembly memory ${mem.wasm === null ? 'n/a' : mb(mem.wasm)}, DOM nodes ${mem.nodes ?? 'n/a'}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
