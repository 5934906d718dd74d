//! Rule `head-of-cs` (first-cs-org steps 2, 11): at about five people one of them is promoted
//! to a director-level lead; by $5M ARR a head of CS who reports to the CEO is hired.

use super::{RuleId, RuleInfo, usd};
use crate::format::money;

/// first-cs-org step 2: "you likely have a team of 5 people in customer success" and "start to
/// look for a lead of all things success early on - likely a director / senior director level".
pub const PROMOTION_ORG_SIZE: u32 = 5;
/// first-cs-org step 11: "By a company's series B raise (say $5M in ARR) … A dedicated
/// executive - that reports to the CEO".
pub const HIRED_HEAD_ARR_USD: f64 = 5_000_000.0;
/// csplan default: the promoted lead has been in post this many months (nobody is promoted in
/// their first months).
pub const PROMOTION_TENURE_MONTHS: u32 = 6;
/// csplan default: no promotion when the hired head of CS starts within this many months of
/// it — one leadership change, not two.
pub const PROMOTION_SKIP_MONTHS: u32 = 6;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::HeadOfCs,
    id: "head-of-cs",
    source: "first-cs-org (steps 2, 11)",
    figures: || {
        format!(
            "a promotion at about {PROMOTION_ORG_SIZE} people in CS of someone in post {PROMOTION_TENURE_MONTHS} months \
             or more; a hired head of CS by {} ARR (Series B); no promotion when the hired head starts within \
             {PROMOTION_SKIP_MONTHS} months (csplan defaults for the tenure and the gap)",
            usd(HIRED_HEAD_ARR_USD)
        )
    },
    summary: "At about five people in CS, one of them (a CSM, or the onboarding lead) becomes the \
              director-level lead of all things success: a promotion (kind promotion), costed as the \
              difference in loaded cost (a team manager's salary, never less than the promoted person's), whose own book \
              is backfilled (kind backfill) — not an extra person at twice a CSM's cost. By $5M ARR a \
              dedicated head of CS who reports to the CEO is hired, always ahead, so that they start by \
              the month ARR reaches $5M. A [team] lead on staff is taken as the head of CS.",
    kpis: Some(super::LEAD_KPIS),
};

/// True once the CS org (CSMs, support, onboarding) reaches about five people.
pub fn promotion_due(org_size: u32) -> bool {
    org_size >= PROMOTION_ORG_SIZE
}

/// True once ARR reaches the hired head's threshold (in the plan currency).
pub fn hired_head_due(arr: f64, threshold: f64) -> bool {
    arr >= threshold
}

/// Why a hired head of CS: `at_start` when ARR was past the threshold at the start.
pub fn hire_reason(arr: f64, threshold: f64, when: &str, at_start: bool, currency: &str) -> String {
    if at_start {
        format!(
            "ARR is {} at the start, past first-cs-org's Series B at about {}: a head of CS who reports to the CEO, \
             as early as recruiting allows",
            money(arr, currency),
            money(threshold, currency)
        )
    } else {
        format!(
            "ARR reaches {} {when} (Series B, about {}): a head of CS who reports to the CEO starts by then",
            money(arr, currency),
            money(threshold, currency)
        )
    }
}

/// Why a promotion, and what it costs.
pub fn promotion_reason(
    org_size: u32,
    when: &str,
    from: &str,
    extra_cost: f64,
    backfilled: bool,
    currency: &str,
) -> String {
    let book = if backfilled {
        "the book is backfilled"
    } else {
        "the team is above its need, so the book needs no backfill"
    };
    format!(
        "the CS org reaches {org_size} people {when}: one {from} becomes the director-level lead (first-cs-org step 2), \
         {} a year more in loaded cost; {book}",
        money(extra_cost.max(0.0), currency)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promotion_at_five_and_a_hired_head_at_five_million() {
        assert!(!promotion_due(4));
        assert!(promotion_due(5));
        assert!(!hired_head_due(4_999_999.0, 5_000_000.0));
        assert!(hired_head_due(5_000_000.0, 5_000_000.0));
    }
}
