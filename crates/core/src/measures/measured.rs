//! `measured`: reductions from monitoring data, before − after annual amounts for any report key.
//! An increase is not an error (a measured rise is a fact to report) but is warned.

use super::{warn_above_usual, Effect, Step};
use super::{
    POLLUTANT_CEILING_T, POLLUTANT_USUAL_T, TCE_CEILING, TCE_USUAL, WATER_CEILING_T, WATER_USUAL_T,
};
use crate::decode::Fields;
use crate::error::ErrorKind;
use crate::factors::Factors;
use crate::field::FieldSpec;
use crate::key::{Emissions, Key};
use crate::settings::Settings;
use crate::trail::Num;
use serde::Serialize;
use serde_json::{Map, Value};

const fn side(
    path: &'static str,
    unit: &'static str,
    zh: &'static str,
    en: &'static str,
) -> FieldSpec {
    FieldSpec::number(path, unit, zh, en)
}

/// Monitored amounts before, one field per key of [`Key::EMISSIONS`].
const BEFORE: [FieldSpec; 7] = [
    side(
        "before.cod_t",
        "t",
        "治理前 COD 年排放量（监测）",
        "COD per year before (monitored)",
    )
    .paired("after.cod_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "before.nh3n_t",
        "t",
        "治理前氨氮年排放量（监测）",
        "NH₃-N per year before (monitored)",
    )
    .paired("after.nh3n_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "before.so2_t",
        "t",
        "治理前 SO₂ 年排放量（监测）",
        "SO₂ per year before (monitored)",
    )
    .paired("after.so2_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "before.nox_t",
        "t",
        "治理前 NOₓ 年排放量（监测）",
        "NOₓ per year before (monitored)",
    )
    .paired("after.nox_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "before.vocs_t",
        "t",
        "治理前 VOCs 年排放量（监测）",
        "VOCs per year before (monitored)",
    )
    .paired("after.vocs_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "before.tce",
        "tce",
        "治理前年综合能耗",
        "Energy use per year before",
    )
    .paired("after.tce")
    .plausible(TCE_USUAL, TCE_CEILING),
    side(
        "before.water_t",
        "t",
        "治理前年新水用量",
        "Fresh water per year before",
    )
    .paired("after.water_t")
    .plausible(WATER_USUAL_T, WATER_CEILING_T),
];
/// Monitored amounts after.
const AFTER: [FieldSpec; 7] = [
    side(
        "after.cod_t",
        "t",
        "治理后 COD 年排放量（监测）",
        "COD per year after (monitored)",
    )
    .paired("before.cod_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "after.nh3n_t",
        "t",
        "治理后氨氮年排放量（监测）",
        "NH₃-N per year after (monitored)",
    )
    .paired("before.nh3n_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "after.so2_t",
        "t",
        "治理后 SO₂ 年排放量（监测）",
        "SO₂ per year after (monitored)",
    )
    .paired("before.so2_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "after.nox_t",
        "t",
        "治理后 NOₓ 年排放量（监测）",
        "NOₓ per year after (monitored)",
    )
    .paired("before.nox_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "after.vocs_t",
        "t",
        "治理后 VOCs 年排放量（监测）",
        "VOCs per year after (monitored)",
    )
    .paired("before.vocs_t")
    .plausible(POLLUTANT_USUAL_T, POLLUTANT_CEILING_T),
    side(
        "after.tce",
        "tce",
        "治理后年综合能耗",
        "Energy use per year after",
    )
    .paired("before.tce")
    .plausible(TCE_USUAL, TCE_CEILING),
    side(
        "after.water_t",
        "t",
        "治理后年新水用量",
        "Fresh water per year after",
    )
    .paired("before.water_t")
    .plausible(WATER_USUAL_T, WATER_CEILING_T),
];

/// The fields, in form order: each pair before, then after.
pub const FIELDS: &[FieldSpec] = &[
    BEFORE[0], AFTER[0], BEFORE[1], AFTER[1], BEFORE[2], AFTER[2], BEFORE[3], AFTER[3], BEFORE[4],
    AFTER[4], BEFORE[5], AFTER[5], BEFORE[6], AFTER[6],
];

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Measured {
    pub before: Emissions,
    pub after: Emissions,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A required side (`before` or `after`); absent is recorded and read as empty.
fn read_side(f: &mut Fields<'_>, key: &str, specs: &[FieldSpec]) -> Emissions {
    let present = f.has(key);
    match f.emissions(key, specs) {
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
        let before = read_side(f, "before", &BEFORE);
        let after = read_side(f, "after", &AFTER);
        let mut pairs = 0;
        for ((k, b), a) in Key::EMISSIONS.into_iter().zip(&BEFORE).zip(&AFTER) {
            match (before.get(k), after.get(k)) {
                (Some(_), Some(_)) => pairs += 1,
                (Some(_), None) => f.fail(a, ErrorKind::Missing),
                (None, Some(_)) => f.fail(b, ErrorKind::Missing),
                (None, None) => {}
            }
        }
        if pairs == 0 && before.is_empty() && after.is_empty() {
            f.error("before", ErrorKind::NothingToCompute);
        }
        Measured {
            before,
            after,
            extra: f.unread(),
        }
    }

    pub(crate) fn compute(&self, _factors: &Factors<'_>, _settings: &Settings, e: &mut Effect) {
        for ((key, sb), sa) in Key::EMISSIONS.into_iter().zip(&BEFORE).zip(&AFTER) {
            warn_above_usual(e, &[(sb, self.before.get(key)), (sa, self.after.get(key))]);
            let (Some(b), Some(a)) = (self.before.get(key), self.after.get(key)) else {
                continue;
            };
            let r = b - a;
            e.record(key, || {
                let name = key.amount_label();
                Step::new(
                    key,
                    format!("{}削减量 = 治理前年排放量（监测） − 治理后年排放量（监测）", name.zh),
                    format!("{} reduction = annual amount before (monitored) − annual amount after (monitored)", name.en),
                    "R = E₁ − E₂",
                )
                .input("E₁", sb, b)
                .input("E₂", sa, a)
                .done(format!("{} − {}", Num(b), Num(a)), r)
            });
            e.amounts[key] = r;
        }
    }
}
