//! `vocs_ldar`: leak detection and repair (泄漏检测与修复, docs/methodology.md §3.14): the
//! fugitive VOCs before and after, from the LDAR report; R = before − after. An increase is
//! accepted (a measured rise is a fact to report) and warned, as in `measured`.

use super::{warn_above_usual, Effect, Step, POLLUTANT_CEILING_T, POLLUTANT_USUAL_T};
use crate::decode::Fields;
use crate::factors::Factors;
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::Num;
use serde::Serialize;
use serde_json::{Map, Value};

const BEFORE: FieldSpec = FieldSpec::number(
    "fugitive_before_t",
    "t",
    "实施前 VOCs 泄漏排放量（LDAR 报告）",
    "Fugitive VOCs per year before (LDAR report)",
)
.required()
.paired("fugitive_after_t")
.plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T);
const AFTER: FieldSpec = FieldSpec::number(
    "fugitive_after_t",
    "t",
    "实施后 VOCs 泄漏排放量（LDAR 报告）",
    "Fugitive VOCs per year after (LDAR report)",
)
.required()
.paired("fugitive_before_t")
.plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T);
/// Components checked: a large refinery has a few hundred thousand; ten million is no plant's.
const COMPONENTS: FieldSpec =
    FieldSpec::count("components", "检测密封点数（个）", "Components monitored")
        .with_unit("个")
        .plausible(500_000.0, 1.0e7);

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[BEFORE, AFTER, COMPONENTS];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VocsLdar {
    pub fugitive_before_t: f64,
    pub fugitive_after_t: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl VocsLdar {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        VocsLdar {
            fugitive_before_t: f.req(&BEFORE),
            fugitive_after_t: f.req(&AFTER),
            components: f.count(&COMPONENTS),
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let (b, a) = (self.fugitive_before_t, self.fugitive_after_t);
        warn_above_usual(
            e,
            &[
                (&BEFORE, Some(b)),
                (&AFTER, Some(a)),
                (&COMPONENTS, self.components.map(|n| n as f64)),
            ],
        );
        let r = b - a;
        e.record(Key::Vocs, || {
            Step::new(
                Key::Vocs,
                "VOCs削减量 = 实施前泄漏排放量 − 实施后泄漏排放量（LDAR 报告）",
                "VOCs reduction = fugitive VOCs before − fugitive VOCs after (LDAR report)",
                "R = E₁ − E₂",
            )
            .input("E₁", &BEFORE, b)
            .input("E₂", &AFTER, a)
            .done(format!("{} − {}", Num(b), Num(a)), r)
        });
        e.amounts[Key::Vocs] = r;
    }
}
