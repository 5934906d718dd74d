//! Who is hired, when, and by which rule. This file only sequences the rules of
//! [`crate::rules`]: the CSM team (the first-CSM gate of the stance, `max-load`,
//! `segment-team`, `hire-ahead`), then support and onboarding by demand in `support-first`'s
//! order, the head of CS (a promotion, then a hired head), and the team managers. Each rule
//! decides and words its reason in its own file.

use std::collections::BTreeMap;

use super::resume::{Promotion, Resume};
use super::state::BaseState;
use super::{PlanError, guard};
use crate::format::fte;
use crate::model::{Base, Role, Stance, Tier, work};
use crate::month::Calendar;
use crate::plan::{ByRole, Hire, HireKind};
use crate::rules::gates::{self, Thresholds};
use crate::rules::hire_ahead::{self, Opening};
use crate::rules::segment_team::{self, TierSeat};
use crate::rules::{
    RuleId, attrition_backfill, budget_fit, from_usd, head_of_cs, onboarding_demand, ramp,
    recruiting_capacity, support_demand, support_first, team_manager,
};

/// Most people csplan plans in one role: 100,000 CSMs (or support agents) is more than any CS
/// organisation employs, so a base that calls for more is mistyped; the limit also bounds the
/// list of hires a plan prints.
pub const MAX_PEOPLE_PER_ROLE: u32 = 100_000;

/// Every role's requirement, staff and requisitions.
#[derive(Debug, Clone)]
pub struct Staffing {
    /// Headcount the rules call for, per month 0..=months.
    pub required: ByRole<Vec<u32>>,
    /// Headcount in post, per month 0..=months.
    pub staff: ByRole<Vec<u32>>,
    /// People joining each role, per month 0..=months (a promotion is not a start).
    pub starts: ByRole<Vec<u32>>,
    /// Promotions within CS taking effect per month 0..=months (rule `head-of-cs`).
    pub promotions: Vec<u32>,
    /// Of the leads in post, those promoted from within (costed at a manager's salary, or the
    /// salary of the role they leave when that is higher).
    pub directors: Vec<u32>,
    /// The role the promoted lead comes from.
    pub promoted_from: Option<Role>,
    /// Requisitions opened within the horizon, by role (a promotion opens none).
    pub requisitions: ByRole<u32>,
    /// Every requisition and promotion, in opening order.
    pub hires: Vec<Hire>,
    /// First month (0 = the start) at which a first-CSM gate holds, and which.
    pub gate: Option<(u32, RuleId)>,
    /// Support work in FTE per month (rule `support-demand`).
    pub support_need: Option<Vec<f64>>,
    /// Onboarding work in FTE per month (rule `onboarding-demand`).
    pub onboarding_need: Option<Vec<f64>>,
    /// People who start after the month they are needed, as (needed, start) months: rule
    /// `recruiting-capacity` found no earlier month with room.
    pub late: Vec<(u32, u32)>,
    /// CSMs in post ahead of their need per month 0..=months, because recruiting capacity
    /// started them early (not a surplus).
    pub early_csm: Vec<u32>,
    /// Per month 0..=months, the part of a book the CSMs still ramping do not yet carry (rule
    /// `ramp`), in FTE.
    pub ramping_csm: Vec<f64>,
    /// People leaving per role and month 0..=months (rule `attrition-backfill`).
    pub leavers: ByRole<Vec<u32>>,
    /// Attrition backfills starting per role and month 0..=months.
    pub backfill_starts: ByRole<Vec<u32>>,
    /// People short per role and month while leavers' backfills are recruited.
    pub attrition_gap: ByRole<Vec<u32>>,
    /// Per role, leavers not backfilled because the team without them kept to its need, and
    /// the most the team was above its need when one of them left (rule `attrition-backfill`).
    pub frozen: ByRole<(u32, u32)>,
    /// ARR past the hired head's threshold with no head hired (rule `head-of-cs` v3): the
    /// month, and why.
    pub head_withheld: Option<(u32, head_of_cs::Withheld)>,
    /// Per month 0..=months, CSM need carried as overload because it falls back within six
    /// months (rule `max-load` v3): no CSM is hired for it.
    pub overload: Vec<bool>,
    /// True for a plan fitted to its budget (rule `budget-fit`).
    pub fitted: bool,
    /// CSM headcount the rules call for per month 0..=months, before a fit to the budget
    /// (`required.csm` otherwise): a fitted month below it is short.
    pub rules_csm: Vec<u32>,
}

impl Staffing {
    /// Loaded cost of `role` in month `t`, per year: headcount × loaded cost; a promoted lead
    /// costs a manager's loaded salary, a hired head the lead's.
    pub fn yearly_cost(&self, base: &Base, role: Role, t: usize) -> f64 {
        let salaries = &base.salaries;
        let staff = f64::from(self.staff.get_ref(role)[t]);
        if role == Role::Lead {
            let directors = f64::from(self.directors[t]);
            directors * promoted_cost(base, self.promoted_from.unwrap_or(Role::Csm))
                + (staff - directors) * salaries.of(Role::Lead)
        } else {
            staff * salaries.of(role)
        }
    }
}

/// Loaded cost of a lead promoted from `from`: a manager's, or the role they leave when that is
/// higher (a promotion is never a pay cut).
fn promoted_cost(base: &Base, from: Role) -> f64 {
    base.salaries.of(Role::Manager).max(base.salaries.of(from))
}

/// What the staffing pass needs to know besides the base state.
pub struct Context<'a> {
    /// The base.
    pub base: &'a Base,
    /// Its projection.
    pub state: &'a BaseState<'a>,
    /// The stance planned.
    pub stance: Stance,
    /// Months planned (without the lead).
    pub horizon: u32,
    /// Labels months.
    pub calendar: Calendar,
    /// For a re-forecast: the month reached and the team in post there.
    pub resume: Option<&'a Resume>,
    /// What account health adds to the CSM team, with `plan --accounts`.
    pub coverage: Option<&'a super::Coverage>,
    /// With `plan --within-budget`: what the cap and the budget allow the CSM team (rule
    /// `budget-fit`).
    pub fit: Option<&'a super::fit::Fit>,
    /// False when no one reads the hires' labels and reasons (a simulation's runs): formatting
    /// them was most of the work of a run with a large team.
    pub words: bool,
}

