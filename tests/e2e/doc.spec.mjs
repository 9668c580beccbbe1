// The engine's documents in the app: the county report the app prints is the document
// `jianpai report FILE --format html` writes (the sample, which holds every measure type, in both
// languages); printed to A4 in headless Chromium its columns are never narrower than their
// longest word, the register shows the start month, the sign-off block and the stamp line are
// there, and the unverified banner is on every page; hostile text in an opened file is text in
// the printed document and in its SVG titles.
//
// Normalisation for "equal": both documents are parsed by the browser's HTML parser and compared
// as the parser serialises them (outerHTML), so that the two serialisations of one tree (`&#39;`
// or `'` in text) do not count; the date is the browser's today, given to the CLI by `--date`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  serveDist, launch, openPage, openRegister, clickPrint, printPdf, browserToday, ROOT, WASTEWATER,
} from './harness.mjs';

const CLI = path.join(ROOT, 'target/debug/jianpai');
const SAMPLE_PATH = path.join(ROOT, 'crates/core/data/sample.json');
const SAMPLE = JSON.parse(await readFile(SAMPLE_PATH, 'utf8'));
const squeeze = (s) => s.replace(/\s+/g, '');

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function printReport(page) {
  await clickPrint(page, '#print-report-button');
  await page.locator('#print-report article.jp-doc').waitFor({ state: 'attached' });
}

