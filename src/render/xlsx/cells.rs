//! Writing cells safely and the same way every time: text is always a string cell (never a
//! formula, whatever it starts with), a formula always carries its cached result, and the
//! workbook has no timestamp.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("could not write the workbook: {0}")]
pub struct WorkbookError(String);

impl WorkbookError {
    pub(super) fn new(message: impl Into<String>) -> Self {
        WorkbookError(message.into())
    }
}

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        WorkbookError(e.to_string())
    }
}

/// The most rows a sheet holds (Excel's limit), header included.
pub(super) const MAX_ROWS: usize = 1_048_576;

/// Excel refuses a text cell longer than this.
const MAX_TEXT: usize = 32_767;

/// A sheet with more rows than Excel holds is refused, not cut.
pub(super) fn check_rows(sheet: &str, rows: usize) -> Result<(), WorkbookError> {
    if rows + 1 > MAX_ROWS {
        return Err(WorkbookError::new(format!(
            "the {sheet} sheet would need {} rows; a sheet holds {MAX_ROWS}",
            rows + 1
        )));
    }
    Ok(())
}

/// A new workbook whose document properties carry a fixed creation time, so the same plan
/// always gives the same bytes.
pub(super) fn workbook(title: &str) -> Workbook {
    let mut workbook = Workbook::new();
    // A fixed, valid date: the file records no clock.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).expect("2000-01-01 is a date");
    workbook.set_properties(
        &DocProperties::new()
            .set_title(text_of(title))
            .set_author("csplan")
            .set_creation_datetime(&created),
    );
    workbook
}

/// `text`, cut to what a cell holds.
fn text_of(text: &str) -> String {
    if text.chars().count() <= MAX_TEXT {
        return text.to_string();
    }
    text.chars().take(MAX_TEXT).collect()
}

/// The number formats and the header style of one workbook.
pub(super) struct Styles {
    pub header: Format,
    pub money: Format,
    pub percent: Format,
    pub count: Format,
    pub fte: Format,
    pub plain: Format,
    pub bold: Format,
}

impl Styles {
    /// Money in `currency`: its symbol before the amount (`$1,234`), else its code after.
    pub fn new(currency: &str) -> Self {
        let quoted = |s: &str| format!("\"{}\"", s.replace('"', ""));
        let money = match crate::format::symbol(currency) {
            Some(sym) => format!("{0}#,##0;-{0}#,##0", quoted(sym)),
            None => format!("#,##0 {0};-#,##0 {0}", quoted(currency)),
        };
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border_bottom(FormatBorder::Thin),
            money: Format::new().set_num_format(money),
            percent: Format::new().set_num_format("0.0%"),
            count: Format::new().set_num_format("#,##0"),
            fte: Format::new().set_num_format("0.00"),
            plain: Format::new(),
            bold: Format::new().set_bold(),
        }
    }
}

/// The cached result of a formula, as a reader that does not recalculate shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cached<'a> {
    Number(f64),
    Bool(bool),
    Text(&'a str),
}

impl Cached<'_> {
    fn result(self) -> String {
        match self {
            // Never NaN or infinity: a formula's inputs are finite, its divisions guarded.
            Cached::Number(v) if v.is_finite() => v.to_string(),
            Cached::Number(_) => "0".to_string(),
            Cached::Bool(true) => "TRUE".to_string(),
            Cached::Bool(false) => "FALSE".to_string(),
            Cached::Text(t) => t.to_string(),
        }
    }
}

/// Writes cells into one sheet; errors (a row past the limit) come back once, at the end.
pub(super) struct Cells<'a> {
    pub sheet: &'a mut Worksheet,
}

impl Cells<'_> {
    /// A text cell. Always a string: text starting `=`, `+`, `-`, `@`, a tab or a CR is shown
    /// as typed, never run as a formula.
    pub fn text(
        &mut self,
        row: usize,
        col: u16,
        text: &str,
        style: &Format,
    ) -> Result<(), XlsxError> {
        self.sheet
            .write_string_with_format(row as u32, col, text_of(text), style)?;
        Ok(())
    }

    /// A number cell; a non-finite value (never produced) is written as 0.
    pub fn number(
        &mut self,
        row: usize,
        col: u16,
        value: f64,
        style: &Format,
    ) -> Result<(), XlsxError> {
        let value = if value.is_finite() { value } else { 0.0 };
        self.sheet
            .write_number_with_format(row as u32, col, value, style)?;
        Ok(())
    }

    /// A TRUE / FALSE cell.
    pub fn boolean(&mut self, row: usize, col: u16, value: bool) -> Result<(), XlsxError> {
        self.sheet.write_boolean(row as u32, col, value)?;
        Ok(())
    }

    /// A formula of csplan's own (never user text) with its cached result.
    pub fn formula(
        &mut self,
        row: usize,
        col: u16,
        formula: &str,
        cached: Cached,
        style: &Format,
    ) -> Result<(), XlsxError> {
        let formula = Formula::new(formula).set_result(cached.result());
        self.sheet
            .write_formula_with_format(row as u32, col, formula, style)?;
        Ok(())
    }

    /// A header row of column titles, frozen with the first `frozen_cols` columns, and the
    /// column widths.
    pub fn header(
        &mut self,
        titles: &[(&str, f64)],
        frozen_cols: u16,
        style: &Format,
    ) -> Result<(), XlsxError> {
        for (col, (title, width)) in titles.iter().enumerate() {
            let col = col as u16;
            self.text(0, col, title, style)?;
            self.sheet.set_column_width(col, *width)?;
        }
        self.sheet.set_freeze_panes(1, frozen_cols)?;
        Ok(())
    }
}

/// A new sheet named `name`, ready for cells; it prints landscape, one page wide, the
/// header row on every page.
pub(super) fn sheet<'a>(workbook: &'a mut Workbook, name: &str) -> Result<Cells<'a>, XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(Cells { sheet })
}

/// `A`, `B`, … `Z`, `AA`, …: the letters of column `col` (0-based).
pub(super) fn column(col: u16) -> String {
    rust_xlsxwriter::column_number_to_name(col)
}
