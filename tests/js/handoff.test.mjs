// compute()'s hand-off (issue 20): the report crosses into JavaScript as JSON text read by
// JSON.parse, and `{trails: false}` leaves each project's `trail` key out. Compared with the CLI's
// JSON of the same file: the sample, every measure type, a generated 2,000-project register with
// names that look like JSON, and values the fast JSON.stringify path must hand to the slow one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jianpai, cliReport, SAMPLE_PATH, SAMPLE_TEXT, everyTypeFile, tempFile } from './helpers.mjs';

/** The CLI's JSON report with every project's `trail` key deleted. */
function withoutTrails(report) {
  return { ...report, projects: report.projects.map(({ trail, ...rest }) => rest) };
}

/** A register of `n` projects, the sample's in turn; names that hold what the trail-removal looks for. */
function generated(n) {
  const sample = JSON.parse(SAMPLE_TEXT);
  const tricky = [',"trail":[]', '"trail":[]', 'null', '\\",\\"trail\\":[]', '减排 "trail":[] \u{1F600}'];
  const projects = Array.from({ length: n }, (_, i) => ({
    ...sample.projects[i % sample.projects.length],
    id: `g${i + 1}`,
    name: i < tricky.length ? tricky[i] : `${sample.projects[i % sample.projects.length].name} ${i + 1}`,
  }));
  return { ...sample, title: 'generated register ,"trail":[]', projects };
}

test('compute() with and without trails equals jianpai report (and without its trails) on the sample, every type and a generated register', () => {
  const files = [
    ['sample', JSON.parse(SAMPLE_TEXT), SAMPLE_PATH],
    ['every type', everyTypeFile(), null],
    ['generated 2,000', generated(2000), null],
  ];
  for (const [what, file, given] of files) {
    const expected = cliReport(given ?? tempFile('handoff.json', JSON.stringify(file, null, 2)));
    for (const input of [file, JSON.stringify(file)]) {
      const full = jianpai.compute(input);
      assert.equal(full.ok, true, `${what}: ${JSON.stringify(full.errors)}`);
      assert.deepStrictEqual(full.report, expected, `${what}: with trails`);
      // Same keys in the same order as the CLI writes them.
      assert.equal(JSON.stringify(full.report), JSON.stringify(expected), `${what}: key order`);
      for (const options of [{ trails: true }, undefined, {}]) {
        assert.deepStrictEqual(jianpai.compute(input, options).report, expected, `${what}: ${JSON.stringify(options)}`);
      }
      const numbers = jianpai.compute(input, { trails: false });
      assert.equal(numbers.ok, true, `${what}: ${JSON.stringify(numbers.errors)}`);
      assert.ok(numbers.report.projects.every((p) => !('trail' in p)), `${what}: no project has a trail key`);
      assert.equal(JSON.stringify(numbers.report), JSON.stringify(withoutTrails(expected)), `${what}: without trails`);
    }
  }
});

test('compute() of a bad file with {trails: false} gives the same typed errors', () => {
  const bad = JSON.parse(SAMPLE_TEXT);
  bad.projects[1].measure.load_rate = -1;
  const a = jianpai.compute(bad);
  const b = jianpai.compute(bad, { trails: false });
  assert.equal(a.ok, false);
  assert.deepStrictEqual(b, a);
  assert.equal(b.errors[0].field, 'measure.load_rate');
});

test('a file with a null, NaN or a BigInt still takes the checked path (the fast JSON.stringify is only for texts without null)', () => {
  const file = JSON.parse(SAMPLE_TEXT);
  file.projects[0].township = null;
  const withNull = jianpai.compute(file);
  assert.equal(withNull.ok, true, JSON.stringify(withNull.errors));
  assert.equal(withNull.report.projects[0].township, null);
  for (const value of [NaN, Infinity, 10n]) {
    const f = JSON.parse(SAMPLE_TEXT);
    f.projects[1].measure.load_rate = value;
    const r = jianpai.compute(f, { trails: false });
    assert.equal(r.ok, false, String(value));
    assert.equal(r.errors[0].field, 'measure.load_rate', String(value));
  }
});
