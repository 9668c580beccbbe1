//! What this browser remembers between visits: the interface language, everything typed or
//! chosen in the estimate form, and the open register (in localStorage; the saved shape stays
//! readable across versions, and a new shape gets a new key).

use crate::form::{type_index, Estimate};
use crate::i18n::Lang;
use crate::platform;
use crate::workspace::{Change, Doc};
use jianpai_core::order;
use jianpai_core::register::Register;
use jianpai_core::Choice;
use jianpai_core::MeasureType;
use serde_json::{json, Map, Value};

/// Storage key of the interface language (`zh` or `en`).
pub const LANG_KEY: &str = "jianpai.lang";
/// Storage key of the estimate form's texts and choices.
pub const ESTIMATE_KEY: &str = "jianpai.estimate";

/// Storage key of the open register (the autosave). Its shape is [`register_text`]'s; a change
/// of shape gets a new key, so that an older app never misreads a newer save.
pub const REGISTER_KEY: &str = "jianpai.register.v1";
/// Storage key of the register's undo steps, beside its save: `{"meta": the register save's
/// metadata, "undo": [the file of each step, oldest first]}`. Read back only with the save it
/// names, so a history never undoes into another register.
pub const HISTORY_KEY: &str = "jianpai.register.v1.history";
/// At most this many undo steps are kept across a reload …
pub const KEPT_STEPS: usize = 50;
/// … and at most this many characters of them (about 2 MB in a browser's UTF-16 storage): the
/// newest steps that fit. A register larger than this keeps no steps across a reload.
pub const KEPT_CHARS: usize = 1_000_000;

/// Where a save that cannot be read is kept (rather than overwritten); a later damaged save goes
/// to `<this>.2`, `<this>.3` … so that none replaces another.
pub const DAMAGED_KEY: &str = "jianpai.register.v1.damaged";

/// Who wrote a save and when: each tab counts revisions on from the last one it saw. The writer's
/// tab id and the revision together name a save: a tab that finds a save other than the one it
/// last read or wrote knows another tab wrote it (two tabs saving revision N + 1 in the same
/// instant differ by tab id).
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub struct SaveMeta {
    pub revision: u64,
    pub tab: String,
    /// Milliseconds since 1970 (for people reading the save; not used to decide anything).
    pub time: f64,
    /// Which register of this browser's list ([`REGISTERS_KEY`]) the save holds; empty in a save
    /// written before there was a list (it is then the list's first register).
    #[serde(default)]
    pub register: String,
}

/// A register save as read back.
#[derive(Clone, Debug, PartialEq)]
pub enum Restored {
    /// Nothing saved.
    Nothing,
    Saved(Doc, SaveMeta),
    /// A save that is not JSON or not a register: its text, to be kept elsewhere.
    Damaged(String),
}

/// The save of a register: `{"meta": {"revision", "tab", "time"}, "name": file name or null,
/// "file": the project file exactly as `Register::to_value` gives it}`. One value under one key,
/// so that a save is written (and seen by other tabs) all at once.
pub fn register_text(doc: &Doc, meta: &SaveMeta) -> String {
    // The text `json!({"meta", "name", "file": to_value()})` gives (keys sorted), written from
    // the register itself: a save of 10,000 projects copies no project first.
    #[derive(serde::Serialize)]
    struct Save<'a> {
        file: &'a Register,
        meta: Value,
        name: &'a Option<String>,
    }
    serde_json::to_string(&Save {
        file: &doc.register,
        meta: meta_value(meta),
        name: &doc.name,
    })
    .unwrap_or_default()
}

/// A save's metadata as [`register_text`] and [`register_tail`] write it.
fn meta_value(meta: &SaveMeta) -> Value {
    json!({ "revision": meta.revision, "tab": meta.tab, "time": meta.time,
        "register": meta.register })
}

/// Reads a save written by [`register_text`]. Anything else is `Damaged`, never half read.
pub fn restore_register(saved: Option<&str>) -> Restored {
    let Some(text) = saved else {
        return Restored::Nothing;
    };
    let damaged = || Restored::Damaged(text.to_owned());
    let Ok(Value::Object(mut obj)) = serde_json::from_str::<Value>(text) else {
        return damaged();
    };
    let name = match obj.remove("name") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return damaged(),
    };
    let Some(Ok(register)) = obj.remove("file").map(Register::from_value) else {
        return damaged();
    };
    // Without readable metadata the register is still whole: it counts as revision 0.
    let meta = obj
        .remove("meta")
        .and_then(|m| serde_json::from_value::<SaveMeta>(m).ok())
        .unwrap_or_default();
    Restored::Saved(Doc { name, register }, meta)
}

/// Only the metadata of a save (cheap: the rest of the text is skipped, not built).
pub fn meta_of(saved: &str) -> Option<SaveMeta> {
    #[derive(serde::Deserialize)]
    struct Head {
        meta: SaveMeta,
    }
    serde_json::from_str::<Head>(saved).ok().map(|h| h.meta)
}

/// The register saved in this browser.
pub fn saved_register() -> Restored {
    restore_register(platform::load(REGISTER_KEY).as_deref())
}

/// The metadata of the register save in this browser now.
pub fn saved_register_meta() -> Option<SaveMeta> {
    platform::load(REGISTER_KEY).as_deref().and_then(meta_of)
}

/// The end of the save [`register_text`] writes for `doc` and `meta`: its metadata and name,
/// from the comma before them. Only this tab writes its own `tab` with a given `revision`, so a
/// save that ends with it is the one this tab wrote last.
pub fn register_tail(doc: &Doc, meta: &SaveMeta) -> String {
    #[derive(serde::Serialize)]
    struct Tail<'a> {
        meta: Value,
        name: &'a Option<String>,
    }
    let text = serde_json::to_string(&Tail {
        meta: meta_value(meta),
        name: &doc.name,
    })
    .unwrap_or_default();
    // `{"meta":…}` as `,"meta":…}`.
    format!(",{}", text.get(1..).unwrap_or_default())
}

/// The metadata of the register save now, where `mine` is this tab's last save (its
/// [`register_tail`] and its metadata): when the save still ends with that tail, it is that save,
/// and only its end is read (not 4 MB read back and parsed after each save of 10,000 projects);
/// anything else (another tab's save, a damaged one, none) is read whole as
/// [`saved_register_meta`] does.
pub fn saved_register_meta_after(mine: Option<(&str, &SaveMeta)>) -> Option<SaveMeta> {
    if let Some((tail, meta)) = mine {
        let units = tail.encode_utf16().count() as u32;
        if platform::load_tail(REGISTER_KEY, units).as_deref() == Some(tail) {
            return Some(meta.clone());
        }
    }
    saved_register_meta()
}

