//! The library's modules form layers: every `crate::` path in `src/` points down or sideways,
//! never up, and no two top-level modules depend on each other through any chain.
//!
//! The order (README, "Architecture"): text, format, month, diagnostic and csv_scan at the bottom; then
//! model and rules; projection; planner, plan and period; and above the core the features
//! (input parsing, health, uncertainty and simulation, compare, diff, review, render), which
//! depend on the core and on each other without a cycle. Code under `#[cfg(test)]` sits above
//! every layer (a unit test of the planner may read a base with the TOML reader) and is not
//! counted; neither is the binary (`main.rs`, `cli/`), which sits above the library.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The core, bottom layer first. A module may use modules of its own layer or below.
const CORE: &[&[&str]] = &[
    &["text", "format", "month", "diagnostic", "csv_scan"],
    &["model", "rules"],
    &["projection"],
    &["planner", "plan", "period"],
];

/// Above the core: each may use the core and other features, without a cycle.
const FEATURES: &[&str] = &[
    "input",
    "health",
    "uncertainty",
    "simulate",
    "compare",
    "diff",
    "review",
    "render",
];

/// One `crate::` use: from which file and line.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    line: usize,
}

type Graph = BTreeMap<String, BTreeMap<String, Place>>;

#[test]
fn every_module_has_a_layer() {
    let (modules, _) = root();
    let placed: BTreeSet<&str> = CORE
        .iter()
        .flat_map(|l| l.iter())
        .chain(FEATURES)
        .copied()
        .collect();
    let unplaced: Vec<&String> = modules
        .iter()
        .filter(|m| !placed.contains(m.as_str()))
        .collect();
    assert!(
        unplaced.is_empty(),
        "top-level modules without a layer in tests/it/layers.rs: {unplaced:?}"
    );
    let gone: Vec<&&str> = placed.iter().filter(|m| !modules.contains(**m)).collect();
    assert!(
        gone.is_empty(),
        "layers name modules that no longer exist: {gone:?}"
    );
}

