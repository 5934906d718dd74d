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
