//! `csplan schema input|plan|diff|stances|review|health|simulate`: JSON Schemas generated from the Rust types the
//! input is read into and the outputs are written from, so they cannot drift from the code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use csplan::compare::StanceComparison;
use csplan::diff::PlanDiff;
use csplan::health::HealthReport;
use csplan::input::raw::RawBase;
use csplan::plan::Plan;
use csplan::review::Review;
use csplan::simulate::Simulation;
use schemars::schema_for;

use super::Failure;
use super::io::Sink;

pub const AFTER_HELP: &str = "Examples:\n  csplan schema plan > plan.schema.json\n  csplan schema input -o base.schema.json   # for an editor's TOML completion (e.g. taplo)\n\nThe schemas follow the JSON fields' stability promise: fields are added, never renamed;\nschema_version changes only when a field changes meaning or disappears.";

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which document.
    #[arg(value_enum)]
    pub document: Document,
    /// Write to FILE instead of stdout (atomically).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Document {
    /// The base file (`base.toml`), as JSON Schema.
    Input,
    /// `csplan plan --format json`.
    Plan,
    /// `csplan diff --format json`.
    Diff,
    /// `csplan plan --compare-stances --format json`.
    Stances,
    /// `csplan review --format json`.
    Review,
    /// `csplan health --format json`.
    Health,
    /// `csplan plan --simulate N --format json`.
    Simulate,
}

pub fn run(args: &SchemaArgs) -> Result<ExitCode, Failure> {
    let sink = Sink::new(args.output.as_deref(), &[])?;
    super::output::require_extension(args.output.as_deref(), "json", "a JSON Schema")?;
    let schema = match args.document {
        Document::Input => schema_for!(RawBase),
        Document::Plan => schema_for!(Plan),
        Document::Diff => schema_for!(PlanDiff),
        Document::Stances => schema_for!(StanceComparison),
        Document::Review => schema_for!(Review),
        Document::Health => schema_for!(HealthReport),
        Document::Simulate => schema_for!(Simulation),
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    sink.write(&text)?;
    Ok(ExitCode::SUCCESS)
}
