//! The five-year view (十四五 2021–2025, 十五五 2026–2030): several years' registers of one
//! county side by side, each year's totals, their sum over the period, and the gap to each of the
//! period's targets (`plan_targets`, docs/file-format.md). The numbers are each year's report
//! totals (`Report::totals`: credited, net of offsets) added up: this tool's construction, the
//! cumulative reduction of a plan being the sum of its years' (docs/methodology.md §2.5).
//! [`crate::doc::plan`] lays it out as one document for the app, the printout and the CLI.

use crate::key::{Amounts, Emissions, Key};
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::register::Register;
use crate::report::Report;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// A five-year plan, by its number: 14 = 十四五 (2021–2025), 15 = 十五五 (2026–2030). The plans
/// have followed each other every five years since the third (1966–1970); the years before (the
/// first two plans and 1963–1965 between them) are not placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period(pub i64);

impl Period {
    /// The plan a year belongs to (`None` before 1966).
    pub fn of(year: i64) -> Option<Period> {
        (year >= 1966).then(|| Period((year - 2021).div_euclid(5) + 14))
    }

    pub fn first(self) -> i64 {
        2021 + (self.0 - 14) * 5
    }

    pub fn last(self) -> i64 {
        self.first() + 4
    }

    pub fn years(self) -> impl Iterator<Item = i64> {
        self.first()..=self.last()
    }

    /// "十四五" / "14th Five-Year Plan".
    pub fn name(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}五", zh_number(self.0)),
            Lang::En => {
                let suffix = match (self.0 % 10, self.0 % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                format!("{}{suffix} Five-Year Plan", self.0)
            }
        }
    }

    /// "十四五（2021–2025）" / "14th Five-Year Plan (2021–2025)".
    pub fn heading(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}（{}–{}）", self.name(lang), self.first(), self.last()),
            Lang::En => format!("{} ({}–{})", self.name(lang), self.first(), self.last()),
        }
    }
}

/// 1–99 in Chinese numerals (十四, 二十一).
fn zh_number(n: i64) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let n = n.clamp(0, 99) as usize;
    match n {
        0..=9 => D[n].to_owned(),
        10..=19 => format!("十{}", D[n - 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

/// One year's register as the view reads it: its year, names, totals and the plan's targets it
/// gives. Built from a computed report and the file's `plan_targets`.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanYear {
    pub year: Option<i64>,
    pub title: String,
    pub region: String,
    pub totals: Amounts,
    pub plan_targets: Emissions,
}

impl PlanYear {
    pub fn new(report: &Report, plan_targets: &Emissions) -> PlanYear {
        PlanYear {
            year: report.year,
            title: report.title.clone(),
            region: report.region.clone(),
            totals: report.totals,
            plan_targets: plan_targets.clone(),
        }
    }
}

/// How far the period's cumulative reduction of one key is from its five-year target.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Gap {
    pub key: Key,
    pub target: f64,
    pub achieved: f64,
    /// What is still to be reduced: target − achieved, 0 once met.
    pub short: f64,
    pub met: bool,
}

impl Gap {
    /// "NOₓ 距目标尚差 133.9 吨" / "NOₓ: 133.9 t short of the target"; met: "NOₓ 已完成" /
    /// "NOₓ: target met". One decimal (grouped in English).
    pub fn sentence(&self, lang: Lang) -> String {
        let name = self.key.text(lang);
        let unit = self.key.unit().get(lang);
        match (lang, self.met) {
            (Lang::Zh, true) => format!("{name} 已完成"),
            (Lang::En, true) => format!("{name}: target met"),
            (Lang::Zh, false) => {
                format!("{name} 距目标尚差 {} {unit}", one_decimal(self.short, lang))
            }
            (Lang::En, false) => format!(
                "{name}: {} {unit} short of the target",
                one_decimal(self.short, lang)
            ),
        }
    }
}

/// One decimal: grouped thousands in English, plain in Chinese (as the text report writes).
pub fn one_decimal(x: f64, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let s = crate::bulletin::grouped(x, 1);
            // `grouped` drops a trailing ".0"; the gap always shows its decimal.
            if s.contains('.') {
                s
            } else {
                format!("{s}.0")
            }
        }
        Lang::Zh => format!("{x:.1}"),
    }
}

