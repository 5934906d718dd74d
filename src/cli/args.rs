//! The command line, as clap sees it. Nothing here reaches the library: `cli` turns these into
//! library options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::diff::DiffArgs;
use super::generate::{CompletionsArgs, ManArgs};
use super::init::InitArgs;
use super::schema::SchemaArgs;

/// `csplan --version`: the crate's version and the rule book's (`csplan 0.1.0 (rules v2)`). A
/// test holds the literal to [`csplan::RULES_VERSION`].
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (rules v2)");

/// Plan whom to hire into Customer Success, when, why, and what it costs against ARR.
#[derive(Debug, Parser)]
#[command(name = "csplan", version = VERSION, about, long_about = None)]
#[command(
    after_help = "Examples:\n  csplan init --stage growth -o base.toml\n  csplan plan examples/growth.toml\n  csplan plan base.toml --period quarter -o plan.csv\n  csplan plan base.toml -o plan.xlsx\n  csplan plan base.toml --compare-stances\n  csplan diff old.toml base.toml --fail-if-increase 5\n  csplan review base.toml actuals.csv --fail-if-over-budget 5\n  csplan check base.toml\n  csplan explain hire-ahead"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print no notes or warnings on stderr (errors, and why a gate failed, still print).
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan and print the month-by-month hiring timeline.
    #[command(
        after_help = "Examples:\n  csplan plan base.toml\n  csplan plan base.toml --format json -o plan.json\n  csplan plan base.toml --format csv --period quarter > plan.csv\n  csplan plan base.toml --format markdown >> review.md\n  csplan plan base.toml --chart plan.png\n  csplan plan base.toml --compare-stances\n  csplan plan base.toml --simulate 10000 --seed 7\n  csplan plan base.toml --period quarter --fail-over-cap\n  csplan plan - --stance ahead --months 36 < base.toml\n\nColour: only on a terminal; never with NO_COLOR set or when piped (CLICOLOR_FORCE=1 forces it).\nExit codes: 0 success, 1 a requested gate failed (--fail-over-cap), 2 usage or input error."
    )]
    Plan(PlanArgs),
    /// Validate a base file (every check, the planner's limits too); print a one-line summary.
    #[command(after_help = "Examples:\n  csplan check base.toml\n  cat base.toml | csplan check -")]
    Check(CheckArgs),
    /// List the rule book: id, source seed, default figures, what each rule does.
    #[command(
        after_help = "Examples:\n  csplan explain\n  csplan explain head-of-cs\n  csplan explain --sources\n  csplan explain --keys"
    )]
    Explain(ExplainArgs),
    /// Score accounts from a CSV: green / yellow / red per segment, ARR at risk, playbooks.
    #[command(after_help = super::health::HEALTH_HELP)]
    Health(super::health::HealthArgs),
    /// Compare two plans (each a base TOML or a saved JSON plan), period by period.
    #[command(after_help = super::diff::AFTER_HELP)]
    Diff(DiffArgs),
    /// The budget review: actuals against the approved plan, and a re-forecast of the rest.
    #[command(after_help = super::review::AFTER_HELP)]
    Review(super::review::ReviewArgs),
    /// Print the JSON Schema of the input or of an output.
    #[command(after_help = super::schema::AFTER_HELP)]
    Schema(SchemaArgs),
    /// Print a commented starter base for a company at a stage.
    #[command(after_help = super::init::AFTER_HELP)]
    Init(InitArgs),
    /// Print shell completions.
    #[command(after_help = super::generate::COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the man page (roff), of csplan or of one command.
    #[command(after_help = super::generate::MAN_HELP)]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The base TOML file, or `-` for stdin.
    pub file: PathBuf,
    /// Output format [default: the one the -o file's extension names (.json, .csv, .md,
    /// .xlsx), else table].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// One row per month, fiscal quarter or fiscal year (a quarter or year shows its end state
    /// and its hires and cost; a period the plan starts or ends inside is marked partial).
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
    /// Fit the plan to the budget: CSM spend never over csm_spend_cap, CS cost per fiscal year
    /// never over cs_budget_per_year when given; CSM hires start when the money affords them,
    /// and what that gives up is reported per segment (rule budget-fit).
    #[arg(long, conflicts_with = "simulate")]
    pub within_budget: bool,
    /// Plan each segment with the churn its accounts' health implies (see `csplan health`).
    #[arg(long, value_name = "ACCOUNTS.csv")]
    pub accounts: Option<PathBuf>,
    /// With --accounts: the date renewals count from (default [health] as_of, else start).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "accounts", value_parser = super::health::parse_date)]
    pub as_of: Option<csplan::health::Date>,
    /// Also draw the plan as a chart into FILE, an SVG or a PNG by its extension (ARR, team by
    /// role, requisitions, CSM cost against the spend cap).
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<PathBuf>,
    /// Plan lean, balanced and ahead and print them side by side instead of one plan.
    #[arg(long, conflicts_with_all = ["stance", "chart", "fail_over_cap", "period", "accounts"])]
    pub compare_stances: bool,
    /// When to colour the table: auto (a terminal without NO_COLOR), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Monte Carlo: plan N times, each range in the base drawn anew, and print P10/P50/P90
    /// bands per period (1..=100000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000), conflicts_with_all = ["fail_over_cap", "compare_stances", "accounts", "chart"])]
    pub simulate: Option<u32>,
    /// Seed of the simulation's draws (default 0): the same seed gives the same output.
    #[arg(long, value_name = "S", requires = "simulate")]
    pub seed: Option<u64>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The base TOML file, or `-` for stdin.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (e.g. `hire-ahead`); all rules when omitted.
    #[arg(value_parser = RuleId, hide_possible_values = true, conflicts_with = "sources")]
    pub rule: Option<String>,
    /// List the source articles the rules cite (SPEC §8): id, title, file, what each gives.
    #[arg(long, conflicts_with = "keys")]
    pub sources: bool,
    /// List every key a base file may hold, with its default and allowed range.
    #[arg(long, conflicts_with = "rule")]
    pub keys: bool,
}

