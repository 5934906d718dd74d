//! `csplan init [--stage seed|growth|scale]`: a commented starter base to edit. Each template
//! is a real base that `csplan check` accepts (tested), with the optional keys shown as comments.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use clap::{Args, ValueEnum};

use super::Failure;
use super::io::{Sink, display_name};

pub const AFTER_HELP: &str = "Examples:\n  csplan init > base.toml\n  csplan init --stage growth -o base.toml\n  csplan init --stage scale | csplan plan -";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The kind of company the starter base describes.
    #[arg(long, value_enum, default_value_t = Stage::Seed)]
    pub stage: Stage,
    /// Write to FILE instead of stdout; refuses to replace an existing file without --force.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    /// Under $1M ARR, no one dedicated to customers yet, two segments.
    Seed,
    /// About $3M ARR, two CSMs and a support hire, SMB / mid-market / enterprise.
    Growth,
    /// About $12M ARR, a CS organisation with a lead, ticket and onboarding-hour data.
    Scale,
}

/// The starter base for `stage`.
pub fn template(stage: Stage) -> &'static str {
    match stage {
        Stage::Seed => include_str!("init/seed.toml"),
        Stage::Growth => include_str!("init/growth.toml"),
        Stage::Scale => include_str!("init/scale.toml"),
    }
}

pub fn run(args: &InitArgs) -> Result<ExitCode, Failure> {
    super::output::require_extension(args.output.as_deref(), "toml", "a TOML base")?;
    // A device or FIFO (`-o /dev/stdout`) holds no base to lose: only a file needs --force.
    if let Some(path) = args.output.as_deref()
        && std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && !args.force
    {
        return Err(anyhow!(
            "{} already exists: csplan init does not replace a base; add --force to replace it",
            display_name(path)
        )
        .into());
    }
    Sink::new(args.output.as_deref(), &[])?.write(template(args.stage))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_valid_base() {
        for stage in Stage::value_variants() {
            let base = csplan::input::parse(template(*stage))
                .unwrap_or_else(|e| panic!("{stage:?}: {}", e.render("init", template(*stage))));
            csplan::plan(&base, &Default::default()).unwrap();
        }
    }

    /// Every key a starter writes (or shows commented out) is a key of the key table, under a
    /// table that has it, and a range its comment states is the table's range.
    #[test]
    fn the_starters_write_the_key_tables_keys_and_ranges() {
        use csplan::input::ranges::{Expect, key};
        for stage in Stage::value_variants() {
            let mut table = String::new();
            for line in template(*stage).lines() {
                let line = line.trim();
                let code = line.strip_prefix('#').map_or(line, str::trim);
                if let Some(header) = code.strip_prefix('[') {
                    table = header
                        .trim_start_matches('[')
                        .split(']')
                        .next()
                        .unwrap()
                        .to_string();
                    continue;
                }
                let Some((name, rest)) = code.split_once('=') else {
                    continue;
                };
                let name = name.trim();
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    continue;
                }
                let found = key(&table, name)
                    .unwrap_or_else(|| panic!("{stage:?}: `{name}` is no key of [{table}]"));
                let Some((_, comment)) = rest.split_once('#') else {
                    continue;
                };
                let Some(range) = comment.split_whitespace().find(|w| w.contains("..=")) else {
                    continue;
                };
                let range = range.trim_end_matches([':', ',', ';']);
                if let Expect::Number(_) | Expect::Whole(_) = found.expect {
                    assert_eq!(
                        range,
                        found.expect.describe(),
                        "{stage:?}: [{table}] {name}"
                    );
                }
            }
        }
    }
}
