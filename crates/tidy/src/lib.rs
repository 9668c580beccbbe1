//! The house rules of the repository, as code that `tests/tidy.rs` runs over the tree (the way
//! rust-analyzer's `xtask/src/tidy.rs` is a plain `#[test]`). Std only. What is here:
//!
//! - a small Rust lexer that blanks comments and literals, keeps line numbers, and drops items under
//!   `#[cfg(test)]` ([`code_tokens`]);
//! - the module paths a file names: `use crate::…`, grouped `use crate::{a, b::c}`, `crate::x::`,
//!   `super::`/`self::` paths ([`references`]), resolved against the crate's module files into a
//!   module graph ([`ModuleGraph`]) whose sibling-level cycles are the layering violations
//!   ([`ModuleGraph::sibling_cycles`]; parent↔child edges are exempt);
//! - the identifiers a file uses ([`uses_ident`]), for the browser and JSON boundaries;
//! - the file writes of a test ([`writes`]) and whether each provably lands in a scratch directory
//!   ([`Write::verdict`]), for "a test never writes into the tracked tree".
//!
//! The parser is deliberately simple (no macros expanded, no inline non-test modules resolved); its
//! own unit tests below pin what it understands, and `tests/tidy.rs` asserts it found a plausible
//! number of modules and edges, so it cannot pass by parsing nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Lexing

/// A token of Rust code: an identifier (or keyword), `::`, or one punctuation character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    Ident(String),
    Path, // `::`
    Punct(char),
}

