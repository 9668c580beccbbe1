//! `wastewater`: new, expanded, upgraded or better-run treatment plants (methodology.md §3.1):
//! R = Q × r_load × D × (C_before − C_after) × 10⁻⁶ for COD and NH₃-N.

use super::{Check, Effect, Step};
use crate::decode::{choice, Fields};
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::{num, Warning, WarningKind};
use crate::units::{water_mass, M3PerDay, MgPerL, Tonnes};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    pub enum WaterSource {
        Municipal => "municipal",
        Industrial => "industrial",
    }
}

choice! {
    /// GB 18918-2002 discharge grade the plant claims (for the non-compliance warning).
    pub enum Grade {
        OneA => "1A",
        OneB => "1B",
        Two => "2",
        Three => "3",
    }
}

impl Grade {
    /// GB 18918-2002 Table 1 daily-average limits (COD, NH₃-N) in mg/L (methodology.md §5.1);
    /// grade 3 has no NH₃-N limit.
    pub fn limits(self) -> (f64, Option<f64>) {
        match self {
            Grade::OneA => (50.0, Some(5.0)),
            Grade::OneB => (60.0, Some(8.0)),
            Grade::Two => (100.0, Some(25.0)),
            Grade::Three => (120.0, None),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Wastewater {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<WaterSource>,
    pub flow_m3_per_day: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cod_before_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cod_after_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nh3n_before_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nh3n_after_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    /// An upgrade (提标) of an existing plant: the "before" values are the old effluent, not
    /// the influent, so the influent plausibility range does not apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upgrade: Option<bool>,
    /// Fields this version does not know, kept so that saving never drops them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Wastewater {
    fn default() -> Self {
        Wastewater {
            source: Some(WaterSource::Municipal),
            flow_m3_per_day: 0.0,
            load_rate: None,
            days: None,
            cod_before_mg_l: None,
            cod_after_mg_l: None,
            nh3n_before_mg_l: None,
            nh3n_after_mg_l: None,
            grade: None,
            upgrade: None,
            extra: Map::new(),
        }
    }
}

/// One pollutant's before/after pair.
struct Pair {
    key: &'static str,
    name: &'static str,
    before_field: &'static str,
    after_field: &'static str,
    hard_max: f64,
    usual: (f64, f64),
}

const COD: Pair = Pair {
    key: "cod_t",
    name: "COD",
    before_field: "cod_before_mg_l",
    after_field: "cod_after_mg_l",
    hard_max: 5000.0,
    usual: (80.0, 600.0),
};
const NH3N: Pair = Pair {
    key: "nh3n_t",
    name: "NH₃-N",
    before_field: "nh3n_before_mg_l",
    after_field: "nh3n_after_mg_l",
    hard_max: 500.0,
    usual: (10.0, 80.0),
};

impl Wastewater {
    pub fn load_rate(&self) -> f64 {
        self.load_rate.unwrap_or(1.0)
    }
    pub fn days(&self) -> f64 {
        self.days.unwrap_or(365.0)
    }

    fn pair(&self, p: &Pair) -> (Option<f64>, Option<f64>) {
        if p.key == "cod_t" {
            (self.cod_before_mg_l, self.cod_after_mg_l)
        } else {
            (self.nh3n_before_mg_l, self.nh3n_after_mg_l)
        }
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        Wastewater {
            source: f.opt_choice("source"),
            flow_m3_per_day: f.num("flow_m3_per_day"),
            load_rate: f.opt_num("load_rate"),
            days: f.opt_num("days"),
            cod_before_mg_l: f.opt_num("cod_before_mg_l"),
            cod_after_mg_l: f.opt_num("cod_after_mg_l"),
            nh3n_before_mg_l: f.opt_num("nh3n_before_mg_l"),
            nh3n_after_mg_l: f.opt_num("nh3n_after_mg_l"),
            grade: f.opt_choice("grade"),
            upgrade: f.opt_bool("upgrade"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        c.quantity("flow_m3_per_day", self.flow_m3_per_day);
        c.opt_range("load_rate", self.load_rate, 0.0, 1.5);
        c.opt_range("days", self.days, 0.0, 366.0);
        let mut any = false;
        for p in [&COD, &NH3N] {
            match self.pair(p) {
                (None, None) => {}
                (Some(_), None) => c.fail(p.after_field, ErrorKind::Missing),
                (None, Some(_)) => c.fail(p.before_field, ErrorKind::Missing),
                (Some(b), Some(a)) => {
                    any = true;
                    let ok_b = c.range(p.before_field, b, 0.0, p.hard_max);
                    let ok_a = c.range(p.after_field, a, 0.0, p.hard_max);
                    if ok_a && ok_b {
                        c.not_above(p.after_field, a, p.before_field, b);
                    }
                }
            }
        }
        if !any && self.pair(&COD) == (None, None) && self.pair(&NH3N) == (None, None) {
            c.fail("cod_before_mg_l", ErrorKind::NothingToCompute);
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let (q, r, d) = (self.flow_m3_per_day, self.load_rate(), self.days());
        let municipal = self.source != Some(WaterSource::Industrial);
        if r < 0.6 {
            e.warn(Warning::new(
                "measure.load_rate",
                WarningKind::LowLoad { value: r },
            ));
        } else if r > 1.1 {
            e.warn(Warning::new(
                "measure.load_rate",
                WarningKind::Implausible {
                    value: r,
                    low: 0.6,
                    high: 1.1,
                },
            ));
        }
        for p in [&COD, &NH3N] {
            let (Some(before), Some(after)) = self.pair(p) else {
                continue;
            };
            let t: Tonnes = water_mass(M3PerDay(q), r, d, MgPerL(before - after));
            let step = Step::new(
                p.key,
                &format!("{}削减量 = 处理水量 × 负荷率 × 运行天数 × (治理前浓度 − 治理后浓度) × 10⁻⁶", p.name),
                &format!("{} reduction = flow × load rate × days × (before − after concentration) × 10⁻⁶", p.name),
                "R = Q × r × D × (C₁ − C₂) × 10⁻⁶",
            )
            .input("Q", "flow_m3_per_day", q, "m³/d")
            .input("r", "load_rate", r, "-")
            .input("D", "days", d, "d")
            .input("C₁", p.before_field, before, "mg/L")
            .input("C₂", p.after_field, after, "mg/L");
            let sub = format!(
                "{} × {} × {} × ({} − {}) × 10⁻⁶",
                num(q),
                num(r),
                num(d),
                num(before),
                num(after)
            );
            e.trail.push(step.done(sub, t.get()));
            match p.key {
                "cod_t" => e.amounts.cod_t = t,
                _ => e.amounts.nh3n_t = t,
            }
            let upgrade = self.upgrade == Some(true);
            if municipal && !upgrade && !(p.usual.0..=p.usual.1).contains(&before) {
                e.warn(Warning::new(
                    format!("measure.{}", p.before_field),
                    WarningKind::Implausible {
                        value: before,
                        low: p.usual.0,
                        high: p.usual.1,
                    },
                ));
            }
            if let Some(g) = self.grade {
                let limit = if p.key == "cod_t" {
                    Some(g.limits().0)
                } else {
                    g.limits().1
                };
                if let Some(limit) = limit.filter(|l| after > *l) {
                    e.warn(Warning::new(
                        format!("measure.{}", p.after_field),
                        WarningKind::AboveLimit {
                            value: after,
                            limit,
                            standard: format!("GB 18918-2002 {}", crate::decode::Choice::name(g)),
                        },
                    ));
                }
            }
        }
    }
}
