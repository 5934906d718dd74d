//! `csplan health` and `plan --accounts` end to end: the example as golden snapshots, scores
//! worked out by hand, bad rows refused with their row and column, nothing half-written.

use std::path::Path;

use csplan::health::{
    AssessOptions, Colour, HealthConfig, HealthReport, HireMove, Phase, Playbook, assess,
};
use csplan::plan::Plan;
use predicates::prelude::*;
use proptest::prelude::*;

use crate::common;

use common::{csplan, scratch, stdout_of};

const ACCOUNTS: &str = "examples/growth-accounts.csv";
const BASE: &str = "examples/growth.toml";

#[test]
fn the_example_reports_as_its_snapshot() {
    let args = ["health", ACCOUNTS, "--base", BASE];
    insta::assert_snapshot!("growth-health-table", stdout_of(&args));
    insta::assert_snapshot!(
        "growth-health-csv",
        stdout_of(&[&args[..], &["--format", "csv"]].concat())
    );
    insta::assert_snapshot!(
        "growth-plan-accounts-table",
        stdout_of(&["plan", BASE, "--accounts", ACCOUNTS])
    );
    insta::assert_snapshot!(
        "growth-plan-accounts-json",
        stdout_of(&["plan", BASE, "--accounts", ACCOUNTS, "--format", "json"])
    );
}

#[test]
fn the_json_report_carries_every_account_and_every_segment() {
    let json = stdout_of(&["health", ACCOUNTS, "--base", BASE, "--format", "json"]);
    let report: HealthReport = serde_json::from_str(&json).unwrap();
    assert_eq!(report.accounts.len(), 278);
    let names: Vec<&str> = report.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["SMB", "Mid-market", "Enterprise"]);
    // Each segment's colours add up to its accounts and ARR; the segments to the totals.
    for s in &report.segments {
        let r = &s.rollup;
        let c = &r.colours;
        assert_eq!(
            c.green.accounts + c.yellow.accounts + c.red.accounts,
            r.accounts
        );
        assert_eq!(c.green.arr + c.yellow.arr + c.red.arr, r.arr);
        assert_eq!(r.arr_at_risk, c.red.arr);
        assert!(s.top_at_risk.len() <= 5);
    }
    let sum: u32 = report.segments.iter().map(|s| s.rollup.accounts).sum();
    assert_eq!(sum, report.totals.accounts);
    // Round trip: the JSON re-read is the same report, and renders to the same bytes.
    let again = serde_json::to_string_pretty(&report).unwrap() + "\n";
    assert_eq!(again, json);
}

#[test]
fn the_same_files_give_the_same_bytes() {
    for format in ["table", "json", "csv"] {
        let args = ["health", ACCOUNTS, "--base", BASE, "--format", format];
        assert_eq!(stdout_of(&args), stdout_of(&args), "{format}");
    }
    let plan = ["plan", BASE, "--accounts", ACCOUNTS, "--format", "json"];
    assert_eq!(stdout_of(&plan), stdout_of(&plan));
}

/// A base whose `[health]` table changes the columns, weights, thresholds, NPS scale and churn.
const HAND_BASE: &str = r#"
[company]
name = "Hand Co"
start = "2027-01"
horizon_months = 12

[[segment]]
name = "SMB"
customers = 3
arpa = 2000
annual_churn = 0.10

[health]
green_at = 75
red_below = 50
nps_scale = "rating"

[health.columns]
account = "Customer"
usage = "Adoption"

[health.weights]
usage = 0.5
nps = 0.25
outcome = 0.25

[health.churn]
green = 0.02
yellow = 0.10
red = 0.40
"#;

const HAND_ACCOUNTS: &str = "Customer,segment,arr,Adoption,nps,outcome,renewal_date\n\
A,SMB,1000,0.9,9,yes,2027-02-15\n\
B,SMB,2000,0.6,7,no,2027-03-01\n\
C,SMB,3000,0.2,3,,2027-06-01\n";

