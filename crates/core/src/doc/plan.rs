//! The five-year view ([`crate::plan`]) as one document: per plan a section with its heading, the
//! year-on-year table (one row per report key: each year's totals, their sum, the five-year target
//! and what is still to reduce), the gap to each target in words, which years have no register
//! and whose register gave the targets. The app shows it, prints it and the CLI writes it
//! (`jianpai plan FILE... --format text`); [`csv_table`] is the same numbers as one table for
//! programs (`--format csv`).

use super::{Block, Cell, Column, Document, Item, Kind, Row, Table};
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::plan::PlanView;

/// The year-on-year table of one plan: rows by key, columns 2021 … 2025 (blank without a
/// register), 累计 / Cumulative, 五年目标 / Five-year target, 尚差 / Still to reduce (已完成 /
/// met once reached).
pub fn table(v: &PlanView, l: Lang) -> Table {
    let mut columns = vec![
        Column::head(l.pick("指标", "Item")),
        Column::text(l.pick("单位", "Unit")),
    ];
    columns.extend(v.period.years().map(|y| Column::amount(y.to_string())));
    columns.push(Column::amount(l.pick("累计", "Cumulative")));
    columns.push(Column::amount(l.pick("五年目标", "Five-year target")));
    columns.push(Column::amount(l.pick("尚差", "Still to reduce")));
    let rows = Key::ALL
        .into_iter()
        .map(|k| {
            let mut cells = vec![Cell::text(k.text(l)), Cell::text(k.unit().get(l))];
            cells.extend(
                v.period
                    .years()
                    .map(|y| v.year(y).map_or(Cell::Blank, |py| Cell::Num(py.totals[k]))),
            );
            cells.push(Cell::Num(v.cumulative[k]));
            let gap = v.gaps.iter().find(|g| g.key == k);
            cells.push(gap.map_or(Cell::Blank, |g| Cell::Num(g.target)));
            cells.push(match gap {
                None => Cell::Blank,
                Some(g) if g.met => Cell::text(l.pick("已完成", "met")),
                Some(g) => Cell::Num(g.short),
            });
            Row::new(cells).data("key", k.code())
        })
        .collect();
    Table {
        id: Some(format!("plan-{}", v.period.first())),
        class: "jp-plan",
        caption: Some(match l {
            Lang::Zh => format!("{}逐年减排量与五年目标", v.period.name(l)),
            Lang::En => format!(
                "{}: reductions by year and five-year targets",
                v.period.name(l)
            ),
        }),
        columns,
        rows,
        scroll: true,
    }
}

/// The lines under the table: each gap in words, the years without a register, and where the
/// targets come from.
fn notes(v: &PlanView, l: Lang) -> Vec<Block> {
    let mut out = Vec::new();
    if !v.gaps.is_empty() {
        out.push(Block::List {
            ordered: false,
            class: "jp-plan-gaps",
            items: v
                .gaps
                .iter()
                .map(|g| {
                    let mut it = Item::text(g.sentence(l));
                    it.data.push(("key", g.key.code().to_owned()));
                    it
                })
                .collect(),
        });
    }
    let from = match (v.targets_year, l) {
        (Some(y), Lang::Zh) => format!("五年目标取自 {y} 年登记表。"),
        (Some(y), Lang::En) => format!("Five-year targets from the {y} register."),
        (None, Lang::Zh) => "未填写五年目标（plan_targets）。".to_owned(),
        (None, Lang::En) => "No five-year targets given (plan_targets).".to_owned(),
    };
    out.push(Block::Paragraph {
        text: from,
        id: None,
        class: "jp-plan-source",
    });
    if !v.missing.is_empty() {
        let years: Vec<String> = v.missing.iter().map(i64::to_string).collect();
        out.push(Block::Paragraph {
            text: match l {
                Lang::Zh => format!("{} 年无登记表，其减排量未计入累计。", years.join("、")),
                Lang::En => format!(
                    "No register for {}: not in the cumulative totals.",
                    years.join(", ")
                ),
            },
            id: None,
            class: "jp-plan-missing",
        });
    }
    out
}

/// The whole view: one section per plan.
pub fn document(views: &[PlanView], l: Lang) -> Document {
    let region = views
        .iter()
        .flat_map(|v| v.years.iter())
        .rev()
        .map(|y| y.region.as_str())
        .find(|r| !r.is_empty())
        .unwrap_or("");
    let title = match l {
        Lang::Zh => format!("{region}五年规划减排进度"),
        Lang::En if region.is_empty() => "Five-year plan progress".to_owned(),
        Lang::En => format!("{region}: five-year plan progress"),
    };
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: title.clone(),
        class: "",
    }];
    for v in views {
        let mut inner = vec![
            Block::Heading {
                level: 2,
                text: v.period.heading(l),
                class: "",
            },
            Block::Table(table(v, l)),
        ];
        inner.extend(notes(v, l));
        blocks.push(Block::Section {
            id: Some(format!("plan-{}-section", v.period.first())),
            class: "jp-plan-period",
            blocks: inner,
        });
    }
    Document {
        kind: Kind::Report,
        lang: l,
        running_title: title,
        unverified: false,
        blocks,
    }
}

/// The same numbers as one table for programs: codes as headers (`period`, `row`, then every
/// report key); per plan a row per year given (`row` = the year), then `cumulative`, `target`
/// and `short` (blank where there is no target).
pub fn csv_table(views: &[PlanView]) -> Table {
    let mut columns = vec![Column::text("period"), Column::text("row")];
    columns.extend(
        Key::ALL
            .iter()
            .map(|k| Column::amount(k.code()).unit(k.unit().get(Lang::En))),
    );
    let mut rows = Vec::new();
    for v in views {
        let period = v.period.name(Lang::Zh);
        let row = |name: String, cells: Vec<Cell>| {
            let mut all = vec![Cell::text(period.clone()), Cell::text(name)];
            all.extend(cells);
            Row::new(all)
        };
        for y in &v.years {
            let name = y.year.map_or_else(String::new, |y| y.to_string());
            rows.push(row(
                name,
                Key::ALL.iter().map(|k| Cell::Num(y.totals[*k])).collect(),
            ));
        }
        rows.push(row(
            "cumulative".into(),
            Key::ALL
                .iter()
                .map(|k| Cell::Num(v.cumulative[*k]))
                .collect(),
        ));
        let gap = |k: Key| v.gaps.iter().find(|g| g.key == k);
        rows.push(row(
            "target".into(),
            Key::ALL
                .iter()
                .map(|k| gap(*k).map_or(Cell::Blank, |g| Cell::Num(g.target)))
                .collect(),
        ));
        rows.push(row(
            "short".into(),
            Key::ALL
                .iter()
                .map(|k| gap(*k).map_or(Cell::Blank, |g| Cell::Num(g.short)))
                .collect(),
        ));
    }
    Table {
        id: None,
        class: "",
        caption: None,
        columns,
        rows,
        scroll: false,
    }
}
