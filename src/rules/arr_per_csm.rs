//! Rule `arr-per-csm` (2m-per-csm, grow-cs-team): ARR one CSM covers, and a segment's CSM need.

use super::{RuleId, RuleInfo, from_usd, usd};
use crate::model::Stance;

/// 2m-per-csm: "$2m ARR per Customer Success Manager" at scale.
pub const AT_SCALE_USD: f64 = 2_000_000.0;
/// 2m-per-csm: "one CSM per $1m per ARR or so, if you are growing reasonably quickly".
pub const GROWING_FAST_USD: f64 = 1_000_000.0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::ArrPerCsm,
    id: "arr-per-csm",
    source: "2m-per-csm, grow-cs-team",
    figures: || {
        format!(
            "{} ARR per CSM (lean, balanced); {} per CSM when hiring ahead of a fast-growing base (ahead)",
            usd(AT_SCALE_USD),
            usd(GROWING_FAST_USD)
        )
    },
    summary: || {
        format!(
            "One CSM per {} ARR at scale ({} when hiring ahead of a fast-growing base, stance ahead). A \
             segment's CSM need is the larger of ARR / arr_per_csm and customers / accounts_per_csm \
             (tech-touch: none).",
            usd(AT_SCALE_USD),
            usd(GROWING_FAST_USD)
        )
    },
    kpis: Some(super::CSM_KPIS),
};

/// ARR one CSM covers in US dollars under `stance`.
pub fn arr_per_csm_usd(stance: Stance) -> f64 {
    match stance {
        Stance::Lean | Stance::Balanced => AT_SCALE_USD,
        Stance::Ahead => GROWING_FAST_USD,
    }
}

/// ARR one CSM covers, in the plan currency.
pub fn arr_per_csm(stance: Stance, usd_rate: f64) -> f64 {
    from_usd(arr_per_csm_usd(stance), usd_rate)
}

/// One segment's CSM need in FTE, and which rule binds (SPEC §4):
/// `max(ARR / arr_per_csm, customers / accounts_per_csm)`; 0 for tech-touch (`None`).
pub fn csm_need(
    arr: f64,
    customers: f64,
    arr_per_csm: f64,
    accounts_per_csm: Option<f64>,
) -> (f64, RuleId) {
    let Some(accounts) = accounts_per_csm else {
        return (0.0, RuleId::TouchModel);
    };
    let by_arr = arr / arr_per_csm;
    let by_accounts = customers / accounts;
    if by_accounts > by_arr {
        (by_accounts, RuleId::AccountsPerCsm)
    } else {
        (by_arr, RuleId::ArrPerCsm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ahead_halves_arr_per_csm_and_converts_currency() {
        assert_eq!(arr_per_csm(Stance::Ahead, 1.0), 1_000_000.0);
        assert_eq!(arr_per_csm(Stance::Lean, 1.0), 2_000_000.0);
        // EUR at 1.25 USD: $2M is €1.6M.
        assert_eq!(arr_per_csm(Stance::Balanced, 1.25), 1_600_000.0);
    }

    #[test]
    fn tech_touch_needs_no_csm() {
        assert_eq!(csm_need(5_000_000.0, 10_000.0, 2_000_000.0, None).0, 0.0);
    }
}
