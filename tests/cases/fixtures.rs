//! The fixture corpora, one test per file, so that one failing file does not hide the others:
//!
//! - `bad/NAME`: each `tests/bad/NAME.toml` is refused by `csplan plan` with exit 2 (not a
//!   panic's 101), nothing on stdout, every message naming the file, line and column, and
//!   exactly the message of its `.stderr` twin;
//! - `bad-accounts/NAME`: each `tests/bad-accounts/NAME.csv` is refused the same way, with the
//!   message of its `.stderr` twin (`plan-*.csv` through `plan --accounts`, the rest through
//!   `health`);
//! - `regressions/NAME`: each input under `tests/regressions/` (crashes found earlier) runs
//!   through the whole path of `tests/pipeline/mod.rs` again.
//!
//! `CSPLAN_BLESS_BAD=1 cargo test --test cases` rewrites the `.stderr` twins of both bad
//! corpora (review them with git). The usual test arguments work: `cargo test --test
//! cases -- bad/` runs one corpus, `-- --list` names every case.

use crate::{common, pipeline};

use std::path::{Path, PathBuf};

use common::csplan;
use libtest_mimic::{Failed, Trial};

/// The base that `plan --accounts` reads the bad accounts files against.
const BASE: &str = "examples/growth.toml";

/// One trial per file of each corpus.
pub fn trials() -> Vec<Trial> {
    let mut trials = Vec::new();
    trials.extend(corpus("tests/bad", "toml", 40, bad_base));
    trials.extend(corpus("tests/bad-accounts", "csv", 8, bad_accounts));
    trials.extend(regressions());
    trials
}

/// The files in `dir` that `keep` keeps, sorted.
fn files(dir: &str, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| keep(p))
        .collect();
    files.sort();
    files
}

/// One test named `CORPUS/STEM` per `.extension` file in `dir`, each running `check` on its
/// path; at least `at_least` of them, so a corpus cannot vanish unnoticed.
fn corpus(
    dir: &'static str,
    extension: &'static str,
    at_least: usize,
    check: fn(&Path) -> Result<(), Failed>,
) -> Vec<Trial> {
    let cases = files(dir, |p| p.extension().is_some_and(|e| e == extension));
    assert!(
        cases.len() >= at_least,
        "only {} files in {dir}",
        cases.len()
    );
    let corpus = dir.strip_prefix("tests/").unwrap_or(dir);
    cases
        .into_iter()
        .map(|path| {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            Trial::test(format!("{corpus}/{stem}"), move || check(&path))
        })
        .collect()
}

/// A refused run: exit 2, nothing on stdout; its stderr.
fn refused(cmd: &mut assert_cmd::Command) -> Result<String, Failed> {
    let out = cmd
        .output()
        .map_err(|e| format!("could not run csplan: {e}"))?;
    let stderr = String::from_utf8(out.stderr).map_err(|_| "stderr is not UTF-8")?;
    if out.status.code() != Some(2) {
        return Err(format!("exit {:?} instead of 2:\n{stderr}", out.status.code()).into());
    }
    if !out.stdout.is_empty() {
        return Err(format!("wrote to stdout:\n{}", String::from_utf8_lossy(&out.stdout)).into());
    }
    Ok(stderr)
}

/// `stderr` against the `.stderr` twin of `path`, or written over the twin under
/// `CSPLAN_BLESS_BAD`.
fn matches_twin(path: &Path, stderr: &str) -> Result<(), Failed> {
    let twin = path.with_extension("stderr");
    if std::env::var_os("CSPLAN_BLESS_BAD").is_some() {
        std::fs::write(&twin, stderr).map_err(|e| format!("{}: {e}", twin.display()))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&twin)
        .map_err(|_| format!("{} has no .stderr twin", path.display()))?;
    if stderr != expected {
        return Err(format!(
            "stderr differs from {} (`CSPLAN_BLESS_BAD=1` rewrites it): {}\n--- actual\n{stderr}",
            twin.display(),
            common::first_difference(&expected, stderr)
        )
        .into());
    }
    Ok(())
}

fn bad_base(path: &Path) -> Result<(), Failed> {
    let stderr = refused(csplan().args(["plan"]).arg(path))?;
    // Every message names the file, line and column (the last line of a long list says
    // where csplan stopped).
    let at_line = format!("error: {}:", path.display());
    for message in stderr.lines().filter(|l| l.starts_with("error:")) {
        let place = message.strip_prefix(&at_line).unwrap_or("");
        let mut parts = place.splitn(3, ':');
        let named = parts.next().is_some_and(|l| l.parse::<u32>().is_ok())
            && parts.next().is_some_and(|c| c.parse::<u32>().is_ok());
        if !named && !message.contains("stops after") {
            return Err(format!("no line and column in {message:?}").into());
        }
    }
    matches_twin(path, &stderr)
}

fn bad_accounts(path: &Path) -> Result<(), Failed> {
    let name = path.file_name().unwrap().to_string_lossy();
    let mut cmd = csplan();
    if name.starts_with("plan-") {
        cmd.args(["plan", BASE, "--accounts"]).arg(path);
    } else {
        cmd.arg("health").arg(path).args(["--as-of", "2027-01-01"]);
    }
    let stderr = refused(&mut cmd)?;
    matches_twin(path, &stderr)
}

/// Each kept input through the path of the file it is: an accounts file, a saved plan, a base.
/// A panic in the pipeline fails the case.
fn regressions() -> Vec<Trial> {
    let cases = files("tests/regressions", |p| {
        p.extension().is_none_or(|e| e != "md")
    });
    assert!(!cases.is_empty(), "tests/regressions is empty");
    cases
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            Trial::test(format!("regressions/{name}"), move || {
                let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
                match path.extension().and_then(|e| e.to_str()) {
                    Some("csv") => {
                        let base = csplan::input::parse_bytes(&std::fs::read(BASE).unwrap())
                            .map_err(|e| format!("{BASE}: {e}"))?;
                        pipeline::run_accounts(&bytes, &base);
                    }
                    Some("json") => {
                        pipeline::run_saved_plan(&bytes);
                    }
                    _ => {
                        pipeline::run(&bytes);
                    }
                }
                Ok(())
            })
        })
        .collect()
}
