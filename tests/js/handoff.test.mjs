// compute()'s hand-off (issue 20): the report crosses into JavaScript as a tape (crates/js/src/tape.rs:
// numbers, each distinct string and each object's keys once) built into the objects JSON.parse of the
// CLI's text gives, and `{trails: false}` leaves each project's `trail` key out. Compared with the CLI's
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

test('compute() builds the double-counting pairs of every rule as the CLI words them (with and without a township, the reuse first or second in the file)', () => {
  // The pairs cross as numbers and are built in JavaScript from the engine's wordings (issue 20):
  // each rule, a place with a township and one without, reclaimed water before and after the
  // plant whose effluent it reuses (its messages name the reuse first either way).
  const sample = JSON.parse(SAMPLE_TEXT);
  const of = (t) => structuredClone(sample.projects.find((p) => p.measure.type === t).measure);
  const boiler = { type: 'boiler_phaseout', boilers: 2, coal_t: 800, sulfur_pct: 1.0, replaced_by: 'none' };
  const closure = { type: 'capacity_phaseout', enterprises: 1, last_year: { cod_t: 4.0, so2_t: 2.0 } };
  const pairsOf = [
    [boiler, structuredClone(boiler)],
    [of('wastewater'), closure],
    [of('wastewater'), of('reclaimed_water')],
    [of('reclaimed_water'), of('wastewater')],
    [of('vocs_substitution'), of('vocs_treatment')],
    [of('livestock'), of('livestock')],
  ];
  const projects = [];
  pairsOf.forEach(([a, b], i) => {
    for (const township of ['镇 "T"', undefined]) {
      const enterprise = `厂${i}${township ? '' : ' 无镇'}`;
      for (const [k, measure] of [a, b].entries()) {
        const p = { id: `o${i}-${township ? 't' : 'n'}-${k}`, name: 'pair', enterprise, measure };
        if (township) p.township = township;
        projects.push(p);
      }
    }
  });
  const file = { ...sample, title: 'every rule of double counting', projects };
  const expected = cliReport(tempFile('overlaps.json', JSON.stringify(file, null, 2)));
  assert.equal(expected.overlaps.length, 12, 'two pairs per rule case');
  assert.deepStrictEqual(new Set(expected.overlaps.map((o) => o.rule)),
    new Set(['same_coal', 'closure_and_treatment', 'reused_effluent', 'substitution_and_treatment', 'same_type']));
  for (const options of [undefined, { trails: false }]) {
    const r = jianpai.compute(file, options);
    assert.equal(r.ok, true, JSON.stringify(r.errors));
    assert.deepStrictEqual(r.report.overlaps, expected.overlaps);
    const want = options ? withoutTrails(expected) : expected;
    assert.equal(JSON.stringify(r.report), JSON.stringify(want), `key order ${JSON.stringify(options)}`);
  }
  // With a review summary after the pairs: the list keeps its place before `review`.
  file.projects[0].review = { status: 'accepted' };
  const reviewed = cliReport(tempFile('overlaps-reviewed.json', JSON.stringify(file, null, 2)));
  assert.ok(reviewed.review && reviewed.overlaps.length === 12);
  assert.equal(JSON.stringify(jianpai.compute(file).report), JSON.stringify(reviewed));
});

test('equal inputs and coefficients of different trails are one frozen object (and the report still equals the CLI)', () => {
  // The tape hands each equal input and coefficient use once (crates/js/src/output.rs SHARED):
  // JavaScript builds it once and puts the same frozen object in every trail; every other object
  // stays the caller's own. generated(46) holds the sample's projects twice over.
  const file = generated(46);
  const n = JSON.parse(SAMPLE_TEXT).projects.length;
  const { report } = jianpai.compute(file);
  const [a, b] = [report.projects[1], report.projects[1 + n]];
  assert.equal(a.type, b.type);
  const entry = (p) => p.trail.find((e) => e.inputs.length > 0 && e.factors.length > 0)
    ?? p.trail.find((e) => e.inputs.length > 0);
  const [ea, eb] = [entry(a), entry(b)];
  assert.ok(ea.inputs.length > 0);
  assert.strictEqual(ea.inputs[0], eb.inputs[0], 'the same input is one object');
  assert.ok(Object.isFrozen(ea.inputs[0]) && Object.isFrozen(ea.inputs[0].label), 'frozen with its label');
  assert.throws(() => { ea.inputs[0].value = 1; }, TypeError);
  const withFactor = report.projects.flatMap((p) => p.trail).filter((e) => e.factors.length > 0);
  assert.ok(withFactor.length >= 2);
  const byId = new Map();
  for (const e of withFactor) for (const f of e.factors) {
    assert.ok(Object.isFrozen(f), `coefficient ${f.id} frozen`);
    if (byId.has(JSON.stringify(f))) assert.strictEqual(f, byId.get(JSON.stringify(f)), `${f.id}: one object`);
    byId.set(JSON.stringify(f), f);
  }
  // The objects around them are the caller's: a trail entry, its lists and a project.
  assert.ok(!Object.isFrozen(ea) && !Object.isFrozen(ea.inputs) && !Object.isFrozen(a));
  assert.notStrictEqual(ea, eb);
  ea.inputs.push('mine');
  assert.equal(eb.inputs.length, ea.inputs.length - 1);
});
