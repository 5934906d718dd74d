//! What a large base costs through the whole program: a 10,000-segment × 120-month base parsed
//! alone, then `csplan check`, the table, JSON and CSV, each run as its own process, and `diff`
//! of two saved 2,000-segment × 120-month plans. Each process's wall time and peak memory
//! (maximum resident set) come from `/usr/bin/time`; without it, only the time.
//!
//! Parse alone is measured three ways, and each command against each: the `toml` crate into
//! plain structs (a derived `Deserialize` of the generator's keys, no checks), in this process,
//! the fastest of back-to-back parses: the least reading this file can cost; csplan's own
//! reader in this process, likewise; and csplan's reader as a process of its own that reads
//! the file and stops (this benchmark run again with `--parse-only FILE`): what parsing costs
//! each command, start and first touch of memory included. Every figure comes from one run.
//!
//! `--plain-only FILE` parses a file the plain way and stops, for counting its instructions
//! (`valgrind --tool=callgrind`) beside `--parse-only FILE` and the commands'.
//!
//! `cargo bench --bench scale` (add `-- SEGMENTS` for another base size); the README's
//! performance section shows the figures and the targets. `CSPLAN_BIN=path/to/csplan` measures
//! another build of the program (an older one, to compare). `CSPLAN_SCALE_KEEP=folder` writes
//! the bases and saved plans there and keeps them, to profile one command by hand.

