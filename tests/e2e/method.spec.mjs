// The accounting method and VOCs in the app (docs/methodology.md §2.2, "The bulletin paragraph"):
// choosing the method in the file's settings changes the bulletin; a VOCs target typed in the
// file's targets shows in the summary. Expected values by hand from the file below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, openRegister } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// A 2026 register, both projects for the whole year: VOCs 120 − 24 = 96 t, COD 300 − 100.5 =
// 199.5 t (measured data, engineering projects).
const COUNTY = {
  format: 'jianpai/1', title: 'VOCs 测试', region: '测试县', year: 2026,
  projects: [
    { id: 'v1', name: '涂装线VOCs治理', measure: { type: 'measured', before: { vocs_t: 120 }, after: { vocs_t: 24 } } },
    { id: 'w1', name: '园区污水', measure: { type: 'measured', before: { cod_t: 300 }, after: { cod_t: 100.5 } } },
  ],
};

test('choosing the accounting method rewords the bulletin; a VOCs target shows in the summary', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 });
  await openRegister(page, 'vocs.json', COUNTY);
  const bulletin = page.locator('#bulletin');
  // No method in the file, a year of 2026: the 2021 method, both projects counted.
  const wording2021 = '2026年，全县实施主要污染物重点减排工程2项，形成化学需氧量、挥发性有机物重点工程减排量分别为199.5吨、96.0吨。';
  await page.waitForFunction((want) => document.querySelector('#bulletin')?.textContent === want, wording2021);
  const method = page.getByLabel('核算方法', { exact: true });
  // A blank says which method the year chooses; both methods are described beside the choice.
  assert.equal(await method.locator('option').first().textContent(), '默认：十四五 重点工程减排量（2021）');
  const help = await page.locator('#file-method-help').textContent();
  assert.match(help, /十四五 重点工程减排量（2021）：.*挥发性有机物/);
  assert.match(help, /十二五\/十三五 总量减排核算（2011）：.*二氧化硫/);
  assert.match(await page.locator('#summary-method').textContent(), /十四五 重点工程减排量（2021）（按年度默认）/);

  // The 2011 method: the 2017-style paragraph (no VOCs in it), the same numbers.
  await method.selectOption({ label: '十二五/十三五 总量减排核算（2011）' });
  const wording2011 = '2026年全县实施减排项目2个，削减COD 199.5吨。';
  await page.waitForFunction((want) => document.querySelector('#bulletin')?.textContent === want, wording2011);
  assert.match(await page.locator('#summary-method').textContent(), /十二五\/十三五 总量减排核算（2011）$/);
  // Back to the year's default.
  await method.selectOption('');
  await page.waitForFunction((want) => document.querySelector('#bulletin')?.textContent === want, wording2021);

  // A VOCs target of 50 t: the summary's VOCs row gives it beside the 96 t credited.
  const row = page.locator('.portfolio-summary__totals tr[data-key="vocs_t"]');
  assert.equal((await row.locator('td').nth(2).textContent()).trim(), '');
  await page.getByLabel('VOCs 减排目标').fill('50');
  await page.waitForFunction(() => document.querySelector('.portfolio-summary__totals tr[data-key="vocs_t"] td:nth-of-type(3)')?.textContent === '50');
  assert.equal(await page.locator('#total-vocs_t').textContent(), '96');
  assert.equal(await row.locator('th').textContent(), '挥发性有机物');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the planner chooses the 2021 bulletin\'s order and its SO₂ clause in the file settings', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 });
  // The file above with an SO₂ project added: 80 − 50 = 30 t SO₂, and NOₓ 40 − 28 = 12 t.
  const file = structuredClone(COUNTY);
  file.projects.push({ id: 's1', name: '锅炉脱硫脱硝', measure: { type: 'measured', before: { so2_t: 80, nox_t: 40 }, after: { so2_t: 50, nox_t: 28 } } });
  await openRegister(page, 'vocs-so2.json', file);
  // COD first (the default): COD 199.5, NOₓ 12.0, VOCs 96.0; SO₂ out of the paragraph.
  const codFirst = '2026年，全县实施主要污染物重点减排工程3项，形成化学需氧量、氮氧化物、挥发性有机物重点工程减排量分别为199.5吨、12.0吨、96.0吨。';
  await page.waitForFunction((want) => document.querySelector('#bulletin')?.textContent === want, codFirst);
  // NOₓ first (浙江): NOₓ, VOCs, COD.
  await page.getByLabel('简报污染物顺序（十四五）').selectOption({ label: '氮氧化物、挥发性有机物、化学需氧量、氨氮（浙江等）' });
  const noxFirst = '2026年，全县实施主要污染物重点减排工程3项，形成氮氧化物、挥发性有机物、化学需氧量重点工程减排量分别为12.0吨、96.0吨、199.5吨。';
  await page.waitForFunction((want) => document.querySelector('#bulletin')?.textContent === want, noxFirst);
  // The SO₂ clause for a province that still assesses it: 30.0 t.
  const so2 = page.getByLabel('简报写入二氧化硫减排量（省级考核指标）');
  assert.equal(await so2.isChecked(), false);
  await so2.check();
  await page.waitForFunction(() => document.querySelector('#bulletin')?.textContent.includes('二氧化硫减排量30.0吨（省级考核指标）'));
  // Unchecked again: the clause goes, and the file holds no `bulletin_so2` (its default).
  await so2.uncheck();
  await page.waitForFunction((want) => document.querySelector('#bulletin')?.textContent === want, noxFirst);
  assert.deepEqual(errors, []);
  await context.close();
});
