//! Reading the actuals file: one CSV row per month that has happened, every cell checked, every
//! problem reported with its row, column, value and what was expected — as a bad base is.
//!
//! The text arrives as a string; this module does no file I/O. The header names `period` and
//! any of the figures of SPEC §7; a column csplan does not read is an error (with the nearest
//! name), since a misspelt `cs_cost` would otherwise vanish from the review. Cells are trimmed; an
//! empty cell is a figure not known, never a zero.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::MAX_PEOPLE_PER_ROLE;
use crate::csv_scan::{self, Mark, Quoting, Stop};
use crate::diagnostic::{Diagnostic, MAX_DIAGNOSTICS, nearest, render_all};
use crate::format::grouped;
use crate::health::accounts::{
    cell, cell_problem, column_letter, field_span, in_file_order, next_record, ragged_row, shown,
};
use crate::health::score::read_number;
use crate::model::work::MAX_ARRIVALS;
use crate::plan::Plan;

/// Largest actuals file csplan reads, in bytes: ten years of months is a few kilobytes.
pub const MAX_ACTUALS_BYTES: usize = 1024 * 1024;

/// Largest amount (ARR, CS cost) an actuals cell may hold, as for a plan.
const MAX_MONEY: f64 = crate::MAX_ARR;

/// Most logos an actuals cell may hold.
const MAX_CUSTOMERS: f64 = 1e12;

/// A figure the actuals may give (SPEC §7).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Logos at the end of the month.
    Customers,
    /// Run-rate ARR at the end of the month.
    Arr,
    /// CSMs in post.
    Csm,
    /// Support in post.
    Support,
    /// Onboarding in post.
    Onboarding,
    /// Head of CS in post.
    Lead,
    /// Team managers in post.
    Managers,
    /// Cost of all CS roles during the month.
    CsCost,
}

impl Figure {
    /// Every figure, in the order the review shows them.
    pub const ALL: [Figure; 8] = [
        Figure::Customers,
        Figure::Arr,
        Figure::Csm,
        Figure::Support,
        Figure::Onboarding,
        Figure::Lead,
        Figure::Managers,
        Figure::CsCost,
    ];

    /// The column name, as in the plan's JSON rows.
    pub fn name(self) -> &'static str {
        match self {
            Figure::Customers => "customers",
            Figure::Arr => "arr",
            Figure::Csm => "csm",
            Figure::Support => "support",
            Figure::Onboarding => "onboarding",
            Figure::Lead => "lead",
            Figure::Managers => "managers",
            Figure::CsCost => "cs_cost",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// People in post (whole numbers), as against logos and money.
    pub fn is_headcount(self) -> bool {
        matches!(
            self,
            Figure::Csm | Figure::Support | Figure::Onboarding | Figure::Lead | Figure::Managers
        )
    }

    /// A money figure (whole currency units).
    pub fn is_money(self) -> bool {
        matches!(self, Figure::Arr | Figure::CsCost)
    }

    /// A flow over the month (summed over a quarter), as against a state at its end.
    pub fn is_flow(self) -> bool {
        self == Figure::CsCost
    }
}

/// One month of actuals.
#[derive(Debug, Clone, PartialEq)]
pub struct ActualMonth {
    /// Plan month (1-based).
    pub month: u32,
    /// Its label, as the plan writes it.
    pub period: String,
    /// Each figure in [`Figure::ALL`] order; `None` when the cell is empty or the column absent.
    values: [Option<f64>; 8],
}

impl ActualMonth {
    /// A month with the figures given.
    pub fn new(month: u32, period: String, figures: &[(Figure, f64)]) -> Self {
        let mut values = [None; 8];
        for &(figure, value) in figures {
            values[figure.index()] = Some(value);
        }
        Self {
            month,
            period,
            values,
        }
    }

