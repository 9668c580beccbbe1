//! Reading the caller's `file` argument: a JSON string, the file's bytes, or a plain JS object.
//!
//! A plain JS object is first walked in JavaScript ([`walk`], issue 20) into the tape that
//! `jianpai_core::json::walked` reads: the same values its `JSON.stringify` text holds, without the
//! text. The walker gives up on anything it does not hand over exactly as that text would read
//! (see [`walk`]); then, as before, the object is turned into JSON text with the page's own
//! `JSON.stringify` and read by the same `load_bytes` the CLI reads a file with, so a file passed as
//! an object, as text or as bytes gives the CLI's errors and numbers. `JSON.stringify` (rather than
//! serde-wasm-bindgen's deserializer) because it detects a cyclic object instead of recursing until
//! the wasm stack overflows, and drops `undefined` as a saved file would.

use jianpai_core::json::walked::Walked;
use jianpai_core::{Error, ErrorKind, ProjectFile, Valid};
use js_sys::{Array, ArrayBuffer, Float64Array, Uint32Array, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

/// The walker: `walk(file)` is `[words, nums, text, ends]` (a `Uint32Array`, a `Float64Array`, a
/// string, a `Uint32Array`: the tape of `json::walked`, each key once and each string value as it comes, joined, with each
/// one's end in UTF-16 units) or `undefined` where it gives up and the text is read instead.
///
/// It visits what `JSON.stringify` visits, in its order (each object's own enumerable keys, by
/// `for…in`, which lists the same keys as `Object.keys` in the same order while `Object.prototype`
/// has no enumerable key; each index of each array; each getter called once), and gives up (throws inside, caught) on anything that
/// text would not read back as the same value: a number that is NaN, ±∞ or a whole number past
/// 2^53; a BigInt, `undefined` (which also stands for a hole of a sparse array), a function or a
/// symbol; an object with a `toJSON` (own or inherited), an object whose prototype is not
/// `Object.prototype` or `null`, an array whose prototype is not `Array.prototype`; nesting past
/// 100 (which stops a cycle); any throw (a getter's, a Proxy's). A lone surrogate is checked once on
/// the joined text (`isWellFormed`); two halves joined across strings straddle an end, which
/// `json::walked` gives up on. Numbers are f64s as they are (`-0`, subnormals): a whole one up to
/// 2^53 tagged as the text's integer (`-0` as `0`, as `JSON.stringify` writes it).
#[wasm_bindgen(inline_js = r#"
const OP = Object.prototype;
const AP = Array.prototype;
const getProto = Object.getPrototypeOf;
const isArray = Array.isArray;
const EXACT = 9007199254740992;
const MAX_DEPTH = 100;
const LIMIT = 1 << 29;
const GIVE_UP = {};
// A lone surrogate: `isWellFormed` where there is one (Node 20, Chrome 111), else a regular
// expression (with `u`, `\p{Cs}` matches only a surrogate that is not half of a pair).
const wellFormed = String.prototype.isWellFormed
  ? (t) => t.isWellFormed()
  : (t) => !/\p{Cs}/u.test(t);
// The tape's buffers and the string table, kept from one call to the next (a call's tape is
// copied into the wasm before it returns; the strings are let go of at its end).
let words = new Uint32Array(1 << 16);
let nums = new Float64Array(1 << 14);
const index = new Map();
const strs = [];
export function walk(file) {
  let nw = 0;
  let nn = 0;
  // for…in lists inherited enumerable keys too: there are none while Object.prototype has none.
  for (const k in OP) return undefined;
  function word(w) {
    if (nw === words.length) {
      const more = new Uint32Array(nw * 2);
      more.set(words);
      words = more;
    }
    words[nw++] = w;
  }
  function num(n) {
    if (nn === nums.length) {
      const more = new Float64Array(nn * 2);
      more.set(nums);
      nums = more;
    }
    nums[nn++] = n;
  }
  function str(s) {
    let i = index.get(s);
    if (i === undefined) {
      i = strs.length;
      if (i >= LIMIT) throw GIVE_UP;
      index.set(s, i);
      strs.push(s);
    }
    return i;
  }
  function value(v, depth) {
    switch (typeof v) {
      case 'string':
        // A value's string goes as it is (one table entry each); only keys are looked up.
        if (strs.length >= LIMIT) throw GIVE_UP;
        word(strs.length * 8);
        strs.push(v);
        return;
      case 'number':
        if (Number.isInteger(v)) {
          if (v > EXACT || v < -EXACT) throw GIVE_UP;
          word(v >= 0 ? 2 : 3);
        } else if (v - v === 0) {
          word(1);
        } else {
          throw GIVE_UP;
        }
        num(v);
        return;
      case 'boolean':
        word(v ? 22 : 14);
        return;
      case 'object': {
        if (v === null) {
          word(6);
          return;
        }
        if (depth >= MAX_DEPTH || v.toJSON !== undefined) throw GIVE_UP;
        const proto = getProto(v);
        if (isArray(v)) {
          const n = v.length;
          if (proto !== AP || n >= LIMIT) throw GIVE_UP;
          word(n * 8 + 4);
          for (let i = 0; i < n; i++) value(v[i], depth + 1);
          return;
        }
        if (proto !== OP && proto !== null) throw GIVE_UP;
        // for…in rather than Object.keys: the same keys in the same order (an ordinary object's,
        // none inherited), without a list of them made for each object. The count is written after.
        word(5);
        const at = nw - 1;
        let n = 0;
        for (const k in v) {
          word(str(k));
          value(v[k], depth + 1);
          n++;
        }
        if (n >= LIMIT) throw GIVE_UP;
        words[at] = n * 8 + 5;
        return;
      }
      default:
        throw GIVE_UP;
    }
  }
  let text;
  let ends;
  try {
    value(file, 0);
    text = strs.join('');
    ends = new Uint32Array(strs.length);
    let end = 0;
    for (let i = 0; i < strs.length; i++) ends[i] = end += strs[i].length;
  } catch (e) {
    return undefined;
  } finally {
    index.clear();
    strs.length = 0;
  }
  if (!wellFormed(text)) return undefined;
  return [words.subarray(0, nw), nums.subarray(0, nn), text, ends];
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = walk)]
    fn walk_js(file: &JsValue) -> JsValue;
}

