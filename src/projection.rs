//! SPEC §3: the monthly customer and ARR model of one segment, with contract-term cohorts.
//!
//! Month 0 is the start state. Each month the starting base loses `m` of its logos and ARR and
//! its remaining ARR grows by `e`; new logos `N(t) = new_per_month × (1 + new_growth)^(t/12)`
//! join at `arpa`. Counts stay fractional here; outputs round them.

use crate::model::Segment;

/// Monthly churn `m = 1 − (1 − annual)^(1/12)` from a yearly rate in 0..=1.
pub fn monthly_from_annual(annual: f64) -> f64 {
    1.0 - (1.0 - annual).powf(1.0 / 12.0)
}

/// Monthly expansion `e = (1 + annual)^(1/12) − 1` from a yearly rate.
pub fn monthly_expansion(annual: f64) -> f64 {
    (1.0 + annual).powf(1.0 / 12.0) - 1.0
}

/// New logos joining during month `t + 1` (SPEC's `N(t)`, t = 0, 1, …).
pub fn new_logos(segment: &Segment, t: u32) -> f64 {
    if segment.new_growth == 0.0 {
        // 1^x = 1 exactly: the same number without a `powf` per month.
        return segment.new_per_month;
    }
    segment.new_per_month * (1.0 + segment.new_growth).powf(f64::from(t) / 12.0)
}

/// One segment's state at the end of each month; index 0 is the start state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentProjection {
    /// Logos `C(t)`.
    pub customers: Vec<f64>,
    /// Run-rate ARR `A(t)`.
    pub arr: Vec<f64>,
    /// ARR lost to churn during month t.
    pub churned_arr: Vec<f64>,
    /// Expansion of retained ARR during month t.
    pub expanded_arr: Vec<f64>,
    /// ARR of the logos that joined during month t.
    pub new_arr: Vec<f64>,
    /// Logos lost during month t.
    pub churned_logos: Vec<f64>,
    /// Logos that joined during month t.
    pub new_logos: Vec<f64>,
}

/// Logos and ARR of one group that churns and expands together.
#[derive(Debug, Clone, Copy, Default)]
struct Pool {
    customers: f64,
    arr: f64,
}

/// What one month did to a pool.
#[derive(Debug, Clone, Copy, Default)]
struct Step {
    churned_logos: f64,
    churned_arr: f64,
    expanded_arr: f64,
}

impl Pool {
    /// Loses `churn` of logos and ARR, then the retained ARR grows by `expansion`.
    fn step(&mut self, churn: f64, expansion: f64) -> Step {
        let churned_logos = self.customers * churn;
        let churned_arr = self.arr * churn;
        let expanded_arr = (self.arr - churned_arr) * expansion;
        self.customers -= churned_logos;
        self.arr += expanded_arr - churned_arr;
        Step {
            churned_logos,
            churned_arr,
            expanded_arr,
        }
    }
}

/// Projects `segment` over `months` months.
///
/// Rule `contract-term` (when-to-start's note on yearly contracts, first-cs-org step 9): the starting
/// base renews evenly, so it churns at `m` every month. A cohort acquired during the plan
/// churns only at its renewals: every `term_months` after it joined it loses
/// `1 − (1 − m)^term_months` of its logos and ARR, and nothing in between. Cohorts that joined
/// in the same month modulo the term renew together, so one pool per renewal phase is enough.
/// With `term_months = 1` this is exactly `C(t+1) = C(t)·(1 − m) + N(t)`.
pub fn project(segment: &Segment, months: u32) -> SegmentProjection {
    project_with_growth(segment, months, &growth_factors(segment.new_growth, months))
}

/// `(1 + new_growth)^(t/12)` for t = 0..months: what [`new_logos`] multiplies
/// `new_per_month` by. Segments that share a growth rate can share these.
pub fn growth_factors(new_growth: f64, months: u32) -> Vec<f64> {
    (0..months)
        .map(|t| {
            if new_growth == 0.0 {
                1.0
            } else {
                (1.0 + new_growth).powf(f64::from(t) / 12.0)
            }
        })
        .collect()
}

/// [`project`] with the segment's [`growth_factors`] given (at least `months` of them).
pub fn project_with_growth(segment: &Segment, months: u32, growth: &[f64]) -> SegmentProjection {
    project_rescaled(segment, months, growth, None)
}

