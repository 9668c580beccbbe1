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
//!
//! A list field ([`FieldKind::List`], `vocs_substitution`'s `materials`) holds records; its
//! entries' fields are declared once in the list's declaration and named by numbered paths
//! (`materials.1.content_after_pct`), which [`field`] reads.

use crate::choice::Choice;
use crate::lang::Lang;
use crate::measure_type::MeasureType;

use crate::field::{item_path, FieldSpec, ListItem};
pub use crate::field::{ChoiceOption, FieldKind, Limit};

/// The input fields of a measure type in form order; empty for an unknown type tag.
pub fn fields(type_name: &str) -> &'static [FieldSpec] {
    MeasureType::parse(type_name).map_or(&[], crate::measures::fields)
}

/// One field of a measure type by its path; a field of a list's entry by its numbered path
/// (`materials.1.kind`: the declaration of `kind` in `materials`).
pub fn field(type_name: &str, path: &str) -> Option<&'static FieldSpec> {
    let all = fields(type_name);
    all.iter().find(|f| f.path == path).or_else(|| {
        let (list, _, rest) = crate::field::split_item_path(path)?;
        let list = all.iter().find(|f| f.path == list && f.is_list())?;
        list.items().iter().find(|f| f.path == rest)
    })
}

/// The list field of a measure type whose entry a numbered path lies in, with the entry's index
/// (`materials.1.kind` → the `materials` declaration, 1).
pub fn list_of(type_name: &str, path: &str) -> Option<(&'static FieldSpec, usize)> {
    let (list, i, _) = crate::field::split_item_path(path)?;
    let spec = fields(type_name)
        .iter()
        .find(|f| f.path == list && f.is_list())?;
    Some((spec, i))
}

/// The name of a choice value of one field (`none` means different things in different fields).
pub fn choice_label(type_name: &str, path: &str, value: &str, lang: Lang) -> Option<&'static str> {
    field(type_name, path)?.choice_label(value, lang)
}

/// A declared field at its place in one project's measure: a plain field at its path, a field of
/// a list's entry at its numbered path (`materials.1.kind`) with that entry.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldAt {
    /// Inside `measure`.
    pub path: String,
    pub spec: &'static FieldSpec,
    pub item: Option<ListItem>,
}

impl FieldAt {
    /// The field's label; a field of a list's entry as "原辅材料 2：材料类别".
    pub fn label(&self, lang: Lang) -> String {
        match &self.item {
            Some(item) => format!(
                "{}{}{}",
                item.text(lang),
                lang.pick("：", ": "),
                self.spec.label(lang)
            ),
            None => self.spec.label(lang).to_owned(),
        }
    }
}

/// `fields` laid out as people see them (a table's columns, a check list's rows): each plain
/// field once, each list field as `entries(list)` entries of its fields
/// (`materials.0.kind`, `materials.0.usage_before_t`, …, `materials.1.kind`, …).
pub fn laid_out(
    fields: &'static [FieldSpec],
    entries: impl Fn(&FieldSpec) -> usize,
) -> Vec<FieldAt> {
    let mut out = Vec::new();
    for f in fields {
        if !f.is_list() {
            out.push(FieldAt {
                path: f.path.to_owned(),
                spec: f,
                item: None,
            });
            continue;
        }
        for i in 0..entries(f) {
            for item in f.items() {
                out.push(FieldAt {
                    path: item_path(f.path, i, item.path),
                    spec: item,
                    item: Some(ListItem::of(f, i)),
                });
            }
        }
    }
    out
}

/// The fields of one project's measure (`measure` the object) laid out with as many entries of
/// each list as it has.
pub fn laid_out_for(type_name: &str, measure: &serde_json::Value) -> Vec<FieldAt> {
    laid_out(fields(type_name), |f| {
        measure
            .get(f.path)
            .and_then(serde_json::Value::as_array)
            .map_or(0, Vec::len)
    })
}
