// End-to-end spec of review status per project (issue 19 item 2): a planner opens the sample,
// sets one project 退回 in the editor's labelled select, sees the totals drop by that project's
// credited amount (the CLI's), lists its evidence, filters the register by status (the subtotal
// and the count by status), counts 退回 again in the file settings, and saves a file that holds
// the review and that the CLI totals as the page does. Driven by visible names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  serveDist, launch, openPage, showsValue, waitIds, poll, download, REGISTER_KEYS, ROOT, CLI, buildCli,
} from './harness.mjs';

const SAMPLE_FILE = path.join(ROOT, 'crates/core/data/sample.json');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const total = (page, key) => page.locator(`#register-total-${key}`);
const footRow = (page, name) => page.locator('#register-table tfoot tr')
  .filter({ has: page.getByRole('rowheader', { name, exact: true }) });

let server;
let browser;
before(async () => {
  buildCli();
  server = await serveDist();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const cli = (file) => JSON.parse(execFileSync(CLI, ['report', file, '--format', 'json'], { encoding: 'utf8' }));

/** Waits until the register's totals row shows `want` (a report's amounts) for every key. */
async function totalsShow(page, want, what) {
  for (const k of REGISTER_KEYS) {
    await poll(() => total(page, k).textContent(), {
      until: (shown) => showsValue(shown, want[k] ?? 0),
      fail: (shown) => assert.fail(`${what}: total ${k} shows ${shown}, expected ${want[k] ?? 0}`),
    });
  }
}

test('a project returned in the editor leaves the totals; the filter, the count and the setting follow; the saved file holds the review', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#register-table tr[data-id="p01"]').waitFor({ timeout: 20000 });
  const report = cli(SAMPLE_FILE);
  const p01 = report.projects.find((p) => p.id === 'p01');
  const credited = p01.net ?? p01.credited;
  assert.ok(credited.cod_t > 0, 'p01 reduces COD');
  const without = Object.fromEntries(REGISTER_KEYS.map((k) => [k, report.totals[k] - (credited[k] ?? 0)]));
  await totalsShow(page, report.totals, 'the sample');
  // No project has a review yet: no count by status.
  assert.equal(await page.locator('#register-review-counts').count(), 0);

  // The editor: 审核状态 → 退回, a note, one evidence document.
  await page.locator('#register-table tr[data-id="p01"]').getByRole('button', { name: '编辑' }).click();
  await page.locator('#estimate-title').getByText('编辑登记表中的项目').waitFor();
  await page.getByLabel('审核状态', { exact: true }).selectOption({ label: '退回' });
  await totalsShow(page, without, 'p01 returned');
  await page.getByLabel('审核意见', { exact: true }).fill('请补充在线监测数据');
  await button(page, '添加证明材料').click();
  const doc = page.getByRole('group', { name: '证明材料 1', exact: true });
  await doc.getByLabel('名称', { exact: true }).fill('验收报告');
  await doc.getByLabel('名称', { exact: true }).press('Tab');
  await doc.getByLabel('编号', { exact: true }).fill('YS-2026-01');
  await doc.getByLabel('编号', { exact: true }).press('Tab');
  await doc.getByLabel('日期', { exact: true }).fill('2026-03-31');
  await doc.getByLabel('日期', { exact: true }).press('Tab');
  // A second document, deleted again.
  await button(page, '添加证明材料').click();
  await page.getByRole('group', { name: '证明材料 2', exact: true }).waitFor();
  await button(page, '删除 证明材料 2').click();
  await page.getByRole('group', { name: '证明材料 2', exact: true }).waitFor({ state: 'detached' });
  await button(page, '完成编辑').click();
  await page.locator('#estimate-title').getByText('编辑登记表中的项目').waitFor({ state: 'detached' });

  // The row says so; the count by status (the engine's): every other project is 申报.
  const row = page.locator('#register-table tr[data-id="p01"]');
  await row.locator('.register__review').getByText('退回 · 未计入', { exact: true }).waitFor();
  const n = report.projects.length;
  await page.locator('#register-review-counts')
    .getByText(`审核状态：申报 ${n - 1} · 退回 1`, { exact: true }).waitFor();

  // Filtered by 退回: one row, whose subtotal is 0 (it is not counted).
  await page.getByLabel('按审核状态筛选').selectOption({ label: '退回' });
  await waitIds(page, ['p01']);
  const sub = footRow(page, '筛选小计（1 个项目）');
  await sub.waitFor();
  assert.ok(showsValue(await page.locator('#register-subtotal-cod_t').textContent(), 0));
  await footRow(page, '全表合计（全部计入项目）').waitFor();
  // Filtered by 申报: the others, whose subtotal is the register's total.
  await page.getByLabel('按审核状态筛选').selectOption({ label: '申报' });
  await footRow(page, `筛选小计（${n - 1} 个项目）`).waitFor();
  assert.ok(showsValue(await page.locator('#register-subtotal-cod_t').textContent(), without.cod_t));
  await page.getByLabel('按审核状态筛选').selectOption({ label: '全部' });
  await footRow(page, '合计（计入项目）').waitFor();

  // The planner counts 退回 too: the totals are the sample's again.
  const counted = page.getByRole('group', { name: '计入汇总的审核状态' });
  assert.equal(await counted.getByLabel('退回', { exact: true }).isChecked(), false);
  assert.equal(await counted.getByLabel('核定', { exact: true }).isChecked(), true);
  await counted.getByLabel('退回', { exact: true }).check();
  await totalsShow(page, report.totals, '退回 counted');
  await row.locator('.register__review').getByText('退回', { exact: true }).waitFor();
  // And only 核定: nothing is accepted, so every total is 0.
  for (const s of ['申报', '初审通过', '退回']) await counted.getByLabel(s, { exact: true }).uncheck();
  await totalsShow(page, {}, 'only 核定 counted');
  await counted.getByLabel('申报', { exact: true }).check();
  await counted.getByLabel('初审通过', { exact: true }).check();
  await totalsShow(page, without, 'the default again');

  // The saved file holds the review and no setting (the default); the CLI totals it as shown.
  const saved = await download(page, '#save-register');
  const file = JSON.parse(saved.bytes.toString('utf8'));
  const project = file.projects.find((p) => p.id === 'p01');
  assert.deepEqual(project.review, {
    status: 'returned', note: '请补充在线监测数据',
    evidence: [{ name: '验收报告', number: 'YS-2026-01', date: '2026-03-31' }],
  });
  assert.equal(file.settings?.counted_statuses, undefined);
  const again = cli(saved.file);
  for (const k of REGISTER_KEYS) assert.ok(Math.abs(again.totals[k] - without[k]) < 1e-6, `CLI ${k}`);
  assert.deepEqual(again.review.by_status, { submitted: n - 1, checked: 0, accepted: 0, returned: 1, rejected: 0 });

  // A setting that is not the default is saved as the list, in review order.
  await counted.getByLabel('退回', { exact: true }).check();
  const saved2 = JSON.parse((await readFile((await download(page, '#save-register')).file)).toString('utf8'));
  assert.deepEqual(saved2.settings.counted_statuses, ['submitted', 'checked', 'accepted', 'returned']);

  // In English.
  await page.locator('#lang-toggle').click();
  await page.locator('#register-review-counts')
    .getByText(`Review status: Submitted ${n - 1} · Returned 1`, { exact: true }).waitFor();
  await page.getByRole('group', { name: 'Review statuses counted in the totals' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
