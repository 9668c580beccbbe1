//! A county portfolio — the built-in sample, or a project file the user opens — as totals against
//! targets, the bulletin paragraph and the project list, all from one `jianpai_core::compute`.
//! A file that does not load is rejected with its messages; the portfolio shown stays as it was.

use crate::components::charts::Charts;
use crate::components::print_report::factor_value;
use crate::components::register::Shared;
use crate::i18n::{quantity, t, use_lang, Text};
use jianpai_core::report::{Group, OverrideUse, Report};
use jianpai_core::{Amounts, Category, Choice, Key, Labelled, MeasureType};
use leptos::prelude::*;

/// Keys shown per project in the list.
const PROJECT_KEYS: [Key; 5] = [Key::Cod, Key::Nh3n, Key::So2, Key::Nox, Key::Tce];

/// `report` is the open register's computed report; `name` the file it came from.
#[component]
pub fn PortfolioSummary(
    #[prop(into)] report: Signal<Shared>,
    #[prop(into)] name: Signal<Option<String>>,
    /// Prints the county report.
    #[prop(optional, into)]
    on_print: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    // The key the charts show, kept here so that a recompute does not reset the choice.
    let chart_key = RwSignal::new(Key::Cod);
    let title = move || {
        let l = lang.get();
        name.with(|name| match name {
            None => t(l, Text::SampleTitle).to_owned(),
            Some(name) => format!("{}{name}", t(l, Text::OpenedFile)),
        })
    };
    let body = move || {
        let l = lang.get();
        report.with(|r| match &r.0.report {
            Ok(r) => summary(r, l, chart_key).into_any(),
            Err(errs) => view! {
                <div class="portfolio-summary__error" role="alert">
                    <p>{t(l, Text::LoadFailed)}</p>
                    <ul>{errs.iter().map(|e| view! { <li>{e.message(l)}</li> }).collect::<Vec<_>>()}</ul>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <section class="portfolio-summary" aria-labelledby="portfolio-title">
            <h2 id="portfolio-title">{title}</h2>
            <p class="portfolio-summary__intro">{move || t(lang.get(), Text::SampleIntro)}</p>
            <div class="portfolio-summary__actions">
                {on_print.map(|print| view! {
                    <button id="print-report-button" class="button button--outline" type="button"
                        disabled=move || report.with(|r| r.0.report.is_err()) on:click=move |_| print.run(())>
                        {move || t(lang.get(), Text::PrintReport)}
                    </button>
                })}
            </div>
            {body}
        </section>
    }
}

/// One cell per shown key; zero stays blank so that the figures that matter stand out.
fn amount_cells(a: &Amounts) -> Vec<impl IntoView> {
    PROJECT_KEYS
        .iter()
        .map(|k| {
            let v = a[*k];
            view! { <td class="num">{(v != 0.0).then(|| quantity(v))}</td> }
        })
        .collect()
}

/// Credited totals of one grouping (category, type or township), one row per group.
fn group_table(
    id: String,
    caption: &'static str,
    groups: &[Group],
    l: jianpai_core::Lang,
    name: impl Fn(&str) -> String,
) -> impl IntoView {
    let headers = PROJECT_KEYS
        .iter()
        .map(|k| view! { <th scope="col" class="num">{k.text(l)}</th> })
        .collect::<Vec<_>>();
    let rows = groups
        .iter()
        .map(|g| {
            let cells = amount_cells(&g.credited);
            view! {
                <tr data-key=g.key.clone()>
                    <th scope="row">{name(&g.key)}</th>
                    <td class="num">{g.projects}</td>
                    {cells}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="table-scroll" tabindex="0">
            <table id=id class="portfolio-summary__group">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col" class="num">{t(l, Text::ProjectCount)}</th>
                        {headers}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn summary(r: &Report, l: jianpai_core::Lang, chart_key: RwSignal<Key>) -> impl IntoView {
    let totals = Key::ALL
        .into_iter()
        .filter(|k| r.full_year_totals[*k] != 0.0)
        .map(|k| {
            let (name, unit, code) = (k.text(l), k.unit().get(l), k.code());
            let progress = r.progress.iter().find(|p| p.key == k);
            let target = progress.map(|p| quantity(p.target)).unwrap_or_default();
            let meter = progress.and_then(|p| p.percent).map(|pct| {
                view! {
                    <progress max="100" value=pct.min(100.0).to_string()></progress>
                    <span class="portfolio-summary__pct">{format!("{pct:.1}%")}</span>
                }
            });
            view! {
                <tr data-key=code>
                    <th scope="row">{name}</th>
                    <td id=format!("total-{code}") class="num">{quantity(r.totals[k])}</td>
                    <td class="num">{quantity(r.full_year_totals[k])}</td>
                    <td class="num">{target}</td>
                    <td class="unit">{unit}</td>
                    <td class="portfolio-summary__progress">{meter}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let bulletin = l.pick(&r.bulletin.zh, &r.bulletin.en).to_owned();
    view! {
        <h3>{format!("{} · {} · {}", r.region, r.title, r.year.map(|y| y.to_string()).unwrap_or_default())}</h3>
        <p id="summary-library">{format!("{}{}{}", t(l, Text::FactorLibrary), l.pick("：", ": "), r.factor_library)}</p>
        <div class="table-scroll" tabindex="0">
            <table class="portfolio-summary__totals">
                <thead>
                    <tr>
                        <th scope="col">{t(l, Text::Pollutant)}</th>
                        <th scope="col" class="num">{t(l, Text::Credited)}</th>
                        <th scope="col" class="num">{t(l, Text::FullYear)}</th>
                        <th scope="col" class="num">{t(l, Text::Target)}</th>
                        <th scope="col"></th>
                        <th scope="col">{t(l, Text::Progress)}</th>
                    </tr>
                </thead>
                <tbody>{totals}</tbody>
            </table>
        </div>
        {overlaps_list("overlaps", r, l)}
        <Charts report=r.clone() lang=l key=chart_key/>
        {overrides_table(r, l, Some("overrides-in-force"), "portfolio-summary__overrides")
            .map(|table| view! { <div class="table-scroll" tabindex="0">{table}</div> })}
        {group_tables("", r, l)}
        <h3>{t(l, Text::Bulletin)}</h3>
        <blockquote id="bulletin" class="portfolio-summary__bulletin">{bulletin}</blockquote>
    }
}

/// The tables by category, by type and by township (ids `{prefix}by-category` …), here and in
/// the printed report: one code for both, so that both show the same numbers.
pub fn group_tables(prefix: &str, r: &Report, l: jianpai_core::Lang) -> impl IntoView {
    view! {
        <div class="portfolio-summary__groups">
            {group_table(format!("{prefix}by-category"), t(l, Text::ByCategory), &r.by_category, l, move |k| {
                Category::parse(k).map_or(k.to_owned(), |c| c.text(l).to_owned())
            })}
            {group_table(format!("{prefix}by-type"), t(l, Text::ByType), &r.by_type, l, move |k| MeasureType::parse(k).map_or(k.to_owned(), |t| t.text(l).to_owned()))}
            {group_table(format!("{prefix}by-township"), t(l, Text::ByTownship), &r.by_township, l, move |k| {
                if k.is_empty() { t(l, Text::NoTownship).to_owned() } else { k.to_owned() }
            })}
        </div>
    }
}

/// The pairs of projects that may count one reduction twice (engine: `overlap`), each naming
/// both ids; nothing when there are none. Advisory: the totals above count both.
pub fn overlaps_list(id: &'static str, r: &Report, l: jianpai_core::Lang) -> Option<impl IntoView> {
    if r.overlaps.is_empty() {
        return None;
    }
    let items = r
        .overlaps
        .iter()
        .map(|o| {
            view! {
                <li data-projects=o.projects.join(" ")>{l.pick(&o.message_zh, &o.message_en).to_owned()}</li>
            }
        })
        .collect::<Vec<_>>();
    Some(view! {
        <section id=id class="portfolio-summary__overlaps" role="note">
            <h3>{format!("⚠ {}", t(l, Text::PossibleDoubleCounting))}</h3>
            <p>{t(l, Text::DoubleCountingIntro)}</p>
            <ul>{items}</ul>
        </section>
    })
}

/// The coefficient overrides in force (file-wide or one project's) with their justification, so
/// that a total changed by an override says so where it is shown (the summary and the printed
/// report); nothing when the file overrides nothing.
pub fn overrides_table(
    r: &Report,
    l: jianpai_core::Lang,
    id: Option<&'static str>,
    class: &'static str,
) -> Option<impl IntoView> {
    let list: &[OverrideUse] = &r.overrides;
    if list.is_empty() {
        return None;
    }
    let rows = list
        .iter()
        .map(|o| {
            let f = &o.factor;
            let scope = match &o.project {
                None => t(l, Text::FileWide).to_owned(),
                Some(id) => format!("{}{id}", t(l, Text::ProjectScope)),
            };
            view! {
                <tr data-factor=f.id.clone()>
                    <th scope="row">{f.name(l).to_owned()}" "<code>{f.id.clone()}</code></th>
                    <td class="num">{factor_value(f.value, &f.unit)}</td>
                    <td class="num">{f.default_value.map(|d| factor_value(d, &f.unit))}</td>
                    <td>{f.override_note.clone()}</td>
                    <td>{scope}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    Some(view! {
        <table id=id class=class>
            <caption>{t(l, Text::OverridesInForce)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(l, Text::Factor)}</th>
                    <th scope="col" class="num">{t(l, Text::ValueInForce)}</th>
                    <th scope="col" class="num">{t(l, Text::DefaultValue)}</th>
                    <th scope="col">{t(l, Text::Justification)}</th>
                    <th scope="col">{t(l, Text::AppliesTo)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    })
}
