//! `jianpai diff-factors` as text: the coefficients that differ between the file's library and
//! another, the effect on every total, the projects that change and what keeping would record.

use crate::fmt_value;
use jianpai_core::factors::Factor;
use jianpai_core::upgrade::{Change, LibraryDiff};
use jianpai_core::{Labelled, Lang};

/// A factor as `value unit [status]`.
fn factor(f: &Factor, lang: Lang) -> String {
    format!(
        "{} {} [{}]",
        fmt_value(f.value),
        f.unit,
        f.status.text(lang)
    )
}

/// A total as printed: six decimals at most, no trailing zeros, a sign on a delta.
pub fn amount(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_owned()
    }
}

pub fn text(d: &LibraryDiff, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = if zh {
        format!("系数库 {} → {}\n", d.from, d.to)
    } else {
        format!("factor library {} → {}\n", d.from, d.to)
    };
    out += &if zh {
        format!("系数变化（{} 项）：\n", d.factors.len())
    } else {
        format!("coefficients that differ ({}):\n", d.factors.len())
    };
    for c in &d.factors {
        let line = match (c.change, &c.old, &c.new) {
            (Change::Changed, Some(o), Some(n)) => format!(
                "  ~ {}  {} → {}  ({})",
                c.id,
                factor(o, lang),
                factor(n, lang),
                c.fields.join(", ")
            ),
            (Change::Added, _, Some(n)) => {
                format!(
                    "  + {}  {}  ({})",
                    c.id,
                    factor(n, lang),
                    lang.pick("新增", "added")
                )
            }
            (_, Some(o), _) => {
                format!(
                    "  - {}  {}  ({})",
                    c.id,
                    factor(o, lang),
                    lang.pick("删除", "removed")
                )
            }
            _ => continue,
        };
        out += &line;
        if !c.used_by.is_empty() {
            out += &format!(
                "  {}{}",
                lang.pick("使用项目：", "used by: "),
                c.used_by.join(", ")
            );
        }
        out.push('\n');
    }
    out += lang.pick("合计（计入当年量）：\n", "totals (credited):\n");
    for t in &d.totals {
        let sign = if t.delta > 0.0 { "+" } else { "" };
        out += &format!(
            "  {:<12} {} → {}  ({sign}{})\n",
            t.key.code(),
            amount(t.old),
            amount(t.new),
            amount(t.delta)
        );
    }
    let ids: Vec<&str> = d.projects.iter().map(|p| p.id.as_str()).collect();
    out += &format!(
        "{}{}\n",
        lang.pick("结果变化的项目：", "projects whose results change: "),
        if ids.is_empty() {
            lang.pick("无", "none").to_owned()
        } else {
            ids.join(", ")
        }
    );
    let keep: Vec<String> = d
        .keep
        .iter()
        .map(|(id, o)| format!("{id} = {}", fmt_value(o.value)))
        .collect();
    out += &format!(
        "{}{}{}\n",
        lang.pick(
            "保留旧系数将记录覆盖：",
            "keeping the old coefficients records overrides: "
        ),
        if keep.is_empty() {
            lang.pick("无", "none").to_owned()
        } else {
            keep.join(", ")
        },
        match (d.keep_exact, zh) {
            (true, _) => "",
            (false, true) => "（注意：不能完全复现旧合计）",
            (false, false) => " (note: they do not reproduce the old totals exactly)",
        }
    );
    out
}
