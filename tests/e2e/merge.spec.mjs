// End-to-end: merging two applicants' files into the sample register at once. File A repeats the
// id of a sample project (p13, a capacity phase-out), file B the name, township and type of another
// (p16, measured data); each brings one new project. Take theirs for A's, keep both for B's, and
// check rows, unique ids, the replaced project and the totals; then undo restores the sample.
// Credited amounts by hand (docs/methodology.md §2.1, §3.8, §3.10): a phase-out credits its
// last-year amounts, measured data before − after, both × (13 − start month) / 12 (all year
// without a start month; rule start_month, the sample's).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, showsValue } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// The sample's projects (crates/core/data/sample.json): p01–p19.
const SAMPLE_ROWS = 22;
// The sample's p13 (crates/core/data/sample.json): last year COD 45.2 t, 12,600 tce.
const SAMPLE_P13 = { cod: 45.2, tce: 12600 };

const fileA = {
  format: 'jianpai/1', title: '甲企业申报', year: 2026,
  projects: [
    // Same id as the sample's p13: COD 12.5 t, 800 tce all year.
    { id: 'p13', name: '甲企业落后产能淘汰（申报）', township: '临江镇',
      measure: { type: 'capacity_phaseout', enterprises: 2, equipment: 10, last_year: { cod_t: 12.5, tce: 800 } } },
    // New: (20 − 12) × (13 − 7) / 12 = 4 t COD.
    { id: 'a-new', name: '甲企业废水在线监测', township: '白沙镇', start_month: 7,
      measure: { type: 'measured', before: { cod_t: 20 }, after: { cod_t: 12 } } },
  ],
};
const fileB = {
  format: 'jianpai/1', title: '乙企业申报', year: 2026,
  projects: [
    // Same name, township and type as the sample's p16, own id "a-new" (as A's new one):
    // 30 − 25 = 5 t COD, 100 − 40 = 60 tce, all year.
    { id: 'a-new', name: '精细化工企业清洁生产（在线监测）', township: '城东街道',
      measure: { type: 'measured', before: { cod_t: 30, tce: 100 }, after: { cod_t: 25, tce: 40 } } },
    // New, from October: 3 × (13 − 10) / 12 = 0.75 t COD, 200 × 3 / 12 = 50 tce.
    { id: 'b-new', name: '乙企业关停', township: '桃源乡', start_month: 10,
      measure: { type: 'capacity_phaseout', enterprises: 1, last_year: { cod_t: 3, tce: 200 } } },
  ],
};
const notAFile = { format: 'something/else' };

const buffer = (name, obj) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(obj)) });
const shown = async (locator) => {
  const text = (await locator.textContent({ timeout: 5000 })).trim();
  return text;
};
const asNumber = (text) => Number(text.replace(/,/g, ''));

