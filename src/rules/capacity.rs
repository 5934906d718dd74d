//! How many CSMs a book of customers needs: `touch-model`, `accounts-per-csm`, `complexity`,
//! `arr-per-csm` and `segment-team`.

use super::{RuleId, from_usd};
use crate::model::{Complexity, Stance, Tier};

/// Rule `touch-model` (2m-per-csm): the tier of a segment from its ARPA in US dollars.
///
/// ≥ $50k enterprise, ≥ $15k mid-market, ≥ $1k smb, below $1k tech-touch ("below that, it's
/// going to probably have to be all reactive and automation and ticket-based").
pub fn touch_model(arpa_usd: f64) -> Tier {
    if arpa_usd >= 50_000.0 {
        Tier::Enterprise
    } else if arpa_usd >= 15_000.0 {
        Tier::MidMarket
    } else if arpa_usd >= 1_000.0 {
        Tier::Smb
    } else {
        Tier::TechTouch
    }
}

/// Rule `accounts-per-csm` (cs-playbook, 2m-per-csm, grow-cs-team): accounts one CSM carries in a tier, before
/// complexity. KeyBanc 2023 via 2m-per-csm; inside cs-playbook's 10–20 / 30–50 / 100–200.
/// Tech-touch: no CSM (`None`).
pub fn tier_accounts_per_csm(tier: Tier) -> Option<f64> {
    match tier {
        Tier::Enterprise => Some(14.0),
        Tier::MidMarket => Some(40.0),
        Tier::Smb => Some(100.0),
        Tier::TechTouch => None,
    }
}

/// ARR one CSM covers in a tier, in US dollars, by KeyBanc 2023 as 2m-per-csm quotes it: smb
/// $1.3M, mid-market $1.5M, enterprise $2.6M; overall (`None`) "about $1.7m". Shown beside the
/// plan's own coverage; the accounts side of the same survey is [`tier_accounts_per_csm`].
pub fn keybanc_arr_per_csm_usd(tier: Option<Tier>) -> f64 {
    match tier {
        Some(Tier::Smb) => 1_300_000.0,
        Some(Tier::MidMarket) => 1_500_000.0,
        Some(Tier::Enterprise) => 2_600_000.0,
        _ => 1_700_000.0,
    }
}

/// Rule `complexity` (grow-cs-team): simple ×1.5, moderate ×1.0, complex ×0.6.
pub fn complexity_factor(complexity: Complexity) -> f64 {
    match complexity {
        Complexity::Simple => 1.5,
        Complexity::Moderate => 1.0,
        Complexity::Complex => 0.6,
    }
}

/// grow-cs-team: "a good rule of thumb is to not assign over 50 accounts" (enterprise, mid-market).
pub const HIGH_TOUCH_MAX_ACCOUNTS: f64 = 50.0;

/// Accounts per CSM for a segment, and the rule that set it: the segment's own figure as given,
/// else the tier's (`accounts-per-csm`) scaled by `complexity`, capped at 50 for enterprise and
/// mid-market. `None` for tech-touch segments without an override.
pub fn accounts_per_csm(
    tier: Tier,
    complexity: Complexity,
    given: Option<f64>,
) -> Option<(f64, RuleId)> {
    if let Some(given) = given {
        return Some((given, RuleId::AccountsPerCsm));
    }
    let base = tier_accounts_per_csm(tier)?;
    let factor = complexity_factor(complexity);
    let mut accounts = base * factor;
    if matches!(tier, Tier::Enterprise | Tier::MidMarket) {
        accounts = accounts.min(HIGH_TOUCH_MAX_ACCOUNTS);
    }
    let rule = if factor == 1.0 {
        RuleId::AccountsPerCsm
    } else {
        RuleId::Complexity
    };
    Some((accounts, rule))
}

/// Rule `arr-per-csm` (2m-per-csm, grow-cs-team): ARR one CSM covers, in US dollars. "$2m ARR per
/// Customer Success Manager" at scale; "one CSM per $1m per ARR or so, if you are growing
/// reasonably quickly" when hiring ahead.
pub fn arr_per_csm_usd(stance: Stance) -> f64 {
    match stance {
        Stance::Lean | Stance::Balanced => 2_000_000.0,
        Stance::Ahead => 1_000_000.0,
    }
}

