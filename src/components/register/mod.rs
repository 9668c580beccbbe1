//! The county register: a table of the open file's projects (name, township, category, type,
//! start month, credited amounts, status) with a totals row equal to the engine's totals; add,
//! edit, duplicate and delete; filter and sort; undo and redo. Only the rows in view are drawn,
//! so a register of ten thousand projects stays quick.

use crate::i18n::{quantity, t, use_lang, Lang, Text};
use crate::platform;
use crate::workspace::{Doc, Shared, Workspace};
use jianpai_core::form::{project_from_texts, Draft, ProjectTexts};
use jianpai_core::register::{Entry, EntryKey, RegisterReport};
use jianpai_core::{Category, Choice, Key, Labelled, MeasureType};
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use reactive_stores::Field;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

/// The credited amounts shown per project.
pub const COLUMNS: [Key; 6] = Key::EMISSIONS;

/// Height of one table row in pixels (style/register.css keeps rows at this height).
const ROW_HEIGHT: f64 = 36.0;
/// Rows drawn above and below those in view, so that scrolling never shows a gap.
const OVERSCAN: usize = 10;

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Position,
    Name,
    Township,
    Category,
    Type,
    Month,
    Amount(Key),
    Status,
}

/// One row as shown: its position and what it shows (shared, so that an unchanged project's
/// row is reused as it is after an edit elsewhere).
#[derive(Clone, Debug)]
struct Row {
    index: usize,
    key: EntryKey,
    data: Arc<RowData>,
}

/// Rows are equal when they are the same row (pointer), so that comparing ten thousand rows
/// after an edit costs no deep comparison.
impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && self.key == other.key && Arc::ptr_eq(&self.data, &other.data)
    }
}

impl std::ops::Deref for Row {
    type Target = RowData;
    fn deref(&self) -> &RowData {
        &self.data
    }
}

/// What a row shows.
#[derive(Debug, PartialEq)]
struct RowData {
    id: String,
    name: String,
    enterprise: String,
    township: String,
    category: Option<Category>,
    kind: Option<MeasureType>,
    month: Option<u64>,
    amounts: Option<[f64; 6]>,
    /// The project's warnings, in the language shown.
    warnings: Vec<String>,
    problems: Vec<String>,
    /// Possible double counting with other projects: (the other project's id, the message).
    overlaps: Vec<(String, String)>,
}

impl RowData {
    fn new(
        index: usize,
        entry: &Entry,
        report: &RegisterReport,
        overlaps: Vec<(String, String)>,
        l: Lang,
    ) -> RowData {
        let result = report.results.get(index);
        let (amounts, warnings, problems) = match result {
            Some(Ok(r)) => (
                Some(COLUMNS.map(|k| r.credited[k])),
                r.warnings.iter().map(|w| w.message(l)).collect(),
                Vec::new(),
            ),
            Some(Err(errs)) => (
                None,
                Vec::new(),
                errs.iter().map(|e| e.message(l)).collect(),
            ),
            None => (None, Vec::new(), Vec::new()),
        };
        let category = match result {
            Some(Ok(r)) => Some(r.category),
            _ => entry.category(),
        };
        RowData {
            id: entry.id().unwrap_or("").to_owned(),
            name: entry.text("name").to_owned(),
            enterprise: entry.text("enterprise").to_owned(),
            township: entry.text("township").to_owned(),
            category,
            kind: MeasureType::parse(entry.type_tag()),
            month: entry.start_month(),
            amounts,
            warnings,
            problems,
            overlaps,
        }
    }
}

impl Row {
    /// `text` is the filter's text, trimmed and in lower case.
    fn matches(&self, f: &Filter, text: &str) -> bool {
        (f.township.is_empty() || self.township == f.township)
            && f.category.is_none_or(|c| self.category == Some(c))
            && f.kind.is_none_or(|k| self.kind == Some(k))
            && (text.is_empty()
                || [&self.name, &self.id, &self.enterprise, &self.township]
                    .iter()
                    .any(|s| s.to_lowercase().contains(text)))
    }

