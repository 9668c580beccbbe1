//! A set of annual amounts under the report keys ({cod_t, nh3n_t, so2_t, nox_t, tce, water_t}),
//! each optional: a closed unit's last year (`capacity_phaseout`) or monitored before/after
//! values (`measured`).

use super::Check;
use crate::decode::Fields;
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Emissions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cod_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nh3n_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub so2_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nox_t: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tce: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub water_t: Option<f64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Emissions {
    /// The keys, with their Chinese and English names for trails.
    pub const KEYS: [(&'static str, &'static str, &'static str); 6] = [
        ("cod_t", "COD", "COD"),
        ("nh3n_t", "NH₃-N", "NH₃-N"),
        ("so2_t", "SO₂", "SO₂"),
        ("nox_t", "NOₓ", "NOₓ"),
        ("tce", "能耗（标煤）", "energy use (standard coal)"),
        ("water_t", "新水用量", "fresh water use"),
    ];

    pub fn get(&self, key: &str) -> Option<f64> {
        match key {
            "cod_t" => self.cod_t,
            "nh3n_t" => self.nh3n_t,
            "so2_t" => self.so2_t,
            "nox_t" => self.nox_t,
            "tce" => self.tce,
            "water_t" => self.water_t,
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        Self::KEYS.iter().all(|(k, ..)| self.get(k).is_none())
    }

    /// No amount and no kept unknown field: nothing to write.
    pub fn is_blank(&self) -> bool {
        self.is_empty() && self.extra.is_empty()
    }

    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        Emissions {
            cod_t: f.opt_num("cod_t"),
            nh3n_t: f.opt_num("nh3n_t"),
            so2_t: f.opt_num("so2_t"),
            nox_t: f.opt_num("nox_t"),
            tce: f.opt_num("tce"),
            water_t: f.opt_num("water_t"),
            extra: f.unread(),
        }
    }

    /// Reads the nested object `key` of the measure (absent = `None`).
    pub(crate) fn decode_in(f: &mut Fields<'_>, key: &str) -> Option<Self> {
        let obj = f.opt_object(key)?;
        let mut nf = f.nested(obj, key);
        Some(Emissions::decode(&mut nf))
    }

    /// Each given amount is a finite quantity ≥ 0; fields are named `<prefix>.<key>`.
    pub(crate) fn validate(&self, prefix: &str, c: &mut Check<'_>) {
        for (k, ..) in Self::KEYS {
            c.opt_quantity(&format!("{prefix}.{k}"), self.get(k));
        }
    }
}
