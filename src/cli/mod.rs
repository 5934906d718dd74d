//! The binary's commands: parse arguments, read inputs, call the library, write results, and
//! map every outcome to an exit code (SPEC §1): 0 success, 1 a requested gate failed, 2 usage
//! or input error — with nothing on stdout.

mod args;
mod diff;
mod generate;
mod health;
mod init;
mod io;
mod keys;
mod output;
mod review;
mod schema;
mod simulate;
mod temp;
mod term;

use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use csplan::model::{Base, Stance};
use csplan::plan::Plan;
use csplan::render::fit::{fold, hang};
use csplan::render::{self, RenderOptions};
use csplan::rules::{RULE_BOOK, RuleInfo};
use csplan::{PlanError, PlanOptions, input};

use args::{CheckArgs, Cli, Command, ExplainArgs, FormatArg, PlanArgs, StanceArg};
use io::{Sink, display_name, print_error, read_input};
use term::ChartKind;

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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if let Some(message) = file_as_command(&e) {
                print_error(&message);
                return ExitCode::from(2);
            }
            return clap_exit(&e);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Input(message)) => {
            print_error(&message);
            ExitCode::from(2)
        }
    }
}

/// What clap stopped at: a usage error (on stderr, exit 2), or `--help` and `--version`,
/// written to stdout like any result, so that a failed write is exit 2 too.
fn clap_exit(e: &clap::Error) -> ExitCode {
    if e.use_stderr() {
        // clap echoes the arguments it refuses: when one holds anything a terminal acts on, the
        // message goes out uncoloured and escaped.
        let hostile = std::env::args_os().any(|arg| {
            let text = arg.to_string_lossy();
            io::escape_message(&text) != text
        });
        if hostile {
            print_error(&io::escape_message(&e.render().to_string()));
        } else {
            let _ = e.print();
        }
        return ExitCode::from(2);
    }
    let mut text = Vec::new();
    let written = {
        use std::io::Write as _;
        let mut styled = anstream::AutoStream::new(&mut text, term::stdout_colour());
        write!(styled, "{}", e.render().ansi())
    };
    match written
        .map_err(anyhow::Error::from)
        .and_then(|()| io::write_stdout(&text))
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&format!("error: {e:#}\n"));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    io::set_quiet(cli.quiet);
    match cli.command {
        Command::Plan(args) => plan(&args),
        Command::Check(args) => check(&args),
        Command::Explain(args) => explain(&args),
        Command::Health(args) => health::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Review(args) => review::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => generate::completions(&args),
        Command::Man(args) => generate::man(&args),
    }
}

/// `csplan base.toml`: a file given where a command goes. The usual intent is to plan it.
fn file_as_command(error: &clap::Error) -> Option<String> {
    if error.kind() != clap::error::ErrorKind::InvalidSubcommand {
        return None;
    }
    let first = std::env::args_os().nth(1)?;
    let path = Path::new(&first);
    let looks_like_a_base = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("json"));
    if !looks_like_a_base && !path.is_file() {
        return None;
    }
    let name = path.display();
    Some(format!(
        "error: `{name}` is a file, not a command: to plan it, run `csplan plan {name}`\n\
         (`csplan check {name}` validates it; `csplan --help` lists the commands)\n"
    ))
}

/// A base and the text it was read from (to point at lines in later errors).
struct Loaded {
    base: Base,
    /// The base file's `[health]` settings, for account data.
    health: csplan::health::HealthConfig,
    source: String,
    name: String,
}

/// Reads and validates a base; input errors come back rendered with file, line and caret.
fn load_base(path: &Path) -> Result<Loaded, Failure> {
    match String::from_utf8(read_input(path)?) {
        // UTF-8 text (as every base the reader takes is) is kept as read, not copied.
        Ok(source) => {
            let read = input::read_bytes(source.as_bytes());
            loaded(path, read, source)
        }
        Err(e) => base_from_bytes(path, e.as_bytes()),
    }
}

/// Validates a base already read from `path`.
fn base_from_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, Failure> {
    // Lossy only for showing a line: `read_bytes` refuses text that is not UTF-8.
    let source = String::from_utf8_lossy(bytes).into_owned();
    loaded(path, input::read_bytes(bytes), source)
}