    fn compare(&self, other: &Row, by: SortBy) -> Ordering {
        let num = |r: &Row, k: Key| {
            r.amounts
                .map(|a| a[COLUMNS.iter().position(|c| *c == k).unwrap_or(0)])
                .unwrap_or(f64::NEG_INFINITY)
        };
        match by {
            SortBy::Position => self.index.cmp(&other.index),
            SortBy::Name => self.name.cmp(&other.name),
            SortBy::Township => self.township.cmp(&other.township),
            SortBy::Category => self.category.cmp(&other.category),
            SortBy::Type => self.kind.cmp(&other.kind),
            SortBy::Month => self.month.cmp(&other.month),
            SortBy::Amount(k) => num(self, k).total_cmp(&num(other, k)),
            SortBy::Status => (
                self.problems.len(),
                self.warnings.len() + self.overlaps.len(),
            )
                .cmp(&(
                    other.problems.len(),
                    other.warnings.len() + other.overlaps.len(),
                )),
        }
        .then(self.index.cmp(&other.index))
    }
}

/// The rows built so far, by project (`Arc` pointer), with the result they were built from.
#[derive(Default)]
struct RowCache {
    lang: Option<Lang>,
    by_entry: HashMap<usize, (Arc<Entry>, usize, Arc<RowData>)>,
}

impl RowCache {
    fn rows(&mut self, projects: &[Arc<Entry>], report: &RegisterReport, l: Lang) -> Vec<Row> {
        if self.lang != Some(l) {
            self.by_entry.clear();
            self.lang = Some(l);
        }
        let mut next = HashMap::with_capacity(projects.len());
        // A pair's warning depends on two projects: a row is rebuilt when its list changes even
        // if its own project and result did not.
        let mut overlaps: HashMap<&str, Vec<(String, String)>> = HashMap::new();
        if let Ok(r) = &report.report {
            for o in &r.overlaps {
                let msg = l.pick(&o.message_zh, &o.message_en);
                for id in &o.projects {
                    let entry = overlaps.entry(id.as_str()).or_default();
                    entry.push((o.other(id).to_owned(), msg.to_owned()));
                }
            }
        }
        let rows = projects
            .iter()
            .enumerate()
            .map(|(index, e)| {
                let key = Arc::as_ptr(e) as usize;
                // An unchanged result keeps its pointer; a rejected one is rebuilt each time.
                let result = match report.results.get(index) {
                    Some(Ok(r)) => Arc::as_ptr(r) as usize,
                    _ => 0,
                };
                let mine = e
                    .id()
                    .and_then(|id| overlaps.get(id))
                    .cloned()
                    .unwrap_or_default();
                let data = match self.by_entry.remove(&key) {
                    Some((kept, r, data))
                        if Arc::ptr_eq(&kept, e)
                            && r == result
                            && r != 0
                            && data.overlaps == mine =>
                    {
                        data
                    }
                    _ => Arc::new(RowData::new(index, e, report, mine, l)),
                };
                next.insert(key, (e.clone(), result, data.clone()));
                Row {
                    index,
                    key: e.key(),
                    data,
                }
            })
            .collect();
        self.by_entry = next;
        rows
    }
}

/// What the table shows.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    township: String,
    category: Option<Category>,
    kind: Option<MeasureType>,
    text: String,
}

/// A new project of a type, with a free id and the type's usual first values left blank.
pub fn new_project(doc: &Doc, kind: MeasureType, l: Lang) -> Draft {
    let n = doc.register.projects.len() + 1;
    let id = doc.register.free_id(&format!("p{n}"));
    let name = format!("{} {n}", t(l, Text::AddProject));
    project_from_texts(&ProjectTexts {
        type_tag: kind.code(),
        project: vec![("id", &id), ("name", &name)],
        measure: Vec::new(),
    })
    .0
}

