//! Rule `budget-fit` (`plan --within-budget`) on the examples, the `init` starters and bases
//! written for these tests: a plan that never passes the cap or the budget, and says what that
//! gives up.

use csplan::model::Tier;
use csplan::plan::{HireKind, Plan};
use csplan::rules::RuleId;
use csplan::{PlanOptions, input, plan};

use crate::common;
use common::{csplan, examples, stdout_of};

const FITTED: PlanOptions = PlanOptions {
    months: None,
    stance: None,
    within_budget: true,
};

fn plans_of(source: &str) -> (Plan, Plan) {
    let base = input::parse(source).unwrap_or_else(|e| panic!("{}", e.render("test", source)));
    (
        plan(&base, &PlanOptions::default()).unwrap(),
        plan(&base, &FITTED).unwrap(),
    )
}

/// A company whose CSM need outruns its ARR: complex mid-market and enterprise books at low
/// ARPA, so the rules' plan spends far more than 10% of ARR on CSMs.
fn over_cap_base(extra: &str) -> String {
    format!(
        "[company]\nname = \"Dense Books\"\nstart = \"2027-01\"\nhire_lead_months = 2\n{extra}\n\
         [[segment]]\nname = \"Clinics\"\ncustomers = 120\narpa = 16000\nannual_churn = 0.25\n\
         new_per_month = 4\ncomplexity = \"complex\"\n\n\
         [[segment]]\nname = \"Hospitals\"\ncustomers = 12\narpa = 55000\nannual_churn = 0.05\n\
         new_per_month = 0.5\ncomplexity = \"complex\"\n"
    )
}

fn fitted_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&stdout_of(&[
        "plan",
        path,
        "--within-budget",
        "--format",
        "json",
    ]))
    .unwrap()
}

#[test]
fn no_example_is_over_the_cap_in_any_month_once_fitted() {
    for name in examples() {
        let path = format!("examples/{name}.toml");
        let json = fitted_json(&path);
        let timeline = json["timeline"].as_array().unwrap();
        for row in timeline {
            assert_eq!(row["over_cap"], false, "{name} {}", row["period"]);
        }
        assert!(json["budget_fit"].is_object(), "{name}");
    }
}

#[test]
fn no_init_starter_is_over_the_cap_once_fitted() {
    for stage in ["seed", "growth", "scale"] {
        let starter = stdout_of(&["init", "--stage", stage]);
        let base = input::parse(&starter).unwrap();
        let fitted = plan(&base, &FITTED).unwrap();
        assert!(
            fitted.timeline.iter().all(|r| !r.over_cap),
            "init --stage {stage}"
        );
    }
}

#[test]
fn fail_over_cap_passes_by_construction() {
    // The rules' plan of every-rule is over the cap; fitted, it is not.
    csplan()
        .args(["plan", "examples/every-rule.toml", "--fail-over-cap"])
        .assert()
        .code(1);
    csplan()
        .args([
            "plan",
            "examples/every-rule.toml",
            "--within-budget",
            "--fail-over-cap",
        ])
        .assert()
        .success();
}

#[test]
fn the_fitted_plan_defers_csms_to_what_the_cap_affords_and_reports_each_short_segment() {
    let (rules, fitted) = plans_of(&over_cap_base(""));
    assert!(
        rules.timeline.iter().any(|r| r.over_cap),
        "the base is over the cap"
    );
    assert!(fitted.timeline.iter().all(|r| !r.over_cap));
    for (r, f) in rules.timeline.iter().zip(&fitted.timeline) {
        assert!(
            f.csm <= r.csm,
            "{}: never more CSMs than the rules",
            f.period
        );
    }
    let fit = fitted.budget_fit.as_ref().unwrap();
    assert!(fit.months_short > 0);
    assert_eq!(fit.csm, fitted.timeline.last().unwrap().csm);
    assert_eq!(fit.rules_csm, rules.timeline.last().unwrap().csm);
    let cap = fit.cap_to_staff_rules.unwrap();
    assert!(cap > 0.10, "the rules need more than the cap: {cap}");
    // The cap that would staff the rules is the rules' plan's peak spend.
    let peak = rules
        .timeline
        .iter()
        .filter_map(|r| r.csm_spend_ratio)
        .fold(0.0, f64::max);
    assert!((cap - peak).abs() < 2e-4, "{cap} against {peak}");
    let short: Vec<_> = fit.segments.iter().filter(|s| s.months_short > 0).collect();
    assert!(!short.is_empty());
    for s in short {
        assert!(s.csm_fte < s.rules_csm_fte, "{}", s.name);
        assert!(s.rules_accounts_per_csm.is_some(), "{}", s.name);
        if let (Some(carried), Some(rules)) = (s.accounts_per_csm, s.rules_accounts_per_csm) {
            assert!(carried > rules, "{}: carries more accounts per CSM", s.name);
        }
    }
    // Deferred hires name the rule and say when the money affords them.
    let deferred: Vec<_> = fitted
        .hires
        .iter()
        .filter(|h| h.rule == RuleId::BudgetFit)
        .collect();
    assert_eq!(deferred.len() as u32, fit.deferred_hires);
    for h in deferred {
        assert!(h.reason.contains("(budget-fit)"), "{}", h.reason);
    }
    assert!(
        fitted
            .warnings
            .iter()
            .any(|w| w.rule == RuleId::BudgetFit && w.message.contains("a cap of"))
    );
}

