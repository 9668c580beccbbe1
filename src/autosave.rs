//! Autosave of the open register: every change is written to this browser within [`DELAY`] and
//! the next painted frame (at most 2 × DELAY; at once when the page is hidden or left), a
//! reload brings it back (with its undo steps since another file replaced it, bounded by
//! `persist::KEPT_STEPS` and `KEPT_CHARS`), a failing storage is reported (the app keeps working
//! in memory), and a save by another tab stops this tab from writing until the user chooses
//! whose version to keep. The estimate form is saved by the same rules ([`FormAutosave`]).

use crate::form::Estimate;
use crate::persist::{self, Restored, SaveMeta};
use crate::platform::{self, StorageError};
use crate::workspace::{Doc, Workspace};
use leptos::prelude::*;
use reactive_stores::Field;
use std::time::Duration;

/// How long a change waits before it is saved (then the save waits for the next frame to be
/// painted, at most DELAY more: `platform::after_paint`). Saves are not pushed back by further changes
/// (typing never postpones them), and a burst of changes is one save.
pub const DELAY: Duration = Duration::from_millis(300);
/// How often a failing storage is tried again while nothing changes, so that the banner goes
/// away once it works again.
const RETRY: Duration = Duration::from_secs(5);

/// What the app starts from: the saved register, else the sample.
pub struct Boot {
    pub doc: Doc,
    /// The undo steps kept with the save (oldest first; none when there is no save).
    pub history: Vec<Doc>,
    seen: Seen,
    /// The text of a damaged save, not yet kept under a backup key.
    damaged: Option<String>,
    /// The id of the open register in this browser's list (`persist::REGISTERS_KEY`).
    pub register: String,
}

/// Reads the save of this browser (without writing anything but the list of registers, made from
/// the save on the first load of a version that has the list: `persist::migrate`).
pub fn boot() -> Boot {
    let mut boot = match persist::saved_register() {
        Restored::Saved(doc, meta) => Boot {
            doc,
            history: persist::saved_history(&meta),
            seen: Seen::of(&meta),
            damaged: None,
            register: meta.register.clone(),
        },
        Restored::Nothing => Boot {
            doc: Doc::sample(),
            history: Vec::new(),
            seen: Seen::default(),
            damaged: None,
            register: String::new(),
        },
        Restored::Damaged(text) => Boot {
            doc: Doc::sample(),
            history: Vec::new(),
            seen: persist::meta_of(&text).map_or_else(Seen::default, |m| Seen::of(&m)),
            damaged: Some(text),
            register: String::new(),
        },
    };
    let meta = persist::saved_register_meta().filter(|_| boot.damaged.is_none());
    boot.register = persist::migrate(&boot.doc, meta.as_ref());
    boot
}

/// Which save a tab last read or wrote: its writer (a tab id) and revision. A save with any other
/// identity was written by another tab since, even when its revision is the same (two tabs that
/// saw revision N and saved in the same instant both wrote N + 1).
#[derive(Clone, Debug, Default, PartialEq)]
struct Seen {
    tab: String,
    revision: u64,
}

impl Seen {
    fn of(meta: &SaveMeta) -> Seen {
        Seen {
            tab: meta.tab.clone(),
            revision: meta.revision,
        }
    }

    /// Whether `theirs` is a save other than this one.
    fn is_not(&self, theirs: &SaveMeta) -> bool {
        theirs.tab != self.tab || theirs.revision != self.revision
    }
}

/// Runs `f` after `delay` unless a run is already waiting on the same `flag` of `inner` (a burst
/// of changes is one save, a failing storage has one retry waiting).
fn once_after<T: Send + Sync + 'static>(
    inner: StoredValue<T>,
    flag: fn(&mut T) -> &mut bool,
    delay: Duration,
    f: impl FnOnce() + 'static,
) {
    let waiting = inner.try_update_value(|i| std::mem::replace(flag(i), true));
    if waiting == Some(false) {
        platform::after(delay, move || {
            inner.update_value(|i| *flag(i) = false);
            f();
        });
    }
}

