//! The input file as written: every key of SPEC §2, each value keeping its place in the file
//! (`Spanned`) so that checks after parsing still point at the line.
//!
//! These types also generate `csplan schema input`, so each field's doc states its default and
//! its allowed range.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::model::estimate::Shape;
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
    /// Annual base salary per person, in `currency` (defaults by region), and the load factor.
    #[serde(default)]
    pub salaries: RawSalaries,
    /// How teams are shaped.
    #[serde(default)]
    pub workforce: RawWorkforce,
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
    /// How account data is read and scored (`csplan health`, `plan --accounts`).
    #[serde(default)]
    pub health: RawHealth,
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
    /// Month the fiscal year starts, 1..=12. Default 1 (January). Quarters and years follow it.
    #[schemars(with = "Option<i64>")]
    pub fiscal_year_start: Option<Spanned<i64>>,
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
    /// Share of expansion ARR that CS generates, 0..=1, for the ROI. Default 0 (not claimed).
    #[schemars(with = "Option<f64>")]
    pub cs_expansion_share: Option<Spanned<f64>>,
    /// How far past the rules' book a CSM may carry, 1.0..=2.0. Default 1.2 (rule max-load).
    #[schemars(with = "Option<f64>")]
    pub max_load: Option<Spanned<f64>>,
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
    /// Team managers.
    #[schemars(with = "Option<i64>")]
    pub managers: Option<Spanned<i64>>,
}

/// `[workforce]`: how teams are shaped.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWorkforce {
    /// People per team manager, 3..=20. Default 8 (rule team-manager, csplan default).
    #[schemars(with = "Option<i64>")]
    pub span_of_control: Option<Spanned<i64>>,
    /// People who can start in one month, all CS roles, 0..=1000; 0 = no limit. Default 0
    /// (rule recruiting-capacity, csplan default).
    #[schemars(with = "Option<i64>")]
    pub max_starts_per_month: Option<Spanned<i64>>,
    /// Months a new CSM takes to carry a full book, 0..=12. Default 0 (rule ramp, csplan
    /// default).
    #[schemars(with = "Option<i64>")]
    pub ramp_months: Option<Spanned<i64>>,
    /// Share of each team leaving per year, 0..1, backfilled. Default 0 (rule
    /// attrition-backfill, csplan default).
    #[schemars(with = "Option<f64>")]
    pub attrition: Option<Spanned<f64>>,
}

/// `[salaries]`: annual base salary per person in `currency`, > 0, defaults by region; loaded
/// cost is salary × load_factor.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSalaries {
    /// CSM. Default us 90000, eu 45000, latam 36000 (when-to-start).
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
    /// Team manager, and the director-level lead promoted from within. Default 1.25 × the
    /// regional CSM figure (csplan default).
    #[schemars(with = "Option<f64>")]
    pub manager: Option<Spanned<f64>>,
    /// Loaded cost = salary × load_factor (benefits, taxes, tools), 1.0..=3.0. Default 10/9
    /// (csplan default: the US CSM's $90k becomes $100k all-in).
    #[schemars(with = "Option<f64>")]
    pub load_factor: Option<Spanned<f64>>,
}

