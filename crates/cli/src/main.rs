//! `jianpai`: the command-line face of the engine — report, check, factors.
//! Exit codes: 0 success, 1 invalid input (messages on stderr), 2 wrong usage.

use jianpai_core::{compute, load, FactorLibrary, Lang};
use std::process::ExitCode;

const USAGE: &str = "usage:
  jianpai report FILE [--format json|csv|text] [--lang zh|en]
  jianpai check FILE [--lang zh|en]
  jianpai factors [--format json|text]";

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
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                opts.format = Some(
                    it.next()
                        .ok_or_else(|| Failure::Usage("--format needs a value".into()))?
                        .clone(),
                )
            }
            "--lang" => {
                opts.lang = match it.next().map(String::as_str) {
                    Some("zh") => Lang::Zh,
                    Some("en") => Lang::En,
                    _ => return Err(Failure::Usage("--lang takes zh or en".into())),
                }
            }
            s if s.starts_with('-') => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if opts.file.is_none() => opts.file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s}"))),
        }
    }
    Ok(opts)
}

fn run(args: &[String]) -> Result<String, Failure> {
    let o = parse_args(args)?;
    match o.command.as_str() {
        "report" | "check" => {
            let path = o
                .file
                .as_deref()
                .ok_or_else(|| Failure::Usage("missing FILE".into()))?;
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::Input(vec![format!("{path}: {e}")]))?;
            let messages = |errs: Vec<jianpai_core::Error>| {
                Failure::Input(
                    errs.iter()
                        .map(|e| format!("{path}: {}", e.message(o.lang)))
                        .collect(),
                )
            };
            let file = load(&text).map_err(messages)?;
            let report = compute(&file).map_err(messages)?;
            if o.command == "check" {
                return Ok(format!("{path}: ok, {} projects\n", report.projects.len()));
            }
            match o.format.as_deref().unwrap_or("json") {
                "json" => Ok(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"),
                f => Err(Failure::Usage(format!("unknown format {f}"))),
            }
        }
        "factors" => {
            let lib = FactorLibrary::builtin();
            Ok(serde_json::to_string_pretty(lib).unwrap_or_default() + "\n")
        }
        c => Err(Failure::Usage(format!("unknown command {c}"))),
    }
}
