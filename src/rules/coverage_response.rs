//! Rule `coverage-response` (cs-playbook, v3): staffing has a price. A segment's coverage is
//! the share of its CSM need the CSMs in post carry; the ARR of the books no CSM carries is at
//! risk, and so is the churned ARR a year those books hold. Every plan reports it, so that a
//! cut in the budget fit, or a month short, says what it leaves uncovered.
//!
//! The response of churn and expansion to coverage (with `cs_churn_reduction` /
//! `cs_expansion_share`) is not modelled yet: the projection is the typed one.

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
    summary: "A segment's coverage in a month is the share of its CSM need that the CSMs in post carry: \
              min(1, (CSMs − the part of a book ramping CSMs do not yet carry) × max_load / need), the \
              team's coverage shared by every book a CSM covers, so that a month is short exactly when \
              coverage is under 1. The ARR of the uncovered share is at risk (arr_at_risk), and so is \
              the ARR its churn rate loses in a year (churned_arr_at_risk). Tech-touch segments, and \
              every segment before the stance's first-CSM gate is due, have none at risk. The table \
              says under the decision when any book goes uncovered. Not yet applied: the response of \
              churn and expansion to coverage that cs_churn_reduction and cs_expansion_share claim; the \
              projection is the typed one.",
    kpis: None,
};

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
}
