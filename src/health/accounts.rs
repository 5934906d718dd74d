//! Reading the accounts file: one CSV row per account, every cell checked, every problem
//! reported with its row, column, value and what was expected — as a bad base is.
//!
//! The text arrives as a string; this module does no file I/O. Columns are found by name
//! (`[health.columns]`); other columns are ignored and listed. Cells are trimmed; a row whose
//! cells are all empty is skipped. Nothing is guessed: `65%`, `$12,000` or `n/a` are errors,
//! and an empty signal cell is a missing signal, not a zero.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use super::config::{HealthConfig, Signal};
use super::date::Date;
use super::score::{read_number, read_signal};
use crate::diagnostic::{Diagnostic, MAX_DIAGNOSTICS, nearest, render_all};
use crate::model::limits::MAX_SEGMENTS;

/// Largest accounts file csplan reads, in bytes (64 MiB: some 800,000 accounts).
pub const MAX_ACCOUNTS_BYTES: usize = 64 * 1024 * 1024;

/// Most accounts one file may hold.
pub const MAX_ACCOUNTS: usize = 1_000_000;

/// Largest ARR one account may have, in the plan currency.
const MAX_ARR: f64 = 100_000_000.0;

/// Every problem found in an accounts file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem{} in the accounts file", .diagnostics.len(), if .diagnostics.len() == 1 { "" } else { "s" })]
pub struct AccountsError {
    /// The problems, in file order; at most [`MAX_DIAGNOSTICS`].
    pub diagnostics: Vec<Diagnostic>,
    /// True when reading stopped at [`MAX_DIAGNOSTICS`] problems.
    pub truncated: bool,
}

impl AccountsError {
    fn single(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
            truncated: false,
        }
    }

    /// Renders every problem for a person, as `file:line:column` blocks.
    pub fn render(&self, file: &str, source: &str) -> String {
        render_all(&self.diagnostics, self.truncated, file, source)
    }
}

/// One account as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Its name or id.
    pub name: String,
    /// Index into [`Accounts::segments`].
    pub segment: usize,
    /// Its ARR.
    pub arr: f64,
    /// Each signal scaled to 0..=1, in [`Signal::ALL`] order; `None` when the cell is empty or
    /// the column absent.
    pub scaled: [Option<f64>; 6],
    /// Next renewal.
    pub renewal: Option<Date>,
    /// Customer since.
    pub start: Option<Date>,
    /// ARR it could reach.
    pub potential_arr: Option<f64>,
}

/// The whole file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Accounts {
    /// Segment names, as first spelled, in order of first appearance.
    pub segments: Vec<String>,
    /// Accounts in file order.
    pub accounts: Vec<Account>,
    /// Which signal columns the header has, in [`Signal::ALL`] order.
    pub signal_columns: [bool; 6],
    /// Per signal, accounts whose cell is empty.
    pub missing_cells: [u32; 6],
    /// Header cells csplan does not read, each with the column it may have meant.
    pub ignored_columns: Vec<(String, Option<String>)>,
}

/// Where each column csplan reads sits in the header.
struct Layout {
    width: usize,
    headers: Vec<String>,
    account: usize,
    segment: usize,
    arr: usize,
    signals: [Option<usize>; 6],
    renewal_date: Option<usize>,
    start_date: Option<usize>,
    potential_arr: Option<usize>,
}

