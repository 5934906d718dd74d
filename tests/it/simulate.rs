//! Monte Carlo over ranges (SPEC §6): the simulation agrees with the plan where nothing is
//! uncertain, its bands are ordered, and a seed fixes its bytes whatever the thread count.

use csplan::plan::PeriodKind;
use csplan::render::{Format, render};
use csplan::simulate::{Band, Simulation, SimulationOptions, simulate};
use csplan::{PlanOptions, plan};
use predicates::prelude::*;

use crate::common;

use common::csplan;

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("examples/{name}.toml")).unwrap()
}

fn run(base: &csplan::model::Base, runs: u32, seed: u64, period: PeriodKind) -> Simulation {
    let options = SimulationOptions { runs, seed, period };
    simulate(base, &PlanOptions::default(), &options, &|| {}).unwrap()
}

fn single<T: Copy + PartialEq + std::fmt::Debug>(band: &Band<T>, expected: T, what: &str) {
    assert_eq!(
        *band,
        Band {
            p10: expected,
            p50: expected,
            p90: expected
        },
        "{what}"
    );
}

/// growth-ranges.toml with every range collapsed onto its central value.
fn zero_width() -> String {
    example("growth-ranges")
        .replace(
            "annual_churn = { low = 0.12, high = 0.28, mode = 0.18 }",
            "annual_churn = { low = 0.18, high = 0.18, mode = 0.18 }",
        )
        .replace(
            "new_per_month = { low = 6, high = 12 }",
            "new_per_month = { low = 9, high = 9 }",
        )
        .replace(
            "annual_churn = { low = 0.06, high = 0.16, mode = 0.10 }",
            "annual_churn = { low = 0.10, high = 0.10 }",
        )
        .replace(
            "annual_expansion = { low = 0.05, high = 0.20, mode = 0.12 }",
            "annual_expansion = { low = 0.12, high = 0.12, shape = \"triangular\" }",
        )
        .replace(
            "new_per_month = { low = 1.5, high = 3.5 }",
            "new_per_month = { low = 2.5, high = 2.5 }",
        )
        .replace(
            "annual_churn = { low = 0.03, high = 0.12, mode = 0.06 }",
            "annual_churn = { low = 0.06, high = 0.06, mode = 0.06 }",
        )
        .replace(
            "annual_expansion = { low = 0.05, high = 0.25, mode = 0.15 }",
            "annual_expansion = { low = 0.15, high = 0.15 }",
        )
}

#[test]
fn zero_width_ranges_simulate_to_the_point_plan() {
    let text = zero_width();
    let base = csplan::input::parse(&text).unwrap();
    assert_eq!(
        csplan::uncertainty::ranged_values(&base),
        7,
        "every range kept"
    );
    let point = csplan::input::parse(&example("growth")).unwrap();
    let plan = plan(&point, &PlanOptions::default()).unwrap();
    for period in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
        let shown = plan.by_period(period);
        let sim = run(&base, 40, 11, period);
        assert_eq!(sim.timeline.len(), shown.timeline.len());
        for (band, row) in sim.timeline.iter().zip(&shown.timeline) {
            let at = &row.period;
            assert_eq!(band.period, row.period);
            single(&band.arr, row.arr, at);
            single(&band.csm_need_fte, row.csm_need_fte, at);
            single(&band.csm, row.csm, at);
            single(
                &band.headcount,
                row.csm + row.support + row.onboarding + row.lead,
                at,
            );
            single(&band.cs_cost, row.cs_cost, at);
            let over = if row.over_cap { 1.0 } else { 0.0 };
            assert_eq!(band.p_over_cap, over, "{at}");
        }
        single(&sim.totals.cs_cost, shown.totals.cs_cost, "total cost");
        single(
            &sim.totals.periods_over_cap,
            shown.totals.periods_over_cap,
            "periods over cap",
        );
        let hires = shown.totals.hires;
        single(
            &sim.totals.hires,
            hires.csm + hires.support + hires.onboarding + hires.lead,
            "hires",
        );
    }
}

