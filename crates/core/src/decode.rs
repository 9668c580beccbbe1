//! Reading typed fields out of parsed JSON (a [`Val`]: a text's own nodes or a
//! `serde_json::Value`). Declared fields ([`FieldSpec`]) are checked against their hard limits as they are read, so a decoded value is a valid one; every problem is
//! collected with its project, field and label instead of stopping at the first.

use crate::choice::Choice;
use crate::error::{Error, ErrorKind};
use crate::field::{FieldSpec, Limit, ListItem};
use crate::json::{Obj, Val};
use crate::key::{Emissions, Key};
use serde_json::{Map, Value};

/// One JSON object being read, with the location used in error messages.
pub(crate) struct Fields<'a> {
    obj: Obj<'a>,
    project: Option<&'a str>,
    prefix: String,
    /// The members read so far, so that the rest can be kept as unknown fields.
    read: Seen<'a>,
    /// The entry of a list field this object is (its errors say "原辅材料 2：…").
    item: Option<ListItem>,
    pub errors: &'a mut Vec<Error>,
}

impl<'a> Fields<'a> {
    pub fn new(
        obj: Obj<'a>,
        project: Option<&'a str>,
        prefix: &str,
        errors: &'a mut Vec<Error>,
    ) -> Self {
        Fields {
            obj,
            project,
            prefix: prefix.to_owned(),
            read: Seen::of(obj),
            item: None,
            errors,
        }
    }

    pub fn path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    /// Records an error about `key` of this object.
    pub fn error(&mut self, key: &str, kind: ErrorKind) {
        let field = Some(self.path(key));
        self.errors
            .push(Error::new(self.project, field, kind).in_item(self.item));
    }

    /// Records an error about a declared field, named by its label.
    pub fn fail(&mut self, spec: &FieldSpec, kind: ErrorKind) {
        let field = Some(self.spec_path(spec));
        self.errors.push(
            Error::new(self.project, field, kind)
                .labelled(spec.labels())
                .in_item(self.item),
        );
    }

    /// The full path of a declared field, read from this object or from its parent (a nested
    /// `after.cod_t` named while reading `measure`).
    fn spec_path(&self, spec: &FieldSpec) -> String {
        match spec.path.rsplit_once('.') {
            Some((parent, key)) if self.prefix.ends_with(parent) => self.path(key),
            _ => self.path(spec.path),
        }
    }

