//! Computing a file: per-project full-year and credited amounts with trails and warnings, and
//! the file's totals (credited and full-year; by category, type and township; against targets);
//! what a check lists ([`Report::check_warnings`], for the CLI's and the JS module's `check`).

use crate::bulletin::{self, Bulletin};
use crate::choice::Choice;
use crate::crediting::credited_months;
use crate::error::{Error, ErrorKind};
use crate::factors::{FactorId, FactorLibrary, FactorUse, Factors, FactorsRead};
use crate::file::{offset_field, Project, ProjectFile, Valid, START_YEAR};
use crate::key::{Amounts, Key};
use crate::labels::Labelled;
use crate::lang::{Label, Lang};
use crate::measure_type::MeasureType;
use crate::measures::{Effect, Step};
use crate::overlap::{self, Overlap};
use crate::review::{status_of, ReviewStatus};
use crate::settings::{
    Category, Crediting, ElectricityBasis, GridCo2, KeyCategory, Method, Settings,
};
use crate::trail::{Num, Stage, TrailEntry, Warning, WarningKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One project's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectResult {
    /// Shared with the project computed (`Project::id`), as `name` and `township`.
    #[serde(serialize_with = "crate::file::text")]
    pub id: Arc<str>,
    #[serde(serialize_with = "crate::file::text")]
    pub name: Arc<str>,
    #[serde(rename = "type")]
    pub type_name: MeasureType,
    pub category: Category,
    /// The 十四五 category (docs/methodology.md §2.7): under the 2021 method only, so reports of
    /// 2011 files are as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_category: Option<KeyCategory>,
    #[serde(serialize_with = "crate::file::opt_text")]
    pub township: Option<Arc<str>>,
    /// Months credited in the accounting year (0–12).
    pub months: u8,
    pub credited: Amounts,
    pub full_year: Amounts,
    /// The offset deducted (`offset` of the file, 0 for keys not given); left out of the report
    /// for a project without one, so reports without offsets are as before. Boxed, as `net`:
    /// most projects have none, and a result is moved and stored by the ten thousand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<Box<Amounts>>,
    /// Credited − offset, per key, never below 0 where an offset is given (what the totals add);
    /// left out with `offset` (then it equals `credited`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<Box<Amounts>>,
    /// The project's review status (`review.status`, 申报 when its review gives none); left out
    /// for a project without `review`, so reports without reviews are as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_status: Option<ReviewStatus>,
    /// Whether the totals count it: `false` when the file's counted statuses
    /// (`settings.counted_statuses`) leave its status out; the key is written only then.
    #[serde(skip_serializing_if = "is_true")]
    pub counted: bool,
    pub trail: Vec<TrailEntry>,
    pub warnings: Vec<Warning>,
    /// The library entries the computation read: the coefficients its trail cites, recorded
    /// with or without the trail (not written in the report; [`FactorsRead`]).
    #[serde(skip)]
    pub factors_read: FactorsRead,
}

fn is_true(b: &bool) -> bool {
    *b
}

impl ProjectResult {
    /// What the project adds to the totals: the net amount, which is the credited one for a
    /// project without offsets.
    pub fn net(&self) -> &Amounts {
        self.net.as_deref().unwrap_or(&self.credited)
    }
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
    pub key: Key,
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

/// The accounting method a report was computed under (`settings.method`, docs/methodology.md
/// §2.2): the method, whether the file gave it or it was chosen by the year, and its headline
/// pollutants in order.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MethodUse {
    pub id: Method,
    /// `true`: the file's `settings.method`; `false`: chosen by the file's year.
    pub given: bool,
    pub headline: &'static [Key],
}

impl MethodUse {
    /// The method of a file with these settings and year.
    pub fn of(settings: &Settings, year: Option<i64>) -> MethodUse {
        let id = settings.method(year);
        MethodUse {
            id,
            given: settings.method.is_some(),
            headline: id.headline(),
        }
    }
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
    pub method: MethodUse,
    /// The 口径 of the grid CO₂ factor (`settings.grid_co2`, default national average).
    pub grid_co2: GridCo2,
    /// The counted projects' net amounts (credited − offsets).
    pub totals: Amounts,
    pub full_year_totals: Amounts,
    /// The sum of the projects' offsets, deducted from `totals`; left out when no project has an
    /// offset, so reports without offsets are as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offsets: Option<Amounts>,
    pub by_category: Vec<Group>,
    pub by_type: Vec<Group>,
    pub by_township: Vec<Group>,
    /// The counted projects by 十四五 category, in the categories' order (docs/methodology.md
    /// §2.7); under the 2021 method only (empty and left out under 2011).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_key_category: Vec<Group>,
    pub progress: Vec<Progress>,
    pub overrides: Vec<OverrideUse>,
    pub projects: Vec<ProjectResult>,
    pub bulletin: Bulletin,
    /// Pairs of projects that may claim the same reduction (advisory: the totals are unchanged);
    /// the key is left out when there are none, so reports without overlaps are as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overlaps: Vec<Overlap>,
    /// Which review statuses the totals counted and how many projects have each; left out when
    /// no project has a review and the file names no counted statuses, so such reports are as
    /// before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewSummary>,
}

