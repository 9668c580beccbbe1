//! What keeps one click from losing a register: whether it has changes since it was last saved as
//! a project file (asked before 新建, 载入示例 or opening another file over it), when that was
//! ("上次保存 …", across a reload), and the automatic snapshots — the last
//! `persist::SNAPSHOT_COUNT` versions of the register in this browser, each with its time and what
//! changed (the workspace's `Change` of the edit that made it), restorable as one undoable step.

use crate::autosave::DELAY;
use crate::persist::{self, CleanMark, SnapshotInfo};
use crate::platform;
use crate::workspace::{Change, Doc, Workspace};
use leptos::prelude::*;
use reactive_stores::Field;

struct Inner {
    tab: String,
    /// The register as last saved, opened or started anew (None: not known in this page).
    clean: Option<CleanMark>,
    /// That register, when this page holds it (compared by pointer, cheaply).
    baseline: Option<Doc>,
    /// The register the newest snapshot of this page holds, and the change step it was taken at.
    taken: Option<Doc>,
    taken_step: Option<u64>,
    /// The register as a new step left it, with that step, not yet written: captured in the
    /// edit, written after the next frame is painted (or at once when the page is hidden), so the
    /// snapshot of 10,000 projects does not hold back the edit's paint.
    pending: Option<(Doc, (u64, Change))>,
    timer: bool,
}

#[derive(Clone, Copy)]
pub struct Protection {
    workspace: Field<Workspace>,
    inner: StoredValue<Inner>,
    /// When the register was last saved as a project file or opened (ms since 1970).
    pub last_saved: RwSignal<Option<f64>>,
    /// The snapshots kept in this browser, oldest first.
    pub snapshots: RwSignal<Vec<SnapshotInfo>>,
}

impl Protection {
    /// Starts taking snapshots of `workspace` and reads what was last saved.
    pub fn start(workspace: Field<Workspace>) -> Protection {
        let doc = workspace.with_untracked(|w| w.doc.clone());
        let (clean, baseline) = match persist::saved_clean() {
            Some(c) => {
                let same = persist::fingerprint(&doc) == c.hash;
                (Some(c), same.then(|| doc.clone()))
            }
            // Nothing recorded: the untouched sample has nothing to lose; anything else might.
            None if doc == Doc::sample() => {
                let m = CleanMark {
                    hash: persist::fingerprint(&doc),
                    time: None,
                };
                persist::save_clean(&m);
                (Some(m), Some(doc))
            }
            None => (None, None),
        };
        let p = Protection {
            workspace,
            last_saved: RwSignal::new(clean.as_ref().and_then(|c| c.time)),
            snapshots: RwSignal::new(persist::saved_snapshots()),
            inner: StoredValue::new(Inner {
                tab: platform::random_id(),
                clean,
                baseline,
                taken: None,
                taken_step: None,
                pending: None,
                timer: false,
            }),
        };
        // A new step (another edit, a delete, an undo) is a snapshot of the register as that step
        // left it, captured at once and written after the next frame is painted; more of the same
        // step (typing on in one field) replaces it at most every DELAY.
        Effect::new(move |_| {
            let step = workspace.with(|w| w.last_change().map(|c| c.0));
            let new = step.is_some()
                && p.inner.with_value(|i| {
                    step != i.taken_step && step != i.pending.as_ref().map(|(_, c)| c.0)
                });
            if new {
                p.capture();
            } else {
                p.schedule();
            }
        });
        let hide = platform::on_page_hide(move || p.take());
        on_cleanup(move || hide.remove());
        p
    }

    fn schedule(self) {
        let waiting = self
            .inner
            .try_update_value(|i| std::mem::replace(&mut i.timer, true));
        if waiting == Some(false) {
            platform::after(DELAY, move || {
                self.inner.update_value(|i| i.timer = false);
                platform::after_paint(DELAY, move || self.take());
            });
        }
    }

    /// The register and its last change now, if a change was made in this page (a cheap copy:
    /// one pointer per project).
    fn now(self) -> Option<(Doc, (u64, Change))> {
        self.workspace
            .try_with_untracked(|w| w.last_change().map(|c| (w.doc.clone(), c.clone())))
            .flatten()
    }

    /// Keeps the register as the new step left it, to be written after the next paint. A step
    /// captured before and not yet written (two steps in one frame) is written now.
    fn capture(self) {
        let Some(now) = self.now() else {
            return;
        };
        if let Some(Some((doc, change))) = self.inner.try_update_value(|i| i.pending.replace(now)) {
            self.write(doc, change);
        }
        platform::after_paint(DELAY, move || self.flush());
    }

