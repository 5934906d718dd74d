//! The stable stand-in for the fuzzer: the examples and the bad-input corpus, mutated the way
//! a fuzzer and a hurried editor would (flipped bytes, tokens from `fuzz/toml.dict` dropped
//! in, lines duplicated, deleted or swapped between files, numbers replaced by extremes,
//! files cut short), each fed through the whole path of `tests/pipeline/mod.rs`. (The inputs
//! kept under `tests/regressions/`, crashes found earlier, go through it again in
//! `tests/cases/fixtures.rs`, one test each.)
//!
//! Saved JSON plans (what `diff` reads) and accounts CSVs (what `health` reads) are mutated the
//! same way, through their own paths in `tests/pipeline/mod.rs`.
//!
//! The mutants come from a fixed seed, so a failure is reproducible; the failing input is
//! written to `target/mutation-failures/` to be kept as a regression case. Every run tries a
//! few hundred; the `#[ignore]`d soaks (`common::SOAK`) try a hundred thousand bases.

use crate::common;
use crate::pipeline;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use pipeline::Outcome;

/// Mutated bases in every run, and in the soak (`common::SOAK`); `CSPLAN_MUTANTS` sets
/// another number for either.
const MUTANTS: usize = 400;
const SOAK_MUTANTS: usize = 100_000;

/// Mutants of saved plans and of accounts files, each: a third of the bases' number.
const OTHER_SHARE: usize = 3;

/// Tokens that break a saved plan or an accounts file in the ways a hostile or careless edit
/// would: escapes, bidirectional controls, invisible characters, extreme and wrong-typed
/// values, quotes and separators.
const FILE_TOKENS: &[&str] = &[
    "\"\\u001b[2J\"",
    "\"\\u202e\"",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\u{1b}[31m",
    "null",
    "[]",
    "{}",
    "\"\"",
    "\"",
    ",",
    ";",
    "\n",
    "\r\n",
    "4294967295",
    "-1",
    "1e308",
    "9223372036854775807",
    "=HYPERLINK(\"x\")",
    "\"period\": \"M1\"",
    "\"segments\": []",
];

/// xorshift64*: small, fixed, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The files in `dir` that mutants start from.
fn seeds(dir: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The fuzzer's dictionary: `"token"` lines with `\\`, `\"` and `\xNN` escapes.
fn dictionary() -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string("fuzz/toml.dict").unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix('"')?.strip_suffix('"'))
        .map(|body| {
            let bytes = body.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                match (bytes[i], bytes.get(i + 1)) {
                    (b'\\', Some(b'x')) => {
                        let hex = std::str::from_utf8(&bytes[i + 2..i + 4]).unwrap();
                        out.push(u8::from_str_radix(hex, 16).unwrap());
                        i += 4;
                    }
                    (b'\\', Some(&c)) => {
                        out.push(c);
                        i += 2;
                    }
                    (c, _) => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            out
        })
        .collect()
}

const EXTREMES: &[&str] = &[
    "0",
    "-1",
    "1",
    "0.5",
    "3",
    "24",
    "25",
    "60",
    "61",
    "120",
    "121",
    "744",
    "1e15",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "-inf",
    "1000000",
    "10000000",
    "100000000",
    "99999999999999999999",
    "0.0000001",
    "1_000",
    "0x10",
    "\"\"",
];

fn line_bounds(bytes: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(bytes.len());
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1);
    (start, end)
}

