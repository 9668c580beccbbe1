//! `wastewater`: new, expanded, upgraded or better-run treatment plants (docs/methodology.md
//! §3.1): R = Q × r_load × D × (C_before − C_after) × 10⁻⁶ for COD and NH₃-N.

use super::{warn_usual, Effect, Step};
use crate::choice::{choice, Choice};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::{num, Num, Warning, WarningKind};
use crate::units::{water_mass, M3PerDay, MgPerL};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    pub enum WaterSource {
        Municipal => "municipal" ("城镇生活污水", "Municipal sewage"),
        Industrial => "industrial" ("工业废水", "Industrial wastewater"),
    }
}

choice! {
    /// GB 18918-2002 discharge grade the plant claims (for the non-compliance warning).
    pub enum Grade {
        OneA => "1A" ("一级A标准", "Grade 1A"),
        OneB => "1B" ("一级B标准", "Grade 1B"),
        Two => "2" ("二级标准", "Grade 2"),
        Three => "3" ("三级标准", "Grade 3"),
    }
}

impl Grade {
    /// GB 18918-2002 Table 1 daily-average limits (COD, NH₃-N) in mg/L (docs/methodology.md
    /// §5.1); grade 3 has no NH₃-N limit.
    pub fn limits(self) -> (f64, Option<f64>) {
        match self {
            Grade::OneA => (50.0, Some(5.0)),
            Grade::OneB => (60.0, Some(8.0)),
            Grade::Two => (100.0, Some(25.0)),
            Grade::Three => (120.0, None),
        }
    }
}

const SOURCE: FieldSpec = FieldSpec::choice(
    "source",
    WaterSource::OPTIONS,
    "污水类型",
    "Wastewater source",
)
.default_choice("municipal");
const FLOW: FieldSpec =
    FieldSpec::number("flow_m3_per_day", "m³/d", "设计处理规模", "Design capacity")
        .required()
        .plausible(200_000.0, 1.0e7);
/// Actual over design flow; above 1 for an overloaded plant (docs/methodology.md §7).
pub(crate) const LOAD_RATE: FieldSpec = FieldSpec::number("load_rate", "", "负荷率", "Load rate")
    .with_default(1.0)
    .limit(Limit::Range(0.0, 1.5))
    .usual(0.6, 1.1);
pub(crate) const DAYS: FieldSpec =
    FieldSpec::number("days", "d", "年运行天数", "Operating days per year")
        .with_default(365.0)
        .limit(Limit::Range(0.0, 366.0));
pub(crate) const COD_BEFORE: FieldSpec = FieldSpec::number(
    "cod_before_mg_l",
    "mg/L",
    "COD 治理前浓度",
    "COD before treatment",
)
.paired("cod_after_mg_l")
.limit(Limit::Range(0.0, 5000.0))
.usual(80.0, 600.0);
pub(crate) const COD_AFTER: FieldSpec = FieldSpec::number(
    "cod_after_mg_l",
    "mg/L",
    "COD 治理后浓度",
    "COD after treatment",
)
.paired("cod_before_mg_l")
.limit(Limit::Range(0.0, 5000.0));
pub(crate) const NH3N_BEFORE: FieldSpec = FieldSpec::number(
    "nh3n_before_mg_l",
    "mg/L",
    "氨氮治理前浓度",
    "NH₃-N before treatment",
)
.paired("nh3n_after_mg_l")
.limit(Limit::Range(0.0, 500.0))
.usual(10.0, 80.0);
pub(crate) const NH3N_AFTER: FieldSpec = FieldSpec::number(
    "nh3n_after_mg_l",
    "mg/L",
    "氨氮治理后浓度",
    "NH₃-N after treatment",
)
.paired("nh3n_before_mg_l")
.limit(Limit::Range(0.0, 500.0));
const GRADE: FieldSpec = FieldSpec::choice(
    "grade",
    Grade::OPTIONS,
    "执行排放标准（GB 18918-2002）",
    "Discharge standard (GB 18918-2002)",
);
const UPGRADE: FieldSpec = FieldSpec::flag(
    "upgrade",
    "提标改造（治理前浓度为原出水浓度）",
    "Upgrade of an existing plant (before = old effluent)",
);

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    SOURCE,
    FLOW,
    LOAD_RATE,
    DAYS,
    COD_BEFORE,
    COD_AFTER,
    NH3N_BEFORE,
    NH3N_AFTER,
    GRADE,
    UPGRADE,
];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Wastewater {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<WaterSource>,
    pub flow_m3_per_day: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cod_before_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cod_after_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nh3n_before_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nh3n_after_mg_l: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    /// An upgrade (提标) of an existing plant: the "before" values are the old effluent, not
    /// the influent, so the influent plausibility range does not apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upgrade: Option<bool>,
    /// Fields this version does not know, kept so that saving never drops them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Wastewater {
    fn default() -> Self {
        Wastewater {
            source: Some(WaterSource::Municipal),
            flow_m3_per_day: 0.0,
            load_rate: None,
            days: None,
            cod_before_mg_l: None,
            cod_after_mg_l: None,
            nh3n_before_mg_l: None,
            nh3n_after_mg_l: None,
            grade: None,
            upgrade: None,
            extra: Map::new(),
        }
    }
}

