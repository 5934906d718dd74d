//! Fitting text output to a terminal's width. The binary measures the terminal (or reads
//! `COLUMNS`); the library only receives a width and picks, among the layouts a renderer
//! offers from widest to narrowest, the first whose every line fits.

/// The width text output fits when csplan is not told one: a file, a pipe, CI.
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest width csplan lays text out for; a narrower terminal gets this width.
pub const MIN_WIDTH: usize = 80;

/// A requested width, raised to [`MIN_WIDTH`].
pub fn usable_width(requested: usize) -> usize {
    requested.max(MIN_WIDTH)
}

/// Where prose folds: at the width, but never past [`DEFAULT_WIDTH`], since longer lines are
/// harder to read on a wide terminal.
pub fn prose_width(width: usize) -> usize {
    usable_width(width).min(DEFAULT_WIDTH)
}

/// The widest line of `text`, in characters.
pub(crate) fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The first of `layouts` whose rendering fits `width`, or the last (the narrowest) when none
/// does.
pub(crate) fn first_fitting<L: Copy>(
    layouts: &[L],
    width: usize,
    render: impl Fn(L) -> String,
) -> String {
    let mut last = String::new();
    for &layout in layouts {
        last = render(layout);
        if widest(&last) <= width {
            break;
        }
    }
    last
}

/// The first of `layouts` whose plain rendering fits `width` (the last when none does): to
/// measure without colour escapes, then draw in colour.
pub(crate) fn fitting_layout<L: Copy>(
    layouts: &[L],
    width: usize,
    render: impl Fn(L) -> String,
) -> Option<L> {
    layouts
        .iter()
        .copied()
        .find(|&layout| widest(&render(layout)) <= width)
        .or_else(|| layouts.last().copied())
}

/// Folds each line longer than `width` (at most 100, see [`prose_width`]) at its last space
/// that fits; continuation lines are indented four columns deeper than the line they continue.
/// Spacing inside a line is kept; a word longer than the width stays whole.
pub fn fold(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text, width);
    out
}

/// [`fold`], written at the end of `out`.
pub(crate) fn fold_into(out: &mut String, text: &str, width: usize) {
    /// Hanging indents up to this many columns are cut from it rather than made.
    const SPACES: &str = "                                                                ";
    let width = prose_width(width);
    out.reserve(text.len());
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let indent = body.len() - body.trim_start_matches(' ').len();
        match SPACES.get(..indent + 4) {
            Some(hanging) => fold_line(out, body, width, indent, hanging),
            None => fold_line(out, body, width, indent, &" ".repeat(indent + 4)),
        }
        out.push_str(newline);
    }
}

/// `  label` and then the words of `text`, single-spaced and folded at `width` columns (not
/// capped at the prose width), continuation lines indented under the first word: the layout
/// of `csplan explain` and its key list. The first word always stays beside the label.
pub fn hang(label: &str, text: &str, width: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let body = format!("  {label}{}", words.join(" "));
    let mut out = String::with_capacity(body.len() + 1);
    let hanging = " ".repeat(2 + label.chars().count());
    // No fold before the first word: the label's own spaces are not places to break.
    fold_line(
        &mut out,
        &body,
        width,
        (2 + label.len()).saturating_sub(1),
        &hanging,
    );
    out.push('\n');
    out
}

