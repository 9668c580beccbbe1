//! Jianpai's engine as a JavaScript module (browser ES module and Node CommonJS): `compute`,
//! `check`, `factors` and `schema` take and return plain JS objects.
//!
//! Every function returns a value and never throws: problems with the input come back as typed
//! error objects (`{project, field, label, kind, message_zh, message_en}`), the same errors the CLI
//! prints. The numbers are the engine's f64s handed over unchanged, so they equal the CLI's JSON.
//! The TypeScript definitions of every input and output are in [`types`].

mod errors;
mod input;
mod output;
mod schema;
mod types;

use jianpai_core::report::compute_numbers;
use jianpai_core::{compute as compute_file, FactorLibrary};
use wasm_bindgen::prelude::*;

/// Computes a project file: `{ok: true, report}` with the report `jianpai report FILE` prints
/// as JSON, or `{ok: false, errors}`.
#[wasm_bindgen(unchecked_return_type = "ComputeResult")]
pub fn compute(#[wasm_bindgen(unchecked_param_type = "FileInput")] file: JsValue) -> JsValue {
    let result = input::read(&file).and_then(|valid| compute_file(&valid));
    match result {
        Ok(report) => output::ok_with("report", &report),
        Err(errors) => output::failed(&errors),
    }
}

/// Checks a project file as `jianpai check FILE` does: `{ok, errors, warnings}`, the warnings
/// being the same list (the engine's `Report::check_warnings`): every project's, each naming its
/// project, then each possible double counting (code `double_counting`, both ids in `projects`).
/// Computed without trails (a check shows none): the same errors and warnings.
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn check(#[wasm_bindgen(unchecked_param_type = "FileInput")] file: JsValue) -> JsValue {
    let result = input::read(&file).and_then(|valid| compute_numbers(&valid));
    output::check(result)
}

/// The built-in factor library (version and every factor with its source, citation and status), as
/// `jianpai factors` prints it.
#[wasm_bindgen(unchecked_return_type = "FactorLibrary")]
pub fn factors() -> JsValue {
    output::to_js(FactorLibrary::builtin())
}

/// Every measure type with its declared input fields (path, kind, unit, default, limits, labels,
/// choice options), in form order.
#[wasm_bindgen(unchecked_return_type = "Schema")]
pub fn schema() -> JsValue {
    output::to_js(&schema::Schema::build())
}

/// The version of the `jianpai/1` file format this module reads and of the factor library.
#[wasm_bindgen(unchecked_return_type = "Versions")]
pub fn versions() -> JsValue {
    output::to_js(&output::Versions {
        format: jianpai_core::file::FORMAT,
        factor_library: &FactorLibrary::builtin().version,
        module: env!("CARGO_PKG_VERSION"),
    })
}
