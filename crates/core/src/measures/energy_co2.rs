//! CO₂ of an energy-saving retrofit, per fuel (docs/methodology.md §6): each carrier saved times
//! its own CO₂ factor — coal products per tce, oil products per tonne, gas per m³, electricity by
//! the grid factor — and the per-tce estimate only for steam, heat and water, whose fuel is not
//! known.

use super::energy_saving::{Carrier, Co2};
use super::{factor, Effect, Step};
use crate::factors::{FactorId, FactorUse, Factors};
use crate::key::Key;
use crate::trail::num;

/// Adds the CO₂ step for the lines saved: (carrier, amount, its standard-coal factor in force).
pub(crate) fn add(factors: &Factors<'_>, lines: &[(&Carrier, f64, f64)], e: &mut Effect) {
    if lines.is_empty() || !factors.co2_per_fuel() {
        return;
    }
    let mut step = Step::new(
        Key::Co2,
        "CO₂ 减排量（估算）= Σ 各燃料节约量 × 该燃料 CO₂ 排放系数；蒸汽、热力、新水燃料未知，按 节约标煤 × 单位标煤 CO₂ 估算",
        "CO₂ reduction (estimate) = Σ each fuel saved × its CO₂ factor; steam, heat and water (fuel unknown): per-tce estimate, standard coal saved × CO₂ per tce",
        "CO₂ = Σ Qᵢ × fᵢ + Σ Qⱼ × cⱼ × f_tce",
    );
    let mut used: Vec<FactorUse> = Vec::new();
    let mut total = 0.0;
    let mut terms = Vec::new();
    for (cr, q, c) in lines {
        let (id, co2, text) = match cr.co2 {
            Co2::PerTce(id) => {
                let f = factor(factors, id).value;
                let tce = q * c * cr.to_tce;
                (
                    id,
                    tce * f,
                    format!("{} × {} × {}", num(*q), num(*c), num(f)),
                )
            }
            Co2::FuelUnknown => {
                let f = factor(factors, FactorId::Co2PerTce).value;
                let tce = q * c * cr.to_tce;
                (
                    FactorId::Co2PerTce,
                    tce * f,
                    format!("{} × {} × {}", num(*q), num(*c), num(f)),
                )
            }
            Co2::PerUnit(id, scale) => {
                let f = factor(factors, id).value;
                let text = if scale == 1.0 {
                    format!("{} × {}", num(*q), num(f))
                } else {
                    format!("{} × {} × 10⁻³", num(*q), num(f))
                };
                (id, q * f * scale, text)
            }
        };
        total += co2;
        terms.push(text);
        if !used.iter().any(|u| u.id == id.id()) {
            used.push(factor(factors, id));
        }
        step = step.input("Q", &cr.spec, *q);
    }
    for f in &used {
        step = step.factor(f);
    }
    e.trail.push(step.done(terms.join(" + "), total));
    e.amounts[Key::Co2] = total;
}
