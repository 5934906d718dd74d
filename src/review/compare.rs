//! Plan against actual: the figures per period, the hires against the people who arrived, and
//! the spend to date.

use super::actuals::{ActualMonth, Actuals, Figure};
use super::{
    Compared, CostSplit, Departure, HireCheck, HireStatus, PeriodReview, ReviewPeriod, SpendReview,
};
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

/// The plan's figure for `figure` in `row`, unrounded where the plan lets it be rebuilt: CS
/// cost from the month's team and loaded costs (each month's `cs_cost` is rounded on its own,
/// so summing them drifts by a unit a month or so; sums are of unrounded months, rounded once).
pub(super) fn plan_figure_exact(plan: &Plan, row: &Row, figure: Figure) -> Option<f64> {
    match figure {
        Figure::CsCost => Some(plan_cost_exact(plan, row)),
        other => plan_figure(row, other),
    }
}

/// The unrounded CS cost of `row`: the planner's own when the plan was made in this run; for a
/// plan read back from JSON (which carries whole units only), its headcounts × the plan's loaded
/// costs / 12, a promoted lead at a manager's (or the role left, when dearer) — the reading that
/// rounds to the month's `cs_cost`; the rounded figure when none does (a plan edited by hand).
pub(crate) fn plan_cost_exact(plan: &Plan, row: &Row) -> f64 {
    if let Some(exact) = row.cost_exact.0 {
        return Role::ALL.iter().map(|&r| exact.get(r)).sum();
    }
    let s = &plan.assumptions.salaries;
    let others = f64::from(row.csm) * s.csm as f64
        + f64::from(row.support) * s.support as f64
        + f64::from(row.onboarding) * s.onboarding as f64
        + f64::from(row.managers) * s.manager as f64;
    let promoted = [s.manager, s.manager.max(s.csm), s.manager.max(s.onboarding)];
    for directors in 0..=row.lead.min(2) {
        for cost in promoted {
            let lead = f64::from(directors) * cost as f64
                + f64::from(row.lead - directors) * s.lead as f64;
            let exact = (others + lead) / 12.0;
            if round_money(exact) == row.cs_cost {
                return exact;
            }
        }
    }
    row.cs_cost as f64
}

/// The variance as a fraction of plan, to 4 decimals (the plan's ratios); `None` when the plan
/// is 0 or unknown.
fn variance_pct(variance: Option<f64>, plan: Option<f64>) -> Option<f64> {
    match (variance, plan) {
        (Some(v), Some(p)) if p != 0.0 => Some(round_to(v / p, 4)),
        _ => None,
    }
}

/// Marks a compared amount favourable or not: `higher_is_better` for ARR and logos, not for
/// cost; no mark without a variance.
pub(super) fn marked<T: Copy + PartialOrd + Default>(
    mut c: Compared<T>,
    higher_is_better: bool,
) -> Compared<T> {
    c.favourable = c
        .variance
        .filter(|v| *v != T::default())
        .map(|v| (v > T::default()) == higher_is_better);
    c
}

/// Money (or people): whole units.
pub(super) fn compared_whole(plan: Option<f64>, actual: f64) -> Compared<i64> {
    let variance = plan.map(|p| actual - p);
    Compared {
        plan: plan.map(round_money),
        actual: round_money(actual),
        variance: variance.map(round_money),
        variance_pct: variance_pct(variance, plan),
        favourable: None,
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
        favourable: None,
    }
}

/// The calendar of `plan`'s months, with its fiscal year.
pub(crate) fn calendar(plan: &Plan) -> Calendar {
    Calendar::new(
        plan.assumptions
            .start
            .as_deref()
            .and_then(|s| s.parse::<YearMonth>().ok()),
    )
    .with_fiscal_year_start(plan.assumptions.fiscal_year_start)
}

/// The period plan month `month` falls in, as a sortable key and a label: exactly those of
/// `plan --period` (fiscal quarters `FY2028-Q1` and years `FY2028` named by the calendar year
/// they end in, from the plan's `fiscal_year_start`; `Q1`, `Y1` without a start month).
pub(crate) fn period_of(calendar: Calendar, period: ReviewPeriod, month: u32) -> (i64, String) {
    match period {
        ReviewPeriod::Month => (i64::from(month), calendar.month_label(month)),
        ReviewPeriod::Quarter => calendar.quarter_of(month),
        ReviewPeriod::Year => calendar.year_of(month),
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
pub(super) fn periods(
    plan: &Plan,
    actuals: &Actuals,
    period: ReviewPeriod,
    hires: &[HireCheck],
) -> Vec<PeriodReview> {
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
            period_review(plan, &actuals.columns, label, &months, plan_months, hires)
        })
        .collect()
}

