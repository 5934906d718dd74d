//! The planner: projects the base, staffs every role by its rules, and assembles the [`Plan`].
//!
//! To answer "why did it hire in March?": [`staffing`] opens each requisition and writes its
//! rule and reason; the rules themselves live in [`crate::rules`].

mod fit;
mod guard;
mod response;
mod resume;
mod rows;
mod staffing;
mod state;
mod warnings;

use crate::format::{round_money, round_to};
use crate::model::Role;
use crate::model::{Base, Stance};
use crate::month::Calendar;
use crate::plan::{
    Assumptions, Breakeven, ByRole, PeriodKind, Plan, SCHEMA_VERSION, SegmentAssumption,
    StaffingModel,
};
use crate::rules::breakeven as breakeven_rule;
use crate::rules::coverage_response;
use staffing::{Context, Staffing};
use state::{BaseState, Keep, SegmentDetail};

pub use resume::{Promotion, Resume};
pub use staffing::MAX_PEOPLE_PER_ROLE;

pub use crate::model::limits::MAX_ARR;

/// Why a base could not be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// A value outside its allowed range, in a base built in code ([`crate::input::parse`]
    /// never returns one) or in the options.
    #[error("{key} = {value} is out of range: allowed {allowed}")]
    Invalid {
        /// The key, as a path: `segment[2].arpa`.
        key: String,
        /// The value given.
        value: String,
        /// What is allowed.
        allowed: String,
    },
    /// The projection or the team grows past what csplan plans faithfully.
    #[error("{message}")]
    TooLarge {
        /// The segment most responsible, as a path (`segment[2]`), when there is one.
        key: Option<String>,
        /// What grew too large, when, and which inputs to check.
        message: String,
    },
}

impl PlanError {
    /// The key or table the error is about (`segment[2]`, `company.horizon_months`), for
    /// pointing at its line.
    pub fn key(&self) -> Option<&str> {
        match self {
            PlanError::Invalid { key, .. } => Some(key),
            PlanError::TooLarge { key, .. } => key.as_deref(),
        }
    }
}

/// What to plan, beyond the base itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanOptions {
    /// Months to plan instead of `horizon_months` (1..=120).
    pub months: Option<u32>,
    /// Stance instead of the base's.
    pub stance: Option<Stance>,
    /// `plan --within-budget`: the plan fitted to the cap and `cs_budget_per_year` (rule
    /// `budget-fit`).
    pub within_budget: bool,
}

/// What account health adds to the CSM team (rule `health-playbook`): escalation work on red
/// accounts before their renewals, and a floor that keeps coverage at least where the same base
/// with those accounts green would have it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Coverage {
    /// Extra CSM work in FTE per tier and month 0..=months (escalation playbooks).
    pub extra: Vec<(crate::model::Tier, Vec<f64>)>,
    /// CSM headcount the rules must call for at least, per month 0..=months.
    pub floor: Vec<u32>,
}

/// The plan and the CSM headcount its rules call for per month 0..=months (before staffing).
pub(crate) fn plan_with_coverage(
    base: &Base,
    options: &PlanOptions,
    coverage: Option<&Coverage>,
) -> Result<(Plan, Vec<u32>), PlanError> {
    guard::check_base(base, options.months)?;
    build_with(base, options, Detail::Full, coverage, None)
}

/// Plans `base`: the month-by-month hiring timeline with every hire's rule.
///
/// Refuses a value out of range (a base from [`crate::input::parse`] never has one) and a base
/// that grows past what csplan plans faithfully ([`MAX_ARR`], [`MAX_PEOPLE_PER_ROLE`]).
pub fn plan(base: &Base, options: &PlanOptions) -> Result<Plan, PlanError> {
    guard::check_base(base, options.months)?;
    build(base, options, Detail::Full, None)
}

/// The same plan as [`plan`] with per-segment rows for the last twelve months only: the
/// `timeline[].segments` of earlier months are empty; every other figure, hire and warning is
/// [`plan`]'s, and so is the last period of any length (a month, a quarter or a year summed by
/// [`Plan::by_period`]). For the outputs that show segments at the horizon's end at most (the
/// table, Markdown, the chart, the workbook, `check`, a comparison of stances): a base of
/// 10,000 segments over 120 months is planned in some ten megabytes instead of the eighty its
/// segments' series take.
pub fn plan_summary(base: &Base, options: &PlanOptions) -> Result<Plan, PlanError> {
    guard::check_base(base, options.months)?;
    build(base, options, Detail::Summary, None)
}

