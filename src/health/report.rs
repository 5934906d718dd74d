//! The health report: every account scored, coloured and given its playbook and phase, and
//! the rollups per segment — kept apart, never munged together (first-cs-org step 5) — with one
//! line for the whole file beside them.
//!
//! Like [`crate::plan::Plan`], the report is already rounded: money to whole units, scores to
//! one decimal, shares and rates to four.

use std::cmp::Reverse;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::accounts::{Account, Accounts};
use super::config::{ByColour, Colour, HealthConfig, Settings, Signal};
use super::playbook::{self, Facts, Phase, Playbook};
use super::score;
use crate::format::{round_money, round_to};

/// The health report's `schema_version`.
pub const HEALTH_SCHEMA_VERSION: u32 = 1;

/// What `csplan health` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HealthReport {
    /// Always 1 for this layout.
    pub schema_version: u32,
    /// The csplan that wrote it (`csplan --version`).
    pub csplan_version: String,
    /// The date renewal windows and account ages count from, `YYYY-MM-DD`.
    pub as_of: Option<String>,
    /// Currency label of every amount.
    pub currency: String,
    /// The thresholds, churn mapping and scales used.
    pub settings: Settings,
    /// Each signal: its column, its weight as set and as used.
    pub signals: Vec<SignalUse>,
    /// One rollup per segment, in order of first appearance in the file.
    pub segments: Vec<SegmentHealth>,
    /// The same over the whole file.
    pub totals: Rollup,
    /// Every account, in file order.
    pub accounts: Vec<AccountHealth>,
    /// What the reader should know: missing signals, ignored columns, overdue renewals.
    pub notes: Vec<String>,
}

/// How one signal entered the scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SignalUse {
    /// The signal.
    pub signal: Signal,
    /// The column it is read from.
    pub column: String,
    /// Its weight as set (default or `[health.weights]`).
    pub weight: f64,
    /// Its weight after the weights of absent columns are shared out (0 when absent).
    pub used_weight: f64,
    /// Whether the file has the column.
    pub present: bool,
    /// Accounts whose cell is empty (their weight goes to their other signals).
    pub missing_cells: u32,
}

/// Counts and ARR of one colour.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ColourCount {
    /// Accounts of this colour.
    pub accounts: u32,
    /// Their ARR.
    pub arr: i64,
    /// Share of the accounts.
    pub share: f64,
    /// Share of the ARR; `null` when there is no ARR.
    pub arr_share: Option<f64>,
}

/// Accounts per playbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PlaybookCounts {
    /// Red accounts.
    pub escalation: u32,
    /// Low adoption.
    pub activation_and_usage: u32,
    /// Green with room to grow.
    pub expansion: u32,
    /// No playbook called for.
    pub none: u32,
}

/// Accounts per lifecycle phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct PhaseCounts {
    /// Started less than `onboarding_days` ago.
    pub onboarding: u32,
    /// Usage below `low_usage`.
    pub adoption: u32,
    /// Outcome not (known to be) achieved.
    pub value_realisation: u32,
    /// Renewal within the window or overdue.
    pub renewal: u32,
    /// Outcome achieved.
    pub expansion: u32,
    /// The data shows no phase.
    pub unknown: u32,
}

/// The health of a group of accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rollup {
    /// Accounts.
    pub accounts: u32,
    /// Their ARR.
    pub arr: i64,
    /// Mean score.
    pub mean_score: f64,
    /// Counts and ARR by colour.
    pub colours: ByColour<ColourCount>,
    /// ARR of the red accounts.
    pub arr_at_risk: i64,
    /// Red accounts renewing within the window.
    pub red_renewing: u32,
    /// Their ARR.
    pub red_renewing_arr: i64,
    /// Accounts whose renewal date lies before the as-of date.
    pub overdue_renewals: u32,
    /// Expected annual logo churn from the colour mix: `Σ accounts × churn(colour) / accounts`
    /// (rule `health-churn`).
    pub implied_annual_churn: f64,
    /// ARR expected to churn in a year: `Σ ARR × churn(colour)`.
    pub expected_churned_arr: i64,
    /// Accounts per playbook.
    pub playbooks: PlaybookCounts,
    /// Accounts per phase.
    pub phases: PhaseCounts,
}

/// One segment's health.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SegmentHealth {
    /// Segment name as first written in the file.
    pub name: String,
    /// Its rollup.
    #[serde(flatten)]
    pub rollup: Rollup,
    /// The most at-risk accounts: red before yellow, then larger ARR, then lower score.
    pub top_at_risk: Vec<String>,
    /// Every red account renewing within the window, soonest first.
    pub renewing_red: Vec<String>,
}

