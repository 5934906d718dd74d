//! `--format csv`: the timeline flattened, one row per period under one header row (RFC 4180).
//!
//! The layout is *wide*: every field of a JSON timeline row is a column, named as in the JSON
//! (`arr`, `cs_cost`, …); a nested field is named by its path (`cost.csm`), and each segment
//! gets its own columns, `segments.<name>.<field>`, in the order of the base file. A
//! spreadsheet then charts or sums any column against `period` without a pivot table, which a
//! long layout (one row per period and segment) would need.
//!
//! The columns are derived from the JSON row itself, so CSV and JSON cannot drift apart: a
//! field added to the JSON becomes a column. Numbers are written as in the JSON (same
//! rounding), booleans as `true`/`false`, and a `null` (a ratio without a denominator) as an
//! empty cell.
//!
//! Every CSV csplan writes (plan, stances, diff, simulation, health) passes its text cells
//! through [`inert_cell`], so a name such as `=HYPERLINK("http://…")` from a base or an
//! accounts file is never run as a formula by the spreadsheet that opens the file.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use super::grid::Grid;
use crate::plan::Plan;

/// A text cell made inert for a spreadsheet: a cell a spreadsheet would run as a formula or
/// command (its first character `=`, `+`, `-`, `@`, a tab, CR or LF, or after leading blanks
/// `=`, `+`, `-`, `@` or their full-width forms) gets a single quote `'` in front, which a
/// spreadsheet reads as "this is text" (OWASP's advice for CSV injection). A plain decimal
/// number (`-1200`, `0.25`, `1e-7`) is a number, not a formula, and is left as it is.
pub fn inert_cell(cell: &str) -> Cow<'_, str> {
    const ACTIVE: [char; 8] = [
        '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ];
    let runs = cell.starts_with(['\t', '\r', '\n'])
        || cell
            .trim_start_matches([' ', '\t', '\r', '\n', '\u{3000}'])
            .starts_with(ACTIVE);
    if runs && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-?digits[.digits][e[+-]digits]`: how csplan writes a number (never `inf` or `NaN`).
fn is_plain_number(cell: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = cell.strip_prefix('-').unwrap_or(cell);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let whole_and_fraction = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    whole_and_fraction && exponent.is_none_or(digits)
}

/// The plan's timeline as CSV.
pub fn render_csv(plan: &Plan) -> String {
    csv_of(&plan.timeline)
}

/// Any serializable rows as CSV, one line per row, the columns named by their flattened
/// field paths in the order they first appear. Every row normally has the same columns; a row
/// without one (a saved plan edited by hand, a segment missing from a period) gets an empty
/// cell there, so every line has as many fields as the header.
pub(crate) fn csv_of<T: Serialize>(rows: &[T]) -> String {
    let rows: Vec<Vec<(String, String)>> = rows
        .iter()
        .map(|row| {
            let value = serde_json::to_value(row).expect("output types always serialize");
            let mut cells = Vec::new();
            flatten("", &value, &mut cells);
            cells
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let mut columns: Vec<&str> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (name, _) in rows.iter().flatten() {
        index.entry(name.as_str()).or_insert_with(|| {
            columns.push(name.as_str());
            columns.len() - 1
        });
    }
    let header: Vec<(&str, bool)> = columns.iter().map(|name| (*name, true)).collect();
    let mut grid = Grid::new(&header);
    for cells in &rows {
        let mut line = vec![String::new(); columns.len()];
        for (name, cell) in cells {
            line[index[name.as_str()]] = cell.clone();
        }
        grid.push(line);
    }
    grid.to_csv()
}

/// Appends `(column, cell)` pairs for `value` under the column prefix `prefix`.
fn flatten(prefix: &str, value: &Value, cells: &mut Vec<(String, String)>) {
    let name = |key: &str| {
        if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        }
    };
    match value {
        Value::Object(map) => {
            for (key, field) in map {
                flatten(&name(key), field, cells);
            }
        }
        // The segments of a row: keyed by segment name, which the row already carries.
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let key = item
                    .get("name")
                    .and_then(Value::as_str)
                    .map_or_else(|| i.to_string(), str::to_string);
                let Value::Object(map) = item else {
                    flatten(&name(&key), item, cells);
                    continue;
                };
                for (field, inner) in map.iter().filter(|(field, _)| *field != "name") {
                    flatten(&format!("{}.{field}", name(&key)), inner, cells);
                }
            }
        }
        Value::Null => cells.push((prefix.to_string(), String::new())),
        Value::String(text) => cells.push((prefix.to_string(), text.clone())),
        Value::Bool(b) => cells.push((prefix.to_string(), b.to_string())),
        Value::Number(n) => cells.push((prefix.to_string(), n.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let base = crate::input::parse(
            "[company]\nname = \"A\"\nstart = \"2027-01\"\nhorizon_months = 6\n\
             [[segment]]\nname = \"SMB, EU\"\ncustomers = 120\narpa = 9000\nannual_churn = 0.1\n\
             [[segment]]\nname = \"Big\"\ncustomers = 3\narpa = 90000\nannual_churn = 0.05\n",
        )
        .unwrap();
        crate::plan(&base, &Default::default()).unwrap()
    }

    #[test]
    fn one_row_per_period_under_the_json_names() {
        let plan = plan();
        let csv = render_csv(&plan);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), plan.timeline.len() + 1);
        let header = lines[0];
        assert!(
            header.starts_with("period,month,period_months,partial,customers,arr,"),
            "{header}"
        );
        for column in [
            ",cs_cost,",
            ",csm_spend_ratio,",
            ",cost.csm,",
            ",\"segments.SMB, EU.arr\",",
            ",segments.Big.csm_need_fte,",
        ] {
            assert!(header.contains(column), "{column} missing from {header}");
        }
        assert!(lines[1].starts_with("2027-01,1,"), "{}", lines[1]);
        // Every line has as many fields as the header.
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        let width = reader.headers().unwrap().len();
        for record in reader.records() {
            assert_eq!(record.unwrap().len(), width);
        }
    }

    #[test]
    fn formulas_are_made_inert_and_numbers_are_kept() {
        for active in [
            "=HYPERLINK(\"http://evil\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "\n=1",
            "  =1+1",
            "\u{ff1d}1+1",
            "-",
            "-inf",
            "-NaN",
            "--1",
            "-1-",
            "-1e",
            "-.5",
        ] {
            assert_eq!(inert_cell(active), format!("'{active}"), "{active:?}");
        }
        for kept in [
            "-1200", "-0.25", "-1e-7", "-2.5E+3", "1200", "Acme", "a=b", "2027-01", "", "'x",
        ] {
            assert_eq!(inert_cell(kept), kept, "{kept:?}");
        }
    }

    #[test]
    fn a_null_ratio_is_an_empty_cell() {
        let mut plan = plan();
        plan.timeline[0].csm_spend_ratio = None;
        plan.timeline[0].over_cap = true;
        let csv = render_csv(&plan);
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let first = reader.records().next().unwrap().unwrap();
        assert_eq!(&first[at("csm_spend_ratio")], "");
        assert_eq!(&first[at("over_cap")], "true");
    }
}
