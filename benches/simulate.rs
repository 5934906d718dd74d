//! Simulation time: 10,000 runs of a 10-segment, 24-month base with ranges (the issue's
//! target: under one second on a 2-core machine), on every core and on one.
//!
//! `cargo bench --bench simulate`; the README's performance section shows the figures.

mod support;

use csplan::simulate::{SimulationOptions, simulate};
use divan::Bencher;

fn main() {
    divan::main();
}

fn run(bencher: Bencher, runs: u32, threads: usize) {
    let base = support::ranged_base(10, 24, 42);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let options = SimulationOptions {
        runs,
        seed: 7,
        ..Default::default()
    };
    bencher
        .counter(divan::counter::ItemsCount::new(runs))
        .bench(|| pool.install(|| simulate(&base, &Default::default(), &options, &|| {}).unwrap()));
}

/// 10,000 runs of a 10-segment, 24-month base, on every core.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn runs_10000_x_10_segments_x_24_months(bencher: Bencher) {
    run(
        bencher,
        10_000,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
}

/// The same on one thread: the cost of one run, and what the threads add.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn runs_10000_x_10_segments_x_24_months_one_thread(bencher: Bencher) {
    run(bencher, 10_000, 1);
}
