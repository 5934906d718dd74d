//! What the output tests share: the binary with a stable environment.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::ops::Deref;
use std::path::{Path, PathBuf};

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

/// A fresh, empty folder for one test, removed with what is in it when dropped.
pub struct Scratch(PathBuf);

/// A fresh, empty folder for the test `name`. The process id and a count of the folders made
/// keep apart two tests of one binary that chose the same name, and two binaries or runs.
pub fn scratch(name: &str) -> Scratch {
    static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("csplan-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

impl Scratch {
    /// The path of `file` inside the folder.
    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    /// The path of `file` inside the folder, as text for an argument list.
    pub fn file(&self, file: &str) -> String {
        self.path(file).to_string_lossy().into_owned()
    }

    /// Writes `contents` to `file` inside the folder; its path.
    pub fn write(&self, file: &str, contents: &str) -> PathBuf {
        let path = self.path(file);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// The names of the files in the folder, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<OsStr> for Scratch {
    fn as_ref(&self) -> &OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
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

/// Where `actual` first departs from `expected`, line by line, for a failure message.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    for line in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (None, None) => break,
            (e, a) if e == a => continue,
            (e, a) => {
                let show =
                    |l: Option<&str>| l.map_or("(end of text)".to_string(), |l| format!("{l:?}"));
                return format!(
                    "first difference at line {line}:\n  expected: {}\n  actual:   {}",
                    show(e),
                    show(a)
                );
            }
        }
    }
    "no difference".to_string()
}

/// Runs `check` on every case, then fails naming every case that failed (each failure's own
/// message is printed as it happens), so that a loop over the examples does not stop at the
/// first one that fails.
pub fn each<T: std::fmt::Debug>(cases: impl IntoIterator<Item = T>, check: impl Fn(T)) {
    let failed: Vec<String> = cases
        .into_iter()
        .filter_map(|case| {
            let name = format!("{case:?}");
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case)))
                .is_err()
                .then_some(name)
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} case(s) failed: {}",
        failed.len(),
        failed.join(", ")
    );
}

/// The command that runs the soaks: every `#[ignore]`d test, in a release build.
pub const SOAK: &str = "cargo test --release --locked --test it -- --ignored";

/// How many random cases a search tries: `count` (a few in every run, many in the
/// `#[ignore]`d soak beside it), unless the variable `var` asks for another number.
pub fn cases(var: &str, count: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(count)
}
