//! What every key of a base may hold, in one place: the range checks after parsing and the
//! wording of type errors ("`customers = "many"` is not a number: allowed 0..=10000000") read
//! it from here. The ranges of the base's own values live in [`crate::model::limits`], where
//! the planner's guard against a [`crate::model::Base`] built in code reads them too.

pub use crate::model::limits::{
    ACCOUNTS_PER_CSM, ARPA, Allowed, BILLABLE_HOURS, CUSTOMERS, FISCAL_YEAR_START, HEADCOUNT,
    HIRE_LEAD, HORIZON, LOAD_FACTOR, MAX_LOAD, MAX_STARTS, NEW_GROWTH, NEW_PER_MONTH,
    ONBOARDING_HOURS, RAMP_MONTHS, RATE, SALARY, SPAN_OF_CONTROL, SPEND_CAP, TERM,
    TICKETS_PER_ACCOUNT, TICKETS_PER_AGENT, USD_RATE, Whole,
};

/// `[health]` score thresholds (`green_at`, `red_below`).
pub const HEALTH_SCORE: Allowed = Allowed::closed(0.0, 100.0);
/// `[health]` ticket counts (`tickets_good`, `tickets_bad`).
pub const HEALTH_TICKETS: Allowed = Allowed::closed(0.0, 1_000_000.0);
/// `[health] usage_target`.
pub const HEALTH_USAGE_TARGET: Allowed = Allowed::above(0.0, 1_000_000.0);
/// `[health]` days to value (`ttv_good_days`, `ttv_bad_days`).
pub const HEALTH_TTV_DAYS: Allowed = Allowed::closed(0.0, 3650.0);
/// `[health]` windows in whole days (`renewal_window_days`, `onboarding_days`).
pub const HEALTH_DAYS: Whole = Whole::new(0, 3650);
/// `[health] top_at_risk`.
pub const HEALTH_TOP: Whole = Whole::new(0, 1000);

/// `region` values.
pub const REGIONS: &[&str] = &["us", "eu", "latam"];
/// `stance` values.
pub const STANCES: &[&str] = &["lean", "balanced", "ahead"];
/// `complexity` values.
pub const COMPLEXITIES: &[&str] = &["simple", "moderate", "complex"];
/// `tier` values.
pub const TIERS: &[&str] = &["enterprise", "mid-market", "smb", "tech-touch"];
/// `[health] nps_scale` values.
pub const NPS_SCALES: &[&str] = &["score", "rating"];
/// `[health] csat_scale` values.
pub const CSAT_SCALES: &[&str] = &["five-point", "percent"];

/// What one key holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expect {
    /// A number in a range.
    Number(Allowed),
    /// A whole number in a range.
    Whole(Whole),
    /// Text in quotes; the example shows a value.
    Text(&'static str),
    /// A month as text, `"YYYY-MM"`.
    Month,
    /// One of these names.
    Choice(&'static [&'static str]),
    /// A table, written `[name]`.
    Table,
    /// An array of tables, written `[[name]]`.
    Tables,
}

impl Expect {
    /// What is allowed, for messages: `0..=1`, `us, eu, latam`, `text in quotes`.
    pub fn describe(self) -> String {
        match self {
            Expect::Number(a) => a.describe(),
            Expect::Whole(w) => w.describe(),
            Expect::Text(example) => format!("text in quotes, e.g. {example}"),
            Expect::Month => "a month in quotes, e.g. \"2027-01\"".into(),
            Expect::Choice(names) => names.join(", "),
            Expect::Table | Expect::Tables => "a table".into(),
        }
    }
}

/// The tables of a base, as written in the file.
pub const TABLES: &[(&str, Expect)] = &[
    ("company", Expect::Table),
    ("team", Expect::Table),
    ("salaries", Expect::Table),
    ("workforce", Expect::Table),
    ("support", Expect::Table),
    ("onboarding", Expect::Table),
    ("segment", Expect::Tables),
    ("health", Expect::Table),
    ("health.columns", Expect::Table),
    ("health.weights", Expect::Table),
    ("health.churn", Expect::Table),
];

