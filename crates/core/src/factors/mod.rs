//! The factor library: every coefficient with its value, unit, source note, formal citation and
//! status, compiled in from `data/factors.json`, the released libraries kept as data
//! (`data/libraries/<version>.json`) so that a file computes with the library it records, and the
//! resolution of a file's (or a project's) overrides on top of it. `rows` picks among several
//! entries (electricity's year rows, coal CO₂ after a per-tce override), each rule written once:
//! [`Factors::value`] reads the pick's value, [`Factors::of`] builds the trail's entry from the
//! same pick. [`Factor::citation`] is what a printed document cites.

use crate::choice::{choice, Choice};
use crate::error::{Error, ErrorKind};
use crate::lang::Lang;
use crate::settings::GridCo2;
use crate::status::Status;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

mod rows;

choice! {
    /// A coefficient the engine itself asks for; its name is its id in the library (a test
    /// checks that every one is there).
    pub enum FactorId {
        SulfurConversion => "so2.sulfur_conversion",
        NoxCoalBoiler => "nox.coal_boiler_kg_per_t",
        FlueGasPerCoal => "flue_gas.coal_nm3_per_t",
        GasSo2 => "gas.so2_kg_per_10k_m3",
        GasNox => "gas.nox_kg_per_10k_m3",
        UltraLowSo2 => "limit.ultra_low.so2_mg_m3",
        UltraLowNox => "limit.ultra_low.nox_mg_m3",
        O2RefCoalPower => "flue_gas.o2_ref.coal_power_pct",
        UltraLowSteelSinterSo2 => "limit.ultra_low.steel_sinter.so2_mg_m3",
        UltraLowSteelSinterNox => "limit.ultra_low.steel_sinter.nox_mg_m3",
        O2RefSteelSinter => "flue_gas.o2_ref.steel_sinter_pct",
        UltraLowCementKilnSo2 => "limit.ultra_low.cement_kiln.so2_mg_m3",
        UltraLowCementKilnNox => "limit.ultra_low.cement_kiln.nox_mg_m3",
        O2RefCementKiln => "flue_gas.o2_ref.cement_kiln_pct",
        RawCoal => "tce.raw_coal",
        WashedCoal => "tce.washed_coal",
        Coke => "tce.coke",
        CrudeOil => "tce.crude_oil",
        FuelOil => "tce.fuel_oil",
        Gasoline => "tce.gasoline",
        Diesel => "tce.diesel",
        Lpg => "tce.lpg",
        NaturalGas => "tce.natural_gas",
        ElectricityEquivalent => "tce.electricity_equivalent",
        ElectricityEqualValue => "tce.electricity_equal_value",
        Steam => "tce.steam",
        Heat => "tce.heat",
        Water => "tce.water",
        Co2PerTce => "co2.per_tce",
        PigCod => "livestock.pig.cod_kg",
        PigNh3n => "livestock.pig.nh3n_kg",
        DairyCowPe => "livestock.pe.dairy_cow",
        BeefCattlePe => "livestock.pe.beef_cattle",
        LayerPe => "livestock.pe.layer",
        BroilerPe => "livestock.pe.broiler",
        NaturalGasOilfield => "tce.natural_gas_oilfield",
        Kerosene => "tce.kerosene",
        Co2Coal => "co2.coal_per_tce",
        Co2NaturalGas => "co2.natural_gas_kg_per_m3",
        Co2CrudeOil => "co2.crude_oil_t_per_t",
        Co2FuelOil => "co2.fuel_oil_t_per_t",
        Co2Gasoline => "co2.gasoline_t_per_t",
        Co2Kerosene => "co2.kerosene_t_per_t",
        Co2Diesel => "co2.diesel_t_per_t",
        Co2Lpg => "co2.lpg_t_per_t",
        Co2Grid => "co2.grid_electricity",
        PigCodBeijing => "livestock.pig.cod_kg.beijing_measured",
        Co2NaturalGasGasfield => "co2.natural_gas_gasfield_kg_per_m3",
        Co2NaturalGasPerTj => "co2.natural_gas_t_per_tj",
        Co2Coke => "co2.coke_t_per_t",
        VocsCaptureSealedNegative => "vocs.capture.sealed_negative_pct",
        VocsCaptureSealedPositive => "vocs.capture.sealed_positive_pct",
        VocsCaptureDoubleSealed => "vocs.capture.double_sealed_pct",
        VocsCaptureDirect => "vocs.capture.direct_pct",
        VocsCaptureEnclosureFast => "vocs.capture.enclosure_fast_pct",
        VocsCaptureEnclosureSlow => "vocs.capture.enclosure_slow_pct",
        VocsCaptureHoodFast => "vocs.capture.hood_fast_pct",
        VocsCaptureHoodSlow => "vocs.capture.hood_slow_pct",
        RuralWaterPerPerson => "water.rural_l_per_person_day",
        VocsLowLimitInk => "vocs.low_limit.ink_pct",
        VocsLowLimitAdhesive => "vocs.low_limit.adhesive_pct",
    }
}

