//! `measured`: reductions from monitoring data, before − after annual amounts for any report key.
//! An increase is not an error (a measured rise is a fact to report) but is warned.

use super::emissions::Emissions;
use super::{Check, Effect, Step};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::file::Settings;
use crate::trail::num;
use crate::units::{Tce, Tonnes};
use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Measured {
    pub before: Emissions,
    pub after: Emissions,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A required side (`before` or `after`); absent is recorded and read as empty.
fn side(f: &mut Fields<'_>, key: &str) -> Emissions {
    let present = f.has(key);
    match Emissions::decode_in(f, key) {
        Some(e) => e,
        None => {
            if !present {
                f.error(key, ErrorKind::Missing);
            }
            Emissions::default()
        }
    }
}

impl Measured {
    pub(crate) fn decode(f: &mut Fields<'_>) -> Self {
        let before = side(f, "before");
        let after = side(f, "after");
        Measured {
            before,
            after,
            extra: f.unread(),
        }
    }

    pub(crate) fn validate(&self, c: &mut Check<'_>) {
        self.before.validate("before", c);
        self.after.validate("after", c);
        let mut pairs = 0;
        for (k, ..) in Emissions::KEYS {
            match (self.before.get(k), self.after.get(k)) {
                (Some(_), Some(_)) => pairs += 1,
                (Some(_), None) => c.fail(&format!("after.{k}"), ErrorKind::Missing),
                (None, Some(_)) => c.fail(&format!("before.{k}"), ErrorKind::Missing),
                (None, None) => {}
            }
        }
        if pairs == 0 && self.before.is_empty() && self.after.is_empty() {
            c.fail("before", ErrorKind::NothingToCompute);
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        for (key, zh, en) in Emissions::KEYS {
            let (Some(b), Some(a)) = (self.before.get(key), self.after.get(key)) else {
                continue;
            };
            let r = b - a;
            let unit = if key == "tce" { "tce" } else { "t" };
            let step = Step::new(
                key,
                &format!("{zh}削减量 = 治理前年排放量（监测） − 治理后年排放量（监测）"),
                &format!("{en} reduction = annual amount before (monitored) − annual amount after (monitored)"),
                "R = E₁ − E₂",
            )
            .input("E₁", &format!("before.{key}"), b, unit)
            .input("E₂", &format!("after.{key}"), a, unit);
            e.trail
                .push(step.done(format!("{} − {}", num(b), num(a)), r));
            match key {
                "cod_t" => e.amounts.cod_t = Tonnes(r),
                "nh3n_t" => e.amounts.nh3n_t = Tonnes(r),
                "so2_t" => e.amounts.so2_t = Tonnes(r),
                "nox_t" => e.amounts.nox_t = Tonnes(r),
                "tce" => e.amounts.tce = Tce(r),
                _ => e.amounts.water_t = Tonnes(r),
            }
        }
    }
}
