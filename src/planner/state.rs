//! The projected state of the whole base, month by month: every segment's projection, its
//! resolved tier and capacity, and the totals the rules read.

use std::collections::HashMap;

use super::response::Factors;
use crate::model::{Base, Segment, Stance, Tier};
use crate::plan::SegmentSeries;
use crate::projection::{self, SegmentProjection};
use crate::rules::gates::GateState;
use crate::rules::{
    RuleId, accounts_per_csm, arr_per_csm, churn_alarm, from_usd, max_load, onboarding_demand,
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
    /// ARR at the start.
    pub start_arr: f64,
    /// ARR at the end of the last month projected.
    pub end_arr: f64,
    /// The first month whose ARR is not finite or past [`crate::MAX_ARR`], if any.
    pub arr_past_limit: Option<usize>,
    /// Logos, ARR and CSM need in FTE at the horizon's end.
    pub at_horizon: AtMonth,
    /// Revenue churn per month 0..=horizon (rule `churn-alarm`), for a segment whose churn
    /// passes the alarm in some month of the horizon; `None` for one whose churn never does.
    pub alarm_churn: Option<Vec<f64>>,
    /// The projected series the plan's per-segment rows are read from, when they are kept:
    /// whole ([`SegmentDetail::Series`]), or from the first month the last year's rows read
    /// ([`SegmentDetail::LastYear`]).
    pub series: Option<SegmentSeries>,
}

/// A segment's logos, ARR and CSM need at one month.
#[derive(Debug, Clone, Copy, Default)]
pub struct AtMonth {
    /// Logos.
    pub customers: f64,
    /// Run-rate ARR.
    pub arr: f64,
    /// CSM need in FTE.
    pub csm_need: f64,
}

/// What the state keeps of each segment beyond the sums the rules read.
#[derive(Debug, Clone, Copy)]
pub struct Keep {
    /// Months planned (the horizon, without the hiring lead).
    pub horizon: u32,
    /// What to keep for the plan's per-segment rows.
    pub segments: SegmentDetail,
}

/// What the state keeps for the plan's per-segment rows (`timeline[].segments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentDetail {
    /// Nothing.
    None,
    /// The series the rows of the horizon's last twelve months read (their months and the
    /// trailing year before them): what the last period of any length (a month, a quarter, a
    /// year) shows, and what the table reads.
    LastYear,
    /// Every segment's series, from which every row is read: some eighty megabytes for 10,000
    /// segments over 120 months, against about ten for the last year's rows.
    Series,
}

/// The first month of the last twelve of `horizon` (1 for a shorter horizon).
pub fn last_year_from(horizon: u32) -> u32 {
    horizon.saturating_sub(11).max(1)
}

/// Sums of every segment's flows, per month.
#[derive(Debug, Clone)]
pub struct Flows {
    /// ARR lost to churn.
    pub churned_arr: Vec<f64>,
    /// Expansion of retained ARR.
    pub expanded_arr: Vec<f64>,
    /// ARR of new logos.
    pub new_arr: Vec<f64>,
    /// Logos lost to churn.
    pub churned_logos: Vec<f64>,
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
    /// Of it, the ARR its churn rates lose in a year, per month (the churned ARR at risk when
    /// no CSM carries those books, rule `coverage-response`).
    pub covered_churn_per_year: Vec<f64>,
    /// Logos of the segments a CSM covers, per month.
    pub covered_customers: Vec<f64>,
    /// Support tickets a month (rule `support-demand`).
    pub tickets: Vec<f64>,
    /// Onboarding hours of the logos joining each month (rule `onboarding-demand`).
    pub onboarding_hours: Vec<f64>,
    /// Services revenue of the logos joining each month: new logos × `onboarding_fee`.
    pub services_revenue: Vec<f64>,
    /// A CSM may carry up to this times the rules' book (rule `max-load`).
    pub max_load: f64,
    /// Every segment's flows, summed per month.
    pub flows: Flows,
    /// The rescaling of a re-forecast, to project a segment again ([`BaseState::reproject`]).
    rescale: Option<projection::Rescale>,
    /// Rule `coverage-response`: the factors on the churn and expansion of every segment a CSM
    /// covers, from the staffing of the pass before; `None` in the first pass and without a
    /// claim.
    pub response: Option<Factors>,
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

