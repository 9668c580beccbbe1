//! Files as planners' editors save them: a UTF-8 byte-order mark, GBK bytes from an older editor,
//! UTF-16, a PNG, a file cut inside a character or mixing encodings (each named as what it is),
//! a key typed twice, and JSON syntax errors told in the user's language with line and column.

use jianpai_core::error::SyntaxProblem;
use jianpai_core::json;
use jianpai_core::{
    compute, load, load_bytes, load_project_bytes, Error, ErrorKind, Lang, SAMPLE_FILE,
};
use serde_json::Value;

fn only(errs: Vec<Error>) -> Error {
    assert_eq!(errs.len(), 1, "{errs:?}");
    errs.into_iter().next().unwrap()
}

fn load_err(bytes: &[u8]) -> Error {
    only(load_bytes(bytes).expect_err("the file is refused"))
}

#[test]
fn a_bom_file_loads_and_computes_the_same_totals() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SAMPLE_FILE.as_bytes());
    let with = compute(&load_bytes(&bytes).expect("loads with a BOM")).unwrap();
    let without = compute(&load(SAMPLE_FILE).unwrap()).unwrap();
    assert_eq!(with.totals, without.totals);
    assert_eq!(with.projects.len(), without.projects.len());
    // `load` takes text; a BOM kept in it as U+FEFF is skipped too.
    assert!(load(&format!("\u{feff}{SAMPLE_FILE}")).is_ok());
}

/// "示例县" as GBK bytes (CA BE C0 FD CF D8) on line 3.
const GBK_FILE: &[u8] = b"{\n  \"format\": \"jianpai/1\",\n  \"title\": \"\xCA\xBE\xC0\xFD\xCF\xD8\",\n  \"projects\": []\n}\n";

#[test]
fn gbk_bytes_are_named_not_utf8_in_both_languages() {
    let e = load_err(GBK_FILE);
    assert_eq!(
        e.kind,
        ErrorKind::NotUtf8 {
            line: 3,
            probably: "GBK/GB18030"
        }
    );
    let zh = e.message(Lang::Zh);
    for part in [
        "不是 UTF-8",
        "第 3 行",
        "GBK/GB18030",
        "另存为",
        "UTF-8",
        "WPS",
    ] {
        assert!(zh.contains(part), "{part} missing from {zh}");
    }
    let en = e.message(Lang::En);
    for part in ["not UTF-8", "line 3", "GBK/GB18030", "Save As", "WPS"] {
        assert!(en.contains(part), "{part} missing from {en}");
    }
    // Notepad's "Unicode" (UTF-16 with its mark) is told apart.
    let utf16: Vec<u8> = [0xFF, 0xFE, b'{', 0, b'}', 0].to_vec();
    assert!(matches!(
        load_err(&utf16).kind,
        ErrorKind::NotUtf8 {
            line: 1,
            probably: "UTF-16"
        }
    ));
}

/// The project ("-" for none), field and key a duplicate-key error names, and its English message.
fn duplicate(e: &Error) -> [String; 4] {
    match &e.kind {
        ErrorKind::DuplicateKey { key, .. } => [
            e.project.clone().unwrap_or("-".into()),
            e.field.clone().unwrap_or_default(),
            key.clone(),
            e.message(Lang::En),
        ],
        k => panic!("not a duplicate key: {k:?}"),
    }
}

#[test]
fn a_key_twice_at_file_level() {
    let e = load_err(
        br#"{"format": "jianpai/1",
"title": "a",
"title": "b", "projects": []}"#,
    );
    let [project, field, key, en] = duplicate(&e);
    assert_eq!([project, field, key], ["-", "title", "title"]);
    assert_eq!(
        e.kind,
        ErrorKind::DuplicateKey {
            key: "title".into(),
            line: 3
        }
    );
    assert!(
        en.contains("\"title\" appears twice") && en.contains("line 3"),
        "{en}"
    );
    let zh = e.message(Lang::Zh);
    assert!(
        zh.contains("字段 title") && zh.contains("“title” 在同一个对象中出现了两次"),
        "{zh}"
    );
}

