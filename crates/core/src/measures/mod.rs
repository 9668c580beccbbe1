//! The measure types: one module each, every one declaring its fields once (`FIELDS`), decoding
//! and checking them against that declaration, and computing its full-year effect with a trail.

use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, FactorUse, Factors};
use crate::field::FieldSpec;
use crate::key::{Amounts, Key};
use crate::lang::Label;
use crate::measure_type::MeasureType;
use crate::settings::{Category, KeyCategory, Settings};
use crate::trail::{Input, Stage, TrailEntry, Warning, WarningKind};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;

pub mod boiler_phaseout;
pub mod capacity_phaseout;
mod coal;
pub mod denitrification;
pub mod desulfurization;
pub mod energy_saving;
pub mod flue_gas;
pub mod fuel_switch;
pub mod gas;
pub mod leachate;
pub mod livestock;
pub mod measured;
pub mod reclaimed_water;
pub mod rural_sewage;
pub mod vocs_ldar;
pub mod vocs_oil_vapour;
pub mod vocs_substitution;
pub mod vocs_treatment;
pub mod wastewater;

pub use boiler_phaseout::BoilerPhaseout;
pub use capacity_phaseout::CapacityPhaseout;
pub use coal::Removal;
pub use denitrification::Denitrification;
pub use desulfurization::Desulfurization;
pub use energy_saving::EnergySaving;
pub use flue_gas::FlueGas;
pub use fuel_switch::FuelSwitch;
pub use leachate::Leachate;
pub use livestock::Livestock;
pub use measured::Measured;
pub use reclaimed_water::ReclaimedWater;
pub use rural_sewage::RuralSewage;
pub use vocs_ldar::VocsLdar;
pub use vocs_oil_vapour::VocsOilVapour;
pub use vocs_substitution::VocsSubstitution;
pub use vocs_treatment::VocsTreatment;
pub use wastewater::Wastewater;

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
    VocsTreatment(VocsTreatment),
    VocsLdar(VocsLdar),
    VocsOilVapour(VocsOilVapour),
    ReclaimedWater(ReclaimedWater),
    RuralSewage(RuralSewage),
    Leachate(Leachate),
    VocsSubstitution(VocsSubstitution),
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
            Measure::VocsTreatment($m) => $body,
            Measure::VocsLdar($m) => $body,
            Measure::VocsOilVapour($m) => $body,
            Measure::ReclaimedWater($m) => $body,
            Measure::RuralSewage($m) => $body,
            Measure::Leachate($m) => $body,
            Measure::VocsSubstitution($m) => $body,
        }
    };
}

impl Measure {
    /// The measure's type.
    pub fn kind(&self) -> MeasureType {
        match self {
            Measure::Wastewater(_) => MeasureType::Wastewater,
            Measure::Desulfurization(_) => MeasureType::Desulfurization,
            Measure::Denitrification(_) => MeasureType::Denitrification,
            Measure::FlueGas(_) => MeasureType::FlueGas,
            Measure::FuelSwitch(_) => MeasureType::FuelSwitch,
            Measure::BoilerPhaseout(_) => MeasureType::BoilerPhaseout,
            Measure::Livestock(_) => MeasureType::Livestock,
            Measure::CapacityPhaseout(_) => MeasureType::CapacityPhaseout,
            Measure::EnergySaving(_) => MeasureType::EnergySaving,
            Measure::Measured(_) => MeasureType::Measured,
            Measure::VocsTreatment(_) => MeasureType::VocsTreatment,
            Measure::VocsLdar(_) => MeasureType::VocsLdar,
            Measure::VocsOilVapour(_) => MeasureType::VocsOilVapour,
            Measure::ReclaimedWater(_) => MeasureType::ReclaimedWater,
            Measure::RuralSewage(_) => MeasureType::RuralSewage,
            Measure::Leachate(_) => MeasureType::Leachate,
            Measure::VocsSubstitution(_) => MeasureType::VocsSubstitution,
        }
    }

