//! The short formal citation of every coefficient (`citation_zh`, `citation_en`): present for
//! every entry of every shipped library, written as a printed document cites (no research-note
//! vocabulary, no English words in the Chinese), closed by the mark of the entry's own status,
//! naming only documents its source note names; an older library's entry cites as the newest
//! entry of the same source. The marks are the ones docs/methodology.md, "How the printed
//! documents cite coefficients", lists.

use jianpai_core::factors::{Factor, FactorLibrary};
use jianpai_core::labels::Labelled;
use jianpai_core::{load, Lang, Status};

const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];
const STATUSES: [Status; 3] = [Status::Official, Status::Secondary, Status::Unverified];

/// The app's hand-made test library (`tests/data/library-0000.00-test.json`): compiled in with the
/// `test-libraries` feature, which `cargo test --workspace` turns on for every test (the app's
/// dev-dependency), but never shipped.
const FIXTURE: &str = "0000.00-test";

/// Every entry of every library this build ships, with its library's version.
fn shipped() -> impl Iterator<Item = (&'static str, &'static Factor)> {
    FactorLibrary::released()
        .iter()
        .filter(|lib| lib.version != FIXTURE)
        .flat_map(|lib| lib.factors.iter().map(move |f| (lib.version.as_str(), f)))
}

#[test]
fn every_shipped_coefficient_has_a_citation_in_both_languages() {
    let mut checked = 0;
    for (version, f) in shipped() {
        for lang in LANGS {
            let c = f.citation(lang);
            // The fallback is the source note; a citation is never the note.
            assert_ne!(c, f.source, "{version} {} ({lang:?}) has no citation", f.id);
            assert!(c.chars().count() >= 12, "{version} {}: {c:?}", f.id);
        }
        checked += 1;
    }
    // Three libraries of 79 (2026.12-1: 44 + 22 grid rows + the carbon-market factor + gas-field
    // gas, gas per TJ, coke + 8 VOCs capture efficiencies + rural water use per person), 44 and
    // 28 entries.
    assert_eq!(checked, 79 + 44 + 28);
}

#[test]
fn the_current_library_carries_its_citations_itself() {
    for f in &FactorLibrary::builtin().factors {
        assert!(f.citation_zh.is_some(), "{} lacks citation_zh", f.id);
        assert!(f.citation_en.is_some(), "{} lacks citation_en", f.id);
    }
}

#[test]
fn a_citation_ends_with_its_own_status_mark_and_no_other() {
    for (version, f) in shipped() {
        for lang in LANGS {
            let c = f.citation(lang);
            let own = f.status.citation_mark(lang);
            assert!(
                c.ends_with(own),
                "{version} {}: {c:?} should end with {own:?}",
                f.id
            );
            for other in STATUSES.iter().filter(|s| **s != f.status) {
                let mark = other.citation_mark(lang);
                assert!(
                    !c.contains(mark),
                    "{version} {}: {c:?} also says {mark:?}",
                    f.id
                );
            }
        }
    }
}

#[test]
fn the_status_mark_is_the_status_as_the_app_and_the_cli_name_it() {
    for status in STATUSES {
        assert_eq!(
            status.citation_mark(Lang::Zh),
            format!("（{}）", status.text(Lang::Zh))
        );
        let en = status.citation_mark(Lang::En);
        assert!(
            en.starts_with(&format!(" ({}", status.text(Lang::En))),
            "{en}"
        );
    }
}

#[test]
fn the_status_marks_are_distinct_words() {
    // Hand-written: the marks a reader sees, as methodology.md lists them.
    assert_eq!(Status::Secondary.citation_mark(Lang::Zh), "（二手来源）");
    assert_eq!(Status::Unverified.citation_mark(Lang::Zh), "（未核实）");
    assert_eq!(Status::Official.citation_mark(Lang::Zh), "（官方文本）");
    assert_eq!(
        Status::Secondary.citation_mark(Lang::En),
        " (secondary source)"
    );
    assert_eq!(Status::Unverified.citation_mark(Lang::En), " (unverified)");
    assert_eq!(Status::Official.citation_mark(Lang::En), " (official text)");
}

/// Words of the research notes that a formal citation never uses.
const NOTE_WORDS: &[&str] = &[
    "repost",
    "vendor",
    "fragment",
    "document-sharing",
    "q&a",
    "quoted",
    "read in",
    "program",
    "news",
    "attribut",
    "site",
    "page",
    "compilation",
    "literature",
    "not obtained",
];

#[test]
fn no_citation_uses_research_note_vocabulary() {
    for (version, f) in shipped() {
        for lang in LANGS {
            let c = f.citation(lang).to_lowercase();
            for w in NOTE_WORDS {
                assert!(
                    !c.contains(w),
                    "{version} {} ({lang:?}): {w:?} in {c:?}",
                    f.id
                );
            }
        }
    }
}

#[test]
fn the_chinese_citation_has_no_english_words() {
    // Runs of three or more Latin letters; standard prefixes (GB, GB/T) are two letters, and
    // the IPCC is named by its acronym in Chinese texts too.
    for (version, f) in shipped() {
        let c = f.citation(Lang::Zh);
        let mut run = String::new();
        for ch in c.chars().chain(std::iter::once(' ')) {
            if ch.is_ascii_alphabetic() {
                run.push(ch);
                continue;
            }
            assert!(
                run.len() < 3 || run == "IPCC",
                "{version} {}: English word {run:?} in {c:?}",
                f.id
            );
            run.clear();
        }
    }
}