/// Reads every account in `source`, or every problem (up to [`MAX_DIAGNOSTICS`]). With
/// `known_segments`, a segment outside that list is an error at its first row.
pub fn read(
    source: &str,
    config: &HealthConfig,
    known_segments: Option<&[String]>,
) -> Result<Accounts, AccountsError> {
    if source.len() > MAX_ACCOUNTS_BYTES {
        return Err(AccountsError::single(Diagnostic::new(
            None,
            None,
            format!(
                "the accounts file is {} bytes: csplan reads at most {MAX_ACCOUNTS_BYTES} bytes",
                source.len()
            ),
        )));
    }
    super::scan::scan(source).map_err(AccountsError::single)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.as_bytes());
    let mut record = csv::StringRecord::new();
    let header_read = reader.read_record(&mut record).map_err(|e| {
        AccountsError::single(Diagnostic::new(
            None,
            None,
            format!("cannot read the header: {e}"),
        ))
    })?;
    if !header_read {
        return Err(AccountsError::single(Diagnostic::new(
            None,
            None,
            "the accounts file is empty: it needs a header row, e.g. account,segment,arr,usage,nps",
        )));
    }
    let layout = layout(source, &record, config)?;
    let mut reading = Reading {
        source,
        config,
        layout: &layout,
        out: Accounts {
            segments: Vec::new(),
            accounts: Vec::new(),
            signal_columns: layout.signals.map(|c| c.is_some()),
            missing_cells: [0; 6],
            ignored_columns: ignored_columns(&layout, config),
        },
        segment_index: HashMap::new(),
        segment_spelled: HashMap::new(),
        known_segments,
        unknown_segments: Vec::new(),
        seen: HashMap::new(),
        diagnostics: Vec::new(),
    };
    while next_record(&mut reader, &mut record, &mut reading.diagnostics) {
        if reading.diagnostics.len() >= MAX_DIAGNOSTICS {
            // More rows follow: say that reading stopped.
            in_file_order(&mut reading.diagnostics);
            return Err(AccountsError {
                diagnostics: reading.diagnostics,
                truncated: true,
            });
        }
        reading.row(&record);
    }
    let truncated = reading.diagnostics.len() > MAX_DIAGNOSTICS;
    in_file_order(&mut reading.diagnostics);
    let Reading {
        out, diagnostics, ..
    } = reading;
    if !diagnostics.is_empty() {
        return Err(AccountsError {
            diagnostics,
            truncated,
        });
    }
    if out.accounts.is_empty() {
        return Err(AccountsError::single(Diagnostic::new(
            None,
            None,
            "the accounts file has a header but no account rows",
        )));
    }
    Ok(out)
}

/// Reads the next record into `record`: false at the end of the file, or at a record the CSV
/// reader cannot read (the problem is added to `diagnostics`).
pub(crate) fn next_record(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::StringRecord,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    match reader.read_record(record) {
        Ok(more) => more,
        Err(e) => {
            let at = e.position().map(|p| p.byte() as usize);
            diagnostics.push(Diagnostic::new(at.map(|a| a..a), None, format!("{e}")));
            false
        }
    }
}

/// A row whose number of cells is not the header's, as a problem at the row's line.
pub(crate) fn ragged_row(
    source: &str,
    record: &csv::StringRecord,
    row: usize,
    width: usize,
) -> Option<Diagnostic> {
    if record.len() == width {
        return None;
    }
    let start = record_start(source, record);
    let line = &source[start..];
    let end = start + line.find(['\r', '\n']).unwrap_or(line.len());
    Some(Diagnostic::new(
        Some(start..end),
        None,
        format!(
            "row {row} has {} cells but the header has {width}: check for a missing or extra comma, \
             or quote a value that contains one",
            record.len()
        ),
    ))
}

/// A problem with one cell: `row 5 (account "Acme"), column D `nps`: nps = "abc" is not a
/// number: …`, at the cell. `who` names the row's subject (` (account "Acme")`) or is empty.
pub(crate) fn cell_problem(
    source: &str,
    record: &csv::StringRecord,
    row: usize,
    column: usize,
    header: &str,
    who: &str,
    problem: &str,
) -> Diagnostic {
    let start = record_start(source, record);
    let value = shown(cell(record, column));
    let what = if value.is_empty() {
        header.to_string()
    } else {
        format!("{header} = \"{value}\"")
    };
    Diagnostic::new(
        Some(field_span(source, start, column)),
        Some(header.to_string()),
        format!(
            "row {row}{who}, column {} `{header}`: {what} {problem}",
            column_letter(column)
        ),
    )
}

