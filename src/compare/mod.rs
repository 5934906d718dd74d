//! `csplan plan --compare-stances`: the same base planned lean, balanced and ahead, side by
//! side — whom each hires, the team it ends with, what it costs and how long it runs over the
//! CSM spend cap. The trade-off a CFO weighs: hiring ahead costs money earlier and buys months
//! without a shortfall.

mod render;

pub use render::{render_comparison, render_comparison_table};

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
    /// One summary per stance: lean, balanced, ahead.
    pub stances: Vec<StanceSummary>,
}

/// What one stance does with the base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StanceSummary {
    /// The stance.
    pub stance: Stance,
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
    /// Months whose CSM staff is below the need the rules call for.
    pub months_short: u32,
    /// Start month of the first CSM hired, if any (it may lie past the horizon).
    pub first_csm_start: Option<String>,
    /// CSM spend as a fraction of ARR at the end of the horizon.
    pub end_csm_spend_ratio: Option<f64>,
}

/// Plans `base` in each stance with `options` (its stance is ignored) and summarises.
pub fn compare_stances(base: &Base, options: &PlanOptions) -> Result<StanceComparison, PlanError> {
    let plans = Stance::ALL
        .iter()
        .map(|&stance| {
            // A summary reads no segment rows: plan without them.
            crate::plan_summary(
                base,
                &PlanOptions {
                    stance: Some(stance),
                    ..*options
                },
            )
        })
        .collect::<Result<Vec<Plan>, PlanError>>()?;
    let first = &plans[0];
    let label = |at: Option<&crate::plan::Row>| at.map(|r| r.period.clone()).unwrap_or_default();
    Ok(StanceComparison {
        schema_version: COMPARISON_SCHEMA_VERSION,
        company: first.company.clone(),
        currency: first.currency.clone(),
        horizon_months: first.assumptions.horizon_months,
        first_period: label(first.timeline.first()),
        last_period: label(first.timeline.last()),
        csm_spend_cap: first.assumptions.csm_spend_cap,
        start_arr: first.totals.start_arr,
        end_arr: first.totals.end_arr,
        stances: plans.iter().map(summary).collect(),
    })
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
    StanceSummary {
        stance: plan.stance,
        arr_per_csm: plan.assumptions.arr_per_csm,
        hires_total: Role::ALL.iter().map(|&r| t.hires.get(r)).sum(),
        hires: t.hires,
        end_team: Role::ALL.iter().map(|&r| end_headcount.get(r)).sum(),
        end_headcount,
        cs_cost: t.cs_cost,
        months_over_cap: count(|r| r.over_cap),
        // Short of the need at max_load, whether or not a first-CSM gate opened: a plan with no
        // CSMs at all is short every month the base needs one.
        months_short: plan
            .timeline
            .iter()
            .filter(|r| f64::from(r.csm) * plan.assumptions.max_load + 1e-9 < r.csm_need_fte)
            .count() as u32,
        first_csm_start: plan
            .hires
            .iter()
            .filter(|h| h.role == Role::Csm)
            .min_by_key(|h| h.start_month)
            .map(|h| h.start.clone()),
        end_csm_spend_ratio: last.and_then(|r| r.csm_spend_ratio),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
