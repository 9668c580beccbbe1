//! Coefficients picked among several entries of the factor library, each rule written once as a
//! [`Pick`]: electricity at equal value (等价值) is stored as flat year rows
//! `tce.electricity_equal_value.<year>` and a file's accounting year picks one; CO₂ of coal follows
//! an override of the older per-tce factor. [`Factors::value`] reads the picked entry's value (no
//! allocation: the numbers-only report picks too); [`Factors::of`] builds the trail's entry from
//! the same pick and words its [`Reason`].

use super::{FactorId, Factors, Picked};

/// Which library entry a coefficient reads, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Pick<'l> {
    /// The entry the trail shows (its id, name, unit, source, status).
    pub entry: &'l str,
    /// Another entry whose value in force is the coefficient's value (coal CO₂ from
    /// `co2.per_tce`, whose override carries over); `None`: `entry`'s own.
    pub value_from: Option<&'l str>,
    /// Why this entry, when there was a choice; `None` for the coefficient's own entry.
    pub reason: Option<Reason>,
}

/// Why an entry was picked, worded for the trail by [`Reason::words`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Reason {
    /// The file gives no accounting year: the library's default equal-value entry.
    NoYear,
    /// The previous year's row (`row` = `year` − 1), per GB/T 2589-2020.
    PreviousYear { year: i64, row: i64 },
    /// No row for the previous year: the latest earlier row.
    EarlierRow { year: i64, row: i64 },
    /// No row for the previous year or earlier: the library's default.
    NoRow { year: i64 },
    /// The override of `co2.per_tce` applies to coal.
    PerTceOverride,
}

/// The entry coefficient `id` reads under `factors` (library, year, overrides). An override of
/// `id` itself always wins: the coefficient's own entry, with that override.
pub(super) fn pick<'l>(factors: &Factors<'l>, id: FactorId) -> Pick<'l> {
    let own = Pick {
        entry: id.id(),
        value_from: None,
        reason: None,
    };
    // The id is compared first: most coefficients need no override lookup here.
    match id {
        FactorId::ElectricityEqualValue if !factors.overridden(id.id()) => {
            equal_value(factors, factors.year)
        }
        FactorId::Co2Coal if !factors.overridden(id.id()) => coal_co2_from_per_tce(factors),
        _ => None,
    }
    .unwrap_or(own)
}

/// The row of electricity at equal value for a file of accounting year `year`. GB/T 2589-2020
/// defines 等价值 from the previous year's coal rate, so year − 1 is asked for; a year the
/// library has no row for takes the latest earlier row. Without a year, or before the first
/// row, the contract id `tce.electricity_equal_value` (the library's single default) is used.
fn equal_value<'l>(factors: &Factors<'l>, year: Option<i64>) -> Option<Pick<'l>> {
    let base = FactorId::ElectricityEqualValue.id();
    let (entry, reason) = match year {
        None => (base, Reason::NoYear),
        Some(year) => match equal_value_row(factors, year - 1) {
            Some((row, id)) if row == year - 1 => (id, Reason::PreviousYear { year, row }),
            Some((row, id)) => (id, Reason::EarlierRow { year, row }),
            None => (base, Reason::NoRow { year }),
        },
    };
    Some(Pick {
        entry,
        value_from: None,
        reason: Some(reason),
    })
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
/// Only where the library has both entries (an older one has no `co2.coal_per_tce`).
fn coal_co2_from_per_tce<'l>(factors: &Factors<'l>) -> Option<Pick<'l>> {
    let (coal, per_tce) = (FactorId::Co2Coal.id(), FactorId::Co2PerTce.id());
    let library = factors.library();
    (factors.overridden(per_tce) && library.get(per_tce).is_some() && library.get(coal).is_some())
        .then_some(Pick {
            entry: coal,
            value_from: Some(per_tce),
            reason: Some(Reason::PerTceOverride),
        })
}

impl Reason {
    /// The reason in both languages, as the trail shows it.
    pub(super) fn words(self) -> Picked {
        match self {
            Reason::NoYear => Picked::new(
                "文件未填核算年份：取系数库默认值",
                "the file gives no accounting year: the library's default",
            ),
            Reason::PreviousYear { year, row } => Picked::new(
                format!("核算年份 {year}：按 GB/T 2589-2020 取上一年（{row} 年）的行"),
                format!(
                    "accounting year {year}: the previous year's row ({row}), per GB/T 2589-2020"
                ),
            ),
            Reason::EarlierRow { year, row } => {
                let wanted = year - 1;
                Picked::new(
                    format!("核算年份 {year}：上一年（{wanted} 年）无数据，取此前最近的 {row} 年行"),
                    format!("accounting year {year}: no row for the previous year ({wanted}), so the latest earlier row ({row})"),
                )
            }
            Reason::NoRow { year } => {
                let wanted = year - 1;
                Picked::new(
                    format!("核算年份 {year}：{wanted} 年及以前无数据，取系数库默认值"),
                    format!("accounting year {year}: no row for {wanted} or earlier, so the library's default"),
                )
            }
            Reason::PerTceOverride => Picked::new(
                "沿用 co2.per_tce 的覆盖值（单位标煤 CO₂ 均为煤炭口径）",
                "the override of co2.per_tce applies (every per-tce CO₂ figure is a coal figure)",
            ),
        }
    }
}