/// Sorts problems into file order, so a reader fixes them left to right, top to bottom, and
/// keeps the first [`MAX_DIAGNOSTICS`].
pub(crate) fn in_file_order(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
    diagnostics.truncate(MAX_DIAGNOSTICS);
}

/// Finds each configured column in the header row.
fn layout(
    source: &str,
    header: &csv::StringRecord,
    config: &HealthConfig,
) -> Result<Layout, AccountsError> {
    let start = header.position().map_or(0, |p| p.byte() as usize);
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut diagnostics = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(why) = crate::text::refusal(h) {
            diagnostics.push(Diagnostic::new(
                Some(field_span(source, start, i)),
                None,
                format!(
                    "row 1, column {}: the header cell \"{}\" {why}",
                    column_letter(i),
                    shown(h)
                ),
            ));
        }
    }
    let mut find = |name: &str| -> Option<usize> {
        let mut hits = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| h.eq_ignore_ascii_case(name.trim()))
            .map(|(i, _)| i);
        let first = hits.next()?;
        if let Some(second) = hits.next() {
            diagnostics.push(Diagnostic::new(
                Some(field_span(source, start, second)),
                Some(name.to_string()),
                format!(
                    "row 1, column {}: the header names `{name}` twice (also column {}): keep one",
                    column_letter(second),
                    column_letter(first)
                ),
            ));
        }
        Some(first)
    };
    if headers.len() == 1 && headers[0].contains(';') {
        return Err(AccountsError::single(Diagnostic::new(
            Some(field_span(source, start, 0)),
            None,
            "row 1: the header is one column with semicolons in it: csplan reads comma-separated \
             files; export the sheet as CSV with commas",
        )));
    }
    let c = &config.columns;
    let account = find(&c.account);
    let segment = find(&c.segment);
    let arr = find(&c.arr);
    let signals = Signal::ALL.map(|s| find(c.signals.get_ref(s)));
    let renewal_date = find(&c.renewal_date);
    let start_date = find(&c.start_date);
    let potential_arr = find(&c.potential_arr);
    let header_span = start
        ..source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
    if config.as_of.is_none() {
        for (name, column) in [(&c.renewal_date, renewal_date), (&c.start_date, start_date)] {
            if let Some(column) = column {
                diagnostics.push(Diagnostic::new(
                    Some(field_span(source, start, column)),
                    Some(name.clone()),
                    format!(
                        "row 1, column {} `{name}`: dates need an as-of date to count days from: \
                         give --as-of YYYY-MM-DD, or [health] as_of or [company] start in the base",
                        column_letter(column)
                    ),
                ));
            }
        }
    }
    let required = [
        ("account", &c.account, account),
        ("segment", &c.segment, segment),
        ("arr", &c.arr, arr),
    ];
    for (key, name, found) in required {
        if found.is_none() {
            diagnostics.push(Diagnostic::new(
                Some(header_span.clone()),
                Some(name.clone()),
                missing_column_message(key, name, &headers),
            ));
        }
    }
    let any_signal = Signal::ALL
        .iter()
        .any(|s| signals[s.index()].is_some() && config.weights.get(*s) > 0.0);
    if diagnostics.is_empty() && !any_signal {
        let names: Vec<String> = Signal::ALL
            .iter()
            .filter(|s| config.weights.get(**s) > 0.0)
            .map(|s| format!("`{}`", c.signals.get_ref(*s)))
            .collect();
        diagnostics.push(Diagnostic::new(
            Some(header_span),
            None,
            format!(
                "row 1: the header has no health signal column with a weight: add at least one of {}",
                names.join(", ")
            ),
        ));
    }
    match (account, segment, arr) {
        (Some(account), Some(segment), Some(arr)) if diagnostics.is_empty() => Ok(Layout {
            width: headers.len(),
            headers,
            account,
            segment,
            arr,
            signals,
            renewal_date,
            start_date,
            potential_arr,
        }),
        _ => Err(AccountsError {
            diagnostics,
            truncated: false,
        }),
    }
}

