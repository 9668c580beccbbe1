//! The project file, format `jianpai/1` (docs/file-format.md): the model, reading it with typed
//! errors, and writing it back. Reading is validating: a [`Valid`] file or project can only come
//! out of [`load`] (or [`ProjectFile::validate`]), so computing never checks again. Optional
//! fields stay `None` in the model (defaults are applied when computing), so a file read and
//! written again is unchanged, unknown fields included.

use crate::choice::Choice;
use crate::decode::Fields;
use crate::error::{Error, ErrorKind};
use crate::factors::{check_overrides, FactorLibrary, Override};
use crate::field::{FieldSpec, Limit};
use crate::json::{Kind, Obj, Val};
use crate::key::{Emissions, Key};
use crate::labels::Labelled;
use crate::lang::Label;
use crate::measures::Measure;
use crate::review::{is_date, Evidence, Review, ReviewStatus};
use crate::settings::{Category, KeyCategory, Settings};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// The format tag this build reads and writes.
pub const FORMAT: &str = "jianpai/1";

/// The county's targets for the year, under the report keys: the same optional amounts (and kept
/// unknown fields) as a set of annual emissions.
pub type Targets = Emissions;

/// The targets' fields, one per key of [`Key::EMISSIONS`], each with a usual range and a ceiling
/// no county's target reaches (docs/methodology.md §7.1, this tool's construction: the usual
/// range is a large prefecture's yearly figure, the ceiling above the whole country's).
pub const TARGETS: [FieldSpec; 7] = [
    FieldSpec::number("targets.cod_t", "t", "COD 削减目标", "COD reduction target")
        .plausible(100_000.0, 10_000_000.0),
    FieldSpec::number(
        "targets.nh3n_t",
        "t",
        "氨氮削减目标",
        "NH₃-N reduction target",
    )
    .plausible(10_000.0, 1_000_000.0),
    FieldSpec::number("targets.so2_t", "t", "SO₂ 削减目标", "SO₂ reduction target")
        .plausible(100_000.0, 10_000_000.0),
    FieldSpec::number("targets.nox_t", "t", "NOₓ 削减目标", "NOₓ reduction target")
        .plausible(100_000.0, 10_000_000.0),
    FieldSpec::number(
        "targets.vocs_t",
        "t",
        "VOCs 减排目标",
        "VOCs reduction target",
    )
    .plausible(100_000.0, 10_000_000.0),
    FieldSpec::number(
        "targets.tce",
        "tce",
        "节能目标（标煤）",
        "Energy-saving target (tce)",
    )
    .plausible(10_000_000.0, 1_000_000_000.0),
    FieldSpec::number("targets.water_t", "t", "节水目标", "Water-saving target")
        .plausible(1_000_000_000.0, 100_000_000_000.0),
];

/// A project's `start_year` (投运年份): the year its reduction began; whole, within 1900–2200.
pub const START_YEAR: FieldSpec = FieldSpec::number("start_year", "", "投运年份", "Start year")
    .limit(Limit::Range(1900.0, 2200.0));

/// The fields of a project's `offset` (reductions used as 区域削减 / 总量来源 for new or expanded
/// projects, deducted from its credited amount), one per key of [`Key::EMISSIONS`]: the unit,
/// usual range and ceiling of the target of the same key (docs/methodology.md §2.3), labelled
/// from the key's name. Built once from [`TARGETS`], so a key added there has its offset too.
pub fn offset_fields() -> &'static [FieldSpec] {
    static FIELDS: OnceLock<Vec<FieldSpec>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        TARGETS
            .iter()
            .filter_map(|t| {
                let key = Key::parse(t.key())?;
                let name = key.label();
                Some(FieldSpec {
                    path: leak(format!("offset.{}", key.code())),
                    label_zh: leak(format!("{}用于区域削减的减排量", name.zh)),
                    label_en: leak(format!("{} used as offset", name.en)),
                    ..*t
                })
            })
            .collect()
    })
}

