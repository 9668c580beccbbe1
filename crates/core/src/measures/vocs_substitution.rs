//! `vocs_substitution`: source substitution of VOCs-containing raw and auxiliary materials
//! (含VOCs原辅材料源头替代, docs/methodology.md §3.19):
//! R = Σ (U_b × w_b − U_a × w_a) / 100 × (1 − c/100 × r × η/100), over the materials substituted:
//! U the usage (t/a) and w the VOCs content (mass %) before and after; c, r and η the capture
//! efficiency, run rate and removal efficiency of the treatment the workshop already has, the same
//! before and after (what that treatment removed was never emitted). This tool's construction from
//! the parameters the national texts name (国发〔2021〕33号: 低VOCs含量的涂料、油墨、胶粘剂、清洗剂);
//! no national formula annex was found.
//!
//! A content after the substitution above the low-VOC limit of its kind is a warning (the
//! library's `vocs.low_limit.<kind>_pct`, where one was found; see §3.19 for what was not).

use super::{warn_usual, Effect, Step, POLLUTANT_CEILING_T};
use crate::choice::choice;
use crate::decode::Fields;
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::{Num, Warning, WarningKind};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// The kind of a material substituted: each kind has its own product standard's low-VOC limit.
    pub enum MaterialKind {
        Coating => "coating" ("涂料", "Coating"),
        Ink => "ink" ("油墨", "Ink"),
        Adhesive => "adhesive" ("胶粘剂", "Adhesive"),
        Cleaner => "cleaner" ("清洗剂", "Cleaner"),
        Other => "other" ("其他", "Other"),
    }
}

impl MaterialKind {
    /// The library entry of this kind's low-VOC content limit (mass %) and the standard it reads;
    /// `None` where no limit as a mass fraction was found (coatings, cleaners: their standards
    /// give g/L; docs/methodology.md §3.19) and for other materials.
    pub fn low_limit(self) -> Option<(FactorId, &'static str)> {
        match self {
            MaterialKind::Ink => Some((FactorId::VocsLowLimitInk, "GB 38507-2020")),
            MaterialKind::Adhesive => Some((FactorId::VocsLowLimitAdhesive, "GB 33372-2020")),
            MaterialKind::Coating | MaterialKind::Cleaner | MaterialKind::Other => None,
        }
    }
}

/// A plant's yearly use of one material: a large coating line uses a few thousand tonnes; a
/// million tonnes is no plant's.
const USAGE_USUAL_T: f64 = 10_000.0;

const KIND: FieldSpec = FieldSpec::choice(
    "kind",
    MaterialKind::OPTIONS,
    "材料类别",
    "Kind of material",
)
.required();
const USAGE_BEFORE: FieldSpec = FieldSpec::number(
    "usage_before_t",
    "t",
    "实施前年用量",
    "Usage per year before",
)
.required()
.plausible(USAGE_USUAL_T, POLLUTANT_CEILING_T);
const CONTENT_BEFORE: FieldSpec = FieldSpec::number(
    "content_before_pct",
    "%",
    "实施前 VOCs 含量",
    "VOCs content before",
)
.percent()
.required();
const USAGE_AFTER: FieldSpec =
    FieldSpec::number("usage_after_t", "t", "实施后年用量", "Usage per year after")
        .required()
        .plausible(USAGE_USUAL_T, POLLUTANT_CEILING_T);
const CONTENT_AFTER: FieldSpec = FieldSpec::number(
    "content_after_pct",
    "%",
    "实施后 VOCs 含量",
    "VOCs content after",
)
.percent()
.required();

/// The fields of one material, in form order.
pub const MATERIAL_FIELDS: &[FieldSpec] = &[
    KIND,
    USAGE_BEFORE,
    CONTENT_BEFORE,
    USAGE_AFTER,
    CONTENT_AFTER,
];

const MATERIALS: FieldSpec =
    FieldSpec::list("materials", MATERIAL_FIELDS, "原辅材料", "Material").required();
const CAPTURE: FieldSpec = FieldSpec::number(
    "capture_pct",
    "%",
    "现有废气收集率（实施前后相同）",
    "Capture efficiency of the existing treatment (before and after)",
)
.percent()
.with_default(0.0);
const RUN: FieldSpec = FieldSpec::number(
    "run_rate",
    "",
    "现有治理设施同步运行率",
    "Run rate of the existing treatment",
)
.limit(Limit::Range(0.0, 1.0))
.with_default(1.0);
const REMOVAL: FieldSpec = FieldSpec::number(
    "removal_pct",
    "%",
    "现有治理设施去除效率",
    "Removal efficiency of the existing treatment",
)
.percent()
.with_default(0.0);

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[MATERIALS, CAPTURE, RUN, REMOVAL];

