//! Interface texts in 简体中文 and English, and number formatting in each locale's style: a
//! `Text` is a whole label, heading or sentence (`t`); a sentence with values in it is a `Msg`
//! with its values (`msg`, in `messages`), so no sentence is spliced from fragments. The UI says
//! 系数 / 系数库 and "coefficient" / "coefficient library" (the code says "factor").
//! Engine texts (errors, warnings, formulas, bulletin, names of report keys and measure types)
//! come from `jianpai-core` in both languages. The chosen language is a context (`use_lang`).

mod context;
mod messages;
#[cfg(test)]
mod tests;

pub use context::{provide_lang, use_lang};
pub use jianpai_core::Lang;
pub use messages::{msg, Msg, Thousands};

/// Declares [`Text`], [`t`] and [`Text::ALL`] from one list of `Name => ("中文", "English")`, so
/// the checks in `tests` see every text.
macro_rules! texts {
    ($($name:ident => ($zh:expr, $en:expr $(,)?),)*) => {
        /// A text of the interface: a whole label, heading or sentence.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text {
            $($name,)*
        }

        impl Text {
            /// Every text, in the order declared.
            pub const ALL: &'static [Text] = &[$(Text::$name,)*];
        }

        /// The text in the given language.
        pub fn t(lang: Lang, text: Text) -> &'static str {
            let (zh, en) = match text {
                $(Text::$name => ($zh, $en),)*
            };
            lang.pick(zh, en)
        }
    };
}

