//! Pieces shared by the coal-combustion measures (desulfurization, denitrification, fuel switch,
//! boiler phase-out): the NOₓ generation factor, and the soft limits of methodology.md §7 on
//! sulfur content and efficiencies.

use super::{factor, Effect, Step};
use crate::factors::Factors;
use crate::trail::{Warning, WarningKind};

/// Hard limit of coal sulfur content, % (methodology.md §7).
pub const SULFUR_MAX_PCT: f64 = 10.0;

/// Warns when coal sulfur lies outside the usual 0.1–4 % (methodology.md §7).
pub fn warn_sulfur(e: &mut Effect, field: &str, pct: f64) {
    if !(0.1..=4.0).contains(&pct) {
        e.warn(Warning::new(
            format!("measure.{field}"),
            WarningKind::Implausible {
                value: pct,
                low: 0.1,
                high: 4.0,
            },
        ));
    }
}

/// Warns when a removal efficiency is above 99.5 % (methodology.md §7).
pub fn warn_efficiency(e: &mut Effect, field: &str, pct: f64) {
    if pct > 99.5 {
        e.warn(Warning::new(
            format!("measure.{field}"),
            WarningKind::VeryHighEfficiency { value: pct },
        ));
    }
}

/// Warns when a value lies outside its usual range (it is still accepted).
pub fn warn_value_range(e: &mut Effect, field: &str, v: f64, low: f64, high: f64) {
    if !(low..=high).contains(&v) {
        e.warn(Warning::new(
            format!("measure.{field}"),
            WarningKind::Implausible {
                value: v,
                low,
                high,
            },
        ));
    }
}

/// The NOₓ generation factor EF (kg/t of coal) for a trail step: the project's own value from
/// `field` when given, else the library's coal-boiler factor — recorded in the step either way.
pub fn nox_factor(
    step: Step,
    field: &str,
    given: Option<f64>,
    factors: &Factors<'_>,
) -> (Step, f64) {
    match given {
        Some(v) => (step.input("EF", field, v, "kg/t"), v),
        None => {
            let f = factor(factors, "nox.coal_boiler_kg_per_t");
            let v = f.value;
            (step.factor(&f), v)
        }
    }
}
