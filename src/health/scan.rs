//! A look at an accounts file's bytes before it is read row by row: a quote that is never
//! closed (the CSV reader would swallow the rest of the file into one cell and report "row 2
//! has 1 cells"), and the limits on rows and columns, each refused at its line and column.

use crate::diagnostic::Diagnostic;

use super::accounts::MAX_ACCOUNTS;

/// Most columns in a row: an accounts file uses about a dozen; a spreadsheet export rarely
/// has more than a few hundred.
pub const MAX_COLUMNS: usize = 1_000;

/// Most lines (rows, empty ones included) in an accounts file: [`MAX_ACCOUNTS`] accounts, a
/// header and some room for blank lines.
pub const MAX_ROWS: usize = MAX_ACCOUNTS + 10_000;

/// Refuses `source` at the first quote never closed, the first row past [`MAX_ROWS`] or the
/// first cell past [`MAX_COLUMNS`].
pub fn scan(source: &str) -> Result<(), Diagnostic> {
    let bytes = source.as_bytes();
    let (mut row, mut cells) = (1usize, 1usize);
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' if at_cell_start => {
                let opened = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(Diagnostic::new(
                                Some(opened..opened + 1),
                                None,
                                format!(
                                    "row {row}: the quote that opens this cell is never closed, \
                                     so the rest of the file would be one cell: close it with \
                                     `\"` (write a quote inside a quoted cell as `\"\"`)"
                                ),
                            ));
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                at_cell_start = false;
                continue;
            }
            b',' => {
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
                at_cell_start = true;
            }
            b'\n' => {
                row += 1;
                cells = 1;
                at_cell_start = true;
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
            }
            // As the CSV reader: a quote opens a quoted cell only as the cell's first byte.
            b'\r' => {}
            _ => at_cell_start = false,
        }
        i += 1;
    }
    Ok(())
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