impl Context<'_> {
    fn label(&self, month: u32) -> String {
        if self.words {
            self.calendar.month_label(month)
        } else {
            String::new()
        }
    }

    /// A hire's reason, written only when someone reads it.
    fn say(&self, reason: impl FnOnce() -> String) -> String {
        if self.words { reason() } else { String::new() }
    }

    /// "by 2027-04" when hiring ahead, "in 2027-04" in arrears.
    fn when(&self, month: u32) -> String {
        let word = if hire_ahead::hires_ahead(self.stance) {
            "by"
        } else {
            "in"
        };
        format!("{word} {}", self.label(month))
    }

    fn lead_months(&self) -> u32 {
        self.base.company.hire_lead_months
    }

    fn openings(&self, role: Role, required: &[u32]) -> Result<Vec<Opening>, PlanError> {
        guard::check_people(
            role,
            required,
            MAX_PEOPLE_PER_ROLE,
            self.calendar,
            self.state,
            self.base,
        )?;
        let (starting, ahead) = (
            self.base.team.of(role),
            hire_ahead::hires_ahead(self.stance),
        );
        let lead = self.lead_months();
        Ok(match self.resume {
            None => hire_ahead::openings(required, starting, ahead, lead, self.horizon),
            Some(r) => r.openings(role, required, starting, ahead, lead, self.horizon),
        })
    }

    fn hire(
        &self,
        role: Role,
        o: &Opening,
        rule: RuleId,
        sized_by: RuleId,
        reason: String,
    ) -> Hire {
        Hire {
            role,
            open: self.label(o.open),
            start: self.label(o.start),
            open_month: o.open,
            start_month: o.start,
            segment: None,
            tier: None,
            kind: HireKind::Growth,
            rule,
            reason,
            sized_by: Some(sized_by),
            health: None,
        }
    }
}

