//! The workforce rules of SPEC §4 (`recruiting-capacity`, …) on bases written for these tests:
//! how people can actually be hired.

use std::collections::BTreeMap;

use csplan::model::Role;
use csplan::plan::{HireKind, Plan};
use csplan::rules::RuleId;
use csplan::{PlanOptions, input, plan};

use crate::common;

fn plan_of(source: &str) -> Plan {
    let base = input::parse(source).unwrap_or_else(|e| panic!("{}", e.render("test", source)));
    plan(&base, &PlanOptions::default()).unwrap()
}

/// People recruited per start month (a promotion recruits nobody).
fn starts(p: &Plan) -> BTreeMap<u32, u32> {
    let mut m = BTreeMap::new();
    for h in p.hires.iter().filter(|h| h.kind != HireKind::Promotion) {
        *m.entry(h.start_month).or_insert(0) += 1;
    }
    m
}

/// A fast-growing company with no CS team at the start: $6M ARR of mid-market logos winning 30
/// more a month, so the first year alone calls for a dozen people in CS, many of them at once.
fn big_needs(workforce: &str) -> String {
    format!(
        "[company]\nname = \"Rocket\"\nstart = \"2027-01\"\nhire_lead_months = 2\n\n{workforce}\n\n\
         [[segment]]\nname = \"Mid-market\"\ncustomers = 240\narpa = 25000\nannual_churn = 0.12\n\
         new_per_month = 30\nnew_growth = 0.5\n\n[[segment]]\nname = \"Enterprise\"\ncustomers = 30\n\
         arpa = 120000\nannual_churn = 0.06\nnew_per_month = 2\ncomplexity = \"complex\"\n"
    )
}

#[test]
fn no_month_starts_more_than_max_starts_per_month() {
    let unlimited = plan_of(&big_needs(""));
    let crowded = starts(&unlimited).values().copied().max().unwrap();
    assert!(
        crowded >= 5,
        "the base needs many starts at once: {crowded}"
    );
    for cap in 1..=3 {
        let p = plan_of(&big_needs(&format!(
            "[workforce]\nmax_starts_per_month = {cap}"
        )));
        for (month, n) in starts(&p) {
            assert!(n <= cap, "cap {cap}: {n} start in month {month}");
        }
        // Nobody is dropped: the same people are hired, only their months move.
        assert_eq!(p.hires.len(), unlimited.hires.len(), "cap {cap}");
        // Each start month stays two months after its requisition opens.
        assert!(
            p.hires
                .iter()
                .all(|h| h.start_month == h.open_month + 2 || h.kind == HireKind::Promotion)
        );
        // A row's new hires never pass the cap either (promotions aside).
        let promotions: BTreeMap<u32, u32> = p
            .hires
            .iter()
            .filter(|h| h.kind == HireKind::Promotion)
            .fold(BTreeMap::new(), |mut m, h| {
                *m.entry(h.start_month).or_insert(0) += 1;
                m
            });
        for row in &p.timeline {
            let promoted = promotions.get(&row.month).copied().unwrap_or(0);
            assert!(row.new_hires - promoted <= cap, "cap {cap}: {row:?}");
        }
    }
}

/// With a team in post at the start, the crowded months come late in the plan and there is room
/// before them: people start earlier than they are needed, so every month has at least the
/// staff of the unlimited plan, and each early start says why.
#[test]
fn requisitions_open_earlier_so_the_need_is_still_met() {
    let team = "[team]\ncsm = 18\nsupport = 4\nonboarding = 8\nlead = 1\nmanagers = 3";
    let unlimited = plan_of(&big_needs(team));
    assert!(
        starts(&unlimited).values().any(|&n| n > 2),
        "{:?}",
        starts(&unlimited)
    );
    let p = plan_of(&big_needs(&format!(
        "{team}\n\n[workforce]\nmax_starts_per_month = 2"
    )));
    assert!(starts(&p).values().all(|&n| n <= 2), "{:?}", starts(&p));
    for (capped, free) in p.timeline.iter().zip(&unlimited.timeline) {
        let people = |r: &csplan::plan::Row| r.csm + r.support + r.onboarding + r.lead + r.managers;
        assert!(people(capped) >= people(free), "{capped:?}");
        assert!(capped.csm >= free.csm && capped.onboarding >= free.onboarding);
        assert_eq!(capped.understaffed, free.understaffed, "{}", capped.period);
    }
    let early: Vec<_> = p
        .hires
        .iter()
        .filter(|h| {
            h.reason
                .contains("earlier): at most 2 starts a month (recruiting-capacity)")
        })
        .collect();
    assert!(!early.is_empty());
    assert!(
        p.warnings
            .iter()
            .all(|w| w.rule != RuleId::RecruitingCapacity)
    );
    // Early starts are not a surplus.
    assert_eq!(
        p.warnings
            .iter()
            .filter(|w| w.message.contains("above the need"))
            .count(),
        unlimited
            .warnings
            .iter()
            .filter(|w| w.message.contains("above the need"))
            .count()
    );
}

