//! Coefficients as shown wherever they appear: a value with its unit, a status (an unverified
//! one marked ⚠), and the table of the coefficients a result uses. (The sentence saying which
//! library a file was made with is a message: `i18n::Msg::LibraryUntilChosen` and its kin.)

use crate::i18n::{t, Lang, Text};
use jianpai_core::factors::FactorUse;
use jianpai_core::report::ProjectResult;
use jianpai_core::trail::num;
use jianpai_core::{Labelled, Status};
use leptos::prelude::*;

/// A coefficient's value with its unit ("0.8", "12.5 kg/t"); the unit `-` (a pure number) and
/// no unit at all are not written.
pub fn value_with_unit(x: f64, unit: &str) -> String {
    if unit == "-" || unit.is_empty() {
        num(x)
    } else {
        format!("{} {unit}", num(x))
    }
}

/// A factor's status as shown: an unverified one carries ⚠.
pub fn status_text(s: Status, l: Lang) -> String {
    match s {
        Status::Unverified => format!("⚠ {}", s.text(l)),
        Status::Official | Status::Secondary => s.text(l).to_owned(),
    }
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

/// The coefficients table of a printout: name and id, value in force, status, source.
pub fn coefficient_rows(factors: &[FactorUse], l: Lang) -> impl IntoView {
    let rows = factors
        .iter()
        .map(|f| {
            view! {
                <tr>
                    <th scope="row">{f.name(l).to_owned()}" "<code>{f.id.clone()}</code></th>
                    <td class="num">{value_with_unit(f.value, &f.unit)}</td>
                    <td>{status_text(f.status, l)}</td>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_carries_its_unit_unless_it_is_a_pure_number() {
        assert_eq!(value_with_unit(12.5, "kg/t"), "12.5 kg/t");
        assert_eq!(value_with_unit(0.8, "-"), "0.8");
        assert_eq!(value_with_unit(0.8, ""), "0.8");
    }

    #[test]
    fn only_an_unverified_status_is_marked() {
        assert!(status_text(Status::Unverified, Lang::Zh).starts_with("⚠ "));
        assert_eq!(
            status_text(Status::Official, Lang::En),
            Status::Official.text(Lang::En)
        );
        assert!(!status_text(Status::Secondary, Lang::Zh).contains('⚠'));
    }
}
