//! The validated customer base: plain data, every default applied, every value in range.
//!
//! [`crate::input::parse`] builds a [`Base`] from TOML; a program can also build one directly.
//! The model sits below the planner and every feature: it names none of them.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::month::YearMonth;

pub mod estimate;
pub mod limits;
pub mod work;

/// Where the CS team sits: picks default salaries and the currency label
/// (rule `regional-salary`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// United States: USD, CSM $90k (when-to-start).
    Us,
    /// Europe: EUR, CSM €45k (when-to-start).
    Eu,
    /// Latin America: BRL, CSM R$36k (when-to-start).
    Latam,
}

/// How early csplan hires (SPEC §4 stances).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// $2M ARR per CSM, hire when the need exceeds staff, first CSM at break-even (when-to-start).
    Lean,
    /// $2M ARR per CSM, hire ahead, first CSM at break-even or ~$1M ARR / 100 customers.
    Balanced,
    /// $1M ARR per CSM, hire ahead, and dedicated CSMs for big or self-funding segments
    /// (2m-per-csm).
    Ahead,
}

/// How hard the product is to adopt; scales accounts per CSM (rule `complexity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Complexity {
    /// ×1.5 accounts per CSM.
    Simple,
    /// ×1.0 accounts per CSM.
    Moderate,
    /// ×0.6 accounts per CSM.
    Complex,
}

/// Touch model by deal size (rule `touch-model`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// ARPA ≥ $50k: 14 accounts per CSM.
    Enterprise,
    /// ARPA ≥ $15k: 40 accounts per CSM.
    MidMarket,
    /// ARPA ≥ $1k: 100 accounts per CSM.
    Smb,
    /// ARPA below $1k: no CSM, automation and support only.
    TechTouch,
}

macro_rules! display_as_serde_name {
    ($($ty:ty { $($variant:ident => $name:literal),* $(,)? })*) => {$(
        impl $ty {
            /// The name used in the input file and in every output.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

display_as_serde_name! {
    Region { Us => "us", Eu => "eu", Latam => "latam" }
    Stance { Lean => "lean", Balanced => "balanced", Ahead => "ahead" }
    Complexity { Simple => "simple", Moderate => "moderate", Complex => "complex" }
    Tier { Enterprise => "enterprise", MidMarket => "mid-market", Smb => "smb", TechTouch => "tech-touch" }
}

impl Stance {
    /// All stances, leanest first.
    pub const ALL: [Stance; 3] = [Stance::Lean, Stance::Balanced, Stance::Ahead];
}

impl Tier {
    /// All tiers, largest deals first.
    pub const ALL: [Tier; 4] = [
        Tier::Enterprise,
        Tier::MidMarket,
        Tier::Smb,
        Tier::TechTouch,
    ];
}

/// A customer base ready to plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    /// `[company]`
    pub company: Company,
    /// `[team]`: people on staff at the start.
    pub team: Team,
    /// `[salaries]`, defaults applied: base annual salary per person and the load factor that
    /// turns it into loaded cost (rule `regional-salary`).
    pub salaries: Salaries,
    /// `[workforce]`: how teams are shaped.
    pub workforce: Workforce,
    /// `[support]`
    pub support: SupportModel,
    /// `[onboarding]`
    pub onboarding: OnboardingModel,
    /// `[[segment]]`, at least one.
    pub segments: Vec<Segment>,
    /// `[budget]`: the all-CS budget of named fiscal years, by the plan's label (`FY2028`); a
    /// year not named uses `cs_budget_per_year` (rule `budget-fit`).
    pub budget: std::collections::BTreeMap<String, f64>,
}

/// `[company]`, defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    /// Shown in every output's header.
    pub name: String,
    /// The month before month 1, when given.
    pub start: Option<YearMonth>,
    /// Months to plan, 1..=120.
    pub horizon_months: u32,
    /// Month of the year the fiscal year starts, 1..=12 (1 = January).
    pub fiscal_year_start: u8,
    /// Picks default salaries and currency.
    pub region: Region,
    /// A label for money; never converted.
    pub currency: String,
    /// USD value of one unit of `currency`; converts the seeds' dollar thresholds.
    pub usd_rate: f64,
    /// False when the currency is not USD and no `usd_rate` was given: thresholds apply 1:1.
    pub usd_rate_given: bool,
    /// How early to hire.
    pub stance: Stance,
    /// Months from opening a requisition to the start date, 0..=24.
    pub hire_lead_months: u32,
    /// Maximum CSM cost as a fraction of ARR (rule `spend-cap`), in (0, 1].
    pub csm_spend_cap: f64,
    /// Share of churned ARR that CS claims to avoid, for the ROI of cs-playbook; 0 = not claimed.
    pub cs_churn_reduction: f64,
    /// Share of expansion ARR that CS claims to generate, for the ROI; 0 = not claimed.
    pub cs_expansion_share: f64,
    /// How far past the rules' book a CSM may carry before the next one is needed, 1.0..=2.0
    /// (rule `max-load`).
    pub max_load: f64,
    /// Hosting cost as a fraction of ARR, for the platform gross margin (first-cs-org).
    pub hosting_cost_ratio: Option<f64>,
    /// All-CS budget per fiscal year, for `plan --within-budget` (rule `budget-fit`).
    pub cs_budget_per_year: Option<f64>,
}

/// `[team]`: headcount in post at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Team {
    /// Customer success managers (the first ones are first-cs-org's generalists).
    pub csm: u32,
    /// Technical support agents.
    pub support: u32,
    /// Onboarding / professional services.
    pub onboarding: u32,
    /// Head of CS (director or VP).
    pub lead: u32,
    /// Team managers.
    pub managers: u32,
}

/// `[workforce]`, defaults applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workforce {
    /// People per team manager, 3..=20 (rule `team-manager`).
    pub span_of_control: u32,
    /// People who can start in one month, all CS roles; 0 = no limit (rule
    /// `recruiting-capacity`).
    pub max_starts_per_month: u32,
    /// Months a new CSM takes to carry a full book (rule `ramp`).
    pub ramp_months: u32,
    /// Share of each team leaving per year (rule `attrition-backfill`).
    pub attrition: f64,
}

