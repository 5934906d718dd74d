//! A quick reading of the plain TOML a base is usually written in, straight into
//! [`RawBase`], with every value's place as the TOML reader would give it.
//!
//! The TOML reader builds a document of every token, key and value with its place (46 MB for a
//! 2 MB base of 10,000 segments) before serde reads a field of it: most of the time and memory
//! of reading a large base. This reader takes the common shape only: `[table]` and
//! `[[segment]]` headers of one bare key, `key = value` lines of one bare key, and values that
//! are basic strings without escapes, decimal integers and floats (`-12`, `0.125`), or one-line
//! inline tables of those (`{ low = 0.1, high = 0.2 }`); comments and blank lines anywhere
//! between. Anything else — another form of TOML, or anything that is not TOML — makes it
//! give up (`None`), and the file is read by the TOML reader, which reads all of TOML and
//! words every problem. So does a base it reads but serde or the checks refuse: a message
//! always comes from the full reading.

use std::ops::Range;

use serde::Deserialize;
use serde::de::value::{Error, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_spanned::de::{SpannedDeserializer, is_spanned};

use super::raw::RawBase;

/// The base of `source` when it is written in the plain shape this reader takes and serde reads
/// every key of it; `None` otherwise (the TOML reader then reads it).
pub(super) fn read(source: &str) -> Option<RawBase> {
    let document = scan(source)?;
    RawBase::deserialize(Node::Root(&document)).ok()
}

/// Most keys this reader takes in one table: more than any table of a base has.
const MAX_KEYS: usize = 64;

/// The file's tables, in order: `[company]` once, `[[segment]]` as many times as written.
type Document<'s> = Vec<(&'s str, Root<'s>)>;

enum Root<'s> {
    Table(Table<'s>),
    Tables(Vec<Table<'s>>),
}

struct Table<'s> {
    /// The header, `[company]` or `[[segment]]`, as the TOML reader spans a table.
    span: Range<usize>,
    entries: Vec<Entry<'s>>,
}

struct Entry<'s> {
    key: &'s str,
    value: Value<'s>,
}

struct Value<'s> {
    /// The value as written: a string with its quotes, an inline table with its braces.
    span: Range<usize>,
    kind: Kind<'s>,
}

enum Kind<'s> {
    Text(&'s str),
    Integer(i64),
    Float(f64),
    Inline(Vec<Entry<'s>>),
}

/// The document of `source`, or `None` at the first thing outside the plain shape.
fn scan(source: &str) -> Option<Document<'_>> {
    let b = source.as_bytes();
    let mut document: Document<'_> = Vec::new();
    // The table key-values go into: `document[current]`'s (last) table.
    let mut current: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        i = skip_blank(b, i);
        match b.get(i) {
            None => break,
            Some(b'\n') => i += 1,
            Some(b'\r') if b.get(i + 1) == Some(&b'\n') => i += 2,
            Some(b'#') => i = end_of_line(b, i)?,
            Some(b'[') => {
                let start = i;
                let array = b.get(i + 1) == Some(&b'[');
                i += if array { 2 } else { 1 };
                let (name, after) = bare_key(source, i)?;
                i = after;
                let close: &[u8] = if array { b"]]" } else { b"]" };
                if !b[i..].starts_with(close) {
                    return None;
                }
                i += close.len();
                let at = document.iter().position(|(n, _)| *n == name);
                // Room for as many keys as the table before it in the same array has.
                let keys = match at.map(|at| &document[at].1) {
                    Some(Root::Tables(tables)) => tables.last().map_or(0, |t| t.entries.len()),
                    _ => 0,
                };
                let table = Table {
                    span: start..i,
                    entries: Vec::with_capacity(keys),
                };
                if at.is_none() && document.len() == MAX_KEYS {
                    return None;
                }
                match (at, array) {
                    (None, false) => document.push((name, Root::Table(table))),
                    (None, true) => document.push((name, Root::Tables(vec![table]))),
                    (Some(at), true) => match &mut document[at].1 {
                        Root::Tables(tables) => tables.push(table),
                        Root::Table(_) => return None,
                    },
                    // A table defined twice: the TOML reader words it.
                    (Some(_), false) => return None,
                }
                current = Some(document.iter().position(|(n, _)| *n == name)?);
                i = end_of_line(b, i)?;
            }
            Some(_) => {
                // Key-values above the first header belong to no table csplan has.
                let table = match &mut document[current?].1 {
                    Root::Table(table) => table,
                    Root::Tables(tables) => tables.last_mut()?,
                };
                let (entry, after) = key_value(source, i)?;
                // No table of a base has this many keys: a file of them is the reader's (and
                // the search for a key written twice stays short).
                if table.entries.len() == MAX_KEYS
                    || table.entries.iter().any(|e| e.key == entry.key)
                {
                    return None;
                }
                table.entries.push(entry);
                i = end_of_line(b, after)?;
            }
        }
    }
    (!document.is_empty()).then_some(document)
}

