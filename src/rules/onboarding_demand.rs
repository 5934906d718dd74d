//! Rule `onboarding-demand` (first-cs-org steps 2, 10): onboarding FTE from new logos × hours,
//! always on. No new logos, no onboarding hire.

use super::{RuleId, RuleInfo, demand_headcount};
use crate::model::{Complexity, Tier};

/// csplan default: billable hours one onboarding FTE delivers in a month (about 75% of a
/// 160-hour month; no source gives one).
pub const DEFAULT_BILLABLE_HOURS_PER_MONTH: f64 = 120.0;
/// csplan default: the first onboarding hire once deployments fill half an FTE; under it the
/// CSMs onboard (as support's threshold).
pub const FIRST_HIRE_FTE: f64 = 0.5;
/// csplan default: an onboarding person bills at most 110% of `billable_hours_per_month`.
/// Billable hours are a hard capacity: `max_load`, a CSM book's tolerance, does not apply.
pub const MAX_UTILISATION: f64 = 1.1;
/// first-cs-org step 2: "especially if deployments require >10 hours of work, … hire someone
/// with a PS background".
pub const PS_BACKGROUND_HOURS: f64 = 10.0;

/// csplan default hours of onboarding per new logo on a moderate product, by tier: enterprise
/// 80 (a project with integrations), mid-market 25, smb 2 (a kick-off call and a guided setup),
/// tech-touch 0 (self-serve).
pub fn tier_hours(tier: Tier) -> f64 {
    match tier {
        Tier::Enterprise => 80.0,
        Tier::MidMarket => 25.0,
        Tier::Smb => 2.0,
        Tier::TechTouch => 0.0,
    }
}

/// csplan default: a simple product halves the hours, a complex one doubles them.
pub fn complexity_hours(complexity: Complexity) -> f64 {
    match complexity {
        Complexity::Simple => 0.5,
        Complexity::Moderate => 1.0,
        Complexity::Complex => 2.0,
    }
}

/// Hours per new logo: the segment's own figure, else the csplan default for its tier and
/// complexity. The flag is true for the default.
pub fn hours_per_logo(given: Option<f64>, tier: Tier, complexity: Complexity) -> (f64, bool) {
    match given {
        Some(given) => (given, false),
        None => (tier_hours(tier) * complexity_hours(complexity), true),
    }
}

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::OnboardingDemand,
    id: "onboarding-demand",
    source: "first-cs-org (steps 2, 10); hours per logo: csplan default",
    figures: || {
        format!(
            "billable_hours_per_month {DEFAULT_BILLABLE_HOURS_PER_MONTH} (csplan default); hours per new logo without \
             onboarding_hours (csplan defaults): enterprise {}, mid-market {}, smb {}, tech-touch {}, × {} simple, \
             × {} complex; first hire at {FIRST_HIRE_FTE} FTE, then ceil(FTE / {MAX_UTILISATION}) (a person bills at \
             most {:.0}% of the billable hours, csplan default); PS background above {PS_BACKGROUND_HOURS} hours",
            tier_hours(Tier::Enterprise),
            tier_hours(Tier::MidMarket),
            tier_hours(Tier::Smb),
            tier_hours(Tier::TechTouch),
            complexity_hours(Complexity::Simple),
            complexity_hours(Complexity::Complex),
            MAX_UTILISATION * 100.0
        )
    },
    summary: || {
        format!(
            "Onboarding FTE = new logos × hours per logo / billable hours per FTE-month, always on: a segment \
              without onboarding_hours uses csplan's default for its tier and complexity (self-serve \
              tech-touch logos none). Billable hours are a hard capacity: hired once the work fills \
              {FIRST_HIRE_FTE} FTE (under it the CSMs onboard), then one person per {:.0}% of an FTE's \
              billable hours ({DEFAULT_BILLABLE_HOURS_PER_MONTH} a month by default), whatever max_load is; a \
              base without new logos hires no onboarding. Deployments over {PS_BACKGROUND_HOURS} hours call \
              for a professional-services background (a note). With onboarding_fee, each period shows the \
              services revenue of its new logos against the onboarding cost (onboarding_margin).",
            MAX_UTILISATION * 100.0
        )
    },
    kpis: Some(super::ONBOARDING_KPIS),
};

/// The onboarding margin of a period: services revenue (new logos × `onboarding_fee`) less the
/// onboarding team's cost, both as the period prints them.
pub fn margin(services_revenue: i64, onboarding_cost: i64) -> i64 {
    services_revenue.saturating_sub(onboarding_cost)
}

/// Onboarding FTE for `hours_per_month` of deployments.
pub fn onboarding_fte(hours_per_month: f64, billable_hours_per_month: f64) -> f64 {
    hours_per_month / billable_hours_per_month
}

/// Onboarding headcount for a demand of `fte` (v3): none under half an FTE, then
/// `ceil(fte / 1.1)`. Billable hours are a hard capacity, so a person bills at most
/// [`MAX_UTILISATION`] of an FTE's hours; `max_load`, the slack of a CSM's book, does not apply.
pub fn headcount(fte: f64) -> u32 {
    if fte + 1e-9 >= FIRST_HIRE_FTE {
        demand_headcount(fte / MAX_UTILISATION, 0.0).max(1)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onboarding_follows_new_logos() {
        // 5 new logos × 30 hours = 150 hours / 120 = 1.25 FTE; / 1.1 = 1.14: 2 onboarding.
        assert_eq!(headcount(onboarding_fte(150.0, 120.0)), 2);
        // 132 hours = 1.1 FTE: one person bills 110%.
        assert_eq!(headcount(onboarding_fte(132.0, 120.0)), 1);
        // 60 hours = 0.5 FTE: the first hire; 59 hours: the CSMs onboard.
        assert_eq!(headcount(onboarding_fte(60.0, 120.0)), 1);
        assert_eq!(headcount(onboarding_fte(59.0, 120.0)), 0);
        // No new logos: no hours, no hire.
        assert_eq!(headcount(onboarding_fte(0.0, 120.0)), 0);
        // Tech-touch logos are self-serve: no hours by default.
        assert_eq!(
            hours_per_logo(None, Tier::TechTouch, Complexity::Complex),
            (0.0, true)
        );
        assert_eq!(
            hours_per_logo(None, Tier::Enterprise, Complexity::Complex),
            (160.0, true)
        );
    }

    /// v3: 5.89 FTE of billable hours is 6 people (ceil(5.89 / 1.1) = ceil(5.35)), never 5 at
    /// 130 billable hours each as a CSM book's 1.2 would allow.
    #[test]
    fn billable_hours_are_a_hard_capacity() {
        assert_eq!(headcount(5.89), 6);
        assert_eq!(headcount(5.5), 5);
        assert_eq!(headcount(5.51), 6);
    }
}
