//! Rust values into plain JS objects, the same shape `serde_json` gives the CLI.
//!
//! The serializer writes maps as plain objects (serde-wasm-bindgen's default is a JS `Map`, which
//! `JSON.stringify` and `report.totals.cod_t` cannot read) and `None` as `null` (its default is
//! `undefined`, a key the CLI's JSON has as `null`). f64s go over as they are: no rounding.

use crate::errors::JsError;
use crate::overlaps;
use crate::tape::{self, Tape};
use jianpai_core::report::CheckWarning;
use jianpai_core::{Error, Report};
use js_sys::{Array, Object, Reflect};
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

/// `{ok: true, report}`: the report as [`tape`] hands it over, the object `JSON.parse` of the
/// CLI's JSON text gives (the same keys, order and numbers) built in JavaScript from numbers and
/// each distinct string once. Without `trails`, the report was computed without them (every
/// `trail` empty) and each project's `trail` key is left out.
///
/// The double-counting pairs are not on the tape: each pair's messages are its rule's wording
/// with two project ids and a place, so the pairs go over as numbers (rule, the two projects'
/// positions in `projects`, which is named first, the place) with the wordings and places once,
/// and JavaScript builds each pair's object, joining the same pieces in the same order
/// ([`overlaps`]): the same strings, the same key order. A register with one enterprise's
/// projects by the hundred has tens of thousands of pairs, each with two messages of its own
/// (docs/performance.md, issue 20).
pub fn report(mut report: Report, trails: bool) -> JsValue {
    // A pair whose project is not in the list (never: both are projects of the file) leaves the
    // pairs on the tape.
    let compact = overlaps::compact(&report, &report.overlaps);
    let pairs = match compact {
        Some(_) => std::mem::take(&mut report.overlaps),
        None => Vec::new(),
    };
    let review = match compact {
        Some(_) => report.review.take(),
        None => None,
    };
    let skip = match trails {
        true => None,
        false => Some(("ProjectResult", "trail")),
    };
    let value = match report_tape(&report, &pairs, review.as_ref(), skip) {
        Ok(tape) => tape.to_js(),
        Err(e) => return internal(&e.to_string()),
    };
    if let Some((meta, numbers)) = compact.filter(|_| !pairs.is_empty()) {
        overlaps::attach(&value, &JsValue::from_str(&meta), &numbers[..]);
    }
    let obj = Object::new();
    set(&obj, "ok", &JsValue::TRUE);
    set(&obj, "report", &value);
    obj.into()
}

/// The report with `overlaps: 0` where the pairs' list stands (after `bulletin`, before
/// `review`) when there are any: JavaScript puts the list there, so the key keeps its place.
/// `report` has neither its pairs nor its review (both given here).
#[derive(Serialize)]
struct Handed<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    overlaps: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<&'a jianpai_core::report::ReviewSummary>,
}

fn report_tape(
    report: &Report,
    pairs: &[jianpai_core::overlap::Overlap],
    review: Option<&jianpai_core::report::ReviewSummary>,
    skip: tape::Skip,
) -> Result<Tape, tape::Error> {
    if pairs.is_empty() && review.is_none() {
        return Tape::shared(report, skip, SHARED);
    }
    let handed = Handed {
        report,
        overlaps: (!pairs.is_empty()).then_some(0),
        review,
    };
    Tape::shared(&handed, skip, SHARED)
}

/// The lists of a trail whose equal elements are one frozen object: each input (its field, label,
/// value and unit) and each coefficient used (the library entry, as the CLI writes it into every
/// trail that cites it). 10,000 projects' trails hold 115,649 inputs of 163 distinct values and
/// 16,963 coefficients of 19 (bench/run.mjs's register; docs/performance.md, "the JS module's tape,
/// shared subtrees").
const SHARED: tape::Share = &[("TrailEntry", "inputs"), ("TrailEntry", "factors")];

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
