//! The records of the three health rules, which apply with account data; their figures and
//! functions live in [`crate::health`].

use super::{CSM_KPIS, RuleId, RuleInfo};

/// Rule `health-score`.
pub const HEALTH_SCORE: RuleInfo = RuleInfo {
    rule: RuleId::HealthScore,
    id: "health-score",
    source: "cs-playbook, first-cs-org (step 5)",
    figures: || {
        "csplan defaults (the seeds give no figures): weights usage 0.30, outcome 0.20, NPS 0.20, \
                  CSAT 0.10, tickets 0.10, time to value 0.10; green at 70 or more, red below 40; tickets \
                  score full at 2 or fewer and 0 at 10; time to value full at 30 days and 0 at 120".to_string()
    },
    summary: || {
        "`csplan health` scores each account 0–100 as the weighted mean of the signals it has, each \
                  scaled to 0..1: usage / adoption, desired outcome achieved (yes/no), NPS, CSAT, support \
                  tickets, time to value. A signal without a column, or an empty cell, shares its weight \
                  out over the others and is reported; it never counts as zero. Segments are rolled up \
                  apart (first-cs-org: do not munge the data): count and ARR green / yellow / red, ARR at risk \
                  (red ARR), red accounts renewing within 90 days, the top at-risk accounts.".to_string()
    },
    kpis: Some(CSM_KPIS),
};

/// csplan default: a red account in the escalation playbook takes the CSM time of this many
/// healthy accounts during the renewal window before its renewal (first-cs-org step 7: an
/// escalation is a CSM-led save plan, not a ticket).
pub const ESCALATION_LOAD: f64 = 2.0;

/// Rule `health-playbook`.
pub const HEALTH_PLAYBOOK: RuleInfo = RuleInfo {
    rule: RuleId::HealthPlaybook,
    id: "health-playbook",
    source: "first-cs-org (step 7), cs-playbook",
    figures: || {
        format!(
            "csplan defaults: low adoption below usage 0.5; room to grow at usage 0.8 or potential_arr \
             above ARR; renewal window 90 days; onboarding for 90 days from start_date; with plan --accounts \
             a red account renewing within the horizon takes the CSM time of {} healthy accounts over the \
             renewal window before it",
            ESCALATION_LOAD
        )
    },
    summary: || {
        "Each account gets one of first-cs-org's three playbooks: escalation for every red account, \
                  activation and usage for low adoption, expansion for a green account with room to grow \
                  (none otherwise); and cs-playbook's phase where the data shows it: renewal (due within the \
                  window or overdue), onboarding, adoption, value realisation (outcome not achieved or not \
                  known), expansion (outcome achieved). With `plan --accounts`, account health adds CSM \
                  coverage and never removes it: escalation work on red accounts before their renewals \
                  adds to their tier's need, and the CSM team never falls below the plan of the same base \
                  with those accounts green, while their churn still lowers ARR.".to_string()
    },
    kpis: None,
};

/// Rule `health-churn`.
pub const HEALTH_CHURN: RuleInfo = RuleInfo {
    rule: RuleId::HealthChurn,
    id: "health-churn",
    source: "when-to-start, first-cs-org (steps 5, 11)",
    figures: || {
        "csplan defaults: expected annual logo churn green 5%, yellow 20%, red 50% ([health.churn])"
            .to_string()
    },
    summary: || {
        "Score customers now to see churn coming (when-to-start). A segment's implied annual churn is the \
                  mean of its accounts' colour churn: (green × 5% + yellow × 20% + red × 50%) / accounts. \
                  `plan --accounts` plans each segment with it instead of the typed annual_churn, shows both, \
                  and marks the hires that moved; a segment without accounts keeps its typed churn.".to_string()
    },
    kpis: None,
};
