//! When the first dedicated CSM opens: SPEC §4's stance table combines `breakeven`,
//! `first-csm`, `two-big-customers` and `self-funding-segment`. Each rule decides and words
//! its reason in its own file; this one only says which a stance checks, in order.

use super::{RuleId, breakeven, first_csm, from_usd, self_funding_segment, two_big_customers};
use crate::model::Stance;

/// The state of the whole base at one month, as the gates read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GateState {
    /// Run-rate ARR of the segments a CSM covers.
    pub covered_arr: f64,
    /// Logos of the segments a CSM covers.
    pub covered_customers: f64,
    /// `Σ A_s · annual_churn_s`: ARR the base loses to churn in a year at today's rates.
    pub churned_arr_per_year: f64,
    /// Logos in segments whose ARPA is at least $50k.
    pub big_customers: f64,
    /// The largest mid-market segment ARR.
    pub largest_mid_market_arr: f64,
}

/// The sources' dollar thresholds, in the plan currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Loaded annual cost of one CSM.
    pub csm_loaded: f64,
    /// `first-csm`: $1M ARR.
    pub first_csm_arr: f64,
    /// `two-big-customers`: ARPA of a big customer, $50k.
    pub big_customer_arpa: f64,
    /// `self-funding-segment`: $300k segment ARR.
    pub self_funding_arr: f64,
}

impl Thresholds {
    /// The thresholds for a plan whose currency is worth `usd_rate` dollars.
    pub fn new(csm_loaded: f64, usd_rate: f64) -> Self {
        Self {
            csm_loaded,
            first_csm_arr: from_usd(first_csm::ARR_USD, usd_rate),
            big_customer_arpa: from_usd(two_big_customers::BIG_CUSTOMER_ARPA_USD, usd_rate),
            self_funding_arr: from_usd(self_funding_segment::SEGMENT_ARR_USD, usd_rate),
        }
    }
}

/// The gate rules each stance checks for the first CSM, in order.
pub fn gate_rules(stance: Stance) -> &'static [RuleId] {
    match stance {
        Stance::Lean => &[RuleId::Breakeven],
        Stance::Balanced => &[RuleId::Breakeven, RuleId::FirstCsm],
        Stance::Ahead => &[
            RuleId::Breakeven,
            RuleId::FirstCsm,
            RuleId::TwoBigCustomers,
            RuleId::SelfFundingSegment,
        ],
    }
}

/// The first gate rule of `stance` that holds in `state`, with a sentence saying why.
pub fn first_csm_gate(
    stance: Stance,
    state: &GateState,
    t: &Thresholds,
    currency: &str,
) -> Option<(RuleId, String)> {
    gate_rules(stance)
        .iter()
        .find_map(|&rule| gate_reason(rule, state, t, currency).map(|why| (rule, why)))
}

/// Why gate `rule` holds in `state`, or `None` when it does not.
pub fn gate_reason(
    rule: RuleId,
    state: &GateState,
    t: &Thresholds,
    currency: &str,
) -> Option<String> {
    match rule {
        RuleId::Breakeven if breakeven::breakeven(state.churned_arr_per_year, t.csm_loaded) => {
            Some(breakeven::reason(
                state.churned_arr_per_year,
                t.csm_loaded,
                currency,
            ))
        }
        RuleId::FirstCsm => first_csm::reason(
            state.covered_arr,
            state.covered_customers,
            t.first_csm_arr,
            currency,
        ),
        RuleId::TwoBigCustomers if two_big_customers::two_big_customers(state.big_customers) => {
            Some(two_big_customers::reason(
                state.big_customers,
                t.big_customer_arpa,
                currency,
            ))
        }
        RuleId::SelfFundingSegment
            if self_funding_segment::self_funding_segment(
                state.largest_mid_market_arr,
                t.self_funding_arr,
            ) =>
        {
            Some(self_funding_segment::reason(
                state.largest_mid_market_arr,
                currency,
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(arr: f64, customers: f64, churned: f64) -> GateState {
        GateState {
            covered_arr: arr,
            covered_customers: customers,
            churned_arr_per_year: churned,
            big_customers: 0.0,
            largest_mid_market_arr: 0.0,
        }
    }

    #[test]
    fn stances_check_their_own_gates() {
        let t = Thresholds::new(100_000.0, 1.0);
        // $1.1M ARR at 5% churn: churned $55k < $100k, so lean waits; balanced opens on first-csm.
        let s = state(1_100_000.0, 50.0, 55_000.0);
        assert_eq!(first_csm_gate(Stance::Lean, &s, &t, "USD"), None);
        assert_eq!(
            first_csm_gate(Stance::Balanced, &s, &t, "USD").unwrap().0,
            RuleId::FirstCsm
        );
        // 100 covered customers open first-csm too.
        let s = state(200_000.0, 100.0, 10_000.0);
        assert_eq!(
            first_csm_gate(Stance::Balanced, &s, &t, "USD").unwrap().0,
            RuleId::FirstCsm
        );
        // Two big customers open only in ahead.
        let mut s = state(200_000.0, 4.0, 10_000.0);
        s.big_customers = 2.0;
        assert_eq!(first_csm_gate(Stance::Balanced, &s, &t, "USD"), None);
        assert_eq!(
            first_csm_gate(Stance::Ahead, &s, &t, "USD").unwrap().0,
            RuleId::TwoBigCustomers
        );
        let mut s = state(310_000.0, 20.0, 10_000.0);
        s.largest_mid_market_arr = 310_000.0;
        assert_eq!(
            first_csm_gate(Stance::Ahead, &s, &t, "USD").unwrap().0,
            RuleId::SelfFundingSegment
        );
    }

    #[test]
    fn thresholds_convert_from_dollars() {
        // BRL at 0.2 USD: $1M is R$5M.
        let t = Thresholds::new(40_000.0, 0.2);
        assert_eq!(t.first_csm_arr, 5_000_000.0);
        assert_eq!(t.self_funding_arr, 1_500_000.0);
    }
}
