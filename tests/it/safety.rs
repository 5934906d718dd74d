//! Hostile and absurd inputs at the command line: limits (size, segments, nesting), plans the
//! planner refuses, and output safety (`-o` never leaves a partial or unwanted file, a closed
//! pipe ends quietly).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as Process, Stdio};

use predicates::prelude::*;

use crate::common;

use common::{csplan, scratch};

const SEGMENT: &str = "[[segment]]\ncustomers = 10\narpa = 5000\nannual_churn = 0.1\n";

#[test]
fn more_segments_than_the_limit_are_refused_at_the_first_one_too_many() {
    let mut base = String::from("[company]\nname = \"Acme\"\n");
    for i in 1..=10_001 {
        base.push_str(&format!("\n{SEGMENT}name = \"S{i}\"\n"));
    }
    let line = base.lines().position(|l| l == "name = \"S10001\"").unwrap() - 4;
    csplan()
        .args(["plan", "-"])
        .write_stdin(base)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "error: <stdin>:{}:1: [[segment]] number 10001: a base holds at most 10000 segments",
            line + 1
        )));
}

#[test]
fn an_input_over_eight_mebibytes_is_refused_before_it_is_read_whole() {
    let scratch = scratch("huge");
    let huge = scratch.path("huge.toml");
    let mut base = String::from("[company]\nname = \"Acme\"\n");
    base.push_str(&format!("# {}\n", "x".repeat(8 * 1024 * 1024)));
    std::fs::write(&huge, &base).unwrap();
    for source in ["file", "stdin"] {
        let mut cmd = csplan();
        if source == "file" {
            cmd.arg("plan").arg(&huge);
        } else {
            cmd.args(["plan", "-"]).write_stdin(base.clone());
        }
        cmd.assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "is larger than 8388608 bytes: csplan reads bases up to 8 MiB",
            ));
    }
}

#[test]
fn nesting_thousands_deep_fails_fast_with_a_line() {
    let company = "[company]\nname = \"Acme\"\n";
    let cases = [
        format!(
            "{company}x = {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
        format!(
            "{company}x = {}1{}\n",
            "{a = ".repeat(20_000),
            "}".repeat(20_000)
        ),
        format!("{company}{} = 1\n", vec!["a"; 100_000].join(".")),
        format!("[{}]\n", vec!["a"; 100_000].join(".")),
        format!("{company}x = {}\n", "[".repeat(200_000)),
    ];
    for base in cases {
        let out = csplan()
            .args(["check", "-"])
            .write_stdin(base)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(out.stdout.is_empty());
        let first = stderr.lines().next().unwrap();
        assert!(
            first.starts_with("error: <stdin>:3:") || first.starts_with("error: <stdin>:1:"),
            "{first}"
        );
        // The line shown is cut to a window, not a megabyte of brackets.
        assert!(stderr.lines().all(|l| l.chars().count() < 400), "{stderr}");
    }
}

#[test]
fn bases_the_planner_refuses_fail_check_too_and_name_the_segment() {
    let base = "[company]\nname = \"Acme\"\n\n[[segment]]\nname = \"Consumer\"\ncustomers = 10000000\narpa = 10\nannual_churn = 0.3\naccounts_per_csm = 50\ntier = \"smb\"\n";
    for command in ["plan", "check"] {
        csplan()
            .args([command, "-"])
            .write_stdin(base)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(
                "error: <stdin>:5:8: the plan would need 166,667 CSM staff at the start, mostly for [[segment]] \"Consumer\"",
            ));
    }
}

#[test]
fn the_largest_allowed_base_is_planned_to_the_unit() {
    // 10 million logos at the largest ARPA: ARR 10^15, the most csplan plans; tech-touch, so
    // no CSMs are needed and the plan stands.
    let base = "[company]\nname = \"Giant\"\nhorizon_months = 12\n\n[[segment]]\nname = \"All\"\ncustomers = 10000000\narpa = 100000000\nannual_churn = 0.5\ntier = \"tech-touch\"\n";
    let out = csplan()
        .args(["plan", "-", "--format", "json"])
        .write_stdin(base)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["totals"]["start_arr"], 1_000_000_000_000_000_i64);
    // Half the logos churn in a year: (1 − 0.5) × 10^15.
    assert_eq!(plan["timeline"][11]["arr"], 500_000_000_000_000_i64);
}

