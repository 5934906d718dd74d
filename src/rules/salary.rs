//! What people cost and where it lands: `regional-salary`, `cost-lines`, `spend-cap`.

use crate::model::{Region, Role, Salaries};

/// Rule `regional-salary` (seed 000: "Average salary of CSM: US: $90k, Europe: 45k€, South
/// America: R$36k"; seed 003 quotes "$100k or so, all-in"). Other roles are csplan's own
/// defaults, as multiples of the regional CSM figure: support 0.75× (seed 002: support teams
/// sit in lower-cost cities), onboarding 1.0×, head of CS 2.0×.
pub fn regional_defaults(region: Region) -> Salaries {
    let csm = match region {
        Region::Us => 90_000.0,
        Region::Eu => 45_000.0,
        Region::Latam => 36_000.0,
    };
    Salaries {
        csm,
        support: csm * SUPPORT_FACTOR,
        onboarding: csm * ONBOARDING_FACTOR,
        lead: csm * LEAD_FACTOR,
    }
}

/// csplan default: support costs 0.75× a CSM.
pub const SUPPORT_FACTOR: f64 = 0.75;
/// csplan default: onboarding costs 1.0× a CSM.
pub const ONBOARDING_FACTOR: f64 = 1.0;
/// csplan default: the head of CS costs 2.0× a CSM.
pub const LEAD_FACTOR: f64 = 2.0;

/// The currency label a region defaults to (SPEC §2).
pub fn default_currency(region: Region) -> &'static str {
    match region {
        Region::Us => "USD",
        Region::Eu => "EUR",
        Region::Latam => "BRL",
    }
}

/// A line of the P&L.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PnlLine {
    /// Cost of revenue.
    Cogs,
    /// Sales & marketing (operating expense).
    SalesMarketing,
}

/// Rule `cost-lines` (seed 002): "Professional services costs go into your COGs line",
/// "Customer support costs go into your COGs line", "Customer success management costs are
/// included in your costs of sales and marketing". The head of CS runs the function whose
/// largest team is CSMs: sales & marketing.
pub fn cost_line(role: Role) -> PnlLine {
    match role {
        Role::Support | Role::Onboarding => PnlLine::Cogs,
        Role::Csm | Role::Lead => PnlLine::SalesMarketing,
    }
}

/// Seed 002: platform gross margin (inclusive of support) "north of 70%".
pub const GROSS_MARGIN_FLOOR: f64 = 0.70;

/// `csm × csm salary / ARR`: CSM spend as a share of ARR (annualised). `None` when there are
/// CSMs but no ARR (no ratio exists, and it is over any cap); 0 with neither.
pub fn csm_spend_ratio(csms: u32, csm_salary: f64, arr: f64) -> Option<f64> {
    let cost = f64::from(csms) * csm_salary;
    if has_arr(arr) {
        Some(cost / arr)
    } else if cost > 0.0 {
        None
    } else {
        Some(0.0)
    }
}

/// True when `arr` is ARR at all: less than half a unit prints as 0, and a ratio over it
/// (10^-18 of ARR made a cost ratio of 6.8 × 10^22) has no meaning.
pub fn has_arr(arr: f64) -> bool {
    arr >= 0.5
}

/// `numerator / denominator` when it is a figure csplan can print (within ±10^15), else
/// `None`.
pub fn bounded_ratio(numerator: f64, denominator: f64) -> Option<f64> {
    let ratio = numerator / denominator;
    (denominator > 0.0 && ratio.is_finite() && ratio.abs() <= crate::MAX_ARR).then_some(ratio)
}

/// Rule `spend-cap` (seed 002 step 10: "spending no more than 10% of ARR on these teams"):
/// over the cap when the ratio exceeds it, or when there are CSMs and no ARR.
pub fn over_cap(ratio: Option<f64>, cap: f64) -> bool {
    ratio.is_none_or(|r| r > cap + 1e-12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_csm_cost_is_seed_000s() {
        assert_eq!(regional_defaults(Region::Us).csm, 90_000.0);
        assert_eq!(regional_defaults(Region::Eu).csm, 45_000.0);
        assert_eq!(regional_defaults(Region::Latam).csm, 36_000.0);
        assert_eq!(regional_defaults(Region::Us).support, 67_500.0);
        assert_eq!(regional_defaults(Region::Eu).lead, 90_000.0);
        assert_eq!(default_currency(Region::Latam), "BRL");
    }

    #[test]
    fn spend_ratio_and_cap() {
        // 2 CSMs at $90k on $1.5M ARR: 180k / 1.5M = 12% > 10%.
        let r = csm_spend_ratio(2, 90_000.0, 1_500_000.0);
        assert_eq!(r, Some(0.12));
        assert!(over_cap(r, 0.10));
        assert!(!over_cap(Some(0.10), 0.10));
        assert_eq!(csm_spend_ratio(0, 90_000.0, 0.0), Some(0.0));
        assert_eq!(csm_spend_ratio(1, 90_000.0, 0.0), None);
        // ARR that prints as 0 is no ARR.
        assert_eq!(csm_spend_ratio(1, 90_000.0, 1e-18), None);
        assert_eq!(csm_spend_ratio(0, 90_000.0, 0.4), Some(0.0));
        assert_eq!(bounded_ratio(1.0, 4.0), Some(0.25));
        assert_eq!(bounded_ratio(1e16, 1.0), None);
        assert_eq!(bounded_ratio(1.0, 0.0), None);
        assert!(over_cap(None, 0.10));
    }

    #[test]
    fn support_and_onboarding_are_cogs() {
        assert_eq!(cost_line(Role::Support), PnlLine::Cogs);
        assert_eq!(cost_line(Role::Onboarding), PnlLine::Cogs);
        assert_eq!(cost_line(Role::Csm), PnlLine::SalesMarketing);
        assert_eq!(cost_line(Role::Lead), PnlLine::SalesMarketing);
    }
}
