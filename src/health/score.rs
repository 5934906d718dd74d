//! Rule `health-score` (cs-playbook, first-cs-org step 5): each signal read from its cell and scaled to
//! 0..=1, the weighted mean of the signals an account has as a 0–100 score, and the colour.
//!
//! A signal whose cell is empty does not count as 0: its weight is shared out over the
//! account's other signals (the weights are renormalised), and the account lists it as missing.

use super::config::{Colour, CsatScale, HealthConfig, NpsScale, Signal};
use crate::format::round_to;

/// Largest count csplan reads in a usage, tickets or days cell.
const MAX_COUNT: f64 = 1_000_000.0;

/// Reads one signal's cell (already trimmed, not empty) and scales it to 0..=1, or says what
/// was expected.
pub fn read_signal(signal: Signal, text: &str, config: &HealthConfig) -> Result<f64, String> {
    if signal == Signal::Outcome {
        return read_outcome(text).map(|yes| if yes { 1.0 } else { 0.0 });
    }
    let (min, max) = range(signal, config);
    match read_number(text) {
        Some(value) if (min..=max).contains(&value) => Ok(scale(signal, value, config)),
        Some(_) => Err(format!(
            "out of range: expected {}",
            expected(signal, config)
        )),
        None => Err(format!(
            "not a number: expected {}",
            expected(signal, config)
        )),
    }
}

/// The values a numeric signal's cell may hold.
fn range(signal: Signal, config: &HealthConfig) -> (f64, f64) {
    match signal {
        Signal::Usage if config.settings.usage_target.is_none() => (0.0, 1.0),
        Signal::Usage | Signal::Tickets => (0.0, MAX_COUNT),
        Signal::Nps => match config.settings.nps_scale {
            NpsScale::Score => (-100.0, 100.0),
            NpsScale::Rating => (0.0, 10.0),
        },
        Signal::Csat => match config.settings.csat_scale {
            CsatScale::FivePoint => (1.0, 5.0),
            CsatScale::Percent => (0.0, 100.0),
        },
        Signal::TimeToValue => (0.0, 3650.0),
        Signal::Outcome => (0.0, 1.0),
    }
}

/// What a numeric signal's cell should hold, for messages.
fn expected(signal: Signal, config: &HealthConfig) -> String {
    let (min, max) = range(signal, config);
    match signal {
        Signal::Usage => match config.settings.usage_target {
            None => "a fraction of adoption 0..=1 (0.65 means 65%; for a count such as logins \
                     per seat, set [health] usage_target)"
                .to_string(),
            Some(target) => {
                format!("a usage count {min}..={max} (scored against usage_target = {target})")
            }
        },
        Signal::Nps => match config.settings.nps_scale {
            NpsScale::Score => "an NPS score -100..=100 (for one respondent's 0..10 rating, set \
                                [health] nps_scale = \"rating\")"
                .to_string(),
            NpsScale::Rating => "an NPS rating 0..=10 (nps_scale = \"rating\")".to_string(),
        },
        Signal::Csat => match config.settings.csat_scale {
            CsatScale::FivePoint => {
                "a CSAT of 1..=5 (for percent satisfied, set [health] csat_scale = \"percent\")"
                    .to_string()
            }
            CsatScale::Percent => "a CSAT percent 0..=100 (csat_scale = \"percent\")".to_string(),
        },
        Signal::Tickets => format!("a ticket count {min}..={max}"),
        Signal::TimeToValue => format!("days to value {min}..={max}"),
        Signal::Outcome => "yes or no".to_string(),
    }
}

/// A plain decimal number: digits, an optional sign, point and exponent; never `NaN`, `inf`,
/// a currency symbol or a thousands separator.
pub fn read_number(text: &str) -> Option<f64> {
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !plain || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `yes`/`no` and their usual spellings, case-insensitive.
pub fn read_outcome(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "achieved" => Ok(true),
        "no" | "n" | "false" | "0" | "not achieved" => Ok(false),
        _ => Err("not yes or no: expected yes or no (also y/n, true/false, 1/0)".to_string()),
    }
}

