//! What text csplan accepts in a name or a currency, whatever file it comes from (a base, a
//! saved JSON plan, an accounts file), and when two names are the same name.
//!
//! csplan prints names into a terminal, a table, a CSV or a workbook. Three kinds of
//! character would make what it prints lie about what the file says, so none is accepted:
//! control characters (an escape sequence can clear the screen or recolour it), bidirectional
//! controls (U+202E in a currency reverses every money cell after it) and zero-width
//! characters (`S` and `S` + U+200B look the same but are two segments).
//!
//! Two names are the same when they differ only by Unicode normalisation (`Café` written with
//! one code point or two), by compatibility forms (full-width `ＡＣＭＥ`), by case, or by the
//! invisible characters above: [`name_key`] gives the key they are compared by.

use unicode_normalization::UnicodeNormalization;

/// Why a character is refused in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsafe {
    /// A C0 or C1 control character, DEL included (an escape sequence starts with one).
    Control,
    /// A bidirectional control, which reorders the text shown around it.
    Bidi,
    /// A zero-width character, which shows nothing.
    ZeroWidth,
}

/// The kind of `c` when csplan refuses it in a name.
pub fn unsafe_kind(c: char) -> Option<Unsafe> {
    match c {
        c if c.is_control() => Some(Unsafe::Control),
        // Line and paragraph separators break a line as a newline does.
        '\u{2028}' | '\u{2029}' => Some(Unsafe::Control),
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => Some(Unsafe::Bidi),
        '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{180e}'
        | '\u{00ad}' => Some(Unsafe::ZeroWidth),
        _ => None,
    }
}

/// The first character of `text` csplan refuses in a name, if any.
pub fn first_unsafe(text: &str) -> Option<(char, Unsafe)> {
    text.chars().find_map(|c| unsafe_kind(c).map(|k| (c, k)))
}

/// Why `text` is refused as a name, for a message (`holds the bidirectional control U+202E,
/// which reorders the text around it: write plain text`), or `None` when it is fine.
pub fn refusal(text: &str) -> Option<String> {
    let (c, kind) = first_unsafe(text)?;
    let code = format!("U+{:04X}", u32::from(c));
    Some(match kind {
        Unsafe::Control => {
            format!("holds the control character {code}: write printable text on one line")
        }
        Unsafe::Bidi => format!(
            "holds the bidirectional control {code}, which reorders the text shown around it: \
             write plain text"
        ),
        Unsafe::ZeroWidth => format!(
            "holds the invisible character {code}: remove it (it makes two names that look \
             the same differ)"
        ),
    })
}

/// `text` as a message may show it: every refused character written as `\u{…}`.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if unsafe_kind(c).is_some() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The key two names are compared by: compatibility-normalised (NFKC), invisible characters
/// removed, lower-cased, spaces around it trimmed.
pub fn name_key(name: &str) -> String {
    // ASCII is its own NFKC form, and its controls are the only characters of it dropped.
    if name.is_ascii() {
        let visible: String = name.chars().filter(|c| !c.is_ascii_control()).collect();
        return visible.trim().to_ascii_lowercase();
    }
    unicode_name_key(name)
}

/// [`name_key`] of any text, by Unicode rules alone.
fn unicode_name_key(name: &str) -> String {
    let visible: String = name.chars().filter(|c| unsafe_kind(*c).is_none()).collect();
    let folded: String = visible.trim().nfkc().collect::<String>().to_lowercase();
    // Lower-casing can leave text that normalises further (e.g. `İ`).
    folded.nfkc().collect()
}

/// True when `a` and `b` are the same name (see [`name_key`]).
pub fn same_name(a: &str, b: &str) -> bool {
    a == b || name_key(a) == name_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_name_key_is_the_unicode_one() {
        let every_byte: String = (0u8..128).map(char::from).collect();
        for name in [
            "SMB",
            "  Mid-Market\t",
            "A\u{1b}[2JB",
            " \u{7f}Ent erprise ",
            "",
            every_byte.as_str(),
        ] {
            assert_eq!(name_key(name), unicode_name_key(name), "{name:?}");
        }
    }

    #[test]
    fn refuses_controls_bidi_controls_and_invisible_characters() {
        for text in [
            "A\u{1b}[2JB",
            "A\u{7f}",
            "A\u{85}",
            "USD\u{202e}",
            "A\u{2066}B",
            "A\u{200e}",
            "A\u{200f}",
            "A\u{61c}",
            "S\u{200b}",
            "S\u{200d}",
            "S\u{2060}",
            "S\u{feff}x",
        ] {
            assert!(refusal(text).is_some(), "{text:?}");
            assert!(!escaped(text).chars().any(|c| unsafe_kind(c).is_some()));
        }
        for text in [
            "Acme Analytics",
            "Café",
            "日本",
            "R$",
            "€",
            "Mid-market (EU)",
            "ﬁ",
        ] {
            assert_eq!(refusal(text), None, "{text:?}");
        }
        assert!(refusal("USD\u{202e}").unwrap().contains("U+202E"));
        assert_eq!(escaped("a\u{1b}b"), "a\\u{1b}b");
    }

    #[test]
    fn names_that_look_the_same_are_the_same() {
        assert!(same_name("S", "S\u{200b}"));
        assert!(same_name("Caf\u{e9}", "Cafe\u{301}"));
        assert!(same_name("Acme", "ACME"));
        assert!(same_name("ＡＣＭＥ", "acme"));
        assert!(same_name(" SMB ", "smb"));
        assert!(!same_name("SMB", "SMB 2"));
        assert!(!same_name("Cafe", "Café"));
    }
}