    /// The figure, when known.
    pub fn get(&self, figure: Figure) -> Option<f64> {
        self.values[figure.index()]
    }
}

/// The actuals as read, in month order.
#[derive(Debug, Clone, PartialEq)]
pub struct Actuals {
    /// One entry per row, sorted by month.
    pub months: Vec<ActualMonth>,
    /// The figures the header names, in [`Figure::ALL`] order.
    pub columns: Vec<Figure>,
}

/// Every problem found in an actuals file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem{} in the actuals file", .diagnostics.len(), if .diagnostics.len() == 1 { "" } else { "s" })]
pub struct ActualsError {
    /// The problems, in file order; at most [`MAX_DIAGNOSTICS`].
    pub diagnostics: Vec<Diagnostic>,
    /// True when reading stopped at [`MAX_DIAGNOSTICS`] problems.
    pub truncated: bool,
}

impl ActualsError {
    fn single(message: impl Into<String>) -> Self {
        Self {
            diagnostics: vec![Diagnostic::new(None, None, message)],
            truncated: false,
        }
    }

    /// Renders every problem for a person, as `file:line:column` blocks.
    pub fn render(&self, file: &str, source: &str) -> String {
        render_all(&self.diagnostics, self.truncated, file, source)
    }
}

/// The months an actuals file may name: the plan's monthly labels.
struct Months<'a> {
    by_label: HashMap<&'a str, u32>,
    first: &'a str,
    last: &'a str,
    dated: bool,
}

impl<'a> Months<'a> {
    fn of(plan: &'a Plan) -> Self {
        let by_label = plan
            .timeline
            .iter()
            .map(|r| (r.period.as_str(), r.month))
            .collect();
        let label = |row: Option<&'a crate::plan::Row>| row.map_or("", |r| r.period.as_str());
        Self {
            by_label,
            first: label(plan.timeline.first()),
            last: label(plan.timeline.last()),
            dated: plan.assumptions.start.is_some(),
        }
    }