/// One mutation of `bytes`.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng, seeds: &[Vec<u8>], tokens: &[Vec<u8>]) {
    let at = rng.below(bytes.len() + 1);
    match rng.below(9) {
        0 if !bytes.is_empty() => {
            let i = at.min(bytes.len() - 1);
            bytes[i] = rng.next() as u8;
        }
        1 | 2 => {
            let token = &tokens[rng.below(tokens.len())];
            bytes.splice(at..at, token.iter().copied());
        }
        3 => {
            let len = rng.below(16) + 1;
            let end = (at + len).min(bytes.len());
            bytes.drain(at..end);
        }
        4 => {
            let (start, end) = line_bounds(bytes, at);
            let line = bytes[start..end].to_vec();
            bytes.splice(end..end, line);
        }
        5 => {
            let (start, end) = line_bounds(bytes, at);
            bytes.drain(start..end);
        }
        6 => {
            // A line from another file: keys land in the wrong table, tables repeat.
            let other = &seeds[rng.below(seeds.len())];
            let (start, end) = line_bounds(other, rng.below(other.len() + 1));
            let line = other[start..end].to_vec();
            let (here, _) = line_bounds(bytes, at);
            bytes.splice(here..here, line);
        }
        7 => {
            // The value of the line at `at` becomes an extreme.
            // `key = value` in a base, `"key": value` in a plan, a cell in an accounts row.
            let (start, end) = line_bounds(bytes, at);
            let line = &bytes[start..end];
            let separator = [b'=', b':', b',']
                .iter()
                .find_map(|s| line.iter().position(|b| b == s));
            if let Some(eq) = separator {
                let value_end = if bytes[..end].ends_with(b"\n") {
                    end - 1
                } else {
                    end
                };
                let extreme = EXTREMES[rng.below(EXTREMES.len())];
                let value = format!(" {extreme}");
                bytes.splice(start + eq + 1..value_end, value.bytes());
            }
        }
        _ => bytes.truncate(at),
    }
}

/// Runs one input through the pipeline; on a panic, keeps the input for a regression case.
fn run_kept(bytes: &[u8], name: &str) -> Outcome {
    match catch_unwind(AssertUnwindSafe(|| pipeline::run(bytes))) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutation-failures");
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("{name}.toml"));
            std::fs::write(&path, bytes).unwrap();
            eprintln!(
                "{name} failed; input kept at {} (copy it to tests/regressions/)",
                path.display()
            );
            std::panic::resume_unwind(panic)
        }
    }
}

#[test]
fn mutated_bases_never_crash_csplan() {
    mutate_bases(MUTANTS);
}

#[test]
#[ignore = "soak: see common::SOAK"]
fn soak_mutated_bases_never_crash_csplan() {
    mutate_bases(SOAK_MUTANTS);
}

fn mutate_bases(count: usize) {
    let count = common::cases("CSPLAN_MUTANTS", count);
    let examples = seeds("examples");
    let bad = seeds("tests/bad");
    let all: Vec<Vec<u8>> = examples.iter().chain(&bad).cloned().collect();
    let tokens = dictionary();
    let mut rng = Rng(0x00c5_91a4_2027_0101);
    let (mut refused, mut too_large, mut planned) = (0, 0, 0);
    for n in 0..count {
        // Mostly the examples, which plan, so that mutants reach the planner; a quarter
        // from the bad inputs, whose mutants probe the messages.
        let mut bytes = if rng.below(4) == 0 {
            bad[rng.below(bad.len())].clone()
        } else {
            examples[rng.below(examples.len())].clone()
        };
        for _ in 0..=rng.below(3) {
            mutate(&mut bytes, &mut rng, &all, &tokens);
        }
        match run_kept(&bytes, &format!("mutant-{n}")) {
            Outcome::Refused => refused += 1,
            Outcome::TooLarge => too_large += 1,
            Outcome::Planned => planned += 1,
        }
    }
    eprintln!("{count} mutants: {refused} refused, {too_large} too large, {planned} planned");
    // Both sides of the path are exercised: the checks and the planner with its renderers.
    assert!(refused * 10 >= count, "{refused} refused of {count}");
    assert!(planned * 10 >= count, "{planned} planned of {count}");
}

/// A plan read back from JSON is hostile input too (a saved plan may have been edited): the
/// quarterly view and the renderers take whatever parses.
#[test]
fn an_edited_json_plan_is_viewed_and_rendered_without_a_panic() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_csplan"))
        .args(["plan", "examples/growth.toml", "--format", "json"])
        .output()
        .unwrap();
    let mut plan: csplan::plan::Plan = serde_json::from_slice(&out.stdout).unwrap();
    // Rows with different segments, an empty timeline tail, absurd numbers.
    plan.timeline[1].segments.clear();
    plan.timeline[2].customers = 1e300;
    plan.timeline[2].arr = i64::MAX;
    plan.timeline[3].csm_spend_ratio = Some(-1e300);
    plan.assumptions.start = Some("not a month".into());
    for shown in [plan.clone(), plan.by_quarter()] {
        for format in pipeline::every_format() {
            assert!(!csplan::render::render(&shown, format).is_empty());
        }
    }
    plan.timeline.clear();
    for format in pipeline::every_format() {
        csplan::render::render(&plan.by_quarter(), format);
    }
}

