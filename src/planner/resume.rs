//! A plan picked up at a month already lived: the re-forecast of `csplan review`.
//!
//! The base is projected from its start as always, and at the end of the last month with
//! actuals every segment's logos and ARR are multiplied by actual / planned, so each renewal
//! cohort keeps its share (rebuilding segments from totals would lose when each cohort renews).
//! The staff then carries on from the team actually in post: the requisitions the approved plan
//! opened by that month stay open (their people start as planned), a planned hire whose start
//! has passed without an arrival is not counted, and from the next month on requisitions open by
//! the same rules as in any plan. The lead and the team managers carry on the same way: a
//! promotion to lead in effect with its lead in post, or whose backfill's requisition is open,
//! stands as approved; one that has not happened is planned again by rule `head-of-cs` from the
//! next month (its backfill opened then), and a backfill counts as no new seat (it replaces the
//! person promoted). With actuals equal to the plan, factors of 1 change no figure and the staff
//! carries on exactly as planned, so the re-forecast is the plan's remaining months.

use super::PlanError;
use crate::model::Role;
use crate::plan::{ByRole, Hire, HireKind, Row, Totals, Warning};
use crate::projection::Rescale;
use crate::rules::hire_ahead::{self as timing, Opening};

/// Where a re-forecast picks up the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Resume {
    /// The last month with actuals (1-based, before the horizon's end): the re-forecast plans the
    /// months after it.
    pub month: u32,
    /// Factor on every segment's logos at that month: actual customers / planned.
    pub customers: f64,
    /// Factor on every segment's ARR at that month: actual ARR / planned.
    pub arr: f64,
    /// People in post at the end of that month, by role.
    pub team: ByRole<u32>,
    /// The requisitions opened up to that month, by role, as (open month, start month), in the
    /// order they opened: the approved plan's growth hires with `open_month` at most `month`
    /// (a backfill replaces a person and a promotion opens none: see `promotion`).
    pub opened: ByRole<Vec<(u32, u32)>>,
    /// The approved plan's promotion to lead (rule `head-of-cs`) when it took effect by that
    /// month or its backfill's requisition opened by then.
    pub promotion: Option<Promotion>,
    /// Planned hires still missing at that month, by role: each is planned again with its
    /// requisition opening the month after (starting `hire_lead_months` later), before the
    /// rules plan any more. Their requisitions stay out of `opened`'s waiting ones.
    pub reopened: ByRole<u32>,
}

/// A promotion to lead already acted on: in effect, or with its backfill's requisition open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promotion {
    /// The month the promotion takes effect (the backfill starts that month).
    pub effective: u32,
    /// The month the backfill's requisition opens.
    pub backfill_open: u32,
    /// The role the lead is promoted from, whose book is backfilled.
    pub from: Role,
}

impl Resume {
    /// The growth requisitions opened up to `month` in `hires` (an approved plan's), by role.
    pub fn opened_in(hires: &[Hire], month: u32) -> ByRole<Vec<(u32, u32)>> {
        ByRole::from_fn(|role| {
            hires
                .iter()
                .filter(|h| h.role == role && h.kind == HireKind::Growth && h.open_month <= month)
                .map(|h| (h.open_month, h.start_month))
                .collect()
        })
    }

    /// The promotion to lead in `hires` (an approved plan's) when it took effect by `month` or
    /// its backfill opened by then.
    pub fn promotion_in(hires: &[Hire], month: u32) -> Option<Promotion> {
        let promoted = hires.iter().find(|h| h.kind == HireKind::Promotion)?;
        let backfill = hires
            .iter()
            .find(|h| h.kind == HireKind::Backfill && h.start_month == promoted.start_month)?;
        (backfill.open_month <= month || promoted.start_month <= month).then_some(Promotion {
            effective: promoted.start_month,
            backfill_open: backfill.open_month,
            from: backfill.role,
        })
    }

    /// Refuses a resume point the plan cannot continue from.
    pub(super) fn check(&self, horizon: u32) -> Result<(), PlanError> {
        let invalid = |key: &str, value: String, allowed: String| {
            Err(PlanError::Invalid {
                key: format!("resume.{key}"),
                value,
                allowed,
            })
        };
        if self.month == 0 || self.month >= horizon {
            return invalid(
                "month",
                self.month.to_string(),
                format!("1..{horizon} (a month before the horizon's end)"),
            );
        }
        for (key, factor) in [("customers", self.customers), ("arr", self.arr)] {
            if !factor.is_finite() || factor < 0.0 {
                return invalid(key, factor.to_string(), "a finite factor ≥ 0".to_string());
            }
        }
        for role in Role::ALL {
            if let Some(&(open, start)) = self
                .opened
                .get_ref(role)
                .iter()
                .find(|&&(open, start)| open == 0 || open > self.month || start < open)
            {
                return invalid(
                    "opened",
                    format!("{role} opened {open}, starting {start}"),
                    format!("opened in 1..={}, starting no earlier", self.month),
                );
            }
        }
        if let Some(p) = self.promotion
            && (p.backfill_open == 0
                || p.backfill_open > p.effective
                || p.backfill_open.min(p.effective) > self.month
                || matches!(p.from, Role::Lead | Role::Manager))
        {
            return invalid(
                "promotion",
                format!(
                    "{} promoted in {}, backfill opened {}",
                    p.from, p.effective, p.backfill_open
                ),
                format!(
                    "a CSM, support or onboarding person, the backfill opened in 1..=the promotion month, \
                     one of them by {}",
                    self.month
                ),
            );
        }
        Ok(())
    }