/// Saves the register; its length in characters when kept. When storage is full, the undo
/// steps kept beside it ([`HISTORY_KEY`]) are dropped first to make room.
pub fn save_register(doc: &Doc, meta: &SaveMeta) -> Result<usize, platform::StorageError> {
    let text = register_text(doc, meta);
    match platform::try_save(REGISTER_KEY, &text) {
        Err(platform::StorageError::Full) if platform::load(HISTORY_KEY).is_some() => {
            platform::remove(HISTORY_KEY);
            platform::try_save(REGISTER_KEY, &text).map(|()| text.len())
        }
        saved => saved.map(|()| text.len()),
    }
}

/// The undo steps as kept beside the register save `meta`: the newest of `undo` (oldest first)
/// within [`KEPT_STEPS`] and [`KEPT_CHARS`]; `None` when not one step fits.
pub fn history_text(meta: &SaveMeta, undo: &[Doc]) -> Option<String> {
    let mut kept = Vec::new();
    let mut chars = 0;
    for doc in undo.iter().rev().take(KEPT_STEPS) {
        // A step that would not fit is not written out whole to find that.
        let Some(text) = doc_text(doc, KEPT_CHARS - chars) else {
            break;
        };
        chars += text.len();
        kept.push(text);
    }
    if kept.is_empty() {
        return None;
    }
    kept.reverse();
    let steps = kept.join(",");
    let head = json!({ "revision": meta.revision, "tab": meta.tab, "time": meta.time });
    Some(format!(r#"{{"meta":{head},"undo":[{steps}]}}"#))
}

/// The undo steps kept with the register save `meta` (none for another save, or any doubt).
pub fn restore_history(saved: Option<&str>, meta: &SaveMeta) -> Vec<Doc> {
    let Some(Value::Object(mut obj)) = saved.and_then(|t| serde_json::from_str::<Value>(t).ok())
    else {
        return Vec::new();
    };
    let same = obj
        .get("meta")
        .and_then(|m| serde_json::from_value::<SaveMeta>(m.clone()).ok())
        .is_some_and(|m| m.tab == meta.tab && m.revision == meta.revision);
    let Some(Value::Array(steps)) = obj.remove("undo").filter(|_| same) else {
        return Vec::new();
    };
    let mut docs = Vec::with_capacity(steps.len());
    for mut step in steps {
        let name = match step.get("name") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Vec::new(),
        };
        let file = step.as_object_mut().and_then(|o| o.remove("file"));
        let Some(Ok(register)) = file.map(Register::from_value) else {
            return Vec::new();
        };
        docs.push(Doc { name, register });
    }
    docs
}

/// Keeps the undo steps beside the register save `meta` (or removes them when none fits). A
/// failure is not reported: the register itself is saved, only its history is not.
pub fn save_history(meta: &SaveMeta, undo: &[Doc], register_chars: usize) {
    // A register as large as the whole budget keeps no steps: none is written out to find that.
    let text = (register_chars <= KEPT_CHARS)
        .then(|| history_text(meta, undo))
        .flatten();
    match text {
        Some(text) => {
            if platform::try_save(HISTORY_KEY, &text).is_err() {
                platform::remove(HISTORY_KEY);
            }
        }
        None => platform::remove(HISTORY_KEY),
    }
}

/// The undo steps kept with the register save `meta`.
pub fn saved_history(meta: &SaveMeta) -> Vec<Doc> {
    restore_history(platform::load(HISTORY_KEY).as_deref(), meta)
}

/// One step as kept: `{"name": file name or null, "file": the project file}` (the text of
/// `json!({"name", "file": to_value()})`), when it is at most `limit` characters: the writing
/// stops at the limit, so a register too large to keep is never written out whole, and no project
/// is copied first (docs/performance.md, issue 20 evening).
fn doc_text(doc: &Doc, limit: usize) -> Option<String> {
    #[derive(serde::Serialize)]
    struct Step<'a> {
        file: &'a Register,
        name: &'a Option<String>,
    }
    /// Bytes up to a limit; an error past it, which ends the writing.
    struct Upto(Vec<u8>, usize);
    impl std::io::Write for Upto {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0.len() + buf.len() > self.1 {
                return Err(std::io::ErrorKind::WriteZero.into());
            }
            self.0.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Upto(Vec::new(), limit);
    let step = Step {
        file: &doc.register,
        name: &doc.name,
    };
    serde_json::to_writer(&mut out, &step).ok()?;
    // serde_json writes only UTF-8.
    String::from_utf8(out.0).ok()
}

/// Keeps the text of a damaged save under a backup key that holds nothing else; returns that key.
pub fn keep_damaged(text: &str) -> Result<String, platform::StorageError> {
    let key = (1..)
        .map(|n| match n {
            1 => DAMAGED_KEY.to_owned(),
            n => format!("{DAMAGED_KEY}.{n}"),
        })
        .find(|k| platform::load(k).is_none_or(|kept| kept == text))
        .unwrap_or_else(|| DAMAGED_KEY.to_owned());
    platform::try_save(&key, text).map(|()| key)
}

/// Storage key of what the register was when last saved as a project file (or opened, or
/// started anew): `{"hash": its fingerprint, "time": ms of the save or opening, or null}`. What
/// "changes since the last save" and "上次保存 …" are read from, across a reload.
pub const CLEAN_KEY: &str = "jianpai.register.v1.saved";
/// Storage key of the automatic snapshots' list, `{"list": [entry, oldest first]}`; each entry's
/// register is under `<this>.<id>` (one key each, so that a new snapshot writes only itself).
pub const SNAPSHOTS_KEY: &str = "jianpai.snapshots.v1";
/// At most this many snapshots are kept …
pub const SNAPSHOT_COUNT: usize = 20;
/// … within this many characters (about 2 MB in a browser's UTF-16 storage), the oldest dropped
/// first. A register larger than this is not snapshotted.
pub const SNAPSHOT_CHARS: usize = 1_000_000;

/// A register's fingerprint: FNV-1a (64 bits) of its name and its compact JSON. Tells whether
/// the register is still the one last saved, also after a reload (when no pointer is shared).
pub fn fingerprint(doc: &Doc) -> u64 {
    /// FNV-1a over the bytes written: the compact JSON hashed as it is written, never held.
    struct Fnv(u64);
    impl std::io::Write for Fnv {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            for b in buf {
                self.0 ^= u64::from(*b);
                self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    use std::io::Write as _;
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    let name = doc.name.as_deref().unwrap_or("");
    let _ = h.write_all(name.as_bytes());
    let _ = h.write_all(&[0]);
    // The text of `Register::to_compact_json`.
    let _ = serde_json::to_writer(&mut h, &doc.register);
    h.0
}

/// The register as last saved as a project file, opened, or started anew.
#[derive(Clone, Debug, PartialEq)]
pub struct CleanMark {
    pub hash: u64,
    /// When it was saved or opened (ms since 1970); `None`: never saved (a new file, the sample).
    pub time: Option<f64>,
}

pub fn clean_text(m: &CleanMark) -> String {
    json!({ "hash": format!("{:016x}", m.hash), "time": m.time }).to_string()
}

pub fn read_clean(text: Option<&str>) -> Option<CleanMark> {
    let v: Value = serde_json::from_str(text?).ok()?;
    let hash = u64::from_str_radix(v.get("hash")?.as_str()?, 16).ok()?;
    let time = v.get("time").and_then(Value::as_f64);
    Some(CleanMark { hash, time })
}

pub fn saved_clean() -> Option<CleanMark> {
    read_clean(platform::load(CLEAN_KEY).as_deref())
}

/// Keeps the mark (not reported when it fails: only the question before replacing depends on it,
/// and it then asks).
pub fn save_clean(m: &CleanMark) {
    if platform::try_save(CLEAN_KEY, &clean_text(m)).is_err() {
        platform::remove(CLEAN_KEY);
    }
}

/// One automatic snapshot as listed (its register is kept under [`snapshot_key`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotInfo {
    pub id: String,
    /// When it was taken (ms since 1970).
    pub time: f64,
    /// What the change that made it did.
    pub what: Change,
    /// How many projects it holds.
    pub projects: usize,
    /// The length of its text.
    pub chars: usize,
    /// The tab and the change step that made it: a later change of the same step (typing on in
    /// one field) replaces it rather than adding another.
    pub tab: String,
    pub step: u64,
}

pub fn snapshot_key(id: &str) -> String {
    format!("{SNAPSHOTS_KEY}.{id}")
}

fn change_value(c: &Change) -> Value {
    match c {
        Change::Edited(l) => json!({ "kind": "edited", "label": l }),
        Change::Added(n, l) => json!({ "kind": "added", "count": n, "label": l }),
        Change::Deleted(n, l) => json!({ "kind": "deleted", "count": n, "label": l }),
        Change::Fields => json!({ "kind": "fields" }),
        Change::Opened(name) => json!({ "kind": "opened", "label": name }),
        Change::NewFile => json!({ "kind": "new" }),
        Change::Sample => json!({ "kind": "sample" }),
        Change::Replaced => json!({ "kind": "replaced" }),
        Change::Restored(t) => json!({ "kind": "restored", "time": t }),
        Change::Undo => json!({ "kind": "undo" }),
        Change::Redo => json!({ "kind": "redo" }),
        Change::Several => json!({ "kind": "several" }),
    }
}

fn change_from(v: &Value) -> Change {
    let label = || {
        v.get("label")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let count = || v.get("count").and_then(Value::as_u64).unwrap_or(0) as usize;
    match v.get("kind").and_then(Value::as_str).unwrap_or("") {
        "edited" => Change::Edited(label()),
        "added" => Change::Added(count(), label()),
        "deleted" => Change::Deleted(count(), label()),
        "fields" => Change::Fields,
        "opened" => Change::Opened(label()),
        "new" => Change::NewFile,
        "sample" => Change::Sample,
        "replaced" => Change::Replaced,
        "restored" => Change::Restored(v.get("time").and_then(Value::as_f64).unwrap_or(0.0)),
        "undo" => Change::Undo,
        "redo" => Change::Redo,
        _ => Change::Several,
    }
}

/// The snapshots' list as kept.
pub fn index_text(list: &[SnapshotInfo]) -> String {
    let list: Vec<Value> = list
        .iter()
        .map(|s| {
            json!({ "id": s.id, "time": s.time, "what": change_value(&s.what),
                "projects": s.projects, "chars": s.chars, "tab": s.tab, "step": s.step })
        })
        .collect();
    json!({ "list": list }).to_string()
}

/// The snapshots' list from its text (entries that do not read are left out).
pub fn read_index(text: Option<&str>) -> Vec<SnapshotInfo> {
    let Some(v) = text.and_then(|t| serde_json::from_str::<Value>(t).ok()) else {
        return Vec::new();
    };
    let Some(list) = v.get("list").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| {
            Some(SnapshotInfo {
                id: e.get("id")?.as_str()?.to_owned(),
                time: e.get("time")?.as_f64()?,
                what: change_from(e.get("what")?),
                projects: e.get("projects")?.as_u64()? as usize,
                chars: e.get("chars")?.as_u64()? as usize,
                tab: e.get("tab")?.as_str()?.to_owned(),
                step: e.get("step")?.as_u64()?,
            })
        })
        .collect()
}

/// The list once `new` is added (oldest first) and which entries' registers to remove: `new`
/// replaces the newest when it is of the same tab and step (under that entry's id); then the
/// oldest go until at most [`SNAPSHOT_COUNT`] are left within [`SNAPSHOT_CHARS`].
pub fn plan_snapshots(
    mut list: Vec<SnapshotInfo>,
    mut new: SnapshotInfo,
) -> (Vec<SnapshotInfo>, Vec<String>) {
    if let Some(last) = list.last() {
        if last.tab == new.tab && last.step == new.step {
            new.id = last.id.clone();
            list.pop();
        }
    }
    list.push(new);
    let mut dropped = Vec::new();
    while list.len() > 1
        && (list.len() > SNAPSHOT_COUNT
            || list.iter().map(|s| s.chars).sum::<usize>() > SNAPSHOT_CHARS)
    {
        dropped.push(list.remove(0).id);
    }
    (list, dropped)
}

/// The snapshots kept in this browser, oldest first.
pub fn saved_snapshots() -> Vec<SnapshotInfo> {
    read_index(platform::load(SNAPSHOTS_KEY).as_deref())
}

/// Takes a snapshot of `doc` (described by `new`, whose `chars` is set here) and returns the list
/// as now kept. Nothing is taken when the register is larger than the whole budget; when storage
/// is full, older snapshots are dropped until it fits (or none is left).
pub fn record_snapshot(doc: &Doc, mut new: SnapshotInfo) -> Vec<SnapshotInfo> {
    let list = saved_snapshots();
    let Some(text) = doc_text(doc, SNAPSHOT_CHARS) else {
        return list;
    };
    new.chars = text.len();
    let (mut list, dropped) = plan_snapshots(list, new);
    for id in dropped {
        platform::remove(&snapshot_key(&id));
    }
    let Some(id) = list.last().map(|s| s.id.clone()) else {
        return list;
    };
    loop {
        match platform::try_save(&snapshot_key(&id), &text) {
            Ok(()) => break,
            Err(platform::StorageError::Full) if list.len() > 1 => {
                let old = list.remove(0);
                platform::remove(&snapshot_key(&old.id));
            }
            Err(_) => {
                list.pop();
                break;
            }
        }
    }
    if platform::try_save(SNAPSHOTS_KEY, &index_text(&list)).is_err() {
        return saved_snapshots();
    }
    list
}

/// The register of one snapshot, if it is still kept and reads.
pub fn load_snapshot(id: &str) -> Option<Doc> {
    let mut v: Value = serde_json::from_str(&platform::load(&snapshot_key(id))?).ok()?;
    let name = v.get("name").and_then(Value::as_str).map(str::to_owned);
    let register = Register::from_value(v.as_object_mut()?.remove("file")?).ok()?;
    Some(Doc { name, register })
}

/// Storage keys of the column mappings chosen for planners' own ledgers: this prefix, a dot and
/// the ledger's header set (`jianpai_core::table::mapping::key`), so that the same ledger maps
/// itself the next time it is imported. The value is a JSON array with one entry per column: the
/// field's path, or null for a column not imported.
pub const MAPPING_KEY: &str = "jianpai.mapping.v1";

/// The storage key of the mapping chosen for the header set named `key`.
pub fn mapping_key(key: &str) -> String {
    format!("{MAPPING_KEY}.{key}")
}

/// A mapping as saved: one entry per column, a path or null.
pub fn mapping_text(chosen: &[Option<&str>]) -> String {
    Value::from(
        chosen
            .iter()
            .map(|c| c.map_or(Value::Null, Value::from))
            .collect::<Vec<_>>(),
    )
    .to_string()
}

/// A saved mapping read back for `columns` columns: each path one of `fields` (the fields a
/// column can be mapped to), else not imported. `None` when nothing is saved, or the save is
/// damaged or is for another number of columns.
pub fn read_mapping(
    text: Option<&str>,
    columns: usize,
    fields: &[&'static str],
) -> Option<Vec<Option<&'static str>>> {
    let Value::Array(list) = serde_json::from_str::<Value>(text?).ok()? else {
        return None;
    };
    (list.len() == columns).then(|| {
        list.iter()
            .map(|v| {
                v.as_str()
                    .and_then(|p| fields.iter().copied().find(|f| *f == p))
            })
            .collect()
    })
}

/// The mapping this browser remembers for the header set named `key`, if any.
pub fn saved_mapping(
    key: &str,
    columns: usize,
    fields: &[&'static str],
) -> Option<Vec<Option<&'static str>>> {
    read_mapping(
        platform::load(&mapping_key(key)).as_deref(),
        columns,
        fields,
    )
}

/// Remembers the mapping chosen for the header set named `key` (nothing where storage fails: the
/// mapping is then asked again next time).
pub fn save_mapping(key: &str, chosen: &[Option<&str>]) {
    platform::save(&mapping_key(key), &mapping_text(chosen));
}

/// Storage key of the list of registers kept in this browser, `{"list": [entry]}`: each entry
/// `{"id", "region", "year", "title", "changed", "saved", "hash", "projects"}` (`changed`: ms of
/// its last save in this browser; `saved`, `hash`: its clean mark, as [`CLEAN_KEY`]). The open
/// register is the autosave ([`REGISTER_KEY`], whose metadata names its id); each register is also
/// kept under [`shelf_key`] in the autosave's shape, written when another one is opened in its
/// place. Made on the first load from the single autosave, which stays where it is: nothing moves.
pub const REGISTERS_KEY: &str = "jianpai.registers.v1";

/// One register of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterInfo {
    pub id: String,
    pub region: String,
    pub year: Option<i64>,
    pub title: String,
    /// When it last changed (ms since 1970).
    pub changed: f64,
    /// Its clean mark: when it was last saved as a project file, and its fingerprint then.
    pub saved: Option<f64>,
    pub hash: Option<u64>,
    pub projects: usize,
}

impl RegisterInfo {
    /// The entry of `doc` under `id`, changed at `changed`, with its clean mark.
    pub fn of(id: &str, doc: &Doc, changed: f64, clean: Option<&CleanMark>) -> RegisterInfo {
        let r = &doc.register;
        RegisterInfo {
            id: id.to_owned(),
            region: r.field_text("region"),
            year: r.head().get("year").and_then(Value::as_i64),
            title: r.title().to_owned(),
            changed,
            saved: clean.and_then(|c| c.time),
            hash: clean.map(|c| c.hash),
            projects: r.projects.len(),
        }
    }

    pub fn clean(&self) -> Option<CleanMark> {
        self.hash.map(|hash| CleanMark {
            hash,
            time: self.saved,
        })
    }
}

pub fn registers_text(list: &[RegisterInfo]) -> String {
    let list: Vec<Value> = list
        .iter()
        .map(|r| {
            json!({ "id": r.id, "region": r.region, "year": r.year, "title": r.title,
                "changed": r.changed, "saved": r.saved,
                "hash": r.hash.map(|h| format!("{h:016x}")), "projects": r.projects })
        })
        .collect();
    json!({ "list": list }).to_string()
}

/// The list from its text (entries that do not read are left out).
pub fn read_registers(text: Option<&str>) -> Vec<RegisterInfo> {
    let Some(v) = text.and_then(|t| serde_json::from_str::<Value>(t).ok()) else {
        return Vec::new();
    };
    let Some(list) = v.get("list").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| {
            Some(RegisterInfo {
                id: e.get("id")?.as_str()?.to_owned(),
                region: e.get("region")?.as_str()?.to_owned(),
                year: e.get("year").and_then(Value::as_i64),
                title: e.get("title")?.as_str()?.to_owned(),
                changed: e.get("changed")?.as_f64()?,
                saved: e.get("saved").and_then(Value::as_f64),
                hash: e
                    .get("hash")
                    .and_then(Value::as_str)
                    .and_then(|h| u64::from_str_radix(h, 16).ok()),
                projects: e.get("projects")?.as_u64()? as usize,
            })
        })
        .collect()
}

