//! The natural gas a measure converts to standard coal (fuel switch, energy saving): its kind —
//! GB/T 2589's 气田天然气 (the default) or 油田天然气 — or a measured lower heating value in kJ/m³
//! or kcal/m³, converted at 29,307.6 kJ per kgce (docs/methodology.md §4.1) — and its CO₂ per m³
//! at the same heating value (§6): oil-field gas 2.1622 kg/m³, gas-field gas 1.9741 kg/m³, a
//! measured heating value × 55.539 tCO₂/TJ (15.3 tC/TJ × 0.99 × 44/12); a library before
//! 2026.12-1 has one gas CO₂ factor for every kind.

use super::{factor, warn_usual, Effect, Step};
use crate::choice::choice;
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors, Picked};
use crate::field::{FieldSpec, Limit};
use crate::lang::Label;
use crate::trail::{num, Num, Warning, WarningKind};
use serde::Serialize;

choice! {
    #[derive(Default)]
    pub enum GasKind {
        /// 气田天然气, `tce.natural_gas`: what every file computed with before the choice existed.
        #[default]
        Gasfield => "gasfield" ("气田天然气", "Gas-field natural gas"),
        /// 油田天然气, `tce.natural_gas_oilfield`.
        Oilfield => "oilfield" ("油田天然气", "Oil-field natural gas"),
        /// The project's own heating value (`gas_lhv_kj_per_m3` or `gas_lhv_kcal_per_m3`).
        Measured => "measured" ("实测低位发热量", "Measured lower heating value"),
    }
}

/// kJ in one kgce (1 kgce = 7,000 kcal × 4.1868 kJ/kcal, the International Table calorie).
pub const KJ_PER_KGCE: f64 = 29_307.6;
/// kJ per kcal (International Table calorie, the convention behind 29,307.6 kJ/kgce).
pub const KJ_PER_KCAL: f64 = 4.1868;

pub const GAS_KIND: FieldSpec = FieldSpec::choice(
    "gas_kind",
    GasKind::OPTIONS,
    "天然气种类（折标系数）",
    "Kind of natural gas (standard-coal factor)",
)
.default_choice("gasfield");
// Hard limits are wide enough for any pipeline gas (GB 17820 class 1–2 is ≥31.4 MJ/m³ HHV) and
// exclude a value typed in the wrong unit; the usual range is that of Chinese pipeline gas.
pub const LHV_KJ: FieldSpec = FieldSpec::number(
    "gas_lhv_kj_per_m3",
    "kJ/m³",
    "天然气实测低位发热量（kJ/m³，种类选“实测”时填）",
    "Measured lower heating value of the gas, kJ/m³ (kind “measured”)",
)
.limit(Limit::Range(20_000.0, 50_000.0))
.usual(31_000.0, 41_000.0);
pub const LHV_KCAL: FieldSpec = FieldSpec::number(
    "gas_lhv_kcal_per_m3",
    "kcal/m³",
    "天然气实测低位发热量（kcal/m³，可代替 kJ/m³）",
    "Measured lower heating value of the gas, kcal/m³ (instead of kJ/m³)",
)
.limit(Limit::Range(4_800.0, 12_000.0))
.usual(7_400.0, 9_800.0);

/// The gas fields of a measure, flattened into it in the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Gas {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gas_kind: Option<GasKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gas_lhv_kj_per_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gas_lhv_kcal_per_m3: Option<f64>,
}

/// The gas's standard-coal factor (kgce/m³) as the trail records it.
pub(crate) enum Conversion {
    /// A library factor: its id, value in force and, when the file chose the kind, why it was
    /// picked (the entry itself is built only for a trail).
    Library {
        id: FactorId,
        value: f64,
        picked: Option<(&'static str, &'static str)>,
    },
    Measured {
        spec: &'static FieldSpec,
        lhv: f64,
        kgce_per_m3: f64,
    },
}