fn skip_blank(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Past the end of the line that has only blanks and perhaps a comment left from `i`.
fn end_of_line(b: &[u8], i: usize) -> Option<usize> {
    let mut i = skip_blank(b, i);
    if b.get(i) == Some(&b'#') {
        while let Some(&c) = b.get(i) {
            match c {
                b'\n' | b'\r' => break,
                // Control characters in a comment are an error the TOML reader words.
                0..=0x08 | 0x0A..=0x1F | 0x7F => return None,
                _ => i += 1,
            }
        }
    }
    match (b.get(i), b.get(i + 1)) {
        (None, _) => Some(i),
        (Some(b'\n'), _) => Some(i + 1),
        (Some(b'\r'), Some(b'\n')) => Some(i + 2),
        _ => None,
    }
}

/// The bytes of a bare key, `[A-Za-z0-9_-]`, by value.
pub(super) static BARE: [bool; 256] = {
    let mut bare = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        bare[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        c += 1;
    }
    bare
};

/// A bare key at `i` (`[A-Za-z0-9_-]+`) and the position after it.
fn bare_key(source: &str, i: usize) -> Option<(&str, usize)> {
    let rest = source.as_bytes().get(i..).unwrap_or_default();
    let end = i + rest
        .iter()
        .position(|&c| !BARE[usize::from(c)])
        .unwrap_or(rest.len());
    (end > i).then(|| (&source[i..end], end))
}

/// `key = value` at `i`, and the position after the value.
fn key_value(source: &str, i: usize) -> Option<(Entry<'_>, usize)> {
    let b = source.as_bytes();
    let (key, i) = bare_key(source, i)?;
    let i = skip_blank(b, i);
    if b.get(i) != Some(&b'=') {
        return None;
    }
    let i = skip_blank(b, i + 1);
    let (value, after) = value(source, i, true)?;
    Some((Entry { key, value }, after))
}

/// A value at `i` (an inline table only when `inline` allows one), and the position after it.
fn value(source: &str, i: usize, inline: bool) -> Option<(Value<'_>, usize)> {
    let b = source.as_bytes();
    match *b.get(i)? {
        b'"' => {
            // `"""` opens a multi-line string.
            if b.get(i + 1) == Some(&b'"') && b.get(i + 2) == Some(&b'"') {
                return None;
            }
            let mut end = i + 1;
            loop {
                match *b.get(end)? {
                    b'"' => break,
                    // Escapes, and control characters (which TOML refuses), are the reader's.
                    b'\\' | 0..=0x1F | 0x7F => return None,
                    _ => end += 1,
                }
            }
            let value = Value {
                span: i..end + 1,
                kind: Kind::Text(&source[i + 1..end]),
            };
            Some((value, end + 1))
        }
        b'{' if inline => {
            let mut entries: Vec<Entry<'_>> = Vec::new();
            let mut at = skip_blank(b, i + 1);
            loop {
                let (key, after) = bare_key(source, at)?;
                let after = skip_blank(b, after);
                if b.get(after) != Some(&b'=') {
                    return None;
                }
                let (value, after) = value(source, skip_blank(b, after + 1), false)?;
                if entries.len() == MAX_KEYS || entries.iter().any(|e| e.key == key) {
                    return None;
                }
                entries.push(Entry { key, value });
                at = skip_blank(b, after);
                match b.get(at) {
                    Some(b',') => at = skip_blank(b, at + 1),
                    Some(b'}') => break,
                    _ => return None,
                }
            }
            let value = Value {
                span: i..at + 1,
                kind: Kind::Inline(entries),
            };
            Some((value, at + 1))
        }
        b'-' | b'0'..=b'9' => {
            let mut end = i + usize::from(b[i] == b'-');
            let digits = |from: usize| {
                let mut to = from;
                while b.get(to).is_some_and(u8::is_ascii_digit) {
                    to += 1;
                }
                to
            };
            let whole = digits(end);
            // No digits, or a leading zero (`01`): the reader's.
            if whole == end || (b[end] == b'0' && whole > end + 1) {
                return None;
            }
            end = whole;
            let float = b.get(end) == Some(&b'.');
            if float {
                let fraction = digits(end + 1);
                if fraction == end + 1 {
                    return None;
                }
                end = fraction;
            }
            // Exponents, underscores, dates and times: the reader's.
            if !matches!(
                b.get(end),
                None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'#' | b',' | b'}')
            ) {
                return None;
            }
            let text = &source[i..end];
            let kind = if float {
                Kind::Float(decimal(text).map_or_else(|| text.parse().ok(), Some)?)
            } else {
                Kind::Integer(text.parse().ok()?)
            };
            Some((Value { span: i..end, kind }, end))
        }
        _ => None,
    }
}

