//! The error and warning objects handed to JavaScript: where (project, field, the field's label),
//! what (`kind`, with a `code`), and the message in both languages, as the CLI prints it.

use jianpai_core::trail::Warning;
use jianpai_core::{Error, ErrorKind, Label, Lang, Report};
use serde::Serialize;

/// One input error (TypeScript: `JianpaiError`).
#[derive(Serialize)]
pub struct JsError<'a> {
    pub project: Option<&'a str>,
    pub field: Option<&'a str>,
    pub label: Option<Label>,
    /// `{code: "missing"}`, `{code: "out_of_range", value, min, max}`, …: the engine's kind.
    pub kind: &'a ErrorKind,
    pub message_zh: String,
    pub message_en: String,
}

impl<'a> From<&'a Error> for JsError<'a> {
    fn from(e: &'a Error) -> Self {
        JsError {
            project: e.project.as_deref(),
            field: e.field.as_deref(),
            label: e.label,
            kind: &e.kind,
            message_zh: e.message(Lang::Zh),
            message_en: e.message(Lang::En),
        }
    }
}

/// One warning of a check, naming its project (TypeScript: `JianpaiWarning`).
#[derive(Serialize)]
pub struct JsWarning<'a> {
    pub project: &'a str,
    /// `code`, `field`, `message_zh`, `message_en`, as in the report's project warnings.
    #[serde(flatten)]
    pub warning: &'a Warning,
}

impl<'a> JsWarning<'a> {
    /// Every warning of every project, in project order.
    pub fn of_report(report: &'a Report) -> Vec<Self> {
        report
            .projects
            .iter()
            .flat_map(|p| {
                p.warnings.iter().map(move |w| JsWarning {
                    project: &p.id,
                    warning: w,
                })
            })
            .collect()
    }
}
