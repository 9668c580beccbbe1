//! Coefficients picked among several entries of the factor library: electricity at equal value
//! (等价值) is stored as flat year rows `tce.electricity_equal_value.<year>` and a file's
//! accounting year picks one; CO₂ of coal follows an override of the older per-tce factor.

use crate::factors::{FactorId, FactorUse, Factors, Picked};

/// The row of electricity at equal value for a file of accounting year `year`. GB/T 2589-2020
/// defines 等价值 from the previous year's coal rate, so year − 1 is asked for; a year the
/// library has no row for takes the latest earlier row. Without a year, or before the first
/// row, the contract id `tce.electricity_equal_value` (the library's single default) is used.
/// The returned use says which row and why. `None` only if the library lacks the fallback.
pub(crate) fn equal_value(factors: &Factors<'_>, year: Option<i64>) -> Option<FactorUse> {
    let base = FactorId::ElectricityEqualValue.id();
    let Some(year) = year else {
        return factors.get(base).map(|f| {
            with(
                f,
                "文件未填核算年份：取系数库默认值",
                "the file gives no accounting year: the library's default",
            )
        });
    };
    let wanted = year - 1;
    match equal_value_row(factors, wanted) {
        Some((y, id)) if y == wanted => factors.get(id).map(|f| {
            with(
                f,
                format!("核算年份 {year}：按 GB/T 2589-2020 取上一年（{y} 年）的行"),
                format!("accounting year {year}: the previous year's row ({y}), per GB/T 2589-2020"),
            )
        }),
        Some((y, id)) => factors.get(id).map(|f| {
            with(
                f,
                format!("核算年份 {year}：上一年（{wanted} 年）无数据，取此前最近的 {y} 年行"),
                format!("accounting year {year}: no row for the previous year ({wanted}), so the latest earlier row ({y})"),
            )
        }),
        None => factors.get(base).map(|f| {
            with(
                f,
                format!("核算年份 {year}：{wanted} 年及以前无数据，取系数库默认值"),
                format!("accounting year {year}: no row for {wanted} or earlier, so the library's default"),
            )
        }),
    }
}

/// The value of [`equal_value`]'s row, picked by the same rule without building the trail's
/// entry (the numbers-only report).
pub(crate) fn equal_value_value(factors: &Factors<'_>, year: Option<i64>) -> Option<f64> {
    let base = FactorId::ElectricityEqualValue.id();
    let id = year
        .and_then(|year| equal_value_row(factors, year - 1))
        .map_or(base, |(_, id)| id);
    factors.value_of(id)
}

/// The latest year row at or before `wanted`: its year and id.
fn equal_value_row<'l>(factors: &Factors<'l>, wanted: i64) -> Option<(i64, &'l str)> {
    let base = FactorId::ElectricityEqualValue.id();
    // Rows are found by id, so adding a year to factors.json is all a new row needs.
    factors
        .library()
        .factors
        .iter()
        .filter_map(|f| {
            let y: i64 = f.id.strip_prefix(base)?.strip_prefix('.')?.parse().ok()?;
            (y <= wanted).then_some((y, f.id.as_str()))
        })
        .max_by_key(|(y, _)| *y)
}

/// CO₂ of coal per tce when the file or project overrides `co2.per_tce` but not
/// `co2.coal_per_tce`: every per-tce figure is a coal figure (docs/methodology.md §6), so a file
/// that set its county's per-tce figure before CO₂ went per fuel keeps it for the coal it saves.
pub(crate) fn coal_co2_from_per_tce(factors: &Factors<'_>) -> Option<FactorUse> {
    let per_tce = FactorId::Co2PerTce.id();
    if !factors.overridden(per_tce) {
        return None;
    }
    let old = factors.get(per_tce)?;
    let mut f = factors.get(FactorId::Co2Coal.id())?;
    f.default_value = Some(f.value);
    f.factor.value = old.value;
    f.override_note = old.override_note.clone();
    Some(with(
        f,
        "沿用 co2.per_tce 的覆盖值（单位标煤 CO₂ 均为煤炭口径）",
        "the override of co2.per_tce applies (every per-tce CO₂ figure is a coal figure)",
    ))
}

/// The value of [`coal_co2_from_per_tce`]: `co2.per_tce` in force, when it applies.
pub(crate) fn coal_co2_from_per_tce_value(factors: &Factors<'_>) -> Option<f64> {
    let per_tce = FactorId::Co2PerTce.id();
    if !factors.overridden(per_tce) || factors.library().get(FactorId::Co2Coal.id()).is_none() {
        return None;
    }
    factors.value_of(per_tce)
}

fn with(mut f: FactorUse, zh: impl Into<String>, en: impl Into<String>) -> FactorUse {
    f.picked = Some(Picked::new(zh, en));
    f
}
