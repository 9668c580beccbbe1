//! The measure types (design.md §2): one module each, every one decoding its fields, checking
//! its hard limits and computing its full-year effect with a trail.

use crate::decode::Fields;
use crate::error::{Error, ErrorKind};
use crate::factors::{FactorUse, Factors};
use crate::file::{Category, Settings};
use crate::report::Amounts;
use crate::trail::{Input, TrailEntry, Warning, WarningKind};
use serde::Serialize;
use serde_json::{Map, Value};

pub mod boiler_phaseout;
pub mod capacity_phaseout;
mod coal;
pub mod denitrification;
pub mod desulfurization;
pub mod emissions;
pub mod energy_saving;
pub mod flue_gas;
pub mod fuel_switch;
pub mod livestock;
pub mod measured;
pub mod wastewater;

pub use boiler_phaseout::BoilerPhaseout;
pub use capacity_phaseout::CapacityPhaseout;
pub use denitrification::Denitrification;
pub use desulfurization::Desulfurization;
pub use emissions::Emissions;
pub use energy_saving::EnergySaving;
pub use flue_gas::FlueGas;
pub use fuel_switch::FuelSwitch;
pub use livestock::Livestock;
pub use measured::Measured;
pub use wastewater::Wastewater;

/// Every `type` tag of the file format, in the order of design.md §2.
pub const TYPES: [&str; 10] = [
    "wastewater",
    "desulfurization",
    "denitrification",
    "flue_gas",
    "fuel_switch",
    "boiler_phaseout",
    "livestock",
    "capacity_phaseout",
    "energy_saving",
    "measured",
];

/// One project's measure, tagged by `type` in the file.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Measure {
    Wastewater(Wastewater),
    Desulfurization(Desulfurization),
    Denitrification(Denitrification),
    FlueGas(FlueGas),
    FuelSwitch(FuelSwitch),
    BoilerPhaseout(BoilerPhaseout),
    Livestock(Livestock),
    CapacityPhaseout(CapacityPhaseout),
    EnergySaving(EnergySaving),
    Measured(Measured),
}

/// Dispatches one expression over every variant, binding the inner measure to `$m`.
macro_rules! each {
    ($self:expr, $m:ident => $body:expr) => {
        match $self {
            Measure::Wastewater($m) => $body,
            Measure::Desulfurization($m) => $body,
            Measure::Denitrification($m) => $body,
            Measure::FlueGas($m) => $body,
            Measure::FuelSwitch($m) => $body,
            Measure::BoilerPhaseout($m) => $body,
            Measure::Livestock($m) => $body,
            Measure::CapacityPhaseout($m) => $body,
            Measure::EnergySaving($m) => $body,
            Measure::Measured($m) => $body,
        }
    };
}

