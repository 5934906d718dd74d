//! Rule `max-load` (cs-playbook, grow-cs-team): a CSM may carry up to `max_load` times the
//! rules' book before the next CSM is needed; enterprise and mid-market books never pass 50.

use super::{RuleId, RuleInfo, complexity, whole_people};

/// csplan default for `[company] max_load`: a CSM may carry 120% of the rules' book.
/// cs-playbook's ranges sit about ±20% around KeyBanc's figures (30–50 around 40), and
/// grow-cs-team hires "when a CSM trends toward 75 accounts" against 25–30 ideal.
pub const DEFAULT_MAX_LOAD: f64 = 1.2;
/// The book of an enterprise or mid-market CSM never passes this many accounts, whatever the
/// load (grow-cs-team: "not assign over 50 accounts").
pub const HIGH_TOUCH_MAX_BOOK: f64 = complexity::HIGH_TOUCH_MAX_ACCOUNTS;

/// v3, csplan default: a CSM is hired only for a need that lasts this many months after their
/// start; a need the projection shows falling back sooner is carried as overload.
pub const LASTING_MONTHS: usize = 6;

/// The CSM headcount worth hiring per month: `required[t]` only where it holds for the
/// [`LASTING_MONTHS`] after t (the least of `required[t..=t + 6]`), so no CSM is hired for a
/// need that falls back within six months of their start. A need still rising at the end of
/// the projection is taken as lasting.
pub fn lasting(required: &[u32]) -> Vec<u32> {
    (0..required.len())
        .map(|t| {
            let end = (t + LASTING_MONTHS).min(required.len() - 1);
            required[t..=end].iter().copied().min().unwrap_or(0)
        })
        .collect()
}

/// The warning on months carried as overload because the need falls back within six months.
pub fn overload_message(span: &str, most_load: f64, max_load: f64) -> String {
    format!(
        "no CSM is hired for a need that falls back within {LASTING_MONTHS} months of their start: the CSMs in \
         post carry up to {:.0}% of a book {span} (a CSM may carry up to {:.0}%, max-load), and the plan flags \
         those months short instead",
        most_load * 100.0,
        max_load * 100.0
    )
}

/// The record `csplan explain` prints.
pub const RULE: RuleInfo = RuleInfo {
    rule: RuleId::MaxLoad,
    id: "max-load",
    source: "cs-playbook, grow-cs-team",
    figures: || {
        format!(
            "max_load {DEFAULT_MAX_LOAD} (csplan default inside cs-playbook's ranges, e.g. 30–50 around KeyBanc's 40); \
             enterprise and mid-market books never above {HIGH_TOUCH_MAX_BOOK} accounts"
        )
    },
    summary: || {
        format!(
            "A CSM may carry up to max_load (default {DEFAULT_MAX_LOAD}) times the rules' book before the next \
             CSM is needed: planned CSMs = ceil(need / max_load), and no enterprise or mid-market CSM carries \
             more than {HIGH_TOUCH_MAX_BOOK} accounts. At the default, a need of 1.01 FTE with one CSM hires no \
             one; 1.25 hires the second. No CSM is hired for a need that the projection shows falling back \
             within {LASTING_MONTHS} months of their start (no new logos, annual renewals, a shrinking base): \
             the plan flags the months of overload instead. A month is understaffed when staff × max_load < \
             need."
        )
    },
    kpis: None,
};

/// CSMs a tier needs at `max_load`: `need / max_load`, and at least `high_touch_customers / 50`
/// (the enterprise and mid-market logos on rule-derived books). In FTE, before rounding.
pub fn loaded_need(need: f64, max_load: f64, high_touch_customers: f64) -> f64 {
    (need / max_load).max(high_touch_customers / HIGH_TOUCH_MAX_BOOK)
}

/// Whole CSMs for a need at `max_load`: `ceil(need / max_load)`.
pub fn planned_csms(need: f64, max_load: f64) -> u32 {
    whole_people(need / max_load)
}