    /// The `type` tag.
    pub fn type_name(&self) -> &'static str {
        self.kind().code()
    }

    /// The accounting category a measure of this type usually falls in (docs/file-format.md §4).
    pub fn default_category(&self) -> Category {
        match self {
            Measure::Livestock(m) if m.action == livestock::Action::Closure => Category::Structural,
            _ => self.kind().usual_category(),
        }
    }

    /// The 十四五 category of this measure under the 2021 method (docs/methodology.md §2.7): its
    /// type's, except that an industrial plant's wastewater is 工业污染深度治理.
    pub fn default_key_category(&self) -> KeyCategory {
        match self {
            Measure::Wastewater(m) if m.is_industrial() => KeyCategory::IndustrialTreatment,
            _ => self.kind().key_category(),
        }
    }

    /// Reads and checks a measure: every declared field against its limits, then the rules
    /// between fields. `None` when the type is missing or unknown.
    pub(crate) fn decode(f: &mut Fields<'_>) -> Option<Measure> {
        let Some(t) = f.opt_text("type") else {
            if !f.has("type") {
                f.error("type", ErrorKind::Missing);
            }
            return None;
        };
        let Some(kind) = <MeasureType as crate::choice::Choice>::parse(&t) else {
            f.error("type", ErrorKind::UnknownMeasureType { found: t });
            return None;
        };
        Some(match kind {
            MeasureType::Wastewater => Measure::Wastewater(Wastewater::decode(f)),
            MeasureType::Desulfurization => Measure::Desulfurization(Desulfurization::decode(f)),
            MeasureType::Denitrification => Measure::Denitrification(Denitrification::decode(f)),
            MeasureType::FlueGas => Measure::FlueGas(FlueGas::decode(f)),
            MeasureType::FuelSwitch => Measure::FuelSwitch(FuelSwitch::decode(f)),
            MeasureType::BoilerPhaseout => Measure::BoilerPhaseout(BoilerPhaseout::decode(f)),
            MeasureType::Livestock => Measure::Livestock(Livestock::decode(f)),
            MeasureType::CapacityPhaseout => Measure::CapacityPhaseout(CapacityPhaseout::decode(f)),
            MeasureType::EnergySaving => Measure::EnergySaving(EnergySaving::decode(f)),
            MeasureType::Measured => Measure::Measured(Measured::decode(f)),
            MeasureType::VocsTreatment => Measure::VocsTreatment(VocsTreatment::decode(f)),
            MeasureType::VocsLdar => Measure::VocsLdar(VocsLdar::decode(f)),
            MeasureType::VocsOilVapour => Measure::VocsOilVapour(VocsOilVapour::decode(f)),
            MeasureType::ReclaimedWater => Measure::ReclaimedWater(ReclaimedWater::decode(f)),
            MeasureType::RuralSewage => Measure::RuralSewage(RuralSewage::decode(f)),
            MeasureType::Leachate => Measure::Leachate(Leachate::decode(f)),
            MeasureType::VocsSubstitution => Measure::VocsSubstitution(VocsSubstitution::decode(f)),
        })
    }

    /// The library coefficient one of the measure's choices picks (a `vocs_treatment`'s
    /// `capture_type`; a `rural_sewage`'s water use per person left blank), with that field: checked against the file's library when the file is
    /// read, since a library older than the choice lacks it.
    pub(crate) fn picked_factor(&self) -> Option<(&'static FieldSpec, FactorId)> {
        match self {
            Measure::VocsTreatment(m) => m.picked_factor(),
            Measure::RuralSewage(m) => m.picked_factor(),
            Measure::FlueGas(m) => m.picked_factor(),
            _ => None,
        }
    }

    /// Fields of the measure this version does not know (kept when saving).
    pub fn extra(&self) -> &Map<String, Value> {
        each!(self, m => &m.extra)
    }

    /// The full-year effect, with its trail. A decoded measure is a valid one.
    pub fn compute(&self, factors: &Factors<'_>, settings: &Settings) -> Effect {
        self.compute_with(factors, settings, true)
    }

    /// The full-year effect; its trail only when `trail` (the same numbers and warnings either
    /// way: without it no trail text is written, for the numbers-only report).
    pub fn compute_with(&self, factors: &Factors<'_>, settings: &Settings, trail: bool) -> Effect {
        let mut e = Effect::new(trail);
        each!(self, m => m.compute(factors, settings, &mut e));
        if self.has_unknown_fields() {
            for path in self.unknown_fields() {
                e.warn(Warning::new(
                    format!("measure.{path}"),
                    WarningKind::UnknownField,
                ));
            }
        }
        e
    }

    /// Whether [`Measure::unknown_fields`] is not empty, without building the list.
    fn has_unknown_fields(&self) -> bool {
        !self.extra().is_empty()
            || match self {
                Measure::CapacityPhaseout(m) => m.last_year.iter().any(|ly| !ly.extra.is_empty()),
                Measure::EnergySaving(m) => !m.saved.extra.is_empty(),
                Measure::Measured(m) => !m.before.extra.is_empty() || !m.after.extra.is_empty(),
                Measure::VocsSubstitution(m) => m.has_unknown_fields(),
                _ => false,
            }
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
        if let Measure::VocsSubstitution(m) = self {
            out.extend(m.unknown_fields());
        }
        out
    }
}

