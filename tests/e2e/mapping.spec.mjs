// A planner's own ledger imported as a user would (issue 19 items 5 and 8): a CSV whose headers
// are not the template's (项目编号, 项目名称, 责任单位, 所在乡镇, 类型, 设计规模 …, under a title row)
// opens the column-mapping step, each header with a select labelled by it; the columns the app
// does not recognise are mapped by hand, a field chosen twice and a missing id are refused at the
// select; the preview names the bad cell by row and column; the register gets the ledger's
// projects with the totals computed by hand. The same ledger saved as .xlsx by LibreOffice maps
// itself from the remembered mapping; adding it to the register goes through the duplicate
// dialog of 合并文件 (A9), as does adding the register's own CSV: no clashing id is added or
// dropped without a decision. On a 360 px phone the register and the summary are cards (each cell
// after its column's name, numbers whole), still tables, and axe finds nothing serious.
//
// The fixtures (tests/e2e/data): ledger-2026.csv, written by hand; ledger-2026.xlsx, the same CSV
// converted by `soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx` (LibreOffice
// 24.2 of Debian: deflated parts, shared strings, numbers as number cells).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveDist, launch, openPage, rowIds, download, bigRegister, openRegister, ROOT } from './harness.mjs';

const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const SAMPLE = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const DATA = path.join(ROOT, 'tests/e2e/data');
const LEDGER_CSV = await readFile(path.join(DATA, 'ledger-2026.csv'));
const LEDGER_XLSX = await readFile(path.join(DATA, 'ledger-2026.xlsx'));
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function start(viewport) {
  const opened = await openPage(browser);
  if (viewport) await opened.page.setViewportSize(viewport);
  await opened.page.goto(server.origin + '/');
  await opened.app.ready();
  return opened;
}

/** Chooses a file in the hidden import input and waits for the mapping step, the preview or the
 * rejection. */
async function choose(page, name, mimeType, buffer) {
  await page.setInputFiles('#import-csv-file', { name, mimeType, buffer });
  await page.locator('#csv-mapping, #csv-preview, #csv-errors').first().waitFor({ timeout: 20000 });
}

/** The select of the column headed `header` (found by its label, as a user finds it). */
const column = (page, header) => page.locator('#csv-mapping').getByLabel(header, { exact: true });

const totals = (page, keys) => Promise.all(keys.map((k) => page.locator(`#register-total-${k}`).textContent()));

