//! The declaration of one input field of a measure: path, kind, unit, default, hard limits,
//! usual range and labels. Each measure module declares its fields once with these; its decoder,
//! its defaults, its validation, its warnings and the app's form all read that declaration.

use crate::lang::{Label, Lang};

/// One value of a choice field, with its names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChoiceOption {
    pub value: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

impl ChoiceOption {
    pub const fn new(value: &'static str, label_zh: &'static str, label_en: &'static str) -> Self {
        ChoiceOption {
            value,
            label_zh,
            label_en,
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh, self.label_en)
    }
}

/// What kind of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// A real number (JSON number).
    Number,
    /// A whole number ≥ 0 (heads, units, enterprises).
    Count,
    /// One of a fixed list of text values.
    Choice(&'static [ChoiceOption]),
    /// `true` or `false`.
    Bool,
    /// A list of records (`materials`), each a JSON object whose fields are these declarations
    /// (paths relative to the entry). The field's own label names one entry ("原辅材料 2");
    /// `required` means at least one entry. Paths inside it are numbered from 0:
    /// `materials.1.content_after_pct`.
    List(&'static [FieldSpec]),
}

/// The hard limit of a number: a value outside it is an error, never computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    /// Finite and ≥ 0 (a quantity).
    Quantity,
    /// Finite and above zero (it divides).
    Positive,
    /// A percentage, 0–100.
    Percent,
    /// A percentage above zero, (0, 100] (an efficiency that divides).
    PositivePercent,
    /// Within [min, max].
    Range(f64, f64),
}

/// One input field of a measure type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldSpec {
    /// Path inside `measure`: `flow_m3_per_day`, or nested `last_year.cod_t`.
    pub path: &'static str,
    pub kind: FieldKind,
    /// Unit symbol (`m³/d`, `%`, `mg/L`, `t`); empty for rates, counts, choices and flags.
    pub unit: &'static str,
    /// Missing is an error on its own (not only through a pair or an "at least one" rule).
    pub required: bool,
    /// The number the engine uses when the field is blank; `None` when there is none, when it
    /// comes from the factor library, or when it depends on another field.
    pub default: Option<f64>,
    /// The choice value the engine uses when a choice field is blank.
    pub default_choice: Option<&'static str>,
    /// The other half of a before/after pair: give both or neither.
    pub paired_with: Option<&'static str>,
    /// Hard limit of a number (errors).
    pub limit: Limit,
    /// The usual range of a number: outside it the value is accepted with a warning.
    pub usual: Option<(f64, f64)>,
    /// A ceiling no real project reaches, for a quantity with no upper hard limit: above it the
    /// value is an error naming the field (docs/methodology.md §7.1). `None` where the
    /// hard limit already bounds the value (percentages, ranges) and for choices and flags.
    pub ceiling: Option<f64>,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

impl FieldSpec {
    /// An optional number that must be a quantity (≥ 0), with no default.
    pub const fn number(
        path: &'static str,
        unit: &'static str,
        label_zh: &'static str,
        label_en: &'static str,
    ) -> Self {
        FieldSpec {
            path,
            kind: FieldKind::Number,
            unit,
            required: false,
            default: None,
            default_choice: None,
            paired_with: None,
            limit: Limit::Quantity,
            usual: None,
            ceiling: None,
            label_zh,
            label_en,
        }
    }

    /// An optional whole number ≥ 0.
    pub const fn count(path: &'static str, label_zh: &'static str, label_en: &'static str) -> Self {
        FieldSpec {
            kind: FieldKind::Count,
            ..Self::number(path, "", label_zh, label_en)
        }
    }

    /// An optional choice among `options`.
    pub const fn choice(
        path: &'static str,
        options: &'static [ChoiceOption],
        label_zh: &'static str,
        label_en: &'static str,
    ) -> Self {
        FieldSpec {
            kind: FieldKind::Choice(options),
            ..Self::number(path, "", label_zh, label_en)
        }
    }

    /// A list of records, each with the fields `items` (see [`FieldKind::List`]); the labels
    /// name one entry (`原辅材料` / `Material`: "原辅材料 2").
    pub const fn list(
        path: &'static str,
        items: &'static [FieldSpec],
        label_zh: &'static str,
        label_en: &'static str,
    ) -> Self {
        FieldSpec {
            kind: FieldKind::List(items),
            ..Self::number(path, "", label_zh, label_en)
        }
    }

