//! Merging applicants' files into a register: every incoming project is listed as new or as a
//! duplicate (same id, or same name, township and type) of a project already there, and the user
//! decides each duplicate. Nothing is overwritten without a decision, and ids stay unique.
//!
//! Sits above `register` in the engine's layers (it only names `register`).

use crate::register::{Entry, EntryResult, Register};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Why an incoming project is taken for one already present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The same `id`.
    SameId,
    /// The same `name`, `township` and measure `type` (compared trimmed; the name not empty).
    SameNameTownshipType,
}

/// The project an incoming one duplicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Of {
    /// A project of the current register, by position.
    Current(usize),
    /// A new project of an earlier incoming file, by its position in [`MergePlan::items`]. (A
    /// project that duplicates an incoming duplicate of the register is listed against the
    /// register's project, so that every group of duplicates has one project in the register.)
    Incoming(usize),
}

/// What an incoming project is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// Nothing like it yet: it is added.
    New,
    /// It duplicates `of`: the user decides.
    Duplicate { of: Of, reason: Reason },
}

/// One incoming project.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Which incoming file it comes from (position in [`MergePlan::files`]).
    pub file: usize,
    pub entry: Arc<Entry>,
    pub found: Match,
}

/// Every incoming project, in file order, and what each one is.
#[derive(Clone, Debug, PartialEq)]
pub struct MergePlan {
    /// The incoming files' names, in the order given.
    pub files: Vec<String>,
    pub items: Vec<Item>,
}

/// The user's decision on a duplicate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Choice {
    /// The project already there stays; the incoming one is not added.
    #[default]
    KeepMine,
    /// The incoming project replaces the one already there, at its position and under its id
    /// (the register's numbering is what other files and reports refer to).
    TakeTheirs,
    /// Both stay: the incoming project is added with an id no other project uses.
    KeepBoth,
}

/// The key two projects share when they are the same project under different ids.
fn same_key(e: &Entry) -> Option<(String, String, String)> {
    let name = e.text("name").trim();
    let kind = e.type_tag().trim();
    if name.is_empty() || kind.is_empty() {
        return None;
    }
    Some((name.into(), e.text("township").trim().into(), kind.into()))
}

/// First position of each id and of each name/township/type among `entries`.
#[derive(Default)]
struct Index {
    ids: HashMap<String, usize>,
    keys: HashMap<(String, String, String), usize>,
}

impl Index {
    fn add(&mut self, e: &Entry, at: usize) {
        if let Some(id) = e.id() {
            self.ids.entry(id.to_owned()).or_insert(at);
        }
        if let Some(k) = same_key(e) {
            self.keys.entry(k).or_insert(at);
        }
    }

    fn find(&self, e: &Entry) -> Option<(usize, Reason)> {
        if let Some(&at) = e.id().and_then(|id| self.ids.get(id)) {
            return Some((at, Reason::SameId));
        }
        let at = same_key(e).and_then(|k| self.keys.get(&k).copied())?;
        Some((at, Reason::SameNameTownshipType))
    }
}

/// Lists every project of the incoming files (`(file name, register)`, in order) as new or as a
/// duplicate: of a project of `current` first (same id before same name, township and type),
/// else of a project of an earlier incoming file.
pub fn plan_merge(current: &Register, incoming: &[(String, Register)]) -> MergePlan {
    let mut mine = Index::default();
    for (i, e) in current.projects.iter().enumerate() {
        mine.add(e, i);
    }
    let mut earlier = Index::default();
    let mut items: Vec<Item> = Vec::new();
    for (file, (_, register)) in incoming.iter().enumerate() {
        for entry in &register.projects {
            let k = items.len();
            let found = match mine.find(entry) {
                Some((i, reason)) => Match::Duplicate {
                    of: Of::Current(i),
                    reason,
                },
                None => match earlier.find(entry) {
                    // Listed against what the earlier one duplicates, if anything.
                    Some((j, reason)) => Match::Duplicate {
                        of: match items[j].found {
                            Match::Duplicate { of, .. } => of,
                            Match::New => Of::Incoming(j),
                        },
                        reason,
                    },
                    None => Match::New,
                },
            };
            earlier.add(entry, k);
            items.push(Item {
                file,
                entry: entry.clone(),
                found,
            });
        }
    }
    MergePlan {
        files: incoming.iter().map(|(name, _)| name.clone()).collect(),
        items,
    }
}

