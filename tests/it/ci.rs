//! The README's GitHub Actions recipe and the Action it uses: the recipe's `with:` block is read
//! from the README (between the `ci-recipe` markers) and checked against action.yml's inputs,
//! and the Action's run step (scripts/action-run.sh) is run as Actions would run it, with those
//! inputs, in a scratch git repository, so that the documentation, the Action and the test
//! cannot drift apart.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's recipe, as YAML text.
fn recipe() -> String {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("<!-- ci-recipe -->")
        .expect("the README has the CI recipe");
    let end = readme.find("<!-- /ci-recipe -->").unwrap();
    readme[start..end].to_string()
}

/// The `with:` keys and values of the step that uses the csplan Action.
fn recipe_inputs() -> BTreeMap<String, String> {
    let yaml = recipe();
    let lines: Vec<&str> = yaml.lines().collect();
    let uses = lines
        .iter()
        .position(|l| l.trim_start().starts_with("- uses: csplan/csplan@"))
        .expect("the recipe uses the csplan Action");
    let with = uses
        + lines[uses..]
            .iter()
            .position(|l| l.trim() == "with:")
            .unwrap();
    let indent = lines[with].len() - lines[with].trim_start().len();
    lines[with + 1..]
        .iter()
        .take_while(|l| l.len() - l.trim_start().len() > indent)
        .map(|l| {
            let (key, value) = l.trim().split_once(':').unwrap();
            (key.to_string(), value.trim().to_string())
        })
        .collect()
}

/// action.yml's input names.
fn action_inputs() -> Vec<String> {
    let action = std::fs::read_to_string("action.yml").unwrap();
    let inputs = action.find("\ninputs:\n").unwrap();
    let outputs = action.find("\noutputs:\n").unwrap();
    action[inputs..outputs]
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(':'))
        .map(|l| l.trim().trim_end_matches(':').to_string())
        .collect()
}

#[test]
fn the_recipe_pins_this_version_and_names_only_inputs_the_action_has() {
    let yaml = recipe();
    assert!(
        yaml.contains(&format!("- uses: csplan/csplan@v{VERSION}\n")),
        "{yaml}"
    );
    let inputs = recipe_inputs();
    assert_eq!(inputs["version"], VERSION);
    let known = action_inputs();
    for key in inputs.keys() {
        assert!(
            known.contains(key),
            "`{key}` is not an input of action.yml: {known:?}"
        );
    }
    // Every output csplan writes is kept.
    assert!(yaml.contains("if: always()") && yaml.contains("path: csplan-out/"));
}

struct Run {
    code: i32,
    summary: String,
    outputs: String,
    dir: common::Scratch,
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=csplan",
            "-c",
            "user.email=csplan@example.com",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs the Action's run step with the README's inputs in a repository whose `origin/main` holds
/// `before` (or no base at all) and whose working tree holds `after`; `base_ref` is what
/// `github.base_ref` would be (empty on the quarterly schedule).
fn run_recipe(name: &str, before: Option<&str>, after: &str, base_ref: &str) -> Run {
    run_recipe_with(name, before, after, base_ref, &[])
}

/// As [`run_recipe`], with `files` (from, to) copied into the working tree too.
fn run_recipe_with(
    name: &str,
    before: Option<&str>,
    after: &str,
    base_ref: &str,
    files: &[(&Path, &str)],
) -> Run {
    let dir = common::scratch(&format!("ci-{name}"));
    git(&dir, &["init", "-q", "-b", "main"]);
    std::fs::write(dir.join("README"), "budget\n").unwrap();
    if let Some(before) = before {
        std::fs::copy(before, dir.join("base.toml")).unwrap();
    }
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "main"]);
    git(&dir, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    std::fs::copy(after, dir.join("base.toml")).unwrap();
    for (from, to) in files {
        std::fs::create_dir_all(dir.join(to).parent().unwrap()).unwrap();
        std::fs::copy(from, dir.join(to)).unwrap();
    }
    let summary = dir.join("summary.md");
    let outputs = dir.join("outputs.txt");
    let mut cmd = Command::new("bash");
    cmd.arg("--noprofile")
        .arg("--norc")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/action-run.sh"))
        .current_dir(&dir)
        .env("CSPLAN", PathBuf::from(env!("CARGO_BIN_EXE_csplan")))
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    let schedule = base_ref.is_empty();
    for (key, value) in recipe_inputs() {
        // The expressions Actions would evaluate, as it would for this event.
        let value = match key.as_str() {
            "baseline-ref" if !schedule => format!("origin/{base_ref}"),
            "approved-plan" if schedule => "plans/approved.json".to_string(),
            "actuals" if schedule => "actuals.csv".to_string(),
            _ if value.starts_with("${{") => String::new(),
            _ => value,
        };
        cmd.env(
            format!("INPUT_{}", key.to_uppercase().replace('-', "_")),
            value,
        );
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
        outputs: std::fs::read_to_string(&outputs).unwrap_or_default(),
        dir,
    }
}

fn exists(run: &Run, file: &str) -> bool {
    run.dir.join("csplan-out").join(file).exists()
}

