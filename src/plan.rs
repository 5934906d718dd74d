//! The finished plan: what every renderer formats and what `--format json` writes (SPEC §5).
//!
//! Numbers are already rounded as SPEC §5 prints them: money to whole units (`i64`), counts and
//! FTE to 2 decimals, ratios to 4. A ratio with no denominator is `None` (JSON `null`), never
//! NaN or infinity. Field names are a contract: add beside them, never rename.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Complexity, Region, Role, Stance, Tier};
use crate::rules::RuleId;

pub mod health;
pub(crate) mod segments;

pub use segments::{SegmentSeries, SegmentTable, Segments};

/// The JSON plan's `schema_version`. Changes only when a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

/// A month-by-month (or quarterly) CS hiring plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// Always 1 for this layout.
    pub schema_version: u32,
    /// The csplan that wrote the plan (`csplan --version`); absent from plans saved before
    /// csplan wrote it. A plan of another version may follow another rule book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csplan_version: Option<String>,
    /// `[company] name`.
    pub company: String,
    /// Currency label of every amount.
    pub currency: String,
    /// The stance planned.
    pub stance: Stance,
    /// `month`, `quarter` or `year`: what one timeline row covers.
    pub period: PeriodKind,
    /// The figures the plan rests on.
    pub assumptions: Assumptions,
    /// Rule `breakeven` at the start mix.
    pub breakeven: Breakeven,
    /// One row per period.
    #[serde(deserialize_with = "bounded::at_most::<_, _, { bounded::PERIODS }>")]
    pub timeline: Vec<Row>,
    /// Every requisition, with the rule that opened it.
    #[serde(deserialize_with = "bounded::at_most::<_, _, { bounded::HIRES }>")]
    pub hires: Vec<Hire>,
    /// Flags and caveats, each with its rule.
    #[serde(deserialize_with = "bounded::at_most::<_, _, { bounded::HIRES }>")]
    pub warnings: Vec<Warning>,
    /// Sums over the horizon and the end state.
    pub totals: Totals,
    /// The plan's coverage per tier beside the KeyBanc 2023 figures 2m-per-csm quotes.
    #[serde(deserialize_with = "bounded::at_most::<_, _, { bounded::SEGMENTS }>")]
    pub benchmarks: Vec<Benchmark>,
    /// With `plan --accounts`: the health data and the churn it implies (rule `health-churn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<health::PlanHealth>,
    /// With `plan --within-budget`: what fitting the plan to the cap and budget gave up (rule
    /// `budget-fit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_fit: Option<BudgetFit>,
}

/// Rule `budget-fit`: the fitted plan against the plan the rules call for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetFit {
    /// True when the fitted plan keeps the cap in every month and the budget in every fiscal
    /// year; false when the team in post at the start, or support, onboarding and leadership
    /// at their demand, already pass them (csplan plans no one letting go).
    pub met: bool,
    /// Months of the fitted plan still over the cap (the team in post at the start passes it).
    pub months_over_cap: u32,
    /// The cap the CSM team was held to (`csm_spend_cap`).
    pub csm_spend_cap: f64,
    /// The all-CS budget per fiscal year, when given (`cs_budget_per_year`).
    pub cs_budget_per_year: Option<i64>,
    /// CSMs in post at the horizon end: the rules' plan.
    pub rules_csm: u32,
    /// CSMs in post at the horizon end: the fitted plan.
    pub csm: u32,
    /// Months of the horizon the fitted plan is short (its rows' `understaffed`: the plan's one
    /// definition of a month short).
    pub months_short: u32,
    /// CSM hires that start later than the rules' plan starts them.
    pub deferred_hires: u32,
    /// CSMs the rules' plan starts within the horizon that the fitted plan does not.
    pub unfunded_hires: u32,
    /// The cap that would staff the rules: the rules' plan's highest CSM spend ratio (`null`
    /// when it has CSMs in a month without ARR).
    pub cap_to_staff_rules: Option<f64>,
    /// The budget per fiscal year that would staff the rules: the rules' plan's costliest
    /// fiscal year, a partial year scaled to twelve months.
    pub budget_to_staff_rules: i64,
    /// Per fiscal year of the horizon: the budget's share, the fitted and the rules' CS cost.
    pub fiscal_years: Vec<FiscalYearFit>,
    /// Per segment served by CSMs: the coverage carried, at the month it is most short.
    pub segments: Vec<SegmentFit>,
    /// What the fit gave up against the rules' plan, in rule budget-fit's order (v3): the
    /// external head of CS deferred (step 1), onboarding rounded down (step 2), CSM books,
    /// lowest return first (step 3), managers following the funded team (step 4).
    #[serde(default)]
    pub cuts: Vec<BudgetCut>,
}