/// A decimal `-?digits.digits` of at most 15 digits, as `str::parse` reads it, without its
/// general algorithm: the digits as an integer (below 2^53, so exact) over a power of ten
/// (exact up to 10^22) is one division, which rounds to the nearest float as reading does.
/// `None` for more digits (then `str::parse` reads it).
fn decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0;
    let mut places = None;
    for (at, &c) in digits.as_bytes().iter().enumerate() {
        if c == b'.' {
            places = Some(digits.len() - at - 1);
            continue;
        }
        mantissa = mantissa * 10 + u64::from(c - b'0');
        count += 1;
        if count > 15 {
            return None;
        }
    }
    let value = mantissa as f64 / POWERS[places?];
    Some(if negative { -value } else { value })
}

/// A place in the document serde reads from.
#[derive(Clone, Copy)]
enum Node<'a, 's> {
    Root(&'a Document<'s>),
    Table(&'a Table<'s>),
    Tables(&'a [Table<'s>]),
    Value(&'a Value<'s>),
}

impl<'a, 's> Node<'a, 's> {
    fn of_root(root: &'a Root<'s>) -> Self {
        match root {
            Root::Table(table) => Node::Table(table),
            Root::Tables(tables) => Node::Tables(tables),
        }
    }

    fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Table(table) => Some(table.span.clone()),
            Node::Value(value) => Some(value.span.clone()),
            Node::Root(_) | Node::Tables(_) => None,
        }
    }
}

