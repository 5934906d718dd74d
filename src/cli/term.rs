//! Terminal manners: colour only where a person reads it, and the chart file beside the output.

use std::io;
use std::path::Path;

use anstream::{AutoStream, ColorChoice};
use anyhow::bail;

use super::args::{ColorArg, PlanArgs};
use super::io::{Sink, display_name};

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

/// The `--chart` file and its kind (by extension), written atomically like `-o`: never over
/// the input, nor over `-o`.
pub fn chart_sink(args: &PlanArgs) -> anyhow::Result<Option<(Sink, ChartKind)>> {
    let Some(path) = args.chart.as_deref() else {
        return Ok(None);
    };
    if args
        .output
        .as_deref()
        .is_some_and(|out| same_path(out, path))
    {
        bail!(
            "--chart and -o both name {}: give the chart its own file",
            display_name(path)
        );
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let kind = match extension.as_deref() {
        Some("svg") => ChartKind::Svg,
        Some("png") => ChartKind::Png,
        _ => bail!(
            "--chart {}: the chart is an SVG or a PNG image; name the file *.svg or *.png",
            path.display()
        ),
    };
    Ok(Some((Sink::new(Some(path), &[&args.file])?, kind)))
}

fn same_path(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}
