//! When the first dedicated CSM opens: `breakeven`, `first-csm`, `two-big-customers`,
//! `self-funding-segment`, combined by stance (SPEC §4's stance table).

use super::{RuleId, from_usd};
use crate::format::money;
use crate::model::Stance;

/// The state of the whole base at one month, as the gates read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GateState {
    /// Run-rate ARR.
    pub arr: f64,
    /// Logos.
    pub customers: f64,
    /// `Σ A_s · annual_churn_s`: ARR the base loses to churn in a year at today's rates.
    pub churned_arr_per_year: f64,
    /// Logos in segments whose ARPA is at least $50k.
    pub big_customers: f64,
    /// The largest mid-market segment ARR.
    pub largest_mid_market_arr: f64,
}

/// The seeds' dollar thresholds, in the plan currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Loaded annual cost of one CSM.
    pub csm_salary: f64,
    /// `first-csm`: $1M ARR.
    pub first_csm_arr: f64,
    /// `two-big-customers`: ARPA of a big customer, $50k.
    pub big_customer_arpa: f64,
    /// `self-funding-segment`: $300k segment ARR.
    pub self_funding_arr: f64,
}

/// `first-csm` (seed 001 FAQ): "around $1M ARR or 100 customers".
pub const FIRST_CSM_ARR_USD: f64 = 1_000_000.0;
/// `first-csm`: customer count.
pub const FIRST_CSM_CUSTOMERS: f64 = 100.0;
/// `two-big-customers` (seed 003): large accounts are "$50-$100k+ ARR".
pub const BIG_CUSTOMER_ARPA_USD: f64 = 50_000.0;
/// `self-funding-segment` (seed 003): "$300-$500k in customer revenue per segment", low end.
pub const SELF_FUNDING_ARR_USD: f64 = 300_000.0;

impl Thresholds {
    /// The thresholds for a plan whose currency is worth `usd_rate` dollars.
    pub fn new(csm_salary: f64, usd_rate: f64) -> Self {
        Self {
            csm_salary,
            first_csm_arr: from_usd(FIRST_CSM_ARR_USD, usd_rate),
            big_customer_arpa: from_usd(BIG_CUSTOMER_ARPA_USD, usd_rate),
            self_funding_arr: from_usd(SELF_FUNDING_ARR_USD, usd_rate),
        }
    }
}

/// Rule `breakeven` (seed 000): "Spending $90K into this hiring will only be relevant when you
/// believe to be at risk of loosing more than $90k of annual revenues from customer churn".
pub fn breakeven(state: &GateState, csm_salary: f64) -> bool {
    state.churned_arr_per_year >= csm_salary
}

/// `arr_at_breakeven = salary / weighted annual churn`; `None` without churn.
pub fn arr_at_breakeven(csm_salary: f64, weighted_annual_churn: f64) -> Option<f64> {
    // Churn so low that break-even lies past 10^15 (1e-12 a year gave 9 × 10^16) is never
    // reached: no figure, as with no churn at all.
    (weighted_annual_churn > 0.0)
        .then(|| csm_salary / weighted_annual_churn)
        .filter(|arr| *arr <= crate::MAX_ARR)
}

/// Rule `first-csm` (seed 001 FAQ): the first CSM "when they reach around $1M ARR or 100
/// customers".
pub fn first_csm(state: &GateState, first_csm_arr: f64) -> bool {
    state.arr >= first_csm_arr || state.customers >= FIRST_CSM_CUSTOMERS - 1e-9
}

/// Rule `two-big-customers` (seed 003): "hire one for the large accounts (say $50-$100k+ ARR)
/// as soon as you have Just Two Big Customers".
pub fn two_big_customers(big_customers: f64) -> bool {
    big_customers >= 2.0 - 1e-9
}

/// Rule `self-funding-segment` (seed 003): "hire one for the middle accounts as soon as that
/// resource can just pay for itself (e.g., say $300-$500k in customer revenue per segment)".
pub fn self_funding_segment(segment_arr: f64, self_funding_arr: f64) -> bool {
    segment_arr >= self_funding_arr
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
    let reason = match rule {
        RuleId::Breakeven if breakeven(state, t.csm_salary) => format!(
            "ARR lost to churn reaches {} a year, at least one CSM's loaded cost of {} (seed 000)",
            money(state.churned_arr_per_year, currency),
            money(t.csm_salary, currency)
        ),
        RuleId::FirstCsm if first_csm(state, t.first_csm_arr) => {
            if state.arr >= t.first_csm_arr {
                format!(
                    "ARR reaches {}, past seed 001's first CSM at about {}",
                    money(state.arr, currency),
                    money(t.first_csm_arr, currency)
                )
            } else {
                format!(
                    "{:.0} customers, past seed 001's first CSM at about 100",
                    state.customers.floor()
                )
            }
        }
        RuleId::TwoBigCustomers if two_big_customers(state.big_customers) => format!(
            "{:.0} customers at {}+ ARPA: seed 003 hires one as soon as there are two",
            state.big_customers.floor(),
            money(t.big_customer_arpa, currency)
        ),
        RuleId::SelfFundingSegment
            if self_funding_segment(state.largest_mid_market_arr, t.self_funding_arr) =>
        {
            format!(
                "a mid-market segment reaches {} ARR, enough to pay for its CSM (seed 003)",
                money(state.largest_mid_market_arr, currency)
            )
        }
        _ => return None,
    };
    Some(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(arr: f64, customers: f64, churned: f64) -> GateState {
        GateState {
            arr,
            customers,
            churned_arr_per_year: churned,
            big_customers: 0.0,
            largest_mid_market_arr: 0.0,
        }
    }

    /// SPEC §4: churn 10% a year, CSM $90k → $90,000 / 0.10 = $900,000; churn 5% → $1,800,000.
    #[test]
    fn worked_examples_breakeven_us() {
        assert_eq!(arr_at_breakeven(90_000.0, 0.10).unwrap().round(), 900_000.0);
        assert_eq!(
            arr_at_breakeven(90_000.0, 0.05).unwrap().round(),
            1_800_000.0
        );
        assert_eq!(arr_at_breakeven(90_000.0, 0.0), None);
    }

    /// SPEC §4: eu, churn 15%: €45,000 / 0.15 = €300,000.
    #[test]
    fn worked_example_breakeven_eu() {
        assert_eq!(arr_at_breakeven(45_000.0, 0.15).unwrap().round(), 300_000.0);
    }

    #[test]
    fn breakeven_holds_once_churned_arr_pays_a_salary() {
        assert!(!breakeven(&state(899_000.0, 10.0, 89_900.0), 90_000.0));
        assert!(breakeven(&state(900_000.0, 10.0, 90_000.0), 90_000.0));
    }

    #[test]
    fn stances_check_their_own_gates() {
        let t = Thresholds::new(90_000.0, 1.0);
        // $1.1M ARR at 5% churn: churned $55k < $90k, so lean waits; balanced opens on first-csm.
        let s = state(1_100_000.0, 50.0, 55_000.0);
        assert_eq!(first_csm_gate(Stance::Lean, &s, &t, "USD"), None);
        assert_eq!(
            first_csm_gate(Stance::Balanced, &s, &t, "USD").unwrap().0,
            RuleId::FirstCsm
        );
        // 100 customers open first-csm too.
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
        let t = Thresholds::new(36_000.0, 0.2);
        assert_eq!(t.first_csm_arr, 5_000_000.0);
        assert_eq!(t.self_funding_arr, 1_500_000.0);
    }
}