/// The input fields of a measure type, in form order: its module's single declaration.
pub fn fields(kind: MeasureType) -> &'static [FieldSpec] {
    match kind {
        MeasureType::Wastewater => wastewater::FIELDS,
        MeasureType::Desulfurization => desulfurization::FIELDS,
        MeasureType::Denitrification => denitrification::FIELDS,
        MeasureType::FlueGas => flue_gas::FIELDS,
        MeasureType::FuelSwitch => fuel_switch::FIELDS,
        MeasureType::BoilerPhaseout => boiler_phaseout::FIELDS,
        MeasureType::Livestock => livestock::FIELDS,
        MeasureType::CapacityPhaseout => capacity_phaseout::FIELDS,
        MeasureType::EnergySaving => energy_saving::FIELDS,
        MeasureType::Measured => measured::FIELDS,
        MeasureType::VocsTreatment => vocs_treatment::FIELDS,
        MeasureType::VocsLdar => vocs_ldar::FIELDS,
        MeasureType::VocsOilVapour => vocs_oil_vapour::FIELDS,
        MeasureType::ReclaimedWater => reclaimed_water::FIELDS,
        MeasureType::RuralSewage => rural_sewage::FIELDS,
        MeasureType::Leachate => leachate::FIELDS,
        MeasureType::VocsSubstitution => vocs_substitution::FIELDS,
    }
}

/// Annual amounts of one project or closed unit (monitored, or last year's): COD, NH₃-N, SO₂ and
/// NOₓ usually up to 5,000 t (a large plant's), never 1 million t (a province's); energy usually up
/// to 1 million tce, never 100 million (the largest enterprises use about 50 million); fresh water
/// usually up to 10 million t, never 10 billion t (docs/methodology.md §7.1).
pub(crate) const POLLUTANT_USUAL_T: f64 = 5_000.0;
pub(crate) const POLLUTANT_CEILING_T: f64 = 1.0e6;
pub(crate) const TCE_USUAL: f64 = 1.0e6;
pub(crate) const TCE_CEILING: f64 = 1.0e8;
pub(crate) const WATER_USUAL_T: f64 = 1.0e7;
pub(crate) const WATER_CEILING_T: f64 = 1.0e10;

/// Warns for each declared field whose value lies above its usual range (the quantities with a
/// ceiling, [`FieldSpec::plausible`]); a value read as absent is skipped.
pub(crate) fn warn_above_usual(e: &mut Effect, given: &[(&FieldSpec, Option<f64>)]) {
    for (spec, v) in given {
        if let Some(v) = v {
            warn_usual(e, spec, *v);
        }
    }
}

