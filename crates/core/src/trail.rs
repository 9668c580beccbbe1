//! The trail behind every number: formula in words and symbols, the values substituted and each
//! coefficient with its source and status; and the soft-limit warnings (docs/methodology.md §7).

use crate::factors::FactorUse;
use crate::field::{FieldSpec, ListItem};
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::{Label, Lang};
use serde::ser::SerializeStruct;
use serde::Serialize;
use std::borrow::Cow;

/// One input value as substituted into a formula.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Input {
    pub symbol: &'static str,
    /// Field path in the project (`measure.flow_m3_per_day`), or a derived quantity's name;
    /// borrowed when it is a text of the program (a declared field's path, a derived name).
    pub field: Cow<'static, str>,
    /// What the value is, in both languages (a field's label, or a derived quantity's name).
    pub label: Label,
    pub value: f64,
    pub unit: &'static str,
}

/// Which figure a trail entry ends at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The full-year effect of the measure.
    FullYear,
    /// The amount credited to the accounting year: full year × months / 12, the number reported
    /// unless the project has an offset.
    Credited,
    /// The net amount: credited − the offset used as 区域削减 elsewhere (only for a project with an
    /// `offset` of that key), the number reported.
    Net,
}

/// How one output of one project was obtained.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrailEntry {
    /// Report key of the output (`cod_t`, `so2_t`, `tce`, …).
    pub output: Key,
    pub stage: Stage,
    /// Full-year value of this output, in its report unit.
    pub value: f64,
    /// The formula in words (and [`TrailEntry::formula_en`], [`TrailEntry::symbols`]): borrowed
    /// when it is one of the program's texts, as most are, so a trail holds no copy of it
    /// (docs/performance.md, "trails held once"); owned when it is worded for the project.
    pub formula_zh: Cow<'static, str>,
    pub formula_en: Cow<'static, str>,
    /// The formula in symbols, e.g. `R = Q × r × D × (C₁ − C₂) × 10⁻⁶`.
    pub symbols: Cow<'static, str>,
    /// The same with the values put in, e.g. `10000 × 0.8 × 365 × (250 − 50) × 10⁻⁶ = 584`.
    pub substituted: String,
    pub inputs: Vec<Input>,
    pub factors: Vec<FactorUse>,
}

impl TrailEntry {
    pub fn formula(&self, lang: Lang) -> &str {
        lang.pick(&self.formula_zh, &self.formula_en)
    }
}

/// A number as written in a trail: nine significant digits, no trailing zeros.
pub fn num(x: f64) -> String {
    // Room for every number `num` writes short of exact formatting's (nine significant
    // digits, a sign, a point and up to eight zeros after it): one allocation, not one per doubling.
    let mut s = String::with_capacity(24);
    num_into(&mut s, x);
    s
}

/// [`num`] written onto `out` (a CSV's cells: no text of its own per number).
pub fn num_into(out: &mut String, x: f64) {
    // Writing onto a `String` cannot fail.
    let _ = num_write(out, x);
}

/// [`num`] as an argument of `format!` and `write!` (`format!("{} × {}", Num(a), Num(b))`):
/// written straight onto the text being formatted, the same characters as [`num`], without a
/// `String` of its own. Width and precision flags are not applied (a trail's texts use none).
#[derive(Clone, Copy, Debug)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        num_write(f, self.0)
    }
}

