//! Rule `attrition-backfill` (csplan default): each team loses `attrition` of its people a
//! year, as whole people on a deterministic schedule; a leaver is backfilled only while the
//! team without them is below its need, on an evergreen requisition when the stance hires ahead.

use super::{RuleId, RuleInfo};
use crate::format::fte;
use crate::model::Role;

/// csplan default `[workforce] attrition`: 0, nobody leaves. CS teams commonly lose 10–20% of
/// their people a year, but the figure is the base's to state: a plan changes only when its
/// base says how many people leave.
pub const DEFAULT_ATTRITION: f64 = 0.0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::AttritionBackfill,
    id: "attrition-backfill",
    source: "csplan default",
    figures: || {
        format!(
            "attrition {DEFAULT_ATTRITION} a year (csplan default: off, so a plan changes only when its base \
             states how many of its people leave; 10-20% a year is common in CS, no source gives a figure)"
        )
    },
    summary: || {
        "Each team (CSMs, support, onboarding) loses attrition of its headcount a year: \
              attrition / 12 of the team is expected to leave each month, the expectation is summed month \
              by month, and a person leaves in the month the sum passes a whole number (a team of 10 at \
              20% loses one person every six months). A leaver is backfilled (kind backfill) only while \
              the team without them is below its need (CSMs at max_load, support and onboarding at \
              demand); otherwise the requisition is frozen, the plan says so, and it opens again when \
              the need comes back. Hiring ahead, a backfill opens on an evergreen requisition \
              hire_lead_months before the expected leaver goes, a CSM's up to ramp_months earlier as far \
              as the spend cap affords; in arrears (lean) it opens when they leave. Until a backfill \
              starts the team has one fewer in post, and the rows show it (leavers, backfills, the people \
              in post). The head of CS and team managers are not modelled as leaving.".to_string()
    },
    kpis: None,
};

/// One person of a team that loses people, as the reasons and warnings name them.
pub fn person(role: Role) -> &'static str {
    match role {
        Role::Csm => "CSM",
        Role::Support => "support agent",
        _ => "onboarding specialist",
    }
}

/// The deterministic leaving schedule: the expected leavers of month t are `attrition / 12 ×
/// headcount[t − 1]`, summed month by month; a person leaves when the sum passes a whole number.
#[derive(Debug, Clone, Copy, Default)]
pub struct Schedule {
    expected: f64,
    left: u32,
}

impl Schedule {
    /// The people who leave this month, from last month's headcount.
    pub fn next(&mut self, attrition: f64, headcount_before: u32) -> u32 {
        if attrition <= 0.0 {
            return 0;
        }
        self.expected += attrition / 12.0 * f64::from(headcount_before);
        let whole = (self.expected + 1e-9).floor() as u32;
        let out = whole.saturating_sub(self.left);
        self.left = self.left.max(whole);
        out
    }
}

/// Leavers per month 0..=`last` (index 0, the start, has none) from a team's planned headcount
/// per month, on [`Schedule`].
pub fn leavers(headcount: &[u32], attrition: f64, last: u32) -> Vec<u32> {
    let len = headcount.len().min(last as usize + 1);
    let mut out = vec![0u32; len];
    let mut schedule = Schedule::default();
    for t in 1..len {
        out[t] = schedule.next(attrition, headcount[t - 1]);
    }
    out
}

/// Whether a leaver of month `t` is backfilled: only while the team without them falls below
/// its need in that month or in the months a backfill would take to be in post (`lookahead`):
/// `in_post` and `need` per month, the leaver still counted in `in_post`.
pub fn backfilled(in_post: &[u32], need: &[u32], t: usize, lookahead: usize) -> bool {
    let end = (t + lookahead + 1).min(in_post.len()).min(need.len());
    (t..end).any(|m| in_post[m].saturating_sub(1) < need[m])
}

/// How a backfill's start falls against the month its leaver goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// Opened ahead on an evergreen requisition, starting this many months before they leave.
    Ahead(u32),
    /// Starts the month they leave.
    OnTime,
    /// Starts later: the team is one short until then.
    Late,
}

