//! The register as a spreadsheet, both ways, in the file bar: export the people's CSV or an
//! Excel workbook (`jianpai_core::table::workbook`) in the active language, import a CSV (the
//! people's CSV or a template; UTF-8, UTF-16 or GB18030 as Excel and WPS save it; a file that is
//! not text named as such) or an .xlsx workbook (its parts inflated by the browser, its sheets
//! laid out as the people's CSV) through a preview that lists every problem by row and column,
//! then replace the register or add the rows to it (undoable), and download the template of a
//! measure type.

use crate::components::column_mapping::{ColumnMapping, Ledger};
use crate::components::live;
use crate::components::preview::FilePreview;
use crate::i18n::{msg, t, tr, use_lang, Msg, Text};
use crate::platform;
use crate::workspace::{Doc, Workspace};
use jianpai_core::encoding::{describe, sniff, Sniffed};
use jianpai_core::register::{Register, RegisterReport};
use jianpai_core::table::workbook::{csv_from_sheets, ledger_csv, xlsx};
use jianpai_core::table::xlsx::{entries, read as read_sheets, NotWorkbook};
use jianpai_core::table::{import_csv_beside, people_csv, template, Problem, RowProblem};
use jianpai_core::{Choice, Labelled, Lang, MeasureType};
use leptos::prelude::*;
use reactive_stores::Field;

/// A CSV read and computed, waiting for the user's choice; or why it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum CsvRead {
    Preview {
        name: String,
        register: Register,
        report: Box<RegisterReport>,
        problems: Vec<RowProblem>,
        /// The ledger and its mapping, when the table was read through the mapping step.
        mapping: Option<Box<Ledger>>,
    },
    /// A planner's own ledger (its header is not the template's), waiting for its columns to
    /// be matched to fields.
    Mapping(Box<Ledger>),
    Rejected {
        name: String,
        problems: Vec<RowProblem>,
        unreadable: Option<String>,
    },
}

/// `register.csv` → `register.json`: the name the register is saved under after a replace.
fn json_name(csv_name: &str) -> String {
    let stem = csv_name.rsplit_once('.').map_or(csv_name, |(stem, _)| stem);
    format!("{stem}.json")
}

/// A chosen CSV's bytes as text, in the encoding they were saved in ([`sniff`]): UTF-8, UTF-16
/// with or without its mark (Excel's "Unicode 文本"), else GB18030 (what Excel and WPS save on
/// Chinese Windows; it covers GBK and GB2312). A file that is not text, is cut off inside a
/// character or mixes encodings is refused with its message in `lang`.
fn decode(bytes: &[u8], lang: Lang) -> Result<String, String> {
    let text = match sniff(bytes) {
        Sniffed::Utf8 => platform::decode_text(bytes, "utf-8"),
        Sniffed::Utf16 { big_endian: false } => platform::decode_text(bytes, "utf-16le"),
        Sniffed::Utf16 { big_endian: true } => platform::decode_text(bytes, "utf-16be"),
        Sniffed::Gb18030 { .. } => platform::decode_text(bytes, "gb18030"),
        Sniffed::Refused { line, probably } => return Err(describe(line, probably.code(), lang)),
    };
    // A decoder's own refusal (bytes the sniff let through) is worded like the others.
    text.map_err(|_| describe(1, "unknown", lang))
}

/// The MIME type of an .xlsx workbook.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The most the parts of an imported workbook may unpack to, together: 256 MiB (a register of
/// 190,000 projects is about 50 MB as a file).
const WORKBOOK_UNPACKED_MAX: usize = 256 << 20;

/// Whether `bytes` start as a zip archive does (an .xlsx workbook is one).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// An .xlsx workbook's sheets as the CSV text the import reads, and the records before the
/// register's header (the file sheet's rows and an empty one: taken off a problem's row so that
/// it is the row on the register sheet). The deflated parts are inflated by the browser's own
/// `DecompressionStream`. A workbook without a sheet with an `id` column gives no text (the
/// import then says that no row names the columns).
async fn workbook_text(bytes: &[u8], lang: Lang) -> Result<(String, usize), String> {
    let mut parts = std::collections::BTreeMap::new();
    // What all the parts may unpack to, together: a zip bomb costs no more than this.
    let mut budget = WORKBOOK_UNPACKED_MAX;
    for e in entries(bytes).map_err(|e| e.message(lang))? {
        // Only the parts the reader looks at (not pictures, not printer settings).
        if !(e.name.ends_with(".xml") || e.name.ends_with(".rels")) {
            continue;
        }
        let data = match e.deflated {
            true => platform::inflate(&e.data, budget)
                .await
                .map_err(|err| match err {
                    platform::InflateError::TooLarge => t(lang, Text::WorkbookTooLarge).to_owned(),
                    _ => NotWorkbook::Part(e.name.clone()).message(lang),
                })?,
            false => e.data,
        };
        budget = budget
            .checked_sub(data.len())
            .ok_or_else(|| t(lang, Text::WorkbookTooLarge).to_owned())?;
        parts.insert(e.name, data);
    }
    let sheets = read_sheets(&parts).map_err(|e| e.message(lang))?;
    // Not the app's workbook: a planner's own, its first table, for the mapping step.
    Ok(csv_from_sheets(&sheets)
        .or_else(|| ledger_csv(&sheets).map(|text| (text, 0)))
        .unwrap_or_default())
}