fn hand_files() -> common::Scratch {
    let dir = scratch("hand");
    dir.write("base.toml", HAND_BASE);
    dir.write("accounts.csv", HAND_ACCOUNTS);
    dir
}

#[test]
fn scores_match_the_hand_computation() {
    let dir = hand_files();
    let json = stdout_of(&[
        "health",
        &dir.file("accounts.csv"),
        "--base",
        &dir.file("base.toml"),
        "--format",
        "json",
    ]);
    let report: HealthReport = serde_json::from_str(&json).unwrap();
    let [a, b, c] = &report.accounts[..] else {
        panic!("three accounts")
    };
    // A: usage 0.9, NPS rating 9 → promoter 1, outcome yes 1:
    //    0.5·0.9 + 0.25·1 + 0.25·1 = 0.95 → 95.0, green (≥ 75).
    assert_eq!((a.score, a.colour), (95.0, Colour::Green));
    // B: usage 0.6, rating 7 → passive 0.5, outcome no 0:
    //    0.5·0.6 + 0.25·0.5 + 0 = 0.425 → 42.5, red (< 50).
    assert_eq!((b.score, b.colour), (42.5, Colour::Red));
    // C: usage 0.2, rating 3 → detractor 0, outcome unknown: usage and NPS share its weight,
    //    0.5 and 0.25 → 2/3 and 1/3: (2/3)·0.2 + 0 = 0.1333 → 13.3, red.
    assert_eq!((c.score, c.colour), (13.3, Colour::Red));
    assert_eq!(c.missing, [csplan::health::Signal::Outcome]);
    // Playbooks: A is green with usage ≥ 0.8 (room to grow) → expansion; B, C red → escalation.
    assert_eq!(a.playbook, Some(Playbook::Expansion));
    assert_eq!(b.playbook, Some(Playbook::Escalation));
    assert_eq!(c.playbook, Some(Playbook::Escalation));
    // As of 2027-01-01 (the start month): A renews in 31 + 14 = 45 days, B in 31 + 28 = 59,
    // both within 90 → renewal phase; C in 151 days, usage 0.2 < 0.5 → adoption.
    assert_eq!(
        (a.days_to_renewal, a.phase),
        (Some(45), Some(Phase::Renewal))
    );
    assert_eq!(
        (b.days_to_renewal, b.phase),
        (Some(59), Some(Phase::Renewal))
    );
    assert_eq!(
        (c.days_to_renewal, c.phase),
        (Some(151), Some(Phase::Adoption))
    );

    let smb = &report.segments[0];
    let r = &smb.rollup;
    // Churn by colour 2% / 10% / 40%: (0.02 + 0.40 + 0.40) / 3 = 0.2733.
    assert_eq!(r.implied_annual_churn, 0.2733);
    // ARR expected to churn: 1000·0.02 + 2000·0.40 + 3000·0.40 = 20 + 800 + 1200 = 2020.
    assert_eq!(r.expected_churned_arr, 2020);
    // Red ARR 2000 + 3000; red and renewing within 90 days: B only.
    assert_eq!(r.arr_at_risk, 5000);
    assert_eq!((r.red_renewing, r.red_renewing_arr), (1, 2000));
    assert_eq!(smb.renewing_red, ["B"]);
    // Mean score (95.0 + 42.5 + 13.3) / 3 = 50.27 → 50.3. At risk: red first, larger ARR first.
    assert_eq!(r.mean_score, 50.3);
    assert_eq!(smb.top_at_risk, ["C", "B"]);
    assert_eq!(r.colours.red.share, 0.6667);
    assert_eq!(r.colours.green.arr_share, Some(0.1667));

    // The plan takes the implied 27.33% instead of the typed 10%, and shows both.
    let json = stdout_of(&[
        "plan",
        &dir.file("base.toml"),
        "--accounts",
        &dir.file("accounts.csv"),
        "--format",
        "json",
    ]);
    let plan: Plan = serde_json::from_str(&json).unwrap();
    let s = &plan.assumptions.segments[0];
    assert_eq!((s.annual_churn, s.typed_annual_churn), (0.2733, Some(0.1)));
    let table = stdout_of(&[
        "plan",
        &dir.file("base.toml"),
        "--accounts",
        &dir.file("accounts.csv"),
    ]);
    assert!(
        table.contains("27.3% churn/yr from accounts (typed 10.0%)"),
        "{table}"
    );
}

