//! `energy_saving`: energy-saving retrofits (节能技改), standard coal saved by GB/T 2589 conversion
//! of each energy carrier saved (docs/methodology.md §4), electricity by the file's basis; fresh
//! water saved is also reported in tonnes.

use super::{factor, Effect, Step};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors};
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::{ElectricityBasis, Settings};
use crate::trail::num;
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{Map, Value};

/// One energy carrier: its field under `saved`, its factor, the factor's unit in the library,
/// and the scale from (amount × factor) to tce (10⁻³ where the factor is in kgce).
pub(crate) struct Carrier {
    pub spec: FieldSpec,
    pub factor: FactorId,
    /// Checked against the library by a unit test; not needed at run time.
    #[cfg_attr(not(test), allow(dead_code))]
    pub factor_unit: &'static str,
    pub to_tce: f64,
}

const fn carrier(
    path: &'static str,
    unit: &'static str,
    zh: &'static str,
    en: &'static str,
    factor: FactorId,
    factor_unit: &'static str,
    to_tce: f64,
) -> Carrier {
    Carrier {
        spec: FieldSpec::number(path, unit, zh, en),
        factor,
        factor_unit,
        to_tce,
    }
}

/// Electricity is listed with the 当量值 factor; [`EnergySaving::compute`] swaps in the 等价值
/// one when the file asks for it.
pub(crate) const CARRIERS: [Carrier; 13] = [
    carrier(
        "saved.coal_t",
        "t",
        "节约原煤",
        "Raw coal saved",
        FactorId::RawCoal,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.washed_coal_t",
        "t",
        "节约洗精煤",
        "Washed coal saved",
        FactorId::WashedCoal,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.coke_t",
        "t",
        "节约焦炭",
        "Coke saved",
        FactorId::Coke,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.crude_oil_t",
        "t",
        "节约原油",
        "Crude oil saved",
        FactorId::CrudeOil,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.fuel_oil_t",
        "t",
        "节约燃料油",
        "Fuel oil saved",
        FactorId::FuelOil,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.gasoline_t",
        "t",
        "节约汽油",
        "Gasoline saved",
        FactorId::Gasoline,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.diesel_t",
        "t",
        "节约柴油",
        "Diesel saved",
        FactorId::Diesel,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.lpg_t",
        "t",
        "节约液化石油气",
        "LPG saved",
        FactorId::Lpg,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.natural_gas_m3",
        "m³",
        "节约天然气",
        "Natural gas saved",
        FactorId::NaturalGas,
        "kgce/m³",
        1e-3,
    ),
    carrier(
        "saved.electricity_kwh",
        "kWh",
        "节约电力",
        "Electricity saved",
        FactorId::ElectricityEquivalent,
        "kgce/kWh",
        1e-3,
    ),
    carrier(
        "saved.steam_t",
        "t",
        "节约蒸汽",
        "Steam saved",
        FactorId::Steam,
        "tce/t",
        1.0,
    ),
    carrier(
        "saved.heat_gj",
        "GJ",
        "节约热力",
        "Heat saved",
        FactorId::Heat,
        "tce/GJ",
        1.0,
    ),
    carrier(
        "saved.water_t",
        "t",
        "节约新水",
        "Fresh water saved",
        FactorId::Water,
        "tce/t",
        1.0,
    ),
];

/// Index of fresh water in [`CARRIERS`]: also reported as water saved.
const WATER: usize = 12;
/// Index of electricity in [`CARRIERS`]: its factor follows the file's basis.
const ELECTRICITY: usize = 9;

const fn fields() -> [FieldSpec; 13] {
    let mut out = [CARRIERS[0].spec; 13];
    let mut i = 0;
    while i < 13 {
        out[i] = CARRIERS[i].spec;
        i += 1;
    }
    out
}

/// The fields, in form order: one per carrier.
pub const FIELDS: &[FieldSpec] = &fields();

/// Annual amounts saved, one optional value per carrier, with the fields of `saved` this
/// version does not know.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    pub amounts: [Option<f64>; 13],
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
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, settings: &Settings, e: &mut Effect) {
        let mut step = Step::new(
            Key::Tce,
            "节约标煤 = Σ 各种能源节约量 × 折标系数（GB/T 2589；电力按所选当量值/等价值）",
            "Standard coal saved = Σ amount of each energy saved × its standard-coal factor (GB/T 2589; electricity on the chosen basis)",
            "ΔE = Σ Qᵢ × cᵢ",
        );
        let mut total = 0.0;
        let mut terms = Vec::new();
        for (i, (cr, q)) in CARRIERS.iter().zip(&self.saved.amounts).enumerate() {
            let Some(q) = *q else {
                continue;
            };
            let id = if i == ELECTRICITY {
                electricity_factor(settings.electricity_basis())
            } else {
                cr.factor
            };
            let f = factor(factors, id);
            total += q * f.value * cr.to_tce;
            terms.push(if cr.to_tce == 1.0 {
                format!("{} × {}", num(q), num(f.value))
            } else {
                format!("{} × {} × 10⁻³", num(q), num(f.value))
            });
            step = step.input("Q", &cr.spec, q).factor(&f);
        }
        e.trail.push(step.done(terms.join(" + "), total));
        e.amounts[Key::Tce] = total;
        if let Some(w) = self.saved.amounts[WATER] {
            e.trail.push(
                Step::new(
                    Key::Water,
                    "节水量 = 节约新水量",
                    "Water saved = fresh water saved",
                    "W = Q_water",
                )
                .input("Q", &CARRIERS[WATER].spec, w)
                .done(num(w), w),
            );
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
    }
}
