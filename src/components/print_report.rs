//! The county report as a printed document (drawn only while it is being printed, shown by
//! style/print.css): totals against targets, possible double counting, the charts and the group
//! tables, the register, the bulletin, the overrides with their justification and an appendix of
//! every coefficient used with its source and status. The parts the summary shows too are drawn
//! by the same code (`views::report`, `views::factors`).

use crate::components::charts::PrintCharts;
use crate::i18n::{msg, quantity, t, use_lang, Lang, Msg, Text};
use crate::views::factors::{coefficient_rows, unique_factors};
use crate::views::report::{
    category_name, group_tables, overlaps_list, overrides_table, totals_table, type_name, Medium,
    ScopeColumn, TargetOnly,
};
use crate::workspace::{Shared, Workspace};
use jianpai_core::report::{ProjectResult, Report};
use jianpai_core::{Key, Labelled};
use leptos::prelude::*;
use reactive_stores::Field;

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
                    <h2>{t(l, Text::Charts)}</h2>
                    <PrintCharts report=r.clone() keys=&CHART_KEYS lang=l />
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
        let overrides = rr.report.as_ref().ok().map(|r| {
            overrides_table(
                &r.overrides,
                ScopeColumn::Shown,
                l,
                None,
                "print-doc__overrides",
            )
        });
        let headers = Key::EMISSIONS
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
            {[
                (Text::PrintedOn, date),
                (Text::LibraryVersion, r.factor_library.as_str()),
                (Text::CreditingRule, r.crediting.text(l)),
                (Text::ElectricityBasis, r.electricity_basis.text(l)),
            ]
                .map(|(label, value)| msg(l, Msg::Labelled { label: t(l, label), value }))
                .join(" · ")}
        </p>
        {totals_table(r, l, Medium::Print, TargetOnly::Show)}
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
            let ty = type_name(e.type_tag(), l);
            let (category, month, cells, status) = match r {
                Ok(p) => (
                    p.category.text(l).to_owned(),
                    p.months.to_string(),
                    Key::EMISSIONS
                        .iter()
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
                            let label = t(l, Text::PossibleDoubleCounting);
                            let value = others.join(l.pick("、", ", "));
                            format!(
                                "⚠ {}",
                                msg(
                                    l,
                                    Msg::Labelled {
                                        label,
                                        value: &value
                                    }
                                )
                            )
                        }
                    },
                ),
                Err(errs) => (
                    e.text("category").to_owned(),
                    String::new(),
                    Key::EMISSIONS
                        .iter()
                        .map(|_| view! { <td class="num">{None::<String>}</td> })
                        .collect(),
                    {
                        let value = errs
                            .iter()
                            .map(|e| e.message(l))
                            .collect::<Vec<_>>()
                            .join(l.pick("；", "; "));
                        let label = t(l, Text::Problem);
                        format!(
                            "✖ {}",
                            msg(
                                l,
                                Msg::Labelled {
                                    label,
                                    value: &value
                                }
                            )
                        )
                    },
                ),
            };
            let category = category_name(&category, l);
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