/// Every key of every table and what it holds.
pub const KEYS: &[(&str, &str, Expect)] = &[
    ("company", "name", Expect::Text("\"Acme Analytics\"")),
    ("company", "start", Expect::Month),
    ("company", "horizon_months", Expect::Whole(HORIZON)),
    (
        "company",
        "fiscal_year_start",
        Expect::Whole(FISCAL_YEAR_START),
    ),
    ("company", "region", Expect::Choice(REGIONS)),
    ("company", "currency", Expect::Text("\"USD\"")),
    ("company", "usd_rate", Expect::Number(USD_RATE)),
    ("company", "stance", Expect::Choice(STANCES)),
    ("company", "hire_lead_months", Expect::Whole(HIRE_LEAD)),
    ("company", "csm_spend_cap", Expect::Number(SPEND_CAP)),
    ("company", "cs_churn_reduction", Expect::Number(RATE)),
    ("company", "cs_expansion_share", Expect::Number(RATE)),
    ("company", "max_load", Expect::Number(MAX_LOAD)),
    ("company", "hosting_cost_ratio", Expect::Number(RATE)),
    ("team", "csm", Expect::Whole(HEADCOUNT)),
    ("team", "support", Expect::Whole(HEADCOUNT)),
    ("team", "onboarding", Expect::Whole(HEADCOUNT)),
    ("team", "lead", Expect::Whole(HEADCOUNT)),
    ("team", "managers", Expect::Whole(HEADCOUNT)),
    ("salaries", "csm", Expect::Number(SALARY)),
    ("salaries", "support", Expect::Number(SALARY)),
    ("salaries", "onboarding", Expect::Number(SALARY)),
    ("salaries", "lead", Expect::Number(SALARY)),
    ("salaries", "manager", Expect::Number(SALARY)),
    ("salaries", "load_factor", Expect::Number(LOAD_FACTOR)),
    (
        "workforce",
        "span_of_control",
        Expect::Whole(SPAN_OF_CONTROL),
    ),
    (
        "workforce",
        "max_starts_per_month",
        Expect::Whole(MAX_STARTS),
    ),
    ("workforce", "ramp_months", Expect::Whole(RAMP_MONTHS)),
    ("workforce", "attrition", Expect::Number(RATE)),
    (
        "support",
        "tickets_per_agent_month",
        Expect::Number(TICKETS_PER_AGENT),
    ),
    ("support", "premium_attach", Expect::Number(RATE)),
    (
        "onboarding",
        "billable_hours_per_month",
        Expect::Number(BILLABLE_HOURS),
    ),
    ("segment", "name", Expect::Text("\"Mid-market\"")),
    ("segment", "customers", Expect::Number(CUSTOMERS)),
    ("segment", "arpa", Expect::Number(ARPA)),
    ("segment", "annual_churn", Expect::Number(RATE)),
    ("segment", "monthly_churn", Expect::Number(RATE)),
    ("segment", "annual_expansion", Expect::Number(RATE)),
    ("segment", "new_per_month", Expect::Number(NEW_PER_MONTH)),
    ("segment", "new_growth", Expect::Number(NEW_GROWTH)),
    ("segment", "complexity", Expect::Choice(COMPLEXITIES)),
    ("segment", "term_months", Expect::Whole(TERM)),
    ("segment", "tier", Expect::Choice(TIERS)),
    (
        "segment",
        "accounts_per_csm",
        Expect::Number(ACCOUNTS_PER_CSM),
    ),
    (
        "segment",
        "tickets_per_account_month",
        Expect::Number(TICKETS_PER_ACCOUNT),
    ),
    (
        "segment",
        "onboarding_hours",
        Expect::Number(ONBOARDING_HOURS),
    ),
    ("health", "as_of", Expect::Text("\"2027-01-01\"")),
    ("health", "green_at", Expect::Number(HEALTH_SCORE)),
    ("health", "red_below", Expect::Number(HEALTH_SCORE)),
    ("health", "renewal_window_days", Expect::Whole(HEALTH_DAYS)),
    ("health", "top_at_risk", Expect::Whole(HEALTH_TOP)),
    ("health", "low_usage", Expect::Number(RATE)),
    ("health", "expansion_usage", Expect::Number(RATE)),
    ("health", "onboarding_days", Expect::Whole(HEALTH_DAYS)),
    (
        "health",
        "usage_target",
        Expect::Number(HEALTH_USAGE_TARGET),
    ),
    ("health", "nps_scale", Expect::Choice(NPS_SCALES)),
    ("health", "csat_scale", Expect::Choice(CSAT_SCALES)),
    ("health", "tickets_good", Expect::Number(HEALTH_TICKETS)),
    ("health", "tickets_bad", Expect::Number(HEALTH_TICKETS)),
    ("health", "ttv_good_days", Expect::Number(HEALTH_TTV_DAYS)),
    ("health", "ttv_bad_days", Expect::Number(HEALTH_TTV_DAYS)),
    ("health", "columns", Expect::Table),
    ("health", "weights", Expect::Table),
    ("health", "churn", Expect::Table),
    ("health.columns", "account", Expect::Text("\"account\"")),
    ("health.columns", "segment", Expect::Text("\"segment\"")),
    ("health.columns", "arr", Expect::Text("\"arr\"")),
    ("health.columns", "usage", Expect::Text("\"usage\"")),
    ("health.columns", "outcome", Expect::Text("\"outcome\"")),
    ("health.columns", "nps", Expect::Text("\"nps\"")),
    ("health.columns", "csat", Expect::Text("\"csat\"")),
    ("health.columns", "tickets", Expect::Text("\"tickets\"")),
    (
        "health.columns",
        "time_to_value",
        Expect::Text("\"time_to_value_days\""),
    ),
    (
        "health.columns",
        "renewal_date",
        Expect::Text("\"renewal_date\""),
    ),
    (
        "health.columns",
        "start_date",
        Expect::Text("\"start_date\""),
    ),
    (
        "health.columns",
        "potential_arr",
        Expect::Text("\"potential_arr\""),
    ),
    ("health.weights", "usage", Expect::Number(RATE)),
    ("health.weights", "outcome", Expect::Number(RATE)),
    ("health.weights", "nps", Expect::Number(RATE)),
    ("health.weights", "csat", Expect::Number(RATE)),
    ("health.weights", "tickets", Expect::Number(RATE)),
    ("health.weights", "time_to_value", Expect::Number(RATE)),
    ("health.churn", "green", Expect::Number(RATE)),
    ("health.churn", "yellow", Expect::Number(RATE)),
    ("health.churn", "red", Expect::Number(RATE)),
];

