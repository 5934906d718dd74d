//! Rule `recruiting-capacity` (csplan default): at most `max_starts_per_month` people start in
//! any month, across CS roles. Requisitions open earlier, scheduled backwards from the month
//! each person is needed, so the need is still met where the lead time allows; where it cannot
//! be, the people who start late are a warning with the months and the size of the shortfall.

use super::{RuleId, RuleInfo};
use crate::model::Role;

/// csplan default `[workforce] max_starts_per_month`: 0, no limit. A plan changes only when its
/// base says how many people its recruiting can bring in a month; no source gives a figure.
pub const DEFAULT_MAX_STARTS_PER_MONTH: u32 = 0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::RecruitingCapacity,
    id: "recruiting-capacity",
    source: "csplan default",
    figures: || {
        format!(
            "max_starts_per_month {DEFAULT_MAX_STARTS_PER_MONTH} (csplan default: no limit, so a plan changes only \
             when its base states how many people recruiting and onboarding can take in a month; \
             no source gives a figure)"
        )
    },
    summary: || {
        "At most max_starts_per_month people start in any month, all CS roles together (a \
              promotion is not a start: nobody is recruited). When more are needed in one month, \
              requisitions open earlier, scheduled backwards from the month each person is needed, \
              into the latest months with room, so the need is still met; the head of CS and the \
              team managers move first, so a leader starts no later than the growth they lead. \
              When the first months cannot hold them (a requisition opens in month 1 at the \
              earliest), the people left start in the first months with room after their need, and \
              a warning names the months short and by how many: never a silent delay."
            .to_string()
    },
    kpis: None,
};

/// One person to place: the month they are needed and their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    /// Month the person is needed in post (their start month without a limit).
    pub start: u32,
    /// Their role: leaders move earlier first.
    pub role: Role,
    /// The earliest month they may start: a leaver's backfill cannot open before the person
    /// leaves, so it never moves earlier (0: no bound but the plan's first months).
    pub not_before: u32,
}

/// Which people move earlier first: the head of CS, then managers, then support-first's order
/// (support, onboarding, CSMs), so leaders start ahead of the growth they lead and CSM starts
/// stay closest to their need.
fn rank(role: Role) -> u8 {
    match role {
        Role::Lead => 0,
        Role::Manager => 1,
        Role::Support => 2,
        Role::Onboarding => 3,
        Role::Csm => 4,
    }
}

/// The start month of each person with at most `cap` starts a month (0: no limit), none before
/// `earliest` (a requisition opened in month 1 starts in `1 + hire_lead_months`).
///
/// Backwards from the last month needed: each month keeps at most `cap` of the people needed
/// then or carried from later months, the rest carry to the month before. People still carried
/// below `earliest` start in the first months with room after it, leaders first (a leader keeps
/// the earliest month's room): those are the late starts. A person with a `not_before` bound
/// never moves below it; when more of them are bound to a month than it has room for, the rest
/// start late too. Deterministic: ties keep the input order.
pub fn schedule(people: &[Wanted], cap: u32, earliest: u32) -> Vec<u32> {
    let mut out: Vec<u32> = people.iter().map(|p| p.start).collect();
    if cap == 0 || people.is_empty() {
        return out;
    }
    let cap = cap as usize;
    let last = people.iter().map(|p| p.start).max().unwrap_or(0);
    let mut by_month: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (i, p) in people.iter().enumerate() {
        by_month.entry(p.start.max(earliest)).or_default().push(i);
    }
    let order = |i: &usize| (rank(people[*i].role), people[*i].start, *i);
    let mut placed: std::collections::BTreeMap<u32, usize> = Default::default();
    let mut carry: Vec<usize> = Vec::new();
    let mut late: Vec<usize> = Vec::new();
    let mut m = last.max(earliest);
    loop {
        if let Some(here) = by_month.remove(&m) {
            carry.extend(here);
        }
        // Those who move earlier first sort first; the last `cap` stay in this month. In the
        // earliest month the rest start late, so there leaders stay first.
        carry.sort_by_key(order);
        let stay = carry.len().min(cap);
        let kept = if m == earliest {
            let rest = carry.split_off(stay);
            std::mem::replace(&mut carry, rest)
        } else {
            // Those who cannot start earlier keep the month first; any beyond the cap start late.
            let (pinned, free): (Vec<usize>, Vec<usize>) =
                carry.drain(..).partition(|&i| people[i].not_before >= m);
            let mut kept: Vec<usize> = pinned.iter().copied().take(cap).collect();
            late.extend(pinned.into_iter().skip(cap));
            let room = cap - kept.len();
            let mut free = free;
            kept.extend(free.split_off(free.len() - room.min(free.len())));
            carry = free;
            kept
        };
        let stay = kept.len();
        for i in kept {
            out[i] = m;
        }
        placed.insert(m, stay);
        if m == earliest || carry.is_empty() && by_month.is_empty() {
            break;
        }
        m -= 1;
    }
    // Late starts: the first months with room from `earliest` (or their own bound) on,
    // leaders first.
    carry.extend(late);
    carry.sort_by_key(order);
    for i in carry {
        let mut month = earliest.max(people[i].not_before);
        while placed.get(&month).copied().unwrap_or(0) >= cap {
            month += 1;
        }
        *placed.entry(month).or_insert(0) += 1;
        out[i] = month;
    }
    out
}

