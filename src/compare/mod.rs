//! `csplan plan --compare-stances`: the same base planned lean, balanced and ahead, side by
//! side — whom each hires, the team it ends with, what it costs and how long it runs over the
//! CSM spend cap. The trade-off a CFO weighs: hiring ahead costs money earlier and buys months
//! without a shortfall.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Base, Role, Stance};
use crate::plan::{ByRole, Plan};
use crate::{PlanError, PlanOptions};

/// The layout version of the comparison JSON.
pub const COMPARISON_SCHEMA_VERSION: u32 = 1;

/// One base planned in every stance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StanceComparison {
    /// Always 1 for this layout.
    pub schema_version: u32,
    /// The csplan that wrote it (`csplan --version`).
    pub csplan_version: String,
    /// `[company] name`.
    pub company: String,
    /// Currency label of every amount.
    pub currency: String,
    /// Months planned.
    pub horizon_months: u32,
    /// The first month's label.
    pub first_period: String,
    /// The last month's label.
    pub last_period: String,
    /// Maximum CSM cost as a fraction of ARR.
    pub csm_spend_cap: f64,
    /// ARR at the start (the same in every stance).
    pub start_arr: i64,
    /// ARR at the end of the horizon (the same in every stance: stances change the team, not
    /// the customers).
    pub end_arr: i64,
    /// One summary per stance: lean, balanced, ahead; with `--within-budget`, a fourth: the
    /// base's stance fitted to the cap and budget (rule `budget-fit`).
    pub stances: Vec<StanceSummary>,
    /// Each stance after the first against the first (the leanest): what it costs more, and
    /// what it buys.
    #[serde(default)]
    pub trade_offs: Vec<StanceTradeOff>,
}

/// One stance against the leanest: each figure is this stance's minus the leanest's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StanceTradeOff {
    /// The stance weighed.
    pub stance: Stance,
    /// True for the fitted plan of `--within-budget` (absent otherwise).
    #[serde(default, skip_serializing_if = "is_false")]
    pub within_budget: bool,
    /// The stance it is weighed against: the leanest.
    pub against: Stance,
    /// CS cost over the horizon, this stance's minus the leanest's.
    pub cs_cost_change: i64,
    /// That change as a percent of the leanest's CS cost, to 1 decimal as the table prints
    /// it; `null` when the leanest costs nothing.
    pub cs_cost_change_pct: Option<f64>,
    /// People in post at the end of the horizon, this stance's minus the leanest's.
    pub end_team_change: i64,
    /// Months short of the need, this stance's minus the leanest's (negative: fewer).
    pub months_short_change: i64,
    /// Months over the CSM spend cap, this stance's minus the leanest's.
    pub months_over_cap_change: i64,
}

/// What one stance does with the base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StanceSummary {
    /// The stance.
    pub stance: Stance,
    /// True for the fitted plan of `--within-budget` (absent otherwise).
    #[serde(default, skip_serializing_if = "is_false")]
    pub within_budget: bool,
    /// ARR one CSM covers in this stance (rule `arr-per-csm`).
    pub arr_per_csm: i64,
    /// People starting within the horizon, all roles.
    pub hires_total: u32,
    /// People starting within the horizon, by role.
    pub hires: ByRole<u32>,
    /// Headcount in post at the end of the horizon, all roles.
    pub end_team: u32,
    /// Headcount in post at the end of the horizon, by role.
    pub end_headcount: ByRole<u32>,
    /// Cost of all CS roles over the horizon.
    pub cs_cost: i64,
    /// Months whose CSM spend is above the cap.
    pub months_over_cap: u32,
    /// Months the stance's plan flags short (`understaffed`): CSM staff, ramping CSMs at their
    /// share, below the need at max_load once the first-CSM gate is due.
    pub months_short: u32,
    /// Start month of the first CSM hired, if any (it may lie past the horizon).
    pub first_csm_start: Option<String>,
    /// CSM spend as a fraction of ARR at the end of the horizon.
    pub end_csm_spend_ratio: Option<f64>,
    /// ARR at the horizon's end. The same in every stance unless `cs_churn_reduction` or
    /// `cs_expansion_share` is set, when churn follows each stance's coverage.
    pub end_arr: i64,
    /// Rule `coverage-response`: the most ARR at risk (books no CSM carries) in any month.
    pub peak_arr_at_risk: i64,
    /// The churned ARR a year of the books at risk in that month.
    pub peak_churned_arr_at_risk: i64,
    /// Months with any book uncovered.
    pub months_at_risk: u32,
    /// With a claim: the ARR the months of books uncovered cost by the horizon's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall_arr_cost: Option<i64>,
}

