//! Plan against actual: the figures per period, the hires against the people who arrived, and
//! the spend to date.

use super::actuals::{ActualMonth, Actuals, Figure};
use super::{Compared, Departure, HireCheck, HireStatus, PeriodReview, ReviewPeriod, SpendReview};
use crate::format::{round_money, round_to};
use crate::model::Role;
use crate::month::{Calendar, YearMonth};
use crate::plan::{ByRole, Hire, HireKind, Plan, Row};
use crate::rules::spend_cap as salary;

/// The approved plan's figure for `figure` in `row`: the one place a plan figure is read.
pub(super) fn plan_figure(row: &Row, figure: Figure) -> Option<f64> {
    Some(match figure {
        Figure::Customers => row.customers,
        Figure::Arr => row.arr as f64,
        Figure::Csm => f64::from(row.csm),
        Figure::Support => f64::from(row.support),
        Figure::Onboarding => f64::from(row.onboarding),
        Figure::Lead => f64::from(row.lead),
        Figure::Managers => f64::from(row.managers),
        Figure::CsCost => row.cs_cost as f64,
    })
}

/// The variance as a percent of plan, to 2 decimals; `None` when the plan is 0 or unknown.
fn variance_pct(variance: Option<f64>, plan: Option<f64>) -> Option<f64> {
    match (variance, plan) {
        (Some(v), Some(p)) if p != 0.0 => Some(round_to(v / p * 100.0, 2)),
        _ => None,
    }
}

/// Money (or people): whole units.
pub(super) fn compared_whole(plan: Option<f64>, actual: f64) -> Compared<i64> {
    let variance = plan.map(|p| actual - p);
    Compared {
        plan: plan.map(round_money),
        actual: round_money(actual),
        variance: variance.map(round_money),
        variance_pct: variance_pct(variance, plan),
    }
}

/// Counts to 2 decimals, ratios to 4.
pub(super) fn compared_fraction(plan: Option<f64>, actual: f64, decimals: i32) -> Compared<f64> {
    let variance = plan.map(|p| actual - p);
    Compared {
        plan: plan.map(|p| round_to(p, decimals)),
        actual: round_to(actual, decimals),
        variance: variance.map(|v| round_to(v, decimals)),
        variance_pct: variance_pct(variance, plan),
    }
}

/// The calendar of `plan`'s months.
pub(crate) fn calendar(plan: &Plan) -> Calendar {
    Calendar::new(
        plan.assumptions
            .start
            .as_deref()
            .and_then(|s| s.parse::<YearMonth>().ok()),
    )
}

/// The period plan month `month` falls in, as a sortable key and a label. Years are fiscal
/// years starting in January (`FY2027`), or runs of twelve plan months without a start (`Y1`).
pub(crate) fn period_of(calendar: Calendar, period: ReviewPeriod, month: u32) -> (i64, String) {
    match period {
        ReviewPeriod::Month => (i64::from(month), calendar.month_label(month)),
        ReviewPeriod::Quarter => calendar.quarter_of(month),
        ReviewPeriod::Year => match calendar.year_month(month) {
            Some(ym) => (i64::from(ym.year()), format!("FY{}", ym.year())),
            None => {
                let year = (month.max(1) - 1) / 12 + 1;
                (i64::from(year), format!("Y{year}"))
            }
        },
    }
}

/// The people in post in `row`, by role.
pub(crate) fn team_of(row: &Row) -> ByRole<u32> {
    ByRole {
        csm: row.csm,
        support: row.support,
        onboarding: row.onboarding,
        lead: row.lead,
        manager: row.managers,
    }
}

/// The plan's row for plan month `month`.
pub(super) fn row(plan: &Plan, month: u32) -> Option<&Row> {
    plan.timeline
        .get(month.checked_sub(1)? as usize)
        .filter(|r| r.month == month)
        .or_else(|| plan.timeline.iter().find(|r| r.month == month))
}

