//! The rule book of SPEC §4: every rule's id, its source, its default figures, and (in the
//! submodules) the one function that applies it.
//!
//! | module | rules |
//! |---|---|
//! | [`gates`] | `breakeven`, `first-csm`, `two-big-customers`, `self-funding-segment` |
//! | [`capacity`] | `arr-per-csm`, `accounts-per-csm`, `complexity`, `touch-model`, `segment-team` |
//! | [`timing`] | `hire-ahead` |
//! | [`org`] | `support-first`, `support-demand`, `onboarding-demand`, `head-of-cs` |
//! | [`salary`] | `regional-salary`, `cost-lines`, `spend-cap` |
//! | [`signals`] | `churn-alarm` |
//! | [`crate::projection`] | `contract-term` |
//! | [`crate::health`] | `health-score`, `health-playbook`, `health-churn` (with account data) |

pub mod capacity;
pub mod gates;
pub mod org;
pub mod salary;
pub mod signals;
pub mod sources;
pub mod timing;

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A rule's stable id, as used in every output's `rule` field and by `csplan explain`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    /// A full-time CSM pays for itself once churned ARR per year reaches one salary.
    Breakeven,
    /// The first dedicated CSM at about $1M ARR or 100 customers.
    FirstCsm,
    /// One CSM per $2M ARR at scale, $1M when hiring ahead.
    ArrPerCsm,
    /// Accounts one CSM carries, by tier.
    AccountsPerCsm,
    /// Product complexity scales accounts per CSM.
    Complexity,
    /// Tier from ARPA.
    TouchModel,
    /// Hire in advance, not in arrears.
    HireAhead,
    /// CSM spend at most 10% of ARR.
    SpendCap,
    /// A CSM for large accounts as soon as there are two.
    TwoBigCustomers,
    /// A dedicated CSM once a mid-sized segment's ARR pays for one.
    SelfFundingSegment,
    /// Dedicated CSMs per tier once it fills one.
    SegmentTeam,
    /// After the generalists, build support, then onboarding.
    SupportFirst,
    /// Support FTE from ticket volume.
    SupportDemand,
    /// Onboarding FTE from new logos × hours.
    OnboardingDemand,
    /// A lead at about five people; a head of CS by $5M ARR.
    HeadOfCs,
    /// Default loaded CSM cost by region.
    RegionalSalary,
    /// Monthly churn above 2% is flagged.
    ChurnAlarm,
    /// Support and onboarding in COGS, CSMs in sales & marketing.
    CostLines,
    /// Annual and multi-year contracts delay churn to renewals.
    ContractTerm,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The rule.
    #[serde(skip)]
    pub rule: RuleId,
    /// Its stable id.
    pub id: &'static str,
    /// Which seed article(s) it comes from.
    pub source: &'static str,
    /// The figures it uses by default, with their origin.
    pub figures: &'static str,
    /// What it does in a plan.
    pub summary: &'static str,
    /// The KPIs first-cs-org gives for the role the rule staffs, if it staffs one.
    pub kpis: Option<&'static str>,
}

const CSM_KPIS: &str = "customer health score, customer NPS, gross and net churn (first-cs-org step 2); \
     pay 70/30 base/bonus tied to renewal rate or net churn";
const SUPPORT_KPIS: &str = "first call resolution rate, case volume, SLA adherence, CSAT for \
     support interactions (first-cs-org step 2)";
const ONBOARDING_KPIS: &str = "PS bookings, PS revenue, PS margin, billable utilization, \
     deployment CSAT (first-cs-org step 2); bonus 15–30% on top of base";
const LEAD_KPIS: &str = "answers the CEO on implementation strategy, customer happiness and \
     referenceability, customer outcomes, forecasted net customer and net revenue churn \
     (first-cs-org step 11)";

