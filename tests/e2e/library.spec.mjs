// End-to-end spec of the pinned factor library (issue 10 item 2): a file made with an older
// library opens with a preview that says so; once open, the register computes with the file's own
// library, shows each coefficient old → new and every total in real tables, and offers
// 保留旧系数 / 升级系数库, each undone in one step. The "older" library is OLD (default 2026.11-2,
// the released library; JIANPAI_OLD_LIBRARY names another, e.g. the fixture 0000.00-test of a
// build with jianpai-core's test-libraries feature). Expected numbers are computed here from the
// two libraries' values. While OLD is the app's own library there is nothing to choose, and the
// spec checks exactly that: no difference shown, totals from OLD's values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveDist, launch, openPage, showsValue, chooseFile, poll, ROOT } from './harness.mjs';

const OLD = process.env.JIANPAI_OLD_LIBRARY ?? '2026.11-2';
const OLD_PATH = OLD === '0000.00-test'
  ? 'crates/core/tests/data/library-0000.00-test.json'
  : `crates/core/data/libraries/${OLD}.json`;
const old = JSON.parse(await readFile(path.join(ROOT, OLD_PATH), 'utf8'));
const current = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/factors.json'), 'utf8'));
const value = (lib, id) => lib.factors.find((f) => f.id === id)?.value;

/** 1000 t of raw coal saved, in a file made with OLD: tce = 1000 × the raw-coal factor. */
const FILE = {
  format: 'jianpai/1', title: '旧系数库的文件', year: 2026, factor_library: OLD,
  projects: [{ id: 'c1', name: '节煤', measure: { type: 'energy_saving', saved: { coal_t: 1000 } } }],
};
const TCE_OLD = 1000 * value(old, 'tce.raw_coal');
const TCE_NEW = 1000 * value(current, 'tce.raw_coal');

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function shows(locator, expected) {
  await locator.waitFor();
  await poll(async () => (await locator.textContent()).trim(),
    { until: (text) => showsValue(text, expected), fail: (text) => assert.fail(`shows ${text}, expected ${expected}`) });
}

test('a file made with an older library: preview, difference, keep, upgrade, undo', async () => {
  const { context, page, errors, requests } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#register-table tr[data-id]').first().waitFor({ timeout: 20000 });
  await chooseFile(page, 'old.json', FILE);
  await page.locator('#open-preview').waitFor();
  const tce = page.locator('#register-total-tce');

  if (old.version === current.version) {
    // The app's own library: nothing to choose; the file computes with it.
    assert.equal(await page.locator('#open-preview-library').count(), 0);
    await page.locator('#confirm-open').click();
    await shows(tce, TCE_OLD);
    assert.equal(await page.locator('#library-upgrade').count(), 0);
  } else {
    const note = await page.locator('#open-preview-library').textContent();
    assert.ok(note.includes(OLD) && note.includes(current.version), note);
    await page.getByRole('button', { name: '替换当前登记表' }).click();
    // Until a choice, the file's own library is in force, and said to be.
    await page.locator('#library-upgrade').waitFor();
    assert.ok((await page.locator('#library-in-force').textContent()).includes(OLD));
    await shows(tce, TCE_OLD);
    // Every coefficient whose value differs is a row of the table, old → new.
    const ids = new Set([...old.factors, ...current.factors].map((f) => f.id));
    for (const id of ids) {
      const [a, b] = [value(old, id), value(current, id)];
      if (a === b) continue;
      const row = page.locator(`#library-factors tr[data-id="${id}"]`);
      assert.equal(await row.count(), 1, `${id} is listed`);
    }
    const totals = (key, i) => page.locator(`#library-totals tr[data-key="${key}"] td`).nth(i);
    await shows(totals('tce', 0), TCE_OLD);
    await shows(totals('tce', 1), TCE_NEW);

    // Keep: the old totals stay and the choice is gone; one undo brings it back.
    await page.getByRole('button', { name: '保留旧系数', exact: true }).click();
    await page.locator('#library-upgrade').waitFor({ state: 'detached' });
    await shows(tce, TCE_OLD);
    await page.locator('#undo').click();
    await page.locator('#library-upgrade').waitFor();

    // Upgrade: the new totals; one undo brings the choice back with the old totals.
    await page.getByRole('button', { name: '升级系数库', exact: true }).click();
    await page.locator('#library-upgrade').waitFor({ state: 'detached' });
    await shows(tce, TCE_NEW);
    await page.locator('#undo').click();
    await page.locator('#library-upgrade').waitFor();
    await shows(tce, TCE_OLD);
  }
  assert.deepEqual(errors, []);
  assert.ok(requests.every((u) => u.startsWith(server.origin)), 'no request leaves the page');
  await context.close();
});

test('a file from a newer build says which libraries this one knows, and nothing is lost', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#register-table tr[data-id]').first().waitFor({ timeout: 20000 });
  await chooseFile(page, 'newer.json', { ...FILE, factor_library: '2099.01-1' });
  await page.locator('#open-preview').waitFor();
  const problems = await page.locator('#open-preview-problems').textContent();
  assert.ok(problems.includes('2099.01-1') && problems.includes(current.version), problems);
  assert.deepEqual(errors, []);
  await context.close();
});
