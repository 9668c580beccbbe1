//! `flue_gas`: ultra-low emission retrofit of power or CHP units by the concentration method
//! (methodology.md §3.4): R = V × H × (C_before − C_after) × 10⁻⁹ for SO₂ and NOₓ. When the flue
//! gas flow is unknown, V × H is estimated from coal burned × `flue_gas.coal_nm3_per_t`.

use super::{factor, Check, Effect, Step};
use crate::decode::{choice, Fields};
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::{num, Warning, WarningKind};
use crate::units::{gas_mass, MgPerNm3};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// The limit the retrofit claims to meet, for the after-value warning.
    pub enum Claim {
        /// 超低排放: SO₂ 35, NOₓ 50 mg/Nm³ at 6 % O₂ (methodology.md §5.2). Default.
        UltraLow => "ultra_low",
        /// No claim: no limit warning.
        None => "none",
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FlueGas {
    /// Dry flue gas at reference O₂, Nm³/h.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flue_gas_nm3_per_h: Option<f64>,
    /// Operating hours in the year, 0–8,784.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Coal burned, t: used only when the flow and hours are not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coal_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub so2_before_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub so2_after_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_before_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_after_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Hard limit of a flue-gas concentration, mg/Nm³ (methodology.md §7).
const CONC_MAX: f64 = 10_000.0;

struct Pair {
    key: &'static str,
    name: &'static str,
    before: &'static str,
    after: &'static str,
    limit_id: &'static str,
}

const PAIRS: [Pair; 2] = [
    Pair {
        key: "so2_t",
        name: "SO₂",
        before: "so2_before_mg_m3",
        after: "so2_after_mg_m3",
        limit_id: "limit.ultra_low.so2_mg_m3",
    },
    Pair {
        key: "nox_t",
        name: "NOₓ",
        before: "nox_before_mg_m3",
        after: "nox_after_mg_m3",
        limit_id: "limit.ultra_low.nox_mg_m3",
    },
];

impl FlueGas {
    fn pair(&self, p: &Pair) -> (Option<f64>, Option<f64>) {
        if p.key == "so2_t" {
            (self.so2_before_mg_m3, self.so2_after_mg_m3)
        } else {
            (self.nox_before_mg_m3, self.nox_after_mg_m3)
        }
    }

    /// Whether the gas volume is estimated from coal (flow or hours not given).
    fn volume_from_coal(&self) -> bool {
        (self.flue_gas_nm3_per_h.is_none() || self.hours.is_none()) && self.coal_t.is_some()
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        FlueGas {
            flue_gas_nm3_per_h: f.opt_num("flue_gas_nm3_per_h"),
            hours: f.opt_num("hours"),
            coal_t: f.opt_num("coal_t"),
            so2_before_mg_m3: f.opt_num("so2_before_mg_m3"),
            so2_after_mg_m3: f.opt_num("so2_after_mg_m3"),
            nox_before_mg_m3: f.opt_num("nox_before_mg_m3"),
            nox_after_mg_m3: f.opt_num("nox_after_mg_m3"),
            claim: f.opt_choice("claim"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        if self.volume_from_coal() {
            c.opt_quantity("coal_t", self.coal_t);
        } else {
            if let Some(v) = c.required("flue_gas_nm3_per_h", self.flue_gas_nm3_per_h) {
                c.quantity("flue_gas_nm3_per_h", v);
            }
            if let Some(h) = c.required("hours", self.hours) {
                c.range("hours", h, 0.0, 8784.0);
            }
            c.opt_quantity("coal_t", self.coal_t);
        }
        let mut any = false;
        for p in &PAIRS {
            match self.pair(p) {
                (None, None) => {}
                (Some(_), None) => c.fail(p.after, ErrorKind::Missing),
                (None, Some(_)) => c.fail(p.before, ErrorKind::Missing),
                (Some(b), Some(a)) => {
                    any = true;
                    let ok_b = c.range(p.before, b, 0.0, CONC_MAX);
                    let ok_a = c.range(p.after, a, 0.0, CONC_MAX);
                    if ok_a && ok_b {
                        c.not_above(p.after, a, p.before, b);
                    }
                }
            }
        }
        if !any && PAIRS.iter().all(|p| self.pair(p) == (None, None)) {
            c.fail("so2_before_mg_m3", ErrorKind::NothingToCompute);
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let coal_factor = factor(factors, "flue_gas.coal_nm3_per_t");
        let from_coal = self.volume_from_coal();
        let (v, h, b) = if from_coal {
            (coal_factor.value, 1.0, self.coal_t.unwrap_or(0.0))
        } else {
            (
                self.flue_gas_nm3_per_h.unwrap_or(0.0),
                self.hours.unwrap_or(0.0),
                1.0,
            )
        };
        let claim = self.claim.unwrap_or(Claim::UltraLow);
        for p in &PAIRS {
            let (Some(before), Some(after)) = self.pair(p) else {
                continue;
            };
            let r = gas_mass(v * b, h, MgPerNm3(before - after));
            let step = if from_coal {
                Step::new(
                    p.key,
                    &format!("{}削减量 = 燃煤量 × 吨煤烟气量 × (改造前浓度 − 改造后浓度) × 10⁻⁹", p.name),
                    &format!("{} reduction = coal burned × flue gas per tonne of coal × (concentration before − after) × 10⁻⁹", p.name),
                    "R = B × V_t × (C₁ − C₂) × 10⁻⁹",
                )
                .input("B", "coal_t", b, "t")
                .factor(&coal_factor)
            } else {
                Step::new(
                    p.key,
                    &format!("{}削减量 = 烟气量 × 运行小时数 × (改造前浓度 − 改造后浓度) × 10⁻⁹", p.name),
                    &format!("{} reduction = flue gas flow × operating hours × (concentration before − after) × 10⁻⁹", p.name),
                    "R = V × H × (C₁ − C₂) × 10⁻⁹",
                )
                .input("V", "flue_gas_nm3_per_h", v, "Nm³/h")
                .input("H", "hours", h, "h")
            };
            let step = step
                .input("C₁", p.before, before, "mg/Nm³")
                .input("C₂", p.after, after, "mg/Nm³");
            let sub = if from_coal {
                format!(
                    "{} × {} × ({} − {}) × 10⁻⁹",
                    num(b),
                    num(v),
                    num(before),
                    num(after)
                )
            } else {
                format!(
                    "{} × {} × ({} − {}) × 10⁻⁹",
                    num(v),
                    num(h),
                    num(before),
                    num(after)
                )
            };
            e.trail.push(step.done(sub, r.get()));
            match p.key {
                "so2_t" => e.amounts.so2_t = r,
                _ => e.amounts.nox_t = r,
            }
            if claim == Claim::UltraLow {
                let limit = factor(factors, p.limit_id);
                if after > limit.value {
                    e.warn(Warning::new(
                        format!("measure.{}", p.after),
                        WarningKind::AboveClaimedLimit {
                            value: after,
                            limit: limit.value,
                        },
                    ));
                }
            }
        }
        if from_coal {
            e.warn(Warning::new("measure.coal_t", WarningKind::Note {
                zh: "烟气量按燃煤量 × 吨煤烟气量估算（工业锅炉系数），有实测烟气量时请填写".into(),
                en: "flue gas estimated from coal burned × flue gas per tonne (industrial-boiler factor); enter the measured flow if known".into(),
            }));
        }
    }
}
