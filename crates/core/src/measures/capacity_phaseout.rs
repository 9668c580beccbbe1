//! `capacity_phaseout`: outdated capacity eliminated, enterprises closed (结构减排,
//! docs/methodology.md §3.8). The reduction is the closed unit's last-year amounts from the
//! environmental statistics (§2); its energy saving is option (i) of §3.8: output not replaced,
//! ΔE = base-year energy use.

use super::{warn_above_usual, warn_usual, Effect, Step};
use super::{
    POLLUTANT_CEILING_T, POLLUTANT_USUAL_T, TCE_CEILING, TCE_USUAL, WATER_CEILING_T, WATER_USUAL_T,
};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::field::FieldSpec;
use crate::key::{Emissions, Key};
use crate::settings::Settings;
use crate::trail::num;
use serde::Serialize;
use serde_json::{Map, Value};

const ENTERPRISES: FieldSpec =
    FieldSpec::count("enterprises", "关停企业数（家）", "Enterprises closed")
        .with_unit("家")
        .plausible(200.0, 100_000.0);
const EQUIPMENT: FieldSpec = FieldSpec::count(
    "equipment",
    "淘汰设备数（台/套）",
    "Equipment units retired",
)
.with_unit("台")
.plausible(1_000.0, 1.0e6);
/// The closed units' amounts last year, one field per key of [`Key::EMISSIONS`].
const LAST_YEAR: [FieldSpec; 7] = [
    FieldSpec::number(
        "last_year.cod_t",
        "t",
        "上年 COD 排放量",
        "COD discharged last year",
    )
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    FieldSpec::number(
        "last_year.nh3n_t",
        "t",
        "上年氨氮排放量",
        "NH₃-N discharged last year",
    )
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    FieldSpec::number(
        "last_year.so2_t",
        "t",
        "上年 SO₂ 排放量",
        "SO₂ emitted last year",
    )
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    FieldSpec::number(
        "last_year.nox_t",
        "t",
        "上年 NOₓ 排放量",
        "NOₓ emitted last year",
    )
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    FieldSpec::number(
        "last_year.vocs_t",
        "t",
        "上年 VOCs 排放量",
        "VOCs emitted last year",
    )
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    FieldSpec::number(
        "last_year.tce",
        "tce",
        "上年综合能耗",
        "Energy use last year",
    )
    .plausible(TCE_USUAL, TCE_CEILING),
    FieldSpec::number(
        "last_year.water_t",
        "t",
        "上年新水用量",
        "Fresh water used last year",
    )
    .plausible(WATER_USUAL_T, WATER_CEILING_T),
];

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    ENTERPRISES,
    EQUIPMENT,
    LAST_YEAR[0],
    LAST_YEAR[1],
    LAST_YEAR[2],
    LAST_YEAR[3],
    LAST_YEAR[4],
    LAST_YEAR[5],
    LAST_YEAR[6],
];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CapacityPhaseout {
    /// Enterprises closed (a count, never prorated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprises: Option<u64>,
    /// Units of outdated equipment retired.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equipment: Option<u64>,
    /// The closed units' amounts last year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_year: Option<Emissions>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CapacityPhaseout {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let m = CapacityPhaseout {
            enterprises: f.count(&ENTERPRISES),
            equipment: f.count(&EQUIPMENT),
            last_year: f.emissions("last_year", &LAST_YEAR),
            extra: f.unread(),
        };
        let empty = m.last_year.as_ref().is_none_or(Emissions::is_empty);
        let counts = f.has(ENTERPRISES.key()) || f.has(EQUIPMENT.key());
        if empty && !counts {
            f.error("last_year", ErrorKind::NothingToCompute);
        }
        m
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        warn_above_usual(
            e,
            &[
                (&ENTERPRISES, self.enterprises.map(|n| n as f64)),
                (&EQUIPMENT, self.equipment.map(|n| n as f64)),
            ],
        );
        e.amounts[Key::Enterprises] = self.enterprises.unwrap_or(0) as f64;
        e.amounts[Key::Equipment] = self.equipment.unwrap_or(0) as f64;
        let Some(ly) = &self.last_year else { return };
        for (&key, spec) in Key::EMISSIONS.iter().zip(&LAST_YEAR) {
            let Some(v) = ly.get(key) else { continue };
            warn_usual(e, spec, v);
            e.record(key, || {
                let name = key.amount_label();
                let (formula_zh, formula_en) = if key == Key::Tce {
                    (
                        "节约标煤 = 淘汰单位上年综合能耗（产量不转移，GB/T 13234 方法 i）".to_owned(),
                        "Standard coal saved = the eliminated unit's base-year energy use (output not replaced, option i)".to_owned(),
                    )
                } else {
                    (
                        format!("{0}削减量 = 关停单位上年{0}（环境统计）", name.zh),
                        format!("{0} reduction = the closed unit's {0} last year (environmental statistics)", name.en),
                    )
                };
                Step::new(key, formula_zh, formula_en, "R = E_last_year")
                    .input("E", spec, v)
                    .done(num(v), v)
            });
            e.amounts[key] = v;
        }
    }
}
