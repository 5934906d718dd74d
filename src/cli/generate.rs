//! `csplan completions SHELL` and `csplan man`: generated from the clap definition, so they
//! always match the commands and options the binary has.

use std::process::ExitCode;

use anyhow::{Context, anyhow};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Failure;
use super::args::Cli;
use super::io::Sink;

pub const COMPLETIONS_HELP: &str = "Examples:\n  csplan completions bash > ~/.local/share/bash-completion/completions/csplan\n  csplan completions zsh > ~/.zfunc/_csplan\n  csplan completions fish > ~/.config/fish/completions/csplan.fish";

pub const MAN_HELP: &str =
    "Examples:\n  csplan man > csplan.1 && man ./csplan.1\n  csplan man plan > csplan-plan.1";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command (e.g. `plan`) for its own page; csplan's page when omitted.
    pub command: Option<String>,
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, Failure> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "csplan", &mut out);
    write_stdout(&out)
}

pub fn man(args: &ManArgs) -> Result<ExitCode, Failure> {
    let mut csplan = Cli::command();
    csplan.build();
    let page = match args.command.as_deref() {
        None => csplan,
        Some(name) => {
            let names: Vec<String> = csplan
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(command) = csplan.find_subcommand(name) else {
                return Err(anyhow!(
                    "no command `{name}`; man pages exist for: {}",
                    names.join(", ")
                )
                .into());
            };
            // The page is titled like git's: csplan-plan(1).
            command.clone().display_name(format!("csplan-{name}"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("csplan {}", env!("CARGO_PKG_VERSION")))
        .render(&mut out)
        .context("could not render the man page")?;
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> Result<ExitCode, Failure> {
    Sink::Stdout.write(&String::from_utf8_lossy(bytes))?;
    Ok(ExitCode::SUCCESS)
}
