//! Rule `contract-term` (when-to-start, first-cs-org step 9): annual and multi-year contracts
//! delay churn to renewals. The projection ([`crate::projection`]) applies it.

use super::{RuleId, RuleInfo};

/// csplan's default `term_months`: monthly contracts.
pub const DEFAULT_TERM_MONTHS: u32 = 1;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::ContractTerm,
    id: "contract-term",
    source: "when-to-start, first-cs-org (step 9)",
    figures: || {
        format!("term_months: {DEFAULT_TERM_MONTHS} monthly (default), 12 annual, 24/36 multi-year")
    },
    summary: || {
        "Annual and multi-year contracts delay churn to renewals: the starting base renews evenly and \
              churns every month; a cohort won during the plan loses 1 − (1 − m)^term of its logos and \
              ARR at each renewal and nothing in between.".to_string()
    },
    kpis: None,
};