/// One material substituted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Material {
    pub kind: MaterialKind,
    pub usage_before_t: f64,
    pub content_before_pct: f64,
    pub usage_after_t: f64,
    pub content_after_pct: f64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Material {
    fn decode(f: &mut Fields<'_>) -> Self {
        Material {
            kind: f.choice(&KIND).unwrap_or(MaterialKind::Other),
            usage_before_t: f.req(&USAGE_BEFORE),
            content_before_pct: f.req(&CONTENT_BEFORE),
            usage_after_t: f.req(&USAGE_AFTER),
            content_after_pct: f.req(&CONTENT_AFTER),
            extra: f.unread(),
        }
    }

    /// U_b × w_b − U_a × w_a (t × %).
    fn difference(&self) -> f64 {
        self.usage_before_t * self.content_before_pct - self.usage_after_t * self.content_after_pct
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VocsSubstitution {
    pub materials: Vec<Material>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removal_pct: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The trail's symbols of material 1–9 (U_b1, w_b1, U_a1, w_a1, …); later ones share the last
/// (their field paths tell them apart).
const SYMBOLS: [[&str; 4]; 9] = [
    ["U_b1", "w_b1", "U_a1", "w_a1"],
    ["U_b2", "w_b2", "U_a2", "w_a2"],
    ["U_b3", "w_b3", "U_a3", "w_a3"],
    ["U_b4", "w_b4", "U_a4", "w_a4"],
    ["U_b5", "w_b5", "U_a5", "w_a5"],
    ["U_b6", "w_b6", "U_a6", "w_a6"],
    ["U_b7", "w_b7", "U_a7", "w_a7"],
    ["U_b8", "w_b8", "U_a8", "w_a8"],
    ["U_b9", "w_b9", "U_a9", "w_a9"],
];

impl VocsSubstitution {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        VocsSubstitution {
            materials: f.list(&MATERIALS, Material::decode),
            capture_pct: f.num(&CAPTURE),
            run_rate: f.num(&RUN),
            removal_pct: f.num(&REMOVAL),
            extra: f.unread(),
        }
    }

    /// The paths inside `measure` of the materials' fields this version does not know
    /// (`materials.0.colour`).
    pub(crate) fn unknown_fields(&self) -> impl Iterator<Item = String> + '_ {
        self.materials.iter().enumerate().flat_map(|(i, m)| {
            m.extra
                .keys()
                .map(move |k| crate::field::item_path(MATERIALS.path, i, k))
        })
    }

    pub(crate) fn has_unknown_fields(&self) -> bool {
        self.materials.iter().any(|m| !m.extra.is_empty())
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        for (i, m) in self.materials.iter().enumerate() {
            for (spec, v) in [
                (&USAGE_BEFORE, m.usage_before_t),
                (&USAGE_AFTER, m.usage_after_t),
            ] {
                if let Some((low, high)) = spec.usual {
                    if !(low..=high).contains(&v) {
                        e.warn(Warning::on_item(
                            &MATERIALS,
                            i,
                            spec,
                            WarningKind::Implausible {
                                value: v,
                                low,
                                high,
                            },
                        ));
                    }
                }
            }
            // The low-VOC limit of its kind, where the file's library has one.
            let limit = m
                .kind
                .low_limit()
                .and_then(|(id, standard)| Some((factors.value_of(id.id())?, standard)));
            if let Some((limit, standard)) = limit {
                if m.content_after_pct > limit {
                    e.warn(Warning::on_item(
                        &MATERIALS,
                        i,
                        &CONTENT_AFTER,
                        WarningKind::AboveLowVocLimit {
                            value: m.content_after_pct,
                            limit,
                            standard,
                        },
                    ));
                }
            }
        }
        let c = CAPTURE.or_default(self.capture_pct);
        let r = RUN.or_default(self.run_rate);
        let h = REMOVAL.or_default(self.removal_pct);
        warn_usual(e, &CAPTURE, c);
        let sum: f64 = self.materials.iter().map(Material::difference).sum();
        let reduction = sum / 100.0 * (1.0 - c / 100.0 * r * h / 100.0);
        e.record(Key::Vocs, || {
            let mut step = Step::new(
                Key::Vocs,
                "VOCs削减量 = Σ(实施前用量 × 实施前VOCs含量 − 实施后用量 × 实施后VOCs含量) ÷ 100 × (1 − 收集率 × 同步运行率 × 去除率)",
                "VOCs reduction = Σ(usage before × VOCs content before − usage after × VOCs content after) ÷ 100 × (1 − capture × run rate × removal)",
                "R = Σ(U_b × w_b − U_a × w_a) / 100 × (1 − c × r × η)",
            );
            let mut terms = Vec::with_capacity(self.materials.len());
            for (i, m) in self.materials.iter().enumerate() {
                let [ub, wb, ua, wa] = SYMBOLS[i.min(SYMBOLS.len() - 1)];
                let at = |spec: &FieldSpec| {
                    format!(
                        "measure.{}",
                        crate::field::item_path(MATERIALS.path, i, spec.path)
                    )
                };
                step = step
                    .input_at(ub, at(&USAGE_BEFORE), &USAGE_BEFORE, m.usage_before_t)
                    .input_at(wb, at(&CONTENT_BEFORE), &CONTENT_BEFORE, m.content_before_pct)
                    .input_at(ua, at(&USAGE_AFTER), &USAGE_AFTER, m.usage_after_t)
                    .input_at(wa, at(&CONTENT_AFTER), &CONTENT_AFTER, m.content_after_pct);
                terms.push(format!(
                    "{} × {} − {} × {}",
                    Num(m.usage_before_t),
                    Num(m.content_before_pct),
                    Num(m.usage_after_t),
                    Num(m.content_after_pct)
                ));
            }
            let step = step
                .input("c", &CAPTURE, c)
                .input("r", &RUN, r)
                .input("η", &REMOVAL, h);
            let sub = format!(
                "({}) ÷ 100 × (1 − {}% × {} × {}%)",
                terms.join(" + "),
                Num(c),
                Num(r),
                Num(h)
            );
            step.done(sub, reduction)
        });
        e.amounts[Key::Vocs] = reduction;
    }
}
