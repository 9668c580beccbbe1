// End-to-end specs of the figures on screen (issue 19 item 3; ux review A5, A3, A2): a filtered
// register shows a subtotal of the rows shown beside the whole register's total; the summary's
// heading says whose data it is; a bad file field shows its error at the field while every
// report goes on from the last good value. Driven by visible names, in 中文 and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  serveDist, launch, openPage, showsValue, openRegister, waitIds, poll, clickPrint, REGISTER_KEYS, ROOT, CLI, buildCli,
} from './harness.mjs';

const SAMPLE_FILE = path.join(ROOT, 'crates/core/data/sample.json');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const title = (page) => page.locator('#portfolio-title');

let server;
let browser;
before(async () => {
  buildCli();
  server = await serveDist();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function start() {
  const s = await openPage(browser);
  await s.page.goto(server.origin + '/');
  await s.app.ready();
  await s.page.locator('#register-table tr[data-id="p01"]').waitFor();
  return s;
}

async function english(page) {
  await page.locator('#lang-toggle').click();
  await page.locator('#register-title').getByText('Project register').waitFor();
}

/** The row of the register's foot whose header is `name` (a <tr> with a row header). */
const footRow = (page, name) => page.locator('#register-table tfoot tr')
  .filter({ has: page.getByRole('rowheader', { name, exact: true }) });

/** The numbers of a foot row, in the register's key order. */
const rowNumbers = (row) => row.locator('td.num').evaluateAll((tds) => tds.map((td) => td.textContent));

test('a filter shows a subtotal of the rows shown, the CLI\'s sum of those projects, above the whole register\'s total', async () => {
  const { context, page, errors } = await start();
  // The CLI's per-project credited amounts of the same sample, summed here by township.
  const report = JSON.parse(execFileSync(CLI, ['report', SAMPLE_FILE, '--format', 'json'], { encoding: 'utf8' }));
  const sum = (keep) => Object.fromEntries(REGISTER_KEYS.map((k) => [k,
    report.projects.filter(keep).reduce((s, p) => s + (p.credited[k] ?? 0), 0)]));
  const linjiang = report.projects.filter((p) => p.township === '临江镇');
  assert.ok(linjiang.length >= 2 && linjiang.length < report.projects.length, 'the filter keeps some rows, not all');
  const want = sum((p) => p.township === '临江镇');
  assert.ok(want.cod_t > 0 && want.cod_t < report.totals.cod_t, 'the subtotal is neither zero nor the total');

  // No filter: one totals row, labelled as before.
  assert.equal(await footRow(page, '合计（计入项目）').count(), 1);
  assert.equal(await page.locator('#register-table tfoot tr').count(), 1, 'no subtotal without a filter');

  await page.getByLabel('按乡镇筛选').selectOption('临江镇');
  await waitIds(page, linjiang.map((p) => p.id));
  const sub = footRow(page, `筛选小计（${linjiang.length} 个项目）`);
  await sub.waitFor();
  const shown = await rowNumbers(sub);
  REGISTER_KEYS.forEach((k, i) => assert.ok(showsValue(shown[i], want[k]), `subtotal ${k}: ${shown[i]}, the CLI ${want[k]}`));
  // The totals row stays the whole register's, and says so.
  const all = footRow(page, '全表合计（全部计入项目）');
  await all.waitFor();
  const totals = await rowNumbers(all);
  REGISTER_KEYS.forEach((k, i) => assert.ok(showsValue(totals[i], report.totals[k]), `total ${k}: ${totals[i]}`));

  // A search is a filter too: the text "热电" keeps the projects whose name holds it.
  await page.getByLabel('按乡镇筛选').selectOption('');
  await page.getByLabel('搜索（名称、编号、企业）').fill('热电');
  const hot = report.projects.filter((p) => p.name.includes('热电'));
  await waitIds(page, hot.map((p) => p.id));
  const hotSub = footRow(page, `筛选小计（${hot.length} 个项目）`);
  await hotSub.waitFor();
  const hotWant = sum((p) => p.name.includes('热电'));
  const hotShown = await rowNumbers(hotSub);
  REGISTER_KEYS.forEach((k, i) => assert.ok(showsValue(hotShown[i], hotWant[k]), `search subtotal ${k}: ${hotShown[i]}, the CLI ${hotWant[k]}`));

  // In English, the same rows under English names.
  await english(page);
  await footRow(page, `Filtered subtotal (${hot.length} projects)`).waitFor();
  await footRow(page, 'Register total (all counted projects)').waitFor();
  await page.getByLabel('Search (name, id, enterprise)').fill('');
  await footRow(page, 'Total (counted projects)').waitFor();
  assert.equal(await page.locator('#register-table tfoot tr').count(), 1, 'the subtotal goes with the filter');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the summary is titled as the sample only while the sample is shown unchanged', async () => {
  const { context, page, errors } = await start();
  await title(page).getByText('示例：全县减排项目汇总', { exact: true }).waitFor();
  // Editing the file's own title: the heading is the file's region and title.
  await page.getByLabel('标题', { exact: true }).fill('东城片区减排');
  await title(page).getByText('示例县 · 东城片区减排', { exact: true }).waitFor();
  // Undone, it is the sample again.
  await button(page, '撤销').click();
  await title(page).getByText('示例：全县减排项目汇总', { exact: true }).waitFor();
  // A new file has no title or region: the neutral heading.
  await button(page, '新建').click();
  await page.locator('.register__empty').waitFor();
  await title(page).getByText('全县减排项目汇总', { exact: true }).waitFor();
  // One's own file: its region and title, and the file's name.
  await openRegister(page, 'dongshan.json', {
    format: 'jianpai/1', title: '2026年减排项目', region: '东山县', year: 2026,
    projects: [{ id: 'm1', name: '监测', measure: { type: 'measured', before: { cod_t: 10 }, after: { cod_t: 4 } } }],
  });
  await title(page).getByText('东山县 · 2026年减排项目（项目文件：dongshan.json）', { exact: true }).waitFor();
  await english(page);
  await title(page).getByText('东山县 · 2026年减排项目 (project file: dongshan.json)', { exact: true }).waitFor();
  await button(page, 'New file').click();
  await title(page).getByText('County summary', { exact: true }).waitFor();
  await button(page, 'Load sample').click();
  await title(page).getByText('Sample: a county\'s reduction portfolio', { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a negative target shows its error at the field; the summary, the bulletin and printing go on from the last good value', async () => {
  const { context, page, errors } = await start();
  const target = page.getByLabel('COD 削减目标');
  const codRow = page.locator('.portfolio-summary__totals tr[data-key="cod_t"]');
  // The sample's COD target, 1,000 t, in the summary's target column (the fourth).
  const targetCell = codRow.locator('td').nth(2);
  await poll(() => targetCell.textContent(), { until: (s) => s === '1,000' });
  await target.fill('-5');
  const error = page.locator('#target-cod_t-error');
  await poll(() => error.textContent(), { until: (s) => s === 'COD 削减目标：不能为负数（-5）' });
  assert.equal(await target.getAttribute('aria-invalid'), 'true');
  // Every report keeps the last good target: the summary, its bulletin, printing.
  assert.equal(await page.locator('.portfolio-summary__error').count(), 0, 'the summary is not replaced');
  assert.equal(await targetCell.textContent(), '1,000');
  assert.ok((await page.locator('#bulletin').textContent()).length > 20, 'the bulletin is shown');
  assert.equal(await button(page, '打印县级报告').isDisabled(), false, 'printing is not disabled');
  assert.match(await clickPrint(page, '#print-report-button'), /\bprint-report\b/);
  // The printed report's COD target is the last good one.
  await poll(() => page.locator('#print-report .print-doc__totals tr[data-key="cod_t"] td').nth(2).textContent(),
    { until: (s) => s === '1,000' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  // Set right, the new value counts: 900 t.
  await target.fill('900');
  await poll(() => targetCell.textContent(), { until: (s) => s === '900' });
  assert.equal(await error.textContent(), '');
  // In English the message is English, with the field's label.
  await english(page);
  await page.getByLabel('COD reduction target').fill('-7');
  await poll(() => error.textContent(), { until: (s) => s === 'COD reduction target: must not be negative (-7)' });
  await poll(() => targetCell.textContent(), { until: (s) => s === '900' });
  assert.equal(await button(page, 'Print county report').isDisabled(), false);
  assert.deepEqual(errors, []);
  await context.close();
});
