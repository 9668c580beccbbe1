// Offsets and the start year in the app (issue 17 items 3 and 4): a planner enters, in the editor
// of a register project, the COD used as 区域削减 for a new project and sees the net total, the
// summary's sentence and the marked register cell; an offset above the project's full year and a
// start year after the file's are said at their fields. Figures by hand: the WWTP of methodology
// §8 example 1 at 80 % load reduces 10,000 × 0.8 × 365 × (250 − 50) × 10⁻⁶ = 584 t COD a year;
// from July under start_month, 13 − 7 = 6 months: 292 t credited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, openRegister, waitShows } from './harness.mjs';

const WWTP = {
  type: 'wastewater', source: 'municipal', flow_m3_per_day: 10000, load_rate: 0.8, days: 365,
  cod_before_mg_l: 250, cod_after_mg_l: 50,
};
const FILE = {
  format: 'jianpai/1', title: '扣减', year: 2026, settings: { crediting: 'start_month' },
  projects: [
    { id: 'a1', name: '城东污水厂', start_month: 7, measure: WWTP },
    { id: 'b2', name: '城西污水厂', measure: WWTP },
  ],
};

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const button = (page, name) => page.getByRole('button', { name, exact: true });
const total = (page, key) => page.locator(`#register-total-${key}`);

test('an offset entered in the editor nets the total and is said in the summary, in both languages', async () => {
  const { context, app, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await openRegister(page, 'offsets.json', FILE);
  // 292 + 584 = 876 before any offset.
  await waitShows(total(page, 'cod_t'), 876);
  assert.equal(await page.locator('#summary-offsets').count(), 0, 'no sentence without offsets');

  await page.locator('#register-table tr[data-id="a1"]').getByRole('button', { name: '编辑' }).click();
  await page.locator('#estimate-title').getByText('编辑登记表中的项目').waitFor();
  // The input is found by its label, with its unit beside it.
  await page.getByLabel('COD用于区域削减的减排量').fill('100');
  // 292 − 100 = 192; 192 + 584 = 776.
  await waitShows(total(page, 'cod_t'), 776);
  const cell = page.locator('#register-table tr[data-id="a1"] td.register__offset');
  await cell.waitFor();
  assert.match(await cell.getAttribute('title'), /计入 292.*100 已扣减/);
  await page.locator('#summary-offsets')
    .getByText('其中用于新改扩建项目区域削减的减排量已扣减 COD 100 吨。').waitFor();

  // Above the full year (584 t): the error is at the field, and the project is not counted.
  await page.getByLabel('COD用于区域削减的减排量').fill('600');
  await page.locator('#f-offset__cod_t-error').getByText(/超过了本项目的全年减排量 584/).waitFor();
  await page.getByLabel('COD用于区域削减的减排量').fill('100');
  await waitShows(total(page, 'cod_t'), 776);

  // A start year after the file's year is an error at its field.
  await page.getByLabel('投运年份').fill('2027');
  await page.locator('#f-start_year-error').getByText(/晚于核算年份 2026/).waitFor();
  await page.getByLabel('投运年份').fill('');
  await waitShows(total(page, 'cod_t'), 776);
  await button(page, '完成编辑').click();

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('#summary-offsets').getByText(
    'The reductions used as offsets for new or expanded projects have been deducted: COD 100 t.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
