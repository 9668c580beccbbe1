//! A JSON value handed over as a tape instead of a text: what the JS module's walker writes for a
//! caller's plain object (crates/js `input.rs`), read into the same [`Node`]s that
//! [`super::scan`] reads from the object's `JSON.stringify` text, so the decoders see the same
//! values and give the same errors.
//!
//! The tape is `u32` words, one per value, a tag in the low 3 bits and a payload above
//! ([`STR`] … [`CONST`]); the numbers beside it in their own list, in the order their words
//! come; the strings once each, joined in one text, each string's end given in UTF-16 units
//! (what JavaScript counts). The walker writes each number as the text would read it back
//! (docs/performance.md, issue 20): a whole number of at most 2^53 as a `u64` (not negative, `-0`
//! included, which `JSON.stringify` writes `0`) or an `i64`, any other finite number as an f64;
//! anything a text would read differently (a whole number between 2^53 and 10^21, NaN, ±∞) is not
//! on a tape: the walker gives up and the module reads the text.
//!
//! Anything out of place (an unknown tag, a string index or a count past the end, a number that is
//! not what its tag says, depth past [`scan::MAX_DEPTH`]) is [`GiveUp`]: the caller reads the text.

use super::scan::{GiveUp, MAX_DEPTH};
use super::Node;
use serde_json::Number;
use std::borrow::Cow;

/// A string: its index in the table.
pub const STR: u32 = 0;
/// An f64, the next number.
pub const F64: u32 = 1;
/// A whole number `0 ≤ n ≤ 2^53`, the next number.
pub const U64: u32 = 2;
/// A whole number `−2^53 ≤ n < 0`, the next number.
pub const I64: u32 = 3;
/// An array of `payload` items, each a value.
pub const ARRAY: u32 = 4;
/// An object of `payload` members, each a key (a word holding the key's index in the table) and
/// a value.
pub const OBJECT: u32 = 5;
/// `null` (payload 0), `false` (1), `true` (2).
pub const CONST: u32 = 6;

/// The largest whole number handed over as a `u64` or `i64`: 2^53, every smaller one exact.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A walked value: its words, numbers and string table.
#[derive(Clone, Copy, Debug)]
pub struct Walked<'a> {
    pub words: &'a [u32],
    pub nums: &'a [f64],
    /// Every string of the table, one after the other.
    pub text: &'a str,
    /// Each string's end in `text`, in UTF-16 units.
    pub ends: &'a [u32],
}

/// A position on a tape being read.
pub(crate) struct Reader<'a> {
    words: &'a [u32],
    nums: &'a [f64],
    strings: Vec<&'a str>,
    at: usize,
    num: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(w: Walked<'a>) -> Result<Self, GiveUp> {
        Ok(Reader {
            words: w.words,
            nums: w.nums,
            strings: split(w.text, w.ends)?,
            at: 0,
            num: 0,
        })
    }

    /// The next word as (tag, payload).
    pub(crate) fn next(&mut self) -> Result<(u32, usize), GiveUp> {
        let w = *self.words.get(self.at).ok_or(GiveUp)?;
        self.at += 1;
        Ok((w & 7, (w >> 3) as usize))
    }

    /// The string `index` of the table.
    pub(crate) fn string(&self, index: usize) -> Result<&'a str, GiveUp> {
        self.strings.get(index).copied().ok_or(GiveUp)
    }

    /// Every word read and nothing left over.
    pub(crate) fn at_end(&self) -> bool {
        self.at == self.words.len() && self.num == self.nums.len()
    }

    fn number(&mut self) -> Result<f64, GiveUp> {
        let n = *self.nums.get(self.num).ok_or(GiveUp)?;
        self.num += 1;
        Ok(n)
    }

    /// The value whose word is `(tag, payload)`, at nesting `depth` (the enclosing objects and
    /// arrays), as [`super::scan::Scanner::value`] counts it.
    pub(crate) fn value(
        &mut self,
        (tag, p): (u32, usize),
        depth: usize,
    ) -> Result<Node<'a>, GiveUp> {
        Ok(match tag {
            STR => Node::String(Cow::Borrowed(self.string(p)?)),
            F64 => {
                let n = self.number()?;
                Node::Number(Number::from_f64(n).ok_or(GiveUp)?)
            }
            U64 => {
                let n = self.number()?;
                // `-0.0` is `0.0` here (`-0.0 >= 0.0`), as its text `0` reads.
                if !((0.0..=EXACT).contains(&n) && n.fract() == 0.0) {
                    return Err(GiveUp);
                }
                Node::Number(Number::from(n as u64))
            }
            I64 => {
                let n = self.number()?;
                if !((-EXACT..0.0).contains(&n) && n.fract() == 0.0) {
                    return Err(GiveUp);
                }
                Node::Number(Number::from(n as i64))
            }
            ARRAY => {
                self.room(depth, p)?;
                let mut items = Vec::with_capacity(p);
                for _ in 0..p {
                    let w = self.next()?;
                    items.push(self.value(w, depth + 1)?);
                }
                Node::Array(items)
            }
            OBJECT => {
                self.room(depth, p)?;
                let mut members = Vec::with_capacity(p);
                for _ in 0..p {
                    let key = self.key()?;
                    // A JS object holds each key once; a tape that repeats one is not a walk's.
                    if members
                        .iter()
                        .any(|(k, _): &(Cow<str>, Node)| super::same_key(k, key))
                    {
                        return Err(GiveUp);
                    }
                    let w = self.next()?;
                    members.push((Cow::Borrowed(key), self.value(w, depth + 1)?));
                }
                Node::Object(members)
            }
            CONST => match p {
                0 => Node::Null,
                1 => Node::Bool(false),
                2 => Node::Bool(true),
                _ => return Err(GiveUp),
            },
            _ => return Err(GiveUp),
        })
    }

    /// Room for a list or object of `p` items at `depth`: inside the nesting limit, and no more
    /// items than words left (each item takes one at least), so a count cannot over-allocate.
    fn room(&self, depth: usize, p: usize) -> Result<(), GiveUp> {
        if depth + 1 > MAX_DEPTH || p > self.words.len() - self.at {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// An object member's key.
    pub(crate) fn key(&mut self) -> Result<&'a str, GiveUp> {
        let w = *self.words.get(self.at).ok_or(GiveUp)?;
        self.at += 1;
        self.string(w as usize)
    }
}

/// The table's strings, `ends` counting UTF-16 units (ASCII one each, a character above U+FFFF
/// two).
fn split<'a>(text: &'a str, ends: &[u32]) -> Result<Vec<&'a str>, GiveUp> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(ends.len());
    let (mut pos, mut units) = (0usize, 0u32);
    for &end in ends {
        let start = pos;
        let mut left = end.checked_sub(units).ok_or(GiveUp)?;
        units = end;
        while left > 0 {
            let c = *b.get(pos).ok_or(GiveUp)?;
            if c < 0x80 {
                pos += 1;
                left -= 1;
            } else {
                let ch = text[pos..].chars().next().ok_or(GiveUp)?;
                let n = ch.len_utf16() as u32;
                if n > left {
                    return Err(GiveUp);
                }
                pos += ch.len_utf8();
                left -= n;
            }
        }
        out.push(&text[start..pos]);
    }
    if pos != text.len() {
        return Err(GiveUp);
    }
    Ok(out)
}
