//! The county register: a table of the open file's projects (name, township, category, type,
//! start month, credited amounts, status) with a totals row equal to the engine's totals (and,
//! while a filter is on, a subtotal of the rows shown above it, also the engine's); add,
//! edit, duplicate and delete; filter and sort; undo and redo. Only the rows in view are drawn,
//! so a register of ten thousand projects stays quick. What a row shows, the filter, the sort
//! and which rows are in view are worked out without views in `rows.rs`.

use crate::components::live;
use crate::i18n::{msg, quantity, t, tr, use_lang, Lang, Msg, Text};
use crate::platform;
use crate::workspace::{Names, Shared, Workspace};
use jianpai_core::doc::county::status_counts;
use jianpai_core::register::EntryKey;
use jianpai_core::review::ReviewStatus;
use jianpai_core::{Category, Choice, Key, KeyCategory, Labelled, MeasureType, Method};
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use reactive_stores::Field;
use std::sync::Arc;

mod rows;

use rows::{
    shown_positions, Filter, Row, RowCache, Window, CARD_HEIGHT, PHONE_MAX_WIDTH, ROW_HEIGHT,
};
pub use rows::{SortBy, COLUMNS};

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
    /// Whether the rows (and the lists of the toolbar's choices) are drawn yet: the app draws
    /// them a frame after the first paint, which needs only the totals row (issue 20). Drawn at
    /// once when not given.
    #[prop(optional, into)]
    rows_when: Option<Signal<bool>>,
) -> impl IntoView {
    let lang = use_lang();
    let ready = move || rows_when.is_none_or(|s| s.get());
    let filter = RwSignal::new(Filter::default());
    let sort = RwSignal::new((SortBy::Position, true));
    let new_kind = RwSignal::new(MeasureType::Wastewater);
    // Rows are rebuilt only for projects whose object or result changed (pointers compared).
    let row_cache = StoredValue::new(RowCache::default());
    let rows = Memo::new(move |_| {
        if !ready() {
            return Vec::new();
        }
        let l = lang.get();
        let report = report.get();
        workspace.with(|w| {
            row_cache
                .try_update_value(|c| c.rows(&w.doc.register.projects, &report.0, l))
                .unwrap_or_default()
        })
    });
    // Whether a filter keeps rows out (a blank search filters nothing).
    let filtered = Memo::new(move |_| {
        filter.with(|f| {
            !f.township.is_empty()
                || f.category.is_some()
                || f.key_category.is_some()
                || f.kind.is_some()
                || f.review.is_some()
                || !f.text.trim().is_empty()
        })
    });
    let shown = Memo::new(move |_| {
        let (by, asc) = sort.get();
        filter.with(|f| rows.with(|rows| shown_positions(rows, f, by, asc)))
    });
    // Scrolling: only the rows in view are drawn.
    let scroll_top = RwSignal::new(0.0_f64);
    let view_height = RwSignal::new(480.0_f64);
    // On a phone each row is a card of CARD_HEIGHT (style/register.css); the window is measured
    // when the component starts and at each scroll.
    let row_height = move || match platform::window_width() {
        Some(w) if w <= PHONE_MAX_WIDTH => CARD_HEIGHT,
        _ => ROW_HEIGHT,
    };
    let height = RwSignal::new(row_height());
    let window = Memo::new(move |_| {
        Window::of_rows(
            shown.with(Vec::len),
            scroll_top.get(),
            view_height.get(),
            height.get(),
        )
    });
    let on_scroll = move |ev: leptos::ev::Event| {
        if let Some((top, h)) = platform::scroll_metrics(&ev) {
            let rh = row_height();
            if height.get_untracked() != rh {
                height.set(rh);
            }
            scroll_top.set(top);
            view_height.set(h);
        }
    };

    let add = move |_| {
        let l = lang.get_untracked();
        let kind = new_kind.get_untracked();
        let mut at = None;
        workspace.update(|w| {
            w.apply(None, |d| {
                let p = d.new_project(kind, t(l, Text::AddProject));
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

    // Kept between edits: only the rows built again are read (`workspace::Names`).
    let township_names = StoredValue::new(Names::default());
    let townships = Memo::new(move |_| {
        rows.with(|rows| {
            township_names
                .try_update_value(|n| n.of(rows.iter().map(|r| &r.data), |d| d.township.as_str()))
                .unwrap_or_default()
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
            v.push(header(SortBy::Amount(k), amount_label(k, l), true).into_any());
        }
        v.push(header(SortBy::Status, t(l, Text::Status).to_owned(), false).into_any());
        v.push(header(SortBy::Review, t(l, Text::ReviewStatus).to_owned(), false).into_any());
        v.push(view! { <th scope="col">{t(l, Text::Actions)}</th> }.into_any());
        v
    };
    // The rows in view, keyed by what they show (position, project, its row data's `Arc`):
    // after an edit only the edited project's row is built again, the others stay in the page
    // as they are (issue 20: rows cheap enough for `erase_components`; a row's cells are plain
    // text, its only reactive parts the selection's class and `aria-selected`).
    let drawn = move || {
        let w = window.get();
        let ids = shown.with(|s| s[w.first..w.last].to_vec());
        rows.with(|rows| {
            ids.iter()
                .filter_map(|&i| rows.get(i).cloned())
                .collect::<Vec<_>>()
        })
    };
    let row_key = |r: &Row| (r.index, r.key, Arc::as_ptr(&r.data) as usize);
    // Another language makes new row data (`RowCache`), hence new keys: every row is built again.
    let draw_row = move |r: Row| row_view(r, lang.get_untracked(), selected, workspace, on_edit);
    // Heights set through the CSSOM (the page's CSP forbids style attributes).
    let top = move || format!("{}px", window.get().top());
    let bottom = move || format!("{}px", window.get().bottom());
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
                        <td id=format!("register-total-{code}") class="num" data-label=amount_label(*k, l)
                            {..custom_attribute("elementtiming", format!("register-total-{code}"))}>
                            {quantity(rep.totals[*k])}
                        </td>
                    }
                })
                .collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        };
        // While a filter is on, the row says it is the whole register's.
        let label = if filtered.get() {
            Text::TotalRowAll
        } else {
            Text::TotalRow
        };
        view! {
            <tr class="register__totals">
                <th scope="row" colspan="5">{t(l, label)}</th>
                {cells}
                <td class="register__blank" colspan="3"></td>
            </tr>
        }
    };
    // The rows shown, totalled by the engine, above the totals row while a filter is on.
    let subtotal = move || {
        if !filtered.get() {
            return None;
        }
        let l = lang.get();
        let r = report.get();
        let (sum, n) = shown.with(|s| (r.0.subtotal(s.iter().copied()), s.len()));
        let cells = COLUMNS
            .iter()
            .map(|k| {
                let code = k.code();
                view! { <td id=format!("register-subtotal-{code}") class="num" data-label=amount_label(*k, l)>{quantity(sum[*k])}</td> }
            })
            .collect::<Vec<_>>();
        Some(view! {
            <tr class="register__subtotal">
                <th scope="row" colspan="5">{msg(l, Msg::FilteredSubtotal { count: n })}</th>
                {cells}
                <td class="register__blank" colspan="3"></td>
            </tr>
        })
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
                    <p>{msg(l, Msg::NotCounted { count: n })}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let type_options = move || {
        if !ready() {
            return Vec::new();
        }
        let l = lang.get();
        MeasureType::ALL
            .iter()
            .map(|k| view! { <option value=k.code() selected=move || new_kind.get() == *k>{k.text(l)}</option> })
            .collect::<Vec<_>>()
    };
    let filter_type_options = move || {
        if !ready() {
            return Vec::new();
        }
        let l = lang.get();
        options_with_all(
            l,
            MeasureType::ALL.iter().map(move |k| (k.code(), k.text(l))),
        )
    };
    let filter_category_options = move || {
        if !ready() {
            return Vec::new();
        }
        let l = lang.get();
        options_with_all(
            l,
            Category::VALUES.iter().map(move |c| (c.name(), c.text(l))),
        )
    };
    let filter_key_category_options = move || {
        if !ready() {
            return Vec::new();
        }
        let l = lang.get();
        options_with_all(
            l,
            KeyCategory::VALUES
                .iter()
                .map(move |c| (c.name(), c.text(l))),
        )
    };
    // The 十四五 categories are offered under the 2021 method only.
    let method_2021 = Memo::new(move |_| {
        report.with(|r| {
            r.0.report
                .as_ref()
                .is_ok_and(|rep| rep.method.id == Method::KeyProjects2021)
        })
    });
    let grouped = move || sort.get().0 == SortBy::KeyCategory;
    let group = move |_| {
        sort.update(|s| {
            *s = if s.0 == SortBy::KeyCategory {
                (SortBy::Position, true)
            } else {
                (SortBy::KeyCategory, true)
            }
        })
    };
    let filter_township_options = move || {
        let l = lang.get();
        townships.with(|ts| options_with_all(l, ts.iter().map(|tn| (tn.as_str(), tn.as_str()))))
    };
    let filter_review_options = move || {
        if !ready() {
            return Vec::new();
        }
        let l = lang.get();
        options_with_all(
            l,
            ReviewStatus::ALL.iter().map(move |s| (s.name(), s.text(l))),
        )
    };
    // "审核状态：核定 12 · 初审通过 3 · 退回 1", the engine's count, once some project has a review
    // or the file names its counted statuses.
    let review_counts = move || {
        let l = lang.get();
        let r = report.get();
        let counts =
            r.0.report
                .as_ref()
                .ok()
                .and_then(|rep| status_counts(rep, l))?;
        Some(view! {
            <p id="register-review-counts" class="register__review-counts">
                {msg(l, Msg::ReviewCounts { counts: &counts })}
            </p>
        })
    };
    let count = move || {
        if !ready() {
            return String::new();
        }
        let l = lang.get();
        let n = shown.with(Vec::len);
        let all = rows.with(Vec::len);
        msg(l, Msg::RowsShown { shown: n, all })
    };

    view! {
        <section class="register" aria-labelledby="register-title">
            <h2 id="register-title">{tr(lang, Text::RegisterTitle)}</h2>
            <p class="register__intro">{tr(lang, Text::RegisterIntro)}</p>
            <div class="register__toolbar">
                <label class="register__type" for="new-project-type">
                    {tr(lang, Text::TypeOfNewProject)}
                </label>
                <select id="new-project-type" on:change=move |ev| {
                    if let Some(k) = MeasureType::parse(&event_target_value(&ev)) { new_kind.set(k) }
                }>{live(type_options)}</select>
                <button id="add-project" class="button" type="button" on:click=add>
                    {tr(lang, Text::AddProject)}
                </button>
                <button id="undo" class="button button--outline" type="button"
                    disabled=move || !can_undo() on:click=undo aria-keyshortcuts="Control+Z">
                    {tr(lang, Text::Undo)}
                </button>
                <button id="redo" class="button button--outline" type="button"
                    disabled=move || !can_redo() on:click=redo aria-keyshortcuts="Control+Shift+Z Control+Y">
                    {tr(lang, Text::Redo)}
                </button>
            </div>
            <div class="register__filters">
                <label for="filter-township">{tr(lang, Text::FilterTownship)}</label>
                <select id="filter-township" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.township = v)
                }>{live(filter_township_options)}</select>
                <label for="filter-category">{tr(lang, Text::FilterCategory)}</label>
                <select id="filter-category" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.category = Category::parse(&v))
                }>{live(filter_category_options)}</select>
                <Show when=move || method_2021.get()>
                    <label for="filter-key-category">{tr(lang, Text::FilterKeyCategory)}</label>
                    <select id="filter-key-category" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        filter.update(|f| f.key_category = KeyCategory::parse(&v))
                    }>{live(filter_key_category_options)}</select>
                    <button id="group-key-category" type="button" class="button button--outline button--small"
                        aria-pressed=move || grouped().to_string() on:click=group>
                        {tr(lang, Text::GroupByKeyCategory)}
                    </button>
                </Show>
                <label for="filter-type">{tr(lang, Text::FilterType)}</label>
                <select id="filter-type" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.kind = MeasureType::parse(&v))
                }>{live(filter_type_options)}</select>
                <label for="filter-review">{tr(lang, Text::FilterReview)}</label>
                <select id="filter-review" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.review = ReviewStatus::parse(&v))
                }>{live(filter_review_options)}</select>
                <label for="filter-text">{tr(lang, Text::Search)}</label>
                <input id="filter-text" type="search"
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        filter.update(|f| f.text = v)
                    } />
                <span id="register-count" class="register__count" aria-live="polite">{live(count)}</span>
            </div>
            {live(review_counts)}
            {live(not_counted)}
            <div class="register__scroll" on:scroll=on_scroll>
                <table id="register-table" class="register__table">
                    <caption class="visually-hidden">{tr(lang, Text::RegisterTitle)}</caption>
                    <thead><tr>{live(headers)}</tr></thead>
                    <tbody>
                        <tr class="register__spacer" aria-hidden="true" style:height=top></tr>
                        <For each=drawn key=row_key children=draw_row />
                        <tr class="register__spacer" aria-hidden="true" style:height=bottom></tr>
                    </tbody>
                    <tfoot>{live(subtotal)}{live(totals)}</tfoot>
                </table>
                <Show when=move || ready() && rows.with(Vec::is_empty)>
                    <p class="register__empty">{tr(lang, Text::NoProjects)}</p>
                </Show>
            </div>
        </section>
    }
}