/// What the key at `path` holds: `company.region`, `segment[2].arpa`, `team`,
/// `health.weights.usage`.
pub fn expect(path: &str) -> Option<Expect> {
    let plain = strip_indices(path);
    let table = TABLES.iter().find(|(t, _)| *t == plain).map(|(_, e)| *e);
    let key = plain.rsplit_once('.').and_then(|(table, key)| {
        KEYS.iter()
            .find(|(t, k, _)| *t == table && *k == key)
            .map(|(_, _, e)| *e)
    });
    // A range's bound holds what its key holds: `segment.annual_churn.low`.
    let bound = plain
        .rsplit_once('.')
        .filter(|(_, bound)| matches!(*bound, "low" | "high" | "mode"))
        .and_then(|(ranged, _)| expect(ranged))
        .filter(|e| matches!(e, Expect::Number(_)));
    table.or(key).or(bound)
}

/// The tables that accept `key`, as written in a file: `[company]`, `[[segment]]`.
pub fn tables_with(key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (table, k, _) in KEYS {
        let label = table_header(table);
        if *k == key && !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// `[company]` or `[[segment]]`.
pub fn table_header(table: &str) -> String {
    match expect(table) {
        Some(Expect::Tables) => format!("[[{table}]]"),
        _ => format!("[{table}]"),
    }
}

/// `segment[2].arpa` → `segment.arpa`.
fn strip_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for ch in path.chars() {
        match ch {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    out
}

/// What a key means, for keys whose unit people get wrong.
pub fn hint_for(key: &str) -> &'static str {
    match key {
        "annual_churn" | "annual_expansion" => " (a fraction per year: 0.12 means 12%)",
        "monthly_churn" => " (a fraction per month: 0.02 means 2%)",
        "csm_spend_cap" => " (a fraction of ARR: 0.10 means 10%)",
        "new_growth" => " (a fraction per year: 0.25 means 25% more new logos each year)",
        "max_load" => " (1.2 means a CSM may carry 120% of the rules' book)",
        "load_factor" => {
            " (loaded cost = salary × load_factor: 1.11 adds 11% for benefits, taxes, tools)"
        }
        "cs_churn_reduction" | "cs_expansion_share" | "hosting_cost_ratio" | "premium_attach" => {
            " (a fraction: 0.15 means 15%)"
        }
        "horizon_months" => " (months to plan)",
        "fiscal_year_start" => " (the month the fiscal year starts: 4 means April)",
        "usd_rate" => " (USD value of one unit of currency, e.g. 1.08 for EUR)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::raw::RawBase;
    use crate::model::{Complexity, Region, Stance, Tier};

    #[test]
    fn choices_are_the_names_serde_reads() {
        let names = |all: &[&'static str]| all.to_vec();
        assert_eq!(
            names(REGIONS),
            [Region::Us, Region::Eu, Region::Latam].map(Region::as_str)
        );
        assert_eq!(names(STANCES), Stance::ALL.map(Stance::as_str));
        assert_eq!(
            names(COMPLEXITIES),
            [
                Complexity::Simple,
                Complexity::Moderate,
                Complexity::Complex
            ]
            .map(Complexity::as_str)
        );
        assert_eq!(names(TIERS), Tier::ALL.map(Tier::as_str));
    }

    #[test]
    fn every_key_of_the_schema_is_listed_and_no_other() {
        // The input schema (generated from the serde structs) names every table and key.
        let schema = serde_json::to_value(schemars::schema_for!(RawBase)).unwrap();
        let definitions = &schema["$defs"];
        let mut from_schema = Vec::new();
        for (table, def) in [
            ("company", "RawCompany"),
            ("team", "RawTeam"),
            ("salaries", "RawSalaries"),
            ("workforce", "RawWorkforce"),
            ("support", "RawSupport"),
            ("onboarding", "RawOnboarding"),
            ("segment", "RawSegment"),
            ("health", "RawHealth"),
            ("health.columns", "RawHealthColumns"),
            ("health.weights", "RawHealthWeights"),
            ("health.churn", "RawHealthChurn"),
        ] {
            let properties = definitions[def]["properties"].as_object().unwrap();
            for key in properties.keys() {
                from_schema.push(format!("{table}.{key}"));
            }
        }
        let mut listed: Vec<String> = KEYS.iter().map(|(t, k, _)| format!("{t}.{k}")).collect();
        from_schema.sort();
        listed.sort();
        assert_eq!(listed, from_schema);
        let tables: Vec<&str> = TABLES
            .iter()
            .map(|(t, _)| *t)
            .filter(|t| !t.contains('.'))
            .collect();
        let mut top: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        top.sort();
        let mut sorted = tables.clone();
        sorted.sort();
        assert_eq!(sorted, top);
    }

    #[test]
    fn paths_find_their_key() {
        assert_eq!(expect("segment[12].arpa"), Some(Expect::Number(ARPA)));
        assert_eq!(
            expect("company.horizon_months"),
            Some(Expect::Whole(HORIZON))
        );
        assert_eq!(expect("segment"), Some(Expect::Tables));
        assert_eq!(expect("segment[1].colour"), None);
        assert_eq!(tables_with("name"), ["[company]", "[[segment]]"]);
        assert_eq!(tables_with("csm"), ["[team]", "[salaries]"]);
        assert_eq!(expect("health.weights.usage"), Some(Expect::Number(RATE)));
        assert_eq!(expect("health.columns"), Some(Expect::Table));
    }
}