/// The report's `review`: the statuses counted (in review order) and the number of projects of
/// each status (every status listed, 0 included; a project without a review is 申报).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewSummary {
    pub counted: Vec<ReviewStatus>,
    pub by_status: ByStatus,
}

/// A number per review status, written as an object in review order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ByStatus(pub [usize; 5]);

impl ByStatus {
    pub fn get(&self, status: ReviewStatus) -> usize {
        self.0[Self::slot(status)]
    }
    fn slot(status: ReviewStatus) -> usize {
        ReviewStatus::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or(0)
    }
    fn add(&mut self, status: ReviewStatus) {
        self.0[Self::slot(status)] += 1;
    }
    /// The statuses with at least one project, with their numbers, in review order.
    pub fn given(&self) -> impl Iterator<Item = (ReviewStatus, usize)> + '_ {
        ReviewStatus::ALL
            .into_iter()
            .map(|s| (s, self.get(s)))
            .filter(|(_, n)| *n > 0)
    }
}

impl Serialize for ByStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::choice::Choice as _;
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(ReviewStatus::ALL.len()))?;
        for st in ReviewStatus::ALL {
            m.serialize_entry(st.name(), &self.get(st))?;
        }
        m.end()
    }
}

/// The most one project reduces in a year (full year) before its result is warned as implausible
/// (`implausible` on `result.<key>`; still counted): about what the largest single facility in
/// China reaches (docs/methodology.md §7.1; this tool's construction, not a rule).
pub const RESULT_USUAL: [(Key, f64); 8] = [
    (Key::Cod, 300_000.0),
    (Key::Nh3n, 30_000.0),
    (Key::So2, 200_000.0),
    (Key::Nox, 100_000.0),
    (Key::Vocs, 50_000.0),
    (Key::Tce, 2.0e7),
    (Key::Water, 1.0e9),
    (Key::Co2, 5.0e7),
];

/// Computes one project with the file's settings and factors (its own overrides on top).
pub fn compute_project(
    project: &Valid<Project>,
    factors: &Factors<'_>,
    settings: &Settings,
) -> Result<ProjectResult, Vec<Error>> {
    compute_checked(project, factors, settings, true, None)
}

/// [`compute_project`] without its trail (the same numbers, warnings and
/// [`ProjectResult::factors_read`]): what a register keeps for every project, a trail being
/// built only where one is shown.
pub fn compute_project_numbers(
    project: &Valid<Project>,
    factors: &Factors<'_>,
    settings: &Settings,
) -> Result<ProjectResult, Vec<Error>> {
    compute_checked(project, factors, settings, false, None)
}

/// [`compute_project_numbers`] of one of a file's projects, sharing the lists of coefficients
/// read with the file's other projects (`seen`): what the register computes every project with.
pub(crate) fn compute_project_numbers_in(
    project: &Valid<Project>,
    factors: &Factors<'_>,
    settings: &Settings,
    seen: &ReadsSeen,
) -> Result<ProjectResult, Vec<Error>> {
    compute_checked(project, factors, settings, false, Some(seen))
}

/// The lists of coefficients read made while one file is computed, by the coefficients' bits
/// ([`Factors::recording`]): projects that read the same coefficients share one list instead
/// of allocating one each (most of a county's projects are of a few kinds).
#[derive(Default)]
pub(crate) struct ReadsSeen(std::cell::RefCell<Vec<(u64, FactorsRead)>>);

impl ReadsSeen {
    /// At most this many lists are kept (a file's projects read a few dozen different sets).
    const KEPT: usize = 64;

    fn get(&self, bits: u64, make: impl FnOnce() -> FactorsRead) -> FactorsRead {
        let mut seen = self.0.borrow_mut();
        if let Some((_, r)) = seen.iter().find(|(b, _)| *b == bits) {
            return r.clone();
        }
        let r = make();
        if seen.len() < Self::KEPT {
            seen.push((bits, r.clone()));
        }
        r
    }
}

