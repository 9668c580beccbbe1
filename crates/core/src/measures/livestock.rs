//! `livestock`: livestock farms closed or given treatment (docs/methodology.md §3.7). Heads are
//! turned into pig equivalents by the GB 18596-2001 ratios, then
//! R = PE × g × (removal_after − removal_before) for COD and NH₃-N, g per pig equivalent.

use super::coal::efficiency;
use super::{factor, warn_usual, Effect, Step};
use crate::choice::choice;
use crate::choice::Choice;
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::{FactorId, Factors, Picked};
use crate::field::FieldSpec;
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::Label;
use crate::settings::Settings;
use crate::trail::{num, Num, Warning, WarningKind};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    #[derive(Default)]
    pub enum Action {
        /// 清栏/关闭: the farm is closed; removal after is 100 %.
        #[default]
        Closure => "closure" ("关闭（清栏）", "Closure"),
        /// Treatment facilities raise the removal rate.
        Treatment => "treatment" ("配套治理设施", "Treatment facilities"),
    }
}

choice! {
    /// The per-pig generation coefficients (docs/methodology.md §3.7): the sets differ about 3×,
    /// so the one used is always stated.
    #[derive(Default)]
    pub enum CoefficientSet {
        /// (a) EIA literature parameters, 26.6 kg COD and 2.15 kg NH₃-N per pig marketed: the set
        /// every file used before the choice existed.
        #[default]
        EiaLiterature => "eia_literature" ("(a) 环评文献参数（COD 与 NH₃-N）", "(a) EIA literature parameters (COD and NH₃-N)"),
        /// (b) one Beijing farm's measured COD, 479.6 g/d × 180 d; no NH₃-N coefficient.
        BeijingMeasured => "beijing_measured" ("(b) 北京养殖场实测（仅 COD）", "(b) Beijing farm measurement (COD only)"),
    }
}

const ACTION: FieldSpec =
    FieldSpec::choice("action", Action::OPTIONS, "减排方式", "Action").required();
const PIGS: FieldSpec = FieldSpec::count("pigs", "生猪（年出栏，头）", "Pigs (marketed per year)")
    .with_unit("头")
    .plausible(500_000.0, 1.0e7);
const DAIRY: FieldSpec =
    FieldSpec::count("dairy_cows", "奶牛（存栏，头）", "Dairy cows (in stock)")
        .with_unit("头")
        .plausible(20_000.0, 1.0e6);
const BEEF: FieldSpec = FieldSpec::count(
    "beef_cattle",
    "肉牛（年出栏，头）",
    "Beef cattle (marketed per year)",
)
.with_unit("头")
.plausible(20_000.0, 1.0e6);
const LAYERS: FieldSpec = FieldSpec::count("layers", "蛋鸡（存栏，只）", "Layers (in stock)")
    .with_unit("只")
    .plausible(2.0e6, 1.0e8);
const BROILERS: FieldSpec = FieldSpec::count(
    "broilers",
    "肉鸡（年出栏，只）",
    "Broilers (marketed per year)",
)
.with_unit("只")
.plausible(1.0e7, 1.0e9);
const REMOVAL_BEFORE: FieldSpec = efficiency(
    "removal_before_pct",
    "治理前污染物去除率",
    "Removal rate before",
)
.with_default(0.0);
// 100 when blank for a closure, required for a treatment: no single default.
const REMOVAL_AFTER: FieldSpec = efficiency(
    "removal_after_pct",
    "治理后污染物去除率（关闭不填即 100%）",
    "Removal rate after (closure: 100 % when blank)",
);

const SET: FieldSpec = FieldSpec::choice(
    "coefficient_set",
    CoefficientSet::OPTIONS,
    "产污系数组",
    "Set of generation coefficients",
)
.default_choice("eia_literature");

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    ACTION,
    PIGS,
    DAIRY,
    BEEF,
    LAYERS,
    BROILERS,
    REMOVAL_BEFORE,
    REMOVAL_AFTER,
    SET,
];