impl MergePlan {
    /// How many projects the file at `file` brought.
    pub fn count(&self, file: usize) -> usize {
        self.items.iter().filter(|i| i.file == file).count()
    }

    /// Whether any incoming project needs a decision.
    pub fn has_duplicates(&self) -> bool {
        self.items.iter().any(|i| i.found != Match::New)
    }
}

/// What `entry` would count for in `current` (its settings, overrides and year): for showing an
/// incoming project beside the one it duplicates.
pub fn result_in(current: &Register, entry: &Arc<Entry>) -> EntryResult {
    let one = Register {
        head: current.head.clone(),
        projects: vec![entry.clone()],
    };
    one.compute().results.pop().unwrap_or(Err(Vec::new()))
}

/// An id not in `used`: `stem`, else `stem-2`, `stem-3` … (as [`Register::free_id`]).
fn free_id(used: &HashSet<String>, stem: &str) -> String {
    if !used.contains(stem) {
        return stem.to_owned();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !used.contains(id))
        .unwrap_or_default()
}

fn with_id(value: &Value, id: &str) -> Value {
    let mut v = value.clone();
    if let Value::Object(o) = &mut v {
        o.insert("id".into(), Value::from(id));
    }
    v
}

/// The register after the merge: `current`'s own fields and projects, with each duplicate
/// decided by `choices[k]` for `plan.items[k]` (missing: keep mine) and the new projects
/// appended in file order. An added project keeps its id unless another project (in the register
/// or in any incoming file) has it; a replaced project keeps the register's id.
pub fn apply_merge(current: &Register, plan: &MergePlan, choices: &[Choice]) -> Register {
    let mut out = current.clone();
    // The register's ids and those of every new project (added as they are) are taken up front,
    // so that an id given to a kept duplicate never collides with a project added after it.
    let new = plan.items.iter().filter(|i| i.found == Match::New);
    let mut used: HashSet<String> = current
        .projects
        .iter()
        .chain(new.map(|i| &i.entry))
        .filter_map(|e| e.id().map(str::to_owned))
        .collect();
    // Where each incoming project ended up in `out`.
    let mut placed: Vec<Option<usize>> = vec![None; plan.items.len()];
    let push = |out: &mut Register, value: Value| {
        let at = out.projects.len();
        out.projects.push(Arc::new(Entry::new(value, at)));
        at
    };
    for (k, item) in plan.items.iter().enumerate() {
        let value = &item.entry.value;
        let Match::Duplicate { of, .. } = item.found else {
            placed[k] = Some(push(&mut out, value.clone()));
            continue;
        };
        let target = match of {
            Of::Current(i) => Some(i),
            Of::Incoming(j) => placed.get(j).copied().flatten(),
        };
        match choices.get(k).copied().unwrap_or_default() {
            Choice::KeepMine => {}
            Choice::TakeTheirs => {
                if let Some(slot) = target.filter(|s| *s < out.projects.len()) {
                    let theirs = match out.projects[slot].id() {
                        Some(id) => with_id(value, id),
                        None => value.clone(),
                    };
                    out.projects[slot] = Arc::new(out.projects[slot].with_value(theirs, slot));
                    placed[k] = Some(slot);
                }
            }
            Choice::KeepBoth => {
                let id = free_id(&used, item.entry.id().unwrap_or("p"));
                used.insert(id.clone());
                placed[k] = Some(push(&mut out, with_id(value, &id)));
            }
        }
    }
    out
}
