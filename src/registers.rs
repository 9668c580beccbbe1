//! The registers kept in this browser (`persist::REGISTERS_KEY`): the open one is the autosave;
//! opening another keeps the open one under its own key first (with its clean mark), so that
//! nothing is lost by switching; a new register, a file opened as a new register and next year's
//! register made from this one (`jianpai_core::plan::next_year`) join the list; a register that is
//! not open can be deleted and the deletion undone. The five-year view is computed by the engine
//! (`jianpai_core::plan`, `doc::plan`) from every register of the list.

use crate::autosave::Autosave;
use crate::persist::{self, CleanMark, RegisterInfo};
use crate::platform;
use crate::protect::Protection;
use crate::workspace::{Doc, Workspace};
use jianpai_core::doc::Document;
use jianpai_core::plan::{self, PlanYear};
use jianpai_core::register::Register;
use jianpai_core::Lang;
use leptos::prelude::*;
use reactive_stores::Field;

/// What the list last did, as it says it.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Next year's register was made: its year, the year it came from and how many projects it
    /// carried over.
    NextYear {
        year: i64,
        from: i64,
        carried: usize,
    },
    NoYear,
    /// The open register could not be kept: nothing was switched.
    NotKept,
    Missing,
}

#[derive(Clone, Copy)]
pub struct Registers {
    workspace: Field<Workspace>,
    autosave: Autosave,
    protection: Protection,
    /// The list as kept (the open register's entry as of its last save).
    pub list: RwSignal<Vec<RegisterInfo>>,
    /// The id of the register open in this tab.
    pub open: RwSignal<String>,
    /// The register last deleted, until undone or another is deleted: its entry and saved text.
    pub deleted: RwSignal<Option<(RegisterInfo, String)>>,
    pub notice: RwSignal<Option<Notice>>,
}

