// check(), factors(), schema(): what `jianpai check` and `jianpai factors` say, and the declared fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jianpai, cli, SAMPLE_PATH, SAMPLE_TEXT, TYPES, everyTypeFile } from './helpers.mjs';

test('check() of the sample: ok, and the warnings jianpai check lists, with their projects', () => {
  const checked = jianpai.check(SAMPLE_TEXT);
  assert.equal(checked.ok, true);
  assert.deepStrictEqual(checked.errors, []);
  for (const lang of ['en', 'zh']) {
    const out = cli('check', SAMPLE_PATH, '--lang', lang);
    assert.equal(out.code, 0);
    const [head, ...lines] = out.stdout.trimEnd().split('\n');
    assert.match(head, new RegExp(`${checked.warnings.length} (warnings|条提示)`));
    assert.deepStrictEqual(lines,
      checked.warnings.map((w) => `${SAMPLE_PATH}: ${w.project} ${lang === 'en' ? w.message_en : w.message_zh}`));
  }
  assert.ok(checked.warnings.length > 0, 'the sample has warnings to compare');
  for (const w of checked.warnings) {
    assert.deepStrictEqual(Object.keys(w).sort(), ['code', 'field', 'message_en', 'message_zh', 'project']);
  }
});

test('factors() equals jianpai factors', () => {
  const out = cli('factors');
  assert.equal(out.code, 0);
  const lib = jianpai.factors();
  assert.deepStrictEqual(lib, JSON.parse(out.stdout));
  assert.ok(lib.factors.length > 10);
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
  const efficiency = schema.types.find((t) => t.type === 'desulfurization').fields
    .find((f) => f.path === 'efficiency_after_pct');
  assert.equal(efficiency.unit, '%');
  assert.equal(efficiency.limit.max, 100);
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
