//! Messages that say what happened: the cap gate names its months and how far, file names are
//! escaped wherever they are echoed, and man pages list every exit code a command has.

use crate::common;

use common::{csplan, scratch};
use predicates::prelude::*;

#[test]
fn the_cap_gate_names_the_months_over_and_how_far() {
    let out = csplan()
        .args(["plan", "examples/growth-revised.toml", "--fail-over-cap"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stdout.is_empty(), "the plan is written first");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "csplan: CSM spend breaks the 10.0% cap in 2 months: 2027-07 at 10.5% (+0.5 pts), \
         2027-08 at 10.1% (+0.1 pts) (--fail-over-cap)\n"
    );
    // Many months: the first six, how many more, and the worst.
    let out = csplan()
        .args(["plan", "examples/every-rule.toml", "--fail-over-cap"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(" more; worst "), "{stderr}");
    assert_eq!(stderr.matches(" pts)").count(), 7, "{stderr}");
}

#[test]
fn man_dir_escapes_the_folder_name() {
    let dir = scratch("messages-man");
    let folder = dir.join("m\u{1b}[31mx");
    std::fs::create_dir(&folder).unwrap();
    let out = csplan()
        .args(["man", "--dir"])
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("m\\u{1b}[31mx/csplan.1"), "{stdout:?}");
    assert!(folder.join("csplan-review.1").exists());
    // A missing folder, named escaped too.
    csplan()
        .args(["man", "--dir"])
        .arg(dir.join("gone\u{1b}[2J"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("gone\\u{1b}[2J")
                .and(predicate::str::contains("\u{1b}").not()),
        );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn man_review_lists_the_budget_gate_s_exit_code() {
    let page = common::stdout_of(&["man", "review"]);
    let status = page.split(".SH \"EXIT STATUS\"").nth(1).unwrap();
    let status = status.split(".SH").next().unwrap();
    for code in ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR"] {
        assert!(status.contains(code), "{status}");
    }
    assert!(
        status.contains("\\-\\-fail\\-if\\-over\\-budget"),
        "{status}"
    );
    let top = common::stdout_of(&["man"]);
    assert!(top.contains("review \\-\\-fail\\-if\\-over\\-budget"));
}

#[test]
fn quiet_silences_notes_and_warnings_but_not_errors() {
    let noted = csplan()
        .args(["plan", "examples/growth-ranges.toml"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&noted.stderr).starts_with("note: "));
    for args in [
        &["plan", "examples/growth-ranges.toml", "--quiet"][..],
        &["-q", "plan", "examples/growth-ranges.toml"],
        &[
            "--quiet",
            "diff",
            "examples/seed.toml",
            "examples/growth.toml",
        ],
        &["plan", "examples/growth.toml", "--simulate", "5", "-q"],
    ] {
        let out = csplan().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
    // Errors, and why a gate failed, still print.
    csplan()
        .args(["plan", "tests/bad/horizon-too-long.toml", "--quiet"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error"));
    csplan()
        .args([
            "plan",
            "examples/growth-revised.toml",
            "--fail-over-cap",
            "-q",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("breaks the 10.0% cap"));
}

/// `plan -` with a terminal as stdin (a pseudo-terminal made by `script`): the hint, then the
/// plan once the input ends with Ctrl-D.
#[test]
fn plan_from_a_terminal_says_how_to_end_the_input() {
    use std::io::Write;
    use std::process::{Command as Process, Stdio};
    if Process::new("script").arg("--version").output().is_err() {
        eprintln!("note: no `script` to make a terminal: skipping");
        return;
    }
    let exe = assert_cmd::cargo::cargo_bin("csplan");
    for (quiet, hinted) in [("", true), (" --quiet", false)] {
        let mut child = Process::new("script")
            .arg("-qec")
            .arg(format!("{} plan - --format json{quiet}", exe.display()))
            .arg("/dev/null")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(&std::fs::read("examples/seed.toml").unwrap())
            .unwrap();
        stdin.write_all(b"\x04").unwrap();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text.contains("reading the base from stdin (the terminal)"),
            hinted,
            "{text}"
        );
        assert!(text.contains("\"schema_version\""), "{text}");
    }
}