/// Computes a project known to be valid (one of a valid file, or a [`Valid`] project); its trail
/// only when `trail` (without it, the arithmetic alone: the same numbers and warnings).
fn compute_checked(
    project: &Project,
    factors: &Factors<'_>,
    settings: &Settings,
    trail: bool,
    seen: Option<&ReadsSeen>,
) -> Result<ProjectResult, Vec<Error>> {
    let reads = std::cell::Cell::new(0);
    let factors = factors.for_project(&project.overrides).recording(&reads);
    let mut effect = project.measure.compute_with(&factors, settings, trail);
    add_co2(&mut effect, &factors);
    let bits = reads.get();
    // The same bits give the same entries only where the file's table is read: a project with
    // overrides of its own looks its entries up itself (`Factors::entry`).
    let factors_read = match seen {
        Some(seen) if project.overrides.is_empty() => seen.get(bits, || factors.entries_read(bits)),
        _ => factors.entries_read(bits),
    };
    debug_assert!(
        !trail || cites_as_read(&effect.trail, &factors_read, factors.library()),
        "{}: the coefficients read are those the trail cites",
        project.id
    );
    for key in Key::EMISSIONS {
        let value = effect.amounts[key];
        if value < 0.0 {
            effect
                .warnings
                .push(Warning::general(WarningKind::NegativeReduction {
                    output: key,
                    value,
                }));
        }
    }
    for (key, high) in RESULT_USUAL {
        let value = effect.amounts[key];
        if value > high {
            effect.warnings.push(Warning {
                field: Some(format!("result.{}", key.code())),
                label: Some(key.label()),
                item: None,
                kind: WarningKind::Implausible {
                    value,
                    low: 0.0,
                    high,
                },
            });
        }
    }
    if let Some(key) = effect.amounts.first_non_finite() {
        return Err(vec![Error::new(
            Some(&project.id),
            Some(format!("result.{}", key.code())),
            ErrorKind::NotFinite,
        )]);
    }
    let category = project.category();
    let months_of_start = credited_months(settings.crediting(), category, project.start_month);
    let start = start_of(project, factors.year())?;
    let months = match start {
        Start::ThisYear => months_of_start,
        Start::LastYear => 12 - months_of_start,
        Start::Earlier(_) => 0,
    };
    match start {
        Start::Earlier(start_year) => effect.warnings.push(Warning {
            field: Some(START_YEAR.path.into()),
            label: Some(START_YEAR.labels()),
            item: None,
            kind: WarningKind::CreditedInEarlierYears { start_year },
        }),
        Start::ThisYear if project.start_year.is_some() && factors.year().is_none() => {
            effect.warnings.push(Warning {
                field: Some(START_YEAR.path.into()),
                label: Some(START_YEAR.labels()),
                item: None,
                kind: WarningKind::StartYearWithoutYear,
            });
        }
        Start::ThisYear | Start::LastYear => {}
    }
    let credited = effect.amounts.prorate(months);
    if trail {
        add_credited_steps(&mut effect.trail, &credited, months, start, months_of_start);
    }
    let (offset, net) = match project.offset.is_empty() {
        true => (None, None),
        false => {
            let (o, n) = deduct_offset(project, &effect.amounts, &credited, &mut effect.warnings)?;
            (o.map(Box::new), n.map(Box::new))
        }
    };
    if trail {
        if let (Some(o), Some(n)) = (&offset, &net) {
            add_net_steps(&mut effect.trail, project, &credited, o, n);
        }
    }
    Ok(ProjectResult {
        id: project.id.clone(),
        name: project.name.clone(),
        type_name: project.measure.kind(),
        category,
        key_category: (settings.method(factors.year()) == Method::KeyProjects2021)
            .then(|| project.key_category()),
        township: project.township.clone(),
        months,
        credited,
        full_year: effect.amounts,
        offset,
        net,
        review_status: project.review.as_ref().map(|r| r.status()),
        counted: settings.counts(status_of(project.review.as_ref())),
        trail: effect.trail,
        warnings: effect.warnings,
        factors_read,
    })
}

/// Whether the entries read are those `trail` cites (each once, the library's entries only).
fn cites_as_read(trail: &[TrailEntry], read: &FactorsRead, library: &FactorLibrary) -> bool {
    let mut cited: Vec<&str> = trail
        .iter()
        .flat_map(|e| e.factors.iter().map(|f| f.id.as_str()))
        .filter(|id| library.get(id).is_some())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    let mut read: Vec<&str> = read.ids(library).collect();
    read.sort_unstable();
    cited == read
}

/// When a project's reduction began, against the file's year (docs/methodology.md §2.3).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Start {
    /// In the accounting year (or no start year, or a file without a year).
    ThisYear,
    /// The year before: this year gets the months last year did not credit (翘尾).
    LastYear,
    /// Before last year (the start year): fully credited already, 0 this year.
    Earlier(i64),
}

/// The project's [`Start`]; a start year after the file's year is an error naming `start_year`.
fn start_of(project: &Project, year: Option<i64>) -> Result<Start, Vec<Error>> {
    let (Some(start), Some(year)) = (project.start_year, year) else {
        return Ok(Start::ThisYear);
    };
    match year - start {
        0 => Ok(Start::ThisYear),
        1 => Ok(Start::LastYear),
        d if d > 1 => Ok(Start::Earlier(start)),
        _ => Err(vec![Error::new(
            Some(&project.id),
            Some(START_YEAR.path.into()),
            ErrorKind::StartYearAfterYear {
                start_year: start,
                year,
            },
        )
        .labelled(START_YEAR.labels())]),
    }
}

