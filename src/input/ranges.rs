//! What every key of a base may hold, in one place: the range checks after parsing and the
//! wording of type errors ("`customers = "many"` is not a number: allowed 0..=10000000") read
//! it from here. The ranges of the base's own values live in [`crate::model::limits`], where
//! the planner's guard against a [`crate::model::Base`] built in code reads them too.

pub use crate::model::limits::{
    ACCOUNTS_PER_CSM, ARPA, ARPA_GROWTH, Allowed, BILLABLE_HOURS, CHURN_TREND, CS_BUDGET,
    CUSTOMERS, FISCAL_YEAR_START, HEADCOUNT, HIRE_LEAD, HORIZON, LOAD_FACTOR, MAX_LOAD, MAX_STARTS,
    NEW_GROWTH, NEW_PER_MONTH, ONBOARDING_HOURS, RAMP_MONTHS, RATE, SALARY, SPAN_OF_CONTROL,
    SPEND_CAP, TERM, TICKETS_PER_ACCOUNT, TICKETS_PER_AGENT, USD_RATE, Whole, YEAR_BUDGET,
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
    ("budget", Expect::Table),
    ("health", Expect::Table),
    ("health.columns", Expect::Table),
    ("health.weights", Expect::Table),
    ("health.churn", Expect::Table),
];

/// What applies when a key is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyDefault {
    /// The key must be given.
    Required,
    /// Absent means "not given": the feature it feeds is off, or another key stands in.
    Optional,
    /// This value, as written in TOML (`24`, `"balanced"`).
    Value(&'static str),
    /// Worked out from other keys, as said here (`from region`).
    Derived(&'static str),
}

/// One key of a base file: where it sits, what it holds, what applies without it, and what it
/// means. Validation words its messages from it, `csplan schema input` (and so `csplan explain
/// --keys`) takes each key's description from it, and the tests hold the README's input
/// reference and `csplan init`'s starters to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    /// The table, as a path: `company`, `segment`, `health.weights`.
    pub table: &'static str,
    /// The key's name in its table.
    pub name: &'static str,
    /// What it holds, with its allowed range.
    pub expect: Expect,
    /// What applies without it.
    pub default: KeyDefault,
    /// What it means, with its range and default in words: the schema's description.
    pub help: &'static str,
    /// What a value means, for keys whose unit people get wrong (`0.12 means 12%`); added to
    /// a message about the key's value. Empty for the others.
    pub hint: &'static str,
}

