//! Every word the engine's vocabulary is shown with, in one place: the names and units of the
//! report keys, and the names of measure types, categories, coefficient statuses, crediting rules
//! and electricity bases. The CLI, the text report, the CSV and the app all read them here.

use crate::key::Key;
use crate::lang::{Label, Lang};
use crate::measure_type::MeasureType;
use crate::review::ReviewStatus;
use crate::settings::{BulletinOrder, Category, Crediting, ElectricityBasis, GridCo2, Method};
use crate::status::Status;

/// Something with a name in both languages.
pub trait Labelled: Copy {
    fn label(self) -> Label;

    fn text(self, lang: Lang) -> &'static str {
        self.label().get(lang)
    }
}

impl Labelled for Key {
    fn label(self) -> Label {
        let (zh, en) = match self {
            Key::Cod => ("COD", "COD"),
            Key::Nh3n => ("NH₃-N", "NH₃-N"),
            Key::So2 => ("SO₂", "SO₂"),
            Key::Nox => ("NOₓ", "NOₓ"),
            Key::Vocs => ("挥发性有机物", "VOCs"),
            Key::Tce => ("节约标煤", "Standard coal saved"),
            Key::Water => ("节水", "Water saved"),
            Key::Co2 => ("CO₂（估算）", "CO₂ (estimate)"),
            Key::Enterprises => ("关停企业", "Enterprises closed"),
            Key::Equipment => ("淘汰设备", "Equipment retired"),
            Key::Boilers => ("淘汰锅炉", "Boilers eliminated"),
        };
        Label::new(zh, en)
    }
}

impl Key {
    /// The unit people read beside a value of this key (`吨` / `t`); empty for none.
    pub fn unit(self) -> Label {
        let (zh, en) = match self {
            Key::Cod | Key::Nh3n | Key::So2 | Key::Nox | Key::Vocs | Key::Water | Key::Co2 => {
                ("吨", "t")
            }
            Key::Tce => ("吨标煤", "tce"),
            Key::Enterprises => ("家", ""),
            Key::Equipment | Key::Boilers => ("台", ""),
        };
        Label::new(zh, en)
    }

    /// The unit symbol of the engine's numbers (trails, inputs): `t` or `tce`; empty for counts.
    pub fn symbol(self) -> &'static str {
        match self {
            Key::Tce => "tce",
            Key::Enterprises | Key::Equipment | Key::Boilers => "",
            Key::Cod | Key::Nh3n | Key::So2 | Key::Nox | Key::Vocs | Key::Water | Key::Co2 => "t",
        }
    }

    /// The unit symbol, or `-` for a count (a trail always names a unit).
    pub fn symbol_or_dash(self) -> &'static str {
        match self.symbol() {
            "" => "-",
            s => s,
        }
    }

    /// The quantity itself, as a noun inside a sentence ("能耗（标煤）" for a last-year amount,
    /// where "节约标煤" would be wrong).
    pub fn amount_label(self) -> Label {
        let (zh, en) = match self {
            Key::Tce => ("能耗（标煤）", "energy use (standard coal)"),
            Key::Water => ("新水用量", "fresh water use"),
            Key::Cod
            | Key::Nh3n
            | Key::So2
            | Key::Nox
            | Key::Vocs
            | Key::Co2
            | Key::Enterprises
            | Key::Equipment
            | Key::Boilers => return self.label(),
        };
        Label::new(zh, en)
    }
}

impl Labelled for MeasureType {
    fn label(self) -> Label {
        let (zh, en) = match self {
            MeasureType::Wastewater => ("污水处理", "Wastewater treatment"),
            MeasureType::Desulfurization => ("燃煤脱硫", "Desulfurisation"),
            MeasureType::Denitrification => ("脱硝/低氮燃烧", "Denitrification"),
            MeasureType::FlueGas => ("超低排放改造", "Ultra-low emission retrofit"),
            MeasureType::FuelSwitch => ("煤改气", "Coal-to-gas switch"),
            MeasureType::BoilerPhaseout => ("燃煤小锅炉淘汰", "Small coal boiler phase-out"),
            MeasureType::Livestock => ("畜禽养殖关停/治理", "Livestock farm closure/treatment"),
            MeasureType::CapacityPhaseout => ("淘汰落后产能", "Outdated capacity phase-out"),
            MeasureType::EnergySaving => ("节能技改", "Energy-saving retrofit"),
            MeasureType::Measured => ("监测数据", "Monitoring data"),
            MeasureType::VocsTreatment => ("VOCs收集与末端治理", "VOCs collection and treatment"),
            MeasureType::VocsLdar => ("泄漏检测与修复（LDAR）", "Leak detection and repair (LDAR)"),
            MeasureType::VocsOilVapour => ("油品储运销油气回收", "Oil vapour recovery"),
            MeasureType::ReclaimedWater => ("再生水循环利用", "Reclaimed water reuse"),
            MeasureType::RuralSewage => ("农村生活污水治理", "Rural domestic sewage treatment"),
            MeasureType::Leachate => (
                "生活垃圾渗滤液处理",
                "Municipal solid-waste leachate treatment",
            ),
        };
        Label::new(zh, en)
    }
}

impl Labelled for Category {
    fn label(self) -> Label {
        match self {
            Category::Engineering => Label::new("工程减排", "engineering"),
            Category::Structural => Label::new("结构减排", "structural"),
            Category::Management => Label::new("管理减排", "management"),
        }
    }
}

