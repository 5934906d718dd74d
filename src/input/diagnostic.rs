//! One problem in an input file, and how to show it: `file:line:column`, the line itself with
//! a caret under the value, the key, the value and what is allowed.

use std::fmt::Write as _;
use std::ops::Range;

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
        let Some(span) = self.span.clone() else {
            let _ = writeln!(out, "error: {file}: {}", self.message);
            return out;
        };
        let start = span.start.min(source.len());
        let (line, column) = line_column(source, start);
        let _ = writeln!(out, "error: {file}:{line}:{column}: {}", self.message);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let text = source[line_start..line_end].trim_end_matches('\r');
        let end = span.end.clamp(start, line_end);
        let width = source[start..end].chars().count().max(1);
        let indent = source[line_start..start].chars().count();
        let gutter = " ".repeat(line.to_string().len());
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{line} | {text}");
        let _ = writeln!(
            out,
            "{gutter} | {}{}",
            " ".repeat(indent),
            "^".repeat(width)
        );
        out
    }
}

/// 1-based line and column (in characters) of byte `offset` in `source`.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
    fn suggests_the_nearest_key() {
        let keys = ["annual_churn", "monthly_churn", "arpa"];
        assert_eq!(nearest("anual_churn", keys), Some("annual_churn"));
        assert_eq!(nearest("montly_churn", keys), Some("monthly_churn"));
        assert_eq!(nearest("colour", keys), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
