//! `vocs_treatment`: VOCs collection and end-of-pipe treatment (收集与末端治理,
//! docs/methodology.md §3.13): R = G × (c₂ × r₂ × η₂ − c₁ × r₁ × η₁) / 10⁴, G the VOCs generated
//! (material balance), c the capture efficiency (%), r the share of the time the treatment runs
//! (0–1), η the removal efficiency (%). This tool's construction from the parameters the national
//! texts name (废气收集率 × 治理设施同步运行率 × 去除率); no national formula annex was found.
//! The capture efficiency after may come from `capture_type`: the library's default of that kind
//! of collection (attributed to 广东省工业源挥发性有机物减排量核算方法 表23, unverified).

use super::{factor, warn_usual, Effect, Step, POLLUTANT_CEILING_T, POLLUTANT_USUAL_T};
use crate::choice::choice;
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::Num;
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// How the VOCs are collected: each kind picks its library capture efficiency.
    pub enum CaptureType {
        SealedNegative => "sealed_negative" ("单层密闭负压", "Sealed, negative pressure"),
        SealedPositive => "sealed_positive" ("单层密闭正压", "Sealed, positive pressure"),
        DoubleSealed => "double_sealed" ("双层密闭空间", "Double-sealed space"),
        Direct => "direct" ("设备废气排口直连", "Direct connection to the equipment outlet"),
        EnclosureFast => "enclosure_fast" ("包围型集气（控制风速≥0.5 m/s）", "Enclosure, capture velocity ≥ 0.5 m/s"),
        EnclosureSlow => "enclosure_slow" ("包围型集气（控制风速0.3–0.5 m/s）", "Enclosure, capture velocity 0.3–0.5 m/s"),
        HoodFast => "hood_fast" ("外部集气罩（控制风速≥0.5 m/s）", "External hood, capture velocity ≥ 0.5 m/s"),
        HoodSlow => "hood_slow" ("外部集气罩（控制风速0.3–0.5 m/s）", "External hood, capture velocity 0.3–0.5 m/s"),
        None => "none" ("无集气设施", "No collection"),
    }
}

impl CaptureType {
    /// The library entry of this kind's capture efficiency; `None` for no collection, whose
    /// capture efficiency is 0 by definition (not a coefficient).
    pub fn factor(self) -> Option<FactorId> {
        Some(match self {
            CaptureType::SealedNegative => FactorId::VocsCaptureSealedNegative,
            CaptureType::SealedPositive => FactorId::VocsCaptureSealedPositive,
            CaptureType::DoubleSealed => FactorId::VocsCaptureDoubleSealed,
            CaptureType::Direct => FactorId::VocsCaptureDirect,
            CaptureType::EnclosureFast => FactorId::VocsCaptureEnclosureFast,
            CaptureType::EnclosureSlow => FactorId::VocsCaptureEnclosureSlow,
            CaptureType::HoodFast => FactorId::VocsCaptureHoodFast,
            CaptureType::HoodSlow => FactorId::VocsCaptureHoodSlow,
            CaptureType::None => return None,
        })
    }
}

