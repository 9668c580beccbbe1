//! `jianpai`: the command-line face of the engine — report, check, factors, diff-factors, export
//! (the register as an Excel workbook or the people's CSV, written to `-o OUT`), plan (several
//! years' registers: the year-on-year table and the five-year view).
//! Exit codes: 0 success, 1 invalid input or unreadable file (messages on stderr), 2 wrong usage.
//!
//! Bounded and safe to print: FILE must be a regular file of at most [`MAX_FILE`] bytes (a device,
//! a FIFO or anything bigger is refused with exit 1, before it is read; the read itself stops past
//! the limit); control characters in what people read (text output, messages, a CSV shown on a
//! terminal) are written escaped (`\u{1b}`), never raw; the JSON report is written to stdout as it
//! is computed, project by project, so its trails are never all in memory at once.

mod diff;

use jianpai_core::plan::PlanYear;
use jianpai_core::register::Register;
use jianpai_core::report::{compute_numbers, compute_numbers_without_overlaps, each_project};
use jianpai_core::table;
use jianpai_core::{
    doc, export, stream, FactorLibrary, Labelled, Lang, ProjectFile, Report, Status,
};
use jianpai_core::{Error, Valid};
use lexopt::Arg;
use serde::Serialize;
use std::borrow::Cow;
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// The largest FILE read: 200 MB (`200 * 2^20` bytes). Registers are a few MB; the biggest tried,
/// 192,843 projects, is 50 MB.
const MAX_FILE: u64 = 200 * 1024 * 1024;

const USAGE: &str = "usage:
  jianpai report FILE [--format json|csv|text|html] [--lang zh|en] [--date YYYY-MM-DD] [--checklist]
  jianpai check FILE [--lang zh|en]
  jianpai factors [--version VERSION] [--format json|text] [--lang zh|en]
  jianpai diff-factors FILE [--to VERSION] [--format text|json] [--lang zh|en]
  jianpai export FILE -o OUT [--format xlsx|csv] [--lang zh|en]
  jianpai plan FILE... [--format text|csv|json] [--lang zh|en]";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let done = run(&args).and_then(|out| {
        let stdout = std::io::stdout();
        let terminal = stdout.is_terminal();
        let mut w = std::io::BufWriter::new(stdout.lock());
        let written = match out {
            Output::Text(t) => w.write_all(escape_controls(&t).as_bytes()),
            Output::Csv(t) | Output::Html(t) if terminal => {
                w.write_all(escape_controls(&t).as_bytes())
            }
            Output::Json(t) if terminal => w.write_all(escape_json_controls(&t).as_bytes()),
            Output::Csv(t) | Output::Html(t) | Output::Json(t) => w.write_all(t.as_bytes()),
            Output::JsonReport(r) => {
                let (file, report) = *r;
                write_json_report(&mut w, &file, report, terminal)
            }
            Output::File(path, bytes) => std::fs::write(&path, bytes)
                // Named as the file it is, not as stdout.
                .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}"))),
        };
        // A closed pipe (`| head`) ends the output; that is not an error of the input.
        match written.and_then(|()| w.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure::Input(vec![format!(
                    "jianpai: cannot write the output ({e})"
                )]))
            }
            _ => Ok(()),
        }
    });
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("jianpai: {}\n{USAGE}", escape_controls(&msg));
            ExitCode::from(2)
        }
        Err(Failure::Input(msgs)) => {
            for m in msgs {
                eprintln!("{}", escape_controls(&m));
            }
            ExitCode::from(1)
        }
    }
}

/// What a command prints: text for people (escaped), data (CSV, HTML, JSON: escaped only on a
/// terminal), or the JSON report, written as it is computed.
enum Output {
    Text(String),
    Csv(String),
    Html(String),
    Json(String),
    JsonReport(Box<(Valid<ProjectFile>, Report)>),
    /// Bytes written to a file (`export -o OUT`); nothing on stdout.
    File(String, Vec<u8>),
}

/// `s` with every control character but the line break and the tab written as `\u{..}`: an ESC
/// or a BEL in a project's name must not clear a terminal or set its title.
fn escape_controls(s: &str) -> Cow<'_, str> {
    let raw = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !s.chars().any(raw) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match raw(c) {
                true => format!("\\u{{{:x}}}", u32::from(c)),
                false => c.to_string(),
            })
            .collect(),
    )
}

/// JSON with the control characters serde_json leaves as they are (DEL and the C1 range; it
/// escapes the C0 range itself) written as `\u00XX`: still JSON, and harmless on a terminal.
fn escape_json_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(
                |c| match c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
                    true => format!("\\u{:04x}", u32::from(c)),
                    false => c.to_string(),
                },
            )
            .collect(),
    )
}