/// One account's health.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccountHealth {
    /// Name or id.
    pub account: String,
    /// Segment, as first written in the file.
    pub segment: String,
    /// ARR.
    pub arr: i64,
    /// 0–100, one decimal.
    pub score: f64,
    /// From the score and the thresholds.
    pub colour: Colour,
    /// first-cs-org step 7's playbook to run, if any.
    pub playbook: Option<Playbook>,
    /// cs-playbook's lifecycle phase, where the data shows it.
    pub phase: Option<Phase>,
    /// Each signal's score 0–100; `null` when missing.
    pub signals: super::config::BySignal<Option<f64>>,
    /// Signals whose column exists but whose cell is empty.
    pub missing: Vec<Signal>,
    /// Next renewal, `YYYY-MM-DD`.
    pub renewal_date: Option<String>,
    /// Days from as-of to the renewal (negative: overdue).
    pub days_to_renewal: Option<i64>,
    /// Expected annual churn probability of its colour.
    pub expected_churn: f64,
}

/// Scores every account read and rolls them up.
pub fn build(read: &Accounts, config: &HealthConfig, currency: &str) -> HealthReport {
    let accounts: Vec<AccountHealth> = read
        .accounts
        .iter()
        .map(|a| account(a, read, config))
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); read.segments.len()];
    for (i, a) in read.accounts.iter().enumerate() {
        members[a.segment].push(i);
    }
    let segments = read
        .segments
        .iter()
        .zip(&members)
        .map(|(name, idx)| segment(name, idx, &accounts, config))
        .collect();
    let all: Vec<usize> = (0..accounts.len()).collect();
    HealthReport {
        schema_version: HEALTH_SCHEMA_VERSION,
        csplan_version: crate::CSPLAN_VERSION.to_owned(),
        as_of: config.as_of.map(|d| d.to_string()),
        currency: currency.to_string(),
        settings: config.settings.clone(),
        signals: signals(read, config),
        segments,
        totals: rollup(&all, &accounts, config),
        notes: notes(read, config, &accounts),
        accounts,
    }
}

fn account(a: &Account, read: &Accounts, config: &HealthConfig) -> AccountHealth {
    let score = score::score(&a.scaled, config).unwrap_or(0.0);
    let colour = score::colour(score, config);
    let days_to_renewal = a
        .renewal
        .zip(config.as_of)
        .map(|(renewal, as_of)| as_of.days_until(renewal));
    let facts = Facts {
        colour,
        usage: a.scaled[Signal::Usage.index()],
        outcome: a.scaled[Signal::Outcome.index()].map(|v| v > 0.5),
        arr: a.arr,
        potential_arr: a.potential_arr,
        days_to_renewal,
        days_as_customer: a
            .start
            .zip(config.as_of)
            .map(|(start, as_of)| start.days_until(as_of)),
    };
    AccountHealth {
        account: a.name.clone(),
        segment: read.segments[a.segment].clone(),
        arr: round_money(a.arr),
        score,
        colour,
        playbook: playbook::playbook(&facts, config),
        phase: playbook::phase(&facts, config),
        signals: super::config::BySignal::from_fn(|s| {
            a.scaled[s.index()].map(|v| round_to(100.0 * v, 1))
        }),
        missing: Signal::ALL
            .into_iter()
            .filter(|s| read.signal_columns[s.index()] && a.scaled[s.index()].is_none())
            .collect(),
        renewal_date: a.renewal.map(|d| d.to_string()),
        days_to_renewal,
        expected_churn: *config.settings.churn.get(colour),
    }
}

fn renewing_soon(a: &AccountHealth, config: &HealthConfig) -> bool {
    a.days_to_renewal
        .is_some_and(|d| (0..=i64::from(config.settings.renewal_window_days)).contains(&d))
}

fn segment(
    name: &str,
    members: &[usize],
    accounts: &[AccountHealth],
    config: &HealthConfig,
) -> SegmentHealth {
    let mut at_risk: Vec<&AccountHealth> = members
        .iter()
        .map(|&i| &accounts[i])
        .filter(|a| a.colour != Colour::Green)
        .collect();
    at_risk.sort_by(|a, b| {
        (Reverse(a.colour), Reverse(a.arr))
            .cmp(&(Reverse(b.colour), Reverse(b.arr)))
            .then(a.score.total_cmp(&b.score))
            .then_with(|| a.account.cmp(&b.account))
    });
    let mut renewing: Vec<&AccountHealth> = members
        .iter()
        .map(|&i| &accounts[i])
        .filter(|a| a.colour == Colour::Red && renewing_soon(a, config))
        .collect();
    renewing.sort_by(|a, b| {
        a.days_to_renewal
            .cmp(&b.days_to_renewal)
            .then_with(|| a.account.cmp(&b.account))
    });
    SegmentHealth {
        name: name.to_string(),
        rollup: rollup(members, accounts, config),
        top_at_risk: at_risk
            .iter()
            .take(config.top_at_risk)
            .map(|a| a.account.clone())
            .collect(),
        renewing_red: renewing.iter().map(|a| a.account.clone()).collect(),
    }
}

