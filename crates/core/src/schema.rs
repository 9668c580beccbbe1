//! Machine-readable description of every measure type's input fields (path, kind, unit, whether
//! required, engine default, Chinese and English labels), so that a form per measure type can be
//! rendered from the engine instead of repeating the field lists of design.md §4.
//!
//! Paths are relative to a project's `measure` object; nested fields are dotted
//! (`last_year.cod_t`, `saved.coal_t`, `before.cod_t`). Fields come in form order. The
//! `tests/schema.rs` integration tests check this description against the decoders both ways.
//!
//! Rules that a single field cannot express, enforced by validation and named in its errors:
//! - a before/after pair ([`FieldSpec::paired_with`]) is given both or neither, and at least one
//!   pair is given (`wastewater`, `flue_gas`, `measured`);
//! - `flue_gas`: `flue_gas_nm3_per_h` and `hours` are required unless `coal_t` is given (the gas
//!   volume is then estimated from coal);
//! - `livestock`: at least one head count; `removal_after_pct` is 100 for a closure when blank and
//!   required for a treatment;
//! - `capacity_phaseout`, `energy_saving`: at least one field given.

use crate::lang::Lang;

/// What kind of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// A real number (JSON number).
    Number,
    /// A whole number ≥ 0 (heads, units, enterprises).
    Count,
    /// One of a fixed list of text values.
    Choice(&'static [ChoiceOption]),
    /// `true` or `false`.
    Bool,
}

/// One value of a choice field, with its names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChoiceOption {
    pub value: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

impl ChoiceOption {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.label_zh,
            Lang::En => self.label_en,
        }
    }
}

/// One input field of a measure type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldSpec {
    /// Path inside `measure`: `flow_m3_per_day`, or nested `last_year.cod_t`.
    pub path: &'static str,
    pub kind: FieldKind,
    /// Unit symbol (`m³/d`, `%`, `mg/L`, `t`, `0–1` for a rate); empty for counts, choices, flags.
    pub unit: &'static str,
    /// Missing is an error on its own (not only through a pair or an "at least one" rule).
    pub required: bool,
    /// The number the engine uses when the field is blank; `None` when there is none, when it
    /// comes from the factor library, or when it depends on another field.
    pub default: Option<f64>,
    /// The choice value the engine uses when a choice field is blank.
    pub default_choice: Option<&'static str>,
    /// The other half of a before/after pair: give both or neither.
    pub paired_with: Option<&'static str>,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

impl FieldSpec {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.label_zh,
            Lang::En => self.label_en,
        }
    }

    /// The values of a choice field (empty for other kinds).
    pub fn choices(&self) -> &'static [ChoiceOption] {
        match self.kind {
            FieldKind::Choice(c) => c,
            _ => &[],
        }
    }

    /// The name of one value of this choice field; `None` for a value it does not have.
    pub fn choice_label(&self, value: &str, lang: Lang) -> Option<&'static str> {
        self.choices()
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.label(lang))
    }
}

/// The input fields of a measure type in form order; empty for an unknown type.
pub fn fields(type_name: &str) -> &'static [FieldSpec] {
    match type_name {
        "wastewater" => WASTEWATER,
        "desulfurization" => DESULFURIZATION,
        "denitrification" => DENITRIFICATION,
        "flue_gas" => FLUE_GAS,
        "fuel_switch" => FUEL_SWITCH,
        "boiler_phaseout" => BOILER_PHASEOUT,
        "livestock" => LIVESTOCK,
        "capacity_phaseout" => CAPACITY_PHASEOUT,
        "energy_saving" => ENERGY_SAVING,
        "measured" => MEASURED,
        _ => &[],
    }
}

/// One field of a measure type by its path.
pub fn field(type_name: &str, path: &str) -> Option<&'static FieldSpec> {
    fields(type_name).iter().find(|f| f.path == path)
}

/// The name of a choice value of one field (`none` means different things in different fields).
pub fn choice_label(type_name: &str, path: &str, value: &str, lang: Lang) -> Option<&'static str> {
    field(type_name, path)?.choice_label(value, lang)
}

// ---- builders -------------------------------------------------------------------------------

const fn spec(
    path: &'static str,
    kind: FieldKind,
    unit: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
) -> FieldSpec {
    FieldSpec {
        path,
        kind,
        unit,
        required: false,
        default: None,
        default_choice: None,
        paired_with: None,
        label_zh,
        label_en,
    }
}

/// An optional number.
const fn num(
    path: &'static str,
    unit: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
) -> FieldSpec {
    spec(path, FieldKind::Number, unit, label_zh, label_en)
}

/// A required number.
const fn req(
    path: &'static str,
    unit: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
) -> FieldSpec {
    FieldSpec {
        required: true,
        ..num(path, unit, label_zh, label_en)
    }
}

