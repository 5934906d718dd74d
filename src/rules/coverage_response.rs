//! Rule `coverage-response` (cs-playbook, v3): staffing has a price. A segment's coverage is
//! the share of its CSM need the CSMs in post carry; the ARR of the books no CSM carries is at
//! risk, and so is the churned ARR a year those books hold. Every plan reports it, so that a
//! cut in the budget fit, or a month short, says what it leaves uncovered.
//!
//! With a claim, retention follows coverage. `cs_churn_reduction` r is the share of churn that
//! full coverage saves: month t + 1 churns at `m(t + 1) × (1 − r·c(t)) / (1 − r·c0)`, c0 being
//! the coverage of the team in post at the start, so the typed churn is today's at today's
//! coverage; staffing up lowers it, a shortfall raises it. `cs_expansion_share` s is the share
//! of expansion CS generates: `e × (1 − s·(1 − c(t))) / (1 − s·(1 − c0))`. With r = s = 0 the
//! projection does not depend on staffing.

use super::{RuleId, RuleInfo};
use crate::format::money;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::CoverageResponse,
    id: "coverage-response",
    source: "cs-playbook",
    figures: || {
        "coverage = min(1, CSMs carrying books × max_load / CSM need), ramping CSMs at their share; \
         ARR at risk = ARR × (1 − coverage) of the segments a CSM covers"
            .to_string()
    },
    summary: || {
        format!(
            "A segment's coverage in a month is the share of its CSM need that the CSMs in post carry: \
              min(1, (CSMs − the part of a book ramping CSMs do not yet carry) × max_load / need), the \
              team's coverage shared by every book a CSM covers, so that a month is short exactly when \
              coverage is under 1. The ARR of the uncovered share is at risk (arr_at_risk), and so is \
              the ARR its churn rate loses in a year (churned_arr_at_risk). Tech-touch segments, and \
              every segment before the stance's first-CSM gate is due, have none at risk. The table \
              says under the decision when any book goes uncovered. With cs_churn_reduction r, a \
              covered segment's month t + 1 churns at m(t + 1) × (1 − r·c(t)) / (1 − r·c0), c0 being \
              the start's coverage; with cs_expansion_share s it expands at e × (1 − s·(1 − c(t))) / \
              (1 − s·(1 − c0)); claims above {MAX_CLAIM} act as {MAX_CLAIM} here. The planner settles projection and \
              staffing in passes (at most {MAX_PASSES}), and reports what the months short cost by the horizon's end \
              (shortfall_arr_cost). Without a claim the projection is the typed one."
        )
    },
    kpis: None,
};

/// The largest claim the retention response takes (csplan default): with r = 1 and a fully
/// covered start, `1 − r·c0` is 0 and a shortfall would multiply churn without bound. At 0.9
/// an uncovered book churns at most ten times its typed rate. ROI keeps the claim as typed.
pub const MAX_CLAIM: f64 = 0.9;

/// Passes of projection and staffing at most (csplan default): each pass projects with the
/// coverage of the pass before. Plans settle in two or three.
pub const MAX_PASSES: usize = 6;

/// Coverage that moves less than this in every month from one pass to the next has settled.
pub const SETTLED: f64 = 1e-6;

/// The factor on monthly churn at coverage `c` with `r = cs_churn_reduction`, relative to the
/// start's coverage `c0`: `(1 − r·c) / (1 − r·c0)`. 1 when `c = c0` or `r = 0`.
pub fn churn_factor(r: f64, c: f64, c0: f64) -> f64 {
    let r = r.clamp(0.0, MAX_CLAIM);
    (1.0 - r * c) / (1.0 - r * c0)
}

/// The factor on monthly expansion at coverage `c` with `s = cs_expansion_share`, relative to
/// `c0`: `(1 − s·(1 − c)) / (1 − s·(1 − c0))`. 1 when `c = c0` or `s = 0`.
pub fn expansion_factor(s: f64, c: f64, c0: f64) -> f64 {
    let s = s.clamp(0.0, MAX_CLAIM);
    (1.0 - s * (1.0 - c)) / (1.0 - s * (1.0 - c0))
}