/// The registers of one county in one five-year plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanView {
    pub period: Period,
    /// The years given, in order.
    pub years: Vec<PlanYear>,
    /// The years of the period before the latest one given that have no register: their
    /// reductions are not in the cumulative totals.
    pub missing: Vec<i64>,
    /// The sum of the years' totals, every key.
    pub cumulative: Amounts,
    /// The five-year targets: those of the latest year's register that gives any.
    pub targets: Emissions,
    /// The year whose register gave [`Self::targets`].
    pub targets_year: Option<i64>,
    /// One per key with a five-year target, in key order.
    pub gaps: Vec<Gap>,
}

/// Why the registers given cannot be laid out by plan.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanError {
    /// The register at this position (0-based) has no `year`.
    NoYear {
        index: usize,
        title: String,
    },
    /// Two registers of the same year.
    SameYear {
        year: i64,
    },
    /// A year before 1966 (the third plan), from which the plans follow every five years.
    BeforePlans {
        year: i64,
    },
    Empty,
}

impl PlanError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PlanError::NoYear { index, title }, Lang::Zh) => format!(
                "第 {} 个登记表{}没有年份（year），无法归入五年规划",
                index + 1,
                if title.is_empty() {
                    String::new()
                } else {
                    format!("（{title}）")
                }
            ),
            (PlanError::NoYear { index, title }, Lang::En) => format!(
                "register {}{} has no year (year), so it cannot be placed in a five-year plan",
                index + 1,
                if title.is_empty() {
                    String::new()
                } else {
                    format!(" ({title})")
                }
            ),
            (PlanError::SameYear { year }, Lang::Zh) => {
                format!("有两个 {year} 年的登记表：每年只能有一个")
            }
            (PlanError::SameYear { year }, Lang::En) => {
                format!("two registers of {year}: one register per year")
            }
            (PlanError::BeforePlans { year }, Lang::Zh) => {
                format!("{year} 年早于 1966 年（第三个五年计划），本工具不归入五年规划")
            }
            (PlanError::BeforePlans { year }, Lang::En) => {
                format!("{year} is before 1966 (the 3rd Five-Year Plan): not placed in a plan")
            }
            (PlanError::Empty, Lang::Zh) => "没有登记表".into(),
            (PlanError::Empty, Lang::En) => "no register given".into(),
        }
    }
}

/// The years given, grouped by five-year plan (in order), each plan's cumulative totals and its
/// gaps to the five-year targets.
pub fn plan(years: &[PlanYear]) -> Result<Vec<PlanView>, PlanError> {
    if years.is_empty() {
        return Err(PlanError::Empty);
    }
    let mut sorted: Vec<(i64, &PlanYear)> = Vec::with_capacity(years.len());
    for (index, y) in years.iter().enumerate() {
        let Some(year) = y.year else {
            return Err(PlanError::NoYear {
                index,
                title: y.title.clone(),
            });
        };
        if Period::of(year).is_none() {
            return Err(PlanError::BeforePlans { year });
        }
        sorted.push((year, y));
    }
    crate::order::sort_by_key(&mut sorted, |(year, _)| *year);
    if let Some(w) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(PlanError::SameYear { year: w[0].0 });
    }
    let mut views: Vec<PlanView> = Vec::new();
    for (year, y) in sorted {
        let period = Period::of(year).unwrap_or(Period(1));
        if views.last().map(|v| v.period) != Some(period) {
            views.push(PlanView {
                period,
                years: Vec::new(),
                missing: Vec::new(),
                cumulative: Amounts::default(),
                targets: Emissions::default(),
                targets_year: None,
                gaps: Vec::new(),
            });
        }
        if let Some(v) = views.last_mut() {
            v.cumulative.add(&y.totals);
            if !y.plan_targets.is_empty() {
                v.targets = y.plan_targets.clone();
                v.targets_year = Some(year);
            }
            v.years.push(y.clone());
        }
    }
    for v in &mut views {
        let latest = v
            .years
            .last()
            .and_then(|y| y.year)
            .unwrap_or(v.period.first());
        v.missing = (v.period.first()..latest)
            .filter(|yr| !v.years.iter().any(|y| y.year == Some(*yr)))
            .collect();
        v.gaps = v
            .targets
            .given()
            .map(|(key, target)| {
                let achieved = v.cumulative[key];
                Gap {
                    key,
                    target,
                    achieved,
                    short: (target - achieved).max(0.0),
                    met: achieved >= target,
                }
            })
            .collect();
    }
    Ok(views)
}

