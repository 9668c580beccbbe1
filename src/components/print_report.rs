//! The county report as a printed document (drawn only while it is being printed, shown by
//! style/print.css): totals against targets, possible double counting, the charts and the group
//! tables (the screen's own code), the register, the bulletin, the overrides with their
//! justification and an appendix of every coefficient used with its source and status.

use crate::components::charts::print_charts;
use crate::components::portfolio_summary::{group_tables, overlaps_list, overrides_table};
use crate::components::register::Shared;
use crate::i18n::{quantity, t, use_lang, Lang, Text};
use crate::workspace::Workspace;
use jianpai_core::factors::FactorUse;
use jianpai_core::report::{ProjectResult, Report};
use jianpai_core::trail::num;
use jianpai_core::{Category, Choice, Key, Labelled, MeasureType, Status};
use leptos::prelude::*;
use reactive_stores::Field;

/// Amounts shown per project in the register.
const KEYS: [Key; 6] = [
    Key::Cod,
    Key::Nh3n,
    Key::So2,
    Key::Nox,
    Key::Tce,
    Key::Water,
];

/// Keys charted by township and by type in the printout: the four pollutants the county reports.
const CHART_KEYS: [Key; 4] = [Key::Cod, Key::Nh3n, Key::So2, Key::Nox];