/// The header lacks the required column `name` (set by `[health.columns] key`).
fn missing_column_message(key: &str, name: &str, headers: &[String]) -> String {
    let mut text = format!("row 1: the header has no `{name}` column");
    if let Some(near) = nearest(&name.to_lowercase(), headers.iter().map(String::as_str)) {
        text.push_str(&format!("; did you mean `{}`?", shown(near)));
    }
    // At most ten headers, each as a message quotes a cell: a header of thousands of
    // columns, or of control characters, keeps the message to a line.
    let mut found: Vec<String> = headers
        .iter()
        .take(10)
        .map(|h| format!("`{}`", shown(h)))
        .collect();
    if headers.len() > 10 {
        found.push(format!("and {} more", headers.len() - 10));
    }
    text.push_str(&format!(
        " (found: {}); or name the column to read with [health.columns] {key} = \"…\" in the base",
        found.join(", ")
    ));
    text
}

/// Header cells that name no column csplan reads, each with the nearest name it reads.
fn ignored_columns(layout: &Layout, config: &HealthConfig) -> Vec<(String, Option<String>)> {
    let c = &config.columns;
    let mut known: Vec<&str> = vec![
        &c.account,
        &c.segment,
        &c.arr,
        &c.renewal_date,
        &c.start_date,
        &c.potential_arr,
    ];
    known.extend(Signal::ALL.iter().map(|s| c.signals.get_ref(*s).as_str()));
    let used: Vec<usize> = [layout.account, layout.segment, layout.arr]
        .into_iter()
        .chain(layout.signals.iter().flatten().copied())
        .chain(layout.renewal_date)
        .chain(layout.start_date)
        .chain(layout.potential_arr)
        .collect();
    let unused: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| !layout.headers.iter().any(|h| h.eq_ignore_ascii_case(k)))
        .collect();
    layout
        .headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !used.contains(i) && !h.is_empty())
        .map(|(_, h)| {
            let near = nearest(&h.to_lowercase(), unused.iter().copied()).map(str::to_string);
            (h.clone(), near)
        })
        .collect()
}

struct Reading<'a> {
    source: &'a str,
    config: &'a HealthConfig,
    layout: &'a Layout,
    out: Accounts,
    /// Segment name as compared ([`crate::text::name_key`]) → index.
    segment_index: HashMap<String, usize>,
    /// Segment name as spelled in the file → index (saves lower-casing every row).
    segment_spelled: HashMap<String, usize>,
    /// The base's segments, when the file must match them.
    known_segments: Option<&'a [String]>,
    /// Names (as compared) already reported as not in the base.
    unknown_segments: Vec<String>,
    /// Account name (as compared: [`crate::text::name_key`]) → its row and where it starts.
    seen: HashMap<String, (usize, usize)>,
    diagnostics: Vec<Diagnostic>,
}