/// One thing a fitted plan gives up against the rules' plan (rule `budget-fit`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetCut {
    /// The step of budget-fit's order: 1 the external head, 2 onboarding, 3 CSM books, 4
    /// managers.
    pub step: u32,
    /// The role given up.
    pub role: Role,
    /// The segment whose books go uncovered (CSM books only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// The first month it applies: the month the rules' plan starts the head, or the first
    /// month a book or team is short.
    pub period: String,
    /// Months of the horizon it applies in.
    pub months: u32,
    /// The most people (FTE) it gives up in one month.
    pub fte: f64,
    /// Its cost in the rules' plan within the horizon: what the fit saves.
    pub amount: i64,
    /// For CSM books: the churned ARR a year of the books the cut leaves uncovered, at the
    /// month most of it is (coverage-response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churned_arr_at_risk: Option<i64>,
    /// For CSM books: the month of `churned_arr_at_risk`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_risk_period: Option<String>,
    /// For the head of CS: the month a promotion from within stands in, when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stand_in: Option<String>,
    /// For onboarding: the most billable hours a month of onboarding work left unserved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_unserved: Option<f64>,
}

/// What a fiscal year over its budget is made of: each role's cost in that year, split into
/// the people in post at the start and the hires the fit kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OverrunCause {
    /// The role.
    pub role: Role,
    /// The cost in that fiscal year of the role's people in post at the start.
    pub in_post_at_start: i64,
    /// The cost in that fiscal year of the role's hires the fitted plan kept.
    pub hires_kept: i64,
}

impl BudgetFit {
    /// What would staff the rules, naming only the limits that bind; `money` writes an amount.
    pub fn needs(&self, money: impl Fn(i64) -> String) -> String {
        // Years held to a figure of their own ([budget]) that the rules' plan passes.
        let named: Vec<(&str, i64)> = self
            .fiscal_years
            .iter()
            .filter(|y| {
                y.budget.is_some_and(|b| y.rules_cs_cost > b)
                    && (self.cs_budget_per_year.is_none()
                        || y.year_budget != self.cs_budget_per_year)
            })
            .map(|y| (y.period.as_str(), y.rules_cs_cost))
            .collect();
        crate::rules::budget_fit::needs(
            self.cap_to_staff_rules,
            self.csm_spend_cap,
            self.cs_budget_per_year
                .map(|b| (self.budget_to_staff_rules, b)),
            &named,
            money,
        )
    }
}

