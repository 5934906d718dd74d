//! Rule `self-funding-segment` (2m-per-csm): a dedicated CSM for a mid-sized segment once its
//! ARR pays for one.

use super::{RuleId, RuleInfo, usd};
use crate::format::money;

/// 2m-per-csm: "$300-$500k in customer revenue per segment", the low end.
pub const SEGMENT_ARR_USD: f64 = 300_000.0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::SelfFundingSegment,
    id: "self-funding-segment",
    source: "2m-per-csm",
    figures: || {
        format!(
            "{} ARR in a mid-market segment (the low end of 2m-per-csm's $300–500k)",
            usd(SEGMENT_ARR_USD)
        )
    },
    summary: || {
        "In the ahead stance, a dedicated CSM for a mid-market segment once its ARR pays for one."
            .to_string()
    },
    kpis: Some(super::CSM_KPIS),
};

/// True once a segment's ARR pays for its CSM.
pub fn self_funding_segment(segment_arr: f64, self_funding_arr: f64) -> bool {
    segment_arr >= self_funding_arr
}

/// Why the rule holds.
pub fn reason(segment_arr: f64, currency: &str) -> String {
    format!(
        "a mid-market segment reaches {} ARR, enough to pay for its own CSM (self-funding-segment, 2m-per-csm)",
        money(segment_arr, currency)
    )
}
