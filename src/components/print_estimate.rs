//! The one-project estimate as a printed document (hidden on screen, shown by style/print.css):
//! who and where, the inputs with their units, the results, how they were computed with each
//! coefficient's source and status, the overrides with their justification, the factor-library
//! version and the date.

use crate::form::{Estimate, FormError};
use crate::i18n::{msg, quantity, t, use_lang, Lang, Msg, Text};
use crate::views::factors::{coefficient_rows, unique_factors};
use crate::views::report::{overrides_table, ScopeColumn};
use jianpai_core::factors::FactorLibrary;
use jianpai_core::report::{OverrideUse, ProjectResult};
use jianpai_core::schema::FieldKind;
use jianpai_core::trail::num;
use jianpai_core::{Choice, Key, Labelled, MeasureType};
use leptos::prelude::*;
use std::sync::Arc;

/// `estimate` is the form being printed, `result` its result, `date` the date printed on it.
#[component]
pub fn PrintEstimate(
    #[prop(into)] estimate: Signal<Estimate>,
    #[prop(into)] result: Signal<Result<Arc<ProjectResult>, Vec<FormError>>>,
    #[prop(into)] date: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let body = move || {
        let l = lang.get();
        let head = estimate.with(|e| identity(e, l));
        let inputs = estimate.with(|e| inputs(e, l));
        let results = result.with(|r| match r {
            Ok(r) => results(r, l).into_any(),
            Err(_) => {
                view! { <p class="print-doc__problem">{t(l, Text::FixErrors)}</p> }.into_any()
            }
        });
        view! {
            <h1 class="print-doc__title">{t(l, Text::PrintEstimateTitle)}</h1>
            <p class="print-doc__meta">
                {format!(
                    "{} · {}",
                    msg(l, Msg::Labelled { label: t(l, Text::PrintedOn), value: &date.get() }),
                    msg(l, Msg::Labelled {
                        label: t(l, Text::LibraryVersion),
                        value: &FactorLibrary::builtin().version,
                    })
                )}
            </p>
            <table class="print-doc__pairs print-doc__identity">
                <caption>{t(l, Text::Applicant)}</caption>
                <tbody>{head}</tbody>
            </table>
            <table class="print-doc__inputs">
                <caption>{t(l, Text::Inputs)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(l, Text::InputField)}</th>
                        <th scope="col" class="num">{t(l, Text::Value)}</th>
                        <th scope="col">{t(l, Text::Unit)}</th>
                    </tr>
                </thead>
                <tbody>{inputs}</tbody>
            </table>
            {results}
        }
    };
    view! {
        <article id="print-estimate" class="print-doc print-doc--estimate">{body}</article>
    }
}

/// Label / value rows: the project's identity, its type, category and the accounting settings.
fn identity(e: &Estimate, l: Lang) -> Vec<impl IntoView> {
    let id = &e.identity;
    let form = e.current();
    let type_name = form
        .and_then(|f| MeasureType::parse(f.type_name))
        .map_or("", |ty| ty.text(l));
    let category = form.and_then(|f| f.category).map_or_else(
        || t(l, Text::UsualForType).to_owned(),
        |c| c.text(l).to_owned(),
    );
    let month = form.map_or(0, |f| f.start_month);
    let month = if month == 0 {
        t(l, Text::WholeYear).to_owned()
    } else {
        month.to_string()
    };
    let mut rows = vec![
        (t(l, Text::Name), id.name.clone()),
        (t(l, Text::Enterprise), id.enterprise.clone()),
        (t(l, Text::Township), id.township.clone()),
        (t(l, Text::Region), id.region.clone()),
        (t(l, Text::Year), id.year.clone()),
        (t(l, Text::ProjectId), id.id.clone()),
        (t(l, Text::MeasureType), type_name.to_owned()),
        (t(l, Text::Category), category),
        (t(l, Text::StartMonth), month),
    ];
    rows.push((
        t(l, Text::CreditingRule),
        e.crediting.unwrap_or_default().text(l).to_owned(),
    ));
    rows.push((
        t(l, Text::ElectricityBasis),
        e.electricity_basis.unwrap_or_default().text(l).to_owned(),
    ));
    // Two label / value pairs to a row, so that the identity takes half the height.
    let given: Vec<_> = rows.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    given
        .chunks(2)
        .map(|pair| {
            let cells = pair
                .iter()
                .map(|(k, v)| view! { <th scope="row">{*k}</th><td>{v.clone()}</td> })
                .collect::<Vec<_>>();
            view! { <tr>{cells}</tr> }
        })
        .collect()
}