/// Whether `base` plans: [`plan`]'s refusals (a value out of range, a base that grows past
/// what csplan plans faithfully), without writing what only a printed plan reads (reasons,
/// warnings, benchmarks, per-segment rows). What `csplan check` asks.
pub fn check_plan(base: &Base, options: &PlanOptions) -> Result<(), PlanError> {
    plan_figures(base, options).map(|_| ())
}

/// Plans `base` again from a month already lived ([`Resume`]): the months after it, with the
/// customers and ARR rescaled to the actuals and the staff carried on from the team in post.
/// The timeline holds the remaining months only (numbered and labelled as in the plan), the
/// hires are those starting after the resume month, and the totals cover the remaining months.
pub fn replan(base: &Base, options: &PlanOptions, resume: &Resume) -> Result<Plan, PlanError> {
    guard::check_base(base, options.months)?;
    resume.check(options.months.unwrap_or(base.company.horizon_months))?;
    build(base, options, Detail::Full, Some(resume))
}

/// The CSM headcount the rules call for in each month 0..=months of `base`'s plan.
pub(crate) fn required_csm(base: &Base, options: &PlanOptions) -> Result<Vec<u32>, PlanError> {
    Ok(plan_with_coverage(base, options, None)?.1)
}

/// The same plan as [`plan`] without what a simulation does not read, which is most of a
/// small plan's cost: no per-segment rows, no warnings, no benchmarks. Every other figure is
/// the full plan's.
pub(crate) fn plan_figures(base: &Base, options: &PlanOptions) -> Result<Plan, PlanError> {
    guard::check_base(base, options.months)?;
    build(base, options, Detail::Figures, None)
}

/// How much of a plan to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Everything.
    Full,
    /// Everything but the per-segment rows.
    Summary,
    /// The timeline's own figures, hires and totals.
    Figures,
}

fn build(
    base: &Base,
    options: &PlanOptions,
    detail: Detail,
    resume: Option<&Resume>,
) -> Result<Plan, PlanError> {
    build_with(base, options, detail, None, resume).map(|(plan, _)| plan)
}

