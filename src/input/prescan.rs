//! A cheap look at a base's bytes before the TOML reader builds a document of it.
//!
//! The TOML reader keeps every table, key and value with its place in the file: some hundreds
//! of bytes to a few kilobytes each. A file under the 8 MiB limit can hold millions of them
//! (`x = [{a=1},{a=1},…]`, `[[segment]]` a million times, arrays seventy deep), which took
//! seconds and gigabytes to refuse. This scan counts the structure — tables, values, array
//! elements, nesting, parts of dotted keys and `[[segment]]` headers — in one pass without
//! allocating per item, and refuses the first one past a limit, at its line and column.
//! Strings (basic, literal, multi-line) and comments are skipped, so text that looks like
//! structure is never counted.
//!
//! The limits sit well above what the largest base csplan plans needs ([`MAX_SEGMENTS`]
//! segments, each a table with three ranges as inline tables), so no base it accepts is
//! refused here; a file the scan lets through may still be bad TOML, which the reader reports.

use std::collections::HashSet;
use std::ops::Range;

use super::validate::MAX_SEGMENTS;
use crate::diagnostic::Diagnostic;

/// Deepest nesting of arrays and inline tables. A base needs 2 (`segment = [{ annual_churn =
/// { low = …, high = … } }]`).
pub const MAX_NESTING: usize = 8;

/// Most parts of one dotted key or table name. A base needs 3 (`health.weights.usage`).
pub const MAX_KEY_PARTS: usize = 8;

/// Most tables in a base: headers, inline tables and the tables dotted keys open. A base of
/// [`MAX_SEGMENTS`] segments, each with three ranges, has about 40,000.
pub const MAX_TABLES: usize = 50_000;

/// Most values in a base (each key's value and each array element). A base of
/// [`MAX_SEGMENTS`] segments with every key and three ranges has about 240,000.
pub const MAX_VALUES: usize = 400_000;

/// Most lines in a base. The TOML reader keeps an event for every line break, some fifty
/// bytes each: 8 MiB of blank lines took 414 MB. A base of [`MAX_SEGMENTS`] segments with
/// every key on its own line and a comment beside each has about 300,000.
pub const MAX_LINES: usize = 1_000_000;

/// Most elements of one array: an inline array of segments holds at most [`MAX_SEGMENTS`].
pub const MAX_ARRAY_ELEMENTS: usize = MAX_SEGMENTS;

/// Where the scan is in the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Reading a key (at the start of a line, or after `{` or `,` in an inline table).
    Key,
    /// Reading a value (after `=`, or in an array).
    Value,
}

/// An open array or inline table.
struct Open {
    /// `[` or `{`.
    bracket: u8,
    /// Elements seen so far (arrays): commas, plus one for a first element.
    elements: usize,
    /// True when the array holds something after its last comma.
    pending: bool,
    /// The table's id, for dotted keys inside an inline table.
    table: u32,
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    stack: Vec<Open>,
    context: Context,
    tables: usize,
    values: usize,
    /// Line breaks outside strings and comments so far.
    lines: usize,
    segment_headers: usize,
    /// Id of the table keys go into at the top level: the last header's.
    header_table: u32,
    next_table: u32,
    /// Dotted-key prefixes already opened, as (table id, hash of the prefix).
    dotted: HashSet<(u32, u64)>,
}

/// What the scan counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Tables and values, a table weighing as four values: about the work of reading the
    /// document once (a table costs the reader several times what a number does).
    pub items: usize,
}

/// Refuses `source` when its structure passes one of the limits above, pointing at the first
/// item past it; otherwise says how much the reader will build.
pub fn prescan(source: &str) -> Result<Shape, Diagnostic> {
    Scan {
        bytes: source.as_bytes(),
        at: 0,
        stack: Vec::new(),
        context: Context::Key,
        tables: 0,
        values: 0,
        lines: 0,
        segment_headers: 0,
        header_table: 0,
        next_table: 1,
        dotted: HashSet::new(),
    }
    .run()
}

