// Shared set-up of the end-to-end specs: a loopback static server for dist/, Debian's Chromium
// driven by playwright-core (from tools/node_modules), request recording, and a page object.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');

const TYPES = { '.html': 'text/html; charset=utf-8', '.wasm': 'application/wasm', '.js': 'text/javascript', '.css': 'text/css' };

/** The debug CLI, built first (a no-op when up to date), so that a spec compares the app with the
 * engine of this tree. */
export const CLI = path.join(ROOT, 'target/debug/jianpai');
export function buildCli() {
  execFileSync('cargo', ['build', '-q', '-p', 'jianpai-cli'], { cwd: ROOT, stdio: 'inherit' });
  assert.ok(existsSync(CLI), `${CLI} was built`);
  return CLI;
}

/** Serves dist/ on 127.0.0.1 at a free port. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.join(DIST, path.normalize(rel));
    if (!file.startsWith(DIST) || !existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

function chromiumPath() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/lib/chromium/chromium']) {
    if (p && existsSync(p)) return p;
  }
  throw new Error('Chromium not found: install Debian\'s chromium package or set CHROMIUM');
}

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh context and page that records every request and every console error. */
export async function openPage(browser, { offline = false } = {}) {
  const context = await browser.newContext({ offline });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, requests, errors, app: new AppPage(page) };
}

/** Decimals the app shows (two; ".00" is left off): a shown number is the value rounded to that. */
export const SHOWN_DECIMALS = 2;
const HALF_UNIT = 0.5 * 10 ** -SHOWN_DECIMALS;
/** A number as the app writes it: commas between thousands, no decimals or exactly two. */
export const SHOWN_FORMAT = /^-?\d{1,3}(,\d{3})*(\.\d{2})?$/;
/** Whether `shown` is `expected` rounded to the shown decimals (half a unit, plus float noise). */
export const showsValue = (shown, expected) => SHOWN_FORMAT.test(shown)
  && Math.abs(Number(shown.replace(/,/g, '')) - expected) <= HALF_UNIT + 1e-9 * Math.max(1, Math.abs(expected));

/** Page object: what a user sees and does in the app. */
export class AppPage {
  constructor(page) { this.page = page; }
  async ready() { await this.page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 }); }
  field(key) { return this.page.locator(`#f-${key}`); }
  fieldError(key) { return this.page.locator(`#f-${key}-error`); }
  async fill(key, value) { await this.field(key).fill(value); }
  async selectMonth(m) { await this.page.locator('#f-start_month').selectOption(String(m)); }
  /** Types each `path: text` of `values` into its field, as an applicant fills the blank form,
   * and chooses the start month `month` if given. */
  async type(values, month) {
    for (const [key, text] of Object.entries(values)) await this.fill(key, text);
    if (month !== undefined) await this.selectMonth(month);
  }
  full(key) { return this.page.locator(`#full-${key}`); }
  credited(key) { return this.page.locator(`#credited-${key}`); }
  /** A displayed number ("1,168.25", "584") as a JS number; anything else (blank too) throws. */
  async number(locator) {
    const shown = await locator.textContent({ timeout: 5000 });
    if (!SHOWN_FORMAT.test(shown)) throw new Error(`${locator} shows ${JSON.stringify(shown)}, not a number as displayed`);
    return Number(shown.replace(/,/g, ''));
  }
  /** Asserts that `locator` shows `expected` as the app displays it (rounded to two decimals). */
  async assertShows(locator, expected) {
    const shown = await locator.textContent({ timeout: 5000 });
    if (!showsValue(shown, expected)) {
      throw new Error(`${locator} shows ${JSON.stringify(shown)}, expected ${expected} to ${SHOWN_DECIMALS} decimals`);
    }
  }
  /** Waits until the full-year cell of `key` shows `expected`; on timeout says what it shows. */
  async waitForFull(key, expected) {
    try {
      await this.page.waitForFunction(([k, e, format, half]) => {
        const el = document.querySelector(`#full-${k}`);
        const shown = el?.textContent ?? '';
        return new RegExp(format).test(shown)
          && Math.abs(Number(shown.replace(/,/g, '')) - e) <= half + 1e-9 * Math.max(1, Math.abs(e));
      }, [key, expected, SHOWN_FORMAT.source, HALF_UNIT], { timeout: 10000 });
    } catch (e) {
      const shown = await this.full(key).textContent({ timeout: 1000 }).catch(() => '(no such element)');
      throw new Error(`#full-${key} shows ${JSON.stringify(shown)}, expected ${expected}: ${e.message.split('\n')[0]}`);
    }
  }
}

/** The sample's wastewater project (crates/core/data/sample.json p01: 10,000 m³/d, load 0.8,
 * 365 d, COD 250 → 50, NH₃-N 30 → 5 mg/L, from July) as an applicant types it into the blank
 * form (the form starts empty, the sample's values its placeholders): `app.type(WASTEWATER, 7)`. */
export const WASTEWATER = {
  flow_m3_per_day: '10000', load_rate: '0.8', days: '365',
  cod_before_mg_l: '250', cod_after_mg_l: '50', nh3n_before_mg_l: '30', nh3n_after_mg_l: '5',
};

/** The credited amounts of the register table, in column order (ids of its totals cells). */
export const REGISTER_KEYS = ['cod_t', 'nh3n_t', 'so2_t', 'nox_t', 'vocs_t', 'tce', 'water_t'];

/** Puts a file into the hidden file input, as choosing it in the "open" dialog does. */
export async function chooseFile(page, name, json) {
  const body = typeof json === 'string' ? json : JSON.stringify(json);
  await page.setInputFiles('#open-file', { name, mimeType: 'application/json', buffer: Buffer.from(body) });
}

