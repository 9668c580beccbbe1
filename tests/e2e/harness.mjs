// Shared set-up of the end-to-end specs: a loopback static server for dist/, Debian's Chromium
// driven by playwright-core (from tools/node_modules), request recording, and a page object.
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');

const TYPES = { '.html': 'text/html; charset=utf-8', '.wasm': 'application/wasm', '.js': 'text/javascript', '.css': 'text/css' };

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

/** Page object: what a user sees and does in the app. */
export class AppPage {
  constructor(page) { this.page = page; }
  async ready() { await this.page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 }); }
  field(key) { return this.page.locator(`#f-${key}`); }
  fieldError(key) { return this.page.locator(`#f-${key}-error`); }
  async fill(key, value) { await this.field(key).fill(value); }
  async selectMonth(m) { await this.page.locator('#f-start_month').selectOption(String(m)); }
  full(key) { return this.page.locator(`#full-${key}`); }
  credited(key) { return this.page.locator(`#credited-${key}`); }
  /** A displayed number ("1,168", "584") as a JS number. */
  async number(locator) { return Number((await locator.textContent()).replace(/,/g, '')); }
  async fullValue(key) { return this.number(this.full(key)); }
  async creditedValue(key) { return this.number(this.credited(key)); }
  async waitForFull(key, expected) {
    await this.page.waitForFunction(([k, e]) => {
      const el = document.querySelector(`#full-${k}`);
      return el && Math.abs(Number(el.textContent.replace(/,/g, '')) - e) < 0.005;
    }, [key, expected], { timeout: 10000 });
  }
}