impl PlanView {
    /// The register of a year of the period, if given.
    pub fn year(&self, year: i64) -> Option<&PlanYear> {
        self.years.iter().find(|y| y.year == Some(year))
    }
}

impl Serialize for PlanYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("year", &self.year)?;
        m.serialize_entry("title", &self.title)?;
        m.serialize_entry("region", &self.region)?;
        m.serialize_entry("totals", &self.totals)?;
        m.end()
    }
}

impl Serialize for PlanView {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("period", &self.period.name(Lang::Zh))?;
        m.serialize_entry("period_en", &self.period.name(Lang::En))?;
        m.serialize_entry("first", &self.period.first())?;
        m.serialize_entry("last", &self.period.last())?;
        m.serialize_entry("years", &self.years)?;
        m.serialize_entry("missing", &self.missing)?;
        m.serialize_entry("cumulative", &self.cumulative)?;
        m.serialize_entry("targets", &self.targets)?;
        m.serialize_entry("targets_year", &self.targets_year)?;
        m.serialize_entry("gaps", &self.gaps)?;
        m.end()
    }
}

/// Next year's register made from this year's ([`next_year`]).
#[derive(Clone, Debug, PartialEq)]
pub struct NextYear {
    pub register: Register,
    /// The ids of the projects carried over, in register order.
    pub carried: Vec<String>,
}

/// The register of the year after `this` one: the same file fields (title with the year
/// replaced, region, settings, targets, five-year targets, overrides, library; `year` + 1), and
/// the projects that began this year and were credited only part of it (fewer than 12 months),
/// each as it is with `start_year` = this year, so that next year credits the months this year
/// did not (翘尾, docs/methodology.md §2.3). A project carried into this year, one credited the
/// whole year, and one that does not read (its months unknown) are not carried. A register
/// without a year cannot tell its next: `NoYear`.
pub fn next_year(this: &Register) -> Result<NextYear, PlanError> {
    use serde_json::Value;
    let Some(year) = this.head().get("year").and_then(Value::as_i64) else {
        return Err(PlanError::NoYear {
            index: 0,
            title: this.title().to_owned(),
        });
    };
    let computed = this.compute();
    let mut head = this.head().clone();
    head.insert("year".into(), Value::from(year + 1));
    if let Some(Value::String(t)) = head.get_mut("title") {
        *t = t.replace(&year.to_string(), &(year + 1).to_string());
    }
    head.insert("projects".into(), Value::Array(Vec::new()));
    let mut next = Register::read(&Value::Object(head)).map_err(|_| PlanError::Empty)?;
    let mut carried = Vec::new();
    for (entry, result) in this.projects.iter().zip(&computed.results) {
        let Ok(r) = result else { continue };
        let began_this_year = entry
            .value()
            .get("start_year")
            .and_then(Value::as_i64)
            .is_none_or(|y| y == year);
        if !began_this_year || r.months >= 12 {
            continue;
        }
        let mut value = entry.value().clone();
        if let Value::Object(o) = &mut value {
            o.insert("start_year".into(), Value::from(year));
        }
        next.push(crate::form::Draft(value));
        carried.push(r.id.to_string());
    }
    Ok(NextYear {
        register: next,
        carried,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_by_year() {
        assert_eq!(Period::of(2021), Some(Period(14)));
        assert_eq!(Period::of(2025), Some(Period(14)));
        assert_eq!(Period::of(2026), Some(Period(15)));
        assert_eq!(Period::of(2030), Some(Period(15)));
        assert_eq!(Period::of(2020), Some(Period(13)));
        assert_eq!(Period::of(1966), Some(Period(3)));
        assert_eq!(Period(3).first(), 1966);
        assert_eq!(Period::of(1965), None);
        assert_eq!(Period(14).name(Lang::Zh), "十四五");
        assert_eq!(Period(15).name(Lang::Zh), "十五五");
        assert_eq!(Period(10).name(Lang::Zh), "十五");
        assert_eq!(Period(21).name(Lang::Zh), "二十一五");
        assert_eq!(Period(14).name(Lang::En), "14th Five-Year Plan");
        assert_eq!(Period(3).name(Lang::En), "3rd Five-Year Plan");
        assert_eq!(Period(11).name(Lang::En), "11th Five-Year Plan");
        assert_eq!(Period(21).name(Lang::En), "21st Five-Year Plan");
        assert_eq!(Period(15).heading(Lang::Zh), "十五五（2026–2030）");
    }
}