/// The JSON report of `report` (computed without trails) with each project's entry computed
/// again, with its trail, as it is written: byte for byte `serde_json::to_string_pretty` of
/// `compute`'s report, plus a line break, with one project's trail in memory at a time. The
/// report's own list of results is dropped before the first entry is written (it is not
/// copied: at 100,000 projects the list is ≈50 MB).
fn write_json_report(
    w: &mut impl Write,
    file: &Valid<ProjectFile>,
    report: Report,
    terminal: bool,
) -> std::io::Result<()> {
    let shown = |t: String| match terminal {
        true => escape_json_controls(&t).into_owned(),
        false => t,
    };
    let json_err = |e: serde_json::Error| std::io::Error::other(e.to_string());
    // The report with an empty list stands in for it; the list is written where it stood.
    let mut head = report;
    let n = std::mem::take(&mut head.projects).len();
    let text = serde_json::to_string_pretty(&head)
        .map_err(json_err)
        .map(shown)?;
    const EMPTY: &str = "\n  \"projects\": []";
    let at = match (n, text.find(EMPTY)) {
        (1.., Some(at)) => at + EMPTY.len() - 1,
        _ => return writeln!(w, "{text}"),
    };
    w.write_all(&text.as_bytes()[..at])?;
    let mut result = Ok(());
    let mut first = true;
    // One buffer for every entry, written at the list's depth (no text per entry grown by
    // doubling, then copied again to indent it: docs/performance.md, "trails held once").
    let mut entry: Vec<u8> = Vec::with_capacity(64 * 1024);
    let computed = each_project(file, |p| {
        entry.clear();
        entry.extend_from_slice(if first { b"\n    " } else { b",\n    " });
        let mut ser = serde_json::Serializer::with_formatter(&mut entry, Nested::at(2));
        result = p
            .serialize(&mut ser)
            .map_err(json_err)
            .and_then(|()| match terminal {
                true => {
                    let text = std::str::from_utf8(&entry).map_err(std::io::Error::other)?;
                    w.write_all(escape_json_controls(text).as_bytes())
                }
                false => w.write_all(&entry),
            });
        first = false;
        result.is_ok()
    });
    result?;
    // The same file computed without error a moment ago.
    computed.map_err(|_| std::io::Error::other("the file no longer computes"))?;
    w.write_all(b"\n  ]")?;
    writeln!(w, "{}", &text[at + 1..])
}

/// serde_json's `PrettyFormatter` (two spaces) starting `depth` levels in: a value written with
/// it is, byte for byte, its `to_string_pretty` text with `2 × depth` spaces after each line break
/// (serde_json escapes a line break inside a string, so every one is the layout's).
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8; 64] = &[b' '; 64];
        let mut n = 2 * self.depth;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

enum Failure {
    Usage(String),
    Input(Vec<String>),
}

struct Options {
    command: String,
    file: Option<String>,
    format: Option<String>,
    lang: Lang,
    /// `--to` (diff-factors) and `--version` (factors): a library version.
    to: Option<String>,
    version: Option<String>,
    /// `--date` (report --format html): the date printed on the document; today (UTC) if none.
    date: Option<String>,
    /// `--checklist` (report --format html): each project's inputs as an appendix (核查表).
    checklist: bool,
    /// `-o OUT` / `--output OUT` (export).
    output: Option<String>,
    /// The FILEs after the first (`plan FILE...` only).
    more: Vec<String>,
}

/// An argument as text; one that is not UTF-8 is wrong usage.
fn text(arg: OsString) -> Result<String, Failure> {
    arg.into_string()
        .map_err(|a| Failure::Usage(format!("{} is not UTF-8", a.to_string_lossy())))
}

