//! Checks of values that may be ranges (`annual_churn = { low = 0.08, high = 0.15 }`): each
//! bound in the key's allowed range with its own line and column, `low ≤ high`, a mode between
//! them, and a shape that fits.

use std::ops::Range;

use toml::Spanned;

use super::{Checker, Table};
use crate::format::short_number;
use crate::input::raw::{RawQuantity, RawRange};
use crate::model::estimate::{Estimate, Shape};

impl Checker<'_> {
    /// A number or a range in the key's range: the value a plain plan uses (a range's central value)
    /// and the range, or `(None, None)` (reported) when absent or invalid.
    pub(super) fn quantity(
        &mut self,
        table: &Table,
        key: &str,
        value: &Option<Spanned<RawQuantity>>,
    ) -> (Option<f64>, Option<Estimate>) {
        let Some(value) = value else {
            return (None, None);
        };
        match value.get_ref() {
            RawQuantity::Point(v) => {
                let point = Some(Spanned::new(value.span(), *v));
                (self.number(table, key, &point), None)
            }
            RawQuantity::Range(range) => match self.range(table, key, value.span(), range) {
                Some(estimate) => (Some(estimate.central()), Some(estimate)),
                None => (None, None),
            },
        }
    }

    fn range(
        &mut self,
        table: &Table,
        key: &str,
        span: Range<usize>,
        range: &RawRange,
    ) -> Option<Estimate> {
        let found_before = self.diagnostics.len();
        let low = self.number(table, &format!("{key}.low"), &range.low);
        let high = self.number(table, &format!("{key}.high"), &range.high);
        let mode = self.number(table, &format!("{key}.mode"), &range.mode);
        let missing: Vec<&str> = [("low", &range.low), ("high", &range.high)]
            .into_iter()
            .filter(|(_, bound)| bound.is_none())
            .map(|(name, _)| name)
            .collect();
        if !missing.is_empty() {
            self.report(
                table,
                key,
                span.clone(),
                format!(
                    "{key} = {{ … }} lacks {}: a range gives both, e.g. {key} = {{ low = {}, high = {} }}",
                    missing.join(" and "),
                    example(key).0,
                    example(key).1,
                ),
            );
        }
        let shape = range.shape.as_ref().map(|s| *s.get_ref());
        if let (Some(Shape::Uniform), Some(given)) = (shape, &range.mode) {
            self.report(
                table,
                &format!("{key}.mode"),
                given.span(),
                format!(
                    "{key}.mode is for a triangular range but shape = \"uniform\": drop the mode, \
                     or write shape = \"triangular\""
                ),
            );
        }
        let (low, high) = (low?, high?);
        if low > high {
            self.report(
                table,
                key,
                span,
                format!(
                    "{key} = {{ low = {}, high = {} }} has low above high: swap them",
                    short_number(low),
                    short_number(high)
                ),
            );
            return None;
        }
        if let (Some(m), Some(given)) = (mode, &range.mode)
            && !(low..=high).contains(&m)
        {
            self.report(
                table,
                &format!("{key}.mode"),
                given.span(),
                format!(
                    "{key}.mode = {} lies outside the range: allowed {}..={}",
                    short_number(m),
                    short_number(low),
                    short_number(high)
                ),
            );
            return None;
        }
        if self.diagnostics.len() > found_before {
            return None;
        }
        Some(match (mode, shape) {
            (Some(m), _) => Estimate::triangular(low, high, m),
            (None, Some(Shape::Triangular)) => Estimate::triangular(low, high, (low + high) / 2.0),
            (None, _) => Estimate::uniform(low, high),
        })
    }
}

/// Bounds that read naturally in the example of a message.
fn example(key: &str) -> (&'static str, &'static str) {
    match key {
        "annual_churn" => ("0.08", "0.15"),
        "annual_expansion" => ("0.05", "0.20"),
        "churn_trend" => ("-0.3", "0"),
        "arpa_growth" => ("0", "0.1"),
        _ => ("2", "5"),
    }
}

#[cfg(test)]
mod tests {
    use crate::input::parse;
    use crate::model::estimate::{Estimate, Shape};

    fn segment(keys: &str) -> crate::model::Segment {
        let text = format!(
            "[company]\nname = \"A\"\n[[segment]]\nname = \"S\"\ncustomers = 10\narpa = 9000\n{keys}\n"
        );
        let base = parse(&text).unwrap_or_else(|e| panic!("{}", e.render("t.toml", &text)));
        base.segments.into_iter().next().unwrap()
    }

