//! The rule book of SPEC §4. Each rule is one file named after its id: the id, its sources
//! (SPEC §8), its figures (the only copy of each default; input validation reads them from
//! there), the function that decides, and the wording of its reason. `csplan explain` prints
//! the records below, generated from those files, so it cannot drift from what the planner
//! does. The planner ([`crate::planner`]) only sequences the rules.
//!
//! The three health rules (`health-score`, `health-playbook`, `health-churn`) apply with
//! account data; their figures live in [`crate::health`] and their records in [`health`].

pub mod accounts_per_csm;
pub mod arr_per_csm;
pub mod attrition_backfill;
pub mod benchmark_gap;
pub mod breakeven;
pub mod budget_fit;
pub mod churn_alarm;
pub mod complexity;
pub mod concentration;
pub mod contract_term;
pub mod cost_lines;
pub mod coverage_response;
pub mod first_csm;
pub mod gates;
pub mod head_of_cs;
pub mod health;
pub mod hire_ahead;
pub mod max_load;
pub mod onboarding_demand;
pub mod ramp;
pub mod recruiting_capacity;
pub mod regional_salary;
pub mod roi;
pub mod segment_team;
pub mod self_funding_segment;
pub mod sources;
pub mod spend_cap;
pub mod support_demand;
pub mod support_first;
pub mod team_manager;
pub mod touch_model;
pub mod two_big_customers;

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A rule's stable id, as used in every output's `rule` field and by `csplan explain`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    /// A full-time CSM pays for itself once churned ARR per year reaches one loaded cost.
    Breakeven,
    /// The first dedicated CSM at about $1M ARR or 100 CSM-covered customers.
    FirstCsm,
    /// One CSM per $2M ARR at scale, $1M when hiring ahead.
    ArrPerCsm,
    /// Accounts one CSM carries, by tier; smb pooled by deal size.
    AccountsPerCsm,
    /// Product complexity scales accounts per CSM.
    Complexity,
    /// Tier from ARPA.
    TouchModel,
    /// A CSM carries up to `max_load` times the rules' book before the next is needed.
    MaxLoad,
    /// Hire in advance, not in arrears.
    HireAhead,
    /// CSM spend at most 10% of ARR.
    SpendCap,
    /// With `--within-budget`: CSM hires deferred to what the cap and the budget afford.
    BudgetFit,
    /// A CSM for large accounts as soon as there are two.
    TwoBigCustomers,
    /// A dedicated CSM once a mid-sized segment's ARR pays for one.
    SelfFundingSegment,
    /// Dedicated CSMs per tier once it fills one.
    SegmentTeam,
    /// The order of the first specialist hires: support, then onboarding, then CSMs.
    SupportFirst,
    /// Support FTE from ticket volume.
    SupportDemand,
    /// Onboarding FTE from new logos × hours.
    OnboardingDemand,
    /// A lead promoted at about five people; a head of CS hired by $5M ARR.
    HeadOfCs,
    /// A manager for every `span_of_control` people.
    TeamManager,
    /// A new CSM carries `k / (ramp_months + 1)` of a book in their k-th month.
    Ramp,
    /// Each team loses `attrition` of its people a year; each leaver is backfilled at once.
    AttritionBackfill,
    /// At most `max_starts_per_month` people start in a month; requisitions open earlier.
    RecruitingCapacity,
    /// Default salaries by region and the load factor.
    RegionalSalary,
    /// Revenue churn above 2% a month is flagged.
    ChurnAlarm,
    /// Support and onboarding in COGS, CSMs in sales & marketing.
    CostLines,
    /// Annual and multi-year contracts delay churn to renewals.
    ContractTerm,
    /// Churn CS saves plus expansion CS generates, over CS cost.
    Roi,
    /// Coverage of the CSM need by the CSMs in post; the ARR of uncovered books at risk.
    CoverageResponse,
    /// A single logo holding more than 10% of ARR is a concentration risk.
    Concentration,
    /// A tier's coverage more than half away from KeyBanc's, with why.
    BenchmarkGap,
    /// A 0–100 health score per account from its signals; green, yellow or red.
    HealthScore,
    /// first-cs-org's three playbooks and cs-playbook's lifecycle phase per account.
    HealthPlaybook,
    /// A segment's churn implied by its green / yellow / red mix.
    HealthChurn,
}

