//! The `[health]` settings, validated and with every default applied: which columns hold
//! which signal, how much each signal weighs, where green turns yellow and yellow turns red,
//! and what churn each colour implies.
//!
//! The seeds name the signals (cs-playbook: usage, support interactions, business outcomes, CSAT,
//! time to value; first-cs-org step 5: usage, NPS, whether the customer achieves its desired
//! outcome) but give no weights, thresholds or churn rates: those below are csplan's defaults,
//! labelled as such in `csplan explain` and the README.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;
pub use crate::plan::health::ByColour;

/// A health signal: one column of the accounts file that feeds the score.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Product usage / adoption: a fraction 0..=1, or a count scored against `usage_target`.
    Usage,
    /// Whether the customer achieves its desired outcome (yes / no).
    Outcome,
    /// NPS: an account score −100..=100, or one respondent's 0..=10 rating.
    Nps,
    /// CSAT: 1..=5, or percent satisfied 0..=100.
    Csat,
    /// Support tickets in the period: fewer is healthier.
    Tickets,
    /// Days from signature to first value: shorter is healthier.
    TimeToValue,
}

impl Signal {
    /// Every signal, in the order reports list them (heaviest default weight first).
    pub const ALL: [Signal; 6] = [
        Signal::Usage,
        Signal::Outcome,
        Signal::Nps,
        Signal::Csat,
        Signal::Tickets,
        Signal::TimeToValue,
    ];

    /// The name used in `[health.weights]`, `[health.columns]` and every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Usage => "usage",
            Signal::Outcome => "outcome",
            Signal::Nps => "nps",
            Signal::Csat => "csat",
            Signal::Tickets => "tickets",
            Signal::TimeToValue => "time_to_value",
        }
    }

    /// Position in [`Signal::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One value per signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct BySignal<T> {
    /// Product usage / adoption.
    pub usage: T,
    /// Desired outcome achieved.
    pub outcome: T,
    /// NPS.
    pub nps: T,
    /// CSAT.
    pub csat: T,
    /// Support tickets in the period.
    pub tickets: T,
    /// Time to value, days.
    pub time_to_value: T,
}

impl<T: Copy> BySignal<T> {
    /// The value for `signal`.
    pub fn get(&self, signal: Signal) -> T {
        *self.get_ref(signal)
    }
}

impl<T> BySignal<T> {
    /// A reference to the value for `signal`.
    pub fn get_ref(&self, signal: Signal) -> &T {
        match signal {
            Signal::Usage => &self.usage,
            Signal::Outcome => &self.outcome,
            Signal::Nps => &self.nps,
            Signal::Csat => &self.csat,
            Signal::Tickets => &self.tickets,
            Signal::TimeToValue => &self.time_to_value,
        }
    }

    /// A mutable reference to the value for `signal`.
    pub fn get_mut(&mut self, signal: Signal) -> &mut T {
        match signal {
            Signal::Usage => &mut self.usage,
            Signal::Outcome => &mut self.outcome,
            Signal::Nps => &mut self.nps,
            Signal::Csat => &mut self.csat,
            Signal::Tickets => &mut self.tickets,
            Signal::TimeToValue => &mut self.time_to_value,
        }
    }

    /// Builds one from a function of the signal.
    pub fn from_fn(mut f: impl FnMut(Signal) -> T) -> Self {
        Self {
            usage: f(Signal::Usage),
            outcome: f(Signal::Outcome),
            nps: f(Signal::Nps),
            csat: f(Signal::Csat),
            tickets: f(Signal::Tickets),
            time_to_value: f(Signal::TimeToValue),
        }
    }
}

/// An account's health colour (first-cs-org step 5: percentage green / yellow / red).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// Score at or above `green_at`.
    Green,
    /// Between the two thresholds.
    Yellow,
    /// Score below `red_below`: at risk.
    Red,
}

impl Colour {
    /// Every colour, healthiest first.
    pub const ALL: [Colour; 3] = [Colour::Green, Colour::Yellow, Colour::Red];

    /// `green`, `yellow` or `red`.
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
        }
    }
}

impl std::fmt::Display for Colour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<T> ByColour<T> {
    /// The value for `colour`.
    pub fn get(&self, colour: Colour) -> &T {
        match colour {
            Colour::Green => &self.green,
            Colour::Yellow => &self.yellow,
            Colour::Red => &self.red,
        }
    }

    /// A mutable reference to the value for `colour`.
    pub fn get_mut(&mut self, colour: Colour) -> &mut T {
        match colour {
            Colour::Green => &mut self.green,
            Colour::Yellow => &mut self.yellow,
            Colour::Red => &mut self.red,
        }
    }
}

/// How the `nps` column is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NpsScale {
    /// An account's NPS, −100..=100; scores `(nps + 100) / 200`.
    Score,
    /// One respondent's 0..=10 rating: 9–10 promoter (1), 7–8 passive (0.5), 0–6 detractor (0),
    /// the NPS that one answer gives.
    Rating,
}

/// How the `csat` column is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CsatScale {
    /// A 1..=5 average; scores `(csat − 1) / 4`.
    FivePoint,
    /// Percent of satisfied answers, 0..=100; scores `csat / 100`.
    Percent,
}

