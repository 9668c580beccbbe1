// compute(): the JS module's report equals `jianpai report`'s JSON, number for number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jianpai, cliReport, SAMPLE_PATH, SAMPLE_TEXT, TYPES, everyTypeFile, tempFile } from './helpers.mjs';

const AMOUNT_KEYS = ['cod_t', 'nh3n_t', 'so2_t', 'nox_t', 'tce', 'water_t', 'co2_t', 'enterprises', 'equipment', 'boilers'];

/** Compares every total and every project's amounts one by one (exact: the same f64s), then the rest. */
function assertSameReport(js, cliJson) {
  for (const totals of ['totals', 'full_year_totals']) {
    for (const k of AMOUNT_KEYS) {
      assert.equal(typeof js[totals][k], 'number', `${totals}.${k} is a number`);
      assert.equal(js[totals][k], cliJson[totals][k], `${totals}.${k}`);
    }
  }
  assert.equal(js.projects.length, cliJson.projects.length, 'project count');
  js.projects.forEach((p, i) => {
    const c = cliJson.projects[i];
    assert.equal(p.id, c.id);
    assert.equal(p.months, c.months, `${p.id} months`);
    for (const stage of ['credited', 'full_year']) {
      for (const k of AMOUNT_KEYS) assert.equal(p[stage][k], c[stage][k], `${p.id} ${stage}.${k}`);
    }
  });
  // Everything else too: keys, nulls, trails, groups, bulletin.
  assert.deepStrictEqual(js, cliJson);
}

test('the sample: compute() equals jianpai report, whether given as text, object or bytes', () => {
  const expected = cliReport(SAMPLE_PATH);
  for (const input of [SAMPLE_TEXT, JSON.parse(SAMPLE_TEXT), new TextEncoder().encode(SAMPLE_TEXT)]) {
    const result = jianpai.compute(input);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    assertSameReport(result.report, expected);
  }
});

test('one project of every measure type: compute() equals jianpai report', () => {
  const file = everyTypeFile();
  assert.deepStrictEqual(file.projects.map((p) => p.measure.type), TYPES);
  const expected = cliReport(tempFile('every-type.json', JSON.stringify(file, null, 2)));
  const result = jianpai.compute(file);
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  assert.deepStrictEqual(result.report.projects.map((p) => p.type), TYPES);
  assertSameReport(result.report, expected);
});

test('a wastewater plant computed by hand', () => {
  // Q × r × D × (C₁ − C₂) × 10⁻⁶: 10000 m³/d × 0.8 × 365 d × (250 − 50) mg/L × 10⁻⁶ = 584 t/a COD,
  // and × (30 − 5) = 73 t/a NH₃-N; whole year (no start month), so credited = full year.
  const file = {
    format: 'jianpai/1', year: 2026, settings: {},
    projects: [{ id: 'w1', name: 'plant', measure: { type: 'wastewater', source: 'municipal',
      flow_m3_per_day: 10000, load_rate: 0.8, days: 365, cod_before_mg_l: 250, cod_after_mg_l: 50,
      nh3n_before_mg_l: 30, nh3n_after_mg_l: 5 } }],
  };
  const result = jianpai.compute(file);
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  const close = (got, want, what) => assert.ok(Math.abs(got - want) < 1e-9, `${what}: got ${got}, want ${want}`);
  close(result.report.totals.cod_t, 584, 'COD');
  close(result.report.totals.nh3n_t, 73, 'NH3-N');
  close(result.report.projects[0].full_year.cod_t, 584, 'project COD');
  assert.equal(result.report.projects[0].months, 12);
  assert.equal(result.report.year, 2026);
  assert.equal(result.report.projects[0].township, null, 'an absent township is null, as in the CLI JSON');
});
