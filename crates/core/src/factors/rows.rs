//! Coefficients picked among several entries of the factor library, each rule written once as a
//! [`Pick`]: electricity at equal value (等价值) is stored as flat year rows
//! `tce.electricity_equal_value.<year>` and a file's accounting year picks one; CO₂ of coal follows
//! an override of the older per-tce factor; the grid CO₂ factor is stored as rows
//! `co2.grid_electricity.<basis>.<year>` and the file's `settings.grid_co2` and year pick one. [`Factors::value`] reads the picked entry's value (no
//! allocation: the numbers-only report picks too); [`Factors::of`] builds the trail's entry from
//! the same pick and words its [`Reason`].

use super::{FactorId, Factors, Picked};
use crate::choice::Choice;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::settings::GridCo2;

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
    /// The grid series `basis` has a row for the file's year.
    GridYear { basis: GridCo2, year: i64 },
    /// No row for the file's year: the latest earlier row.
    GridEarlier { basis: GridCo2, year: i64, row: i64 },
    /// The file's year is before the series' first row: that first row.
    GridBefore { basis: GridCo2, year: i64, row: i64 },
    /// The file gives no year: the series' latest row.
    GridNoYear { basis: GridCo2, row: i64 },
    /// The library has no row of the chosen series: its single `co2.grid_electricity`.
    GridNoRows { basis: GridCo2 },
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
        FactorId::Co2Grid if !factors.overridden(id.id()) => grid(factors),
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

/// The grid CO₂ row for the file's series (`settings.grid_co2`) and year: the row of the year,
/// else the latest earlier row, else (a year before the series' first) its first row — the
/// announcements give no earlier value of the same series, and the nearest published year of the
/// same 口径 is a better estimate than a factor of another 口径 (docs/methodology.md §6.1). No
/// year: the latest row. A library without rows (older than 2026.12-1) keeps its single entry,
/// with no reason when the file chose no series, so such a file's trail is as it was.
fn grid<'l>(factors: &Factors<'l>) -> Option<Pick<'l>> {
    let basis = factors.grid.unwrap_or_default();
    let rows = || grid_rows(factors, basis);
    let (Some(first), Some(last)) = (rows().min_by_key(|r| r.0), rows().max_by_key(|r| r.0)) else {
        return factors.grid.map(|basis| Pick {
            entry: FactorId::Co2Grid.id(),
            value_from: None,
            reason: Some(Reason::GridNoRows { basis }),
        });
    };
    let ((_, entry), reason) = match factors.year {
        None => (last, Reason::GridNoYear { basis, row: last.0 }),
        Some(year) => match rows().filter(|r| r.0 <= year).max_by_key(|r| r.0) {
            Some(r) if r.0 == year => (r, Reason::GridYear { basis, year }),
            Some(r) => (
                r,
                Reason::GridEarlier {
                    basis,
                    year,
                    row: r.0,
                },
            ),
            None => (
                first,
                Reason::GridBefore {
                    basis,
                    year,
                    row: first.0,
                },
            ),
        },
    };
    Some(Pick {
        entry,
        value_from: None,
        reason: Some(reason),
    })
}

/// The rows `co2.grid_electricity.<basis>.<year>` of one series: (year, id).
fn grid_rows<'l>(factors: &Factors<'l>, basis: GridCo2) -> impl Iterator<Item = (i64, &'l str)> {
    let base = FactorId::Co2Grid.id();
    factors.library().factors.iter().filter_map(move |f| {
        let rest = f.id.strip_prefix(base)?.strip_prefix('.')?;
        let (b, y) = rest.rsplit_once('.')?;
        (b == basis.name()).then_some(())?;
        Some((y.parse().ok()?, f.id.as_str()))
    })
}

/// "口径：全国电力平均" in both languages.
fn basis_words(basis: GridCo2) -> (String, String) {
    (
        format!("电网排放因子口径：{}", basis.text(Lang::Zh)),
        format!("grid factor basis: {}", basis.text(Lang::En)),
    )
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
            Reason::GridYear { basis, year } => {
                let (zh, en) = basis_words(basis);
                Picked::new(
                    format!("{zh}；核算年份 {year}：取 {year} 年数据的因子"),
                    format!("{en}; accounting year {year}: the factor of {year} data"),
                )
            }
            Reason::GridEarlier { basis, year, row } => {
                let (zh, en) = basis_words(basis);
                Picked::new(
                    format!("{zh}；核算年份 {year}：该口径尚未发布 {year} 年因子，取此前最近的 {row} 年因子"),
                    format!("{en}; accounting year {year}: no factor of {year} data published for this basis, so the latest earlier one ({row})"),
                )
            }
            Reason::GridBefore { basis, year, row } => {
                let (zh, en) = basis_words(basis);
                Picked::new(
                    format!("{zh}；核算年份 {year} 早于该口径最早发布的 {row} 年因子：取 {row} 年因子（同口径最近年份，估算）"),
                    format!("{en}; accounting year {year} is before this basis' first published factor ({row}): the {row} factor (nearest year of the same basis, an estimate)"),
                )
            }
            Reason::GridNoYear { basis, row } => {
                let (zh, en) = basis_words(basis);
                Picked::new(
                    format!("{zh}；文件未填核算年份：取该口径最新的 {row} 年因子"),
                    format!("{en}; the file gives no accounting year: this basis' latest factor ({row})"),
                )
            }
            Reason::GridNoRows { basis } => {
                let (zh, en) = basis_words(basis);
                Picked::new(
                    format!("{zh}；本系数库无该口径的分年因子，取 co2.grid_electricity"),
                    format!("{en}; this library has no yearly factors of that basis, so co2.grid_electricity"),
                )
            }
        }
    }
}
