//! Helpers shared by the integration tests: building a one-project file and reading results.
#![allow(dead_code)]

use jianpai_core::{compute, load, ProjectResult, Report};
use serde_json::{json, Value};

/// A file with the given settings, file-level overrides and projects (as JSON values).
pub fn file(settings: Value, overrides: Value, projects: Vec<Value>) -> String {
    json!({ "format": "jianpai/1", "year": 2026, "settings": settings, "overrides": overrides, "projects": projects })
        .to_string()
}

/// One project with id `p` and the given measure (and optional start month).
pub fn project(measure: Value, start_month: Option<u32>) -> Value {
    let mut p = json!({ "id": "p", "name": "test", "measure": measure });
    if let Some(m) = start_month {
        p["start_month"] = json!(m);
    }
    p
}

/// Loads and computes, failing the test with the messages on error.
pub fn report(text: &str) -> Report {
    let file = load(text).unwrap_or_else(|e| panic!("load failed: {e:?}"));
    compute(&file).unwrap_or_else(|e| panic!("compute failed: {e:?}"))
}

/// The single project's result for a measure, default settings.
pub fn one(measure: Value) -> ProjectResult {
    let mut r = report(&file(json!({}), json!({}), vec![project(measure, None)]));
    r.projects.remove(0)
}

pub fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs().max(1.0)
}

#[track_caller]
pub fn assert_close(got: f64, want: f64, what: &str) {
    assert!(close(got, want), "{what}: got {got}, want {want}");
}
