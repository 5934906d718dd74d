//! The rest of the CS organisation, in first-cs-org's order: `support-first`, `support-demand`,
//! `onboarding-demand`, `head-of-cs`.

use super::capacity::whole_people;
use crate::model::Role;

/// csplan default: tickets one support agent resolves in a month (no seed gives a figure).
pub const DEFAULT_TICKETS_PER_AGENT_MONTH: f64 = 300.0;
/// csplan default: billable hours one onboarding FTE delivers in a month (no seed gives one).
pub const DEFAULT_BILLABLE_HOURS_PER_MONTH: f64 = 120.0;
/// first-cs-org step 2: "especially if deployments require >10 hours of work, … hire someone with
/// a PS background".
pub const PS_BACKGROUND_HOURS: f64 = 10.0;

/// One step of first-cs-org's build-out, placed by the size of the CSM team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SequenceStep {
    /// The role hired.
    pub role: Role,
    /// Which hire of that role this is (1 for the first).
    pub nth: u32,
    /// The CSM team size (as the need calls for it) at which it is hired.
    pub at_csm_team: u32,
}

/// Rule `support-first` (first-cs-org step 2): "Create first a defined technical support function.
/// Your next 1-2 hires would be here first with usually a team lead as one of the two hires …
/// Create next a defined onboarding/implementation team. 1-2 hires go here". The seed gives
/// the order, not the timing; csplan's defaults place each step by the size of the CSM team:
/// once the two generalists are in place (2 CSMs) the support lead, then onboarding at 3,
/// the second support hire at 4, the second onboarding hire at 5 — first-cs-org's "team of 5
/// people" with a few in each function. These hires come on top of the CSMs the need calls
/// for: the sequence never delays a CSM hire.
pub const SUPPORT_FIRST_SEQUENCE: [SequenceStep; 4] = [
    SequenceStep {
        role: Role::Support,
        nth: 1,
        at_csm_team: 2,
    },
    SequenceStep {
        role: Role::Onboarding,
        nth: 1,
        at_csm_team: 3,
    },
    SequenceStep {
        role: Role::Support,
        nth: 2,
        at_csm_team: 4,
    },
    SequenceStep {
        role: Role::Onboarding,
        nth: 2,
        at_csm_team: 5,
    },
];

/// Headcount of `role` that `support-first` calls for with a CSM team of `csm_team`.
pub fn support_first(role: Role, csm_team: u32) -> u32 {
    SUPPORT_FIRST_SEQUENCE
        .iter()
        .filter(|s| s.role == role && csm_team >= s.at_csm_team)
        .map(|s| s.nth)
        .max()
        .unwrap_or(0)
}

/// The sequence step that hires the `nth` person of `role`, if the sequence has one.
pub fn sequence_step(role: Role, nth: u32) -> Option<&'static SequenceStep> {
    SUPPORT_FIRST_SEQUENCE
        .iter()
        .find(|s| s.role == role && s.nth == nth)
}

/// Rule `support-demand` (first-cs-org steps 6, 10: "On the support side, it simply comes down to
/// the size of your case queue"): support FTE = tickets per month / tickets per agent-month.
pub fn support_demand(tickets_per_month: f64, tickets_per_agent_month: f64) -> f64 {
    tickets_per_month / tickets_per_agent_month
}

/// Rule `onboarding-demand` (first-cs-org step 10: "Professional services resources are tied to a
/// capacity model"): FTE = new logos × hours per logo / billable hours per FTE-month.
pub fn onboarding_demand(onboarding_hours_per_month: f64, billable_hours_per_month: f64) -> f64 {
    onboarding_hours_per_month / billable_hours_per_month
}

/// Work below this many FTE stays with first-cs-org's generalists, who "do everything for
/// customers": csplan's default threshold for the first demand-driven hire.
pub const DEMAND_FIRST_HIRE_FTE: f64 = 0.5;

/// Headcount for a demand-driven team: none while the work is under half a person (the
/// generalists absorb it), then `ceil(FTE)`, so there are never too few (first-cs-org step 10:
/// "NEVER have too few support resources").
pub fn demand_headcount(fte: f64) -> u32 {
    if fte + 1e-9 >= DEMAND_FIRST_HIRE_FTE {
        whole_people(fte)
    } else {
        0
    }
}

/// first-cs-org step 2: "you likely have a team of 5 people in customer success".
pub const HEAD_OF_CS_ORG_SIZE: u32 = 5;
/// first-cs-org: "By a company's series B raise (say $5M in ARR) … A dedicated executive - that
/// reports to the CEO".
pub const HEAD_OF_CS_ARR_USD: f64 = 5_000_000.0;

/// Why `head-of-cs` calls for a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadTrigger {
    /// The CS org reached about five people: a director-level lead.
    OrgSize,
    /// ARR reached $5M (Series B): a head of CS reporting to the CEO.
    SeriesB,
}

/// Rule `head-of-cs` (first-cs-org steps 2, 11): "I would start to look for a lead of all things
/// success early on - likely a director / senior director level"; "at series B … you should
/// have a leader of success who works for the CEO".
pub fn head_of_cs(org_size: u32, arr: f64, series_b_arr: f64) -> Option<LeadTrigger> {
    if arr >= series_b_arr {
        Some(LeadTrigger::SeriesB)
    } else if org_size >= HEAD_OF_CS_ORG_SIZE {
        Some(LeadTrigger::OrgSize)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_places_support_then_onboarding() {
        assert_eq!(support_first(Role::Support, 1), 0);
        assert_eq!(support_first(Role::Support, 2), 1);
        assert_eq!(support_first(Role::Onboarding, 2), 0);
        assert_eq!(support_first(Role::Onboarding, 3), 1);
        assert_eq!(support_first(Role::Support, 4), 2);
        assert_eq!(support_first(Role::Onboarding, 9), 2);
        assert_eq!(support_first(Role::Csm, 9), 0);
    }

    #[test]
    fn demand_waits_for_half_a_person_then_rounds_up() {
        // 60 accounts × 0.6 tickets = 36 tickets a month / 300 = 0.12 FTE: no hire yet.
        assert_eq!(demand_headcount(support_demand(36.0, 300.0)), 0);
        // 150 tickets / 300 = 0.5 FTE: the first agent.
        assert_eq!(demand_headcount(support_demand(150.0, 300.0)), 1);
        // 301 tickets / 300 = 1.003 FTE: two agents, never too few.
        assert_eq!(demand_headcount(support_demand(301.0, 300.0)), 2);
        // 1,000 accounts × 0.6 = 600 tickets / 300 = 2.0 FTE: 2 agents.
        assert_eq!(demand_headcount(support_demand(600.0, 300.0)), 2);
        // 5 new logos × 30 hours = 150 hours / 120 = 1.25 FTE: 2 onboarding.
        assert_eq!(demand_headcount(onboarding_demand(150.0, 120.0)), 2);
    }

    #[test]
    fn lead_at_five_people_or_five_million() {
        assert_eq!(head_of_cs(4, 4_000_000.0, 5_000_000.0), None);
        assert_eq!(
            head_of_cs(5, 4_000_000.0, 5_000_000.0),
            Some(LeadTrigger::OrgSize)
        );
        assert_eq!(
            head_of_cs(2, 5_000_000.0, 5_000_000.0),
            Some(LeadTrigger::SeriesB)
        );
    }
}