/// The fields of `plan_targets` (the five-year plan's targets, 十四五 / 十五五: reductions over the
/// five years, docs/file-format.md), one per key of [`Key::EMISSIONS`], built once from
/// [`TARGETS`]: the same unit, five times its usual range and ceiling (this tool's construction:
/// five years of a yearly target), labelled "COD 五年目标" / "COD five-year target".
pub fn plan_target_fields() -> &'static [FieldSpec] {
    static FIELDS: OnceLock<Vec<FieldSpec>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        TARGETS
            .iter()
            .filter_map(|t| {
                let key = Key::parse(t.key())?;
                let name = key.label();
                Some(FieldSpec {
                    path: leak(format!("plan_targets.{}", key.code())),
                    label_zh: leak(format!("{} 五年目标", name.zh)),
                    label_en: leak(format!("{} five-year target", name.en)),
                    usual: t.usual.map(|(lo, hi)| (lo * 5.0, hi * 5.0)),
                    ceiling: t.ceiling.map(|c| c * 5.0),
                    ..*t
                })
            })
            .collect()
    })
}

/// The declared field of `offset.<key>`, when the key can be offset.
pub fn offset_field(key: Key) -> Option<&'static FieldSpec> {
    offset_fields().iter().find(|s| s.key() == key.code())
}

/// A file or project that passed every check: only reading makes one, so computing trusts it.
#[derive(Clone, Debug, PartialEq)]
pub struct Valid<T>(T);

impl<T> Valid<T> {
    /// The checked value, to change it (a changed value must be validated again).
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Valid<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> Serialize for Valid<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// A shared text written as a string, as serde's `rc` feature would (without turning that feature
/// on for every crate of the workspace).
pub(crate) fn text<S: serde::Serializer>(t: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t)
}