/// The table in `text` imported beside the register shown (so that ids a spreadsheet stripped
/// of zeros are named), as a preview, or why it was refused; `row` turns a row of `text` into
/// the row the user sees in their spreadsheet.
fn import_preview(
    workspace: Field<Workspace>,
    name: &str,
    text: &str,
    row: impl Fn(usize) -> usize,
    mapping: Option<Box<Ledger>>,
) -> Result<CsvRead, Vec<RowProblem>> {
    let renumber = |mut problems: Vec<RowProblem>| {
        for p in &mut problems {
            p.row = row(p.row);
        }
        problems
    };
    let (register, problems) = workspace
        .with_untracked(|w| import_csv_beside(text, &w.doc.register))
        .map_err(renumber)?;
    Ok(CsvRead::Preview {
        name: name.to_owned(),
        report: Box::new(register.compute_numbers()),
        register,
        problems: renumber(problems),
        mapping,
    })
}

/// A mapped ledger imported: its preview, or why it was refused.
pub fn ledger_preview(workspace: Field<Workspace>, ledger: Ledger) -> CsvRead {
    let h = ledger.header;
    let name = ledger.name.clone();
    let text = ledger.text();
    let boxed = Box::new(ledger);
    // Row 1 of the remapped text is the ledger's header row; columns by the ledger's headers.
    let own = |mut problems: Vec<RowProblem>| {
        for p in &mut problems {
            if let Some(h) = p.column.as_deref().and_then(|c| boxed.header_of(c)) {
                p.column = Some(h.to_owned());
            }
        }
        problems
    };
    let read = import_preview(
        workspace,
        &name,
        &text,
        |r| if r > 0 { r + h } else { r },
        None,
    );
    match read {
        Ok(CsvRead::Preview {
            name,
            register,
            report,
            problems,
            ..
        }) => CsvRead::Preview {
            name,
            register,
            report,
            problems: own(problems),
            mapping: Some(boxed),
        },
        Ok(other) => other,
        Err(problems) => CsvRead::Rejected {
            name,
            problems: own(problems),
            unreadable: None,
        },
    }
}

/// The buttons, inside the file bar's toolbar.
#[component]
pub fn CsvButtons(
    #[prop(into)] workspace: Field<Workspace>,
    read: RwSignal<Option<CsvRead>>,
) -> impl IntoView {
    let lang = use_lang();
    let template_type = RwSignal::new(MeasureType::Wastewater);
    let export = move |_| {
        let csv = workspace.with_untracked(|w| people_csv(&w.doc.register, lang.get_untracked()));
        let _ = platform::download("jianpai-register.csv", "text/csv;charset=utf-8", &csv);
    };
    let export_xlsx = move |_| {
        let bytes = workspace.with_untracked(|w| xlsx(&w.doc.register, lang.get_untracked()));
        let _ = platform::download_bytes("jianpai-register.xlsx", XLSX_MIME, &bytes);
    };
    let download_template = move |_| {
        let ty = template_type.get_untracked();
        let csv = template(ty, lang.get_untracked());
        let name = format!("jianpai-template-{}.csv", ty.code());
        let _ = platform::download(&name, "text/csv;charset=utf-8", &csv);
    };
    let on_file = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            let Some((name, bytes)) = platform::take_chosen_file(&ev).await else {
                return;
            };
            let rejected = |problems, unreadable| CsvRead::Rejected {
                name: name.clone(),
                problems,
                unreadable,
            };
            let l = lang.get_untracked();
            let text = match bytes {
                Ok(b) if is_zip(&b) => workbook_text(&b, l).await,
                b => b.and_then(|b| decode(&b, l)).map(|t| (t, 0)),
            };
            let (text, before) = match text {
                Ok(text) => text,
                Err(detail) => return read.set(Some(rejected(Vec::new(), Some(detail)))),
            };
            // A workbook's rows numbered as on its register sheet.
            let row = |r: usize| if r > before { r - before } else { r };
            let preview = import_preview(workspace, &name, &text, row, None);
            read.set(Some(match preview {
                Ok(p) => p,
                // No template header: a planner's own ledger, if it has a header row at all.
                Err(problems) if problems.iter().any(|p| p.problem == Problem::NoHeader) => {
                    match Ledger::read(&name, &text) {
                        Some(ledger) => CsvRead::Mapping(Box::new(ledger)),
                        None => rejected(problems, None),
                    }
                }
                Err(problems) => rejected(problems, None),
            }));
        });
    };
    let options = move || {
        let l = lang.get();
        MeasureType::ALL
            .iter()
            .map(|ty| view! { <option value=ty.code()>{ty.text(l)}</option> })
            .collect::<Vec<_>>()
    };
    view! {
        <button id="export-csv" class="button button--outline" type="button" on:click=export>
            {tr(lang, Text::ExportCsv)}
        </button>
        <button id="export-xlsx" class="button button--outline" type="button" on:click=export_xlsx>
            {tr(lang, Text::ExportXlsx)}
        </button>
        <button id="import-csv" class="button button--outline" type="button"
            on:click=move |_| platform::click("import-csv-file")>
            {tr(lang, Text::ImportCsv)}
        </button>
        <input id="import-csv-file" class="visually-hidden" type="file" tabindex="-1"
            aria-label=tr(lang, Text::ImportCsv)
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            on:change=on_file />
        <label for="csv-template-type">{tr(lang, Text::CsvTemplateType)}</label>
        <select id="csv-template-type" on:change=move |ev| {
            if let Some(ty) = MeasureType::parse(&event_target_value(&ev)) {
                template_type.set(ty);
            }
        }>{live(options)}</select>
        <button id="csv-template" class="button button--outline" type="button" on:click=download_template>
            {tr(lang, Text::CsvTemplate)}
        </button>
    }
}

