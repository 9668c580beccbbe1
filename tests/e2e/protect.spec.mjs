// End-to-end specs of issue 19 items 4, 6 and 7 as a user meets them: the question before a
// register with unsaved changes is replaced (and none without), "上次保存 …" across a reload, an
// automatic snapshot restored after a reload (undoably), 取消编辑 putting a project back, the name
// and actions columns in view at 1280 px, the phone's views at 360 px, the share button of a page
// opened from disk, and the shared project's card (enterprise, township, inputs, print, save).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDist, launch, openPage, waitIds, poll, DIST, ROOT, WASTEWATER } from './harness.mjs';

const SAMPLE = JSON.parse(await readFile(path.join(ROOT, 'crates/core/data/sample.json'), 'utf8'));
const SAMPLE_IDS = SAMPLE.projects.map((p) => p.id);
const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const button = (page, name) => page.getByRole('button', { name, exact: true });

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function start(viewport) {
  const opened = await openPage(browser);
  await opened.context.addInitScript({ content: AXE });
  if (viewport) await opened.page.setViewportSize(viewport);
  await opened.page.goto(server.origin + '/');
  await opened.page.locator('#register-table tr[data-id="p01"]').waitFor({ timeout: 20000 });
  return opened;
}

/** Deletes register row `id` with its row's own button. */
async function deleteRow(page, id) {
  await page.locator(`#register-table tr[data-id="${id}"]`).getByRole('button', { name: '删除', exact: true }).click();
  await page.locator(`#register-table tr[data-id="${id}"]`).waitFor({ state: 'detached' });
}

const without = (...ids) => SAMPLE_IDS.filter((id) => !ids.includes(id));

