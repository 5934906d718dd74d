//! Checks of `[health]`: ranges, thresholds in order, weights that sum to 1, distinct column
//! names. Every problem points at its line, like the rest of the base.

use toml::Spanned;

use super::{Checker, Table};
use crate::health::{ByColour, BySignal, Colour, Date, HealthConfig, Settings, Signal};
use crate::input::raw::{RawHealth, RawHealthColumns};
use crate::month::YearMonth;

/// How far the weights may sum from 1 (three decimals as typed, e.g. 0.333 × 3).
const WEIGHT_SUM_TOLERANCE: f64 = 0.0015;

impl Checker<'_> {
    /// `[health]` with defaults applied; `start` gives the default as-of date.
    pub(super) fn health(&mut self, raw: &RawHealth, start: Option<YearMonth>) -> HealthConfig {
        let d = Settings::default();
        let t = &Table::Health("");
        let as_of = match &raw.as_of {
            Some(value) => match value.get_ref().trim().parse::<Date>() {
                Ok(date) => Some(date),
                Err(e) => {
                    let message = format!("as_of = \"{}\" is not a date: {e}", value.get_ref());
                    self.report(t, "as_of", value.span(), message);
                    None
                }
            },
            None => start.map(Date::first_of),
        };
        let green_at = self.number(t, "green_at", &raw.green_at);
        let red_below = self.number(t, "red_below", &raw.red_below);
        let (green_at, red_below) = (
            green_at.unwrap_or(d.green_at),
            red_below.unwrap_or(d.red_below),
        );
        if red_below > green_at {
            self.out_of_order(
                t,
                ("red_below", &raw.red_below, red_below),
                ("green_at", &raw.green_at, green_at),
                "must not be above",
            );
        }
        let (tickets_good, tickets_bad) = self.good_bad(
            t,
            "tickets",
            (&raw.tickets_good, &raw.tickets_bad),
            (d.tickets_good, d.tickets_bad),
        );
        let (ttv_good_days, ttv_bad_days) = self.good_bad(
            t,
            "ttv",
            (&raw.ttv_good_days, &raw.ttv_bad_days),
            (d.ttv_good_days, d.ttv_bad_days),
        );
        let days = |check: &mut Self, key: &str, value: &Option<Spanned<i64>>, default: u32| {
            check.integer(t, key, value).unwrap_or(default)
        };
        let settings = Settings {
            green_at,
            red_below,
            churn: self.health_churn(raw),
            renewal_window_days: days(
                self,
                "renewal_window_days",
                &raw.renewal_window_days,
                d.renewal_window_days,
            ),
            low_usage: self
                .number(t, "low_usage", &raw.low_usage)
                .unwrap_or(d.low_usage),
            expansion_usage: self
                .number(t, "expansion_usage", &raw.expansion_usage)
                .unwrap_or(d.expansion_usage),
            onboarding_days: days(
                self,
                "onboarding_days",
                &raw.onboarding_days,
                d.onboarding_days,
            ),
            usage_target: self.number(t, "usage_target", &raw.usage_target),
            nps_scale: raw.nps_scale.as_ref().map_or(d.nps_scale, |s| *s.get_ref()),
            csat_scale: raw
                .csat_scale
                .as_ref()
                .map_or(d.csat_scale, |s| *s.get_ref()),
            tickets_good,
            tickets_bad,
            ttv_good_days,
            ttv_bad_days,
        };
        HealthConfig {
            as_of,
            columns: self.health_columns(&raw.columns),
            weights: self.health_weights(raw),
            top_at_risk: self
                .integer(t, "top_at_risk", &raw.top_at_risk)
                .map_or(HealthConfig::default().top_at_risk, |n| n as usize),
            settings,
        }
    }

    /// A `*_good` / `*_bad` pair: both in their keys' range, bad above good.
    fn good_bad(
        &mut self,
        t: &Table,
        prefix: &str,
        (good, bad): (&Option<Spanned<f64>>, &Option<Spanned<f64>>),
        defaults: (f64, f64),
    ) -> (f64, f64) {
        let suffix = if prefix == "ttv" { "_days" } else { "" };
        let good_key = format!("{prefix}_good{suffix}");
        let bad_key = format!("{prefix}_bad{suffix}");
        let g = self.number(t, &good_key, good).unwrap_or(defaults.0);
        let b = self.number(t, &bad_key, bad).unwrap_or(defaults.1);
        if b <= g {
            self.out_of_order(t, (&good_key, good, g), (&bad_key, bad, b), "must be below");
            return defaults;
        }
        (g, b)
    }

    /// `low_key = low` should lie below `high_key = high` (`relation` says how); reported at
    /// whichever was given (the low one when both were).
    fn out_of_order(
        &mut self,
        t: &Table,
        (low_key, low_value, low): (&str, &Option<Spanned<f64>>, f64),
        (high_key, high_value, high): (&str, &Option<Spanned<f64>>, f64),
        relation: &str,
    ) {
        let (key, span) = match (low_value, high_value) {
            (Some(v), _) => (low_key, v.span()),
            (None, Some(v)) => (high_key, v.span()),
            (None, None) => return,
        };
        self.report(
            t,
            key,
            span,
            format!("{low_key} = {low} {relation} {high_key} = {high}"),
        );
    }

    fn health_columns(&mut self, raw: &RawHealthColumns) -> crate::health::Columns {
        let t = &Table::Health("columns");
        let mut columns = crate::health::Columns::default();
        let mut given: Vec<(&str, &Spanned<String>)> = Vec::new();
        let fields: [(&str, &Option<Spanned<String>>, &mut String); 6] = [
            ("account", &raw.account, &mut columns.account),
            ("segment", &raw.segment, &mut columns.segment),
            ("arr", &raw.arr, &mut columns.arr),
            ("renewal_date", &raw.renewal_date, &mut columns.renewal_date),
            ("start_date", &raw.start_date, &mut columns.start_date),
            (
                "potential_arr",
                &raw.potential_arr,
                &mut columns.potential_arr,
            ),
        ];
        for (key, value, slot) in fields {
            if let Some(value) = value {
                *slot = self.text(t, key, value, 100);
                given.push((key, value));
            }
        }
        let signal_raw = BySignal {
            usage: &raw.usage,
            outcome: &raw.outcome,
            nps: &raw.nps,
            csat: &raw.csat,
            tickets: &raw.tickets,
            time_to_value: &raw.time_to_value,
        };
        for signal in Signal::ALL {
            if let Some(value) = signal_raw.get(signal) {
                *columns.signals.get_mut(signal) = self.text(t, signal.as_str(), value, 100);
                given.push((signal.as_str(), value));
            }
        }
        // Two keys naming one column would read one cell as two things.
        let mut names: Vec<(&str, String)> = vec![
            ("account", columns.account.to_lowercase()),
            ("segment", columns.segment.to_lowercase()),
            ("arr", columns.arr.to_lowercase()),
            ("renewal_date", columns.renewal_date.to_lowercase()),
            ("start_date", columns.start_date.to_lowercase()),
            ("potential_arr", columns.potential_arr.to_lowercase()),
        ];
        names.extend(
            Signal::ALL
                .iter()
                .map(|s| (s.as_str(), columns.signals.get_ref(*s).to_lowercase())),
        );
        for (key, value) in &given {
            let mine = value.get_ref().trim().to_lowercase();
            // Of two keys given the same column, only the later one is reported.
            let reported = |other: &str| {
                given
                    .iter()
                    .find(|(k, _)| *k == other)
                    .is_none_or(|(_, v)| v.span().start < value.span().start)
            };
            let clash = names
                .iter()
                .find(|(k, n)| k != key && *n == mine && reported(k));
            if let Some((other, _)) = clash {
                self.report(
                    t,
                    key,
                    value.span(),
                    format!(
                        "{key} = \"{}\" is also the column of {other}: each column feeds one key",
                        value.get_ref()
                    ),
                );
            }
        }
        columns
    }

    fn health_weights(&mut self, raw: &RawHealth) -> BySignal<f64> {
        let Some(weights) = &raw.weights else {
            return crate::health::DEFAULT_WEIGHTS;
        };
        let t = &Table::Health("weights");
        let w = weights.get_ref();
        let given = BySignal {
            usage: &w.usage,
            outcome: &w.outcome,
            nps: &w.nps,
            csat: &w.csat,
            tickets: &w.tickets,
            time_to_value: &w.time_to_value,
        };
        let before = self.diagnostics.len();
        let values = BySignal::from_fn(|s| self.number(t, s.as_str(), given.get(s)).unwrap_or(0.0));
        let sum: f64 = Signal::ALL.iter().map(|s| values.get(*s)).sum();
        if self.diagnostics.len() == before && (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
            let listed: Vec<String> = Signal::ALL
                .iter()
                .filter(|s| given.get(**s).is_some())
                .map(|s| format!("{s} {}", values.get(*s)))
                .collect();
            self.report_table(
                t,
                weights.span(),
                format!(
                    "weights sum to {} ({}), not 1: signals left out weigh 0; make the weights add up to 1",
                    crate::format::round_to(sum, 4),
                    listed.join(" + ")
                ),
            );
        }
        values
    }

    fn health_churn(&mut self, raw: &RawHealth) -> ByColour<f64> {
        let mut churn = crate::health::DEFAULT_CHURN;
        let Some(given) = &raw.churn else {
            return churn;
        };
        let t = &Table::Health("churn");
        let c = given.get_ref();
        let values = [
            (Colour::Green, &c.green),
            (Colour::Yellow, &c.yellow),
            (Colour::Red, &c.red),
        ];
        for (colour, value) in values {
            if let Some(v) = self.number(t, colour.as_str(), value) {
                *churn.get_mut(colour) = v;
            }
        }
        let ordered = churn.green <= churn.yellow && churn.yellow <= churn.red;
        if !ordered {
            self.report_table(
                t,
                given.span(),
                format!(
                    "churn green {} / yellow {} / red {} is out of order: a healthier colour cannot churn more \
                     (green <= yellow <= red)",
                    churn.green, churn.yellow, churn.red
                ),
            );
        }
        churn
    }
}