/// Sets a failure banner's signal only when it changes (no redraw for the same failure).
fn report(failure: RwSignal<Option<StorageError>>, now: Option<StorageError>) {
    if failure.get_untracked() != now {
        failure.set(now);
    }
}

/// This tab's bookkeeping (not reactive: only the banners are).
struct Inner {
    tab: String,
    /// The open register's id in the list: what this tab's saves are tagged with.
    register: String,
    /// The time the next save carries instead of now (a register just opened from the list has
    /// not changed by being opened).
    time: Option<f64>,
    /// The save this tab last read or wrote.
    seen: Seen,
    /// What this tab last saved or loaded (nothing is written while the register equals it).
    saved: Option<Doc>,
    /// A damaged save still to be kept under a backup key before anything overwrites it.
    backup: Option<String>,
    /// The end of this tab's last save and its metadata ([`persist::register_tail`]): while the
    /// save in storage ends with it, its metadata is known without reading 4 MB back.
    written: Option<(String, SaveMeta)>,
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
                register: boot.register,
                time: None,
                seen: boot.seen,
                saved: Some(boot.doc),
                backup: boot.damaged,
                written: None,
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
        // Another tab wrote the save. What counts is the save now in storage, not the value the
        // event carries: of two writes in the same instant the later stays, and only the tab whose
        // write was replaced is told.
        // A save of another register of the list (another tab opened it) is no conflict: this
        // tab's next save keeps it under its own key first (`save_now`).
        let storage = platform::on_storage_change(persist::REGISTER_KEY, move |_| {
            let theirs = a.stored_meta();
            if theirs.is_some_and(|m| a.is_other(&m) && !a.is_other_register(&m)) {
                a.other_saved();
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

    /// A save this tab has not seen (not the one it last read or wrote): another tab's.
    fn is_other(&self, theirs: &SaveMeta) -> bool {
        self.inner.with_value(|i| i.seen.is_not(theirs))
    }

    /// A save of another register of the list than the one open here.
    fn is_other_register(&self, theirs: &SaveMeta) -> bool {
        !theirs.register.is_empty() && self.inner.with_value(|i| i.register != theirs.register)
    }

    /// The id of the register open in this tab.
    pub fn register_id(self) -> String {
        self.inner.with_value(|i| i.register.clone())
    }

    /// Another register of the list is now open here (already in the workspace): saved under
    /// `id` from now on. The one it replaced was kept by the caller (`persist::shelve`).
    /// `changed`: when it last changed (the time its first save here carries).
    pub fn switch_to(self, id: String, changed: f64) {
        self.inner.update_value(|i| {
            i.register = id;
            i.saved = None;
            i.time = Some(changed);
        });
        self.conflict.set(false);
        self.save_now();
    }

    /// The metadata this tab's next save of the open register would carry (to keep it under its
    /// own key before another register takes its place).
    pub fn meta_now(self) -> SaveMeta {
        self.inner.with_value(|i| SaveMeta {
            revision: i.seen.revision,
            tab: i.tab.clone(),
            time: platform::now_ms(),
            register: i.register.clone(),
        })
    }

    /// Another tab's save is in storage: this tab stops writing. If it replaced this tab's own
    /// save (two saves in the same instant), this tab's register is now kept nowhere else, and
    /// leaving the page asks first.
    fn other_saved(self) {
        self.inner.update_value(|i| {
            if i.seen.tab == i.tab {
                i.saved = None;
            }
        });
        self.conflict.set(true);
    }

    /// Saves after DELAY unless a save is already waiting (it will take this change too), once
    /// the next frame is painted: writing 10,000 projects never holds back an edit's paint (a
    /// page hidden or left first is saved then, `on_page_hide`).
    fn schedule(self) {
        once_after(
            self.inner,
            |i| &mut i.timer,
            DELAY,
            move || platform::after_paint(DELAY, move || self.save_now()),
        );
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

    /// The metadata of the register save in storage now (its end only, while it is this tab's
    /// last save: [`persist::saved_register_meta_after`]).
    fn stored_meta(self) -> Option<SaveMeta> {
        self.inner
            .try_with_value(|i| {
                persist::saved_register_meta_after(i.written.as_ref().map(|(t, m)| (t.as_str(), m)))
            })
            .flatten()
    }

    /// Writes the register now if it changed since the last save and no other tab's save would
    /// be overwritten unseen.
    pub fn save_now(self) {
        // A timer or event after the app was unmounted finds its signals gone: nothing to save.
        if self.conflict.try_get_untracked().unwrap_or(true) || !self.keep_backup() {
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
        let mut stored = self.stored_meta();
        // Another tab's save of another register: kept under that register's own key before
        // this one takes the autosave's place (not written over if that cannot be done).
        if let Some(m) = stored.as_ref().filter(|m| self.is_other_register(m)) {
            let kept = platform::load(persist::REGISTER_KEY)
                .map(|text| platform::try_save(&persist::shelf_key(&m.register), &text));
            if let Some(Err(e)) = kept {
                self.failed(e);
                return;
            }
            self.inner.update_value(|i| i.seen = Seen::of(m));
            stored = None;
        }
        if stored.as_ref().is_some_and(|m| self.is_other(m)) {
            self.other_saved();
            return;
        }
        let (tab, seen) = self.inner.with_value(|i| (i.tab.clone(), i.seen.revision));
        let meta = SaveMeta {
            revision: seen.max(stored.map_or(0, |m| m.revision)) + 1,
            tab,
            time: self
                .inner
                .try_update_value(|i| i.time.take())
                .flatten()
                .unwrap_or_else(platform::now_ms),
            register: self.inner.with_value(|i| i.register.clone()),
        };
        match persist::save_register(&doc, &meta) {
            Ok(chars) => {
                // The list says when each register last changed, and what it is.
                let mut list = persist::saved_registers();
                let at = list.iter().position(|r| r.id == meta.register);
                let clean = at.and_then(|i| list[i].clean());
                let info = persist::RegisterInfo::of(&meta.register, &doc, meta.time, None);
                match at {
                    Some(i) => {
                        list[i] = persist::RegisterInfo {
                            saved: list[i].saved,
                            hash: clean.map(|c| c.hash),
                            ..info
                        }
                    }
                    None => list.push(info),
                }
                let _ = persist::save_registers(&list);
                let tail = persist::register_tail(&doc, &meta);
                self.inner.update_value(|i| {
                    i.seen = Seen::of(&meta);
                    i.saved = Some(doc);
                    i.written = Some((tail, meta.clone()));
                });
                // The undo steps since another file replaced the register, beside the save.
                self.workspace.with_untracked(|w| {
                    persist::save_history(&meta, w.kept_undo(), chars);
                });
                report(self.failure, None);
            }
            Err(e) => self.failed(e),
        }
    }

    /// Reports a failed write and tries again later (one retry waiting at a time).
    fn failed(self, e: StorageError) {
        report(self.failure, Some(e));
        once_after(self.inner, |i| &mut i.retry, RETRY, move || self.save_now());
    }

    /// Replaces this tab's register with the other tab's save (undoable) and saves on from there.
    pub fn load_other(self) {
        match persist::saved_register() {
            Restored::Saved(doc, meta) => {
                self.inner.update_value(|i| {
                    i.seen = Seen::of(&meta);
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
        // Counting on from the save it overwrites: that save is now seen.
        let stored = self.stored_meta();
        self.inner.update_value(|i| {
            if let Some(m) = stored {
                i.seen = Seen::of(&m);
            }
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

/// The estimate form's save, by the register's rules: written within [`DELAY`] of a change (and
/// when the page is hidden), a failing storage reported and tried again every [`RETRY`], leaving
/// the page with unsaved changes asks first, and another tab's save of the form stops this tab
/// from writing it until the user chooses whose form to keep.
#[derive(Clone, Copy)]
pub struct FormAutosave {
    estimate: Field<Estimate>,
    inner: StoredValue<FormInner>,
    /// Why the last save of the form failed, while it keeps failing.
    pub failure: RwSignal<Option<StorageError>>,
    /// Another tab saved the form; this tab does not write it until the user chooses.
    pub conflict: RwSignal<bool>,
}

struct FormInner {
    tab: String,
    seen: Seen,
    /// What this tab last saved or loaded (None: write at the next save).
    saved: Option<Estimate>,
    timer: bool,
    retry: bool,
}

impl FormAutosave {
    /// Starts saving `estimate`, read from this browser's save `meta` (None: nothing was saved).
    pub fn start(estimate: Field<Estimate>, meta: Option<SaveMeta>) -> FormAutosave {
        let a = FormAutosave {
            estimate,
            inner: StoredValue::new(FormInner {
                tab: platform::random_id(),
                seen: meta.as_ref().map_or_else(Seen::default, Seen::of),
                saved: Some(estimate.get_untracked()),
                timer: false,
                retry: false,
            }),
            failure: RwSignal::new(None),
            conflict: RwSignal::new(false),
        };
        Effect::new(move |_| {
            estimate.track();
            a.schedule();
        });
        let storage = platform::on_storage_change(persist::ESTIMATE_KEY, move |_| {
            if persist::saved_estimate_meta().is_some_and(|m| a.is_other(&m)) {
                a.other_saved();
            }
        });
        let hide = platform::on_page_hide(move || a.save_now());
        let leave = platform::warn_before_unload(move || a.unsaved());
        on_cleanup(move || {
            storage.remove();
            hide.remove();
            leave.remove();
        });
        a
    }

    fn is_other(self, theirs: &SaveMeta) -> bool {
        self.inner.with_value(|i| i.seen.is_not(theirs))
    }

    /// As [`Autosave`]'s: stop writing, and if this tab's own save was replaced, it is unsaved.
    fn other_saved(self) {
        self.inner.update_value(|i| {
            if i.seen.tab == i.tab {
                i.saved = None;
            }
        });
        self.conflict.set(true);
    }

    fn unsaved(self) -> bool {
        self.save_now();
        self.estimate
            .try_with_untracked(|e| self.inner.with_value(|i| i.saved.as_ref() != Some(e)))
            .unwrap_or(false)
    }

    fn schedule(self) {
        once_after(self.inner, |i| &mut i.timer, DELAY, move || self.save_now());
    }

    /// Writes the form now if it changed and no other tab's save of it would be overwritten.
    pub fn save_now(self) {
        if self.conflict.try_get_untracked().unwrap_or(true) {
            return;
        }
        let Some(form) = self.estimate.try_get_untracked() else {
            return;
        };
        if self.inner.with_value(|i| i.saved.as_ref() == Some(&form))
            && self.failure.get_untracked().is_none()
        {
            return;
        }
        let stored = persist::saved_estimate_meta();
        if stored.as_ref().is_some_and(|m| self.is_other(m)) {
            self.other_saved();
            return;
        }
        let meta = self.inner.with_value(|i| SaveMeta {
            revision: i.seen.revision.max(stored.map_or(0, |m| m.revision)) + 1,
            tab: i.tab.clone(),
            time: platform::now_ms(),
            register: String::new(),
        });
        match persist::save_estimate(&form, &meta) {
            Ok(()) => {
                self.inner.update_value(|i| {
                    i.seen = Seen::of(&meta);
                    i.saved = Some(form);
                });
                report(self.failure, None);
            }
            Err(e) => {
                report(self.failure, Some(e));
                once_after(self.inner, |i| &mut i.retry, RETRY, move || self.save_now());
            }
        }
    }

    /// Replaces this tab's form with the other tab's save.
    pub fn load_other(self) {
        let (form, meta) = persist::saved_estimate();
        self.inner.update_value(|i| {
            i.seen = meta.as_ref().map_or_else(Seen::default, Seen::of);
            i.saved = Some(form.clone());
        });
        self.conflict.set(false);
        self.estimate.set(form);
    }

    /// Saves this tab's form over the other tab's save.
    pub fn keep_mine(self) {
        let stored = persist::saved_estimate_meta();
        self.inner.update_value(|i| {
            if let Some(m) = stored {
                i.seen = Seen::of(&m);
            }
            i.saved = None;
        });
        self.conflict.set(false);
        self.save_now();
    }
}
