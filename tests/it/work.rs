//! The work model: what a run may do is bounded before the part of the work that multiplies,
//! and what csplan writes, `csplan diff` reads back.

use csplan::PlanOptions;
use csplan::model::work::{MAX_HIRES, MAX_PLAN_BYTES};
use csplan::render::render_json;
use csplan::render::size::{check_json_plan, plan_json_bytes};

/// A one-segment base with teams of `team` in each role at `attrition` a year.
fn teams(team: u32, attrition: f64, horizon: u32) -> String {
    format!(
        "[company]\nname = \"A\"\nstart = \"2027-01\"\nhorizon_months = {horizon}\nregion = \"us\"\n\
         hire_lead_months = 0\n[team]\ncsm = {team}\nsupport = {team}\nonboarding = {team}\n\
         [workforce]\nattrition = {attrition}\nramp_months = 12\n[[segment]]\nname = \"S\"\n\
         customers = 10\narpa = 1000\nannual_churn = 0.1\nannual_expansion = 0.1\n\
         new_per_month = 1\nnew_growth = 0.1\n"
    )
}

/// A base whose need keeps a team of about 60,000 CSMs (600,000 complex enterprise logos at 8.4
/// a CSM, 1.2 × that book at most) leaving at `attrition` a year: every leaver is backfilled,
/// since the team without them is below its need.
fn needed_team(attrition: f64) -> String {
    format!(
        "[company]\nname = \"A\"\nstart = \"2027-01\"\nhorizon_months = 120\nregion = \"us\"\n\
         hire_lead_months = 0\n[team]\ncsm = 10000\n[workforce]\nattrition = {attrition}\nramp_months = 12\n\
         [[segment]]\nname = \"S\"\ncustomers = 600000\narpa = 100000\ncomplexity = \"complex\"\n\
         annual_churn = 0.0\n"
    )
}

#[test]
fn backfills_past_the_hire_limit_are_refused_at_attrition_with_the_rate_that_fits() {
    let source = needed_team(0.99);
    // Under 400 bytes of base: a team of 60,000 leaving at 99% a year.
    assert!(source.len() < 400, "{}", source.len());
    let base = csplan::input::parse(&source).unwrap();
    let error = csplan::plan(&base, &PlanOptions::default()).unwrap_err();
    assert_eq!(error.key(), Some("workforce.attrition"));
    let message = error.to_string();
    assert!(
        message.contains("more than the 200,000 csplan plans"),
        "{message}"
    );
    assert!(message.contains("at most attrition = 0.16"), "{message}");
    // The rate it names fits.
    let fits = csplan::input::parse(&needed_team(0.16)).unwrap();
    let plan = csplan::plan(&fits, &PlanOptions::default()).unwrap();
    assert!(plan.hires.len() as u64 <= MAX_HIRES, "{}", plan.hires.len());
    assert!(plan.hires.len() > 150_000, "{}", plan.hires.len());
}

