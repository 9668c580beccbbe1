// End-to-end specs of share links (issue 9): a project travels in the URL fragment as
// `#share=v1.<base64url of deflate-raw(JSON)>`; opened in another browser it shows the project
// with the same result and can be added to the register (undoably); damaged, foreign and
// too-large links give a message and change nothing; the page makes no request for any of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveDist, launch, openPage, showsValue, openRegister, rowIds, waitIds, bigRegister, ROOT, WASTEWATER } from './harness.mjs';

const SAMPLE = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const SAMPLE_IDS = SAMPLE.projects.map((p) => p.id);
const button = (page, name) => page.getByRole('button', { name, exact: true });

// The clipboard of a test page: what the app writes is kept in window.__copied.
const STUB_CLIPBOARD = () => {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text) => { window.__copied = text; } },
  });
};

/** A link made here, independently of the app: Node's zlib deflate-raw, then base64url. */
const nodeLink = (origin, file) =>
  `${origin}/#share=v1.${deflateRawSync(Buffer.from(JSON.stringify(file))).toString('base64url')}`;

/** Every shown result cell of the panel with id prefix `prefix`: { "full-cod_t": "720.95", … }. */
const resultCells = (page, prefix) => page.locator(`[id^="${prefix}full-"], [id^="${prefix}credited-"]`)
  .evaluateAll((els, p) => Object.fromEntries(els.map((e) => [e.id.slice(p.length), e.textContent])), prefix);

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a link made from the estimate opens in another browser with the same result, and adds undoably', async () => {
  // The sender.
  const a = await openPage(browser);
  await a.context.addInitScript(STUB_CLIPBOARD);
  await a.page.goto(server.origin + '/');
  await a.app.ready();
  await a.app.fill('id', 'share1');
  await a.app.fill('name', '分享测试项目');
  await a.app.type(WASTEWATER, 7);
  await a.app.fill('flow_m3_per_day', '12345');
  // 12,345 m³/d × 0.8 × 365 d × (250 − 50) mg/L × 1e-6 = 720.948 t COD a year.
  await a.app.waitForFull('cod_t', 720.948);
  const sent = await resultCells(a.page, '');
  assert.ok(Object.keys(sent).length >= 4, `the estimate shows a result: ${JSON.stringify(sent)}`);
  await button(a.page, '复制分享链接').click();
  await a.page.locator('#share-estimate-status').getByText('链接已复制到剪贴板').waitFor({ timeout: 10000 });
  const link = await a.page.evaluate(() => window.__copied);
  assert.equal(await a.page.getByLabel('分享链接').inputValue(), link, 'the link is also shown');
  assert.match(link, new RegExp(`^${server.origin}/#share=v1\\.[A-Za-z0-9_-]+$`));
  assert.ok(link.length < 8000, `${link.length} characters`);
  assert.deepEqual(a.requests, [server.origin + '/'], 'making a link sends nothing');
  await a.context.close();

  // The receiver: a fresh browser profile, with the sample as its register.
  const b = await openPage(browser);
  await b.page.goto(link);
  const panel = b.page.getByRole('region', { name: '分享给您的项目' });
  await panel.waitFor({ timeout: 20000 });
  await panel.getByRole('heading', { name: '分享测试项目' }).waitFor();
  assert.ok(showsValue(await b.page.locator('#shared-0-full-cod_t').textContent(), 720.948));
  await b.page.waitForFunction(() => document.querySelectorAll('[id^="shared-0-credited-"]').length > 0);
  assert.deepEqual(await resultCells(b.page, 'shared-0-'), sent, 'the same numbers as the sender saw');
  assert.equal(await b.page.evaluate(() => location.hash), '', 'the fragment is cleared once read');
  await waitIds(b.page, SAMPLE_IDS);
  await button(b.page, '加入我的登记表').click();
  await waitIds(b.page, [...SAMPLE_IDS, 'share1']);
  await panel.getByText('已加入登记表').waitFor();
  await button(b.page, '撤销').click();
  await waitIds(b.page, SAMPLE_IDS);
  assert.deepEqual(b.requests, [server.origin + '/'], 'opening a link sends nothing (the fragment stays here)');
  // A reload does not open the link again.
  await b.page.reload();
  await b.app.ready();
  await waitIds(b.page, SAMPLE_IDS);
  assert.equal(await b.page.locator('#shared-project').count(), 0);
  await b.context.close();
});