/// Actual CSM spend as a fraction of ARR in `month`, when it gives CSMs and ARR; `None` inside
/// when there are CSMs and no ARR.
fn actual_ratio(plan: &Plan, month: &ActualMonth) -> Option<Option<f64>> {
    let (csm, arr) = (month.get(Figure::Csm)?, month.get(Figure::Arr)?);
    let salary = plan.assumptions.salaries.csm as f64;
    Some(salary::csm_spend_ratio(csm as u32, salary, arr))
}

/// One entry per period with actuals.
pub(super) fn periods(plan: &Plan, actuals: &Actuals, period: ReviewPeriod) -> Vec<PeriodReview> {
    let calendar = calendar(plan);
    let mut groups: Vec<(i64, String, Vec<&ActualMonth>)> = Vec::new();
    for month in &actuals.months {
        let (key, label) = period_of(calendar, period, month.month);
        match groups.last_mut() {
            Some((k, _, months)) if *k == key => months.push(month),
            _ => groups.push((key, label, vec![month])),
        }
    }
    groups
        .into_iter()
        .map(|(key, label, months)| {
            let plan_months = plan
                .timeline
                .iter()
                .filter(|r| period_of(calendar, period, r.month).0 == key)
                .count() as u32;
            period_review(plan, &actuals.columns, label, &months, plan_months)
        })
        .collect()
}

fn period_review(
    plan: &Plan,
    columns: &[Figure],
    period: String,
    months: &[&ActualMonth],
    plan_months: u32,
) -> PeriodReview {
    // A state at the last month that gives it; a flow summed over the months that give it.
    let figure = |figure: Figure| -> Option<(Option<f64>, f64)> {
        if !columns.contains(&figure) {
            return None;
        }
        if figure.is_flow() {
            let given: Vec<(&ActualMonth, f64)> = months
                .iter()
                .filter_map(|m| Some((*m, m.get(figure)?)))
                .collect();
            if given.is_empty() {
                return None;
            }
            let actual = given.iter().map(|(_, v)| v).sum();
            let planned: Option<f64> = given
                .iter()
                .map(|(m, _)| row(plan, m.month).and_then(|r| plan_figure(r, figure)))
                .sum();
            return Some((planned, actual));
        }
        let month = months.iter().rev().find(|m| m.get(figure).is_some())?;
        let planned = row(plan, month.month).and_then(|r| plan_figure(r, figure));
        Some((planned, month.get(figure)?))
    };
    let whole = |f: Figure| figure(f).map(|(p, a)| compared_whole(p, a));
    let ratio_month = months
        .iter()
        .rev()
        .find_map(|m| Some((*m, actual_ratio(plan, m)?)));
    let cap = plan.assumptions.csm_spend_cap;
    PeriodReview {
        period,
        months: months.len() as u32,
        plan_months,
        through: months.last().map(|m| m.period.clone()).unwrap_or_default(),
        customers: figure(Figure::Customers).map(|(p, a)| compared_fraction(p, a, 2)),
        arr: whole(Figure::Arr),
        csm: whole(Figure::Csm),
        support: whole(Figure::Support),
        onboarding: whole(Figure::Onboarding),
        lead: whole(Figure::Lead),
        managers: whole(Figure::Managers),
        cs_cost: whole(Figure::CsCost),
        csm_spend_ratio: ratio_month.and_then(|(m, actual)| {
            let planned = row(plan, m.month).and_then(|r| r.csm_spend_ratio);
            Some(compared_fraction(planned, actual?, 4))
        }),
        over_cap: ratio_month.map(|(_, actual)| salary::over_cap(actual, cap)),
    }
}

/// A person who replaced one who left: no planned hire to match.
fn backfill(role: Role, period: &str) -> HireCheck {
    HireCheck {
        role,
        segment: None,
        planned_open: None,
        planned_start: None,
        arrived: Some(period.to_string()),
        status: HireStatus::Backfill,
        months_late: None,
    }
}