impl RuleId {
    /// The id as written in SPEC §4 (`first-csm`).
    pub fn as_str(self) -> &'static str {
        self.info().id
    }

    /// This rule's entry in [`RULE_BOOK`].
    pub fn info(self) -> &'static RuleInfo {
        RULE_BOOK
            .iter()
            .find(|r| r.rule == self)
            .expect("every rule has an entry in the rule book")
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the rule book, as `csplan explain` prints it.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    /// The rule.
    pub rule: RuleId,
    /// Its stable id.
    pub id: &'static str,
    /// Which source article(s) it comes from, by SPEC §8 id; "csplan default" for figures no
    /// source gives.
    pub source: &'static str,
    /// The figures it uses by default, with their origin, written from the rule's constants.
    pub figures: fn() -> String,
    /// What it does in a plan, its figures written from the rule's constants.
    pub summary: fn() -> String,
    /// The KPIs first-cs-org gives for the role the rule staffs, if it staffs one.
    pub kpis: Option<&'static str>,
}

/// KPIs of a CSM (first-cs-org step 2).
pub const CSM_KPIS: &str = "customer health score, customer NPS, gross and net churn (first-cs-org step 2); \
     pay 70/30 base/bonus tied to renewal rate or net churn";
/// KPIs of support (first-cs-org step 2).
pub const SUPPORT_KPIS: &str = "first call resolution rate, case volume, SLA adherence, CSAT for \
     support interactions (first-cs-org step 2)";
/// KPIs of onboarding (first-cs-org step 2).
pub const ONBOARDING_KPIS: &str = "PS bookings, PS revenue, PS margin, billable utilization, \
     deployment CSAT (first-cs-org step 2); bonus 15–30% on top of base";
/// KPIs of the head of CS (first-cs-org step 11).
pub const LEAD_KPIS: &str = "answers the CEO on implementation strategy, customer happiness and \
     referenceability, customer outcomes, forecasted net customer and net revenue churn \
     (first-cs-org step 11)";

/// The roles whose KPIs first-cs-org gives, each with its KPIs, in the order `explain` lists
/// them.
pub const KPI_ROLES: &[(&str, &str)] = &[
    ("CSM", CSM_KPIS),
    ("support", SUPPORT_KPIS),
    ("onboarding", ONBOARDING_KPIS),
    ("head of CS", LEAD_KPIS),
];

/// Every rule of SPEC §4 built in csplan, in the order of its table, then the health rules.
pub const RULE_BOOK: &[RuleInfo] = &[
    breakeven::RULE,
    first_csm::RULE,
    arr_per_csm::RULE,
    accounts_per_csm::RULE,
    complexity::RULE,
    touch_model::RULE,
    max_load::RULE,
    hire_ahead::RULE,
    spend_cap::RULE,
    budget_fit::RULE,
    two_big_customers::RULE,
    self_funding_segment::RULE,
    segment_team::RULE,
    support_first::RULE,
    support_demand::RULE,
    onboarding_demand::RULE,
    head_of_cs::RULE,
    team_manager::RULE,
    ramp::RULE,
    attrition_backfill::RULE,
    recruiting_capacity::RULE,
    regional_salary::RULE,
    churn_alarm::RULE,
    cost_lines::RULE,
    contract_term::RULE,
    roi::RULE,
    coverage_response::RULE,
    concentration::RULE,
    benchmark_gap::RULE,
    health::HEALTH_SCORE,
    health::HEALTH_PLAYBOOK,
    health::HEALTH_CHURN,
];

/// A source's US-dollar figure in the plan currency: `usd / usd_rate` (SPEC §2).
pub fn from_usd(usd: f64, usd_rate: f64) -> f64 {
    usd / usd_rate
}