    fn present(&mut self, key: &str) -> Option<Val<'a>> {
        let (at, k, v) = self.obj.find(key)?;
        self.read.mark(at, k);
        (!v.is_null()).then_some(v)
    }

    /// The value of `key` as given, marked read; `None` when absent or null.
    pub fn value(&mut self, key: &str) -> Option<Val<'a>> {
        self.present(key)
    }

    /// Whether `key` is given (and not null).
    pub fn has(&self, key: &str) -> bool {
        self.obj.get(key).is_some_and(|v| !v.is_null())
    }

    /// The fields not read so far, kept so that saving never drops a user's data.
    pub fn unread(&self) -> Map<String, Value> {
        crate::order::object(
            self.obj
                .members()
                .filter(|&(at, k, _)| !self.read.has(at, k))
                .map(|(_, k, v)| (k.to_owned(), v.to_value())),
        )
    }

    // ---- undeclared fields of the file and the project --------------------------------------

    /// An optional number, not checked further.
    pub fn opt_number(&mut self, key: &str) -> Option<f64> {
        let v = self.present(key)?;
        match v.as_f64() {
            Some(x) => Some(x),
            None => {
                self.error(key, ErrorKind::NotANumber);
                None
            }
        }
    }

    pub fn opt_text(&mut self, key: &str) -> Option<String> {
        let v = self.present(key)?;
        match v.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.error(key, ErrorKind::NotText);
                None
            }
        }
    }

    /// An optional yes/no (`true` / `false`).
    pub fn opt_flag(&mut self, key: &str) -> Option<bool> {
        let v = self.present(key)?;
        let b = v.as_bool();
        if b.is_none() {
            self.error(key, ErrorKind::NotABoolean);
        }
        b
    }

    /// An optional choice among `T`'s names.
    pub fn opt_choice<T: Choice>(&mut self, key: &str) -> Option<T> {
        let s = self.opt_text(key)?;
        let parsed = T::parse(&s);
        if parsed.is_none() {
            self.error(
                key,
                ErrorKind::UnknownChoice {
                    found: s,
                    expected: T::NAMES.to_vec(),
                },
            );
        }
        parsed
    }

    /// A nested object, read with its own field prefix.
    pub fn opt_object(&mut self, key: &str) -> Option<Obj<'a>> {
        let v = self.present(key)?;
        match v.as_object() {
            Some(o) => Some(o),
            None => {
                self.error(key, ErrorKind::NotAnObject);
                None
            }
        }
    }

    pub fn nested<'b>(&'b mut self, obj: Obj<'a>, key: &str) -> Fields<'b>
    where
        'a: 'b,
    {
        let prefix = self.path(key);
        Fields {
            obj,
            project: self.project,
            prefix,
            read: Seen::of(obj),
            item: self.item,
            errors: self.errors,
        }
    }

    /// A declared list of records ([`crate::field::FieldKind::List`]): each entry read by
    /// `entry` with its own prefix (`measure.materials.1`) and its errors naming the entry
    /// ("原辅材料 2：…"). An entry that is not an object is an error at its path and skipped;
    /// a required list that is absent or empty is `Missing`. Absent = an empty list.
    pub fn list<T>(
        &mut self,
        spec: &FieldSpec,
        mut entry: impl FnMut(&mut Fields<'_>) -> T,
    ) -> Vec<T> {
        let Some(v) = self.given(spec) else {
            return Vec::new();
        };
        let Some(items) = v.as_array() else {
            self.fail(spec, ErrorKind::NotAList);
            return Vec::new();
        };
        if items.is_empty() && spec.required {
            self.fail(spec, ErrorKind::Missing);
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let key = format!("{}.{i}", spec.key());
            let Some(obj) = item.as_object() else {
                let field = Some(self.path(&key));
                self.errors.push(
                    Error::new(self.project, field, ErrorKind::NotAnObject)
                        .in_item(Some(ListItem::of(spec, i))),
                );
                continue;
            };
            let mut nf = Fields {
                obj,
                project: self.project,
                prefix: self.path(&key),
                read: Seen::of(obj),
                item: Some(ListItem::of(spec, i)),
                errors: &mut *self.errors,
            };
            out.push(entry(&mut nf));
        }
        out
    }

    // ---- declared fields ---------------------------------------------------------------------

    /// A declared field's value, marked read; `None` when absent or null, with `Missing`
    /// recorded for a required field. One lookup: a register reads hundreds of thousands.
    fn given(&mut self, spec: &FieldSpec) -> Option<Val<'a>> {
        let v = self.present(spec.key());
        if v.is_none() && spec.required {
            self.fail(spec, ErrorKind::Missing);
        }
        v
    }

    /// A declared number within its hard limits; `None` when absent or wrong (the error recorded,
    /// `Missing` too when the field is required).
    pub fn num(&mut self, spec: &FieldSpec) -> Option<f64> {
        let v = self.given(spec)?;
        let Some(x) = v.as_f64() else {
            self.fail(spec, ErrorKind::NotANumber);
            return None;
        };
        match limit_error(spec.limit, x).or_else(|| above_ceiling(spec, x)) {
            None => Some(x),
            Some(kind) => {
                self.fail(spec, kind);
                None
            }
        }
    }

    /// A required declared number; 0 when absent or wrong (the error recorded).
    pub fn req(&mut self, spec: &FieldSpec) -> f64 {
        self.num(spec).unwrap_or(0.0)
    }

    /// A declared whole number ≥ 0 (heads, units). `1000.0` is read as 1000.
    pub fn count(&mut self, spec: &FieldSpec) -> Option<u64> {
        let v = self.given(spec)?;
        if let Some(kind) = v.as_f64().and_then(|x| above_ceiling(spec, x)) {
            self.fail(spec, kind);
            return None;
        }
        if let Some(n) = v.as_u64() {
            return Some(n);
        }
        let kind = match v.as_f64() {
            None => ErrorKind::NotANumber,
            Some(x) if x < 0.0 => ErrorKind::Negative { value: x },
            // Below 2^53 every whole f64 converts exactly.
            Some(x) if x.fract() == 0.0 && x < 9.0e15 => return Some(x as u64),
            Some(_) => ErrorKind::NotAnInteger,
        };
        self.fail(spec, kind);
        None
    }

    /// A declared yes/no flag.
    pub fn flag(&mut self, spec: &FieldSpec) -> Option<bool> {
        let v = self.given(spec)?;
        let b = v.as_bool();
        if b.is_none() {
            self.fail(spec, ErrorKind::NotABoolean);
        }
        b
    }

    /// A declared choice among `T`'s names.
    pub fn choice<T: Choice>(&mut self, spec: &FieldSpec) -> Option<T> {
        let v = self.given(spec)?;
        let Some(s) = v.as_str() else {
            self.fail(spec, ErrorKind::NotText);
            return None;
        };
        let parsed = T::parse(s);
        if parsed.is_none() {
            self.fail(
                spec,
                ErrorKind::UnknownChoice {
                    found: s.to_owned(),
                    expected: T::NAMES.to_vec(),
                },
            );
        }
        parsed
    }

    /// A before/after pair: both or neither. With `after_at_most_before`, an "after" above its
    /// "before" is an error (a concentration after treatment); otherwise it is allowed (a
    /// measured increase, warned later).
    pub fn pair(
        &mut self,
        before: &FieldSpec,
        after: &FieldSpec,
        after_at_most_before: bool,
    ) -> Option<(f64, f64)> {
        let (b_given, a_given) = (self.has(before.key()), self.has(after.key()));
        let (b, a) = (self.num(before), self.num(after));
        match (b_given, a_given) {
            (true, false) => self.fail(after, ErrorKind::Missing),
            (false, true) => self.fail(before, ErrorKind::Missing),
            _ => {}
        }
        let (b, a) = (b?, a?);
        if after_at_most_before && a > b {
            self.fail(
                after,
                ErrorKind::AfterAboveBefore {
                    before_field: self.spec_path(before),
                    before_label: before.labels(),
                    before: b,
                    after: a,
                },
            );
            return None;
        }
        Some((b, a))
    }

    /// An efficiency or removal rate "after" may not be below its "before".
    pub fn not_below(&mut self, after: &FieldSpec, a: f64, before: &FieldSpec, b: f64) -> bool {
        if a < b {
            self.fail(
                after,
                ErrorKind::AfterBelowBefore {
                    before_field: self.spec_path(before),
                    before_label: before.labels(),
                    before: b,
                    after: a,
                },
            );
        }
        a >= b
    }

    /// A nested object of optional annual amounts (`last_year`, `before`, `after`), one declared
    /// field per key; absent = `None`.
    pub fn emissions(&mut self, key: &str, specs: &[FieldSpec]) -> Option<Emissions> {
        let obj = self.opt_object(key)?;
        let mut nf = self.nested(obj, key);
        let mut out = Emissions::default();
        for spec in specs {
            if let Some(k) = Key::parse(spec.key()) {
                out.set(k, nf.num(spec));
            }
        }
        out.extra = nf.unread();
        Some(out)
    }
}