/// The figure that counts a role's headcount.
pub(super) fn headcount_of(role: Role) -> Figure {
    match role {
        Role::Csm => Figure::Csm,
        Role::Support => Figure::Support,
        Role::Onboarding => Figure::Onboarding,
        Role::Lead => Figure::Lead,
        Role::Manager => Figure::Managers,
    }
}

/// The planned hires against the people who arrived, role by role, the headcounts that fell,
/// and the planned hires still to come: those missing at the last month and those due later
/// that nobody has filled early. Arrivals are headcount increases over the
/// month before that gives the figure (the starting team before the first); an arrival first
/// replaces a person who left, and the n-th other person to arrive in a role fills its n-th
/// planned hire by start month.
pub(super) fn hires(
    plan: &Plan,
    actuals: &Actuals,
    notes: &mut Vec<String>,
) -> (Vec<HireCheck>, Vec<Departure>, Vec<Hire>) {
    let last = actuals.months.last().map_or(0, |m| m.month);
    let calendar = calendar(plan);
    let label = |month: u32| calendar.month_label(month);
    let mut checks = Vec::new();
    let mut departures = Vec::new();
    let mut to_come = Vec::new();
    let mut unchecked = Vec::new();
    for role in Role::ALL {
        let figure = headcount_of(role);
        if !actuals.columns.contains(&figure) {
            unchecked.push(figure.name());
            let due_later = plan
                .hires
                .iter()
                .filter(|h| h.role == role && h.start_month > last);
            to_come.extend(due_later.cloned());
            continue;
        }
        let mut arrivals: Vec<u32> = Vec::new();
        let mut in_post = f64::from(plan.assumptions.starting_team.get(role));
        // People who left and are not yet replaced: the next arrivals replace them.
        let mut vacant = 0u32;
        for month in &actuals.months {
            let Some(now) = month.get(figure) else {
                continue;
            };
            if now > in_post {
                let joined = (now - in_post) as u32;
                let replacing = joined.min(vacant);
                vacant -= replacing;
                for _ in 0..replacing {
                    checks.push(backfill(role, &month.period));
                }
                arrivals.extend(std::iter::repeat_n(
                    month.month,
                    (joined - replacing) as usize,
                ));
            } else if now < in_post {
                let left = (in_post - now) as u32;
                vacant += left;
                departures.push(Departure {
                    role,
                    period: month.period.clone(),
                    people: left,
                });
            }
            in_post = now;
        }
        // A backfill replaces the person promoted to lead the month it starts: no headcount
        // increase to match, but still to come while it has not started.
        let (backfills, mut planned): (Vec<&Hire>, Vec<&Hire>) = plan
            .hires
            .iter()
            .filter(|h| h.role == role)
            .partition(|h| h.kind == HireKind::Backfill);
        to_come.extend(
            backfills
                .into_iter()
                .filter(|h| h.start_month > last)
                .cloned(),
        );
        planned.sort_by_key(|h| h.start_month);
        let check = |hire: Option<&Hire>, arrived: Option<u32>| {
            let (status, months_late) = match (hire, arrived) {
                (Some(h), Some(a)) => {
                    let late = i64::from(a) - i64::from(h.start_month);
                    let status = match late {
                        0 => HireStatus::OnTime,
                        l if l < 0 => HireStatus::Early,
                        _ => HireStatus::Late,
                    };
                    (status, Some(late))
                }
                (Some(h), None) => (
                    HireStatus::Missing,
                    Some(i64::from(last) - i64::from(h.start_month)),
                ),
                (None, _) => (HireStatus::Unplanned, None),
            };
            HireCheck {
                role,
                segment: hire.and_then(|h| h.segment.clone()),
                planned_open: hire.map(|h| h.open.clone()),
                planned_start: hire.map(|h| h.start.clone()),
                arrived: arrived.map(label),
                status,
                months_late,
            }
        };
        let count = planned.len().max(arrivals.len());
        for i in 0..count {
            let hire = planned.get(i).copied();
            let arrived = arrivals.get(i).copied();
            if let (Some(h), None) = (hire, arrived) {
                to_come.push(h.clone());
                if h.start_month > last {
                    // A hire not due yet and not arrived is no news.
                    continue;
                }
            }
            checks.push(check(hire, arrived));
        }
    }
    if !unchecked.is_empty() {
        notes.push(format!(
            "hires not checked for {}: the actuals give no headcount for them",
            unchecked.join(", ")
        ));
    }
    (checks, departures, to_come)
}

