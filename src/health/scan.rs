//! A look at an accounts file's bytes before it is read row by row: a quote that is never
//! closed (the CSV reader would swallow the rest of the file into one cell and report "row 2
//! has 1 cells"), and the limits on rows and columns, each refused at its line and column.

use crate::csv_scan::{self, Mark, Quoting, Stop};
use crate::diagnostic::Diagnostic;

use super::accounts::MAX_ACCOUNTS;

/// Most columns in a row: an accounts file uses about a dozen; a spreadsheet export rarely
/// has more than a few hundred.
pub const MAX_COLUMNS: usize = 1_000;

/// Most lines (rows, empty ones included) in an accounts file: [`MAX_ACCOUNTS`] accounts, a
/// header and some room for blank lines.
pub const MAX_ROWS: usize = MAX_ACCOUNTS + 10_000;

/// Refuses `source` at the first quote never closed, the first row past [`MAX_ROWS`] or the
/// first cell past [`MAX_COLUMNS`]. Rows are records: a line feed inside a quoted cell does not
/// start one.
pub fn scan(source: &str) -> Result<(), Diagnostic> {
    let (mut row, mut cells, mut quote_row) = (1usize, 1usize, 1usize);
    let scanned = csv_scan::scan(source, Quoting::FirstByte, |mark| match mark {
        Mark::Comma(i) => {
            cells += 1;
            if cells > MAX_COLUMNS {
                return Err(Diagnostic::new(
                    Some(i..i + 1),
                    None,
                    format!(
                        "row {row} has more than {MAX_COLUMNS} cells: csplan reads accounts \
                         files of up to {MAX_COLUMNS} columns"
                    ),
                ));
            }
            Ok(())
        }
        Mark::RecordEnd(i) => {
            row += 1;
            cells = 1;
            if row > MAX_ROWS {
                return Err(Diagnostic::new(
                    Some(i + 1..i + 1),
                    None,
                    format!(
                        "row {row}: the file has more than {MAX_ROWS} rows: csplan reads at \
                         most {MAX_ACCOUNTS} accounts"
                    ),
                ));
            }
            Ok(())
        }
        Mark::QuoteOpens(_) => {
            quote_row = row;
            Ok(())
        }
        Mark::QuotedLineFeed(_) => Ok(()),
    });
    match scanned {
        Ok(()) => Ok(()),
        Err(Stop::Refused(problem)) => Err(problem),
        Err(Stop::UnclosedQuote(opened)) => Err(Diagnostic::new(
            Some(opened..opened + 1),
            None,
            format!(
                "row {quote_row}: the quote that opens this cell is never closed, so the rest of \
                 the file would be one cell: close it with `\"` (write a quote inside a quoted \
                 cell as `\"\"`)"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_named_where_it_opens() {
        let csv = "account,segment,arr\nA,SMB,1\n\"B,SMB,1\nC,SMB,1\n";
        let d = scan(csv).unwrap_err();
        assert_eq!(d.line_column(csv), Some((3, 1)));
        assert!(d.message.starts_with("row 3: the quote"), "{}", d.message);
        // Closed quotes, doubled quotes and quotes inside a cell are fine.
        scan("a,b\n\"x,\"\"y\"\"\",1\nab\"c,2\n\"multi\nline\",3\n").unwrap();
    }

    #[test]
    fn rows_are_records_a_quoted_line_feed_starts_none() {
        // Line 4 of the file, record 3: the accounts reader counts records.
        let csv = "account,notes\nA,\"two\nlines\"\n\"B,x\n";
        let d = scan(csv).unwrap_err();
        assert_eq!(d.line_column(csv), Some((4, 1)));
        assert!(d.message.starts_with("row 3: the quote"), "{}", d.message);
    }

    #[test]
    fn rows_and_columns_are_bounded() {
        let wide = format!("{}\n", ",".repeat(MAX_COLUMNS));
        let d = scan(&wide).unwrap_err();
        assert_eq!(d.line_column(&wide), Some((1, MAX_COLUMNS)));
        let long = "\n".repeat(MAX_ROWS + 1);
        let d = scan(&long).unwrap_err();
        assert_eq!(d.line_column(&long), Some((MAX_ROWS + 1, 1)));
        scan(&",".repeat(MAX_COLUMNS - 1)).unwrap();
    }
}
