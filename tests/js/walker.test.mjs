// The walker (issue 20, crates/js/src/input.rs `walk`): a plain object is handed to the engine as a
// tape written in JavaScript, not as its JSON.stringify text. It must give the same result and the
// same errors (codes, positions, paths, messages, order) as the text, and give up — the text is read
// then — on anything it does not hand over exactly.
//
// The two paths, with no test-only export:
// - the text path: the same members on a top object whose prototype is neither Object.prototype nor
//   null (`viaText`); the walker gives up there before it reads any value, and JSON.stringify writes
//   the same text (it reads own keys only);
// - the walker: the file as given, its `format` read through a counting getter (`probed`). The
//   walker reads each value once, in JSON.stringify's order; where it gives up after that, the text
//   path's JSON.stringify reads `format` again. So one read means the walker's tape was read, two or
//   more that it gave up. `shouldGiveUp` is the rule written plainly, the oracle for the count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jianpai, SAMPLE_TEXT, everyTypeFile } from './helpers.mjs';

const EXACT = 2 ** 53;

/** The same members (own, in order) on a top object of another prototype: read as text. */
function viaText(file) {
  const o = Object.create(Object.create(null));
  for (const k of Object.keys(file)) {
    Object.defineProperty(o, k, { value: file[k], enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** The same members with `format` (the first key) behind a getter that counts its reads. */
function probed(file) {
  let reads = 0;
  const o = {};
  for (const k of Object.keys(file)) {
    const d = k === 'format'
      ? { get() { reads += 1; return file.format; }, enumerable: true, configurable: true }
      : { value: file[k], enumerable: true, writable: true, configurable: true };
    Object.defineProperty(o, k, d);
  }
  return { file: o, reads: () => reads };
}

/** Whether the walker gives up on `v` (the rule of input.rs `walk`, written plainly). */
function shouldGiveUp(v, depth = 0) {
  switch (typeof v) {
    case 'string': return !v.isWellFormed();
    case 'number': return !Number.isFinite(v) || (Number.isInteger(v) && Math.abs(v) > EXACT);
    case 'boolean': return false;
    case 'object': {
      if (v === null) return false;
      if (depth >= 100 || v.toJSON !== undefined) return true;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return true;
        for (let i = 0; i < v.length; i++) if (shouldGiveUp(v[i], depth + 1)) return true;
        return false;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return true;
      return Object.keys(v).some((k) => !k.isWellFormed() || shouldGiveUp(v[k], depth + 1));
    }
    default: return true; // undefined (a hole too), function, symbol, bigint
  }
}

/** compute (both options) and check of `file` by the walker and by the text: the same results. */
let lastOk;
function same(file, what) {
  const gives = shouldGiveUp(file);
  for (const [name, run] of [
    ['compute', (f) => jianpai.compute(f)],
    ['compute {trails: false}', (f) => jianpai.compute(f, { trails: false })],
    ['check', (f) => jianpai.check(f)],
  ]) {
    const text = run(viaText(file));
    const p = probed(file);
    const walked = run(p.file);
    assert.deepStrictEqual(walked, text, `${what}: ${name}`);
    lastOk = walked.ok;
    assert.equal(JSON.stringify(walked), JSON.stringify(text), `${what}: ${name}, key order`);
    // Given up: JSON.stringify reads it again (twice where the text holds `null`, the second time
    // with the replacer that keeps NaN, ±∞ and BigInts visible).
    const reads = p.reads();
    assert.ok(gives ? reads >= 2 : reads === 1, `${what}: ${name}: the walker ${gives ? 'should give up' : 'should read it'} (format read ${reads} times)`);
  }
  return gives;
}

// A seeded generator (mulberry32), so that a failure names its case and repeats.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deep(n, leaf, array) {
  let v = leaf;
  for (let i = 0; i < n; i++) v = array ? [v] : { d: v };
  return v;
}

/** Values a mutation puts in a file: those the walker reads and those it gives up on. */
function values() {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const sparse = [1, 2, 3];
  delete sparse[1];
  const extra = [1, 2];
  extra.note = 'not written';
  class Sub extends Array {}
  const proto = JSON.parse('{"__proto__": 5, "b": "x"}');
  const bare = Object.create(null);
  bare.z = 1;
  bare.a = [null];
  // A toJSON JSON.stringify calls though Object.keys does not list it.
  const hidden = Object.defineProperty({ a: 1 }, 'toJSON', { value: () => 'replaced', enumerable: false });
  const hiddenArray = Object.defineProperty([1, 2], 'toJSON', { value: () => 7, enumerable: false });
  return [
    // read by the walker
    0, -0, 1, -1, 7, 1000, 0.8, -3.25, 1 / 3, 5e-324, 1e-320, 2.2250738585072014e-308, 1e-7, 123456.789,
    EXACT, -EXACT, EXACT - 1, 1.5e15 + 0.5, 1e15, 0.1 + 0.2, -1e-300,
    '', 'x', '1A', '城东街道', '\u{1F600}', 'a\u0000b', '"null"', 'null', '\\', '\n\t', '\ufeffbom', 'é\u0301',
    null, true, false, [], {}, [1, 'two', null, [3]], { nested: { deeper: [0.5, -0] } },
    proto, bare, extra, { 2: 'b', 1: 'a', x: 'c', '-1': 'd', '01': 'e' }, deep(98, 1, true), deep(98, 'x', false),
    // given up on (the text is read)
    NaN, Infinity, -Infinity, EXACT + 2, -EXACT - 2, 1e21, 1e300, -1e300, 10n, undefined, () => 1, Symbol('s'),
    '\ud800', 'x\udc00', '\udbff\udbff', sparse, new Sub(1, 2), new Date(0), new Number(5), new String('s'),
    new Map([[1, 2]]), new Uint8Array([1]), { toJSON: () => 'x' }, hidden, hiddenArray, Object.create({ inherited: 1 }), cyclic,
    deep(100, 1, true), deep(101, 'x', false), deep(200, 1, true),
  ];
}

/** A random value: leaves from `pool`, or a small object or array of them. */
function randomValue(r, pool, depth = 0) {
  const k = r();
  if (depth > 3 || k < 0.6) return pool[Math.floor(r() * pool.length)];
  if (k < 0.8) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, pool, depth + 1));
  const o = {};
  for (let i = Math.floor(r() * 4); i > 0; i--) o[['a', 'b', 'id', 'name', 'type', '0', '__x'][Math.floor(r() * 7)]] = randomValue(r, pool, depth + 1);
  return o;
}

/** Every [parent, key] of a value's plain objects and arrays, to depth 6 (a cyclic value is in the pool). */
function slots(v, out = [], depth = 0) {
  const plain = Array.isArray(v) ? Object.getPrototypeOf(v) === Array.prototype
    : v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
  if (plain && depth < 6) {
    for (const k of Array.isArray(v) ? [...v.keys()] : Object.keys(v)) {
      out.push([v, k]);
      slots(v[k], out, depth + 1);
    }
  }
  return out;
}

/** The sample (or the every-type file) with 1–4 random mutations: a value replaced, a key deleted, a key added. */
function mutated(r, pool) {
  const file = r() < 0.5 ? JSON.parse(SAMPLE_TEXT) : everyTypeFile();
  for (let m = 1 + Math.floor(r() * 4); m > 0; m--) {
    const all = slots(file).filter(([parent]) => parent !== file || r() < 0.1);
    const [parent, key] = all[Math.floor(r() * all.length)];
    const op = r();
    if (op < 0.7) parent[key] = r() < 0.8 ? pool[Math.floor(r() * pool.length)] : randomValue(r, pool);
    else if (op < 0.85 && !Array.isArray(parent)) delete parent[key];
    else if (!Array.isArray(parent)) parent[`zz_${m}`] = pool[Math.floor(r() * pool.length)];
  }
  return file;
}

test('the walker reads the sample, every type and the tricky values of a file as their text does', () => {
  assert.equal(same(JSON.parse(SAMPLE_TEXT), 'sample'), false);
  assert.equal(same(everyTypeFile(), 'every type'), false);
  const sample = JSON.parse(SAMPLE_TEXT);
  // Numbers as the text would read them back: -0 (written 0), subnormals, 2^53, a long fraction.
  for (const n of [-0, 5e-324, 1e-320, EXACT, 1 / 3, 0.1 + 0.2, 1e-7]) {
    const f = structuredClone(sample);
    f.projects[0].measure.flow_m3_per_day = n;
    f.projects[1].measure.load_rate = n;
    same(f, `number ${n}`);
  }
  // A surrogate pair split across two strings that come one after the other in the string table:
  // each string alone is not well formed; joined they would look like one character.
  const split = structuredClone(sample);
  split.projects[0].name = 'a\ud83d';
  split.projects[0].township = '\ude00b';
  assert.equal(same(split, 'a pair split across two strings'), true);
  // Keys JavaScript orders itself (integer-like first), an own __proto__, non-ASCII and astral keys.
  const keys = structuredClone(sample);
  keys.projects[2] = { ...JSON.parse('{"__proto__": {"x": 1}}'), 2: 1, 1: 2, 减排: '\u{1F600}', [`\u{1F600}`]: 3, ...keys.projects[2] };
  same(keys, 'keys');
});

test('generated files: every mutation gives the same result and errors by the walker and by the text', () => {
  const pool = values();
  const r = rng(20261203);
  let walkedCount = 0;
  let gaveUp = 0;
  let walkedErrors = 0;
  for (let i = 0; i < 400; i++) {
    const file = mutated(r, pool);
    if (same(file, `mutated file ${i}`)) gaveUp += 1;
    else {
      walkedCount += 1;
      if (!lastOk) walkedErrors += 1;
    }
  }
  // Random files that are not project files at all: the same errors.
  for (let i = 0; i < 100; i++) {
    const file = { format: r() < 0.7 ? 'jianpai/1' : randomValue(r, pool), ...randomValue(r, pool, 3) === null ? {} : { projects: randomValue(r, pool) } };
    same(file, `random file ${i}`);
  }
  console.log(`generated: ${walkedCount} read by the walker (${walkedErrors} of them with errors), ${gaveUp} given up`);
  // Both paths were taken many times, and the walker's files include bad ones.
  assert.ok(walkedCount > 50 && gaveUp > 50 && walkedErrors > 20, `walked ${walkedCount} (${walkedErrors} with errors), gave up ${gaveUp}`);
});

test('each value of the pool alone, at a project field, at the top and in the projects list', () => {
  const pool = values();
  const base = JSON.parse(SAMPLE_TEXT);
  for (const [i, v] of pool.entries()) {
    let shown;
    try { shown = typeof v === 'symbol' ? 'symbol' : typeof v === 'bigint' ? `${v}n` : String(v).slice(0, 20); } catch { shown = 'an object without toString'; }
    const what = `pool value ${i} (${shown})`;
    const field = structuredClone(base);
    field.projects[3].measure.flow_m3_per_day = v;
    same(field, `${what} at a number field`);
    const name = structuredClone(base);
    name.projects[0].name = v;
    same(name, `${what} at a text field`);
    same({ ...base, title: v }, `${what} as the title`);
    same({ ...base, projects: [...base.projects.slice(0, 2), v] }, `${what} in the projects list`);
    same({ format: 'jianpai/1', projects: v }, `${what} as the projects`);
  }
});

test('hostile objects: never a throw, the text path\'s errors (reliability review 7.6)', () => {
  const sample = JSON.parse(SAMPLE_TEXT);
  const throwing = structuredClone(sample);
  Object.defineProperty(throwing.projects[0], 'name', { get() { throw new Error('boom'); }, enumerable: true });
  const throwingToJSON = structuredClone(sample);
  throwingToJSON.projects[1].measure = { toJSON() { throw new Error('boom'); } };
  const trap = structuredClone(sample);
  trap.projects[2] = new Proxy({}, { ownKeys() { throw new Error('trap'); } });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const withRevoked = { ...sample, projects: [revoked.proxy] };
  const deepProject = structuredClone(sample);
  deepProject.projects[0].measure.extra = deep(100000, 1, false);
  const deepTop = deep(100000, 1, false);
  const huge = structuredClone(sample);
  huge.projects[0].name = '名'.repeat(100000);
  for (const [what, file] of [['throwing getter', throwing], ['throwing toJSON', throwingToJSON],
    ['Proxy with a throwing trap', trap], ['revoked Proxy', withRevoked], ['100,000-deep object in a project', deepProject],
    ['100,000-deep object', deepTop], ['100,000-character name', huge]]) {
    for (const run of [(f) => jianpai.compute(f), (f) => jianpai.compute(f, { trails: false }), (f) => jianpai.check(f)]) {
      let a;
      let b;
      assert.doesNotThrow(() => { a = run(file); }, what);
      assert.doesNotThrow(() => { b = run(viaText(file)); }, `${what} (text)`);
      assert.deepStrictEqual(a, b, what);
    }
  }
  // A Proxy that forwards everything is read by the walker (its getPrototypeOf trap shows it ran;
  // JSON.stringify never asks for a prototype) and gives the plain object's result.
  let asked = 0;
  const forwarding = { ...sample, projects: sample.projects.map((p) => new Proxy(p, { getPrototypeOf(t) { asked += 1; return Object.getPrototypeOf(t); } })) };
  const p = probed(forwarding);
  assert.deepStrictEqual(jianpai.compute(p.file), jianpai.compute(sample));
  assert.equal(p.reads(), 1);
  // (at least once per project; for…in asks again as it looks for inherited keys)
  assert.ok(asked >= sample.projects.length, `getPrototypeOf asked ${asked} times`);
  // The module works after all of these.
  assert.equal(jianpai.compute(sample).ok, true);
});

test('what for…in would see and JSON.stringify does not: an enumerable key on Object.prototype, keys changed by a getter', () => {
  const sample = JSON.parse(SAMPLE_TEXT);
  // Object.prototype with an enumerable key: the walker gives up before it starts (for…in would
  // list the key), so it never asks a project's prototype.
  let asked = 0;
  const watched = { ...sample, projects: sample.projects.map((q) => new Proxy(q, { getPrototypeOf(t) { asked += 1; return Object.getPrototypeOf(t); } })) };
  let withKey;
  let expected;
  Object.prototype.zz_inherited = 1; // eslint-disable-line no-extend-native
  try {
    withKey = jianpai.compute(watched);
    expected = jianpai.compute(viaText(sample));
  } finally {
    delete Object.prototype.zz_inherited;
  }
  assert.equal(asked, 0, 'given up');
  assert.deepStrictEqual(withKey, expected);
  assert.equal(withKey.ok, true);
  // A getter that deletes a later key, adds a key and changes a later value of its own object:
  // JSON.stringify lists the keys first and then reads each (a deleted one is left out, an added one
  // not seen); for…in the same.
  const changing = () => {
    const f = structuredClone(sample);
    const project = f.projects[0];
    const rest = { ...project };
    delete rest.name;
    const o = {};
    Object.defineProperty(o, 'id', { value: project.id, enumerable: true, configurable: true, writable: true });
    Object.defineProperty(o, 'name', {
      enumerable: true,
      configurable: true,
      get() {
        delete this.township;
        this.added = 'x';
        this.category = 'management';
        return project.name;
      },
    });
    for (const [k, v] of Object.entries(rest)) if (k !== 'id') o[k] = v;
    f.projects[0] = o;
    return f;
  };
  const walkedFile = probed(changing());
  const walked = jianpai.compute(walkedFile.file);
  assert.equal(walkedFile.reads(), 1, 'read by the walker');
  assert.deepStrictEqual(walked, jianpai.compute(viaText(changing())));
  assert.equal(walked.ok, true, JSON.stringify(walked.errors));
  // The later value as the getter changed it.
  assert.equal(walked.report.projects[0].category, 'management');
  assert.equal(sample.projects[0].category, 'engineering');
});