#[test]
fn each_fiscal_year_stays_within_its_budget() {
    let (rules, fitted) = plans_of(&over_cap_base(
        "csm_spend_cap = 0.5\ncs_budget_per_year = 800000\n",
    ));
    let fit = fitted.budget_fit.as_ref().unwrap();
    assert_eq!(fit.cs_budget_per_year, Some(800_000));
    assert_eq!(fit.fiscal_years.len(), 2);
    for y in &fit.fiscal_years {
        assert!(
            y.cs_cost <= y.budget.unwrap(),
            "{}: {} against {:?}",
            y.period,
            y.cs_cost,
            y.budget
        );
        assert!(y.cs_cost <= y.rules_cs_cost);
    }
    assert!(fit.budget_to_staff_rules > 800_000);
    assert!(fit.csm > 0 && fit.csm < fit.rules_csm, "{fit:#?}");
    // The fiscal years' costs are the timeline's.
    let total: i64 = fit.fiscal_years.iter().map(|y| y.cs_cost).sum();
    assert!((total - fitted.totals.cs_cost).abs() <= 1);
    assert!(rules.totals.cs_cost > fitted.totals.cs_cost);
}

#[test]
fn a_partial_fiscal_year_gets_its_share_of_the_budget() {
    let source = over_cap_base("fiscal_year_start = 7\ncs_budget_per_year = 240000\n");
    let (_, fitted) = plans_of(&source);
    let fit = fitted.budget_fit.unwrap();
    let first = &fit.fiscal_years[0];
    assert_eq!((first.period.as_str(), first.months), ("FY2027", 6));
    assert_eq!(first.budget, Some(120_000));
}

#[test]
fn a_budget_the_support_team_alone_passes_is_a_warning_not_a_cut() {
    // Support demand is never deferred (first-cs-org: never too few support resources).
    let source =
        over_cap_base("cs_budget_per_year = 1000\n[support]\ntickets_per_agent_month = 50\n");
    let (_, fitted) = plans_of(&source);
    assert!(fitted.timeline.iter().any(|r| r.support > 0));
    assert!(
        fitted.warnings.iter().any(|w| w.rule == RuleId::BudgetFit
            && w.message.contains("support is funded to its demand first")
            && w.message.contains("the hires the fit kept")
            && w.message.contains("(support $")),
        "{:#?}",
        fitted.warnings
    );
    // And no CSM is hired beyond the team in post.
    assert!(
        fitted
            .hires
            .iter()
            .all(|h| h.role != csplan::model::Role::Csm)
    );
}

