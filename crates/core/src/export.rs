//! Reports as text for people: the CSV register for Excel (UTF-8 with BOM) and a plain-text
//! county report. Both read a computed [`Report`]; they format, never compute.

use crate::bulletin::grouped;
use crate::choice::Choice;
use crate::doc::county::{category_name, township_name, type_name};
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

/// One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is
/// prefixed with an apostrophe.
pub(crate) fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// [`cell`] written onto `out`; text that needs no quoting is copied without a new String (a
/// register has tens of thousands of rows).
fn push_cell(out: &mut String, s: &str) {
    // `cell` changes exactly the text that starts with one of these or holds one of those (all
    // ASCII, so looking at bytes finds the same characters, and faster).
    let special_start = matches!(
        s.bytes().next(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if special_start || s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push_str(&cell(s));
    } else {
        out.push_str(s);
    }
}

/// `,value` for every report key.
fn value_cells(out: &mut String, a: &Amounts) {
    for k in Key::ALL {
        out.push(',');
        out.push_str(&num(a[k]));
    }
}

/// The register with results: one row per project and a totals row, UTF-8 with a BOM so that
/// Excel reads the Chinese text. Columns: id, name, type, category, township, months, then the
/// credited and the full-year value of every report key; when some project has an offset, the
/// offset and the net value of every report key after them (the TOTAL row: the offsets' sum and
/// the totals, which are net).
pub fn csv(report: &Report, lang: Lang) -> String {
    let mut header: Vec<String> = ["id", "name", "type", "category", "township", "months"]
        .map(String::from)
        .to_vec();
    header.extend(Key::ALL.iter().map(|k| format!("credited_{}", k.code())));
    header.extend(Key::ALL.iter().map(|k| format!("full_year_{}", k.code())));
    let offsets = report.offsets.is_some();
    if offsets {
        header.extend(Key::ALL.iter().map(|k| format!("offset_{}", k.code())));
        header.extend(Key::ALL.iter().map(|k| format!("net_{}", k.code())));
    }
    // Rows are written straight onto the output, cell by cell, rather than built as lists of
    // Strings and joined: a row of a big register costs a few allocations instead of dozens.
    let mut out = String::with_capacity(160 * (report.projects.len() + 2));
    out.push('\u{feff}');
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for p in &report.projects {
        push_cell(&mut out, &p.id);
        out.push(',');
        push_cell(&mut out, &p.name);
        out.push(',');
        out.push_str(p.type_name.code());
        out.push(',');
        out.push_str(p.category.name());
        out.push(',');
        push_cell(&mut out, p.township.as_deref().unwrap_or(""));
        out.push(',');
        out.push_str(&p.months.to_string());
        value_cells(&mut out, &p.credited);
        value_cells(&mut out, &p.full_year);
        if offsets {
            value_cells(&mut out, &p.offset.unwrap_or_default());
            value_cells(&mut out, p.net());
        }
        out.push_str("\r\n");
    }
    // TOTAL, its name, four empty cells, the totals.
    out.push_str("TOTAL,");
    out.push_str(lang.pick("合计", "Total"));
    out.push_str(",,,,");
    value_cells(&mut out, &report.totals);
    value_cells(&mut out, &report.full_year_totals);
    if let Some(o) = &report.offsets {
        value_cells(&mut out, o);
        value_cells(&mut out, &report.totals);
    }
    out.push_str("\r\n");
    out
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

/// Whether a report lists `key` in its totals: every key its method lists, and any other
/// (VOCs under the 2011 method) once it is reduced or targeted.
fn shown(report: &Report, key: Key) -> bool {
    report.method.id.lists(key)
        || report.full_year_totals[key] != 0.0
        || report.progress.iter().any(|p| p.key == key)
}

/// The plain-text county report: heading, totals, progress, groups, projects with their
/// warnings, overrides in force and the bulletin paragraph.
pub fn text(report: &Report, lang: Lang) -> String {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut o = String::new();
    let mut line = |s: String| {
        o.push_str(&s);
        o.push('\n');
    };
    let title = if report.title.is_empty() {
        l("减排核算报告", "Reduction report")
    } else {
        &report.title
    };
    line(title.to_owned());
    let mut meta = Vec::new();
    if !report.region.is_empty() {
        meta.push(format!("{}{}", l("地区：", "Region: "), report.region));
    }
    if let Some(y) = report.year {
        meta.push(format!("{}{y}", l("年度：", "Year: ")));
    }
    meta.push(format!(
        "{}{}",
        l("计入规则：", "Crediting: "),
        report.crediting.text(lang)
    ));
    meta.push(format!(
        "{}{}",
        l("电力折标：", "Electricity basis: "),
        report.electricity_basis.text(lang)
    ));
    meta.push(format!(
        "{}{}",
        l("系数库：", "Factor library: "),
        report.factor_library
    ));
    meta.push(format!(
        "{}{}{}",
        l("核算方法：", "Accounting method: "),
        report.method.id.text(lang),
        if report.method.given {
            ""
        } else {
            l("（按年度默认）", " (default for the year)")
        }
    ));
    line(meta.join(l("；", "; ")));
    line(String::new());

    line(match (report.method.id, lang) {
        (Method::Total2011, _) => l("== 合计（计入当年）==", "== Totals (credited) ==").into(),
        (Method::KeyProjects2021, Lang::Zh) => "== 重点工程减排量合计（计入当年）==".to_owned(),
        (Method::KeyProjects2021, Lang::En) => "== Key-project reductions (credited) ==".to_owned(),
    });
    for k in Key::ALL.into_iter().filter(|k| shown(report, *k)) {
        let (name, unit) = key_label(k, lang);
        let (c, f) = (
            show(k, report.totals[k], lang),
            show(k, report.full_year_totals[k], lang),
        );
        line(match lang {
            Lang::Zh => format!("{name}：{c}{unit}（全年 {f}{unit}）"),
            Lang::En => format!("{name}: {c} {unit} (full year {f} {unit})")
                .replace("  ", " ")
                .replace(" )", ")"),
        });
    }
    if let Some(co2) = crate::doc::county::co2_headline(report, lang) {
        line(co2);
    }
    if let Some(sentence) = crate::doc::county::offsets_sentence(report, lang) {
        line(sentence);
    }
    line(String::new());

    if !report.progress.is_empty() {
        line(l("== 目标完成情况 ==", "== Progress against targets ==").into());
        for p in &report.progress {
            let (name, unit) = key_label(p.key, lang);
            let pct = p.percent.map_or("—".to_owned(), |x| format!("{x:.1}%"));
            line(format!(
                "{name}: {} / {} {unit} ({pct})",
                show(p.key, p.achieved, lang),
                show(p.key, p.target, lang)
            ));
        }
        line(String::new());
    }

    // Group names as every document writes them (`doc::county`).
    let category = |k: &str| category_name(k, lang);
    let type_ = |k: &str| type_name(k, lang);
    let township = |k: &str| township_name(k, lang);
    type Section<'a> = (&'a str, &'a [Group], &'a dyn Fn(&str) -> String);
    let sections: [Section<'_>; 3] = [
        (
            l("== 按类别（计入当年）==", "== By category (credited) =="),
            &report.by_category,
            &category,
        ),
        (
            l("== 按类型（计入当年）==", "== By type (credited) =="),
            &report.by_type,
            &type_,
        ),
        (
            l("== 按乡镇（计入当年）==", "== By township (credited) =="),
            &report.by_township,
            &township,
        ),
    ];
    for (heading, groups, label) in sections {
        line(heading.into());
        for g in groups {
            let name = label(&g.key);
            line(format!(
                "{name} [{}{}]: {}",
                g.projects,
                match (lang, g.projects) {
                    (Lang::Zh, _) => "个项目",
                    (Lang::En, 1) => " project",
                    (Lang::En, _) => " projects",
                },
                amounts_line(&g.credited, lang)
            ));
        }
        line(String::new());
    }

    line(l("== 项目 ==", "== Projects ==").into());
    for p in &report.projects {
        let mut where_ = vec![
            p.type_name.text(lang).to_owned(),
            p.category.text(lang).to_owned(),
        ];
        if let Some(t) = &p.township {
            where_.push(t.clone());
        }
        line(format!(
            "{} {} [{}] {}{}",
            p.id,
            p.name,
            where_.join(" · "),
            p.months,
            l("个月", " months")
        ));
        line(format!(
            "  {}{}",
            l("计入：", "credited: "),
            amounts_line(&p.credited, lang)
        ));
        line(format!(
            "  {}{}",
            l("全年：", "full year: "),
            amounts_line(&p.full_year, lang)
        ));
        if let (Some(o), Some(n)) = (&p.offset, &p.net) {
            line(format!(
                "  {}{}",
                l("扣减（区域削减）：", "offset: "),
                amounts_line(o, lang)
            ));
            line(format!("  {}{}", l("净：", "net: "), amounts_line(n, lang)));
        }
        for w in &p.warnings {
            line(format!("  {}{}", l("⚠ ", "! "), w.message(lang)));
        }
    }
    line(String::new());

    if !report.overlaps.is_empty() {
        line(l("== 可能重复计算 ==", "== Possible double counting ==").into());
        for ov in &report.overlaps {
            line(format!(
                "{}{}",
                l("⚠ ", "! "),
                lang.pick(&ov.message_zh, &ov.message_en)
            ));
        }
        line(String::new());
    }

    if !report.overrides.is_empty() {
        line(l("== 覆盖的系数 ==", "== Overridden factors ==").into());
        for ov in &report.overrides {
            let f = &ov.factor;
            let scope = match &ov.project {
                Some(p) => format!("{}{p}", l("项目 ", "project ")),
                None => l("全文件", "whole file").to_owned(),
            };
            let default = f.default_value.map_or(String::new(), |d| {
                format!(" ({}{})", l("默认 ", "default "), num(d))
            });
            line(format!(
                "{} = {} {}{default} [{scope}]: {}",
                f.id,
                num(f.value),
                f.unit,
                f.override_note.as_deref().unwrap_or("")
            ));
        }
        line(String::new());
    }

    line(l("== 公报段落 ==", "== Bulletin paragraph ==").into());
    line(
        lang.pick(&report.bulletin.zh, &report.bulletin.en)
            .to_owned(),
    );
    o
}
