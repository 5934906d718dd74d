//! toml's and serde's messages, reworded for the person who keeps the budget file: the table
//! and key, the value as written, what is allowed, and the likely fix.
//!
//! Neither is matched by its text. A syntax error keeps toml's own message and its span; the
//! hint after it is read from the line at that span and the lines above it. A key-level error
//! is worded from the key at its span and its value, judged against the key table
//! ([`super::ranges::KEYS`]): an unknown key, a value of the wrong kind, an unknown name.
//!
//! `invalid type: string "many", expected f64` becomes
//! `[[segment]] "SMB" customers = "many" is not a number: allowed 0..=10000000`;
//! `unknown field `segments`` at the top becomes `unknown table [segments]; did you mean
//! [[segment]]?`; `string values must be quoted` under `annual_churn = 12%` says to write 0.12.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::ranges::{self, Expect, KEYS, TABLES};
use crate::diagnostic::{Diagnostic, nearest};

/// What the segments are called, to name a table in a message the way a reader finds it:
/// `[[segment]] "SMB"`, or `[[segment]] #3` when it has no name.
pub(super) struct Places {
    segments: Vec<Option<String>>,
}

impl Places {
    pub(super) fn new(document: &DeTable<'_>) -> Self {
        let segments = match document.get("segment").map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::Table(t) => t
                        .get("name")
                        .and_then(|n| n.get_ref().as_str())
                        .map(|n| super::validate::short(n.trim()))
                        .filter(|n| !n.is_empty()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Self { segments }
    }

    /// `[company]`, `[[segment]] "SMB"`, `[[segment]] #3`, or "" for the top of the file, for
    /// the table that holds the key at `path`.
    fn label(&self, path: &str) -> String {
        let Some((table, _)) = path.rsplit_once('.') else {
            return String::new();
        };
        // `segment[2].arpa`, and a range's bound `segment[2].annual_churn.low`.
        match segment_index(path) {
            Some(index) => self.segment_label(index),
            None => ranges::table_header(table),
        }
    }

    fn segment_label(&self, index: usize) -> String {
        match self
            .segments
            .get(index.wrapping_sub(1))
            .and_then(Option::as_ref)
        {
            Some(name) => format!("[[segment]] \"{name}\""),
            None => format!("[[segment]] #{index}"),
        }
    }
}

/// The 1-based segment index of a path into `[[segment]]` (`segment[2].annual_churn.low` → 2).
fn segment_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("segment[")?;
    rest.split_once(']')?.0.parse().ok()
}

/// The key a message names: the last part of the path, or for a range's bound in a segment
/// the ranged key with it (`annual_churn.low`).
fn key_of(path: &str) -> String {
    match path
        .strip_prefix("segment[")
        .and_then(|rest| rest.split_once("]."))
    {
        Some((_, key)) => key.to_string(),
        None => path.rsplit('.').next().unwrap_or(path).to_string(),
    }
}

/// The value as written in the file: its first line, at most 40 characters.
fn written(source: &str, span: &Range<usize>) -> String {
    let text = source
        .get(span.clone())
        .unwrap_or("")
        .lines()
        .next()
        .unwrap_or("")
        .trim();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.to_string()
    }
}

/// "; did you mean `x`?" and " (allowed: a, b, c)".
fn suggest(head: String, word: &str, expected: &[&str]) -> (String, Option<String>) {
    let mut text = head;
    let near = nearest(word, expected.iter().copied());
    if let Some(near) = near {
        text.push_str(&format!("; did you mean `{near}`?"));
    }
    if !expected.is_empty() {
        text.push_str(&format!(" (allowed: {})", expected.join(", ")));
    }
    (text, near.map(str::to_string))
}

/// The keys of a range written as a table (`annual_churn = { low = 0.1, high = 0.3 }`), in the
/// order [`super::raw::RawRange`] declares them.
const RANGE_KEYS: &[&str] = &["low", "high", "mode", "shape"];

/// A range's `shape` values.
const SHAPES: &[&str] = &["uniform", "triangular"];

