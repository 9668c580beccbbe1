//! Every factor id the engine asks for is in the built-in library, and every carrier's factor
//! has the unit the conversion assumes.

use crate::factors::FactorLibrary;
use crate::file::ProjectFile;
use std::cell::RefCell;
use std::collections::BTreeSet;

thread_local! {
    /// Factor ids looked up through `factor()` on this thread.
    pub(crate) static ASKED: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// One project of every type, taking every branch that looks up a factor (library defaults for
/// the NOₓ factors, flow-based and coal-based flue gas, every species, every energy carrier).
const EVERY_BRANCH: &str = r#"{
  "format": "jianpai/1",
  "settings": { "electricity_basis": "EQUAL" },
  "projects": [
    { "id": "ww", "measure": { "type": "wastewater", "flow_m3_per_day": 100, "cod_before_mg_l": 200, "cod_after_mg_l": 50 } },
    { "id": "fgd", "measure": { "type": "desulfurization", "coal_t": 10, "sulfur_pct": 1, "efficiency_after_pct": 90 } },
    { "id": "scr", "measure": { "type": "denitrification", "coal_t": 10, "efficiency_after_pct": 60 } },
    { "id": "ul", "measure": { "type": "flue_gas", "flue_gas_nm3_per_h": 1000, "hours": 100, "so2_before_mg_m3": 100, "so2_after_mg_m3": 50, "nox_before_mg_m3": 100, "nox_after_mg_m3": 60 } },
    { "id": "ulc", "measure": { "type": "flue_gas", "coal_t": 100, "so2_before_mg_m3": 100, "so2_after_mg_m3": 50 } },
    { "id": "c2g", "measure": { "type": "fuel_switch", "coal_t": 10, "sulfur_pct": 1, "coal_boiler_efficiency_pct": 70, "gas_boiler_efficiency_pct": 90 } },
    { "id": "bp", "measure": { "type": "boiler_phaseout", "boilers": 1, "coal_t": 10, "sulfur_pct": 1 } },
    { "id": "ls", "measure": { "type": "livestock", "action": "closure", "pigs": 1, "dairy_cows": 1, "beef_cattle": 1, "layers": 1, "broilers": 1 } },
    { "id": "cp", "measure": { "type": "capacity_phaseout", "enterprises": 1, "last_year": { "cod_t": 1, "tce": 1 } } },
    { "id": "es", "measure": { "type": "energy_saving", "saved": { "coal_t": 1, "washed_coal_t": 1, "coke_t": 1, "crude_oil_t": 1, "fuel_oil_t": 1, "gasoline_t": 1, "diesel_t": 1, "lpg_t": 1, "natural_gas_m3": 1, "electricity_kwh": 1, "steam_t": 1, "heat_gj": 1, "water_t": 1 } } },
    { "id": "m", "measure": { "type": "measured", "before": { "so2_t": 2 }, "after": { "so2_t": 1 } } }
  ]
}"#;

fn run(basis: &str) {
    let text = EVERY_BRANCH.replace("EQUAL", basis);
    let file: ProjectFile = crate::load(&text).expect("fixture loads");
    crate::compute(&file).expect("fixture computes");
}

#[test]
fn every_engine_factor_exists() {
    ASKED.with(|a| a.borrow_mut().clear());
    run("equivalent");
    run("equal_value");
    let asked = ASKED.with(|a| a.borrow().clone());
    let lib = FactorLibrary::builtin();
    for id in &asked {
        assert!(
            lib.get(id).is_some(),
            "the engine asks for factor {id}, which is not in the library"
        );
    }
    // The recorder itself works, and the branches above reach both electricity factors.
    for id in [
        "co2.per_tce",
        "tce.electricity_equivalent",
        "tce.electricity_equal_value",
        "limit.ultra_low.so2_mg_m3",
    ] {
        assert!(
            asked.contains(id),
            "{id} was not looked up: the fixture misses a branch"
        );
    }
}

/// Every quoted factor-like id in the measure sources names a library factor, so a branch
/// the fixture above misses is still covered.
#[test]
fn every_factor_id_in_the_sources_exists() {
    let sources = [
        include_str!("boiler_phaseout.rs"),
        include_str!("denitrification.rs"),
        include_str!("desulfurization.rs"),
        include_str!("energy_saving.rs"),
        include_str!("flue_gas.rs"),
        include_str!("fuel_switch.rs"),
        include_str!("livestock.rs"),
        include_str!("wastewater.rs"),
        include_str!("../report.rs"),
    ];
    let prefixes = [
        "so2.",
        "nox.",
        "tce.",
        "gas.",
        "flue_gas.",
        "co2.",
        "livestock.",
        "limit.",
    ];
    let lib = FactorLibrary::builtin();
    let mut found = 0;
    for src in sources {
        for quoted in src.split('"').skip(1).step_by(2) {
            let id_like = quoted
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
            if id_like && prefixes.iter().any(|p| quoted.starts_with(p)) {
                found += 1;
                assert!(
                    lib.get(quoted).is_some(),
                    "factor id {quoted} in the sources is not in the library"
                );
            }
        }
    }
    assert!(found > 20, "the scan found only {found} ids");
}

#[test]
fn carrier_units_match_the_library() {
    let lib = FactorLibrary::builtin();
    for c in &super::energy_saving::CARRIERS {
        let f = lib.get(c.factor_id).expect("carrier factor exists");
        assert_eq!(
            f.unit, c.factor_unit,
            "{}: the conversion assumes {}",
            c.factor_id, c.factor_unit
        );
    }
    let eq = lib.get("tce.electricity_equal_value").expect("exists");
    assert_eq!(eq.unit, "kgce/kWh");
}
