// End-to-end spec of the water measures in the app (issue 18 items 5–7): a planner enters a rural
// sewage project (农村生活污水治理) in the estimate form, finding every input by its label, and
// sees the reduction worked out by hand (docs/methodology.md §3.17):
// 2,000 people × 60 L/(人·d) (the library's default water use) ÷ 1000 = 120 m³/d; load rate 1,
// 365 days: 120 × 1 × 365 = 43,800 m³ a year;
// COD 300 → 50 mg/L: 43,800 × 250 × 10⁻⁶ = 10.95 t; NH₃-N 35 → 5: 43,800 × 30 × 10⁻⁶ = 1.314 t.
// With 100 L per person of its own: 200 m³/d × 365 × 250 × 10⁻⁶ = 18.25 t COD.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a rural sewage project entered by its labels shows the hand-computed reduction; flow and population are one or the other', async () => {
  const { context, app, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await page.getByLabel('措施类型', { exact: true }).selectOption('rural_sewage');
  const population = page.getByLabel(/^服务人口/);
  await population.waitFor();
  // Inputs kept from the type shown before are replaced or cleared, as a user would.
  await page.getByLabel(/^处理规模/).fill('');
  await population.fill('2000');
  await page.getByLabel(/^人均日用水量/).fill('');
  await page.getByLabel(/^负荷率/).fill('1');
  await page.getByLabel(/^年运行天数/).fill('365');
  await page.getByLabel(/^COD 治理前浓度/).fill('300');
  await page.getByLabel(/^COD 治理后浓度/).fill('50');
  await page.getByLabel(/^氨氮治理前浓度/).fill('35');
  await page.getByLabel(/^氨氮治理后浓度/).fill('5');
  await app.waitForFull('cod_t', 10.95);
  await app.waitForFull('nh3n_t', 1.314);
  // The trail names the library's default it used.
  await page.getByText('water.rural_l_per_person_day').first().waitFor({ state: 'attached' });

  // Its own water use per person: 2,000 × 100 ÷ 1000 = 200 m³/d → 18.25 t COD.
  await page.getByLabel(/^人均日用水量/).fill('100');
  await app.waitForFull('cod_t', 18.25);

  // Both the capacity and the population: refused at the population, naming the capacity.
  await page.getByLabel(/^处理规模/).fill('120');
  await page.locator('#f-population-error').getByText(/只能填写一项/).waitFor();
  await page.getByLabel(/^处理规模/).fill('');
  await app.waitForFull('cod_t', 18.25);

  // The same form in English, by its English labels.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.getByLabel(/^Population served/).fill('1500');
  // 1,500 × 100 ÷ 1000 = 150 m³/d × 365 × 250 × 10⁻⁶ = 13.6875 t.
  await app.waitForFull('cod_t', 13.6875);
  assert.deepEqual(errors, []);
  await context.close();
});
