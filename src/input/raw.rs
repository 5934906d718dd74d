//! The input file as written: every key of SPEC §2, each value keeping its place in the file
//! (`Spanned`) so that checks after parsing still point at the line.
//!
//! These types also generate `csplan schema input`, so each field's doc states its default and
//! its allowed range.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::model::{Complexity, Region, Stance, Tier};

// Required keys (`company`, `name`, `arpa`) are `Option` here and required in the schema: a
// missing one is reported by the range checks, beside every other problem, rather than
// stopping serde at the first.

/// A `base.toml`: the customer base to plan.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBase {
    /// The company and the planning settings.
    #[schemars(with = "RawCompany")]
    pub company: Option<Spanned<RawCompany>>,
    /// People on staff at the start (all default 0).
    #[serde(default)]
    pub team: RawTeam,
    /// Fully loaded annual cost per person, in `currency` (defaults by region).
    #[serde(default)]
    pub salaries: RawSalaries,
    /// Optional demand model for technical support.
    #[serde(default)]
    pub support: RawSupport,
    /// Optional capacity model for onboarding / professional services.
    #[serde(default)]
    pub onboarding: RawOnboarding,
    /// One or more customer segments.
    #[serde(default)]
    #[schemars(with = "Vec<RawSegment>")]
    pub segment: Vec<Spanned<RawSegment>>,
}

/// `[company]`
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCompany {
    /// Company name, shown in every output's header. Required.
    #[schemars(with = "String")]
    pub name: Option<Spanned<String>>,
    /// First month of the plan as "YYYY-MM". Without it periods are "M1".."M24".
    #[schemars(with = "Option<String>")]
    pub start: Option<Spanned<String>>,
    /// Months to plan, 1..=120. Default 24.
    #[schemars(with = "Option<i64>")]
    pub horizon_months: Option<Spanned<i64>>,
    /// us | eu | latam: default salaries and currency (rule regional-salary). Default us.
    #[schemars(with = "Option<Region>")]
    pub region: Option<Spanned<Region>>,
    /// Currency label; default from region (us USD, eu EUR, latam BRL). Never converted.
    #[schemars(with = "Option<String>")]
    pub currency: Option<Spanned<String>>,
    /// USD value of one unit of `currency`, > 0. Default 1.0 for USD.
    #[schemars(with = "Option<f64>")]
    pub usd_rate: Option<Spanned<f64>>,
    /// lean | balanced | ahead. Default balanced.
    #[schemars(with = "Option<Stance>")]
    pub stance: Option<Spanned<Stance>>,
    /// Months from opening a requisition to the start date, 0..=24. Default 3.
    #[schemars(with = "Option<i64>")]
    pub hire_lead_months: Option<Spanned<i64>>,
    /// Maximum CSM cost as a fraction of ARR, in (0, 1]. Default 0.10 (rule spend-cap).
    #[schemars(with = "Option<f64>")]
    pub csm_spend_cap: Option<Spanned<f64>>,
    /// Share of churned ARR that CS avoids, 0..=1, for the ROI. Default 0 (not claimed).
    #[schemars(with = "Option<f64>")]
    pub cs_churn_reduction: Option<Spanned<f64>>,
    /// Hosting cost as a fraction of ARR, 0..=1, for the platform gross margin. Optional.
    #[schemars(with = "Option<f64>")]
    pub hosting_cost_ratio: Option<Spanned<f64>>,
}

/// `[team]`: headcount in post at the start, whole people, 0..=10000 each. Default 0.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    /// Customer success managers.
    #[schemars(with = "Option<i64>")]
    pub csm: Option<Spanned<i64>>,
    /// Technical support agents.
    #[schemars(with = "Option<i64>")]
    pub support: Option<Spanned<i64>>,
    /// Onboarding / professional services.
    #[schemars(with = "Option<i64>")]
    pub onboarding: Option<Spanned<i64>>,
    /// Head of CS.
    #[schemars(with = "Option<i64>")]
    pub lead: Option<Spanned<i64>>,
}

