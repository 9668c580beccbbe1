//! A register made with an older factor library (opened, restored from this browser, or brought
//! by a merge or link): the library in force, each coefficient old → new, the effect on every
//! total, and the choice — keep the old coefficients (as recorded overrides) or upgrade. Both are
//! one undoable step; until one is chosen the register computes with the file's own library.

use crate::components::live;
use crate::i18n::{msg, quantity, t, use_lang, Lang, Msg, Text};
use crate::views::factors::value_with_unit;
use crate::workspace::Workspace;
use jianpai_core::factors::Factor;
use jianpai_core::upgrade::{self, Change, FactorChange, LibraryDiff};
use jianpai_core::Labelled;
use leptos::prelude::*;
use reactive_stores::Field;

/// A coefficient as shown: value and unit ("—" where the library has none).
fn value(f: Option<&Factor>) -> String {
    f.map_or_else(|| "—".into(), |f| value_with_unit(f.value, &f.unit))
}

/// What changed in a coefficient, in words.
fn change_text(c: &FactorChange, l: Lang) -> String {
    match c.change {
        Change::Added => t(l, Text::LibraryAdded).to_owned(),
        Change::Removed => t(l, Text::LibraryRemoved).to_owned(),
        Change::Changed => {
            let words: Vec<&str> = c
                .fields
                .iter()
                .map(|f| match *f {
                    "value" => t(l, Text::Value),
                    "unit" => t(l, Text::Unit),
                    "status" => t(l, Text::Status),
                    "source" => t(l, Text::Source),
                    "edition" => t(l, Text::Edition),
                    _ => t(l, Text::Name),
                })
                .collect();
            words.join(l.pick("、", ", "))
        }
    }
}

