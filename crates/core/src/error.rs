//! Typed input errors. Each names the project and the field it is about; the text is produced
//! here in both languages so that the app and the CLI say the same thing.

use crate::json::SyntaxProblem;
use crate::lang::Lang;
use serde::Serialize;
use std::fmt;

/// One thing wrong with the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Error {
    /// `id` of the project concerned (or its position, `#3`, when it has no usable id).
    pub project: Option<String>,
    /// Field path inside the project (`measure.flow_m3_per_day`) or the file (`settings.crediting`).
    pub field: Option<String>,
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
    /// The bytes are not UTF-8 from `line` on (an older editor's GBK/GB18030, or UTF-16).
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
    /// A month outside 1–12.
    Month { value: f64 },
    /// An "after" value above its "before" value where that is impossible.
    AfterAboveBefore {
        before_field: String,
        before: f64,
        after: f64,
    },
    /// An efficiency or removal rate "after" below its "before": a retrofit cannot lower it.
    AfterBelowBefore {
        before_field: String,
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
}

impl Error {
    pub fn new(project: Option<&str>, field: Option<String>, kind: ErrorKind) -> Self {
        Error {
            project: project.map(str::to_owned),
            field,
            kind,
        }
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
            s.push_str(&match lang {
                Lang::Zh => format!("字段 {f}"),
                Lang::En => format!("field {f}"),
            });
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
            (NotUtf8 { line, probably }, Lang::Zh) => format!(
                "文件不是 UTF-8 编码（第 {line} 行起；可能是 {probably}，旧版编辑器常用的编码）。\
                 请用记事本打开，「另存为」→ 编码选「UTF-8」后保存；WPS、Excel 另存时同样选择 UTF-8 编码"
            ),
            (NotUtf8 { line, probably }, Lang::En) => format!(
                "the file is not UTF-8 text (from line {line}; probably {probably}, as older editors save). \
                 Open it in Notepad and use Save As → Encoding: UTF-8; in WPS or Excel likewise choose UTF-8 when saving"
            ),
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
            (UnsupportedFormat { found }, Lang::Zh) => {
                format!("不支持的文件格式 “{found}”，本版本读取 “jianpai/1”")
            }
            (UnsupportedFormat { found }, Lang::En) => {
                format!("unsupported file format \"{found}\"; this version reads \"jianpai/1\"")
            }
            (UnknownMeasureType { found }, Lang::Zh) => format!(
                "未知的措施类型 “{found}”，可选：{}",
                crate::measures::TYPES.join("、")
            ),
            (UnknownMeasureType { found }, Lang::En) => format!(
                "unknown measure type \"{found}\"; expected one of {}",
                crate::measures::TYPES.join(", ")
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
            (Month { value }, Lang::Zh) => format!("月份应为 1–12（{value}）"),
            (Month { value }, Lang::En) => format!("a month must be 1–12 ({value})"),
            (
                AfterAboveBefore {
                    before_field,
                    before,
                    after,
                },
                Lang::Zh,
            ) => {
                format!("治理后的值 {after} 高于治理前 {before_field} 的 {before}")
            }
            (
                AfterAboveBefore {
                    before_field,
                    before,
                    after,
                },
                Lang::En,
            ) => {
                format!(
                    "the after value {after} is above the before value {before} ({before_field})"
                )
            }
            (
                AfterBelowBefore {
                    before_field,
                    before,
                    after,
                },
                Lang::Zh,
            ) => {
                format!("治理后的值 {after} 低于治理前 {before_field} 的 {before}")
            }
            (
                AfterBelowBefore {
                    before_field,
                    before,
                    after,
                },
                Lang::En,
            ) => {
                format!(
                    "the after value {after} is below the before value {before} ({before_field})"
                )
            }
            (NotPositive { value }, Lang::Zh) => format!("必须大于 0（{value}）"),
            (NotPositive { value }, Lang::En) => format!("must be greater than 0 ({value})"),
            (NotFinite, _) => lang
                .pick("数值无效（非有限数）", "the value is not a finite number")
                .into(),
            (UnknownFactor { id }, Lang::Zh) => format!("系数库中没有系数 “{id}”"),
            (UnknownFactor { id }, Lang::En) => {
                format!("the factor library has no factor \"{id}\"")
            }
            (OverrideWithoutNote { id }, Lang::Zh) => {
                format!("覆盖系数 “{id}” 必须填写理由（note）")
            }
            (OverrideWithoutNote { id }, Lang::En) => {
                format!("the override of \"{id}\" needs a justification (note)")
            }
            (DuplicateId { id }, Lang::Zh) => format!("项目编号 “{id}” 重复"),
            (DuplicateId { id }, Lang::En) => format!("the project id \"{id}\" is used twice"),
            (NothingToCompute, _) => lang
                .pick(
                    "没有可计算的数据（请至少填写一组治理前后数值）",
                    "nothing to compute (give at least one before/after pair)",
                )
                .into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
