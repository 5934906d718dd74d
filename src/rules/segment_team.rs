//! Rule `segment-team` (2m-per-csm): "it's critical to segment the team based on deal sizes".

use super::{RuleId, RuleInfo, whole_people};
use crate::model::Tier;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::SegmentTeam,
    id: "segment-team",
    source: "2m-per-csm",
    figures: || "one CSM's worth of need (at max_load) per tier".to_string(),
    summary: || {
        "Segment the CSM team by deal size: a tier gets dedicated CSMs once its need at max_load fills \
              one CSM; the fractions of several tiers share a pooled CSM, named `shared`. A base whose \
              CSM need lies in one tier has no shared CSMs: every CSM is that tier's. A CSM hired by \
              two-big-customers is the large accounts' CSM. v3: the dedicated CSMs that \
              two-big-customers and self-funding-segment add early (ahead stance) are added only \
              while the team they make stays within csm_spend_cap; otherwise their tiers' need \
              stays in the pool.".to_string()
    },
    kpis: Some(super::CSM_KPIS),
};

/// One tier's share of the CSM team at one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierSeat {
    /// The tier.
    pub tier: Tier,
    /// Its need in CSMs at max_load (rule `max-load`).
    pub need: f64,
    /// CSMs dedicated to it.
    pub dedicated: u32,
    /// The rule that gave it a dedicated CSM before its need filled one (ahead stance).
    pub early: Option<RuleId>,
}

/// A tier gets `floor(need)` dedicated CSMs once its need fills one; the fractions of every
/// tier share a pooled team of `ceil(Σ fractions)`, so the headcount is `ceil(Σ need)`. In
/// ahead, `early` names a rule (`two-big-customers`, `self-funding-segment`) that gives a tier
/// one dedicated CSM before its need fills one; its need then leaves the pool.
///
/// `needs` are in CSMs at max_load. Returns the headcount and each tier's seat.
pub fn segment_team(needs: &[(Tier, f64, Option<RuleId>)]) -> (u32, Vec<TierSeat>) {
    let mut seats = Vec::with_capacity(needs.len());
    let mut pooled = 0.0;
    let mut dedicated_total = 0u32;
    for &(tier, need, early) in needs {
        let mut dedicated = (need + 1e-9).floor().max(0.0) as u32;
        let early = if dedicated == 0 { early } else { None };
        if early.is_some() {
            dedicated = 1;
        }
        pooled += (need - f64::from(dedicated)).max(0.0);
        // Saturates: an absurd need stays absurd (and is refused by the planner), never wraps.
        dedicated_total = dedicated_total.saturating_add(dedicated);
        seats.push(TierSeat {
            tier,
            need,
            dedicated,
            early,
        });
    }
    (dedicated_total.saturating_add(whole_people(pooled)), seats)
}

/// [`segment_team`], with the early dedicated CSMs of `two-big-customers` and
/// `self-funding-segment` (v3) only where the team they make stays within the spend cap: a team
/// of `n` CSMs at `csm_cost` each over `cap_cost` (`csm_spend_cap × ARR`) gives up its early
/// seats, the last tier's first, until it fits or none is left; the rules' own need is never
/// cut (rule spend-cap flags it instead). Early seats that give up their dedication leave their
/// tier's need in the pool.
pub fn within_cap(
    needs: &mut [(Tier, f64, Option<RuleId>)],
    csm_cost: f64,
    cap_cost: f64,
) -> (u32, Vec<TierSeat>) {
    let mut team = segment_team(needs);
    while f64::from(team.0) * csm_cost > cap_cost + 1e-9 {
        let Some(last) = needs.iter_mut().rev().find(|(_, _, early)| early.is_some()) else {
            break;
        };
        last.2 = None;
        team = segment_team(needs);
    }
    team
}

/// The one tier a pooled CSM serves when only one tier has any CSM need; `None` (shared) when
/// several do.
pub fn pool_owner(seats: &[TierSeat]) -> Option<Tier> {
    let mut with_need = seats.iter().filter(|s| s.need > 1e-9);
    let first = with_need.next()?;
    with_need.next().is_none().then_some(first.tier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_fractions_and_dedicates_full_tiers() {
        // Enterprise 1.4, mid-market 0.8, smb 0.5: 1 dedicated to enterprise, pool
        // 0.4 + 0.8 + 0.5 = 1.7 → 2 shared; total 3 = ceil(2.7).
        let (headcount, seats) = segment_team(&[
            (Tier::Enterprise, 1.4, None),
            (Tier::MidMarket, 0.8, None),
            (Tier::Smb, 0.5, None),
        ]);
        assert_eq!(headcount, 3);
        assert_eq!(seats[0].dedicated, 1);
        assert_eq!(seats[1].dedicated, 0);
        assert_eq!(pool_owner(&seats), None);
    }

    #[test]
    fn one_tier_has_no_shared_csm() {
        let (headcount, seats) =
            segment_team(&[(Tier::Smb, 1.5, None), (Tier::TechTouch, 0.0, None)]);
        assert_eq!(headcount, 2);
        assert_eq!(pool_owner(&seats), Some(Tier::Smb));
    }

    #[test]
    fn early_dedicated_csm_adds_to_the_pooled_ceiling() {
        // Enterprise 0.3 with two big customers gets its own CSM; mid-market 0.8 pooled → 1.
        let (headcount, seats) = segment_team(&[
            (Tier::Enterprise, 0.3, Some(RuleId::TwoBigCustomers)),
            (Tier::MidMarket, 0.8, None),
        ]);
        assert_eq!(headcount, 2);
        assert_eq!(seats[0].early, Some(RuleId::TwoBigCustomers));
        // Enterprise 0.3 early, mid-market 0.5 early, smb 0.6: 1 + 1 + ceil(0.6) = 3 > ceil(1.4) = 2.
        let (headcount, _) = segment_team(&[
            (Tier::Enterprise, 0.3, Some(RuleId::TwoBigCustomers)),
            (Tier::MidMarket, 0.5, Some(RuleId::SelfFundingSegment)),
            (Tier::Smb, 0.6, None),
        ]);
        assert_eq!(headcount, 3);
    }

    #[test]
    fn early_dedicated_csms_only_within_the_cap() {
        // The three tiers above at $100k a CSM: 3 CSMs need $300k within the cap. At a cap of
        // $250k the mid-market seat goes back to the pool (1 + ceil(0.5 + 0.6) = 3: still over),
        // then the enterprise one: ceil(1.4) = 2.
        let needs = [
            (Tier::Enterprise, 0.3, Some(RuleId::TwoBigCustomers)),
            (Tier::MidMarket, 0.5, Some(RuleId::SelfFundingSegment)),
            (Tier::Smb, 0.6, None),
        ];
        let (headcount, seats) = within_cap(&mut needs.clone(), 100_000.0, 300_000.0);
        assert_eq!(headcount, 3);
        assert!(seats[0].early.is_some() && seats[1].early.is_some());
        let mut fitted = needs;
        let (headcount, seats) = within_cap(&mut fitted, 100_000.0, 250_000.0);
        assert_eq!(headcount, 2);
        assert!(seats.iter().all(|s| s.early.is_none()));
        // The rules' own need is never cut: 1.4 FTE stays 2 CSMs however small the cap.
        let (headcount, _) = within_cap(&mut needs.clone(), 100_000.0, 0.0);
        assert_eq!(headcount, 2);
    }
}