fn factors_table(d: &LibraryDiff, l: Lang) -> impl IntoView {
    let rows = d
        .factors
        .iter()
        .map(|c| {
            let f = c.new.as_ref().or(c.old.as_ref());
            let name = f.map(|f| f.name(l).to_owned()).unwrap_or_default();
            view! {
                <tr data-id=c.id.clone()>
                    <th scope="row"><code>{c.id.clone()}</code>" "{name}</th>
                    <td class="num">{value(c.old.as_ref())}</td>
                    <td class="num">{value(c.new.as_ref())}</td>
                    <td>{change_text(c, l)}</td>
                    <td>{c.used_by.join(l.pick("、", ", "))}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table id="library-factors" class="library-upgrade__table">
            <caption>{t(l, Text::LibraryFactorsCaption)}</caption>
            <thead><tr>
                <th scope="col">{t(l, Text::Factor)}</th>
                <th scope="col">{msg(l, Msg::OldLibrary { version: &d.from })}</th>
                <th scope="col">{msg(l, Msg::NewLibrary { version: &d.to })}</th>
                <th scope="col">{t(l, Text::LibraryChange)}</th>
                <th scope="col">{t(l, Text::LibraryUsedBy)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn totals_table(d: &LibraryDiff, l: Lang) -> impl IntoView {
    let rows = d
        .totals
        .iter()
        .map(|c| {
            let sign = if c.delta > 0.0 { "+" } else { "" };
            view! {
                <tr data-key=c.key.code()>
                    <th scope="row">{c.key.text(l)}</th>
                    <td class="num">{quantity(c.old)}</td>
                    <td class="num">{quantity(c.new)}</td>
                    <td class="num">{format!("{sign}{}", quantity(c.delta))}</td>
                    <td>{c.key.unit().get(l)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table id="library-totals" class="library-upgrade__table">
            <caption>{t(l, Text::LibraryTotalsCaption)}</caption>
            <thead><tr>
                <th scope="col">{t(l, Text::Totals)}</th>
                <th scope="col">{msg(l, Msg::OldLibrary { version: &d.from })}</th>
                <th scope="col">{msg(l, Msg::NewLibrary { version: &d.to })}</th>
                <th scope="col">{t(l, Text::LibraryDelta)}</th>
                <th scope="col">{t(l, Text::Unit)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
pub fn LibraryUpgrade(#[prop(into)] workspace: Field<Workspace>) -> impl IntoView {
    let lang = use_lang();
    let diff = Memo::new(move |_| workspace.with(|w| upgrade::register_diff(&w.doc.register)));
    // What the last choice did, said once it is made (the section itself is gone then).
    // Shown while the file's own fields are as the choice left them (an undo or another file hides it).
    let done = RwSignal::new(None::<(Text, jianpai_core::register::Register)>);
    let said = move |x: Text| {
        let register = workspace.with_untracked(|w| w.doc.register.clone());
        done.set(Some((x, register)));
    };
    let keep = move |_| {
        let Some(Ok(d)) = diff.get_untracked() else {
            return;
        };
        workspace.update(|w| {
            w.apply(None, |doc| {
                doc.register = upgrade::keep_register(&doc.register, &d);
            })
        });
        said(Text::LibraryKept);
    };
    let upgrade = move |_| {
        workspace.update(|w| {
            w.apply(None, |doc| {
                doc.register = upgrade::upgrade_register(&doc.register);
            })
        });
        said(Text::LibraryUpgraded);
    };
    let section = move || {
        let l = lang.get();
        let d = diff.get()?;
        let (from, to) = workspace.with(|w| {
            let from = upgrade::older_library(&w.doc.register).map(|lib| lib.version.clone());
            (
                from.unwrap_or_default(),
                jianpai_core::FactorLibrary::builtin().version.clone(),
            )
        });
        let body = match d {
            Ok(d) => {
                let changed: Vec<String> = d.projects.iter().map(|p| p.id.clone()).collect();
                let changed = if changed.is_empty() {
                    t(l, Text::LibraryNone).to_owned()
                } else {
                    changed.join(l.pick("、", ", "))
                };
                let exact = d.keep_exact;
                view! {
                    {factors_table(&d, l)}
                    {totals_table(&d, l)}
                    <p id="library-projects">{msg(l, Msg::LibraryProjectsChanged { projects: &changed })}</p>
                    <Show when=move || !exact>
                        <p class="library-upgrade__note">{t(l, Text::LibraryKeepNotExact)}</p>
                    </Show>
                    <div class="library-upgrade__actions">
                        <button id="keep-old-factors" class="button" type="button" on:click=keep>
                            {t(l, Text::KeepOldFactors)}
                        </button>
                        <button id="upgrade-factors" class="button button--outline" type="button"
                            on:click=upgrade>
                            {t(l, Text::UpgradeFactors)}
                        </button>
                    </div>
                }
                .into_any()
            }
            Err(errs) => view! {
                <ul id="library-problems">
                    {errs.iter().map(|e| view! { <li>{e.message(l)}</li> }).collect::<Vec<_>>()}
                </ul>
                <div class="library-upgrade__actions">
                    <button id="upgrade-factors" class="button button--outline" type="button"
                        on:click=upgrade>
                        {t(l, Text::UpgradeFactors)}
                    </button>
                </div>
            }
            .into_any(),
        };
        Some(view! {
            <section id="library-upgrade" class="library-upgrade" aria-labelledby="library-upgrade-title">
                <h3 id="library-upgrade-title">{t(l, Text::LibraryUpgradeTitle)}</h3>
                <p id="library-in-force">{msg(l, Msg::LibraryUntilChosen { file: &from, app: &to })}</p>
                {body}
            </section>
        })
    };
    view! {
        {live(section)}
        <p id="library-choice" class="library-upgrade__done" role="status">
            {move || {
                let l = lang.get();
                done.with(|d| {
                    d.as_ref()
                        .filter(|(_, r)| workspace.with(|w| w.doc.register.same_fields(r)))
                        .map(|(x, _)| t(l, *x))
                })
            }}
        </p>
    }
}