test('a ledger with its own headers is mapped by selects and imported; the xlsx of it maps itself; adding it asks about each clashing id', async () => {
  const { page, errors } = await start();
  await page.locator('#new-file').click();
  await page.waitForFunction(() => document.querySelectorAll('#register-table tr[data-id]').length === 0);

  await choose(page, 'ledger-2026.csv', 'text/csv', LEDGER_CSV);
  const mapping = page.locator('#csv-mapping');
  await mapping.waitFor();
  assert.equal(await page.locator('#csv-mapping-title').textContent(), '对应列：ledger-2026.csv');
  assert.equal(await page.locator('#csv-mapping-remembered').count(), 0, 'nothing remembered yet');
  // One row per column of the header row (the title row above it is not a column).
  assert.equal(await page.locator('#csv-mapping-table tbody tr').count(), 11);
  // Matched by the app: by label or by a planner's usual name.
  const guessed = { '项目编号': 'id', '项目名称': 'name', '责任单位': 'enterprise', '所在乡镇': 'township', '类型': 'type' };
  for (const [header, path] of Object.entries(guessed)) {
    assert.equal(await column(page, header).inputValue(), path, header);
  }
  // Not recognised: left as 不导入 until the planner says.
  for (const header of ['设计规模（吨/日）', '进水COD（mg/L）', '出水COD（mg/L）', '进水氨氮（mg/L）', '出水氨氮（mg/L）', '备注']) {
    assert.equal(await column(page, header).inputValue(), '', header);
  }
  // The first project row's values beside the headers.
  assert.equal(await page.locator('#csv-mapping-table tr[data-column="5"] td').first().textContent(), '2000');

  // A field chosen for two columns is refused at the second, and the preview waits.
  await column(page, '进水COD（mg/L）').selectOption('cod_before_mg_l');
  await column(page, '出水COD（mg/L）').selectOption('cod_before_mg_l');
  assert.equal(await page.locator('#csv-map-7-error').textContent(),
    '与“进水COD（mg/L）”列对应同一字段：同一字段只能对应一列');
  assert.equal(await column(page, '出水COD（mg/L）').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#csv-mapping-preview').isDisabled(), true);
  await column(page, '出水COD（mg/L）').selectOption('cod_after_mg_l');
  assert.equal(await page.locator('#csv-map-7-error').textContent(), '');
  // No id column: said, and the preview waits.
  await column(page, '项目编号').selectOption('');
  assert.equal(await page.locator('#csv-mapping-needs-id').textContent(), '须有一列对应“编号”：每个项目都要有编号。');
  assert.equal(await page.locator('#csv-mapping-preview').isDisabled(), true);
  await column(page, '项目编号').selectOption('id');
  assert.equal(await page.locator('#csv-mapping-needs-id').textContent(), '');
  await column(page, '设计规模（吨/日）').selectOption('flow_m3_per_day');
  await column(page, '进水氨氮（mg/L）').selectOption('nh3n_before_mg_l');
  await column(page, '出水氨氮（mg/L）').selectOption('nh3n_after_mg_l');

  await page.locator('#csv-mapping-preview').click();
  await page.locator('#csv-preview').waitFor();
  assert.equal(await page.locator('#csv-preview-count').textContent(), '3 行项目已读入');
  const problems = await page.locator('#csv-preview-problems li').allTextContents();
  // Rows as the planner's spreadsheet numbers them (the title is row 1, the header row 2), columns
  // by the planner's own headers.
  assert.ok(problems.includes('第 2 行，备注 列：不是项目文件中的字段，此列未导入'), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('第 5 行，设计规模（吨/日） 列：')), problems.join('\n'));
  // Back to the mapping keeps the choices.
  await page.locator('#csv-mapping-back').click();
  assert.equal(await column(page, '设计规模（吨/日）').inputValue(), 'flow_m3_per_day');
  await page.locator('#csv-mapping-preview').click();
  await page.locator('#csv-replace').click();
  await page.locator('#csv-preview').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('#register-table tr[data-id]').length === 3);
  assert.deepEqual(await rowIds(page), ['L01', 'L02', 'L03']);
  // By hand (docs/methodology.md §3.1: Q × load 1 × 365 d × (C_before − C_after) × 10⁻⁶, the whole
  // year credited without a start month); L03 ("约800" m³/d) is kept, marked, not counted:
  //   COD   L01 2000 × 365 × (300 − 50) × 1e-6 = 182.5; L02 500 × 365 × (250 − 60) × 1e-6 = 34.675
  //         → 217.175 t, shown 217.18
  //   NH₃-N L01 2000 × 365 × (30 − 5) × 1e-6 = 18.25;  L02 500 × 365 × (25 − 8) × 1e-6 = 3.1025
  //         → 21.3525 t, shown 21.35
  // (the CLI's report of the same two projects: cod_t 217.175, nh3n_t 21.3525)
  assert.deepEqual(await totals(page, ['cod_t', 'nh3n_t']), ['217.18', '21.35']);
  assert.equal(await page.locator('#register-table tr[data-id="L01"]').getAttribute('class').then((c) => /problem/.test(c ?? '')), false);
  assert.match(await page.locator('#register-table tr[data-id="L03"]').getAttribute('class'), /register__row--problem/);

  // The same ledger as a workbook (LibreOffice's): the mapping chosen above comes back.
  await choose(page, 'ledger-2026.xlsx', XLSX_MIME, LEDGER_XLSX);
  await mapping.waitFor();
  assert.equal(await page.locator('#csv-mapping-remembered').textContent(), '已按上次为同样列名所选的对应关系填好，请核对。');
  assert.equal(await column(page, '设计规模（吨/日）').inputValue(), 'flow_m3_per_day');
  assert.equal(await column(page, '出水氨氮（mg/L）').inputValue(), 'nh3n_after_mg_l');
  assert.equal(await column(page, '备注').inputValue(), '');
  await page.locator('#csv-mapping-preview').click();
  await page.locator('#csv-preview').waitFor();
  assert.equal(await page.locator('#csv-preview-count').textContent(), '3 行项目已读入');
  // Added to the register: its three ids are the register's, so the duplicate dialog asks.
  await page.locator('#csv-add').click();
  const dialog = page.locator('#merge-dialog');
  await dialog.waitFor();
  assert.equal(await page.locator('#merge-no-new').count(), 1, 'nothing new');
  assert.deepEqual(await page.locator('#merge-duplicates tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.id)),
    ['L01', 'L02', 'L03']);
  // Keep both for L02 (the copy gets an id of its own), keep mine for the others.
  await page.locator('#merge-duplicates tbody tr[data-id="L02"] select').selectOption('both');
  await page.locator('#confirm-merge').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('#register-table tr[data-id]').length === 4);
  const ids = await rowIds(page);
  assert.equal(new Set(ids).size, 4, `every id once: ${ids}`);
  // L02 twice: COD 217.175 + 34.675 = 251.85; NH₃-N 21.3525 + 3.1025 = 24.455, which as an f64 is
  // 24.45499… and so shows 24.45 (the CLI's report of the three: cod_t 251.85, nh3n_t 24.455).
  assert.deepEqual(await totals(page, ['cod_t', 'nh3n_t']), ['251.85', '24.45']);
  // Only L03 (its bad number) is left out of the totals, none for a repeated id.
  assert.doesNotMatch(await page.locator('#not-counted').textContent(), /重复/);
  // One step: undo takes the merge back.
  await page.locator('#undo').click();
  await page.waitForFunction(() => document.querySelectorAll('#register-table tr[data-id]').length === 3);
  assert.deepEqual(errors, []);
});

