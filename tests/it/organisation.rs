//! The whole CS organisation and its money (rules of first-cs-org and cs-playbook's ROI), with
//! expected values computed by hand in the comments.

use std::collections::BTreeSet;

use csplan::model::Role;
use csplan::plan::{HireKind, Plan, WarningKind};
use csplan::rules::{RULE_BOOK, RuleId};
use csplan::{PlanOptions, input, plan};

fn plan_of(source: &str) -> Plan {
    let base = input::parse(source).unwrap_or_else(|e| panic!("{}", e.render("test", source)));
    plan(&base, &PlanOptions::default()).unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!("examples/{name}.toml")).unwrap()
}

fn close(a: f64, b: f64, tolerance: f64) {
    assert!((a - b).abs() <= tolerance, "{a} is not {b} (± {tolerance})");
}

/// One smb segment, 100 logos × $12,000 = $1.2M, 1% churn a month, one CSM and one support
/// agent on staff, claimed churn reduction 50%, hosting 20% of ARR, premium support 10%.
const SMALL: &str = r#"
[company]
name = "Small"
horizon_months = 1
hire_lead_months = 0
cs_churn_reduction = 0.5
hosting_cost_ratio = 0.2

[team]
csm = 1
support = 1

[support]
premium_attach = 0.1

[[segment]]
name = "SMB"
customers = 100
arpa = 12000
monthly_churn = 0.01
"#;

#[test]
fn costs_land_on_their_pnl_lines() {
    let p = plan_of(SMALL);
    let row = &p.timeline[0];
    // Loaded cost = salary × 10/9: CSM $90,000 → $100,000 / 12 = $8,333.33; support
    // 0.75 × 90,000 = $67,500 → $75,000 / 12 = $6,250. Total 14,583.33, rounded once.
    assert_eq!(row.cost.csm, 8_333);
    assert_eq!(row.cost.support, 6_250);
    assert_eq!(row.cs_cost, 14_583);
    assert_eq!(row.cogs, 6_250);
    assert_eq!(row.sales_marketing, 8_333);
    assert_eq!(p.totals.cs_cost, 14_583);
}

#[test]
fn retention_roi_breakeven_and_margin_by_hand() {
    let p = plan_of(SMALL);
    let row = &p.timeline[0];
    // Month 1: ARR 1,200,000 × 0.99 = 1,188,000; churned 12,000.
    assert_eq!(row.arr, 1_188_000);
    assert_eq!(row.churned_arr, 12_000);
    // One month of GRR annualised: 0.99^12 = 0.886385; no expansion, so NRR is the same.
    close(row.grr, 0.8864, 1e-4);
    close(row.nrr, 0.8864, 1e-4);
    // ROI (rule roi): (12,000 × 0.5 + expansion 0 × no claim) / 14,583.33 = 0.4114.
    close(row.roi.unwrap(), 0.4114, 1e-4);
    // Break-even ratio (when-to-start): ARR lost a year 1,188,000 × (1 − 0.99^12) = 134,974.6
    // over the annual CS cost 175,000 = 0.7713.
    close(row.breakeven_ratio.unwrap(), 0.7713, 1e-4);
    // Gross margin: revenue (1 + 0.1) × ARR / 12 = 108,900; hosting 0.2 × 99,000 = 19,800;
    // support 6,250 → (108,900 − 19,800 − 6,250) / 108,900 = 0.7608.
    close(row.gross_margin.unwrap(), 0.7608, 1e-4);
    assert_eq!(row.premium_support_arr, Some(118_800));
    // CSM spend 100,000 / 1,188,000 = 8.42%; all CS 175,000 / 1,188,000 = 14.73%.
    close(row.csm_spend_ratio.unwrap(), 0.0842, 1e-4);
    close(row.cs_cost_ratio.unwrap(), 0.1473, 1e-4);
}