/// When even opening in the first month cannot spread the starts, the late people are a
/// warning naming the months short and by how many: never a silent delay.
#[test]
fn a_shortfall_recruiting_cannot_close_is_a_warning() {
    let p = plan_of(&big_needs("[workforce]\nmax_starts_per_month = 1"));
    let late: Vec<_> = p
        .hires
        .iter()
        .filter(|h| {
            h.reason
                .contains("later): at most 1 start a month and no earlier month has room")
        })
        .collect();
    assert!(!late.is_empty());
    let warning = p
        .warnings
        .iter()
        .find(|w| w.rule == RuleId::RecruitingCapacity)
        .expect("a recruiting-capacity warning");
    assert!(
        warning
            .message
            .contains(&format!("{} people start after", late.len())),
        "{}",
        warning.message
    );
    assert!(
        warning.message.contains("short from 2027-"),
        "{}",
        warning.message
    );
    assert!(warning.message.contains("by up to "), "{}", warning.message);
}

/// The head of CS starts no later than the team growth they are hired to lead: in a crowded
/// month the head is the one who moves earlier.
#[test]
fn the_head_of_cs_starts_before_the_growth_they_lead() {
    let p = plan_of(&big_needs("[workforce]\nmax_starts_per_month = 2"));
    let head = p
        .hires
        .iter()
        .find(|h| h.role == Role::Lead && h.kind == HireKind::Growth)
        .expect("a hired head of CS");
    let unlimited = plan_of(&big_needs(""));
    let due = unlimited
        .hires
        .iter()
        .find(|h| h.role == Role::Lead && h.kind == HireKind::Growth)
        .unwrap()
        .start_month;
    assert!(head.start_month <= due, "{head:?}");
}

#[test]
fn max_starts_per_month_is_checked() {
    let source = big_needs("[workforce]\nmax_starts_per_month = 5000");
    common::csplan()
        .args(["check", "-"])
        .write_stdin(source)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("max_starts_per_month"))
        .stderr(predicates::str::contains("0..=1000"));
}

/// A young company growing into its first CSM: 20 mid-market logos at $20k winning 3 a month.
fn growing(ramp_months: u32) -> String {
    format!(
        "[company]\nname = \"Sprout\"\nstart = \"2027-01\"\nhire_lead_months = 2\n\n[workforce]\n\
         ramp_months = {ramp_months}\n\n[[segment]]\nname = \"MM\"\ncustomers = 20\narpa = 20000\n\
         annual_churn = 0.1\nnew_per_month = 3\n"
    )
}

#[test]
fn with_ramp_the_first_hire_of_a_growing_base_opens_earlier() {
    let without = plan_of(&growing(0));
    let with = plan_of(&growing(3));
    let first = |p: &Plan| {
        p.hires
            .iter()
            .find(|h| h.role == Role::Csm)
            .map(|h| h.open_month)
            .unwrap()
    };
    assert!(
        first(&without) >= 4,
        "the gate opens late: {:?}",
        without.hires
    );
    assert!(first(&with) < first(&without), "{:?}", with.hires);
    let csm = with.hires.iter().find(|h| h.role == Role::Csm).unwrap();
    assert!(
        csm.reason
            .contains("starts 3 months before the need to ramp (ramp: 1/4 of a book"),
        "{}",
        csm.reason
    );
    // Rows carry the part of a book not yet carried; no ramp, nothing ramping.
    assert!(without.timeline.iter().all(|r| r.ramping_csm_fte == 0.0));
    let start = csm.start_month as usize;
    // The first CSM carries 1/4, 2/4, 3/4 of a book in their first three months.
    let ramping: Vec<f64> = with.timeline[start - 1..start + 2]
        .iter()
        .map(|r| r.ramping_csm_fte)
        .collect();
    assert_eq!(ramping, vec![0.75, 0.5, 0.25]);
    // Hiring ahead for the ramp leaves no month short once the first CSM is due.
    assert!(
        with.timeline.iter().all(|r| !r.understaffed),
        "{:?}",
        with.warnings
    );
}

