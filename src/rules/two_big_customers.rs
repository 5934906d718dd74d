//! Rule `two-big-customers` (2m-per-csm): a CSM for the large accounts as soon as there are two.

use super::{RuleId, RuleInfo, usd};
use crate::format::money;

/// 2m-per-csm: large accounts are "$50-$100k+ ARR".
pub const BIG_CUSTOMER_ARPA_USD: f64 = super::touch_model::ENTERPRISE_ARPA_USD;
/// "as soon as you have Just Two Big Customers".
pub const COUNT: f64 = 2.0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::TwoBigCustomers,
    id: "two-big-customers",
    source: "2m-per-csm",
    figures: || {
        format!(
            "ARPA ≥ {} (2m-per-csm: $50–100k+), {COUNT} customers",
            usd(BIG_CUSTOMER_ARPA_USD)
        )
    },
    summary: || {
        "In the ahead stance, the large accounts' own CSM as soon as there are two of them, before \
              the pooled need calls for one."
            .to_string()
    },
    kpis: Some(super::CSM_KPIS),
};

/// True once there are two big customers.
pub fn two_big_customers(big_customers: f64) -> bool {
    big_customers >= COUNT - 1e-9
}

/// Why the rule holds.
pub fn reason(big_customers: f64, big_customer_arpa: f64, currency: &str) -> String {
    format!(
        "{:.0} customers at {}+ ARPA, and 2m-per-csm hires a CSM for the large accounts as soon as there are two (two-big-customers)",
        big_customers.floor(),
        money(big_customer_arpa, currency)
    )
}
