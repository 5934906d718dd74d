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

/// One CSM on staff for 80 mid-market logos at $20,000 and nothing churning: a need of 2.0 FTE,
/// so the plan opens a requisition in 2027-01 for a second CSM starting 2027-04 (hire lead 3
/// months). A CSM costs 90,000 / 12 = $7,500 a month and a support agent 0.75 × that, $5,625:
/// the plan's CS cost is $7,500 a month to 2027-03 and $15,000 from 2027-04.
const TWO: &str = "[company]\nname = \"Two\"\nstart = \"2027-01\"\nhorizon_months = 12\n\
    [team]\ncsm = 1\n[salaries]\ncsm = 90000\nload_factor = 1.0\n\
    [[segment]]\nname = \"Mid\"\ncustomers = 80\narpa = 20000\nannual_churn = 0\n";

fn split_of(value: &Value) -> (i64, i64, i64) {
    let part = |k: &str| value[k].as_i64().unwrap();
    (part("volume"), part("rate"), part("timing"))
}

/// Every CS-cost variance the review shows is split into volume, rate and timing that sum to it
/// exactly, in the spend to date and in every period, whatever the period.
fn assert_splits_sum_to_the_variance(review: &Value, what: &str) {
    let mut seen = 0;
    let mut check = |cost: &Value, split: &Value, at: &str| {
        if cost.is_null() {
            return;
        }
        let (volume, rate, timing) = split_of(split);
        let variance = cost["variance"].as_i64().unwrap();
        assert_eq!(volume + rate + timing, variance, "{what} {at}: {split}");
        seen += 1;
    };
    check(
        &review["spend"]["cs_cost"],
        &review["spend"]["cs_cost_split"],
        "to date",
    );
    for p in review["periods"].as_array().unwrap() {
        check(
            &p["cs_cost"],
            &p["cs_cost_split"],
            p["period"].as_str().unwrap(),
        );
    }
    assert!(seen > 1, "{what}: no CS-cost variance to check");
}

#[test]
fn the_cost_variance_splits_into_volume_rate_and_timing_by_hand() {
    let dir = scratch("review-split");
    let base = write(&dir, "two.toml", TWO);
    // The second CSM arrives in 2027-03, a month early; a support agent nobody planned arrives
    // in 2027-05; February and March cost a little more per head than planned.
    let actuals = write(
        &dir,
        "actuals.csv",
        "period,csm,support,cs_cost\n\
         2027-01,1,0,7500\n\
         2027-02,1,0,7600\n\
         2027-03,2,0,15200\n\
         2027-04,2,0,15000\n\
         2027-05,2,1,20925\n",
    );
    let review = json_of(&["review", s(&base), s(&actuals), "--format", "json"]);
    let spend = &review["spend"];
    // Actual 7,500 + 7,600 + 15,200 + 15,000 + 20,925 = 66,225 against 3 × 7,500 + 2 × 15,000
    // = 52,500 planned: +13,725, unfavourable.
    assert_eq!(
        spend["cs_cost"],
        serde_json::json!({"plan": 52500, "actual": 66225, "variance": 13725, "variance_pct": 0.2614, "favourable": false})
    );
    // The actual people at the plan's cost per head: 7,500 + 7,500 + 15,000 + 15,000 + (15,000
    // + 5,625) = 65,625. Rate = 66,225 − 65,625 = +600; timing = the early CSM's month,
    // 2027-03, at 7,500; volume = 13,725 − 600 − 7,500 = 5,625, the unplanned support month.
    assert_eq!(split_of(&spend["cs_cost_split"]), (5_625, 600, 7_500));
    let months: Vec<(&str, (i64, i64, i64))> = review["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["period"].as_str().unwrap(), split_of(&p["cs_cost_split"])))
        .collect();
    assert_eq!(
        months,
        [
            ("2027-01", (0, 0, 0)),
            ("2027-02", (0, 100, 0)),
            ("2027-03", (0, 200, 7_500)),
            ("2027-04", (0, 0, 0)),
            ("2027-05", (5_625, 300, 0)),
        ]
    );
    assert_splits_sum_to_the_variance(&review, "by hand");

    // The planned CSM arrives in 2027-05, a month late: 2027-04 without them is timing, −7,500,
    // and nothing else moved.
    let late = write(
        &dir,
        "late.csv",
        "period,csm,cs_cost\n2027-01,1,7500\n2027-02,1,7500\n2027-03,1,7500\n\
         2027-04,1,7500\n2027-05,2,15000\n",
    );
    let review = json_of(&["review", s(&base), s(&late), "--format", "json"]);
    assert_eq!(review["spend"]["cs_cost"]["variance"], -7_500);
    assert_eq!(split_of(&review["spend"]["cs_cost_split"]), (0, 0, -7_500));
    // Not arrived at all: two months overdue, −15,000 of timing.
    let missing = write(
        &dir,
        "missing.csv",
        "period,csm,cs_cost\n2027-01,1,7500\n2027-02,1,7500\n2027-03,1,7500\n\
         2027-04,1,7500\n2027-05,1,7500\n",
    );
    let review = json_of(&["review", s(&base), s(&missing), "--format", "json"]);
    assert_eq!(review["spend"]["cs_cost"]["variance"], -15_000);
    assert_eq!(split_of(&review["spend"]["cs_cost_split"]), (0, 0, -15_000));
}

#[test]
fn the_example_cost_splits_sum_to_their_variances() {
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
        assert_splits_sum_to_the_variance(&review, period);
    }
}