pub fn saved_registers() -> Vec<RegisterInfo> {
    read_registers(platform::load(REGISTERS_KEY).as_deref())
}

pub fn save_registers(list: &[RegisterInfo]) -> Result<(), platform::StorageError> {
    platform::try_save(REGISTERS_KEY, &registers_text(list))
}

/// Puts `info` in the list (replacing the entry of its id, else at the end) and keeps the list.
pub fn upsert_register(info: RegisterInfo) -> Result<(), platform::StorageError> {
    let mut list = saved_registers();
    match list.iter_mut().find(|r| r.id == info.id) {
        Some(r) => *r = info,
        None => list.push(info),
    }
    save_registers(&list)
}

/// Where a register of the list is kept beside the autosave.
pub fn shelf_key(id: &str) -> String {
    format!("{REGISTERS_KEY}.{id}")
}

/// Keeps a register of the list under its own key (the autosave's shape, `meta.register` = id).
pub fn shelve(doc: &Doc, meta: &SaveMeta) -> Result<(), platform::StorageError> {
    platform::try_save(&shelf_key(&meta.register), &register_text(doc, meta))
}

/// A register of the list: the autosave when it holds that register, else its own key.
pub fn load_listed(id: &str) -> Option<(Doc, SaveMeta)> {
    let slot = platform::load(REGISTER_KEY);
    let text = match slot.as_deref().and_then(meta_of) {
        Some(m) if m.register == id => slot,
        _ => platform::load(&shelf_key(id)),
    };
    match restore_register(text.as_deref()) {
        Restored::Saved(doc, meta) => Some((doc, meta)),
        Restored::Nothing | Restored::Damaged(_) => None,
    }
}

