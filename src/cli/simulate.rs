//! `csplan plan FILE --simulate N --seed S`: Monte Carlo bands, with a progress bar on stderr
//! when the run takes more than a moment and stderr is a terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Once;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use csplan::PlanOptions;
use csplan::model::Base;
use csplan::simulate::{SimulationOptions, simulate};
use csplan::uncertainty::ranged_values;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::{FormatArg, PlanArgs};
use super::io::{Sink, display_name, note};
use super::output;
use super::{Failure, load_base, stance};

/// How long a simulation runs before its progress bar shows.
const QUIET_FOR: Duration = Duration::from_millis(400);

/// Runs the simulation and writes its bands.
pub fn run(args: &PlanArgs, runs: u32) -> Result<ExitCode, Failure> {
    let sink = Sink::new(args.output.as_deref(), &[&args.file])?;
    if let Some(path) = args
        .output
        .as_deref()
        .filter(|p| output::names_chart(Some(p)))
    {
        super::refuse_chart_output(args, path)?;
    }
    let format = output::resolve(args.format, args.output.as_deref(), FormatArg::Table)?;
    output::refuse_binary(format, &sink)?;
    let base = load_base(&args.file)?.base;
    let name = display_name(&args.file);
    if ranged_values(&base) == 0 && base.workforce.attrition > 0.0 {
        note(&format!(
            "note: {name} gives no ranges, so runs differ only by the leavers drawn at its \
             attrition; write e.g. annual_churn = {{ low = 0.08, high = 0.15 }} in a segment\n"
        ));
    } else if ranged_values(&base) == 0 {
        note(&format!(
            "note: {name} gives no ranges, so every run is the same plan; write e.g. \
             annual_churn = {{ low = 0.08, high = 0.15 }} in a segment\n"
        ));
    }
    let plan_options = PlanOptions {
        months: args.months,
        stance: args.stance.map(stance),
        within_budget: false,
    };
    let options = SimulationOptions {
        runs,
        seed: args.seed.unwrap_or(0),
        period: args.period.kind(),
    };
    let bar = ProgressBar::with_draw_target(Some(u64::from(runs)), ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("simulating {bar:30} {pos}/{len} runs, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let show = Once::new();
    // The progress bar is a note too: `--quiet` has none.
    let on_terminal = std::io::stderr().is_terminal() && !super::io::is_quiet();
    let progress = || {
        bar.inc(1);
        if on_terminal && started.elapsed() > QUIET_FOR {
            show.call_once(|| bar.set_draw_target(ProgressDrawTarget::stderr()));
        }
    };
    let result = simulate(&base, &plan_options, &options, &progress);
    bar.finish_and_clear();
    let sim = result.map_err(|e| anyhow!("{name}: {e}"))?;
    output::write_rendered(&sink, format, "Simulation", &sim, super::term::plain(&sink))?;
    Ok(ExitCode::SUCCESS)
}

/// A plain plan of a base with ranges plans each range's central value: say so on stderr.
pub fn note_ranges(base: &Base, path: &Path) {
    let count = ranged_values(base);
    if count > 0 {
        note(&format!(
            "note: {} gives {count} value{} as a range; this plan uses the central value of each \
             (its mode, else its midpoint). Add --simulate N for P10/P50/P90 bands.\n",
            display_name(path),
            if count == 1 { "" } else { "s" }
        ));
    }
}
