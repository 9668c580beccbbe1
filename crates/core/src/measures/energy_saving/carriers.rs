//! The energy carriers an energy-saving retrofit saves (docs/methodology.md §4, §6): each one's
//! field under `saved`, its standard-coal factor and how its CO₂ is estimated. A leaf: it names no
//! sibling, so the measure (`super`) and its CO₂ step (`co2`) both read it.

use crate::factors::FactorId;
use crate::field::FieldSpec;
use crate::measures::{WATER_CEILING_T, WATER_USUAL_T};

/// Fuels saved by one retrofit, in tonnes a year: usually up to 1 million t; 100 million t is more
/// than any enterprise burns (docs/methodology.md §7.1).
const FUEL_USUAL_T: f64 = 1.0e6;
const FUEL_CEILING_T: f64 = 1.0e8;

/// One energy carrier: its field under `saved`, its factor, the factor's unit in the library,
/// and the scale from (amount × factor) to tce (10⁻³ where the factor is in kgce).
pub(crate) struct Carrier {
    pub spec: FieldSpec,
    pub factor: FactorId,
    /// Checked against the library by a unit test; not needed at run time.
    #[cfg_attr(not(test), allow(dead_code))]
    pub factor_unit: &'static str,
    pub to_tce: f64,
    /// How the CO₂ of the amount saved is estimated.
    pub co2: Co2,
}

/// The CO₂ factor of a carrier (docs/methodology.md §6).
#[derive(Clone, Copy)]
pub(crate) enum Co2 {
    /// A factor per tce of this carrier (coal and coal products).
    PerTce(FactorId),
    /// A factor per unit of the amount, with the scale to tonnes of CO₂.
    PerUnit(FactorId, f64),
    /// Per unit by the first factor where the library has it, else per tce by the second (coke:
    /// its own factor from 2026.12-1, the coal per-tce factor before).
    PerUnitElsePerTce(FactorId, FactorId),
    /// Natural gas: per m³ at the heating value of the gas's kind (`gas::GasCo2`).
    Gas,
    /// A secondary carrier whose fuel is not known (steam, heat, water): `co2.per_tce`.
    FuelUnknown,
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
        co2: Co2::FuelUnknown,
    }
}

impl Carrier {
    /// The same carrier with its field's usual range and ceiling ([`FieldSpec::plausible`]).
    const fn plausible(self, usual_max: f64, ceiling: f64) -> Carrier {
        Carrier {
            spec: self.spec.plausible(usual_max, ceiling),
            ..self
        }
    }

    /// The same carrier with its CO₂ factor.
    const fn co2(self, co2: Co2) -> Carrier {
        Carrier { co2, ..self }
    }
}

/// Electricity is listed with the 当量值 factor; [`EnergySaving::compute`] swaps in the 等价值
/// one when the file asks for it.
/// Kerosene comes last so that the indices (and the order in a saved file) stay as they were.
pub(crate) const CARRIERS: [Carrier; N] = [
    carrier(
        "saved.coal_t",
        "t",
        "节约原煤",
        "Raw coal saved",
        FactorId::RawCoal,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerTce(FactorId::Co2Coal)),
    carrier(
        "saved.washed_coal_t",
        "t",
        "节约洗精煤",
        "Washed coal saved",
        FactorId::WashedCoal,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerTce(FactorId::Co2Coal)),
    carrier(
        "saved.coke_t",
        "t",
        "节约焦炭",
        "Coke saved",
        FactorId::Coke,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerUnitElsePerTce(FactorId::Co2Coke, FactorId::Co2Coal)),
    carrier(
        "saved.crude_oil_t",
        "t",
        "节约原油",
        "Crude oil saved",
        FactorId::CrudeOil,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerUnit(FactorId::Co2CrudeOil, 1.0)),
    carrier(
        "saved.fuel_oil_t",
        "t",
        "节约燃料油",
        "Fuel oil saved",
        FactorId::FuelOil,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerUnit(FactorId::Co2FuelOil, 1.0)),
    carrier(
        "saved.gasoline_t",
        "t",
        "节约汽油",
        "Gasoline saved",
        FactorId::Gasoline,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerUnit(FactorId::Co2Gasoline, 1.0)),
    carrier(
        "saved.diesel_t",
        "t",
        "节约柴油",
        "Diesel saved",
        FactorId::Diesel,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerUnit(FactorId::Co2Diesel, 1.0)),
    carrier(
        "saved.lpg_t",
        "t",
        "节约液化石油气",
        "LPG saved",
        FactorId::Lpg,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerUnit(FactorId::Co2Lpg, 1.0)),
    carrier(
        "saved.natural_gas_m3",
        "m³",
        "节约天然气",
        "Natural gas saved",
        FactorId::NaturalGas,
        "kgce/m³",
        1e-3,
    )
    .plausible(1.0e8, 1.0e11)
    .co2(Co2::Gas),
    carrier(
        "saved.electricity_kwh",
        "kWh",
        "节约电力",
        "Electricity saved",
        FactorId::ElectricityEquivalent,
        "kgce/kWh",
        1e-3,
    )
    .plausible(1.0e9, 1.0e12)
    .co2(Co2::PerUnit(FactorId::Co2Grid, 1e-3)),
    carrier(
        "saved.steam_t",
        "t",
        "节约蒸汽",
        "Steam saved",
        FactorId::Steam,
        "tce/t",
        1.0,
    )
    .plausible(1.0e6, 1.0e9)
    .co2(Co2::FuelUnknown),
    carrier(
        "saved.heat_gj",
        "GJ",
        "节约热力",
        "Heat saved",
        FactorId::Heat,
        "tce/GJ",
        1.0,
    )
    .plausible(1.0e7, 1.0e10)
    .co2(Co2::FuelUnknown),
    carrier(
        "saved.water_t",
        "t",
        "节约新水",
        "Fresh water saved",
        FactorId::Water,
        "tce/t",
        1.0,
    )
    .plausible(WATER_USUAL_T, WATER_CEILING_T)
    .co2(Co2::FuelUnknown),
    carrier(
        "saved.kerosene_t",
        "t",
        "节约煤油",
        "Kerosene saved",
        FactorId::Kerosene,
        "tce/t",
        1.0,
    )
    .plausible(FUEL_USUAL_T, FUEL_CEILING_T)
    .co2(Co2::PerUnit(FactorId::Co2Kerosene, 1.0)),
];

/// The number of carriers.
pub(crate) const N: usize = 14;
