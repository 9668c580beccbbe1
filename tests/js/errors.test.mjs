// Errors: typed objects naming project and field, the CLI's messages; never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jianpai, cli, tempFile } from './helpers.mjs';

const ERROR_KEYS = ['field', 'kind', 'label', 'message_en', 'message_zh', 'project'];

/** Asserts a failed result of the expected shape and returns its errors. */
function failed(result) {
  assert.equal(result.ok, false);
  assert.ok(Array.isArray(result.errors) && result.errors.length > 0, 'errors listed');
  for (const e of result.errors) {
    assert.deepStrictEqual(Object.keys(e).sort(), ERROR_KEYS);
    assert.equal(typeof e.kind.code, 'string');
    assert.ok(e.message_zh.length > 0 && e.message_en.length > 0);
  }
  return result.errors;
}

const BAD_FILE = {
  format: 'jianpai/1',
  projects: [
    { id: 'p1', measure: { type: 'wastewater', flow_m3_per_day: -5, cod_before_mg_l: 250, cod_after_mg_l: 50 } },
    { id: 'p2', measure: { type: 'desulfurization', coal_t: 1000, sulfur_pct: 1, efficiency_before_pct: 80, efficiency_after_pct: 140 } },
    { id: 'p3', measure: { type: 'teleportation' } },
  ],
};

test('a bad file gives typed errors naming project and field, with the CLI\'s messages', () => {
  const errors = failed(jianpai.compute(BAD_FILE));
  const p1 = errors.find((e) => e.project === 'p1' && e.field === 'measure.flow_m3_per_day');
  assert.ok(p1, `an error at p1's flow: ${JSON.stringify(errors)}`);
  assert.equal(p1.kind.code, 'negative');
  assert.equal(p1.kind.value, -5);
  assert.equal(typeof p1.label.zh, 'string');
  assert.match(p1.message_en, /^project p1, /);
  assert.match(p1.message_zh, /^项目 p1，/);
  const p2 = errors.find((e) => e.project === 'p2' && e.field === 'measure.efficiency_after_pct');
  assert.ok(p2, `an error at p2's efficiency after: ${JSON.stringify(errors)}`);
  assert.equal(p2.kind.code, 'percent');
  const p3 = errors.find((e) => e.project === 'p3');
  assert.equal(p3?.kind.code, 'unknown_measure_type');
  assert.equal(p3.kind.found, 'teleportation');

  // The CLI prints the same errors, in the same order: "FILE: message".
  const file = tempFile('bad.json', JSON.stringify(BAD_FILE));
  const out = cli('report', file);
  assert.equal(out.code, 1);
  assert.deepStrictEqual(out.stderr.trimEnd().split('\n'), errors.map((e) => `${file}: ${e.message_en}`));
  const zh = cli('report', file, '--lang', 'zh');
  assert.deepStrictEqual(zh.stderr.trimEnd().split('\n'), errors.map((e) => `${file}: ${e.message_zh}`));
});

test('check() of a bad file: ok false, the same errors, no warnings', () => {
  const checked = jianpai.check(BAD_FILE);
  assert.equal(checked.ok, false);
  assert.deepStrictEqual(checked.errors, jianpai.compute(BAD_FILE).errors);
  assert.deepStrictEqual(checked.warnings, []);
});

test('non-objects and garbage give a typed error, never a throw', () => {
  const cyclic = { format: 'jianpai/1', projects: [] };
  cyclic.self = cyclic;
  const cases = [
    [42, 'not_an_object'], [null, 'not_an_object'], [undefined, 'not_an_object'], [true, 'not_an_object'],
    [[], 'not_an_object'], [() => 1, 'not_an_object'], [Symbol('x'), 'not_an_object'], [10n, 'not_an_object'],
    [cyclic, 'not_an_object'], ['', 'syntax'], ['{"format": "jianpai/1",}', 'syntax'], ['garbage', 'syntax'],
    [new Uint8Array([0x7b, 0xc4, 0xe3, 0x7d]), 'not_utf8'], [new ArrayBuffer(3), 'syntax'],
    [{ format: 'jianpai/2', projects: [] }, 'unsupported_format'],
    ['{"format": "jianpai/1", "format": "jianpai/1", "projects": []}', 'duplicate_key'],
    // Nesting deeper than the reader's limit: an error, not a stack overflow in the wasm.
    ['['.repeat(100000) + ']'.repeat(100000), 'syntax'],
  ];
  for (const [input, code] of cases) {
    for (const fn of [jianpai.compute, jianpai.check]) {
      let result;
      assert.doesNotThrow(() => { result = fn(input); }, `${fn.name}(${String(input)})`);
      const errors = failed(result);
      assert.equal(errors[0].kind.code, code, `${fn.name}(${String(input)}): ${JSON.stringify(errors)}`);
    }
  }
});

test('NaN, Infinity and BigInt in a field are reported at that field, not read as blank', () => {
  for (const bad of [NaN, Infinity, -Infinity, 7n]) {
    const file = { format: 'jianpai/1', projects: [{ id: 'w', measure: { type: 'wastewater',
      flow_m3_per_day: 1000, days: bad, cod_before_mg_l: 250, cod_after_mg_l: 50 } }] };
    const errors = failed(jianpai.compute(file));
    assert.deepStrictEqual(errors.map((e) => [e.project, e.field, e.kind.code]),
      [['w', 'measure.days', 'not_a_number']], `days = ${String(bad)}`);
  }
});

test('the module still works after every bad input above (no poisoned state)', () => {
  const ok = jianpai.compute({ format: 'jianpai/1', projects: [] });
  assert.equal(ok.ok, true, JSON.stringify(ok.errors));
  assert.equal(ok.report.totals.cod_t, 0);
  assert.deepStrictEqual(ok.report.projects, []);
});
