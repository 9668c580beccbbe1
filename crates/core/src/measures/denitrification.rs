//! `denitrification`: denitrification or low-NOₓ combustion on coal (methodology.md §3.3):
//! NOₓ = B × EF × (η_after × f_op − η_before), EF default `nox.coal_boiler_kg_per_t`.

use super::coal::{self, warn_efficiency};
use super::{Check, Effect, Step};
use crate::decode::Fields;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::num;
use crate::units::Tonnes;
use serde::Serialize;
use serde_json::{Map, Value};

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
        self.efficiency_before_pct.unwrap_or(0.0)
    }
    pub fn operating_rate(&self) -> f64 {
        self.operating_rate.unwrap_or(1.0)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        Denitrification {
            coal_t: f.num("coal_t"),
            nox_kg_per_t: f.opt_num("nox_kg_per_t"),
            efficiency_before_pct: f.opt_num("efficiency_before_pct"),
            efficiency_after_pct: f.num("efficiency_after_pct"),
            operating_rate: f.opt_num("operating_rate"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        c.quantity("coal_t", self.coal_t);
        c.opt_quantity("nox_kg_per_t", self.nox_kg_per_t);
        let ok_b = c.opt_percent("efficiency_before_pct", self.efficiency_before_pct);
        let ok_a = c.percent("efficiency_after_pct", self.efficiency_after_pct);
        c.opt_range("operating_rate", self.operating_rate, 0.0, 1.0);
        if ok_a && ok_b {
            c.not_below(
                "efficiency_after_pct",
                self.efficiency_after_pct,
                "efficiency_before_pct",
                self.efficiency_before_pct(),
            );
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let (b, eb, ea, op) = (
            self.coal_t,
            self.efficiency_before_pct(),
            self.efficiency_after_pct,
            self.operating_rate(),
        );
        warn_efficiency(e, "efficiency_after_pct", ea);
        let step = Step::new(
            "nox_t",
            "NOₓ削减量 = 燃煤量 × NOₓ产污系数 × (治理后脱硝效率 × 投运率 − 治理前脱硝效率) × 10⁻³",
            "NOₓ reduction = coal burned × NOₓ generation factor × (efficiency after × operating rate − efficiency before) × 10⁻³",
            "R = B × EF × (η₂ × f − η₁) × 10⁻³",
        )
        .input("B", "coal_t", b, "t");
        let (step, ef) = coal::nox_factor(step, "nox_kg_per_t", self.nox_kg_per_t, factors);
        let step = step
            .input("η₂", "efficiency_after_pct", ea, "%")
            .input("f", "operating_rate", op, "-")
            .input("η₁", "efficiency_before_pct", eb, "%");
        let r = Tonnes(b * ef * (ea / 100.0 * op - eb / 100.0) * 1e-3);
        let sub = format!(
            "{} × {} × ({}% × {} − {}%) × 10⁻³",
            num(b),
            num(ef),
            num(ea),
            num(op),
            num(eb)
        );
        e.trail.push(step.done(sub, r.get()));
        e.amounts.nox_t = r;
    }
}
