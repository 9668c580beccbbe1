//! The measure types, by their `type` tag in the file (the file-format contract).

use crate::choice::{choice, Choice};
use crate::settings::Category;

choice! {
    /// A measure type; its fields, formula and trail live in `measures::<type>`.
    pub enum MeasureType {
        Wastewater => "wastewater",
        Desulfurization => "desulfurization",
        Denitrification => "denitrification",
        FlueGas => "flue_gas",
        FuelSwitch => "fuel_switch",
        BoilerPhaseout => "boiler_phaseout",
        Livestock => "livestock",
        CapacityPhaseout => "capacity_phaseout",
        EnergySaving => "energy_saving",
        Measured => "measured",
        VocsTreatment => "vocs_treatment",
        VocsLdar => "vocs_ldar",
        VocsOilVapour => "vocs_oil_vapour",
        ReclaimedWater => "reclaimed_water",
        RuralSewage => "rural_sewage",
        Leachate => "leachate",
    }
}

impl MeasureType {
    /// Every type, in form order.
    pub const ALL: &'static [MeasureType] = <MeasureType as Choice>::VALUES;

    /// The `type` tag.
    pub fn code(self) -> &'static str {
        self.name()
    }

    /// The category a measure of this type usually falls in (a livestock closure is structural:
    /// see `Measure::default_category`).
    pub fn usual_category(self) -> Category {
        match self {
            MeasureType::BoilerPhaseout | MeasureType::CapacityPhaseout => Category::Structural,
            MeasureType::Wastewater
            | MeasureType::Desulfurization
            | MeasureType::Denitrification
            | MeasureType::FlueGas
            | MeasureType::FuelSwitch
            | MeasureType::Livestock
            | MeasureType::EnergySaving
            | MeasureType::Measured
            | MeasureType::VocsTreatment
            | MeasureType::VocsLdar
            | MeasureType::VocsOilVapour
            | MeasureType::ReclaimedWater
            | MeasureType::RuralSewage
            | MeasureType::Leachate => Category::Engineering,
        }
    }
}
