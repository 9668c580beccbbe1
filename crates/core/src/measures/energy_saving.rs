//! `energy_saving`: energy-saving retrofits (节能技改), standard coal saved by GB/T 2589 conversion
//! of each energy carrier saved (methodology.md §4), electricity by the file's basis; fresh water
//! saved is also reported in tonnes.

use super::{factor, Check, Effect, Step};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::file::{ElectricityBasis, Settings};
use crate::trail::num;
use crate::units::{Tce, Tonnes};
use serde::Serialize;
use serde_json::{Map, Value};

/// Annual amounts saved, by energy carrier (each optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Saved {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coal_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub washed_coal_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coke_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crude_oil_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fuel_oil_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gasoline_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diesel_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lpg_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub natural_gas_m3: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electricity_kwh: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steam_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heat_gj: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub water_t: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One energy carrier: field, factor id, the factor's unit in the library, and the scale from
/// (amount × factor) to tce (10⁻³ where the factor is in kgce).
pub(crate) struct Carrier {
    pub field: &'static str,
    pub factor_id: &'static str,
    /// Checked against the library by a unit test; not needed at run time.
    #[cfg_attr(not(test), allow(dead_code))]
    pub factor_unit: &'static str,
    pub amount_unit: &'static str,
    pub to_tce: f64,
}

const fn carrier(
    field: &'static str,
    factor_id: &'static str,
    factor_unit: &'static str,
    amount_unit: &'static str,
    to_tce: f64,
) -> Carrier {
    Carrier {
        field,
        factor_id,
        factor_unit,
        amount_unit,
        to_tce,
    }
}

/// Electricity is listed with the 当量值 factor; [`EnergySaving::compute`] swaps in the 等价值
/// one when the file asks for it.
pub(crate) const CARRIERS: [Carrier; 13] = [
    carrier("coal_t", "tce.raw_coal", "tce/t", "t", 1.0),
    carrier("washed_coal_t", "tce.washed_coal", "tce/t", "t", 1.0),
    carrier("coke_t", "tce.coke", "tce/t", "t", 1.0),
    carrier("crude_oil_t", "tce.crude_oil", "tce/t", "t", 1.0),
    carrier("fuel_oil_t", "tce.fuel_oil", "tce/t", "t", 1.0),
    carrier("gasoline_t", "tce.gasoline", "tce/t", "t", 1.0),
    carrier("diesel_t", "tce.diesel", "tce/t", "t", 1.0),
    carrier("lpg_t", "tce.lpg", "tce/t", "t", 1.0),
    carrier("natural_gas_m3", "tce.natural_gas", "kgce/m³", "m³", 1e-3),
    carrier(
        "electricity_kwh",
        "tce.electricity_equivalent",
        "kgce/kWh",
        "kWh",
        1e-3,
    ),
    carrier("steam_t", "tce.steam", "tce/t", "t", 1.0),
    carrier("heat_gj", "tce.heat", "tce/GJ", "GJ", 1.0),
    carrier("water_t", "tce.water", "tce/t", "t", 1.0),
];

impl Saved {
    pub fn get(&self, field: &str) -> Option<f64> {
        match field {
            "coal_t" => self.coal_t,
            "washed_coal_t" => self.washed_coal_t,
            "coke_t" => self.coke_t,
            "crude_oil_t" => self.crude_oil_t,
            "fuel_oil_t" => self.fuel_oil_t,
            "gasoline_t" => self.gasoline_t,
            "diesel_t" => self.diesel_t,
            "lpg_t" => self.lpg_t,
            "natural_gas_m3" => self.natural_gas_m3,
            "electricity_kwh" => self.electricity_kwh,
            "steam_t" => self.steam_t,
            "heat_gj" => self.heat_gj,
            "water_t" => self.water_t,
            _ => None,
        }
    }

    fn decode(f: &mut Fields<'_>) -> Self {
        Saved {
            coal_t: f.opt_num("coal_t"),
            washed_coal_t: f.opt_num("washed_coal_t"),
            coke_t: f.opt_num("coke_t"),
            crude_oil_t: f.opt_num("crude_oil_t"),
            fuel_oil_t: f.opt_num("fuel_oil_t"),
            gasoline_t: f.opt_num("gasoline_t"),
            diesel_t: f.opt_num("diesel_t"),
            lpg_t: f.opt_num("lpg_t"),
            natural_gas_m3: f.opt_num("natural_gas_m3"),
            electricity_kwh: f.opt_num("electricity_kwh"),
            steam_t: f.opt_num("steam_t"),
            heat_gj: f.opt_num("heat_gj"),
            water_t: f.opt_num("water_t"),
            extra: f.unread(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EnergySaving {
    pub saved: Saved,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The electricity factor id for a basis (design.md §2 `settings.electricity_basis`).
pub fn electricity_factor_id(basis: ElectricityBasis) -> &'static str {
    match basis {
        ElectricityBasis::Equivalent => "tce.electricity_equivalent",
        ElectricityBasis::EqualValue => "tce.electricity_equal_value",
    }
}

impl EnergySaving {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let saved = match f.opt_object("saved") {
            Some(obj) => {
                let mut sf = f.nested(obj, "saved");
                Saved::decode(&mut sf)
            }
            None => {
                if !f.has("saved") {
                    f.error("saved", ErrorKind::Missing);
                }
                Saved::default()
            }
        };
        EnergySaving {
            saved,
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        let mut any = false;
        for cr in &CARRIERS {
            let v = self.saved.get(cr.field);
            any |= v.is_some();
            c.opt_quantity(&format!("saved.{}", cr.field), v);
        }
        if !any {
            c.fail("saved", ErrorKind::NothingToCompute);
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, settings: &Settings, e: &mut Effect) {
        let mut step = Step::new(
            "tce",
            "节约标煤 = Σ 各种能源节约量 × 折标系数（GB/T 2589；电力按所选当量值/等价值）",
            "Standard coal saved = Σ amount of each energy saved × its standard-coal factor (GB/T 2589; electricity on the chosen basis)",
            "ΔE = Σ Qᵢ × cᵢ",
        );
        let mut total = 0.0;
        let mut terms = Vec::new();
        for cr in &CARRIERS {
            let Some(q) = self.saved.get(cr.field) else {
                continue;
            };
            let id = if cr.field == "electricity_kwh" {
                electricity_factor_id(settings.electricity_basis())
            } else {
                cr.factor_id
            };
            let f = factor(factors, id);
            total += q * f.value * cr.to_tce;
            terms.push(if cr.to_tce == 1.0 {
                format!("{} × {}", num(q), num(f.value))
            } else {
                format!("{} × {} × 10⁻³", num(q), num(f.value))
            });
            step = step
                .input("Q", &format!("saved.{}", cr.field), q, cr.amount_unit)
                .factor(&f);
        }
        e.trail.push(step.done(terms.join(" + "), total));
        e.amounts.tce = Tce(total);
        if let Some(w) = self.saved.water_t {
            e.trail.push(
                Step::new(
                    "water_t",
                    "节水量 = 节约新水量",
                    "Water saved = fresh water saved",
                    "W = Q_water",
                )
                .input("Q", "saved.water_t", w, "t")
                .done(num(w), w),
            );
            e.amounts.water_t = Tonnes(w);
        }
    }
}