/// One fiscal year of a fitted plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FiscalYearFit {
    /// `FY2028` (or `Y1` without a start month).
    pub period: String,
    /// Months of the plan in it.
    pub months: u32,
    /// What its months may cost: its months' share (months / 12) of its `[budget]` figure,
    /// else of `cs_budget_per_year`; `null` when no budget binds it (a year the horizon ends
    /// inside is held only to a `[budget]` figure naming it).
    pub budget: Option<i64>,
    /// CS cost of the fitted plan in it.
    pub cs_cost: i64,
    /// CS cost of the rules' plan in it.
    pub rules_cs_cost: i64,
    /// True when the horizon ends inside it (its last month is not the fiscal year's last).
    #[serde(default)]
    pub ends_inside: bool,
    /// The whole year's budget figure: its `[budget]` entry, else `cs_budget_per_year`.
    #[serde(default)]
    pub year_budget: Option<i64>,
    /// The fitted plan's run-rate at its last month in it: that month's CS cost × 12.
    #[serde(default)]
    pub run_rate: i64,
    /// When the fitted plan passes its budget: what its cost is made of, role by role (roles
    /// that cost nothing that year left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrun: Vec<OverrunCause>,
}

/// One segment's coverage in a fitted plan beside the rules' plan and KeyBanc's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SegmentFit {
    /// `[[segment]] name`.
    pub name: String,
    /// Its tier.
    pub tier: Tier,
    /// The month reported: the one it is most short, or the horizon end.
    pub period: String,
    /// Months of the horizon in which it has less CSM time than in the rules' plan.
    pub months_short: u32,
    /// CSMs (FTE) serving it in the fitted plan that month.
    pub csm_fte: f64,
    /// CSMs (FTE) serving it in the rules' plan that month.
    pub rules_csm_fte: f64,
    /// Accounts per CSM carried in the fitted plan (`null` with no CSM time).
    pub accounts_per_csm: Option<f64>,
    /// Accounts per CSM in the rules' plan.
    pub rules_accounts_per_csm: Option<f64>,
    /// KeyBanc 2023's accounts per CSM for the tier.
    pub keybanc_accounts_per_csm: Option<f64>,
    /// ARR per CSM carried in the fitted plan.
    pub arr_per_csm: Option<i64>,
    /// ARR per CSM in the rules' plan.
    pub rules_arr_per_csm: Option<i64>,
    /// KeyBanc 2023's ARR per CSM for the tier, in the plan currency.
    pub keybanc_arr_per_csm: i64,
}

/// What one timeline row covers, from the shortest period to the longest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    /// One calendar month.
    Month,
    /// A quarter of the fiscal year (or three plan months without a start month).
    Quarter,
    /// A fiscal year (or twelve plan months without a start month).
    Year,
}

impl PeriodKind {
    /// The months a whole period holds: 1, 3 or 12.
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    /// `month`, `quarter` or `year`; `months`, `quarters` or `years` when `count` is not 1.
    pub fn noun(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (PeriodKind::Month, true) => "month",
            (PeriodKind::Month, false) => "months",
            (PeriodKind::Quarter, true) => "quarter",
            (PeriodKind::Quarter, false) => "quarters",
            (PeriodKind::Year, true) => "year",
            (PeriodKind::Year, false) => "years",
        }
    }

    /// `monthly`, `quarterly` or `yearly`.
    pub fn adjective(self) -> &'static str {
        match self {
            PeriodKind::Month => "monthly",
            PeriodKind::Quarter => "quarterly",
            PeriodKind::Year => "yearly",
        }
    }
}

/// Headcount or amounts by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(bound = "T: JsonSchema + Default + Serialize")]
pub struct ByRole<T> {
    /// Customer success managers.
    pub csm: T,
    /// Technical support.
    pub support: T,
    /// Onboarding / professional services.
    pub onboarding: T,
    /// Head of CS.
    pub lead: T,
    /// Team managers (absent in plans saved before version 2).
    #[serde(default)]
    pub manager: T,
}

impl<T: Copy> ByRole<T> {
    /// The value for `role`.
    pub fn get(&self, role: Role) -> T {
        *self.get_ref(role)
    }
}

impl<T> ByRole<T> {
    /// A reference to the value for `role`.
    pub fn get_ref(&self, role: Role) -> &T {
        match role {
            Role::Csm => &self.csm,
            Role::Support => &self.support,
            Role::Onboarding => &self.onboarding,
            Role::Lead => &self.lead,
            Role::Manager => &self.manager,
        }
    }

