//! `denitrification`: denitrification or low-NOₓ combustion on coal (docs/methodology.md §3.3):
//! NOₓ = B × EF × (η_after × f_op − η_before) × 10⁻³, EF from the project or the library.

use super::coal::{efficiency, nox_factor, nox_per_t, warn_efficiency, OPERATING_RATE};
use super::{Effect, Step};
use crate::decode::Fields;
use crate::factors::Factors;
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::num;
use serde::Serialize;
use serde_json::{Map, Value};

const COAL: FieldSpec =
    FieldSpec::number("coal_t", "t", "燃煤量", "Coal burned per year").required();
const NOX_PER_T: FieldSpec = nox_per_t(
    "nox_kg_per_t",
    "NOₓ 产污系数（不填取系数库值）",
    "NOₓ generated per tonne of coal (blank: library factor)",
);
const EFF_BEFORE: FieldSpec = efficiency(
    "efficiency_before_pct",
    "脱硝效率（治理前）",
    "Denitrification efficiency before",
)
.with_default(0.0);
const EFF_AFTER: FieldSpec = efficiency(
    "efficiency_after_pct",
    "脱硝效率（治理后）",
    "Denitrification efficiency after",
)
.required();

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[COAL, NOX_PER_T, EFF_BEFORE, EFF_AFTER, OPERATING_RATE];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Denitrification {
    /// Coal burned per year, t.
    pub coal_t: f64,
    /// NOₓ generated per tonne of coal, kg/t (default: the library's coal-boiler factor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_kg_per_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub efficiency_before_pct: Option<f64>,
    pub efficiency_after_pct: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating_rate: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Denitrification {
    pub fn efficiency_before_pct(&self) -> f64 {
        EFF_BEFORE.or_default(self.efficiency_before_pct)
    }
    pub fn operating_rate(&self) -> f64 {
        OPERATING_RATE.or_default(self.operating_rate)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let d = Denitrification {
            coal_t: f.req(&COAL),
            nox_kg_per_t: f.num(&NOX_PER_T),
            efficiency_before_pct: f.num(&EFF_BEFORE),
            efficiency_after_pct: f.req(&EFF_AFTER),
            operating_rate: f.num(&OPERATING_RATE),
            extra: f.unread(),
        };
        f.not_below(
            &EFF_AFTER,
            d.efficiency_after_pct,
            &EFF_BEFORE,
            d.efficiency_before_pct(),
        );
        d
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let (b, eb, ea, op) = (
            self.coal_t,
            self.efficiency_before_pct(),
            self.efficiency_after_pct,
            self.operating_rate(),
        );
        warn_efficiency(e, &EFF_AFTER, ea);
        let step = Step::new(
            Key::Nox,
            "NOₓ削减量 = 燃煤量 × NOₓ产污系数 × (治理后脱硝效率 × 投运率 − 治理前脱硝效率) × 10⁻³",
            "NOₓ reduction = coal burned × NOₓ generation factor × (efficiency after × operating rate − efficiency before) × 10⁻³",
            "R = B × EF × (η₂ × f − η₁) × 10⁻³",
        )
        .input("B", &COAL, b);
        let (step, ef) = nox_factor(step, &NOX_PER_T, self.nox_kg_per_t, factors);
        let step = step
            .input("η₂", &EFF_AFTER, ea)
            .input("f", &OPERATING_RATE, op)
            .input("η₁", &EFF_BEFORE, eb);
        let r = b * ef * (ea / 100.0 * op - eb / 100.0) * 1e-3;
        let sub = format!(
            "{} × {} × ({}% × {} − {}%) × 10⁻³",
            num(b),
            num(ef),
            num(ea),
            num(op),
            num(eb)
        );
        e.trail.push(step.done(sub, r));
        e.amounts[Key::Nox] = r;
    }
}