#[test]
fn a_key_twice_in_a_measure_names_the_project_and_field() {
    // The id comes after the repeat, and the first project has the key only once.
    let text = r#"{"format": "jianpai/1", "projects": [
      {"id": "p1", "measure": {"type": "wastewater", "cod_before_mg_l": 250}},
      {"measure": {"type": "wastewater", "cod_before_mg_l": 250, "cod_before_mg_l": 25}, "id": "p2"}
    ]}"#;
    let e = load_err(text.as_bytes());
    let [project, field, key, en] = duplicate(&e);
    assert_eq!(
        [project, field, key],
        ["p2", "measure.cod_before_mg_l", "cod_before_mg_l"]
    );
    assert!(
        en.starts_with("project p2, field measure.cod_before_mg_l: "),
        "{en}"
    );
    assert!(e
        .message(Lang::Zh)
        .starts_with("项目 p2，字段 measure.cod_before_mg_l："));
}

#[test]
fn a_key_twice_in_nested_objects() {
    let saved = r#"{"format": "jianpai/1", "projects": [{"id": "e1",
      "measure": {"type": "energy_saving", "saved": {"coal_t": 1, "steam_t": 2, "coal_t": 3}}}]}"#;
    let d = duplicate(&load_err(saved.as_bytes()));
    assert_eq!(d[..3], ["e1", "measure.saved.coal_t", "coal_t"]);

    let targets = r#"{"format": "jianpai/1", "targets": {"cod_t": 1, "cod_t": 2}, "projects": []}"#;
    let d = duplicate(&load_err(targets.as_bytes()));
    assert_eq!(d[..2], ["-", "targets.cod_t"]);

    let overrides = r#"{"format": "jianpai/1", "projects": [{"id": "o1", "measure": {},
      "overrides": {"co2.per_tce": {"value": 2.4, "note": "a", "value": 2.5}}}]}"#;
    let d = duplicate(&load_err(overrides.as_bytes()));
    assert_eq!(d[..2], ["o1", "overrides.co2.per_tce.value"]);

    // No usable id: the project is named by its position.
    let no_id = r#"{"format": "jianpai/1", "projects": [{"id": "a", "measure": {}},
      {"id": " ", "measure": {"type": "x", "type": "y"}}]}"#;
    let d = duplicate(&load_err(no_id.as_bytes()));
    assert_eq!(d[..2], ["#2", "measure.type"]);

    // The id itself repeated: neither value names the project.
    let ids = r#"{"format": "jianpai/1", "projects": [{"id": "a", "id": "b", "measure": {}}]}"#;
    let d = duplicate(&load_err(ids.as_bytes()));
    assert_eq!(d[..2], ["#1", "id"]);

    // One project object on its own (the app's form, a shared link).
    let one = br#"{"id": "f1", "measure": {"type": "wastewater", "days": 1, "days": 2}}"#;
    let e = only(load_project_bytes(one).unwrap_err());
    let d = duplicate(&e);
    assert_eq!(d[..2], ["f1", "measure.days"]);
}

/// (line, column, problem, Chinese message, English message) of a refused text.
fn syntax(text: &str) -> (usize, usize, SyntaxProblem, String, String) {
    let e = load_err(text.as_bytes());
    match e.kind {
        ErrorKind::Syntax {
            line,
            column,
            problem,
        } => (
            line,
            column,
            problem,
            e.message(Lang::Zh),
            e.message(Lang::En),
        ),
        ref k => panic!("not a syntax error: {k:?}"),
    }
}