/// Every key of every table.
pub const KEYS: &[Key] = &[
    Key {
        table: "company",
        name: "name",
        expect: Expect::Text("\"Acme Analytics\""),
        default: KeyDefault::Required,
        help: "Company name, shown in every output's header. Required.",
        hint: "",
    },
    Key {
        table: "company",
        name: "start",
        expect: Expect::Month,
        default: KeyDefault::Optional,
        help: "First month of the plan as \"YYYY-MM\". Without it periods are \"M1\"..\"M24\".",
        hint: "",
    },
    Key {
        table: "company",
        name: "horizon_months",
        expect: Expect::Whole(HORIZON),
        default: KeyDefault::Value("24"),
        help: "Months to plan, 1..=120. Default 24.",
        hint: "months to plan",
    },
    Key {
        table: "company",
        name: "fiscal_year_start",
        expect: Expect::Whole(FISCAL_YEAR_START),
        default: KeyDefault::Value("1"),
        help: "Month the fiscal year starts, 1..=12. Default 1 (January). Quarters and years follow it.",
        hint: "the month the fiscal year starts: 4 means April",
    },
    Key {
        table: "company",
        name: "region",
        expect: Expect::Choice(REGIONS),
        default: KeyDefault::Value("\"us\""),
        help: "us | eu | latam: default salaries and currency (rule regional-salary). Default us.",
        hint: "",
    },
    Key {
        table: "company",
        name: "currency",
        expect: Expect::Text("\"USD\""),
        default: KeyDefault::Derived("from region"),
        help: "Currency label; default from region (us USD, eu EUR, latam BRL). Never converted.",
        hint: "",
    },
    Key {
        table: "company",
        name: "usd_rate",
        expect: Expect::Number(USD_RATE),
        default: KeyDefault::Derived("1.0 for USD"),
        help: "USD value of one unit of `currency`, > 0. Default 1.0 for USD.",
        hint: "USD value of one unit of currency, e.g. 1.08 for EUR",
    },
    Key {
        table: "company",
        name: "stance",
        expect: Expect::Choice(STANCES),
        default: KeyDefault::Value("\"balanced\""),
        help: "lean | balanced | ahead. Default balanced.",
        hint: "",
    },
    Key {
        table: "company",
        name: "hire_lead_months",
        expect: Expect::Whole(HIRE_LEAD),
        default: KeyDefault::Value("3"),
        help: "Months from opening a requisition to the start date, 0..=24. Default 3.",
        hint: "",
    },
    Key {
        table: "company",
        name: "csm_spend_cap",
        expect: Expect::Number(SPEND_CAP),
        default: KeyDefault::Value("0.10"),
        help: "Maximum CSM cost as a fraction of ARR, in (0, 1]. Default 0.10 (rule spend-cap).",
        hint: "a fraction of ARR: 0.10 means 10%",
    },
    Key {
        table: "company",
        name: "cs_churn_reduction",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0"),
        help: "Share of churn that full CSM coverage saves, 0..=1: churn then follows coverage (rule coverage-response; claims above 0.9 act as 0.9) and feeds the ROI. Default 0 (not claimed: churn as typed).",
        hint: "a fraction: 0.15 means 15%",
    },
    Key {
        table: "company",
        name: "cs_expansion_share",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0"),
        help: "Share of expansion that CS generates, 0..=1: expansion then follows coverage (rule coverage-response; claims above 0.9 act as 0.9) and feeds the ROI. Default 0 (not claimed: expansion as typed).",
        hint: "a fraction: 0.15 means 15%",
    },
    Key {
        table: "company",
        name: "max_load",
        expect: Expect::Number(MAX_LOAD),
        default: KeyDefault::Value("1.2"),
        help: "How far past the rules' book a CSM may carry, 1.0..=2.0. Default 1.2 (rule max-load).",
        hint: "1.2 means a CSM may carry 120% of the rules' book",
    },
    Key {
        table: "company",
        name: "hosting_cost_ratio",
        expect: Expect::Number(RATE),
        default: KeyDefault::Optional,
        help: "Hosting cost as a fraction of ARR, 0..=1, for the platform gross margin. Optional.",
        hint: "a fraction: 0.15 means 15%",
    },
    Key {
        table: "company",
        name: "cs_budget_per_year",
        expect: Expect::Number(CS_BUDGET),
        default: KeyDefault::Optional,
        help: "All-CS budget per fiscal year, in the plan currency, for plan --within-budget (rule \
               budget-fit); a fiscal year the plan enters part way gets its months' share, one the \
               horizon ends inside is not held to it. Optional.",
        hint: "the all-CS budget of one fiscal year, in the plan currency",
    },
    Key {
        table: "budget",
        name: BUDGET_KEY,
        expect: Expect::Number(YEAR_BUDGET),
        default: KeyDefault::Optional,
        help: "The all-CS budget of one named fiscal year, in the plan currency, for plan \
               --within-budget (rule budget-fit): the key is the year as the plan prints it \
               (FY2028 = 1200000), a year the horizon reaches; a year not named uses \
               cs_budget_per_year, and with neither no budget binds. A year the plan enters part \
               way, or ends inside, is held to its months' share. 0..=10^12. Optional.",
        hint: "the all-CS budget of that fiscal year, in the plan currency",
    },
    Key {
        table: "team",
        name: "csm",
        expect: Expect::Whole(HEADCOUNT),
        default: KeyDefault::Value("0"),
        help: "Customer success managers.",
        hint: "",
    },
    Key {
        table: "team",
        name: "support",
        expect: Expect::Whole(HEADCOUNT),
        default: KeyDefault::Value("0"),
        help: "Technical support agents.",
        hint: "",
    },
    Key {
        table: "team",
        name: "onboarding",
        expect: Expect::Whole(HEADCOUNT),
        default: KeyDefault::Value("0"),
        help: "Onboarding / professional services.",
        hint: "",
    },
    Key {
        table: "team",
        name: "lead",
        expect: Expect::Whole(HEADCOUNT),
        default: KeyDefault::Value("0"),
        help: "Head of CS.",
        hint: "",
    },
    Key {
        table: "team",
        name: "managers",
        expect: Expect::Whole(HEADCOUNT),
        default: KeyDefault::Value("0"),
        help: "Team managers.",
        hint: "",
    },
    Key {
        table: "salaries",
        name: "csm",
        expect: Expect::Number(SALARY),
        default: KeyDefault::Derived("by region"),
        help: "CSM. Default us 90000, eu 45000, latam 36000 (when-to-start).",
        hint: "",
    },
    Key {
        table: "salaries",
        name: "support",
        expect: Expect::Number(SALARY),
        default: KeyDefault::Derived("by region"),
        help: "Technical support. Default 0.75 × this base's CSM salary (csplan default).",
        hint: "",
    },
    Key {
        table: "salaries",
        name: "onboarding",
        expect: Expect::Number(SALARY),
        default: KeyDefault::Derived("by region"),
        help: "Onboarding / professional services. Default 1.0 × this base's CSM salary (csplan default).",
        hint: "",
    },
    Key {
        table: "salaries",
        name: "lead",
        expect: Expect::Number(SALARY),
        default: KeyDefault::Derived("by region"),
        help: "Head of CS. Default 2.0 × this base's CSM salary (csplan default).",
        hint: "",
    },
    Key {
        table: "salaries",
        name: "manager",
        expect: Expect::Number(SALARY),
        default: KeyDefault::Derived("by region"),
        help: "Team manager, and the director-level lead promoted from within. Default 1.25 × this base's CSM salary (csplan default).",
        hint: "",
    },
    Key {
        table: "salaries",
        name: "load_factor",
        expect: Expect::Number(LOAD_FACTOR),
        default: KeyDefault::Derived("by region"),
        help: "Loaded cost = salary × load_factor (benefits, taxes, tools), 1.0..=3.0. Default by region (csplan default): us 10/9 (the US CSM's $90k becomes $100k all-in), eu 1.35, latam 1.8.",
        hint: "loaded cost = salary × load_factor: 1.11 adds 11% for benefits, taxes, tools",
    },
    Key {
        table: "workforce",
        name: "span_of_control",
        expect: Expect::Whole(SPAN_OF_CONTROL),
        default: KeyDefault::Value("8"),
        help: "People per team manager, 3..=20. Default 8 (rule team-manager, csplan default).",
        hint: "",
    },
    Key {
        table: "workforce",
        name: "max_starts_per_month",
        expect: Expect::Whole(MAX_STARTS),
        default: KeyDefault::Value("0"),
        help: "People who can start in one month, all CS roles, 0..=1000; 0 = no limit. Default 0 (rule recruiting-capacity, csplan default).",
        hint: "",
    },
    Key {
        table: "workforce",
        name: "ramp_months",
        expect: Expect::Whole(RAMP_MONTHS),
        default: KeyDefault::Value("0"),
        help: "Months a new CSM takes to carry a full book, 0..=12. Default 0 (rule ramp, csplan default).",
        hint: "",
    },
    Key {
        table: "workforce",
        name: "attrition",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0"),
        help: "Share of each team leaving per year, 0..1, backfilled. Default 0 (rule attrition-backfill, csplan default).",
        hint: "",
    },
    Key {
        table: "support",
        name: "tickets_per_agent_month",
        expect: Expect::Number(TICKETS_PER_AGENT),
        default: KeyDefault::Value("300"),
        help: "Tickets one agent resolves per month, > 0. Default 300 (csplan default).",
        hint: "",
    },
    Key {
        table: "support",
        name: "premium_attach",
        expect: Expect::Number(RATE),
        default: KeyDefault::Optional,
        help: "Premium support revenue as a fraction of licence ARR, 0..=1 (first-cs-org: 0.10–0.20).",
        hint: "a fraction: 0.15 means 15%",
    },
    Key {
        table: "onboarding",
        name: "billable_hours_per_month",
        expect: Expect::Number(BILLABLE_HOURS),
        default: KeyDefault::Value("120"),
        help: "Billable hours one onboarding FTE delivers per month, > 0. Default 120 (csplan default).",
        hint: "",
    },
    Key {
        table: "segment",
        name: "name",
        expect: Expect::Text("\"Mid-market\""),
        default: KeyDefault::Required,
        help: "Segment name, unique in the base. Required.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "customers",
        expect: Expect::Number(CUSTOMERS),
        default: KeyDefault::Value("0"),
        help: "Logos at the start, 0..=10000000. Default 0.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "arpa",
        expect: Expect::Number(ARPA),
        default: KeyDefault::Required,
        help: "Annual revenue per account at the start, 0..=100000000. Required.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "annual_churn",
        expect: Expect::Number(RATE),
        default: KeyDefault::Optional,
        help: "Gross logo churn per year, 0..=1, or a range of such for `--simulate`. Give this or monthly_churn, not both.",
        hint: "a fraction per year: 0.12 means 12%",
    },
    Key {
        table: "segment",
        name: "monthly_churn",
        expect: Expect::Number(RATE),
        default: KeyDefault::Optional,
        help: "Gross logo churn per month, 0..=1. Give this or annual_churn, not both.",
        hint: "a fraction per month: 0.02 means 2%",
    },
    Key {
        table: "segment",
        name: "annual_expansion",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0"),
        help: "Expansion of retained ARR per year, 0..=1, or a range of such. Default 0.",
        hint: "a fraction per year: 0.12 means 12%",
    },
    Key {
        table: "segment",
        name: "new_per_month",
        expect: Expect::Number(NEW_PER_MONTH),
        default: KeyDefault::Value("0"),
        help: "New logos per month, 0..=1000000, or a range of such. Default 0.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "new_growth",
        expect: Expect::Number(NEW_GROWTH),
        default: KeyDefault::Value("0"),
        help: "Yearly growth of new_per_month, 0..=3 (3 = the monthly intake quadruples each year). Default 0.",
        hint: "a fraction per year: 0.25 means 25% more new logos each year",
    },
    Key {
        table: "segment",
        name: "churn_trend",
        expect: Expect::Number(CHURN_TREND),
        default: KeyDefault::Value("0"),
        help: "Yearly relative change of this segment's churn, -0.9..=1.0 (-0.2: churn falls by a fifth each year), or a range of such for `--simulate`. Default 0.",
        hint: "a relative change per year: -0.2 means churn falls by a fifth each year",
    },
    Key {
        table: "segment",
        name: "arpa_growth",
        expect: Expect::Number(ARPA_GROWTH),
        default: KeyDefault::Value("0"),
        help: "Yearly change of the ARPA new logos bring, -0.5..=1.0 (0.05: each year's new logos pay 5% more), or a range of such for `--simulate`. Default 0.",
        hint: "a fraction per year: 0.05 means new logos pay 5% more each year",
    },
    Key {
        table: "segment",
        name: "complexity",
        expect: Expect::Choice(COMPLEXITIES),
        default: KeyDefault::Value("\"moderate\""),
        help: "simple | moderate | complex. Default moderate.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "term_months",
        expect: Expect::Whole(TERM),
        default: KeyDefault::Value("1"),
        help: "Contract length in months, 1..=60: 1 monthly (default), 12 annual, 24/36 multi-year.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "tier",
        expect: Expect::Choice(TIERS),
        default: KeyDefault::Derived("from ARPA"),
        help: "enterprise | mid-market | smb | tech-touch. Default from ARPA (rule touch-model).",
        hint: "",
    },
    Key {
        table: "segment",
        name: "accounts_per_csm",
        expect: Expect::Number(ACCOUNTS_PER_CSM),
        default: KeyDefault::Derived("from tier and complexity"),
        help: "Accounts one CSM carries, 1..=100000, used as given. Default from tier and complexity.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "tickets_per_account_month",
        expect: Expect::Number(TICKETS_PER_ACCOUNT),
        default: KeyDefault::Derived("by tier and complexity"),
        help: "Support tickets per account per month, 0..=10000. Feeds the support model.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "onboarding_hours",
        expect: Expect::Number(ONBOARDING_HOURS),
        default: KeyDefault::Derived("by tier and complexity"),
        help: "Hours of onboarding work per new logo, 0..=100000. Feeds the onboarding model.",
        hint: "",
    },
    Key {
        table: "segment",
        name: "onboarding_fee",
        expect: Expect::Number(ARPA),
        default: KeyDefault::Value("0"),
        help: "One-off services revenue per new logo, in `currency`: the plan shows services revenue against onboarding cost (rule onboarding-demand).",
        hint: "",
    },
    Key {
        table: "health",
        name: "as_of",
        expect: Expect::Text("\"2027-01-01\""),
        default: KeyDefault::Derived("first day of start"),
        help: "\"YYYY-MM-DD\" that renewal windows and account ages count from. Default: the first day of `[company] start`.",
        hint: "",
    },
    Key {
        table: "health",
        name: "green_at",
        expect: Expect::Number(HEALTH_SCORE),
        default: KeyDefault::Value("70"),
        help: "A score at or above this is green, 0..=100. Default 70.",
        hint: "",
    },
    Key {
        table: "health",
        name: "red_below",
        expect: Expect::Number(HEALTH_SCORE),
        default: KeyDefault::Value("40"),
        help: "A score below this is red, 0..=green_at. Default 40.",
        hint: "",
    },
    Key {
        table: "health",
        name: "renewal_window_days",
        expect: Expect::Whole(HEALTH_DAYS),
        default: KeyDefault::Value("90"),
        help: "Days ahead in which a renewal counts as coming up, 0..=3650. Default 90.",
        hint: "",
    },
    Key {
        table: "health",
        name: "top_at_risk",
        expect: Expect::Whole(HEALTH_TOP),
        default: KeyDefault::Value("5"),
        help: "At-risk accounts listed per segment, 0..=1000. Default 5.",
        hint: "",
    },
    Key {
        table: "health",
        name: "low_usage",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.5"),
        help: "Usage scoring below this is low adoption, 0..=1. Default 0.5.",
        hint: "",
    },
    Key {
        table: "health",
        name: "expansion_usage",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.8"),
        help: "Without potential_arr, usage scoring at or above this is room to grow, 0..=1. Default 0.8.",
        hint: "",
    },
    Key {
        table: "health",
        name: "onboarding_days",
        expect: Expect::Whole(HEALTH_DAYS),
        default: KeyDefault::Value("90"),
        help: "Accounts younger than this many days (start_date) are onboarding, 0..=3650. Default 90.",
        hint: "",
    },
    Key {
        table: "health",
        name: "usage_target",
        expect: Expect::Number(HEALTH_USAGE_TARGET),
        default: KeyDefault::Optional,
        help: "Read usage as a count (e.g. logins per seat a month) that scores full at this value, > 0. Default: none, usage is a fraction 0..=1.",
        hint: "",
    },
    Key {
        table: "health",
        name: "nps_scale",
        expect: Expect::Choice(NPS_SCALES),
        default: KeyDefault::Value("\"score\""),
        help: "score (an account NPS, -100..=100) | rating (one respondent's 0..=10). Default score.",
        hint: "",
    },
    Key {
        table: "health",
        name: "csat_scale",
        expect: Expect::Choice(CSAT_SCALES),
        default: KeyDefault::Value("\"five-point\""),
        help: "five-point (1..=5) | percent (0..=100). Default five-point.",
        hint: "",
    },
    Key {
        table: "health",
        name: "tickets_good",
        expect: Expect::Number(HEALTH_TICKETS),
        default: KeyDefault::Value("2"),
        help: "Tickets in the period at or below which the support signal scores full, >= 0. Default 2.",
        hint: "",
    },
    Key {
        table: "health",
        name: "tickets_bad",
        expect: Expect::Number(HEALTH_TICKETS),
        default: KeyDefault::Value("10"),
        help: "Tickets at or above which it scores 0, above tickets_good. Default 10.",
        hint: "",
    },
    Key {
        table: "health",
        name: "ttv_good_days",
        expect: Expect::Number(HEALTH_TTV_DAYS),
        default: KeyDefault::Value("30"),
        help: "Days to value at or below which the signal scores full, >= 0. Default 30.",
        hint: "",
    },
    Key {
        table: "health",
        name: "ttv_bad_days",
        expect: Expect::Number(HEALTH_TTV_DAYS),
        default: KeyDefault::Value("120"),
        help: "Days to value at or above which it scores 0, above ttv_good_days. Default 120.",
        hint: "",
    },
    Key {
        table: "health",
        name: "columns",
        expect: Expect::Table,
        default: KeyDefault::Derived("every column under its own name"),
        help: "Column names of the accounts file.",
        hint: "",
    },
    Key {
        table: "health",
        name: "weights",
        expect: Expect::Table,
        default: KeyDefault::Derived("the default weights"),
        help: "Signal weights, each 0..=1, summing to 1. When given, signals left out weigh 0. Default usage 0.30, outcome 0.20, nps 0.20, csat 0.10, tickets 0.10, time_to_value 0.10.",
        hint: "",
    },
    Key {
        table: "health",
        name: "churn",
        expect: Expect::Table,
        default: KeyDefault::Derived("the default churn by colour"),
        help: "Expected annual logo churn by colour, 0..=1, green <= yellow <= red.",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "account",
        expect: Expect::Text("\"account\""),
        default: KeyDefault::Value("\"account\""),
        help: "Account name or id, unique in the file (required column). Default \"account\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "segment",
        expect: Expect::Text("\"segment\""),
        default: KeyDefault::Value("\"segment\""),
        help: "Segment name, as in `[[segment]]` (required column). Default \"segment\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "arr",
        expect: Expect::Text("\"arr\""),
        default: KeyDefault::Value("\"arr\""),
        help: "The account's ARR in the plan currency (required column). Default \"arr\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "usage",
        expect: Expect::Text("\"usage\""),
        default: KeyDefault::Value("\"usage\""),
        help: "Product usage / adoption. Default \"usage\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "outcome",
        expect: Expect::Text("\"outcome\""),
        default: KeyDefault::Value("\"outcome\""),
        help: "Desired outcome achieved, yes / no. Default \"outcome\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "nps",
        expect: Expect::Text("\"nps\""),
        default: KeyDefault::Value("\"nps\""),
        help: "NPS. Default \"nps\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "csat",
        expect: Expect::Text("\"csat\""),
        default: KeyDefault::Value("\"csat\""),
        help: "CSAT. Default \"csat\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "tickets",
        expect: Expect::Text("\"tickets\""),
        default: KeyDefault::Value("\"tickets\""),
        help: "Support tickets in the period. Default \"tickets\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "time_to_value",
        expect: Expect::Text("\"time_to_value_days\""),
        default: KeyDefault::Value("\"time_to_value_days\""),
        help: "Days to first value. Default \"time_to_value_days\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "renewal_date",
        expect: Expect::Text("\"renewal_date\""),
        default: KeyDefault::Value("\"renewal_date\""),
        help: "Next renewal, YYYY-MM-DD. Default \"renewal_date\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "start_date",
        expect: Expect::Text("\"start_date\""),
        default: KeyDefault::Value("\"start_date\""),
        help: "Customer since, YYYY-MM-DD. Default \"start_date\".",
        hint: "",
    },
    Key {
        table: "health.columns",
        name: "potential_arr",
        expect: Expect::Text("\"potential_arr\""),
        default: KeyDefault::Value("\"potential_arr\""),
        help: "ARR the account could reach (room to grow above its ARR). Default \"potential_arr\".",
        hint: "",
    },
    Key {
        table: "health.weights",
        name: "usage",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.30"),
        help: "Product usage / adoption. Default 0.30.",
        hint: "",
    },
    Key {
        table: "health.weights",
        name: "outcome",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.20"),
        help: "Desired outcome achieved. Default 0.20.",
        hint: "",
    },
    Key {
        table: "health.weights",
        name: "nps",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.20"),
        help: "NPS. Default 0.20.",
        hint: "",
    },
    Key {
        table: "health.weights",
        name: "csat",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.10"),
        help: "CSAT. Default 0.10.",
        hint: "",
    },
    Key {
        table: "health.weights",
        name: "tickets",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.10"),
        help: "Support tickets (fewer is healthier). Default 0.10.",
        hint: "",
    },
    Key {
        table: "health.weights",
        name: "time_to_value",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.10"),
        help: "Time to value (shorter is healthier). Default 0.10.",
        hint: "",
    },
    Key {
        table: "health.churn",
        name: "green",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.05"),
        help: "Green accounts. Default 0.05.",
        hint: "",
    },
    Key {
        table: "health.churn",
        name: "yellow",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.20"),
        help: "Yellow accounts. Default 0.20.",
        hint: "",
    },
    Key {
        table: "health.churn",
        name: "red",
        expect: Expect::Number(RATE),
        default: KeyDefault::Value("0.50"),
        help: "Red accounts. Default 0.50.",
        hint: "",
    },
];

