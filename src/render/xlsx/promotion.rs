//! The lead promoted from within (rule `head-of-cs`): the plan costs them at the higher of a
//! team manager's loaded cost and that of the role they leave (a promotion is never a pay
//! cut), a hired head of CS at the lead's. The plan records the promotion as a hire of kind
//! `promotion`; the role left is the one its backfill replaces, or, when the promotion comes
//! out of a team above its need (no backfill), the one whose cost gives the plan's lead cost.

use super::cost_name;
use crate::model::Role;
use crate::plan::{ByRole, HireKind, Plan};
use crate::rules::RuleId;

/// The roles a lead is promoted from, in the rule's order (a CSM first, else the onboarding
/// lead).
const FROM: [Role; 2] = [Role::Csm, Role::Onboarding];

/// A promotion to head of CS.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Promoted {
    /// Plan month the promotion takes effect, when the plan promotes someone.
    month: Option<u32>,
    /// The role the lead is promoted from (a CSM when the plan promotes no one: the rule's
    /// first choice, so the formula still reads as the rule).
    from: Role,
}

impl Promoted {
    /// The plan's promotion, if any.
    pub(super) fn of(plan: &Plan) -> Self {
        let Some(hire) = plan
            .hires
            .iter()
            .find(|h| h.kind == HireKind::Promotion && h.role == Role::Lead)
        else {
            return Promoted {
                month: None,
                from: Role::Csm,
            };
        };
        let month = Some(hire.start_month);
        let backfilled = plan.hires.iter().find(|h| {
            h.kind == HireKind::Backfill
                && h.rule == RuleId::HeadOfCs
                && h.start_month == hire.start_month
        });
        if let Some(backfill) = backfilled.filter(|b| FROM.contains(&b.role)) {
            return Promoted {
                month,
                from: backfill.role,
            };
        }
        // No backfill: the role whose cost reproduces the plan's lead cost in every month.
        let from = FROM
            .into_iter()
            .find(|&from| {
                let promoted = Promoted { month, from };
                plan.timeline.iter().all(|r| {
                    let planned = r
                        .cost_exact
                        .0
                        .map_or(r.cost.lead as f64, |exact| exact.lead);
                    let months = f64::from(r.period_months.max(1));
                    let cost = promoted.lead_cost(&plan.assumptions.salaries, r.lead, r.month);
                    (cost / 12.0 * months - planned).abs() <= 0.5
                })
            })
            .unwrap_or(Role::Csm);
        Promoted { month, from }
    }

    /// Of `leads` in post in plan month `month`, how many were promoted from within.
    pub(super) fn in_post(&self, leads: u32, month: u32) -> u32 {
        match self.month {
            Some(m) if month >= m => leads.min(1),
            _ => 0,
        }
    }

    /// Loaded annual cost of the promoted lead.
    pub(super) fn cost(&self, salaries: &ByRole<i64>) -> f64 {
        salaries.manager.max(salaries.get(self.from)) as f64
    }

    /// The same as a formula over the named cells, without its `=`.
    pub(super) fn formula(&self) -> String {
        format!("MAX({},{})", cost_name(Role::Manager), cost_name(self.from))
    }

    /// Loaded annual cost of `leads` heads of CS in plan month `month`: the promoted one at
    /// [`Self::cost`], the others at the lead's loaded cost.
    pub(super) fn lead_cost(&self, salaries: &ByRole<i64>, leads: u32, month: u32) -> f64 {
        let promoted = self.in_post(leads, month);
        f64::from(leads - promoted) * salaries.lead as f64
            + f64::from(promoted) * self.cost(salaries)
    }
}