/// An optional number with the engine's default.
const fn dflt(
    path: &'static str,
    unit: &'static str,
    default: f64,
    label_zh: &'static str,
    label_en: &'static str,
) -> FieldSpec {
    FieldSpec {
        default: Some(default),
        ..num(path, unit, label_zh, label_en)
    }
}

/// One half of a before/after pair.
const fn pair(
    path: &'static str,
    other: &'static str,
    unit: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
) -> FieldSpec {
    FieldSpec {
        paired_with: Some(other),
        ..num(path, unit, label_zh, label_en)
    }
}

/// An optional count.
const fn count(path: &'static str, label_zh: &'static str, label_en: &'static str) -> FieldSpec {
    spec(path, FieldKind::Count, "", label_zh, label_en)
}

/// A choice field.
const fn choice(
    path: &'static str,
    options: &'static [ChoiceOption],
    label_zh: &'static str,
    label_en: &'static str,
) -> FieldSpec {
    spec(path, FieldKind::Choice(options), "", label_zh, label_en)
}

const fn opt(value: &'static str, label_zh: &'static str, label_en: &'static str) -> ChoiceOption {
    ChoiceOption {
        value,
        label_zh,
        label_en,
    }
}

// ---- choices (same order as the engine's enums) ---------------------------------------------

const WATER_SOURCE: &[ChoiceOption] = &[
    opt("municipal", "城镇生活污水", "Municipal sewage"),
    opt("industrial", "工业废水", "Industrial wastewater"),
];

const GRADE: &[ChoiceOption] = &[
    opt("1A", "一级A标准", "Grade 1A"),
    opt("1B", "一级B标准", "Grade 1B"),
    opt("2", "二级标准", "Grade 2"),
    opt("3", "三级标准", "Grade 3"),
];

const CLAIM: &[ChoiceOption] = &[
    opt(
        "ultra_low",
        "超低排放（SO₂ 35、NOₓ 50 mg/Nm³）",
        "Ultra-low (SO₂ 35, NOₓ 50 mg/Nm³)",
    ),
    opt("none", "不声明排放限值", "No limit claimed"),
];

const REPLACED_BY: &[ChoiceOption] = &[
    opt(
        "none",
        "无替代（用热需求取消）",
        "Nothing (heat demand ended)",
    ),
    opt("central_heating", "集中供热", "Central heating"),
    opt("gas", "天然气", "Natural gas"),
    opt("electricity", "电能", "Electricity"),
];

const ACTION: &[ChoiceOption] = &[
    opt("closure", "关闭（清栏）", "Closure"),
    opt("treatment", "配套治理设施", "Treatment facilities"),
];

// ---- measure types --------------------------------------------------------------------------

const WASTEWATER: &[FieldSpec] = &[
    FieldSpec {
        default_choice: Some("municipal"),
        ..choice("source", WATER_SOURCE, "污水类型", "Wastewater source")
    },
    req("flow_m3_per_day", "m³/d", "设计处理规模", "Design capacity"),
    dflt("load_rate", "0–1", 1.0, "负荷率", "Load rate"),
    dflt("days", "d", 365.0, "年运行天数", "Operating days per year"),
    pair(
        "cod_before_mg_l",
        "cod_after_mg_l",
        "mg/L",
        "COD 治理前浓度",
        "COD before treatment",
    ),
    pair(
        "cod_after_mg_l",
        "cod_before_mg_l",
        "mg/L",
        "COD 治理后浓度",
        "COD after treatment",
    ),
    pair(
        "nh3n_before_mg_l",
        "nh3n_after_mg_l",
        "mg/L",
        "氨氮治理前浓度",
        "NH₃-N before treatment",
    ),
    pair(
        "nh3n_after_mg_l",
        "nh3n_before_mg_l",
        "mg/L",
        "氨氮治理后浓度",
        "NH₃-N after treatment",
    ),
    choice(
        "grade",
        GRADE,
        "执行排放标准（GB 18918-2002）",
        "Discharge standard (GB 18918-2002)",
    ),
    spec(
        "upgrade",
        FieldKind::Bool,
        "",
        "提标改造（治理前浓度为原出水浓度）",
        "Upgrade of an existing plant (before = old effluent)",
    ),
];

const DESULFURIZATION: &[FieldSpec] = &[
    req("coal_t", "t", "燃煤量", "Coal burned per year"),
    req("sulfur_pct", "%", "煤含硫率", "Coal sulfur content"),
    dflt(
        "efficiency_before_pct",
        "%",
        0.0,
        "脱硫效率（治理前）",
        "Desulfurisation efficiency before",
    ),
    req(
        "efficiency_after_pct",
        "%",
        "脱硫效率（治理后）",
        "Desulfurisation efficiency after",
    ),
    dflt("operating_rate", "0–1", 1.0, "投运率", "Operating rate"),
];