/// `[salaries]`: loaded annual cost per person in `currency`, > 0. Defaults by region.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSalaries {
    /// CSM. Default us 90000, eu 45000, latam 36000 (seed 000).
    #[schemars(with = "Option<f64>")]
    pub csm: Option<Spanned<f64>>,
    /// Technical support. Default 0.75 × the regional CSM figure (csplan default).
    #[schemars(with = "Option<f64>")]
    pub support: Option<Spanned<f64>>,
    /// Onboarding / professional services. Default 1.0 × the regional CSM figure (csplan default).
    #[schemars(with = "Option<f64>")]
    pub onboarding: Option<Spanned<f64>>,
    /// Head of CS. Default 2.0 × the regional CSM figure (csplan default).
    #[schemars(with = "Option<f64>")]
    pub lead: Option<Spanned<f64>>,
}

/// `[support]`
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSupport {
    /// Tickets one agent resolves per month, > 0. Default 300 (csplan default).
    #[schemars(with = "Option<f64>")]
    pub tickets_per_agent_month: Option<Spanned<f64>>,
    /// Premium support revenue as a fraction of licence ARR, 0..=1 (seed 002: 0.10–0.20).
    #[schemars(with = "Option<f64>")]
    pub premium_attach: Option<Spanned<f64>>,
}

/// `[onboarding]`
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOnboarding {
    /// Billable hours one onboarding FTE delivers per month, > 0. Default 120 (csplan default).
    #[schemars(with = "Option<f64>")]
    pub billable_hours_per_month: Option<Spanned<f64>>,
}

/// `[[segment]]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    /// Segment name, unique in the base. Required.
    #[schemars(with = "String")]
    pub name: Option<Spanned<String>>,
    /// Logos at the start, 0..=10000000. Default 0.
    #[schemars(with = "Option<f64>")]
    pub customers: Option<Spanned<f64>>,
    /// Annual revenue per account at the start, 0..=100000000. Required.
    #[schemars(with = "f64")]
    pub arpa: Option<Spanned<f64>>,
    /// Gross logo churn per year, 0..=1. Give this or monthly_churn, not both.
    #[schemars(with = "Option<f64>")]
    pub annual_churn: Option<Spanned<f64>>,
    /// Gross logo churn per month, 0..=1. Give this or annual_churn, not both.
    #[schemars(with = "Option<f64>")]
    pub monthly_churn: Option<Spanned<f64>>,
    /// Expansion of retained ARR per year, 0..=1. Default 0.
    #[schemars(with = "Option<f64>")]
    pub annual_expansion: Option<Spanned<f64>>,
    /// New logos per month, 0..=1000000. Default 0.
    #[schemars(with = "Option<f64>")]
    pub new_per_month: Option<Spanned<f64>>,
    /// Yearly growth of new_per_month, 0..=3 (3 = the monthly intake quadruples each year).
    /// Default 0.
    #[schemars(with = "Option<f64>")]
    pub new_growth: Option<Spanned<f64>>,
    /// simple | moderate | complex. Default moderate.
    #[schemars(with = "Option<Complexity>")]
    pub complexity: Option<Spanned<Complexity>>,
    /// Contract length in months, 1..=60: 1 monthly (default), 12 annual, 24/36 multi-year.
    #[schemars(with = "Option<i64>")]
    pub term_months: Option<Spanned<i64>>,
    /// enterprise | mid-market | smb | tech-touch. Default from ARPA (rule touch-model).
    #[schemars(with = "Option<Tier>")]
    pub tier: Option<Spanned<Tier>>,
    /// Accounts one CSM carries, 1..=100000, used as given. Default from tier and complexity.
    #[schemars(with = "Option<f64>")]
    pub accounts_per_csm: Option<Spanned<f64>>,
    /// Support tickets per account per month, 0..=10000. Feeds the support model.
    #[schemars(with = "Option<f64>")]
    pub tickets_per_account_month: Option<Spanned<f64>>,
    /// Hours of onboarding work per new logo, 0..=100000. Feeds the onboarding model.
    #[schemars(with = "Option<f64>")]
    pub onboarding_hours: Option<Spanned<f64>>,
}
