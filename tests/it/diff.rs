//! `csplan diff`: TOML and saved JSON on either side, the formats, and `--fail-if-increase`
//! exiting 1 exactly when total CS cost over the shared periods rises by more than PCT.

use crate::common;

use common::{csplan, scratch, stdout_of};
use predicates::prelude::*;
use serde_json::Value;

/// The growth example with dearer CSMs: the same team, a higher cost.
fn dearer_growth() -> String {
    std::fs::read_to_string("examples/growth.toml")
        .unwrap()
        .replace("[team]", "[salaries]\ncsm = 99000\n\n[team]")
}

fn diff_json(old: &str, new_from_stdin: &str, extra: &[&str]) -> Value {
    let out = csplan()
        .args(["diff", old, "-", "--format", "json"])
        .args(extra)
        .write_stdin(new_from_stdin)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_plan_against_itself_changes_nothing_and_passes_every_gate() {
    common::each(common::examples(), |name| {
        let path = format!("examples/{name}.toml");
        csplan()
            .args(["diff", &path, &path, "--fail-if-increase", "0"])
            .assert()
            .success()
            .stdout(predicate::str::contains("(+0.0%)"))
            .stderr("");
    });
}

#[test]
fn the_increase_gate_fails_exactly_above_its_threshold() {
    let diff = diff_json("examples/growth.toml", &dearer_growth(), &[]);
    let totals = &diff["totals"];
    let (old, new) = (
        totals["cs_cost"]["old"].as_i64().unwrap(),
        totals["cs_cost"]["new"].as_i64().unwrap(),
    );
    assert!(new > old);
    let pct = (new - old) as f64 * 100.0 / old as f64;
    assert_eq!(
        totals["cs_cost_change_pct"].as_f64().unwrap(),
        (pct * 100.0).round() / 100.0
    );
    let run = |threshold: String| {
        csplan()
            .args(["diff", "examples/growth.toml", "-", "--fail-if-increase"])
            .arg(threshold)
            .write_stdin(dearer_growth())
            .assert()
    };
    // Below the rise: exit 1, the diff still printed, the reason on stderr.
    run(format!("{:.3}", pct - 0.01))
        .code(1)
        .stdout(predicate::str::contains("Plan diff"))
        .stderr(
            predicate::str::contains("more than")
                .and(predicate::str::contains("(--fail-if-increase)")),
        );
    // At or above it: exit 0.
    run(format!("{:.3}", pct + 0.01)).code(0).stderr("");
    run("50%".to_string()).code(0);
    // The other way round the cost falls: no threshold fails.
    let dir = scratch("diff-fall");
    let dearer = dir.join("dearer.toml");
    std::fs::write(&dearer, dearer_growth()).unwrap();
    csplan()
        .arg("diff")
        .arg(&dearer)
        .args(["examples/growth.toml", "--fail-if-increase", "0"])
        .assert()
        .code(0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_readme_example_fails_at_5_percent_and_passes_at_20() {
    let gate = |pct: &str| {
        csplan()
            .args([
                "diff",
                "examples/growth.toml",
                "examples/growth-revised.toml",
                "--fail-if-increase",
                pct,
            ])
            .assert()
    };
    gate("5")
        .code(1)
        .stderr(predicate::str::contains("rose by 17.72%"));
    gate("20").code(0);
}

#[test]
fn saved_json_plans_compare_like_their_bases() {
    let dir = scratch("diff-json");
    let saved = dir.join("growth.json");
    csplan()
        .args(["plan", "examples/growth.toml", "--format", "json", "-o"])
        .arg(&saved)
        .assert()
        .success();
    let saved = saved.to_str().unwrap();
    let from_json = diff_json(saved, &dearer_growth(), &[]);
    let from_toml = diff_json("examples/growth.toml", &dearer_growth(), &[]);
    assert_eq!(from_json["totals"], from_toml["totals"]);
    assert_eq!(from_json["periods"], from_toml["periods"]);
    assert_eq!(from_json["old"]["source"], saved);

    // A quarterly saved plan puts the comparison in quarters.
    let quarterly = dir.join("growth-q.json");
    csplan()
        .args([
            "plan",
            "examples/growth.toml",
            "--format",
            "json",
            "--period",
            "quarter",
            "-o",
        ])
        .arg(&quarterly)
        .assert()
        .success();
    let q = diff_json(quarterly.to_str().unwrap(), &dearer_growth(), &[]);
    assert_eq!(q["period"], "quarter");
    assert_eq!(q["periods"].as_array().unwrap().len(), 8);
    // A quarter sums its unrounded months, rounded once; the monthly comparison sums months
    // rounded each: within a unit a month.
    let (q_old, m_old) = (
        q["totals"]["cs_cost"]["old"].as_i64().unwrap(),
        from_toml["totals"]["cs_cost"]["old"].as_i64().unwrap(),
    );
    assert!((q_old - m_old).abs() <= 24, "{q_old} vs {m_old}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn different_horizons_compare_their_shared_months() {
    let longer = std::fs::read_to_string("examples/growth.toml")
        .unwrap()
        .replace("horizon_months = 24", "horizon_months = 30");
    let diff = diff_json(
        "examples/growth.toml",
        &longer,
        &["--fail-if-increase", "0"],
    );
    assert_eq!(diff["totals"]["periods"], 24);
    assert_eq!(diff["only_new"].as_array().unwrap().len(), 6);
    assert_eq!(diff["totals"]["cs_cost"]["change"], 0);
    let table = csplan()
        .args(["diff", "examples/growth.toml", "-"])
        .write_stdin(longer)
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("Only in the new plan, not compared: 6 periods (2029-01 to 2029-06)"),
        "{table}"
    );
}

#[test]
fn every_format_has_one_row_per_shared_period() {
    let csv = stdout_of(&[
        "diff",
        "examples/seed.toml",
        "examples/seed.toml",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "period");
    assert!(header.iter().any(|h| h == "cs_cost.change"));
    assert!(header.iter().any(|h| h == "headcount.csm.new"));
    assert_eq!(reader.records().count(), 18);
    let md = stdout_of(&[
        "diff",
        "examples/seed.toml",
        "examples/seed.toml",
        "--format",
        "markdown",
        "--period",
        "quarter",
    ]);
    assert!(md.starts_with("### CS plan diff: Lumen Forms"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| 202")).count(), 6);
    let table = stdout_of(&["diff", "examples/seed.toml", "examples/seed.toml"]);
    assert!(table.lines().all(|l| l.chars().count() <= 100), "{table}");
}

#[test]
fn sides_that_cannot_be_compared_are_input_errors() {
    // Different currencies.
    csplan()
        .args(["diff", "examples/growth.toml", "examples/every-rule.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "different currencies (USD and EUR)",
        ));
    // No shared period.
    let later = std::fs::read_to_string("examples/growth.toml")
        .unwrap()
        .replace("start = \"2027-01\"", "start = \"2031-01\"");
    csplan()
        .args(["diff", "examples/growth.toml", "-"])
        .write_stdin(later)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("the plans share no period"));
    // Both from stdin.
    csplan()
        .args(["diff", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only one side"));
    // A bad base keeps its file:line diagnostics.
    csplan()
        .args(["diff", "examples/growth.toml", "tests/bad/unknown-key.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("tests/bad/unknown-key.toml:"));
    // A threshold that is not a percent.
    csplan()
        .args([
            "diff",
            "examples/seed.toml",
            "examples/seed.toml",
            "--fail-if-increase",
            "-3",
        ])
        .assert()
        .code(2);
}

#[test]
fn broken_json_plans_are_refused_with_their_place() {
    let dir = scratch("diff-bad-json");
    let json = stdout_of(&["plan", "examples/seed.toml", "--format", "json"]);
    let cases: [(&str, String, &str); 3] = [
        (
            "truncated.json",
            json[..json.len() / 2].to_string(),
            "not a csplan JSON plan: EOF while parsing",
        ),
        (
            "wrong-type.json",
            json.replacen("\"csm\": 0,", "\"csm\": \"none\",", 1),
            "not a csplan JSON plan: invalid type: string \"none\"",
        ),
        (
            "future.json",
            json.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1),
            "not a usable csplan JSON plan: schema_version is 2",
        ),
    ];
    for (name, text, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = csplan()
            .arg("diff")
            .arg(&path)
            .arg("examples/seed.toml")
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(out.stdout.is_empty());
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {}", path.display())),
            "{stderr}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_diff_writes_atomically_with_o() {
    let dir = scratch("diff-o");
    let out = dir.join("diff.md");
    csplan()
        .args([
            "diff",
            "examples/seed.toml",
            "examples/seed.toml",
            "--format",
            "markdown",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout_of(&[
            "diff",
            "examples/seed.toml",
            "examples/seed.toml",
            "--format",
            "markdown"
        ])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_different_companies_are_compared_with_a_warning() {
    let out = csplan()
        .args(["diff", "examples/seed.toml", "examples/growth.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "warning: the plans are of different companies (`Lumen Forms` and `Northwind Ops`)"
        ),
        "{stderr}"
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("Plan diff")
    );
    // The same company, revised: no warning.
    csplan()
        .args([
            "diff",
            "examples/growth.toml",
            "examples/growth-revised.toml",
        ])
        .assert()
        .success()
        .stderr("");
}