    /// A mutable reference to the value for `role`.
    pub fn get_mut(&mut self, role: Role) -> &mut T {
        match role {
            Role::Csm => &mut self.csm,
            Role::Support => &mut self.support,
            Role::Onboarding => &mut self.onboarding,
            Role::Lead => &mut self.lead,
            Role::Manager => &mut self.manager,
        }
    }

    /// Builds one from a function of the role.
    pub fn from_fn(mut f: impl FnMut(Role) -> T) -> Self {
        Self {
            csm: f(Role::Csm),
            support: f(Role::Support),
            onboarding: f(Role::Onboarding),
            lead: f(Role::Lead),
            manager: f(Role::Manager),
        }
    }
}

/// How support or onboarding headcount is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StaffingModel {
    /// Rule `support-first`: first-cs-org's sequence, by the size of the CSM team.
    Sequence,
    /// Rule `support-demand` / `onboarding-demand`: from ticket or onboarding-hour inputs.
    Demand,
}

/// The figures the plan rests on, after defaults and currency conversion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assumptions {
    /// ARR one CSM covers (rule `arr-per-csm`), in the plan currency.
    pub arr_per_csm: i64,
    /// Months from requisition to start date.
    pub hire_lead_months: u32,
    /// Maximum CSM cost as a fraction of ARR.
    pub csm_spend_cap: f64,
    /// Loaded annual cost per person, by role: base salary × load_factor.
    pub salaries: ByRole<i64>,
    /// Base annual salary per person, by role, as `[salaries]` gives them (or the regional
    /// defaults).
    #[serde(default)]
    pub base_salaries: ByRole<i64>,
    /// Loaded cost = salary × load_factor (rule `regional-salary`).
    #[serde(default = "one")]
    pub load_factor: f64,
    /// A CSM may carry up to this times the rules' book (rule `max-load`).
    #[serde(default = "one")]
    pub max_load: f64,
    /// People per team manager (rule `team-manager`).
    #[serde(default)]
    pub span_of_control: u32,
    /// People who can start in one month, all CS roles; 0 = no limit (rule
    /// `recruiting-capacity`).
    #[serde(default)]
    pub max_starts_per_month: u32,
    /// Months a new CSM takes to carry a full book (rule `ramp`).
    #[serde(default)]
    pub ramp_months: u32,
    /// Share of each team leaving per year (rule `attrition-backfill`).
    #[serde(default)]
    pub attrition: f64,
    /// Per segment: tier, accounts per CSM and the inputs used.
    #[serde(deserialize_with = "bounded::at_most::<_, _, { bounded::SEGMENTS }>")]
    pub segments: Vec<SegmentAssumption>,
    /// `[company] region`.
    pub region: Region,
    /// USD value of one unit of the plan currency.
    pub usd_rate: f64,
    /// Months planned.
    pub horizon_months: u32,
    /// Month 1 as `YYYY-MM`, when the base gives a start.
    pub start: Option<String>,
    /// Month of the year the fiscal year starts, 1..=12 (`[company] fiscal_year_start`).
    #[serde(default = "january")]
    pub fiscal_year_start: u8,
    /// Headcount at the start, by role.
    pub starting_team: ByRole<u32>,
    /// How support hires are placed.
    pub support_model: StaffingModel,
    /// How onboarding hires are placed.
    pub onboarding_model: StaffingModel,
    /// Tickets one agent resolves in a month.
    pub tickets_per_agent_month: f64,
    /// Billable hours one onboarding FTE delivers in a month.
    pub billable_hours_per_month: f64,
    /// Share of churned ARR CS claims to avoid, for the ROI (0 = not claimed).
    pub cs_churn_reduction: f64,
    /// Share of expansion CS claims to generate, for the ROI (0 = not claimed).
    #[serde(default)]
    pub cs_expansion_share: f64,
    /// Hosting cost as a fraction of ARR, when given.
    pub hosting_cost_ratio: Option<f64>,
    /// Premium support revenue as a fraction of licence ARR, when given.
    pub premium_attach: Option<f64>,
}

