//! The county report, built once: title, the accounting settings, the totals against the
//! targets, possible double counting, the charts, the tables by category, type and township,
//! the bulletin, the register (start month, credited amounts, status), the overrides with their
//! justification, the sign-off block, the coefficient appendix and, when asked, the on-site check
//! list (核查表: each project's inputs, [`inputs_table`], also the estimate's). The summary
//! screen's read-only parts are the same blocks.

use super::{
    appendix, labelled, percent, quantity, totals_keys, unique_factors, value_with_unit, Bar,
    Block, Cell, Chart, Column, Document, Item, Kind, Row, Table,
};
use crate::choice::Choice;
use crate::field::FieldKind;
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::measure_type::MeasureType;
use crate::register::{Entry, Register, RegisterReport};
use crate::report::{Group, OverrideUse, ProjectResult, Report};
use crate::review::ReviewStatus;
use crate::settings::{Category, KeyCategory, Method};
use crate::status::Status;
use crate::trail::num;

/// What a printed document says beyond its data.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Options {
    pub lang: Lang,
    /// The date printed on it (YYYY-MM-DD).
    pub date: String,
    /// Whether the county report ends with each project's inputs for the on-site check (核查表).
    pub checklist: bool,
}

/// Keys per group in the group tables: the 2011 method's four pollutants and energy; the 2021
/// method's adds VOCs after NOₓ (SO₂ still shown).
fn group_keys(m: Method) -> &'static [Key] {
    match m {
        Method::Total2011 => &[Key::Cod, Key::Nh3n, Key::So2, Key::Nox, Key::Tce],
        Method::KeyProjects2021 => &[Key::Cod, Key::Nh3n, Key::So2, Key::Nox, Key::Vocs, Key::Tce],
    }
}

/// Keys charted by township and by type on paper: the method's headline pollutants.
pub fn chart_keys(m: Method) -> &'static [Key] {
    m.headline()
}

/// A category as shown (its code when it is not one this version knows).
pub fn category_name(code: &str, l: Lang) -> String {
    Category::parse(code).map_or(code.to_owned(), |c| c.text(l).to_owned())
}

/// A 十四五 category as shown (its code when it is not one this version knows).
pub fn key_category_name(code: &str, l: Lang) -> String {
    KeyCategory::parse(code).map_or(code.to_owned(), |c| c.text(l).to_owned())
}

/// A measure type as shown (its tag when it is not one this version knows).
pub fn type_name(tag: &str, l: Lang) -> String {
    MeasureType::parse(tag).map_or(tag.to_owned(), |m| m.text(l).to_owned())
}

/// A township as shown ("no township" for projects that name none).
pub fn township_name(township: &str, l: Lang) -> String {
    if township.is_empty() {
        l.pick("（未填乡镇）", "(no township)").to_owned()
    } else {
        township.to_owned()
    }
}

/// Which medium a totals table is for: the screen draws progress as a meter (and gives the
/// credited cells ids `total-{key}`); paper writes the percentage, then the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    Screen,
    Print,
}

/// The totals against the targets, one row per key [`totals_keys`] lists.
pub fn totals_table(r: &Report, l: Lang, medium: Medium) -> Table {
    let mut columns = vec![
        Column::head(l.pick("指标", "Item")),
        Column::amount(match r.method.id {
            Method::Total2011 => l.pick("本年度核算量", "Credited this year"),
            Method::KeyProjects2021 => l.pick("本年度重点工程减排量", "Credited this year"),
        }),
        Column::amount(match r.method.id {
            Method::Total2011 => l.pick("全年削减量", "Full year"),
            Method::KeyProjects2021 => l.pick("全年减排量", "Full year"),
        }),
        Column::amount(l.pick("目标", "Target")),
    ];
    match medium {
        Medium::Screen => {
            columns.push(Column::text(""));
            columns.push(Column::text(l.pick("完成进度", "Progress")));
        }
        Medium::Print => {
            columns.push(Column::text(l.pick("完成进度", "Progress")).class("num"));
            columns.push(Column::text(l.pick("单位", "Unit")));
        }
    }
    let rows = totals_keys(r)
        .map(|k| {
            let progress = r.progress.iter().find(|p| p.key == k);
            let unit = Cell::text(k.unit().get(l));
            let mut cells = vec![
                Cell::text(k.text(l)),
                Cell::Num(r.totals[k]),
                Cell::Num(r.full_year_totals[k]),
                Cell::opt(progress.map(|p| p.target)),
            ];
            let pct = progress.and_then(|p| p.percent);
            match medium {
                Medium::Screen => {
                    cells.push(unit);
                    cells.push(pct.map_or(Cell::Blank, Cell::Meter));
                }
                Medium::Print => {
                    cells.push(pct.map_or(Cell::Blank, |p| Cell::text(percent(p))));
                    cells.push(unit);
                }
            }
            let row = Row::new(cells).data("key", k.code());
            match medium {
                Medium::Screen => row.id(1, format!("total-{}", k.code())),
                Medium::Print => row,
            }
        })
        .collect();
    Table {
        class: match medium {
            Medium::Screen => "portfolio-summary__totals",
            Medium::Print => "print-doc__totals",
        },
        columns,
        rows,
        scroll: medium == Medium::Screen,
        ..Table::default()
    }
}

