//! The column-mapping step of an import: a planner's own ledger (a CSV or .xlsx whose header is
//! not the template's) shown column by column, each header with the field it is matched to (a
//! `<select>` labelled by the header; 不导入 / Do not import skips it). The first match is the
//! mapping chosen last time for the same headers (remembered in this browser by
//! `jianpai_core::table::mapping::key`), else the engine's guess; the caller then previews the
//! import with every problem by row and column (`csv.rs`).

use crate::components::live;
use crate::i18n::{msg, t, use_lang, Msg, Text};
use crate::persist;
use jianpai_core::table::import::column_letters;
use jianpai_core::table::mapping::{fields, guess, header_row, key, remap};
use jianpai_core::Lang;
use leptos::prelude::*;

/// A ledger read, with the mapping chosen so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    /// The file's name.
    pub name: String,
    /// Its records, from the first (a title row above the header included).
    pub recs: Vec<Vec<String>>,
    /// Which record is the header.
    pub header: usize,
    /// The field each column holds (`None`: not imported).
    pub chosen: Vec<Option<&'static str>>,
    /// Whether `chosen` is the mapping remembered for these headers.
    pub remembered: bool,
}

/// Every path a column can be mapped to.
fn paths() -> Vec<&'static str> {
    fields(Lang::Zh).into_iter().map(|(p, _)| p).collect()
}

impl Ledger {
    /// The ledger in `text`, matched by the mapping remembered for its headers, else by the
    /// engine's guess (a field guessed for two columns goes to the first only). `None` when the
    /// text has no header row.
    pub fn read(name: &str, text: &str) -> Option<Ledger> {
        let (recs, header) = header_row(text)?;
        let headers = recs.get(header)?;
        let saved = persist::saved_mapping(&key(headers), headers.len(), &paths());
        let remembered = saved.is_some();
        let chosen = saved.unwrap_or_else(|| {
            let mut out: Vec<Option<&'static str>> = Vec::new();
            for h in headers {
                let g = guess(h).filter(|p| !out.contains(&Some(*p)));
                out.push(g);
            }
            out
        });
        Some(Ledger {
            name: name.to_owned(),
            recs,
            header,
            chosen,
            remembered,
        })
    }

    /// The header row as written.
    pub fn headers(&self) -> &[String] {
        &self.recs[self.header]
    }

    /// The table with the chosen paths as its header, for the import (its records from the
    /// header on: add [`Ledger::header`] to a problem's row to get the ledger's row).
    pub fn text(&self) -> String {
        remap(&self.recs, self.header, &self.chosen)
    }

    /// The ledger's own header of a column the import names by the path it was mapped to (so
    /// that a problem is named by the planner's header, not by the field's path).
    pub fn header_of(&self, column: &str) -> Option<&str> {
        self.chosen
            .iter()
            .position(|c| *c == Some(column))
            .and_then(|i| self.headers().get(i))
            .map(String::as_str)
    }

    /// Remembers the chosen mapping for these headers in this browser.
    pub fn remember(&self) {
        persist::save_mapping(&key(self.headers()), &self.chosen);
    }

    /// For each column mapped to a field an earlier column holds: the earlier column's index.
    fn repeats(&self) -> Vec<Option<usize>> {
        self.chosen
            .iter()
            .enumerate()
            .map(|(i, c)| c.and_then(|p| self.chosen[..i].iter().position(|e| *e == Some(p))))
            .collect()
    }

    /// Whether the mapping can be imported: one column is the id, no field held twice.
    pub fn ready(&self) -> bool {
        self.chosen.contains(&Some("id")) && self.repeats().iter().all(Option::is_none)
    }
}

/// A column's name as shown: its header, or its letters when it has none.
fn column_name(headers: &[String], i: usize, l: Lang) -> String {
    match headers.get(i).map(|h| h.trim()).filter(|h| !h.is_empty()) {
        Some(h) => h.to_owned(),
        None => msg(
            l,
            Msg::MappingUnnamedColumn {
                letters: &column_letters(i + 1),
            },
        ),
    }
}

