//! `fuel_switch`: a coal-fired boiler converted to natural gas (煤改气, docs/methodology.md §3.5).
//! The gas burned delivers the same useful heat: E_gas = E_coal × η_coal / η_gas; the reductions
//! are the coal emissions (§3.2/§3.3) minus the gas emissions (library factors per 10⁴ m³), and the
//! energy saved is E_coal − E_gas.

use super::coal::{
    self, efficiency, nox_per_t, warn_efficiency, COAL_CEILING_T, COAL_USUAL_T, SULFUR,
};
use super::gas::{Conversion, Gas, GasCo2, GAS_KIND, LHV_KCAL, LHV_KJ};
use super::{factor, warn_above_usual, warn_usual, Effect, Step};
use crate::decode::Fields;
use crate::factors::{FactorId, Factors};
use crate::field::{FieldSpec, Limit};
use crate::key::Key;
use crate::lang::Label;
use crate::settings::Settings;
use crate::trail::Num;
use serde::Serialize;
use serde_json::{Map, Value};

const COAL: FieldSpec = FieldSpec::number(
    "coal_t",
    "t",
    "改造前燃煤量",
    "Coal burned per year before the switch",
)
.required()
.plausible(COAL_USUAL_T, COAL_CEILING_T);
const FGD: FieldSpec = efficiency(
    "fgd_efficiency_pct",
    "原燃煤锅炉脱硫效率",
    "Desulfurisation efficiency of the coal boiler",
)
.with_default(0.0);
const COAL_NOX: FieldSpec = nox_per_t(
    "coal_nox_kg_per_t",
    "燃煤 NOₓ 产污系数（不填取系数库值）",
    "NOₓ per tonne of coal (blank: library factor)",
);
// Usual boiler efficiencies (docs/methodology.md §3.5, unverified ranges). The gas efficiency
// divides; a zero coal efficiency would mean no heat to replace.
const COAL_EFF: FieldSpec = FieldSpec::number(
    "coal_boiler_efficiency_pct",
    "%",
    "燃煤锅炉热效率",
    "Coal boiler efficiency",
)
.required()
.limit(Limit::PositivePercent)
.usual(60.0, 80.0);
const GAS_EFF: FieldSpec = FieldSpec::number(
    "gas_boiler_efficiency_pct",
    "%",
    "燃气锅炉热效率",
    "Gas boiler efficiency",
)
.required()
.limit(Limit::PositivePercent)
.usual(88.0, 95.0);

/// The fields, in form order.
pub const FIELDS: &[FieldSpec] = &[
    COAL, SULFUR, FGD, COAL_NOX, COAL_EFF, GAS_EFF, GAS_KIND, LHV_KJ, LHV_KCAL,
];

