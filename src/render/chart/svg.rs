//! A small SVG writer: the few shapes the chart draws, with coordinates printed to one decimal
//! so the same drawing always gives the same bytes, and text escaped for XML.

use std::fmt::Write as _;

/// The chart's typeface: the bundled DejaVu Sans (see `png.rs`), then whatever sans-serif a
/// viewer of the SVG has.
pub(super) const FONT: &str = "DejaVu Sans, Verdana, sans-serif";

/// An SVG document being drawn.
pub(super) struct Svg {
    body: String,
    width: u32,
    height: u32,
}

/// How a piece of text sits on its point.
#[derive(Debug, Clone, Copy)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// A text's size, weight and colour.
#[derive(Debug, Clone, Copy)]
pub(super) struct Font {
    pub size: f64,
    pub bold: bool,
    pub colour: &'static str,
}

impl Svg {
    pub fn new(width: u32, height: u32) -> Self {
        let mut svg = Self {
            body: String::new(),
            width,
            height,
        };
        svg.rect(0.0, 0.0, f64::from(width), f64::from(height), "#FFFFFF");
        svg
    }

    /// A filled rectangle; nothing for an empty one.
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, fill: &str) {
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            n(x),
            n(y),
            n(width),
            n(height)
        );
    }

    /// A straight line.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: &str, width: f64) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"/>"#,
            n(from.0),
            n(from.1),
            n(to.0),
            n(to.1),
            n(width)
        );
    }

    /// A polyline through `points`, dashed when `dash` is given (`"10 6"`).
    pub fn polyline(
        &mut self,
        points: &[(f64, f64)],
        stroke: &str,
        width: f64,
        dash: Option<&str>,
    ) {
        if points.is_empty() {
            return;
        }
        let path: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let dash = dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round"{dash}/>"#,
            path.join(" "),
            n(width)
        );
    }

    /// A filled circle.
    pub fn circle(&mut self, centre: (f64, f64), radius: f64, fill: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"/>"#,
            n(centre.0),
            n(centre.1),
            n(radius)
        );
    }

    /// A filled polygon.
    pub fn polygon(&mut self, points: &[(f64, f64)], fill: &str) {
        let path: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = writeln!(
            self.body,
            r#"<polygon points="{}" fill="{fill}"/>"#,
            path.join(" ")
        );
    }

    /// Text with its baseline at `y`.
    pub fn text(&mut self, at: (f64, f64), text: &str, font: Font, anchor: Anchor) {
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let weight = if font.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-family="{FONT}" font-size="{}"{weight} fill="{}" text-anchor="{anchor}">{}</text>"#,
            n(at.0),
            n(at.1),
            n(font.size),
            font.colour,
            escape(text)
        );
    }

    /// The finished document.
    pub fn finish(self) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n{}</svg>\n",
            self.body,
            w = self.width,
            h = self.height
        )
    }
}

/// A coordinate to one decimal, `-0.0` as `0`, never NaN (drawn at 0 instead).
fn n(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{:.1}", value);
    let text = text.strip_suffix(".0").unwrap_or(&text).to_string();
    if text == "-0" { "0".to_string() } else { text }
}

/// Text made safe inside an XML element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 allows no control characters but tab and line ends.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// About how wide `text` sets at `size` in DejaVu Sans: 0.62 em a character, a little wider
/// than its average letter, so that laid-out text never overlaps.
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.62
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.26), "12.3");
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(f64::NAN), "0");
        assert_eq!(
            escape("A & B <\"Co\">\u{7}"),
            "A &amp; B &lt;&quot;Co&quot;&gt; "
        );
    }
}