/// Mutants of `seeds` through `run`, which each panics on a failure; the failing input is kept.
fn mutate_files(
    seeds: &[Vec<u8>],
    count: usize,
    seed: u64,
    what: &str,
    run: &dyn Fn(&[u8]) -> Outcome,
) -> (usize, usize) {
    let tokens: Vec<Vec<u8>> = FILE_TOKENS.iter().map(|t| t.as_bytes().to_vec()).collect();
    let mut rng = Rng(seed);
    let (mut refused, mut read) = (0, 0);
    for n in 0..count {
        let mut bytes = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut bytes, &mut rng, seeds, &tokens);
        }
        let outcome = match catch_unwind(AssertUnwindSafe(|| run(&bytes))) {
            Ok(outcome) => outcome,
            Err(panic) => {
                let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutation-failures");
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("{what}-{n}"));
                std::fs::write(&path, &bytes).unwrap();
                eprintln!("{what} mutant {n} failed; input kept at {}", path.display());
                std::panic::resume_unwind(panic)
            }
        };
        match outcome {
            Outcome::Refused => refused += 1,
            _ => read += 1,
        }
    }
    eprintln!("{count} {what} mutants: {refused} refused, {read} read");
    (refused, read)
}

fn other_mutants(bases: usize) -> usize {
    (common::cases("CSPLAN_MUTANTS", bases) / OTHER_SHARE).max(1)
}

/// The examples' plans as saved JSON, monthly and quarterly.
fn saved_plans() -> Vec<Vec<u8>> {
    let mut plans = Vec::new();
    for bytes in seeds("examples") {
        let base = csplan::input::parse_bytes(&bytes).unwrap();
        let plan = csplan::plan(&base, &csplan::PlanOptions::default()).unwrap();
        for shown in [plan.by_quarter(), plan] {
            let json = csplan::render::render(&shown, csplan::render::Format::Json);
            plans.push(json.into_bytes());
        }
    }
    plans
}

#[test]
fn mutated_saved_plans_never_crash_diff() {
    // About one saved-plan mutant in twenty passes the plan's checks; three times the bases'
    // count (a second of work) keeps enough of them read for the share below to hold.
    mutate_saved_plans(common::cases("CSPLAN_MUTANTS", MUTANTS) * 3);
}

#[test]
#[ignore = "soak: see common::SOAK"]
fn soak_mutated_saved_plans_never_crash_diff() {
    mutate_saved_plans(other_mutants(SOAK_MUTANTS));
}

fn mutate_saved_plans(count: usize) {
    let plans = saved_plans();
    let (refused, read) = mutate_files(&plans, count, 0x5a7e_d91a_2027_0102, "plan", &|b| {
        pipeline::run_saved_plan(b)
    });
    assert!(refused * 10 >= count, "{refused} refused of {count}");
    // Most mutants of a saved plan break its JSON; a few in thirty still read, enough to say
    // that diff reads what it accepts without crashing (the share moves with the plans' text).
    assert!(read * 30 >= count, "{read} read of {count}");
}

#[test]
fn mutated_accounts_files_never_crash_health() {
    mutate_accounts_files(other_mutants(MUTANTS));
}

#[test]
#[ignore = "soak: see common::SOAK"]
fn soak_mutated_accounts_files_never_crash_health() {
    mutate_accounts_files(other_mutants(SOAK_MUTANTS));
}

fn mutate_accounts_files(count: usize) {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/bad-accounts")
        .unwrap()
        .chain(std::fs::read_dir("examples").unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        // Accounts files only: an actuals file (`csplan review`) is refused whole.
        .filter(|p| !p.to_string_lossy().contains("actuals"))
        .collect();
    files.sort();
    let good = std::fs::read("examples/growth-accounts.csv").unwrap();
    // Mostly the good file, so that mutants reach the scoring and the plan.
    let mut all: Vec<Vec<u8>> = vec![good; 4];
    all.extend(files.iter().map(|p| std::fs::read(p).unwrap()));
    let base = csplan::input::parse_bytes(&std::fs::read("examples/growth.toml").unwrap()).unwrap();
    let (refused, read) = mutate_files(&all, count, 0xacc0_0a75_2027_0103, "accounts", &|b| {
        pipeline::run_accounts(b, &base)
    });
    assert!(refused * 10 >= count, "{refused} refused of {count}");
    assert!(read * 25 >= count, "{read} read of {count}");
}
