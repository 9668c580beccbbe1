//! `energy_saving`: energy-saving retrofits (节能技改), standard coal saved by GB/T 2589 conversion
//! of each energy carrier saved (docs/methodology.md §4), electricity by the file's basis; fresh
//! water saved is also reported in tonnes.

use super::gas::{self, Gas, GAS_KIND, LHV_KCAL, LHV_KJ};
use super::{factor, warn_usual, Effect, Step};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors};
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::{ElectricityBasis, Settings};
use crate::trail::{num, Num};
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{Map, Value};

mod carriers;
mod co2;

use carriers::{CARRIERS, N};

/// Index of fresh water in [`CARRIERS`]: also reported as water saved.
const WATER: usize = 12;
/// Index of electricity in [`CARRIERS`]: its factor follows the file's basis.
const ELECTRICITY: usize = 9;
/// Index of natural gas in [`CARRIERS`]: its factor follows the kind of gas.
const NATURAL_GAS: usize = 8;

const fn fields() -> [FieldSpec; N + 3] {
    let mut out = [CARRIERS[0].spec; N + 3];
    let mut i = 0;
    while i < N {
        out[i] = CARRIERS[i].spec;
        i += 1;
    }
    out[N] = GAS_KIND;
    out[N + 1] = LHV_KJ;
    out[N + 2] = LHV_KCAL;
    out
}

/// The fields, in form order: one per carrier, then the kind of the natural gas saved.
pub const FIELDS: &[FieldSpec] = &fields();

/// Annual amounts saved, one optional value per carrier, with the fields of `saved` this
/// version does not know.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    pub amounts: [Option<f64>; N],
    pub extra: Map<String, Value>,
}

impl Saved {
    /// The amount saved of the carrier at `path` (`saved.coal_t`).
    pub fn get(&self, path: &str) -> Option<f64> {
        let i = CARRIERS.iter().position(|c| c.spec.path == path)?;
        self.amounts[i]
    }
}

impl Serialize for Saved {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (c, v) in CARRIERS.iter().zip(&self.amounts) {
            if let Some(v) = v {
                m.serialize_entry(c.spec.key(), v)?;
            }
        }
        for (k, v) in &self.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EnergySaving {
    pub saved: Saved,
    /// The kind or measured heating value of the natural gas saved (default: gas-field gas).
    #[serde(flatten)]
    pub gas: Gas,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The electricity factor for a basis (`settings.electricity_basis`).
pub fn electricity_factor(basis: ElectricityBasis) -> FactorId {
    match basis {
        ElectricityBasis::Equivalent => FactorId::ElectricityEquivalent,
        ElectricityBasis::EqualValue => FactorId::ElectricityEqualValue,
    }
}

impl EnergySaving {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let mut saved = Saved::default();
        match f.opt_object("saved") {
            Some(obj) => {
                let mut sf = f.nested(obj, "saved");
                for (slot, c) in saved.amounts.iter_mut().zip(&CARRIERS) {
                    *slot = sf.num(&c.spec);
                }
                saved.extra = sf.unread();
                if CARRIERS.iter().all(|c| !obj.contains_key(c.spec.key())) {
                    f.error("saved", ErrorKind::NothingToCompute);
                }
            }
            None => {
                if !f.has("saved") {
                    f.error("saved", ErrorKind::Missing);
                }
            }
        }
        EnergySaving {
            saved,
            gas: Gas::decode(f),
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, settings: &Settings, e: &mut Effect) {
        let amounts = &self.saved.amounts;
        let electricity = electricity_factor(settings.electricity_basis());
        let id = |i: usize| {
            if i == ELECTRICITY {
                electricity
            } else {
                CARRIERS[i].factor
            }
        };
        // The standard-coal factor in force of each carrier saved (for the CO₂ step too).
        let mut values = [None; N];
        let mut gas_conversion = None;
        let mut total = 0.0;
        for (i, (cr, q)) in CARRIERS.iter().zip(amounts).enumerate() {
            let Some(q) = *q else {
                continue;
            };
            warn_usual(e, &cr.spec, q);
            let value = if i == NATURAL_GAS {
                let conv = self.gas.conversion(factors, e);
                let v = conv.value();
                gas_conversion = Some(conv);
                v
            } else {
                factors.value(id(i))
            };
            total += q * value * cr.to_tce;
            values[i] = Some(value);
        }
        e.record(Key::Tce, || {
            let mut step = Step::new(
                Key::Tce,
                "节约标煤 = Σ 各种能源节约量 × 折标系数（GB/T 2589；电力按所选当量值/等价值）",
                "Standard coal saved = Σ amount of each energy saved × its standard-coal factor (GB/T 2589; electricity on the chosen basis)",
                "ΔE = Σ Qᵢ × cᵢ",
            );
            let mut terms = Vec::new();
            for (i, (cr, q)) in CARRIERS.iter().zip(amounts).enumerate() {
                let (Some(q), Some(value)) = (*q, values[i]) else {
                    continue;
                };
                step = step.input("Q", &cr.spec, q);
                let text = match &gas_conversion {
                    Some(conv) if i == NATURAL_GAS => {
                        step = conv.record(step, factors);
                        gas::substituted(conv)
                    }
                    _ => {
                        step = step.factor(&factor(factors, id(i)));
                        num(value)
                    }
                };
                terms.push(if cr.to_tce == 1.0 {
                    format!("{} × {text}", Num(q))
                } else {
                    format!("{} × {text} × 10⁻³", Num(q))
                });
            }
            step.done(terms.join(" + "), total)
        });
        e.amounts[Key::Tce] = total;
        co2::add(factors, amounts, &values, gas_conversion.as_ref(), e);
        if let Some(w) = amounts[WATER] {
            e.record(Key::Water, || {
                Step::new(
                    Key::Water,
                    "节水量 = 节约新水量",
                    "Water saved = fresh water saved",
                    "W = Q_water",
                )
                .input("Q", &CARRIERS[WATER].spec, w)
                .done(num(w), w)
            });
            e.amounts[Key::Water] = w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factors::FactorLibrary;

    #[test]
    fn carrier_units_match_the_library() {
        let lib = FactorLibrary::builtin();
        for c in &CARRIERS {
            let f = lib.get(c.factor.id()).expect("carrier factor exists");
            assert_eq!(
                f.unit,
                c.factor_unit,
                "{}: the conversion assumes {}",
                c.factor.id(),
                c.factor_unit
            );
        }
        let eq = lib
            .get(FactorId::ElectricityEqualValue.id())
            .expect("exists");
        assert_eq!(eq.unit, "kgce/kWh");
        assert_eq!(CARRIERS[WATER].spec.path, "saved.water_t");
        assert_eq!(CARRIERS[ELECTRICITY].spec.path, "saved.electricity_kwh");
        assert_eq!(CARRIERS[NATURAL_GAS].spec.path, "saved.natural_gas_m3");
        assert_eq!(CARRIERS.len(), N);
    }
}
