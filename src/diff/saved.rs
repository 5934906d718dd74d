//! A plan read back from JSON is only as good as the file: it may come from another version of
//! csplan or have been edited by hand. Before comparing, check what the comparison relies on.

use serde_json::Value;

use crate::plan::{Plan, SCHEMA_VERSION};
use crate::{MAX_ARR, MAX_PEOPLE_PER_ROLE};

/// Longest timeline csplan writes: 120 months.
const MAX_PERIODS: usize = 120;

/// Why a saved plan cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SavedPlanError(String);

/// Fills what a plan saved by an older csplan lacks: each row's `period_months` (read as 0)
/// becomes the months of a whole period.
pub fn complete_saved_plan(plan: &mut Plan) {
    let whole = plan.period.months();
    for row in plan.timeline.iter_mut().filter(|r| r.period_months == 0) {
        row.period_months = whole;
    }
}

/// Checks a plan read from JSON: the schema version, a timeline of 1 to 120 periods with unique
/// labels and increasing months within 1..=120, the same segments in every row, headcounts
/// within csplan's limit of people per role, every number finite and within csplan's range
/// (|x| ≤ 10^15, amounts not negative), and every text free of control characters,
/// bidirectional controls and invisible characters (the same rule as for a base: a plan
/// csplan writes never holds one, and `diff` prints them).
pub fn check_saved_plan(plan: &Plan) -> Result<(), SavedPlanError> {
    let fail = |message: String| Err(SavedPlanError(message));
    if plan.schema_version != SCHEMA_VERSION {
        return fail(format!(
            "schema_version is {}; this csplan reads plans of schema_version {SCHEMA_VERSION}",
            plan.schema_version
        ));
    }
    if plan.timeline.is_empty() || plan.timeline.len() > MAX_PERIODS {
        return fail(format!(
            "the timeline has {} periods; a plan has 1 to {MAX_PERIODS}",
            plan.timeline.len()
        ));
    }
    if !(1..=12).contains(&plan.assumptions.fiscal_year_start) {
        return fail(format!(
            "assumptions.fiscal_year_start is {}; a month is 1..=12",
            plan.assumptions.fiscal_year_start
        ));
    }
    let segments = plan.timeline[0].segments.len();
    let mut last_month = 0;
    for (i, row) in plan.timeline.iter().enumerate() {
        if row.period_months > plan.period.months() {
            return fail(format!(
                "timeline[{i}] (period {}): period_months is {}; a {} holds at most {}",
                row.period,
                row.period_months,
                plan.period.noun(1),
                plan.period.months()
            ));
        }
        if row.month <= last_month || row.month > MAX_PERIODS as u32 {
            return fail(format!(
                "timeline[{i}] (period {}): month {} does not follow month {last_month} within \
                 1..={MAX_PERIODS}",
                row.period, row.month
            ));
        }
        last_month = row.month;
        if plan.timeline[..i].iter().any(|r| r.period == row.period) {
            return fail(format!(
                "timeline[{i}]: period {} appears twice",
                row.period
            ));
        }
        if row.segments.len() != segments {
            return fail(format!(
                "timeline[{i}] (period {}) has {} segments; the first row has {segments}",
                row.period,
                row.segments.len()
            ));
        }
        let people = [
            ("csm", row.csm),
            ("support", row.support),
            ("onboarding", row.onboarding),
            ("lead", row.lead),
        ];
        for (role, count) in people {
            if count > MAX_PEOPLE_PER_ROLE {
                return fail(format!(
                    "timeline[{i}].{role} is {count}; csplan plans at most {MAX_PEOPLE_PER_ROLE} \
                     people per role"
                ));
            }
        }
        let most_starts = MAX_PEOPLE_PER_ROLE * people.len() as u32;
        if row.new_hires > most_starts {
            return fail(format!(
                "timeline[{i}].new_hires is {}; at most {most_starts} people start in a period",
                row.new_hires
            ));
        }
    }
    // Piece by piece, so that checking a plan of thousands of segments never holds a second
    // copy of it.
    let piece = |path: &str, value: Result<Value, serde_json::Error>| {
        let value = value.map_err(|e| SavedPlanError(e.to_string()))?;
        check_values(path, &value)
    };
    piece("company", serde_json::to_value(&plan.company))?;
    piece("currency", serde_json::to_value(&plan.currency))?;
    piece("assumptions", serde_json::to_value(&plan.assumptions))?;
    piece("breakeven", serde_json::to_value(&plan.breakeven))?;
    for (i, row) in plan.timeline.iter().enumerate() {
        piece(&format!("timeline[{i}]"), serde_json::to_value(row))?;
    }
    for (i, hire) in plan.hires.iter().enumerate() {
        piece(&format!("hires[{i}]"), serde_json::to_value(hire))?;
    }
    piece("warnings", serde_json::to_value(&plan.warnings))?;
    piece("totals", serde_json::to_value(&plan.totals))?;
    piece("benchmarks", serde_json::to_value(&plan.benchmarks))?;
    piece("health", serde_json::to_value(&plan.health))
}

/// Every number finite and within ±10^15; amounts (whole numbers) not negative; every text
/// printable.
fn check_values(path: &str, value: &Value) -> Result<(), SavedPlanError> {
    match value {
        Value::Object(map) => map
            .iter()
            .try_for_each(|(key, v)| check_values(&join(path, key), v)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_values(&format!("{path}[{i}]"), v)),
        Value::String(text) => match crate::text::refusal(text) {
            Some(why) => Err(SavedPlanError(format!(
                "{path} = \"{}\" {why}",
                crate::text::escaped(&crate::input::short(text))
            ))),
            None => Ok(()),
        },
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::INFINITY);
            if !x.is_finite() || x.abs() > MAX_ARR {
                Err(SavedPlanError(format!(
                    "{path} is {n}; csplan's numbers lie within ±10^15"
                )))
            } else if n.is_i64() && x < 0.0 {
                Err(SavedPlanError(format!(
                    "{path} is {n}; amounts and counts are never negative"
                )))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
