//! A value handed to JavaScript as numbers and a string table (issue 20): what `JSON.parse` of
//! serde_json's text of the value gives, built in JavaScript without the text.
//!
//! serde_json writes a report with trails as 46 MB of text for 10,000 projects, most of it the same
//! formulas, coefficient names, sources, citations, units and labels again for every project; the
//! text was written (escaped byte by byte), decoded from UTF-8 into a JS string and parsed, and every
//! one of those strings was created again. Here the value is written by a `serde::Serializer` as a
//! tape of `u32` words, one per value (a string's index in the table, a whole number, a constant,
//! an array's or an object's length with a key's index before each member), the `f64`s beside it in
//! their own list, and each distinct string once; JavaScript walks the tape ([`JS`]) and builds the
//! same plain objects: a string that repeats is one JS string, every object and array is its own.
//!
//! The serializer is serde_json's data model written out, so the result equals `JSON.parse` of
//! `serde_json::to_string` for every value the engine serializes (`tests/js/handoff.test.mjs`
//! compares it, with its key order, with the CLI's JSON): keys in serialization order (objects are
//! built by assigning the keys in that order, as `JSON.parse` does, so the engine's own ordering of
//! integer-like keys is JavaScript's in both); an `f64` as itself (serde_json writes the shortest
//! text that reads back as the same `f64`, so `JSON.parse` gives it back; `NaN` and ±∞ as `null`, as
//! serde_json writes them); an integer as the nearest `f64`, as `JSON.parse` reads its digits; `None`
//! and `()` as `null`; enums externally tagged.

use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use wasm_bindgen::prelude::*;

/// The tape's walker: `build(all, ends, ops, nums)` with the string table as one text and each
/// string's end in it (UTF-16 units), the words and the numbers. `__proto__` as a key is set as
/// an own property, as `JSON.parse` does (an assignment would set the object's prototype).
#[wasm_bindgen(inline_js = r#"
export function build(all, ends, shapeKeys, ops, nums) {
  const strings = new Array(ends.length);
  let start = 0;
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k];
    strings[k] = all.slice(start, end);
    start = end;
  }
  const shapes = [];
  const proto = [];
  for (let j = 0; j < shapeKeys.length; ) {
    const n = shapeKeys[j++];
    const keys = new Array(n);
    for (let k = 0; k < n; k++) keys[k] = strings[shapeKeys[j++]];
    shapes.push(keys);
    proto.push(keys.includes('__proto__'));
  }
  // Shared subtrees: each defined once (tag 6, its words follow), referred to after (tag 7),
  // frozen with what they hold (so that no caller's edit of one shows in another).
  const defs = [];
  function freeze(v) {
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      for (const k in v) freeze(v[k]);
      Object.freeze(v);
    }
    return v;
  }
  let i = 0;
  let f = 0;
  function value() {
    const w = ops[i++];
    const p = w >>> 3;
    switch (w & 7) {
      case 0: return strings[p];
      case 1: return nums[f++];
      case 2: return p;
      case 3: return p === 0 ? null : p === 2;
      case 6: return (defs[p] = freeze(value()));
      case 7: return defs[p];
      case 4:
        // Literals up to four: packed arrays of their exact length.
        switch (p) {
          case 0: return [];
          case 1: return [value()];
          case 2: return [value(), value()];
          case 3: return [value(), value(), value()];
          default: {
            const a = [value(), value(), value(), value()];
            for (let k = 4; k < p; k++) a.push(value());
            return a;
          }
        }
      case 5: {
        const keys = shapes[p];
        const o = {};
        if (proto[p]) {
          for (const key of keys) {
            Object.defineProperty(o, key, { value: value(), writable: true, enumerable: true, configurable: true });
          }
          return o;
        }
        for (let k = 0; k < keys.length; k++) o[keys[k]] = value();
        return o;
      }
    }
  }
  return value();
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = build)]
    fn build_js(all: &str, ends: &[u32], shapes: &[u32], ops: &[u32], nums: &[f64]) -> JsValue;
}

