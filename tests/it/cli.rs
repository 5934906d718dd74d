//! The binary end to end: every example planned (golden snapshots), bad inputs refused with
//! exit 2 and nothing on stdout, gates, determinism.

use std::path::Path;

use predicates::prelude::*;

use crate::common;

use common::{csplan, scratch, stdout_of};

const EXAMPLES: &[&str] = &["seed", "growth", "series-b", "every-rule"];

#[test]
fn every_example_plans_as_its_snapshot() {
    common::each(EXAMPLES, |name| {
        let path = format!("examples/{name}.toml");
        insta::assert_snapshot!(format!("{name}-table"), stdout_of(&["plan", &path]));
        insta::assert_snapshot!(
            format!("{name}-json"),
            stdout_of(&["plan", &path, "--format", "json"])
        );
        insta::assert_snapshot!(
            format!("{name}-quarter"),
            stdout_of(&["plan", &path, "--period", "quarter"])
        );
    });
}

#[test]
fn every_example_checks() {
    common::each(EXAMPLES, |name| {
        let path = format!("examples/{name}.toml");
        csplan()
            .args(["check", &path])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(format!("ok: {path}: ")))
            .stdout(predicate::str::contains('\n').count(1));
    });
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    common::each(EXAMPLES, |name| {
        let path = format!("examples/{name}.toml");
        for format in ["table", "json"] {
            let a = stdout_of(&["plan", &path, "--format", format]);
            let b = stdout_of(&["plan", &path, "--format", format]);
            assert_eq!(a, b, "{path} {format}");
        }
    });
}

#[test]
fn stdin_is_read_with_a_dash() {
    let base = std::fs::read_to_string("examples/seed.toml").unwrap();
    let from_stdin = csplan()
        .args(["plan", "-", "--format", "json"])
        .write_stdin(base)
        .output()
        .unwrap();
    assert!(from_stdin.status.success());
    assert_eq!(
        String::from_utf8(from_stdin.stdout).unwrap(),
        stdout_of(&["plan", "examples/seed.toml", "--format", "json"])
    );
}

#[test]
fn quarters_have_one_row_per_quarter() {
    let json = stdout_of(&[
        "plan",
        "examples/growth.toml",
        "--format",
        "json",
        "--period",
        "quarter",
    ]);
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    let timeline = plan["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 8);
    assert_eq!(timeline[0]["period"], "2027-Q1");
    assert_eq!(timeline[7]["period"], "2028-Q4");
}

#[test]
fn months_and_stance_override_the_file() {
    let json = stdout_of(&[
        "plan",
        "examples/growth.toml",
        "--format",
        "json",
        "--months",
        "6",
        "--stance",
        "lean",
    ]);
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(plan["timeline"].as_array().unwrap().len(), 6);
    assert_eq!(plan["stance"], "lean");
    csplan()
        .args(["plan", "examples/growth.toml", "--months", "121"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn fail_over_cap_exits_one_only_when_the_cap_breaks() {
    // The growth example at a 6% cap goes over it; at its own 10% it does not.
    let tight = std::fs::read_to_string("examples/growth.toml")
        .unwrap()
        .replace("csm_spend_cap = 0.10", "csm_spend_cap = 0.06");
    csplan()
        .args(["plan", "-", "--fail-over-cap"])
        .write_stdin(tight)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Flags: cap = CSM spend over the 6.0% cap",
        ));
    let relaxed = std::fs::read_to_string("examples/growth.toml").unwrap();
    assert!(relaxed.contains("csm_spend_cap = 0.10"));
    csplan()
        .args(["plan", "-", "--fail-over-cap"])
        .write_stdin(relaxed)
        .assert()
        .code(0);
}

#[test]
fn explain_lists_every_rule_or_one() {
    let all = stdout_of(&["explain"]);
    for id in [
        "breakeven",
        "first-csm",
        "hire-ahead",
        "head-of-cs",
        "contract-term",
    ] {
        assert!(
            all.contains(&format!("\n{id} — ")) || all.starts_with(&format!("{id} — ")),
            "{id} missing"
        );
    }
    let one = stdout_of(&["explain", "head-of-cs"]);
    assert!(one.starts_with("head-of-cs — first-cs-org"), "{one}");
    assert_eq!(one.lines().filter(|l| !l.starts_with(' ')).count(), 1);
    csplan()
        .args(["explain", "head-of-sc"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `head-of-cs`?"));
}

#[test]
fn a_missing_file_is_an_input_error() {
    csplan()
        .args(["plan", "no/such/base.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: could not read no/such/base.toml",
        ));
}

#[test]
fn output_file_is_written_whole_and_never_over_the_input() {
    let dir = scratch("output-file");
    let out = dir.path("plan.json");
    csplan()
        .args(["plan", "examples/seed.toml", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written,
        stdout_of(&["plan", "examples/seed.toml", "--format", "json"])
    );

    let input = dir.join("base.toml");
    std::fs::copy("examples/seed.toml", &input).unwrap();
    csplan()
        .arg("plan")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write the output over the input",
        ));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        std::fs::read_to_string("examples/seed.toml").unwrap()
    );

    // A bad base writes nothing, not even an empty file.
    let never = dir.join("never.json");
    csplan()
        .args(["plan", "tests/bad/horizon-too-long.toml", "-o"])
        .arg(&never)
        .assert()
        .code(2);
    assert!(!Path::new(&never).exists());
}
