//! Autosave of the open register: every change is written to this browser within [`DELAY`], a
//! reload brings it back, a failing storage is reported (the app keeps working in memory), and a
//! save by another tab stops this tab from writing until the user chooses whose version to keep.

use crate::persist::{self, Restored, SaveMeta};
use crate::platform::{self, StorageError};
use crate::workspace::{Doc, Workspace};
use leptos::prelude::*;
use reactive_stores::Field;
use std::time::Duration;

/// The longest a change waits before it is saved. Saves are not pushed back by further changes
/// (typing never postpones them), and a burst of changes is one save.
pub const DELAY: Duration = Duration::from_millis(300);
/// How often a failing storage is tried again while nothing changes, so that the banner goes
/// away once it works again.
const RETRY: Duration = Duration::from_secs(5);

/// What the app starts from: the saved register, else the sample.
pub struct Boot {
    pub doc: Doc,
    seen: u64,
    /// The text of a damaged save, not yet kept under a backup key.
    damaged: Option<String>,
}

/// Reads the save of this browser (without writing anything yet).
pub fn boot() -> Boot {
    match persist::saved_register() {
        Restored::Saved(doc, meta) => Boot {
            doc,
            seen: meta.revision,
            damaged: None,
        },
        Restored::Nothing => Boot {
            doc: Doc::sample(),
            seen: 0,
            damaged: None,
        },
        Restored::Damaged(text) => Boot {
            doc: Doc::sample(),
            seen: persist::meta_of(&text).map_or(0, |m| m.revision),
            damaged: Some(text),
        },
    }
}

/// This tab's bookkeeping (not reactive: only the banners are).
struct Inner {
    tab: String,
    /// The revision of the save this tab last read or wrote.
    seen: u64,
    /// What this tab last saved or loaded (nothing is written while the register equals it).
    saved: Option<Doc>,
    /// A damaged save still to be kept under a backup key before anything overwrites it.
    backup: Option<String>,
    timer: bool,
    retry: bool,
}

/// The autosave's state as the banners show it, and the user's choices.
#[derive(Clone, Copy)]
pub struct Autosave {
    workspace: Field<Workspace>,
    inner: StoredValue<Inner>,
    /// Why the last save failed, while it keeps failing.
    pub failure: RwSignal<Option<StorageError>>,
    /// The backup key a damaged save was kept under (until the user dismisses the notice).
    pub damaged: RwSignal<Option<String>>,
    /// Another tab saved the same register; this tab does not write until the user chooses.
    pub conflict: RwSignal<bool>,
}

impl Autosave {
    /// Starts saving `workspace`, which was made from `boot.doc`.
    pub fn start(workspace: Field<Workspace>, boot: Boot) -> Autosave {
        let a = Autosave {
            workspace,
            inner: StoredValue::new(Inner {
                tab: platform::random_id(),
                seen: boot.seen,
                saved: Some(boot.doc),
                backup: boot.damaged,
                timer: false,
                retry: false,
            }),
            failure: RwSignal::new(None),
            damaged: RwSignal::new(None),
            conflict: RwSignal::new(false),
        };
        // A damaged save is put aside at once, before anything can overwrite it.
        a.keep_backup();
        Effect::new(move |_| {
            workspace.track();
            a.schedule();
        });
        let storage = platform::on_storage_change(persist::REGISTER_KEY, move |value| {
            let theirs = value.as_deref().and_then(persist::meta_of);
            if theirs.is_some_and(|m| a.is_other(&m)) {
                a.conflict.set(true);
            }
        });
        // Closing or reloading within DELAY of a change still keeps it.
        let hide = platform::on_page_hide(move || a.save_now());
        // Changes that could not be saved (storage failing, or held back for another tab) are
        // only in this page: leaving it asks first.
        let leave = platform::warn_before_unload(move || a.unsaved());
        on_cleanup(move || {
            storage.remove();
            hide.remove();
            leave.remove();
        });
        a
    }

    /// Whether this page holds changes that are not saved in this browser.
    fn unsaved(self) -> bool {
        self.save_now();
        self.workspace
            .try_with_untracked(|w| {
                self.inner
                    .with_value(|i| !i.saved.as_ref().is_some_and(|s| s.same_as(&w.doc)))
            })
            .unwrap_or(false)
    }

