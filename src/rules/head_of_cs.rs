//! Rule `head-of-cs` (first-cs-org steps 2, 11): at about five people one of them is promoted
//! to a director-level lead; by $5M ARR a head of CS who reports to the CEO is hired.

use super::{RuleId, RuleInfo, usd};
use crate::format::money;

/// first-cs-org step 2: "you likely have a team of 5 people in customer success" and "start to
/// look for a lead of all things success early on - likely a director / senior director level".
pub const PROMOTION_ORG_SIZE: u32 = 5;
/// first-cs-org step 11: "By a company's series B raise (say $5M in ARR) … A dedicated
/// executive - that reports to the CEO".
pub const HIRED_HEAD_ARR_USD: f64 = 5_000_000.0;
/// csplan default: the promoted lead has been in post this many months (nobody is promoted in
/// their first months).
pub const PROMOTION_TENURE_MONTHS: u32 = 6;
/// csplan default: no promotion when the hired head of CS starts within this many months of
/// it — one leadership change, not two.
pub const PROMOTION_SKIP_MONTHS: u32 = 6;

/// v3, csplan default: an external head of CS leads a team; they are hired only when the CS
/// team (CSMs, support, onboarding) they would lead has at least this many people at their start.
pub const HEAD_MIN_TEAM: u32 = 3;
/// v3, csplan default: nor while ARR is projected to fall by more than this share over the
/// months after their start ([`HEAD_OUTLOOK_MONTHS`]): a head is hired for a future.
pub const HEAD_MAX_FALL: f64 = 0.10;
/// v3: the months after a head's start over which ARR is read.
pub const HEAD_OUTLOOK_MONTHS: usize = 12;

/// Why an external head of CS whose ARR is due is not hired at a month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Withheld {
    /// The team they would lead has this many people.
    SmallTeam(u32),
    /// ARR falls by this share (a fraction) over the outlook, to its lowest by that month.
    Falling(f64, usize),
}

/// Whether an external head may start at `start`: the team in post then and ARR per month.
pub fn head_withheld(team_at_start: u32, arr: &[f64], start: usize) -> Option<Withheld> {
    if team_at_start < HEAD_MIN_TEAM {
        return Some(Withheld::SmallTeam(team_at_start));
    }
    let from = *arr.get(start)?;
    let end = (start + HEAD_OUTLOOK_MONTHS).min(arr.len().saturating_sub(1));
    let (low_at, low) = (start..=end)
        .map(|t| (t, arr[t]))
        .fold((start, from), |best, x| if x.1 < best.1 { x } else { best });
    let fall = if from > 0.0 { 1.0 - low / from } else { 0.0 };
    (fall > HEAD_MAX_FALL).then_some(Withheld::Falling(fall, low_at))
}