#[component]
pub fn ColumnMapping(
    ledger: Ledger,
    /// Previews the import with the mapping chosen (remembered by then).
    on_preview: Callback<Ledger>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let state = RwSignal::new(ledger);
    let preview = move |_| {
        let l = state.get_untracked();
        if l.ready() {
            l.remember();
            on_preview.run(l);
        }
    };
    // Drawn again only when the language changes: a choice updates `state`, and what depends on
    // it (a repeated field's message, the needs-id line, the button) follows, so the select
    // being changed keeps its focus.
    let body = move || {
        let l = lang.get();
        let ledger = state.get_untracked();
        let headers = ledger.headers().to_vec();
        // The first project row: the row after the header with a filled cell.
        let first = ledger.recs[ledger.header + 1..]
            .iter()
            .find(|r| r.iter().any(|c| !c.trim().is_empty()))
            .cloned()
            .unwrap_or_default();
        let all = fields(l);
        let rows = headers
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let id = format!("csv-map-{i}");
                let error_id = format!("csv-map-{i}-error");
                let now = ledger.chosen.get(i).copied().flatten();
                let names = headers.clone();
                let error = Memo::new(move |_| {
                    let j = state.with(|s| s.repeats().get(i).copied().flatten())?;
                    Some(msg(
                        l,
                        Msg::MappingRepeated {
                            column: &column_name(&names, j, l),
                        },
                    ))
                });
                let options = std::iter::once(view! {
                    <option value="" selected=now.is_none()>{t(l, Text::DoNotImport)}</option>
                }.into_any())
                .chain(all.iter().map(|(p, label)| {
                    view! {
                        <option value=*p selected=now == Some(*p)>{format!("{label} [{p}]")}</option>
                    }.into_any()
                }))
                .collect::<Vec<_>>();
                let on_change = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    let path = paths().into_iter().find(|p| *p == v);
                    state.update(|s| {
                        if let Some(c) = s.chosen.get_mut(i) {
                            *c = path;
                        }
                    });
                };
                view! {
                    <tr data-column=i>
                        <th scope="row"><label for=id.clone()>{column_name(&headers, i, l)}</label></th>
                        <td class="column-mapping__example">{first.get(i).cloned().unwrap_or_default()}</td>
                        <td>
                            <select id=id on:change=on_change
                                aria-invalid=move || error.with(Option::is_some).to_string()
                                aria-describedby=error_id.clone()>{options}</select>
                            <p id=error_id class="number-field__error" role="alert">{move || error.get()}</p>
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let needs_id = move || !state.with(|s| s.chosen.contains(&Some("id")));
        let ready = move || state.with(Ledger::ready);
        view! {
            <h3 id="csv-mapping-title">{msg(l, Msg::MappingHeading { name: &ledger.name })}</h3>
            <p>{t(l, Text::MappingIntro)}</p>
            {ledger.remembered.then(|| view! { <p id="csv-mapping-remembered">{t(l, Text::MappingRemembered)}</p> })}
            // Focusable so that a keyboard can scroll it sideways.
            <div class="column-mapping__scroll" tabindex="0">
                <table id="csv-mapping-table" class="column-mapping__table">
                    <thead>
                        <tr>
                            <th scope="col">{t(l, Text::MappingColumn)}</th>
                            <th scope="col">{t(l, Text::MappingFirstRow)}</th>
                            <th scope="col">{t(l, Text::MappingField)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p id="csv-mapping-needs-id" class="number-field__error" role="alert">
                {move || needs_id().then(|| t(l, Text::MappingNeedsId))}
            </p>
            <div class="file-bar__preview-actions">
                <button id="csv-mapping-preview" class="button" type="button"
                    disabled=move || !ready() on:click=preview>
                    {t(l, Text::MappingPreview)}
                </button>
                <button id="csv-mapping-cancel" class="button button--outline" type="button"
                    on:click=move |_| on_cancel.run(())>
                    {t(l, Text::Cancel)}
                </button>
            </div>
        }
    };
    view! {
        <div id="csv-mapping" class="file-bar__preview column-mapping" role="dialog" aria-modal="false"
            aria-labelledby="csv-mapping-title">
            {live(body)}
        </div>
    }
}