fn rollup(members: &[usize], accounts: &[AccountHealth], config: &HealthConfig) -> Rollup {
    let mut colours: ByColour<ColourCount> = ByColour::default();
    let mut playbooks = PlaybookCounts::default();
    let mut phases = PhaseCounts::default();
    let (mut arr, mut score_sum, mut churn_sum, mut expected_arr) = (0i64, 0.0, 0.0, 0.0);
    let (mut red_renewing, mut red_renewing_arr, mut overdue) = (0u32, 0i64, 0u32);
    for &i in members {
        let a = &accounts[i];
        let c = colours.get_mut(a.colour);
        c.accounts += 1;
        c.arr += a.arr;
        arr += a.arr;
        score_sum += a.score;
        churn_sum += a.expected_churn;
        expected_arr += a.arr as f64 * a.expected_churn;
        if a.colour == Colour::Red && renewing_soon(a, config) {
            red_renewing += 1;
            red_renewing_arr += a.arr;
        }
        if a.days_to_renewal.is_some_and(|d| d < 0) {
            overdue += 1;
        }
        *match a.playbook {
            Some(Playbook::Escalation) => &mut playbooks.escalation,
            Some(Playbook::ActivationAndUsage) => &mut playbooks.activation_and_usage,
            Some(Playbook::Expansion) => &mut playbooks.expansion,
            None => &mut playbooks.none,
        } += 1;
        *match a.phase {
            Some(Phase::Onboarding) => &mut phases.onboarding,
            Some(Phase::Adoption) => &mut phases.adoption,
            Some(Phase::ValueRealisation) => &mut phases.value_realisation,
            Some(Phase::Renewal) => &mut phases.renewal,
            Some(Phase::Expansion) => &mut phases.expansion,
            None => &mut phases.unknown,
        } += 1;
    }
    let n = members.len() as f64;
    for colour in Colour::ALL {
        let c = colours.get_mut(colour);
        c.share = if n > 0.0 {
            round_to(f64::from(c.accounts) / n, 4)
        } else {
            0.0
        };
        c.arr_share = (arr > 0).then(|| round_to(c.arr as f64 / arr as f64, 4));
    }
    Rollup {
        accounts: members.len() as u32,
        arr,
        mean_score: if n > 0.0 {
            round_to(score_sum / n, 1)
        } else {
            0.0
        },
        arr_at_risk: colours.red.arr,
        colours,
        red_renewing,
        red_renewing_arr,
        overdue_renewals: overdue,
        implied_annual_churn: if n > 0.0 {
            round_to(churn_sum / n, 4)
        } else {
            0.0
        },
        expected_churned_arr: round_money(expected_arr),
        playbooks,
        phases,
    }
}

fn signals(read: &Accounts, config: &HealthConfig) -> Vec<SignalUse> {
    let present_weight: f64 = Signal::ALL
        .iter()
        .filter(|s| read.signal_columns[s.index()])
        .map(|s| config.weights.get(*s))
        .sum();
    Signal::ALL
        .iter()
        .map(|&signal| {
            let present = read.signal_columns[signal.index()];
            let weight = config.weights.get(signal);
            SignalUse {
                signal,
                column: config.columns.signals.get_ref(signal).clone(),
                weight,
                used_weight: if present && present_weight > 0.0 {
                    round_to(weight / present_weight, 4)
                } else {
                    0.0
                },
                present,
                missing_cells: read.missing_cells[signal.index()],
            }
        })
        .collect()
}

fn notes(read: &Accounts, config: &HealthConfig, accounts: &[AccountHealth]) -> Vec<String> {
    let mut notes = Vec::new();
    let absent: Vec<String> = Signal::ALL
        .iter()
        .filter(|s| !read.signal_columns[s.index()] && config.weights.get(**s) > 0.0)
        .map(|s| {
            format!(
                "{s} (no `{}` column, weight {})",
                config.columns.signals.get_ref(*s),
                config.weights.get(*s)
            )
        })
        .collect();
    if !absent.is_empty() {
        notes.push(format!(
            "missing signals: {}; their weight is shared out over the signals present, in proportion",
            absent.join(", ")
        ));
    }
    for signal in Signal::ALL {
        let missing = read.missing_cells[signal.index()];
        if missing > 0 && config.weights.get(signal) > 0.0 {
            notes.push(format!(
                "{signal}: {missing} account{} without a value; each one's {signal} weight is shared out over its other signals",
                if missing == 1 { "" } else { "s" }
            ));
        }
    }
    for signal in Signal::ALL {
        if read.signal_columns[signal.index()] && config.weights.get(signal) == 0.0 {
            notes.push(format!(
                "{signal}: weight 0 in [health.weights]: read but not scored"
            ));
        }
    }
    if !read.ignored_columns.is_empty() {
        let list: Vec<String> = read
            .ignored_columns
            .iter()
            .map(|(column, near)| match near {
                Some(near) => format!("`{column}` (did you mean `{near}`?)"),
                None => format!("`{column}`"),
            })
            .collect();
        notes.push(format!("columns not read: {}", list.join(", ")));
    }
    let overdue = accounts
        .iter()
        .filter(|a| a.days_to_renewal.is_some_and(|d| d < 0))
        .count();
    if overdue > 0 {
        notes.push(format!(
            "{overdue} account{} a renewal date before the as-of date {}: counted in the renewal phase, not in the renewal window",
            if overdue == 1 { " has" } else { "s have" },
            config.as_of.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    notes
}
