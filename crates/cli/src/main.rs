//! `jianpai`: the command-line face of the engine — report, check, factors, diff-factors.
//! Exit codes: 0 success, 1 invalid input or unreadable file (messages on stderr), 2 wrong usage.

mod diff;

use jianpai_core::report::compute_numbers;
use jianpai_core::{compute, export, stream, FactorLibrary, Labelled, Lang, Report, Status};
use std::process::ExitCode;

const USAGE: &str = "usage:
  jianpai report FILE [--format json|csv|text] [--lang zh|en]
  jianpai check FILE [--lang zh|en]
  jianpai factors [--version VERSION] [--format json|text] [--lang zh|en]
  jianpai diff-factors FILE [--to VERSION] [--format text|json] [--lang zh|en]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
}

fn parse_args(args: &[String]) -> Result<Options, Failure> {
    let mut it = args.iter();
    let command = it
        .next()
        .ok_or_else(|| Failure::Usage("missing command".into()))?
        .clone();
    let mut opts = Options {
        command,
        file: None,
        format: None,
        lang: Lang::En,
        to: None,
        version: None,
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::Usage("--format needs a value".into()))?;
                opts.format = Some(v.clone());
            }
            "--to" | "--version" => {
                let v = it
                    .next()
                    .ok_or_else(|| Failure::Usage(format!("{a} needs a value")))?
                    .clone();
                if a == "--to" {
                    opts.to = Some(v);
                } else {
                    opts.version = Some(v);
                }
            }
            "--lang" => {
                opts.lang = match it.next().map(String::as_str) {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    _ => return Err(Failure::Usage("--lang takes zh or en".into())),
                }
            }
            s if s.starts_with('-') && s != "-" => {
                return Err(Failure::Usage(format!("unknown option {s}")))
            }
            s if opts.file.is_none() => opts.file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s}"))),
        }
    }
    Ok(opts)
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

fn run(args: &[String]) -> Result<String, Failure> {
    if matches!(
        args.first().map(String::as_str),
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
    match o.command.as_str() {
        "report" => {
            let fmt = format(&o, &["json", "csv", "text"])?;
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

/// Reads and checks the FILE argument.
fn read_file(
    o: &Options,
) -> Result<(String, jianpai_core::Valid<jianpai_core::ProjectFile>), Failure> {
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
    // One project at a time: the whole file's JSON tree is never built.
    let file = stream::load_bytes(&bytes).map_err(|errs| messages(path, errs, o.lang))?;
    Ok((path.to_owned(), file))
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