/** Opens a register file the way a user does: choose it, see the preview, replace the register. */
export async function openRegister(page, name, json) {
  await chooseFile(page, name, json);
  await page.locator('#open-preview').waitFor({ timeout: 20000 });
  await page.locator('#confirm-open').click();
  // A register with changes since it was last saved asks first: this helper replaces it. (The
  // summary's title is only attached, not shown, in a phone's register view.)
  await page.locator('#confirm-discard').or(page.locator('#portfolio-title').getByText(name))
    .first().waitFor({ state: 'attached', timeout: 20000 });
  if (await page.locator('#confirm-discard').count()) await page.locator('#confirm-proceed').click();
  await page.locator('#open-preview').waitFor({ state: 'detached', timeout: 20000 });
  await page.locator('#portfolio-title').getByText(name).waitFor({ state: 'attached', timeout: 20000 });
}

/** The ids of the register rows drawn, top to bottom. */
export const rowIds = (page) =>
  page.locator('#register-table tr[data-id]').evaluateAll((rows) => rows.map((r) => r.dataset.id));

/** A register of `n` projects made of the sample's projects in turn, ids q00001…, names numbered. */
export function bigRegister(sample, n) {
  const width = String(n).length;
  const projects = Array.from({ length: n }, (_, i) => {
    const p = structuredClone(sample.projects[i % sample.projects.length]);
    p.id = `q${String(i + 1).padStart(width, '0')}`;
    p.name = `${p.name} #${i + 1}`;
    return p;
  });
  return { ...sample, title: `${n} projects`, projects };
}

/**
 * The one poller of the specs: calls `probe` (sync or async) every `interval` ms until `until`
 * accepts what it returned (by default: anything truthy), and returns that. After `timeout` ms it
 * calls `fail` with the last value (which may throw an assertion of its own), then throws an Error
 * naming the last value.
 */
export async function poll(probe, { until = Boolean, timeout = 10000, interval = 50, fail } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const last = await probe();
    if (until(last)) return last;
    if (Date.now() > deadline) {
      fail?.(last);
      throw new Error(`still ${JSON.stringify(last)} after ${timeout} ms`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until `locator` shows `expected` at the app's two decimals; says what it shows if not. */
export const waitShows = (locator, expected, { timeout = 10000 } = {}) => poll(
  () => locator.textContent({ timeout }),
  { until: (shown) => showsValue(shown, expected), timeout,
    fail: (shown) => assert.fail(`${locator} shows ${JSON.stringify(shown)}, expected ${expected}`) });

/** Waits until the rows drawn are exactly `ids` (in order); on timeout, the difference. */
export const waitIds = (page, ids, { timeout = 10000 } = {}) => poll(() => rowIds(page),
  { until: (got) => JSON.stringify(got) === JSON.stringify(ids), timeout, fail: (got) => assert.deepEqual(got, ids) });

/**
 * An init script (`page.addInitScript(logTimers)` or on a context) that logs every `setTimeout`
 * of the page in `window.__timers` ({ at, delay, done }), so that a spec can wait for the timers
 * an action set to have run (`timersRun`): the positive signal that "nothing happened" needs,
 * instead of a sleep.
 */
export function logTimers() {
  const log = [];
  window.__timers = log;
  const real = window.setTimeout;
  window.setTimeout = function (fn, delay, ...args) {
    const entry = { at: performance.now(), delay: Number(delay) || 0, done: false };
    log.push(entry);
    const run = typeof fn === 'function'
      ? function (...a) { try { return fn.apply(this, a); } finally { entry.done = true; } }
      : fn;
    if (typeof fn !== 'function') entry.done = true;
    return real.call(this, run, delay, ...args);
  };
}

/** The page's clock (performance.now()), for `timersRun`. */
export const pageNow = (page) => page.evaluate(() => performance.now());

/**
 * Waits until every timer the page set since `since` (its clock) with a delay up to `maxDelay` ms
 * has run, and, with `some`, until at least one was set; then two animation frames, so what those
 * timers changed is drawn. Needs `logTimers`.
 */
export async function timersRun(page, since, { maxDelay = 2000, some = false, timeout = 10000 } = {}) {
  await page.waitForFunction(({ since, maxDelay, some }) => {
    const set = window.__timers.filter((t) => t.at >= since && t.delay <= maxDelay);
    return (!some || set.length > 0) && set.every((t) => t.done);
  }, { since, maxDelay, some }, { timeout });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Clicks a print button with the dialog stubbed; returns the <html> class it set. */
export async function clickPrint(page, button) {
  await page.evaluate(() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; });
  await page.locator(button).click();
  await page.waitForFunction(() => window.__prints === 1, null, { timeout: 5000 });
  return page.evaluate(() => document.documentElement.className);
}

/** The directory the printed PDFs go to (made on the first print). */
let pdfDir;

/** Prints the page to `<name>.pdf`, A4, in a scratch directory: its pages (counted as
 * `/Type /Page` objects) and its text (pdftotext, Debian's poppler-utils), per page.
 * page.pdf fires `afterprint`. */
export async function printPdf(page, name) {
  if (!pdfDir) pdfDir = await mkdtemp(path.join(tmpdir(), 'jianpai-print-'));
  const pdf = await page.pdf({ format: 'A4' });
  const file = path.join(pdfDir, `${name}.pdf`);
  await writeFile(file, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  // pdftotext ends every page with a form feed.
  const perPage = text.split('\f').slice(0, pages);
  return { pages, text, layout, perPage };
}

/** Today's date as the browser's clock gives it, written YYYY-MM-DD. */
export const browserToday = (page) => page.evaluate(() => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
});

/** Clicks `selector` and returns the download it starts: its suggested name, where it was saved
 * and its bytes. */
export async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'download-')), d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file, bytes: await readFile(file) };
}
