//! `csplan diff`: what changed between two plans, period by period — headcount by role, CS
//! cost, CSM spend against ARR — and over the periods both cover.
//!
//! Plans are compared on the periods they share, matched by label (`2027-03`, `2027-Q1`,
//! `M3`). Two plans of different horizons are compared over the shorter one; periods only one
//! plan has are listed, not counted. A monthly plan compared with a quarterly one is first
//! summed into quarters. The totals — and the `--fail-if-increase` gate — are sums over the
//! shared periods only, so a longer horizon never reads as a cost increase.

mod saved;

pub use saved::{SavedPlanError, check_saved_plan, complete_saved_plan};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::format::round_to;
use crate::model::Stance;
use crate::plan::{ByRole, PeriodKind, Plan, Row};

/// The layout version of the diff JSON; changes only when a field changes meaning or goes.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

/// Why two plans cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiffError {
    /// Amounts in different currencies are not comparable; csplan never converts.
    #[error(
        "the plans are in different currencies ({old} and {new}); csplan never converts money: \
         compare plans in the same currency"
    )]
    Currency {
        /// The old plan's currency.
        old: String,
        /// The new plan's currency.
        new: String,
    },
    /// No period label appears in both plans.
    #[error(
        "the plans share no period (old: {old}, new: {new}); give both bases the same `start`, \
         or neither"
    )]
    NoCommonPeriod {
        /// The old plan's span, `first to last`.
        old: String,
        /// The new plan's span.
        new: String,
    },
}

/// Two plans compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanDiff {
    /// Always 1 for this layout.
    pub schema_version: u32,
    /// The csplan that wrote it (`csplan --version`).
    pub csplan_version: String,
    /// Currency label of every amount (the same in both plans).
    pub currency: String,
    /// What one compared period covers.
    pub period: PeriodKind,
    /// The plan compared from.
    pub old: DiffSide,
    /// The plan compared to.
    pub new: DiffSide,
    /// The periods both plans cover, in order.
    pub periods: Vec<PeriodChange>,
    /// Periods only the old plan covers (not compared).
    pub only_old: Vec<String>,
    /// Periods only the new plan covers (not compared).
    pub only_new: Vec<String>,
    /// Sums over the compared periods, and the state at the last of them.
    pub totals: TotalsChange,
}

/// One side of a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DiffSide {
    /// Where the plan came from (a file name), when the caller says.
    pub source: Option<String>,
    /// `[company] name`.
    pub company: String,
    /// The stance planned.
    pub stance: Stance,
    /// Months planned.
    pub horizon_months: u32,
    /// The plan's first period.
    pub first_period: String,
    /// The plan's last period.
    pub last_period: String,
}

/// A whole-number quantity before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// In the old plan.
    pub old: i64,
    /// In the new plan.
    pub new: i64,
    /// `new − old`.
    pub change: i64,
}

impl Change {
    fn of(old: i64, new: i64) -> Self {
        Self {
            old,
            new,
            change: new.saturating_sub(old),
        }
    }
}

/// A ratio before and after; `null` where a plan has none (CSMs and no ARR).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RatioChange {
    /// In the old plan.
    pub old: Option<f64>,
    /// In the new plan.
    pub new: Option<f64>,
    /// `new − old`, when both exist.
    pub change: Option<f64>,
}

/// A flag before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct FlagChange {
    /// In the old plan.
    pub old: bool,
    /// In the new plan.
    pub new: bool,
}

/// One period in both plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PeriodChange {
    /// The period's label.
    pub period: String,
    /// Plan months the period holds in both plans (fewer than a whole quarter or year when
    /// either plan starts or ends inside it).
    #[serde(default = "one_month")]
    pub period_months: u32,
    /// Either plan starts or ends inside the period.
    #[serde(default)]
    pub partial: bool,
    /// Run-rate ARR at the end of the period.
    pub arr: Change,
    /// Headcount in post by role at the end of the period.
    pub headcount: ByRole<Change>,
    /// People starting during the period, all roles.
    pub new_hires: Change,
    /// Cost of all CS roles during the period.
    pub cs_cost: Change,
    /// CSM spend as a fraction of ARR.
    pub csm_spend_ratio: RatioChange,
    /// CSM spend above the cap.
    pub over_cap: FlagChange,
}

/// Sums over the compared periods, and the end state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TotalsChange {
    /// How many periods were compared.
    pub periods: u32,
    /// The first compared period.
    pub first_period: String,
    /// The last compared period.
    pub last_period: String,
    /// Cost of all CS roles over the compared periods.
    pub cs_cost: Change,
    /// `cs_cost` change in percent of the old total, 2 decimals; `null` when the old total is
    /// 0 and the new one is not (an increase from nothing).
    pub cs_cost_change_pct: Option<f64>,
    /// Headcount by role at the last compared period.
    pub end_headcount: ByRole<Change>,
    /// People starting within the compared periods, all roles.
    pub new_hires: Change,
    /// Compared periods flagged over the CSM spend cap.
    pub periods_over_cap: Change,
    /// ARR at the last compared period.
    pub end_arr: Change,
}

