//! `desulfurization`: new or better desulfurisation of coal combustion (docs/methodology.md
//! §3.2): SO₂ = 2 × k × B × S × (η_after × f_op − η_before), k = `so2.sulfur_conversion`.

use super::coal::{efficiency, Removal, RemovalFields, COAL_CEILING_T, COAL_USUAL_T, SULFUR};
use super::{factor, warn_usual, Effect, Step};
use crate::decode::Fields;
use crate::factors::{FactorId, Factors};
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::Num;
use serde::Serialize;
use serde_json::{Map, Value};

const COAL: FieldSpec = FieldSpec::number("coal_t", "t", "燃煤量", "Coal burned per year")
    .required()
    .plausible(COAL_USUAL_T, COAL_CEILING_T);
const REMOVAL: RemovalFields = RemovalFields {
    before: efficiency(
        "efficiency_before_pct",
        "脱硫效率（治理前）",
        "Desulfurisation efficiency before",
    )
    .with_default(0.0),
    after: efficiency(
        "efficiency_after_pct",
        "脱硫效率（治理后）",
        "Desulfurisation efficiency after",
    )
    .required(),
};

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    COAL,
    SULFUR,
    REMOVAL.all()[0],
    REMOVAL.all()[1],
    REMOVAL.all()[2],
];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Desulfurization {
    /// Coal burned per year, t.
    pub coal_t: f64,
    /// Sulfur content of the coal, %.
    pub sulfur_pct: f64,
    /// Efficiency before (default 0: no desulfurisation) and after, and the operating rate.
    #[serde(flatten)]
    pub removal: Removal,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Desulfurization {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        Desulfurization {
            coal_t: f.req(&COAL),
            sulfur_pct: f.req(&SULFUR),
            removal: Removal::decode(f, &REMOVAL),
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let k = factors.value(FactorId::SulfurConversion);
        let (b, s) = (self.coal_t, self.sulfur_pct);
        warn_usual(e, &SULFUR, s);
        warn_usual(e, &COAL, b);
        let net = self.removal.net(&REMOVAL, e);
        let r = 2.0 * k * b * (s / 100.0) * net;
        e.record(Key::So2, || {
            let step = Step::new(
                Key::So2,
                "SO₂削减量 = 2 × 硫分转化率 × 燃煤量 × 含硫率 × (治理后脱硫效率 × 投运率 − 治理前脱硫效率)",
                "SO₂ reduction = 2 × sulfur conversion × coal burned × sulfur content × (efficiency after × operating rate − efficiency before)",
                "R = 2 × k × B × S × (η₂ × f − η₁)",
            )
            .factor(&factor(factors, FactorId::SulfurConversion))
            .input("B", &COAL, b)
            .input("S", &SULFUR, s);
            let (step, removal) = self.removal.record(step, &REMOVAL);
            let sub = format!("2 × {} × {} × {}% × {removal}", Num(k), Num(b), Num(s));
            step.done(sub, r)
        });
        e.amounts[Key::So2] = r;
    }
}