/// One pollutant's before/after pair.
struct Pair {
    key: Key,
    before: &'static FieldSpec,
    after: &'static FieldSpec,
    values: fn(&Wastewater) -> (Option<f64>, Option<f64>),
    /// The grade's limit for this pollutant, if it has one.
    limit: fn(Grade) -> Option<f64>,
}

const PAIRS: [Pair; 2] = [
    Pair {
        key: Key::Cod,
        before: &COD_BEFORE,
        after: &COD_AFTER,
        values: |w| (w.cod_before_mg_l, w.cod_after_mg_l),
        limit: |g| Some(g.limits().0),
    },
    Pair {
        key: Key::Nh3n,
        before: &NH3N_BEFORE,
        after: &NH3N_AFTER,
        values: |w| (w.nh3n_before_mg_l, w.nh3n_after_mg_l),
        limit: |g| g.limits().1,
    },
];

impl Wastewater {
    pub fn load_rate(&self) -> f64 {
        LOAD_RATE.or_default(self.load_rate)
    }
    pub fn days(&self) -> f64 {
        DAYS.or_default(self.days)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let source = f.choice(&SOURCE);
        let flow_m3_per_day = f.req(&FLOW);
        let load_rate = f.num(&LOAD_RATE);
        let days = f.num(&DAYS);
        let cod = f.pair(&COD_BEFORE, &COD_AFTER, true);
        let nh3n = f.pair(&NH3N_BEFORE, &NH3N_AFTER, true);
        let given = |b: &FieldSpec, a: &FieldSpec| f.has(b.key()) || f.has(a.key());
        if !given(&COD_BEFORE, &COD_AFTER) && !given(&NH3N_BEFORE, &NH3N_AFTER) {
            f.fail(&COD_BEFORE, ErrorKind::NothingToCompute);
        }
        Wastewater {
            source,
            flow_m3_per_day,
            load_rate,
            days,
            cod_before_mg_l: cod.map(|p| p.0),
            cod_after_mg_l: cod.map(|p| p.1),
            nh3n_before_mg_l: nh3n.map(|p| p.0),
            nh3n_after_mg_l: nh3n.map(|p| p.1),
            grade: f.choice(&GRADE),
            upgrade: f.flag(&UPGRADE),
            extra: f.unread(),
        }
    }

