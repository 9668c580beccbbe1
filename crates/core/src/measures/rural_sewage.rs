//! `rural_sewage`: rural domestic sewage treatment (农村生活污水治理, docs/methodology.md §3.17):
//! the wastewater concentration method, R = Q × r × D × (C₁ − C₂) × 10⁻⁶ t/a for COD and NH₃-N,
//! with Q the treatment capacity (m³/d) or the population served × water use per person (L/d)
//! ÷ 1000. This tool's construction: the national formula annex was not found. The water use per
//! person defaults to the library's `water.rural_l_per_person_day` (unverified).

use super::wastewater::{
    concentration, warn_load_rate, Flow, COD_AFTER, COD_BEFORE, DAYS, LOAD_RATE, NH3N_AFTER,
    NH3N_BEFORE,
};
use super::{factor, warn_usual, Effect, Step};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::{num, Num};
use serde::Serialize;
use serde_json::{Map, Value};

/// Capacity: village plants treat tens to hundreds of m³/d; a county's programme in all a few
/// 10⁴ m³/d.
const FLOW: FieldSpec = FieldSpec::number(
    "flow_m3_per_day",
    "m³/d",
    "处理规模（或填服务人口）",
    "Treatment capacity (or give the population)",
)
.plausible(50_000.0, 1.0e7);
const POPULATION: FieldSpec = FieldSpec::count(
    "population",
    "服务人口（或填处理规模）",
    "Population served (or give the capacity)",
)
.with_unit("人")
.plausible(500_000.0, 1.0e8);
/// Water use per person: GB/T 51347-2019's notes give 5–150 L per person per day nationally.
const WATER_PER_PERSON: FieldSpec = FieldSpec::number(
    "water_l_per_person_day",
    "L/(人·d)",
    "人均日用水量（计入污水部分）",
    "Water use per person per day (reaching the sewer)",
)
.limit(Limit::Range(0.0, 1000.0))
.usual(5.0, 150.0);

/// The fields, in form order. The concentrations, load rate and days are `wastewater`'s own.
pub const FIELDS: &[FieldSpec] = &[
    FLOW,
    POPULATION,
    WATER_PER_PERSON,
    LOAD_RATE,
    DAYS,
    COD_BEFORE,
    COD_AFTER,
    NH3N_BEFORE,
    NH3N_AFTER,
];

const NOTE: (&str, &str) = ("（本工具构建的公式）", " (this tool's construction)");

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RuralSewage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow_m3_per_day: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub water_l_per_person_day: Option<f64>,
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
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn other(spec: &FieldSpec) -> (String, crate::lang::Label) {
    (format!("measure.{}", spec.path), spec.labels())
}

impl RuralSewage {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let flow_m3_per_day = f.num(&FLOW);
        let population = f.count(&POPULATION);
        let water_l_per_person_day = f.num(&WATER_PER_PERSON);
        let load_rate = f.num(&LOAD_RATE);
        let days = f.num(&DAYS);
        let cod = f.pair(&COD_BEFORE, &COD_AFTER, true);
        let nh3n = f.pair(&NH3N_BEFORE, &NH3N_AFTER, true);
        // Exactly one of the capacity and the population.
        match (f.has(FLOW.path), f.has(POPULATION.path)) {
            (false, false) => {
                let (other_field, other_label) = other(&POPULATION);
                f.fail(
                    &FLOW,
                    ErrorKind::NeitherGiven {
                        other_field,
                        other_label,
                    },
                );
            }
            (true, true) => {
                let (other_field, other_label) = other(&FLOW);
                f.fail(
                    &POPULATION,
                    ErrorKind::BothGiven {
                        other_field,
                        other_label,
                    },
                );
            }
            _ => {}
        }
        let given = |b: &FieldSpec, a: &FieldSpec| f.has(b.key()) || f.has(a.key());
        if !given(&COD_BEFORE, &COD_AFTER) && !given(&NH3N_BEFORE, &NH3N_AFTER) {
            f.fail(&COD_BEFORE, ErrorKind::NothingToCompute);
        }
        RuralSewage {
            flow_m3_per_day,
            population,
            water_l_per_person_day,
            load_rate,
            days,
            cod_before_mg_l: cod.map(|p| p.0),
            cod_after_mg_l: cod.map(|p| p.1),
            nh3n_before_mg_l: nh3n.map(|p| p.0),
            nh3n_after_mg_l: nh3n.map(|p| p.1),
            extra: f.unread(),
        }
    }

    /// The library entry of the water use per person, when the flow comes from the population
    /// and the project gives no water use of its own.
    pub(crate) fn picked_factor(&self) -> Option<(&'static FieldSpec, FactorId)> {
        match (self.population, self.water_l_per_person_day) {
            (Some(_), None) => Some((&WATER_PER_PERSON, FactorId::RuralWaterPerPerson)),
            _ => None,
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let r = LOAD_RATE.or_default(self.load_rate);
        let d = DAYS.or_default(self.days);
        warn_load_rate(e, r);
        let (q, substituted) = match self.population {
            Some(p) => {
                let w = match self.water_l_per_person_day {
                    Some(w) => w,
                    None => factors.value(FactorId::RuralWaterPerPerson),
                };
                warn_usual(e, &POPULATION, p as f64);
                warn_usual(e, &WATER_PER_PERSON, w);
                let q = p as f64 * w / 1000.0;
                (q, format!("{} × {} ÷ 1000", p, Num(w)))
            }
            None => {
                let q = self.flow_m3_per_day.unwrap_or(0.0);
                warn_usual(e, &FLOW, q);
                (q, num(q))
            }
        };
        let own_water = self.water_l_per_person_day;
        let population = self.population;
        let inputs = |step: Step| -> Step {
            match population {
                Some(p) => {
                    let step = step.input("P", &POPULATION, p as f64);
                    match own_water {
                        Some(w) => step.input("w", &WATER_PER_PERSON, w),
                        None => step.factor(&factor(factors, FactorId::RuralWaterPerPerson)),
                    }
                }
                None => step.input("Q", &FLOW, q),
            }
        };
        let flow = Flow {
            q,
            r,
            d,
            words: if population.is_some() {
                (
                    "服务人口 × 人均日用水量 ÷ 1000",
                    "population × water per person ÷ 1000",
                    "P × w ÷ 1000",
                )
            } else {
                ("处理规模", "capacity", "Q")
            },
            substituted,
            inputs: &inputs,
            note: NOTE,
        };
        let pairs = [
            (
                Key::Cod,
                &COD_BEFORE,
                &COD_AFTER,
                self.cod_before_mg_l,
                self.cod_after_mg_l,
            ),
            (
                Key::Nh3n,
                &NH3N_BEFORE,
                &NH3N_AFTER,
                self.nh3n_before_mg_l,
                self.nh3n_after_mg_l,
            ),
        ];
        for (key, b_spec, a_spec, b, a) in pairs {
            let (Some(b), Some(a)) = (b, a) else { continue };
            concentration(e, &flow, key, (b_spec, b), (a_spec, a));
            warn_usual(e, b_spec, b);
        }
    }
}