/// A saved plan from before fiscal years: its years start in January.
fn january() -> u8 {
    1
}

/// One segment's resolved settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SegmentAssumption {
    /// Segment name.
    pub name: String,
    /// Tier used.
    pub tier: Tier,
    /// `given` when the file sets the tier, else `touch-model`.
    pub tier_from: String,
    /// Accounts one CSM carries (`null` for tech-touch: no CSM).
    pub accounts_per_csm: Option<f64>,
    /// The rule that set accounts_per_csm: `accounts-per-csm`, `complexity`, or `given`.
    pub accounts_per_csm_from: String,
    /// Product complexity.
    pub complexity: Complexity,
    /// Logos at the start.
    pub customers: f64,
    /// Annual revenue per account.
    pub arpa: i64,
    /// Gross logo churn per year.
    pub annual_churn: f64,
    /// Gross logo churn per month.
    pub monthly_churn: f64,
    /// Expansion of retained ARR per year.
    pub annual_expansion: f64,
    /// New logos in month 1.
    pub new_per_month: f64,
    /// Yearly growth of new logos.
    pub new_growth: f64,
    /// Yearly relative change of churn (SPEC §3 trends), when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churn_trend: Option<f64>,
    /// Yearly change of new logos' ARPA (SPEC §3 trends), when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arpa_growth: Option<f64>,
    /// Contract length in months.
    pub term_months: u32,
    /// Support tickets per account per month used (rule `support-demand`).
    #[serde(default)]
    pub tickets_per_account_month: f64,
    /// `given`, or `csplan default` (by tier and complexity).
    #[serde(default)]
    pub tickets_from: String,
    /// Onboarding hours per new logo used (rule `onboarding-demand`).
    #[serde(default)]
    pub onboarding_hours: f64,
    /// `given`, or `csplan default` (by tier and complexity).
    #[serde(default)]
    pub onboarding_hours_from: String,
    /// With `plan --accounts`: the churn typed in the base, beside the `annual_churn` planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed_annual_churn: Option<f64>,
    /// With `plan --accounts`: `accounts` when `annual_churn` comes from the health mix,
    /// `typed` when the segment has no accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churn_source: Option<health::ChurnSource>,
}

/// Rule `breakeven` (when-to-start) at the start mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Breakeven {
    /// `Σ A_s(0) · annual_churn_s`: ARR lost to churn per year at the start.
    pub churned_arr_per_year: i64,
    /// One CSM's loaded annual cost.
    pub csm_salary: i64,
    /// `salary × Σ A(0) / Σ A(0)·annual_churn`; `null` when nothing churns, or so little
    /// that break-even lies past 10^15 (never reached).
    pub arr_at_breakeven: Option<i64>,
    /// The ARR-weighted annual churn used.
    pub weighted_annual_churn: f64,
    /// The first period in which churned ARR per year reaches the salary, if any.
    pub reached: Option<String>,
}

