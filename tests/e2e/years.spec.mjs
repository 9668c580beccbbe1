// End-to-end spec of issue 19 item 1 as a planner meets it: several registers in this browser (a
// 2025 and a 2026 file side by side in 登记表列表), the five-year view's cumulative totals against
// the CLI's totals of the same files and its gap to a five-year target, next year's register made
// from this one with the projects carried over, a register deleted and the deletion undone, a
// reload that keeps everything, and the single autosave of an older version taken into the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, openPage, openRegister, chooseFile, waitIds, poll, showsValue, ROOT, CLI, buildCli } from './harness.mjs';

const SAMPLE = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const button = (page, name) => page.getByRole('button', { name, exact: true });
const QUANTITIES = ['cod_t', 'nh3n_t', 'so2_t', 'nox_t', 'vocs_t', 'tce', 'water_t', 'co2_t'];

let server;
let browser;
let dir;
before(async () => {
  buildCli();
  server = await serveDist();
  browser = await launch();
  dir = await mkdtemp(path.join(os.tmpdir(), 'jianpai-years-'));
});
after(async () => { await browser?.close(); await server?.close(); });

const cli = (...args) => execFileSync(CLI, args, { encoding: 'utf8' });
const totals = (file) => JSON.parse(cli('report', file, '--format', 'json')).totals;

/** The sample as the register of `year`, written where the CLI reads it. */
async function yearFile(year, extra = {}) {
  const register = { ...SAMPLE, year, title: `${year}年度减排项目（示例县）`, ...extra };
  const file = path.join(dir, `county-${year}.json`);
  await writeFile(file, JSON.stringify(register));
  return { json: register, file, name: `county-${year}.json` };
}

async function start() {
  const opened = await openPage(browser);
  await opened.page.goto(server.origin + '/');
  await opened.page.locator('#register-table tr[data-id="p01"]').waitFor({ timeout: 20000 });
  return opened;
}

/** The years shown in 登记表列表, top to bottom. */
const listedYears = (page) => page.locator('#registers-table tbody tr').evaluateAll(
  (rows) => rows.map((r) => r.children[1].textContent));

/** The cells of one key's row of the five-year table of the plan starting in `first`. */
const planRow = (page, first, key) => page.locator(`#plan-${first} tr[data-key="${key}"]`).locator('th, td')
  .allTextContents();

/** Opens a file beside the open register, as a new register of the list. */
async function openAsNew(page, name, json) {
  await chooseFile(page, name, json);
  await page.locator('#open-preview').waitFor({ timeout: 20000 });
  await button(page, '作为新登记表打开').click();
  await page.locator('#open-preview').waitFor({ state: 'detached' });
  await page.locator('#file-name').getByText(name).waitFor();
}

