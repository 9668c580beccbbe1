//! Checks on every interface text and message, so a sentence fragment cannot creep back: each is
//! whole in both languages (no leading or trailing space, no text that continues or opens a
//! sentence around a value), the Chinese is Chinese and the English is not, no two texts are the
//! same in both languages, and each message uses all its values in both languages.

use super::messages::TEMPLATES;
use super::*;

/// A Chinese character, or the full-width punctuation only Chinese text uses (“：”, “（”, “。”).
fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// Texts that end with a colon because a list follows them (never a value).
const LIST_INTROS: [Text; 4] = [
    Text::LoadFailed,
    Text::PreviewProblems,
    Text::CsvProblems,
    Text::DoubleCountingIntro,
];

/// Texts that are the same in both languages or say the other language's name on purpose.
const SAME_OR_CROSSED: [Text; 1] = [Text::SwitchLang];

/// What is wrong with one language's text of `name`, if anything.
fn whole(name: &str, text: &str, chinese: bool, ends_with_colon_ok: bool) -> Vec<String> {
    let mut wrong = Vec::new();
    if text.is_empty() {
        wrong.push(format!("{name}: empty"));
    }
    if text.trim() != text {
        wrong.push(format!("{name}: leading or trailing space in {text:?}"));
    }
    if text.starts_with([',', '.', ';', ':', ')', '，', '。', '；', '：', '）', '、']) {
        wrong.push(format!("{name}: continues a sentence: {text:?}"));
    }
    if text.ends_with(['(', '（', '“', '"']) {
        wrong.push(format!("{name}: opens what a value would close: {text:?}"));
    }
    if !ends_with_colon_ok && text.ends_with([':', '：']) {
        wrong.push(format!("{name}: a label glued to a value: {text:?}"));
    }
    if chinese != text.chars().any(is_cjk) {
        let which = if chinese {
            "Chinese without"
        } else {
            "English with"
        };
        wrong.push(format!(
            "{name}: {which} Chinese characters or punctuation: {text:?}"
        ));
    }
    wrong
}

#[test]
fn every_text_is_whole_in_both_languages() {
    assert!(Text::ALL.len() > 150, "the list is the whole table");
    let mut wrong = Vec::new();
    for &text in Text::ALL {
        let (zh, en) = (t(Lang::Zh, text), t(Lang::En, text));
        let name = format!("{text:?}");
        let colon = LIST_INTROS.contains(&text);
        if SAME_OR_CROSSED.contains(&text) {
            assert!(!zh.is_empty() && !en.is_empty(), "{name}");
            continue;
        }
        wrong.extend(whole(&name, zh, true, colon));
        wrong.extend(whole(&name, en, false, colon));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_texts_say_the_same_in_both_languages() {
    let mut seen = std::collections::HashMap::new();
    let mut twins = Vec::new();
    for &text in Text::ALL {
        let pair = (t(Lang::Zh, text), t(Lang::En, text));
        if let Some(first) = seen.insert(pair, text) {
            twins.push(format!("{first:?} = {text:?}: {pair:?}"));
        }
    }
    assert!(twins.is_empty(), "merge them:\n{}", twins.join("\n"));
}

/// The `{name}` placeholders of a format string, in order.
fn placeholders(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn every_message_is_whole_and_uses_each_value_in_both_languages() {
    assert!(TEMPLATES.len() >= 20);
    let mut wrong = Vec::new();
    for m in TEMPLATES {
        // A message may end with a colon: its list follows. It may not open with one.
        wrong.extend(whole(m.name, m.zh, true, true));
        wrong.extend(whole(m.name, m.en, false, true));
        for (lang, template) in [("zh", m.zh), ("en", m.en)] {
            let mut used = placeholders(template);
            used.sort_unstable();
            used.dedup();
            let mut declared = m.params.to_vec();
            declared.sort_unstable();
            if used != declared {
                wrong.push(format!(
                    "{} ({lang}) uses {used:?}, declares {declared:?}",
                    m.name
                ));
            }
        }
        if m.zh == m.en {
            wrong.push(format!("{}: not translated", m.name));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_names_of_the_messages_are_not_texts_too() {
    let texts: Vec<String> = Text::ALL.iter().map(|t| format!("{t:?}")).collect();
    for m in TEMPLATES {
        assert!(!texts.iter().any(|t| t == m.name), "{} is both", m.name);
    }
}

#[test]
fn a_message_puts_its_values_where_each_language_wants_them() {
    let m = Msg::ShareTooLarge {
        length: 9123,
        max: Thousands(8000),
    };
    assert_eq!(
        msg(Lang::Zh, m),
        "内容太多，无法放进一个链接（链接将有 9123 个字符，上限 8000）。请改为保存项目文件发送。"
    );
    assert_eq!(
        msg(Lang::En, m),
        "Too much to fit in a link (it would be 9123 characters; the limit is 8,000). Save the project file and send that instead."
    );
    let rows = Msg::RowsShown { shown: 3, all: 17 };
    assert_eq!(msg(Lang::Zh, rows), "显示 3 / 17");
    assert_eq!(msg(Lang::En, rows), "Showing 3 of 17");
}

#[test]
fn the_interface_says_coefficient_library_not_factor_library() {
    let mut wrong = Vec::new();
    let all = Text::ALL
        .iter()
        .map(|&x| (format!("{x:?}"), t(Lang::Zh, x), t(Lang::En, x)))
        .chain(TEMPLATES.iter().map(|m| (m.name.to_owned(), m.zh, m.en)));
    for (name, zh, en) in all {
        // 电网排放因子 / grid emission factor is the name of the announced quantity (MEE/NBS
        // 电力二氧化碳排放因子), not this tool's word for a library entry.
        let zh = zh.replace("电网排放因子", "");
        let en = en.to_lowercase().replace("grid emission factor", "");
        if zh.contains("因子") || en.contains("factor") {
            wrong.push(format!("{name}: {zh} / {en}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