#[test]
fn the_library_scores_without_files() {
    let config = HealthConfig::default();
    // usage 0.5 and tickets 6: weights 0.3 and 0.1 → 0.75 and 0.25; tickets 6 lies halfway
    // between 2 (full) and 10 (zero) → 0.5. Score 0.75·0.5 + 0.25·0.5 = 0.5 → 50.0, yellow.
    let csv = "account,segment,arr,usage,tickets\nA,S,100,0.5,6\n";
    let report = assess(csv, &config, &AssessOptions::default()).unwrap();
    assert_eq!(report.accounts[0].score, 50.0);
    assert_eq!(report.accounts[0].colour, Colour::Yellow);
    assert_eq!(report.segments[0].rollup.implied_annual_churn, 0.2);
    assert_eq!(report.as_of, None);
}

#[test]
fn the_health_table_sets_every_figure_and_defaults_the_rest() {
    let file = csplan::input::read(
        r#"
        [company]
        name = "A"
        start = "2027-04"
        [[segment]]
        name = "S"
        arpa = 1000
        annual_churn = 0.1
        [health]
        usage_target = 20
        csat_scale = "percent"
        tickets_good = 1
        tickets_bad = 5
        ttv_good_days = 14
        ttv_bad_days = 60
        renewal_window_days = 60
        top_at_risk = 3
        low_usage = 0.4
        expansion_usage = 0.9
        onboarding_days = 30
        [health.columns]
        time_to_value = "TTV"
        "#,
    )
    .unwrap();
    let h = &file.health;
    // No as_of: the first day of the start month.
    assert_eq!(
        h.as_of.map(|d| d.to_string()).as_deref(),
        Some("2027-04-01")
    );
    let s = &h.settings;
    assert_eq!(s.usage_target, Some(20.0));
    assert_eq!(s.csat_scale, csplan::health::CsatScale::Percent);
    assert_eq!((s.tickets_good, s.tickets_bad), (1.0, 5.0));
    assert_eq!((s.ttv_good_days, s.ttv_bad_days), (14.0, 60.0));
    assert_eq!((s.renewal_window_days, h.top_at_risk), (60, 3));
    assert_eq!(
        (s.low_usage, s.expansion_usage, s.onboarding_days),
        (0.4, 0.9, 30)
    );
    assert_eq!(h.columns.signals.time_to_value, "TTV");
    // Untouched keys keep their defaults.
    let d = HealthConfig::default();
    assert_eq!(
        (s.green_at, s.red_below),
        (d.settings.green_at, d.settings.red_below)
    );
    assert_eq!(h.weights, d.weights);
    assert_eq!(s.churn, d.settings.churn);
    assert_eq!(h.columns.account, "account");
}

#[test]
fn top_limits_the_at_risk_list() {
    let json = stdout_of(&[
        "health", ACCOUNTS, "--base", BASE, "--top", "2", "--format", "json",
    ]);
    let report: HealthReport = serde_json::from_str(&json).unwrap();
    assert!(report.segments.iter().all(|s| s.top_at_risk.len() == 2));
    let none = stdout_of(&["health", ACCOUNTS, "--base", BASE, "--top", "0"]);
    assert!(none.contains("red accounts, none listed"), "{none}");
}