impl FactorId {
    pub fn id(self) -> &'static str {
        self.name()
    }
}

/// One coefficient of the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub id: String,
    pub value: f64,
    pub unit: String,
    pub name_zh: String,
    pub name_en: String,
    /// The research note: how and where the value was read (docs/methodology.md keeps the
    /// same notes with their references). Printed documents cite [`Factor::citation`] instead.
    pub source: String,
    pub status: Status,
    pub edition: String,
    /// The short formal citation in Chinese: document or standard number, table or clause,
    /// edition, and a closing status mark ([`Status::citation_mark`]). A documentation field: it
    /// changes no result, so adding or rewording it does not make a new library version. Absent
    /// in a library shipped before citations existed (read through [`Factor::citation`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_zh: Option<String>,
    /// The same citation in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation_en: Option<String>,
}

/// The versioned library compiled into the binary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorLibrary {
    pub version: String,
    pub factors: Vec<Factor>,
    /// Each entry as a trail cites it (citations inherited filled in), made once and shared by
    /// every [`FactorUse`] of it ([`FactorLibrary::cited`]); not part of the library's data.
    #[serde(skip)]
    cited: Cited,
}

/// [`FactorLibrary`]'s shared entries, made on first use. Neither compared nor copied: a clone
/// of a library makes its own (so a clone edited before use cites its own entries).
#[derive(Default)]
struct Cited(OnceLock<Box<[Arc<Factor>]>>);

impl Clone for Cited {
    fn clone(&self) -> Self {
        Cited::default()
    }
}

impl PartialEq for Cited {
    fn eq(&self, _: &Cited) -> bool {
        true
    }
}

impl std::fmt::Debug for Cited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cited")
    }
}

const LIBRARY_JSON: &str = include_str!("../../data/factors.json");