/// A filter's options: "all" (the empty value, which filters nothing) first, then each
/// `(value, label)`.
fn options_with_all<'a>(
    l: Lang,
    options: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<AnyView> {
    std::iter::once(("", t(l, Text::All)))
        .chain(options)
        .map(|(value, label)| {
            view! { <option value=value.to_owned()>{label.to_owned()}</option> }.into_any()
        })
        .collect()
}

/// The name of a credited amount's column, `COD (t/a)`: its header, and its label in a card.
fn amount_label(k: Key, l: Lang) -> String {
    format!("{} ({})", k.text(l), k.unit().get(l))
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
            <td class="register__status register__status--problem" title=r.problems.join("\n")
                data-label=t(l, Text::Status)>
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
                data-label=t(l, Text::Status)
                data-overlap=(!others.is_empty()).then_some(others)>
                {format!("⚠ {}{mark}", msg(l, Msg::WarningCount { count: all.len() }))}
                <span class="visually-hidden">{format!("{}{}", l.pick("：", ": "), all.join(l.pick("；", "; ")))}</span>
            </td>
        }
        .into_any()
    } else {
        view! { <td class="register__status" data-label=t(l, Text::Status)>{t(l, Text::StatusOk)}</td> }.into_any()
    };
    let amounts = COLUMNS
        .iter()
        .enumerate()
        .map(|(c, k)| {
            let label = amount_label(*k, l);
            let v = r.amounts.map(|a| a[c]).filter(|v| *v != 0.0);
            // A net after an offset is marked; its tooltip says what was credited and deducted.
            match r.offsets[c] {
                Some((credited, offset)) => {
                    let note = msg(
                        l,
                        Msg::OffsetDeducted {
                            credited: &quantity(credited),
                            offset: &quantity(offset),
                        },
                    );
                    let title = note.clone();
                    view! {
                        <td class="num register__offset" title=title data-label=label>
                            {v.map(quantity)}"※"
                            <span class="visually-hidden">{note}</span>
                        </td>
                    }
                    .into_any()
                }
                None => {
                    view! { <td class="num" data-label=label>{v.map(quantity)}</td> }.into_any()
                }
            }
        })
        .collect::<Vec<_>>();
    // The review status as written (blank without a review), and "未计入" when the totals leave
    // the project out for it.
    let review = {
        let status = r.review.map(|s| s.text(l).to_owned());
        let left_out = r.problems.is_empty() && !r.counted;
        let text = match (status, left_out) {
            (Some(s), true) => format!("{s} · {}", t(l, Text::NotCountedByReview)),
            (None, true) => format!(
                "{} · {}",
                ReviewStatus::Submitted.text(l),
                t(l, Text::NotCountedByReview)
            ),
            (Some(s), false) => s,
            (None, false) => String::new(),
        };
        view! {
            <td class="register__review" class:register__review--out=left_out
                data-review=r.status().name() data-label=t(l, Text::ReviewStatus)>{text}</td>
        }
    };
    let name = if r.name.is_empty() {
        r.id.clone()
    } else {
        r.name.clone()
    };
    let name_title = name.clone();
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
            // Long names are cut with an ellipsis (rows keep their height); the whole text is
            // the cell's tooltip and is in the form when the project is edited.
            <th scope="row" class="register__name">
                <span class="register__clip" title=name_title>{name}</span>
            </th>
            <td data-label=t(l, Text::Township)>
                <span class="register__clip" title=r.township.clone()>{r.township.clone()}</span>
            </td>
            <td data-label=t(l, Text::Category)>{r.category.map(|c| c.text(l))}</td>
            <td data-label=t(l, Text::Type)>{r.kind.map(|k| k.text(l))}</td>
            <td class="num" data-label=t(l, Text::StartMonthShort)>{r.month}</td>
            {amounts}
            {status}
            {review}
            <td class="register__actions" data-label=t(l, Text::Actions)>
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