#[test]
fn a_plain_plan_of_ranges_plans_their_central_values() {
    // growth-ranges.toml centres every range on growth.toml's value: the same plan, and a
    // note on stderr.
    let ranged = csplan()
        .args(["plan", "examples/growth-ranges.toml", "--format", "json"])
        .output()
        .unwrap();
    assert!(ranged.status.success());
    let point = csplan()
        .args(["plan", "examples/growth.toml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(ranged.stdout, point.stdout);
    let note = String::from_utf8(ranged.stderr).unwrap();
    assert!(
        note.starts_with("note: examples/growth-ranges.toml gives 7 values as a range; this plan uses the central value of each"),
        "{note}"
    );
    assert!(point.stderr.is_empty());
}

#[test]
fn percentiles_are_ordered() {
    let base = csplan::input::parse(&example("growth-ranges")).unwrap();
    for (seed, period) in [(1, PeriodKind::Month), (2, PeriodKind::Quarter)] {
        let sim = run(&base, 300, seed, period);
        fn ordered<T: PartialOrd + std::fmt::Debug>(b: &Band<T>, what: &str) {
            assert!(b.p10 <= b.p50 && b.p50 <= b.p90, "{what}: {b:?}");
        }
        for row in &sim.timeline {
            ordered(&row.arr, &row.period);
            ordered(&row.csm_need_fte, &row.period);
            ordered(&row.csm, &row.period);
            ordered(&row.headcount, &row.period);
            ordered(&row.cs_cost, &row.period);
            assert!((0.0..=1.0).contains(&row.p_over_cap));
        }
        ordered(&sim.totals.cs_cost, "cost");
        ordered(&sim.totals.hires, "hires");
        // The ranges are wide enough that the runs really differ.
        let end = &sim.timeline.last().unwrap().arr;
        assert!(end.p10 < end.p90, "{end:?}");
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_on_any_number_of_threads() {
    let base = csplan::input::parse(&example("growth-ranges")).unwrap();
    let on = |threads: usize, seed: u64| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| render(&run(&base, 200, seed, PeriodKind::Month), Format::Json))
    };
    let one = on(1, 7);
    assert_eq!(one, on(3, 7));
    assert_eq!(one, on(1, 7));
    assert_ne!(one, on(1, 8));

    let cli = |seed: &str| {
        let out = csplan()
            .args(["plan", "examples/growth-ranges.toml", "--simulate", "200"])
            .args(["--seed", seed, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(cli("7"), cli("7"));
    assert_eq!(cli("7"), one, "the binary prints the library's simulation");
}

#[test]
fn another_seed_moves_the_sample_but_not_the_medians() {
    let base = csplan::input::parse(&example("growth-ranges")).unwrap();
    let a = run(&base, 1_000, 1, PeriodKind::Quarter);
    let b = run(&base, 1_000, 2, PeriodKind::Quarter);
    assert_ne!(a, b, "a different seed draws a different sample");
    for (x, y) in a.timeline.iter().zip(&b.timeline) {
        // ARR's P10–P90 spread is about ±10% at the end; the median of 1,000 runs moves by
        // well under 1% between samples. Allow 2%.
        let (mx, my) = (x.arr.p50 as f64, y.arr.p50 as f64);
        assert!((mx - my).abs() <= 0.02 * mx, "{}: {mx} vs {my}", x.period);
        let (nx, ny) = (x.csm_need_fte.p50, y.csm_need_fte.p50);
        assert!((nx - ny).abs() <= 0.02 * nx, "{}: {nx} vs {ny}", x.period);
        // Whole people step: where the need sits near a whole CSM, the median may tip by
        // one CSM, and the headcount by what that CSM brings along (support-first, a lead);
        // it stays inside the other sample's P10–P90 band.
        assert!(x.csm.p50.abs_diff(y.csm.p50) <= 1, "{}", x.period);
        for (x, y) in [(&x.headcount, &y.headcount), (&y.headcount, &x.headcount)] {
            assert!((x.p10..=x.p90).contains(&y.p50), "{x:?} {y:?}");
        }
        for (x, y) in [(&x.cs_cost, &y.cs_cost), (&y.cs_cost, &x.cs_cost)] {
            assert!((x.p10..=x.p90).contains(&y.p50), "{x:?} {y:?}");
        }
    }
}

#[test]
fn the_binary_simulates_as_table_json_and_csv() {
    let args = ["plan", "examples/growth-ranges.toml", "--simulate", "100"];
    csplan()
        .args(args)
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains("simulated CS hiring plan"))
        .stdout(predicate::str::contains("100 runs, seed 0"));
    let json = csplan()
        .args(args)
        .args(["--format", "json", "--period", "quarter"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["period"], "quarter");
    assert_eq!(value["timeline"].as_array().unwrap().len(), 8);
    for key in ["arr", "csm_need_fte", "csm", "headcount", "cs_cost"] {
        let band = &value["timeline"][7][key];
        assert!(band["p10"].is_number() && band["p50"].is_number() && band["p90"].is_number());
    }
    assert!(value["timeline"][0]["p_over_cap"].is_number());
    let csv = csplan()
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(csv.lines().count(), 25);
    assert!(csv.starts_with("period,month,period_months,partial,arr_p10,arr_p50,arr_p90,"));
}

#[test]
fn simulation_flags_are_checked() {
    let file = "examples/growth-ranges.toml";
    for args in [
        vec!["plan", file, "--simulate", "0"],
        vec!["plan", file, "--simulate", "100001"],
        vec!["plan", file, "--seed", "7"],
        vec!["plan", file, "--simulate", "10", "--fail-over-cap"],
        vec!["plan", file, "--simulate", "10", "--seed", "-1"],
    ] {
        csplan().args(&args).assert().code(2).stdout("");
    }
    csplan()
        .args(["plan", "examples/growth.toml", "--simulate", "3"])
        .assert()
        .success()
        .stderr(predicate::str::starts_with(
            "note: examples/growth.toml gives no ranges, so every run is the same plan",
        ));
    for clash in [
        vec!["--compare-stances"],
        vec!["--chart", "never.svg"],
        vec!["--accounts", "examples/growth-accounts.csv"],
    ] {
        csplan()
            .args(["plan", file, "--simulate", "3"])
            .args(&clash)
            .assert()
            .code(2)
            .stdout("");
    }
    assert!(!std::path::Path::new("never.svg").exists());
}

/// The spread P90 − P10 of the CS headcount, summed over the periods.
fn headcount_spread(sim: &Simulation) -> u32 {
    sim.timeline
        .iter()
        .map(|r| r.headcount.p90 - r.headcount.p10)
        .sum()
}

/// growth-ranges.toml with 25% of each team leaving a year.
fn ranges_with_attrition() -> String {
    example("growth-ranges").replacen(
        "[[segment]]",
        "[workforce]\nattrition = 0.25\n\n[[segment]]",
        1,
    )
}

#[test]
fn leavers_are_drawn_so_attrition_widens_the_headcount_bands() {
    // No ranges: without attrition every run is the same plan; with it, each run draws its
    // leavers, and the headcount and cost spread.
    let with = csplan::input::parse(&example("workforce")).unwrap();
    let without =
        csplan::input::parse(&example("workforce").replace("attrition = 0.15", "attrition = 0.0"))
            .unwrap();
    let (a, b) = (
        run(&with, 400, 5, PeriodKind::Month),
        run(&without, 400, 5, PeriodKind::Month),
    );
    assert_eq!(a.attrition, 0.15);
    assert_eq!(b.attrition, 0.0);
    assert_eq!(
        headcount_spread(&b),
        0,
        "without attrition or ranges every run is one plan"
    );
    assert!(headcount_spread(&a) > 0, "leavers drawn");
    assert!(
        a.timeline
            .iter()
            .any(|r| r.cs_cost.p10 < r.cs_cost.p90 && r.csm.p10 < r.csm.p90),
        "the cost and CSMs spread too"
    );
    // The draws centre on the plan's schedule of leavers: the plan's team lies inside every
    // period's P10–P90.
    let point = plan(&with, &PlanOptions::default()).unwrap();
    for (band, row) in a.timeline.iter().zip(&point.timeline) {
        let team = row.csm + row.support + row.onboarding + row.lead;
        assert!(
            (band.headcount.p10..=band.headcount.p90).contains(&team),
            "{}: plan {team}, band {:?}",
            row.period,
            band.headcount
        );
    }
    // With ranges: the same draws of the ranges, and the leavers on top, spread wider.
    let ranged = csplan::input::parse(&ranges_with_attrition()).unwrap();
    let plain = csplan::input::parse(&example("growth-ranges")).unwrap();
    let (a, b) = (
        run(&ranged, 400, 9, PeriodKind::Quarter),
        run(&plain, 400, 9, PeriodKind::Quarter),
    );
    assert!(
        headcount_spread(&a) > headcount_spread(&b),
        "{} against {}",
        headcount_spread(&a),
        headcount_spread(&b)
    );
    // The ARR draws are the ranges' alone, the same with or without leavers.
    for (x, y) in a.timeline.iter().zip(&b.timeline) {
        assert_eq!(x.arr, y.arr, "{}", x.period);
    }
}

#[test]
fn drawn_leavers_give_the_same_bytes_for_the_same_seed() {
    let base = csplan::input::parse(&example("workforce")).unwrap();
    let on = |threads: usize, seed: u64| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| render(&run(&base, 300, seed, PeriodKind::Quarter), Format::Json))
    };
    let one = on(1, 4);
    assert_eq!(one, on(3, 4));
    assert_ne!(one, on(1, 5), "another seed draws other leavers");
    let cli = || {
        let out = csplan()
            .args([
                "plan",
                "examples/workforce.toml",
                "--simulate",
                "300",
                "--seed",
                "4",
            ])
            .args(["--period", "quarter", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let note = String::from_utf8(out.stderr).unwrap();
        assert!(
            note.contains("runs differ only by the leavers drawn"),
            "{note}"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(cli(), cli());
    assert_eq!(cli(), one, "the binary prints the library's simulation");
    let table = csplan()
        .args(["plan", "examples/workforce.toml", "--simulate", "50"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("leaves with probability 1.25% (15.0% attrition a year / 12)"),
        "{table}"
    );
}