/// Plans `base` in each stance with `options` (its stance is ignored) and summarises; with
/// `options.within_budget`, the base's own stance fitted to the cap and budget comes fourth.
pub fn compare_stances(base: &Base, options: &PlanOptions) -> Result<StanceComparison, PlanError> {
    // A summary reads no segment rows: plan without them. Each plan is summed up as soon as it
    // is made, then dropped: one plan in memory at a time (four plans at the hire limit took
    // 535 MB).
    let plan = |stance: Option<Stance>, within_budget: bool| {
        crate::plan_summary(
            base,
            &PlanOptions {
                stance,
                within_budget,
                ..*options
            },
        )
    };
    let first = plan(Some(Stance::ALL[0]), false)?;
    let label = |at: Option<&crate::plan::Row>| at.map(|r| r.period.clone()).unwrap_or_default();
    let mut comparison = StanceComparison {
        schema_version: COMPARISON_SCHEMA_VERSION,
        csplan_version: crate::CSPLAN_VERSION.to_owned(),
        company: first.company.clone(),
        currency: first.currency.clone(),
        horizon_months: first.assumptions.horizon_months,
        first_period: label(first.timeline.first()),
        last_period: label(first.timeline.last()),
        csm_spend_cap: first.assumptions.csm_spend_cap,
        start_arr: first.totals.start_arr,
        end_arr: first.totals.end_arr,
        trade_offs: Vec::new(),
        stances: vec![summary(&first)],
    };
    drop(first);
    for &stance in &Stance::ALL[1..] {
        comparison
            .stances
            .push(summary(&plan(Some(stance), false)?));
    }
    if options.within_budget {
        comparison.stances.push(summary(&plan(None, true)?));
    }
    comparison.trade_offs = trade_offs(&comparison.stances);
    Ok(comparison)
}

