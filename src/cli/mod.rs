//! The binary's commands: parse arguments, read inputs, call the library, write results, and
//! map every outcome to an exit code (SPEC §1): 0 success, 1 a requested gate failed, 2 usage
//! or input error — with nothing on stdout.

mod args;
mod diff;
mod generate;
mod health;
mod init;
// `io::read_text` has no caller since accounts files are read as bytes (`health.rs`), so that
// an encoding problem is shown at its line and column.
#[allow(dead_code)]
mod io;
mod schema;
mod simulate;
mod term;

use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use csplan::model::{Base, Stance};
use csplan::plan::Plan;
use csplan::render::{self, RenderOptions};
use csplan::rules::{RULE_BOOK, RuleInfo};
use csplan::{PlanError, PlanOptions, input};

use args::{CheckArgs, Cli, Command, ExplainArgs, PeriodArg, PlanArgs, StanceArg};
use io::{Sink, display_name, print_error, read_input};

/// A failure, already worded for a person, with its exit code.
pub enum Failure {
    /// Usage or input error: exit 2.
    Input(String),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Input(format!("error: {e:#}\n"))
    }
}

/// Runs csplan and returns its exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Input(message)) => {
            print_error(&message);
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Plan(args) => plan(&args),
        Command::Check(args) => check(&args),
        Command::Explain(args) => explain(&args),
        Command::Health(args) => health::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => generate::completions(&args),
        Command::Man(args) => generate::man(&args),
    }
}

/// A base and the text it was read from (to point at lines in later errors).
struct Loaded {
    base: Base,
    source: String,
    name: String,
}

/// Reads and validates a base; input errors come back rendered with file, line and caret.
fn load_base(path: &Path) -> Result<Loaded, Failure> {
    base_from_bytes(path, &read_input(path)?)
}

/// Validates a base already read from `path`.
fn base_from_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, Failure> {
    let name = display_name(path);
    // Lossy only for showing a line: `parse_bytes` refuses text that is not UTF-8.
    let source = String::from_utf8_lossy(bytes).into_owned();
    match input::parse_bytes(bytes) {
        Ok(base) => Ok(Loaded { base, source, name }),
        Err(e) => Err(Failure::Input(e.render(&name, &source))),
    }
}

/// A base that cannot be planned (it grows past csplan's limits) is an input error: shown at
/// the segment or key it is about.
fn plan_failure(loaded: &Loaded, error: &PlanError) -> Failure {
    let span = error
        .key()
        .and_then(|key| input::locate(&loaded.source, key));
    let diagnostic =
        input::Diagnostic::new(span, error.key().map(str::to_string), error.to_string());
    Failure::Input(diagnostic.render(&loaded.name, &loaded.source))
}

fn plan(args: &PlanArgs) -> Result<ExitCode, Failure> {
    if let Some(runs) = args.simulate {
        return simulate::run(args, runs);
    }
    let mut inputs = vec![args.file.as_path()];
    inputs.extend(args.accounts.as_deref());
    health::refuse_two_stdins(&inputs)?;
    let sink = Sink::new(args.output.as_deref(), &inputs)?;
    let chart = term::chart_sink(args)?;
    let loaded = load_base(&args.file)?;
    let base = &loaded.base;
    simulate::note_ranges(base, &args.file);
    let options = PlanOptions {
        months: args.months,
        stance: args.stance.map(stance),
    };
    if args.compare_stances {
        let comparison = csplan::compare::compare_stances(base, &options)
            .map_err(|e| plan_failure(&loaded, &e))?;
        sink.write(&csplan::compare::render_comparison(
            &comparison,
            args.format.format(),
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let monthly = match &args.accounts {
        Some(accounts) => health::plan(&args.file, base, &options, accounts, args.as_of)?,
        None => plan_loaded(&loaded, &options)?,
    };
    let over_cap = monthly.timeline.iter().any(|r| r.over_cap);
    let shown: Plan = match args.period {
        PeriodArg::Month => monthly,
        PeriodArg::Quarter => monthly.by_quarter(),
    };
    if let Some(chart) = chart {
        chart.write(&render::render_chart(&shown))?;
    }
    let options = RenderOptions {
        colour: term::colour(args.color, &sink),
    };
    sink.write(&render::render_with(&shown, args.format.format(), options))?;
    if args.fail_over_cap && over_cap {
        print_error("csplan: CSM spend breaks the cap in at least one month (--fail-over-cap)\n");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Plans a loaded base; a plan too large to make is an input error, shown at its line.
fn plan_loaded(loaded: &Loaded, options: &PlanOptions) -> Result<Plan, Failure> {
    csplan::plan(&loaded.base, options).map_err(|e| plan_failure(loaded, &e))
}

fn stance(arg: StanceArg) -> Stance {
    match arg {
        StanceArg::Lean => Stance::Lean,
        StanceArg::Balanced => Stance::Balanced,
        StanceArg::Ahead => Stance::Ahead,
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let loaded = load_base(&args.file)?;
    // A base the planner refuses (it grows past csplan's limits) does not pass the check.
    csplan::plan(&loaded.base, &PlanOptions::default()).map_err(|e| plan_failure(&loaded, &e))?;
    let c = &loaded.base.company;
    let segments = loaded.base.segments.len();
    Sink::Stdout.write(&format!(
        "ok: {}: {}, {segments} segment{}, {} months, {} stance\n",
        loaded.name,
        c.name,
        if segments == 1 { "" } else { "s" },
        c.horizon_months,
        c.stance
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn explain(args: &ExplainArgs) -> Result<ExitCode, Failure> {
    let rules: Vec<&RuleInfo> = match &args.rule {
        None => RULE_BOOK.iter().collect(),
        Some(id) => {
            let Some(rule) = RULE_BOOK.iter().find(|r| r.id == id.as_str()) else {
                let ids = RULE_BOOK.iter().map(|r| r.id);
                let hint = input::nearest(id, ids)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                let all = RULE_BOOK
                    .iter()
                    .map(|r| r.id)
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Failure::Input(format!(
                    "error: unknown rule `{id}`{hint}\nrules: {all}\n"
                )));
            };
            vec![rule]
        }
    };
    let text = rules
        .iter()
        .map(|r| explain_one(r))
        .collect::<Vec<_>>()
        .join("\n");
    Sink::Stdout.write(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn explain_one(rule: &RuleInfo) -> String {
    let mut text = format!("{} — {}\n", rule.id, rule.source);
    text.push_str(&wrap("figures: ", rule.figures));
    text.push_str(&wrap("rule:    ", rule.summary));
    if let Some(kpis) = rule.kpis {
        text.push_str(&wrap("KPIs:    ", kpis));
    }
    text
}

/// `label` then `text` folded at 96 columns, continuation lines indented under the text.
fn wrap(label: &str, text: &str) -> String {
    const WIDTH: usize = 96;
    let indent = " ".repeat(2 + label.chars().count());
    let mut out = format!("  {label}");
    let mut column = out.chars().count();
    let mut first = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !first && column + 1 + len > WIDTH {
            out.push('\n');
            out.push_str(&indent);
            column = indent.len();
        } else if !first {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
        first = false;
    }
    out.push('\n');
    out
}
