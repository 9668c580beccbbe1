// Benchmark (prints numbers, asserts nothing about time): load time of the release page until the
// first result is shown, and the recompute time from typing a value to the updated result.
import { serveDist, launch, openPage } from './harness.mjs';

const RUNS = 7;
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
    const ms = await page.evaluate(async (n) => {
      const input = document.querySelector('#f-flow_m3_per_day');
      const out = document.querySelector('#full-cod_t');
      const times = [];
      for (let k = 1; k <= n; k++) {
        const before = out.textContent;
        const t = performance.now();
        input.value = String(10000 + k);
        input.dispatchEvent(new Event('input'));
        while (out.textContent === before) await new Promise((r) => setTimeout(r, 0));
        times.push(performance.now() - t);
      }
      return times;
    }, 20);
    recomputes.push(...ms);
    await context.close();
  }
  console.log(`page load to first result: median ${median(loads)} ms (min ${Math.min(...loads)}, max ${Math.max(...loads)}, ${RUNS} runs)`);
  console.log(`recompute after input:     median ${median(recomputes).toFixed(2)} ms (max ${Math.max(...recomputes).toFixed(2)}, ${recomputes.length} edits)`);
} finally {
  await browser.close();
  await server.close();
}