/// The id of the open register on this load, the list made from the single autosave the first
/// time: a save from before the list is given an id (written into the save, nothing else of it
/// changed: it stays where it is, the open register) and its entry in the list. `meta` is the
/// autosave's (`None`: nothing saved, the sample is open: it joins the list at its first save).
/// The id given is the first `r1`, `r2` … the list does not use, so that two tabs opened at once
/// on the same register agree on it (their saves are then one register's, and conflict).
pub fn migrate(doc: &Doc, meta: Option<&SaveMeta>) -> String {
    let mut list = saved_registers();
    // Tabs that load at once find the same id: the first `rN` the list does not use.
    let free = || {
        (1..)
            .map(|n| format!("r{n}"))
            .find(|id| !list.iter().any(|r| r.id == *id))
            .unwrap_or_default()
    };
    let Some(meta) = meta else {
        return free();
    };
    let id = if meta.register.is_empty() {
        let id = free();
        if let Some(Ok(Value::Object(mut save))) =
            platform::load(REGISTER_KEY).map(|t| serde_json::from_str::<Value>(&t))
        {
            if let Some(Value::Object(m)) = save.get_mut("meta") {
                m.insert("register".into(), Value::from(id.as_str()));
            } else {
                save.insert(
                    "meta".into(),
                    json!({ "revision": meta.revision, "tab": meta.tab, "time": meta.time,
                        "register": id }),
                );
            }
            let _ = platform::try_save(REGISTER_KEY, &Value::Object(save).to_string());
        }
        id
    } else {
        meta.register.clone()
    };
    if !list.iter().any(|r| r.id == id) {
        list.push(RegisterInfo::of(
            &id,
            doc,
            meta.time,
            saved_clean().as_ref(),
        ));
        let _ = save_registers(&list);
    }
    id
}

