//! A file's settings and a project's accounting category: the vocabulary the measures, the
//! crediting rule and the report share.

use crate::choice::choice;
use crate::key::Key;
use crate::review::ReviewStatus;
use serde::Serialize;
use serde_json::{Map, Value};

choice! {
    /// Basis for converting electricity to standard coal.
    #[derive(Default)]
    pub enum ElectricityBasis {
        /// 当量值, 0.1229 kgce/kWh (GB/T 2589).
        #[default]
        Equivalent => "equivalent",
        /// 等价值, the thermal-power supply coal rate.
        EqualValue => "equal_value",
    }
}

choice! {
    /// The 口径 of the grid electricity CO₂ factor, `settings.grid_co2` (docs/methodology.md §6.1):
    /// which announced series the file's year picks its row from.
    #[derive(Default)]
    pub enum GridCo2 {
        /// 全国电力平均二氧化碳排放因子 (MEE/NBS). Default.
        #[default]
        National => "national",
        /// 全国, excluding market-traded non-fossil electricity (from 2022 data).
        NationalExclMarket => "national_excl_market",
        /// 全国化石能源电力二氧化碳排放因子.
        Fossil => "fossil",
        /// 区域电力平均: 华北.
        North => "north",
        /// 东北.
        Northeast => "northeast",
        /// 华东.
        East => "east",
        /// 华中.
        Central => "central",
        /// 西北.
        Northwest => "northwest",
        /// 南方.
        South => "south",
        /// 西南.
        Southwest => "southwest",
        /// The factor for enterprises' GHG reports (carbon market; 0.5703, unverified): not a
        /// regional-accounting factor, kept under its own name.
        EnterpriseReporting => "enterprise_reporting",
    }
}

choice! {
    /// Accounting category of a project (工程 / 结构 / 管理 减排).
    pub enum Category {
        Engineering => "engineering",
        Structural => "structural",
        Management => "management",
    }
}

choice! {
    /// The file's crediting rule, `settings.crediting` (docs/methodology.md §2).
    #[derive(Default)]
    pub enum Crediting {
        /// Credited months = 13 − m (from the month of stable operation or closure). Default.
        #[default]
        StartMonth => "start_month",
        /// 十三五 practice: engineering and management measures from the second month, 12 − m;
        /// structural measures keep 13 − m.
        SecondMonth => "second_month",
        /// Every project is credited for the whole year.
        FullYear => "full_year",
    }
}

choice! {
    /// The accounting method, `settings.method` (docs/methodology.md §2.2): which pollutants are
    /// the headline, what the results are called and how the bulletin is worded. Versioned like
    /// the factor library: a file records its method and keeps computing with it.
    ///
    /// A 十五五 (2026–2030) method has a slot here once its accounting guide is published: none
    /// was found (not yet published, or not readable; docs/methodology.md §2.2). No variant is
    /// invented for it.
    pub enum Method {
        /// 十二五/十三五 总量减排核算 (2011 rules): COD, NH₃-N, SO₂, NOₓ; 削减量.
        Total2011 => "2011",
        /// 十四五 重点工程减排量 (2021 guide): COD, NH₃-N, NOₓ, VOCs; SO₂ computed and shown, out of
        /// the headline.
        KeyProjects2021 => "2021",
    }
}

impl Method {
    /// The method of a file that names none: `2021` from the year 2021 (and with no year),
    /// `2011` before.
    pub fn default_for(year: Option<i64>) -> Method {
        match year {
            Some(y) if y < 2021 => Method::Total2011,
            _ => Method::KeyProjects2021,
        }
    }

    /// The headline pollutants, in the method's own order: 2011 COD, NH₃-N, SO₂, NOₓ; 2021 COD,
    /// NH₃-N, NOₓ, VOCs (SO₂ still computed and shown in the tables).
    pub fn headline(self) -> &'static [Key] {
        match self {
            Method::Total2011 => &[Key::Cod, Key::Nh3n, Key::So2, Key::Nox],
            Method::KeyProjects2021 => &[Key::Cod, Key::Nh3n, Key::Nox, Key::Vocs],
        }
    }

    /// Whether a report of this method shows `key` on its own when nothing is reduced or
    /// targeted: every key but VOCs under 2011 (a file of 2017 reads as it always did).
    pub fn lists(self, key: Key) -> bool {
        self == Method::KeyProjects2021 || key != Key::Vocs
    }
}

choice! {
    /// The order of the 2021 bulletin's pollutants, `settings.bulletin_order`.
    #[derive(Default)]
    pub enum BulletinOrder {
        /// COD, NH₃-N, NOₓ, VOCs (重庆, 黔江). Default.
        #[default]
        CodFirst => "cod_first",
        /// NOₓ, VOCs, COD, NH₃-N (浙江).
        NoxFirst => "nox_first",
    }
}

/// `settings` of a file: absent values stay `None`, so a file read and written is unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Settings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crediting: Option<Crediting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electricity_basis: Option<ElectricityBasis>,
    /// The accounting method as the file gives it (`None`: by the year, [`Method::default_for`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bulletin_order: Option<BulletinOrder>,
    /// The opt-in SO₂ clause of the 2021 bulletin (provinces that still assess SO₂).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bulletin_so2: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grid_co2: Option<GridCo2>,
    /// The review statuses whose projects the totals count (`None`: every status but 退回 and
    /// 不予认定, [`ReviewStatus::COUNTED_BY_DEFAULT`]); in the file's order as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_statuses: Option<Vec<ReviewStatus>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Settings {
    pub fn crediting(&self) -> Crediting {
        self.crediting.unwrap_or_default()
    }
    pub fn electricity_basis(&self) -> ElectricityBasis {
        self.electricity_basis.unwrap_or_default()
    }
    /// The method in force for a file of `year`: the one given, else the year's default.
    pub fn method(&self, year: Option<i64>) -> Method {
        self.method.unwrap_or_else(|| Method::default_for(year))
    }
    pub fn bulletin_order(&self) -> BulletinOrder {
        self.bulletin_order.unwrap_or_default()
    }
    pub fn bulletin_so2(&self) -> bool {
        self.bulletin_so2.unwrap_or(false)
    }
    pub fn grid_co2(&self) -> GridCo2 {
        self.grid_co2.unwrap_or_default()
    }
    /// Whether the totals count a project of this review status.
    pub fn counts(&self, status: ReviewStatus) -> bool {
        match &self.counted_statuses {
            Some(list) => list.contains(&status),
            None => ReviewStatus::COUNTED_BY_DEFAULT.contains(&status),
        }
    }
    /// The statuses counted, in review order ([`ReviewStatus::ALL`]).
    pub fn counted_statuses(&self) -> Vec<ReviewStatus> {
        ReviewStatus::ALL
            .into_iter()
            .filter(|s| self.counts(*s))
            .collect()
    }
}
