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
use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use super::grid::Grid;
use crate::plan::{Plan, Row, SegmentRow};

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
    let mut out = Vec::new();
    write_csv(plan, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("cells are UTF-8")
}

/// Writes the plan's timeline as [`render_csv`] renders it, row by row: a plan of thousands of
/// segments (a row of tens of thousands of cells) is never held whole. Give it a buffered
/// writer.
///
/// The columns are those [`csv_of`] derives from the JSON rows. A row's own fields are the
/// same in every row; its segments come after them (the last field of a row), each segment's
/// fields under its name. When every row has the same segments, under distinct names, each
/// line is written as it is made; otherwise (a saved plan edited by hand) the lines are laid
/// out as [`csv_of`] lays them out, which gives a missing cell an empty field.
pub fn write_csv(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    let rows = &plan.timeline;
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let names: Vec<Arc<str>> = first.segments.names().collect();
    let distinct = names.iter().collect::<HashSet<_>>().len() == names.len();
    if !distinct
        || !rows
            .iter()
            .all(|r| r.segments.names().eq(names.iter().cloned()))
    {
        return out.write_all(csv_of(rows).as_bytes());
    }
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let mut header: Vec<String> = own_cells(first).into_iter().map(|(n, _)| n).collect();
    for name in &names {
        header.extend(
            SEGMENT_FIELDS
                .iter()
                .map(|field| format!("segments.{name}.{field}")),
        );
    }
    writer.write_record(header.iter().map(|cell| inert_cell(cell).into_owned()))?;
    let mut scratch = Vec::new();
    for row in rows {
        for (_, cell) in own_cells(row) {
            writer.write_field(inert_cell(&cell).as_bytes())?;
        }
        for segment in row.segments.iter() {
            write_segment(&mut writer, &segment, &mut scratch)?;
        }
        writer.write_record(std::iter::empty::<&[u8]>())?;
    }
    writer.flush()
}

/// A row's own `(column, cell)` pairs, its segments left out.
fn own_cells(row: &Row) -> Vec<(String, String)> {
    let mut own = row.clone();
    own.segments.clear();
    let value = serde_json::to_value(&own).expect("output types always serialize");
    let mut cells = Vec::new();
    flatten("", &value, &mut cells);
    cells
}

/// A segment row's fields but its name, in the JSON's order: the columns under each
/// segment's name. A test holds them to the JSON.
pub(crate) const SEGMENT_FIELDS: [&str; 11] = [
    "customers",
    "arr",
    "csm_need_fte",
    "churned_arr",
    "expanded_arr",
    "new_arr",
    "grr",
    "nrr",
    "coverage",
    "arr_at_risk",
    "churned_arr_at_risk",
];

/// Writes a segment row's cells but its name, in [`SEGMENT_FIELDS`] order, as [`flatten`]
/// writes them from the JSON (numbers as JSON writes them), without building the JSON value.
fn write_segment<W: Write>(
    writer: &mut ::csv::Writer<W>,
    s: &SegmentRow,
    scratch: &mut Vec<u8>,
) -> io::Result<()> {
    let mut number = |value: Number| -> io::Result<()> {
        scratch.clear();
        match value {
            Number::Int(i) => write!(scratch, "{i}")?,
            Number::Float(x) if x.is_finite() => serde_json::to_writer(&mut *scratch, &x)?,
            Number::Float(_) | Number::Empty => {}
        }
        writer.write_field(&scratch[..])?;
        Ok(())
    };
    number(Number::Float(s.customers))?;
    number(Number::Int(s.arr))?;
    number(Number::Float(s.csm_need_fte))?;
    number(Number::Int(s.churned_arr))?;
    number(Number::Int(s.expanded_arr))?;
    number(Number::Int(s.new_arr))?;
    number(Number::Float(s.grr))?;
    number(Number::Float(s.nrr))?;
    number(s.coverage.map_or(Number::Empty, Number::Float))?;
    number(Number::Int(s.arr_at_risk))?;
    number(Number::Int(s.churned_arr_at_risk))
}

/// A cell of a segment row.
enum Number {
    Int(i64),
    Float(f64),
    /// `null` in the JSON: an empty cell.
    Empty,
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
    fn the_plan_written_row_by_row_is_the_csv_of_its_json_rows() {
        let plan = plan();
        assert_eq!(render_csv(&plan), csv_of(&plan.timeline));
        // The segment columns are the JSON's, field for field.
        let value = serde_json::to_value(plan.timeline[0].segments.get(0).unwrap()).unwrap();
        let fields: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "name")
            .collect();
        assert_eq!(fields, SEGMENT_FIELDS);
        // A plan whose rows hold different segments (a saved plan edited by hand) is laid out
        // by its columns as they appear.
        let mut uneven = plan.clone();
        uneven.timeline[2].segments.clear();
        let csv = render_csv(&uneven);
        assert_eq!(csv, csv_of(&uneven.timeline));
        let third = csv.lines().nth(3).unwrap();
        assert!(third.ends_with(",,,,,,,,,,,,,,,,"), "{third}");
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