impl FactorLibrary {
    /// The library compiled into this build. The data file is checked by the test suite, so the
    /// parse cannot fail at run time in a tested build.
    pub fn builtin() -> &'static FactorLibrary {
        static LIB: OnceLock<FactorLibrary> = OnceLock::new();
        LIB.get_or_init(|| match serde_json::from_str(LIBRARY_JSON) {
            Ok(lib) => lib,
            // Unreachable in a tested build (see the `library_parses` test); an empty library
            // makes every lookup report an unknown factor instead of panicking.
            Err(_) => FactorLibrary {
                version: "invalid".into(),
                factors: Vec::new(),
                cited: Cited::default(),
            },
        })
    }

    pub fn get(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// The entry `id` as a trail cites it: one shared `Arc` per entry of this library (every
    /// trail of every project of a report points at the same one; `Arc::ptr_eq` tells a use of
    /// the same entry), its citations filled in where it inherits them ([`Factor::citation`]).
    /// Its `value` is the library's: the value in force is [`FactorUse::value`]. A library is
    /// not edited once used (a released one never is; a clone makes its own entries).
    pub fn cited(&self, id: &str) -> Option<&Arc<Factor>> {
        self.cited_at(self.factors.iter().position(|f| f.id == id)?)
    }

    /// [`FactorLibrary::cited`] of the entry at position `i` of `factors`.
    fn cited_at(&self, i: usize) -> Option<&Arc<Factor>> {
        self.cited
            .0
            .get_or_init(|| {
                self.factors
                    .iter()
                    .map(|f| Arc::new(f.clone().with_citations()))
                    .collect()
            })
            .get(i)
    }

    /// Every released library this build knows, oldest first, the current one last. A released
    /// library is never edited: a file records its version and computes with it forever.
    pub fn released() -> &'static [FactorLibrary] {
        static ALL: OnceLock<Vec<FactorLibrary>> = OnceLock::new();
        ALL.get_or_init(|| {
            let current = FactorLibrary::builtin();
            let mut all: Vec<FactorLibrary> = ARCHIVED
                .iter()
                // Checked by the `archived_libraries_parse` test.
                .filter_map(|text| serde_json::from_str::<FactorLibrary>(text).ok())
                .filter(|lib| lib.version != current.version)
                .collect();
            all.push(current.clone());
            all
        })
    }

    /// The released library of this version, if this build knows it.
    pub fn version(version: &str) -> Option<&'static FactorLibrary> {
        FactorLibrary::released()
            .iter()
            .find(|lib| lib.version == version)
    }

    /// The versions this build knows, oldest first.
    pub fn known_versions() -> Vec<String> {
        FactorLibrary::released()
            .iter()
            .map(|lib| lib.version.clone())
            .collect()
    }

    /// The library a file computes with: the version it records, or the current one when it
    /// records none. An unknown version (a newer build's, a typo) is an error, never a guess.
    pub fn for_file(recorded: Option<&str>) -> Result<&'static FactorLibrary, ErrorKind> {
        match recorded {
            None => Ok(FactorLibrary::builtin()),
            Some(v) => FactorLibrary::version(v).ok_or_else(|| ErrorKind::UnknownLibrary {
                version: v.to_owned(),
                known: FactorLibrary::known_versions(),
            }),
        }
    }

    /// Whether the library has yearly grid CO₂ factors (`co2.grid_electricity.<basis>.<year>`,
    /// from 2026.12-1); an older one has the single `co2.grid_electricity`.
    pub fn has_grid_rows(&self) -> bool {
        let prefix = format!("{}.", FactorId::Co2Grid.id());
        self.factors.iter().any(|f| f.id.starts_with(&prefix))
    }

    /// Whether this is the current library of the build.
    pub fn is_current(&self) -> bool {
        self.version == FactorLibrary::builtin().version
    }
}

/// The released libraries, as shipped (byte copies of `factors.json` at each release), oldest
/// first. The current library is `factors.json` itself; its own copy here, if any, is skipped.
#[cfg(not(feature = "test-libraries"))]
const ARCHIVED: &[&str] = &[
    include_str!("../../data/libraries/2026.11-2.json"),
    include_str!("../../data/libraries/2026.11-3.json"),
];
/// With the test fixture: a hand-made "older" library (raw coal 0.7, CO₂ 2.5, no heat row, a peat
/// row) that the app's browser tests open, whatever the released versions are.
#[cfg(feature = "test-libraries")]
const ARCHIVED: &[&str] = &[
    include_str!("../../tests/data/library-0000.00-test.json"),
    include_str!("../../data/libraries/2026.11-2.json"),
    include_str!("../../data/libraries/2026.11-3.json"),
];

/// A user's replacement for a library default; the note (justification) is required.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Override {
    pub value: f64,
    pub note: String,
}

/// A coefficient as used in one computation: the library entry with the value in force, and
/// where that value came from. Reads as the entry itself (`use.id`, `use.unit`), its own
/// `value` being the value in force. Written as the entry's fields in order with `value` the
/// value in force, then `default_value`, `override_note` and `picked` when given (the report's
/// JSON as when the entry was copied into each use).
#[derive(Clone, Debug, PartialEq)]
pub struct FactorUse {
    /// The library entry, shared by every use of it ([`FactorLibrary::cited`]; `Arc::as_ptr`
    /// is the same for two uses of one entry of one library). Its own `value` is the library's.
    pub factor: Arc<Factor>,
    /// The value in force: the override's, another entry's (a pick), else the library's.
    pub value: f64,
    /// Library default, when an override replaced it.
    pub default_value: Option<f64>,
    /// The override's justification, when one is in force.
    pub override_note: Option<String>,
    /// Why this entry was picked among several (a year's row, a chosen kind or set).
    pub picked: Option<Picked>,
}

