use super::*;
use crate::model::{Region, Stance, Tier};

const MINIMAL: &str = r#"
[company]
name = "Acme"

[[segment]]
name = "Mid-market"
customers = 60
arpa = 24000
annual_churn = 0.12
"#;

fn errors(source: &str) -> Vec<(Option<usize>, String)> {
    let err = parse(source).expect_err("the input should be refused");
    err.diagnostics
        .iter()
        .map(|d| (d.line_column(source).map(|(l, _)| l), d.message.clone()))
        .collect()
}

#[test]
fn defaults_follow_the_spec() {
    let base = parse(MINIMAL).unwrap();
    let c = &base.company;
    assert_eq!(c.horizon_months, 24);
    assert_eq!(c.region, Region::Us);
    assert_eq!(c.currency, "USD");
    assert_eq!(c.usd_rate, 1.0);
    assert!(c.usd_rate_given);
    assert_eq!(c.stance, Stance::Balanced);
    assert_eq!(c.hire_lead_months, 3);
    assert_eq!(c.csm_spend_cap, 0.10);
    assert_eq!(c.start, None);
    assert_eq!(base.team.csm, 0);
    assert_eq!(base.salaries.csm, 90_000.0);
    let s = &base.segments[0];
    assert_eq!(s.term_months, 1);
    assert_eq!(s.new_per_month, 0.0);
    assert_eq!(s.tier, None);
    assert!((s.annual_churn() - 0.12).abs() < 1e-12);
}

#[test]
fn region_sets_currency_and_salary() {
    let source = MINIMAL.replace("name = \"Acme\"", "name = \"Acme\"\nregion = \"eu\"");
    let base = parse(&source).unwrap();
    assert_eq!(base.company.currency, "EUR");
    assert_eq!(base.salaries.csm, 45_000.0);
    assert!(!base.company.usd_rate_given);
}

