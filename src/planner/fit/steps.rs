//! The roles rule `budget-fit` gives up before CSM books, each only when the budget still
//! binds: the external head of CS (step 1) and onboarding above its demand (step 2).

use super::*;

/// Rule `budget-fit` step 1: the external head of CS of `staffing` is not hired within the
/// horizon; from the month they would have started, one CSM in post (when the CS org has
/// reached the size at which a lead is promoted) becomes the director-level lead instead, and
/// their book is backfilled in the start the head leaves free. Returns true when there was a
/// head to defer.
pub(super) fn defer_head(cx: &Context, staffing: &mut Staffing) -> bool {
    let horizon = cx.horizon as usize;
    let Some(at) = staffing.hires.iter().position(|h| {
        h.role == Role::Lead && h.kind == HireKind::Growth && h.start_month as usize <= horizon
    }) else {
        return false;
    };
    let head = staffing.hires.remove(at);
    let start = head.start_month as usize;
    let len = staffing.staff.lead.len();
    for t in start..len {
        staffing.staff.lead[t] = staffing.staff.lead[t].saturating_sub(1);
        staffing.required.lead[t] = staffing.required.lead[t].saturating_sub(1);
    }
    staffing.starts.lead[start] = staffing.starts.lead[start].saturating_sub(1);
    staffing.requisitions.lead = staffing.requisitions.lead.saturating_sub(1);
    // A promotion stands in, once the org is one a lead is promoted from and nobody leads it.
    let org = |s: &Staffing, t: usize| s.staff.csm[t] + s.staff.support[t] + s.staff.onboarding[t];
    let promoted = (start..=horizon).find(|&t| {
        staffing.staff.lead[t] == 0
            && staffing.staff.csm[t] > 0
            && head_of_cs::promotion_due(org(staffing, t))
    });
    if let Some(p) = promoted {
        let size = org(staffing, p);
        for t in p..len {
            staffing.staff.lead[t] += 1;
            staffing.directors[t] += 1;
        }
        // The promoted CSM's book is backfilled in the start the external head leaves free.
        staffing.promotions[p] += 1;
        staffing.starts.csm[p] += 1;
        staffing.promoted_from = Some(Role::Csm);
        let base = cx.base;
        let extra = base
            .salaries
            .of(Role::Manager)
            .max(base.salaries.of(Role::Csm))
            - base.salaries.of(Role::Csm);
        let label = cx.calendar.month_label(p as u32);
        staffing.hires.push(Hire {
            role: Role::Lead,
            open: label.clone(),
            start: label,
            open_month: p as u32,
            start_month: p as u32,
            segment: None,
            tier: None,
            kind: HireKind::Promotion,
            rule: RuleId::BudgetFit,
            reason: budget_fit::stand_in_reason(
                size,
                &head.start,
                &money_compact(extra.max(0.0), &base.company.currency),
            ),
            sized_by: None,
            health: None,
        });
        staffing.hires.push(Hire {
            role: Role::Csm,
            open: head.open.clone(),
            start: cx.calendar.month_label(p as u32),
            open_month: head.open_month,
            start_month: p as u32,
            segment: None,
            tier: None,
            kind: HireKind::Backfill,
            rule: RuleId::BudgetFit,
            reason: budget_fit::stand_in_backfill_reason(&cx.calendar.month_label(p as u32)),
            sized_by: None,
            health: None,
        });
        staffing.hires.sort_by_key(|h| h.open_month);
    }
    true
}

/// Rule `budget-fit` step 2: the onboarding team held to its demand rounded down
/// (`floor(FTE / 1.1)`, never below the team in post, and never more in a month than every
/// later month keeps), except in months whose services revenue (`onboarding_fee`) pays for the
/// team the rules plan. Each growth hire above that starts in the first month it is kept, or
/// not within the plan. A team with leavers is left as planned (their backfills are timed to
/// the team). Returns true when a hire moved.
pub(super) fn trim_onboarding(cx: &Context, staffing: &mut Staffing) -> bool {
    let Some(need) = staffing.onboarding_need.clone() else {
        return false;
    };
    if staffing.leavers.onboarding.iter().any(|&n| n > 0) {
        return false;
    }
    let base = cx.base;
    let starting = base.team.onboarding;
    let monthly = base.salaries.of(Role::Onboarding) / 12.0;
    let len = staffing.staff.onboarding.len();
    let mut allowed: Vec<u32> = (0..len)
        .map(|t| {
            let planned = staffing.staff.onboarding[t];
            let paid = cx
                .state
                .services_revenue
                .get(t)
                .is_some_and(|&r| r > 0.0 && r + 1e-9 >= f64::from(planned) * monthly);
            if paid {
                planned
            } else {
                let demand = need.get(t).copied().unwrap_or(0.0);
                let floor = (demand / onboarding_demand::MAX_UTILISATION + 1e-9).floor();
                (floor.clamp(0.0, f64::from(u32::MAX)) as u32).min(planned)
            }
            .max(starting)
        })
        .collect();
    let mut least = u32::MAX;
    for slot in allowed.iter_mut().rev() {
        least = least.min(*slot);
        *slot = least;
    }
    let lead = base.company.hire_lead_months;
    let mut order: Vec<usize> = (0..staffing.hires.len())
        .filter(|&i| {
            let h = &staffing.hires[i];
            h.role == Role::Onboarding && h.kind == HireKind::Growth
        })
        .collect();
    order.sort_by_key(|&i| staffing.hires[i].start_month);
    let mut moved = false;
    let mut dropped = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        let ordinal = starting + k as u32 + 1;
        let start = staffing.hires[i].start_month as usize;
        match (start..len).find(|&t| allowed[t] >= ordinal) {
            Some(t) if t == start => {}
            Some(t) if (t as u32).saturating_sub(lead).max(1) <= cx.horizon => {
                let h = &mut staffing.hires[i];
                let later = t as u32 - h.start_month;
                h.start_month = t as u32;
                h.open_month = (t as u32).saturating_sub(lead).max(1);
                h.start = cx.calendar.month_label(h.start_month);
                h.open = cx.calendar.month_label(h.open_month);
                h.rule = RuleId::BudgetFit;
                h.reason
                    .push_str(&budget_fit::onboarding_note(later, &h.start));
                moved = true;
            }
            _ => {
                dropped.push(i);
                moved = true;
            }
        }
    }
    if !moved {
        return false;
    }
    dropped.sort_unstable();
    for &i in dropped.iter().rev() {
        staffing.hires.remove(i);
    }
    staffing.hires.sort_by_key(|h| h.open_month);
    let mut starts = vec![0u32; len];
    for h in staffing
        .hires
        .iter()
        .filter(|h| h.role == Role::Onboarding && h.kind != HireKind::Promotion)
    {
        if let Some(slot) = starts.get_mut(h.start_month as usize) {
            *slot += 1;
        }
    }
    let mut in_post = starting;
    for ((staff, required), &started) in staffing
        .staff
        .onboarding
        .iter_mut()
        .zip(staffing.required.onboarding.iter_mut())
        .zip(&starts)
    {
        in_post += started;
        *staff = in_post;
        *required = (*required).min(in_post);
    }
    staffing.starts.onboarding = starts;
    staffing.requisitions.onboarding = staffing
        .hires
        .iter()
        .filter(|h| h.role == Role::Onboarding && h.open_month <= cx.horizon)
        .count() as u32;
    true
}