const GENERATED: FieldSpec = FieldSpec::number(
    "generated_t",
    "t",
    "VOCs 年产生量（物料衡算）",
    "VOCs generated per year (material balance)",
)
.required()
.plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T);
const CAPTURE_BEFORE: FieldSpec = FieldSpec::number(
    "capture_before_pct",
    "%",
    "治理前废气收集率",
    "Capture efficiency before",
)
.percent()
.with_default(0.0);
const RUN_BEFORE: FieldSpec = FieldSpec::number(
    "run_rate_before",
    "",
    "治理前治理设施同步运行率",
    "Treatment run rate before",
)
.limit(Limit::Range(0.0, 1.0))
.with_default(1.0);
const REMOVAL_BEFORE: FieldSpec = FieldSpec::number(
    "removal_before_pct",
    "%",
    "治理前去除效率",
    "Removal efficiency before",
)
.percent()
.with_default(0.0);
const CAPTURE_AFTER: FieldSpec = FieldSpec::number(
    "capture_after_pct",
    "%",
    "治理后废气收集率（或选集气方式）",
    "Capture efficiency after (or choose the collection)",
)
.percent();
const CAPTURE_TYPE: FieldSpec = FieldSpec::choice(
    "capture_type",
    CaptureType::OPTIONS,
    "治理后集气方式（收集率取系数库默认值）",
    "Collection after (capture efficiency from the library)",
);
const RUN_AFTER: FieldSpec = FieldSpec::number(
    "run_rate_after",
    "",
    "治理后治理设施同步运行率",
    "Treatment run rate after",
)
.limit(Limit::Range(0.0, 1.0))
.with_default(1.0);
const REMOVAL_AFTER: FieldSpec = FieldSpec::number(
    "removal_after_pct",
    "%",
    "治理后去除效率",
    "Removal efficiency after",
)
.percent()
.required();

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    GENERATED,
    CAPTURE_BEFORE,
    RUN_BEFORE,
    REMOVAL_BEFORE,
    CAPTURE_AFTER,
    CAPTURE_TYPE,
    RUN_AFTER,
    REMOVAL_AFTER,
];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VocsTreatment {
    /// VOCs generated per year, t (material balance).
    pub generated_t: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_before_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_rate_before: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removal_before_pct: Option<f64>,
    /// The project's own capture efficiency after; wins over `capture_type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_after_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_type: Option<CaptureType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_rate_after: Option<f64>,
    pub removal_after_pct: f64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl VocsTreatment {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let m = VocsTreatment {
            generated_t: f.req(&GENERATED),
            capture_before_pct: f.num(&CAPTURE_BEFORE),
            run_rate_before: f.num(&RUN_BEFORE),
            removal_before_pct: f.num(&REMOVAL_BEFORE),
            capture_after_pct: f.num(&CAPTURE_AFTER),
            capture_type: f.choice(&CAPTURE_TYPE),
            run_rate_after: f.num(&RUN_AFTER),
            removal_after_pct: f.req(&REMOVAL_AFTER),
            extra: Map::new(),
        };
        if !f.has(CAPTURE_AFTER.path) && !f.has(CAPTURE_TYPE.path) {
            f.fail(&CAPTURE_AFTER, ErrorKind::Missing);
        }
        VocsTreatment {
            extra: f.unread(),
            ..m
        }
    }

    /// The library entry `capture_type` picks, when the project gives no capture efficiency of
    /// its own.
    pub(crate) fn picked_factor(&self) -> Option<(&'static FieldSpec, FactorId)> {
        match self.capture_after_pct {
            Some(_) => None,
            None => self
                .capture_type
                .and_then(CaptureType::factor)
                .map(|id| (&CAPTURE_TYPE, id)),
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let g = self.generated_t;
        warn_usual(e, &GENERATED, g);
        let c1 = CAPTURE_BEFORE.or_default(self.capture_before_pct);
        let r1 = RUN_BEFORE.or_default(self.run_rate_before);
        let h1 = REMOVAL_BEFORE.or_default(self.removal_before_pct);
        // The project's own capture efficiency, else its kind's library default (no collection: 0).
        let library = self.picked_factor().map(|(_, id)| id);
        let c2 = match (self.capture_after_pct, library) {
            (Some(c), _) => c,
            (None, Some(id)) => factors.value(id),
            (None, None) => 0.0,
        };
        let r2 = RUN_AFTER.or_default(self.run_rate_after);
        let h2 = self.removal_after_pct;
        let r = g * (c2 * r2 * h2 - c1 * r1 * h1) / 1.0e4;
        e.record(Key::Vocs, || {
            let step = Step::new(
                Key::Vocs,
                "VOCs削减量 = VOCs产生量 × (治理后收集率 × 同步运行率 × 去除率 − 治理前收集率 × 同步运行率 × 去除率) ÷ 10⁴",
                "VOCs reduction = VOCs generated × (capture × run rate × removal after − capture × run rate × removal before) ÷ 10⁴",
                "R = G × (c₂ × r₂ × η₂ − c₁ × r₁ × η₁) / 10⁴",
            )
            .input("G", &GENERATED, g);
            let step = match (self.capture_after_pct, library) {
                (Some(_), _) => step.input("c₂", &CAPTURE_AFTER, c2),
                (None, Some(id)) => step.factor(&factor(factors, id)),
                (None, None) => step.input("c₂", &CAPTURE_TYPE, c2),
            };
            let step = step
                .input("r₂", &RUN_AFTER, r2)
                .input("η₂", &REMOVAL_AFTER, h2)
                .input("c₁", &CAPTURE_BEFORE, c1)
                .input("r₁", &RUN_BEFORE, r1)
                .input("η₁", &REMOVAL_BEFORE, h1);
            let sub = format!(
                "{} × ({}% × {} × {}% − {}% × {} × {}%)",
                Num(g),
                Num(c2),
                Num(r2),
                Num(h2),
                Num(c1),
                Num(r1),
                Num(h1)
            );
            step.done(sub, r)
        });
        e.amounts[Key::Vocs] = r;
    }
}
