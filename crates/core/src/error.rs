//! Typed input errors. Each names the project and the field it is about; the text is produced
//! here in both languages so that the app and the CLI say the same thing.

use crate::choice::Choice;
use crate::lang::{Label, Lang};
use crate::measure_type::MeasureType;
use serde::Serialize;
use std::fmt;

/// One thing wrong with the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Error {
    /// `id` of the project concerned (or its position, `#3`, when it has no usable id).
    pub project: Option<String>,
    /// Field path inside the project (`measure.flow_m3_per_day`) or the file (`settings.crediting`).
    pub field: Option<String>,
    /// The field's label, when the field is a declared input: messages name it by its label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    pub kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ErrorKind {
    /// The text is not JSON (`column` in characters).
    Syntax {
        line: usize,
        column: usize,
        problem: SyntaxProblem,
    },
    /// The bytes are not UTF-8 from `line` on; `probably` says what they are (`GBK/GB18030`,
    /// `UTF-16`, `cut`, `mixed`, `unknown`, or a kind of file that is not text: `PNG`, `ZIP`, …;
    /// see [`crate::encoding`]).
    NotUtf8 { line: usize, probably: &'static str },
    /// A key given twice in one JSON object (the error's field is its path).
    DuplicateKey { key: String, line: usize },
    /// A JSON object was expected.
    NotAnObject,
    /// A JSON array was expected.
    NotAList,
    /// `format` is missing or not a version this build reads.
    UnsupportedFormat { found: String },
    /// `measure.type` names no measure this build knows.
    UnknownMeasureType { found: String },
    /// A text field holds a value outside its list of choices.
    UnknownChoice {
        found: String,
        expected: Vec<&'static str>,
    },
    /// A required field is absent.
    Missing,
    /// A number was expected.
    NotANumber,
    /// A whole number was expected (counts, months, years).
    NotAnInteger,
    /// Text was expected.
    NotText,
    /// true or false was expected.
    NotABoolean,
    /// A quantity below zero.
    Negative { value: f64 },
    /// A percentage outside 0–100.
    Percent { value: f64 },
    /// A value outside its hard limits.
    OutOfRange { value: f64, min: f64, max: f64 },
    /// A quantity above the ceiling no real project reaches (a typing or unit error).
    AboveCeiling { value: f64, ceiling: f64 },
    /// A month outside 1–12.
    Month { value: f64 },
    /// An "after" value above its "before" value where that is impossible.
    AfterAboveBefore {
        before_field: String,
        before_label: Label,
        before: f64,
        after: f64,
    },
    /// An efficiency or removal rate "after" below its "before": a retrofit cannot lower it.
    AfterBelowBefore {
        before_field: String,
        before_label: Label,
        before: f64,
        after: f64,
    },
    /// A value that must be above zero (it divides).
    NotPositive { value: f64 },
    /// A value or a result that is NaN or infinite.
    NotFinite,
    /// An override of a factor id the library does not have.
    UnknownFactor { id: String },
    /// An override without a justification.
    OverrideWithoutNote { id: String },
    /// Two projects share one id.
    DuplicateId { id: String },
    /// A measure with nothing to compute (e.g. no pollutant pair given).
    NothingToCompute,
    /// A file recording a factor-library version this build does not ship.
    UnknownLibrary { version: String, known: Vec<String> },
    /// A project's `start_year` after the file's `year`: it cannot reduce anything yet.
    StartYearAfterYear { start_year: i64, year: i64 },
    /// An offset (`offset.<key>`) above the project's full-year reduction of that key: more than
    /// the project reduces is used elsewhere (docs/methodology.md §2.4).
    OffsetAboveFullYear { value: f64, full_year: f64 },
    /// Neither of two fields of which one (at least) must be given: reported at the first, naming
    /// the other (`reclaimed_water`'s two concentrations, `rural_sewage`'s flow or population).
    NeitherGiven {
        other_field: String,
        other_label: Label,
    },
    /// Both of two fields of which only one may be given (`rural_sewage`'s flow and
    /// population): reported at the second, naming the first.
    BothGiven {
        other_field: String,
        other_label: Label,
    },
    /// A date that is not a calendar date written `YYYY-MM-DD` (`review.evidence.N.date`).
    NotADate { found: String },
}

impl Error {
    pub fn new(project: Option<&str>, field: Option<String>, kind: ErrorKind) -> Self {
        Error {
            project: project.map(str::to_owned),
            field,
            label: None,
            kind,
        }
    }

    /// The same error, naming its field by this label.
    pub fn labelled(mut self, label: Label) -> Self {
        self.label = Some(label);
        self
    }

