//! The health section of a plan made with `plan --accounts` (rule `health-churn`), as the
//! JSON carries it (SPEC §5): the plan document owns its shape, so a saved plan reads back
//! whole; the health feature ([`crate::health::plan_with_accounts`]) fills it, and adds the
//! per-colour accessors of [`ByColour`] beside its colours.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Hire;

/// One value per colour.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ByColour<T> {
    /// Green accounts.
    pub green: T,
    /// Yellow accounts.
    pub yellow: T,
    /// Red accounts.
    pub red: T,
}

/// Where a segment's planned churn comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChurnSource {
    /// Implied by the segment's accounts (rule `health-churn`).
    Accounts,
    /// As typed in the base: the file has no accounts in the segment.
    Typed,
}

/// The health data behind a plan made with `--accounts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanHealth {
    /// The as-of date of the health data, when known.
    pub as_of: Option<String>,
    /// Expected annual logo churn by colour.
    pub churn_by_colour: ByColour<f64>,
    /// Per base segment: the typed churn, the implied churn, and which one is planned.
    pub segments: Vec<PlanHealthSegment>,
    /// Hires that open earlier or later than with the typed churn.
    pub hires_moved: u32,
    /// Hires the typed churn did not call for.
    pub hires_added: u32,
    /// Hires the typed churn called for that this plan does not make.
    pub hires_removed: Vec<Hire>,
}

/// One base segment's churn, typed and implied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanHealthSegment {
    /// Segment name, as in the base.
    pub name: String,
    /// Which churn is planned.
    pub source: ChurnSource,
    /// Accounts of the segment in the file.
    pub accounts: u32,
    /// Their ARR (the plan itself starts from the base's customers × arpa).
    pub accounts_arr: i64,
    /// Accounts by colour.
    pub colours: ByColour<u32>,
    /// ARR of the red accounts.
    pub arr_at_risk: i64,
    /// Annual churn as typed in the base.
    pub typed_annual_churn: f64,
    /// Annual churn implied by the accounts; `null` without accounts.
    pub implied_annual_churn: Option<f64>,
}

/// How a hire differs from the plan made with the typed churn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum HireMove {
    /// Its requisition opens earlier.
    Earlier,
    /// Its requisition opens later.
    Later,
    /// The typed churn did not call for it.
    Added,
}

/// A hire the health data moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HireChange {
    /// Earlier, later or added.
    pub change: HireMove,
    /// When the same hire (the same role, serving the same segments, same rank) opens with the
    /// typed churn; `null` when added.
    pub typed_open: Option<String>,
    /// Months between the two openings (negative: earlier); `null` when added.
    pub months: Option<i32>,
}