#[component]
pub fn Register(
    /// The open register and its history (the app store's field); every change is undoable.
    #[prop(into)]
    workspace: Field<Workspace>,
    #[prop(into)] report: Signal<Shared>,
    /// The project selected (its result is shown below the table), by key.
    selected: RwSignal<Option<EntryKey>>,
    /// Opens a project in the form.
    #[prop(into)]
    on_edit: Callback<EntryKey>,
) -> impl IntoView {
    let lang = use_lang();
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new((SortBy::Position, true));
    let new_kind = RwSignal::new(MeasureType::Wastewater);
    // Rows are rebuilt only for projects whose object or result changed (pointers compared).
    let row_cache = StoredValue::new(RowCache::default());
    let rows = Memo::new(move |_| {
        let l = lang.get();
        let report = report.get();
        workspace.with(|w| {
            row_cache
                .try_update_value(|c| c.rows(&w.doc.register.projects, &report.0, l))
                .unwrap_or_default()
        })
    });
    let shown = Memo::new(move |_| {
        let (by, asc) = sort.get();
        let f = filter.get();
        let text = f.text.trim().to_lowercase();
        rows.with(|rows| {
            let mut v: Vec<&Row> = rows.iter().filter(|r| r.matches(&f, &text)).collect();
            v.sort_by(|a, b| {
                let o = a.compare(b, by);
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
            v.into_iter().map(|r| r.index).collect::<Vec<_>>()
        })
    });
    // Scrolling: only the rows in view are drawn.
    let scroll_top = RwSignal::new(0.0_f64);
    let view_height = RwSignal::new(480.0_f64);
    let window = move || {
        let n = shown.with(Vec::len);
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let count = (view_height.get() / ROW_HEIGHT) as usize + 2 * OVERSCAN;
        let first = first.min(n);
        (first, (first + count).min(n), n)
    };
    let on_scroll = move |ev: leptos::ev::Event| {
        if let Some((top, height)) = platform::scroll_metrics(&ev) {
            scroll_top.set(top);
            view_height.set(height);
        }
    };

    let add = move |_| {
        let l = lang.get_untracked();
        let kind = new_kind.get_untracked();
        let mut at = None;
        workspace.update(|w| {
            w.apply(None, |d| {
                let p = new_project(d, kind, l);
                at = Some(d.register.push(p));
            })
        });
        if let Some(key) = at {
            selected.set(Some(key));
            on_edit.run(key);
        }
    };
    let undo = move |_| workspace.update(Workspace::undo);
    let redo = move |_| workspace.update(Workspace::redo);
    let can_undo = move || workspace.with(Workspace::can_undo);
    let can_redo = move || workspace.with(Workspace::can_redo);

    let townships = Memo::new(move |_| {
        rows.with(|rows| {
            let set: std::collections::BTreeSet<&str> = rows
                .iter()
                .map(|r| r.township.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            set.into_iter().map(str::to_owned).collect::<Vec<_>>()
        })
    });
    let header = move |by: SortBy, label: String, numeric: bool| {
        let aria_sort = move || match sort.get() {
            (b, true) if b == by => "ascending",
            (b, false) if b == by => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" class:num=numeric aria-sort=aria_sort>
                <button type="button" class="register__sort"
                    on:click=move |_| sort.update(|(b, asc)| {
                        if *b == by { *asc = !*asc } else { *b = by; *asc = true }
                    })>
                    {label}
                </button>
            </th>
        }
    };
    let headers = move || {
        let l = lang.get();
        let mut v = vec![
            header(SortBy::Name, t(l, Text::Name).to_owned(), false).into_any(),
            header(SortBy::Township, t(l, Text::Township).to_owned(), false).into_any(),
            header(SortBy::Category, t(l, Text::Category).to_owned(), false).into_any(),
            header(SortBy::Type, t(l, Text::Type).to_owned(), false).into_any(),
            header(SortBy::Month, t(l, Text::StartMonthShort).to_owned(), true).into_any(),
        ];
        for k in COLUMNS {
            v.push(
                header(
                    SortBy::Amount(k),
                    format!("{} ({})", k.text(l), k.unit().get(l)),
                    true,
                )
                .into_any(),
            );
        }
        v.push(header(SortBy::Status, t(l, Text::Status).to_owned(), false).into_any());
        v.push(view! { <th scope="col">{t(l, Text::Actions)}</th> }.into_any());
        v
    };
    let body = move || {
        let l = lang.get();
        let (first, last, n) = window();
        let top = first as f64 * ROW_HEIGHT;
        let bottom = (n - last) as f64 * ROW_HEIGHT;
        let ids = shown.with(|s| s[first..last].to_vec());
        let cells = rows.with(|rows| {
            ids.iter()
                .filter_map(|&i| rows.get(i).cloned())
                .map(|r| row_view(r, l, selected, workspace, on_edit))
                .collect::<Vec<_>>()
        });
        view! {
            // Heights set through the CSSOM (the page's CSP forbids style attributes).
            <tr class="register__spacer" aria-hidden="true" style:height=format!("{top}px")></tr>
            {cells}
            <tr class="register__spacer" aria-hidden="true" style:height=format!("{bottom}px")></tr>
        }
    };
    let totals = move || {
        let l = lang.get();
        let r = report.get();
        let cells = match &r.0.report {
            Ok(rep) => COLUMNS
                .iter()
                .map(|k| {
                    let code = k.code();
                    // `elementtiming`: the benchmark reads when the totals were first painted.
                    view! {
                        <td id=format!("register-total-{code}") class="num"
                            {..custom_attribute("elementtiming", format!("register-total-{code}"))}>
                            {quantity(rep.totals[*k])}
                        </td>
                    }
                })
                .collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        };
        view! {
            <tr class="register__totals">
                <th scope="row" colspan="5">{t(l, Text::TotalRow)}</th>
                {cells}
                <td colspan="2"></td>
            </tr>
        }
    };
    let not_counted = move || {
        let l = lang.get();
        let r = report.get();
        let n = r.0.not_counted.len();
        (n > 0).then(|| {
            let items =
                r.0.not_counted
                    .iter()
                    .flat_map(|nc| nc.errors.iter().map(|e| e.message(l)))
                    .take(20)
                    .map(|m| view! { <li>{m}</li> })
                    .collect::<Vec<_>>();
            view! {
                <div id="not-counted" class="register__not-counted" role="status">
                    <p>{format!("{n} {}", t(l, Text::NotCounted))}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let type_options = move || {
        let l = lang.get();
        MeasureType::ALL
            .iter()
            .map(|k| view! { <option value=k.code() selected=move || new_kind.get() == *k>{k.text(l)}</option> })
            .collect::<Vec<_>>()
    };
    let filter_type_options = move || {
        let l = lang.get();
        std::iter::once(view! { <option value="">{t(l, Text::All)}</option> }.into_any())
            .chain(
                MeasureType::ALL
                    .iter()
                    .map(|k| view! { <option value=k.code()>{k.text(l)}</option> }.into_any()),
            )
            .collect::<Vec<_>>()
    };
    let filter_category_options = move || {
        let l = lang.get();
        std::iter::once(view! { <option value="">{t(l, Text::All)}</option> }.into_any())
            .chain(
                Category::VALUES
                    .iter()
                    .map(|c| view! { <option value=c.name()>{c.text(l)}</option> }.into_any()),
            )
            .collect::<Vec<_>>()
    };
    let filter_township_options = move || {
        let l = lang.get();
        std::iter::once(view! { <option value="">{t(l, Text::All)}</option> }.into_any())
            .chain(
                townships
                    .get()
                    .into_iter()
                    .map(|tn| view! { <option value=tn.clone()>{tn.clone()}</option> }.into_any()),
            )
            .collect::<Vec<_>>()
    };
    let count = move || {
        let l = lang.get();
        let n = shown.with(Vec::len);
        let all = rows.with(Vec::len);
        format!("{} {n} {} {all}", t(l, Text::RowsShown), t(l, Text::Of))
    };

    view! {
        <section class="register" aria-labelledby="register-title">
            <h2 id="register-title">{move || t(lang.get(), Text::RegisterTitle)}</h2>
            <p class="register__intro">{move || t(lang.get(), Text::RegisterIntro)}</p>
            <div class="register__toolbar">
                <label class="register__type" for="new-project-type">
                    {move || t(lang.get(), Text::TypeOfNewProject)}
                </label>
                <select id="new-project-type" on:change=move |ev| {
                    if let Some(k) = MeasureType::parse(&event_target_value(&ev)) { new_kind.set(k) }
                }>{type_options}</select>
                <button id="add-project" class="button" type="button" on:click=add>
                    {move || t(lang.get(), Text::AddProject)}
                </button>
                <button id="undo" class="button button--outline" type="button"
                    disabled=move || !can_undo() on:click=undo aria-keyshortcuts="Control+Z">
                    {move || t(lang.get(), Text::Undo)}
                </button>
                <button id="redo" class="button button--outline" type="button"
                    disabled=move || !can_redo() on:click=redo aria-keyshortcuts="Control+Shift+Z Control+Y">
                    {move || t(lang.get(), Text::Redo)}
                </button>
            </div>
            <div class="register__filters">
                <label for="filter-township">{move || t(lang.get(), Text::FilterTownship)}</label>
                <select id="filter-township" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.township = v)
                }>{filter_township_options}</select>
                <label for="filter-category">{move || t(lang.get(), Text::FilterCategory)}</label>
                <select id="filter-category" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.category = Category::parse(&v))
                }>{filter_category_options}</select>
                <label for="filter-type">{move || t(lang.get(), Text::FilterType)}</label>
                <select id="filter-type" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.kind = MeasureType::parse(&v))
                }>{filter_type_options}</select>
                <label for="filter-text">{move || t(lang.get(), Text::Search)}</label>
                <input id="filter-text" type="search"
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        filter.update(|f| f.text = v)
                    } />
                <span id="register-count" class="register__count" aria-live="polite">{count}</span>
            </div>
            {not_counted}
            <div class="register__scroll" on:scroll=on_scroll>
                <table id="register-table" class="register__table">
                    <caption class="visually-hidden">{move || t(lang.get(), Text::RegisterTitle)}</caption>
                    <thead><tr>{headers}</tr></thead>
                    <tbody>{body}</tbody>
                    <tfoot>{totals}</tfoot>
                </table>
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="register__empty">{move || t(lang.get(), Text::NoProjects)}</p>
                </Show>
            </div>
        </section>
    }
}

