//! Rule `regional-salary` (when-to-start, 2m-per-csm): default base salaries by region, and the
//! load factor that turns a salary into loaded cost.

use super::{RuleId, RuleInfo};
use crate::model::limits::SALARY;
use crate::model::{Region, Salaries};

/// when-to-start: "Average salary of CSM: US: $90k".
pub const US_CSM: f64 = 90_000.0;
/// "Europe: 45k€".
pub const EU_CSM: f64 = 45_000.0;
/// "South America: R$36k".
pub const LATAM_CSM: f64 = 36_000.0;
/// csplan default for the us region: loaded cost = salary × 10/9, which makes the US CSM's $90k
/// salary 2m-per-csm's "$100k or so, all-in" (benefits, taxes, tools).
pub const US_LOAD_FACTOR: f64 = 10.0 / 9.0;
/// csplan default for the eu region: employer social charges of a quarter to a third of salary,
/// plus benefits and tools.
pub const EU_LOAD_FACTOR: f64 = 1.35;
/// csplan default for the latam region: Brazilian employer charges (INSS, FGTS, the 13th salary
/// and holiday bonus) and benefits come close to the salary itself.
pub const LATAM_LOAD_FACTOR: f64 = 1.8;
/// csplan default: support earns 0.75× the base's CSM salary (first-cs-org: support teams sit in
/// lower-cost cities).
pub const SUPPORT_FACTOR: f64 = 0.75;
/// csplan default: onboarding earns 1.0× the base's CSM salary.
pub const ONBOARDING_FACTOR: f64 = 1.0;
/// csplan default: a hired head of CS earns 2.0× the base's CSM salary.
pub const LEAD_FACTOR: f64 = 2.0;
/// csplan default: a team manager, or the director-level lead promoted from within, earns 1.25×
/// the base's CSM salary, so a manager always costs more than the CSMs they lead.
pub const MANAGER_FACTOR: f64 = 1.25;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::RegionalSalary,
    id: "regional-salary",
    source: "when-to-start, 2m-per-csm",
    figures: || {
        format!(
            "CSM base salary us ${}k, eu €{}k, latam R${}k (when-to-start); loaded cost = salary × load_factor, \
             csplan default by region: us 10/9 = {:.4} (the US CSM's 2m-per-csm \"$100k or so, all-in\"), eu \
             {EU_LOAD_FACTOR}, latam {LATAM_LOAD_FACTOR} (employer charges, benefits and tools). csplan defaults \
             for other roles, from the base's CSM salary: support {SUPPORT_FACTOR}×, onboarding \
             {ONBOARDING_FACTOR:.1}×, team manager or promoted lead {MANAGER_FACTOR}×, head of CS \
             {LEAD_FACTOR:.1}×",
            US_CSM / 1000.0,
            EU_CSM / 1000.0,
            LATAM_CSM / 1000.0,
            US_LOAD_FACTOR
        )
    },
    summary: || {
        "[salaries] holds base salaries; every cost, ratio and break-even uses loaded cost = salary × \
              load_factor. The default CSM salary, load factor and currency label come from `region`; the \
              other roles' salaries default to multiples of the base's CSM salary, so raising CSM pay raises \
              theirs. Every figure can be set. The sources' dollar thresholds are converted with usd_rate.".to_string()
    },
    kpis: None,
};

/// The default CSM base salary of `region` (when-to-start).
pub fn default_csm(region: Region) -> f64 {
    match region {
        Region::Us => US_CSM,
        Region::Eu => EU_CSM,
        Region::Latam => LATAM_CSM,
    }
}

/// The default load factor of `region` (csplan default).
pub fn default_load_factor(region: Region) -> f64 {
    match region {
        Region::Us => US_LOAD_FACTOR,
        Region::Eu => EU_LOAD_FACTOR,
        Region::Latam => LATAM_LOAD_FACTOR,
    }
}

/// The default salaries of a base whose CSM earns `csm` in `region`: every other role scaled
/// from that CSM salary, with the region's load factor. A base's explicit keys override each.
/// A scaled figure stays inside the range a salary key allows, so a CSM salary at either end of
/// that range never makes a default the base did not write out of range.
pub fn defaults_from_csm(region: Region, csm: f64) -> Salaries {
    let scaled = |factor: f64| (csm * factor).clamp(SALARY.min, SALARY.max);
    Salaries {
        csm,
        support: scaled(SUPPORT_FACTOR),
        onboarding: scaled(ONBOARDING_FACTOR),
        lead: scaled(LEAD_FACTOR),
        manager: scaled(MANAGER_FACTOR),
        load_factor: default_load_factor(region),
    }
}

/// The default base salaries of `region`, with its default load factor.
pub fn regional_defaults(region: Region) -> Salaries {
    defaults_from_csm(region, default_csm(region))
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

    /// v3: the load factor follows the region, and the other roles follow the base's own CSM
    /// salary. Worked check: a latam CSM's R$36,000 × 1.8 = R$64,800 loaded.
    #[test]
    fn load_factor_by_region_and_roles_from_the_csm_salary() {
        let latam = regional_defaults(Region::Latam);
        assert!((latam.of(Role::Csm) - 64_800.0).abs() < 1e-6);
        assert_eq!(regional_defaults(Region::Eu).load_factor, 1.35);
        assert!((regional_defaults(Region::Us).load_factor - 10.0 / 9.0).abs() < 1e-12);
        let raised = defaults_from_csm(Region::Us, 110_000.0);
        assert_eq!(raised.manager, 137_500.0);
        assert_eq!(raised.lead, 220_000.0);
        assert_eq!(raised.support, 82_500.0);
        assert_eq!(raised.onboarding, 110_000.0);
        assert!(raised.of(Role::Manager) > raised.of(Role::Csm));
        // At the ends of the salary range the scaled defaults stay allowed.
        assert_eq!(
            defaults_from_csm(Region::Us, SALARY.min).support,
            SALARY.min
        );
        assert_eq!(defaults_from_csm(Region::Us, SALARY.max).lead, SALARY.max);
    }
}
