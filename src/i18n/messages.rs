//! Interface sentences with values in them, each a whole message in each language (`Msg` and
//! `msg`), so a translation can put the values where its word order wants them. Declared by
//! `messages!` from one list, which also gives the checks in `super::tests` every template.

use super::Lang;
use std::fmt::Display;

/// A value put into a message, shown in the message's language.
pub trait Param {
    /// What the message's format string prints.
    type Shown: Display;
    /// The value as the language writes it.
    fn show(self, lang: Lang) -> Self::Shown;
}

impl<'a> Param for &'a str {
    type Shown = &'a str;
    fn show(self, _: Lang) -> &'a str {
        self
    }
}

impl Param for usize {
    type Shown = usize;
    fn show(self, _: Lang) -> usize {
        self
    }
}

/// A whole number written with thousands separators in English ("8,000") and without in Chinese
/// ("8000"), as the limits in the messages are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thousands(pub usize);

impl Param for Thousands {
    type Shown = String;
    fn show(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.0.to_string(),
            Lang::En => jianpai_core::bulletin::grouped(self.0 as f64, 0),
        }
    }
}

/// One message's template, for the checks: its name, its parameters and both format strings.
#[cfg(test)]
pub(super) struct Template {
    pub name: &'static str,
    pub params: &'static [&'static str],
    pub zh: &'static str,
    pub en: &'static str,
}