/// `1 agent`, `2 agents`.
fn people(count: u32, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// For each opening, the headcount planned before the requisitions of its month: the same for
/// every requisition of one month, so identical hires read identically.
fn planned_before(openings: &[Opening]) -> Vec<u32> {
    let mut first: BTreeMap<u32, u32> = BTreeMap::new();
    for o in openings {
        first.entry(o.open).or_insert(o.ordinal - 1);
    }
    openings.iter().map(|o| first[&o.open]).collect()
}

/// Plans every role.
pub fn plan_staff(cx: &Context) -> Result<Staffing, PlanError> {
    let months = cx.state.months;
    let len = months as usize + 1;
    let team = &cx.base.team;
    let mut hires = Vec::new();

    let (required_csm, rules_csm, gate, csm_openings, overload) = csm(cx, &mut hires)?;

    let per_agent = cx.base.support.tickets_per_agent_month;
    let support_fte: Vec<f64> = cx
        .state
        .tickets
        .iter()
        .map(|&v| support_demand::support_fte(v, per_agent))
        .collect();
    let required_support: Vec<u32> = support_fte
        .iter()
        .map(|&f| support_demand::headcount(f))
        .collect();
    let mut support_openings = cx.openings(Role::Support, &required_support)?;

    let billable = cx.base.onboarding.billable_hours_per_month;
    let onboarding_fte: Vec<f64> = cx
        .state
        .onboarding_hours
        .iter()
        .map(|&v| onboarding_demand::onboarding_fte(v, billable))
        .collect();
    let required_onboarding: Vec<u32> = onboarding_fte
        .iter()
        .map(|&f| onboarding_demand::headcount(f))
        .collect();
    let onboarding_openings = cx.openings(Role::Onboarding, &required_onboarding)?;

    // Rule `support-first`: the first agent opens with the first onboarding hire when its own
    // demand calls for it soon after; it never adds one.
    let mut pulled_from = None;
    if team.support == 0
        && let Some(first) = support_openings.first_mut()
    {
        let open = support_first::first_support_open(
            Some(first.open),
            onboarding_openings.first().map(|o| o.open),
        );
        if let Some(open) = open.filter(|&o| o < first.open) {
            pulled_from = Some(*first);
            let shift = first.open - open;
            first.open = open;
            first.start -= shift;
        }
    }
    let before = planned_before(&support_openings);
    let default_tickets = cx.state.segments.iter().any(|s| s.tickets_per_account.1);
    for (i, o) in support_openings.iter().enumerate() {
        let t = o.target as usize;
        let lead = if o.ordinal == 1 {
            "; the first support hire leads the support team (team-manager)"
        } else {
            ""
        };
        let rates = if default_tickets {
            " (csplan default ticket rates where not given)"
        } else {
            ""
        };
        let hire = match pulled_from.filter(|_| i == 0) {
            Some(demand) => cx.hire(
                Role::Support,
                o,
                RuleId::SupportFirst,
                RuleId::SupportDemand,
                format!(
                    "first-cs-org builds support before onboarding: opens with the first onboarding hire, {} \
                     month{} before support demand ({} tickets a month = {} FTE {}, sized by support-demand) \
                     calls for an agent{lead}",
                    demand.open - o.open,
                    if demand.open - o.open == 1 { "" } else { "s" },
                    cx.state.tickets[demand.target as usize].round(),
                    fte(support_fte[demand.target as usize]),
                    cx.when(demand.target)
                ),
            ),
            None => cx.hire(
                Role::Support,
                o,
                RuleId::SupportDemand,
                RuleId::SupportDemand,
                cx.say(|| {
                    format!(
                        "{} tickets a month {}{rates} = {} FTE at {per_agent} per agent (support-demand): {}, {} \
                         planned before{lead}",
                        cx.state.tickets[t].round(),
                        cx.when(o.target),
                        fte(support_fte[t]),
                        people(required_support[t], "agent"),
                        before[i]
                    )
                }),
            ),
        };
        hires.push(hire);
    }

    let before = planned_before(&onboarding_openings);
    let default_hours = cx.state.segments.iter().any(|s| s.onboarding_hours.1);
    for (i, o) in onboarding_openings.iter().enumerate() {
        let t = o.target as usize;
        let rates = if default_hours {
            " (csplan default hours where not given)"
        } else {
            ""
        };
        hires.push(cx.hire(
            Role::Onboarding,
            o,
            RuleId::OnboardingDemand,
            RuleId::OnboardingDemand,
            cx.say(|| {
                format!(
                    "{} onboarding hours a month {}{rates} = {} FTE at {billable} billable hours (onboarding-demand): {} \
                     in onboarding, {} planned before",
                    cx.state.onboarding_hours[t].round(),
                    cx.when(o.target),
                    fte(onboarding_fte[t]),
                    required_onboarding[t],
                    before[i]
                )
            }),
        ));
    }

    let org_size = |t: usize| {
        required_csm[t].max(team.csm)
            + required_support[t].max(team.support)
            + required_onboarding[t].max(team.onboarding)
    };
    // People in post per month; a re-forecast carries on from the team in post.
    let staff_of = |role: Role, openings: &[Opening]| match cx.resume {
        None => hire_ahead::staff_by_month(openings, team.of(role), months),
        Some(r) => r.staff(role, openings, team.of(role), months),
    };
    let in_post = InPost {
        csm: staff_of(Role::Csm, &csm_openings),
        onboarding: staff_of(Role::Onboarding, &onboarding_openings),
        required_csm: &required_csm,
        required_onboarding: &required_onboarding,
    };
    let support_in_post = staff_of(Role::Support, &support_openings);
    let leads = leadership(cx, &org_size, &in_post, &support_in_post, &mut hires);

    // Rule `team-manager`, on the teams the rules call for, ahead like them.
    let span = cx.base.workforce.span_of_control;
    let required_manager: Vec<u32> = (0..len)
        .map(|t| {
            team_manager::managers(
                required_csm[t].max(team.csm),
                required_support[t].max(team.support),
                required_onboarding[t].max(team.onboarding),
                span,
                leads.directors[t] > 0,
            )
        })
        .collect();
    let manager_openings = cx.openings(Role::Manager, &required_manager)?;
    let before = planned_before(&manager_openings);
    for (i, o) in manager_openings.iter().enumerate() {
        let t = o.target as usize;
        hires.push(cx.hire(
            Role::Manager,
            o,
            RuleId::TeamManager,
            RuleId::TeamManager,
            format!(
                "{} CSMs, {} support, {} onboarding {} at a span of {span} (team-manager): {}, {} planned \
                 before",
                required_csm[t].max(team.csm),
                required_support[t].max(team.support),
                required_onboarding[t].max(team.onboarding),
                cx.when(o.target),
                people(required_manager[t], "manager"),
                before[i]
            ),
        ));
    }

    // One list, in the order requisitions open; within a month, support-first's order.
    hires.sort_by_key(|h| (h.open_month, support_first::order(h.role), h.start_month));

    let openings_of = |role: Role| -> &[Opening] {
        match role {
            Role::Csm => &csm_openings,
            Role::Support => &support_openings,
            Role::Onboarding => &onboarding_openings,
            Role::Manager => &manager_openings,
            Role::Lead => &[],
        }
    };
    let mut staff = ByRole::from_fn(|role| match role {
        Role::Csm => in_post.csm.clone(),
        Role::Onboarding => in_post.onboarding.clone(),
        Role::Support => support_in_post.clone(),
        other => staff_of(other, openings_of(other)),
    });
    staff.lead = match cx.resume {
        None => leads.staff,
        Some(r) => r.carry(Role::Lead, leads.staff),
    };
    // A re-forecast counts the requisitions it opens itself, after the resume month.
    let opened = |openings: &[Opening]| {
        cx.resume
            .map_or(openings.len() as u32, |r| r.requisitions(openings))
    };
    // The promoted person leaves their team from the month the promotion takes effect; a
    // re-forecast's team in post already counts a promotion made by the resume month.
    let resumed_at = cx.resume.map_or(0, |r| r.month as usize);
    if let Some((role, from)) = leads.surplus_from.filter(|&(_, from)| from > resumed_at) {
        let team = match role {
            Role::Csm => &mut staff.csm,
            _ => &mut staff.onboarding,
        };
        for in_post in team.iter_mut().skip(from) {
            *in_post = in_post.saturating_sub(1);
        }
    }
    let mut requisitions = ByRole::from_fn(|role| match role {
        Role::Lead => opened(leads.head.as_slice()),
        other => opened(openings_of(other)),
    });
    if let (Some(role), Some(backfill)) = (leads.backfilled, leads.backfill) {
        let count = opened(&[backfill]);
        requisitions.csm += count * u32::from(role == Role::Csm);
        requisitions.onboarding += count * u32::from(role == Role::Onboarding);
        requisitions.support += count * u32::from(role == Role::Support);
    }
    let mut early_csm = vec![0u32; len];
    let needs = ByRole::from_fn(|role| match role {
        Role::Csm => required_csm.as_slice(),
        Role::Support => required_support.as_slice(),
        Role::Onboarding => required_onboarding.as_slice(),
        _ => &[],
    });
    let Attrition {
        leavers,
        gap: mut attrition_gap,
        frozen,
    } = attrition(
        cx,
        &mut hires,
        &mut staff,
        &needs,
        &mut requisitions,
        &mut early_csm,
    )?;
    let late = recruiting(
        cx,
        &mut hires,
        &mut staff,
        &mut early_csm,
        &mut attrition_gap,
    );
    let mut backfill_starts = ByRole::from_fn(|_| vec![0u32; len]);
    for h in hires.iter().filter(|h| h.rule == RuleId::AttritionBackfill) {
        if let Some(slot) = backfill_starts
            .get_mut(h.role)
            .get_mut(h.start_month as usize)
        {
            *slot += 1;
        }
    }
    // Rule `ramp`: the part of a book the CSMs who started lately do not yet carry.
    let ramp_months = cx.base.workforce.ramp_months;
    let csm_starts: Vec<u32> = hires
        .iter()
        .filter(|h| h.role == Role::Csm && h.kind != HireKind::Promotion)
        .map(|h| h.start_month)
        .collect();
    // Leavers are not told apart: the ramping book never passes the CSMs in post.
    let ramping_csm: Vec<f64> = (0..len as u32)
        .map(|t| ramp::shortfall(&csm_starts, t, ramp_months).min(f64::from(staff.csm[t as usize])))
        .collect();
    // One way to count: a promotion is a change of role, never a person starting.
    let mut starts = ByRole::from_fn(|_| vec![0u32; len]);
    let mut promotions = vec![0u32; len];
    for h in &hires {
        let slot = if h.kind == HireKind::Promotion {
            promotions.get_mut(h.start_month as usize)
        } else {
            starts.get_mut(h.role).get_mut(h.start_month as usize)
        };
        if let Some(slot) = slot {
            *slot += 1;
        }
    }
    Ok(Staffing {
        starts,
        promotions,
        required: ByRole {
            csm: required_csm,
            support: required_support,
            onboarding: required_onboarding,
            lead: leads.required,
            manager: required_manager,
        },
        staff,
        directors: leads.directors,
        promoted_from: leads.promoted_from,
        requisitions,
        hires,
        gate,
        support_need: Some(support_fte),
        onboarding_need: Some(onboarding_fte),
        late,
        early_csm,
        ramping_csm,
        leavers,
        backfill_starts,
        attrition_gap,
        frozen,
        head_withheld: leads.withheld,
        overload,
        fitted: cx.fit.is_some(),
        rules_csm,
    })
}

/// What [`attrition`] decides per role and month 0..=months.
struct Attrition {
    leavers: ByRole<Vec<u32>>,
    /// People short while a needed backfill is recruited.
    gap: ByRole<Vec<u32>>,
    /// Leavers not backfilled (the team above its need without them), and by how much the team
    /// stayed above its need at most.
    frozen: ByRole<(u32, u32)>,
}

/// Rule `attrition-backfill`: each team (CSMs, support, onboarding) loses people on
/// [`attrition_backfill::Schedule`] from its headcount in post. A leaver is backfilled only
/// while the team without them falls below its need (`required`, at max_load for CSMs, at
/// demand for support and onboarding) within the months a backfill takes; otherwise the
/// requisition is frozen and opens again, ahead, when the need comes back. Hiring ahead, a
/// backfill opens on an evergreen requisition so that it starts by the month its leaver goes
/// (a CSM `ramp_months` before, to carry a full book by then), as early as the first month
/// allows; in arrears it opens when they leave.
fn attrition(
    cx: &Context,
    hires: &mut Vec<Hire>,
    staff: &mut ByRole<Vec<u32>>,
    required: &ByRole<&[u32]>,
    requisitions: &mut ByRole<u32>,
    early_csm: &mut [u32],
) -> Result<Attrition, PlanError> {
    let len = cx.state.months as usize + 1;
    let rate = cx.base.workforce.attrition;
    let mut out = Attrition {
        leavers: ByRole::from_fn(|_| vec![0u32; len]),
        gap: ByRole::from_fn(|_| vec![0u32; len]),
        frozen: ByRole::from_fn(|_| (0, 0)),
    };
    if rate <= 0.0 {
        return Ok(out);
    }
    // Backfills past the hire limit are counted, not made, so that the refusal can say how
    // many there would be (the work stays bounded: one pass over the months per leaver).
    let made_before = hires.len() as u64;
    let mut backfills = 0u64;
    let mut largest = 0u32;
    let lead = cx.lead_months();
    let evergreen = hire_ahead::hires_ahead(cx.stance);
    let ramp_months = cx.base.workforce.ramp_months;
    // A re-forecast opens requisitions from the month after the resume month.
    let earliest = cx.resume.map_or(1, |r| r.month + 1);
    let last = (cx.horizon as usize).min(len - 1);
    let csm_loaded = cx.base.salaries.of(Role::Csm);
    let cap_affords: Vec<u32> = cx
        .state
        .arr
        .iter()
        .map(|&arr| budget_fit::affordable(cx.base.company.csm_spend_cap, arr, csm_loaded))
        .collect();
    for role in [Role::Csm, Role::Support, Role::Onboarding] {
        let planned = staff.get_ref(role).clone();
        let need = *required.get_ref(role);
        let ahead = if evergreen && role == Role::Csm {
            ramp_months
        } else {
            0
        };
        let who = attrition_backfill::person(role);
        let mut schedule = attrition_backfill::Schedule::default();
        // Frozen leavers not yet backfilled again: the months they left.
        let mut frozen: std::collections::VecDeque<u32> = std::collections::VecDeque::new();
        let (mut frozen_count, mut above) = (0u32, 0u32);
        let mut left = vec![0u32; len];
        largest = largest.max(planned.iter().copied().max().unwrap_or(0));
        let mut push =
            |hires: &mut Vec<Hire>, open: u32, start: u32, reason: &dyn Fn() -> String| {
                backfills += 1;
                if made_before + backfills > work::MAX_HIRES {
                    return;
                }
                let reason = reason();
                let mut hire = cx.hire(
                    role,
                    &Opening {
                        open,
                        start,
                        target: start,
                        ordinal: 0,
                    },
                    RuleId::AttritionBackfill,
                    RuleId::AttritionBackfill,
                    reason,
                );
                hire.kind = HireKind::Backfill;
                hires.push(hire);
                *requisitions.get_mut(role) += 1;
            };
        for t in 1..=last {
            // A frozen requisition opens again, ahead, once the need comes back within the
            // months a backfill takes to start.
            while !frozen.is_empty() {
                let in_post = staff.get_ref(role);
                let horizon_end = (t + lead as usize + ahead as usize).min(len - 1);
                let Some(m) = (t..=horizon_end).find(|&m| in_post[m] < need[m]) else {
                    break;
                };
                let Some(gone) = frozen.pop_front() else {
                    break;
                };
                let open = (m as u32).saturating_sub(lead + ahead).max(t as u32);
                let start = open + lead;
                let reason = || {
                    attrition_backfill::reopened_reason(
                        who,
                        &cx.label(gone),
                        need[m],
                        &cx.when(m as u32),
                        &cx.label(start),
                    )
                };
                push(hires, open, start, &reason);
                let in_post = staff.get_mut(role);
                for slot in in_post.iter_mut().skip(start as usize) {
                    *slot += 1;
                }
                let late = m..(start as usize).clamp(m, len);
                for slot in &mut out.gap.get_mut(role)[late] {
                    *slot += 1;
                }
            }
            let n = schedule.next(rate, planned[t - 1].saturating_sub(frozen.len() as u32));
            left[t] = n;
            for _ in 0..n {
                let in_post = staff.get_ref(role);
                let month = t as u32;
                if !attrition_backfill::backfilled(in_post, need, t, (lead + ahead) as usize) {
                    // Frozen: the team keeps above its need without them.
                    let in_post = staff.get_mut(role);
                    for slot in in_post.iter_mut().skip(t) {
                        *slot = slot.saturating_sub(1);
                    }
                    frozen.push_back(month);
                    frozen_count += 1;
                    above = above.max(in_post[t].saturating_sub(need[t]) + 1);
                    continue;
                }
                let open = if evergreen {
                    // A CSM who would start alongside the leaver starts no earlier than the cap
                    // affords the extra person (rule spend-cap): the ramp ahead yields first.
                    let first = month.saturating_sub(lead + ahead).max(earliest.min(month));
                    let in_post = staff.get_ref(role);
                    (first..month.saturating_sub(lead).max(first))
                        .find(|&o| {
                            role != Role::Csm
                                || ((o + lead) as usize..t)
                                    .all(|m| in_post[m] < cap_affords.get(m).copied().unwrap_or(0))
                        })
                        .unwrap_or(month.saturating_sub(lead).max(first))
                } else {
                    month
                };
                let start = open + lead;
                let timing = match start.cmp(&month) {
                    std::cmp::Ordering::Less => attrition_backfill::Timing::Ahead(month - start),
                    std::cmp::Ordering::Equal => attrition_backfill::Timing::OnTime,
                    std::cmp::Ordering::Greater => attrition_backfill::Timing::Late,
                };
                let reason = || {
                    attrition_backfill::reason(
                        who,
                        &cx.label(month),
                        rate,
                        planned[t - 1],
                        need[t],
                        &cx.label(start),
                        timing,
                        if role == Role::Csm { ramp_months } else { 0 },
                    )
                };
                push(hires, open, start, &reason);
                let (s, m) = (start as usize, t);
                let in_post = staff.get_mut(role);
                if s < m {
                    // In post alongside the leaver until they go: not a surplus.
                    for slot in &mut in_post[s..m] {
                        *slot += 1;
                    }
                    if role == Role::Csm {
                        for slot in &mut early_csm[s..m] {
                            *slot += 1;
                        }
                    }
                } else {
                    for slot in &mut in_post[m..s.min(len)] {
                        *slot = slot.saturating_sub(1);
                    }
                    for slot in &mut out.gap.get_mut(role)[m..s.min(len)] {
                        *slot += 1;
                    }
                }
            }
        }
        // Frozen leavers not backfilled again by the horizon leave the team for good in this
        // plan; the months after it are the next plan's.
        *out.frozen.get_mut(role) = (frozen_count, above);
        *out.leavers.get_mut(role) = left;
    }
    if let Some((key, message)) = work::hires_past_limit(made_before, backfills, rate, largest) {
        return Err(PlanError::TooLarge {
            key: key.map(str::to_string),
            message,
        });
    }
    hires.sort_by_key(|h| (h.open_month, support_first::order(h.role), h.start_month));
    Ok(out)
}

/// Rule `recruiting-capacity`: at most `max_starts_per_month` people start a month. Each hire
/// (a promotion recruits nobody) is placed by [`recruiting_capacity::schedule`]; its open and
/// start move with it, its reason says so, and the staff in post follow. Returns the people who
/// start after the month they are needed, as (needed, start) months.
fn recruiting(
    cx: &Context,
    hires: &mut [Hire],
    staff: &mut ByRole<Vec<u32>>,
    early_csm: &mut [u32],
    attrition_gap: &mut ByRole<Vec<u32>>,
) -> Vec<(u32, u32)> {
    let cap = cx.base.workforce.max_starts_per_month;
    if cap == 0 {
        return Vec::new();
    }
    let lead = cx.lead_months();
    let recruited: Vec<usize> = (0..hires.len())
        .filter(|&i| hires[i].kind != HireKind::Promotion)
        .collect();
    let wanted: Vec<recruiting_capacity::Wanted> = recruited
        .iter()
        .map(|&i| recruiting_capacity::Wanted {
            start: hires[i].start_month,
            role: hires[i].role,
            not_before: if hires[i].rule == RuleId::AttritionBackfill {
                hires[i].start_month
            } else if let Some(fit) = cx.fit.filter(|_| hires[i].role == Role::Csm) {
                // A fitted plan starts no CSM before the budget affords the team they join
                // (rule budget-fit).
                let team = staff.csm.get(hires[i].start_month as usize).copied();
                fit.earliest(team.unwrap_or(0), hires[i].start_month)
            } else {
                0
            },
        })
        .collect();
    let placed = recruiting_capacity::schedule(&wanted, cap, 1 + lead);
    let mut late = Vec::new();
    for (&i, &start) in recruited.iter().zip(&placed) {
        let h = &mut hires[i];
        let needed = h.start_month;
        if start == needed {
            continue;
        }
        let in_post = staff.get_mut(h.role);
        let len = in_post.len();
        let label = cx.label(start);
        if start < needed {
            let early = (start as usize).min(len)..(needed as usize).min(len);
            for slot in &mut in_post[early.clone()] {
                *slot += 1;
            }
            if h.role == Role::Csm {
                for slot in &mut early_csm[early] {
                    *slot += 1;
                }
            }
            h.reason.push_str(&recruiting_capacity::early_note(
                needed - start,
                &h.start,
                &label,
                cap,
            ));
        } else {
            let later = (needed as usize).min(len)..(start as usize).min(len);
            for slot in &mut in_post[later.clone()] {
                *slot = slot.saturating_sub(1);
            }
            // A backfill that starts later leaves its team short longer.
            if h.rule == RuleId::AttritionBackfill {
                for slot in &mut attrition_gap.get_mut(h.role)[later] {
                    *slot += 1;
                }
            }
            h.reason.push_str(&recruiting_capacity::late_note(
                start - needed,
                &h.start,
                &label,
                cap,
            ));
            late.push((needed, start));
        }
        h.start_month = start;
        h.start = label;
        h.open_month = start - lead;
        h.open = cx.label(h.open_month);
    }
    hires.sort_by_key(|h| (h.open_month, support_first::order(h.role), h.start_month));
    late
}

/// People in post per month 0..=months in the teams a lead can be promoted from.
struct InPost<'a> {
    csm: Vec<u32>,
    onboarding: Vec<u32>,
    /// What the rules call for, to tell a book that needs a backfill from a surplus.
    required_csm: &'a [u32],
    required_onboarding: &'a [u32],
}

