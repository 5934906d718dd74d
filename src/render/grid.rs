//! A plain grid of text cells — a header and rows — and the three ways csplan writes one: a
//! CSV file (RFC 4180, via the `csv` crate), a Markdown table (for PR comments) and an aligned
//! text table (comfy-table). The plan, diff and stance-comparison renderers build a grid and
//! pick the writer.

use super::csv::inert_cell;
use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};

/// The prose around a grid folds with the one folder of [`super::fit`].
pub(crate) use super::fit::fold;

/// Columns separated by spaces, one rule under the header: compact, and it pastes anywhere.
pub(crate) const PLAN_STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction('-'));

/// A header and rows of cells; `numeric` columns are right-aligned in text and Markdown.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub header: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// A grid with these column names; `numeric[i]` right-aligns column `i`.
    pub fn new(header: &[(&str, bool)]) -> Self {
        Self {
            header: header.iter().map(|(h, _)| (*h).to_string()).collect(),
            numeric: header.iter().map(|(_, n)| *n).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row (one cell per column).
    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.header.len());
        self.rows.push(row);
    }

    /// RFC 4180 CSV: a header line, then one line per row, each ended by CRLF as the RFC
    /// specifies; fields quoted only when they hold a comma, a quote or a line break; a cell a
    /// spreadsheet would run as a formula made inert ([`inert_cell`]).
    pub fn to_csv(&self) -> String {
        let mut writer = ::csv::WriterBuilder::new()
            .flexible(true)
            .terminator(::csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let written = std::iter::once(&self.header)
            .chain(&self.rows)
            .try_for_each(|record| {
                writer.write_record(record.iter().map(|cell| inert_cell(cell).into_owned()))
            });
        written.expect("writing to memory cannot fail");
        let bytes = writer.into_inner().expect("writing to memory cannot fail");
        String::from_utf8(bytes).expect("cells are UTF-8")
    }

    /// A GitHub-flavoured Markdown table.
    pub fn to_markdown(&self) -> String {
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| markdown_cell(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        let mut out = line(&self.header);
        let rule: Vec<&str> = self
            .numeric
            .iter()
            .map(|&n| if n { "--:" } else { "---" })
            .collect();
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }

    /// The same grid without column `index`.
    pub fn without(&self, index: usize) -> Grid {
        let drop = |cells: &[String]| -> Vec<String> {
            cells
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, c)| c.clone())
                .collect()
        };
        Grid {
            header: drop(&self.header),
            numeric: (self.numeric.iter().enumerate())
                .filter_map(|(i, n)| (i != index).then_some(*n))
                .collect(),
            rows: self.rows.iter().map(|r| drop(r)).collect(),
        }
    }

    /// An aligned text table, newline-terminated, with no trailing spaces: two spaces between
    /// columns, or one when that is what fits `width`.
    /// When even one space is too wide and the last column is text (a note), that column's
    /// cells fold within it instead.
    pub fn to_text(&self, width: usize) -> String {
        let text = super::fit::first_fitting(&[1, 0], width, |gap| self.to_text_with(gap, None));
        if super::fit::widest(&text) <= width || self.numeric.last() != Some(&false) {
            return text;
        }
        self.to_text_with(0, Some(width))
    }

    /// The grid with `gap` spaces between columns; with `fold_to`, as wide as that at most,
    /// by folding the last column.
    fn to_text_with(&self, gap: u16, fold_to: Option<usize>) -> String {
        let mut table = Table::new();
        table
            .load_style(PLAN_STYLE)
            .set_content_arrangement(match fold_to {
                Some(_) => ContentArrangement::Dynamic,
                None => ContentArrangement::Disabled,
            })
            .set_header(self.header.clone());
        if let Some(width) = fold_to {
            table.set_width(u16::try_from(width).unwrap_or(u16::MAX));
        }
        for row in &self.rows {
            table.add_row(row.clone());
        }
        // `gap` spaces after comfy-table's one between columns, none before the first.
        for (i, numeric) in self.numeric.iter().enumerate() {
            if let Some(column) = table.column_mut(i) {
                let last = i + 1 == self.numeric.len();
                column.set_padding((0, if last { 0 } else { gap }));
                if *numeric {
                    column.set_cell_alignment(CellAlignment::Right);
                }
                if fold_to.is_some() && !last {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        let mut text = table.trim_fmt();
        text.push('\n');
        text
    }
}

/// Text made safe for a Markdown table cell or paragraph: no table breaks, no HTML, no
/// accidental emphasis or links.
pub(crate) fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fit::DEFAULT_WIDTH as WIDTH;

    fn sample() -> Grid {
        let mut grid = Grid::new(&[("name", false), ("arr", true)]);
        grid.push(vec!["Acme, \"Inc\"".into(), "1200".into()]);
        grid.push(vec!["a|b".into(), String::new()]);
        grid
    }

    #[test]
    fn csv_quotes_only_what_needs_quoting() {
        assert_eq!(
            sample().to_csv(),
            "name,arr\r\n\"Acme, \"\"Inc\"\"\",1200\r\na|b,\r\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes_and_html() {
        let md = sample().to_markdown();
        assert_eq!(
            md,
            "| name | arr |\n|---|--:|\n| Acme, \"Inc\" | 1200 |\n| a\\|b |  |\n"
        );
        assert_eq!(markdown_cell("<b>*x*</b>"), "&lt;b&gt;\\*x\\*&lt;/b&gt;");
    }

    #[test]
    fn text_right_aligns_numbers() {
        let text = sample().to_text(WIDTH);
        assert!(text.lines().all(|l| !l.ends_with(' ')), "{text}");
        assert!(text.contains("1200"), "{text}");
    }
}
