//! Reading a `base.toml`: syntax, keys and types, then ranges, each problem with its place.
//!
//! [`parse`] reports every problem it can find in one pass, up to [`MAX_DIAGNOSTICS`]: after a
//! key-level error (an unknown key, a value of the wrong type) it sets that key aside and reads
//! on, so a file with three typos gets three messages, not one per run. Every message names
//! the line and column (see [`wording`] for how toml's and serde's messages are reworded).

mod fast;
pub mod prescan;
pub mod ranges;
pub mod raw;
mod validate;
mod wording;

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use crate::diagnostic::{Diagnostic, MAX_DIAGNOSTICS, nearest, render_all};
pub use validate::MAX_SEGMENTS;
pub(crate) use validate::short;

use crate::health::HealthConfig;
use crate::model::Base;
use raw::RawBase;
use wording::Places;

/// Largest input csplan reads, in bytes (8 MiB). A base of [`MAX_SEGMENTS`] segments with a
/// dozen keys each is about 3 MB; refusing more before parsing keeps memory and time small
/// whatever a file holds.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Tables and values the TOML reader may read again, over all the retries after a key-level
/// error (each retry re-reads the document): four retries of the largest base.
const RETRY_BUDGET: usize = 1_600_000;

/// Largest file in which csplan reports every syntax error (up to [`MAX_DIAGNOSTICS`]);
/// a larger one is refused at its first.
const RECOVER_BYTES: usize = 1024 * 1024;

/// Every problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem{} in the input", .diagnostics.len(), if .diagnostics.len() == 1 { "" } else { "s" })]
pub struct InputError {
    /// The problems, in file order; at most [`MAX_DIAGNOSTICS`].
    pub diagnostics: Vec<Diagnostic>,
    /// True when reading stopped before the file's end with more problems likely: at
    /// [`MAX_DIAGNOSTICS`], or sooner in a very large file.
    pub truncated: bool,
}

impl InputError {
    fn single(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
            truncated: false,
        }
    }

    /// Renders every problem for a person, as `file:line:column` blocks.
    pub fn render(&self, file: &str, source: &str) -> String {
        render_all(
            &self.diagnostics,
            self.truncated || self.diagnostics.len() >= MAX_DIAGNOSTICS,
            file,
            source,
        )
    }
}

/// A base file as read: the base to plan, and the `[health]` settings for reading account data
/// (`csplan health`, `plan --accounts`), which the planner never reads.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseFile {
    /// The customer base.
    pub base: Base,
    /// `[health]`: how account data is read and scored, defaults applied.
    pub health: HealthConfig,
}

/// Parses and validates a `base.toml` given as bytes: refuses more than [`MAX_INPUT_BYTES`] and
/// text that is not UTF-8 (pointing at the first bad byte), then [`read`]s it.
pub fn read_bytes(bytes: &[u8]) -> Result<BaseFile, InputError> {
    check_size(bytes.len())?;
    read(decode(bytes).map_err(InputError::single)?)
}

/// The base of [`read_bytes`].
pub fn parse_bytes(bytes: &[u8]) -> Result<Base, InputError> {
    read_bytes(bytes).map(|file| file.base)
}

/// Parses and validates a `base.toml`: the base alone (see [`read`] for its `[health]` too).
pub fn parse(source: &str) -> Result<Base, InputError> {
    read(source).map(|file| file.base)
}

/// The text of a file csplan reads (a base, a saved plan, an accounts file), or why it is not
/// UTF-8 text: UTF-16 (with or without a byte-order mark) is named as such, any other bad
/// byte is pointed at (its line and column). A UTF-8 byte-order mark is kept: each reader
/// skips it.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let utf16 = |order: &str, mark: bool| {
        let mark = if mark {
            "with a byte-order mark"
        } else {
            "without a byte-order mark"
        };
        Err(Diagnostic::new(
            Some(0..2),
            None,
            format!(
                "the file is UTF-16 text ({order}, {mark}), not UTF-8: save it as UTF-8 (in \
                 PowerShell, Out-File -Encoding utf8; in Excel, \"CSV UTF-8\")"
            ),
        ))
    };
    match bytes {
        [0xFF, 0xFE, ..] => return utf16("little-endian", true),
        [0xFE, 0xFF, ..] => return utf16("big-endian", true),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => return utf16("little-endian", false),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => return utf16("big-endian", false),
        [a, 0] if *a != 0 => return utf16("little-endian", false),
        _ => {}
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let byte = bytes.get(at).copied().unwrap_or(0);
        Diagnostic::new(
            Some(at..at + 1),
            None,
            format!("the file is not UTF-8 text (byte 0x{byte:02X} here): save it as UTF-8"),
        )
    })
}

