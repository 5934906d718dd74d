//! Flags and caveats: each names its rule and the first period it concerns.

use std::borrow::Cow;

use super::staffing::Staffing;
use super::state::BaseState;
use crate::format::{fte, grouped, money, percent, push_float, push_percent};
use crate::model::{Base, Role, Stance, Tier};
use crate::month::Calendar;
use crate::plan::{Row, Warning, WarningKind};
use crate::rules::cost_lines::GROSS_MARGIN_FLOOR;
use crate::rules::onboarding_demand::PS_BACKGROUND_HOURS;
use crate::rules::{
    RuleId, attrition_backfill, churn_alarm, concentration, gates, ramp, recruiting_capacity, roi,
};

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
    /// The label of each month 0..=horizon, made once: the warnings name months thousands of
    /// times in a large base.
    labels: Vec<String>,
    out: Vec<Warning>,
}

impl Writer<'_> {
    /// The label of plan month `month`.
    fn label(&self, month: usize) -> Cow<'_, str> {
        match self.labels.get(month) {
            Some(label) => Cow::Borrowed(label),
            None => Cow::Owned(self.calendar.month_label(month as u32)),
        }
    }

    fn span(&self, run: (usize, usize)) -> String {
        let mut out = String::new();
        self.push_span(&mut out, run);
        out
    }

    /// `in 2027-03` or `from 2027-03 to 2027-08`, written at the end of `out`.
    fn push_span(&self, out: &mut String, (first, last): (usize, usize)) {
        if first == last {
            out.push_str("in ");
            out.push_str(&self.label(first));
        } else {
            out.push_str("from ");
            out.push_str(&self.label(first));
            out.push_str(" to ");
            out.push_str(&self.label(last));
        }
    }

    fn push(&mut self, rule: RuleId, kind: WarningKind, month: Option<usize>, message: String) {
        let period = month.map(|m| self.label(m).into_owned());
        self.out.push(Warning {
            rule,
            kind,
            period,
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
        labels: (0..=horizon)
            .map(|m| calendar.month_label(m as u32))
            .collect(),
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
                money(base.salaries.of(Role::Csm), w.currency)
            ),
        );
    }

    // Roles short over the same months share one warning.
    let lead = company.hire_lead_months;
    let mut short: Vec<((usize, usize), Vec<String>)> = Vec::new();
    for role in Role::ALL {
        // People out while a leaver's backfill is recruited have their own warning.
        let gap = staffing.attrition_gap.get_ref(role);
        let staff: Vec<u32> = staffing
            .staff
            .get_ref(role)
            .iter()
            .zip(gap)
            .map(|(&s, &g)| s + g)
            .collect();
        let required = staffing.required.get_ref(role);
        for run in runs(horizon, |t| staff[t] < required[t]) {
            let most = (run.0..=run.1)
                .map(|t| required[t] - staff[t])
                .max()
                .unwrap_or(0);
            let entry = format!("{role} by up to {most}");
            match short.iter_mut().find(|(r, _)| *r == run) {
                Some((_, roles)) => roles.push(entry),
                None => short.push((run, vec![entry])),
            }
        }
    }
    short.sort_by_key(|(run, _)| *run);
    for (run, roles) in short {
        let why = if lead == 0 {
            String::new()
        } else {
            format!(
                ": requisitions take {lead} month{} to fill",
                if lead == 1 { "" } else { "s" }
            )
        };
        let message = format!(
            "staff short of the rules {} ({}){why}",
            w.span(run),
            roles.join(", ")
        );
        w.push(
            RuleId::HireAhead,
            WarningKind::Understaffed,
            Some(run.0),
            message,
        );
    }

    // Rule `recruiting-capacity`: people who start after their need, with the months short.
    if !staffing.late.is_empty() {
        let short_in = |t: usize| {
            staffing
                .late
                .iter()
                .filter(|&&(needed, start)| (needed as usize) <= t && t < start as usize)
                .count() as u32
        };
        let spans = runs(horizon, |t| short_in(t) > 0);
        if let Some(&first) = spans.first() {
            let most = (1..=horizon).map(short_in).max().unwrap_or(0);
            let months: Vec<String> = spans.iter().map(|&run| w.span(run)).collect();
            w.push(
                RuleId::RecruitingCapacity,
                WarningKind::Understaffed,
                Some(first.0),
                recruiting_capacity::shortfall_message(
                    staffing.late.len() as u32,
                    &months.join(", "),
                    most,
                    base.workforce.max_starts_per_month,
                ),
            );
        }
    }

    // Rule `attrition-backfill`: the months teams are short while backfills are recruited.
    let gap_at = |t: usize| -> u32 {
        Role::ALL
            .iter()
            .map(|&r| staffing.attrition_gap.get_ref(r)[t])
            .sum()
    };
    let gap_runs = runs(horizon, |t| gap_at(t) > 0);
    let leavers: u32 = Role::ALL
        .iter()
        .map(|&r| staffing.leavers.get_ref(r)[1..=horizon].iter().sum::<u32>())
        .sum();
    // Leavers none of whom is backfilled (every team above its need) are said once, below.
    let frozen_people: u32 = Role::ALL
        .iter()
        .map(|&r| staffing.frozen.get_ref(r).0)
        .sum();
    if leavers > frozen_people {
        let most = (1..=horizon).map(gap_at).max().unwrap_or(0);
        let months: Vec<String> = gap_runs.iter().map(|&run| w.span(run)).collect();
        let spans = if months.is_empty() {
            "in no month".to_string()
        } else {
            months.join(", ")
        };
        w.push(
            RuleId::AttritionBackfill,
            WarningKind::Understaffed,
            gap_runs.first().map(|r| r.0),
            attrition_backfill::gap_message(
                leavers,
                base.workforce.attrition,
                &spans,
                most,
                company.hire_lead_months,
                crate::rules::hire_ahead::hires_ahead(stance),
            ),
        );
    }
    // Leavers not backfilled: the team kept to its need without them.
    let frozen: Vec<String> = [Role::Csm, Role::Support, Role::Onboarding]
        .iter()
        .filter_map(|&role| {
            let (people, above) = *staffing.frozen.get_ref(role);
            (people > 0).then(|| {
                attrition_backfill::frozen_part(people, attrition_backfill::person(role), above)
            })
        })
        .collect();
    if !frozen.is_empty() {
        w.push(
            RuleId::AttritionBackfill,
            WarningKind::Surplus,
            None,
            attrition_backfill::frozen_message(&frozen),
        );
    }

    // Rule `max-load` v3: months carried as overload, no CSM hired for a passing need.
    let overloaded =
        |t: usize| staffing.overload.get(t).copied().unwrap_or(false) && rows[t - 1].understaffed;
    let overload_runs = runs(horizon, overloaded);
    if let Some(&first) = overload_runs.first() {
        let most = (1..=horizon)
            .filter(|&t| overloaded(t) && staffing.staff.csm[t] > 0)
            .map(|t| state.csm_need[t] / f64::from(staffing.staff.csm[t]))
            .fold(0.0, f64::max);
        let months: Vec<String> = overload_runs.iter().map(|&run| w.span(run)).collect();
        w.push(
            RuleId::MaxLoad,
            WarningKind::Understaffed,
            Some(first.0),
            crate::rules::max_load::overload_message(&months.join(", "), most, state.max_load),
        );
    }

    // Rule `head-of-cs` v3: ARR calls for a hired head, but the team or the outlook does not.
    if let Some((t, why)) = staffing.head_withheld {
        let threshold = crate::rules::from_usd(
            crate::rules::head_of_cs::HIRED_HEAD_ARR_USD,
            company.usd_rate,
        );
        let low_when = match why {
            crate::rules::head_of_cs::Withheld::Falling(_, at) => w.calendar.month_label(at as u32),
            crate::rules::head_of_cs::Withheld::SmallTeam(_) => String::new(),
        };
        let stands = if staffing.directors.iter().any(|&d| d > 0) {
            "the lead promoted from within stands"
        } else {
            "no lead is planned: the team has no one to promote yet"
        };
        let when = if t == 0 {
            "at the start".to_string()
        } else {
            format!("by {}", w.calendar.month_label(t))
        };
        w.push(
            RuleId::HeadOfCs,
            WarningKind::Assumption,
            Some(t as usize),
            crate::rules::head_of_cs::withheld_message(
                state.arr[t as usize],
                threshold,
                &when,
                why,
                &low_when,
                stands,
                w.currency,
            ),
        );
    }

    // Rule `ramp`: months short only because new CSMs do not yet carry a full book.
    let ramp_short = |t: usize| {
        rows[t - 1].understaffed
            && staffing.ramping_csm[t] > 0.0
            && staffing.staff.csm[t] >= staffing.required.csm[t]
    };
    let ramp_runs = runs(horizon, ramp_short);
    if let Some(&first) = ramp_runs.first() {
        let most = (1..=horizon)
            .filter(|&t| ramp_short(t))
            .map(|t| staffing.ramping_csm[t])
            .fold(0.0, f64::max);
        let months: Vec<String> = ramp_runs.iter().map(|&run| w.span(run)).collect();
        w.push(
            RuleId::Ramp,
            WarningKind::Understaffed,
            Some(first.0),
            ramp::short_message(&months.join(", "), &fte(most), base.workforce.ramp_months),
        );
    }

    // CSMs who start early for recruiting capacity, or ahead to ramp, are not a surplus: a
    // ramping CSM counts at the share of a book they carry.
    let csm_staff: Vec<u32> = staffing
        .staff
        .csm
        .iter()
        .zip(&staffing.early_csm)
        .zip(&staffing.ramping_csm)
        .map(|((&s, &e), &ramping)| {
            (f64::from(s.saturating_sub(e)) - ramping + 1e-9)
                .floor()
                .max(0.0) as u32
        })
        .collect();
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

    // Support and onboarding above their demand (a team in post at the start, a base that
    // shrinks): reported with what the surplus costs, never cut. A run shorter than six months
    // is a start brought forward for recruiting capacity or a backfill overlapping its leaver
    // (an evergreen requisition), not a surplus.
    for (role, rule, what) in [
        (Role::Support, RuleId::SupportDemand, "support"),
        (Role::Onboarding, RuleId::OnboardingDemand, "onboarding"),
    ] {
        let (staff, required) = (
            staffing.staff.get_ref(role),
            staffing.required.get_ref(role),
        );
        for run in runs(horizon, |t| staff[t] > required[t]) {
            if run.1 - run.0 < 5 {
                continue;
            }
            let extra = (run.0..=run.1)
                .map(|t| staff[t] - required[t])
                .max()
                .unwrap_or(0);
            let cost = f64::from(extra) * base.salaries.of(role);
            w.push(
                rule,
                WarningKind::Surplus,
                Some(run.0),
                format!(
                    "{what} staff above its demand by up to {extra} {}: kept, not cut (a surplus is \
                     reported, never fired), {} a year in loaded cost",
                    w.span(run),
                    crate::format::money(cost, &base.company.currency)
                ),
            );
        }
    }

    for run in runs(horizon, |t| rows[t - 1].over_cap) {
        let months = &rows[run.0 - 1..run.1];
        let fit = if months.iter().any(|r| r.csm_spend_ratio.is_none()) {
            "with CSMs on staff and no ARR".to_string()
        } else {
            // The peak month, and what would fit it: the cap that month's team needs, or the
            // accounts per CSM that the cap pays for.
            let (at, peak) = months
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.csm_spend_ratio.map(|ratio| (i, ratio)))
                .fold(
                    (0, 0.0),
                    |best, (i, r)| if r > best.1 { (i, r) } else { best },
                );
            let t = run.0 + at;
            let affordable = company.csm_spend_cap * state.arr[t] / base.salaries.of(Role::Csm);
            let covered = state.covered_customers[t];
            let accounts = if affordable >= 1.0 {
                let csms = affordable.floor();
                format!(
                    ", or {} accounts per CSM ({} CSM{} for {} covered logos)",
                    grouped((covered.round() / csms).ceil() as i64),
                    csms,
                    if csms == 1.0 { "" } else { "s" },
                    grouped(covered.round() as i64)
                )
            } else {
                ", and the cap does not pay for one CSM".to_string()
            };
            format!(
                "peak {} of ARR in {}: the cap would need to be {}{accounts}",
                percent(peak),
                w.calendar.month_label(t as u32),
                percent(peak)
            )
        };
        let dropped = if staffing.fitted {
            "the CSMs in post at the start already pass it, and csplan plans no one letting go (budget-fit)"
        } else {
            "no hire is dropped"
        };
        let message = format!(
            "CSM spend above the {} cap {} ({fit}); first-cs-org: spending much more means looking again \
             at product fit for the segments served; {dropped}",
            percent(company.csm_spend_cap),
            w.span(run),
        );
        w.push(RuleId::SpendCap, WarningKind::OverCap, Some(run.0), message);
    }

    let smb_only = state
        .segments
        .iter()
        .filter(|s| s.accounts_per_csm.is_some() || s.tier == Tier::TechTouch)
        .all(|s| matches!(s.tier, Tier::Smb | Tier::TechTouch));
    let level = if smb_only {
        "for an smb base this may be acceptable early on; what matters is that it falls"
    } else {
        "2m-per-csm: a falling trend matters more than the level"
    };
    // The segments whose churn passes the alarm in some month, with their churn per month.
    let alarmed: Vec<(&str, &[f64])> = state
        .segments
        .iter()
        .filter_map(|s| Some((s.segment.name.as_str(), s.alarm_churn.as_deref()?)))
        .collect();
    for (first, message) in churn_alarms(
        horizon,
        rows,
        &alarmed,
        state.segments.len() == 1,
        level,
        &w,
    ) {
        w.push(
            RuleId::ChurnAlarm,
            WarningKind::ChurnAlarm,
            Some(first),
            message,
        );
    }

    let start_arr: f64 = state.segments.iter().map(|s| s.start_arr).sum();
    let end_arr: f64 = state.segments.iter().map(|s| s.at_horizon.arr).sum();
    // Only a segment whose logo passes the share at the start is a holder the warning names:
    // the others are left out before their names are copied.
    let holders: Vec<concentration::Holder> = state
        .segments
        .iter()
        .filter(|s| {
            whole_logos(s.segment.customers) > 0
                && concentration::concentrated(concentration::share(s.segment.arpa, start_arr))
        })
        .map(|s| {
            let at = s.at_horizon;
            concentration::Holder {
                name: s.segment.name.clone(),
                account: false,
                logos: whole_logos(s.segment.customers),
                arr_each: s.segment.arpa,
                share_at_end: (at.customers >= 1.0)
                    .then(|| concentration::share(at.arr / at.customers, end_arr)),
            }
        })
        .collect();
    let found = concentration::above(&holders, start_arr);
    if !found.is_empty() {
        let message = concentration::message(
            &found,
            start_arr,
            w.currency,
            &w.calendar.month_label(horizon as u32),
        );
        w.push(
            RuleId::Concentration,
            WarningKind::Concentration,
            Some(1),
            message,
        );
    }

    if company.cs_churn_reduction == 0.0 && company.cs_expansion_share == 0.0 {
        w.push(
            RuleId::Roi,
            WarningKind::Assumption,
            None,
            format!(
                "no ROI: CS is credited with no saved churn and no expansion until {} are set",
                roi::CLAIM_KEYS
            ),
        );
    }

    // The long deployments, listed only when the plan has onboarding staff to hire for them.
    let hires_onboarding = staffing.requisitions.onboarding > 0 || base.team.onboarding > 0;
    let mut long = String::new();
    if hires_onboarding {
        let deployments = state.segments.iter().filter(|s| {
            s.segment.new_per_month > 0.0 && s.onboarding_hours.0 > PS_BACKGROUND_HOURS
        });
        for s in deployments {
            if !long.is_empty() {
                long.push_str(", ");
            }
            let from = if s.onboarding_hours.1 {
                ", csplan default"
            } else {
                ""
            };
            long.push('"');
            long.push_str(&s.segment.name);
            long.push_str("\" ");
            push_float(&mut long, s.onboarding_hours.0);
            long.push_str(" hours");
            long.push_str(from);
        }
    }
    if !long.is_empty() {
        let message = format!(
            "deployments over {PS_BACKGROUND_HOURS} hours ({long}): hire onboarding staff with a \
             professional-services or strong project-management background (first-cs-org step 2)"
        );
        w.push(
            RuleId::OnboardingDemand,
            WarningKind::Assumption,
            None,
            message,
        );
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

/// Whole logos of a count kept fractional by the projection.
fn whole_logos(customers: f64) -> u32 {
    if customers.is_finite() && customers >= 1.0 {
        customers.floor().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// Rule `churn-alarm` (v3): one warning per segment for each run of its alarmed months, with
/// the months in that run where the whole base is above the alarm too; a run of the base's own
/// that no segment's run touches is said once for the base. A one-segment base speaks of its
/// revenue churn, as the rows flag it. In order of the first month, then of the segments.
fn churn_alarms(
    horizon: usize,
    rows: &[Row],
    alarmed: &[(&str, &[f64])],
    one_segment: bool,
    level: &str,
    w: &Writer<'_>,
) -> Vec<(usize, String)> {
    let base_runs = runs(horizon, |t| rows[t - 1].churn_alarm);
    let base_peak = |(first, last): (usize, usize)| {
        rows[first - 1..last]
            .iter()
            .map(|r| r.revenue_churn)
            .fold(0.0, f64::max)
    };
    let base_message = |run: (usize, usize)| {
        format!(
            "revenue churn above {} a month {} (peak {}): {level}",
            percent(churn_alarm::MONTHLY),
            w.span(run),
            percent(base_peak(run))
        )
    };
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    if one_segment {
        for run in base_runs {
            out.push((run.0, 0, base_message(run)));
        }
        return out.into_iter().map(|(t, _, m)| (t, m)).collect();
    }
    let mut segment_months = vec![false; horizon + 1];
    for (order, &(name, churn)) in alarmed.iter().enumerate() {
        for run in runs(horizon, |t| churn_alarm::churn_alarm(churn[t])) {
            segment_months[run.0..=run.1].fill(true);
            let peak = (run.0..=run.1).map(|t| churn[t]).fold(0.0, f64::max);
            let inside: Vec<(usize, usize)> = base_runs
                .iter()
                .filter_map(|&(a, b)| {
                    let (a, b) = (a.max(run.0), b.min(run.1));
                    (a <= b).then_some((a, b))
                })
                .collect();
            let mut message = String::with_capacity(160);
            message.push_str("segment \"");
            message.push_str(name);
            message.push_str("\" loses more than ");
            push_percent(&mut message, churn_alarm::MONTHLY);
            message.push_str(" of its ARR a month ");
            w.push_span(&mut message, run);
            message.push_str(" (peak ");
            push_percent(&mut message, peak);
            if !inside.is_empty() {
                message.push_str("; the whole base above it ");
                for (i, &r) in inside.iter().enumerate() {
                    if i > 0 {
                        message.push_str(", ");
                    }
                    w.push_span(&mut message, r);
                }
                let peak = inside.iter().map(|&r| base_peak(r)).fold(0.0, f64::max);
                message.push_str(", peak ");
                push_percent(&mut message, peak);
            }
            message.push_str("): ");
            message.push_str(level);
            out.push((run.0, order + 1, message));
        }
    }
    for run in base_runs {
        if !segment_months[run.0..=run.1].iter().any(|&m| m) {
            out.push((run.0, 0, base_message(run)));
        }
    }
    out.sort_by_key(|&(first, order, _)| (first, order));
    out.into_iter().map(|(t, _, m)| (t, m)).collect()
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
