//! `flue_gas`: ultra-low emission retrofit of power or CHP units by the concentration method
//! (docs/methodology.md §3.4): R = V × H × (C_before − C_after) × 10⁻⁹ for SO₂ and NOₓ. When the
//! flue gas flow is unknown, V × H is estimated from coal burned × `flue_gas.coal_nm3_per_t`.

use super::coal::{COAL_CEILING_T, COAL_USUAL_T};
use super::{factor, warn_above_usual, Effect, Step};
use crate::choice::choice;
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::labels::Labelled;
use crate::settings::Settings;
use crate::trail::{num, Warning, WarningKind};
use crate::units::{gas_mass, MgPerNm3};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// The limit the retrofit claims to meet, for the after-value warning.
    pub enum Claim {
        /// 超低排放: SO₂ 35, NOₓ 50 mg/Nm³ at 6 % O₂ (docs/methodology.md §5.2). Default.
        UltraLow => "ultra_low" ("超低排放（SO₂ 35、NOₓ 50 mg/Nm³）", "Ultra-low (SO₂ 35, NOₓ 50 mg/Nm³)"),
        /// No claim: no limit warning.
        None => "none" ("不声明排放限值", "No limit claimed"),
    }
}

/// Hard limit of a flue-gas concentration, mg/Nm³ (docs/methodology.md §7).
const CONC: Limit = Limit::Range(0.0, 10_000.0);

const FLOW: FieldSpec = FieldSpec::number(
    "flue_gas_nm3_per_h",
    "Nm³/h",
    "烟气量（标态干基）",
    "Flue gas flow (dry, standard)",
)
.plausible(3.0e6, 5.0e7);
const HOURS: FieldSpec =
    FieldSpec::number("hours", "h", "年运行小时数", "Operating hours per year")
        .limit(Limit::Range(0.0, 8784.0));
const COAL: FieldSpec = FieldSpec::number(
    "coal_t",
    "t",
    "燃煤量（无实测烟气量时用于估算）",
    "Coal burned (to estimate the flue gas when the flow is unknown)",
)
.plausible(COAL_USUAL_T, COAL_CEILING_T);
const SO2_BEFORE: FieldSpec = FieldSpec::number(
    "so2_before_mg_m3",
    "mg/Nm³",
    "SO₂ 改造前浓度",
    "SO₂ before retrofit",
)
.paired("so2_after_mg_m3")
.limit(CONC);
const SO2_AFTER: FieldSpec = FieldSpec::number(
    "so2_after_mg_m3",
    "mg/Nm³",
    "SO₂ 改造后浓度",
    "SO₂ after retrofit",
)
.paired("so2_before_mg_m3")
.limit(CONC);
const NOX_BEFORE: FieldSpec = FieldSpec::number(
    "nox_before_mg_m3",
    "mg/Nm³",
    "NOₓ 改造前浓度",
    "NOₓ before retrofit",
)
.paired("nox_after_mg_m3")
.limit(CONC);
const NOX_AFTER: FieldSpec = FieldSpec::number(
    "nox_after_mg_m3",
    "mg/Nm³",
    "NOₓ 改造后浓度",
    "NOₓ after retrofit",
)
.paired("nox_before_mg_m3")
.limit(CONC);
const CLAIM: FieldSpec = FieldSpec::choice("claim", Claim::OPTIONS, "达标声明", "Limit claimed")
    .default_choice("ultra_low");

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    FLOW, HOURS, COAL, SO2_BEFORE, SO2_AFTER, NOX_BEFORE, NOX_AFTER, CLAIM,
];

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

struct Pair {
    key: Key,
    before: &'static FieldSpec,
    after: &'static FieldSpec,
    limit: FactorId,
    values: fn(&FlueGas) -> (Option<f64>, Option<f64>),
}

const PAIRS: [Pair; 2] = [
    Pair {
        key: Key::So2,
        before: &SO2_BEFORE,
        after: &SO2_AFTER,
        limit: FactorId::UltraLowSo2,
        values: |m| (m.so2_before_mg_m3, m.so2_after_mg_m3),
    },
    Pair {
        key: Key::Nox,
        before: &NOX_BEFORE,
        after: &NOX_AFTER,
        limit: FactorId::UltraLowNox,
        values: |m| (m.nox_before_mg_m3, m.nox_after_mg_m3),
    },
];

