//! Rule `touch-model` (2m-per-csm): a segment's tier from its ARPA when `tier` is not given.

use super::{RuleId, RuleInfo, usd};
use crate::model::Tier;

/// ARPA, in US dollars, from which a segment is enterprise (2m-per-csm: "$50-$100k+").
pub const ENTERPRISE_ARPA_USD: f64 = 50_000.0;
/// ARPA from which a segment is mid-market.
pub const MID_MARKET_ARPA_USD: f64 = 15_000.0;
/// ARPA from which a segment is smb; below it, tech-touch.
pub const SMB_ARPA_USD: f64 = 1_000.0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::TouchModel,
    id: "touch-model",
    source: "2m-per-csm",
    figures: || {
        format!(
            "ARPA ≥ {} enterprise, ≥ {} mid-market, ≥ {} smb, below {} tech-touch",
            usd(ENTERPRISE_ARPA_USD),
            usd(MID_MARKET_ARPA_USD),
            usd(SMB_ARPA_USD),
            usd(SMB_ARPA_USD)
        )
    },
    summary: || {
        format!(
            "A segment's tier from its ARPA when `tier` is not given: {} and more enterprise, {} and more \
             mid-market, {} and more smb. Below {} ARPA customer success is reactive, automated and \
             ticket-based: no CSM, and its logos count toward no CSM rule.",
            usd(ENTERPRISE_ARPA_USD),
            usd(MID_MARKET_ARPA_USD),
            usd(SMB_ARPA_USD),
            usd(SMB_ARPA_USD)
        )
    },
    kpis: None,
};

/// The tier of a segment from its ARPA in US dollars (2m-per-csm: below $1k "it's going to
/// probably have to be all reactive and automation and ticket-based").
pub fn touch_model(arpa_usd: f64) -> Tier {
    if arpa_usd >= ENTERPRISE_ARPA_USD {
        Tier::Enterprise
    } else if arpa_usd >= MID_MARKET_ARPA_USD {
        Tier::MidMarket
    } else if arpa_usd >= SMB_ARPA_USD {
        Tier::Smb
    } else {
        Tier::TechTouch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touch_model_cuts() {
        assert_eq!(touch_model(50_000.0), Tier::Enterprise);
        assert_eq!(touch_model(49_999.0), Tier::MidMarket);
        assert_eq!(touch_model(15_000.0), Tier::MidMarket);
        assert_eq!(touch_model(14_999.0), Tier::Smb);
        assert_eq!(touch_model(1_000.0), Tier::Smb);
        assert_eq!(touch_model(999.0), Tier::TechTouch);
    }
}
