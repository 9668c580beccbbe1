//! `capacity_phaseout`: outdated capacity eliminated, enterprises closed (结构减排, methodology.md
//! §3.8). The reduction is the closed unit's last-year amounts from the environmental statistics
//! (§2); its energy saving is option (i) of §3.8: output not replaced, ΔE = base-year energy use.

use super::emissions::Emissions;
use super::{Check, Effect, Step};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::num;
use crate::units::{Tce, Tonnes};
use serde::Serialize;
use serde_json::{Map, Value};

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
        CapacityPhaseout {
            enterprises: f.opt_count("enterprises"),
            equipment: f.opt_count("equipment"),
            last_year: Emissions::decode_in(f, "last_year"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        if let Some(ly) = &self.last_year {
            ly.validate("last_year", c);
        }
        let empty = self.last_year.as_ref().is_none_or(Emissions::is_empty);
        if empty && self.enterprises.is_none() && self.equipment.is_none() {
            c.fail("last_year", ErrorKind::NothingToCompute);
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        e.amounts.enterprises = self.enterprises.unwrap_or(0);
        e.amounts.equipment = self.equipment.unwrap_or(0);
        let Some(ly) = &self.last_year else { return };
        for (key, zh, en) in Emissions::KEYS {
            let Some(v) = ly.get(key) else { continue };
            let (formula_zh, formula_en) = if key == "tce" {
                (
                    "节约标煤 = 淘汰单位上年综合能耗（产量不转移，GB/T 13234 方法 i）".to_owned(),
                    "Standard coal saved = the eliminated unit's base-year energy use (output not replaced, option i)".to_owned(),
                )
            } else {
                (
                    format!("{zh}削减量 = 关停单位上年{zh}（环境统计）"),
                    format!("{en} reduction = the closed unit's {en} last year (environmental statistics)"),
                )
            };
            let step = Step::new(key, &formula_zh, &formula_en, "R = E_last_year").input(
                "E",
                &format!("last_year.{key}"),
                v,
                if key == "tce" { "tce" } else { "t" },
            );
            e.trail.push(step.done(num(v), v));
            match key {
                "cod_t" => e.amounts.cod_t = Tonnes(v),
                "nh3n_t" => e.amounts.nh3n_t = Tonnes(v),
                "so2_t" => e.amounts.so2_t = Tonnes(v),
                "nox_t" => e.amounts.nox_t = Tonnes(v),
                "tce" => e.amounts.tce = Tce(v),
                _ => e.amounts.water_t = Tonnes(v),
            }
        }
    }
}
