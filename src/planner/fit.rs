//! `plan --within-budget` (rule [`budget_fit`]): the rules' plan is staffed first; then the CSM
//! team is held to what the cap affords, then to what each fiscal year's budget leaves, and
//! staffed again under that ceiling. The report compares the fitted plan with the rules' plan.

use super::PlanError;
use super::staffing::{self, Context, Staffing};
use super::state::BaseState;
use crate::format::{money_compact, percent, round_money, round_to};
use crate::model::{Role, Tier};
use crate::plan::{
    BudgetCut, BudgetFit, FiscalYearFit, Hire, HireKind, OverrunCause, SegmentFit, Warning,
    WarningKind,
};
use crate::rules::budget_fit::{self, FiscalYear};
use crate::rules::hire_ahead::Opening;
use crate::rules::segment_team::TierSeat;
use crate::rules::spend_cap::csm_spend_ratio;
use crate::rules::{RuleId, accounts_per_csm, from_usd, head_of_cs, onboarding_demand};

/// What the cap and the budget allow the CSM team, read by the staffing pass.
pub struct Fit {
    /// CSMs the cap and the budget allow in post, per month 0..=months.
    pub ceiling: Vec<u32>,
    /// CSMs the cap alone allows, per month 0..=months.
    cap: Vec<u32>,
    /// "the 10% cap"
    cap_words: String,
    /// "the FY budget"
    budget_words: String,
    /// A CSM's loaded cost per year.
    csm_loaded: f64,
    /// CSMs in post in the rules' plan, per month 0..=months.
    rules_staff: Vec<u32>,
    /// Churned ARR a year per month 0..=months of the segments CSMs serve, by tier (enterprise,
    /// mid-market, smb).
    tier_churn: [Vec<f64>; 3],
}

/// The tiers a CSM serves, in [`Fit`]'s order.
const SERVED: [Tier; 3] = [Tier::Enterprise, Tier::MidMarket, Tier::Smb];

/// The month-by-month figures of each segment a CSM serves (`None` for tech-touch), projected
/// again once: the planner's state keeps only their sums.
struct Detail {
    segments: Vec<Option<SegmentSeries>>,
}

/// One segment's logos, ARR and CSM need per month 0..=months.
struct SegmentSeries {
    customers: Vec<f64>,
    arr: Vec<f64>,
    need: Vec<f64>,
}

impl Detail {
    fn new(state: &BaseState) -> Self {
        let segments = state
            .segments
            .iter()
            .map(|s| {
                s.accounts_per_csm.is_some().then(|| {
                    let (projection, need) = state.reproject(s);
                    SegmentSeries {
                        customers: projection.customers,
                        arr: projection.arr,
                        need,
                    }
                })
            })
            .collect();
        Self { segments }
    }

    /// Churned ARR a year per month by served tier.
    fn tier_churn(&self, state: &BaseState) -> [Vec<f64>; 3] {
        let len = state.months as usize + 1;
        let mut out: [Vec<f64>; 3] = std::array::from_fn(|_| vec![0.0; len]);
        for (s, series) in state.segments.iter().zip(&self.segments) {
            if let (Some(k), Some(series)) = (SERVED.iter().position(|&t| t == s.tier), series) {
                for (slot, arr) in out[k].iter_mut().zip(&series.arr) {
                    *slot += arr * s.annual_churn;
                }
            }
        }
        out
    }
}

impl Fit {
    /// The openings of the CSM team, none starting before the ceiling holds its ordinal; those
    /// whose requisition would then open after the horizon are left to the next plan.
    pub fn hold(&self, openings: Vec<Opening>, lead: u32, horizon: u32) -> Vec<Opening> {
        let mut out: Vec<Opening> = openings
            .into_iter()
            .filter_map(|mut o| {
                let start = budget_fit::first_affordable(&self.ceiling, o.ordinal, o.start)?;
                if start > o.start {
                    o.start = start;
                    o.open = start.saturating_sub(lead).max(1);
                    o.target = o.target.max(start);
                }
                (o.open <= horizon).then_some(o)
            })
            .collect();
        out.sort_by_key(|o| (o.open, o.ordinal));
        out
    }

    /// How many months later than the rules' plan this CSM starts, and which limit moved them:
    /// `None` when the rules' plan has them in post by the same month.
    pub fn deferral(&self, o: &Opening) -> Option<(u32, &str)> {
        let wanted =
            (1..self.rules_staff.len()).find(|&t| self.rules_staff[t] >= o.ordinal)? as u32;
        (o.start > wanted).then(|| {
            let cap_bound = self.budget_words.is_empty()
                || self
                    .cap
                    .get(o.start as usize - 1)
                    .is_none_or(|&c| c < o.ordinal);
            let words = if cap_bound {
                &self.cap_words
            } else {
                &self.budget_words
            };
            (o.start - wanted, words.as_str())
        })
    }

    /// The earliest month a CSM who brings the team to `team` may start, at the latest `start`.
    pub fn earliest(&self, team: u32, start: u32) -> u32 {
        budget_fit::first_affordable(&self.ceiling, team, 0).map_or(start, |t| t.min(start))
    }

