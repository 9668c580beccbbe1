//! The register open in the app and its history. Every change makes a new [`Doc`] (a cheap copy:
//! one pointer per project) and keeps the old one for undo, so deletes, imports and merges undo
//! like any edit. Results are computed per project and reused while a project is unchanged.

use jianpai_core::form::{project_from_texts, Draft, ProjectTexts};
use jianpai_core::register::{
    Entry, EntryKey, EntryResult, Register, RegisterReport, ResultInputs,
};
use jianpai_core::ProjectResult;
use jianpai_core::{MeasureType, SAMPLE_FILE};
use std::collections::HashMap;
use std::sync::Arc;

/// How many changes can be undone.
pub const HISTORY: usize = 200;

/// The register being edited and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// The file name it was opened from; `None` for the sample or a new file.
    pub name: Option<String>,
    pub register: Register,
}

impl Doc {
    /// The built-in sample county.
    pub fn sample() -> Doc {
        let register = Register::from_bytes(SAMPLE_FILE.as_bytes()).unwrap_or_default();
        Doc {
            name: None,
            register,
        }
    }

    /// An empty file.
    pub fn new_file() -> Doc {
        Doc {
            name: None,
            register: Register::default(),
        }
    }

    /// A new project of a type, with a free id and the type's usual first values left blank:
    /// the `n`th project is `p{n}` (or the next free `p{n}-2` …), named `"{label} {n}"`.
    pub fn new_project(&self, kind: MeasureType, label: &str) -> Draft {
        let n = self.register.projects.len() + 1;
        let id = self.register.free_id(&format!("p{n}"));
        let name = format!("{label} {n}");
        project_from_texts(&ProjectTexts {
            type_tag: kind.code(),
            project: vec![("id", &id), ("name", &name)],
            measure: Vec::new(),
        })
        .0
    }
}

/// The open register with its undo and redo stacks.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    pub doc: Doc,
    undo: Vec<Doc>,
    redo: Vec<Doc>,
    /// What the last change was, when consecutive changes of the same thing (typing in one
    /// field) should undo as one step.
    last_tag: Option<String>,
    /// How many of the newest undo steps were made since another file last replaced the
    /// register: only those are kept across a reload ([`Workspace::kept_undo`]).
    since_replace: usize,
    /// What the last change did and the step it made (a change that joins the one before keeps
    /// its step): what the automatic snapshots are described and grouped by.
    last_change: Option<(u64, Change)>,
    steps: u64,
}

/// What one change did to the register, as a snapshot of it is described ("编辑 p03", "删除 2 个
/// 项目"): found by comparing the register before and after (projects by pointer), so that no
/// caller has to say it.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// One project changed: its label (id, else name, else `#n`).
    Edited(String),
    /// Projects added: how many, and the first one's label.
    Added(usize, String),
    /// Projects deleted: how many, and the first one's label.
    Deleted(usize, String),
    /// The file's own fields (title, year, rules, targets, overrides).
    Fields,
    /// Another file replaced the register: its name.
    Opened(String),
    NewFile,
    Sample,
    /// The register was replaced by a file without a name (a recovered save, another tab's).
    Replaced,
    /// A snapshot was restored: the time it was taken (ms since 1970).
    Restored(f64),
    Undo,
    Redo,
    /// Several kinds of change at once.
    Several,
}

/// A project's label in a change's description.
fn label(e: &Entry, index: usize) -> String {
    match (e.id(), e.text("name")) {
        (Some(id), _) if !id.is_empty() => id.to_owned(),
        (_, name) if !name.is_empty() => name.to_owned(),
        _ => format!("#{}", index + 1),
    }
}

