//! Rule `complexity` (grow-cs-team): product complexity scales the accounts one CSM carries.

use super::{RuleId, RuleInfo};
use crate::model::Complexity;

/// Accounts per CSM on a simple product, as a multiple of the tier's book.
pub const SIMPLE: f64 = 1.5;
/// On a moderate product.
pub const MODERATE: f64 = 1.0;
/// On a complex product.
pub const COMPLEX: f64 = 0.6;
/// grow-cs-team: "a good rule of thumb is to not assign over 50 accounts" (enterprise and
/// mid-market; 25–30 ideal).
pub const HIGH_TOUCH_MAX_ACCOUNTS: f64 = 50.0;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::Complexity,
    id: "complexity",
    source: "grow-cs-team",
    figures: || {
        format!(
            "simple ×{SIMPLE}, moderate ×{MODERATE:.1}, complex ×{COMPLEX}; enterprise and mid-market never \
             above {HIGH_TOUCH_MAX_ACCOUNTS} accounts (grow-cs-team: not over 50, 25–30 ideal)"
        )
    },
    summary: || {
        format!(
            "Product complexity scales the tier's accounts per CSM: simple ×{SIMPLE}, moderate ×{MODERATE}, \
             complex ×{COMPLEX}; enterprise and mid-market books never above {HIGH_TOUCH_MAX_ACCOUNTS} \
             accounts. An enterprise tier on a complex product carries 14 × {COMPLEX} = 8.4 accounts per CSM."
        )
    },
    kpis: None,
};

/// The factor for `complexity`.
pub fn factor(complexity: Complexity) -> f64 {
    match complexity {
        Complexity::Simple => SIMPLE,
        Complexity::Moderate => MODERATE,
        Complexity::Complex => COMPLEX,
    }
}
