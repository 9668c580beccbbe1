//! `flue_gas`: ultra-low emission retrofit by the concentration method (docs/methodology.md
//! §3.4): R = V × H × (C_before − C_after) × 10⁻⁹ for SO₂ and NOₓ. When the flue gas flow is
//! unknown, V × H is estimated from coal burned × `flue_gas.coal_nm3_per_t`. The `sector` (coal
//! power by default, steel sinter, cement kiln, other) picks the ultra-low limits and the
//! reference O₂ the after-values are checked at; `o2_measured_pct` converts them to it first.

use super::coal::{COAL_CEILING_T, COAL_USUAL_T};
use super::{factor, warn_above_usual, Effect, Step};
use crate::choice::choice;
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::settings::Settings;
use crate::trail::{Num, Warning, WarningKind};
use crate::units::{gas_mass, MgPerNm3};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// The limit the retrofit claims to meet, for the after-value warning.
    pub enum Claim {
        /// 超低排放: SO₂ 35, NOₓ 50 mg/Nm³ at 6 % O₂ (docs/methodology.md §5.2). Default.
        UltraLow => "ultra_low" ("超低排放（SO₂ 35、NOₓ 50 mg/Nm³）", "Ultra-low (SO₂ 35, NOₓ 50 mg/Nm³)"),
        /// No claim: no limit warning.
        None => "none" ("不声明排放限值", "No limit claimed"),
    }
}

choice! {
    /// The plant the flue gas comes from, `sector`: the reference O₂ and the ultra-low limits its
    /// after-values are checked against (library entries, docs/methodology.md §3.4).
    pub enum Sector {
        /// 燃煤电厂: 6 % O₂, SO₂ 35, NOₓ 50 mg/Nm³ (`limit.ultra_low.*`). Default: a file without
        /// `sector` computes as before.
        CoalPower => "coal_power" ("燃煤电厂（基准含氧量 6%）", "Coal-fired power (reference O₂ 6 %)"),
        /// 钢铁烧结机机头: 16 % O₂, SO₂ 35, NOₓ 50 mg/Nm³.
        SteelSinter => "steel_sinter" ("钢铁烧结机机头（基准含氧量 16%）", "Steel sinter machine head (reference O₂ 16 %)"),
        /// 水泥窑及窑尾: 10 % O₂, SO₂ 35, NOₓ 50 mg/Nm³.
        CementKiln => "cement_kiln" ("水泥窑（基准含氧量 10%）", "Cement kiln (reference O₂ 10 %)"),
        /// Any other plant: no ultra-low check and no reference O₂.
        Other => "other" ("其他（不校核超低排放限值）", "Other (no ultra-low check)"),
    }
}

/// The library entries of a sector: reference O₂, SO₂ and NOₓ limits.
struct SectorEntries {
    o2_ref: FactorId,
    so2: FactorId,
    nox: FactorId,
}

impl Sector {
    fn entries(self) -> Option<SectorEntries> {
        match self {
            Sector::CoalPower => Some(SectorEntries {
                o2_ref: FactorId::O2RefCoalPower,
                so2: FactorId::UltraLowSo2,
                nox: FactorId::UltraLowNox,
            }),
            Sector::SteelSinter => Some(SectorEntries {
                o2_ref: FactorId::O2RefSteelSinter,
                so2: FactorId::UltraLowSteelSinterSo2,
                nox: FactorId::UltraLowSteelSinterNox,
            }),
            Sector::CementKiln => Some(SectorEntries {
                o2_ref: FactorId::O2RefCementKiln,
                so2: FactorId::UltraLowCementKilnSo2,
                nox: FactorId::UltraLowCementKilnNox,
            }),
            Sector::Other => None,
        }
    }

    /// The limit entry of `key` (SO₂ or NOₓ) in this sector.
    fn limit(e: &SectorEntries, key: Key) -> FactorId {
        if key == Key::So2 {
            e.so2
        } else {
            e.nox
        }
    }
}

/// Hard limit of a flue-gas concentration, mg/Nm³ (docs/methodology.md §7).
const CONC: Limit = Limit::Range(0.0, 10_000.0);