/// The standard numbers (`GB 18596-2001`, `GB/T 2589-2008`, also without the year) and document
/// numbers (`〔2015〕164号`) a text names.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        for prefix in ["GB/T ", "GB "] {
            if let Some(tail) = rest.strip_prefix(prefix) {
                let n: String = tail
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .collect();
                out.push(format!("{prefix}{}", n.trim_end_matches('-')));
            }
        }
        if rest.starts_with('〔') {
            out.push(rest.chars().take_while(|c| *c != '号').collect());
        }
    }
    out
}

#[test]
fn the_number_finder_finds_numbers() {
    assert_eq!(
        numbers("《综合能耗计算通则》（GB/T 2589-2008）附录；GB 30251-2024 附录A"),
        ["GB/T 2589-2008", "GB 30251-2024"]
    );
    assert_eq!(
        numbers("GB/T 2589-2008 General principles, with the GB/T 2589 heating value"),
        ["GB/T 2589-2008", "GB/T 2589"]
    );
    assert_eq!(numbers("（环发〔2015〕164号）"), ["〔2015〕164"]);
}

#[test]
fn a_citation_names_only_standards_and_documents_its_source_note_names() {
    // Do not invent standard numbers: each number cited is in the entry's research note.
    for (version, f) in shipped() {
        for lang in LANGS {
            for n in numbers(f.citation(lang)) {
                assert!(
                    f.source.contains(&n),
                    "{version} {} cites {n:?}, which its source note does not name: {}",
                    f.id,
                    f.source
                );
            }
        }
    }
}

#[test]
fn where_no_official_text_was_found_the_citation_says_so() {
    // Entries whose note says the value was not read in any official text (hand-picked from the
    // notes: arithmetic, other programs' values, an unread notice, an assumption).
    let no_text = [
        "tce.natural_gas",
        "tce.electricity_equal_value",
        "tce.electricity_equal_value.2017",
        "co2.per_tce",
        "co2.coal_per_tce",
        "co2.natural_gas_kg_per_m3",
        "co2.crude_oil_t_per_t",
        "co2.grid_electricity",
        "livestock.pig.cod_kg",
        "livestock.pig.nh3n_kg",
    ];
    let lib = FactorLibrary::builtin();
    for id in no_text {
        let f = lib.get(id).unwrap();
        assert!(
            f.citation(Lang::Zh).contains("未见官方文本"),
            "{id}: {}",
            f.citation(Lang::Zh)
        );
        assert!(
            f.citation(Lang::En).contains("no official text found"),
            "{id}: {}",
            f.citation(Lang::En)
        );
    }
    // And every unverified entry says whose value it is, or that no official text was found.
    for f in lib
        .factors
        .iter()
        .filter(|f| f.status == Status::Unverified)
    {
        let zh = f.citation(Lang::Zh);
        assert!(
            zh.contains("本工具") || zh.contains("未见官方文本"),
            "{}: {zh}",
            f.id
        );
    }
}

#[test]
fn an_older_library_cites_as_the_newest_entry_of_the_same_source() {
    let old = FactorLibrary::version("2026.11-2").unwrap();
    let new = FactorLibrary::builtin();
    let raw = old.get("tce.raw_coal").unwrap();
    assert!(
        raw.citation_zh.is_none(),
        "a released library is never edited"
    );
    assert_eq!(
        raw.citation(Lang::Zh),
        "《综合能耗计算通则》（GB/T 2589-2008）附录“各种能源折标准煤参考系数”表，原煤（二手来源）"
    );
    assert_eq!(
        raw.citation(Lang::En),
        new.get("tce.raw_coal")
            .unwrap()
            .citation_en
            .as_deref()
            .unwrap()
    );
    // A changed source is not cited with another source's citation: the note itself is shown.
    let mut changed = raw.clone();
    changed.source = "a different note".into();
    assert_eq!(changed.citation(Lang::Zh), "a different note");
    // An entry with a citation of its own keeps it.
    let mut own = changed.clone();
    own.citation_zh = Some("《某标准》（试用）（未核实）".into());
    assert_eq!(own.citation(Lang::Zh), "《某标准》（试用）（未核实）");
    assert_eq!(own.citation(Lang::En), "a different note");
}

#[test]
fn a_report_trail_carries_the_citation_also_for_a_file_of_an_older_library() {
    for version in ["2026.11-2", "2026.11-3"] {
        let text = format!(
            r#"{{"format": "jianpai/1", "year": 2026, "factor_library": "{version}",
            "projects": [{{"id": "c1", "measure": {{"type": "energy_saving", "saved": {{"coal_t": 1000}}}}}}]}}"#
        );
        let report = jianpai_core::compute(&load(&text).unwrap()).unwrap();
        let json = serde_json::to_value(&report).unwrap();
        let factors: Vec<&serde_json::Value> = json["projects"][0]["trail"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["factors"].as_array().unwrap())
            .collect();
        let raw = factors
            .iter()
            .find(|f| f["id"] == "tce.raw_coal")
            .unwrap_or_else(|| panic!("{version}: no raw coal in the trail"));
        assert_eq!(
            raw["citation_zh"],
            "《综合能耗计算通则》（GB/T 2589-2008）附录“各种能源折标准煤参考系数”表，原煤（二手来源）",
            "{version}"
        );
        assert!(raw["citation_en"]
            .as_str()
            .unwrap()
            .starts_with("GB/T 2589-2008 General principles"));
    }
}
