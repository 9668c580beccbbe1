//! Numbers as people type them in Chinese office software (`１０００．５`, `1,000`, `2.6万`, `97%`)
//! read into the value of one declared field, and the check for a value typed in the wrong unit.
//!
//! Nothing here changes what the user typed: the caller keeps the text and only uses the value.

use crate::field::{FieldKind, FieldSpec, Limit};
use crate::lang::Lang;

/// Why a typed text is not a value of its field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberProblem {
    /// Not a number in any of the accepted ways of writing one.
    NotANumber,
    /// Commas or spaces that do not group the digits in threes (`1,00`, `1,5`): a thousands
    /// separator or a decimal comma, which cannot be told apart.
    AmbiguousGrouping,
    /// A `%` on a field that is not a percentage.
    PercentNotAllowed,
    /// A count (heads, units) that is not a whole number.
    NotWhole { value: f64 },
}

impl NumberProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            // The same words the form showed before it read these ways of writing numbers.
            (NumberProblem::NotANumber, _) => lang.pick("请输入数字", "Enter a number").into(),
            (NumberProblem::AmbiguousGrouping, _) => lang
                .pick(
                    "逗号或空格的位置不明：千位分隔须每三位一组（如 1,000），小数请用小数点（如 1.5）",
                    "unclear commas or spaces: thousands must be grouped in threes (1,000); \
                     write decimals with a point (1.5)",
                )
                .into(),
            (NumberProblem::PercentNotAllowed, _) => lang
                .pick(
                    "此栏不是百分数，请去掉 %",
                    "this field is not a percentage; remove the %",
                )
                .into(),
            (NumberProblem::NotWhole { value }, Lang::Zh) => {
                format!("应为整数（{value} 不是整数）")
            }
            (NumberProblem::NotWhole { value }, Lang::En) => {
                format!("a whole number is expected ({value} is not one)")
            }
        }
    }
}

/// A value that is valid as a number but looks typed in the wrong unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UnitHint {
    /// A fraction in a percentage field: 0.97 for 97 %.
    FractionInPercent { value: f64 },
    /// A percentage in a rate field whose range is 0–`max`: 85 for 0.85.
    PercentInRate { value: f64, max: f64 },
}

impl UnitHint {
    pub fn message(&self, lang: Lang) -> String {
        match (*self, lang) {
            (UnitHint::FractionInPercent { value }, Lang::Zh) => format!(
                "{value} 看起来是小数；此栏以百分数填写，如 {}",
                tidy(value * 100.0)
            ),
            (UnitHint::FractionInPercent { value }, Lang::En) => format!(
                "{value} looks like a fraction; this field is a percentage, e.g. {}",
                tidy(value * 100.0)
            ),
            (UnitHint::PercentInRate { value, max }, Lang::Zh) => format!(
                "{value} 看起来是百分数；此栏为比率 0–{max}，如 {}",
                tidy(value / 100.0)
            ),
            (UnitHint::PercentInRate { value, max }, Lang::En) => format!(
                "{value} looks like a percentage; this field is a rate 0–{max}, e.g. {}",
                tidy(value / 100.0)
            ),
        }
    }
}

/// A scaled value without float noise (0.57 × 100 is 56.99999999999999 in binary).
fn tidy(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Reads `text` as a value of the field `spec`. Accepts surrounding spaces (also U+3000),
/// full-width digits and signs, thousands grouped in threes by `,` `，` or spaces, a trailing `%`
/// on a percentage field (the same number: `97%` is 97), a trailing `万` (×10⁴) or `亿` (×10⁸) and
/// an exponent (`1e3`). A count must come out whole.
pub fn parse(text: &str, spec: &FieldSpec) -> Result<f64, NumberProblem> {
    let half: String = text.chars().map(half_width).collect();
    let mut s = half.trim();
    if let Some(rest) = s.strip_suffix('%') {
        if spec.unit != "%" {
            return Err(NumberProblem::PercentNotAllowed);
        }
        s = rest.trim_end();
    }
    let mut shift = 0;
    for (suffix, power) in [('万', 4), ('亿', 8)] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end();
            shift = power;
            break;
        }
    }
    let negative = s.starts_with('-');
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, exponent(e)?),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let int = ungroup(int)?;
    if !all_digits(frac) || (int.is_empty() && frac.is_empty()) {
        return Err(NumberProblem::NotANumber);
    }
    // The scale goes into the exponent, so that `2.6万` reads exactly as `26000` would (the
    // product 2.6 × 10⁴ can be off in the last bit).
    let sign = if negative { "-" } else { "" };
    let int = if int.is_empty() { "0" } else { &int };
    let frac = if frac.is_empty() { "0" } else { frac };
    let value: f64 = format!("{sign}{int}.{frac}e{}", exp + shift)
        .parse()
        .map_err(|_| NumberProblem::NotANumber)?;
    if !value.is_finite() {
        return Err(NumberProblem::NotANumber);
    }
    if spec.kind == FieldKind::Count && value.fract() != 0.0 {
        return Err(NumberProblem::NotWhole { value });
    }
    Ok(value)
}

