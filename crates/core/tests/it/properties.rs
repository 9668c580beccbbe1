//! Invariants under random input (proptest): nothing panics, results scale linearly, credited
//! never exceeds full-year, totals are sums, and files survive a write/read round trip. The
//! "never panics" properties tolerate errors, so separate checks show that a share of the same
//! generated inputs does load and compute (a generator yielding only rejects would test nothing).

use jianpai_core::factors::Override;
use jianpai_core::file::Targets;
use jianpai_core::measures::*;
use jianpai_core::measures::{
    boiler_phaseout::ReplacedBy,
    energy_saving::Saved,
    livestock::Action,
    vocs_substitution::{Material, MaterialKind},
};
use jianpai_core::settings::Crediting;
use jianpai_core::settings::{Category, ElectricityBasis};
use jianpai_core::{compute, load, Emissions, Key, Measure, MeasureType, Project, ProjectFile};
use jianpai_core::{Report, Settings};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};

/// Annual amounts under the keys of `Key::EMISSIONS`, in that order (cod, nh3n, so2, nox, tce,
/// water).
fn emissions(values: [Option<f64>; 6]) -> Emissions {
    let mut e = Emissions::default();
    for (k, v) in Key::EMISSIONS.into_iter().zip(values) {
        e.set(k, v);
    }
    e
}

/// Amounts saved of the four carriers the properties use. `Saved::amounts` is indexed in the
/// engine's carrier order; `saved_slots_are_the_named_carriers` checks these slots by name.
fn saved(
    coal_t: Option<f64>,
    gas_m3: Option<f64>,
    kwh: Option<f64>,
    water_t: Option<f64>,
) -> Saved {
    let mut s = Saved::default();
    s.amounts[0] = coal_t; // saved.coal_t
    s.amounts[8] = gas_m3; // saved.natural_gas_m3
    s.amounts[9] = kwh; // saved.electricity_kwh
    s.amounts[12] = water_t; // saved.water_t
    s
}

/// Any f64 a model built in code may hold, special values included.
fn wild() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(-1.0),
        0.0..1e4,
        0.0..100.0,
    ]
}

fn wild_opt() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(wild())
}