#[test]
fn plan_marks_the_hires_the_health_data_moved() {
    let json = stdout_of(&["plan", BASE, "--accounts", ACCOUNTS, "--format", "json"]);
    let plan: Plan = serde_json::from_str(&json).unwrap();
    let health = plan.health.as_ref().expect("a health section");
    let moved = plan
        .hires
        .iter()
        .filter(|h| {
            h.health
                .as_ref()
                .is_some_and(|c| c.change != HireMove::Added)
        })
        .count() as u32;
    assert_eq!(moved, health.hires_moved);
    assert!(moved > 0, "the example's health data moves some hires");
    // Every marked hire opens in another month than its typed counterpart.
    for h in &plan.hires {
        if let Some(change) = &h.health {
            assert_ne!(change.typed_open.as_deref(), Some(h.open.as_str()));
        }
    }
    // The typed plan is unchanged by the option's existence: no health fields at all.
    let typed = stdout_of(&["plan", BASE, "--format", "json"]);
    assert!(!typed.contains("typed_annual_churn") && !typed.contains("\"health\""));
    // Quarterly view keeps the health section.
    let quarter = stdout_of(&["plan", BASE, "--accounts", ACCOUNTS, "--period", "quarter"]);
    assert!(quarter.contains("Churn from account health as of 2027-01-01"));
}

#[test]
fn a_base_segment_without_accounts_keeps_its_typed_churn_with_a_warning() {
    let dir = scratch("partial");
    dir.write(
        "accounts.csv",
        "account,segment,arr,usage\nA,smb,5000,0.9\nB,SMB,5000,0.2\n",
    );
    let json = stdout_of(&[
        "plan",
        BASE,
        "--accounts",
        &dir.file("accounts.csv"),
        "--format",
        "json",
    ]);
    let plan: Plan = serde_json::from_str(&json).unwrap();
    let segments = &plan.assumptions.segments;
    // SMB: one green (90) and one red (20): (5% + 50%) / 2 = 27.5%.
    assert_eq!(segments[0].annual_churn, 0.275);
    assert_eq!(segments[1].annual_churn, 0.1);
    assert_eq!(segments[1].typed_annual_churn, Some(0.1));
    let warned: Vec<&str> = plan
        .warnings
        .iter()
        .filter(|w| w.rule == csplan::rules::RuleId::HealthChurn)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(warned[0].contains("\"Mid-market\" has no accounts"));
}

#[test]
fn renewal_dates_need_an_as_of_date() {
    let dir = scratch("asof");
    dir.write(
        "accounts.csv",
        "account,segment,arr,usage,renewal_date\nA,SMB,5000,0.9,2027-03-01\n",
    );
    csplan()
        .args(["health", &dir.file("accounts.csv")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "row 1, column E `renewal_date`: dates need an as-of date",
        ));
    // --as-of supplies it; the base's start month does too.
    let with = stdout_of(&[
        "health",
        &dir.file("accounts.csv"),
        "--as-of",
        "2027-02-01",
        "--format",
        "json",
    ]);
    assert!(with.contains("\"days_to_renewal\": 28"));
    let from_start = stdout_of(&[
        "health",
        &dir.file("accounts.csv"),
        "--base",
        BASE,
        "--format",
        "json",
    ]);
    assert!(from_start.contains("\"as_of\": \"2027-01-01\""));
    assert!(from_start.contains("\"days_to_renewal\": 59"));
    csplan()
        .args(["health", &dir.file("accounts.csv"), "--as-of", "2027-02-30"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("2027-02-30 does not exist"));
    csplan()
        .args(["plan", BASE, "--as-of", "2027-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--accounts"));
}

#[test]
fn nothing_is_half_written() {
    let dir = scratch("output");
    let out = dir.file("report.csv");
    csplan()
        .args([
            "health", ACCOUNTS, "--base", BASE, "--format", "csv", "-o", &out,
        ])
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout_of(&["health", ACCOUNTS, "--base", BASE, "--format", "csv"])
    );
    let never = dir.file("never.json");
    csplan()
        .args(["health", "tests/bad-accounts/bad-values.csv", "-o", &never])
        .assert()
        .code(2);
    assert!(!Path::new(&never).exists());
    let never_plan = dir.file("never-plan.json");
    csplan()
        .args([
            "plan",
            BASE,
            "--accounts",
            "tests/bad-accounts/plan-unknown-segment.csv",
            "-o",
            &never_plan,
        ])
        .assert()
        .code(2);
    assert!(!Path::new(&never_plan).exists());
    // Never over an input, and never two inputs from stdin.
    let copy = dir.file("accounts.csv");
    std::fs::copy(ACCOUNTS, &copy).unwrap();
    csplan()
        .args(["plan", BASE, "--accounts", &copy, "-o", &copy])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write the output over the input",
        ));
    csplan()
        .args(["plan", "-", "--accounts", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "only one input can be read from stdin",
        ));
}