/// Declares [`Msg`], [`msg`] and (for the tests) `TEMPLATES` from one list of
/// `Name { param: Type, … } => ("中文 {param}", "English {param}")`.
macro_rules! messages {
    ($lt:lifetime; $( $(#[doc = $doc:literal])* $name:ident { $($field:ident : $ty:ty),* $(,)? }
        => ($zh:literal, $en:literal $(,)?), )*) => {
        /// A sentence of the interface with the values it names.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg<$lt> {
            $( $(#[doc = $doc])* $name { $($field: $ty),* }, )*
        }

        /// The message in the given language, with its values in place.
        pub fn msg(lang: Lang, m: Msg<'_>) -> String {
            match m {
                $( Msg::$name { $($field),* } => {
                    $( let $field = Param::show($field, lang); )*
                    match lang {
                        Lang::Zh => format!($zh),
                        Lang::En => format!($en),
                    }
                } )*
            }
        }

        #[cfg(test)]
        pub(super) const TEMPLATES: &[Template] = &[
            $( Template { name: stringify!($name), params: &[$(stringify!($field)),*], zh: $zh, en: $en }, )*
        ];
    };
}

messages! { 'a;
    /// The heading of the register project selected below the table.
    SelectedProject { name: &'a str } => ("已选：{name}", "Selected: {name}"),
    /// The open register's file name, beside when it was last saved.
    ProjectFileName { name: &'a str } => ("项目文件：{name}", "Project file: {name}"),
    /// The summary's title for a register opened from a file: its region and title (or the
    /// neutral heading) and the file's name.
    OpenedFile { heading: &'a str, name: &'a str } => ("{heading}（项目文件：{name}）", "{heading} (project file: {name})"),
    /// A file that could not be opened; the reasons follow as a list.
    FileRejected { name: &'a str } => (
        "{name} 未能打开，当前显示的数据保持不变：",
        "{name} was not opened; the data shown is unchanged:",
    ),
    /// The heading of the preview of a file about to be opened.
    PreviewHeading { name: &'a str } => ("打开前预览：{name}", "Preview before opening: {name}"),
    /// How many projects a previewed file holds.
    PreviewProjects { count: usize } => ("{count} 个项目", "{count} projects"),
    /// Projects the register does not count; the reasons follow as a list.
    NotCounted { count: usize } => (
        "{count} 个项目未计入合计：",
        "{count} projects not counted in the totals:",
    ),
    /// When the register was last saved as a project file (or opened).
    LastSaved { time: &'a str } => ("上次保存 {time}", "Last saved {time}"),
    /// What the automatic snapshots keep.
    SnapshotsIntro { count: usize, megabytes: usize } => (
        "本浏览器自动保留登记表最近 {count} 个版本（共约 {megabytes} MB 以内，超出时先删最旧的），重新载入页面后仍在。恢复某个版本也可撤销。",
        "This browser keeps the register's last {count} versions (within about {megabytes} MB in all, the oldest dropped first), also after a reload. Restoring one can be undone too.",
    ),
    /// The restore button of one snapshot, by its time.
    RestoreSnapshotAt { time: &'a str } => ("恢复 {time} 的版本", "Restore the version of {time}"),
    /// A snapshot made by editing one project.
    ChangeEdited { label: &'a str } => ("编辑 {label}", "Edited {label}"),
    ChangeAddedOne { label: &'a str } => ("添加 {label}", "Added {label}"),
    ChangeAdded { count: usize } => ("添加 {count} 个项目", "Added {count} projects"),
    ChangeDeletedOne { label: &'a str } => ("删除 {label}", "Deleted {label}"),
    ChangeDeleted { count: usize } => ("删除 {count} 个项目", "Deleted {count} projects"),
    ChangeOpened { name: &'a str } => ("打开 {name}", "Opened {name}"),
    ChangeRestored { time: &'a str } => ("恢复到 {time} 的版本", "Restored the version of {time}"),
    /// How many of the register's rows the filters show.
    RowsShown { shown: usize, all: usize } => ("显示 {shown} / {all}", "Showing {shown} of {all}"),
    /// The register's subtotal row while a filter is on: the rows shown, counted.
    FilteredSubtotal { count: usize } => ("筛选小计（{count} 个项目）", "Filtered subtotal ({count} projects)"),
    /// The delete button of one evidence document (its visible text is 删除 / Delete).
    DeleteEvidence { n: usize } => ("删除 证明材料 {n}", "Delete evidence {n}"),
    /// One evidence document's group of inputs.
    EvidenceItem { n: usize } => ("证明材料 {n}", "Evidence {n}"),
    /// The register's count of projects by review status (the engine's text).
    ReviewCounts { counts: &'a str } => ("审核状态：{counts}", "Review status: {counts}"),
    /// A row's warnings, counted.
    WarningCount { count: usize } => ("{count} 条提示", "{count} warnings"),
    /// A register cell whose project deducts an offset: the net is shown, this is its tooltip.
    OffsetDeducted { credited: &'a str, offset: &'a str } => (
        "计入 {credited}，其中用于新改扩建项目区域削减 {offset} 已扣减",
        "Credited {credited}, of which {offset} used as offset for new or expanded projects is deducted"
    ),
    /// The button that adds an entry to a list field (`list`: the entry's name, in English
    /// lower-case: 原辅材料 / material).
    AddEntry { list: &'a str } => ("添加{list}", "Add a {list}"),
    /// The default a blank number field takes.
    DefaultIs { value: &'a str } => ("不填则取默认值 {value}", "Blank means the default, {value}"),
    /// The first choice of a file-wide setting: blank, the engine's default applies.
    EngineDefault { value: &'a str } => ("默认：{value}", "Default: {value}"),
    /// A coefficient overridden for the file: its default and the justification.
    Overridden { default: &'a str, note: &'a str } => (
        "[已覆盖，默认值 {default}: {note}]",
        "[overridden; default {default}: {note}]",
    ),
    /// A coefficient's default, after the value in force.
    DefaultInParens { value: &'a str } => ("(默认值 {value})", "(Default {value})"),
    /// A file chosen for merging and how many projects it holds.
    MergeFileProjects { name: &'a str, count: usize } => (
        "{name}：{count} 个项目",
        "{name}: {count} projects",
    ),
    /// A file chosen for merging that is not a project file; the reasons follow as a list.
    MergeSkipped { name: &'a str } => (
        "{name} 不是项目文件，已跳过：",
        "{name} is not a project file and was skipped:",
    ),
    /// A file chosen for merging, made with another library than the register's.
    MergeFileOtherLibrary { name: &'a str, count: usize, file: &'a str, register: &'a str } => (
        "{name}：{count} 个项目（此文件按系数库 {file} 计算；加入登记表后将按登记表的系数库 {register} 计算，合并后数字可能不同）",
        "{name}: {count} projects (this file was computed with coefficient library {file}; added to your register they compute with the register's library {register}, so the merged projects' numbers may differ)",
    ),
    /// The label of the choice made for one duplicate.
    MergeDecisionFor { name: &'a str } => ("处理方式：{name}", "Decision for {name}"),
    /// The heading of the preview of a CSV file about to be imported.
    CsvPreviewHeading { name: &'a str } => ("导入 CSV 预览：{name}", "Import CSV preview: {name}"),
    /// How many project rows a CSV file gave.
    CsvRowsRead { count: usize } => ("{count} 行项目已读入", "{count} project rows read"),
    /// The heading of the column-mapping step of an import.
    MappingHeading { name: &'a str } => ("对应列：{name}", "Match the columns: {name}"),
    /// A column mapped to the field an earlier column is mapped to.
    MappingRepeated { column: &'a str } => (
        "与“{column}”列对应同一字段：同一字段只能对应一列",
        "The column “{column}” already holds this field: a field can be held by one column only",
    ),
    /// A column with no header, named by its letters.
    MappingUnnamedColumn { letters: &'a str } => ("第 {letters} 列（无列名）", "Column {letters} (no header)"),
    /// A CSV file that is not a register; the reasons follow as a list.
    CsvRejected { name: &'a str } => (
        "{name}：无法作为登记表导入",
        "{name}: cannot be imported as a register",
    ),
    /// The register saved in this browser could not be read; the damaged save is kept under `key`.
    SaveDamaged { key: &'a str } => (
        "本浏览器中保存的登记表已损坏，无法读取，因此从示例开始。损坏的内容没有删除，另存在本浏览器的存储项：{key}",
        "The register saved in this browser is damaged and could not be read, so the app started from the sample. The damaged save was not deleted; it is kept in this browser's storage under the key {key}",
    ),
    /// A share link would be longer than the limit.
    ShareTooLarge { length: usize, max: Thousands } => (
        "内容太多，无法放进一个链接（链接将有 {length} 个字符，上限 {max}）。请改为保存项目文件发送。",
        "Too much to fit in a link (it would be {length} characters; the limit is {max}). Save the project file and send that instead.",
    ),
    /// A share link longer than any this app makes: not read at all.
    ShareLinkTooLong { length: Thousands, max: Thousands } => (
        "这个分享链接太长（{length} 个字符，本程序生成的链接最多 {max} 个字符），不是本程序生成的分享链接，因此没有读取。您的登记表没有任何改动。",
        "This share link is too long ({length} characters; the links this app makes have at most {max}). It was not made by this app, so it was not read. Your register was not changed.",
    ),
    /// A share link whose data unpacks to more than the limit: unpacking stopped there.
    ShareUnpackedTooLarge { max: Thousands } => (
        "这个分享链接解压后超过 {max} 字节，不是本程序生成的分享链接，已停止读取。您的登记表没有任何改动。",
        "This share link unpacks to more than {max} bytes. It was not made by this app, so reading it was stopped. Your register was not changed.",
    ),
    /// A share link carrying more projects than a link is for.
    ShareTooManyProjects { count: Thousands, max: usize } => (
        "这个分享链接里有 {count} 个项目，一个链接最多读取 {max} 个。多个项目请用项目文件发送和打开（“打开文件”或“合并文件”）。您的登记表没有任何改动。",
        "This share link holds {count} projects; a link is read only with up to {max}. Send and open several projects as a project file (Open or Merge). Your register was not changed.",
    ),
    /// A share link of an encoding this build does not know.
    ShareUnknownVersion { version: &'a str } => (
        "这个分享链接来自更新的版本，本程序无法读取。请更新本程序后再打开。链接版本：{version}",
        "This share link was made by a newer version of the app, which this one cannot read. Update the app and open the link again. Link version: {version}",
    ),
    /// A shared project that cannot be computed, and why.
    SharedNotComputed { why: &'a str } => (
        "此项目有错误，无法计算：{why}",
        "This project has errors and cannot be computed: {why}",
    ),
    /// A link made with another library than the register's.
    SharedLibrary { link: &'a str, register: &'a str } => (
        "此链接中的项目按系数库 {link} 计算；加入登记表后将按登记表的系数库 {register} 计算，数字可能与上面不同。",
        "This link's projects are computed with coefficient library {link}; added to your register they compute with the register's library {register}, so their numbers may differ from those above.",
    ),
    /// A file made with an older library, while it is open and no choice is made yet.
    LibraryUntilChosen { file: &'a str, app: &'a str } => (
        "此文件按系数库 {file} 计算；本程序的系数库为 {app}。在您选择之前，登记表仍按文件自己的系数库计算。",
        "This file was computed with coefficient library {file}; this app's library is {app}. Until you choose, the register is computed with the file's own library.",
    ),
    /// A file made with an older library, in the preview before it is opened.
    LibraryPreviewChoice { file: &'a str, app: &'a str } => (
        "此文件按系数库 {file} 计算；本程序的系数库为 {app}。打开后将列出差异，由您选择保留旧系数或升级。",
        "This file was computed with coefficient library {file}; this app's library is {app}. Once it is open, the differences are listed and you choose to keep the old coefficients or upgrade.",
    ),
    /// A column of the old library's values in the upgrade tables.
    OldLibrary { version: &'a str } => ("旧 {version}", "Old {version}"),
    /// A column of the new library's values in the upgrade tables.
    NewLibrary { version: &'a str } => ("新 {version}", "New {version}"),
    /// The projects whose results an upgrade changes (a list, or "none").
    LibraryProjectsChanged { projects: &'a str } => (
        "升级后结果变化的项目：{projects}",
        "Projects whose results change on upgrading: {projects}",
    ),
    /// The open button of one register of the list, by its name.
    OpenRegisterNamed { name: &'a str } => ("打开 {name}", "Open {name}"),
    /// The delete button of one register of the list, by its name.
    DeleteRegisterNamed { name: &'a str } => ("删除 {name}", "Delete {name}"),
    /// A register deleted from the list (an undo button follows).
    RegisterDeleted { name: &'a str } => ("已删除 {name}。", "Deleted {name}."),
    /// Next year's register made from this one, and how many projects it carried over.
    NextYearMade { year: &'a str, from: &'a str, count: usize } => (
        "已由 {from} 年登记表生成 {year} 年登记表：结转 {from} 年部分计入的项目 {count} 个（投运年份 {from}，{year} 年计入其余月份）。",
        "Made the {year} register from the {from} one: {count} projects credited for part of {from} carried over (start year {from}; {year} credits the other months).",
    ),
    /// A register of the list by its county, year and title.
    RegisterName { region: &'a str, year: &'a str, title: &'a str } => (
        "{region} {year} 年 {title}",
        "{region} {year} {title}",
    ),
    /// Why the five-year view cannot be shown.
    PlanFailed { reason: &'a str } => (
        "五年规划进度无法列出：{reason}",
        "The five-year view cannot be shown: {reason}",
    ),
    /// Registers of the list left out of the five-year view: their own fields do not read.
    PlanLeftOut { names: &'a str } => (
        "未计入五年规划进度（文件信息有误）：{names}",
        "Not in the five-year view (their file details do not read): {names}",
    ),
}
