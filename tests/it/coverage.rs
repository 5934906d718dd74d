//! Rule `coverage-response` (SPEC v3 §3): with `cs_churn_reduction` / `cs_expansion_share`,
//! churn and expansion follow the CSM coverage, relative to the start's; without them the plan
//! is the typed projection's. And the trends `churn_trend` / `arpa_growth`.

use csplan::plan::Plan;
use csplan::{PlanOptions, input, plan};

fn plan_of(source: &str) -> Plan {
    let base = input::parse(source).unwrap_or_else(|e| panic!("{}", e.render("test", source)));
    plan(&base, &PlanOptions::default()).unwrap()
}

/// One mid-market segment growing fast, two CSMs covering it in full at the start (need 96 / 40
/// = 2.4 FTE = 2 × 1.2), and at most one person starting a month: the team falls behind the
/// need, so coverage sits under the start's for months.
fn growing(claim: &str) -> String {
    format!(
        r#"
[company]
name = "Behind"
start = "2027-01"
horizon_months = 24
{claim}

[workforce]
max_starts_per_month = 1

[team]
csm = 2

[[segment]]
name = "Mid-market"
customers = 96
arpa = 24000
annual_churn = 0.15
annual_expansion = 0.10
new_per_month = 8
"#
    )
}

#[test]
fn without_a_claim_the_projection_is_the_typed_one() {
    // A claim of 0 is no claim: the same plan to the bit, and no shortfall cost.
    let typed = plan_of(&growing(""));
    let zero = plan_of(&growing(
        "cs_churn_reduction = 0.0\ncs_expansion_share = 0.0",
    ));
    assert_eq!(
        serde_json::to_string(&typed).unwrap(),
        serde_json::to_string(&zero).unwrap()
    );
    assert_eq!(typed.totals.shortfall_arr_cost, None);
}

#[test]
fn a_shortfall_raises_churn_and_costs_arr() {
    let typed = plan_of(&growing(""));
    let claimed = plan_of(&growing("cs_churn_reduction = 0.4"));
    // The start is 2 CSMs at 1.2 over a need of 96 / 40 = 2.4 FTE: covered in full (c0 = 1).
    // Then the need grows faster than one start a month covers: books go uncovered, and each
    // such month churns above the typed rate, so the plan churns more and ends with less ARR.
    assert!(typed.timeline.iter().any(|r| r.arr_at_risk > 0));
    assert!(
        claimed.totals.churned_arr > typed.totals.churned_arr,
        "{} vs {}",
        claimed.totals.churned_arr,
        typed.totals.churned_arr
    );
    assert!(claimed.totals.end_arr < typed.totals.end_arr);
    let cost = claimed
        .totals
        .shortfall_arr_cost
        .expect("a claim reports it");
    assert!(cost > 0, "{cost}");
    // The cost is what separates this plan from the same base covered in full, which can be no
    // better than the typed plan's end ARR plus the churn a full team saves: it is less than the
    // whole churn of the horizon.
    assert!(cost < claimed.totals.churned_arr);
    // And the table's At risk line says it.
    let table = csplan::render::Render::table(
        &claimed,
        csplan::render::RenderOptions {
            colour: false,
            width: 100,
        },
    );
    assert!(
        table.contains("uncovered cost $") && table.contains("(cs_churn_reduction 0.4)"),
        "{table}"
    );
}

#[test]
fn staffing_up_from_nobody_lowers_churn() {
    // No CSM at the start (c0 = 0): every CSM the plan staffs lowers churn below the typed rate.
    let source = growing("cs_churn_reduction = 0.5").replace("csm = 2", "csm = 0");
    let typed = plan_of(&source.replace("cs_churn_reduction = 0.5", ""));
    let claimed = plan_of(&source);
    assert!(claimed.totals.churned_arr < typed.totals.churned_arr);
    assert!(claimed.totals.end_arr > typed.totals.end_arr);
    // Month 1 is before any CSM starts: it churns at the typed rate.
    assert_eq!(
        claimed.timeline[0].churned_arr,
        typed.timeline[0].churned_arr
    );
}

#[test]
fn expansion_follows_coverage_with_a_share_claimed() {
    let typed = plan_of(&growing(""));
    let claimed = plan_of(&growing("cs_expansion_share = 0.5"));
    // Books uncovered expand less: c0 = 1, so a month at coverage c expands at e × (1 − 0.5(1 − c)).
    assert!(claimed.totals.expanded_arr < typed.totals.expanded_arr);
    // Churn is as typed; the smaller ARR it applies to loses a little less.
    assert!(claimed.totals.churned_arr <= typed.totals.churned_arr);
    assert!(claimed.totals.shortfall_arr_cost.is_some_and(|c| c > 0));
}

#[test]
fn trends_move_churn_and_new_logos_arpa() {
    let typed = plan_of(&growing(""));
    let falling = plan_of(&growing("").replace(
        "annual_churn = 0.15",
        "annual_churn = 0.15\nchurn_trend = -0.3",
    ));
    let pricier = plan_of(&growing("").replace(
        "annual_churn = 0.15",
        "annual_churn = 0.15\narpa_growth = 0.2",
    ));
    // Month 1 churns at the typed rate, later months less.
    assert_eq!(
        falling.timeline[0].churned_arr,
        typed.timeline[0].churned_arr
    );
    assert!(falling.timeline[23].churned_arr < typed.timeline[23].churned_arr);
    // Month 1's new logos bring the typed ARPA (8 × $24,000), month 13's 20% more.
    assert_eq!(pricier.timeline[0].new_arr, typed.timeline[0].new_arr);
    assert_eq!(pricier.timeline[12].new_arr, 8 * 24_000 * 12 / 10);
    // The header says so.
    let seg = &pricier.assumptions.segments[0];
    assert_eq!(seg.arpa_growth, Some(0.2));
    assert_eq!(falling.assumptions.segments[0].churn_trend, Some(-0.3));
}

#[test]
fn stances_compare_their_arr_at_risk_beside_their_cost() {
    let source = growing("cs_churn_reduction = 0.4");
    let base = input::parse(&source).unwrap();
    let c = csplan::compare::compare_stances(&base, &PlanOptions::default()).unwrap();
    for s in &c.stances {
        let p = plan(
            &base,
            &PlanOptions {
                stance: Some(s.stance),
                ..PlanOptions::default()
            },
        )
        .unwrap();
        // Each column is its own plan's: the peak ARR at risk, its months, its shortfall cost
        // and, with churn following coverage, its own end ARR.
        let peak = p.timeline.iter().map(|r| r.arr_at_risk).max().unwrap();
        assert_eq!(s.peak_arr_at_risk, peak, "{}", s.stance);
        assert_eq!(
            s.months_at_risk as usize,
            p.timeline.iter().filter(|r| r.arr_at_risk > 0).count()
        );
        assert_eq!(s.shortfall_arr_cost, p.totals.shortfall_arr_cost);
        assert_eq!(s.end_arr, p.totals.end_arr);
    }
    // Lean hires in arrears: it leaves books uncovered longer and ends with less ARR.
    assert!(c.stances[0].months_at_risk > c.stances[1].months_at_risk);
    assert!(c.stances[0].end_arr < c.stances[1].end_arr);
    let table = csplan::render::Render::table(
        &c,
        csplan::render::RenderOptions {
            colour: false,
            width: 100,
        },
    );
    assert!(table.contains("ARR at risk at its most"), "{table}");
    assert!(table.contains("so each ends with its own ARR"), "{table}");
}