const FLOW: FieldSpec = FieldSpec::number(
    "flue_gas_nm3_per_h",
    "Nm³/h",
    "烟气量（标态干基）",
    "Flue gas flow (dry, standard)",
)
.plausible(3.0e6, 5.0e7);
const HOURS: FieldSpec =
    FieldSpec::number("hours", "h", "年运行小时数", "Operating hours per year")
        .limit(Limit::Range(0.0, 8784.0));
const COAL: FieldSpec = FieldSpec::number(
    "coal_t",
    "t",
    "燃煤量（无实测烟气量时用于估算）",
    "Coal burned (to estimate the flue gas when the flow is unknown)",
)
.plausible(COAL_USUAL_T, COAL_CEILING_T);
const SO2_BEFORE: FieldSpec = FieldSpec::number(
    "so2_before_mg_m3",
    "mg/Nm³",
    "SO₂ 改造前浓度",
    "SO₂ before retrofit",
)
.paired("so2_after_mg_m3")
.limit(CONC);
const SO2_AFTER: FieldSpec = FieldSpec::number(
    "so2_after_mg_m3",
    "mg/Nm³",
    "SO₂ 改造后浓度",
    "SO₂ after retrofit",
)
.paired("so2_before_mg_m3")
.limit(CONC);
const NOX_BEFORE: FieldSpec = FieldSpec::number(
    "nox_before_mg_m3",
    "mg/Nm³",
    "NOₓ 改造前浓度",
    "NOₓ before retrofit",
)
.paired("nox_after_mg_m3")
.limit(CONC);
const NOX_AFTER: FieldSpec = FieldSpec::number(
    "nox_after_mg_m3",
    "mg/Nm³",
    "NOₓ 改造后浓度",
    "NOₓ after retrofit",
)
.paired("nox_before_mg_m3")
.limit(CONC);
const CLAIM: FieldSpec = FieldSpec::choice("claim", Claim::OPTIONS, "达标声明", "Limit claimed")
    .default_choice("ultra_low");
const SECTOR: FieldSpec =
    FieldSpec::choice("sector", Sector::OPTIONS, "行业", "Sector").default_choice("coal_power");
