//! CO₂ of an energy-saving retrofit, per fuel (docs/methodology.md §6): each carrier saved times
//! its own CO₂ factor — coal products per tce (coke per tonne from library 2026.12-1), oil
//! products per tonne, gas per m³ at its kind's heating value, electricity by the grid factor of
//! the file's basis and year — and the per-tce estimate only for steam, heat and water, whose
//! fuel is not known.

use super::carriers::{Carrier, Co2, CARRIERS, N};
use crate::factors::{FactorId, FactorUse, Factors};
use crate::key::Key;
use crate::measures::gas::{Conversion, GasCo2};
use crate::measures::{factor, Effect, Step};
use crate::trail::{num, Num};

/// How one carrier's CO₂ is worked out: per tce of the carrier, per unit (with the scale to
/// tonnes), or gas at its kind's heating value.
enum Line {
    PerTce(FactorId),
    PerUnit(FactorId, f64),
    Gas(GasCo2),
}

/// Adds the CO₂ step for the carriers saved: each carrier's amount and its standard-coal factor
/// in force (both `Some` for a carrier saved), indexed as [`CARRIERS`]; `gas` the natural gas's
/// conversion when gas is saved.
pub(crate) fn add(
    factors: &Factors<'_>,
    amounts: &[Option<f64>; N],
    values: &[Option<f64>; N],
    gas: Option<&Conversion>,
    e: &mut Effect,
) {
    let lines = || {
        CARRIERS
            .iter()
            .zip(amounts.iter().zip(values))
            .filter_map(|(cr, (q, c))| Some((cr, (*q)?, (*c)?)))
    };
    if lines().next().is_none() || !factors.co2_per_fuel() {
        return;
    }
    let total: f64 = lines()
        .map(|(cr, q, c)| co2(factors, cr, &line(factors, cr, gas), q, c))
        .fold(0.0, |sum, co2| sum + co2);
    e.record(Key::Co2, || {
        let mut step = Step::new(
            Key::Co2,
            "CO₂ 减排量（估算）= Σ 各燃料节约量 × 该燃料 CO₂ 排放系数；蒸汽、热力、新水燃料未知，按 节约标煤 × 单位标煤 CO₂ 估算",
            "CO₂ reduction (estimate) = Σ each fuel saved × its CO₂ factor; steam, heat and water (fuel unknown): per-tce estimate, standard coal saved × CO₂ per tce",
            "CO₂ = Σ Qᵢ × fᵢ + Σ Qⱼ × cⱼ × f_tce",
        );
        let mut used: Vec<FactorUse> = Vec::new();
        let mut measured_gas = None;
        let mut terms = Vec::new();
        for (cr, q, c) in lines() {
            let (id, term) = match line(factors, cr, gas) {
                Line::PerTce(id) => (
                    id,
                    format!("{} × {} × {}", Num(q), Num(c), Num(factors.value(id))),
                ),
                Line::PerUnit(id, scale) => (id, per_unit(q, &num(factors.value(id)), scale)),
                Line::Gas(g) => {
                    let term = per_unit(q, &g.substituted(), 1e-3);
                    let id = g.id;
                    measured_gas = Some(g);
                    (id, term)
                }
            };
            terms.push(term);
            if !used.iter().any(|u| u.id == id.id()) {
                used.push(factor(factors, id));
            }
            step = step.input("Q", &cr.spec, q);
        }
        for f in &used {
            step = step.factor(f);
        }
        if let Some(g) = measured_gas {
            step = g.record_derived(step);
        }
        step.done(terms.join(" + "), total)
    });
    e.amounts[Key::Co2] = total;
}

/// `q × f` or `q × f × 10⁻³` as substituted.
fn per_unit(q: f64, f: &str, scale: f64) -> String {
    if scale == 1.0 {
        format!("{} × {f}", Num(q))
    } else {
        format!("{} × {f} × 10⁻³", Num(q))
    }
}

/// One carrier's way to CO₂ under `factors`' library.
fn line(factors: &Factors<'_>, cr: &Carrier, gas: Option<&Conversion>) -> Line {
    match cr.co2 {
        Co2::PerTce(id) => Line::PerTce(id),
        Co2::FuelUnknown => Line::PerTce(FactorId::Co2PerTce),
        Co2::PerUnit(id, scale) => Line::PerUnit(id, scale),
        Co2::PerUnitElsePerTce(id, _) if factors.has(id) => Line::PerUnit(id, 1.0),
        Co2::PerUnitElsePerTce(_, per_tce) => Line::PerTce(per_tce),
        Co2::Gas => match gas {
            Some(conv) => Line::Gas(GasCo2::of(factors, conv)),
            // Gas saved always has its conversion; were it missing, the single gas factor.
            None => Line::PerUnit(FactorId::Co2NaturalGas, 1e-3),
        },
    }
}

/// One carrier's CO₂, t: amount `q` with standard-coal factor `c` in force.
fn co2(factors: &Factors<'_>, cr: &Carrier, l: &Line, q: f64, c: f64) -> f64 {
    match l {
        Line::PerTce(id) => q * c * cr.to_tce * factors.value(*id),
        Line::PerUnit(id, scale) => q * factors.value(*id) * scale,
        Line::Gas(g) => q * g.kg_per_m3 * 1e-3,
    }
}
