//! Double counting across a file: pairs of projects that may claim the same reduction
//! (docs/methodology.md §3.12). Advisory only: the totals are never changed, the report lists
//! each pair with both ids so that a person can check the two applications against each other.

use crate::file::Project;
use crate::key::{Amounts, Key};
use crate::lang::Lang;
use crate::measure_type::MeasureType;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// Why two projects may count the same reduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverlapRule {
    /// A boiler phase-out and a fuel switch (or two of either) at one enterprise and township:
    /// the same coal may be taken out of the books twice.
    SameCoal,
    /// A capacity phase-out (closure) and a treatment project at one enterprise and township:
    /// the closure's last-year emissions may already include the treatment's reductions.
    ClosureAndTreatment,
    /// Reclaimed water reuse and a treatment by concentrations (`wastewater`, `rural_sewage`,
    /// `leachate`) at one enterprise and township: the effluent now reused may already be out of
    /// the treatment's discharge, so its COD and NH₃-N may be claimed twice.
    ReusedEffluent,
    /// Two projects of the same type at one enterprise and township.
    SameType,
    /// A source substitution and a VOCs treatment at one enterprise and township: both may be
    /// computed on the same VOCs generated (the treatment's `generated_t` may still hold what the
    /// substitution took out; docs/methodology.md §3.12).
    SubstitutionAndTreatment,
}

/// One pair of projects that may claim the same reduction, worded in both languages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overlap {
    pub rule: OverlapRule,
    /// The two project ids, the earlier in the file first (for a closure: the closure first).
    pub projects: [String; 2],
    pub message_zh: String,
    pub message_en: String,
    /// Which of `projects` the messages name first and second (slots 0 and 1 of [`template`]):
    /// `[0, 1]`, or `[1, 0]` for reused effluent when the reuse came second in the file.
    #[serde(skip)]
    pub named: [usize; 2],
    /// The place the messages name (slot 2), shared by the pairs of one place.
    #[serde(skip)]
    pub place: Arc<Place>,
}

impl Overlap {
    /// Whether `id` is one of the pair.
    pub fn involves(&self, id: &str) -> bool {
        self.projects.iter().any(|p| p == id)
    }

    /// The id of the other project of the pair, seen from `id`.
    pub fn other(&self, id: &str) -> &str {
        if self.projects[0] == id {
            &self.projects[1]
        } else {
            &self.projects[0]
        }
    }
}

/// Text compared as people mean it: full-width forms folded to half-width (Ａ→A, （→(,
/// ideographic space → space), whitespace trimmed and runs of it made one space.
pub fn normalise(s: &str) -> String {
    normalised(s).into_owned()
}

/// [`normalise`], borrowing `s` when it is already normal (no full-width form, no whitespace
/// but single spaces between words): what nearly every name is, so grouping a register's
/// projects by place builds no string for them (docs/performance.md, issue 20 evening).
fn normalised(s: &str) -> Cow<'_, str> {
    let folds = |c: char| c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c);
    let mut space_before = true;
    let normal = s.chars().all(|c| {
        let ok = !folds(c) && (c == ' ' && !space_before || !c.is_whitespace());
        space_before = c == ' ';
        ok
    }) && !space_before
        || s.is_empty();
    if normal {
        return Cow::Borrowed(s);
    }
    let folded: String = s
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    Cow::Owned(folded.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn burns_coal_away(t: MeasureType) -> bool {
    matches!(t, MeasureType::BoilerPhaseout | MeasureType::FuelSwitch)
}

/// Engineering treatment at an enterprise: its reductions lower the emissions a later closure
/// would report as "last year".
fn is_treatment(t: MeasureType) -> bool {
    matches!(
        t,
        MeasureType::Wastewater
            | MeasureType::Desulfurization
            | MeasureType::Denitrification
            | MeasureType::FlueGas
            | MeasureType::Measured
            | MeasureType::VocsTreatment
            | MeasureType::VocsLdar
            | MeasureType::VocsOilVapour
            | MeasureType::ReclaimedWater
            | MeasureType::RuralSewage
            | MeasureType::Leachate
            | MeasureType::VocsSubstitution
    )
}

/// A treatment by the concentration method, whose effluent a reclaimed-water project may reuse.
fn treats_by_concentration(t: MeasureType) -> bool {
    matches!(
        t,
        MeasureType::Wastewater | MeasureType::RuralSewage | MeasureType::Leachate
    )
}

fn claims_reduction(a: &Amounts) -> bool {
    Key::EMISSIONS.iter().any(|&k| a[k] > 0.0)
}

/// The pairs of `projects` that may count one reduction twice; `credited[i]` is what project `i`
/// is credited with this year (a treatment that claims nothing this year cannot overlap a
/// closure). One entry per pair, the most specific rule first.
pub fn find(projects: &[&Project], credited: &[&Amounts]) -> Vec<Overlap> {
    // Grouped by place first, so that a register of 10,000 projects compares only neighbours.
    // Keys borrow the names (a name already normal is not copied) and only a place with two
    // projects or more is worded: the pairs come out in file order whatever the places' order.
    let mut places: HashMap<(Cow<'_, str>, Cow<'_, str>), Vec<usize>> = HashMap::new();
    for (i, p) in projects.iter().enumerate() {
        let enterprise = p.enterprise.as_deref().unwrap_or("");
        // A blank enterprise names no one: it never matches. Checked before normalising (which
        // builds strings): whitespace, the ideographic space included, is all normalising removes.
        if enterprise.trim().is_empty() {
            continue;
        }
        let enterprise = normalised(enterprise);
        let township = normalised(p.township.as_deref().unwrap_or(""));
        places.entry((enterprise, township)).or_default().push(i);
    }
    let mut out = Vec::new();
    for ((enterprise, township), members) in &places {
        if members.len() < 2 {
            continue;
        }
        // The place as the messages name it, written once per place, not once per pair (a
        // register with one enterprise's projects by the hundred has tens of thousands of pairs).
        let place = Arc::new(Place::new(enterprise, township));
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                let (a, b) = (projects[i], projects[j]);
                let claims = |k: usize| credited.get(k).is_some_and(|c| claims_reduction(c));
                if let Some(o) = pair(a, b, claims(i), claims(j), &place) {
                    out.push((i, j, o));
                }
            }
        }
    }
    // In file order, whatever the places' order.
    crate::order::sort_by_key(&mut out, |(i, j, _)| (*i, *j));
    out.into_iter().map(|(_, _, o)| o).collect()
}