#[test]
fn the_books_that_hold_the_most_churn_per_cost_are_staffed_first() {
    // Two tiers each needing CSMs; the cap affords only some. SMB books here hold far more
    // churned ARR per CSM (30% churn) than the enterprise ones (3%).
    let source = "[company]\nname = \"Two Books\"\nstart = \"2027-01\"\nhire_lead_months = 1\n\
                  csm_spend_cap = 0.03\n\n\
                  [[segment]]\nname = \"Small\"\ncustomers = 3000\narpa = 3000\nannual_churn = 0.30\n\n\
                  [[segment]]\nname = \"Large\"\ncustomers = 60\narpa = 60000\nannual_churn = 0.03\n";
    let (rules, fitted) = plans_of(source);
    let fit = fitted.budget_fit.as_ref().unwrap();
    assert!(fit.csm < fit.rules_csm, "the cap binds: {fit:#?}");
    let seg = |name: &str| fit.segments.iter().find(|s| s.name == name).unwrap();
    let (small, large) = (seg("Small"), seg("Large"));
    assert_eq!(small.tier, Tier::Smb);
    let share = |s: &csplan::plan::SegmentFit| s.csm_fte / s.rules_csm_fte.max(1e-9);
    assert!(
        share(small) >= share(large),
        "small keeps {:.2} of its CSMs, large {:.2}",
        share(small),
        share(large)
    );
    assert!(rules.timeline.iter().any(|r| r.over_cap));
}

#[test]
fn fitted_output_is_byte_identical_on_rerun_in_every_format() {
    for format in ["table", "json", "csv", "markdown"] {
        let args = [
            "plan",
            "examples/every-rule.toml",
            "--within-budget",
            "--format",
            format,
        ];
        assert_eq!(stdout_of(&args), stdout_of(&args), "{format}");
    }
}

#[test]
fn the_table_and_markdown_say_what_the_fit_gave_up() {
    let table = stdout_of(&["plan", "examples/every-rule.toml", "--within-budget"]);
    assert!(table.contains("Budget: fitted (budget-fit)"), "{table}");
    assert!(table.contains("Budget fit (budget-fit): within the 10.0% CSM spend cap"));
    assert!(table.contains("To staff the rules: a cap of"));
    assert!(table.contains("Group clinics"));
    let md = stdout_of(&[
        "plan",
        "examples/every-rule.toml",
        "--within-budget",
        "--format",
        "markdown",
    ]);
    assert!(md.contains("- **Budget**: fitted (budget-fit)"), "{md}");
    assert!(md.contains("| Segment | Month | Short |"));
    // A plain plan says nothing of it.
    let plain = stdout_of(&["plan", "examples/every-rule.toml"]);
    assert!(!plain.contains("budget-fit"));
}

#[test]
fn a_budget_out_of_range_is_refused_with_its_key() {
    let out = csplan()
        .args(["check", "-"])
        .write_stdin(over_cap_base("cs_budget_per_year = 0\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cs_budget_per_year"), "{err}");
}

#[test]
fn months_without_the_csms_the_rules_call_for_are_short_in_the_timeline() {
    let (_, fitted) = plans_of(&over_cap_base("cs_budget_per_year = 400000\n"));
    let fit = fitted.budget_fit.as_ref().unwrap();
    assert!(fit.months_short > 0);
    let short_rows = fitted.timeline.iter().filter(|r| r.understaffed).count() as u32;
    assert!(short_rows >= fit.months_short, "{short_rows} rows flagged");
}

#[test]
fn a_team_in_post_over_the_cap_is_not_met_and_says_why() {
    // Eight CSMs in post on $3M of ARR: 26% of ARR, and nobody is let go.
    let (_, fitted) = plans_of(&over_cap_base("[team]\ncsm = 8\n"));
    let fit = fitted.budget_fit.as_ref().unwrap();
    assert!(!fit.met);
    assert!(fit.months_over_cap > 0);
    let table = csplan::render::render_table(&fitted);
    assert!(
        table
            .contains("Budget: NOT met (budget-fit): the 8 CSMs in post at the start pass the cap"),
        "{table}"
    );
    assert!(
        fitted
            .warnings
            .iter()
            .any(|w| w.rule == RuleId::SpendCap && w.message.contains("plans no one letting go"))
    );
    // A base that fits says it is met.
    let (_, fits) = plans_of(&over_cap_base(""));
    assert!(fits.budget_fit.unwrap().met);
}

#[test]
fn a_plain_plan_over_its_budget_says_so_and_points_at_within_budget() {
    let (rules, _) = plans_of(&over_cap_base("cs_budget_per_year = 400000\n"));
    assert!(rules.budget_fit.is_none());
    let over: Vec<_> = rules
        .warnings
        .iter()
        .filter(|w| w.rule == RuleId::BudgetFit)
        .collect();
    assert!(!over.is_empty());
    assert!(
        over[0].message.contains("--within-budget"),
        "{}",
        over[0].message
    );
}