#[test]
fn benchmarks_sit_beside_keybanc() {
    let p = plan_of(SMALL);
    // $12k ARPA is smb: 99 logos on one CSM, $1,188,000 ARR; KeyBanc smb: 100 and $1.3M.
    let smb = &p.benchmarks[0];
    assert_eq!(smb.tier, Some(csplan::model::Tier::Smb));
    assert_eq!(smb.csm_fte, 1.0);
    assert_eq!(smb.accounts_per_csm, Some(99.0));
    assert_eq!(smb.arr_per_csm, Some(1_188_000));
    assert_eq!(smb.keybanc_accounts_per_csm, Some(100.0));
    assert_eq!(smb.keybanc_arr_per_csm, 1_300_000);
    let all = p.benchmarks.last().unwrap();
    assert_eq!(all.tier, None);
    assert_eq!(all.keybanc_arr_per_csm, 1_700_000);
}

#[test]
fn support_and_onboarding_follow_demand_with_or_without_inputs() {
    let with = plan_of(&example("series-b"));
    let rules_for = |p: &Plan, role: Role| -> BTreeSet<RuleId> {
        p.hires
            .iter()
            .filter(|h| h.role == role && h.kind == csplan::plan::HireKind::Growth)
            .map(|h| h.rule)
            .collect()
    };
    assert_eq!(
        rules_for(&with, Role::Support),
        BTreeSet::from([RuleId::SupportDemand])
    );
    assert_eq!(
        rules_for(&with, Role::Onboarding),
        BTreeSet::from([RuleId::OnboardingDemand])
    );

    // Without ticket or hour inputs, csplan's defaults by tier and complexity place them by
    // demand all the same (support-first only orders them), labelled in the assumptions.
    let without: String = example("series-b")
        .lines()
        .filter(|l| {
            !l.starts_with("tickets_per_account_month") && !l.starts_with("onboarding_hours")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let without = plan_of(&without);
    assert!(
        without
            .assumptions
            .segments
            .iter()
            .all(|s| s.tickets_from == "csplan default"
                && s.onboarding_hours_from == "csplan default")
    );
    for role in [Role::Support, Role::Onboarding] {
        let rules = rules_for(&without, role);
        assert!(
            rules.is_subset(&BTreeSet::from([
                RuleId::SupportDemand,
                RuleId::OnboardingDemand,
                RuleId::SupportFirst
            ])),
            "{role}: {rules:?}"
        );
    }
    assert!(
        !rules_for(&without, Role::Onboarding).is_empty(),
        "new logos call for onboarding"
    );
}

#[test]
fn series_b_has_every_role_hired_and_its_money() {
    let p = plan_of(&example("series-b"));
    // Every role but team managers (8 people a team; see the scale-up example).
    for role in [Role::Csm, Role::Support, Role::Onboarding, Role::Lead] {
        assert!(p.hires.iter().any(|h| h.role == role), "no {role} hire");
    }
    let lead = p.hires.iter().find(|h| h.role == Role::Lead).unwrap();
    assert_eq!(lead.rule, RuleId::HeadOfCs);
    let last = p.timeline.last().unwrap();
    assert_eq!(last.cogs, last.cost.support + last.cost.onboarding);
    assert_eq!(
        last.sales_marketing,
        last.cost.csm + last.cost.lead + last.cost.manager
    );
    assert_eq!(last.segments.len(), 2);
    assert!(last.segments.iter().all(|s| s.grr > 0.0 && s.nrr > 0.0));
    assert!(
        p.benchmarks
            .iter()
            .any(|b| b.keybanc_accounts_per_csm == Some(14.0))
    );
}

/// `examples/every-rule.toml` applies each rule of SPEC §4; each shows in its plan.
#[test]
fn every_rule_shows_in_one_plan() {
    let source = example("every-rule");
    let p = plan_of(&source);
    let mut seen: BTreeSet<RuleId> = BTreeSet::new();
    seen.extend(p.hires.iter().map(|h| h.rule));
    seen.extend(p.hires.iter().filter_map(|h| h.sized_by));
    seen.extend(p.warnings.iter().map(|w| w.rule));
    for s in &p.assumptions.segments {
        for from in [&s.tier_from, &s.accounts_per_csm_from] {
            if let Some(info) = RULE_BOOK.iter().find(|r| r.id == from.as_str()) {
                seen.insert(info.rule);
            }
        }
    }
    // breakeven: loaded cost 70,000 × 1.35 (the eu load factor) = 94,500; ARR at break-even =
    // 94,500 × 940,000 / 64,200 = 1,383,645, reached later.
    assert_eq!(p.breakeven.arr_at_breakeven, Some(1_383_645));
    assert!(p.breakeven.reached.is_some());
    seen.insert(RuleId::Breakeven);
    // arr-per-csm: the ahead stance covers $1M per CSM (1:1 in EUR without usd_rate).
    assert_eq!(p.assumptions.arr_per_csm, 1_000_000);
    seen.insert(RuleId::ArrPerCsm);
    // segment-team v3: the dedicated CSMs ahead adds early (the large accounts' own by
    // two-big-customers, Group clinics' by self-funding-segment) only within the spend cap. At
    // the example's 10% a team of three is 26.6% of ARR: the pool alone, two CSMs.
    let served: BTreeSet<_> = p.hires.iter().filter_map(|h| h.segment.clone()).collect();
    assert!(
        served.contains("shared") && !served.contains("large accounts (Hospitals)"),
        "{served:?}"
    );
    // At a cap of 30% the three fit: the large accounts' CSM, Group clinics' and the pool.
    let roomy = plan_of(&source.replace("csm_spend_cap = 0.10", "csm_spend_cap = 0.30"));
    let served: BTreeSet<_> = roomy
        .hires
        .iter()
        .filter_map(|h| h.segment.clone())
        .collect();
    assert!(
        served.contains("shared")
            && served.contains("large accounts (Hospitals)")
            && served.contains("Group clinics"),
        "{served:?}"
    );
    seen.extend(roomy.hires.iter().map(|h| h.rule));
    seen.insert(RuleId::SegmentTeam);
    // max-load: growth CSMs are sized at up to 120% of the book.
    assert!(p.hires.iter().any(|h| h.reason.contains("(max-load)")));
    seen.insert(RuleId::MaxLoad);
    // team-manager: the first support hire leads the support team.
    assert!(
        p.hires
            .iter()
            .any(|h| h.role == Role::Support && h.reason.contains("team-manager"))
    );
    seen.insert(RuleId::TeamManager);
    // support-first: within a month, support opens before onboarding and CSMs.
    let first_month: Vec<Role> = p
        .hires
        .iter()
        .filter(|h| h.open_month == 1)
        .map(|h| h.role)
        .collect();
    assert_eq!(first_month.first(), Some(&Role::Support), "{first_month:?}");
    assert!(first_month.contains(&Role::Csm));
    seen.insert(RuleId::SupportFirst);
    // first-csm: the CSM-covered base (83 logos, €880,000: Solo's 300 tech-touch logos do not
    // count) reaches €1M later; in ahead two-big-customers opens first, in balanced first-csm.
    let balanced = plan_of(&source.replace("stance = \"ahead\"", "stance = \"balanced\""));
    let first = balanced.hires.iter().find(|h| h.role == Role::Csm).unwrap();
    assert_eq!(first.rule, RuleId::FirstCsm, "{}", first.reason);
    assert!(first.reason.contains("CSM-covered ARR"), "{}", first.reason);
    seen.insert(RuleId::FirstCsm);
    // concentration: each hospital's €60,000 is 6.4% of the €940,000, no risk; at €120,000
    // each holds 10.7% of €1,120,000, named once.
    assert!(p.warnings.iter().all(|w| w.rule != RuleId::Concentration));
    let anchored = plan_of(&source.replace("arpa = 60000", "arpa = 120000"));
    let named: Vec<_> = anchored
        .warnings
        .iter()
        .filter(|w| w.rule == RuleId::Concentration)
        .collect();
    assert_eq!(named.len(), 1, "{named:#?}");
    assert!(
        named[0]
            .message
            .contains("\"Hospitals\" 3 × €120,000 (10.7% of ARR apiece"),
        "{}",
        named[0].message
    );
    seen.insert(RuleId::Concentration);
    // benchmark-gap: the complex enterprise book (14 × 0.6) carries under half KeyBanc's 14.
    let enterprise = p
        .benchmarks
        .iter()
        .find(|b| b.tier == Some(csplan::model::Tier::Enterprise))
        .and_then(|b| b.gap.as_deref())
        .unwrap_or_default();
    assert!(
        enterprise.contains("under half KeyBanc's 14: complexity"),
        "{enterprise}"
    );
    seen.insert(RuleId::BenchmarkGap);
    // roi: the claimed churn reduction gives a ratio.
    assert!(p.totals.roi.is_some());
    seen.insert(RuleId::Roi);
    // regional-salary (v3): other roles default from the base's own CSM salary (€70,000 × 0.75
    // = €52,500 base), loaded at the eu factor (× 1.35 = €70,875).
    assert_eq!(p.assumptions.base_salaries.support, 52_500);
    assert_eq!(p.assumptions.salaries.support, 70_875);
    // cost-lines: COGS and S&M split, and the margin flag.
    assert!(p.warnings.iter().any(|w| w.kind == WarningKind::LowMargin));
    // contract-term: Group clinics (annual) churns less once cohorts build than on monthly terms.
    let monthly = plan_of(&source.replace("term_months = 12", "term_months = 1"));
    let churn_at = |p: &Plan| p.timeline[11].segments[1].churned_arr;
    assert!(
        churn_at(&p) < churn_at(&monthly),
        "{} vs {}",
        churn_at(&p),
        churn_at(&monthly)
    );
    seen.insert(RuleId::ContractTerm);

    // The health rules need account data (`csplan health`, `plan --accounts`): tests/it/health.rs
    // shows them with examples/growth-accounts.csv.
    seen.extend([
        RuleId::HealthScore,
        RuleId::HealthPlaybook,
        RuleId::HealthChurn,
    ]);

    // The workforce rules are off until a base sets their keys: examples/workforce.toml shows
    // recruiting capacity, ramp and attrition (tests/it/workforce.rs checks them on bases of their own).
    let hired = plan_of(&example("workforce"));
    if hired
        .warnings
        .iter()
        .any(|w| w.rule == RuleId::RecruitingCapacity)
        && hired.hires.iter().any(|h| {
            h.reason.contains("earlier): at most") && h.reason.contains("(recruiting-capacity)")
        })
    {
        seen.insert(RuleId::RecruitingCapacity);
    }
    if hired.warnings.iter().any(|w| w.rule == RuleId::Ramp)
        && hired.timeline.iter().any(|r| r.ramping_csm_fte > 0.0)
        && hired
            .hires
            .iter()
            .any(|h| h.reason.contains("before the need to ramp"))
    {
        seen.insert(RuleId::Ramp);
    }
    if hired.timeline.iter().any(|r| r.leavers > 0)
        && hired.timeline.iter().any(|r| r.backfills > 0)
        && hired
            .warnings
            .iter()
            .any(|w| w.rule == RuleId::AttritionBackfill)
    {
        seen.insert(RuleId::AttritionBackfill);
    }

    // Rule `coverage-response`: the ARR of books no CSM carries, in the rows, the segments and
    // the decision.
    if p.timeline.iter().any(|r| r.arr_at_risk > 0)
        && p.timeline
            .iter()
            .any(|r| r.segments.iter().any(|s| s.arr_at_risk > 0))
        && csplan::render::render(&p, csplan::render::Format::Table)
            .contains("\nAt risk: books uncovered")
    {
        seen.insert(RuleId::CoverageResponse);
    }

    // Rule `budget-fit`, with --within-budget on the base whose rules' plan is over the cap.
    let base = input::parse(&example("every-rule")).unwrap();
    let options = PlanOptions {
        within_budget: true,
        ..PlanOptions::default()
    };
    let fitted = plan(&base, &options).unwrap();
    if fitted.budget_fit.is_some()
        && fitted.hires.iter().any(|h| h.rule == RuleId::BudgetFit)
        && fitted.warnings.iter().any(|w| w.rule == RuleId::BudgetFit)
    {
        seen.insert(RuleId::BudgetFit);
    }

    let missing: Vec<_> = RULE_BOOK
        .iter()
        .filter(|r| !seen.contains(&r.rule))
        .map(|r| r.id)
        .collect();
    assert!(missing.is_empty(), "rules not shown: {missing:?}");
}

/// A promotion's reason counts the people in post in the month it takes effect, and names
/// that month: the row of that month adds up to the figure it gives.
#[test]
fn a_promotion_names_the_people_in_post_the_month_it_takes_effect() {
    let mut seen = 0;
    for name in ["growth", "growth-revised", "enterprise", "every-rule"] {
        let plan = plan_of(&example(name));
        for hire in plan.hires.iter().filter(|h| h.kind == HireKind::Promotion) {
            let row = plan
                .timeline
                .iter()
                .find(|r| r.month == hire.start_month)
                .expect("a row for the promotion's month");
            let people = row.csm + row.support + row.onboarding;
            let expected = format!("the CS org reaches {people} people by {}:", hire.start);
            assert!(
                hire.reason.starts_with(&expected),
                "{name}: {:?} does not start with {expected:?}",
                hire.reason
            );
            seen += 1;
        }
    }
    assert!(seen >= 4, "only {seen} promotions in the examples");
}

/// The `head-of-cs` warning that says why no head of CS is hired.
fn head_withheld(plan: &Plan) -> &csplan::plan::Warning {
    plan.warnings
        .iter()
        .find(|w| w.rule == RuleId::HeadOfCs)
        .expect("the plan says why no head is hired")
}

/// Rule `head-of-cs` v3: a hired head of CS leads a team and has a future. $8.1M of ARR falling
/// 30% a year keeps the promoted lead and hires no head; $6M of self-serve ARR with nobody in
/// CS plans no lead at all; each says why.
#[test]
fn a_head_of_cs_is_hired_for_a_team_and_a_future() {
    let falling = plan_of(
        "[company]\nname = \"Sunset\"\nstart = \"2027-01\"\nhorizon_months = 24\n\n[team]\ncsm = 4\n\
         support = 2\n\n[[segment]]\nname = \"Mid-market\"\ncustomers = 300\narpa = 27000\nannual_churn = 0.30\n",
    );
    let leads: Vec<_> = falling
        .hires
        .iter()
        .filter(|h| h.role == Role::Lead)
        .collect();
    assert!(
        leads.iter().all(|h| h.kind == HireKind::Promotion),
        "{leads:?}"
    );
    let why = head_withheld(&falling);
    assert!(
        why.message
            .contains("no head of CS is hired: ARR falls 30.0% by 2028-04"),
        "{}",
        why.message
    );
    assert!(
        why.message
            .ends_with("the lead promoted from within stands")
    );

    let nobody = plan_of(
        "[company]\nname = \"Clicky\"\nstart = \"2027-01\"\nhorizon_months = 24\n\n[[segment]]\n\
         name = \"Self-serve\"\ncustomers = 12000\narpa = 500\nannual_churn = 0.1\n\
         tickets_per_account_month = 0\n",
    );
    assert!(nobody.hires.iter().all(|h| h.role != Role::Lead));
    assert!(nobody.timeline.iter().all(|r| r.lead == 0));
    let why = head_withheld(&nobody);
    assert!(
        why.message
            .contains("the CS team they would lead has 0 people (a hired head leads at least 3)"),
        "{}",
        why.message
    );
}

/// One way to count: the decision's team is everyone in post in the last row, managers and the
/// lead included; people starting are the rows' `new_hires`, and a promotion is counted in
/// `promotions`, never as a start nor as a requisition to open.
#[test]
fn every_view_counts_people_one_way() {
    let mut managers_seen = false;
    for name in ["growth", "scale-up", "series-b", "workforce", "every-rule"] {
        let p = plan_of(&example(name));
        let table = csplan::render::render(&p, csplan::render::Format::Table);
        let last = p.timeline.last().unwrap();
        managers_seen |= last.managers > 0;
        let team = last.csm + last.support + last.onboarding + last.lead + last.managers;
        assert!(
            table.contains(&format!(", a team of {team} at {}", last.period)),
            "{name}: {}",
            table.lines().take(8).collect::<Vec<_>>().join("\n")
        );
        let within = |h: &&csplan::plan::Hire| {
            h.start_month >= 1 && h.start_month <= p.timeline.len() as u32
        };
        let joining = p
            .hires
            .iter()
            .filter(within)
            .filter(|h| h.kind != HireKind::Promotion)
            .count() as u32;
        let promoted = p
            .hires
            .iter()
            .filter(within)
            .filter(|h| h.kind == HireKind::Promotion)
            .count() as u32;
        let starting: u32 = p.timeline.iter().map(|r| r.new_hires).sum();
        assert_eq!(starting, joining, "{name}");
        assert_eq!(
            p.timeline.iter().map(|r| r.promotions).sum::<u32>(),
            promoted,
            "{name}"
        );
        assert!(
            table.contains(&format!("; {starting} people starting,")),
            "{name}"
        );
        let decision: Vec<&str> = table
            .lines()
            .take_while(|l| !l.starts_with("Cost:"))
            .collect();
        assert!(
            decision.iter().all(|l| !l.contains("(promotion)")),
            "{name}: {decision:?}"
        );
    }
    assert!(managers_seen, "an example with managers");
}

/// One way to count: `--compare-stances` reports, per stance, exactly the months that stance's
/// own plan flags short.
#[test]
fn compare_stances_counts_the_months_each_plan_flags_short() {
    for name in ["growth", "workforce", "seed", "series-b"] {
        let base = input::parse(&example(name)).unwrap();
        let compared = csplan::compare::compare_stances(&base, &PlanOptions::default()).unwrap();
        for s in &compared.stances {
            let options = PlanOptions {
                stance: Some(s.stance),
                ..PlanOptions::default()
            };
            let p = plan(&base, &options).unwrap();
            let flagged = p.timeline.iter().filter(|r| r.understaffed).count() as u32;
            assert_eq!(s.months_short, flagged, "{name} {}", s.stance);
        }
    }
}

/// Rule `coverage-response`: the ARR at risk is the ARR of the books the CSMs in post do not
/// carry. It is there exactly in the months the plan flags short for CSMs, the segments add up
/// to the row, a tech-touch segment holds none, and the decision says so in one line.
#[test]
fn arr_at_risk_is_the_arr_of_books_no_csm_carries() {
    let p = plan_of(&example("growth"));
    let mut seen = 0;
    for r in &p.timeline {
        let carrying = (f64::from(r.csm) - r.ramping_csm_fte) * p.assumptions.max_load;
        let short = carrying + 1e-9 < r.csm_need_fte;
        assert_eq!(r.arr_at_risk > 0, short && r.understaffed, "{}", r.period);
        let sum: i64 = r.segments.iter().map(|s| s.arr_at_risk).sum();
        assert!(
            (sum - r.arr_at_risk).abs() <= r.segments.len() as i64,
            "{}",
            r.period
        );
        for s in r.segments.iter() {
            let coverage = s.coverage.expect("a CSM covers every growth segment");
            // ARR × (1 − coverage), to the rounding of coverage to 4 decimals.
            let expected = s.arr as f64 * (1.0 - coverage);
            assert!((s.arr_at_risk as f64 - expected).abs() <= s.arr as f64 * 1e-4 + 1.0);
        }
        seen += usize::from(r.arr_at_risk > 0);
    }
    assert!(seen > 0, "growth's first months are short");
    let table = csplan::render::render(&p, csplan::render::Format::Table);
    assert!(
        table.contains(&format!(
            "\nAt risk: books uncovered in {seen} of 24 months from 2027-01;"
        )),
        "{table}"
    );

    // A tech-touch segment: no coverage, none at risk.
    let self_serve = plan_of(
        "[company]\nname = \"Clicky\"\nstart = \"2027-01\"\nhorizon_months = 6\n\n[[segment]]\n\
         name = \"Self-serve\"\ncustomers = 12000\narpa = 500\nannual_churn = 0.1\n",
    );
    for r in &self_serve.timeline {
        assert_eq!(r.arr_at_risk, 0);
        assert!(
            r.segments
                .iter()
                .all(|s| s.coverage.is_none() && s.arr_at_risk == 0)
        );
    }
}