/// True when `staff` CSMs at `max_load` carry less than `need`.
pub fn understaffed(staff: f64, need: f64, max_load: f64) -> bool {
    staff * max_load + 1e-9 < need
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Complexity, Stance, Tier};
    use crate::rules::{accounts_per_csm, arr_per_csm, touch_model};

    /// v3: a step in the need that falls back within six months is not hired for; one that
    /// lasts is, and one still rising at the end of the projection is taken as lasting.
    #[test]
    fn no_hire_for_a_need_that_falls_back_within_six_months() {
        // 2 CSMs needed in months 1-4 only, then 1: keep 1.
        let passing = [1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1];
        assert_eq!(lasting(&passing), vec![1; 12]);
        // 2 needed from month 1 for good: hire in month 1.
        let lasting_need = [1, 2, 2, 2, 2, 2, 2, 2, 2, 2];
        assert_eq!(lasting(&lasting_need), lasting_need.to_vec());
        // Exactly six months after the start at 2, then back: not hired (t..=t+6 holds a 1).
        let six = [1, 2, 2, 2, 2, 2, 2, 1, 1, 1];
        assert_eq!(lasting(&six)[1], 1);
        // Seven months at 2: hired.
        let seven = [1, 2, 2, 2, 2, 2, 2, 2, 1, 1];
        assert_eq!(lasting(&seven)[1], 2);
        // Rising at the end: lasting.
        assert_eq!(lasting(&[1, 1, 1, 2, 3]), vec![1, 1, 1, 2, 3]);
    }

    /// SPEC §4: a need of 1.01 FTE with one CSM on staff: 1.01 / 1.2 = 0.84 → 1, no hire.
    /// A need of 1.25: 1.25 / 1.2 = 1.04 → 2, a second CSM.
    #[test]
    fn worked_example_no_hire_for_a_hundredth() {
        assert_eq!(planned_csms(1.01, DEFAULT_MAX_LOAD), 1);
        assert!(!understaffed(1.0, 1.01, DEFAULT_MAX_LOAD));
        assert_eq!(planned_csms(1.25, DEFAULT_MAX_LOAD), 2);
        assert!(understaffed(1.0, 1.25, DEFAULT_MAX_LOAD));
    }

    fn need(tier: Tier, complexity: Complexity, customers: f64, arpa: f64) -> f64 {
        let per_csm = arr_per_csm::arr_per_csm(Stance::Balanced, 1.0);
        let (accounts, _) =
            accounts_per_csm::accounts_per_csm(tier, complexity, None, arpa, per_csm).unwrap();
        arr_per_csm::csm_need(customers * arpa, customers, per_csm, Some(accounts)).0
    }

    /// SPEC §4: one mid-market segment (moderate), 80 logos at $20k ARPA ($1.6M ARR):
    /// need = max(1.6M / 2M, 80 / 40) = max(0.8, 2.0) = 2.0 FTE; 2.0 / 1.2 = 1.67 → 2 CSMs.
    #[test]
    fn worked_example_mid_market() {
        let tier = touch_model::touch_model(20_000.0);
        assert_eq!(tier, Tier::MidMarket);
        let need = need(tier, Complexity::Moderate, 80.0, 20_000.0);
        assert_eq!(need, 2.0);
        assert_eq!(planned_csms(need, DEFAULT_MAX_LOAD), 2);
    }

    /// SPEC §4: one smb segment, 400 logos at $5k ($2M ARR): accounts per CSM
    /// max(100, 2M / 5k) = 400; need = max(2M / 2M, 400 / 400) = max(1.0, 1.0) = 1 CSM.
    #[test]
    fn worked_example_smb_pooled() {
        let tier = touch_model::touch_model(5_000.0);
        assert_eq!(tier, Tier::Smb);
        let need = need(tier, Complexity::Moderate, 400.0, 5_000.0);
        assert_eq!(need, 1.0);
        assert_eq!(planned_csms(need, DEFAULT_MAX_LOAD), 1);
    }

    /// SPEC §4: one smb segment, 3,000 logos at $1,200 ($3.6M ARR, simple): accounts per CSM
    /// max(100, 2M / 1,200 = 1,667) × 1.5 = 2,500; need = max(3.6M / 2M, 3,000 / 2,500) =
    /// max(1.8, 1.2) = 1.8 FTE; 1.8 / 1.2 = 1.5 → 2 CSMs; at $100k loaded, $200k = 5.6% of ARR.
    #[test]
    fn worked_example_self_serve_smb() {
        let tier = touch_model::touch_model(1_200.0);
        assert_eq!(tier, Tier::Smb);
        let need = need(tier, Complexity::Simple, 3_000.0, 1_200.0);
        assert!((need - 1.8).abs() < 1e-12);
        let csms = planned_csms(need, DEFAULT_MAX_LOAD);
        assert_eq!(csms, 2);
        let ratio = f64::from(csms) * 100_000.0 / 3_600_000.0;
        assert!((ratio - 0.0556).abs() < 1e-4);
    }

    /// SPEC §4: one enterprise segment (complex), 20 logos at $100k ($2M ARR): 14 × 0.6 = 8.4
    /// accounts per CSM, need = max(1.0, 20 / 8.4 = 2.38) = 2.38 FTE; 2.38 / 1.2 = 1.98 → 2
    /// CSMs, 10 accounts each (under the 50-account ceiling).
    #[test]
    fn worked_example_complex_enterprise() {
        let tier = touch_model::touch_model(100_000.0);
        assert_eq!(tier, Tier::Enterprise);
        let need = need(tier, Complexity::Complex, 20.0, 100_000.0);
        assert!((need - 2.380_952).abs() < 1e-6);
        let loaded = loaded_need(need, DEFAULT_MAX_LOAD, 20.0);
        assert!((loaded - 1.984).abs() < 1e-3);
        assert_eq!(whole_people(loaded), 2);
        assert_eq!(20.0 / 2.0, 10.0);
    }

    /// 120 mid-market logos on a simple product: book 50 (capped), need 2.4, 2.4 / 1.2 = 2.0;
    /// but 120 / 50 = 2.4 → 3 CSMs: no book passes 50 accounts.
    #[test]
    fn high_touch_books_never_pass_fifty() {
        let need = need(Tier::MidMarket, Complexity::Simple, 120.0, 20_000.0);
        assert!((need - 2.4).abs() < 1e-12);
        assert_eq!(whole_people(loaded_need(need, DEFAULT_MAX_LOAD, 120.0)), 3);
    }
}