/// [`num`] written onto any text.
fn num_write<W: std::fmt::Write + ?Sized>(out: &mut W, x: f64) -> std::fmt::Result {
    if !x.is_finite() {
        return write!(out, "{x}");
    }
    // Below this, a value is rounding noise of a subtraction, not a quantity.
    if x.abs() < 1e-9 {
        return out.write_char('0');
    }
    // Nine significant digits: small coefficients (0.0000857 tce/t) keep their digits, and
    // binary noise (584.0000000000001) disappears.
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (8 - magnitude).clamp(0, 17) as usize;
    if let Some(r) = rounded_into(out, x, decimals) {
        return r;
    }
    // Near a tie or past 10^10: the shortest text that reads back as `x`, when it has at most
    // `decimals` decimals, is what rounding `x` to `decimals` gives and trimming leaves. It is
    // within half an ulp of `x`, and below 1e15 an ulp is far under half the 10^-decimals step,
    // so rounding lands on it. Exact formatting is several times slower (tests/it/num.rs checks
    // all three agree).
    if x.abs() < 1e15 {
        if let Some(shortest) = shortest(x) {
            let shown = shortest.find('.').map_or(0, |dot| shortest.len() - dot - 1);
            if shown <= decimals {
                return out.write_str(&shortest);
            }
        }
    }
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    out.write_str(if s == "-0" { "0" } else { s })
}

/// `x` rounded to `decimals` decimals and trimmed as [`num`] prints it, written onto `out`, by
/// integer arithmetic (the CSV of a register prints hundreds of thousands; issue 20):
/// `|x| × 10^decimals` is one rounding of the exact product (both factors are exact doubles),
/// within 2^-20 of it below 10^10, and exact when `decimals` is 0. Unless its fraction is within
/// 10^-5 of one half, the nearest whole number to it is then the nearest to the exact product:
/// the digits exact formatting (`{x:.decimals$}`) prints. `None` (nothing written) near a half
/// (a tie is left to exact formatting, which rounds it to even) and for products too large to
/// be sure of (`None`: nothing written; else what writing returned).
fn rounded_into<W: std::fmt::Write + ?Sized>(
    out: &mut W,
    x: f64,
    decimals: usize,
) -> Option<std::fmt::Result> {
    const POW10: [f64; 18] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17,
    ];
    let y = x.abs() * POW10[decimals];
    let limit = if decimals == 0 { 9.0e15 } else { 1.0e10 };
    // `x` is finite, so `y` is a number (infinite past f64's range: refused here too).
    if y >= limit {
        return None;
    }
    let whole = y.floor();
    let fraction = y - whole;
    if (fraction - 0.5).abs() < 1e-5 {
        return None;
    }
    // Below 2^53: the conversion is exact.
    let n = whole as u64 + u64::from(fraction > 0.5);
    if n == 0 {
        return Some(out.write_char('0'));
    }
    // The digits of `n`, from the right, at most 16.
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n;
    while rest > 0 {
        digits[19 - len] = b'0' + (rest % 10) as u8;
        rest /= 10;
        len += 1;
    }
    let digits = &digits[20 - len..];
    // Those left of the point (none: "0"), then the decimals with their trailing zeros trimmed.
    let int_len = len.saturating_sub(decimals);
    let frac = &digits[int_len..];
    let kept = frac.len() - frac.iter().rev().take_while(|&&d| d == b'0').count();
    // The text assembled as ASCII bytes, then written at once (not a char at a time).
    let mut text = [0u8; 48];
    let mut at = 0;
    let mut put = |bytes: &[u8]| {
        text[at..at + bytes.len()].copy_from_slice(bytes);
        at += bytes.len();
    };
    if x < 0.0 {
        put(b"-");
    }
    if int_len == 0 {
        put(b"0");
    }
    put(&digits[..int_len]);
    if kept > 0 {
        put(b".");
        put(&b"00000000000000000"[..decimals - frac.len()]);
        put(&frac[..kept]);
    }
    // ASCII digits, sign and point: always UTF-8.
    match std::str::from_utf8(&text[..at]) {
        Ok(t) => Some(out.write_str(t)),
        Err(_) => None,
    }
}

/// The shortest text that reads back as `x`, without an exponent or a `.0` (`None` when it
/// needs an exponent). serde_json writes floats that way (with ryu), several times faster than
/// `Display`.
fn shortest(x: f64) -> Option<String> {
    let mut s = serde_json::to_string(&x).ok()?;
    if s.contains('e') {
        return None;
    }
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    Some(s)
}

