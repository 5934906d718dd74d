//! Who is hired, when, and by which rule: the CSM team (gates, capacity, `segment-team`,
//! `hire-ahead`), then support, onboarding and the head of CS (seed 002's order).

use std::collections::BTreeMap;

use super::resume::Resume;
use super::state::BaseState;
use super::{PlanError, guard};
use crate::format::{fte, money};
use crate::model::{Base, Role, Stance, Tier};
use crate::month::Calendar;
use crate::plan::{ByRole, Hire};
use crate::rules::capacity::{self, TierSeat};
use crate::rules::gates::{self, Thresholds};
use crate::rules::org::{self, LeadTrigger};
use crate::rules::timing::{self, Opening};
use crate::rules::{RuleId, from_usd};

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
    /// Requisitions opened within the horizon, by role.
    pub requisitions: ByRole<u32>,
    /// Every requisition, in opening order.
    pub hires: Vec<Hire>,
    /// First month (0 = the start) at which a first-CSM gate holds, and which.
    pub gate: Option<(u32, RuleId)>,
    /// Support work in FTE per month, with ticket inputs.
    pub support_need: Option<Vec<f64>>,
    /// Onboarding work in FTE per month, with onboarding-hour inputs.
    pub onboarding_need: Option<Vec<f64>>,
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
        let word = if timing::hires_ahead(self.stance) {
            "by"
        } else {
            "in"
        };
        format!("{word} {}", self.label(month))
    }

    fn money(&self, amount: f64) -> String {
        money(amount, &self.base.company.currency)
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
        let company = &self.base.company;
        let (starting, ahead) = (self.base.team.of(role), timing::hires_ahead(self.stance));
        let lead = company.hire_lead_months;
        Ok(match self.resume {
            None => timing::openings(required, starting, ahead, lead, self.horizon),
            Some(r) => r.openings(role, required, starting, ahead, lead, self.horizon),
        })
    }

    fn hire(&self, role: Role, o: &Opening, rule: RuleId, reason: String) -> Hire {
        Hire {
            role,
            open: self.label(o.open),
            start: self.label(o.start),
            open_month: o.open,
            start_month: o.start,
            segment: None,
            tier: None,
            rule,
            reason,
            sized_by: None,
            health: None,
        }
    }
}

/// Plans every role.
pub fn plan_staff(cx: &Context) -> Result<Staffing, PlanError> {
    let months = cx.state.months;
    let mut hires = Vec::new();

    let (required_csm, gate, csm_openings) = csm(cx, &mut hires)?;

    let (support_need, required_support) = support(cx, &required_csm);
    let support_openings = cx.openings(Role::Support, &required_support)?;
    for o in &support_openings {
        let (rule, reason) = support_reason(cx, o, support_need.as_ref(), &required_csm);
        hires.push(cx.hire(Role::Support, o, rule, reason));
    }

    let (onboarding_need, required_onboarding) = onboarding(cx, &required_csm);
    let onboarding_openings = cx.openings(Role::Onboarding, &required_onboarding)?;
    for o in &onboarding_openings {
        let (rule, reason) = onboarding_reason(cx, o, onboarding_need.as_ref(), &required_csm);
        hires.push(cx.hire(Role::Onboarding, o, rule, reason));
    }

    let team = &cx.base.team;
    let series_b_arr = from_usd(org::HEAD_OF_CS_ARR_USD, cx.base.company.usd_rate);
    let org_size = |t: usize| {
        required_csm[t].max(team.csm)
            + required_support[t].max(team.support)
            + required_onboarding[t].max(team.onboarding)
    };
    let required_lead: Vec<u32> = (0..=months as usize)
        .map(|t| u32::from(org::head_of_cs(org_size(t), cx.state.arr[t], series_b_arr).is_some()))
        .collect();
    let lead_openings = cx.openings(Role::Lead, &required_lead)?;
    for o in &lead_openings {
        let t = o.target as usize;
        let reason = cx.say(
            || match org::head_of_cs(org_size(t), cx.state.arr[t], series_b_arr) {
                Some(LeadTrigger::SeriesB) => format!(
                    "ARR reaches {} {} (Series B, about {}): a head of CS who reports to the CEO",
                    cx.money(cx.state.arr[t]),
                    cx.when(o.target),
                    cx.money(series_b_arr)
                ),
                _ => format!(
                    "the CS org reaches {} people {}: a director-level lead of all things success",
                    org_size(t),
                    cx.when(o.target)
                ),
            },
        );
        hires.push(cx.hire(Role::Lead, o, RuleId::HeadOfCs, reason));
    }

    // One list, in the order requisitions open; within a month, CSMs first.
    hires.sort_by_key(|h| (h.open_month, h.role, h.start_month));

    let all_openings = ByRole {
        csm: csm_openings,
        support: support_openings,
        onboarding: onboarding_openings,
        lead: lead_openings,
    };
    let staff = ByRole::from_fn(|role| {
        let openings = all_openings.get_ref(role);
        match cx.resume {
            None => timing::staff_by_month(openings, team.of(role), months),
            Some(r) => r.staff(role, openings, team.of(role), months),
        }
    });
    Ok(Staffing {
        required: ByRole {
            csm: required_csm,
            support: required_support,
            onboarding: required_onboarding,
            lead: required_lead,
        },
        staff,
        requisitions: ByRole::from_fn(|role| {
            let openings = all_openings.get_ref(role);
            cx.resume
                .map_or(openings.len() as u32, |r| r.requisitions(openings))
        }),
        hires,
        gate,
        support_need: support_need.map(|d| d.fte),
        onboarding_need: onboarding_need.map(|d| d.fte),
    })
}

