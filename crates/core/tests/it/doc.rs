//! The document model and its HTML (crates/core/src/doc): hostile text stays text everywhere
//! (names, townships, enterprises, notes, title, in tables and in SVG titles); the register
//! prints the start month as written (7, or blank for the whole year), not the months credited;
//! a pollutant with a target and no reduction is a row of every totals table; the sign-off block
//! and the unverified banner. Expected values are the file's own words and numbers, written here.

use jianpai_core::doc::{self, html, Options};
use jianpai_core::register::Register;
use jianpai_core::Lang;
use serde_json::json;

fn register(file: serde_json::Value) -> Register {
    match Register::from_bytes(file.to_string().as_bytes()) {
        Ok(r) => r,
        Err(e) => panic!("the test file reads: {e:?}"),
    }
}

fn county_html(reg: &Register, lang: Lang) -> String {
    let rr = reg.compute();
    let o = Options {
        lang,
        date: "2026-12-01".into(),
        checklist: true,
    };
    html::standalone(&doc::county(reg, &rr, &o))
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const SVG: &str = "</svg><script>alert(2)</script>";

/// A file whose every free text is hostile: title, region, names, enterprises, townships and an
/// override's justification.
fn hostile() -> Register {
    register(json!({
        "format": "jianpai/1", "title": SCRIPT, "region": IMG, "year": 2026,
        "targets": { "cod_t": 100 },
        "overrides": { "co2.per_tce": { "value": 2.5, "note": SVG } },
        "projects": [
            { "id": "p1", "name": SCRIPT, "enterprise": IMG, "township": SVG,
              "measure": { "type": "wastewater", "source": "industrial", "flow_m3_per_day": 500,
                           "cod_before_mg_l": 200, "cod_after_mg_l": 80 } },
            { "id": "p2", "name": IMG, "enterprise": SVG, "township": SCRIPT,
              "measure": { "type": "energy_saving", "saved": { "coal_t": 100 } } },
            { "id": "p3", "name": SVG, "township": IMG,
              "measure": { "type": "wastewater", "source": "industrial", "flow_m3_per_day": "x" } }
        ]
    }))
}

/// The attribute names of every tag of `html` (a `<` in text is escaped, so each `<` opens a tag).
fn attribute_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in html.split('<').skip(1) {
        let mut rest =
            tag.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '/' || c == '!');
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .unwrap_or(rest.len());
            names.push(rest[..end].to_ascii_lowercase());
            rest = &rest[end..];
            if let Some(value) = rest.strip_prefix("=\"") {
                rest = value.find('"').map_or("", |e| &value[e + 1..]);
            }
        }
    }
    names
}

fn assert_inert(html: &str) {
    let body = &html[html.find("</style>").unwrap_or(0)..];
    assert!(!body.contains("<script"), "a script element:\n{html}");
    assert!(!body.contains("<img"), "an img element:\n{html}");
    let names = attribute_names(body);
    assert!(
        names.iter().any(|n| n == "class"),
        "the parser found no attribute"
    );
    for n in &names {
        assert!(n != "style" && !n.starts_with("on"), "an attribute {n}");
    }
    assert_eq!(
        html.matches("<svg").count(),
        html.matches("</svg>").count(),
        "an SVG closed early"
    );
    // Each hostile text is there, as text.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
}

#[test]
fn hostile_text_in_every_field_is_rendered_as_text_in_both_languages() {
    let reg = hostile();
    for lang in [Lang::Zh, Lang::En] {
        let out = county_html(&reg, lang);
        assert_inert(&out);
        // Only the document's own style element, in the head.
        assert_eq!(out.matches("<style>").count(), 1);
    }
}

