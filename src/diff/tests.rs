use super::*;
use crate::PlanOptions;

fn plan_of(extra_company: &str, csm_salary: u32) -> Plan {
    let base = crate::input::parse(&format!(
        "[company]\nname = \"A\"\nstart = \"2027-01\"\n{extra_company}\n\
         [salaries]\ncsm = {csm_salary}\n\
         [[segment]]\nname = \"S\"\ncustomers = 150\narpa = 12000\nannual_churn = 0.1\n\
         new_per_month = 3\n"
    ))
    .unwrap();
    crate::plan(&base, &PlanOptions::default()).unwrap()
}

#[test]
fn a_plan_against_itself_changes_nothing() {
    let plan = plan_of("horizon_months = 12", 90_000);
    let d = diff(&plan, &plan).unwrap();
    assert_eq!(d.periods.len(), 12);
    assert!(d.only_old.is_empty() && d.only_new.is_empty());
    assert_eq!(d.totals.cs_cost.change, 0);
    assert_eq!(d.totals.cs_cost_change_pct, Some(0.0));
    assert!(d.periods.iter().all(|p| p.cs_cost.change == 0
        && p.headcount.csm.change == 0
        && p.csm_spend_ratio.change.unwrap_or(0.0) == 0.0));
    assert!(!d.cost_rose_more_than(0.0));
}

#[test]
fn a_dearer_csm_raises_the_cost_and_trips_the_gate_only_past_its_percent() {
    let old = plan_of("horizon_months = 12", 90_000);
    let new = plan_of("horizon_months = 12", 99_000);
    let d = diff(&old, &new).unwrap();
    let (o, n) = (d.totals.cs_cost.old, d.totals.cs_cost.new);
    assert!(o > 0 && n > o, "{o} {n}");
    assert_eq!(d.totals.cs_cost.change, n - o);
    // Same team, CSMs 10% dearer: the total rises by 10% of the CSM share of the cost.
    let pct = d.totals.cs_cost_change_pct.unwrap();
    assert!((pct - (n - o) as f64 * 100.0 / o as f64).abs() < 0.01);
    // Each month's cost is rounded to whole units before the periods are summed: 10% up to that.
    assert!(pct > 0.0 && pct <= 10.01, "{pct}");
    assert!(d.cost_rose_more_than(pct - 0.01));
    assert!(!d.cost_rose_more_than(pct + 0.01));
    assert!(!d.cost_rose_more_than(100.0));
    // The other way round it fell: no threshold trips.
    assert!(!diff(&new, &old).unwrap().cost_rose_more_than(0.0));
}

#[test]
fn different_horizons_compare_the_shared_periods_only() {
    let short = plan_of("horizon_months = 6", 90_000);
    let long = plan_of("horizon_months = 9", 90_000);
    let d = diff(&short, &long).unwrap();
    assert_eq!(d.totals.periods, 6);
    assert_eq!(d.totals.last_period, "2027-06");
    assert_eq!(d.only_new, ["2027-07", "2027-08", "2027-09"]);
    // The same months cost the same: the longer horizon is no increase.
    assert_eq!(d.totals.cs_cost.change, 0);
    assert!(!d.cost_rose_more_than(0.0));
}

#[test]
fn a_quarterly_side_puts_both_in_quarters() {
    let monthly = plan_of("horizon_months = 12", 90_000);
    let quarterly = monthly.by_quarter();
    let d = diff(&monthly, &quarterly).unwrap();
    assert_eq!(d.period, PeriodKind::Quarter);
    assert_eq!(d.periods.len(), 4);
    assert_eq!(d.periods[0].period, "2027-Q1");
    assert_eq!(d.totals.cs_cost.change, 0);
    // Quarters sum their unrounded months and round once, as the plan's total does.
    assert_eq!(d.totals.cs_cost.old, monthly.totals.cs_cost);
}

#[test]
fn plans_that_cannot_be_compared_say_why() {
    let usd = plan_of("horizon_months = 6", 90_000);
    let mut eur = usd.clone();
    eur.currency = "EUR".into();
    assert!(matches!(diff(&usd, &eur), Err(DiffError::Currency { .. })));
    let mut moved = usd.clone();
    for row in &mut moved.timeline {
        row.period = row.period.replace("2027", "2030");
    }
    let err = diff(&usd, &moved).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the plans share no period (old: 2027-01 to 2027-06, new: 2030-01 to 2030-06); give \
         both bases the same `start`, or neither"
    );
}

#[test]
fn an_increase_from_nothing_trips_any_threshold() {
    let mut old = plan_of("horizon_months = 12", 90_000);
    for row in &mut old.timeline {
        row.cs_cost = 0;
    }
    let new = plan_of("horizon_months = 12", 90_000);
    let d = diff(&old, &new).unwrap();
    assert!(d.totals.cs_cost.new > 0);
    assert_eq!(d.totals.cs_cost_change_pct, None);
    assert!(d.cost_rose_more_than(1e9));
}