/// A rule id: any text is taken (an unknown one gets csplan's own "did you mean"), and shell
/// completions offer the ids of the rule book.
#[derive(Debug, Clone, Copy)]
pub struct RuleId;

impl clap::builder::TypedValueParser for RuleId {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            csplan::rules::RULE_BOOK
                .iter()
                .map(|rule| clap::builder::PossibleValue::new(rule.id)),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned text for a terminal.
    Table,
    /// One JSON object, its layout as `csplan schema` prints it (a review: schema_version 2).
    Json,
    /// A header, then one row per period (RFC 4180).
    Csv,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// An Excel workbook: a plan's costs, a diff's changes and a review's variances are live
    /// formulas (binary: written with -o or into a pipe).
    Xlsx,
}

impl FormatArg {
    /// The library's text format; `None` for the XLSX workbook.
    pub fn text(self) -> Option<csplan::render::Format> {
        use csplan::render::Format;
        match self {
            FormatArg::Table => Some(Format::Table),
            FormatArg::Json => Some(Format::Json),
            FormatArg::Csv => Some(Format::Csv),
            FormatArg::Markdown => Some(Format::Markdown),
            FormatArg::Xlsx => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// One row per month.
    Month,
    /// One row per quarter of the fiscal year ([company] fiscal_year_start).
    Quarter,
    /// One row per fiscal year, named by the calendar year it ends in (FY2028).
    Year,
}

impl PeriodArg {
    /// The library's period.
    pub fn kind(self) -> csplan::plan::PeriodKind {
        use csplan::plan::PeriodKind;
        match self {
            PeriodArg::Month => PeriodKind::Month,
            PeriodArg::Quarter => PeriodKind::Quarter,
            PeriodArg::Year => PeriodKind::Year,
        }
    }
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

    #[test]
    fn the_version_line_names_the_rule_book_the_library_applies() {
        assert_eq!(
            VERSION,
            format!(
                "{} (rules v{})",
                csplan::CSPLAN_VERSION,
                csplan::RULES_VERSION
            )
        );
    }
}
