// check(), factors(), schema(): what `jianpai check` and `jianpai factors` say (on the sample and on a
// file with double counting), and the declared fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jianpai, cli, ROOT, SAMPLE_PATH, SAMPLE_TEXT, TYPES, everyTypeFile } from './helpers.mjs';

/** Three projects, two of which (p3, p7) may claim the same coal (crates/cli/tests/cli.rs reads it too). */
const OVERLAP_PATH = path.join(ROOT, 'crates/cli/tests/data/overlap.json');

/** Asserts that `jianpai check FILE` prints exactly the warnings `check()` returns, in both
 * languages: `FILE: <project> <message>`, a double counting as `FILE: <message>`. */
function assertCheckIsTheCli(file, checked) {
  for (const lang of ['en', 'zh']) {
    const out = cli('check', file, '--lang', lang);
    assert.equal(out.code, 0);
    const [head, ...lines] = out.stdout.trimEnd().split('\n');
    assert.match(head, new RegExp(`${checked.warnings.length} (warnings|条提示)`));
    assert.deepStrictEqual(lines, checked.warnings.map((w) => {
      const message = lang === 'en' ? w.message_en : w.message_zh;
      return w.code === 'double_counting' ? `${file}: ${message}` : `${file}: ${w.project} ${message}`;
    }));
  }
}

test('check() of the sample: ok, and the warnings jianpai check lists, with their projects', () => {
  const checked = jianpai.check(SAMPLE_TEXT);
  assert.equal(checked.ok, true);
  assert.deepStrictEqual(checked.errors, []);
  assertCheckIsTheCli(SAMPLE_PATH, checked);
  assert.ok(checked.warnings.length > 0, 'the sample has warnings to compare');
  for (const w of checked.warnings) {
    assert.deepStrictEqual(Object.keys(w).sort(), ['code', 'field', 'message_en', 'message_zh', 'project']);
  }
});

test('check() of a file with double counting lists the pairs jianpai check lists', () => {
  const checked = jianpai.check(readFileSync(OVERLAP_PATH, 'utf8'));
  assert.equal(checked.ok, true);
  assertCheckIsTheCli(OVERLAP_PATH, checked);
  // p3 (boiler phase-out) and p7 (fuel switch) at 白沙纺织, 白沙镇 burn the same coal; p5 is elsewhere.
  const pairs = checked.warnings.filter((w) => w.code === 'double_counting');
  assert.equal(pairs.length, 1, JSON.stringify(checked.warnings));
  const [pair] = pairs;
  assert.deepStrictEqual(pair.projects, ['p3', 'p7']);
  assert.equal(pair.project, 'p3');
  assert.equal(pair.rule, 'same_coal');
  assert.equal(pair.field, null);
  assert.match(pair.message_zh, /可能重复计算：p3 与 p7/);
  assert.match(pair.message_en, /double counting/);
  assert.deepStrictEqual(Object.keys(pair).sort(),
    ['code', 'field', 'message_en', 'message_zh', 'project', 'projects', 'rule']);
  // The same pairs as the report's overlaps, in the same order.
  const { report } = jianpai.compute(readFileSync(OVERLAP_PATH, 'utf8'));
  assert.deepStrictEqual(pairs.map((w) => [w.projects, w.rule, w.message_zh, w.message_en]),
    report.overlaps.map((o) => [o.projects, o.rule, o.message_zh, o.message_en]));
});

test('factors() equals jianpai factors', () => {
  const out = cli('factors');
  assert.equal(out.code, 0);
  const lib = jianpai.factors();
  assert.deepStrictEqual(lib, JSON.parse(out.stdout));
  assert.ok(lib.factors.length > 10);
  // Each coefficient with its formal citation beside its source note, in both languages.
  for (const f of lib.factors) {
    assert.ok(f.source && f.citation_zh && f.citation_en, `${f.id} lacks a citation`);
  }
  assert.equal(jianpai.versions().factor_library, lib.version);
  assert.equal(jianpai.compute(SAMPLE_TEXT).report.factor_library, lib.version);
});

