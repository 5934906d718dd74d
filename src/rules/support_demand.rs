//! Rule `support-demand` (first-cs-org steps 6, 10): support FTE from ticket volume, always on.

use super::{RuleId, RuleInfo, demand_headcount};
use crate::model::{Complexity, Tier};

/// csplan default: tickets one support agent resolves in a month (about 15 a working day; no
/// source gives a figure).
pub const DEFAULT_TICKETS_PER_AGENT_MONTH: f64 = 300.0;
/// first-cs-org step 10: "NEVER have too few support resources": support is never zero once
/// its demand fills half an agent (csplan's threshold; below it the generalists field tickets).
pub const FIRST_HIRE_FTE: f64 = 0.5;

/// csplan default tickets per account per month on a moderate product, by tier: an enterprise
/// account has many users and integrations (4), mid-market 1.5, smb 0.4, tech-touch 0.1
/// (self-serve, mostly deflected by documentation).
pub fn tier_tickets(tier: Tier) -> f64 {
    match tier {
        Tier::Enterprise => 4.0,
        Tier::MidMarket => 1.5,
        Tier::Smb => 0.4,
        Tier::TechTouch => 0.1,
    }
}

/// csplan default: a simple product raises half the tickets, a complex one twice as many.
pub fn complexity_tickets(complexity: Complexity) -> f64 {
    match complexity {
        Complexity::Simple => 0.5,
        Complexity::Moderate => 1.0,
        Complexity::Complex => 2.0,
    }
}

/// Tickets per account per month: the segment's own figure, else the csplan default for its
/// tier and complexity. The flag is true for the default.
pub fn tickets_per_account(given: Option<f64>, tier: Tier, complexity: Complexity) -> (f64, bool) {
    match given {
        Some(given) => (given, false),
        None => (tier_tickets(tier) * complexity_tickets(complexity), true),
    }
}

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::SupportDemand,
    id: "support-demand",
    source: "first-cs-org (steps 6, 10); tickets per account: csplan default",
    figures: || {
        format!(
            "tickets_per_agent_month {DEFAULT_TICKETS_PER_AGENT_MONTH} (csplan default); tickets per account per month \
             without tickets_per_account_month (csplan defaults): enterprise {}, mid-market {}, smb {}, tech-touch {}, \
             × {} simple, × {} complex; first agent at {FIRST_HIRE_FTE} FTE",
            tier_tickets(Tier::Enterprise),
            tier_tickets(Tier::MidMarket),
            tier_tickets(Tier::Smb),
            tier_tickets(Tier::TechTouch),
            complexity_tickets(Complexity::Simple),
            complexity_tickets(Complexity::Complex)
        )
    },
    summary: || {
        "Support FTE = tickets per month / tickets per agent per month, always on: a segment without \
              tickets_per_account_month uses csplan's default for its tier and complexity (labelled in \
              the assumptions). Support is never zero once demand reaches half an agent (first-cs-org: \
              never have too few support resources); then headcount = ceil(FTE).".to_string()
    },
    kpis: Some(super::SUPPORT_KPIS),
};

/// Support FTE for `tickets_per_month`.
pub fn support_fte(tickets_per_month: f64, tickets_per_agent_month: f64) -> f64 {
    tickets_per_month / tickets_per_agent_month
}

/// Support headcount for a demand of `fte`.
pub fn headcount(fte: f64) -> u32 {
    demand_headcount(fte, FIRST_HIRE_FTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_from_half_an_agent_then_never_too_few() {
        // 60 accounts × 0.6 tickets = 36 tickets a month / 300 = 0.12 FTE: no hire yet.
        assert_eq!(headcount(support_fte(36.0, 300.0)), 0);
        // 150 tickets / 300 = 0.5 FTE: the first agent.
        assert_eq!(headcount(support_fte(150.0, 300.0)), 1);
        // 301 tickets / 300 = 1.003 FTE: two agents.
        assert_eq!(headcount(support_fte(301.0, 300.0)), 2);
        // Defaults: smb on a simple product 0.4 × 0.5 = 0.2 tickets per account.
        assert_eq!(
            tickets_per_account(None, Tier::Smb, Complexity::Simple),
            (0.2, true)
        );
        assert_eq!(
            tickets_per_account(Some(0.6), Tier::Smb, Complexity::Simple),
            (0.6, false)
        );
    }
}