impl Registers {
    pub fn new(workspace: Field<Workspace>, autosave: Autosave, protection: Protection) -> Self {
        let r = Registers {
            workspace,
            autosave,
            protection,
            list: RwSignal::new(persist::saved_registers()),
            open: RwSignal::new(autosave.register_id()),
            deleted: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        // Another tab changed the list.
        let storage = platform::on_storage_change(persist::REGISTERS_KEY, move |_| r.refresh());
        on_cleanup(move || storage.remove());
        r
    }

    /// The open register's entry as it is now (its county, year, title and projects live).
    pub fn live(self, info: RegisterInfo) -> RegisterInfo {
        self.workspace.with(|w| RegisterInfo {
            changed: info.changed,
            saved: info.saved,
            hash: info.hash,
            ..RegisterInfo::of(&info.id, &w.doc, info.changed, None)
        })
    }

    pub fn refresh(self) {
        self.list.set(persist::saved_registers());
    }

    /// The open register under its own key, and its entry (with its clean mark) in the list.
    fn keep_open(self) -> Result<(), platform::StorageError> {
        let meta = self.autosave.meta_now();
        let Some(doc) = self.workspace.try_with_untracked(|w| w.doc.clone()) else {
            return Ok(());
        };
        persist::shelve(&doc, &meta)?;
        let changed = persist::saved_registers()
            .iter()
            .find(|r| r.id == meta.register)
            .map_or(meta.time, |r| r.changed);
        let info = RegisterInfo::of(
            &meta.register,
            &doc,
            changed,
            self.protection.clean_mark().as_ref(),
        );
        persist::upsert_register(info)
    }

    /// Shows `doc` as the register `id` (no undo into the register it replaces).
    fn show(self, id: String, doc: Doc, mark: Option<CleanMark>, changed: f64) {
        self.workspace
            .update(|w| *w = Workspace::restored(doc, Vec::new()));
        self.autosave.switch_to(id.clone(), changed);
        self.protection.adopt(mark);
        self.open.set(id);
        self.refresh();
    }

    /// Opens a register of the list in place of the open one (which stays in the list).
    pub fn open_listed(self, id: &str) {
        if self.open.get_untracked() == id {
            return;
        }
        if self.keep_open().is_err() {
            self.notice.set(Some(Notice::NotKept));
            return;
        }
        let Some((doc, meta)) = persist::load_listed(id) else {
            self.notice.set(Some(Notice::Missing));
            self.refresh();
            return;
        };
        let entry = persist::saved_registers().into_iter().find(|r| r.id == id);
        let mark = entry.as_ref().and_then(RegisterInfo::clean);
        let changed = entry.map_or(meta.time, |e| e.changed);
        self.notice.set(None);
        self.show(id.to_owned(), doc, mark, changed);
    }

    /// Adds `doc` to the list as a new register and opens it; `saved`: it was just read from a
    /// project file (so it is saved as one).
    pub fn add(self, doc: Doc, saved: bool) -> bool {
        if self.keep_open().is_err() {
            self.notice.set(Some(Notice::NotKept));
            return false;
        }
        self.notice.set(None);
        let id = platform::random_id();
        self.show(id, doc, None, platform::now_ms());
        self.protection.mark_clean(saved);
        true
    }

    /// Makes next year's register from the open one and opens it (methodology §2.5).
    pub fn next_year(self) {
        let Some(reg) = self
            .workspace
            .try_with_untracked(|w| w.doc.register.clone())
        else {
            return;
        };
        let from = reg.field_text("year").trim().parse::<i64>().ok();
        match (plan::next_year(&reg), from) {
            (Ok(next), Some(from)) => {
                let carried = next.carried.len();
                let doc = Doc {
                    name: None,
                    register: next.register,
                };
                if self.add(doc, false) {
                    self.notice.set(Some(Notice::NextYear {
                        year: from + 1,
                        from,
                        carried,
                    }));
                }
            }
            _ => self.notice.set(Some(Notice::NoYear)),
        }
    }

    /// Deletes a register that is not open (undoable until another is deleted).
    pub fn delete(self, id: &str) {
        if self.open.get_untracked() == id {
            return;
        }
        let mut list = persist::saved_registers();
        let Some(at) = list.iter().position(|r| r.id == id) else {
            self.refresh();
            return;
        };
        let text = platform::load(&persist::shelf_key(id)).unwrap_or_default();
        let info = list.remove(at);
        if persist::save_registers(&list).is_err() {
            self.notice.set(Some(Notice::NotKept));
            return;
        }
        platform::remove(&persist::shelf_key(id));
        self.deleted.set(Some((info, text)));
        self.refresh();
    }

    /// Puts the register last deleted back in the list.
    pub fn undo_delete(self) {
        let Some((info, text)) = self.deleted.get_untracked() else {
            return;
        };
        if platform::try_save(&persist::shelf_key(&info.id), &text).is_err()
            || persist::upsert_register(info).is_err()
        {
            self.notice.set(Some(Notice::NotKept));
            return;
        }
        self.deleted.set(None);
        self.refresh();
    }

    /// The five-year view of every register in the list (the open one as it is now), or why it
    /// cannot be shown; and the names of the registers left out (their own fields do not read).
    pub fn plan_document(self, l: Lang) -> (Result<Document, String>, Vec<String>) {
        let open = self.open.get();
        let mut years = Vec::new();
        let mut left_out = Vec::new();
        let mut add = |reg: &Register, name: String| {
            let report = reg.compute_numbers().report;
            match (report, reg.head_file()) {
                (Ok(r), Ok(f)) => years.push(PlanYear::new(&r, &f.plan_targets)),
                _ => left_out.push(name),
            }
        };
        self.workspace
            .with(|w| add(&w.doc.register, name_of_doc(&w.doc, l)));
        for info in self.list.get().iter().filter(|r| r.id != open) {
            if let Some((doc, _)) = persist::load_listed(&info.id) {
                add(&doc.register, name_of(info, l));
            }
        }
        let doc = plan::plan(&years)
            .map(|views| jianpai_core::doc::plan::document(&views, l))
            .map_err(|e| e.message(l));
        (doc, left_out)
    }
}

/// A register's name as the list says it: county, year and title (what is given).
pub fn name_of(info: &RegisterInfo, l: Lang) -> String {
    let year = info.year.map(|y| y.to_string()).unwrap_or_default();
    name_from(&info.region, &year, &info.title, l)
}

fn name_of_doc(doc: &Doc, l: Lang) -> String {
    let r = &doc.register;
    name_from(&r.field_text("region"), &r.field_text("year"), r.title(), l)
}

fn name_from(region: &str, year: &str, title: &str, l: Lang) -> String {
    use crate::i18n::{msg, t, Msg, Text};
    if year.is_empty() {
        let s = format!("{region} {title}").trim().to_owned();
        return if s.is_empty() {
            t(l, Text::UnnamedRegister).to_owned()
        } else {
            s
        };
    }
    msg(
        l,
        Msg::RegisterName {
            region,
            year,
            title,
        },
    )
    .trim()
    .to_owned()
}