const STR: u32 = 0;
const NUM: u32 = 1;
const INT: u32 = 2;
const CONST: u32 = 3;
const ARRAY: u32 = 4;
const OBJECT: u32 = 5;
/// A shared subtree's first appearance: its number, then its own words.
const DEF: u32 = 6;
/// A shared subtree again: its number only.
const REF: u32 = 7;
const NULL: u32 = CONST;
const FALSE: u32 = (1 << 3) | CONST;
const TRUE: u32 = (2 << 3) | CONST;
/// The largest payload a word holds (29 bits); a larger whole number goes as an `f64`.
const MAX_PAYLOAD: u64 = (1 << 29) - 1;

/// A struct's field left out of the tape, `(struct name, field name)`, as if it were not there.
pub type Skip = Option<(&'static str, &'static str)>;

/// Struct fields, `(struct name, field name)`, holding a list whose elements are shared: an
/// element equal to an earlier one (the same words and numbers on the tape) is written as a
/// reference to it, and JavaScript builds it once, frozen, as one object in every place.
pub type Share = &'static [(&'static str, &'static str)];

/// The tape of one value.
///
/// An object is one word, its shape (the list of its keys, in order, each kept once in
/// `shapes`), then its members' values: 10,000 projects with trails have 330,000 objects of a
/// dozen shapes.
pub struct Tape {
    ops: Vec<u32>,
    nums: Vec<f64>,
    strings: Strings,
    /// Each shape as its number of keys, then the keys' indices in `strings`.
    shapes: Vec<u32>,
    /// Each shape's keys in `shapes` (start, end), and the shapes by the hash of their keys.
    shape_at: Vec<(u32, u32)>,
    shape_index: HashMap<u64, Vec<u32>, BuildHasherDefault<Fx>>,
    /// The keys of the objects being written, innermost last (each object's from its `Compound`'s
    /// `keys`).
    keys: Vec<u32>,
    skip: Skip,
    share: Share,
    /// Set by a shared field just before its list is written: that list's elements are shared.
    share_next: bool,
    /// Each shared subtree defined so far, `(first word, end, first number, end)` of its first
    /// appearance (its DEF word before the first word), found by the hash of its words.
    defs: Vec<(u32, u32, u32, u32)>,
    def_index: HashMap<u64, Vec<u32>, BuildHasherDefault<Fx>>,
}

