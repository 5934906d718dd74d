//! How much work a run may do, estimated before the work that grows with it is done, and the
//! limits that keep every input under the size limits within about a second and a few hundred
//! megabytes: the hires a plan makes, the people a review matches, and the size of a saved
//! plan (what csplan writes, `csplan diff` reads back).
//!
//! Each hire costs the planner about a kilobyte (with its reason and the rows that show it)
//! and writes some 450 bytes of JSON; each segment-month of a full plan some 300 bytes.

use crate::format::grouped;
use crate::plan::Plan;
use crate::planner::PlanError;

/// Most hires one plan makes: more than the largest CS organisation recruits in ten years
/// (100,000 people in a role, [`crate::MAX_PEOPLE_PER_ROLE`], and its backfills), and about
/// 200 MB and two seconds of planning at most.
pub const MAX_HIRES: u64 = 200_000;

/// Most people the actuals of a review show arriving, over every role and month: each
/// arrival is matched against a planned hire, so no more than a plan hires.
pub const MAX_ARRIVALS: u64 = MAX_HIRES;

/// Largest saved JSON plan `csplan diff` reads (1 GiB): a plan of 10,000 segments over 120
/// months with short names is some 370 MB. The CLI refuses to write a JSON plan past it by
/// [`check_json_plan`], so that every plan csplan writes, it reads.
pub const MAX_PLAN_BYTES: usize = 1024 * 1024 * 1024;

/// Bytes of JSON of one segment's row in one month, its name aside, at most (every figure at
/// its widest, indented as written).
pub const JSON_BYTES_PER_SEGMENT_ROW: u64 = 320;

/// Bytes of JSON of one segment's assumptions, its name aside, at most.
pub const JSON_BYTES_PER_SEGMENT: u64 = 1_500;

/// Bytes of JSON per hire, its segment and reason aside, at most.
pub const JSON_BYTES_PER_HIRE: u64 = 400;

/// Bytes of JSON per warning, its message aside, at most.
pub const JSON_BYTES_PER_WARNING: u64 = 200;

/// Bytes of JSON per month of a plan, beyond its segments' rows, at most.
pub const JSON_BYTES_PER_MONTH: u64 = 2_000;

/// Bytes of JSON of a plan's header and totals, at most.
pub const JSON_BYTES_FIXED: u64 = 64 * 1024;

/// Bytes a text takes in JSON, at most: a quote or a backslash is escaped to two bytes (the
/// planner's texts hold no control characters), and the quotes around it.
fn text_bytes(text: &str) -> u64 {
    2 * text.len() as u64 + 2
}

/// An upper estimate of the size in bytes of `plan` written as JSON (each text at twice its
/// length, each figure at its widest), counted without writing it.
pub fn plan_json_bytes(plan: &Plan) -> u64 {
    let rows: u64 = plan
        .timeline
        .iter()
        .map(|row| {
            JSON_BYTES_PER_MONTH
                + text_bytes(&row.period)
                + row
                    .segments
                    .names()
                    .map(|name| JSON_BYTES_PER_SEGMENT_ROW + text_bytes(&name))
                    .sum::<u64>()
        })
        .sum();
    let segments: u64 = plan
        .assumptions
        .segments
        .iter()
        .map(|s| JSON_BYTES_PER_SEGMENT + text_bytes(&s.name))
        .sum();
    let hires: u64 = plan
        .hires
        .iter()
        .map(|h| {
            JSON_BYTES_PER_HIRE + text_bytes(&h.reason) + h.segment.as_deref().map_or(0, text_bytes)
        })
        .sum();
    let warnings: u64 = plan
        .warnings
        .iter()
        .map(|w| JSON_BYTES_PER_WARNING + text_bytes(&w.message))
        .sum();
    JSON_BYTES_FIXED + rows + segments + hires + warnings
}

/// Refuses, before a byte of it is written, a JSON plan that `csplan diff` could not read back
/// (past [`MAX_PLAN_BYTES`] by [`plan_json_bytes`]).
pub fn check_json_plan(plan: &Plan) -> Result<(), String> {
    let bytes = plan_json_bytes(plan);
    if bytes <= MAX_PLAN_BYTES as u64 {
        return Ok(());
    }
    Err(format!(
        "the JSON plan would take up to {} MB, more than the {} MB csplan diff reads back: plan \
         fewer months (--months), fewer or shorter-named segments, or write CSV (--format csv)",
        grouped((bytes / 1_000_000) as i64),
        grouped((MAX_PLAN_BYTES / 1_000_000) as i64)
    ))
}

/// Refuses a plan whose hires would pass [`MAX_HIRES`], before the attrition backfills (the
/// part that multiplies) are made: `hires` are those made so far, `backfills` the leavers
/// still to backfill at `attrition` a year, on teams of up to `largest_team`.
pub fn check_hires(
    hires: u64,
    backfills: u64,
    attrition: f64,
    largest_team: u32,
) -> Result<(), PlanError> {
    let total = hires.saturating_add(backfills);
    if total <= MAX_HIRES {
        return Ok(());
    }
    if backfills == 0 {
        return Err(PlanError::TooLarge {
            key: None,
            message: format!(
                "the plan would make {} hires, more than the {} csplan plans: check the segments' \
                 customers, new_per_month and new_growth against accounts_per_csm",
                grouped(total as i64),
                grouped(MAX_HIRES as i64)
            ),
        });
    }
    // Leavers grow with the rate: the rate that leaves room for the backfills that fit.
    let room = MAX_HIRES.saturating_sub(hires) as f64;
    let fits = (attrition * room / backfills as f64 * 100.0).floor() / 100.0;
    let hint = if room > 0.0 && fits > 0.0 {
        format!("at most attrition = {fits} fits, or plan smaller teams or fewer months")
    } else {
        "plan smaller teams or fewer months".to_string()
    };
    Err(PlanError::TooLarge {
        key: Some("workforce.attrition".into()),
        message: format!(
            "workforce.attrition = {attrition} would make {} hires ({} of them backfills of people \
             leaving teams of up to {}), more than the {} csplan plans: {hint}",
            grouped(total as i64),
            grouped(backfills as i64),
            grouped(i64::from(largest_team)),
            grouped(MAX_HIRES as i64)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hires_within_the_limit_pass_and_past_it_name_the_rate_that_fits() {
        assert!(check_hires(MAX_HIRES, 0, 0.0, 10).is_ok());
        assert!(check_hires(1_000, MAX_HIRES - 1_000, 0.5, 10).is_ok());
        let error = check_hires(36_893, 800_000, 0.99, 10_000).unwrap_err();
        assert_eq!(error.key(), Some("workforce.attrition"));
        let message = error.to_string();
        assert!(message.contains("836,893 hires"), "{message}");
        assert!(
            message.contains("at most attrition = 0.2 fits"),
            "{message}"
        );
        let error = check_hires(MAX_HIRES + 1, 0, 0.0, 10).unwrap_err();
        assert_eq!(error.key(), None);
    }
}
