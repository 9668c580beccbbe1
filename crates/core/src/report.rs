//! Computing a file: per-project full-year and credited amounts with trails and warnings, and
//! the file's totals (credited and full-year; by category, type and township; against targets).

use crate::bulletin::{self, Bulletin};
use crate::crediting::{credited_months, Crediting};
use crate::error::{Error, ErrorKind};
use crate::factors::{FactorLibrary, FactorUse, Factors};
use crate::file::{
    validate, validate_project, Category, ElectricityBasis, Project, ProjectFile, Settings,
};
use crate::measures::{factor, Step};
use crate::trail::{num, TrailEntry, Warning, WarningKind};
use crate::units::{Tce, Tonnes};
use serde::Serialize;
use std::collections::BTreeMap;

/// The reduction outputs, under their report keys (design.md §4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Amounts {
    pub cod_t: Tonnes,
    pub nh3n_t: Tonnes,
    pub so2_t: Tonnes,
    pub nox_t: Tonnes,
    pub tce: Tce,
    pub water_t: Tonnes,
    pub co2_t: Tonnes,
    pub enterprises: u64,
    pub equipment: u64,
    pub boilers: u64,
}

impl Amounts {
    /// The report keys of the quantities that are prorated (every key but the counts).
    pub const QUANTITIES: [&'static str; 7] = [
        "cod_t", "nh3n_t", "so2_t", "nox_t", "tce", "water_t", "co2_t",
    ];
    /// The report keys of the counts (never prorated).
    pub const COUNTS: [&'static str; 3] = ["enterprises", "equipment", "boilers"];

    /// The value under a report key.
    pub fn get(&self, key: &str) -> f64 {
        match key {
            "cod_t" => self.cod_t.0,
            "nh3n_t" => self.nh3n_t.0,
            "so2_t" => self.so2_t.0,
            "nox_t" => self.nox_t.0,
            "tce" => self.tce.0,
            "water_t" => self.water_t.0,
            "co2_t" => self.co2_t.0,
            "enterprises" => self.enterprises as f64,
            "equipment" => self.equipment as f64,
            "boilers" => self.boilers as f64,
            _ => 0.0,
        }
    }

    /// The credited part of a full-year effect: quantities × months / 12, counts unchanged.
    pub fn prorate(&self, months: u8) -> Amounts {
        let k = f64::from(months) / 12.0;
        Amounts {
            cod_t: self.cod_t * k,
            nh3n_t: self.nh3n_t * k,
            so2_t: self.so2_t * k,
            nox_t: self.nox_t * k,
            tce: self.tce * k,
            water_t: self.water_t * k,
            co2_t: self.co2_t * k,
            ..*self
        }
    }

    pub fn add(&mut self, o: &Amounts) {
        self.cod_t += o.cod_t;
        self.nh3n_t += o.nh3n_t;
        self.so2_t += o.so2_t;
        self.nox_t += o.nox_t;
        self.tce += o.tce;
        self.water_t += o.water_t;
        self.co2_t += o.co2_t;
        self.enterprises = self.enterprises.saturating_add(o.enterprises);
        self.equipment = self.equipment.saturating_add(o.equipment);
        self.boilers = self.boilers.saturating_add(o.boilers);
    }

    /// The first quantity that is NaN or infinite.
    pub fn first_non_finite(&self) -> Option<&'static str> {
        Self::QUANTITIES
            .into_iter()
            .find(|k| !self.get(k).is_finite())
    }
}

/// One project's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectResult {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: &'static str,
    pub category: Category,
    pub township: Option<String>,
    /// Months credited in the accounting year (0–12).
    pub months: u8,
    pub credited: Amounts,
    pub full_year: Amounts,
    pub trail: Vec<TrailEntry>,
    pub warnings: Vec<Warning>,
}

/// Totals of a group of projects (a category, a type or a township).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub key: String,
    pub projects: usize,
    pub credited: Amounts,
    pub full_year: Amounts,
}

/// Progress of the credited total against one target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub key: &'static str,
    pub target: f64,
    pub achieved: f64,
    /// achieved / target × 100; `None` for a zero target.
    pub percent: Option<f64>,
}

/// An override in force somewhere in the file, listed in every report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverrideUse {
    /// `None` for a file-wide override.
    pub project: Option<String>,
    #[serde(flatten)]
    pub factor: FactorUse,
}

/// The whole report (CLI JSON and the app's export).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub factor_library: String,
    pub title: String,
    pub region: String,
    pub year: Option<i64>,
    pub crediting: Crediting,
    pub electricity_basis: ElectricityBasis,
    pub totals: Amounts,
    pub full_year_totals: Amounts,
    pub by_category: Vec<Group>,
    pub by_type: Vec<Group>,
    pub by_township: Vec<Group>,
    pub progress: Vec<Progress>,
    pub overrides: Vec<OverrideUse>,
    pub projects: Vec<ProjectResult>,
    pub bulletin: Bulletin,
}