fn build_with(
    base: &Base,
    options: &PlanOptions,
    detail: Detail,
    coverage: Option<&Coverage>,
    resume: Option<&Resume>,
) -> Result<(Plan, Vec<u32>), PlanError> {
    let full = detail != Detail::Figures;
    let company = &base.company;
    let stance = options.stance.unwrap_or(company.stance);
    let horizon = options.months.unwrap_or(company.horizon_months);
    let months = horizon + company.hire_lead_months + base.workforce.ramp_months;
    let calendar = Calendar::new(company.start).with_fiscal_year_start(company.fiscal_year_start);

    let keep = Keep {
        horizon,
        segments: match detail {
            Detail::Full => SegmentDetail::Series,
            Detail::Summary => SegmentDetail::LastYear,
            Detail::Figures => SegmentDetail::None,
        },
    };
    let rescale = resume.map(Resume::rescale);
    // Rule `coverage-response`: without a claim one pass, the typed projection; with one, each
    // pass projects with the coverage the previous pass staffed (see [`response`]).
    let pass = |factors: Option<response::Factors>| -> Result<_, PlanError> {
        let state = BaseState::rescaled(base, stance, months, rescale, keep, factors);
        guard::check_arr(&state, calendar)?;
        let staffed = staff(
            &Context {
                base,
                state: &state,
                stance,
                horizon,
                calendar,
                resume,
                coverage,
                fit: None,
                words: full,
            },
            options.within_budget,
            full,
        )?;
        let covered = rows::coverage(&state, &staffed.0);
        Ok((state, staffed, covered))
    };
    let (mut state, mut staffed, mut covered) = pass(None)?;
    if let Some(claim) = response::claim(company) {
        for _ in 1..coverage_response::MAX_PASSES {
            let next = pass(Some(response::Factors::new(claim, &covered)))?;
            let settled = response::settled(&covered, &next.2);
            (state, staffed, covered) = next;
            if settled {
                break;
            }
        }
    }
    let (mut staffing, budget_fit, fit_warnings) = staffed;
    let mut timeline = rows::monthly_rows(base, &state, &staffing, horizon, calendar);
    let mut warnings = if full {
        let mut all = warnings::warnings(base, &state, &staffing, &timeline, stance, calendar);
        all.extend(fit_warnings);
        all
    } else {
        Vec::new()
    };
    let breakeven = breakeven(base, &state, &timeline);
    let mut assumptions = assumptions(base, &state, &staffing, horizon);
    if let Some(r) = resume {
        r.keep_remaining(&mut timeline, &mut warnings, &mut staffing.hires);
        assumptions.starting_team = r.team;
    }
    let mut totals = rows::totals(base, &state, &staffing, &timeline);
    if let Some(claim) = response::claim(company) {
        // The same base with every book covered from the month its gate is due: what the
        // months short cost by the horizon's end.
        let full: Vec<(f64, bool)> = covered
            .iter()
            .enumerate()
            .map(|(t, &(c, due))| (if t > 0 && due { 1.0 } else { c }, due))
            .collect();
        let covered_in_full = BaseState::rescaled(
            base,
            stance,
            months,
            rescale,
            Keep {
                horizon,
                segments: SegmentDetail::None,
            },
            Some(response::Factors::new(claim, &full)),
        );
        let h = horizon as usize;
        totals.shortfall_arr_cost = Some(round_money(
            (covered_in_full.arr[h] - state.arr[h]).max(0.0),
        ));
    }
    guard::check_totals(&totals, &state)?;
    if let Some(r) = resume {
        r.remaining_totals(&mut totals, &staffing.staff, &state.arr, horizon);
    }
    let benchmarks = if full {
        rows::benchmarks(base, &state, &staffing, horizon, stance)
    } else {
        Vec::new()
    };
    let required = staffing.required.csm.clone();
    rows::attach_segments(state, &mut timeline, keep, covered);
    let plan = Plan {
        schema_version: SCHEMA_VERSION,
        csplan_version: Some(crate::CSPLAN_VERSION.to_owned()),
        company: company.name.clone(),
        currency: company.currency.clone(),
        stance,
        period: PeriodKind::Month,
        assumptions,
        breakeven,
        timeline,
        hires: staffing.hires,
        warnings,
        totals,
        benchmarks,
        health: None,
        budget_fit,
    };
    Ok((plan, required))
}

/// The staffing of one projection: fitted to the cap and budget with `--within-budget` (rule
/// `budget-fit`), else the rules' own with any over-budget warning.
fn staff(
    cx: &Context,
    within_budget: bool,
    full: bool,
) -> Result<
    (
        Staffing,
        Option<crate::plan::BudgetFit>,
        Vec<crate::plan::Warning>,
    ),
    PlanError,
> {
    if within_budget {
        let fitted = fit::fit(cx)?;
        Ok((fitted.staffing, Some(fitted.report), fitted.warnings))
    } else {
        let staffing = staffing::plan_staff(cx)?;
        let warnings = if full {
            fit::over_budget(cx, &staffing)
        } else {
            Vec::new()
        };
        Ok((staffing, None, warnings))
    }
}

