//! `reclaimed_water`: treated effluent reused instead of discharged (再生水循环利用,
//! docs/methodology.md §3.16): R = Q × D × C × 10⁻⁶ t/a for COD and NH₃-N, Q the effluent reused
//! (m³/d), D the days, C the effluent's concentration (mg/L); fresh water saved W = Q × D (1 m³ of
//! water taken as 1 t). This tool's construction: the national formula annex was not found.

use super::wastewater::DAYS;
use super::{warn_usual, Effect, Step};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::Num;
use crate::units::{water_mass, M3PerDay, MgPerL};
use serde::Serialize;
use serde_json::{Map, Value};

/// Reuse: a county plant reuses up to its whole flow (as `wastewater.flow_m3_per_day`).
const REUSE: FieldSpec = FieldSpec::number(
    "reuse_m3_per_day",
    "m³/d",
    "再生水回用量",
    "Reclaimed water reused",
)
.required()
.plausible(200_000.0, 1.0e7);
/// The reused effluent's COD: a treated effluent's (GB 18918 grade 1A is 50 mg/L, grade 3 120).
const COD: FieldSpec = FieldSpec::number(
    "cod_mg_l",
    "mg/L",
    "回用水 COD 浓度（原排放浓度）",
    "COD of the reused effluent (as discharged before)",
)
.limit(Limit::Range(0.0, 5000.0))
.usual(0.0, 150.0);
const NH3N: FieldSpec = FieldSpec::number(
    "nh3n_mg_l",
    "mg/L",
    "回用水氨氮浓度（原排放浓度）",
    "NH₃-N of the reused effluent (as discharged before)",
)
.limit(Limit::Range(0.0, 500.0))
.usual(0.0, 30.0);

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[REUSE, DAYS, COD, NH3N];

const NOTE: (&str, &str) = ("（本工具构建的公式）", " (this tool's construction)");

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReclaimedWater {
    pub reuse_m3_per_day: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cod_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nh3n_mg_l: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ReclaimedWater {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let m = ReclaimedWater {
            reuse_m3_per_day: f.req(&REUSE),
            days: f.num(&DAYS),
            cod_mg_l: f.num(&COD),
            nh3n_mg_l: f.num(&NH3N),
            extra: Map::new(),
        };
        if !f.has(COD.path) && !f.has(NH3N.path) {
            let other_field = format!("measure.{}", NH3N.path);
            let other_label = NH3N.labels();
            f.fail(
                &COD,
                ErrorKind::NeitherGiven {
                    other_field,
                    other_label,
                },
            );
        }
        ReclaimedWater {
            extra: f.unread(),
            ..m
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let (q, d) = (self.reuse_m3_per_day, DAYS.or_default(self.days));
        warn_usual(e, &REUSE, q);
        for (key, spec, c) in [
            (Key::Cod, &COD, self.cod_mg_l),
            (Key::Nh3n, &NH3N, self.nh3n_mg_l),
        ] {
            let Some(c) = c else { continue };
            warn_usual(e, spec, c);
            let t = water_mass(M3PerDay(q), 1.0, d, MgPerL(c)).get();
            e.record(key, || {
                let name = crate::labels::Labelled::label(key);
                Step::new(
                    key,
                    format!("{}削减量 = 再生水回用量 × 运行天数 × 回用水浓度 × 10⁻⁶{}", name.zh, NOTE.0),
                    format!(
                        "{} reduction = water reused × days × concentration of the reused effluent × 10⁻⁶{}",
                        name.en, NOTE.1
                    ),
                    "R = Q × D × C × 10⁻⁶",
                )
                .input("Q", &REUSE, q)
                .input("D", &DAYS, d)
                .input("C", spec, c)
                .done(format!("{} × {} × {} × 10⁻⁶", Num(q), Num(d), Num(c)), t)
            });
            e.amounts[key] = t;
        }
        let w = q * d;
        e.record(Key::Water, || {
            Step::new(
                Key::Water,
                format!("节水量 = 再生水回用量 × 运行天数（1 m³ 计 1 t）{}", NOTE.0),
                format!(
                    "Water saved = water reused × days (1 m³ counted as 1 t){}",
                    NOTE.1
                ),
                "W = Q × D",
            )
            .input("Q", &REUSE, q)
            .input("D", &DAYS, d)
            .done(format!("{} × {}", Num(q), Num(d)), w)
        });
        e.amounts[Key::Water] = w;
    }
}
