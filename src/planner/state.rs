//! The projected state of the whole base, month by month: every segment's projection, its
//! resolved tier and capacity, and the totals the rules read.

use crate::model::{Base, Segment, Stance, Tier};
use crate::projection::{self, SegmentProjection};
use crate::rules::gates::{self, GateState};
use crate::rules::{RuleId, capacity, from_usd};

/// A segment with its tier and capacity resolved.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// The segment as given.
    pub segment: &'a Segment,
    /// Tier used.
    pub tier: Tier,
    /// True when the file gave the tier.
    pub tier_given: bool,
    /// Accounts per CSM and the rule that set it (`None` for tech-touch).
    pub accounts_per_csm: Option<(f64, RuleId)>,
    /// Yearly churn implied by the monthly rate.
    pub annual_churn: f64,
    /// ARPA of at least $50k (rule `two-big-customers`).
    pub big: bool,
    /// Its projection over the planned months.
    pub projection: SegmentProjection,
    /// CSM need in FTE per month.
    pub csm_need: Vec<f64>,
}

/// The projected base over `months` months (index 0 is the start).
#[derive(Debug, Clone)]
pub struct BaseState<'a> {
    /// Months projected: the horizon plus the hiring lead.
    pub months: u32,
    /// ARR one CSM covers, in the plan currency.
    pub arr_per_csm: f64,
    /// Segments, in file order.
    pub segments: Vec<Resolved<'a>>,
    /// Logos per month.
    pub customers: Vec<f64>,
    /// ARR per month.
    pub arr: Vec<f64>,
    /// `Σ A_s · annual_churn_s` per month.
    pub churned_arr_per_year: Vec<f64>,
    /// CSM need in FTE per month.
    pub csm_need: Vec<f64>,
}

impl<'a> BaseState<'a> {
    /// Projects every segment of `base` over `months` months under `stance`.
    pub fn new(base: &'a Base, stance: Stance, months: u32) -> Self {
        let usd_rate = base.company.usd_rate;
        let arr_per_csm = capacity::arr_per_csm(stance, usd_rate);
        let len = months as usize + 1;
        let mut state = BaseState {
            months,
            arr_per_csm,
            segments: Vec::with_capacity(base.segments.len()),
            customers: vec![0.0; len],
            arr: vec![0.0; len],
            churned_arr_per_year: vec![0.0; len],
            csm_need: vec![0.0; len],
        };
        for segment in &base.segments {
            let arpa_usd = segment.arpa * usd_rate;
            let tier = segment
                .tier
                .unwrap_or_else(|| capacity::touch_model(arpa_usd));
            let accounts_per_csm =
                capacity::accounts_per_csm(tier, segment.complexity, segment.accounts_per_csm);
            let projection = projection::project(segment, months);
            let annual_churn = segment.annual_churn();
            let csm_need: Vec<f64> = (0..len)
                .map(|t| {
                    capacity::csm_need(
                        projection.arr[t],
                        projection.customers[t],
                        arr_per_csm,
                        accounts_per_csm.map(|(a, _)| a),
                    )
                    .0
                })
                .collect();
            let series = state
                .customers
                .iter_mut()
                .zip(state.arr.iter_mut())
                .zip(state.churned_arr_per_year.iter_mut())
                .zip(state.csm_need.iter_mut());
            for (t, (((customers, arr), churned), need)) in series.enumerate() {
                *customers += projection.customers[t];
                *arr += projection.arr[t];
                *churned += projection.arr[t] * annual_churn;
                *need += csm_need[t];
            }
            state.segments.push(Resolved {
                segment,
                tier,
                tier_given: segment.tier.is_some(),
                accounts_per_csm,
                annual_churn,
                big: arpa_usd >= gates::BIG_CUSTOMER_ARPA_USD,
                projection,
                csm_need,
            });
        }
        state
    }

    /// What the first-CSM gates read at month `t`.
    pub fn gate_state(&self, t: usize) -> GateState {
        let mut big_customers = 0.0;
        let mut largest_mid_market_arr: f64 = 0.0;
        for s in &self.segments {
            if s.big {
                big_customers += s.projection.customers[t];
            }
            if s.tier == Tier::MidMarket {
                largest_mid_market_arr = largest_mid_market_arr.max(s.projection.arr[t]);
            }
        }
        GateState {
            arr: self.arr[t],
            customers: self.customers[t],
            churned_arr_per_year: self.churned_arr_per_year[t],
            big_customers,
            largest_mid_market_arr,
        }
    }

    /// Each tier's CSM need at month `t`, with the rule (ahead stance only) that gives it a
    /// dedicated CSM early: `two-big-customers` for a tier holding two customers at $50k+ ARPA,
    /// `self-funding-segment` for a mid-market tier with a segment at $300k ARR.
    pub fn tier_needs(
        &self,
        t: usize,
        stance: Stance,
        usd_rate: f64,
    ) -> Vec<(Tier, f64, Option<RuleId>)> {
        let self_funding_arr = from_usd(gates::SELF_FUNDING_ARR_USD, usd_rate);
        // Tech-touch segments need no CSM unless the file gives them `accounts_per_csm`; then
        // their need is staffed like any other (it is counted in `csm_need`).
        Tier::ALL
            .iter()
            .filter_map(|&tier| {
                let in_tier: Vec<&Resolved> =
                    self.segments.iter().filter(|s| s.tier == tier).collect();
                if in_tier.is_empty() {
                    return None;
                }
                let need: f64 = in_tier.iter().map(|s| s.csm_need[t]).sum();
                let early = if stance == Stance::Ahead && tier != Tier::TechTouch {
                    let big: f64 = in_tier
                        .iter()
                        .filter(|s| s.big)
                        .map(|s| s.projection.customers[t])
                        .sum();
                    if gates::two_big_customers(big) {
                        Some(RuleId::TwoBigCustomers)
                    } else if tier == Tier::MidMarket
                        && in_tier.iter().any(|s| {
                            gates::self_funding_segment(s.projection.arr[t], self_funding_arr)
                        })
                    {
                        Some(RuleId::SelfFundingSegment)
                    } else {
                        None
                    }
                } else {
                    None
                };
                Some((tier, need, early))
            })
            .collect()
    }

    /// The capacity rule that binds for the segments of `tier` (all segments when `None`) at
    /// month `t`: `accounts-per-csm` when accounts call for more CSMs than ARR, else
    /// `arr-per-csm`.
    pub fn binding_rule(&self, tier: Option<Tier>, t: usize) -> RuleId {
        let (mut by_arr, mut by_accounts) = (0.0, 0.0);
        for s in self
            .segments
            .iter()
            .filter(|s| tier.is_none_or(|k| s.tier == k))
        {
            if let Some((accounts, _)) = s.accounts_per_csm {
                by_arr += s.projection.arr[t] / self.arr_per_csm;
                by_accounts += s.projection.customers[t] / accounts;
            }
        }
        if by_accounts > by_arr {
            RuleId::AccountsPerCsm
        } else {
            RuleId::ArrPerCsm
        }
    }

    /// Names of the segments in `tier`, joined for a hire's `segment` field: the first ten,
    /// then how many more.
    pub fn segment_names(&self, tier: Tier) -> String {
        const SHOWN: usize = 10;
        let names: Vec<&str> = self
            .segments
            .iter()
            .filter(|s| s.tier == tier)
            .map(|s| s.segment.name.as_str())
            .collect();
        let mut text = names[..names.len().min(SHOWN)].join(", ");
        if names.len() > SHOWN {
            text.push_str(&format!(" and {} more", names.len() - SHOWN));
        }
        text
    }
}