/// `[support]`
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSupport {
    /// Tickets one agent resolves per month, > 0. Default 300 (csplan default).
    #[schemars(with = "Option<f64>")]
    pub tickets_per_agent_month: Option<Spanned<f64>>,
    /// Premium support revenue as a fraction of licence ARR, 0..=1 (first-cs-org: 0.10–0.20).
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
    /// Gross logo churn per year, 0..=1, or a range of such for `--simulate`. Give this or
    /// monthly_churn, not both.
    #[schemars(with = "Option<RawQuantity>")]
    pub annual_churn: Option<Spanned<RawQuantity>>,
    /// Gross logo churn per month, 0..=1. Give this or annual_churn, not both.
    #[schemars(with = "Option<f64>")]
    pub monthly_churn: Option<Spanned<f64>>,
    /// Expansion of retained ARR per year, 0..=1, or a range of such. Default 0.
    #[schemars(with = "Option<RawQuantity>")]
    pub annual_expansion: Option<Spanned<RawQuantity>>,
    /// New logos per month, 0..=1000000, or a range of such. Default 0.
    #[schemars(with = "Option<RawQuantity>")]
    pub new_per_month: Option<Spanned<RawQuantity>>,
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

/// `[health]`: reading and scoring the accounts file. Figures are csplan defaults; the seeds
/// name the signals but give no weights, thresholds or churn rates.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHealth {
    /// "YYYY-MM-DD" that renewal windows and account ages count from. Default: the first day of
    /// `[company] start`.
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    /// A score at or above this is green, 0..=100. Default 70.
    #[schemars(with = "Option<f64>")]
    pub green_at: Option<Spanned<f64>>,
    /// A score below this is red, 0..=green_at. Default 40.
    #[schemars(with = "Option<f64>")]
    pub red_below: Option<Spanned<f64>>,
    /// Days ahead in which a renewal counts as coming up, 0..=3650. Default 90.
    #[schemars(with = "Option<i64>")]
    pub renewal_window_days: Option<Spanned<i64>>,
    /// At-risk accounts listed per segment, 0..=1000. Default 5.
    #[schemars(with = "Option<i64>")]
    pub top_at_risk: Option<Spanned<i64>>,
    /// Usage scoring below this is low adoption, 0..=1. Default 0.5.
    #[schemars(with = "Option<f64>")]
    pub low_usage: Option<Spanned<f64>>,
    /// Without potential_arr, usage scoring at or above this is room to grow, 0..=1. Default 0.8.
    #[schemars(with = "Option<f64>")]
    pub expansion_usage: Option<Spanned<f64>>,
    /// Accounts younger than this many days (start_date) are onboarding, 0..=3650. Default 90.
    #[schemars(with = "Option<i64>")]
    pub onboarding_days: Option<Spanned<i64>>,
    /// Read usage as a count (e.g. logins per seat a month) that scores full at this value,
    /// > 0. Default: none, usage is a fraction 0..=1.
    #[schemars(with = "Option<f64>")]
    pub usage_target: Option<Spanned<f64>>,
    /// score (an account NPS, -100..=100) | rating (one respondent's 0..=10). Default score.
    #[schemars(with = "Option<crate::health::NpsScale>")]
    pub nps_scale: Option<Spanned<crate::health::NpsScale>>,
    /// five-point (1..=5) | percent (0..=100). Default five-point.
    #[schemars(with = "Option<crate::health::CsatScale>")]
    pub csat_scale: Option<Spanned<crate::health::CsatScale>>,
    /// Tickets in the period at or below which the support signal scores full, >= 0. Default 2.
    #[schemars(with = "Option<f64>")]
    pub tickets_good: Option<Spanned<f64>>,
    /// Tickets at or above which it scores 0, above tickets_good. Default 10.
    #[schemars(with = "Option<f64>")]
    pub tickets_bad: Option<Spanned<f64>>,
    /// Days to value at or below which the signal scores full, >= 0. Default 30.
    #[schemars(with = "Option<f64>")]
    pub ttv_good_days: Option<Spanned<f64>>,
    /// Days to value at or above which it scores 0, above ttv_good_days. Default 120.
    #[schemars(with = "Option<f64>")]
    pub ttv_bad_days: Option<Spanned<f64>>,
    /// Column names of the accounts file.
    #[serde(default)]
    pub columns: RawHealthColumns,
    /// Signal weights, each 0..=1, summing to 1. When given, signals left out weigh 0.
    /// Default usage 0.30, outcome 0.20, nps 0.20, csat 0.10, tickets 0.10, time_to_value 0.10.
    #[schemars(with = "Option<RawHealthWeights>")]
    pub weights: Option<Spanned<RawHealthWeights>>,
    /// Expected annual logo churn by colour, 0..=1, green <= yellow <= red.
    #[schemars(with = "Option<RawHealthChurn>")]
    pub churn: Option<Spanned<RawHealthChurn>>,
}

