//! Rule `cost-lines` (first-cs-org): where CS cost lands in the P&L.

use super::{RuleId, RuleInfo};
use crate::model::Role;

/// first-cs-org: platform gross margin (inclusive of support) "north of 70%".
pub const GROSS_MARGIN_FLOOR: f64 = 0.70;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::CostLines,
    id: "cost-lines",
    source: "first-cs-org",
    figures: || {
        format!(
            "platform gross margin (including support) above {:.0}%",
            GROSS_MARGIN_FLOOR * 100.0
        )
    },
    summary: || {
        format!(
            "Support and onboarding cost is cost of revenue (COGS); CSM, team-manager and head-of-CS cost is \
              sales & marketing. With hosting_cost_ratio, the platform gross margin including support is \
              reported and flagged below {:.0}%.",
            GROSS_MARGIN_FLOOR * 100.0
        )
    },
    kpis: None,
};

/// A line of the P&L.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PnlLine {
    /// Cost of revenue.
    Cogs,
    /// Sales & marketing (operating expense).
    SalesMarketing,
}

/// first-cs-org: "Professional services costs go into your COGs line", "Customer support costs
/// go into your COGs line", "Customer success management costs are included in your costs of
/// sales and marketing". The head of CS and the team managers run a function whose largest
/// team is CSMs: sales & marketing.
pub fn cost_line(role: Role) -> PnlLine {
    match role {
        Role::Support | Role::Onboarding => PnlLine::Cogs,
        Role::Csm | Role::Lead | Role::Manager => PnlLine::SalesMarketing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_and_onboarding_are_cogs() {
        assert_eq!(cost_line(Role::Support), PnlLine::Cogs);
        assert_eq!(cost_line(Role::Onboarding), PnlLine::Cogs);
        assert_eq!(cost_line(Role::Csm), PnlLine::SalesMarketing);
        assert_eq!(cost_line(Role::Lead), PnlLine::SalesMarketing);
    }
}