test('新建 and 载入示例 ask first only when there are changes since the last save; keeping the register keeps it', async () => {
  const { context, page, errors } = await start();
  const dialog = page.getByRole('alertdialog', { name: '登记表有未保存的更改' });
  assert.equal(await page.locator('#last-saved').textContent(), '未保存');
  // The untouched sample: nothing to lose, nothing asked.
  await button(page, '新建').click();
  await page.locator('.register__empty').waitFor();
  assert.equal(await dialog.count(), 0, 'no question without changes');
  await button(page, '载入示例').click();
  await waitIds(page, SAMPLE_IDS);
  assert.equal(await dialog.count(), 0);

  // A change: 新建 asks; keeping the register keeps it, change and all.
  await deleteRow(page, 'p01');
  await button(page, '新建').click();
  await dialog.waitFor();
  const serious = await page.evaluate(async () => (await window.axe.run('#confirm-discard', { resultTypes: ['violations'] }))
    .violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id));
  assert.deepEqual(serious, [], 'axe on the question');
  // The safe choice has the focus.
  await poll(() => page.evaluate(() => document.activeElement?.id), { until: (id) => id === 'confirm-keep' });
  await button(page, '保留当前登记表').click();
  await dialog.waitFor({ state: 'detached' });
  await waitIds(page, without('p01'));
  // Escape keeps it too.
  await button(page, '载入示例').click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await waitIds(page, without('p01'));
  // Going on without saving replaces it.
  await button(page, '载入示例').click();
  await button(page, '不保存，载入示例').click();
  await waitIds(page, SAMPLE_IDS);

  // Saved as a project file: "上次保存 …", and 新建 asks nothing.
  await deleteRow(page, 'p02');
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, '保存项目文件').click()]);
  const saved = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.deepEqual(saved.projects.map((p) => p.id), without('p02'));
  const shown = await page.locator('#last-saved').textContent();
  assert.match(shown, /^上次保存 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  // A reload keeps when it was saved, and that nothing changed since.
  await page.reload();
  await waitIds(page, without('p02'));
  assert.equal(await page.locator('#last-saved').textContent(), shown);
  await button(page, '新建').click();
  await page.locator('.register__empty').waitFor();
  assert.equal(await dialog.count(), 0, 'saved: nothing asked');

  // Opening a file over a changed register asks too; 先保存项目文件，再继续 saves, then opens.
  await button(page, '载入示例').click();
  await deleteRow(page, 'p03');
  await page.setInputFiles('#open-file', { name: 'other.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'jianpai/1', projects: [] })) });
  await page.locator('#confirm-open').click();
  await dialog.waitFor();
  const [first] = await Promise.all([page.waitForEvent('download'), button(page, '先保存项目文件，再继续').click()]);
  const kept = JSON.parse(await readFile(await first.path(), 'utf8'));
  assert.deepEqual(kept.projects.map((p) => p.id), without('p03'), 'the changed register was saved first');
  await page.locator('#file-name').getByText('other.json').waitFor();
  assert.match(await page.locator('#last-saved').textContent(), /^上次保存 /, 'the moment it was opened');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a snapshot of the register is restored after a reload, and the restore undoes', async () => {
  const { context, page, errors } = await start();
  await deleteRow(page, 'p01');
  await deleteRow(page, 'p02');
  const list = page.locator('#snapshots');
  await list.locator('summary').click();
  await list.getByRole('cell', { name: '删除 p02', exact: true }).waitFor();
  await page.reload();
  await waitIds(page, without('p01', 'p02'));
  await list.locator('summary').click();
  // Newest first: 删除 p02, then 删除 p01, each with its time and project count.
  const rows = list.locator('tbody tr');
  const texts = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(1, 3).map((c) => c.textContent)));
  assert.deepEqual(texts, [['删除 p02', String(SAMPLE_IDS.length - 2)], ['删除 p01', String(SAMPLE_IDS.length - 1)]]);
  const time = await rows.nth(1).locator('td').first().textContent();
  // Two snapshots taken within one second share a time: the row names which.
  await rows.nth(1).getByRole('button', { name: `恢复 ${time} 的版本` }).click();
  await waitIds(page, without('p01'));
  // The restore is itself a snapshot, and undoable.
  await list.getByRole('cell', { name: `恢复到 ${time} 的版本`, exact: true }).waitFor();
  await button(page, '撤销').click();
  await waitIds(page, without('p01', 'p02'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('取消编辑 puts the project back as it was; townships are offered from the register', async () => {
  const { context, page, errors } = await start();
  await page.locator('#register-table tr[data-id="p01"]').getByRole('button', { name: '编辑', exact: true }).click();
  const name = page.locator('#f-name');
  const before = await name.inputValue();
  await name.fill('改过的名称');
  await page.locator('#register-table tr[data-id="p01"]').getByText('改过的名称').waitFor();
  const options = await page.locator('#f-township-options option').evaluateAll((os) => os.map((o) => o.value));
  const townships = [...new Set(SAMPLE.projects.map((p) => p.township).filter(Boolean))].sort();
  assert.deepEqual(options, townships);
  assert.equal(await page.locator('#f-township').getAttribute('list'), 'f-township-options');
  await button(page, '取消编辑').click();
  await page.locator('#cancel-editing').waitFor({ state: 'detached' });
  await page.locator('#register-table tr[data-id="p01"]').getByText(before).waitFor();
  // The cancel is one step: undo brings the edit back.
  await button(page, '撤销').click();
  await page.locator('#register-table tr[data-id="p01"]').getByText('改过的名称').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 1280 px the name and actions columns stay in view when the table scrolls sideways', async () => {
  const { context, page } = await start({ width: 1280, height: 900 });
  const scroller = page.locator('.register__scroll');
  const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  const box = await scroller.boundingBox();
  const name = await page.locator('#register-table tr[data-id="p01"] th').boundingBox();
  const actions = await page.locator('#register-table tr[data-id="p01"] .register__actions').boundingBox();
  assert.ok(name.x >= box.x - 1 && name.x + name.width <= box.x + box.width + 1,
    `the name cell ${JSON.stringify(name)} inside the table's box ${JSON.stringify(box)} (scroll ${scrollWidth} of ${clientWidth})`);
  assert.ok(actions.x >= box.x - 1 && actions.x + actions.width <= box.x + box.width + 1, 'the actions cell in view');
  assert.ok(name.x + name.width <= 1280 && actions.x + actions.width <= 1280, 'both inside the window');
  await scroller.evaluate((el) => { el.scrollLeft = 0; });
  const actions0 = await page.locator('#register-table tr[data-id="p01"] .register__actions').boundingBox();
  assert.ok(actions0.x + actions0.width <= box.x + box.width + 1, 'the actions in view before scrolling too');
  await context.close();
});

test('at 360 px a tab bar shows one view at a time, axe finds nothing serious, numbers are whole', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  await context.addInitScript({ content: AXE });
  const page = await context.newPage();
  await page.goto(server.origin + '/');
  await page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 });
  const nav = page.getByRole('navigation', { name: '视图' });
  const tabs = await nav.getByRole('button').allTextContents();
  assert.deepEqual(tabs, ['测算', '登记表', '汇总', '系数库']);
  const visible = (sel) => page.locator(sel).first().isVisible();
  const height = () => page.evaluate(() => document.scrollingElement.scrollHeight);
  const views = { '测算': '.project-estimate', '登记表': '#register-table', '汇总': '#portfolio-title', '系数库': '#coefficients-title' };
  for (const [tab, shown] of Object.entries(views)) {
    await nav.getByRole('button', { name: tab }).click();
    await page.locator(shown).first().waitFor();
    assert.equal(await nav.getByRole('button', { name: tab }).getAttribute('aria-pressed'), 'true');
    for (const [other, sel] of Object.entries(views)) {
      if (other !== tab) assert.equal(await visible(sel), false, `${sel} hidden in ${tab}`);
    }
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    assert.deepEqual(found, [], `axe in ${tab}`);
    const sideways = await page.evaluate(() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth);
    assert.equal(sideways, false, `${tab}: the page does not scroll sideways`);
    // No number broken over lines: each number cell is one line high.
    const broken = await page.evaluate(() => [...document.querySelectorAll('.app-main td.num')]
      .filter((td) => td.offsetParent && /\d/.test(td.textContent))
      .filter((td) => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length > 1; })
      .map((td) => td.textContent).slice(0, 5));
    assert.deepEqual(broken, [], `${tab}: numbers on one line`);
    if (tab === '登记表') assert.ok(await height() < 20000, `the register view is ${await height()} px tall`);
  }
  await context.close();
});