/** Sets a dotted path (`last_year.cod_t`) inside an object. */
function setPath(obj, dotted, value) {
  const keys = dotted.split('.');
  const last = keys.pop();
  let o = obj;
  for (const k of keys) o = (o[k] ??= {});
  o[last] = value;
}

test('schema(): every measure type with its declared fields', () => {
  const schema = jianpai.schema();
  assert.equal(schema.format, 'jianpai/1');
  assert.deepStrictEqual(schema.types.map((t) => t.type), TYPES);
  assert.deepStrictEqual(schema.review_statuses.map((s) => [s.value, s.label_zh]), [
    ['submitted', '申报'], ['checked', '初审通过'], ['accepted', '核定'], ['returned', '退回'], ['rejected', '不予认定'],
  ]);
  for (const t of schema.types) {
    assert.ok(t.label_zh && t.label_en, `${t.type} labels`);
    assert.ok(t.fields.length > 0, `${t.type} has fields`);
    for (const f of t.fields) {
      assert.ok(f.label_zh && f.label_en, `${t.type}.${f.path} labels`);
      assert.ok(['number', 'count', 'choice', 'bool'].includes(f.kind));
      assert.equal(f.options.length > 0, f.kind === 'choice', `${t.type}.${f.path}: options only for choices`);
      if (f.default_choice !== null) assert.ok(f.options.some((o) => o.value === f.default_choice));
    }
  }
  // As docs/file-format.md declares it: the plant's capacity in m³/d, required, above zero.
  const flow = schema.types[0].fields.find((f) => f.path === 'flow_m3_per_day');
  assert.equal(flow.kind, 'number');
  assert.equal(flow.unit, 'm³/d');
  assert.equal(flow.required, true);
  assert.equal(flow.label_zh, '设计处理规模');
  // Its usual range and ceiling, as docs/methodology.md §7.1 states them: 200,000 and 10,000,000 m³/d.
  assert.deepStrictEqual(flow.usual, [0, 200000]);
  assert.equal(flow.ceiling, 10000000);
  // A percentage has its hard limit and no ceiling.
  const efficiency = schema.types.find((t) => t.type === 'desulfurization').fields
    .find((f) => f.path === 'efficiency_after_pct');
  assert.equal(efficiency.unit, '%');
  assert.equal(efficiency.limit.max, 100);
  assert.equal(efficiency.ceiling, null);
});

test('schema(): every choice field\'s options are exactly what compute() accepts there', () => {
  const base = everyTypeFile();
  let checked = 0;
  for (const t of jianpai.schema().types) {
    for (const f of t.fields.filter((g) => g.kind === 'choice')) {
      const file = structuredClone(base);
      const project = file.projects.find((p) => p.measure.type === t.type);
      setPath(project.measure, f.path, 'not-an-option');
      const result = jianpai.compute(file);
      assert.equal(result.ok, false, `${t.type}.${f.path} accepted a value not in its options`);
      const e = result.errors.find((x) => x.field === `measure.${f.path}`);
      assert.ok(e, `${t.type}.${f.path}: ${JSON.stringify(result.errors)}`);
      assert.equal(e.kind.code, 'unknown_choice');
      assert.deepStrictEqual(e.kind.expected, f.options.map((o) => o.value));
      checked += 1;
    }
  }
  assert.ok(checked >= 5, `${checked} choice fields checked`);
});

test('schema(): a required number left out is reported at its path', () => {
  const base = everyTypeFile();
  let checked = 0;
  for (const t of jianpai.schema().types) {
    for (const f of t.fields.filter((g) => g.required)) {
      const file = structuredClone(base);
      const project = file.projects.find((p) => p.measure.type === t.type);
      setPath(project.measure, f.path, null);
      const result = jianpai.compute(file);
      const e = result.ok ? undefined : result.errors.find((x) => x.field === `measure.${f.path}`);
      assert.equal(e?.kind.code, 'missing', `${t.type}.${f.path}: ${JSON.stringify(result.errors)}`);
      checked += 1;
    }
  }
  assert.ok(checked >= 3, `${checked} required fields checked`);
});