#[test]
fn saved_plans_are_checked_before_use() {
    let good = plan_of("horizon_months = 6", 90_000);
    assert_eq!(check_saved_plan(&good), Ok(()));
    let broken = |edit: fn(&mut Plan)| {
        let mut plan = good.clone();
        edit(&mut plan);
        check_saved_plan(&plan).unwrap_err().to_string()
    };
    assert!(broken(|p| p.schema_version = 2).starts_with("schema_version is 2"));
    assert!(broken(|p| p.timeline.clear()).contains("1 to 120"));
    assert!(broken(|p| p.timeline[2].period = "2027-01".into()).contains("appears twice"));
    assert!(broken(|p| p.timeline[2].month = 1).contains("does not follow"));
    assert!(broken(|p| p.timeline[5].month = 121).contains("within 1..=120"));
    assert!(broken(|p| p.timeline[3].segments.clear()).contains("has 0 segments"));
    assert!(broken(|p| p.timeline[1].cs_cost = i64::MAX).contains("timeline[1].cs_cost"));
    assert!(broken(|p| p.timeline[1].arr = -5).contains("never negative"));
    assert!(broken(|p| p.timeline[1].period_months = 4_000_000_000).contains("at most 1"));
    assert!(broken(|p| p.assumptions.fiscal_year_start = 13).contains("1..=12"));
}

#[test]
fn a_plan_saved_before_partial_periods_reads_as_whole_periods() {
    let quarterly = plan_of("horizon_months = 12", 90_000).by_quarter();
    let mut json: serde_json::Value = serde_json::to_value(&quarterly).unwrap();
    for row in json["timeline"].as_array_mut().unwrap() {
        let row = row.as_object_mut().unwrap();
        row.remove("period_months");
        row.remove("partial");
    }
    let mut saved: Plan = serde_json::from_value(json).unwrap();
    assert_eq!(check_saved_plan(&saved), Ok(()));
    complete_saved_plan(&mut saved);
    assert!(saved.timeline.iter().all(|r| r.period_months == 3));
    let yearly = saved.by_year();
    assert_eq!(yearly.timeline[0].period_months, 12);
    assert!(!yearly.timeline[0].partial);
}

/// What the walk of a saved plan refuses, checked against the plan's JSON itself: the first
/// number or text out of bounds, and its place spelled as a JSON path.
#[test]
fn a_saved_plan_is_refused_at_the_place_its_json_holds_the_bad_value() {
    let good = plan_of("horizon_months = 6", 90_000);
    let json = serde_json::to_value(&good).unwrap();
    assert!(json["timeline"][4]["segments"][0]["name"].is_string());
    assert!(json["hires"][0]["reason"].is_string());
    let refused = |edit: &dyn Fn(&mut Plan)| {
        let mut plan = good.clone();
        edit(&mut plan);
        check_saved_plan(&plan).unwrap_err().to_string()
    };
    let mut rows = good.timeline[4].segments.to_vec();
    rows[0].name = "S\u{1b}[2J".into();
    let named = rows.clone();
    assert_eq!(
        refused(&|p| p.timeline[4].segments = named.clone().into()),
        format!(
            "timeline[4].segments[0].name = \"{}\" {}",
            crate::text::escaped("S\u{1b}[2J"),
            crate::text::refusal("\u{1b}").unwrap()
        )
    );
    rows[0].name = "S".into();
    rows[0].churned_arr = -3;
    assert_eq!(
        refused(&|p| p.timeline[4].segments = rows.clone().into()),
        "timeline[4].segments[0].churned_arr is -3; amounts and counts are never negative"
    );
    assert_eq!(
        refused(&|p| p.hires[0].reason = "a\u{202e}b".into()),
        format!(
            "hires[0].reason = \"{}\" {}",
            crate::text::escaped("a\u{202e}b"),
            crate::text::refusal("\u{202e}").unwrap()
        )
    );
    // A float keeps its sign (a change may fall) but not its size; JSON prints it as JSON does.
    let mut falling = good.timeline[0].segments.to_vec();
    falling[0].grr = -0.5;
    let mut plan = good.clone();
    plan.timeline[0].segments = falling.into();
    assert_eq!(check_saved_plan(&plan), Ok(()));
    assert_eq!(
        refused(&|p| p.timeline[0].csm_spend_ratio = Some(2e15)),
        format!(
            "timeline[0].csm_spend_ratio is {}; csplan's numbers lie within ±10^15",
            serde_json::json!(2e15)
        )
    );
}