/// One period of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    /// `2027-03`, `2027-Q1`, `FY2028-Q1`, `FY2028`, `M3`, `Q1` or `Y1`.
    pub period: String,
    /// Plan month of the period's end (1-based).
    pub month: u32,
    /// Plan months the period holds: 1 for a month, 3 for a whole quarter, 12 for a whole year.
    /// A plan saved before this field reads as 0 until `diff::complete_saved_plan` fills it.
    #[serde(default)]
    pub period_months: u32,
    /// The plan starts or ends inside the period, so it holds fewer months than a whole one.
    #[serde(default)]
    pub partial: bool,
    /// Logos at the end of the period.
    pub customers: f64,
    /// Run-rate ARR at the end of the period.
    pub arr: i64,
    /// ARR lost to churn during the period.
    pub churned_arr: i64,
    /// Expansion of retained ARR during the period.
    pub expanded_arr: i64,
    /// ARR of new logos won during the period.
    pub new_arr: i64,
    /// CSM need in FTE at the end of the period (before the first-CSM gate).
    pub csm_need_fte: f64,
    /// CSMs in post.
    pub csm: u32,
    /// Support in post.
    pub support: u32,
    /// Onboarding in post.
    pub onboarding: u32,
    /// Head of CS in post (a promoted director-level lead and a hired head both count).
    pub lead: u32,
    /// Team managers in post (rule `team-manager`).
    #[serde(default)]
    pub managers: u32,
    /// The part of a book the CSMs still ramping do not yet carry, in FTE (rule `ramp`): the
    /// CSMs carrying a full book are `csm − ramping_csm_fte`.
    #[serde(default)]
    pub ramping_csm_fte: f64,
    /// People leaving during the period, all teams (rule `attrition-backfill`).
    #[serde(default)]
    pub leavers: u32,
    /// People starting during the period who replace a leaver (rule `attrition-backfill`).
    #[serde(default)]
    pub backfills: u32,
    /// People joining during the period, all roles (growth and backfill hires); a promotion
    /// is a change of role, counted in `promotions`, never here.
    pub new_hires: u32,
    /// People promoted within CS during the period (rule `head-of-cs`): no one joins.
    #[serde(default)]
    pub promotions: u32,
    /// ARR of the books no CSM carries at the period's end, all segments (rule
    /// `coverage-response`).
    #[serde(default)]
    pub arr_at_risk: i64,
    /// Of it, the ARR its churn rates lose in a year.
    #[serde(default)]
    pub churned_arr_at_risk: i64,
    /// Cost of all CS roles during the period.
    pub cs_cost: i64,
    /// `csm × csm salary / arr`; `null` when there are CSMs and no ARR.
    pub csm_spend_ratio: Option<f64>,
    /// CSM spend above the cap (any month of a quarter).
    pub over_cap: bool,
    /// Support work in FTE (demand model only).
    pub support_need_fte: Option<f64>,
    /// Onboarding work in FTE (demand model only).
    pub onboarding_need_fte: Option<f64>,
    /// Cost during the period, by role.
    pub cost: ByRole<i64>,
    /// The same unrounded, for sums over periods rounded once (not written: a plan read back
    /// from JSON sums its rounded figures).
    #[serde(skip)]
    #[schemars(skip)]
    pub cost_exact: Unrounded,
    /// Support + onboarding cost (rule `cost-lines`).
    pub cogs: i64,
    /// CSM + head-of-CS cost (rule `cost-lines`).
    pub sales_marketing: i64,
    /// Annualised CS cost / ARR; `null` without ARR.
    pub cs_cost_ratio: Option<f64>,
    /// Gross revenue retention, trailing twelve months (annualised before month 12).
    pub grr: f64,
    /// Net revenue retention, trailing twelve months (annualised before month 12).
    pub nrr: f64,
    /// Logo churn per month, trailing twelve months.
    pub logo_churn_rate: f64,
    /// Revenue churn of the period: ARR lost to churn / ARR at its start, per month.
    #[serde(default)]
    pub revenue_churn: f64,
    /// Revenue churn above 2% a month (rule `churn-alarm`).
    pub churn_alarm: bool,
    /// CSM staff below the need the rules call for.
    pub understaffed: bool,
    /// when-to-start: ARR lost to churn per year / annual CS cost; `null` without CS cost.
    pub breakeven_ratio: Option<f64>,
    /// cs-playbook: (churned ARR avoided + expansion) / CS cost; `null` without CS cost.
    pub roi: Option<f64>,
    /// Platform gross margin including support (with hosting_cost_ratio only).
    pub gross_margin: Option<f64>,
    /// Premium support revenue, annualised (with premium_attach only).
    pub premium_support_arr: Option<i64>,
    /// Services revenue of the period: new logos × `onboarding_fee` (rule `onboarding-demand`);
    /// absent when no segment sets a fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services_revenue: Option<i64>,
    /// Services revenue less the period's onboarding cost (with `onboarding_fee` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onboarding_margin: Option<i64>,
    /// The same, per segment.
    #[schemars(with = "Vec<SegmentRow>")]
    pub segments: Segments,
}