/// The fields of the entry, `value` in force, then the use's own: the same map, key for key,
/// as the derived `#[serde(flatten)]` of a copied entry wrote (a flattened struct is a map).
impl Serialize for FactorUse {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let f = &*self.factor;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &f.id)?;
        m.serialize_entry("value", &self.value)?;
        m.serialize_entry("unit", &f.unit)?;
        m.serialize_entry("name_zh", &f.name_zh)?;
        m.serialize_entry("name_en", &f.name_en)?;
        m.serialize_entry("source", &f.source)?;
        m.serialize_entry("status", &f.status)?;
        m.serialize_entry("edition", &f.edition)?;
        if let Some(c) = &f.citation_zh {
            m.serialize_entry("citation_zh", c)?;
        }
        if let Some(c) = &f.citation_en {
            m.serialize_entry("citation_en", c)?;
        }
        if let Some(v) = &self.default_value {
            m.serialize_entry("default_value", v)?;
        }
        if let Some(n) = &self.override_note {
            m.serialize_entry("override_note", n)?;
        }
        if let Some(p) = &self.picked {
            m.serialize_entry("picked", p)?;
        }
        m.end()
    }
}

/// The reason a coefficient was picked, in both languages (shown in the trail).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Picked {
    pub zh: String,
    pub en: String,
}

impl Picked {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Picked {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The library with the file's and one project's overrides applied.
#[derive(Clone, Copy, Debug)]
pub struct Factors<'a> {
    library: &'a FactorLibrary,
    file: &'a BTreeMap<String, Override>,
    project: Option<&'a BTreeMap<String, Override>>,
    /// The file's accounting year: picks year-indexed rows (electricity at equal value, the
    /// grid CO₂ factor).
    year: Option<i64>,
    /// The file's `settings.grid_co2`: the series the grid CO₂ factor's row is picked from.
    grid: Option<GridCo2>,
    /// The file-level values of every [`FactorId`], when worked out ([`Factors::resolve`]).
    table: Option<&'a Resolved>,
    /// Where the coefficients read are noted (bit `1 << id` per [`FactorId`] read by
    /// [`Factors::value`] or [`Factors::cite`]), when one project is computed
    /// ([`Factors::recording`]).
    reads: Option<&'a Cell<u64>>,
}

/// The value of every [`FactorId`] for one file (library, year, file overrides), worked out once
/// so that a file's projects read a coefficient by index instead of searching the library.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    values: [f64; FactorId::VALUES.len()],
    /// The library entry each one reads (its position in the library: what a trail cites);
    /// `None` for an id the library lacks.
    entries: [Option<u16>; FactorId::VALUES.len()],
    co2_per_fuel: bool,
}

static NO_OVERRIDES: BTreeMap<String, Override> = BTreeMap::new();

impl<'a> Factors<'a> {
    pub fn new(library: &'a FactorLibrary, file: &'a BTreeMap<String, Override>) -> Self {
        Factors {
            library,
            file,
            project: None,
            year: None,
            grid: None,
            table: None,
            reads: None,
        }
    }

    /// The same factors for a file of accounting year `year`.
    pub fn in_year(self, year: Option<i64>) -> Self {
        Factors {
            year,
            table: None,
            ..self
        }
    }

    /// The same factors for a file whose `settings.grid_co2` is `grid` (`None`: not given, the
    /// default series; a library without grid rows then uses `co2.grid_electricity` as it did).
    pub fn on_grid(self, grid: Option<GridCo2>) -> Self {
        Factors {
            grid,
            table: None,
            ..self
        }
    }

    /// The accounting year these factors are for (`None`: a file without `year`).
    pub fn year(&self) -> Option<i64> {
        self.year
    }

    /// The file-level value of every [`FactorId`] (this project's overrides left out), for
    /// [`Factors::with_table`].
    pub fn resolve(&self) -> Resolved {
        let file = Factors {
            project: None,
            table: None,
            ..*self
        };
        Resolved {
            values: std::array::from_fn(|i| file.look_up(FactorId::VALUES[i])),
            entries: std::array::from_fn(|i| file.find_entry(FactorId::VALUES[i])),
            co2_per_fuel: file.co2_per_fuel(),
        }
    }