impl PlanDiff {
    /// Whether total CS cost over the compared periods rose by more than `percent` percent of
    /// the old total. From an old total of 0, any increase counts as more than any percent.
    pub fn cost_rose_more_than(&self, percent: f64) -> bool {
        let cost = self.totals.cs_cost;
        if cost.new <= cost.old {
            return false;
        }
        // Exact on the whole-unit totals: new − old > old × percent / 100.
        (cost.new as f64 - cost.old as f64) * 100.0 > percent * cost.old as f64
    }
}

/// Compares `old` with `new`. If one plan is in longer periods (quarters or years), the other is
/// summed into those.
pub fn diff(old: &Plan, new: &Plan) -> Result<PlanDiff, DiffError> {
    if old.currency != new.currency {
        return Err(DiffError::Currency {
            old: old.currency.clone(),
            new: new.currency.clone(),
        });
    }
    // The longer period of the two: months sum into quarters, quarters into years.
    let period = old.period.max(new.period);
    let (old, new) = (old.in_periods(period), new.in_periods(period));
    let pairs: Vec<(&Row, &Row)> = old
        .timeline
        .iter()
        .filter_map(|o| find(&new, &o.period).map(|n| (o, n)))
        .collect();
    let (Some(first), Some(last)) = (pairs.first(), pairs.last()) else {
        return Err(DiffError::NoCommonPeriod {
            old: span(&old),
            new: span(&new),
        });
    };
    let only = |a: &Plan, b: &Plan| -> Vec<String> {
        a.timeline
            .iter()
            .filter(|r| find(b, &r.period).is_none())
            .map(|r| r.period.clone())
            .collect()
    };
    let sum = |f: fn(&Row) -> i64| {
        Change::of(
            pairs.iter().fold(0i64, |t, (o, _)| t.saturating_add(f(o))),
            pairs.iter().fold(0i64, |t, (_, n)| t.saturating_add(f(n))),
        )
    };
    let cs_cost = sum(|r| r.cs_cost);
    let totals = TotalsChange {
        periods: pairs.len() as u32,
        first_period: first.0.period.clone(),
        last_period: last.0.period.clone(),
        cs_cost,
        cs_cost_change_pct: percent_change(cs_cost),
        end_headcount: headcount(last.0, last.1),
        new_hires: sum(|r| i64::from(r.new_hires)),
        periods_over_cap: sum(|r| i64::from(r.over_cap)),
        end_arr: Change::of(last.0.arr, last.1.arr),
    };
    Ok(PlanDiff {
        schema_version: DIFF_SCHEMA_VERSION,
        csplan_version: crate::CSPLAN_VERSION.to_owned(),
        currency: old.currency.clone(),
        period: old.period,
        old: side(&old),
        new: side(&new),
        periods: pairs.iter().map(|(o, n)| period_change(o, n)).collect(),
        only_old: only(&old, &new),
        only_new: only(&new, &old),
        totals,
    })
}

fn span(plan: &Plan) -> String {
    match (plan.timeline.first(), plan.timeline.last()) {
        (Some(first), Some(last)) => format!("{} to {}", first.period, last.period),
        _ => "no periods".to_string(),
    }
}

fn side(plan: &Plan) -> DiffSide {
    let label = |row: Option<&Row>| row.map(|r| r.period.clone()).unwrap_or_default();
    DiffSide {
        source: None,
        company: plan.company.clone(),
        stance: plan.stance,
        horizon_months: plan.assumptions.horizon_months,
        first_period: label(plan.timeline.first()),
        last_period: label(plan.timeline.last()),
    }
}

fn headcount(old: &Row, new: &Row) -> ByRole<Change> {
    let of = |r: &Row| ByRole {
        csm: r.csm,
        support: r.support,
        onboarding: r.onboarding,
        lead: r.lead,
        manager: r.managers,
    };
    let (o, n) = (of(old), of(new));
    ByRole::from_fn(|role| Change::of(i64::from(o.get(role)), i64::from(n.get(role))))
}

/// A diff saved before partial periods: each period is one month.
fn one_month() -> u32 {
    1
}

fn period_change(old: &Row, new: &Row) -> PeriodChange {
    PeriodChange {
        period: old.period.clone(),
        period_months: old.period_months.min(new.period_months),
        partial: old.partial || new.partial,
        arr: Change::of(old.arr, new.arr),
        headcount: headcount(old, new),
        new_hires: Change::of(i64::from(old.new_hires), i64::from(new.new_hires)),
        cs_cost: Change::of(old.cs_cost, new.cs_cost),
        csm_spend_ratio: RatioChange {
            old: old.csm_spend_ratio,
            new: new.csm_spend_ratio,
            change: old
                .csm_spend_ratio
                .zip(new.csm_spend_ratio)
                .map(|(o, n)| round_to(n - o, 4)),
        },
        over_cap: FlagChange {
            old: old.over_cap,
            new: new.over_cap,
        },
    }
}

fn find<'a>(plan: &'a Plan, period: &str) -> Option<&'a Row> {
    plan.timeline.iter().find(|r| r.period == period)
}

/// Percent change of a total, 2 decimals; `None` for an increase from 0.
fn percent_change(total: Change) -> Option<f64> {
    match (total.old, total.new) {
        (0, 0) => Some(0.0),
        (0, _) => None,
        (old, new) => Some(round_to((new as f64 - old as f64) * 100.0 / old as f64, 2)),
    }
}

#[cfg(test)]
mod tests;