/// Each stance after the first against the first.
fn trade_offs(stances: &[StanceSummary]) -> Vec<StanceTradeOff> {
    let Some((lean, others)) = stances.split_first() else {
        return Vec::new();
    };
    others
        .iter()
        .map(|s| {
            let cs_cost_change = s.cs_cost.saturating_sub(lean.cs_cost);
            StanceTradeOff {
                stance: s.stance,
                within_budget: s.within_budget,
                against: lean.stance,
                cs_cost_change,
                cs_cost_change_pct: (lean.cs_cost > 0).then(|| {
                    crate::format::round_to(cs_cost_change as f64 * 100.0 / lean.cs_cost as f64, 1)
                }),
                end_team_change: i64::from(s.end_team) - i64::from(lean.end_team),
                months_short_change: i64::from(s.months_short) - i64::from(lean.months_short),
                months_over_cap_change: i64::from(s.months_over_cap)
                    - i64::from(lean.months_over_cap),
            }
        })
        .collect()
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl StanceSummary {
    /// The column's name: `balanced`, or `balanced, within budget` for the fitted plan.
    pub fn label(&self) -> String {
        label(self.stance, self.within_budget)
    }
}

impl StanceTradeOff {
    /// The stance weighed, named as its column.
    pub fn label(&self) -> String {
        label(self.stance, self.within_budget)
    }
}

fn label(stance: Stance, within_budget: bool) -> String {
    if within_budget {
        format!("{stance}, within budget")
    } else {
        stance.to_string()
    }
}

fn summary(plan: &Plan) -> StanceSummary {
    let t = &plan.totals;
    let last = plan.timeline.last();
    let end_headcount = last.map_or_else(ByRole::default, |r| ByRole {
        csm: r.csm,
        support: r.support,
        onboarding: r.onboarding,
        lead: r.lead,
        manager: r.managers,
    });
    let count = |flag: fn(&crate::plan::Row) -> bool| {
        plan.timeline.iter().filter(|r| flag(r)).count() as u32
    };
    // The first month at the most ARR at risk.
    let peak = plan
        .timeline
        .iter()
        .filter(|r| r.arr_at_risk > 0)
        .reduce(|a, b| if b.arr_at_risk > a.arr_at_risk { b } else { a });
    StanceSummary {
        stance: plan.stance,
        within_budget: plan.budget_fit.is_some(),
        arr_per_csm: plan.assumptions.arr_per_csm,
        hires_total: Role::ALL.iter().map(|&r| t.hires.get(r)).sum(),
        hires: t.hires,
        end_team: Role::ALL.iter().map(|&r| end_headcount.get(r)).sum(),
        end_headcount,
        cs_cost: t.cs_cost,
        months_over_cap: count(|r| r.over_cap),
        // One way to count: the months the plan itself flags short (`understaffed`: ramping
        // CSMs at their share, none before the stance's first-CSM gate is due).
        months_short: count(|r| r.understaffed),
        first_csm_start: plan
            .hires
            .iter()
            .filter(|h| h.role == Role::Csm)
            .min_by_key(|h| h.start_month)
            .map(|h| h.start.clone()),
        end_csm_spend_ratio: last.and_then(|r| r.csm_spend_ratio),
        end_arr: t.end_arr,
        peak_arr_at_risk: peak.map_or(0, |r| r.arr_at_risk),
        peak_churned_arr_at_risk: peak.map_or(0, |r| r.churned_arr_at_risk),
        months_at_risk: count(|r| r.arr_at_risk > 0),
        shortfall_arr_cost: t.shortfall_arr_cost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fitted_column_is_the_full_fitted_plan_summed_up() {
        for file in [
            "docs/within-budget.toml",
            "examples/growth.toml",
            "examples/workforce.toml",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let base = crate::input::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
            let options = PlanOptions {
                within_budget: true,
                ..PlanOptions::default()
            };
            let compared = compare_stances(&base, &options).unwrap();
            let fitted = crate::plan(&base, &options).unwrap();
            assert_eq!(compared.stances[3], summary(&fitted), "{file}");
        }
    }

    #[test]
    fn each_stance_is_its_own_plan() {
        let base = crate::input::parse(
            "[company]\nname = \"A\"\nstart = \"2027-01\"\nhorizon_months = 18\n\
             [[segment]]\nname = \"S\"\ncustomers = 60\narpa = 40000\nannual_churn = 0.1\n\
             new_per_month = 2\n",
        )
        .unwrap();
        let options = PlanOptions {
            months: Some(12),
            stance: Some(Stance::Lean),
            within_budget: false,
        };
        let c = compare_stances(&base, &options).unwrap();
        assert_eq!(c.horizon_months, 12);
        let stances: Vec<Stance> = c.stances.iter().map(|s| s.stance).collect();
        assert_eq!(stances, Stance::ALL);
        for s in &c.stances {
            let plan = crate::plan(
                &base,
                &PlanOptions {
                    months: Some(12),
                    stance: Some(s.stance),
                    within_budget: false,
                },
            )
            .unwrap();
            assert_eq!(s.cs_cost, plan.totals.cs_cost);
            assert_eq!(s.end_headcount.csm, plan.timeline.last().unwrap().csm);
            assert_eq!(
                s.months_over_cap,
                plan.timeline.iter().filter(|r| r.over_cap).count() as u32
            );
        }
        // Ahead plans $1M per CSM against $2M: it never ends with fewer CSMs or costs less.
        let (lean, ahead) = (&c.stances[0], &c.stances[2]);
        assert!(ahead.end_headcount.csm >= lean.end_headcount.csm);
        assert!(ahead.cs_cost >= lean.cs_cost);
        // The trade-offs weigh balanced and ahead against lean, figure by figure.
        let weighed: Vec<(Stance, Stance)> =
            c.trade_offs.iter().map(|t| (t.stance, t.against)).collect();
        assert_eq!(
            weighed,
            [
                (Stance::Balanced, Stance::Lean),
                (Stance::Ahead, Stance::Lean)
            ]
        );
        let t = &c.trade_offs[1];
        assert_eq!(t.cs_cost_change, ahead.cs_cost - lean.cs_cost);
        let pct = (ahead.cs_cost - lean.cs_cost) as f64 * 100.0 / lean.cs_cost as f64;
        assert_eq!(t.cs_cost_change_pct, Some((pct * 10.0).round() / 10.0));
        assert_eq!(
            t.end_team_change,
            i64::from(ahead.end_team) - i64::from(lean.end_team)
        );
        assert_eq!(
            t.months_short_change,
            i64::from(ahead.months_short) - i64::from(lean.months_short)
        );
        assert_eq!(
            t.months_over_cap_change,
            i64::from(ahead.months_over_cap) - i64::from(lean.months_over_cap)
        );
    }
}