/// One project's row with its actions.
fn row_view(
    r: Row,
    l: Lang,
    selected: RwSignal<Option<EntryKey>>,
    workspace: Field<Workspace>,
    on_edit: Callback<EntryKey>,
) -> impl IntoView {
    let i = r.index;
    let key = r.key;
    let status = if !r.problems.is_empty() {
        view! {
            <td class="register__status register__status--problem" title=r.problems.join("\n")>
                {format!("✖ {}", t(l, Text::Problem))}
            </td>
        }
        .into_any()
    } else if !r.warnings.is_empty() || !r.overlaps.is_empty() {
        // The row keeps its fixed height: the count is shown, the warnings are its tooltip and,
        // for screen readers, hidden text; the edited project's result panel lists them in full.
        // A possible double counting is counted among them and names the other project.
        let all: Vec<&str> = r
            .warnings
            .iter()
            .chain(r.overlaps.iter().map(|(_, m)| m))
            .map(String::as_str)
            .collect();
        let others = r
            .overlaps
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mark = if r.overlaps.is_empty() {
            String::new()
        } else {
            format!(" · {}", t(l, Text::PossibleDoubleCounting))
        };
        view! {
            <td class="register__status register__status--warning" title=all.join("\n")
                data-overlap=(!others.is_empty()).then_some(others)>
                {format!("⚠ {} {}{mark}", all.len(), t(l, Text::WarningCount))}
                <span class="visually-hidden">{format!("{}{}", l.pick("：", ": "), all.join(l.pick("；", "; ")))}</span>
            </td>
        }
        .into_any()
    } else {
        view! { <td class="register__status">{t(l, Text::StatusOk)}</td> }.into_any()
    };
    let amounts = COLUMNS
        .iter()
        .enumerate()
        .map(|(c, _)| {
            let v = r.amounts.map(|a| a[c]).filter(|v| *v != 0.0);
            view! { <td class="num">{v.map(quantity)}</td> }
        })
        .collect::<Vec<_>>();
    let name = if r.name.is_empty() {
        r.id.clone()
    } else {
        r.name.clone()
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            selected.set(Some(key));
            on_edit.run(key);
        }
    };
    view! {
        <tr data-id=r.id.clone() data-index=i tabindex="0"
            class:register__row--selected=move || selected.get() == Some(key)
            class:register__row--problem=!r.problems.is_empty()
            aria-selected=move || (selected.get() == Some(key)).to_string()
            on:click=move |_| selected.set(Some(key)) on:keydown=on_key>
            <th scope="row" class="register__name">{name}</th>
            <td>{r.township.clone()}</td>
            <td>{r.category.map(|c| c.text(l))}</td>
            <td>{r.kind.map(|k| k.text(l))}</td>
            <td class="num">{r.month}</td>
            {amounts}
            {status}
            <td class="register__actions">
                <button type="button" class="button button--small"
                    on:click=move |ev| { ev.stop_propagation(); selected.set(Some(key)); on_edit.run(key) }>
                    {t(l, Text::Edit)}
                </button>
                <button type="button" class="button button--small"
                    on:click=move |ev| {
                        ev.stop_propagation();
                        let mut copy = None;
                        workspace.update(|w| w.apply(None, |d| copy = d.register.duplicate(key)));
                        selected.set(copy);
                    }>
                    {t(l, Text::Duplicate)}
                </button>
                <button type="button" class="button button--small button--danger"
                    on:click=move |ev| {
                        ev.stop_propagation();
                        workspace.update(|w| w.apply(None, |d| d.register.remove(key)));
                        selected.set(None);
                    }>
                    {t(l, Text::Delete)}
                </button>
            </td>
        </tr>
    }
}