/// Whole people for a need in FTE: `ceil`, ignoring float noise (2.0000000001 FTE is 2 people).
pub fn whole_people(fte: f64) -> u32 {
    let rounded = (fte - 1e-9).ceil().max(0.0);
    if rounded >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        rounded as u32
    }
}

/// Headcount for a demand-driven team: none while the work is under `first_hire` FTE (the
/// generalists absorb it), then `ceil(FTE)`, so there are never too few (first-cs-org step 10:
/// "NEVER have too few support resources").
pub fn demand_headcount(fte: f64, first_hire: f64) -> u32 {
    if fte + 1e-9 >= first_hire {
        whole_people(fte).max(1)
    } else {
        0
    }
}

/// A money figure as reasons and `explain` write it, in US dollars: `$1.3M`, `$50k`.
pub fn usd(amount: f64) -> String {
    if amount >= 1_000_000.0 {
        let m = amount / 1_000_000.0;
        if (m - m.round()).abs() < 1e-9 {
            format!("${m:.0}M")
        } else {
            format!("${m}M")
        }
    } else if amount >= 1_000.0 {
        format!("${:.0}k", amount / 1_000.0)
    } else {
        format!("${amount:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures a rule's `explain` text states are its constants, written from them: a
    /// changed default changes the words with it.
    #[test]
    fn summaries_state_the_rules_constants() {
        let summary = |rule: RuleId| (rule.info().summary)();
        let cases: Vec<(RuleId, Vec<String>)> = vec![
            (
                RuleId::HeadOfCs,
                vec![
                    format!("about {} people", head_of_cs::PROMOTION_ORG_SIZE),
                    format!("By {} ARR", usd(head_of_cs::HIRED_HEAD_ARR_USD)),
                    format!("{} people or", head_of_cs::HEAD_MIN_TEAM),
                    format!("{:.0}% over", head_of_cs::HEAD_MAX_FALL * 100.0),
                ],
            ),
            (
                RuleId::FirstCsm,
                vec![
                    usd(first_csm::ARR_USD),
                    format!("{} customers", first_csm::CUSTOMERS),
                ],
            ),
            (RuleId::ArrPerCsm, vec![usd(arr_per_csm::AT_SCALE_USD)]),
            (
                RuleId::MaxLoad,
                vec![
                    format!("{} accounts", max_load::HIGH_TOUCH_MAX_BOOK),
                    format!("within {} months", max_load::LASTING_MONTHS),
                ],
            ),
            (
                RuleId::ChurnAlarm,
                vec![format!("{:.0}% a month", churn_alarm::MONTHLY * 100.0)],
            ),
            (
                RuleId::CoverageResponse,
                vec![format!("above {}", coverage_response::MAX_CLAIM)],
            ),
            (
                RuleId::TouchModel,
                vec![format!("Below {}", usd(touch_model::SMB_ARPA_USD))],
            ),
        ];
        for (rule, figures) in cases {
            let text = summary(rule);
            for figure in figures {
                assert!(text.contains(&figure), "{rule:?}: {figure:?} not in {text}");
            }
        }
    }

    #[test]
    fn every_rule_has_one_entry_whose_id_matches_its_serde_name() {
        for info in RULE_BOOK {
            let json = serde_json::to_string(&info.rule).unwrap();
            assert_eq!(json, format!("\"{}\"", info.id));
            assert_eq!(RULE_BOOK.iter().filter(|r| r.rule == info.rule).count(), 1);
            assert!(!(info.figures)().is_empty(), "{}", info.id);
        }
        assert_eq!(
            RULE_BOOK.len(),
            29 + 3,
            "SPEC §4's 29 rules built and the 3 health rules"
        );
    }

    #[test]
    fn dollar_figures_read_as_written() {
        assert_eq!(usd(1_000_000.0), "$1M");
        assert_eq!(usd(1_300_000.0), "$1.3M");
        assert_eq!(usd(50_000.0), "$50k");
    }
}