impl Reading<'_> {
    fn row(&mut self, record: &csv::StringRecord) {
        if record.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let row = record.position().map_or(0, |p| p.record() as usize + 1);
        let layout = self.layout;
        if let Some(problem) = ragged_row(self.source, record, row, layout.width) {
            self.diagnostics.push(problem);
            return;
        }
        if self.out.accounts.len() >= MAX_ACCOUNTS {
            self.report(
                record,
                row,
                layout.account,
                "",
                format!("is one account too many: csplan reads at most {MAX_ACCOUNTS} accounts"),
            );
            return;
        }
        let errors_before = self.diagnostics.len();
        let name = cell(record, layout.account);
        let label = name.to_string();
        if let Err(problem) = check_name(name, 200) {
            self.report(record, row, layout.account, &label, problem);
        } else {
            let at = field_span(
                self.source,
                record_start(self.source, record),
                layout.account,
            );
            match self.seen.entry(crate::text::name_key(&label)) {
                Entry::Vacant(slot) => {
                    slot.insert((row, at.start));
                }
                Entry::Occupied(first) => {
                    let (first, first_at) = *first.get();
                    let (line, column) = crate::diagnostic::line_column(self.source, first_at);
                    self.report(
                        record,
                        row,
                        layout.account,
                        &label,
                        format!(
                            "appears twice (also row {first}, line {line}, column {column}): \
                             account names must be unique, whatever their case, accents or \
                             invisible characters"
                        ),
                    );
                }
            }
        }
        let segment_name = cell(record, layout.segment);
        let segment = match check_name(segment_name, 100) {
            Err(problem) => {
                self.report(record, row, layout.segment, &label, problem);
                0
            }
            Ok(()) => match self.segment_spelled.get(segment_name) {
                Some(&i) => i,
                None => {
                    if let Some(problem) = self.unknown_segment(segment_name) {
                        self.report(record, row, layout.segment, &label, problem);
                    }
                    let key = crate::text::name_key(segment_name);
                    if self.out.segments.len() >= MAX_SEGMENTS
                        && !self.segment_index.contains_key(&key)
                    {
                        let problem = format!(
                            "is one segment too many: an accounts file names at most \
                             {MAX_SEGMENTS} segments, as a base holds"
                        );
                        self.report(record, row, layout.segment, &label, problem);
                        0
                    } else {
                        self.segment(segment_name)
                    }
                }
            },
        };
        let arr = self.number(record, row, layout.arr, &label, MAX_ARR, true);
        let potential_arr = layout
            .potential_arr
            .and_then(|c| self.number(record, row, c, &label, MAX_ARR * 10.0, false));
        let mut scaled = [None; 6];
        for signal in Signal::ALL {
            let Some(column) = layout.signals[signal.index()] else {
                continue;
            };
            let text = cell(record, column);
            if text.is_empty() {
                self.out.missing_cells[signal.index()] += 1;
                continue;
            }
            match read_signal(signal, text, self.config) {
                Ok(value) => scaled[signal.index()] = Some(value),
                Err(problem) => self.report(record, row, column, &label, format!("is {problem}")),
            }
        }
        let renewal = layout
            .renewal_date
            .and_then(|c| self.date(record, row, c, &label));
        let start = layout
            .start_date
            .and_then(|c| self.date(record, row, c, &label));
        if self.diagnostics.len() > errors_before {
            return;
        }
        let weighted = Signal::ALL
            .iter()
            .any(|s| scaled[s.index()].is_some() && self.config.weights.get(*s) > 0.0);
        if !weighted {
            let names: Vec<&str> = Signal::ALL
                .iter()
                .filter(|s| {
                    layout.signals[s.index()].is_some() && self.config.weights.get(**s) > 0.0
                })
                .map(|s| self.config.columns.signals.get_ref(*s).as_str())
                .collect();
            let first = layout.signals.iter().flatten().min().copied().unwrap_or(0);
            let start = record_start(self.source, record);
            self.diagnostics.push(Diagnostic::new(
                Some(field_span(self.source, start, first)),
                None,
                format!(
                    "row {row} (account \"{label}\"): no health signal to score: fill at least one of {}",
                    names.join(", ")
                ),
            ));
            return;
        }
        self.out.accounts.push(Account {
            name: label,
            segment,
            arr: arr.unwrap_or(0.0),
            scaled,
            renewal,
            start,
            potential_arr,
        });
    }

    /// Why `name` is refused when the file must match the base's segments (once per name).
    fn unknown_segment(&mut self, name: &str) -> Option<String> {
        let known = self.known_segments?;
        if known.iter().any(|k| same_name(k, name)) {
            return None;
        }
        let key = crate::text::name_key(name);
        if self.unknown_segments.contains(&key) {
            return None;
        }
        self.unknown_segments.push(key);
        let hint = nearest(name, known.iter().map(String::as_str))
            .map(|n| format!("; did you mean \"{n}\"?"))
            .unwrap_or_default();
        // At most ten: a base may hold thousands of segments.
        let mut list: Vec<String> = known.iter().take(10).map(|k| format!("\"{k}\"")).collect();
        if known.len() > 10 {
            list.push(format!("and {} more", known.len() - 10));
        }
        Some(format!(
            "is not a segment of the base{hint} (the base has {}): rename it in the file or add a [[segment]]",
            list.join(", ")
        ))
    }

    /// The index of segment `name` (matched as [`same_name`] does), added when new.
    fn segment(&mut self, name: &str) -> usize {
        let key = crate::text::name_key(name);
        let i = match self.segment_index.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.out.segments.len();
                self.out.segments.push(name.to_string());
                self.segment_index.insert(key, i);
                i
            }
        };
        self.segment_spelled.insert(name.to_string(), i);
        i
    }

    /// A plain number in `0..=max`; `required` reports an empty cell.
    fn number(
        &mut self,
        record: &csv::StringRecord,
        row: usize,
        column: usize,
        label: &str,
        max: f64,
        required: bool,
    ) -> Option<f64> {
        let text = cell(record, column);
        if text.is_empty() {
            if required {
                self.report(
                    record,
                    row,
                    column,
                    label,
                    "is empty: every account needs its ARR".into(),
                );
            }
            return None;
        }
        let problem = match read_number(text) {
            Some(v) if (0.0..=max).contains(&v) => return Some(v),
            Some(_) => "is out of range",
            None => "is not a number",
        };
        let expected = format!(
            "expected an amount 0..={max} in the plan currency, plain digits (12000, not $12,000)"
        );
        self.report(record, row, column, label, format!("{problem}: {expected}"));
        None
    }

    fn date(
        &mut self,
        record: &csv::StringRecord,
        row: usize,
        column: usize,
        label: &str,
    ) -> Option<Date> {
        let text = cell(record, column);
        if text.is_empty() {
            return None;
        }
        match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(e) => {
                self.report(record, row, column, label, format!("is not a date: {e}"));
                None
            }
        }
    }

    /// `row 5 (account "Acme"), column D `nps`: nps = "abc" is not a number: expected …`
    fn report(
        &mut self,
        record: &csv::StringRecord,
        row: usize,
        column: usize,
        account: &str,
        problem: String,
    ) {
        let who = if account.is_empty() || column == self.layout.account {
            String::new()
        } else {
            format!(" (account \"{}\")", shown(account))
        };
        self.diagnostics.push(cell_problem(
            self.source,
            record,
            row,
            column,
            &self.layout.headers[column],
            &who,
            &problem,
        ));
    }
}