    #[test]
    fn a_range_keeps_its_bounds_and_plans_its_central_value() {
        let s = segment(
            "annual_churn = { low = 0.1, high = 0.3 }\n\
             annual_expansion = { low = 0, high = 0.2, mode = 0.05 }\n\
             new_per_month = { low = 2, high = 6, shape = \"triangular\" }",
        );
        assert_eq!(s.ranges.annual_churn, Some(Estimate::uniform(0.1, 0.3)));
        assert_eq!(
            s.ranges.annual_expansion,
            Some(Estimate::triangular(0.0, 0.2, 0.05))
        );
        assert_eq!(
            s.ranges.new_per_month,
            Some(Estimate::triangular(2.0, 6.0, 4.0))
        );
        assert_eq!(s.ranges.new_per_month.unwrap().shape(), Shape::Triangular);
        // The plain plan's values: the midpoint of the uniform churn, the modes otherwise.
        assert!((s.annual_churn() - 0.2).abs() < 1e-12);
        assert_eq!(s.annual_expansion, 0.05);
        assert_eq!(s.new_per_month, 4.0);
    }

    #[test]
    fn trends_may_be_ranges_in_their_own_bounds() {
        let s = segment(
            "annual_churn = 0.2\nchurn_trend = { low = -0.4, high = 0.1 }\n\
             arpa_growth = { low = 0, high = 0.1, mode = 0.03 }",
        );
        assert_eq!(s.ranges.churn_trend, Some(Estimate::uniform(-0.4, 0.1)));
        assert_eq!(s.ranges.arpa_growth.unwrap().shape(), Shape::Triangular);
        assert!((s.churn_trend + 0.15).abs() < 1e-12);
        assert_eq!(s.arpa_growth, 0.03);
        // A bound past the key's range is refused at that bound.
        let text = "[company]\nname = \"A\"\n[[segment]]\nname = \"S\"\narpa = 9000\n\
                    annual_churn = 0.1\nchurn_trend = { low = -2, high = 0 }\n";
        let err = parse(text).unwrap_err();
        assert_eq!(
            err.diagnostics[0].key.as_deref(),
            Some("segment[1].churn_trend.low")
        );
    }

    #[test]
    fn single_values_have_no_ranges() {
        let s = segment("annual_churn = 0.2\nannual_expansion = 0.1\nnew_per_month = 3");
        assert!(s.ranges.is_empty());
        assert_eq!(s.new_per_month, 3.0);
        assert_eq!(s.annual_expansion, 0.1);
    }

    #[test]
    fn a_bad_range_points_at_the_bound() {
        let text = "[company]\nname = \"A\"\n[[segment]]\nname = \"S\"\narpa = 9000\n\
                    annual_churn = 0.1\nnew_per_month = { low = -1, high = 4 }\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.diagnostics.len(), 1);
        let d = &err.diagnostics[0];
        assert_eq!(d.key.as_deref(), Some("segment[1].new_per_month.low"));
        assert_eq!(d.line_column(text), Some((7, 25)));
        assert!(
            d.message
                .ends_with("new_per_month.low = -1 is out of range: allowed 0..=1000000"),
            "{}",
            d.message
        );
    }
}

#[cfg(test)]
mod schema {
    /// The input's JSON Schema says a ranged key takes a number or `{ low, high, mode, shape }`.
    #[test]
    fn the_input_schema_offers_a_number_or_a_range() {
        let schema = schemars::schema_for!(crate::input::raw::RawBase);
        let json = serde_json::to_value(&schema).unwrap();
        let definitions = &json["$defs"];
        let quantity = &definitions["RawQuantity"];
        let variants = quantity["anyOf"].as_array().expect("a number or a range");
        assert_eq!(variants.len(), 2, "{quantity}");
        let range = &definitions["RawRange"];
        assert_eq!(
            range["required"],
            serde_json::json!(["low", "high"]),
            "{range}"
        );
        assert_eq!(range["additionalProperties"], false);
        assert!(
            range["properties"]["shape"].to_string().contains("Shape"),
            "{range}"
        );
        let shapes: Vec<&serde_json::Value> = definitions["Shape"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| &v["const"])
            .collect();
        assert_eq!(shapes, ["uniform", "triangular"]);
    }
}