/// Writes `body` (one line, no newline) folded at `width` columns at its last space that fits:
/// never at a space at or before byte `floor` of the first line, continuation lines starting
/// with `hanging`. A word longer than the room stays whole.
fn fold_line(out: &mut String, body: &str, width: usize, floor: usize, hanging: &str) {
    let mut rest = body;
    let mut prefix = "";
    loop {
        let room = width.saturating_sub(prefix.len());
        // The byte offset of the first character past the room, found without counting the
        // whole of a long line (and without counting at all in ASCII); none when the rest fits.
        let limit = if rest.len() <= room {
            None
        } else if rest.as_bytes()[..=room].is_ascii() {
            Some(room)
        } else {
            rest.char_indices().nth(room).map(|(i, _)| i)
        };
        let Some(limit) = limit else {
            out.push_str(prefix);
            out.push_str(rest);
            return;
        };
        // The last space before the limit (by byte: no byte of another character is a space).
        let floor = if prefix.is_empty() { floor } else { 0 };
        // A space right at the limit may be the break too.
        let window = limit + rest[limit..].chars().next().map_or(0, char::len_utf8);
        let bytes = rest.as_bytes();
        let cut = bytes[..window]
            .iter()
            .rposition(|&c| c == b' ')
            .filter(|&at| at > floor)
            .or_else(|| {
                bytes[limit..]
                    .iter()
                    .position(|&c| c == b' ')
                    .map(|at| at + limit)
            });
        let Some(cut) = cut else {
            out.push_str(prefix);
            out.push_str(rest);
            return;
        };
        out.push_str(prefix);
        out.push_str(rest[..cut].trim_end_matches(' '));
        out.push('\n');
        rest = rest[cut..].trim_start_matches(' ');
        prefix = hanging;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_spacing_and_hangs_continuations() {
        let words = "word ".repeat(30);
        let line = format!("  a  b  {}", words.trim_end());
        let folded = fold(&format!("{line}\nshort\n"), DEFAULT_WIDTH);
        let lines: Vec<&str> = folded.lines().collect();
        assert!(lines[0].starts_with("  a  b  word"), "{folded}");
        assert!(lines[1].starts_with("      word"), "{folded}");
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() <= DEFAULT_WIDTH && !l.ends_with(' '))
        );
        assert_eq!(*lines.last().unwrap(), "short");
        let rejoined: String = lines[..lines.len() - 1]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(rejoined, line.trim());
        let long = "x".repeat(150);
        assert_eq!(fold(&long, DEFAULT_WIDTH), long);
    }

    proptest::proptest! {
        #[test]
        fn fold_never_loses_a_word_or_panics(
            words in proptest::collection::vec("[a-z€·→—]{1,12}", 0..60),
            indent in 0usize..6,
        ) {
            let line = format!("{}{}", " ".repeat(indent), words.join(" "));
            let folded = fold(&line, DEFAULT_WIDTH);
            let back: Vec<&str> = folded.split_whitespace().collect();
            proptest::prop_assert_eq!(back, words.iter().map(String::as_str).collect::<Vec<_>>());
            for l in folded.lines() {
                proptest::prop_assert!(l.chars().count() <= DEFAULT_WIDTH || !l.trim().contains(' '));
            }
        }
    }

    #[test]
    fn hang_keeps_the_first_word_beside_the_label_and_continues_under_it() {
        let text = "one two  three\nfour ".repeat(8);
        let hung = hang("label:  ", &text, 40);
        let lines: Vec<&str> = hung.lines().collect();
        assert!(
            lines[0].starts_with("  label:  one two three four"),
            "{hung}"
        );
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with("          ") && !l.starts_with("           ")),
            "{hung}"
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{hung}");
        assert_eq!(
            hung.split_whitespace().skip(1).collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        assert_eq!(hang("KPIs:    ", "", 80), "  KPIs:    \n");
        let long = "x".repeat(90);
        assert_eq!(
            hang("a: ", &format!("{long} y"), 80),
            format!("  a: {long}\n     y\n")
        );
    }

    #[test]
    fn picks_the_widest_layout_that_fits() {
        let render = |n: usize| "x".repeat(n);
        assert_eq!(first_fitting(&[120, 90, 70], 100, render), "x".repeat(90));
        assert_eq!(first_fitting(&[120, 110], 100, render), "x".repeat(110));
        assert_eq!(usable_width(40), 80);
        assert_eq!(prose_width(160), 100);
        assert_eq!(prose_width(88), 88);
        assert_eq!(widest("ab\n€→·\n"), 3);
    }
}