/// The interface language chosen in this browser, else 中文.
pub fn saved_lang() -> Lang {
    match platform::load(LANG_KEY).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

pub fn save_lang(lang: Lang) {
    platform::save(LANG_KEY, lang.pick("zh", "en"));
}

/// The estimate form as last saved in this browser (else the blank form), and who saved it.
pub fn saved_estimate() -> (Estimate, Option<SaveMeta>) {
    let text = platform::load(ESTIMATE_KEY);
    let meta = text.as_deref().and_then(meta_of);
    (estimate_from_json(text.as_deref()), meta)
}

/// The metadata of the estimate form's save in this browser now.
pub fn saved_estimate_meta() -> Option<SaveMeta> {
    platform::load(ESTIMATE_KEY).as_deref().and_then(meta_of)
}

/// Saves the estimate form with who saved it (`{"meta": …}` beside [`estimate_json`]'s keys).
pub fn save_estimate(estimate: &Estimate, meta: &SaveMeta) -> Result<(), platform::StorageError> {
    platform::try_save(ESTIMATE_KEY, &estimate_text(estimate, meta))
}

/// [`estimate_json`] with the save's metadata under `"meta"` (as in a register save); a reader
/// that does not know `"meta"` ignores it.
pub fn estimate_text(e: &Estimate, meta: &SaveMeta) -> String {
    let mut root = estimate_map(e);
    root.insert(
        "meta".into(),
        json!({ "revision": meta.revision, "tab": meta.tab, "time": meta.time }),
    );
    Value::Object(root).to_string()
}

/// A choice as saved: its name, or "" for "the default".
fn choice_text<T: Choice>(c: Option<T>) -> &'static str {
    c.map_or("", Choice::name)
}

/// The form as JSON: `{"selected": type, "crediting": name, "electricity_basis": name,
/// "types": {type: {"start_month": m, "category": name, "fields": {path: text}}}}`, "" for a
/// choice left at its default.
pub fn estimate_json(e: &Estimate) -> String {
    Value::Object(estimate_map(e)).to_string()
}

