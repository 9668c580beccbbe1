//! The paragraph a county writes in its yearly bulletin, in the bulletin's own style
//! ("淘汰落后产能企业248家、落后设备3720台，节约标煤2.6万吨，节水23万吨；实施减排项目16个，
//! 削减COD 802.3吨、NH₃-N 212.6吨、SO₂ 352.3吨、NOₓ 183.6吨。"), in Chinese and English.

use crate::key::{Amounts, Key};
use crate::labels::Labelled;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bulletin {
    pub zh: String,
    pub en: String,
}

/// One decimal, without a trailing ".0".
fn one_decimal(x: f64) -> String {
    let s = format!("{:.1}", x);
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Tonnes the way the bulletin writes them: "802.3吨", and "2.6万吨" from ten thousand up.
pub fn tonnes_zh(t: f64, unit: &str) -> String {
    if t.abs() >= 10_000.0 {
        format!("{}万{unit}", one_decimal(t / 10_000.0))
    } else {
        format!("{}{unit}", one_decimal(t))
    }
}

/// Thousands separators for English ("3,720"; "26,000.5").
pub fn grouped(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() && !frac.trim_end_matches('0').is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// Writes the paragraph from the credited totals. Clauses with nothing to say are left out.
/// `implemented` is the number of projects that are not structural (the "减排项目" counted).
pub fn write(implemented: usize, totals: &Amounts, year: Option<i64>) -> Bulletin {
    let t = totals;
    let (mut zh_a, mut en_a) = (Vec::new(), Vec::new());
    let mut closed = Vec::new();
    let mut closed_en = Vec::new();
    if t[Key::Enterprises] >= 1.0 {
        closed.push(format!("落后产能企业{}家", t[Key::Enterprises] as u64));
        closed_en.push(format!("{} enterprises", grouped(t[Key::Enterprises], 0)));
    }
    if t[Key::Equipment] >= 1.0 {
        closed.push(format!("落后设备{}台", t[Key::Equipment] as u64));
        closed_en.push(format!(
            "{} pieces of outdated equipment",
            grouped(t[Key::Equipment], 0)
        ));
    }
    if t[Key::Boilers] >= 1.0 {
        closed.push(format!("燃煤小锅炉{}台", t[Key::Boilers] as u64));
        closed_en.push(format!(
            "{} small coal-fired boilers",
            grouped(t[Key::Boilers], 0)
        ));
    }
    if !closed.is_empty() {
        zh_a.push(format!("淘汰{}", closed.join("、")));
        en_a.push(format!("phased out {}", join_en(&closed_en)));
    }
    if t[Key::Tce] >= 0.05 {
        zh_a.push(format!("节约标煤{}", tonnes_zh(t[Key::Tce], "吨")));
        en_a.push(format!(
            "saved {} tce of standard coal",
            grouped(t[Key::Tce], 1)
        ));
    }
    if t[Key::Water] >= 0.05 {
        zh_a.push(format!("节水{}", tonnes_zh(t[Key::Water], "吨")));
        en_a.push(format!("saved {} t of water", grouped(t[Key::Water], 1)));
    }
    let pollutants = [Key::Cod, Key::Nh3n, Key::So2, Key::Nox].map(|k| {
        let name = k.label();
        (name.zh, name.en, t[k])
    });
    let cut_zh: Vec<String> = pollutants
        .iter()
        .filter(|p| p.2 >= 0.05)
        .map(|(zh, _, v)| format!("{zh} {}", tonnes_zh(*v, "吨")))
        .collect();
    let cut_en: Vec<String> = pollutants
        .iter()
        .filter(|p| p.2 >= 0.05)
        .map(|(_, en, v)| format!("{en} by {} t", grouped(*v, 1)))
        .collect();
    let mut zh_b = Vec::new();
    let mut en_b = Vec::new();
    if implemented > 0 {
        zh_b.push(format!("实施减排项目{implemented}个"));
        en_b.push(format!(
            "implemented {implemented} reduction project{}",
            if implemented == 1 { "" } else { "s" }
        ));
    }
    if !cut_zh.is_empty() {
        zh_b.push(format!("削减{}", cut_zh.join("、")));
        en_b.push(format!("cutting {}", join_en(&cut_en)));
    }
    let zh_parts: Vec<String> = [zh_a.join("，"), zh_b.join("，")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let en_parts: Vec<String> = [en_a.join(", "), en_b.join(", ")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let lead_zh = year.map_or("全县".to_owned(), |y| format!("{y}年全县"));
    let lead_en = year.map_or("The county".to_owned(), |y| format!("In {y} the county"));
    if zh_parts.is_empty() {
        return Bulletin {
            zh: format!("{lead_zh}暂无可核算的减排量。"),
            en: format!("{lead_en} has no reductions to report yet."),
        };
    }
    Bulletin {
        zh: format!("{lead_zh}{}。", zh_parts.join("；")),
        en: format!("{lead_en} {}.", en_parts.join("; ")),
    }
}

fn join_en(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tonnes_in_bulletin_style() {
        assert_eq!(tonnes_zh(802.34, "吨"), "802.3吨");
        assert_eq!(tonnes_zh(26_000.0, "吨"), "2.6万吨");
        assert_eq!(tonnes_zh(230_000.0, "吨"), "23万吨");
        assert_eq!(tonnes_zh(9_999.9, "吨"), "9999.9吨");
        assert_eq!(tonnes_zh(800.0, "吨"), "800吨");
    }

    #[test]
    fn english_grouping() {
        assert_eq!(grouped(3720.0, 0), "3,720");
        assert_eq!(grouped(26000.0, 1), "26,000");
        assert_eq!(grouped(1234567.25, 1), "1,234,567.2");
        assert_eq!(grouped(802.3, 1), "802.3");
        assert_eq!(grouped(-0.01, 1), "0");
    }
}
