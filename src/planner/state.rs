//! The projected state of the whole base, month by month: every segment's projection, its
//! resolved tier and capacity, and the totals the rules read.

use std::collections::HashMap;

use crate::model::{Base, Segment, Stance, Tier};
use crate::projection::{self, SegmentProjection};
use crate::rules::gates::GateState;
use crate::rules::{
    RuleId, accounts_per_csm, arr_per_csm, from_usd, max_load, onboarding_demand,
    self_funding_segment, support_demand, touch_model, two_big_customers,
};

/// Most segments a CSM hire names in its `segment` field; a tier with more counts the rest.
pub const MAX_NAMED_SEGMENTS: usize = 10;

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
    /// Support tickets per account per month, and true when it is csplan's default.
    pub tickets_per_account: (f64, bool),
    /// Onboarding hours per new logo, and true when it is csplan's default.
    pub onboarding_hours: (f64, bool),
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
    /// ARR of the segments a CSM covers, per month (rule `first-csm`).
    pub covered_arr: Vec<f64>,
    /// Logos of the segments a CSM covers, per month.
    pub covered_customers: Vec<f64>,
    /// Support tickets a month (rule `support-demand`).
    pub tickets: Vec<f64>,
    /// Onboarding hours of the logos joining each month (rule `onboarding-demand`).
    pub onboarding_hours: Vec<f64>,
    /// A CSM may carry up to this times the rules' book (rule `max-load`).
    pub max_load: f64,
    /// Per tier (in [`Tier::ALL`] order), sums over its segments.
    tiers: [TierSums; 4],
    /// Sums over every segment a CSM serves, for [`BaseState::binding_rule`] without a tier.
    served: Capacity,
    /// Logos in segments at $50k+ ARPA, per month.
    big_customers: Vec<f64>,
    /// ARR of the largest mid-market segment, per month.
    largest_mid_market_arr: Vec<f64>,
}

/// The two capacity rules' FTE, summed over segments, per month.
#[derive(Debug, Clone, Default)]
struct Capacity {
    /// `Σ A / arr_per_csm` (rule `arr-per-csm`).
    by_arr: Vec<f64>,
    /// `Σ C / accounts_per_csm` (rule `accounts-per-csm`).
    by_accounts: Vec<f64>,
}

/// One tier's segments, summed per month in file order so that each sum is the one the rules
/// would get by filtering the segments month by month, and computed once: a plan asks for them
/// every month and for every hire.
#[derive(Debug, Clone, Default)]
struct TierSums {
    /// Segments in the tier.
    segments: usize,
    /// Their names, joined for a hire's `segment` field (the first [`MAX_NAMED_SEGMENTS`]).
    names: String,
    /// CSM need in FTE.
    csm_need: Vec<f64>,
    /// Logos of its segments at $50k+ ARPA.
    big_customers: Vec<f64>,
    /// Logos of its enterprise and mid-market segments on rule-derived books, which no CSM
    /// carries past 50 of (rule `max-load`).
    high_touch_customers: Vec<f64>,
    /// Its served segments' capacity terms.
    capacity: Capacity,
}

impl Capacity {
    fn new(len: usize) -> Self {
        Self {
            by_arr: vec![0.0; len],
            by_accounts: vec![0.0; len],
        }
    }

    fn add(&mut self, projection: &SegmentProjection, arr_per_csm: f64, accounts: f64) {
        for (t, (by_arr, by_accounts)) in self
            .by_arr
            .iter_mut()
            .zip(self.by_accounts.iter_mut())
            .enumerate()
        {
            *by_arr += projection.arr[t] / arr_per_csm;
            *by_accounts += projection.customers[t] / accounts;
        }
    }

    /// `accounts-per-csm` when accounts call for more CSMs than ARR, else `arr-per-csm`.
    fn binding(&self, t: usize) -> RuleId {
        if self.by_accounts[t] > self.by_arr[t] {
            RuleId::AccountsPerCsm
        } else {
            RuleId::ArrPerCsm
        }
    }
}

/// Position of `tier` in [`Tier::ALL`].
fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::Enterprise => 0,
        Tier::MidMarket => 1,
        Tier::Smb => 2,
        Tier::TechTouch => 3,
    }
}

impl<'a> BaseState<'a> {
    /// Projects every segment of `base` over `months` months under `stance`.
    pub fn new(base: &'a Base, stance: Stance, months: u32) -> Self {
        Self::rescaled(base, stance, months, None)
    }

