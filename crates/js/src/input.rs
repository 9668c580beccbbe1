//! Reading the caller's `file` argument: a JSON string, the file's bytes, or a plain JS object.
//!
//! A JS object is turned into JSON text with the page's own `JSON.stringify` and then read by the
//! same `load_bytes` the CLI reads a file with, so a file passed as an object, as text or as bytes
//! gives the CLI's errors and numbers. `JSON.stringify` (rather than serde-wasm-bindgen's
//! deserializer) because it detects a cyclic object instead of recursing until the wasm stack
//! overflows, and drops `undefined` as a saved file would.

use jianpai_core::{Error, ErrorKind, ProjectFile, Valid};
use js_sys::{ArrayBuffer, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

/// The file as the engine reads it, or every problem with it: read one project at a time as the
/// CLI reads it (`stream::load_bytes`: the same result and errors as `load_bytes`, without the whole
/// file's JSON tree built first and dropped after). A text (given, or an object's JSON) is UTF-8
/// already, so `stream::load_str` reads it without checking its bytes again.
pub fn read(file: &JsValue) -> Result<Valid<ProjectFile>, Vec<Error>> {
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