/// The place of a pair as its messages name it: the enterprise, then the township if given.
/// Shared by every pair of the place (the JS module hands each place over once).
#[derive(Debug, PartialEq, Eq)]
pub struct Place {
    pub zh: String,
    pub en: String,
}

impl Place {
    fn new(enterprise: &str, township: &str) -> Place {
        if township.is_empty() {
            Place {
                zh: enterprise.to_owned(),
                en: enterprise.to_owned(),
            }
        } else {
            Place {
                zh: concat(&[enterprise, "，", township]),
                en: concat(&[enterprise, ", ", township]),
            }
        }
    }
}

/// The parts joined into one string allocated once: what `format!` gives for the same pieces,
/// without its formatting machinery (a pair's two messages are most of a big register's
/// double-counting check; docs/performance.md, issue 20).
fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The rule two projects at one place fall under, if any, and which comes first in its messages.
fn rule_of<'a>(
    a: &'a Project,
    b: &'a Project,
    a_claims: bool,
    b_claims: bool,
) -> Option<(OverlapRule, &'a Project, &'a Project)> {
    let (ta, tb) = (a.measure.kind(), b.measure.kind());
    Some(if burns_coal_away(ta) && burns_coal_away(tb) {
        (OverlapRule::SameCoal, a, b)
    } else if (ta == MeasureType::CapacityPhaseout && is_treatment(tb) && b_claims)
        || (tb == MeasureType::CapacityPhaseout && is_treatment(ta) && a_claims)
    {
        // The closure first.
        if ta == MeasureType::CapacityPhaseout {
            (OverlapRule::ClosureAndTreatment, a, b)
        } else {
            (OverlapRule::ClosureAndTreatment, b, a)
        }
    } else if (ta == MeasureType::ReclaimedWater && treats_by_concentration(tb))
        || (tb == MeasureType::ReclaimedWater && treats_by_concentration(ta))
    {
        (OverlapRule::ReusedEffluent, a, b)
    } else if matches!(
        (ta, tb),
        (MeasureType::VocsSubstitution, MeasureType::VocsTreatment)
            | (MeasureType::VocsTreatment, MeasureType::VocsSubstitution)
    ) {
        (OverlapRule::SubstitutionAndTreatment, a, b)
    } else if ta == tb {
        (OverlapRule::SameType, a, b)
    } else {
        return None;
    })
}

/// One piece of a message: a fixed text, or what a slot holds (see [`template`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(&'static str),
    /// 0: the project the message names first ([`Overlap::named`]), 1: the other, 2: the place.
    Slot(u8),
}