    /// The same factors reading [`Factors::value`] from `table`, which must be these factors'
    /// own [`Factors::resolve`] (a project with overrides of its own still looks its values up).
    pub fn with_table(self, table: &'a Resolved) -> Self {
        Factors {
            table: Some(table),
            ..self
        }
    }

    /// The built-in library without overrides.
    pub fn defaults() -> Factors<'static> {
        Factors {
            library: FactorLibrary::builtin(),
            file: &NO_OVERRIDES,
            project: None,
            year: None,
            grid: None,
            table: None,
            reads: None,
        }
    }

    /// The same factors with one project's own overrides on top.
    pub fn for_project(self, project: &'a BTreeMap<String, Override>) -> Self {
        Factors {
            project: Some(project),
            ..self
        }
    }

    /// The coefficient `id` in force. Ids used by the engine are in the library (a test checks
    /// every id the measures ask for), so `None` means a programming error, reported as an
    /// unknown factor by the caller.
    pub fn get(&self, id: &str) -> Option<FactorUse> {
        // The entry found once: its position gives the shared entry too.
        let i = self.library.factors.iter().position(|f| f.id == id)?;
        let f = &self.library.factors[i];
        let ov = self.override_of(id);
        Some(FactorUse {
            factor: self.library.cited_at(i)?.clone(),
            value: ov.map_or(f.value, |o| o.value),
            default_value: ov.map(|_| f.value),
            override_note: ov.map(|o| o.note.clone()),
            picked: None,
        })
    }

    /// The value of [`Factors::get`] without building the entry: the override in force, else
    /// the library's value.
    pub fn value_of(&self, id: &str) -> Option<f64> {
        let (f, ov) = self.in_force(id)?;
        Some(ov.map_or(f.value, |o| o.value))
    }

    /// The library entry `id` and the override in force for it: the project's, else the file's.
    fn in_force(&self, id: &str) -> Option<(&'a Factor, Option<&'a Override>)> {
        let f = self.library.get(id)?;
        Some((f, self.override_of(id)))
    }

    /// The override in force for `id`: the project's, else the file's.
    fn override_of(&self, id: &str) -> Option<&'a Override> {
        self.project
            .and_then(|p| p.get(id))
            .or_else(|| self.file.get(id))
    }

    /// Whether the library has per-fuel CO₂ factors (from 2026.11-3). A file pinned to an older
    /// library computes CO₂ as that library did: standard coal saved × `co2.per_tce` for every
    /// measure (the report's fuel-unknown step), so its numbers stay what they were.
    pub(crate) fn co2_per_fuel(&self) -> bool {
        match self.table {
            Some(table) => table.co2_per_fuel,
            None => self.library.get(FactorId::Co2Coal.id()).is_some(),
        }
    }

    /// Whether the library has the entry `id` (an older one may not: the measures then take
    /// the path that library computed with).
    pub(crate) fn has(&self, id: FactorId) -> bool {
        self.library.get(id.id()).is_some()
    }

    /// Whether the file or the project overrides `id`.
    pub(crate) fn overridden(&self, id: &str) -> bool {
        self.project.is_some_and(|p| p.contains_key(id)) || self.file.contains_key(id)
    }

    /// A coefficient the engine asks for, as the trail records it: the entry `rows::pick`
    /// picks (a year's row, coal CO₂ following a per-tce override), its value in force and the
    /// reason worded. Every [`FactorId`] is in the built-in library (the
    /// `every_engine_factor_exists` test); were one missing, the value would be NaN, which the
    /// finite-result check turns into an error rather than a panic.
    pub fn of(&self, id: FactorId) -> FactorUse {
        let pick = rows::pick(self, id);
        let Some(reason) = pick.reason else {
            // The coefficient's own entry, as most are: returned as it is built.
            return self.get(pick.entry).unwrap_or_else(|| missing(id));
        };
        let Some(mut used) = self.get(pick.entry) else {
            return missing(id);
        };
        if let Some(other) = pick.value_from {
            // Another entry's value in force, with its justification; the entry's own is the default.
            if let Some(from) = self.get(other) {
                used.default_value = Some(used.value);
                used.value = from.value;
                used.override_note = from.override_note;
            }
        }
        used.picked = Some(reason.words());
        used
    }

    /// The value of [`Factors::of`] (`of(id).value`), read from the same `rows::pick` without
    /// building the entry: what the measures' arithmetic reads (a trail records the entry, `of`,
    /// only when one is built). From the file's table when there is one and the project has no
    /// overrides of its own.
    pub fn value(&self, id: FactorId) -> f64 {
        self.cite(id);
        self.peek(id)
    }

    /// [`Factors::value`] without noting it as read: for a value that only a check reads (a
    /// warning's limit), which the trail does not cite.
    pub(crate) fn peek(&self, id: FactorId) -> f64 {
        match self.table {
            Some(table) if self.project.is_none_or(|p| p.is_empty()) => table.values[id as usize],
            _ => self.look_up(id),
        }
    }

    /// Notes `id` as read (the trail cites it) without reading its value.
    pub(crate) fn cite(&self, id: FactorId) {
        if let Some(reads) = self.reads {
            reads.set(reads.get() | 1 << id as u32);
        }
    }

    /// The same factors noting in `reads` each coefficient read ([`Factors::value`]): the
    /// coefficients one project's trail cites, without building the trail ([`FactorsRead`]).
    pub fn recording<'b>(self, reads: &'b Cell<u64>) -> Factors<'b>
    where
        'a: 'b,
    {
        Factors {
            reads: Some(reads),
            ..self
        }
    }

    /// The library entry (its position) that `id` reads: the entry [`Factors::of`] returns.
    fn entry(&self, id: FactorId) -> Option<u16> {
        match self.table {
            Some(table) if self.project.is_none_or(|p| p.is_empty()) => table.entries[id as usize],
            _ => self.find_entry(id),
        }
    }

    /// [`Factors::entry`] found in the library.
    fn find_entry(&self, id: FactorId) -> Option<u16> {
        let pick = rows::pick(self, id);
        self.library
            .factors
            .iter()
            .position(|f| f.id == pick.entry)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// The library entries of the coefficients noted in `reads` (bits of [`FactorId`]s).
    pub fn entries_read(&self, reads: u64) -> FactorsRead {
        // Only the bits that are set (a project reads a handful of the engine's coefficients):
        // bit i is `FactorId::VALUES[i]`, as the file's table is indexed.
        let mut out = Vec::with_capacity(reads.count_ones() as usize);
        let mut bits = reads;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(entry) = FactorId::VALUES.get(i).and_then(|id| self.entry(*id)) {
                out.push(entry);
            }
        }
        out.sort_unstable();
        out.dedup();
        FactorsRead(Arc::from(out))
    }

    /// [`Factors::value`] found in the library.
    fn look_up(&self, id: FactorId) -> f64 {
        let pick = rows::pick(self, id);
        self.value_of(pick.value_from.unwrap_or(pick.entry))
            .unwrap_or(f64::NAN)
    }

    pub fn library(&self) -> &'a FactorLibrary {
        self.library
    }
}

