// The register as a spreadsheet, both ways, as a user meets it: export the people's CSV, import
// it back (the same register: rows, totals, and the saved file equal to the sample), a CSV saved
// by Excel/WPS in GB18030 (GBK bytes written literally here), a bad number named by row and
// column in the preview, a template that imports, and undo of an import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveDist, launch, openPage, rowIds, ROOT, REGISTER_KEYS } from './harness.mjs';

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

/** Clicks `selector` and returns the bytes of the download it starts. */
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'csv-')), d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), bytes: await readFile(file) };
}

/** Chooses CSV bytes in the hidden import input and waits for the preview (or the rejection). */
async function chooseCsv(page, name, bytes) {
  await page.setInputFiles('#import-csv-file', { name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
  await page.locator('#csv-preview, #csv-errors').first().waitFor({ timeout: 20000 });
}

const totals = (page) => Promise.all(REGISTER_KEYS.map((k) => page.locator(`#register-total-${k}`).textContent()));
/** The text of every register row drawn (name, township, type, month, amounts, status). */
const names = (page) => page.locator('#register-table tr[data-id]').evaluateAll((rows) => rows.map((r) => r.textContent));

test('export then import gives the same register (rows, totals, the saved file), and the import undoes', async () => {
  const { context, page, errors } = await start();
  const ids = SAMPLE.projects.map((p) => p.id);
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tr[data-id]').length === n, ids.length);
  const rowsBefore = await names(page);
  const totalsBefore = await totals(page);

  const csv = await download(page, '#export-csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const text = csv.bytes.toString('utf8');
  assert.match(text, /\r\n地区 \[region\],示例县\r\n/, 'the file block in Chinese');
  assert.match(text, /设计处理规模 \(m3\/d\) \[flow_m3_per_day\]/, 'an input column named in Chinese, within GBK');
  assert.match(text, /\r\np01,城东污水处理厂二期,,城东街道,工程减排,污水处理,7,/, 'a row with its names in Chinese');

  await page.locator('#new-file').click();
  await page.waitForFunction(() => document.querySelectorAll('#register-table tr[data-id]').length === 0);
  await chooseCsv(page, 'county.csv', csv.bytes);
  assert.equal(await page.locator('#csv-preview-count').textContent(), `${ids.length} 行项目已读入`);
  assert.equal(await page.locator('#csv-preview-problems li').count(), 0, 'no problems');
  await page.locator('#csv-replace').click();
  await page.locator('#csv-preview').waitFor({ state: 'detached' });
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tr[data-id]').length === n, ids.length);
  assert.deepEqual(await rowIds(page), ids);
  assert.deepEqual(await names(page), rowsBefore, 'the same rows');
  assert.deepEqual(await totals(page), totalsBefore, 'the same totals');
  const saved = await download(page, '#save-register');
  assert.equal(saved.name, 'county.json');
  assert.deepEqual(JSON.parse(saved.bytes.toString('utf8')), SAMPLE, 'the saved file is the sample');

  await page.locator('#undo').click();
  await page.waitForFunction(() => document.querySelectorAll('#register-table tr[data-id]').length === 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a CSV saved in GB18030/GBK reads with its Chinese names right, and adds to the register', async () => {
  const { context, page } = await start();
  // "示例县" in GBK: CA BE · C0 FD · CF D8 (not UTF-8: C0 never starts a UTF-8 sequence).
  const gbk = [0xca, 0xbe, 0xc0, 0xfd, 0xcf, 0xd8];
  const ascii = (s) => [...Buffer.from(s, 'latin1')];
  const bytes = [
    ...ascii('id,name,township,type,flow_m3_per_day,load_rate,days,cod_before_mg_l,cod_after_mg_l\r\n'),
    ...ascii('g1,'), ...gbk, ...ascii(','), ...gbk, ...ascii(',wastewater,1000,1,365,250,50\r\n'),
  ];
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tr[data-id]').length === n, SAMPLE.projects.length);
  await chooseCsv(page, 'gbk.csv', bytes);
  assert.equal(await page.locator('#csv-preview-count').textContent(), '1 行项目已读入');
  // 1,000 m³/d × 1 × 365 d × (250 − 50) mg/L × 1e-6 = 73 t COD, the whole year.
  assert.equal(await page.locator('#csv-preview tr[data-key="cod_t"] td.num').textContent(), '73');
  await page.locator('#csv-add').click();
  const row = page.locator('#register-table tr[data-id="g1"]');
  await row.waitFor({ timeout: 10000 });
  assert.equal(await row.locator('th.register__name').textContent(), '示例县', 'the name decoded from GBK');
  assert.equal(await row.locator('td').first().textContent(), '示例县', 'the township decoded from GBK');
  assert.deepEqual((await rowIds(page)).slice(-1), ['g1'], 'added after the sample');
  await page.locator('#undo').click();
  await row.waitFor({ state: 'detached', timeout: 10000 });
  await context.close();
});

test('a bad number is named by row and column in the preview; a template imports', async () => {
  const { context, page } = await start();
  const csv = '\ufeffid,name,type,flow_m3_per_day,cod_before_mg_l,cod_after_mg_l\r\n'
    + 'a,一厂,wastewater,1000,250,50\r\nb,二厂,wastewater,12x,250,50\r\n';
  await chooseCsv(page, 'bad.csv', csv);
  const problems = await page.locator('#csv-preview-problems li').allTextContents();
  assert.ok(problems.some((p) => p === '第 3 行，flow_m3_per_day 列：请输入数字'), JSON.stringify(problems));
  await page.locator('#csv-cancel').click();
  await page.locator('#csv-preview').waitFor({ state: 'detached' });

  await page.locator('#csv-template-type').selectOption('fuel_switch');
  const tpl = await download(page, '#csv-template');
  assert.equal(tpl.name, 'jianpai-template-fuel_switch.csv');
  const lines = tpl.bytes.toString('utf8').split('\r\n');
  assert.ok(lines.some((l) => l.startsWith('id,name,enterprise,township,category,type,start_month,coal_t')), 'paths as columns');
  await chooseCsv(page, tpl.name, tpl.bytes);
  assert.equal(await page.locator('#csv-preview-count').textContent(), '1 行项目已读入');
  assert.equal(await page.locator('#csv-preview-problems li').count(), 0);
  await context.close();
});
