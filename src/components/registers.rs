//! 登记表列表 / Registers in this browser (`registers`): each register of the list with its
//! county, year, title, when it last changed and when it was last saved as a file; open one,
//! start a new one, make next year's from the open one (saying how many projects it carried
//! over), delete one that is not open with 撤销 / Undo; and the five-year view of them all, the
//! engine's document (`jianpai_core::doc::plan`) as HTML.

use crate::components::live;
use crate::i18n::{msg, t, tr, use_lang, Msg, Text};
use crate::persist::RegisterInfo;
use crate::platform;
use crate::protect::Protection;
use crate::registers::{name_of, Notice, Registers};
use crate::workspace::Doc;
use jianpai_core::doc::html;
use leptos::prelude::*;

#[component]
pub fn RegisterList(registers: Registers, protection: Protection) -> impl IntoView {
    let lang = use_lang();
    let showing_plan = RwSignal::new(false);
    let rows = move || {
        let l = lang.get();
        let open = registers.open.get();
        let mut list = registers.list.get();
        // The open register first joins the list at its first save: shown meanwhile.
        if !list.iter().any(|r| r.id == open) {
            list.push(RegisterInfo {
                id: open.clone(),
                region: String::new(),
                year: None,
                title: String::new(),
                changed: f64::NAN,
                saved: None,
                hash: None,
                projects: 0,
            });
        }
        list.into_iter()
            .map(|info| {
                let is_open = info.id == open;
                let info = if is_open { registers.live(info) } else { info };
                let name = name_of(&info, l);
                let id = info.id.clone();
                let id2 = info.id.clone();
                let changed = if info.changed.is_finite() {
                    platform::local_time(info.changed)
                } else {
                    String::new()
                };
                let saved = if is_open {
                    protection.last_saved.get()
                } else {
                    info.saved
                };
                let saved =
                    saved.map_or_else(|| t(l, Text::NotSaved).to_owned(), platform::local_time);
                let open_label = msg(l, Msg::OpenRegisterNamed { name: &name });
                let delete_label = msg(l, Msg::DeleteRegisterNamed { name: &name });
                let year = info.year.map(|y| y.to_string()).unwrap_or_default();
                let actions = if is_open {
                    view! { <span class="registers__open">{t(l, Text::RegisterIsOpen)}</span> }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="button button--small" aria-label=open_label
                            on:click=move |_| registers.open_listed(&id)>
                            {t(l, Text::OpenRegister)}
                        </button>
                        <button type="button" class="button button--small button--outline"
                            aria-label=delete_label on:click=move |_| registers.delete(&id2)>
                            {t(l, Text::Delete)}
                        </button>
                    }
                    .into_any()
                };
                view! {
                    <tr data-id=info.id.clone() aria-current=is_open.then_some("true")>
                        <td>{info.region.clone()}</td>
                        <td class="num">{year}</td>
                        <th scope="row">{info.title.clone()}</th>
                        <td class="num">{changed}</td>
                        <td class="num">{saved}</td>
                        <td class="num">{info.projects}</td>
                        <td class="registers__actions">{actions}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    let notice = move || {
        let l = lang.get();
        registers.notice.get().map(|n| {
            let text = match n {
                Notice::NextYear {
                    year,
                    from,
                    carried,
                } => msg(
                    l,
                    Msg::NextYearMade {
                        year: &year.to_string(),
                        from: &from.to_string(),
                        count: carried,
                    },
                ),
                Notice::NoYear => t(l, Text::NextYearNoYear).to_owned(),
                Notice::NotKept => t(l, Text::RegisterNotKept).to_owned(),
                Notice::Missing => t(l, Text::RegisterMissing).to_owned(),
            };
            view! { <p id="registers-notice" class="registers__notice">{text}</p> }
        })
    };
    let deleted = move || {
        let l = lang.get();
        registers.deleted.get().map(|(info, _)| {
            let name = name_of(&info, l);
            view! {
                <p id="registers-deleted" class="registers__notice">
                    {msg(l, Msg::RegisterDeleted { name: &name })}" "
                    <button id="undo-delete-register" type="button" class="button button--small"
                        on:click=move |_| registers.undo_delete()>
                        {t(l, Text::UndoDeleteRegister)}
                    </button>
                </p>
            }
        })
    };
    let plan = move || {
        if !showing_plan.get() {
            return None;
        }
        let l = lang.get();
        let (doc, left_out) = registers.plan_document(l);
        let body = match doc {
            Ok(d) => view! { <div class="registers__plan-doc" inner_html=html::blocks(&d.blocks, l)></div> }
                .into_any(),
            Err(reason) => view! {
                <p id="plan-error" class="registers__notice">{msg(l, Msg::PlanFailed { reason: &reason })}</p>
            }
            .into_any(),
        };
        let left = (!left_out.is_empty()).then(|| {
            let names = left_out.join(l.pick("、", ", "));
            view! { <p id="plan-left-out">{msg(l, Msg::PlanLeftOut { names: &names })}</p> }
        });
        Some(view! {
            <section id="plan-view" class="registers__plan" aria-labelledby="plan-title">
                <h4 id="plan-title">{t(l, Text::PlanTitle)}</h4>
                <p>{t(l, Text::PlanIntro)}</p>
                {body}
                {left}
            </section>
        })
    };
    view! {
        <section id="registers" class="registers" aria-labelledby="registers-title">
            <h3 id="registers-title">{tr(lang, Text::RegistersTitle)}</h3>
            <p class="registers__intro">{tr(lang, Text::RegistersIntro)}</p>
            <div class="registers__buttons">
                <button id="new-register" type="button" class="button button--outline"
                    on:click=move |_| { registers.add(Doc::new_file(), false); }>
                    {tr(lang, Text::NewRegister)}
                </button>
                <button id="next-year-register" type="button" class="button button--outline"
                    on:click=move |_| registers.next_year()>
                    {tr(lang, Text::NextYearRegister)}
                </button>
                <button id="show-plan" type="button" class="button button--outline"
                    aria-expanded=move || showing_plan.get().to_string()
                    on:click=move |_| showing_plan.update(|s| *s = !*s)>
                    {move || t(lang.get(), if showing_plan.get() { Text::HidePlan } else { Text::ShowPlan })}
                </button>
            </div>
            {live(notice)}
            {live(deleted)}
            // Scrolls sideways on a phone: a focusable, named region, so a keyboard can scroll it
            // (axe scrollable-region-focusable, when no row has a button).
            <div class="registers__scroll" tabindex="0" role="region"
                aria-label=tr(lang, Text::RegistersTitle)>
                <table id="registers-table" class="registers__table">
                    <caption class="visually-hidden">{tr(lang, Text::RegistersTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(lang, Text::RegisterCounty)}</th>
                        <th scope="col">{tr(lang, Text::Year)}</th>
                        <th scope="col">{tr(lang, Text::FileTitle)}</th>
                        <th scope="col">{tr(lang, Text::RegisterChanged)}</th>
                        <th scope="col">{tr(lang, Text::RegisterLastSaved)}</th>
                        <th scope="col">{tr(lang, Text::SnapshotProjects)}</th>
                        <th scope="col">{tr(lang, Text::Actions)}</th>
                    </tr></thead>
                    <tbody>{live(rows)}</tbody>
                </table>
            </div>
            {live(plan)}
        </section>
    }
}
