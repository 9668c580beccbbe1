//! `stream::load_bytes` (one project at a time) gives exactly what `file::load_bytes` (the whole
//! JSON tree) gives: the same valid file, or the same errors in the same order, over every JSON
//! file and raw-string input of the repo's tests, inputs made to break in each way, and the
//! sample cut short or missing a byte at every position.

use jianpai_core::{file, stream, Error, ErrorKind, SAMPLE_FILE};
use std::path::Path;

/// Both loaders agree on `bytes`; what they gave, to check further.
fn same(what: &str, bytes: &[u8]) -> Result<(), Vec<Error>> {
    let whole = file::load_bytes(bytes);
    let streamed = stream::load_bytes(bytes);
    assert_eq!(streamed, whole, "{what}");
    whole.map(|_| ())
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .parent()
        .unwrap()
}

/// The `.json` files under `dir`.
fn json_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_json_file_of_the_repo_reads_the_same() {
    let dirs = [
        "crates/core/tests/data",
        "crates/cli/tests/data",
        "crates/core/data",
        "crates/core/data/libraries",
        "samples",
    ];
    let (mut valid, mut invalid) = (0, 0);
    for dir in dirs {
        for path in json_files(&root().join(dir)) {
            let bytes = std::fs::read(&path).unwrap();
            match same(&path.display().to_string(), &bytes) {
                Ok(()) => valid += 1,
                Err(_) => invalid += 1,
            }
        }
    }
    // The sample, wastewater and the CLI's good files are valid; bad, broken and the libraries not.
    assert!(
        valid >= 4 && invalid >= 3,
        "{valid} valid, {invalid} invalid"
    );
}

#[test]
fn every_raw_string_input_of_the_tests_reads_the_same() {
    let sources = [
        "crates/core/tests/it/input.rs",
        "crates/core/tests/it/validation.rs",
        "crates/cli/tests/cli.rs",
    ];
    let mut n = 0;
    for src in sources {
        let text = std::fs::read_to_string(root().join(src)).unwrap();
        for (i, chunk) in text.split("r#\"").skip(1).enumerate() {
            let Some(end) = chunk.find("\"#") else {
                continue;
            };
            let _ = same(&format!("{src} raw string {i}"), &chunk.as_bytes()[..end]);
            n += 1;
        }
    }
    assert!(n >= 20, "only {n} raw strings found");
}

/// A file of `projects` (JSON texts) with `format` placed before or after them.
fn file_of(projects: &[&str], format_first: bool) -> String {
    let list = projects.join(",\n");
    if format_first {
        format!("{{\"format\": \"jianpai/1\", \"year\": 2026,\n\"projects\": [\n{list}\n]}}")
    } else {
        format!("{{\"projects\": [\n{list}\n],\n\"year\": 2026, \"format\": \"jianpai/1\"}}")
    }
}

const GOOD: &str = r#"{"id": "a", "measure": {"type": "wastewater", "flow_m3_per_day": 100, "cod_before_mg_l": 200, "cod_after_mg_l": 50}}"#;
const GOOD_B: &str = r#"{"id": "b", "name": "B", "measure": {"type": "wastewater", "flow_m3_per_day": 10, "cod_before_mg_l": 90, "cod_after_mg_l": 30}}"#;