/// A month is short when the CSMs' carried books, at max_load, fall below the need: a team
/// that must hire in month 1 cannot ramp ahead, and the warning says so.
#[test]
fn ramping_csms_count_at_their_share() {
    // 100 mid-market logos at $20k: 2.5 FTE, one CSM on staff; hires start in month 3 at the
    // earliest and carry a quarter of a book then.
    let base = "[company]\nname = \"Now\"\nstart = \"2027-01\"\nhire_lead_months = 2\n\n[team]\ncsm = 1\n\n\
                [workforce]\nramp_months = 3\n\n[[segment]]\nname = \"MM\"\ncustomers = 100\narpa = 20000\n\
                annual_churn = 0.0\n";
    let p = plan_of(base);
    let row = &p.timeline[2];
    assert_eq!(row.csm, 3);
    assert_eq!(row.ramping_csm_fte, 1.5);
    // (3 − 1.5) × 1.2 = 1.8 < 2.5 in month 3, (3 − 1) × 1.2 = 2.4 in month 4: short; (3 − 0.5)
    // × 1.2 = 3.0 in month 5 covers the need.
    assert!(row.understaffed);
    assert!(p.timeline[3].understaffed && !p.timeline[4].understaffed);
    let warning = p.warnings.iter().find(|w| w.rule == RuleId::Ramp).unwrap();
    assert!(
        warning.message.contains("from 2027-03 to 2027-04"),
        "{}",
        warning.message
    );
}

/// Ten CSMs carrying a steady book of 480 mid-market logos (12 FTE at up to 120%: ten CSMs).
fn steady_team(attrition: f64) -> String {
    format!(
        "[company]\nname = \"Steady\"\nstart = \"2027-01\"\nhire_lead_months = 3\n\n[team]\ncsm = 10\n\
         lead = 1\nmanagers = 1\n\n[workforce]\nattrition = {attrition}\n\n[[segment]]\nname = \"MM\"\ncustomers = 480\n\
         arpa = 22000\nannual_churn = 0.0\ntickets_per_account_month = 0\n"
    )
}

#[test]
fn a_team_of_ten_at_twenty_percent_sees_four_leavers_and_four_backfills() {
    let p = plan_of(&steady_team(0.2));
    let backfills: Vec<_> = p
        .hires
        .iter()
        .filter(|h| h.rule == RuleId::AttritionBackfill)
        .collect();
    assert!(
        backfills
            .iter()
            .all(|h| h.role == Role::Csm && h.kind == HireKind::Backfill)
    );
    let leavers: u32 = p.timeline.iter().map(|r| r.leavers).sum();
    assert!((3..=5).contains(&leavers), "{leavers}");
    assert!((3..=5).contains(&backfills.len()), "{backfills:?}");
    assert_eq!(backfills.len() as u32, leavers);
    // Hiring ahead, each backfill opens on an evergreen requisition hire_lead_months before
    // its leaver goes and starts that month: the team keeps ten in post and no month is short.
    for h in &backfills {
        let left = h.start_month as usize;
        assert_eq!(p.timeline[left - 1].leavers, 1, "{h:?}");
        assert_eq!(h.start_month, h.open_month + 3);
        assert!(
            h.reason.contains("an evergreen requisition"),
            "{}",
            h.reason
        );
        assert_eq!(p.timeline[left - 1].backfills, 1);
    }
    for row in &p.timeline {
        assert_eq!(row.csm, 10, "{}", row.period);
        assert!(!row.understaffed, "{}", row.period);
    }
    let warning = p
        .warnings
        .iter()
        .find(|w| w.rule == RuleId::AttritionBackfill)
        .expect("the gap is a warning");
    assert!(
        warning
            .message
            .starts_with(&format!("{leavers} people leave")),
        "{}",
        warning.message
    );
    // The gaps are the attrition warning's, not hire-ahead's.
    assert!(
        p.warnings.iter().all(|w| w.rule != RuleId::HireAhead),
        "{:?}",
        p.warnings
    );
    // No attrition, nobody leaves.
    let none = plan_of(&steady_team(0.0));
    assert!(
        none.timeline
            .iter()
            .all(|r| r.leavers == 0 && r.backfills == 0)
    );
    assert!(
        none.hires
            .iter()
            .all(|h| h.rule != RuleId::AttritionBackfill)
    );
}

