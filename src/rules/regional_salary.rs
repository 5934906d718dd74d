//! Rule `regional-salary` (when-to-start, 2m-per-csm): default base salaries by region, and the
//! load factor that turns a salary into loaded cost.

use super::{RuleId, RuleInfo};
use crate::model::{Region, Salaries};

/// when-to-start: "Average salary of CSM: US: $90k".
pub const US_CSM: f64 = 90_000.0;
/// "Europe: 45k€".
pub const EU_CSM: f64 = 45_000.0;
/// "South America: R$36k".
pub const LATAM_CSM: f64 = 36_000.0;
/// csplan default: loaded cost = salary × 10/9, which makes the US CSM's $90k salary
/// 2m-per-csm's "$100k or so, all-in" (benefits, taxes, tools).
pub const DEFAULT_LOAD_FACTOR: f64 = 10.0 / 9.0;
/// csplan default: support earns 0.75× a CSM (first-cs-org: support teams sit in lower-cost
/// cities).
pub const SUPPORT_FACTOR: f64 = 0.75;
/// csplan default: onboarding earns 1.0× a CSM.
pub const ONBOARDING_FACTOR: f64 = 1.0;
/// csplan default: a hired head of CS earns 2.0× a CSM.
pub const LEAD_FACTOR: f64 = 2.0;
/// csplan default: a team manager, or the director-level lead promoted from within, earns 1.25×
/// a CSM.
pub const MANAGER_FACTOR: f64 = 1.25;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::RegionalSalary,
    id: "regional-salary",
    source: "when-to-start, 2m-per-csm",
    figures: || {
        format!(
            "CSM base salary us ${}k, eu €{}k, latam R${}k (when-to-start); loaded cost = salary × load_factor, \
             default 10/9 = {:.4} (csplan default: the US CSM's 2m-per-csm \"$100k or so, all-in\"). csplan \
             defaults for other roles: support {SUPPORT_FACTOR}×, onboarding {ONBOARDING_FACTOR:.1}×, head of CS \
             {LEAD_FACTOR:.1}×, team manager or promoted lead {MANAGER_FACTOR}× the regional CSM salary",
            US_CSM / 1000.0,
            EU_CSM / 1000.0,
            LATAM_CSM / 1000.0,
            DEFAULT_LOAD_FACTOR
        )
    },
    summary: "[salaries] holds base salaries; every cost, ratio and break-even uses loaded cost = salary × \
              load_factor. Default salaries and the currency label come from `region`; every figure can be \
              set. The sources' dollar thresholds are converted with usd_rate.",
    kpis: None,
};

/// The default base salaries of `region`, with the default load factor.
pub fn regional_defaults(region: Region) -> Salaries {
    let csm = match region {
        Region::Us => US_CSM,
        Region::Eu => EU_CSM,
        Region::Latam => LATAM_CSM,
    };
    Salaries {
        csm,
        support: csm * SUPPORT_FACTOR,
        onboarding: csm * ONBOARDING_FACTOR,
        lead: csm * LEAD_FACTOR,
        manager: csm * MANAGER_FACTOR,
        load_factor: DEFAULT_LOAD_FACTOR,
    }
}

/// The currency label a region defaults to (SPEC §2).
pub fn default_currency(region: Region) -> &'static str {
    match region {
        Region::Us => "USD",
        Region::Eu => "EUR",
        Region::Latam => "BRL",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    /// SPEC §4: the US CSM's $90k salary at the default load factor is $100,000 loaded; eu
    /// €45,000 at load_factor 1 stays €45,000.
    #[test]
    fn regional_salaries_and_load() {
        let us = regional_defaults(Region::Us);
        assert_eq!(us.csm, 90_000.0);
        assert!((us.of(Role::Csm) - 100_000.0).abs() < 1e-6);
        assert_eq!(us.support, 67_500.0);
        let eu = Salaries {
            load_factor: 1.0,
            ..regional_defaults(Region::Eu)
        };
        assert_eq!(eu.of(Role::Csm), 45_000.0);
        assert_eq!(eu.lead, 90_000.0);
        assert_eq!(regional_defaults(Region::Latam).csm, 36_000.0);
        assert_eq!(default_currency(Region::Latam), "BRL");
    }
}
