//! Signals a plan flags without changing it: rule `churn-alarm`.

/// Rule `churn-alarm` (2m-per-csm: "if Churn > 2% = Bad, Just Terrible. Well — Maybe … What most
/// matters is that churn is going down, rather than the core absolute value"): monthly logo
/// churn above 2% is flagged.
pub const CHURN_ALARM_MONTHLY: f64 = 0.02;

/// True when a monthly logo churn rate is above the alarm level.
pub fn churn_alarm(monthly_churn: f64) -> bool {
    monthly_churn > CHURN_ALARM_MONTHLY + 1e-12
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
    }
}
