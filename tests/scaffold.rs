//! Getting started and getting help: `init` bases that check and plan, completions and man
//! pages generated from the command definition, and `--help` with examples everywhere.

mod common;

use common::{csplan, scratch, stdout_of};
use predicates::prelude::*;

const STAGES: &[&str] = &["seed", "growth", "scale"];

#[test]
fn every_stage_inits_a_base_that_checks_and_plans() {
    for stage in STAGES {
        let base = stdout_of(&["init", "--stage", stage]);
        assert!(base.starts_with("# csplan base: "), "{stage}");
        csplan()
            .args(["check", "-"])
            .write_stdin(base.clone())
            .assert()
            .success()
            .stdout(predicate::str::starts_with("ok: <stdin>: Your Company"));
        csplan()
            .args(["plan", "-", "--fail-over-cap"])
            .write_stdin(base)
            .assert()
            .code(predicate::in_iter([0, 1]))
            .stdout(predicate::str::contains("Your Company · CS hiring plan"));
    }
    assert_eq!(
        stdout_of(&["init"]),
        stdout_of(&["init", "--stage", "seed"])
    );
}

#[test]
fn init_never_replaces_a_file_without_force() {
    let dir = scratch("init");
    let path = dir.join("base.toml");
    csplan()
        .arg("init")
        .arg("-o")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        stdout_of(&["init"])
    );
    csplan()
        .args(["init", "--stage", "scale", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        stdout_of(&["init"])
    );
    csplan()
        .args(["init", "--stage", "scale", "--force", "-o"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        stdout_of(&["init", "--stage", "scale"])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn completions_cover_every_command_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        for word in [
            "csplan",
            "plan",
            "diff",
            "compare-stances",
            "fail-if-increase",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    csplan()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn man_pages_are_roff_for_csplan_and_each_command() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH csplan 1"), "{}", &page[..200]);
    assert!(page.contains("diff") && page.contains("schema"));
    let plan = stdout_of(&["man", "plan"]);
    assert!(plan.contains(".TH csplan-plan 1"), "{}", &plan[..200]);
    assert!(plan.contains("compare\\-stances"), "{plan}");
    csplan()
        .args(["man", "plna"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("man pages exist for: plan, check"));
}

#[test]
fn every_command_has_help_with_examples() {
    let commands = [
        "plan",
        "check",
        "explain",
        "diff",
        "schema",
        "init",
        "completions",
        "man",
    ];
    let top = stdout_of(&["--help"]);
    for command in commands {
        assert!(top.contains(command), "--help does not list {command}");
        let help = stdout_of(&[command, "--help"]);
        assert!(
            help.contains("Examples:\n  csplan "),
            "{command} --help:\n{help}"
        );
    }
}

#[test]
fn schemas_are_json_schema_documents() {
    for document in ["input", "plan", "diff", "stances"] {
        let schema: serde_json::Value =
            serde_json::from_str(&stdout_of(&["schema", document])).unwrap();
        assert!(
            schema["$schema"]
                .as_str()
                .unwrap()
                .starts_with("https://json-schema.org/"),
            "{document}"
        );
        assert_eq!(schema["type"], "object", "{document}");
    }
    let plan: serde_json::Value = serde_json::from_str(&stdout_of(&["schema", "plan"])).unwrap();
    assert!(
        plan["required"]
            .as_array()
            .unwrap()
            .contains(&"schema_version".into())
    );
    csplan()
        .args(["schema", "output"])
        .assert()
        .code(2)
        .stdout("");
}