/// A value already in range, scaled to 0..=1 (1 = healthiest).
pub fn scale(signal: Signal, value: f64, config: &HealthConfig) -> f64 {
    match signal {
        Signal::Usage => match config.settings.usage_target {
            None => value,
            Some(target) => (value / target).min(1.0),
        },
        Signal::Outcome => value,
        Signal::Nps => match config.settings.nps_scale {
            NpsScale::Score => (value + 100.0) / 200.0,
            NpsScale::Rating if value >= 9.0 => 1.0,
            NpsScale::Rating if value >= 7.0 => 0.5,
            NpsScale::Rating => 0.0,
        },
        Signal::Csat => match config.settings.csat_scale {
            CsatScale::FivePoint => (value - 1.0) / 4.0,
            CsatScale::Percent => value / 100.0,
        },
        Signal::Tickets => lower_is_better(
            value,
            config.settings.tickets_good,
            config.settings.tickets_bad,
        ),
        Signal::TimeToValue => lower_is_better(
            value,
            config.settings.ttv_good_days,
            config.settings.ttv_bad_days,
        ),
    }
}

/// 1 at or below `good`, 0 at or above `bad`, a straight line between.
fn lower_is_better(value: f64, good: f64, bad: f64) -> f64 {
    if value <= good {
        1.0
    } else if value >= bad {
        0.0
    } else {
        (bad - value) / (bad - good)
    }
}

/// The 0–100 score from the signals an account has (`scaled[i]` for `Signal::ALL[i]`), rounded
/// to one decimal; `None` when none of them carries weight.
pub fn score(scaled: &[Option<f64>; 6], config: &HealthConfig) -> Option<f64> {
    let (mut weighted, mut weight) = (0.0, 0.0);
    for signal in Signal::ALL {
        let w = config.weights.get(signal);
        if let Some(s) = scaled[signal.index()]
            && w > 0.0
        {
            weighted += w * s;
            weight += w;
        }
    }
    (weight > 0.0).then(|| round_to(100.0 * weighted / weight, 1))
}