/// [`jianpai_core::stream::load_walked`] of the caller's object walked ([`walk_js`]): `None` where
/// the walker or the tape's reader gives up, and the object's text is read instead.
fn walk(file: &JsValue) -> Option<Result<Valid<ProjectFile>, Vec<Error>>> {
    let tape = walk_js(file);
    if tape.is_undefined() {
        return None;
    }
    let parts: &Array = tape.unchecked_ref();
    let words = Uint32Array::unchecked_from_js(parts.get(0)).to_vec();
    let nums = Float64Array::unchecked_from_js(parts.get(1)).to_vec();
    let text = parts.get(2).as_string()?;
    let ends = Uint32Array::unchecked_from_js(parts.get(3)).to_vec();
    jianpai_core::stream::load_walked(Walked {
        words: &words,
        nums: &nums,
        text: &text,
        ends: &ends,
    })
}

/// The file as the engine reads it, or every problem with it: read one project at a time as the
/// CLI reads it (`stream::load_bytes`: the same result and errors as `load_bytes`, without the whole
/// file's JSON tree built first and dropped after). A text (given, or an object's JSON) is UTF-8
/// already, so `stream::load_str` reads it without checking its bytes again.
pub fn read(file: &JsValue) -> Result<Valid<ProjectFile>, Vec<Error>> {
    if file.is_object()
        && !file.is_instance_of::<Uint8Array>()
        && !file.is_instance_of::<ArrayBuffer>()
    {
        if let Some(read) = walk(file) {
            return read;
        }
    }
    match given(file)? {
        Given::Text(text) => jianpai_core::stream::load_str(&text),
        Given::Bytes(bytes) => jianpai_core::stream::load_bytes(&bytes),
    }
}

/// The file's bytes: the text's, the bytes given, or a JS object's JSON text.
pub fn bytes(file: &JsValue) -> Result<Vec<u8>, Vec<Error>> {
    Ok(match given(file)? {
        Given::Text(text) => text.into_bytes(),
        Given::Bytes(bytes) => bytes,
    })
}

/// What the caller gave: a text (theirs, or their object's JSON) or bytes.
enum Given {
    Text(String),
    Bytes(Vec<u8>),
}

fn given(file: &JsValue) -> Result<Given, Vec<Error>> {
    if let Some(text) = file.as_string() {
        return Ok(Given::Text(text));
    }
    if let Some(bytes) = file.dyn_ref::<Uint8Array>() {
        return Ok(Given::Bytes(bytes.to_vec()));
    }
    if let Some(buffer) = file.dyn_ref::<ArrayBuffer>() {
        return Ok(Given::Bytes(Uint8Array::new(buffer).to_vec()));
    }
    match stringify(file) {
        Some(text) => Ok(Given::Text(text)),
        // undefined, a function, a symbol, a cyclic object: nothing a file could hold.
        None => Err(vec![Error::new(None, None, ErrorKind::NotAnObject)]),
    }
}

/// JSON text of a JS value, with the numbers JSON cannot hold kept visible: `NaN` and
/// `Infinity` would become `null` (read as a blank field, so a default would silently stand in)
/// and a BigInt would throw; as text they are reported as "a number was expected" at their field.
///
/// The replacer is a Rust closure called from JavaScript once per value, which costs more than the
/// whole `JSON.stringify` (10,000 projects: ≈70 ms against ≈15 ms, docs/performance.md). So the
/// plain `JSON.stringify` goes first: a text without `null` held no `NaN` or `Infinity` (those
/// become `null`) and no BigInt (that throws); any other text is made again with the replacer.
fn stringify(value: &JsValue) -> Option<String> {
    if let Some(text) = JSON::stringify(value).ok().and_then(|t| t.as_string()) {
        if !text.contains("null") {
            return Some(text);
        }
    }
    let replacer =
        Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, v: JsValue| {
            match v.as_f64() {
                Some(n) if n.is_nan() => JsValue::from_str("NaN"),
                Some(n) if n.is_infinite() => {
                    JsValue::from_str(if n > 0.0 { "Infinity" } else { "-Infinity" })
                }
                _ if v.is_bigint() => JsValue::from_str(&String::from(
                    js_sys::BigInt::unchecked_from_js(v)
                        .to_string(10)
                        .unwrap_or_else(|_| "BigInt".into()),
                )),
                _ => v,
            }
        });
    let text = JSON::stringify_with_replacer(value, replacer.as_ref()).ok()?;
    text.as_string()
}