test('a register project with the file overrides travels with them; a link made elsewhere opens on hashchange', async () => {
  const { context, page, app, requests } = await openPage(browser);
  await context.addInitScript(STUB_CLIPBOARD);
  await page.goto(server.origin + '/');
  await app.ready();
  // The first coal project: its CO₂ comes from the file's co2.per_tce override (2.493).
  const coal = SAMPLE.projects.find((p) => /coal|boiler/.test(p.measure.type));
  assert.ok(coal, 'the sample has a coal project');
  await page.locator(`#register-table tr[data-id="${coal.id}"] td`).nth(1).click();
  await page.locator('#selected-title').waitFor();
  const there = await resultCells(page, 'selected-');
  await page.locator('#share-selected-button').click();
  await page.locator('#share-selected-status').getByText('链接已复制到剪贴板').waitFor({ timeout: 10000 });
  const link = await page.evaluate(() => window.__copied);

  // Opened in the same page by changing the fragment (a link pasted into the address bar).
  const hash = link.slice(link.indexOf('#'));
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.locator('#shared-project').waitFor({ timeout: 10000 });
  await page.locator('#shared-project').getByText(coal.name).waitFor();
  assert.deepEqual(await resultCells(page, 'shared-0-'), there, 'same numbers, under the same overrides');

  // A link made by Node's own deflate-raw (not the app's): the encoding is the documented one.
  // p01: 10,000 m³/d × 0.8 × 365 × (250 − 50) × 1e-6 = 584 t COD a year; from July, 6/12 → 292 t.
  const p01 = SAMPLE.projects.find((p) => p.id === 'p01');
  const outside = nodeLink(server.origin, { format: 'jianpai/1', settings: SAMPLE.settings, projects: [p01] });
  await page.evaluate((h) => { location.hash = h; }, outside.slice(outside.indexOf('#')));
  await page.locator('#shared-project').getByText(p01.name).waitFor({ timeout: 10000 });
  assert.ok(showsValue(await page.locator('#shared-0-full-cod_t').textContent(), 584));
  assert.ok(showsValue(await page.locator('#shared-0-credited-cod_t').textContent(), 292));
  // Added with a free id: p01 is taken, so it becomes another.
  await button(page, '加入我的登记表').click();
  const ids = await rowIds(page);
  assert.equal(ids.length, SAMPLE_IDS.length + 1);
  assert.ok(!SAMPLE_IDS.includes(ids.at(-1)), `the added project has a new id: ${ids.at(-1)}`);
  assert.ok(requests.every((u) => u === server.origin + '/'), JSON.stringify(requests));
  await context.close();
});

for (const [what, fragment, message] of [
  ['damaged', '#share=v1.!!!', '这个分享链接已损坏'],
  ['cut short', '#share=v1.AAAA', '这个分享链接已损坏'],
  ['of a newer version', '#share=v9.xxx', '这个分享链接来自更新的版本'],
  ['not of this app', nodeLink('', { format: 'other/2', projects: [{ id: 'x' }] }).slice(1), '不是减排核算的项目'],
]) {
  test(`a link ${what} shows a message and changes nothing`, async () => {
    const { context, page, requests } = await openPage(browser);
    await page.goto(server.origin + '/' + fragment);
    await page.locator('#shared-error').getByText(message).waitFor({ timeout: 20000 });
    assert.equal(await page.getByRole('region', { name: '分享给您的项目' }).count(), 1);
    await waitIds(page, SAMPLE_IDS);
    assert.equal(await button(page, '撤销').isDisabled(), true, 'nothing to undo: nothing changed');
    assert.equal(await button(page, '加入我的登记表').count(), 0);
    assert.equal(await page.evaluate(() => location.hash), '');
    assert.deepEqual(requests, [server.origin + '/']);
    await context.close();
  });
}

