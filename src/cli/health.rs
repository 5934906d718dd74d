//! `csplan health ACCOUNTS.csv`, and the account side of `csplan plan --accounts`.
//!
//! The `[health]` settings come from `--base` when given (with its `[company] start` as the
//! default as-of date and its currency), otherwise from csplan's defaults.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::{Args, ValueEnum};
use csplan::PlanOptions;
use csplan::health::{
    AssessOptions, Date, HealthConfig, HealthReport, MAX_ACCOUNTS_BYTES, assess, plan_with_accounts,
};
use csplan::plan::Plan;
use csplan::render::{HealthFormat, render_health};

use super::args::FormatArg;
use super::io::{Sink, display_name};
use super::output;
use super::{Failure, Loaded, load_base};

pub const HEALTH_HELP: &str = "Examples:
  csplan health examples/growth-accounts.csv --base examples/growth.toml
  csplan health accounts.csv --as-of 2027-01-01 --format csv -o scored.csv
  csplan plan examples/growth.toml --accounts examples/growth-accounts.csv

The CSV has a header row and one row per account: account, segment, arr, and any of usage,
outcome, nps, csat, tickets, time_to_value_days; optionally renewal_date, start_date,
potential_arr. Column names, weights, thresholds and churn per colour come from the [health]
table of --base (see README); without --base, csplan's defaults apply and money is in USD.

Exit codes: 0 success, 2 usage or input error (a bad row names its row, column and value).";

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// The accounts CSV (a header row, one row per account), or `-` for stdin.
    pub file: PathBuf,
    /// A base TOML whose [health] table, start month and currency to use.
    #[arg(long, value_name = "BASE.toml")]
    pub base: Option<PathBuf>,
    /// The date renewal windows and account ages count from (default: [health] as_of, else the
    /// first day of [company] start).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Output format [default: the one the -o file's extension names (.json, .csv, .xlsx),
    /// else table].
    #[arg(long, value_enum)]
    pub format: Option<HealthFormatArg>,
    /// At-risk accounts listed per segment, 0..=1000 (overrides [health] top_at_risk).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1000))]
    pub top: Option<u32>,
    /// Write to FILE instead of stdout (atomically: a temp file, then rename).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HealthFormatArg {
    /// Per segment: green / yellow / red, risk, top at-risk accounts, playbooks and phases.
    Table,
    /// The whole report, every account included (schema_version 1).
    Json,
    /// One row per account: score, colour, playbook, phase, renewal, signal scores.
    Csv,
    /// The CSV's rows as an Excel sheet (binary: written with -o or into a pipe).
    Xlsx,
}

/// `--as-of`: a calendar date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.trim()
        .parse::<Date>()
        .map_err(|e| format!("`{text}`: {e}"))
}

pub fn run(args: &HealthArgs) -> Result<ExitCode, Failure> {
    let mut inputs: Vec<&Path> = vec![&args.file];
    inputs.extend(args.base.as_deref());
    refuse_two_stdins(&inputs)?;
    let sink = Sink::new(args.output.as_deref(), &inputs)?;
    let format = output::resolve(args.format, args.output.as_deref(), HealthFormatArg::Table)?;
    if format == HealthFormatArg::Xlsx {
        output::refuse_binary(FormatArg::Xlsx, &sink)?;
    }
    let loaded = args.base.as_deref().map(load_base).transpose()?;
    let base = loaded.as_ref().map(|loaded| &loaded.base);
    let mut config = loaded
        .as_ref()
        .map(|loaded| loaded.health.clone())
        .unwrap_or_default();
    if let Some(n) = args.top {
        config.top_at_risk = n as usize;
    }
    let options = AssessOptions {
        currency: base.as_ref().map_or("USD", |b| b.company.currency.as_str()),
        segments: None,
    };
    let report = score(&args.file, config, args.as_of, &options)?;
    let text = match format {
        HealthFormatArg::Table => HealthFormat::Table,
        HealthFormatArg::Json => HealthFormat::Json,
        HealthFormatArg::Csv => HealthFormat::Csv,
        HealthFormatArg::Xlsx => {
            let csv = render_health(&report, HealthFormat::Csv);
            let workbook = csplan::render::xlsx::csv_workbook("Accounts", &csv)
                .map_err(anyhow::Error::from)?;
            sink.write_bytes(&workbook)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let text = match text {
        HealthFormat::Table => {
            csplan::render::render_health_table(&report, super::term::width(&sink))
        }
        format => render_health(&report, format),
    };
    sink.write(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `plan BASE --accounts ACCOUNTS`: the plan from the churn the accounts imply. Every segment
/// in the file must be a segment of the base.
pub fn plan(
    base_path: &Path,
    loaded: &Loaded,
    options: &PlanOptions,
    accounts: &Path,
    as_of: Option<Date>,
) -> Result<Plan, Failure> {
    let base = &loaded.base;
    let names: Vec<String> = base.segments.iter().map(|s| s.name.clone()).collect();
    let assess_options = AssessOptions {
        currency: &base.company.currency,
        segments: Some(&names),
    };
    let report = score(accounts, loaded.health.clone(), as_of, &assess_options)?;
    plan_with_accounts(base, options, &report)
        .map_err(|e| Failure::from(anyhow!("{}: {e}", display_name(base_path))))
}

fn score(
    path: &Path,
    mut config: HealthConfig,
    as_of: Option<Date>,
    options: &AssessOptions,
) -> Result<HealthReport, Failure> {
    if as_of.is_some() {
        config.as_of = as_of;
    }
    let name = display_name(path);
    let bytes = read_accounts(path)?;
    let source = csplan::input::decode(&bytes)
        .map_err(|d| Failure::Input(d.render(&name, &String::from_utf8_lossy(&bytes))))?;
    assess(source, &config, options).map_err(|e| Failure::Input(e.render(&name, source)))
}

/// Reads an accounts file (or stdin for `-`) as bytes, refusing more than
/// [`MAX_ACCOUNTS_BYTES`] without reading further: the library names an encoding problem at
/// its line and column.
fn read_accounts(path: &Path) -> anyhow::Result<Vec<u8>> {
    use anyhow::Context;
    use std::io::Read;
    let name = display_name(path);
    let limit = MAX_ACCOUNTS_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.with_context(|| format!("could not read {name}"))?;
    if bytes.len() > MAX_ACCOUNTS_BYTES {
        bail!(
            "{name} is larger than {MAX_ACCOUNTS_BYTES} bytes: csplan reads accounts files up to 64 MiB"
        );
    }
    Ok(bytes)
}

/// Only one of the inputs may be `-`.
pub fn refuse_two_stdins(inputs: &[&Path]) -> anyhow::Result<()> {
    if inputs.iter().filter(|p| **p == Path::new("-")).count() > 1 {
        bail!("only one input can be read from stdin (`-`): give the others as files");
    }
    Ok(())
}
