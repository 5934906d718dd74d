//! Rule `budget-fit` (first-cs-org): with `plan --within-budget`, a plan whose CSM cost never
//! passes the cap (`csm_spend_cap`) and whose CS cost per fiscal year never passes
//! `cs_budget_per_year` when one is given. CSM hires are deferred, never dropped silently: each
//! starts in the first month the money affords it, the books with the most churned ARR per unit
//! of cost are staffed first, and what cannot be afforded is reported per segment.

use super::spend_cap::{csm_spend_ratio, over_cap};
use super::{RuleId, RuleInfo};

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::BudgetFit,
    id: "budget-fit",
    source: "first-cs-org",
    figures: || {
        "the cap of spend-cap (csm_spend_cap, default 10% of ARR) and the optional cs_budget_per_year; \
         first-cs-org: spending much more than 10% means looking again at product fit for the segments \
         served"
            .to_string()
    },
    summary: || {
        "With plan --within-budget: the CSM team is held, month by month, to the headcount the cap \
              affords on that month's ARR and every later month's (a CSM once hired is not let go), and, \
              with cs_budget_per_year, to what the fiscal year's budget leaves after support, onboarding, \
              the head of CS and the managers (a partial fiscal year gets its share of the budget). Each \
              CSM the rules call for starts in the first month the money affords them (never earlier \
              than the rules would start them); dedicated seats of two-big-customers and \
              self-funding-segment are filled first, then the tiers whose book holds the most churned \
              ARR per unit of CSM cost. Support and onboarding follow their demand and are never \
              deferred; a hired head of CS waits until the fitted CS org reaches the size at which a \
              lead is promoted. When the team in post at the start, or the roles not deferred, \
              already pass the cap or a year's budget, the plan keeps them (csplan plans no one \
              letting go) and says NOT met, by how much. The plan's budget_fit reports, \
              per segment, the accounts and ARR per CSM carried beside the rules' plan and KeyBanc's, \
              the months short, and the cap and the budget that would staff the rules.".to_string()
    },
    kpis: None,
};

/// The most CSMs the cap affords on `arr`: the largest `n` whose spend ratio is not over `cap`
/// (with the spend-cap rule's own arithmetic, so a fitted month is never flagged).
pub fn affordable(cap: f64, arr: f64, csm_loaded: f64) -> u32 {
    if csm_loaded <= 0.0 || !super::spend_cap::has_arr(arr) {
        return 0;
    }
    let guess = (cap * arr / csm_loaded)
        .floor()
        .clamp(0.0, f64::from(u32::MAX - 1)) as u32;
    let fits = |n: u32| !over_cap(csm_spend_ratio(n, csm_loaded, arr), cap);
    let mut n = guess.saturating_add(1);
    while n > 0 && !fits(n) {
        n -= 1;
    }
    n
}

/// The CSM ceiling per month from what each month affords: a CSM in post stays, so month `t`
/// may hold no more than every later month affords (the minimum from `t` on), and never less
/// than the team in post at the start.
pub fn ceiling(affordable: &[u32], starting: u32) -> Vec<u32> {
    let mut out = affordable.to_vec();
    let mut least = u32::MAX;
    for slot in out.iter_mut().rev() {
        least = least.min(*slot);
        *slot = least.max(starting);
    }
    out
}

/// One fiscal year of the plan: its months (within the horizon) and the CS cost outside the
/// CSM team in each of them.
#[derive(Debug, Clone, PartialEq)]
pub struct FiscalYear {
    /// Months 1..=horizon of the plan in this fiscal year, in order.
    pub months: Vec<usize>,
    /// CS cost of every role but CSMs in each of those months.
    pub other_cost: Vec<f64>,
}

impl FiscalYear {
    /// The share of a yearly budget this fiscal year has: the months the plan covers of twelve.
    pub fn budget(&self, per_year: f64) -> f64 {
        share(per_year, self.months.len() as u32)
    }
}

/// The share of a yearly budget that `months` months of a fiscal year have.
pub fn share(per_year: f64, months: u32) -> f64 {
    per_year * f64::from(months) / 12.0
}

