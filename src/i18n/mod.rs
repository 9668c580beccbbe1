//! Interface texts in 简体中文 and English, and number formatting in each locale's style.
//! Engine texts (errors, warnings, formulas, bulletin) come from `jianpai-core` in both languages.

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
    };
    lang.pick(zh, en)
}

/// Name of a report key (pollutant, energy or count) in the given language.
pub fn key_name(lang: Lang, key: &str) -> &'static str {
    let (zh, en) = match key {
        "cod_t" => ("化学需氧量 COD", "COD"),
        "nh3n_t" => ("氨氮 NH₃-N", "NH₃-N"),
        "so2_t" => ("二氧化硫 SO₂", "SO₂"),
        "nox_t" => ("氮氧化物 NOₓ", "NOₓ"),
        "tce" => ("节约标煤", "Standard coal saved"),
        "water_t" => ("节水", "Water saved"),
        "co2_t" => ("CO₂（估算）", "CO₂ (estimate)"),
        "enterprises" => ("关停企业", "Enterprises closed"),
        "equipment" => ("淘汰设备", "Equipment retired"),
        "boilers" => ("淘汰锅炉", "Boilers eliminated"),
        _ => ("", ""),
    };
    lang.pick(zh, en)
}

/// Unit of a report key in the given language.
pub fn key_unit(lang: Lang, key: &str) -> &'static str {
    match key {
        "tce" => lang.pick("吨标煤", "tce"),
        "enterprises" => lang.pick("家", ""),
        "equipment" | "boilers" => lang.pick("台", ""),
        _ => lang.pick("吨", "t"),
    }
}

/// A quantity for display: two decimals with the locale's grouping ("1,234.50").
pub fn quantity(x: f64) -> String {
    jianpai_core::bulletin::grouped(x, 2)
}
