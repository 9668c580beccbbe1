//! The automatic snapshots (`protect`): the last versions of the register kept in this browser,
//! newest first, each with its time, what changed and how many projects it holds, and a button
//! that restores it (one undoable step).

use crate::components::live;
use crate::i18n::{msg, t, tr, use_lang, Msg, Text};
use crate::persist::{SNAPSHOT_CHARS, SNAPSHOT_COUNT};
use crate::platform;
use crate::protect::Protection;
use crate::workspace::Change;
use jianpai_core::Lang;
use leptos::prelude::*;

/// What a change did, as the list says it.
fn describe(l: Lang, c: &Change) -> String {
    match c {
        Change::Edited(label) => msg(l, Msg::ChangeEdited { label }),
        Change::Added(1, label) => msg(l, Msg::ChangeAddedOne { label }),
        Change::Added(n, _) => msg(l, Msg::ChangeAdded { count: *n }),
        Change::Deleted(1, label) => msg(l, Msg::ChangeDeletedOne { label }),
        Change::Deleted(n, _) => msg(l, Msg::ChangeDeleted { count: *n }),
        Change::Opened(name) => msg(l, Msg::ChangeOpened { name }),
        Change::Restored(time) => msg(
            l,
            Msg::ChangeRestored {
                time: &platform::local_time(*time),
            },
        ),
        Change::Fields => t(l, Text::ChangeFields).to_owned(),
        Change::NewFile => t(l, Text::NewFile).to_owned(),
        Change::Sample => t(l, Text::ChangeSample).to_owned(),
        Change::Replaced => t(l, Text::ChangeReplaced).to_owned(),
        Change::Undo => t(l, Text::Undo).to_owned(),
        Change::Redo => t(l, Text::Redo).to_owned(),
        Change::Several => t(l, Text::ChangeSeveral).to_owned(),
    }
}

#[component]
pub fn Snapshots(protection: Protection) -> impl IntoView {
    let lang = use_lang();
    let rows = move || {
        let l = lang.get();
        protection.snapshots.with(|list| {
            list.iter()
                .rev()
                .map(|s| {
                    let time = platform::local_time(s.time);
                    let label = msg(l, Msg::RestoreSnapshotAt { time: &time });
                    let s2 = s.clone();
                    view! {
                        <tr data-id=s.id.clone()>
                            <td class="num">{time}</td>
                            <td>{describe(l, &s.what)}</td>
                            <td class="num">{s.projects}</td>
                            <td>
                                <button type="button" class="button button--small" aria-label=label
                                    on:click=move |_| { protection.restore(&s2); }>
                                    {t(l, Text::RestoreSnapshot)}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details id="snapshots" class="snapshots">
            <summary>{tr(lang, Text::SnapshotsTitle)}</summary>
            <p class="snapshots__intro">{move || msg(lang.get(), Msg::SnapshotsIntro {
                count: SNAPSHOT_COUNT,
                // Characters of UTF-16 storage, two bytes each.
                megabytes: SNAPSHOT_CHARS * 2 / 1_000_000,
            })}</p>
            <Show when=move || protection.snapshots.with(|s| !s.is_empty())
                fallback=move || view! { <p>{tr(lang, Text::NoSnapshots)}</p> }>
                <div class="snapshots__scroll">
                    <table id="snapshots-table" class="snapshots__table">
                        <caption class="visually-hidden">{tr(lang, Text::SnapshotsTitle)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(lang, Text::SnapshotTime)}</th>
                            <th scope="col">{tr(lang, Text::SnapshotChange)}</th>
                            <th scope="col">{tr(lang, Text::SnapshotProjects)}</th>
                            <th scope="col">{tr(lang, Text::SnapshotAction)}</th>
                        </tr></thead>
                        <tbody>{live(rows)}</tbody>
                    </table>
                </div>
            </Show>
        </details>
    }
}