impl FlueGas {
    /// Whether the gas volume is estimated from coal (flow or hours not given).
    fn volume_from_coal(&self) -> bool {
        (self.flue_gas_nm3_per_h.is_none() || self.hours.is_none()) && self.coal_t.is_some()
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let given: Vec<bool> = [&FLOW, &HOURS, &COAL].map(|s| f.has(s.key())).to_vec();
        let so2 = f.pair(&SO2_BEFORE, &SO2_AFTER, true);
        let nox = f.pair(&NOX_BEFORE, &NOX_AFTER, true);
        if PAIRS
            .iter()
            .all(|p| !f.has(p.before.key()) && !f.has(p.after.key()))
        {
            f.fail(&SO2_BEFORE, ErrorKind::NothingToCompute);
        }
        let m = FlueGas {
            flue_gas_nm3_per_h: f.num(&FLOW),
            hours: f.num(&HOURS),
            coal_t: f.num(&COAL),
            so2_before_mg_m3: so2.map(|p| p.0),
            so2_after_mg_m3: so2.map(|p| p.1),
            nox_before_mg_m3: nox.map(|p| p.0),
            nox_after_mg_m3: nox.map(|p| p.1),
            claim: f.choice(&CLAIM),
            extra: f.unread(),
        };
        // Flow and hours are required unless the volume is estimated from coal.
        let (flow, hours, coal) = (given[0], given[1], given[2]);
        if !(coal && !(flow && hours)) {
            for (spec, present) in [(&FLOW, flow), (&HOURS, hours)] {
                if !present {
                    f.fail(spec, ErrorKind::Missing);
                }
            }
        }
        m
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        warn_above_usual(e, &[(&FLOW, self.flue_gas_nm3_per_h), (&COAL, self.coal_t)]);
        let from_coal = self.volume_from_coal();
        let (v, h, b) = if from_coal {
            (
                factors.value(FactorId::FlueGasPerCoal),
                1.0,
                self.coal_t.unwrap_or(0.0),
            )
        } else {
            (
                self.flue_gas_nm3_per_h.unwrap_or(0.0),
                self.hours.unwrap_or(0.0),
                1.0,
            )
        };
        let claim = self.claim.unwrap_or(Claim::UltraLow);
        for p in &PAIRS {
            let (Some(before), Some(after)) = (p.values)(self) else {
                continue;
            };
            let r = gas_mass(v * b, h, MgPerNm3(before - after));
            e.record(p.key, || {
                let name = p.key.label();
                let step = if from_coal {
                    Step::new(
                        p.key,
                        &format!("{}削减量 = 燃煤量 × 吨煤烟气量 × (改造前浓度 − 改造后浓度) × 10⁻⁹", name.zh),
                        &format!("{} reduction = coal burned × flue gas per tonne of coal × (concentration before − after) × 10⁻⁹", name.en),
                        "R = B × V_t × (C₁ − C₂) × 10⁻⁹",
                    )
                    .input("B", &COAL, b)
                    .factor(&factor(factors, FactorId::FlueGasPerCoal))
                } else {
                    Step::new(
                        p.key,
                        &format!("{}削减量 = 烟气量 × 运行小时数 × (改造前浓度 − 改造后浓度) × 10⁻⁹", name.zh),
                        &format!("{} reduction = flue gas flow × operating hours × (concentration before − after) × 10⁻⁹", name.en),
                        "R = V × H × (C₁ − C₂) × 10⁻⁹",
                    )
                    .input("V", &FLOW, v)
                    .input("H", &HOURS, h)
                };
                let step = step
                    .input("C₁", p.before, before)
                    .input("C₂", p.after, after);
                let (x, y) = if from_coal { (b, v) } else { (v, h) };
                let sub = format!(
                    "{} × {} × ({} − {}) × 10⁻⁹",
                    num(x),
                    num(y),
                    num(before),
                    num(after)
                );
                step.done(sub, r.get())
            });
            e.amounts[p.key] = r.get();
            if claim == Claim::UltraLow {
                let limit = factors.value(p.limit);
                if after > limit {
                    e.warn(Warning::on(
                        p.after,
                        WarningKind::AboveClaimedLimit {
                            value: after,
                            limit,
                        },
                    ));
                }
            }
        }
        if from_coal {
            e.warn(Warning::on(&COAL, WarningKind::Note {
                zh: "烟气量按燃煤量 × 吨煤烟气量估算（工业锅炉系数），有实测烟气量时请填写".into(),
                en: "flue gas estimated from coal burned × flue gas per tonne (industrial-boiler factor); enter the measured flow if known".into(),
            }));
        }
    }
}
