//! Rule `concentration` (2m-per-csm): a single logo holding more than 10% of ARR is a
//! concentration risk, said once for the plan with the accounts and their share of ARR.

use super::{RuleId, RuleInfo};
use crate::format::{money, percent};

/// csplan default (SPEC §4 `concentration`): one logo above this share of ARR is a risk. At
/// that size a single renewal lost moves the plan's ARR, churn and CSM need by more than most
/// plans' margin (2m-per-csm names such accounts for a CSM of their own: "Just Two Big
/// Customers").
pub const SHARE: f64 = 0.10;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::Concentration,
    id: "concentration",
    source: "2m-per-csm",
    figures: || {
        format!(
            "one logo above {} of ARR (csplan default: a single renewal lost moves the plan)",
            percent(SHARE)
        )
    },
    summary: || {
        "A single logo holding more than its share of ARR is a concentration risk: one warning names the \
              accounts (a segment's logos at its ARPA, or the accounts of --accounts by name) with each \
              one's share of ARR at the start, and at the horizon's end when it is still above.".to_string()
    },
    kpis: None,
};

/// Logos of one size: a segment's logos at its ARPA, or one named account.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    /// How the warning names them: `"Anchor carriers"` (a segment) or `Acme Corp` (an account).
    pub name: String,
    /// True for a named account of the accounts file, false for a segment's logos.
    pub account: bool,
    /// Whole logos of this size (a segment's customers, rounded down; 1 for an account).
    pub logos: u32,
    /// ARR of each logo at the start.
    pub arr_each: f64,
    /// Each logo's share of ARR at the horizon's end, when the plan projects it (segments).
    pub share_at_end: Option<f64>,
}

/// One logo's share of `total_arr` (0 without ARR).
pub fn share(logo_arr: f64, total_arr: f64) -> f64 {
    if total_arr > 0.0 && logo_arr.is_finite() {
        (logo_arr / total_arr).min(1.0)
    } else {
        0.0
    }
}

/// True when one logo's share of ARR is a concentration risk.
pub fn concentrated(share: f64) -> bool {
    share > SHARE + 1e-12
}

/// The holders above the share of `total_arr` at the start, largest logo first (ties in the
/// order given).
pub fn above(holders: &[Holder], total_arr: f64) -> Vec<&Holder> {
    let mut found: Vec<&Holder> = holders
        .iter()
        .filter(|h| h.logos > 0 && concentrated(share(h.arr_each, total_arr)))
        .collect();
    found.sort_by(|a, b| b.arr_each.total_cmp(&a.arr_each));
    found
}

/// The warning's words: each holder with its ARR and share, the accounts' share together, and
/// what one lost renewal does. `end_label` names the horizon's last month.
pub fn message(found: &[&Holder], total_arr: f64, currency: &str, end_label: &str) -> String {
    let mut parts = Vec::with_capacity(found.len());
    let mut logos = 0u64;
    let mut together = 0.0;
    for h in found {
        let each = share(h.arr_each, total_arr);
        logos += u64::from(h.logos);
        together += each * f64::from(h.logos);
        let end = match h.share_at_end {
            Some(end) if concentrated(end) => format!(", {} at {end_label}", percent(end)),
            Some(end) => format!(
                ", under {} by {end_label} ({})",
                percent(SHARE),
                percent(end)
            ),
            None => String::new(),
        };
        let name = if h.account {
            h.name.clone()
        } else {
            format!("\"{}\"", h.name)
        };
        parts.push(if h.logos == 1 {
            format!(
                "{name} {} ({} of ARR{end})",
                money(h.arr_each, currency),
                percent(each)
            )
        } else {
            format!(
                "{name} {} × {} ({} of ARR apiece{end})",
                h.logos,
                money(h.arr_each, currency),
                percent(each)
            )
        });
    }
    let together = if logos > 1 {
        format!("; together {} of ARR", percent(together.min(1.0)))
    } else {
        String::new()
    };
    format!(
        "concentration risk: {} more than {} of ARR at the start: {}{together}; one lost renewal \
         takes its share of ARR at once, whatever the churn rate says",
        if logos == 1 {
            "one logo holds".to_string()
        } else {
            format!("{logos} logos each hold")
        },
        percent(SHARE),
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(name: &str, logos: u32, arr_each: f64) -> Holder {
        Holder {
            name: name.into(),
            account: false,
            logos,
            arr_each,
            share_at_end: None,
        }
    }

    /// Two $400k logos in a $2M base hold 20% each; a $200k logo holds exactly 10%, not above.
    #[test]
    fn a_logo_above_a_tenth_of_arr_is_named() {
        let holders = [
            segment("Small", 100, 10_000.0),
            segment("Anchor", 2, 400_000.0),
            segment("Edge", 1, 200_000.0),
        ];
        let total = 100.0 * 10_000.0 + 2.0 * 400_000.0 + 200_000.0;
        let found = above(&holders, total);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "Anchor");
        let m = message(&found, total, "USD", "2028-12");
        assert!(
            m.contains("2 logos each hold more than 10.0% of ARR")
                && m.contains("\"Anchor\" 2 × $400,000 (20.0% of ARR apiece)"),
            "{m}"
        );
        assert!(m.contains("together 40.0% of ARR"), "{m}");
        assert!(above(&holders, 0.0).is_empty());
    }
}
