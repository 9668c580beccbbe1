// Files people really have, opened in the app (docs/file-format.md): a UTF-8 file with a
// byte-order mark opens; a GBK file is refused with a message saying it is not UTF-8 and how to
// save it; a key given twice is an error naming the key and the project. Nothing shown changes
// when a file is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A one-project county file: 1,000 m³/d from 250 to 50 mg/L COD → 1000 × 365 × 200 × 1e-6 = 73 t. */
const county = (name) => `{
  "format": "jianpai/1", "title": "${name}",
  "projects": [
    { "id": "w1", "name": "${name}", "measure": { "type": "wastewater", "flow_m3_per_day": 1000,
      "cod_before_mg_l": 250, "cod_after_mg_l": 50 } }
  ]
}`;

async function choose(page, name, buffer) {
  await page.locator('#open-file').setInputFiles({ name, mimeType: 'application/json', buffer });
}

test('a file saved with a byte-order mark opens like any other', async () => {
  const { context, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#register-table tr[data-id]').first().waitFor();
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(county('BOM 县'), 'utf8')]);
  await choose(page, 'bom.json', bom);
  await page.locator('#open-preview').waitFor();
  await page.getByRole('button', { name: '替换当前登记表' }).click();
  await page.locator('#register-table tr[data-id="w1"]').waitFor();
  assert.equal(await page.locator('#register-table tr[data-id]').count(), 1);
  const shown = Number((await page.locator('#register-total-cod_t').textContent()).replace(/,/g, ''));
  assert.ok(Math.abs(shown - 73) < 0.005, `COD total shows ${shown}, expected 73`);
  await context.close();
});

test('a GBK file is refused with a message that says how to save it as UTF-8', async () => {
  const { context, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#register-table tr[data-id]').first().waitFor();
  const rows = await page.locator('#register-table tr[data-id]').count();
  // "示例县" in GBK is CA BE C0 FD CF D8 (not UTF-8).
  const gbk = Buffer.concat([
    Buffer.from('{"format": "jianpai/1", "title": "', 'ascii'),
    Buffer.from([0xca, 0xbe, 0xc0, 0xfd, 0xcf, 0xd8]),
    Buffer.from('", "projects": []}', 'ascii'),
  ]);
  await choose(page, 'gbk.json', gbk);
  const errors = page.locator('#import-errors');
  await errors.waitFor();
  const text = await errors.textContent();
  assert.match(text, /gbk\.json/);
  assert.match(text, /UTF-8/);
  assert.match(text, /GBK|GB18030/);
  assert.equal(await page.locator('#open-preview').count(), 0, 'no preview of a refused file');
  assert.equal(await page.locator('#register-table tr[data-id]').count(), rows, 'the register is unchanged');
  await context.close();
});

test('a key given twice is an error naming the key and the project', async () => {
  const { context, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.locator('#register-table tr[data-id]').first().waitFor();
  const twice = county('重复').replace('"cod_after_mg_l": 50', '"cod_after_mg_l": 50, "cod_after_mg_l": 60');
  await choose(page, 'twice.json', Buffer.from(twice, 'utf8'));
  const errors = page.locator('#import-errors');
  await errors.waitFor();
  const text = await errors.textContent();
  assert.match(text, /cod_after_mg_l/);
  assert.match(text, /w1/);
  assert.equal(await page.locator('#open-preview').count(), 0);
  await context.close();
});
