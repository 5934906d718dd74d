//! The re-forecast's part of the review for people: the hires it changes, and its periods
//! beside the approved plan's.

use super::role_name;
use crate::format::{money, percent, round_money};
use crate::plan::{ByRole, Plan};
use crate::render::grid::Grid;
use crate::review::Review;
use crate::review::reforecast::HireChangeKind;

pub(super) fn hire_change_lines(review: &Review) -> Vec<String> {
    review
        .hire_changes
        .iter()
        .map(|c| {
            let who = match &c.segment {
                Some(s) => format!("{} for {s}", role_name(c.role)),
                None => role_name(c.role).to_string(),
            };
            let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
            let what = match c.change {
                HireChangeKind::Added => format!(
                    "added: opens {}, starts {}",
                    dash(&c.reforecast_open),
                    dash(&c.reforecast_start)
                ),
                HireChangeKind::Dropped => {
                    format!("dropped: was to start {}", dash(&c.planned_start))
                }
                HireChangeKind::Earlier | HireChangeKind::Later => format!(
                    "{}: starts {} instead of {} (opens {})",
                    if c.change == HireChangeKind::Earlier {
                        "earlier"
                    } else {
                        "later"
                    },
                    dash(&c.reforecast_start),
                    dash(&c.planned_start),
                    dash(&c.reforecast_open)
                ),
            };
            format!("{who} {what} — {}", c.reason)
        })
        .collect()
}

pub(super) const REMAINING_LEGEND: &str = "The re-forecast beside the approved plan (state at each period's end, \
     CS cost over it; team: approved→re-forecast where they differ; vs plan: re-forecast − \
     approved):";

/// Under the grid when a period is re-forecast only in part.
pub(super) const PARTIAL_LEGEND: &str =
    "* the re-forecast covers only the period's months after the last actual";

/// The re-forecast, period by period as the review compares them, beside the approved plan:
/// the state at each period's end, its CS cost, and whether any of its months is over the cap.
pub(super) fn remaining_grid(review: &Review, plan: &Plan) -> Grid {
    let cur = review.currency.as_str();
    let mut grid = Grid::new(&[
        ("Period", false),
        ("Logos", true),
        ("ARR", true),
        ("vs plan", true),
        ("CSM", true),
        ("Sup", true),
        ("Onb", true),
        ("Lead", true),
        ("CS cost", true),
        ("vs plan", true),
        ("CSM/ARR", true),
        ("", false),
    ]);
    // The difference of the unrounded figures, rounded once.
    let delta = |now: f64, then: Option<f64>| match then.map(|t| round_money(now - t)) {
        Some(0) => "=".to_string(),
        Some(d) => {
            let sign = if d > 0 { "+" } else { "" };
            format!("{sign}{}", money(d as f64, cur))
        }
        None => "-".to_string(),
    };
    let people = |now: u32, then: Option<u32>| match then {
        Some(t) if t != now => format!("{t}→{now}"),
        _ => now.to_string(),
    };
    for s in stretches(review, plan) {
        let team = s.row.team;
        let planned = s.planned.map(|p| p.team);
        grid.push(vec![
            if s.partial {
                format!("{}*", s.period)
            } else {
                s.period
            },
            format!("{:.0}", s.row.customers),
            money(s.row.arr as f64, cur),
            delta(s.row.arr as f64, s.planned.map(|p| p.arr as f64)),
            people(team.csm, planned.map(|t| t.csm)),
            people(team.support, planned.map(|t| t.support)),
            people(team.onboarding, planned.map(|t| t.onboarding)),
            people(team.lead, planned.map(|t| t.lead)),
            money(s.row.cs_cost, cur),
            delta(s.row.cs_cost, s.planned.map(|p| p.cs_cost)),
            s.ratio.map_or("-".to_string(), percent),
            if s.over_cap { "cap" } else { "" }.to_string(),
        ]);
    }
    grid
}

/// Whether any re-forecast period holds fewer months than the period does.
pub(super) fn any_partial(review: &Review, plan: &Plan) -> bool {
    stretches(review, plan).iter().any(|s| s.partial)
}

/// One period of the re-forecast and the approved plan's same months.
struct Stretch {
    period: String,
    /// The period's months before the re-forecast's first are not in it.
    partial: bool,
    /// The re-forecast: state at the period's end, CS cost summed.
    row: Brief,
    /// The approved plan, likewise, when it has the months.
    planned: Option<Brief>,
    ratio: Option<f64>,
    over_cap: bool,
}

/// A period's state at its end and its CS cost, summed unrounded over its months.
#[derive(Clone, Copy)]
struct Brief {
    customers: f64,
    arr: i64,
    team: ByRole<u32>,
    cs_cost: f64,
}

fn stretches(review: &Review, plan: &Plan) -> Vec<Stretch> {
    let calendar = crate::review::compare::calendar(plan);
    let first = plan.timeline.first().map_or(0, |r| r.month);
    // The period of the first re-forecast month is partial when the actuals had a month of it.
    let partial_key = (first > 1)
        .then(|| crate::review::compare::period_of(calendar, review.period, first - 1).0)
        .filter(|&k| k == crate::review::compare::period_of(calendar, review.period, first).0);
    let mut out: Vec<(i64, Stretch)> = Vec::new();
    for row in &plan.timeline {
        let (key, period) = crate::review::compare::period_of(calendar, review.period, row.month);
        let now = Brief {
            customers: row.customers,
            arr: row.arr,
            team: crate::review::compare::team_of(row),
            cs_cost: crate::review::compare::plan_cost_exact(plan, row),
        };
        let then = review
            .plan_remaining
            .iter()
            .find(|a| a.month == row.month)
            .map(|a| Brief {
                customers: a.customers,
                arr: a.arr,
                team: a.team,
                cs_cost: a.cs_cost_exact.unwrap_or(a.cs_cost as f64),
            });
        match out.last_mut() {
            Some((k, s)) if *k == key => {
                s.row = Brief {
                    cs_cost: s.row.cs_cost + now.cs_cost,
                    ..now
                };
                s.planned = match (s.planned, then) {
                    (Some(p), Some(t)) => Some(Brief {
                        cs_cost: p.cs_cost + t.cs_cost,
                        ..t
                    }),
                    _ => None,
                };
                s.ratio = row.csm_spend_ratio;
                s.over_cap |= row.over_cap;
            }
            _ => out.push((
                key,
                Stretch {
                    period,
                    partial: Some(key) == partial_key,
                    row: now,
                    planned: then,
                    ratio: row.csm_spend_ratio,
                    over_cap: row.over_cap,
                },
            )),
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}
