//! Terminal manners: colour only where a person reads it, and the chart file beside the output.

use std::io;
use std::path::Path;

use anstream::{AutoStream, ColorChoice};
use anyhow::bail;

use super::args::{ColorArg, PlanArgs};
use super::io::{Sink, display_name, is_file_or_new};

/// Whether to colour the table: `--color always|never`, else only when it goes to stdout and
/// stdout is a terminal, `NO_COLOR` is unset and `CLICOLOR` is not 0 (`CLICOLOR_FORCE` forces
/// it), as anstream reads the environment.
pub fn colour(choice: ColorArg, sink: &Sink) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            matches!(sink, Sink::Stdout) && AutoStream::choice(&io::stdout()) != ColorChoice::Never
        }
    }
}

/// How anstream would colour stdout (help text keeps clap's styles only on a terminal).
pub fn stdout_colour() -> ColorChoice {
    AutoStream::choice(&io::stdout())
}

/// The `-o` output and the `--chart` file of `plan`, checked together: neither over an input
/// (the base, the accounts, stdin), nor over each other, nor over stdout when the plan goes
/// there; the chart must be named `*.svg`.
pub fn plan_sinks(args: &PlanArgs, inputs: &[&Path]) -> anyhow::Result<(Sink, Option<Sink>)> {
    // A device or FIFO (`--chart /dev/null`) may have any name; a file is named for its format.
    if let Some(path) = args.chart.as_deref()
        && path
            .extension()
            .is_none_or(|e| !e.eq_ignore_ascii_case("svg"))
        && is_file_or_new(path)
    {
        bail!(
            "--chart {}: the chart is an SVG image; name the file *.svg",
            display_name(path)
        );
    }
    let mut outputs = vec![("-o", args.output.as_deref())];
    if let Some(chart) = args.chart.as_deref() {
        outputs.push(("--chart", Some(chart)));
    }
    let mut sinks = Sink::all(&outputs, inputs)?.into_iter();
    let sink = sinks.next().unwrap_or(Sink::Stdout);
    Ok((sink, sinks.next()))
}