    /// An industrial plant's effluent (`source` industrial; absent is municipal).
    pub(crate) fn is_industrial(&self) -> bool {
        self.source == Some(WaterSource::Industrial)
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let (q, r, d) = (self.flow_m3_per_day, self.load_rate(), self.days());
        warn_usual(e, &FLOW, q);
        let municipal = self.source != Some(WaterSource::Industrial);
        warn_load_rate(e, r);
        let flow = Flow {
            q,
            r,
            d,
            words: ("处理水量", "flow", "Q"),
            substituted: num(q),
            inputs: &|step: Step| step.input("Q", &FLOW, q),
            note: ("", ""),
        };
        for p in &PAIRS {
            let (Some(before), Some(after)) = (p.values)(self) else {
                continue;
            };
            concentration(e, &flow, p.key, (p.before, before), (p.after, after));
            let upgrade = self.upgrade == Some(true);
            if municipal && !upgrade {
                warn_usual(e, p.before, before);
            }
            if let Some(g) = self.grade {
                if let Some(limit) = (p.limit)(g).filter(|l| after > *l) {
                    e.warn(Warning::on(
                        p.after,
                        WarningKind::AboveLimit {
                            value: after,
                            limit,
                            standard: format!("GB 18918-2002 {}", g.name()),
                        },
                    ));
                }
            }
        }
    }
}

/// A load rate below 60 % (`low_load`), or above its usual range.
pub(crate) fn warn_load_rate(e: &mut Effect, r: f64) {
    if r < 0.6 {
        e.warn(Warning::on(&LOAD_RATE, WarningKind::LowLoad { value: r }));
    } else {
        warn_usual(e, &LOAD_RATE, r);
    }
}

/// The flow of the concentration method and how its trail names it: a plant's flow field, or
/// (`rural_sewage`) a flow derived from the population served.
pub(crate) struct Flow<'a> {
    /// Q (m³/d), r (load rate), D (days).
    pub q: f64,
    pub r: f64,
    pub d: f64,
    /// The flow in the formula's words (zh, en) and its symbol: `("处理水量", "flow", "Q")`.
    pub words: (&'a str, &'a str, &'a str),
    /// The flow's part of the substituted expression (`10000`, or `1200 × 80 ÷ 1000`).
    pub substituted: String,
    /// Adds the flow's inputs to the step.
    pub inputs: &'a dyn Fn(Step) -> Step,
    /// Appended to the formula texts (zh, en): the status of a formula of this tool's own.
    pub note: (&'a str, &'a str),
}

/// One pollutant by the concentration method (docs/methodology.md §3.1, §3.17, §3.18):
/// R = Q × r × D × (C₁ − C₂) × 10⁻⁶ t/a, its full-year step recorded and the amount set.
pub(crate) fn concentration(
    e: &mut Effect,
    flow: &Flow<'_>,
    key: Key,
    (before_spec, before): (&'static FieldSpec, f64),
    (after_spec, after): (&'static FieldSpec, f64),
) -> f64 {
    let (q, r, d) = (flow.q, flow.r, flow.d);
    let t = water_mass(M3PerDay(q), r, d, MgPerL(before - after));
    e.record(key, || {
        let name = crate::labels::Labelled::label(key);
        let (zh, en, sym) = flow.words;
        let step = Step::new(
            key,
            format!(
                "{}削减量 = {zh} × 负荷率 × 运行天数 × (治理前浓度 − 治理后浓度) × 10⁻⁶{}",
                name.zh, flow.note.0
            ),
            format!(
                "{} reduction = {en} × load rate × days × (before − after concentration) × 10⁻⁶{}",
                name.en, flow.note.1
            ),
            format!("R = {sym} × r × D × (C₁ − C₂) × 10⁻⁶"),
        );
        let step = (flow.inputs)(step)
            .input("r", &LOAD_RATE, r)
            .input("D", &DAYS, d)
            .input("C₁", before_spec, before)
            .input("C₂", after_spec, after);
        let sub = format!(
            "{} × {} × {} × ({} − {}) × 10⁻⁶",
            flow.substituted,
            Num(r),
            Num(d),
            Num(before),
            Num(after)
        );
        step.done(sub, t.get())
    });
    e.amounts[key] = t.get();
    t.get()
}