/// The warning when ARR passes the hired head's threshold but no head is hired: `when` is the
/// month ARR gets there, `stands` what leads instead, `low_when` the month ARR is lowest.
pub fn withheld_message(
    arr: f64,
    threshold: f64,
    when: &str,
    why: Withheld,
    low_when: &str,
    stands: &str,
    currency: &str,
) -> String {
    let cause = match why {
        Withheld::SmallTeam(n) => format!(
            "the CS team they would lead has {n} {} (a hired head leads at least {HEAD_MIN_TEAM})",
            if n == 1 { "person" } else { "people" }
        ),
        Withheld::Falling(fall, _) => format!(
            "ARR falls {:.1}% by {low_when} (a hired head is for a base that does not fall more than {:.0}% \
             over the {HEAD_OUTLOOK_MONTHS} months after their start)",
            fall * 100.0,
            HEAD_MAX_FALL * 100.0
        ),
    };
    format!(
        "ARR is {} {when}, past first-cs-org's Series B at about {}, but no head of CS is hired: {cause}; {stands}",
        money(arr, currency),
        money(threshold, currency)
    )
}

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::HeadOfCs,
    id: "head-of-cs",
    source: "first-cs-org (steps 2, 11)",
    figures: || {
        format!(
            "a promotion at about {PROMOTION_ORG_SIZE} people in CS of someone in post {PROMOTION_TENURE_MONTHS} months \
             or more; a hired head of CS by {} ARR (Series B); no promotion when the hired head starts within \
             {PROMOTION_SKIP_MONTHS} months (csplan defaults for the tenure and the gap); a hired head only for a team \
             of {HEAD_MIN_TEAM} or more at their start and ARR not falling more than {:.0}% over the \
             {HEAD_OUTLOOK_MONTHS} months after it (csplan defaults)",
            usd(HIRED_HEAD_ARR_USD),
            HEAD_MAX_FALL * 100.0
        )
    },
    summary: || {
        format!(
            "At about {PROMOTION_ORG_SIZE} people in CS, one of them (a CSM, or the onboarding lead) becomes the \
              director-level lead of all things success: a promotion (kind promotion), costed as the \
              difference in loaded cost (a team manager's salary, never less than the promoted person's), whose own book \
              is backfilled (kind backfill) — not an extra person at twice a CSM's cost. By {head} ARR a \
              dedicated head of CS who reports to the CEO is hired, always ahead, so that they start by \
              the month ARR reaches {head}, when the team they would lead has {HEAD_MIN_TEAM} people or \
              more at their start and ARR is not projected to fall more than {fall:.0}% over the \
              {HEAD_OUTLOOK_MONTHS} months after it; otherwise the promotion stands (or, with no team, no \
              lead at all) and a warning says why. A [team] lead on staff is taken as the head of CS.",
            head = usd(HIRED_HEAD_ARR_USD),
            fall = HEAD_MAX_FALL * 100.0
        )
    },
    kpis: Some(super::LEAD_KPIS),
};

/// True once the CS org (CSMs, support, onboarding) reaches about five people.
pub fn promotion_due(org_size: u32) -> bool {
    org_size >= PROMOTION_ORG_SIZE
}

/// True once ARR reaches the hired head's threshold (in the plan currency).
pub fn hired_head_due(arr: f64, threshold: f64) -> bool {
    arr >= threshold
}

/// Why a hired head of CS: `at_start` when ARR was past the threshold at the start.
pub fn hire_reason(arr: f64, threshold: f64, when: &str, at_start: bool, currency: &str) -> String {
    if at_start {
        format!(
            "ARR is {} at the start, past first-cs-org's Series B at about {}: a head of CS who reports to the CEO, \
             as early as recruiting allows",
            money(arr, currency),
            money(threshold, currency)
        )
    } else {
        format!(
            "ARR reaches {} {when} (Series B, about {}): a head of CS who reports to the CEO starts by then",
            money(arr, currency),
            money(threshold, currency)
        )
    }
}

/// Why a promotion, and what it costs.
pub fn promotion_reason(
    org_size: u32,
    when: &str,
    from: &str,
    extra_cost: f64,
    backfilled: bool,
    currency: &str,
) -> String {
    let book = if backfilled {
        "the book is backfilled"
    } else {
        "the team is above its need, so the book needs no backfill"
    };
    format!(
        "the CS org reaches {org_size} people {when}: one {from} becomes the director-level lead (first-cs-org step 2), \
         {} a year more in loaded cost; {book}",
        money(extra_cost.max(0.0), currency)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hired_head_needs_a_team_and_a_future() {
        let flat = [5e6; 14];
        assert_eq!(head_withheld(2, &flat, 1), Some(Withheld::SmallTeam(2)));
        assert_eq!(head_withheld(3, &flat, 1), None);
        // 10% down over the year is a future; 10.5% is not.
        let mut down = [5e6; 14];
        down[13] = 4.5e6;
        assert_eq!(head_withheld(3, &down, 1), None);
        down[13] = 4.475e6;
        match head_withheld(3, &down, 1) {
            Some(Withheld::Falling(fall, at)) => {
                assert!((fall - 0.105).abs() < 1e-9, "{fall}");
                assert_eq!(at, 13);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn promotion_at_five_and_a_hired_head_at_five_million() {
        assert!(!promotion_due(4));
        assert!(promotion_due(5));
        assert!(!hired_head_due(4_999_999.0, 5_000_000.0));
        assert!(hired_head_due(5_000_000.0, 5_000_000.0));
    }
}
