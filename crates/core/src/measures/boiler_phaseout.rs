//! `boiler_phaseout`: small coal-fired boilers eliminated (结构减排, docs/methodology.md §3.6).
//! Without registry data the reduction is last year's coal: SO₂ = 2 × k × B × S × (1 − η),
//! NOₓ = B × EF; standard coal saved = B × `tce.raw_coal`, credited only when nothing replaces
//! the heat.

use super::coal::{self, efficiency, nox_per_t, warn_efficiency, COAL_CEILING_T, SULFUR};
use super::{factor, warn_above_usual, warn_usual, Effect, Step};
use crate::choice::choice;
use crate::decode::Fields;
use crate::factors::{FactorId, Factors};
use crate::field::FieldSpec;
use crate::key::Key;
use crate::settings::Settings;
use crate::trail::{Num, Warning, WarningKind};
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// What supplies the heat once the boilers are gone.
    pub enum ReplacedBy {
        /// Nothing: the heat demand ended with the boilers. Default.
        None => "none" ("无替代（用热需求取消）", "Nothing (heat demand ended)"),
        CentralHeating => "central_heating" ("集中供热", "Central heating"),
        Gas => "gas" ("天然气", "Natural gas"),
        Electricity => "electricity" ("电能", "Electricity"),
    }
}

const BOILERS: FieldSpec = FieldSpec::count("boilers", "淘汰锅炉台数", "Boilers eliminated")
    .required()
    .plausible(100.0, 10_000.0);
const COAL: FieldSpec = FieldSpec::number("coal_t", "t", "上年燃煤量", "Coal burned last year")
    .required()
    .plausible(100_000.0, COAL_CEILING_T);
const FGD: FieldSpec = efficiency(
    "fgd_efficiency_pct",
    "脱硫效率",
    "Desulfurisation efficiency",
)
.with_default(0.0);
const NOX_PER_T: FieldSpec = nox_per_t(
    "nox_kg_per_t",
    "NOₓ 产污系数（不填取系数库值）",
    "NOₓ generated per tonne of coal (blank: library factor)",
);
const REPLACED_BY: FieldSpec = FieldSpec::choice(
    "replaced_by",
    ReplacedBy::OPTIONS,
    "替代热源",
    "Heat now supplied by",
)
.default_choice("none");

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[BOILERS, COAL, SULFUR, FGD, NOX_PER_T, REPLACED_BY];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BoilerPhaseout {
    /// Number of boilers eliminated (a count, never prorated).
    pub boilers: u64,
    /// Coal the boilers burned last year, t.
    pub coal_t: f64,
    pub sulfur_pct: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fgd_efficiency_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_kg_per_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<ReplacedBy>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl BoilerPhaseout {
    pub fn fgd_efficiency_pct(&self) -> f64 {
        FGD.or_default(self.fgd_efficiency_pct)
    }
    pub fn replaced_by(&self) -> ReplacedBy {
        self.replaced_by.unwrap_or(ReplacedBy::None)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        BoilerPhaseout {
            boilers: f.count(&BOILERS).unwrap_or(0),
            coal_t: f.req(&COAL),
            sulfur_pct: f.req(&SULFUR),
            fgd_efficiency_pct: f.num(&FGD),
            nox_kg_per_t: f.num(&NOX_PER_T),
            replaced_by: f.choice(&REPLACED_BY),
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let k = factors.value(FactorId::SulfurConversion);
        let (b, s, fgd) = (self.coal_t, self.sulfur_pct, self.fgd_efficiency_pct());
        warn_usual(e, &SULFUR, s);
        warn_above_usual(
            e,
            &[
                (&BOILERS, Some(self.boilers as f64)),
                (&COAL, Some(b)),
                (&NOX_PER_T, self.nox_kg_per_t),
            ],
        );
        warn_efficiency(e, &FGD, fgd);
        e.amounts[Key::Boilers] = self.boilers as f64;

        let so2 = 2.0 * k * b * (s / 100.0) * (1.0 - fgd / 100.0);
        e.record(Key::So2, || {
            Step::new(
                Key::So2,
                "SO₂削减量 = 2 × 硫分转化率 × 上年燃煤量 × 含硫率 × (1 − 脱硫效率)",
                "SO₂ reduction = 2 × sulfur conversion × last year's coal × sulfur content × (1 − FGD efficiency)",
                "R = 2 × k × B × S × (1 − η)",
            )
            .factor(&factor(factors, FactorId::SulfurConversion))
            .input("B", &COAL, b)
            .input("S", &SULFUR, s)
            .input("η", &FGD, fgd)
            .done(
                format!("2 × {} × {} × {}% × (1 − {}%)", Num(k), Num(b), Num(s), Num(fgd)),
                so2,
            )
        });
        e.amounts[Key::So2] = so2;

        let ef = coal::nox_value(self.nox_kg_per_t, factors);
        let nox = b * ef * 1e-3;
        e.record(Key::Nox, || {
            let step = Step::new(
                Key::Nox,
                "NOₓ削减量 = 上年燃煤量 × NOₓ产污系数 × 10⁻³",
                "NOₓ reduction = last year's coal × NOₓ generation factor × 10⁻³",
                "R = B × EF × 10⁻³",
            )
            .input("B", &COAL, b);
            coal::nox_record(step, &NOX_PER_T, self.nox_kg_per_t, factors)
                .done(format!("{} × {} × 10⁻³", Num(b), Num(ef)), nox)
        });
        e.amounts[Key::Nox] = nox;

        if self.replaced_by() == ReplacedBy::None {
            let c = factors.value(FactorId::RawCoal);
            let tce = b * c;
            e.record(Key::Tce, || {
                Step::new(
                    Key::Tce,
                    "节约标煤 = 上年燃煤量 × 原煤折标系数（热负荷不再存在）",
                    "Standard coal saved = last year's coal × raw-coal factor (the heat demand is gone)",
                    "ΔE = B × c",
                )
                .input("B", &COAL, b)
                .factor(&factor(factors, FactorId::RawCoal))
                .done(format!("{} × {}", Num(b), Num(c)), tce)
            });
            e.amounts[Key::Tce] = tce;
            // CO₂ of the coal no longer burned (docs/methodology.md §6): the fuel is known.
            // (A file pinned to a library without per-fuel factors gets the report's per-tce step.)
            if !factors.co2_per_fuel() {
                return;
            }
            let f_co2 = factors.value(FactorId::Co2Coal);
            let co2 = tce * f_co2;
            e.record(Key::Co2, || {
                Step::new(
                    Key::Co2,
                    "CO₂ 减排量（估算）= 上年燃煤量 × 原煤折标系数 × 煤炭 CO₂ 排放系数",
                    "CO₂ reduction (estimate) = last year's coal × raw-coal factor × CO₂ of coal per tce",
                    "CO₂ = B × c × f_coal",
                )
                .input("B", &COAL, b)
                .factor(&factor(factors, FactorId::RawCoal))
                .factor(&factor(factors, FactorId::Co2Coal))
                .done(format!("{} × {} × {}", Num(b), Num(c), Num(f_co2)), co2)
            });
            e.amounts[Key::Co2] = co2;
        } else {
            e.warn(Warning::on(&REPLACED_BY, WarningKind::GrossNotNet));
            e.warn(Warning::on(&REPLACED_BY, WarningKind::Note {
                zh: "热源由其他能源替代，不计节约标煤".into(),
                en: "the heat is supplied by another source: no standard coal saving is credited".into(),
            }));
        }
    }
}