    /// The rescaling of every segment's projection.
    pub(super) fn rescale(&self) -> Rescale {
        Rescale {
            month: self.month,
            customers: self.customers,
            arr: self.arr,
        }
    }

    /// The requisitions of `role`: those opened up to the resume month, then the months after
    /// it planned by [`timing::openings`] from the team in post plus the requisitions still
    /// waiting for their person.
    pub(super) fn openings(
        &self,
        role: Role,
        required: &[u32],
        starting: u32,
        ahead: bool,
        lead: u32,
        horizon: u32,
    ) -> Vec<Opening> {
        let k = self.month;
        let mut out: Vec<Opening> = self
            .opened
            .get_ref(role)
            .iter()
            .zip(starting + 1..)
            .map(|(&(open, start), ordinal)| Opening {
                open,
                start,
                target: if ahead { start } else { open },
                ordinal,
            })
            .collect();
        let waiting = out.iter().filter(|o| o.start > k).count() as u32;
        // Missing hires, opened again in the first month planned.
        let again = self.reopened.get(role);
        let (open, start) = (k + 1, k + 1 + lead);
        let first = self.team.get(role) + waiting;
        out.extend((0..again).map(|i| Opening {
            open,
            start,
            target: if ahead { start } else { open },
            ordinal: first + i + 1,
        }));
        let planned = first + again;
        // The months after `k` are a plan of their own whose month 0 is month `k`.
        let later = required.get(k as usize..).unwrap_or(&[]);
        out.extend(
            timing::openings(later, planned, ahead, lead, horizon - k)
                .into_iter()
                .map(|o| Opening {
                    open: o.open + k,
                    start: o.start + k,
                    target: o.target + k,
                    ordinal: o.ordinal,
                }),
        );
        out
    }

    /// People of `role` in post per month 0..=months: the team at the resume month, then those
    /// starting after it. Months before it (not shown) follow the approved plan's requisitions,
    /// held at most at the team reached so that the staff never falls.
    pub(super) fn staff(
        &self,
        role: Role,
        openings: &[Opening],
        starting: u32,
        months: u32,
    ) -> Vec<u32> {
        self.carry(role, timing::staff_by_month(openings, starting, months))
    }

    /// A role's people in post per month as planned, carried on from the team in post at the
    /// resume month: before it, at most the team reached; after it, the team plus the planned
    /// change since.
    pub(super) fn carry(&self, role: Role, planned: Vec<u32>) -> Vec<u32> {
        let k = self.month as usize;
        let at_k = planned[k.min(planned.len() - 1)];
        let team = self.team.get(role);
        planned
            .iter()
            .enumerate()
            .map(|(t, &p)| {
                if t < k {
                    p.min(team)
                } else {
                    (team + p).saturating_sub(at_k)
                }
            })
            .collect()
    }

    /// Keeps the months after the resume month, the hires starting after it, and the warnings
    /// about those months (or about no month).
    pub(super) fn keep_remaining(
        &self,
        timeline: &mut Vec<Row>,
        warnings: &mut Vec<Warning>,
        hires: &mut Vec<Hire>,
    ) {
        // A run of months (over the cap, short) that starts at the resume month goes on into the
        // re-forecast: that month's state is the actuals', so its warning stands.
        let resumed_at = timeline
            .iter()
            .find(|r| r.month == self.month)
            .map(|r| r.period.clone());
        timeline.retain(|r| r.month > self.month);
        hires.retain(|h| h.start_month > self.month);
        warnings.retain(|w| {
            w.period.as_ref().is_none_or(|p| {
                Some(p) == resumed_at.as_ref() || timeline.iter().any(|r| &r.period == p)
            })
        });
    }

    /// Requisitions of the re-forecast: those opening after the resume month.
    pub(super) fn requisitions(&self, openings: &[Opening]) -> u32 {
        openings.iter().filter(|o| o.open > self.month).count() as u32
    }