const GAS_10K: Label = Label::new("天然气用量（万立方米）", "gas burned (10⁴ m³)");
const GAS_M3: Label = Label::new("天然气用量", "gas burned");
const COAL_TCE: Label = Label::new("改造前燃煤折标量", "coal before the switch, in tce");

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FuelSwitch {
    /// Coal the boiler burned per year before the switch, t.
    pub coal_t: f64,
    pub sulfur_pct: f64,
    /// Desulfurisation the coal boiler had, % (default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fgd_efficiency_pct: Option<f64>,
    /// NOₓ of the coal boiler, kg/t (default: the library's coal-boiler factor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coal_nox_kg_per_t: Option<f64>,
    pub coal_boiler_efficiency_pct: f64,
    pub gas_boiler_efficiency_pct: f64,
    /// The gas's kind or measured heating value (default: gas-field gas).
    #[serde(flatten)]
    pub gas: Gas,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// What the switch comes to, with the intermediate quantities the trail shows.
struct Balance {
    coal_tce: f64,
    gas_tce: f64,
    gas_m3: f64,
}

impl FuelSwitch {
    pub fn fgd_efficiency_pct(&self) -> f64 {
        FGD.or_default(self.fgd_efficiency_pct)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        FuelSwitch {
            coal_t: f.req(&COAL),
            sulfur_pct: f.req(&SULFUR),
            fgd_efficiency_pct: f.num(&FGD),
            coal_nox_kg_per_t: f.num(&COAL_NOX),
            coal_boiler_efficiency_pct: f.req(&COAL_EFF),
            gas_boiler_efficiency_pct: f.req(&GAS_EFF),
            gas: Gas::decode(f),
            extra: f.unread(),
        }
    }

    fn balance(&self, tce_coal: f64, tce_gas_kgce_m3: f64) -> Balance {
        let coal_tce = self.coal_t * tce_coal;
        let gas_tce = coal_tce * self.coal_boiler_efficiency_pct / self.gas_boiler_efficiency_pct;
        // tce → kgce (× 10³), then ÷ kgce per m³.
        let gas_m3 = gas_tce * 1e3 / tce_gas_kgce_m3;
        Balance {
            coal_tce,
            gas_tce,
            gas_m3,
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        let k = factors.value(FactorId::SulfurConversion);
        let c_coal = factors.value(FactorId::RawCoal);
        let f_gas = self.gas.conversion(factors, e);
        let e_so2 = factors.value(FactorId::GasSo2);
        let e_nox = factors.value(FactorId::GasNox);
        let (b, s, fgd) = (self.coal_t, self.sulfur_pct, self.fgd_efficiency_pct());
        let (ec, eg) = (
            self.coal_boiler_efficiency_pct,
            self.gas_boiler_efficiency_pct,
        );
        warn_usual(e, &SULFUR, s);
        warn_above_usual(e, &[(&COAL, Some(b)), (&COAL_NOX, self.coal_nox_kg_per_t)]);
        warn_efficiency(e, &FGD, fgd);
        warn_usual(e, &COAL_EFF, ec);
        warn_usual(e, &GAS_EFF, eg);
        let bal = self.balance(c_coal, f_gas.value());
        let w = bal.gas_m3 / 1e4;

        let so2_before = 2.0 * k * b * (s / 100.0) * (1.0 - fgd / 100.0);
        let so2_after = w * e_so2 * 1e-3;
        let so2 = so2_before - so2_after;
        e.record(Key::So2, || {
            Step::new(
                Key::So2,
                "SO₂削减量 = 2 × 硫分转化率 × 燃煤量 × 含硫率 × (1 − 脱硫效率) − 天然气用量 × 天然气SO₂排放系数",
                "SO₂ reduction = 2 × sulfur conversion × coal × sulfur content × (1 − FGD efficiency) − gas burned × SO₂ per 10⁴ m³ of gas",
                "R = 2 × k × B × S × (1 − η) − W × e_SO₂ × 10⁻³",
            )
            .factor(&factor(factors, FactorId::SulfurConversion))
            .input("B", &COAL, b)
            .input("S", &SULFUR, s)
            .input("η", &FGD, fgd)
            .derived("W", "gas_10k_m3", GAS_10K, w, "10⁴m³")
            .factor(&factor(factors, FactorId::GasSo2))
            .done(
                format!(
                    "2 × {} × {} × {}% × (1 − {}%) − {} × {} × 10⁻³",
                    Num(k),
                    Num(b),
                    Num(s),
                    Num(fgd),
                    Num(w),
                    Num(e_so2)
                ),
                so2,
            )
        });
        e.amounts[Key::So2] = so2;

        let ef = coal::nox_value(self.coal_nox_kg_per_t, factors);
        let nox = b * ef * 1e-3 - w * e_nox * 1e-3;
        e.record(Key::Nox, || {
            let step = Step::new(
                Key::Nox,
                "NOₓ削减量 = 燃煤量 × 燃煤NOₓ产污系数 × 10⁻³ − 天然气用量 × 天然气NOₓ排放系数 × 10⁻³",
                "NOₓ reduction = coal × NOₓ per tonne of coal × 10⁻³ − gas burned × NOₓ per 10⁴ m³ of gas × 10⁻³",
                "R = B × EF × 10⁻³ − W × e_NOₓ × 10⁻³",
            )
            .input("B", &COAL, b);
            coal::nox_record(step, &COAL_NOX, self.coal_nox_kg_per_t, factors)
                .derived("W", "gas_10k_m3", GAS_10K, w, "10⁴m³")
                .factor(&factor(factors, FactorId::GasNox))
                .done(
                    format!(
                        "{} × {} × 10⁻³ − {} × {} × 10⁻³",
                        Num(b),
                        Num(ef),
                        Num(w),
                        Num(e_nox)
                    ),
                    nox,
                )
        });
        e.amounts[Key::Nox] = nox;

        let saved = bal.coal_tce - bal.gas_tce;
        e.record(Key::Tce, || {
            let step = Step::new(
                Key::Tce,
                "节约标煤 = 燃煤量 × 原煤折标系数 × (1 − 燃煤锅炉效率 ÷ 燃气锅炉效率)；天然气用量 = 燃气折标量 ÷ 天然气折标系数",
                "Standard coal saved = coal × raw-coal factor × (1 − coal boiler efficiency ÷ gas boiler efficiency); gas burned = gas tce ÷ natural-gas factor",
                "ΔE = B × c_coal × (1 − η_c ÷ η_g); W = B × c_coal × η_c ÷ η_g ÷ c_gas",
            )
            .input("B", &COAL, b)
            .factor(&factor(factors, FactorId::RawCoal))
            .input("η_c", &COAL_EFF, ec)
            .input("η_g", &GAS_EFF, eg);
            f_gas
                .record(step, factors)
                .derived("W", "gas_m3", GAS_M3, bal.gas_m3, "m³")
                .done(
                    format!(
                        "{} × {} − {} × {} × {}% ÷ {}%",
                        Num(b),
                        Num(c_coal),
                        Num(b),
                        Num(c_coal),
                        Num(ec),
                        Num(eg)
                    ),
                    saved,
                )
        });
        e.amounts[Key::Tce] = saved;
        self.co2(factors, &f_gas, &bal, e);
    }

    /// CO₂ per fuel (docs/methodology.md §6): the coal no longer burned minus the gas now burned.
    /// The gas's CO₂ factor is at the heating value its standard coal uses (`gas::GasCo2`).
    fn co2(&self, factors: &Factors<'_>, conv: &Conversion, bal: &Balance, e: &mut Effect) {
        if !factors.co2_per_fuel() {
            return;
        }
        let f_coal = factors.value(FactorId::Co2Coal);
        let gas_co2 = GasCo2::of(factors, conv);
        let co2 = bal.coal_tce * f_coal - bal.gas_m3 * gas_co2.kg_per_m3 * 1e-3;
        e.record(Key::Co2, || {
            let step = Step::new(
                Key::Co2,
                "CO₂ 减排量（估算）= 燃煤折标量 × 煤炭 CO₂ 排放系数 − 天然气用量 × 天然气 CO₂ 排放系数 × 10⁻³",
                "CO₂ reduction (estimate) = coal in tce × CO₂ of coal per tce − gas burned × CO₂ per m³ of gas × 10⁻³",
                "CO₂ = E_coal × f_coal − W × f_gas × 10⁻³",
            )
            .derived("E_coal", "coal_tce", COAL_TCE, bal.coal_tce, "tce")
            .factor(&factor(factors, FactorId::Co2Coal))
            .derived("W", "gas_m3", GAS_M3, bal.gas_m3, "m³");
            gas_co2.record(step, factors).done(
                format!(
                    "{} × {} − {} × {} × 10⁻³",
                    Num(bal.coal_tce),
                    Num(f_coal),
                    Num(bal.gas_m3),
                    gas_co2.substituted()
                ),
                co2,
            )
        });
        e.amounts[Key::Co2] = co2;
    }
}