/// The growth example's fourth CSM arrived in 2027-06 and is matched to the hire planned for
/// 2027-09: the re-forecast does not start another CSM then, and never has more CSMs than the
/// need of the months ahead calls for (at up to `max_load` of the book each) or than are in post.
#[test]
fn a_hire_matched_early_is_not_refilled() {
    let review = json_of(&[
        "review",
        "examples/growth.toml",
        "examples/growth-actuals.csv",
        "--format",
        "json",
    ]);
    let early: Vec<&Value> = review["hires"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["status"] == "early")
        .collect();
    assert_eq!(early.len(), 1, "{early:?}");
    assert_eq!(
        (
            &early[0]["role"],
            &early[0]["planned_start"],
            &early[0]["arrived"]
        ),
        (&"csm".into(), &"2027-09".into(), &"2027-06".into())
    );
    let again = &review["reforecast"];
    let in_post = review["reforecast_basis"]["team"]["csm"].as_u64().unwrap();
    assert_eq!(in_post, 4);
    let csm_starts: Vec<&str> = again["hires"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["role"] == "csm")
        .map(|h| h["start"].as_str().unwrap())
        .collect();
    assert!(!csm_starts.contains(&"2027-09"), "{csm_starts:?}");
    let max_load = again["assumptions"]["max_load"].as_f64().unwrap();
    let lead = again["assumptions"]["hire_lead_months"].as_u64().unwrap() as usize;
    let rows = again["timeline"].as_array().unwrap();
    for (i, row) in rows.iter().enumerate() {
        let need = rows[i..(i + lead + 1).min(rows.len())]
            .iter()
            .map(|r| r["csm_need_fte"].as_f64().unwrap())
            .fold(0.0, f64::max);
        let called_for = ((need / max_load).ceil() as u64).max(in_post);
        let csm = row["csm"].as_u64().unwrap();
        assert!(
            csm <= called_for,
            "{}: {csm} CSMs for a need of {need} FTE",
            row["period"]
        );
    }
    // The re-forecast opens no requisition the approved plan had already filled: at 2027-12,
    // 3.9 FTE of need is 4 CSMs, the four in post.
    let december = rows.iter().find(|r| r["period"] == "2027-12").unwrap();
    assert_eq!(december["csm"], 4);
    // A quarter's cost beside the approved plan is its months summed unrounded and rounded
    // once: 4 CSMs, support and onboarding at $100,000, $75,000 and $100,000 a year are
    // $143,750 a quarter, not three rounded months' $143,751.
    let table = stdout_of(&[
        "review",
        "examples/growth.toml",
        "examples/growth-actuals.csv",
        "--period",
        "quarter",
    ]);
    let q3 = table
        .lines()
        .find(|l| l.starts_with("2027-Q3    339"))
        .unwrap();
    assert!(q3.contains("$143,750  -$14,583"), "{q3}");
}