test('two years side by side, the five-year view against the CLI, next year made, delete and undo, reload', async () => {
  const y2025 = await yearFile(2025);
  const t2026 = totals((await yearFile(2026)).file);
  // The 十五五 targets in the 2026 register: NOₓ 133.9 t above 2026's credited NOₓ, COD 1 t.
  const y2026 = await yearFile(2026, { plan_targets: { nox_t: t2026.nox_t + 133.9, cod_t: 1 } });
  const { context, page, errors } = await start();
  await openRegister(page, y2025.name, y2025.json);
  await openAsNew(page, y2026.name, y2026.json);
  await poll(() => listedYears(page), { until: (y) => y.length === 2 && y.includes('2025') && y.includes('2026') });
  // The 2026 register is the one open.
  assert.equal(await page.locator('#registers-table tr[aria-current="true"] td').nth(1).textContent(), '2026');

  // The five-year view: 十四五 2025 alone, 十五五 2026 alone, each equal to the CLI's totals.
  await button(page, '显示五年规划进度').click();
  await page.locator('#plan-2021').waitFor();
  const t2025 = totals(y2025.file);
  for (const key of QUANTITIES) {
    // Columns: name, unit, 2021 … 2025, cumulative, target, still to reduce.
    const cells = await planRow(page, 2021, key);
    assert.ok(showsValue(cells[7], t2025[key]), `十四五 cumulative ${key}: ${cells[7]} vs the CLI's ${t2025[key]}`);
    assert.ok(showsValue(cells[6], t2025[key]), `2025 column ${key}`);
    assert.equal(cells[2], '', 'no 2021 register');
    const c26 = await planRow(page, 2026, key);
    assert.ok(showsValue(c26[7], t2026[key]), `十五五 cumulative ${key}: ${c26[7]} vs the CLI's ${t2026[key]}`);
  }
  const plan = page.locator('#plan-view');
  await plan.getByText('NOₓ 距目标尚差 133.9 吨', { exact: true }).waitFor();
  await plan.getByText('COD 已完成', { exact: true }).waitFor();
  await plan.getByText('2021、2022、2023、2024 年无登记表，其减排量未计入累计。').waitFor();
  await plan.getByText('五年目标取自 2026 年登记表。').waitFor();

  // Next year's register from 2026: the projects credited for part of 2026 are carried, start year 2026.
  const report26 = JSON.parse(cli('report', y2026.file, '--format', 'json'));
  const began = new Map(SAMPLE.projects.map((p) => [p.id, p.start_year]));
  const carried = report26.projects.filter((p) => p.months < 12 && (began.get(p.id) ?? 2026) === 2026).map((p) => p.id);
  assert.ok(carried.length > 0, 'the sample has projects that started in mid-2026');
  await button(page, '由上年登记表生成').click();
  await page.locator('#registers-notice').getByText(
    `已由 2026 年登记表生成 2027 年登记表：结转 2026 年部分计入的项目 ${carried.length} 个（投运年份 2026，2027 年计入其余月份）。`).waitFor();
  await waitIds(page, carried);
  assert.equal(await page.locator('#file-year').inputValue(), '2027');
  await poll(() => listedYears(page), { until: (y) => y.length === 3 && y.includes('2027') });
  // Saved as a file, the 2027 register is what the CLI reads: 十五五 = 2026 + 2027 by the CLI.
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, '保存项目文件').click()]);
  const file2027 = path.join(dir, 'county-2027.json');
  await writeFile(file2027, await readFile(await download.path()));
  const saved2027 = JSON.parse(await readFile(file2027, 'utf8'));
  assert.deepEqual(saved2027.projects.map((p) => [p.id, p.start_year]), carried.map((id) => [id, 2026]));
  const t2027 = totals(file2027);
  const cliPlan = JSON.parse(cli('plan', y2025.file, y2026.file, file2027, '--format', 'json'));
  const fifteenth = cliPlan.periods[1];
  for (const key of QUANTITIES) {
    const want = t2026[key] + t2027[key];
    assert.ok(Math.abs(fifteenth.cumulative[key] - want) <= 1e-9 * Math.max(1, Math.abs(want)), `CLI plan ${key}`);
    const cells = await planRow(page, 2026, key);
    assert.ok(showsValue(cells[7], want), `十五五 cumulative ${key} after 2027: ${cells[7]} vs ${want}`);
  }
  const noxGap = fifteenth.gaps.find((g) => g.key === 'nox_t');
  const gapText = noxGap.met ? 'NOₓ 已完成' : `NOₓ 距目标尚差 ${noxGap.short.toFixed(1)} 吨`;
  await plan.getByText(gapText, { exact: true }).waitFor();

  // Delete the 2025 register, then undo.
  const row2025 = page.locator('#registers-table tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: '2025' }) });
  await row2025.getByRole('button', { name: /^删除 / }).click();
  await poll(() => listedYears(page), { until: (y) => y.length === 2 && !y.includes('2025') });
  await page.locator('#registers-deleted').waitFor();
  await button(page, '撤销删除').click();
  await poll(() => listedYears(page), { until: (y) => y.length === 3 && y.includes('2025') });

  // A reload keeps the three registers and the open one (2027).
  await page.reload();
  await waitIds(page, carried);
  await poll(() => listedYears(page), { until: (y) => [...y].sort().join() === '2025,2026,2027' });
  // Open 2025 again: its projects, untouched.
  const again = page.locator('#registers-table tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: '2025' }) });
  await again.getByRole('button', { name: /^打开 / }).click();
  await waitIds(page, SAMPLE.projects.map((p) => p.id));
  assert.equal(await page.locator('#file-year').inputValue(), '2025');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single autosave of an earlier version joins the list on the first load, nothing lost', async () => {
  const { context, page, errors } = await start();
  // What an earlier version kept: one register (p01 removed, its own title), no list.
  const old = { ...SAMPLE, title: '旧版本的登记表', projects: SAMPLE.projects.slice(1) };
  const oldSave = JSON.stringify({ meta: { revision: 3, tab: 'old-tab', time: 1.7e12 }, name: 'old.json', file: old });
  await page.evaluate((save) => {
    localStorage.clear();
    localStorage.setItem('jianpai.register.v1', save);
  }, oldSave);
  await page.reload();
  await waitIds(page, old.projects.map((p) => p.id));
  await poll(() => page.locator('#registers-table tbody tr').count(), { until: (n) => n === 1 });
  await page.locator('#registers-table tbody').getByRole('rowheader', { name: '旧版本的登记表' }).waitFor();
  const kept = await page.evaluate(() => ({
    save: JSON.parse(localStorage.getItem('jianpai.register.v1')),
    list: JSON.parse(localStorage.getItem('jianpai.registers.v1')).list,
  }));
  assert.deepEqual(kept.save.file, old, 'the register itself is unchanged');
  assert.equal(kept.save.name, 'old.json');
  assert.equal(kept.list.length, 1);
  assert.equal(kept.save.meta.register, kept.list[0].id, 'the save names its entry');
  assert.equal(kept.list[0].title, '旧版本的登记表');
  // A second reload adds no second entry; a new register and back keeps it whole.
  await page.reload();
  await waitIds(page, old.projects.map((p) => p.id));
  assert.equal(await page.locator('#registers-table tbody tr').count(), 1);
  await button(page, '新建登记表').click();
  await page.locator('.register__empty').waitFor();
  await poll(() => page.locator('#registers-table tbody tr').count(), { until: (n) => n === 2 });
  await page.getByRole('button', { name: /^打开 .*旧版本的登记表$/ }).click();
  await waitIds(page, old.projects.map((p) => p.id));
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs with two registers of the list: no conflict between them, each kept', async () => {
  const { context, page } = await start();
  const y2025 = await yearFile(2025);
  await openRegister(page, y2025.name, y2025.json);
  await button(page, '新建登记表').click();
  await page.locator('.register__empty').waitFor();
  // A second tab opens the 2025 register; the first keeps the new one.
  const other = await context.newPage();
  await other.goto(server.origin + '/');
  await other.locator('.register__empty').waitFor({ timeout: 20000 });
  await other.getByRole('button', { name: /^打开 .*2025/ }).click();
  await waitIds(other, SAMPLE.projects.map((p) => p.id));
  // Each edits its own register: no "another tab" banner in either.
  await other.locator('#register-table tr[data-id="p01"]').getByRole('button', { name: '删除', exact: true }).click();
  await page.locator('#file-title').fill('新登记表');
  await page.locator('#file-title').blur();
  await page.waitForTimeout(800);
  assert.equal(await page.locator('#tab-conflict').count(), 0);
  assert.equal(await other.locator('#tab-conflict').count(), 0);
  // Both are in the list with their changes.
  await page.reload();
  await page.locator('#registers-table').waitFor();
  const byTitle = await page.evaluate(() => JSON.parse(localStorage.getItem('jianpai.registers.v1')).list
    .map((r) => [r.year, r.projects]));
  assert.ok(byTitle.some(([y, n]) => y === 2025 && n === SAMPLE.projects.length - 1), JSON.stringify(byTitle));
  assert.ok(byTitle.some(([y, n]) => y === null && n === 0), JSON.stringify(byTitle));
  await context.close();
});
