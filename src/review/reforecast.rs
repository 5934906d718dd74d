//! The re-forecast: the rest of the horizon planned again from the last month of actuals, the
//! hires that changes, and the fiscal year's end both ways.
//!
//! Every segment's logos and ARR are scaled at that month by the actual totals over the plan's
//! (each cohort keeps its share, so annual renewals still fall when they fall); the team is the
//! one the actuals give at that month, role by role, else the plan's. The planner then carries
//! on by its own rules ([`crate::replan`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::actuals::{Actuals, Figure};
use super::compare::{
    calendar, headcount_of, period_of, plan_cost_exact, plan_figure, row, team_of,
};
use super::{HireCheck, HireStatus, ReviewError, ReviewPeriod};
use crate::format::{round_money, round_to};
use crate::model::{Base, Role};
use crate::plan::{ByRole, Hire, Plan};
use crate::{PlanOptions, Resume};

/// What the re-forecast starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReforecastBasis {
    /// The last month of actuals; the re-forecast plans the months after it.
    pub from: String,
    /// Actual / planned customers at that month, applied to every segment (1 when the
    /// actuals leave it empty).
    pub customers_factor: f64,
    /// Actual / planned ARR at that month, applied to every segment.
    pub arr_factor: f64,
    /// The team in post at that month.
    pub team: ByRole<u32>,
    /// Roles whose headcount the actuals leave empty at that month: the plan's is used.
    pub team_as_planned: Vec<Role>,
}

/// How the re-forecast changes a hire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HireChangeKind {
    /// A hire the approved plan does not have.
    Added,
    /// An approved hire the re-forecast no longer makes.
    Dropped,
    /// The same hire, starting earlier.
    Earlier,
    /// The same hire, starting later.
    Later,
}

/// One hire of the re-forecast that differs from the approved plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HireChange {
    /// The role.
    pub role: Role,
    /// Added, dropped, earlier or later.
    pub change: HireChangeKind,
    /// The approved start month.
    pub planned_start: Option<String>,
    /// The re-forecast's start month.
    pub reforecast_start: Option<String>,
    /// The re-forecast's requisition month.
    pub reforecast_open: Option<String>,
    /// The segment (CSMs).
    pub segment: Option<String>,
    /// Why, from the re-forecast (or the approved plan, for a dropped hire).
    pub reason: String,
}

/// One figure of the year-end position, approved plan against re-forecast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Outlook<T> {
    /// In the approved plan.
    pub plan: T,
    /// In the re-forecast.
    pub reforecast: T,
    /// `reforecast − plan`.
    pub change: T,
    /// The change as a fraction of plan, to 4 decimals; `null` when the plan figure is 0.
    pub change_pct: Option<f64>,
}

impl Outlook<i64> {
    pub(super) fn new(plan: i64, reforecast: i64) -> Self {
        Self {
            plan,
            reforecast,
            change: reforecast - plan,
            change_pct: (plan != 0).then(|| round_to((reforecast - plan) as f64 / plan as f64, 4)),
        }
    }
}

/// The fiscal year in progress after the last month of actuals, at its end (or the horizon's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct YearEnd {
    /// `FY2027`, or `Y1` without a start month.
    pub period: String,
    /// Its last month within the horizon.
    pub through: String,
    /// Run-rate ARR at that month.
    pub arr: Outlook<i64>,
    /// CSMs in post.
    pub csm: Outlook<i64>,
    /// Support in post.
    pub support: Outlook<i64>,
    /// Onboarding in post.
    pub onboarding: Outlook<i64>,
    /// Head of CS in post.
    pub lead: Outlook<i64>,
    /// CS cost over the year: for the re-forecast, the actual cost of the months lived (the
    /// plan's for a month whose actuals leave it empty) and the re-forecast's for the rest.
    pub cs_cost: Outlook<i64>,
    /// Months of the year whose actual cost is counted.
    pub months_actual: u32,
    /// Months of the year lived whose actuals leave the cost empty: counted at plan.
    pub months_at_plan: u32,
    /// Months of the year re-forecast.
    pub months_reforecast: u32,
}

