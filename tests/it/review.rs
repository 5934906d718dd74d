//! `csplan review`: variances checked by hand, the re-forecast of actuals equal to the plan,
//! every bad actuals file refused, reruns byte-identical, and the budget gate both ways.

use crate::common;

use std::path::{Path, PathBuf};

use common::{csplan, scratch, stdout_of};
use serde_json::Value;

/// One CSM on staff for 40 mid-market logos at $20,000 ($800,000 ARR), nothing churning or
/// joining: every month of the plan is 40 logos, $800,000, one CSM and 90,000 / 12 = $7,500 of
/// CS cost, with no hire.
const SMALL: &str = "[company]\nname = \"Small\"\nstart = \"2027-01\"\nhorizon_months = 6\n\
    [team]\ncsm = 1\n[salaries]\ncsm = 90000\nload_factor = 1.0\n\
    [[segment]]\nname = \"Mid\"\ncustomers = 40\narpa = 20000\nannual_churn = 0\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn variances_are_actual_minus_plan_by_hand() {
    let dir = scratch("review-hand");
    let base = write(&dir, "small.toml", SMALL);
    let actuals = write(
        &dir,
        "actuals.csv",
        "period,customers,arr,csm,cs_cost\n\
         2027-01,38,760000,1,8000\n\
         2027-02,39,790000,1,7000\n\
         2027-03,41,820000,2,15500\n",
    );
    let plan = json_of(&["plan", s(&base), "--format", "json"]);
    for row in plan["timeline"].as_array().unwrap() {
        assert_eq!(
            (&row["customers"], &row["arr"], &row["csm"], &row["cs_cost"]),
            (&40.0.into(), &800_000.into(), &1.into(), &7_500.into()),
            "the plan the hand figures rest on"
        );
    }
    let review = json_of(&["review", s(&base), s(&actuals), "--format", "json"]);
    let jan = &review["periods"][0];
    // 2027-01: logos 38 − 40 = −2, −2 / 40 = −5%; ARR 760,000 − 800,000 = −40,000 (−5%);
    // CS cost 8,000 − 7,500 = +500, 500 / 7,500 = +6.67%: fractions to 4 decimals, as the plan's
    // ratios; cost over plan and ARR under it are unfavourable.
    assert_eq!(
        jan["customers"],
        serde_json::json!({"plan": 40.0, "actual": 38.0, "variance": -2.0, "variance_pct": -0.05, "favourable": false})
    );
    assert_eq!(
        jan["arr"],
        serde_json::json!({"plan": 800000, "actual": 760000, "variance": -40000, "variance_pct": -0.05, "favourable": false})
    );
    assert_eq!(
        jan["cs_cost"],
        serde_json::json!({"plan": 7500, "actual": 8000, "variance": 500, "variance_pct": 0.0667, "favourable": false})
    );
    // CSM spend: 1 × 90,000 / 760,000 = 0.1184 against 90,000 / 800,000 = 0.1125.
    assert_eq!(jan["csm_spend_ratio"]["actual"], 0.1184);
    assert_eq!(jan["csm_spend_ratio"]["plan"], 0.1125);

    let quarter = json_of(&[
        "review",
        s(&base),
        s(&actuals),
        "--format",
        "json",
        "--period",
        "quarter",
    ]);
    let q1 = &quarter["periods"][0];
    assert_eq!(q1["period"], "2027-Q1");
    assert_eq!((&q1["months"], &q1["plan_months"]), (&3.into(), &3.into()));
    // States at the quarter's last month, 2027-03: logos 41 − 40 = +1 (+2.5%), CSMs 2 − 1 =
    // +1 (+100%). CS cost over the quarter: 8,000 + 7,000 + 15,500 = 30,500 against
    // 3 × 7,500 = 22,500: +8,000, 8,000 / 22,500 = +35.56%.
    assert_eq!(q1["customers"]["variance"], 1.0);
    assert_eq!(q1["customers"]["variance_pct"], 0.025);
    assert_eq!(q1["customers"]["favourable"], true);
    assert_eq!(
        q1["csm"],
        serde_json::json!({"plan": 1, "actual": 2, "variance": 1, "variance_pct": 1.0})
    );
    assert_eq!(
        q1["cs_cost"],
        serde_json::json!({"plan": 22500, "actual": 30500, "variance": 8000, "variance_pct": 0.3556, "favourable": false})
    );
    // 2 × 90,000 / 820,000 = 0.2195: over the 10% cap.
    assert_eq!(q1["csm_spend_ratio"]["actual"], 0.2195);
    assert_eq!(q1["over_cap"], true);
    let spend = &quarter["spend"];
    assert_eq!(spend["cs_cost"]["variance"], 8000);
    assert_eq!(spend["months_over_cap"], 3);
    // The second CSM arrived in March with no hire planned.
    let hires = quarter["hires"].as_array().unwrap();
    assert_eq!(hires.len(), 1, "{hires:?}");
    assert_eq!(hires[0]["status"], "unplanned");
    assert_eq!(hires[0]["arrived"], "2027-03");
}