    /// Totals over the remaining months: people starting after the resume month, and ARR at
    /// the resume month as the start.
    pub(super) fn remaining_totals(
        &self,
        totals: &mut Totals,
        staff: &ByRole<Vec<u32>>,
        arr: &[f64],
        horizon: u32,
    ) {
        let (k, end) = (self.month as usize, horizon as usize);
        // Net of a promotion out of a team above its need, which leaves that team one fewer.
        totals.hires =
            ByRole::from_fn(|role| staff.get_ref(role)[end].saturating_sub(staff.get_ref(role)[k]));
        totals.start_arr = crate::format::round_money(arr[k]);
    }
}

/// The people in post in `row`, by role.
#[cfg(test)]
fn team_of(row: &Row) -> ByRole<u32> {
    ByRole::from_fn(|role| match role {
        Role::Csm => row.csm,
        Role::Support => row.support,
        Role::Onboarding => row.onboarding,
        Role::Lead => row.lead,
        Role::Manager => row.managers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stance;
    use crate::plan::Plan;
    use crate::{PlanOptions, plan, replan};

    fn base() -> crate::model::Base {
        crate::input::parse(include_str!("../../examples/growth.toml")).unwrap()
    }

    /// The team of `plan` at month `k`, and its requisitions by then: actuals equal to the plan.
    fn as_planned(plan: &Plan, k: u32) -> Resume {
        Resume {
            month: k,
            customers: 1.0,
            arr: 1.0,
            team: team_of(&plan.timeline[k as usize - 1]),
            opened: Resume::opened_in(&plan.hires, k),
            promotion: Resume::promotion_in(&plan.hires, k),
            reopened: ByRole::default(),
        }
    }

    /// Picks the plan of `base` up at every month, in every stance, with actuals equal to the
    /// plan: the remaining months, hires, requisitions and end state exactly.
    fn resumes_as_planned(base: &crate::model::Base) {
        let name = &base.company.name;
        for stance in [Stance::Lean, Stance::Balanced, Stance::Ahead] {
            let options = PlanOptions {
                stance: Some(stance),
                ..PlanOptions::default()
            };
            let approved = plan(base, &options).unwrap();
            for k in 1..approved.timeline.len() as u32 {
                let again = replan(base, &options, &as_planned(&approved, k)).unwrap();
                let at = format!("{name} {stance} at {k}");
                assert_eq!(again.timeline, approved.timeline[k as usize..], "{at}");
                let later: Vec<&Hire> = approved
                    .hires
                    .iter()
                    .filter(|h| h.start_month > k)
                    .collect();
                assert_eq!(again.hires.iter().collect::<Vec<_>>(), later, "{at}");
                // The re-forecast's requisitions are the approved ones opening after k (a
                // promotion opens none).
                let opening = |role: Role| {
                    approved
                        .hires
                        .iter()
                        .filter(|h| {
                            h.role == role && h.open_month > k && h.kind != HireKind::Promotion
                        })
                        .count() as u32
                };
                assert_eq!(again.totals.requisitions, ByRole::from_fn(opening), "{at}");
                assert_eq!(again.totals.end_arr, approved.totals.end_arr, "{at}");
                assert_eq!(again.benchmarks, approved.benchmarks, "{at}");
            }
        }
    }

    /// Annual and two-year cohorts, every stance, every month: picking the plan up where it
    /// stands gives its remaining months, hires and end state exactly.
    #[test]
    fn a_plan_resumed_as_planned_is_its_own_remaining_months() {
        resumes_as_planned(&base());
    }

    /// Every other example base (promotions from a CSM or onboarding, hired heads, team
    /// managers) resumes as planned too.
    #[test]
    fn every_example_resumed_as_planned_is_its_own_remaining_months() {
        let examples = [
            include_str!("../../examples/enterprise.toml"),
            include_str!("../../examples/every-rule.toml"),
            include_str!("../../examples/growth-revised.toml"),
            include_str!("../../examples/scale-up.toml"),
            include_str!("../../examples/seed.toml"),
            include_str!("../../examples/self-serve.toml"),
            include_str!("../../examples/series-b.toml"),
        ];
        for text in examples {
            resumes_as_planned(&crate::input::parse(text).unwrap());
        }
    }

    /// A promotion planned by the resume month that has not happened: the lead is not counted
    /// in post, and the rule plans leadership again from the next month on (never two leads
    /// for one promotion, never a backfill opened in the past).
    #[test]
    fn a_promotion_that_did_not_happen_is_planned_again() {
        let base = base();
        let approved = plan(&base, &PlanOptions::default()).unwrap();
        let promoted = approved
            .hires
            .iter()
            .find(|h| h.kind == HireKind::Promotion)
            .unwrap()
            .start_month;
        let k = promoted + 1;
        let mut resume = as_planned(&approved, k);
        // The promoted CSM is still a CSM, and the backfill arrived.
        resume.team.lead -= 1;
        resume.team.csm += 1;
        let again = replan(&base, &PlanOptions::default(), &resume).unwrap();
        assert_eq!(again.timeline[0].lead, 0);
        for h in again.hires.iter().filter(|h| h.open_month <= k) {
            // Only requisitions the approved plan opened by then.
            assert!(
                approved
                    .hires
                    .iter()
                    .any(|a| a.role == h.role && a.open_month == h.open_month),
                "{h:?}"
            );
        }
        let leads = again.timeline.last().unwrap().lead;
        assert!(leads <= approved.timeline.last().unwrap().lead);
        // Here the hired head starts more than six months after the earliest new promotion, so
        // a CSM is promoted again, with a backfill opened after the resume month.
        let kind = |kind: HireKind| again.hires.iter().find(|h| h.kind == kind).unwrap();
        let (promotion, backfill) = (kind(HireKind::Promotion), kind(HireKind::Backfill));
        assert!(backfill.open_month > k);
        assert_eq!(promotion.start_month, backfill.start_month);
        assert_eq!(again.timeline.last().unwrap().lead, 2);
    }

    /// Fewer customers than planned scale every cohort down; a missing CSM is planned again.
    #[test]
    fn a_smaller_base_and_team_change_the_rest_of_the_plan() {
        let base = base();
        let approved = plan(&base, &PlanOptions::default()).unwrap();
        let mut resume = as_planned(&approved, 6);
        resume.customers = 0.9;
        resume.arr = 0.8;
        resume.team.csm -= 1;
        let again = replan(&base, &PlanOptions::default(), &resume).unwrap();
        let planned = &approved.timeline[6];
        let first = &again.timeline[0];
        assert_eq!(first.period, planned.period);
        assert!(first.arr < planned.arr && first.customers < planned.customers);
        // Month 7 still holds the team actually in post: the missing CSM's replacement needs
        // the hiring lead to arrive. At up to 120% of a book (max-load) the smaller base needs
        // it later than month 7, but sooner than the approved plan's next CSM.
        assert_eq!(first.csm, planned.csm - 1);
        let next_csm = |p: &Plan| {
            p.hires
                .iter()
                .filter(|h| h.role == Role::Csm && h.open_month > 6)
                .map(|h| h.open_month)
                .min()
        };
        let (sooner, approved_next) = (next_csm(&again).unwrap(), next_csm(&approved).unwrap());
        assert!(sooner < approved_next, "{sooner} against {approved_next}");
    }

    #[test]
    fn a_resume_point_outside_the_plan_is_refused() {
        let base = base();
        let approved = plan(&base, &PlanOptions::default()).unwrap();
        for month in [0, 24, 30] {
            let mut resume = as_planned(&approved, 6);
            resume.month = month;
            assert!(replan(&base, &PlanOptions::default(), &resume).is_err());
        }
        let mut resume = as_planned(&approved, 6);
        resume.arr = f64::NAN;
        assert!(replan(&base, &PlanOptions::default(), &resume).is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::{PlanOptions, plan, replan};
    use proptest::prelude::*;

    proptest! {
        /// Whatever the actuals, a re-forecast is a plan: finite figures, the team reached in its
        /// first month at least, staff that never falls, hires that start after the resume month.
        #[test]
        fn any_reforecast_is_a_sound_plan(
            month in 1u32..24,
            customers in 0.0f64..3.0,
            arr in 0.0f64..3.0,
            team in proptest::array::uniform5(0u32..12),
        ) {
            let base = crate::input::parse(include_str!("../../examples/growth.toml")).unwrap();
            let approved = plan(&base, &PlanOptions::default()).unwrap();
            let team = ByRole { csm: team[0], support: team[1], onboarding: team[2], lead: team[3], manager: team[4] };
            let resume = Resume {
                month,
                customers,
                arr,
                team,
                opened: Resume::opened_in(&approved.hires, month),
                promotion: Resume::promotion_in(&approved.hires, month),
                reopened: ByRole::default(),
            };
            let again = replan(&base, &PlanOptions::default(), &resume).unwrap();
            prop_assert_eq!(again.timeline.len(), 24 - month as usize);
            prop_assert_eq!(again.timeline[0].month, month + 1);
            let mut before = team;
            for row in &again.timeline {
                prop_assert!(row.customers.is_finite() && row.customers >= 0.0);
                prop_assert!(row.arr >= 0 && row.cs_cost >= 0);
                let now = super::team_of(row);
                // A CSM or onboarding lead promoted out of a team above its need leaves that
                // team one fewer as the lead rises: the whole team never falls.
                let total = |t: &ByRole<u32>| Role::ALL.iter().map(|&r| t.get(r)).sum::<u32>();
                prop_assert!(total(&now) >= total(&before), "the team fell in {}", row.period);
                before = now;
            }
            prop_assert!(again.hires.iter().all(|h| h.start_month > month));
        }
    }
}