/// The colour of a (rounded) score: green at or above `green_at`, red below `red_below`.
pub fn colour(score: f64, config: &HealthConfig) -> Colour {
    if score >= config.settings.green_at {
        Colour::Green
    } else if score < config.settings.red_below {
        Colour::Red
    } else {
        Colour::Yellow
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::Settings;

    fn scaled(values: [(Signal, &str); 6], config: &HealthConfig) -> [Option<f64>; 6] {
        let mut out = [None; 6];
        for (signal, text) in values {
            if !text.is_empty() {
                out[signal.index()] = Some(read_signal(signal, text, config).unwrap());
            }
        }
        out
    }

    #[test]
    fn scores_an_account_with_every_signal_by_hand() {
        let config = HealthConfig::default();
        // usage 0.80 → 0.80; outcome yes → 1; NPS 40 → (40 + 100) / 200 = 0.70;
        // CSAT 4.2 → (4.2 − 1) / 4 = 0.80; 4 tickets → (10 − 4) / (10 − 2) = 0.75;
        // 45 days to value → (120 − 45) / (120 − 30) = 0.8333.
        // Weighted: 0.30·0.80 + 0.20·1 + 0.20·0.70 + 0.10·0.80 + 0.10·0.75 + 0.10·0.8333
        //         = 0.24 + 0.20 + 0.14 + 0.08 + 0.075 + 0.08333 = 0.81833 → 81.8, green.
        let s = scaled(
            [
                (Signal::Usage, "0.80"),
                (Signal::Outcome, "yes"),
                (Signal::Nps, "40"),
                (Signal::Csat, "4.2"),
                (Signal::Tickets, "4"),
                (Signal::TimeToValue, "45"),
            ],
            &config,
        );
        let score = score(&s, &config).unwrap();
        assert_eq!(score, 81.8);
        assert_eq!(colour(score, &config), Colour::Green);
    }

    #[test]
    fn a_missing_signal_shares_out_its_weight() {
        let config = HealthConfig::default();
        // Only usage 0.30 and NPS −20 are known: weights 0.30 and 0.20 renormalise to 0.6 and
        // 0.4. NPS −20 → 80 / 200 = 0.40. Score = 0.6·0.30 + 0.4·0.40 = 0.18 + 0.16 = 0.34
        // → 34.0: red (below 40). Counting the missing four as 0 would give 0.09 + 0.08 = 17.
        let s = scaled(
            [
                (Signal::Usage, "0.30"),
                (Signal::Outcome, ""),
                (Signal::Nps, "-20"),
                (Signal::Csat, ""),
                (Signal::Tickets, ""),
                (Signal::TimeToValue, ""),
            ],
            &config,
        );
        let score = score(&s, &config).unwrap();
        assert_eq!(score, 34.0);
        assert_eq!(colour(score, &config), Colour::Red);
        assert_eq!(super::score(&[None; 6], &config), None);
    }

    #[test]
    fn thresholds_are_inclusive_for_green_and_exclusive_for_red() {
        let config = HealthConfig::default();
        assert_eq!(colour(70.0, &config), Colour::Green);
        assert_eq!(colour(69.9, &config), Colour::Yellow);
        assert_eq!(colour(40.0, &config), Colour::Yellow);
        assert_eq!(colour(39.9, &config), Colour::Red);
    }

    #[test]
    fn other_scales_read_as_documented() {
        let config = HealthConfig {
            settings: Settings {
                usage_target: Some(20.0),
                nps_scale: NpsScale::Rating,
                csat_scale: CsatScale::Percent,
                ..Settings::default()
            },
            ..HealthConfig::default()
        };
        // 12 logins per seat against a target of 20 → 0.6; 35 → capped at 1.
        assert_eq!(read_signal(Signal::Usage, "12", &config), Ok(0.6));
        assert_eq!(read_signal(Signal::Usage, "35", &config), Ok(1.0));
        // Ratings: 9–10 promoter, 7–8 passive, 0–6 detractor.
        assert_eq!(read_signal(Signal::Nps, "9", &config), Ok(1.0));
        assert_eq!(read_signal(Signal::Nps, "8", &config), Ok(0.5));
        assert_eq!(read_signal(Signal::Nps, "6", &config), Ok(0.0));
        assert!(read_signal(Signal::Nps, "40", &config).is_err());
        assert_eq!(read_signal(Signal::Csat, "85", &config), Ok(0.85));
        // Tickets and days: full at or below good, 0 at or above bad.
        assert_eq!(read_signal(Signal::Tickets, "2", &config), Ok(1.0));
        assert_eq!(read_signal(Signal::Tickets, "10", &config), Ok(0.0));
        assert_eq!(read_signal(Signal::Tickets, "6", &config), Ok(0.5));
        assert_eq!(read_signal(Signal::TimeToValue, "75", &config), Ok(0.5));
        assert_eq!(read_signal(Signal::Outcome, "No", &config), Ok(0.0));
    }

    #[test]
    fn refuses_values_it_would_have_to_guess() {
        let config = HealthConfig::default();
        for (signal, text) in [
            (Signal::Usage, "65%"),
            (Signal::Usage, "1.5"),
            (Signal::Usage, "NaN"),
            (Signal::Nps, "101"),
            (Signal::Nps, "inf"),
            (Signal::Csat, "0"),
            (Signal::Tickets, "-1"),
            (Signal::Tickets, "1,000"),
            (Signal::TimeToValue, "soon"),
            (Signal::Outcome, "maybe"),
        ] {
            assert!(
                read_signal(signal, text, &config).is_err(),
                "{signal} {text}"
            );
        }
        assert_eq!(read_number("1e3"), Some(1000.0));
        assert_eq!(read_number("$12,000"), None);
        assert_eq!(read_number("."), None);
    }
}
