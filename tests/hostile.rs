//! Hostile files under the size limits, generated here (megabytes are not kept in the
//! repository): each is refused quickly, with a bounded amount of memory, at a line and
//! column, exit 2 and nothing on stdout. Memory is bounded with `ulimit -v` on the process.

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

mod common;

/// Address space given to csplan for one hostile file (KiB). Refusing any of them took from
/// 0.4 to 3.9 GB before the structure was bounded before parsing.
const MEMORY_KIB: u64 = 400_000;

/// A debug build is some ten times slower than a release build; refusing takes under a second
/// in release.
const TIME: Duration = Duration::from_secs(15);

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("csplan-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Just under the 8 MiB input limit.
const ROOM: usize = 8 * 1024 * 1024 - 64;

/// `unit` repeated as often as fits in `ROOM` after `head` and before `tail`.
fn fill(head: &str, unit: &str, tail: &str) -> String {
    let count = (ROOM - head.len() - tail.len()) / unit.len();
    format!("{head}{}{tail}", unit.repeat(count))
}

/// Lines `format(i)` for i = 0.. as many as fit.
fn lines(head: &str, line: impl Fn(usize) -> String) -> String {
    let mut text = String::from(head);
    for i in 0.. {
        let next = line(i);
        if text.len() + next.len() > ROOM {
            break;
        }
        text.push_str(&next);
    }
    text
}

/// Runs `csplan args… file` with bounded memory; returns exit code, stdout, stderr, time.
fn run_bounded(args: &[&str], file: &Path) -> (Option<i32>, String, String, Duration) {
    let binary = assert_cmd::cargo::cargo_bin("csplan");
    let started = Instant::now();
    let out = Process::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""))
        .arg(binary)
        .args(args)
        .arg(file)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

const COMPANY: &str = "[company]\nname = \"Acme\"\n";

/// Every class of the hostile-input report, with a word of the message that refuses it.
fn hostile_bases() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "inline-tables",
            fill(&format!("{COMPANY}x = ["), "{a=1},", "]\n"),
            "an array of more than 10000 elements",
        ),
        (
            "inline-tables-in-many-arrays",
            lines(COMPANY, |i| {
                format!("x{i} = [{}]\n", "{a=1},".repeat(5_000))
            }),
            "more than 50000 tables",
        ),
        (
            "deep-arrays-repeated",
            lines("", |i| {
                format!("x{i} = {}{}\n", "[".repeat(70), "]".repeat(70))
            }),
            "nest more than 8 deep",
        ),
        (
            "deep-inline-tables",
            lines("", |i| {
                format!("x{i} = {}1{}\n", "{a=".repeat(40), "}".repeat(40))
            }),
            "nest more than 8 deep",
        ),
        (
            "nested-arrays-just-allowed",
            lines("", |i| {
                format!("x{i} = {}1{}\n", "[".repeat(8), "]".repeat(8))
            }),
            "more than 400000 values",
        ),
        (
            "many-tables",
            lines("", |i| format!("[t{i}]\n")),
            "more than 50000 tables",
        ),
        (
            "many-array-tables",
            fill("", "[[a]]\n", ""),
            "more than 50000 tables",
        ),
        (
            "many-keys",
            lines("[t]\n", |i| format!("k{i} = 1\n")),
            "more than 400000 values",
        ),
        (
            "many-keys-inline",
            lines("t = {", |i| format!("k{i} = 1, ")),
            "more than 400000 values",
        ),
        (
            "long-array",
            fill(&format!("{COMPANY}x = ["), "1,", "]\n"),
            "an array of more than 10000 elements",
        ),
        (
            "long-array-of-strings",
            fill(&format!("{COMPANY}x = ["), "'s',", "]\n"),
            "an array of more than 10000 elements",
        ),
        (
            "segment-headers",
            fill(COMPANY, "[[segment]]\n", ""),
            "[[segment]] number 10001",
        ),
        (
            "full-segments",
            lines(COMPANY, |i| {
                format!("[[segment]]\nname = \"S{i}\"\narpa = 1000\nannual_churn = 0.1\n")
            }),
            "[[segment]] number 10001",
        ),
        (
            "dotted-keys",
            lines("", |i| format!("a{i}.b.c.d = 1\n")),
            "more than 50000 tables",
        ),
        (
            "long-dotted-keys",
            lines("", |i| format!("y{i}{} = 1\n", ".a".repeat(60))),
            "dotted key of more than 8 parts",
        ),
        (
            "long-table-names",
            lines("", |i| format!("[y{i}{}]\n", ".a".repeat(60))),
            "table name of more than 8 parts",
        ),
        (
            "long-string",
            fill(&format!("{COMPANY}notes = \""), "a", "\"\n"),
            "unknown key",
        ),
        (
            "long-multiline-string",
            fill("[company]\nname = \"\"\"", "[{a=1},", "\"\"\"\n"),
            "too long",
        ),
    ]
}

#[test]
fn hostile_toml_under_the_size_limit_is_refused_fast_in_bounded_memory() {
    let scratch = Scratch::new("toml");
    for (name, text, expected) in hostile_bases() {
        assert!(text.len() <= ROOM, "{name}: {} bytes", text.len());
        let file = scratch.write(&format!("{name}.toml"), &text);
        let (code, stdout, stderr, took) = run_bounded(&["check"], &file);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}");
        let first = stderr.lines().next().unwrap_or("");
        let place = format!("error: {}:", file.display());
        let rest = first
            .strip_prefix(&place)
            .unwrap_or_else(|| panic!("{name}: {first}"));
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap().parse::<usize>();
        let column = parts.next().unwrap().parse::<usize>();
        assert!(
            line.is_ok() && column.is_ok(),
            "{name}: no line:column in {first}"
        );
        assert!(
            stderr.contains(expected),
            "{name}: {expected:?} not in {first}"
        );
        assert!(took < TIME, "{name}: {took:?}");
    }
}
