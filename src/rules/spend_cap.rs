//! Rule `spend-cap` (first-cs-org step 10): CSM spend no more than 10% of ARR.

use super::{RuleId, RuleInfo};

/// csplan's default `[company] csm_spend_cap`: first-cs-org's "no more than 10% of ARR".
pub const DEFAULT_CAP: f64 = 0.10;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::SpendCap,
    id: "spend-cap",
    source: "first-cs-org (step 10)",
    figures: || {
        format!(
            "CSM spend at most {:.0}% of ARR (csm_spend_cap); first-cs-org also quotes 10–12 cents on the dollar",
            DEFAULT_CAP * 100.0
        )
    },
    summary: || {
        "Flags every period whose CSM loaded cost (annualised) exceeds the cap as a share of ARR, and \
              says once what the cap would need to be, or the accounts per CSM that would fit it. Never \
              drops a hire the need calls for; `plan --fail-over-cap` turns the flag into exit code 1.".to_string()
    },
    kpis: None,
};

/// `csm × csm loaded cost / ARR`: CSM spend as a share of ARR (annualised). `None` when there
/// are CSMs but no ARR (no ratio exists, and it is over any cap); 0 with neither.
pub fn csm_spend_ratio(csms: u32, csm_loaded: f64, arr: f64) -> Option<f64> {
    let cost = f64::from(csms) * csm_loaded;
    if has_arr(arr) {
        Some(cost / arr)
    } else if cost > 0.0 {
        None
    } else {
        Some(0.0)
    }
}

/// True when `arr` is ARR at all: less than half a unit prints as 0, and a ratio over it
/// (10^-18 of ARR made a cost ratio of 6.8 × 10^22) has no meaning.
pub fn has_arr(arr: f64) -> bool {
    arr >= 0.5
}

/// `numerator / denominator` when it is a figure csplan can print (within ±10^15), else
/// `None`.
pub fn bounded_ratio(numerator: f64, denominator: f64) -> Option<f64> {
    let ratio = numerator / denominator;
    (denominator > 0.0 && ratio.is_finite() && ratio.abs() <= crate::MAX_ARR).then_some(ratio)
}

/// Over the cap when the ratio exceeds it, or when there are CSMs and no ARR.
pub fn over_cap(ratio: Option<f64>, cap: f64) -> bool {
    ratio.is_none_or(|r| r > cap + 1e-12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_over_arr_that_prints_as_zero_are_none() {
        // ARR that prints as 0 is no ARR.
        assert_eq!(csm_spend_ratio(1, 90_000.0, 1e-18), None);
        assert_eq!(csm_spend_ratio(0, 90_000.0, 0.4), Some(0.0));
        assert_eq!(bounded_ratio(1.0, 4.0), Some(0.25));
        assert_eq!(bounded_ratio(1e16, 1.0), None);
        assert_eq!(bounded_ratio(1.0, 0.0), None);
    }

    #[test]
    fn spend_ratio_and_cap() {
        // 2 CSMs at $100k loaded on $1.5M ARR: 200k / 1.5M = 13.3% > 10%.
        let r = csm_spend_ratio(2, 100_000.0, 1_500_000.0);
        assert!((r.unwrap() - 0.1333).abs() < 1e-4);
        assert!(over_cap(r, 0.10));
        assert!(!over_cap(Some(0.10), 0.10));
        assert_eq!(csm_spend_ratio(0, 100_000.0, 0.0), Some(0.0));
        assert_eq!(csm_spend_ratio(1, 100_000.0, 0.0), None);
        assert!(over_cap(None, 0.10));
    }
}
