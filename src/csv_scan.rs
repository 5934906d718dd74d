//! The structure of a CSV text as the CSV reader will see it, scanned before it is read: where
//! cells and records end, and a quote that opens a cell and is never closed (the reader would
//! swallow the rest of the file into that one cell and report a short row instead).
//!
//! Every reader of a CSV file (accounts, actuals) scans with [`scan`] and words its own problems
//! from the [`Mark`]s it meets: each counts rows its own way (records, or lines of the file).

/// What the scan meets, in the order of the text; each with its byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A `,` that ends a cell.
    Comma(usize),
    /// A line feed that ends a record.
    RecordEnd(usize),
    /// A quote that opens a quoted cell.
    QuoteOpens(usize),
    /// A line feed inside a quoted cell: a new line of the file within the same record.
    QuotedLineFeed(usize),
}

/// Why a scan stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop<E> {
    /// The quote at this byte opens a cell and is never closed.
    UnclosedQuote(usize),
    /// The caller's own refusal, returned from its look at a [`Mark`].
    Refused(E),
}

/// How a quote opens a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoting {
    /// Only as the cell's first byte (a carriage return before it aside), as the CSV reader
    /// reads quotes.
    FirstByte,
    /// Also after spaces and tabs, for a reader that trims its cells: ` "1,5"` is read as a
    /// quoted cell by a person, whatever the reader makes of it.
    AfterBlanks,
}

/// Scans `source`, passing each [`Mark`] to `each` in order. Stops at the first refusal `each`
/// returns, or at a quote that opens a cell and is never closed. A doubled quote inside a quoted
/// cell is a quote in it.
pub fn scan<E>(
    source: &str,
    quoting: Quoting,
    mut each: impl FnMut(Mark) -> Result<(), E>,
) -> Result<(), Stop<E>> {
    let bytes = source.as_bytes();
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' if at_cell_start => {
                let opened = i;
                each(Mark::QuoteOpens(opened)).map_err(Stop::Refused)?;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return Err(Stop::UnclosedQuote(opened)),
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b'\n') => {
                            each(Mark::QuotedLineFeed(i)).map_err(Stop::Refused)?;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                at_cell_start = false;
                continue;
            }
            b',' => {
                each(Mark::Comma(i)).map_err(Stop::Refused)?;
                at_cell_start = true;
            }
            b'\n' => {
                each(Mark::RecordEnd(i)).map_err(Stop::Refused)?;
                at_cell_start = true;
            }
            b'\r' => {}
            b' ' | b'\t' if quoting == Quoting::AfterBlanks => {}
            _ => at_cell_start = false,
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(source: &str, quoting: Quoting) -> (Vec<Mark>, Result<(), Stop<()>>) {
        let mut seen = Vec::new();
        let end = scan(source, quoting, |m| {
            seen.push(m);
            Ok::<(), ()>(())
        });
        (seen, end)
    }

    #[test]
    fn cells_records_and_quoted_line_feeds_are_marked_in_order() {
        let (seen, end) = marks("a,\"x\ny\"\nb\n", Quoting::FirstByte);
        assert_eq!(end, Ok(()));
        assert_eq!(
            seen,
            [
                Mark::Comma(1),
                Mark::QuoteOpens(2),
                Mark::QuotedLineFeed(4),
                Mark::RecordEnd(7),
                Mark::RecordEnd(9),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_stops_the_scan_where_it_opens() {
        let source = "a,b\n1,\"2\n3,4\n";
        assert_eq!(
            marks(source, Quoting::FirstByte).1,
            Err(Stop::UnclosedQuote(6))
        );
        // Doubled quotes and quotes inside a cell do not open one.
        assert_eq!(
            marks("\"x,\"\"y\"\"\",1\nab\"c,2\n", Quoting::FirstByte).1,
            Ok(())
        );
        // After a blank, a quote opens a cell only for a reader that trims.
        assert_eq!(marks("a, \"1\n", Quoting::FirstByte).1, Ok(()));
        assert_eq!(
            marks("a, \"1\n", Quoting::AfterBlanks).1,
            Err(Stop::UnclosedQuote(3))
        );
    }

    #[test]
    fn the_callers_refusal_stops_the_scan() {
        let mut commas = 0;
        let end = scan("a,b,c,d\n", Quoting::FirstByte, |m| {
            if let Mark::Comma(at) = m {
                commas += 1;
                if commas == 2 {
                    return Err(at);
                }
            }
            Ok(())
        });
        assert_eq!(end, Err(Stop::Refused(3)));
    }
}