fn period_review(
    plan: &Plan,
    columns: &[Figure],
    period: String,
    months: &[&ActualMonth],
    plan_months: u32,
    hires: &[HireCheck],
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
                .map(|(m, _)| row(plan, m.month).and_then(|r| plan_figure_exact(plan, r, figure)))
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
        partial: (months.len() as u32) < plan_months,
        through: months.last().map(|m| m.period.clone()).unwrap_or_default(),
        customers: figure(Figure::Customers).map(|(p, a)| marked(compared_fraction(p, a, 2), true)),
        arr: whole(Figure::Arr).map(|c| marked(c, true)),
        csm: whole(Figure::Csm),
        support: whole(Figure::Support),
        onboarding: whole(Figure::Onboarding),
        lead: whole(Figure::Lead),
        managers: whole(Figure::Managers),
        cs_cost: whole(Figure::CsCost).map(|c| marked(c, false)),
        cs_cost_split: whole(Figure::CsCost).and_then(|c| cost_split(plan, months, hires, c)),
        csm_spend_ratio: ratio_month.and_then(|(m, actual)| {
            let planned = row(plan, m.month).and_then(|r| r.csm_spend_ratio);
            Some(marked(compared_fraction(planned, actual?, 4), false))
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
pub(super) fn spend(plan: &Plan, actuals: &Actuals, hires: &[HireCheck]) -> SpendReview {
    let with_cost: Vec<(&ActualMonth, f64)> = actuals
        .months
        .iter()
        .filter_map(|m| Some((m, m.get(Figure::CsCost)?)))
        .collect();
    let cs_cost = (!with_cost.is_empty()).then(|| {
        let actual: f64 = with_cost.iter().map(|(_, v)| v).sum();
        let planned: Option<f64> = with_cost
            .iter()
            .map(|(m, _)| row(plan, m.month).map(|r| plan_cost_exact(plan, r)))
            .sum();
        marked(compared_whole(planned, actual), false)
    });
    let months: Vec<&ActualMonth> = actuals.months.iter().collect();
    let cs_cost_split = cs_cost.and_then(|c| cost_split(plan, &months, hires, c));
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
        cs_cost_split,
        csm_spend_cap: cap,
        ratio_at: last_ratio.map(|(m, _)| m.period.clone()),
        csm_spend_ratio: last_ratio.map(|(m, actual)| {
            let planned = row(plan, m.month).and_then(|r| r.csm_spend_ratio);
            marked(compared_fraction(planned, actual, 4), false)
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

/// The plan's monthly cost of one person of each role in `row`: a twelfth of the loaded cost,
/// and for the lead the plan's own (a promoted lead costs a manager's), so that the month's
/// people at these costs are its unrounded CS cost.
fn plan_rates(plan: &Plan, row: &Row) -> ByRole<f64> {
    let s = &plan.assumptions.salaries;
    let mut rates = ByRole::from_fn(|role| s.get(role) as f64 / 12.0);
    if row.lead > 0 {
        let team = team_of(row);
        let others: f64 = Role::ALL
            .iter()
            .filter(|&&r| r != Role::Lead)
            .map(|&r| f64::from(team.get(r)) * rates.get(r))
            .sum();
        rates.lead = ((plan_cost_exact(plan, row) - others) / f64::from(row.lead)).max(0.0);
    }
    rates
}

/// Splits the CS-cost variance `compared` over the `months` that give `cs_cost` into volume,
/// rate and timing. With X the actual people priced at the plan's cost per head of each month
/// (a role the month leaves empty counted as planned): rate = actual − X; timing = the months
/// planned hires arrived early (+) or late or not yet (−), at their role's cost; volume =
/// X − plan − timing. Rate and timing are rounded and volume takes the remainder, so the three
/// sum exactly to the variance shown.
fn cost_split(
    plan: &Plan,
    months: &[&ActualMonth],
    hires: &[HireCheck],
    compared: Compared<i64>,
) -> Option<CostSplit> {
    let variance = compared.variance?;
    let given: Vec<(&ActualMonth, ByRole<f64>, f64)> = months
        .iter()
        .filter_map(|m| {
            let r = row(plan, m.month)?;
            Some((*m, plan_rates(plan, r), m.get(Figure::CsCost)?))
        })
        .collect();
    if given.is_empty() {
        return None;
    }
    let mut at_plan_rates = 0.0;
    let mut actual = 0.0;
    for (m, rates, cost) in &given {
        actual += cost;
        let team = row(plan, m.month).map(team_of).unwrap_or_default();
        for role in Role::ALL {
            let heads = m
                .get(headcount_of(role))
                .unwrap_or(f64::from(team.get(role)));
            at_plan_rates += heads * rates.get(role);
        }
    }
    let month_of = |label: &Option<String>| -> Option<u32> {
        let label = label.as_deref()?;
        plan.timeline
            .iter()
            .find(|r| r.period == label)
            .map(|r| r.month)
    };
    let last = months.iter().map(|m| m.month).max().unwrap_or(0);
    // The cost of one person of `role` over the months given in from..to.
    let over = |role: Role, from: u32, to: u32| -> f64 {
        given
            .iter()
            .filter(|(m, _, _)| {
                m.month >= from && m.month < to && m.get(headcount_of(role)).is_some()
            })
            .map(|(_, rates, _)| rates.get(role))
            .sum()
    };
    let mut timing = 0.0;
    for h in hires {
        let Some(start) = month_of(&h.planned_start) else {
            continue;
        };
        timing += match (h.status, month_of(&h.arrived)) {
            (HireStatus::Early, Some(a)) => over(h.role, a, start),
            (HireStatus::Late, Some(a)) => -over(h.role, start, a),
            (HireStatus::Missing, _) => -over(h.role, start, last + 1),
            _ => 0.0,
        };
    }
    let (rate, timing) = (round_money(actual - at_plan_rates), round_money(timing));
    Some(CostSplit {
        volume: variance - rate - timing,
        rate,
        timing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_plans_cost_is_read_back_as_the_planner_made_it() {
        // A plan made here carries each month's unrounded cost; read back from JSON it has whole
        // units, and the review rebuilds the cost from the team and the loaded costs: within
        // half a unit on every month of every example, in every stance, and exactly where the
        // loaded costs are whole (growth.toml).
        let mut names: Vec<_> = std::fs::read_dir("examples")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        names.sort();
        assert!(names.len() >= 4);
        for path in names {
            let text = std::fs::read_to_string(&path).unwrap();
            let base = crate::input::parse(&text).unwrap();
            for stance in [
                crate::model::Stance::Lean,
                crate::model::Stance::Balanced,
                crate::model::Stance::Ahead,
            ] {
                let options = crate::PlanOptions {
                    stance: Some(stance),
                    ..Default::default()
                };
                let plan = crate::plan(&base, &options).unwrap();
                for row in &plan.timeline {
                    let exact = plan_cost_exact(&plan, row);
                    let mut saved = row.clone();
                    saved.cost_exact = crate::plan::Unrounded(None);
                    let rebuilt = plan_cost_exact(&plan, &saved);
                    // Loaded costs in a saved plan are whole units: where they are not whole
                    // in the base, the rebuilt cost may fall back to the month's rounded one.
                    assert!(
                        (exact - rebuilt).abs() <= 0.5,
                        "{} {stance:?} {}: {exact} against {rebuilt}",
                        path.display(),
                        row.period
                    );
                    if path.ends_with("growth.toml") {
                        assert!((exact - rebuilt).abs() < 1e-6, "{}", row.period);
                    }
                }
            }
        }
    }

    #[test]
    fn a_variance_is_a_percent_of_a_plan_above_zero() {
        // 38 against 40: −2, −2 / 40 = −5%.
        let c = compared_fraction(Some(40.0), 38.0, 2);
        assert_eq!((c.variance, c.variance_pct), (Some(-2.0), Some(-0.05)));
        // Against a plan of 0 there is no percent; without a plan figure, no variance.
        assert_eq!(compared_whole(Some(0.0), 3.0).variance_pct, None);
        let unknown = compared_whole(None, 3.0);
        assert_eq!((unknown.variance, unknown.variance_pct), (None, None));
        // 8,000 against 7,500: +500, +6.67% (a fraction to 4 decimals, as the plan's ratios).
        let c = compared_whole(Some(7_500.0), 8_000.0);
        assert_eq!((c.variance, c.variance_pct), (Some(500), Some(0.0667)));
    }

    #[test]
    fn cost_under_plan_is_favourable_arr_under_plan_is_not() {
        let cost = marked(compared_whole(Some(7_500.0), 7_000.0), false);
        assert_eq!(cost.favourable, Some(true));
        let arr = marked(compared_whole(Some(7_500.0), 7_000.0), true);
        assert_eq!(arr.favourable, Some(false));
        assert_eq!(
            marked(compared_whole(Some(1.0), 1.0), true).favourable,
            None
        );
    }

    #[test]
    fn periods_follow_the_fiscal_year_as_plan_period_labels_them() {
        // A fiscal year starting in April: 2027-03 closes FY2027, 2027-04 opens FY2028.
        let april = Calendar::new(Some("2027-01".parse().unwrap())).with_fiscal_year_start(4);
        assert_eq!(period_of(april, ReviewPeriod::Quarter, 3).1, "FY2027-Q4");
        assert_eq!(period_of(april, ReviewPeriod::Quarter, 4).1, "FY2028-Q1");
        assert_eq!(period_of(april, ReviewPeriod::Year, 3).1, "FY2027");
        assert_eq!(period_of(april, ReviewPeriod::Year, 12).1, "FY2028");
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
