//! Interface texts in 简体中文 and English, and number formatting in each locale's style.
//! Engine texts (errors, warnings, formulas, bulletin, names of report keys and measure types)
//! come from `jianpai-core` in both languages.

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
    Source,
    Municipal,
    Industrial,
    Flow,
    LoadRate,
    Days,
    CodBefore,
    CodAfter,
    Nh3nBefore,
    Nh3nAfter,
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
    EnterNumber,
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
        EstimateTitle => ("污水处理项目减排测算", "Wastewater project estimate"),
        EstimateIntro => (
            "按 处理水量 × 负荷率 × 运行天数 × 浓度差 计算 COD 和氨氮削减量。",
            "COD and NH₃-N reductions from flow × load rate × days × concentration drop.",
        ),
        Source => ("污水类型", "Source"),
        Municipal => ("城镇污水", "Municipal"),
        Industrial => ("工业废水", "Industrial"),
        Flow => ("设计处理规模", "Design flow"),
        LoadRate => ("负荷率（实际/设计）", "Load rate (actual/design)"),
        Days => ("年运行天数", "Days in operation"),
        CodBefore => ("COD 治理前浓度", "COD before"),
        CodAfter => ("COD 治理后浓度", "COD after"),
        Nh3nBefore => ("氨氮治理前浓度", "NH₃-N before"),
        Nh3nAfter => ("氨氮治理后浓度", "NH₃-N after"),
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
        EnterNumber => ("请输入数字", "Enter a number"),
        Privacy => (
            "全部计算在本机浏览器中完成，不联网、不上传任何数据。",
            "Everything is computed in this browser: no network, nothing uploaded.",
        ),
        SampleTitle => ("示例：全县减排项目汇总", "Sample: a county's reduction portfolio"),
        SampleIntro => (
            "内置示例县的年度项目清单，按本年度核算量汇总，并生成简报段落。",
            "The built-in sample county's register for the year, totalled as credited this year, with the bulletin paragraph.",
        ),
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
    };
    lang.pick(zh, en)
}

/// A quantity for display: two decimals with the locale's grouping ("1,234.50").
pub fn quantity(x: f64) -> String {
    jianpai_core::bulletin::grouped(x, 2)
}