fn check_size(len: usize) -> Result<(), InputError> {
    if len > MAX_INPUT_BYTES {
        return Err(InputError::single(Diagnostic::new(
            None,
            None,
            format!(
                "the input is {len} bytes: csplan reads bases up to {MAX_INPUT_BYTES} bytes (8 MiB)"
            ),
        )));
    }
    Ok(())
}

/// Parses and validates a `base.toml`: the base and its `[health]` settings.
pub fn read(source: &str) -> Result<BaseFile, InputError> {
    check_size(source.len())?;
    // Bound what the TOML reader will build before it builds it.
    let shape = prescan::prescan(source).map_err(InputError::single)?;
    // A base in the plain shape most are written in is read without the TOML reader's
    // document; any other, and any base with a problem, is read (again) by the TOML reader,
    // whose reading words every problem.
    if let Some(raw) = fast::read(source)
        && let Ok(file) = validate::validate(&raw, source)
    {
        return Ok(file);
    }
    // Each problem after the first reads the document again: a big file gets fewer retries,
    // so that a file of thousands of bad keys is still refused in well under a second.
    let most_problems = (RETRY_BUDGET / shape.items.max(1)).clamp(1, MAX_DIAGNOSTICS);
    let mut document = parse_document(source)?;
    let places = Places::new(document.get_ref());
    let mut diagnostics = Vec::new();
    // Keys set aside after an error, and the names suggested for them: their absence (or the
    // absence of the key they were meant to be) is not reported again.
    let mut set_aside: Vec<String> = Vec::new();
    let mut suggested: Vec<String> = Vec::new();
    let mut stopped_early = false;
    let excused = |path: &str, set_aside: &[String], suggested: &[String]| {
        set_aside
            .iter()
            .chain(suggested)
            .any(|p| p == path || p.starts_with(&format!("{path}.")))
    };
    // The first reading takes the document itself, so that a valid base is read without a
    // copy of it; a reading that fails gets the document back (parsed again) to set keys aside.
    let mut first = true;
    loop {
        let read = if std::mem::take(&mut first) {
            let taken = std::mem::replace(&mut document, Spanned::new(0..0, DeTable::new()));
            let read = RawBase::deserialize(toml::de::Deserializer::from(taken));
            if read.is_err() {
                document = parse_document(source)?;
            }
            read
        } else {
            RawBase::deserialize(toml::de::Deserializer::from(document.clone()))
        };
        match read {
            Ok(raw) => {
                match validate::validate(&raw, source) {
                    Ok(file) if diagnostics.is_empty() => return Ok(file),
                    Ok(_) => {}
                    Err(found) => diagnostics.extend(found.into_iter().filter(|d| {
                        d.key
                            .as_ref()
                            .is_none_or(|k| !excused(k, &set_aside, &suggested))
                    })),
                }
                break;
            }
            Err(error) => {
                let span = error.span().filter(|s| !(s.start == 0 && s.end == 0));
                // An error with no place (a missing field) after a key was set aside is that
                // key's absence: already reported.
                if span.is_none() && !(set_aside.is_empty() && suggested.is_empty()) {
                    break;
                }
                let removed = span
                    .as_ref()
                    .and_then(|s| set_aside_key(document.get_mut(), s, ""));
                let (diagnostic, suggestion) = wording::serde_error(
                    &error,
                    span,
                    removed.as_ref(),
                    document.get_ref(),
                    source,
                    &places,
                );
                diagnostics.push(diagnostic);
                suggested.extend(suggestion);
                match removed {
                    Some((path, _)) if diagnostics.len() < most_problems => set_aside.push(path),
                    Some(_) => {
                        stopped_early = diagnostics.len() < MAX_DIAGNOSTICS;
                        break;
                    }
                    None => break,
                }
            }
        }
    }
    // A problem with no place of its own: a missing [[segment]] belongs at the end of the file
    // (where one would be added), anything else at its start.
    for d in &mut diagnostics {
        if d.span.is_none() {
            let at = if d.key.as_deref() == Some("segment") {
                source.len()
            } else {
                0
            };
            d.span = Some(at..at);
        }
    }
    // In file order, so a reader fixes them top to bottom.
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
    diagnostics.truncate(MAX_DIAGNOSTICS);
    Err(InputError {
        diagnostics,
        truncated: stopped_early,
    })
}

