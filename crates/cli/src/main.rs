//! `jianpai`: the command-line face of the engine — report, check, factors, diff-factors.
//! Exit codes: 0 success, 1 invalid input or unreadable file (messages on stderr), 2 wrong usage.

mod diff;

use jianpai_core::register::Register;
use jianpai_core::report::compute_numbers;
use jianpai_core::{compute, doc, export, stream, FactorLibrary, Labelled, Lang, Report, Status};
use lexopt::Arg;
use std::ffi::OsString;
use std::process::ExitCode;

const USAGE: &str = "usage:
  jianpai report FILE [--format json|csv|text|html] [--lang zh|en] [--date YYYY-MM-DD] [--checklist]
  jianpai check FILE [--lang zh|en]
  jianpai factors [--version VERSION] [--format json|text] [--lang zh|en]
  jianpai diff-factors FILE [--to VERSION] [--format text|json] [--lang zh|en]";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("jianpai: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(msgs)) => {
            for m in msgs {
                eprintln!("{m}");
            }
            ExitCode::from(1)
        }
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
    };
    let mut p = lexopt::Parser::from_args(rest.iter().cloned());
    // lexopt's own errors (a flag's value that is not UTF-8) are wrong usage too.
    let usage = |e: lexopt::Error| Failure::Usage(e.to_string());
    while let Some(arg) = p.next().map_err(usage)? {
        match arg {
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

fn run(args: &[OsString]) -> Result<String, Failure> {
    if matches!(
        args.first().and_then(|a| a.to_str()),
        Some("-h" | "--help" | "help")
    ) {
        return Ok(format!("{USAGE}\n"));
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
    match o.command.as_str() {
        "report" => {
            let fmt = format(&o, &["json", "csv", "text", "html"])?;
            if fmt == "html" {
                return html(&o);
            }
            // Only the JSON report shows trails; the others need not hold them all at once.
            let report = read_and_compute(&o, fmt == "json")?;
            Ok(match fmt {
                "csv" => export::csv(&report, o.lang),
                "text" => export::text(&report, o.lang),
                _ => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
            })
        }
        "check" => {
            if o.format.is_some() {
                return Err(Failure::Usage("check takes no --format".into()));
            }
            let report = read_and_compute(&o, false)?;
            let path = o.file.as_deref().unwrap_or_default();
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
            Ok(out)
        }
        "factors" => {
            if o.file.is_some() {
                return Err(Failure::Usage("factors takes no FILE".into()));
            }
            let lib = library_arg(o.version.as_deref())?;
            Ok(match format(&o, &["json", "text"])? {
                "text" => factors_table(lib, o.lang),
                _ => serde_json::to_string_pretty(lib).unwrap_or_default() + "\n",
            })
        }
        "diff-factors" => {
            let fmt = format(&o, &["text", "json"])?;
            let to = library_arg(o.to.as_deref())?;
            let (path, file) = read_file(&o)?;
            let d = jianpai_core::upgrade::diff_file(&file, to)
                .map_err(|errs| messages(&path, errs, o.lang))?;
            Ok(match fmt {
                "json" => serde_json::to_string_pretty(&d).unwrap_or_default() + "\n",
                _ => diff::text(&d, o.lang),
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

fn messages(path: &str, errs: Vec<jianpai_core::Error>, lang: Lang) -> Failure {
    Failure::Input(
        errs.iter()
            .map(|e| format!("{path}: {}", e.message(lang)))
            .collect(),
    )
}

fn read_and_compute(o: &Options, trails: bool) -> Result<Report, Failure> {
    let (path, file) = read_file(o)?;
    let report = if trails {
        compute(&file)
    } else {
        compute_numbers(&file)
    };
    report.map_err(|errs| messages(&path, errs, o.lang))
}

/// The FILE argument's path and bytes.
fn read_bytes(o: &Options) -> Result<(&str, Vec<u8>), Failure> {
    let path = o
        .file
        .as_deref()
        .ok_or_else(|| Failure::Usage("missing FILE".into()))?;
    // Bytes, not a String: the engine names a file that is not UTF-8 and skips a byte-order mark.
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::Input(vec![match o.lang {
            Lang::Zh => format!("{path}：无法读取文件（{e}）"),
            Lang::En => format!("{path}: cannot read the file ({e})"),
        }])
    })?;
    Ok((path, bytes))
}

/// Reads and checks the FILE argument.
fn read_file(
    o: &Options,
) -> Result<(String, jianpai_core::Valid<jianpai_core::ProjectFile>), Failure> {
    let (path, bytes) = read_bytes(o)?;
    // One project at a time: the whole file's JSON tree is never built.
    let file = stream::load_bytes(&bytes).map_err(|errs| messages(path, errs, o.lang))?;
    Ok((path.to_owned(), file))
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
            "{:<id_w$}  {:>val_w$} {:<10} {}{mark}  {name}\n      {}: {} ({})\n",
            f.id,
            fmt_value(f.value),
            f.unit,
            status(f.status),
            lang.pick("来源", "source"),
            f.source,
            f.edition,
        ));
    }
    out
}

pub(crate) fn fmt_value(v: f64) -> String {
    // Up to 10 significant decimals so 0.0000857 is shown, without trailing zeros.
    let s = format!("{v:.10}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
