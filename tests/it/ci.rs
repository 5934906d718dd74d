//! The README's GitHub Actions recipe, run as Actions would run it (`bash -e -o pipefail`) in
//! a scratch git repository: the script is taken from the README block between the
//! `ci-recipe` markers, so the documentation and the test cannot drift apart.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `run: |` script of the recipe's review step, dedented.
fn recipe_script() -> String {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("<!-- ci-recipe -->")
        .expect("the README has the CI recipe");
    let end = readme.find("<!-- /ci-recipe -->").unwrap();
    let yaml = &readme[start..end];
    let lines: Vec<&str> = yaml.lines().collect();
    let run = lines
        .iter()
        .position(|l| l.trim() == "run: |")
        .expect("a run: | block");
    let indent = lines[run].len() - lines[run].trim_start().len();
    let script: Vec<&str> = lines[run + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
        .copied()
        .collect();
    let body = script
        .iter()
        .find(|l| !l.trim().is_empty())
        .map_or(0, |l| l.len() - l.trim_start().len());
    script
        .iter()
        .map(|l| l.get(body..).unwrap_or("").to_string() + "\n")
        .collect()
}

struct Run {
    code: i32,
    summary: String,
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

/// Runs the recipe in a repository whose `origin/main` holds `before` (or no base at all) and
/// whose working tree holds `after`; `base_ref` is what `github.base_ref` would be.
fn run_recipe(name: &str, before: Option<&str>, after: &str, base_ref: &str) -> Run {
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
    let summary = dir.join("summary.md");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_csplan"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-e", "-o", "pipefail", "-c"])
        .arg(recipe_script())
        .current_dir(&dir)
        .env("PATH", path)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("BASE_REF", base_ref)
        .env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
        dir,
    }
}

fn exists(run: &Run, file: &str) -> bool {
    run.dir.join(file).exists()
}

#[test]
fn a_change_that_raises_the_cost_fails_with_every_output_kept() {
    let run = run_recipe(
        "raise",
        Some("examples/growth.toml"),
        "examples/growth-revised.toml",
        "main",
    );
    // The plan is over the cap in some months and the cost rises 17.4% > 5%: exit 1, but the
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
    assert!(run.summary.contains("+17.4%"), "{}", run.summary);
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
        run.summary.contains("No `base.toml` on `main` yet"),
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