fn wild_measure() -> BoxedStrategy<Measure> {
    let e = || {
        (
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
        )
            .prop_map(|(a, b, c, d, e, f)| emissions([a, b, c, d, e, f]))
    };
    prop_oneof![
        (
            wild(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt()
        )
            .prop_map(|(q, r, d, cb, ca, nb, na)| {
                Measure::Wastewater(Wastewater {
                    flow_m3_per_day: q,
                    load_rate: r,
                    days: d,
                    cod_before_mg_l: cb,
                    cod_after_mg_l: ca,
                    nh3n_before_mg_l: nb,
                    nh3n_after_mg_l: na,
                    ..Default::default()
                })
            })
            .boxed(),
        (wild(), wild(), wild_opt(), wild(), wild_opt())
            .prop_map(|(b, s, eb, ea, op)| {
                Measure::Desulfurization(Desulfurization {
                    coal_t: b,
                    sulfur_pct: s,
                    removal: Removal {
                        efficiency_before_pct: eb,
                        efficiency_after_pct: ea,
                        operating_rate: op,
                    },
                    ..Default::default()
                })
            })
            .boxed(),
        (wild(), wild_opt(), wild_opt(), wild(), wild_opt())
            .prop_map(|(b, ef, eb, ea, op)| {
                Measure::Denitrification(Denitrification {
                    coal_t: b,
                    nox_kg_per_t: ef,
                    removal: Removal {
                        efficiency_before_pct: eb,
                        efficiency_after_pct: ea,
                        operating_rate: op,
                    },
                    ..Default::default()
                })
            })
            .boxed(),
        (
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt()
        )
            .prop_map(|(v, h, c, sb, sa, nb, na)| {
                Measure::FlueGas(FlueGas {
                    flue_gas_nm3_per_h: v,
                    hours: h,
                    coal_t: c,
                    so2_before_mg_m3: sb,
                    so2_after_mg_m3: sa,
                    nox_before_mg_m3: nb,
                    nox_after_mg_m3: na,
                    ..Default::default()
                })
            })
            .boxed(),
        (wild(), wild(), wild_opt(), wild_opt(), wild(), wild())
            .prop_map(|(b, s, fgd, ef, ec, eg)| {
                Measure::FuelSwitch(FuelSwitch {
                    coal_t: b,
                    sulfur_pct: s,
                    fgd_efficiency_pct: fgd,
                    coal_nox_kg_per_t: ef,
                    coal_boiler_efficiency_pct: ec,
                    gas_boiler_efficiency_pct: eg,
                    ..Default::default()
                })
            })
            .boxed(),
        (any::<u64>(), wild(), wild(), wild_opt(), wild_opt())
            .prop_map(|(n, b, s, fgd, ef)| {
                Measure::BoilerPhaseout(BoilerPhaseout {
                    boilers: n,
                    coal_t: b,
                    sulfur_pct: s,
                    fgd_efficiency_pct: fgd,
                    nox_kg_per_t: ef,
                    replaced_by: Some(ReplacedBy::Gas),
                    ..Default::default()
                })
            })
            .boxed(),
        (
            any::<bool>(),
            prop::option::of(any::<u64>()),
            prop::option::of(any::<u64>()),
            prop::option::of(any::<u64>()),
            wild_opt(),
            wild_opt()
        )
            .prop_map(|(c, p, d, l, rb, ra)| {
                let action = if c {
                    Action::Closure
                } else {
                    Action::Treatment
                };
                Measure::Livestock(Livestock {
                    action,
                    pigs: p,
                    dairy_cows: d,
                    layers: l,
                    removal_before_pct: rb,
                    removal_after_pct: ra,
                    ..Default::default()
                })
            })
            .boxed(),
        (
            prop::option::of(any::<u64>()),
            prop::option::of(any::<u64>()),
            prop::option::of(e())
        )
            .prop_map(|(en, eq, ly)| {
                Measure::CapacityPhaseout(CapacityPhaseout {
                    enterprises: en,
                    equipment: eq,
                    last_year: ly,
                    ..Default::default()
                })
            })
            .boxed(),
        (wild_opt(), wild_opt(), wild_opt(), wild_opt())
            .prop_map(|(c, g, k, w)| {
                Measure::EnergySaving(EnergySaving {
                    saved: saved(c, g, k, w),
                    ..Default::default()
                })
            })
            .boxed(),
        (e(), e())
            .prop_map(|(before, after)| Measure::Measured(Measured {
                before,
                after,
                ..Default::default()
            }))
            .boxed(),
        (wild(), wild_opt(), wild_opt(), wild_opt())
            .prop_map(|(q, d, c, n)| {
                Measure::ReclaimedWater(ReclaimedWater {
                    reuse_m3_per_day: q,
                    days: d,
                    cod_mg_l: c,
                    nh3n_mg_l: n,
                    ..Default::default()
                })
            })
            .boxed(),
        (
            wild_opt(),
            prop::option::of(any::<u64>()),
            wild_opt(),
            wild_opt(),
            wild_opt(),
            wild_opt()
        )
            .prop_map(|(q, p, w, r, cb, ca)| {
                Measure::RuralSewage(RuralSewage {
                    flow_m3_per_day: q,
                    population: p,
                    water_l_per_person_day: w,
                    load_rate: r,
                    cod_before_mg_l: cb,
                    cod_after_mg_l: ca,
                    ..Default::default()
                })
            })
            .boxed(),
        (wild(), wild_opt(), wild_opt(), wild_opt())
            .prop_map(|(q, r, cb, ca)| {
                Measure::Leachate(Leachate {
                    flow_m3_per_day: q,
                    load_rate: r,
                    cod_before_mg_l: cb,
                    cod_after_mg_l: ca,
                    ..Default::default()
                })
            })
            .boxed(),
        (
            prop::collection::vec(
                (
                    prop_oneof![3 => 0.0..1e4f64, 1 => wild()],
                    0.0..=100.0f64,
                    0.0..1e4f64,
                    0.0..=100.0f64
                ),
                1..2
            ),
            wild_opt(),
            wild_opt(),
            wild_opt()
        )
            .prop_map(|(materials, c, r, h)| {
                Measure::VocsSubstitution(VocsSubstitution {
                    materials: materials
                        .into_iter()
                        .map(|m| material(MaterialKind::Ink, m))
                        .collect(),
                    capture_pct: c,
                    run_rate: r,
                    removal_pct: h,
                    ..Default::default()
                })
            })
            .boxed(),
    ]
    .boxed()
}

/// One material of a `vocs_substitution`: usage and content before, usage and content after.
fn material(kind: MaterialKind, (ub, wb, ua, wa): (f64, f64, f64, f64)) -> Material {
    Material {
        kind,
        usage_before_t: ub,
        content_before_pct: wb,
        usage_after_t: ua,
        content_after_pct: wa,
        extra: Default::default(),
    }
}

/// Measures within every hard limit.
fn valid_measure() -> BoxedStrategy<Measure> {
    let t = || 0.0..1e5f64;
    let pct = || 0.0..=100.0f64;
    prop_oneof![
        (
            t(),
            0.0..=1.5f64,
            0.0..=366.0f64,
            0.0..=600.0f64,
            0.0..=1.0f64
        )
            .prop_map(|(q, r, d, cb, f)| {
                Measure::Wastewater(Wastewater {
                    flow_m3_per_day: q,
                    load_rate: Some(r),
                    days: Some(d),
                    cod_before_mg_l: Some(cb),
                    cod_after_mg_l: Some(cb * f),
                    ..Default::default()
                })
            })
            .boxed(),
        (t(), 0.0..=10.0f64, pct(), 0.0..=1.0f64, 0.0..=1.0f64)
            .prop_map(|(b, s, ea, f, op)| {
                Measure::Desulfurization(Desulfurization {
                    coal_t: b,
                    sulfur_pct: s,
                    removal: Removal {
                        efficiency_before_pct: Some(ea * f),
                        efficiency_after_pct: ea,
                        operating_rate: Some(op),
                    },
                    ..Default::default()
                })
            })
            .boxed(),
        (t(), prop::option::of(0.0..20.0f64), pct())
            .prop_map(|(b, ef, ea)| {
                Measure::Denitrification(Denitrification {
                    coal_t: b,
                    nox_kg_per_t: ef,
                    removal: Removal {
                        efficiency_after_pct: ea,
                        ..Default::default()
                    },
                    ..Default::default()
                })
            })
            .boxed(),
        (t(), 0.0..=8784.0f64, 0.0..=2000.0f64, 0.0..=1.0f64)
            .prop_map(|(v, h, b, f)| {
                Measure::FlueGas(FlueGas {
                    flue_gas_nm3_per_h: Some(v),
                    hours: Some(h),
                    nox_before_mg_m3: Some(b),
                    nox_after_mg_m3: Some(b * f),
                    ..Default::default()
                })
            })
            .boxed(),
        (t(), 0.0..=10.0f64, pct(), 1.0..=100.0f64, 1.0..=100.0f64)
            .prop_map(|(b, s, fgd, ec, eg)| {
                Measure::FuelSwitch(FuelSwitch {
                    coal_t: b,
                    sulfur_pct: s,
                    fgd_efficiency_pct: Some(fgd),
                    coal_boiler_efficiency_pct: ec,
                    gas_boiler_efficiency_pct: eg,
                    ..Default::default()
                })
            })
            .boxed(),
        (0u64..100, t(), 0.0..=10.0f64, any::<bool>())
            .prop_map(|(n, b, s, gas)| {
                let replaced_by = Some(if gas {
                    ReplacedBy::Gas
                } else {
                    ReplacedBy::None
                });
                Measure::BoilerPhaseout(BoilerPhaseout {
                    boilers: n,
                    coal_t: b,
                    sulfur_pct: s,
                    replaced_by,
                    ..Default::default()
                })
            })
            .boxed(),
        (0u64..100_000, 0u64..1000, pct())
            .prop_map(|(p, d, rb)| {
                Measure::Livestock(Livestock {
                    action: Action::Closure,
                    pigs: Some(p),
                    dairy_cows: Some(d),
                    removal_before_pct: Some(rb),
                    ..Default::default()
                })
            })
            .boxed(),
        (0u64..500, 0u64..5000, t(), t())
            .prop_map(|(en, eq, c, w)| {
                Measure::CapacityPhaseout(CapacityPhaseout {
                    enterprises: Some(en),
                    equipment: Some(eq),
                    last_year: Some(emissions([Some(c), None, None, None, None, Some(w)])),
                    ..Default::default()
                })
            })
            .boxed(),
        (t(), 0.0..1e8f64)
            .prop_map(|(c, k)| {
                Measure::EnergySaving(EnergySaving {
                    saved: saved(Some(c), None, Some(k), None),
                    ..Default::default()
                })
            })
            .boxed(),
        (t(), t())
            .prop_map(|(b, a)| Measure::Measured(Measured {
                before: emissions([None, None, Some(b), None, None, None]),
                after: emissions([None, None, Some(a), None, None, None]),
                ..Default::default()
            }))
            .boxed(),
        (t(), 0.0..=366.0f64, 0.0..=150.0f64)
            .prop_map(|(q, d, c)| {
                Measure::ReclaimedWater(ReclaimedWater {
                    reuse_m3_per_day: q,
                    days: Some(d),
                    cod_mg_l: Some(c),
                    ..Default::default()
                })
            })
            .boxed(),
        (
            0u64..1_000_000,
            0.0..=150.0f64,
            0.0..=1.5f64,
            0.0..=600.0f64,
            0.0..=1.0f64
        )
            .prop_map(|(p, w, r, cb, f)| {
                Measure::RuralSewage(RuralSewage {
                    population: Some(p),
                    water_l_per_person_day: Some(w),
                    load_rate: Some(r),
                    cod_before_mg_l: Some(cb),
                    cod_after_mg_l: Some(cb * f),
                    ..Default::default()
                })
            })
            .boxed(),
        (0.0..1e4f64, 0.0..=1.5f64, 0.0..=100_000.0f64, 0.0..=1.0f64)
            .prop_map(|(q, r, cb, f)| {
                Measure::Leachate(Leachate {
                    flow_m3_per_day: q,
                    load_rate: Some(r),
                    cod_before_mg_l: Some(cb),
                    cod_after_mg_l: Some(cb * f),
                    ..Default::default()
                })
            })
            .boxed(),
        (
            prop::collection::vec((t(), pct(), t(), pct(), any::<bool>()), 1..4),
            pct(),
            0.0..=1.0f64,
            pct()
        )
            .prop_map(|(materials, c, r, h)| {
                Measure::VocsSubstitution(VocsSubstitution {
                    materials: materials
                        .into_iter()
                        .map(|(ub, wb, ua, wa, ink)| {
                            let kind = if ink {
                                MaterialKind::Ink
                            } else {
                                MaterialKind::Coating
                            };
                            material(kind, (ub, wb, ua, wa))
                        })
                        .collect(),
                    capture_pct: Some(c),
                    run_rate: Some(r),
                    removal_pct: Some(h),
                    ..Default::default()
                })
            })
            .boxed(),
    ]
    .boxed()
}

fn valid_file() -> impl Strategy<Value = ProjectFile> {
    let project = (
        valid_measure(),
        prop::option::of(1u8..=12),
        "[a-z城东镇]{0,6}",
        prop::option::of("[a-z临江镇]{1,6}"),
        prop::option::of(0usize..3),
        any::<bool>(),
    );
    (
        prop::collection::vec(project, 0..12),
        prop::option::of(0usize..3),
        any::<bool>(),
        prop::option::of(0.0..1e5f64),
        prop::option::of(2000i64..2100),
        any::<bool>(),
    )
        .prop_map(|(projects, rule, equal, target, year, with_override)| {
            let mut f = ProjectFile {
                year,
                ..ProjectFile::default()
            };
            f.settings = Settings {
                crediting: rule.map(|i| {
                    [
                        Crediting::StartMonth,
                        Crediting::SecondMonth,
                        Crediting::FullYear,
                    ][i]
                }),
                electricity_basis: Some(if equal {
                    ElectricityBasis::EqualValue
                } else {
                    ElectricityBasis::Equivalent
                }),
                ..Settings::default()
            };
            f.targets = Targets::default();
            f.targets.set(Key::Cod, target);
            f.targets.set(Key::So2, target);
            if with_override {
                f.overrides.insert(
                    "so2.sulfur_conversion".into(),
                    Override {
                        value: 0.85,
                        note: "power plant".into(),
                    },
                );
            }
            for (i, (m, start, name, township, cat, own_override)) in
                projects.into_iter().enumerate()
            {
                let mut p = Project::new(format!("p{i}"), m);
                p.start_month = start;
                p.name = name.into();
                p.township = township.map(Into::into);
                p.category = cat.map(|c| {
                    [
                        Category::Engineering,
                        Category::Structural,
                        Category::Management,
                    ][c]
                });
                if own_override {
                    p.overrides.insert(
                        "tce.raw_coal".into(),
                        Override {
                            value: 0.7,
                            note: "measured LHV".into(),
                        },
                    );
                }
                f.projects.push(p);
            }
            f
        })
}

/// Random JSON values for fuzzing `load`: numbers of every size, wrong types, nesting.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>().prop_map(|x| json!(x)),
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        (-10i64..200).prop_map(Value::from),
        "[a-z_0-9.]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(field_name(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn field_name() -> impl Strategy<Value = String> {
    let names = [
        "type",
        "flow_m3_per_day",
        "load_rate",
        "days",
        "cod_before_mg_l",
        "cod_after_mg_l",
        "coal_t",
        "sulfur_pct",
        "efficiency_before_pct",
        "efficiency_after_pct",
        "operating_rate",
        "nox_kg_per_t",
        "flue_gas_nm3_per_h",
        "hours",
        "so2_before_mg_m3",
        "so2_after_mg_m3",
        "coal_boiler_efficiency_pct",
        "gas_boiler_efficiency_pct",
        "boilers",
        "replaced_by",
        "action",
        "pigs",
        "layers",
        "removal_after_pct",
        "enterprises",
        "last_year",
        "saved",
        "before",
        "after",
        "cod_t",
        "tce",
        "water_t",
        "electricity_kwh",
        "value",
        "note",
        "x",
    ];
    prop_oneof![
        prop::sample::select(names.to_vec()).prop_map(String::from),
        "[a-z]{1,4}"
    ]
}