#[test]
fn syntax_errors_are_translated_with_line_and_column() {
    // Cut off inside the 4th line's object: the last character read is column 15.
    let (line, col, problem, zh, en) =
        syntax("{\n  \"format\": \"jianpai/1\",\n  \"projects\": [\n    {\"id\": \"p1\"");
    assert_eq!((line, col, problem), (4, 15, SyntaxProblem::EofInObject));
    assert_eq!(zh, "第 4 行第 15 列：文件在对象结束前中断（缺少 }）");
    assert_eq!(
        en,
        "line 4, column 15: the file ends inside an object (a } is missing)"
    );

    // A comma before the closing brace, which is column 1 of line 4.
    let (line, col, problem, zh, en) =
        syntax("{\n  \"format\": \"jianpai/1\",\n  \"title\": \"x\",\n}");
    assert_eq!((line, col, problem), (4, 1, SyntaxProblem::TrailingComma));
    assert_eq!(zh, "第 4 行第 1 列：最后一项后面多了一个逗号");
    assert_eq!(en, "line 4, column 1: there is a comma after the last item");

    // `"year": ,` — the comma is column 11.
    let (line, col, problem, zh, en) =
        syntax("{\n  \"format\": \"jianpai/1\",\n  \"year\": ,\n  \"projects\": []\n}");
    assert_eq!((line, col, problem), (3, 11, SyntaxProblem::ExpectedValue));
    assert!(zh.starts_with("第 3 行第 11 列：此处缺少值"), "{zh}");
    assert!(
        en.starts_with("line 3, column 11: a value is missing here"),
        "{en}"
    );
    assert!(
        !en.contains("expected value"),
        "serde_json's English is gone: {en}"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    // 示例县 is 3 characters (9 bytes); the second key's quote is the 17th character.
    let (line, col, problem, ..) = syntax(r#"{"title": "示例县" "format": 1}"#);
    assert_eq!(
        (line, col, problem),
        (1, 17, SyntaxProblem::ExpectedCommaOrBrace)
    );
}

#[test]
fn every_kind_of_syntax_error_has_its_own_words() {
    use SyntaxProblem::*;
    let deep = "[".repeat(200);
    let cases: Vec<(&str, SyntaxProblem)> = vec![
        ("", Empty),
        (" \n ", Empty),
        ("[1, 2", EofInList),
        (r#"{"a": "x"#, EofInString),
        (r#"{"a": "#, EofInValue),
        (r#"{"a" 1}"#, ExpectedColon),
        ("[1 2]", ExpectedCommaOrBracket),
        (r#"{"a": 1 "b": 2}"#, ExpectedCommaOrBrace),
        ("[tru]", ExpectedIdent),
        ("[,]", ExpectedValue),
        ("{a: 1}", KeyMustBeString),
        ("[1,]", TrailingComma),
        ("{} x", TrailingCharacters),
        ("[1.]", InvalidNumber),
        ("[1e999]", NumberOutOfRange),
        (r#"["C:\q"]"#, InvalidEscape),
        (r#"["\ud800x"]"#, InvalidUnicodeEscape),
        ("[\"a\tb\"]", ControlCharacter),
        (&deep, TooDeep),
        (r#"{"format"："jianpai/1"}"#, FullWidth { found: '：' }),
        (r#"{"a": 1，"b": 2}"#, FullWidth { found: '，' }),
        (r#"{“a”: 1}"#, FullWidth { found: '“' }),
    ];
    for (text, want) in cases {
        let got = match json::parse(text.as_bytes()) {
            Err(json::Error::Syntax { problem, .. }) => problem,
            other => panic!("{text:?}: {other:?}"),
        };
        assert_eq!(got, want, "{text:?}");
        let (zh, en) = (got.describe(Lang::Zh), got.describe(Lang::En));
        assert_ne!(
            zh,
            Other.describe(Lang::Zh),
            "{text:?} has its own zh words"
        );
        assert_ne!(
            en,
            Other.describe(Lang::En),
            "{text:?} has its own en words"
        );
        assert!(!zh.is_ascii(), "{text:?}: zh is Chinese: {zh}");
    }
}

#[test]
fn the_sample_parses_to_exactly_serde_jsons_value() {
    let ours = json::parse(SAMPLE_FILE.as_bytes()).unwrap();
    let theirs: Value = serde_json::from_str(SAMPLE_FILE).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(
        serde_json::to_string_pretty(&ours).unwrap(),
        serde_json::to_string_pretty(&theirs).unwrap()
    );
    // Numbers at the edges of u64, i64 and f64 come out the same, digit for digit.
    let numbers = "[0, -0, -0.0, 0.1, 1e-7, 2.5e+300, 18446744073709551615, 18446744073709551616,
        -9223372036854775808, -9223372036854775809, 1.7976931348623157e308, 5e-324, 4.9e-324,
        0.30000000000000004, 123456789012345678901234567890, 1e22, 9007199254740993]";
    let ours = json::parse(numbers.as_bytes()).unwrap();
    let theirs: Value = serde_json::from_str(numbers).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(ours.to_string(), theirs.to_string());
}

/// The `probably` of a refused file, with its message in both languages.
fn probably(bytes: &[u8]) -> (&'static str, usize, String, String) {
    let e = load_err(bytes);
    match e.kind {
        ErrorKind::NotUtf8 { line, probably } => {
            (probably, line, e.message(Lang::Zh), e.message(Lang::En))
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn utf16_a_file_that_is_not_text_and_a_cut_file_are_not_called_gbk() {
    // UTF-16LE without its mark, as the probe saved the sample: Chinese and ASCII.
    let utf16: Vec<u8> = SAMPLE_FILE
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let (p, _, zh, en) = probably(&utf16);
    assert_eq!(p, "UTF-16");
    assert!(zh.contains("UTF-16 编码") && zh.contains("另存为"), "{zh}");
    assert!(en.starts_with("the file is UTF-16 text"), "{en}");
    // Big-endian, ASCII only: valid UTF-8 byte by byte, still UTF-16.
    let ascii16: Vec<u8> = r#"{"format": "jianpai/1", "projects": []}"#
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(probably(&ascii16).0, "UTF-16");

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let (p, _, zh, en) = probably(png);
    assert_eq!(p, "PNG");
    assert_eq!(
        zh,
        "这不是文本文件（PNG：图片），请选择项目文件（.json）或 CSV 文件"
    );
    assert_eq!(
        en,
        "this is not a text file (PNG: an image); choose a project file (.json) or a CSV file"
    );

    // The sample cut after the first byte of "示" (E7 A4 BA) on line 3.
    let at = SAMPLE_FILE.find('示').unwrap() + 1;
    let (p, line, zh, en) = probably(&SAMPLE_FILE.as_bytes()[..at]);
    assert_eq!((p, line), ("cut", 3));
    assert!(zh.starts_with("文件在第 3 行的一个字符中间结束"), "{zh}");
    assert!(en.contains("cut off"), "{en}");

    // UTF-8 lines, then one in GBK ("示例县": CA BE C0 FD CF D8) on line 4.
    let mut mixed = b"{\n  \"format\": \"jianpai/1\",\n  \"title\": \"\xE7\xA4\xBA\",\n".to_vec();
    mixed
        .extend_from_slice(b"  \"region\": \"\xCA\xBE\xC0\xFD\xCF\xD8\",\n  \"projects\": []\n}\n");
    let (p, line, _, en) = probably(&mixed);
    assert_eq!((p, line), ("mixed", 4));
    assert!(
        en.starts_with("the file is UTF-8 up to line 4, then in another encoding"),
        "{en}"
    );
}

#[test]
fn a_nul_inside_a_text_is_not_called_a_line_break() {
    let e = load_err(b"{\"format\": \"jianpai/1\", \"title\": \"a\0b\", \"projects\": []}");
    assert!(matches!(e.kind, ErrorKind::Syntax { line: 1, .. }), "{e:?}");
    assert!(
        e.message(Lang::Zh)
            .contains("NUL 等其他控制字符多半说明文件已损坏"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(e
        .message(Lang::En)
        .contains("others, such as NUL, usually mean the file is damaged"));
}