/// Base annual salary per person by role, in the plan currency, and the load factor that turns
/// it into loaded cost (benefits, taxes, tools).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Salaries {
    /// CSM (when-to-start's regional figure by default).
    pub csm: f64,
    /// Technical support.
    pub support: f64,
    /// Onboarding / professional services.
    pub onboarding: f64,
    /// Head of CS (hired).
    pub lead: f64,
    /// Team manager; also the director-level lead promoted from within (rule `head-of-cs`).
    pub manager: f64,
    /// Loaded cost = salary × load_factor, 1.0..=3.0.
    pub load_factor: f64,
}

/// `[support]`: the demand model for technical support (first-cs-org steps 6, 10).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupportModel {
    /// Tickets one agent resolves in a month.
    pub tickets_per_agent_month: f64,
    /// Premium support revenue as a fraction of licence ARR (first-cs-org: 10–20%).
    pub premium_attach: Option<f64>,
}

/// `[onboarding]`: the capacity model for onboarding / professional services.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnboardingModel {
    /// Billable hours one onboarding FTE delivers in a month.
    pub billable_hours_per_month: f64,
}

/// One `[[segment]]` of the customer base.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Unique within the base.
    pub name: String,
    /// Logos at the start.
    pub customers: f64,
    /// Annual revenue per account at the start, in the plan currency.
    pub arpa: f64,
    /// Gross logo churn per month, 0..=1 (from `annual_churn` or `monthly_churn`).
    pub monthly_churn: f64,
    /// Expansion of retained ARR per year, 0..=1.
    pub annual_expansion: f64,
    /// New logos in the first month.
    pub new_per_month: f64,
    /// Yearly growth of `new_per_month`.
    pub new_growth: f64,
    /// Yearly relative change of churn (SPEC §3 trends): month k churns at
    /// `monthly_churn × (1 + churn_trend)^((k − 1)/12)`. 0 without one.
    pub churn_trend: f64,
    /// Yearly change of the ARPA new logos bring (SPEC §3 trends): logos joining in month k
    /// bring `arpa × (1 + arpa_growth)^((k − 1)/12)`. 0 without one.
    pub arpa_growth: f64,
    /// Product complexity for this segment.
    pub complexity: Complexity,
    /// Contract length in months, 1..=60.
    pub term_months: u32,
    /// The tier as given in the file, if any (else `touch-model` derives it from ARPA).
    pub tier: Option<Tier>,
    /// Accounts one CSM carries, when overridden.
    pub accounts_per_csm: Option<f64>,
    /// Support tickets per account per month (feeds `support-demand`).
    pub tickets_per_account_month: Option<f64>,
    /// Hours of onboarding work per new logo (feeds `onboarding-demand`).
    pub onboarding_hours: Option<f64>,
    /// One-off services revenue per new logo (rule `onboarding-demand`), 0 without one.
    pub onboarding_fee: f64,
    /// The values given as ranges, for simulation; the fields above then hold each range's
    /// central value (see [`crate::uncertainty`]).
    pub ranges: estimate::Ranges,
}

impl Segment {
    /// Gross logo churn per year implied by the monthly rate: `1 − (1 − m)^12`.
    pub fn annual_churn(&self) -> f64 {
        1.0 - (1.0 - self.monthly_churn).powi(12)
    }
}

/// A role in the CS organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Customer success manager.
    Csm,
    /// Technical support.
    Support,
    /// Onboarding / professional services.
    Onboarding,
    /// Head of CS.
    Lead,
    /// Team manager (rule `team-manager`).
    Manager,
}

display_as_serde_name! {
    Role { Csm => "csm", Support => "support", Onboarding => "onboarding", Lead => "lead", Manager => "manager" }
}

impl Role {
    /// The role's team as prose names it: `CSMs`, `support`, `onboarding`, `head of CS`,
    /// `managers`.
    pub fn team_name(self) -> &'static str {
        match self {
            Role::Csm => "CSMs",
            Role::Support => "support",
            Role::Onboarding => "onboarding",
            Role::Lead => "head of CS",
            Role::Manager => "managers",
        }
    }

    /// All roles, in the order outputs list them.
    pub const ALL: [Role; 5] = [
        Role::Csm,
        Role::Support,
        Role::Onboarding,
        Role::Lead,
        Role::Manager,
    ];
}

impl Team {
    /// Headcount of `role` at the start.
    pub fn of(&self, role: Role) -> u32 {
        match role {
            Role::Csm => self.csm,
            Role::Support => self.support,
            Role::Onboarding => self.onboarding,
            Role::Lead => self.lead,
            Role::Manager => self.managers,
        }
    }
}

impl Salaries {
    /// Base annual salary of one person in `role`.
    pub fn base_of(&self, role: Role) -> f64 {
        match role {
            Role::Csm => self.csm,
            Role::Support => self.support,
            Role::Onboarding => self.onboarding,
            Role::Lead => self.lead,
            Role::Manager => self.manager,
        }
    }

    /// Loaded annual cost of one person in `role`: salary × load factor (rule
    /// `regional-salary`).
    pub fn of(&self, role: Role) -> f64 {
        self.base_of(role) * self.load_factor
    }
}
