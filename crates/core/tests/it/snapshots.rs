//! The bulletin paragraph against a published bulletin's own sentence, and snapshots of the text,
//! CSV and bulletin output of the sample portfolio (reviewed by hand; see the .snap files).

use crate::common;
use jianpai_core::{export, Lang, SAMPLE_FILE};

/// 美丽浙江建设工作简报 2018年第5期 (省委省政府美丽浙江建设领导小组办公室, May 2018), item on 嘉善县: the
/// sentence the bulletin writer must reproduce from a file with the same totals, in its own
/// rounding rule (bulletin.rs, docs/methodology.md "The bulletin paragraph"): the published
/// "节约标煤2.6万吨，节水23万吨" is written 2.60万吨 and 23.00万吨 (0.01万吨 from 10,000 t). The
/// bulletin writes NO_x; we write NOₓ. The English is written by hand from the same totals: 248
/// enterprises, 3,720 items of equipment, 26,000 tce and 230,000 t of water saved, 16 projects,
/// COD 500 + 302.3, NH₃-N 100 + 112.6, SO₂ 200 + 152.3, NOₓ 100 + 83.6.
#[test]
fn bulletin_reproduces_the_seed_sentence() {
    let r = common::report(include_str!("../data/bulletin_2017.json"));
    assert_eq!(
        r.bulletin.zh,
        "2017年全县淘汰落后产能企业248家、落后设备3720台，节约标煤2.60万吨，节水23.00万吨；实施减排项目16个，削减COD 802.3吨、NH₃-N 212.6吨、SO₂ 352.3吨、NOₓ 183.6吨。"
    );
    assert_eq!(
        r.bulletin.en,
        "In 2017 the county closed 248 enterprises with outdated production capacity and scrapped 3,720 items of outdated equipment. \
         It saved 26,000 t of standard coal equivalent and 230,000 t of water, and implemented 16 emission-reduction projects. \
         Reductions totalled 802.3 t of COD, 212.6 t of NH₃-N, 352.3 t of SO₂ and 183.6 t of NOₓ."
    );
    assert!(r.bulletin.note.zh.contains("四舍五入"));
}

#[test]
fn sample_text_report_zh() {
    insta::assert_snapshot!(export::text(&common::report(SAMPLE_FILE), Lang::Zh));
}

#[test]
fn sample_text_report_en() {
    insta::assert_snapshot!(export::text(&common::report(SAMPLE_FILE), Lang::En));
}

#[test]
fn sample_csv() {
    let csv = export::csv(&common::report(SAMPLE_FILE), Lang::Zh);
    assert!(csv.starts_with('\u{feff}'), "UTF-8 BOM for Excel");
    assert_eq!(
        csv.lines().count(),
        1 + 22 + 1,
        "header, 22 projects, totals"
    );
    insta::assert_snapshot!(csv);
}

#[test]
fn sample_bulletin() {
    let r = common::report(SAMPLE_FILE);
    insta::assert_snapshot!(format!("{}\n{}", r.bulletin.zh, r.bulletin.en));
}

#[test]
fn csv_cells_are_quoted_and_defused() {
    let text = common::file(
        serde_json::json!({}),
        serde_json::json!({}),
        vec![
            serde_json::json!({ "id": "a,b", "name": "=HYPERLINK(\"x\")", "township": "line\nbreak",
            "measure": { "type": "measured", "before": { "cod_t": 2 }, "after": { "cod_t": 1 } } }),
        ],
    );
    let csv = export::csv(&common::report(&text), Lang::En);
    assert!(
        csv.contains("\"a,b\",\"'=HYPERLINK(\"\"x\"\")\",measured"),
        "{csv}"
    );
    assert!(csv.contains("\"line\nbreak\""));
}