/// An optional shared text: `None` as a unit, as serde writes an `Option<String>`.
pub(crate) fn opt_text<S: serde::Serializer>(
    t: &Option<Arc<str>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_some(&**t),
        None => s.serialize_none(),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Project {
    /// The id, name and township are shared (`Arc<str>`) with every result computed from the
    /// project: a compute clones a pointer, not the text (docs/performance.md, "texts shared").
    #[serde(serialize_with = "text")]
    pub id: Arc<str>,
    #[serde(skip_serializing_if = "str::is_empty", serialize_with = "text")]
    pub name: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_text")]
    pub township: Option<Arc<str>>,
    /// The enterprise or owner of the project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The 十四五 category (`key_category`) when the project says otherwise than its type
    /// (docs/methodology.md §2.7); read only under the 2021 method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_category: Option<KeyCategory>,
    /// First month of stable operation or of closure, 1–12; `None` = the whole year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_month: Option<u8>,
    /// The year the reduction began (`None` = the file's year); a project of the year before
    /// contributes this year the months it was not credited then (翘尾, docs/methodology.md §2.3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_year: Option<i64>,
    /// Reductions used as 区域削减 for new or expanded projects, deducted from the credited
    /// amount (docs/methodology.md §2.4), with the object's unknown fields.
    #[serde(skip_serializing_if = "Emissions::is_blank")]
    pub offset: Emissions,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, Override>,
    /// The county's review of the project (status, note, evidence); `None`: 申报, as filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    pub measure: Measure,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The label of a project's `key_category` (the 十四五 category), in messages and forms.
pub const KEY_CATEGORY_LABEL: Label = Label::new("十四五类别", "14th Five-Year Plan category");

impl Project {
    /// The category given, else the measure type's usual one.
    pub fn category(&self) -> Category {
        self.category
            .unwrap_or_else(|| self.measure.default_category())
    }

    /// The 十四五 category given, else the measure's usual one.
    pub fn key_category(&self) -> KeyCategory {
        self.key_category
            .unwrap_or_else(|| self.measure.default_key_category())
    }

    /// A new project with the given id and measure, every optional field empty.
    pub fn new(id: impl Into<String>, measure: Measure) -> Self {
        Project {
            id: Arc::from(id.into()),
            name: Arc::from(""),
            township: None,
            enterprise: None,
            category: None,
            key_category: None,
            start_month: None,
            start_year: None,
            offset: Emissions::default(),
            overrides: BTreeMap::new(),
            review: None,
            measure,
            extra: Map::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectFile {
    pub format: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    pub settings: Settings,
    #[serde(skip_serializing_if = "Emissions::is_blank")]
    pub targets: Targets,
    /// The five-year plan's targets (十四五 2021–2025, 十五五 2026–2030), the reductions the
    /// whole period is to reach; the five-year view reads them from the period's latest register
    /// that gives them ([`crate::plan`]).
    #[serde(skip_serializing_if = "Emissions::is_blank")]
    pub plan_targets: Targets,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, Override>,
    /// Version of the factor library the file was last computed with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor_library: Option<String>,
    pub projects: Vec<Project>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for ProjectFile {
    fn default() -> Self {
        ProjectFile {
            format: FORMAT.into(),
            title: String::new(),
            region: String::new(),
            year: None,
            settings: Settings::default(),
            targets: Targets::default(),
            plan_targets: Targets::default(),
            overrides: BTreeMap::new(),
            factor_library: None,
            projects: Vec::new(),
            extra: Map::new(),
        }
    }
}

impl ProjectFile {
    /// The file as pretty JSON, the form the app saves and the CLI reads.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The file as compact JSON (a share link carries it).
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The factor library this file computes with (the version it records, else the current
    /// one); a valid file's version is known.
    pub fn library(&self) -> &'static FactorLibrary {
        FactorLibrary::for_file(self.factor_library.as_deref()).unwrap_or(FactorLibrary::builtin())
    }

    /// Checks a file built or changed in code exactly as a file read from disk is checked (it is
    /// written out and read back, so there is one set of rules).
    pub fn validate(&self) -> Result<Valid<ProjectFile>, Vec<Error>> {
        load_value(&serde_json::to_value(self).unwrap_or(Value::Null))
    }
}

impl Project {
    /// Checks a project built or changed in code, as [`ProjectFile::validate`] does a file.
    pub fn validate(&self) -> Result<Valid<Project>, Vec<Error>> {
        load_project(&serde_json::to_value(self).unwrap_or(Value::Null))
    }
}

/// Reads and validates a project file. Every problem found is returned, each naming its
/// project and field; nothing panics on any input.
pub fn load(text: &str) -> Result<Valid<ProjectFile>, Vec<Error>> {
    load_bytes(text.as_bytes())
}

/// [`load`] for the bytes of a file as saved: a UTF-8 byte-order mark is skipped; bytes that are
/// not UTF-8 and a key given twice in one object are errors (see [`crate::json`]).
pub fn load_bytes(bytes: &[u8]) -> Result<Valid<ProjectFile>, Vec<Error>> {
    let value =
        crate::json::parse(bytes).map_err(|e| vec![crate::json::to_file_error(e, bytes, true)])?;
    load_value(&value)
}

/// Reads and validates a project file already parsed as JSON.
pub fn load_value(value: &Value) -> Result<Valid<ProjectFile>, Vec<Error>> {
    let Some(obj) = value.as_object() else {
        return Err(vec![Error::new(None, None, ErrorKind::NotAnObject)]);
    };
    load_object(obj, None)
}

/// [`load_value`] for the top-level object; `decoded` holds the projects (and their errors)
/// when [`crate::stream`] decoded them one by one as it read the bytes, its `projects` then
/// left out of `obj`.
pub(crate) fn load_object(
    obj: &Map<String, Value>,
    decoded: Option<(Vec<Project>, Vec<Error>)>,
) -> Result<Valid<ProjectFile>, Vec<Error>> {
    // The projects that decoded are checked too, so every problem is reported at once.
    let (file, mut errors) = decode_file(Obj::Value(obj), decoded)?;
    // Membership only (the errors follow the projects' order): a hash set, sized once (a
    // `BTreeSet` of 10,000 ids cost ≈1,500 instructions an id, mostly comparing keys).
    let mut seen = HashSet::with_capacity(file.projects.len());
    for p in &file.projects {
        if !seen.insert(&*p.id) {
            errors.push(Error::new(
                Some(&p.id),
                Some("id".into()),
                ErrorKind::DuplicateId {
                    id: p.id.to_string(),
                },
            ));
        }
    }
    if errors.is_empty() {
        Ok(Valid(file))
    } else {
        Err(errors)
    }
}

/// Reads and validates one project object (the app's form, an imported row) exactly as a project
/// inside a file is read; a project without an id is named by its position, `#1`. Every problem
/// found is returned, each naming the project and field.
pub fn load_project(value: &Value) -> Result<Valid<Project>, Vec<Error>> {
    load_project_at(value, 0)
}

/// [`load_project`] for the project at `index` of a list (named `#index+1` when it has no id).
pub fn load_project_at(value: &Value, index: usize) -> Result<Valid<Project>, Vec<Error>> {
    let mut errors = Vec::new();
    let project = decode_project(Val::Value(value), index, &mut errors);
    match project {
        Some(p) if errors.is_empty() => Ok(Valid(p)),
        _ => Err(errors),
    }
}

/// [`load_project`] for the bytes of one project object, read as [`load_bytes`] reads a file.
pub fn load_project_bytes(bytes: &[u8]) -> Result<Valid<Project>, Vec<Error>> {
    let value =
        crate::json::parse(bytes).map_err(|e| vec![crate::json::to_file_error(e, bytes, false)])?;
    load_project(&value)
}

/// The file with the projects that decoded, and the decoding errors; `Err` when the text is not
/// a `jianpai/1` file at all.
fn decode_file(
    obj: Obj<'_>,
    decoded: Option<(Vec<Project>, Vec<Error>)>,
) -> Result<(ProjectFile, Vec<Error>), Vec<Error>> {
    let mut errors = Vec::new();
    let mut f = Fields::new(obj, None, "", &mut errors);
    let format = f.opt_text("format").unwrap_or_default();
    if format != FORMAT {
        f.error(
            "format",
            ErrorKind::UnsupportedFormat {
                found: format.clone(),
            },
        );
        // A file of another format is not read further: its fields may mean other things.
        return Err(errors);
    }
    let mut file = ProjectFile {
        format,
        title: f.opt_text("title").unwrap_or_default(),
        region: f.opt_text("region").unwrap_or_default(),
        year: whole(&mut f, "year"),
        factor_library: f.opt_text("factor_library"),
        ..ProjectFile::default()
    };
    if let Some(s) = f.opt_object("settings") {
        let mut sf = f.nested(s, "settings");
        file.settings.crediting = sf.opt_choice("crediting");
        file.settings.electricity_basis = sf.opt_choice("electricity_basis");
        file.settings.method = sf.opt_choice("method");
        file.settings.bulletin_order = sf.opt_choice("bulletin_order");
        file.settings.bulletin_so2 = sf.opt_flag("bulletin_so2");
        file.settings.grid_co2 = sf.opt_choice("grid_co2");
        file.settings.counted_statuses = counted_statuses(&mut sf);
        file.settings.extra = rest(
            s,
            &[
                "crediting",
                "electricity_basis",
                "method",
                "bulletin_order",
                "bulletin_so2",
                "grid_co2",
                "counted_statuses",
            ],
        );
    }
    file.targets = f.emissions("targets", &TARGETS).unwrap_or_default();
    file.plan_targets = f
        .emissions("plan_targets", plan_target_fields())
        .unwrap_or_default();
    let library = match FactorLibrary::for_file(file.factor_library.as_deref()) {
        Ok(lib) => Some(lib),
        Err(kind) => {
            f.error("factor_library", kind);
            None
        }
    };
    file.overrides = decode_overrides(&mut f, "overrides");
    check_overrides(&file.overrides, None, library, f.errors);
    match (decoded, obj.get("projects").map(Val::kind)) {
        // Decoded while reading: their errors come here, where the loop below puts them.
        (Some((projects, errs)), _) => {
            file.projects = projects;
            f.errors.extend(errs);
        }
        (None, None | Some(Kind::Null)) => {}
        (None, Some(Kind::Array(items))) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(p) = decode_project(item, i, f.errors) {
                    file.projects.push(p);
                }
            }
        }
        (None, Some(_)) => f.error("projects", ErrorKind::NotAList),
    }
    // A choice that picks a coefficient this file's library lacks (an older library): refused
    // at the choice, which the user can replace by a value of their own.
    if let Some(lib) = library {
        for p in &file.projects {
            if let Some((spec, id)) = p.measure.picked_factor() {
                if lib.get(id.id()).is_none() {
                    let field = format!("measure.{}", spec.path);
                    let kind = ErrorKind::UnknownFactor { id: id.id().into() };
                    f.errors
                        .push(Error::new(Some(&p.id), Some(field), kind).labelled(spec.labels()));
                }
            }
        }
    }
    file.extra = rest(
        obj,
        &[
            "format",
            "title",
            "region",
            "year",
            "settings",
            "targets",
            "plan_targets",
            "overrides",
            "factor_library",
            "projects",
        ],
    );
    Ok((file, errors))
}

/// An optional text read straight into the `Arc<str>` the project and its results share (one
/// copy of the text); not text: `Fields::opt_text`'s error.
fn shared_text(f: &mut Fields<'_>, key: &str) -> Option<Arc<str>> {
    let v = f.value(key)?;
    match v.as_str() {
        Some(s) => Some(Arc::from(s)),
        None => f.opt_text(key).map(Arc::from),
    }
}

pub(crate) fn decode_project(
    value: Val<'_>,
    index: usize,
    errors: &mut Vec<Error>,
) -> Option<Project> {
    // The position as a name (`#3`), written only for a project that needs it (no usable id).
    let label = || format!("#{}", index + 1);
    let Some(obj) = value.as_object() else {
        errors.push(Error::new(Some(&label()), None, ErrorKind::NotAnObject));
        return None;
    };
    // The id names the project in every later message; fall back to its position.
    let id: Arc<str> = match obj.get("id").map(Val::kind) {
        Some(Kind::String(s)) if !s.trim().is_empty() => Arc::from(s),
        Some(Kind::Number(n)) => n.to_string().into(),
        None | Some(Kind::Null) => {
            errors.push(Error::new(
                Some(&label()),
                Some("id".into()),
                ErrorKind::Missing,
            ));
            label().into()
        }
        Some(_) => {
            errors.push(Error::new(
                Some(&label()),
                Some("id".into()),
                ErrorKind::NotText,
            ));
            label().into()
        }
    };
    let before = errors.len();
    let mut f = Fields::new(obj, Some(&*id), "", errors);
    let name = shared_text(&mut f, "name").unwrap_or_else(|| Arc::from(""));
    let township = shared_text(&mut f, "township").filter(|t| !t.trim().is_empty());
    let enterprise = f.opt_text("enterprise");
    let category = f.opt_choice("category");
    let at = f.errors.len();
    let key_category = f.opt_choice("key_category");
    for e in &mut f.errors[at..] {
        e.label = Some(KEY_CATEGORY_LABEL);
    }
    let start_month = match f.opt_number("start_month") {
        None => None,
        Some(m) if m.fract() == 0.0 && (1.0..=12.0).contains(&m) => Some(m as u8),
        Some(m) => {
            f.error("start_month", ErrorKind::Month { value: m });
            None
        }
    };
    let start_year = match f.num(&START_YEAR) {
        Some(y) if y.fract() == 0.0 => Some(y as i64),
        Some(_) => {
            f.fail(&START_YEAR, ErrorKind::NotAnInteger);
            None
        }
        None => None,
    };
    let offset = f.emissions("offset", offset_fields()).unwrap_or_default();
    let overrides = decode_overrides(&mut f, "overrides");
    check_overrides(&overrides, Some(&*id), None, f.errors);
    let at = f.errors.len();
    let review = decode_review(&mut f);
    // The review's errors are named by the field's label (审核状态 …), as a form shows them.
    for e in &mut f.errors[at..] {
        if let Some(label) = e.field.as_deref().and_then(review_label) {
            e.label = Some(label);
        }
    }
    let measure = match f.opt_object("measure") {
        Some(m) => {
            let mut mf = f.nested(m, "measure");
            Measure::decode(&mut mf)
        }
        None => {
            // `null` counts as absent: a project is never dropped without an error.
            if !f.has("measure") {
                f.error("measure", ErrorKind::Missing);
            }
            None
        }
    };
    let extra = rest(
        obj,
        &[
            "id",
            "name",
            "township",
            "enterprise",
            "category",
            "key_category",
            "start_month",
            "start_year",
            "offset",
            "overrides",
            "review",
            "measure",
        ],
    );
    let measure = measure?;
    (errors.len() == before).then_some(Project {
        id,
        name,
        township,
        enterprise,
        category,
        key_category,
        start_month,
        start_year,
        offset,
        overrides,
        review,
        measure,
        extra,
    })
}

/// `settings.counted_statuses`: a list of review statuses (each one of [`ReviewStatus`]'s names;
/// an unknown one is an error at `settings.counted_statuses.<index>`).
fn counted_statuses(f: &mut Fields<'_>) -> Option<Vec<ReviewStatus>> {
    let key = "counted_statuses";
    let Some(items) = f.value(key)?.as_array() else {
        f.error(key, ErrorKind::NotAList);
        return None;
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{key}.{i}");
        match item.as_str() {
            None => f.error(&at, ErrorKind::NotText),
            Some(s) => match ReviewStatus::parse(s) {
                Some(st) => out.push(st),
                None => f.error(
                    &at,
                    ErrorKind::UnknownChoice {
                        found: s.to_owned(),
                        expected: ReviewStatus::NAMES.to_vec(),
                    },
                ),
            },
        }
    }
    Some(out)
}

/// The label of a field of a project's `review`, by its path.
fn review_label(field: &str) -> Option<crate::lang::Label> {
    use crate::lang::Label;
    let rest = field.strip_prefix("review")?;
    Some(match rest {
        "" => Label::new("审核", "Review"),
        ".status" => Label::new("审核状态", "Review status"),
        ".note" => Label::new("审核意见", "Reviewer's note"),
        ".evidence" => Label::new("证明材料", "Evidence"),
        _ if rest.ends_with(".date") => Label::new("证明材料日期", "Evidence date"),
        _ if rest.ends_with(".name") => Label::new("证明材料名称", "Evidence name"),
        _ if rest.ends_with(".number") => Label::new("证明材料编号", "Evidence number"),
        _ => Label::new("证明材料", "Evidence"),
    })
}

/// A project's `review` (docs/file-format.md): `status` one of [`ReviewStatus`], `note` text,
/// `evidence` a list of `{name, number, date}` (texts; the date `YYYY-MM-DD`); unknown fields kept.
fn decode_review(f: &mut Fields<'_>) -> Option<Review> {
    let obj = f.opt_object("review")?;
    let mut rf = f.nested(obj, "review");
    let mut review = Review {
        status: rf.opt_choice("status"),
        note: rf.opt_text("note"),
        ..Review::default()
    };
    if let Some(given) = rf.value("evidence") {
        match given.as_array() {
            Some(items) => {
                let mut list = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let at = format!("evidence.{i}");
                    let Some(o) = item.as_object() else {
                        rf.error(&at, ErrorKind::NotAnObject);
                        continue;
                    };
                    let mut ef = rf.nested(o, &at);
                    let date = ef.opt_text("date");
                    if let Some(d) = date.as_deref().filter(|d| !is_date(d)) {
                        ef.error(
                            "date",
                            ErrorKind::NotADate {
                                found: d.to_owned(),
                            },
                        );
                    }
                    let mut e = Evidence {
                        name: ef.opt_text("name"),
                        number: ef.opt_text("number"),
                        date,
                        ..Evidence::default()
                    };
                    e.extra = ef.unread();
                    list.push(e);
                }
                review.evidence = Some(list);
            }
            None => rf.error("evidence", ErrorKind::NotAList),
        }
    }
    review.extra = rf.unread();
    Some(review)
}

fn decode_overrides(f: &mut Fields<'_>, key: &str) -> BTreeMap<String, Override> {
    let mut out = BTreeMap::new();
    let Some(obj) = f.opt_object(key) else {
        return out;
    };
    let mut of = f.nested(obj, key);
    // In key order: one error per override, in the order of a `BTreeMap`.
    for (id, v) in obj.sorted() {
        let Some(o) = v.as_object() else {
            of.error(id, ErrorKind::NotAnObject);
            continue;
        };
        let mut vf = of.nested(o, id);
        let value = match vf.opt_number("value") {
            Some(v) => v,
            None => {
                if !vf.has("value") {
                    vf.error("value", ErrorKind::Missing);
                }
                f64::NAN
            }
        };
        let note = vf.opt_text("note").unwrap_or_default();
        out.insert(id.to_owned(), Override { value, note });
    }
    out
}

fn whole(f: &mut Fields<'_>, key: &str) -> Option<i64> {
    let v = f.opt_number(key)?;
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Some(v as i64)
    } else {
        f.error(key, ErrorKind::NotAnInteger);
        None
    }
}

/// The fields of `obj` not in `known`, kept so that saving never drops a user's data.
fn rest(obj: Obj<'_>, known: &[&str]) -> Map<String, Value> {
    crate::order::object(
        obj.members()
            .filter(|(_, k, _)| !known.contains(k))
            .map(|(_, k, v)| (k.to_owned(), v.to_value())),
    )
}