/// The leadership rule `head-of-cs` placed: the lead headcount per month, the promoted leads
/// among them, the role whose book a promotion backfills and its backfill's requisition, and
/// the hired head's requisition.
struct Leadership {
    staff: Vec<u32>,
    required: Vec<u32>,
    directors: Vec<u32>,
    /// The role a lead is promoted from.
    promoted_from: Option<Role>,
    /// The role whose book a backfill requisition replaces.
    backfilled: Option<Role>,
    backfill: Option<Opening>,
    head: Option<Opening>,
    /// A promotion out of a team above its need: that team has one fewer from this month.
    surplus_from: Option<(Role, usize)>,
    /// ARR called for a hired head that was not hired: the month and why.
    withheld: Option<(u32, head_of_cs::Withheld)>,
}

/// What a re-forecast keeps of the approved plan's leadership at the resume month, and whether
/// the rule may still plan a promotion after it.
struct LeadsInPost {
    promotion: Option<Promotion>,
    head: Option<(u32, u32)>,
    may_promote: bool,
}

/// The leads in post at the resume month are read as the promoted lead first (when the approved
/// plan promoted one by then), then the hired head. What the approved plan acted on stands: a
/// promotion in effect with its lead in post, or whose backfill's requisition is open; a head's
/// open requisition, unless its start has passed without the head in post. A promotion or head
/// missing at the resume month is planned again by the rule, from the month after; no promotion
/// is planned while a lead other than the hired head is in post.
fn leads_in_post(resume: Option<&Resume>) -> LeadsInPost {
    let Some(r) = resume else {
        return LeadsInPost {
            promotion: None,
            head: None,
            may_promote: true,
        };
    };
    let (k, in_post) = (r.month, r.team.lead);
    let promoted_in_post = r.promotion.is_some_and(|p| p.effective <= k) && in_post >= 1;
    let head_in_post = in_post > u32::from(promoted_in_post);
    let promotion = r.promotion.filter(|p| p.effective > k || promoted_in_post);
    let head = r
        .opened
        .lead
        .first()
        .copied()
        .filter(|&(_, start)| start > k || head_in_post);
    let head_started = head.is_some_and(|(_, start)| start <= k);
    LeadsInPost {
        promotion,
        head,
        may_promote: promotion.is_none() && in_post <= u32::from(head_started),
    }
}