const DENITRIFICATION: &[FieldSpec] = &[
    req("coal_t", "t", "燃煤量", "Coal burned per year"),
    num(
        "nox_kg_per_t",
        "kg/t",
        "NOₓ 产污系数（不填取系数库值）",
        "NOₓ generated per tonne of coal (blank: library factor)",
    ),
    dflt(
        "efficiency_before_pct",
        "%",
        0.0,
        "脱硝效率（治理前）",
        "Denitrification efficiency before",
    ),
    req(
        "efficiency_after_pct",
        "%",
        "脱硝效率（治理后）",
        "Denitrification efficiency after",
    ),
    dflt("operating_rate", "0–1", 1.0, "投运率", "Operating rate"),
];

const FLUE_GAS: &[FieldSpec] = &[
    num(
        "flue_gas_nm3_per_h",
        "Nm³/h",
        "烟气量（标态干基）",
        "Flue gas flow (dry, standard)",
    ),
    num("hours", "h", "年运行小时数", "Operating hours per year"),
    num(
        "coal_t",
        "t",
        "燃煤量（无实测烟气量时用于估算）",
        "Coal burned (to estimate the flue gas when the flow is unknown)",
    ),
    pair(
        "so2_before_mg_m3",
        "so2_after_mg_m3",
        "mg/Nm³",
        "SO₂ 改造前浓度",
        "SO₂ before retrofit",
    ),
    pair(
        "so2_after_mg_m3",
        "so2_before_mg_m3",
        "mg/Nm³",
        "SO₂ 改造后浓度",
        "SO₂ after retrofit",
    ),
    pair(
        "nox_before_mg_m3",
        "nox_after_mg_m3",
        "mg/Nm³",
        "NOₓ 改造前浓度",
        "NOₓ before retrofit",
    ),
    pair(
        "nox_after_mg_m3",
        "nox_before_mg_m3",
        "mg/Nm³",
        "NOₓ 改造后浓度",
        "NOₓ after retrofit",
    ),
    FieldSpec {
        default_choice: Some("ultra_low"),
        ..choice("claim", CLAIM, "达标声明", "Limit claimed")
    },
];

const FUEL_SWITCH: &[FieldSpec] = &[
    req(
        "coal_t",
        "t",
        "改造前燃煤量",
        "Coal burned per year before the switch",
    ),
    req("sulfur_pct", "%", "煤含硫率", "Coal sulfur content"),
    dflt(
        "fgd_efficiency_pct",
        "%",
        0.0,
        "原燃煤锅炉脱硫效率",
        "Desulfurisation efficiency of the coal boiler",
    ),
    num(
        "coal_nox_kg_per_t",
        "kg/t",
        "燃煤 NOₓ 产污系数（不填取系数库值）",
        "NOₓ per tonne of coal (blank: library factor)",
    ),
    req(
        "coal_boiler_efficiency_pct",
        "%",
        "燃煤锅炉热效率",
        "Coal boiler efficiency",
    ),
    req(
        "gas_boiler_efficiency_pct",
        "%",
        "燃气锅炉热效率",
        "Gas boiler efficiency",
    ),
];

const BOILER_PHASEOUT: &[FieldSpec] = &[
    FieldSpec {
        required: true,
        ..count("boilers", "淘汰锅炉台数", "Boilers eliminated")
    },
    req("coal_t", "t", "上年燃煤量", "Coal burned last year"),
    req("sulfur_pct", "%", "煤含硫率", "Coal sulfur content"),
    dflt(
        "fgd_efficiency_pct",
        "%",
        0.0,
        "脱硫效率",
        "Desulfurisation efficiency",
    ),
    num(
        "nox_kg_per_t",
        "kg/t",
        "NOₓ 产污系数（不填取系数库值）",
        "NOₓ generated per tonne of coal (blank: library factor)",
    ),
    FieldSpec {
        default_choice: Some("none"),
        ..choice(
            "replaced_by",
            REPLACED_BY,
            "替代热源",
            "Heat now supplied by",
        )
    },
];

const LIVESTOCK: &[FieldSpec] = &[
    FieldSpec {
        required: true,
        ..choice("action", ACTION, "减排方式", "Action")
    },
    count("pigs", "生猪（年出栏，头）", "Pigs (marketed per year)"),
    count("dairy_cows", "奶牛（存栏，头）", "Dairy cows (in stock)"),
    count(
        "beef_cattle",
        "肉牛（年出栏，头）",
        "Beef cattle (marketed per year)",
    ),
    count("layers", "蛋鸡（存栏，只）", "Layers (in stock)"),
    count(
        "broilers",
        "肉鸡（年出栏，只）",
        "Broilers (marketed per year)",
    ),
    dflt(
        "removal_before_pct",
        "%",
        0.0,
        "治理前污染物去除率",
        "Removal rate before",
    ),
    // 100 when blank for a closure, required for a treatment: no single default.
    num(
        "removal_after_pct",
        "%",
        "治理后污染物去除率（关闭不填即 100%）",
        "Removal rate after (closure: 100 % when blank)",
    ),
];

