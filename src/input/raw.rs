//! The input file as written: every key of SPEC §2, each value keeping its place in the file
//! (`Spanned`) so that checks after parsing still point at the line.
//!
//! These types also generate `csplan schema input`; each key's description there is its row in
//! the key table ([`super::ranges::KEYS`]), so a key is described once.

use schemars::{JsonSchema, Schema};
use serde::Deserialize;
use toml::Spanned;

use super::ranges::describe;
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
    /// The all-CS budget of named fiscal years (`FY2028 = 1200000`), for `plan --within-budget`.
    #[serde(default)]
    #[schemars(with = "RawBudget")]
    pub budget: RawBudget,
    /// How account data is read and scored (`csplan health`, `plan --accounts`).
    #[serde(default)]
    pub health: RawHealth,
}

/// `[company]`
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_company)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawCompany {
    #[schemars(with = "String")]
    pub name: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub start: Option<Spanned<String>>,
    #[schemars(with = "Option<i64>")]
    pub horizon_months: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub fiscal_year_start: Option<Spanned<i64>>,
    #[schemars(with = "Option<Region>")]
    pub region: Option<Spanned<Region>>,
    #[schemars(with = "Option<String>")]
    pub currency: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub usd_rate: Option<Spanned<f64>>,
    #[schemars(with = "Option<Stance>")]
    pub stance: Option<Spanned<Stance>>,
    #[schemars(with = "Option<i64>")]
    pub hire_lead_months: Option<Spanned<i64>>,
    #[schemars(with = "Option<f64>")]
    pub csm_spend_cap: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub cs_churn_reduction: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub cs_expansion_share: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub max_load: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub hosting_cost_ratio: Option<Spanned<f64>>,
    /// All-CS budget per fiscal year, in the plan currency, for `plan --within-budget` (rule
    /// budget-fit). Optional.
    #[schemars(with = "Option<f64>")]
    pub cs_budget_per_year: Option<Spanned<f64>>,
}

/// `[budget]`: a figure per named fiscal year, each keeping its key's and its value's place.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct RawBudget(pub std::collections::BTreeMap<Spanned<String>, Spanned<f64>>);

impl JsonSchema for RawBudget {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RawBudget".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> Schema {
        let key = super::ranges::key("budget", super::ranges::BUDGET_KEY)
            .expect("the key table has [budget]'s row");
        let super::ranges::Expect::Number(allowed) = key.expect else {
            unreachable!("a [budget] figure is a number")
        };
        schemars::json_schema!({
            "description": "The all-CS budget of named fiscal years.",
            "type": "object",
            "patternProperties": {
                "^FY[0-9]{4}$": {
                    "title": key.name,
                    "description": key.help,
                    "type": "number",
                    "minimum": allowed.min,
                    "maximum": allowed.max,
                }
            },
            "additionalProperties": false,
        })
    }
}

/// `[team]`: headcount in post at the start, whole people, 0..=10000 each. Default 0.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_team)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawTeam {
    #[schemars(with = "Option<i64>")]
    pub csm: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub support: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub onboarding: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub lead: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub managers: Option<Spanned<i64>>,
}

/// `[workforce]`: how teams are shaped.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_workforce)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawWorkforce {
    #[schemars(with = "Option<i64>")]
    pub span_of_control: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub max_starts_per_month: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub ramp_months: Option<Spanned<i64>>,
    #[schemars(with = "Option<f64>")]
    pub attrition: Option<Spanned<f64>>,
}

/// `[salaries]`: annual base salary per person in `currency`, > 0, defaults by region; loaded
/// cost is salary × load_factor.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_salaries)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawSalaries {
    #[schemars(with = "Option<f64>")]
    pub csm: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub support: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub onboarding: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub lead: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub manager: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub load_factor: Option<Spanned<f64>>,
}

/// `[support]`
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_support)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawSupport {
    #[schemars(with = "Option<f64>")]
    pub tickets_per_agent_month: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub premium_attach: Option<Spanned<f64>>,
}

/// `[onboarding]`
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_onboarding)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawOnboarding {
    #[schemars(with = "Option<f64>")]
    pub billable_hours_per_month: Option<Spanned<f64>>,
}