/// Segment names match whatever their case, normalisation or invisible characters, as the
/// base's names are unique that way.
pub fn same_name(a: &str, b: &str) -> bool {
    crate::text::same_name(a, b)
}

/// The byte where a record's first cell starts. After a CRLF the reader may place a record at
/// the line feed that ends the one before: skip it.
pub(crate) fn record_start(source: &str, record: &csv::StringRecord) -> usize {
    let at = record.position().map_or(0, |p| p.byte() as usize);
    at + source.as_bytes()[at.min(source.len())..]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count()
}

/// A cell as a message quotes it: at most 60 characters, line breaks, other control
/// characters, bidirectional controls and invisible characters escaped.
pub(crate) fn shown(text: &str) -> String {
    let escaped = crate::text::escaped(&text.chars().take(60).collect::<String>());
    // Escapes lengthen the text: a cell of control characters stays short too.
    if escaped.chars().count() > 80 {
        format!("{}…", escaped.chars().take(80).collect::<String>())
    } else {
        escaped
    }
}

/// Cell `i` of a row, without the spaces around it.
pub(crate) fn cell(record: &csv::StringRecord, i: usize) -> &str {
    record[i].trim()
}

fn check_name(name: &str, max_len: usize) -> Result<(), String> {
    if name.is_empty() {
        Err("is empty: every account needs it".into())
    } else if let Some(why) = crate::text::refusal(name) {
        Err(why)
    } else if name.chars().count() > max_len {
        Err(format!(
            "must be at most {max_len} printable characters on one line"
        ))
    } else {
        Ok(())
    }
}

