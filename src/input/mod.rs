//! Reading a `base.toml`: syntax, keys and types, then ranges, each problem with its place.
//!
//! [`parse`] reports every problem it can find in one pass, up to [`MAX_DIAGNOSTICS`]: after a
//! key-level error (an unknown key, a value of the wrong type) it sets that key aside and reads
//! on, so a file with three typos gets three messages, not one per run.

mod diagnostic;
pub mod raw;
mod validate;

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use diagnostic::{Diagnostic, nearest};
pub use validate::MAX_SEGMENTS;

use crate::model::Base;
use raw::RawBase;

/// Largest input csplan reads, in bytes (about 8 MB: some 40,000 segments of a dozen keys).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Most problems reported for one file.
pub const MAX_DIAGNOSTICS: usize = 20;

/// Every problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem{} in the input", .diagnostics.len(), if .diagnostics.len() == 1 { "" } else { "s" })]
pub struct InputError {
    /// The problems, in the order found; at most [`MAX_DIAGNOSTICS`].
    pub diagnostics: Vec<Diagnostic>,
}

impl InputError {
    fn single(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
        }
    }

    /// Renders every problem for a person, as `file:line:column` blocks.
    pub fn render(&self, file: &str, source: &str) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(file, source))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Parses and validates a `base.toml`.
pub fn parse(source: &str) -> Result<Base, InputError> {
    if source.len() > MAX_INPUT_BYTES {
        return Err(InputError::single(Diagnostic::new(
            None,
            None,
            format!(
                "the input is {} bytes: csplan reads at most {MAX_INPUT_BYTES} bytes",
                source.len()
            ),
        )));
    }
    let (mut document, syntax) = DeTable::parse_recoverable(source);
    if !syntax.is_empty() {
        return Err(InputError {
            diagnostics: syntax
                .iter()
                .take(MAX_DIAGNOSTICS)
                .map(|e| Diagnostic::new(e.span(), None, e.message().trim().to_string()))
                .collect(),
        });
    }
    let mut diagnostics = Vec::new();
    let mut set_aside: Vec<String> = Vec::new();
    loop {
        let deserializer = toml::de::Deserializer::from(document.clone());
        match RawBase::deserialize(deserializer) {
            Ok(raw) => {
                match validate::validate(&raw) {
                    Ok(base) if diagnostics.is_empty() => return Ok(base),
                    Ok(_) => {}
                    // A key set aside above is absent now: do not blame its absence, nor
                    // what its table lacks without it.
                    Err(found) => diagnostics.extend(found.into_iter().filter(|d| {
                        d.key.as_ref().is_none_or(|k| {
                            !set_aside
                                .iter()
                                .any(|p| p == k || p.starts_with(&format!("{k}.")))
                        })
                    })),
                }
                break;
            }
            Err(error) => {
                if let Some(field) = error.message().strip_prefix("missing field ") {
                    let field = field.trim_matches('`');
                    let caused_by_set_aside = set_aside
                        .iter()
                        .any(|p| p == field || p.ends_with(&format!(".{field}")));
                    if caused_by_set_aside {
                        break;
                    }
                }
                let span = error.span().filter(|s| !(s.start == 0 && s.end == 0));
                let removed = span
                    .as_ref()
                    .and_then(|s| set_aside_key(document.get_mut(), s, ""));
                diagnostics.push(serde_diagnostic(&error, span, removed.clone()));
                match removed {
                    Some(path) if diagnostics.len() < MAX_DIAGNOSTICS => set_aside.push(path),
                    _ => break,
                }
            }
        }
    }
    // In file order, so a reader fixes them top to bottom.
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
    diagnostics.truncate(MAX_DIAGNOSTICS);
    Err(InputError { diagnostics })
}

/// Removes the key whose name or value is at `span`; returns its path (`segment[2].arpa`).
fn set_aside_key(table: &mut DeTable<'_>, span: &Range<usize>, prefix: &str) -> Option<String> {
    let hit = table.iter().find_map(|(key, value)| {
        let is_scalar = !matches!(value.get_ref(), DeValue::Table(_) | DeValue::Array(_));
        let inside = value.span().start <= span.start && span.end <= value.span().end;
        (key.span() == *span || value.span() == *span || (is_scalar && inside))
            .then(|| key.get_ref().to_string())
    });
    if let Some(name) = hit {
        table.remove(name.as_str());
        return Some(join(prefix, &name));
    }
    table.iter_mut().find_map(|(key, value)| {
        let path = join(prefix, key.get_ref());
        set_aside_in_value(value, span, &path)
    })
}

fn set_aside_in_value(
    value: &mut Spanned<DeValue<'_>>,
    span: &Range<usize>,
    path: &str,
) -> Option<String> {
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

/// A serde error (unknown key, wrong type, unknown variant, missing key) as a diagnostic, with
/// the nearest valid name suggested where the error lists the expected ones.
fn serde_diagnostic(
    error: &toml::de::Error,
    span: Option<Range<usize>>,
    key: Option<String>,
) -> Diagnostic {
    let message = error.message().trim();
    let expected = backticked(message.split_once("expected").map_or("", |(_, rest)| rest));
    let first = backticked(message).into_iter().next();
    let text = if let Some(field) = message.strip_prefix("unknown field ").and(first) {
        let within = key
            .as_deref()
            .and_then(|k| k.rsplit_once('.'))
            .map(|(table, _)| table_label(table))
            .unwrap_or_default();
        suggest(format!("unknown key `{field}`{within}"), field, &expected)
    } else if let Some(variant) = message.strip_prefix("unknown variant ").and(first) {
        let key_name = key
            .as_deref()
            .map_or("value", |k| k.rsplit('.').next().unwrap_or(k));
        suggest(
            format!("{key_name} = \"{variant}\" is not allowed"),
            variant,
            &expected,
        )
    } else if let Some(field) = message.strip_prefix("missing field ").and(first) {
        missing_field_message(field)
    } else {
        match &key {
            Some(k) => format!("{k}: {message}"),
            None => message.to_string(),
        }
    };
    Diagnostic::new(span, key, text)
}

fn suggest(head: String, word: &str, expected: &[&str]) -> String {
    let mut text = head;
    if let Some(near) = nearest(word, expected.iter().copied()) {
        text.push_str(&format!("; did you mean `{near}`?"));
    }
    if !expected.is_empty() {
        text.push_str(&format!(" (allowed: {})", expected.join(", ")));
    }
    text
}

fn missing_field_message(field: &str) -> String {
    match field {
        "company" => "the base has no [company] table: add one with at least `name = \"…\"`".into(),
        "name" => "a table lacks `name`: [company] and every [[segment]] need a name".into(),
        "arpa" => "a [[segment]] lacks `arpa` (annual revenue per account)".into(),
        other => format!("required key `{other}` is missing"),
    }
}

/// ` in [company]` or ` in [[segment]]`: the table named the way the file writes it.
fn table_label(path: &str) -> String {
    match path.split_once('[') {
        Some((array, _)) => format!(" in [[{array}]]"),
        None => format!(" in [{path}]"),
    }
}

/// The words between backticks in `text`.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
mod tests;
