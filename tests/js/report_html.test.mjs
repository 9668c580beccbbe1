// reportHtml(): the JS module's printable document equals `jianpai report FILE --format html`,
// byte for byte, for the county report (the sample, a file of every measure type) and for the
// estimate of a one-project file, in both languages; a file that does not check gives errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jianpai, cli, ROOT, SAMPLE_PATH, SAMPLE_TEXT, everyTypeFile, tempFile } from './helpers.mjs';

const DATE = '2026-12-01';
const ONE_PATH = path.join(ROOT, 'samples/wastewater.json');

function cliHtml(file, lang) {
  const r = cli('report', file, '--format', 'html', '--lang', lang, '--date', DATE);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

test('reportHtml() equals jianpai report --format html for the sample, every type and one project', () => {
  const every = JSON.stringify(everyTypeFile());
  const cases = [
    [SAMPLE_TEXT, SAMPLE_PATH],
    [every, tempFile('every.json', every)],
    [readFileSync(ONE_PATH, 'utf8'), ONE_PATH],
  ];
  for (const [text, file] of cases) {
    for (const lang of ['zh', 'en']) {
      const result = jianpai.reportHtml(text, { lang, date: DATE });
      assert.equal(result.ok, true, JSON.stringify(result.errors));
      assert.equal(result.html, cliHtml(file, lang), `${file} ${lang}`);
    }
  }
  const one = jianpai.reportHtml(readFileSync(ONE_PATH, 'utf8'), { date: DATE });
  assert.ok(one.html.includes('减排量测算表') && one.html.includes('申报单位（盖章）'));
});

test('reportHtml() of a file that does not check returns its errors, never throws', () => {
  const result = jianpai.reportHtml('{"format": "jianpai/1", "projects": [{"id": "p1"}]}', {});
  assert.equal(result.ok, false);
  assert.ok(result.errors.length > 0 && result.errors[0].message_zh);
  assert.equal(jianpai.reportHtml(undefined).ok, false);
});
