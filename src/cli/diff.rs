//! `csplan diff OLD NEW`: read each side (a base TOML, planned as its file says, or a saved
//! JSON plan), compare them in the library, print, and apply `--fail-if-increase`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::anyhow;
use clap::Args;
use csplan::PlanOptions;
use csplan::diff::{check_saved_plan, complete_saved_plan};
use csplan::plan::Plan;

use super::args::{FormatArg, PeriodArg};
use super::io::{Sink, display_name, print_error, read_plan};
use super::output;
use super::{Failure, base_from_bytes, summary_loaded};

pub const AFTER_HELP: &str = "Each side is a base TOML file (planned with its own settings) or a JSON plan saved with\n`csplan plan --format json`; a file ending .json is read as a plan, .toml as a base, anything\nelse (and stdin, `-`) by its first character. Plans are compared on the periods both cover; the\ntotals and --fail-if-increase use only those periods.\n\nExamples:\n  csplan diff last-quarter.json base.toml\n  git show main:base.toml > main.toml\n  csplan diff main.toml base.toml --fail-if-increase 5\n  csplan diff old.toml new.toml --period quarter --format markdown\n\nExit codes: 0 success, 1 total CS cost rose by more than --fail-if-increase PCT, 2 usage or input error.";

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The plan before: a base TOML file or a saved JSON plan (`-` for stdin).
    pub old: PathBuf,
    /// The plan after: a base TOML file or a saved JSON plan (`-` for stdin).
    pub new: PathBuf,
    /// Output format [default: the one the -o file's extension names, else table].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Compare month by month (default, unless a side is in longer periods), quarter by quarter
    /// or fiscal year by fiscal year.
    #[arg(long, value_enum)]
    pub period: Option<PeriodArg>,
    /// Write to FILE instead of stdout (atomically: a temp file, then rename).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when total CS cost over the compared periods rises by more than PCT percent
    /// (e.g. 5 for 5%; 0 fails on any increase).
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub fail_if_increase: Option<f64>,
}

pub(super) fn parse_percent(text: &str) -> Result<f64, String> {
    let pct: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{text}` is not a number of percent (e.g. 5 or 2.5)"))?;
    if !pct.is_finite() || !(0.0..=1_000_000.0).contains(&pct) {
        return Err(format!(
            "{text} is out of range: give a percent from 0 to 1000000"
        ));
    }
    Ok(pct)
}

/// Two plans of different companies are compared (a company may be renamed between two
/// versions of its base), with a warning on stderr so that a mix-up is seen.
fn different_companies(old: &str, new: &str) -> Option<String> {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    (!same(old, new)).then(|| {
        format!(
            "warning: the plans are of different companies (`{old}` and `{new}`): compared as \
             asked; check that these are the two files you meant\n"
        )
    })
}

/// Two plans written by different csplan versions may follow different rule books: a change of
/// rules shows in the diff as a change of plan. A warning on stderr says so; a plan saved
/// before csplan wrote its version gives none.
fn different_versions(old: Option<&str>, new: Option<&str>) -> Option<String> {
    let (old, new) = (old?, new?);
    (old != new).then(|| {
        format!(
            "warning: the plans were written by csplan {old} and csplan {new}: a change of rules \
             between the versions shows as a change of plan (CHANGELOG.md names each)\n"
        )
    })
}

pub fn run(args: &DiffArgs) -> Result<ExitCode, Failure> {
    if args.old == Path::new("-") && args.new == Path::new("-") {
        return Err(anyhow!("only one side of a diff can be read from stdin (`-`)").into());
    }
    let sink = Sink::new(args.output.as_deref(), &[&args.old, &args.new])?;
    let format = output::resolve(args.format, args.output.as_deref(), FormatArg::Table)?;
    output::refuse_binary(format, &sink)?;
    let mut old = load_plan(&args.old)?;
    let mut new = load_plan(&args.new)?;
    if let Some(warning) = different_companies(&old.company, &new.company) {
        super::io::note(&warning);
    }
    if let Some(warning) =
        different_versions(old.csplan_version.as_deref(), new.csplan_version.as_deref())
    {
        super::io::print_error(&warning);
    }
    if let Some(period) = args.period {
        old = old.by_period(period.kind());
        new = new.by_period(period.kind());
    }
    let mut diff = csplan::diff::diff(&old, &new).map_err(|e| {
        anyhow!(
            "cannot compare {} with {}: {e}",
            display_name(&args.old),
            display_name(&args.new)
        )
    })?;
    diff.old.source = Some(display_name(&args.old));
    diff.new.source = Some(display_name(&args.new));
    output::write_rendered(&sink, format, "Diff", &diff, super::term::plain(&sink))?;
    if let Some(pct) = args.fail_if_increase
        && diff.cost_rose_more_than(pct)
    {
        let by = diff
            .totals
            .cs_cost_change_pct
            .map_or_else(|| "from nothing".to_string(), |p| format!("by {p:.2}%"));
        // Not eprintln!, which panics when stderr cannot be written (`2> /dev/full`).
        print_error(&format!(
            "csplan: total CS cost over the {} compared periods rose {by}, more than {pct}% \
             (--fail-if-increase)\n",
            diff.totals.periods
        ));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One side of the diff: a saved JSON plan, or a base planned with its own settings.
fn load_plan(path: &Path) -> Result<Plan, Failure> {
    let bytes = read_plan(path)?;
    if !is_saved_plan(path, &bytes) {
        // A diff reads no segment rows.
        return summary_loaded(&base_from_bytes(path, &bytes)?, &PlanOptions::default());
    }
    saved_plan(path, &bytes)
}

/// True when `path` holds a saved JSON plan rather than a base: by its extension (`.json`,
/// `.toml`), else by its first character.
pub(super) fn is_saved_plan(path: &Path, bytes: &[u8]) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("json") => true,
        Some(ext) if ext.eq_ignore_ascii_case("toml") => false,
        _ => bytes.trim_ascii_start().starts_with(b"{"),
    }
}

/// A saved JSON plan read from `path`, checked before use.
pub(super) fn saved_plan(path: &Path, bytes: &[u8]) -> Result<Plan, Failure> {
    let name = display_name(path);
    let text = csplan::input::decode(bytes)
        .map_err(|d| Failure::Input(d.render(&name, &String::from_utf8_lossy(bytes))))?;
    // A byte-order mark is accepted, as in a base or an accounts file.
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut plan: Plan = serde_json::from_str(json).map_err(|e| {
        // serde_json ends its message with "at line L column C": lead with it instead.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        anyhow!(
            "{name}:{}:{}: not a csplan JSON plan: {}",
            e.line(),
            e.column(),
            // serde quotes the value it could not read, which may hold escape sequences.
            csplan::text::escaped(message)
        )
    })?;
    check_saved_plan(&plan).map_err(|e| anyhow!("{name}: not a usable csplan JSON plan: {e}"))?;
    complete_saved_plan(&mut plan);
    Ok(plan)
}
