//! Rule book v3, the rules that live in their own files (`regional-salary`, `churn-alarm`,
//! `concentration`, `onboarding-demand`, `benchmark-gap`), on bases written for these tests.
//! Expected values are worked out by hand in the comments.

use csplan::plan::{Plan, WarningKind};
use csplan::rules::RuleId;
use csplan::{PlanOptions, input, plan};

fn plan_of(source: &str) -> Plan {
    let base = input::parse(source).unwrap_or_else(|e| panic!("{}", e.render("test", source)));
    plan(&base, &PlanOptions::default()).unwrap()
}

fn warnings_of(p: &Plan, rule: RuleId) -> Vec<&str> {
    p.warnings
        .iter()
        .filter(|w| w.rule == rule)
        .map(|w| w.message.as_str())
        .collect()
}

/// An smb segment at 30% churn on annual terms beside a calm mid-market one. SMB's churn passes
/// 2% a month from 2027-01 to 2027-06 (the starting base, until the first cohorts' renewals
/// are still a year away) and again from 2028-01 to 2028-10; the whole base passes it only in
/// 2027-01 and 2028-01..03. Each of SMB's two runs is one warning, whatever the base does
/// inside it (it used to be four: the base's runs, then SMB's months outside them).
const CHURNY: &str = r#"
[company]
name = "Churny"
start = "2027-01"

[[segment]]
name = "SMB"
customers = 300
arpa = 6000
annual_churn = 0.30
new_per_month = 20
term_months = 12

[[segment]]
name = "Mid"
customers = 40
arpa = 30000
annual_churn = 0.08
"#;

#[test]
fn churn_alarm_is_one_warning_per_segment_and_run() {
    let p = plan_of(CHURNY);
    let alarms = warnings_of(&p, RuleId::ChurnAlarm);
    assert_eq!(alarms.len(), 2, "{alarms:#?}");
    assert!(
        alarms.iter().all(|m| m.starts_with("segment \"SMB\"")),
        "{alarms:#?}"
    );
    assert!(
        alarms[0].contains("from 2027-01 to 2027-06"),
        "{}",
        alarms[0]
    );
    assert!(
        alarms[0].contains("the whole base above it in 2027-01"),
        "{}",
        alarms[0]
    );
    assert!(
        alarms[1].contains("from 2028-01 to 2028-10"),
        "{}",
        alarms[1]
    );
    assert!(
        alarms[1].contains("the whole base above it from 2028-01 to 2028-03"),
        "{}",
        alarms[1]
    );
    assert!(
        p.warnings
            .iter()
            .filter(|w| w.kind == WarningKind::ChurnAlarm)
            .all(|w| w.rule == RuleId::ChurnAlarm)
    );
    // One segment: the base's own runs, worded for the base, once each.
    let alone = CHURNY.split("[[segment]]\nname = \"Mid\"").next().unwrap();
    let p = plan_of(alone);
    let alarms = warnings_of(&p, RuleId::ChurnAlarm);
    assert_eq!(alarms.len(), 2, "{alarms:#?}");
    assert!(
        alarms
            .iter()
            .all(|m| m.starts_with("revenue churn above 2.0% a month"))
    );
}