    /// Adds one segment's terms, `A / arr_per_csm` and `C / accounts_per_csm` per month.
    fn add(&mut self, terms: &Capacity) {
        add(&mut self.by_arr, &terms.by_arr);
        add(&mut self.by_accounts, &terms.by_accounts);
    }

    /// Sets the terms to one segment's, computed once for the sums of its tier and of every
    /// served segment.
    fn set(&mut self, projection: &SegmentProjection, arr_per_csm: f64, accounts: f64) {
        self.by_arr.clear();
        self.by_arr
            .extend(projection.arr.iter().map(|&arr| arr / arr_per_csm));
        self.by_accounts.clear();
        self.by_accounts.extend(
            projection
                .customers
                .iter()
                .map(|&customers| customers / accounts),
        );
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

/// `sum[t] += values[t]` for every month.
fn add(sum: &mut [f64], values: &[f64]) {
    for (total, value) in sum.iter_mut().zip(values) {
        *total += value;
    }
}

/// `sum[t] += values[t] × factor` for every month.
fn add_times(sum: &mut [f64], values: &[f64], factor: f64) {
    for (total, value) in sum.iter_mut().zip(values) {
        *total += value * factor;
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
    #[cfg(test)]
    pub fn new(base: &'a Base, stance: Stance, months: u32, keep: Keep) -> Self {
        Self::rescaled(base, stance, months, None, keep, None)
    }

    /// [`BaseState::new`] with every segment's state rescaled at the end of one month (a
    /// re-forecast from actuals).
    pub fn rescaled(
        base: &'a Base,
        stance: Stance,
        months: u32,
        rescale: Option<projection::Rescale>,
        keep: Keep,
        response: Option<Factors>,
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
            covered_churn_per_year: vec![0.0; len],
            covered_customers: vec![0.0; len],
            tickets: vec![0.0; len],
            onboarding_hours: vec![0.0; len],
            services_revenue: vec![0.0; len],
            max_load: base.company.max_load,
            flows: Flows {
                churned_arr: vec![0.0; len],
                expanded_arr: vec![0.0; len],
                new_arr: vec![0.0; len],
                churned_logos: vec![0.0; len],
            },
            rescale,
            response,
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
        // One projection and one CSM need series, sized once and overwritten for each segment.
        let mut projection = SegmentProjection::default();
        let mut csm_need: Vec<f64> = Vec::with_capacity(len);
        let mut terms = Capacity::new(len);
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
            let response = match (&state.response, accounts_per_csm) {
                (Some(factors), Some(_)) => factors.as_response(),
                _ => projection::Response::NONE,
            };
            projection::project_into(segment, months, growth, rescale, response, &mut projection);
            let annual_churn = segment.annual_churn();
            let high_touch = matches!(tier, Tier::Enterprise | Tier::MidMarket)
                && segment.accounts_per_csm.is_none();
            let big = arpa_usd >= two_big_customers::BIG_CUSTOMER_ARPA_USD;
            let horizon = (keep.horizon as usize).min(len - 1);
            let accounts = accounts_per_csm.map(|(a, _)| a);
            let sums = &mut state.tiers[tier_index(tier)];
            sums.segments += 1;
            if sums.segments <= MAX_NAMED_SEGMENTS {
                if !sums.names.is_empty() {
                    sums.names.push_str(", ");
                }
                sums.names.push_str(&segment.name);
            }
            // Each sum adds the segment's month to it in file order, so every figure is the one
            // filtering the segments month by month would give; a pass per sum over whole
            // slices, which the compiler turns into vector code.
            let p = &projection;
            // The book size matched once, not every month, so that the months are one loop
            // the compiler turns into vector code.
            let need = |accounts: Option<f64>| {
                move |(&arr, &customers): (&f64, &f64)| {
                    arr_per_csm::csm_need(arr, customers, arr_per_csm, accounts).0
                }
            };
            let months = p.arr.iter().zip(&p.customers);
            csm_need.clear();
            match accounts {
                Some(accounts) => csm_need.extend(months.map(need(Some(accounts)))),
                None => csm_need.extend(months.map(need(None))),
            }
            add(&mut state.customers, &p.customers);
            add(&mut state.arr, &p.arr);
            add_times(&mut state.churned_arr_per_year, &p.arr, annual_churn);
            add(&mut state.csm_need, &csm_need);
            add(&mut state.flows.churned_arr, &p.churned_arr);
            add(&mut state.flows.expanded_arr, &p.expanded_arr);
            add(&mut state.flows.new_arr, &p.new_arr);
            add(&mut state.flows.churned_logos, &p.churned_logos);
            add_times(&mut state.tickets, &p.customers, tickets_per_account.0);
            add_times(
                &mut state.onboarding_hours,
                &p.new_logos,
                onboarding_hours.0,
            );
            add_times(
                &mut state.services_revenue,
                &p.new_logos,
                segment.onboarding_fee,
            );
            add(&mut sums.csm_need, &csm_need);
            if let Some(accounts) = accounts {
                add(&mut state.covered_arr, &p.arr);
                add_times(&mut state.covered_churn_per_year, &p.arr, annual_churn);
                add(&mut state.covered_customers, &p.customers);
                terms.set(p, arr_per_csm, accounts);
                sums.capacity.add(&terms);
                state.served.add(&terms);
            }
            if big {
                add(&mut sums.big_customers, &p.customers);
                add(&mut state.big_customers, &p.customers);
            }
            if high_touch {
                add(&mut sums.high_touch_customers, &p.customers);
            }
            if tier == Tier::MidMarket {
                for (largest, &arr) in state.largest_mid_market_arr.iter_mut().zip(&p.arr) {
                    *largest = largest.max(arr);
                }
            }
            let alarmed = p.churned_arr[1..=horizon]
                .iter()
                .zip(&p.arr[..horizon])
                .any(|(&churned, &before)| {
                    churn_alarm::churn_alarm(churn_alarm::revenue_churn(churned, before))
                });
            // The month-by-month churn is kept only for a segment the alarm names.
            let churn = alarmed.then(|| {
                (0..=horizon)
                    .map(|t| {
                        if t == 0 {
                            0.0
                        } else {
                            churn_alarm::revenue_churn(p.churned_arr[t], p.arr[t - 1])
                        }
                    })
                    .collect::<Vec<f64>>()
            });
            let past = |a: &f64| !a.is_finite() || *a > crate::MAX_ARR;
            // Every month within the limit, checked without a branch per month; the month past
            // it is looked for only when there is one.
            let within = p.arr.iter().fold(true, |within, &a| {
                within & (-f64::MAX..=crate::MAX_ARR).contains(&a)
            });
            // The series the rows read, copied from the month the first of them reads.
            let from = match keep.segments {
                SegmentDetail::None => None,
                SegmentDetail::LastYear => Some(SegmentSeries::first_read(last_year_from(
                    horizon as u32,
                )
                    as usize)),
                SegmentDetail::Series => Some(0),
            };
            let series = from.map(|from| SegmentSeries {
                name: segment.name.as_str().into(),
                from,
                customers: p.customers[from..].to_vec(),
                arr: p.arr[from..].to_vec(),
                csm_need: csm_need[from..].to_vec(),
                churned_arr: p.churned_arr[from..].to_vec(),
                expanded_arr: p.expanded_arr[from..].to_vec(),
                new_arr: p.new_arr[from..].to_vec(),
                annual_churn,
                covered: accounts.is_some(),
                coverage: None,
            });
            state.segments.push(Resolved {
                segment,
                tier,
                tier_given: segment.tier.is_some(),
                accounts_per_csm,
                annual_churn,
                tickets_per_account,
                onboarding_hours,
                start_arr: p.arr[0],
                end_arr: p.arr[len - 1],
                arr_past_limit: if within {
                    None
                } else {
                    p.arr.iter().position(past)
                },
                at_horizon: AtMonth {
                    customers: p.customers[horizon],
                    arr: p.arr[horizon],
                    csm_need: csm_need[horizon],
                },
                alarm_churn: churn,
                series,
            });
        }
        state
    }

    /// Segment `s` projected again over the state's months, with its CSM need per month: for
    /// the rare message that weighs every segment at one month, which the state does not keep.
    pub fn reproject(&self, s: &Resolved) -> (SegmentProjection, Vec<f64>) {
        let growth = projection::growth_factors(s.segment.new_growth, self.months);
        let mut p = projection::SegmentProjection::default();
        let response = match (&self.response, s.accounts_per_csm) {
            (Some(factors), Some(_)) => factors.as_response(),
            _ => projection::Response::NONE,
        };
        projection::project_into(
            s.segment,
            self.months,
            &growth,
            self.rescale,
            response,
            &mut p,
        );
        let need = p
            .arr
            .iter()
            .zip(&p.customers)
            .map(|(&arr, &customers)| {
                arr_per_csm::csm_need(
                    arr,
                    customers,
                    self.arr_per_csm,
                    s.accounts_per_csm.map(|(a, _)| a),
                )
                .0
            })
            .collect();
        (p, need)
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

    const KEEP: Keep = Keep {
        horizon: 36,
        segments: SegmentDetail::Series,
    };

    fn series<'s>(s: &'s Resolved) -> &'s SegmentSeries {
        s.series.as_ref().expect("kept")
    }

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
        let state = BaseState::new(&base, Stance::Ahead, 39, KEEP);
        let self_funding_arr = from_usd(self_funding_segment::SEGMENT_ARR_USD, 1.0);
        let mut early_seen = Vec::new();
        for t in 0..=39 {
            let needs = state.tier_needs(t, Stance::Ahead, 1.0);
            for &(tier, need, early) in &needs {
                let in_tier: Vec<&Resolved> =
                    state.segments.iter().filter(|s| s.tier == tier).collect();
                let naive: f64 = in_tier.iter().map(|s| series(s).csm_need[t]).sum();
                let high_touch: f64 = in_tier
                    .iter()
                    .filter(|s| {
                        matches!(s.tier, Tier::Enterprise | Tier::MidMarket)
                            && s.segment.accounts_per_csm.is_none()
                    })
                    .map(|s| series(s).customers[t])
                    .sum();
                let naive = max_load::loaded_need(naive, state.max_load, high_touch);
                assert_eq!(need.to_bits(), naive.to_bits(), "{tier} at {t}");
                let big =
                    |s: &&&Resolved| s.segment.arpa >= two_big_customers::BIG_CUSTOMER_ARPA_USD;
                let big: f64 = in_tier
                    .iter()
                    .filter(big)
                    .map(|s| series(s).customers[t])
                    .sum();
                let expected = if two_big_customers::two_big_customers(big) {
                    Some(RuleId::TwoBigCustomers)
                } else if tier == Tier::MidMarket
                    && in_tier.iter().any(|s| {
                        self_funding_segment::self_funding_segment(
                            series(s).arr[t],
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
                        by_arr += series(s).arr[t] / state.arr_per_csm;
                        by_accounts += series(s).customers[t] / accounts;
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
        let state = BaseState::new(&base, Stance::Balanced, 24, KEEP);
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
