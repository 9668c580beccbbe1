//! Reading JSON as people's editors save it: a leading byte-order mark is skipped, bytes that are
//! not UTF-8 are named as such (GBK, UTF-16, not text, cut off: [`crate::encoding`]), a key given twice in one object is an error (serde_json would keep
//! the last one silently), and the parser's English becomes a typed [`SyntaxProblem`].

use crate::encoding::{self, Sniffed};
use crate::error::{Error as FileError, ErrorKind, SyntaxProblem};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

pub(crate) mod scan;
pub mod walked;

/// Why bytes could not be read as JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// The bytes are not UTF-8; `line` holds the first byte that is not.
    NotUtf8 { line: usize, probably: &'static str },
    /// Not JSON; `column` counts characters, as an editor does.
    Syntax {
        line: usize,
        column: usize,
        problem: SyntaxProblem,
    },
    /// `key` appears twice in the object at `path` (empty: the top-level object).
    DuplicateKey {
        path: Vec<Step>,
        key: String,
        line: usize,
    },
}

/// One step of the path from the top of the document to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Parses a whole document: BOM strip → UTF-8 check → JSON with duplicate keys refused. The
/// `Value` is the one `serde_json::from_str` gives for the same text when no key repeats.
pub fn parse(bytes: &[u8]) -> Result<Value, Error> {
    let bytes = strip_bom(bytes);
    if looks_utf16(bytes) {
        return Err(not_utf8(bytes, 0));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(Error::Syntax {
            line: 1,
            column: 0,
            problem: SyntaxProblem::Empty,
        });
    }
    let mut state = State::default();
    let mut de = serde_json::Deserializer::from_str(text);
    // `end` is what serde_json::from_str runs after the value: only whitespace may follow.
    let parsed = ValueSeed(&mut state)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| parse_error(&mut state, text, &e))
}

/// serde_json's error while reading `text` as ours: the repeated key `state` met, else the syntax
/// error (also used by [`crate::stream`], which drives the same parser itself).
pub(crate) fn parse_error(state: &mut State, text: &str, e: &serde_json::Error) -> Error {
    match state.duplicate.take() {
        Some((mut path, key)) => Error::DuplicateKey {
            path: {
                // Gathered innermost first as the error went up (State::unwind).
                path.reverse();
                path
            },
            key,
            line: e.line(),
        },
        None => syntax(text, e),
    }
}

/// The bytes without a UTF-8 byte-order mark (Windows Notepad and WPS write one).
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// UTF-16 without its mark: ASCII text with a NUL in every other byte is valid UTF-8 all the
/// same, so it is looked for first (a few thousand bytes).
pub(crate) fn looks_utf16(bytes: &[u8]) -> bool {
    encoding::utf16_without_mark(bytes).is_some()
}

/// Bytes that are not UTF-8 from `at` on, named by what they probably are ([`encoding::sniff`]).
fn not_utf8(bytes: &[u8], at: usize) -> Error {
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let (line, probably) = match encoding::sniff(bytes) {
        Sniffed::Utf16 { .. } => (1, "UTF-16"),
        Sniffed::Refused { line, probably } => (line, probably.code()),
        Sniffed::Gb18030 { .. } | Sniffed::Utf8 => (line, "GBK/GB18030"),
    };
    Error::NotUtf8 { line, probably }
}

/// serde_json's error as a typed problem, its byte column turned into a character column.
fn syntax(text: &str, e: &serde_json::Error) -> Error {
    let line_text = text
        .split('\n')
        .nth(e.line().saturating_sub(1))
        .unwrap_or("");
    let column = line_text
        .char_indices()
        .take_while(|&(i, _)| i < e.column())
        .count();
    let mut problem = classify(e);
    // A full-width mark breaks the parse where its ASCII twin was expected, often one character on.
    if let Some(found) = line_text
        .chars()
        .skip(column.saturating_sub(1))
        .take(2)
        .find(|c| "，：“”‘’｛｝［］【】".contains(*c))
    {
        use SyntaxProblem::*;
        let structural = matches!(
            problem,
            ExpectedColon
                | ExpectedCommaOrBracket
                | ExpectedCommaOrBrace
                | ExpectedValue
                | ExpectedIdent
                | KeyMustBeString
                | TrailingCharacters
        );
        if structural {
            problem = FullWidth { found };
        }
    }
    Error::Syntax {
        line: e.line(),
        column,
        problem,
    }
}

