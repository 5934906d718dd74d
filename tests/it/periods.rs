//! Fiscal periods: `[company] fiscal_year_start`, `--period quarter|year`, and partial first and
//! last periods marked in every format and every command that has periods.

use crate::common;

use common::{Scratch, csplan, scratch, stdout_of};
use serde_json::Value;

/// `text` written as `base.toml` in a fresh folder named for `name`: the folder (which goes
/// when dropped) and the file's path.
fn write_base(name: &str, text: &str) -> (Scratch, String) {
    let dir = scratch(name);
    dir.write("base.toml", text);
    let path = dir.file("base.toml");
    (dir, path)
}

/// A base starting in February with fiscal years from `fiscal` (none: January).
fn base(name: &str, fiscal: Option<u8>) -> (Scratch, String) {
    let fiscal = fiscal
        .map(|m| format!("fiscal_year_start = {m}\n"))
        .unwrap_or_default();
    write_base(
        name,
        &format!(
            "[company]\nname = \"Feb Co\"\nstart = \"2027-02\"\nhorizon_months = 18\n{fiscal}\
             [[segment]]\nname = \"Mid\"\ncustomers = 80\narpa = 20000\nannual_churn = 0.1\n\
             new_per_month = 3\n"
        ),
    )
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn periods(plan: &Value) -> Vec<(String, u64, bool)> {
    plan["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["period"].as_str().unwrap().to_string(),
                r["period_months"].as_u64().unwrap(),
                r["partial"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_february_start_makes_a_partial_first_quarter() {
    let (_dir, path) = base("partial-q", None);
    let plan = json(&["plan", &path, "--format", "json", "--period", "quarter"]);
    let p = periods(&plan);
    // 2027-02..2028-07: Q1 holds Feb and Mar, Q3 2028 holds July only.
    assert_eq!(p[0], ("2027-Q1".into(), 2, true));
    assert_eq!(p[1], ("2027-Q2".into(), 3, false));
    assert_eq!(p.last().unwrap(), &("2028-Q3".into(), 1, true));
    assert_eq!(p.iter().map(|x| x.1).sum::<u64>(), 18);

    let table = stdout_of(&["plan", &path, "--period", "quarter"]);
    assert!(
        table.contains(
            "Partial periods (*): 2027-Q1 holds 2 of 3 months, 2028-Q3 holds 1 of 3 months\n"
        ),
        "{table}"
    );
    assert!(table.lines().any(|l| l.starts_with("2027-Q1* ")), "{table}");
    let markdown = stdout_of(&["plan", &path, "--period", "quarter", "--format", "markdown"]);
    assert!(markdown.contains("| 2027-Q1\\* |"), "{markdown}");
    let csv = stdout_of(&["plan", &path, "--period", "quarter", "--format", "csv"]);
    assert!(
        csv.starts_with("period,month,period_months,partial,"),
        "{csv}"
    );
    assert!(csv.contains("\r\n2027-Q1,2,2,true,"), "{csv}");
}

#[test]
fn fiscal_quarters_and_years_follow_fiscal_year_start() {
    let (_dir, path) = base("fiscal-april", Some(4));
    let quarters = json(&["plan", &path, "--format", "json", "--period", "quarter"]);
    assert_eq!(quarters["assumptions"]["fiscal_year_start"], 4);
    let p = periods(&quarters);
    // Feb–Mar 2027 close FY2027 (April 2026 to March 2027); April 2027 opens FY2028.
    assert_eq!(p[0], ("FY2027-Q4".into(), 2, true));
    assert_eq!(p[1], ("FY2028-Q1".into(), 3, false));
    assert_eq!(p.last().unwrap(), &("FY2029-Q2".into(), 1, true));

    let years = json(&["plan", &path, "--format", "json", "--period", "year"]);
    assert_eq!(years["period"], "year");
    assert_eq!(
        periods(&years),
        [
            ("FY2027".to_string(), 2, true),
            ("FY2028".to_string(), 12, false),
            ("FY2029".to_string(), 4, true)
        ]
    );
    // A year's cost is the sum of its months; its headcount the last month's.
    let monthly = json(&["plan", &path, "--format", "json"]);
    let months = monthly["timeline"].as_array().unwrap();
    let cost = |from: usize, to: usize| -> i64 {
        months[from..to]
            .iter()
            .map(|m| m["cs_cost"].as_i64().unwrap())
            .sum()
    };
    let rows = years["timeline"].as_array().unwrap();
    // The year sums its unrounded months and rounds once: within a unit a month of the
    // rounded months' sum.
    let near = |row: &serde_json::Value, from: usize, to: usize| {
        let year = row["cs_cost"].as_i64().unwrap();
        assert!(
            (year - cost(from, to)).abs() <= (to - from) as i64,
            "{year}"
        );
    };
    near(&rows[0], 0, 2);
    near(&rows[1], 2, 14);
    near(&rows[2], 14, 18);
    assert_eq!(rows[1]["csm"], months[13]["csm"]);
}

#[test]
fn without_a_start_years_are_y1_y2() {
    let (_dir, path) = write_base(
        "plain-years",
        "[company]\nname = \"A\"\nhorizon_months = 20\n[[segment]]\nname = \"S\"\n\
         customers = 50\narpa = 20000\nannual_churn = 0.1\n",
    );
    let plan = json(&["plan", &path, "--format", "json", "--period", "year"]);
    assert_eq!(
        periods(&plan),
        [("Y1".to_string(), 12, false), ("Y2".to_string(), 8, true)]
    );
}

#[test]
fn fiscal_year_start_out_of_range_is_an_input_error() {
    let (_dir, path) = write_base(
        "fiscal-13",
        "[company]\nname = \"A\"\nfiscal_year_start = 13\n[[segment]]\nname = \"S\"\n\
         customers = 5\narpa = 20000\nannual_churn = 0.1\n",
    );
    let out = csplan().args(["check", &path]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(":3:21: [company] fiscal_year_start = 13 is out of range: allowed 1..=12 (the month the fiscal year starts: 4 means April)"),
        "{err}"
    );
}

#[test]
fn diff_and_simulate_work_in_fiscal_years() {
    let (_dir, path) = base("diff-years", Some(7));
    let diff = json(&["diff", &path, &path, "--period", "year", "--format", "json"]);
    assert_eq!(diff["period"], "year");
    let first = &diff["periods"][0];
    assert_eq!(first["period"], "FY2027");
    assert_eq!(first["partial"], true);
    assert_eq!(first["period_months"], 5);
    let table = stdout_of(&["diff", &path, &path, "--period", "year"]);
    assert!(
        table.contains("Partial periods (*): FY2027 holds 5 of 12 months"),
        "{table}"
    );

    let sim = json(&[
        "plan",
        &path,
        "--simulate",
        "5",
        "--period",
        "quarter",
        "--format",
        "json",
    ]);
    let rows = sim["timeline"].as_array().unwrap();
    assert_eq!(rows[0]["period"], "FY2027-Q3");
    assert_eq!(rows[0]["partial"], true);
    assert_eq!(rows[0]["period_months"], 2);
    let table = stdout_of(&["plan", &path, "--simulate", "5", "--period", "year"]);
    assert!(table.contains("FY2027*"), "{table}");
}
