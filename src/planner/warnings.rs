//! Flags and caveats: each names its rule and the first period it concerns.

use super::staffing::Staffing;
use super::state::BaseState;
use crate::format::{fte, money, percent};
use crate::model::{Base, Role, Stance};
use crate::month::Calendar;
use crate::plan::{Row, Warning, WarningKind};
use crate::rules::org::{self, PS_BACKGROUND_HOURS};
use crate::rules::salary::GROSS_MARGIN_FLOOR;
use crate::rules::signals::{CHURN_ALARM_MONTHLY, churn_alarm};
use crate::rules::{RuleId, gates};

/// Runs of consecutive months 1..=n for which `flag(t)` holds, as (first, last).
fn runs(n: usize, flag: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for t in 1..=n {
        if flag(t) {
            match out.last_mut() {
                Some((_, last)) if *last + 1 == t => *last = t,
                _ => out.push((t, t)),
            }
        }
    }
    out
}

struct Writer<'a> {
    calendar: Calendar,
    currency: &'a str,
    out: Vec<Warning>,
}

impl Writer<'_> {
    fn span(&self, (first, last): (usize, usize)) -> String {
        if first == last {
            format!("in {}", self.calendar.month_label(first as u32))
        } else {
            format!(
                "from {} to {}",
                self.calendar.month_label(first as u32),
                self.calendar.month_label(last as u32)
            )
        }
    }

    fn push(&mut self, rule: RuleId, kind: WarningKind, month: Option<usize>, message: String) {
        self.out.push(Warning {
            rule,
            kind,
            period: month.map(|m| self.calendar.month_label(m as u32)),
            message,
        });
    }
}