/// A period's cost by role before rounding, when the plan was made here (a plan read back from
/// JSON has none). Two plans that print the same are equal whatever it holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unrounded(pub Option<ByRole<f64>>);

impl PartialEq for Unrounded {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// One segment in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SegmentRow {
    /// Segment name.
    pub name: Arc<str>,
    /// Logos at the end of the period.
    pub customers: f64,
    /// Run-rate ARR at the end of the period.
    pub arr: i64,
    /// CSM need in FTE.
    pub csm_need_fte: f64,
    /// ARR lost to churn during the period.
    pub churned_arr: i64,
    /// Expansion during the period.
    pub expanded_arr: i64,
    /// ARR of new logos during the period.
    pub new_arr: i64,
    /// Gross revenue retention, trailing twelve months.
    pub grr: f64,
    /// Net revenue retention, trailing twelve months.
    pub nrr: f64,
    /// The share of its CSM need the CSMs in post carry at the period's end (rule
    /// `coverage-response`); `null` for a segment no CSM covers (tech-touch).
    #[serde(default)]
    pub coverage: Option<f64>,
    /// ARR of its books no CSM carries at the period's end.
    #[serde(default)]
    pub arr_at_risk: i64,
    /// Of it, the ARR its churn rate loses in a year.
    #[serde(default)]
    pub churned_arr_at_risk: i64,
}

/// One requisition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Hire {
    /// The role hired.
    pub role: Role,
    /// Month the requisition opens (monthly label).
    pub open: String,
    /// Month the person starts (monthly label; may lie past the horizon).
    pub start: String,
    /// Plan month of `open`.
    pub open_month: u32,
    /// Plan month of `start`.
    pub start_month: u32,
    /// For CSMs: the segment(s) of the tier served, or `shared` (rule `segment-team`).
    pub segment: Option<String>,
    /// For CSMs dedicated to a tier: the tier.
    pub tier: Option<Tier>,
    /// Growth, a backfill, or a promotion from within.
    #[serde(default)]
    pub kind: HireKind,
    /// The rule that opened the requisition.
    pub rule: RuleId,
    /// Why, in a sentence that names `rule` and, when it differs, `sized_by`.
    pub reason: String,
    /// The rule that sized the need (`arr-per-csm`, `accounts-per-csm`, `support-demand`, …).
    pub sized_by: Option<RuleId>,
    /// With `plan --accounts`: how the health data moved this hire; absent when it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<health::HireChange>,
}

/// Why a person joins a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum HireKind {
    /// A new seat the need calls for.
    #[default]
    Growth,
    /// Replaces someone who left the role (here: the book of a person promoted).
    Backfill,
    /// Someone already in CS takes the role (no requisition; costed as the difference).
    Promotion,
}

impl HireKind {
    /// The name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            HireKind::Growth => "growth",
            HireKind::Backfill => "backfill",
            HireKind::Promotion => "promotion",
        }
    }
}

fn one() -> f64 {
    1.0
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// Staff below the need.
    Understaffed,
    /// More staff than the need (never fired; reported).
    Surplus,
    /// CSM spend above the cap.
    OverCap,
    /// Churn above the alarm level.
    ChurnAlarm,
    /// Platform gross margin below 70%.
    LowMargin,
    /// A single logo holding more than 10% of ARR (rule `concentration`).
    Concentration,
    /// An assumption the reader should know about.
    Assumption,
}