/// The actuals a plan expects: every figure of its first `months` rows.
fn actuals_as_planned(plan: &Value, months: usize) -> String {
    let mut text = String::from("period,customers,arr,csm,support,onboarding,lead,cs_cost\n");
    for row in &plan["timeline"].as_array().unwrap()[..months] {
        text.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            row["period"].as_str().unwrap(),
            row["customers"],
            row["arr"],
            row["csm"],
            row["support"],
            row["onboarding"],
            row["lead"],
            row["cs_cost"]
        ));
    }
    text
}

/// Annual and two-year contracts (examples/growth.toml) and hires in flight: actuals equal to
/// the plan re-forecast exactly the plan's remaining months and hires, whatever the month.
#[test]
fn actuals_equal_to_the_plan_reforecast_the_plan_itself() {
    let dir = scratch("review-equal");
    for base in ["examples/growth.toml", "examples/series-b.toml"] {
        let plan = json_of(&["plan", base, "--format", "json"]);
        let timeline = plan["timeline"].as_array().unwrap();
        for months in [1, 3, 6, 12, timeline.len() - 1] {
            let actuals = write(&dir, "equal.csv", &actuals_as_planned(&plan, months));
            let review = json_of(&["review", base, s(&actuals), "--format", "json"]);
            let again = &review["reforecast"];
            assert_eq!(
                again["timeline"].as_array().unwrap()[..],
                timeline[months..],
                "{base} from month {months}"
            );
            let later: Vec<&Value> = plan["hires"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|h| h["start_month"].as_u64().unwrap() > months as u64)
                .collect();
            let again_hires: Vec<&Value> = again["hires"].as_array().unwrap().iter().collect();
            assert_eq!(again_hires, later, "{base} from month {months}");
            assert_eq!(review["hire_changes"], serde_json::json!([]));
            assert_eq!(review["reforecast_basis"]["customers_factor"], 1.0);
            assert_eq!(review["reforecast_basis"]["arr_factor"], 1.0);
            let year_end = &review["year_end"];
            for figure in ["arr", "csm"] {
                assert_eq!(year_end[figure]["change"], 0, "{base} {months} {figure}");
            }
            // Actuals copied from the plan's rounded months; the plan's year is its unrounded
            // months summed and rounded once: at most half a unit apart per month of the year.
            let change = year_end["cs_cost"]["change"].as_i64().unwrap();
            assert!(change.abs() <= 6, "{base} {months}: {change}");
            for period in review["periods"].as_array().unwrap() {
                for figure in ["customers", "arr", "csm", "cs_cost"] {
                    assert_eq!(period[figure]["variance"].as_f64(), Some(0.0));
                }
            }
            for hire in review["hires"].as_array().unwrap() {
                assert_eq!(hire["status"], "on-time", "{hire}");
            }
        }
    }
}