/// A change of a projection's state at the end of one month: every pool's logos multiplied by
/// `customers` and its ARR by `arr`, so that a re-forecast carries on from the customers and
/// ARR actually reached while keeping each renewal cohort's share. Factors of 1 change nothing,
/// to the bit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rescale {
    /// The month (1-based) at whose end the state is rescaled.
    pub month: u32,
    /// Factor on every pool's logos.
    pub customers: f64,
    /// Factor on every pool's ARR.
    pub arr: f64,
}

/// Renewal pools a projection keeps on the stack: the longest term a base may give.
const STACK_POOLS: usize = 60;

/// [`project_with_growth`], the state rescaled at the end of `rescale.month` when given.
pub fn project_rescaled(
    segment: &Segment,
    months: u32,
    growth: &[f64],
    rescale: Option<Rescale>,
) -> SegmentProjection {
    let mut p = SegmentProjection::default();
    project_into(segment, months, growth, rescale, Response::NONE, &mut p);
    p
}

/// Rule `coverage-response`: factors on a segment's monthly churn and expansion, one per month
/// projected (index t for month t + 1), from the coverage of its book the month before. `None`
/// is a factor of 1 every month: the typed rates, to the bit.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Response<'a> {
    /// Factor on monthly churn.
    pub churn: Option<&'a [f64]>,
    /// Factor on monthly expansion.
    pub expansion: Option<&'a [f64]>,
}

impl Response<'_> {
    /// No response: the typed rates.
    pub const NONE: Response<'static> = Response {
        churn: None,
        expansion: None,
    };
}

/// `(1 + rate)^(t/12)`: a yearly trend at month index t (1 exactly without a trend).
fn trend(rate: f64, t: usize) -> f64 {
    if rate == 0.0 {
        1.0
    } else {
        (1.0 + rate).powf(t as f64 / 12.0)
    }
}