test('from a page opened from disk the share button says the link would open only here and offers the file', async () => {
  const opened = await openPage(browser);
  const { page, context, errors } = opened;
  await page.goto(pathToFileURL(path.join(DIST, 'jianpai-offline.html')).href);
  await page.locator('#f-flow_m3_per_day').waitFor({ timeout: 20000 });
  await opened.app.type(WASTEWATER, 7); // the form starts blank (issue 19 B3)
  await button(page, '复制分享链接').click();
  const status = page.locator('#share-estimate-status');
  await status.getByText('分享链接只能在这台电脑上打开').waitFor();
  assert.doesNotMatch(await status.textContent(), /已复制/);
  assert.equal(await page.locator('#share-estimate-link').count(), 0, 'no useless link shown');
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#share-estimate-save').click()]);
  const json = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.equal(json.format, 'jianpai/1');
  assert.equal(json.projects.length, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the shared project\'s card shows the enterprise, township and inputs, with print and save', async () => {
  const project = { id: 's1', name: '分享卡片项目', enterprise: '某某印染有限公司', township: '城南镇', start_month: 1,
    measure: { type: 'wastewater', flow_m3_per_day: 2000, load_rate: 0.8, days: 365, cod_before_mg_l: 300, cod_after_mg_l: 50 } };
  const file = { format: 'jianpai/1', projects: [project] };
  const link = `${server.origin}/#share=v1.${deflateRawSync(Buffer.from(JSON.stringify(file))).toString('base64url')}`;
  const { page, context, errors } = await openPage(browser);
  await page.goto(link);
  const card = page.getByRole('region', { name: '分享给您的项目' });
  await card.waitFor({ timeout: 20000 });
  await card.getByText('某某印染有限公司').waitFor();
  await card.getByText('城南镇').waitFor();
  const inputs = card.getByRole('table', { name: '项目输入' });
  await inputs.waitFor();
  const text = await inputs.textContent();
  assert.match(text, /2000/);
  assert.match(text, /300/);
  await card.getByRole('button', { name: '打印', exact: true }).waitFor();
  const [saved] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '保存为项目文件' }).click()]);
  const back = JSON.parse(await readFile(await saved.path(), 'utf8'));
  assert.deepEqual(back.projects[0], project);
  assert.deepEqual(errors, []);
  await context.close();
});
