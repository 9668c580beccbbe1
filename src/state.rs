//! The app's state: one store, [`AppState`], holding the open register (with its history), the
//! estimate form and which register project the editor edits. Components get narrow handles
//! (store fields) to the parts they show or edit; the form model is in `form`, what this browser
//! remembers of it in `persist`. The editor's form is not kept here: it is derived from the
//! project it edits (`form::Estimate::from_entry`).

use crate::form::Estimate;
use crate::workspace::Workspace;
use jianpai_core::register::EntryKey;
use reactive_stores::Store;

/// Everything the user works on; the app shell owns the one store of it.
#[derive(Store, Clone, Debug, PartialEq)]
pub struct AppState {
    /// The open register (the project file being built) and its undo history.
    pub workspace: Workspace,
    /// The single-project estimate form.
    pub estimate: Estimate,
    /// Which register project the editor edits, by key, if any.
    pub editing: Option<EntryKey>,
}
