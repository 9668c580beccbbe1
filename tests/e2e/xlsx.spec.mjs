// The register as an Excel workbook, as a user exchanges it with an Excel user: exported from the
// app, opened and saved again by LibreOffice Calc (headless `soffice`, a third program's reader
// and writer: deflated parts, shared strings, its own styles), then imported back to the same
// register (the same rows, totals and saved file). LibreOffice also reads the register sheet with
// its header in row 1 and the numbers as numbers. Without soffice these tests fail, never skip
// (scripts/install-tools.sh --browser installs Debian's libreoffice-calc).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveDist, launch, openPage, rowIds, download, ROOT, REGISTER_KEYS } from './harness.mjs';

const SAMPLE = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function start() {
  const opened = await openPage(browser);
  await opened.page.goto(server.origin + '/');
  await opened.app.ready();
  return opened;
}

/** `soffice --headless --convert-to FORMAT FILE` into a fresh folder; the converted file's path.
 * A missing soffice or a failed conversion fails the test. */
async function soffice(file, format) {
  const out = await mkdtemp(path.join(tmpdir(), 'soffice-'));
  const profile = await mkdtemp(path.join(tmpdir(), 'soffice-profile-'));
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless',
    '--convert-to', format, '--outdir', out, file], { encoding: 'utf8', timeout: 120000 });
  assert.ok(!r.error, `soffice could not run (install libreoffice-calc: scripts/install-tools.sh --browser): ${r.error}`);
  assert.equal(r.status, 0, `soffice failed: ${r.stderr}`);
  const ext = format.split(':')[0];
  return path.join(out, `${path.basename(file, path.extname(file))}.${ext}`);
}

const totals = (page) => Promise.all(REGISTER_KEYS.map((k) => page.locator(`#register-total-${k}`).textContent()));
const rows = (page) => page.locator('#register-table tr[data-id]').evaluateAll((rs) => rs.map((r) => r.textContent));

test('a workbook exported, re-saved by LibreOffice and imported back is the same register', async () => {
  const { context, page, errors } = await start();
  const ids = SAMPLE.projects.map((p) => p.id);
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tr[data-id]').length === n, ids.length);
  const rowsBefore = await rows(page);
  const totalsBefore = await totals(page);

  const book = await download(page, '#export-xlsx');
  assert.equal(book.name, 'jianpai-register.xlsx');
  assert.deepEqual([...book.bytes.subarray(0, 4)], [0x50, 0x4b, 3, 4], 'a zip archive');
  // LibreOffice's own copy: a different file (its parts deflated, strings shared).
  const resaved = await soffice(book.file, 'xlsx');
  const bytes = await readFile(resaved);
  assert.notDeepEqual(bytes, book.bytes);
  assert.ok(bytes.includes(Buffer.from('xl/sharedStrings.xml')), 'LibreOffice shares its strings');

  await page.locator('#new-file').click();
  await page.waitForFunction(() => document.querySelectorAll('#register-table tr[data-id]').length === 0);
  await page.setInputFiles('#import-csv-file', {
    name: 'county.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes,
  });
  await page.locator('#csv-preview, #csv-errors').first().waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#csv-preview-count').textContent(), `${ids.length} 行项目已读入`);
  assert.deepEqual(await page.locator('#csv-preview-problems li').allTextContents(), [], 'no problems');
  await page.locator('#csv-replace').click();
  await page.locator('#csv-preview').waitFor({ state: 'detached' });
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tr[data-id]').length === n, ids.length);
  assert.deepEqual(await rowIds(page), ids);
  assert.deepEqual(await rows(page), rowsBefore, 'the same rows');
  assert.deepEqual(await totals(page), totalsBefore, 'the same totals');
  const saved = await download(page, '#save-register');
  assert.equal(saved.name, 'county.json');
  assert.deepEqual(JSON.parse(saved.bytes.toString('utf8')), SAMPLE, 'the saved file is the sample');
  assert.deepEqual(errors, []);
  await context.close();
});

test('LibreOffice reads the register sheet: header in row 1, names and results first, numbers as numbers', async () => {
  const { context, page } = await start();
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tr[data-id]').length === n, SAMPLE.projects.length);
  const book = await download(page, '#export-xlsx');
  // The first sheet as CSV, written by LibreOffice: what it read from the workbook.
  const csv = (await readFile(await soffice(book.file, 'csv:Text - txt - csv (StarCalc):44,34,76'), 'utf8')).split('\n');
  const header = csv[0].split(',');
  assert.deepEqual(header.slice(0, 2), ['编号 [id]', '项目名称 [name]']);
  assert.match(header[2], /^计入 COD \(吨\) \[result\.cod_t\]$/);
  const p01 = csv.find((l) => l.startsWith('p01,')).split(',');
  const at = (suffix) => p01[header.findIndex((h) => h.endsWith(suffix))];
  // By hand: 10,000 m³/d × 0.8 × 365 d × (250 − 50) mg/L × 1e-6 = 584 t COD a year; from July
  // (start month 7, six months of twelve) 292 t.
  assert.equal(at('[result.cod_t]'), '292');
  assert.equal(at('[flow_m3_per_day]'), '10000');
  assert.equal(at('[result.nh3n_t]'), '36.5', 'a number: LibreOffice writes it without the trailing zero');
  // How LibreOffice typed the cells (its flat ODS): results and inputs are numbers, ids text.
  const fods = await readFile(await soffice(book.file, 'fods'), 'utf8');
  for (const v of ['292', '36.5', '10000']) {
    assert.match(fods, new RegExp(`office:value-type="float" office:value="${v}"`), `${v} as a number`);
  }
  assert.match(fods, /office:value-type="string"[^>]*>\s*<text:p>p01<\/text:p>/, 'an id as text');
  await context.close();
});
