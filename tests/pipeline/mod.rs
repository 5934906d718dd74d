//! The whole path a base takes — bytes → TOML → plan → every renderer, monthly, quarterly and
//! yearly, and the workbook — with the checks every outcome must pass; and the paths of the
//! other files csplan reads: a saved JSON plan (`diff`) and an accounts CSV (`health`,
//! `plan --accounts`). Shared by the stable mutation tests (`tests/it/mutations.rs`) and the
//! cargo-fuzz targets (`fuzz/fuzz_targets/`): a panic here is a crash to keep under
//! `tests/regressions/`.

#![allow(dead_code)]

use csplan::input::{self, InputError};
use csplan::model::Stance;
use csplan::plan::{PeriodKind, Plan};
use csplan::render::{self, Format};
use csplan::{PlanError, PlanOptions};

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Refused by the input checks.
    Refused,
    /// Read, but the planner refused it (too large).
    TooLarge,
    /// Planned and rendered.
    Planned,
}

/// Every output format csplan renders. The match fails to compile when a format is added,
/// so that the fuzzer learns about it.
pub fn every_format() -> Vec<Format> {
    let all = vec![Format::Table, Format::Json, Format::Csv, Format::Markdown];
    for format in &all {
        match format {
            Format::Table | Format::Json | Format::Csv | Format::Markdown => {}
        }
    }
    all
}

/// Runs `bytes` through csplan. The stance is picked from the input's length so that every
/// stance gets its share of inputs.
pub fn run(bytes: &[u8]) -> Outcome {
    let source = String::from_utf8_lossy(bytes);
    let base = match input::parse_bytes(bytes) {
        Ok(base) => base,
        Err(error) => {
            check_refusal(&error, &source, bytes.len());
            return Outcome::Refused;
        }
    };
    let stance = [
        None,
        Some(Stance::Lean),
        Some(Stance::Balanced),
        Some(Stance::Ahead),
    ][bytes.len() % 4];
    let options = PlanOptions {
        months: None,
        stance,
        within_budget: false,
    };
    let plan = match csplan::plan(&base, &options) {
        Ok(plan) => plan,
        Err(error) => {
            check_plan_error(&error, &source);
            return Outcome::TooLarge;
        }
    };
    check_plan(&plan);
    let again = csplan::plan(&base, &options).expect("planned once, plans twice");
    assert_eq!(again, plan, "the same base planned twice differs");
    for format in every_format() {
        let text = render::render(&plan, format);
        assert_eq!(
            text,
            render::render(&again, format),
            "the same base gives other bytes"
        );
    }
    // The workbook: written whatever the names hold (its bytes are checked in tests/it/xlsx.rs).
    let workbook = render::xlsx::plan_workbook(&plan, PeriodKind::Quarter)
        .expect("every plannable base gives a workbook");
    assert!(workbook.starts_with(b"PK"));
    for shown in [plan.clone(), plan.by_quarter(), plan.by_year()] {
        for format in every_format() {
            assert!(!render::render(&shown, format).is_empty());
        }
        assert!(render::render_chart(&shown).starts_with("<svg"));
        let json = render::render(&shown, Format::Json);
        let back: Plan = serde_json::from_str(&json).expect("the JSON plan parses back");
        assert_eq!(back, shown, "JSON → parse gives another plan");
        // No plan csplan writes is refused by its own `diff`.
        if let Err(e) = csplan::diff::check_saved_plan(&back) {
            panic!("diff refuses a plan csplan wrote: {e}");
        }
        check_plan(&shown);
    }
    Outcome::Planned
}

/// An input error: at least one message, each rendered with its place.
fn check_refusal(error: &InputError, source: &str, len: usize) {
    assert!(
        !error.diagnostics.is_empty(),
        "an input error without a message"
    );
    assert!(error.diagnostics.len() <= input::MAX_DIAGNOSTICS);
    let text = error.render("fuzz.toml", source);
    assert!(text.starts_with("error: fuzz.toml"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control character in {text:?}"
    );
    // Whatever the input, a message stays readable: no line of it runs to pages.
    assert!(
        text.lines().all(|l| l.chars().count() <= 1_000),
        "a message line of {} characters",
        text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
    );
    for d in &error.diagnostics {
        // Every problem but the size limit has a place.
        if len <= input::MAX_INPUT_BYTES {
            assert!(d.span.is_some(), "no place for {:?}", d.message);
        }
    }
}

/// A planner refusal of a parsed base is always "too large", and names where to look.
fn check_plan_error(error: &PlanError, source: &str) {
    assert!(
        matches!(error, PlanError::TooLarge { .. }),
        "a parsed base was refused as invalid: {error}"
    );
    let key = error.key().expect("a too-large base names its segment");
    assert!(
        input::locate(source, key).is_some(),
        "{key} is not in the file"
    );
}

/// No NaN or infinity anywhere in the plan (every float field, via its TOML form), and the
/// totals equal the sums of their rows within rounding: a total is the unrounded months summed
/// and rounded once, each row rounded on its own (at most half a unit a row apart).
pub fn check_plan(plan: &Plan) {
    let value = toml::Value::try_from(plan).expect("a plan converts to TOML values");
    assert_finite(&value, "plan");
    let t = &plan.totals;
    let sum = |f: fn(&csplan::plan::Row) -> i64| plan.timeline.iter().map(f).sum::<i64>();
    // A quarter row sums its months as rounded: the bound counts months, not rows.
    let rows = i64::from(plan.assumptions.horizon_months);
    let near = |total: i64, summed: i64, what: &str| {
        assert!(
            (total - summed).abs() <= rows / 2 + 2,
            "{what} total {total} against the rows' {summed}"
        );
    };
    near(t.cs_cost, sum(|r| r.cs_cost), "cs_cost");
    near(t.churned_arr, sum(|r| r.churned_arr), "churned");
    near(t.expanded_arr, sum(|r| r.expanded_arr), "expanded");
    near(t.new_arr, sum(|r| r.new_arr), "new ARR");
    near(t.cogs, sum(|r| r.cogs), "COGS");
    near(t.sales_marketing, sum(|r| r.sales_marketing), "S&M");
    assert_eq!(
        t.periods_over_cap as usize,
        plan.timeline.iter().filter(|r| r.over_cap).count()
    );
}

fn assert_finite(value: &toml::Value, at: &str) {
    match value {
        toml::Value::Float(f) => assert!(f.is_finite(), "{at} = {f}"),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_finite(item, &format!("{at}[{i}]"));
            }
        }
        toml::Value::Table(table) => {
            for (key, item) in table {
                assert_finite(item, &format!("{at}.{key}"));
            }
        }
        _ => {}
    }
}