/// The example: a company behind on hiring and ahead on churn.
#[test]
fn the_example_is_behind_on_hiring_and_below_plan() {
    let review = json_of(&[
        "review",
        "examples/growth.toml",
        "examples/growth-actuals.csv",
        "--format",
        "json",
    ]);
    let statuses: Vec<&str> = review["hires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"late") && statuses.contains(&"missing"),
        "{statuses:?}"
    );
    let last = review["periods"].as_array().unwrap().last().unwrap();
    assert!(last["arr"]["variance"].as_i64().unwrap() < 0);
    assert!(last["customers"]["variance"].as_f64().unwrap() < 0.0);
    assert!(review["reforecast_basis"]["arr_factor"].as_f64().unwrap() < 1.0);
    assert!(review["year_end"]["arr"]["change"].as_i64().unwrap() < 0);
    // Behind on ARR, the re-forecast moves hires: a later one starts after its planned month,
    // an earlier one before it, and a dropped one not at all.
    let changes = review["hire_changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        let planned = c["planned_start"].as_str();
        let again = c["reforecast_start"].as_str();
        match c["change"].as_str().unwrap() {
            "later" => assert!(again.unwrap() > planned.unwrap(), "{c}"),
            "earlier" => assert!(again.unwrap() < planned.unwrap(), "{c}"),
            "dropped" => assert!(again.is_none(), "{c}"),
            _ => {}
        }
    }
    assert_eq!(review["reforecast"]["timeline"][0]["period"], "2027-07");
}

#[test]
fn a_saved_plan_needs_its_base_to_reforecast() {
    let dir = scratch("review-saved");
    let saved = dir.join("approved.json");
    csplan()
        .args(["plan", "examples/growth.toml", "--format", "json", "-o"])
        .arg(&saved)
        .assert()
        .success();
    let actuals = "examples/growth-actuals.csv";
    let without = json_of(&["review", s(&saved), actuals, "--format", "json"]);
    assert_eq!(without["reforecast"], Value::Null);
    assert!(
        without["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("--base"))
    );
    let with = json_of(&[
        "review",
        s(&saved),
        actuals,
        "--base",
        "examples/growth.toml",
        "--format",
        "json",
    ]);
    let from_toml = json_of(&[
        "review",
        "examples/growth.toml",
        actuals,
        "--format",
        "json",
    ]);
    assert_eq!(with, from_toml);
    // A quarterly plan has no months to hold actuals against.
    let quarterly = dir.join("quarterly.json");
    csplan()
        .args([
            "plan",
            "examples/growth.toml",
            "--format",
            "json",
            "--period",
            "quarter",
            "-o",
        ])
        .arg(&quarterly)
        .assert()
        .success();
    csplan()
        .args(["review", s(&quarterly), actuals])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("the approved plan is quarterly"));
    // A base that plans other months is not the plan's.
    csplan()
        .args(["review", s(&saved), actuals, "--base", "examples/seed.toml"])
        .assert()
        .code(2)
        .stdout("");
}