type CsmPlan = (Vec<u32>, Option<(u32, RuleId)>, Vec<Opening>);

/// The CSM team: the first-CSM gate of the stance, then `ceil` of the need split by
/// `segment-team`, hired ahead or in arrears.
fn csm(cx: &Context, hires: &mut Vec<Hire>) -> Result<CsmPlan, PlanError> {
    let state = cx.state;
    let company = &cx.base.company;
    let thresholds = Thresholds::new(cx.base.salaries.csm, company.usd_rate);
    let currency = company.currency.as_str();
    let starting = cx.base.team.csm;
    let len = state.months as usize + 1;

    let gate = (0..len).find_map(|t| {
        gates::first_csm_gate(cx.stance, &state.gate_state(t), &thresholds, currency)
            .map(|(rule, _)| (t as u32, rule))
    });
    let gate_open = |t: usize| starting > 0 || gate.is_some_and(|(g, _)| t >= g as usize);

    let teams: Vec<(u32, Vec<TierSeat>)> = (0..len)
        .map(|t| capacity::segment_team(&state.tier_needs(t, cx.stance, company.usd_rate)))
        .collect();
    let required: Vec<u32> = (0..len)
        .map(|t| if gate_open(t) { teams[t].0 } else { 0 })
        .collect();
    let openings = cx.openings(Role::Csm, &required)?;

    // Rule `segment-team`: which tier each CSM serves. The starting team covers the tiers
    // that fill a CSM at the start; each new CSM goes to the tier whose dedicated seats at the
    // target month are not yet filled, else to the shared pool.
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

    for o in &openings {
        let t = o.target as usize;
        let seats = &teams[t].1;
        let first = starting == 0 && o.ordinal == 1;
        let first_gate = gate.filter(|_| first);
        // The first CSM answers the gate, so it goes to a full seat or the pool; seats that a
        // rule gave a tier early are filled by the hires that rule opens.
        let mut pick: Option<&TierSeat> = None;
        let mut best = 0;
        for seat in seats.iter().filter(|s| !(first && s.early.is_some())) {
            let deficit = seat
                .dedicated
                .saturating_sub(*assigned.get(&seat.tier).unwrap_or(&0));
            if deficit > best {
                best = deficit;
                pick = Some(seat);
            }
        }
        if let Some(seat) = pick {
            *assigned.entry(seat.tier).or_insert(0) += 1;
        }
        let tier = pick.map(|s| s.tier);
        let need = || format!("need {} FTE", fte(state.csm_need[t]));
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
                    "first dedicated CSM {}: {why}; {}",
                    cx.when(o.target),
                    need()
                ),
            )
        } else if let Some(early) = pick.and_then(|s| s.early) {
            let tier = pick.map_or(Tier::Enterprise, |s| s.tier);
            let reason = cx.say(|| {
                let why = match early {
                    RuleId::TwoBigCustomers => format!(
                        "two or more customers at {}+ ARPA",
                        cx.money(thresholds.big_customer_arpa)
                    ),
                    _ => format!(
                        "a mid-market segment at {}+ ARR pays for its CSM",
                        cx.money(thresholds.self_funding_arr)
                    ),
                };
                format!(
                    "{why} {}: a dedicated {tier} CSM before the pooled need calls for one",
                    cx.when(o.target)
                )
            });
            (early, reason)
        } else {
            let rule = if timing::hires_ahead(cx.stance) {
                RuleId::HireAhead
            } else {
                binding_rule(tier, t)
            };
            (
                rule,
                cx.say(|| format!("{} {}, staff {}", need(), cx.when(o.target), o.ordinal - 1)),
            )
        };
        let mut hire = cx.hire(Role::Csm, o, rule, reason);
        hire.segment = Some(tier.map_or_else(
            || "shared".to_string(),
            |k| {
                names
                    .entry(k)
                    .or_insert_with(|| state.segment_names(k))
                    .clone()
            },
        ));
        hire.tier = tier;
        hire.sized_by = Some(binding_rule(tier, t));
        hires.push(hire);
    }
    Ok((required, gate, openings))
}

/// Demand-driven work per month: its volume (tickets, or onboarding hours) and the FTE it needs.
struct Demand {
    volume: Vec<f64>,
    fte: Vec<f64>,
}

