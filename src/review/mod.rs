//! `csplan review`: the quarterly budget review (SPEC §7) — the months lived against the plan the
//! board approved, the people who arrived against the hires planned, CS spend against plan and
//! cap, and the rest of the horizon planned again from where the company actually stands.
//!
//! The review reads the approved [`Plan`] and the [`Actuals`]; the planner never reads a review.
//! Every compared figure is a [`Compared`]: plan, actual, `actual − plan` and that variance as a
//! percent of plan. A figure the actuals leave empty is not compared (unknown is not zero).

mod actuals;
pub(crate) mod compare;
pub(crate) mod reforecast;

pub use actuals::{ActualMonth, Actuals, ActualsError, Figure, MAX_ACTUALS_BYTES, read};
pub use reforecast::{HireChange, HireChangeKind, Outlook, ReforecastBasis, YearEnd};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Base, Role, Stance};
use crate::plan::{ByRole, PeriodKind, Plan};
use crate::{PlanError, PlanOptions};

/// The layout version of the review JSON; changes only when a field changes meaning or goes.
/// Version 2: `variance_pct` and `change_pct` are fractions (4 decimals), as the plan's ratios.
pub const REVIEW_SCHEMA_VERSION: u32 = 2;

/// What one compared period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReviewPeriod {
    /// One plan month.
    Month,
    /// A quarter of the plan's fiscal year (three plan months without a start month).
    Quarter,
    /// The plan's fiscal year (twelve plan months without a start month).
    Year,
}

/// One figure, plan against actual.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Compared<T> {
    /// The approved plan's figure; `null` when the plan carries none.
    pub plan: Option<T>,
    /// The actual figure.
    pub actual: T,
    /// `actual − plan`; `null` without a plan figure.
    pub variance: Option<T>,
    /// The variance as a fraction of plan, to 4 decimals like the plan's ratios (`-0.125` is
    /// 12.5% below plan); `null` when the plan figure is 0 or unknown.
    pub variance_pct: Option<f64>,
    /// For money: `true` when the variance is favourable (cost under plan, ARR or logos above
    /// it), `false` when unfavourable; absent for people and with no variance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favourable: Option<bool>,
}

/// The CS-cost variance split three ways, summing exactly to it (whole units):
/// `volume + rate + timing = actual − plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CostSplit {
    /// Headcount: people in post against plan (leavers, unplanned arrivals, roles not filled),
    /// priced at the plan's loaded cost per head, net of `timing`.
    pub volume: i64,
    /// Cost per head: the actual cost against the actual people priced at the plan's loaded
    /// costs.
    pub rate: i64,
    /// Hires early or late: the months a planned hire arrived before (+) or after (−) its
    /// planned start, or is overdue, priced at its role's loaded cost.
    pub timing: i64,
}

/// One period of the review: each figure the actuals give, against the plan.
///
/// A state (customers, ARR, headcount, the spend ratio) is compared at the last month of the
/// period that gives it; CS cost is summed over the months that give it, against the plan's sum
/// over the same months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PeriodReview {
    /// `2027-03`, `2027-Q1`, `FY2028-Q1`, `FY2027`, `M3`, `Q1` or `Y1`: the labels of
    /// `plan --period`.
    pub period: String,
    /// Months of actuals in the period.
    pub months: u32,
    /// Months the plan has in the period (more than `months` for a period still running).
    pub plan_months: u32,
    /// The actuals cover the period only in part (`months < plan_months`): marked `*`.
    pub partial: bool,
    /// The last month of actuals in the period.
    pub through: String,
    /// Logos at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<Compared<f64>>,
    /// Run-rate ARR at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arr: Option<Compared<i64>>,
    /// CSMs in post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csm: Option<Compared<i64>>,
    /// Support in post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<Compared<i64>>,
    /// Onboarding in post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onboarding: Option<Compared<i64>>,
    /// Head of CS in post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Compared<i64>>,
    /// Team managers in post (the plan figure is `null` while plans carry none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managers: Option<Compared<i64>>,
    /// CS cost over the months that give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cs_cost: Option<Compared<i64>>,
    /// The CS-cost variance as volume, rate and timing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cs_cost_split: Option<CostSplit>,
    /// CSM spend as a fraction of ARR (`csm × loaded CSM cost / arr`), when the actuals give
    /// both and the actual ARR is above 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csm_spend_ratio: Option<Compared<f64>>,
    /// The actual CSM spend is above the cap (rule `spend-cap`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_cap: Option<bool>,
}

