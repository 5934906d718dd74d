//! An upper bound of a JSON plan's size, counted from the plan without writing it: what
//! csplan writes, `csplan diff` reads back ([`MAX_PLAN_BYTES`]).

use crate::format::grouped;
use crate::model::work::MAX_PLAN_BYTES;
use crate::plan::Plan;

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