#[test]
fn the_report_and_the_plan_have_json_schemas() {
    let report = serde_json::to_string(&schemars::schema_for!(HealthReport)).unwrap();
    for field in [
        "top_at_risk",
        "implied_annual_churn",
        "arr_at_risk",
        "playbook",
        "phase",
    ] {
        assert!(report.contains(field), "{field}");
    }
    let plan = serde_json::to_string(&schemars::schema_for!(Plan)).unwrap();
    for field in [
        "typed_annual_churn",
        "churn_source",
        "hires_removed",
        "typed_open",
    ] {
        assert!(plan.contains(field), "{field}");
    }
}

#[test]
fn explain_knows_the_health_rules() {
    for id in ["health-score", "health-playbook", "health-churn"] {
        let text = stdout_of(&["explain", id]);
        assert!(
            text.starts_with(&format!("{id} — cs-playbook"))
                || text.starts_with(&format!("{id} — first-cs-org"))
                || text.starts_with(&format!("{id} — when-to-start")),
            "{text}"
        );
        assert!(text.contains("csplan default"), "{text}");
    }
}

proptest! {
    /// Whatever the signals, every score lies in 0..=100 with the colour its thresholds give,
    /// colours add up, and a segment's implied churn lies between the green and red rates.
    #[test]
    fn rollups_are_consistent(rows in prop::collection::vec(
        (0usize..3, 0u32..100_000, prop::option::of(0u32..=100), prop::option::of(-100i32..=100),
         prop::option::of(any::<bool>())),
        1..40,
    )) {
        let mut csv = String::from("account,segment,arr,usage,nps,outcome\n");
        for (i, (segment, arr, usage, nps, outcome)) in rows.iter().enumerate() {
            // An account needs one signal: give usage when the row drew none.
            let usage = match (usage, nps, outcome) {
                (None, None, None) => Some(50),
                _ => *usage,
            };
            let cell = |v: Option<String>| v.unwrap_or_default();
            csv.push_str(&format!(
                "acct{i},{},{arr},{},{},{}\n",
                ["SMB", "Mid-market", "Enterprise"][*segment],
                cell(usage.map(|u| format!("{}", f64::from(u) / 100.0))),
                cell(nps.map(|n| n.to_string())),
                cell(outcome.map(|o| if o { "yes" } else { "no" }.to_string())),
            ));
        }
        let config = HealthConfig::default();
        let report = assess(&csv, &config, &AssessOptions::default()).unwrap();
        prop_assert_eq!(report.accounts.len(), rows.len());
        for a in &report.accounts {
            prop_assert!((0.0..=100.0).contains(&a.score));
            let colour = if a.score >= 70.0 { Colour::Green } else if a.score < 40.0 { Colour::Red } else { Colour::Yellow };
            prop_assert_eq!(a.colour, colour);
            prop_assert_eq!(a.playbook == Some(Playbook::Escalation), a.colour == Colour::Red);
        }
        let mut accounts = 0;
        for s in &report.segments {
            let r = &s.rollup;
            accounts += r.accounts;
            prop_assert_eq!(r.colours.green.accounts + r.colours.yellow.accounts + r.colours.red.accounts, r.accounts);
            prop_assert!((0.05..=0.5).contains(&r.implied_annual_churn));
            prop_assert!(r.arr_at_risk <= r.arr);
        }
        prop_assert_eq!(accounts, report.totals.accounts);
    }
}
