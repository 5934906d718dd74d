//! Renderers: each takes a finished [`Plan`] and only formats it.

mod json;
pub mod simulation;
mod table;

pub use json::render_json;
pub use table::render_table;

use crate::plan::Plan;

/// An output format of `csplan plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A header block, one row per period, and the hires with their rules.
    Table,
    /// The plan as one JSON object (SPEC §5).
    Json,
}

/// Renders `plan` as `format`.
pub fn render(plan: &Plan, format: Format) -> String {
    match format {
        Format::Table => render_table(plan),
        Format::Json => render_json(plan),
    }
}