/// `[health.columns]`: the header of each column, matched case-insensitively. Defaults are
/// the key names (time_to_value: "time_to_value_days").
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHealthColumns {
    /// Account name or id, unique in the file (required column). Default "account".
    #[schemars(with = "Option<String>")]
    pub account: Option<Spanned<String>>,
    /// Segment name, as in `[[segment]]` (required column). Default "segment".
    #[schemars(with = "Option<String>")]
    pub segment: Option<Spanned<String>>,
    /// The account's ARR in the plan currency (required column). Default "arr".
    #[schemars(with = "Option<String>")]
    pub arr: Option<Spanned<String>>,
    /// Product usage / adoption. Default "usage".
    #[schemars(with = "Option<String>")]
    pub usage: Option<Spanned<String>>,
    /// Desired outcome achieved, yes / no. Default "outcome".
    #[schemars(with = "Option<String>")]
    pub outcome: Option<Spanned<String>>,
    /// NPS. Default "nps".
    #[schemars(with = "Option<String>")]
    pub nps: Option<Spanned<String>>,
    /// CSAT. Default "csat".
    #[schemars(with = "Option<String>")]
    pub csat: Option<Spanned<String>>,
    /// Support tickets in the period. Default "tickets".
    #[schemars(with = "Option<String>")]
    pub tickets: Option<Spanned<String>>,
    /// Days to first value. Default "time_to_value_days".
    #[schemars(with = "Option<String>")]
    pub time_to_value: Option<Spanned<String>>,
    /// Next renewal, YYYY-MM-DD. Default "renewal_date".
    #[schemars(with = "Option<String>")]
    pub renewal_date: Option<Spanned<String>>,
    /// Customer since, YYYY-MM-DD. Default "start_date".
    #[schemars(with = "Option<String>")]
    pub start_date: Option<Spanned<String>>,
    /// ARR the account could reach (room to grow above its ARR). Default "potential_arr".
    #[schemars(with = "Option<String>")]
    pub potential_arr: Option<Spanned<String>>,
}

/// `[health.weights]`: one weight per signal, 0..=1.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHealthWeights {
    /// Product usage / adoption. Default 0.30.
    #[schemars(with = "Option<f64>")]
    pub usage: Option<Spanned<f64>>,
    /// Desired outcome achieved. Default 0.20.
    #[schemars(with = "Option<f64>")]
    pub outcome: Option<Spanned<f64>>,
    /// NPS. Default 0.20.
    #[schemars(with = "Option<f64>")]
    pub nps: Option<Spanned<f64>>,
    /// CSAT. Default 0.10.
    #[schemars(with = "Option<f64>")]
    pub csat: Option<Spanned<f64>>,
    /// Support tickets (fewer is healthier). Default 0.10.
    #[schemars(with = "Option<f64>")]
    pub tickets: Option<Spanned<f64>>,
    /// Time to value (shorter is healthier). Default 0.10.
    #[schemars(with = "Option<f64>")]
    pub time_to_value: Option<Spanned<f64>>,
}

/// `[health.churn]`: expected annual logo churn per colour, 0..=1. Default 0.05 / 0.20 / 0.50.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHealthChurn {
    /// Green accounts. Default 0.05.
    #[schemars(with = "Option<f64>")]
    pub green: Option<Spanned<f64>>,
    /// Yellow accounts. Default 0.20.
    #[schemars(with = "Option<f64>")]
    pub yellow: Option<Spanned<f64>>,
    /// Red accounts. Default 0.50.
    #[schemars(with = "Option<f64>")]
    pub red: Option<Spanned<f64>>,
}

/// A number, or a range `{ low = …, high = … }` for `--simulate` (SPEC §6).
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum RawQuantity {
    /// One value.
    Point(f64),
    /// A range.
    Range(RawRange),
}

/// `{ low = …, high = … }`, optionally with `mode` and `shape`. Every bound obeys the key's own
/// allowed range.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    /// Lowest value. Required.
    #[schemars(with = "f64", required)]
    pub low: Option<Spanned<f64>>,
    /// Highest value, at least `low`. Required.
    #[schemars(with = "f64", required)]
    pub high: Option<Spanned<f64>>,
    /// Most likely value, between low and high; makes the range triangular.
    #[schemars(with = "Option<f64>")]
    pub mode: Option<Spanned<f64>>,
    /// uniform | triangular. Default uniform, or triangular when a mode is given; triangular
    /// without a mode peaks at the midpoint.
    #[schemars(with = "Option<Shape>")]
    pub shape: Option<Spanned<Shape>>,
}

impl<'de> Deserialize<'de> for RawQuantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawQuantity;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, or a range { low = …, high = … }")
            }

            fn visit_f64<E>(self, v: f64) -> Result<RawQuantity, E> {
                Ok(RawQuantity::Point(v))
            }

            fn visit_i64<E>(self, v: i64) -> Result<RawQuantity, E> {
                Ok(RawQuantity::Point(v as f64))
            }

            fn visit_u64<E>(self, v: u64) -> Result<RawQuantity, E> {
                Ok(RawQuantity::Point(v as f64))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawQuantity, A::Error> {
                RawRange::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawQuantity::Range)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