/// Why a value could not be written: a map key that is not a string, a number, a bool or a
/// unit variant (serde_json rejects the same), or a tape longer than its 29-bit lengths.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl Tape {
    /// The tape of `value`, with the field `skip` names left out of every struct of that name.
    pub fn of<T: Serialize + ?Sized>(value: &T, skip: Skip) -> Result<Tape, Error> {
        Tape::shared(value, skip, &[])
    }

    /// [`Tape::of`], the elements of the lists `share` names shared where equal.
    pub fn shared<T: Serialize + ?Sized>(
        value: &T,
        skip: Skip,
        share: Share,
    ) -> Result<Tape, Error> {
        let mut tape = Tape {
            ops: Vec::with_capacity(1 << 16),
            nums: Vec::with_capacity(1 << 14),
            strings: Strings::default(),
            shapes: Vec::new(),
            shape_at: Vec::new(),
            shape_index: HashMap::default(),
            keys: Vec::new(),
            skip,
            share,
            share_next: false,
            defs: Vec::new(),
            def_index: HashMap::default(),
        };
        value.serialize(&mut tape)?;
        Ok(tape)
    }

    /// The value as a JS value.
    pub fn to_js(&self) -> JsValue {
        build_js(
            &self.strings.all,
            &self.strings.utf16_ends,
            &self.shapes,
            &self.ops,
            &self.nums,
        )
    }

    fn word(&mut self, payload: u32, tag: u32) {
        self.ops.push((payload << 3) | tag);
    }

    fn str_value(&mut self, s: &str) -> Result<(), Error> {
        let k = self.strings.index(s);
        self.checked(k as u64)?;
        self.word(k, STR);
        Ok(())
    }

    fn static_str_value(&mut self, s: &'static str) -> Result<(), Error> {
        let k = self.strings.index_static(s);
        self.checked(k as u64)?;
        self.word(k, STR);
        Ok(())
    }

    fn checked(&self, n: u64) -> Result<(), Error> {
        match n <= MAX_PAYLOAD {
            true => Ok(()),
            false => Err(Error("the value is too large to hand over".into())),
        }
    }

    fn uint(&mut self, v: u64) {
        match v <= MAX_PAYLOAD {
            true => self.word(v as u32, INT),
            false => self.number(v as f64),
        }
    }

    fn number(&mut self, v: f64) {
        if v.is_finite() {
            self.ops.push(NUM);
            self.nums.push(v);
        } else {
            self.ops.push(NULL);
        }
    }

    /// `{variant: …}`: an externally tagged variant's object, its one member's value next.
    fn variant(&mut self, variant: &'static str) -> Result<(), Error> {
        let key = self.strings.index_static(variant);
        let shape = self.shape(&[key])?;
        self.word(shape, OBJECT);
        Ok(())
    }

    /// A shared list's element, its DEF word at `start` and its numbers from `f0`, just written:
    /// kept as a new definition, or, equal to one before (the same words after the DEF word and
    /// the same numbers, bit for bit), taken back and written as a reference to it. Equal words
    /// are equal values: strings and shapes are numbered by content (and should an element hold a
    /// shared list of its own, a new definition inside it has a number no earlier word has, so
    /// such an element is never taken for an earlier one).
    fn end_shared(&mut self, start: usize, f0: usize) -> Result<(), Error> {
        let words = &self.ops[start + 1..];
        let numbers = &self.nums[f0..];
        let mut h = words_hash((words.len() as u64) ^ ((numbers.len() as u64) << 32), words);
        for &n in numbers {
            h = (h.rotate_left(5) ^ n.to_bits()).wrapping_mul(FX_K);
        }
        let found = self.def_index.get(&h).and_then(|ids| {
            ids.iter().copied().find(|&id| {
                let (w0, w1, n0, n1) = self.defs[id as usize];
                same_words(&self.ops[w0 as usize..w1 as usize], words)
                    && self.nums[n0 as usize..n1 as usize]
                        .iter()
                        .map(|n| n.to_bits())
                        .eq(numbers.iter().map(|n| n.to_bits()))
            })
        });
        match found {
            Some(id) => {
                self.ops.truncate(start);
                self.nums.truncate(f0);
                self.word(id, REF);
            }
            None => {
                let id = self.defs.len() as u32;
                self.checked(id as u64)?;
                self.checked(self.ops.len() as u64)?;
                self.defs.push((
                    start as u32 + 1,
                    self.ops.len() as u32,
                    f0 as u32,
                    self.nums.len() as u32,
                ));
                self.def_index.entry(h).or_default().push(id);
                self.ops[start] = (id << 3) | DEF;
            }
        }
        Ok(())
    }

    /// The index of the shape with these keys.
    fn shape(&mut self, keys: &[u32]) -> Result<u32, Error> {
        let h = words_hash(keys.len() as u64, keys);
        let found = self.shape_index.get(&h).and_then(|ids| {
            ids.iter().copied().find(|&id| {
                let (a, b) = self.shape_at[id as usize];
                same_words(&self.shapes[a as usize..b as usize], keys)
            })
        });
        if let Some(k) = found {
            return Ok(k);
        }
        let k = self.shape_at.len() as u32;
        self.checked(k as u64)?;
        self.shapes.push(keys.len() as u32);
        let start = self.shapes.len() as u32;
        self.shapes.extend_from_slice(keys);
        self.shape_at.push((start, self.shapes.len() as u32));
        self.shape_index.entry(h).or_default().push(k);
        Ok(k)
    }
}

