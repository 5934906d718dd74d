//! `--format xlsx` read back with calamine: the named assumption cells, the live formulas of
//! the Timeline, Hires and Fiscal years sheets and their cached results against the JSON plan,
//! text that looks like a formula kept as text, and byte-identical reruns.

use crate::common;

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use common::{csplan, examples, scratch, stdout_of};
use serde_json::Value;

type Book = Xlsx<Cursor<Vec<u8>>>;

/// The workbook csplan writes into a pipe for `args`.
fn workbook_of(args: &[&str]) -> (Vec<u8>, Book) {
    let out = csplan().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "csplan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"PK"), "not a zip: {args:?}");
    let book = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    (bytes, book)
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

/// The value at 0-based (row, col).
fn at(range: &Range<Data>, row: usize, col: usize) -> Data {
    range
        .get_value((row as u32, col as u32))
        .cloned()
        .unwrap_or(Data::Empty)
}

/// The formula at 0-based (row, col), without its `=`.
fn formula_at(range: &Range<String>, row: usize, col: usize) -> String {
    range
        .get_value((row as u32, col as u32))
        .map(|f| f.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

fn number(data: &Data) -> f64 {
    match data {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

/// The column of `title` in a header row.
fn column(range: &Range<Data>, title: &str) -> usize {
    (0..range.width())
        .find(|&c| at(range, 0, c) == Data::String(title.to_string()))
        .unwrap_or_else(|| panic!("no column {title}"))
}

#[test]
fn every_example_workbook_matches_its_json_plan() {
    common::each(examples(), |name| {
        let path = format!("examples/{name}.toml");
        let (_, mut book) = workbook_of(&["plan", &path, "--format", "xlsx"]);
        let plan = json_of(&["plan", &path, "--format", "json"]);
        assert_eq!(
            book.sheet_names(),
            ["Assumptions", "Timeline", "Hires", "Fiscal years"],
            "{name}"
        );

        // Named cells hold the plan's assumptions.
        let names: Vec<(String, String)> = book.defined_names().to_vec();
        let assumptions = book.worksheet_range("Assumptions").unwrap();
        let named = |wanted: &str| -> f64 {
            let (_, cell) = names
                .iter()
                .find(|(n, _)| n == wanted)
                .unwrap_or_else(|| panic!("{name}: no name {wanted} in {names:?}"));
            // `Assumptions!$B$8`
            let row: usize = cell.rsplit('$').next().unwrap().parse().unwrap();
            assert!(cell.starts_with("Assumptions!$B$"), "{cell}");
            number(&at(&assumptions, row - 1, 1))
        };
        let a = &plan["assumptions"];
        for (cell, role) in [
            ("CSM_Loaded_Cost", "csm"),
            ("Support_Loaded_Cost", "support"),
            ("Onboarding_Loaded_Cost", "onboarding"),
            ("Lead_Loaded_Cost", "lead"),
            ("Manager_Loaded_Cost", "manager"),
        ] {
            assert_eq!(
                named(cell),
                a["salaries"][role].as_f64().unwrap(),
                "{name} {cell}"
            );
        }
        assert_eq!(named("CSM_Spend_Cap"), a["csm_spend_cap"].as_f64().unwrap());
        assert_eq!(named("ARR_Per_CSM"), a["arr_per_csm"].as_f64().unwrap());

        // Timeline: the plan's figures, and formulas whose cached results are the JSON's.
        let timeline = book.worksheet_range("Timeline").unwrap();
        let formulas = book.worksheet_formula("Timeline").unwrap();
        let rows = plan["timeline"].as_array().unwrap();
        assert_eq!(timeline.height(), rows.len() + 1, "{name}");
        let col = |title: &str| column(&timeline, title);
        let (csms, arr, cost, ratio, over) = (
            col("CSMs"),
            col("ARR"),
            col("CS cost (month)"),
            col("Annual CSM spend / ARR"),
            col("Over CSM spend cap"),
        );
        let csm_cost = col("CSM cost (month)");
        let (leads, promoted, lead_cost) = (
            col("Head of CS"),
            col("Head of CS promoted from within"),
            col("Head of CS cost (month)"),
        );
        // Each role's headcount and cost columns, with the plan's key for them.
        let roles = [
            ("CSMs", "CSM cost (month)", "csm", "csm"),
            ("Support", "Support cost (month)", "support", "support"),
            (
                "Onboarding",
                "Onboarding cost (month)",
                "onboarding",
                "onboarding",
            ),
            ("Head of CS", "Head of CS cost (month)", "lead", "lead"),
            ("Managers", "Managers cost (month)", "managers", "manager"),
        ];
        for (i, row) in rows.iter().enumerate() {
            let r = i + 1;
            let n = r + 1;
            let at_row = |c: usize| at(&timeline, r, c);
            assert_eq!(
                at_row(0),
                Data::String(row["period"].as_str().unwrap().into())
            );
            assert_eq!(number(&at_row(csms)), row["csm"].as_f64().unwrap());
            assert_eq!(number(&at_row(arr)), row["arr"].as_f64().unwrap());
            // Rule coverage-response: the ARR the uncovered books hold, as the JSON has it.
            assert_eq!(
                number(&at_row(col("ARR at risk (books uncovered)"))),
                row["arr_at_risk"].as_f64().unwrap(),
                "{name} {n}"
            );
            assert_eq!(
                number(&at_row(col("Of it, churned ARR a year"))),
                row["churned_arr_at_risk"].as_f64().unwrap(),
                "{name} {n}"
            );
            assert_eq!(
                formula_at(&formulas, r, csm_cost),
                format!("I{n}*CSM_Loaded_Cost/12")
            );
            assert_eq!(formula_at(&formulas, r, cost), format!("SUM(P{n}:T{n})"));
            assert_eq!(
                formula_at(&formulas, r, lead_cost),
                format!(
                    "((L{n}-N{n})*Lead_Loaded_Cost+N{n}*MAX(Manager_Loaded_Cost,CSM_Loaded_Cost))/12"
                )
            );
            assert_eq!(
                formula_at(&formulas, r, col("Managers cost (month)")),
                format!("M{n}*Manager_Loaded_Cost/12")
            );
            // The promoted head of CS counts from the month the plan's promotion takes effect.
            let promotion_month = plan["hires"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h["kind"] == "promotion")
                .map(|h| h["start_month"].as_u64().unwrap());
            let month = row["month"].as_u64().unwrap();
            let expected_promoted = match promotion_month {
                Some(m) if month >= m => row["lead"].as_f64().unwrap().min(1.0),
                _ => 0.0,
            };
            assert_eq!(number(&at_row(promoted)), expected_promoted, "{name} {n}");
            assert!(number(&at_row(promoted)) <= number(&at_row(leads)));
            // Each role: the plan's headcount, and a cost within half a unit of the JSON's.
            for (people, cost_title, key, cost_key) in roles {
                assert_eq!(
                    number(&at_row(col(people))),
                    row[key].as_f64().unwrap(),
                    "{name} {n} {key}"
                );
                // The named cells hold the JSON's loaded costs, rounded to whole units: half a
                // unit a year per person more.
                let cached = number(&at_row(col(cost_title)));
                let json = row["cost"][cost_key].as_f64().unwrap();
                let heads = row[key].as_f64().unwrap();
                assert!(
                    (cached - json).abs() <= 0.5 + heads * 0.5 / 12.0,
                    "{name} {n} {cost_key}: {cached} vs {json}"
                );
            }
            assert_eq!(
                formula_at(&formulas, r, ratio),
                format!("IF(E{n}>0,I{n}*CSM_Loaded_Cost/E{n},IF(I{n}>0,\"n/a\",0))")
            );
            assert_eq!(
                formula_at(&formulas, r, over),
                format!("IF(ISNUMBER(V{n}),V{n}>CSM_Spend_Cap,TRUE)")
            );
            // Unrounded in the sheet, whole units in the JSON: within half a unit per role.
            let cached = number(&at_row(cost));
            let json = row["cs_cost"].as_f64().unwrap();
            assert!(
                (cached - json).abs() <= 2.5,
                "{name} {n}: {cached} vs {json}"
            );
            match row["csm_spend_ratio"].as_f64() {
                Some(json) => {
                    let cached = number(&at_row(ratio));
                    assert!(
                        (cached - json).abs() <= 5e-5,
                        "{name} {n}: {cached} vs {json}"
                    );
                }
                None => assert_eq!(at_row(ratio), Data::String("n/a".into())),
            }
            assert_eq!(
                at_row(over),
                Data::Bool(row["over_cap"].as_bool().unwrap()),
                "{name} row {n}"
            );
        }

        // Hires: one row per requisition, its annual cost the named cell of its role; a
        // promotion's the promoted lead's, which is what the plan's lead cost rises by in its
        // month beside the hired heads in post.
        let hires = book.worksheet_range("Hires").unwrap();
        let hire_formulas = book.worksheet_formula("Hires").unwrap();
        let json_hires = plan["hires"].as_array().unwrap();
        assert_eq!(hires.height().max(1), json_hires.len() + 1, "{name}");
        for (i, hire) in json_hires.iter().enumerate() {
            let r = i + 1;
            assert_eq!(
                at(&hires, r, 0),
                Data::String(hire["open"].as_str().unwrap().into())
            );
            assert_eq!(
                at(&hires, r, 4),
                Data::String(hire["rule"].as_str().unwrap().into())
            );
            let role = hire["role"].as_str().unwrap();
            let kind = hire["kind"].as_str().unwrap();
            assert_eq!(at(&hires, r, 9), Data::String(kind.into()));
            let cached = number(&at(&hires, r, 7));
            if kind == "promotion" {
                assert_eq!(
                    formula_at(&hire_formulas, r, 7),
                    "MAX(Manager_Loaded_Cost,CSM_Loaded_Cost)"
                );
                let month = hire["start_month"].as_u64().unwrap();
                let row = rows
                    .iter()
                    .find(|row| row["month"].as_u64() == Some(month))
                    .unwrap();
                let heads = row["lead"].as_f64().unwrap() - 1.0;
                let json = row["cost"]["lead"].as_f64().unwrap() * 12.0
                    - heads * a["salaries"]["lead"].as_f64().unwrap();
                assert!((cached - json).abs() <= 6.0, "{name}: {cached} vs {json}");
                continue;
            }
            let name_of = match role {
                "csm" => "CSM_Loaded_Cost",
                "support" => "Support_Loaded_Cost",
                "onboarding" => "Onboarding_Loaded_Cost",
                "manager" => "Manager_Loaded_Cost",
                _ => "Lead_Loaded_Cost",
            };
            assert_eq!(formula_at(&hire_formulas, r, 7), name_of);
            assert_eq!(cached, a["salaries"][role].as_f64().unwrap());
        }

        // Fiscal years: SUMIF over the Timeline, cached as the yearly plan's sums.
        let years = book.worksheet_range("Fiscal years").unwrap();
        let year_formulas = book.worksheet_formula("Fiscal years").unwrap();
        let yearly = json_of(&["plan", &path, "--format", "json", "--period", "year"]);
        let yearly = yearly["timeline"].as_array().unwrap();
        assert_eq!(
            years.height(),
            yearly.len() + 2,
            "{name}: header, years, total"
        );
        for (i, year) in yearly.iter().enumerate() {
            let r = i + 1;
            assert_eq!(
                at(&years, r, 0),
                Data::String(year["period"].as_str().unwrap().into())
            );
            assert_eq!(
                number(&at(&years, r, 1)),
                year["period_months"].as_f64().unwrap()
            );
            assert_eq!(
                at(&years, r, 2),
                Data::Bool(year["partial"].as_bool().unwrap())
            );
            let last = rows.len() + 1;
            assert_eq!(
                formula_at(&year_formulas, r, 5),
                format!(
                    "SUMIF(Timeline!$C$2:$C${last},$A${},Timeline!$U$2:$U${last})",
                    r + 1
                )
            );
            let cached = number(&at(&years, r, 5));
            let json = year["cs_cost"].as_f64().unwrap();
            let months = year["period_months"].as_f64().unwrap();
            assert!(
                (cached - json).abs() <= 2.5 * months,
                "{name}: {cached} vs {json}"
            );
            assert_eq!(
                number(&at(&years, r, 3)),
                year["new_hires"].as_f64().unwrap()
            );
        }
        let total = yearly.len() + 1;
        assert_eq!(at(&years, total, 0), Data::String("Total".into()));
        let json_total = plan["totals"]["cs_cost"].as_f64().unwrap();
        let cached_total = number(&at(&years, total, 5));
        assert!(
            (cached_total - json_total).abs() <= 2.5 * rows.len() as f64,
            "{name}: {cached_total} vs {json_total}"
        );
    });
}

#[test]
fn a_quarterly_workbook_adds_a_quarters_sheet_and_is_byte_identical_on_rerun() {
    let args = [
        "plan",
        "examples/growth.toml",
        "--format",
        "xlsx",
        "--period",
        "quarter",
    ];
    let (first, mut book) = workbook_of(&args);
    let (second, _) = workbook_of(&args);
    assert!(first == second, "two runs gave different bytes");
    assert_eq!(
        book.sheet_names(),
        [
            "Assumptions",
            "Timeline",
            "Hires",
            "Quarters",
            "Fiscal years"
        ]
    );
    let quarters = book.worksheet_range("Quarters").unwrap();
    assert_eq!(at(&quarters, 1, 0), Data::String("2027-Q1".into()));
    assert_eq!(quarters.height(), 8 + 2);
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let dir = scratch("xlsx-inert");
    let base = dir.join("base.toml");
    std::fs::write(
        &base,
        "[company]\nname = \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\nstart = \"2027-01\"\n\
         horizon_months = 6\n[[segment]]\nname = \"+SUM(A1:A9)\"\ncustomers = 40\narpa = 20000\n\
         annual_churn = 0.1\n[[segment]]\nname = \"@cmd\"\ncustomers = 10\narpa = 9000\n\
         annual_churn = 0.1\n",
    )
    .unwrap();
    let base = base.to_str().unwrap();
    let (_, mut book) = workbook_of(&["plan", base, "--format", "xlsx"]);
    let assumptions = book.worksheet_range("Assumptions").unwrap();
    let formulas = book.worksheet_formula("Assumptions").unwrap();
    assert_eq!(
        at(&assumptions, 1, 1),
        Data::String("=HYPERLINK(\"http://x\",\"y\")".into())
    );
    let texts: Vec<String> = assumptions
        .rows()
        .flatten()
        .filter_map(|d| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(texts.contains(&"+SUM(A1:A9)".to_string()), "{texts:?}");
    assert!(texts.contains(&"@cmd".to_string()), "{texts:?}");
    // No cell of the Assumptions sheet is a formula.
    assert!(
        formulas.rows().flatten().all(|f| f.is_empty()),
        "{formulas:?}"
    );

    // The same through the one-sheet workbooks: a stance comparison keyed by a hostile name.
    let (_, mut book) = workbook_of(&["plan", base, "--compare-stances", "--format", "xlsx"]);
    let sheet = book.worksheet_range("Stances").unwrap();
    let formulas = book.worksheet_formula("Stances").unwrap();
    assert!(formulas.rows().flatten().all(|f| f.is_empty()));
    assert!(
        sheet
            .rows()
            .skip(1)
            .all(|r| matches!(r[0], Data::String(_)))
    );
}

#[test]
fn every_writer_has_a_workbook() {
    let dir = scratch("xlsx-writers");
    let out = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "plan".into(),
                "examples/growth.toml".into(),
                "--compare-stances".into(),
            ],
            "Stances",
        ),
        (
            vec![
                "plan".into(),
                "examples/growth-ranges.toml".into(),
                "--simulate".into(),
                "20".into(),
            ],
            "Simulation",
        ),
        (
            vec![
                "diff".into(),
                "examples/growth.toml".into(),
                "examples/growth-revised.toml".into(),
            ],
            "Diff",
        ),
        (
            vec![
                "health".into(),
                "examples/growth-accounts.csv".into(),
                "--base".into(),
                "examples/growth.toml".into(),
            ],
            "Accounts",
        ),
    ];
    for (i, (mut args, sheet)) in cases.into_iter().enumerate() {
        let file = out(&format!("out{i}.xlsx"));
        args.extend(["-o".to_string(), file.clone()]);
        let status = csplan().args(&args).output().unwrap();
        assert!(
            status.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        assert!(status.stdout.is_empty());
        let mut book: Xlsx<_> = calamine::open_workbook(&file).unwrap();
        assert_eq!(book.sheet_names(), [sheet], "{args:?}");
        let range = book.worksheet_range(sheet).unwrap();
        assert!(range.height() >= 2, "{args:?}: {} rows", range.height());
        // A numeric column is written as numbers, not text.
        assert!(
            range
                .rows()
                .nth(1)
                .unwrap()
                .iter()
                .any(|d| matches!(d, Data::Float(_))),
            "{args:?}"
        );
    }
}

#[test]
fn a_workbook_is_never_written_to_a_terminal() {
    // `script` gives csplan a terminal for stdout; skip where it is not installed.
    let Ok(probe) = std::process::Command::new("script")
        .arg("--version")
        .output()
    else {
        return;
    };
    if !probe.status.success() {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("csplan");
    let out = std::process::Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "{} plan examples/growth.toml --format xlsx",
            bin.display()
        ))
        .arg("/dev/null")
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("an XLSX workbook is binary"), "{text}");
    assert!(text.contains("-o plan.xlsx"), "{text}");
    assert!(!text.contains("PK"), "{text}");
}
