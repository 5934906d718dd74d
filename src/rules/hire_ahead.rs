//! Rule `hire-ahead` (2m-per-csm, grow-cs-team): when requisitions open, ahead of the need or in
//! arrears.

use super::{RuleId, RuleInfo};
use crate::model::Stance;

/// csplan default for `[company] hire_lead_months`: months from opening a requisition to the
/// start date.
pub const DEFAULT_HIRE_LEAD_MONTHS: u32 = 3;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::HireAhead,
    id: "hire-ahead",
    source: "2m-per-csm, grow-cs-team",
    figures: || format!("hire_lead_months, default {DEFAULT_HIRE_LEAD_MONTHS}"),
    summary: || {
        "Hire in advance, not in arrears: in balanced and ahead, open a requisition in month t when \
              the need of month t + hire_lead_months exceeds the staff planned by then, so the person \
              starts when the need arrives. Lean opens when the need of month t exceeds staff and open \
              requisitions. A head of CS is always hired ahead: a leader starts before the team grows.".to_string()
    },
    kpis: None,
};

/// Rule `hire-ahead` (2m-per-csm: "$2m ARR per Customer Success Manager — but hired in advance,
/// not arrears"; grow-cs-team: "trending towards 75 customer accounts for a single CSM by the end
/// of the next quarter … it's time to start interviewing and budgeting for a new hire"):
/// balanced and ahead hire ahead; lean hires in arrears.
pub fn hires_ahead(stance: Stance) -> bool {
    !matches!(stance, Stance::Lean)
}

/// One requisition: opened in month `open`, the person starts in `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    /// Month the requisition opens, 1..=horizon.
    pub open: u32,
    /// Month the person starts: `open + hire_lead_months`.
    pub start: u32,
    /// The month whose need the requisition answers: `start` when hiring ahead, `open` in
    /// arrears.
    pub target: u32,
    /// Headcount of the role once this person is in (3 for the third CSM).
    pub ordinal: u32,
}

/// Plans the requisitions of one role.
///
/// `required[t]` is the headcount the rules call for at the end of month t (index 0 is the
/// start state); it must reach month `horizon + lead`. Each month t = 1..=horizon opens as
/// many requisitions as the requirement of its target month exceeds the staff planned so far:
/// the starting staff plus every requisition already open, whether or not its person has
/// started (so lean does not open a second requisition for a gap one is already filling).
/// Staff never decreases.
pub fn openings(
    required: &[u32],
    starting: u32,
    ahead: bool,
    lead: u32,
    horizon: u32,
) -> Vec<Opening> {
    let mut planned = starting;
    let mut out = Vec::new();
    for open in 1..=horizon {
        let target = if ahead { open + lead } else { open };
        let need = required.get(target as usize).copied().unwrap_or(0);
        while planned < need {
            planned += 1;
            out.push(Opening {
                open,
                start: open + lead,
                target,
                ordinal: planned,
            });
        }
    }
    out
}

/// Headcount in post at the end of each month 0..=months, from the starting staff and the
/// requisitions.
pub fn staff_by_month(openings: &[Opening], starting: u32, months: u32) -> Vec<u32> {
    let mut starts = vec![0u32; months as usize + 1];
    for o in openings {
        if let Some(slot) = starts.get_mut(o.start as usize) {
            *slot += 1;
        }
    }
    let mut in_post = starting;
    starts
        .iter()
        .map(|joined| {
            in_post += joined;
            in_post
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiring_ahead_meets_the_need_from_month_lead_plus_one() {
        // Need 1 from month 2, 2 from month 6; lead 3.
        let mut required = vec![0; 13];
        for (t, r) in required.iter_mut().enumerate() {
            *r = if t >= 6 {
                2
            } else if t >= 2 {
                1
            } else {
                0
            };
        }
        let o = openings(&required, 0, true, 3, 9);
        // Month 1 looks at month 4 (need 1): opens one, starting in 4. Month 3 looks at 6: opens
        // the second, starting in 6.
        assert_eq!(o.len(), 2);
        assert_eq!((o[0].open, o[0].start, o[0].ordinal), (1, 4, 1));
        assert_eq!((o[1].open, o[1].start, o[1].ordinal), (3, 6, 2));
        let staff = staff_by_month(&o, 0, 12);
        for t in 4..=12 {
            assert!(staff[t] >= required[t], "month {t}");
        }
    }

    #[test]
    fn arrears_opens_once_per_gap_and_lags_by_the_lead() {
        let required = vec![0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
        let o = openings(&required, 0, false, 3, 11);
        assert_eq!(o.len(), 2);
        assert_eq!((o[0].open, o[0].start), (2, 5));
        assert_eq!((o[1].open, o[1].start), (7, 10));
    }

    #[test]
    fn starting_staff_counts_and_staff_never_falls() {
        let required = vec![0, 3, 1, 0, 4];
        let o = openings(&required, 2, false, 0, 4);
        let staff = staff_by_month(&o, 2, 4);
        assert_eq!(staff, vec![2, 3, 3, 3, 4]);
    }
}
