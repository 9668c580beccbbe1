//! The county report as a listing, the document `jianpai report --format text` prints
//! ([`super::text`] renders it): the title, the settings, the credited and full-year total of
//! every report key (zeros included), the progress against each target, the credited amounts by
//! category, type and township, each project with its credited and full-year amounts and its
//! warnings, possible double counting, the overrides in force and the bulletin paragraph.
//!
//! It is not the printed county report ([`super::county`]) with parts left out: it is what the
//! numbers alone give (`report::compute_numbers`, no trail, so no coefficient appendix and no
//! coefficient statuses), listed for reading in a terminal or a mail — every key rather than the
//! keys [`super::totals_keys`] lists, one decimal, and each project's full year. Its own texts
//! are fixed by the text report's contract (`tests/it/snapshots/`); the names of groups are every
//! document's ([`super::county`]'s `category_name`, `type_name`, `township_name`).

use super::county::{category_name, key_category_name, township_name, type_name};
use super::{Block, Document, Item, Kind};
use crate::bulletin::grouped;
use crate::key::{Amounts, Key};
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::report::{Group, Report};
use crate::settings::Method;
use crate::trail::num;

/// The name and the unit of a report key, as people read them.
pub fn key_label(key: Key, lang: Lang) -> (&'static str, &'static str) {
    (key.text(lang), key.unit().get(lang))
}

/// A value for people: one decimal for quantities (grouped in English), whole counts.
fn show(key: Key, v: f64, lang: Lang) -> String {
    let decimals = if key.is_count() { 0 } else { 1 };
    match lang {
        Lang::En => grouped(v, decimals),
        Lang::Zh => {
            let s = format!("{v:.decimals$}");
            if s == "-0.0" {
                "0.0".into()
            } else {
                s
            }
        }
    }
}

/// The amounts of at least 0.05 with their names and units, or "—".
fn amounts_line(a: &Amounts, lang: Lang) -> String {
    let parts: Vec<String> = a
        .nonzero(0.05)
        .map(|k| {
            let (name, unit) = key_label(k, lang);
            match lang {
                Lang::Zh => format!("{name} {}{unit}", show(k, a[k], lang)),
                Lang::En => format!("{name} {} {unit}", show(k, a[k], lang))
                    .trim_end()
                    .to_owned(),
            }
        })
        .collect();
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(lang.pick("，", ", "))
    }
}

/// A titled part: its heading, then a list of lines.
fn section(heading: &str, items: Vec<Item>) -> Block {
    Block::Section {
        id: None,
        class: "",
        blocks: vec![
            Block::Heading {
                level: 2,
                text: heading.to_owned(),
                class: "",
            },
            Block::List {
                ordered: false,
                class: "",
                items,
            },
        ],
    }
}

fn paragraph(text: String) -> Block {
    Block::Paragraph {
        text,
        id: None,
        class: "",
    }
}

/// The title and the settings.
fn head(report: &Report, l: Lang) -> Block {
    let p = |zh: &'static str, en: &'static str| l.pick(zh, en);
    let title = if report.title.is_empty() {
        p("减排核算报告", "Reduction report")
    } else {
        &report.title
    };
    let mut meta = Vec::new();
    if !report.region.is_empty() {
        meta.push(format!("{}{}", p("地区：", "Region: "), report.region));
    }
    if let Some(y) = report.year {
        meta.push(format!("{}{y}", p("年度：", "Year: ")));
    }
    meta.push(format!(
        "{}{}",
        p("计入规则：", "Crediting: "),
        report.crediting.text(l)
    ));
    meta.push(format!(
        "{}{}",
        p("电力折标：", "Electricity basis: "),
        report.electricity_basis.text(l)
    ));
    meta.push(format!(
        "{}{}",
        p("系数库：", "Factor library: "),
        report.factor_library
    ));
    meta.push(format!(
        "{}{}{}",
        p("核算方法：", "Accounting method: "),
        report.method.id.text(l),
        if report.method.given {
            ""
        } else {
            p("（按年度默认）", " (default for the year)")
        }
    ));
    Block::Section {
        id: None,
        class: "",
        blocks: vec![
            Block::Heading {
                level: 1,
                text: title.to_owned(),
                class: "",
            },
            paragraph(meta.join(p("；", "; "))),
        ],
    }
}