/// The command, then its flags and FILE, read by `lexopt`: `--format json` and `--format=json`
/// alike; a flag given twice takes its last value; `--` ends the flags.
fn parse_args(args: &[OsString]) -> Result<Options, Failure> {
    let (command, rest) = args
        .split_first()
        .ok_or_else(|| Failure::Usage("missing command".into()))?;
    let mut opts = Options {
        command: text(command.clone())?,
        file: None,
        format: None,
        lang: Lang::En,
        to: None,
        version: None,
        date: None,
        checklist: false,
        output: None,
        more: Vec::new(),
    };
    let mut p = lexopt::Parser::from_args(rest.iter().cloned());
    // lexopt's own errors (a flag's value that is not UTF-8) are wrong usage too.
    let usage = |e: lexopt::Error| Failure::Usage(e.to_string());
    while let Some(arg) = p.next().map_err(usage)? {
        match arg {
            Arg::Short('o') | Arg::Long("output") => {
                let v = p
                    .value()
                    .map_err(|_| Failure::Usage("-o needs a value".into()))
                    .and_then(text)?;
                opts.output = Some(v);
            }
            Arg::Long("checklist") => opts.checklist = true,
            Arg::Long(flag @ ("format" | "to" | "version" | "date")) => {
                let flag = format!("--{flag}");
                let v = p
                    .value()
                    .map_err(|_| Failure::Usage(format!("{flag} needs a value")))
                    .and_then(text)?;
                match flag.as_str() {
                    "--format" => opts.format = Some(v),
                    "--to" => opts.to = Some(v),
                    "--date" => opts.date = Some(v),
                    _ => opts.version = Some(v),
                }
            }
            Arg::Long("lang") => {
                opts.lang = match p.value().ok().and_then(|v| v.into_string().ok()).as_deref() {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    _ => return Err(Failure::Usage("--lang takes zh or en".into())),
                }
            }
            // Named as typed: `--bogus`, `--bogus=1`, `-x`, `-xy`.
            Arg::Long(name) => {
                let typed = format!("--{name}");
                return Err(unknown(typed, "=", &mut p));
            }
            Arg::Short(c) => return Err(unknown(format!("-{c}"), "", &mut p)),
            Arg::Value(v) if opts.file.is_none() => opts.file = Some(text(v)?),
            Arg::Value(v) if opts.command == "plan" => opts.more.push(text(v)?),
            Arg::Value(v) => {
                return Err(Failure::Usage(format!(
                    "unexpected argument {}",
                    v.to_string_lossy()
                )))
            }
        }
    }
    Ok(opts)
}

/// An unknown option, with the value attached to it (`--bogus=1`, the `y` of `-xy`) if any.
fn unknown(mut typed: String, sep: &str, p: &mut lexopt::Parser) -> Failure {
    if let Some(v) = p.optional_value() {
        typed = format!("{typed}{sep}{}", v.to_string_lossy());
    }
    Failure::Usage(format!("unknown option {typed}"))
}