/// The name the key table gives every key of `[budget]`: a fiscal year, `FY2028`.
pub const BUDGET_KEY: &str = "FYyyyy";

/// The fiscal year a `[budget]` key names (`FY2028` → 2028), when it is written `FYyyyy`.
pub fn budget_year(key: &str) -> Option<i32> {
    let digits = key.strip_prefix("FY")?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// What the key at `path` holds: `company.region`, `segment[2].arpa`, `team`,
/// `health.weights.usage`, `budget.FY2028`.
pub fn expect(path: &str) -> Option<Expect> {
    let plain = strip_indices(path);
    if let Some(("budget", _)) = plain.split_once('.') {
        return key("budget", BUDGET_KEY).map(|k| k.expect);
    }
    let table = TABLES.iter().find(|(t, _)| *t == plain).map(|(_, e)| *e);
    let key = plain.rsplit_once('.').and_then(|(table, key)| {
        KEYS.iter()
            .find(|k| k.table == table && k.name == key)
            .map(|k| k.expect)
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
    for k in KEYS {
        let label = table_header(k.table);
        if k.name == key && !out.contains(&label) {
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
pub(crate) fn strip_indices(path: &str) -> String {
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

/// The hint for key `name` (` (a fraction per year: 0.12 means 12%)`), or "" when it has none.
pub fn hint_for(name: &str) -> String {
    KEYS.iter()
        .find(|k| k.name == name && !k.hint.is_empty())
        .map_or(String::new(), |k| format!(" ({})", k.hint))
}

/// Gives every property of a table's schema (`table`: `company`, `health.weights`) the help
/// of its key, as the first entry of the property (where a doc comment's description goes).
pub(crate) fn describe(schema: &mut schemars::Schema, table: &str) {
    let Some(properties) = schema
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        let (Some(key), Some(object)) = (key(table, name), property.as_object_mut()) else {
            continue;
        };
        object.remove("description");
        let mut described = serde_json::Map::new();
        described.insert("description".into(), key.help.into());
        described.extend(std::mem::take(object));
        *object = described;
    }
}

/// The key `name` of `table`.
pub fn key(table: &str, name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name && k.table == table)
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
            ("budget", "RawBudget"),
            ("health", "RawHealth"),
            ("health.columns", "RawHealthColumns"),
            ("health.weights", "RawHealthWeights"),
            ("health.churn", "RawHealthChurn"),
        ] {
            // `[budget]`'s keys are a pattern, each named `FYyyyy` by its title.
            let patterns = definitions[def]["patternProperties"].as_object();
            let named: Vec<(String, &serde_json::Value)> = match patterns {
                Some(p) => p
                    .values()
                    .map(|v| (v["title"].as_str().unwrap().to_string(), v))
                    .collect(),
                None => definitions[def]["properties"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v))
                    .collect(),
            };
            for (key, property) in &named {
                from_schema.push(format!("{table}.{key}"));
                // The schema describes each key with the table's help, and nothing else does.
                if let Some(listed) = super::key(table, key.as_str()) {
                    assert_eq!(property["description"], listed.help, "{table}.{key}");
                }
            }
        }
        let mut listed: Vec<String> = KEYS
            .iter()
            .map(|k| format!("{}.{}", k.table, k.name))
            .collect();
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

    /// A base with one segment and nothing else; `extra` lines go under their table.
    fn base_with(company: &str, segment: &str, health: &str) -> String {
        format!(
            "[company]\nname = \"A\"\nstart = \"2027-01\"\n{company}\n[[segment]]\nname = \"S\"\n\
             arpa = 1000\nannual_churn = 0.1\n{segment}\n{health}"
        )
    }

    #[test]
    fn every_key_has_help_and_a_default_that_validation_applies() {
        let plain = crate::input::read(&base_with("", "", "")).unwrap();
        // Each table's keys with a value for a default, written out: a base that writes its
        // defaults reads as the base that leaves them out. `[health.weights]` and
        // `[health.churn]` are written whole (a weights table given in part weighs the rest 0).
        let mut tables: Vec<(&str, Vec<String>)> = Vec::new();
        for key in KEYS {
            assert!(
                !key.help.trim().is_empty(),
                "{}.{} has no help",
                key.table,
                key.name
            );
            let KeyDefault::Value(value) = key.default else {
                continue;
            };
            let line = format!("{} = {value}", key.name);
            match tables.iter_mut().find(|(t, _)| *t == key.table) {
                Some((_, lines)) if key.table.starts_with("health.") => lines.push(line),
                _ => tables.push((key.table, vec![line])),
            }
        }
        for (table, lines) in tables {
            let lines = lines.join("\n");
            let source = match table {
                "company" => base_with(&lines, "", ""),
                "segment" => base_with("", &lines, ""),
                "team" | "salaries" | "workforce" | "support" | "onboarding" | "health" => {
                    base_with("", "", &format!("[{table}]\n{lines}"))
                }
                sub => base_with("", "", &format!("[{sub}]\n{lines}")),
            };
            let read = crate::input::read(&source)
                .unwrap_or_else(|e| panic!("{source}\n{}", e.render("keys", &source)));
            assert_eq!(
                read, plain,
                "the defaults of [{table}] written out:\n{lines}"
            );
        }
    }

    #[test]
    fn validation_refuses_every_number_past_its_keys_range() {
        for key in KEYS {
            let (past, allowed) = match key.expect {
                Expect::Number(a) => (format!("{:.1}", a.max + 1.0), a.describe()),
                Expect::Whole(w) => ((w.max + 1).to_string(), w.describe()),
                _ => continue,
            };
            // A `[budget]` key is a fiscal year the plan reaches.
            let name = if key.table == "budget" {
                "FY2027"
            } else {
                key.name
            };
            let line = format!("{name} = {past}");
            let source = match key.table {
                "company" => base_with(&line, "", ""),
                // The segment's own `arpa` or churn gives way to the key tried.
                "segment" if matches!(key.name, "arpa" | "annual_churn" | "monthly_churn") => {
                    let given = if key.name == "arpa" {
                        "arpa"
                    } else {
                        "annual_churn"
                    };
                    base_with("", &line, "").replacen(&format!("\n{given} = "), "\n# ", 1)
                }
                "segment" => base_with("", &line, ""),
                table => base_with("", "", &format!("[{table}]\n{line}")),
            };
            let error = crate::input::read(&source).unwrap_err();
            let path = format!("{}.{name}", key.table).replace("segment.", "segment[1].");
            assert!(
                error
                    .diagnostics
                    .iter()
                    .any(|d| d.key.as_deref() == Some(path.as_str())
                        && d.message
                            .contains(&format!("is out of range: allowed {allowed}"))),
                "{path} = {past}: {:?}",
                error.diagnostics
            );
        }
    }
}
