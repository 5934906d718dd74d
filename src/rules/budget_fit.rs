//! Rule `budget-fit` (first-cs-org): with `plan --within-budget`, a plan whose CSM cost never
//! passes the cap (`csm_spend_cap`) and whose CS cost per fiscal year never passes
//! `cs_budget_per_year` when one is given. CSM hires are deferred, never dropped silently: each
//! starts in the first month the money affords it, the books with the most churned ARR per unit
//! of cost are staffed first, and what cannot be afforded is reported per segment.

use super::spend_cap::{csm_spend_ratio, over_cap};
use super::{RuleId, RuleInfo};
use crate::model::Role;

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
              affords on that month's ARR and every later month's (a CSM once hired is not let go), and \
              each fiscal year's CS cost to its budget ([budget] FYyyyy, else cs_budget_per_year): a year \
              the plan enters part way gets its months' share; a year the horizon ends inside is held \
              only to a [budget] figure naming it, pro rata, and its run-rate is shown beside the \
              budget. Support is funded to its demand first. What the budget cannot fund is given up \
              in this order, each step only as far as needed: (1) the external head of CS is deferred, \
              a CSM promoted to lead standing in; (2) onboarding above its demand rounded down, unless \
              onboarding_fee pays for it; (3) CSM books, lowest return first (churned ARR a book holds \
              per unit of cost; dedicated seats of two-big-customers and self-funding-segment first); \
              (4) managers follow the funded team's span. Each CSM starts in the first month the money \
              affords them, never earlier than the rules would start them. budget_fit.cuts lists each \
              cut with what it saves and, for books, the churned ARR a year it puts at risk. When the \
              team in post at the start, or the roles kept, already pass the cap or a year's budget, \
              the plan keeps them (csplan plans no one letting go), says NOT met, and blames the \
              overrun on the people in post at the start and the hires kept, with their cost that \
              year."
            .to_string()
    },
    kpis: None,
};

/// Step 1 of what a budget cannot fund: an external head of CS is deferred, a promotion from
/// within standing in.
pub const STEP_HEAD: u32 = 1;
/// Step 2: onboarding above its demand rounded down, where `onboarding_fee` does not pay for it.
pub const STEP_ONBOARDING: u32 = 2;
/// Step 3: CSM books, lowest return first.
pub const STEP_BOOKS: u32 = 3;
/// Step 4: managers follow the funded team's span.
pub const STEP_MANAGERS: u32 = 4;

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

/// One fiscal year of the plan: its months (within the horizon), the CS cost outside the
/// CSM team in each of them, and the budget those months are held to.
#[derive(Debug, Clone, PartialEq)]
pub struct FiscalYear {
    /// Months 1..=horizon of the plan in this fiscal year, in order.
    pub months: Vec<usize>,
    /// CS cost of every role but CSMs in each of those months.
    pub other_cost: Vec<f64>,
    /// The CS cost these months may reach ([`year_budget`]); `None`: no budget binds them.
    pub budget: Option<f64>,
}

/// The share of a yearly budget that `months` months of a fiscal year have.
pub fn share(per_year: f64, months: u32) -> f64 {
    per_year * f64::from(months) / 12.0
}

/// `, 3 months' share` for a part of a year; nothing for a whole one.
pub fn share_words(months: u32) -> String {
    match months {
        12 => String::new(),
        1 => ", 1 month's share".to_string(),
        n => format!(", {n} months' share"),
    }
}

/// The budget `months` months of one fiscal year are held to: `named` is a `[budget]` figure
/// for that year, `per_year` is `cs_budget_per_year`. A year the plan covers whole, or enters
/// part way, is held to its months' share of its budget (its own figure, else the default). A
/// year the horizon ends inside is held only to a figure that names it, pro rata: budgets are
/// approved for whole years, and a few months' cost says nothing of a year's.
pub fn year_budget(
    named: Option<f64>,
    per_year: Option<f64>,
    months: u32,
    ends_inside: bool,
) -> Option<f64> {
    let yearly = if ends_inside {
        named
    } else {
        named.or(per_year)
    };
    yearly.map(|b| share(b, months))
}