/// The coefficients one project's computation read, as positions of entries in the library it
/// computed with (sorted, each once; no text per project): the same entries its trail cites
/// (`factors[].id` of every trail entry), recorded by the numbers path too, so that "the projects
/// an override touches" needs no trail (`crates/core/tests/it/factors_read.rs`). An engine
/// coefficient the library lacks (a programming error: NaN) is not listed.
///
/// Shared: the projects of one file that read the same coefficients share one list
/// ([`crate::report`] keeps the lists it has made while it computes a file), so a register of
/// 10,000 projects holds a few dozen lists, not 10,000.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactorsRead(Arc<[u16]>);

impl Default for FactorsRead {
    fn default() -> Self {
        FactorsRead(Arc::from(Vec::new()))
    }
}

impl FactorsRead {
    /// The ids of the entries, in library order, from `library` (the one the project computed
    /// with: the report's `factor_library`).
    pub fn ids<'s, 'l: 's>(
        &'s self,
        library: &'l FactorLibrary,
    ) -> impl Iterator<Item = &'l str> + 's {
        self.0
            .iter()
            .filter_map(move |i| library.factors.get(usize::from(*i)))
            .map(|f| f.id.as_str())
    }

    /// Whether the entry `id` of `library` was read.
    pub fn contains(&self, library: &FactorLibrary, id: &str) -> bool {
        self.0.iter().any(|i| {
            library
                .factors
                .get(usize::from(*i))
                .is_some_and(|f| f.id == id)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The entry of a coefficient the library lacks: NaN, which the finite-result check reports.
fn missing(id: FactorId) -> FactorUse {
    FactorUse {
        factor: Arc::new(Factor {
            id: id.id().into(),
            value: f64::NAN,
            unit: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            source: String::new(),
            status: Status::Unverified,
            edition: String::new(),
            citation_zh: None,
            citation_en: None,
        }),
        value: f64::NAN,
        default_value: None,
        override_note: None,
        picked: None,
    }
}

/// Checks a set of overrides: known id, finite non-negative value, non-empty note. The id is
/// looked up in `library` (the file's own), or, for a project read on its own, in any released one.
pub fn check_overrides(
    overrides: &BTreeMap<String, Override>,
    project: Option<&str>,
    library: Option<&FactorLibrary>,
    errors: &mut Vec<Error>,
) {
    let known = |id: &str| match library {
        Some(lib) => lib.get(id).is_some(),
        None => FactorLibrary::released()
            .iter()
            .any(|l| l.get(id).is_some()),
    };
    for (id, ov) in overrides {
        let field = format!("overrides.{id}");
        let err = |kind| Error::new(project, Some(field.clone()), kind);
        if !known(id) {
            errors.push(err(ErrorKind::UnknownFactor { id: id.clone() }));
        } else if !ov.value.is_finite() {
            errors.push(err(ErrorKind::NotFinite));
        } else if ov.value < 0.0 {
            errors.push(err(ErrorKind::Negative { value: ov.value }));
        } else if ov.note.trim().is_empty() {
            errors.push(err(ErrorKind::OverrideWithoutNote { id: id.clone() }));
        }
    }
}

impl std::ops::Deref for FactorUse {
    type Target = Factor;
    fn deref(&self) -> &Factor {
        &self.factor
    }
}

impl Factor {
    /// The coefficient's name in the reader's language.
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }

    /// The short formal citation a printed document gives, in the reader's language, ending in
    /// the status mark: the entry's own; else, for an entry of a library shipped before
    /// citations, the citation of the newest shipped entry with the same id, source and
    /// edition (a citation formalises the source, so the same source is cited alike); else,
    /// with no citation anywhere, the source note itself (never an empty cell).
    pub fn citation(&self, lang: Lang) -> &str {
        match self
            .own_citation(lang)
            .or_else(|| self.inherited_citation(lang))
        {
            Some(c) => c,
            None => &self.source,
        }
    }

    fn own_citation(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Zh => self.citation_zh.as_deref(),
            Lang::En => self.citation_en.as_deref(),
        }
    }

    /// The citation of the newest shipped entry describing the same source (see [`Factor::citation`]).
    fn inherited_citation(&self, lang: Lang) -> Option<&'static str> {
        FactorLibrary::released()
            .iter()
            .rev()
            .filter_map(|lib| lib.get(&self.id))
            .filter(|f| f.source == self.source && f.edition == self.edition)
            .find_map(|f| f.own_citation(lang))
    }

    /// This entry with its citations filled in when it has none of its own but inherits them
    /// (see [`Factor::citation`]): what a report's trail and override list carry.
    fn with_citations(mut self) -> Factor {
        if self.citation_zh.is_none() {
            self.citation_zh = self.inherited_citation(Lang::Zh).map(str::to_owned);
        }
        if self.citation_en.is_none() {
            self.citation_en = self.inherited_citation(Lang::En).map(str::to_owned);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_factor_exists() {
        let lib = FactorLibrary::builtin();
        for id in FactorId::VALUES {
            assert!(lib.get(id.id()).is_some(), "{id:?} is not in the library");
            assert!(Factors::defaults().of(*id).value.is_finite());
        }
    }

    #[test]
    fn library_parses_and_has_the_contract_ids() {
        let lib: FactorLibrary = serde_json::from_str(LIBRARY_JSON).expect("factors.json parses");
        for id in [
            "so2.sulfur_conversion",
            "nox.coal_boiler_kg_per_t",
            "tce.raw_coal",
            "tce.electricity_equivalent",
            "tce.electricity_equal_value",
            "tce.natural_gas",
            "tce.diesel",
            "co2.per_tce",
            "livestock.pig.cod_kg",
            "livestock.pig.nh3n_kg",
        ] {
            assert!(lib.get(id).is_some(), "missing contract factor {id}");
        }
        assert_eq!(lib.get("so2.sulfur_conversion").unwrap().value, 0.8);
        assert_eq!(lib.get("tce.raw_coal").unwrap().value, 0.7143);
        assert_eq!(lib.get("tce.electricity_equivalent").unwrap().value, 0.1229);
        assert_eq!(lib.get("tce.diesel").unwrap().value, 1.4571);
    }

    #[test]
    fn ids_are_unique_and_values_finite() {
        let lib = FactorLibrary::builtin();
        let mut ids: Vec<_> = lib.factors.iter().map(|f| f.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len(), "duplicate factor id");
        assert!(lib
            .factors
            .iter()
            .all(|f| f.value.is_finite() && f.value > 0.0));
    }

    #[test]
    fn archived_libraries_parse_and_the_current_is_last() {
        for text in ARCHIVED {
            let lib: FactorLibrary =
                serde_json::from_str(text).expect("an archived library parses");
            assert!(!lib.factors.is_empty());
            // A shipped library is never edited: the one of the current version is the current one.
            if lib.version == FactorLibrary::builtin().version {
                assert_eq!(&lib, FactorLibrary::builtin());
            }
        }
        let all = FactorLibrary::released();
        assert_eq!(all.last(), Some(FactorLibrary::builtin()));
        assert!(FactorLibrary::version("2026.11-2").is_some());
        assert!(FactorLibrary::version("2026.11-3").is_some());
        assert!(FactorLibrary::version("1999.01-1").is_none());
    }

    #[test]
    fn uses_of_one_entry_share_it_and_are_written_as_the_entry_with_the_value_in_force() {
        let mut file = BTreeMap::new();
        file.insert(
            "tce.raw_coal".to_string(),
            Override {
                value: 0.7,
                note: "measured".into(),
            },
        );
        let lib = FactorLibrary::builtin();
        let a = Factors::new(lib, &file).get("tce.raw_coal").unwrap();
        let b = Factors::defaults().get("tce.raw_coal").unwrap();
        assert!(Arc::ptr_eq(&a.factor, &b.factor), "one entry, shared");
        // The shared entry keeps the library's value; the use has the override's.
        assert_eq!((a.factor.value, a.value, b.value), (0.7143, 0.7, 0.7143));
        // Written as the entry was when copied into each use: its fields in order, `value` in
        // force, then the override's default and note.
        let e = lib.get("tce.raw_coal").unwrap();
        let entry = serde_json::to_string(&Factor {
            value: 0.7,
            ..e.clone()
        })
        .unwrap();
        let want = format!(
            r#"{},"default_value":0.7143,"override_note":"measured"}}"#,
            entry.trim_end_matches('}')
        );
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(text, want);
        assert!(text.starts_with(r#"{"id":"tce.raw_coal","value":0.7,"unit":"#));
        assert!(text.ends_with(r#","default_value":0.7143,"override_note":"measured"}"#));
    }

    #[test]
    fn project_override_beats_file_override_beats_default() {
        let mut file = BTreeMap::new();
        file.insert(
            "tce.raw_coal".to_string(),
            Override {
                value: 0.7,
                note: "file".into(),
            },
        );
        let mut proj = BTreeMap::new();
        proj.insert(
            "tce.raw_coal".to_string(),
            Override {
                value: 0.6,
                note: "proj".into(),
            },
        );
        let f = Factors::new(FactorLibrary::builtin(), &file);
        assert_eq!(f.get("tce.raw_coal").unwrap().value, 0.7);
        let p = f.for_project(&proj).get("tce.raw_coal").unwrap();
        assert_eq!(p.value, 0.6);
        assert_eq!(p.default_value, Some(0.7143));
        assert_eq!(
            Factors::defaults().get("tce.raw_coal").unwrap().value,
            0.7143
        );
    }
}