/// Every warning of the plan, in a stable order.
pub fn warnings(
    base: &Base,
    state: &BaseState,
    staffing: &Staffing,
    rows: &[Row],
    stance: Stance,
    calendar: Calendar,
) -> Vec<Warning> {
    let company = &base.company;
    let horizon = rows.len();
    let mut w = Writer {
        calendar,
        currency: &company.currency,
        out: Vec::new(),
    };

    if !company.usd_rate_given {
        w.push(
            RuleId::RegionalSalary,
            WarningKind::Assumption,
            None,
            format!(
                "currency {} has no usd_rate: the seeds' dollar thresholds ($1M first CSM, $2M per CSM, \
                 $50k big customer, $300k segment, $5M head of CS, the ARPA tiers) are applied 1:1 in {}; \
                 set [company] usd_rate to convert them",
                company.currency, company.currency
            ),
        );
    }

    // A lean plan whose gate never opens plans no CSM, however large the need.
    let end_need = state.csm_need[horizon];
    if staffing.gate.is_none() && base.team.csm == 0 && end_need >= 1.0 {
        w.push(
            gates::gate_rules(stance)[0],
            WarningKind::Understaffed,
            Some(horizon),
            format!(
                "no first-CSM rule of the {stance} stance holds within the horizon, so no CSM is planned, \
                 though the need reaches {} FTE: ARR lost to churn stays below one CSM's cost ({})",
                fte(end_need),
                money(base.salaries.csm, w.currency)
            ),
        );
    }

    let lead = company.hire_lead_months;
    for role in Role::ALL {
        let staff = staffing.staff.get_ref(role);
        let required = staffing.required.get_ref(role);
        for run in runs(horizon, |t| staff[t] < required[t]) {
            let short = (run.0..=run.1)
                .map(|t| required[t] - staff[t])
                .max()
                .unwrap_or(0);
            let why = if lead == 0 {
                String::new()
            } else {
                format!(
                    ": requisitions take {lead} month{} to fill",
                    if lead == 1 { "" } else { "s" }
                )
            };
            let message = format!(
                "{role} staff short of the rules by up to {short} {}{why}",
                w.span(run)
            );
            w.push(
                RuleId::HireAhead,
                WarningKind::Understaffed,
                Some(run.0),
                message,
            );
        }
    }

    let csm_staff = &staffing.staff.csm;
    let csm_required = &staffing.required.csm;
    for run in runs(horizon, |t| csm_staff[t] > csm_required[t]) {
        let extra = (run.0..=run.1)
            .map(|t| csm_staff[t] - csm_required[t])
            .max()
            .unwrap_or(0);
        let message = format!(
            "CSM staff above the need by up to {extra} {}: kept, not cut (a surplus is reported, never fired)",
            w.span(run)
        );
        w.push(
            state.binding_rule(None, run.0),
            WarningKind::Surplus,
            Some(run.0),
            message,
        );
    }

    for run in runs(horizon, |t| rows[t - 1].over_cap) {
        let months = &rows[run.0 - 1..run.1];
        let peak = if months.iter().any(|r| r.csm_spend_ratio.is_none()) {
            "with CSMs on staff and no ARR".to_string()
        } else {
            let peak = months
                .iter()
                .filter_map(|r| r.csm_spend_ratio)
                .fold(0.0, f64::max);
            format!("peak {} of ARR", percent(peak))
        };
        let message = format!(
            "CSM spend above the {} cap {} ({peak}): first-cs-org says look again at product fit \
             for the segments served; no hire is dropped",
            percent(company.csm_spend_cap),
            w.span(run),
        );
        w.push(RuleId::SpendCap, WarningKind::OverCap, Some(run.0), message);
    }

    for s in &state.segments {
        let m = s.segment.monthly_churn;
        if churn_alarm(m) {
            let message = format!(
                "segment \"{}\" loses {} of its logos a month, above 2m-per-csm's {}: watch the trend, \
                 a falling churn matters more than its level",
                s.segment.name,
                percent(m),
                percent(CHURN_ALARM_MONTHLY)
            );
            w.push(
                RuleId::ChurnAlarm,
                WarningKind::ChurnAlarm,
                Some(1),
                message,
            );
        }
    }

    for s in &base.segments {
        if let Some(hours) = s.onboarding_hours.filter(|&h| h > PS_BACKGROUND_HOURS) {
            let message = format!(
                "segment \"{}\" deployments take {hours} hours (over {PS_BACKGROUND_HOURS}): hire onboarding \
                 staff with a professional-services or strong project-management background",
                s.name
            );
            w.push(
                RuleId::OnboardingDemand,
                WarningKind::Assumption,
                None,
                message,
            );
        }
    }

    let without_tickets: Vec<&str> = base
        .segments
        .iter()
        .filter(|s| s.tickets_per_account_month.is_none())
        .map(|s| s.name.as_str())
        .collect();
    if staffing.support_need.is_some() && !without_tickets.is_empty() {
        let message = format!(
            "support demand counts only segments with tickets_per_account_month; these have none: {}",
            without_tickets.join(", ")
        );
        w.push(
            RuleId::SupportDemand,
            WarningKind::Assumption,
            None,
            message,
        );
    }

    let last_step = org::SUPPORT_FIRST_SEQUENCE
        .iter()
        .map(|s| s.at_csm_team)
        .max()
        .unwrap_or(0);
    let sequence_roles: Vec<&str> = [
        (staffing.support_need.is_none(), "tickets_per_account_month"),
        (staffing.onboarding_need.is_none(), "onboarding_hours"),
    ]
    .iter()
    .filter(|(sequenced, _)| *sequenced)
    .map(|(_, key)| *key)
    .collect();
    if csm_required[horizon] > last_step && !sequence_roles.is_empty() {
        let message = format!(
            "past first-cs-org's starter teams, support and onboarding are demand-driven (first-cs-org step 6): \
             give {} on the segments to plan them beyond the first hires",
            sequence_roles.join(" and ")
        );
        w.push(RuleId::SupportFirst, WarningKind::Assumption, None, message);
    }

    for run in runs(horizon, |t| {
        rows[t - 1]
            .gross_margin
            .is_some_and(|g| g < GROSS_MARGIN_FLOOR)
    }) {
        let low = rows[run.0 - 1..run.1]
            .iter()
            .filter_map(|r| r.gross_margin)
            .fold(1.0, f64::min);
        let message = format!(
            "platform gross margin including support below first-cs-org's {} {} (low {})",
            percent(GROSS_MARGIN_FLOOR),
            w.span(run),
            percent(low)
        );
        w.push(
            RuleId::CostLines,
            WarningKind::LowMargin,
            Some(run.0),
            message,
        );
    }

    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_months() {
        let flags = [false, true, true, false, true, false, true, true, true];
        assert_eq!(runs(8, |t| flags[t]), vec![(1, 2), (4, 4), (6, 8)]);
        assert!(runs(3, |_| false).is_empty());
    }
}