impl Change {
    /// What changed from `before` to `after` (a change of the projects, else of the fields).
    pub fn between(before: &Doc, after: &Doc) -> Change {
        let (b, a) = (&before.register.projects, &after.register.projects);
        let fields = !before.register.same_fields(&after.register);
        let ptrs = |v: &[Arc<Entry>]| -> std::collections::HashSet<usize> {
            v.iter().map(|e| Arc::as_ptr(e) as usize).collect()
        };
        let projects = if a.len() == b.len() {
            let mut changed = a
                .iter()
                .zip(b)
                .enumerate()
                .filter(|(_, (x, y))| !Arc::ptr_eq(x, y));
            match (changed.next(), changed.next()) {
                (None, _) => None,
                (Some((i, (e, _))), None) => Some(Change::Edited(label(e, i))),
                _ => Some(Change::Several),
            }
        } else {
            let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
            let kept = ptrs(short);
            let extra: Vec<(usize, &Arc<Entry>)> = long
                .iter()
                .enumerate()
                .filter(|(_, e)| !kept.contains(&(Arc::as_ptr(e) as usize)))
                .collect();
            let first = extra.first().map(|(i, e)| label(e, *i)).unwrap_or_default();
            Some(if extra.len() != long.len() - short.len() {
                Change::Several
            } else if a.len() > b.len() {
                Change::Added(extra.len(), first)
            } else {
                Change::Deleted(extra.len(), first)
            })
        };
        match (projects, fields) {
            (Some(_), true) => Change::Several,
            (Some(c), false) => c,
            (None, _) => Change::Fields,
        }
    }
}

impl Workspace {
    pub fn new(doc: Doc) -> Self {
        Workspace::restored(doc, Vec::new())
    }

    /// The register with undo steps kept from before a reload (oldest first).
    pub fn restored(doc: Doc, mut undo: Vec<Doc>) -> Self {
        if undo.len() > HISTORY {
            undo.drain(..undo.len() - HISTORY);
        }
        Workspace {
            doc,
            since_replace: undo.len(),
            undo,
            redo: Vec::new(),
            last_tag: None,
            last_change: None,
            steps: 0,
        }
    }

    /// What the last change did and the step it made (changes that join share a step), if any
    /// change was made in this page.
    pub fn last_change(&self) -> Option<&(u64, Change)> {
        self.last_change.as_ref()
    }

    /// Records what a change did, as a new step or joining the last one.
    fn changed(&mut self, joins: bool, what: Change) {
        if !joins {
            self.steps += 1;
        }
        self.last_change = Some((self.steps, what));
    }

    /// The undo steps made since another file last replaced the register, oldest first: what is
    /// kept across a reload (the step back to the previous file is not).
    pub fn kept_undo(&self) -> &[Doc] {
        &self.undo[self.undo.len() - self.since_replace.min(self.undo.len())..]
    }

    /// Applies a change. A change with the same `tag` as the one before (e.g. typing in the same
    /// field of the same project) joins it, so that undo takes the whole edit back at once.
    pub fn apply(&mut self, tag: Option<String>, change: impl FnOnce(&mut Doc)) {
        self.apply_as(tag, None, change);
    }

    /// [`Workspace::apply`], described as `what` (else by comparing before and after).
    fn apply_as(
        &mut self,
        tag: Option<String>,
        what: Option<Change>,
        change: impl FnOnce(&mut Doc),
    ) {
        let before = self.doc.clone();
        change(&mut self.doc);
        if self.doc.same_as(&before) {
            return;
        }
        let joins = tag.is_some() && tag == self.last_tag && !self.undo.is_empty();
        let what = what.unwrap_or_else(|| Change::between(&before, &self.doc));
        self.changed(joins, what);
        if !joins {
            self.undo.push(before);
            self.since_replace += 1;
            if self.undo.len() > HISTORY {
                self.undo.remove(0);
            }
            self.since_replace = self.since_replace.min(self.undo.len());
        }
        self.redo.clear();
        self.last_tag = tag;
    }

    /// Replaces the whole document (open, new, sample, a recovered save): undoable.
    pub fn replace(&mut self, doc: Doc) {
        let what = match &doc.name {
            Some(name) => Change::Opened(name.clone()),
            None if doc.register.projects.is_empty() => Change::NewFile,
            None => Change::Replaced,
        };
        self.replace_as(doc, what);
    }

    /// [`Workspace::replace`], described as `what`.
    pub fn replace_as(&mut self, doc: Doc, what: Change) {
        let unchanged = self.doc.same_as(&doc);
        self.apply_as(None, Some(what), |d| *d = doc);
        if !unchanged {
            self.since_replace = 0;
        }
    }

