//! Rule `churn-alarm` (2m-per-csm): revenue churn above 2% a month is flagged once per segment
//! and run of months.

use super::{RuleId, RuleInfo};

/// 2m-per-csm: "if Churn > 2% = Bad, Just Terrible. Well — Maybe … What most matters is that
/// churn is going down, rather than the core absolute value".
pub const MONTHLY: f64 = 0.02;

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::ChurnAlarm,
    id: "churn-alarm",
    source: "2m-per-csm",
    figures: || format!("{:.0}% revenue churn a month", MONTHLY * 100.0),
    summary: || {
        format!(
            "Flags revenue churn (ARR lost in the month / ARR at its start) above {:.0}% a month once per run \
              of months, not on every row: one warning per segment for each run of its alarmed months, \
              with the months inside it where the whole base is above the alarm too. For an smb-only base \
              the flag says it may be acceptable early on; 2m-per-csm: a falling trend matters more than \
              the level.",
            MONTHLY * 100.0
        )
    },
    kpis: None,
};

/// Revenue churn of a month: ARR lost to churn in it / ARR at its start (0 without ARR).
pub fn revenue_churn(churned_arr: f64, arr_before: f64) -> f64 {
    if arr_before > 0.0 {
        churned_arr / arr_before
    } else {
        0.0
    }
}

/// True when a monthly churn rate is above the alarm level.
pub fn churn_alarm(monthly_churn: f64) -> bool {
    monthly_churn > MONTHLY + 1e-12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alarm_is_above_two_percent_a_month() {
        assert!(!churn_alarm(0.02));
        assert!(churn_alarm(0.0201));
        // 25% a year is 2.37% a month: alarmed. 20% a year is 1.84%: not.
        assert!(churn_alarm(crate::projection::monthly_from_annual(0.25)));
        assert!(!churn_alarm(crate::projection::monthly_from_annual(0.20)));
        assert_eq!(revenue_churn(3.0, 100.0), 0.03);
        assert_eq!(revenue_churn(3.0, 0.0), 0.0);
    }
}