/// Files for fuzzing `load`: wholly random ones (nearly always rejected) and valid files with a
/// few measure fields overwritten by random values (zero overwrites leaves the file valid).
fn json_file() -> impl Strategy<Value = String> {
    prop_oneof![random_json_file(), mutated_valid_file()]
}

fn mutated_valid_file() -> impl Strategy<Value = String> {
    let edits = prop::collection::vec((any::<usize>(), field_name(), json_value()), 0..3);
    (valid_file(), edits).prop_map(|(f, edits)| {
        let mut v = serde_json::to_value(&f).expect("a file serialises");
        if let Some(ps) = v["projects"].as_array_mut().filter(|ps| !ps.is_empty()) {
            let n = ps.len();
            for (i, field, value) in edits {
                ps[i % n]["measure"][field] = value;
            }
        }
        v.to_string()
    })
}

fn random_json_file() -> impl Strategy<Value = String> {
    let types = prop::sample::select(MeasureType::ALL.to_vec()).prop_map(|t| Value::from(t.code()));
    let measure = (
        types,
        prop::collection::btree_map(field_name(), json_value(), 0..8),
    )
        .prop_map(|(t, mut m)| {
            m.insert("type".into(), t);
            Value::Object(m.into_iter().collect())
        });
    let project = (measure, json_value(), json_value(), json_value()).prop_map(
        |(m, sm, ov, id)| json!({ "id": id, "start_month": sm, "overrides": ov, "measure": m }),
    );
    (prop::collection::vec(project, 0..5), json_value(), json_value()).prop_map(|(ps, settings, overrides)| {
        json!({ "format": "jianpai/1", "settings": settings, "overrides": overrides, "projects": ps }).to_string()
    })
}