#[test]
fn a_failed_plan_writes_no_file() {
    let scratch = scratch("failed");
    let out = scratch.path("plan.json");
    for bad in [
        "tests/bad/horizon-121.toml",
        "tests/bad/absurd-team-size.toml",
        "tests/bad/absurd-arr.toml",
        "tests/bad/binary-garbage.toml",
    ] {
        csplan()
            .args(["plan", bad, "--format", "json", "-o"])
            .arg(&out)
            .assert()
            .code(2)
            .stdout("");
        assert!(scratch.files().is_empty(), "{bad}: {:?}", scratch.files());
    }
    // An existing output is left as it was.
    std::fs::write(&out, "last quarter's plan\n").unwrap();
    csplan()
        .args(["plan", "tests/bad/absurd-arr.toml", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "last quarter's plan\n"
    );
    assert_eq!(scratch.files(), ["plan.json"]);
}

#[test]
fn output_replaces_a_file_whole_and_leaves_no_temporary_file() {
    let scratch = scratch("replace");
    let out = scratch.path("plan.txt");
    std::fs::write(&out, "old\n").unwrap();
    let expected = csplan()
        .args(["plan", "examples/growth.toml"])
        .output()
        .unwrap()
        .stdout;
    csplan()
        .args(["plan", "examples/growth.toml", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read(&out).unwrap(), expected);
    assert_eq!(scratch.files(), ["plan.txt"]);
}

#[test]
fn output_into_a_missing_folder_or_onto_a_folder_fails_cleanly() {
    let scratch = scratch("folders");
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(scratch.path("no/such/folder/plan.txt"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("/no/such/folder does not exist"));
    csplan()
        .args(["plan", "examples/seed.toml", "-o"])
        .arg(&scratch)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
    assert!(scratch.files().is_empty());
}

#[test]
fn output_is_never_written_over_the_input_even_through_a_link() {
    let scratch = scratch("links");
    let input = scratch.path("base.toml");
    std::fs::copy("examples/seed.toml", &input).unwrap();
    let hard = scratch.path("hard-link.toml");
    std::fs::hard_link(&input, &hard).unwrap();
    let relative = scratch.join(".").join("base.toml");
    for output in [&hard, &relative] {
        csplan()
            .arg("plan")
            .arg(&input)
            .arg("-o")
            .arg(output)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "refusing to write the output over the input",
            ));
    }
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read("examples/seed.toml").unwrap()
    );
}

#[test]
fn stdin_and_stdout_dashes() {
    let base = std::fs::read_to_string("examples/seed.toml").unwrap();
    let direct = csplan()
        .args(["plan", "examples/seed.toml"])
        .output()
        .unwrap()
        .stdout;
    // `-o -` is stdout.
    csplan()
        .args(["plan", "-", "-o", "-"])
        .write_stdin(base.clone())
        .assert()
        .success()
        .stdout(String::from_utf8(direct).unwrap());
    assert!(!Path::new("-").exists());
    // An empty stdin is an empty base, with its place.
    csplan()
        .args(["plan", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: <stdin>:1:1: the file holds no tables",
        ));
    // A file given as a folder.
    csplan()
        .args(["check", "examples"])
        .assert()
        .code(2)
        .stderr("error: examples is a folder: give a base file, e.g. examples/base.toml\n");
}

/// `csplan plan x.toml | head -1`: the reader goes away after one line; csplan exits 0 and
/// says nothing.
#[test]
fn a_closed_pipe_ends_quietly() {
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    for args in [
        &[
            "plan",
            "examples/every-rule.toml",
            "--format",
            "json",
            "--months",
            "120",
        ][..],
        &["plan", "examples/every-rule.toml", "--months", "120"][..],
        &["explain"][..],
    ] {
        let mut child = Process::new(&exe)
            .args(args)
            .env_remove("RUST_BACKTRACE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut first = String::new();
        BufReader::new(stdout).read_line(&mut first).unwrap();
        // The reader is dropped here: the pipe closes with output still to come (the JSON plan
        // is some 250 KB, more than a pipe holds).
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

/// The same through a shell, as people type it.
#[test]
#[cfg(unix)]
fn head_after_a_pipe_sees_no_error() {
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    let script = format!(
        "'{}' plan examples/every-rule.toml --format json --months 120 | head -1; echo \"status ${{PIPESTATUS[0]}}\"",
        exe.display()
    );
    let out = Process::new("bash")
        .args(["-c", &script])
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\nstatus 0\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_message_never_sends_control_characters_to_the_terminal() {
    let base = "[company]\nname = \"\\u001b]0;pwned\\u0007\"\n";
    let out = csplan()
        .args(["plan", "-"])
        .write_stdin(base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
    assert!(stderr.contains("\\u{1b}]0;pwned\\u{7}"), "{stderr}");
}
