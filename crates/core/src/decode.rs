//! Reading typed fields out of parsed JSON, collecting every error with its project and field
//! instead of stopping at the first.

use crate::error::{Error, ErrorKind};
use serde_json::{Map, Value};

/// One JSON object being read, with the location used in error messages.
pub(crate) struct Fields<'a> {
    obj: &'a Map<String, Value>,
    project: Option<&'a str>,
    prefix: String,
    /// Keys read so far, so that the rest can be kept as unknown fields.
    read: Vec<String>,
    pub errors: &'a mut Vec<Error>,
}

impl<'a> Fields<'a> {
    pub fn new(
        obj: &'a Map<String, Value>,
        project: Option<&'a str>,
        prefix: &str,
        errors: &'a mut Vec<Error>,
    ) -> Self {
        Fields {
            obj,
            project,
            prefix: prefix.to_owned(),
            read: Vec::new(),
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

    pub fn error(&mut self, key: &str, kind: ErrorKind) {
        let field = Some(self.path(key));
        self.errors.push(Error::new(self.project, field, kind));
    }

    fn present(&mut self, key: &str) -> Option<&'a Value> {
        self.read.push(key.to_owned());
        self.obj.get(key).filter(|v| !v.is_null())
    }

    /// Whether `key` is given (and not null).
    pub fn has(&self, key: &str) -> bool {
        self.obj.get(key).is_some_and(|v| !v.is_null())
    }

    /// The fields not read so far, kept so that saving never drops a user's data.
    pub fn unread(&self) -> Map<String, Value> {
        self.obj
            .iter()
            .filter(|(k, _)| !self.read.iter().any(|r| r == *k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    pub fn opt_num(&mut self, key: &str) -> Option<f64> {
        let v = self.present(key)?;
        match v.as_f64() {
            Some(x) => Some(x),
            None => {
                self.error(key, ErrorKind::NotANumber);
                None
            }
        }
    }

    /// A required whole number ≥ 0; absent or wrong values are recorded and read as 0.
    pub fn count(&mut self, key: &str) -> u64 {
        if self.present(key).is_none() {
            self.error(key, ErrorKind::Missing);
            return 0;
        }
        self.opt_count(key).unwrap_or(0)
    }

    /// A required number; absent or wrong values are recorded and read as 0.
    pub fn num(&mut self, key: &str) -> f64 {
        if self.present(key).is_none() {
            self.error(key, ErrorKind::Missing);
            return 0.0;
        }
        self.opt_num(key).unwrap_or(0.0)
    }

    /// An optional whole number ≥ 0 (heads, units). `1000.0` is read as 1000.
    pub fn opt_count(&mut self, key: &str) -> Option<u64> {
        let v = self.present(key)?;
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
        self.error(key, kind);
        None
    }

    pub fn opt_bool(&mut self, key: &str) -> Option<bool> {
        let v = self.present(key)?;
        match v.as_bool() {
            Some(b) => Some(b),
            None => {
                self.error(key, ErrorKind::NotABoolean);
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

    /// An optional choice among `T`'s names.
    pub fn opt_choice<T: Choice>(&mut self, key: &str) -> Option<T> {
        let s = self.opt_text(key)?;
        match T::parse(&s) {
            Some(t) => Some(t),
            None => {
                self.error(
                    key,
                    ErrorKind::UnknownChoice {
                        found: s,
                        expected: T::NAMES.to_vec(),
                    },
                );
                None
            }
        }
    }

    /// A nested object, read with its own field prefix.
    pub fn opt_object(&mut self, key: &str) -> Option<&'a Map<String, Value>> {
        let v = self.present(key)?;
        match v.as_object() {
            Some(o) => Some(o),
            None => {
                self.error(key, ErrorKind::NotAnObject);
                None
            }
        }
    }

    pub fn nested<'b>(&'b mut self, obj: &'a Map<String, Value>, key: &str) -> Fields<'b>
    where
        'a: 'b,
    {
        let prefix = self.path(key);
        Fields {
            obj,
            project: self.project,
            prefix,
            read: Vec::new(),
            errors: self.errors,
        }
    }
}

/// A text field with a fixed list of values (serialised as its snake_case name).
pub trait Choice: Sized + Copy + 'static {
    const NAMES: &'static [&'static str];
    const VALUES: &'static [Self];
    fn parse(s: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .position(|n| *n == s)
            .map(|i| Self::VALUES[i])
    }
    fn name(self) -> &'static str;
}

/// Declares a snake_case enum usable as a [`Choice`] and with serde.
macro_rules! choice {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $variant),+ }
        impl $crate::decode::Choice for $name {
            const NAMES: &'static [&'static str] = &[$($s),+];
            const VALUES: &'static [Self] = &[$($name::$variant),+];
            fn name(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }
    };
}
pub(crate) use choice;