/// The formats a command accepts; the first is the default.
fn format<'a>(o: &'a Options, allowed: &[&'a str]) -> Result<&'a str, Failure> {
    match o.format.as_deref() {
        None => Ok(allowed[0]),
        Some(f) if allowed.contains(&f) => Ok(f),
        Some(f) => Err(Failure::Usage(format!(
            "unknown format {f} for {} (expected {})",
            o.command,
            allowed.join(", ")
        ))),
    }
}

fn run(args: &[OsString]) -> Result<Output, Failure> {
    if matches!(
        args.first().and_then(|a| a.to_str()),
        Some("-h" | "--help" | "help")
    ) {
        return Ok(Output::Text(format!("{USAGE}\n")));
    }
    let o = parse_args(args)?;
    if o.to.is_some() && o.command != "diff-factors" {
        return Err(Failure::Usage(format!("{} takes no --to", o.command)));
    }
    if o.version.is_some() && o.command != "factors" {
        return Err(Failure::Usage(format!("{} takes no --version", o.command)));
    }
    if (o.date.is_some() || o.checklist)
        && (o.command != "report" || o.format.as_deref() != Some("html"))
    {
        return Err(Failure::Usage(
            "--date and --checklist go with report --format html".into(),
        ));
    }
    if o.output.is_some() && o.command != "export" {
        return Err(Failure::Usage(format!("{} takes no -o", o.command)));
    }
    match o.command.as_str() {
        "export" => {
            let fmt = format(&o, &["xlsx", "csv"])?;
            let out = o
                .output
                .clone()
                .ok_or_else(|| Failure::Usage("export needs -o OUT".into()))?;
            let path = o
                .file
                .as_deref()
                .ok_or_else(|| Failure::Usage("missing FILE".into()))?;
            // A register as the page holds it: projects with errors are exported too (marked).
            let bytes = read_bounded(path, o.lang).map_err(|m| Failure::Input(vec![m]))?;
            let register =
                Register::from_bytes(&bytes).map_err(|errs| messages(path, errs, o.lang))?;
            Ok(Output::File(
                out,
                match fmt {
                    "csv" => table::people_csv(&register, o.lang).into_bytes(),
                    _ => table::workbook::xlsx(&register, o.lang),
                },
            ))
        }
        "report" => {
            let fmt = format(&o, &["json", "csv", "text", "html"])?;
            if fmt == "html" {
                return html(&o).map(Output::Html);
            }
            // Only the JSON report shows trails, each computed again as it is written.
            let (path, file) = read_file(&o)?;
            // The CSV lists no double-counting pairs: they are not looked for.
            let compute = match fmt {
                "csv" => compute_numbers_without_overlaps,
                _ => compute_numbers,
            };
            let report = compute(&file).map_err(|errs| messages(&path, errs, o.lang))?;
            Ok(match fmt {
                "csv" => Output::Csv(export::csv(&report, o.lang)),
                "text" => Output::Text(export::text(&report, o.lang)),
                _ => Output::JsonReport(Box::new((file, report))),
            })
        }
        "check" => {
            if o.format.is_some() {
                return Err(Failure::Usage("check takes no --format".into()));
            }
            let (path, file) = read_file(&o)?;
            let report = compute_numbers(&file).map_err(|errs| messages(&path, errs, o.lang))?;
            let warnings: Vec<String> = report
                .check_warnings()
                .iter()
                .map(|w| format!("{path}: {}", w.line(o.lang)))
                .collect();
            let mut out = match o.lang {
                Lang::Zh => format!(
                    "{path}：通过，{} 个项目，{} 条提示\n",
                    report.projects.len(),
                    warnings.len()
                ),
                Lang::En => format!(
                    "{path}: ok, {} projects, {} warnings\n",
                    report.projects.len(),
                    warnings.len()
                ),
            };
            for w in warnings {
                out.push_str(&w);
                out.push('\n');
            }
            Ok(Output::Text(out))
        }
        "factors" => {
            if o.file.is_some() {
                return Err(Failure::Usage("factors takes no FILE".into()));
            }
            let lib = library_arg(o.version.as_deref())?;
            Ok(match format(&o, &["json", "text"])? {
                "text" => Output::Text(factors_table(lib, o.lang)),
                _ => Output::Json(serde_json::to_string_pretty(lib).unwrap_or_default() + "\n"),
            })
        }
        "diff-factors" => {
            let fmt = format(&o, &["text", "json"])?;
            let to = library_arg(o.to.as_deref())?;
            let (path, file) = read_file(&o)?;
            let d = jianpai_core::upgrade::diff_file(&file, to)
                .map_err(|errs| messages(&path, errs, o.lang))?;
            Ok(match fmt {
                "json" => Output::Json(serde_json::to_string_pretty(&d).unwrap_or_default() + "\n"),
                _ => Output::Text(diff::text(&d, o.lang)),
            })
        }
        "plan" => {
            let fmt = format(&o, &["text", "csv", "json"])?;
            let paths: Vec<String> = o.file.iter().chain(&o.more).cloned().collect();
            if paths.is_empty() {
                return Err(Failure::Usage("missing FILE".into()));
            }
            let mut years = Vec::with_capacity(paths.len());
            let mut failed = Vec::new();
            for path in &paths {
                let bytes = match read_bounded(path, o.lang) {
                    Ok(b) => b,
                    Err(m) => {
                        failed.push(m);
                        continue;
                    }
                };
                let computed = stream::load_bytes(&bytes).and_then(|file| {
                    compute_numbers(&file).map(|r| PlanYear::new(&r, &file.plan_targets))
                });
                match computed {
                    Ok(y) => years.push(y),
                    Err(errs) => {
                        if let Failure::Input(m) = messages(path, errs, o.lang) {
                            failed.extend(m);
                        }
                    }
                }
            }
            if !failed.is_empty() {
                return Err(Failure::Input(failed));
            }
            let views = jianpai_core::plan::plan(&years).map_err(|e| {
                Failure::Input(vec![format!("jianpai plan: {}", e.message(o.lang))])
            })?;
            Ok(match fmt {
                "csv" => Output::Csv(doc::csv::table(&doc::plan::csv_table(&views))),
                "json" => Output::Json(
                    serde_json::to_string_pretty(&serde_json::json!({ "periods": views }))
                        .unwrap_or_default()
                        + "\n",
                ),
                _ => Output::Text(doc::text::document(&doc::plan::document(&views, o.lang))),
            })
        }
        c => Err(Failure::Usage(format!("unknown command {c}"))),
    }
}

/// A released library named on the command line (the current one when none is named); a version
/// this build does not ship is a usage error naming the ones it does.
fn library_arg(version: Option<&str>) -> Result<&'static FactorLibrary, Failure> {
    FactorLibrary::for_file(version).map_err(|kind| Failure::Usage(kind.describe(Lang::En)))
}

fn messages(path: &str, errs: Vec<Error>, lang: Lang) -> Failure {
    Failure::Input(
        errs.iter()
            .map(|e| format!("{path}: {}", e.message(lang)))
            .collect(),
    )
}

