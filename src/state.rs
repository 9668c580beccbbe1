//! App state: the language and the single-project estimate form. Results are derived (memos)
//! from these signals; nothing computed is stored.

use jianpai_core::file::Settings;
use jianpai_core::measures::wastewater::{Wastewater, WaterSource};
use jianpai_core::report::{compute_project, ProjectResult};
use jianpai_core::{Error, Factors, Lang, Measure, Project};
use leptos::prelude::*;

/// The number fields of the wastewater form, by their file-format names.
pub const WASTEWATER_FIELDS: [&str; 7] = [
    "flow_m3_per_day",
    "load_rate",
    "days",
    "cod_before_mg_l",
    "cod_after_mg_l",
    "nh3n_before_mg_l",
    "nh3n_after_mg_l",
];

/// A number field as typed: the text is kept as is, so nothing the user typed is lost.
#[derive(Clone, Copy)]
pub struct NumberInput {
    pub key: &'static str,
    pub text: RwSignal<String>,
}

/// The wastewater estimate form.
#[derive(Clone, Copy)]
pub struct WastewaterForm {
    pub source: RwSignal<WaterSource>,
    pub fields: [NumberInput; 7],
    /// 0 = whole year, else 1–12.
    pub start_month: RwSignal<u8>,
}

/// Why a form cannot be computed yet.
#[derive(Clone, Debug, PartialEq)]
pub enum FormError {
    /// The text of a field is not a number.
    NotANumber { key: &'static str },
    /// The engine rejected the values.
    Engine(Error),
}

impl FormError {
    /// The field this error belongs to (file-format name, without `measure.`).
    pub fn field(&self) -> Option<&str> {
        match self {
            FormError::NotANumber { key } => Some(key),
            FormError::Engine(e) => e.field.as_deref().map(|f| f.trim_start_matches("measure.")),
        }
    }
}

impl WastewaterForm {
    /// The form filled with the example of design.md §4 (城东污水处理厂二期).
    pub fn sample() -> Self {
        let values = ["10000", "0.8", "365", "250", "50", "30", "5"];
        let fields = std::array::from_fn(|i| NumberInput {
            key: WASTEWATER_FIELDS[i],
            text: RwSignal::new(values[i].to_owned()),
        });
        WastewaterForm {
            source: RwSignal::new(WaterSource::Municipal),
            fields,
            start_month: RwSignal::new(7),
        }
    }

    /// Reads the form into a project: blank optional fields take the engine's defaults.
    pub fn project(&self) -> Result<Project, Vec<FormError>> {
        let mut errors = Vec::new();
        let mut nums = [None; 7];
        for (i, f) in self.fields.iter().enumerate() {
            let text = f.text.get();
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(x) => nums[i] = Some(x),
                Err(_) => errors.push(FormError::NotANumber { key: f.key }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let m = Wastewater {
            source: Some(self.source.get()),
            // A blank flow is reported by the engine's own check as a missing value below.
            flow_m3_per_day: nums[0].unwrap_or(f64::NAN),
            load_rate: nums[1],
            days: nums[2],
            cod_before_mg_l: nums[3],
            cod_after_mg_l: nums[4],
            nh3n_before_mg_l: nums[5],
            nh3n_after_mg_l: nums[6],
            ..Wastewater::default()
        };
        let mut p = Project::new("estimate", Measure::Wastewater(m));
        let month = self.start_month.get();
        p.start_month = (1..=12).contains(&month).then_some(month);
        Ok(p)
    }

    /// The live result: every number comes from `jianpai-core`.
    pub fn result(&self) -> Result<ProjectResult, Vec<FormError>> {
        let project = self.project()?;
        let missing_flow = self.fields[0].text.get().trim().is_empty();
        let result = compute_project(&project, &Factors::defaults(), &Settings::default());
        result.map_err(|errs| {
            errs.into_iter()
                .map(|mut e| {
                    if missing_flow && e.field.as_deref() == Some("measure.flow_m3_per_day") {
                        e.kind = jianpai_core::ErrorKind::Missing;
                    }
                    FormError::Engine(e)
                })
                .collect()
        })
    }
}

/// The chosen interface language, remembered in this browser.
pub fn initial_lang() -> Lang {
    match crate::platform::load("jianpai.lang").as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}
