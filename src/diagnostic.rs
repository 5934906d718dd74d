//! One problem in an input file, and how to show it: `file:line:column`, the line itself with
//! a caret under the value, the key, the value and what is allowed. Shared by every reader of a
//! file (a base, an accounts file, actuals, a saved plan), so they point at problems alike.

use std::fmt::Write as _;
use std::ops::Range;

/// Most problems reported for one file.
pub const MAX_DIAGNOSTICS: usize = 20;

/// A problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the file (byte range), when known.
    pub span: Option<Range<usize>>,
    /// The key, as a path: `company.horizon_months`, `segment[2].annual_churn`.
    pub key: Option<String>,
    /// The whole message: key, value, allowed range, and a hint where there is one.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `span` about `key`.
    pub fn new(
        span: Option<Range<usize>>,
        key: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            span,
            key,
            message: message.into(),
        }
    }

    /// The 1-based line and column where the problem starts, when it has a place.
    pub fn line_column(&self, source: &str) -> Option<(usize, usize)> {
        let span = self.span.as_ref()?;
        Some(line_column(source, span.start))
    }

    /// Renders the problem for a person:
    ///
    /// ```text
    /// error: base.toml:14:16: segment[1].annual_churn = 1.5 is out of range: allowed 0..=1
    ///    |
    /// 14 | annual_churn = 1.5
    ///    |                ^^^
    /// ```
    pub fn render(&self, file: &str, source: &str) -> String {
        let mut out = String::new();
        let message = printable(&self.message);
        let Some(span) = self.span.clone() else {
            let _ = writeln!(out, "error: {file}: {message}");
            return out;
        };
        let start = floor_char_boundary(source, span.start);
        let (line, column) = line_column(source, start);
        let _ = writeln!(out, "error: {file}:{line}:{column}: {message}");
        let mut line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        if line_start == 0 && source.starts_with(BOM) {
            line_start = BOM.len().min(start);
        }
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        // Only the part of a long line that can be shown (a minified or hostile file can put
        // megabytes on one line): a window of bytes around the caret, on character boundaries.
        let line_start = floor_char_boundary(
            source,
            line_start.max(start.saturating_sub(4 * SHOWN_CHARS)),
        );
        let line_end = floor_char_boundary(source, line_end.min(start + 8 * SHOWN_CHARS));
        let text = source[line_start..line_end].trim_end_matches('\r');
        // A caret on the `\r` of a Windows line ending sits past the text shown.
        let text_end = (line_start + text.len()).max(start);
        let end = floor_char_boundary(source, span.end.clamp(start, text_end));
        let indent = source[line_start..start].chars().count();
        let width = source[start..end].chars().count().max(1);
        let (shown, indent, shown_end) = window(text, indent, width);
        let gutter = " ".repeat(line.to_string().len());
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{}", format!("{line} | {shown}").trim_end());
        // The caret stays under the text shown (a long value is cut with the line).
        let carets = width.min(shown_end.saturating_sub(indent)).max(1);
        let _ = writeln!(
            out,
            "{gutter} | {}{}",
            " ".repeat(indent),
            "^".repeat(carets)
        );
        out
    }
}

/// `text` with control characters, bidirectional controls and invisible characters (which a
/// value in the file may hold) shown as escapes, so that a message never sends one to the
/// terminal.
fn printable(text: &str) -> String {
    crate::text::escaped(text)
}

/// A byte-order mark, which some editors put at the start of a file.
const BOM: &str = "\u{feff}";

/// Most characters of a line shown under a message: a minified or generated file can put
/// a whole base on one line.
const SHOWN_CHARS: usize = 100;

/// The part of `text` to show around the caret at character `indent` (`width` characters
/// wide), the caret's indent in it, and where the text of the line ends in it (before a
/// closing `…`): long lines are cut to about [`SHOWN_CHARS`] characters with `…` where they
/// were cut.
fn window(text: &str, indent: usize, width: usize) -> (String, usize, usize) {
    // Control characters (a binary file, escape sequences) are never sent to the terminal.
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '\t' => ' ',
            c if crate::text::unsafe_kind(c).is_some() => '\u{fffd}',
            c => c,
        })
        .collect();
    if chars.len() <= SHOWN_CHARS {
        let end = chars.len().max(indent + 1);
        return (chars.into_iter().collect(), indent, end);
    }
    let from = indent.saturating_sub(SHOWN_CHARS / 3).min(chars.len());
    let to = (indent + width.min(SHOWN_CHARS / 2) + SHOWN_CHARS / 3)
        .max(from + SHOWN_CHARS)
        .min(chars.len());
    let mut shown = String::new();
    let mut caret = indent - from;
    if from > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.extend(&chars[from..to]);
    let end = shown.chars().count();
    if to < chars.len() {
        shown.push('…');
    }
    (shown, caret, end)
}