/// Each distinct string once: its UTF-8 in `all`, where it ends there in bytes and in UTF-16
/// units (what JavaScript slices by), found again by its content through an open-addressed table
/// of FxHash values. A report with trails writes a million strings, most of them a library
/// entry's name, source or citation copied into each project's trail, or a formula; std's
/// `HashMap<Box<str>, _>` with SipHash, a copy of every new string and a byte-by-byte `memcmp`
/// (wasm's) took most of the tape's time.
#[derive(Default)]
struct Strings {
    all: String,
    byte_ends: Vec<u32>,
    utf16_ends: Vec<u32>,
    hashes: Vec<u64>,
    /// Slots: a string's index + 1, 0 when empty; a power of two long, at most half full.
    table: Vec<u32>,
    /// `&'static str`s (struct keys, variant names) by address: `(address, length, index + 1)`.
    statics: Vec<(usize, usize, u32)>,
}

impl Strings {
    fn bytes(&self, k: usize) -> &[u8] {
        let start = match k {
            0 => 0,
            _ => self.byte_ends[k - 1] as usize,
        };
        &self.all.as_bytes()[start..self.byte_ends[k] as usize]
    }

    /// A string that lives as long as the program: found by its address first (no other string
    /// can ever have it), then by its content.
    fn index_static(&mut self, s: &'static str) -> u32 {
        const SLOTS: usize = 512;
        if self.statics.is_empty() {
            self.statics = vec![(0, 0, 0); SLOTS];
        }
        let address = s.as_ptr() as usize;
        let slot = (address ^ (address >> 9) ^ s.len()) % SLOTS;
        let (a, n, k) = self.statics[slot];
        if k != 0 && a == address && n == s.len() {
            return k - 1;
        }
        let k = self.index(s);
        self.statics[slot] = (address, s.len(), k + 1);
        k
    }

