//! The reader's own tokenizer: a text straight into the [`Node`]s that borrow it, for
//! [`crate::stream`]. It reads only what serde_json reads, and reads it to the same values; it
//! never explains a refusal. Wherever the text is not plain valid JSON — a syntax error, a key
//! given twice, a lone surrogate escape, a number too large for an f64, nesting deeper than
//! [`MAX_DEPTH`] — it gives up ([`GiveUp`]) and the caller reads the text again with serde_json
//! ([`super::NodeSeed`], [`super::ValueSeed`]), whose errors (code, line, column, path, message)
//! are the reference. So it may refuse more than serde_json does, never less, and what it
//! accepts it reads as serde_json would (`tests/it/stream.rs`, the proptests of this module).
//!
//! Values as serde_json gives them (1.0.154, `float_roundtrip`): an integer without fraction or
//! exponent is a `u64` when it is not negative and fits, an `i64` when negative and fits, else an
//! f64; `-0` is the f64 −0.0; every other number is the f64 nearest to its decimal value (exact
//! rounding, as `float_roundtrip` promises: Clinger's fast path where it is exact, else the
//! standard library's `str::parse::<f64>`, exact too). Whitespace is JSON's four characters; a
//! string may not hold a control character below U+0020 unescaped.

use super::Node;
use serde_json::Number;
use std::borrow::Cow;

/// The text is not read here: serde_json will say why, or read it itself.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct GiveUp;

/// Deeper than this (objects and arrays inside each other, the top one counted), the text is left
/// to serde_json, whose limit is 128.
pub(crate) const MAX_DEPTH: usize = 100;

/// Members of an object compared one by one for a repeat; past this, a set of keys (as
/// [`super::NodeSeed`]).
const LINEAR: usize = 32;

