//! `livestock`: livestock farms closed or given treatment (methodology.md §3.7). Heads are turned
//! into pig equivalents by the GB 18596-2001 ratios, then
//! R = PE × g × (removal_after − removal_before) for COD and NH₃-N, g per pig equivalent.

use super::{factor, Check, Effect, Step};
use crate::decode::{choice, Fields};
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::{num, Warning, WarningKind};
use crate::units::Tonnes;
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    #[derive(Default)]
    pub enum Action {
        /// 清栏/关闭: the farm is closed; removal after is 100 %.
        #[default]
        Closure => "closure",
        /// Treatment facilities raise the removal rate.
        Treatment => "treatment",
    }
}

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
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One species: field, pig-equivalent factor id, and the 1st-census 规模化 threshold
/// (methodology.md §3.7, [R-off S17]).
struct Species {
    field: &'static str,
    pe_factor: Option<&'static str>,
    large_scale: f64,
}

const SPECIES: [Species; 5] = [
    Species {
        field: "pigs",
        pe_factor: None,
        large_scale: 500.0,
    },
    Species {
        field: "dairy_cows",
        pe_factor: Some("livestock.pe.dairy_cow"),
        large_scale: 100.0,
    },
    Species {
        field: "beef_cattle",
        pe_factor: Some("livestock.pe.beef_cattle"),
        large_scale: 200.0,
    },
    Species {
        field: "layers",
        pe_factor: Some("livestock.pe.layer"),
        large_scale: 20_000.0,
    },
    Species {
        field: "broilers",
        pe_factor: Some("livestock.pe.broiler"),
        large_scale: 50_000.0,
    },
];

impl Livestock {
    pub fn removal_before_pct(&self) -> f64 {
        self.removal_before_pct.unwrap_or(0.0)
    }

    /// The removal rate after; `None` for a treatment that does not give it (a validation error).
    pub fn removal_after_pct(&self) -> Option<f64> {
        match self.action {
            Action::Closure => Some(self.removal_after_pct.unwrap_or(100.0)),
            Action::Treatment => self.removal_after_pct,
        }
    }

    fn heads(&self, field: &str) -> Option<u64> {
        match field {
            "pigs" => self.pigs,
            "dairy_cows" => self.dairy_cows,
            "beef_cattle" => self.beef_cattle,
            "layers" => self.layers,
            _ => self.broilers,
        }
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let action = match f.opt_choice("action") {
            Some(a) => a,
            None => {
                f.error("action", ErrorKind::Missing);
                Action::Closure
            }
        };
        Livestock {
            action,
            pigs: f.opt_count("pigs"),
            dairy_cows: f.opt_count("dairy_cows"),
            beef_cattle: f.opt_count("beef_cattle"),
            layers: f.opt_count("layers"),
            broilers: f.opt_count("broilers"),
            removal_before_pct: f.opt_num("removal_before_pct"),
            removal_after_pct: f.opt_num("removal_after_pct"),
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        if SPECIES.iter().all(|s| self.heads(s.field).is_none()) {
            c.fail("pigs", ErrorKind::NothingToCompute);
        }
        let ok_b = c.opt_percent("removal_before_pct", self.removal_before_pct);
        let after = match self.action {
            Action::Closure => self.removal_after_pct,
            Action::Treatment => c.required("removal_after_pct", self.removal_after_pct),
        };
        let ok_a = c.opt_percent("removal_after_pct", after);
        if let (true, true, Some(a)) = (ok_a, ok_b, self.removal_after_pct()) {
            c.not_below(
                "removal_after_pct",
                a,
                "removal_before_pct",
                self.removal_before_pct(),
            );
        }
    }

    pub(crate) fn compute(&self, factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        // Pig equivalents, with the terms and coefficients the trail shows.
        let mut pe = 0.0;
        let mut heads = Vec::new();
        let mut pe_factors = Vec::new();
        let mut terms = Vec::new();
        for s in &SPECIES {
            let Some(n) = self.heads(s.field) else {
                continue;
            };
            let n = n as f64;
            if n > 0.0 && n < s.large_scale {
                e.warn(Warning::new(
                    format!("measure.{}", s.field),
                    WarningKind::BelowScale {
                        heads: n,
                        threshold: s.large_scale,
                    },
                ));
            }
            heads.push((s.field, n));
            match s.pe_factor {
                None => {
                    pe += n;
                    terms.push(num(n));
                }
                Some(id) => {
                    let f = factor(factors, id);
                    pe += n * f.value;
                    terms.push(format!("{} × {}", num(n), num(f.value)));
                    pe_factors.push(f);
                }
            }
        }
        let rb = self.removal_before_pct();
        let ra = self.removal_after_pct().unwrap_or(rb);
        for (key, name, id) in [
            ("cod_t", "COD", "livestock.pig.cod_kg"),
            ("nh3n_t", "NH₃-N", "livestock.pig.nh3n_kg"),
        ] {
            let g = factor(factors, id);
            let r = Tonnes(pe * g.value * (ra - rb) / 100.0 * 1e-3);
            let mut step = Step::new(
                key,
                &format!("{name}削减量 = 猪当量 × 每头{name}产污系数 × (治理后去除率 − 治理前去除率) × 10⁻³；猪当量 = 生猪 + 奶牛 × 10 + 肉牛 × 5 + 蛋鸡 ÷ 30 + 肉鸡 ÷ 60（GB 18596-2001）"),
                &format!("{name} reduction = pig equivalents × {name} generated per pig × (removal after − removal before) × 10⁻³; pig equivalents = pigs + dairy cows × 10 + beef cattle × 5 + layers ÷ 30 + broilers ÷ 60 (GB 18596-2001)"),
                "R = PE × g × (f₂ − f₁) × 10⁻³, PE = Σ Nᵢ × pᵢ",
            );
            for (field, n) in &heads {
                step = step.input("N", field, *n, "头");
            }
            for f in &pe_factors {
                step = step.factor(f);
            }
            let step = step
                .derived("PE", "pig_equivalents", pe, "猪当量")
                .factor(&g)
                .input("f₂", "removal_after_pct", ra, "%")
                .input("f₁", "removal_before_pct", rb, "%");
            let sub = format!(
                "({}) × {} × ({}% − {}%) × 10⁻³",
                terms.join(" + "),
                num(g.value),
                num(ra),
                num(rb)
            );
            e.trail.push(step.done(sub, r.get()));
            match key {
                "cod_t" => e.amounts.cod_t = r,
                _ => e.amounts.nh3n_t = r,
            }
        }
    }
}