/// A token and the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}
fn is_ident(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Rust source with comments blanked (spaces; newlines kept, so lines still count) and, unless
/// `keep_strings`, string and character literals blanked too (their quotes stay).
pub fn blank_rust(src: &str, keep_strings: bool) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char, out: &mut String| out.push(if c == '\n' { '\n' } else { ' ' });
    let lit = |c: char, out: &mut String| {
        if keep_strings {
            out.push(c)
        } else {
            blank(c, out)
        }
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(b[i], &mut out);
                    i += 1;
                }
            }
            continue;
        }
        let after_ident = i > 0 && is_ident(b[i - 1]);
        // Raw strings: r"…", r#"…"#, br"…".
        if !after_ident && (c == 'r' || (c == 'b' && next == Some('r'))) {
            let mut j = if c == 'b' { i + 2 } else { i + 1 };
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) == Some(&'"') {
                for &p in &b[i..=j] {
                    out.push(p);
                }
                j += 1;
                while j < b.len() {
                    if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                        break;
                    }
                    lit(b[j], &mut out);
                    j += 1;
                }
                for _ in 0..=hashes {
                    if j < b.len() {
                        out.push(b[j]);
                        j += 1;
                    }
                }
                i = j;
                continue;
            }
        }
        if c == '"' {
            out.push('"');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' && i + 1 < b.len() {
                    lit(b[i], &mut out);
                    i += 1;
                }
                lit(b[i], &mut out);
                i += 1;
            }
            if i < b.len() {
                out.push('"');
                i += 1;
            }
            continue;
        }
        if c == '\'' {
            // A character literal ('x', '\n', '\u{..}') or a lifetime / label ('a, 'static).
            let end = if next == Some('\\') {
                (i + 2..b.len()).find(|&j| b[j] == '\'' && j > i + 2)
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = end {
                out.push('\'');
                for &p in &b[i + 1..end] {
                    lit(p, &mut out);
                }
                out.push('\'');
                i = end + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The tokens of already blanked code (see [`blank_rust`]); numbers are dropped.
fn tokenize(code: &str) -> Vec<Token> {
    let b: Vec<char> = code.chars().collect();
    let mut toks = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if is_ident_start(c) {
            let start = i;
            while i < b.len() && is_ident(b[i]) {
                i += 1;
            }
            let mut word: String = b[start..i].iter().collect();
            // r#ident
            if word == "r"
                && b.get(i) == Some(&'#')
                && b.get(i + 1).is_some_and(|&c| is_ident_start(c))
            {
                let s = i + 1;
                i += 1;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                word = b[s..i].iter().collect();
            }
            toks.push(Token {
                tok: Tok::Ident(word),
                line,
            });
        } else if c.is_ascii_digit() {
            while i < b.len()
                && (is_ident(b[i])
                    || b[i] == '.' && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                i += 1;
            }
        } else if c == ':' && b.get(i + 1) == Some(&':') {
            toks.push(Token {
                tok: Tok::Path,
                line,
            });
            i += 2;
        } else {
            toks.push(Token {
                tok: Tok::Punct(c),
                line,
            });
            i += 1;
        }
    }
    toks
}

fn is_punct(t: Option<&Token>, c: char) -> bool {
    matches!(t, Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
}
fn ident(t: Option<&Token>) -> Option<&str> {
    match t {
        Some(Token {
            tok: Tok::Ident(s), ..
        }) => Some(s),
        _ => None,
    }
}

/// Index just past the bracket group opening at `open` (`(`, `[` or `{`), nested groups included.
fn skip_group(toks: &[Token], open: usize) -> usize {
    let mut depth = 0i32;
    let mut i = open;
    while i < toks.len() {
        if let Tok::Punct(c) = toks[i].tok {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    toks.len()
}

/// Whether the tokens at `i` are the attribute `#[cfg(test)]` (or, `inner`, `#![cfg(test)]`).
fn is_cfg_test(toks: &[Token], i: usize, inner: bool) -> bool {
    let mut j = i;
    let mut next = |want: &dyn Fn(&Tok) -> bool| {
        let ok = toks.get(j).is_some_and(|t| want(&t.tok));
        j += 1;
        ok
    };
    next(&|t| *t == Tok::Punct('#'))
        && (!inner || next(&|t| *t == Tok::Punct('!')))
        && next(&|t| *t == Tok::Punct('['))
        && next(&|t| *t == Tok::Ident("cfg".into()))
        && next(&|t| *t == Tok::Punct('('))
        && next(&|t| *t == Tok::Ident("test".into()))
        && next(&|t| *t == Tok::Punct(')'))
        && next(&|t| *t == Tok::Punct(']'))
}

/// The code of a file as tokens, comments and literals left out, every item under `#[cfg(test)]`
/// dropped (a `#![cfg(test)]` file is empty), and the names of the `#[cfg(test)] mod name;` files.
pub fn code_tokens(src: &str) -> (Vec<Token>, Vec<String>) {
    let toks = tokenize(&blank_rust(src, false));
    if is_cfg_test(&toks, 0, true) {
        return (Vec::new(), Vec::new());
    }
    let mut kept = Vec::with_capacity(toks.len());
    let mut test_mods = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_cfg_test(&toks, i, false) {
            kept.push(toks[i].clone());
            i += 1;
            continue;
        }
        i += 7;
        // Further attributes of the same item.
        while is_punct(toks.get(i), '#') && is_punct(toks.get(i + 1), '[') {
            i = skip_group(&toks, i + 1);
        }
        // `mod name;` names a test-only file.
        let mut j = i;
        if ident(toks.get(j)) == Some("pub") {
            j += 1;
            if is_punct(toks.get(j), '(') {
                j = skip_group(&toks, j);
            }
        }
        if ident(toks.get(j)) == Some("mod") && is_punct(toks.get(j + 2), ';') {
            if let Some(name) = ident(toks.get(j + 1)) {
                test_mods.push(name.to_string());
            }
        }
        // The item: up to a `;` outside brackets, or through its `{ … }` body.
        while i < toks.len() {
            match toks[i].tok {
                Tok::Punct(';') => {
                    i += 1;
                    break;
                }
                Tok::Punct('{') => {
                    i = skip_group(&toks, i);
                    // `const X: T = S { … };`: the `;` after the body belongs to the item.
                    if is_punct(toks.get(i), ';') {
                        i += 1;
                    }
                    break;
                }
                Tok::Punct('(') | Tok::Punct('[') => i = skip_group(&toks, i),
                _ => i += 1,
            }
        }
    }
    (kept, test_mods)
}

// ---------------------------------------------------------------------------------------------
// Module paths

/// A path a file names that starts at `crate`, `super` or `self`, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    pub path: Vec<String>,
    pub line: usize,
}

fn is_root_word(s: &str) -> bool {
    matches!(s, "crate" | "super" | "self")
}

/// Every `crate::`/`super::`/`self::` path of some code tokens: `use` trees expanded (grouped,
/// nested, `self` in a group), and the same paths written inline in expressions and types.
pub fn references(toks: &[Token]) -> Vec<Ref> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let prev = if i > 0 { toks.get(i - 1) } else { None };
        let after_path = matches!(prev, Some(Token { tok: Tok::Path, .. }));
        match ident(toks.get(i)) {
            Some("use") if !after_path && !is_punct(prev, '.') => {
                let line = toks[i].line;
                i += 1;
                let mut paths = Vec::new();
                use_tree(toks, &mut i, Vec::new(), &mut paths);
                for path in paths {
                    if path.first().is_some_and(|s| is_root_word(s)) {
                        out.push(Ref { path, line });
                    }
                }
            }
            Some(w)
                if is_root_word(w)
                    && !after_path
                    && !is_punct(prev, '$')
                    && ident(prev) != Some("in")
                    && matches!(toks.get(i + 1), Some(Token { tok: Tok::Path, .. })) =>
            {
                let line = toks[i].line;
                let mut path = vec![w.to_string()];
                i += 1;
                while matches!(toks.get(i), Some(Token { tok: Tok::Path, .. })) {
                    match ident(toks.get(i + 1)) {
                        Some(s) => {
                            path.push(s.to_string());
                            i += 2;
                        }
                        None => break,
                    }
                }
                out.push(Ref { path, line });
            }
            _ => i += 1,
        }
    }
    out
}

/// Parses one use tree at `*i` (after `use`, or inside a group), pushing each full path.
fn use_tree(toks: &[Token], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    if matches!(toks.get(*i), Some(Token { tok: Tok::Path, .. })) {
        *i += 1; // a leading `::`
    }
    loop {
        match toks.get(*i).map(|t| &t.tok) {
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *i += 1;
                if matches!(toks.get(*i), Some(Token { tok: Tok::Path, .. })) {
                    *i += 1;
                    continue;
                }
                break;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                loop {
                    match toks.get(*i).map(|t| &t.tok) {
                        None => return,
                        Some(Tok::Punct('}')) => {
                            *i += 1;
                            break;
                        }
                        Some(Tok::Punct(',')) => *i += 1,
                        Some(Tok::Punct(';')) => return,
                        _ => {
                            let before = *i;
                            use_tree(toks, i, path.clone(), out);
                            if *i == before {
                                *i += 1;
                            }
                        }
                    }
                }
                return;
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                break;
            }
            _ => break,
        }
    }
    if ident(toks.get(*i)) == Some("as") {
        *i += 2;
    }
    if path.last().is_some_and(|s| s == "self") && path.len() > 1 {
        path.pop();
    }
    out.push(path);
}