/// Column names of the accounts file. Headers match case-insensitively, ignoring spaces
/// around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Account name or id, unique in the file. Required.
    pub account: String,
    /// Segment name (as in the base's `[[segment]]`). Required.
    pub segment: String,
    /// The account's ARR in the plan currency. Required.
    pub arr: String,
    /// One column per signal; by default the signal's name (`time_to_value_days` for time to
    /// value).
    pub signals: BySignal<String>,
    /// Next renewal date, `YYYY-MM-DD`.
    pub renewal_date: String,
    /// Customer since (contract start or go-live), `YYYY-MM-DD`.
    pub start_date: String,
    /// ARR the account could reach (whitespace): above `arr` means room to grow.
    pub potential_arr: String,
}

impl Default for Columns {
    fn default() -> Self {
        Self {
            account: "account".into(),
            segment: "segment".into(),
            arr: "arr".into(),
            signals: BySignal::from_fn(|signal| match signal {
                Signal::TimeToValue => "time_to_value_days".to_string(),
                other => other.as_str().to_string(),
            }),
            renewal_date: "renewal_date".into(),
            start_date: "start_date".into(),
            potential_arr: "potential_arr".into(),
        }
    }
}

/// csplan's default weights (the seeds give none): usage 0.30 and outcome 0.20 first (seed
/// 002 step 5 starts with usage and NPS and adds whether the customer achieves its outcome,
/// since heavy users who miss their outcome still churn), NPS 0.20, then CSAT, tickets and
/// time to value 0.10 each (cs-playbook). They sum to 1.
pub const DEFAULT_WEIGHTS: BySignal<f64> = BySignal {
    usage: 0.30,
    outcome: 0.20,
    nps: 0.20,
    csat: 0.10,
    tickets: 0.10,
    time_to_value: 0.10,
};

/// csplan's default expected annual logo churn by colour (the seeds give none).
pub const DEFAULT_CHURN: ByColour<f64> = ByColour {
    green: 0.05,
    yellow: 0.20,
    red: 0.50,
};

/// The validated `[health]` table, defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthConfig {
    /// The date renewal windows and account ages count from ("today"). `None` when neither
    /// `[health] as_of` nor `[company] start` gives one.
    pub as_of: Option<Date>,
    /// Column names.
    pub columns: Columns,
    /// Weight of each signal, ≥ 0, summing to 1.
    pub weights: BySignal<f64>,
    /// At-risk accounts listed per segment. Default 5.
    pub top_at_risk: usize,
    /// Thresholds, churn by colour and scales, as every report repeats them.
    pub settings: Settings,
}

impl Default for HealthConfig {
    fn default() -> Self {
        Self {
            as_of: None,
            columns: Columns::default(),
            weights: DEFAULT_WEIGHTS,
            top_at_risk: 5,
            settings: Settings::default(),
        }
    }
}

/// The figures a score, a colour, a playbook and a phase rest on; every report repeats them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Settings {
    /// A score at or above this is green. Default 70.
    pub green_at: f64,
    /// A score below this is red. Default 40.
    pub red_below: f64,
    /// Expected annual logo churn by colour, 0..=1, green ≤ yellow ≤ red (rule `health-churn`).
    pub churn: ByColour<f64>,
    /// A renewal within this many days of the as-of date is coming up. Default 90.
    pub renewal_window_days: u32,
    /// Usage scaled below this (0..=1) is low adoption. Default 0.5.
    pub low_usage: f64,
    /// Without `potential_arr`, usage scaled at or above this (0..=1) is room to grow.
    /// Default 0.8.
    pub expansion_usage: f64,
    /// Accounts younger than this many days (by `start_date`) are onboarding. Default 90.
    pub onboarding_days: u32,
    /// When set, usage is a count (e.g. logins per seat a month) and this much scores full;
    /// when `null`, usage is a fraction 0..=1.
    pub usage_target: Option<f64>,
    /// How NPS is written. Default `score`.
    pub nps_scale: NpsScale,
    /// How CSAT is written. Default `five-point`.
    pub csat_scale: CsatScale,
    /// At or below this many tickets in the period the support signal scores full. Default 2.
    pub tickets_good: f64,
    /// At or above this many tickets it scores 0. Default 10.
    pub tickets_bad: f64,
    /// At or below this many days to value the signal scores full. Default 30.
    pub ttv_good_days: f64,
    /// At or above this many days it scores 0. Default 120.
    pub ttv_bad_days: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            green_at: 70.0,
            red_below: 40.0,
            churn: DEFAULT_CHURN,
            renewal_window_days: 90,
            low_usage: 0.5,
            expansion_usage: 0.8,
            onboarding_days: 90,
            usage_target: None,
            nps_scale: NpsScale::Score,
            csat_scale: CsatScale::FivePoint,
            tickets_good: 2.0,
            tickets_bad: 10.0,
            ttv_good_days: 30.0,
            ttv_bad_days: 120.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_weights_sum_to_one() {
        let sum: f64 = Signal::ALL.iter().map(|s| DEFAULT_WEIGHTS.get(*s)).sum();
        assert!((sum - 1.0).abs() < 1e-12, "{sum}");
        for (i, s) in Signal::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }
}