fn assumptions(base: &Base, state: &BaseState, staffing: &Staffing, horizon: u32) -> Assumptions {
    let company = &base.company;
    let model = |need: &Option<Vec<f64>>| {
        if need.is_some() {
            StaffingModel::Demand
        } else {
            StaffingModel::Sequence
        }
    };
    Assumptions {
        arr_per_csm: round_money(state.arr_per_csm),
        hire_lead_months: company.hire_lead_months,
        csm_spend_cap: company.csm_spend_cap,
        salaries: ByRole::from_fn(|role| round_money(base.salaries.of(role))),
        base_salaries: ByRole::from_fn(|role| round_money(base.salaries.base_of(role))),
        load_factor: round_to(base.salaries.load_factor, 4),
        max_load: company.max_load,
        span_of_control: base.workforce.span_of_control,
        max_starts_per_month: base.workforce.max_starts_per_month,
        ramp_months: base.workforce.ramp_months,
        attrition: round_to(base.workforce.attrition, 4),
        segments: state
            .segments
            .iter()
            .map(|s| SegmentAssumption {
                name: s.segment.name.clone(),
                tier: s.tier,
                tier_from: if s.tier_given { "given" } else { "touch-model" }.to_string(),
                accounts_per_csm: s.accounts_per_csm.map(|(a, _)| round_to(a, 2)),
                accounts_per_csm_from: match (s.segment.accounts_per_csm, s.accounts_per_csm) {
                    (Some(_), _) => "given".to_string(),
                    (None, Some((_, rule))) => rule.to_string(),
                    (None, None) => "touch-model".to_string(),
                },
                complexity: s.segment.complexity,
                customers: round_to(s.segment.customers, 2),
                arpa: round_money(s.segment.arpa),
                annual_churn: round_to(s.annual_churn, 4),
                monthly_churn: round_to(s.segment.monthly_churn, 4),
                annual_expansion: round_to(s.segment.annual_expansion, 4),
                new_per_month: round_to(s.segment.new_per_month, 2),
                new_growth: round_to(s.segment.new_growth, 4),
                churn_trend: (s.segment.churn_trend != 0.0)
                    .then(|| round_to(s.segment.churn_trend, 4)),
                arpa_growth: (s.segment.arpa_growth != 0.0)
                    .then(|| round_to(s.segment.arpa_growth, 4)),
                term_months: s.segment.term_months,
                tickets_per_account_month: round_to(s.tickets_per_account.0, 4),
                tickets_from: source_label(s.tickets_per_account.1),
                onboarding_hours: round_to(s.onboarding_hours.0, 2),
                onboarding_hours_from: source_label(s.onboarding_hours.1),
                typed_annual_churn: None,
                churn_source: None,
            })
            .collect(),
        region: company.region,
        usd_rate: company.usd_rate,
        horizon_months: horizon,
        start: company.start.map(|m| m.to_string()),
        fiscal_year_start: company.fiscal_year_start,
        starting_team: ByRole::from_fn(|role| base.team.of(role)),
        support_model: model(&staffing.support_need),
        onboarding_model: model(&staffing.onboarding_need),
        tickets_per_agent_month: base.support.tickets_per_agent_month,
        billable_hours_per_month: base.onboarding.billable_hours_per_month,
        cs_churn_reduction: company.cs_churn_reduction,
        cs_expansion_share: company.cs_expansion_share,
        hosting_cost_ratio: company.hosting_cost_ratio,
        premium_attach: base.support.premium_attach,
    }
}

/// `given`, or `csplan default` for a figure taken from csplan's defaults.
fn source_label(default: bool) -> String {
    if default { "csplan default" } else { "given" }.to_string()
}

/// Rule `breakeven` at the start mix: `arr_at_breakeven = salary × Σ A(0) / Σ A(0)·churn`.
/// A base with no ARR at the start weighs its segments by the ARR they win each month instead,
/// and failing that equally.
fn breakeven(base: &Base, state: &BaseState, timeline: &[crate::plan::Row]) -> Breakeven {
    let salary = base.salaries.of(Role::Csm);
    let weights: Vec<f64> = {
        let start: Vec<f64> = state.segments.iter().map(|s| s.start_arr).collect();
        let won: Vec<f64> = state
            .segments
            .iter()
            .map(|s| s.segment.new_per_month * s.segment.arpa)
            .collect();
        if start.iter().sum::<f64>() > 0.0 {
            start
        } else if won.iter().sum::<f64>() > 0.0 {
            won
        } else {
            vec![1.0; state.segments.len()]
        }
    };
    let total: f64 = weights.iter().sum();
    let weighted_churn = if total > 0.0 {
        state
            .segments
            .iter()
            .zip(&weights)
            .map(|(s, w)| w * s.annual_churn)
            .sum::<f64>()
            / total
    } else {
        0.0
    };
    let reached = timeline
        .iter()
        .find(|r| breakeven_rule::breakeven(state.churned_arr_per_year[r.month as usize], salary))
        .map(|r| r.period.clone());
    Breakeven {
        churned_arr_per_year: round_money(state.churned_arr_per_year[0]),
        csm_salary: round_money(salary),
        arr_at_breakeven: breakeven_rule::arr_at_breakeven(salary, weighted_churn).map(round_money),
        weighted_annual_churn: round_to(weighted_churn, 4),
        reached,
    }
}