    /// True when the fitted team is smaller than the rules call for in month `t`: only then are
    /// the seats filled in order of return.
    pub fn short(&self, t: usize, rules_required: u32) -> bool {
        self.ceiling.get(t).is_some_and(|&c| c < rules_required)
    }

    /// The churned ARR per unit of CSM cost one CSM's book of `seat`'s tier holds in month `t`.
    pub fn book_return(&self, seat: &TierSeat, t: usize) -> f64 {
        let churned = SERVED
            .iter()
            .position(|&k| k == seat.tier)
            .and_then(|k| self.tier_churn[k].get(t))
            .copied()
            .unwrap_or(0.0);
        budget_fit::book_return(churned, seat.need, self.csm_loaded)
    }
}

/// The staffing of the rules' plan and of the fitted plan, and what the fit gave up.
pub struct Fitted {
    /// The fitted plan's staffing.
    pub staffing: Staffing,
    /// The report for the plan's `budget_fit`.
    pub report: BudgetFit,
    /// Its warnings (rule `budget-fit`).
    pub warnings: Vec<Warning>,
}

/// Staffs `cx`'s base as the rules call for, then within the cap and budget.
pub fn fit(cx: &Context) -> Result<Fitted, PlanError> {
    let base = cx.base;
    let state = cx.state;
    let company = &base.company;
    let csm_loaded = base.salaries.of(Role::Csm);
    let starting = base.team.csm;
    let rules = staffing::plan_staff(cx)?;
    let detail = Detail::new(state);

    let affordable: Vec<u32> = state
        .arr
        .iter()
        .map(|&arr| budget_fit::affordable(company.csm_spend_cap, arr, csm_loaded))
        .collect();
    let cap = budget_fit::ceiling(&affordable, starting);
    let currency = company.currency.as_str();
    let mut fit = Fit {
        ceiling: cap.clone(),
        cap,
        cap_words: format!("the {} cap", percent(company.csm_spend_cap)),
        budget_words: match company.cs_budget_per_year {
            Some(b) => format!("the budget of {} a year", money_compact(b, currency)),
            None if !base.budget.is_empty() => "the fiscal year's budget".to_string(),
            None => String::new(),
        },
        csm_loaded,
        rules_staff: rules.staff.csm.clone(),
        tier_churn: detail.tier_churn(state),
    };
    let mut fitted = staffing::plan_staff(&Context {
        fit: Some(&fit),
        ..*cx
    })?;
    if year_months(cx).iter().any(|y| y.budget.is_some()) {
        let fits = |staffing: &Staffing| {
            fiscal_years(cx, staffing).iter().all(|y| {
                let csm: f64 = y
                    .months
                    .iter()
                    .map(|&t| staffing.yearly_cost(base, Role::Csm, t) / 12.0)
                    .sum();
                y.budget
                    .is_none_or(|b| csm + y.other_cost.iter().sum::<f64>() <= b + 0.5)
            })
        };
        // Step 1 of what the budget cannot fund: the external head of CS is deferred, a
        // promotion from within standing in, before any CSM book goes uncovered.
        let defer = !fits(&fitted);
        if defer {
            defer_head(cx, &mut fitted);
        }
        // Step 2: onboarding above its demand rounded down, where fees do not pay for it.
        let trim = !fits(&fitted);
        if trim {
            trim_onboarding(cx, &mut fitted);
        }
        let cut_others = |cx: &Context, staffing: &mut Staffing| {
            if defer {
                defer_head(cx, staffing);
            }
            if trim {
                trim_onboarding(cx, staffing);
            }
        };
        if !fits(&fitted) {
            // Step 3: CSM books. The other roles' cost is read from the last plan: fewer CSMs
            // need fewer managers, so each pass may leave room for more CSMs than the one
            // before. The best plan that fits is kept; three passes settle every base we have
            // tried.
            let (cap_ceiling, cap_staff) = (fit.ceiling.clone(), fitted.staff.csm.clone());
            let mut best: Option<(Vec<u32>, Staffing)> = None;
            let mut last = fitted.clone();
            for _ in 0..3 {
                let mut ceiling = cap_ceiling.clone();
                let years = fiscal_years(cx, &last);
                budget_fit::fit_years(&mut ceiling, &cap_staff, &years, csm_loaded, starting);
                if best.as_ref().is_some_and(|(c, _)| *c == ceiling) {
                    break;
                }
                fit.ceiling = ceiling;
                let mut candidate = staffing::plan_staff(&Context {
                    fit: Some(&fit),
                    ..*cx
                })?;
                cut_others(cx, &mut candidate);
                if fits(&candidate) {
                    best = Some((fit.ceiling.clone(), candidate.clone()));
                } else if best.is_some() {
                    break;
                }
                last = candidate;
            }
            match best {
                Some((ceiling, staffing)) => {
                    fit.ceiling = ceiling;
                    fitted = staffing;
                }
                None => {
                    // Nothing fits: the team in post, and a warning per year over.
                    fit.ceiling = cap_ceiling.iter().map(|_| starting).collect();
                    fitted = staffing::plan_staff(&Context {
                        fit: Some(&fit),
                        ..*cx
                    })?;
                    cut_others(cx, &mut fitted);
                }
            }
        }
    }
    let report = report(cx, &detail, &rules, &fitted);
    let warnings = warnings(cx, &report);
    Ok(Fitted {
        staffing: fitted,
        report,
        warnings,
    })
}

