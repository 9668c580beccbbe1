//! A file's settings and a project's accounting category: the vocabulary the measures, the
//! crediting rule and the report share.

use crate::choice::choice;
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

/// `settings` of a file: absent values stay `None`, so a file read and written is unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Settings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crediting: Option<Crediting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electricity_basis: Option<ElectricityBasis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grid_co2: Option<GridCo2>,
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
    pub fn grid_co2(&self) -> GridCo2 {
        self.grid_co2.unwrap_or_default()
    }
}
