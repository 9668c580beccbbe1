//! `boiler_phaseout`: small coal-fired boilers eliminated (结构减排, methodology.md §3.6). Without
//! registry data the reduction is last year's coal: SO₂ = 2 × k × B × S × (1 − η), NOₓ = B × EF;
//! standard coal saved = B × `tce.raw_coal`, credited only when nothing replaces the heat.

use super::coal::{self, warn_efficiency, warn_sulfur, SULFUR_MAX_PCT};
use super::{factor, Check, Effect, Step};
use crate::decode::{choice, Fields};
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::{num, Warning, WarningKind};
use crate::units::{Tce, Tonnes};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// What supplies the heat once the boilers are gone.
    pub enum ReplacedBy {
        /// Nothing: the heat demand ended with the boilers. Default.
        None => "none",
        CentralHeating => "central_heating",
        Gas => "gas",
        Electricity => "electricity",
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BoilerPhaseout {
    /// Number of boilers eliminated (a count, never prorated).
    pub boilers: u64,
    /// Coal the boilers burned last year, t.
    pub coal_t: f64,
    pub sulfur_pct: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fgd_efficiency_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_kg_per_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<ReplacedBy>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl BoilerPhaseout {
    pub fn fgd_efficiency_pct(&self) -> f64 {
        self.fgd_efficiency_pct.unwrap_or(0.0)
    }
    pub fn replaced_by(&self) -> ReplacedBy {
        self.replaced_by.unwrap_or(ReplacedBy::None)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        BoilerPhaseout {
            boilers: f.count("boilers"),
            coal_t: f.num("coal_t"),
            sulfur_pct: f.num("sulfur_pct"),
            fgd_efficiency_pct: f.opt_num("fgd_efficiency_pct"),
            nox_kg_per_t: f.opt_num("nox_kg_per_t"),
            replaced_by: f.opt_choice("replaced_by"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        c.quantity("coal_t", self.coal_t);
        c.range("sulfur_pct", self.sulfur_pct, 0.0, SULFUR_MAX_PCT);
        c.opt_percent("fgd_efficiency_pct", self.fgd_efficiency_pct);
        c.opt_quantity("nox_kg_per_t", self.nox_kg_per_t);
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let k = factor(factors, "so2.sulfur_conversion");
        let (b, s, fgd) = (self.coal_t, self.sulfur_pct, self.fgd_efficiency_pct());
        warn_sulfur(e, "sulfur_pct", s);
        warn_efficiency(e, "fgd_efficiency_pct", fgd);
        e.amounts.boilers = self.boilers;

        let so2 = Tonnes(2.0 * k.value * b * (s / 100.0) * (1.0 - fgd / 100.0));
        e.trail.push(
            Step::new(
                "so2_t",
                "SO₂削减量 = 2 × 硫分转化率 × 上年燃煤量 × 含硫率 × (1 − 脱硫效率)",
                "SO₂ reduction = 2 × sulfur conversion × last year's coal × sulfur content × (1 − FGD efficiency)",
                "R = 2 × k × B × S × (1 − η)",
            )
            .factor(&k)
            .input("B", "coal_t", b, "t")
            .input("S", "sulfur_pct", s, "%")
            .input("η", "fgd_efficiency_pct", fgd, "%")
            .done(
                format!("2 × {} × {} × {}% × (1 − {}%)", num(k.value), num(b), num(s), num(fgd)),
                so2.get(),
            ),
        );
        e.amounts.so2_t = so2;

        let step = Step::new(
            "nox_t",
            "NOₓ削减量 = 上年燃煤量 × NOₓ产污系数 × 10⁻³",
            "NOₓ reduction = last year's coal × NOₓ generation factor × 10⁻³",
            "R = B × EF × 10⁻³",
        )
        .input("B", "coal_t", b, "t");
        let (step, ef) = coal::nox_factor(step, "nox_kg_per_t", self.nox_kg_per_t, factors);
        let nox = Tonnes(b * ef * 1e-3);
        e.trail
            .push(step.done(format!("{} × {} × 10⁻³", num(b), num(ef)), nox.get()));
        e.amounts.nox_t = nox;

        if self.replaced_by() == ReplacedBy::None {
            let f = factor(factors, "tce.raw_coal");
            let tce = Tce(b * f.value);
            e.trail.push(
                Step::new(
                    "tce",
                    "节约标煤 = 上年燃煤量 × 原煤折标系数（热负荷不再存在）",
                    "Standard coal saved = last year's coal × raw-coal factor (the heat demand is gone)",
                    "ΔE = B × c",
                )
                .input("B", "coal_t", b, "t")
                .factor(&f)
                .done(format!("{} × {}", num(b), num(f.value)), tce.get()),
            );
            e.amounts.tce = tce;
        } else {
            e.warn(Warning::new(
                "measure.replaced_by",
                WarningKind::GrossNotNet,
            ));
            e.warn(Warning::new("measure.replaced_by", WarningKind::Note {
                zh: "热源由其他能源替代，不计节约标煤".into(),
                en: "the heat is supplied by another source: no standard coal saving is credited".into(),
            }));
        }
    }
}