/// Lowers `ceiling` so that each fiscal year's CS cost stays within its budget (a year without
/// one is not held): `staff` is the CSM team the cap alone would plan, `csm_loaded` a CSM's
/// yearly loaded cost.
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
    csm_loaded: f64,
    starting: u32,
) -> Vec<(usize, f64)> {
    let monthly = csm_loaded / 12.0;
    let mut over = Vec::new();
    let mut levels = Vec::with_capacity(years.len());
    for (y, year) in years.iter().enumerate() {
        let Some(budget) = year.budget else {
            levels.push(u32::MAX);
            continue;
        };
        let allowance = budget - year.other_cost.iter().sum::<f64>();
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
    // After the horizon, no more than its last year keeps (a year not held keeps any team).
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
/// (the budget needed, the budget) when `cs_budget_per_year` is given, and the fiscal years held
/// to a `[budget]` figure of their own that the rules' plan passes, with its cost there.
/// `money` writes an amount.
pub fn needs(
    cap_needed: Option<f64>,
    cap: f64,
    budget: Option<(i64, i64)>,
    named: &[(&str, i64)],
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
    if !named.is_empty() {
        let years: Vec<String> = named
            .iter()
            .map(|(year, cost)| format!("{} in {year}", money(*cost)))
            .collect();
        parts.push(format!("a budget of {}", years.join(", ")));
    }
    if parts.is_empty() {
        "no more than the cap and budget given".to_string()
    } else {
        parts.join(" and ")
    }
}

/// The warning for a fiscal year the horizon ends inside whose run-rate at the end passes the
/// year's budget, which does not hold it.
pub fn tail_year_note(year: &str, months: u32, run_rate: &str, budget: &str) -> String {
    format!(
        "the plan ends {months} month{} into {year}: its team runs at {run_rate} a year at the end, \
         beyond the budget of {budget} a year, which does not hold a year the horizon ends inside \
         (budgets are approved for whole years); name {year} in [budget] to hold its months to \
         their share, or plan to the year's end",
        if months == 1 { "" } else { "s" }
    )
}

/// What a fiscal year over its budget is made of, costliest first: `the people in post at the
/// start cost $400k (3 CSMs' books $300k, support $100k), the hires the fit kept $250k
/// (support $150k, onboarding $100k)`. `causes` is (role, in post at the start, hires kept).
pub fn overrun_words(causes: &[(Role, i64, i64)], money: impl Fn(i64) -> String) -> String {
    let part = |pick: fn(&(Role, i64, i64)) -> i64, what: &str| -> Option<String> {
        let mut roles: Vec<(Role, i64)> = causes
            .iter()
            .map(|c| (c.0, pick(c)))
            .filter(|&(_, v)| v > 0)
            .collect();
        roles.sort_by_key(|r| std::cmp::Reverse(r.1));
        let total: i64 = roles.iter().map(|r| r.1).sum();
        (total > 0).then(|| {
            let each: Vec<String> = roles
                .iter()
                .map(|(role, v)| format!("{} {}", role.team_name(), money(*v)))
                .collect();
            format!("{what} {} ({})", money(total), each.join(", "))
        })
    };
    let parts: Vec<String> = [
        part(|c| c.1, "the people in post at the start cost"),
        part(|c| c.2, "the hires the fit kept"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "no role costs anything that year".to_string()
    } else {
        parts.join(", ")
    }
}

/// The reason of the promotion that stands in for a deferred external head of CS (step 1).
pub fn stand_in_reason(org_size: u32, head_start: &str, extra_cost: &str) -> String {
    format!(
        "the external head of CS the rules' plan starts in {head_start} is deferred to fund the team \
         (budget-fit step 1); the CS org has {org_size} people: one CSM becomes the director-level \
         lead instead (first-cs-org step 2), {extra_cost} a year more in loaded cost; their book is \
         backfilled"
    )
}

/// The reason of the backfill of the CSM promoted to stand in for a deferred head.
pub fn stand_in_backfill_reason(when: &str) -> String {
    format!(
        "backfills the book of the CSM promoted to lead in {when}, in place of the external head of \
         CS deferred (budget-fit step 1)"
    )
}

/// The words an onboarding hire held to its demand rounded down ends with (step 2).
pub fn onboarding_note(months: u32, start: &str) -> String {
    format!(
        "; starts {months} month{} later, in {start}: onboarding above its demand rounded down is \
         not funded (budget-fit step 2)",
        if months == 1 { "" } else { "s" }
    )
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
            budget: Some(600_000.0),
        };
        let mut ceiling = vec![10u32; 13];
        let over = fit_years(&mut ceiling, &staff, &[year], 120_000.0, 1);
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
                budget: Some(600_000.0),
            },
            FiscalYear {
                months: (13..=24).collect(),
                other_cost: vec![30_000.0; 12],
                budget: Some(600_000.0),
            },
        ];
        let mut ceiling = vec![10u32; 25];
        // $600k: year 2 leaves $240k = 24 CSM-months at $10k a month, 2 CSMs.
        let over = fit_years(&mut ceiling, &staff, &years, 120_000.0, 0);
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
            budget: Some(500_000.0),
        };
        let mut ceiling = vec![10u32; 13];
        let over = fit_years(&mut ceiling, &staff, &[year], 120_000.0, 1);
        assert_eq!(ceiling[12], 1);
        assert_eq!(over.len(), 1);
        // $600k of other roles + $120k for the one CSM in post, against $500k.
        assert!((over[0].1 - 220_000.0).abs() < 1e-6);
    }

    #[test]
    fn a_year_entered_part_way_gets_its_months_share_of_the_budget() {
        // Three months of a $1.2M year: $300k; a [budget] figure naming it comes first.
        let entered = year_budget(None, Some(1_200_000.0), 3, false).unwrap();
        assert!((entered - 300_000.0).abs() < 1e-9);
        let named = year_budget(Some(2_400_000.0), Some(1_200_000.0), 3, false).unwrap();
        assert!((named - 600_000.0).abs() < 1e-9);
    }

    #[test]
    fn a_year_the_horizon_ends_inside_is_held_only_to_a_figure_naming_it() {
        // One month into FY2029: cs_budget_per_year does not bind it at all ...
        assert_eq!(year_budget(None, Some(1_200_000.0), 1, true), None);
        // ... a [budget] FY2029 figure does, pro rata: $1.8M / 12.
        let named = year_budget(Some(1_800_000.0), Some(1_200_000.0), 1, true).unwrap();
        assert!((named - 150_000.0).abs() < 1e-9);
    }

    #[test]
    fn a_year_not_held_leaves_the_years_before_it_free_to_hire() {
        // Year 1 affords 3 CSMs on its budget; a one-month tail year without a budget would,
        // at a twelfth of the budget, have held every earlier year to the team in post.
        let staff = vec![4u32; 14];
        let years = [
            FiscalYear {
                months: (1..=12).collect(),
                other_cost: vec![20_000.0; 12],
                budget: Some(600_000.0),
            },
            FiscalYear {
                months: vec![13],
                other_cost: vec![20_000.0],
                budget: year_budget(None, Some(600_000.0), 1, true),
            },
        ];
        let mut ceiling = vec![10u32; 14];
        let over = fit_years(&mut ceiling, &staff, &years, 120_000.0, 1);
        assert!(over.is_empty());
        assert_eq!(&ceiling[1..=12], &[3; 12]);
        // The tail month keeps the year's team (a CSM once hired stays), never fewer.
        assert!(ceiling[13] >= 3);
    }

    #[test]
    fn books_with_more_churn_per_cost_come_first() {
        assert!(book_return(500_000.0, 2.0, 100_000.0) > book_return(300_000.0, 2.0, 100_000.0));
        assert_eq!(book_return(1.0, 0.0, 100_000.0), 0.0);
    }

    #[test]
    fn an_overrun_is_blamed_on_the_people_in_post_and_the_hires_kept_costliest_first() {
        let words = overrun_words(
            &[
                (Role::Csm, 300, 0),
                (Role::Support, 100, 150),
                (Role::Onboarding, 0, 200),
            ],
            |v| format!("${v}"),
        );
        assert_eq!(
            words,
            "the people in post at the start cost $400 (CSMs $300, support $100), the hires the \
             fit kept $350 (onboarding $200, support $150)"
        );
        assert_eq!(
            overrun_words(&[], |v| v.to_string()),
            "no role costs anything that year"
        );
    }
}