/// Coverage of a CSM need by `carrying` FTE of CSMs at `max_load`: 1 with no need.
pub fn coverage(carrying: f64, need: f64, max_load: f64) -> f64 {
    if need <= 1e-9 {
        1.0
    } else {
        (carrying.max(0.0) * max_load / need).clamp(0.0, 1.0)
    }
}

/// The FTE of books no CSM carries: `need × (1 − coverage)`.
pub fn uncovered(carrying: f64, need: f64, max_load: f64) -> f64 {
    need.max(0.0) * (1.0 - coverage(carrying, need, max_load))
}

/// ARR at risk in a book of `arr` at `coverage`.
pub fn at_risk(arr: f64, coverage: f64) -> f64 {
    arr * (1.0 - coverage).max(0.0)
}

/// The line under the decision: `books uncovered in 3 of 24 months from 2027-01; at most 0.61 of
/// 3.01 FTE of books in 2027-03: $646,442 ARR at risk, $77,776 of it churning a year`.
#[allow(clippy::too_many_arguments)]
pub fn decision_line(
    months: usize,
    of: usize,
    from: &str,
    uncovered: f64,
    books: f64,
    most_at: &str,
    arr: f64,
    churning: f64,
    currency: &str,
) -> String {
    format!(
        "books uncovered in {months} of {of} months from {from}; at most {} of {} FTE of books in {most_at}: {} \
         ARR at risk, {} of it churning a year (coverage-response)",
        crate::format::fte(uncovered),
        crate::format::fte(books),
        money(arr, currency),
        money(churning, currency)
    )
}

/// What the months short cost, added to [`decision_line`] with a claim set: `the books uncovered
/// cost $123,456 of ARR by 2028-12 against every book covered (cs_churn_reduction 0.2)`.
pub fn shortfall_words(cost: f64, by: &str, claims: &str, currency: &str) -> String {
    format!(
        "the books uncovered cost {} of ARR by {by} against every book covered ({claims})",
        money(cost, currency)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_at_max_load_covers_its_books() {
        // 2 CSMs at 1.2 carry a need of 2.4 FTE in full, and 2.5 at 96%.
        assert_eq!(coverage(2.0, 2.4, 1.2), 1.0);
        assert!((coverage(2.0, 2.5, 1.2) - 0.96).abs() < 1e-12);
        assert_eq!(coverage(0.0, 3.0, 1.2), 0.0);
        assert_eq!(coverage(0.0, 0.0, 1.2), 1.0);
        // $10M of books at 80% coverage: $2M at risk.
        assert!((at_risk(10e6, 0.8) - 2e6).abs() < 1e-6);
        assert_eq!(at_risk(10e6, 1.0), 0.0);
    }

    #[test]
    fn churn_follows_coverage_relative_to_the_start() {
        // r = 0.5. A team with nobody at the start (c0 = 0): full coverage halves churn.
        assert!((churn_factor(0.5, 1.0, 0.0) - 0.5).abs() < 1e-12);
        assert_eq!(churn_factor(0.5, 0.0, 0.0), 1.0);
        // A fully covered start (c0 = 1): books half uncovered churn at (1 − 0.25)/(1 − 0.5) = 1.5×.
        assert!((churn_factor(0.5, 0.5, 1.0) - 1.5).abs() < 1e-12);
        assert_eq!(churn_factor(0.5, 1.0, 1.0), 1.0);
        // No claim: the typed churn whatever the coverage.
        assert_eq!(churn_factor(0.0, 0.3, 1.0), 1.0);
        // A claim of 1 is taken at 0.9: an uncovered book churns ten times its typed rate.
        assert!((churn_factor(1.0, 0.0, 1.0) - 10.0).abs() < 1e-9);
    }

    #[test]
    fn expansion_follows_coverage_relative_to_the_start() {
        // s = 0.5, c0 = 1: no coverage halves expansion; c0 = 0: full coverage doubles it.
        assert!((expansion_factor(0.5, 0.0, 1.0) - 0.5).abs() < 1e-12);
        assert!((expansion_factor(0.5, 1.0, 0.0) - 2.0).abs() < 1e-12);
        assert_eq!(expansion_factor(0.0, 0.2, 0.9), 1.0);
        assert_eq!(expansion_factor(0.4, 0.7, 0.7), 1.0);
    }
}