#[test]
fn the_core_never_depends_on_a_feature_or_a_higher_layer() {
    let graph = graph();
    let layer_of = |m: &str| CORE.iter().position(|l| l.contains(&m));
    let mut wrong = Vec::new();
    for (from, targets) in &graph {
        let Some(from_layer) = layer_of(from) else {
            continue;
        };
        for (to, place) in targets {
            match layer_of(to) {
                None => wrong.push(format!(
                    "core module `{from}` depends on feature `{to}` ({}:{})",
                    place.file, place.line
                )),
                Some(to_layer) if to_layer > from_layer => wrong.push(format!(
                    "`{from}` (core layer {from_layer}) depends on `{to}` (core layer \
                     {to_layer}) ({}:{})",
                    place.file, place.line
                )),
                Some(_) => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_cycle_between_top_level_modules() {
    let graph = graph();
    let cycles = cycles(&graph);
    let described: Vec<String> = cycles
        .iter()
        .map(|cycle| {
            let edges: Vec<String> = cycle
                .windows(2)
                .map(|pair| {
                    let place = &graph[&pair[0]][&pair[1]];
                    format!("{} → {} ({}:{})", pair[0], pair[1], place.file, place.line)
                })
                .collect();
            format!("cycle: {}", edges.join(", "))
        })
        .collect();
    assert!(described.is_empty(), "{}", described.join("\n"));
}

#[test]
fn the_scanner_reads_paths_and_skips_comments_strings_and_tests() {
    let modules: BTreeSet<String> = ["plan", "health", "model", "planner", "input"]
        .map(String::from)
        .into();
    let reexports: BTreeMap<String, String> = [("plan".to_string(), "planner".to_string())].into();
    let source = r##"
//! See [`crate::health`].
use crate::{model::Base, plan::Plan};
/* crate::input */
fn f() { let s = "crate::input {"; let r = r#"crate::input"#; let c = '{'; crate::plan(x); }
fn g<'a>(x: &'a str) {}
#[cfg(test)]
mod tests {
    use crate::input::parse;
}
"##;
    let found: BTreeSet<String> = uses(source, &modules, &reexports)
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(
        found,
        ["model", "plan", "planner"].map(String::from).into(),
        "{found:?}"
    );
}

/// The top-level modules declared in `src/lib.rs`, and what the crate root re-exports
/// (`crate::plan` the function is `planner::plan`).
fn root() -> (BTreeSet<String>, BTreeMap<String, String>) {
    let lib = fs::read_to_string("src/lib.rs").unwrap();
    let code = without_attributes(&blank(&lib));
    let mut modules = BTreeSet::new();
    let mut reexports = BTreeMap::new();
    for statement in code.split(';') {
        let words: Vec<&str> = statement.split_whitespace().collect();
        let words: &[&str] = match words.first() {
            Some(w) if w.starts_with("pub") => &words[1..],
            _ => &words[..],
        };
        match words {
            ["mod", name] => {
                modules.insert(name.to_string());
            }
            ["use", rest @ ..] => {
                let rest = rest.concat();
                let Some((module, names)) = rest.split_once("::") else {
                    continue;
                };
                let module = module.trim_start_matches("crate::").to_string();
                for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
                    let name = name.rsplit("::").next().unwrap_or("").trim();
                    if !name.is_empty() {
                        reexports.insert(name.to_string(), module.clone());
                    }
                }
            }
            _ => {}
        }
    }
    (modules, reexports)
}

/// `code` without its attributes (`#[…]`, `#![…]`).
fn without_attributes(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut depth = 0;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if depth == 0 && c == '#' {
            if chars.peek() == Some(&'!') {
                chars.next();
            }
            if chars.peek() == Some(&'[') {
                chars.next();
                depth = 1;
                continue;
            }
        }
        if depth > 0 {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Edges between top-level modules, each with the first place it is seen.
fn graph() -> Graph {
    let (modules, reexports) = root();
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();
    for module in &modules {
        for file in files_of(module) {
            let source = fs::read_to_string(&file).unwrap();
            for (to, line) in uses(&source, &modules, &reexports) {
                if to != *module {
                    graph
                        .get_mut(module)
                        .unwrap()
                        .entry(to)
                        .or_insert_with(|| Place {
                            file: file.display().to_string(),
                            line,
                        });
                }
            }
        }
    }
    graph
}

/// The files of top-level module `module`, less the files of `#[cfg(test)] mod x;`.
fn files_of(module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let single = PathBuf::from(format!("src/{module}.rs"));
    if single.exists() {
        files.push(single);
    }
    walk(Path::new(&format!("src/{module}")), &mut files);
    let tests: BTreeSet<PathBuf> = files.iter().flat_map(|f| test_modules(f)).collect();
    files.retain(|f| {
        !tests
            .iter()
            .any(|t| f == t || f.starts_with(t.with_extension("")))
    });
    files.sort();
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The files `file` declares as `#[cfg(test)] mod name;`.
fn test_modules(file: &Path) -> Vec<PathBuf> {
    let code = blank(&fs::read_to_string(file).unwrap());
    let dir = if file.file_name().is_some_and(|n| n == "mod.rs") {
        file.parent().unwrap().to_path_buf()
    } else {
        file.with_extension("")
    };
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        rest = &rest[at + "#[cfg(test)]".len()..];
        let item = rest.trim_start();
        let Some(declared) = item.strip_prefix("mod ") else {
            continue;
        };
        let name = declared.split(';').next().unwrap_or("").trim();
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            out.push(dir.join(format!("{name}.rs")));
            out.push(dir.join(name).join("mod.rs"));
        }
    }
    out
}

/// The top-level modules `source` names through `crate::` paths, with their lines, outside
/// comments, strings and `#[cfg(test)]` items.
fn uses(
    source: &str,
    modules: &BTreeSet<String>,
    reexports: &BTreeMap<String, String>,
) -> Vec<(String, usize)> {
    let code = without_tests(&blank(source));
    let line_at = |i: usize| code[..i].matches('\n').count() + 1;
    let target = |name: &str, is_path: bool| -> Option<String> {
        if is_path && modules.contains(name) {
            return Some(name.to_string());
        }
        reexports
            .get(name)
            .cloned()
            .or_else(|| modules.contains(name).then(|| name.to_string()))
    };
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        let line = line_at(at);
        if let Some(group) = rest.strip_prefix('{') {
            for entry in top_level_entries(group) {
                let (name, is_path) = head(entry.trim());
                out.extend(target(name, is_path).map(|m| (m, line)));
            }
        } else {
            let (name, is_path) = head(rest);
            out.extend(target(name, is_path).map(|m| (m, line)));
        }
    }
    out
}

/// The first identifier of a path, and whether `::` follows it.
fn head(path: &str) -> (&str, bool) {
    let end = path
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(path.len());
    (&path[..end], path[end..].starts_with("::"))
}

/// The comma-separated entries of a `{…}` group (the text after its `{`), up to its `}`.
fn top_level_entries(group: &str) -> Vec<&str> {
    let mut entries = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                entries.push(&group[start..i]);
                return entries;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                entries.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    entries
}

/// `source` with comments, string and character literals replaced by spaces (newlines kept),
/// so braces and paths inside them are not read as code.
fn blank(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let keep_lines = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep_lines(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !prev_is_ident(&chars, i)
            && raw_string_end(&chars, i).is_some()
        {
            let end = raw_string_end(&chars, i).unwrap();
            while i < end {
                out.push(keep_lines(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(keep_lines(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('{', '\n'); a lifetime ('a) has no closing quote.
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Where the raw string starting at `i` (`r"…"`, `r#"…"#`) ends, one past its last quote or hash.
fn raw_string_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if chars.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < chars.len() {
        if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    None
}

/// `code` (already blanked) without the items under `#[cfg(test)]`.
fn without_tests(code: &str) -> String {
    let mut out = code.to_string();
    while let Some(at) = out.find("#[cfg(test)]") {
        let bytes = out.as_bytes();
        let mut end = at;
        let mut depth = 0;
        while end < bytes.len() {
            match bytes[end] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end += 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    end += 1;
                    break;
                }
                _ => {}
            }
            end += 1;
        }
        let blanked: String = out[at..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(at..end, &blanked);
    }
    out
}

/// Every cycle's strongly connected set, as a closed walk `a → b → … → a` through it.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for start in graph.keys() {
        if seen.contains(start) {
            continue;
        }
        // The shortest walk from `start` back to itself, breadth first.
        let mut previous: BTreeMap<String, String> = BTreeMap::new();
        let mut frontier = vec![start.clone()];
        let mut back = None;
        'search: while !frontier.is_empty() {
            let mut next = Vec::new();
            for node in &frontier {
                for to in graph[node].keys() {
                    if to == start {
                        back = Some(node.clone());
                        break 'search;
                    }
                    if !previous.contains_key(to) {
                        previous.insert(to.clone(), node.clone());
                        next.push(to.clone());
                    }
                }
            }
            frontier = next;
        }
        if let Some(last) = back {
            let mut walk = vec![start.clone(), last.clone()];
            let mut node = last;
            while node != *start {
                node = previous[&node].clone();
                walk.push(node.clone());
            }
            walk.reverse();
            seen.extend(walk.iter().cloned());
            found.push(walk);
        }
    }
    found
}