fn refuse<T>(span: Range<usize>, message: String) -> Result<T, Diagnostic> {
    Err(Diagnostic::new(Some(span), None, message))
}

impl Scan<'_> {
    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.at + offset).copied()
    }

    fn run(mut self) -> Result<Shape, Diagnostic> {
        while let Some(b) = self.peek(0) {
            match b {
                b'#' => self.skip_comment(),
                // A quoted key (`"0".b.c = 1`) is a key like a bare one: its parts and the
                // tables its prefixes open are counted.
                b'"' | b'\'' if self.context == Context::Key => self.key()?,
                b'"' | b'\'' => {
                    self.note_value(self.at..self.at + 1)?;
                    self.skip_string(b);
                }
                b'\n' => {
                    self.lines += 1;
                    if self.lines >= MAX_LINES {
                        return refuse(
                            self.at..self.at + 1,
                            format!(
                                "the file has more than {MAX_LINES} lines: a base of \
                                 {MAX_SEGMENTS} segments with every key on its own line needs \
                                 about 300000, so csplan stops reading here"
                            ),
                        );
                    }
                    if self.stack.is_empty() {
                        self.context = Context::Key;
                    }
                    self.at += 1;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                _ => match (self.context, self.stack.last().map(|o| o.bracket)) {
                    (Context::Key, None) if b == b'[' => self.header()?,
                    (Context::Key, _) => self.key()?,
                    (Context::Value, _) => self.value_byte(b)?,
                },
            }
        }
        Ok(Shape {
            items: 4 * self.tables + self.values,
        })
    }

    /// Counts one more value, refusing past [`MAX_VALUES`].
    fn count_value(&mut self, span: Range<usize>) -> Result<(), Diagnostic> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return refuse(
                span,
                format!(
                    "the file holds more than {MAX_VALUES} values: a base of {MAX_SEGMENTS} \
                     segments needs about 240000, so csplan stops reading here"
                ),
            );
        }
        Ok(())
    }

    /// Counts one more table, refusing past [`MAX_TABLES`].
    fn count_table(&mut self, span: Range<usize>) -> Result<u32, Diagnostic> {
        self.tables += 1;
        if self.tables > MAX_TABLES {
            return refuse(
                span,
                format!(
                    "the file holds more than {MAX_TABLES} tables (headers, inline tables and \
                     dotted keys): a base of {MAX_SEGMENTS} segments needs about 40000, so \
                     csplan stops reading here"
                ),
            );
        }
        self.next_table += 1;
        Ok(self.next_table)
    }

    /// A value starts at `span`: inside an array, the array has an element after its last
    /// comma, refused past [`MAX_ARRAY_ELEMENTS`].
    fn note_value(&mut self, span: Range<usize>) -> Result<(), Diagnostic> {
        if let Some(open) = self.stack.last_mut()
            && open.bracket == b'['
            && !open.pending
        {
            open.pending = true;
            open.elements += 1;
            if open.elements > MAX_ARRAY_ELEMENTS {
                return refuse(
                    span,
                    format!(
                        "an array of more than {MAX_ARRAY_ELEMENTS} elements: a base holds at \
                         most {MAX_SEGMENTS} segments, so csplan stops reading here"
                    ),
                );
            }
        }
        Ok(())
    }

    fn value_byte(&mut self, b: u8) -> Result<(), Diagnostic> {
        let here = self.at..self.at + 1;
        match b {
            b'[' | b'{' => {
                self.note_value(here.clone())?;
                if self.stack.len() >= MAX_NESTING {
                    return refuse(
                        here,
                        format!(
                            "arrays and inline tables nest more than {MAX_NESTING} deep here: a \
                             base needs at most 2 (a range inside an inline segment)"
                        ),
                    );
                }
                self.count_value(here.clone())?;
                let table = if b == b'{' {
                    self.count_table(here)?
                } else {
                    0
                };
                self.stack.push(Open {
                    bracket: b,
                    elements: 0,
                    pending: false,
                    table,
                });
                if b == b'{' {
                    self.context = Context::Key;
                }
                self.at += 1;
            }
            b']' | b'}' => {
                self.stack.pop();
                self.at += 1;
                if self.stack.last().is_some_and(|o| o.bracket == b'{') {
                    // Back in an inline table: its next item is a key, after a comma.
                    self.context = Context::Value;
                }
            }
            b',' => {
                match self.stack.last_mut() {
                    Some(open) if open.bracket == b'[' => {
                        open.pending = false;
                        self.at += 1;
                        self.count_value(here)?;
                        return Ok(());
                    }
                    Some(_) => self.context = Context::Key,
                    None => {}
                }
                self.at += 1;
            }
            _ => {
                // A bare value (number, boolean, date): to the next delimiter.
                self.note_value(here)?;
                self.at += self.bytes[self.at..]
                    .iter()
                    .position(|c| {
                        matches!(
                            c,
                            b',' | b']' | b'}' | b'[' | b'{' | b'#' | b'\n' | b'"' | b'\''
                        )
                    })
                    .unwrap_or(self.bytes.len() - self.at);
            }
        }
        Ok(())
    }

    /// A key, up to its `=` (or the end of the line, for a broken one): counts its parts and
    /// the tables its dotted prefixes open.
    fn key(&mut self) -> Result<(), Diagnostic> {
        let start = self.at;
        // The common key, bare and then `=`, has no parts or tables to count: read at once
        // what the loop below would read byte by byte.
        let b = self.bytes;
        let mut end = start
            + b[start..]
                .iter()
                .position(|&c| !super::fast::BARE[usize::from(c)])
                .unwrap_or(b.len() - start);
        if end > start {
            while matches!(b.get(end), Some(b' ' | b'\t' | b'\r')) {
                end += 1;
            }
            if b.get(end) == Some(&b'=') {
                self.at = end + 1;
                self.context = Context::Value;
                return self.count_value(start..self.at);
            }
        }
        let table = match self.stack.last() {
            Some(open) => open.table,
            None => self.header_table,
        };
        let mut parts = 1;
        let mut hash = FNV_OFFSET;
        while let Some(c) = self.peek(0) {
            match c {
                b'=' => {
                    self.at += 1;
                    self.context = Context::Value;
                    return self.count_value(start..self.at);
                }
                b'\n' | b'#' | b'}' | b'{' | b'[' | b']' | b',' => {
                    // Not a key: leave the byte to the TOML reader's message, but never loop.
                    if self.at == start {
                        self.at += 1;
                    }
                    if c == b'}' {
                        // `{}`, or `{ a = 1, }`: the table ends, the value it was goes on.
                        self.stack.pop();
                        self.context = Context::Value;
                    }
                    return Ok(());
                }
                b'"' | b'\'' => {
                    let from = self.at;
                    self.skip_string(c);
                    hash = fnv(hash, &self.bytes[from..self.at]);
                }
                b'.' => {
                    parts += 1;
                    self.check_parts(parts, start, "dotted key", "3 (health.weights.usage)")?;
                    if self.dotted.insert((table, hash)) {
                        self.count_table(start..self.at)?;
                    }
                    hash = fnv(hash, b".");
                    self.at += 1;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                _ => {
                    hash = fnv(hash, &[c]);
                    self.at += 1;
                }
            }
        }
        Ok(())
    }

    /// Refuses a dotted key or table name (`what`, starting at `start`) past
    /// [`MAX_KEY_PARTS`] parts; `needed` says how many a base needs.
    fn check_parts(
        &self,
        parts: usize,
        start: usize,
        what: &str,
        needed: &str,
    ) -> Result<(), Diagnostic> {
        if parts <= MAX_KEY_PARTS {
            return Ok(());
        }
        refuse(
            start..self.at,
            format!("a {what} of more than {MAX_KEY_PARTS} parts: a base needs at most {needed}"),
        )
    }

    /// `[name]` or `[[name]]` at the start of a line.
    fn header(&mut self) -> Result<(), Diagnostic> {
        let start = self.at;
        let double = self.peek(1) == Some(b'[');
        self.at += if double { 2 } else { 1 };
        let mut parts = 1;
        let mut name: Vec<u8> = Vec::new();
        while let Some(c) = self.peek(0) {
            match c {
                b']' | b'\n' => break,
                b'"' | b'\'' => {
                    let from = self.at;
                    self.skip_string(c);
                    if name.len() < 16 {
                        name.extend(&self.bytes[from + 1..self.at.saturating_sub(1).max(from + 1)]);
                    }
                }
                b'.' => {
                    parts += 1;
                    self.check_parts(parts, start, "table name", "2 ([health.weights])")?;
                    name.push(c);
                    self.at += 1;
                }
                b' ' | b'\t' => self.at += 1,
                _ => {
                    if name.len() < 16 {
                        name.push(c);
                    }
                    self.at += 1;
                }
            }
        }
        while self.peek(0) == Some(b']') {
            self.at += 1;
        }
        let span = start..self.at;
        // `[a.b.c]` opens the tables `a` and `a.b` too.
        self.tables += parts - 1;
        if double && name == b"segment" {
            self.segment_headers += 1;
            if self.segment_headers > MAX_SEGMENTS {
                return refuse(
                    span,
                    format!(
                        "[[segment]] number {}: a base holds at most {MAX_SEGMENTS} segments",
                        self.segment_headers
                    ),
                );
            }
        }
        self.header_table = self.count_table(span)?;
        self.context = Context::Value;
        Ok(())
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == b'\n' {
                break;
            }
            self.at += 1;
        }
    }

    /// Skips a string that starts at the quote `quote`: basic (`"`, with escapes) or literal
    /// (`'`), single-line or multi-line (three quotes). A single-line string ends at the end
    /// of its line even when unclosed (the reader reports it).
    fn skip_string(&mut self, quote: u8) {
        let multi = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        if multi {
            self.at += 3;
            while let Some(c) = self.peek(0) {
                if c == b'\\' && quote == b'"' {
                    self.at += 2;
                } else if c == quote && self.peek(1) == Some(quote) && self.peek(2) == Some(quote) {
                    self.at += 3;
                    // Up to two more quotes belong to the text: `""""` ends with one in it.
                    for _ in 0..2 {
                        if self.peek(0) == Some(quote) {
                            self.at += 1;
                        }
                    }
                    return;
                } else {
                    self.at += 1;
                }
            }
            return;
        }
        self.at += 1;
        while let Some(c) = self.peek(0) {
            match c {
                b'\\' if quote == b'"' => {
                    if self.peek(1) == Some(b'\n') {
                        return;
                    }
                    self.at += 2;
                }
                b'\n' => return,
                c if c == quote => {
                    self.at += 1;
                    return;
                }
                _ => self.at += 1,
            }
        }
        self.at = self.at.min(self.bytes.len());
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(source: &str) -> (usize, usize, String) {
        let d = prescan(source).expect_err("refused");
        let (line, column) = d.line_column(source).unwrap();
        (line, column, d.message)
    }

    #[test]
    fn a_real_base_passes() {
        for path in std::fs::read_dir("examples").unwrap() {
            let path = path.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                prescan(&text).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
            }
        }
    }

    /// The largest base csplan plans, written in each way TOML allows, passes the scan.
    #[test]
    fn the_largest_base_passes_however_it_is_written() {
        let keys = "customers = 120\narpa = 24000\nnew_growth = 0.25\ncomplexity = \"moderate\"\n\
                    term_months = 12\ntier = \"mid-market\"\naccounts_per_csm = 40\n\
                    tickets_per_account_month = 0.6\nonboarding_hours = 30\n";
        let ranges = "annual_churn = { low = 0.08, high = 0.15, mode = 0.1, shape = \"triangular\" }\n\
                      annual_expansion = { low = 0.05, high = 0.2, mode = 0.1 }\n\
                      new_per_month = { low = 2, high = 5, mode = 3, shape = \"triangular\" }\n";
        let dotted = ranges
            .lines()
            .flat_map(|line| {
                let (key, rest) = line.split_once(" = { ").unwrap();
                rest.trim_end_matches(" }")
                    .split(", ")
                    .map(move |pair| format!("{key}.{pair}\n"))
                    .collect::<Vec<_>>()
            })
            .collect::<String>();
        let head = "[company]\nname = \"A\"\n[health.weights]\nusage = 1\n";
        let mut tables = String::from(head);
        let mut dotted_keys = String::from(head);
        let mut inline = format!("{head}segment = [\n");
        for i in 0..MAX_SEGMENTS {
            tables.push_str(&format!("[[segment]]\nname = \"S{i}\"\n{keys}{ranges}"));
            dotted_keys.push_str(&format!("[[segment]]\nname = \"S{i}\"\n{keys}{dotted}"));
            let fields = format!("{keys}{ranges}").trim_end().replace('\n', ", ");
            inline.push_str(&format!("  {{ name = \"S{i}\", {fields} }},\n"));
        }
        inline.push_str("]\n");
        for text in [tables, dotted_keys, inline] {
            assert!(text.len() < crate::input::MAX_INPUT_BYTES);
            prescan(&text).unwrap_or_else(|d| panic!("{d:?}"));
        }
    }

    #[test]
    fn text_that_looks_like_structure_is_not_counted() {
        let deep = "[".repeat(100);
        for text in [
            format!("a = \"{deep}\"\n"),
            format!("a = '{deep}'\n"),
            format!("a = \"\"\"\n{deep}\n\"\"\"\n"),
            format!("a = '''\n{deep}\n'''\n"),
            format!("# {deep}\n"),
            format!("a = \"\\\"{deep}\"\n"),
            format!("a = \"\"\"\"{deep}\"\"\"\"\n"),
            format!("\"{deep}\" = 1\n"),
        ] {
            prescan(&text).unwrap_or_else(|d| panic!("{text}: {d:?}"));
        }
    }

    #[test]
    fn deep_nesting_is_refused_where_it_passes_the_limit() {
        let text = format!("[company]\nx = {}\n", "[".repeat(70));
        let (line, column, message) = refused(&text);
        assert_eq!((line, column), (2, 5 + MAX_NESTING));
        assert!(message.contains("nest more than 8 deep"), "{message}");
        let text = format!("x = {}1{}\n", "{a = ".repeat(9), "}".repeat(9));
        assert!(refused(&text).2.contains("nest more than"));
    }

    #[test]
    fn many_small_tables_are_refused_at_the_first_past_the_limit() {
        let text = format!("x = [{}]\n", "{a=1},".repeat(MAX_ARRAY_ELEMENTS + 1));
        let (line, column, message) = refused(&text);
        // The first `{` past the limit: after MAX_ARRAY_ELEMENTS tables of 6 bytes each.
        assert_eq!((line, column), (1, 6 + MAX_ARRAY_ELEMENTS * 6));
        assert!(message.contains("an array of more than 10000"), "{message}");
        let text = "[t]\n".repeat(MAX_TABLES + 1);
        let (line, column, message) = refused(&text);
        assert_eq!((line, column), (MAX_TABLES + 1, 1));
        assert!(message.contains("more than 50000 tables"), "{message}");
        let text = format!("x = {}\n", "{a={}},".repeat(MAX_TABLES));
        assert!(refused(&text).2.contains("more than 50000 tables"));
    }

    #[test]
    fn long_arrays_and_many_keys_are_refused() {
        let text = format!("x = [{}]\n", "1,".repeat(MAX_ARRAY_ELEMENTS + 5));
        assert!(refused(&text).2.contains("an array of more than 10000"));
        let mut text = String::from("[t]\n");
        for i in 0..=MAX_VALUES {
            text.push_str(&format!("k{i} = 1\n"));
        }
        let (line, _, message) = refused(&text);
        assert_eq!(line, MAX_VALUES + 2);
        assert!(message.contains("more than 400000 values"), "{message}");
    }

    #[test]
    fn segment_headers_past_the_segment_limit_are_refused() {
        let text = "[[segment]]\n".repeat(MAX_SEGMENTS + 1);
        let (line, column, message) = refused(&text);
        assert_eq!((line, column), (MAX_SEGMENTS + 1, 1));
        assert!(message.contains("[[segment]] number 10001"), "{message}");
        // Quoted and spaced names are the same table.
        let text = "[[ \"segment\" ]]\n".repeat(MAX_SEGMENTS + 1);
        assert!(refused(&text).2.contains("[[segment]] number"));
    }

    #[test]
    fn dotted_keys_count_the_tables_they_open_once() {
        // The same prefix in one table opens one table.
        let mut text = String::from("[[segment]]\n");
        for _ in 0..MAX_TABLES * 2 {
            text.push_str("annual_churn.low = 0.1\n");
        }
        prescan(&text).unwrap();
        let mut text = String::new();
        for i in 0..MAX_TABLES {
            text.push_str(&format!("a{i}.b.c = 1\n"));
        }
        assert!(refused(&text).2.contains("tables"));
        let text = format!("a{} = 1\n", ".a".repeat(MAX_KEY_PARTS));
        assert!(refused(&text).2.contains("dotted key of more than 8 parts"));
    }

    #[test]
    fn lines_past_the_limit_are_refused_at_the_first_past_it() {
        let text = "\n".repeat(MAX_LINES - 1);
        prescan(&text).unwrap();
        let text = format!("[company]\n{}", "# a comment\n".repeat(MAX_LINES));
        let (line, column, message) = refused(&text);
        assert_eq!((line, column), (MAX_LINES, 12));
        assert!(message.contains("more than 1000000 lines"), "{message}");
        // Line breaks inside a multi-line string are the string's.
        let text = format!("x = '''{}'''\n", "\n".repeat(MAX_LINES));
        prescan(&text).unwrap();
    }

    #[test]
    fn quoted_dotted_keys_count_like_bare_ones() {
        // Each line opens seven tables in the reader, whatever quotes its first part.
        for quote in ['"', '\''] {
            let mut text = String::new();
            for i in 0..MAX_TABLES {
                text.push_str(&format!("{quote}{i}{quote}.b.c.d.e.f.g.h = 1\n"));
            }
            let (line, _, message) = refused(&text);
            assert!(message.contains("tables"), "{message}");
            assert!(line < MAX_TABLES / 6, "{line}");
            let text = format!("{quote}a{quote}{} = 1\n", ".a".repeat(MAX_KEY_PARTS));
            assert!(refused(&text).2.contains("dotted key of more than 8 parts"));
            // Inside an inline table too.
            let text = format!(
                "x = {{ {quote}a{quote}{} = 1 }}\n",
                ".a".repeat(MAX_KEY_PARTS)
            );
            assert!(refused(&text).2.contains("dotted key of more than 8 parts"));
        }
        // A quoted key with a plain value is one key: no table.
        prescan("[company]\n\"name\" = \"A\"\n'x' = 'y'\n").unwrap();
    }

    #[test]
    fn broken_text_never_loops_or_panics() {
        for text in [
            "]]]]}}}}",
            "[",
            "[[",
            "a = [",
            "a = {",
            "a = \"",
            "a = '''",
            "\"\"\"",
            "= = =",
            "a.b.",
            "{,}",
            "[a.b.c",
            "a = [1,,,]",
            "\\",
            "a = \"\\",
        ] {
            let _ = prescan(text);
        }
    }
}
