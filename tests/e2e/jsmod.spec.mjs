// End-to-end spec of the engine as a JavaScript module (issue 10 item 4): the example page
// (examples/js) imports the browser build (dist/js/web, from scripts/build-js.sh) in headless
// Chromium, served on loopback, and shows the totals `jianpai report` computes for the same file;
// a bad pasted file shows typed errors naming project and field. No request leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launch, openPage, ROOT } from './harness.mjs';

const SAMPLE_PATH = path.join(ROOT, 'crates/core/data/sample.json');
const CLI = process.env.JIANPAI_CLI ?? path.join(ROOT, 'target/debug/jianpai');
const KEYS = ['cod_t', 'nh3n_t', 'so2_t', 'nox_t', 'vocs_t', 'tce', 'water_t', 'co2_t', 'enterprises', 'equipment', 'boilers'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json' };
// Only what the example needs is served: the page, the module, the sample.
const SERVED = ['examples/js/', 'dist/js/web/', 'crates/core/data/'].map((d) => path.join(ROOT, d));

/** Serves the repository's example, module and sample on 127.0.0.1 at a free port. */
async function serveExample() {
  const server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const file = path.join(ROOT, path.normalize(rel));
    if (!SERVED.some((d) => file.startsWith(d)) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

let server;
let browser;
before(async () => {
  for (const f of [path.join(ROOT, 'dist/js/web/jianpai.js'), CLI]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run bash scripts/build-js.sh and cargo build -p jianpai-cli`);
  }
  server = await serveExample();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The totals table as { key: { credited, full } }, the exact numbers the page was given. */
const shownTotals = (page) => page.locator('#totals tbody tr').evaluateAll((rows) => Object.fromEntries(
  rows.map((r) => [r.dataset.key, {
    credited: Number(r.querySelector('.credited').dataset.value),
    full: Number(r.querySelector('.full-year').dataset.value),
    text: r.querySelector('.credited').textContent,
  }])));

test('the example page computes the sample in Chromium with the CLI\'s totals, and shows typed errors', async () => {
  const expected = JSON.parse(execFileSync(CLI, ['report', SAMPLE_PATH], { encoding: 'utf8' }));
  const { context, page, requests, errors } = await openPage(browser);
  try {
    await page.goto(`${server.origin}/examples/js/index.html`);
    const run = page.getByRole('button', { name: '计算示例文件 · Compute the sample file' });
    await page.locator('#run-sample:enabled').waitFor({ timeout: 20000 });
    await run.click();
    await page.locator('#totals:not([hidden]) tbody tr').first().waitFor({ timeout: 10000 });
    const totals = await shownTotals(page);
    assert.deepStrictEqual(Object.keys(totals), KEYS);
    for (const k of KEYS) {
      assert.equal(totals[k].credited, expected.totals[k], `credited ${k}`);
      assert.equal(totals[k].full, expected.full_year_totals[k], `full year ${k}`);
    }
    // What a reader sees is the same number, rounded to at most two decimals.
    assert.equal(Number(totals.cod_t.text.replace(/,/g, '')), Math.round(expected.totals.cod_t * 100) / 100);
    assert.equal(await page.locator('#bulletin').textContent(), `${expected.bulletin.zh} ${expected.bulletin.en}`);

    // The walker in the browser (crates/js/src/input.rs `walk`): the sample as an object gives what
    // its text gives; a file with NaN and a lone surrogate (on which the walker gives up) the text
    // path's errors (the same members on a top object of another prototype, read as text).
    const walked = await page.evaluate(async (text) => {
      const m = await import('/dist/js/web/jianpai.js');
      await m.default();
      const asObject = m.compute(JSON.parse(text));
      const bad = JSON.parse(text);
      bad.projects[0].measure.days = NaN;
      bad.projects[1].name = 'x\ud800';
      const viaText = Object.assign(Object.create(Object.create(null)), bad);
      const badWalked = m.compute(bad);
      // Forwarding Proxies: their getPrototypeOf trap is asked by the walker only (JSON.stringify
      // never asks), so a count above 0 and the plain object's result show the walker read them.
      let asked = 0;
      const file = JSON.parse(text);
      file.projects = file.projects.map((q) => new Proxy(q, { getPrototypeOf(t) { asked += 1; return Object.getPrototypeOf(t); } }));
      const proxied = JSON.stringify(m.compute(file)) === JSON.stringify(asObject);
      return {
        proxied,
        asked: asked > 0,
        ok: asObject.ok,
        same: JSON.stringify(asObject) === JSON.stringify(m.compute(text)),
        badOk: badWalked.ok,
        badSame: JSON.stringify(badWalked) === JSON.stringify(m.compute(viaText)),
      };
    }, await readFile(SAMPLE_PATH, 'utf8'));
    assert.deepStrictEqual(walked, { proxied: true, asked: true, ok: true, same: true, badOk: false, badSame: true });

    // A pasted file with a bad field: the errors name the project and the field; no totals.
    const bad = JSON.parse(await readFile(SAMPLE_PATH, 'utf8'));
    bad.projects[1].measure.load_rate = -1;
    await page.getByLabel('粘贴项目文件（JSON） · Paste a project file (JSON)').fill(JSON.stringify(bad));
    await page.getByRole('button', { name: '计算粘贴的文件 · Compute the pasted file' }).click();
    const item = page.locator('#errors:not([hidden]) li').first();
    await item.waitFor({ timeout: 10000 });
    assert.equal(await item.getAttribute('data-project'), bad.projects[1].id);
    assert.equal(await item.getAttribute('data-field'), 'measure.load_rate');
    assert.match(await item.textContent(), new RegExp(`project ${bad.projects[1].id}, `));
    assert.equal(await page.locator('#totals').isHidden(), true);

    // Not JSON at all: a message, no exception on the page.
    await page.getByLabel('粘贴项目文件（JSON） · Paste a project file (JSON)').fill('{"format": "jianpai/1",');
    await page.getByRole('button', { name: '计算粘贴的文件 · Compute the pasted file' }).click();
    await page.locator('#errors li[data-code="syntax"]').waitFor({ timeout: 10000 });

    assert.deepStrictEqual(errors, [], 'no console errors or page exceptions');
    const foreign = requests.filter((u) => !u.startsWith(`${server.origin}/`));
    assert.deepStrictEqual(foreign, [], 'every request stays on the page\'s own origin');
  } finally {
    await context.close();
  }
});