/// A difference this small is the rounding of the arithmetic, not an excess.
fn beyond(a: f64, b: f64) -> bool {
    a - b > 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The project's offset and net amounts (`None`, `None` without an offset): an offset above the
/// full-year reduction of its key is an error naming `offset.<key>`; above the credited amount
/// the net is 0 with a warning saying by how much (docs/methodology.md §2.4).
#[allow(clippy::type_complexity)]
fn deduct_offset(
    project: &Project,
    full_year: &Amounts,
    credited: &Amounts,
    warnings: &mut Vec<Warning>,
) -> Result<(Option<Amounts>, Option<Amounts>), Vec<Error>> {
    if project.offset.is_empty() {
        return Ok((None, None));
    }
    let mut offset = Amounts::default();
    let mut net = *credited;
    let mut errors = Vec::new();
    for (key, o) in project.offset.given() {
        let field = format!("offset.{}", key.code());
        let label = offset_field(key).map(|s| s.labels());
        if o > 0.0 && beyond(o, full_year[key].max(0.0)) {
            let mut e = Error::new(
                Some(&project.id),
                Some(field),
                ErrorKind::OffsetAboveFullYear {
                    value: o,
                    full_year: full_year[key],
                },
            );
            e.label = label;
            errors.push(e);
            continue;
        }
        offset[key] = o;
        if o > 0.0 && beyond(o, credited[key]) {
            warnings.push(Warning {
                field: Some(field),
                label,
                item: None,
                kind: WarningKind::OffsetAboveCredited {
                    output: key,
                    offset: o,
                    credited: credited[key],
                },
            });
            net[key] = 0.0;
        } else if o > 0.0 {
            net[key] = (credited[key] - o).max(0.0);
        }
    }
    if errors.is_empty() {
        Ok((Some(offset), Some(net)))
    } else {
        Err(errors)
    }
}

const CREDITED: Label = Label::new("计入当年量", "credited to the year");

/// The last step of each offset key's trail: the net amount, the number reported upward.
fn add_net_steps(
    trail: &mut Vec<TrailEntry>,
    project: &Project,
    credited: &Amounts,
    offset: &Amounts,
    net: &Amounts,
) {
    for (key, _) in project.offset.given() {
        let o = offset[key];
        let label = offset_field(key).map_or(Label::new("扣减量", "offset"), |s| s.labels());
        let substituted = if beyond(o, credited[key]) {
            format!("max(0, {} − {})", Num(credited[key]), Num(o))
        } else {
            format!("{} − {}", Num(credited[key]), Num(o))
        };
        let mut entry = Step::new(
            key,
            "净减排量 = 计入当年量 − 用于新改扩建项目区域削减的减排量（不低于 0）",
            "Net = credited to the year − the part used as offset for new or expanded projects (not below 0)",
            "N = max(0, R_y − O)",
        )
        .derived("R_y", "credited", CREDITED, credited[key], key.symbol_or_dash())
        .derived(
            "O",
            format!("offset.{}", key.code()),
            label,
            o,
            key.symbol_or_dash(),
        )
        .done(substituted, net[key]);
        entry.stage = Stage::Net;
        trail.push(entry);
    }
}

const MONTHS: Label = Label::new("计入月数", "months credited");
const FULL_YEAR: Label = Label::new("全年量", "full-year amount");

const MONTHS_LAST_YEAR: Label = Label::new("上年计入月数", "months credited last year");

/// The credited step of every quantity's trail: the credited amount, the number reported upward
/// (unless an offset follows). A project of last year shows the carry-over: the months last year
/// credited (`months_of_start`, under the file's rule) and the rest, this year's.
fn add_credited_steps(
    trail: &mut Vec<TrailEntry>,
    credited: &Amounts,
    months: u8,
    start: Start,
    months_of_start: u8,
) {
    let full_year: Vec<(Key, f64)> = trail
        .iter()
        .filter(|t| t.stage == Stage::FullYear)
        .map(|t| (t.output, t.value))
        .collect();
    for (key, value) in full_year {
        let step = match start {
            Start::ThisYear => Step::new(
                key,
                "计入当年量 = 全年量 × 计入月数 ÷ 12",
                "Credited to the year = full-year amount × months credited ÷ 12",
                "R_y = R × m ÷ 12",
            ),
            Start::LastYear => Step::new(
                key,
                "计入当年量（上年投运，翘尾）= 全年量 × (12 − 上年计入月数) ÷ 12",
                "Credited to the year (started last year, carry-over) = full-year amount × (12 − months credited last year) ÷ 12",
                "R_y = R × (12 − m₀) ÷ 12",
            ),
            Start::Earlier(_) => Step::new(
                key,
                "计入当年量 = 0（往年投运，已于往年全额计入）",
                "Credited to the year = 0 (started before last year: fully credited in earlier years)",
                "R_y = R × m ÷ 12, m = 0",
            ),
        };
        let step = step.derived("R", "full_year", FULL_YEAR, value, key.symbol_or_dash());
        let (step, substituted) = match start {
            Start::LastYear => (
                step.derived(
                    "m₀",
                    "months_last_year",
                    MONTHS_LAST_YEAR,
                    f64::from(months_of_start),
                    "月",
                )
                .derived("m", "months", MONTHS, f64::from(months), "月"),
                format!("{} × (12 − {months_of_start}) ÷ 12", Num(value)),
            ),
            Start::ThisYear | Start::Earlier(_) => (
                step.derived("m", "months", MONTHS, f64::from(months), "月"),
                format!("{} × {months} ÷ 12", Num(value)),
            ),
        };
        let mut entry = step.done(substituted, credited[key]);
        entry.stage = Stage::Credited;
        trail.push(entry);
    }
}

/// CO₂ co-benefit estimate from standard coal saved (docs/methodology.md §6), always labelled,
/// for a measure that does not know which fuel it saved; one that does computes CO₂ per fuel.
fn add_co2(effect: &mut Effect, factors: &Factors<'_>) {
    let tce = effect.amounts[Key::Tce];
    if tce == 0.0 || effect.has_step(Key::Co2) {
        return;
    }
    let f = factors.value(FactorId::Co2PerTce);
    let co2 = tce * f;
    effect.amounts[Key::Co2] = co2;
    effect.record(Key::Co2, || {
        Step::new(
            Key::Co2,
            "CO₂ 减排量（估算；燃料未知，按单位标煤估算）= 节约标煤 × 单位标煤 CO₂ 排放",
            "CO₂ reduction (estimate; fuel unknown: per-tce estimate) = standard coal saved × CO₂ per tce",
            "CO₂ = E × f",
        )
        .derived(
            "E",
            "tce",
            Label::new("节约标煤", "standard coal saved"),
            tce,
            "tce",
        )
        .factor(&factors.of(FactorId::Co2PerTce))
        .done(format!("{} × {}", Num(tce), Num(f)), co2)
    });
}

/// Computes the whole file. Every input error is returned at once, each naming its project and
/// field; a file that loads without error computes without error unless a result overflows.
/// The file computes with the library it records (the current one when it records none).
pub fn compute(valid: &Valid<ProjectFile>) -> Result<Report, Vec<Error>> {
    compute_with_library(valid, valid.library())
}

/// [`compute`] with a given library, whatever the file records (the upgrade diff computes a file
/// with its own library and with the current one).
pub fn compute_with_library(
    valid: &Valid<ProjectFile>,
    library: &FactorLibrary,
) -> Result<Report, Vec<Error>> {
    compute_inner(valid, library, true, true)
}

/// [`compute`] without the projects' trails (each `trail` left empty; every number, warning and
/// total the same): for outputs that show no trail (the CSV and text reports, check). No trail
/// text is ever built: the measures do the arithmetic alone, coefficients are read by value
/// ([`Factors::value`]), so a large file computes in a fraction of the time and memory.
pub fn compute_numbers(valid: &Valid<ProjectFile>) -> Result<Report, Vec<Error>> {
    compute_inner(valid, valid.library(), false, true)
}

/// [`compute_numbers`] without the pairs that may count one reduction twice (`overlaps` left
/// empty; everything else the same): for the report CSV, which lists no pairs. Looking for pairs
/// compares the projects of each enterprise with each other, so a register with one enterprise's
/// projects by the thousand has millions of them, each worded in two languages (docs/performance.md,
/// issue 20).
pub fn compute_numbers_without_overlaps(valid: &Valid<ProjectFile>) -> Result<Report, Vec<Error>> {
    compute_inner(valid, valid.library(), false, false)
}

fn compute_inner(
    valid: &Valid<ProjectFile>,
    library: &FactorLibrary,
    keep_trails: bool,
    overlaps: bool,
) -> Result<Report, Vec<Error>> {
    let file: &ProjectFile = valid;
    let factors = Factors::new(library, &file.overrides)
        .in_year(file.year)
        .on_grid(file.settings.grid_co2);
    // Every project reads its coefficients' values from one table worked out for the file.
    let table = factors.resolve();
    let factors = factors.with_table(&table);
    let mut errors = Vec::new();
    let mut results = Vec::with_capacity(file.projects.len());
    let seen = ReadsSeen::default();
    for p in &file.projects {
        // Every project of a valid file is a valid project.
        match compute_checked(p, &factors, &file.settings, keep_trails, Some(&seen)) {
            Ok(r) => results.push(r),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let projects: Vec<&Project> = file.projects.iter().collect();
    let mut report = assemble_inner(
        file,
        library,
        &projects,
        &results.iter().collect::<Vec<_>>(),
        overlaps,
    )?;
    report.projects = results;
    Ok(report)
}

/// [`compute`]'s projects one at a time, each with its trail, handed to `f` and then dropped, so
/// that a report can be written as it is computed (the CLI's JSON of a big file) without holding
/// every trail at once. The same results in the same order as `compute(valid)?.projects`; `f`
/// returns `false` to stop early.
pub fn each_project(
    valid: &Valid<ProjectFile>,
    mut f: impl FnMut(ProjectResult) -> bool,
) -> Result<(), Vec<Error>> {
    let file: &ProjectFile = valid;
    let factors = Factors::new(valid.library(), &file.overrides)
        .in_year(file.year)
        .on_grid(file.settings.grid_co2);
    let table = factors.resolve();
    let factors = factors.with_table(&table);
    let seen = ReadsSeen::default();
    for p in &file.projects {
        if !f(compute_checked(
            p,
            &factors,
            &file.settings,
            true,
            Some(&seen),
        )?) {
            break;
        }
    }
    Ok(())
}

/// The file's report from its projects' results (one per project of `projects`, in order): totals,
/// groups, progress against the file's targets, the overrides in force and the bulletin. The
/// projects of `file` itself are not read, so a register can total the projects it counts; the
/// report's `projects` list is left empty (the caller owns the results).
pub fn assemble(
    file: &ProjectFile,
    projects: &[&Project],
    results: &[&ProjectResult],
) -> Result<Report, Vec<Error>> {
    assemble_with(file, file.library(), projects, results)
}

/// [`assemble`] with a given library (the version the report states and the overrides' defaults).
pub fn assemble_with(
    file: &ProjectFile,
    library: &FactorLibrary,
    projects: &[&Project],
    results: &[&ProjectResult],
) -> Result<Report, Vec<Error>> {
    assemble_inner(file, library, projects, results, true)
}

/// [`assemble_with`]; without `overlaps`, the report's `overlaps` is left empty.
fn assemble_inner(
    file: &ProjectFile,
    library: &FactorLibrary,
    projects: &[&Project],
    results: &[&ProjectResult],
    overlaps: bool,
) -> Result<Report, Vec<Error>> {
    let factors = Factors::new(library, &file.overrides);
    let review = review_summary(file, results);
    // A project whose review status the file does not count is reported, out of every total.
    let (projects, results): (Vec<&Project>, Vec<&ProjectResult>) = projects
        .iter()
        .zip(results)
        .filter(|(_, r)| r.counted)
        .map(|(p, r)| (*p, *r))
        .unzip();
    let (projects, results) = (&projects[..], &results[..]);
    let mut totals = Amounts::default();
    let mut full_year_totals = Amounts::default();
    let mut offsets: Option<Amounts> = None;
    for r in results {
        totals.add(r.net());
        full_year_totals.add(&r.full_year);
        if let Some(o) = &r.offset {
            offsets.get_or_insert_with(Amounts::default).add(o);
        }
    }
    if let Some(key) = totals
        .first_non_finite()
        .or(full_year_totals.first_non_finite())
    {
        return Err(vec![Error::new(
            None,
            Some(format!("totals.{}", key.code())),
            ErrorKind::NotFinite,
        )]);
    }
    let progress = file
        .targets
        .given()
        .map(|(key, target)| {
            let achieved = totals[key];
            let percent = (target > 0.0).then(|| achieved / target * 100.0);
            Progress {
                key,
                target,
                achieved,
                percent,
            }
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
    for p in projects {
        let pf = factors.for_project(&p.overrides);
        overrides.extend(
            p.overrides
                .keys()
                .filter_map(|id| pf.get(id))
                .map(|factor| OverrideUse {
                    project: Some(p.id.to_string()),
                    factor,
                }),
        );
    }
    let by_category = group_by_choice(results, |r| r.category);
    let by_type = group_by_choice(results, |r| r.type_name);
    let by_township = group_by(results, |r| r.township.as_deref().unwrap_or(""));
    let by_key_category = group_by_key_category(results);
    let implemented = results
        .iter()
        .filter(|p| p.category != Category::Structural)
        .count();
    let method = MethodUse::of(&file.settings, file.year);
    let bulletin = match method.id {
        Method::Total2011 => bulletin::write(implemented, &totals, file.year),
        Method::KeyProjects2021 => bulletin::write_2021(&bulletin::Inputs2021 {
            projects: results.len(),
            totals: &totals,
            year: file.year,
            order: file.settings.bulletin_order(),
            so2: file.settings.bulletin_so2(),
            // The offsets deducted from the totals (docs/methodology.md §2.4), 0 without any.
            offsets_deducted: offsets.as_ref().unwrap_or(&Amounts::default()),
        }),
    };
    let credited: Vec<&Amounts> = results.iter().map(|r| &r.credited).collect();
    let overlaps = match overlaps {
        true => overlap::find(projects, &credited),
        false => Vec::new(),
    };
    Ok(Report {
        format: crate::file::FORMAT,
        factor_library: library.version.clone(),
        title: file.title.clone(),
        region: file.region.clone(),
        year: file.year,
        crediting: file.settings.crediting(),
        electricity_basis: file.settings.electricity_basis(),
        method,
        grid_co2: file.settings.grid_co2(),
        totals,
        full_year_totals,
        offsets,
        by_category,
        by_type,
        by_township,
        by_key_category,
        progress,
        overrides,
        projects: Vec::new(),
        bulletin,
        overlaps,
        review,
    })
}

/// The report's `review`, when some project has a review or the file names its counted statuses.
fn review_summary(file: &ProjectFile, results: &[&ProjectResult]) -> Option<ReviewSummary> {
    let any = results.iter().any(|r| r.review_status.is_some());
    if !any && file.settings.counted_statuses.is_none() {
        return None;
    }
    let mut by_status = ByStatus::default();
    for r in results {
        by_status.add(r.review_status.unwrap_or(ReviewStatus::Submitted));
    }
    Some(ReviewSummary {
        counted: file.settings.counted_statuses(),
        by_status,
    })
}

impl ProjectResult {
    pub fn category_name(&self) -> &'static str {
        self.category.name()
    }
}

/// One finding of a check (`jianpai check`, the JS module's `check`): a project's warning, or a
/// pair of projects that may claim one reduction (an entry of the report's `overlaps`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CheckWarning<'r> {
    /// A warning of one project.
    Project {
        project: &'r str,
        warning: &'r Warning,
    },
    /// Possible double counting between two projects, naming both.
    Overlap(&'r Overlap),
}

impl<'r> CheckWarning<'r> {
    /// The `code` of a double-counting finding (a project warning's is its own kind's).
    pub const DOUBLE_COUNTING: &'static str = "double_counting";

    /// The project it names: the project's, or the first of the pair.
    pub fn project(&self) -> &'r str {
        match self {
            CheckWarning::Project { project, .. } => project,
            CheckWarning::Overlap(ov) => &ov.projects[0],
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            CheckWarning::Project { warning, .. } => warning.code(),
            CheckWarning::Overlap(_) => Self::DOUBLE_COUNTING,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            CheckWarning::Project { warning, .. } => warning.message(lang),
            CheckWarning::Overlap(ov) => lang.pick(&ov.message_zh, &ov.message_en).to_owned(),
        }
    }

    /// The line `jianpai check` prints after `FILE: `: the project's id and the message, or the
    /// message alone for a pair (it names both ids).
    pub fn line(&self, lang: Lang) -> String {
        match self {
            CheckWarning::Project { project, warning } => {
                format!("{project} {}", warning.message(lang))
            }
            CheckWarning::Overlap(_) => self.message(lang),
        }
    }
}

/// `{project, code, field, message_zh, message_en}`, a pair with `projects` and `rule` too (and
/// `field` null).
impl Serialize for CheckWarning<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("project", self.project())?;
        m.serialize_entry("code", self.code())?;
        match self {
            CheckWarning::Project { warning, .. } => {
                m.serialize_entry("field", &warning.field)?;
            }
            CheckWarning::Overlap(ov) => {
                m.serialize_entry("field", &None::<&str>)?;
                m.serialize_entry("projects", &ov.projects)?;
                m.serialize_entry("rule", &ov.rule)?;
            }
        }
        m.serialize_entry("message_zh", &self.message(Lang::Zh))?;
        m.serialize_entry("message_en", &self.message(Lang::En))?;
        m.end()
    }
}

impl Report {
    /// What a check lists: every project's warnings in project order, then every pair of
    /// projects that may claim one reduction.
    pub fn check_warnings(&self) -> Vec<CheckWarning<'_>> {
        self.projects
            .iter()
            .flat_map(|p| {
                p.warnings.iter().map(move |warning| CheckWarning::Project {
                    project: &p.id,
                    warning,
                })
            })
            .chain(self.overlaps.iter().map(CheckWarning::Overlap))
            .collect()
    }
}