fn quantities() -> impl Iterator<Item = Key> {
    Key::ALL.into_iter().filter(|k| !k.is_count())
}

fn finite(r: &Report) -> bool {
    quantities().all(|k| {
        r.totals.get(k).is_finite()
            && r.full_year_totals.get(k).is_finite()
            && r.projects
                .iter()
                .all(|p| p.credited.get(k).is_finite() && p.full_year.get(k).is_finite())
    })
}

/// A code-built file with projects `p0`, `p1`, … (no start month means the whole year).
fn file_of(ms: Vec<(Measure, Option<u8>)>) -> ProjectFile {
    let mut f = ProjectFile::default();
    for (i, (m, start)) in ms.into_iter().enumerate() {
        let mut p = Project::new(format!("p{i}"), m);
        p.start_month = start;
        f.projects.push(p);
    }
    f
}

/// Validates then computes a code-built file, as the app does; `Err` names the failing stage.
fn check_and_compute(f: &ProjectFile) -> Result<Report, String> {
    let valid = f.validate().map_err(|e| format!("invalid: {e:?}"))?;
    compute(&valid).map_err(|e| format!("compute failed: {e:?}"))
}

/// Computes a one-project file that must be valid (the linearity properties use valid inputs).
fn totals_of(m: Measure) -> Result<jianpai_core::Amounts, TestCaseError> {
    check_and_compute(&file_of(vec![(m, None)]))
        .map(|r| r.totals)
        .map_err(TestCaseError::fail)
}

