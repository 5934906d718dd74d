//! The cases made from files: one test per fixture (`bad/`, `bad-accounts/`, `regressions/`)
//! and one per output block of the README (`readme/`), so that one failing file or stale block
//! does not hide the others. A harness of its own ([libtest-mimic]) makes a test of each; the
//! usual test arguments work: `cargo test --test cases -- readme/`, `-- --list`.
//!
//! [libtest-mimic]: https://crates.io/crates/libtest-mimic

#[path = "../common/mod.rs"]
mod common;
mod fixtures;
#[path = "../pipeline/mod.rs"]
mod pipeline;
mod readme;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let mut trials = fixtures::trials();
    trials.extend(readme::trials());
    trials.push(readme::review_prose_trial());
    libtest_mimic::run(&args, trials).exit();
}