/// Rule `budget-fit` step 1: the external head of CS of `staffing` is not hired within the
/// horizon; from the month they would have started, one CSM in post (when the CS org has
/// reached the size at which a lead is promoted) becomes the director-level lead instead, and
/// their book is backfilled in the start the head leaves free. Returns true when there was a
/// head to defer.
fn defer_head(cx: &Context, staffing: &mut Staffing) -> bool {
    let horizon = cx.horizon as usize;
    let Some(at) = staffing.hires.iter().position(|h| {
        h.role == Role::Lead && h.kind == HireKind::Growth && h.start_month as usize <= horizon
    }) else {
        return false;
    };
    let head = staffing.hires.remove(at);
    let start = head.start_month as usize;
    let len = staffing.staff.lead.len();
    for t in start..len {
        staffing.staff.lead[t] = staffing.staff.lead[t].saturating_sub(1);
        staffing.required.lead[t] = staffing.required.lead[t].saturating_sub(1);
    }
    staffing.starts.lead[start] = staffing.starts.lead[start].saturating_sub(1);
    staffing.requisitions.lead = staffing.requisitions.lead.saturating_sub(1);
    // A promotion stands in, once the org is one a lead is promoted from and nobody leads it.
    let org = |s: &Staffing, t: usize| s.staff.csm[t] + s.staff.support[t] + s.staff.onboarding[t];
    let promoted = (start..=horizon).find(|&t| {
        staffing.staff.lead[t] == 0
            && staffing.staff.csm[t] > 0
            && head_of_cs::promotion_due(org(staffing, t))
    });
    if let Some(p) = promoted {
        let size = org(staffing, p);
        for t in p..len {
            staffing.staff.lead[t] += 1;
            staffing.directors[t] += 1;
        }
        // The promoted CSM's book is backfilled in the start the external head leaves free.
        staffing.promotions[p] += 1;
        staffing.starts.csm[p] += 1;
        staffing.promoted_from = Some(Role::Csm);
        let base = cx.base;
        let extra = base
            .salaries
            .of(Role::Manager)
            .max(base.salaries.of(Role::Csm))
            - base.salaries.of(Role::Csm);
        let label = cx.calendar.month_label(p as u32);
        staffing.hires.push(Hire {
            role: Role::Lead,
            open: label.clone(),
            start: label,
            open_month: p as u32,
            start_month: p as u32,
            segment: None,
            tier: None,
            kind: HireKind::Promotion,
            rule: RuleId::BudgetFit,
            reason: budget_fit::stand_in_reason(
                size,
                &head.start,
                &money_compact(extra.max(0.0), &base.company.currency),
            ),
            sized_by: None,
            health: None,
        });
        staffing.hires.push(Hire {
            role: Role::Csm,
            open: head.open.clone(),
            start: cx.calendar.month_label(p as u32),
            open_month: head.open_month,
            start_month: p as u32,
            segment: None,
            tier: None,
            kind: HireKind::Backfill,
            rule: RuleId::BudgetFit,
            reason: budget_fit::stand_in_backfill_reason(&cx.calendar.month_label(p as u32)),
            sized_by: None,
            health: None,
        });
        staffing.hires.sort_by_key(|h| h.open_month);
    }
    true
}