/// The FILE argument's path and bytes (bounded: [`read_bounded`]).
fn read_bytes(o: &Options) -> Result<(&str, Vec<u8>), Failure> {
    let path = o
        .file
        .as_deref()
        .ok_or_else(|| Failure::Usage("missing FILE".into()))?;
    // Bytes, not a String: the engine names a file that is not UTF-8 and skips a byte-order mark.
    let bytes = read_bounded(path, o.lang).map_err(|m| Failure::Input(vec![m]))?;
    Ok((path, bytes))
}

/// Reads and checks the FILE argument.
fn read_file(o: &Options) -> Result<(String, Valid<ProjectFile>), Failure> {
    let (path, bytes) = read_bytes(o)?;
    // One project at a time: the whole file's JSON tree is never built.
    let file = stream::load_bytes(&bytes).map_err(|errs| messages(path, errs, o.lang))?;
    Ok((path.to_owned(), file))
}

/// The bytes of FILE, if it is a regular file (or a directory, refused by the read with its own
/// message) of at most [`MAX_FILE`] bytes; the message otherwise.
fn read_bounded(path: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| match lang {
        Lang::Zh => format!("{path}：无法读取文件（{e}）"),
        Lang::En => format!("{path}: cannot read the file ({e})"),
    };
    let too_big = || match lang {
        Lang::Zh => format!(
            "{path}：文件大于 {} MB（本命令最多读取的大小），未读取",
            MAX_FILE >> 20
        ),
        Lang::En => format!(
            "{path}: the file is bigger than {} MB, the most this command reads; not read",
            MAX_FILE >> 20
        ),
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(match lang {
            Lang::Zh => format!("{path}：不是普通文件（设备、管道或套接字），未读取"),
            Lang::En => {
                format!("{path}: not a regular file (a device, a pipe or a socket); not read")
            }
        });
    }
    if meta.len() > MAX_FILE {
        return Err(too_big());
    }
    // The limit holds for the read too: a file that grows, or one that states no size (/proc).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big());
    }
    Ok(bytes)
}

/// `report --format html`: the printable document as one self-contained page, the same the app
/// prints — the estimate for a file of one project, else the county report. A file that does not
/// check is refused as by the other formats.
fn html(o: &Options) -> Result<String, Failure> {
    let (path, bytes) = read_bytes(o)?;
    stream::load_bytes(&bytes).map_err(|errs| messages(path, errs, o.lang))?;
    let register = Register::from_bytes(&bytes).map_err(|errs| messages(path, errs, o.lang))?;
    let computed = register.compute();
    let options = doc::Options {
        lang: o.lang,
        date: o.date.clone().unwrap_or_else(today),
        checklist: o.checklist,
    };
    let document = if register.projects.len() == 1 {
        doc::estimate(&register, &computed, &options)
    } else {
        doc::county(&register, &computed, &options)
    };
    Ok(doc::html::standalone(&document))
}

/// Today's date (UTC), YYYY-MM-DD: the civil date of the days since 1970 (H. Hinnant's
/// `civil_from_days`).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The library as an aligned plain-text table.
fn factors_table(lib: &FactorLibrary, lang: Lang) -> String {
    let status = |s: Status| s.text(lang);
    let id_w = lib.factors.iter().map(|f| f.id.len()).max().unwrap_or(2);
    let val_w = lib
        .factors
        .iter()
        .map(|f| fmt_value(f.value).len())
        .max()
        .unwrap_or(5);
    let mut out = match lang {
        Lang::Zh => format!("系数库 {}（{} 项）\n", lib.version, lib.factors.len()),
        Lang::En => format!(
            "factor library {} ({} factors)\n",
            lib.version,
            lib.factors.len()
        ),
    };
    for f in &lib.factors {
        let name = lang.pick(&f.name_zh, &f.name_en);
        let mark = if f.status == Status::Unverified {
            " ⚠"
        } else {
            ""
        };
        out.push_str(&format!(
            "{:<id_w$}  {:>val_w$} {:<10} {}{mark}  {name}\n      {}: {} ({})\n      {}: {}\n",
            f.id,
            fmt_value(f.value),
            f.unit,
            status(f.status),
            lang.pick("来源", "source"),
            f.source,
            f.edition,
            lang.pick("引文", "citation"),
            f.citation(lang),
        ));
    }
    out
}

pub(crate) fn fmt_value(v: f64) -> String {
    // Up to 10 significant decimals so 0.0000857 is shown, without trailing zeros.
    let s = format!("{v:.10}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