test('a project too large for a link says so instead of making a broken one', async () => {
  const { context, page, app } = await openPage(browser);
  await context.addInitScript(STUB_CLIPBOARD);
  await page.goto(server.origin + '/');
  await app.ready();
  // 9,000 random bytes as base64 (12,000 characters) do not compress below the limit.
  const big = structuredClone(SAMPLE);
  big.projects[0].note = randomBytes(9000).toString('base64');
  await openRegister(page, 'big.json', big);
  await page.locator('#register-table tr[data-id="p01"] td').nth(1).click();
  await page.locator('#share-selected-button').click();
  await page.locator('#share-selected-status').getByText('内容太多，无法放进一个链接').waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__copied), undefined, 'nothing was copied');
  assert.equal(await page.getByLabel('分享链接').count(), 0, 'no link is shown');
  await context.close();
});

test('when the clipboard refuses, the link is shown to copy by hand; the button is named in English too', async () => {
  const { context, page, app } = await openPage(browser);
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async () => { throw new DOMException('denied', 'NotAllowedError'); } },
    });
  });
  await page.goto(server.origin + '/');
  await app.ready();
  await app.type(WASTEWATER, 7); // the form starts blank (issue 19 B3)
  await page.locator('#lang-toggle').click();
  await button(page, 'Copy share link').click();
  await page.locator('#share-estimate-status').getByText('could not be copied automatically').waitFor({ timeout: 10000 });
  const shown = await page.getByLabel('Share link').inputValue();
  assert.match(shown, new RegExp(`^${server.origin}/#share=v1\\.[A-Za-z0-9_-]+$`));
  assert.equal(await page.getByLabel('Share link').getAttribute('readonly'), '');
  await context.close();
});

test('a link made with an older factor library says which library each side computes with', async () => {
  const current = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/factors.json'), 'utf8')).version;
  assert.notEqual(current, '2026.11-2', 'the archived library is an older one');
  const p01 = SAMPLE.projects.find((p) => p.id === 'p01');
  const { context, page } = await openPage(browser);
  const old = nodeLink(server.origin, { format: 'jianpai/1', factor_library: '2026.11-2', projects: [p01] });
  await page.goto(old);
  await page.locator('#shared-project').getByText(p01.name).waitFor({ timeout: 20000 });
  const note = await page.locator('#shared-library').textContent();
  assert.ok(note.includes('2026.11-2') && note.includes(current), note);
  assert.ok(note.includes('数字可能与上面不同'), note);
  // A link of the register's own library needs no such note.
  const same = nodeLink(server.origin, { format: 'jianpai/1', factor_library: current, projects: [p01] });
  await page.evaluate((h) => { location.hash = h; }, same.slice(same.indexOf('#')));
  await page.waitForFunction(() => !document.querySelector('#shared-library'), null, { timeout: 10000 });
  assert.ok(showsValue(await page.locator('#shared-0-full-cod_t').textContent(), 584));
  await context.close();
});

/** Raw deflate of what `parts` (a generator of Buffers) yields, streamed: a huge input is never
 * in memory at once. */
async function deflateStream(parts) {
  const { createDeflateRaw, constants } = await import('node:zlib');
  const z = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out = [];
  z.on('data', (c) => out.push(c));
  const ended = new Promise((ok, fail) => { z.on('end', ok); z.on('error', fail); });
  for (const part of parts()) {
    if (!z.write(part)) await new Promise((ok) => z.once('drain', ok));
  }
  z.end();
  await ended;
  return Buffer.concat(out).toString('base64url');
}

const projectsFile = (n) => ({
  format: 'jianpai/1',
  projects: Array.from({ length: n }, (_, i) => ({
    id: `p${i}`, measure: { type: 'capacity_phaseout', enterprises: 1 } })),
});