/// Rule regional-salary v3: the load factor follows the region, the other roles follow the
/// base's own CSM salary, and a base's explicit keys still win.
#[test]
fn roles_scale_from_the_base_csm_salary_and_load_factor_follows_region() {
    use crate::model::Role;
    let latam = MINIMAL.replace("name = \"Acme\"", "name = \"Acme\"\nregion = \"latam\"");
    let base = parse(&latam).unwrap();
    assert_eq!(base.salaries.load_factor, 1.8);
    assert!((base.salaries.of(Role::Csm) - 64_800.0).abs() < 1e-6);
    let raised = format!("{MINIMAL}\n[salaries]\ncsm = 110000\n");
    let base = parse(&raised).unwrap();
    assert_eq!(base.salaries.manager, 137_500.0);
    assert_eq!(base.salaries.lead, 220_000.0);
    assert_eq!(base.salaries.support, 82_500.0);
    assert!(base.salaries.of(Role::Manager) > base.salaries.of(Role::Csm));
    let explicit =
        format!("{MINIMAL}\n[salaries]\ncsm = 110000\nmanager = 100000\nload_factor = 1.2\n");
    let base = parse(&explicit).unwrap();
    assert_eq!(base.salaries.manager, 100_000.0);
    assert_eq!(base.salaries.load_factor, 1.2);
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let source = MINIMAL.replace("annual_churn", "anual_churn");
    let found = errors(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, message) = &found[0];
    assert_eq!(*line, Some(9));
    assert!(
        message.contains("unknown key `anual_churn` in [[segment]]"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `annual_churn`?"),
        "{message}"
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let source = r#"
[company]
name = "Acme"
horizon_months = 500
hire_lead_mnths = 2

[[segment]]
name = "A"
customers = 10
arpa = 1000
annual_churn = 1.5
annual_expansion = -0.2

[[segment]]
name = "A"
customers = "many"
arpa = 1000
monthly_churn = 0.01
"#;
    let found = errors(source);
    let lines: Vec<_> = found.iter().map(|(l, _)| l.unwrap()).collect();
    // The unknown key, the wrong type, then every range problem and the duplicate name.
    for expected in [4, 5, 11, 12, 15, 16] {
        assert!(
            lines.contains(&expected),
            "no error on line {expected}: {found:?}"
        );
    }
    let text: String = found
        .iter()
        .map(|(_, m)| m.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("horizon_months = 500 is out of range: allowed 1..=120"),
        "{text}"
    );
    assert!(
        text.contains("annual_churn = 1.5 is out of range: allowed 0..=1"),
        "{text}"
    );
    assert!(text.contains("used twice"), "{text}");
}

#[test]
fn both_churn_keys_are_refused() {
    let source = MINIMAL.replace(
        "annual_churn = 0.12",
        "annual_churn = 0.12\nmonthly_churn = 0.01",
    );
    let found = errors(&source);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("both annual_churn and monthly_churn"));
    assert_eq!(found[0].0, Some(10));
}

#[test]
fn a_segment_needs_churn() {
    let source = MINIMAL.replace("annual_churn = 0.12\n", "");
    let found = errors(&source);
    assert!(found[0].1.contains("gives no churn"), "{found:?}");
}

#[test]
fn missing_tables_and_keys_are_named() {
    let found = errors("[[segment]]\nname = \"A\"\narpa = 1\nannual_churn = 0.1\n");
    assert!(found[0].1.contains("no [company] table"), "{found:?}");
    let found = errors("[company]\nname = \"A\"\n");
    assert!(found[0].1.contains("no [[segment]]"), "{found:?}");
}

#[test]
fn syntax_errors_keep_their_place() {
    let found = errors("[company]\nname = \"A\n");
    assert_eq!(found[0].0, Some(2));
}

#[test]
fn impossible_start_months_are_refused() {
    let source = MINIMAL.replace("name = \"Acme\"", "name = \"Acme\"\nstart = \"2027-13\"");
    let found = errors(&source);
    assert!(
        found[0].1.contains("start = \"2027-13\" is not a month"),
        "{found:?}"
    );
    assert_eq!(found[0].0, Some(4));
}

#[test]
fn unknown_tier_suggests_a_valid_one() {
    let source = MINIMAL.replace("arpa = 24000", "arpa = 24000\ntier = \"midmarket\"");
    let found = errors(&source);
    assert!(
        found[0].1.contains("did you mean `mid-market`?"),
        "{found:?}"
    );
    let ok = MINIMAL.replace("arpa = 24000", "arpa = 24000\ntier = \"enterprise\"");
    assert_eq!(parse(&ok).unwrap().segments[0].tier, Some(Tier::Enterprise));
}

#[test]
fn non_finite_numbers_are_refused() {
    let source = MINIMAL.replace("arpa = 24000", "arpa = inf");
    let found = errors(&source);
    assert!(found[0].1.contains("not a finite number"), "{found:?}");
    let source = MINIMAL.replace("customers = 60", "customers = nan");
    assert!(errors(&source)[0].1.contains("not a finite number"));
}

#[test]
fn salaries_must_be_a_unit_or_more_and_spend_cap_above_zero() {
    let source = format!("{MINIMAL}\n[salaries]\ncsm = 0\n");
    assert!(
        errors(&source)[0]
            .1
            .contains("csm = 0 is out of range: allowed 1..=100000000")
    );
    let source = MINIMAL.replace("name = \"Acme\"", "name = \"Acme\"\ncsm_spend_cap = 0");
    assert!(
        errors(&source)[0]
            .1
            .contains("csm_spend_cap = 0 is out of range")
    );
}

/// Each semantic check of the input, one assertion per rule: the line named and the words a
/// reader needs.
#[test]
fn semantics_each_refused_with_key_value_and_range() {
    let cases: &[(&str, &str, usize, &str)] = &[
        // (replace, with, line, message contains)
        (
            "customers = 60",
            "customers = -1",
            7,
            "customers = -1 is out of range: allowed 0..=10000000",
        ),
        (
            "arpa = 24000",
            "arpa = -5",
            8,
            "arpa = -5 is out of range: allowed 0..=100000000",
        ),
        (
            "arpa = 24000",
            "arpa = inf",
            8,
            "arpa = inf is not a finite number",
        ),
        (
            "arpa = 24000",
            "arpa = nan",
            8,
            "arpa = nan is not a finite number",
        ),
        (
            "annual_churn = 0.12",
            "annual_churn = 1.2",
            9,
            "annual_churn = 1.2 is out of range: allowed 0..=1",
        ),
        (
            "annual_churn = 0.12",
            "annual_churn = -0.1",
            9,
            "annual_churn = -0.1 is out of range",
        ),
        (
            "annual_churn = 0.12",
            "annual_churn = 0.12\nterm_months = 0",
            10,
            "term_months = 0 is out of range: allowed 1..=60",
        ),
        (
            "annual_churn = 0.12",
            "annual_churn = 0.12\nterm_months = 61",
            10,
            "term_months = 61 is out of range: allowed 1..=60",
        ),
        (
            "name = \"Acme\"",
            "name = \"Acme\"\nhorizon_months = 0",
            4,
            "horizon_months = 0 is out of range: allowed 1..=120",
        ),
        (
            "name = \"Acme\"",
            "name = \"Acme\"\nhorizon_months = 121",
            4,
            "horizon_months = 121 is out of range: allowed 1..=120",
        ),
        (
            "name = \"Acme\"",
            "name = \"Acme\"\ncsm_spend_cap = 1.01",
            4,
            "csm_spend_cap = 1.01 is out of range: allowed more than 0 and at most 1",
        ),
        (
            "name = \"Acme\"",
            "name = \"Acme\"\nstart = \"2027-00\"",
            4,
            "month 0 does not exist",
        ),
        (
            "name = \"Acme\"",
            "name = \"Acme\"\nstart = \"27-1\"",
            4,
            "expected a month as \"YYYY-MM\"",
        ),
        (
            "arpa = 24000",
            "arpa = 24000\ntier = \"platinum\"",
            9,
            "tier = \"platinum\" is not allowed",
        ),
        (
            "customers = 60",
            "customers = 1e15",
            7,
            "customers = 1000000000000000 is out of range",
        ),
    ];
    for (old, new, line, expected) in cases {
        let source = MINIMAL.replace(old, new);
        let found = errors(&source);
        assert!(
            found
                .iter()
                .any(|(l, m)| *l == Some(*line) && m.contains(expected)),
            "{new}: wanted line {line} with {expected:?}, got {found:?}"
        );
    }
}

#[test]
fn limits_edges_are_allowed() {
    // The ends of each range are allowed: a cap of exactly 1, a 120-month horizon, 60-month
    // terms, a churn of 1 (every logo lost), a tier that ARPA would not give.
    let source = MINIMAL
        .replace(
            "name = \"Acme\"",
            "name = \"Acme\"\ncsm_spend_cap = 1\nhorizon_months = 120",
        )
        .replace(
            "annual_churn = 0.12",
            "annual_churn = 1\nterm_months = 60\ntier = \"enterprise\"",
        );
    let base = parse(&source).unwrap();
    assert_eq!(base.segments[0].tier, Some(Tier::Enterprise));
    assert_eq!(base.company.horizon_months, 120);
    let plan = crate::plan(&base, &Default::default()).unwrap();
    assert_eq!(plan.assumptions.segments[0].tier, Tier::Enterprise);
}

#[test]
fn a_missing_required_key_does_not_hide_the_others() {
    let source = MINIMAL
        .replace("arpa = 24000\n", "")
        .replace("annual_churn = 0.12", "annual_churn = 12");
    let found = errors(&source);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].1.contains("lacks arpa"), "{found:?}");
    assert_eq!(found[0].0, Some(5));
    assert!(found[1].1.contains("annual_churn = 12"), "{found:?}");
}