/// ARR one CSM covers, in the plan currency.
pub fn arr_per_csm(stance: Stance, usd_rate: f64) -> f64 {
    from_usd(arr_per_csm_usd(stance), usd_rate)
}

/// One segment's CSM need in FTE, and which rule binds (SPEC §4):
/// `max(ARR / arr_per_csm, customers / accounts_per_csm)`; 0 for tech-touch.
pub fn csm_need(
    arr: f64,
    customers: f64,
    arr_per_csm: f64,
    accounts_per_csm: Option<f64>,
) -> (f64, RuleId) {
    let Some(accounts) = accounts_per_csm else {
        return (0.0, RuleId::TouchModel);
    };
    let by_arr = arr / arr_per_csm;
    let by_accounts = customers / accounts;
    if by_accounts > by_arr {
        (by_accounts, RuleId::AccountsPerCsm)
    } else {
        (by_arr, RuleId::ArrPerCsm)
    }
}

/// Whole people for a need in FTE: `ceil`, ignoring float noise (2.0000000001 FTE is 2 people).
pub fn whole_people(fte: f64) -> u32 {
    let rounded = (fte - 1e-9).ceil().max(0.0);
    if rounded >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        rounded as u32
    }
}

/// One tier's share of the CSM team at one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierSeat {
    /// The tier.
    pub tier: Tier,
    /// Its need in FTE.
    pub need: f64,
    /// CSMs dedicated to it.
    pub dedicated: u32,
    /// The rule that gave it a dedicated CSM before its need filled one (ahead stance).
    pub early: Option<RuleId>,
}

