//! Plans one synthetic base once and prints how long it took: the program to run under
//! `valgrind --tool=callgrind`, whose instruction counts repeat exactly where wall-clock times
//! on a shared machine do not.
//!
//! `cargo bench --bench once -- SEGMENTS MONTHS` (default 1000 120), or after a build:
//! `valgrind --tool=callgrind target/release/deps/once-* 10000 120`, then
//! `callgrind_annotate --inclusive=yes callgrind.out.*` and read `csplan::planner::plan`.

mod support;

fn main() {
    // `cargo bench` passes `--bench`; only numbers are ours.
    let numbers: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let segments = numbers.first().copied().unwrap_or(1_000) as usize;
    let months = numbers.get(1).copied().unwrap_or(120) as u32;
    let base = support::base(segments, months, 42);
    let started = std::time::Instant::now();
    let plan = csplan::plan(&base, &csplan::PlanOptions::default()).expect("a plan");
    let took = started.elapsed();
    println!(
        "planned {segments} segments x {months} months in {:.1} ms: {} hires, {} rows",
        took.as_secs_f64() * 1e3,
        plan.hires.len(),
        plan.timeline.len()
    );
}