#[test]
fn hostile_text_in_an_svg_title_is_escaped() {
    let reg = hostile();
    let out = county_html(&reg, Lang::En);
    // The township chart of COD names the hostile township inside the SVG, as text.
    let svg_start = out
        .find("id=\"print-chart-by-township-cod_t\"")
        .expect("a township chart");
    let svg = &out[svg_start
        ..out[svg_start..]
            .find("</svg>")
            .map(|e| svg_start + e)
            .unwrap_or(out.len())];
    assert!(
        svg.contains("&lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{svg}"
    );
    // And the summary's blocks (the screen) are as inert.
    let rr = reg.compute();
    let r = rr.report.as_ref().expect("the file's own fields read");
    let (head, tail) = doc::summary(r, Lang::Zh);
    let screen = html::blocks(&head, Lang::Zh) + &html::blocks(&tail, Lang::Zh);
    assert!(
        !screen.contains("<script") && !screen.contains("<img"),
        "{screen}"
    );
}

/// The cells of the register row of project `id` (its `<td>` texts, in column order).
fn register_cells(html: &str, id: &str) -> Vec<String> {
    let table = &html[html
        .find("<table class=\"print-doc__register\"")
        .expect("a register")..];
    let table = &table[..table.find("</table>").unwrap_or(table.len())];
    // The id cell (its column's name follows in `data-label`, for the phone's cards).
    let start = table
        .match_indices("<td class=\"print-doc__id\"")
        .map(|(i, _)| i)
        .find(|&i| {
            table[i..]
                .split_once('>')
                .is_some_and(|(_, rest)| rest.starts_with(&format!("{id}</td>")))
        })
        .expect("the project's row");
    let row = &table[start..start + table[start..].find("</tr>").unwrap_or(0)];
    row.split("<td")
        .skip(1)
        .map(|c| {
            let c = &c[c.find('>').map_or(0, |i| i + 1)..];
            c[..c.find("</td>").unwrap_or(c.len())].to_owned()
        })
        .collect()
}

#[test]
fn the_register_prints_the_start_month_not_the_months_credited() {
    // Credited from July: 6 months credited (methodology §2), start month 7.
    let reg = register(json!({
        "format": "jianpai/1", "year": 2026,
        "projects": [
            { "id": "p1", "name": "A", "township": "T", "start_month": 7,
              "measure": { "type": "wastewater", "source": "industrial", "flow_m3_per_day": 500,
                           "cod_before_mg_l": 200, "cod_after_mg_l": 80 } },
            { "id": "p2", "name": "B", "township": "T",
              "measure": { "type": "wastewater", "source": "industrial", "flow_m3_per_day": 500,
                           "cod_before_mg_l": 200, "cod_after_mg_l": 80 } }
        ]
    }));
    for lang in [Lang::Zh, Lang::En] {
        let out = county_html(&reg, lang);
        // id, name, township, type, category, start month, then the amounts.
        assert_eq!(register_cells(&out, "p1")[5], "7", "{lang:?}");
        assert_eq!(
            register_cells(&out, "p2")[5],
            "",
            "{lang:?}: the whole year is blank"
        );
        // COD: 500 m³/d × 365 d × (200 − 80) mg/L × 1e-6 = 21.9 t a year, half of it from July
        // (two decimals, as every report rounds).
        assert_eq!(register_cells(&out, "p1")[6], "10.95");
        assert_eq!(register_cells(&out, "p2")[6], "21.90");
    }
}

#[test]
fn a_pollutant_with_a_target_and_no_reduction_is_a_row_of_every_totals_table() {
    let reg = register(json!({
        "format": "jianpai/1", "year": 2026, "targets": { "cod_t": 100, "so2_t": 50 },
        "projects": [{ "id": "p1", "measure": { "type": "capacity_phaseout", "enterprises": 1,
            "last_year": { "cod_t": 10 } } }]
    }));
    let rr = reg.compute();
    let r = rr.report.as_ref().expect("computes");
    let keys: Vec<_> = doc::totals_keys(r).map(|k| k.code()).collect();
    assert_eq!(keys, ["cod_t", "so2_t", "enterprises"]);
    let printed = county_html(&reg, Lang::Zh);
    let (head, _) = doc::summary(r, Lang::Zh);
    let screen = html::blocks(&head, Lang::Zh);
    for out in [&printed, &screen] {
        assert!(
            out.contains("<tr data-key=\"so2_t\"><th scope=\"row\">SO₂</th>"),
            "{out}"
        );
    }
}

#[test]
fn the_county_report_has_its_sign_off_block_and_the_estimate_the_applicants() {
    let reg = hostile();
    let zh = county_html(&reg, Lang::Zh);
    for line in ["编制单位", "编制人", "审核人", "日期", "盖章"] {
        assert!(
            zh.contains(&format!("<th scope=\"row\">{line}</th><td></td>")),
            "{line}"
        );
    }
    let one = reg
        .project_alone(reg.projects[0].key())
        .expect("the first project");
    let rr = one.compute();
    let o = Options {
        lang: Lang::Zh,
        date: "2026-12-01".into(),
        checklist: false,
    };
    let est = html::document(&doc::estimate(&one, &rr, &o));
    for line in ["申报单位（盖章）", "联系人", "电话"] {
        assert!(
            est.contains(&format!("<th scope=\"row\">{line}</th><td></td>")),
            "{line}"
        );
    }
    assert!(est.contains("减排量测算表") && est.contains("打印日期：2026-12-01"));
    assert_inert(&(est + "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
}

#[test]
fn a_document_on_an_unverified_coefficient_says_so_and_one_without_does_not() {
    // Wastewater uses no coefficient; energy saving converts coal by a library coefficient,
    // and its CO₂ by `co2.per_tce` (unverified in the library).
    let reg = hostile();
    let en = county_html(&reg, Lang::En);
    assert!(en.contains("jp-doc--unverified"));
    assert!(en.contains("Contains unverified coefficients — for estimation only"));
    let one = reg.project_alone(reg.projects[0].key()).expect("p1");
    let rr = one.compute();
    let o = Options {
        lang: Lang::Zh,
        ..Options::default()
    };
    let est = html::document(&doc::estimate(&one, &rr, &o));
    assert!(!est.contains("jp-doc--unverified") && !est.contains("含未核实系数"));
}

#[test]
fn the_overrides_in_force_are_listed_with_their_justification_as_text() {
    let reg = hostile();
    let rr = reg.compute();
    let out = html::blocks(&[doc::county::overrides_in_force(&rr, Lang::Zh)], Lang::Zh);
    assert!(
        out.starts_with("<section id=\"coefficients-in-force\">"),
        "{out}"
    );
    assert!(
        out.contains("<li data-factor=\"co2.per_tce\" data-scope=\"\">"),
        "{out}"
    );
    // The value in force, the library's default, the note, where it applies.
    assert!(out.contains(" = 2.5 tCO₂/tce (默认值 "), "{out}");
    assert!(
        out.contains("— &lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{out}"
    );
    assert!(out.contains("适用范围：全文件；影响的项目："), "{out}");
    assert!(!out.contains("<script"));
    // A file without overrides says so.
    let none = register(json!({ "format": "jianpai/1", "projects": [] }));
    let out = html::blocks(
        &[doc::county::overrides_in_force(&none.compute(), Lang::En)],
        Lang::En,
    );
    assert!(out.contains("This file overrides no coefficient"), "{out}");
}

#[test]
fn the_printed_bulletin_says_what_its_count_counts_and_cites_coefficients_formally() {
    // Two counted engineering projects and a coal-to-gas switch that cites tce.raw_coal.
    let mut file = json!({
        "format": "jianpai/1", "year": 2026, "settings": { "method": "2011" },
        "projects": [
            { "id": "a", "name": "甲", "measure": { "type": "wastewater", "source": "industrial",
              "flow_m3_per_day": 500, "cod_before_mg_l": 300, "cod_after_mg_l": 50 } },
            { "id": "b", "name": "乙", "measure": { "type": "livestock", "action": "closure", "pigs": 1000 } }
        ]
    });
    let reg = register(file.clone());
    let zh = county_html(&reg, Lang::Zh);
    // The note under the paragraph (bulletin::NOTE), in the document's language.
    assert!(zh.contains("为计入合计的工程减排和管理减排项目数"), "{zh}");
    assert!(
        zh.contains("核算方法：十二五/十三五 总量减排核算（2011）"),
        "{zh}"
    );
    // The 2021 method's note (bulletin::NOTE_2021) and its name, by the year's default.
    file["settings"] = json!({});
    let zh21 = county_html(&register(file), Lang::Zh);
    assert!(
        zh21.contains("为计入合计的全部项目数（含产业结构升级"),
        "{zh21}"
    );
    assert!(
        zh21.contains("核算方法：十四五 重点工程减排量（2021）（按年度默认）"),
        "{zh21}"
    );
    let en = county_html(&reg, Lang::En);
    assert!(
        en.contains("rounding") || en.contains("Rounding") || en.contains("rounded"),
        "{en}"
    );
    // The appendix cites, it does not narrate: no research-note vocabulary on paper.
    for word in ["repost", "vendor page", "fragment"] {
        assert!(!zh.contains(word) && !en.contains(word), "{word} printed");
    }
}

#[test]
fn a_long_township_is_cut_in_the_chart_label_and_whole_in_its_title() {
    let long = "长".repeat(10_000);
    let reg = register(json!({
        "format": "jianpai/1", "year": 2026,
        "projects": [
            { "id": "a", "name": "甲", "township": long,
              "measure": { "type": "wastewater", "source": "industrial", "flow_m3_per_day": 500,
                           "cod_before_mg_l": 300, "cod_after_mg_l": 50 } }
        ]
    }));
    let out = county_html(&reg, Lang::Zh);
    let at = out
        .find("id=\"print-chart-by-township-cod_t\"")
        .expect("a township chart");
    let svg = &out[at..at + out[at..].find("</svg>").expect("the chart ends")];
    // 39 characters then an ellipsis as the label, the whole name as its title.
    let label = format!("</title>{}…</text>", "长".repeat(39));
    assert!(svg.contains(&label), "no cut label");
    assert!(
        svg.contains(&format!("<title>{long}</title>")),
        "no whole name"
    );
}

#[test]
fn an_implausibly_large_result_is_said_in_the_register_row() {
    // 30,000,000 t of raw coal saved is 30,000,000 × 0.7143 = 21,429,000 tce, above the usual
    // 20,000,000 tce of report::RESULT_USUAL; the small project beside it is plainly OK.
    let reg = register(json!({
        "format": "jianpai/1", "year": 2026,
        "projects": [
            { "id": "big", "name": "甲", "measure": { "type": "energy_saving", "saved": { "coal_t": 30000000 } } },
            { "id": "small", "name": "乙", "measure": { "type": "energy_saving", "saved": { "coal_t": 100 } } }
        ]
    }));
    let out = county_html(&reg, Lang::Zh);
    let big = register_cells(&out, "big").join("|");
    assert!(big.contains("⚠") && big.contains("21429000"), "{big}");
    let small = register_cells(&out, "small").join("|");
    assert!(small.contains("正常") && !small.contains("⚠"), "{small}");
}

#[test]
fn an_abuse_length_word_may_break_and_a_real_word_may_not() {
    // 16 letters is the longest run written whole (doc::LONGEST_UNBROKEN); "Desulfurisation"
    // (15) stays one word, a 3,000-letter township gets a break opportunity every 16 letters.
    let long = "X".repeat(3000);
    let reg = register(json!({
        "format": "jianpai/1", "year": 2026,
        "projects": [
            { "id": "a", "name": "Desulfurisation works", "township": long,
              "measure": { "type": "wastewater", "source": "industrial", "flow_m3_per_day": 500,
                           "cod_before_mg_l": 300, "cod_after_mg_l": 50 } },
            { "id": "b", "name": "B", "township": "East",
              "measure": { "type": "wastewater", "source": "industrial", "flow_m3_per_day": 500,
                           "cod_before_mg_l": 300, "cod_after_mg_l": 50 } }
        ]
    }));
    let out = county_html(&reg, Lang::En);
    let cells = register_cells(&out, "a");
    let township = &cells[2];
    // 3,000 / 16 = 187.5: 188 pieces, 187 breaks between them.
    assert_eq!(township.matches("<wbr>").count(), 187);
    assert_eq!(township.replace("<wbr>", ""), long);
    assert!(!cells[1].contains("<wbr>"), "{}", cells[1]);
    // The long cell may wrap in a column that keeps short texts on one line.
    assert!(out.contains("doc-long"), "no wrapping class");
}

/// The plain-text renderer's rules (doc/text.rs), each written out here: a level-1 heading is a
/// line, a lower one `== … ==` (no space after a full-width bracket), sections apart by one
/// empty line, an item's further lines indented by two spaces, a table tab-separated at its
/// column's decimals (1234.567 at two decimals is "1,234.57"; a zero left blank where asked).
#[test]
fn the_text_renderer_draws_any_document_by_its_rules() {
    use doc::{Block, Cell, Column, Document, Item, Kind, Row, Table};
    let section = |blocks| Block::Section {
        id: None,
        class: "",
        blocks,
    };
    let h = |level, text: &str| Block::Heading {
        level,
        text: text.into(),
        class: "",
    };
    let d = Document {
        kind: Kind::Report,
        lang: Lang::Zh,
        running_title: "不打印".into(),
        unverified: true,
        blocks: vec![
            section(vec![h(1, "标题")]),
            section(vec![
                h(2, "合计（计入当年）"),
                Block::List {
                    ordered: false,
                    class: "",
                    items: vec![Item {
                        text: "p1 ".into(),
                        code: Some("x.y".into()),
                        after: " 完".into(),
                        lines: vec!["一".into(), "二".into()],
                        ..Item::default()
                    }],
                },
            ]),
            section(vec![
                h(3, "表"),
                Block::Table(Table {
                    caption: Some("说明".into()),
                    columns: vec![
                        Column::head("名"),
                        Column::amount("COD").unit("t"),
                        Column::amount("SO₂").zero_blank(),
                    ],
                    rows: vec![Row::new(vec![
                        Cell::text("甲"),
                        Cell::Num(1234.567),
                        Cell::Num(0.0),
                    ])],
                    ..Table::default()
                }),
            ]),
        ],
    };
    assert_eq!(
        doc::text::document(&d),
        "⚠ 含未核实系数，仅供测算\n\n标题\n\n== 合计（计入当年）==\np1 x.y 完\n  一\n  二\n\n== 表 ==\n说明\n名\tCOD (t)\tSO₂\n甲\t1,234.57\t\n"
    );
}

/// The CSV renderer (doc/csv.rs): headers and texts quoted where they must be and defused
/// (`=…` gets an apostrophe), numbers in full (not at the column's two decimals), counts as
/// they are, blanks empty, CR LF after every record.
#[test]
fn the_csv_renderer_writes_any_table_in_full() {
    use doc::{Cell, Column, Row, Table};
    let t = Table {
        columns: vec![
            Column::text("a,b"),
            Column::amount("n"),
            Column::text("c"),
            Column::text("d"),
        ],
        rows: vec![Row::new(vec![
            Cell::text("=1+1"),
            Cell::Num(1234.5678),
            Cell::Count(7),
            Cell::Blank,
        ])],
        ..Table::default()
    };
    assert_eq!(
        doc::csv::table(&t),
        "\"a,b\",n,c,d\r\n'=1+1,1234.5678,7,\r\n"
    );
}

/// The report CSV's table (doc/results.rs) is the one `export::csv` writes: the same table
/// rendered whole gives the same text after the BOM.
#[test]
fn the_report_csv_is_its_table_rendered() {
    let r = crate::common::report(jianpai_core::SAMPLE_FILE);
    for l in [Lang::Zh, Lang::En] {
        let t = doc::results::table(&r, l);
        // 23 projects and the totals row; 6 columns of text and 2 × 11 keys (no offsets), and
        // the 2021 method's `key_category` last (the sample's year 2026).
        assert_eq!(t.rows.len(), 24);
        assert_eq!(t.columns.len(), 29);
        let csv = jianpai_core::export::csv(&r, l);
        assert_eq!(
            csv.strip_prefix('\u{feff}'),
            Some(doc::csv::table(&t).as_str())
        );
    }
}