/// The reason of a backfill requisition: who leaves when, why the team needs them replaced, and
/// how the backfill's start falls.
#[allow(clippy::too_many_arguments)]
pub fn reason(
    role: &str,
    month: &str,
    attrition: f64,
    team: u32,
    need: u32,
    start: &str,
    timing: Timing,
    ramp_months: u32,
) -> String {
    let when = match timing {
        Timing::Ahead(months) if ramp_months > 0 && months >= ramp_months => format!(
            "an evergreen requisition: starts {start}, {months} month{} before they leave, so the new {role} \
             carries a full book when they go (ramp)",
            plural(months)
        ),
        Timing::Ahead(months) if ramp_months > 0 => format!(
            "an evergreen requisition: starts {start}, {months} month{} before they leave, ramping alongside \
             them ({ramp_months} months to a full book; the first month or the spend cap allows no earlier start)",
            plural(months)
        ),
        Timing::Ahead(months) => format!(
            "an evergreen requisition: starts {start}, {months} month{} before they leave",
            plural(months)
        ),
        Timing::OnTime => format!("an evergreen requisition: starts {start}, the month they leave"),
        Timing::Late => format!("the team is one short until the backfill starts in {start}"),
    };
    format!(
        "backfills {} {role} who leaves in {month}: {:.0}% attrition a year on a team of {team} is {} leavers a \
         month, and without them the team is below its need of {need} (attrition-backfill); {when}",
        article(role),
        attrition * 100.0,
        fte(attrition / 12.0 * f64::from(team))
    )
}

/// The reason of a backfill reopened for a leaver who was not backfilled when they left.
pub fn reopened_reason(role: &str, left: &str, need: u32, month: &str, start: &str) -> String {
    format!(
        "backfills {} {role} who left in {left}, not backfilled then because the team was above its need: the \
         need reaches {need} by {month} (attrition-backfill); starts {start}",
        article(role)
    )
}

/// The words for leavers not backfilled in a role: `6 CSMs who leave while the team is above
/// its need (by up to 7)`.
pub fn frozen_part(people: u32, role: &str, above: u32) -> String {
    format!(
        "{people} {role}{} who leave{} while the team is above its need (by up to {above})",
        if people == 1 { "" } else { "s" },
        if people == 1 { "s" } else { "" }
    )
}

/// The warning on leavers not backfilled (their requisitions frozen).
pub fn frozen_message(parts: &[String]) -> String {
    format!(
        "not backfilled: {} (attrition-backfill: a leaver is replaced only while the team without them is \
         below its need; the requisition opens again when the need comes back)",
        parts.join("; ")
    )
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The warning on the months teams are short while backfills are recruited; `ahead` when the
/// stance opens backfills ahead of expected leavers (evergreen), else when they leave.
pub fn gap_message(
    leavers: u32,
    attrition: f64,
    spans: &str,
    most: u32,
    lead: u32,
    ahead: bool,
) -> String {
    let how = if ahead {
        "each one the team needs is backfilled on a requisition opened ahead of expected leavers (evergreen) \
         where the months allow"
    } else {
        "each one the team needs opens a backfill requisition when they leave (hiring in arrears)"
    };
    let short = if most == 0 {
        "no team is short while one is recruited".to_string()
    } else {
        format!(
            "with {lead} month{} to fill one the team is short {spans} by up to {most}",
            plural(lead)
        )
    };
    format!(
        "{leavers} {} over the plan at {:.0}% attrition a year: {how}, and {short}",
        if leavers == 1 {
            "person leaves"
        } else {
            "people leave"
        },
        attrition * 100.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_of_ten_at_twenty_percent_loses_one_every_six_months() {
        let team = vec![10; 25];
        let out = leavers(&team, 0.2, 24);
        let months: Vec<usize> = (0..out.len()).filter(|&t| out[t] > 0).collect();
        assert_eq!(months, vec![6, 12, 18, 24]);
        assert_eq!(out.iter().sum::<u32>(), 4);
    }

    #[test]
    fn no_attrition_no_leavers() {
        assert!(leavers(&[5; 13], 0.0, 12).iter().all(|&n| n == 0));
    }

    #[test]
    fn a_large_team_loses_several_in_a_month() {
        // 120 people at 30%: 3 a month.
        let out = leavers(&[120; 4], 0.3, 3);
        assert_eq!(out, vec![0, 3, 3, 3]);
    }
}