/// [`project_rescaled`] into `p`, whose series are resized to the months projected and every
/// value overwritten: a caller projecting many segments over the same months reuses one
/// projection's memory for all of them.
pub fn project_into(
    segment: &Segment,
    months: u32,
    growth: &[f64],
    rescale: Option<Rescale>,
    response: Response,
    p: &mut SegmentProjection,
) {
    let m = segment.monthly_churn;
    let e = monthly_expansion(segment.annual_expansion);
    let term = segment.term_months.max(1) as usize;
    let renewal_churn = 1.0 - (1.0 - m).powi(term as i32);
    // SPEC §3 trends and rule `coverage-response`: rates that move month by month. Without
    // them every month uses the typed rates, computed once above.
    let varying = segment.churn_trend != 0.0
        || segment.arpa_growth != 0.0
        || response.churn.is_some()
        || response.expansion.is_some();

    let mut base = Pool {
        customers: segment.customers,
        arr: segment.customers * segment.arpa,
    };
    // The cohorts won during the plan, one pool per renewal phase. Their ARR is kept divided
    // by the expansion index `(1 + e)^t`: every cohort expands by `e` each month, which is one
    // multiplication of the index, so a month touches only the pool that renews in it.
    // On the stack for any term a base may give (at most 60 months).
    let mut on_stack = [[0.0; STACK_POOLS]; 2];
    let mut on_heap;
    let [logos, scaled_arr] = if term <= STACK_POOLS {
        let [logos, scaled_arr] = &mut on_stack;
        [&mut logos[..term], &mut scaled_arr[..term]]
    } else {
        on_heap = [vec![0.0; term], vec![0.0; term]];
        let [logos, scaled_arr] = &mut on_heap;
        [&mut logos[..], &mut scaled_arr[..]]
    };
    let (mut cohort_logos, mut cohort_scaled_arr) = (0.0, 0.0);
    let mut index = 1.0;

    // As many months as there are growth factors for.
    let months = (months as usize).min(growth.len());
    let len = months + 1;
    // Already this long when reused: nothing is allocated or filled, every value is written
    // below.
    for series in [
        &mut p.customers,
        &mut p.arr,
        &mut p.churned_arr,
        &mut p.expanded_arr,
        &mut p.new_arr,
        &mut p.churned_logos,
        &mut p.new_logos,
    ] {
        series.resize(len, 0.0);
    }
    p.customers[0] = base.customers;
    p.arr[0] = base.arr;
    p.churned_arr[0] = 0.0;
    p.expanded_arr[0] = 0.0;
    p.new_arr[0] = 0.0;
    p.churned_logos[0] = 0.0;
    p.new_logos[0] = 0.0;

    // Month t + 1 of each series, sliced to the months projected so that writing them needs no
    // check of their length.
    let customers = &mut p.customers[1..=months];
    let arr = &mut p.arr[1..=months];
    let churned_arr = &mut p.churned_arr[1..=months];
    let expanded_arr = &mut p.expanded_arr[1..=months];
    let new_arr = &mut p.new_arr[1..=months];
    let churned_logos = &mut p.churned_logos[1..=months];
    let new_logos = &mut p.new_logos[1..=months];
    let rescale_after = rescale.map(|r| r.month as usize);
    // The pool renewing in month t + 1: (t + 1) mod term.
    let mut renewing = 1 % term;
    for (t, &growth_factor) in growth[..months].iter().enumerate() {
        // Month t + 1's rates: churn m·(1 + churn_trend)^(t/12) times the coverage response,
        // never past 1; expansion e times its response; new logos at arpa·(1 + arpa_growth)^(t/12).
        let (m, e, renewal_churn, arpa) = if varying {
            let at = |factors: Option<&[f64]>| factors.and_then(|f| f.get(t)).copied();
            let m_t = (m * trend(segment.churn_trend, t) * at(response.churn).unwrap_or(1.0))
                .clamp(0.0, 1.0);
            let e_t = e * at(response.expansion).unwrap_or(1.0);
            let renewal = if m_t == m {
                renewal_churn
            } else {
                1.0 - (1.0 - m_t).powi(term as i32)
            };
            (
                m_t,
                e_t,
                renewal,
                segment.arpa * trend(segment.arpa_growth, t),
            )
        } else {
            (m, e, renewal_churn, segment.arpa)
        };
        let mut month = base.step(m, e);
        // The pool whose cohorts reach a renewal this month loses its share...
        let lost_logos = logos[renewing] * renewal_churn;
        let lost_scaled = scaled_arr[renewing] * renewal_churn;
        logos[renewing] -= lost_logos;
        scaled_arr[renewing] -= lost_scaled;
        cohort_logos -= lost_logos;
        cohort_scaled_arr -= lost_scaled;
        month.churned_logos += lost_logos;
        month.churned_arr += lost_scaled * index;
        // ...then what every cohort kept expands...
        month.expanded_arr += cohort_scaled_arr * index * e;
        index *= 1.0 + e;
        // ...and the month's new logos join the renewing pool, renewing with it from now on.
        // `new_logos(segment, t)`, with the growth factor computed once.
        let joined = segment.new_per_month * growth_factor;
        let joined_scaled = joined * arpa / index;
        logos[renewing] += joined;
        scaled_arr[renewing] += joined_scaled;
        cohort_logos += joined;
        cohort_scaled_arr += joined_scaled;
        if rescale_after == Some(t + 1)
            && let Some(r) = rescale
        {
            base.customers *= r.customers;
            base.arr *= r.arr;
            for pool in logos.iter_mut() {
                *pool *= r.customers;
            }
            for pool in scaled_arr.iter_mut() {
                *pool *= r.arr;
            }
            cohort_logos *= r.customers;
            cohort_scaled_arr *= r.arr;
        }

        // Running sums may leave a rounding residue below zero when everything churned.
        customers[t] = (base.customers + cohort_logos).max(0.0);
        arr[t] = (base.arr + cohort_scaled_arr * index).max(0.0);
        churned_arr[t] = month.churned_arr;
        expanded_arr[t] = month.expanded_arr;
        new_arr[t] = joined * arpa;
        churned_logos[t] = month.churned_logos;
        new_logos[t] = joined;
        renewing += 1;
        if renewing == term {
            renewing = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Complexity;

    fn segment(
        customers: f64,
        arpa: f64,
        annual_churn: f64,
        new_per_month: f64,
        term: u32,
    ) -> Segment {
        Segment {
            name: "S".into(),
            customers,
            arpa,
            monthly_churn: monthly_from_annual(annual_churn),
            annual_expansion: 0.0,
            new_per_month,
            new_growth: 0.0,
            churn_trend: 0.0,
            arpa_growth: 0.0,
            complexity: Complexity::Moderate,
            term_months: term,
            tier: None,
            accounts_per_csm: None,
            tickets_per_account_month: None,
            onboarding_hours: None,
            onboarding_fee: 0.0,
            ranges: Default::default(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn monthly_rates_compound_back_to_the_annual_ones() {
        // (1 − m)^12 = 1 − 0.12 and (1 + e)^12 = 1.10.
        let m = monthly_from_annual(0.12);
        assert!(close((1.0 - m).powi(12), 0.88));
        let e = monthly_expansion(0.10);
        assert!(close((1.0 + e).powi(12), 1.10));
        assert_eq!(monthly_from_annual(1.0), 1.0);
        assert_eq!(monthly_from_annual(0.0), 0.0);
    }

    #[test]
    fn monthly_contracts_follow_the_spec_recurrence() {
        // 100 logos, $10k, 12%/yr churn, 2 new a month, 10%/yr expansion.
        let mut s = segment(100.0, 10_000.0, 0.12, 2.0, 1);
        s.annual_expansion = 0.10;
        let p = project(&s, 24);
        let m = s.monthly_churn;
        let e = monthly_expansion(0.10);
        let (mut c, mut a) = (100.0, 1_000_000.0);
        for t in 0..24 {
            c = c * (1.0 - m) + 2.0;
            a = a * (1.0 - m) * (1.0 + e) + 2.0 * 10_000.0;
            assert!(close(p.customers[t + 1], c), "month {}", t + 1);
            assert!(close(p.arr[t + 1], a), "month {}", t + 1);
        }
        // Month 1 by hand: 100·(0.88^(1/12)) + 2 = 100·0.989404 + 2 = 100.9404.
        assert!((p.customers[1] - 100.9404).abs() < 1e-4);
    }

    #[test]
    fn annual_cohorts_churn_only_at_renewal() {
        // No starting base: only cohorts. 10 new logos a month, 12%/yr, annual contracts.
        let s = segment(0.0, 1_000.0, 0.12, 10.0, 12);
        let p = project(&s, 25);
        // Nothing churns in the first 12 months: every cohort is younger than a year.
        assert_eq!(p.churned_logos[1..=12].iter().sum::<f64>(), 0.0);
        assert!(close(p.customers[12], 120.0));
        // Month 13: the cohort that joined in month 1 (10 logos) renews and loses 12%.
        assert!(close(p.churned_logos[13], 1.2));
        assert!(close(p.customers[13], 120.0 - 1.2 + 10.0));
        assert!(close(p.churned_arr[13], 1_200.0));
        // Month 25: the month-1 cohort renews again (8.8 → loses 1.056) and the month-13
        // cohort renews for the first time (10 → loses 1.2).
        assert!(close(p.churned_logos[25], 8.8 * 0.12 + 1.2));
    }

    #[test]
    fn the_starting_base_churns_every_month_whatever_the_term() {
        let s = segment(1_000.0, 1_000.0, 0.12, 0.0, 12);
        let p = project(&s, 12);
        assert!(close(p.customers[12], 880.0));
        assert!(p.churned_logos[1] > 0.0);
    }

    /// The projection as first written: every cohort stepped every month, then new logos
    /// joined, then summed; `powf` per month.
    fn reference(segment: &Segment, months: u32) -> SegmentProjection {
        let (m, e) = (
            segment.monthly_churn,
            monthly_expansion(segment.annual_expansion),
        );
        let term = segment.term_months.max(1);
        let renewal_churn = 1.0 - (1.0 - m).powi(term as i32);
        let mut base = Pool {
            customers: segment.customers,
            arr: segment.customers * segment.arpa,
        };
        let mut cohorts = vec![Pool::default(); term as usize];
        let mut p = SegmentProjection::default();
        p.customers.push(base.customers);
        p.arr.push(base.arr);
        p.churned_arr.push(0.0);
        p.expanded_arr.push(0.0);
        p.churned_logos.push(0.0);
        for t in 0..months {
            let mut month = base.step(m, e);
            let renewing = ((t + 1) % term) as usize;
            for (phase, cohort) in cohorts.iter_mut().enumerate() {
                let churn = if phase == renewing {
                    renewal_churn
                } else {
                    0.0
                };
                if churn == 0.0 && e == 0.0 {
                    continue;
                }
                let s = cohort.step(churn, e);
                month.churned_logos += s.churned_logos;
                month.churned_arr += s.churned_arr;
                month.expanded_arr += s.expanded_arr;
            }
            let joined =
                segment.new_per_month * (1.0 + segment.new_growth).powf(f64::from(t) / 12.0);
            cohorts[renewing].customers += joined;
            cohorts[renewing].arr += joined * segment.arpa;
            let (c, a) = cohorts
                .iter()
                .fold((base.customers, base.arr), |(c, a), pool| {
                    (c + pool.customers, a + pool.arr)
                });
            p.customers.push(c);
            p.arr.push(a);
            p.churned_arr.push(month.churned_arr);
            p.expanded_arr.push(month.expanded_arr);
            p.churned_logos.push(month.churned_logos);
        }
        p
    }

    /// The one-pass projection (only the renewing pool touched, expansion through an index)
    /// gives the numbers of stepping every cohort, to within float rounding (a relative 10^-9 at
    /// most), far below the whole units and hundredths that outputs show.
    #[test]
    fn the_one_pass_projection_matches_stepping_every_cohort() {
        for term in [1, 2, 12, 24, 36, 60] {
            for (expansion, growth) in
                [(0.0, 0.0), (0.1, 0.0), (0.0, 0.25), (0.17, 0.4), (1.0, 3.0)]
            {
                for churn in [0.0, 0.23, 1.0] {
                    let mut s = segment(137.0, 12_345.0, churn, 3.7, term);
                    s.annual_expansion = expansion;
                    s.new_growth = growth;
                    let (fast, slow) = (project(&s, 130), reference(&s, 130));
                    for (a, b) in [
                        (&fast.customers, &slow.customers),
                        (&fast.arr, &slow.arr),
                        (&fast.churned_arr, &slow.churned_arr),
                        (&fast.expanded_arr, &slow.expanded_arr),
                        (&fast.churned_logos, &slow.churned_logos),
                    ] {
                        for (t, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                            let scale = y.abs().max(1.0);
                            assert!(
                                (x - y).abs() <= 1e-9 * scale,
                                "term {term}, e {expansion}, g {growth}, churn {churn}, month {t}: {x} vs {y}"
                            );
                            assert!(*x >= 0.0, "negative at month {t}: {x}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_churn_trend_moves_churn_yearly_from_the_typed_rate() {
        // 1,000 logos, churn 12% a year, falling by half a year: month 1 churns at the typed m,
        // month 13 at m/2, month 7 at m/√2.
        let mut s = segment(1_000.0, 1_000.0, 0.12, 0.0, 1);
        s.churn_trend = -0.5;
        let p = project(&s, 13);
        let m = s.monthly_churn;
        let rate = |t: usize| p.churned_logos[t] / p.customers[t - 1];
        assert!(close(rate(1), m));
        assert!(close(rate(7), m * 0.5f64.sqrt()));
        assert!(close(rate(13), m * 0.5));
        // Without a trend the projection is the one of the typed rate, to the bit.
        s.churn_trend = 0.0;
        assert_eq!(
            project(&s, 13),
            project(&segment(1_000.0, 1_000.0, 0.12, 0.0, 1), 13)
        );
    }

    #[test]
    fn arpa_growth_prices_each_months_new_logos() {
        // 10 new logos a month at $1,000, ARPA growing 10% a year: month 1's bring $10,000, month
        // 13's $11,000; the starting base keeps its ARPA.
        let mut s = segment(5.0, 1_000.0, 0.0, 10.0, 1);
        s.arpa_growth = 0.10;
        let p = project(&s, 13);
        assert!(close(p.new_arr[1], 10_000.0));
        assert!(close(p.new_arr[13], 11_000.0));
        assert!(close(p.arr[0], 5_000.0));
    }

    #[test]
    fn a_coverage_response_scales_churn_and_expansion_month_by_month() {
        // Factors of 2 on churn in month 2 and 0.5 on expansion in month 3.
        let mut s = segment(1_000.0, 1_000.0, 0.12, 0.0, 12);
        s.annual_expansion = 0.12;
        let churn = [1.0, 2.0, 1.0];
        let expansion = [1.0, 1.0, 0.5];
        let mut p = SegmentProjection::default();
        let response = Response {
            churn: Some(&churn),
            expansion: Some(&expansion),
        };
        project_into(&s, 3, &growth_factors(0.0, 3), None, response, &mut p);
        let (m, e) = (s.monthly_churn, monthly_expansion(0.12));
        assert!(close(p.churned_logos[1] / p.customers[0], m));
        assert!(close(p.churned_logos[2] / p.customers[1], 2.0 * m));
        let retained = p.arr[2] * (1.0 - m);
        assert!(close(p.expanded_arr[3], retained * e * 0.5));
        // Factors of 1 are the typed projection.
        let ones = [1.0; 3];
        let same = Response {
            churn: Some(&ones),
            expansion: Some(&ones),
        };
        project_into(&s, 3, &growth_factors(0.0, 3), None, same, &mut p);
        assert_eq!(p, project(&s, 3));
    }

    #[test]
    fn new_logos_grow_yearly() {
        let mut s = segment(0.0, 1_000.0, 0.0, 4.0, 1);
        s.new_growth = 0.25;
        assert!(close(new_logos(&s, 0), 4.0));
        assert!(close(new_logos(&s, 12), 5.0));
        assert!(close(new_logos(&s, 6), 4.0 * 1.25f64.sqrt()));
    }
}
