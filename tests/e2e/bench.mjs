// Benchmark (prints numbers, asserts nothing about time): load time of the release page until the
// first result is shown, and the recompute time from typing a value to the updated result.
// It does fail (exit 1) when the page does not react: an edit that changes nothing within 5 s, or
// a last result that is not the one the methodology gives, so a broken page is not timed as fast.
import { serveDist, launch, openPage, showsValue } from './harness.mjs';

const RUNS = 7;
const EDITS = 20;
const wastewater = (q, r, d, c1, c2) => q * r * d * (c1 - c2) * 1e-6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serveDist();
const browser = await launch();
try {
  const loads = [];
  const recomputes = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page, app } = await openPage(browser);
    const t0 = Date.now();
    await page.goto(server.origin + '/');
    await page.locator('#full-cod_t').waitFor();
    loads.push(Date.now() - t0);
    await app.ready();
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
  console.log(`page load to first result: median ${median(loads)} ms (min ${Math.min(...loads)}, max ${Math.max(...loads)}, ${RUNS} runs)`);
  console.log(`recompute after input:     median ${median(recomputes).toFixed(2)} ms (max ${Math.max(...recomputes).toFixed(2)}, ${recomputes.length} edits)`);
} finally {
  await browser.close();
  await server.close();
}