/// CS spend to date against the plan's over the same months, and CSM spend against the cap.
pub(super) fn spend(plan: &Plan, actuals: &Actuals) -> SpendReview {
    let with_cost: Vec<(&ActualMonth, f64)> = actuals
        .months
        .iter()
        .filter_map(|m| Some((m, m.get(Figure::CsCost)?)))
        .collect();
    let cs_cost = (!with_cost.is_empty()).then(|| {
        let actual: f64 = with_cost.iter().map(|(_, v)| v).sum();
        let planned: Option<f64> = with_cost
            .iter()
            .map(|(m, _)| row(plan, m.month).map(|r| r.cs_cost as f64))
            .sum();
        compared_whole(planned, actual)
    });
    let cap = plan.assumptions.csm_spend_cap;
    let ratios: Vec<(&ActualMonth, Option<f64>)> = actuals
        .months
        .iter()
        .filter_map(|m| Some((m, actual_ratio(plan, m)?)))
        .collect();
    let last_ratio = ratios.iter().rev().find_map(|(m, r)| Some((*m, (*r)?)));
    SpendReview {
        months: with_cost.len() as u32,
        cs_cost,
        csm_spend_cap: cap,
        ratio_at: last_ratio.map(|(m, _)| m.period.clone()),
        csm_spend_ratio: last_ratio.map(|(m, actual)| {
            let planned = row(plan, m.month).and_then(|r| r.csm_spend_ratio);
            compared_fraction(planned, actual, 4)
        }),
        months_over_cap: ratios
            .iter()
            .filter(|(_, r)| salary::over_cap(*r, cap))
            .count() as u32,
        plan_months_over_cap: ratios
            .iter()
            .filter(|(m, _)| row(plan, m.month).is_some_and(|r| r.over_cap))
            .count() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variance_is_a_percent_of_a_plan_above_zero() {
        // 38 against 40: −2, −2 / 40 = −5%.
        let c = compared_fraction(Some(40.0), 38.0, 2);
        assert_eq!((c.variance, c.variance_pct), (Some(-2.0), Some(-5.0)));
        // Against a plan of 0 there is no percent; without a plan figure, no variance.
        assert_eq!(compared_whole(Some(0.0), 3.0).variance_pct, None);
        let unknown = compared_whole(None, 3.0);
        assert_eq!((unknown.variance, unknown.variance_pct), (None, None));
        // 8,000 against 7,500: +500, +6.67%.
        let c = compared_whole(Some(7_500.0), 8_000.0);
        assert_eq!((c.variance, c.variance_pct), (Some(500), Some(6.67)));
    }

    #[test]
    fn years_are_fiscal_from_january_or_runs_of_twelve_months() {
        let dated = Calendar::new(Some("2027-03".parse().unwrap()));
        // Plan month 10 of a plan starting in March is 2027-12; month 11 is 2028-01.
        assert_eq!(period_of(dated, ReviewPeriod::Year, 10).1, "FY2027");
        assert_eq!(period_of(dated, ReviewPeriod::Year, 11).1, "FY2028");
        let plain = Calendar::new(None);
        assert_eq!(period_of(plain, ReviewPeriod::Year, 12).1, "Y1");
        assert_eq!(period_of(plain, ReviewPeriod::Year, 13).1, "Y2");
        assert_eq!(period_of(plain, ReviewPeriod::Quarter, 4).1, "Q2");
    }
}
