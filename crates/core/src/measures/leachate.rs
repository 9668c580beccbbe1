//! `leachate`: municipal solid-waste leachate treatment (生活垃圾渗滤液处理, docs/methodology.md
//! §3.18): the wastewater concentration method, R = Q × r × D × (C₁ − C₂) × 10⁻⁶ t/a for COD and
//! NH₃-N, with leachate's concentrations (COD up to 10⁵ mg/L, NH₃-N up to 10⁴ mg/L). This tool's
//! construction: the national formula annex was not found. The effluent claimed is checked
//! against GB 16889-2008 (Table 2, or Table 3's special limits), as `wastewater`'s against
//! GB 18918-2002.

use super::wastewater::{concentration, warn_load_rate, Flow, DAYS, LOAD_RATE};
use super::{warn_usual, Effect, Step};
use crate::choice::choice;
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::{num, Warning, WarningKind};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// Where the treated leachate goes, and so which limits of GB 16889-2008 its effluent meets.
    pub enum Discharge {
        Table2 => "table2" ("直接排放（GB 16889-2008 表2）", "Direct discharge (GB 16889-2008 Table 2)"),
        Table3 => "table3" ("直接排放，特别排放限值（表3）", "Direct discharge, special limits (Table 3)"),
        Sewer => "sewer" ("纳入城镇污水处理厂（不按表2/表3检查）", "To a municipal plant (no Table 2/3 check)"),
    }
}

impl Discharge {
    /// GB 16889-2008's limits (COD, NH₃-N) in mg/L and how the warning names them: Table 2
    /// 100 / 25 (read in several reprints of the standard, secondary), Table 3 60 / 8 (not found
    /// in a text, unverified); none for leachate sent on to a municipal plant.
    pub fn limits(self) -> Option<(f64, f64, &'static str)> {
        match self {
            Discharge::Table2 => Some((100.0, 25.0, "GB 16889-2008 表2 (Table 2)")),
            Discharge::Table3 => Some((60.0, 8.0, "GB 16889-2008 表3 (Table 3)")),
            Discharge::Sewer => None,
        }
    }
}

/// Capacity: a landfill's or incineration plant's leachate station treats 10²–10³ m³/d.
const FLOW: FieldSpec = FieldSpec::number(
    "flow_m3_per_day",
    "m³/d",
    "渗滤液处理规模",
    "Leachate treatment capacity",
)
.required()
.plausible(5_000.0, 1.0e6);
const COD_BEFORE: FieldSpec = FieldSpec::number(
    "cod_before_mg_l",
    "mg/L",
    "COD 治理前浓度",
    "COD before treatment",
)
.paired("cod_after_mg_l")
.limit(Limit::Range(0.0, 200_000.0))
.usual(1_000.0, 100_000.0);
const COD_AFTER: FieldSpec = FieldSpec::number(
    "cod_after_mg_l",
    "mg/L",
    "COD 治理后浓度",
    "COD after treatment",
)
.paired("cod_before_mg_l")
.limit(Limit::Range(0.0, 200_000.0));
const NH3N_BEFORE: FieldSpec = FieldSpec::number(
    "nh3n_before_mg_l",
    "mg/L",
    "氨氮治理前浓度",
    "NH₃-N before treatment",
)
.paired("nh3n_after_mg_l")
.limit(Limit::Range(0.0, 20_000.0))
.usual(100.0, 10_000.0);
const NH3N_AFTER: FieldSpec = FieldSpec::number(
    "nh3n_after_mg_l",
    "mg/L",
    "氨氮治理后浓度",
    "NH₃-N after treatment",
)
.paired("nh3n_before_mg_l")
.limit(Limit::Range(0.0, 20_000.0));
const DISCHARGE: FieldSpec = FieldSpec::choice(
    "discharge",
    Discharge::OPTIONS,
    "排放去向与执行标准",
    "Discharge and standard",
)
.default_choice("table2");

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    FLOW,
    LOAD_RATE,
    DAYS,
    COD_BEFORE,
    COD_AFTER,
    NH3N_BEFORE,
    NH3N_AFTER,
    DISCHARGE,
];

const NOTE: (&str, &str) = ("（本工具构建的公式）", " (this tool's construction)");

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Leachate {
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
    pub discharge: Option<Discharge>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Leachate {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let flow_m3_per_day = f.req(&FLOW);
        let load_rate = f.num(&LOAD_RATE);
        let days = f.num(&DAYS);
        let cod = f.pair(&COD_BEFORE, &COD_AFTER, true);
        let nh3n = f.pair(&NH3N_BEFORE, &NH3N_AFTER, true);
        let given = |b: &FieldSpec, a: &FieldSpec| f.has(b.key()) || f.has(a.key());
        if !given(&COD_BEFORE, &COD_AFTER) && !given(&NH3N_BEFORE, &NH3N_AFTER) {
            f.fail(&COD_BEFORE, ErrorKind::NothingToCompute);
        }
        Leachate {
            flow_m3_per_day,
            load_rate,
            days,
            cod_before_mg_l: cod.map(|p| p.0),
            cod_after_mg_l: cod.map(|p| p.1),
            nh3n_before_mg_l: nh3n.map(|p| p.0),
            nh3n_after_mg_l: nh3n.map(|p| p.1),
            discharge: f.choice(&DISCHARGE),
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let q = self.flow_m3_per_day;
        let r = LOAD_RATE.or_default(self.load_rate);
        let d = DAYS.or_default(self.days);
        warn_usual(e, &FLOW, q);
        warn_load_rate(e, r);
        let flow = Flow {
            q,
            r,
            d,
            words: ("渗滤液处理量", "leachate flow", "Q"),
            substituted: num(q),
            inputs: &|step: Step| step.input("Q", &FLOW, q),
            note: NOTE,
        };
        let limits = self.discharge.unwrap_or(Discharge::Table2).limits();
        let pairs = [
            (
                Key::Cod,
                &COD_BEFORE,
                &COD_AFTER,
                self.cod_before_mg_l,
                self.cod_after_mg_l,
                limits.map(|l| l.0),
            ),
            (
                Key::Nh3n,
                &NH3N_BEFORE,
                &NH3N_AFTER,
                self.nh3n_before_mg_l,
                self.nh3n_after_mg_l,
                limits.map(|l| l.1),
            ),
        ];
        for (key, b_spec, a_spec, b, a, limit) in pairs {
            let (Some(b), Some(a)) = (b, a) else { continue };
            concentration(e, &flow, key, (b_spec, b), (a_spec, a));
            warn_usual(e, b_spec, b);
            if let (Some(limit), Some((.., standard))) = (limit.filter(|l| a > *l), limits) {
                e.warn(Warning::on(
                    a_spec,
                    WarningKind::AboveLimit {
                        value: a,
                        limit,
                        standard: standard.to_owned(),
                    },
                ));
            }
        }
    }
}