    /// A save this tab has not seen, by another tab.
    fn is_other(&self, theirs: &SaveMeta) -> bool {
        self.inner
            .with_value(|i| theirs.tab != i.tab && theirs.revision > i.seen)
    }

    /// Saves after DELAY unless a save is already waiting (it will take this change too).
    fn schedule(self) {
        let waiting = self
            .inner
            .try_update_value(|i| std::mem::replace(&mut i.timer, true));
        if waiting == Some(false) {
            platform::after(DELAY, move || {
                self.inner.update_value(|i| i.timer = false);
                self.save_now();
            });
        }
    }

    /// Puts a damaged save under a backup key; false while that cannot be written.
    fn keep_backup(self) -> bool {
        let Some(text) = self.inner.with_value(|i| i.backup.clone()) else {
            return true;
        };
        match persist::keep_damaged(&text) {
            Ok(key) => {
                self.inner.update_value(|i| i.backup = None);
                self.damaged.set(Some(key));
                true
            }
            Err(e) => {
                self.failed(e);
                false
            }
        }
    }

    /// Writes the register now if it changed since the last save and no other tab's save would
    /// be overwritten unseen.
    pub fn save_now(self) {
        if self.conflict.get_untracked() || !self.keep_backup() {
            return;
        }
        let Some(doc) = self.workspace.try_with_untracked(|w| w.doc.clone()) else {
            return;
        };
        // Compared by pointer: ten thousand projects cost no deep comparison per save.
        let unchanged = self
            .inner
            .with_value(|i| i.saved.as_ref().is_some_and(|s| s.same_as(&doc)));
        if unchanged && self.failure.get_untracked().is_none() {
            return;
        }
        // The storage event may not have arrived yet: look at the save itself.
        let stored = persist::saved_register_meta();
        if stored.as_ref().is_some_and(|m| self.is_other(m)) {
            self.conflict.set(true);
            return;
        }
        let (tab, seen) = self.inner.with_value(|i| (i.tab.clone(), i.seen));
        let meta = SaveMeta {
            revision: seen.max(stored.map_or(0, |m| m.revision)) + 1,
            tab,
            time: platform::now_ms(),
        };
        match persist::save_register(&doc, &meta) {
            Ok(()) => {
                self.inner.update_value(|i| {
                    i.seen = meta.revision;
                    i.saved = Some(doc);
                });
                if self.failure.get_untracked().is_some() {
                    self.failure.set(None);
                }
            }
            Err(e) => self.failed(e),
        }
    }

    /// Reports a failed write and tries again later (one retry waiting at a time).
    fn failed(self, e: StorageError) {
        if self.failure.get_untracked() != Some(e) {
            self.failure.set(Some(e));
        }
        let waiting = self
            .inner
            .try_update_value(|i| std::mem::replace(&mut i.retry, true));
        if waiting == Some(false) {
            platform::after(RETRY, move || {
                self.inner.update_value(|i| i.retry = false);
                self.save_now();
            });
        }
    }

    /// Replaces this tab's register with the other tab's save (undoable) and saves on from there.
    pub fn load_other(self) {
        match persist::saved_register() {
            Restored::Saved(doc, meta) => {
                self.inner.update_value(|i| {
                    i.seen = meta.revision;
                    i.saved = Some(doc.clone());
                });
                self.conflict.set(false);
                self.workspace.update(|w| w.replace(doc));
            }
            // Nothing readable to load: this tab's register stays and is saved.
            Restored::Damaged(text) => {
                self.inner.update_value(|i| i.backup = Some(text));
                self.keep_mine();
            }
            Restored::Nothing => self.keep_mine(),
        }
    }

    /// Saves this tab's register over the other tab's save.
    pub fn keep_mine(self) {
        let stored = persist::saved_register_meta().map_or(0, |m| m.revision);
        self.inner.update_value(|i| {
            i.seen = i.seen.max(stored);
            i.saved = None;
        });
        self.conflict.set(false);
        self.save_now();
    }

    /// The register as the file bar saves it, to keep it when this browser cannot.
    pub fn doc(self) -> Option<Doc> {
        self.workspace.try_with_untracked(|w| w.doc.clone())
    }
}
