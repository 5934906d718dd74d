//! Getting started and getting help: `init` bases that check and plan, completions and man
//! pages generated from the command definition, and `--help` with examples everywhere.

use crate::common;

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

/// The rule ids, from `csplan explain`'s headings (`id — source`).
fn rule_ids() -> Vec<String> {
    stdout_of(&["explain"])
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains(" — "))
        .map(|l| l.split(" — ").next().unwrap().to_string())
        .collect()
}

#[test]
fn man_pages_install_together_with_exit_codes_and_no_dangling_references() {
    let dir = scratch("man");
    let listed = stdout_of(&["man", "--dir", dir.to_str().unwrap()]);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(listed.lines().count(), names.len(), "{listed}");
    assert!(names.contains(&"csplan.1".to_string()));
    for command in [
        "plan",
        "check",
        "explain",
        "health",
        "diff",
        "schema",
        "init",
        "completions",
        "man",
    ] {
        assert!(names.contains(&format!("csplan-{command}.1")), "{names:?}");
    }
    for name in &names {
        let page = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(
            page.contains(".SH \"EXIT STATUS\""),
            "{name} has no EXIT STATUS"
        );
        assert!(
            !page.contains(".SH EXTRA"),
            "{name} still files text under EXTRA"
        );
        // Every csplan page a page refers to was written beside it.
        for reference in page.split("csplan").skip(1) {
            let Some(rest) = reference
                .strip_prefix("\\-")
                .or(reference.strip_prefix('-'))
            else {
                continue;
            };
            let Some((command, after)) = rest.split_once('(') else {
                continue;
            };
            if after.starts_with("1)") && command.chars().all(|c| c.is_ascii_lowercase()) {
                let file = format!("csplan-{command}.1");
                assert!(
                    names.contains(&file),
                    "{name} refers to {file}, not written"
                );
            }
        }
    }
    let plan = std::fs::read_to_string(dir.join("csplan-plan.1")).unwrap();
    let status = &plan[plan.find("EXIT STATUS").unwrap()..];
    assert!(status.contains("fail\\-over\\-cap") && status.contains("usage or input error"));
    assert!(
        !plan.contains("Exit codes:"),
        "the exit codes are in their own section only"
    );
    let check = std::fs::read_to_string(dir.join("csplan-check.1")).unwrap();
    assert!(
        !check[check.find("EXIT STATUS").unwrap()..].contains(".B 1"),
        "check has no gate"
    );
    // A missing folder is refused; a page and --dir together are a usage error.
    csplan()
        .args(["man", "--dir"])
        .arg(dir.join("nope"))
        .assert()
        .code(2)
        .stdout("");
    csplan()
        .args(["man", "plan", "--dir"])
        .arg(&dir)
        .assert()
        .code(2)
        .stdout("");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn explain_completes_rule_ids_and_still_suggests_on_a_typo() {
    let ids = rule_ids();
    assert!(ids.len() >= 15, "{ids:?}");
    let bash = stdout_of(&["completions", "bash"]);
    let explain = bash
        .lines()
        .find(|l| l.contains("opts=") && l.contains("--keys"))
        .expect("the explain command's options in the bash script");
    for id in &ids {
        assert!(
            explain
                .split_whitespace()
                .any(|w| w.trim_matches('"') == id),
            "{id}: {explain}"
        );
    }
    let zsh = stdout_of(&["completions", "zsh"]);
    assert!(zsh.contains("hire-ahead"), "zsh completes rule ids too");
    csplan()
        .args(["explain", "hire-ahed"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean `hire-ahead`?"));
}

#[test]
fn explain_keys_lists_every_key_the_examples_use() {
    let keys = stdout_of(&["explain", "--keys"]);
    assert!(
        keys.contains("[company]") && keys.contains("[[segment]]"),
        "{keys}"
    );
    assert!(keys.contains("horizon_months") && keys.contains("1..=120. Default 24."));
    common::each(common::examples(), |name| {
        let path = format!("examples/{name}.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.starts_with('[') {
                continue;
            }
            if let Some((key, _)) = line.split_once('=') {
                let key = key.trim();
                // A `[budget]` key is a fiscal year, listed as `FYyyyy`.
                let key = if csplan::input::ranges::budget_year(key).is_some() {
                    csplan::input::ranges::BUDGET_KEY
                } else {
                    key
                };
                assert!(
                    keys.lines()
                        .any(|l| l.trim_start().starts_with(&format!("{key} "))),
                    "{path}: `{key}` is not listed by explain --keys"
                );
            }
        }
    });
    csplan()
        .args(["explain", "--keys", "spend-cap"])
        .assert()
        .code(2);
}

#[test]
fn the_starters_point_to_the_key_list_not_the_schema() {
    for stage in ["seed", "growth", "scale"] {
        let starter = stdout_of(&["init", "--stage", stage]);
        assert!(starter.contains("csplan explain --keys"), "{stage}");
        assert!(!starter.contains("csplan schema input"), "{stage}");
    }
}

#[test]
fn a_file_given_as_the_command_suggests_planning_it() {
    for file in ["base.toml", "examples/seed.toml"] {
        csplan()
            .arg(file)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "run `csplan plan {file}`"
            )));
    }
    // A mistyped command still gets clap's suggestion.
    csplan()
        .arg("plna")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("similar subcommands exist"));
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

#[test]
fn a_key_without_its_qualifier_suggests_the_full_key() {
    let base = "[company]\nname = \"A\"\n[[segment]]\nname = \"S\"\ncustomers = 10\n\
                arpa = 1000\nannual_churn = 0.1\nexpansion = 0.2\n";
    csplan()
        .args(["check", "-"])
        .write_stdin(base)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown key `expansion` in [[segment]] \"S\"; did you mean `annual_expansion`?",
        ))
        .stderr(predicate::str::contains("<stdin>:8:1"));
}

/// Every example and `init` starter plans within the CSM spend cap as shipped, except the
/// examples that exist to show the cap, which say so in their header comment.
#[test]
fn every_example_and_starter_stays_within_the_cap_unless_it_says_it_shows_it() {
    common::each(common::examples(), |name| {
        let path = format!("examples/{name}.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join(" ");
        let shows_the_cap = header.contains("fails `plan --fail-over-cap`");
        let base = csplan::input::parse(&text).unwrap();
        let p = csplan::plan(&base, &csplan::PlanOptions::default()).unwrap();
        assert_eq!(
            p.totals.periods_over_cap > 0,
            shows_the_cap,
            "{name}: {} months over the cap",
            p.totals.periods_over_cap
        );
    });
    for stage in ["seed", "growth", "scale"] {
        let text = common::stdout_of(&["init", "--stage", stage]);
        let base = csplan::input::parse(&text).unwrap();
        let p = csplan::plan(&base, &csplan::PlanOptions::default()).unwrap();
        assert_eq!(p.totals.periods_over_cap, 0, "init --stage {stage}");
    }
}