const O2_MEASURED: FieldSpec = FieldSpec::number(
    "o2_measured_pct",
    "%",
    "改造后浓度的实测含氧量（留空：已按基准含氧量折算）",
    "Measured O₂ of the after concentrations (blank: already at the reference O₂)",
)
.limit(Limit::Range(0.0, 20.0));

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    FLOW,
    HOURS,
    COAL,
    SO2_BEFORE,
    SO2_AFTER,
    NOX_BEFORE,
    NOX_AFTER,
    CLAIM,
    SECTOR,
    O2_MEASURED,
];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FlueGas {
    /// Dry flue gas at reference O₂, Nm³/h.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flue_gas_nm3_per_h: Option<f64>,
    /// Operating hours in the year, 0–8,784.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Coal burned, t: used only when the flow and hours are not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coal_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub so2_before_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub so2_after_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_before_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_after_mg_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
    /// The plant (`None`: coal power, as before `sector` existed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// O₂ (%) at which the after-values were measured, for the check at the reference O₂.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub o2_measured_pct: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

struct Pair {
    key: Key,
    before: &'static FieldSpec,
    after: &'static FieldSpec,
    values: fn(&FlueGas) -> (Option<f64>, Option<f64>),
}

const PAIRS: [Pair; 2] = [
    Pair {
        key: Key::So2,
        before: &SO2_BEFORE,
        after: &SO2_AFTER,
        values: |m| (m.so2_before_mg_m3, m.so2_after_mg_m3),
    },
    Pair {
        key: Key::Nox,
        before: &NOX_BEFORE,
        after: &NOX_AFTER,
        values: |m| (m.nox_before_mg_m3, m.nox_after_mg_m3),
    },
];

impl FlueGas {
    /// Whether the gas volume is estimated from coal (flow or hours not given).
    fn volume_from_coal(&self) -> bool {
        (self.flue_gas_nm3_per_h.is_none() || self.hours.is_none()) && self.coal_t.is_some()
    }

    /// The sector's library entry the file's library must have (an older one lacks the sector
    /// entries): the reference O₂ when the project converts to it or names its sector.
    pub(crate) fn picked_factor(&self) -> Option<(&'static FieldSpec, FactorId)> {
        let entries = self.sector.unwrap_or(Sector::CoalPower).entries()?;
        if self.o2_measured_pct.is_some() {
            Some((&O2_MEASURED, entries.o2_ref))
        } else {
            self.sector.map(|_| (&SECTOR, entries.o2_ref))
        }
    }

    /// Whether the trail cites the sector's entries: a file that names no sector and converts no
    /// O₂ computes and prints as before `sector` existed.
    fn cites_sector(&self) -> bool {
        self.sector.is_some() || self.o2_measured_pct.is_some()
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let given: Vec<bool> = [&FLOW, &HOURS, &COAL].map(|s| f.has(s.key())).to_vec();
        let so2 = f.pair(&SO2_BEFORE, &SO2_AFTER, true);
        let nox = f.pair(&NOX_BEFORE, &NOX_AFTER, true);
        if PAIRS
            .iter()
            .all(|p| !f.has(p.before.key()) && !f.has(p.after.key()))
        {
            f.fail(&SO2_BEFORE, ErrorKind::NothingToCompute);
        }
        let m = FlueGas {
            flue_gas_nm3_per_h: f.num(&FLOW),
            hours: f.num(&HOURS),
            coal_t: f.num(&COAL),
            so2_before_mg_m3: so2.map(|p| p.0),
            so2_after_mg_m3: so2.map(|p| p.1),
            nox_before_mg_m3: nox.map(|p| p.0),
            nox_after_mg_m3: nox.map(|p| p.1),
            claim: f.choice(&CLAIM),
            sector: f.choice(&SECTOR),
            o2_measured_pct: f.num(&O2_MEASURED),
            extra: f.unread(),
        };
        // Flow and hours are required unless the volume is estimated from coal.
        let (flow, hours, coal) = (given[0], given[1], given[2]);
        if !(coal && !(flow && hours)) {
            for (spec, present) in [(&FLOW, flow), (&HOURS, hours)] {
                if !present {
                    f.fail(spec, ErrorKind::Missing);
                }
            }
        }
        m
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        warn_above_usual(e, &[(&FLOW, self.flue_gas_nm3_per_h), (&COAL, self.coal_t)]);
        let from_coal = self.volume_from_coal();
        let (v, h, b) = if from_coal {
            (
                factors.value(FactorId::FlueGasPerCoal),
                1.0,
                self.coal_t.unwrap_or(0.0),
            )
        } else {
            (
                self.flue_gas_nm3_per_h.unwrap_or(0.0),
                self.hours.unwrap_or(0.0),
                1.0,
            )
        };
        let claim = self.claim.unwrap_or(Claim::UltraLow);
        let sector = self.sector.unwrap_or(Sector::CoalPower);
        let entries = sector.entries();
        // The sector's entries are cited where the check is made (a claimed ultra-low).
        let cite = self.cites_sector() && claim == Claim::UltraLow;
        for p in &PAIRS {
            let (Some(before), Some(after)) = (p.values)(self) else {
                continue;
            };
            let r = gas_mass(v * b, h, MgPerNm3(before - after));
            e.record(p.key, || {
                let name = p.key.label();
                let step = if from_coal {
                    Step::new(
                        p.key,
                        format!("{}削减量 = 燃煤量 × 吨煤烟气量 × (改造前浓度 − 改造后浓度) × 10⁻⁹", name.zh),
                        format!("{} reduction = coal burned × flue gas per tonne of coal × (concentration before − after) × 10⁻⁹", name.en),
                        "R = B × V_t × (C₁ − C₂) × 10⁻⁹",
                    )
                    .input("B", &COAL, b)
                    .factor(&factor(factors, FactorId::FlueGasPerCoal))
                } else {
                    Step::new(
                        p.key,
                        format!("{}削减量 = 烟气量 × 运行小时数 × (改造前浓度 − 改造后浓度) × 10⁻⁹", name.zh),
                        format!("{} reduction = flue gas flow × operating hours × (concentration before − after) × 10⁻⁹", name.en),
                        "R = V × H × (C₁ − C₂) × 10⁻⁹",
                    )
                    .input("V", &FLOW, v)
                    .input("H", &HOURS, h)
                };
                let mut step = step
                    .input("C₁", p.before, before)
                    .input("C₂", p.after, after);
                if let (true, Some(en)) = (cite, &entries) {
                    // The check's entries (not factors of R): the limit and the reference O₂.
                    step = step
                        .factor(&factor(factors, Sector::limit(en, p.key)))
                        .factor(&factor(factors, en.o2_ref));
                }
                let (x, y) = if from_coal { (b, v) } else { (v, h) };
                let sub = format!(
                    "{} × {} × ({} − {}) × 10⁻⁹",
                    Num(x),
                    Num(y),
                    Num(before),
                    Num(after)
                );
                step.done(sub, r.get())
            });
            e.amounts[p.key] = r.get();
            if let (true, Some(en)) = (cite, &entries) {
                // The step cites the check's entries (the record above).
                factors.cite(Sector::limit(en, p.key));
                factors.cite(en.o2_ref);
            }
            if let (Claim::UltraLow, Some(en)) = (claim, &entries) {
                let limit_id = Sector::limit(en, p.key);
                // Read for the check only (cited above when the step cites them).
                let limit = factors.peek(limit_id);
                // At the reference O₂: C × (21 − O₂,ref) / (21 − O₂,measured).
                let o2 = self.o2_measured_pct.map(|m| (m, factors.peek(en.o2_ref)));
                let checked = match o2 {
                    Some((m, r)) => after * (21.0 - r) / (21.0 - m),
                    None => after,
                };
                if checked > limit {
                    e.warn(Warning::on(
                        p.after,
                        WarningKind::AboveClaimedLimit {
                            value: checked,
                            limit,
                        },
                    ));
                    if cite {
                        e.warn(limit_note(factors, p, limit_id, after, o2, checked));
                    }
                }
            }
        }
        if let (Sector::Other, Some(_)) = (sector, self.o2_measured_pct) {
            e.warn(Warning::on(&O2_MEASURED, WarningKind::Note {
                zh: "行业为“其他”：无基准含氧量，不校核超低排放限值，实测含氧量未使用".into(),
                en: "sector “other”: no reference O₂ and no ultra-low check, the measured O₂ is not used".into(),
            }));
        }
        if from_coal {
            e.warn(Warning::on(&COAL, WarningKind::Note {
                zh: "烟气量按燃煤量 × 吨煤烟气量估算（工业锅炉系数），有实测烟气量时请填写".into(),
                en: "flue gas estimated from coal burned × flue gas per tonne (industrial-boiler factor); enter the measured flow if known".into(),
            }));
        }
    }
}

/// The note beside an after-value above its sector's limit: the entry and its citation, and the
/// conversion to the reference O₂ when there was one.
fn limit_note(
    factors: &Factors<'_>,
    p: &Pair,
    limit_id: FactorId,
    after: f64,
    o2: Option<(f64, f64)>,
    checked: f64,
) -> Warning {
    let used = factor(factors, limit_id);
    let (name_zh, name_en) = (&used.factor.name_zh, &used.factor.name_en);
    let (cite_zh, cite_en) = (
        used.factor.citation(Lang::Zh),
        used.factor.citation(Lang::En),
    );
    let limit = Num(used.value);
    let (conv_zh, conv_en) = match o2 {
        Some((m, r)) => {
            let sub = format!(
                "{} × (21 − {}) / (21 − {}) = {}",
                Num(after),
                Num(r),
                Num(m),
                Num(checked)
            );
            (
                format!("；改造后浓度按实测含氧量 {}% 折算至基准含氧量 {}%：{sub} mg/Nm³", Num(m), Num(r)),
                format!("; the after value converted from the measured O₂ {} % to the reference {} %: {sub} mg/Nm³", Num(m), Num(r)),
            )
        }
        None => (String::new(), String::new()),
    };
    Warning::on(
        p.after,
        WarningKind::Note {
            zh: format!("{name_zh} {limit} mg/Nm³（{cite_zh}）{conv_zh}"),
            en: format!("{name_en} {limit} mg/Nm³ ({cite_en}){conv_en}"),
        },
    )
}