fn estimate_map(e: &Estimate) -> Map<String, Value> {
    // Built by `order::object` (inserts; no sort compiled per map, issue 20).
    let types = order::object(e.types.iter().map(|form| {
        let fields = order::object(
            form.fields
                .iter()
                .map(|f| (f.spec.path.to_owned(), Value::from(f.text.as_str()))),
        );
        let mut entry = Map::new();
        entry.insert("start_month".into(), Value::from(form.start_month));
        entry.insert("category".into(), choice_text(form.category).into());
        if let Some(c) = form.key_category {
            // Only when chosen: a form saved before the field existed reads the same.
            entry.insert("key_category".into(), c.name().into());
        }
        entry.insert("fields".into(), Value::Object(fields));
        // A list field's entries (`vocs_substitution`'s materials), each as its texts in
        // the order of the list's item fields; only types that have one save the key.
        if !form.lists.is_empty() {
            let lists = order::object(
                form.lists
                    .iter()
                    .map(|l| (l.spec.path.to_owned(), serde_json::json!(l.entries))),
            );
            entry.insert("lists".into(), Value::Object(lists));
        }
        (form.type_name.to_owned(), Value::Object(entry))
    }));
    let selected = MeasureType::NAMES
        .get(e.selected)
        .copied()
        .unwrap_or_default();
    let mut root = Map::new();
    root.insert("selected".into(), Value::from(selected));
    root.insert("crediting".into(), choice_text(e.crediting).into());
    root.insert(
        "electricity_basis".into(),
        choice_text(e.electricity_basis).into(),
    );
    root.insert("types".into(), Value::Object(types));
    let id = &e.identity;
    let identity = order::object(
        [
            ("id", &id.id),
            ("name", &id.name),
            ("enterprise", &id.enterprise),
            ("township", &id.township),
            ("region", &id.region),
            ("year", &id.year),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), Value::from(v.as_str()))),
    );
    root.insert("identity".into(), Value::Object(identity));
    // The project's own numbers (start year, offsets), only those typed: a form without them
    // saves as before.
    let own = order::object(
        e.project_fields
            .iter()
            .filter(|f| !f.text.is_empty())
            .map(|f| (f.spec.path.to_owned(), Value::from(f.text.as_str()))),
    );
    if !own.is_empty() {
        root.insert("project_fields".into(), Value::Object(own));
    }
    root
}

