//! A report's words the interactive components still draw themselves (the report's tables and
//! charts are the engine's document: `jianpai_core::doc`).

use crate::i18n::{msg, t, Lang, Msg, Text};
use jianpai_core::report::OverrideUse;

/// Where an override applies, in words: the whole file, or one project.
pub fn override_scope(o: &OverrideUse, l: Lang) -> String {
    match &o.project {
        None => t(l, Text::FileWide).to_owned(),
        Some(id) => msg(l, Msg::ProjectScope { id }),
    }
}