/// The base `read` from `source`, or its errors rendered against it.
fn loaded(
    path: &Path,
    read: Result<input::BaseFile, input::InputError>,
    source: String,
) -> Result<Loaded, Failure> {
    let name = display_name(path);
    match read {
        Ok(file) => Ok(Loaded {
            base: file.base,
            health: file.health,
            source,
            name,
        }),
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
    // Where each output goes is checked first: an output over an input is the first thing to
    // say, whatever its name.
    let (sink, chart) = term::plan_sinks(args, &inputs)?;
    // `-o plan.png` (or `.svg`): the chart is the output.
    let chart_output = match args.output.as_deref() {
        Some(path) if output::names_chart(Some(path)) => {
            refuse_chart_output(args, path)?;
            term::chart_kind(path)
        }
        _ => None,
    };
    let format = match chart_output {
        Some(_) => FormatArg::Table,
        None => output::resolve(args.format, args.output.as_deref(), FormatArg::Table)?,
    };
    output::refuse_binary(format, &sink)?;
    let loaded = load_base(&args.file)?;
    let base = &loaded.base;
    simulate::note_ranges(base, &args.file);
    let options = PlanOptions {
        months: args.months,
        stance: args.stance.map(stance),
        within_budget: args.within_budget,
    };
    if args.compare_stances {
        let comparison = csplan::compare::compare_stances(base, &options)
            .map_err(|e| plan_failure(&loaded, &e))?;
        output::write_rendered(&sink, format, "Stances", &comparison, term::plain(&sink))?;
        return Ok(ExitCode::SUCCESS);
    }
    let monthly = match &args.accounts {
        Some(accounts) => health::plan(&args.file, &loaded, &options, accounts, args.as_of)?,
        // Only JSON and CSV show a row per segment and period.
        None if matches!(
            format.text(),
            Some(render::Format::Json | render::Format::Csv)
        ) =>
        {
            plan_loaded(&loaded, &options)?
        }
        None => summary_loaded(&loaded, &options)?,
    };
    let over_cap = monthly.timeline.iter().any(|r| r.over_cap);
    let shown = monthly.in_periods(args.period.kind());
    match chart {
        Some((sink, ChartKind::Svg)) => sink.write(&render::render_chart(&shown))?,
        Some((sink, ChartKind::Png)) => sink.write_bytes(&render::render_chart_png(&shown))?,
        None => {}
    }
    match (chart_output, format.text()) {
        (Some(ChartKind::Svg), _) => sink.write(&render::render_chart(&shown))?,
        (Some(ChartKind::Png), _) => sink.write_bytes(&render::render_chart_png(&shown))?,
        (None, Some(text)) => {
            // What csplan writes, `csplan diff` reads: refused before a byte is written.
            csplan::render::size::check_output(&shown, text).map_err(|e| anyhow::anyhow!(e))?;
            let options = RenderOptions {
                colour: term::colour(args.color, &sink),
                width: term::width(&sink),
            };
            sink.write_with(|out| render::write_with(&shown, text, options, out))?;
        }
        (None, None) => {
            let workbook = render::xlsx::plan_workbook(&monthly, args.period.kind())
                .map_err(anyhow::Error::from)?;
            sink.write_bytes(&workbook)?;
        }
    }
    let code = if args.fail_over_cap && over_cap {
        print_error(&over_cap_message(&monthly));
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends once this returns: the plan and the base are left for its exit to
    // free, not freed one allocation at a time (some 3% of a 10,000-segment table's time).
    std::mem::forget(shown);
    std::mem::forget(monthly);
    std::mem::forget(loaded);
    Ok(code)
}

/// What `--fail-over-cap` says when it fails: how many months break the cap, which (the first
/// few), by how much, and the worst.
fn over_cap_message(plan: &Plan) -> String {
    const SHOWN: usize = 6;
    let cap = plan.assumptions.csm_spend_cap;
    let over: Vec<&csplan::plan::Row> = plan.timeline.iter().filter(|r| r.over_cap).collect();
    let how_far = |row: &csplan::plan::Row| match row.csm_spend_ratio {
        Some(ratio) => format!(
            "{} at {} (+{} pts)",
            row.period,
            csplan::format::percent(ratio),
            csplan::format::round_to((ratio - cap) * 100.0, 1)
        ),
        None => format!("{} with CSMs and no ARR", row.period),
    };
    let mut listed: Vec<String> = over.iter().take(SHOWN).map(|r| how_far(r)).collect();
    if over.len() > SHOWN {
        listed.push(format!("and {} more", over.len() - SHOWN));
    }
    let worst = over
        .iter()
        .filter(|r| r.csm_spend_ratio.is_some())
        .max_by(|a, b| {
            a.csm_spend_ratio
                .partial_cmp(&b.csm_spend_ratio)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    let worst = match worst {
        Some(row) if over.len() > SHOWN => format!("; worst {}", how_far(row)),
        _ => String::new(),
    };
    format!(
        "csplan: CSM spend breaks the {} cap in {} month{}: {}{worst} (--fail-over-cap)\n",
        csplan::format::percent(cap),
        over.len(),
        if over.len() == 1 { "" } else { "s" },
        listed.join(", ")
    )
}

/// `-o plan.png` draws the chart into the file: refused with an option that writes something
/// else instead (`--format`, `--simulate`, `--compare-stances`).
pub(crate) fn refuse_chart_output(args: &PlanArgs, path: &Path) -> anyhow::Result<()> {
    let file = display_name(path);
    let other = if let Some(format) = args.format {
        let name = format
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string());
        Some(format!("--format {name}"))
    } else if args.simulate.is_some() {
        Some("--simulate".to_string())
    } else if args.compare_stances {
        Some("--compare-stances".to_string())
    } else {
        None
    };
    if let Some(other) = other {
        anyhow::bail!(
            "-o {file} names an image, so it gets the chart, which {other} does not write: \
             drop {other}, or name the file .txt (or none), .json, .csv, .md or .xlsx"
        );
    }
    Ok(())
}

/// Plans a loaded base; a plan too large to make is an input error, shown at its line.
fn plan_loaded(loaded: &Loaded, options: &PlanOptions) -> Result<Plan, Failure> {
    csplan::plan(&loaded.base, options).map_err(|e| plan_failure(loaded, &e))
}

/// [`plan_loaded`] without the per-segment rows, for an output that does not show them.
fn summary_loaded(loaded: &Loaded, options: &PlanOptions) -> Result<Plan, Failure> {
    csplan::plan_summary(&loaded.base, options).map_err(|e| plan_failure(loaded, &e))
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
    csplan::check_plan(&loaded.base, &PlanOptions::default())
        .map_err(|e| plan_failure(&loaded, &e))?;
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
    // Folded four columns short of the prose width (96 at the default 100).
    let width = csplan::render::fit::prose_width(term::width(&Sink::Stdout)) - 4;
    if args.keys {
        Sink::Stdout.write(&keys::input_keys(width))?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.sources {
        let text = csplan::rules::sources::SOURCES
            .iter()
            .map(|s| {
                let mut text = fold(&format!("{} — {}\n", s.id, s.title), width);
                text.push_str(&hang("file:    ", &format!("seeds/{}", s.file), width));
                text.push_str(&hang("gives:   ", s.contributes, width));
                text
            })
            .collect::<Vec<_>>()
            .join("\n");
        Sink::Stdout.write(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
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
    // One rule: its role's KPIs beside it. The whole book: each role's KPIs once, at the end,
    // with the rules that staff the role.
    let one = rules.len() == 1;
    let mut text = rules
        .iter()
        .map(|r| explain_one(r, one, width))
        .collect::<Vec<_>>()
        .join("\n");
    if !one {
        text.push('\n');
        text.push_str(&fold(
            "KPIs of the roles the rules staff (first-cs-org), once per role:\n",
            width,
        ));
        for (role, kpis) in csplan::rules::KPI_ROLES {
            let staffing: Vec<&str> = rules
                .iter()
                .filter(|r| r.kpis == Some(*kpis))
                .map(|r| r.id)
                .collect();
            if staffing.is_empty() {
                continue;
            }
            let label = format!("{role}: ");
            text.push_str(&hang(
                &label,
                &format!("{kpis}. Rules: {}", staffing.join(", ")),
                width,
            ));
        }
    }
    Sink::Stdout.write(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn explain_one(rule: &RuleInfo, with_kpis: bool, width: usize) -> String {
    let mut text = format!("{} — {}\n", rule.id, rule.source);
    text.push_str(&hang("figures: ", &(rule.figures)(), width));
    text.push_str(&hang("rule:    ", &(rule.summary)(), width));
    if with_kpis && let Some(kpis) = rule.kpis {
        text.push_str(&hang("KPIs:    ", kpis, width));
    }
    text
}
