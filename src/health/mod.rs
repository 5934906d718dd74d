//! Customer health from account data, and the churn it implies.
//!
//! when-to-start: with annual contracts churn shows up a year late, so score customers now to see
//! it coming. first-cs-org step 5: track the percentage green / yellow / red, per segment, never
//! munged together. cs-playbook: a health score combines usage, support interactions and business
//! outcomes. This module reads one CSV row per account, scores each 0–100 from the signals it
//! has (rule `health-score`), colours it, names the playbook and lifecycle phase it calls for
//! (rule `health-playbook`), rolls everything up per segment, and turns each segment's colour
//! mix into an expected annual churn (rule `health-churn`) that [`plan_with_accounts`] plans
//! with instead of the churn typed in the base.
//!
//! Pure like the rest of the library: the CSV arrives as a string, "today" is the configured
//! as-of date, never the clock.
//!
//! ```
//! use csplan::health::{assess, AssessOptions, HealthConfig};
//!
//! let csv = "account,segment,arr,usage,nps\nAcme,SMB,5000,0.9,60\nBeta,SMB,7000,0.2,-40\n";
//! let report = assess(csv, &HealthConfig::default(), &AssessOptions::default()).unwrap();
//! // Acme: usage 0.9 and NPS 60 → (60 + 100) / 200 = 0.8; weights 0.3 and 0.2 renormalise to
//! // 0.6 and 0.4: 0.6·0.9 + 0.4·0.8 = 0.86 → 86.0, green.
//! assert_eq!(report.accounts[0].score, 86.0);
//! // Beta: 0.6·0.2 + 0.4·0.3 = 0.24 → 24.0, red. One green (5%), one red (50%): 27.5%.
//! assert_eq!(report.segments[0].rollup.implied_annual_churn, 0.275);
//! ```

pub(crate) mod accounts;
mod config;
mod date;
mod plan;
pub mod playbook;
mod report;
mod scan;
pub(crate) mod score;

pub use crate::plan::health::{ChurnSource, HireChange, HireMove, PlanHealth, PlanHealthSegment};
pub use accounts::{AccountsError, MAX_ACCOUNTS, MAX_ACCOUNTS_BYTES, column_letter};
pub use config::{
    ByColour, BySignal, Colour, Columns, CsatScale, DEFAULT_CHURN, DEFAULT_WEIGHTS, HealthConfig,
    NpsScale, Settings, Signal,
};
pub use date::{Date, DateError};
pub use plan::plan_with_accounts;
pub use playbook::{Phase, Playbook};
pub use report::{
    AccountHealth, ColourCount, HEALTH_SCHEMA_VERSION, HealthReport, PhaseCounts, PlaybookCounts,
    Rollup, SegmentHealth, SignalUse,
};
pub use scan::{MAX_COLUMNS, MAX_ROWS};

/// What [`assess`] needs besides the file and the `[health]` settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessOptions<'a> {
    /// Currency label of the ARR column (the base's currency). Default `USD`.
    pub currency: &'a str,
    /// When given, every segment in the file must be one of these (case-insensitively).
    pub segments: Option<&'a [String]>,
}

impl Default for AssessOptions<'_> {
    fn default() -> Self {
        Self {
            currency: "USD",
            segments: None,
        }
    }
}

/// Reads and scores an accounts file: every account's score, colour, playbook and phase, and
/// the per-segment rollups. A bad row is an error naming its row, column, value and what was
/// expected, like a bad base.
pub fn assess(
    source: &str,
    config: &HealthConfig,
    options: &AssessOptions,
) -> Result<HealthReport, AccountsError> {
    let read = accounts::read(source, config, options.segments)?;
    Ok(report::build(&read, config, options.currency))
}