/// A position in a text being read.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner { text, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not JSON whitespace, not consumed (`0` at the end).
    pub(crate) fn peek(&mut self) -> u8 {
        let b = self.bytes();
        while let Some(&c) = b.get(self.pos) {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                return c;
            }
            self.pos += 1;
        }
        0
    }

    /// Consumes `c` after whitespace, or gives up.
    pub(crate) fn expect(&mut self, c: u8) -> Result<(), GiveUp> {
        if self.peek() == c {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// Consumes `c` after whitespace if it is next.
    pub(crate) fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == c;
        self.pos += found as usize;
        found
    }

    /// Only whitespace is left (what serde_json's `end` checks after the value).
    pub(crate) fn at_end(&mut self) -> bool {
        self.peek() == 0 && self.pos == self.text.len()
    }

    /// After a member or an item: `true` if another follows (`,`), `false` at `close`.
    pub(crate) fn more(&mut self, close: u8) -> Result<bool, GiveUp> {
        match self.peek() {
            b',' => {
                self.pos += 1;
                Ok(true)
            }
            c if c == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(GiveUp),
        }
    }

    /// An object's key and its colon.
    pub(crate) fn key(&mut self) -> Result<Cow<'a, str>, GiveUp> {
        if self.peek() != b'"' {
            return Err(GiveUp);
        }
        let key = self.string()?;
        self.expect(b':')?;
        Ok(key)
    }

    /// One value at nesting `depth` (the enclosing objects and arrays).
    pub(crate) fn value(&mut self, depth: usize) -> Result<Node<'a>, GiveUp> {
        match self.peek() {
            b'"' => self.string().map(Node::String),
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b't' => self.word(b"true", Node::Bool(true)),
            b'f' => self.word(b"false", Node::Bool(false)),
            b'n' => self.word(b"null", Node::Null),
            b'-' | b'0'..=b'9' => self.number().map(Node::Number),
            _ => Err(GiveUp),
        }
    }

    fn word(&mut self, word: &[u8], node: Node<'a>) -> Result<Node<'a>, GiveUp> {
        if self.bytes()[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(node)
        } else {
            Err(GiveUp)
        }
    }

    /// `[` next: the array's items.
    fn array(&mut self, depth: usize) -> Result<Node<'a>, GiveUp> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        self.pos += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Node::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            if !self.more(b']')? {
                return Ok(Node::Array(items));
            }
        }
    }

    /// `{` next: the object's members in the text's order, a repeated key given up on.
    fn object(&mut self, depth: usize) -> Result<Node<'a>, GiveUp> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        self.pos += 1;
        // Room for a project's dozen members at once, as NodeSeed.
        let mut members: Vec<(Cow<'a, str>, Node<'a>)> = Vec::with_capacity(16);
        if self.eat(b'}') {
            return Ok(Node::Object(members));
        }
        let mut many: Option<std::collections::HashSet<Cow<'a, str>>> = None;
        loop {
            let key = self.key()?;
            let repeated = match &mut many {
                Some(keys) => !keys.insert(key.clone()),
                None => {
                    let repeated = members.iter().any(|(k, _)| super::same_key(k, &key));
                    if !repeated && members.len() == LINEAR {
                        let mut keys: std::collections::HashSet<Cow<'a, str>> =
                            members.iter().map(|(k, _)| k.clone()).collect();
                        keys.insert(key.clone());
                        many = Some(keys);
                    }
                    repeated
                }
            };
            if repeated {
                return Err(GiveUp);
            }
            let value = self.value(depth)?;
            members.push((key, value));
            if !self.more(b'}')? {
                return Ok(Node::Object(members));
            }
        }
    }

    /// `"` next: the string, borrowed unless it has an escape.
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, GiveUp> {
        let b = self.bytes();
        let start = self.pos + 1;
        let end = start + plain_run(&b[start..]);
        match b.get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                // Both ends are ASCII, so on character boundaries.
                Ok(Cow::Borrowed(&self.text[start..end]))
            }
            Some(b'\\') => {
                let mut out = String::with_capacity(end - start + 16);
                out.push_str(&self.text[start..end]);
                self.pos = end;
                self.escaped(&mut out)?;
                Ok(Cow::Owned(out))
            }
            // A control character, or the end of the text.
            _ => Err(GiveUp),
        }
    }

    /// At a `\` inside a string: the rest of it onto `out`, up to and past its closing quote.
    fn escaped(&mut self, out: &mut String) -> Result<(), GiveUp> {
        let b = self.bytes();
        loop {
            // At a backslash.
            let c = *b.get(self.pos + 1).ok_or(GiveUp)?;
            self.pos += 2;
            match c {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => {
                    let high = self.hex4()?;
                    let ch = match high {
                        0xD800..=0xDBFF => {
                            // Only a pair is read here; a lone half is serde_json's to judge.
                            if b.get(self.pos) != Some(&b'\\') || b.get(self.pos + 1) != Some(&b'u')
                            {
                                return Err(GiveUp);
                            }
                            self.pos += 2;
                            let low = self.hex4()?;
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return Err(GiveUp);
                            }
                            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        }
                        0xDC00..=0xDFFF => return Err(GiveUp),
                        c => c,
                    };
                    out.push(char::from_u32(ch).ok_or(GiveUp)?);
                }
                _ => return Err(GiveUp),
            }
            let start = self.pos;
            let end = start + plain_run(&b[start..]);
            out.push_str(&self.text[start..end]);
            self.pos = end;
            match b.get(end) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {}
                _ => return Err(GiveUp),
            }
        }
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, GiveUp> {
        let digits = self.bytes().get(self.pos..self.pos + 4).ok_or(GiveUp)?;
        let mut n = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(GiveUp),
            };
            n = n * 16 + u32::from(v);
        }
        self.pos += 4;
        Ok(n)
    }

    /// A number (`-` or a digit next), checked against JSON's grammar
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<Number, GiveUp> {
        let b = self.bytes();
        let start = self.pos;
        let mut i = start;
        let negative = b[i] == b'-';
        i += negative as usize;
        // The digits as a whole number while they fit (`None` once they do not): 19 digits
        // always fit a u64, so only a longer run is checked (wasm has no cheap overflow test).
        let mut digits: u64 = 0;
        let int_start = i;
        while let Some(&d @ b'0'..=b'9') = b.get(i) {
            digits = digits.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            i += 1;
        }
        let int_digits = i - int_start;
        let mut significand = (int_digits <= 19)
            .then_some(digits)
            .or_else(|| whole(&b[int_start..i]));
        if int_digits == 0 || (int_digits > 1 && b[int_start] == b'0') {
            return Err(GiveUp);
        }
        let mut exponent: i64 = 0;
        let mut float = false;
        if b.get(i) == Some(&b'.') {
            float = true;
            i += 1;
            let frac_start = i;
            while let Some(b'0'..=b'9') = b.get(i) {
                i += 1;
            }
            if i == frac_start {
                return Err(GiveUp);
            }
            // The integer and fraction digits as one whole number, if it fits.
            significand = match significand {
                Some(s) if int_digits + (i - frac_start) <= 19 => Some(
                    b[frac_start..i]
                        .iter()
                        .fold(s, |s, d| s * 10 + u64::from(d - b'0')),
                ),
                Some(s) => b[frac_start..i].iter().try_fold(s, |s, d| {
                    s.checked_mul(10)?.checked_add(u64::from(d - b'0'))
                }),
                None => None,
            };
            exponent = -((i - frac_start) as i64);
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            float = true;
            i += 1;
            let exp_negative = b.get(i) == Some(&b'-');
            i += matches!(b.get(i), Some(b'+' | b'-')) as usize;
            let exp_start = i;
            let mut e: i64 = 0;
            while let Some(&d @ b'0'..=b'9') = b.get(i) {
                // Saturating: past ±10^9 only the decimal text below decides.
                e = (e * 10 + i64::from(d - b'0')).min(1_000_000_000);
                i += 1;
            }
            if i == exp_start {
                return Err(GiveUp);
            }
            exponent += if exp_negative { -e } else { e };
        }
        self.pos = i;
        if !float {
            return Ok(match significand {
                Some(s) if !negative => Number::from(s),
                // `-0` is the f64 −0.0 in serde_json.
                Some(0) => Number::from_f64(-0.0).ok_or(GiveUp)?,
                Some(s) if s <= 1 << 63 => Number::from((s as i64).wrapping_neg()),
                // serde_json: the u64 converted, negated.
                Some(s) => Number::from_f64(-(s as f64)).ok_or(GiveUp)?,
                None => parsed(&self.text[start..i])?,
            });
        }
        // Clinger's fast path: a significand and a power of ten both exact in an f64, one
        // correctly rounded operation.
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        match significand {
            Some(s) if s < 1 << 53 && (-22..=22).contains(&exponent) => {
                let m = s as f64;
                let p = POW10[exponent.unsigned_abs() as usize];
                let x = if exponent < 0 { m / p } else { m * p };
                Number::from_f64(if negative { -x } else { x }).ok_or(GiveUp)
            }
            _ => parsed(&self.text[start..i]),
        }
    }
}