/// Rule `budget-fit` step 2: the onboarding team held to its demand rounded down
/// (`floor(FTE / 1.1)`, never below the team in post, and never more in a month than every
/// later month keeps), except in months whose services revenue (`onboarding_fee`) pays for the
/// team the rules plan. Each growth hire above that starts in the first month it is kept, or
/// not within the plan. A team with leavers is left as planned (their backfills are timed to
/// the team). Returns true when a hire moved.
fn trim_onboarding(cx: &Context, staffing: &mut Staffing) -> bool {
    let Some(need) = staffing.onboarding_need.clone() else {
        return false;
    };
    if staffing.leavers.onboarding.iter().any(|&n| n > 0) {
        return false;
    }
    let base = cx.base;
    let starting = base.team.onboarding;
    let monthly = base.salaries.of(Role::Onboarding) / 12.0;
    let len = staffing.staff.onboarding.len();
    let mut allowed: Vec<u32> = (0..len)
        .map(|t| {
            let planned = staffing.staff.onboarding[t];
            let paid = cx
                .state
                .services_revenue
                .get(t)
                .is_some_and(|&r| r > 0.0 && r + 1e-9 >= f64::from(planned) * monthly);
            if paid {
                planned
            } else {
                let floor = (need[t] / onboarding_demand::MAX_UTILISATION + 1e-9).floor();
                (floor.clamp(0.0, f64::from(u32::MAX)) as u32).min(planned)
            }
            .max(starting)
        })
        .collect();
    let mut least = u32::MAX;
    for slot in allowed.iter_mut().rev() {
        least = least.min(*slot);
        *slot = least;
    }
    let lead = base.company.hire_lead_months;
    let mut order: Vec<usize> = (0..staffing.hires.len())
        .filter(|&i| {
            let h = &staffing.hires[i];
            h.role == Role::Onboarding && h.kind == HireKind::Growth
        })
        .collect();
    order.sort_by_key(|&i| staffing.hires[i].start_month);
    let mut moved = false;
    let mut dropped = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        let ordinal = starting + k as u32 + 1;
        let start = staffing.hires[i].start_month as usize;
        match (start..len).find(|&t| allowed[t] >= ordinal) {
            Some(t) if t == start => {}
            Some(t) if (t as u32).saturating_sub(lead).max(1) <= cx.horizon => {
                let h = &mut staffing.hires[i];
                let later = t as u32 - h.start_month;
                h.start_month = t as u32;
                h.open_month = (t as u32).saturating_sub(lead).max(1);
                h.start = cx.calendar.month_label(h.start_month);
                h.open = cx.calendar.month_label(h.open_month);
                h.rule = RuleId::BudgetFit;
                h.reason
                    .push_str(&budget_fit::onboarding_note(later, &h.start));
                moved = true;
            }
            _ => {
                dropped.push(i);
                moved = true;
            }
        }
    }
    if !moved {
        return false;
    }
    dropped.sort_unstable();
    for &i in dropped.iter().rev() {
        staffing.hires.remove(i);
    }
    staffing.hires.sort_by_key(|h| h.open_month);
    let mut starts = vec![0u32; len];
    for h in staffing
        .hires
        .iter()
        .filter(|h| h.role == Role::Onboarding && h.kind != HireKind::Promotion)
    {
        if let Some(slot) = starts.get_mut(h.start_month as usize) {
            *slot += 1;
        }
    }
    let mut in_post = starting;
    for ((staff, required), &started) in staffing
        .staff
        .onboarding
        .iter_mut()
        .zip(staffing.required.onboarding.iter_mut())
        .zip(&starts)
    {
        in_post += started;
        *staff = in_post;
        *required = (*required).min(in_post);
    }
    staffing.starts.onboarding = starts;
    staffing.requisitions.onboarding = staffing
        .hires
        .iter()
        .filter(|h| h.role == Role::Onboarding && h.open_month <= cx.horizon)
        .count() as u32;
    true
}

/// For a plan not fitted: a warning per fiscal year whose CS cost passes `cs_budget_per_year`,
/// pointing at `--within-budget`.
pub fn over_budget(cx: &Context, staffing: &Staffing) -> Vec<Warning> {
    let currency = cx.base.company.currency.as_str();
    let mut out = Vec::new();
    for year in year_months(cx) {
        let Some(budget) = year.budget else {
            continue;
        };
        let cost: f64 = year
            .months
            .iter()
            .map(|&t| monthly_cost(cx, staffing, &Role::ALL, t))
            .sum();
        let months = year.months.len() as u32;
        if round_money(cost) > round_money(budget) {
            let key = if cx.base.budget.contains_key(&year.label) {
                format!("[budget] {}", year.label)
            } else {
                "cs_budget_per_year".to_string()
            };
            out.push(Warning {
                rule: RuleId::BudgetFit,
                kind: WarningKind::Assumption,
                period: Some(year.label),
                message: format!(
                    "CS cost {} is over the budget of {} for the year ({key}{}); plan \
                     --within-budget fits the plan to it and says what that gives up",
                    money_compact(cost, currency),
                    money_compact(budget, currency),
                    budget_fit::share_words(months),
                ),
            });
        }
    }
    out
}

/// One fiscal year of the horizon: its label, its months 1..=horizon, and the budget they are
/// held to (rule `budget-fit`).
struct YearMonths {
    label: String,
    months: Vec<usize>,
    /// The horizon ends inside it (its last month is not the fiscal year's last).
    ends_inside: bool,
    /// The whole year's figure: its `[budget]` entry, else `cs_budget_per_year`.
    yearly: Option<f64>,
    /// What its months may cost (`budget_fit::year_budget`).
    budget: Option<f64>,
}

/// The fiscal years of the horizon, in order.
fn year_months(cx: &Context) -> Vec<YearMonths> {
    let mut years: Vec<(i64, String, Vec<usize>)> = Vec::new();
    for t in 1..=cx.horizon as usize {
        let (key, label) = cx.calendar.year_of(t as u32);
        match years.last_mut() {
            Some((k, _, months)) if *k == key => months.push(t),
            _ => years.push((key, label, vec![t])),
        }
    }
    let after = cx.calendar.year_of(cx.horizon + 1).0;
    let company = &cx.base.company;
    years
        .into_iter()
        .map(|(key, label, months)| {
            let ends_inside = key == after;
            let named = cx.base.budget.get(&label).copied();
            YearMonths {
                ends_inside,
                yearly: named.or(company.cs_budget_per_year),
                budget: budget_fit::year_budget(
                    named,
                    company.cs_budget_per_year,
                    months.len() as u32,
                    ends_inside,
                ),
                label,
                months,
            }
        })
        .collect()
}

