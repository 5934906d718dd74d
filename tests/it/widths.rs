//! Every line of the text output fits an 80-column terminal: the `--within-budget` segments'
//! table, the budget review (its title, its tables, monthly, quarterly and yearly) and
//! `explain --sources`. Drawn in process through the renderers at width 80, with one spawn
//! per command for `COLUMNS=80`.

use crate::common;

use csplan::PlanOptions;
use csplan::render::{Format, RenderOptions, render_with};
use csplan::review::{ReviewPeriod, review};

const WIDTH: usize = 80;

fn at_80() -> RenderOptions {
    RenderOptions {
        colour: false,
        width: WIDTH,
    }
}

/// The lines of `text` wider than 80 columns, with their width.
fn too_wide(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .map(|l| (l.chars().count(), l.to_string()))
        .filter(|(w, _)| *w > WIDTH)
        .collect()
}

fn base(name: &str) -> csplan::model::Base {
    let bytes = std::fs::read(format!("examples/{name}.toml")).unwrap();
    csplan::input::read_bytes(&bytes).unwrap().base
}

#[test]
fn the_within_budget_plan_fits_80_columns_for_every_example() {
    for name in common::examples() {
        let options = PlanOptions {
            within_budget: true,
            ..PlanOptions::default()
        };
        let plan = csplan::plan_summary(&base(&name), &options).unwrap();
        let text = render_with(&plan, Format::Table, at_80());
        assert!(text.contains("Segment"), "{name}: no segments' table");
        assert_eq!(too_wide(&text), vec![], "{name}");
    }
}

#[test]
fn the_budget_review_fits_80_columns_in_every_period() {
    let actuals = std::fs::read_to_string("examples/growth-actuals.csv").unwrap();
    let mut reviewed = 0;
    for name in common::examples() {
        let base = base(&name);
        let approved = csplan::plan(&base, &PlanOptions::default()).unwrap();
        let Ok(actuals) = csplan::review::read(&actuals, &approved, None) else {
            continue;
        };
        for period in [
            ReviewPeriod::Month,
            ReviewPeriod::Quarter,
            ReviewPeriod::Year,
        ] {
            let Ok(report) = review(&approved, &actuals, period, Some(&base)) else {
                continue;
            };
            let text = render_with(&report, Format::Table, at_80());
            assert!(text.starts_with("Budget review · "), "{name}");
            assert_eq!(too_wide(&text), vec![], "{name} {period:?}");
            reviewed += 1;
        }
    }
    assert!(reviewed >= 12, "only {reviewed} reviews drawn");
}

/// Stdout of `args` with `COLUMNS=80`.
fn at_80_columns(args: &[&str]) -> String {
    let out = common::csplan()
        .env("COLUMNS", "80")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn columns_80_reaches_each_command() {
    for args in [
        &["plan", "examples/growth.toml", "--within-budget"][..],
        &[
            "review",
            "examples/growth.toml",
            "examples/growth-actuals.csv",
            "--period",
            "quarter",
        ],
        &["explain", "--sources"],
    ] {
        let text = at_80_columns(args);
        assert!(!text.is_empty());
        assert_eq!(too_wide(&text), vec![], "{args:?}");
    }
    // The review's title takes two lines rather than passing the width.
    let text = at_80_columns(&[
        "review",
        "examples/growth.toml",
        "examples/growth-actuals.csv",
    ]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Budget review · Northwind Ops · balanced stance plan")
    );
    assert_eq!(
        lines.next(),
        Some("actuals 2027-01 to 2027-06 · monthly · USD")
    );
}