// ---------------------------------------------------------------------------------------------
// The module graph of one crate

/// A module path below the crate root (`[]` is the root).
pub type ModPath = Vec<String>;

/// One reference from a module to another, with the file and line that make it.
#[derive(Clone, Debug)]
pub struct Edge {
    pub file: String,
    pub line: usize,
    pub written: String,
}

/// The modules of one crate and which names which.
#[derive(Default, Debug)]
pub struct ModuleGraph {
    /// Module → the file that holds it (shown in messages).
    pub modules: BTreeMap<ModPath, String>,
    /// (from, to) → the first reference that makes the edge.
    pub edges: BTreeMap<(ModPath, ModPath), Edge>,
}

/// A sibling-level cycle: modules that are children of `parent` and reach each other.
#[derive(Clone, Debug)]
pub struct Cycle {
    pub parent: ModPath,
    pub members: Vec<ModPath>,
    /// The references inside the cycle, `file:line: crate::…`.
    pub evidence: Vec<String>,
}

/// `a::b` (or `crate` for the root).
pub fn display(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// The module a file under the crate's source root holds (`lib.rs` → root, `a/mod.rs` → `a`).
pub fn module_of(rel: &Path) -> ModPath {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.strip_suffix(".rs").unwrap_or(&last).to_string();
        if !(stem == "mod" || (parts.is_empty() && (stem == "lib" || stem == "main"))) {
            parts.push(stem);
        }
    }
    parts
}

impl ModuleGraph {
    /// The graph of a crate given as (path relative to the source root, text) pairs. `main.rs`
    /// beside `lib.rs` is a crate of its own and is left out.
    pub fn from_files(root_label: &str, files: &[(PathBuf, String)]) -> ModuleGraph {
        let has_lib = files.iter().any(|(p, _)| p == Path::new("lib.rs"));
        let mut parsed = Vec::new();
        let mut test_only: BTreeSet<ModPath> = BTreeSet::new();
        for (rel, text) in files {
            if has_lib && rel == Path::new("main.rs") {
                continue;
            }
            let module = module_of(rel);
            let (toks, test_mods) = code_tokens(text);
            for name in test_mods {
                let mut m = module.clone();
                m.push(name);
                test_only.insert(m);
            }
            parsed.push((module, format!("{root_label}/{}", rel.display()), toks));
        }
        let mut graph = ModuleGraph::default();
        for (module, file, _) in &parsed {
            if !test_only.iter().any(|t| module.starts_with(t)) {
                graph.modules.insert(module.clone(), file.clone());
            }
        }
        for (module, file, toks) in &parsed {
            if !graph.modules.contains_key(module) {
                continue;
            }
            for r in references(toks) {
                let Some(target) = graph.resolve(module, &r.path) else {
                    continue;
                };
                if &target == module {
                    continue;
                }
                graph.edges.entry((module.clone(), target)).or_insert(Edge {
                    file: file.clone(),
                    line: r.line,
                    written: r.path.join("::"),
                });
            }
        }
        graph
    }

