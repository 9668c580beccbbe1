//! Pieces shared by the coal-combustion measures (desulfurization, denitrification, fuel switch,
//! boiler phase-out): the sulfur-content field, the NOₓ generation factor and the soft limit on
//! efficiencies of docs/methodology.md §7.

use super::{factor, Effect, Step};
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::trail::{Warning, WarningKind};

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
    FieldSpec::number(path, "kg/t", zh, en)
}

/// Warns when a removal efficiency is above 99.5 % (docs/methodology.md §7).
pub fn warn_efficiency(e: &mut Effect, spec: &FieldSpec, pct: f64) {
    if pct > 99.5 {
        e.warn(Warning::on(
            spec,
            WarningKind::VeryHighEfficiency { value: pct },
        ));
    }
}

/// The NOₓ generation factor EF (kg/t of coal) for a trail step: the project's own value from
/// `spec` when given, else the library's coal-boiler factor — recorded in the step either way.
pub fn nox_factor(
    step: Step,
    spec: &FieldSpec,
    given: Option<f64>,
    factors: &Factors<'_>,
) -> (Step, f64) {
    match given {
        Some(v) => (step.input("EF", spec, v), v),
        None => {
            let f = factor(factors, FactorId::NoxCoalBoiler);
            let v = f.value;
            (step.factor(&f), v)
        }
    }
}