/// [`group_by`] a choice's name (category, type): the few values are told apart by the enum
/// itself, not by comparing names, and the groups come out in the same (name) order.
fn group_by_choice<C: Choice>(
    projects: &[&ProjectResult],
    key: impl Fn(&ProjectResult) -> C,
) -> Vec<Group> {
    let mut groups: Vec<(C, Group)> = Vec::new();
    for r in projects {
        let k = key(r);
        let i = match groups.iter().position(|(c, _)| *c == k) {
            Some(i) => i,
            None => {
                groups.push((k, new_group(k.name())));
                groups.len() - 1
            }
        };
        count(&mut groups[i].1, r);
    }
    let mut groups: Vec<Group> = groups.into_iter().map(|(_, g)| g).collect();
    crate::order::sort_by(&mut groups, |a, b| a.key.cmp(&b.key));
    groups
}

/// The results by 十四五 category, in [`KeyCategory`]'s order, the categories with a project only;
/// empty when no result has one (the 2011 method).
fn group_by_key_category(projects: &[&ProjectResult]) -> Vec<Group> {
    // One pass over the results (not one per category): each group still adds its members in
    // project order, so every sum is the one of a pass per category, bit for bit.
    let mut groups: Vec<Option<Group>> = KeyCategory::VALUES.iter().map(|_| None).collect();
    for r in projects {
        let Some(c) = r.key_category else { continue };
        let Some(i) = KeyCategory::VALUES.iter().position(|&v| v == c) else {
            continue;
        };
        count(groups[i].get_or_insert_with(|| new_group(c.name())), r);
    }
    groups.into_iter().flatten().collect()
}