/// "其中用于新改扩建项目区域削减的减排量已扣减 COD 100 吨、NH₃-N 5 吨。": the report's `offsets`
/// (their nonzero keys), said under the totals; `None` when no project has an offset.
pub fn offsets_sentence(r: &Report, l: Lang) -> Option<String> {
    let offsets = r.offsets.as_ref()?;
    let parts: Vec<String> = Key::ALL
        .into_iter()
        .filter(|k| !k.is_count() && offsets[*k] != 0.0)
        .map(|k| match l {
            Lang::Zh => format!("{} {} {}", k.text(l), quantity(offsets[k]), k.unit().zh),
            Lang::En => format!("{} {} {}", k.text(l), quantity(offsets[k]), k.unit().en),
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(match l {
        Lang::Zh => format!(
            "其中用于新改扩建项目区域削减的减排量已扣减 {}。",
            parts.join("、")
        ),
        Lang::En => format!(
            "The reductions used as offsets for new or expanded projects have been deducted: {}.",
            parts.join(", ")
        ),
    })
}

/// The review statuses in the order a count of them is said: the furthest along first
/// (核定 · 初审通过 · 申报), then 退回 and 不予认定.
pub const STATUS_COUNT_ORDER: [ReviewStatus; 5] = [
    ReviewStatus::Accepted,
    ReviewStatus::Checked,
    ReviewStatus::Submitted,
    ReviewStatus::Returned,
    ReviewStatus::Rejected,
];

/// "核定 12 · 初审通过 3 · 退回 1": how many projects have each status (those with none left out);
/// `None` when the report has no `review`.
pub fn status_counts(r: &Report, l: Lang) -> Option<String> {
    let review = r.review.as_ref()?;
    let parts: Vec<String> = STATUS_COUNT_ORDER
        .into_iter()
        .map(|s| (s, review.by_status.get(s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} {n}", s.text(l)))
        .collect();
    Some(parts.join(" · "))
}

/// The statuses counted, by name: "申报、初审通过、核定" (none: "无" / "none").
pub fn counted_names(counted: &[ReviewStatus], l: Lang) -> String {
    if counted.is_empty() {
        return l.pick("无", "none").to_owned();
    }
    counted
        .iter()
        .map(|s| s.text(l))
        .collect::<Vec<_>>()
        .join(l.pick("、", ", "))
}

/// "汇总计入审核状态为 申报、初审通过、核定 的项目。各状态项目数：核定 12 · 退回 1。": which statuses
/// the totals count (`settings.counted_statuses`) and the count by status; `None` when the report
/// has no `review` (no project reviewed, no setting).
pub fn review_sentence(r: &Report, l: Lang) -> Option<String> {
    let review = r.review.as_ref()?;
    let names = counted_names(&review.counted, l);
    let counts = status_counts(r, l).unwrap_or_default();
    Some(match l {
        Lang::Zh => format!("汇总计入审核状态为 {names} 的项目。各状态项目数：{counts}。"),
        Lang::En => format!(
            "The totals count the projects whose review status is: {names}. Projects by status: {counts}."
        ),
    })
}

fn review_block(r: &Report, l: Lang, id: Option<&str>, class: &'static str) -> Option<Block> {
    review_sentence(r, l).map(|text| Block::Paragraph {
        text,
        id: id.map(str::to_owned),
        class,
    })
}

/// A project's review as written, for the check list: its status, the reviewer's note and each
/// evidence document (name, number, date); `None` for a project without `review`.
pub fn review_table(e: &Entry, l: Lang) -> Option<Table> {
    let status = e.review_status().or_else(|| {
        // A review with a status this version does not know: shown as written.
        e.value().get("review").map(|_| ReviewStatus::Submitted)
    })?;
    let mut rows = vec![
        Row::new(vec![
            Cell::text(l.pick("审核状态", "Review status")),
            Cell::text(status.text(l)),
        ]),
        Row::new(vec![
            Cell::text(l.pick("审核意见", "Reviewer's note")),
            Cell::text(e.review_note()),
        ]),
    ];
    for (i, [name, number, date]) in e.evidence().into_iter().enumerate() {
        let parts: Vec<String> = [
            name,
            labelled_opt(l, l.pick("编号", "No."), &number),
            labelled_opt(l, l.pick("日期", "Date"), &date),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        rows.push(Row::new(vec![
            Cell::text(match l {
                Lang::Zh => format!("证明材料 {}", i + 1),
                Lang::En => format!("Evidence {}", i + 1),
            }),
            Cell::text(parts.join(l.pick("，", ", "))),
        ]));
    }
    Some(Table {
        class: "print-doc__review",
        caption: Some(l.pick("审核", "Review").to_owned()),
        columns: vec![
            Column::head(l.pick("项目", "Item")),
            Column::text(l.pick("内容", "Content")),
        ],
        rows,
        ..Table::default()
    })
}

fn labelled_opt(l: Lang, label: &str, value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        labelled(l, label, value)
    }
}

/// A register row's review status: its name, "（未计入）" after it when the totals leave it out;
/// blank for a project without a review.
fn review_cell(e: &Entry, res: Option<&ProjectResult>, l: Lang) -> String {
    let Some(status) = e.review_status() else {
        return match res {
            Some(p) if !p.counted => format!(
                "{}{}",
                ReviewStatus::Submitted.text(l),
                l.pick("（未计入）", " (not counted)")
            ),
            _ => String::new(),
        };
    };
    match res {
        Some(p) if !p.counted => {
            format!(
                "{}{}",
                status.text(l),
                l.pick("（未计入）", " (not counted)")
            )
        }
        _ => status.text(l).to_owned(),
    }
}

/// The offsets sentence as a paragraph of a document (`id` on screen).
fn offsets_block(r: &Report, l: Lang, id: Option<&str>, class: &'static str) -> Option<Block> {
    offsets_sentence(r, l).map(|text| Block::Paragraph {
        text,
        id: id.map(str::to_owned),
        class,
    })
}

/// A project's offset in the register: `COD 100、NH₃-N 5` (blank without one).
fn offset_text(p: &ProjectResult, l: Lang) -> String {
    let Some(o) = &p.offset else {
        return String::new();
    };
    Key::ALL
        .into_iter()
        .filter(|k| !k.is_count() && o[*k] != 0.0)
        .map(|k| format!("{} {}", k.text(l), quantity(o[k])))
        .collect::<Vec<_>>()
        .join(l.pick("、", ", "))
}

/// Credited totals of one grouping, one row per group.
fn group_table(
    id: String,
    caption: &str,
    groups: &[Group],
    keys: &[Key],
    l: Lang,
    name: impl Fn(&str, Lang) -> String,
) -> Block {
    let mut columns = vec![
        Column::head(""),
        Column::text(l.pick("项目数", "Projects")).class("num"),
    ];
    columns.extend(keys.iter().map(|k| Column::amount(k.text(l)).zero_blank()));
    let rows = groups
        .iter()
        .map(|g| {
            let mut cells = vec![Cell::text(name(&g.key, l)), Cell::Count(g.projects)];
            cells.extend(keys.iter().map(|k| Cell::Num(g.credited[*k])));
            Row::new(cells).data("key", g.key.clone())
        })
        .collect();
    Block::Table(Table {
        id: Some(id),
        class: "portfolio-summary__group",
        caption: Some(caption.to_owned()),
        columns,
        rows,
        scroll: true,
    })
}

/// The tables by category, by type and by township (ids `{prefix}by-category` …), under the 2021
/// method preceded by the table by 十四五 category (`{prefix}by-key-category`).
pub fn group_tables(prefix: &str, r: &Report, l: Lang) -> Block {
    let keys = group_keys(r.method.id);
    let by_key_category = (!r.by_key_category.is_empty()).then(|| {
        group_table(
            format!("{prefix}by-key-category"),
            l.pick(
                "按十四五重点工程类别（本年度核算量，吨 / 吨标煤）",
                "By 14th Five-Year Plan category (credited, t / tce)",
            ),
            &r.by_key_category,
            keys,
            l,
            key_category_name,
        )
    });
    Block::Section {
        id: None,
        class: "portfolio-summary__groups",
        blocks: by_key_category
            .into_iter()
            .chain([
                group_table(
                    format!("{prefix}by-category"),
                    l.pick(
                        "按减排类别（本年度核算量，吨 / 吨标煤）",
                        "By category (credited, t / tce)",
                    ),
                    &r.by_category,
                    keys,
                    l,
                    category_name,
                ),
                group_table(
                    format!("{prefix}by-type"),
                    l.pick(
                        "按措施类型（本年度核算量，吨 / 吨标煤）",
                        "By measure type (credited, t / tce)",
                    ),
                    &r.by_type,
                    keys,
                    l,
                    type_name,
                ),
                group_table(
                    format!("{prefix}by-township"),
                    l.pick(
                        "按乡镇（街道）（本年度核算量，吨 / 吨标煤）",
                        "By township (credited, t / tce)",
                    ),
                    &r.by_township,
                    keys,
                    l,
                    township_name,
                ),
            ])
            .collect(),
    }
}

/// The pairs of projects that may count one reduction twice; nothing when there are none.
pub fn overlaps_note(id: &str, r: &Report, l: Lang) -> Option<Block> {
    if r.overlaps.is_empty() {
        return None;
    }
    Some(Block::Note {
        id: Some(id.to_owned()),
        heading: l.pick("可能重复计算", "Possible double counting").to_owned(),
        intro: l
            .pick(
                "以下项目可能两次计入同一减排量（仅为提示，合计未作调整），请核对：",
                "These projects may count the same reduction twice (advisory only; the totals are unchanged). Please check:",
            )
            .to_owned(),
        items: r
            .overlaps
            .iter()
            .map(|o| Item {
                text: l.pick(&o.message_zh, &o.message_en).to_owned(),
                data: vec![("projects", o.projects.join(" "))],
                ..Item::default()
            })
            .collect(),
    })
}

/// Whether an overrides table says where each override applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeColumn {
    Shown,
    Hidden,
}

/// The coefficient overrides in force with their justification; nothing when `list` is empty.
pub fn overrides_table(
    list: &[OverrideUse],
    scope: ScopeColumn,
    l: Lang,
    id: Option<&str>,
    class: &'static str,
) -> Option<Table> {
    if list.is_empty() {
        return None;
    }
    let scoped = scope == ScopeColumn::Shown;
    let mut columns = vec![
        Column::head(l.pick("系数", "Coefficient")),
        Column::text(l.pick("采用值", "Value used")).class("num"),
        Column::text(l.pick("默认值", "Default")).class("num"),
        Column::text(l.pick("理由", "Justification")),
    ];
    if scoped {
        columns.push(Column::text(l.pick("适用范围", "Applies to")));
    }
    let rows = list
        .iter()
        .map(|o| {
            let f = &o.factor;
            let mut cells = vec![
                Cell::Named(f.name(l).to_owned(), f.id.clone()),
                Cell::text(value_with_unit(f.value, &f.unit)),
                f.default_value
                    .map_or(Cell::Blank, |d| Cell::text(value_with_unit(d, &f.unit))),
                Cell::text(f.override_note.clone().unwrap_or_default()),
            ];
            let mut row = Row::default();
            if scoped {
                cells.push(Cell::text(override_scope(o, l)));
                row = row.data("factor", f.id.clone());
            }
            row.cells = cells;
            row
        })
        .collect();
    Some(Table {
        id: id.map(str::to_owned),
        class,
        caption: Some(
            l.pick("生效的系数覆盖", "Coefficient overrides in force")
                .to_owned(),
        ),
        columns,
        rows,
        scroll: false,
    })
}

/// Where an override applies, in words: the whole file, or one project.
pub fn override_scope(o: &OverrideUse, l: Lang) -> String {
    match &o.project {
        None => l.pick("全文件", "The whole file").to_owned(),
        Some(id) => match l {
            Lang::Zh => format!("项目 {id}"),
            Lang::En => format!("Project {id}"),
        },
    }
}

/// How many of the projects an override touches are named (a register of ten thousand projects
/// must not list ten thousand names on every edit).
const TOUCHED_SHOWN: usize = 20;

/// The projects (id, name) whose computed result uses the override `o`, the first
/// [`TOUCHED_SHOWN`] of them, and how many in all: their trail cites the factor (read from
/// [`ProjectResult::factors_read`](crate::report::ProjectResult::factors_read), the same entries,
/// so that a register computed without trails lists the same projects), and for a file-wide
/// override the project does not override it itself.
pub fn touched(r: &RegisterReport, o: &OverrideUse) -> (Vec<(String, String)>, usize) {
    let library = r
        .report
        .as_ref()
        .ok()
        .and_then(|rep| crate::factors::FactorLibrary::version(&rep.factor_library));
    let own: Vec<&str> = r
        .report
        .as_ref()
        .map(|rep| {
            rep.overrides
                .iter()
                .filter(|p| p.factor.id == o.factor.id)
                .filter_map(|p| p.project.as_deref())
                .collect()
        })
        .unwrap_or_default();
    r.results
        .iter()
        .filter_map(|res| res.as_ref().ok())
        .filter(|p| match &o.project {
            Some(id) => *p.id == **id,
            None => !own.contains(&&*p.id),
        })
        .filter(|p| match library {
            Some(lib) => p.factors_read.contains(lib, &o.factor.id),
            // Not a library of this build (never a register's): the trail's own citations.
            None => p
                .trail
                .iter()
                .any(|e| e.factors.iter().any(|f| f.id == o.factor.id)),
        })
        .enumerate()
        .fold((Vec::new(), 0), |(mut named, _), (i, p)| {
            if i < TOUCHED_SHOWN {
                named.push((p.id.to_string(), p.name.to_string()));
            }
            (named, i + 1)
        })
}

/// The coefficient library's list of the overrides in force (id `coefficients-in-force`): each
/// with its value, the default it replaces, its justification, where it applies and the
/// projects whose results it changes.
pub fn overrides_in_force(r: &RegisterReport, l: Lang) -> Block {
    let list = r
        .report
        .as_ref()
        .map(|rep| rep.overrides.as_slice())
        .unwrap_or_default();
    if list.is_empty() {
        return Block::Paragraph {
            text: l
                .pick(
                    "本文件未覆盖任何系数，全部采用系数库默认值。",
                    "This file overrides no coefficient: every default of the library is used.",
                )
                .to_owned(),
            id: None,
            class: "coefficients__none",
        };
    }
    let items = list
        .iter()
        .map(|o| {
            let f = &o.factor;
            let (projects, count) = touched(r, o);
            let touches = if projects.is_empty() {
                l.pick(
                    "（没有项目使用该系数）",
                    "(no project uses this coefficient)",
                )
                .to_owned()
            } else {
                let mut shown = projects
                    .iter()
                    .map(|(id, name)| format!("{id} {name}"))
                    .collect::<Vec<_>>()
                    .join("；");
                if count > projects.len() {
                    shown.push_str(&match l {
                        Lang::Zh => format!(" ……共 {count}"),
                        Lang::En => format!(" … in all {count}"),
                    });
                }
                shown
            };
            let default = f
                .default_value
                .map(|d| {
                    let d = value_with_unit(d, &f.unit);
                    match l {
                        Lang::Zh => format!(" (默认值 {d})"),
                        Lang::En => format!(" (Default {d})"),
                    }
                })
                .unwrap_or_default();
            let scope = override_scope(o, l);
            Item {
                text: format!("{} ", f.name(l)),
                code: Some(f.id.clone()),
                after: format!(
                    " = {}{default} — {}",
                    value_with_unit(f.value, &f.unit),
                    f.override_note.as_deref().unwrap_or("")
                ),
                lines: vec![
                    match l {
                        Lang::Zh => format!("适用范围：{scope}；影响的项目："),
                        Lang::En => format!("Applies to: {scope}; projects affected:"),
                    },
                    touches,
                ],
                last_class: "coefficients__touched",
                data: vec![
                    ("factor", f.id.clone()),
                    ("scope", o.project.clone().unwrap_or_default()),
                ],
            }
        })
        .collect();
    Block::Section {
        id: Some("coefficients-in-force".into()),
        class: "",
        blocks: vec![Block::List {
            ordered: false,
            class: "coefficients__list",
            items,
        }],
    }
}

/// Credited amounts of `key` by township or by type, largest first; groups without any left out.
fn group_chart(
    id: String,
    title: &str,
    head: &str,
    groups: &[Group],
    k: Key,
    l: Lang,
    name: fn(&str, Lang) -> String,
) -> Chart {
    let unit = k.unit().get(l);
    let mut bars: Vec<Bar> = groups
        .iter()
        .filter(|g| g.credited[k] != 0.0)
        .map(|g| Bar {
            key: g.key.clone(),
            name: name(&g.key, l),
            value: g.credited[k],
            text: format!("{} {unit}", quantity(g.credited[k])),
        })
        .collect();
    crate::order::sort_by(&mut bars, |a, b| b.value.total_cmp(&a.value));
    let title = format!("{title} · {}", k.text(l));
    let table = Table {
        id: Some(format!("{id}-table")),
        caption: Some(title.clone()),
        columns: vec![Column::head(head), Column::amount(k.text(l))],
        rows: bars
            .iter()
            .map(|b| {
                Row::new(vec![Cell::text(b.name.clone()), Cell::Num(b.value)])
                    .data("key", b.key.clone())
            })
            .collect(),
        ..Table::default()
    };
    Chart {
        id,
        title,
        progress: false,
        bars,
        description: None,
        table,
        table_label: chart_table_label(l),
    }
}

fn chart_table_label(l: Lang) -> String {
    l.pick("以表格查看图中数字", "The chart's numbers as a table")
        .to_owned()
}

/// Credited amounts of `k` by township (id `{prefix}chart-by-township{suffix}`).
pub fn township_chart(id: String, r: &Report, k: Key, l: Lang) -> Chart {
    group_chart(
        id,
        l.pick("按乡镇（街道）本年度核算量", "Credited by township"),
        l.pick("乡镇（街道）", "Township"),
        &r.by_township,
        k,
        l,
        township_name,
    )
}

/// Credited amounts of `k` by measure type.
pub fn type_chart(id: String, r: &Report, k: Key, l: Lang) -> Chart {
    group_chart(
        id,
        l.pick("按措施类型本年度核算量", "Credited by measure type"),
        l.pick("类型", "Type"),
        &r.by_type,
        k,
        l,
        type_name,
    )
}

/// Credited total / target of each key with a (non-zero) target; nothing without one.
pub fn progress_chart(id: &str, r: &Report, l: Lang) -> Option<Chart> {
    let shown: Vec<_> = r.progress.iter().filter(|p| p.percent.is_some()).collect();
    if shown.is_empty() {
        return None;
    }
    let title = l
        .pick(
            "目标完成进度（本年度核算量 / 目标）",
            "Progress against the targets (credited / target)",
        )
        .to_owned();
    let bars = shown
        .iter()
        .map(|p| {
            let pct = p.percent.unwrap_or_default();
            Bar {
                key: p.key.code().to_owned(),
                name: p.key.text(l).to_owned(),
                value: pct,
                text: format!(
                    "{}% · {} / {} {}",
                    crate::bulletin::grouped(pct, 1),
                    quantity(p.achieved),
                    quantity(p.target),
                    p.key.unit().get(l)
                ),
            }
        })
        .collect();
    let table = Table {
        id: Some(format!("{id}-table")),
        caption: Some(title.clone()),
        columns: vec![
            Column::head(l.pick("指标", "Item")),
            Column::amount(l.pick("本年度核算量", "Credited this year")),
            Column::amount(l.pick("目标", "Target")),
            Column::text("").class("unit"),
            Column::text(l.pick("完成进度", "Progress")).class("num"),
        ],
        rows: shown
            .iter()
            .map(|p| {
                Row::new(vec![
                    Cell::text(p.key.text(l)),
                    Cell::Num(p.achieved),
                    Cell::Num(p.target),
                    Cell::text(p.key.unit().get(l)),
                    Cell::text(format!(
                        "{}%",
                        crate::bulletin::grouped(p.percent.unwrap_or_default(), 1)
                    )),
                ])
                .data("key", p.key.code())
            })
            .collect(),
        ..Table::default()
    };
    Some(Chart {
        id: id.to_owned(),
        title,
        progress: true,
        bars,
        description: Some(
            l.pick(
                "竖线为目标（100%），超出部分以斜线标出。",
                "The vertical line is the target (100 %); any part past it is hatched.",
            )
            .to_owned(),
        ),
        table,
        table_label: chart_table_label(l),
    })
}

/// The printed charts: progress, then by township and by type for each of [`chart_keys`] the
/// report credits (paper cannot offer the screen's choice of key). Ids start `print-`.
fn print_charts(r: &Report, l: Lang) -> Vec<Block> {
    let mut out: Vec<Block> = progress_chart("print-chart-progress", r, l)
        .map(Block::Chart)
        .into_iter()
        .collect();
    for k in chart_keys(r.method.id)
        .iter()
        .filter(|k| r.totals[**k] != 0.0)
    {
        out.push(Block::Chart(township_chart(
            format!("print-chart-by-township-{}", k.code()),
            r,
            *k,
            l,
        )));
        out.push(Block::Chart(type_chart(
            format!("print-chart-by-type-{}", k.code()),
            r,
            *k,
            l,
        )));
    }
    out
}

/// The CO₂ headline, labelled an estimate, with the grid factor's 口径: "减少二氧化碳排放约 4,513.2
/// 吨（估算；电网排放因子口径：全国电力平均）"; nothing when no CO₂ is credited. A library without
/// yearly grid factors (before 2026.12-1) has one grid value, and the sentence says so.
pub fn co2_headline(r: &Report, l: Lang) -> Option<String> {
    let co2 = r.totals[Key::Co2];
    if co2 == 0.0 {
        return None;
    }
    let amount = crate::bulletin::grouped(co2, 1);
    let yearly = crate::factors::FactorLibrary::version(&r.factor_library)
        .is_none_or(|lib| lib.has_grid_rows());
    let basis = r.grid_co2.text(l);
    let v = &r.factor_library;
    Some(match (l, yearly) {
        (Lang::Zh, true) => {
            format!("减少二氧化碳排放约{amount}吨（估算；电网排放因子口径：{basis}，按核算年份取值）")
        }
        (Lang::Zh, false) => {
            format!("减少二氧化碳排放约{amount}吨（估算；电网排放因子取系数库 {v} 的单一值）")
        }
        (Lang::En, true) => format!(
            "CO₂ emissions reduced by about {amount} t (estimate; grid emission factor basis: {basis}, by the accounting year)"
        ),
        (Lang::En, false) => format!(
            "CO₂ emissions reduced by about {amount} t (estimate; the grid emission factor is library {v}'s single value)"
        ),
    })
}

/// The CO₂ headline as a paragraph of the summary or the printout.
fn co2_paragraph(r: &Report, l: Lang, id: Option<&str>, class: &'static str) -> Option<Block> {
    co2_headline(r, l).map(|text| Block::Paragraph {
        text,
        id: id.map(str::to_owned),
        class,
    })
}

/// "示例县 · 2026年减排 · 2026": region, title and year, those given.
fn heading(r: &Report) -> String {
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    [r.region.as_str(), r.title.as_str(), year.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The method in force, and "（按年度默认）" when the file names none.
fn method_text(r: &Report, l: Lang) -> String {
    let name = r.method.id.text(l);
    if r.method.given {
        name.to_owned()
    } else {
        format!(
            "{name}{}",
            l.pick("（按年度默认）", " (default for the year)")
        )
    }
}

/// The summary screen's read-only parts before the charts (heading, library, totals, double
/// counting) and after them (overrides, groups, bulletin).
pub fn summary(r: &Report, l: Lang) -> (Vec<Block>, Vec<Block>) {
    let (mut head, tail) = summary_parts(r, l);
    head.extend(overlaps_note("overlaps", r, l));
    (head, tail)
}

/// [`summary`] without the last block of its head, the possible double counting
/// ([`overlaps_note`]`("overlaps", …)`), which the app draws on its own: a register of many
/// similar projects lists thousands of pairs, and they change far less often than the totals
/// (issue 20: drawing that list again on every edit took seconds at 10,000 projects).
pub fn summary_parts(r: &Report, l: Lang) -> (Vec<Block>, Vec<Block>) {
    let mut head = vec![
        Block::Heading {
            level: 3,
            text: heading(r),
            class: "",
        },
        Block::Paragraph {
            text: labelled(
                l,
                l.pick("系数库版本", "Coefficient library"),
                &r.factor_library,
            ),
            id: Some("summary-library".into()),
            class: "",
        },
        Block::Paragraph {
            text: labelled(
                l,
                l.pick("核算方法", "Accounting method"),
                &method_text(r, l),
            ),
            id: Some("summary-method".into()),
            class: "",
        },
        Block::Table(totals_table(r, l, Medium::Screen)),
    ];
    head.extend(co2_paragraph(r, l, Some("summary-co2"), "summary__co2"));
    head.extend(offsets_block(
        r,
        l,
        Some("summary-offsets"),
        "portfolio-summary__offsets",
    ));
    head.extend(review_block(
        r,
        l,
        Some("summary-review"),
        "portfolio-summary__review",
    ));
    let mut tail: Vec<Block> = overrides_table(
        &r.overrides,
        ScopeColumn::Shown,
        l,
        Some("overrides-in-force"),
        "portfolio-summary__overrides",
    )
    .map(|t| Block::Table(Table { scroll: true, ..t }))
    .into_iter()
    .collect();
    tail.push(group_tables("", r, l));
    tail.push(Block::Heading {
        level: 3,
        text: l.pick("简报段落", "Bulletin paragraph").to_owned(),
        class: "",
    });
    tail.push(Block::Quote {
        text: l.pick(&r.bulletin.zh, &r.bulletin.en).to_owned(),
        id: Some("bulletin".into()),
    });
    tail.push(Block::Paragraph {
        text: r.bulletin.note.get(l).to_owned(),
        id: Some("bulletin-note".into()),
        class: "bulletin__note",
    });
    (head, tail)
}

/// The status of a register row: OK, a possible double counting naming the other project, or
/// why the project is not counted.
fn row_status(
    id: &str,
    r: Option<&Report>,
    result: Option<&ProjectResult>,
    errors: Option<&[crate::Error]>,
    l: Lang,
) -> String {
    if let Some(errs) = errors {
        let value = errs
            .iter()
            .map(|e| e.message(l))
            .collect::<Vec<_>>()
            .join(l.pick("；", "; "));
        return format!(
            "✖ {}",
            labelled(
                l,
                l.pick("有错误，未计入", "has errors, not counted"),
                &value
            )
        );
    }
    let others: Vec<&str> = r
        .map(|r| {
            r.overlaps
                .iter()
                .filter(|o| o.involves(id))
                .map(|o| o.other(id))
                .collect()
        })
        .unwrap_or_default();
    // A result implausibly large for its type (report::RESULT_USUAL) is said beside the project.
    let implausible: Vec<String> = result
        .map(|p| {
            p.warnings
                .iter()
                .filter(|w| w.field.as_deref().is_some_and(|f| f.starts_with("result.")))
                .map(|w| w.message(l))
                .collect()
        })
        .unwrap_or_default();
    if !implausible.is_empty() {
        let mut out = format!("⚠ {}", implausible.join(l.pick("；", "; ")));
        if !others.is_empty() {
            out.push_str(l.pick("；", "; "));
            out.push_str(&labelled(
                l,
                l.pick("可能重复计算", "Possible double counting"),
                &others.join(l.pick("、", ", ")),
            ));
        }
        return out;
    }
    if others.is_empty() {
        l.pick("正常", "OK").to_owned()
    } else {
        format!(
            "⚠ {}",
            labelled(
                l,
                l.pick("可能重复计算", "Possible double counting"),
                &others.join(l.pick("、", ", "))
            )
        )
    }
}

/// The start month as written (1–12), blank for the whole year.
fn start_month(e: &Entry) -> String {
    match e.start_month() {
        Some(m) if m > 0 => m.to_string(),
        _ => String::new(),
    }
}

/// The register: one row per project in register order, a project not counted saying why; under
/// the 2021 method grouped by 十四五 category (in the categories' order, register order within
/// one), each group closed by its subtotal row (the report's `by_key_category`).
fn register_table(reg: &Register, rr: &RegisterReport, l: Lang) -> Table {
    let report = rr.report.as_ref().ok();
    // The amounts' columns: every key of the 2021 method; VOCs under 2011 only when one counts.
    let method = report.map_or(Method::KeyProjects2021, |r| r.method.id);
    let keys: Vec<Key> = Key::EMISSIONS
        .into_iter()
        .filter(|k| {
            method.lists(*k)
                || rr
                    .results
                    .iter()
                    .any(|p| p.as_ref().is_ok_and(|p| p.full_year[*k] != 0.0))
        })
        .collect();
    let enterprises = reg
        .projects
        .iter()
        .any(|e| !e.text("enterprise").is_empty());
    // A column of offsets only when some counted project has one.
    let offsets = rr
        .results
        .iter()
        .any(|r| r.as_ref().is_ok_and(|p| p.offset.is_some()));
    // A review status column only when the report has a review.
    let reviews = report.is_some_and(|r| r.review.is_some());
    let mut columns = vec![
        Column::text(l.pick("项目编号", "Project id")).class("print-doc__id"),
        Column::text(l.pick("项目名称", "Name")).class("print-doc__name"),
    ];
    if enterprises {
        columns.push(Column::text(l.pick("企业名称", "Enterprise")));
    }
    columns.extend([
        Column::text(l.pick("乡镇（街道）", "Township")).class("print-doc__short"),
        Column::text(l.pick("类型", "Type")),
        Column::text(l.pick("减排类别", "Accounting category")).class("print-doc__short"),
        Column::text(l.pick("起始月", "Start month")).class("num"),
    ]);
    columns.extend(
        keys.iter()
            .map(|k| Column::amount(k.text(l)).unit(k.unit().get(l)).zero_blank()),
    );
    if offsets {
        columns.push(Column::text(l.pick(
            "其中用于区域削减（已扣减）",
            "Of which used as offset (deducted)",
        )));
    }
    if reviews {
        columns.push(Column::text(l.pick("审核状态", "Review status")).class("print-doc__short"));
    }
    columns.push(Column::text(l.pick("状态", "Status")));
    let rows: Vec<(Option<KeyCategory>, Row)> = reg
        .projects
        .iter()
        .zip(&rr.results)
        .map(|(e, res)| {
            let key_category = match res {
                Ok(p) => p.key_category,
                Err(_) => e
                    .key_category()
                    .or_else(|| MeasureType::parse(e.type_tag()).map(MeasureType::key_category)),
            };
            let id = e.id().unwrap_or("").to_owned();
            let mut cells = vec![Cell::text(id.clone()), Cell::text(e.text("name"))];
            if enterprises {
                cells.push(Cell::text(e.text("enterprise")));
            }
            let category = match res {
                Ok(p) => p.category.text(l).to_owned(),
                Err(_) => category_name(e.text("category"), l),
            };
            cells.extend([
                Cell::text(e.text("township")),
                Cell::text(type_name(e.type_tag(), l)),
                Cell::text(category),
                Cell::text(start_month(e)),
            ]);
            match res {
                Ok(p) => {
                    cells.extend(keys.iter().map(|k| Cell::Num(p.credited[*k])));
                    if offsets {
                        cells.push(Cell::text(offset_text(p, l)));
                    }
                    if reviews {
                        cells.push(Cell::text(review_cell(e, Some(p), l)));
                    }
                    cells.push(Cell::text(row_status(&id, report, Some(p), None, l)));
                }
                Err(errs) => {
                    cells.extend(keys.iter().map(|_| Cell::Blank));
                    if offsets {
                        cells.push(Cell::Blank);
                    }
                    if reviews {
                        cells.push(Cell::text(review_cell(e, None, l)));
                    }
                    cells.push(Cell::text(row_status(&id, report, None, Some(errs), l)));
                }
            }
            (key_category, Row::new(cells))
        })
        .collect();
    let grouped = method == Method::KeyProjects2021 && report.is_some();
    let rows = if grouped {
        let width = columns.len();
        let mut out = Vec::with_capacity(rows.len() + KeyCategory::VALUES.len());
        let mut rows: Vec<Option<(Option<KeyCategory>, Row)>> =
            rows.into_iter().map(Some).collect();
        for c in KeyCategory::VALUES.iter().copied().map(Some).chain([None]) {
            let mut any = false;
            for slot in rows.iter_mut() {
                if slot.as_ref().is_some_and(|(k, _)| *k == c) {
                    if let Some((_, row)) = slot.take() {
                        out.push(row.data("key-category", c.map_or("", |c| c.name())));
                        any = true;
                    }
                }
            }
            let group = report
                .and_then(|r| c.and_then(|c| r.by_key_category.iter().find(|g| g.key == c.name())));
            if let (true, Some(c), Some(g)) = (any, c, group) {
                out.push(subtotal_row(c, g, &keys, enterprises, offsets, width, l));
            }
        }
        out
    } else {
        rows.into_iter().map(|(_, r)| r).collect()
    };
    Table {
        class: "print-doc__register",
        caption: Some(l.pick("项目登记表", "Project register").to_owned()),
        columns,
        rows,
        ..Table::default()
    }
}

/// The subtotal row closing a 十四五 category's projects in the printed register: its name, the
/// counted projects' credited amounts net of offsets, the other cells blank.
fn subtotal_row(
    c: KeyCategory,
    g: &Group,
    keys: &[Key],
    enterprises: bool,
    offsets: bool,
    width: usize,
    l: Lang,
) -> Row {
    let name = match l {
        Lang::Zh => format!("{}小计（{}项）", c.text(l), g.projects),
        Lang::En => format!(
            "Subtotal, {} ({} project{})",
            c.text(l),
            g.projects,
            if g.projects == 1 { "" } else { "s" }
        ),
    };
    let mut cells = vec![Cell::Blank, Cell::text(name)];
    if enterprises {
        cells.push(Cell::Blank);
    }
    cells.extend([Cell::Blank, Cell::Blank, Cell::Blank, Cell::Blank]);
    cells.extend(keys.iter().map(|k| Cell::Num(g.credited[*k])));
    if offsets {
        // A group adds net amounts (as the totals do), the rows above show credited ones.
        cells.push(Cell::text(
            l.pick("小计为扣减后净值", "subtotal net of offsets"),
        ));
    }
    // The remaining columns (the note, and the review status when there is one) blank.
    cells.resize(width.max(cells.len()), Cell::Blank);
    Row::new(cells).data("subtotal", c.name())
}

/// Whether any of the coefficients is unverified.
pub(crate) fn any_unverified(factors: &[crate::factors::FactorUse]) -> bool {
    factors.iter().any(|f| f.status == Status::Unverified)
}

/// The county report of a register as computed.
pub fn county(reg: &Register, rr: &RegisterReport, o: &Options) -> Document {
    let l = o.lang;
    let counted: Vec<&crate::report::ProjectResult> = rr
        .results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|p| &**p)
        .collect();
    let factors = unique_factors(counted.iter().copied());
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: l
            .pick("县级减排核算报告", "County emission-reduction report")
            .to_owned(),
        class: "print-doc__title",
    }];
    match &rr.report {
        Ok(r) => {
            blocks.push(Block::Paragraph {
                text: heading(r),
                id: None,
                class: "print-doc__subtitle",
            });
            let meta = [
                (l.pick("打印日期", "Printed on"), o.date.as_str()),
                (
                    l.pick("系数库版本", "Coefficient library"),
                    r.factor_library.as_str(),
                ),
                (
                    l.pick("当年核算规则", "Crediting rule for the year"),
                    r.crediting.text(l),
                ),
                (
                    l.pick("电力折标准煤", "Electricity to standard coal"),
                    r.electricity_basis.text(l),
                ),
                (
                    l.pick("核算方法", "Accounting method"),
                    method_text(r, l).as_str(),
                ),
            ]
            .map(|(k, v)| labelled(l, k, v))
            .join(" · ");
            blocks.push(Block::Paragraph {
                text: meta,
                id: None,
                class: "print-doc__meta",
            });
            blocks.push(Block::Table(totals_table(r, l, Medium::Print)));
            blocks.extend(co2_paragraph(r, l, None, "print-doc__co2"));
            blocks.extend(offsets_block(r, l, None, "print-doc__offsets"));
            blocks.extend(review_block(r, l, None, "print-doc__review-counted"));
            blocks.extend(overlaps_note("print-overlaps", r, l));
            let mut charts = vec![Block::Heading {
                level: 2,
                text: l.pick("图表", "Charts").to_owned(),
                class: "",
            }];
            charts.extend(print_charts(r, l));
            blocks.push(Block::Section {
                id: None,
                class: "print-doc__charts",
                blocks: charts,
            });
            blocks.push(Block::Section {
                id: None,
                class: "print-doc__groups",
                blocks: vec![
                    Block::Heading {
                        level: 2,
                        text: l.pick("分组合计", "Totals by group").to_owned(),
                        class: "",
                    },
                    group_tables("print-", r, l),
                ],
            });
            blocks.push(Block::Heading {
                level: 2,
                text: l.pick("简报段落", "Bulletin paragraph").to_owned(),
                class: "",
            });
            blocks.push(Block::Paragraph {
                text: l.pick(&r.bulletin.zh, &r.bulletin.en).to_owned(),
                id: None,
                class: "print-doc__bulletin",
            });
            blocks.push(Block::Paragraph {
                text: r.bulletin.note.get(l).to_owned(),
                id: None,
                class: "print-doc__note",
            });
        }
        Err(errs) => blocks.push(Block::List {
            ordered: false,
            class: "print-doc__problem",
            items: errs.iter().map(|e| Item::text(e.message(l))).collect(),
        }),
    }
    blocks.push(Block::Table(register_table(reg, rr, l)));
    if let Ok(r) = &rr.report {
        blocks.extend(
            overrides_table(
                &r.overrides,
                ScopeColumn::Shown,
                l,
                None,
                "print-doc__overrides",
            )
            .map(Block::Table),
        );
    }
    blocks.push(sign_off_county(l));
    blocks.push(Block::Heading {
        level: 2,
        text: l
            .pick(
                "附录：所用系数及来源",
                "Appendix: coefficients used and their sources",
            )
            .to_owned(),
        class: "print-doc__appendix",
    });
    blocks.push(Block::Table(appendix(&factors, l)));
    if o.checklist {
        blocks.push(Block::Heading {
            level: 2,
            text: l
                .pick(
                    "附录：现场核查表（各项目输入数据）",
                    "Appendix: on-site check list (each project's inputs)",
                )
                .to_owned(),
            class: "print-doc__appendix",
        });
        for e in &reg.projects {
            blocks.push(Block::Table(inputs_table(
                e,
                l,
                Some(format!("{} {}", e.id().unwrap_or(""), e.text("name"))),
            )));
            blocks.extend(review_table(e, l).map(Block::Table));
        }
    }
    Document {
        kind: Kind::Report,
        lang: l,
        running_title: l
            .pick(
                "减排核算 · 县级减排核算报告",
                "Jianpai · County emission-reduction report",
            )
            .to_owned(),
        unverified: any_unverified(&factors),
        blocks,
    }
}

fn sign_off_county(l: Lang) -> Block {
    Block::SignOff {
        heading: l.pick("签署", "Sign-off").to_owned(),
        lines: [
            ("编制单位", "Prepared by (organisation)"),
            ("编制人", "Prepared by"),
            ("审核人", "Checked by"),
            ("日期", "Date"),
            ("盖章", "Stamp"),
        ]
        .map(|(zh, en)| l.pick(zh, en).to_owned())
        .to_vec(),
    }
}

/// One row per field of the project's measure type: its label, the value as written (a choice
/// by its name, a blank by the default it takes) and its unit.
pub fn inputs_table(e: &Entry, l: Lang, caption: Option<String>) -> Table {
    let measure = e.value().get("measure").cloned().unwrap_or_default();
    let rows = crate::schema::laid_out_for(e.type_tag(), &measure)
        .into_iter()
        .map(|at| {
            let spec = at.spec;
            let path = format!("measure.{}", at.path);
            // A number as the engine writes numbers (`10000`, not the file's `10000.0`).
            let text = match crate::path::get(e.value(), &path) {
                Some(serde_json::Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), num),
                _ => e.field_text(&path),
            };
            let text = text.trim();
            let value = match spec.kind {
                FieldKind::Bool => if text == "true" { "✓" } else { "—" }.to_owned(),
                FieldKind::Choice(_) if !text.is_empty() => spec
                    .choice_label(text, l)
                    .map_or_else(|| text.to_owned(), str::to_owned),
                _ if !text.is_empty() => text.to_owned(),
                _ => match spec.default {
                    Some(d) => match l {
                        Lang::Zh => format!("不填则取默认值 {}", num(d)),
                        Lang::En => format!("Blank means the default, {}", num(d)),
                    },
                    None => l.pick("未填（按默认）", "not given (default)").to_owned(),
                },
            };
            Row::new(vec![
                Cell::text(at.label(l)),
                Cell::text(value),
                Cell::text(spec.unit_text()),
            ])
        })
        .collect();
    Table {
        class: "print-doc__inputs",
        caption: Some(caption.unwrap_or_else(|| l.pick("输入数据", "Inputs").to_owned())),
        columns: vec![
            Column::head(l.pick("输入项", "Input")),
            Column::text(l.pick("数值", "Value")).class("num"),
            Column::text(l.pick("单位", "Unit")).class("unit"),
        ],
        rows,
        ..Table::default()
    }
}