impl Measure {
    /// The `type` tag.
    pub fn type_name(&self) -> &'static str {
        match self {
            Measure::Wastewater(_) => "wastewater",
            Measure::Desulfurization(_) => "desulfurization",
            Measure::Denitrification(_) => "denitrification",
            Measure::FlueGas(_) => "flue_gas",
            Measure::FuelSwitch(_) => "fuel_switch",
            Measure::BoilerPhaseout(_) => "boiler_phaseout",
            Measure::Livestock(_) => "livestock",
            Measure::CapacityPhaseout(_) => "capacity_phaseout",
            Measure::EnergySaving(_) => "energy_saving",
            Measure::Measured(_) => "measured",
        }
    }

    /// The accounting category a measure of this type usually falls in (design.md §2).
    pub fn default_category(&self) -> Category {
        match self {
            Measure::BoilerPhaseout(_) | Measure::CapacityPhaseout(_) => Category::Structural,
            Measure::Livestock(m) if m.action == livestock::Action::Closure => Category::Structural,
            _ => Category::Engineering,
        }
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Option<Measure> {
        let Some(t) = f.opt_text("type") else {
            f.error("type", ErrorKind::Missing);
            return None;
        };
        Some(match t.as_str() {
            "wastewater" => Measure::Wastewater(Wastewater::decode(f)),
            "desulfurization" => Measure::Desulfurization(Desulfurization::decode(f)),
            "denitrification" => Measure::Denitrification(Denitrification::decode(f)),
            "flue_gas" => Measure::FlueGas(FlueGas::decode(f)),
            "fuel_switch" => Measure::FuelSwitch(FuelSwitch::decode(f)),
            "boiler_phaseout" => Measure::BoilerPhaseout(BoilerPhaseout::decode(f)),
            "livestock" => Measure::Livestock(Livestock::decode(f)),
            "capacity_phaseout" => Measure::CapacityPhaseout(CapacityPhaseout::decode(f)),
            "energy_saving" => Measure::EnergySaving(EnergySaving::decode(f)),
            "measured" => Measure::Measured(Measured::decode(f)),
            _ => {
                f.error("type", ErrorKind::UnknownMeasureType { found: t });
                return None;
            }
        })
    }

    /// Hard limits of the measure's fields (methodology.md §7).
    pub fn validate(&self, project: &str, errors: &mut Vec<Error>) {
        let mut c = Check { project, errors };
        each!(self, m => m.validate(&mut c))
    }

    /// Fields of the measure this version does not know (kept when saving).
    pub fn extra(&self) -> &Map<String, Value> {
        each!(self, m => &m.extra)
    }

    /// The full-year effect. Inputs are assumed validated.
    pub fn compute(&self, factors: &Factors<'_>, settings: &Settings) -> Effect {
        let mut e = Effect::default();
        each!(self, m => m.compute(factors, settings, &mut e));
        for path in self.unknown_fields() {
            e.warn(Warning::new(
                format!("measure.{path}"),
                WarningKind::UnknownField,
            ));
        }
        e
    }

    /// Paths inside `measure` of the fields this version does not know, nested objects
    /// (`last_year`, `saved`, `before`, `after`) included: `saved.electricty_kwh`.
    pub fn unknown_fields(&self) -> Vec<String> {
        let mut out: Vec<String> = self.extra().keys().cloned().collect();
        let nested: Vec<(&str, &Map<String, Value>)> = match self {
            Measure::CapacityPhaseout(m) => m
                .last_year
                .iter()
                .map(|ly| ("last_year", &ly.extra))
                .collect(),
            Measure::EnergySaving(m) => vec![("saved", &m.saved.extra)],
            Measure::Measured(m) => vec![("before", &m.before.extra), ("after", &m.after.extra)],
            _ => Vec::new(),
        };
        for (prefix, extra) in nested {
            out.extend(extra.keys().map(|k| format!("{prefix}.{k}")));
        }
        out
    }
}

/// Hard-limit checks on a measure's fields, recording errors with project and field.
pub struct Check<'a> {
    project: &'a str,
    errors: &'a mut Vec<Error>,
}

impl Check<'_> {
    pub fn fail(&mut self, field: &str, kind: ErrorKind) {
        self.errors.push(Error::new(
            Some(self.project),
            Some(format!("measure.{field}")),
            kind,
        ));
    }

    /// Finite and ≥ 0. Returns whether the value passed.
    pub fn quantity(&mut self, field: &str, v: f64) -> bool {
        if !v.is_finite() {
            self.fail(field, ErrorKind::NotFinite);
            false
        } else if v < 0.0 {
            self.fail(field, ErrorKind::Negative { value: v });
            false
        } else {
            true
        }
    }

    pub fn opt_quantity(&mut self, field: &str, v: Option<f64>) -> bool {
        v.is_none_or(|v| self.quantity(field, v))
    }

    /// A percentage, 0–100.
    pub fn percent(&mut self, field: &str, v: f64) -> bool {
        if !v.is_finite() {
            self.fail(field, ErrorKind::NotFinite);
            false
        } else if !(0.0..=100.0).contains(&v) {
            self.fail(field, ErrorKind::Percent { value: v });
            false
        } else {
            true
        }
    }

    pub fn opt_percent(&mut self, field: &str, v: Option<f64>) -> bool {
        v.is_none_or(|v| self.percent(field, v))
    }

    /// A value within [min, max].
    pub fn range(&mut self, field: &str, v: f64, min: f64, max: f64) -> bool {
        if !v.is_finite() {
            self.fail(field, ErrorKind::NotFinite);
            false
        } else if v < 0.0 && min >= 0.0 {
            self.fail(field, ErrorKind::Negative { value: v });
            false
        } else if !(min..=max).contains(&v) {
            self.fail(field, ErrorKind::OutOfRange { value: v, min, max });
            false
        } else {
            true
        }
    }

    pub fn opt_range(&mut self, field: &str, v: Option<f64>, min: f64, max: f64) -> bool {
        v.is_none_or(|v| self.range(field, v, min, max))
    }

    /// A value that must be finite and above zero (it divides).
    pub fn positive(&mut self, field: &str, v: f64) -> bool {
        if !v.is_finite() {
            self.fail(field, ErrorKind::NotFinite);
            false
        } else if v <= 0.0 {
            self.fail(field, ErrorKind::NotPositive { value: v });
            false
        } else {
            true
        }
    }

    /// A value required by this measure's other inputs but absent.
    pub fn required(&mut self, field: &str, v: Option<f64>) -> Option<f64> {
        if v.is_none() {
            self.fail(field, ErrorKind::Missing);
        }
        v
    }

    /// An efficiency `after` may not be below `before` (both already checked on their own).
    pub fn not_below(&mut self, after_field: &str, after: f64, before_field: &str, before: f64) {
        if after < before {
            self.fail(
                after_field,
                ErrorKind::AfterBelowBefore {
                    before_field: format!("measure.{before_field}"),
                    before,
                    after,
                },
            );
        }
    }

    /// `after` may not exceed `before` (both already checked on their own).
    pub fn not_above(&mut self, after_field: &str, after: f64, before_field: &str, before: f64) {
        if after > before {
            self.fail(
                after_field,
                ErrorKind::AfterAboveBefore {
                    before_field: format!("measure.{before_field}"),
                    before,
                    after,
                },
            );
        }
    }
}

