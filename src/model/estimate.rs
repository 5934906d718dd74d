//! A value the base knows only as a range (SPEC §6): `{ low = …, high = … }` in place of one
//! number. The segment keeps the range beside the central value it plans with; drawing from
//! ranges is the simulation's ([`crate::uncertainty`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The distribution of a range, as written in the input's `shape` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// Every value between low and high equally likely (the default without a mode).
    Uniform,
    /// Most likely at `mode`, tapering linearly to low and high (the default with a mode).
    Triangular,
}

impl Shape {
    /// The name used in the input and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Uniform => "uniform",
            Shape::Triangular => "triangular",
        }
    }
}

/// A value known only as a range: validated, `low ≤ mode ≤ high`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Lowest value.
    pub low: f64,
    /// Highest value.
    pub high: f64,
    /// The most likely value: `Some` for a triangular range, `None` for a uniform one.
    pub mode: Option<f64>,
}

impl Estimate {
    /// A uniform range.
    pub fn uniform(low: f64, high: f64) -> Self {
        Self {
            low,
            high,
            mode: None,
        }
    }

    /// A triangular range with its most likely value.
    pub fn triangular(low: f64, high: f64, mode: f64) -> Self {
        Self {
            low,
            high,
            mode: Some(mode),
        }
    }

    /// The range's shape.
    pub fn shape(&self) -> Shape {
        if self.mode.is_some() {
            Shape::Triangular
        } else {
            Shape::Uniform
        }
    }

    /// The value a plain plan uses: the mode of a triangular range, else the midpoint.
    pub fn central(&self) -> f64 {
        self.mode.unwrap_or((self.low + self.high) / 2.0)
    }
}

/// The ranged values of one segment; `None` where the input gives one number.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Ranges {
    /// Gross logo churn per year.
    pub annual_churn: Option<Estimate>,
    /// Expansion of retained ARR per year.
    pub annual_expansion: Option<Estimate>,
    /// New logos in month 1.
    pub new_per_month: Option<Estimate>,
    /// Yearly relative change of churn (SPEC §3 trends).
    pub churn_trend: Option<Estimate>,
    /// Yearly change of new logos' ARPA (SPEC §3 trends).
    pub arpa_growth: Option<Estimate>,
}

impl Ranges {
    /// The input keys and their ranges, in a fixed order (the order of draws in a run).
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Estimate)> {
        [
            ("annual_churn", self.annual_churn),
            ("annual_expansion", self.annual_expansion),
            ("new_per_month", self.new_per_month),
            ("churn_trend", self.churn_trend),
            ("arpa_growth", self.arpa_growth),
        ]
        .into_iter()
        .filter_map(|(key, range)| range.map(|r| (key, r)))
    }

    /// True when every value is a single number.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}