/// Warns when a declared field's value lies outside its usual range (it is still accepted).
pub(crate) fn warn_usual(e: &mut Effect, spec: &FieldSpec, v: f64) {
    if let Some((low, high)) = spec.usual {
        if !(low..=high).contains(&v) {
            e.warn(Warning::on(
                spec,
                WarningKind::Implausible {
                    value: v,
                    low,
                    high,
                },
            ));
        }
    }
}

/// What a measure computes for a full year, with its trail and warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    pub amounts: Amounts,
    /// Left empty when no trail is wanted ([`Measure::compute_with`]).
    pub trail: Vec<TrailEntry>,
    pub warnings: Vec<Warning>,
    /// Whether trail entries are built.
    keep_trail: bool,
    /// The outputs a full-year step was recorded for (bit `1 << key`), trail or not.
    stepped: u16,
}

impl Default for Effect {
    fn default() -> Self {
        Effect::new(true)
    }
}

impl Effect {
    /// An empty effect; with `keep_trail` false, [`Effect::record`] builds no entry.
    pub fn new(keep_trail: bool) -> Self {
        Effect {
            amounts: Amounts::default(),
            trail: Vec::new(),
            warnings: Vec::new(),
            keep_trail,
            stepped: 0,
        }
    }

    pub fn warn(&mut self, w: Warning) {
        self.warnings.push(w);
    }

    /// Records the full-year step of `output`. The entry (formula texts, substituted values,
    /// coefficients with their sources) is built only when a trail is wanted: the numbers-only
    /// report does the arithmetic alone.
    pub fn record(&mut self, output: Key, entry: impl FnOnce() -> TrailEntry) {
        self.stepped |= 1 << output as u16;
        if self.keep_trail {
            let entry = entry();
            debug_assert_eq!(entry.output, output, "a step records the output it names");
            self.trail.push(entry);
        }
    }

    /// Whether a full-year step of `output` was recorded (whether or not its entry was built).
    pub fn has_step(&self, output: Key) -> bool {
        self.stepped & (1 << output as u16) != 0
    }

    /// Whether trail entries are built.
    pub fn keeps_trail(&self) -> bool {
        self.keep_trail
    }
}

/// Builder of one trail entry.
pub struct Step {
    entry: TrailEntry,
}