/// Whether the listing shows `key` in its totals: every key its method lists, and any other (VOCs
/// under the 2011 method) once it is reduced or targeted.
fn shown(report: &Report, key: Key) -> bool {
    report.method.id.lists(key)
        || report.full_year_totals[key] != 0.0
        || report.progress.iter().any(|p| p.key == key)
}

/// Every shown key's credited and full-year total, then the CO₂ headline and the offsets deducted.
fn totals(report: &Report, l: Lang) -> Block {
    let mut items: Vec<Item> = Key::ALL
        .into_iter()
        .filter(|k| shown(report, *k))
        .map(|k| {
            let (name, unit) = key_label(k, l);
            let (c, f) = (
                show(k, report.totals[k], l),
                show(k, report.full_year_totals[k], l),
            );
            Item::text(match l {
                Lang::Zh => format!("{name}：{c}{unit}（全年 {f}{unit}）"),
                Lang::En => format!("{name}: {c} {unit} (full year {f} {unit})")
                    .replace("  ", " ")
                    .replace(" )", ")"),
            })
        })
        .collect();
    items.extend(super::county::co2_headline(report, l).map(Item::text));
    items.extend(super::county::offsets_sentence(report, l).map(Item::text));
    items.extend(super::county::review_sentence(report, l).map(Item::text));
    let heading = match report.method.id {
        Method::Total2011 => l.pick("合计（计入当年）", "Totals (credited)"),
        Method::KeyProjects2021 => l.pick(
            "重点工程减排量合计（计入当年）",
            "Key-project reductions (credited)",
        ),
    };
    section(heading, items)
}

fn progress(report: &Report, l: Lang) -> Option<Block> {
    if report.progress.is_empty() {
        return None;
    }
    let items = report
        .progress
        .iter()
        .map(|p| {
            let (name, unit) = key_label(p.key, l);
            let pct = p.percent.map_or("—".to_owned(), |x| format!("{x:.1}%"));
            Item::text(format!(
                "{name}: {} / {} {unit} ({pct})",
                show(p.key, p.achieved, l),
                show(p.key, p.target, l)
            ))
        })
        .collect();
    Some(section(
        l.pick("目标完成情况", "Progress against targets"),
        items,
    ))
}

fn groups(heading: &str, groups: &[Group], name: fn(&str, Lang) -> String, l: Lang) -> Block {
    let items = groups
        .iter()
        .map(|g| {
            Item::text(format!(
                "{} [{}{}]: {}",
                name(&g.key, l),
                g.projects,
                match (l, g.projects) {
                    (Lang::Zh, _) => "个项目",
                    (Lang::En, 1) => " project",
                    (Lang::En, _) => " projects",
                },
                amounts_line(&g.credited, l)
            ))
        })
        .collect();
    section(heading, items)
}

fn projects(report: &Report, l: Lang) -> Block {
    let p = |zh: &'static str, en: &'static str| l.pick(zh, en);
    let items = report
        .projects
        .iter()
        .map(|r| {
            let mut where_ = vec![
                r.type_name.text(l).to_owned(),
                r.category.text(l).to_owned(),
            ];
            if let Some(t) = &r.township {
                where_.push(t.to_string());
            }
            let mut lines = vec![
                format!(
                    "{}{}",
                    p("计入：", "credited: "),
                    amounts_line(&r.credited, l)
                ),
                format!(
                    "{}{}",
                    p("全年：", "full year: "),
                    amounts_line(&r.full_year, l)
                ),
            ];
            if let (Some(o), Some(n)) = (&r.offset, &r.net) {
                lines.push(format!(
                    "{}{}",
                    p("扣减（区域削减）：", "offset: "),
                    amounts_line(o, l)
                ));
                lines.push(format!("{}{}", p("净：", "net: "), amounts_line(n, l)));
            }
            if let Some(s) = r.review_status {
                let out = if r.counted {
                    ""
                } else {
                    p("（未计入汇总）", " (not counted in the totals)")
                };
                lines.push(format!(
                    "{}{}{out}",
                    p("审核状态：", "review status: "),
                    s.text(l)
                ));
            }
            lines.extend(
                r.warnings
                    .iter()
                    .map(|w| format!("{}{}", p("⚠ ", "! "), w.message(l))),
            );
            Item {
                text: format!(
                    "{} {} [{}] {}{}",
                    r.id,
                    r.name,
                    where_.join(" · "),
                    r.months,
                    p("个月", " months")
                ),
                lines,
                ..Item::default()
            }
        })
        .collect();
    section(p("项目", "Projects"), items)
}

