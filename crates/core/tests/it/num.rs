//! `trail::num` (its fast path through the shortest text) prints exactly what rounding to nine
//! significant digits and trimming zeros prints, the rule written out again here.

use jianpai_core::trail::num;
use proptest::prelude::*;

/// The rule, slowly: nine significant digits by exact rounding, no trailing zeros, no "-0".
fn reference(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x.abs() < 1e-9 {
        return "0".into();
    }
    let decimals = (8 - x.abs().log10().floor() as i32).clamp(0, 17) as usize;
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[test]
fn worked_values() {
    // By hand: nine significant digits, zeros trimmed.
    for (x, shown) in [
        (584.0000000000001, "584"),
        (0.0000857, "0.0000857"),
        (1.0 / 3.0, "0.333333333"),
        (2.0 / 3.0 * 1000.0, "666.666667"),
        (12.5, "12.5"),
        (-12.5, "-12.5"),
        (100.0, "100"),
        (1234567891234.0, "1234567891234"),
        (0.1 + 0.2, "0.3"),
        (1e-10, "0"),
        (-1e-10, "0"),
        (123456.78949999999, "123456.789"),
        (9.9999999999, "10"),
        // Ten significant digits: the shortest text has one decimal too many.
        (0.1234567891, "0.123456789"),
        // Not a double: the nearest one is 99,999,999,999,999,991,611,392 (shortest text 1e23).
        (1e23, "99999999999999991611392"),
    ] {
        assert_eq!(num(x), shown, "{x:?}");
        assert_eq!(reference(x), shown, "{x:?}");
    }
}

#[test]
fn decimal_grids_and_powers_of_ten() {
    let mut n = 0;
    for j in 0..=12 {
        let scale = 10f64.powi(j);
        for k in (-30_000..30_000).step_by(7) {
            for x in [k as f64 / scale, k as f64 * scale, (k as f64 + 0.5) / scale] {
                assert_eq!(num(x), reference(x), "{x:?}");
                n += 1;
            }
        }
    }
    for p in -12..=20 {
        let t = 10f64.powi(p);
        for x in [
            t,
            -t,
            t * (1.0 + f64::EPSILON),
            t * (1.0 - f64::EPSILON),
            t * 0.999999999,
        ] {
            assert_eq!(num(x), reference(x), "{x:?}");
        }
    }
    assert!(n > 100_000);
}

/// Where [`num`]'s integer rounding steps aside: a product of `x` and its power of ten at or
/// near one half (whole numbers of 9 digits and a half, whose tie exact formatting rounds to
/// even: 123456789.5 → 123456790, 123456788.5 → 123456788), the doubles next to them, and the
/// largest values it takes.
#[test]
fn ties_and_near_ties_print_as_the_rule_says() {
    assert_eq!(num(123_456_789.5), "123456790");
    assert_eq!(num(123_456_788.5), "123456788");
    assert_eq!(num(-250_000_000.5), "-250000000");
    let mut n = 0;
    for k in (100_000_000u64..999_999_999).step_by(9_999_991) {
        for x in [
            k as f64 + 0.5,
            k as f64 * 10.0 + 0.5,
            k as f64 / 1e9 + 5e-10,
        ] {
            for x in [
                x,
                f64::from_bits(x.to_bits() + 1),
                f64::from_bits(x.to_bits() - 1),
            ] {
                assert_eq!(num(x), reference(x), "{x:?}");
                assert_eq!(num(-x), reference(-x), "{:?}", -x);
                n += 1;
            }
        }
    }
    for x in [
        8.999_999_999_999_99e15,
        9.0e15,
        9.000_000_000_000_01e15,
        1e10 - 0.5,
        99_999_999.99,
    ] {
        assert_eq!(num(x), reference(x), "{x:?}");
    }
    assert!(n > 800);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]
    #[test]
    fn any_double_prints_as_the_rule_says(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assert_eq!(num(x), reference(x));
    }

    #[test]
    fn everyday_amounts_print_as_the_rule_says(m in -1.0e7f64..1.0e7, e in -9i32..6) {
        let x = m * 10f64.powi(e);
        prop_assert_eq!(num(x), reference(x));
    }
}