/// A soft-limit finding: the input is accepted, but looks implausible or has a caveat.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub field: Option<String>,
    /// The field's label, when it is a declared input: messages name it by its label.
    pub label: Option<Label>,
    /// The entry of a list field the field belongs to (原辅材料 2).
    pub item: Option<ListItem>,
    pub kind: WarningKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum WarningKind {
    /// Effluent above the selected discharge limit: the plant is non-compliant.
    AboveLimit {
        value: f64,
        limit: f64,
        standard: String,
    },
    /// A value outside its plausible range (still accepted).
    Implausible { value: f64, low: f64, high: f64 },
    /// Load rate below 60 %: such plants may get no new credit.
    LowLoad { value: f64 },
    /// Efficiency above 99.5 %.
    VeryHighEfficiency { value: f64 },
    /// Replaced heat or power causes emissions elsewhere: the reduction is gross, not net.
    GrossNotNet,
    /// Head count below the 规模化 threshold: the farm may not be in the emission base.
    BelowScale { heads: f64, threshold: f64 },
    /// The after-value is above a limit claimed for the measure (e.g. ultra-low 35/50/10).
    AboveClaimedLimit { value: f64, limit: f64 },
    /// A material's VOCs content after a substitution above the low-VOC limit of its kind
    /// (`vocs_substitution`): it is not a low-VOC product by that limit.
    AboveLowVocLimit {
        value: f64,
        limit: f64,
        standard: &'static str,
    },
    /// A measure that increases an emission (negative reduction).
    NegativeReduction { output: Key, value: f64 },
    /// A field of the measure this version does not know: kept in the file, not used.
    UnknownField,
    /// An offset above the credited amount (within the full year): the net is 0 for the year;
    /// `excess` of the offset is not covered by this year's credit.
    OffsetAboveCredited {
        output: Key,
        offset: f64,
        credited: f64,
    },
    /// A project that started before last year: fully credited in earlier years, 0 this year.
    CreditedInEarlierYears { start_year: i64 },
    /// A `start_year` in a file without `year`: not used (the project is credited as one of the
    /// year).
    StartYearWithoutYear,
    /// Any other caveat, already worded.
    Note { zh: String, en: String },
}

impl Warning {
    pub fn new(field: impl Into<String>, kind: WarningKind) -> Self {
        Warning {
            field: Some(field.into()),
            label: None,
            item: None,
            kind,
        }
    }

    /// A warning about a declared input of the measure.
    pub fn on(spec: &FieldSpec, kind: WarningKind) -> Self {
        // Pushed rather than formatted: this runs for every warning of every project.
        let mut field = String::with_capacity("measure.".len() + spec.path.len());
        field.push_str("measure.");
        field.push_str(spec.path);
        Warning {
            field: Some(field),
            label: Some(spec.labels()),
            item: None,
            kind,
        }
    }

    /// A warning about field `spec` of entry `index` of the list field `list`
    /// (`measure.materials.1.content_after_pct`, named "原辅材料 2：…").
    pub fn on_item(list: &FieldSpec, index: usize, spec: &FieldSpec, kind: WarningKind) -> Self {
        Warning {
            field: Some(format!(
                "measure.{}",
                crate::field::item_path(list.path, index, spec.path)
            )),
            label: Some(spec.labels()),
            item: Some(ListItem::of(list, index)),
            kind,
        }
    }

    /// A warning about the project as a whole.
    pub fn general(kind: WarningKind) -> Self {
        Warning {
            field: None,
            label: None,
            item: None,
            kind,
        }
    }