/// The preview of a CSV read (or why it was not), below the file bar.
#[component]
pub fn CsvPreview(
    #[prop(into)] workspace: Field<Workspace>,
    read: RwSignal<Option<CsvRead>>,
    /// Runs the replacement, asking first when the register has unsaved changes.
    #[prop(optional)]
    guard: Option<Callback<Callback<()>>>,
    /// Adds the rows read to the register: through the duplicate dialog of 合并文件, so that a
    /// clashing id is never added or dropped without the user's decision (file name, rows).
    on_add: Callback<(String, Register)>,
) -> impl IntoView {
    let lang = use_lang();
    let take = move || match read.get_untracked() {
        Some(CsvRead::Preview { name, register, .. }) => Some((name, register)),
        _ => None,
    };
    let replace_now = Callback::new(move |()| {
        if let Some((name, register)) = take() {
            workspace.update(|w| {
                w.replace(Doc {
                    name: Some(json_name(&name)),
                    register,
                })
            });
        }
        read.set(None);
    });
    let replace = move |_| match guard {
        Some(g) => g.run(replace_now),
        None => replace_now.run(()),
    };
    let add = move |_| {
        if let Some(rows) = take() {
            on_add.run(rows);
        }
        read.set(None);
    };
    let to_preview = Callback::new(move |ledger: Ledger| {
        read.set(Some(ledger_preview(workspace, ledger)));
    });
    let cancel = Callback::new(move |()| read.set(None));
    move || {
        let l = lang.get();
        let list = |problems: &[RowProblem]| {
            problems
                .iter()
                .map(|p| view! { <li>{p.message(l)}</li> })
                .collect::<Vec<_>>()
        };
        read.get().map(|r| match r {
            CsvRead::Rejected { name, problems, unreadable } => view! {
                <div id="csv-errors" class="file-bar__error" role="alert">
                    <p>{msg(l, Msg::CsvRejected { name: &name })}</p>
                    <ul>{list(&problems)}{unreadable.map(|u| view! { <li>{u}</li> })}</ul>
                    <button id="csv-dismiss" class="button button--outline" type="button"
                        on:click=move |_| read.set(None)>{t(l, Text::Dismiss)}</button>
                </div>
            }
            .into_any(),
            CsvRead::Mapping(ledger) => view! {
                <ColumnMapping ledger=*ledger on_preview=to_preview on_cancel=cancel />
            }
            .into_any(),
            CsvRead::Preview { name, register, report, problems, mapping } => {
                let back = mapping.map(|ledger| {
                    let ledger = *ledger;
                    view! {
                        <button id="csv-mapping-back" class="button button--outline" type="button"
                            on:click=move |_| read.set(Some(CsvRead::Mapping(Box::new(ledger.clone()))))>
                            {t(l, Text::MappingBack)}
                        </button>
                    }
                });
                // The rows' problems, then the projects the register itself will not count (a
                // missing field, a duplicate id).
                let problems = problems
                    .iter()
                    .map(|p| p.message(l))
                    .chain(report.problems().map(|e| e.message(l)))
                    .collect();
                view! {
                    <FilePreview id="csv-preview" heading=msg(l, Msg::CsvPreviewHeading { name: &name })
                        count=msg(l, Msg::CsvRowsRead { count: register.projects.len() })
                        totals=report.report.as_ref().ok().map(|r| r.totals)
                        problems_intro=Text::CsvProblems problems=problems lang=l>
                        <button id="csv-replace" class="button" type="button" on:click=replace>
                            {t(l, Text::Replace)}
                        </button>
                        <button id="csv-add" class="button button--outline" type="button" on:click=add>
                            {t(l, Text::CsvAdd)}
                        </button>
                        {back}
                        <button id="csv-cancel" class="button button--outline" type="button"
                            on:click=move |_| read.set(None)>
                            {t(l, Text::Cancel)}
                        </button>
                    </FilePreview>
                }
                .into_any()
            }
        })
    }
}
