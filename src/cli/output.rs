//! Which format to write (SPEC §1): `--format` when given, else the one the `-o` file's
//! extension names (`.json`, `.csv`, `.md`, `.xlsx`), else the table; a `--format` that
//! contradicts the extension is a usage error. Binary output is never sent to a terminal.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Result, bail};
use clap::ValueEnum;

use super::args::FormatArg;
use super::io::{Sink, display_name, is_file_or_new};
use csplan::render::{Render, RenderOptions, render_with};

/// Writes `result` as `format` with `options`; for the workbook, its CSV as one sheet named
/// `sheet` (numbers as numbers, every other cell as text).
pub fn write_rendered<R: Render + ?Sized>(
    sink: &Sink,
    format: FormatArg,
    sheet: &str,
    result: &R,
    options: RenderOptions,
) -> Result<()> {
    match format.text() {
        Some(text) => sink.write(&render_with(result, text, options)),
        None => sink.write_bytes(&csplan::render::xlsx::csv_workbook(sheet, &result.csv())?),
    }
}

/// What an `-o` file's extension says it is.
enum Named {
    /// A format csplan writes, by its `--format` value, and how to say it.
    Format(&'static str, &'static str),
    /// Text of any format (`.txt`, or no extension).
    AnyText,
    /// An image of the chart (`.svg`, `.png`): only `plan` draws one.
    Chart(&'static str),
    /// An extension csplan writes nothing as (`.pdf`, `.xls`).
    Unknown(String),
}

/// What `output`'s extension names. A device or FIFO (`/dev/null`, a named pipe) may have any
/// name: its extension says nothing.
fn named_by(output: &Path) -> Named {
    if !is_file_or_new(output) {
        return Named::AnyText;
    }
    let Some(ext) = output.extension() else {
        return Named::AnyText;
    };
    let ext = ext.to_string_lossy().to_ascii_lowercase();
    match ext.as_str() {
        "json" => Named::Format("json", "a JSON file"),
        "csv" => Named::Format("csv", "a CSV file"),
        "md" | "markdown" => Named::Format("markdown", "a Markdown file"),
        "xlsx" => Named::Format("xlsx", "an XLSX workbook"),
        "txt" | "text" => Named::AnyText,
        "svg" => Named::Chart("an SVG image"),
        "png" => Named::Chart("a PNG image"),
        _ => Named::Unknown(ext),
    }
}

/// The chart an `-o` file of `plan` names by its extension (`plan.png`, `plan.svg`); a device
/// or FIFO names none.
pub fn names_chart(output: Option<&Path>) -> bool {
    output
        .filter(|p| *p != Path::new("-"))
        .is_some_and(|p| matches!(named_by(p), Named::Chart(_)))
}

/// For a command that writes one kind of file (`init` a TOML base, `schema` a JSON Schema):
/// an `-o` file named with another extension is refused; one with no extension, or a device
/// or FIFO, is fine.
pub fn require_extension(output: Option<&Path>, allowed: &str, what: &str) -> Result<()> {
    let Some(path) = output.filter(|p| *p != Path::new("-") && is_file_or_new(p)) else {
        return Ok(());
    };
    let Some(ext) = path.extension() else {
        return Ok(());
    };
    let ext = ext.to_string_lossy().to_ascii_lowercase();
    if ext != allowed {
        bail!(
            "-o {}: this command writes {what}, not a .{ext} file; name the file {}",
            display_name(path),
            display_name(&path.with_extension(allowed))
        );
    }
    Ok(())
}

/// The file extensions `-o` takes, for a message.
const EXTENSIONS: &str = ".txt (or none) for the table, .json, .csv, .md, .xlsx";

/// The `--format` value of `format` (`csv`).
fn name_of<F: ValueEnum>(format: &F) -> String {
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// The format to write: `given`, else the one `output`'s extension names, else `default`.
/// `-o -` (stdout) names no format.
pub fn resolve<F: ValueEnum + Copy + PartialEq>(
    given: Option<F>,
    output: Option<&Path>,
    default: F,
) -> Result<F> {
    let Some(path) = output.filter(|p| *p != Path::new("-")) else {
        return Ok(given.unwrap_or(default));
    };
    let file = display_name(path);
    let (name, what) = match named_by(path) {
        Named::AnyText => return Ok(given.unwrap_or(default)),
        Named::Format(name, what) => (name, what),
        Named::Chart(what) => bail!(
            "-o {file} names {what}, and this command writes text: only `csplan plan BASE -o \
             {file}` (or `--chart {file}`) draws the chart; name the file with one of \
             {EXTENSIONS}"
        ),
        Named::Unknown(ext) => {
            bail!("-o {file}: csplan writes no .{ext} file; name the file with one of {EXTENSIONS}")
        }
    };
    let from_extension = F::from_str(name, true).ok();
    match (given, from_extension) {
        (None, Some(format)) => Ok(format),
        (Some(given), Some(format)) if given == format => Ok(format),
        (Some(given), _) => {
            let given = name_of(&given);
            let suggestion = path.with_extension(extension_of(&given));
            bail!(
                "--format {given} contradicts -o {file}, which names {what}: drop --format to \
                 write {what}, or name the file {}",
                display_name(&suggestion)
            )
        }
        (None, None) => {
            let formats: Vec<String> = F::value_variants().iter().map(name_of).collect();
            bail!(
                "-o {file} names {what}, a format this command does not write: give --format \
                 ({}) and a file name to match",
                formats.join(", ")
            )
        }
    }
}

/// The extension a file of `--format` `name` takes.
fn extension_of(name: &str) -> &str {
    match name {
        "markdown" => "md",
        "table" => "txt",
        other => other,
    }
}

/// Binary output (XLSX) is refused on a terminal: it would only garble the screen.
pub fn refuse_binary(format: FormatArg, sink: &Sink) -> Result<()> {
    if format == FormatArg::Xlsx && matches!(sink, Sink::Stdout) && std::io::stdout().is_terminal()
    {
        bail!(
            "an XLSX workbook is binary and stdout is a terminal: write it to a file with \
             -o plan.xlsx, or pipe it (> plan.xlsx)"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(given: Option<FormatArg>, output: &str) -> Result<FormatArg> {
        resolve(given, Some(Path::new(output)), FormatArg::Table)
    }

    #[test]
    fn the_extension_picks_the_format() {
        assert_eq!(resolved(None, "plan.json").unwrap(), FormatArg::Json);
        assert_eq!(resolved(None, "out/PLAN.CSV").unwrap(), FormatArg::Csv);
        assert_eq!(resolved(None, "review.md").unwrap(), FormatArg::Markdown);
        assert_eq!(resolved(None, "plan.xlsx").unwrap(), FormatArg::Xlsx);
        assert_eq!(resolved(None, "plan.txt").unwrap(), FormatArg::Table);
        assert_eq!(resolved(None, "plan").unwrap(), FormatArg::Table);
        assert_eq!(resolved(None, "-").unwrap(), FormatArg::Table);
        assert_eq!(
            resolved(Some(FormatArg::Json), "plan.txt").unwrap(),
            FormatArg::Json
        );
        assert_eq!(
            resolved(Some(FormatArg::Csv), "plan.csv").unwrap(),
            FormatArg::Csv
        );
    }

    #[test]
    fn an_image_or_an_unknown_extension_names_no_text_format() {
        let e = resolved(None, "plan.PDF").unwrap_err().to_string();
        assert!(e.contains("csplan writes no .pdf file"), "{e}");
        assert!(e.contains(".json, .csv, .md, .xlsx"), "{e}");
        let e = resolved(Some(FormatArg::Table), "plan.xls")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no .xls file"), "{e}");
        let e = resolved(None, "plan.png").unwrap_err().to_string();
        assert!(e.contains("names a PNG image"), "{e}");
        assert!(names_chart(Some(Path::new("plan.svg"))));
        assert!(names_chart(Some(Path::new("plan.PNG"))));
        assert!(!names_chart(Some(Path::new("plan.txt"))));
        assert!(!names_chart(Some(Path::new("-"))));
        assert_eq!(resolved(None, "plan.text").unwrap(), FormatArg::Table);
        assert_eq!(resolved(None, "/dev/null").unwrap(), FormatArg::Table);
    }

    #[test]
    fn a_contradiction_is_refused_with_both_names() {
        let e = resolved(Some(FormatArg::Csv), "plan.json")
            .unwrap_err()
            .to_string();
        assert!(e.contains("--format csv contradicts -o plan.json"), "{e}");
        assert!(e.contains("name the file plan.csv"), "{e}");
        let e = resolved(Some(FormatArg::Table), "plan.md")
            .unwrap_err()
            .to_string();
        assert!(e.contains("names a Markdown file"), "{e}");
    }
}