/// A flag or caveat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// The rule behind it.
    pub rule: RuleId,
    /// What it is about.
    pub kind: WarningKind,
    /// The first period it concerns, if any.
    pub period: Option<String>,
    /// What to know.
    pub message: String,
}

/// Sums over the horizon, and the end state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Totals {
    /// Cost of all CS roles over the horizon.
    pub cs_cost: i64,
    /// Cost by role over the horizon.
    pub cost: ByRole<i64>,
    /// Support + onboarding over the horizon.
    pub cogs: i64,
    /// CSM + head of CS over the horizon.
    pub sales_marketing: i64,
    /// People starting within the horizon, by role.
    pub hires: ByRole<u32>,
    /// Requisitions opened within the horizon, by role (some start after it).
    pub requisitions: ByRole<u32>,
    /// Periods flagged over the CSM spend cap.
    pub periods_over_cap: u32,
    /// ARR at the start.
    pub start_arr: i64,
    /// ARR at the end of the horizon.
    pub end_arr: i64,
    /// Logos at the end of the horizon.
    pub end_customers: f64,
    /// ARR lost to churn over the horizon.
    pub churned_arr: i64,
    /// Expansion over the horizon.
    pub expanded_arr: i64,
    /// ARR of new logos over the horizon.
    pub new_arr: i64,
    /// Rule `roi` over the horizon; `null` without a claim.
    pub roi: Option<f64>,
    /// Rule `coverage-response`, with `cs_churn_reduction` or `cs_expansion_share` set: the ARR
    /// the months of books uncovered cost by the horizon's end, against the same plan with every
    /// book covered from the month its first-CSM gate is due. Omitted without a claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall_arr_cost: Option<i64>,
}

/// One tier's coverage beside KeyBanc 2023 (2m-per-csm).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Benchmark {
    /// The tier, or `null` for the overall line.
    pub tier: Option<Tier>,
    /// CSMs serving the tier at the horizon end (its share of the team by need).
    pub csm_fte: f64,
    /// The plan's accounts per CSM at the horizon end.
    pub accounts_per_csm: Option<f64>,
    /// KeyBanc 2023 accounts per CSM.
    pub keybanc_accounts_per_csm: Option<f64>,
    /// The plan's ARR per CSM at the horizon end.
    pub arr_per_csm: Option<i64>,
    /// KeyBanc 2023 ARR per CSM, in the plan currency.
    pub keybanc_arr_per_csm: i64,
    /// Rule `benchmark-gap`: why the tier's accounts or ARR per CSM are under half or over
    /// twice KeyBanc's; absent when both are within.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<String>,
}

/// Reading a saved plan back: lists no longer than csplan writes them, refused as they are
/// read, so a hand-made file of millions of rows is refused before it fills memory.
mod bounded {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{Deserialize, Deserializer, Error, SeqAccess, Visitor};

    /// Periods of a timeline: 120 months.
    pub const PERIODS: usize = 120;
    /// Segments (and benchmark lines) of a plan: the input's segment limit.
    pub const SEGMENTS: usize = crate::model::limits::MAX_SEGMENTS;
    /// Hires or warnings of a plan: 100,000 people in each of five roles, twice over for
    /// backfills.
    pub const HIRES: usize = 1_000_000;

    /// A list of at most `N` items.
    pub fn at_most<'de, D, T, const N: usize>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        struct Bounded<T, const N: usize>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for Bounded<T, N> {
            type Value = Vec<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a list of at most {N} entries")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(N).min(1024));
                while let Some(item) = seq.next_element()? {
                    if items.len() == N {
                        return Err(A::Error::custom(format!(
                            "a list of more than {N} entries, more than csplan writes"
                        )));
                    }
                    items.push(item);
                }
                Ok(items)
            }
        }

        deserializer.deserialize_seq(Bounded::<T, N>(PhantomData))
    }
}