#[test]
fn inputs_broken_in_each_way_read_the_same() {
    let bad_measure = r#"{"id": "c", "measure": {"type": "wastewater", "flow_m3_per_day": -1}}"#;
    let dup_in_measure = r#"{"id": "d", "measure": {"type": "wastewater", "flow_m3_per_day": 1, "flow_m3_per_day": 2}}"#;
    let syntax_in_3 = r#"{"id": "e", "measure": {"type": "wastewater" "flow_m3_per_day": 1}}"#;
    let deep = format!(
        "{{\"id\": \"f\", \"x\": {}1{}}}",
        "[".repeat(140),
        "]".repeat(140)
    );
    let cases: Vec<(String, String)> = vec![
        ("valid".into(), file_of(&[GOOD, GOOD_B], true)),
        ("valid, projects first".into(), file_of(&[GOOD, GOOD_B], false)),
        ("empty list".into(), file_of(&[], true)),
        ("syntax error in project 3".into(), file_of(&[GOOD, GOOD_B, syntax_in_3], true)),
        ("syntax error in project 3, format after".into(), file_of(&[GOOD, bad_measure, syntax_in_3], false)),
        ("duplicate key in a measure".into(), file_of(&[GOOD, dup_in_measure], true)),
        ("duplicate key in a measure, format after".into(), file_of(&[GOOD, dup_in_measure], false)),
        ("duplicate project key id".into(), file_of(&[GOOD, r#"{"id": "x", "id": "y"}"#], true)),
        ("decode errors in two projects".into(), file_of(&[bad_measure, GOOD, r#"{"name": 3}"#, r#"7"#], true)),
        ("decode errors, projects first".into(), file_of(&[bad_measure, GOOD, r#"{"name": 3}"#], false)),
        ("duplicate ids".into(), file_of(&[GOOD, GOOD_B, GOOD], true)),
        ("too deep inside a project".into(), file_of(&[GOOD, &deep], true)),
        ("number out of range".into(), file_of(&[r#"{"id": "g", "v": 1e400}"#], true)),
        ("truncated".into(), file_of(&[GOOD, GOOD_B], true)[..150].to_owned()),
        ("trailing characters".into(), file_of(&[GOOD], true) + " x"),
        ("trailing comma in the list".into(), format!("{{\"format\": \"jianpai/1\", \"projects\": [{GOOD},]}}")),
        ("full-width comma".into(), format!("{{\"format\": \"jianpai/1\"，\"projects\": [{GOOD}]}}")),
        ("another format after the projects".into(), format!("{{\"projects\": [{GOOD}, 5], \"format\": \"other/2\"}}")),
        ("no format".into(), format!("{{\"projects\": [{GOOD}]}}")),
        ("projects an object".into(), r#"{"format": "jianpai/1", "projects": {"id": "a"}}"#.into()),
        ("projects an object with a repeated key".into(), r#"{"format": "jianpai/1", "projects": {"a": 1, "a": 2}}"#.into()),
        ("projects a number".into(), r#"{"projects": 3, "format": "jianpai/1"}"#.into()),
        ("projects a string".into(), r#"{"format": "jianpai/1", "projects": "all"}"#.into()),
        ("projects false".into(), r#"{"format": "jianpai/1", "projects": false}"#.into()),
        ("projects null".into(), r#"{"format": "jianpai/1", "projects": null}"#.into()),
        ("projects twice".into(), format!("{{\"format\": \"jianpai/1\", \"projects\": [{GOOD}], \"projects\": []}}")),
        ("projects null then a list".into(), format!("{{\"format\": \"jianpai/1\", \"projects\": null, \"projects\": [{GOOD}]}}")),
        ("format twice".into(), format!("{{\"format\": \"jianpai/1\", \"projects\": [{GOOD}], \"format\": \"x\"}}")),
        ("unknown top-level keys kept".into(), format!("{{\"zeta\": [1, {{\"k\": null}}], \"format\": \"jianpai/1\", \"projects\": [{GOOD}], \"alpha\": 1.5}}")),
        ("bad settings, targets and overrides".into(), format!("{{\"format\": \"jianpai/1\", \"settings\": {{\"crediting\": \"nope\"}}, \"targets\": {{\"cod_t\": \"x\"}}, \"overrides\": {{\"no.such\": {{\"value\": 1}}}}, \"projects\": [{bad_measure}]}}")),
        ("top level a list".into(), format!("[{GOOD}]")),
        ("top level a string".into(), "\"jianpai\"".into()),
        ("empty".into(), String::new()),
        ("only whitespace".into(), " \n\t\u{3000}".into()),
        ("unclosed".into(), "{".into()),
        ("leading whitespace".into(), format!("\n\n  {}", file_of(&[GOOD], true))),
    ];
    // Valid except for bytes: a BOM (read), and bytes that are not UTF-8 in the second project.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(file_of(&[GOOD], true).bytes());
    let mut gbk = file_of(&[GOOD, GOOD_B], true).into_bytes();
    let at = gbk.windows(3).position(|w| w == b"\"B\"").unwrap() + 1;
    gbk[at] = 0xB0;
    let mut outcomes = Vec::new();
    for (what, text) in &cases {
        outcomes.push((what.as_str(), same(what, text.as_bytes())));
    }
    assert!(same("BOM", &bom).is_ok());
    let not_utf8 = same("not UTF-8", &gbk).unwrap_err();
    assert!(
        matches!(not_utf8[0].kind, ErrorKind::NotUtf8 { line: 4, .. }),
        "{not_utf8:?}"
    );
    // The cases are what they say: the valid ones load, the others fail as intended.
    let outcome = |name: &str| &outcomes.iter().find(|(w, _)| *w == name).unwrap().1;
    for ok in [
        "valid",
        "valid, projects first",
        "empty list",
        "projects null",
        "unknown top-level keys kept",
        "leading whitespace",
    ] {
        assert!(outcome(ok).is_ok(), "{ok}: {:?}", outcome(ok));
    }
    let kind = |name: &str| outcome(name).as_ref().unwrap_err()[0].kind.clone();
    assert!(matches!(
        kind("syntax error in project 3"),
        ErrorKind::Syntax { line: 5, .. }
    ));
    assert!(matches!(
        kind("duplicate key in a measure"),
        ErrorKind::DuplicateKey { .. }
    ));
    assert!(matches!(
        kind("projects twice"),
        ErrorKind::DuplicateKey { .. }
    ));
    assert!(matches!(kind("projects a number"), ErrorKind::NotAList));
    assert!(matches!(
        kind("duplicate ids"),
        ErrorKind::DuplicateId { .. }
    ));
    assert!(matches!(
        kind("too deep inside a project"),
        ErrorKind::Syntax { .. }
    ));
    assert!(matches!(
        kind("another format after the projects"),
        ErrorKind::UnsupportedFormat { .. }
    ));
    let named: Vec<_> = outcome("decode errors in two projects")
        .as_ref()
        .unwrap_err()
        .iter()
        .map(|e| e.project.as_deref())
        .collect();
    for p in ["c", "#3", "#4"] {
        assert!(named.contains(&Some(p)), "{p} in {named:?}");
    }
}

#[test]
fn the_sample_cut_short_or_missing_a_byte_anywhere_reads_the_same() {
    let bytes = SAMPLE_FILE.as_bytes();
    let mut refused = 0;
    for end in 0..bytes.len() {
        // Cut inside a character too: that is "not UTF-8" to both.
        refused += same(&format!("cut at {end}"), &bytes[..end]).is_err() as usize;
        let mut missing = bytes.to_vec();
        missing.remove(end);
        let _ = same(&format!("byte {end} removed"), &missing);
    }
    // Every cut before the closing brace is refused; the trailing newline may go.
    let body = SAMPLE_FILE.trim_end().len();
    assert_eq!(
        refused, body,
        "every sample cut inside its object is refused"
    );
}

/// What the reader of one project at a time keeps or names where a text differs from its
/// `serde_json::Value` (issue 20: it borrows keys and strings from the text): escaped keys and
/// strings, members out of key order, objects of more than 32 members, ids as numbers, nulls.
/// Each case is read both ways (they must agree) and its outcome checked by hand.
#[test]
fn texts_the_borrowing_reader_sees_differently_read_the_same() {
    // 40 members `k00`..`k39` of an unknown object, optionally with `k05` again at the end.
    let members = |repeat: bool| {
        let mut m: Vec<String> = (0..40).map(|i| format!("\"k{i:02}\": {i}")).collect();
        if repeat {
            m.push("\"k05\": 0".into());
        }
        m.join(", ")
    };
    let escaped = r#"{"id": "e\u0073c", "na\u006de": "A\"B\\C", "\u00e9t\u00e9": {"x\ny": ["\t", 1]}, "measure": {"type": "waste\u0077ater", "flow_m3_per_day": 100, "cod_before_mg_l": 200, "cod_after_mg_l": 50}}"#;
    let overrides = r#"{"id": "o", "overrides": {"z.none": {"value": 1}, "b.none": 3, "a.none": {"note": "n"}}, "measure": {"type": "wastewater", "flow_m3_per_day": 1, "cod_before_mg_l": 2, "cod_after_mg_l": 1}}"#;
    let wide = format!(
        "{{\"id\": \"w\", \"wide\": {{{}}}, \"measure\": {}}}",
        members(false),
        &GOOD[GOOD.find("{\"type").unwrap()..GOOD.len() - 1]
    );
    let wide_repeated = format!("{{\"id\": \"r\", \"wide\": {{{}}}}}", members(true));
    let numbers = r#"{"id": 7, "measure": {"type": "wastewater", "flow_m3_per_day": 1e2, "cod_before_mg_l": 2.5, "cod_after_mg_l": 0}}"#;
    let nulls = r#"{"id": "n", "name": null, "township": null, "offset": null, "review": null, "measure": {"type": "wastewater", "flow_m3_per_day": 1, "cod_before_mg_l": 2, "cod_after_mg_l": 1, "nh3n_before_mg_l": null}}"#;
    let negative_id = r#"{"id": -3.5, "measure": 4}"#;

    let escaped_file = same("escaped", file_of(&[escaped], true).as_bytes());
    assert!(escaped_file.is_ok(), "{escaped_file:?}");
    let file = stream::load_bytes(file_of(&[escaped, numbers, nulls], true).as_bytes()).unwrap();
    let p = &file.projects[0];
    assert_eq!((&*p.id, &*p.name), ("esc", "A\"B\\C"));
    assert_eq!(p.extra["été"], serde_json::json!({"x\ny": ["\t", 1]}));
    // An id that is a number is written as serde_json writes it: 7.
    assert_eq!(&*file.projects[1].id, "7");
    assert_eq!(&*file.projects[2].name, "");
    same(
        "escaped, numbers and nulls",
        file_of(&[escaped, numbers, nulls], false).as_bytes(),
    )
    .unwrap();

    // One error per override, in key order (a, b, z), whatever the text's order.
    let errs = same("overrides", file_of(&[overrides], true).as_bytes()).unwrap_err();
    let fields: Vec<_> = errs
        .iter()
        .map(|e| e.field.as_deref().unwrap_or(""))
        .collect();
    let at = |f: &str| {
        fields
            .iter()
            .position(|x| *x == f)
            .unwrap_or_else(|| panic!("{f} in {fields:?}"))
    };
    assert!(
        at("overrides.a.none.value") < at("overrides.b.none"),
        "{fields:?}"
    );

    // 40 members kept as given; the 41st repeating the 6th refused at its path.
    let wide_file = stream::load_bytes(file_of(&[&wide], true).as_bytes()).unwrap();
    assert_eq!(wide_file.projects[0].extra["wide"]["k39"], 39);
    same("40 members", file_of(&[&wide], true).as_bytes()).unwrap();
    let errs = same(
        "40 members, one repeated",
        file_of(&[GOOD, &wide_repeated], true).as_bytes(),
    )
    .unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].project.as_deref(), Some("r"));
    assert_eq!(errs[0].field.as_deref(), Some("wide.k05"));
    assert!(matches!(&errs[0].kind, ErrorKind::DuplicateKey { key, .. } if key == "k05"));

    // A number id that is not whole names the project as written; a measure that is a number.
    let errs = same("negative id", file_of(&[negative_id], true).as_bytes()).unwrap_err();
    assert_eq!(errs[0].project.as_deref(), Some("-3.5"));
    assert!(matches!(errs[0].kind, ErrorKind::NotAnObject));
}

/// Texts at the edges of JSON that the engine's own tokenizer (json::scan, issue 20) either reads
/// as serde_json does or leaves to it: each read both ways (they must agree: the same file, or
/// the same errors with the same codes, paths, lines and columns), and its outcome checked by
/// hand.
#[test]
fn texts_at_the_edges_of_json_read_the_same() {
    // A project whose `name` is the JSON text `name` (escapes as written) and with `x` as an
    // unknown field.
    let with = |name: &str, x: &str| {
        let p = format!(
            "{{\"id\": \"p\", \"name\": {name}, \"x\": {x}, \"measure\": {{\"type\": \"wastewater\", \"flow_m3_per_day\": 100, \"cod_before_mg_l\": 200, \"cod_after_mg_l\": 50}}}}"
        );
        file_of(&[&p], true)
    };
    let read = |what: &str, text: &str| same(what, text.as_bytes());
    let project = |text: &str| stream::load_bytes(text.as_bytes()).unwrap().projects[0].clone();

    // Escapes, a surrogate pair (U+1F600), \u0000, DEL, the solidus.
    let p = project(&with(
        r#""a\"b\\c\/d\b\f\n\r\t\u00e9\u4E2D\ud83d\ude00\u0000""#,
        "\"\u{7f}\"",
    ));
    assert_eq!(&*p.name, "a\"b\\c/d\u{8}\u{c}\n\r\té中\u{1F600}\u{0}");
    read(
        "escapes",
        &with(
            r#""a\"b\\c\/d\b\f\n\r\t\u00e9\u4E2D\ud83d\ude00\u0000""#,
            "1",
        ),
    )
    .unwrap();
    // A lone surrogate, a bad escape, a short \u, a raw control character (tab, U+0001): each a
    // syntax error on line 3 (file_of puts the first project there).
    for (what, name) in [
        ("lone leading surrogate", r#""\ud83d""#),
        (
            "lone leading surrogate before a letter",
            r#""\ud83d\u0041""#,
        ),
        ("lone trailing surrogate", r#""\ude00""#),
        ("bad escape", r#""\x""#),
        ("short \\u", r#""\u12""#),
        ("raw tab", "\"a\tb\""),
        ("raw U+0001", "\"a\u{1}b\""),
    ] {
        let errs = read(what, &with(name, "1")).unwrap_err();
        assert!(
            matches!(errs[0].kind, ErrorKind::Syntax { line: 3, .. }),
            "{what}: {errs:?}"
        );
    }

    // Numbers: kept in `x` as serde_json reads them (u64, i64 or f64; −0 an f64), written back as
    // serde_json writes them.
    for (text, written) in [
        ("-0", "-0.0"),
        ("0", "0"),
        ("1e2", "100.0"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("18446744073709551616", "1.8446744073709552e+19"),
        ("1e-400", "0.0"),
        // 12345678901234567890.1…: doubles near it are 2,048 apart (2^63..2^64), the nearest
        // 6,028,163,525,993,441 × 2,048 = 12345678901234567168 (722 below; the next 1,326 above).
        (
            "123456789012345678901234567890.5e-10",
            "1.2345678901234567e+19",
        ),
    ] {
        let text_file = with("\"n\"", text);
        read(text, &text_file).unwrap();
        assert_eq!(
            project(&text_file).extra["x"].to_string(),
            written,
            "{text}"
        );
    }
    // Out of range, or not JSON numbers: syntax errors (number out of range, invalid number).
    for text in ["1e400", "-1e400", "1.8e308", "01", "1.", "-", "+1", ".5"] {
        let errs = read(text, &with("\"n\"", text)).unwrap_err();
        assert!(
            matches!(errs[0].kind, ErrorKind::Syntax { .. }),
            "{text}: {errs:?}"
        );
    }
    let errs = read("1e400", &with("\"n\"", "1e400")).unwrap_err();
    assert!(
        matches!(
            errs[0].kind,
            ErrorKind::Syntax {
                problem: jianpai_core::error::SyntaxProblem::NumberOutOfRange,
                ..
            }
        ),
        "{errs:?}"
    );

    // Nesting: 90 levels read; 200 refused by serde_json's limit (128) as too deep.
    let nest = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    assert_eq!(
        project(&with("\"n\"", &nest(90))).extra["x"].to_string(),
        nest(90)
    );
    read("90 deep", &with("\"n\"", &nest(90))).unwrap();
    let errs = read("200 deep", &with("\"n\"", &nest(200))).unwrap_err();
    assert!(
        matches!(
            errs[0].kind,
            ErrorKind::Syntax {
                problem: jianpai_core::error::SyntaxProblem::TooDeep,
                ..
            }
        ),
        "{errs:?}"
    );

    // A key given twice: in the unknown object, in the project, at the top.
    let errs = read("repeat in x", &with("\"n\"", r#"{"a": 1, "a": 2}"#)).unwrap_err();
    assert_eq!(errs[0].field.as_deref(), Some("x.a"), "{errs:?}");
    assert!(matches!(&errs[0].kind, ErrorKind::DuplicateKey { key, line: 3 } if key == "a"));
    let errs = read(
        "repeat at top",
        &format!("{{\"year\": 1, \"format\": \"jianpai/1\", \"year\": 2, \"projects\": [{GOOD}]}}"),
    )
    .unwrap_err();
    assert!(matches!(&errs[0].kind, ErrorKind::DuplicateKey { key, .. } if key == "year"));

    // Trailing garbage and a trailing comma after the top object; whitespace after it is fine.
    for tail in [" x", ",", "}", " {}", "\u{3000}"] {
        let errs = read(tail, &(file_of(&[GOOD], true) + tail)).unwrap_err();
        assert!(
            matches!(errs[0].kind, ErrorKind::Syntax { .. }),
            "{tail:?}: {errs:?}"
        );
    }
    read("whitespace after", &(file_of(&[GOOD], true) + " \n\r\t")).unwrap();

    // A BOM is skipped, from bytes and from a text (load_str, the JS module's way in).
    let text = format!("\u{feff}{}", file_of(&[GOOD], true));
    read("BOM", &text).unwrap();
    assert_eq!(stream::load_str(&text), stream::load_bytes(text.as_bytes()));
    assert_eq!(
        stream::load_str(&text).unwrap().projects[0].id.as_ref(),
        "a"
    );
    // Two BOMs: the second is not whitespace.
    let twice = format!("\u{feff}{text}");
    assert_eq!(stream::load_str(&twice), file::load_bytes(twice.as_bytes()));
    assert!(stream::load_str(&twice).is_err());
    // Bytes that are not UTF-8 inside a string (GBK's 中, D6 D0), and a cut UTF-8 character.
    let mut gbk = with("\"n\"", "1").into_bytes();
    let at = gbk.windows(3).position(|w| w == b"\"n\"").unwrap() + 1;
    gbk.splice(at..at + 1, [0xD6, 0xD0]);
    let errs = same("GBK", &gbk).unwrap_err();
    assert!(
        matches!(errs[0].kind, ErrorKind::NotUtf8 { line: 3, .. }),
        "{errs:?}"
    );
    let mut cut = with("\"中\"", "1").into_bytes();
    let at = cut.windows(3).position(|w| w == "中".as_bytes()).unwrap();
    cut.remove(at + 2);
    assert!(matches!(
        same("cut", &cut).unwrap_err()[0].kind,
        ErrorKind::NotUtf8 { .. }
    ));
}

/// Words, numbers, string table and ends.
type Tape = (Vec<u32>, Vec<f64>, String, Vec<u32>);

/// A value written as the JS module's walker writes a plain object (json::walked): strings once
/// each, whole numbers up to 2^53 as u64/i64, other numbers as f64. `None` where the walker gives
/// up (a whole number between 2^53 and 10^21).
fn walk(v: &serde_json::Value) -> Option<Tape> {
    use jianpai_core::json::walked::*;
    use serde_json::Value;
    struct W {
        words: Vec<u32>,
        nums: Vec<f64>,
        text: String,
        ends: Vec<u32>,
        ids: std::collections::HashMap<String, u32>,
        units: u32,
    }
    impl W {
        fn s(&mut self, s: &str) -> u32 {
            if let Some(&k) = self.ids.get(s) {
                return k;
            }
            let k = self.ends.len() as u32;
            self.text.push_str(s);
            self.units += s.encode_utf16().count() as u32;
            self.ends.push(self.units);
            self.ids.insert(s.to_owned(), k);
            k
        }
        fn v(&mut self, v: &Value) -> Option<()> {
            match v {
                Value::Null => self.words.push(CONST),
                Value::Bool(b) => self.words.push(((1 + *b as u32) << 3) | CONST),
                Value::String(s) => {
                    let k = self.s(s);
                    self.words.push((k << 3) | STR)
                }
                Value::Number(n) => {
                    let x = n.as_f64()?;
                    let exact = 9_007_199_254_740_992.0;
                    let tag = match () {
                        _ if x.fract() == 0.0 && x.abs() <= exact => {
                            if x >= 0.0 {
                                U64
                            } else {
                                I64
                            }
                        }
                        _ if x.fract() == 0.0 && x.abs() < 1e21 => return None,
                        _ => F64,
                    };
                    self.words.push(tag);
                    self.nums.push(x);
                }
                Value::Array(items) => {
                    self.words.push(((items.len() as u32) << 3) | ARRAY);
                    for i in items {
                        self.v(i)?;
                    }
                }
                Value::Object(m) => {
                    self.words.push(((m.len() as u32) << 3) | OBJECT);
                    for (k, i) in m {
                        let k = self.s(k);
                        self.words.push(k);
                        self.v(i)?;
                    }
                }
            }
            Some(())
        }
    }
    let mut w = W {
        words: vec![],
        nums: vec![],
        text: String::new(),
        ends: vec![],
        ids: Default::default(),
        units: 0,
    };
    w.v(v)?;
    Some((w.words, w.nums, w.text, w.ends))
}

#[test]
fn a_walked_tape_reads_as_its_text() {
    use jianpai_core::json::walked::Walked;
    let sample: serde_json::Value =
        serde_json::from_str(include_str!("../../data/sample.json")).unwrap();
    let mut cases = vec![sample.clone()];
    // Mutations: each field of the first project's measure set to values of other kinds.
    let odd = [
        serde_json::json!(null),
        serde_json::json!(-0.0),
        serde_json::json!(1e-320),
        serde_json::json!(9007199254740992u64),
        serde_json::json!(-5),
        serde_json::json!(0.30000000000000004),
        serde_json::json!("长江 🌊 \"q\" \\ \n"),
        serde_json::json!([1, "a", {"b": true}]),
        serde_json::json!({"__proto__": 1}),
        serde_json::json!(1e300),
    ];
    let keys: Vec<String> = sample["projects"][0]["measure"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for (i, k) in keys.iter().enumerate() {
        let mut c = sample.clone();
        c["projects"][0]["measure"][k] = odd[i % odd.len()].clone();
        c["projects"][1]["name"] = odd[(i + 3) % odd.len()].clone();
        cases.push(c);
    }
    let mut c = sample.clone();
    c["projects"] = serde_json::json!({"not": "a list"});
    cases.push(c);
    cases.push(serde_json::json!({}));
    for case in &cases {
        let text = serde_json::to_string(case).unwrap();
        let (words, nums, t, ends) = walk(case).unwrap();
        let walked = Walked {
            words: &words,
            nums: &nums,
            text: &t,
            ends: &ends,
        };
        assert_eq!(
            stream::load_walked(walked).expect("read"),
            stream::load_str(&text),
            "{text}"
        );
    }
    // A tape that is not a walk's is given up on.
    let bad = Walked {
        words: &[(1 << 3) | 5, 9, 0],
        nums: &[],
        text: "a",
        ends: &[1],
    };
    assert!(stream::load_walked(bad).is_none());
    // An array at the top is the text's to refuse.
    let top = Walked {
        words: &[4],
        nums: &[],
        text: "",
        ends: &[],
    };
    assert!(stream::load_walked(top).is_none());
}