/// Refuses a base that does not plan the approved plan's months and segments; returns its plan.
pub(super) fn check_same_plan(
    base: &Base,
    options: &PlanOptions,
    approved: &Plan,
) -> Result<Plan, ReviewError> {
    let planned = crate::plan(base, options)?;
    let labels =
        |p: &Plan| -> Vec<String> { p.timeline.iter().map(|r| r.period.clone()).collect() };
    let segments = |p: &Plan| -> Vec<String> {
        p.assumptions
            .segments
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    let span = |p: &Plan| {
        format!(
            "{} to {}",
            p.timeline.first().map_or("", |r| r.period.as_str()),
            p.timeline.last().map_or("", |r| r.period.as_str())
        )
    };
    if labels(&planned) != labels(approved) {
        return Err(ReviewError::OtherBase(format!(
            "the base plans {}, the approved plan {}",
            span(&planned),
            span(approved)
        )));
    }
    if segments(&planned) != segments(approved) {
        return Err(ReviewError::OtherBase(format!(
            "the base's segments are {}, the approved plan's {}",
            segments(&planned).join(", "),
            segments(approved).join(", ")
        )));
    }
    Ok(planned)
}

/// `approved` with each month's unrounded cost taken from `planned` (its base planned here)
/// where the approved plan has none (read back from JSON, whole units only) and the two agree
/// on the month's team and rounded cost: sums over months are then of the planner's own
/// figures, rounded once.
pub(super) fn with_exact_costs(approved: &Plan, planned: &Plan) -> Plan {
    let mut filled = approved.clone();
    for row in &mut filled.timeline {
        if row.cost_exact.0.is_some() {
            continue;
        }
        if let Some(again) = planned.timeline.iter().find(|r| r.month == row.month)
            && again.cs_cost == row.cs_cost
            && team_of(again) == team_of(row)
        {
            row.cost_exact = again.cost_exact;
        }
    }
    filled
}

/// The remaining months planned again from the last month of actuals.
pub(super) fn reforecast(
    base: &Base,
    options: &PlanOptions,
    approved: &Plan,
    actuals: &Actuals,
    hires: &[HireCheck],
    notes: &mut Vec<String>,
) -> Result<(ReforecastBasis, Plan), ReviewError> {
    let Some(last) = actuals.months.last() else {
        return Err(ReviewError::NotMonthly);
    };
    let planned = row(approved, last.month);
    let mut factor = |figure: Figure| -> f64 {
        let (Some(actual), Some(plan)) = (
            last.get(figure),
            planned.and_then(|r| plan_figure(r, figure)),
        ) else {
            return 1.0;
        };
        if plan > 0.0 {
            actual / plan
        } else {
            if actual > 0.0 {
                notes.push(format!(
                    "re-forecast: the plan has no {} in {} to scale from: projected as planned",
                    figure.name(),
                    last.period
                ));
            }
            1.0
        }
    };
    let customers = factor(Figure::Customers);
    let arr = factor(Figure::Arr);
    let mut team_as_planned = Vec::new();
    let team = ByRole::from_fn(|role| match last.get(headcount_of(role)) {
        Some(actual) => actual as u32,
        None => {
            team_as_planned.push(role);
            planned.map_or(0, |r| team_of(r).get(role))
        }
    });
    let (opened, reopened) = requisitions(approved, hires, last.month);
    let resume = Resume {
        month: last.month,
        customers,
        arr,
        team,
        opened,
        promotion: Resume::promotion_in(&approved.hires, last.month),
        reopened,
    };
    let plan = crate::replan(base, options, &resume)?;
    let basis = ReforecastBasis {
        from: last.period.clone(),
        customers_factor: round_to(customers, 4),
        arr_factor: round_to(arr, 4),
        team,
        team_as_planned,
    };
    Ok((basis, plan))
}

/// The approved requisitions the re-forecast carries at month `k`, and the missing hires it
/// plans again. A requisition whose person arrived early (matched to an arrival by `k`) is
/// filled: its person is in the team in post, so it is no longer waiting; a growth hire due by
/// `k` and missing is opened again the month after `k`.
fn requisitions(
    approved: &Plan,
    hires: &[HireCheck],
    k: u32,
) -> (ByRole<Vec<(u32, u32)>>, ByRole<u32>) {
    let mut opened = Resume::opened_in(&approved.hires, k);
    let growth = |c: &HireCheck| {
        approved.hires.iter().find(|h| {
            h.role == c.role
                && h.kind == crate::plan::HireKind::Growth
                && Some(&h.open) == c.planned_open.as_ref()
                && Some(&h.start) == c.planned_start.as_ref()
        })
    };
    let mut reopened = ByRole::<u32>::default();
    for check in hires {
        let Some(hire) = growth(check) else {
            continue;
        };
        match check.status {
            HireStatus::Early if hire.start_month > k => {
                let list = opened.get_mut(check.role);
                if let Some(i) = list
                    .iter()
                    .position(|&(o, s)| (o, s) == (hire.open_month, hire.start_month))
                {
                    list.remove(i);
                }
            }
            HireStatus::Missing => *reopened.get_mut(check.role) += 1,
            _ => {}
        }
    }
    (opened, reopened)
}

/// The re-forecast's hires against the approved hires still to come (`to_come`: missing at
/// `last`, or due later and not filled early), role by role: hires starting in the same month
/// are the same hire; the others are paired in start order (earlier or later), and what is left
/// is added or dropped.
pub(super) fn hire_changes(to_come: &[Hire], reforecast: &Plan, last: u32) -> Vec<HireChange> {
    let mut changes = Vec::new();
    for role in Role::ALL {
        let mut planned: Vec<Hire> = to_come.iter().filter(|h| h.role == role).cloned().collect();
        planned.sort_by_key(|h| h.start_month);
        let mut again: Vec<Hire> = reforecast
            .hires
            .iter()
            .filter(|h| h.role == role && h.start_month > last)
            .cloned()
            .collect();
        again.sort_by_key(|h| h.start_month);
        // The same start month: the same hire.
        planned.retain(
            |p| match again.iter().position(|a| a.start_month == p.start_month) {
                Some(i) => {
                    again.remove(i);
                    false
                }
                None => true,
            },
        );
        let paired = planned.len().min(again.len());
        for (p, a) in planned.iter().zip(&again) {
            let change = if a.start_month < p.start_month {
                HireChangeKind::Earlier
            } else {
                HireChangeKind::Later
            };
            changes.push(change_of(role, change, Some(p), Some(a)));
        }
        for p in &planned[paired..] {
            changes.push(change_of(role, HireChangeKind::Dropped, Some(p), None));
        }
        for a in &again[paired..] {
            changes.push(change_of(role, HireChangeKind::Added, None, Some(a)));
        }
    }
    changes
}

fn change_of(
    role: Role,
    change: HireChangeKind,
    planned: Option<&Hire>,
    again: Option<&Hire>,
) -> HireChange {
    let shown = again.or(planned);
    HireChange {
        role,
        change,
        planned_start: planned.map(|h| h.start.clone()),
        reforecast_start: again.map(|h| h.start.clone()),
        reforecast_open: again.map(|h| h.open.clone()),
        segment: shown.and_then(|h| h.segment.clone()),
        reason: shown.map(|h| h.reason.clone()).unwrap_or_default(),
    }
}

/// The fiscal year of the first re-forecast month, at its end within the horizon.
pub(super) fn year_end(approved: &Plan, actuals: &Actuals, reforecast: &Plan) -> Option<YearEnd> {
    let first = reforecast.timeline.first()?.month;
    let calendar = calendar(approved);
    let (key, period) = period_of(calendar, ReviewPeriod::Year, first);
    let months: Vec<u32> = approved
        .timeline
        .iter()
        .map(|r| r.month)
        .filter(|&m| period_of(calendar, ReviewPeriod::Year, m).0 == key)
        .collect();
    let end = *months.last()?;
    let (planned, again) = (row(approved, end)?, row(reforecast, end)?);
    // Sums of unrounded months, rounded once.
    let (mut plan_cost, mut cost) = (0.0f64, 0.0f64);
    let (mut months_actual, mut months_at_plan, mut months_reforecast) = (0, 0, 0);
    for &m in &months {
        let plan_month = row(approved, m).map_or(0.0, |r| plan_cost_exact(approved, r));
        plan_cost += plan_month;
        if m >= first {
            cost += row(reforecast, m).map_or(0.0, |r| plan_cost_exact(reforecast, r));
            months_reforecast += 1;
            continue;
        }
        match actuals
            .months
            .iter()
            .find(|a| a.month == m)
            .and_then(|a| a.get(Figure::CsCost))
        {
            Some(actual) => {
                cost += actual;
                months_actual += 1;
            }
            None => {
                cost += plan_month;
                months_at_plan += 1;
            }
        }
    }
    let (plan_cost, cost) = (round_money(plan_cost), round_money(cost));
    let (team, team_again) = (team_of(planned), team_of(again));
    let people =
        |role: Role| Outlook::new(i64::from(team.get(role)), i64::from(team_again.get(role)));
    Some(YearEnd {
        period,
        through: planned.period.clone(),
        arr: Outlook::new(planned.arr, again.arr),
        csm: people(Role::Csm),
        support: people(Role::Support),
        onboarding: people(Role::Onboarding),
        lead: people(Role::Lead),
        cs_cost: Outlook::new(plan_cost, cost),
        months_actual,
        months_at_plan,
        months_reforecast,
    })
}

/// What the re-forecast changes against the approved plan's months after `last`.
pub(super) fn change(approved: &Plan, again: &Plan, last: u32) -> super::ReforecastChange {
    let remaining: Vec<&crate::plan::Row> = approved
        .timeline
        .iter()
        .filter(|r| r.month > last)
        .collect();
    let cost = |plan: &Plan, rows: &[&crate::plan::Row]| {
        round_money(rows.iter().map(|r| plan_cost_exact(plan, r)).sum::<f64>())
    };
    let again_rows: Vec<&crate::plan::Row> = again.timeline.iter().collect();
    let people = |r: Option<&&crate::plan::Row>| {
        r.map_or(0, |r| {
            let t = team_of(r);
            Role::ALL.iter().map(|&role| i64::from(t.get(role))).sum()
        })
    };
    let over = |rows: &[&crate::plan::Row]| rows.iter().filter(|r| r.over_cap).count() as i64;
    super::ReforecastChange {
        months: again_rows.len() as u32,
        cs_cost: Outlook::new(cost(approved, &remaining), cost(again, &again_rows)),
        people: Outlook::new(people(remaining.last()), people(again_rows.last())),
        months_over_cap: Outlook::new(over(&remaining), over(&again_rows)),
        warnings: again.warnings.len() as u32,
    }
}