/// What is wrong with the key set aside, judged from the key table and the value itself.
enum Problem<'k> {
    /// A key its table does not have; the keys it does have, in file-format order.
    UnknownKey(&'k str, Vec<&'static str>),
    /// A name not among the allowed ones.
    UnknownName(&'k str, &'static [&'static str]),
    /// A value of the wrong kind for what the key holds.
    WrongType(Expect),
    /// An item of a list of tables that is not a table.
    NotATable(&'static str),
}

/// The keys the table at `parent` (a path without indices: ``, `company`,
/// `segment.annual_churn`) may hold.
fn keys_of(parent: &str) -> Option<Vec<&'static str>> {
    if parent.is_empty() {
        return Some(
            TABLES
                .iter()
                .map(|(t, _)| *t)
                .filter(|t| !t.contains('.'))
                .collect(),
        );
    }
    if TABLES.iter().any(|(t, _)| *t == parent) {
        return Some(
            KEYS.iter()
                .filter(|k| k.table == parent)
                .map(|k| k.name)
                .collect(),
        );
    }
    let (table, key) = parent.rsplit_once('.')?;
    let ranged = table == "segment"
        && matches!(
            key,
            "annual_churn" | "annual_expansion" | "new_per_month" | "churn_trend" | "arpa_growth"
        );
    ranged.then(|| RANGE_KEYS.to_vec())
}

/// Whether `value` is the kind of value `expect` describes (a range's table for the keys that
/// take one), leaving ranges and names to the checks after reading.
fn fits(expect: Expect, value: &DeValue<'_>, ranged: bool) -> bool {
    match expect {
        Expect::Number(_) => whole_i64(value) || value.is_float() || (ranged && value.is_table()),
        Expect::Whole(_) => whole_i64(value),
        Expect::Text(_) | Expect::Month | Expect::Choice(_) => value.is_str(),
        Expect::Table => value.is_table(),
        Expect::Tables => value
            .as_array()
            .is_some_and(|items| items.iter().all(|item| item.get_ref().is_table())),
    }
}

/// An integer that fits in 64 bits, as every key reads one.
fn whole_i64(value: &DeValue<'_>) -> bool {
    value
        .as_integer()
        .is_some_and(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).is_ok())
}

/// The problem with the key at `path` (`segment[2].arpa`) holding `value`, when the key table
/// names one.
fn classify<'k>(path: &'k str, value: &'k DeValue<'_>) -> Option<Problem<'k>> {
    let plain = ranges::strip_indices(path);
    let (parent, _) = plain.rsplit_once('.').unwrap_or(("", &plain));
    let field = path.rsplit_once('.').map_or(path, |(_, last)| last);
    let field = field.split('[').next().unwrap_or(field);
    let allowed = keys_of(parent)?;
    // `[budget]`'s keys are fiscal years, whatever their name: the checks after reading judge it.
    if !allowed.contains(&field) && parent != "budget" {
        return Some(Problem::UnknownKey(field, allowed));
    }
    if parent.starts_with("segment.") && field == "shape" {
        return match value.as_str() {
            Some(given) if !SHAPES.contains(&given) => Some(Problem::UnknownName(given, SHAPES)),
            _ if !value.is_str() => Some(Problem::WrongType(Expect::Choice(SHAPES))),
            _ => None,
        };
    }
    let expect = ranges::expect(path)?;
    let ranged = keys_of(&plain).is_some_and(|keys| keys == RANGE_KEYS);
    if !fits(expect, value, ranged) {
        return Some(Problem::WrongType(expect));
    }
    match (expect, value.as_str()) {
        (Expect::Choice(names), Some(given)) if !names.contains(&given) => {
            Some(Problem::UnknownName(given, names))
        }
        _ => None,
    }
}

