//! Sources are cited by their SPEC §8 ids: no command prints a seed file number.

use crate::common;

use common::{csplan, examples, stdout_of};

/// Stdout and stderr of a run, whatever its exit code.
fn output_of(args: &[&str]) -> String {
    let out = csplan().args(args).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_no_seed_number(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for needle in ["seed 00", "seeds 00"] {
        assert!(!lower.contains(needle), "{what} prints {needle:?}:\n{text}");
    }
}

#[test]
fn no_command_prints_a_seed_number() {
    common::each(examples(), |name| {
        let path = format!("examples/{name}.toml");
        for args in [
            vec!["plan", path.as_str()],
            vec!["plan", path.as_str(), "--format", "json"],
            vec!["plan", path.as_str(), "--format", "csv"],
            vec!["plan", path.as_str(), "--format", "markdown"],
            vec!["plan", path.as_str(), "--period", "quarter"],
            vec!["plan", path.as_str(), "--compare-stances"],
            vec!["check", path.as_str()],
            vec!["diff", path.as_str(), "examples/growth.toml"],
        ] {
            assert_no_seed_number(&args.join(" "), &output_of(&args));
        }
    });
    let accounts = [
        "plan",
        "examples/growth.toml",
        "--accounts",
        "examples/growth-accounts.csv",
    ];
    assert_no_seed_number("plan --accounts", &output_of(&accounts));
    let health = [
        "health",
        "examples/growth-accounts.csv",
        "--base",
        "examples/growth.toml",
    ];
    assert_no_seed_number("health", &output_of(&health));
    for stage in ["seed", "growth", "scale"] {
        assert_no_seed_number(stage, &output_of(&["init", "--stage", stage]));
    }
    for args in [
        vec!["explain"],
        vec!["explain", "--sources"],
        vec!["--help"],
        vec!["plan", "--help"],
        vec!["explain", "--help"],
        vec!["health", "--help"],
        vec!["init", "--help"],
        vec!["man"],
    ] {
        assert_no_seed_number(&args.join(" "), &output_of(&args));
    }
    for schema in ["input", "plan", "diff", "stances"] {
        assert_no_seed_number(schema, &output_of(&["schema", schema]));
    }
}

#[test]
fn explain_sources_lists_every_source_with_its_file_and_what_it_gives() {
    let text = stdout_of(&["explain", "--sources"]);
    for (id, file) in [
        ("when-to-start", "000-when-to-start-cs-team.txt"),
        ("cs-playbook", "001-cs-playbook.txt"),
        ("first-cs-org", "002-first-cs-organization.txt"),
        ("2m-per-csm", "003-one-csm-per-2m-arr.txt"),
        ("grow-cs-team", "004-growing-a-cs-team.txt"),
    ] {
        assert!(text.contains(&format!("{id} — ")), "{id}:\n{text}");
        assert!(text.contains(file), "{file}:\n{text}");
    }
    assert_eq!(text.matches("gives:").count(), 5, "{text}");
}
