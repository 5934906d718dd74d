//! The command line, as clap sees it. Nothing here reaches the library: `cli` turns these into
//! library options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Plan whom to hire into Customer Success, when, why, and what it costs against ARR.
#[derive(Debug, Parser)]
#[command(name = "csplan", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  csplan plan examples/growth.toml\n  csplan plan base.toml --format json --period quarter\n  csplan check base.toml\n  csplan explain hire-ahead"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan and print the month-by-month hiring timeline.
    #[command(
        after_help = "Examples:\n  csplan plan base.toml\n  csplan plan base.toml --format json -o plan.json\n  csplan plan - --stance ahead --months 36 < base.toml\n\nExit codes: 0 success, 1 a requested gate failed (--fail-over-cap), 2 usage or input error."
    )]
    Plan(PlanArgs),
    /// Validate a base file (every check, the planner's limits too); print a one-line summary.
    #[command(after_help = "Examples:\n  csplan check base.toml\n  cat base.toml | csplan check -")]
    Check(CheckArgs),
    /// List the rule book: id, source seed, default figures, what each rule does.
    #[command(after_help = "Examples:\n  csplan explain\n  csplan explain head-of-cs")]
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The base TOML file, or `-` for stdin.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// One row per month or per quarter (a quarter shows its end state and its hires and cost).
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub period: PeriodArg,
    /// Months to plan, overriding horizon_months (1..=120).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: Option<u32>,
    /// Stance, overriding the file's.
    #[arg(long, value_enum)]
    pub stance: Option<StanceArg>,
    /// Write to FILE instead of stdout (atomically: a temp file, then rename; `-` is stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when any month breaks the CSM spend cap.
    #[arg(long)]
    pub fail_over_cap: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The base TOML file, or `-` for stdin.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (e.g. `hire-ahead`); all rules when omitted.
    pub rule: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Header, one row per period, hires with their rules.
    Table,
    /// One JSON object (schema_version 1).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Month,
    Quarter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StanceArg {
    /// $2M per CSM, hire in arrears, first CSM at break-even.
    Lean,
    /// $2M per CSM, hire ahead, first CSM at break-even or ~$1M ARR / 100 customers.
    Balanced,
    /// $1M per CSM, hire ahead, dedicated CSMs for big or self-funding segments.
    Ahead,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