    /// The full message: where, then what.
    pub fn message(&self, lang: Lang) -> String {
        let mut s = String::new();
        if let Some(p) = &self.project {
            s.push_str(&match lang {
                Lang::Zh => format!("项目 {p}"),
                Lang::En => format!("project {p}"),
            });
        }
        if let Some(f) = &self.field {
            if !s.is_empty() {
                s.push_str(lang.pick("，", ", "));
            }
            match self.label {
                Some(l) => s.push_str(l.get(lang)),
                None => s.push_str(&match lang {
                    Lang::Zh => format!("字段 {f}"),
                    Lang::En => format!("field {f}"),
                }),
            }
        }
        if !s.is_empty() {
            s.push_str(lang.pick("：", ": "));
        }
        s.push_str(&self.kind.describe(lang));
        s
    }
}

impl ErrorKind {
    /// What is wrong, without the location.
    pub fn describe(&self, lang: Lang) -> String {
        use ErrorKind::*;
        match (self, lang) {
            (
                Syntax {
                    line,
                    column,
                    problem,
                },
                Lang::Zh,
            ) => format!("第 {line} 行第 {column} 列：{}", problem.describe(lang)),
            (
                Syntax {
                    line,
                    column,
                    problem,
                },
                Lang::En,
            ) => format!("line {line}, column {column}: {}", problem.describe(lang)),
            (NotUtf8 { line, probably }, _) => crate::encoding::describe(*line, probably, lang),
            (DuplicateKey { key, line }, Lang::Zh) => {
                format!("键 “{key}” 在同一个对象中出现了两次（第 {line} 行），请删去多余的一个")
            }
            (DuplicateKey { key, line }, Lang::En) => format!(
                "the key \"{key}\" appears twice in the same object (line {line}); remove one of them"
            ),
            (NotAnObject, _) => lang
                .pick("应为对象 {…}", "an object {…} was expected")
                .into(),
            (NotAList, _) => lang.pick("应为列表 […]", "a list […] was expected").into(),
            // No `format` at all (or an empty one): say it is missing, not that "" is unknown.
            (UnsupportedFormat { found }, Lang::Zh) if found.is_empty() => {
                "缺少文件格式 “format”（本版本读取 “jianpai/1” 文件）".to_owned()
            }
            (UnsupportedFormat { found }, Lang::En) if found.is_empty() => {
                "the file format \"format\" is missing (this version reads \"jianpai/1\" files)"
                    .to_owned()
            }
            (UnsupportedFormat { found }, Lang::Zh) => {
                format!("不支持的文件格式 “{found}”，本版本读取 “jianpai/1”")
            }
            (UnsupportedFormat { found }, Lang::En) => {
                format!("unsupported file format \"{found}\"; this version reads \"jianpai/1\"")
            }
            (UnknownMeasureType { found }, Lang::Zh) => format!(
                "未知的措施类型 “{found}”，可选：{}",
                MeasureType::NAMES.join("、")
            ),
            (UnknownMeasureType { found }, Lang::En) => format!(
                "unknown measure type \"{found}\"; expected one of {}",
                MeasureType::NAMES.join(", ")
            ),
            (UnknownChoice { found, expected }, Lang::Zh) => {
                format!("无效的取值 “{found}”，可选：{}", expected.join("、"))
            }
            (UnknownChoice { found, expected }, Lang::En) => {
                format!(
                    "invalid value \"{found}\"; expected one of {}",
                    expected.join(", ")
                )
            }
            (Missing, _) => lang.pick("缺少必填项", "required field is missing").into(),
            (NotANumber, _) => lang.pick("应为数字", "a number was expected").into(),
            (NotAnInteger, _) => lang
                .pick("应为非负整数", "a whole number was expected")
                .into(),
            (NotText, _) => lang.pick("应为文本", "text was expected").into(),
            (NotABoolean, _) => lang
                .pick("应为 true 或 false", "true or false was expected")
                .into(),
            (Negative { value }, Lang::Zh) => format!("不能为负数（{value}）"),
            (Negative { value }, Lang::En) => format!("must not be negative ({value})"),
            (Percent { value }, Lang::Zh) => format!("百分比应在 0–100 之间（{value}）"),
            (Percent { value }, Lang::En) => {
                format!("a percentage must be between 0 and 100 ({value})")
            }
            (OutOfRange { value, min, max }, Lang::Zh) => {
                format!("应在 {min}–{max} 之间（{value}）")
            }
            (OutOfRange { value, min, max }, Lang::En) => {
                format!("must be between {min} and {max} ({value})")
            }
            (AboveCeiling { value, ceiling }, Lang::Zh) => format!(
                "{value} 超过了任何实际项目都达不到的上限 {ceiling}：请检查数字和单位"
            ),
            (AboveCeiling { value, ceiling }, Lang::En) => format!(
                "{value} is above {ceiling}, more than any real project: check the number and its unit"
            ),
            (Month { value }, Lang::Zh) => format!("月份应为 1–12（{value}）"),
            (Month { value }, Lang::En) => format!("a month must be 1–12 ({value})"),
            (
                AfterAboveBefore {
                    before_label,
                    before,
                    after,
                    ..
                },
                Lang::Zh,
            ) => format!("{after} 高于{}（{before}），治理后不能高于治理前", before_label.zh),
            (
                AfterAboveBefore {
                    before_label,
                    before,
                    after,
                    ..
                },
                Lang::En,
            ) => format!(
                "{after} is above {} ({before}): after cannot exceed before",
                before_label.en
            ),
            (
                AfterBelowBefore {
                    before_label,
                    before,
                    after,
                    ..
                },
                Lang::Zh,
            ) => format!("{after} 低于{}（{before}），改造不会降低效率", before_label.zh),
            (
                AfterBelowBefore {
                    before_label,
                    before,
                    after,
                    ..
                },
                Lang::En,
            ) => format!(
                "{after} is below {} ({before}): a retrofit does not lower it",
                before_label.en
            ),
            (NotPositive { value }, Lang::Zh) => format!("必须大于 0（{value}）"),
            (NotPositive { value }, Lang::En) => format!("must be greater than 0 ({value})"),
            (NotFinite, _) => lang
                .pick("数值无效（非有限数）", "the value is not a finite number")
                .into(),
            (UnknownFactor { id }, Lang::Zh) => format!("系数库中没有系数 “{id}”"),
            (UnknownFactor { id }, Lang::En) => {
                format!("the coefficient library has no coefficient \"{id}\"")
            }
            // The id is named by the error's field (`overrides.<id>`).
            (OverrideWithoutNote { .. }, Lang::Zh) => {
                "请填写覆盖理由：没有理由的覆盖不会保存。".to_owned()
            }
            (OverrideWithoutNote { .. }, Lang::En) => {
                "Give a justification: an override without one is not saved.".to_owned()
            }
            (DuplicateId { id }, Lang::Zh) => format!("项目编号 “{id}” 重复"),
            (DuplicateId { id }, Lang::En) => format!("the project id \"{id}\" is used twice"),
            (NothingToCompute, _) => lang
                .pick(
                    "没有可计算的数据（请至少填写一组治理前后数值）",
                    "nothing to compute (give at least one before/after pair)",
                )
                .into(),
            (StartYearAfterYear { start_year, year }, Lang::Zh) => {
                format!("投运年份 {start_year} 晚于核算年份 {year}")
            }
            (StartYearAfterYear { start_year, year }, Lang::En) => {
                format!("the start year {start_year} is after the accounting year {year}")
            }
            (OffsetAboveFullYear { value, full_year }, Lang::Zh) => format!(
                "{value} 超过了本项目的全年减排量 {full_year}：扣减的不能多于项目减排的"
            ),
            (OffsetAboveFullYear { value, full_year }, Lang::En) => format!(
                "{value} is more than the project's full-year reduction, {full_year}: it cannot offset more than it reduces"
            ),
            (NeitherGiven { other_label, .. }, Lang::Zh) => {
                format!("请填写本项或 “{}”（至少一项）", other_label.zh)
            }
            (NeitherGiven { other_label, .. }, Lang::En) => {
                format!("give this or “{}” (at least one)", other_label.en)
            }
            (BothGiven { other_label, .. }, Lang::Zh) => {
                format!("本项与 “{}” 只能填写一项，请删去其中一项", other_label.zh)
            }
            (BothGiven { other_label, .. }, Lang::En) => {
                format!("give either this or “{}”, not both; remove one", other_label.en)
            }
            (NotADate { found }, Lang::Zh) => {
                format!("日期应写作 年-月-日，如 2026-03-31（“{found}”）")
            }
            (NotADate { found }, Lang::En) => {
                format!("a date must be written YYYY-MM-DD, e.g. 2026-03-31 (\"{found}\")")
            }
            (UnknownLibrary { version, known }, Lang::Zh) => format!(
                "本版本没有系数库 “{version}”（可能来自更新的版本），已知版本：{}；请用更新的版本打开",
                known.join("、")
            ),
            (UnknownLibrary { version, known }, Lang::En) => format!(
                "this build does not have the factor library \"{version}\" (perhaps from a newer build); \
                 it knows {}; open the file with a newer build",
                known.join(", ")
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

/// What is wrong with text that is not JSON: the categories of serde_json's messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SyntaxProblem {
    /// Nothing but spaces.
    Empty,
    EofInObject,
    EofInList,
    EofInString,
    EofInValue,
    ExpectedColon,
    ExpectedCommaOrBracket,
    ExpectedCommaOrBrace,
    /// A word that is not true, false or null (`tru`, `nul`).
    ExpectedIdent,
    ExpectedValue,
    KeyMustBeString,
    TrailingComma,
    TrailingCharacters,
    InvalidNumber,
    NumberOutOfRange,
    InvalidEscape,
    InvalidUnicodeEscape,
    /// A control character (a typed tab or line break, NUL, \x01 …) inside a quoted text.
    ControlCharacter,
    TooDeep,
    /// A full-width (Chinese) punctuation mark where JSON needs its ASCII twin, e.g. `，` `：` `“`.
    FullWidth {
        found: char,
    },
    /// Anything serde_json says that is not listed above.
    Other,
}

impl SyntaxProblem {
    /// What is wrong, in words a planner can act on.
    pub fn describe(self, lang: Lang) -> String {
        use SyntaxProblem::*;
        let (zh, en) = match self {
            Empty => ("文件是空的", "the file is empty"),
            EofInObject => (
                "文件在对象结束前中断（缺少 }）",
                "the file ends inside an object (a } is missing)",
            ),
            EofInList => (
                "文件在列表结束前中断（缺少 ]）",
                "the file ends inside a list (a ] is missing)",
            ),
            EofInString => (
                "文件在文本结束前中断（缺少右引号 \"）",
                "the file ends inside a text (a closing \" is missing)",
            ),
            EofInValue => (
                "文件在应有值的地方中断",
                "the file ends where a value should follow",
            ),
            ExpectedColon => ("键后面缺少冒号 :", "a : is missing after the key"),
            ExpectedCommaOrBracket => (
                "列表中的两项之间缺少逗号 ,（或列表缺少结尾的 ]）",
                "a , is missing between two items of a list (or the list's ] is missing)",
            ),
            ExpectedCommaOrBrace => (
                "对象中的两项之间缺少逗号 ,（或对象缺少结尾的 }）",
                "a , is missing between two entries of an object (or the object's } is missing)",
            ),
            ExpectedIdent => (
                "无法识别的词，应为 true、false 或 null",
                "an unknown word; true, false or null was expected",
            ),
            ExpectedValue => (
                "此处缺少值（数字、带引号的文本、true/false、null、{…} 或 […]）",
                "a value is missing here (a number, quoted text, true/false, null, {…} or […])",
            ),
            KeyMustBeString => (
                "键必须用英文双引号括起来，如 \"name\"",
                "a key must be in double quotes, like \"name\"",
            ),
            TrailingComma => (
                "最后一项后面多了一个逗号",
                "there is a comma after the last item",
            ),
            TrailingCharacters => (
                "JSON 已经结束，后面还有多余的内容",
                "there is more text after the end of the JSON",
            ),
            InvalidNumber => ("数字的写法不正确", "a number is written wrongly"),
            NumberOutOfRange => ("数字超出可表示的范围", "a number is too large"),
            InvalidEscape => (
                "文本中的反斜杠 \\ 后跟了无效的字符（反斜杠本身要写成 \\\\）",
                "a backslash \\ in a text is followed by an invalid character (write \\\\ for a backslash)",
            ),
            InvalidUnicodeEscape => (
                "文本中的 \\u 转义无效",
                "a \\u escape in a text is invalid",
            ),
            // NUL, \x01 … as well as a typed line break or tab: not only "a line break or tab".
            ControlCharacter => (
                "带引号的文本中有控制字符（换行、制表符请写成 \\n、\\t；NUL 等其他控制字符多半说明文件已损坏）",
                "a quoted text contains a control character (write a line break or tab as \\n or \\t; \
                 others, such as NUL, usually mean the file is damaged)",
            ),
            TooDeep => ("嵌套层数太多", "the nesting is too deep"),
            FullWidth { found } => {
                return match lang {
                    Lang::Zh => format!(
                        "这里用了中文全角标点 “{found}”，JSON 只认英文半角标点 , : \" {{ }} [ ]"
                    ),
                    Lang::En => format!(
                        "a full-width (Chinese) punctuation mark \"{found}\" is used here; JSON needs the ASCII ones , : \" {{ }} [ ]"
                    ),
                }
            }
            Other => ("文件不是有效的 JSON", "the file is not valid JSON"),
        };
        lang.pick(zh, en).into()
    }
}