    /// The module a path written in `from` names: the longest prefix that is a module.
    pub fn resolve(&self, from: &[String], path: &[String]) -> Option<ModPath> {
        let (mut full, mut rest): (ModPath, &[String]) = match path.first().map(String::as_str) {
            Some("crate") => (Vec::new(), &path[1..]),
            Some("self") => (from.to_vec(), &path[1..]),
            Some("super") => (from.to_vec(), path),
            _ => return None,
        };
        while rest.first().is_some_and(|s| s == "super") {
            full.pop()?;
            rest = &rest[1..];
        }
        full.extend(rest.iter().cloned());
        (0..=full.len())
            .rev()
            .map(|n| full[..n].to_vec())
            .find(|m| self.modules.contains_key(m))
    }

    /// The import cycles between siblings, at every level. An edge `a::x → b::y` counts as the
    /// edge `a → b` between the children of their common parent; an edge between a module and its
    /// own ancestor or descendant counts for nothing (parent↔child is allowed both ways).
    pub fn sibling_cycles(&self) -> Vec<Cycle> {
        let mut lifted: BTreeMap<ModPath, BTreeMap<(ModPath, ModPath), Vec<&Edge>>> =
            BTreeMap::new();
        for ((from, to), edge) in &self.edges {
            let k = from.iter().zip(to).take_while(|(a, b)| a == b).count();
            if k == from.len() || k == to.len() {
                continue;
            }
            lifted
                .entry(from[..k].to_vec())
                .or_default()
                .entry((from[..=k].to_vec(), to[..=k].to_vec()))
                .or_default()
                .push(edge);
        }
        let mut cycles = Vec::new();
        for (parent, edges) in &lifted {
            let nodes: BTreeSet<&ModPath> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
            let nodes: Vec<&ModPath> = nodes.into_iter().collect();
            let index = |m: &ModPath| nodes.iter().position(|n| *n == m).unwrap_or(0);
            let mut adj = vec![Vec::new(); nodes.len()];
            for (a, b) in edges.keys() {
                adj[index(a)].push(index(b));
            }
            for scc in strongly_connected(&adj) {
                if scc.len() < 2 {
                    continue;
                }
                let members: Vec<ModPath> = scc.iter().map(|&n| nodes[n].clone()).collect();
                let mut evidence = Vec::new();
                for ((a, b), refs) in edges {
                    if members.contains(a) && members.contains(b) {
                        for e in refs {
                            evidence.push(format!("{}:{}: {}", e.file, e.line, e.written));
                        }
                    }
                }
                cycles.push(Cycle {
                    parent: parent.clone(),
                    members,
                    evidence,
                });
            }
        }
        cycles
    }
}