mod support;

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The generator's base as plain structs: what the `toml` crate alone makes of the file.
#[derive(Deserialize)]
#[allow(dead_code)] // read only to be parsed
struct PlainBase {
    company: PlainCompany,
    team: PlainTeam,
    segment: Vec<PlainSegment>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainCompany {
    name: String,
    start: String,
    horizon_months: u32,
    hire_lead_months: u32,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainTeam {
    csm: u32,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainSegment {
    name: String,
    customers: f64,
    arpa: f64,
    annual_churn: f64,
    annual_expansion: f64,
    new_per_month: f64,
    new_growth: f64,
    term_months: u32,
    complexity: String,
    tickets_per_account_month: Option<f64>,
    onboarding_hours: Option<f64>,
}

/// Rounds of the measurements; each round measures every one once (so that a busy spell of
/// the shared machine weighs on all of them alike), and the fastest of each is shown.
const ROUNDS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--parse-only") {
        let file = args.get(at + 1).expect("--parse-only FILE");
        let bytes = std::fs::read(file).expect("the base read");
        let parsed = csplan::input::read_bytes(&bytes).expect("a valid base");
        std::hint::black_box(parsed);
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--plain-only") {
        let file = args.get(at + 1).expect("--plain-only FILE");
        let text = std::fs::read_to_string(file).expect("the base read");
        let parsed: PlainBase = toml::from_str(&text).expect("plain structs");
        std::hint::black_box(parsed);
        return;
    }
    let segments = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(10_000);
    let keep = std::env::var_os("CSPLAN_SCALE_KEEP").map(PathBuf::from);
    let dir = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("csplan-scale-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let base = dir.join("base.toml");
    let text = support::base_toml(segments, 120, 42);
    std::fs::write(&base, &text).expect("the base written");
    println!(
        "base: {segments} segments x 120 months, {:.1} MB of TOML",
        text.len() as f64 / 1e6
    );

    let file = base.to_str().expect("a UTF-8 path");
    let json = dir.join("plan.json");
    let csv = dir.join("plan.csv");
    let cases: [(&str, Vec<&str>, Option<&Path>); 4] = [
        ("check", vec!["check", file], None),
        ("plan (table)", vec!["plan", file], None),
        (
            "plan --format json",
            vec![
                "plan",
                file,
                "--format",
                "json",
                "-o",
                json.to_str().unwrap(),
            ],
            Some(&json),
        ),
        (
            "plan --format csv",
            vec!["plan", file, "--format", "csv", "-o", csv.to_str().unwrap()],
            Some(&csv),
        ),
    ];
    let mut plain = f64::INFINITY;
    let mut parse = f64::INFINITY;
    let this = std::env::current_exe().expect("the benchmark's own path");
    let own_process = [this.to_str().expect("a UTF-8 path"), "--parse-only", file];
    let mut parse_process: Option<Run> = None;
    let mut runs: Vec<Option<Run>> = cases.iter().map(|_| None).collect();
    for _ in 0..ROUNDS {
        // Parsed three times back to back: the later ones reuse the memory the first one
        // faulted in, the cheapest a parse gets, against which the commands are measured.
        for _ in 0..3 {
            let started = Instant::now();
            let parsed: PlainBase =
                toml::from_str(std::hint::black_box(&text)).expect("plain structs");
            std::hint::black_box(parsed);
            plain = plain.min(started.elapsed().as_secs_f64());
        }
        for _ in 0..3 {
            let started = Instant::now();
            let parsed = csplan::input::parse(std::hint::black_box(&text)).expect("a valid base");
            std::hint::black_box(parsed);
            parse = parse.min(started.elapsed().as_secs_f64());
        }
        keep_fastest(&mut parse_process, run(&own_process));
        for ((_, args, _), best) in cases.iter().zip(&mut runs) {
            keep_fastest(best, measure(args));
        }
    }
    let alone = parse_process.expect("measured");
    println!(
        "{:<28} {:>8.3} s  (toml into plain structs, in this process)",
        "parse, plain", plain
    );
    println!(
        "{:<28} {:>8.3} s  (csplan's reader, in this process)",
        "parse, csplan", parse
    );
    println!(
        "{:<28} {:>8.3} s  {:>32}  {}",
        "parse, csplan, own process",
        alone.seconds,
        "",
        alone.memory()
    );
    for ((name, _, output), run) in cases.iter().zip(runs) {
        let run = run.expect("measured");
        let size = output.map_or(String::new(), |p| {
            format!(", {:.1} MB written", file_size(p) as f64 / 1e6)
        });
        println!(
            "{name:<28} {:>8.3} s  {:>5.1}x plain {:>4.1}x csplan {:>4.1}x own  {}{size}",
            run.seconds,
            run.seconds / plain,
            run.seconds / parse,
            run.seconds / alone.seconds,
            run.memory()
        );
    }

    // Two saved plans of 2,000 segments: the same base under two stances.
    let small = dir.join("small.toml");
    std::fs::write(&small, support::base_toml(2_000, 120, 7)).expect("the base written");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    for (stance, out) in [("lean", &old), ("ahead", &new)] {
        let status = Command::new(binary())
            .args(["plan", small.to_str().unwrap(), "--stance", stance, "-o"])
            .arg(out)
            .status()
            .expect("csplan runs");
        assert!(status.success(), "saving the {stance} plan failed");
    }
    println!(
        "saved plans: 2000 segments x 120 months, {:.1} MB each",
        file_size(&old) as f64 / 1e6
    );
    let diff = ["diff", old.to_str().unwrap(), new.to_str().unwrap()];
    let run = (0..ROUNDS)
        .map(|_| measure(&diff))
        .min_by(|a, b| a.seconds.total_cmp(&b.seconds))
        .expect("at least one run");
    println!(
        "{:<28} {:>8.3} s  {}",
        "diff of two saved plans",
        run.seconds,
        run.memory()
    );
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The program measured: `CSPLAN_BIN`, else the one built with this benchmark.
fn binary() -> PathBuf {
    std::env::var_os("CSPLAN_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_csplan")),
        PathBuf::from,
    )
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// One process's cost: wall seconds and, with `/usr/bin/time`, peak memory in kB.
struct Run {
    seconds: f64,
    max_rss_kb: Option<u64>,
}

impl Run {
    fn memory(&self) -> String {
        self.max_rss_kb.map_or_else(
            || "peak memory unknown (no /usr/bin/time)".to_string(),
            |kb| format!("{:>6.1} MB peak", kb as f64 / 1024.0),
        )
    }
}

/// `best` becomes `run` when `run` is faster.
fn keep_fastest(best: &mut Option<Run>, run: Run) {
    if best.as_ref().is_none_or(|b| run.seconds < b.seconds) {
        *best = Some(run);
    }
}

/// One run of `csplan args` (its output discarded): its wall time and peak memory.
fn measure(args: &[&str]) -> Run {
    let mut command = vec![binary().to_str().expect("a UTF-8 path").to_string()];
    command.extend(args.iter().map(|a| a.to_string()));
    run(&command.iter().map(String::as_str).collect::<Vec<_>>())
}

/// One run of the program `command[0]` with the arguments after it, its output discarded.
fn run(command: &[&str]) -> Run {
    let (program, args) = command.split_first().expect("a program");
    let time = PathBuf::from("/usr/bin/time");
    let started = Instant::now();
    let (status, max_rss_kb) = if time.exists() {
        let output = Command::new(&time)
            .args(["-f", "%M"])
            .arg(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .output()
            .expect("/usr/bin/time runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let kb = stderr.lines().last().and_then(|l| l.trim().parse().ok());
        (output.status, kb)
    } else {
        let status = Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("the program runs");
        (status, None)
    };
    let seconds = started.elapsed().as_secs_f64();
    assert!(status.success(), "{} failed", command.join(" "));
    Run {
        seconds,
        max_rss_kb,
    }
}