/// Rule `head-of-cs`: at about five people one of them is promoted to lead (their book
/// backfilled); by $5M ARR a head of CS is hired, ahead of the month ARR gets there. A lead
/// on staff at the start is taken as the head of CS.
fn leadership(
    cx: &Context,
    org_size: &dyn Fn(usize) -> u32,
    in_post: &InPost<'_>,
    support_in_post: &[u32],
    hires: &mut Vec<Hire>,
) -> Leadership {
    let state = cx.state;
    let team = &cx.base.team;
    let len = state.months as usize + 1;
    let lead = cx.lead_months();
    let horizon = cx.horizon;
    let mut out = Leadership {
        staff: vec![team.lead; len],
        required: vec![team.lead; len],
        directors: vec![0; len],
        promoted_from: None,
        backfilled: None,
        backfill: None,
        head: None,
        surplus_from: None,
        withheld: None,
    };
    if team.lead > 0 {
        return out;
    }
    // A re-forecast opens requisitions from the month after the resume month.
    let k = cx.resume.map_or(0, |r| r.month);
    let kept = leads_in_post(cx.resume);
    let threshold = from_usd(head_of_cs::HIRED_HEAD_ARR_USD, cx.base.company.usd_rate);
    // In a plan fitted to its budget (rule budget-fit), the hired head follows the fitted team:
    // not before the CS org reaches the size at which a lead is promoted, so the money goes to
    // the people a head would lead first.
    // Rule `head-of-cs` v3: a hired head leads a team and has a future: not for a team of
    // fewer than three at their start, nor while ARR is set to fall (the first such month is
    // kept, to say why when no head is hired at all).
    let start_of = |t: usize| ((t as u32).saturating_sub(lead).max(k + 1) + lead) as usize;
    let team_at = |t: usize| {
        let t = t.min(len - 1);
        in_post.csm[t] + in_post.onboarding[t] + support_in_post[t]
    };
    let mut withheld = None;
    let head_due = (0..len).find(|&t| {
        if !(head_of_cs::hired_head_due(state.arr[t], threshold)
            && (cx.fit.is_none() || head_of_cs::promotion_due(org_size(t))))
        {
            return false;
        }
        let start = start_of(t);
        match head_of_cs::head_withheld(team_at(start), &state.arr, start.min(len - 1)) {
            None => true,
            Some(why) => {
                withheld.get_or_insert((t, why));
                false
            }
        }
    });
    // Always ahead: the head starts by the month ARR reaches $5M, or as early as recruiting
    // allows when it already has.
    let head = match kept.head {
        Some((open, start)) => Some((
            head_due.unwrap_or(start as usize).min(start as usize),
            Opening {
                open,
                start,
                target: start,
                ordinal: 1,
            },
        )),
        None => head_due.and_then(|due| {
            let open = (due as u32).saturating_sub(lead).max(k + 1);
            (open <= horizon).then_some((
                due,
                Opening {
                    open,
                    start: open + lead,
                    target: open + lead,
                    ordinal: 1,
                },
            ))
        }),
    };
    // The promotion takes effect once the org in post reaches about five people and someone
    // has been in post for the tenure a promotion asks (first-cs-org: "the CSM or PS lead": a
    // CSM first, else the onboarding lead); the backfill is opened ahead so it starts that
    // month.
    let tenure = head_of_cs::PROMOTION_TENURE_MONTHS as usize;
    let promoted_from = |t: usize| -> Option<Role> {
        let since = t.saturating_sub(tenure);
        let served = |staff: &[u32]| staff[since] > 0 && (t >= tenure || staff[0] > 0);
        if served(&in_post.csm) {
            Some(Role::Csm)
        } else if served(&in_post.onboarding) {
            Some(Role::Onboarding)
        } else {
            None
        }
    };
    let earliest = (k + 1 + lead) as usize;
    let promotion_due = (0..len).find(|&t| head_of_cs::promotion_due(org_size(t)));
    let promotion = match kept.promotion {
        Some(p) => Some((
            promotion_due.map_or(p.effective as usize, |due| due.min(p.effective as usize)),
            p.backfill_open,
            p.effective,
            p.from,
        )),
        None if !kept.may_promote => None,
        None => promotion_due.and_then(|due| {
            let e = (due.max(earliest)..len).find(|&t| {
                let people = in_post.csm[t] + in_post.onboarding[t] + support_in_post[t];
                head_of_cs::promotion_due(people) && promoted_from(t).is_some()
            })?;
            let effective = e as u32;
            let open = effective - lead;
            let head_soon =
                head.is_some_and(|(_, h)| h.start <= effective + head_of_cs::PROMOTION_SKIP_MONTHS);
            (open <= horizon && !head_soon).then_some((due, open, effective, promoted_from(e)?))
        }),
    };
    if let Some((due, open, effective, from)) = promotion {
        let e = effective as usize;
        let extra = promoted_cost(cx.base, from) - cx.base.salaries.of(from);
        let (staff_from, needed) = if from == Role::Csm {
            (in_post.csm[e], in_post.required_csm[e])
        } else {
            (in_post.onboarding[e], in_post.required_onboarding[e])
        };
        // A team above its need gives up the promoted person without a backfill.
        let surplus = staff_from > needed.max(1);
        let what = if from == Role::Csm {
            "CSM"
        } else {
            "onboarding lead"
        };
        let mut promoted = cx.hire(
            Role::Lead,
            &Opening {
                open: effective,
                start: effective,
                target: effective,
                ordinal: 1,
            },
            RuleId::HeadOfCs,
            RuleId::HeadOfCs,
            head_of_cs::promotion_reason(
                in_post.csm[e] + in_post.onboarding[e] + support_in_post[e],
                &if effective == 0 {
                    "at the start".to_string()
                } else {
                    cx.when(effective)
                },
                what,
                extra,
                !surplus,
                &cx.base.company.currency,
            ),
        );
        promoted.kind = HireKind::Promotion;
        hires.push(promoted);
        let backfill_opening = Opening {
            open,
            start: effective,
            target: effective,
            ordinal: 0,
        };
        out.promoted_from = Some(from);
        if surplus {
            out.surplus_from = Some((from, e));
        }
        let mut backfill = cx.hire(
            from,
            &backfill_opening,
            RuleId::HeadOfCs,
            if from == Role::Csm {
                state.binding_rule(None, e)
            } else if from == Role::Onboarding {
                RuleId::OnboardingDemand
            } else {
                RuleId::SupportDemand
            },
            format!(
                "backfills the book of the {what} promoted to lead in {} (head-of-cs)",
                cx.label(effective)
            ),
        );
        backfill.kind = HireKind::Backfill;
        if from == Role::Csm {
            let usd_rate = cx.base.company.usd_rate;
            let (_, seats) = segment_team::segment_team(&state.tier_needs(e, cx.stance, usd_rate));
            let owner = segment_team::pool_owner(&seats);
            backfill.tier = owner;
            backfill.segment =
                Some(owner.map_or_else(|| "shared".to_string(), |k| state.segment_names(k)));
        }
        if !surplus {
            hires.push(backfill);
            out.backfilled = Some(from);
            out.backfill = Some(backfill_opening);
        }
        for t in e..len {
            out.staff[t] += 1;
            out.directors[t] += 1;
        }
        for t in e..len {
            out.required[t] = out.required[t].max(1);
        }
        let _ = due;
    }
    if head.is_none() {
        out.withheld = withheld.map(|(t, why)| (t as u32, why));
    }
    if let Some((due, o)) = head {
        let reason = head_of_cs::hire_reason(
            state.arr[if due == 0 { 0 } else { due }],
            threshold,
            &cx.when(o.start),
            due == 0,
            &cx.base.company.currency,
        );
        hires.push(cx.hire(Role::Lead, &o, RuleId::HeadOfCs, RuleId::HeadOfCs, reason));
        out.head = Some(o);
        for t in (o.start as usize)..len {
            out.staff[t] += 1;
        }
        for t in due..len {
            out.required[t] += 1;
        }
    }
    out
}