/// Each bad actuals file: exit 2, nothing on stdout, the file, line and column, and the reason.
#[test]
fn bad_actuals_are_refused_with_their_row_and_column() {
    let dir = scratch("review-bad");
    let header = "period,customers,arr,csm,cs_cost\n";
    let good = "2027-01,284,2948000,2,15200\n";
    let cases: &[(&str, String, &[&str], &str)] = &[
        (
            "unknown period",
            format!("{header}{good}March,290,3051500,2,15200\n"),
            &[],
            ":3:1: row 3, column A `period`: period = \"March\" is not one of the plan's months",
        ),
        (
            "impossible month",
            format!("{header}2027-13,290,3051500,2,15200\n"),
            &[],
            ":2:1: row 2, column A `period`: period = \"2027-13\" is not one of the plan's months",
        ),
        (
            "outside the plan",
            format!("{header}{good}2029-01,290,3051500,2,15200\n"),
            &[],
            "period = \"2029-01\" is outside the plan: its months run 2027-01 to 2028-12",
        ),
        (
            "a period twice",
            format!("{header}{good}{good}"),
            &[],
            ":3:1: row 3, column A `period`: period = \"2027-01\" appears twice (also row 2)",
        ),
        (
            "not a number",
            format!("{header}2027-01,284,2.9M,2,15200\n"),
            &[],
            ":2:13: row 2, column C `arr`: arr = \"2.9M\" is not a number",
        ),
        (
            "negative",
            format!("{header}2027-01,284,2948000,-1,15200\n"),
            &[],
            "row 2, column D `csm`: csm = \"-1\" is negative",
        ),
        (
            "part of a person",
            format!("{header}2027-01,284,2948000,2.5,15200\n"),
            &[],
            "csm = \"2.5\" is not whole: expected a whole number of people",
        ),
        (
            "unknown column",
            format!("period,customers,arr,csm,cs_costs\n{good}"),
            &[],
            ":1:26: row 1, column E: `cs_costs` is not a column csplan reads: did you mean `cs_cost`?",
        ),
        (
            "a column twice",
            "period,arr,arr\n2027-01,1,2\n".to_string(),
            &[],
            "the header names `arr` twice",
        ),
        (
            "no period column",
            "customers,arr\n284,2948000\n".to_string(),
            &[],
            "the header has no `period` column",
        ),
        (
            "in the future of the review",
            format!("{header}{good}2027-04,301,3262800,3,36400\n"),
            &["--as-of", "2027-03"],
            ":3:1: row 3, column A `period`: period = \"2027-04\" is in the future of the review",
        ),
        (
            "a row short of cells",
            format!("{header}2027-01,284\n"),
            &[],
            "row 2 has 2 cells but the header has 5",
        ),
        (
            "no rows",
            header.to_string(),
            &[],
            "has a header but no month rows",
        ),
        ("empty", String::new(), &[], "the actuals file is empty"),
    ];
    for (what, text, extra, expected) in cases {
        let path = write(&dir, "actuals.csv", text);
        let out = csplan()
            .args(["review", "examples/growth.toml", s(&path)])
            .args(*extra)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(out.stdout.is_empty(), "{what}: stdout not empty");
        assert!(stderr.contains("actuals.csv"), "{what}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{what}: expected {expected:?} in\n{stderr}"
        );
    }
    // A plan without a start month labels its months M1, M2, …
    let plain = write(
        &dir,
        "plain.toml",
        &SMALL.replace("start = \"2027-01\"\n", ""),
    );
    let path = write(&dir, "actuals.csv", "period,arr\n2027-01,800000\n");
    let out = csplan()
        .args(["review", s(&plain), s(&path)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("expected M1, M2, …"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn reruns_are_byte_identical_in_every_format() {
    for format in ["table", "json", "csv", "markdown"] {
        for period in ["month", "quarter", "year"] {
            let args = [
                "review",
                "examples/growth.toml",
                "examples/growth-actuals.csv",
                "--format",
                format,
                "--period",
                period,
            ];
            let first = stdout_of(&args);
            assert!(!first.is_empty());
            assert_eq!(first, stdout_of(&args), "{format} {period}");
            assert!(!first.contains("NaN") && !first.contains("inf"), "{format}");
        }
    }
}

#[test]
fn the_budget_gate_fails_only_past_its_percent_and_after_writing() {
    let dir = scratch("review-gate");
    let base = write(&dir, "small.toml", SMALL);
    let actuals = write(
        &dir,
        "actuals.csv",
        "period,csm,cs_cost\n2027-01,1,8000\n2027-02,1,7000\n2027-03,2,15500\n",
    );
    // Actual 30,500 against 22,500 planned: 35.56% over.
    let report = dir.join("review.md");
    let out = csplan()
        .args(["review", s(&base), s(&actuals), "--format", "markdown"])
        .args(["--fail-if-over-budget", "35", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("by 35.56%, more than 35%"), "{stderr}");
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("CS budget review")
    );
    csplan()
        .args([
            "review",
            s(&base),
            s(&actuals),
            "--fail-if-over-budget",
            "36",
        ])
        .assert()
        .success();
    // Under budget passes any threshold, even 0.
    csplan()
        .args([
            "review",
            "examples/growth.toml",
            "examples/growth-actuals.csv",
            "--fail-if-over-budget",
            "0",
        ])
        .assert()
        .success();
    // The gate needs spend figures to compare.
    let no_cost = write(&dir, "no-cost.csv", "period,csm\n2027-01,1\n");
    csplan()
        .args([
            "review",
            s(&base),
            s(&no_cost),
            "--fail-if-over-budget",
            "5",
        ])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn a_person_who_replaces_a_leaver_is_a_backfill() {
    let dir = scratch("review-backfill");
    let base = write(&dir, "small.toml", SMALL);
    // The one CSM leaves in January and is replaced in March.
    let actuals = write(
        &dir,
        "actuals.csv",
        "period,csm\n2027-01,0\n2027-02,0\n2027-03,1\n",
    );
    let review = json_of(&["review", s(&base), s(&actuals), "--format", "json"]);
    assert_eq!(
        review["departures"],
        serde_json::json!([{"role": "csm", "period": "2027-01", "people": 1}])
    );
    let hires = review["hires"].as_array().unwrap();
    assert_eq!(hires.len(), 1, "{hires:?}");
    assert_eq!(hires[0]["status"], "backfill");
    assert_eq!(hires[0]["arrived"], "2027-03");
}

#[test]
fn managers_are_compared_with_the_plans_team_managers() {
    let dir = scratch("review-managers");
    let base = write(&dir, "small.toml", SMALL);
    let actuals = write(&dir, "actuals.csv", "period,managers\n2027-01,1\n");
    let review = json_of(&["review", s(&base), s(&actuals), "--format", "json"]);
    // One CSM needs no manager (rule team-manager): 1 − 0 = +1, no percent of 0.
    assert_eq!(
        review["periods"][0]["managers"],
        serde_json::json!({"plan": 0, "actual": 1, "variance": 1, "variance_pct": null})
    );
}

#[test]
fn the_review_json_matches_its_schema() {
    let schema: Value = serde_json::from_str(&stdout_of(&["schema", "review"])).unwrap();
    let url = "csplan://review.schema.json";
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(url, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(url, &mut schemas).unwrap();
    for period in ["month", "quarter", "year"] {
        let review = json_of(&[
            "review",
            "examples/growth.toml",
            "examples/growth-actuals.csv",
            "--format",
            "json",
            "--period",
            period,
        ]);
        if let Err(e) = schemas.validate(&review, index) {
            panic!("review {period} does not match its schema: {e:#}");
        }
    }
}

/// The README shows the example actuals as they are in the file.
#[test]
fn the_readme_shows_the_example_actuals_file() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let actuals = std::fs::read_to_string("examples/growth-actuals.csv").unwrap();
    assert!(
        readme.contains(&format!("```text\n{actuals}```\n")),
        "README's copy of examples/growth-actuals.csv is stale"
    );
}

/// The example review's text formats, as snapshots (the JSON is checked against its schema and
/// by value above; the quarterly table is in the README).
#[test]
fn the_example_review_in_every_format() {
    let args = |format: &'static str, period: &'static str| {
        [
            "review",
            "examples/growth.toml",
            "examples/growth-actuals.csv",
            "--format",
            format,
            "--period",
            period,
        ]
    };
    insta::assert_snapshot!("growth-review-table", stdout_of(&args("table", "month")));
    insta::assert_snapshot!(
        "growth-review-markdown",
        stdout_of(&args("markdown", "quarter"))
    );
    insta::assert_snapshot!("growth-review-csv", stdout_of(&args("csv", "quarter")));
}