/// What a measure computes for a full year, with its trail and warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effect {
    pub amounts: Amounts,
    pub trail: Vec<TrailEntry>,
    pub warnings: Vec<Warning>,
}

impl Effect {
    pub fn warn(&mut self, w: Warning) {
        self.warnings.push(w);
    }
}

/// Builder of one trail entry.
pub struct Step {
    entry: TrailEntry,
}

impl Step {
    pub fn new(output: &'static str, zh: &str, en: &str, symbols: &str) -> Self {
        Step {
            entry: TrailEntry {
                output,
                value: 0.0,
                formula_zh: zh.into(),
                formula_en: en.into(),
                symbols: symbols.into(),
                substituted: String::new(),
                inputs: Vec::new(),
                factors: Vec::new(),
            },
        }
    }

    /// Records an input from a project field (`measure.<field>`).
    pub fn input(
        mut self,
        symbol: &'static str,
        field: &str,
        value: f64,
        unit: &'static str,
    ) -> Self {
        self.entry.inputs.push(Input {
            symbol,
            field: format!("measure.{field}"),
            value,
            unit,
        });
        self
    }

    /// Records a derived or default quantity (not a project field).
    pub fn derived(
        mut self,
        symbol: &'static str,
        name: &str,
        value: f64,
        unit: &'static str,
    ) -> Self {
        self.entry.inputs.push(Input {
            symbol,
            field: name.into(),
            value,
            unit,
        });
        self
    }

    pub fn factor(mut self, f: &FactorUse) -> Self {
        self.entry.factors.push(f.clone());
        self
    }

    /// Finishes with the substituted expression (without "= result") and the result.
    pub fn done(mut self, substituted: String, value: f64) -> TrailEntry {
        self.entry.substituted = format!("{substituted} = {}", crate::trail::num(value));
        self.entry.value = value;
        self.entry
    }
}

/// Looks up a factor the engine itself asks for. Every such id is in the built-in library (the
/// `every_engine_factor_exists` test), so the fallback is never taken in a tested build; it
/// yields NaN, which the finite-result check turns into an error rather than a panic.
pub(crate) fn factor(factors: &Factors<'_>, id: &str) -> FactorUse {
    #[cfg(test)]
    tests::ASKED.with(|a| a.borrow_mut().insert(id.to_owned()));
    factors.get(id).unwrap_or_else(|| FactorUse {
        id: id.into(),
        value: f64::NAN,
        unit: String::new(),
        source: String::new(),
        status: crate::factors::Status::Unverified,
        edition: String::new(),
        default_value: None,
        override_note: None,
    })
}

#[cfg(test)]
mod tests;
