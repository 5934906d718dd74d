//! Terminal manners: colour only where a person reads it, and the chart file beside the output.

use std::io;
use std::path::Path;

use anstream::{AutoStream, ColorChoice};
use csplan::render::RenderOptions;

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

/// How to render for `sink`: its [`width`], no colour (only the plan's table has colour, and
/// `--color` to ask for it).
pub fn plain(sink: &Sink) -> RenderOptions {
    RenderOptions {
        colour: false,
        width: width(sink),
    }
}

/// The columns text output fits: `COLUMNS` when set to a number, else the terminal's width
/// when `sink` is a terminal's stdout, else csplan's default of 100 (a file, a pipe, CI);
/// never below 80.
pub fn width(sink: &Sink) -> usize {
    use std::io::IsTerminal;
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let from_terminal = || {
        (matches!(sink, Sink::Stdout) && io::stdout().is_terminal())
            .then(|| terminal_size::terminal_size_of(io::stdout()))
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w))
    };
    let width = from_env
        .or_else(from_terminal)
        .unwrap_or(csplan::render::fit::DEFAULT_WIDTH);
    csplan::render::fit::usable_width(width)
}

/// The picture `--chart` draws, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Svg,
    Png,
}

/// The picture a chart file's name asks for: `*.svg` or `*.png`; a device or FIFO may have any
/// name, and gets the SVG; `None` for any other file name.
pub fn chart_kind(path: &Path) -> Option<ChartKind> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("svg") => Some(ChartKind::Svg),
        Some("png") => Some(ChartKind::Png),
        _ if !is_file_or_new(path) => Some(ChartKind::Svg),
        _ => None,
    }
}

/// The `-o` output and the `--chart` file of `plan` with the chart's kind, checked together:
/// neither over an input (the base, the accounts, stdin), nor over each other, nor over stdout
/// when the plan goes there; a chart file is named `*.svg` or `*.png` (a device or FIFO may
/// have any name, and gets the SVG).
pub fn plan_sinks(
    args: &PlanArgs,
    inputs: &[&Path],
) -> anyhow::Result<(Sink, Option<(Sink, ChartKind)>)> {
    let kind = match args.chart.as_deref() {
        None => None,
        Some(path) => Some(chart_kind(path).ok_or_else(|| {
            anyhow::anyhow!(
                "--chart {}: the chart is an SVG or a PNG image; name the file *.svg or *.png",
                display_name(path)
            )
        })?),
    };
    let mut outputs = vec![("-o", args.output.as_deref())];
    if let Some(chart) = args.chart.as_deref() {
        outputs.push(("--chart", Some(chart)));
    }
    let mut sinks = Sink::all(&outputs, inputs)?.into_iter();
    let sink = sinks.next().unwrap_or(Sink::Stdout);
    Ok((sink, sinks.next().zip(kind)))
}