/// Tarjan's strongly connected components of a small graph given as adjacency lists.
fn strongly_connected(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct St<'a> {
        adj: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut St, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on[v] = true;
        for &w in &s.adj[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on[w] => s.low[v] = s.low[v].min(iw),
                _ => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on[w] = false;
                scc.push(w);
                if w == v {
                    break;
                }
            }
            scc.sort_unstable();
            s.out.push(scc);
        }
    }
    let n = adj.len();
    let mut s = St {
        adj,
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

/// Every cycle, as the message the test prints.
pub fn describe_cycles(cycles: &[Cycle]) -> String {
    let mut msg = String::new();
    for c in cycles {
        let members: Vec<String> = c.members.iter().map(|m| display(m)).collect();
        let _ = writeln!(
            msg,
            "import cycle between sibling modules of {}: {}",
            display(&c.parent),
            members.join(" ⇄ ")
        );
        for e in &c.evidence {
            let _ = writeln!(msg, "    {e}");
        }
    }
    msg
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/// The lines (1-based) where the non-test code of a Rust file uses one of `names` as an
/// identifier (a path segment, an attribute, a macro): `(line, name)`.
pub fn uses_ident(src: &str, names: &[&str]) -> Vec<(usize, String)> {
    let (toks, _) = code_tokens(src);
    toks.iter()
        .filter_map(|t| match &t.tok {
            Tok::Ident(s) if names.contains(&s.as_str()) => Some((t.line, s.clone())),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Files in the tree

/// Every file under `dir` whose name ends with one of `exts`, sorted, as paths relative to `dir`.
pub fn files_under(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(base, &path, exts, out);
            } else if exts.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                if let Ok(rel) = path.strip_prefix(base) {
                    out.push(rel.to_path_buf());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, exts, &mut out);
    out.sort();
    out
}

/// The paths the repository's top-level `.gitignore` ignores, as written (`/dist/` → `dist`):
/// only anchored lines are read; the others (`*.log`) name no directory.
pub fn ignored_dirs(gitignore: &str) -> Vec<String> {
    gitignore
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('/'))
        .map(|l| l.trim_matches('/').to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Test writes

/// A file write in a test, and what its destination expression expands to.
#[derive(Clone, Debug)]
pub struct Write {
    pub line: usize,
    pub call: String,
    /// The destination as written, with the definitions of the names it uses appended.
    pub destination: String,
    /// Inside a block whose condition reads an `UPDATE_…` variable: a write asked for.
    pub asked_for: bool,
}

/// Where a write lands, as far as the text shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Into a temporary or ignored directory.
    Scratch,
    /// Names a tracked path (the literal given).
    Tracked(String),
    /// Nothing shows it is a scratch directory.
    Unknown,
}

/// JS calls that write (the first argument is the destination).
const JS_WRITES: &[&str] = &[
    "writeFile",
    "writeFileSync",
    "appendFile",
    "appendFileSync",
    "mkdir",
    "mkdirSync",
    "copyFile",
    "copyFileSync",
    "cp",
    "cpSync",
    "rename",
    "renameSync",
    "rm",
    "rmSync",
    "unlink",
    "unlinkSync",
    "rmdir",
    "rmdirSync",
    "createWriteStream",
    "saveAs",
];
/// JS calls that write only with a `path:` option (playwright's screenshot and pdf).
const JS_PATH_OPTION: &[&str] = &["screenshot", "pdf"];
/// Rust calls that write (the first argument is the destination).
const RUST_WRITES: &[&str] = &[
    "write",
    "create",
    "create_new",
    "create_dir",
    "create_dir_all",
    "copy",
    "rename",
    "remove_file",
    "remove_dir",
    "remove_dir_all",
    "open",
];
/// What a destination may be built from to be a scratch path.
const SCRATCH: &[&str] = &[
    "mkdtemp",
    "mkdtempSync",
    "tmpdir",
    "DIST",
    "CARGO_TARGET_TMPDIR",
    "temp_dir",
    "OUT_DIR",
];

/// Blanks `//` and `/* */` comments of JavaScript, keeping strings (a regex literal holding a quote
/// would confuse it; none does).
pub fn blank_js_comments(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            while i < b.len() && !(b[i] == '*' && b.get(i + 1) == Some(&'/')) {
                out.push(if b[i] == '\n' { '\n' } else { ' ' });
                i += 1;
            }
            out.push_str("  ");
            i += 2;
        } else if c == '\'' || c == '"' || c == '`' {
            out.push(c);
            i += 1;
            while i < b.len() && b[i] != c {
                if b[i] == '\\' && i + 1 < b.len() {
                    out.push(b[i]);
                    i += 1;
                }
                out.push(b[i]);
                i += 1;
            }
            if i < b.len() {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The index in `b` from `start` of the first `,` outside brackets and strings (if `at_comma`), or
/// of the bracket that closes the group `start` is in; `b.len()` if none.
fn scan(b: &[char], start: usize, at_comma: bool) -> usize {
    let mut depth = 0;
    let mut quote = None;
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == '\\' {
                i += 1;
            } else if c == q {
                quote = None;
            }
        } else if c == '\'' || c == '"' || c == '`' {
            quote = Some(c);
        } else if "([{".contains(c) {
            depth += 1;
        } else if ")]}".contains(c) {
            depth -= 1;
            if depth < 0 {
                return i;
            }
        } else if c == ',' && depth == 0 && at_comma {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// The text inside the brackets that open at `open` (a `(`).
fn call_args(b: &[char], open: usize) -> String {
    b[open + 1..scan(b, open + 1, false)].iter().collect()
}

/// The destination argument of a write call: the second for copies and renames, else the first.
fn destination_arg(call: &str, args: &str) -> String {
    let first = first_arg(args);
    if matches!(
        call,
        "copyFile" | "copyFileSync" | "cp" | "cpSync" | "rename" | "renameSync" | "copy"
    ) {
        first_arg(args[first.len()..].trim_start_matches(','))
    } else {
        first
    }
}

/// The part of `args` before the first comma outside brackets and strings.
fn first_arg(args: &str) -> String {
    let b: Vec<char> = args.chars().collect();
    b[..scan(&b, 0, true)].iter().collect()
}

fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cur = String::new();
    for c in text.chars().chain([' ']) {
        if c == '_' || c == '$' || c.is_alphanumeric() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.insert(std::mem::take(&mut cur));
        }
    }
    out
}

/// The right-hand sides of every `name = …` in `text` (declarations and assignments), each up to
/// the end of its line, with their lines.
fn definitions(text: &str, name: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(pos) = line[from..].find(name) {
            let start = from + pos;
            let end = start + name.len();
            from = end;
            let before_ok = line[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !(c == '_' || c == '$' || c == '.' || c.is_alphanumeric()));
            let after = line[end..].trim_start();
            // `name = …`, `name: Type = …` (Rust), not `==`, `=>`.
            let after = match after.strip_prefix(':') {
                Some(rest) if !rest.starts_with(':') => {
                    rest.split_once('=').map(|(_, r)| format!("={r}"))
                }
                _ => Some(after.to_string()),
            };
            let Some(after) = after else { continue };
            if before_ok
                && after.starts_with('=')
                && !after.starts_with("==")
                && !after.starts_with("=>")
            {
                out.push((n + 1, after[1..].to_string()));
            }
        }
    }
    out
}

/// The destination expression and the definitions of the names it uses, three levels deep. A name
/// defined more than once stands for its last definition before `line` (the one in force in a
/// straight-line test body), or for all of them when none comes before.
fn expand(dest: &str, text: &str, line: usize) -> String {
    let mut all = dest.to_string();
    let mut seen = BTreeSet::new();
    let mut frontier = dest.to_string();
    for _ in 0..3 {
        let mut next = String::new();
        for w in words(&frontier) {
            if w.chars().next().is_some_and(|c| c.is_ascii_digit()) || !seen.insert(w.clone()) {
                continue;
            }
            let defs = definitions(text, &w);
            let before: Vec<&(usize, String)> = defs.iter().filter(|(l, _)| *l <= line).collect();
            let chosen: Vec<&(usize, String)> = match before.last() {
                Some(last) => vec![*last],
                None => defs.iter().collect(),
            };
            for (_, d) in chosen {
                next.push_str(d);
                next.push('\n');
            }
        }
        all.push('\n');
        all.push_str(&next);
        frontier = next;
    }
    all
}

/// The string literals of some text (quotes of JS or Rust), contents only.
fn literals(text: &str) -> Vec<String> {
    let b: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let q = b[i];
        if q == '\'' || q == '"' || q == '`' {
            let mut s = String::new();
            i += 1;
            while i < b.len() && b[i] != q {
                if b[i] == '\\' {
                    i += 1;
                }
                if let Some(&c) = b.get(i) {
                    s.push(c);
                }
                i += 1;
            }
            out.push(s);
        }
        i += 1;
    }
    out
}

/// Whether a block around `pos` has a header (the text before its `{`) that reads `UPDATE_`.
fn inside_update_block(b: &[char], pos: usize) -> bool {
    let mut opens: Vec<usize> = Vec::new();
    for (i, &c) in b.iter().enumerate().take(pos) {
        match c {
            '{' => opens.push(i),
            '}' => {
                opens.pop();
            }
            _ => {}
        }
    }
    opens.iter().any(|&open| {
        let head_start = b[..open]
            .iter()
            .rposition(|&c| c == ';' || c == '{' || c == '}')
            .map_or(0, |p| p + 1);
        b[head_start..open]
            .iter()
            .collect::<String>()
            .contains("UPDATE_")
    })
}

/// The file writes of a test file (`js`: JavaScript, else Rust), with their destinations expanded.
pub fn writes(src: &str, js: bool) -> Vec<Write> {
    let text = if js {
        blank_js_comments(src)
    } else {
        blank_rust(src, true)
    };
    let b: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        if b[i] == '\n' {
            line += 1;
        }
        let boundary =
            i == 0 || !(b[i - 1] == '_' || b[i - 1] == '$' || b[i - 1].is_alphanumeric());
        if !boundary || !(b[i] == '_' || b[i].is_alphabetic()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i] == '_' || b[i] == '$' || b[i].is_alphanumeric()) {
            i += 1;
        }
        let word: String = b[start..i].iter().collect();
        let mut j = i;
        while j < b.len() && b[j] == ' ' {
            j += 1;
        }
        if b.get(j) != Some(&'(') {
            continue;
        }
        let before: String = b[start.saturating_sub(12)..start].iter().collect();
        let dest = if js && JS_WRITES.contains(&word.as_str()) {
            let args = call_args(&b, j);
            Some(destination_arg(&word, &args))
        } else if js && JS_PATH_OPTION.contains(&word.as_str()) && before.ends_with('.') {
            let args = call_args(&b, j);
            args.find("path:").map(|p| first_arg(&args[p + 5..]))
        } else if !js
            && RUST_WRITES.contains(&word.as_str())
            && (before.ends_with("fs::")
                || before.ends_with("File::")
                || (word == "open" && before.ends_with('.')))
        {
            // `.open(` counts only after OpenOptions; `File::open` only reads.
            let reads_only = (word == "open"
                && !text[..text.char_indices().nth(start).map_or(0, |(n, _)| n)]
                    .contains("OpenOptions"))
                || (before.ends_with("File::") && word != "create" && word != "create_new");
            if reads_only {
                None
            } else {
                let args = call_args(&b, j);
                Some(destination_arg(&word, &args))
            }
        } else {
            None
        };
        if let Some(dest) = dest {
            out.push(Write {
                line,
                call: word.clone(),
                destination: expand(&dest, &text, line),
                asked_for: inside_update_block(&b, start),
            });
        }
    }
    out
}

impl Write {
    /// Where the write lands: a literal naming a tracked path (its first component is one of
    /// `tracked_roots`, and it is not under one of `ignored`) makes it tracked; otherwise a scratch
    /// marker (a temporary directory, `DIST`, cargo's scratch directory, an ignored path) makes it
    /// scratch; otherwise unknown.
    pub fn verdict(&self, tracked_roots: &[String], ignored: &[String]) -> Verdict {
        let mut scratch = words(&self.destination)
            .iter()
            .any(|w| SCRATCH.contains(&w.as_str()));
        for lit in literals(&self.destination) {
            let mut p = lit.trim().trim_start_matches('/');
            while let Some(rest) = p.strip_prefix("../").or_else(|| p.strip_prefix("./")) {
                p = rest;
            }
            let p = p.trim_end_matches('/');
            let first = p.split('/').next().unwrap_or("");
            if ignored
                .iter()
                .any(|ig| p == ig || p.starts_with(&format!("{ig}/")))
            {
                scratch = true;
            } else if !first.is_empty() && tracked_roots.iter().any(|r| r == first) {
                return Verdict::Tracked(lit);
            }
        }
        if scratch {
            Verdict::Scratch
        } else {
            Verdict::Unknown
        }
    }
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(files: &[(&str, &str)]) -> ModuleGraph {
        let files: Vec<(PathBuf, String)> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_string()))
            .collect();
        ModuleGraph::from_files("src", &files)
    }
    fn m(s: &str) -> ModPath {
        s.split("::")
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect()
    }
    fn paths(src: &str) -> Vec<String> {
        references(&code_tokens(src).0)
            .into_iter()
            .map(|r| r.path.join("::"))
            .collect()
    }

    #[test]
    fn grouped_and_nested_use_trees_expand() {
        assert_eq!(
            paths("use crate::{a, b::c, d::{self, e as f}, g::*};\nuse std::fmt;\nuse super::x::{Y, Z};"),
            ["crate::a", "crate::b::c", "crate::d", "crate::d::e", "crate::g", "super::x::Y", "super::x::Z"]
        );
    }

    #[test]
    fn inline_paths_are_read_and_visibility_is_not() {
        assert_eq!(
            paths("pub(crate) fn f() -> crate::a::B { super::super::c::d(); self::e::F; pub(in crate::g) struct H; $crate::i::J }"),
            ["crate::a::B", "super::super::c::d", "self::e::F"]
        );
    }

    #[test]
    fn comments_strings_and_cfg_test_are_skipped() {
        let src = r####"
            // use crate::commented;
            /* use crate::blocked; /* nested */ use crate::still_blocked; */
            const S: &str = "use crate::in_string;";
            const R: &str = r#"crate::in_raw::X"#;
            const C: char = '"'; fn f<'a>(x: &'a str) {}
            use crate::real;
            #[cfg(test)]
            mod tests { use crate::test_only; fn g() { crate::also_test::h() } }
            #[cfg(test)]
            use crate::test_import;
            #[cfg(test)]
            #[allow(dead_code)]
            fn helper() -> [u8; 2] { crate::helper_only::x() }
            use crate::after;
        "####;
        assert_eq!(paths(src), ["crate::real", "crate::after"]);
        assert_eq!(paths("#![cfg(test)]\nuse crate::x;"), Vec::<String>::new());
        assert_eq!(
            code_tokens("#[cfg(test)]\nmod tests;\nuse crate::y;").1,
            ["tests"]
        );
    }

    #[test]
    fn modules_come_from_file_paths() {
        assert_eq!(module_of(Path::new("lib.rs")), m(""));
        assert_eq!(module_of(Path::new("a/mod.rs")), m("a"));
        assert_eq!(module_of(Path::new("a/b.rs")), m("a::b"));
        assert_eq!(module_of(Path::new("table.rs")), m("table"));
    }

    #[test]
    fn a_cycle_in_a_made_up_module_set_is_found_with_its_members() {
        let g = graph(&[
            ("lib.rs", "mod a; mod b; mod c; mod m;"),
            ("a.rs", "use crate::b::Thing;"),
            ("b.rs", "use crate::{c::Other};"),
            ("c.rs", "fn f() { crate::a::g() }"),
            ("m/mod.rs", "mod x; mod y; use self::x::X;"),
            (
                "m/x.rs",
                "use super::y::Y; use super::Parent; use crate::a::A;",
            ),
            ("m/y.rs", "use super::x::X;"),
        ]);
        assert_eq!(g.modules.len(), 7);
        let cycles = g.sibling_cycles();
        let found: Vec<(String, Vec<String>)> = cycles
            .iter()
            .map(|c| {
                (
                    display(&c.parent),
                    c.members.iter().map(|m| display(m)).collect(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "crate".to_string(),
                    vec!["a".to_string(), "b".into(), "c".into()]
                ),
                ("m".to_string(), vec!["m::x".to_string(), "m::y".into()]),
            ]
        );
        assert!(
            describe_cycles(&cycles).contains("src/m/y.rs:1: super::x::X"),
            "{}",
            describe_cycles(&cycles)
        );
    }

    #[test]
    fn parent_child_edges_and_deep_edges_are_lifted_right() {
        // m → m::x and m::x → m are allowed; m::x → a and a → m::y make the root-level cycle a ⇄ m.
        let g = graph(&[
            ("lib.rs", ""),
            ("a.rs", "use crate::m::y::Y;"),
            ("m/mod.rs", "use self::x::X;"),
            ("m/x.rs", "use super::Parent;"),
            ("m/y.rs", "use crate::a::A;"),
        ]);
        let cycles = g.sibling_cycles();
        assert_eq!(cycles.len(), 1, "{}", describe_cycles(&cycles));
        assert_eq!(cycles[0].members, [m("a"), m("m")]);
        let acyclic = graph(&[
            ("lib.rs", ""),
            ("m/mod.rs", "use self::x::X;"),
            ("m/x.rs", "use super::Parent;"),
        ]);
        assert!(acyclic.sibling_cycles().is_empty());
        assert_eq!(acyclic.edges.len(), 2);
    }

    #[test]
    fn test_only_module_files_are_left_out() {
        let g = graph(&[
            ("lib.rs", "#[cfg(test)]\nmod tests;"),
            ("tests.rs", "use crate::x;"),
            ("x.rs", ""),
        ]);
        assert_eq!(
            g.modules.keys().cloned().collect::<Vec<_>>(),
            [m(""), m("x")]
        );
    }

    #[test]
    fn identifiers_are_found_outside_tests_only() {
        let src = "fn f(ev: E) { let el: web_sys::HtmlElement = t(&ev); }\n// js_sys::x\n#[cfg(test)]\nmod t { use wasm_bindgen::x; }";
        assert_eq!(
            uses_ident(src, &["web_sys", "js_sys", "wasm_bindgen"]),
            [(1, "web_sys".to_string())]
        );
    }

    #[test]
    fn writes_are_traced_to_their_destination() {
        let roots = vec![
            "docs".to_string(),
            "tests".to_string(),
            "samples".to_string(),
        ];
        let ignored = vec!["dist".to_string(), "tests/e2e/artifacts".to_string()];
        let verdicts = |src: &str, js: bool| -> Vec<(String, Verdict, bool)> {
            writes(src, js)
                .into_iter()
                .map(|w| (w.call.clone(), w.verdict(&roots, &ignored), w.asked_for))
                .collect()
        };
        let js = r#"
            const OUT = path.join(ROOT, 'docs/screenshots');
            const file = path.join(OUT, 'a.png');
            await page.screenshot({ path: file, animations: 'disabled' });
            await page.pdf({ format: 'A4' }); // no path: nothing written
            let dir;
            dir = await mkdtemp(path.join(tmpdir(), 'x-'));
            await writeFile(path.join(dir, 'a.pdf'), bytes);
            await mkdir(path.join(ROOT, 'dist', 'shots'), { recursive: true });
            await rm(path.join(ROOT, name));
            // await writeFile('docs/commented.txt', x);
            if (process.env.UPDATE_SCREENSHOTS === '1') { await copyFile(file, path.join(ROOT, 'docs', 'a.png')); }
        "#;
        assert_eq!(
            verdicts(js, true),
            [
                (
                    "screenshot".into(),
                    Verdict::Tracked("docs/screenshots".into()),
                    false
                ),
                ("writeFile".into(), Verdict::Scratch, false),
                ("mkdir".into(), Verdict::Scratch, false),
                ("rm".into(), Verdict::Unknown, false),
                ("copyFile".into(), Verdict::Tracked("docs".into()), true),
            ]
        );
        let rust = r#"
            let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
            std::fs::write(&path, bytes).unwrap();
            let text = std::fs::read_to_string("samples/x.json").unwrap();
            let f = File::open("samples/y.json");
            std::fs::write("samples/out.json", text).unwrap();
        "#;
        assert_eq!(
            verdicts(rust, false),
            [
                ("write".into(), Verdict::Scratch, false),
                (
                    "write".into(),
                    Verdict::Tracked("samples/out.json".into()),
                    false
                )
            ]
        );
    }

    #[test]
    fn ignored_dirs_are_the_anchored_lines() {
        assert_eq!(
            ignored_dirs("/target/\n/dist/\n*.log\n/tests/e2e/artifacts/\n"),
            ["target", "dist", "tests/e2e/artifacts"]
        );
    }
}
