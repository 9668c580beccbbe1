//! The measure types, by their `type` tag in the file (the file-format contract).

use crate::choice::{choice, Choice};
use crate::settings::{Category, KeyCategory};

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
        VocsSubstitution => "vocs_substitution",
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
            | MeasureType::Leachate
            | MeasureType::VocsSubstitution => Category::Engineering,
        }
    }

    /// The 十四五 category a measure of this type falls in under the 2021 method (docs/
    /// methodology.md §2.7; this tool's reading, a project's `key_category` says otherwise; an
    /// industrial `wastewater` is refined in `Measure::default_key_category`). Exhaustive: a new
    /// type must be given one.
    pub fn key_category(self) -> KeyCategory {
        match self {
            MeasureType::Wastewater => KeyCategory::UrbanSewage,
            MeasureType::Livestock => KeyCategory::Livestock,
            MeasureType::CapacityPhaseout => KeyCategory::StructureUpgrade,
            MeasureType::FlueGas => KeyCategory::UltraLow,
            MeasureType::Desulfurization
            | MeasureType::Denitrification
            | MeasureType::FuelSwitch
            | MeasureType::BoilerPhaseout => KeyCategory::BoilerKiln,
            MeasureType::VocsTreatment | MeasureType::VocsLdar | MeasureType::VocsOilVapour => {
                KeyCategory::VocsComprehensive
            }
            MeasureType::ReclaimedWater => KeyCategory::ReclaimedWater,
            MeasureType::RuralSewage => KeyCategory::RuralSewage,
            MeasureType::Leachate => KeyCategory::Leachate,
            MeasureType::VocsSubstitution => KeyCategory::VocsSubstitution,
            MeasureType::EnergySaving | MeasureType::Measured => KeyCategory::Other,
        }
    }
}
