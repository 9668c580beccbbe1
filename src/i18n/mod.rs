//! Interface texts in 简体中文 and English, and number formatting in each locale's style.
//! Engine texts (errors, warnings, formulas, bulletin, names of report keys and measure types)
//! come from `jianpai-core` in both languages. The chosen language is a context (`use_lang`).

mod context;

pub use context::{provide_lang, use_lang};
pub use jianpai_core::Lang;

/// A text of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    AppName,
    Tagline,
    SwitchLang,
    DownloadOffline,
    OfflineHint,
    EstimateTitle,
    EstimateIntro,
    MeasureType,
    StartMonth,
    WholeYear,
    ResultTitle,
    FullYear,
    Credited,
    Months,
    Pollutant,
    HowComputed,
    Inputs,
    Warnings,
    FixErrors,
    Privacy,
    SampleTitle,
    SampleIntro,
    Totals,
    Target,
    Progress,
    Bulletin,
    Projects,
    Id,
    Name,
    Type,
    Township,
    LoadFailed,
    OverriddenFrom,
    OpenFile,
    OpenedFile,
    FileRejected,
    BackToSample,
    ResetToSample,
    SaveProjectFile,
    ExportCsv,
    ByCategory,
    ByType,
    ByTownship,
    NoTownship,
    ProjectCount,
    Category,
    UsualForType,
    CreditingRule,
    ElectricityBasis,
}

/// The text in the given language.
pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    let (zh, en) = match text {
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
        Inputs => ("代入数值", "Values substituted"),
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
        SampleIntro => (
            "年度项目清单按本年度核算量汇总，对照目标，并生成简报段落。可打开本单位的项目文件（jianpai/1 格式 JSON，仅在本机读取）。",
            "The year's register totalled as credited this year, against the targets, with the bulletin paragraph. Open your own project file (jianpai/1 JSON, read on this computer only).",
        ),
        OpenFile => ("打开项目文件…", "Open a project file…"),
        OpenedFile => ("项目文件：", "Project file: "),
        FileRejected => (
            " 未能打开，当前显示的数据保持不变：",
            " was not opened; the data shown is unchanged:",
        ),
        BackToSample => ("返回示例", "Back to the sample"),
        ResetToSample => ("恢复示例数据", "Reset to the sample values"),
        SaveProjectFile => ("保存为项目文件", "Save as project file"),
        ExportCsv => ("导出 CSV（Excel）", "Export CSV (Excel)"),
        ByCategory => ("按减排类别（本年度核算量，吨 / 吨标煤）", "By category (credited, t / tce)"),
        ByType => ("按措施类型（本年度核算量，吨 / 吨标煤）", "By measure type (credited, t / tce)"),
        ByTownship => ("按乡镇（街道）（本年度核算量，吨 / 吨标煤）", "By township (credited, t / tce)"),
        NoTownship => ("（未填乡镇）", "(no township)"),
        ProjectCount => ("项目数", "Projects"),
        Category => ("减排类别", "Accounting category"),
        UsualForType => ("— 按措施类型默认", "— usual for the measure type"),
        CreditingRule => ("当年核算规则", "Crediting rule for the year"),
        ElectricityBasis => ("电力折标准煤", "Electricity to standard coal"),
        Totals => ("合计", "Totals"),
        Target => ("目标", "Target"),
        Progress => ("完成进度", "Progress"),
        Bulletin => ("简报段落", "Bulletin paragraph"),
        Projects => ("项目清单", "Projects"),
        Id => ("编号", "Id"),
        Name => ("项目名称", "Name"),
        Type => ("类型", "Type"),
        Township => ("乡镇（街道）", "Township"),
        LoadFailed => ("示例数据无法读取：", "The sample data could not be read:"),
        OverriddenFrom => ("已覆盖，默认值", "overridden; default"),
    };
    lang.pick(zh, en)
}

/// A quantity for display: two decimals with the locale's grouping ("1,234.50").
pub fn quantity(x: f64) -> String {
    jianpai_core::bulletin::grouped(x, 2)
}
