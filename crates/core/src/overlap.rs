//! Double counting across a file: pairs of projects that may claim the same reduction
//! (docs/methodology.md §3.12). Advisory only: the totals are never changed, the report lists
//! each pair with both ids so that a person can check the two applications against each other.

use crate::file::Project;
use crate::key::{Amounts, Key};
use crate::measure_type::MeasureType;
use serde::Serialize;
use std::collections::BTreeMap;

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
    let mut places: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, p) in projects.iter().enumerate() {
        let enterprise = p.enterprise.as_deref().unwrap_or("");
        // A blank enterprise names no one: it never matches. Checked before normalising (which
        // builds strings): whitespace, the ideographic space included, is all normalising removes.
        if enterprise.trim().is_empty() {
            continue;
        }
        let enterprise = normalise(enterprise);
        let township = normalise(p.township.as_deref().unwrap_or(""));
        places.entry((enterprise, township)).or_default().push(i);
    }
    let mut out = Vec::new();
    for ((enterprise, township), members) in &places {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                let (a, b) = (projects[i], projects[j]);
                let claims = |k: usize| credited.get(k).is_some_and(|c| claims_reduction(c));
                if let Some(o) = pair(a, b, claims(i), claims(j), enterprise, township) {
                    out.push((i, j, o));
                }
            }
        }
    }
    // In file order, whatever the places' order.
    crate::order::sort_by_key(&mut out, |(i, j, _)| (*i, *j));
    out.into_iter().map(|(_, _, o)| o).collect()
}

fn pair(
    a: &Project,
    b: &Project,
    a_claims: bool,
    b_claims: bool,
    enterprise: &str,
    township: &str,
) -> Option<Overlap> {
    let (ta, tb) = (a.measure.kind(), b.measure.kind());
    let place_zh = if township.is_empty() {
        enterprise.to_owned()
    } else {
        format!("{enterprise}，{township}")
    };
    let place_en = if township.is_empty() {
        enterprise.to_owned()
    } else {
        format!("{enterprise}, {township}")
    };
    let (rule, first, second, zh, en);
    if burns_coal_away(ta) && burns_coal_away(tb) {
        (rule, first, second) = (OverlapRule::SameCoal, a, b);
        zh = format!(
            "可能重复计算：{} 与 {} 在同一企业（{place_zh}）淘汰或替代燃煤，同一批煤可能被计算两次",
            first.id, second.id
        );
        en = format!(
            "Possible double counting: {} and {} both take coal out at the same enterprise ({place_en}); the same coal may be counted twice",
            first.id, second.id
        );
    } else if (ta == MeasureType::CapacityPhaseout && is_treatment(tb) && b_claims)
        || (tb == MeasureType::CapacityPhaseout && is_treatment(ta) && a_claims)
    {
        (rule, first, second) = if ta == MeasureType::CapacityPhaseout {
            (OverlapRule::ClosureAndTreatment, a, b)
        } else {
            (OverlapRule::ClosureAndTreatment, b, a)
        };
        zh = format!(
            "可能重复计算：{} 关停的企业（{place_zh}）上一年排放可能已包含 {} 当年治理的减排量",
            first.id, second.id
        );
        en = format!(
            "Possible double counting: the last-year emissions closed by {} ({place_en}) may already include the reductions of treatment project {} of the same year",
            first.id, second.id
        );
    } else if (ta == MeasureType::ReclaimedWater && treats_by_concentration(tb))
        || (tb == MeasureType::ReclaimedWater && treats_by_concentration(ta))
    {
        (rule, first, second) = (OverlapRule::ReusedEffluent, a, b);
        let (reuse, plant) = if ta == MeasureType::ReclaimedWater {
            (a, b)
        } else {
            (b, a)
        };
        zh = format!(
            "可能重复计算：{} 回用的再生水来自同一单位（{place_zh}）的 {} 的出水；若 {} 的治理后浓度或水量已扣除回用部分，同一 COD、氨氮被计算两次",
            reuse.id, plant.id, plant.id
        );
        en = format!(
            "Possible double counting: the water {} reuses is the effluent of {} at the same place ({place_en}); if {}'s concentration after or flow already leaves the reused part out, the same COD and NH₃-N are counted twice",
            reuse.id, plant.id, plant.id
        );
    } else if matches!(
        (ta, tb),
        (MeasureType::VocsSubstitution, MeasureType::VocsTreatment)
            | (MeasureType::VocsTreatment, MeasureType::VocsSubstitution)
    ) {
        (rule, first, second) = (OverlapRule::SubstitutionAndTreatment, a, b);
        zh = format!(
            "可能重复计算：{} 与 {} 在同一企业（{place_zh}）分别为源头替代和末端治理，两者可能基于同一 VOCs 产生量计算：治理项目的 VOCs 产生量应为替代后的产生量",
            first.id, second.id
        );
        en = format!(
            "Possible double counting: {} and {} are a substitution and a treatment at the same enterprise ({place_en}) and may both be computed on the same VOCs generated: the treatment's VOCs generated should be those after the substitution",
            first.id, second.id
        );
    } else if ta == tb {
        (rule, first, second) = (OverlapRule::SameType, a, b);
        zh = format!(
            "可能重复计算：{} 与 {} 是同一企业（{place_zh}）的同类项目",
            first.id, second.id
        );
        en = format!(
            "Possible double counting: {} and {} are projects of the same type at the same enterprise ({place_en})",
            first.id, second.id
        );
    } else {
        return None;
    }
    Some(Overlap {
        rule,
        projects: [first.id.clone(), second.id.clone()],
        message_zh: zh,
        message_en: en,
    })
}
