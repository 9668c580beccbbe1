//! The repository's structural rules, checked on the tree as it is (`cargo test --workspace` runs
//! this; `cargo test -p jianpai-tidy` alone takes a second). Each test names the files and the
//! rule it found broken. The rules (ARCHITECTURE.md, "Invariants"):
//!
//! 1. no import cycle between sibling modules of `crates/core/src` or of `src/`, at any level
//!    (parent↔child edges are allowed);
//! 2. only `src/platform/` names the browser bindings (`web_sys`, `js_sys`, `wasm_bindgen`,
//!    `wasm_bindgen_futures`, also through `leptos::web_sys`…). `src/lib.rs` and `src/main.rs` are
//!    held to the same rule: they start the app through `platform::` and Leptos's own API;
//! 3. no component (`src/components/**`) names `serde_json`: the file format is the engine's and
//!    the platform edge's business;
//! 4. a test writes files only into a scratch directory (a temporary directory, `dist/`, cargo's
//!    `CARGO_TARGET_TMPDIR` — anything `.gitignore` ignores), never under a tracked path, unless
//!    inside a block that reads an `UPDATE_…` variable (a regeneration asked for, as with
//!    `UPDATE_SCREENSHOTS=1`). `scripts/test.sh` also checks the same thing after the fact, with
//!    `git status`.
//!
//! Non-test code only: items under `#[cfg(test)]` and comments are left out.

use jianpai_tidy::{
    blank_js_comments, describe_cycles, display, files_under, ignored_dirs, uses_ident, writes,
    ModuleGraph, Verdict,
};
use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The module graph of the crate whose source root is `root` (relative to the repository).
fn graph(root: &str) -> ModuleGraph {
    let dir = repo().join(root);
    let files: Vec<(PathBuf, String)> = files_under(&dir, &[".rs"])
        .into_iter()
        .map(|rel| (rel.clone(), read(&dir.join(&rel))))
        .collect();
    ModuleGraph::from_files(root, &files)
}

#[test]
fn no_import_cycle_between_sibling_modules() {
    let mut msg = String::new();
    for root in ["crates/core/src", "src"] {
        msg.push_str(&describe_cycles(&graph(root).sibling_cycles()));
    }
    assert!(
        msg.is_empty(),
        "rule: no import cycle between sibling modules (make one a child of the other, or move what both \
         need into a module of its own)\n{msg}"
    );
}

/// Guards the parser: a graph of a few modules or edges would make the cycle test pass vacuously.
#[test]
fn the_module_graphs_are_plausible() {
    for (root, min_modules, min_edges) in [("crates/core/src", 40, 150), ("src", 25, 60)] {
        let g = graph(root);
        println!(
            "{root}: {} modules, {} edges",
            g.modules.len(),
            g.edges.len()
        );
        assert!(
            g.modules.len() >= min_modules && g.edges.len() >= min_edges,
            "{root}: only {} modules and {} edges found (expected at least {min_modules} and {min_edges}): {:?}",
            g.modules.len(),
            g.edges.len(),
            g.modules.keys().map(|m| display(m)).collect::<Vec<_>>()
        );
    }
    // Edges known to exist, in both crates: the resolver follows `crate::`, `super::` and groups.
    let core = graph("crates/core/src");
    let app = graph("src");
    for (g, from, to) in [
        (&core, "register", "report"),
        (&core, "measures::coal", "measures"),
        (&app, "app", "workspace"),
    ] {
        let key = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
        let found = g
            .edges
            .keys()
            .any(|(a, b)| *a == key(from) && b.starts_with(&key(to)));
        assert!(found, "no edge {from} → {to} found");
    }
}

#[test]
fn only_the_platform_module_touches_the_browser() {
    let src = repo().join("src");
    let mut found = Vec::new();
    for rel in files_under(&src, &[".rs"]) {
        if rel.starts_with("platform") {
            continue;
        }
        for (line, name) in uses_ident(
            &read(&src.join(&rel)),
            &["web_sys", "js_sys", "wasm_bindgen", "wasm_bindgen_futures"],
        ) {
            found.push(format!("src/{}:{line}: {name}", rel.display()));
        }
    }
    assert!(
        found.is_empty(),
        "rule: only src/platform uses the browser bindings (add a function to platform:: instead)\n{}",
        found.join("\n")
    );
}

#[test]
fn no_component_reads_or_writes_json() {
    let dir = repo().join("src/components");
    let mut found = Vec::new();
    for rel in files_under(&dir, &[".rs"]) {
        if let Some((line, _)) = uses_ident(&read(&dir.join(&rel)), &["serde_json"]).first() {
            found.push(format!(
                "src/components/{}:{line}: serde_json",
                rel.display()
            ));
        }
    }
    assert!(
        found.is_empty(),
        "rule: no component uses serde_json (the engine edits the file; the platform edge reads and writes it)\n{}",
        found.join("\n")
    );
}

#[test]
fn tests_write_only_into_scratch_directories() {
    let root = repo();
    let ignored = ignored_dirs(&read(&root.join(".gitignore")));
    let tracked: Vec<String> = fs::read_dir(&root)
        .expect("the repository")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !ignored.contains(n))
        .collect();
    assert!(
        tracked.iter().any(|t| t == "docs") && tracked.iter().any(|t| t == "tests"),
        "{tracked:?}"
    );

    // The test sources: every file under a tests/ directory of the workspace.
    let mut sources: Vec<PathBuf> = Vec::new();
    let mut test_dirs = vec![PathBuf::from("tests")];
    for krate in ["crates", "bench"] {
        for entry in fs::read_dir(root.join(krate))
            .into_iter()
            .flatten()
            .flatten()
        {
            test_dirs.push(Path::new(krate).join(entry.file_name()).join("tests"));
        }
    }
    for dir in test_dirs {
        for rel in files_under(&root.join(&dir), &[".rs", ".mjs", ".js"]) {
            sources.push(dir.join(rel));
        }
    }
    let mut checked = 0;
    let mut found = Vec::new();
    for file in &sources {
        let text = read(&root.join(file));
        let js = !file.to_string_lossy().ends_with(".rs");
        for w in writes(&text, js) {
            checked += 1;
            if w.asked_for {
                continue;
            }
            match w.verdict(&tracked, &ignored) {
                Verdict::Scratch => {}
                Verdict::Tracked(lit) => found.push(format!(
                    "{}:{}: {}(…) writes under the tracked path {lit:?}",
                    file.display(),
                    w.line,
                    w.call
                )),
                Verdict::Unknown => found.push(format!(
                    "{}:{}: {}(…) writes to {}, not shown to be a scratch directory",
                    file.display(),
                    w.line,
                    w.call,
                    w.destination.lines().next().unwrap_or("").trim()
                )),
            }
        }
    }
    assert!(
        found.is_empty(),
        "rule: a test writes only into a temporary or ignored directory (dist/, target/, mkdtemp, \
         CARGO_TARGET_TMPDIR), or inside `if (process.env.UPDATE_…)`\n{}",
        found.join("\n")
    );
    // Guards the scanner: today's specs write PDFs, saved files and screenshots.
    assert!(
        sources.len() >= 30 && checked >= 5,
        "{} test files, {checked} writes found",
        sources.len()
    );
    assert!(!blank_js_comments("// x").contains('x'));
}
