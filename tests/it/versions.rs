//! Versions: `csplan --version` names the rule book, every JSON output names the csplan that
//! wrote it, and a saved plan of an older csplan (without the field) is still read.

use crate::common::{csplan, scratch, stdout_of};

use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

#[test]
fn the_version_line_names_the_rule_book() {
    assert_eq!(
        stdout_of(&["--version"]),
        format!("csplan {VERSION} (rules v2)\n")
    );
    assert_eq!(stdout_of(&["-V"]), format!("csplan {VERSION} (rules v2)\n"));
}

#[test]
fn every_json_output_carries_the_csplan_version_at_the_top() {
    let dir = scratch("versions-json");
    let plan = dir.path("plan.json");
    csplan()
        .args(["plan", "examples/growth.toml", "--format", "json", "-o"])
        .arg(&plan)
        .assert()
        .success();
    let actuals = std::path::PathBuf::from("examples/growth-actuals.csv");
    let outputs: Vec<Vec<String>> = vec![
        vec!["plan".into(), "examples/growth.toml".into()],
        vec![
            "plan".into(),
            "examples/growth.toml".into(),
            "--compare-stances".into(),
        ],
        vec![
            "plan".into(),
            "examples/growth.toml".into(),
            "--simulate".into(),
            "20".into(),
            "--seed".into(),
            "1".into(),
        ],
        vec![
            "diff".into(),
            "examples/growth.toml".into(),
            "examples/growth-revised.toml".into(),
        ],
        vec![
            "review".into(),
            plan.to_str().unwrap().into(),
            actuals.to_str().unwrap().into(),
        ],
        vec![
            "health".into(),
            "examples/growth-accounts.csv".into(),
            "--as-of".into(),
            "2027-01-01".into(),
        ],
    ];
    for args in outputs {
        let out = csplan()
            .args(&args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["csplan_version"], VERSION, "{args:?}");
        // Beside schema_version, second of the top-level keys.
        let keys: Vec<&String> = json.as_object().unwrap().keys().take(2).collect();
        assert_eq!(keys, ["schema_version", "csplan_version"], "{args:?}");
    }
}

#[test]
fn a_plan_saved_without_a_version_is_read_and_a_different_version_is_named() {
    let dir = scratch("versions-diff");
    let out = csplan()
        .args(["plan", "examples/growth.toml", "--format", "json"])
        .output()
        .unwrap();
    let mut plan: Value = serde_json::from_slice(&out.stdout).unwrap();

    // A plan saved before csplan wrote its version: read as before, no warning.
    plan.as_object_mut().unwrap().remove("csplan_version");
    let older = dir.write("older.json", &plan.to_string());
    csplan()
        .args(["diff"])
        .arg(&older)
        .arg("examples/growth.toml")
        .assert()
        .success()
        .stderr("");
    csplan()
        .args(["review"])
        .arg(&older)
        .arg("examples/growth-actuals.csv")
        .assert()
        .success();

    // A plan of another csplan: compared, with a warning that the rules may differ.
    plan["csplan_version"] = "0.0.9".into();
    let other = dir.write("other.json", &plan.to_string());
    let out = csplan()
        .args(["diff"])
        .arg(&other)
        .arg("examples/growth.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "warning: the plans were written by csplan 0.0.9 and csplan {VERSION}: a change of \
             rules between the versions shows as a change of plan (CHANGELOG.md names each)\n"
        )
    );

    // The same version: no warning.
    csplan()
        .args([
            "diff",
            "examples/growth.toml",
            "examples/growth-revised.toml",
        ])
        .assert()
        .success()
        .stderr("");

    // A version that is no version is refused with its place.
    for (bad, why) in [
        (Value::from("0.1.0\u{1b}[2J"), "csplan_version"),
        (
            Value::from("9".repeat(65)),
            "csplan_version is 65 characters long",
        ),
        (
            Value::from(1),
            "invalid type: integer `1`, expected a string",
        ),
    ] {
        plan["csplan_version"] = bad;
        let broken = dir.write("broken.json", &plan.to_string());
        let out = csplan()
            .args(["diff"])
            .arg(&broken)
            .arg("examples/growth.toml")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(why), "{stderr}");
    }
}
