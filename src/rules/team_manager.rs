//! Rule `team-manager` (first-cs-org step 11): a manager for every `span_of_control` people.

use super::{RuleId, RuleInfo};

/// csplan default `[workforce] span_of_control`: people per team manager (a common span for
/// front-line CS teams; no source gives a figure).
pub const DEFAULT_SPAN_OF_CONTROL: u32 = 8;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::TeamManager,
    id: "team-manager",
    source: "first-cs-org (step 11); span: csplan default",
    figures: || {
        format!(
            "span_of_control {DEFAULT_SPAN_OF_CONTROL} (csplan default): a manager for every full span of people"
        )
    },
    summary: || {
        "Each team (CSMs, support, onboarding) gets a manager for every span_of_control people \
              (floor(team / span)). The first support hire leads the support team, and the director-level \
              lead promoted by head-of-cs leads the CSM team, so each counts as its team's first manager. \
              Managers are hired ahead like the teams they lead.".to_string()
    },
    kpis: None,
};

/// Managers the teams call for: `floor(n / span)` per team, less the support lead (the first
/// support hire) and the promoted director (who leads the CSMs).
pub fn managers(csm: u32, support: u32, onboarding: u32, span: u32, director: bool) -> u32 {
    let span = span.max(1);
    let csm_managers = (csm / span).saturating_sub(u32::from(director));
    let support_managers = (support / span).saturating_sub(u32::from(support > 0));
    csm_managers + support_managers + onboarding / span
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manager_for_every_full_span() {
        assert_eq!(managers(7, 3, 2, 8, false), 0);
        assert_eq!(managers(8, 3, 2, 8, false), 1);
        // The promoted director leads the first eight CSMs.
        assert_eq!(managers(8, 3, 2, 8, true), 0);
        assert_eq!(managers(17, 3, 2, 8, true), 1);
        // Sixteen in support: the support lead and one manager.
        assert_eq!(managers(0, 16, 0, 8, false), 1);
        assert_eq!(managers(0, 0, 8, 8, false), 1);
    }
}
