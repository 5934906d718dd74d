//! `plan --within-budget` (rule [`budget_fit`]): the rules' plan is staffed first; then the CSM
//! team is held to what the cap affords, then to what each fiscal year's budget leaves, and
//! staffed again under that ceiling. The report compares the fitted plan with the rules' plan.

mod report;
mod steps;

use report::{report, warnings};
use steps::{defer_head, trim_onboarding};

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
        // Per fiscal year held to a budget: the CS cost over it (0 or less: within it).
        let excess = |staffing: &Staffing| -> Vec<f64> {
            fiscal_years(cx, staffing)
                .iter()
                .map(|y| {
                    let csm: f64 = y
                        .months
                        .iter()
                        .map(|&t| staffing.yearly_cost(base, Role::Csm, t) / 12.0)
                        .sum();
                    y.budget
                        .map_or(0.0, |b| csm + y.other_cost.iter().sum::<f64>() - b - 0.5)
                })
                .collect()
        };
        let fits = |staffing: &Staffing| excess(staffing).iter().all(|&e| e <= 0.0);
        // A step is taken only when the budget still binds, and only when it lowers the cost
        // of a year over its budget.
        let helps = |before: &Staffing, after: &Staffing| {
            excess(before)
                .iter()
                .zip(excess(after))
                .any(|(&b, a)| b > 0.0 && a < b - 0.5)
        };
        let take = |step: fn(&Context, &mut Staffing) -> bool, fitted: &mut Staffing| {
            if fits(fitted) {
                return false;
            }
            let mut candidate = fitted.clone();
            let taken = step(cx, &mut candidate) && helps(fitted, &candidate);
            if taken {
                *fitted = candidate;
            }
            taken
        };
        // Step 1 of what the budget cannot fund: the external head of CS is deferred, a
        // promotion from within standing in, before any CSM book goes uncovered.
        let defer = take(defer_head, &mut fitted);
        // Step 2: onboarding above its demand rounded down, where fees do not pay for it.
        let trim = take(trim_onboarding, &mut fitted);
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