/// Runs `bytes` as a saved JSON plan, the way `csplan diff` reads one: decoded (UTF-16 named,
/// a byte-order mark skipped), parsed, checked; a plan that passes is compared with itself
/// and rendered, monthly and quarterly. Whatever is refused says so without a control
/// character.
pub fn run_saved_plan(bytes: &[u8]) -> Outcome {
    let text = match input::decode(bytes) {
        Ok(text) => text,
        Err(d) => {
            check_message(&d.render("plan.json", &String::from_utf8_lossy(bytes)));
            return Outcome::Refused;
        }
    };
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plan: Plan = match serde_json::from_str(json) {
        Ok(plan) => plan,
        Err(e) => {
            check_message(&csplan::text::escaped(&e.to_string()));
            return Outcome::Refused;
        }
    };
    if let Err(e) = csplan::diff::check_saved_plan(&plan) {
        check_message(&e.to_string());
        return Outcome::Refused;
    }
    for shown in [plan.clone(), plan.by_quarter()] {
        let diff = csplan::diff::diff(&shown, &shown).expect("a plan compares with itself");
        assert!(!diff.cost_rose_more_than(0.0), "a plan against itself rose");
        for format in every_format() {
            check_printable(&render::render(&diff, format));
            check_printable(&render::render(&shown, format));
        }
    }
    Outcome::Planned
}

/// Runs `bytes` as an accounts CSV, the way `csplan health` and `plan --accounts` read one:
/// scored with the default settings, rendered in every format, and planned with
/// `examples/growth.toml` when its segments are the base's.
pub fn run_accounts(bytes: &[u8], base: &csplan::model::Base) -> Outcome {
    use csplan::health::{AssessOptions, Date, HealthConfig, assess};
    use csplan::render::{HealthFormat, render_health};
    let lossy = String::from_utf8_lossy(bytes);
    let source = match input::decode(bytes) {
        Ok(text) => text,
        Err(d) => {
            check_message(&d.render("accounts.csv", &lossy));
            return Outcome::Refused;
        }
    };
    let config = HealthConfig {
        as_of: Some("2027-01-01".parse::<Date>().expect("a date")),
        ..HealthConfig::default()
    };
    let names: Vec<String> = base.segments.iter().map(|s| s.name.clone()).collect();
    let mut outcome = Outcome::Refused;
    for segments in [None, Some(names.as_slice())] {
        let options = AssessOptions {
            currency: "USD",
            segments,
        };
        match assess(source, &config, &options) {
            Err(e) => {
                assert!(
                    !e.diagnostics.is_empty(),
                    "an accounts error without a message"
                );
                check_message(&e.render("accounts.csv", source));
            }
            Ok(report) => {
                for format in [HealthFormat::Table, HealthFormat::Json, HealthFormat::Csv] {
                    check_printable(&render_health(&report, format));
                }
                if segments.is_some()
                    && let Ok(plan) =
                        csplan::health::plan_with_accounts(base, &PlanOptions::default(), &report)
                {
                    check_plan(&plan);
                }
                outcome = Outcome::Planned;
            }
        }
    }
    outcome
}

/// A message: starts with `error:`, no control character but line breaks, no line that runs
/// to pages.
fn check_message(text: &str) {
    assert!(!text.is_empty(), "an empty message");
    check_printable(text);
    assert!(
        text.lines().all(|l| l.chars().count() <= 1_000),
        "a message line of {} characters",
        text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
    );
}

/// Text csplan prints: no control character but line ends and tabs, no bidirectional
/// control, no invisible character (a byte-order mark included).
fn check_printable(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| !matches!(c, '\n' | '\r' | '\t') && csplan::text::unsafe_kind(c).is_some()),
        "an unsafe character in {text:?}"
    );
}