/// A staffing's cost per month of `roles`, months 0..=months.
fn monthly_cost(cx: &Context, staffing: &Staffing, roles: &[Role], t: usize) -> f64 {
    roles
        .iter()
        .map(|&r| staffing.yearly_cost(cx.base, r, t) / 12.0)
        .sum()
}

/// The fiscal years of the horizon, with the cost of every role but CSMs in each month.
fn fiscal_years(cx: &Context, staffing: &Staffing) -> Vec<FiscalYear> {
    let others: Vec<Role> = Role::ALL
        .iter()
        .copied()
        .filter(|&r| r != Role::Csm)
        .collect();
    year_months(cx)
        .into_iter()
        .map(|y| FiscalYear {
            other_cost: y
                .months
                .iter()
                .map(|&t| monthly_cost(cx, staffing, &others, t))
                .collect(),
            months: y.months,
            budget: y.budget,
        })
        .collect()
}

/// CSM FTE serving each CSM-covered segment per month 1..=horizon: the team in post spread over
/// the tiers as its hires were placed (the starting team and shared CSMs by need), and within a
/// tier by need.
fn segment_shares(cx: &Context, detail: &Detail, staffing: &Staffing) -> Vec<Vec<f64>> {
    let state = cx.state;
    let horizon = cx.horizon as usize;
    let tiers = [Tier::Enterprise, Tier::MidMarket, Tier::Smb];
    let index = |tier: Tier| tiers.iter().position(|&k| k == tier);
    // Dedicated CSMs started per tier and month, and shared ones.
    let mut started = vec![[0.0f64; 4]; horizon + 1];
    for h in staffing
        .hires
        .iter()
        .filter(|h| h.role == Role::Csm && h.start_month as usize <= horizon)
    {
        let slot = h.tier.and_then(index).unwrap_or(3);
        started[h.start_month as usize][slot] += 1.0;
    }
    let mut counts = [0.0, 0.0, 0.0, f64::from(cx.base.team.csm)];
    let served: Vec<usize> = (0..state.segments.len())
        .filter(|&i| state.segments[i].accounts_per_csm.is_some())
        .collect();
    let mut out = vec![vec![0.0; horizon + 1]; state.segments.len()];
    for t in 1..=horizon {
        for (c, s) in counts.iter_mut().zip(started[t]) {
            *c += s;
        }
        let mut need = [0.0f64; 3];
        for &i in &served {
            if let Some(k) = index(state.segments[i].tier) {
                need[k] += detail.segments[i].as_ref().map_or(0.0, |d| d.need[t]);
            }
        }
        let total_need: f64 = need.iter().sum();
        let tracked: f64 = counts.iter().sum();
        let scale = if tracked > 0.0 {
            f64::from(staffing.staff.csm[t]) / tracked
        } else {
            0.0
        };
        let per_tier: Vec<f64> = (0..3)
            .map(|k| {
                let shared = if total_need > 0.0 {
                    counts[3] * need[k] / total_need
                } else {
                    0.0
                };
                (counts[k] + shared) * scale
            })
            .collect();
        for &i in &served {
            let s = &state.segments[i];
            if let Some(k) = index(s.tier).filter(|&k| need[k] > 0.0) {
                let own = detail.segments[i].as_ref().map_or(0.0, |d| d.need[t]);
                out[i][t] = per_tier[k] * own / need[k];
            }
        }
    }
    out
}