const GAS_FACTOR: Label = Label::new(
    "天然气折标系数（实测低位发热量 ÷ 29,307.6 kJ/kgce）",
    "natural-gas factor (measured heating value ÷ 29,307.6 kJ/kgce)",
);

impl Conversion {
    pub fn value(&self) -> f64 {
        match self {
            Conversion::Library { value, .. } => *value,
            Conversion::Measured { kgce_per_m3, .. } => *kgce_per_m3,
        }
    }

    /// Records the factor (or the measured value and its conversion) in a trail step.
    pub fn record(&self, step: Step, factors: &Factors<'_>) -> Step {
        match self {
            Conversion::Library { id, picked, .. } => {
                let mut f = factor(factors, *id);
                if let Some((zh, en)) = picked {
                    f.picked = Some(Picked::new(*zh, *en));
                }
                step.factor(&f)
            }
            Conversion::Measured {
                spec,
                lhv,
                kgce_per_m3,
            } => step.input("LHV", spec, *lhv).derived(
                "c_gas",
                "gas_kgce_per_m3",
                GAS_FACTOR,
                *kgce_per_m3,
                "kgce/m³",
            ),
        }
    }
}

impl Gas {
    pub fn kind(&self) -> GasKind {
        self.gas_kind.unwrap_or_default()
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let g = Gas {
            gas_kind: f.choice(&GAS_KIND),
            gas_lhv_kj_per_m3: f.num(&LHV_KJ),
            gas_lhv_kcal_per_m3: f.num(&LHV_KCAL),
        };
        let given = f.has(LHV_KJ.key()) || f.has(LHV_KCAL.key());
        if g.gas_kind == Some(GasKind::Measured) && !given {
            f.fail(&LHV_KJ, ErrorKind::Missing);
        }
        g
    }

    /// The conversion in force, with warnings for a heating value that is unusual or not used.
    pub(crate) fn conversion(&self, factors: &Factors<'_>, e: &mut Effect) -> Conversion {
        let unused = |spec: &FieldSpec, zh: &str, en: &str| {
            Warning::on(
                spec,
                WarningKind::Note {
                    zh: zh.into(),
                    en: en.into(),
                },
            )
        };
        let lhv_given = self
            .gas_lhv_kj_per_m3
            .or(self.gas_lhv_kcal_per_m3)
            .is_some();
        let library = |id, zh: &'static str, en: &'static str| Conversion::Library {
            id,
            value: factors.value(id),
            picked: self.gas_kind.is_some().then_some((zh, en)),
        };
        match self.kind() {
            GasKind::Gasfield | GasKind::Oilfield if lhv_given => {
                let spec = if self.gas_lhv_kj_per_m3.is_some() {
                    &LHV_KJ
                } else {
                    &LHV_KCAL
                };
                e.warn(unused(
                    spec,
                    "未选“实测低位发热量”，所填发热量未使用",
                    "the heating value is not used: the kind of gas is not “measured”",
                ));
            }
            _ => {}
        }
        match (
            self.kind(),
            self.gas_lhv_kj_per_m3,
            self.gas_lhv_kcal_per_m3,
        ) {
            (GasKind::Gasfield, ..) => library(
                FactorId::NaturalGas,
                "所选天然气种类：气田天然气",
                "kind of gas chosen: gas-field gas",
            ),
            (GasKind::Oilfield, ..) => library(
                FactorId::NaturalGasOilfield,
                "所选天然气种类：油田天然气",
                "kind of gas chosen: oil-field gas",
            ),
            (GasKind::Measured, Some(kj), kcal) => {
                warn_usual(e, &LHV_KJ, kj);
                if kcal.is_some() {
                    e.warn(unused(
                        &LHV_KCAL,
                        "已填 kJ/m³，kcal/m³ 值未使用",
                        "the kcal/m³ value is not used: a kJ/m³ value is given",
                    ));
                }
                Conversion::Measured {
                    spec: &LHV_KJ,
                    lhv: kj,
                    kgce_per_m3: kj / KJ_PER_KGCE,
                }
            }
            (GasKind::Measured, None, Some(kcal)) => {
                warn_usual(e, &LHV_KCAL, kcal);
                Conversion::Measured {
                    spec: &LHV_KCAL,
                    lhv: kcal,
                    kgce_per_m3: kcal * KJ_PER_KCAL / KJ_PER_KGCE,
                }
            }
            // A decoding error (measured without a value); never computed.
            (GasKind::Measured, None, None) => Conversion::Measured {
                spec: &LHV_KJ,
                lhv: f64::NAN,
                kgce_per_m3: f64::NAN,
            },
        }
    }
}