/// Decimal digits as a u64, `None` past `u64::MAX`.
fn whole(digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(0u64, |s, d| {
        s.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}

/// The f64 nearest to a number's text (the standard library's exact parse); an infinite one is
/// serde_json's "number out of range".
fn parsed(text: &str) -> Result<Number, GiveUp> {
    let x: f64 = text.parse().map_err(|_| GiveUp)?;
    if x.is_finite() {
        Number::from_f64(x).ok_or(GiveUp)
    } else {
        Err(GiveUp)
    }
}

/// How many bytes from the start of `b` are plain string content: not `"`, not `\`, not a
/// control character below 0x20. Eight bytes at a time (the lowest flagged byte of a word is
/// exact: a false flag can only sit above a true one), then one at a time.
fn plain_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let quote = w ^ (ONES * u64::from(b'"'));
        let slash = w ^ (ONES * u64::from(b'\\'));
        let zero = |v: u64| v.wrapping_sub(ONES) & !v;
        let flagged = (zero(quote) | zero(slash) | w.wrapping_sub(ONES * 0x20) & !w) & HIGH;
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

/// A whole document as one value, for the tests: the node, or `GiveUp`.
#[cfg(test)]
pub(crate) fn document(text: &str) -> Result<Node<'_>, GiveUp> {
    let mut s = Scanner::new(text);
    let node = s.value(0)?;
    if s.at_end() {
        Ok(node)
    } else {
        Err(GiveUp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Val;
    use proptest::prelude::*;

    /// What serde_json makes of `text` (repeated keys refused, as the reader does), written out
    /// so that the kind of each number (u64, i64, f64) and −0.0 show.
    fn reference(text: &str) -> Option<String> {
        crate::json::parse(text.as_bytes())
            .ok()
            .map(|v| serde_json::to_string(&v).unwrap())
    }

    fn scanned(text: &str) -> Option<String> {
        document(text)
            .ok()
            .map(|n| serde_json::to_string(&Val::Node(&n).to_value()).unwrap())
    }

    /// Accepted here ⇒ accepted by serde_json with the same value; `must_read`: accepted here too.
    fn agrees(text: &str, must_read: bool) {
        let (ours, theirs) = (scanned(text), reference(text));
        match &ours {
            Some(_) => assert_eq!(ours, theirs, "{text:?}"),
            None if must_read => panic!("{text:?} not read; serde_json: {theirs:?}"),
            None => {}
        }
    }

    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        // Each written out as serde_json writes the value it reads: u64/i64 bare, f64 with a
        // point or an exponent (ryu: `e+19`). 2^64 = 18446744073709551616 is past u64::MAX, so an
        // f64; −2^63 − 1 past i64::MIN; 2^53 + 1 = 9007199254740993 is a u64 as a whole number
        // but rounds to 2^53 (ties to even) as an f64.
        for (text, written) in [
            ("0", "0"),
            ("-0", "-0.0"),
            ("-0.0", "-0.0"),
            ("0.0", "0.0"),
            ("12", "12"),
            ("-12", "-12"),
            ("1e2", "100.0"),
            ("1E+2", "100.0"),
            ("2.5e-3", "0.0025"),
            ("18446744073709551615", "18446744073709551615"),
            ("18446744073709551616", "1.8446744073709552e+19"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("-9223372036854775809", "-9.223372036854776e+18"),
            ("1e-400", "0.0"),
            ("-1e-400", "-0.0"),
            ("0e999999999999", "0.0"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("5e-324", "5e-324"),
            ("0.1", "0.1"),
            ("123456789012345678901234567890", "1.2345678901234568e+29"),
            ("9007199254740993", "9007199254740993"),
            ("9007199254740993.0", "9007199254740992.0"),
            ("0.30000000000000004", "0.30000000000000004"),
        ] {
            assert_eq!(scanned(text).as_deref(), Some(written), "{text}");
            assert_eq!(
                reference(text).as_deref(),
                Some(written),
                "serde_json, {text}"
            );
        }
        // Out of range or not JSON: left to serde_json, which refuses each.
        for text in [
            "1e400", "-1e400", "1.8e308", "01", "1.", ".5", "-", "1e", "1e+", "+1", "0x1",
        ] {
            assert!(document(text).is_err(), "{text}");
            assert_eq!(reference(text), None, "serde_json, {text}");
        }
    }

    #[test]
    fn strings_read_as_serde_json_reads_them() {
        for text in [
            r#""plain""#,
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u00e9\u4E2D""#,
            r#""\ud83d\ude00 pair""#,
            r#""\u0000""#,
            "\"中文 and more than eight bytes of text\"",
            "\"\u{7f}\"",
        ] {
            agrees(text, true);
        }
        // A lone surrogate, a bad escape, a control character, an open string: given up.
        for text in [
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\x""#,
            "\"a\u{1}b\"",
            "\"tab\there\"",
            r#""open"#,
            r#""\u12""#,
        ] {
            assert!(document(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn structure_and_what_is_given_up() {
        for text in [
            "{}",
            "[]",
            " { \"a\" : [ 1 , 2 , { } ] , \"b\" : null } ",
            "[true, false, null]",
        ] {
            agrees(text, true);
        }
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        agrees(&deep(MAX_DEPTH), true);
        assert!(document(&deep(MAX_DEPTH + 1)).is_err());
        for text in [
            "{\"a\": 1, \"a\": 2}",
            "{\"a\": 1,}",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{a: 1}",
            "{} x",
            "tru",
            "nul",
            "\u{feff}{}",
            "{\"a\": 1}\u{3000}",
            "",
        ] {
            assert!(document(text).is_err(), "{text:?}");
        }
        // 40 members, then a repeat of the 6th past the linear scan.
        let wide: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        agrees(&format!("{{{}}}", wide.join(",")), true);
        assert!(document(&format!("{{{}, \"k5\": 0}}", wide.join(","))).is_err());
    }

    /// JSON values as text, with the numbers, strings and nesting a file may hold.
    fn json_text() -> impl Strategy<Value = String> {
        let number = prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|x| format!("{x:e}")),
            any::<f64>().prop_map(|x| format!("{x}")),
            (any::<u32>(), 0u32..30, -350i32..350).prop_map(|(m, frac, e)| format!(
                "{}.{:0>width$}e{e}",
                m / 7,
                m % 1000,
                width = frac as usize
            )),
            "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,4})?",
        ];
        let string = prop_oneof![
            "[a-z_\\.中文]{0,12}".prop_map(|s| format!("\"{s}\"")),
            any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
            "(\\\\u[0-9a-fA-F]{4}|\\\\[\"\\\\/bfnrt]|[ -~]){0,6}".prop_map(|s| format!("\"{s}\"")),
        ];
        let leaf = prop_oneof![
            number,
            string.clone(),
            Just("true".to_owned()),
            Just("null".to_owned())
        ];
        leaf.prop_recursive(6, 64, 8, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8)
                    .prop_map(|items| format!("[{}]", items.join(" , "))),
                prop::collection::vec((string.clone(), inner), 0..8).prop_map(|members| {
                    let m: Vec<String> = members.iter().map(|(k, v)| format!("{k}:{v}")).collect();
                    format!("{{\n  {}\n}}", m.join(",\n  "))
                }),
            ]
        })
    }

    /// `node` and `value` (the same JSON) answer every lookup alike, all the way down.
    fn same_lookups(node: Val<'_>, value: &serde_json::Value) {
        match (node.as_object(), value) {
            (Some(obj), serde_json::Value::Object(map)) => {
                for (k, v) in map {
                    let found = obj.get(k);
                    assert!(found.is_some(), "{k} in {value}");
                    same_lookups(found.unwrap(), v);
                }
                for absent in ["", "a", "id", "measure", "zz", "k5", "中"] {
                    assert_eq!(
                        obj.contains_key(absent),
                        map.contains_key(absent),
                        "{absent}"
                    );
                }
            }
            (_, serde_json::Value::Array(items)) => {
                let list = node.as_array().unwrap();
                for (n, v) in list.iter().zip(items) {
                    same_lookups(n, v);
                }
            }
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every generated value serde_json reads is read here to the same value (where this
        /// scanner gives up on purpose: a lone surrogate, an infinite number, a repeated key, it
        /// may), and nothing serde_json refuses is read.
        #[test]
        fn generated_texts_read_as_serde_json_reads_them(text in json_text()) {
            let lone = text.contains("\\uD") || text.contains("\\ud");
            agrees(&text, !lone && reference(&text).is_some());
            // Every key of every object is found in the node, and a key looked for and absent is
            // not, as in the Value.
            if let (Ok(node), Ok(value)) = (document(&text), crate::json::parse(text.as_bytes())) {
                same_lookups(Val::Node(&node), &value);
            }
        }

        /// A generated text with one byte changed, removed or doubled: accepted here only if
        /// serde_json accepts it, with the same value.
        #[test]
        fn broken_texts_are_never_read_differently(
            text in json_text(),
            at in any::<prop::sample::Index>(),
            byte in prop_oneof![Just(b'"'), Just(b'\\'), Just(b','), Just(b'}'), Just(b']'),
                Just(b'e'), Just(b'.'), Just(b'-'), Just(b'0'), Just(b'\n'), Just(1u8), any::<u8>()],
            how in 0..3u8,
        ) {
            let mut bytes = text.into_bytes();
            let i = at.index(bytes.len().max(1)).min(bytes.len());
            match how {
                0 if i < bytes.len() => bytes[i] = byte,
                1 if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
            if let Ok(text) = String::from_utf8(bytes) {
                agrees(&text, false);
            }
        }
    }
}
