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

#[cfg(test)]
mod tests {
    use super::*;

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