    /// The fields of one entry of a list field (empty for other kinds).
    pub fn items(&self) -> &'static [FieldSpec] {
        match self.kind {
            FieldKind::List(items) => items,
            FieldKind::Number | FieldKind::Count | FieldKind::Choice(_) | FieldKind::Bool => &[],
        }
    }

    /// Whether this is a list of records.
    pub fn is_list(&self) -> bool {
        matches!(self.kind, FieldKind::List(_))
    }

    /// An optional yes/no flag.
    pub const fn flag(path: &'static str, label_zh: &'static str, label_en: &'static str) -> Self {
        FieldSpec {
            kind: FieldKind::Bool,
            ..Self::number(path, "", label_zh, label_en)
        }
    }

    /// The same field, required.
    pub const fn required(self) -> Self {
        FieldSpec {
            required: true,
            ..self
        }
    }

    /// The same field with the engine's default for a blank value.
    pub const fn with_default(self, v: f64) -> Self {
        FieldSpec {
            default: Some(v),
            ..self
        }
    }

    /// The same choice field with the value the engine uses when it is blank.
    pub const fn default_choice(self, v: &'static str) -> Self {
        FieldSpec {
            default_choice: Some(v),
            ..self
        }
    }

    /// The same field as one half of a before/after pair.
    pub const fn paired(self, other: &'static str) -> Self {
        FieldSpec {
            paired_with: Some(other),
            ..self
        }
    }

    /// The same field with a unit shown beside it (heads: 头, 只).
    pub const fn with_unit(self, unit: &'static str) -> Self {
        FieldSpec { unit, ..self }
    }

    pub const fn limit(self, limit: Limit) -> Self {
        FieldSpec { limit, ..self }
    }

    /// A percentage, 0–100.
    pub const fn percent(self) -> Self {
        self.limit(Limit::Percent)
    }

    pub const fn usual(self, low: f64, high: f64) -> Self {
        FieldSpec {
            usual: Some((low, high)),
            ..self
        }
    }

    /// The same quantity with a usual range up to `usual_max` (above it: a warning) and a
    /// `ceiling` no real project reaches (above it: an error).
    pub const fn plausible(self, usual_max: f64, ceiling: f64) -> Self {
        FieldSpec {
            usual: Some((0.0, usual_max)),
            ceiling: Some(ceiling),
            ..self
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh, self.label_en)
    }

    /// Both labels, for messages that name this field.
    pub fn labels(&self) -> Label {
        Label::new(self.label_zh, self.label_en)
    }

    /// What to show beside the input: the unit, or for a bounded number without a unit (a rate)
    /// its hard range, `0–1.5` — the same range the validation applies.
    pub fn unit_text(&self) -> String {
        match (self.unit, self.limit, self.kind) {
            ("", Limit::Range(lo, hi), FieldKind::Number) => format!("{lo}–{hi}"),
            (u, ..) => u.to_owned(),
        }
    }

    /// The default, or NaN for a field without one (never reached: such fields are required or
    /// read through their own rule).
    pub fn or_default(&self, v: Option<f64>) -> f64 {
        v.or(self.default).unwrap_or(f64::NAN)
    }

    /// The values of a choice field (empty for other kinds).
    pub fn choices(&self) -> &'static [ChoiceOption] {
        match self.kind {
            FieldKind::Choice(c) => c,
            FieldKind::Number | FieldKind::Count | FieldKind::Bool | FieldKind::List(_) => &[],
        }
    }

    /// The name of one value of this choice field; `None` for a value it does not have.
    pub fn choice_label(&self, value: &str, lang: Lang) -> Option<&'static str> {
        self.choices()
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.label(lang))
    }

    /// The key of the field inside its object (`cod_t` of `last_year.cod_t`).
    pub fn key(&self) -> &'static str {
        // By bytes: '.' is ASCII, so the byte after it starts a character. `rfind('.')` (a char
        // searcher) was ≈5 % of reading a register, which asks for a key per field read.
        match self.path.bytes().rposition(|b| b == b'.') {
            Some(dot) => &self.path[dot + 1..],
            None => self.path,
        }
    }
}

/// Where in a list field a declared field lies: the list's entry label and the entry's number
/// from 1, as people count ("原辅材料 2" is `materials.1`). Messages about a field of an entry
/// begin with it: "原辅材料 2：实施后 VOCs 含量：…".
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ListItem {
    pub list: Label,
    /// From 1.
    pub number: usize,
}

impl ListItem {
    /// The entry `index` (from 0) of the list field `list`.
    pub fn of(list: &FieldSpec, index: usize) -> Self {
        ListItem {
            list: list.labels(),
            number: index + 1,
        }
    }

    /// "原辅材料 2" / "Material 2".
    pub fn text(&self, lang: Lang) -> String {
        format!("{} {}", self.list.get(lang), self.number)
    }
}

/// The path of field `key` of entry `index` of the list at `list_path`: `materials.1.kind`.
pub fn item_path(list_path: &str, index: usize, key: &str) -> String {
    format!("{list_path}.{index}.{key}")
}

/// A path into a list field split into the list's path, the entry's index and the field's path
/// inside the entry: `materials.1.kind` → (`materials`, 1, `kind`). `None` for a path without
/// a number.
pub fn split_item_path(path: &str) -> Option<(&str, usize, &str)> {
    let mut start = 0;
    for (i, part) in path.split('.').enumerate() {
        let end = start + part.len();
        if i > 0 && !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
            let index = part.parse().ok()?;
            let rest = path.get(end + 1..)?;
            return (!rest.is_empty()).then_some((&path[..start - 1], index, rest));
        }
        start = end + 1;
    }
    None
}