/// Every rule of SPEC §4, in the order of its table.
pub const RULE_BOOK: &[RuleInfo] = &[
    RuleInfo {
        rule: RuleId::Breakeven,
        id: "breakeven",
        source: "when-to-start",
        figures: "CSM loaded cost: us $90k, eu €45k, latam R$36k a year",
        summary: "A full-time CSM pays for itself once the ARR lost to churn per year (Σ ARR × annual churn) \
                  reaches one CSM's loaded salary; before that CS is part-time or shared (founders, sales, \
                  product). Reports arr_at_breakeven = salary / weighted annual churn: with $90k and 10% \
                  churn, $900,000. Opens the first CSM in every stance.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::FirstCsm,
        id: "first-csm",
        source: "cs-playbook (FAQ)",
        figures: "$1M ARR or 100 customers",
        summary: "The first dedicated CSM at about $1M ARR or 100 customers. Opens the first CSM in the \
                  balanced and ahead stances.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::ArrPerCsm,
        id: "arr-per-csm",
        source: "2m-per-csm, grow-cs-team",
        figures: "$2M ARR per CSM (lean, balanced); $1M per CSM when hiring ahead of a fast-growing base (ahead)",
        summary: "One CSM per $2M ARR at scale. A segment's CSM need is the larger of ARR / arr_per_csm \
                  and customers / accounts_per_csm.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::AccountsPerCsm,
        id: "accounts-per-csm",
        source: "cs-playbook, 2m-per-csm, grow-cs-team",
        figures: "enterprise 14, mid-market 40, smb 100 accounts per CSM (KeyBanc 2023 via 2m-per-csm; inside \
                  cs-playbook's 10–20 / 30–50 / 100–200); tech-touch: no CSM",
        summary: "Accounts one CSM can carry, by tier. A segment's own accounts_per_csm is used as given. \
                  Tech-touch segments get automation and support only.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::Complexity,
        id: "complexity",
        source: "grow-cs-team",
        figures: "simple ×1.5, moderate ×1.0, complex ×0.6; enterprise and mid-market never above 50 accounts \
                  (grow-cs-team: not over 50, 25–30 ideal)",
        summary: "Product complexity scales the tier's accounts per CSM: an enterprise tier on a complex \
                  product carries 14 × 0.6 = 8.4 accounts per CSM.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::TouchModel,
        id: "touch-model",
        source: "2m-per-csm",
        figures: "ARPA ≥ $50k enterprise, ≥ $15k mid-market, ≥ $1k smb, below $1k tech-touch",
        summary: "A segment's tier from its ARPA when `tier` is not given. Below $1k ARPA customer success \
                  is reactive, automated and ticket-based: no CSM.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::HireAhead,
        id: "hire-ahead",
        source: "2m-per-csm, grow-cs-team",
        figures: "hire_lead_months, default 3",
        summary: "Hire in advance, not in arrears: in balanced and ahead, open a requisition in month t when \
                  the need of month t + hire_lead_months exceeds the staff planned by then, so the person \
                  starts when the need arrives. Lean opens when the need of month t exceeds staff and open \
                  requisitions.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::SpendCap,
        id: "spend-cap",
        source: "first-cs-org (step 10)",
        figures: "CSM spend at most 10% of ARR (csm_spend_cap); first-cs-org also quotes 10–12 cents on the dollar",
        summary: "Flags every period whose CSM cost (annualised) exceeds the cap as a share of ARR. Never \
                  drops a hire the need calls for; `plan --fail-over-cap` turns the flag into exit code 1.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::TwoBigCustomers,
        id: "two-big-customers",
        source: "2m-per-csm",
        figures: "ARPA ≥ $50k (2m-per-csm: $50–100k+), two customers",
        summary: "In the ahead stance, a dedicated CSM for large accounts as soon as there are two of them, \
                  before the pooled need calls for one.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::SelfFundingSegment,
        id: "self-funding-segment",
        source: "2m-per-csm",
        figures: "$300k ARR in a mid-market segment (the low end of 2m-per-csm's $300–500k)",
        summary: "In the ahead stance, a dedicated CSM for a mid-market segment once its ARR pays for one.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::SegmentTeam,
        id: "segment-team",
        source: "2m-per-csm",
        figures: "one CSM's worth of need per tier",
        summary: "Segment the CSM team by deal size: a tier gets dedicated CSMs once its need fills one CSM; \
                  smaller tiers share a pooled CSM. Each CSM hire names the tier it serves, or `shared`.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::SupportFirst,
        id: "support-first",
        source: "first-cs-org (step 2)",
        figures: "csplan default sequence: support #1 (team lead) when the CSM team reaches 2, onboarding #1 at \
                  3 CSMs, support #2 at 4, onboarding #2 at 5",
        summary: "After the first one or two generalists, the next hires build technical support (one of them \
                  a team lead), then onboarding, then dedicated CSMs. Places support and onboarding hires when \
                  no ticket or onboarding-hour inputs are given; never delays a CSM hire. Beyond these first \
                  teams, support and onboarding are demand-driven (first-cs-org step 6): give the inputs.",
        kpis: Some(SUPPORT_KPIS),
    },
    RuleInfo {
        rule: RuleId::SupportDemand,
        id: "support-demand",
        source: "first-cs-org (steps 6, 10)",
        figures: "tickets_per_agent_month, csplan default 300; first hire at 0.5 FTE (csplan default)",
        summary: "With tickets_per_account_month on segments: support FTE = tickets per month / tickets per \
                  agent per month. The first agent is hired once the queue fills half an agent (below that \
                  the generalists field tickets, first-cs-org step 1); then headcount = ceil(FTE). first-cs-org: \
                  never have too few support resources.",
        kpis: Some(SUPPORT_KPIS),
    },
    RuleInfo {
        rule: RuleId::OnboardingDemand,
        id: "onboarding-demand",
        source: "first-cs-org (steps 2, 10)",
        figures: "billable_hours_per_month, csplan default 120; first hire at 0.5 FTE (csplan default); \
                  PS background above 10 hours per deployment",
        summary: "With onboarding_hours on segments: onboarding FTE = new logos × hours / billable hours per \
                  FTE-month, hired once it fills half an FTE, then ceil(FTE). Deployments over 10 hours call for \
                  someone with a professional-services background (a warning).",
        kpis: Some(ONBOARDING_KPIS),
    },
    RuleInfo {
        rule: RuleId::HeadOfCs,
        id: "head-of-cs",
        source: "first-cs-org (steps 2, 11)",
        figures: "about 5 people in CS; $5M ARR (Series B)",
        summary: "A director-level lead of all things success once the CS org reaches about five people; by \
                  $5M ARR (Series B) a head of CS who reports to the CEO.",
        kpis: Some(LEAD_KPIS),
    },
    RuleInfo {
        rule: RuleId::RegionalSalary,
        id: "regional-salary",
        source: "when-to-start, 2m-per-csm",
        figures: "CSM loaded cost us $90k, eu €45k, latam R$36k (when-to-start); 2m-per-csm quotes ~$100k all-in. \
                  csplan defaults for other roles: support 0.75×, onboarding 1.0×, head of CS 2.0× the \
                  regional CSM figure",
        summary: "Default loaded annual cost per role and the currency label from `region`; every figure can \
                  be set in [salaries]. The seeds' dollar thresholds are converted with usd_rate.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::ChurnAlarm,
        id: "churn-alarm",
        source: "2m-per-csm",
        figures: "2% logo churn a month",
        summary: "Flags a period whose trailing-twelve-month logo churn exceeds 2% a month, and each segment \
                  whose churn does. 2m-per-csm: a falling trend matters more than the level.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::CostLines,
        id: "cost-lines",
        source: "first-cs-org",
        figures: "platform gross margin (including support) above 70%",
        summary: "Support and onboarding cost is cost of revenue (COGS); CSM and head-of-CS cost is sales & \
                  marketing. With hosting_cost_ratio, the platform gross margin including support is \
                  reported and flagged below 70%.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::ContractTerm,
        id: "contract-term",
        source: "when-to-start, first-cs-org (step 9)",
        figures: "term_months: 1 monthly, 12 annual, 24/36 multi-year",
        summary: "Annual and multi-year contracts delay churn to renewals: the starting base renews evenly and \
                  churns every month; a cohort won during the plan loses 1 − (1 − m)^term of its logos and \
                  ARR at each renewal and nothing in between.",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::HealthScore,
        id: "health-score",
        source: "cs-playbook, first-cs-org (step 5)",
        figures: "csplan defaults (the seeds give no figures): weights usage 0.30, outcome 0.20, NPS 0.20, \
                  CSAT 0.10, tickets 0.10, time to value 0.10; green at 70 or more, red below 40; tickets \
                  score full at 2 or fewer and 0 at 10; time to value full at 30 days and 0 at 120",
        summary: "`csplan health` scores each account 0–100 as the weighted mean of the signals it has, each \
                  scaled to 0..1: usage / adoption, desired outcome achieved (yes/no), NPS, CSAT, support \
                  tickets, time to value. A signal without a column, or an empty cell, shares its weight \
                  out over the others and is reported; it never counts as zero. Segments are rolled up \
                  apart (first-cs-org: do not munge the data): count and ARR green / yellow / red, ARR at risk \
                  (red ARR), red accounts renewing within 90 days, the top at-risk accounts.",
        kpis: Some(CSM_KPIS),
    },
    RuleInfo {
        rule: RuleId::HealthPlaybook,
        id: "health-playbook",
        source: "first-cs-org (step 7), cs-playbook",
        figures: "csplan defaults: low adoption below usage 0.5; room to grow at usage 0.8 or potential_arr \
                  above ARR; renewal window 90 days; onboarding for 90 days from start_date",
        summary: "Each account gets one of first-cs-org's three playbooks: escalation for every red account, \
                  activation and usage for low adoption, expansion for a green account with room to grow \
                  (none otherwise); and cs-playbook's phase where the data shows it: renewal (due within the \
                  window or overdue), onboarding, adoption, value realisation (outcome not achieved or not \
                  known), expansion (outcome achieved).",
        kpis: None,
    },
    RuleInfo {
        rule: RuleId::HealthChurn,
        id: "health-churn",
        source: "when-to-start, first-cs-org (steps 5, 11)",
        figures: "csplan defaults: expected annual logo churn green 5%, yellow 20%, red 50% ([health.churn])",
        summary: "Score customers now to see churn coming (when-to-start). A segment's implied annual churn is the \
                  mean of its accounts' colour churn: (green × 5% + yellow × 20% + red × 50%) / accounts. \
                  `plan --accounts` plans each segment with it instead of the typed annual_churn, shows both, \
                  and marks the hires that moved; a segment without accounts keeps its typed churn.",
        kpis: None,
    },
];

/// A seed's US-dollar figure in the plan currency: `usd / usd_rate` (SPEC §2).
pub fn from_usd(usd: f64, usd_rate: f64) -> f64 {
    usd / usd_rate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_one_entry_whose_id_matches_its_serde_name() {
        for info in RULE_BOOK {
            let json = serde_json::to_string(&info.rule).unwrap();
            assert_eq!(json, format!("\"{}\"", info.id));
            assert_eq!(RULE_BOOK.iter().filter(|r| r.rule == info.rule).count(), 1);
        }
        assert_eq!(
            RULE_BOOK.len(),
            19 + 3,
            "SPEC §4's 19 rules and the 3 health rules"
        );
    }
}