test('two applicant files merge at once: take theirs, keep both, totals by hand, one undo', async () => {
  const { context, page, app, errors, requests } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  const rows = page.locator('#register-table tbody tr[data-id]');
  await page.locator('tr[data-id="p16"]').waitFor();
  assert.equal(await rows.count(), SAMPLE_ROWS);
  const totalCod = page.locator('#register-total-cod_t');
  const totalTce = page.locator('#register-total-tce');
  const beforeCod = await shown(totalCod);
  const beforeTce = await shown(totalTce);

  await page.locator('#merge-files').setInputFiles([
    buffer('a.json', fileA), buffer('b.json', fileB), buffer('notes.json', notAFile),
  ]);
  const dialog = page.locator('#merge-dialog[role="dialog"]');
  await dialog.waitFor({ timeout: 10000 });
  // The files read, with their project counts; the third is skipped with a message.
  assert.match(await shown(dialog.locator('#merge-files-read li[data-file="a.json"]')), /a\.json.*2/);
  assert.match(await shown(dialog.locator('#merge-files-read li[data-file="b.json"]')), /b\.json.*2/);
  assert.equal(await dialog.locator('#merge-files-read li').count(), 2);
  assert.match(await shown(dialog.locator('#merge-skipped li[data-file="notes.json"]')), /notes\.json/);
  // New projects: A's a-new and B's b-new; duplicates: A's p13 (same id), B's (same name …).
  assert.deepEqual(await dialog.locator('#merge-new tbody tr').evaluateAll((trs) => trs.map((t) => t.dataset.id)),
    ['a-new', 'b-new']);
  const dups = dialog.locator('#merge-duplicates tbody tr');
  assert.equal(await dups.count(), 2);
  const dupA = dups.nth(0);
  const dupB = dups.nth(1);
  // Side by side: the sample's p13 (45.2 t) beside A's (12.5 t); the sample's p16 beside B's.
  const cellsA = await dupA.locator('td').allTextContents();
  assert.equal(cellsA[1], 'p13');
  assert.ok(showsValue(cellsA[5], SAMPLE_P13.cod), cellsA.join(' | '));
  assert.equal(cellsA[8], 'p13');
  assert.equal(cellsA[9], '甲企业落后产能淘汰（申报）');
  assert.ok(showsValue(cellsA[12], 12.5), cellsA.join(' | '));
  const cellsB = await dupB.locator('td').allTextContents();
  assert.equal(cellsB[1], 'p16');
  assert.equal(cellsB[8], 'a-new');
  assert.equal(cellsB[2], cellsB[9], 'same name');
  // Every decision starts at "keep mine", and says so in words.
  const selA = dupA.locator('select');
  const selB = dupB.locator('select');
  for (const sel of [selA, selB]) {
    assert.equal(await sel.inputValue(), 'mine');
    assert.deepEqual(await sel.locator('option').allTextContents(),
      ['保留我的', '采用对方', '两者都保留（新编号）']);
    const id = await sel.getAttribute('id');
    assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, 'the choice has a label');
  }
  // Nothing changed yet.
  assert.equal(await rows.count(), SAMPLE_ROWS);
  assert.equal(await shown(totalCod), beforeCod);

  await selA.selectOption({ label: '采用对方' });
  await selB.selectOption({ label: '两者都保留（新编号）' });
  await page.locator('#confirm-merge').click();
  await dialog.waitFor({ state: 'detached', timeout: 10000 });

  // 22 + A's new + B's new + B's kept duplicate = 25 rows; p13 replaced in place.
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tbody tr[data-id]').length === n,
    SAMPLE_ROWS + 3, { timeout: 10000 });
  const ids = await rows.evaluateAll((trs) => trs.map((t) => t.dataset.id));
  assert.equal(new Set(ids).size, ids.length, `ids unique: ${ids}`);
  // Added in file order (A's new; B's kept duplicate, under a free id; B's new).
  assert.deepEqual(ids.slice(SAMPLE_ROWS), ['a-new', 'a-new-2', 'b-new']);
  assert.equal(ids.indexOf('p13'), 12, 'the replaced project keeps its position');
  const p13 = page.locator('#register-table tr[data-id="p13"]');
  assert.equal(await shown(p13.locator('th')), '甲企业落后产能淘汰（申报）');
  // Cells: township, category, type, month, COD, NH3-N, SO2, NOx, VOCs, tce, water.
  await app.assertShows(p13.locator('td:nth-of-type(5)'), 12.5);
  await app.assertShows(p13.locator('td:nth-of-type(10)'), 800);
  assert.equal(await shown(p13.locator('td:nth-of-type(6)')), '', 'no NH3-N in theirs');
  assert.equal(await shown(page.locator('tr[data-id="p16"] th')), '精细化工企业清洁生产（在线监测）', 'mine kept');

  // Totals by hand: the sample's totals as shown, minus its p13, plus A's p13, A's new,
  // B's kept duplicate and B's new. Both totals are shown rounded: allow two half-units.
  const cod = asNumber(beforeCod) - SAMPLE_P13.cod + 12.5 + 4 + 5 + 0.75;
  const tce = asNumber(beforeTce) - SAMPLE_P13.tce + 800 + 0 + 60 + 50;
  const afterCod = await shown(totalCod);
  const afterTce = await shown(totalTce);
  assert.ok(Math.abs(asNumber(afterCod) - cod) <= 0.01 + 1e-9, `COD total ${afterCod}, by hand ${cod}`);
  assert.ok(Math.abs(asNumber(afterTce) - tce) <= 0.01 + 1e-9, `tce total ${afterTce}, by hand ${tce}`);

  // One undo takes the whole merge back.
  await page.locator('#undo').click();
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tbody tr[data-id]').length === n,
    SAMPLE_ROWS, { timeout: 10000 });
  assert.equal(await shown(totalCod), beforeCod);
  assert.equal(await shown(totalTce), beforeTce);
  assert.equal(await shown(page.locator('#register-table tr[data-id="p13"] th')), '淘汰落后产能（印染、化工、铸造）');

  assert.deepEqual(errors, []);
  assert.ok(requests.every((u) => u.startsWith(server.origin)), 'no request leaves the page');
  await context.close();
});

test('cancel merges nothing; keep mine is the default', async () => {
  const { context, page, app } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  const rows = page.locator('#register-table tbody tr[data-id]');
  await page.locator('tr[data-id="p16"]').waitFor();
  const beforeCod = await shown(page.locator('#register-total-cod_t'));
  await page.locator('#merge-files').setInputFiles([buffer('a.json', fileA)]);
  await page.locator('#merge-dialog').waitFor();
  await page.locator('#cancel-merge').click();
  await page.locator('#merge-dialog').waitFor({ state: 'detached' });
  assert.equal(await rows.count(), SAMPLE_ROWS);
  // Again, merging with the default decision: only A's new project is added, p13 is mine.
  await page.locator('#merge-files').setInputFiles([buffer('a.json', fileA)]);
  await page.locator('#merge-dialog').waitFor();
  await page.locator('#confirm-merge').click();
  await page.waitForFunction((n) => document.querySelectorAll('#register-table tbody tr[data-id]').length === n,
    SAMPLE_ROWS + 1, { timeout: 10000 });
  assert.equal(await shown(page.locator('tr[data-id="p13"] th')), '淘汰落后产能（印染、化工、铸造）');
  const cod = asNumber(beforeCod) + 4;
  const after = await shown(page.locator('#register-total-cod_t'));
  assert.ok(Math.abs(asNumber(after) - cod) <= 0.01 + 1e-9, `COD total ${after}, by hand ${cod}`);
  await context.close();
});

test('a file made with an older factor library says so in the merge dialog; one of the register\'s does not', async () => {
  const { context, page, app } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await page.locator('tr[data-id="p16"]').waitFor();
  const old = { ...fileA, factor_library: '2026.11-2' };
  await page.locator('#merge-files').setInputFiles([buffer('old.json', old), buffer('b.json', fileB)]);
  await page.locator('#merge-dialog').waitFor();
  const oldLine = await page.locator('#merge-dialog li[data-file="old.json"]').textContent();
  assert.ok(oldLine.includes('2026.11-2') && oldLine.includes('合并后数字可能不同'), oldLine);
  const sameLine = await page.locator('#merge-dialog li[data-file="b.json"]').textContent();
  assert.ok(!sameLine.includes('系数库'), sameLine);
  await page.locator('#cancel-merge').click();
  await context.close();
});