const CAPACITY_PHASEOUT: &[FieldSpec] = &[
    count("enterprises", "关停企业数（家）", "Enterprises closed"),
    count(
        "equipment",
        "淘汰设备数（台/套）",
        "Equipment units retired",
    ),
    num(
        "last_year.cod_t",
        "t",
        "上年 COD 排放量",
        "COD discharged last year",
    ),
    num(
        "last_year.nh3n_t",
        "t",
        "上年氨氮排放量",
        "NH₃-N discharged last year",
    ),
    num(
        "last_year.so2_t",
        "t",
        "上年 SO₂ 排放量",
        "SO₂ emitted last year",
    ),
    num(
        "last_year.nox_t",
        "t",
        "上年 NOₓ 排放量",
        "NOₓ emitted last year",
    ),
    num(
        "last_year.tce",
        "tce",
        "上年综合能耗",
        "Energy use last year",
    ),
    num(
        "last_year.water_t",
        "t",
        "上年新水用量",
        "Fresh water used last year",
    ),
];

const ENERGY_SAVING: &[FieldSpec] = &[
    num("saved.coal_t", "t", "节约原煤", "Raw coal saved"),
    num(
        "saved.washed_coal_t",
        "t",
        "节约洗精煤",
        "Washed coal saved",
    ),
    num("saved.coke_t", "t", "节约焦炭", "Coke saved"),
    num("saved.crude_oil_t", "t", "节约原油", "Crude oil saved"),
    num("saved.fuel_oil_t", "t", "节约燃料油", "Fuel oil saved"),
    num("saved.gasoline_t", "t", "节约汽油", "Gasoline saved"),
    num("saved.diesel_t", "t", "节约柴油", "Diesel saved"),
    num("saved.lpg_t", "t", "节约液化石油气", "LPG saved"),
    num(
        "saved.natural_gas_m3",
        "m³",
        "节约天然气",
        "Natural gas saved",
    ),
    num(
        "saved.electricity_kwh",
        "kWh",
        "节约电力",
        "Electricity saved",
    ),
    num("saved.steam_t", "t", "节约蒸汽", "Steam saved"),
    num("saved.heat_gj", "GJ", "节约热力", "Heat saved"),
    num("saved.water_t", "t", "节约新水", "Fresh water saved"),
];

const MEASURED: &[FieldSpec] = &[
    pair(
        "before.cod_t",
        "after.cod_t",
        "t",
        "治理前 COD 年排放量（监测）",
        "COD per year before (monitored)",
    ),
    pair(
        "after.cod_t",
        "before.cod_t",
        "t",
        "治理后 COD 年排放量（监测）",
        "COD per year after (monitored)",
    ),
    pair(
        "before.nh3n_t",
        "after.nh3n_t",
        "t",
        "治理前氨氮年排放量（监测）",
        "NH₃-N per year before (monitored)",
    ),
    pair(
        "after.nh3n_t",
        "before.nh3n_t",
        "t",
        "治理后氨氮年排放量（监测）",
        "NH₃-N per year after (monitored)",
    ),
    pair(
        "before.so2_t",
        "after.so2_t",
        "t",
        "治理前 SO₂ 年排放量（监测）",
        "SO₂ per year before (monitored)",
    ),
    pair(
        "after.so2_t",
        "before.so2_t",
        "t",
        "治理后 SO₂ 年排放量（监测）",
        "SO₂ per year after (monitored)",
    ),
    pair(
        "before.nox_t",
        "after.nox_t",
        "t",
        "治理前 NOₓ 年排放量（监测）",
        "NOₓ per year before (monitored)",
    ),
    pair(
        "after.nox_t",
        "before.nox_t",
        "t",
        "治理后 NOₓ 年排放量（监测）",
        "NOₓ per year after (monitored)",
    ),
    pair(
        "before.tce",
        "after.tce",
        "tce",
        "治理前年综合能耗",
        "Energy use per year before",
    ),
    pair(
        "after.tce",
        "before.tce",
        "tce",
        "治理后年综合能耗",
        "Energy use per year after",
    ),
    pair(
        "before.water_t",
        "after.water_t",
        "t",
        "治理前年新水用量",
        "Fresh water per year before",
    ),
    pair(
        "after.water_t",
        "before.water_t",
        "t",
        "治理后年新水用量",
        "Fresh water per year after",
    ),
];