test('hostile links are refused within their bounds, and the page answers a click within 100 ms throughout', async () => {
  // Issue 21 item 4: the probe's three links (review F5), made here, and one link at each of the
  // other two limits.
  const MiB = 1 << 20;
  const zeros = Buffer.alloc(MiB);
  const head = Buffer.from('{"format":"jianpai/1","projects":[{"id":"a","measure":{"type":"capacity_phaseout","enterprises":1}}]');
  const spaces = Buffer.alloc(MiB, 0x20);
  const links = [
    // 10,000 projects (the sample's, in turn) in about 59 K characters.
    ['10,000 projects', deflateRawSync(Buffer.from(JSON.stringify(bigRegister(SAMPLE, 10000)))).toString('base64url'), /这个分享链接太长/],
    // 1 GiB of zeros (a deflate bomb, about 1.4 M characters).
    ['a 1 GiB bomb', await deflateStream(function* () { for (let i = 0; i < 1024; i++) yield zeros; }), /这个分享链接太长/],
    // A valid file of 100 MiB (whitespace), about 136 K characters.
    ['100 MiB of JSON', await deflateStream(function* () { yield head; for (let i = 0; i < 100; i++) yield spaces; yield Buffer.from('}'); }), /这个分享链接太长/],
    // Within the length limit, each past one of the other two limits.
    ['2 MiB of JSON in a short link', await deflateStream(function* () { yield head; yield spaces; yield spaces; yield Buffer.from('}'); }), /解压后超过 1048576 字节/],
    ['21 projects', deflateRawSync(Buffer.from(JSON.stringify(projectsFile(21)))).toString('base64url'), /有 21 个项目，一个链接最多读取 20 个/],
  ];
  assert.ok(links[0][1].length > 50000 && links[1][1].length > 1e6 && links[2][1].length > 100000,
    links.map(([w, l]) => `${w}: ${l.length}`).join(', '));
  assert.ok(links[3][1].length < 7990 && links[4][1].length < 7990);
  const { context, page, app } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  for (const [what, data, message] of links) {
    // The link arrives (as when pasted into the address bar of the open page); then a ticker
    // every 10 ms, whose longest gap is the longest the page could not answer a click while it
    // reads the link. Chromium's own handling of a long address is not the page's work and is
    // taken out: setting it (before any of the page's code runs) and replacing it to drop the
    // fragment (`history.replaceState`, timed by the wrapper below), each 50–350 ms for the
    // 1.4 M-character link.
    await page.evaluate((hash) => {
      window.__replacing = 0;
      const replace = History.prototype.replaceState;
      History.prototype.replaceState = function (...args) {
        const t0 = performance.now();
        try { return replace.apply(this, args); } finally { window.__replacing += performance.now() - t0; }
      };
      location.hash = hash;
      window.__maxGap = 0;
      window.__tick = true;
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        window.__maxGap = Math.max(window.__maxGap, now - last);
        last = now;
        if (window.__tick) setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
    }, `share=v1.${data}`);
    await page.locator('#shared-error').getByText(message).waitFor({ timeout: 20000 });
    // A click is handled at once: the time from the click event's creation to its handler.
    const clicked = page.evaluate(() => new Promise((done) => {
      document.addEventListener('click', (ev) => done(performance.now() - ev.timeStamp), { capture: true, once: true });
    }));
    await page.locator('#shared-title').click();
    const latency = await clicked;
    const [gap, replacing] = await page.evaluate(() => { window.__tick = false; return [window.__maxGap, window.__replacing]; });
    assert.ok(gap - replacing < 100,
      `${what}: the page did not answer for ${gap.toFixed(0)} ms, of which ${replacing.toFixed(0)} ms replacing the address`);
    assert.ok(latency < 100, `${what}: a click waited ${latency.toFixed(0)} ms`);
    assert.deepEqual(await rowIds(page), SAMPLE_IDS, `${what}: the register is unchanged`);
    assert.equal(await page.evaluate(() => location.hash), '', `${what}: the link is cleared`);
  }
  await context.close();
});
