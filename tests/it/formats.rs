//! Every way a plan leaves csplan: CSV and Markdown, the JSON checked against its own schema,
//! the terminal table's width and colour, the stance comparison and the chart file.

use crate::common;

use common::{csplan, examples, scratch, stdout_of, strip_ansi};
use csplan::PlanOptions;
use csplan::plan::PeriodKind;
use csplan::render;
use predicates::prelude::*;
use serde_json::Value;

/// A 24-month base with large numbers and every flag at once (cap, churn, short).
const WIDE_BASE: &str = r#"
[company]
name = "Wide Numbers Inc"
start = "2027-01"
horizon_months = 24
csm_spend_cap = 0.015
hire_lead_months = 3
[team]
csm = 10
[[segment]]
name = "Mid"
customers = 2500
arpa = 20000
monthly_churn = 0.025
new_per_month = 150
new_growth = 0.3
"#;

#[test]
fn csv_has_a_header_and_one_record_per_period() {
    common::each(&examples(), |name| {
        let path = format!("examples/{name}.toml");
        for period in ["month", "quarter"] {
            let json = stdout_of(&["plan", &path, "--period", period, "--format", "json"]);
            let plan: Value = serde_json::from_str(&json).unwrap();
            let timeline = plan["timeline"].as_array().unwrap();
            let csv = stdout_of(&["plan", &path, "--period", period, "--format", "csv"]);
            // RFC 4180 line ends: CRLF after the header and after every record.
            assert_eq!(csv.matches("\r\n").count(), timeline.len() + 1);
            assert_eq!(csv.matches('\n').count(), timeline.len() + 1);
            assert!(csv.ends_with("\r\n"));
            let mut reader = csv::Reader::from_reader(csv.as_bytes());
            let header = reader.headers().unwrap().clone();
            let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
            assert_eq!(records.len(), timeline.len(), "{path} {period}");
            let column = |name: &str| {
                header
                    .iter()
                    .position(|h| h == name)
                    .unwrap_or_else(|| panic!("{path}: no column {name}"))
            };
            for (record, row) in records.iter().zip(timeline) {
                assert_eq!(record.len(), header.len());
                assert_eq!(&record[column("period")], row["period"].as_str().unwrap());
                assert_eq!(record[column("cs_cost")], row["cs_cost"].to_string());
                assert_eq!(record[column("cost.csm")], row["cost"]["csm"].to_string());
                let ratio = &record[column("csm_spend_ratio")];
                match &row["csm_spend_ratio"] {
                    Value::Null => assert_eq!(ratio, ""),
                    value => assert_eq!(ratio, value.to_string()),
                }
                for segment in row["segments"].as_array().unwrap() {
                    let seg = segment["name"].as_str().unwrap();
                    assert_eq!(
                        record[column(&format!("segments.{seg}.arr"))],
                        segment["arr"].to_string()
                    );
                }
            }
        }
    });
}

#[test]
fn csv_quotes_names_with_commas() {
    let base = std::fs::read_to_string("examples/seed.toml")
        .unwrap()
        .replace("name = \"SMB\"", "name = \"SMB, \\\"self-serve\\\"\"");
    let out = csplan()
        .args(["plan", "-", "--format", "csv"])
        .write_stdin(base)
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",\"segments.SMB, \"\"self-serve\"\".arr\","),
        "{header}"
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert!(
        reader
            .headers()
            .unwrap()
            .iter()
            .any(|h| h == "segments.SMB, \"self-serve\".customers")
    );
}

