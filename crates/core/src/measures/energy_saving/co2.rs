//! CO₂ of an energy-saving retrofit, per fuel (docs/methodology.md §6): each carrier saved times
//! its own CO₂ factor — coal products per tce, oil products per tonne, gas per m³, electricity by
//! the grid factor — and the per-tce estimate only for steam, heat and water, whose fuel is not
//! known.

use super::carriers::{Carrier, Co2, CARRIERS, N};
use crate::factors::{FactorId, FactorUse, Factors};
use crate::key::Key;
use crate::measures::{factor, Effect, Step};
use crate::trail::num;

/// Adds the CO₂ step for the carriers saved: each carrier's amount and its standard-coal factor
/// in force (both `Some` for a carrier saved), indexed as [`CARRIERS`].
pub(crate) fn add(
    factors: &Factors<'_>,
    amounts: &[Option<f64>; N],
    values: &[Option<f64>; N],
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
        .map(|(cr, q, c)| line(factors, cr, q, c).1)
        .fold(0.0, |sum, co2| sum + co2);
    e.record(Key::Co2, || {
        let mut step = Step::new(
            Key::Co2,
            "CO₂ 减排量（估算）= Σ 各燃料节约量 × 该燃料 CO₂ 排放系数；蒸汽、热力、新水燃料未知，按 节约标煤 × 单位标煤 CO₂ 估算",
            "CO₂ reduction (estimate) = Σ each fuel saved × its CO₂ factor; steam, heat and water (fuel unknown): per-tce estimate, standard coal saved × CO₂ per tce",
            "CO₂ = Σ Qᵢ × fᵢ + Σ Qⱼ × cⱼ × f_tce",
        );
        let mut used: Vec<FactorUse> = Vec::new();
        let mut terms = Vec::new();
        for (cr, q, c) in lines() {
            let (id, _) = line(factors, cr, q, c);
            let f = factors.value(id);
            terms.push(match cr.co2 {
                Co2::PerTce(_) | Co2::FuelUnknown => {
                    format!("{} × {} × {}", num(q), num(c), num(f))
                }
                Co2::PerUnit(_, scale) => {
                    if scale == 1.0 {
                        format!("{} × {}", num(q), num(f))
                    } else {
                        format!("{} × {} × 10⁻³", num(q), num(f))
                    }
                }
            });
            if !used.iter().any(|u| u.id == id.id()) {
                used.push(factor(factors, id));
            }
            step = step.input("Q", &cr.spec, q);
        }
        for f in &used {
            step = step.factor(f);
        }
        step.done(terms.join(" + "), total)
    });
    e.amounts[Key::Co2] = total;
}

/// One carrier's CO₂ factor and CO₂, t: amount `q` with standard-coal factor `c` in force.
fn line(factors: &Factors<'_>, cr: &Carrier, q: f64, c: f64) -> (FactorId, f64) {
    match cr.co2 {
        Co2::PerTce(id) => (id, q * c * cr.to_tce * factors.value(id)),
        Co2::FuelUnknown => (
            FactorId::Co2PerTce,
            q * c * cr.to_tce * factors.value(FactorId::Co2PerTce),
        ),
        Co2::PerUnit(id, scale) => (id, q * factors.value(id) * scale),
    }
}
