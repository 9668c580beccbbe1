// flue_gas.sector and the 十四五 categories in the app (docs/methodology.md §2.5, §3.4), driven by
// the visible labels: the editor's 行业 and 十四五类别 selects, the summary's table by 十四五 category,
// the register's filter by it. Expected values by hand from the file below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, openRegister, waitShows, rowIds, waitIds, poll } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// A 2026 register (the 2021 method by its year), every project for the whole year:
// f1 NOₓ 1,000,000 × 7,200 × (300 − 40) × 10⁻⁹ = 1,872 t (重点行业超低排放改造, flue_gas's category);
// m1 COD 10 − 7 = 3 t (measured: 其他 by its type); w1 COD 1,000 × 365 × (200 − 100) × 10⁻⁶ = 36.5 t
// (城镇污水治理).
const FILE = {
  format: 'jianpai/1', title: '十四五类别测试', region: '测试县', year: 2026,
  projects: [
    { id: 'f1', name: '烧结机机头超低排放', measure: { type: 'flue_gas', flue_gas_nm3_per_h: 1000000, hours: 7200,
      nox_before_mg_m3: 300, nox_after_mg_m3: 40 } },
    { id: 'm1', name: '某村生活污水', measure: { type: 'measured', before: { cod_t: 10 }, after: { cod_t: 7 } } },
    { id: 'w1', name: '城区污水厂', measure: { type: 'wastewater', flow_m3_per_day: 1000, days: 365,
      cod_before_mg_l: 200, cod_after_mg_l: 100 } },
  ],
};

const button = (page, name) => page.getByRole('button', { name, exact: true });
const groupRow = (page, key) => page.locator(`#by-key-category tr[data-key="${key}"]`);

test('the editor sets the sector and the 十四五 category by their labels; the summary groups by category', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 });
  await openRegister(page, 'sector.json', FILE);
  await waitShows(page.locator('#register-total-cod_t'), 39.5);

  // The summary's table by 十四五 category, in the categories' order.
  const table = page.locator('#by-key-category');
  await table.waitFor();
  const keys = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.key));
  assert.deepEqual(keys, ['urban_sewage', 'ultra_low', 'other']);
  assert.match(await groupRow(page, 'ultra_low').locator('th, td').first().textContent(), /重点行业超低排放改造/);

  // f1 as a steel sinter machine, its after value measured at 18 % O₂:
  // 40 × (21 − 16) / (21 − 18) = 66.67 > 50 mg/Nm³, warned with the entry's citation.
  await page.locator('#register-table tr[data-id="f1"]').getByRole('button', { name: '编辑' }).click();
  await page.locator('#estimate-title').getByText('编辑登记表中的项目').waitFor();
  await page.getByLabel('行业', { exact: true }).selectOption({ label: '钢铁烧结机机头（基准含氧量 16%）' });
  await page.getByLabel(/改造后浓度的实测含氧量/).fill('18');
  // The conversion is in the warning and in the note citing the entry: two items, both shown.
  await page.locator('.result-panel__warning').getByText(/40 × \(21 − 16\) \/ \(21 − 18\) = 66\.6666667/).first().waitFor();
  await page.locator('.result-panel__warning').getByText(/环大气〔2019〕35号/).first().waitFor();
  // The reduction is unchanged by the sector: 1,872 t.
  await waitShows(page.locator('#register-total-nox_t'), 1872);
  await button(page, '完成编辑').click();

  // m1 said to be 农村生活污水治理: the summary gains that row (3 t COD) and loses 其他.
  await page.locator('#register-table tr[data-id="m1"]').getByRole('button', { name: '编辑' }).click();
  await page.locator('#estimate-title').getByText('编辑登记表中的项目').waitFor();
  await page.getByLabel('十四五类别', { exact: true }).selectOption({ label: '农村生活污水治理' });
  await button(page, '完成编辑').click();
  await poll(async () => (await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.key))).join(),
    { until: (got) => got === 'urban_sewage,rural_sewage,ultra_low' });
  assert.match(await groupRow(page, 'rural_sewage').textContent(), /农村生活污水治理/);

  // The register's filter by category: only m1, and the filtered subtotal is its 3 t.
  await page.getByLabel('按十四五类别筛选').selectOption({ label: '农村生活污水治理' });
  await waitIds(page, ['m1']);
  await waitShows(page.locator('#register-subtotal-cod_t'), 3);
  await page.getByLabel('按十四五类别筛选').selectOption({ label: '全部' });
  // Grouped: urban sewage, rural sewage, ultra-low (the categories' order), then back.
  await button(page, '按十四五类别分组排列').click();
  await waitIds(page, ['w1', 'm1', 'f1']);
  await button(page, '按十四五类别分组排列').click();
  await waitIds(page, ['f1', 'm1', 'w1']);

  // In English the same table and labels.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await groupRow(page, 'rural_sewage').textContent(), /Rural domestic sewage treatment/);
  await page.getByLabel('Filter by 14th Five-Year Plan category').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 2011 register offers no 十四五 grouping', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 });
  await openRegister(page, 'sector-2011.json', { ...FILE, settings: { method: '2011' } });
  await waitShows(page.locator('#register-total-cod_t'), 39.5);
  assert.equal(await page.locator('#by-key-category').count(), 0);
  assert.equal(await page.getByLabel('按十四五类别筛选').count(), 0);
  assert.deepEqual(await rowIds(page), ['f1', 'm1', 'w1']);
  assert.deepEqual(errors, []);
  await context.close();
});