#[test]
fn a_change_that_raises_the_cost_fails_with_every_output_kept() {
    let run = run_recipe(
        "raise",
        Some("examples/growth.toml"),
        "examples/growth-revised.toml",
        "main",
    );
    // The plan is over the cap in some months and the cost rises 17.7% > 5%: exit 1, but the
    // diff ran after the plan's gate failed.
    assert_eq!(run.code, 1, "{}", run.summary);
    for file in ["plan.md", "plan.png", "diff.md"] {
        assert!(exists(&run, file), "{file} missing");
    }
    let plan = run
        .summary
        .find("### Northwind Ops: CS hiring plan")
        .unwrap();
    let diff = run.summary.find("### CS plan diff: Northwind Ops").unwrap();
    assert!(plan < diff, "{}", run.summary);
    assert!(run.summary.contains("+17.7%"), "{}", run.summary);
    // Why it fails, on the summary: both gates.
    let says = run.summary.find("**csplan says** (exit 1):").unwrap();
    assert!(diff < says, "{}", run.summary);
    assert!(
        run.summary[says..].contains("(--fail-over-cap)"),
        "{}",
        run.summary
    );
    assert!(
        run.summary[says..].contains("(--fail-if-increase)"),
        "{}",
        run.summary
    );
    // The step's outputs: the exit code and every path written.
    for line in [
        "exit-code=1",
        "plan=csplan-out/plan.md",
        "plan-json=csplan-out/plan.json",
        "chart=csplan-out/plan.png",
        "diff=csplan-out/diff.md",
        "review=",
        "csplan-out/csplan-says.txt",
    ] {
        assert!(
            run.outputs.lines().any(|l| l == line),
            "{line} not in {}",
            run.outputs
        );
    }
    // The decision opens the plan.
    let decision = run
        .summary
        .find("Requisitions to open in the next 3 months")
        .unwrap();
    assert!(plan < decision && decision < run.summary.find("| Period").unwrap());
}

#[test]
fn the_first_pull_request_has_nothing_to_compare_and_says_so() {
    let run = run_recipe("first", None, "examples/series-b.toml", "main");
    assert_eq!(run.code, 0, "{}", run.summary);
    assert!(
        !run.summary.contains("csplan says"),
        "nothing to say: {}",
        run.summary
    );
    assert!(exists(&run, "plan.md") && !exists(&run, "diff.md"));
    assert!(
        run.summary.contains("No `base.toml` on `origin/main` yet"),
        "{}",
        run.summary
    );
}

#[test]
fn an_unchanged_base_within_the_cap_passes_and_a_schedule_plans_only() {
    let same = "examples/series-b.toml";
    let run = run_recipe("same", Some(same), same, "main");
    assert_eq!(run.code, 0, "{}", run.summary);
    assert!(run.summary.contains("### CS plan diff: Helix Data"));

    let scheduled = run_recipe("schedule", Some(same), same, "");
    assert_eq!(scheduled.code, 0);
    assert!(exists(&scheduled, "plan.md") && !exists(&scheduled, "diff.md"));
    assert!(!scheduled.summary.contains("plan diff"));
}

#[test]
fn a_broken_base_fails_with_2_and_the_summary_says_where_to_look() {
    let run = run_recipe(
        "broken",
        Some("examples/growth.toml"),
        "tests/bad/horizon-too-long.toml",
        "main",
    );
    assert_eq!(run.code, 2, "{}", run.summary);
    assert!(!exists(&run, "plan.md") && !exists(&run, "diff.md"));
    assert!(run.summary.contains("csplan could not plan base.toml"));
    assert!(
        run.summary.contains("**csplan says** (exit 2):"),
        "{}",
        run.summary
    );
    assert!(run.summary.contains("horizon_months"), "{}", run.summary);
}

#[test]
fn a_scheduled_run_reviews_the_actuals_against_the_approved_plan() {
    let same = "examples/growth.toml";
    let without = run_recipe("no-approved", Some(same), same, "");
    assert!(!exists(&without, "review.md"));
    assert!(
        without
            .summary
            .contains("No review: `plans/approved.json` and `actuals.csv` are not both"),
        "{}",
        without.summary
    );

    let dir = common::scratch("ci-approved");
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    let approved = dir.join("plans/approved.json");
    common::csplan()
        .args(["plan", same, "--format", "json", "-o"])
        .arg(&approved)
        .assert()
        .success();
    let run = run_recipe_with(
        "review",
        Some(same),
        same,
        "",
        &[
            (&approved, "plans/approved.json"),
            (Path::new("examples/growth-actuals.csv"), "actuals.csv"),
        ],
    );
    assert!(exists(&run, "review.md"), "{}", run.summary);
    assert!(
        run.outputs
            .lines()
            .any(|l| l == "review=csplan-out/review.md"),
        "{}",
        run.outputs
    );
    assert!(
        run.outputs
            .lines()
            .any(|l| l == format!("exit-code={}", run.code)),
        "{}",
        run.outputs
    );
    assert!(!exists(&run, "diff.md"));
}
