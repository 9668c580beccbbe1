//! `denitrification`: denitrification or low-NOₓ combustion on coal (docs/methodology.md §3.3):
//! NOₓ = B × EF × (η_after × f_op − η_before) × 10⁻³, EF from the project or the library.

use super::coal::{
    efficiency, nox_per_t, nox_record, nox_value, Removal, RemovalFields, COAL_CEILING_T,
    COAL_USUAL_T,
};
use super::{warn_above_usual, Effect, Step};
use crate::decode::Fields;
use crate::factors::Factors;
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::Num;
use serde::Serialize;
use serde_json::{Map, Value};

const COAL: FieldSpec = FieldSpec::number("coal_t", "t", "燃煤量", "Coal burned per year")
    .required()
    .plausible(COAL_USUAL_T, COAL_CEILING_T);
const NOX_PER_T: FieldSpec = nox_per_t(
    "nox_kg_per_t",
    "NOₓ 产污系数（不填取系数库值）",
    "NOₓ generated per tonne of coal (blank: library factor)",
);
const REMOVAL: RemovalFields = RemovalFields {
    before: efficiency(
        "efficiency_before_pct",
        "脱硝效率（治理前）",
        "Denitrification efficiency before",
    )
    .with_default(0.0),
    after: efficiency(
        "efficiency_after_pct",
        "脱硝效率（治理后）",
        "Denitrification efficiency after",
    )
    .required(),
};

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    COAL,
    NOX_PER_T,
    REMOVAL.all()[0],
    REMOVAL.all()[1],
    REMOVAL.all()[2],
];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Denitrification {
    /// Coal burned per year, t.
    pub coal_t: f64,
    /// NOₓ generated per tonne of coal, kg/t (default: the library's coal-boiler factor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_kg_per_t: Option<f64>,
    /// Efficiency before (default 0) and after, and the operating rate.
    #[serde(flatten)]
    pub removal: Removal,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Denitrification {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        Denitrification {
            coal_t: f.req(&COAL),
            nox_kg_per_t: f.num(&NOX_PER_T),
            removal: Removal::decode(f, &REMOVAL),
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let b = self.coal_t;
        warn_above_usual(e, &[(&COAL, Some(b)), (&NOX_PER_T, self.nox_kg_per_t)]);
        let ef = nox_value(self.nox_kg_per_t, factors);
        let net = self.removal.net(&REMOVAL, e);
        let r = b * ef * net * 1e-3;
        e.record(Key::Nox, || {
            let step = Step::new(
                Key::Nox,
                "NOₓ削减量 = 燃煤量 × NOₓ产污系数 × (治理后脱硝效率 × 投运率 − 治理前脱硝效率) × 10⁻³",
                "NOₓ reduction = coal burned × NOₓ generation factor × (efficiency after × operating rate − efficiency before) × 10⁻³",
                "R = B × EF × (η₂ × f − η₁) × 10⁻³",
            )
            .input("B", &COAL, b);
            let step = nox_record(step, &NOX_PER_T, self.nox_kg_per_t, factors);
            let (step, removal) = self.removal.record(step, &REMOVAL);
            let sub = format!("{} × {} × {removal} × 10⁻³", Num(b), Num(ef));
            step.done(sub, r)
        });
        e.amounts[Key::Nox] = r;
    }
}