/// How many of `n` values drawn (deterministically) from `strategy` satisfy `ok`.
fn successes<S: Strategy>(strategy: S, n: usize, ok: impl Fn(S::Value) -> bool) -> usize {
    let mut runner = TestRunner::deterministic();
    (0..n)
        .filter(|_| ok(strategy.new_tree(&mut runner).expect("a value").current()))
        .count()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn compute_never_panics_on_models_built_in_code(ms in wild_models()) {
        // Non-finite numbers become JSON null when validating: rejected, never a panic.
        if let Ok(r) = check_and_compute(&file_of(ms)) {
            prop_assert!(finite(&r));
        }
    }

    #[test]
    fn load_never_panics_on_generated_json(text in json_file()) {
        if let Ok(f) = load(&text) {
            if let Ok(r) = compute(&f) {
                prop_assert!(finite(&r));
            }
        }
    }

    #[test]
    fn load_never_panics_on_any_text(text in "\\PC{0,200}") {
        // Nothing to compute from random text; a rejection must still say what is wrong.
        if let Err(errors) = load(&text) {
            prop_assert!(!errors.is_empty());
        }
    }

    #[test]
    fn linear_in_flow(q in 1.0..1e5f64, k in 0.01..100.0f64, before in 10.0..600.0f64, frac in 0.0..1.0f64) {
        let m = |q| Measure::Wastewater(Wastewater { flow_m3_per_day: q, cod_before_mg_l: Some(before), cod_after_mg_l: Some(before * frac), ..Default::default() });
        let a = totals_of(m(q))?[Key::Cod];
        let b = totals_of(m(q * k))?[Key::Cod];
        prop_assert!(close(b, a * k), "{} vs {}", b, a * k);
    }

    #[test]
    fn linear_in_coal(b in 1.0..1e5f64, k in 0.01..100.0f64, s in 0.1..4.0f64, eta in 0.0..99.0f64) {
        let cases: [fn(f64, f64, f64) -> Measure; 4] = [
            |b, s, eta| Measure::Desulfurization(Desulfurization { coal_t: b, sulfur_pct: s, removal: Removal { efficiency_after_pct: eta, ..Default::default() }, ..Default::default() }),
            |b, _, eta| Measure::Denitrification(Denitrification { coal_t: b, removal: Removal { efficiency_after_pct: eta, ..Default::default() }, ..Default::default() }),
            |b, s, eta| Measure::BoilerPhaseout(BoilerPhaseout { boilers: 1, coal_t: b, sulfur_pct: s, fgd_efficiency_pct: Some(eta), ..Default::default() }),
            |b, s, _| Measure::FuelSwitch(FuelSwitch { coal_t: b, sulfur_pct: s, coal_boiler_efficiency_pct: 70.0, gas_boiler_efficiency_pct: 90.0, ..Default::default() }),
        ];
        for make in cases {
            let x = totals_of(make(b, s, eta))?;
            let y = totals_of(make(b * k, s, eta))?;
            for key in [Key::So2, Key::Nox, Key::Tce, Key::Co2] {
                prop_assert!(close(y[key], x[key] * k), "{}: {} vs {}", key.code(), y[key], x[key] * k);
            }
        }
    }

    #[test]
    fn credited_never_exceeds_full_year_and_totals_are_sums(f in valid_file()) {
        let r = check_and_compute(&f).map_err(TestCaseError::fail)?;
        let mut sum = jianpai_core::Amounts::default();
        let mut sum_full = jianpai_core::Amounts::default();
        for p in &r.projects {
            prop_assert!(p.months <= 12);
            for k in quantities() {
                prop_assert!(p.credited[k].abs() <= p.full_year[k].abs(), "{} {}", p.id, k.code());
            }
            for k in Key::ALL.into_iter().filter(|k| k.is_count()) {
                prop_assert_eq!(p.credited[k], p.full_year[k]);
            }
            sum.add(&p.credited);
            sum_full.add(&p.full_year);
        }
        for k in Key::ALL {
            prop_assert!(close(r.totals[k], sum[k]), "{}", k.code());
            prop_assert!(close(r.full_year_totals[k], sum_full[k]), "{}", k.code());
        }
        let groups: f64 = r.by_township.iter().map(|g| g.credited[Key::Cod]).sum();
        prop_assert!(close(groups, r.totals[Key::Cod]));
    }

    #[test]
    fn the_coefficients_read_are_those_the_trail_cites(f in valid_file()) {
        // With or without the trail (`compute_numbers`), each project records the library
        // entries its trail cites (`factors[].id`), no more and no fewer.
        let r = check_and_compute(&f).map_err(TestCaseError::fail)?;
        let valid = f.validate().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let numbers = jianpai_core::report::compute_numbers(&valid)
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let lib = valid.library();
        for (p, n) in r.projects.iter().zip(&numbers.projects) {
            let mut cited: Vec<&str> = p.trail.iter()
                .flat_map(|e| e.factors.iter().map(|f| f.id.as_str()))
                .collect();
            cited.sort_unstable();
            cited.dedup();
            let mut read: Vec<&str> = n.factors_read.ids(lib).collect();
            read.sort_unstable();
            prop_assert_eq!(cited, read, "{}", p.id);
            prop_assert_eq!(&p.factors_read, &n.factors_read);
        }
    }

    #[test]
    fn files_survive_a_round_trip(f in valid_file()) {
        let again = load(&f.to_json()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(&*again, &f);
        prop_assert_eq!(again.to_json(), f.to_json());
    }
}

/// Up to five projects, mostly wild; some valid measures and start months are mixed in so that a
/// share of the files passes validation and reaches the computation.
fn wild_models() -> impl Strategy<Value = Vec<(Measure, Option<u8>)>> {
    let measure = prop_oneof![3 => wild_measure(), 1 => valid_measure()];
    let start = prop_oneof![
        Just(None),
        (1u8..=12).prop_map(Some),
        any::<u8>().prop_map(Some)
    ];
    prop::collection::vec((measure, start), 0..6)
}

// The "never panics" properties above accept errors; these show the same generators also make
// inputs that pass, so those properties do reach the computation.

#[test]
fn some_wild_models_compute() {
    // An empty file always computes, so only files with projects count.
    let n = successes(wild_models(), 256, |ms| {
        check_and_compute(&file_of(ms)).is_ok_and(|r| !r.projects.is_empty())
    });
    assert!(
        n >= 10,
        "only {n} of 256 wild models with projects computed"
    );
}

#[test]
fn some_generated_json_files_load_and_compute() {
    let n = successes(json_file(), 256, |text| {
        load(&text).is_ok_and(|f| compute(&f).is_ok_and(|r| !r.projects.is_empty()))
    });
    assert!(
        n >= 10,
        "only {n} of 256 generated files with projects loaded and computed"
    );
}

#[test]
fn saved_slots_are_the_named_carriers() {
    let m = Measure::EnergySaving(EnergySaving {
        saved: saved(Some(1.0), Some(2.0), Some(3.0), Some(4.0)),
        ..Default::default()
    });
    let v = serde_json::to_value(&m).expect("serialises");
    assert_eq!(
        v["saved"],
        json!({ "coal_t": 1.0, "natural_gas_m3": 2.0, "electricity_kwh": 3.0, "water_t": 4.0 })
    );
}
