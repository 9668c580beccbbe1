//! The report keys (`cod_t` … `boilers`) as a typed [`Key`], and the amounts indexed by it: a
//! project's or a file's reductions ([`Amounts`]) and a set of optional annual amounts
//! ([`Emissions`]: a closed unit's last year, monitored before/after values, targets).

use crate::choice::{choice, Choice};
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{Map, Value};
use std::ops::{Index, IndexMut};

choice! {
    /// One output of the engine, under its report key (the file-format contract).
    pub enum Key {
        Cod => "cod_t",
        Nh3n => "nh3n_t",
        So2 => "so2_t",
        Nox => "nox_t",
        /// 挥发性有机物 (VOCs), t/a: a binding pollutant of the 2021 method.
        Vocs => "vocs_t",
        Tce => "tce",
        Water => "water_t",
        Co2 => "co2_t",
        Enterprises => "enterprises",
        Equipment => "equipment",
        Boilers => "boilers",
    }
}

impl Key {
    /// Every key in report order (the declaration's): quantities, then counts.
    pub const ALL: [Key; 11] = all();
    /// The keys a set of annual amounts can hold (last year, monitored, targets).
    pub const EMISSIONS: [Key; 7] = [
        Key::Cod,
        Key::Nh3n,
        Key::So2,
        Key::Nox,
        Key::Vocs,
        Key::Tce,
        Key::Water,
    ];

    /// The report key, `cod_t`.
    pub fn code(self) -> &'static str {
        self.name()
    }

    /// Counts are whole numbers and never prorated.
    pub fn is_count(self) -> bool {
        matches!(self, Key::Enterprises | Key::Equipment | Key::Boilers)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The declared keys as an array (a `const` cannot index a slice into an array directly).
const fn all() -> [Key; 11] {
    let v = <Key as Choice>::VALUES;
    let mut out = [Key::Cod; 11];
    let mut i = 0;
    while i < 11 {
        out[i] = v[i];
        i += 1;
    }
    out
}

/// A value for every report key: quantities in t or tce, counts as whole numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Amounts([f64; 11]);

impl Index<Key> for Amounts {
    type Output = f64;
    fn index(&self, k: Key) -> &f64 {
        &self.0[k.index()]
    }
}

impl IndexMut<Key> for Amounts {
    fn index_mut(&mut self, k: Key) -> &mut f64 {
        &mut self.0[k.index()]
    }
}

impl Amounts {
    /// The value under a report key.
    pub fn get(&self, key: Key) -> f64 {
        self[key]
    }

    /// The credited part of a full-year effect: quantities × months / 12, counts unchanged.
    pub fn prorate(&self, months: u8) -> Amounts {
        let k = f64::from(months) / 12.0;
        let mut out = *self;
        for key in Key::ALL.into_iter().filter(|k| !k.is_count()) {
            out[key] *= k;
        }
        out
    }

    pub fn add(&mut self, o: &Amounts) {
        // Slot by slot (the slots are the keys in order), written out: the totals' and groups'
        // inner loop, which the size-optimised build (`opt-level = "z"`) keeps as a loop.
        let (a, b) = (&mut self.0, &o.0);
        a[0] += b[0];
        a[1] += b[1];
        a[2] += b[2];
        a[3] += b[3];
        a[4] += b[4];
        a[5] += b[5];
        a[6] += b[6];
        a[7] += b[7];
        a[8] += b[8];
        a[9] += b[9];
        a[10] += b[10];
    }

    /// The first quantity that is NaN or infinite.
    pub fn first_non_finite(&self) -> Option<Key> {
        Key::ALL.into_iter().find(|k| !self[*k].is_finite())
    }

    /// The keys with a value at least `min` in size.
    pub fn nonzero(&self, min: f64) -> impl Iterator<Item = Key> + '_ {
        Key::ALL.into_iter().filter(move |k| self[*k].abs() >= min)
    }
}

impl Serialize for Amounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(Key::ALL.len()))?;
        for k in Key::ALL {
            if k.is_count() {
                // Counts are sums of whole numbers below 2^53: exact as f64.
                m.serialize_entry(k.code(), &(self[k].max(0.0) as u64))?;
            } else {
                m.serialize_entry(k.code(), &self[k])?;
            }
        }
        m.end()
    }
}

/// Optional annual amounts under the keys of [`Key::EMISSIONS`], with the fields of the object
/// this version does not know (kept so that saving never drops them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Emissions {
    values: [Option<f64>; 7],
    pub extra: Map<String, Value>,
}

impl Emissions {
    fn slot(key: Key) -> Option<usize> {
        Key::EMISSIONS.iter().position(|k| *k == key)
    }

    pub fn get(&self, key: Key) -> Option<f64> {
        Self::slot(key).and_then(|i| self.values[i])
    }

    /// Sets an amount; keys outside [`Key::EMISSIONS`] have no slot and are ignored.
    pub fn set(&mut self, key: Key, v: Option<f64>) {
        if let Some(i) = Self::slot(key) {
            self.values[i] = v;
        }
    }

    /// The amounts given, in key order.
    pub fn given(&self) -> impl Iterator<Item = (Key, f64)> + '_ {
        Key::EMISSIONS
            .into_iter()
            .filter_map(|k| self.get(k).map(|v| (k, v)))
    }

    pub fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none)
    }

    /// No amount and no kept unknown field: nothing to write.
    pub fn is_blank(&self) -> bool {
        self.is_empty() && self.extra.is_empty()
    }
}

impl Serialize for Emissions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.given() {
            m.serialize_entry(k.code(), &v)?;
        }
        for (k, v) in &self.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