/// How a planned hire stands against the people who arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HireStatus {
    /// Arrived in the month planned.
    OnTime,
    /// Arrived before the month planned.
    Early,
    /// Arrived after the month planned.
    Late,
    /// Due by the last month of actuals and not arrived.
    Missing,
    /// Arrived with no planned hire left to match.
    Unplanned,
    /// Arrived in place of a person who left (a headcount that fell before).
    Backfill,
}

/// A planned hire against the people who arrived (headcount increases in the actuals, matched in
/// order: the first person to arrive in a role fills its first planned hire).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HireCheck {
    /// The role.
    pub role: Role,
    /// The planned hire's segment (CSMs).
    pub segment: Option<String>,
    /// The month its requisition was planned to open.
    pub planned_open: Option<String>,
    /// The month its person was planned to start.
    pub planned_start: Option<String>,
    /// The month the person arrived (the first month the headcount shows them).
    pub arrived: Option<String>,
    /// On time, early, late, missing, unplanned or backfill.
    pub status: HireStatus,
    /// `arrived − planned start` in months (negative: early); for a missing hire, the months
    /// overdue at the last month of actuals.
    pub months_late: Option<i64>,
}

/// People who left: a headcount that fell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Departure {
    /// The role.
    pub role: Role,
    /// The month the headcount fell.
    pub period: String,
    /// By how many people.
    pub people: u32,
}

/// CS spend to date against plan and against the cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SpendReview {
    /// Months whose actuals give `cs_cost`.
    pub months: u32,
    /// CS cost over those months against the plan's over the same months (the plan's months
    /// summed unrounded, rounded once); `null` when no month gives it.
    pub cs_cost: Option<Compared<i64>>,
    /// Its variance as volume, rate and timing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cs_cost_split: Option<CostSplit>,
    /// The plan's CSM spend cap (fraction of ARR).
    pub csm_spend_cap: f64,
    /// The last month whose actuals give both `csm` and `arr`.
    pub ratio_at: Option<String>,
    /// CSM spend as a fraction of ARR at that month.
    pub csm_spend_ratio: Option<Compared<f64>>,
    /// Months of actuals whose CSM spend is above the cap.
    pub months_over_cap: u32,
    /// Of the same months, those the plan had above the cap.
    pub plan_months_over_cap: u32,
}

/// One month of the approved plan, in brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlannedMonth {
    /// The month.
    pub period: String,
    /// Plan month (1-based).
    pub month: u32,
    /// Logos at its end.
    pub customers: f64,
    /// Run-rate ARR at its end.
    pub arr: i64,
    /// People in post by role.
    pub team: ByRole<u32>,
    /// CS cost of the month.
    pub cs_cost: i64,
    /// CSM spend above the cap in the approved plan.
    #[serde(default)]
    pub over_cap: bool,
    /// The month's unrounded CS cost, for sums over months rounded once; not written.
    #[serde(skip)]
    #[schemars(skip)]
    pub cs_cost_exact: Option<f64>,
}

/// What the re-forecast changes against the approved plan's remaining months, in one line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReforecastChange {
    /// Months re-forecast.
    pub months: u32,
    /// CS cost over them (sums of unrounded months, rounded once), approved and re-forecast.
    pub cs_cost: reforecast::Outlook<i64>,
    /// People in CS at the horizon's end.
    pub people: reforecast::Outlook<i64>,
    /// Months with CSM spend above the cap.
    pub months_over_cap: reforecast::Outlook<i64>,
    /// The re-forecast's warnings (cap, budget, short staff), as a plan gives them.
    pub warnings: u32,
}