async function english(page) {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

/** The CLI's document element as the page's parser reads it, and the app's printed one. */
async function bothDocuments(page, file, lang) {
  const date = await browserToday(page);
  const cli = execFileSync(CLI, ['report', file, '--format', 'html', '--lang', lang, '--date', date], { encoding: 'utf8' });
  const body = cli.slice(cli.indexOf('<article'), cli.lastIndexOf('</article>') + '</article>'.length);
  return page.evaluate((html) => {
    const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    return { cli: parsed.body.firstElementChild.outerHTML,
      app: document.querySelector('#print-report > article.jp-doc').outerHTML };
  }, body);
}

test('the printed county report is the CLI\'s document, in both languages', async () => {
  const { context, app, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  // The sample holds a project of every measure type (the engine's own test says so).
  const types = new Set(SAMPLE.projects.map((p) => p.measure.type));
  assert.equal(types.size, 17);
  await printReport(page);
  let { cli, app: shown } = await bothDocuments(page, SAMPLE_PATH, 'zh');
  assert.ok(cli.length > 10000, 'the CLI wrote a document');
  assert.equal(shown, cli);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await english(page);
  await printReport(page);
  ({ cli, app: shown } = await bothDocuments(page, SAMPLE_PATH, 'en'));
  assert.equal(shown, cli);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Words (Latin letters and digits) of table cells that the layout breaks across lines. */
const brokenWords = (page) => page.evaluate(() => {
  const out = [];
  let words = 0;
  for (const cell of document.querySelectorAll('#print-report article.jp-doc td, #print-report article.jp-doc th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('code')) continue; // ids and formulas may wrap anywhere
      for (const m of node.data.matchAll(/[A-Za-z0-9.,%]{2,}/g)) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
        words += 1;
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return { words, broken: out };
});

test('printed on A4 in both languages: no word split, the start month, sign-off, stamp and banner on every page', async () => {
  const counts = {};
  for (const lang of ['zh', 'en']) {
    const { context, app, page } = await openPage(browser);
    await page.goto(server.origin + '/');
    await app.ready();
    if (lang === 'en') await english(page);
    await printReport(page);
    // In print media at the width of A4's content box (186 mm at 96 px per inch).
    await page.setViewportSize({ width: Math.round(186 / 25.4 * 96), height: 1000 });
    await page.emulateMedia({ media: 'print' });
    const { words, broken } = await brokenWords(page);
    assert.ok(words > 200, `${lang}: only ${words} words measured`);
    assert.deepEqual(broken, [], `${lang}: a word is split across lines`);
    // The start month column shows the month as written (blank for the whole year).
    const months = await page.evaluate(() => {
      const table = document.querySelector('#print-report .print-doc__register');
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
      const at = heads.findIndex((h) => h === '起始月' || h === 'Start month');
      return Object.fromEntries([...table.querySelectorAll('tbody tr')]
        .map((tr) => [tr.cells[0].textContent, tr.cells[at].textContent]));
    });
    for (const p of SAMPLE.projects) {
      assert.equal(months[p.id], p.start_month ? String(p.start_month) : '', `${lang}: start month of ${p.id}`);
    }
    // page.pdf fires afterprint, which puts the report away: it comes after the DOM checks,
    // printed from the page as a user leaves it (no media emulated, the report asked for again).
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1280, height: 800 });
    await printReport(page);
    const pdf = await printPdf(page, `report-${lang}`);
    counts[lang] = pdf.pages;
    const flat = squeeze(pdf.text);
    const signOff = lang === 'zh'
      ? ['编制单位', '编制人', '审核人', '日期', '盖章']
      : ['Preparedby(organisation)', 'Checkedby', 'Stamp'];
    for (const w of signOff) assert.ok(flat.includes(w), `${lang}: the sign-off lacks ${w}`);
    const banner = lang === 'zh' ? '含未核实系数，仅供测算' : 'Containsunverifiedcoefficients—forestimationonly';
    pdf.perPage.forEach((t, i) => assert.ok(squeeze(t).includes(banner), `${lang}: page ${i + 1} has no banner`));
    await context.close();
  }
  // The English register no longer runs to many more pages than the Chinese one.
  assert.ok(counts.en <= counts.zh + 1, `pages: ${JSON.stringify(counts)}`);
  console.log(`# county report pages: ${JSON.stringify(counts)}`);
});

test('hostile text in every field of an opened file is text in the printed document and its SVG titles', async () => {
  const { context, app, page } = await openPage(browser);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(server.origin + '/');
  await app.ready();
  const img = '"><img src=x onerror=alert(1)>';
  const script = '<script>alert(2)</script>';
  const svg = '</svg><script>alert(3)</script>';
  await openRegister(page, 'evil.json', {
    format: 'jianpai/1', title: img, region: script, year: 2026, targets: { cod_t: 10 },
    overrides: { 'co2.per_tce': { value: 2.5, note: svg } },
    projects: [
      { id: 'x1', name: img, enterprise: script, township: svg,
        measure: { type: 'capacity_phaseout', enterprises: 1, last_year: { cod_t: 1 } } },
      { id: 'x2', name: svg, enterprise: img, township: script,
        measure: { type: 'capacity_phaseout', enterprises: 1, last_year: { cod_t: 2 } } },
    ],
  });
  await printReport(page);
  const doc = page.locator('#print-report article.jp-doc');
  assert.equal(await page.locator('img').count(), 0, 'an <img> was created');
  assert.equal(await page.locator('#print-report script, .portfolio-summary script').count(), 0);
  const titles = await doc.locator('svg title').allTextContents();
  assert.ok(titles.length > 0, 'no chart');
  const labels = await doc.locator('svg text.chart__label').allTextContents();
  assert.ok(labels.includes(svg) && labels.includes(script), `SVG labels: ${JSON.stringify(labels)}`);
  const text = await doc.textContent();
  for (const s of [img, script, svg]) assert.ok(text.includes(s), `${s} is not shown as text`);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('Download report saves the CLI\'s page byte for byte; the saved estimate file prints as the form does', async () => {
  const { context, app, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  // The estimate form starts blank: the sample's wastewater project typed in.
  await app.type(WASTEWATER, 7);
  const date = await browserToday(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-report-button').click()]);
  assert.equal(download.suggestedFilename(), 'jianpai-report.html');
  const saved = await readFile(await download.path(), 'utf8');
  const cli = execFileSync(CLI, ['report', SAMPLE_PATH, '--format', 'html', '--lang', 'zh', '--date', date], { encoding: 'utf8' });
  assert.equal(saved, cli);
  // The estimate form: its saved project file, given to the CLI, is the document printed.
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#save-estimate').click()]);
  const estimate = execFileSync(CLI, ['report', await file.path(), '--format', 'html', '--lang', 'zh', '--date', date], { encoding: 'utf8' });
  const body = estimate.slice(estimate.indexOf('<article'), estimate.lastIndexOf('</article>') + '</article>'.length);
  const { cli: parsed, app: printed } = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
    return { cli: doc.body.firstElementChild.outerHTML,
      app: document.querySelector('#print-estimate > article.jp-doc').outerHTML };
  }, body);
  assert.ok(parsed.includes('减排量测算表'));
  assert.equal(printed, parsed);
  await context.close();
});

test('Copy bulletin paragraph puts the paragraph shown on the clipboard', async () => {
  const { context, app, page } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(server.origin + '/');
  await app.ready();
  const shown = await page.locator('#bulletin').textContent();
  assert.ok(shown.length > 20);
  await page.getByRole('button', { name: '复制简报段落', exact: true }).click();
  await page.locator('.portfolio-summary__copied').getByText('简报段落已复制。').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
  await context.close();
});
