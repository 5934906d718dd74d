//! `csplan review PLAN ACTUALS.csv`: read the approved plan (a base TOML, planned as its file
//! says, or a saved JSON plan with `--base` for the re-forecast) and the actuals, review them in
//! the library, print, and apply `--fail-if-over-budget` after the report is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::anyhow;
use clap::{Args, ValueEnum};
use csplan::PlanOptions;
use csplan::model::Base;
use csplan::plan::{PeriodKind, Plan};
use csplan::review::{MAX_ACTUALS_BYTES, ReviewError, ReviewPeriod, read, review};

use super::args::FormatArg;
use super::diff::{is_saved_plan, parse_percent, saved_plan};
use super::health::refuse_two_stdins;
use super::io::{Sink, display_name, print_error, read_limited, read_plan};
use super::output;
use super::{Failure, base_from_bytes, load_base, plan_loaded};

pub const AFTER_HELP: &str = "PLAN is the approved plan: a base TOML file (planned with its own settings) or a JSON plan\nsaved with `csplan plan --format json`. ACTUALS.csv has a header row naming `period` and any of\ncustomers, arr, csm, support, onboarding, lead, managers, cs_cost; one row per month that has\nhappened, labelled as the plan labels its months (2027-03); an empty cell is not known.\n\nThe re-forecast plans the rest of the horizon from the last month of actuals. It needs the base:\nwith a saved JSON plan, give the base it was made from with --base (without it the review\nhas no re-forecast, and says so).\n\nExamples:\n  csplan review examples/growth.toml examples/growth-actuals.csv\n  csplan review plans/2027.json actuals.csv --base base.toml --period quarter\n  csplan review base.toml actuals.csv --format markdown -o review.md --fail-if-over-budget 5\n\nExit codes: 0 success, 1 actual CS spend to date exceeds plan by more than\n--fail-if-over-budget PCT (the review is written first), 2 usage or input error.";

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The approved plan: a base TOML file or a saved JSON plan (`-` for stdin).
    pub plan: PathBuf,
    /// The actuals: one CSV row per month that has happened (`-` for stdin).
    #[arg(value_name = "ACTUALS.csv")]
    pub actuals: PathBuf,
    /// With a saved JSON plan: the base it was made from, to re-forecast from.
    #[arg(long, value_name = "BASE.toml")]
    pub base: Option<PathBuf>,
    /// Compare month by month, quarter by quarter, or by fiscal year.
    #[arg(long, value_enum, default_value_t = ReviewPeriodArg::Month)]
    pub period: ReviewPeriodArg,
    /// Output format; when absent, the one the -o file's extension names, else table. The
    /// workbook's Variance sheet computes each variance (actual − plan), its percent and its
    /// mark as live formulas; Hires, Re-forecast and Re-forecast hires sheets follow.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write to FILE instead of stdout (atomically: a temp file, then rename).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The month of the review (a plan month, 2027-06): a row after it is refused as in the
    /// future.
    #[arg(long, value_name = "MONTH")]
    pub as_of: Option<String>,
    /// Exit 1 when actual CS spend to date exceeds the plan's over the same months by more than
    /// PCT percent (e.g. 5 for 5%; 0 fails on any overspend).
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub fail_if_over_budget: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewPeriodArg {
    Month,
    Quarter,
    Year,
}

pub fn run(args: &ReviewArgs) -> Result<ExitCode, Failure> {
    let mut inputs = vec![args.plan.as_path(), args.actuals.as_path()];
    inputs.extend(args.base.as_deref());
    refuse_two_stdins(&inputs)?;
    let sink = Sink::new(args.output.as_deref(), &inputs)?;
    let format = output::resolve(args.format, args.output.as_deref(), FormatArg::Table)?;
    output::refuse_binary(format, &sink)?;
    let (approved, base) = load_approved(&args.plan, args.base.as_deref())?;
    if approved.period != PeriodKind::Month {
        // Before the actuals: their months would all read as outside a quarterly plan.
        let why = ReviewError::NotMonthly;
        return Err(anyhow!("cannot review {}: {why}", display_name(&args.plan)).into());
    }
    let as_of = args
        .as_of
        .as_deref()
        .map(|label| month_of(&approved, label))
        .transpose()?;
    let name = display_name(&args.actuals);
    let bytes = read_limited(
        &args.actuals,
        MAX_ACTUALS_BYTES,
        "actuals files up to 1 MiB",
        "the actuals",
    )?;
    // UTF-16 is named, any other bad byte shown at its line and column.
    let source = csplan::input::decode(&bytes)
        .map_err(|d| Failure::Input(d.render(&name, &String::from_utf8_lossy(&bytes))))?;
    let actuals =
        read(source, &approved, as_of).map_err(|e| Failure::Input(e.render(&name, source)))?;
    let period = match args.period {
        ReviewPeriodArg::Month => ReviewPeriod::Month,
        ReviewPeriodArg::Quarter => ReviewPeriod::Quarter,
        ReviewPeriodArg::Year => ReviewPeriod::Year,
    };
    let report = review(&approved, &actuals, period, base.as_ref())
        .map_err(|e| anyhow!("cannot review {}: {e}", display_name(&args.plan)))?;
    if args.fail_if_over_budget.is_some() && report.spend.cs_cost.is_none() {
        return Err(anyhow!(
            "--fail-if-over-budget compares CS spend: {name} gives no cs_cost; add a cs_cost column"
        )
        .into());
    }
    match format {
        FormatArg::Xlsx => {
            let workbook =
                csplan::render::xlsx::review_workbook(&report).map_err(anyhow::Error::from)?;
            sink.write_bytes(&workbook)?
        }
        _ => output::write_rendered(&sink, format, "Review", &report, super::term::plain(&sink))?,
    }
    if let Some(pct) = args.fail_if_over_budget
        && report.over_budget_by_more_than(pct)
    {
        let by = report
            .spend
            .cs_cost
            .and_then(|c| c.variance_pct)
            .map_or_else(
                || "from a plan of nothing".to_string(),
                |p| format!("by {:.2}%", p * 100.0),
            );
        print_error(&format!(
            "csplan: actual CS spend over the {} months to {} exceeds the plan {by}, more than \
             {pct}% (--fail-if-over-budget)\n",
            report.spend.months, report.last
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The approved plan, and the base to re-forecast from when there is one.
fn load_approved(path: &Path, base: Option<&Path>) -> Result<(Plan, Option<Base>), Failure> {
    let bytes = read_plan(path)?;
    if !is_saved_plan(path, &bytes) {
        if base.is_some() {
            return Err(anyhow!(
                "--base is for a saved JSON plan: {} is a base already",
                display_name(path)
            )
            .into());
        }
        let loaded = base_from_bytes(path, &bytes)?;
        let plan = plan_loaded(&loaded, &PlanOptions::default())?;
        return Ok((plan, Some(loaded.base)));
    }
    let plan = saved_plan(path, &bytes)?;
    let base = base.map(load_base).transpose()?.map(|l| l.base);
    Ok((plan, base))
}

/// The plan month labelled `label`.
fn month_of(plan: &Plan, label: &str) -> Result<u32, Failure> {
    plan.timeline
        .iter()
        .find(|r| r.period == label.trim())
        .map(|r| r.month)
        .ok_or_else(|| {
            let span = match (plan.timeline.first(), plan.timeline.last()) {
                (Some(a), Some(b)) => format!("{} to {}", a.period, b.period),
                _ => String::new(),
            };
            anyhow!("--as-of {label} is not one of the plan's months ({span})").into()
        })
}