fn report(cx: &Context, detail: &Detail, rules: &Staffing, fitted: &Staffing) -> BudgetFit {
    let base = cx.base;
    let state = cx.state;
    let company = &base.company;
    let horizon = cx.horizon as usize;
    let csm_loaded = base.salaries.of(Role::Csm);
    let months = 1..=horizon;

    let cap_to_staff_rules = months
        .clone()
        .map(|t| csm_spend_ratio(rules.staff.csm[t], csm_loaded, state.arr[t]))
        .try_fold(0.0f64, |most, r| r.map(|r| most.max(r)))
        .map(|r| (r * 10_000.0 - 1e-6).ceil() / 10_000.0);
    // Per fiscal year, sums of unrounded monthly costs, rounded once (SPEC §5).
    let mut budget_to_staff_rules = 0.0f64;
    let fiscal_years: Vec<FiscalYearFit> = year_months(cx)
        .into_iter()
        .map(|y| {
            let cost = |s: &Staffing| -> f64 {
                y.months
                    .iter()
                    .map(|&t| monthly_cost(cx, s, &Role::ALL, t))
                    .sum()
            };
            let (fitted_cost, rules_cost) = (cost(fitted), cost(rules));
            let n = y.months.len() as u32;
            // A year the horizon ends inside is no year's evidence: its cost is not scaled up.
            if !y.ends_inside {
                budget_to_staff_rules = budget_to_staff_rules.max(rules_cost * 12.0 / f64::from(n));
            }
            let last = y.months.last().copied().unwrap_or(horizon);
            FiscalYearFit {
                period: y.label,
                months: n,
                budget: y.budget.map(round_money),
                cs_cost: round_money(fitted_cost),
                rules_cs_cost: round_money(rules_cost),
                ends_inside: y.ends_inside,
                year_budget: y.yearly.map(round_money),
                run_rate: round_money(monthly_cost(cx, fitted, &Role::ALL, last) * 12.0),
                overrun: match y.budget {
                    Some(b) if round_money(fitted_cost) > round_money(b) => {
                        overrun(cx, fitted, &y.months)
                    }
                    _ => Vec::new(),
                },
            }
        })
        .collect();

    let fitted_shares = segment_shares(cx, detail, fitted);
    let rules_shares = segment_shares(cx, detail, rules);
    let segments = state
        .segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.accounts_per_csm.is_some())
        .map(|(i, s)| {
            let short = |t: usize| rules_shares[i][t] - fitted_shares[i][t];
            let months_short = months.clone().filter(|&t| short(t) >= 0.005).count() as u32;
            let worst = months
                .clone()
                .filter(|&t| short(t) >= 0.005)
                .max_by(|&a, &b| {
                    let rel = |t: usize| short(t) / rules_shares[i][t].max(1e-9);
                    rel(a).total_cmp(&rel(b)).then(b.cmp(&a))
                })
                .unwrap_or(horizon);
            let per = |amount: f64, fte: f64| (fte >= 0.005).then_some(amount / fte);
            let series = detail.segments[i].as_ref();
            let customers = series.map_or(0.0, |d| d.customers[worst]);
            let arr = series.map_or(0.0, |d| d.arr[worst]);
            let (fitted_fte, rules_fte) = (fitted_shares[i][worst], rules_shares[i][worst]);
            SegmentFit {
                name: s.segment.name.clone(),
                tier: s.tier,
                period: cx.calendar.month_label(worst as u32),
                months_short,
                csm_fte: round_to(fitted_fte, 2),
                rules_csm_fte: round_to(rules_fte, 2),
                accounts_per_csm: per(customers, fitted_fte).map(|v| round_to(v, 2)),
                rules_accounts_per_csm: per(customers, rules_fte).map(|v| round_to(v, 2)),
                keybanc_accounts_per_csm: accounts_per_csm::keybanc_accounts_per_csm(s.tier),
                arr_per_csm: per(arr, fitted_fte).map(round_money),
                rules_arr_per_csm: per(arr, rules_fte).map(round_money),
                keybanc_arr_per_csm: round_money(from_usd(
                    accounts_per_csm::keybanc_arr_per_csm_usd(Some(s.tier)),
                    company.usd_rate,
                )),
            }
        })
        .collect();

    let started = |s: &Staffing| {
        s.hires
            .iter()
            .filter(|h| h.role == Role::Csm && h.start_month as usize <= horizon)
            .count() as u32
    };
    let months_over_cap = months
        .clone()
        .filter(|&t| {
            crate::rules::spend_cap::over_cap(
                csm_spend_ratio(fitted.staff.csm[t], csm_loaded, state.arr[t]),
                company.csm_spend_cap,
            )
        })
        .count() as u32;
    let over_budget = fiscal_years
        .iter()
        .any(|y| y.budget.is_some_and(|b| y.cs_cost > b));
    BudgetFit {
        met: months_over_cap == 0 && !over_budget,
        months_over_cap,
        csm_spend_cap: company.csm_spend_cap,
        cs_budget_per_year: company.cs_budget_per_year.map(round_money),
        rules_csm: rules.staff.csm[horizon],
        csm: fitted.staff.csm[horizon],
        months_short: months
            .clone()
            .filter(|&t| fitted.staff.csm[t] < rules.staff.csm[t])
            .count() as u32,
        deferred_hires: fitted
            .hires
            .iter()
            .filter(|h| h.rule == RuleId::BudgetFit)
            .count() as u32,
        unfunded_hires: started(rules).saturating_sub(started(fitted)),
        cap_to_staff_rules,
        // A full year's rate: a partial year's cost scaled to twelve months.
        budget_to_staff_rules: round_money(budget_to_staff_rules),
        fiscal_years,
        segments,
        cuts: cuts(cx, detail, rules, fitted, &rules_shares, &fitted_shares),
    }
}

/// The cost of each role in `months`, split into the people in post at the start and the hires
/// kept: what a fiscal year over its budget is made of.
fn overrun(cx: &Context, staffing: &Staffing, months: &[usize]) -> Vec<OverrunCause> {
    Role::ALL
        .iter()
        .filter_map(|&role| {
            let starting = f64::from(cx.base.team.of(role));
            let (mut in_post, mut kept) = (0.0, 0.0);
            for &t in months {
                let cost = staffing.yearly_cost(cx.base, role, t) / 12.0;
                let staff = f64::from(staffing.staff.get_ref(role)[t]);
                if staff > 0.0 {
                    let share = starting.min(staff) / staff;
                    in_post += cost * share;
                    kept += cost * (1.0 - share);
                }
            }
            (in_post + kept >= 0.5).then(|| OverrunCause {
                role,
                in_post_at_start: round_money(in_post),
                hires_kept: round_money(kept),
            })
        })
        .collect()
}

