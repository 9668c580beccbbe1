//! Rust values into plain JS objects, the same shape `serde_json` gives the CLI.
//!
//! The serializer writes maps as plain objects (serde-wasm-bindgen's default is a JS `Map`, which
//! `JSON.stringify` and `report.totals.cod_t` cannot read) and `None` as `null` (its default is
//! `undefined`, a key the CLI's JSON has as `null`). f64s go over as they are: no rounding.

use crate::errors::JsError;
use crate::overlaps;
use jianpai_core::report::CheckWarning;
use jianpai_core::{Error, Report};
use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// What `versions()` returns.
#[derive(Serialize)]
pub struct Versions<'a> {
    pub format: &'a str,
    pub factor_library: &'a str,
    pub module: &'a str,
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true)
}

/// `value` as a plain JS object; should serializing ever fail, a typed error object instead of a
/// throw (the engine's types hold nothing serde-wasm-bindgen rejects, so this is a last resort).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serializer())
        .unwrap_or_else(|e| internal(&e.to_string()))
}

/// `{ok: true, <key>: value}`.
pub fn ok_with<T: Serialize>(key: &str, value: &T) -> JsValue {
    let obj = Object::new();
    set(&obj, "ok", &JsValue::TRUE);
    set(&obj, key, &to_js(value));
    obj.into()
}

/// `{ok: true, report}`: the report written as JSON text by serde_json (the CLI's writer, so the
/// same keys, order and numbers: an f64 printed shortest reads back as the same f64) and read by
/// the JS engine's `JSON.parse`. Without `trails`, the report was computed without them (every
/// `trail` empty) and each project's `trail` key is left out.
///
/// The double-counting pairs are not in the text: each pair's messages are its rule's wording
/// with two project ids and a place, so the pairs go over as numbers (rule, the two projects'
/// positions in `projects`, which is named first, the place) with the wordings and places once,
/// and JavaScript builds each pair's object, joining the same pieces in the same order
/// ([`overlaps`]): the same strings, the same key order. A register with one enterprise's
/// projects by the hundred has tens of thousands of pairs, which as text were most of the report
/// without trails (docs/performance.md, issue 20).
pub fn report(mut report: Report, trails: bool) -> JsValue {
    // A pair whose project is not in the list (never: both are projects of the file) leaves the
    // pairs in the text.
    let compact = overlaps::compact(&report, &report.overlaps);
    let pairs = match compact {
        Some(_) => std::mem::take(&mut report.overlaps),
        None => Vec::new(),
    };
    let review = match compact {
        Some(_) => report.review.take(),
        None => None,
    };
    let text = match report_text(&report, &pairs, review.as_ref()) {
        Ok(text) => text,
        Err(e) => return internal(&e.to_string()),
    };
    let text = match trails {
        true => text,
        false => without_trails(text, report.projects.len()),
    };
    let value = match JSON::parse(&text) {
        Ok(value) => value,
        Err(_) => return internal("the report's JSON text did not parse"),
    };
    if let Some((meta, numbers)) = compact.filter(|_| !pairs.is_empty()) {
        overlaps::attach(&value, &JsValue::from_str(&meta), &numbers[..]);
    }
    let obj = Object::new();
    set(&obj, "ok", &JsValue::TRUE);
    set(&obj, "report", &value);
    obj.into()
}

/// The report's compact JSON text, with `"overlaps":0` where the pairs' list stands (after
/// `bulletin`, before `review`) when there are any: JavaScript puts the list there, so the key keeps
/// its place. `report` has neither its pairs nor its review (both given here).
fn report_text(
    report: &Report,
    pairs: &[jianpai_core::overlap::Overlap],
    review: Option<&jianpai_core::report::ReviewSummary>,
) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string(report)?;
    if pairs.is_empty() && review.is_none() {
        return Ok(text);
    }
    // The text is an object: its last byte is the closing brace.
    text.pop();
    if !pairs.is_empty() {
        text.push_str(",\"overlaps\":0");
    }
    if let Some(review) = review {
        text.push_str(",\"review\":");
        text.push_str(&serde_json::to_string(review)?);
    }
    text.push('}');
    Ok(text)
}

/// The members `,"trail":[]` taken out of a report's compact JSON text. That sequence is always a
/// project's empty `trail` member: its quote follows a comma, so it opens a string (a quote inside
/// a string is written `\"`), and the string `trail` followed by `:` is a key; only a project has
/// that key, never first. Taken out only if there is exactly one per project; otherwise the text
/// is left as it is (the trails then show as empty lists: nothing else changes).
fn without_trails(text: String, projects: usize) -> String {
    const MEMBER: &str = ",\"trail\":[]";
    if text.matches(MEMBER).count() == projects {
        text.replace(MEMBER, "")
    } else {
        text
    }
}

/// `{ok: false, errors}`.
pub fn failed(errors: &[Error]) -> JsValue {
    let obj = Object::new();
    set(&obj, "ok", &JsValue::FALSE);
    set(&obj, "errors", &errors_js(errors));
    obj.into()
}

/// `{ok, errors, warnings}` of a check: when the file computes, the warnings `jianpai check`
/// lists (every project's, then each possible double counting).
pub fn check(result: Result<Report, Vec<Error>>) -> JsValue {
    let obj = Object::new();
    let (errors, warnings): (&[Error], Vec<CheckWarning>) = match &result {
        Ok(report) => (&[], report.check_warnings()),
        Err(errors) => (errors, Vec::new()),
    };
    set(&obj, "ok", &JsValue::from_bool(errors.is_empty()));
    set(&obj, "errors", &errors_js(errors));
    set(&obj, "warnings", &to_js(&warnings));
    obj.into()
}

fn errors_js(errors: &[Error]) -> JsValue {
    let list: Vec<JsError> = errors.iter().map(JsError::from).collect();
    to_js(&list)
}

/// A one-error result built by hand, so that it cannot fail itself.
fn internal(detail: &str) -> JsValue {
    let err = Object::new();
    set(&err, "project", &JsValue::NULL);
    set(&err, "field", &JsValue::NULL);
    set(&err, "label", &JsValue::NULL);
    let kind = Object::new();
    set(&kind, "code", &JsValue::from_str("internal"));
    set(&kind, "detail", &JsValue::from_str(detail));
    set(&err, "kind", &kind);
    set(
        &err,
        "message_zh",
        &JsValue::from_str(&format!("内部错误：{detail}")),
    );
    set(
        &err,
        "message_en",
        &JsValue::from_str(&format!("internal error: {detail}")),
    );
    let obj = Object::new();
    set(&obj, "ok", &JsValue::FALSE);
    set(&obj, "errors", &Array::of1(&err));
    obj.into()
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property of a fresh plain object cannot fail; nothing to report if it did.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}