/// Rule `segment-team` (2m-per-csm): "it's critical to segment the team based on deal sizes".
///
/// A tier gets `floor(need)` dedicated CSMs once its need fills one CSM; the fractions of every
/// tier share a pooled team of `ceil(Σ fractions)`. For the lean and balanced stances this is
/// exactly `ceil(Σ need)`. In ahead, `early` names a rule (`two-big-customers`,
/// `self-funding-segment`) that gives a tier one dedicated CSM before its need fills one; its
/// need then leaves the pool.
///
/// Returns the headcount and each tier's seat.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §4 worked example: one mid-market segment (moderate), 80 logos at $20k ARPA
    /// ($1.6M ARR): need = max(1.6M / 2M, 80 / 40) = max(0.8, 2.0) = 2 CSMs.
    #[test]
    fn worked_example_mid_market() {
        let tier = touch_model(20_000.0);
        assert_eq!(tier, Tier::MidMarket);
        let (accounts, _) = accounts_per_csm(tier, Complexity::Moderate, None).unwrap();
        assert_eq!(accounts, 40.0);
        let (need, rule) = csm_need(
            1_600_000.0,
            80.0,
            arr_per_csm(Stance::Balanced, 1.0),
            Some(accounts),
        );
        assert_eq!(need, 2.0);
        assert_eq!(rule, RuleId::AccountsPerCsm);
        assert_eq!(whole_people(need), 2);
    }

    /// SPEC §4 worked example: one smb segment, 400 logos at $5k ($2M ARR): accounts rule
    /// 400 / 100 = 4.0 FTE against the ARR rule 2M / 2M = 1.0: 4 CSMs.
    #[test]
    fn worked_example_smb() {
        let tier = touch_model(5_000.0);
        assert_eq!(tier, Tier::Smb);
        let (accounts, _) = accounts_per_csm(tier, Complexity::Moderate, None).unwrap();
        let (need, _) = csm_need(2_000_000.0, 400.0, 2_000_000.0, Some(accounts));
        assert_eq!(need, 4.0);
        assert_eq!(whole_people(need), 4);
    }

    /// SPEC §4 worked example: one enterprise segment (complex), 20 logos at $100k ($2M ARR):
    /// 14 × 0.6 = 8.4 accounts per CSM, need = max(1.0, 20 / 8.4 = 2.38) = 2.38 FTE: 3 CSMs.
    #[test]
    fn worked_example_complex_enterprise() {
        let tier = touch_model(100_000.0);
        assert_eq!(tier, Tier::Enterprise);
        let (accounts, rule) = accounts_per_csm(tier, Complexity::Complex, None).unwrap();
        assert!((accounts - 8.4).abs() < 1e-12);
        assert_eq!(rule, RuleId::Complexity);
        let (need, _) = csm_need(2_000_000.0, 20.0, 2_000_000.0, Some(accounts));
        assert!((need - 2.380_952).abs() < 1e-6);
        assert_eq!(whole_people(need), 3);
    }

    #[test]
    fn touch_model_cuts() {
        assert_eq!(touch_model(50_000.0), Tier::Enterprise);
        assert_eq!(touch_model(49_999.0), Tier::MidMarket);
        assert_eq!(touch_model(15_000.0), Tier::MidMarket);
        assert_eq!(touch_model(14_999.0), Tier::Smb);
        assert_eq!(touch_model(1_000.0), Tier::Smb);
        assert_eq!(touch_model(999.0), Tier::TechTouch);
    }

    #[test]
    fn complexity_caps_high_touch_tiers_at_fifty() {
        // mid-market simple: 40 × 1.5 = 60, capped at 50; smb simple: 150, not capped.
        assert_eq!(
            accounts_per_csm(Tier::MidMarket, Complexity::Simple, None)
                .unwrap()
                .0,
            50.0
        );
        assert_eq!(
            accounts_per_csm(Tier::Enterprise, Complexity::Simple, None)
                .unwrap()
                .0,
            21.0
        );
        assert_eq!(
            accounts_per_csm(Tier::Smb, Complexity::Simple, None)
                .unwrap()
                .0,
            150.0
        );
        assert_eq!(
            accounts_per_csm(Tier::Smb, Complexity::Complex, None)
                .unwrap()
                .0,
            60.0
        );
        // An override is used as given, even above the cap.
        assert_eq!(
            accounts_per_csm(Tier::MidMarket, Complexity::Simple, Some(70.0))
                .unwrap()
                .0,
            70.0
        );
        assert_eq!(
            accounts_per_csm(Tier::TechTouch, Complexity::Moderate, None),
            None
        );
    }

    #[test]
    fn tech_touch_needs_no_csm() {
        assert_eq!(csm_need(5_000_000.0, 10_000.0, 2_000_000.0, None).0, 0.0);
    }

    #[test]
    fn ahead_halves_arr_per_csm_and_converts_currency() {
        assert_eq!(arr_per_csm(Stance::Ahead, 1.0), 1_000_000.0);
        assert_eq!(arr_per_csm(Stance::Lean, 1.0), 2_000_000.0);
        // EUR at 1.25 USD: $2M is €1.6M.
        assert_eq!(arr_per_csm(Stance::Balanced, 1.25), 1_600_000.0);
    }

    #[test]
    fn segment_team_pools_fractions_and_dedicates_full_tiers() {
        // Enterprise 1.4 FTE, mid-market 0.8, smb 0.5: 1 dedicated to enterprise, pool
        // 0.4 + 0.8 + 0.5 = 1.7 → 2 shared; total 3 = ceil(2.7).
        let (headcount, seats) = segment_team(&[
            (Tier::Enterprise, 1.4, None),
            (Tier::MidMarket, 0.8, None),
            (Tier::Smb, 0.5, None),
        ]);
        assert_eq!(headcount, 3);
        assert_eq!(seats[0].dedicated, 1);
        assert_eq!(seats[1].dedicated, 0);
    }

    #[test]
    fn early_dedicated_csm_adds_to_the_pooled_ceiling() {
        // Enterprise 0.3 with two big customers gets its own CSM; mid-market 0.8 pooled → 1.
        // Pooled alone would be ceil(1.1) = 2; with the early seat: 1 + ceil(0.8) = 2.
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
}