/// What the fitted plan gives up against the rules' plan, in rule budget-fit's order: the
/// external head deferred (1), CSM books lowest return first (3), managers following the
/// funded team (4). Support is funded to its demand and never appears.
fn cuts(
    cx: &Context,
    detail: &Detail,
    rules: &Staffing,
    fitted: &Staffing,
    rules_shares: &[Vec<f64>],
    fitted_shares: &[Vec<f64>],
) -> Vec<BudgetCut> {
    let base = cx.base;
    let horizon = cx.horizon as usize;
    let months = 1..=horizon;
    let label = |t: usize| cx.calendar.month_label(t as u32);
    let cost_of = |s: &Staffing, role: Role, t: usize| s.yearly_cost(base, role, t) / 12.0;
    let mut out = Vec::new();

    // 1. The external head of CS: months the rules' plan has a hired head in post and the
    // fitted plan does not (a promotion may stand in; its cost is netted off).
    let hired = |s: &Staffing, t: usize| s.staff.lead[t].saturating_sub(s.directors[t]);
    let head_months: Vec<usize> = months
        .clone()
        .filter(|&t| hired(rules, t) > hired(fitted, t))
        .collect();
    if let Some(&first) = head_months.first() {
        let saved: f64 = months
            .clone()
            .map(|t| cost_of(rules, Role::Lead, t) - cost_of(fitted, Role::Lead, t))
            .sum();
        let stand_in = fitted
            .hires
            .iter()
            .find(|h| h.kind == HireKind::Promotion && h.role == Role::Lead)
            .map(|h| h.start.clone());
        out.push(BudgetCut {
            stand_in,
            step: budget_fit::STEP_HEAD,
            role: Role::Lead,
            segment: None,
            period: label(first),
            months: head_months.len() as u32,
            fte: 1.0,
            amount: round_money(saved.max(0.0)),
            churned_arr_at_risk: None,
            at_risk_period: None,
            hours_unserved: None,
        });
    }

    // 2. Onboarding above its demand rounded down: the months the fitted team is smaller.
    let fewer = |t: usize| rules.staff.onboarding[t].saturating_sub(fitted.staff.onboarding[t]);
    let onboarding_months: Vec<usize> = months.clone().filter(|&t| fewer(t) > 0).collect();
    if let Some(&first) = onboarding_months.first() {
        let saved: f64 = months
            .clone()
            .map(|t| cost_of(rules, Role::Onboarding, t) - cost_of(fitted, Role::Onboarding, t))
            .sum();
        let hours = base.onboarding.billable_hours_per_month;
        let unserved = fitted.onboarding_need.as_ref().map(|need| {
            onboarding_months
                .iter()
                .map(|&t| {
                    let capacity =
                        f64::from(fitted.staff.onboarding[t]) * onboarding_demand::MAX_UTILISATION;
                    (need[t] - capacity).max(0.0) * hours
                })
                .fold(0.0, f64::max)
        });
        out.push(BudgetCut {
            step: budget_fit::STEP_ONBOARDING,
            role: Role::Onboarding,
            segment: None,
            period: label(first),
            months: onboarding_months.len() as u32,
            fte: f64::from(
                onboarding_months
                    .iter()
                    .map(|&t| fewer(t))
                    .max()
                    .unwrap_or(0),
            ),
            amount: round_money(saved.max(0.0)),
            churned_arr_at_risk: None,
            at_risk_period: None,
            stand_in: None,
            hours_unserved: unserved.map(|h| round_to(h, 0)),
        });
    }

    // 3. CSM books, lowest return first.
    let csm_loaded = base.salaries.of(Role::Csm);
    let max_load = base.company.max_load;
    let mut books: Vec<(f64, BudgetCut)> = Vec::new();
    for (i, s) in cx.state.segments.iter().enumerate() {
        let Some(series) = detail.segments[i].as_ref() else {
            continue;
        };
        let short = |t: usize| rules_shares[i][t] - fitted_shares[i][t];
        let short_months: Vec<usize> = months.clone().filter(|&t| short(t) >= 0.005).collect();
        let Some(&first) = short_months.first() else {
            continue;
        };
        let at_risk = |t: usize| {
            let need = series.need[t];
            let cover = |fte: f64| crate::rules::coverage_response::coverage(fte, need, max_load);
            series.arr[t]
                * s.annual_churn
                * (cover(rules_shares[i][t]) - cover(fitted_shares[i][t]))
        };
        let worst = short_months
            .iter()
            .copied()
            .max_by(|&a, &b| at_risk(a).total_cmp(&at_risk(b)).then(b.cmp(&a)))
            .unwrap_or(first);
        let fte = short_months.iter().map(|&t| short(t)).fold(0.0, f64::max);
        let amount: f64 = short_months
            .iter()
            .map(|&t| short(t) * csm_loaded / 12.0)
            .sum();
        let ret = budget_fit::book_return(
            series.arr[first] * s.annual_churn,
            series.need[first],
            csm_loaded,
        );
        books.push((
            ret,
            BudgetCut {
                step: budget_fit::STEP_BOOKS,
                role: Role::Csm,
                segment: Some(s.segment.name.clone()),
                period: label(first),
                months: short_months.len() as u32,
                fte: round_to(fte, 2),
                amount: round_money(amount),
                churned_arr_at_risk: Some(round_money(at_risk(worst).max(0.0))),
                at_risk_period: Some(label(worst)),
                stand_in: None,
                hours_unserved: None,
            },
        ));
    }
    books.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.extend(books.into_iter().map(|(_, cut)| cut));

    // 4. Managers follow the funded team's span.
    let fewer = |t: usize| rules.staff.manager[t].saturating_sub(fitted.staff.manager[t]);
    let manager_months: Vec<usize> = months.clone().filter(|&t| fewer(t) > 0).collect();
    if let Some(&first) = manager_months.first() {
        let saved: f64 = months
            .clone()
            .map(|t| cost_of(rules, Role::Manager, t) - cost_of(fitted, Role::Manager, t))
            .sum();
        out.push(BudgetCut {
            step: budget_fit::STEP_MANAGERS,
            role: Role::Manager,
            segment: None,
            period: label(first),
            months: manager_months.len() as u32,
            fte: f64::from(manager_months.iter().map(|&t| fewer(t)).max().unwrap_or(0)),
            amount: round_money(saved.max(0.0)),
            churned_arr_at_risk: None,
            at_risk_period: None,
            stand_in: None,
            hours_unserved: None,
        });
    }
    out
}