    /// The plan month of `label`, or why it names none. A month's last day (`2027-01-31`, as
    /// finance exports month ends) is that month.
    fn month(&self, label: &str) -> Result<u32, String> {
        if let Some(&month) = self.by_label.get(label) {
            return Ok(month);
        }
        if self.dated
            && let Some((month, day)) = month_and_day(label)
        {
            let last = last_day(month);
            if day == last {
                return self.month(&label[..7]);
            }
            return Err(format!(
                "is a day inside {month}: each row is a whole month; give {month} or its last day, \
                 {month}-{last:02}"
            ));
        }
        let span = format!("{} to {}", self.first, self.last);
        let well_formed = if self.dated {
            label.parse::<crate::month::YearMonth>().is_ok()
        } else {
            label
                .strip_prefix('M')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if well_formed {
            return Err(format!(
                "is outside the plan: its months run {span}; a review compares months the plan covers"
            ));
        }
        let form = if self.dated {
            "YYYY-MM"
        } else {
            "M1, M2, … (the plan has no start month)"
        };
        Err(format!(
            "is not one of the plan's months: expected {form}, from {span}"
        ))
    }
}

/// `YYYY-MM-DD` as its month and day, when the day exists in that month.
fn month_and_day(label: &str) -> Option<(&str, u32)> {
    let (month, day) = (label.get(..7)?, label.get(7..)?.strip_prefix('-')?);
    month.parse::<crate::month::YearMonth>().ok()?;
    if day.len() != 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day: u32 = day.parse().ok()?;
    (1..=last_day(month)).contains(&day).then_some((month, day))
}

/// The last day of `YYYY-MM` (a month already checked).
fn last_day(month: &str) -> u32 {
    let year: u32 = month[..4].parse().unwrap_or(1);
    match &month[5..7] {
        "02" if year.is_multiple_of(4)
            && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
        {
            29
        }
        "02" => 28,
        "04" | "06" | "09" | "11" => 30,
        _ => 31,
    }
}

/// The first quote that opens a cell and is never closed: the CSV reader would take the rest
/// of the file as one cell and report a short row.
fn unclosed_quote(source: &str) -> Option<Diagnostic> {
    let (mut row, mut quote_row) = (1usize, 1usize);
    let scanned = csv_scan::scan(source, Quoting::AfterBlanks, |mark| {
        match mark {
            Mark::RecordEnd(_) | Mark::QuotedLineFeed(_) => row += 1,
            Mark::QuoteOpens(_) => quote_row = row,
            Mark::Comma(_) => {}
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let Err(Stop::UnclosedQuote(opened)) = scanned else {
        return None;
    };
    Some(Diagnostic::new(
        Some(opened..opened + 1),
        None,
        format!(
            "row {quote_row}: the quote that opens this cell is never closed, so the rest of the \
             file would be one cell: close it with `\"` (write a quote inside a quoted cell as \
             `\"\"`)"
        ),
    ))
}

/// Reads every month of actuals in `source` against `plan`'s months, or every problem (up to
/// [`MAX_DIAGNOSTICS`]). With `as_of` (a plan month), a row after it is in the future and
/// refused.
pub fn read(source: &str, plan: &Plan, as_of: Option<u32>) -> Result<Actuals, ActualsError> {
    if source.len() > MAX_ACTUALS_BYTES {
        return Err(ActualsError::single(format!(
            "the actuals file is {} bytes: csplan reads at most {MAX_ACTUALS_BYTES} bytes",
            source.len()
        )));
    }
    if let Some(problem) = unclosed_quote(source) {
        return Err(ActualsError {
            diagnostics: vec![problem],
            truncated: false,
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            return Err(ActualsError::single(
                "the actuals file is empty: it needs a header row, e.g. period,customers,arr,csm,cs_cost",
            ));
        }
        Err(e) => return Err(ActualsError::single(format!("cannot read the header: {e}"))),
    }
    let layout = Layout::of(source, &record)?;
    let mut reading = Reading {
        source,
        layout: &layout,
        months: Months::of(plan),
        as_of,
        seen: HashMap::new(),
        out: Vec::new(),
        records: Vec::new(),
        diagnostics: Vec::new(),
    };
    while next_record(&mut reader, &mut record, &mut reading.diagnostics) {
        if reading.diagnostics.len() >= MAX_DIAGNOSTICS {
            in_file_order(&mut reading.diagnostics);
            return Err(ActualsError {
                diagnostics: reading.diagnostics,
                truncated: true,
            });
        }
        reading.row(&record);
    }
    if reading.diagnostics.is_empty() {
        reading.check_arrivals();
    }
    if !reading.diagnostics.is_empty() {
        in_file_order(&mut reading.diagnostics);
        return Err(ActualsError {
            diagnostics: reading.diagnostics,
            truncated: false,
        });
    }
    if reading.out.is_empty() {
        return Err(ActualsError::single(
            "the actuals file has a header but no month rows",
        ));
    }
    let mut months = reading.out;
    months.sort_by_key(|m| m.month);
    Ok(Actuals {
        months,
        columns: Figure::ALL
            .into_iter()
            .filter(|f| layout.columns[f.index()].is_some())
            .collect(),
    })
}

/// Where each column sits in the header.
struct Layout {
    headers: Vec<String>,
    period: usize,
    columns: [Option<usize>; 8],
}

impl Layout {
    fn of(source: &str, header: &csv::StringRecord) -> Result<Self, ActualsError> {
        let start = header.position().map_or(0, |p| p.byte() as usize);
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let mut known: Vec<&str> = vec!["period"];
        known.extend(Figure::ALL.iter().map(|f| f.name()));
        let mut diagnostics = Vec::new();
        if let [only] = headers.as_slice()
            && let Some(separator) = [(';', "`;`"), ('\t', "tabs")]
                .into_iter()
                .find(|(c, _)| only.contains(*c))
        {
            let end = start + header.as_slice().len();
            return Err(ActualsError {
                diagnostics: vec![Diagnostic::new(
                    Some(start..end.min(source.len())),
                    None,
                    format!(
                        "row 1: the cells are separated by {}, not commas: csplan reads \
                         comma-separated CSV (in Excel, save as \"CSV UTF-8 (Comma delimited)\")",
                        separator.1
                    ),
                )],
                truncated: false,
            });
        }
        let mut found: HashMap<&str, usize> = HashMap::new();
        for (i, name) in headers.iter().enumerate() {
            let at = Some(field_span(source, start, i));
            let shown_name = shown(&header[i]);
            match known.iter().find(|k| *k == name) {
                Some(k) => {
                    if let Some(first) = found.insert(k, i) {
                        diagnostics.push(Diagnostic::new(
                            at,
                            Some(k.to_string()),
                            format!(
                                "row 1, column {}: the header names `{k}` twice (also column {}): keep one",
                                column_letter(i),
                                column_letter(first)
                            ),
                        ));
                    }
                }
                None => {
                    let hint = if name == "mrr" {
                        "csplan reads ARR: name the column `arr` and give ARR = MRR × 12; "
                            .to_string()
                    } else {
                        nearest(name, known.iter().copied())
                            .map(|n| format!("did you mean `{n}`? "))
                            .unwrap_or_default()
                    };
                    diagnostics.push(Diagnostic::new(
                        at,
                        Some(shown_name.clone()),
                        format!(
                            "row 1, column {}: `{shown_name}` is not a column csplan reads: {hint}\
                             the columns are {}",
                            column_letter(i),
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        let period = found.get("period").copied();
        if period.is_none() && diagnostics.is_empty() {
            let end = source[start..]
                .find('\n')
                .map_or(source.len(), |i| start + i);
            diagnostics.push(Diagnostic::new(
                Some(start..end),
                Some("period".into()),
                "row 1: the header has no `period` column: each row names its month (2027-03)",
            ));
        }
        if !diagnostics.is_empty() {
            return Err(ActualsError {
                diagnostics,
                truncated: false,
            });
        }
        Ok(Self {
            period: period.unwrap_or(0),
            columns: Figure::ALL.map(|f| found.get(f.name()).copied()),
            headers,
        })
    }
}

struct Reading<'a> {
    source: &'a str,
    layout: &'a Layout,
    months: Months<'a>,
    as_of: Option<u32>,
    /// Plan month → the file row that gave it.
    seen: HashMap<u32, usize>,
    out: Vec<ActualMonth>,
    /// The record of each month in `out`, with its month and file row.
    records: Vec<(u32, usize, csv::StringRecord)>,
    diagnostics: Vec<Diagnostic>,
}

impl Reading<'_> {
    fn row(&mut self, record: &csv::StringRecord) {
        if record.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let row = record.position().map_or(0, |p| p.record() as usize + 1);
        if let Some(problem) = ragged_row(self.source, record, row, self.layout.headers.len()) {
            self.diagnostics.push(problem);
            return;
        }
        let errors_before = self.diagnostics.len();
        let column = self.layout.period;
        let label = cell(record, column);
        let month = if label.is_empty() {
            self.report(
                record,
                row,
                column,
                "is empty: every row names its month".into(),
            );
            None
        } else {
            match self.months.month(label) {
                Err(problem) => {
                    self.report(record, row, column, problem);
                    None
                }
                Ok(month) => self.check_month(record, row, month),
            }
        };
        let mut values = [None; 8];
        for figure in Figure::ALL {
            if let Some(column) = self.layout.columns[figure.index()] {
                values[figure.index()] = self.number(record, row, column, figure);
            }
        }
        if let (Some(month), true) = (month, self.diagnostics.len() == errors_before) {
            self.records.push((month, row, record.clone()));
            // A month's last day is shown as the month.
            let period = if label.len() == 10 {
                &label[..7]
            } else {
                label
            };
            self.out.push(ActualMonth {
                month,
                period: period.to_string(),
                values,
            });
        }
    }

    /// Refuses, at the cell where they pass it, more people arriving than
    /// [`MAX_ARRIVALS`] over every role and month: the review matches each against a planned
    /// hire, and headcounts that swing (100,000, 0, 100,000, …) would make millions of them.
    /// Arrivals are headcount increases in month order, the first month's team counted whole.
    fn check_arrivals(&mut self) {
        let mut order: Vec<usize> = (0..self.records.len()).collect();
        order.sort_by_key(|&i| self.records[i].0);
        let mut arrivals = 0u64;
        let mut before = [0u64; 8];
        for i in order {
            for figure in Figure::ALL.into_iter().filter(|f| f.is_headcount()) {
                let Some(column) = self.layout.columns[figure.index()] else {
                    continue;
                };
                let Some(now) = self.out[i].get(figure) else {
                    continue;
                };
                let now = now as u64;
                arrivals += now.saturating_sub(before[figure.index()]);
                before[figure.index()] = now;
                if arrivals > MAX_ARRIVALS {
                    let (_, row, record) = self.records[i].clone();
                    self.report(
                        &record,
                        row,
                        column,
                        format!(
                            "brings the people arriving over the actuals to {}, more than the {} \
                             a review matches against planned hires: check the headcounts",
                            grouped(arrivals as i64),
                            grouped(MAX_ARRIVALS as i64)
                        ),
                    );
                    return;
                }
            }
        }
    }

    /// A month named once, and not after the review's month.
    fn check_month(&mut self, record: &csv::StringRecord, row: usize, month: u32) -> Option<u32> {
        let column = self.layout.period;
        if let Some(&first) = self.seen.get(&month) {
            self.report(
                record,
                row,
                column,
                format!("appears twice (also row {first}): one row per month"),
            );
            return None;
        }
        self.seen.insert(month, row);
        if let Some(as_of) = self.as_of.filter(|&a| month > a) {
            let label = self
                .months
                .by_label
                .iter()
                .find(|(_, m)| **m == as_of)
                .map_or_else(|| format!("M{as_of}"), |(l, _)| (*l).to_string());
            self.report(
                record,
                row,
                column,
                format!("is in the future of the review (--as-of {label}): actuals are months that have happened"),
            );
            return None;
        }
        Some(month)
    }

    /// A plain non-negative number; headcounts whole.
    fn number(
        &mut self,
        record: &csv::StringRecord,
        row: usize,
        column: usize,
        figure: Figure,
    ) -> Option<f64> {
        let text = cell(record, column);
        if text.is_empty() {
            return None;
        }
        let (max, expected) = if figure == Figure::Lead {
            (
                2.0,
                "0..=2: a plan has one head of CS, two while a promoted lead and a hired \
                 head overlap"
                    .to_string(),
            )
        } else if figure.is_headcount() {
            (
                f64::from(MAX_PEOPLE_PER_ROLE),
                format!("a whole number of people 0..={MAX_PEOPLE_PER_ROLE}"),
            )
        } else if figure.is_money() {
            (
                MAX_MONEY,
                "an amount 0..=10^15 in the plan currency, plain digits (12000, not $12,000)"
                    .to_string(),
            )
        } else {
            (
                MAX_CUSTOMERS,
                "a number of logos 0..=10^12, plain digits".to_string(),
            )
        };
        let problem = match read_number(text) {
            Some(v) if v < 0.0 => "is negative",
            Some(v) if v > max => "is out of range",
            Some(v) if figure.is_headcount() && v.fract() != 0.0 => "is not whole",
            Some(v) => return Some(if v == 0.0 { 0.0 } else { v }),
            None => "is not a number",
        };
        self.report(
            record,
            row,
            column,
            format!("{problem}: expected {expected}"),
        );
        None
    }

    /// `row 5, column C `arr`: arr = "abc" is not a number: expected …`
    fn report(&mut self, record: &csv::StringRecord, row: usize, column: usize, problem: String) {
        let header = &self.layout.headers[column];
        self.diagnostics.push(cell_problem(
            self.source,
            record,
            row,
            column,
            header,
            "",
            &problem,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_at_its_line_counting_the_lines_of_quoted_cells() {
        // The quote opens line 4 (the actuals reader counts lines), after blanks.
        let csv = "period,arr\n\"2027-\n01\",1\n  \"2027-02,1\n";
        let d = unclosed_quote(csv).unwrap();
        assert_eq!(d.line_column(csv), Some((4, 3)));
        assert!(d.message.starts_with("row 4: the quote"), "{}", d.message);
        assert!(unclosed_quote("period,arr\n\"2027-01\",\"1\"\n").is_none());
    }
}