    pub fn code(&self) -> &'static str {
        use WarningKind::*;
        match self.kind {
            AboveLimit { .. } => "above_limit",
            Implausible { .. } => "implausible",
            LowLoad { .. } => "low_load",
            VeryHighEfficiency { .. } => "very_high_efficiency",
            GrossNotNet => "gross_not_net",
            BelowScale { .. } => "below_scale",
            AboveClaimedLimit { .. } => "above_claimed_limit",
            AboveLowVocLimit { .. } => "above_low_voc_limit",
            NegativeReduction { .. } => "negative_reduction",
            UnknownField => "unknown_field",
            OffsetAboveCredited { .. } => "offset_above_credited",
            CreditedInEarlierYears { .. } => "credited_in_earlier_years",
            StartYearWithoutYear => "start_year_without_year",
            Note { .. } => "note",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use WarningKind::*;
        let text = match (&self.kind, lang) {
            (AboveLimit { value, limit, standard }, Lang::Zh) => {
                format!("出水 {} 高于 {standard} 限值 {}，该设施不达标", num(*value), num(*limit))
            }
            (AboveLimit { value, limit, standard }, Lang::En) => format!(
                "effluent {} is above the {standard} limit {}: the plant is non-compliant",
                num(*value),
                num(*limit)
            ),
            (Implausible { value, low, high }, Lang::Zh) => {
                format!("数值 {} 超出常见范围 {}–{}，请核实", num(*value), num(*low), num(*high))
            }
            (Implausible { value, low, high }, Lang::En) => format!(
                "{} is outside the usual range {}–{}; please check",
                num(*value),
                num(*low),
                num(*high)
            ),
            (LowLoad { value }, Lang::Zh) => {
                format!("负荷率 {}% 低于 60%，此类设施可能不予新增核算", num(value * 100.0))
            }
            (LowLoad { value }, Lang::En) => format!(
                "load rate {}% is below 60%: such plants may get no new credit",
                num(value * 100.0)
            ),
            (VeryHighEfficiency { value }, Lang::Zh) => {
                format!("效率 {}% 高于 99.5%，请核实", num(*value))
            }
            (VeryHighEfficiency { value }, Lang::En) => {
                format!("efficiency {}% is above 99.5%; please check", num(*value))
            }
            (GrossNotNet, Lang::Zh) => {
                "替代热源（集中供热、天然气、电）在别处产生排放：此为毛削减量，非净削减量".into()
            }
            (GrossNotNet, Lang::En) => {
                "the replacement heat source emits elsewhere: this is a gross, not a net, reduction"
                    .into()
            }
            (BelowScale { heads, threshold }, Lang::Zh) => format!(
                "{} 低于规模化标准 {}，可能不在减排基数内",
                num(*heads),
                num(*threshold)
            ),
            (BelowScale { heads, threshold }, Lang::En) => format!(
                "{} is below the large-scale threshold {}: the farm may not be in the emission base",
                num(*heads),
                num(*threshold)
            ),
            (AboveClaimedLimit { value, limit }, Lang::Zh) => {
                format!("治理后浓度 {} 高于所称限值 {}", num(*value), num(*limit))
            }
            (AboveClaimedLimit { value, limit }, Lang::En) => {
                format!("the after value {} is above the claimed limit {}", num(*value), num(*limit))
            }
            (AboveLowVocLimit { value, limit, standard }, Lang::Zh) => format!(
                "{}% 高于 {standard} 低VOCs含量限值 {}%，按此限值不属于低VOCs产品，请核实",
                num(*value),
                num(*limit)
            ),
            (AboveLowVocLimit { value, limit, standard }, Lang::En) => format!(
                "{}% is above the low-VOC limit {}% of {standard}: by that limit it is not a low-VOC product; please check",
                num(*value),
                num(*limit)
            ),
            (NegativeReduction { output, value }, Lang::Zh) => {
                format!("{} 的削减量为负（{}），即排放增加", output.text(lang), num(*value))
            }
            (NegativeReduction { output, value }, Lang::En) => {
                format!(
                    "the reduction of {} is negative ({}): emissions increase",
                    output.text(lang),
                    num(*value)
                )
            }
            (UnknownField, Lang::Zh) => "未知字段，已保留但不参与计算（是否拼写有误？）".into(),
            (UnknownField, Lang::En) => {
                "unknown field, kept in the file but not used (a typo?)".into()
            }
            (OffsetAboveCredited { output, offset, credited }, Lang::Zh) => format!(
                "{} 的扣减量 {} 超过本年计入量 {}，超出 {}：本年净减排量计为 0",
                output.text(lang),
                num(*offset),
                num(*credited),
                num(offset - credited)
            ),
            (OffsetAboveCredited { output, offset, credited }, Lang::En) => format!(
                "the offset of {} ({}) is above this year's credited amount ({}) by {}: the net is 0 for the year",
                output.text(lang),
                num(*offset),
                num(*credited),
                num(offset - credited)
            ),
            (CreditedInEarlierYears { start_year }, Lang::Zh) => {
                format!("{start_year} 年投运，已于往年全额计入，本年计入 0")
            }
            (CreditedInEarlierYears { start_year }, Lang::En) => format!(
                "started in {start_year}: fully credited in earlier years, 0 this year"
            ),
            (StartYearWithoutYear, Lang::Zh) => {
                "文件未填写核算年份，投运年份未使用（按当年投运计入）".into()
            }
            (StartYearWithoutYear, Lang::En) => {
                "the file has no accounting year: the start year is not used (credited as a project of the year)"
                    .into()
            }
            (Note { zh, .. }, Lang::Zh) => zh.clone(),
            (Note { en, .. }, Lang::En) => en.clone(),
        };
        let sep = lang.pick("：", ": ");
        match (&self.label, &self.field) {
            (Some(l), _) => match &self.item {
                Some(item) => format!("{}{sep}{}{sep}{text}", item.text(lang), l.get(lang)),
                None => format!("{}{sep}{text}", l.get(lang)),
            },
            (None, Some(f)) => format!("{f}{}{text}", lang.pick("：", ": ")),
            (None, None) => text,
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Warning", 4)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("field", &self.field)?;
        st.serialize_field("message_zh", &self.message(Lang::Zh))?;
        st.serialize_field("message_en", &self.message(Lang::En))?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::{num, Num};

    /// `Num` writes what `num` returns, on every path of it: rounded, near a tie (0.5 at 9
    /// digits), past 10^10 (shortest), past 10^15 (exact formatting), zero, noise, negative,
    /// not finite.
    #[test]
    fn num_as_an_argument_writes_the_same() {
        let xs = [
            584.0,
            91.25,
            0.1229,
            1e-10,
            -0.0,
            0.0000857,
            584.000_000_000_000_1,
            -2.5,
            1_234_567_890.0,
            0.123_456_789_5,
            2.000_000_005,
            12_345_678_901.5,
            3.0e15,
            1.0e20,
            -7.25e16,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1.0 / 3.0,
            2.0 / 3.0e7,
        ];
        for x in xs {
            assert_eq!(format!("{}", Num(x)), num(x), "{x:?}");
            assert_eq!(
                format!("a {} b", Num(x)),
                format!("a {} b", num(x)),
                "{x:?}"
            );
        }
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(num(584.0), "584");
        assert_eq!(num(91.25), "91.25");
        assert_eq!(num(0.1229), "0.1229");
        assert_eq!(num(1e-10), "0");
        assert_eq!(num(-0.0), "0");
        // The new-water factor, 0.0857 kgce/t, must not show as 0.000086.
        assert_eq!(num(0.0000857), "0.0000857");
        assert_eq!(num(584.000_000_000_000_1), "584");
        assert_eq!(num(15_200.304), "15200.304");
        assert_eq!(num(-2.5), "-2.5");
        assert_eq!(num(1_234_567_890.0), "1234567890");
    }
}