#[test]
fn the_command_line_points_at_the_attrition_key() {
    let dir = crate::common::scratch("work-attrition");
    let file = dir.write("b.toml", &needed_team(0.99));
    let out = crate::common::csplan()
        .args(["plan", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b.toml:10:13: workforce.attrition = 0.99"),
        "{stderr}"
    );
}

#[test]
fn a_plan_s_json_is_within_the_work_model_s_estimate() {
    // Segments with the longest names of the widest characters, and backfills.
    let name: String = "€".repeat(50) + &"\"".repeat(50);
    let mut source = teams(50, 0.3, 120).replace("name = \"S\"", &format!("name = '{name}'"));
    for i in 0..9 {
        source.push_str(&format!(
            "[[segment]]\nname = '{}{i}'\ncustomers = 20\narpa = 100000000\n\
             annual_churn = 0.5\nannual_expansion = 0\nnew_per_month = 0.5\nnew_growth = 0\n",
            &name[..name.len() - 1]
        ));
    }
    let base = csplan::input::parse(&source).unwrap();
    let plan = csplan::plan(&base, &PlanOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let json = render_json(&plan);
    let estimate = plan_json_bytes(&plan);
    assert!(json.len() as u64 <= estimate, "{} > {estimate}", json.len());
    // The estimate is an upper bound, not a guess far above.
    assert!(
        json.len() as u64 * 3 > estimate,
        "{} ≪ {estimate}",
        json.len()
    );
    assert!(check_json_plan(&plan).is_ok());
    assert_eq!(MAX_PLAN_BYTES, 1024 * 1024 * 1024);
}

#[test]
fn the_largest_plan_of_ordinary_names_fits_what_diff_reads() {
    // 100 segments over 120 months; 10,000 such segments are a hundred times the rows.
    let mut source = teams(5, 0.1, 120);
    for i in 0..99 {
        source.push_str(&format!(
            "[[segment]]\nname = \"Product {i} EMEA enterprise\"\ncustomers = 40\narpa = 60000\n\
             annual_churn = 0.1\nannual_expansion = 0.1\nnew_per_month = 1\nnew_growth = 0.2\n"
        ));
    }
    let base = csplan::input::parse(&source).unwrap();
    let plan = csplan::plan(&base, &PlanOptions::default()).unwrap();
    let per_hundred = plan_json_bytes(&plan);
    assert!(per_hundred * 100 <= MAX_PLAN_BYTES as u64, "{per_hundred}");
}

/// Every format of `plan` at its width and colour: no bigger than the work model's estimate.
fn within_estimates(plan: &csplan::plan::Plan, what: &str) {
    use csplan::render::size::plan_bytes;
    use csplan::render::{Format, RenderOptions, render_with};
    for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
        let options = RenderOptions {
            colour: true,
            width: 80,
        };
        let written = render_with(plan, format, options).len() as u64;
        let estimate = plan_bytes(plan, format);
        assert!(
            written <= estimate,
            "{what} as {format:?}: {written} > {estimate}"
        );
    }
}

#[test]
fn every_example_in_every_format_is_within_the_work_model_s_estimate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.push(root.join("docs/within-budget.toml"));
    for file in files {
        let base = csplan::input::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for within_budget in [false, true] {
            let options = PlanOptions {
                within_budget,
                ..PlanOptions::default()
            };
            let what = format!("{} (within budget: {within_budget})", file.display());
            let plan = csplan::plan(&base, &options).unwrap();
            within_estimates(&plan, &what);
            within_estimates(&plan.in_periods(csplan::plan::PeriodKind::Quarter), &what);
        }
    }
}

#[test]
fn a_large_plan_s_table_and_csv_are_within_their_estimates_and_near_them() {
    use csplan::render::size::{check_output, plan_csv_bytes, plan_table_bytes};
    use csplan::render::{Format, render};
    // Segments with the longest names of the widest characters, and backfills.
    let name: String = "€".repeat(50) + &"\"".repeat(50);
    let mut source = teams(50, 0.3, 120).replace("name = \"S\"", &format!("name = '{name}'"));
    for i in 0..199 {
        source.push_str(&format!(
            "[[segment]]\nname = '{}{i:03}'\ncustomers = 20\narpa = 20000\n\
             annual_churn = 0.5\nannual_expansion = 0\nnew_per_month = 0.5\nnew_growth = 0\n",
            &name[..name.len() - 3]
        ));
    }
    let base = csplan::input::parse(&source).unwrap();
    let plan = csplan::plan(&base, &PlanOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    for (format, estimate) in [
        (Format::Table, plan_table_bytes(&plan)),
        (Format::Csv, plan_csv_bytes(&plan)),
    ] {
        let written = render(&plan, format).len() as u64;
        assert!(written <= estimate, "{format:?}: {written} > {estimate}");
        // An upper bound, not a guess far above.
        assert!(written * 4 > estimate, "{format:?}: {written} ≪ {estimate}");
        assert!(check_output(&plan, format).is_ok());
    }
}