fn new_group(key: &str) -> Group {
    Group {
        key: key.to_owned(),
        projects: 0,
        credited: Amounts::default(),
        full_year: Amounts::default(),
    }
}

fn count(g: &mut Group, r: &ProjectResult) {
    g.projects += 1;
    g.credited.add(r.net());
    g.full_year.add(&r.full_year);
}

fn group_by<'a>(
    projects: &[&'a ProjectResult],
    key: impl Fn(&'a ProjectResult) -> &'a str,
) -> Vec<Group> {
    // Keys are borrowed while grouping: one allocation per group, not per project.
    // Each group's members are added in project order, as before; a run of projects with the
    // key of the one before (a register sorted or entered by township) skips the tree's search.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut last: Option<(&str, usize)> = None;
    for r in projects {
        let k = key(r);
        let i = match last {
            Some((lk, i)) if lk == k => i,
            _ => *index.entry(k).or_insert_with(|| {
                groups.push(new_group(k));
                groups.len() - 1
            }),
        };
        last = Some((k, i));
        count(&mut groups[i], r);
    }
    // In the keys' order (a tree's), as the tree of groups gave them.
    let mut groups: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    index
        .into_values()
        .filter_map(|i| groups[i].take())
        .collect()
}

#[cfg(test)]
mod grouping_tests {
    use super::*;

    /// The groups as they were worked out before (a tree of groups by township, one pass per
    /// key category): the one-pass versions must give the same groups, bit for bit.
    fn by_township_before(results: &[&ProjectResult]) -> Vec<Group> {
        let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
        for r in results {
            let k = r.township.as_deref().unwrap_or("");
            count(groups.entry(k).or_insert_with(|| new_group(k)), r);
        }
        groups.into_values().collect()
    }

    fn by_key_category_before(results: &[&ProjectResult]) -> Vec<Group> {
        KeyCategory::VALUES
            .iter()
            .filter_map(|&c| {
                let mut g = new_group(c.name());
                for r in results.iter().filter(|r| r.key_category == Some(c)) {
                    count(&mut g, r);
                }
                (g.projects > 0).then_some(g)
            })
            .collect()
    }

    #[test]
    fn groups_in_one_pass_are_the_groups_of_a_pass_per_group() {
        let file = crate::load(crate::SAMPLE_FILE).expect("the sample loads");
        let sample = compute_numbers(&file)
            .expect("the sample computes")
            .projects;
        // Townships in runs and interleaved, a blank one, every key category and none; amounts
        // that are not exact in binary (0.1, 0.7 …), so a sum in another order would differ.
        let towns = [
            Some("b"),
            Some("b"),
            Some("a"),
            None,
            Some("c"),
            Some("a"),
            Some("b"),
        ];
        let results: Vec<ProjectResult> = (0..200)
            .map(|i| {
                let mut r = sample[i % sample.len()].clone();
                r.township = towns[(i / 2) % towns.len()].map(Into::into);
                let cats = KeyCategory::VALUES;
                r.key_category = (i % 5 != 0).then(|| cats[(i * 3) % cats.len()]);
                for k in Key::ALL {
                    r.credited[k] = 0.1 * (i % 13) as f64 + 1e-7 * i as f64;
                    r.full_year[k] = 0.7 * (i % 11) as f64 + 3e-9 * (i * i) as f64;
                }
                r.offset = None;
                r
            })
            .collect();
        let refs: Vec<&ProjectResult> = results.iter().collect();
        let got = group_by(&refs, |r| r.township.as_deref().unwrap_or(""));
        assert_eq!(got, by_township_before(&refs));
        // Keys in order: "", "a", "b", "c".
        let keys: Vec<&str> = got.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["", "a", "b", "c"]);
        let got = group_by_key_category(&refs);
        assert_eq!(got, by_key_category_before(&refs));
        assert!(got.len() > 1);
        for (g, want) in got.iter().zip(by_key_category_before(&refs)) {
            for k in Key::ALL {
                assert_eq!(g.credited[k].to_bits(), want.credited[k].to_bits());
            }
        }
    }
}
