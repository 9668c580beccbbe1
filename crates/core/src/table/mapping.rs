//! A planner's own ledger read as a register: its header row found, each of its columns matched
//! to a field of the project file (a path or `label [path]` first, then the field's label in
//! Chinese or English, then known synonyms such as 项目编号, 责任单位, 所在乡镇), and the table
//! written again with the chosen paths as its header, for [`super::import`] to read as any
//! template. The user confirms or changes each match; [`key`] names the header set, so that the
//! page can remember the mapping chosen for it.

use super::cells::{records, trimmed};
use super::import::column_path;
use super::{push_row, PROJECT_COLUMNS};
use crate::lang::Lang;
use crate::measure_type::MeasureType;

/// Other names planners give the project's own columns (compared as [`normal`] forms).
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "项目编号",
            "项目代码",
            "编码",
            "代码",
            "序号",
            "no",
            "no.",
            "code",
            "projectid",
        ],
    ),
    (
        "name",
        &[
            "名称",
            "项目",
            "减排项目",
            "减排项目名称",
            "工程名称",
            "project",
            "projectname",
        ],
    ),
    (
        "enterprise",
        &[
            "企业名称",
            "单位",
            "单位名称",
            "责任单位",
            "建设单位",
            "实施单位",
            "company",
        ],
    ),
    (
        "township",
        &[
            "所在乡镇",
            "乡镇街道",
            "乡镇（街道）",
            "乡镇(街道)",
            "镇街",
            "街道",
            "所在地",
            "town",
        ],
    ),
    (
        "category",
        &["减排类别", "项目类别", "减排类型", "type of reduction"],
    ),
    (
        "type",
        &["类型", "措施", "减排措施", "项目类型", "measure", "type"],
    ),
    (
        "start_month",
        &[
            "投运月份",
            "投运月",
            "起始月",
            "开始月份",
            "投运时间（月）",
            "month",
        ],
    ),
];

/// A header as compared: trimmed, lower case, without spaces and without a unit in brackets at
/// its end (`设计处理规模（m³/d）` → `设计处理规模`).
fn normal(s: &str) -> String {
    let mut s = trimmed(s).to_lowercase();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if s.ends_with(close) {
            if let Some(i) = s.rfind(open) {
                if i > 0 {
                    s.truncate(i);
                }
            }
        }
    }
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every field a column can be mapped to: (path, label in `lang`), the project's own columns
/// then each measure type's inputs (a path shared by several types once).
pub fn fields(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = PROJECT_COLUMNS
        .iter()
        .map(|(p, l)| (*p, l.get(lang)))
        .collect();
    for t in MeasureType::ALL {
        for f in crate::measures::fields(*t) {
            if !out.iter().any(|(p, _)| *p == f.path) {
                out.push((f.path, f.label(lang)));
            }
        }
    }
    out
}

/// The field a column header names, if any: its path (`flow_m3_per_day`, `… [flow_m3_per_day]`),
/// else a field's label in either language, else a synonym of a project column.
pub fn guess(header: &str) -> Option<&'static str> {
    let all = fields(Lang::Zh);
    let path = column_path(header);
    if let Some((p, _)) = all.iter().find(|(p, _)| *p == path) {
        return Some(p);
    }
    let n = normal(header);
    if n.is_empty() {
        return None;
    }
    for lang in [Lang::Zh, Lang::En] {
        if let Some((p, _)) = fields(lang).iter().find(|(_, l)| normal(l) == n) {
            return Some(p);
        }
    }
    SYNONYMS
        .iter()
        .find(|(_, names)| names.iter().any(|s| normal(s) == n))
        .map(|(p, _)| *p)
}

/// A ledger's table: the records and which one is the header (the first with at least two cells
/// of which one names a field; else the first with two cells). `None` when the text is not CSV
/// or has no such row.
pub fn header_row(text: &str) -> Option<(Vec<Vec<String>>, usize)> {
    let recs = records(text).ok()?;
    let filled = |r: &Vec<String>| r.iter().filter(|c| !trimmed(c).is_empty()).count();
    let h = recs
        .iter()
        .position(|r| filled(r) >= 2 && r.iter().any(|c| guess(c).is_some()))
        .or_else(|| recs.iter().position(|r| filled(r) >= 2))?;
    Some((recs, h))
}

/// The name of a header set, for remembering the mapping chosen for it.
pub fn key(headers: &[String]) -> String {
    let cells: Vec<&str> = headers.iter().map(|h| trimmed(h)).collect();
    cells.join("\u{1f}")
}

/// The table again, from its header row on, with the header replaced by the chosen paths
/// (`None`: the column is not read, its header kept so that the import names it); rows above the
/// header (a title, notes) are left out. The import reads the result as a template.
pub fn remap(recs: &[Vec<String>], header: usize, mapping: &[Option<&str>]) -> String {
    let mut out = String::from('\u{feff}');
    let Some(head) = recs.get(header) else {
        return out;
    };
    let new_head: Vec<String> = head
        .iter()
        .enumerate()
        .map(|(i, h)| match mapping.get(i).copied().flatten() {
            Some(p) => p.to_owned(),
            None => h.clone(),
        })
        .collect();
    push_row(&mut out, &new_head);
    for r in &recs[header + 1..] {
        push_row(&mut out, r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_by_path_label_and_synonym() {
        assert_eq!(guess("flow_m3_per_day"), Some("flow_m3_per_day"));
        assert_eq!(
            guess("设计处理规模 (m3/d) [flow_m3_per_day]"),
            Some("flow_m3_per_day")
        );
        assert_eq!(guess("设计处理规模（m³/d）"), Some("flow_m3_per_day"));
        assert_eq!(guess("项目名称"), Some("name"));
        assert_eq!(guess(" Project name "), Some("name"));
        assert_eq!(guess("责任单位"), Some("enterprise"));
        assert_eq!(guess("所在乡镇"), Some("township"));
        assert_eq!(guess("项目编号"), Some("id"));
        assert_eq!(guess("备注"), None);
        assert_eq!(guess(""), None);
    }
}