/// The CSM headcount planned per month (held to the budget when fitted), the headcount the
/// rules call for, the first-CSM gate, and the requisitions.
type CsmPlan = (
    Vec<u32>,
    Vec<u32>,
    Option<(u32, RuleId)>,
    Vec<Opening>,
    Vec<bool>,
);

/// Rule `ramp` with hiring ahead: each CSM starts early enough that their share of a book
/// covers the part of the need they are hired for ([`ramp::ramped_start`]), no earlier than a
/// requisition opened in month 1 allows; requisitions that would open after the horizon are
/// left to the next plan, as without ramp.
fn ramped_openings(cx: &Context, required: &[u32], starting: u32) -> Vec<Opening> {
    let lead = cx.lead_months();
    let ramp_months = cx.base.workforce.ramp_months;
    let pooled: Vec<f64> = cx
        .state
        .csm_need
        .iter()
        .map(|&need| need / cx.state.max_load)
        .collect();
    let most = required.iter().copied().max().unwrap_or(0);
    let mut out: Vec<Opening> = ((starting + 1)..=most)
        .filter_map(|n| {
            let (start, target) = ramp::ramped_start(required, &pooled, n, ramp_months)?;
            let target = target.max(1 + lead);
            let start = (start.max(i64::from(1 + lead)) as u32).min(target);
            let open = start - lead;
            (open <= cx.horizon).then_some(Opening {
                open,
                start,
                target,
                ordinal: n,
            })
        })
        .collect();
    out.sort_by_key(|o| (o.open, o.ordinal));
    out
}

