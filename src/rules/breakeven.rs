//! Rule `breakeven` (when-to-start): a full-time CSM pays for itself once the ARR lost to churn
//! per year reaches one CSM's loaded cost.

use super::{RuleId, RuleInfo};
use crate::format::money;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::Breakeven,
    id: "breakeven",
    source: "when-to-start",
    figures: || {
        use super::regional_salary::{US_CSM, US_LOAD_FACTOR};
        format!(
            "one CSM's loaded cost (rule regional-salary: us {} salary × load factor {:.4} = {})",
            super::usd(US_CSM),
            US_LOAD_FACTOR,
            super::usd(US_CSM * US_LOAD_FACTOR)
        )
    },
    summary: || {
        "A full-time CSM pays for itself once the ARR lost to churn per year (Σ ARR × annual churn) \
              reaches one CSM's loaded cost; before that CS is part-time or shared (founders, sales, \
              product). Reports arr_at_breakeven = loaded cost / weighted annual churn: $100,000 at 10% \
              churn, $1,000,000. Opens the first CSM in every stance.".to_string()
    },
    kpis: Some(super::CSM_KPIS),
};

/// when-to-start: "Spending $90K into this hiring will only be relevant when you believe to be
/// at risk of loosing more than $90k of annual revenues from customer churn" — with the CSM's
/// loaded cost in place of the salary.
pub fn breakeven(churned_arr_per_year: f64, csm_loaded: f64) -> bool {
    churned_arr_per_year >= csm_loaded
}

/// `arr_at_breakeven = loaded cost / weighted annual churn`; `None` without churn.
pub fn arr_at_breakeven(csm_loaded: f64, weighted_annual_churn: f64) -> Option<f64> {
    // Churn so low that break-even lies past 10^15 (1e-12 a year gave 9 × 10^16) is never
    // reached: no figure, as with no churn at all.
    (weighted_annual_churn > 0.0)
        .then(|| csm_loaded / weighted_annual_churn)
        .filter(|arr| *arr <= crate::MAX_ARR)
}

/// Why the rule holds.
pub fn reason(churned_arr_per_year: f64, csm_loaded: f64, currency: &str) -> String {
    format!(
        "ARR lost to churn reaches {} a year, at least one CSM's loaded cost of {} (breakeven, when-to-start)",
        money(churned_arr_per_year, currency),
        money(csm_loaded, currency)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::regional_salary::US_LOAD_FACTOR;

    /// SPEC §4: churn 10% a year, salary $90k, load_factor 1: $90,000 / 0.10 = $900,000; at the
    /// default load factor the loaded cost is 90,000 × 10/9 = $100,000: $1,000,000. Churn 5% at
    /// the default: 100,000 / 0.05 = $2,000,000.
    #[test]
    fn worked_examples_breakeven_us() {
        assert_eq!(arr_at_breakeven(90_000.0, 0.10).unwrap().round(), 900_000.0);
        let loaded = 90_000.0 * US_LOAD_FACTOR;
        assert_eq!(loaded.round(), 100_000.0);
        assert_eq!(arr_at_breakeven(loaded, 0.10).unwrap().round(), 1_000_000.0);
        assert_eq!(arr_at_breakeven(loaded, 0.05).unwrap().round(), 2_000_000.0);
        assert_eq!(arr_at_breakeven(loaded, 0.0), None);
    }

    /// SPEC §4: eu, churn 15%, load_factor 1: €45,000 / 0.15 = €300,000.
    #[test]
    fn worked_example_breakeven_eu() {
        assert_eq!(arr_at_breakeven(45_000.0, 0.15).unwrap().round(), 300_000.0);
    }

    #[test]
    fn holds_once_churned_arr_pays_a_loaded_cost() {
        assert!(!breakeven(99_900.0, 100_000.0));
        assert!(breakeven(100_000.0, 100_000.0));
    }
}