    fn index(&mut self, s: &str) -> u32 {
        let hash = fx(s.as_bytes());
        if self.table.is_empty() {
            self.table = vec![0; 1 << 12];
        }
        let mask = self.table.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.table[slot] {
                0 => break,
                e => {
                    let k = (e - 1) as usize;
                    if self.hashes[k] == hash && same(self.bytes(k), s.as_bytes()) {
                        return k as u32;
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
        let k = self.hashes.len() as u32;
        self.table[slot] = k + 1;
        self.all.push_str(s);
        self.byte_ends.push(self.all.len() as u32);
        // UTF-16 units: one per character, two for one beyond the BMP (a four-byte sequence).
        let units = s.bytes().filter(|b| b & 0xC0 != 0x80).count()
            + s.bytes().filter(|&b| b >= 0xF0).count();
        let last = self.utf16_ends.last().copied().unwrap_or(0);
        self.utf16_ends.push(last + units as u32);
        self.hashes.push(hash);
        if self.hashes.len() * 2 > self.table.len() {
            self.grow();
        }
        k
    }

    fn grow(&mut self) {
        let mut table = vec![0; self.table.len() * 2];
        let mask = table.len() - 1;
        for (k, &hash) in self.hashes.iter().enumerate() {
            let mut slot = hash as usize & mask;
            while table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = k as u32 + 1;
        }
        self.table = table;
    }
}

/// Byte equality eight bytes at a time (wasm's `memcmp` goes byte by byte).
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut x = a.chunks_exact(8);
    let mut y = b.chunks_exact(8);
    for (p, q) in (&mut x).zip(&mut y) {
        if u64::from_le_bytes(p.try_into().unwrap_or([0; 8]))
            != u64::from_le_bytes(q.try_into().unwrap_or([0; 8]))
        {
            return false;
        }
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

/// FxHash of words, from `h`.
fn words_hash(mut h: u64, words: &[u32]) -> u64 {
    for &w in words {
        h = (h.rotate_left(5) ^ w as u64).wrapping_mul(FX_K);
    }
    h
}

/// Word equality without `memcmp` (wasm's goes byte by byte, and a slice's `==` calls it): the
/// differences or'ed together, which no compiler turns back into a `memcmp` call.
fn same_words(a: &[u32], b: &[u32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

/// FxHash's multiplier.
const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash (rustc's), eight bytes at a time, with the length and the high bits folded in.
fn fx(bytes: &[u8]) -> u64 {
    const K: u64 = FX_K;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut last = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    let h = (h.rotate_left(5) ^ last).wrapping_mul(K);
    // A multiplication's low bits see only its operands' low bits, and the table indexes by the
    // low bits: fold the high half in (ids `q00001`, `q00002` … differ only in bytes 4–5).
    h ^ (h >> 32) ^ (h >> 47)
}

/// The shapes' table hasher: FxHash of the keys' indices.
#[derive(Default)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ fx(bytes)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u32(n as u32);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// An array or an object being written.
pub struct Compound<'a> {
    tape: &'a mut Tape,
    header: usize,
    len: u32,
    /// An object's first key in `tape.keys`, `None` for an array.
    keys: Option<usize>,
    /// For a struct: the field [`Tape::skip`] leaves out of it.
    skip: Option<&'static str>,
    /// For a struct: its name, when [`Tape::share`] names a field of it.
    name: Option<&'static str>,
    /// For an array: its elements are shared ([`Tape::end_shared`]).
    shared: bool,
}

impl<'a> Compound<'a> {
    fn array(tape: &'a mut Tape) -> Self {
        tape.ops.push(ARRAY);
        let header = tape.ops.len() - 1;
        let shared = std::mem::take(&mut tape.share_next);
        Compound {
            tape,
            header,
            len: 0,
            keys: None,
            skip: None,
            name: None,
            shared,
        }
    }

    fn object(tape: &'a mut Tape) -> Self {
        tape.ops.push(OBJECT);
        let header = tape.ops.len() - 1;
        let keys = Some(tape.keys.len());
        tape.share_next = false;
        Compound {
            tape,
            header,
            len: 0,
            keys,
            skip: None,
            name: None,
            shared: false,
        }
    }

    fn end(self) -> Result<(), Error> {
        let payload = match self.keys {
            None => self.len,
            Some(start) => {
                let keys = std::mem::take(&mut self.tape.keys);
                let shape = self.tape.shape(&keys[start..]);
                self.tape.keys = keys;
                self.tape.keys.truncate(start);
                shape?
            }
        };
        self.tape.checked(payload as u64)?;
        self.tape.ops[self.header] |= payload << 3;
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.ops.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(u) => self.uint(u),
            // The nearest f64, as JSON.parse reads the digits serde_json writes.
            Err(_) => self.number(v as f64),
        }
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(u) => self.uint(u),
            Err(_) => self.number(v as f64),
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v as u64)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.uint(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(u) => self.uint(u),
            Err(_) => self.number(v as f64),
        }
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // serde_json writes an f32's shortest digits, which JSON.parse reads as the nearest f64
        // of those digits (not `v as f64`): the same digits, read the same way.
        match v.is_finite() {
            true => self.number(v.to_string().parse().unwrap_or(v as f64)),
            false => self.ops.push(NULL),
        }
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.str_value(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str_value(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        // serde_json writes bytes as an array of numbers.
        let mut c = Compound::array(self);
        for &b in v {
            c.tape.word(b as u32, INT);
        }
        c.len = v.len() as u32;
        c.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.ops.push(NULL);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.static_str_value(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::array(self))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::array(self))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::array(self))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant)?;
        Ok(Compound::array(self))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::object(self))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        let skip = self.skip.filter(|(s, _)| *s == name).map(|(_, f)| f);
        let shares = self
            .share
            .iter()
            .any(|(s, _)| same(s.as_bytes(), name.as_bytes()));
        let mut c = Compound::object(self);
        c.skip = skip;
        c.name = shares.then_some(name);
        Ok(c)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant)?;
        Ok(Compound::object(self))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.len += 1;
        if !self.shared {
            return value.serialize(&mut *self.tape);
        }
        let (start, f0) = (self.tape.ops.len(), self.tape.nums.len());
        self.tape.ops.push(DEF);
        value.serialize(&mut *self.tape)?;
        self.tape.end_shared(start, f0)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.len += 1;
        key.serialize(KeyWriter(&mut *self.tape))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if self.skip == Some(key) {
            return Ok(());
        }
        self.len += 1;
        let k = self.tape.strings.index_static(key);
        self.tape.keys.push(k);
        if let Some(name) = self.name {
            self.tape.share_next = self.tape.share.iter().any(|(s, f)| {
                same(s.as_bytes(), name.as_bytes()) && same(f.as_bytes(), key.as_bytes())
            });
            let written = value.serialize(&mut *self.tape);
            self.tape.share_next = false;
            return written;
        }
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// A map's key, as serde_json writes one: a string as it is; a number, a bool or a char as its
/// text; a unit variant as its name.
struct KeyWriter<'a>(&'a mut Tape);

fn key_error() -> Error {
    Error("a map key must be a string".into())
}

impl KeyWriter<'_> {
    fn text(self, s: &str) -> Result<(), Error> {
        let k = self.0.strings.index(s);
        self.0.keys.push(k);
        Ok(())
    }
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.text(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.text(&v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}

#[cfg(test)]
mod tests {
    //! The tape read back in Rust, as `build` reads it in JavaScript, against serde_json's text
    //! of the same value read by serde_json (key order aside: `serde_json::Value`'s objects are
    //! sorted; tests/js/handoff.test.mjs compares the order with the CLI's JSON).
    use super::*;
    use serde::Serialize;
    use serde_json::{json, Value};

    struct Reader<'t> {
        tape: &'t Tape,
        strings: Vec<String>,
        shapes: Vec<Vec<String>>,
        defs: Vec<Value>,
        i: usize,
        f: usize,
    }

    impl<'t> Reader<'t> {
        fn new(tape: &'t Tape) -> Self {
            let s = &tape.strings;
            let strings: Vec<String> = (0..s.byte_ends.len())
                .map(|k| String::from_utf8(s.bytes(k).to_vec()).unwrap())
                .collect();
            let mut shapes = Vec::new();
            let mut j = 0;
            while j < tape.shapes.len() {
                let n = tape.shapes[j] as usize;
                let keys = &tape.shapes[j + 1..j + 1 + n];
                shapes.push(keys.iter().map(|&k| strings[k as usize].clone()).collect());
                j += 1 + n;
            }
            Reader {
                tape,
                strings,
                shapes,
                defs: Vec::new(),
                i: 0,
                f: 0,
            }
        }

        fn value(&mut self) -> Value {
            let w = self.tape.ops[self.i];
            self.i += 1;
            let p = (w >> 3) as usize;
            match w & 7 {
                STR => Value::String(self.strings[p].clone()),
                NUM => {
                    self.f += 1;
                    json!(self.tape.nums[self.f - 1])
                }
                INT => json!(p as f64),
                CONST => [Value::Null, json!(false), json!(true)][p].clone(),
                DEF => {
                    let v = self.value();
                    assert_eq!(self.defs.len(), p, "definitions in order");
                    self.defs.push(v.clone());
                    v
                }
                REF => self.defs[p].clone(),
                ARRAY => Value::Array((0..p).map(|_| self.value()).collect()),
                OBJECT => {
                    let keys = self.shapes[p].clone();
                    Value::Object(keys.into_iter().map(|k| (k, self.value())).collect())
                }
                _ => unreachable!("a tag of three bits"),
            }
        }
    }

    /// Every number as an f64 (JavaScript has no other): serde_json reads `5` as an integer.
    fn numbers_as_f64(v: Value) -> Value {
        match v {
            Value::Number(n) => json!(n.as_f64().unwrap()),
            Value::Array(a) => Value::Array(a.into_iter().map(numbers_as_f64).collect()),
            Value::Object(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect())
            }
            v => v,
        }
    }

    fn read<T: Serialize>(value: &T, skip: Skip) -> Value {
        let tape = Tape::of(value, skip).unwrap();
        let mut r = Reader::new(&tape);
        let v = r.value();
        assert_eq!((r.i, r.f), (tape.ops.len(), tape.nums.len()), "all read");
        v
    }

    fn as_json<T: Serialize>(value: &T) -> Value {
        numbers_as_f64(serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap())
    }

    #[test]
    fn the_sample_report_reads_back_as_its_json() {
        let sample = include_str!("../../core/data/sample.json");
        let file = jianpai_core::file::load(sample).unwrap();
        let report = jianpai_core::compute(&file).unwrap();
        assert!(report.projects.iter().all(|p| !p.trail.is_empty()));
        assert_eq!(read(&report, None), as_json(&report));
        // Without the trails: every project's `trail` key gone, nothing else.
        let mut expected = as_json(&report);
        for p in expected["projects"].as_array_mut().unwrap() {
            assert!(p.as_object_mut().unwrap().remove("trail").is_some());
        }
        let skip = Some(("ProjectResult", "trail"));
        assert_eq!(read(&report, skip), expected);
    }

    fn read_shared<T: Serialize>(value: &T, share: Share) -> (Value, Tape) {
        let tape = Tape::shared(value, None, share).unwrap();
        let mut r = Reader::new(&tape);
        let v = r.value();
        assert_eq!((r.i, r.f), (tape.ops.len(), tape.nums.len()), "all read");
        (v, tape)
    }

    fn tags(tape: &Tape, tag: u32) -> usize {
        tape.ops.iter().filter(|&&w| w & 7 == tag).count()
    }

    #[test]
    fn equal_elements_of_a_shared_list_cross_once() {
        // The sample twice over: every input and coefficient of the second half repeats the first.
        let sample = include_str!("../../core/data/sample.json");
        let mut file: Value = serde_json::from_str(sample).unwrap();
        let projects = file["projects"].as_array().unwrap().clone();
        let n = projects.len();
        let twice: Vec<Value> = (0..2 * n)
            .map(|i| {
                let mut p = projects[i % n].clone();
                p["id"] = json!(format!("t{i}"));
                p.as_object_mut().unwrap().remove("enterprise");
                p
            })
            .collect();
        file["projects"] = Value::Array(twice);
        let file = jianpai_core::file::load(&file.to_string()).unwrap();
        let report = jianpai_core::compute(&file).unwrap();
        let share: Share = &[("TrailEntry", "inputs"), ("TrailEntry", "factors")];
        let (v, tape) = read_shared(&report, share);
        assert_eq!(v, as_json(&report));
        let trails = || report.projects.iter().flat_map(|p| &p.trail);
        let inputs: usize = trails().map(|e| e.inputs.len()).sum();
        let uses: usize = trails().map(|e| e.factors.len()).sum();
        let (defs, refs) = (tags(&tape, DEF), tags(&tape, REF));
        // Each element is one DEF or one REF; the second half's are all REFs.
        assert_eq!(defs + refs, inputs + uses);
        assert!(refs >= (inputs + uses) / 2, "{refs} of {}", inputs + uses);
        // Not shared: no DEF or REF word at all, and the same value.
        let plain = Tape::of(&report, None).unwrap();
        assert_eq!(tags(&plain, DEF) + tags(&plain, REF), 0);
        assert!(plain.ops.len() > tape.ops.len());
        assert_eq!(read(&report, None), v);
    }

    #[test]
    fn shared_elements_differ_by_any_bit_of_a_number() {
        #[derive(Serialize)]
        struct TrailEntry {
            inputs: Vec<(f64, &'static str)>,
            factors: Vec<Value>,
        }
        let v = vec![
            TrailEntry {
                inputs: vec![
                    (0.0, "a"),
                    (-0.0, "a"),
                    (0.0, "a"),
                    (0.1 + 0.2, "a"),
                    (0.3, "a"),
                ],
                factors: vec![json!({"id": "x"}), json!({"id": "x"}), json!([])],
            },
            TrailEntry {
                inputs: vec![(-0.0, "a"), (0.0, "b")],
                factors: vec![json!([]), json!({"id": "x", "v": null})],
            },
        ];
        let share: Share = &[("TrailEntry", "inputs"), ("TrailEntry", "factors")];
        let (r, tape) = read_shared(&v, share);
        assert_eq!(r, as_json(&v));
        assert_eq!(
            r[0]["inputs"][1][0].as_f64().unwrap().to_bits(),
            (-0.0f64).to_bits()
        );
        // Defined: (0, a), (-0, a), (0.1+0.2, a), (0.3, a), {id: x}, [], (0, b), {id: x, v: null}.
        assert_eq!((tags(&tape, DEF), tags(&tape, REF)), (8, 4));
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(f64),
        Tuple(u8, char),
        Struct { trail: u8, b: Option<u8> },
    }

    #[derive(Serialize)]
    struct ProjectResult {
        trail: u8,
        kept: u8,
    }

    #[test]
    fn serde_json_s_data_model() {
        let v = (
            [
                E::Unit,
                E::New(-0.5),
                E::Tuple(7, '减'),
                E::Struct { trail: 1, b: None },
            ],
            (
                (1u64 << 29) - 1,
                1u64 << 29,
                u64::MAX,
                -3i64,
                i64::MIN,
                f64::NAN,
                f64::INFINITY,
                0.1f32,
                -0.0f64,
            ),
            (
                true,
                false,
                (),
                Some("x"),
                None::<u8>,
                serde_bytes_like(&[0, 255]),
            ),
            std::collections::BTreeMap::from([(3u8, "three"), (10, "ten")]),
        );
        assert_eq!(read(&v, None), as_json(&v));
        // serde_json's text of those: 0.1f32 is `0.1`, NaN and ∞ `null`, u64::MAX its nearest f64.
        let r = read(&v, None);
        assert_eq!(r[1][7], json!(0.1));
        assert_eq!(r[1][5], Value::Null);
        assert_eq!(r[1][2], json!(18446744073709551615.0));
        assert_eq!(r[3], json!({"3": "three", "10": "ten"}));
        // The skip is of the named struct only: a variant's field of the same name stays.
        let skipped = read(
            &(
                ProjectResult { trail: 1, kept: 2 },
                E::Struct {
                    trail: 3,
                    b: Some(4),
                },
            ),
            Some(("ProjectResult", "trail")),
        );
        assert_eq!(
            skipped,
            json!([{"kept": 2.0}, {"Struct": {"trail": 3.0, "b": 4.0}}])
        );
    }

    fn serde_bytes_like(b: &[u8]) -> impl Serialize + '_ {
        struct Bytes<'a>(&'a [u8]);
        impl Serialize for Bytes<'_> {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        Bytes(b)
    }

