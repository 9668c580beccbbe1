//! The error objects handed to JavaScript: where (project, field, the field's label), what
//! (`kind`, with a `code`), and the message in both languages, as the CLI prints it. A check's
//! warnings are the engine's own (`Report::check_warnings`, serialized as they are).

use jianpai_core::field::ListItem;
use jianpai_core::{Error, ErrorKind, Label, Lang};
use serde::Serialize;

/// One input error (TypeScript: `JianpaiError`).
#[derive(Serialize)]
pub struct JsError<'a> {
    pub project: Option<&'a str>,
    pub field: Option<&'a str>,
    pub label: Option<Label>,
    /// The entry of a list field the field belongs to (`{list, number}`, number from 1); left
    /// out for any other field, so errors keep the keys they always had.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<ListItem>,
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
            item: e.item,
            kind: &e.kind,
            message_zh: e.message(Lang::Zh),
            message_en: e.message(Lang::En),
        }
    }
}
