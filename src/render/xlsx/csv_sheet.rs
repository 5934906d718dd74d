//! A workbook of one sheet in the shape of a command's CSV (`diff`, `--compare-stances`,
//! `--simulate`, `health`): the CSV's header row frozen and bold, a column whose every cell
//! is a number written as numbers, `true` / `false` columns as booleans, everything else as
//! text — never as a formula. A column `X.change` beside numeric `X.old` and `X.new` (the
//! diff's) is csplan's own formula, `= new − old`, with its cached result, so a corrected
//! figure moves its change.

use super::cells::{Cached, Styles, WorkbookError, check_rows, column, workbook};

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Boolean,
    Text,
}

/// A number as csplan's CSV writes one: an optional minus, digits without a leading zero, an
/// optional fraction or exponent. `007` or `1,200` stay text.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (mantissa, exponent) = match digits.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (digits, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole)
        && (whole == "0" || !whole.starts_with('0'))
        && fraction.is_none_or(all_digits)
        && exponent.is_none_or(|e| all_digits(e.strip_prefix(['-', '+']).unwrap_or(e)))
        && cell.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The kind of each column: the narrowest that every non-empty cell fits.
fn kinds(rows: &[csv::StringRecord], width: usize) -> Vec<Kind> {
    (0..width)
        .map(|col| {
            let mut cells = rows
                .iter()
                .filter_map(|r| r.get(col))
                .filter(|c| !c.is_empty())
                .peekable();
            if cells.peek().is_none() {
                return Kind::Text;
            }
            let cells: Vec<&str> = cells.collect();
            if cells.iter().all(|c| is_number(c)) {
                Kind::Number
            } else if cells.iter().all(|c| *c == "true" || *c == "false") {
                Kind::Boolean
            } else {
                Kind::Text
            }
        })
        .collect()
}

/// The `X.change` columns whose `X.old` and `X.new` columns are all numbers, each with those
/// two columns.
fn changes(
    header: &csv::StringRecord,
    kinds: &[Kind],
) -> std::collections::HashMap<usize, (usize, usize)> {
    let names: Vec<&str> = header.iter().collect();
    let numeric = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .filter(|&c| kinds.get(c) == Some(&Kind::Number))
    };
    names
        .iter()
        .enumerate()
        .filter_map(|(col, name)| {
            let stem = name.strip_suffix(".change")?;
            numeric(name)?;
            Some((
                col,
                (
                    numeric(&format!("{stem}.old"))?,
                    numeric(&format!("{stem}.new"))?,
                ),
            ))
        })
        .collect()
}

/// One sheet named `sheet` holding `csv` (a header row, then rows, as csplan writes CSV).
pub fn csv_workbook(sheet: &str, csv: &str) -> Result<Vec<u8>, WorkbookError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(csv.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| WorkbookError::new(format!("the CSV to write is not readable: {e}")))?
        .clone();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| WorkbookError::new(format!("the CSV to write is not readable: {e}")))?;
    check_rows(sheet, rows.len())?;
    let mut book = workbook(&format!("csplan: {sheet}"));
    let styles = Styles::new("");
    let mut cells = super::cells::sheet(&mut book, sheet)?;
    let titles: Vec<(&str, f64)> = header
        .iter()
        .map(|h| (h, (h.chars().count() as f64 + 2.0).clamp(8.0, 40.0)))
        .collect();
    cells.header(&titles, 1, &styles.header)?;
    let kinds = kinds(&rows, header.len());
    let changes = changes(&header, &kinds);
    for (i, record) in rows.iter().enumerate() {
        let row = i + 1;
        for (col, cell) in record.iter().enumerate().take(u16::MAX as usize) {
            let col16 = col as u16;
            if let Some(&(old, new)) = changes.get(&col) {
                let value = |c: usize| record.get(c).and_then(|v| v.parse::<f64>().ok());
                if let (Some(o), Some(n)) = (value(old), value(new)) {
                    let formula = format!(
                        "={}{r}-{}{r}",
                        column(new as u16),
                        column(old as u16),
                        r = row + 1
                    );
                    cells.formula(row, col16, &formula, Cached::Number(n - o), &styles.plain)?;
                    continue;
                }
            }
            if cell.is_empty() {
                continue;
            }
            match kinds.get(col).copied().unwrap_or(Kind::Text) {
                Kind::Number => {
                    let value = cell.parse::<f64>().unwrap_or(0.0);
                    cells.number(row, col16, value, &styles.plain)?;
                }
                Kind::Boolean => cells.boolean(row, col16, cell == "true")?,
                Kind::Text => cells.text(row, col16, cell, &styles.plain)?,
            }
        }
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_what_csplan_writes_as_numbers() {
        for yes in ["0", "12", "-3", "0.25", "1200.5", "1e-7", "-2.5E+3"] {
            assert!(is_number(yes), "{yes}");
        }
        for no in [
            "", "007", "1,200", "=1+1", "+1", "-", "1.", ".5", "NaN", "inf", "1e999",
        ] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn a_change_beside_its_old_and_new_is_a_live_formula() {
        use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
        let csv = "period,arr.old,arr.new,arr.change,note.change\r\n2027-01,100,130,30,x\r\n\
                   2027-02,,130,,y\r\n";
        let bytes = csv_workbook("Diff", csv).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Diff").unwrap();
        let formulas = book.worksheet_formula("Diff").unwrap();
        let formula = |r: u32, c: u32| formulas.get_value((r, c)).cloned().unwrap_or_default();
        assert_eq!(formula(1, 3).trim_start_matches('='), "C2-B2");
        assert_eq!(range.get_value((1, 3)), Some(&Data::Float(30.0)));
        // Without an old figure there is no change to compute; text is never a formula.
        assert_eq!(formula(2, 3), "");
        assert_eq!(formula(1, 4), "");
        assert_eq!(range.get_value((1, 4)), Some(&Data::String("x".into())));
    }

    #[test]
    fn cells_keep_their_types_and_formula_text_stays_text() {
        use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
        let csv = "account,arr,red,note\r\n=1+1,1200,true,-2+3\r\n@SUM(A1),-50.5,false,\"\tx\"\r\n\
                   007,0,true,+cmd\r\n";
        let bytes = csv_workbook("Accounts", csv).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Accounts").unwrap();
        let formulas = book.worksheet_formula("Accounts").unwrap();
        assert!(
            formulas.rows().flatten().all(String::is_empty),
            "{formulas:?}"
        );
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap();
        assert_eq!(cell(1, 0), Data::String("=1+1".into()));
        assert_eq!(cell(2, 0), Data::String("@SUM(A1)".into()));
        // `007` makes the column text: an id is never turned into 7.
        assert_eq!(cell(3, 0), Data::String("007".into()));
        assert_eq!(cell(1, 1), Data::Float(1200.0));
        assert_eq!(cell(2, 1), Data::Float(-50.5));
        assert_eq!(cell(1, 2), Data::Bool(true));
        assert_eq!(cell(1, 3), Data::String("-2+3".into()));
        assert_eq!(cell(2, 3), Data::String("\tx".into()));
        assert_eq!(cell(3, 3), Data::String("+cmd".into()));
    }
}