fn classify(e: &serde_json::Error) -> SyntaxProblem {
    use SyntaxProblem::*;
    let full = e.to_string();
    // serde_json appends " at line L column C"; the rest is one of its fixed messages.
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    match message {
        "EOF while parsing an object" => EofInObject,
        "EOF while parsing a list" => EofInList,
        "EOF while parsing a string" => EofInString,
        "EOF while parsing a value" => EofInValue,
        "expected `:`" => ExpectedColon,
        "expected `,` or `]`" => ExpectedCommaOrBracket,
        "expected `,` or `}`" => ExpectedCommaOrBrace,
        "expected ident" => ExpectedIdent,
        "expected value" => ExpectedValue,
        "key must be a string" => KeyMustBeString,
        "trailing comma" => TrailingComma,
        "trailing characters" => TrailingCharacters,
        "invalid number" => InvalidNumber,
        "number out of range" => NumberOutOfRange,
        "invalid escape" => InvalidEscape,
        "invalid unicode code point"
        | "lone leading surrogate in hex escape"
        | "unexpected end of hex escape" => InvalidUnicodeEscape,
        m if m.starts_with("control character") => ControlCharacter,
        "recursion limit exceeded" => TooDeep,
        _ => Other,
    }
}

/// `projects[3].measure` for the steps; keys joined with dots as the error fields are.
pub fn path_text(path: &[Step]) -> String {
    let mut s = String::new();
    for step in path {
        match step {
            Step::Key(k) if s.is_empty() => s.push_str(k),
            Step::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// The parse error as the engine's typed error. `bytes` is the document; `project_file` says it is
/// a whole project file (a duplicate under `projects[i]` then names that project), else a single
/// project object.
pub(crate) fn to_file_error(e: Error, bytes: &[u8], project_file: bool) -> FileError {
    match e {
        Error::NotUtf8 { line, probably } => {
            FileError::new(None, None, ErrorKind::NotUtf8 { line, probably })
        }
        Error::Syntax {
            line,
            column,
            problem,
        } => FileError::new(
            None,
            None,
            ErrorKind::Syntax {
                line,
                column,
                problem,
            },
        ),
        Error::DuplicateKey { path, key, line } => {
            // The text parses when repeats are allowed (unless it breaks later on); that value
            // gives the project's id, named as file::load names it.
            let lenient: Option<Value> = serde_json::from_slice(strip_bom(bytes)).ok();
            let (project, inner) = match path.as_slice() {
                [Step::Key(p), Step::Index(i), rest @ ..] if project_file && p == "projects" => {
                    let item = lenient.as_ref().and_then(|v| v.get("projects")?.get(*i));
                    (Some(label(item, *i, rest.is_empty() && key == "id")), rest)
                }
                _ if !project_file => (
                    Some(label(lenient.as_ref(), 0, path.is_empty() && key == "id")),
                    path.as_slice(),
                ),
                _ => (None, path.as_slice()),
            };
            let mut field = path_text(inner);
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(&key);
            FileError::new(
                project.as_deref(),
                Some(field),
                ErrorKind::DuplicateKey { key, line },
            )
        }
    }
}

/// A project's id, or its position `#n` when it has no usable one (or the id is the repeated key).
fn label(project: Option<&Value>, index: usize, id_repeated: bool) -> String {
    match project.and_then(|p| p.get("id")) {
        Some(Value::String(s)) if !id_repeated && !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) if !id_repeated => n.to_string(),
        _ => format!("#{}", index + 1),
    }
}

/// The first repeated key met, with the path of the object that repeats it. The path is not
/// kept while parsing (that cost an allocation per key read): it is gathered as the error goes up,
/// each enclosing object or list adding its step ([`State::unwind`]), innermost first, and put in
/// order by [`parse_error`].
#[derive(Default)]
pub(crate) struct State {
    pub(crate) duplicate: Option<(Vec<Step>, String)>,
}

impl State {
    /// Called by an object or list whose member `step` failed: adds the step to the repeated key's
    /// path (a syntax error has none to add to).
    pub(crate) fn unwind(&mut self, step: impl FnOnce() -> Step) {
        if let Some((path, _)) = &mut self.duplicate {
            path.push(step());
        }
    }

    /// Records the repeated `key` of the object being read (its path follows as the error goes up).
    pub(crate) fn repeated<E: de::Error>(&mut self, key: String) -> E {
        self.duplicate = Some((Vec::new(), key));
        de::Error::custom("duplicate key")
    }
}

/// Builds a `Value` exactly as serde_json's own `Value` visitor does, tracking the path.
pub(crate) struct ValueSeed<'a>(pub(crate) &'a mut State);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            match seq.next_element_seed(ValueSeed(&mut *self.0)) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => return Ok(Value::Array(items)),
                Err(e) => {
                    self.0.unwind(|| Step::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut values = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // One lookup: the key's slot, which must be empty.
            let slot = match values.entry(key) {
                serde_json::map::Entry::Vacant(slot) => slot,
                serde_json::map::Entry::Occupied(o) => {
                    return Err(self.0.repeated(o.key().clone()));
                }
            };
            match map.next_value_seed(ValueSeed(&mut *self.0)) {
                Ok(value) => {
                    slot.insert(value);
                }
                Err(e) => {
                    self.0.unwind(|| Step::Key(slot.key().clone()));
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(values))
    }
}

// ---- reading without a copy: the decoders' view of a value --------------------------------------

/// A JSON value parsed from a text that borrows its keys and strings from it (a key or string
/// with an escape is the only one copied): what [`crate::stream`] builds for each project, so
/// that reading a register allocates one list per object or array, not a `String` per key and
/// value and a tree node per member as `serde_json::Value` does. An object's members are kept
/// in the text's order, each key once (a repeated one is refused as [`ValueSeed`] refuses it);
/// where their order is seen, they are read in key order ([`Obj::sorted`]), as from a
/// `serde_json::Map` (a `BTreeMap`), so every decoder gives the same from either.
#[derive(Debug)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

/// A value being decoded, from a text ([`Node`]) or from a `serde_json::Value` (a project built
/// in code, the register's projects, a whole document read by [`parse`]): the decoders read
/// both through it, so there is one decoder.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Val<'a> {
    Node(&'a Node<'a>),
    Value(&'a Value),
}

/// What a [`Val`] is, to match on.
pub(crate) enum Kind<'a> {
    Null,
    Bool(bool),
    Number(&'a Number),
    String(&'a str),
    Array(List<'a>),
    Object(Obj<'a>),
}

/// An object's members.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Obj<'a> {
    Node(&'a [(Cow<'a, str>, Node<'a>)]),
    Value(&'a Map<String, Value>),
}

/// An array's items.
#[derive(Clone, Copy, Debug)]
pub(crate) enum List<'a> {
    Node(&'a [Node<'a>]),
    Value(&'a [Value]),
}

impl<'a> Val<'a> {
    pub(crate) fn kind(self) -> Kind<'a> {
        match self {
            Val::Node(n) => match n {
                Node::Null => Kind::Null,
                Node::Bool(b) => Kind::Bool(*b),
                Node::Number(x) => Kind::Number(x),
                Node::String(s) => Kind::String(s),
                Node::Array(items) => Kind::Array(List::Node(items)),
                Node::Object(members) => Kind::Object(Obj::Node(members)),
            },
            Val::Value(v) => match v {
                Value::Null => Kind::Null,
                Value::Bool(b) => Kind::Bool(*b),
                Value::Number(x) => Kind::Number(x),
                Value::String(s) => Kind::String(s),
                Value::Array(items) => Kind::Array(List::Value(items)),
                Value::Object(members) => Kind::Object(Obj::Value(members)),
            },
        }
    }
    pub(crate) fn is_null(self) -> bool {
        matches!(self.kind(), Kind::Null)
    }
    /// As `Value::as_f64`.
    pub(crate) fn as_f64(self) -> Option<f64> {
        match self.kind() {
            Kind::Number(n) => n.as_f64(),
            _ => None,
        }
    }
    /// As `Value::as_u64`.
    pub(crate) fn as_u64(self) -> Option<u64> {
        match self.kind() {
            Kind::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    pub(crate) fn as_bool(self) -> Option<bool> {
        match self.kind() {
            Kind::Bool(b) => Some(b),
            _ => None,
        }
    }
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self.kind() {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }
    pub(crate) fn as_object(self) -> Option<Obj<'a>> {
        match self.kind() {
            Kind::Object(o) => Some(o),
            _ => None,
        }
    }
    pub(crate) fn as_array(self) -> Option<List<'a>> {
        match self.kind() {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }
    /// The value as a `serde_json::Value` (an unknown field, kept).
    pub(crate) fn to_value(self) -> Value {
        match self {
            Val::Value(v) => v.clone(),
            Val::Node(n) => match n {
                Node::Null => Value::Null,
                Node::Bool(b) => Value::Bool(*b),
                Node::Number(x) => Value::Number(x.clone()),
                Node::String(s) => Value::String(s.as_ref().to_owned()),
                Node::Array(items) => {
                    Value::Array(items.iter().map(|v| Val::Node(v).to_value()).collect())
                }
                Node::Object(members) => {
                    let mut map = Map::new();
                    for (k, v) in members {
                        map.insert(k.as_ref().to_owned(), Val::Node(v).to_value());
                    }
                    Value::Object(map)
                }
            },
        }
    }
}

impl<'a> Obj<'a> {
    /// The member `key`: its position among a text's members (`None` for a `Value`'s), the key
    /// as stored, and its value. A text's object is searched in order, comparing lengths and
    /// first bytes before the keys (objects of a register have a dozen members; most looked for
    /// are absent).
    pub(crate) fn find(self, key: &str) -> Option<(Option<usize>, &'a str, Val<'a>)> {
        match self {
            Obj::Node(m) => {
                let at = m.iter().position(|(k, _)| same_key(k, key))?;
                let (k, v) = &m[at];
                Some((Some(at), k.as_ref(), Val::Node(v)))
            }
            Obj::Value(m) => m
                .get_key_value(key)
                .map(|(k, v)| (None, k.as_str(), Val::Value(v))),
        }
    }
    pub(crate) fn get(self, key: &str) -> Option<Val<'a>> {
        self.find(key).map(|(_, _, v)| v)
    }
    pub(crate) fn contains_key(self, key: &str) -> bool {
        self.find(key).is_some()
    }
    /// The members, a text's in the text's order (a `Value`'s in key order), each with its
    /// position as [`Obj::find`] gives it.
    pub(crate) fn members(self) -> impl Iterator<Item = (Option<usize>, &'a str, Val<'a>)> {
        let (node, value) = match self {
            Obj::Node(m) => (Some(m), None),
            Obj::Value(m) => (None, Some(m)),
        };
        let node = node
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, (k, v))| (Some(i), k.as_ref(), Val::Node(v)));
        let value = value
            .into_iter()
            .flatten()
            .map(|(k, v)| (None, k.as_str(), Val::Value(v)));
        node.chain(value)
    }
    /// The members in key order, as `serde_json::Map` iterates them (where the order is seen:
    /// one error per member).
    pub(crate) fn sorted(self) -> Vec<(&'a str, Val<'a>)> {
        let mut out: Vec<_> = self.members().map(|(_, k, v)| (k, v)).collect();
        if let Obj::Node(_) = self {
            crate::order::sort_by(&mut out, |a, b| a.0.cmp(b.0));
        }
        out
    }
}

/// `k == key`, the lengths and first bytes compared first.
fn same_key(k: &str, key: &str) -> bool {
    k.len() == key.len() && k.as_bytes().first() == key.as_bytes().first() && k == key
}

impl<'a> List<'a> {
    pub(crate) fn len(self) -> usize {
        match self {
            List::Node(items) => items.len(),
            List::Value(items) => items.len(),
        }
    }
    pub(crate) fn is_empty(self) -> bool {
        self.len() == 0
    }
    pub(crate) fn iter(self) -> impl Iterator<Item = Val<'a>> {
        let (node, value) = match self {
            List::Node(items) => (Some(items), None),
            List::Value(items) => (None, Some(items)),
        };
        let node = node.into_iter().flatten().map(Val::Node);
        let value = value.into_iter().flatten().map(Val::Value);
        node.chain(value)
    }
}

/// Builds a [`Node`] from the text with the same checks as [`ValueSeed`] (a repeated key is the
/// error [`State::repeated`] names, its path gathered by [`State::unwind`]); the same text gives
/// the node of the `Value` `ValueSeed` builds.
pub(crate) struct NodeSeed<'a>(pub(crate) &'a mut State);

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = Node<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_> {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(Number::from_f64(v).map_or(Node::Null, Node::Number))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v)))
    }
    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::new();
        loop {
            match seq.next_element_seed(NodeSeed(&mut *self.0)) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => return Ok(Node::Array(items)),
                Err(e) => {
                    self.0.unwind(|| Step::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        // Room for a project's dozen members at once (the list lives until the project is read).
        let mut members: Vec<(Cow<'de, str>, Node<'de>)> = Vec::with_capacity(16);
        // The keys of an object past `LINEAR` members, to find a repeated one in log time.
        const LINEAR: usize = 32;
        let mut many: Option<std::collections::BTreeSet<Box<str>>> = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let repeated = match &mut many {
                Some(keys) => !keys.insert(Box::from(key.as_ref())),
                None => {
                    let repeated = members.iter().any(|(k, _)| same_key(k, &key));
                    if !repeated && members.len() == LINEAR {
                        let keys = members
                            .iter()
                            .map(|(k, _)| k.as_ref())
                            .chain([key.as_ref()]);
                        many = Some(crate::order::set(keys.map(Box::from)));
                    }
                    repeated
                }
            };
            if repeated {
                return Err(self.0.repeated(key.into_owned()));
            }
            match map.next_value_seed(NodeSeed(&mut *self.0)) {
                Ok(value) => members.push((key, value)),
                Err(e) => {
                    self.0.unwind(|| Step::Key(key.into_owned()));
                    return Err(e);
                }
            }
        }
        Ok(Node::Object(members))
    }
}

/// An object's key, borrowed from the text unless it has an escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}