/// One row per field of the measure type: its label, the value as typed (or the default it
/// takes when left blank) and its unit.
fn inputs(e: &Estimate, l: Lang) -> Vec<impl IntoView> {
    let Some(form) = e.current() else {
        return Vec::new();
    };
    form.fields
        .iter()
        .map(|f| {
            let spec = f.spec;
            let text = f.text.trim();
            let value = match spec.kind {
                FieldKind::Bool => if text == "true" { "✓" } else { "—" }.to_owned(),
                FieldKind::Choice(_) if !text.is_empty() => spec
                    .choice_label(text, l)
                    .map_or_else(|| text.to_owned(), str::to_owned),
                _ if !text.is_empty() => text.to_owned(),
                _ => match spec.default {
                    Some(d) => msg(l, Msg::DefaultIs { value: &num(d) }),
                    None => t(l, Text::NotGiven).to_owned(),
                },
            };
            view! {
                <tr>
                    <th scope="row">{spec.label(l)}</th>
                    <td class="num">{value}</td>
                    <td class="unit">{spec.unit_text()}</td>
                </tr>
            }
        })
        .collect()
}

/// The results, the trail, the coefficients used and the overrides in force.
fn results(r: &ProjectResult, l: Lang) -> impl IntoView {
    let rows = Key::ALL
        .into_iter()
        .filter(|k| r.full_year[*k] != 0.0)
        .map(|k| {
            view! {
                <tr data-key=k.code()>
                    <th scope="row">{k.text(l)}</th>
                    <td class="num">{quantity(r.full_year[k])}</td>
                    <td class="num">{quantity(r.credited[k])}</td>
                    <td class="unit">{k.unit().get(l)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let trail = r
        .trail
        .iter()
        .map(|e| {
            view! {
                <li>{e.formula(l).to_owned()}{l.pick("： ", ": ")}<code>{e.substituted.clone()}</code></li>
            }
        })
        .collect::<Vec<_>>();
    let factors = unique_factors(std::iter::once(r));
    // This project's overrides, as the report lists overrides (where they apply goes unsaid).
    let overrides: Vec<OverrideUse> = factors
        .iter()
        .filter(|f| f.override_note.is_some())
        .map(|f| OverrideUse {
            project: None,
            factor: f.clone(),
        })
        .collect();
    let warnings = r
        .warnings
        .iter()
        .map(|w| view! { <li>{w.message(l)}</li> })
        .collect::<Vec<_>>();
    view! {
        <table class="print-doc__results">
            <caption>{format!("{} · {}", t(l, Text::ResultTitle),
                msg(l, Msg::Labelled { label: t(l, Text::Months), value: &r.months.to_string() }))}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(l, Text::Pollutant)}</th>
                    <th scope="col" class="num">{t(l, Text::FullYear)}</th>
                    <th scope="col" class="num">{t(l, Text::Credited)}</th>
                    <th scope="col">{t(l, Text::Unit)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {(!warnings.is_empty()).then(|| view! {
            <h2>{t(l, Text::Warnings)}</h2>
            <ul class="print-doc__warnings">{warnings}</ul>
        })}
        <h2>{t(l, Text::HowComputed)}</h2>
        <ol class="print-doc__trail">{trail}</ol>
        {(!factors.is_empty()).then(|| coefficient_rows(&factors, l))}
        {overrides_table(&overrides, ScopeColumn::Hidden, l, None, "print-doc__overrides")}
    }
}
