//! A report's parts as the summary screen and the printed documents draw them, written once so
//! that both show the same numbers: the totals against the targets, the tables by category, type
//! and township, the coefficient overrides in force, the possible double counting, and the names
//! of a report's groups.

use crate::i18n::{msg, quantity, t, Lang, Msg, Text};
use crate::views::factors::value_with_unit;
use jianpai_core::report::{Group, OverrideUse, Report};
use jianpai_core::{Amounts, Category, Choice, Key, Labelled, MeasureType};
use leptos::prelude::*;

/// Keys shown per group in the group tables.
const GROUP_KEYS: [Key; 5] = [Key::Cod, Key::Nh3n, Key::So2, Key::Nox, Key::Tce];

/// A category as shown (its code when it is not one this version knows).
pub fn category_name(code: &str, l: Lang) -> String {
    Category::parse(code).map_or(code.to_owned(), |c| c.text(l).to_owned())
}

/// A measure type as shown (its tag when it is not one this version knows).
pub fn type_name(tag: &str, l: Lang) -> String {
    MeasureType::parse(tag).map_or(tag.to_owned(), |m| m.text(l).to_owned())
}

/// A township as shown ("no township" for projects that name none).
pub fn township_name(township: &str, l: Lang) -> String {
    if township.is_empty() {
        t(l, Text::NoTownship).to_owned()
    } else {
        township.to_owned()
    }
}

/// A percentage of a target as printed beside it ("98.3%").
pub fn percent_text(pct: f64) -> String {
    format!("{pct:.1}%")
}

/// Whether a totals table also lists a pollutant that has a target but nothing credited or
/// reduced yet. The screen's summary hides it and the printed report shows it: each view keeps
/// its own rule for now, and this is the one place where they differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetOnly {
    Hide,
    Show,
}

/// The keys a totals table lists, in report order: those with a full-year reduction, and with
/// [`TargetOnly::Show`] also those with a target.
pub fn totals_keys(r: &Report, target_only: TargetOnly) -> impl Iterator<Item = Key> + '_ {
    Key::ALL.into_iter().filter(move |k| {
        r.full_year_totals[*k] != 0.0
            || (target_only == TargetOnly::Show && r.progress.iter().any(|p| p.key == *k))
    })
}

/// Which medium a totals table is drawn for: the screen shows progress as a meter after the unit
/// (and ids `total-{key}` for the credited totals); a printout writes the percentage, then the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    Screen,
    Print,
}

