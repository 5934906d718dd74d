//! csplan plans whom to hire into Customer Success, when, why, and what it costs against ARR.
//!
//! The library is pure: a [`model::Base`] in, a [`plan::Plan`] out. No files, no printing, no
//! clock. The binary reads files and prints what the [`render`] module formats.
//!
//! ```
//! let base = csplan::input::parse(r#"
//!     [company]
//!     name = "Acme"
//!     start = "2027-01"
//!
//!     [[segment]]
//!     name = "Mid-market"
//!     customers = 80
//!     arpa = 20000
//!     annual_churn = 0.10
//! "#).unwrap();
//! let plan = csplan::plan(&base, &csplan::PlanOptions::default()).unwrap();
//! // 80 mid-market logos need 80 / 40 = 2 CSMs (rule accounts-per-csm).
//! assert_eq!(plan.timeline.last().unwrap().csm, 2);
//! ```

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod compare;
pub mod csv_scan;
pub mod diagnostic;
pub mod diff;
pub mod format;
pub mod health;
pub mod input;
pub mod model;
pub mod month;
mod period;
pub mod plan;
mod planner;
pub mod projection;
pub mod render;
pub mod review;
pub mod rules;
pub mod simulate;
pub mod text;
pub mod uncertainty;

pub use model::limits::MAX_ARR;
pub use planner::{
    MAX_PEOPLE_PER_ROLE, PlanError, PlanOptions, Promotion, Resume, check_plan, plan, plan_summary,
    replan,
};

/// This csplan's version, as every JSON output carries it in `csplan_version`.
pub const CSPLAN_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The rule book's version: the SPEC's version whose rules this csplan applies. A plan made by
/// another rule book may hire differently from the same base (CHANGELOG.md names each change).
pub const RULES_VERSION: u32 = 2;
