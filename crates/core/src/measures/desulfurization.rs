//! `desulfurization`: new or better desulfurisation of coal combustion (docs/methodology.md
//! §3.2): SO₂ = 2 × k × B × S × (η_after × f_op − η_before), k = `so2.sulfur_conversion`.

use super::coal::{efficiency, warn_efficiency, OPERATING_RATE, SULFUR};
use super::{factor, warn_usual, Effect, Step};
use crate::decode::Fields;
use crate::factors::{FactorId, Factors};
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::num;
use serde::Serialize;
use serde_json::{Map, Value};

const COAL: FieldSpec =
    FieldSpec::number("coal_t", "t", "燃煤量", "Coal burned per year").required();
const EFF_BEFORE: FieldSpec = efficiency(
    "efficiency_before_pct",
    "脱硫效率（治理前）",
    "Desulfurisation efficiency before",
)
.with_default(0.0);
const EFF_AFTER: FieldSpec = efficiency(
    "efficiency_after_pct",
    "脱硫效率（治理后）",
    "Desulfurisation efficiency after",
)
.required();

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[COAL, SULFUR, EFF_BEFORE, EFF_AFTER, OPERATING_RATE];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Desulfurization {
    /// Coal burned per year, t.
    pub coal_t: f64,
    /// Sulfur content of the coal, %.
    pub sulfur_pct: f64,
    /// Efficiency before the project, % (default 0: no desulfurisation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub efficiency_before_pct: Option<f64>,
    pub efficiency_after_pct: f64,
    /// Share of the time the new plant runs (投运率), 0–1, default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating_rate: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Desulfurization {
    pub fn efficiency_before_pct(&self) -> f64 {
        EFF_BEFORE.or_default(self.efficiency_before_pct)
    }
    pub fn operating_rate(&self) -> f64 {
        OPERATING_RATE.or_default(self.operating_rate)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let d = Desulfurization {
            coal_t: f.req(&COAL),
            sulfur_pct: f.req(&SULFUR),
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
        let k = factor(factors, FactorId::SulfurConversion);
        let (b, s) = (self.coal_t, self.sulfur_pct);
        let (eb, ea, op) = (
            self.efficiency_before_pct(),
            self.efficiency_after_pct,
            self.operating_rate(),
        );
        warn_usual(e, &SULFUR, s);
        warn_efficiency(e, &EFF_AFTER, ea);
        let r = 2.0 * k.value * b * (s / 100.0) * (ea / 100.0 * op - eb / 100.0);
        let step = Step::new(
            Key::So2,
            "SO₂削减量 = 2 × 硫分转化率 × 燃煤量 × 含硫率 × (治理后脱硫效率 × 投运率 − 治理前脱硫效率)",
            "SO₂ reduction = 2 × sulfur conversion × coal burned × sulfur content × (efficiency after × operating rate − efficiency before)",
            "R = 2 × k × B × S × (η₂ × f − η₁)",
        )
        .factor(&k)
        .input("B", &COAL, b)
        .input("S", &SULFUR, s)
        .input("η₂", &EFF_AFTER, ea)
        .input("f", &OPERATING_RATE, op)
        .input("η₁", &EFF_BEFORE, eb);
        let sub = format!(
            "2 × {} × {} × {}% × ({}% × {} − {}%)",
            num(k.value),
            num(b),
            num(s),
            num(ea),
            num(op),
            num(eb)
        );
        e.trail.push(step.done(sub, r));
        e.amounts[Key::So2] = r;
    }
}