/// Whether `value` of the field `spec` looks typed in the wrong unit: a fraction (0 < v ≤ 1) in a
/// percentage field, or a percentage (above the range, at most 100) in a rate field `0–hi` with
/// `hi ≤ 1.5`. The caller shows the hint instead of the engine's range or order error.
pub fn unit_hint(value: f64, spec: &FieldSpec) -> Option<UnitHint> {
    if spec.kind != FieldKind::Number {
        return None;
    }
    match spec.limit {
        Limit::Percent | Limit::PositivePercent if value > 0.0 && value <= 1.0 => {
            Some(UnitHint::FractionInPercent { value })
        }
        Limit::Range(lo, hi)
            if lo == 0.0
                && hi <= 1.5
                && spec.unit.is_empty()
                && value > hi
                // A value just above the limit (1.6 of 0–1.5) is a rate too high, not a percentage.
                && (2.0..=100.0).contains(&value) =>
        {
            Some(UnitHint::PercentInRate { value, max: hi })
        }
        _ => None,
    }
}

/// The ASCII form of a full-width character (U+FF01–FF5E), spaces of any width as ` `, and the
/// minus sign U+2212 as `-`; any other character as it is.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
        '\u{2212}' => '-',
        _ => c,
    }
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// The digits of an integer part, its thousands separators (one kind: `,` or a space) removed;
/// every group after the first must have three digits.
fn ungroup(int: &str) -> Result<String, NumberProblem> {
    let Some(sep) = int.chars().find(|c| matches!(c, ',' | ' ')) else {
        return all_digits(int)
            .then(|| int.to_owned())
            .ok_or(NumberProblem::NotANumber);
    };
    let groups: Vec<&str> = int.split(sep).collect();
    if groups.iter().any(|g| g.is_empty() || !all_digits(g)) {
        return Err(NumberProblem::NotANumber);
    }
    if groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
        return Err(NumberProblem::AmbiguousGrouping);
    }
    Ok(groups.concat())
}