/// The form from saved JSON, else the blank form (the sample's values its placeholders). A save
/// that is damaged or from another version is read as far as it matches; the rest stays blank.
pub fn estimate_from_json(saved: Option<&str>) -> Estimate {
    let mut form = Estimate::blank();
    let Some(saved) = saved.and_then(|s| serde_json::from_str::<Value>(s).ok()) else {
        return form;
    };
    for tf in &mut form.types {
        let Some(entry) = saved.pointer(&format!("/types/{}", tf.type_name)) else {
            continue;
        };
        if let Some(m) = entry
            .get("start_month")
            .and_then(Value::as_u64)
            .filter(|m| *m <= 12)
        {
            tf.start_month = m as u8;
        }
        if let Some(c) = entry.get("category").and_then(Value::as_str) {
            tf.category = Choice::parse(c);
        }
        if let Some(c) = entry.get("key_category").and_then(Value::as_str) {
            tf.key_category = Choice::parse(c);
        }
        for f in &mut tf.fields {
            if let Some(text) = entry
                .get("fields")
                .and_then(|o| o.get(f.spec.path))
                .and_then(Value::as_str)
            {
                f.text = text.to_owned();
            }
        }
        for list in &mut tf.lists {
            let Some(saved) = entry
                .get("lists")
                .and_then(|o| o.get(list.spec.path))
                .and_then(Value::as_array)
            else {
                continue;
            };
            let width = list.spec.items().len();
            list.entries = saved
                .iter()
                .map(|e| {
                    let texts = e.as_array().map_or(&[][..], Vec::as_slice);
                    (0..width)
                        .map(|i| {
                            texts
                                .get(i)
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_owned()
                        })
                        .collect()
                })
                .collect();
        }
    }
    if let Some(i) = saved
        .get("selected")
        .and_then(Value::as_str)
        .and_then(type_index)
    {
        form.selected = i;
    }
    if let Some(c) = saved.get("crediting").and_then(Value::as_str) {
        form.crediting = Choice::parse(c);
    }
    if let Some(b) = saved.get("electricity_basis").and_then(Value::as_str) {
        form.electricity_basis = Choice::parse(b);
    }
    let text = |k: &str| {
        saved
            .pointer(&format!("/identity/{k}"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let id = &mut form.identity;
    for (slot, key) in [
        (&mut id.id, "id"),
        (&mut id.name, "name"),
        (&mut id.enterprise, "enterprise"),
        (&mut id.township, "township"),
        (&mut id.region, "region"),
        (&mut id.year, "year"),
    ] {
        if let Some(t) = text(key) {
            *slot = t;
        }
    }
    for f in &mut form.project_fields {
        if let Some(t) = saved
            .get("project_fields")
            .and_then(|o| o.get(f.spec.path))
            .and_then(Value::as_str)
        {
            f.text = t.to_owned();
        }
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use jianpai_core::{Category, Crediting, ElectricityBasis};

    fn text_of(e: &Estimate, type_name: &str, path: &str) -> String {
        let form = e.types.iter().find(|t| t.type_name == type_name).unwrap();
        let input = form.fields.iter().find(|f| f.spec.path == path).unwrap();
        input.text.clone()
    }

    /// A save written by the earlier, string-valued form still restores, now as typed values.
    #[test]
    fn reads_a_save_of_the_string_form() {
        let saved = r#"{"selected":"denitrification","crediting":"second_month",
            "electricity_basis":"equal_value","types":{"wastewater":{"start_month":5,
            "category":"structural","fields":{"flow_m3_per_day":"12a"}}}}"#;
        let e = estimate_from_json(Some(saved));
        assert_eq!(MeasureType::NAMES[e.selected], "denitrification");
        assert_eq!(e.crediting, Some(Crediting::SecondMonth));
        assert_eq!(e.electricity_basis, Some(ElectricityBasis::EqualValue));
        let ww = &e.types[0];
        assert_eq!((ww.type_name, ww.start_month), ("wastewater", 5));
        assert_eq!(ww.category, Some(Category::Structural));
        // Kept exactly as typed, even when it is not a number.
        assert_eq!(text_of(&e, "wastewater", "flow_m3_per_day"), "12a");
    }

    /// A mapping read back as saved; a path no longer a field is not imported; a damaged save
    /// or one for another number of columns is none.
    #[test]
    fn mappings_read_back() {
        let fields = ["id", "name", "flow_m3_per_day"];
        let chosen = [Some("id"), None, Some("flow_m3_per_day")];
        let text = mapping_text(&chosen);
        assert_eq!(text, r#"["id",null,"flow_m3_per_day"]"#);
        assert_eq!(read_mapping(Some(&text), 3, &fields), Some(chosen.to_vec()));
        assert_eq!(
            read_mapping(Some(r#"["id","gone",null]"#), 3, &fields),
            Some(vec![Some("id"), None, None])
        );
        assert_eq!(read_mapping(Some(&text), 4, &fields), None);
        assert_eq!(read_mapping(Some("{not json"), 3, &fields), None);
        assert_eq!(read_mapping(Some(r#"{"a":1}"#), 3, &fields), None);
        assert_eq!(read_mapping(None, 3, &fields), None);
    }

    /// "" is "the default"; a damaged save, a month past 12 or an unknown type are ignored.
    #[test]
    fn blank_and_damaged_saves() {
        // Nothing saved, or a save that is not JSON: the blank form (no sample value in it).
        let sample = Estimate::blank();
        assert_eq!(estimate_from_json(Some("{not json")), sample);
        assert_eq!(estimate_from_json(None), sample);
        assert!(sample
            .types
            .iter()
            .all(|t| t.fields.iter().all(|f| f.text.is_empty()) && t.start_month == 0));
        assert!(!crate::form::sample_text(0, "flow_m3_per_day").is_empty());
        let e = estimate_from_json(Some(
            r#"{"selected":"no_such_type","crediting":"","types":{"wastewater":{"start_month":13,"category":""}}}"#,
        ));
        assert_eq!(e.selected, 0);
        assert_eq!(e.crediting, None);
        assert_eq!(e.types[0].start_month, sample.types[0].start_month);
        assert_eq!(e.types[0].category, None);
    }

    /// A register with what a save must not tidy away: an invalid project, a duplicate id, unknown
    /// fields in the file and in a project, numbers that are not round in binary, a non-ASCII name.
    fn awkward_file() -> Value {
        json!({
            "format": "jianpai/1",
            "title": "测试县 2025",
            "x_custom": { "kept": [1, "two", null] },
            "projects": [
                { "id": "w1", "measure": { "type": "wastewater", "flow_m3_per_day": 1234.5678,
                  "load_rate": 0.1, "days": 300, "cod_before_mg_l": 200, "cod_after_mg_l": 50 },
                  "note_from_elsewhere": "保留" },
                { "id": "bad", "measure": { "type": "no_such_measure" } },
                { "id": "w1", "measure": { "type": "capacity_phaseout", "enterprises": -3 } },
                "not even an object"
            ]
        })
    }

    #[test]
    fn a_register_save_restores_exactly() {
        let file = awkward_file();
        let doc = Doc {
            name: Some("县登记表.json".into()),
            register: Register::read(&file).unwrap(),
        };
        let meta = SaveMeta {
            revision: 7,
            tab: "abc".into(),
            time: 1.5e12,
            register: "r1".into(),
        };
        let text = register_text(&doc, &meta);
        let Restored::Saved(back, back_meta) = restore_register(Some(&text)) else {
            panic!("the save did not restore: {text}");
        };
        assert_eq!(back.register.to_value(), file);
        assert_eq!(back.name.as_deref(), Some("县登记表.json"));
        assert_eq!(back.register.projects.len(), 4);
        assert_eq!(back, doc);
        assert_eq!(back_meta, meta);
        assert_eq!(meta_of(&text), Some(meta));
        // The sample (no name) too.
        let sample = Doc::sample();
        let text = register_text(&sample, &SaveMeta::default());
        assert_eq!(
            restore_register(Some(&text)),
            Restored::Saved(sample, SaveMeta::default())
        );
    }

    #[test]
    fn a_save_ends_with_its_tail_and_another_save_does_not() {
        // The tail the autosave compares with the save in storage is the save's own end, for a
        // name with quotes, a backslash and Chinese, and for none; a save of another revision,
        // tab or name does not end with it.
        let mut doc = Doc::sample();
        doc.name = Some("县\\\"登记\"表\\.json".into());
        let meta = SaveMeta {
            revision: 12,
            tab: "t-1".into(),
            time: 1.7e12 + 0.25,
            register: "r2".into(),
        };
        let tail = register_tail(&doc, &meta);
        assert!(tail.starts_with(",\"meta\":{"), "{tail}");
        assert!(register_text(&doc, &meta).ends_with(&tail), "{tail}");
        let next = SaveMeta {
            revision: 13,
            ..meta.clone()
        };
        assert!(!register_text(&doc, &next).ends_with(&tail));
        let other_tab = SaveMeta {
            tab: "t-2".into(),
            ..meta.clone()
        };
        assert!(!register_text(&doc, &other_tab).ends_with(&tail));
        let unnamed = Doc::sample();
        assert!(!register_text(&unnamed, &meta).ends_with(&tail));
        assert!(register_text(&unnamed, &meta).ends_with(&register_tail(&unnamed, &meta)));
    }

    #[test]
    fn a_damaged_register_save_is_handed_back_whole() {
        assert_eq!(restore_register(None), Restored::Nothing);
        let good = register_text(&Doc::sample(), &SaveMeta::default());
        // Cut near the middle, at a character boundary (the sample's names are Chinese).
        let mut half = good.len() / 2;
        while !good.is_char_boundary(half) {
            half -= 1;
        }
        let cut = &good[..half];
        for text in [
            "{not json",
            cut,
            "[1,2]",
            r#"{"meta":{"revision":1,"tab":"t","time":0},"name":null}"#,
            r#"{"name":null,"file":{"format":"other/9","projects":[]}}"#,
            r#"{"name":null,"file":{"format":"jianpai/1","projects":{}}}"#,
            r#"{"name":5,"file":{"format":"jianpai/1","projects":[]}}"#,
        ] {
            assert_eq!(
                restore_register(Some(text)),
                Restored::Damaged(text.to_owned()),
                "{text}"
            );
        }
        // Unreadable metadata alone loses nothing: the register restores, as revision 0.
        let no_meta = r#"{"meta":"?","name":"a.json","file":{"format":"jianpai/1","projects":[]}}"#;
        let Restored::Saved(doc, meta) = restore_register(Some(no_meta)) else {
            panic!("a register without metadata was not restored");
        };
        assert_eq!((doc.name.as_deref(), meta.revision), (Some("a.json"), 0));
    }

    #[test]
    fn undo_steps_restore_only_with_their_save_and_within_bounds() {
        let meta = SaveMeta {
            revision: 4,
            tab: "t".into(),
            time: 1.0,
            register: String::new(),
        };
        let mut edited = Doc::sample();
        edited
            .register
            .set_field_text("title", "改过的标题")
            .unwrap();
        let steps = vec![Doc::new_file(), edited, Doc::sample()];
        let text = history_text(&meta, &steps).unwrap();
        assert_eq!(restore_history(Some(&text), &meta), steps);
        // Another save (other tab or revision): nothing.
        let other = SaveMeta {
            tab: "u".into(),
            ..meta.clone()
        };
        assert!(restore_history(Some(&text), &other).is_empty());
        assert!(restore_history(Some("{broken"), &meta).is_empty());
        assert!(restore_history(None, &meta).is_empty());
        // At most KEPT_STEPS, the newest.
        let many: Vec<Doc> = (0..KEPT_STEPS + 10)
            .map(|i| {
                let mut d = Doc::new_file();
                d.register.set_field_text("title", &i.to_string()).unwrap();
                d
            })
            .collect();
        let kept = restore_history(history_text(&meta, &many).as_deref(), &meta);
        assert_eq!(kept.len(), KEPT_STEPS);
        assert_eq!(kept[0].register.title(), "10");
        // Within KEPT_CHARS: a step larger than that keeps nothing.
        let mut big = Doc::new_file();
        big.register
            .set_field_text("title", &"x".repeat(KEPT_CHARS))
            .unwrap();
        assert_eq!(history_text(&meta, &[big.clone()]), None);
        let kept = restore_history(history_text(&meta, &[big, Doc::sample()]).as_deref(), &meta);
        assert_eq!(kept, vec![Doc::sample()]);
    }

    fn snap(id: &str, step: u64, chars: usize) -> SnapshotInfo {
        SnapshotInfo {
            id: id.into(),
            time: 1.0,
            what: Change::Deleted(2, "p02".into()),
            projects: 3,
            chars,
            tab: "t".into(),
            step,
        }
    }

    #[test]
    fn snapshots_keep_the_newest_twenty_within_the_budget_and_join_a_step() {
        let mut list = Vec::new();
        for i in 0..25u64 {
            let (kept, dropped) = plan_snapshots(list, snap(&i.to_string(), i, 10));
            // From the 21st on, the oldest goes.
            assert_eq!(dropped.len(), usize::from(i >= 20), "{i}");
            list = kept;
        }
        assert_eq!(list.len(), SNAPSHOT_COUNT);
        assert_eq!((list[0].id.as_str(), list[19].id.as_str()), ("5", "24"));
        // The same step again replaces the newest, under its id.
        let (kept, dropped) = plan_snapshots(list.clone(), snap("new", 24, 10));
        assert_eq!((kept.len(), dropped.len()), (20, 0));
        assert_eq!(kept[19].id, "24");
        // Within the budget: a snapshot of 60 % of it leaves room for none of 50 % beside it.
        let big = SNAPSHOT_CHARS * 6 / 10;
        let (kept, dropped) =
            plan_snapshots(vec![snap("a", 1, big)], snap("b", 2, SNAPSHOT_CHARS / 2));
        assert_eq!((kept.len(), dropped), (1, vec!["a".to_owned()]));
        // The list reads back as written.
        assert_eq!(read_index(Some(&index_text(&list))), list);
        assert!(read_index(Some("{broken")).is_empty());
    }

    #[test]
    fn the_clean_mark_reads_back_and_the_fingerprint_sees_any_change() {
        let m = CleanMark {
            hash: u64::MAX - 7,
            time: Some(1.5e12),
        };
        assert_eq!(read_clean(Some(&clean_text(&m))), Some(m));
        let never = CleanMark {
            hash: 3,
            time: None,
        };
        assert_eq!(read_clean(Some(&clean_text(&never))), Some(never));
        assert_eq!(read_clean(Some("{}")), None);
        let a = Doc::sample();
        assert_eq!(fingerprint(&a), fingerprint(&Doc::sample()));
        let mut b = Doc::sample();
        b.register.set_field_text("title", "改").unwrap();
        assert_ne!(fingerprint(&a), fingerprint(&b));
        let named = Doc {
            name: Some("x.json".into()),
            ..Doc::sample()
        };
        assert_ne!(fingerprint(&a), fingerprint(&named));
    }

    #[test]
    fn the_list_of_registers_reads_back_and_skips_what_does_not_read() {
        let mut doc = Doc::sample();
        doc.register.set_field_text("year", "2025").unwrap();
        let clean = CleanMark {
            hash: u64::MAX - 1,
            time: Some(1.5e12),
        };
        let a = RegisterInfo::of("r1", &doc, 1.7e12, Some(&clean));
        assert_eq!(
            (a.year, a.region.as_str(), a.projects),
            (Some(2025), "示例县", doc.register.projects.len())
        );
        assert_eq!(a.clean(), Some(clean));
        let b = RegisterInfo::of("x9", &Doc::new_file(), 2.0, None);
        assert_eq!(
            (b.year, b.saved, b.hash, b.clean()),
            (None, None, None, None)
        );
        let list = vec![a, b];
        assert_eq!(read_registers(Some(&registers_text(&list))), list);
        assert!(read_registers(Some("{broken")).is_empty());
        assert!(read_registers(None).is_empty());
        let partial = r#"{"list":[{"id":"r1"},{"id":"r2","region":"","title":"t","changed":1,"projects":0}]}"#;
        let read = read_registers(Some(partial));
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].id, "r2");
        // A save names its register; one from before the list reads with none.
        let meta = SaveMeta {
            register: "r2".into(),
            ..SaveMeta::default()
        };
        let text = register_text(&doc, &meta);
        assert_eq!(meta_of(&text).map(|m| m.register), Some("r2".to_owned()));
        let old = r#"{"meta":{"revision":1,"tab":"t","time":0},"name":null,"file":{"format":"jianpai/1"}}"#;
        assert_eq!(meta_of(old).map(|m| m.register), Some(String::new()));
    }

    /// What is saved reads back unchanged, in the shape described on `estimate_json`.
    #[test]
    fn round_trip() {
        let mut e = Estimate::from_sample();
        e.selected = 2;
        e.crediting = Some(Crediting::FullYear);
        e.types[1].start_month = 11;
        e.types[1].category = Some(Category::Management);
        e.types[0].fields[0].text = " 3.50 ".to_owned();
        let json = estimate_json(&e);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["selected"], "denitrification");
        assert_eq!(v["crediting"], "full_year");
        assert_eq!(v["electricity_basis"], "");
        assert_eq!(v["types"]["desulfurization"]["category"], "management");
        assert_eq!(estimate_from_json(Some(&json)), e);
        // With who saved it: the same form, and the metadata read back.
        let meta = SaveMeta {
            revision: 3,
            tab: "t1".into(),
            time: 2.0,
            register: String::new(),
        };
        let text = estimate_text(&e, &meta);
        assert_eq!(estimate_from_json(Some(&text)), e);
        assert_eq!(meta_of(&text), Some(meta));
    }
}
