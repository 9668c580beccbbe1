// The README's screenshots (issue 9, item 7), made again on every test run: the app with its
// built-in sample at desktop (1280×900, scrolled to the register) and phone (360×780, device scale 2) width, in 中文 and
// English, written to dist/screenshots/ (ignored) and copied to docs/screenshots/ only when asked,
// with UPDATE_SCREENSHOTS=1: a test run never rewrites tracked files. Checks that each file is a PNG
// of the expected size, and that the Chinese heading was drawn with a CJK font (the test command
// installs fonts-wqy-microhei).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { serveDist, launch, ROOT, DIST } from './harness.mjs';

const OUT = path.join(DIST, 'screenshots');
/** Where the README's copies live; written only with UPDATE_SCREENSHOTS=1. */
const DOCS = path.join(ROOT, 'docs/screenshots');
const SHOTS = [
  { name: 'desktop-zh', lang: 'zh', viewport: { width: 1280, height: 900 }, scale: 1, scroll: '#register-title' },
  { name: 'desktop-en', lang: 'en', viewport: { width: 1280, height: 900 }, scale: 1, scroll: '#register-title' },
  { name: 'phone-zh', lang: 'zh', viewport: { width: 360, height: 780 }, scale: 2 },
  { name: 'phone-en', lang: 'en', viewport: { width: 360, height: 780 }, scale: 2 },
];
const MAX_BYTES = 400 * 1024;

/** Width and height from a PNG's signature and IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  assert.deepEqual([...bytes.subarray(0, 8)], signature, 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let server;
let browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const shot of SHOTS) {
  test(`screenshot ${shot.name}: ${shot.viewport.width}×${shot.viewport.height} at scale ${shot.scale}`, async () => {
    const file = path.join(OUT, `${shot.name}.png`);
    await mkdir(OUT, { recursive: true });
    await rm(file, { force: true }); // a file left from an earlier run must not pass for this one
    const context = await browser.newContext({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    // Attached, not visible: a phone shows the estimate view first (its tab bar hides the register).
    await page.locator('#register-table tr[data-id="p01"]').waitFor({ state: 'attached', timeout: 20000 });
    if (shot.lang === 'en') {
      await page.locator('#lang-toggle').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    await page.evaluate(() => document.fonts.ready);
    // The desktop shot shows the sample register (file bar, file fields, table); the phone's the top.
    if (shot.scroll) await page.evaluate((sel) => document.querySelector(sel).scrollIntoView(), shot.scroll);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    await context.close();

    const bytes = await readFile(file);
    assert.deepEqual(pngSize(bytes), { width: shot.viewport.width * shot.scale, height: shot.viewport.height * shot.scale });
    assert.ok(bytes.length < MAX_BYTES, `${shot.name}.png is ${bytes.length} bytes, over ${MAX_BYTES}`);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      await mkdir(DOCS, { recursive: true });
      await copyFile(file, path.join(DOCS, `${shot.name}.png`));
    }
  });
}

// document.fonts.check() is true for any installed or missing system font alike (nothing to load),
// so it proves nothing. Instead ask Chromium (DevTools CSS.getPlatformFontsForNode) which fonts
// actually drew the heading's text, and require one that fontconfig lists as covering Chinese:
// without a CJK font the glyphs come from a Latin font (or are empty boxes) and this fails.
test('the Chinese heading is drawn with a CJK font', async () => {
  const zhFamilies = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
    .split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()).filter(Boolean);
  assert.ok(zhFamilies.some((f) => /WenQuanYi/.test(f)), `fonts-wqy-microhei is installed: ${zhFamilies}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.origin + '/');
  await page.locator('#register-table tr[data-id="p01"]').waitFor({ timeout: 20000 });
  const heading = (await page.locator('.app-header h1').textContent()).trim();
  assert.match(heading, /\p{Script=Han}/u, `the heading is Chinese: ${heading}`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.app-header h1' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  const cjk = fonts.filter((f) => zhFamilies.includes(f.familyName));
  const han = [...heading].filter((c) => /\p{Script=Han}/u.test(c)).length;
  assert.ok(cjk.reduce((n, f) => n + f.glyphCount, 0) >= han,
    `the heading's ${han} Chinese characters are drawn by a CJK font; fonts used: ${JSON.stringify(fonts)}`);
  await context.close();
});
