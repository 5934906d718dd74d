//! Planning time: each example, and synthetic bases of 100 to 10,000 segments over 12 to 120
//! months, to show that the cost grows linearly with segments × months.
//!
//! `cargo bench --bench plan`; the README's performance section shows the figures.

mod support;

use csplan::model::Base;
use csplan::{PlanOptions, plan};
use divan::Bencher;

fn main() {
    divan::main();
}

const EXAMPLES: &[&str] = &["seed", "growth", "series-b", "every-rule"];

fn example(name: &str) -> String {
    let path = format!("{}/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Parse and plan an example: what `csplan plan` does between reading the file and rendering.
#[divan::bench(args = EXAMPLES)]
fn example_parse_and_plan(bencher: Bencher, name: &str) {
    let text = example(name);
    bencher.bench(|| {
        let base = csplan::input::parse(divan::black_box(&text)).unwrap();
        plan(&base, &PlanOptions::default()).unwrap()
    });
}

/// Render an example's plan as the table `csplan plan` prints.
#[divan::bench(args = EXAMPLES)]
fn example_render_table(bencher: Bencher, name: &str) {
    let base = csplan::input::parse(&example(name)).unwrap();
    let plan = plan(&base, &PlanOptions::default()).unwrap();
    bencher.bench(|| csplan::render::render_table(divan::black_box(&plan)));
}

fn plan_synthetic(bencher: Bencher, segments: usize, months: u32) {
    let base: Base = support::base(segments, months, 42);
    bencher
        .counter(divan::counter::ItemsCount::new(segments * months as usize))
        .bench(|| plan(divan::black_box(&base), &PlanOptions::default()).unwrap());
}

/// Synthetic bases over 120 months: 100, 1,000 and 10,000 segments.
#[divan::bench(args = [100, 1_000, 10_000], sample_count = 20)]
fn segments_x_120_months(bencher: Bencher, segments: usize) {
    plan_synthetic(bencher, segments, 120);
}

/// 1,000 segments over 12 to 120 months.
#[divan::bench(args = [12, 30, 60, 120], sample_count = 20)]
fn months_x_1000_segments(bencher: Bencher, months: u32) {
    plan_synthetic(bencher, 1_000, months);
}

/// The projection alone (SPEC §3, contract-term cohorts included) of every segment of a
/// 10,000-segment base over 120 months (and the 3 months of hiring lead), sharing growth
/// curves between segments of the same growth rate as the planner does: the arithmetic core
/// under the whole plan.
#[divan::bench(sample_count = 20)]
fn projection_10000_segments_x_120_months(bencher: Bencher) {
    use csplan::projection::{growth_factors, project_with_growth};
    let base: Base = support::base(10_000, 120, 42);
    let mut curves = std::collections::HashMap::new();
    for s in &base.segments {
        curves
            .entry(s.new_growth.to_bits())
            .or_insert_with(|| growth_factors(s.new_growth, 123));
    }
    bencher
        .counter(divan::counter::ItemsCount::new(10_000 * 120usize))
        .bench(|| {
            base.segments
                .iter()
                .map(|s| project_with_growth(s, 123, &curves[&s.new_growth.to_bits()]))
                .collect::<Vec<_>>()
        });
}