impl Step {
    /// A step with its formula in words (zh, en) and symbols: a text of the program is borrowed
    /// (`&'static str`), one worded for the project (a `String`) kept as it is, neither copied.
    pub fn new(
        output: Key,
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
        symbols: impl Into<Cow<'static, str>>,
    ) -> Self {
        Step {
            entry: TrailEntry {
                output,
                stage: Stage::FullYear,
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

    /// Records an input from a declared field of the measure (`measure.<path>`, one text per
    /// declared field for the program's life: [`measure_path`]).
    pub fn input(mut self, symbol: &'static str, spec: &'static FieldSpec, value: f64) -> Self {
        self.entry.inputs.push(Input {
            symbol,
            field: Cow::Borrowed(measure_path(spec.path)),
            label: spec.labels(),
            value,
            unit: if spec.unit.is_empty() { "-" } else { spec.unit },
        });
        self
    }

    /// Records a derived quantity (not a project field), named in both languages.
    pub fn derived(
        mut self,
        symbol: &'static str,
        name: impl Into<Cow<'static, str>>,
        label: Label,
        value: f64,
        unit: &'static str,
    ) -> Self {
        self.entry.inputs.push(Input {
            symbol,
            field: name.into(),
            label,
            value,
            unit,
        });
        self
    }

    /// Records an input from a declared field at `field`, a path of its own (a field of one
    /// entry of a list: `measure.materials.1.usage_before_t`).
    pub fn input_at(
        mut self,
        symbol: &'static str,
        field: String,
        spec: &FieldSpec,
        value: f64,
    ) -> Self {
        self.entry.inputs.push(Input {
            symbol,
            field: Cow::Owned(field),
            label: spec.labels(),
            value,
            unit: if spec.unit.is_empty() { "-" } else { spec.unit },
        });
        self
    }

    pub fn factor(mut self, f: &FactorUse) -> Self {
        self.entry.factors.push(f.clone());
        self
    }

    /// Finishes with the substituted expression (without "= result") and the result, written
    /// onto the expression's own text.
    pub fn done(mut self, mut substituted: String, value: f64) -> TrailEntry {
        substituted.push_str(" = ");
        crate::trail::num_into(&mut substituted, value);
        self.entry.substituted = substituted;
        self.entry.value = value;
        self.entry
    }
}

/// `measure.<path>`: the trail's name of a declared field, made the first time the field is
/// cited and kept for the program's life (one per declared field, a bounded set: every path is
/// a `&'static str` of a `FieldSpec`), so that no trail input copies it.
fn measure_path(path: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::Mutex;
    // Keyed by where the path's text is (each declared field's is one static text), hashed by
    // one multiplication: std's SipHash cost more than the copy it saves.
    type Paths = HashMap<(usize, usize), &'static str, std::hash::BuildHasherDefault<AddressHash>>;
    static PATHS: Mutex<Option<Paths>> = Mutex::new(None);
    let key = (path.as_ptr() as usize, path.len());
    let Ok(mut paths) = PATHS.lock() else {
        // A poisoned lock (a panic elsewhere while it was held): the text made afresh.
        return Box::leak(["measure.", path].concat().into_boxed_str());
    };
    paths
        .get_or_insert_with(Paths::default)
        .entry(key)
        .or_insert_with(|| Box::leak(["measure.", path].concat().into_boxed_str()))
}

/// [`measure_path`]'s hash of an address and a length: a multiplication per word, the high
/// half folded into the low bits the table indexes by.
#[derive(Default)]
struct AddressHash(u64);

impl std::hash::Hasher for AddressHash {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// Looks up a coefficient the engine asks for (see [`Factors::of`]).
pub(crate) fn factor(factors: &Factors<'_>, id: FactorId) -> FactorUse {
    factors.of(id)
}

#[cfg(test)]
mod tests {
    use crate::trail::TrailEntry;
    use std::borrow::Cow;

    fn trails() -> Vec<TrailEntry> {
        let file = crate::load(crate::SAMPLE_FILE).expect("sample loads");
        let report = crate::compute(&file).expect("sample computes");
        report.projects.into_iter().flat_map(|p| p.trail).collect()
    }

    /// A trail holds the program's texts without copying them: a declared field's
    /// `measure.<path>` is one text for the program's life (two computes point at the same
    /// bytes), and a formula that is one of the program's texts is borrowed.
    #[test]
    fn trails_borrow_the_programs_texts() {
        let (first, second) = (trails(), trails());
        assert_eq!(first, second);
        let mut declared = 0;
        for (a, b) in first.iter().zip(&second) {
            for (x, y) in a.inputs.iter().zip(&b.inputs) {
                if let (Cow::Borrowed(x), Cow::Borrowed(y)) = (&x.field, &y.field) {
                    if x.starts_with("measure.") {
                        assert!(std::ptr::eq(*x, *y), "{x}: copied");
                        declared += 1;
                    }
                }
            }
        }
        assert!(declared > 10, "only {declared} declared inputs borrowed");
        // The credited step's formula (report.rs) is a text of the program.
        let credited = first
            .iter()
            .find(|t| t.stage == crate::trail::Stage::Credited)
            .expect("a credited step");
        assert!(matches!(credited.formula_zh, Cow::Borrowed(_)));
        assert!(matches!(credited.symbols, Cow::Borrowed(_)));
    }
}