/// An exponent: an optional sign and at most four digits.
fn exponent(e: &str) -> Result<i32, NumberProblem> {
    let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
    if digits.is_empty() || digits.len() > 4 || !all_digits(digits) {
        return Err(NumberProblem::NotANumber);
    }
    e.parse().map_err(|_| NumberProblem::NotANumber)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberProblem::*;

    const NUM: FieldSpec = FieldSpec::number("flow", "m³/d", "规模", "Capacity");
    const PCT: FieldSpec = FieldSpec::number("eff", "%", "效率", "Efficiency").percent();
    const POS_PCT: FieldSpec =
        FieldSpec::number("eff", "%", "效率", "Efficiency").limit(Limit::PositivePercent);
    /// A % field that is not a 0–100 percentage (coal sulfur content, 0–10 %).
    const SULFUR: FieldSpec =
        FieldSpec::number("s", "%", "含硫率", "Sulfur").limit(Limit::Range(0.0, 10.0));
    const COUNT: FieldSpec = FieldSpec::count("heads", "头数", "Heads");
    const RATE: FieldSpec =
        FieldSpec::number("load_rate", "", "负荷率", "Load rate").limit(Limit::Range(0.0, 1.5));
    const RATE_1: FieldSpec =
        FieldSpec::number("op", "", "投运率", "Operating rate").limit(Limit::Range(0.0, 1.0));
    const DAYS: FieldSpec =
        FieldSpec::number("days", "d", "天数", "Days").limit(Limit::Range(0.0, 366.0));
    const RATE_WITH_UNIT: FieldSpec =
        FieldSpec::number("r", "x", "倍数", "Ratio").limit(Limit::Range(0.0, 1.5));
    const RATE_FROM_HALF: FieldSpec =
        FieldSpec::number("r", "", "比率", "Ratio").limit(Limit::Range(0.5, 1.5));

    #[test]
    fn reads_numbers_as_typed() {
        let cases: &[(&str, &FieldSpec, Result<f64, NumberProblem>)] = &[
            ("1000", &NUM, Ok(1000.0)),
            ("  1000  ", &NUM, Ok(1000.0)),
            ("\u{3000}12\u{3000}", &NUM, Ok(12.0)),
            (".5", &NUM, Ok(0.5)),
            ("5.", &NUM, Ok(5.0)),
            ("-2.5", &NUM, Ok(-2.5)),
            // Full width.
            ("１０００．５", &NUM, Ok(1000.5)),
            ("－３", &NUM, Ok(-3.0)),
            ("＋３", &NUM, Ok(3.0)),
            ("１ｅ３", &NUM, Ok(1000.0)),
            // Thousands.
            ("1,000", &NUM, Ok(1000.0)),
            ("1，000", &NUM, Ok(1000.0)),
            ("1 000", &NUM, Ok(1000.0)),
            ("１０，０００", &NUM, Ok(10000.0)),
            ("12,345,678.9", &NUM, Ok(12345678.9)),
            ("-1,000", &NUM, Ok(-1000.0)),
            ("1,00", &NUM, Err(AmbiguousGrouping)),
            ("1,5", &NUM, Err(AmbiguousGrouping)),
            ("1,0000", &NUM, Err(AmbiguousGrouping)),
            ("1000,000", &NUM, Err(AmbiguousGrouping)),
            ("1 00", &NUM, Err(AmbiguousGrouping)),
            ("1,000 000", &NUM, Err(NotANumber)),
            (",100", &NUM, Err(NotANumber)),
            ("1,000,", &NUM, Err(NotANumber)),
            ("1.000,5", &NUM, Err(NotANumber)),
            // Percent signs.
            ("97%", &PCT, Ok(97.0)),
            ("97 ％", &PCT, Ok(97.0)),
            ("９７％", &POS_PCT, Ok(97.0)),
            ("0.8%", &SULFUR, Ok(0.8)),
            ("97%", &NUM, Err(PercentNotAllowed)),
            ("97%", &RATE, Err(PercentNotAllowed)),
            // 万 and 亿, exact where 0.07 × 10⁴ in binary is 700.0000000000001.
            ("2.6万", &NUM, Ok(26000.0)),
            ("2.6 万", &NUM, Ok(26000.0)),
            ("１．５万", &NUM, Ok(15000.0)),
            ("0.07万", &NUM, Ok(700.0)),
            ("0.57万", &NUM, Ok(5700.0)),
            ("3亿", &NUM, Ok(300_000_000.0)),
            ("1.25亿", &NUM, Ok(125_000_000.0)),
            ("1,200万", &NUM, Ok(12_000_000.0)),
            // Exponents.
            ("1e3", &NUM, Ok(1000.0)),
            ("1E3", &NUM, Ok(1000.0)),
            ("2.5e-2", &NUM, Ok(0.025)),
            ("1e+2", &NUM, Ok(100.0)),
            ("1e3万", &NUM, Ok(10_000_000.0)),
            // Not numbers.
            ("abc", &NUM, Err(NotANumber)),
            ("", &NUM, Err(NotANumber)),
            ("万", &NUM, Err(NotANumber)),
            ("2万万", &NUM, Err(NotANumber)),
            ("-", &NUM, Err(NotANumber)),
            ("- 5", &NUM, Err(NotANumber)),
            ("--5", &NUM, Err(NotANumber)),
            ("1.2.3", &NUM, Err(NotANumber)),
            ("inf", &NUM, Err(NotANumber)),
            ("NaN", &NUM, Err(NotANumber)),
            ("1e400", &NUM, Err(NotANumber)),
            ("1e", &NUM, Err(NotANumber)),
            ("e5", &NUM, Err(NotANumber)),
            ("1_000", &NUM, Err(NotANumber)),
            // Counts.
            ("12", &COUNT, Ok(12.0)),
            ("2.5万", &COUNT, Ok(25000.0)),
            ("1e3", &COUNT, Ok(1000.0)),
            ("1.5", &COUNT, Err(NotWhole { value: 1.5 })),
            ("1.00005万", &COUNT, Err(NotWhole { value: 10000.5 })),
        ];
        for (text, spec, expected) in cases {
            assert_eq!(parse(text, spec), *expected, "{text:?} in {}", spec.path);
        }
    }

    #[test]
    fn spots_a_value_typed_in_the_wrong_unit() {
        let fraction = |value| Some(UnitHint::FractionInPercent { value });
        let percent = |value, max| Some(UnitHint::PercentInRate { value, max });
        let cases: &[(f64, &FieldSpec, Option<UnitHint>)] = &[
            (0.97, &PCT, fraction(0.97)),
            (1.0, &PCT, fraction(1.0)),
            (0.5, &POS_PCT, fraction(0.5)),
            (0.0, &PCT, None),
            (1.5, &PCT, None),
            (97.0, &PCT, None),
            (0.8, &SULFUR, None),
            (85.0, &RATE, percent(85.0, 1.5)),
            // Just above the limit: a rate too high, not a percentage (the range error stands).
            (1.6, &RATE, None),
            (2.0, &RATE, percent(2.0, 1.5)),
            (100.0, &RATE, percent(100.0, 1.5)),
            (100.5, &RATE, None),
            (1.5, &RATE, None),
            (0.85, &RATE, None),
            (85.0, &RATE_1, percent(85.0, 1.0)),
            (85.0, &DAYS, None),
            (85.0, &RATE_WITH_UNIT, None),
            (85.0, &RATE_FROM_HALF, None),
            (0.5, &NUM, None),
            (0.5, &COUNT, None),
        ];
        for (value, spec, expected) in cases {
            assert_eq!(
                unit_hint(*value, spec),
                *expected,
                "{value} in {}",
                spec.path
            );
        }
    }

    #[test]
    fn hints_say_what_to_type() {
        let cases = [
            (
                UnitHint::FractionInPercent { value: 0.97 },
                "0.97 看起来是小数；此栏以百分数填写，如 97",
                "0.97 looks like a fraction; this field is a percentage, e.g. 97",
            ),
            (
                // 0.57 × 100 is 56.99999999999999 in binary: the example is written 57.
                UnitHint::FractionInPercent { value: 0.57 },
                "0.57 看起来是小数；此栏以百分数填写，如 57",
                "0.57 looks like a fraction; this field is a percentage, e.g. 57",
            ),
            (
                UnitHint::PercentInRate {
                    value: 85.0,
                    max: 1.5,
                },
                "85 看起来是百分数；此栏为比率 0–1.5，如 0.85",
                "85 looks like a percentage; this field is a rate 0–1.5, e.g. 0.85",
            ),
        ];
        for (hint, zh, en) in cases {
            assert_eq!(hint.message(Lang::Zh), zh);
            assert_eq!(hint.message(Lang::En), en);
        }
    }

    #[test]
    fn problems_are_told_in_both_languages() {
        assert_eq!(NotANumber.message(Lang::Zh), "请输入数字");
        assert_eq!(NotANumber.message(Lang::En), "Enter a number");
        assert_eq!(
            NotWhole { value: 1.5 }.message(Lang::Zh),
            "应为整数（1.5 不是整数）"
        );
        assert_eq!(
            NotWhole { value: 1.5 }.message(Lang::En),
            "a whole number is expected (1.5 is not one)"
        );
        assert!(AmbiguousGrouping.message(Lang::Zh).contains("1,000"));
        assert!(AmbiguousGrouping.message(Lang::En).contains("threes"));
        assert!(PercentNotAllowed.message(Lang::Zh).contains("不是百分数"));
        assert!(PercentNotAllowed
            .message(Lang::En)
            .contains("not a percentage"));
    }
}
