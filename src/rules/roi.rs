//! Rule `roi` (cs-playbook): what CS is claimed to save and generate, over what it costs.

use super::{RuleId, RuleInfo};

/// The keys that state a claim; without one, ROI is `null`.
pub const CLAIM_KEYS: &str = "[company] cs_churn_reduction and/or cs_expansion_share";

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::Roi,
    id: "roi",
    source: "cs-playbook",
    figures: || {
        "cs_churn_reduction and cs_expansion_share, both 0 (no claim) by default; cs-playbook: a $500k team \
         that saves $2M of churn and generates $1M of expansion returns 6:1"
            .to_string()
    },
    summary: || {
        "ROI = (churned ARR × cs_churn_reduction + expansion ARR × cs_expansion_share) / CS cost over \
              the same period. With neither claim set, ROI is null and the output says which keys to set: \
              typed expansion is never credited to CS by default.".to_string()
    },
    kpis: None,
};

/// ROI over a period; `None` without a claim or without CS cost.
pub fn roi(
    churned_arr: f64,
    expanded_arr: f64,
    churn_reduction: f64,
    expansion_share: f64,
    cs_cost: f64,
) -> Option<f64> {
    let claimed = churn_reduction > 0.0 || expansion_share > 0.0;
    // Within what csplan prints: a cost of a fraction of a unit gave ratios past 10^22.
    claimed
        .then(|| {
            super::spend_cap::bounded_ratio(
                churned_arr * churn_reduction + expanded_arr * expansion_share,
                cs_cost,
            )
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §4: CS cost $500k, churned ARR $4M × 0.5 = $2M, expansion $2M × 0.5 = $1M:
    /// (2M + 1M) / 0.5M = 6.0.
    #[test]
    fn worked_example_roi() {
        let roi = roi(4_000_000.0, 2_000_000.0, 0.5, 0.5, 500_000.0).unwrap();
        assert!((roi - 6.0).abs() < 1e-12);
    }

    #[test]
    fn no_claim_no_roi() {
        assert_eq!(roi(4_000_000.0, 2_000_000.0, 0.0, 0.0, 500_000.0), None);
        assert_eq!(roi(4_000_000.0, 2_000_000.0, 0.5, 0.0, 0.0), None);
    }
}
