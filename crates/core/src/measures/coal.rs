//! Pieces shared by the coal-combustion measures (desulfurization, denitrification, fuel switch,
//! boiler phase-out): the sulfur-content field, the NOₓ generation factor and the soft limit on
//! efficiencies of docs/methodology.md §7.

use super::{factor, Effect, Step};
use crate::decode::Fields;
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::trail::{Num, Warning, WarningKind};
use serde::Serialize;

/// Coal sulfur content: hard limit 0–10 %, usual 0.1–4 % (docs/methodology.md §7).
pub const SULFUR: FieldSpec =
    FieldSpec::number("sulfur_pct", "%", "煤含硫率", "Coal sulfur content")
        .required()
        .limit(Limit::Range(0.0, 10.0))
        .usual(0.1, 4.0);

/// Share of the time a new plant runs (投运率), 0–1, default 1.
pub const OPERATING_RATE: FieldSpec =
    FieldSpec::number("operating_rate", "", "投运率", "Operating rate")
        .with_default(1.0)
        .limit(Limit::Range(0.0, 1.0));

/// An efficiency or removal rate, %, checked against 99.5 % by [`warn_efficiency`].
pub const fn efficiency(path: &'static str, zh: &'static str, en: &'static str) -> FieldSpec {
    FieldSpec::number(path, "%", zh, en).percent()
}

/// The project's own NOₓ generation factor, kg/t of coal (blank: the library's).
pub const fn nox_per_t(path: &'static str, zh: &'static str, en: &'static str) -> FieldSpec {
    FieldSpec::number(path, "kg/t", zh, en).plausible(20.0, 100.0)
}

/// Coal burned by one project in a year: usually up to 2 million t (a large power plant); the
/// largest coal-fired plants burn about 15–20 million t, so 50 million t is no real project.
pub const COAL_USUAL_T: f64 = 2.0e6;
pub const COAL_CEILING_T: f64 = 5.0e7;

/// Warns when a removal efficiency is above 99.5 % (docs/methodology.md §7).
pub fn warn_efficiency(e: &mut Effect, spec: &FieldSpec, pct: f64) {
    if pct > 99.5 {
        e.warn(Warning::on(
            spec,
            WarningKind::VeryHighEfficiency { value: pct },
        ));
    }
}

/// The NOₓ generation factor EF (kg/t of coal): the project's own value when given, else the
/// library's coal-boiler factor.
pub fn nox_value(given: Option<f64>, factors: &Factors<'_>) -> f64 {
    given.unwrap_or_else(|| factors.value(FactorId::NoxCoalBoiler))
}

/// Records [`nox_value`]'s source in a trail step: the project's field `spec`, or the library
/// factor.
pub fn nox_record(
    step: Step,
    spec: &'static FieldSpec,
    given: Option<f64>,
    factors: &Factors<'_>,
) -> Step {
    match given {
        Some(v) => step.input("EF", spec, v),
        None => step.factor(&factor(factors, FactorId::NoxCoalBoiler)),
    }
}

/// The removal of a retrofit on coal combustion (desulfurisation, denitrification): efficiency
/// before (default 0) and after, and the share of the time the new plant runs (default 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Removal {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub efficiency_before_pct: Option<f64>,
    pub efficiency_after_pct: f64,
    /// Share of the time the new plant runs (投运率), 0–1, default 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating_rate: Option<f64>,
}

/// The two efficiency fields of a removal, labelled for its pollutant.
pub struct RemovalFields {
    pub before: FieldSpec,
    pub after: FieldSpec,
}

impl RemovalFields {
    /// The fields in form order: before, after, operating rate.
    pub const fn all(&self) -> [FieldSpec; 3] {
        [self.before, self.after, OPERATING_RATE]
    }
}

impl Removal {
    pub(crate) fn decode(f: &mut Fields<'_>, spec: &RemovalFields) -> Self {
        let r = Removal {
            efficiency_before_pct: f.num(&spec.before),
            efficiency_after_pct: f.req(&spec.after),
            operating_rate: f.num(&OPERATING_RATE),
        };
        f.not_below(
            &spec.after,
            r.efficiency_after_pct,
            &spec.before,
            r.before_pct(spec),
        );
        r
    }

    fn before_pct(&self, spec: &RemovalFields) -> f64 {
        spec.before.or_default(self.efficiency_before_pct)
    }

    /// The net removal η₂ × f − η₁ (as a fraction); warns on a very high efficiency.
    pub fn net(&self, spec: &RemovalFields, e: &mut Effect) -> f64 {
        let (eb, ea) = (self.before_pct(spec), self.efficiency_after_pct);
        let op = OPERATING_RATE.or_default(self.operating_rate);
        warn_efficiency(e, &spec.after, ea);
        ea / 100.0 * op - eb / 100.0
    }

    /// Records [`Removal::net`]'s inputs in a trail step, with its part of the substituted
    /// expression, `(90% × 1 − 0%)`.
    pub fn record(&self, step: Step, spec: &'static RemovalFields) -> (Step, String) {
        let (eb, ea) = (self.before_pct(spec), self.efficiency_after_pct);
        let op = OPERATING_RATE.or_default(self.operating_rate);
        let step = step
            .input("η₂", &spec.after, ea)
            .input("f", &OPERATING_RATE, op)
            .input("η₁", &spec.before, eb);
        let text = format!("({}% × {} − {}%)", Num(ea), Num(op), Num(eb));
        (step, text)
    }
}
