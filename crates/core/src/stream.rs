//! Reading a project file straight from its bytes, one project at a time: each element of
//! `projects` is parsed into nodes that borrow the text, decoded and dropped before the next, so
//! the whole file's JSON tree never exists (the CLI's memory on big files). Same result and same
//! errors, in the same order, as [`crate::file::load_bytes`]: the engine's own tokenizer
//! ([`json::scan`]) reads a text that is plain valid JSON; wherever it gives up, serde_json reads
//! the text again with the same repeated-key checks, and the same decoders read what either gives.

use crate::error::Error;
use crate::file::{self, decode_project, Project, ProjectFile, Valid};
use crate::json::scan::{GiveUp, Scanner};
use crate::json::walked::{self, Reader, Walked};
use crate::json::{self, NodeSeed, State, Step, Val, ValueSeed};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserializer as _;
use serde_json::{Map, Value};
use std::fmt;

/// [`file::load_bytes`], decoding the projects as they are read.
pub fn load_bytes(bytes: &[u8]) -> Result<Valid<ProjectFile>, Vec<Error>> {
    match std::str::from_utf8(json::strip_bom(bytes)) {
        Ok(text) => load_text(bytes, text),
        Err(_) => file::load_bytes(bytes),
    }
}

/// [`load_bytes`] of a text, which is UTF-8 already (the JS module's strings): the same result,
/// without checking its bytes again.
pub fn load_str(text: &str) -> Result<Valid<ProjectFile>, Vec<Error>> {
    load_text(
        text.as_bytes(),
        text.strip_prefix('\u{feff}').unwrap_or(text),
    )
}

/// [`load_str`] of the text a walked value stands for (`JSON.stringify` of the JS module's
/// caller's object, [`json::walked`]): the same result and errors, read from the tape without a
/// text. `None` where the tape is not read (not an object at the top, or anything out of place):
/// the caller reads the text then.
pub fn load_walked(walked: Walked<'_>) -> Option<Result<Valid<ProjectFile>, Vec<Error>>> {
    let read = walked_read(walked).ok()?;
    let decoded = read.projects.map(|p| (p, read.errors));
    Some(file::load_object(&read.head, decoded))
}

/// [`scanned`] of a tape: the top-level fields but a `projects` list as `Value`s, that list
/// decoded one project at a time (each project's nodes dropped before the next is read).
fn walked_read(walked: Walked<'_>) -> Result<Read, GiveUp> {
    let mut r = Reader::new(walked)?;
    let (tag, members) = r.next()?;
    if tag != walked::OBJECT {
        return Err(GiveUp);
    }
    let mut read = Read::default();
    for _ in 0..members {
        let key = r.key()?;
        if key == "projects" && read.projects.is_some() || read.head.contains_key(key) {
            return Err(GiveUp);
        }
        let (tag, n) = r.next()?;
        if key == "projects" && tag == walked::ARRAY {
            let mut projects = Vec::new();
            for index in 0..n {
                let w = r.next()?;
                let item = r.value(w, 2)?;
                if let Some(p) = decode_project(Val::Node(&item), index, &mut read.errors) {
                    projects.push(p);
                }
            }
            read.projects = Some(projects);
        } else {
            let value = r.value((tag, n), 1)?;
            read.head
                .insert(key.to_owned(), Val::Node(&value).to_value());
        }
    }
    r.at_end().then_some(read).ok_or(GiveUp)
}

/// `bytes` as given, `text` the same without its byte-order mark.
fn load_text(bytes: &[u8], text: &str) -> Result<Valid<ProjectFile>, Vec<Error>> {
    // Only an object is streamed; anything else (empty, not UTF-8, a list, …) is refused by the
    // whole-document reader, whose messages are the reference.
    if !text
        .trim_start_matches([' ', '\n', '\r', '\t'])
        .starts_with('{')
        || json::looks_utf16(bytes)
    {
        return file::load_bytes(bytes);
    }
    // The engine's own tokenizer first; where it gives up (a text it does not read as plain
    // valid JSON: json::scan), serde_json reads the text again and names the problem.
    if let Ok(read) = scanned(text) {
        let decoded = read.projects.map(|p| (p, read.errors));
        return file::load_object(&read.head, decoded);
    }
    let mut state = State::default();
    let mut read = Read::default();
    let mut de = serde_json::Deserializer::from_str(text);
    // `end` as in json::parse: only whitespace may follow the object.
    let parsed = (&mut de)
        .deserialize_any(Top {
            state: &mut state,
            read: &mut read,
        })
        .and_then(|()| de.end());
    if let Err(e) = parsed {
        let e = json::parse_error(&mut state, text, &e);
        return Err(vec![json::to_file_error(e, bytes, true)]);
    }
    let decoded = read.projects.map(|p| (p, read.errors));
    file::load_object(&read.head, decoded)
}

