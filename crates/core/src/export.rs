//! Reports as text for people: the CSV register for Excel (UTF-8 with BOM) and a plain-text
//! county report. Both read a computed [`Report`]; they format, never compute.

use crate::bulletin::grouped;
use crate::decode::Choice;
use crate::file::Category;
use crate::lang::Lang;
use crate::report::{Amounts, Group, Report};
use crate::trail::num;

/// Every report key in display order: quantities, then counts.
pub const KEYS: [&str; 10] = [
    "cod_t",
    "nh3n_t",
    "so2_t",
    "nox_t",
    "tce",
    "water_t",
    "co2_t",
    "enterprises",
    "equipment",
    "boilers",
];

/// Name and unit of a report key.
pub fn key_label(key: &str, lang: Lang) -> (&'static str, &'static str) {
    let (zh, en, unit_zh, unit_en) = match key {
        "cod_t" => ("COD", "COD", "吨", "t"),
        "nh3n_t" => ("NH₃-N", "NH₃-N", "吨", "t"),
        "so2_t" => ("SO₂", "SO₂", "吨", "t"),
        "nox_t" => ("NOₓ", "NOₓ", "吨", "t"),
        "tce" => ("节约标煤", "Standard coal saved", "吨标煤", "tce"),
        "water_t" => ("节水", "Water saved", "吨", "t"),
        "co2_t" => ("CO₂（估算）", "CO₂ (estimate)", "吨", "t"),
        "enterprises" => ("关停企业", "Enterprises closed", "家", ""),
        "equipment" => ("淘汰设备", "Equipment retired", "台", ""),
        "boilers" => ("淘汰锅炉", "Boilers eliminated", "台", ""),
        _ => ("?", "?", "", ""),
    };
    (lang.pick(zh, en), lang.pick(unit_zh, unit_en))
}

/// The measure type's name (design.md §2).
pub fn type_label(type_name: &str, lang: Lang) -> &'static str {
    let (zh, en) = match type_name {
        "wastewater" => ("污水处理", "Wastewater treatment"),
        "desulfurization" => ("燃煤脱硫", "Desulfurisation"),
        "denitrification" => ("脱硝/低氮燃烧", "Denitrification"),
        "flue_gas" => ("超低排放改造", "Ultra-low emission retrofit"),
        "fuel_switch" => ("煤改气", "Coal-to-gas switch"),
        "boiler_phaseout" => ("燃煤小锅炉淘汰", "Small coal boiler phase-out"),
        "livestock" => ("畜禽养殖关停/治理", "Livestock farm closure/treatment"),
        "capacity_phaseout" => ("淘汰落后产能", "Outdated capacity phase-out"),
        "energy_saving" => ("节能技改", "Energy-saving retrofit"),
        "measured" => ("监测数据", "Monitoring data"),
        _ => ("?", "?"),
    };
    lang.pick(zh, en)
}

pub fn category_label(c: Category, lang: Lang) -> &'static str {
    match c {
        Category::Engineering => lang.pick("工程减排", "engineering"),
        Category::Structural => lang.pick("结构减排", "structural"),
        Category::Management => lang.pick("管理减排", "management"),
    }
}

/// One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is
/// prefixed with an apostrophe.
fn cell(s: &str) -> String {
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

fn value_cells(row: &mut Vec<String>, a: &Amounts) {
    row.extend(KEYS.iter().map(|k| num(a.get(k))));
}

/// The register with results: one row per project and a totals row, UTF-8 with a BOM so that
/// Excel reads the Chinese text. Columns: id, name, type, category, township, months, then the
/// credited and the full-year value of every report key.
pub fn csv(report: &Report, lang: Lang) -> String {
    let mut header: Vec<String> = ["id", "name", "type", "category", "township", "months"]
        .map(String::from)
        .to_vec();
    header.extend(KEYS.iter().map(|k| format!("credited_{k}")));
    header.extend(KEYS.iter().map(|k| format!("full_year_{k}")));
    let mut out = String::from('\u{feff}');
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for p in &report.projects {
        let mut row = vec![
            cell(&p.id),
            cell(&p.name),
            p.type_name.to_owned(),
            p.category.name().to_owned(),
            cell(p.township.as_deref().unwrap_or("")),
            p.months.to_string(),
        ];
        value_cells(&mut row, &p.credited);
        value_cells(&mut row, &p.full_year);
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    let mut row = vec![
        "TOTAL".to_owned(),
        lang.pick("合计", "Total").to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ];
    value_cells(&mut row, &report.totals);
    value_cells(&mut row, &report.full_year_totals);
    out.push_str(&row.join(","));
    out.push_str("\r\n");
    out
}

/// A value for people: one decimal for quantities (grouped in English), whole counts.
fn show(key: &str, v: f64, lang: Lang) -> String {
    let counts = ["enterprises", "equipment", "boilers"];
    let decimals = if counts.contains(&key) { 0 } else { 1 };
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

/// Only the keys with something to say.
fn nonzero(a: &Amounts) -> impl Iterator<Item = &'static str> + '_ {
    KEYS.into_iter().filter(move |k| a.get(k).abs() >= 0.05)
}

fn amounts_line(a: &Amounts, lang: Lang) -> String {
    let parts: Vec<String> = nonzero(a)
        .map(|k| {
            let (name, unit) = key_label(k, lang);
            match lang {
                Lang::Zh => format!("{name} {}{unit}", show(k, a.get(k), lang)),
                Lang::En => format!("{name} {} {unit}", show(k, a.get(k), lang))
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
        report.crediting.name()
    ));
    meta.push(format!(
        "{}{}",
        l("电力折标：", "Electricity basis: "),
        report.electricity_basis.name()
    ));
    meta.push(format!(
        "{}{}",
        l("系数库：", "Factor library: "),
        report.factor_library
    ));
    line(meta.join(l("；", "; ")));
    line(String::new());

    line(l("== 合计（计入当年）==", "== Totals (credited) ==").into());
    for k in KEYS {
        let (name, unit) = key_label(k, lang);
        let (c, f) = (
            show(k, report.totals.get(k), lang),
            show(k, report.full_year_totals.get(k), lang),
        );
        line(match lang {
            Lang::Zh => format!("{name}：{c}{unit}（全年 {f}{unit}）"),
            Lang::En => format!("{name}: {c} {unit} (full year {f} {unit})")
                .replace("  ", " ")
                .replace(" )", ")"),
        });
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

    let category =
        |k: &str| Category::parse(k).map_or(k.to_owned(), |c| category_label(c, lang).to_owned());
    let type_ = |k: &str| type_label(k, lang).to_owned();
    let township = |k: &str| {
        if k.is_empty() {
            lang.pick("（未填乡镇）", "(no township)").to_owned()
        } else {
            k.to_owned()
        }
    };
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
            type_label(p.type_name, lang).to_owned(),
            category_label(p.category, lang).to_owned(),
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
        for w in &p.warnings {
            line(format!("  {}{}", l("⚠ ", "! "), w.message(lang)));
        }
    }
    line(String::new());

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