/// A planned hire due by the last month of actuals and not arrived is planned again with its
/// requisition opening the month after the last actual, starting a hiring lead later.
#[test]
fn a_missing_hire_reopens_the_month_after_the_last_actual() {
    let dir = scratch("review-missing");
    let base = write(&dir, "two.toml", TWO);
    let actuals = write(
        &dir,
        "actuals.csv",
        "period,csm\n2027-01,1\n2027-02,1\n2027-03,1\n2027-04,1\n2027-05,1\n",
    );
    let review = json_of(&["review", s(&base), s(&actuals), "--format", "json"]);
    assert_eq!(review["hires"][0]["status"], "missing");
    assert_eq!(review["hires"][0]["months_late"], 1);
    // Actuals end in 2027-05: the requisition opens in 2027-06, the CSM starts in 2027-09.
    let hires = review["reforecast"]["hires"].as_array().unwrap();
    assert_eq!(hires.len(), 1, "{hires:?}");
    assert_eq!(
        (&hires[0]["open"], &hires[0]["start"]),
        (&"2027-06".into(), &"2027-09".into())
    );
    assert_eq!(
        review["hire_changes"],
        serde_json::json!([{
            "role": "csm", "change": "later", "planned_start": "2027-04",
            "reforecast_start": "2027-09", "reforecast_open": "2027-06", "segment": "Mid",
            "reason": hires[0]["reason"]
        }])
    );
    let csm: Vec<u64> = review["reforecast"]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["csm"].as_u64().unwrap())
        .collect();
    assert_eq!(csm, [1, 1, 1, 2, 2, 2, 2]);
    // Each table line says when the requisition opens.
    let table = stdout_of(&["review", s(&base), s(&actuals)]);
    assert!(
        table.contains("starts 2027-09 instead of 2027-04 (opens 2027-06)"),
        "{table}"
    );
}

/// Four CSMs at 25% attrition a year for a need of four: the plan loses about one a year and
/// backfills them; re-forecast from month 6 with the team in post, the leavers go on.
#[test]
fn attrition_goes_on_after_the_resume_month() {
    let dir = scratch("review-attrition");
    let base = write(
        &dir,
        "leavers.toml",
        "[company]\nname = \"Leavers\"\nstart = \"2027-01\"\nhorizon_months = 24\n\
         [workforce]\nattrition = 0.25\n[team]\ncsm = 4\n\
         [salaries]\ncsm = 90000\nload_factor = 1.0\n\
         [[segment]]\nname = \"Mid\"\ncustomers = 160\narpa = 20000\nannual_churn = 0\n",
    );
    let actuals = write(
        &dir,
        "actuals.csv",
        "period,customers,arr\n2027-01,160,3200000\n2027-02,160,3200000\n2027-03,158,3160000\n\
         2027-04,158,3160000\n2027-05,157,3140000\n2027-06,157,3140000\n",
    );
    let review = json_of(&["review", s(&base), s(&actuals), "--format", "json"]);
    let again = &review["reforecast"];
    assert_eq!(again["timeline"][0]["period"], "2027-07");
    assert_eq!(again["assumptions"]["attrition"], 0.25);
    let rows = again["timeline"].as_array().unwrap();
    let leavers: u64 = rows.iter().map(|r| r["leavers"].as_u64().unwrap()).sum();
    // 18 months of a team of about four at 25% a year: 4 × 0.25 × 1.5 = 1.5 expected leavers.
    assert!((1..=3).contains(&leavers), "{leavers} leavers in 18 months");
    let backfills: Vec<&Value> = again["hires"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["kind"] == "backfill" && h["reason"].as_str().unwrap().contains("leaves"))
        .collect();
    assert!(!backfills.is_empty(), "{}", again["hires"]);
}