/// `active`: whether the report is being printed (a large register is drawn only then).
#[component]
pub fn PrintReport(
    workspace: Field<Workspace>,
    #[prop(into)] report: Signal<Shared>,
    #[prop(into)] date: Signal<String>,
    #[prop(into)] active: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let body = move || {
        if !active.get() {
            return None;
        }
        let l = lang.get();
        let rr = report.get().0;
        // The enterprise column only when some project names one.
        let enterprises = workspace.with(|w| {
            w.doc
                .register
                .projects
                .iter()
                .any(|e| !e.text("enterprise").is_empty())
        });
        let overlaps: Vec<(String, String)> = rr
            .report
            .as_ref()
            .map(|r| {
                r.overlaps
                    .iter()
                    .flat_map(|o| {
                        o.projects
                            .iter()
                            .map(|id| (id.clone(), o.other(id).to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let register = workspace.with(|w| {
            register_rows(
                &w.doc.register.projects,
                &rr.results,
                &overlaps,
                enterprises,
                l,
            )
        });
        let summary = match &rr.report {
            Ok(r) => view! {
                {summary(r, l, &date.get())}
                {overlaps_list("print-overlaps", r, l)}
                <section class="print-doc__charts">
                    <h2>{t(l, Text::PrintCharts)}</h2>
                    {print_charts(r, &CHART_KEYS, l)}
                </section>
                <section class="print-doc__groups">
                    <h2>{t(l, Text::PrintGroups)}</h2>
                    {group_tables("print-", r, l)}
                </section>
            }
            .into_any(),
            Err(errs) => view! {
                <ul class="print-doc__problem">
                    {errs.iter().map(|e| view! { <li>{e.message(l)}</li> }).collect::<Vec<_>>()}
                </ul>
            }
            .into_any(),
        };
        let counted = rr.results.iter().filter_map(|r| r.as_ref().ok());
        let factors = unique_factors(counted.map(|p| &**p));
        let bulletin = rr
            .report
            .as_ref()
            .ok()
            .map(|r| l.pick(&r.bulletin.zh, &r.bulletin.en).to_owned());
        let overrides = rr
            .report
            .as_ref()
            .ok()
            .map(|r| overrides_table(r, l, None, "print-doc__overrides"));
        let headers = KEYS
            .iter()
            .map(|k| view! { <th scope="col" class="num">{k.text(l)}<br />{format!("({})", k.unit().get(l))}</th> })
            .collect::<Vec<_>>();
        Some(view! {
            {summary}
            <h2>{t(l, Text::Bulletin)}</h2>
            <p class="print-doc__bulletin">{bulletin}</p>
            <table class="print-doc__register">
                <caption>{t(l, Text::RegisterTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(l, Text::ProjectId)}</th>
                        <th scope="col" class="print-doc__name">{t(l, Text::Name)}</th>
                        {enterprises.then(|| view! { <th scope="col">{t(l, Text::Enterprise)}</th> })}
                        <th scope="col">{t(l, Text::Township)}</th>
                        <th scope="col">{t(l, Text::Type)}</th>
                        <th scope="col">{t(l, Text::Category)}</th>
                        <th scope="col" class="num">{t(l, Text::StartMonthShort)}</th>
                        {headers}
                        <th scope="col">{t(l, Text::Status)}</th>
                    </tr>
                </thead>
                <tbody>{register}</tbody>
            </table>
            {overrides}
            <h2 class="print-doc__appendix">{t(l, Text::CoefficientAppendix)}</h2>
            {coefficient_rows(&factors, l)}
        })
    };
    view! { <article id="print-report" class="print-doc print-doc--report">{body}</article> }
}

/// Title, region and year, the date and library version, the totals against the targets.
fn summary(r: &Report, l: Lang, date: &str) -> impl IntoView {
    let rows = Key::ALL
        .into_iter()
        .filter(|k| r.full_year_totals[*k] != 0.0 || r.progress.iter().any(|p| p.key == *k))
        .map(|k| {
            let progress = r.progress.iter().find(|p| p.key == k);
            view! {
                <tr data-key=k.code()>
                    <th scope="row">{k.text(l)}</th>
                    <td class="num">{quantity(r.totals[k])}</td>
                    <td class="num">{quantity(r.full_year_totals[k])}</td>
                    <td class="num">{progress.map(|p| quantity(p.target))}</td>
                    <td class="num">{progress.and_then(|p| p.percent).map(|pct| format!("{pct:.1}%"))}</td>
                    <td class="unit">{k.unit().get(l)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    let heading = [r.region.as_str(), r.title.as_str(), year.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <h1 class="print-doc__title">{t(l, Text::PrintReportTitle)}</h1>
        <p class="print-doc__subtitle">{heading}</p>
        <p class="print-doc__meta">
            {format!("{}{c}{date} · {}{c}{} · {}{c}{} · {}{c}{}", t(l, Text::PrintedOn),
                t(l, Text::FactorLibrary), r.factor_library,
                t(l, Text::CreditingRule), r.crediting.text(l),
                t(l, Text::ElectricityBasis), r.electricity_basis.text(l), c = l.pick("：", ": "))}
        </p>
        <table class="print-doc__totals">
            <thead>
                <tr>
                    <th scope="col">{t(l, Text::Pollutant)}</th>
                    <th scope="col" class="num">{t(l, Text::Credited)}</th>
                    <th scope="col" class="num">{t(l, Text::FullYear)}</th>
                    <th scope="col" class="num">{t(l, Text::Target)}</th>
                    <th scope="col" class="num">{t(l, Text::Progress)}</th>
                    <th scope="col">{t(l, Text::Unit)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// One row per register project, in register order; a project that is not counted says why.
fn register_rows(
    projects: &[std::sync::Arc<jianpai_core::register::Entry>],
    results: &[Result<std::sync::Arc<ProjectResult>, Vec<jianpai_core::Error>>],
    overlaps: &[(String, String)],
    enterprises: bool,
    l: Lang,
) -> Vec<impl IntoView> {
    projects
        .iter()
        .zip(results)
        .map(|(e, r)| {
            let ty = e.type_tag();
            let ty = MeasureType::parse(ty).map_or(ty.to_owned(), |m| m.text(l).to_owned());
            let (category, month, cells, status) = match r {
                Ok(p) => (
                    p.category.text(l).to_owned(),
                    p.months.to_string(),
                    KEYS.iter()
                        .map(|k| {
                            let v = p.credited[*k];
                            view! { <td class="num">{(v != 0.0).then(|| quantity(v))}</td> }
                        })
                        .collect::<Vec<_>>(),
                    {
                        // A possible double counting names the other project of the pair.
                        let others: Vec<&str> = overlaps
                            .iter()
                            .filter(|(id, _)| *id == p.id)
                            .map(|(_, other)| other.as_str())
                            .collect();
                        if others.is_empty() {
                            t(l, Text::StatusOk).to_owned()
                        } else {
                            format!(
                                "⚠ {}{}{}",
                                t(l, Text::PossibleDoubleCounting),
                                l.pick("：", ": "),
                                others.join(l.pick("、", ", "))
                            )
                        }
                    },
                ),
                Err(errs) => (
                    e.text("category").to_owned(),
                    String::new(),
                    KEYS.iter()
                        .map(|_| view! { <td class="num">{None::<String>}</td> })
                        .collect(),
                    format!(
                        "✖ {}{}{}",
                        t(l, Text::Problem),
                        l.pick("：", ": "),
                        errs.iter()
                            .map(|e| e.message(l))
                            .collect::<Vec<_>>()
                            .join(l.pick("；", "; "))
                    ),
                ),
            };
            let category = Category::parse(&category).map_or(category, |c| c.text(l).to_owned());
            view! {
                <tr>
                    <td>{e.id().unwrap_or("").to_owned()}</td>
                    <td class="print-doc__name">{e.text("name").to_owned()}</td>
                    {enterprises.then(|| view! { <td>{e.text("enterprise").to_owned()}</td> })}
                    <td class="print-doc__short">{e.text("township").to_owned()}</td>
                    <td>{ty}</td>
                    <td class="print-doc__short">{category}</td>
                    <td class="num">{month}</td>
                    {cells}
                    <td>{status}</td>
                </tr>
            }
        })
        .collect()
}

/// Every coefficient the results use, once per id and value in force (an override makes a second
/// row), in the order first used.
pub fn unique_factors<'a>(results: impl Iterator<Item = &'a ProjectResult>) -> Vec<FactorUse> {
    let mut out: Vec<FactorUse> = Vec::new();
    for f in results.flat_map(|r| r.trail.iter().flat_map(|e| e.factors.iter())) {
        let seen = out
            .iter()
            .any(|o| o.id == f.id && o.value == f.value && o.override_note == f.override_note);
        if !seen {
            out.push(f.clone());
        }
    }
    out
}

/// A coefficient's value with its unit ("-" is a pure number).
pub fn factor_value(v: f64, unit: &str) -> String {
    if unit == "-" {
        num(v)
    } else {
        format!("{} {unit}", num(v))
    }
}

/// The coefficients table: name and id, value in force, status, source.
pub fn coefficient_rows(factors: &[FactorUse], l: Lang) -> impl IntoView {
    let rows = factors
        .iter()
        .map(|f| {
            let status = match f.status {
                Status::Unverified => format!("⚠ {}", f.status.text(l)),
                s => s.text(l).to_owned(),
            };
            view! {
                <tr>
                    <th scope="row">{f.name(l).to_owned()}" "<code>{f.id.clone()}</code></th>
                    <td class="num">{factor_value(f.value, &f.unit)}</td>
                    <td>{status}</td>
                    <td>{f.source.clone()}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="print-doc__coefficients">
            <thead>
                <tr>
                    <th scope="col">{t(l, Text::Factor)}</th>
                    <th scope="col" class="num">{t(l, Text::Value)}</th>
                    <th scope="col">{t(l, Text::Status)}</th>
                    <th scope="col">{t(l, Text::Source)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