    /// Writes the captured step, if it is not written yet.
    fn flush(self) {
        if let Some(Some((doc, change))) = self.inner.try_update_value(|i| i.pending.take()) {
            self.write(doc, change);
        }
    }

    /// Takes a snapshot of the register if a change was made in this page since the last one
    /// (a captured step not yet written first, unless this is the same step further on).
    fn take(self) {
        let Some((doc, change)) = self.now() else {
            return;
        };
        let earlier = self
            .inner
            .try_update_value(|i| i.pending.take())
            .flatten()
            .filter(|(_, c)| c.0 != change.0);
        if let Some((d, c)) = earlier {
            self.write(d, c);
        }
        self.write(doc, change);
    }

    /// Writes a snapshot of `doc`, which change step `step` (described as `what`) left, unless
    /// the newest snapshot of this page already holds it.
    fn write(self, doc: Doc, (step, what): (u64, Change)) {
        let (tab, same) = self.inner.with_value(|i| {
            let same = i.taken.as_ref().is_some_and(|t| t.same_as(&doc));
            (i.tab.clone(), same)
        });
        if same {
            return;
        }
        let info = SnapshotInfo {
            id: format!("{}-{}", tab, step),
            time: platform::now_ms(),
            what,
            projects: doc.register.projects.len(),
            chars: 0,
            tab,
            step,
        };
        let list = persist::record_snapshot(&doc, info);
        self.inner.update_value(|i| {
            i.taken = Some(doc);
            i.taken_step = Some(step);
        });
        self.snapshots.set(list);
    }

    /// Whether the register has changed since it was last saved, opened or started anew.
    pub fn has_changes(self) -> bool {
        let Some(doc) = self.workspace.try_with_untracked(|w| w.doc.clone()) else {
            return false;
        };
        let (same, hash) = self.inner.with_value(|i| {
            (
                i.baseline.as_ref().is_some_and(|b| b.same_as(&doc)),
                i.clean.as_ref().map(|c| c.hash),
            )
        });
        if same {
            return false;
        }
        // The same register by content (undone back to it, or after a reload).
        let clean = hash == Some(persist::fingerprint(&doc));
        if clean {
            self.inner.update_value(|i| i.baseline = Some(doc));
        }
        !clean
    }

    /// The register now is what was just saved or opened (`saved`: with the time, shown as
    /// "上次保存 …") or started anew (never saved).
    pub fn mark_clean(self, saved: bool) {
        let Some(doc) = self.workspace.try_with_untracked(|w| w.doc.clone()) else {
            return;
        };
        let m = CleanMark {
            hash: persist::fingerprint(&doc),
            time: saved.then(platform::now_ms),
        };
        persist::save_clean(&m);
        self.last_saved.set(m.time);
        self.inner.update_value(|i| {
            i.clean = Some(m);
            i.baseline = Some(doc);
        });
    }

    /// What the open register was when last saved as a project file (to keep with it in the list
    /// of registers while another one is open).
    pub fn clean_mark(self) -> Option<CleanMark> {
        self.inner.with_value(|i| i.clean.clone())
    }

    /// Another register of the list is now open (already in the workspace), with its own clean
    /// mark (`None`: not known: it asks before replacing it).
    pub fn adopt(self, mark: Option<CleanMark>) {
        // The last step of the register it replaced, if not written yet, is kept as it was.
        self.flush();
        let Some(doc) = self.workspace.try_with_untracked(|w| w.doc.clone()) else {
            return;
        };
        match &mark {
            Some(m) => persist::save_clean(m),
            None => platform::remove(persist::CLEAN_KEY),
        }
        self.last_saved.set(mark.as_ref().and_then(|m| m.time));
        let same = mark
            .as_ref()
            .is_some_and(|m| m.hash == persist::fingerprint(&doc));
        self.inner.update_value(|i| {
            i.clean = mark;
            i.baseline = same.then_some(doc);
            i.taken = None;
            i.taken_step = None;
        });
    }

    /// Puts a snapshot's register back (one undoable step, itself snapshotted); false when the
    /// snapshot is no longer kept.
    pub fn restore(self, s: &SnapshotInfo) -> bool {
        match persist::load_snapshot(&s.id) {
            Some(doc) => {
                self.workspace.update(|w| w.restore(doc, s.time));
                true
            }
            None => {
                self.snapshots.set(persist::saved_snapshots());
                false
            }
        }
    }
}