fn warnings(cx: &Context, fit: &BudgetFit) -> Vec<Warning> {
    let currency = cx.base.company.currency.as_str();
    let mut out = Vec::new();
    for year in &fit.fiscal_years {
        let Some(over) = year
            .budget
            .map(|b| (year.cs_cost - b) as f64)
            .filter(|&over| over >= 1.0)
        else {
            continue;
        };
        out.push(Warning {
            rule: RuleId::BudgetFit,
            kind: WarningKind::Assumption,
            period: Some(year.period.clone()),
            message: format!(
                "CS cost {}, {} over the budget of {} for the year: {}; support is funded to its demand \
                 first (first-cs-org: never too few support resources) and csplan plans no one letting go",
                money_compact(year.cs_cost as f64, currency),
                money_compact(over, currency),
                money_compact(year.budget.unwrap_or(0) as f64, currency),
                budget_fit::overrun_words(
                    &year
                        .overrun
                        .iter()
                        .map(|c| (c.role, c.in_post_at_start, c.hires_kept))
                        .collect::<Vec<_>>(),
                    |amount| money_compact(amount as f64, currency),
                ),
            ),
        });
    }
    for year in &fit.fiscal_years {
        let Some(yearly) = year
            .year_budget
            .filter(|&b| year.ends_inside && year.budget.is_none() && year.run_rate > b)
        else {
            continue;
        };
        out.push(Warning {
            rule: RuleId::BudgetFit,
            kind: WarningKind::Assumption,
            period: Some(year.period.clone()),
            message: budget_fit::tail_year_note(
                &year.period,
                year.months,
                &money_compact(year.run_rate as f64, currency),
                &money_compact(yearly as f64, currency),
            ),
        });
    }
    if fit.months_short == 0 && fit.unfunded_hires == 0 {
        return out;
    }
    let limits = match fit.cs_budget_per_year {
        Some(b) => format!(
            "the {} cap and a budget of {} a year",
            percent(fit.csm_spend_cap),
            money_compact(b as f64, currency)
        ),
        None if fit.fiscal_years.iter().any(|y| y.budget.is_some()) => format!(
            "the {} cap and the budgets [budget] names",
            percent(fit.csm_spend_cap)
        ),
        None => format!("the {} cap", percent(fit.csm_spend_cap)),
    };
    let needs = fit.needs(|amount| money_compact(amount as f64, currency));
    let first_short = (1..=cx.horizon).find(|&t| {
        fit.segments
            .iter()
            .any(|s| s.months_short > 0 && s.period == cx.calendar.month_label(t))
    });
    out.push(Warning {
        rule: RuleId::BudgetFit,
        kind: WarningKind::Understaffed,
        period: first_short.map(|t| cx.calendar.month_label(t)),
        message: format!(
            "within {limits}: {} CSM hire{} later than the rules' plan and {} {} not funded in the horizon, \
             {} month{} with fewer CSMs than the rules call for ({} against {} at the end); staffing the rules needs \
             {needs} (first-cs-org: spending much more than 10% means looking again at product fit for the \
             segments served)",
            fit.deferred_hires,
            if fit.deferred_hires == 1 { " starts" } else { "s start" },
            fit.unfunded_hires,
            if fit.unfunded_hires == 1 { "is" } else { "are" },
            fit.months_short,
            if fit.months_short == 1 { "" } else { "s" },
            fit.csm,
            fit.rules_csm,
        ),
    });
    out
}