impl Labelled for ReviewStatus {
    fn label(self) -> Label {
        match self {
            ReviewStatus::Submitted => Label::new("申报", "Submitted"),
            ReviewStatus::Checked => Label::new("初审通过", "First check passed"),
            ReviewStatus::Accepted => Label::new("核定", "Accepted"),
            ReviewStatus::Returned => Label::new("退回", "Returned"),
            ReviewStatus::Rejected => Label::new("不予认定", "Rejected"),
        }
    }
}

impl Labelled for Status {
    fn label(self) -> Label {
        match self {
            Status::Official => Label::new("官方文本", "official"),
            Status::Secondary => Label::new("二手来源", "secondary source"),
            Status::Unverified => Label::new("未核实", "unverified"),
        }
    }
}

impl Labelled for Crediting {
    fn label(self) -> Label {
        match self {
            Crediting::StartMonth => Label::new(
                "自稳定运行（关停）当月起算：13 − 起始月",
                "From the month of stable operation or closure: 13 − month",
            ),
            Crediting::SecondMonth => Label::new(
                "工程、管理减排自次月起算（十三五）：12 − 起始月；结构减排 13 − 起始月",
                "Engineering and management from the next month (十三五): 12 − month; structural 13 − month",
            ),
            Crediting::FullYear => Label::new("全年计入", "The whole year"),
        }
    }
}

impl Labelled for GridCo2 {
    fn label(self) -> Label {
        match self {
            GridCo2::National => Label::new("全国电力平均", "National average"),
            GridCo2::NationalExclMarket => Label::new(
                "全国（不包括市场化交易的非化石能源电量）",
                "National, excluding market-traded non-fossil electricity",
            ),
            GridCo2::Fossil => Label::new("全国化石能源电力", "National fossil-fuel power"),
            GridCo2::North => Label::new("华北区域电网", "North China regional grid"),
            GridCo2::Northeast => Label::new("东北区域电网", "Northeast regional grid"),
            GridCo2::East => Label::new("华东区域电网", "East China regional grid"),
            GridCo2::Central => Label::new("华中区域电网", "Central China regional grid"),
            GridCo2::Northwest => Label::new("西北区域电网", "Northwest regional grid"),
            GridCo2::South => Label::new("南方区域电网", "China Southern regional grid"),
            GridCo2::Southwest => Label::new("西南区域电网", "Southwest regional grid"),
            GridCo2::EnterpriseReporting => Label::new(
                "企业温室气体排放报告口径（0.5703，未核实；非区域核算因子）",
                "Enterprise GHG reporting factor (0.5703, unverified; not for regional accounting)",
            ),
        }
    }
}

impl Labelled for ElectricityBasis {
    fn label(self) -> Label {
        match self {
            ElectricityBasis::Equivalent => Label::new("当量值", "Calorific equivalent"),
            ElectricityBasis::EqualValue => Label::new(
                "等价值（火电供电煤耗）",
                "Primary-energy equivalent (supply coal rate)",
            ),
        }
    }
}

impl Labelled for Method {
    fn label(self) -> Label {
        match self {
            Method::Total2011 => Label::new(
                "十二五/十三五 总量减排核算（2011）",
                "Total-emission reduction accounting, 2011 rules (十二五/十三五)",
            ),
            Method::KeyProjects2021 => Label::new(
                "十四五 重点工程减排量（2021）",
                "Key-project reductions, 2021 guide (十四五)",
            ),
        }
    }
}

impl Method {
    /// What the method's results are called: 削减量 (2011) or 重点工程减排量 (2021).
    pub fn result_label(self) -> Label {
        match self {
            Method::Total2011 => Label::new("削减量", "Reductions"),
            Method::KeyProjects2021 => Label::new("重点工程减排量", "Key-project reductions"),
        }
    }

    /// One sentence on what the method counts (the app's choice, the file settings).
    pub fn description(self) -> Label {
        match self {
            Method::Total2011 => Label::new(
                "按十二五、十三五总量减排核算：化学需氧量、氨氮、二氧化硫、氮氧化物四项主要污染物的削减量，简报为2017年式样。",
                "The 十二五/十三五 total-emission accounting: reductions of COD, NH₃-N, SO₂ and NOₓ, with the bulletin worded as in 2017.",
            ),
            Method::KeyProjects2021 => Label::new(
                "按十四五重点工程减排量核算：化学需氧量、氨氮、氮氧化物、挥发性有机物四项，二氧化硫仍计算并列表但不作为主要指标。",
                "The 十四五 key-project accounting: reductions of COD, NH₃-N, NOₓ and VOCs; SO₂ is still computed and listed, but is not a headline figure.",
            ),
        }
    }
}

impl Labelled for BulletinOrder {
    fn label(self) -> Label {
        match self {
            BulletinOrder::CodFirst => Label::new(
                "化学需氧量、氨氮、氮氧化物、挥发性有机物（重庆等）",
                "COD, NH₃-N, NOₓ, VOCs (as Chongqing writes it)",
            ),
            BulletinOrder::NoxFirst => Label::new(
                "氮氧化物、挥发性有机物、化学需氧量、氨氮（浙江等）",
                "NOₓ, VOCs, COD, NH₃-N (as Zhejiang writes it)",
            ),
        }
    }
}
