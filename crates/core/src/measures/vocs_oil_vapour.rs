//! `vocs_oil_vapour`: vapour recovery in oil storage, transport and sale (油品储运销油气回收,
//! docs/methodology.md §3.15): R = Q × L × (η₂ − η₁) / 100 / 1000 t, Q the throughput (t/a), L
//! the VOCs lost per tonne without recovery (kg/t), η the recovery efficiency (%). This tool's
//! construction; no citable default for L was found, so the project gives it.

use super::{warn_above_usual, Effect, Step};
use crate::decode::Fields;
use crate::factors::Factors;
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::Num;
use serde::Serialize;
use serde_json::{Map, Value};

/// Throughput: a large depot turns over a few million t a year; 100 million t is no one site's.
const THROUGHPUT: FieldSpec = FieldSpec::number(
    "throughput_t",
    "t",
    "油品年周转量（销售量）",
    "Oil throughput per year",
)
.required()
.plausible(5.0e6, 1.0e8);
/// Loss per tonne without recovery: a few kg/t; 50 kg/t (5 % of the oil) is no real loss.
const LOSS: FieldSpec = FieldSpec::number(
    "loss_kg_per_t",
    "kg/t",
    "无回收时单位油品 VOCs 损耗量",
    "VOCs lost per tonne without recovery",
)
.required()
.plausible(5.0, 50.0);
const RECOVERY_BEFORE: FieldSpec = FieldSpec::number(
    "recovery_before_pct",
    "%",
    "改造前油气回收效率",
    "Vapour recovery efficiency before",
)
.percent()
.with_default(0.0);
const RECOVERY_AFTER: FieldSpec = FieldSpec::number(
    "recovery_after_pct",
    "%",
    "改造后油气回收效率",
    "Vapour recovery efficiency after",
)
.percent()
.required();

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[THROUGHPUT, LOSS, RECOVERY_BEFORE, RECOVERY_AFTER];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VocsOilVapour {
    pub throughput_t: f64,
    pub loss_kg_per_t: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_before_pct: Option<f64>,
    pub recovery_after_pct: f64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl VocsOilVapour {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        VocsOilVapour {
            throughput_t: f.req(&THROUGHPUT),
            loss_kg_per_t: f.req(&LOSS),
            recovery_before_pct: f.num(&RECOVERY_BEFORE),
            recovery_after_pct: f.req(&RECOVERY_AFTER),
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let (q, l) = (self.throughput_t, self.loss_kg_per_t);
        warn_above_usual(e, &[(&THROUGHPUT, Some(q)), (&LOSS, Some(l))]);
        let h1 = RECOVERY_BEFORE.or_default(self.recovery_before_pct);
        let h2 = self.recovery_after_pct;
        let r = q * l * (h2 - h1) / 100.0 / 1000.0;
        e.record(Key::Vocs, || {
            Step::new(
                Key::Vocs,
                "VOCs削减量 = 油品周转量 × 单位损耗量 × (改造后回收效率 − 改造前回收效率) ÷ 100 ÷ 1000",
                "VOCs reduction = throughput × loss per tonne × (recovery after − recovery before) ÷ 100 ÷ 1000",
                "R = Q × L × (η₂ − η₁) / 100 / 1000",
            )
            .input("Q", &THROUGHPUT, q)
            .input("L", &LOSS, l)
            .input("η₂", &RECOVERY_AFTER, h2)
            .input("η₁", &RECOVERY_BEFORE, h1)
            .done(
                format!("{} × {} × ({}% − {}%) / 1000", Num(q), Num(l), Num(h2), Num(h1)),
                r,
            )
        });
        e.amounts[Key::Vocs] = r;
    }
}