#[test]
fn the_same_workforce_base_gives_the_same_plan() {
    let source =
        big_needs("[workforce]\nmax_starts_per_month = 2\nramp_months = 3\nattrition = 0.15");
    let a = serde_json::to_string(&plan_of(&source)).unwrap();
    let b = serde_json::to_string(&plan_of(&source)).unwrap();
    assert_eq!(a, b);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any workforce settings on a growing base: the plan is made (never a panic), no month
    /// starts more than the cap, the ramping book stays within the CSMs in post, every leaver
    /// within the horizon opens one backfill, and figures are finite.
    #[test]
    fn workforce_settings_keep_the_plan_whole(
        cap in 0u32..=4,
        ramp in 0u32..=12,
        attrition in 0.0f64..=1.0,
        lead in 0u32..=6,
        stance in proptest::sample::select(vec!["lean", "balanced", "ahead"]),
        csm in 0u32..=12,
        support in 0u32..=4,
        new_per_month in 0u32..=40,
    ) {
        let source = format!(
            "[company]\nname = \"P\"\nstart = \"2027-01\"\nhire_lead_months = {lead}\nstance = \"{stance}\"\n\n\
             [team]\ncsm = {csm}\nsupport = {support}\n\n[workforce]\nmax_starts_per_month = {cap}\n\
             ramp_months = {ramp}\nattrition = {attrition}\n\n[[segment]]\nname = \"MM\"\ncustomers = 200\n\
             arpa = 25000\nannual_churn = 0.1\nnew_per_month = {new_per_month}\nnew_growth = 0.5\n"
        );
        let p = plan_of(&source);
        if cap > 0 {
            for (month, n) in starts(&p) {
                proptest::prop_assert!(n <= cap, "{n} start in month {month}");
            }
        }
        for row in &p.timeline {
            proptest::prop_assert!(row.ramping_csm_fte >= 0.0);
            proptest::prop_assert!(row.ramping_csm_fte <= f64::from(row.csm) + 1e-9, "{row:?}");
            proptest::prop_assert!(row.cs_cost >= 0);
        }
        let leavers: u32 = p.timeline.iter().map(|r| r.leavers).sum();
        let backfills = p
            .hires
            .iter()
            .filter(|h| h.rule == RuleId::AttritionBackfill)
            .count() as u32;
        // A leaver is backfilled only while the team needs them; one who is not is named.
        proptest::prop_assert!(backfills <= leavers, "{backfills} backfills, {leavers} leavers");
        if backfills < leavers {
            proptest::prop_assert!(
                p.warnings.iter().any(|w| w.message.starts_with("not backfilled: ")),
                "{:?}",
                p.warnings
            );
        }
        let json = serde_json::to_string(&p).unwrap();
        proptest::prop_assert!(!json.contains("NaN") && !json.contains("inf"));
    }
}