fn overlaps(report: &Report, l: Lang) -> Option<Block> {
    if report.overlaps.is_empty() {
        return None;
    }
    let items = report
        .overlaps
        .iter()
        .map(|ov| {
            Item::text(format!(
                "{}{}",
                l.pick("⚠ ", "! "),
                l.pick(&ov.message_zh, &ov.message_en)
            ))
        })
        .collect();
    Some(section(
        l.pick("可能重复计算", "Possible double counting"),
        items,
    ))
}

fn overrides(report: &Report, l: Lang) -> Option<Block> {
    if report.overrides.is_empty() {
        return None;
    }
    let p = |zh: &'static str, en: &'static str| l.pick(zh, en);
    let items = report
        .overrides
        .iter()
        .map(|ov| {
            let f = &ov.factor;
            let scope = match &ov.project {
                Some(id) => format!("{}{id}", p("项目 ", "project ")),
                None => p("全文件", "whole file").to_owned(),
            };
            let default = f.default_value.map_or(String::new(), |d| {
                format!(" ({}{})", p("默认 ", "default "), num(d))
            });
            Item::text(format!(
                "{} = {} {}{default} [{scope}]: {}",
                f.id,
                num(f.value),
                f.unit,
                f.override_note.as_deref().unwrap_or("")
            ))
        })
        .collect();
    Some(section(p("覆盖的系数", "Overridden factors"), items))
}

/// The text report of a computed report (the numbers alone suffice).
pub fn document(report: &Report, l: Lang) -> Document {
    let mut blocks = vec![head(report, l), totals(report, l)];
    blocks.extend(progress(report, l));
    blocks.push(groups(
        l.pick("按类别（计入当年）", "By category (credited)"),
        &report.by_category,
        category_name,
        l,
    ));
    blocks.push(groups(
        l.pick("按类型（计入当年）", "By type (credited)"),
        &report.by_type,
        type_name,
        l,
    ));
    blocks.push(groups(
        l.pick("按乡镇（计入当年）", "By township (credited)"),
        &report.by_township,
        township_name,
        l,
    ));
    if !report.by_key_category.is_empty() {
        // Under the 2021 method only: a 2011 file's listing is as before.
        blocks.push(groups(
            l.pick(
                "按十四五类别（计入当年）",
                "By 14th FYP category (credited)",
            ),
            &report.by_key_category,
            key_category_name,
            l,
        ));
    }
    blocks.push(projects(report, l));
    blocks.extend(overlaps(report, l));
    blocks.extend(overrides(report, l));
    blocks.push(Block::Section {
        id: None,
        class: "",
        blocks: vec![
            Block::Heading {
                level: 2,
                text: l.pick("公报段落", "Bulletin paragraph").to_owned(),
                class: "",
            },
            paragraph(l.pick(&report.bulletin.zh, &report.bulletin.en).to_owned()),
        ],
    });
    Document {
        kind: Kind::Report,
        lang: l,
        running_title: report.title.clone(),
        // Computed from the numbers alone, the report carries no trail and so no coefficient's
        // status: the listing has never carried the banner (the printed report does).
        unverified: false,
        blocks,
    }
}
