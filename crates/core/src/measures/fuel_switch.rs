//! `fuel_switch`: a coal-fired boiler converted to natural gas (煤改气, methodology.md §3.5). The gas
//! burned delivers the same useful heat: E_gas = E_coal × η_coal / η_gas; the reductions are the
//! coal emissions (§3.2/§3.3) minus the gas emissions (library factors per 10⁴ m³), and the energy
//! saved is E_coal − E_gas.

use super::coal::{self, warn_efficiency, warn_sulfur, warn_value_range, SULFUR_MAX_PCT};
use super::{factor, Check, Effect, Step};
use crate::decode::Fields;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::num;
use crate::units::{Tce, Tonnes};
use serde::Serialize;
use serde_json::{Map, Value};

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
        self.fgd_efficiency_pct.unwrap_or(0.0)
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        FuelSwitch {
            coal_t: f.num("coal_t"),
            sulfur_pct: f.num("sulfur_pct"),
            fgd_efficiency_pct: f.opt_num("fgd_efficiency_pct"),
            coal_nox_kg_per_t: f.opt_num("coal_nox_kg_per_t"),
            coal_boiler_efficiency_pct: f.num("coal_boiler_efficiency_pct"),
            gas_boiler_efficiency_pct: f.num("gas_boiler_efficiency_pct"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        c.quantity("coal_t", self.coal_t);
        c.range("sulfur_pct", self.sulfur_pct, 0.0, SULFUR_MAX_PCT);
        c.opt_percent("fgd_efficiency_pct", self.fgd_efficiency_pct);
        c.opt_quantity("coal_nox_kg_per_t", self.coal_nox_kg_per_t);
        for (field, v) in [
            (
                "coal_boiler_efficiency_pct",
                self.coal_boiler_efficiency_pct,
            ),
            ("gas_boiler_efficiency_pct", self.gas_boiler_efficiency_pct),
        ] {
            // The gas efficiency divides; a zero coal efficiency would mean no heat to replace.
            if c.percent(field, v) {
                c.positive(field, v);
            }
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
        let k = factor(factors, "so2.sulfur_conversion");
        let f_coal = factor(factors, "tce.raw_coal");
        let f_gas = factor(factors, "tce.natural_gas");
        let f_gas_so2 = factor(factors, "gas.so2_kg_per_10k_m3");
        let f_gas_nox = factor(factors, "gas.nox_kg_per_10k_m3");
        let (b, s, fgd) = (self.coal_t, self.sulfur_pct, self.fgd_efficiency_pct());
        let (ec, eg) = (
            self.coal_boiler_efficiency_pct,
            self.gas_boiler_efficiency_pct,
        );
        warn_sulfur(e, "sulfur_pct", s);
        warn_efficiency(e, "fgd_efficiency_pct", fgd);
        // Usual boiler efficiencies (methodology.md §3.5, unverified ranges).
        warn_value_range(e, "coal_boiler_efficiency_pct", ec, 60.0, 80.0);
        warn_value_range(e, "gas_boiler_efficiency_pct", eg, 88.0, 95.0);
        let bal = self.balance(f_coal.value, f_gas.value);
        let w = bal.gas_m3 / 1e4;

        let so2_before = 2.0 * k.value * b * (s / 100.0) * (1.0 - fgd / 100.0);
        let so2_after = w * f_gas_so2.value * 1e-3;
        let so2 = Tonnes(so2_before - so2_after);
        e.trail.push(
            Step::new(
                "so2_t",
                "SO₂削减量 = 2 × 硫分转化率 × 燃煤量 × 含硫率 × (1 − 脱硫效率) − 天然气用量 × 天然气SO₂排放系数",
                "SO₂ reduction = 2 × sulfur conversion × coal × sulfur content × (1 − FGD efficiency) − gas burned × SO₂ per 10⁴ m³ of gas",
                "R = 2 × k × B × S × (1 − η) − W × e_SO₂ × 10⁻³",
            )
            .factor(&k)
            .input("B", "coal_t", b, "t")
            .input("S", "sulfur_pct", s, "%")
            .input("η", "fgd_efficiency_pct", fgd, "%")
            .derived("W", "gas_10k_m3", w, "10⁴m³")
            .factor(&f_gas_so2)
            .done(
                format!(
                    "2 × {} × {} × {}% × (1 − {}%) − {} × {} × 10⁻³",
                    num(k.value),
                    num(b),
                    num(s),
                    num(fgd),
                    num(w),
                    num(f_gas_so2.value)
                ),
                so2.get(),
            ),
        );
        e.amounts.so2_t = so2;

        let step = Step::new(
            "nox_t",
            "NOₓ削减量 = 燃煤量 × 燃煤NOₓ产污系数 × 10⁻³ − 天然气用量 × 天然气NOₓ排放系数 × 10⁻³",
            "NOₓ reduction = coal × NOₓ per tonne of coal × 10⁻³ − gas burned × NOₓ per 10⁴ m³ of gas × 10⁻³",
            "R = B × EF × 10⁻³ − W × e_NOₓ × 10⁻³",
        )
        .input("B", "coal_t", b, "t");
        let (step, ef) =
            coal::nox_factor(step, "coal_nox_kg_per_t", self.coal_nox_kg_per_t, factors);
        let nox = Tonnes(b * ef * 1e-3 - w * f_gas_nox.value * 1e-3);
        e.trail.push(
            step.derived("W", "gas_10k_m3", w, "10⁴m³")
                .factor(&f_gas_nox)
                .done(
                    format!(
                        "{} × {} × 10⁻³ − {} × {} × 10⁻³",
                        num(b),
                        num(ef),
                        num(w),
                        num(f_gas_nox.value)
                    ),
                    nox.get(),
                ),
        );
        e.amounts.nox_t = nox;

        let saved = Tce(bal.coal_tce - bal.gas_tce);
        e.trail.push(
            Step::new(
                "tce",
                "节约标煤 = 燃煤量 × 原煤折标系数 × (1 − 燃煤锅炉效率 ÷ 燃气锅炉效率)；天然气用量 = 燃气折标量 ÷ 天然气折标系数",
                "Standard coal saved = coal × raw-coal factor × (1 − coal boiler efficiency ÷ gas boiler efficiency); gas burned = gas tce ÷ natural-gas factor",
                "ΔE = B × c_coal × (1 − η_c ÷ η_g); W = B × c_coal × η_c ÷ η_g ÷ c_gas",
            )
            .input("B", "coal_t", b, "t")
            .factor(&f_coal)
            .input("η_c", "coal_boiler_efficiency_pct", ec, "%")
            .input("η_g", "gas_boiler_efficiency_pct", eg, "%")
            .factor(&f_gas)
            .derived("W", "gas_m3", bal.gas_m3, "m³")
            .done(
                format!(
                    "{} × {} − {} × {} × {}% ÷ {}%",
                    num(b),
                    num(f_coal.value),
                    num(b),
                    num(f_coal.value),
                    num(ec),
                    num(eg)
                ),
                saved.get(),
            ),
        );
        e.amounts.tce = saved;
    }
}
