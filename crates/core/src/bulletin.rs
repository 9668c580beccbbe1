//! The paragraph a county writes in its yearly bulletin, in the bulletin's own style
//! ("2017年全县淘汰落后产能企业248家、落后设备3720台，节约标煤2.60万吨，节水23.00万吨；实施减排项目
//! 16个，削减COD 802.3吨、NH₃-N 212.6吨、SO₂ 352.3吨、NOₓ 183.6吨。"), in Chinese and in English as
//! a native reader writes a bulletin, with a note that states its rounding rule and what the
//! project count counts (docs/methodology.md, "The bulletin paragraph").
//!
//! **One rounding rule for every figure.** A mass below 10,000 t is given to 0.1 t, its decimal
//! always shown (1713.0吨 / 1,713.0 t); from 10,000 t, to 0.01万吨 in Chinese (2.38万吨) and to the
//! same 100 t in English (23,800 t); a count is whole. Rounding is half away from zero (四舍五入,
//! not to even) on the figure as the engine's tables print it (nine significant digits,
//! [`crate::trail::num`]), so 203.25 is 203.3 and a binary 203.2499999999 is too.
//! A clause whose figure rounds to nothing is left out.

use crate::key::{Amounts, Key};
use crate::labels::Labelled;
use crate::lang::Label;
use crate::settings::BulletinOrder;
use crate::trail::num;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bulletin {
    pub zh: String,
    pub en: String,
    /// What the paragraph's figures are: the rounding rule and what "实施减排项目N个" counts.
    pub note: Label,
}

/// The note printed under the paragraph (the count is what `report::assemble` passes).
pub const NOTE: Label = Label::new(
    "数字修约：不足1万吨的保留一位小数（单位：吨），1万吨及以上的保留两位小数（单位：万吨），\
     个数取整，均四舍五入。“实施减排项目N个”为计入合计的工程减排和管理减排项目数（有错误或\
     编号重复而未计入合计的项目、结构减排项目不计；本年计入月数为0的项目计入）；削减量为计入合计的\
     全部项目（含结构减排）之和。",
    "Rounding: figures under 10,000 t to 0.1 t, from 10,000 t to the nearest 100 t, counts to whole \
     numbers, halves rounded up. The number of emission-reduction projects counts the engineering \
     and management projects in the totals (not structural ones, and not projects left out of the \
     totals for an error or a repeated id; a project credited no month this year is counted); the \
     reductions are those of every project in the totals, structural ones included.",
);

