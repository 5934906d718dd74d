//! `csplan completions SHELL` and `csplan man`: generated from the clap definition, so they
//! always match the commands and options the binary has.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use clap::{Args, Command, CommandFactory};
use clap_complete::Shell;
use roff::{Roff, bold, roman};

use super::Failure;
use super::args::Cli;
use super::io::{Sink, display_name};

pub const COMPLETIONS_HELP: &str = "Examples:\n  csplan completions bash > ~/.local/share/bash-completion/completions/csplan\n  csplan completions zsh > ~/.zfunc/_csplan\n  csplan completions fish > ~/.config/fish/completions/csplan.fish";

pub const MAN_HELP: &str = "Examples:\n  csplan man --dir ~/.local/share/man/man1 && man csplan-plan\n  csplan man > csplan.1 && man ./csplan.1\n  csplan man plan > csplan-plan.1";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command (e.g. `plan`) for its own page; csplan's page when omitted.
    #[arg(conflicts_with = "dir")]
    pub command: Option<String>,
    /// Write every page into DIR instead: csplan.1 and csplan-COMMAND.1 for each command, so
    /// the pages they refer to are installed with them.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "csplan", &mut out);
    write_stdout(&out)
}

/// csplan's command line as the man pages show it: without clap's `help` command, which has no
/// page of its own.
fn manual_command() -> Command {
    let mut csplan = Cli::command().disable_help_subcommand(true);
    csplan.build();
    csplan
}

pub fn man(args: &ManArgs) -> Result<ExitCode, Failure> {
    let csplan = manual_command();
    if let Some(dir) = &args.dir {
        return man_dir(&csplan, dir);
    }
    let bytes = match args.command.as_deref() {
        None => page(&csplan, None)?,
        Some(name) => {
            let Some(command) = csplan.find_subcommand(name) else {
                let names: Vec<&str> = csplan.get_subcommands().map(|c| c.get_name()).collect();
                return Err(anyhow!(
                    "no command `{name}`; man pages exist for: {}",
                    names.join(", ")
                )
                .into());
            };
            page(&csplan, Some(command))?
        }
    };
    write_stdout(&bytes)
}

/// Writes csplan.1 and one csplan-COMMAND.1 per command into `dir`, each atomically.
fn man_dir(csplan: &Command, dir: &Path) -> Result<ExitCode, Failure> {
    if !dir.is_dir() {
        return Err(anyhow!(
            "--dir {}: no such folder (create it first, e.g. mkdir -p {})",
            display_name(dir),
            display_name(dir)
        )
        .into());
    }
    let mut pages = vec![("csplan.1".to_string(), page(csplan, None)?)];
    for command in csplan.get_subcommands() {
        pages.push((
            format!("csplan-{}.1", command.get_name()),
            page(csplan, Some(command))?,
        ));
    }
    let mut written = String::new();
    for (name, bytes) in pages {
        let path = dir.join(&name);
        Sink::File(path.clone()).write_bytes(&bytes)?;
        written.push_str(&format!("{}\n", display_name(&path)));
    }
    Sink::Stdout.write(&written)?;
    Ok(ExitCode::SUCCESS)
}

/// The page of csplan (`command` None) or of one of its commands: clap's sections, then
/// EXAMPLES and NOTES from the help text, EXIT STATUS and SEE ALSO.
fn page(csplan: &Command, command: Option<&Command>) -> Result<Vec<u8>, Failure> {
    let shown = match command {
        // The page is titled like git's: csplan-plan(1).
        Some(command) => command
            .clone()
            .display_name(format!("csplan-{}", command.get_name())),
        None => csplan.clone(),
    };
    let man = clap_mangen::Man::new(shown.clone())
        .source(format!("csplan {}", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    let rendered: std::io::Result<()> = (|| {
        man.render_title(&mut out)?;
        man.render_name_section(&mut out)?;
        man.render_synopsis_section(&mut out)?;
        man.render_description_section(&mut out)?;
        if shown.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut out)?;
        }
        if shown.has_subcommands() {
            man.render_subcommands_section(&mut out)?;
        }
        extra_sections(
            csplan,
            command,
            shown.get_after_help().map(|h| h.to_string()),
        )
        .to_writer(&mut out)?;
        if shown.get_version().is_some() {
            man.render_version_section(&mut out)?;
        }
        Ok(())
    })();
    rendered.context("could not render the man page")?;
    Ok(out)
}

/// EXAMPLES and NOTES (the help text's paragraphs), EXIT STATUS (SPEC §1's codes, with the
/// gates this command has) and SEE ALSO (the pages written with it).
fn extra_sections(csplan: &Command, command: Option<&Command>, help: Option<String>) -> Roff {
    let mut roff = Roff::new();
    let help = help.unwrap_or_default();
    let mut notes = Vec::new();
    for paragraph in help.split("\n\n") {
        if let Some(examples) = paragraph.strip_prefix("Examples:\n") {
            roff.control("SH", ["EXAMPLES"]);
            roff.control("nf", []);
            for line in examples.lines() {
                roff.text([roman(line.trim())]);
            }
            roff.control("fi", []);
        } else {
            // The exit codes have their own section below.
            notes.extend(
                paragraph
                    .lines()
                    .filter(|l| !l.starts_with("Exit codes:") && !l.trim().is_empty()),
            );
        }
    }
    if !notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for line in notes {
            roff.control("PP", []);
            roff.text([roman(line)]);
        }
    }
    roff.control("SH", ["EXIT STATUS"]);
    let gates = match command.map(|c| c.get_name()) {
        None => Some(
            "a gate the user asked for failed: plan --fail-over-cap, diff --fail-if-increase, \
             review --fail-if-over-budget",
        ),
        Some("plan") => {
            Some("with --fail-over-cap, the plan was produced but a month breaks the CSM spend cap")
        }
        Some("diff") => Some(
            "with --fail-if-increase PCT, the diff was produced but the CS cost rose more than PCT percent",
        ),
        Some("review") => Some(
            "with --fail-if-over-budget PCT, the review was written but actual CS spend to date exceeds the plan by more than PCT percent",
        ),
        Some(_) => None,
    };
    let mut codes = vec![("0", "success")];
    codes.extend(gates.map(|g| ("1", g)));
    codes.push((
        "2",
        "usage or input error (a bad file, bad TOML, an invalid value): the message names the file, line and key on stderr, and nothing is written to stdout",
    ));
    for (code, meaning) in codes {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(meaning)]);
    }
    roff.control("SH", ["SEE ALSO"]);
    let others: Vec<String> = match command {
        None => csplan
            .get_subcommands()
            .map(|c| format!("csplan-{}(1)", c.get_name()))
            .collect(),
        Some(_) => vec!["csplan(1)".to_string()],
    };
    roff.text([roman(format!(
        "{}. Pages written together by csplan man --dir DIR.",
        others.join(", ")
    ))]);
    roff
}

fn write_stdout(bytes: &[u8]) -> Result<ExitCode, Failure> {
    Sink::Stdout.write_bytes(bytes)?;
    Ok(ExitCode::SUCCESS)
}
