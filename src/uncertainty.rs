//! Forecasts as ranges (SPEC §6): a segment's `annual_churn`, `annual_expansion`,
//! `new_per_month`, `churn_trend` and `arpa_growth` may be given as `{ low = …, high = … }` instead of one number, for
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

use crate::model::{Base, Segment};

pub use crate::model::estimate::{Estimate, Ranges, Shape};

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
        drawn.monthly_churn = crate::projection::monthly_from_annual(sample(&churn, rng));
    }
    if let Some(expansion) = r.annual_expansion {
        drawn.annual_expansion = sample(&expansion, rng);
    }
    if let Some(new) = r.new_per_month {
        drawn.new_per_month = sample(&new, rng);
    }
    if let Some(trend) = r.churn_trend {
        drawn.churn_trend = sample(&trend, rng);
    }
    if let Some(growth) = r.arpa_growth {
        drawn.arpa_growth = sample(&growth, rng);
    }
    drawn
}

/// One draw from `estimate`. A zero-width range gives exactly its value.
fn sample<R: Rng + ?Sized>(estimate: &Estimate, rng: &mut R) -> f64 {
    let drawn = match estimate.mode {
        None => Uniform::new_inclusive(estimate.low, estimate.high)
            .ok()
            .map(|u| u.sample(rng)),
        Some(mode) => Triangular::new(estimate.low, estimate.high, mode)
            .ok()
            .map(|t| t.sample(rng)),
    };
    // Validation guarantees finite low ≤ mode ≤ high, so both always construct; the
    // fallback is the plain plan's value, never a NaN or a panic.
    drawn.unwrap_or_else(|| estimate.central())
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
                    assert_eq!(sample(&range, &mut rng), value);
                }
            }
        }
    }

    #[test]
    fn draws_stay_in_range_and_centre_where_the_shape_says() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let n = 20_000;
        let uniform = Estimate::uniform(0.08, 0.16);
        let draws: Vec<f64> = (0..n).map(|_| sample(&uniform, &mut rng)).collect();
        assert!(draws.iter().all(|d| (0.08..=0.16).contains(d)));
        let mean = draws.iter().sum::<f64>() / n as f64;
        // Uniform mean 0.12; its standard error is 0.08 / √12 / √20000 ≈ 0.00016.
        assert!((mean - 0.12).abs() < 0.001, "{mean}");

        let skewed = Estimate::triangular(0.0, 1.0, 0.1);
        assert_eq!(skewed.central(), 0.1);
        let draws: Vec<f64> = (0..n).map(|_| sample(&skewed, &mut rng)).collect();
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
            (0..5).map(|_| sample(&range, &mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }
}