/// Computes one project with the file's settings and factors (its own overrides on top).
pub fn compute_project(
    project: &Project,
    factors: &Factors<'_>,
    settings: &Settings,
) -> Result<ProjectResult, Vec<Error>> {
    let errors = validate_project(project);
    if !errors.is_empty() {
        return Err(errors);
    }
    let factors = factors.for_project(&project.overrides);
    let mut effect = project.measure.compute(&factors, settings);
    add_co2(&mut effect.amounts, &mut effect.trail, &factors);
    for key in ["cod_t", "nh3n_t", "so2_t", "nox_t", "tce", "water_t"] {
        let v = effect.amounts.get(key);
        if v < 0.0 {
            effect.warnings.push(Warning {
                field: None,
                kind: WarningKind::NegativeReduction {
                    output: key,
                    value: v,
                },
            });
        }
    }
    if let Some(key) = effect.amounts.first_non_finite() {
        return Err(vec![Error::new(
            Some(&project.id),
            Some(format!("result.{key}")),
            ErrorKind::NotFinite,
        )]);
    }
    let category = project.category();
    let months = credited_months(settings.crediting(), category, project.start_month);
    Ok(ProjectResult {
        id: project.id.clone(),
        name: project.name.clone(),
        type_name: project.measure.type_name(),
        category,
        township: project.township.clone(),
        months,
        credited: effect.amounts.prorate(months),
        full_year: effect.amounts,
        trail: effect.trail,
        warnings: effect.warnings,
    })
}

/// CO₂ co-benefit estimate from standard coal saved (methodology.md §6), always labelled.
fn add_co2(amounts: &mut Amounts, trail: &mut Vec<TrailEntry>, factors: &Factors<'_>) {
    if amounts.tce.0 == 0.0 {
        return;
    }
    let f = factor(factors, "co2.per_tce");
    let co2 = amounts.tce.0 * f.value;
    amounts.co2_t = Tonnes(co2);
    trail.push(
        Step::new(
            "co2_t",
            "CO₂ 减排量（估算）= 节约标煤 × 单位标煤 CO₂ 排放",
            "CO₂ reduction (estimate) = standard coal saved × CO₂ per tce",
            "CO₂ = E × f",
        )
        .derived("E", "tce", amounts.tce.0, "tce")
        .factor(&f)
        .done(format!("{} × {}", num(amounts.tce.0), num(f.value)), co2),
    );
}

/// Computes the whole file. Every input error is returned at once, each naming its project and
/// field; a file that loads without error computes without error unless a result overflows.
pub fn compute(file: &ProjectFile) -> Result<Report, Vec<Error>> {
    let errors = validate(file);
    if !errors.is_empty() {
        return Err(errors);
    }
    let library = FactorLibrary::builtin();
    let factors = Factors::new(library, &file.overrides);
    let mut errors = Vec::new();
    let mut projects = Vec::with_capacity(file.projects.len());
    for p in &file.projects {
        match compute_project(p, &factors, &file.settings) {
            Ok(r) => projects.push(r),
            Err(e) => errors.extend(e),
        }
    }
    let mut totals = Amounts::default();
    let mut full_year_totals = Amounts::default();
    for r in &projects {
        totals.add(&r.credited);
        full_year_totals.add(&r.full_year);
    }
    if let Some(key) = totals
        .first_non_finite()
        .or(full_year_totals.first_non_finite())
    {
        errors.push(Error::new(
            None,
            Some(format!("totals.{key}")),
            ErrorKind::NotFinite,
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let progress = crate::file::Targets::KEYS
        .into_iter()
        .filter_map(|(key, ..)| {
            let target = file.targets.get(key)?;
            let achieved = totals.get(key);
            let percent = (target > 0.0).then(|| achieved / target * 100.0);
            Some(Progress {
                key,
                target,
                achieved,
                percent,
            })
        })
        .collect();
    let mut overrides: Vec<OverrideUse> = file
        .overrides
        .keys()
        .filter_map(|id| factors.get(id))
        .map(|factor| OverrideUse {
            project: None,
            factor,
        })
        .collect();
    for p in &file.projects {
        let pf = factors.for_project(&p.overrides);
        overrides.extend(
            p.overrides
                .keys()
                .filter_map(|id| pf.get(id))
                .map(|factor| OverrideUse {
                    project: Some(p.id.clone()),
                    factor,
                }),
        );
    }
    let by_category = group_by(&projects, |r| r.category_name().to_owned());
    let by_type = group_by(&projects, |r| r.type_name.to_owned());
    let by_township = group_by(&projects, |r| r.township.clone().unwrap_or_default());
    let bulletin = bulletin::write(&projects, &totals, file.year);
    Ok(Report {
        format: crate::file::FORMAT,
        factor_library: library.version.clone(),
        title: file.title.clone(),
        region: file.region.clone(),
        year: file.year,
        crediting: file.settings.crediting(),
        electricity_basis: file.settings.electricity_basis(),
        totals,
        full_year_totals,
        by_category,
        by_type,
        by_township,
        progress,
        overrides,
        projects,
        bulletin,
    })
}

impl ProjectResult {
    pub fn category_name(&self) -> &'static str {
        crate::decode::Choice::name(self.category)
    }
}

fn group_by(projects: &[ProjectResult], key: impl Fn(&ProjectResult) -> String) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for r in projects {
        let k = key(r);
        let g = groups.entry(k.clone()).or_insert_with(|| Group {
            key: k,
            projects: 0,
            credited: Amounts::default(),
            full_year: Amounts::default(),
        });
        g.projects += 1;
        g.credited.add(&r.credited);
        g.full_year.add(&r.full_year);
    }
    groups.into_values().collect()
}
