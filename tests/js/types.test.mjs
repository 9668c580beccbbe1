// The TypeScript definitions (jianpai.d.ts) type the functions and declare exactly the keys the
// module returns: every interface is compared with a real object of that kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jianpai, ROOT, SAMPLE_TEXT } from './helpers.mjs';

const DTS = {
  node: readFileSync(path.join(ROOT, 'dist/js/node/jianpai.d.ts'), 'utf8'),
  web: readFileSync(path.join(ROOT, 'dist/js/web/jianpai.d.ts'), 'utf8'),
};

/** The keys an interface declares (with those of the interface it extends): name → optional?. */
function declaredKeys(dts, name) {
  const m = dts.match(new RegExp(`export interface ${name}(?: extends (\\w+))? \\{`));
  assert.ok(m, `interface ${name} is declared`);
  let depth = 1;
  let i = m.index + m[0].length;
  const start = i;
  for (; depth > 0; i += 1) depth += dts[i] === '{' ? 1 : dts[i] === '}' ? -1 : 0;
  // Top-level members only: drop comments and nested object types.
  let body = dts.slice(start, i - 1).replace(/\/\*\*[\s\S]*?\*\//g, '');
  while (/\{[^{}]*\}/.test(body)) body = body.replace(/\{[^{}]*\}/g, 'X');
  const keys = new Map(m[1] ? declaredKeys(dts, m[1]) : []);
  for (const [, key, optional] of body.matchAll(/(?:^|[;\s])(\w+)(\??):/g)) keys.set(key, optional === '?');
  return keys;
}

/** Asserts that `obj` has every required key of `name` and no key it does not declare. */
function assertMatches(dts, name, obj) {
  const keys = declaredKeys(dts, name);
  for (const k of Object.keys(obj)) assert.ok(keys.has(k), `${name} does not declare ${k}`);
  for (const [k, optional] of keys) if (!optional) assert.ok(k in obj, `${name}.${k} is declared but missing`);
}

test('the functions are typed with the declared interfaces', () => {
  for (const dts of Object.values(DTS)) {
    for (const sig of ['compute(file: FileInput, options?: ComputeOptions): ComputeResult', 'check(file: FileInput): CheckResult',
      'factors(): FactorLibrary', 'schema(): Schema', 'versions(): Versions']) {
      assert.ok(dts.includes(`export function ${sig};`), sig);
    }
    for (const t of ['ProjectFile', 'Report', 'CheckResult', 'JianpaiError', 'FactorLibrary', 'Schema']) {
      assert.match(dts, new RegExp(`export (interface|type) ${t}\\b`), t);
    }
  }
});

test('every interface declares the keys of the objects the module returns', () => {
  const dts = DTS.node;
  const { report } = jianpai.compute(SAMPLE_TEXT);
  const project = report.projects.find((p) => p.warnings.length > 0 && p.trail.some((e) => e.factors.length > 0));
  assert.ok(project, 'a sample project with warnings and factors');
  const trail = project.trail.find((e) => e.factors.length > 0 && e.inputs.length > 0);
  assertMatches(dts, 'Report', report);
  assertMatches(dts, 'ProjectResult', project);
  assertMatches(dts, 'TrailEntry', trail);
  assertMatches(dts, 'TrailInput', trail.inputs[0]);
  assertMatches(dts, 'FactorUse', trail.factors[0]);
  assertMatches(dts, 'Warning', project.warnings[0]);
  assertMatches(dts, 'Group', report.by_type[0]);
  assertMatches(dts, 'Progress', report.progress[0]);
  assertMatches(dts, 'OverrideUse', report.overrides[0]);
  assertMatches(dts, 'Bulletin', report.bulletin);
  assertMatches(dts, 'Label', report.bulletin.note);
  const checked = jianpai.check(SAMPLE_TEXT);
  assertMatches(dts, 'CheckResult', checked);
  assertMatches(dts, 'JianpaiWarning', checked.warnings[0]);
  const failed = jianpai.compute({ format: 'jianpai/1', projects: [{ id: 'x', measure: { type: 'wastewater', flow_m3_per_day: -1 } }] });
  assertMatches(dts, 'JianpaiError', failed.errors[0]);
  const lib = jianpai.factors();
  assertMatches(dts, 'FactorLibrary', lib);
  assertMatches(dts, 'Factor', lib.factors[0]);
  const schema = jianpai.schema();
  assertMatches(dts, 'Schema', schema);
  assertMatches(dts, 'MeasureTypeSchema', schema.types[0]);
  const choice = schema.types.flatMap((t) => t.fields).find((f) => f.kind === 'choice');
  assertMatches(dts, 'FieldSchema', choice);
  assertMatches(dts, 'FieldLimit', schema.types[0].fields[1].limit);
  assertMatches(dts, 'ChoiceOption', choice.options[0]);
  assertMatches(dts, 'Versions', jianpai.versions());
});

/** The members of a string union `export type NAME = "a" | "b" …;`, in order. */
function unionMembers(dts, name) {
  const m = dts.match(new RegExp(`export type ${name} = ([^;]*);`));
  assert.ok(m, `type ${name} is declared`);
  const members = [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
  assert.ok(members.length > 0, `${name} has members`);
  assert.equal(m[1].replace(/"[^"]*"/g, '').replace(/[|\s]/g, ''), '', `${name} is a union of strings only`);
  return members;
}

/** The values the engine accepts at `field` of a file: those its unknown-choice error expects. */
function expectedAt(field, file) {
  const result = jianpai.compute(file);
  assert.equal(result.ok, false, `${field}: not-an-option accepted`);
  const e = result.errors.find((x) => x.field === field);
  assert.equal(e?.kind.code, 'unknown_choice', `${field}: ${JSON.stringify(result.errors)}`);
  return e.kind.expected;
}

const sorted = (xs) => [...xs].sort();

test('the string unions of the .d.ts are exactly the engine\'s lists', () => {
  for (const dts of Object.values(DTS)) {
    assert.deepStrictEqual(unionMembers(dts, 'MeasureTypeTag'), jianpai.schema().types.map((t) => t.type));
    const { report } = jianpai.compute(SAMPLE_TEXT);
    assert.deepStrictEqual(sorted(unionMembers(dts, 'AmountKey')), sorted(Object.keys(report.totals)));
    const project = { id: 'x', measure: { type: 'wastewater', flow_m3_per_day: 100, cod_before_mg_l: 250, cod_after_mg_l: 50 } };
    assert.deepStrictEqual(unionMembers(dts, 'Category'),
      expectedAt('category', { format: 'jianpai/1', projects: [{ ...project, category: 'not-an-option' }] }));
    for (const usual of jianpai.schema().types.map((t) => t.usual_category)) {
      assert.ok(unionMembers(dts, 'Category').includes(usual), usual);
    }
    assert.deepStrictEqual(unionMembers(dts, 'KeyCategory'),
      expectedAt('key_category', { format: 'jianpai/1', projects: [{ ...project, key_category: 'not-an-option' }] }));
    for (const usual of jianpai.schema().types.map((t) => t.usual_key_category)) {
      assert.ok(unionMembers(dts, 'KeyCategory').includes(usual), usual);
    }
    for (const [name, key] of [['Crediting', 'crediting'], ['ElectricityBasis', 'electricity_basis'], ['GridCo2', 'grid_co2']]) {
      const file = { format: 'jianpai/1', settings: { [key]: 'not-an-option' }, projects: [project] };
      assert.deepStrictEqual(unionMembers(dts, name), expectedAt(`settings.${key}`, file), name);
    }
    // The library uses some of the statuses (crates/js/src/types.rs checks all three against the engine).
    const statuses = unionMembers(dts, 'FactorStatus');
    for (const f of jianpai.factors().factors) assert.ok(statuses.includes(f.status), `${f.id}: ${f.status}`);
    const overlap = JSON.parse(readFileSync(path.join(ROOT, 'crates/cli/tests/data/overlap.json'), 'utf8'));
    for (const o of jianpai.compute(overlap).report.overlaps) {
      assert.ok(unionMembers(dts, 'OverlapRule').includes(o.rule), o.rule);
    }
  }
});
