//! `plan --within-budget` (rule `budget-fit`) against a plain `plan` of the same base: the fit
//! plans the rules' staffing, then the cap's, then the budget's (up to three passes), so it
//! should stay within a small multiple of a plain plan. The synthetic bases' cap is lowered and
//! a budget set so that both bind.
//!
//! `cargo bench --bench budget`; the README's "Fitting the plan to the budget" shows the figures.

mod support;

use csplan::model::Base;
use csplan::{PlanOptions, plan};
use divan::Bencher;

fn main() {
    divan::main();
}

/// A synthetic base whose CSM spend cap (3% of ARR) and budget both bind.
fn bound(segments: usize) -> Base {
    let mut base = support::base(segments, 120, 42);
    base.company.csm_spend_cap = 0.03;
    let plain = plan(&base, &PlanOptions::default()).unwrap();
    // Three quarters of the rules' plan's average yearly CS cost.
    let years = f64::from(plain.assumptions.horizon_months) / 12.0;
    base.company.cs_budget_per_year = Some(plain.totals.cs_cost as f64 / years * 0.75);
    base
}

const FITTED: PlanOptions = PlanOptions {
    months: None,
    stance: None,
    within_budget: true,
};

/// A plain plan of the base, for the ratio.
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn plain(bencher: Bencher, segments: usize) {
    let base = bound(segments);
    bencher.bench(|| plan(divan::black_box(&base), &PlanOptions::default()).unwrap());
}

/// The same base fitted to its cap and budget.
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn within_budget(bencher: Bencher, segments: usize) {
    let base = bound(segments);
    let fitted = plan(&base, &FITTED).unwrap();
    assert!(fitted.timeline.iter().all(|r| !r.over_cap));
    bencher.bench(|| plan(divan::black_box(&base), &FITTED).unwrap());
}
