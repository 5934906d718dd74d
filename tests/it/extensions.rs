//! `-o FILE` picks the format from the file's extension when `--format` is absent, and a
//! `--format` that contradicts the extension is a usage error that writes nothing (SPEC §1).

use crate::common;

use common::{csplan, scratch};

/// Runs csplan with `args`, then `-o dir/file`; returns the exit code, stderr and the file.
fn write(dir: &std::path::Path, file: &str, args: &[&str]) -> (i32, String, Option<Vec<u8>>) {
    let path = dir.join(file);
    let out = csplan().args(args).arg("-o").arg(&path).output().unwrap();
    assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        std::fs::read(&path).ok(),
    )
}

#[test]
fn each_extension_names_its_format() {
    let dir = scratch("ext-plan");
    let plan = ["plan", "examples/growth.toml"];
    let (code, _, json) = write(&dir, "plan.json", &plan);
    assert_eq!(code, 0);
    let json = json.unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
    let (_, _, csv) = write(&dir, "plan.csv", &plan);
    assert!(csv.unwrap().starts_with(b"period,month,"));
    let (_, _, md) = write(&dir, "PLAN.MD", &plan);
    assert!(md.unwrap().starts_with(b"### Northwind Ops"));
    let (_, _, xlsx) = write(&dir, "plan.xlsx", &plan);
    assert!(xlsx.unwrap().starts_with(b"PK"));
    let (_, _, txt) = write(&dir, "plan.txt", &plan);
    assert!(
        txt.unwrap()
            .starts_with(b"Northwind Ops \xc2\xb7 CS hiring plan")
    );
    // --format agreeing with the extension, or with an extension that names no format.
    let (code, _, _) = write(
        &dir,
        "agree.csv",
        &["plan", "examples/growth.toml", "--format", "csv"],
    );
    assert_eq!(code, 0);
    let (code, _, json) = write(
        &dir,
        "plan.txt",
        &["plan", "examples/growth.toml", "--format", "json"],
    );
    assert_eq!(code, 0);
    assert!(json.unwrap().starts_with(b"{"));
}

#[test]
fn a_contradiction_is_exit_2_and_writes_nothing() {
    let dir = scratch("ext-contradiction");
    let cases: [(&str, &[&str]); 4] = [
        (
            "plan.json",
            &["plan", "examples/growth.toml", "--format", "csv"],
        ),
        (
            "plan.md",
            &["plan", "examples/growth.toml", "--format", "table"],
        ),
        (
            "diff.csv",
            &[
                "diff",
                "examples/growth.toml",
                "examples/growth-revised.toml",
                "--format",
                "json",
            ],
        ),
        (
            "health.json",
            &["health", "examples/growth-accounts.csv", "--format", "csv"],
        ),
    ];
    for (file, args) in cases {
        let (code, err, written) = write(&dir, file, args);
        assert_eq!(code, 2, "{args:?} -o {file}: {err}");
        assert!(err.contains("contradicts -o"), "{err}");
        assert!(err.contains(file), "{err}");
        assert!(written.is_none(), "{file} was written");
    }
    // health writes no Markdown: `-o x.md` without --format says so.
    let (code, err, written) = write(
        &dir,
        "health.md",
        &["health", "examples/growth-accounts.csv"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("names a Markdown file, a format this command does not write"),
        "{err}"
    );
    assert!(written.is_none());
}

#[test]
fn diff_and_health_follow_the_extension_too() {
    let dir = scratch("ext-others");
    let (code, _, csv) = write(
        &dir,
        "diff.csv",
        &[
            "diff",
            "examples/growth.toml",
            "examples/growth-revised.toml",
        ],
    );
    assert_eq!(code, 0);
    assert!(csv.unwrap().starts_with(b"period,"));
    let (code, _, json) = write(
        &dir,
        "health.json",
        &[
            "health",
            "examples/growth-accounts.csv",
            "--base",
            "examples/growth.toml",
        ],
    );
    assert_eq!(code, 0);
    assert!(json.unwrap().starts_with(b"{"));
    let (code, _, md) = write(
        &dir,
        "stances.md",
        &["plan", "examples/growth.toml", "--compare-stances"],
    );
    assert_eq!(code, 0);
    assert!(md.unwrap().starts_with(b"### "));
}
