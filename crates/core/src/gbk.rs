//! The engine's own words as the people's CSV writes them: within GBK (code page 936, what Excel
//! and WPS save a "CSV (逗号分隔)" in on Chinese Windows), so that a spreadsheet saving the file
//! again loses no character of a header, a name of a choice or a message.
//!
//! The vocabulary holds a few characters GBK has no code for — sub- and superscripts (SO₂, NH₃-N,
//! NOₓ, m³, 10⁻⁶) and the minus sign U+2212 of "13 − 起始月" — and a spreadsheet writes each of them
//! as `?`. [`safe`] spells them in ASCII (SO2, NH3-N, NOx, m3, 10^-6, "13 - 起始月"); the screen
//! keeps the true characters. [`same_name`] is how an import compares a typed name with a label:
//! the label itself, its [`safe`] spelling, or the `?`-mangled form earlier exports turned into.
//! Users' own texts are never changed here.

use std::borrow::Cow;

/// A character outside GBK that the vocabulary uses, and how [`safe`] writes it.
fn substitute(c: char) -> Option<&'static str> {
    Some(match c {
        '₀' | '⁰' => "0",
        '₁' | '¹' => "1",
        '₂' | '²' => "2",
        '₃' | '³' => "3",
        '₄' | '⁴' => "4",
        '₅' | '⁵' => "5",
        '₆' | '⁶' => "6",
        '₇' | '⁷' => "7",
        '₈' | '⁸' => "8",
        '₉' | '⁹' => "9",
        'ₓ' => "x",
        'ᵢ' => "i",
        'ⱼ' => "j",
        '⁻' | '−' | '–' => "-",
        _ => return None,
    })
}

/// A superscript that is an exponent (written after `^`); ² and ³ are units' powers (m³ → m3).
fn exponent(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁻')
}

/// `s` with every character of the vocabulary outside GBK spelt in ASCII: `SO₂` → `SO2`,
/// `m³/d` → `m3/d`, `10⁻⁶` → `10^-6`, `13 − 起始月` → `13 - 起始月`.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| substitute(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut in_exponent = false;
    for c in s.chars() {
        let e = exponent(c) || (in_exponent && matches!(c, '²' | '³'));
        if e && !in_exponent {
            out.push('^');
        }
        in_exponent = e;
        match substitute(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` as a spreadsheet saving GBK writes it: each character of the vocabulary outside GBK as
/// `?` (what exports before [`safe`] came back as: "13 ? 起始月", "SO?").
pub fn mangled(s: &str) -> String {
    s.chars()
        .map(|c| if substitute(c).is_some() { '?' } else { c })
        .collect()
}

/// Whether `typed` names `label`: exactly, as [`safe`] spells it, or `?`-mangled; an English
/// label in any case of letters.
pub fn same_name(label: &str, typed: &str) -> bool {
    let eq = |a: &str| a == typed || a.eq_ignore_ascii_case(typed);
    eq(label) || eq(&safe(label)) || (typed.contains('?') && eq(&mangled(label)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_is_spelt_in_ascii_and_users_words_are_left_alone() {
        assert_eq!(safe("SO₂ (吨)"), "SO2 (吨)");
        assert_eq!(safe("NH₃-N"), "NH3-N");
        assert_eq!(safe("NOₓ"), "NOx");
        assert_eq!(safe("设计处理规模 (m³/d)"), "设计处理规模 (m3/d)");
        assert_eq!(safe("× 10⁻⁶"), "× 10^-6");
        assert_eq!(safe("13 − 起始月"), "13 - 起始月");
        assert!(matches!(safe("城东污水处理厂"), Cow::Borrowed(_)));
        assert_eq!(mangled("13 − 起始月"), "13 ? 起始月");
        assert!(same_name("13 − 起始月", "13 ? 起始月"));
        assert!(same_name("13 − 起始月", "13 - 起始月"));
        assert!(same_name("The whole year", "the WHOLE year"));
        assert!(!same_name("13 − 起始月", "13 ? 起始"));
        assert!(!same_name("全年计入", "全年计入?"));
    }
}
