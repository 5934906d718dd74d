//! Rule `coverage-response` in the planner: with `cs_churn_reduction` or `cs_expansion_share`
//! set, the projection and the staffing depend on each other month by month. Churn in month
//! t + 1 follows the coverage of month t, and the coverage follows the CSMs the rules staff for
//! the base that churn leaves. The planner settles that in passes: the first projects the typed
//! rates and staffs them; each next one projects with the previous pass's coverage and staffs
//! again, until no month's coverage moves by [`coverage_response::SETTLED`] (at most
//! [`coverage_response::MAX_PASSES`]). Without a claim there is one pass, and the plan is the
//! typed projection's, to the bit.

use crate::model::Company;
use crate::projection::Response;
use crate::rules::coverage_response;

/// The claims that move retention: `(cs_churn_reduction, cs_expansion_share)`, or `None` when
/// neither is set.
pub fn claim(company: &Company) -> Option<(f64, f64)> {
    let (r, s) = (company.cs_churn_reduction, company.cs_expansion_share);
    (r > 0.0 || s > 0.0).then_some((r, s))
}

/// The factors on monthly churn and expansion of every book a CSM covers, one per month
/// projected: index t holds month t + 1's, from the coverage of month t.
#[derive(Debug, Clone, PartialEq)]
pub struct Factors {
    churn: Option<Vec<f64>>,
    expansion: Option<Vec<f64>>,
}

impl Factors {
    /// The factors from the coverage per month 0..=months (`(coverage, gate due)`, as
    /// [`super::rows::coverage`] gives it), relative to month 0's.
    pub fn new((r, s): (f64, f64), coverage: &[(f64, bool)]) -> Self {
        let c0 = coverage.first().map_or(1.0, |&(c, _)| c);
        let months = coverage.len().saturating_sub(1);
        let series = |factor: &dyn Fn(f64) -> f64| {
            coverage[..months]
                .iter()
                .map(|&(c, _)| factor(c))
                .collect::<Vec<f64>>()
        };
        Factors {
            churn: (r > 0.0).then(|| series(&|c| coverage_response::churn_factor(r, c, c0))),
            expansion: (s > 0.0)
                .then(|| series(&|c| coverage_response::expansion_factor(s, c, c0))),
        }
    }

    /// The factors as the projection takes them.
    pub fn as_response(&self) -> Response<'_> {
        Response {
            churn: self.churn.as_deref(),
            expansion: self.expansion.as_deref(),
        }
    }
}

/// Whether the coverage of two passes agrees in every month to within
/// [`coverage_response::SETTLED`].
pub fn settled(before: &[(f64, bool)], after: &[(f64, bool)]) -> bool {
    before.len() == after.len()
        && before
            .iter()
            .zip(after)
            .all(|(&(a, _), &(b, _))| (a - b).abs() < coverage_response::SETTLED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_follow_the_month_before() {
        // Coverage 1 at the start, 0.5 in month 1, 1 in month 2: month 2 churns at 1.5× with
        // r = 0.5, months 1 and 3 at the typed rate.
        let coverage = [(1.0, true), (0.5, true), (1.0, true), (1.0, true)];
        let f = Factors::new((0.5, 0.0), &coverage);
        let churn = f.as_response().churn.unwrap().to_vec();
        assert_eq!(churn.len(), 3);
        assert_eq!(churn[0], 1.0);
        assert!((churn[1] - 1.5).abs() < 1e-12);
        assert_eq!(churn[2], 1.0);
        assert!(f.as_response().expansion.is_none());
    }

    #[test]
    fn coverage_settles_within_a_millionth() {
        let a = [(1.0, true), (0.5, true)];
        assert!(settled(&a, &[(1.0, true), (0.500_000_1, true)]));
        assert!(!settled(&a, &[(1.0, true), (0.51, true)]));
        assert!(!settled(&a, &a[..1]));
    }
}
