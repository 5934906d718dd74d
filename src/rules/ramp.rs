//! Rule `ramp` (csplan default): a new CSM carries `k / (ramp_months + 1)` of a book in their
//! k-th month and a full book from month `ramp_months + 1`; hiring ahead counts that.

use super::{RuleId, RuleInfo};

/// csplan default `[workforce] ramp_months`: 0, a new CSM carries a full book from their first
/// month. Most CS teams see three to six months of ramp, but the figure is the base's to state:
/// a plan changes only when its base says how long its CSMs take to ramp.
pub const DEFAULT_RAMP_MONTHS: u32 = 0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::Ramp,
    id: "ramp",
    source: "csplan default",
    figures: || {
        format!(
            "ramp_months {DEFAULT_RAMP_MONTHS} (csplan default: off, so a plan changes only when its base \
             states how long a new CSM takes to carry a full book; 3 to 6 months is common, no source gives a \
             figure)"
        )
    },
    summary: || {
        "A new CSM carries k / (ramp_months + 1) of a book in their k-th month (the month they start \
              is the first) and a full book from month ramp_months + 1; the team on staff at the start is \
              ramped. Hiring ahead counts it: each CSM starts early enough that their share covers the \
              part of the need they are hired for in every month, so with 3 months of ramp a CSM needed \
              in full by June starts in March. Rows carry ramping_csm_fte, the part of a book the CSMs \
              still ramping do not yet carry; a month is short when (CSMs - ramping_csm_fte) x max_load \
              is below the need. Lean hires in arrears and does not hire ahead for ramp.".to_string()
    },
    kpis: None,
};

/// The share of a book a CSM carries in their k-th month (k = 1 the month they start).
pub fn share(k: u32, ramp_months: u32) -> f64 {
    (f64::from(k) / f64::from(ramp_months + 1)).min(1.0)
}

/// The part of a book not yet carried in month `t` by CSMs who started in `starts` (start
/// months): `Σ 1 − share(t − s + 1)` over those still ramping.
pub fn shortfall(starts: &[u32], t: u32, ramp_months: u32) -> f64 {
    if ramp_months == 0 {
        return 0.0;
    }
    starts
        .iter()
        .filter(|&&s| s <= t && t - s < ramp_months)
        .map(|&s| 1.0 - share(t - s + 1, ramp_months))
        .sum()
}

/// When the `n`-th CSM must start, and the month they are first needed.
///
/// `required[t]` is the CSM headcount the rules call for in month t and `pooled[t]` the need in
/// CSMs at max_load (`need / max_load`). The `n`-th CSM is first needed in the first month
/// `required` reaches `n`; from then on they must carry the part of the need above the other
/// `n − 1` (all of a book while the requirement is above `n`, or when the requirement comes
/// from a dedicated seat rather than the pooled need). They start in the latest month whose
/// ramp covers that part in every month: `min over t of floor(t + 1 − part(t) × (ramp + 1))`.
/// With no ramp that is the month they are first needed. `None` when `required` never
/// reaches `n`.
pub fn ramped_start(
    required: &[u32],
    pooled: &[f64],
    n: u32,
    ramp_months: u32,
) -> Option<(i64, u32)> {
    let target = (1..required.len()).find(|&t| required[t] >= n)?;
    let months = f64::from(ramp_months + 1);
    let mut start = target as i64;
    for (t, &req) in required
        .iter()
        .enumerate()
        .skip(target)
        .take(ramp_months as usize + 1)
    {
        let part = if req > n {
            1.0
        } else if req == n {
            let above = pooled.get(t).copied().unwrap_or(0.0) - f64::from(n - 1);
            if above > 0.0 && above < 1.0 {
                above
            } else {
                1.0
            }
        } else {
            0.0
        };
        if part > 0.0 {
            let s = (t as f64 + 1.0 - part * months + 1e-9).floor() as i64;
            start = start.min(s);
        }
    }
    Some((start, target as u32))
}

/// The reason's note on a CSM who starts ahead of the need for their ramp.
pub fn ramp_note(months: u32, ramp_months: u32) -> String {
    format!(
        "; starts {months} month{} before the need to ramp (ramp: 1/{} of a book in the first month, a full book \
         from month {})",
        if months == 1 { "" } else { "s" },
        ramp_months + 1,
        ramp_months + 1
    )
}

/// The warning on months short only because new CSMs are still ramping.
pub fn short_message(span: &str, most: &str, ramp_months: u32) -> String {
    format!(
        "CSMs still ramping ({ramp_months} month{} to a full book) leave the team short of the need {span}, \
         up to {most} FTE of books not yet carried: an earlier start was held back by the first month a \
         requisition can open, by recruiting capacity, or, for a backfill, by the spend cap",
        if ramp_months == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_csm_reaches_a_full_book_after_the_ramp() {
        assert_eq!(share(1, 3), 0.25);
        assert_eq!(share(3, 3), 0.75);
        assert_eq!(share(4, 3), 1.0);
        assert_eq!(share(1, 0), 1.0);
        // Two CSMs who started in months 5 and 6, in month 6 with 3 months of ramp: 0.5 + 0.75.
        assert!((shortfall(&[5, 6], 6, 3) - 1.25).abs() < 1e-12);
        assert_eq!(shortfall(&[5, 6], 9, 3), 0.0);
        assert_eq!(shortfall(&[5, 6], 6, 0), 0.0);
    }

    #[test]
    fn a_csm_needed_in_full_starts_the_ramp_earlier() {
        // Needed in full from month 10, 3 months of ramp: starts in month 7 (1/4, 2/4, 3/4, then
        // the full book in month 10).
        let required = vec![0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2];
        let pooled = vec![1.0; 15];
        assert_eq!(ramped_start(&required, &pooled, 2, 3), Some((7, 10)));
        assert_eq!(ramped_start(&required, &pooled, 2, 0), Some((10, 10)));
        assert_eq!(ramped_start(&required, &pooled, 3, 3), None);
    }

    #[test]
    fn a_csm_needed_for_part_of_a_book_ramps_into_it() {
        // The second CSM carries 0.3 of a book in month 10, 0.55 in 11, 0.8 in 12, 1.0 in 13:
        // with 3 months of ramp (0.25, 0.5, 0.75, 1) a start in month 9 covers them all.
        let required = vec![1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
        let mut pooled = vec![1.0; 15];
        pooled[10] = 1.3;
        pooled[11] = 1.55;
        pooled[12] = 1.8;
        pooled[13] = 2.0;
        pooled[14] = 2.0;
        assert_eq!(ramped_start(&required, &pooled, 2, 3), Some((9, 10)));
    }
}