texts! {
        AppName => ("减排核算", "Jianpai"),
        Tagline => (
            "主要污染物减排量与节能量测算",
            "Emission-reduction and energy-saving calculator",
        ),
        SwitchLang => ("English", "中文"),
        DownloadOffline => ("下载离线版", "Download offline copy"),
        OfflineHint => (
            "单个 HTML 文件，断网可用，数据不出本机。",
            "One HTML file that works without a network; your data never leaves this computer.",
        ),
        EstimateTitle => ("单个项目减排测算", "Project estimate"),
        EstimateIntro => (
            "选择措施类型并填写项目数据：结果随输入即时更新，每个数字都列出公式、代入数值和引用系数。留空的选填项按括号中的默认值计算。",
            "Choose the measure type and enter the project's data: the result updates as you type, and every number shows its formula, the values substituted and the coefficients cited. Blank optional fields take the default shown.",
        ),
        MeasureType => ("措施类型", "Measure type"),
        StartMonth => ("稳定运行起始月", "First month of stable operation"),
        WholeYear => ("全年", "whole year"),
        ResultTitle => ("测算结果", "Result"),
        FullYear => ("全年削减量", "Full year"),
        Credited => ("本年度核算量", "Credited this year"),
        Months => ("核算月数", "Months credited"),
        Pollutant => ("指标", "Item"),
        HowComputed => ("计算过程", "How it was computed"),
        Warnings => ("提示", "Warnings"),
        FixErrors => (
            "请先更正标红的输入。",
            "Please correct the inputs marked in red.",
        ),
        Privacy => (
            "全部计算在本机浏览器中完成，不联网、不上传任何数据。",
            "Everything is computed in this browser: no network, nothing uploaded.",
        ),
        SampleTitle => ("示例：全县减排项目汇总", "Sample: a county's reduction portfolio"),
        CountySummary => ("全县减排项目汇总", "County summary"),
        SampleIntro => (
            "年度项目清单按本年度核算量汇总，对照目标，并生成简报段落。可打开本单位的项目文件（jianpai/1 格式 JSON，仅在本机读取）。",
            "The year's register totalled as credited this year, against the targets, with the bulletin paragraph. Open your own project file (jianpai/1 JSON, read on this computer only).",
        ),
        ResetToSample => ("恢复示例数据", "Reset to the sample values"),
        SaveProjectFile => ("保存为项目文件", "Save as project file"),
        ExportCsv => ("导出 CSV（Excel）", "Export CSV (Excel)"),
        ExportXlsx => ("导出 Excel 工作簿（.xlsx）", "Export Excel workbook (.xlsx)"),
        WorkbookTooLarge => ("工作簿解压后超过 256 MB，未导入", "The workbook unpacks to more than 256 MB; not imported"),
        Category => ("减排类别", "Accounting category"),
        UsualForType => ("— 按措施类型默认", "— usual for the measure type"),
        CreditingRule => ("当年核算规则", "Crediting rule for the year"),
        ElectricityBasis => ("电力折标准煤", "Electricity to standard coal"),
        AccountingMethod => ("核算方法", "Accounting method"),
        GridCo2 => ("电网排放因子口径", "Grid emission factor basis"),
        BulletinOrder => ("简报污染物顺序（十四五）", "Bulletin order of pollutants (2021 method)"),
        BulletinSo2 => (
            "简报写入二氧化硫减排量（省级考核指标）",
            "Bulletin includes SO₂ (a provincial indicator)",
        ),
        Totals => ("合计", "Totals"),
        Target => ("目标", "Target"),
        Id => ("编号", "Id"),
        Name => ("项目名称", "Name"),
        Type => ("类型", "Type"),
        Township => ("乡镇（街道）", "Township"),
        LoadFailed => ("本文件无法汇总：", "The file could not be totalled:"),
        RegisterTitle => ("项目登记表", "Project register"),
        RegisterIntro => ("本年度减排项目登记表：添加、编辑、复制、删除项目；每次修改都可撤销，并自动保存在本浏览器中。", "This year's register of reduction projects: add, edit, duplicate and delete projects; every change can be undone and is kept in this browser automatically."),
        AddProject => ("添加项目", "Add project"),
        TypeOfNewProject => ("新项目的措施类型", "Measure type of the new project"),
        Edit => ("编辑", "Edit"),
        Duplicate => ("复制", "Duplicate"),
        Delete => ("删除", "Delete"),
        Undo => ("撤销", "Undo"),
        Redo => ("重做", "Redo"),
        OpenProjectFile => ("打开项目文件", "Open project file"),
        SaveRegister => ("保存项目文件", "Save project file"),
        MergeFiles => ("合并文件", "Merge files"),
        NewFile => ("新建", "New file"),
        LoadSample => ("载入示例", "Load sample"),
        FilterTownship => ("按乡镇筛选", "Filter by township"),
        FilterCategory => ("按类别筛选", "Filter by category"),
        FilterType => ("按类型筛选", "Filter by type"),
        Search => ("搜索（名称、编号、企业）", "Search (name, id, enterprise)"),
        All => ("全部", "All"),
        Status => ("状态", "Status"),
        StartMonthShort => ("起始月", "Start month"),
        Actions => ("操作", "Actions"),
        Problem => ("有错误，未计入", "has errors, not counted"),
        StatusOk => ("正常", "OK"),
        TotalRow => ("合计（计入项目）", "Total (counted projects)"),
        TotalRowAll => ("全表合计（全部计入项目）", "Register total (all counted projects)"),
        EditingTitle => ("编辑登记表中的项目", "Editing a register project"),
        DoneEditing => ("完成编辑", "Done editing"),
        AddToRegister => ("加入登记表", "Add to register"),
        OpenAsEstimate => ("作为单项测算打开", "Open as estimate"),
        ProjectId => ("项目编号", "Project id"),
        Enterprise => ("企业名称", "Enterprise"),
        Region => ("地区", "Region"),
        Year => ("年度", "Year"),
        FileFields => ("文件信息与目标", "File details and targets"),
        FileTitle => ("标题", "Title"),
        PreviewProblems => ("以下问题（项目将保留并标记）：", "Problems (the projects are kept and marked):"),
        Replace => ("替换当前登记表", "Replace the register"),
        Cancel => ("取消", "Cancel"),
        ConfirmDiscardTitle => ("登记表有未保存的更改", "The register has unsaved changes"),
        ConfirmDiscardIntro => (
            "自上次保存项目文件以来，登记表已有更改，这些更改只在本浏览器中。继续将替换当前登记表（之后仍可撤销，或从自动快照恢复）。",
            "The register has changed since it was last saved as a project file, and those changes are only in this browser. Going on replaces the register (you can still undo, or restore it from the automatic snapshots).",
        ),
        SaveThenContinue => ("先保存项目文件，再继续", "Save the project file, then continue"),
        DiscardAndNew => ("不保存，新建", "Discard the changes and start a new file"),
        DiscardAndSample => ("不保存，载入示例", "Discard the changes and load the sample"),
        DiscardAndReplace => ("不保存，替换", "Discard the changes and replace"),
        KeepRegister => ("保留当前登记表", "Keep the current register"),
        NotSaved => ("未保存", "Not saved"),
        UnnamedRegister => ("未命名的登记表", "Unnamed register"),
        SnapshotsTitle => ("自动快照", "Automatic snapshots"),
        SnapshotTime => ("时间", "Time"),
        SnapshotChange => ("更改", "Change"),
        SnapshotProjects => ("项目数", "Projects"),
        SnapshotAction => ("操作", "Action"),
        RestoreSnapshot => ("恢复", "Restore"),
        NoSnapshots => ("还没有快照：登记表的每次更改都会在这里留下一个版本。", "No snapshots yet: each change to the register leaves a version here."),
        ChangeFields => ("修改文件信息", "Changed the file's fields"),
        ChangeSample => ("载入示例", "Loaded the sample"),
        ChangeReplaced => ("替换登记表", "Replaced the register"),
        ChangeSeveral => ("多处更改", "Several changes"),
        ShareFromFile => (
            "此页面是从本机文件打开的，分享链接只能在这台电脑上打开，发给别人无法使用。请改为保存项目文件，再把文件发给对方。",
            "This page was opened from a file on this computer, so a share link would open only on this computer and is of no use to anyone else. Save a project file instead and send that.",
        ),
        SharedInputs => ("项目输入", "Inputs"),
        PrintShared => ("打印", "Print"),
        CancelEditing => ("取消编辑", "Cancel editing"),
        ViewsNav => ("视图", "Views"),
        TabEstimate => ("测算", "Estimate"),
        TabRegister => ("登记表", "Register"),
        TabSummary => ("汇总", "Summary"),
        NoProjects => ("登记表中还没有项目。", "The register has no projects yet."),
        UndoReset => ("找回刚才的输入", "Bring back what I typed"),
        FileFieldsIntro => (
            "本文件的标题、地区、年度、核算规则和目标；留空的项按默认值计算，每次修改都可撤销。",
            "This file's title, region, year, rules and targets; a blank field takes the default, and every change can be undone.",
        ),
        OverridesInForce => ("生效的系数覆盖", "Coefficient overrides in force"),
        Factor => ("系数", "Coefficient"),
        ValueInForce => ("采用值", "Value used"),
        DefaultValue => ("默认值", "Default"),
        Justification => ("理由", "Justification"),
        MergeTitle => ("合并申报文件", "Merge applicants' files"),
        MergeNewProjects => ("新项目（将添加到登记表末尾）", "New projects (added at the end of the register)"),
        MergeNoNew => ("没有新项目。", "No new projects."),
        MergeDuplicates => (
            "重复项目：请逐项选择处理方式（默认保留我的）",
            "Duplicates: choose for each one (keep mine unless you choose otherwise)",
        ),
        MergeNoDuplicates => ("没有重复项目。", "No duplicates."),
        MergeInRegister => ("我的", "Mine"),
        MergeIncoming => ("对方", "Theirs"),
        MergeSource => ("来源", "From"),
        MergeReason => ("重复原因", "Why a duplicate"),
        MergeSameId => ("编号相同", "same id"),
        MergeSameNameTownshipType => ("名称、乡镇、类型相同", "same name, township and type"),
        MergeDecision => ("处理", "Decision"),
        KeepMine => ("保留我的", "Keep mine"),
        TakeTheirs => ("采用对方", "Take theirs"),
        KeepBoth => ("两者都保留（新编号）", "Keep both (new id)"),
        Merge => ("合并", "Merge"),
        StorageFailed => ("此浏览器无法保存更改（存储不可用）：更改只保留在本页中，关闭或刷新之前请下载项目文件。", "Changes are not being kept in this browser (storage is unavailable): they live only in this page, so download the project file before closing or reloading it."),
        StorageFull => ("此浏览器无法保存更改（存储空间已满）：更改只保留在本页中，关闭或刷新之前请下载项目文件。", "Changes are not being kept in this browser (its storage is full): they live only in this page, so download the project file before closing or reloading it."),
        DownloadProjectFile => ("下载项目文件", "Download the project file"),
        Dismiss => ("知道了", "Dismiss"),
        TabConflict => ("另一个标签页修改并保存了同一个登记表。为免覆盖对方的更改，本页已暂停自动保存，请选择保留哪个版本。", "Another tab has changed and saved the same register. So as not to overwrite that work, this tab has stopped saving until you choose which version to keep."),
        LoadOtherTab => ("载入另一标签页的版本", "Load the other tab's version"),
        KeepThisTab => ("保留本页并覆盖", "Keep this tab's version"),
        FormStorageFailed => ("此浏览器无法保存估算表单（存储不可用）：所填内容只保留在本页中，关闭或刷新之前请把项目加入登记表并下载项目文件。", "The estimate form is not being kept in this browser (storage is unavailable): what you typed lives only in this page, so add the project to the register and download the project file before closing or reloading it."),
        FormStorageFull => ("此浏览器无法保存估算表单（存储空间已满）：所填内容只保留在本页中，关闭或刷新之前请把项目加入登记表并下载项目文件。", "The estimate form is not being kept in this browser (its storage is full): what you typed lives only in this page, so add the project to the register and download the project file before closing or reloading it."),
        FormTabConflict => ("另一个标签页修改并保存了估算表单。为免覆盖对方填写的内容，本页已暂停保存表单，请选择保留哪个版本。", "Another tab has changed and saved the estimate form. So as not to overwrite what was typed there, this tab has stopped saving the form until you choose which version to keep."),
        LoadOtherTabForm => ("载入另一标签页的表单", "Load the other tab's form"),
        KeepThisTabForm => ("保留本页的表单并覆盖", "Keep this tab's form"),
        CoefficientsTitle => ("系数库", "Coefficient library"),
        CoefficientsIntro => (
            "测算所用的全部系数及其来源和核实状态（⚠ 未核实的系数在正式使用前须核对原文）。可为本文件覆盖某个系数，须填写理由；覆盖可恢复默认，每次修改都可撤销。",
            "Every coefficient the calculations use, with its source and how far it has been checked (⚠ unverified ones must be checked against the source before a result is called official). A coefficient can be overridden for this file with a justification; an override can be reset, and every change can be undone.",
        ),
        LibraryVersion => ("系数库版本", "Coefficient library"),
        FactorIdCol => ("系数编号", "Id"),
        Unit => ("单位", "Unit"),
        Source => ("来源", "Source"),
        ResearchNote => ("查证说明", "Research note"),
        Edition => ("版本", "Edition"),
        FilterFactors => ("搜索系数（编号、名称、来源）", "Search coefficients (id, name, source)"),
        Override => ("覆盖", "Override"),
        OverrideValue => ("覆盖值", "New value"),
        SaveOverride => ("保存覆盖", "Save override"),
        ResetDefault => ("恢复默认", "Reset to default"),
        ImportCsv => ("导入 CSV 或 Excel", "Import CSV or Excel"),
        CsvTemplate => ("下载 CSV 模板", "Download CSV template"),
        CsvTemplateType => ("模板的措施类型", "Measure type of the template"),
        CsvProblems => ("以下单元格未能读入（所在项目已保留，原文照录）：", "These cells did not read (their projects are kept, with the text as typed):"),
        CsvAdd => ("添加到当前登记表", "Add to the register"),
        MappingIntro => (
            "此表的列名与模板不同。请为每一列选择它对应的字段，不需要的列选“不导入”；选好后预览，确认无误再导入。",
            "This table's headers are not the template's. Choose the field each column holds, and “Do not import” for a column you do not need; then preview the import before anything is added.",
        ),
        MappingRemembered => (
            "已按上次为同样列名所选的对应关系填好，请核对。",
            "Filled in with the mapping you chose last time for the same headers; check it.",
        ),
        MappingColumn => ("表中的列", "Column in the table"),
        MappingFirstRow => ("第一行项目的值", "Value in the first project row"),
        MappingField => ("对应字段", "Field it holds"),
        DoNotImport => ("不导入", "Do not import"),
        MappingPreview => ("预览导入", "Preview the import"),
        MappingBack => ("返回列对应", "Back to the column mapping"),
        MappingNeedsId => (
            "须有一列对应“编号”：每个项目都要有编号。",
            "One column must be the ID: every project needs one.",
        ),
        Charts => ("图表", "Charts"),
        ChartKey => ("图表显示的指标", "Item charted"),
        PrintEstimate => ("打印测算表", "Print estimate"),
        PrintReport => ("打印县级报告", "Print county report"),
        DownloadReport => ("下载报告", "Download report"),
        WithChecklist => ("附现场核查表（各项目输入数据）", "With the on-site check list (each project's inputs)"),
        CopyBulletin => ("复制简报段落", "Copy bulletin paragraph"),
        BulletinCopied => ("简报段落已复制。", "The bulletin paragraph is copied."),
        CopyRefused => ("浏览器不允许复制，请选中段落后手动复制。", "The browser did not allow copying: select the paragraph and copy it by hand."),
        Value => ("数值", "Value"),
        CopyShareLink => ("复制分享链接", "Copy share link"),
        ShareLinkLabel => ("分享链接", "Share link"),
        ShareLinkCopied => ("链接已复制到剪贴板。项目数据都在链接里，不会发送到任何服务器。", "The link is copied to the clipboard. The project travels inside the link; nothing is sent to any server."),
        ShareLinkCopyByHand => ("无法自动复制，请从下面的框中复制链接。", "The link could not be copied automatically: copy it from the box below."),
        ShareDamaged => ("这个分享链接已损坏（可能复制不完整），无法读取。您的登记表没有任何改动。", "This share link is damaged (perhaps not copied whole) and cannot be read. Your register was not changed."),
        ShareForeign => ("这个链接里不是减排核算的项目，无法读取。您的登记表没有任何改动。", "This link does not hold Jianpai projects and cannot be read. Your register was not changed."),
        SharedTitle => ("分享给您的项目", "Shared with you"),
        SharedIntro => ("以下项目来自您打开的链接，按发送者的设置计算；加入登记表后按您的登记表设置计算。", "These projects come from the link you opened, computed with the sender's settings; once in your register they are computed with your register's settings."),
        AddSharedToRegister => ("加入我的登记表", "Add to my register"),
        SharedAdded => ("已加入登记表（可撤销）。", "Added to your register (can be undone)."),
        CloseShared => ("关闭", "Close"),
        PossibleDoubleCounting => ("可能重复计算", "Possible double counting"),
        DoubleCountingIntro => ("以下项目可能两次计入同一减排量（仅为提示，合计未作调整），请核对：", "These projects may count the same reduction twice (advisory only; the totals are unchanged). Please check:"),
        LibraryUpgradeTitle => ("系数库已更新：请选择", "The coefficient library has changed: please choose"),
        LibraryFactorsCaption => ("系数的变化（旧 → 新）", "Coefficients that differ (old → new)"),
        LibraryChange => ("变化", "What changed"),
        LibraryUsedBy => ("使用该系数的项目", "Projects using it"),
        LibraryTotalsCaption => ("对本年度核算合计的影响（旧 → 新）", "Effect on the credited totals (old → new)"),
        LibraryDelta => ("变化量", "Change"),
        LibraryAdded => ("新增", "Added"),
        LibraryRemoved => ("删除", "Removed"),
        LibraryNone => ("无", "none"),
        LibraryKeepNotExact => ("注意：新系数库的部分计算方法与旧库不同，保留旧系数也不能完全复现旧合计。", "Note: the new library computes some quantities differently; keeping the old coefficients does not reproduce the old totals exactly."),
        KeepOldFactors => ("保留旧系数", "Keep old coefficients"),
        UpgradeFactors => ("升级系数库", "Upgrade coefficients"),
        LibraryKept => ("已保留旧系数：改变了的系数已记为文件级覆盖，文件改按当前系数库计算（可撤销）。", "The old coefficients are kept: each changed one is recorded as a file-level override, and the file now uses the current library (can be undone)."),
        LibraryUpgraded => ("已升级到当前系数库（可撤销）。", "Upgraded to the current library (can be undone)."),
}

/// A quantity for display: two decimals with the locale's grouping ("1,234.50").
pub fn quantity(x: f64) -> String {
    jianpai_core::bulletin::grouped(x, 2)
}
