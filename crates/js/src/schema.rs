//! `schema()`: every measure type with its declared input fields, read from the same
//! declarations ([`FieldSpec`]) the engine decodes and checks with and the app builds its forms
//! from, so the schema cannot drift from what `compute` accepts.

use jianpai_core::field::{FieldKind, FieldSpec, Limit};
use jianpai_core::{Choice, Labelled, MeasureType};
use serde::Serialize;

/// The whole schema (TypeScript: `Schema`).
#[derive(Serialize)]
pub struct Schema {
    pub format: &'static str,
    pub types: Vec<TypeSchema>,
    /// The values of a project's `review.status` (and of `settings.counted_statuses`), in review
    /// order, with their names.
    pub review_statuses: Vec<OptionSchema>,
}

/// One measure type (TypeScript: `MeasureTypeSchema`).
#[derive(Serialize)]
pub struct TypeSchema {
    /// The `measure.type` tag.
    #[serde(rename = "type")]
    pub type_name: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The category a project of this type falls in unless the file says otherwise.
    pub usual_category: &'static str,
    pub fields: Vec<FieldSchema>,
}

/// One input field (TypeScript: `FieldSchema`). Paths are inside the project's `measure`.
#[derive(Serialize)]
pub struct FieldSchema {
    pub path: &'static str,
    /// `number`, `count` (a whole number ≥ 0), `choice` or `bool`.
    pub kind: &'static str,
    pub unit: &'static str,
    pub required: bool,
    pub default: Option<f64>,
    pub default_choice: Option<&'static str>,
    pub paired_with: Option<&'static str>,
    pub limit: LimitSchema,
    /// The usual range `[low, high]`: outside it a value is accepted with a warning.
    pub usual: Option<[f64; 2]>,
    /// The plausibility ceiling: above it a value is an `above_ceiling` error (no real project
    /// reaches it; docs/methodology.md §7.1).
    pub ceiling: Option<f64>,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The values of a choice field (empty for other kinds).
    pub options: Vec<OptionSchema>,
}

/// The hard limit of a number: outside it the value is an error.
#[derive(Serialize)]
pub struct LimitSchema {
    /// `quantity` (≥ 0), `positive` (> 0), `percent` (0–100), `positive_percent` (> 0, ≤ 100), `range`.
    pub kind: &'static str,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Whether `min` itself is excluded (a value that divides).
    pub min_exclusive: bool,
}

#[derive(Serialize)]
pub struct OptionSchema {
    pub value: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

impl Schema {
    pub fn build() -> Self {
        Schema {
            format: jianpai_core::file::FORMAT,
            types: MeasureType::ALL
                .iter()
                .map(|&t| TypeSchema::of(t))
                .collect(),
            review_statuses: jianpai_core::review::ReviewStatus::ALL
                .iter()
                .map(|s| OptionSchema {
                    value: s.name(),
                    label_zh: s.label().zh,
                    label_en: s.label().en,
                })
                .collect(),
        }
    }
}

impl TypeSchema {
    fn of(t: MeasureType) -> Self {
        let label = t.label();
        TypeSchema {
            type_name: t.code(),
            label_zh: label.zh,
            label_en: label.en,
            usual_category: t.usual_category().name(),
            fields: jianpai_core::measures::fields(t)
                .iter()
                .map(FieldSchema::of)
                .collect(),
        }
    }
}

impl FieldSchema {
    fn of(f: &FieldSpec) -> Self {
        FieldSchema {
            path: f.path,
            kind: match f.kind {
                FieldKind::Number => "number",
                FieldKind::Count => "count",
                FieldKind::Choice(_) => "choice",
                FieldKind::Bool => "bool",
            },
            unit: f.unit,
            required: f.required,
            default: f.default,
            default_choice: f.default_choice,
            paired_with: f.paired_with,
            limit: LimitSchema::of(f),
            usual: f.usual.map(|(lo, hi)| [lo, hi]),
            ceiling: f.ceiling,
            label_zh: f.label_zh,
            label_en: f.label_en,
            options: f
                .choices()
                .iter()
                .map(|o| OptionSchema {
                    value: o.value,
                    label_zh: o.label_zh,
                    label_en: o.label_en,
                })
                .collect(),
        }
    }
}

impl LimitSchema {
    fn of(f: &FieldSpec) -> Self {
        // Only numbers have limits; a choice or flag field's declared limit is the unused default.
        if !matches!(f.kind, FieldKind::Number | FieldKind::Count) {
            return LimitSchema::new("none", None, None, false);
        }
        match f.limit {
            Limit::Quantity => LimitSchema::new("quantity", Some(0.0), None, false),
            Limit::Positive => LimitSchema::new("positive", Some(0.0), None, true),
            Limit::Percent => LimitSchema::new("percent", Some(0.0), Some(100.0), false),
            Limit::PositivePercent => {
                LimitSchema::new("positive_percent", Some(0.0), Some(100.0), true)
            }
            Limit::Range(lo, hi) => LimitSchema::new("range", Some(lo), Some(hi), false),
        }
    }

    fn new(kind: &'static str, min: Option<f64>, max: Option<f64>, min_exclusive: bool) -> Self {
        LimitSchema {
            kind,
            min,
            max,
            min_exclusive,
        }
    }
}