/// A variance too small for the table's precision prints as zero with no mark; the JSON keeps
/// the exact figure and whether it is favourable.
#[test]
fn a_variance_that_rounds_to_zero_is_neither_favourable_nor_unfavourable_in_print() {
    let dir = scratch("review-zero");
    let base = write(&dir, "small.toml", SMALL);
    // One CSM against $802,000 instead of $800,000: 90,000 / 802,000 = 0.1122 against 0.1125,
    // −0.0003, which the table prints at a tenth of a point: 0.0 pt.
    let actuals = write(
        &dir,
        "actuals.csv",
        "period,customers,arr,csm\n2027-01,40,802000,1\n",
    );
    let review = json_of(&["review", s(&base), s(&actuals), "--format", "json"]);
    let ratio = &review["periods"][0]["csm_spend_ratio"];
    assert_eq!(ratio["variance"], -0.0003);
    assert_eq!(ratio["favourable"], true);
    for format in ["table", "markdown"] {
        let out = stdout_of(&["review", s(&base), s(&actuals), "--format", format]);
        let line = out
            .lines()
            .find(|l| l.contains("CSM/ARR") && l.contains("11.2%"))
            .unwrap_or_else(|| panic!("{format}: no CSM/ARR line in\n{out}"));
        assert!(line.contains("0.0 pt"), "{format}: {line}");
        assert!(
            !line.contains("+0.0") && !line.contains("-0.0"),
            "{format}: {line}"
        );
        assert!(!line.contains("fav"), "{format}: {line}");
        // The ARR line above it is a real variance, +$2,000, favourable.
        let arr = out.lines().find(|l| l.contains("+$2,000")).unwrap();
        assert!(
            arr.contains("ARR") && arr.contains("fav"),
            "{format}: {arr}"
        );
        assert!(!arr.contains("unfav"), "{format}: {arr}");
    }
}

/// Values of `key` in each of the review's periods.
fn period_values<'a>(review: &'a Value, key: &str) -> Vec<&'a Value> {
    review["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p[key])
        .collect()
}

