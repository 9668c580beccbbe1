//! The estimate of one project, built once: who and where, the inputs with their units, the
//! full-year and credited results, the warnings, how each number was computed (formula, values
//! substituted) with every coefficient's source and status, the overrides in force, and the
//! applicant's sign-off block (申报单位（盖章）/ 联系人 / 电话).

use super::county::{
    any_unverified, inputs_table, overrides_table, type_name, Options, ScopeColumn,
};
use super::{
    appendix, labelled, unique_factors, Block, Cell, Column, Document, Item, Kind, Row, Table,
};
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::register::{Entry, Register, RegisterReport};
use crate::report::{OverrideUse, ProjectResult};

/// The project's identity and the accounting settings, label by value.
fn identity(reg: &Register, e: &Entry, l: Lang) -> Block {
    let settings = reg.settings();
    let category = e.category().map_or_else(
        || {
            l.pick("— 按措施类型默认", "— usual for the measure type")
                .to_owned()
        },
        |c| c.text(l).to_owned(),
    );
    let month = match e.start_month() {
        Some(m) if m > 0 => m.to_string(),
        _ => l.pick("全年", "whole year").to_owned(),
    };
    let pairs = [
        (l.pick("项目名称", "Name"), e.text("name").to_owned()),
        (
            l.pick("企业名称", "Enterprise"),
            e.text("enterprise").to_owned(),
        ),
        (
            l.pick("乡镇（街道）", "Township"),
            e.text("township").to_owned(),
        ),
        (l.pick("地区", "Region"), reg.field_text("region")),
        (l.pick("年度", "Year"), reg.field_text("year")),
        (
            l.pick("项目编号", "Project id"),
            e.id().unwrap_or("").to_owned(),
        ),
        (
            l.pick("措施类型", "Measure type"),
            type_name(e.type_tag(), l),
        ),
        (l.pick("减排类别", "Accounting category"), category),
        (
            l.pick("稳定运行起始月", "First month of stable operation"),
            month,
        ),
        (
            l.pick("当年核算规则", "Crediting rule for the year"),
            settings.crediting().text(l).to_owned(),
        ),
        (
            l.pick("电力折标准煤", "Electricity to standard coal"),
            settings.electricity_basis().text(l).to_owned(),
        ),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    Block::Pairs {
        caption: l.pick("申报单位", "Applicant").to_owned(),
        class: "print-doc__identity",
        per_row: 2,
        pairs,
    }
}

/// The results, the warnings, the trail, the coefficients used and this project's overrides.
fn results(r: &ProjectResult, l: Lang) -> Vec<Block> {
    let rows = Key::ALL
        .into_iter()
        .filter(|k| r.full_year[*k] != 0.0)
        .map(|k| {
            Row::new(vec![
                Cell::text(k.text(l)),
                Cell::Num(r.full_year[k]),
                Cell::Num(r.credited[k]),
                Cell::text(k.unit().get(l)),
            ])
            .data("key", k.code())
        })
        .collect();
    let mut out = vec![Block::Table(Table {
        class: "print-doc__results",
        caption: Some(format!(
            "{} · {}",
            l.pick("测算结果", "Result"),
            labelled(
                l,
                l.pick("核算月数", "Months credited"),
                &r.months.to_string()
            )
        )),
        columns: vec![
            Column::head(l.pick("指标", "Item")),
            Column::amount(l.pick("全年削减量", "Full year")),
            Column::amount(l.pick("本年度核算量", "Credited this year")),
            Column::text(l.pick("单位", "Unit")).class("unit"),
        ],
        rows,
        ..Table::default()
    })];
    if !r.warnings.is_empty() {
        out.push(Block::Heading {
            level: 2,
            text: l.pick("提示", "Warnings").to_owned(),
            class: "",
        });
        out.push(Block::List {
            ordered: false,
            class: "print-doc__warnings",
            items: r
                .warnings
                .iter()
                .map(|w| Item::text(w.message(l)))
                .collect(),
        });
    }
    out.push(Block::Heading {
        level: 2,
        text: l.pick("计算过程", "How it was computed").to_owned(),
        class: "",
    });
    out.push(Block::List {
        ordered: true,
        class: "print-doc__trail",
        items: r
            .trail
            .iter()
            .map(|e| Item {
                text: format!("{}{}", e.formula(l), l.pick("： ", ": ")),
                code: Some(e.substituted.clone()),
                ..Item::default()
            })
            .collect(),
    });
    let factors = unique_factors(std::iter::once(r));
    if !factors.is_empty() {
        out.push(Block::Table(appendix(&factors, l)));
    }
    let overrides: Vec<OverrideUse> = factors
        .iter()
        .filter(|f| f.override_note.is_some())
        .map(|f| OverrideUse {
            project: None,
            factor: f.clone(),
        })
        .collect();
    out.extend(
        overrides_table(
            &overrides,
            ScopeColumn::Hidden,
            l,
            None,
            "print-doc__overrides",
        )
        .map(Block::Table),
    );
    out
}

/// The estimate of the register's first project (a one-project file), as computed.
pub fn estimate(reg: &Register, rr: &RegisterReport, o: &Options) -> Document {
    let l = o.lang;
    let library = match &rr.report {
        Ok(r) => r.factor_library.clone(),
        Err(_) => reg.library_version(),
    };
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: l
                .pick("减排量测算表", "Emission-reduction estimate")
                .to_owned(),
            class: "print-doc__title",
        },
        Block::Paragraph {
            text: format!(
                "{} · {}",
                labelled(l, l.pick("打印日期", "Printed on"), &o.date),
                labelled(l, l.pick("系数库版本", "Coefficient library"), &library)
            ),
            id: None,
            class: "print-doc__meta",
        },
    ];
    let mut unverified = false;
    if let Some(e) = reg.projects.first() {
        blocks.push(identity(reg, e, l));
        blocks.push(Block::Table(inputs_table(e, l, None)));
        match rr.results.first() {
            Some(Ok(r)) => {
                unverified = any_unverified(&unique_factors(std::iter::once(&**r)));
                blocks.extend(results(r, l));
            }
            Some(Err(errs)) => blocks.push(Block::List {
                ordered: false,
                class: "print-doc__problem",
                items: errs.iter().map(|e| Item::text(e.message(l))).collect(),
            }),
            None => {}
        }
    }
    if let Err(errs) = &rr.report {
        blocks.push(Block::List {
            ordered: false,
            class: "print-doc__problem",
            items: errs.iter().map(|e| Item::text(e.message(l))).collect(),
        });
    }
    blocks.push(Block::SignOff {
        heading: l.pick("申报确认", "Applicant's confirmation").to_owned(),
        lines: [
            ("申报单位（盖章）", "Applicant (stamp)"),
            ("联系人", "Contact person"),
            ("电话", "Telephone"),
            ("日期", "Date"),
        ]
        .map(|(zh, en)| l.pick(zh, en).to_owned())
        .to_vec(),
    });
    Document {
        kind: Kind::Estimate,
        lang: l,
        running_title: l
            .pick(
                "减排核算 · 减排量测算表",
                "Jianpai · Emission-reduction estimate",
            )
            .to_owned(),
        unverified,
        blocks,
    }
}