    /// [`BaseState::new`] with every segment's state rescaled at the end of one month (a
    /// re-forecast from actuals).
    pub fn rescaled(
        base: &'a Base,
        stance: Stance,
        months: u32,
        rescale: Option<projection::Rescale>,
    ) -> Self {
        let usd_rate = base.company.usd_rate;
        let arr_per_csm = arr_per_csm::arr_per_csm(stance, usd_rate);
        let len = months as usize + 1;
        let mut state = BaseState {
            months,
            arr_per_csm,
            segments: Vec::with_capacity(base.segments.len()),
            customers: vec![0.0; len],
            arr: vec![0.0; len],
            churned_arr_per_year: vec![0.0; len],
            csm_need: vec![0.0; len],
            covered_arr: vec![0.0; len],
            covered_customers: vec![0.0; len],
            tickets: vec![0.0; len],
            onboarding_hours: vec![0.0; len],
            max_load: base.company.max_load,
            tiers: std::array::from_fn(|_| TierSums {
                csm_need: vec![0.0; len],
                big_customers: vec![0.0; len],
                high_touch_customers: vec![0.0; len],
                capacity: Capacity::new(len),
                ..TierSums::default()
            }),
            served: Capacity::new(len),
            big_customers: vec![0.0; len],
            largest_mid_market_arr: vec![0.0; len],
        };
        // Segments often share a growth rate: one `powf` per rate and month, not per segment.
        let mut growth_by_rate: HashMap<u64, Vec<f64>> = HashMap::new();
        for segment in &base.segments {
            let arpa_usd = segment.arpa * usd_rate;
            let tier = segment
                .tier
                .unwrap_or_else(|| touch_model::touch_model(arpa_usd));
            let accounts_per_csm = accounts_per_csm::accounts_per_csm(
                tier,
                segment.complexity,
                segment.accounts_per_csm,
                segment.arpa,
                arr_per_csm,
            );
            let tickets_per_account = support_demand::tickets_per_account(
                segment.tickets_per_account_month,
                tier,
                segment.complexity,
            );
            let onboarding_hours = onboarding_demand::hours_per_logo(
                segment.onboarding_hours,
                tier,
                segment.complexity,
            );
            let growth = growth_by_rate
                .entry(segment.new_growth.to_bits())
                .or_insert_with(|| projection::growth_factors(segment.new_growth, months));
            let projection = projection::project_rescaled(segment, months, growth, rescale);
            let annual_churn = segment.annual_churn();
            let csm_need: Vec<f64> = (0..len)
                .map(|t| {
                    arr_per_csm::csm_need(
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
            for t in 0..len {
                state.tickets[t] += projection.customers[t] * tickets_per_account.0;
                state.onboarding_hours[t] += projection.new_logos[t] * onboarding_hours.0;
                if accounts_per_csm.is_some() {
                    state.covered_arr[t] += projection.arr[t];
                    state.covered_customers[t] += projection.customers[t];
                }
            }
            let high_touch = matches!(tier, Tier::Enterprise | Tier::MidMarket)
                && segment.accounts_per_csm.is_none();
            let big = arpa_usd >= two_big_customers::BIG_CUSTOMER_ARPA_USD;
            let sums = &mut state.tiers[tier_index(tier)];
            sums.segments += 1;
            if sums.segments <= MAX_NAMED_SEGMENTS {
                if !sums.names.is_empty() {
                    sums.names.push_str(", ");
                }
                sums.names.push_str(&segment.name);
            }
            for (total, need) in sums.csm_need.iter_mut().zip(&csm_need) {
                *total += need;
            }
            if big {
                for (t, customers) in projection.customers.iter().enumerate() {
                    sums.big_customers[t] += customers;
                    state.big_customers[t] += customers;
                }
            }
            if high_touch {
                for (total, customers) in sums
                    .high_touch_customers
                    .iter_mut()
                    .zip(&projection.customers)
                {
                    *total += customers;
                }
            }
            if let Some((accounts, _)) = accounts_per_csm {
                sums.capacity.add(&projection, arr_per_csm, accounts);
                state.served.add(&projection, arr_per_csm, accounts);
            }
            if tier == Tier::MidMarket {
                for (largest, arr) in state.largest_mid_market_arr.iter_mut().zip(&projection.arr) {
                    *largest = largest.max(*arr);
                }
            }
            state.segments.push(Resolved {
                segment,
                tier,
                tier_given: segment.tier.is_some(),
                accounts_per_csm,
                annual_churn,
                tickets_per_account,
                onboarding_hours,
                projection,
                csm_need,
            });
        }
        state
    }

    /// What the first-CSM gates read at month `t`.
    pub fn gate_state(&self, t: usize) -> GateState {
        GateState {
            covered_arr: self.covered_arr[t],
            covered_customers: self.covered_customers[t],
            churned_arr_per_year: self.churned_arr_per_year[t],
            big_customers: self.big_customers[t],
            largest_mid_market_arr: self.largest_mid_market_arr[t],
        }
    }

    /// Each tier's CSM need at month `t` in CSMs at max_load (rule `max-load`), with the rule
    /// (ahead stance only) that gives it a dedicated CSM early: `two-big-customers` for a tier
    /// holding two customers at $50k+ ARPA, `self-funding-segment` for a mid-market tier with a
    /// segment at $300k ARR.
    pub fn tier_needs(
        &self,
        t: usize,
        stance: Stance,
        usd_rate: f64,
    ) -> Vec<(Tier, f64, Option<RuleId>)> {
        let self_funding_arr = from_usd(self_funding_segment::SEGMENT_ARR_USD, usd_rate);
        // Tech-touch segments need no CSM unless the file gives them `accounts_per_csm`; then
        // their need is staffed like any other (it is counted in `csm_need`).
        Tier::ALL
            .iter()
            .filter_map(|&tier| {
                let sums = &self.tiers[tier_index(tier)];
                if sums.segments == 0 {
                    return None;
                }
                let early = if stance != Stance::Ahead || tier == Tier::TechTouch {
                    None
                } else if two_big_customers::two_big_customers(sums.big_customers[t]) {
                    Some(RuleId::TwoBigCustomers)
                } else if tier == Tier::MidMarket
                    && self_funding_segment::self_funding_segment(
                        self.largest_mid_market_arr[t],
                        self_funding_arr,
                    )
                {
                    // The largest mid-market segment pays for its CSM exactly when any does.
                    Some(RuleId::SelfFundingSegment)
                } else {
                    None
                };
                let need = max_load::loaded_need(
                    sums.csm_need[t],
                    self.max_load,
                    sums.high_touch_customers[t],
                );
                Some((tier, need, early))
            })
            .collect()
    }

    /// Names of the segments whose ARPA is at least $50k: the large accounts of
    /// `two-big-customers`.
    pub fn big_segment_names(&self, usd_rate: f64) -> String {
        let names: Vec<&str> = self
            .segments
            .iter()
            .filter(|s| s.segment.arpa * usd_rate >= two_big_customers::BIG_CUSTOMER_ARPA_USD)
            .map(|s| s.segment.name.as_str())
            .take(MAX_NAMED_SEGMENTS)
            .collect();
        names.join(", ")
    }

    /// The capacity rule that binds for the segments of `tier` (all segments when `None`) at
    /// month `t`: `accounts-per-csm` when accounts call for more CSMs than ARR, else
    /// `arr-per-csm`.
    pub fn binding_rule(&self, tier: Option<Tier>, t: usize) -> RuleId {
        match tier {
            Some(tier) => self.tiers[tier_index(tier)].capacity.binding(t),
            None => self.served.binding(t),
        }
    }

    /// Names of the segments in `tier`, joined for a hire's `segment` field: the first
    /// [`MAX_NAMED_SEGMENTS`], then how many more, so that a base of thousands of segments does
    /// not repeat thousands of names in every hire.
    pub fn segment_names(&self, tier: Tier) -> String {
        let sums = &self.tiers[tier_index(tier)];
        if sums.segments > MAX_NAMED_SEGMENTS {
            format!(
                "{} and {} more",
                sums.names,
                sums.segments - MAX_NAMED_SEGMENTS
            )
        } else {
            sums.names.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tier;

    /// A base with several segments per tier, big customers, a self-funding mid-market
    /// segment, a tech-touch segment with its own accounts per CSM, and growth.
    fn base() -> Base {
        let mut text =
            String::from("[company]\nname = \"T\"\nhorizon_months = 36\nstance = \"ahead\"\n");
        let segments = [
            ("E1", 3.0, 90_000.0, 0.4),
            ("M1", 14.0, 25_000.0, 1.0),
            ("S1", 120.0, 6_000.0, 3.0),
            ("E2", 0.0, 60_000.0, 0.1),
            ("M2", 30.0, 18_000.0, 0.5),
            ("T1", 900.0, 400.0, 20.0),
            ("S2", 60.0, 2_000.0, 0.0),
        ];
        for (name, customers, arpa, new) in segments {
            text.push_str(&format!(
                "[[segment]]\nname = \"{name}\"\ncustomers = {customers}\narpa = {arpa}\n\
                 annual_churn = 0.12\nannual_expansion = 0.08\nnew_per_month = {new}\n\
                 new_growth = 0.3\nterm_months = 12\n"
            ));
            if name == "T1" {
                text.push_str("accounts_per_csm = 2000\n");
            }
        }
        crate::input::parse(&text).unwrap()
    }

    /// The sums kept per tier are exactly what filtering the segments month by month gives.
    #[test]
    fn tier_sums_equal_filtering_the_segments() {
        let base = base();
        let state = BaseState::new(&base, Stance::Ahead, 39);
        let self_funding_arr = from_usd(self_funding_segment::SEGMENT_ARR_USD, 1.0);
        let mut early_seen = Vec::new();
        for t in 0..=39 {
            let needs = state.tier_needs(t, Stance::Ahead, 1.0);
            for &(tier, need, early) in &needs {
                let in_tier: Vec<&Resolved> =
                    state.segments.iter().filter(|s| s.tier == tier).collect();
                let naive: f64 = in_tier.iter().map(|s| s.csm_need[t]).sum();
                let high_touch: f64 = in_tier
                    .iter()
                    .filter(|s| {
                        matches!(s.tier, Tier::Enterprise | Tier::MidMarket)
                            && s.segment.accounts_per_csm.is_none()
                    })
                    .map(|s| s.projection.customers[t])
                    .sum();
                let naive = max_load::loaded_need(naive, state.max_load, high_touch);
                assert_eq!(need.to_bits(), naive.to_bits(), "{tier} at {t}");
                let big =
                    |s: &&&Resolved| s.segment.arpa >= two_big_customers::BIG_CUSTOMER_ARPA_USD;
                let big: f64 = in_tier
                    .iter()
                    .filter(big)
                    .map(|s| s.projection.customers[t])
                    .sum();
                let expected = if two_big_customers::two_big_customers(big) {
                    Some(RuleId::TwoBigCustomers)
                } else if tier == Tier::MidMarket
                    && in_tier.iter().any(|s| {
                        self_funding_segment::self_funding_segment(
                            s.projection.arr[t],
                            self_funding_arr,
                        )
                    })
                {
                    Some(RuleId::SelfFundingSegment)
                } else {
                    None
                };
                assert_eq!(early, expected, "{tier} at {t}");
                early_seen.extend(early);
            }
            assert_eq!(
                needs.len(),
                4,
                "enterprise, mid-market, smb, and tech-touch (its own accounts_per_csm)"
            );
            for tier in [
                None,
                Some(Tier::Enterprise),
                Some(Tier::Smb),
                Some(Tier::TechTouch),
            ] {
                let (mut by_arr, mut by_accounts) = (0.0, 0.0);
                for s in state
                    .segments
                    .iter()
                    .filter(|s| tier.is_none_or(|k| s.tier == k))
                {
                    if let Some((accounts, _)) = s.accounts_per_csm {
                        by_arr += s.projection.arr[t] / state.arr_per_csm;
                        by_accounts += s.projection.customers[t] / accounts;
                    }
                }
                let expected = if by_accounts > by_arr {
                    RuleId::AccountsPerCsm
                } else {
                    RuleId::ArrPerCsm
                };
                assert_eq!(state.binding_rule(tier, t), expected, "{tier:?} at {t}");
            }
        }
        assert!(early_seen.contains(&RuleId::TwoBigCustomers));
        assert!(early_seen.contains(&RuleId::SelfFundingSegment));
        assert_eq!(state.segment_names(Tier::MidMarket), "M1, M2");
    }

    /// A tier of more than ten segments names ten and counts the rest in a hire's `segment`.
    #[test]
    fn a_crowded_tier_is_named_by_count() {
        let mut text = String::from("[company]\nname = \"T\"\n");
        for i in 1..=MAX_NAMED_SEGMENTS + 2 {
            text.push_str(&format!(
                "[[segment]]\nname = \"S{i}\"\ncustomers = 150\narpa = 5000\nannual_churn = 0.1\n"
            ));
        }
        let base = crate::input::parse(&text).unwrap();
        let state = BaseState::new(&base, Stance::Balanced, 24);
        let named = "S1, S2, S3, S4, S5, S6, S7, S8, S9, S10 and 2 more";
        assert_eq!(state.segment_names(Tier::Smb), named);
        let plan = crate::plan(&base, &Default::default()).unwrap();
        assert!(
            plan.hires
                .iter()
                .any(|h| h.segment.as_deref() == Some(named)),
            "{:?}",
            plan.hires
        );
    }
}