#[test]
fn a_misspelt_table_is_one_problem_not_two() {
    let source = MINIMAL.replace("[company]", "[compnay]");
    let found = errors(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("did you mean [company]?"));
    let source = MINIMAL.replace("[[segment]]", "[[segments]]");
    let found = errors(&source);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("did you mean [[segment]]?"));
}

#[test]
fn type_errors_name_the_key_value_and_what_is_expected() {
    let found = errors(&MINIMAL.replace("customers = 60", "customers = \"many\""));
    assert_eq!(
        found[0].1,
        "[[segment]] \"Mid-market\" customers = \"many\" is not a number: allowed 0..=10000000"
    );
    let found = errors(&MINIMAL.replace("[[segment]]", "[segment]"));
    assert_eq!(
        found[0].1,
        "[segment] is a single table: write each segment as [[segment]] (double brackets)"
    );
    let found =
        errors(&MINIMAL.replace("name = \"Acme\"", "name = \"Acme\"\nhorizon_months = 2.5"));
    assert!(
        found[0]
            .1
            .contains("horizon_months = 2.5 is not a whole number: allowed 1..=120")
    );
}

#[test]
fn bytes_that_are_not_utf8_are_refused_at_the_first_bad_byte() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    let at = MINIMAL.find("Acme").unwrap();
    bytes[at] = 0xC9;
    let err = parse_bytes(&bytes).unwrap_err();
    let source = String::from_utf8_lossy(&bytes);
    assert_eq!(err.diagnostics[0].line_column(&source), Some((3, 9)));
    assert!(err.diagnostics[0].message.contains("byte 0xC9"));
    assert!(parse_bytes(&vec![b' '; MAX_INPUT_BYTES + 1]).is_err());
}

#[test]
fn an_empty_file_is_refused_at_line_one() {
    for source in ["", "\n\n", "# nothing yet\n"] {
        let found = errors(source);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Some(1));
        assert!(found[0].1.contains("holds no tables"));
    }
}

#[test]
fn locate_points_at_keys_and_segments() {
    let at = |path| locate(MINIMAL, path).map(|s| &MINIMAL[s]);
    assert_eq!(at("segment[1]"), Some("\"Mid-market\""));
    assert_eq!(at("segment[1].arpa"), Some("24000"));
    assert_eq!(at("company.name"), Some("\"Acme\""));
    assert_eq!(at("segment[2]"), None);
    assert_eq!(at("company.horizon_months"), None);
}