impl<'de> IntoDeserializer<'de, Error> for Node<'_, '_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for Node<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Node::Root(document) => visitor.visit_map(RootAccess {
                tables: document.iter(),
                next: None,
            }),
            Node::Table(table) => visitor.visit_map(Entries::new(&table.entries)),
            Node::Tables(tables) => visitor.visit_seq(TablesAccess(tables.iter())),
            Node::Value(value) => match &value.kind {
                Kind::Text(text) => visitor.visit_str(text),
                Kind::Integer(n) => visitor.visit_i64(*n),
                Kind::Float(x) => visitor.visit_f64(*x),
                Kind::Inline(entries) => visitor.visit_map(Entries::new(entries)),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if is_spanned(name) {
            let span = self
                .span()
                .ok_or_else(|| de::Error::custom("no place for a spanned value"))?;
            return visitor.visit_map(SpannedDeserializer::<Self, Error>::new(self, span));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Node::Value(Value {
                kind: Kind::Text(text),
                ..
            }) => visitor.visit_enum(StrDeserializer::<Error>::new(text)),
            _ => Err(de::Error::custom("an enum is a string")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct RootAccess<'a, 's> {
    tables: std::slice::Iter<'a, (&'s str, Root<'s>)>,
    next: Option<&'a Root<'s>>,
}

impl<'de> MapAccess<'de> for RootAccess<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((name, root)) = self.tables.next() else {
            return Ok(None);
        };
        self.next = Some(root);
        seed.deserialize(StrDeserializer::<Error>::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let root = self
            .next
            .take()
            .ok_or_else(|| de::Error::custom("a value before its key"))?;
        seed.deserialize(Node::of_root(root))
    }
}

struct Entries<'a, 's> {
    entries: std::slice::Iter<'a, Entry<'s>>,
    next: Option<&'a Value<'s>>,
}

impl<'a, 's> Entries<'a, 's> {
    fn new(entries: &'a [Entry<'s>]) -> Self {
        Self {
            entries: entries.iter(),
            next: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.next = Some(&entry.value);
        seed.deserialize(StrDeserializer::<Error>::new(entry.key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .next
            .take()
            .ok_or_else(|| de::Error::custom("a value before its key"))?;
        seed.deserialize(Node::Value(value))
    }
}

struct TablesAccess<'a, 's>(std::slice::Iter<'a, Table<'s>>);

impl<'de> SeqAccess<'de> for TablesAccess<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|table| seed.deserialize(Node::Table(table)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The base as the TOML reader and serde read it.
    fn full(source: &str) -> Option<RawBase> {
        let document = toml::de::DeTable::parse(source).ok()?;
        RawBase::deserialize(toml::de::Deserializer::from(document)).ok()
    }

    /// Every file the fast reader takes reads as the TOML reader reads it, place for place.
    fn same(source: &str) -> bool {
        match read(source) {
            Some(fast) => {
                let full = full(source).expect("the TOML reader reads what the fast one does");
                assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{source}");
                true
            }
            None => false,
        }
    }

    /// Decimals read by [`decimal`] are the floats `str::parse` reads.
    #[test]
    fn decimals_read_as_parse_reads_them() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut texts: Vec<String> = [
            "0.0",
            "-0.0",
            "0.1",
            "0.3",
            "1.5",
            "999999999999999.0",
            "0.000000000000001",
            "123456789.012345",
            "-2.675",
            "9007199254740.993",
        ]
        .map(String::from)
        .to_vec();
        for _ in 0..300_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 10u64.pow((x >> 60) as u32 % 16 + 1)).to_string();
            let point = (x >> 32) as usize % digits.len();
            let sign = if x & 1 == 1 { "-" } else { "" };
            let (whole, fraction) = digits.split_at(point.max(1));
            let fraction = if fraction.is_empty() { "0" } else { fraction };
            texts.push(format!("{sign}{whole}.{fraction}"));
        }
        let mut read = 0;
        for text in &texts {
            let parsed: f64 = text.parse().expect("a decimal");
            if let Some(value) = decimal(text) {
                assert_eq!(value.to_bits(), parsed.to_bits(), "{text}");
                read += 1;
            }
        }
        assert!(read > texts.len() / 2, "{read} of {}", texts.len());
    }

    #[test]
    fn every_base_in_the_repository_reads_as_the_toml_reader_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut bases, mut fast) = (0, 0);
        for folder in [
            "examples",
            "docs",
            "src/cli/init",
            "tests/bad",
            "tests/regressions",
            "fuzz/corpus/whole_path",
        ] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "toml") {
                    let bytes = std::fs::read(&path).unwrap();
                    if let Ok(source) = std::str::from_utf8(&bytes) {
                        bases += 1;
                        fast += usize::from(same(source));
                    }
                }
            }
        }
        // The examples, the bases `init` writes and half the bad files (whose problems are in
        // their values) are plain.
        assert!(fast >= 40, "the fast reader took {fast} of {bases} bases");
    }

    #[test]
    fn plain_shapes_are_read_with_their_places() {
        let base = "# a base\n[company]\nname = \"Acme Café\"   # trailing\r\nhorizon_months = 12\n\n\
                    [team]\ncsm=2\n[[segment]]\nname = \"\"\narpa = -0.5\ncustomers = 0\n\
                    annual_churn = { low = 0.1, high = 0.25, mode = 0.2 }\ncomplexity = \"simple\"\n\
                    [[segment]]\n\tname = \"B\"\narpa = 100\nannual_churn = {low=0,high=1}";
        assert!(same(base));
    }

    #[test]
    fn anything_else_is_left_to_the_toml_reader() {
        let head = "[company]\nname = \"A\"\n[[segment]]\nname = \"S\"\n";
        for tail in [
            "arpa = 1e3",
            "arpa = 1_000",
            "arpa = 01",
            "arpa = .5",
            "arpa = 5.",
            "arpa = +5",
            "arpa = inf",
            "arpa = 0x10",
            "arpa = 99999999999999999999",
            "arpa = 1 2",
            "tier = 'smb'",
            "tier = \"s\\u0041\"",
            "tier = \"\"\"smb\"\"\"",
            "tier = \"a\u{1}\"",
            "\"arpa\" = 1",
            "a.b = 1",
            "arpa = 1\narpa = 2",
            "[company]",
            "[segment]",
            "[ company ]",
            "[health.weights]",
            "arpa = [1]",
            "annual_churn = { low = 0.1, }",
            "annual_churn = { low = { a = 1 } }",
            "annual_churn = {}",
            "annual_churn = { low = 0.1\n, high = 0.2 }",
            "arpa = 1 # \u{7f}",
            "arpa = 1\rcustomers = 2",
            "start = 2027-01-01",
            "wrong = 1",
            "arpa = \"1\"",
            "term_months = 1.5",
            "complexity = \"hard\"",
        ] {
            let source = format!("{head}{tail}\n");
            assert!(read(&source).is_none(), "{source:?}");
        }
        let many: String = (0..=MAX_KEYS).map(|k| format!("k{k} = 1\n")).collect();
        assert!(read(&format!("{head}{many}")).is_none());
        let tables = |n: usize| (0..n).map(|k| format!("[t{k}]\n")).collect::<String>();
        assert!(scan(&format!("{head}{}", tables(MAX_KEYS - 2))).is_some());
        assert!(scan(&format!("{head}{}", tables(MAX_KEYS - 1))).is_none());
        assert!(read("").is_none());
        assert!(read("name = \"A\"\n[company]\n").is_none());
        assert!(read("\u{feff}[company]\nname = \"A\"\n").is_none());
        assert!(read(&format!("{head}arpa = 1")).is_some());
    }
}