#[test]
fn markdown_has_a_table_row_per_period() {
    common::each(&examples(), |name| {
        let path = format!("examples/{name}.toml");
        let md = stdout_of(&["plan", &path, "--format", "markdown", "--period", "quarter"]);
        assert!(md.starts_with("### "), "{md}");
        let json = stdout_of(&["plan", &path, "--format", "json", "--period", "quarter"]);
        let plan: Value = serde_json::from_str(&json).unwrap();
        let periods: Vec<&str> = plan["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["period"].as_str().unwrap())
            .collect();
        let rows: Vec<&str> = md
            .lines()
            .filter(|l| periods.iter().any(|p| l.starts_with(&format!("| {p} |"))))
            .collect();
        assert_eq!(rows.len(), periods.len(), "{md}");
        let columns = md.lines().find(|l| l.starts_with("| Period")).unwrap();
        assert!(
            rows.iter()
                .all(|r| r.matches(" | ").count() == columns.matches(" | ").count())
        );
    });
}

fn validator(document: &str) -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(&stdout_of(&["schema", document])).unwrap();
    let url = format!("csplan://{document}.schema.json");
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(&url, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(&url, &mut schemas).unwrap();
    (schemas, index)
}

fn assert_valid(schemas: &boon::Schemas, index: boon::SchemaIndex, what: &str, json: &str) {
    let value: Value = serde_json::from_str(json).unwrap();
    if let Err(e) = schemas.validate(&value, index) {
        panic!("{what} does not match its schema: {e:#}");
    }
}

#[test]
fn every_json_output_validates_against_its_schema() {
    let (plans, plan) = validator("plan");
    let (diffs, diff) = validator("diff");
    let (comparisons, comparison) = validator("stances");
    common::each(&examples(), |name| {
        let path = format!("examples/{name}.toml");
        for period in ["month", "quarter"] {
            let json = stdout_of(&["plan", &path, "--format", "json", "--period", period]);
            assert_valid(&plans, plan, &format!("{path} {period}"), &json);
        }
        for period in ["month", "quarter"] {
            let json = stdout_of(&["diff", &path, &path, "--format", "json", "--period", period]);
            assert_valid(&diffs, diff, &format!("diff of {path} {period}"), &json);
        }
        let json = stdout_of(&["plan", &path, "--compare-stances", "--format", "json"]);
        assert_valid(&comparisons, comparison, &format!("{path} stances"), &json);
    });
    // The schema is strict enough to catch a broken plan.
    let json = stdout_of(&["plan", "examples/seed.toml", "--format", "json"]);
    let mut broken: Value = serde_json::from_str(&json).unwrap();
    broken["timeline"][0]["csm"] = Value::from("two");
    assert!(plans.validate(&broken, plan).is_err());
    broken = serde_json::from_str(&json).unwrap();
    broken.as_object_mut().unwrap().remove("timeline");
    assert!(plans.validate(&broken, plan).is_err());
}

#[test]
fn every_example_base_validates_against_the_input_schema() {
    let (schemas, input) = validator("input");
    common::each(&examples(), |name| {
        let text = std::fs::read_to_string(format!("examples/{name}.toml")).unwrap();
        let base: Value = toml::from_str(&text).unwrap();
        if let Err(e) = schemas.validate(&base, input) {
            panic!("examples/{name}.toml does not match the input schema: {e:#}");
        }
    });
    let unknown: Value = toml::from_str("[company]\nname = \"A\"\nnmae = \"B\"\n").unwrap();
    assert!(schemas.validate(&unknown, input).is_err());
}

fn widest_line(text: &str) -> (usize, String) {
    text.lines()
        .map(|l| (l.chars().count(), l.to_string()))
        .max()
        .unwrap_or_default()
}

/// Every kind of command that prints a table, once or twice each: the widths of each example's
/// tables are checked in process; these check that the binary lays out at the width it is given.
fn table_commands() -> Vec<Vec<String>> {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut commands = vec![
        args(&["plan", "examples/every-rule.toml", "--period", "quarter"]),
        args(&[
            "diff",
            "examples/growth.toml",
            "examples/growth-revised.toml",
        ]),
        args(&["plan", "examples/growth.toml", "--compare-stances"]),
        args(&[
            "health",
            "examples/growth-accounts.csv",
            "--base",
            "examples/growth.toml",
        ]),
        args(&[
            "health",
            "examples/growth-accounts.csv",
            "--as-of",
            "2027-06-01",
        ]),
        args(&["explain"]),
        args(&["explain", "--keys"]),
    ];
    for period in ["month", "quarter"] {
        commands.push(args(&[
            "plan",
            "examples/growth.toml",
            "--accounts",
            "examples/growth-accounts.csv",
            "--period",
            period,
        ]));
        commands.push(args(&[
            "plan",
            "examples/growth-ranges.toml",
            "--simulate",
            "20",
            "--period",
            period,
        ]));
    }
    commands
}

fn output_at(args: &[String], columns: Option<&str>, stdin: Option<&str>) -> String {
    let mut cmd = csplan();
    cmd.args(args);
    if let Some(columns) = columns {
        cmd.env("COLUMNS", columns);
    }
    if let Some(stdin) = stdin {
        cmd.write_stdin(stdin);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Fails unless no line of `text` is wider than `columns`.
fn assert_fits(text: &str, columns: usize, what: &str) {
    let (width, line) = widest_line(text);
    assert!(
        width <= columns,
        "{what} at {columns}: {width} columns: {line}"
    );
}

/// The tables of every example (plan, diff with itself and stance comparison, monthly and
/// quarterly) and of a base with the widest numbers, at 80 and 100 columns, as the binary
/// renders them.
#[test]
fn every_example_s_tables_fit_80_and_100_columns() {
    use csplan::render::{Render, RenderOptions, fit};
    let options = PlanOptions::default();
    let at = |columns: usize| RenderOptions {
        colour: false,
        width: fit::usable_width(columns),
    };
    let mut bases: Vec<(String, csplan::model::Base)> = examples()
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(format!("examples/{name}.toml")).unwrap();
            (name, csplan::input::parse_bytes(&bytes).unwrap())
        })
        .collect();
    bases.push(("wide".into(), csplan::input::parse(WIDE_BASE).unwrap()));
    for (name, base) in &bases {
        let summary = csplan::plan_summary(base, &options).unwrap();
        let comparison = csplan::compare::compare_stances(base, &options).unwrap();
        for period in [PeriodKind::Month, PeriodKind::Quarter] {
            let shown = summary.in_periods(period).into_owned();
            let mut diff = csplan::diff::diff(&shown, &shown).unwrap();
            diff.old.source = Some(format!("examples/{name}.toml"));
            diff.new.source = Some(format!("examples/{name}.toml"));
            for columns in [80, 100] {
                let table = shown.table(at(columns));
                if name == "wide" {
                    assert!(table.contains("cap churn short"), "{table}");
                }
                assert_fits(&table, columns, &format!("plan {name} {period:?}"));
                assert_fits(
                    &diff.table(at(columns)),
                    columns,
                    &format!("diff {name} {period:?}"),
                );
            }
        }
        for columns in [80, 100] {
            let table = comparison.table(at(columns));
            assert_fits(&table, columns, &format!("stances {name}"));
        }
    }
    // Narrower than 80 lays out for 80; 100 is the default.
    assert_eq!(fit::usable_width(60), 80);
    assert_eq!(fit::DEFAULT_WIDTH, 100);
}

#[test]
fn every_command_lays_out_at_the_width_it_is_given_and_100_by_default() {
    for args in table_commands() {
        let default = output_at(&args, None, None);
        assert_eq!(
            output_at(&args, Some("100"), None),
            default,
            "{args:?}: the default is 100"
        );
        let at_80 = output_at(&args, Some("80"), None);
        assert_fits(&default, 100, &format!("{args:?}"));
        assert_fits(&at_80, 80, &format!("{args:?}"));
        // Narrower than 80 lays out for 80; an unreadable COLUMNS is ignored.
        assert_eq!(output_at(&args, Some("60"), None), at_80, "{args:?}");
        assert_eq!(output_at(&args, Some("wide"), None), default, "{args:?}");
    }
    // The binary's table is the library's at the same width.
    let base = csplan::input::parse_bytes(&std::fs::read("examples/growth.toml").unwrap()).unwrap();
    let summary = csplan::plan_summary(&base, &PlanOptions::default()).unwrap();
    let options = csplan::render::RenderOptions {
        colour: false,
        width: 80,
    };
    assert_eq!(
        output_at(
            &["plan".into(), "examples/growth.toml".into()],
            Some("80"),
            None
        ),
        csplan::render::Render::table(&summary, options)
    );
}

#[test]
fn a_narrow_terminal_keeps_every_figure_but_the_team_bar() {
    let wide = stdout_of(&["plan", "examples/growth.toml"]);
    let narrow = output_at(
        &["plan", "examples/growth.toml"].map(String::from),
        Some("80"),
        None,
    );
    assert!(wide.contains('█') && !narrow.contains('█'), "{narrow}");
    let rows = |text: &str| text.lines().filter(|l| l.starts_with("20")).count();
    assert_eq!(rows(&wide), rows(&narrow));
    // The ARR of the last month is there either way.
    assert!(
        wide.contains("$6,619,598") && narrow.contains("$6,619,598"),
        "{narrow}"
    );
    // A quarter's CS cost is wider: money shortens to three figures to fit.
    let args = ["plan", "examples/every-rule.toml", "--period", "quarter"].map(String::from);
    let quarters = output_at(&args, Some("80"), None);
    assert!(
        quarters.contains("€2.13M") && !quarters.contains("€2,128,414 "),
        "{quarters}"
    );
    for header in ["CS cost", "CSM/ARR", "Flags"] {
        assert!(narrow.contains(header), "{header}: {narrow}");
    }
}

#[test]
fn the_team_bar_grows_with_headcount() {
    let table = stdout_of(&["plan", "examples/growth.toml"]);
    let bars: Vec<usize> = table
        .lines()
        .filter(|l| l.starts_with("20"))
        .map(|l| {
            l.chars()
                .filter(|c| ('\u{2588}'..='\u{258f}').contains(c))
                .count()
        })
        .collect();
    assert_eq!(bars.len(), 24);
    assert!(bars.windows(2).all(|w| w[0] <= w[1]), "{bars:?}");
    assert_eq!(*bars.last().unwrap(), 4, "the peak team fills the bar");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = stdout_of(&["plan", "examples/every-rule.toml"]);
    assert!(!plain.contains('\u{1b}'), "piped output has no colour");
    let coloured = stdout_of(&["plan", "examples/every-rule.toml", "--color", "always"]);
    assert!(coloured.contains("\u{1b}["));
    assert_eq!(
        strip_ansi(&coloured),
        plain,
        "colour never changes the layout"
    );
    // CLICOLOR_FORCE forces colour into a pipe, unless NO_COLOR says no.
    let forced = csplan()
        .args(["plan", "examples/seed.toml"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains('\u{1b}'));
    let vetoed = csplan()
        .args(["plan", "examples/seed.toml"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(vetoed.stdout).unwrap().contains('\u{1b}'));
    // Machine formats never carry colour.
    let json = stdout_of(&[
        "plan",
        "examples/seed.toml",
        "--format",
        "json",
        "--color",
        "always",
    ]);
    assert!(!json.contains('\u{1b}'));
}

#[test]
fn the_same_input_gives_the_same_bytes_in_every_format() {
    for format in ["csv", "markdown"] {
        let a = stdout_of(&["plan", "examples/growth.toml", "--format", format]);
        let b = stdout_of(&["plan", "examples/growth.toml", "--format", format]);
        assert_eq!(a, b, "{format}");
    }
    let a = stdout_of(&["plan", "examples/growth.toml", "--compare-stances"]);
    let b = stdout_of(&["plan", "examples/growth.toml", "--compare-stances"]);
    assert_eq!(a, b);
}

#[test]
fn compare_stances_puts_the_three_plans_side_by_side() {
    let table = stdout_of(&["plan", "examples/growth.toml", "--compare-stances"]);
    let header = table.lines().find(|l| l.contains("lean")).unwrap();
    assert!(
        header.contains("balanced") && header.contains("ahead"),
        "{header}"
    );
    for measure in [
        "Hires in the horizon",
        "Team at 2028-12",
        "CS cost over 24 months",
        "Months over the 10.0% cap",
    ] {
        assert!(table.contains(measure), "{measure} missing:\n{table}");
    }
    let json = stdout_of(&[
        "plan",
        "examples/growth.toml",
        "--compare-stances",
        "--format",
        "json",
    ]);
    let comparison: Value = serde_json::from_str(&json).unwrap();
    let stances = comparison["stances"].as_array().unwrap();
    let names: Vec<&str> = stances
        .iter()
        .map(|s| s["stance"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["lean", "balanced", "ahead"]);
    // Each column is the plan of that stance.
    for s in stances {
        let stance = s["stance"].as_str().unwrap();
        let plan: Value = serde_json::from_str(&stdout_of(&[
            "plan",
            "examples/growth.toml",
            "--stance",
            stance,
            "--format",
            "json",
        ]))
        .unwrap();
        assert_eq!(s["cs_cost"], plan["totals"]["cs_cost"], "{stance}");
        let over = plan["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["over_cap"] == true)
            .count();
        assert_eq!(s["months_over_cap"], over, "{stance}");
    }
    // The trade-offs weigh each later stance against lean, and the table states them from the
    // JSON's figures: growth's ahead costs more and ends with more people.
    let trade_offs = comparison["trade_offs"].as_array().unwrap();
    assert_eq!(trade_offs.len(), 2);
    let figure = |v: &Value, key: &str| v[key].as_i64().unwrap();
    for (t, s) in trade_offs.iter().zip(&stances[1..]) {
        assert_eq!(t["stance"], s["stance"]);
        assert_eq!(t["against"], "lean");
        for (change, key) in [
            ("cs_cost_change", "cs_cost"),
            ("end_team_change", "end_team"),
            ("months_short_change", "months_short"),
            ("months_over_cap_change", "months_over_cap"),
        ] {
            assert_eq!(
                figure(t, change),
                figure(s, key) - figure(&stances[0], key),
                "{change}"
            );
        }
    }
    let ahead = &trade_offs[1];
    let cost = ahead["cs_cost_change"].as_i64().unwrap();
    assert!(cost > 0 && figure(ahead, "end_team_change") == 1, "{ahead}");
    let pct = cost as f64 * 100.0 / figure(&stances[0], "cs_cost") as f64;
    assert_eq!(ahead["cs_cost_change_pct"], (pct * 10.0).round() / 10.0);
    let line = format!(
        "ahead: costs {} more than lean ({:+.1}%), with 1 more person at 2028-12,",
        csplan::format::money(cost as f64, "USD"),
        ahead["cs_cost_change_pct"].as_f64().unwrap()
    );
    assert!(table.contains(&line), "{line:?} missing:\n{table}");
    let csv = stdout_of(&[
        "plan",
        "examples/growth.toml",
        "--compare-stances",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.lines().count(), 4, "a header and one row per stance");
    csplan()
        .args([
            "plan",
            "examples/growth.toml",
            "--compare-stances",
            "--stance",
            "lean",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn fail_over_cap_holds_for_quarters_too() {
    // The seed example at a 7% cap breaks it in its first months; at the default 10% it does not.
    let tight = std::fs::read_to_string("examples/seed.toml")
        .unwrap()
        .replace(
            "hire_lead_months = 2",
            "hire_lead_months = 2\ncsm_spend_cap = 0.07",
        );
    csplan()
        .args(["plan", "-", "--period", "quarter", "--fail-over-cap"])
        .write_stdin(tight)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--fail-over-cap"));
    let relaxed = std::fs::read_to_string("examples/seed.toml").unwrap();
    csplan()
        .args(["plan", "-", "--period", "quarter", "--fail-over-cap"])
        .write_stdin(relaxed)
        .assert()
        .code(0)
        .stderr("");
}

/// The plan of an example, as `plan` shows it in `period`.
fn example_plan(example: &str, period: PeriodKind) -> csplan::plan::Plan {
    let text = std::fs::read_to_string(format!("examples/{example}.toml")).unwrap();
    let base = csplan::input::parse_bytes(text.as_bytes()).unwrap();
    let options = csplan::PlanOptions {
        months: None,
        stance: None,
        within_budget: false,
    };
    csplan::plan(&base, &options)
        .unwrap()
        .in_periods(period)
        .into_owned()
}

/// A PNG's width and height, from its IHDR chunk (big-endian, at bytes 16..24).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (size(16), size(20))
}

#[test]
fn every_example_charts_as_a_png_with_the_same_bytes_on_every_run() {
    // Drawn in process: the renderer is the library's; one run of the binary below checks
    // that `--chart x.png` writes these same bytes.
    common::each(examples(), |example| {
        for period in [PeriodKind::Month, PeriodKind::Quarter] {
            let plan = example_plan(&example, period);
            let bytes = render::render_chart_png(&plan);
            // Twice the SVG's 1200×940.
            assert_eq!(png_size(&bytes), (2400, 1880), "{example} {period:?}");
            assert_eq!(
                render::render_chart(&plan),
                render::render_chart(&example_plan(&example, period)),
                "{example} {period:?}: the chart differs between runs"
            );
        }
    });
    let plan = example_plan("growth", PeriodKind::Quarter);
    assert_eq!(
        render::render_chart_png(&plan),
        render::render_chart_png(&plan),
        "the same chart rasterises to other bytes"
    );
}

#[test]
fn the_binary_writes_the_png_the_library_draws() {
    let dir = scratch("chart-png");
    let png = dir.path("plan.png");
    csplan()
        .args([
            "plan",
            "examples/growth.toml",
            "--period",
            "quarter",
            "--chart",
        ])
        .arg(&png)
        .assert()
        .success();
    let expected = render::render_chart_png(&example_plan("growth", PeriodKind::Quarter));
    assert!(
        std::fs::read(&png).unwrap() == expected,
        "other bytes than the library's"
    );
}

#[test]
fn the_chart_is_an_svg_file_written_whole() {
    let dir = scratch("chart");
    let chart = dir.join("plan.svg");
    let table = csplan()
        .args(["plan", "examples/growth.toml", "--chart"])
        .arg(&chart)
        .output()
        .unwrap();
    assert!(table.status.success());
    assert_eq!(
        String::from_utf8(table.stdout).unwrap(),
        stdout_of(&["plan", "examples/growth.toml"]),
        "the table still goes to stdout"
    );
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    for text in [
        "Northwind Ops",
        "2027-01",
        "spend cap: 10.0% × ARR / 12, against CSM cost",
        "requisitions opened",
        "CS cost a month, all roles",
        "$6M",
    ] {
        assert!(svg.contains(text), "{text} missing from the chart");
    }
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["plan.svg"]);

    // A bad base writes no chart; a chart over -o or over the input, or not .svg, is refused.
    let never = dir.join("never.svg");
    csplan()
        .args(["plan", "tests/bad/horizon-too-long.toml", "--chart"])
        .arg(&never)
        .assert()
        .code(2);
    assert!(!never.exists());
    csplan()
        .args(["plan", "examples/seed.toml", "--chart"])
        .arg(&chart)
        .arg("-o")
        .arg(&chart)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("give each output its own file"));
    csplan()
        .args(["plan", "examples/seed.toml", "--chart", "plan.jpg"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("name the file *.svg or *.png"));
    let base = dir.join("base.svg");
    std::fs::copy("examples/seed.toml", &base).unwrap();
    csplan()
        .arg("plan")
        .arg(&base)
        .arg("--chart")
        .arg(&base)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write the output over the input",
        ));
    std::fs::remove_dir_all(&dir).unwrap();
}
