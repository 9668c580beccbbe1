//! Jianpai's engine as a JavaScript module (browser ES module and Node CommonJS): `compute`,
//! `check`, `factors`, `schema` and `reportHtml` take and return plain JS objects.
//!
//! Every function returns a value and never throws: problems with the input come back as typed
//! error objects (`{project, field, label, kind, message_zh, message_en}`), the same errors the CLI
//! prints. The numbers are the engine's f64s handed over unchanged, so they equal the CLI's JSON.
//! The TypeScript definitions of every input and output are in [`types`].

mod errors;
mod input;
mod output;
mod overlaps;
mod schema;
mod tape;
mod types;

use jianpai_core::report::compute_numbers;
use jianpai_core::{compute as compute_file, FactorLibrary};
use wasm_bindgen::prelude::*;

/// Computes a project file: `{ok: true, report}` with the report `jianpai report FILE` prints
/// as JSON, or `{ok: false, errors}`. `options`: `{trails: false}` computes without the
/// projects' trails (`compute_numbers`) and leaves each project's `trail` key out of the report;
/// every other key and number is the same. Anything else (or no options) keeps the trails.
///
/// The report crosses into JavaScript as a tape (`tape.rs`): numbers, each distinct string once
/// and each object's keys once, built into the object `JSON.parse` of the CLI's JSON text gives
/// (the same keys in the same order, the same numbers); for 10,000 projects with trails about half
/// the time of that text read by `JSON.parse` (docs/performance.md). A trail's inputs and
/// coefficient uses are frozen objects, equal ones one object in every trail that holds them
/// (`output::SHARED`); every other object and list is the caller's own.
#[wasm_bindgen(unchecked_return_type = "ComputeResult")]
pub fn compute(
    #[wasm_bindgen(unchecked_param_type = "FileInput")] file: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ComputeOptions")] options: Option<JsValue>,
) -> JsValue {
    let trails = options
        .and_then(|o| js_sys::Reflect::get(&o, &"trails".into()).ok())
        .and_then(|v| v.as_bool())
        != Some(false);
    let result = input::read(&file).and_then(|valid| match trails {
        true => compute_file(&valid),
        false => compute_numbers(&valid),
    });
    match result {
        Ok(report) => output::report(report, trails),
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

/// The printable document of a project file as one self-contained HTML page, as `jianpai report
/// FILE --format html` writes it: the estimate for a file of one project, else the county report.
/// `options`: `{lang: "zh" | "en" (default "zh"), date: "YYYY-MM-DD" (default today), checklist:
/// boolean}`. `{ok: true, html}` or `{ok: false, errors}` (a file that does not check).
#[wasm_bindgen(js_name = reportHtml, unchecked_return_type = "ReportHtmlResult")]
pub fn report_html(
    #[wasm_bindgen(unchecked_param_type = "FileInput")] file: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportHtmlOptions | undefined")] options: JsValue,
) -> JsValue {
    use jianpai_core::doc;
    use jianpai_core::register::Register;
    let option = |name: &str| js_sys::Reflect::get(&options, &name.into()).ok();
    let lang = match option("lang").and_then(|v| v.as_string()).as_deref() {
        Some("en") => jianpai_core::Lang::En,
        _ => jianpai_core::Lang::Zh,
    };
    let date = option("date")
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| {
            let d = js_sys::Date::new_0();
            format!(
                "{:04}-{:02}-{:02}",
                d.get_full_year(),
                d.get_month() + 1,
                d.get_date()
            )
        });
    let checklist = option("checklist")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let result = input::bytes(&file).and_then(|bytes| {
        jianpai_core::stream::load_bytes(&bytes)?;
        Register::from_bytes(&bytes)
    });
    match result {
        Ok(register) => {
            let computed = register.compute();
            let o = doc::Options {
                lang,
                date,
                checklist,
            };
            let document = if register.projects.len() == 1 {
                doc::estimate(&register, &computed, &o)
            } else {
                doc::county(&register, &computed, &o)
            };
            output::ok_with("html", &doc::html::standalone(&document))
        }
        Err(errors) => output::failed(&errors),
    }
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
