//! What the output tests share: the binary with a stable environment.

#![allow(dead_code)]

use assert_cmd::Command;

/// The names of every base in `examples/`, sorted.
pub fn examples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "toml").then(|| path.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    assert!(names.len() >= 4, "examples/ has {names:?}");
    names
}

/// `csplan` with no backtraces, no colour and no terminal width from the environment.
pub fn csplan() -> Command {
    let mut cmd = Command::cargo_bin("csplan").unwrap();
    cmd.env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS")
        .env_remove("RUST_LIB_BACKTRACE")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env("NO_COLOR", "1");
    cmd
}

/// Stdout of a successful run.
pub fn stdout_of(args: &[&str]) -> String {
    let out = csplan().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "csplan {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A fresh, empty folder for one test.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("csplan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Text without ANSI escape sequences.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(ch);
        }
    }
    out
}
