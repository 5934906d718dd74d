//! Upper bounds of a plan's size in each text format, counted from the plan without writing
//! it: what csplan writes, `csplan diff` reads back ([`MAX_PLAN_BYTES`]), and no table or CSV
//! is larger than that either ([`check_output`]).

use crate::format::grouped;
use crate::model::work::MAX_PLAN_BYTES;
use crate::plan::Plan;
use crate::render::Format;

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

/// Bytes of one figure in CSV, with its comma, at most: ±10^15 with four decimals.
pub const CSV_BYTES_PER_FIELD: u64 = 24;

/// Bytes of a CSV row's own cells (the period's figures, its segments aside), at most: some
/// fifty figures and flags.
pub const CSV_BYTES_PER_ROW: u64 = 1_500;

/// Bytes of the CSV header's own columns, at most.
pub const CSV_BYTES_HEADER: u64 = 4 * 1024;

/// Figures each segment has in each CSV row (`segments.NAME.customers`, … `.churned_arr_at_risk`).
const CSV_FIELDS_PER_SEGMENT: u64 = super::csv::SEGMENT_FIELDS.len() as u64;

/// Bytes of a table's (or Markdown section's) fixed part — title, decision, legend,
/// benchmarks — at most.
pub const TABLE_BYTES_FIXED: u64 = 64 * 1024;

/// Bytes of one period's line of the timeline, with its team bar and colours, at most.
pub const TABLE_BYTES_PER_PERIOD: u64 = 600;

/// Bytes a segment adds to a table, its name aside, at most: its assumptions line, its place
/// in the retention line and the budget's segment table.
pub const TABLE_BYTES_PER_SEGMENT: u64 = 600;

/// Bytes a hire or a warning adds to a table, its texts aside, at most.
pub const TABLE_BYTES_PER_ITEM: u64 = 200;

/// A text in a table, folded and painted, at most: twice its length.
fn shown_bytes(text: &str) -> u64 {
    2 * text.len() as u64
}

/// An upper estimate of the size in bytes of `plan` written as CSV, counted without writing
/// it: a row per period, each segment's figures in each (`csv::SEGMENT_FIELDS`), each figure at
/// its widest; each segment's name in as many header columns, quoted.
pub fn plan_csv_bytes(plan: &Plan) -> u64 {
    let Some(first) = plan.timeline.first() else {
        return 0;
    };
    let names: Vec<_> = first.segments.names().collect();
    let same = plan
        .timeline
        .iter()
        .all(|r| r.segments.len() == names.len() && r.segments.names().eq(names.iter().cloned()));
    let header_name = |name: &str| CSV_FIELDS_PER_SEGMENT * (text_bytes(name) + 32);
    let (header, columns) = if same {
        (
            names.iter().map(|n| header_name(n)).sum::<u64>(),
            names.len() as u64,
        )
    } else {
        // Rows of different segments: every name of every row may be a column of its own.
        let names = plan.timeline.iter().flat_map(|r| r.segments.names());
        names.fold((0, 0), |(bytes, count), n| {
            (bytes + header_name(&n), count + 1)
        })
    };
    let rows = plan.timeline.len() as u64;
    let periods: u64 = plan.timeline.iter().map(|r| text_bytes(&r.period)).sum();
    CSV_BYTES_HEADER
        + header
        + periods
        + rows * (CSV_BYTES_PER_ROW + columns * CSV_FIELDS_PER_SEGMENT * CSV_BYTES_PER_FIELD)
}

/// An upper estimate of the size in bytes of `plan` as a table or a Markdown section (which
/// show no segment per period): a line per period, a few per segment, hire and warning, each
/// text at twice its length for folding and colour.
pub fn plan_table_bytes(plan: &Plan) -> u64 {
    let periods = plan.timeline.len() as u64 * TABLE_BYTES_PER_PERIOD;
    let segments: u64 = plan
        .assumptions
        .segments
        .iter()
        .map(|s| TABLE_BYTES_PER_SEGMENT + 3 * shown_bytes(&s.name))
        .sum();
    let hires: u64 = plan
        .hires
        .iter()
        .map(|h| {
            TABLE_BYTES_PER_ITEM
                + shown_bytes(&h.reason)
                + h.segment.as_deref().map_or(0, shown_bytes)
        })
        .sum();
    let warnings: u64 = plan
        .warnings
        .iter()
        .map(|w| TABLE_BYTES_PER_ITEM + shown_bytes(&w.message))
        .sum();
    TABLE_BYTES_FIXED + periods + segments + hires + warnings
}

/// The upper estimate of `plan`'s size in `format`.
pub fn plan_bytes(plan: &Plan, format: Format) -> u64 {
    match format {
        Format::Json => plan_json_bytes(plan),
        Format::Csv => plan_csv_bytes(plan),
        Format::Table | Format::Markdown => plan_table_bytes(plan),
    }
}

/// Refuses, before a byte of it is written, a plan in `format` past [`MAX_PLAN_BYTES`] by its
/// estimate: a JSON plan `csplan diff` could not read back ([`check_json_plan`]), or a table
/// or CSV larger than the largest plan csplan reads.
pub fn check_output(plan: &Plan, format: Format) -> Result<(), String> {
    if format == Format::Json {
        return check_json_plan(plan);
    }
    let bytes = plan_bytes(plan, format);
    if bytes <= MAX_PLAN_BYTES as u64 {
        return Ok(());
    }
    let name = if format == Format::Csv {
        "CSV"
    } else {
        "table"
    };
    Err(format!(
        "the {name} would take up to {} MB, more than the {} MB csplan writes: plan fewer months \
         (--months, --period quarter) or fewer or shorter-named segments",
        grouped((bytes / 1_000_000) as i64),
        grouped((MAX_PLAN_BYTES / 1_000_000) as i64)
    ))
}