#[test]
fn compare_stances_within_budget_adds_the_fitted_plan_as_a_fourth_column() {
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "plan",
        "examples/every-rule.toml",
        "--compare-stances",
        "--within-budget",
        "--format",
        "json",
    ]))
    .unwrap();
    let stances = json["stances"].as_array().unwrap();
    assert_eq!(stances.len(), 4);
    assert!(
        stances[..3]
            .iter()
            .all(|s| s.get("within_budget").is_none())
    );
    assert_eq!(stances[3]["within_budget"], true);
    assert_eq!(stances[3]["months_over_cap"], 0);
    assert!(stances[2]["months_over_cap"].as_u64().unwrap() > 0);
    let table = stdout_of(&[
        "plan",
        "examples/every-rule.toml",
        "--compare-stances",
        "--within-budget",
    ]);
    assert!(table.contains("ahead, within budget"), "{table}");
    // Without the flag, three columns as before.
    let plain: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "plan",
        "examples/every-rule.toml",
        "--compare-stances",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(plain["stances"].as_array().unwrap().len(), 3);
}

#[test]
fn a_horizon_ending_one_month_into_a_fiscal_year_does_not_hold_the_years_before_it() {
    // 25 months from 2027-01: FY2027 and FY2028 whole, one month of FY2029. The budget binds
    // the whole years; the one month of FY2029 is not held to a twelfth of cs_budget_per_year,
    // so it leaves FY2027 and FY2028 the CSMs their budgets afford.
    let dir = common::scratch("tail-year");
    let path = dir.write(
        "base.toml",
        &over_cap_base("csm_spend_cap = 0.5\ncs_budget_per_year = 800000\n"),
    );
    let json_of = |months: &str| -> serde_json::Value {
        serde_json::from_str(&stdout_of(&[
            "plan",
            path.to_str().unwrap(),
            "--within-budget",
            "--months",
            months,
            "--format",
            "json",
        ]))
        .unwrap()
    };
    let (whole, tail) = (json_of("24"), json_of("25"));
    let csms = |json: &serde_json::Value| -> Vec<u64> {
        json["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["csm"].as_u64().unwrap())
            .collect()
    };
    let (csm_whole, csm_tail) = (csms(&whole), csms(&tail));
    assert!(
        csm_whole.iter().any(|&c| c > 0),
        "the budget affords CSMs: {csm_whole:?}"
    );
    assert_eq!(
        &csm_tail[..24],
        &csm_whole[..],
        "FY2027-FY2028 as without the tail"
    );
    let years = tail["budget_fit"]["fiscal_years"].as_array().unwrap();
    assert_eq!(years.len(), 3);
    for y in &years[..2] {
        assert_eq!(y["budget"], 800_000, "{y}");
        assert_eq!(y["ends_inside"], false);
        assert!(y["cs_cost"].as_i64().unwrap() <= 800_000, "{y}");
    }
    let fy2029 = &years[2];
    assert_eq!(fy2029["period"], "FY2029");
    assert_eq!(fy2029["months"], 1);
    assert_eq!(fy2029["ends_inside"], true);
    assert!(fy2029["budget"].is_null(), "not held: {fy2029}");
    assert_eq!(fy2029["year_budget"], 800_000);
    // Its run-rate is its one month's cost a year, shown beside the budget.
    let tail_month = tail["timeline"][24]["cs_cost"].as_f64().unwrap();
    let run_rate = fy2029["run_rate"].as_f64().unwrap();
    assert!((run_rate - tail_month * 12.0).abs() <= 12.0, "{run_rate}");
    assert_eq!(tail["budget_fit"]["met"], true);
    // Its run-rate passes the budget it is not held to: a warning says so and how to hold it.
    assert!(run_rate > 800_000.0);
    let warned = tail["warnings"].as_array().unwrap().iter().any(|w| {
        w["rule"] == "budget-fit"
            && w["period"] == "FY2029"
            && w["message"]
                .as_str()
                .is_some_and(|m| m.contains("name FY2029 in [budget]"))
    });
    assert!(warned, "{}", tail["warnings"]);
    // The table shows the run-rate beside the budget, and the 24 months' text says nothing of it.
    let table = stdout_of(&[
        "plan",
        path.to_str().unwrap(),
        "--within-budget",
        "--months",
        "25",
    ]);
    assert!(
        table.contains("FY2029: CS cost") && table.contains("not held to it"),
        "{table}"
    );
    assert!(!table.contains("1 months' share"), "{table}");
}

#[test]
fn a_year_entered_part_way_is_held_to_its_months_share_and_the_tail_year_is_not() {
    // Fiscal years from July: FY2027 is entered in January (6 months), FY2029 is left in
    // December (6 months of it planned).
    let source = over_cap_base("fiscal_year_start = 7\ncs_budget_per_year = 240000\n");
    let (_, fitted) = plans_of(&source);
    let fit = fitted.budget_fit.unwrap();
    let labels: Vec<_> = fit.fiscal_years.iter().map(|y| y.period.as_str()).collect();
    assert_eq!(labels, ["FY2027", "FY2028", "FY2029"]);
    let (first, last) = (&fit.fiscal_years[0], &fit.fiscal_years[2]);
    assert!(!first.ends_inside && last.ends_inside);
    assert_eq!(first.budget, Some(120_000));
    assert_eq!(last.budget, None);
    assert_eq!(last.year_budget, Some(240_000));
}

#[test]
fn a_budget_table_names_the_years_it_funds_and_the_others_use_the_default() {
    // FY2027 gets its own, smaller figure; FY2028 the default; FY2029 (one month of it) is held
    // only because [budget] names it, to a twelfth of its figure.
    let source = over_cap_base(
        "csm_spend_cap = 0.5\ncs_budget_per_year = 800000\nhorizon_months = 25\n\n\
         [budget]\nFY2027 = 450000\nFY2029 = 960000\n",
    );
    let (_, fitted) = plans_of(&source);
    let fit = fitted.budget_fit.as_ref().unwrap();
    let year = |label: &str| fit.fiscal_years.iter().find(|y| y.period == label).unwrap();
    assert_eq!(year("FY2027").budget, Some(450_000));
    assert_eq!(year("FY2027").year_budget, Some(450_000));
    assert_eq!(year("FY2028").budget, Some(800_000));
    let tail = year("FY2029");
    assert!(tail.ends_inside);
    assert_eq!(
        (tail.budget, tail.year_budget),
        (Some(80_000), Some(960_000))
    );
    for y in &fit.fiscal_years {
        assert!(
            y.cs_cost <= y.budget.unwrap() || !fit.met,
            "{}: {} against {:?}",
            y.period,
            y.cs_cost,
            y.budget
        );
    }
    // The smaller FY2027 figure funds fewer CSMs in FY2027 than the default would.
    let (_, default) = plans_of(&over_cap_base(
        "csm_spend_cap = 0.5\ncs_budget_per_year = 800000\nhorizon_months = 25\n",
    ));
    let fy2027 = |p: &Plan| p.budget_fit.as_ref().unwrap().fiscal_years[0].cs_cost;
    assert!(fy2027(&fitted) < fy2027(&default));
    // With a [budget] table and no default, only the named years bind.
    let (_, named_only) = plans_of(&over_cap_base(
        "csm_spend_cap = 0.5\n\n[budget]\nFY2028 = 700000\n",
    ));
    let fit = named_only.budget_fit.unwrap();
    assert_eq!(fit.fiscal_years[0].budget, None);
    assert_eq!(fit.fiscal_years[1].budget, Some(700_000));
    assert!(fit.fiscal_years[1].cs_cost <= 700_000);
}

#[test]
fn a_budget_table_out_of_its_range_is_refused_with_file_line_and_the_years_covered() {
    let out = csplan()
        .args(["check", "-"])
        .write_stdin(over_cap_base("\n[budget]\nFY2030 = 1000000\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(":7:1: [budget] FY2030 = 1000000 is a fiscal year the plan never reaches")
            && err.contains("allowed FY2027 to FY2028"),
        "{err}"
    );
}

#[test]
fn the_cuts_come_in_budget_fit_order_and_price_what_they_give_up() {
    let (rules, fitted) = plans_of(&over_cap_base(
        "csm_spend_cap = 0.5\ncs_budget_per_year = 800000\n",
    ));
    let fit = fitted.budget_fit.as_ref().unwrap();
    assert!(!fit.cuts.is_empty(), "{fit:#?}");
    let steps: Vec<u32> = fit.cuts.iter().map(|c| c.step).collect();
    assert!(steps.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
    // CSM books: each priced at the CSM cost it saves and the churned ARR it puts at risk; the
    // books together save what the fitted CSM team costs less than the rules'.
    let books: Vec<_> = fit.cuts.iter().filter(|c| c.step == 3).collect();
    assert!(!books.is_empty());
    for b in &books {
        assert_eq!(b.role, csplan::model::Role::Csm);
        assert!(b.segment.is_some() && b.amount > 0 && b.months > 0, "{b:?}");
        assert!(b.churned_arr_at_risk.is_some_and(|r| r > 0), "{b:?}");
    }
    let csm_cost = |p: &Plan| -> f64 {
        p.timeline
            .iter()
            .map(|r| f64::from(r.csm) * p.assumptions.salaries.csm as f64 / 12.0)
            .sum()
    };
    let saved = csm_cost(&rules) - csm_cost(&fitted);
    let priced: i64 = books.iter().map(|b| b.amount).sum();
    assert!(
        (priced as f64 - saved).abs() <= 0.02 * saved + 12.0,
        "books priced at {priced}, CSM cost saved {saved}"
    );
    // The table gives one line per cut under the fit, and the decision says what is at risk.
    let dir = common::scratch("cuts");
    let path = dir.write(
        "base.toml",
        &over_cap_base("csm_spend_cap = 0.5\ncs_budget_per_year = 800000\n"),
    );
    let table = stdout_of(&["plan", path.to_str().unwrap(), "--within-budget"]);
    let lines: Vec<&str> = table
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()) && l.contains(". "))
        .collect();
    assert_eq!(lines.len(), fit.cuts.len(), "{table}");
    assert!(table.contains("of churned ARR a year at risk"), "{table}");
    assert!(table.contains("Budget: fitted (budget-fit)") && table.contains("at risk;"));
    let json = fitted_json(path.to_str().unwrap());
    assert_eq!(
        json["budget_fit"]["cuts"].as_array().unwrap().len(),
        fit.cuts.len()
    );
}

#[test]
fn a_budget_defers_the_external_head_first_and_a_promotion_stands_in() {
    // Meridian Care: $5M of ARR, past the hired head's threshold; the budget cannot fund the
    // rules' team. The head is given up before any CSM book (budget-fit step 1).
    let source = std::fs::read_to_string("docs/within-budget.toml").unwrap();
    let (rules, fitted) = plans_of(&source);
    let external = |p: &Plan| {
        p.hires
            .iter()
            .filter(|h| h.role == csplan::model::Role::Lead && h.kind == HireKind::Growth)
            .count()
    };
    assert_eq!(external(&rules), 1, "the rules' plan hires a head");
    assert_eq!(external(&fitted), 0, "the fitted plan defers them");
    let promotion = fitted
        .hires
        .iter()
        .find(|h| h.kind == HireKind::Promotion)
        .expect("a promotion stands in");
    assert_eq!(promotion.rule, RuleId::BudgetFit);
    assert!(
        promotion.reason.contains("budget-fit step 1"),
        "{}",
        promotion.reason
    );
    // One way to count: the promotion is no start, its backfill is.
    let promoted_in = fitted
        .timeline
        .iter()
        .find(|r| r.promotions > 0)
        .expect("a row shows the promotion");
    assert_eq!(promoted_in.period, promotion.start);
    assert!(fitted.timeline.iter().all(|r| r.lead <= 1));
    let fit = fitted.budget_fit.as_ref().unwrap();
    assert_eq!(fit.cuts[0].step, 1);
    assert_eq!(fit.cuts[0].role, csplan::model::Role::Lead);
    assert_eq!(
        fit.cuts[0].stand_in.as_deref(),
        Some(promotion.start.as_str())
    );
    assert!(fit.cuts[0].amount > 0);
    assert!(fit.met);
    // With the cap alone (no budget), the cap binds CSMs only and the head is kept.
    let cap_only: String = source
        .lines()
        .filter(|l| !l.starts_with("cs_budget_per_year"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (_, capped) = plans_of(&cap_only);
    assert!(
        capped
            .budget_fit
            .as_ref()
            .unwrap()
            .cuts
            .iter()
            .all(|c| c.step != 1)
    );
}

#[test]
fn onboarding_above_its_demand_is_rounded_down_unless_fees_pay_for_it() {
    // 280 onboarding hours a month (4 complex clinics at 50 hours, half a hospital at 160) are
    // 2.33 FTE: the rules plan ceil(2.33 / 1.1) = 3 people, the fit keeps floor(2.12) = 2.
    let source = over_cap_base("csm_spend_cap = 0.5\ncs_budget_per_year = 800000\n");
    let (rules, fitted) = plans_of(&source);
    let fit = fitted.budget_fit.as_ref().unwrap();
    let step2: Vec<_> = fit.cuts.iter().filter(|c| c.step == 2).collect();
    assert_eq!(step2.len(), 1, "{:#?}", fit.cuts);
    let cut = step2[0];
    assert_eq!(cut.role, csplan::model::Role::Onboarding);
    assert!(
        cut.amount > 0 && cut.hours_unserved.is_some_and(|h| h > 0.0),
        "{cut:?}"
    );
    for (r, f) in rules.timeline.iter().zip(&fitted.timeline) {
        assert!(f.onboarding <= r.onboarding, "{}", f.period);
        if let Some(need) = f.onboarding_need_fte {
            assert!(
                f64::from(f.onboarding) >= (need / 1.1 - 0.01).floor().min(f64::from(r.onboarding)),
                "{}: {} for {need} FTE",
                f.period,
                f.onboarding
            );
        }
    }
    // One way to count: the people starting are the hires that start.
    let starts: u32 = fitted.timeline.iter().map(|r| r.new_hires).sum();
    let listed = fitted
        .hires
        .iter()
        .filter(|h| h.kind != HireKind::Promotion && h.start_month <= 24)
        .count() as u32;
    assert_eq!(starts, listed);
    // With a fee that pays for the onboarding team, it is not cut.
    let paid = source.replacen(
        "complexity = \"complex\"\n",
        "complexity = \"complex\"\nonboarding_fee = 20000\n",
        1,
    );
    let (_, fee_paid) = plans_of(&paid);
    assert!(
        fee_paid
            .budget_fit
            .unwrap()
            .cuts
            .iter()
            .all(|c| c.step != 2)
    );
}

/// One way to count (SPEC v3): the budget fit's months short are the months its own rows flag
/// short, for every example and a scale-up whose budget is a fifth under what its rules cost.
#[test]
fn the_fit_counts_the_months_short_its_rows_flag() {
    let scale_up = std::fs::read_to_string("examples/scale-up.toml").unwrap();
    let mut bases: Vec<String> = crate::common::examples()
        .iter()
        .map(|name| std::fs::read_to_string(format!("examples/{name}.toml")).unwrap())
        .collect();
    bases.push(scale_up.replace("[company]", "[company]\ncs_budget_per_year = 2000000"));
    let options = csplan::PlanOptions {
        within_budget: true,
        ..Default::default()
    };
    for text in bases {
        let base = csplan::input::parse(&text).unwrap();
        let p = csplan::plan(&base, &options).unwrap();
        let fit = p.budget_fit.as_ref().unwrap();
        let flagged = p.timeline.iter().filter(|r| r.understaffed).count() as u32;
        assert_eq!(fit.months_short, flagged, "{}", p.company);
    }
}

/// A plan over its budget says so on its first screen, not only in the warnings at its end;
/// one within its budget says nothing of it.
#[test]
fn a_plan_over_its_budget_says_so_under_the_decision() {
    let scale_up = std::fs::read_to_string("examples/scale-up.toml").unwrap();
    let table = |text: &str| {
        let base = csplan::input::parse(text).unwrap();
        let p = csplan::plan_summary(&base, &csplan::PlanOptions::default()).unwrap();
        csplan::render::Render::table(
            &p,
            csplan::render::RenderOptions {
                colour: false,
                width: 200,
            },
        )
    };
    let over = table(&scale_up.replace("[company]", "[company]\ncs_budget_per_year = 1400000"));
    let decision = over.split("\n\n").next().unwrap();
    assert!(
        decision.contains("Budget: CS cost over the budget in FY2027, FY2028")
            && decision.contains("--within-budget fits the plan to it"),
        "{decision}"
    );
    let within = table(&scale_up.replace("[company]", "[company]\ncs_budget_per_year = 9000000"));
    assert!(
        !within.split("\n\n").next().unwrap().contains("Budget:"),
        "{within}"
    );
}
