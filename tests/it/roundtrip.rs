//! No plan csplan writes is refused by csplan's own `diff`: bases built from the edges of every
//! key's allowed range (zero, the smallest positive values, the largest) are planned, written
//! as JSON, read back and checked as `diff` checks a saved plan, monthly and quarterly. A
//! base that `check` accepts must give a plan that `diff` reads; before, churn of 10^-12 gave
//! a break-even ARR past 10^15 and a tiny ARR gave cost ratios of 10^22.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use csplan::PlanOptions;
use csplan::diff::{check_saved_plan, diff};
use csplan::plan::Plan;

/// One of `values`, or the key left out when `None` is drawn.
fn pick<'a>(rng: &mut ChaCha8Rng, values: &[Option<&'a str>]) -> Option<&'a str> {
    values[rng.random_range(0..values.len())]
}

fn line(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        out.push_str(&format!("{key} = {v}\n"));
    }
}

/// A base whose every number is drawn from the edges of its range.
fn edge_base(rng: &mut ChaCha8Rng) -> String {
    let mut s = String::from("[company]\nname = \"Edge\"\nstart = \"2027-01\"\n");
    let currency = pick(rng, &[None, Some("\"EUR\"")]);
    line(&mut s, "currency", currency);
    if currency.is_some() {
        line(
            &mut s,
            "usd_rate",
            pick(rng, &[None, Some("1e-8"), Some("1.08"), Some("1e6")]),
        );
    }
    line(
        &mut s,
        "horizon_months",
        pick(rng, &[None, Some("1"), Some("120")]),
    );
    line(
        &mut s,
        "hire_lead_months",
        pick(rng, &[None, Some("0"), Some("24")]),
    );
    line(
        &mut s,
        "csm_spend_cap",
        pick(rng, &[None, Some("1e-9"), Some("1")]),
    );
    line(
        &mut s,
        "cs_churn_reduction",
        pick(rng, &[None, Some("0"), Some("1")]),
    );
    line(
        &mut s,
        "hosting_cost_ratio",
        pick(rng, &[None, Some("0"), Some("1")]),
    );
    line(
        &mut s,
        "stance",
        pick(rng, &[None, Some("\"lean\""), Some("\"ahead\"")]),
    );
    s.push_str("[team]\n");
    for role in ["csm", "support", "onboarding", "lead"] {
        line(
            &mut s,
            role,
            pick(rng, &[None, Some("0"), Some("1"), Some("10000")]),
        );
    }
    s.push_str("[salaries]\n");
    for role in ["csm", "support", "onboarding", "lead"] {
        line(&mut s, role, pick(rng, &[None, Some("1"), Some("1e8")]));
    }
    s.push_str("[support]\n");
    line(
        &mut s,
        "tickets_per_agent_month",
        // Support and onboarding are always sized by demand: an agent who closes 10^-9
        // tickets a month makes every plan past the people limit, refused, not an edge.
        pick(rng, &[None, Some("30"), Some("1e6")]),
    );
    line(
        &mut s,
        "premium_attach",
        pick(rng, &[None, Some("0"), Some("1")]),
    );
    s.push_str("[onboarding]\n");
    line(
        &mut s,
        "billable_hours_per_month",
        pick(rng, &[None, Some("20"), Some("744")]),
    );
    for i in 0..rng.random_range(1..=3) {
        s.push_str(&format!("[[segment]]\nname = \"S{i}\"\n"));
        let tiny = [Some("0"), Some("1e-9"), Some("5e-324"), Some("1")];
        line(
            &mut s,
            "customers",
            pick(rng, &[tiny[0], tiny[1], tiny[2], Some("100"), Some("1e7")]),
        );
        line(
            &mut s,
            "arpa",
            pick(
                rng,
                &[tiny[0], tiny[1], Some("1200"), Some("60000"), Some("1e8")],
            ),
        );
        line(
            &mut s,
            "annual_churn",
            pick(
                rng,
                &[
                    tiny[0],
                    Some("1e-12"),
                    Some("5e-324"),
                    Some("0.1"),
                    Some("1"),
                ],
            ),
        );
        line(
            &mut s,
            "annual_expansion",
            pick(rng, &[None, Some("1e-12"), Some("1")]),
        );
        line(
            &mut s,
            "new_per_month",
            pick(rng, &[None, Some("1e-9"), Some("5"), Some("1e6")]),
        );
        line(&mut s, "new_growth", pick(rng, &[None, Some("3")]));
        line(&mut s, "term_months", pick(rng, &[None, Some("60")]));
        line(
            &mut s,
            "accounts_per_csm",
            pick(rng, &[None, Some("1"), Some("1e5")]),
        );
        line(
            &mut s,
            "tickets_per_account_month",
            pick(rng, &[None, Some("0"), Some("1e-9"), Some("1e4")]),
        );
        line(
            &mut s,
            "onboarding_hours",
            pick(rng, &[None, Some("0"), Some("1e5")]),
        );
    }
    s
}

fn read_back(plan: &Plan, what: &str, base: &str) -> Plan {
    let json = serde_json::to_string(plan).unwrap();
    let back: Plan = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{what}: {e}\n{base}"));
    check_saved_plan(&back).unwrap_or_else(|e| panic!("{what}: {e}\n{base}"));
    back
}

#[test]
fn every_plan_csplan_writes_is_read_back_by_diff() {
    writes_and_reads_back(40);
}

#[test]
#[ignore = "soak: see common::SOAK"]
fn soak_every_plan_csplan_writes_is_read_back_by_diff() {
    writes_and_reads_back(5_000);
}

/// `cases` edge bases (or `CSPLAN_ROUNDTRIP_CASES`), each planned, saved and read back.
fn writes_and_reads_back(cases: usize) {
    let cases = crate::common::cases("CSPLAN_ROUNDTRIP_CASES", cases);
    let mut rng = ChaCha8Rng::seed_from_u64(10);
    let (mut planned, mut refused) = (0, 0);
    for _ in 0..cases {
        let base_text = edge_base(&mut rng);
        let base = match csplan::input::parse(&base_text) {
            Ok(b) => b,
            Err(e) => {
                if std::env::var_os("ROUNDTRIP_WHY").is_some() {
                    eprintln!("WHY parse {e}");
                }
                refused += 1;
                continue;
            }
        };
        let plan = match csplan::plan(&base, &PlanOptions::default()) {
            Ok(p) => p,
            Err(e) => {
                if std::env::var_os("ROUNDTRIP_WHY").is_some() {
                    eprintln!("WHY plan {e}");
                }
                refused += 1;
                continue;
            }
        };
        planned += 1;
        let monthly = read_back(&plan, "monthly", &base_text);
        let quarterly = read_back(&plan.by_quarter(), "quarterly", &base_text);
        diff(&monthly, &monthly).unwrap_or_else(|e| panic!("{e}\n{base_text}"));
        diff(&quarterly, &quarterly).unwrap_or_else(|e| panic!("{e}\n{base_text}"));
    }
    // The edges must mostly plan, or the test says little.
    assert!(
        planned * 3 >= cases,
        "only {planned} of {cases} planned ({refused} refused)"
    );
}