/// A fiscal year starting in April, 25% attrition, eight months of actuals with one CSM not
/// arrived and one gone, and ARR 8% under plan (tests/review/april.toml): the review a finance
/// partner reads in the budget meeting.
#[test]
fn an_april_fiscal_year_with_attrition_reads_right() {
    let (base, actuals) = ("tests/review/april.toml", "tests/review/april-actuals.csv");
    let review = |period: &str| {
        json_of(&[
            "review", base, actuals, "--format", "json", "--period", period,
        ])
    };
    // Fiscal quarters as `plan --period quarter` labels them: January to March 2027 closes
    // FY2027; the actuals' July and August are two months of FY2028-Q2, marked partial.
    let quarters = review("quarter");
    assert_eq!(
        period_values(&quarters, "period"),
        ["FY2027-Q4", "FY2028-Q1", "FY2028-Q2"]
    );
    assert_eq!(period_values(&quarters, "partial"), [false, false, true]);
    assert_eq!(period_values(&quarters, "months"), [3, 3, 2]);
    assert_eq!(period_values(&quarters, "plan_months"), [3, 3, 3]);
    let plan = json_of(&["plan", base, "--format", "json", "--period", "quarter"]);
    let plan_labels: Vec<&Value> = plan["timeline"].as_array().unwrap()[..3]
        .iter()
        .map(|r| &r["period"])
        .collect();
    assert_eq!(plan_labels, period_values(&quarters, "period"));
    let table = stdout_of(&["review", base, actuals, "--period", "quarter"]);
    assert!(table.contains("FY2028-Q2* Logos"), "{table}");
    assert!(table.contains("* 2 of 3 months, to 2027-08"), "{table}");
    // Years: the plan's three months of FY2027 are all lived; FY2028 five of twelve.
    let years = review("year");
    assert_eq!(period_values(&years, "period"), ["FY2027", "FY2028"]);
    assert_eq!(period_values(&years, "partial"), [false, true]);
    assert_eq!(period_values(&years, "months"), [3, 5]);
    assert_eq!(years["year_end"]["period"], "FY2028");
    assert_eq!(years["year_end"]["through"], "2028-03");

    // ARR 8% under plan at 2027-08, unfavourable.
    let last = quarters["periods"].as_array().unwrap().last().unwrap();
    assert_eq!(last["arr"]["variance_pct"], -0.08);
    assert_eq!(last["arr"]["favourable"], false);
    assert_eq!(quarters["reforecast_basis"]["arr_factor"], 0.92);

    // The CSM planned for 2027-04 has not arrived: four months overdue at 2027-08; one CSM
    // left in 2027-06.
    let csm: Vec<&Value> = quarters["hires"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["role"] == "csm")
        .collect();
    assert_eq!(csm.len(), 1, "{csm:?}");
    assert_eq!(
        (
            &csm[0]["status"],
            &csm[0]["planned_start"],
            &csm[0]["months_late"]
        ),
        (&"missing".into(), &"2027-04".into(), &4.into())
    );
    assert_eq!(
        quarters["departures"],
        serde_json::json!([{"role": "csm", "period": "2027-06", "people": 1}])
    );

    // The re-forecast starts from the two CSMs in post. Its requisitions open in 2027-09, the
    // month after the last actual: the missing CSM, and the leaver's place because the need
    // (4.17 FTE by 2027-12, 4 CSMs at up to 120% of the book) calls for it; both start a hiring
    // lead later, in 2027-12, and the team is then the four the need calls for, not more.
    let again = &quarters["reforecast"];
    assert_eq!(quarters["reforecast_basis"]["team"]["csm"], 2);
    let hires = again["hires"].as_array().unwrap();
    let first: Vec<(&Value, &Value, &Value)> = hires
        .iter()
        .filter(|h| h["role"] == "csm")
        .take(2)
        .map(|h| (&h["open"], &h["start"], &h["kind"]))
        .collect();
    let reopened = (&"2027-09".into(), &"2027-12".into(), &"growth".into());
    assert_eq!(first, [reopened, reopened]);
    let rows = again["timeline"].as_array().unwrap();
    let december = rows.iter().find(|r| r["period"] == "2027-12").unwrap();
    assert_eq!(december["csm"], 4);
    let need = december["csm_need_fte"].as_f64().unwrap();
    assert_eq!((need / 1.2).ceil(), 4.0, "{need}");
    let change = quarters["hire_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["planned_start"] == "2027-04")
        .unwrap();
    assert_eq!(
        (
            &change["change"],
            &change["reforecast_open"],
            &change["reforecast_start"]
        ),
        (&"later".into(), &"2027-09".into(), &"2027-12".into())
    );
    assert!(
        table.contains("starts 2027-12 instead of 2027-04 (opens 2027-09)"),
        "{table}"
    );
    // The re-forecast's first quarter holds only 2027-09: marked, as the variance table marks
    // the quarter the actuals cover in part.
    assert!(table.contains("\nFY2028-Q2*    158"), "{table}");
    assert!(
        table.contains("* the re-forecast covers only the period's months after the last actual"),
        "{table}"
    );

    // Attrition goes on: people leave in the re-forecast's months and are backfilled.
    let leavers: u64 = rows.iter().map(|r| r["leavers"].as_u64().unwrap()).sum();
    assert!(leavers >= 1, "no leavers in the re-forecast");
    assert_eq!(again["assumptions"]["attrition"], 0.25);
    assert!(
        hires
            .iter()
            .any(|h| h["kind"] == "backfill"
                && h["reason"].as_str().unwrap().contains("25% attrition")),
        "{hires:?}"
    );
}

/// The review workbook read back: its sheets, the variances as live formulas over plan and
/// actual with cached results equal to the JSON's, the cost split's volume the live remainder,
/// and the re-forecast's differences and totals as formulas.
#[test]
fn the_review_workbook_has_live_variances_and_the_reforecast() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let args = [
        "review",
        "examples/growth.toml",
        "examples/growth-actuals.csv",
        "--period",
        "quarter",
        "--format",
        "xlsx",
    ];
    let out = csplan().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = out.stdout;
    assert_eq!(
        csplan().args(args).output().unwrap().stdout,
        bytes,
        "byte-identical"
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Variance",
            "Hires",
            "Re-forecast",
            "Re-forecast hires",
            "Notes"
        ]
    );
    let review = json_of(
        &args[..5]
            .iter()
            .chain(&["--format", "json"])
            .copied()
            .collect::<Vec<_>>(),
    );
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    };
    let number = |d: &Data| match d {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("not a number: {other:?}"),
    };

    let values = book.worksheet_range("Variance").unwrap();
    let formulas = book.worksheet_formula("Variance").unwrap();
    let cell = |r: usize, c: usize| {
        values
            .get_value((r as u32, c as u32))
            .cloned()
            .unwrap_or(Data::Empty)
    };
    let formula = |r: usize, c: usize| {
        formulas
            .get_value((r as u32, c as u32))
            .map(|f| f.trim_start_matches('=').to_string())
            .unwrap_or_default()
    };
    let row_of = |period: &str, figure: &str| {
        (1..values.height())
            .find(|&r| text(&cell(r, 0)) == period && text(&cell(r, 2)) == figure)
            .unwrap_or_else(|| panic!("no {period} {figure} row"))
    };
    // 2027-Q2's CS cost: $116,400 against $150,000; the variance, its percent and its mark are
    // formulas, cached as the JSON has them.
    let r = row_of("2027-Q2", "CS cost");
    let (excel, q2) = (r + 1, &review["periods"][1]["cs_cost"]);
    assert_eq!(number(&cell(r, 3)), q2["plan"].as_f64().unwrap());
    assert_eq!(number(&cell(r, 4)), q2["actual"].as_f64().unwrap());
    assert_eq!(formula(r, 5), format!("E{excel}-D{excel}"));
    assert_eq!(number(&cell(r, 5)), q2["variance"].as_f64().unwrap());
    assert_eq!(
        formula(r, 6),
        format!("IF(D{excel}=0,\"\",F{excel}/D{excel})")
    );
    assert!((number(&cell(r, 6)) - q2["variance_pct"].as_f64().unwrap()).abs() < 5e-5);
    assert_eq!(formula(r, 7), format!("IF(F{excel}=0,\"\",F{excel}<0)"));
    assert_eq!(
        cell(r, 7),
        Data::Bool(true),
        "cost under plan is favourable"
    );
    // ARR under plan is unfavourable: the mark's formula tests for more.
    let arr = row_of("2027-Q2", "ARR");
    assert_eq!(formula(arr, 7), format!("IF(F{0}=0,\"\",F{0}>0)", arr + 1));
    assert_eq!(cell(arr, 7), Data::Bool(false));
    // Headcounts carry no mark.
    let csm = row_of("2027-Q2", "CSMs");
    assert_eq!(
        (formula(csm, 7), cell(csm, 7)),
        (String::new(), Data::Empty)
    );
    // The split under the cost: rate and timing as numbers, volume the remainder.
    let volume = row_of("2027-Q2", "CS cost: volume (headcount)");
    assert_eq!(
        formula(volume, 5),
        format!("F{}-F{}-F{}", excel, volume + 2, volume + 3)
    );
    let split = &review["periods"][1]["cs_cost_split"];
    for (row, part) in [
        (volume, "volume"),
        (volume + 1, "rate"),
        (volume + 2, "timing"),
    ] {
        assert_eq!(
            number(&cell(row, 5)),
            split[part].as_f64().unwrap(),
            "{part}"
        );
    }
    // The spend to date: -$37,300.
    let to_date = row_of("to date", "CS cost");
    assert_eq!(number(&cell(to_date, 5)), -37_300.0);
    assert_eq!(formula(to_date, 5), format!("E{0}-D{0}", to_date + 1));

    // Hires: the statuses of the JSON.
    let hires = book.worksheet_range("Hires").unwrap();
    let statuses: Vec<String> = hires.rows().skip(1).map(|r| text(&r[5])).collect();
    assert_eq!(statuses, ["on time", "early", "on time", "late", "missing"]);

    // Re-forecast: 18 months and a total row; the differences from the approved plan are
    // formulas, the total CS cost the review's once-rounded $1,193,750.
    let again = book.worksheet_range("Re-forecast").unwrap();
    let again_formulas = book.worksheet_formula("Re-forecast").unwrap();
    assert_eq!(again.height(), 1 + 18 + 1);
    let f = |r: u32, c: u32| {
        again_formulas
            .get_value((r, c))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(f(1, 4).trim_start_matches('='), "C2-D2");
    assert_eq!(f(1, 15).trim_start_matches('='), "N2-O2");
    assert_eq!(f(19, 13).trim_start_matches('='), "SUM(N2:N19)");
    let total = number(&again.get_value((19, 13)).cloned().unwrap());
    assert_eq!(total.round(), 1_235_417.0);
    assert_eq!(
        total.round() as i64,
        review["reforecast_change"]["cs_cost"]["reforecast"]
            .as_i64()
            .unwrap()
    );
    let approved_total = number(&again.get_value((19, 14)).cloned().unwrap());
    assert_eq!(
        approved_total.round() as i64,
        review["reforecast_change"]["cs_cost"]["plan"]
            .as_i64()
            .unwrap()
    );
    let first_arr = number(&again.get_value((1, 4)).cloned().unwrap());
    assert_eq!(
        first_arr as i64,
        review["reforecast"]["timeline"][0]["arr"].as_i64().unwrap()
            - review["plan_remaining"][0]["arr"].as_i64().unwrap()
    );

    // Re-forecast hires: the Mid-market CSM later (approved 2028-07), the Enterprise one dropped.
    let rh = book.worksheet_range("Re-forecast hires").unwrap();
    let rows: Vec<(String, String, String, String)> = rh
        .rows()
        .skip(1)
        .map(|r| (text(&r[1]), text(&r[2]), text(&r[3]), text(&r[7])))
        .collect();
    assert!(
        rows.contains(&(
            "2028-08".into(),
            "2028-07".into(),
            "CSM".into(),
            "later".into()
        )),
        "{rows:?}"
    );
    assert!(
        rows.contains(&(
            String::new(),
            "2029-03".into(),
            "CSM".into(),
            "dropped".into()
        )),
        "{rows:?}"
    );
}

/// A saved plan holds whole units only; reviewed with its base, its months get the planner's
/// unrounded costs back, so it reviews exactly as the base does, even where the loaded costs
/// are not whole (examples/every-rule.toml).
#[test]
fn a_saved_plan_with_its_base_reviews_as_the_base_does() {
    let dir = scratch("review-saved-exact");
    let base = "examples/every-rule.toml";
    let saved = dir.join("approved.json");
    csplan()
        .args(["plan", base, "--format", "json", "-o"])
        .arg(&saved)
        .assert()
        .success();
    let plan = json_of(&["plan", base, "--format", "json"]);
    let actuals = write(&dir, "actuals.csv", &actuals_as_planned(&plan, 8));
    for period in ["month", "quarter", "year"] {
        let from_base = json_of(&[
            "review",
            base,
            s(&actuals),
            "--format",
            "json",
            "--period",
            period,
        ]);
        let from_saved = json_of(&[
            "review",
            s(&saved),
            s(&actuals),
            "--base",
            base,
            "--format",
            "json",
            "--period",
            period,
        ]);
        assert_eq!(from_saved, from_base, "{period}");
    }
}