/// The message of `rule` in `lang` as pieces: the one wording, which [`Overlap`]'s messages are
/// joined from here and which the JS module hands to JavaScript to join the same way.
pub fn template(rule: OverlapRule, lang: Lang) -> &'static [Piece] {
    use Piece::{Slot, Text as T};
    const A: Piece = Slot(0);
    const B: Piece = Slot(1);
    const P: Piece = Slot(2);
    match (rule, lang) {
        (OverlapRule::SameCoal, Lang::Zh) => &[T("可能重复计算："), A, T(" 与 "), B, T(" 在同一企业（"), P, T("）淘汰或替代燃煤，同一批煤可能被计算两次")],
        (OverlapRule::SameCoal, Lang::En) => &[T("Possible double counting: "), A, T(" and "), B, T(" both take coal out at the same enterprise ("), P, T("); the same coal may be counted twice")],
        (OverlapRule::ClosureAndTreatment, Lang::Zh) => &[T("可能重复计算："), A, T(" 关停的企业（"), P, T("）上一年排放可能已包含 "), B, T(" 当年治理的减排量")],
        (OverlapRule::ClosureAndTreatment, Lang::En) => &[T("Possible double counting: the last-year emissions closed by "), A, T(" ("), P, T(") may already include the reductions of treatment project "), B, T(" of the same year")],
        // A: the reuse, B: the plant.
        (OverlapRule::ReusedEffluent, Lang::Zh) => &[T("可能重复计算："), A, T(" 回用的再生水来自同一单位（"), P, T("）的 "), B, T(" 的出水；若 "), B, T(" 的治理后浓度或水量已扣除回用部分，同一 COD、氨氮被计算两次")],
        (OverlapRule::ReusedEffluent, Lang::En) => &[T("Possible double counting: the water "), A, T(" reuses is the effluent of "), B, T(" at the same place ("), P, T("); if "), B, T("'s concentration after or flow already leaves the reused part out, the same COD and NH₃-N are counted twice")],
        (OverlapRule::SubstitutionAndTreatment, Lang::Zh) => &[T("可能重复计算："), A, T(" 与 "), B, T(" 在同一企业（"), P, T("）分别为源头替代和末端治理，两者可能基于同一 VOCs 产生量计算：治理项目的 VOCs 产生量应为替代后的产生量")],
        (OverlapRule::SubstitutionAndTreatment, Lang::En) => &[T("Possible double counting: "), A, T(" and "), B, T(" are a substitution and a treatment at the same enterprise ("), P, T(") and may both be computed on the same VOCs generated: the treatment's VOCs generated should be those after the substitution")],
        (OverlapRule::SameType, Lang::Zh) => &[T("可能重复计算："), A, T(" 与 "), B, T(" 是同一企业（"), P, T("）的同类项目")],
        (OverlapRule::SameType, Lang::En) => &[T("Possible double counting: "), A, T(" and "), B, T(" are projects of the same type at the same enterprise ("), P, T(")")],
    }
}

/// A template's pieces joined with the slots' texts, into one string allocated once.
fn fill(pieces: &[Piece], slots: [&str; 3]) -> String {
    let text = |p: &Piece| match *p {
        Piece::Text(t) => t,
        Piece::Slot(i) => slots[usize::from(i)],
    };
    let mut s = String::with_capacity(pieces.iter().map(|p| text(p).len()).sum());
    for p in pieces {
        s.push_str(text(p));
    }
    s
}

fn pair(
    a: &Project,
    b: &Project,
    a_claims: bool,
    b_claims: bool,
    place: &Arc<Place>,
) -> Option<Overlap> {
    let (rule, first, second) = rule_of(a, b, a_claims, b_claims)?;
    // Reused effluent names the reuse first, whichever came first in the file.
    let swapped =
        rule == OverlapRule::ReusedEffluent && first.measure.kind() != MeasureType::ReclaimedWater;
    let (x, y) = match swapped {
        false => (&*first.id, &*second.id),
        true => (&*second.id, &*first.id),
    };
    Some(Overlap {
        rule,
        projects: [first.id.to_string(), second.id.to_string()],
        message_zh: fill(template(rule, Lang::Zh), [x, y, &place.zh]),
        message_en: fill(template(rule, Lang::En), [x, y, &place.en]),
        named: [usize::from(swapped), usize::from(!swapped)],
        place: Arc::clone(place),
    })
}

#[cfg(test)]
mod tests {
    use super::{normalise, normalised};
    use std::borrow::Cow;

    /// What `normalise` gave before the borrowing fast path: fold, then split and join.
    fn by_folding(s: &str) -> String {
        let folded: String = s
            .chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect();
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_name_already_normal_is_borrowed_and_any_other_is_folded_as_before() {
        let normal = ["", "a", "城东家具有限公司", "Acme Ltd", "城东 #1", "a b c"];
        for s in normal {
            assert!(matches!(normalised(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(normalise(s), by_folding(s), "{s:?}");
        }
        // Each of these differs from its normal form: a leading, trailing or double space, a tab,
        // a line break, the ideographic space, a full-width letter or bracket.
        let other = [
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\u{3000}b",
            "\u{3000}",
            " ",
            "Ａcme",
            "城东（一厂）",
            "a \u{3000} b",
        ];
        for s in other {
            assert!(matches!(normalised(s), Cow::Owned(_)), "{s:?}");
            assert_eq!(normalise(s), by_folding(s), "{s:?}");
        }
    }
}