/// 1-based line and column (in characters) of byte `offset` in `source`; a byte-order mark
/// does not count as a column.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset);
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let mut line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if line_start == 0 && source.starts_with(BOM) {
        line_start = BOM.len().min(offset);
    }
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders a list of problems for a person, as `file:line:column` blocks; `truncated` adds the
/// line that says csplan stopped counting.
pub fn render_all(diagnostics: &[Diagnostic], truncated: bool, file: &str, source: &str) -> String {
    let mut text = diagnostics
        .iter()
        .map(|d| d.render(file, source))
        .collect::<Vec<_>>()
        .join("\n");
    if truncated {
        let n = diagnostics.len();
        text.push_str(&format!(
            "\nerror: {file}: csplan stops after {n} problem{}: fix {} and run it again\n",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "these" }
        ));
    }
    text
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
        // A key written without its qualifier (`expansion` for `annual_expansion`): the first
        // key that has the word as a whole part.
        .or_else(|| {
            let word = word.to_lowercase();
            (word.chars().count() >= 4).then_some(())?;
            candidates
                .iter()
                .copied()
                .find(|c| c.split(['_', '-']).any(|part| part == word))
        })
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_line_and_caret() {
        let source = "[company]\nname = \"A\"\nhorizon_months = 500\n";
        let start = source.find("500").unwrap();
        let d = Diagnostic::new(
            Some(start..start + 3),
            Some("company.horizon_months".into()),
            "company.horizon_months = 500 is out of range: allowed 1..=120",
        );
        assert_eq!(d.line_column(source), Some((3, 18)));
        assert_eq!(
            d.render("base.toml", source),
            "error: base.toml:3:18: company.horizon_months = 500 is out of range: allowed 1..=120\n  |\n3 | horizon_months = 500\n  |                  ^^^\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let source = format!("x = [{}1, {}0]\n", "0, ".repeat(500), "0, ".repeat(500));
        let at = source.find('1').unwrap();
        let d = Diagnostic::new(Some(at..at + 1), None, "here");
        let text = d.render("f.toml", &source);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[2].starts_with("1 | …") && lines[2].ends_with('…'),
            "{text}"
        );
        assert!(lines[2].chars().count() < 130, "{text}");
        // The caret sits under the `1`.
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[2].chars().nth(caret), Some('1'), "{text}");
    }

    #[test]
    fn control_characters_and_byte_order_marks_never_reach_the_terminal() {
        let source = "\u{feff}a = \"\u{1b}[2J\"\n";
        let at = source.find('"').unwrap();
        let d = Diagnostic::new(Some(at..at + 8), None, "bad \u{7} value");
        let text = d.render("f.toml", source);
        // The mark is not a column: `"` is the fifth character of the line.
        assert!(
            text.starts_with("error: f.toml:1:5: bad \\u{7} value\n"),
            "{text}"
        );
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(!text.contains('\u{feff}'));
    }

    #[test]
    fn any_span_renders_without_a_panic() {
        let source = "é\r\nb = 1\r\n";
        for start in 0..=source.len() + 2 {
            for end in 0..=source.len() + 2 {
                let d = Diagnostic::new(Some(start..end), None, "m");
                assert!(d.render("f", source).starts_with("error: f:"));
            }
        }
    }

    #[test]
    fn suggests_the_nearest_key() {
        let keys = ["annual_churn", "monthly_churn", "arpa"];
        assert_eq!(nearest("anual_churn", keys), Some("annual_churn"));
        assert_eq!(nearest("montly_churn", keys), Some("monthly_churn"));
        assert_eq!(nearest("colour", keys), None);
        let segment = ["annual_churn", "annual_expansion", "new_per_month"];
        assert_eq!(nearest("expansion", segment), Some("annual_expansion"));
        assert_eq!(nearest("churn", segment), Some("annual_churn"));
        assert_eq!(nearest("new", segment), None, "too short to guess from");
        assert_eq!(nearest("cap", ["spend-cap", "max-load"]), None);
        assert_eq!(nearest("load", ["spend-cap", "max-load"]), Some("max-load"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
