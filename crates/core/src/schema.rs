//! The input fields of every measure type, for forms and docs: each measure module's single
//! declaration ([`FieldSpec`]: path, kind, unit, default, hard limit, usual range, labels),
//! looked up by type. Paths are relative to a project's `measure` object; nested fields are dotted
//! (`last_year.cod_t`, `saved.coal_t`, `before.cod_t`). Fields come in form order.
//!
//! Rules that a single field cannot express, enforced by decoding and named in its errors:
//! - a before/after pair ([`FieldSpec::paired_with`]) is given both or neither, and at least one
//!   pair is given (`wastewater`, `flue_gas`, `measured`);
//! - `flue_gas`: `flue_gas_nm3_per_h` and `hours` are required unless `coal_t` is given (the gas
//!   volume is then estimated from coal);
//! - `livestock`: at least one head count; `removal_after_pct` is 100 for a closure when blank and
//!   required for a treatment;
//! - `capacity_phaseout`, `energy_saving`: at least one field given.

use crate::choice::Choice;
use crate::lang::Lang;
use crate::measure_type::MeasureType;

use crate::field::FieldSpec;
pub use crate::field::{ChoiceOption, FieldKind, Limit};

/// The input fields of a measure type in form order; empty for an unknown type tag.
pub fn fields(type_name: &str) -> &'static [FieldSpec] {
    MeasureType::parse(type_name).map_or(&[], crate::measures::fields)
}

/// One field of a measure type by its path.
pub fn field(type_name: &str, path: &str) -> Option<&'static FieldSpec> {
    fields(type_name).iter().find(|f| f.path == path)
}

/// The name of a choice value of one field (`none` means different things in different fields).
pub fn choice_label(type_name: &str, path: &str, value: &str, lang: Lang) -> Option<&'static str> {
    field(type_name, path)?.choice_label(value, lang)
}