/// The CSM team: the first-CSM gate of the stance, then the need at max_load split by
/// `segment-team`, hired ahead or in arrears.
fn csm(cx: &Context, hires: &mut Vec<Hire>) -> Result<CsmPlan, PlanError> {
    let state = cx.state;
    let company = &cx.base.company;
    let thresholds = Thresholds::new(cx.base.salaries.of(Role::Csm), company.usd_rate);
    let currency = company.currency.as_str();
    let starting = cx.base.team.csm;
    let len = state.months as usize + 1;

    let gate = (0..len).find_map(|t| {
        gates::first_csm_gate(cx.stance, &state.gate_state(t), &thresholds, currency)
            .map(|(rule, _)| (t as u32, rule))
    });
    let gate_open = |t: usize| starting > 0 || gate.is_some_and(|(g, _)| t >= g as usize);
    let gate = gate.or_else(|| {
        // A floor from account health can open the first CSM without a gate of its own.
        let t = (0..len).find(|&t| {
            cx.coverage
                .is_some_and(|c| c.floor.get(t).is_some_and(|&f| f > 0))
        })?;
        Some((t as u32, RuleId::HealthPlaybook))
    });

    // With account health, escalation work on red accounts adds to their tier's need, and the
    // team never falls below the floor (the same base with those accounts green).
    let extra = |tier: Tier, t: usize| -> f64 {
        cx.coverage.map_or(0.0, |c| {
            c.extra
                .iter()
                .filter(|(k, _)| *k == tier)
                .map(|(_, fte)| fte.get(t).copied().unwrap_or(0.0))
                .sum()
        })
    };
    let floor = |t: usize| {
        cx.coverage
            .and_then(|c| c.floor.get(t).copied())
            .unwrap_or(0)
    };
    let escalation: Vec<f64> = (0..len)
        .map(|t| Tier::ALL.iter().map(|&k| extra(k, t)).sum())
        .collect();
    let teams: Vec<(u32, Vec<TierSeat>)> = (0..len)
        .map(|t| {
            let mut needs = state.tier_needs(t, cx.stance, company.usd_rate);
            for (tier, need, _) in &mut needs {
                *need += extra(*tier, t) / state.max_load;
            }
            segment_team::within_cap(
                &mut needs,
                cx.base.salaries.of(Role::Csm),
                company.csm_spend_cap * state.arr[t],
            )
        })
        .collect();
    let mut required: Vec<u32> = (0..len)
        .map(|t| {
            if gate_open(t) {
                teams[t].0.max(floor(t))
            } else {
                floor(t)
            }
        })
        .collect();
    // Rule `max-load` v3: no CSM for a need that falls back within six months of their start;
    // those months are carried as overload (above the starting team, which is never cut).
    // The refusal of a team past the limit names the need itself, before any is carried.
    guard::check_people(
        Role::Csm,
        &required,
        MAX_PEOPLE_PER_ROLE,
        cx.calendar,
        state,
        cx.base,
    )?;
    let overload: Vec<bool> = {
        let kept: Vec<u32> = crate::rules::max_load::lasting(&required)
            .into_iter()
            .enumerate()
            .map(|(t, k)| k.max(floor(t)))
            .collect();
        let out = required
            .iter()
            .zip(&kept)
            .map(|(&r, &k)| r > k.max(starting))
            .collect();
        required = kept;
        out
    };
    // Rule `budget-fit`: the team the rules call for, held to what the cap and budget allow.
    let rules_required = required.clone();
    if let Some(fit) = cx.fit {
        for (r, &c) in required.iter_mut().zip(&fit.ceiling) {
            *r = (*r).min(c.max(starting));
        }
    }
    let mut openings = cx.openings(Role::Csm, &required)?;
    let ramp_months = cx.base.workforce.ramp_months;
    if ramp_months > 0 && hire_ahead::hires_ahead(cx.stance) {
        openings = ramped_openings(cx, &required, starting);
    }
    if let Some(fit) = cx.fit {
        openings = fit.hold(openings, cx.lead_months(), cx.horizon);
    }
    let before = planned_before(&openings);

    // Rule `segment-team`: which tier each CSM serves. The starting team covers the tiers
    // that fill a CSM at the start; each new CSM goes to the tier whose dedicated seats at the
    // target month are not yet filled, else to the pool — named after its tier when only one
    // tier has any need.
    let mut assigned: BTreeMap<Tier, u32> = BTreeMap::new();
    let mut unassigned = starting;
    for seat in &teams[0].1 {
        let take = seat.dedicated.min(unassigned);
        assigned.insert(seat.tier, take);
        unassigned -= take;
    }

    // Per tier and month, computed once: a large base can open thousands of requisitions.
    let mut names: BTreeMap<Tier, String> = BTreeMap::new();
    let mut binding: BTreeMap<(Option<Tier>, usize), RuleId> = BTreeMap::new();
    let mut binding_rule = |tier: Option<Tier>, t: usize| {
        *binding
            .entry((tier, t))
            .or_insert_with(|| state.binding_rule(tier, t))
    };
    let load = format!("{:.0}%", state.max_load * 100.0);

    for (i, o) in openings.iter().enumerate() {
        let t = o.target as usize;
        let seats = &teams[t].1;
        let first = starting == 0 && o.ordinal == 1;
        let first_gate = gate.filter(|&(_, rule)| first && rule != RuleId::HealthPlaybook);
        // The first CSM answers the gate, so it goes to a full seat or the pool; seats that a
        // rule gave a tier early are filled by the hires that rule opens.
        let mut pick: Option<&TierSeat> = None;
        let mut best = 0;
        let mut best_return = (false, f64::NEG_INFINITY);
        let gate_rule = first_gate.map(|(_, rule)| rule);
        for seat in seats
            .iter()
            .filter(|s| !(first && s.early.is_some() && s.early != gate_rule))
        {
            let deficit = seat
                .dedicated
                .saturating_sub(*assigned.get(&seat.tier).unwrap_or(&0));
            if deficit == 0 {
                continue;
            }
            if let Some(fit) = cx.fit.filter(|fit| fit.short(t, rules_required[t])) {
                // Rule `budget-fit`: with fewer CSMs than seats, the early seats first, then
                // the books that hold the most churned ARR per unit of cost.
                let key = (seat.early.is_some(), fit.book_return(seat, t));
                if pick.is_none() || key > best_return {
                    best_return = key;
                    pick = Some(seat);
                }
            } else if deficit > best {
                best = deficit;
                pick = Some(seat);
            }
        }
        if let Some(seat) = pick {
            *assigned.entry(seat.tier).or_insert(0) += 1;
        }
        let early = pick.and_then(|s| s.early).filter(|_| first_gate.is_none());
        let large = pick.is_some_and(|s| s.early == Some(RuleId::TwoBigCustomers));
        let tier = pick
            .map(|s| s.tier)
            .or_else(|| segment_team::pool_owner(seats));
        let sized_by = binding_rule(tier, t);
        let need = if escalation[t] > 0.0 {
            format!(
                "need {} FTE plus {} FTE of escalation on red accounts before renewal (health-playbook)",
                fte(state.csm_need[t]),
                fte(escalation[t])
            )
        } else {
            format!("need {} FTE", fte(state.csm_need[t]))
        };
        let floored = floor(t) > teams[t].0 && floor(t) >= o.ordinal;
        let (rule, reason) = if let Some((g, rule)) = first_gate {
            // Name the gate that opened first; say why with the state of the target month
            // when it still holds there.
            let why = gates::gate_reason(rule, &state.gate_state(t), &thresholds, currency)
                .or_else(|| {
                    gates::gate_reason(rule, &state.gate_state(g as usize), &thresholds, currency)
                })
                .unwrap_or_default();
            (
                rule,
                format!(
                    "first dedicated CSM {}: {why}; {need}, sized by {sized_by}",
                    cx.when(o.target)
                ),
            )
        } else if let Some(early) = early {
            let why = gates::gate_reason(early, &state.gate_state(t), &thresholds, currency)
                .unwrap_or_default();
            (
                early,
                format!(
                    "{why} {}: a dedicated CSM before the pooled need calls for one",
                    cx.when(o.target)
                ),
            )
        } else if floored {
            (
                RuleId::HealthPlaybook,
                format!(
                    "account health never lowers coverage: the same base with its red accounts green plans {} CSMs {} \
                     (health-playbook), {} planned before",
                    floor(t),
                    cx.when(o.target),
                    before[i]
                ),
            )
        } else {
            let rule = if hire_ahead::hires_ahead(cx.stance) {
                RuleId::HireAhead
            } else {
                sized_by
            };
            let sized = if rule == sized_by {
                format!("({sized_by})")
            } else {
                format!("(sized by {sized_by})")
            };
            let early_seats = seats.iter().filter(|s| s.early.is_some()).count();
            let early_note = match early_seats {
                0 => String::new(),
                1 => " (1 of them dedicated early, ahead stance)".to_string(),
                n => format!(" ({n} of them dedicated early, ahead stance)"),
            };
            (
                rule,
                cx.say(|| {
                    format!(
                        "{need} {} {sized}; at up to {load} of the book (max-load) that is {} CSMs{early_note}, {} \
                         planned before",
                        cx.when(o.target),
                        rules_required[t],
                        before[i]
                    )
                }),
            )
        };
        let mut reason = reason;
        if o.start < o.target {
            reason.push_str(&ramp::ramp_note(o.target - o.start, ramp_months));
        }
        let mut rule = rule;
        if let Some((later, limit)) = cx.fit.and_then(|fit| fit.deferral(o)) {
            rule = RuleId::BudgetFit;
            reason.push_str(&budget_fit::deferred_note(later, &cx.label(o.start), limit));
        }
        let mut hire = cx.hire(Role::Csm, o, rule, sized_by, reason);
        hire.segment = Some(match (large, tier) {
            (true, _) => {
                format!(
                    "large accounts ({})",
                    state.big_segment_names(company.usd_rate)
                )
            }
            (_, Some(k)) => names
                .entry(k)
                .or_insert_with(|| state.segment_names(k))
                .clone(),
            (_, None) => "shared".to_string(),
        });
        hire.tier = tier;
        hires.push(hire);
    }
    Ok((required, rules_required, gate, openings, overload))
}
