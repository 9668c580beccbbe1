//! The built-in sample county portfolio: totals against targets, the bulletin paragraph and the
//! project list — all from one `jianpai_core::compute` of the sample file.

use crate::app::use_lang;
use crate::i18n::{quantity, t, Text};
use jianpai_core::export::{category_label, key_label, type_label, KEYS};
use jianpai_core::report::Report;
use jianpai_core::{compute, load, Error, SAMPLE_FILE};
use leptos::prelude::*;

/// Keys shown per project in the list.
const PROJECT_KEYS: [&str; 5] = ["cod_t", "nh3n_t", "so2_t", "nox_t", "tce"];

fn sample_report() -> Result<Report, Vec<Error>> {
    compute(&load(SAMPLE_FILE)?)
}

#[component]
pub fn PortfolioSummary() -> impl IntoView {
    let lang = use_lang();
    // The sample never changes; compute it once for this component's life.
    let report = StoredValue::new(sample_report());
    let body = move || {
        let l = lang.get();
        report.with_value(|r| match r {
            Ok(r) => summary(r, l).into_any(),
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
            <h2 id="portfolio-title">{move || t(lang.get(), Text::SampleTitle)}</h2>
            <p class="portfolio-summary__intro">{move || t(lang.get(), Text::SampleIntro)}</p>
            {body}
        </section>
    }
}

fn summary(r: &Report, l: jianpai_core::Lang) -> impl IntoView {
    let totals = KEYS
        .iter()
        .filter(|k| r.full_year_totals.get(k) != 0.0)
        .map(|&k| {
            let (name, unit) = key_label(k, l);
            let progress = r.progress.iter().find(|p| p.key == k);
            let target = progress.map(|p| quantity(p.target)).unwrap_or_default();
            let meter = progress.and_then(|p| p.percent).map(|pct| {
                view! {
                    <progress max="100" value=pct.min(100.0).to_string()></progress>
                    <span class="portfolio-summary__pct">{format!("{pct:.1}%")}</span>
                }
            });
            view! {
                <tr data-key=k>
                    <th scope="row">{name}</th>
                    <td id=format!("total-{k}") class="num">{quantity(r.totals.get(k))}</td>
                    <td class="num">{quantity(r.full_year_totals.get(k))}</td>
                    <td class="num">{target}</td>
                    <td class="unit">{unit}</td>
                    <td class="portfolio-summary__progress">{meter}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let projects = r
        .projects
        .iter()
        .map(|p| {
            let cells = PROJECT_KEYS
                .iter()
                .map(|k| {
                    let v = p.credited.get(k);
                    view! { <td class="num">{(v != 0.0).then(|| quantity(v))}</td> }
                })
                .collect::<Vec<_>>();
            view! {
                <tr data-id=p.id.clone()>
                    <td>{p.id.clone()}</td>
                    <td>{p.name.clone()}</td>
                    <td>{type_label(p.type_name, l)}" · "{category_label(p.category, l)}</td>
                    <td>{p.township.clone().unwrap_or_default()}</td>
                    <td class="num">{p.months}</td>
                    {cells}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let headers = PROJECT_KEYS
        .iter()
        .map(|k| {
            let (name, unit) = key_label(k, l);
            view! { <th scope="col" class="num">{name}" ("{unit}")"</th> }
        })
        .collect::<Vec<_>>();
    let bulletin = l.pick(&r.bulletin.zh, &r.bulletin.en).to_owned();
    view! {
        <h3>{format!("{} · {} · {}", r.region, r.title, r.year.map(|y| y.to_string()).unwrap_or_default())}</h3>
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
        <h3>{t(l, Text::Bulletin)}</h3>
        <blockquote id="bulletin" class="portfolio-summary__bulletin">{bulletin}</blockquote>
        <h3>{t(l, Text::Projects)}</h3>
        <div class="portfolio-summary__scroll">
            <table class="portfolio-summary__projects">
                <thead>
                    <tr>
                        <th scope="col">{t(l, Text::Id)}</th>
                        <th scope="col">{t(l, Text::Name)}</th>
                        <th scope="col">{t(l, Text::Type)}</th>
                        <th scope="col">{t(l, Text::Township)}</th>
                        <th scope="col" class="num">{t(l, Text::Months)}</th>
                        {headers}
                    </tr>
                </thead>
                <tbody>{projects}</tbody>
            </table>
        </div>
    }
}