/// The TOML document of `source`, or its syntax errors; a document with no tables is refused.
fn parse_document(source: &str) -> Result<Spanned<DeTable<'_>>, InputError> {
    // Reading on past a syntax error keeps every error: a large file of broken lines (390,000
    // `a =` lines) took 210 MB. A large file stops at its first.
    let (document, syntax) = if source.len() <= RECOVER_BYTES {
        DeTable::parse_recoverable(source)
    } else {
        match DeTable::parse(source) {
            Ok(document) => (document, Vec::new()),
            Err(error) => {
                let mut refused = syntax_errors(&[error], source);
                refused.truncated = true;
                return Err(refused);
            }
        }
    };
    if !syntax.is_empty() {
        return Err(syntax_errors(&syntax, source));
    }
    if document.get_ref().is_empty() {
        return Err(InputError::single(Diagnostic::new(
            Some(0..0),
            None,
            "the file holds no tables: a base needs a [company] table with a name and at least \
             one [[segment]]",
        )));
    }
    Ok(document)
}

/// Where the key or table at `path` (`company.horizon_months`, `segment[2]`) is written in
/// `source`: a key's value, or a table's `name` (else the table itself). For pointing at what a
/// [`crate::PlanError`] is about.
pub fn locate(source: &str, path: &str) -> Option<Range<usize>> {
    let document = DeTable::parse(source).ok()?;
    let mut table: &DeTable<'_> = document.get_ref();
    let mut found: Option<&Spanned<DeValue<'_>>> = None;
    for part in path.split('.') {
        if let Some(DeValue::Table(inner)) = found.map(|v| v.get_ref()) {
            table = inner;
        }
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let mut value = table.get(name)?;
        if let (Some(i), DeValue::Array(items)) = (index, value.get_ref()) {
            value = items.get(i.checked_sub(1)?)?;
        }
        found = Some(value);
    }
    let value = found?;
    match value.get_ref() {
        DeValue::Table(t) => Some(t.get("name").map_or(value.span(), |n| n.span())),
        _ => Some(value.span()),
    }
}

/// TOML syntax errors, reworded, one per line (toml often reports a broken line twice).
fn syntax_errors(errors: &[toml::de::Error], source: &str) -> InputError {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut lines_seen = Vec::new();
    for error in errors {
        let diagnostic = wording::syntax_error(error, source);
        let line = diagnostic.line_column(source).map(|(line, _)| line);
        if lines_seen.contains(&line) {
            continue;
        }
        lines_seen.push(line);
        diagnostics.push(diagnostic);
        if diagnostics.len() == MAX_DIAGNOSTICS {
            break;
        }
    }
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
    InputError {
        diagnostics,
        truncated: false,
    }
}

/// Removes the key whose name or value is at `span`; returns its path (`segment[2].arpa`) and
/// its value.
fn set_aside_key<'i>(
    table: &mut DeTable<'i>,
    span: &Range<usize>,
    prefix: &str,
) -> Option<(String, Spanned<DeValue<'i>>)> {
    let hit = table.iter().find_map(|(key, value)| {
        let is_scalar = !matches!(value.get_ref(), DeValue::Table(_) | DeValue::Array(_));
        let inside = value.span().start <= span.start && span.end <= value.span().end;
        (key.span() == *span || value.span() == *span || (is_scalar && inside))
            .then(|| key.get_ref().to_string())
    });
    if let Some(name) = hit {
        let value = table.remove(name.as_str())?;
        return Some((join(prefix, &name), value));
    }
    table.iter_mut().find_map(|(key, value)| {
        let path = join(prefix, key.get_ref());
        set_aside_in_value(value, span, &path)
    })
}

fn set_aside_in_value<'i>(
    value: &mut Spanned<DeValue<'i>>,
    span: &Range<usize>,
    path: &str,
) -> Option<(String, Spanned<DeValue<'i>>)> {
    match value.get_mut() {
        DeValue::Table(inner) => set_aside_key(inner, span, path),
        DeValue::Array(items) => items
            .iter_mut()
            .enumerate()
            .find_map(|(i, item)| set_aside_in_value(item, span, &format!("{path}[{}]", i + 1))),
        _ => None,
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

#[cfg(test)]
mod tests;