test('adding the register\'s own CSV to it lists every clashing id in the duplicate dialog; cancel adds nothing', async () => {
  const { page, errors } = await start();
  const ids = SAMPLE.projects.map((p) => p.id);
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tr[data-id]').length === n, ids.length);
  const csv = await download(page, '#export-csv');
  await choose(page, 'county.csv', 'text/csv', csv.bytes);
  await page.locator('#csv-preview').waitFor();
  await page.locator('#csv-add').click();
  await page.locator('#merge-dialog').waitFor();
  assert.deepEqual(await page.locator('#merge-duplicates tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.id)), ids);
  await page.locator('#cancel-merge').click();
  await page.locator('#merge-dialog').waitFor({ state: 'detached' });
  assert.deepEqual(await rowIds(page), ids, 'nothing added');
  // Merged with "keep mine" for each: the register is unchanged, nothing dropped from the totals.
  const before = await totals(page, ['cod_t', 'nox_t', 'tce']);
  await choose(page, 'county.csv', 'text/csv', csv.bytes);
  await page.locator('#csv-add').click();
  await page.locator('#confirm-merge').click();
  await page.locator('#merge-dialog').waitFor({ state: 'detached' });
  assert.deepEqual(await rowIds(page), ids);
  assert.deepEqual(await totals(page, ['cod_t', 'nox_t', 'tce']), before);
  assert.deepEqual(errors, []);
});

test('at 360 px the register and the summary are cards of labelled cells, numbers whole, axe clean in both languages', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  await context.addInitScript({ content: AXE });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.origin + '/');
  await page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 });
  // 60 projects: more than the rows drawn at once, so the window of cards is exercised.
  const big = bigRegister(SAMPLE, 60);
  const nav = page.getByRole('navigation', { name: '视图' });
  // On a phone the file bar (and its preview of a file being opened) is in the register's view.
  await nav.getByRole('button', { name: '登记表' }).click();
  await openRegister(page, 'sixty.json', big);
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await page.locator('#lang-toggle').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    const views = page.getByRole('navigation', { name: lang === 'zh' ? '视图' : 'Views' });
    const tab = (zh, en) => views.getByRole('button', { name: lang === 'zh' ? zh : en });
    await tab('登记表', 'Register').click();
    await page.locator('#register-table').waitFor();
    const cards = await page.evaluate(() => {
      const scroller = document.querySelector('.register__scroll');
      const rows = [...document.querySelectorAll('#register-table tbody tr[data-id]')];
      // The first number cell is the start month; the next, the first credited amount (COD).
      const cell = rows[0].querySelectorAll('td.num')[1];
      return {
        table: document.querySelector('#register-table').tagName,
        sideways: scroller.scrollWidth > scroller.clientWidth,
        heights: [...new Set(rows.map((r) => r.getBoundingClientRect().height))],
        widest: Math.max(...rows.map((r) => r.getBoundingClientRect().width)),
        label: getComputedStyle(cell, '::before').content,
        dataLabel: cell.dataset.label,
      };
    });
    assert.equal(cards.table, 'TABLE', 'still a table');
    assert.equal(cards.sideways, false, 'the register does not scroll sideways');
    // components/register/rows.rs CARD_HEIGHT: the window of cards drawn counts on it.
    assert.deepEqual(cards.heights, [396], 'every card 396 px high');
    assert.ok(cards.widest <= 360, `cards within the window (${cards.widest} px)`);
    assert.equal(cards.label, JSON.stringify(cards.dataLabel), 'each cell after its column\'s name');
    // The column's name as the register's header writes it (components/register/mod.rs amount_label).
    assert.equal(cards.dataLabel, lang === 'zh' ? 'COD (吨)' : 'COD (t)');
    // Scrolled to the end, the last cards are drawn (the spacers add up to the cards' height).
    await page.locator('.register__scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForFunction(() => document.querySelector('#register-table tr[data-id="q60"]'));
    const last = await page.locator('#register-table tr[data-id="q60"]').boundingBox();
    const box = await page.locator('.register__scroll').boundingBox();
    assert.ok(last.y < box.y + box.height && last.y + last.height > box.y, 'the last card in view');
    await page.locator('.register__scroll').evaluate((el) => { el.scrollTop = 0; });
    await page.waitForFunction(() => document.querySelector('#register-table tr[data-id="q01"]'));
    await tab('汇总', 'Summary').click();
    await page.locator('#portfolio-title').waitFor();
    const summary = await page.evaluate(() => {
      const tds = [...document.querySelectorAll('.portfolio-summary__doc td[data-label]')].filter((td) => td.offsetParent);
      return {
        rows: [...document.querySelectorAll('.portfolio-summary__doc tbody tr')].filter((r) => r.offsetParent)
          .map((r) => getComputedStyle(r).display),
        labelled: tds.length,
        unlabelled: tds.filter((td) => getComputedStyle(td, '::before').content !== JSON.stringify(td.dataset.label)).length,
      };
    });
    assert.ok(summary.rows.length > 10 && summary.rows.every((d) => d === 'block'), 'the summary rows are cards');
    assert.ok(summary.labelled > 10);
    assert.equal(summary.unlabelled, 0);
    for (const view of [['登记表', 'Register'], ['汇总', 'Summary']]) {
      await tab(...view).click();
      const found = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      assert.deepEqual(found, [], `axe, ${lang}, ${view[0]}`);
      const broken = await page.evaluate(() => [...document.querySelectorAll('.app-main td.num')]
        .filter((td) => td.offsetParent && /\d/.test(td.textContent))
        .filter((td) => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length > 1; })
        .map((td) => td.textContent).slice(0, 5));
      assert.deepEqual(broken, [], `${lang} ${view[0]}: numbers on one line`);
      const sideways = await page.evaluate(() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth);
      assert.equal(sideways, false, 'the page does not scroll sideways');
    }
  }
  // The mapping step at 360 px: axe clean too.
  await page.locator('#lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  await nav.getByRole('button', { name: '登记表' }).click();
  await choose(page, 'ledger-2026.csv', 'text/csv', LEDGER_CSV);
  await page.locator('#csv-mapping').waitFor();
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert.deepEqual(found, [], 'axe, the mapping step at 360 px');
  assert.deepEqual(errors, []);
  await context.close();
});
