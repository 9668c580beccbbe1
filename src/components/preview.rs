//! The preview of a file read before anything is replaced, shared by "open project file" and
//! "import CSV": its heading, how many projects it holds, its credited totals, every problem
//! that would leave something out of them, and the caller's buttons (replace, add, cancel).

use crate::i18n::{quantity, t, Text};
use jianpai_core::{Amounts, Key, Labelled, Lang};
use leptos::prelude::*;

/// `id` names the dialog; its parts are `{id}-title`, `{id}-count`, `{id}-library` and
/// `{id}-problems`. `totals` are the file's credited totals (`None` when its own fields do not
/// read: then every total shows 0). `children` are the actions.
#[component]
pub fn FilePreview(
    id: &'static str,
    /// The heading, naming the file.
    heading: String,
    /// The title the file gives itself, under the heading.
    #[prop(optional)]
    file_title: Option<String>,
    /// "12 projects", "12 rows read".
    count: String,
    /// Said after the count: the file was made with an older factor library.
    #[prop(optional_no_strip)]
    library: Option<String>,
    totals: Option<Amounts>,
    /// Said above the problems when there are any.
    problems_intro: Text,
    problems: Vec<String>,
    lang: Lang,
    children: Children,
) -> impl IntoView {
    let l = lang;
    let has_problems = !problems.is_empty();
    view! {
        <div id=id class="file-bar__preview" role="dialog" aria-modal="false"
            aria-labelledby=format!("{id}-title")>
            <h3 id=format!("{id}-title")>{heading}</h3>
            {file_title.map(|title| view! { <p class="file-bar__preview-title">{title}</p> })}
            <p id=format!("{id}-count")>{count}</p>
            {library.map(|s| view! { <p id=format!("{id}-library")>{s}</p> })}
            {totals_table(totals, l)}
            <Show when=move || has_problems>
                <p>{t(l, problems_intro)}</p>
            </Show>
            <ul id=format!("{id}-problems")>
                {problems.into_iter().map(|m| view! { <li>{m}</li> }).collect::<Vec<_>>()}
            </ul>
            <div class="file-bar__preview-actions">{children()}</div>
        </div>
    }
}

/// The credited totals of a file read for a preview, one row per key a project can credit.
fn totals_table(totals: Option<Amounts>, l: Lang) -> impl IntoView {
    let rows = Key::EMISSIONS
        .iter()
        .map(|k| {
            let v = totals.map_or(0.0, |a| a[*k]);
            view! {
                <tr data-key=k.code()>
                    <th scope="row">{k.text(l)}</th>
                    <td class="num">{quantity(v)}</td>
                    <td>{k.unit().get(l)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="file-bar__preview-totals">
            <caption>{t(l, Text::Totals)}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}
