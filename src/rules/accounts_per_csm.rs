//! Rule `accounts-per-csm` (cs-playbook, 2m-per-csm, grow-cs-team): the accounts one CSM
//! carries, by tier. smb is a pooled book sized by deal size.

use super::{RuleId, RuleInfo, complexity};
use crate::model::{Complexity, Tier};

/// Enterprise accounts per CSM (KeyBanc 2023 via 2m-per-csm; inside cs-playbook's 10–20).
pub const ENTERPRISE: f64 = 14.0;
/// Mid-market accounts per CSM (KeyBanc 2023; inside cs-playbook's 30–50).
pub const MID_MARKET: f64 = 40.0;
/// The smallest smb book: KeyBanc's 100 accounts, which come with $1.3M of coverage (about
/// $13k ARPA). Smaller deals pool into larger books (2m-per-csm's deal-size table: at $5k a
/// CSM talks to 400 customers; at $1k+ "strong systems and automation").
pub const SMB_FLOOR: f64 = 100.0;

/// ARR one CSM covers in a tier, in US dollars, by KeyBanc 2023 as 2m-per-csm quotes it: smb
/// $1.3M, mid-market $1.5M, enterprise $2.6M; overall (`None`) "about $1.7m". Shown beside the
/// plan's own coverage.
pub fn keybanc_arr_per_csm_usd(tier: Option<Tier>) -> f64 {
    match tier {
        Some(Tier::Smb) => 1_300_000.0,
        Some(Tier::MidMarket) => 1_500_000.0,
        Some(Tier::Enterprise) => 2_600_000.0,
        _ => 1_700_000.0,
    }
}

/// KeyBanc 2023's accounts per CSM in a tier (no figure for tech-touch).
pub fn keybanc_accounts_per_csm(tier: Tier) -> Option<f64> {
    match tier {
        Tier::Enterprise => Some(ENTERPRISE),
        Tier::MidMarket => Some(MID_MARKET),
        Tier::Smb => Some(SMB_FLOOR),
        Tier::TechTouch => None,
    }
}

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::AccountsPerCsm,
    id: "accounts-per-csm",
    source: "cs-playbook, 2m-per-csm, grow-cs-team",
    figures: || {
        format!(
            "enterprise {ENTERPRISE}, mid-market {MID_MARKET} accounts per CSM (KeyBanc 2023 via 2m-per-csm; inside \
             cs-playbook's 10–20 / 30–50); smb a pooled book of max({SMB_FLOOR}, arr_per_csm / arpa) accounts \
             (2m-per-csm: 400 customers at $5k deals); tech-touch: no CSM"
        )
    },
    summary: || {
        "Accounts one CSM can carry, by tier, before complexity. An smb segment's book grows with \
              smaller deals: at $5k ARPA and $2M per CSM, 400 accounts; at $1,200, 1,667. A segment's own \
              accounts_per_csm is used as given. Tech-touch segments get automation and support only.".to_string()
    },
    kpis: Some(super::CSM_KPIS),
};

/// The tier's book before complexity for a segment at `arpa` with `arr_per_csm` (both in the
/// plan currency). `None` for tech-touch.
pub fn tier_book(tier: Tier, arpa: f64, arr_per_csm: f64) -> Option<f64> {
    match tier {
        Tier::Enterprise => Some(ENTERPRISE),
        Tier::MidMarket => Some(MID_MARKET),
        Tier::Smb if arpa > 0.0 => Some(SMB_FLOOR.max(arr_per_csm / arpa)),
        Tier::Smb => Some(SMB_FLOOR),
        Tier::TechTouch => None,
    }
}

/// Accounts per CSM for a segment, and the rule that set it: the segment's own figure as given,
/// else the tier's book scaled by `complexity`, enterprise and mid-market capped at 50. `None`
/// for a tech-touch segment without an override.
pub fn accounts_per_csm(
    tier: Tier,
    complexity: Complexity,
    given: Option<f64>,
    arpa: f64,
    arr_per_csm: f64,
) -> Option<(f64, RuleId)> {
    if let Some(given) = given {
        return Some((given, RuleId::AccountsPerCsm));
    }
    let book = tier_book(tier, arpa, arr_per_csm)?;
    let factor = complexity::factor(complexity);
    let mut accounts = book * factor;
    if matches!(tier, Tier::Enterprise | Tier::MidMarket) {
        accounts = accounts.min(complexity::HIGH_TOUCH_MAX_ACCOUNTS);
    }
    let rule = if factor == complexity::MODERATE {
        RuleId::AccountsPerCsm
    } else {
        RuleId::Complexity
    };
    Some((accounts, rule))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complexity_caps_high_touch_tiers_at_fifty() {
        let apc = |tier, complexity, given| {
            accounts_per_csm(tier, complexity, given, 20_000.0, 2_000_000.0).map(|a| a.0)
        };
        // mid-market simple: 40 × 1.5 = 60, capped at 50; enterprise simple 14 × 1.5 = 21.
        assert_eq!(apc(Tier::MidMarket, Complexity::Simple, None), Some(50.0));
        assert_eq!(apc(Tier::Enterprise, Complexity::Simple, None), Some(21.0));
        // An override is used as given, even above the cap.
        assert_eq!(
            apc(Tier::MidMarket, Complexity::Simple, Some(70.0)),
            Some(70.0)
        );
        assert_eq!(apc(Tier::TechTouch, Complexity::Moderate, None), None);
    }

    /// smb books pool by deal size: max(100, $2M / ARPA), then complexity. $13k ARPA (KeyBanc's
    /// 100 accounts at $1.3M): 2M / 13k = 153.8; $25k would be 80, floored at 100.
    #[test]
    fn smb_book_grows_as_deals_shrink() {
        let book = |arpa| {
            accounts_per_csm(Tier::Smb, Complexity::Moderate, None, arpa, 2_000_000.0)
                .unwrap()
                .0
        };
        assert_eq!(book(5_000.0), 400.0);
        assert_eq!(book(25_000.0), 100.0);
        assert!((book(13_000.0) - 153.846).abs() < 1e-3);
        // Complex smb at $5k: 400 × 0.6 = 240.
        let complex =
            accounts_per_csm(Tier::Smb, Complexity::Complex, None, 5_000.0, 2_000_000.0).unwrap();
        assert_eq!(complex, (240.0, RuleId::Complexity));
    }
}