/// The totals against the targets: credited, full-year, target and progress of each key that
/// [`totals_keys`] lists.
pub fn totals_table(r: &Report, l: Lang, medium: Medium, target_only: TargetOnly) -> AnyView {
    let rows = totals_keys(r, target_only)
        .map(|k| {
            let (code, unit) = (k.code(), k.unit().get(l));
            let progress = r.progress.iter().find(|p| p.key == k);
            match medium {
                Medium::Screen => {
                    let target = progress.map(|p| quantity(p.target)).unwrap_or_default();
                    let meter = progress.and_then(|p| p.percent).map(|pct| {
                        view! {
                            <progress max="100" value=pct.min(100.0).to_string()></progress>
                            <span class="portfolio-summary__pct">{percent_text(pct)}</span>
                        }
                    });
                    view! {
                        <tr data-key=code>
                            <th scope="row">{k.text(l)}</th>
                            <td id=format!("total-{code}") class="num">{quantity(r.totals[k])}</td>
                            <td class="num">{quantity(r.full_year_totals[k])}</td>
                            <td class="num">{target}</td>
                            <td class="unit">{unit}</td>
                            <td class="portfolio-summary__progress">{meter}</td>
                        </tr>
                    }
                    .into_any()
                }
                Medium::Print => view! {
                    <tr data-key=code>
                        <th scope="row">{k.text(l)}</th>
                        <td class="num">{quantity(r.totals[k])}</td>
                        <td class="num">{quantity(r.full_year_totals[k])}</td>
                        <td class="num">{progress.map(|p| quantity(p.target))}</td>
                        <td class="num">{progress.and_then(|p| p.percent).map(percent_text)}</td>
                        <td class="unit">{unit}</td>
                    </tr>
                }
                .into_any(),
            }
        })
        .collect::<Vec<_>>();
    let head = view! {
        <th scope="col">{t(l, Text::Pollutant)}</th>
        <th scope="col" class="num">{t(l, Text::Credited)}</th>
        <th scope="col" class="num">{t(l, Text::FullYear)}</th>
        <th scope="col" class="num">{t(l, Text::Target)}</th>
    };
    let (class, tail) = match medium {
        Medium::Screen => (
            "portfolio-summary__totals",
            view! {
                <th scope="col"></th>
                <th scope="col">{t(l, Text::Progress)}</th>
            }
            .into_any(),
        ),
        Medium::Print => (
            "print-doc__totals",
            view! {
                <th scope="col" class="num">{t(l, Text::Progress)}</th>
                <th scope="col">{t(l, Text::Unit)}</th>
            }
            .into_any(),
        ),
    };
    view! {
        <table class=class>
            <thead>
                <tr>{head}{tail}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// One cell per shown key; zero stays blank so that the figures that matter stand out.
fn amount_cells(a: &Amounts) -> Vec<impl IntoView> {
    GROUP_KEYS
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
    l: Lang,
    name: impl Fn(&str, Lang) -> String,
) -> impl IntoView {
    let headers = GROUP_KEYS
        .iter()
        .map(|k| view! { <th scope="col" class="num">{k.text(l)}</th> })
        .collect::<Vec<_>>();
    let rows = groups
        .iter()
        .map(|g| {
            let cells = amount_cells(&g.credited);
            view! {
                <tr data-key=g.key.clone()>
                    <th scope="row">{name(&g.key, l)}</th>
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

/// The tables by category, by type and by township (ids `{prefix}by-category` …), on the summary
/// and in the printed report.
pub fn group_tables(prefix: &str, r: &Report, l: Lang) -> impl IntoView {
    view! {
        <div class="portfolio-summary__groups">
            {group_table(format!("{prefix}by-category"), t(l, Text::ByCategory), &r.by_category, l, category_name)}
            {group_table(format!("{prefix}by-type"), t(l, Text::ByType), &r.by_type, l, type_name)}
            {group_table(format!("{prefix}by-township"), t(l, Text::ByTownship), &r.by_township, l, township_name)}
        </div>
    }
}

/// The pairs of projects that may count one reduction twice (engine: `overlap`), each naming
/// both ids; nothing when there are none. Advisory: the totals above count both.
pub fn overlaps_list(id: &'static str, r: &Report, l: Lang) -> Option<impl IntoView> {
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

/// Where an override applies, in words: the whole file, or one project.
pub fn override_scope(o: &OverrideUse, l: Lang) -> String {
    match &o.project {
        None => t(l, Text::FileWide).to_owned(),
        Some(id) => msg(l, Msg::ProjectScope { id }),
    }
}

/// Whether an overrides table says where each override applies (a county's overrides do; one
/// project's printout lists only its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeColumn {
    Shown,
    Hidden,
}

/// The coefficient overrides in force with their justification (value in force, library
/// default, note and, with [`ScopeColumn::Shown`], where each applies), so that a number changed
/// by an override says so where it is shown; nothing when `list` is empty.
pub fn overrides_table(
    list: &[OverrideUse],
    scope: ScopeColumn,
    l: Lang,
    id: Option<&'static str>,
    class: &'static str,
) -> Option<impl IntoView> {
    if list.is_empty() {
        return None;
    }
    let scoped = scope == ScopeColumn::Shown;
    let rows = list
        .iter()
        .map(|o| {
            let f = &o.factor;
            // A county's rows carry the factor's id (`data-factor`); a project's printout's do not.
            view! {
                <tr data-factor=scoped.then(|| f.id.clone())>
                    <th scope="row">{f.name(l).to_owned()}" "<code>{f.id.clone()}</code></th>
                    <td class="num">{value_with_unit(f.value, &f.unit)}</td>
                    <td class="num">{f.default_value.map(|d| value_with_unit(d, &f.unit))}</td>
                    <td>{f.override_note.clone()}</td>
                    {scoped.then(|| view! { <td>{override_scope(o, l)}</td> })}
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
                    {scoped.then(|| view! { <th scope="col">{t(l, Text::AppliesTo)}</th> })}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jianpai_core::register::Register;

    /// One phase-out that reduces COD (and no SO₂), with targets for COD and SO₂.
    fn report() -> Report {
        let file = r#"{"format": "jianpai/1", "year": 2026, "targets": {"cod_t": 100, "so2_t": 50},
            "projects": [{"id": "p1", "measure": {"type": "capacity_phaseout", "enterprises": 1,
                "last_year": {"cod_t": 10}}}]}"#;
        let report = Register::from_bytes(file.as_bytes()).map(|r| r.compute().report);
        match report {
            Ok(Ok(r)) => r,
            other => panic!("the test file computes: {other:?}"),
        }
    }

    #[test]
    fn only_the_printout_lists_a_pollutant_with_a_target_and_no_reduction() {
        let r = report();
        assert_eq!(r.full_year_totals[Key::So2], 0.0);
        assert!(r.full_year_totals[Key::Cod] > 0.0);
        let hidden: Vec<Key> = totals_keys(&r, TargetOnly::Hide).collect();
        let shown: Vec<Key> = totals_keys(&r, TargetOnly::Show).collect();
        assert!(
            hidden.contains(&Key::Cod) && !hidden.contains(&Key::So2),
            "{hidden:?}"
        );
        assert!(
            shown.contains(&Key::Cod) && shown.contains(&Key::So2),
            "{shown:?}"
        );
        let rest: Vec<Key> = shown.into_iter().filter(|k| *k != Key::So2).collect();
        assert_eq!(rest, hidden, "the target alone is the difference");
    }

    #[test]
    fn groups_are_named_in_the_language_and_unknown_codes_stay_as_written() {
        assert_eq!(township_name("", Lang::En), t(Lang::En, Text::NoTownship));
        assert_eq!(township_name("临江镇", Lang::Zh), "临江镇");
        assert_eq!(type_name("no_such_type", Lang::Zh), "no_such_type");
        assert_eq!(
            category_name("no_such_category", Lang::En),
            "no_such_category"
        );
        assert_eq!(
            type_name("capacity_phaseout", Lang::En),
            MeasureType::CapacityPhaseout.text(Lang::En)
        );
        assert_eq!(percent_text(98.26), "98.3%");
    }
}
