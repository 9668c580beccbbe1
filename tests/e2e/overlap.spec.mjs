// Possible double counting (issue 10 item 3) in the app: a register where two projects take the
// same coal out at one enterprise and township shows the warning on both rows, in the summary in
// both languages, and in the printed county report; a near miss (the same enterprise in another
// township) stays silent. The pair is built here from the sample file, not read from the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveDist, launch, openPage, openRegister, ROOT } from './harness.mjs';

const SAMPLE = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const squeeze = (s) => s.replace(/\s+/g, '');

/** The sample with p07 (fuel switch, 白沙镇) and p09 (boiler phase-out, moved to 白沙镇) at one
 * enterprise — written with a full-width space and padding on one side — and p08 (boiler
 * phase-out, 青山镇) at the same enterprise in another township. */
function overlapping() {
  const file = structuredClone(SAMPLE);
  const p = (id) => file.projects.find((x) => x.id === id);
  p('p07').enterprise = '白沙纺织公司';
  p('p09').enterprise = '\u3000白沙纺织公司 ';
  p('p09').township = '白沙镇';
  p('p08').enterprise = '白沙纺织公司';
  return file;
}

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const status = (page, id) => page.locator(`#register-table tr[data-id="${id}"] td.register__status`);

test('an overlapping pair is marked on both rows and listed in the summary, in both languages', async () => {
  const { context, app, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  // The sample itself names no enterprise: no list.
  assert.equal(await page.locator('#overlaps').count(), 0);
  await openRegister(page, 'overlap.json', overlapping());

  for (const [id, other] of [['p07', 'p09'], ['p09', 'p07']]) {
    const td = status(page, id);
    assert.equal(await td.getAttribute('data-overlap'), other, `row ${id} does not name ${other}`);
    assert.match(await td.textContent(), /可能重复计算/);
    assert.match(await td.getAttribute('title'), new RegExp(`可能重复计算：p07 与 p09`));
  }
  // The near miss: the same enterprise in another township.
  assert.equal(await status(page, 'p08').getAttribute('data-overlap'), null);
  assert.doesNotMatch(await status(page, 'p08').textContent(), /可能重复计算/);

  const items = await page.locator('#overlaps li').allTextContents();
  assert.equal(items.length, 1, `one pair expected: ${items}`);
  assert.match(items[0], /^可能重复计算：p07 与 p09/);
  assert.match(await page.locator('#overlaps').textContent(), /合计未作调整/);

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('#overlaps li').getByText('Possible double counting: p07 and p09').waitFor();
  assert.match(await status(page, 'p09').textContent(), /Possible double counting/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the printed county report lists the pair and marks both register rows', async () => {
  const { context, app, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await openRegister(page, 'overlap.json', overlapping());
  await page.evaluate(() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; });
  await page.locator('#print-report-button').click();
  await page.waitForFunction(() => window.__prints === 1, null, { timeout: 5000 });
  const dir = await mkdtemp(path.join(tmpdir(), 'jianpai-overlap-'));
  const file = path.join(dir, 'report.pdf');
  await writeFile(file, await page.pdf({ format: 'A4' }));
  // Reading order (not -layout), so that a cell that wraps reads as one piece of text.
  const layout = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const flat = squeeze(layout);
  assert.ok(flat.includes(squeeze('可能重复计算：p07 与 p09')), `no overlap list:\n${layout}`);
  // The register (after its caption) marks each row with the other project of the pair.
  const register = flat.slice(flat.lastIndexOf('项目登记表'));
  for (const other of ['p07', 'p09']) {
    assert.ok(register.includes(`可能重复计算：${other}`), `no register row names ${other}:\n${layout}`);
  }
  assert.equal(register.split('可能重复计算').length - 1, 2, 'only the two rows of the pair are marked');
  await context.close();
});