/// The list of tables whose item lies at `span`, when an item there is not a table
/// (`segment = [1, 2]`).
fn list_item_at(document: &DeTable<'_>, span: &Range<usize>) -> Option<&'static str> {
    TABLES.iter().find_map(|(table, expect)| {
        let value = document.get(*table)?;
        let inside = value.span().start <= span.start && span.end <= value.span().end;
        (*expect == Expect::Tables && value.get_ref().is_array() && inside).then_some(*table)
    })
}

/// A serde error while reading the tables into [`super::raw::RawBase`], worded from the key it
/// is about: `removed` is the key set aside at the error's span (its path and value), judged
/// against the key table (an unknown key or table, a value of the wrong kind, an unknown
/// name). serde's message is shown only when the table finds nothing wrong with the key.
/// Returns the diagnostic and, for a misspelt key, the path of the key meant (so that its
/// absence is not reported again).
pub(super) fn serde_error(
    error: &toml::de::Error,
    span: Option<Range<usize>>,
    removed: Option<&(String, Spanned<DeValue<'_>>)>,
    document: &DeTable<'_>,
    source: &str,
    places: &Places,
) -> (Diagnostic, Option<String>) {
    let path = removed.map(|(p, _)| p.as_str());
    let value = removed.map(|(_, v)| v);
    let label = path.map(|p| places.label(p)).unwrap_or_default();
    let key = path.map(key_of);
    let shown = span
        .as_ref()
        .map(|s| written(source, s))
        .unwrap_or_default();
    let problem = match (path, value) {
        (Some(path), Some(value)) => classify(path, value.get_ref()),
        _ => span
            .as_ref()
            .and_then(|s| list_item_at(document, s))
            .map(Problem::NotATable),
    };
    let mut meant = None;
    let text = match (problem, path, value) {
        (Some(Problem::UnknownKey(field, expected)), Some(path), _) => {
            let (text, near) = unknown_key(field, path, &label, value, &expected);
            meant = near;
            text
        }
        (Some(Problem::UnknownName(given, names)), _, _) => {
            let key = key.as_deref().unwrap_or("value");
            let head = format!(
                "{label} {key} = \"{}\" is not allowed",
                super::validate::short(given)
            );
            suggest(head.trim_start().to_string(), given, names).0
        }
        (Some(Problem::WrongType(expect)), Some(path), Some(value)) => {
            let key = key.as_deref().unwrap_or(path);
            wrong_type(&label, key, &shown, value.get_ref(), expect)
        }
        (Some(Problem::NotATable(table)), _, _) => format!(
            "{shown} is not a table: write each {table} as {} with its keys below it",
            ranges::table_header(table)
        ),
        _ => {
            let message = error.message().trim();
            match path {
                Some(p) => format!("{label} {}: {message}", key.as_deref().unwrap_or(p))
                    .trim_start()
                    .to_string(),
                None => message.to_string(),
            }
        }
    };
    (Diagnostic::new(span, path.map(str::to_string), text), meant)
}

/// `unknown key `anual_churn` in [[segment]] "SMB"; did you mean `annual_churn`?`, or for the
/// top of the file, `unknown table [segments]; did you mean [[segment]]?`.
fn unknown_key(
    field: &str,
    path: &str,
    label: &str,
    value: Option<&Spanned<DeValue<'_>>>,
    expected: &[&str],
) -> (String, Option<String>) {
    let name = super::validate::short(field);
    let parent = path.rsplit_once('.').map(|(table, _)| table);
    let is_table = matches!(
        value.map(|v| v.get_ref()),
        Some(DeValue::Table(_) | DeValue::Array(_))
    );
    if parent.is_none() && is_table {
        // The tables a file writes at its top level (not `health.columns`).
        let top = || TABLES.iter().map(|(t, _)| *t).filter(|t| !t.contains('.'));
        let tables: Vec<String> = top().map(ranges::table_header).collect();
        let near = nearest(field, top());
        let mut text = format!("unknown table [{name}]");
        if let Some(near) = near {
            text.push_str(&format!("; did you mean {}?", ranges::table_header(near)));
        }
        text.push_str(&format!(" (tables: {})", tables.join(", ")));
        return (text, near.map(str::to_string));
    }
    if parent.is_none() {
        // A key above every table header: usually [company] or [[segment]] forgotten above it.
        let homes = ranges::tables_with(field);
        let text = if homes.is_empty() {
            let all = KEYS.iter().map(|k| k.name);
            match nearest(field, all) {
                Some(near) => format!(
                    "unknown key `{name}` above every table; did you mean `{near}`, under {}?",
                    ranges::tables_with(near).join(" or ")
                ),
                None => format!(
                    "unknown key `{name}` above every table: keys go under a table such as [company] or [[segment]]"
                ),
            }
        } else {
            format!(
                "`{name}` sits above every table: move it under {} (a key belongs to the table header above it)",
                homes.join(" or ")
            )
        };
        return (text, None);
    }
    let (mut text, near) = suggest(format!("unknown key `{name}` in {label}"), field, expected);
    if near.is_none() {
        let homes: Vec<String> = ranges::tables_with(field)
            .into_iter()
            .filter(|h| !label.starts_with(h.as_str()))
            .collect();
        if !homes.is_empty() {
            text = format!(
                "`{name}` does not belong in {label}: it goes under {} (allowed here: {})",
                homes.join(" or "),
                expected.join(", ")
            );
        }
    }
    let meant = near.map(|n| match parent {
        Some(table) => format!("{table}.{n}"),
        None => n,
    });
    (text, meant)
}

/// A value of the wrong type, worded by what the key holds.
fn wrong_type(label: &str, key: &str, shown: &str, value: &DeValue<'_>, expect: Expect) -> String {
    let head = format!("{label} {key} = {shown}").trim_start().to_string();
    let scalar = !matches!(expect, Expect::Table | Expect::Tables);
    if scalar && value.is_table() && shown.starts_with('[') {
        // `[salaries.csm]`: a header where a key was meant.
        return format!(
            "{shown} makes {key} a table, but {key} is a value (allowed {}): write {key} = … under {label}",
            expect.describe()
        );
    }
    let quoted_number = value
        .as_str()
        .and_then(|s| s.trim().replace('_', "").parse::<f64>().ok());
    match expect {
        Expect::Number(allowed) => {
            let text = value.as_str().map(str::trim).unwrap_or("");
            let percent = text
                .strip_suffix('%')
                .and_then(|n| n.trim().parse::<f64>().ok());
            if let Some(n) = quoted_number {
                format!(
                    "{head} is in quotes, so it is text: write the number without quotes, {key} = {n}"
                )
            } else if let Some(p) = percent {
                format!(
                    "{head} is text: write a fraction without quotes, {key} = {}",
                    crate::format::round_to(p / 100.0, 6)
                )
            } else if let Some(n) = plain_number(text).filter(|_| !text.is_empty()) {
                format!(
                    "{head} is text: write a plain number without quotes, separators or currency signs, {key} = {n}"
                )
            } else {
                format!(
                    "{head} is not a number: allowed {}{}",
                    allowed.describe(),
                    ranges::hint_for(key)
                )
            }
        }
        Expect::Whole(whole) => {
            let problem = if value.is_integer() {
                "is out of range"
            } else if quoted_number.is_some() {
                "is in quotes, so it is text: write a whole number without quotes"
            } else {
                "is not a whole number"
            };
            format!(
                "{head} {problem}: allowed {}{}",
                whole.describe(),
                ranges::hint_for(key)
            )
        }
        Expect::Text(example) => {
            format!("{head} is not text: write it in quotes, e.g. {key} = {example}")
        }
        Expect::Month => {
            if value.is_datetime() {
                format!(
                    "{head} is a date: write the month in quotes, {key} = \"{}\"",
                    shown.get(..7).unwrap_or("2027-01")
                )
            } else {
                format!("{head} is not a month: write it in quotes, e.g. {key} = \"2027-01\"")
            }
        }
        Expect::Choice(names) => {
            format!("{head} is not allowed: allowed {}", names.join(", "))
        }
        Expect::Table => {
            if value.is_array() && shown.starts_with("[[") {
                format!("[[{key}]] makes a list of tables: write [{key}] (single brackets), once")
            } else {
                format!(
                    "{key} = {shown} is not a table: write [{key}] on a line of its own, with its keys below it"
                )
            }
        }
        Expect::Tables => {
            if value.is_table() && shown.starts_with('[') {
                format!(
                    "[{key}] is a single table: write each {key} as [[{key}]] (double brackets)"
                )
            } else {
                format!(
                    "{key} = {shown} is not a list of tables: write each {key} as [[{key}]] with its keys below it"
                )
            }
        }
    }
}

/// A TOML syntax error: toml's own message, with the key and value of its line and a hint for
/// the usual slips (percentages, currency signs and thousands separators, unquoted text,
/// `key: value`, a key or table written twice). The hint comes from the line at the error's
/// span and the lines above it, never from the wording of toml's message, which may change
/// with any toml release. (Nesting past toml's limit never reaches here: the prescan refuses
/// more than 8 levels first.)
pub(super) fn syntax_error(error: &toml::de::Error, source: &str) -> Diagnostic {
    let message = error.message().trim();
    // toml reports over-deep dotted keys without a place: the line with the most dots is the
    // one; any other error without a place is put at the start of the file.
    let span = error
        .span()
        .unwrap_or_else(|| deep_key_line(source).unwrap_or(0..0));
    let at = span.start.min(source.len());
    let line_start = source[..floor_boundary(source, at)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    let line = source[line_start..line_end].trim_end_matches('\r');
    let above = &source[..line_start];
    let text = match split_key_value(line) {
        Some((key, value)) => {
            let hint = value_hint(key, value, line, above);
            format!("not valid TOML in `{key} = {value}`: {message}{hint}")
        }
        None => format!("not valid TOML: {message}{}", line_hint(line, above)),
    };
    Diagnostic::new(Some(span), None, text)
}

/// The lines of the table that `above` (the file before a line) ends in: from its last table
/// header on, or the whole of it before any header.
fn current_table(above: &str) -> impl Iterator<Item = &str> {
    let lines: Vec<&str> = above.lines().collect();
    let start = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with('['))
        .unwrap_or(0);
    lines.into_iter().skip(start)
}

/// True when `key` is already set in the table the line below `above` sits in.
fn set_above(key: &str, above: &str) -> bool {
    current_table(above).any(|line| split_key_value(line).is_some_and(|(k, _)| k == key))
}

/// True when `value` (the rest of its line) opens a quoted string that does not close on the
/// line, or holds a control character TOML does not allow in a string.
fn broken_string(value: &str) -> bool {
    let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return false;
    };
    let body = &value[1..];
    let mut escaped = false;
    for c in body.chars() {
        match c {
            '\\' if quote == '"' && !escaped => escaped = true,
            c if c == quote && !escaped => return false,
            c if c.is_control() && c != '\t' => return true,
            _ => escaped = false,
        }
    }
    true
}

/// True when `value` is a bare word where TOML wants a value: not a number, a boolean, a date,
/// a quoted string, an array or an inline table.
fn bare_word(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let word = value.split_whitespace().next().unwrap_or("");
    !(first.is_ascii_digit()
        || matches!(first, '"' | '\'' | '[' | '{' | '+' | '-' | '.')
        || matches!(word, "true" | "false" | "inf" | "nan"))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The line with the most dots (the first of equals), when it has any.
fn deep_key_line(source: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    let mut best: Option<(usize, Range<usize>)> = None;
    for line in source.split_inclusive('\n') {
        let dots = line.matches('.').count();
        if dots > 0 && best.as_ref().is_none_or(|(most, _)| dots > *most) {
            best = Some((dots, offset..offset + line.trim_end().len()));
        }
        offset += line.len();
    }
    best.map(|(_, span)| span)
}

/// `key = value` of a line, the value without a trailing comment; `None` for table headers,
/// comments and lines without `=`.
fn split_key_value(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim();
    if trimmed.starts_with('[') || trimmed.starts_with('#') {
        return None;
    }
    let (key, value) = trimmed.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || key.chars().count() > 60 {
        return None;
    }
    let value = value.trim();
    let value = if value.starts_with(['"', '\'']) {
        value
    } else {
        value.split(" #").next().unwrap_or(value).trim()
    };
    let value = if value.chars().count() > 40 {
        value.get(..floor_boundary(value, 40)).unwrap_or(value)
    } else {
        value
    };
    Some((key, value))
}

/// A hint for a broken `key = value` line (`line`, below the text `above`).
fn value_hint(key: &str, value: &str, line: &str, above: &str) -> String {
    // A line that reads as TOML on its own fails only where it stands: written twice.
    if DeTable::parse(line).is_ok() {
        return if set_above(key, above) {
            format!(": `{key}` is set twice in this table; keep one")
        } else {
            String::new()
        };
    }
    if key.contains(char::is_whitespace) {
        let joined = key.split_whitespace().collect::<Vec<_>>().join("_");
        return format!(": keys have no spaces, write {joined}");
    }
    if let Some(number) = value.strip_suffix('%')
        && let Ok(n) = number.trim().parse::<f64>()
    {
        return format!(
            ": write a fraction, not a percentage: {key} = {}",
            crate::format::round_to(n / 100.0, 6)
        );
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if digits > 0
        && (value.starts_with(['$', '€', '£'])
            || value.contains(',')
            || value.ends_with(['k', 'K', 'm', 'M']))
    {
        return match plain_number(value) {
            Some(n) => format!(
                ": write a plain number, without currency signs, separators or suffixes: {key} = {n}"
            ),
            None => ": write a plain number, without currency signs, separators or suffixes".into(),
        };
    }
    if value.starts_with('.') {
        return format!(": write a digit before the point, {key} = 0{value}");
    }
    if value.ends_with('.') && digits > 0 {
        return format!(": write a digit after the point, {key} = {value}0");
    }
    if key == "start" && digits > 0 {
        return format!(
            ": write the month in quotes, start = \"{}\"",
            value.trim_matches(['"', '\''])
        );
    }
    if bare_word(value) {
        return format!(": write text in quotes, {key} = \"{value}\"");
    }
    let whole_value = line.split_once('=').map_or("", |(_, v)| v.trim());
    if broken_string(whole_value) {
        return ": close the quotes on the same line".into();
    }
    String::new()
}

/// `24,000` → 24000, `$24k` → 24000, `1.5M` → 1500000.
fn plain_number(value: &str) -> Option<String> {
    if value.contains('.') && value.contains(',') {
        // 45.000,00 or 45,000.00: which is the separator is a guess; do not guess.
        return None;
    }
    let mut text: String = value
        .chars()
        .filter(|c| !matches!(c, '$' | '€' | '£' | ',' | '_' | ' '))
        .collect();
    let scale = match text.chars().last() {
        Some('k' | 'K') => 1e3,
        Some('m' | 'M') => 1e6,
        _ => 1.0,
    };
    if scale > 1.0 {
        text.pop();
    }
    let n: f64 = text.parse().ok()?;
    Some(crate::format::round_to(n * scale, 6).to_string())
}

/// A hint for a broken line that is not `key = value` (`line`, below the text `above`).
fn line_hint(line: &str, above: &str) -> String {
    let trimmed = line.trim();
    if let Some((key, value)) = trimmed.split_once(':')
        && (1..=40).contains(&key.trim().len())
        && key
            .trim()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return format!(
            ": TOML writes `key = value`, not `key: value`; write {} = {}",
            key.trim(),
            super::validate::short(value.trim())
        );
    }
    // A header (`[company]` or `[[segment]]`): its name, and whether it is a list's item.
    let header = |l: &str| {
        let l = l.split('#').next().unwrap_or("").trim();
        let list = l.starts_with("[[");
        let name = l.strip_prefix('[')?.strip_suffix(']')?;
        let name = if list {
            name.strip_prefix('[')?.strip_suffix(']')?
        } else {
            name
        };
        (!name.contains(['[', ']'])).then(|| (name.trim().to_string(), list))
    };
    // Headers above, read loosely (toml reads `[segment]]` as the table `segment`).
    let earlier = |l: &str| {
        let l = l.split('#').next().unwrap_or("").trim();
        l.starts_with('[').then(|| {
            (
                l.trim_matches(['[', ']']).trim().to_string(),
                l.starts_with("[["),
            )
        })
    };
    // A table written twice: a second `[name]`, or `[name]` and `[[name]]` both.
    if let Some((name, list)) = header(line)
        && (above
            .lines()
            .filter_map(earlier)
            .any(|(earlier, earlier_list)| earlier == name && !(list && earlier_list))
            // … or a key of that name at the top of the file (`segment = [...]`).
            || above
                .lines()
                .take_while(|l| !l.trim_start().starts_with('['))
                .any(|l| split_key_value(l).is_some_and(|(k, _)| k == name)))
    {
        return if name == "segment" {
            ": each segment is written [[segment]] (double brackets)".into()
        } else {
            format!(": a base has one [{name}] table; merge the two")
        };
    }
    if trimmed.starts_with('[') && !trimmed.contains(']') {
        return ": close the table name with `]`, e.g. [company]".into();
    }
    if trimmed.starts_with('[') || trimmed.starts_with('#') || trimmed.is_empty() {
        return String::new();
    }
    if !trimmed.contains('=') {
        return ": a line holds a table header like [company] or a `key = value`".into();
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_from_what_people_type() {
        assert_eq!(plain_number("24,000").as_deref(), Some("24000"));
        assert_eq!(plain_number("$24k").as_deref(), Some("24000"));
        assert_eq!(plain_number("1.5M").as_deref(), Some("1500000"));
        assert_eq!(plain_number("€45.000,00"), None);
    }

    #[test]
    fn key_and_value_of_a_line() {
        assert_eq!(
            split_key_value("arpa = 24,000 # per year"),
            Some(("arpa", "24,000"))
        );
        assert_eq!(
            split_key_value("name = \"A # B\""),
            Some(("name", "\"A # B\""))
        );
        assert_eq!(split_key_value("[company]"), None);
    }

    #[test]
    fn hints_come_from_the_lines_not_from_tomls_words() {
        let above = "[company]\nname = \"A\"\n[[segment]]\nname = \"S\"\ncustomers = 1\n";
        assert!(set_above("customers", above));
        // Another segment's key is not this one's.
        assert!(!set_above("customers", &format!("{above}[[segment]]\n")));
        assert!(broken_string("\"Acme"));
        assert!(broken_string("\"Mid\u{0}market\""));
        assert!(!broken_string("\"A \\\" B\" x"));
        assert!(bare_word("Acme"));
        assert!(!bare_word("true") && !bare_word("12") && !bare_word("\"x\""));
        assert_eq!(
            line_hint("[company]", "[company]\nname = \"A\"\n"),
            ": a base has one [company] table; merge the two"
        );
        assert_eq!(line_hint("[company]", ""), "");
        assert_eq!(
            line_hint("[[company]]", "[company]\n"),
            ": a base has one [company] table; merge the two"
        );
        assert_eq!(line_hint("[[segment]] x", "[[segment]]\n"), "");
        assert_eq!(line_hint("[company] x", "[company]\n"), "");
        assert_eq!(
            line_hint("[segment]", "segment = [\"A\"]\n"),
            ": each segment is written [[segment]] (double brackets)"
        );
        assert_eq!(
            line_hint("[company", ""),
            ": close the table name with `]`, e.g. [company]"
        );
    }

    #[test]
    fn key_level_problems_are_judged_by_the_key_table() {
        let table = |text: &'static str| DeTable::parse(text).unwrap().into_inner();
        let doc = table("a = 1\nb = \"mars\"\nc = 99999999999999999999\nd = { low = 1, hi = 2 }\n");
        let value = |k: &str| doc.get(k).unwrap().get_ref();
        assert!(matches!(
            classify("company.regoin", value("b")),
            Some(Problem::UnknownKey("regoin", _))
        ));
        assert!(matches!(
            classify("company.region", value("b")),
            Some(Problem::UnknownName("mars", _))
        ));
        assert!(matches!(
            classify("company.horizon_months", value("c")),
            Some(Problem::WrongType(Expect::Whole(_)))
        ));
        assert!(matches!(
            classify("segment[1].arpa", value("c")),
            Some(Problem::WrongType(Expect::Number(_)))
        ));
        // A range's table takes its own keys.
        assert!(classify("segment[1].annual_churn", value("d")).is_none());
        assert!(matches!(
            classify("segment[1].annual_churn.hi", value("a")),
            Some(Problem::UnknownKey("hi", keys)) if keys == RANGE_KEYS
        ));
        // A value the table finds nothing wrong with leaves serde's message to speak.
        assert!(classify("company.horizon_months", value("a")).is_none());
    }
}
