//! The report's double-counting pairs handed to JavaScript as numbers and built there
//! ([`crate::output::report`]): the engine's wordings ([`overlap::template`]) and places once, then
//! five numbers per pair. JavaScript joins the same pieces in the same order as
//! [`jianpai_core::overlap`] does, so each pair's object is the one `JSON.parse` of the CLI's text
//! gives: `{rule, projects: [id, id], message_zh, message_en}` (`tests/js/handoff.test.mjs`).

use jianpai_core::overlap::{self, Overlap, OverlapRule, Piece};
use jianpai_core::{Lang, Report};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
function fill(pieces, a, b, place) {
  let s = '';
  for (const p of pieces) s += p === 0 ? a : p === 1 ? b : p === 2 ? place : p;
  return s;
}
export function attach_overlaps(report, metaText, pairs) {
  const meta = JSON.parse(metaText);
  const projects = report.projects;
  const n = pairs.length / 5;
  const out = new Array(n);
  for (let k = 0; k < n; k++) {
    const o = k * 5;
    const rule = meta.rules[pairs[o]];
    const first = projects[pairs[o + 1]].id;
    const second = projects[pairs[o + 2]].id;
    const swapped = pairs[o + 3] === 1;
    const x = swapped ? second : first;
    const y = swapped ? first : second;
    const place = meta.places[pairs[o + 4]];
    out[k] = {
      rule: rule.name,
      projects: [first, second],
      message_zh: fill(rule.zh, x, y, place[0]),
      message_en: fill(rule.en, x, y, place[1]),
    };
  }
  report.overlaps = out;
}
"#)]
extern "C" {
    /// Builds `report.overlaps` from [`compact`]'s two parts (the key is already in its place).
    #[wasm_bindgen(js_name = attach_overlaps)]
    fn attach_overlaps(report: &JsValue, meta: &JsValue, pairs: &[u32]);
}

pub fn attach(report: &JsValue, meta: &JsValue, pairs: &[u32]) {
    attach_overlaps(report, meta, pairs);
}

const RULES: [OverlapRule; 5] = [
    OverlapRule::SameCoal,
    OverlapRule::ClosureAndTreatment,
    OverlapRule::ReusedEffluent,
    OverlapRule::SubstitutionAndTreatment,
    OverlapRule::SameType,
];

/// A template as JSON: texts as strings, slots as the numbers 0, 1 and 2.
fn pieces(rule: OverlapRule, lang: Lang) -> Value {
    overlap::template(rule, lang)
        .iter()
        .map(|p| match *p {
            Piece::Text(t) => json!(t),
            Piece::Slot(i) => json!(i),
        })
        .collect()
}

/// The pairs as `(meta, numbers)`: `meta` the JSON text `{rules: [{name, zh, en}], places:
/// [[zh, en]]}`, `numbers` five per pair: the rule's index in `rules`, the positions of its two
/// projects in `report.projects`, 1 when the messages name the second first (else 0), the place's
/// index in `places`.
/// `None` when a pair names a project that is not in the list.
pub fn compact(report: &Report, pairs: &[Overlap]) -> Option<(String, Vec<u32>)> {
    if pairs.is_empty() {
        return Some((String::new(), Vec::new()));
    }
    let rules: Vec<Value> = RULES
        .iter()
        .map(|&r| json!({ "name": r, "zh": pieces(r, Lang::Zh), "en": pieces(r, Lang::En) }))
        .collect();
    let position: HashMap<&str, u32> = report
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| (&*p.id, i as u32))
        .collect();
    let mut places: Vec<Value> = Vec::new();
    let mut place_index: HashMap<*const overlap::Place, u32> = HashMap::new();
    let mut numbers = Vec::with_capacity(pairs.len() * 5);
    for o in pairs {
        let place = *place_index.entry(Arc::as_ptr(&o.place)).or_insert_with(|| {
            places.push(json!([o.place.zh, o.place.en]));
            places.len() as u32 - 1
        });
        numbers.extend([
            RULES.iter().position(|&r| r == o.rule).unwrap_or(0) as u32,
            *position.get(o.projects[0].as_str())?,
            *position.get(o.projects[1].as_str())?,
            u32::from(o.named[0] == 1),
            place,
        ]);
    }
    let meta = json!({ "rules": rules, "places": places }).to_string();
    Some((meta, numbers))
}
