//! How much work a run may do, estimated before the work that grows with it is done, and the
//! limits that keep every input under the size limits within about a second and a few hundred
//! megabytes: the hires a plan makes, the people a review matches, and the size of a saved
//! plan (what csplan writes, `csplan diff` reads back), which bounds every output of a plan
//! (the estimates of each format are `crate::render::size`).
//!
//! Each hire costs the planner about a kilobyte (with its reason and the rows that show it)
//! and writes some 450 bytes of JSON; each segment-month of a full plan some 300 bytes.

use crate::format::grouped;

/// Most hires one plan makes: more than the largest CS organisation recruits in ten years
/// (100,000 people in a role, [`crate::MAX_PEOPLE_PER_ROLE`], and its backfills): 198,742
/// hires plan in 0.43 s and 120 MB (release build) and write 98 MB of JSON.
pub const MAX_HIRES: u64 = 200_000;

/// Most people the actuals of a review show arriving, over every role and month: each
/// arrival is matched against a planned hire, so no more than a plan hires.
pub const MAX_ARRIVALS: u64 = MAX_HIRES;

/// Largest saved JSON plan `csplan diff` reads (1 GiB): a plan of 10,000 segments over 120
/// months with short names is some 370 MB. The CLI refuses to write a JSON plan past it by
/// `csplan::render::size::check_output`, so that every plan csplan writes, it reads, and a
/// table or CSV past it too.
pub const MAX_PLAN_BYTES: usize = 1024 * 1024 * 1024;

/// Why a plan whose hires would pass [`MAX_HIRES`] is refused, before the attrition
/// backfills (the part that multiplies) are made: the key to point at, if any, and the
/// message. `hires` are those made so far, `backfills` the leavers still to backfill at
/// `attrition` a year, on teams of up to `largest_team`.
pub fn hires_past_limit(
    hires: u64,
    backfills: u64,
    attrition: f64,
    largest_team: u32,
) -> Option<(Option<&'static str>, String)> {
    let total = hires.saturating_add(backfills);
    if total <= MAX_HIRES {
        return None;
    }
    if backfills == 0 {
        return Some((
            None,
            format!(
                "the plan would make {} hires, more than the {} csplan plans: check the segments' \
                 customers, new_per_month and new_growth against accounts_per_csm",
                grouped(total as i64),
                grouped(MAX_HIRES as i64)
            ),
        ));
    }
    // Leavers grow with the rate: the rate that leaves room for the backfills that fit.
    let room = MAX_HIRES.saturating_sub(hires) as f64;
    let fits = (attrition * room / backfills as f64 * 100.0).floor() / 100.0;
    let hint = if room > 0.0 && fits > 0.0 {
        format!("at most attrition = {fits} fits, or plan smaller teams or fewer months")
    } else {
        "plan smaller teams or fewer months".to_string()
    };
    Some((
        Some("workforce.attrition"),
        format!(
            "workforce.attrition = {attrition} would make {} hires ({} of them backfills of people \
             leaving teams of up to {}), more than the {} csplan plans: {hint}",
            grouped(total as i64),
            grouped(backfills as i64),
            grouped(i64::from(largest_team)),
            grouped(MAX_HIRES as i64)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hires_within_the_limit_pass_and_past_it_name_the_rate_that_fits() {
        assert!(hires_past_limit(MAX_HIRES, 0, 0.0, 10).is_none());
        assert!(hires_past_limit(1_000, MAX_HIRES - 1_000, 0.5, 10).is_none());
        let (key, message) = hires_past_limit(36_893, 800_000, 0.99, 10_000).unwrap();
        assert_eq!(key, Some("workforce.attrition"));
        assert!(message.contains("836,893 hires"), "{message}");
        assert!(
            message.contains("at most attrition = 0.2 fits"),
            "{message}"
        );
        let (key, _) = hires_past_limit(MAX_HIRES + 1, 0, 0.0, 10).unwrap();
        assert_eq!(key, None);
    }
}