const PIG_EQUIVALENTS: Label = Label::new("猪当量", "pig equivalents");

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Livestock {
    pub action: Action,
    /// Pigs marketed (出栏) per year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pigs: Option<u64>,
    /// Dairy cows in stock (存栏).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dairy_cows: Option<u64>,
    /// Beef cattle marketed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beef_cattle: Option<u64>,
    /// Layers in stock.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layers: Option<u64>,
    /// Broilers marketed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broilers: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removal_before_pct: Option<f64>,
    /// Default 100 for a closure; required for treatment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removal_after_pct: Option<f64>,
    /// Default: set (a).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coefficient_set: Option<CoefficientSet>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One species: its field, pig-equivalent factor, and the 1st-census 规模化 threshold
/// (docs/methodology.md §3.7).
struct Species {
    spec: &'static FieldSpec,
    pe_factor: Option<FactorId>,
    large_scale: f64,
    heads: fn(&Livestock) -> Option<u64>,
}

const SPECIES: [Species; 5] = [
    Species {
        spec: &PIGS,
        pe_factor: None,
        large_scale: 500.0,
        heads: |m| m.pigs,
    },
    Species {
        spec: &DAIRY,
        pe_factor: Some(FactorId::DairyCowPe),
        large_scale: 100.0,
        heads: |m| m.dairy_cows,
    },
    Species {
        spec: &BEEF,
        pe_factor: Some(FactorId::BeefCattlePe),
        large_scale: 200.0,
        heads: |m| m.beef_cattle,
    },
    Species {
        spec: &LAYERS,
        pe_factor: Some(FactorId::LayerPe),
        large_scale: 20_000.0,
        heads: |m| m.layers,
    },
    Species {
        spec: &BROILERS,
        pe_factor: Some(FactorId::BroilerPe),
        large_scale: 50_000.0,
        heads: |m| m.broilers,
    },
];

impl Livestock {
    pub fn removal_before_pct(&self) -> f64 {
        REMOVAL_BEFORE.or_default(self.removal_before_pct)
    }

    /// The removal rate after; `None` for a treatment that does not give it (a decoding error).
    pub fn removal_after_pct(&self) -> Option<f64> {
        match self.action {
            Action::Closure => Some(self.removal_after_pct.unwrap_or(100.0)),
            Action::Treatment => self.removal_after_pct,
        }
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let m = Livestock {
            action: f.choice(&ACTION).unwrap_or_default(),
            pigs: f.count(&PIGS),
            dairy_cows: f.count(&DAIRY),
            beef_cattle: f.count(&BEEF),
            layers: f.count(&LAYERS),
            broilers: f.count(&BROILERS),
            removal_before_pct: f.num(&REMOVAL_BEFORE),
            removal_after_pct: f.num(&REMOVAL_AFTER),
            coefficient_set: f.choice(&SET),
            extra: f.unread(),
        };
        if SPECIES.iter().all(|s| !f.has(s.spec.key())) {
            f.fail(&PIGS, ErrorKind::NothingToCompute);
        }
        if m.action == Action::Treatment && !f.has(REMOVAL_AFTER.key()) {
            f.fail(&REMOVAL_AFTER, ErrorKind::Missing);
        }
        if let Some(a) = m.removal_after_pct() {
            f.not_below(&REMOVAL_AFTER, a, &REMOVAL_BEFORE, m.removal_before_pct());
        }
        m
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        // Pig equivalents; the trail lists the same heads and coefficients again.
        let mut pe = 0.0;
        for s in &SPECIES {
            let Some(n) = (s.heads)(self) else {
                continue;
            };
            let n = n as f64;
            warn_usual(e, s.spec, n);
            if n > 0.0 && n < s.large_scale {
                e.warn(Warning::on(
                    s.spec,
                    WarningKind::BelowScale {
                        heads: n,
                        threshold: s.large_scale,
                    },
                ));
            }
            match s.pe_factor {
                None => pe += n,
                Some(id) => pe += n * factors.value(id),
            }
        }
        let rb = self.removal_before_pct();
        let ra = self.removal_after_pct().unwrap_or(rb);
        let set = self.coefficient_set.unwrap_or_default();
        let (cod, nh3n) = match set {
            CoefficientSet::EiaLiterature => (FactorId::PigCod, Some(FactorId::PigNh3n)),
            CoefficientSet::BeijingMeasured => (FactorId::PigCodBeijing, None),
        };
        if nh3n.is_none() {
            e.warn(Warning::on(
                &SET,
                WarningKind::Note {
                    zh: "此系数组没有 NH₃-N 产污系数，不计算 NH₃-N".into(),
                    en: "this set has no NH₃-N coefficient: NH₃-N is not computed".into(),
                },
            ));
        }
        let pairs = [(Key::Cod, Some(cod)), (Key::Nh3n, nh3n)];
        for (key, id) in pairs.into_iter().filter_map(|(k, id)| Some((k, id?))) {
            let g = factors.value(id);
            let r = pe * g * (ra - rb) / 100.0 * 1e-3;
            e.record(key, || self.step(factors, key, id, pe, (ra, rb), r));
            e.amounts[key] = r;
        }
    }

    /// The trail entry of one pollutant: reduction `r` from pig equivalents `pe`, coefficient `id`
    /// and the removal rates after and before.
    fn step(
        &self,
        factors: &Factors<'_>,
        key: Key,
        id: FactorId,
        pe: f64,
        (ra, rb): (f64, f64),
        r: f64,
    ) -> crate::trail::TrailEntry {
        let set = self.coefficient_set.unwrap_or_default();
        let name = SET
            .choice_label(set.name(), crate::lang::Lang::Zh)
            .unwrap_or_default();
        let name_en = SET
            .choice_label(set.name(), crate::lang::Lang::En)
            .unwrap_or_default();
        let picked = match self.coefficient_set {
            Some(_) => Picked::new(
                format!("所选系数组：{name}"),
                format!("set chosen: {name_en}"),
            ),
            None => Picked::new(
                format!("系数组：{name}（未选择时的默认组）"),
                format!("set: {name_en} (the default when none is chosen)"),
            ),
        };
        let mut g = factor(factors, id);
        g.picked = Some(picked);
        let name = key.label();
        let mut step = Step::new(
            key,
            format!("{0}削减量 = 猪当量 × 每头{0}产污系数 × (治理后去除率 − 治理前去除率) × 10⁻³；猪当量 = 生猪 + 奶牛 × 10 + 肉牛 × 5 + 蛋鸡 ÷ 30 + 肉鸡 ÷ 60（GB 18596-2001）", name.zh),
            format!("{0} reduction = pig equivalents × {0} generated per pig × (removal after − removal before) × 10⁻³; pig equivalents = pigs + dairy cows × 10 + beef cattle × 5 + layers ÷ 30 + broilers ÷ 60 (GB 18596-2001)", name.en),
            "R = PE × g × (f₂ − f₁) × 10⁻³, PE = Σ Nᵢ × pᵢ",
        );
        let heads = || {
            SPECIES
                .iter()
                .filter_map(|s| Some((s, (s.heads)(self)? as f64)))
        };
        for (s, n) in heads() {
            step = step.input("N", s.spec, n);
        }
        let mut terms = Vec::new();
        for (s, n) in heads() {
            match s.pe_factor {
                None => terms.push(num(n)),
                Some(pid) => {
                    let f = factor(factors, pid);
                    terms.push(format!("{} × {}", Num(n), Num(f.value)));
                    step = step.factor(&f);
                }
            }
        }
        let step = step
            .derived("PE", "pig_equivalents", PIG_EQUIVALENTS, pe, "猪当量")
            .factor(&g)
            .input("f₂", &REMOVAL_AFTER, ra)
            .input("f₁", &REMOVAL_BEFORE, rb);
        let sub = format!(
            "({}) × {} × ({}% − {}%) × 10⁻³",
            terms.join(" + "),
            Num(g.value),
            Num(ra),
            Num(rb)
        );
        step.done(sub, r)
    }
}