    #[test]
    fn each_string_crosses_once_and_ends_in_utf16_units() {
        let owned = String::from("kept");
        let v = (
            ["a", "减排", "😀", "a", ""],
            [owned.as_str(), "kept"],
            json!({"kept": 1}),
        );
        let tape = Tape::of(&v, None).unwrap();
        let s = &tape.strings;
        assert_eq!(s.all, "a减排😀kept");
        // "a" 1 unit, "减排" 2, "😀" 2 (a surrogate pair), "" 0, "kept" 4 (also the key).
        assert_eq!(s.utf16_ends, [1, 3, 5, 5, 9]);
        assert_eq!(s.byte_ends, [1, 7, 11, 11, 15]);
    }

    #[test]
    fn objects_of_the_same_keys_share_a_shape() {
        let v = json!([{"a": 1, "b": 2}, {"a": 3, "b": 4}, {"b": 5, "a": 6}, {}]);
        let tape = Tape::of(&v, None).unwrap();
        // `json!` objects are sorted maps here: {a, b} twice, then {a, b} again, and {}.
        assert_eq!(tape.shape_at.len(), 2);
        assert_eq!(read(&v, None), numbers_as_f64(v));
    }

    #[test]
    fn the_string_table_holds_many_strings_that_differ_in_their_last_bytes() {
        // Ids that differ only in bytes 4-5 (the hash's low bits once collided for all of them).
        let ids: Vec<String> = (0..20_000).map(|i| format!("q{i:05}")).collect();
        let tape = Tape::of(&ids, None).unwrap();
        assert_eq!(tape.strings.byte_ends.len(), 20_000);
        assert_eq!(read(&ids, None), as_json(&ids));
    }
}