/// `x` rounded half away from zero to `decimals` places, as decimal text ("203.3", "-0.0" never:
/// a figure that rounds to zero is "0.0"). The digits rounded are those [`num`] prints.
fn round_half_up(x: f64, decimals: usize) -> String {
    let text = num(x);
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    // The kept digits, then one more to decide.
    let mut kept: Vec<u8> = int.bytes().map(|b| b - b'0').collect();
    let frac: Vec<u8> = frac.bytes().map(|b| b - b'0').collect();
    kept.extend((0..decimals).map(|i| frac.get(i).copied().unwrap_or(0)));
    if frac.get(decimals).is_some_and(|d| *d >= 5) {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let split = kept.len() - decimals;
    let mut out = String::new();
    if negative && kept.iter().any(|d| *d != 0) {
        out.push('-');
    }
    out.extend(kept[..split].iter().map(|d| char::from(b'0' + d)));
    if decimals > 0 {
        out.push('.');
        out.extend(kept[split..].iter().map(|d| char::from(b'0' + d)));
    }
    out
}

/// Whether a rounded figure says anything (more than zero).
fn positive(rounded: &str) -> bool {
    !rounded.starts_with('-') && rounded.bytes().any(|b| (b'1'..=b'9').contains(&b))
}

/// Whether a mass is given in 万吨 (Chinese) / to 100 t (English): from 10,000 t as rounded.
fn large(t: f64) -> bool {
    round_half_up(t.abs(), 1)
        .split('.')
        .next()
        .is_some_and(|int| int.len() > 4)
}

/// A mass the way the bulletin writes it in Chinese: "802.3吨", "1713.0吨", "2.38万吨".
pub fn tonnes_zh(t: f64, unit: &str) -> String {
    if large(t) {
        format!("{}万{unit}", round_half_up(t / 10_000.0, 2))
    } else {
        format!("{}{unit}", round_half_up(t, 1))
    }
}

/// The same mass in English, in tonnes with thousands separators: "802.3 t", "1,713.0 t",
/// "23,800 t" (the 0.01万吨 of the Chinese).
pub fn tonnes_en(t: f64) -> String {
    let rounded = if large(t) {
        format!("{}00", round_half_up(t / 100.0, 0))
    } else {
        round_half_up(t, 1)
    };
    format!("{} t", group_decimal(&rounded))
}

/// A count, whole: "3720".
fn count(x: f64) -> String {
    round_half_up(x, 0)
}

/// Thousands separators in a decimal text ("1234567.25" → "1,234,567.25").
fn group_decimal(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    out.push_str(&group_int(int));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Thousands separators in a string of digits ("3720" → "3,720").
fn group_int(int: &str) -> String {
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Thousands separators for English ("3,720"; "26,000.5"), trailing zeros of the fraction dropped
/// (tables and charts; the bulletin keeps its decimals: [`tonnes_en`]).
pub fn grouped(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut out = group_int(int);
    if !frac.is_empty() && !frac.trim_end_matches('0').is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// "1 emission-reduction project", "16 emission-reduction projects".
fn projects_en(n: usize) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!(
        "{} emission-reduction project{s}",
        group_int(&n.to_string())
    )
}

/// Writes the paragraph from the credited totals. Clauses with nothing to say are left out.
/// `implemented` is the number of projects in the totals that are not structural (the
/// "减排项目" counted, see [`NOTE`]).
pub fn write(implemented: usize, totals: &Amounts, year: Option<i64>) -> Bulletin {
    let t = totals;
    // Closures (counts), as Chinese lists them under one 淘汰 and English with a verb each.
    let mut closed_zh = Vec::new();
    let mut closed_en = Vec::new();
    let counts = [
        (
            Key::Enterprises,
            "落后产能企业{}家",
            "closed {} enterprises with outdated production capacity",
        ),
        (
            Key::Equipment,
            "落后设备{}台",
            "scrapped {} items of outdated equipment",
        ),
        (
            Key::Boilers,
            "燃煤小锅炉{}台",
            "shut down {} small coal-fired boilers",
        ),
    ];
    for (key, zh, en) in counts {
        let n = count(t[key]);
        if positive(&n) {
            closed_zh.push(zh.replace("{}", &n));
            closed_en.push(en.replace("{}", &group_int(&n)));
        }
    }
    // Savings (masses).
    let mut saved_zh = Vec::new();
    let mut saved_en = Vec::new();
    if positive(&round_half_up(t[Key::Tce], 1)) {
        saved_zh.push(format!("节约标煤{}", tonnes_zh(t[Key::Tce], "吨")));
        saved_en.push(format!(
            "{} of standard coal equivalent",
            tonnes_en(t[Key::Tce])
        ));
    }
    if positive(&round_half_up(t[Key::Water], 1)) {
        saved_zh.push(format!("节水{}", tonnes_zh(t[Key::Water], "吨")));
        saved_en.push(format!("{} of water", tonnes_en(t[Key::Water])));
    }
    // Reductions (masses).
    let cut: Vec<(Label, f64)> = [Key::Cod, Key::Nh3n, Key::So2, Key::Nox]
        .into_iter()
        .map(|k| (k.label(), t[k]))
        .filter(|(_, v)| positive(&round_half_up(*v, 1)))
        .collect();
    let cut_zh: Vec<String> = cut
        .iter()
        .map(|(name, v)| format!("{} {}", name.zh, tonnes_zh(*v, "吨")))
        .collect();
    let cut_en: Vec<String> = cut
        .iter()
        .map(|(name, v)| format!("{} of {}", tonnes_en(*v), name.en))
        .collect();

    // Chinese: 淘汰…，节约…，节水…；实施减排项目N个，削减…。
    let mut zh_a = Vec::new();
    if !closed_zh.is_empty() {
        zh_a.push(format!("淘汰{}", closed_zh.join("、")));
    }
    zh_a.extend(saved_zh);
    let mut zh_b = Vec::new();
    if implemented > 0 {
        zh_b.push(format!("实施减排项目{implemented}个"));
    }
    if !cut_zh.is_empty() {
        zh_b.push(format!("削减{}", cut_zh.join("、")));
    }
    let zh_parts: Vec<String> = [zh_a.join("，"), zh_b.join("，")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();

    // English: one sentence of closures, one of savings and projects, one of reductions; the
    // first names the county and the year, the others say "It".
    let lead_en = year.map_or("The county".to_owned(), |y| format!("In {y} the county"));
    let mut sentences: Vec<String> = Vec::new();
    let subject = |sentences: &Vec<String>| {
        if sentences.is_empty() {
            lead_en.clone()
        } else {
            "It".to_owned()
        }
    };
    if !closed_en.is_empty() {
        sentences.push(format!("{} {}.", subject(&sentences), join_en(&closed_en)));
    }
    let saved = (!saved_en.is_empty()).then(|| format!("saved {}", join_en(&saved_en)));
    let projects = (implemented > 0).then(|| format!("implemented {}", projects_en(implemented)));
    let middle = match (saved, projects) {
        (Some(s), Some(p)) if s.contains(" and ") => Some(format!("{s}, and {p}")),
        (Some(s), Some(p)) => Some(format!("{s} and {p}")),
        (s, p) => s.or(p),
    };
    if let Some(m) = middle {
        sentences.push(format!("{} {m}.", subject(&sentences)));
    }
    if !cut_en.is_empty() {
        let list = join_en(&cut_en);
        sentences.push(if sentences.is_empty() {
            match year {
                Some(y) => format!("In {y} the county's reductions totalled {list}."),
                None => format!("The county's reductions totalled {list}."),
            }
        } else {
            format!("Reductions totalled {list}.")
        });
    }

    let lead_zh = year.map_or("全县".to_owned(), |y| format!("{y}年全县"));
    if zh_parts.is_empty() {
        return Bulletin {
            zh: format!("{lead_zh}暂无可核算的减排量。"),
            en: format!("{lead_en} has no reductions to report yet."),
            note: NOTE,
        };
    }
    Bulletin {
        zh: format!("{lead_zh}{}。", zh_parts.join("；")),
        en: sentences.join(" "),
        note: NOTE,
    }
}

/// The note printed under the 2021 paragraph: the same rounding rule, and what N counts there.
pub const NOTE_2021: Label = Label::new(
    "数字修约：不足1万吨的保留一位小数（单位：吨），1万吨及以上的保留两位小数（单位：万吨），\
     个数取整，均四舍五入。“实施主要污染物重点减排工程N项”为计入合计的全部项目数（含产业结构升级即\
     结构减排项目；有错误或编号重复而未计入合计的项目不计；本年计入月数为0的项目计入）；减排量为计入\
     合计的全部项目之和；括号内“已扣减”一句仅在有用于新改扩建项目区域削减的减排量扣减时写出。",
    "Rounding: figures under 10,000 t to 0.1 t, from 10,000 t to the nearest 100 t, counts to whole \
     numbers, halves rounded up. The number of key emission-reduction projects counts every project \
     in the totals, structural ones (industrial restructuring) included (not projects left out of the \
     totals for an error or a repeated id; a project credited no month this year is counted); the \
     reductions are those of every project in the totals. The words on offsets appear only when \
     reductions used as offsets for new, modified or expanded projects were deducted.",
);

/// What the 2021 paragraph is written from (docs/methodology.md, "The bulletin paragraph").
#[derive(Clone, Copy, Debug)]
pub struct Inputs2021<'a> {
    /// Projects in the totals, every category ("实施主要污染物重点减排工程N项").
    pub projects: usize,
    /// The credited totals (net of any offsets deducted).
    pub totals: &'a Amounts,
    pub year: Option<i64>,
    pub order: BulletinOrder,
    /// Whether the SO₂ clause is written (`settings.bulletin_so2`).
    pub so2: bool,
    /// The reductions already deducted from the totals because they were used as 区域削减 for
    /// new, modified or expanded projects, per key. Only whether any written pollutant's amount
    /// rounds to more than nothing is read: then the paragraph says "（用于新改扩建项目区域削减的
    /// 减排量已扣减）". The report passes zero until offsets are accounted.
    pub offsets_deducted: &'a Amounts,
}

/// The 2021 bulletin's pollutant names, as the counties' documents write them.
fn name_2021(k: Key) -> (&'static str, &'static str) {
    match k {
        Key::Cod => ("化学需氧量", "COD"),
        Key::Nh3n => ("氨氮", "NH₃-N"),
        Key::Nox => ("氮氧化物", "NOₓ"),
        Key::Vocs => ("挥发性有机物", "VOCs"),
        _ => ("二氧化硫", "SO₂"),
    }
}

/// Writes the paragraph of the 2021 method ("2026年，全县实施主要污染物重点减排工程N项，形成化学需氧量、
/// 氨氮、氮氧化物、挥发性有机物重点工程减排量分别为A吨、B吨、C吨、D吨（用于新改扩建项目区域削减的减排量
/// 已扣减）；淘汰落后产能企业E家、设备F台，节约标准煤G吨，减少二氧化碳排放约H吨（估算）。"). Clauses
/// with nothing to say are left out, as [`write`] does.
pub fn write_2021(i: &Inputs2021<'_>) -> Bulletin {
    let t = i.totals;
    let keys: [Key; 4] = match i.order {
        BulletinOrder::CodFirst => [Key::Cod, Key::Nh3n, Key::Nox, Key::Vocs],
        BulletinOrder::NoxFirst => [Key::Nox, Key::Vocs, Key::Cod, Key::Nh3n],
    };
    let shown = |k: Key| positive(&round_half_up(t[k], 1));
    let cut: Vec<Key> = keys.into_iter().filter(|k| shown(*k)).collect();
    let so2 = i.so2 && shown(Key::So2);
    let deducted = cut
        .iter()
        .copied()
        .chain(so2.then_some(Key::So2))
        .any(|k| positive(&round_half_up(i.offsets_deducted[k], 1)));
    let lead_zh = i.year.map_or("全县".to_owned(), |y| format!("{y}年，全县"));
    let lead_en = i
        .year
        .map_or("The county".to_owned(), |y| format!("In {y} the county"));
    if i.projects == 0 {
        return Bulletin {
            zh: format!("{lead_zh}暂无可核算的重点工程减排量。"),
            en: format!("{lead_en} has no key-project reductions to report yet."),
            note: NOTE_2021,
        };
    }

    // Chinese: 实施…N项，形成…分别为…（…已扣减），二氧化硫…；淘汰…，节约标准煤…，减少二氧化碳排放约…。
    let mut first_zh = format!("实施主要污染物重点减排工程{}项", i.projects);
    if !cut.is_empty() {
        let names: Vec<&str> = cut.iter().map(|k| name_2021(*k).0).collect();
        let values: Vec<String> = cut.iter().map(|k| tonnes_zh(t[*k], "吨")).collect();
        if cut.len() == 1 {
            first_zh.push_str(&format!("，形成{}重点工程减排量{}", names[0], values[0]));
        } else {
            first_zh.push_str(&format!(
                "，形成{}重点工程减排量分别为{}",
                names.join("、"),
                values.join("、")
            ));
        }
    }
    if deducted {
        first_zh.push_str("（用于新改扩建项目区域削减的减排量已扣减）");
    }
    if so2 {
        first_zh.push_str(&format!(
            "，二氧化硫减排量{}（省级考核指标）",
            tonnes_zh(t[Key::So2], "吨")
        ));
    }
    let mut closed_zh = Vec::new();
    let mut done_en = Vec::new();
    for (key, zh, en) in [
        (
            Key::Enterprises,
            "落后产能企业{}家",
            "closed {} enterprises with outdated production capacity",
        ),
        (
            Key::Equipment,
            "设备{}台",
            "scrapped {} items of outdated equipment",
        ),
        (
            Key::Boilers,
            "燃煤小锅炉{}台",
            "shut down {} small coal-fired boilers",
        ),
    ] {
        let n = count(t[key]);
        if positive(&n) {
            closed_zh.push(zh.replace("{}", &n));
            done_en.push(en.replace("{}", &group_int(&n)));
        }
    }
    let mut second_zh = Vec::new();
    if !closed_zh.is_empty() {
        second_zh.push(format!("淘汰{}", closed_zh.join("、")));
    }
    if shown(Key::Tce) {
        second_zh.push(format!("节约标准煤{}", tonnes_zh(t[Key::Tce], "吨")));
        done_en.push(format!(
            "saved {} of standard coal equivalent",
            tonnes_en(t[Key::Tce])
        ));
    }
    if shown(Key::Co2) {
        second_zh.push(format!(
            "减少二氧化碳排放约{}（估算）",
            tonnes_zh(t[Key::Co2], "吨")
        ));
        done_en.push(format!(
            "cut CO₂ emissions by an estimated {}",
            tonnes_en(t[Key::Co2])
        ));
    }
    let mut zh = format!("{lead_zh}{first_zh}");
    if !second_zh.is_empty() {
        zh.push('；');
        zh.push_str(&second_zh.join("，"));
    }
    zh.push('。');

    // English: the projects and their reductions; SO₂; then closures and savings with "also".
    let s = if i.projects == 1 { "" } else { "s" };
    let mut first_en = format!(
        "{lead_en} implemented {} key emission-reduction project{s}",
        group_int(&i.projects.to_string())
    );
    if !cut.is_empty() {
        let list: Vec<String> = cut
            .iter()
            .map(|k| format!("{} of {}", tonnes_en(t[*k]), name_2021(*k).1))
            .collect();
        first_en.push_str(&format!(
            ", with key-project reductions of {}",
            join_en(&list)
        ));
    }
    if deducted {
        first_en
            .push_str(" (net of the reductions used to offset new, modified or expanded projects)");
    }
    first_en.push('.');
    let mut sentences = vec![first_en];
    if so2 {
        sentences.push(format!(
            "SO₂ reductions, a provincial assessment indicator, came to {}.",
            tonnes_en(t[Key::So2])
        ));
    }
    if !done_en.is_empty() {
        sentences.push(format!("It also {}.", join_en(&done_en)));
    }
    Bulletin {
        zh,
        en: sentences.join(" "),
        note: NOTE_2021,
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
    fn rounding_is_half_away_from_zero_on_the_printed_digits() {
        assert_eq!(round_half_up(203.25, 1), "203.3");
        assert_eq!(round_half_up(203.24, 1), "203.2");
        // 0.15 is 0.1499999999999999944… in binary; its printed digits are 0.15.
        assert_eq!(round_half_up(0.15, 1), "0.2");
        assert_eq!(round_half_up(0.1 + 0.2, 1), "0.3");
        assert_eq!(round_half_up(203.249_999_999_9, 1), "203.3");
        assert_eq!(round_half_up(9.96, 1), "10.0");
        assert_eq!(round_half_up(999.95, 1), "1000.0");
        assert_eq!(round_half_up(1713.0, 1), "1713.0");
        assert_eq!(round_half_up(2.375, 2), "2.38");
        assert_eq!(round_half_up(2.5, 0), "3");
        assert_eq!(round_half_up(-2.5, 0), "-3");
        assert_eq!(round_half_up(-0.04, 1), "0.0");
        assert_eq!(round_half_up(0.0, 1), "0.0");
        assert_eq!(round_half_up(1e-12, 1), "0.0");
    }

    #[test]
    fn tonnes_in_bulletin_style() {
        // Below 10,000 t: 0.1 t, the decimal always shown.
        assert_eq!(tonnes_zh(802.34, "吨"), "802.3吨");
        assert_eq!(tonnes_zh(203.25, "吨"), "203.3吨");
        assert_eq!(tonnes_zh(1713.0, "吨"), "1713.0吨");
        assert_eq!(tonnes_zh(800.0, "吨"), "800.0吨");
        assert_eq!(tonnes_zh(9_999.9, "吨"), "9999.9吨");
        // From 10,000 t (as rounded): 0.01万吨.
        assert_eq!(tonnes_zh(9_999.96, "吨"), "1.00万吨");
        assert_eq!(tonnes_zh(26_000.0, "吨"), "2.60万吨");
        assert_eq!(tonnes_zh(23_762.3, "吨"), "2.38万吨");
        assert_eq!(tonnes_zh(230_000.0, "吨"), "23.00万吨");
        // English: the same precision, in tonnes.
        assert_eq!(tonnes_en(802.34), "802.3 t");
        assert_eq!(tonnes_en(1713.0), "1,713.0 t");
        assert_eq!(tonnes_en(9_999.96), "10,000 t");
        assert_eq!(tonnes_en(23_762.3), "23,800 t");
        assert_eq!(tonnes_en(23_749.9), "23,700 t");
        assert_eq!(tonnes_en(196_666.666_7), "196,700 t");
        assert_eq!(tonnes_en(1_234_567.0), "1,234,600 t");
    }

    #[test]
    fn a_clause_is_left_out_when_its_figure_rounds_to_nothing() {
        let mut t = Amounts::default();
        t[Key::Cod] = 0.04;
        t[Key::Nox] = 0.05;
        t[Key::So2] = -3.0;
        t[Key::Boilers] = 0.4;
        let b = write(0, &t, Some(2026));
        assert_eq!(b.zh, "2026年全县削减NOₓ 0.1吨。");
        assert_eq!(
            b.en,
            "In 2026 the county's reductions totalled 0.1 t of NOₓ."
        );
        let mut cod = Amounts::default();
        cod[Key::Cod] = 1.25;
        assert_eq!(
            write(0, &cod, None).en,
            "The county's reductions totalled 1.3 t of COD."
        );
        let none = write(0, &Amounts::default(), None);
        assert_eq!(none.zh, "全县暂无可核算的减排量。");
        assert_eq!(none.en, "The county has no reductions to report yet.");
    }

    #[test]
    fn english_sentences_by_what_there_is() {
        let mut t = Amounts::default();
        t[Key::Cod] = 12.34;
        let b = write(1, &t, Some(2025));
        assert_eq!(b.zh, "2025年全县实施减排项目1个，削减COD 12.3吨。");
        assert_eq!(
            b.en,
            "In 2025 the county implemented 1 emission-reduction project. Reductions totalled 12.3 t of COD."
        );
        t[Key::Tce] = 150.04;
        t[Key::Boilers] = 3.0;
        let b = write(2, &t, None);
        assert_eq!(
            b.zh,
            "全县淘汰燃煤小锅炉3台，节约标煤150.0吨；实施减排项目2个，削减COD 12.3吨。"
        );
        assert_eq!(
            b.en,
            "The county shut down 3 small coal-fired boilers. It saved 150.0 t of standard coal equivalent and implemented 2 emission-reduction projects. Reductions totalled 12.3 t of COD."
        );
        assert_eq!(b.note, NOTE);
    }

    fn inputs<'a>(t: &'a Amounts, offsets: &'a Amounts) -> Inputs2021<'a> {
        Inputs2021 {
            projects: 2,
            totals: t,
            year: Some(2026),
            order: BulletinOrder::CodFirst,
            so2: false,
            offsets_deducted: offsets,
        }
    }

    #[test]
    fn the_2021_offsets_words_appear_only_when_something_was_deducted() {
        let mut t = Amounts::default();
        t[Key::Cod] = 12.34;
        t[Key::Nox] = 5.0;
        let none = Amounts::default();
        let b = write_2021(&inputs(&t, &none));
        // One clause: no 淘汰, no 标准煤, no CO₂; two pollutants: 分别为.
        assert_eq!(
            b.zh,
            "2026年，全县实施主要污染物重点减排工程2项，形成化学需氧量、氮氧化物重点工程减排量分别为12.3吨、5.0吨。"
        );
        assert_eq!(
            b.en,
            "In 2026 the county implemented 2 key emission-reduction projects, with key-project reductions of 12.3 t of COD and 5.0 t of NOₓ."
        );
        // 0.04 t deducted rounds to nothing: still no words.
        let mut tiny = Amounts::default();
        tiny[Key::Cod] = 0.04;
        assert_eq!(write_2021(&inputs(&t, &tiny)), b);
        // An offset of a key the paragraph does not write (SO₂, no clause asked) says nothing.
        let mut so2 = Amounts::default();
        so2[Key::So2] = 3.0;
        assert_eq!(write_2021(&inputs(&t, &so2)), b);
        let mut off = Amounts::default();
        off[Key::Nox] = 1.5;
        let d = write_2021(&inputs(&t, &off));
        assert_eq!(
            d.zh,
            "2026年，全县实施主要污染物重点减排工程2项，形成化学需氧量、氮氧化物重点工程减排量分别为12.3吨、5.0吨（用于新改扩建项目区域削减的减排量已扣减）。"
        );
        assert_eq!(
            d.en,
            "In 2026 the county implemented 2 key emission-reduction projects, with key-project reductions of 12.3 t of COD and 5.0 t of NOₓ (net of the reductions used to offset new, modified or expanded projects)."
        );
        assert_eq!(d.note, NOTE_2021);
    }

    #[test]
    fn the_2021_paragraph_with_nothing_and_in_wan_tonnes() {
        let none = Amounts::default();
        let mut i = inputs(&none, &none);
        i.projects = 0;
        i.year = None;
        let b = write_2021(&i);
        assert_eq!(b.zh, "全县暂无可核算的重点工程减排量。");
        assert_eq!(
            b.en,
            "The county has no key-project reductions to report yet."
        );
        let mut t = Amounts::default();
        t[Key::Vocs] = 23_762.3;
        t[Key::Boilers] = 20.0;
        let mut i = inputs(&t, &none);
        i.projects = 1;
        let b = write_2021(&i);
        assert_eq!(
            b.zh,
            "2026年，全县实施主要污染物重点减排工程1项，形成挥发性有机物重点工程减排量2.38万吨；淘汰燃煤小锅炉20台。"
        );
        assert_eq!(
            b.en,
            "In 2026 the county implemented 1 key emission-reduction project, with key-project reductions of 23,800 t of VOCs. It also shut down 20 small coal-fired boilers."
        );
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
