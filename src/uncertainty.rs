//! Forecasts as ranges (SPEC §6): a segment's `annual_churn`, `annual_expansion` and
//! `new_per_month` may be given as `{ low = …, high = … }` instead of one number, for
//! `csplan plan --simulate`.
//!
//! A range is uniform between `low` and `high` unless it gives a `mode` (the most likely value)
//! or says `shape = "triangular"` (mode at the midpoint): then it is triangular. A plain plan
//! uses each range's [`Estimate::central`] value: the mode of a triangular range, the midpoint
//! of a uniform one. A simulation draws each ranged value once per run, independently of the
//! others, and holds it for the whole horizon: the uncertainty is about the rate, not
//! month-to-month noise.

use rand::Rng;
use rand::distr::{Distribution, Uniform};
use rand_distr::Triangular;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Base, Segment};

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

    /// One draw. A zero-width range gives exactly its value.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let drawn = match self.mode {
            None => Uniform::new_inclusive(self.low, self.high)
                .ok()
                .map(|u| u.sample(rng)),
            Some(mode) => Triangular::new(self.low, self.high, mode)
                .ok()
                .map(|t| t.sample(rng)),
        };
        // Validation guarantees finite low ≤ mode ≤ high, so both always construct; the
        // fallback is the plain plan's value, never a NaN or a panic.
        drawn.unwrap_or_else(|| self.central())
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
}

impl Ranges {
    /// The input keys and their ranges, in a fixed order (the order of draws in a run).
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Estimate)> {
        [
            ("annual_churn", self.annual_churn),
            ("annual_expansion", self.annual_expansion),
            ("new_per_month", self.new_per_month),
        ]
        .into_iter()
        .filter_map(|(key, range)| range.map(|r| (key, r)))
    }

    /// True when every value is a single number.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

/// How many values of `base` are ranges.
pub fn ranged_values(base: &Base) -> usize {
    base.segments.iter().map(|s| s.ranges.iter().count()).sum()
}

/// `segment` with each ranged value replaced by one draw from `rng` (in [`Ranges::iter`]
/// order); single values stay as they are.
pub fn sample_segment<R: Rng + ?Sized>(segment: &Segment, rng: &mut R) -> Segment {
    let mut drawn = segment.clone();
    let r = &segment.ranges;
    if let Some(churn) = r.annual_churn {
        drawn.monthly_churn = crate::projection::monthly_from_annual(churn.sample(rng));
    }
    if let Some(expansion) = r.annual_expansion {
        drawn.annual_expansion = expansion.sample(rng);
    }
    if let Some(new) = r.new_per_month {
        drawn.new_per_month = new.sample(rng);
    }
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;

    #[test]
    fn a_zero_width_range_draws_its_value() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for value in [0.0, 0.12, 1.0, 3.7] {
            for range in [
                Estimate::uniform(value, value),
                Estimate::triangular(value, value, value),
            ] {
                assert_eq!(range.central(), value);
                for _ in 0..100 {
                    assert_eq!(range.sample(&mut rng), value);
                }
            }
        }
    }

    #[test]
    fn draws_stay_in_range_and_centre_where_the_shape_says() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let n = 20_000;
        let uniform = Estimate::uniform(0.08, 0.16);
        let draws: Vec<f64> = (0..n).map(|_| uniform.sample(&mut rng)).collect();
        assert!(draws.iter().all(|d| (0.08..=0.16).contains(d)));
        let mean = draws.iter().sum::<f64>() / n as f64;
        // Uniform mean 0.12; its standard error is 0.08 / √12 / √20000 ≈ 0.00016.
        assert!((mean - 0.12).abs() < 0.001, "{mean}");

        let skewed = Estimate::triangular(0.0, 1.0, 0.1);
        assert_eq!(skewed.central(), 0.1);
        let draws: Vec<f64> = (0..n).map(|_| skewed.sample(&mut rng)).collect();
        assert!(draws.iter().all(|d| (0.0..=1.0).contains(d)));
        let mean = draws.iter().sum::<f64>() / n as f64;
        // Triangular mean (0 + 1 + 0.1) / 3 = 0.3667; standard error ≈ 0.0016.
        assert!((mean - 1.1 / 3.0).abs() < 0.01, "{mean}");
    }

    #[test]
    fn the_same_seed_draws_the_same_values() {
        let range = Estimate::triangular(2.0, 9.0, 3.0);
        let draw = |seed| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            (0..5).map(|_| range.sample(&mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }
}