/// A shrinking base with a team far over its need: 13 CSMs where the rules call for about 7
/// (300 mid-market logos at 40 a CSM, 1.2 × that book, churn 25% a year). Leavers are not
/// backfilled while the team without them keeps to its need, and the plan says so.
#[test]
fn leavers_of_a_team_above_its_need_are_not_backfilled() {
    let source = "[company]\nname = \"Legacy\"\nstart = \"2027-01\"\nhorizon_months = 24\n\
                  hire_lead_months = 3\n\n[team]\ncsm = 13\nsupport = 3\nonboarding = 1\n\n\
                  [workforce]\nattrition = 0.2\n\n[[segment]]\nname = \"Mid-market\"\ncustomers = 300\n\
                  arpa = 30000\nannual_churn = 0.25\nnew_per_month = 2\n";
    let p = plan_of(source);
    let leavers: u32 = p.timeline.iter().map(|r| r.leavers).sum();
    assert!(leavers >= 4, "{leavers}");
    assert!(
        p.hires.iter().all(|h| h.rule != RuleId::AttritionBackfill),
        "{:?}",
        p.hires
    );
    // The team shrinks by its leavers, never below the rules' need.
    let last = p.timeline.last().unwrap();
    assert!(last.csm < 13, "{}", last.csm);
    for row in &p.timeline {
        assert!(!row.understaffed, "{}", row.period);
    }
    let frozen = p
        .warnings
        .iter()
        .find(|w| w.message.starts_with("not backfilled: "))
        .expect("a warning names the leavers not backfilled");
    assert!(
        frozen
            .message
            .contains("CSMs who leave while the team is above its need"),
        "{}",
        frozen.message
    );
}

/// `lean` hires in arrears: a backfill opens the month its leaver goes, and the team is one
/// short until it starts; the stances that hire ahead start it by that month instead.
#[test]
fn lean_backfills_when_the_person_leaves_and_the_others_ahead() {
    let lean = plan_of(&steady_team(0.2).replace(
        "hire_lead_months = 3\n",
        "hire_lead_months = 3\nstance = \"lean\"\n",
    ));
    let backfills: Vec<_> = lean
        .hires
        .iter()
        .filter(|h| h.rule == RuleId::AttritionBackfill)
        .collect();
    assert!(!backfills.is_empty());
    for h in &backfills {
        assert_eq!(lean.timeline[h.open_month as usize - 1].leavers, 1, "{h:?}");
        assert!(
            h.reason
                .contains("the team is one short until the backfill starts")
        );
        assert_eq!(lean.timeline[h.open_month as usize - 1].csm, 9);
    }
    let balanced = plan_of(&steady_team(0.2));
    assert!(balanced.timeline.iter().all(|r| r.csm == 10));
}

/// A shrinking base with a large team: every surplus is named with its cost (support and
/// onboarding as well as CSMs), and leavers none of whom is backfilled are not told they are.
#[test]
fn a_shrinking_base_names_each_surplus_and_backfills_no_one() {
    let source = r#"
[company]
name = "Oldmill Payroll"
start = "2027-01"
horizon_months = 24

[team]
csm = 14
support = 8
onboarding = 5
lead = 1
managers = 2

[workforce]
attrition = 0.12

[[segment]]
name = "Mid"
customers = 400
arpa = 25000
annual_churn = 0.25
new_per_month = 2
term_months = 12

[[segment]]
name = "SMB"
customers = 1200
arpa = 3000
annual_churn = 0.35
new_per_month = 10
complexity = "simple"
"#;
    let base = csplan::input::parse(source).unwrap();
    let p = csplan::plan(&base, &csplan::PlanOptions::default()).unwrap();
    let says = |rule: RuleId, text: &str| {
        p.warnings
            .iter()
            .any(|w| w.rule == rule && w.message.contains(text))
    };
    // Support: 8 in post; its demand needs 3 at the start, so 5 above it at $75,000 loaded each.
    assert!(
        says(
            RuleId::SupportDemand,
            "support staff above its demand by up to 5"
        ) && says(RuleId::SupportDemand, "$375,000 a year in loaded cost"),
        "{:#?}",
        p.warnings
    );
    assert!(says(
        RuleId::OnboardingDemand,
        "onboarding staff above its demand by up to 4"
    ));
    // Nobody is backfilled, and no line says leavers are.
    assert_eq!(p.timeline.iter().map(|r| r.backfills).sum::<u32>(), 0);
    assert!(says(RuleId::AttritionBackfill, "not backfilled"));
    assert!(!says(
        RuleId::AttritionBackfill,
        "is backfilled on a requisition"
    ));
}