/// The gas's CO₂ factor (kgCO₂/m³) at the heating value its conversion uses.
pub(crate) struct GasCo2 {
    /// The library entry the trail shows.
    pub id: FactorId,
    pub kg_per_m3: f64,
    /// For a measured heating value: the heating value (kJ/m³) and the CO₂ per TJ it multiplies.
    measured: Option<(f64, f64)>,
}

const GAS_CO2: Label = Label::new(
    "天然气 CO₂ 排放系数（实测低位发热量 × 单位热值 CO₂ × 10⁻⁶）",
    "CO₂ per m³ of gas (measured heating value × CO₂ per TJ × 10⁻⁶)",
);

impl GasCo2 {
    /// The CO₂ factor for the gas of conversion `c`.
    pub(crate) fn of(factors: &Factors<'_>, c: &Conversion) -> GasCo2 {
        let library = |id| GasCo2 {
            id,
            kg_per_m3: factors.value(id),
            measured: None,
        };
        if !factors.has(FactorId::Co2NaturalGasGasfield) {
            // An older library: its single gas factor, whatever the kind, as it computed.
            return library(FactorId::Co2NaturalGas);
        }
        match c {
            Conversion::Library {
                id: FactorId::NaturalGasOilfield,
                ..
            } => library(FactorId::Co2NaturalGas),
            Conversion::Library { .. } => library(FactorId::Co2NaturalGasGasfield),
            Conversion::Measured { kgce_per_m3, .. } => {
                let kj = kgce_per_m3 * KJ_PER_KGCE;
                let ef = factors.value(FactorId::Co2NaturalGasPerTj);
                GasCo2 {
                    id: FactorId::Co2NaturalGasPerTj,
                    kg_per_m3: kj * ef * 1e-6,
                    measured: Some((kj, ef)),
                }
            }
        }
    }

    /// Records the factor (and, for a measured heating value, the CO₂ per m³ it gives).
    pub(crate) fn record(&self, step: Step, factors: &Factors<'_>) -> Step {
        self.record_derived(step.factor(&factor(factors, self.id)))
    }

    /// Records the CO₂ per m³ a measured heating value gives (nothing for a library factor).
    pub(crate) fn record_derived(&self, step: Step) -> Step {
        match self.measured {
            Some(_) => step.derived(
                "f_gas",
                "gas_co2_kg_per_m3",
                GAS_CO2,
                self.kg_per_m3,
                "kgCO₂/m³",
            ),
            None => step,
        }
    }

    /// The substituted text: the library value, or (LHV × CO₂ per TJ × 10⁻⁶).
    pub(crate) fn substituted(&self) -> String {
        match self.measured {
            Some((kj, ef)) => format!("({} × {} × 10⁻⁶)", Num(kj), Num(ef)),
            None => num(self.kg_per_m3),
        }
    }
}

/// The substituted text of a gas factor: the library value, or LHV ÷ 29,307.6 (× 4.1868 for kcal).
pub(crate) fn substituted(c: &Conversion) -> String {
    match c {
        Conversion::Library { value, .. } => num(*value),
        Conversion::Measured { spec, lhv, .. } if spec.path == LHV_KCAL.path => {
            format!("({} × 4.1868 ÷ 29307.6)", Num(*lhv))
        }
        Conversion::Measured { lhv, .. } => format!("({} ÷ 29307.6)", Num(*lhv)),
    }
}