/// The file read by [`json::scan`]: what [`Top`] keeps, the same way (the top-level fields
/// but a `projects` list as `Value`s, that list decoded one project at a time), or `GiveUp`.
fn scanned(text: &str) -> Result<Read, GiveUp> {
    let mut s = Scanner::new(text);
    s.expect(b'{')?;
    let mut read = Read::default();
    if s.eat(b'}') {
        return s.at_end().then_some(read).ok_or(GiveUp);
    }
    loop {
        let key = s.key()?;
        if key == "projects" && read.projects.is_some() || read.head.contains_key(key.as_ref()) {
            // A repeated key: serde_json's reader names it with its path.
            return Err(GiveUp);
        }
        if key == "projects" && s.eat(b'[') {
            let mut projects = Vec::new();
            if !s.eat(b']') {
                for index in 0.. {
                    // The top object and the list enclose each project.
                    let item = s.value(2)?;
                    // The item's nodes (borrowing the text) are dropped before the next is read.
                    if let Some(p) = decode_project(Val::Node(&item), index, &mut read.errors) {
                        projects.push(p);
                    }
                    if !s.more(b']')? {
                        break;
                    }
                }
            }
            read.projects = Some(projects);
        } else {
            let value = s.value(1)?;
            read.head
                .insert(key.into_owned(), Val::Node(&value).to_value());
        }
        if !s.more(b'}')? {
            break;
        }
    }
    s.at_end().then_some(read).ok_or(GiveUp)
}

/// What the parse kept: the top-level fields but a `projects` list, and that list decoded.
#[derive(Default)]
struct Read {
    head: Map<String, Value>,
    /// `Some` once a `projects` list was read (a `projects` of another kind stays in `head`).
    projects: Option<Vec<Project>>,
    errors: Vec<Error>,
}

/// The top-level object.
struct Top<'a> {
    state: &'a mut State,
    read: &'a mut Read,
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a project file object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let listed = key == "projects" && self.read.projects.is_some();
            if listed || self.read.head.contains_key(&key) {
                // As json::parse's visitor does: the key, at the path of this (top) object.
                return Err(self.state.repeated(key));
            }
            let value = if key == "projects" {
                let seed = ProjectsSeed {
                    state: &mut *self.state,
                    read: &mut *self.read,
                };
                // A list is decoded into `read`; anything else is kept for the decoder to refuse.
                map.next_value_seed(seed)
            } else {
                map.next_value_seed(ValueSeed(&mut *self.state)).map(Some)
            };
            match value {
                Ok(Some(value)) => {
                    self.read.head.insert(key, value);
                }
                Ok(None) => {}
                Err(e) => {
                    self.state.unwind(|| Step::Key(key));
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

/// The value of `projects`: `None` when it was a list (decoded one element at a time), else the
/// value itself, read as json::parse reads it.
struct ProjectsSeed<'a> {
    state: &'a mut State,
    read: &'a mut Read,
}

impl<'de> DeserializeSeed<'de> for ProjectsSeed<'_> {
    type Value = Option<Value>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ProjectsSeed<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Value>, A::Error> {
        let mut projects = Vec::new();
        for index in 0.. {
            let item = match seq.next_element_seed(NodeSeed(&mut *self.state)) {
                Ok(item) => item,
                Err(e) => {
                    self.state.unwind(|| Step::Index(index));
                    return Err(e);
                }
            };
            let Some(item) = item else { break };
            // The item's nodes (borrowing the text) are dropped here, before the next one is read.
            if let Some(p) = decode_project(Val::Node(&item), index, &mut self.read.errors) {
                projects.push(p);
            }
        }
        self.read.projects = Some(projects);
        Ok(None)
    }

    // Not a list: the value as json::parse builds it (and checks its keys).
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Value>, A::Error> {
        ValueSeed(self.state).visit_map(map).map(Some)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_bool(v).map(Some)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_i64(v).map(Some)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_u64(v).map(Some)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_f64(v).map(Some)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_str(v).map(Some)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_string(v).map(Some)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_none().map(Some)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Value>, E> {
        ValueSeed(self.state).visit_unit().map(Some)
    }
}