    /// Puts an earlier version of the register back (a snapshot): one undoable step, kept across
    /// a reload like an edit.
    pub fn restore(&mut self, doc: Doc, taken: f64) {
        self.apply_as(None, Some(Change::Restored(taken)), |d| *d = doc);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) {
        if let Some(prev) = self.undo.pop() {
            self.redo.push(std::mem::replace(&mut self.doc, prev));
            self.last_tag = None;
            self.since_replace = self.since_replace.saturating_sub(1);
            self.changed(false, Change::Undo);
        }
    }

    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.doc, next));
            self.last_tag = None;
            self.since_replace += 1;
            self.changed(false, Change::Redo);
        }
    }
}

impl Doc {
    /// Whether nothing changed: the same name, file fields and project objects (compared by
    /// pointer, so that a change of one project in ten thousand costs no deep comparison).
    pub fn same_as(&self, other: &Doc) -> bool {
        self.name == other.name
            && self.register.same_fields(&other.register)
            && self.register.projects.len() == other.register.projects.len()
            && self
                .register
                .projects
                .iter()
                .zip(&other.register.projects)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

/// Per-project results kept between computations: an entry's result is reused while the entry
/// (the same `Arc`) and the file fields its result depends on (the engine's
/// `register::RESULT_INPUTS`) are unchanged. The results are numbers without trails
/// (`Register::compute_numbers_with`: each records the coefficients it read, which is all the
/// coefficient library's "projects it touches" needs); a trail is built where one is shown
/// ([`Shared::with_trail`], [`Shared::with_trails`]).
///
/// The results are kept in register order beside their entries: a project found at the
/// position it had (an edit, the usual change) is matched by one pointer comparison; only when
/// projects moved (an insert, a delete, an undo of one) are the kept ones looked up by pointer in
/// a map built then (at 10,000 projects, building and probing a map on every edit cost 3–9 % of
/// the edit, up to as much as the engine's totals: docs/performance.md, "Issue 20: edit at
/// 10,000").
#[derive(Default)]
pub struct ResultCache {
    inputs: Option<ResultInputs>,
    kept: Vec<(Arc<Entry>, EntryResult)>,
}

impl ResultCache {
    /// Computes the register, reusing what is still valid, and keeps the new results.
    pub fn compute(&mut self, register: &Register) -> RegisterReport {
        let inputs = register.result_inputs();
        if self.inputs.as_ref() != Some(&inputs) {
            self.kept.clear();
            self.inputs = Some(inputs);
        }
        let kept = &self.kept;
        let at = |e: &Arc<Entry>| Arc::as_ptr(e) as usize;
        // Where each project stood is the same position when the count is unchanged and each
        // moved project is looked up; otherwise every project is looked up.
        let moved: std::cell::OnceCell<HashMap<usize, usize>> = std::cell::OnceCell::new();
        let by_ptr = || {
            moved.get_or_init(|| {
                kept.iter()
                    .enumerate()
                    .map(|(i, (e, _))| (at(e), i))
                    .collect()
            })
        };
        let same_len = kept.len() == register.projects.len();
        let position = std::cell::Cell::new(0_usize);
        let report = register.compute_numbers_with(&|e| {
            // The engine asks in register order, once per project that reads.
            let i = register.projects[position.get()..]
                .iter()
                .position(|p| Arc::ptr_eq(p, e))
                .map_or(position.get(), |d| position.get() + d);
            position.set(i + 1);
            let found = match kept.get(i) {
                Some((k, r)) if same_len && Arc::ptr_eq(k, e) => Some(r),
                _ => by_ptr()
                    .get(&at(e))
                    .map(|&j| &kept[j])
                    .filter(|(k, _)| Arc::ptr_eq(k, e))
                    .map(|(_, r)| r),
            };
            found.cloned()
        });
        if same_len {
            // In place: only what changed is written (no list of 10,000 built and dropped).
            for ((k, kr), (e, r)) in self
                .kept
                .iter_mut()
                .zip(register.projects.iter().zip(&report.results))
            {
                let same =
                    Arc::ptr_eq(k, e) && matches!((&*kr, r), (Ok(a), Ok(b)) if Arc::ptr_eq(a, b));
                if !same {
                    *k = e.clone();
                    *kr = r.clone();
                }
            }
        } else {
            self.kept = register
                .projects
                .iter()
                .zip(&report.results)
                .map(|(e, r)| (e.clone(), r.clone()))
                .collect();
        }
        report
    }
}

/// A computed register (what [`ResultCache::compute`] gives), shared between the components that
/// show it (compared by identity, so that an unchanged report does not redraw anything); with the
/// register it was computed from when that is not the open one (a file field that does not read
/// replaced by its last good value), so that a trail built later is the one of these numbers.
#[derive(Clone, Debug)]
pub struct Shared(pub Arc<RegisterReport>, pub Option<Arc<Register>>);

impl Shared {
    /// The register these results are of: `open` (the workspace's) or the one they were
    /// computed from instead.
    fn source<'a>(&'a self, open: &'a Register) -> &'a Register {
        self.1.as_deref().unwrap_or(open)
    }

    /// The result of project `key` with its trail, built now (`None`: no such project): what the
    /// result panels show.
    pub fn with_trail(&self, open: &Register, key: EntryKey) -> Option<EntryResult> {
        self.source(open).result_with_trail(key)
    }

    /// The register computed again with every trail: for a document that cites the coefficients
    /// of every project (the county report printed or downloaded), built when it is made.
    pub fn with_trails(&self, open: &Register) -> RegisterReport {
        self.source(open).compute()
    }
}

/// The trails last built for the result panels, by the numbers they explain (the same `Arc` of
/// [`ResultCache`], which is kept while the project and the file's inputs are unchanged): a panel
/// drawn again for an edit of another project builds no trail.
#[derive(Default)]
pub struct TrailCache(Vec<(Arc<ProjectResult>, Arc<ProjectResult>)>);

impl TrailCache {
    /// How many trails are kept (the edited and the selected project, and the ones before).
    const KEPT: usize = 4;

    /// The result `numbers` with its trail: kept, or built by `build` (`numbers` itself when it
    /// builds none).
    pub fn get(
        &mut self,
        numbers: &Arc<ProjectResult>,
        build: impl FnOnce() -> Option<EntryResult>,
    ) -> Arc<ProjectResult> {
        if let Some((_, t)) = self.0.iter().find(|(n, _)| Arc::ptr_eq(n, numbers)) {
            return t.clone();
        }
        let t = match build() {
            Some(Ok(t)) => t,
            _ => numbers.clone(),
        };
        self.0.push((numbers.clone(), t.clone()));
        if self.0.len() > Self::KEPT {
            self.0.remove(0);
        }
        t
    }
}

/// The distinct non-empty names a list of shared items gives (the townships a register uses, in
/// byte order, each once: what `order::set` of them gives), kept between edits: only items that
/// are not the same objects as at their position last time are read again (at 10,000 projects,
/// the two sets built from every name on every edit were 13–16 % of the edit: docs/performance.md,
/// "Issue 20: edit at 10,000").
pub struct Names<T> {
    kept: Vec<(Arc<T>, String)>,
    counts: std::collections::BTreeMap<String, usize>,
}

impl<T> Default for Names<T> {
    fn default() -> Self {
        Names {
            kept: Vec::new(),
            counts: Default::default(),
        }
    }
}

impl<T> Names<T> {
    /// The names of `items` (each by `name`; empty ones left out), each once, in order.
    pub fn of<'a>(
        &mut self,
        items: impl ExactSizeIterator<Item = &'a Arc<T>>,
        name: impl Fn(&T) -> &str,
    ) -> Vec<String>
    where
        T: 'a,
    {
        let rebuild = self.kept.len() != items.len();
        if rebuild {
            self.counts.clear();
        }
        let counts = &mut self.counts;
        let mut add = |n: &str, by: isize| {
            if n.is_empty() {
                return;
            }
            let c = counts.entry(n.to_owned()).or_insert(0);
            *c = c.wrapping_add_signed(by);
            if *c == 0 {
                counts.remove(n);
            }
        };
        if !rebuild {
            for (k, item) in self.kept.iter_mut().zip(items) {
                if Arc::ptr_eq(&k.0, item) {
                    continue;
                }
                let n = name(item);
                if n != k.1 {
                    add(&k.1, -1);
                    add(n, 1);
                    k.1 = n.to_owned();
                }
                k.0 = item.clone();
            }
        } else {
            self.kept = items
                .map(|item| {
                    let n = name(item);
                    add(n, 1);
                    (item.clone(), n.to_owned())
                })
                .collect();
        }
        self.counts.keys().cloned().collect()
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jianpai_core::form::{project_from_texts, ProjectTexts};
    use jianpai_core::Key;

    fn project(id: &str) -> jianpai_core::form::Draft {
        project_from_texts(&ProjectTexts {
            type_tag: "capacity_phaseout",
            project: vec![("id", id)],
            measure: vec![("enterprises", "1")],
        })
        .0
    }

    #[test]
    fn every_change_undoes_and_redoes() {
        let mut w = Workspace::new(Doc::new_file());
        let mut a = None;
        w.apply(None, |d| {
            a = Some(d.register.push(project("a")));
        });
        let a = a.unwrap();
        w.apply(None, |d| {
            d.register.duplicate(a);
        });
        let ids = |w: &Workspace| -> Vec<String> {
            w.doc
                .register
                .projects
                .iter()
                .map(|e| e.id().unwrap_or("").to_owned())
                .collect()
        };
        assert_eq!(ids(&w), ["a", "a-2"]);
        w.apply(None, |d| d.register.remove(a));
        assert_eq!(ids(&w), ["a-2"]);
        w.undo();
        assert_eq!(ids(&w), ["a", "a-2"]);
        w.undo();
        w.undo();
        assert!(w.doc.register.projects.is_empty());
        assert!(!w.can_undo());
        w.redo();
        w.redo();
        assert_eq!(ids(&w), ["a", "a-2"]);
        // A new change after undo drops the redo steps.
        w.undo();
        w.apply(None, |d| {
            d.register.push(project("b"));
        });
        assert!(!w.can_redo());
        assert_eq!(ids(&w), ["a", "b"]);
    }

    #[test]
    fn typing_in_one_field_undoes_as_one_step_and_history_is_bounded() {
        let mut w = Workspace::new(Doc::new_file());
        w.apply(None, |d| {
            d.register.push(project("a"));
        });
        for title in ["T", "Ti", "Tit"] {
            w.apply(Some("title".into()), |d| {
                d.register.set_field_text("title", title).unwrap()
            });
        }
        w.undo();
        assert_eq!(w.doc.register.field_text("title"), "");
        assert_eq!(w.doc.register.projects.len(), 1);
        for i in 0..(HISTORY + 50) {
            w.apply(None, |d| {
                d.register.set_field_text("year", &i.to_string()).unwrap()
            });
        }
        let mut steps = 0;
        while w.can_undo() {
            w.undo();
            steps += 1;
        }
        assert_eq!(steps, HISTORY);
    }

    #[test]
    fn steps_since_another_file_replaced_the_register_are_kept() {
        let mut w = Workspace::new(Doc::new_file());
        w.apply(None, |d| d.register.set_field_text("title", "A").unwrap());
        w.apply(None, |d| d.register.set_field_text("year", "2025").unwrap());
        assert_eq!(w.kept_undo().len(), 2);
        // Another file: the step back to the previous one is not kept, the next edit is.
        w.replace(Doc::sample());
        assert!(w.kept_undo().is_empty());
        assert!(w.can_undo(), "undoable in this page");
        w.apply(None, |d| d.register.set_field_text("title", "B").unwrap());
        assert_eq!(w.kept_undo().len(), 1);
        assert_eq!(
            w.kept_undo()[0].register.title(),
            Doc::sample().register.title()
        );
        w.undo();
        assert!(w.kept_undo().is_empty());
        // Restored after a reload: the same steps undo as before.
        let kept = vec![Doc::new_file(), Doc::sample()];
        let mut r = Workspace::restored(Doc::sample(), kept);
        assert_eq!(r.kept_undo().len(), 2);
        r.undo();
        assert_eq!(r.doc, Doc::sample());
        r.undo();
        assert_eq!(r.doc, Doc::new_file());
        assert!(!r.can_undo());
    }

    #[test]
    fn each_change_says_what_it_did_and_joined_changes_share_a_step() {
        let mut w = Workspace::new(Doc::new_file());
        assert_eq!(w.last_change(), None);
        let mut a = None;
        w.apply(None, |d| a = Some(d.register.push(project("p01"))));
        assert_eq!(w.last_change(), Some(&(1, Change::Added(1, "p01".into()))));
        let a = a.unwrap();
        w.apply(None, |d| {
            d.register.push(project("p02"));
            d.register.push(project("p03"));
        });
        assert_eq!(w.last_change(), Some(&(2, Change::Added(2, "p02".into()))));
        for name in ["A", "AB"] {
            w.apply(Some("edit:a".into()), |d| {
                d.register.set_project_text(a, "name", name).unwrap()
            });
        }
        // Typing on in one project is one step.
        assert_eq!(w.last_change(), Some(&(3, Change::Edited("p01".into()))));
        w.apply(None, |d| d.register.set_field_text("title", "T").unwrap());
        assert_eq!(w.last_change(), Some(&(4, Change::Fields)));
        w.apply(None, |d| {
            let keys: Vec<_> = d.register.projects[1..].iter().map(|e| e.key()).collect();
            for k in keys {
                d.register.remove(k);
            }
        });
        assert_eq!(
            w.last_change(),
            Some(&(5, Change::Deleted(2, "p02".into())))
        );
        w.undo();
        assert_eq!(w.last_change(), Some(&(6, Change::Undo)));
        w.redo();
        assert_eq!(w.last_change(), Some(&(7, Change::Redo)));
        w.replace(Doc::sample());
        assert_eq!(w.last_change(), Some(&(8, Change::Replaced)));
        let before = w.doc.clone();
        w.restore(Doc::new_file(), 12.0);
        assert_eq!(w.last_change(), Some(&(9, Change::Restored(12.0))));
        w.undo();
        assert!(w.doc.same_as(&before), "a restore undoes");
    }

    #[test]
    fn a_new_project_takes_the_next_number_and_a_free_id() {
        let mut doc = Doc::new_file();
        let draft = doc.new_project(MeasureType::Livestock, "New project");
        let p1 = doc.register.push(draft);
        let e = doc.register.get(p1).unwrap();
        assert_eq!(e.id(), Some("p1"));
        assert_eq!(e.text("name"), "New project 1");
        assert_eq!(e.type_tag(), "livestock");
        // The third project would be p3; that id is taken, so it is p3-2.
        doc.register.push(project("p3"));
        let draft = doc.new_project(MeasureType::Wastewater, "新增项目");
        assert_eq!(draft.id(), Some("p3-2"));
        let p3 = doc.register.push(draft);
        let e = doc.register.get(p3).unwrap();
        assert_eq!(e.text("name"), "新增项目 3");
        assert_eq!(e.type_tag(), "wastewater");
    }

    #[test]
    fn a_result_is_reused_while_its_project_is_unchanged() {
        let mut cache = ResultCache::default();
        let mut doc = Doc::sample();
        let first = cache.compute(&doc.register);
        let before = doc.register.projects[1].clone();
        let key = doc.register.projects[0].key();
        doc.register
            .set_project_text(key, "name", "renamed")
            .unwrap();
        let second = cache.compute(&doc.register);
        assert_eq!(second.results[1], first.results[1]);
        assert!(Arc::ptr_eq(&doc.register.projects[1], &before));
        let fresh = doc.register.compute();
        assert_eq!(
            second.report, fresh.report,
            "reuse gives what a full computation gives"
        );
    }

    #[test]
    fn results_kept_by_position_are_the_full_computes_after_moves() {
        // Each step below moves projects (or not); the cached numbers must equal a computation
        // from scratch every time, and a project unchanged in place keeps its result's `Arc`.
        let mut cache = ResultCache::default();
        let mut doc = Doc::sample();
        let check = |cache: &mut ResultCache, doc: &Doc| {
            let kept = cache.compute(&doc.register);
            assert_eq!(kept, doc.register.compute_numbers());
            kept
        };
        let first = check(&mut cache, &doc);
        let keys: Vec<_> = doc.register.projects.iter().map(|e| e.key()).collect();
        // An edit in place.
        doc.register
            .set_project_text(keys[2], "name", "renamed")
            .unwrap();
        let edited = check(&mut cache, &doc);
        let same = |a: &RegisterReport, b: &RegisterReport, i: usize, j: usize| match (
            &a.results[i],
            &b.results[j],
        ) {
            (Ok(x), Ok(y)) => Arc::ptr_eq(x, y),
            _ => false,
        };
        assert!(same(&first, &edited, 0, 0) && same(&first, &edited, 5, 5));
        // A delete shifts every project after it; a duplicate inserts one; undo-like
        // restoring of an earlier list moves them back.
        let before = doc.register.clone();
        doc.register.remove(keys[1]);
        let deleted = check(&mut cache, &doc);
        assert!(
            same(&edited, &deleted, 5, 4),
            "a moved project keeps its result"
        );
        doc.register.duplicate(keys[3]);
        check(&mut cache, &doc);
        doc.register = before;
        check(&mut cache, &doc);
        // The same number of projects, two swapped.
        doc.register.projects.swap(0, 3);
        check(&mut cache, &doc);
    }

    #[test]
    fn the_names_kept_between_edits_are_the_set_of_all_names() {
        // Against the set built from every project, after each kind of change: a township
        // renamed (the old name still used elsewhere, then no longer), emptied, a delete, an add.
        let mut names = Names::default();
        let mut doc = Doc::sample();
        let check = |names: &mut Names<Entry>, doc: &Doc| {
            let all: Vec<String> = jianpai_core::order::set(
                doc.register
                    .projects
                    .iter()
                    .map(|e| e.text("township").trim())
                    .filter(|t| !t.is_empty()),
            )
            .into_iter()
            .map(str::to_owned)
            .collect();
            let kept = names.of(doc.register.projects.iter(), |e| e.text("township").trim());
            assert_eq!(kept, all);
            kept
        };
        let first = check(&mut names, &doc);
        assert!(first.len() >= 2, "{first:?}");
        let keys: Vec<_> = doc.register.projects.iter().map(|e| e.key()).collect();
        doc.register
            .set_project_text(keys[0], "township", "新乡镇")
            .unwrap();
        assert!(check(&mut names, &doc).contains(&"新乡镇".to_owned()));
        for &k in &keys {
            doc.register
                .set_project_text(k, "township", &first[0])
                .unwrap();
        }
        assert_eq!(check(&mut names, &doc), [first[0].clone()]);
        doc.register
            .set_project_text(keys[1], "township", "")
            .unwrap();
        check(&mut names, &doc);
        doc.register.remove(keys[2]);
        check(&mut names, &doc);
        doc.register.push(project("z"));
        check(&mut names, &doc);
    }

    #[test]
    fn a_trail_built_when_shown_is_the_full_computes() {
        // The register keeps numbers only; each project's trail built on demand (and through
        // the trail cache) equals the one a full computation gives, and so do the documents'
        // trails (every project computed again).
        let mut cache = ResultCache::default();
        let doc = Doc::sample();
        let numbers = cache.compute(&doc.register);
        let full = doc.register.compute();
        let shared = Shared(Arc::new(numbers), None);
        let mut trails = TrailCache::default();
        assert!(shared
            .0
            .results
            .iter()
            .flatten()
            .all(|r| r.trail.is_empty()));
        assert_eq!(shared.with_trails(&doc.register), full);
        for (i, e) in doc.register.projects.iter().enumerate() {
            let Ok(n) = &shared.0.results[i] else {
                assert!(full.results[i].is_err());
                continue;
            };
            let t = trails.get(n, || shared.with_trail(&doc.register, e.key()));
            let Ok(f) = &full.results[i] else {
                panic!("counted in one, not the other")
            };
            assert!(!t.trail.is_empty(), "{}", t.id);
            assert_eq!(&*t, &**f);
            // Asked again for the same numbers: the same trail, not built again.
            let again = trails.get(n, || panic!("built again"));
            assert!(Arc::ptr_eq(&t, &again));
        }
    }

    #[test]
    fn a_new_year_recomputes_every_result() {
        // Electricity at equal value takes the row of the file's year − 1 (docs/methodology.md
        // §4.2): 2021 → the 2020 row, 0.3055 kgce/kWh; 2018 → the 2017 row, 0.309.
        let mut cache = ResultCache::default();
        let mut doc = Doc::sample();
        doc.register = Register::from_bytes(
            br#"{ "format": "jianpai/1", "year": 2021,
            "settings": { "electricity_basis": "equal_value" }, "projects": [
            { "id": "e", "measure": { "type": "energy_saving",
              "saved": { "electricity_kwh": 1000000 } } }] }"#,
        )
        .expect("reads");
        let tce = |r: &RegisterReport| r.results[0].as_ref().unwrap().full_year[Key::Tce];
        assert!((tce(&cache.compute(&doc.register)) - 305.5).abs() < 1e-9);
        doc.register.set_field_text("year", "2018").unwrap();
        assert!((tce(&cache.compute(&doc.register)) - 309.0).abs() < 1e-9);
    }
}