/// The review: the months lived against the approved plan, and the re-forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Review {
    /// Always 2 for this layout.
    pub schema_version: u32,
    /// The csplan that wrote it (`csplan --version`).
    pub csplan_version: String,
    /// The company.
    pub company: String,
    /// Currency label of every amount.
    pub currency: String,
    /// The approved plan's stance.
    pub stance: Stance,
    /// What one compared period covers.
    pub period: ReviewPeriod,
    /// The first month of actuals.
    pub first: String,
    /// The last month of actuals: the re-forecast starts after it.
    pub last: String,
    /// The figures the actuals give.
    pub figures: Vec<Figure>,
    /// One entry per period with actuals.
    pub periods: Vec<PeriodReview>,
    /// Planned hires due by the last month, hires that came early, and unplanned arrivals.
    pub hires: Vec<HireCheck>,
    /// Headcounts that fell.
    pub departures: Vec<Departure>,
    /// Spend to date.
    pub spend: SpendReview,
    /// What the re-forecast starts from; `null` without one.
    pub reforecast_basis: Option<ReforecastBasis>,
    /// The rest of the horizon planned again from the last month's actuals: a plan, as
    /// `csplan plan --format json` writes one, of the remaining months; `null` when the review
    /// has no base to plan from, or no month remains.
    pub reforecast: Option<Plan>,
    /// The approved plan's months that the re-forecast plans again, in brief, to read beside it.
    pub plan_remaining: Vec<PlannedMonth>,
    /// The re-forecast's hires that differ from the approved plan's.
    pub hire_changes: Vec<HireChange>,
    /// What the re-forecast changes in cost, team and cap; `null` without one.
    #[serde(default)]
    pub reforecast_change: Option<ReforecastChange>,
    /// The fiscal year in progress at its end (or the horizon's), planned and re-forecast.
    pub year_end: Option<YearEnd>,
    /// What the reader should know about the figures.
    pub notes: Vec<String>,
}

impl Review {
    /// True when actual CS spend to date exceeds the plan's by more than `pct` percent.
    pub fn over_budget_by_more_than(&self, pct: f64) -> bool {
        self.spend.cs_cost.is_some_and(|c| {
            let plan = c.plan.unwrap_or(0);
            // Whole-unit totals, not the rounded percent: from a plan of 0 any spend is over.
            (c.actual - plan) as f64 * 100.0 > pct * plan as f64
        })
    }
}

/// Why a review cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// The approved plan is not monthly: actuals are months.
    #[error(
        "the approved plan is quarterly: a review compares months; save the plan with `csplan plan --format json` (monthly, the default)"
    )]
    NotMonthly,
    /// The base given for the re-forecast does not plan the approved plan's months.
    #[error(
        "the base does not plan the approved plan's months or segments ({0}): give the base the plan was made from"
    )]
    OtherBase(String),
    /// The re-forecast could not be planned.
    #[error("the re-forecast from the actuals' last month cannot be planned: {0}")]
    Plan(#[from] PlanError),
}

/// A note naming the first sum of money past 10^15 ([`crate::MAX_ARR`]), where amounts are no
/// longer exact to the unit: CS cost summed over a period or over the months to date. Each
/// month's figures are within it; their sums may not be.
fn past_exact_money(periods: &[PeriodReview], spend: &SpendReview) -> Option<String> {
    let past = |c: &Compared<i64>| {
        c.actual as f64 > crate::MAX_ARR || c.plan.is_some_and(|p| p as f64 > crate::MAX_ARR)
    };
    let (what, figure) = periods
        .iter()
        .find_map(|p| {
            p.cs_cost
                .as_ref()
                .filter(|c| past(c))
                .map(|c| (format!("cs_cost over {}", p.period), c.actual))
        })
        .or_else(|| {
            spend
                .cs_cost
                .as_ref()
                .filter(|c| past(c))
                .map(|c| ("cs_cost to date".to_string(), c.actual))
        })?;
    Some(format!(
        "{what} sums to {}, past 10^15: amounts there are not exact to the unit; check the \
         actuals' cs_cost",
        crate::format::grouped(figure)
    ))
}

