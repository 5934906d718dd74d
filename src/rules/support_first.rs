//! Rule `support-first` (first-cs-org step 2): the order of the first specialist hires, and
//! only the order. "Create first a defined technical support function. Your next 1-2 hires would
//! be here first with usually a team lead as one of the two hires … Create next a defined
//! onboarding/implementation team." It never adds a person that no demand calls for.

use super::{RuleId, RuleInfo};
use crate::model::Role;

/// csplan default: the first support hire is brought forward to open with the first
/// onboarding hire when its own demand calls for it within this many months anyway; further
/// out, moving it would leave a person idle.
pub const PULL_FORWARD_MONTHS: u32 = 6;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::SupportFirst,
    id: "support-first",
    source: "first-cs-org (step 2)",
    figures: || {
        format!(
            "order support, then onboarding, then CSMs; the first support hire moves up to {PULL_FORWARD_MONTHS} months \
             earlier to open with the first onboarding hire (csplan default)"
        )
    },
    summary: || {
        format!(
            "The order of the first specialist hires only: technical support first (its first hire leads \
              the support team), then onboarding (only if there are deployments to do), then dedicated \
              CSMs. Within a month, requisitions are listed in that order; when support demand calls for \
              a first agent within {PULL_FORWARD_MONTHS} months of the first onboarding hire, the agent opens with it. It \
              never adds a person that no demand calls for."
        )
    },
    kpis: Some(super::SUPPORT_KPIS),
};

/// Position of `role` in first-cs-org's order of requisitions within one month.
pub fn order(role: Role) -> u8 {
    match role {
        Role::Support => 0,
        Role::Onboarding => 1,
        Role::Csm => 2,
        Role::Manager => 3,
        Role::Lead => 4,
    }
}

/// The month the first support requisition opens: `first_onboarding` when the demand-driven
/// `first_support` would come later but within [`PULL_FORWARD_MONTHS`]; else as the demand
/// places it. `None` when no demand calls for support.
pub fn first_support_open(
    first_support: Option<u32>,
    first_onboarding: Option<u32>,
) -> Option<u32> {
    let support = first_support?;
    match first_onboarding {
        Some(onboarding) if onboarding < support && support - onboarding <= PULL_FORWARD_MONTHS => {
            Some(onboarding)
        }
        _ => Some(support),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_opens_with_onboarding_only_when_demand_is_near() {
        assert_eq!(first_support_open(Some(9), Some(5)), Some(5));
        assert_eq!(first_support_open(Some(20), Some(5)), Some(20));
        assert_eq!(first_support_open(Some(3), Some(5)), Some(3));
        // No support demand: no support hire, whatever onboarding does.
        assert_eq!(first_support_open(None, Some(5)), None);
        assert!(order(Role::Support) < order(Role::Onboarding));
        assert!(order(Role::Onboarding) < order(Role::Csm));
    }
}