/// Lowers `ceiling` so that each fiscal year's CS cost stays within its share of `per_year`:
/// `staff` is the CSM team the cap alone would plan, `csm_loaded` a CSM's yearly loaded cost.
/// Each year holds the CSM team to the largest level `h` whose months
/// (`min(staff, max(h, starting))`) fit what the budget leaves after the other roles. A CSM
/// hired in one year is still paid in the next, so no year may pass the level of any later
/// year: a team is never hired that a later budget cannot keep. Years whose other roles and the
/// team in post at the start alone pass the budget are returned as (index, cost over the
/// budget).
pub fn fit_years(
    ceiling: &mut [u32],
    staff: &[u32],
    years: &[FiscalYear],
    per_year: f64,
    csm_loaded: f64,
    starting: u32,
) -> Vec<(usize, f64)> {
    let monthly = csm_loaded / 12.0;
    let mut over = Vec::new();
    let mut levels = Vec::with_capacity(years.len());
    for (y, year) in years.iter().enumerate() {
        let allowance = year.budget(per_year) - year.other_cost.iter().sum::<f64>();
        let cost = |h: u32| {
            monthly
                * year
                    .months
                    .iter()
                    .map(|&t| f64::from(staff[t].min(h.max(starting))))
                    .sum::<f64>()
        };
        let fits = |h: u32| cost(h) <= allowance + 1e-6;
        let most = year
            .months
            .iter()
            .map(|&t| staff[t])
            .max()
            .unwrap_or(starting);
        // The largest level that fits, by bisection over whole people.
        let (mut lo, mut hi) = (starting, most.max(starting));
        if fits(hi) {
            lo = hi;
        } else {
            while lo < hi {
                let mid = lo + (hi - lo).div_ceil(2);
                if fits(mid) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
        }
        if !fits(lo) {
            over.push((y, cost(lo) - allowance));
        }
        levels.push(if fits(hi) && hi == most { u32::MAX } else { lo });
    }
    // No year above a later one's level.
    for y in (0..levels.len().saturating_sub(1)).rev() {
        levels[y] = levels[y].min(levels[y + 1]);
    }
    for (year, &level) in years.iter().zip(&levels) {
        for &t in &year.months {
            ceiling[t] = ceiling[t].min(level.max(starting));
        }
    }
    // After the horizon, no more than its last year keeps.
    if let (Some(&last), Some(year)) = (levels.last(), years.last())
        && let Some(&end) = year.months.last()
    {
        for slot in ceiling.iter_mut().skip(end + 1) {
            *slot = (*slot).min(last.max(starting));
        }
    }
    for slot in ceiling.iter_mut() {
        *slot = (*slot).max(starting);
    }
    for t in (0..ceiling.len().saturating_sub(1)).rev() {
        ceiling[t] = ceiling[t].min(ceiling[t + 1]);
    }
    over
}

/// The first month from which the ceiling holds `ordinal` CSMs, at or after `from`.
pub fn first_affordable(ceiling: &[u32], ordinal: u32, from: u32) -> Option<u32> {
    (from as usize..ceiling.len())
        .find(|&t| ceiling[t] >= ordinal)
        .map(|t| t as u32)
}

/// Churned ARR a year one CSM's book holds in a tier, per unit of CSM cost: the order in which
/// a fitted plan staffs the tiers.
pub fn book_return(churned_arr_per_year: f64, need_csms: f64, csm_loaded: f64) -> f64 {
    if need_csms <= 1e-9 || csm_loaded <= 0.0 {
        0.0
    } else {
        churned_arr_per_year / need_csms / csm_loaded
    }
}

/// What would staff the rules, naming only the limits that bind: `cap_needed` against `cap`,
/// and (the budget needed, the budget) when a budget is given. `money` writes an amount.
pub fn needs(
    cap_needed: Option<f64>,
    cap: f64,
    budget: Option<(i64, i64)>,
    money: impl Fn(i64) -> String,
) -> String {
    let mut parts = Vec::new();
    match cap_needed {
        Some(c) if c > cap => parts.push(format!("a cap of {}", crate::format::percent(c))),
        Some(_) => {}
        None => parts.push("CSMs before there is ARR, which no cap allows".to_string()),
    }
    if let Some((needed, _)) = budget.filter(|(needed, given)| needed > given) {
        parts.push(format!("a budget of {} a year", money(needed)));
    }
    if parts.is_empty() {
        "no more than the cap and budget given".to_string()
    } else {
        parts.join(" and ")
    }
}

/// The words a deferred hire's reason ends with.
pub fn deferred_note(months: u32, start: &str, limit: &str) -> String {
    format!(
        "; starts {months} month{} later, in {start}, when {limit} affords them (budget-fit)",
        if months == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affordable_is_the_largest_team_not_over_the_cap() {
        // 10% of $1M is $100k: one CSM at $100k loaded, not two.
        assert_eq!(affordable(0.10, 1_000_000.0, 100_000.0), 1);
        assert_eq!(affordable(0.10, 999_999.0, 100_000.0), 0);
        assert_eq!(affordable(0.10, 2_500_000.0, 100_000.0), 2);
        assert_eq!(affordable(0.10, 0.0, 100_000.0), 0);
    }

    #[test]
    fn the_ceiling_never_passes_a_later_month_and_keeps_the_team_in_post() {
        // ARR dips in month 2: the CSM of month 1 could not be kept, so month 1 holds 1.
        assert_eq!(ceiling(&[1, 2, 1, 3, 4], 0), vec![1, 1, 1, 3, 4]);
        assert_eq!(ceiling(&[0, 0, 1], 2), vec![2, 2, 2]);
    }

    #[test]
    fn a_fiscal_year_holds_the_team_to_what_its_budget_leaves() {
        // Twelve months, 4 CSMs wanted from month 1 at $120k (10k a month), $20k a month of
        // other roles: a $600k budget leaves $360k, 36 CSM-months, 3 CSMs.
        let staff = vec![4u32; 13];
        let year = FiscalYear {
            months: (1..=12).collect(),
            other_cost: vec![20_000.0; 12],
        };
        let mut ceiling = vec![10u32; 13];
        let over = fit_years(&mut ceiling, &staff, &[year], 600_000.0, 120_000.0, 1);
        assert!(over.is_empty());
        assert_eq!(&ceiling[1..], &[3; 12]);
    }

    #[test]
    fn no_year_hires_a_team_a_later_year_cannot_keep() {
        // Year 1 could afford 4 CSMs, year 2 only 2 (its other roles grew): year 1 holds 2.
        let staff = vec![4u32; 25];
        let years = [
            FiscalYear {
                months: (1..=12).collect(),
                other_cost: vec![0.0; 12],
            },
            FiscalYear {
                months: (13..=24).collect(),
                other_cost: vec![30_000.0; 12],
            },
        ];
        let mut ceiling = vec![10u32; 25];
        // $600k: year 2 leaves $240k = 24 CSM-months at $10k a month, 2 CSMs.
        let over = fit_years(&mut ceiling, &staff, &years, 600_000.0, 120_000.0, 0);
        assert!(over.is_empty());
        assert_eq!(ceiling[1], 2);
        assert_eq!(ceiling[24], 2);
    }

    #[test]
    fn a_year_whose_other_roles_pass_the_budget_keeps_the_team_in_post_and_says_so() {
        let staff = vec![2u32; 13];
        let year = FiscalYear {
            months: (1..=12).collect(),
            other_cost: vec![50_000.0; 12],
        };
        let mut ceiling = vec![10u32; 13];
        let over = fit_years(&mut ceiling, &staff, &[year], 500_000.0, 120_000.0, 1);
        assert_eq!(ceiling[12], 1);
        assert_eq!(over.len(), 1);
        // $600k of other roles + $120k for the one CSM in post, against $500k.
        assert!((over[0].1 - 220_000.0).abs() < 1e-6);
    }

    #[test]
    fn a_partial_year_gets_its_share_of_the_budget() {
        let year = FiscalYear {
            months: vec![1, 2, 3],
            other_cost: vec![0.0; 3],
        };
        assert!((year.budget(1_200_000.0) - 300_000.0).abs() < 1e-9);
    }

    #[test]
    fn books_with_more_churn_per_cost_come_first() {
        assert!(book_return(500_000.0, 2.0, 100_000.0) > book_return(300_000.0, 2.0, 100_000.0));
        assert_eq!(book_return(1.0, 0.0, 100_000.0), 0.0);
    }
}