/// `[[segment]]`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_segment)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawSegment {
    #[schemars(with = "String")]
    pub name: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub customers: Option<Spanned<f64>>,
    #[schemars(with = "f64")]
    pub arpa: Option<Spanned<f64>>,
    #[schemars(with = "Option<RawQuantity>")]
    pub annual_churn: Option<Spanned<RawQuantity>>,
    #[schemars(with = "Option<f64>")]
    pub monthly_churn: Option<Spanned<f64>>,
    #[schemars(with = "Option<RawQuantity>")]
    pub annual_expansion: Option<Spanned<RawQuantity>>,
    #[schemars(with = "Option<RawQuantity>")]
    pub new_per_month: Option<Spanned<RawQuantity>>,
    #[schemars(with = "Option<f64>")]
    pub new_growth: Option<Spanned<f64>>,
    #[schemars(with = "Option<RawQuantity>")]
    pub churn_trend: Option<Spanned<RawQuantity>>,
    #[schemars(with = "Option<RawQuantity>")]
    pub arpa_growth: Option<Spanned<RawQuantity>>,
    #[schemars(with = "Option<Complexity>")]
    pub complexity: Option<Spanned<Complexity>>,
    #[schemars(with = "Option<i64>")]
    pub term_months: Option<Spanned<i64>>,
    #[schemars(with = "Option<Tier>")]
    pub tier: Option<Spanned<Tier>>,
    #[schemars(with = "Option<f64>")]
    pub accounts_per_csm: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub tickets_per_account_month: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub onboarding_hours: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub onboarding_fee: Option<Spanned<f64>>,
}

/// `[health]`: reading and scoring the accounts file. Figures are csplan defaults; the seeds
/// name the signals but give no weights, thresholds or churn rates.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_health)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawHealth {
    #[schemars(with = "Option<String>")]
    pub as_of: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub green_at: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub red_below: Option<Spanned<f64>>,
    #[schemars(with = "Option<i64>")]
    pub renewal_window_days: Option<Spanned<i64>>,
    #[schemars(with = "Option<i64>")]
    pub top_at_risk: Option<Spanned<i64>>,
    #[schemars(with = "Option<f64>")]
    pub low_usage: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub expansion_usage: Option<Spanned<f64>>,
    #[schemars(with = "Option<i64>")]
    pub onboarding_days: Option<Spanned<i64>>,
    #[schemars(with = "Option<f64>")]
    pub usage_target: Option<Spanned<f64>>,
    #[schemars(with = "Option<crate::health::NpsScale>")]
    pub nps_scale: Option<Spanned<crate::health::NpsScale>>,
    #[schemars(with = "Option<crate::health::CsatScale>")]
    pub csat_scale: Option<Spanned<crate::health::CsatScale>>,
    #[schemars(with = "Option<f64>")]
    pub tickets_good: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub tickets_bad: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub ttv_good_days: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub ttv_bad_days: Option<Spanned<f64>>,
    #[serde(default)]
    pub columns: RawHealthColumns,
    #[schemars(with = "Option<RawHealthWeights>")]
    pub weights: Option<Spanned<RawHealthWeights>>,
    #[schemars(with = "Option<RawHealthChurn>")]
    pub churn: Option<Spanned<RawHealthChurn>>,
}

/// `[health.columns]`: the header of each column, matched case-insensitively. Defaults are
/// the key names (time_to_value: "time_to_value_days").
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_health_columns)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawHealthColumns {
    #[schemars(with = "Option<String>")]
    pub account: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub segment: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub arr: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub usage: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub outcome: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub nps: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub csat: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub tickets: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub time_to_value: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub renewal_date: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub start_date: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub potential_arr: Option<Spanned<String>>,
}

/// `[health.weights]`: one weight per signal, 0..=1.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_health_weights)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawHealthWeights {
    #[schemars(with = "Option<f64>")]
    pub usage: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub outcome: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub nps: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub csat: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub tickets: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub time_to_value: Option<Spanned<f64>>,
}

/// `[health.churn]`: expected annual logo churn per colour, 0..=1. Default 0.05 / 0.20 / 0.50.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = describe_health_churn)]
#[allow(
    missing_docs,
    reason = "each key's description is its row in the key table, input::ranges::KEYS"
)]
pub struct RawHealthChurn {
    #[schemars(with = "Option<f64>")]
    pub green: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub yellow: Option<Spanned<f64>>,
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

fn describe_company(schema: &mut Schema) {
    describe(schema, "company");
}

fn describe_team(schema: &mut Schema) {
    describe(schema, "team");
}

fn describe_salaries(schema: &mut Schema) {
    describe(schema, "salaries");
}

fn describe_workforce(schema: &mut Schema) {
    describe(schema, "workforce");
}

fn describe_support(schema: &mut Schema) {
    describe(schema, "support");
}

fn describe_onboarding(schema: &mut Schema) {
    describe(schema, "onboarding");
}

fn describe_segment(schema: &mut Schema) {
    describe(schema, "segment");
}

fn describe_health(schema: &mut Schema) {
    describe(schema, "health");
}

fn describe_health_columns(schema: &mut Schema) {
    describe(schema, "health.columns");
}

fn describe_health_weights(schema: &mut Schema) {
    describe(schema, "health.weights");
}

fn describe_health_churn(schema: &mut Schema) {
    describe(schema, "health.churn");
}
