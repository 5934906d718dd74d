//! Rule `first-csm` (cs-playbook): the first dedicated CSM at about $1M ARR or 100 customers,
//! counting only the logos (and their ARR) a CSM covers: tech-touch logos do not count.

use super::{RuleId, RuleInfo, usd};
use crate::format::{grouped, money};

/// cs-playbook FAQ: "around $1M ARR or 100 customers".
pub const ARR_USD: f64 = 1_000_000.0;
/// The customer count.
pub const CUSTOMERS: f64 = 100.0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::FirstCsm,
    id: "first-csm",
    source: "cs-playbook",
    figures: || {
        format!(
            "{} ARR or {CUSTOMERS} customers, in segments a CSM covers",
            usd(ARR_USD)
        )
    },
    summary: || {
        format!(
            "The first dedicated CSM at about {} ARR or {CUSTOMERS} customers. Counts only the logos and ARR \
             of segments a CSM covers: tech-touch logos, served by automation and support, do not count. \
             Opens the first CSM in the balanced and ahead stances.",
            usd(ARR_USD)
        )
    },
    kpis: Some(super::CSM_KPIS),
};

/// True when the CSM-covered base reaches the threshold.
pub fn first_csm(covered_arr: f64, covered_customers: f64, first_csm_arr: f64) -> bool {
    covered_arr >= first_csm_arr || covered_customers >= CUSTOMERS - 1e-9
}

/// Why the rule holds, or `None`.
pub fn reason(
    covered_arr: f64,
    covered_customers: f64,
    first_csm_arr: f64,
    currency: &str,
) -> Option<String> {
    if covered_arr >= first_csm_arr {
        Some(format!(
            "CSM-covered ARR reaches {}, past cs-playbook's first CSM at about {} (first-csm)",
            money(covered_arr, currency),
            money(first_csm_arr, currency)
        ))
    } else if first_csm(covered_arr, covered_customers, first_csm_arr) {
        Some(format!(
            "{} CSM-covered customers, past cs-playbook's first CSM at about {CUSTOMERS} (first-csm)",
            grouped(covered_customers.floor() as i64)
        ))
    } else {
        None
    }
}
