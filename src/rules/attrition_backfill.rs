//! Rule `attrition-backfill` (csplan default): each team loses `attrition` of its people a
//! year, as whole people on a deterministic schedule; each leaver opens a backfill requisition
//! at once, and the team is one short until the backfill starts.

use super::{RuleId, RuleInfo};
use crate::format::fte;

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
    summary: "Each team (CSMs, support, onboarding) loses attrition of its planned headcount a year: \
              attrition / 12 of the team is expected to leave each month, the expectation is summed month \
              by month, and a person leaves in the month the sum passes a whole number (a team of 10 at \
              20% loses one person every six months). Each leaver opens a backfill requisition at once \
              (kind backfill), which starts hire_lead_months later; until then the team has one fewer in \
              post, and the rows show it (leavers, backfills, the people in post). The head of CS and \
              team managers are not modelled as leaving.",
    kpis: None,
};

/// Leavers per month 0..=`last` (index 0, the start, has none) from a team's planned headcount
/// per month: the expected leavers of month t are `attrition / 12 × headcount[t − 1]`, summed;
/// a person leaves when the sum passes a whole number.
pub fn leavers(headcount: &[u32], attrition: f64, last: u32) -> Vec<u32> {
    let len = headcount.len().min(last as usize + 1);
    let mut out = vec![0u32; len];
    if attrition <= 0.0 {
        return out;
    }
    let mut expected = 0.0;
    let mut left = 0u32;
    for t in 1..len {
        expected += attrition / 12.0 * f64::from(headcount[t - 1]);
        let whole = (expected + 1e-9).floor() as u32;
        out[t] = whole.saturating_sub(left);
        left = left.max(whole);
    }
    out
}

/// The reason of a backfill requisition.
pub fn reason(role: &str, month: &str, attrition: f64, team: u32, start: &str) -> String {
    format!(
        "backfills a {role} who leaves in {month}: {:.0}% attrition a year on a team of {team} is {} leavers a \
         month (attrition-backfill); the team is one short until the backfill starts in {start}",
        attrition * 100.0,
        fte(attrition / 12.0 * f64::from(team))
    )
}

/// The warning on the months teams are short while backfills are recruited.
pub fn gap_message(leavers: u32, attrition: f64, spans: &str, most: u32, lead: u32) -> String {
    format!(
        "{leavers} {} over the plan at {:.0}% attrition a year: each opens a backfill requisition at once, and \
         with {lead} month{} to fill it the team is short {spans} by up to {most}",
        if leavers == 1 {
            "person leaves"
        } else {
            "people leave"
        },
        attrition * 100.0,
        if lead == 1 { "" } else { "s" }
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