/// Support: rule `support-demand` with ticket inputs, else `support-first`.
fn support(cx: &Context, required_csm: &[u32]) -> (Option<Demand>, Vec<u32>) {
    let state = cx.state;
    let has_inputs = cx
        .base
        .segments
        .iter()
        .any(|s| s.tickets_per_account_month.is_some());
    if !has_inputs {
        let required = required_csm
            .iter()
            .map(|&c| org::support_first(Role::Support, c))
            .collect();
        return (None, required);
    }
    let per_agent = cx.base.support.tickets_per_agent_month;
    let volume: Vec<f64> = (0..=state.months as usize)
        .map(|t| tickets(cx, t))
        .collect();
    let fte: Vec<f64> = volume
        .iter()
        .map(|&v| org::support_demand(v, per_agent))
        .collect();
    let required = fte.iter().map(|&f| org::demand_headcount(f)).collect();
    (Some(Demand { volume, fte }), required)
}

/// Support tickets a month at month `t`.
fn tickets(cx: &Context, t: usize) -> f64 {
    cx.state
        .segments
        .iter()
        .filter_map(|s| {
            s.segment
                .tickets_per_account_month
                .map(|k| k * s.projection.customers[t])
        })
        .sum()
}

/// Onboarding: rule `onboarding-demand` with onboarding-hour inputs, else `support-first`.
fn onboarding(cx: &Context, required_csm: &[u32]) -> (Option<Demand>, Vec<u32>) {
    let state = cx.state;
    let has_inputs = cx
        .base
        .segments
        .iter()
        .any(|s| s.onboarding_hours.is_some());
    if !has_inputs {
        let required = required_csm
            .iter()
            .map(|&c| org::support_first(Role::Onboarding, c))
            .collect();
        return (None, required);
    }
    let billable = cx.base.onboarding.billable_hours_per_month;
    let volume: Vec<f64> = (0..=state.months as usize)
        .map(|t| onboarding_hours(cx, t))
        .collect();
    let fte: Vec<f64> = volume
        .iter()
        .map(|&v| org::onboarding_demand(v, billable))
        .collect();
    let required = fte.iter().map(|&f| org::demand_headcount(f)).collect();
    (Some(Demand { volume, fte }), required)
}

/// Onboarding hours of the logos joining in month `t`.
fn onboarding_hours(cx: &Context, t: usize) -> f64 {
    cx.state
        .segments
        .iter()
        .filter_map(|s| {
            s.segment
                .onboarding_hours
                .map(|h| h * s.projection.new_logos[t])
        })
        .sum()
}

fn support_reason(
    cx: &Context,
    o: &Opening,
    need: Option<&Demand>,
    csm_team: &[u32],
) -> (RuleId, String) {
    let lead = if o.ordinal == 1 {
        "; the first support hire leads the team"
    } else {
        ""
    };
    match need {
        Some(need) => {
            let t = o.target as usize;
            (
                RuleId::SupportDemand,
                cx.say(|| {
                    format!(
                        "{:.0} tickets a month {} = {} FTE at {} per agent, staff {}{lead}",
                        need.volume[t],
                        cx.when(o.target),
                        fte(need.fte[t]),
                        cx.base.support.tickets_per_agent_month,
                        o.ordinal - 1
                    )
                }),
            )
        }
        None => (
            RuleId::SupportFirst,
            cx.say(|| sequence_reason(cx, Role::Support, o, csm_team, lead)),
        ),
    }
}

fn onboarding_reason(
    cx: &Context,
    o: &Opening,
    need: Option<&Demand>,
    csm_team: &[u32],
) -> (RuleId, String) {
    match need {
        Some(need) => {
            let t = o.target as usize;
            (
                RuleId::OnboardingDemand,
                cx.say(|| {
                    format!(
                        "{:.0} onboarding hours a month {} = {} FTE at {} billable hours, staff {}",
                        need.volume[t],
                        cx.when(o.target),
                        fte(need.fte[t]),
                        cx.base.onboarding.billable_hours_per_month,
                        o.ordinal - 1
                    )
                }),
            )
        }
        None => (
            RuleId::SupportFirst,
            cx.say(|| sequence_reason(cx, Role::Onboarding, o, csm_team, "")),
        ),
    }
}

fn sequence_reason(cx: &Context, role: Role, o: &Opening, csm_team: &[u32], extra: &str) -> String {
    let step = org::sequence_step(role, o.ordinal).map_or(0, |s| s.at_csm_team);
    let (what, order) = match role {
        Role::Support => ("technical support", "first after the generalists"),
        _ => ("onboarding", "next after support"),
    };
    let team = csm_team[o.target as usize];
    let when = cx.when(o.target);
    let size = if team == step {
        format!("the CSM team reaches {step} {when}")
    } else {
        format!("{team} CSMs {when}, past the {step} at which the sequence takes this step")
    };
    format!("{size}: build {what}, {order} (seed 002 step 2){extra}")
}