/// The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The byte range of cell `field` in the record that starts at byte `start`, spaces trimmed;
/// quotes are honoured, so a comma inside a quoted cell does not end it.
pub(crate) fn field_span(source: &str, start: usize, field: usize) -> Range<usize> {
    let bytes = source.as_bytes();
    let (mut current, mut field_start, mut quoted) = (0, start, false);
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if current == field {
                    break;
                }
                current += 1;
                field_start = i + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    if current != field {
        return start..i;
    }
    let text = &source[field_start..i];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    let span = field_start + lead..i - trail;
    if span.start > span.end {
        field_start..field_start
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_columns_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn finds_a_cell_in_its_line_through_quotes() {
        let source = "a,b,c\nx, \"y,1\" ,z\n";
        let start = source.find('x').unwrap();
        assert_eq!(&source[field_span(source, start, 0)], "x");
        assert_eq!(&source[field_span(source, start, 1)], "\"y,1\"");
        assert_eq!(&source[field_span(source, start, 2)], "z");
        // A cell past the end of the line: the whole line.
        assert_eq!(&source[field_span(source, start, 5)], "x, \"y,1\" ,z");
    }

    #[test]
    fn points_at_the_cell_with_windows_line_ends() {
        let csv = "account,segment,arr,usage\r\nAcme,SMB,5000,abc\r\nBeta,SMB,5000\r\n";
        let error = read(csv, &HealthConfig::default(), None).unwrap_err();
        let [bad_usage, short_row] = &error.diagnostics[..] else {
            panic!("two problems: {error:?}")
        };
        assert_eq!(bad_usage.line_column(csv), Some((2, 15)));
        assert_eq!(&csv[bad_usage.span.clone().unwrap()], "abc");
        assert_eq!(&csv[short_row.span.clone().unwrap()], "Beta,SMB,5000");
    }

    #[test]
    fn stops_at_twenty_problems_and_says_so() {
        let mut csv = String::from("account,segment,arr,usage\n");
        for i in 0..30 {
            csv.push_str(&format!("a{i},SMB,-1,2\n"));
        }
        let error = read(&csv, &HealthConfig::default(), None).unwrap_err();
        assert_eq!(error.diagnostics.len(), MAX_DIAGNOSTICS);
        assert!(error.truncated);
        assert!(error.render("a.csv", &csv).ends_with(
            "error: a.csv: csplan stops after 20 problems: fix these and run it again\n"
        ));
    }

    #[test]
    fn reads_accounts_and_counts_missing_cells() {
        let csv = "Account,Segment,ARR,usage,nps,Owner\n\
                   Acme,SMB,5000,0.5,,Dana\n\
                   Beta, smb ,6000,,10,Lee\n\
                   ,,,,,\n\
                   Gamma,Enterprise,90000,0.9,50,Lee\n";
        let read = read(csv, &HealthConfig::default(), None).unwrap();
        assert_eq!(read.segments, ["SMB", "Enterprise"]);
        assert_eq!(read.accounts.len(), 3);
        assert_eq!(
            read.accounts[1].segment, 0,
            "segments match case-insensitively"
        );
        assert_eq!(read.missing_cells[Signal::Nps.index()], 1);
        assert_eq!(read.missing_cells[Signal::Usage.index()], 1);
        assert_eq!(
            read.signal_columns,
            [true, false, true, false, false, false]
        );
        assert_eq!(read.ignored_columns, [("Owner".to_string(), None)]);
    }
}