/// The reason's note on a person who starts before the month planned for them (the need, or
/// the earlier start their ramp asks): it names both months, so that it never reads as a
/// second, different need.
pub fn early_note(months: u32, planned: &str, start: &str, cap: u32) -> String {
    format!(
        "; starts {start} instead of {planned} ({months} month{} earlier): at most {cap} start{} a month \
         (recruiting-capacity)",
        if months == 1 { "" } else { "s" },
        if cap == 1 { "" } else { "s" }
    )
}

/// The reason's note on a person who starts after the month planned for them.
pub fn late_note(months: u32, planned: &str, start: &str, cap: u32) -> String {
    format!(
        "; starts {start} instead of {planned} ({months} month{} later): at most {cap} start{} a month and no \
         earlier month has room (recruiting-capacity)",
        if months == 1 { "" } else { "s" },
        if cap == 1 { "" } else { "s" }
    )
}

/// The warning on the late starts: how many, the months short, and by how many at most.
pub fn shortfall_message(people: u32, span: &str, most: u32, cap: u32) -> String {
    format!(
        "at most {cap} start{} a month: {people} {} after the month they are needed, so the plan is short \
         {span} by up to {most}; no earlier month has room (a requisition opens in the plan's first month at \
         the earliest), so only more starts a month (max_starts_per_month) close the gap",
        if cap == 1 { "" } else { "s" },
        if people == 1 {
            "person starts"
        } else {
            "people start"
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csms(starts: &[u32]) -> Vec<Wanted> {
        starts
            .iter()
            .map(|&start| Wanted {
                start,
                role: Role::Csm,
                not_before: 0,
            })
            .collect()
    }

    fn per_month(starts: &[u32]) -> std::collections::BTreeMap<u32, u32> {
        let mut m = std::collections::BTreeMap::new();
        for &s in starts {
            *m.entry(s).or_insert(0) += 1;
        }
        m
    }

    #[test]
    fn no_limit_changes_nothing() {
        let people = csms(&[4, 4, 4, 4, 9]);
        assert_eq!(schedule(&people, 0, 4), vec![4, 4, 4, 4, 9]);
    }

    #[test]
    fn a_crowded_month_spreads_backwards() {
        // Six needed in month 10, two a month: 8, 8, 9, 9, 10, 10; nobody late.
        let people = csms(&[10; 6]);
        let out = schedule(&people, 2, 4);
        assert!(out.iter().all(|s| (8..=10).contains(s)), "{out:?}");
        assert!(per_month(&out).values().all(|&n| n <= 2));
    }

    #[test]
    fn what_the_first_months_cannot_hold_starts_late() {
        // Five needed in month 4, the earliest start, one a month: 4, 5, 6, 7, 8.
        let people = csms(&[4; 5]);
        let mut out = schedule(&people, 1, 4);
        out.sort();
        assert_eq!(out, vec![4, 5, 6, 7, 8]);
    }

    #[test]
    fn the_head_of_cs_moves_before_the_team() {
        let mut people = csms(&[10, 10]);
        people.push(Wanted {
            start: 10,
            role: Role::Lead,
            not_before: 0,
        });
        let out = schedule(&people, 2, 4);
        assert_eq!(out[2], 9, "{out:?}");
        assert_eq!(&out[..2], &[10, 10]);
    }

    #[test]
    fn when_starts_run_late_the_manager_starts_first() {
        let mut people = csms(&[4, 4]);
        people.push(Wanted {
            start: 4,
            role: Role::Manager,
            not_before: 0,
        });
        let out = schedule(&people, 1, 4);
        assert_eq!(out, vec![5, 6, 4]);
    }

    #[test]
    fn a_backfill_never_starts_before_its_leaver_goes() {
        // Three needed in month 10, one of them a backfill that cannot move: it keeps month 10
        // and the two others start in 8 and 9.
        let mut people = csms(&[10, 10]);
        people.push(Wanted {
            start: 10,
            role: Role::Csm,
            not_before: 10,
        });
        let out = schedule(&people, 1, 4);
        assert_eq!(out[2], 10);
        let mut others = vec![out[0], out[1]];
        others.sort();
        assert_eq!(others, vec![8, 9]);
        // Two backfills pinned to one month with room for one: the second starts late.
        let pinned = vec![
            Wanted {
                start: 6,
                role: Role::Csm,
                not_before: 6,
            };
            2
        ];
        assert_eq!(schedule(&pinned, 1, 4), vec![6, 7]);
    }

    #[test]
    fn never_more_than_the_cap_in_a_month() {
        let wanted: Vec<u32> = (0..60).map(|i| 4 + (i * 7 % 23) / 3).collect();
        for cap in 1..5 {
            let out = schedule(&csms(&wanted), cap, 4);
            assert!(per_month(&out).values().all(|&n| n <= cap), "cap {cap}");
            assert!(out.iter().all(|&s| s >= 4));
        }
    }
}
