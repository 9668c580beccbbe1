//! `desulfurization`: new or better desulfurisation of coal combustion (methodology.md §3.2):
//! SO₂ = 2 × k × B × S × (η_after × f_op − η_before), k = `so2.sulfur_conversion`.

use super::coal::{warn_efficiency, warn_sulfur, SULFUR_MAX_PCT};
use super::{factor, Check, Effect, Step};
use crate::decode::Fields;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::num;
use crate::units::Tonnes;
use serde::Serialize;
use serde_json::{Map, Value};

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
        self.efficiency_before_pct.unwrap_or(0.0)
    }
    pub fn operating_rate(&self) -> f64 {
        self.operating_rate.unwrap_or(1.0)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        Desulfurization {
            coal_t: f.num("coal_t"),
            sulfur_pct: f.num("sulfur_pct"),
            efficiency_before_pct: f.opt_num("efficiency_before_pct"),
            efficiency_after_pct: f.num("efficiency_after_pct"),
            operating_rate: f.opt_num("operating_rate"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        c.quantity("coal_t", self.coal_t);
        c.range("sulfur_pct", self.sulfur_pct, 0.0, SULFUR_MAX_PCT);
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
        let k = factor(factors, "so2.sulfur_conversion");
        let (b, s) = (self.coal_t, self.sulfur_pct);
        let (eb, ea, op) = (
            self.efficiency_before_pct(),
            self.efficiency_after_pct,
            self.operating_rate(),
        );
        warn_sulfur(e, "sulfur_pct", s);
        warn_efficiency(e, "efficiency_after_pct", ea);
        let r = Tonnes(2.0 * k.value * b * (s / 100.0) * (ea / 100.0 * op - eb / 100.0));
        let step = Step::new(
            "so2_t",
            "SO₂削减量 = 2 × 硫分转化率 × 燃煤量 × 含硫率 × (治理后脱硫效率 × 投运率 − 治理前脱硫效率)",
            "SO₂ reduction = 2 × sulfur conversion × coal burned × sulfur content × (efficiency after × operating rate − efficiency before)",
            "R = 2 × k × B × S × (η₂ × f − η₁)",
        )
        .factor(&k)
        .input("B", "coal_t", b, "t")
        .input("S", "sulfur_pct", s, "%")
        .input("η₂", "efficiency_after_pct", ea, "%")
        .input("f", "operating_rate", op, "-")
        .input("η₁", "efficiency_before_pct", eb, "%");
        let sub = format!(
            "2 × {} × {} × {}% × ({}% × {} − {}%)",
            num(k.value),
            num(b),
            num(s),
            num(ea),
            num(op),
            num(eb)
        );
        e.trail.push(step.done(sub, r.get()));
        e.amounts.so2_t = r;
    }
}