/// The members of an object read so far: a bit per position for the first 64 members of a
/// text's object (no allocation), else their keys (a `Value`'s, room for all from the start).
struct Seen<'a> {
    bits: u64,
    keys: Vec<&'a str>,
}

impl<'a> Seen<'a> {
    fn of(obj: Obj<'a>) -> Self {
        let keys = match obj {
            Obj::Value(m) => Vec::with_capacity(m.len()),
            Obj::Node(_) => Vec::new(),
        };
        Seen { bits: 0, keys }
    }
    fn mark(&mut self, at: Option<usize>, key: &'a str) {
        match at {
            Some(i) if i < 64 => self.bits |= 1 << i,
            _ => self.keys.push(key),
        }
    }
    fn has(&self, at: Option<usize>, key: &str) -> bool {
        match at {
            Some(i) if i < 64 => self.bits >> i & 1 == 1,
            _ => self.keys.contains(&key),
        }
    }
}

/// What is wrong with `x` under `limit`, if anything.
/// A value above the field's plausibility ceiling (`FieldSpec::ceiling`).
fn above_ceiling(spec: &FieldSpec, x: f64) -> Option<ErrorKind> {
    spec.ceiling
        .filter(|c| x > *c)
        .map(|ceiling| ErrorKind::AboveCeiling { value: x, ceiling })
}

pub(crate) fn limit_error(limit: Limit, x: f64) -> Option<ErrorKind> {
    if !x.is_finite() {
        return Some(ErrorKind::NotFinite);
    }
    match limit {
        Limit::Quantity if x < 0.0 => Some(ErrorKind::Negative { value: x }),
        Limit::Positive if x <= 0.0 => Some(ErrorKind::NotPositive { value: x }),
        Limit::Percent if !(0.0..=100.0).contains(&x) => Some(ErrorKind::Percent { value: x }),
        Limit::PositivePercent if !(0.0..=100.0).contains(&x) => {
            Some(ErrorKind::Percent { value: x })
        }
        Limit::PositivePercent if x == 0.0 => Some(ErrorKind::NotPositive { value: x }),
        Limit::Range(min, _) if x < 0.0 && min >= 0.0 => Some(ErrorKind::Negative { value: x }),
        Limit::Range(min, max) if !(min..=max).contains(&x) => {
            Some(ErrorKind::OutOfRange { value: x, min, max })
        }
        Limit::Quantity
        | Limit::Positive
        | Limit::Percent
        | Limit::PositivePercent
        | Limit::Range(..) => None,
    }
}