/// Reviews `actuals` against the `approved` plan, per `period`; with `base` (the base the plan
/// was made from), re-forecasts the remaining months.
pub fn review(
    approved: &Plan,
    actuals: &Actuals,
    period: ReviewPeriod,
    base: Option<&Base>,
) -> Result<Review, ReviewError> {
    if approved.period != PeriodKind::Month {
        return Err(ReviewError::NotMonthly);
    }
    let mut notes = Vec::new();
    let last = actuals.months.last().map_or(0, |m| m.month);
    let options = PlanOptions {
        months: Some(approved.assumptions.horizon_months),
        stance: Some(approved.stance),
        // The re-forecast of a plan fitted to its budget is fitted too.
        within_budget: approved.budget_fit.is_some(),
    };
    // The base planned again: it must be the approved plan's, and it gives a saved plan's
    // months their unrounded costs.
    let same = base.map(|b| reforecast::check_same_plan(b, &options, approved));
    let filled = match &same {
        Some(Ok(planned)) => Some(reforecast::with_exact_costs(approved, planned)),
        _ => None,
    };
    let approved = filled.as_ref().unwrap_or(approved);
    let (hires, departures, to_come) = compare::hires(approved, actuals, &mut notes);
    let periods = compare::periods(approved, actuals, period, &hires);
    let spend = compare::spend(approved, actuals, &hires);
    if let Some(note) = past_exact_money(&periods, &spend) {
        notes.push(note);
    }
    let (basis, reforecast, hire_changes, year_end) = match base {
        None => {
            notes.push(
                "no re-forecast: a saved JSON plan has no base to plan from; give the base the plan \
                 was made from with --base base.toml"
                    .to_string(),
            );
            (None, None, Vec::new(), None)
        }
        Some(_) if last >= approved.assumptions.horizon_months => {
            notes.push("no re-forecast: the actuals reach the plan's last month".to_string());
            (None, None, Vec::new(), None)
        }
        Some(base) => {
            if let Some(Err(error)) = same {
                return Err(error);
            }
            match reforecast::reforecast(base, &options, approved, actuals, &hires, &mut notes) {
                Ok((basis, plan)) => {
                    let changes = reforecast::hire_changes(&to_come, &plan, last);
                    let year_end = reforecast::year_end(approved, actuals, &plan);
                    (Some(basis), Some(plan), changes, year_end)
                }
                // Actuals that grow the re-forecast past what csplan plans (ARR past 10^15)
                // leave the comparison of what happened standing: only the re-forecast goes.
                Err(ReviewError::Plan(error)) => {
                    notes.push(format!(
                        "no re-forecast: planned again from the actuals, {error}"
                    ));
                    (None, None, Vec::new(), None)
                }
                Err(other) => return Err(other),
            }
        }
    };
    Ok(Review {
        schema_version: REVIEW_SCHEMA_VERSION,
        csplan_version: crate::CSPLAN_VERSION.to_owned(),
        company: approved.company.clone(),
        currency: approved.currency.clone(),
        stance: approved.stance,
        period,
        first: actuals
            .months
            .first()
            .map(|m| m.period.clone())
            .unwrap_or_default(),
        last: actuals
            .months
            .last()
            .map(|m| m.period.clone())
            .unwrap_or_default(),
        figures: actuals.columns.clone(),
        periods,
        hires,
        departures,
        spend,
        reforecast_basis: basis,
        plan_remaining: approved
            .timeline
            .iter()
            .filter(|r| reforecast.is_some() && r.month > last)
            .map(|r| PlannedMonth {
                period: r.period.clone(),
                month: r.month,
                customers: r.customers,
                arr: r.arr,
                team: compare::team_of(r),
                cs_cost: r.cs_cost,
                over_cap: r.over_cap,
                cs_cost_exact: Some(compare::plan_cost_exact(approved, r)),
            })
            .collect(),
        reforecast_change: reforecast
            .as_ref()
            .map(|again| reforecast::change(approved, again, last)),
        reforecast,
        hire_changes,
        year_end,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_spend(plan: i64, actual: i64) -> Review {
        let base = crate::input::parse(
            "[company]\nname = \"A\"\nstart = \"2027-01\"\nhorizon_months = 6\n[team]\ncsm = 1\n\
             [[segment]]\nname = \"S\"\ncustomers = 40\narpa = 20000\nannual_churn = 0\n",
        )
        .unwrap();
        let approved = crate::plan(&base, &PlanOptions::default()).unwrap();
        let actuals = read("period,cs_cost\n2027-01,1\n", &approved, None).unwrap();
        let mut review = review(&approved, &actuals, ReviewPeriod::Month, None).unwrap();
        review.spend.cs_cost = Some(compare::compared_whole(Some(plan as f64), actual as f64));
        review
    }

    #[test]
    fn the_budget_gate_compares_whole_units_not_the_rounded_percent() {
        // 10,501 against 10,000 is 5.01% over, past 5%; 10,500 is exactly 5%, not past it.
        assert!(with_spend(10_000, 10_501).over_budget_by_more_than(5.0));
        assert!(!with_spend(10_000, 10_500).over_budget_by_more_than(5.0));
        assert!(!with_spend(10_000, 9_000).over_budget_by_more_than(0.0));
        assert!(with_spend(0, 1).over_budget_by_more_than(1_000.0));
        assert!(!with_spend(0, 0).over_budget_by_more_than(0.0));
    }

    fn cell() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // Mostly good cells, so that whole reviews are made as often as refusals.
        prop_oneof![
            20 => Just(String::new()),
            20 => (0u32..400).prop_map(|n| n.to_string()),
            3 => (0.0f64..5e6).prop_map(|v| format!("{v:.2}")),
            1 => Just("-3".to_string()),
            1 => Just("1e400".to_string()),
            1 => Just("2.5".to_string()),
            1 => Just("n/a".to_string()),
            1 => Just("\"1,5\"".to_string()),
        ]
    }

    proptest::proptest! {
        /// Any actuals: refused with every problem inside the file, or reviewed (with a
        /// re-forecast) into JSON without NaN or infinity.
        #[test]
        fn any_actuals_are_refused_in_place_or_reviewed(
            rows in proptest::collection::vec(
                (0u32..30, proptest::collection::vec(cell(), 8)),
                0..5,
            ),
            period in 0usize..3,
        ) {
            let base = crate::input::parse(include_str!("../../examples/growth.toml")).unwrap();
            let approved = crate::plan(&base, &PlanOptions::default()).unwrap();
            let mut text = String::from("period,customers,arr,csm,support,onboarding,lead,managers,cs_cost\n");
            for (month, cells) in &rows {
                let label = if *month == 0 { "M0".to_string() } else {
                    crate::month::Calendar::new(Some("2027-01".parse().unwrap())).month_label(*month)
                };
                text.push_str(&format!("{label},{}\n", cells.join(",")));
            }
            match read(&text, &approved, None) {
                Err(e) => {
                    for d in &e.diagnostics {
                        if let Some(span) = &d.span {
                            proptest::prop_assert!(span.end <= text.len(), "{d:?}");
                        }
                    }
                    proptest::prop_assert!(!e.render("a.csv", &text).is_empty());
                }
                Ok(actuals) => {
                    let period = [ReviewPeriod::Month, ReviewPeriod::Quarter, ReviewPeriod::Year][period];
                    let reviewed = review(&approved, &actuals, period, Some(&base));
                    // A re-forecast past csplan's limits is noted, never a refusal.
                    let reviewed = reviewed.unwrap();
                    let json = crate::render::render(&reviewed, crate::render::Format::Json);
                    proptest::prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
                    for format in [crate::render::Format::Table, crate::render::Format::Markdown, crate::render::Format::Csv] {
                        let text = crate::render::render(&reviewed, format);
                        proptest::prop_assert!(!text.contains("NaN") && !text.contains("inf"));
                    }
                }
            }
        }
    }
}
