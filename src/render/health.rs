//! Renderers of account health: the `csplan health` report as a table, JSON or CSV, and the
//! lines a plan made with `--accounts` adds to the plan table.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use serde::Serialize;

use crate::format::{grouped, money, percent, push_percent};
use crate::health::{
    AccountHealth, ChurnSource, Colour, HealthReport, HireMove, Rollup, SegmentHealth, Signal,
};
use crate::plan::{Hire, Plan, SegmentAssumption};
use crate::render::csv::inert_cell;

/// An output format of `csplan health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HealthFormat {
    /// The per-segment report for a terminal.
    Table,
    /// The whole report, every account included, as one JSON object.
    Json,
    /// One row per account.
    Csv,
}

/// Renders `report` as `format`.
pub fn render_health(report: &HealthReport, format: HealthFormat) -> String {
    match format {
        HealthFormat::Table => render_health_table(report, crate::render::fit::DEFAULT_WIDTH),
        HealthFormat::Json => super::pretty_json(report),
        HealthFormat::Csv => health_csv(report),
    }
}

/// Columns separated by spaces, one rule under the header, as in the plan table.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction('-'));

/// Red accounts renewing soon listed per segment in the table (JSON and CSV list them all).
const RENEWALS_SHOWN: usize = 10;

/// `gap` spaces after comfy-table's one between columns: 1 normally, 0 to fit a narrow
/// terminal.
fn new_table(header: Vec<&str>, right_from: usize, gap: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.clone());
    // Two spaces between columns and none before the first, like the plan's timeline.
    for i in 0..header.len() {
        if let Some(column) = table.column_mut(i) {
            let last = i + 1 == header.len();
            column.set_padding((0, if last { 0 } else { gap }));
            if i >= right_from {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    table
}

/// Writes the first of the tables `build` makes for each layout that fits `width`.
fn finish<L: Copy>(out: &mut String, width: usize, layouts: &[L], build: impl Fn(L) -> Table) {
    out.push_str(&super::fit::first_fitting(layouts, width, |layout| {
        build(layout).trim_fmt()
    }));
    out.push('\n');
}

/// Two spaces between columns, or one where that is what fits.
const GAPS: [u16; 2] = [1, 0];

/// Writes a line of prose, folded to `width` like the plan's.
fn say(out: &mut String, width: usize, text: &str) {
    out.push_str(&super::grid::fold(text, width));
    out.push('\n');
}

/// The report as a table for a terminal `width` columns wide.
pub fn render_health_table(report: &HealthReport, width: usize) -> String {
    let cur = report.currency.as_str();
    let mut out = String::new();
    let as_of = report
        .as_of
        .as_deref()
        .map(|d| format!(" · as of {d}"))
        .unwrap_or_default();
    say(
        &mut out,
        width,
        &format!(
            "Account health · {} accounts in {} segment{}{as_of} · {cur}",
            grouped(i64::from(report.totals.accounts)),
            report.segments.len(),
            if report.segments.len() == 1 { "" } else { "s" }
        ),
    );
    let used: Vec<String> = report
        .signals
        .iter()
        .filter(|s| s.present && s.used_weight > 0.0)
        .map(|s| format!("{} {}", s.signal, percent(s.used_weight)))
        .collect();
    let absent: Vec<String> = report
        .signals
        .iter()
        .filter(|s| !s.present && s.weight > 0.0)
        .map(|s| format!("{} ({})", s.signal, percent(s.weight)))
        .collect();
    let shared = if absent.is_empty() {
        String::new()
    } else {
        format!("; no column for {}: weight shared out", absent.join(", "))
    };
    say(
        &mut out,
        width,
        &format!("Score (rule health-score): {}{shared}", used.join(" · ")),
    );
    let s = &report.settings;
    say(
        &mut out,
        width,
        &format!(
            "Colours: green at {} or more · red below {} · expected churn a year: green {} · yellow {} · red {} (rule health-churn)",
            s.green_at,
            s.red_below,
            percent(s.churn.green),
            percent(s.churn.yellow),
            percent(s.churn.red)
        ),
    );
    out.push('\n');
    colour_table(report, &mut out, width);
    out.push('\n');
    risk_table(report, &mut out, width);
    let by_name: HashMap<&str, &AccountHealth> = report
        .accounts
        .iter()
        .map(|a| (a.account.as_str(), a))
        .collect();
    for segment in &report.segments {
        out.push('\n');
        segment_detail(
            segment,
            &by_name,
            report.settings.renewal_window_days,
            cur,
            &mut out,
            width,
        );
    }
    if !report.notes.is_empty() {
        say(&mut out, width, "\nNotes:");
        for note in &report.notes {
            say(&mut out, width, &format!("  - {note}"));
        }
    }
    out
}

/// Each segment's rollup, then the whole file's as `all`.
fn rollups(report: &HealthReport) -> impl Iterator<Item = (&str, &Rollup)> {
    report
        .segments
        .iter()
        .map(|s| (s.name.as_str(), &s.rollup))
        .chain(std::iter::once(("all", &report.totals)))
}

/// first-cs-org step 5's view: count and ARR green / yellow / red, each segment apart.
fn colour_table(report: &HealthReport, out: &mut String, width: usize) {
    let cur = report.currency.as_str();
    say(
        out,
        width,
        "Health by segment (first-cs-org step 5: each segment apart):",
    );
    finish(out, width, &GAPS, |gap| {
        let mut table = new_table(
            vec!["Segment", "Colour", "Accounts", "Share", "ARR", "ARR share"],
            2,
            gap,
        );
        for (name, rollup) in rollups(report) {
            for colour in Colour::ALL {
                let c = rollup.colours.get(colour);
                table.add_row(vec![
                    if colour == Colour::Green { name } else { "" }.to_string(),
                    colour.to_string(),
                    grouped(i64::from(c.accounts)),
                    percent(c.share),
                    money(c.arr as f64, cur),
                    c.arr_share.map_or_else(|| "-".to_string(), percent),
                ]);
            }
        }
        table
    });
}

fn risk_table(report: &HealthReport, out: &mut String, width: usize) {
    let cur = report.currency.as_str();
    let window = report.settings.renewal_window_days;
    say(out, width, "Risk by segment:");
    let renewing = format!("Red renewing\nin {window} days");
    finish(out, width, &GAPS, |gap| {
        let mut table = new_table(
            vec![
                "\nSegment",
                "\nAccounts",
                "\nARR",
                "Mean\nscore",
                "At risk\n(red ARR)",
                &renewing,
                "Churn\na year",
                "ARR churn\na year",
            ],
            1,
            gap,
        );
        for (name, r) in rollups(report) {
            table.add_row(risk_row(name, r, cur));
        }
        table
    });
}

fn risk_row(name: &str, r: &Rollup, cur: &str) -> Vec<String> {
    vec![
        name.to_string(),
        grouped(i64::from(r.accounts)),
        money(r.arr as f64, cur),
        format!("{:.1}", r.mean_score),
        money(r.arr_at_risk as f64, cur),
        format!(
            "{} · {}",
            r.red_renewing,
            money(r.red_renewing_arr as f64, cur)
        ),
        percent(r.implied_annual_churn),
        money(r.expected_churned_arr as f64, cur),
    ]
}

fn segment_detail(
    segment: &SegmentHealth,
    by_name: &HashMap<&str, &AccountHealth>,
    window: u32,
    cur: &str,
    out: &mut String,
    width: usize,
) {
    let r = &segment.rollup;
    let at_risk = r.colours.yellow.accounts + r.colours.red.accounts;
    if at_risk == 0 {
        say(
            out,
            width,
            &format!("{}: no yellow or red account.", segment.name),
        );
    } else if segment.top_at_risk.is_empty() {
        say(
            out,
            width,
            &format!(
                "{}: {at_risk} yellow or red accounts, none listed (top_at_risk is 0).",
                segment.name
            ),
        );
    } else {
        say(
            out,
            width,
            &format!(
                "{}: top {} at-risk account{} (red first, then by ARR):",
                segment.name,
                segment.top_at_risk.len(),
                if segment.top_at_risk.len() == 1 {
                    ""
                } else {
                    "s"
                }
            ),
        );
        // Narrow terminals lose the phase column first (the phases are counted below).
        let layouts = [(1, true), (0, true), (0, false)];
        finish(out, width, &layouts, |(gap, phase)| {
            let mut header = vec!["\nAccount", "\nARR", "\nScore", "\nColour", "\nPlaybook"];
            if phase {
                header.push("\nPhase");
            }
            header.push("Renewal\n(days to go)");
            let columns = header.len();
            let mut table = new_table(header, 1, gap);
            for name in &segment.top_at_risk {
                if let Some(a) = by_name.get(name.as_str()) {
                    let mut row = account_row(a, cur);
                    if !phase {
                        row.remove(5);
                    }
                    table.add_row(row);
                }
            }
            for i in 3..columns {
                if let Some(column) = table.column_mut(i) {
                    column.set_cell_alignment(CellAlignment::Left);
                }
            }
            table
        });
    }
    if segment.renewing_red.is_empty() {
        say(
            out,
            width,
            &format!("  Red renewing within {window} days: none"),
        );
    } else {
        let shown: Vec<String> = segment
            .renewing_red
            .iter()
            .take(RENEWALS_SHOWN)
            .filter_map(|name| by_name.get(name.as_str()))
            .map(|a| {
                format!(
                    "{} ({}) renews {}, {}",
                    a.account,
                    money(a.arr as f64, cur),
                    a.renewal_date.as_deref().unwrap_or(""),
                    days(a.days_to_renewal.unwrap_or(0))
                )
            })
            .collect();
        let more = segment.renewing_red.len().saturating_sub(RENEWALS_SHOWN);
        let tail = if more > 0 {
            format!(" · and {more} more (all in --format json or csv)")
        } else {
            String::new()
        };
        say(
            out,
            width,
            &format!(
                "  Red renewing within {window} days: {}{tail}",
                shown.join(" · ")
            ),
        );
    }
    let p = &r.playbooks;
    say(
        out,
        width,
        &format!(
            "  Playbooks (first-cs-org step 7): escalation {} · activation-and-usage {} · expansion {} · none {}",
            p.escalation, p.activation_and_usage, p.expansion, p.none
        ),
    );
    let f = &r.phases;
    say(
        out,
        width,
        &format!(
            "  Phases (cs-playbook): onboarding {} · adoption {} · value-realisation {} · renewal {} · expansion {} · not shown {}",
            f.onboarding, f.adoption, f.value_realisation, f.renewal, f.expansion, f.unknown
        ),
    );
}

fn days(d: i64) -> String {
    match d {
        0 => "today".to_string(),
        d if d < 0 => format!("{}d late", -d),
        d => format!("{d}d"),
    }
}

fn account_row(a: &AccountHealth, cur: &str) -> Vec<String> {
    vec![
        a.account.clone(),
        money(a.arr as f64, cur),
        format!("{:.1}", a.score),
        a.colour.to_string(),
        a.playbook.map_or("-", |p| p.as_str()).to_string(),
        a.phase.map_or("-", |p| p.as_str()).to_string(),
        match (&a.renewal_date, a.days_to_renewal) {
            (Some(date), Some(d)) => format!("{date} ({})", days(d)),
            (Some(date), None) => date.clone(),
            _ => "-".to_string(),
        },
    ]
}

/// One CSV row per account: the score, colour, playbook, phase, renewal and each signal's
/// score.
#[derive(Serialize)]
struct CsvAccount<'a> {
    account: Cow<'a, str>,
    segment: Cow<'a, str>,
    arr: i64,
    score: f64,
    colour: Colour,
    playbook: &'a str,
    phase: &'a str,
    renewal_date: Option<Cow<'a, str>>,
    days_to_renewal: Option<i64>,
    expected_churn: f64,
    usage_score: Option<f64>,
    outcome_score: Option<f64>,
    nps_score: Option<f64>,
    csat_score: Option<f64>,
    tickets_score: Option<f64>,
    time_to_value_score: Option<f64>,
    missing: String,
}

fn health_csv(report: &HealthReport) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for a in &report.accounts {
        let row = CsvAccount {
            // Names from the accounts file: made inert like every CSV text cell.
            account: inert_cell(&a.account),
            segment: inert_cell(&a.segment),
            arr: a.arr,
            score: a.score,
            colour: a.colour,
            playbook: a.playbook.map_or("", |p| p.as_str()),
            phase: a.phase.map_or("", |p| p.as_str()),
            renewal_date: a.renewal_date.as_deref().map(inert_cell),
            days_to_renewal: a.days_to_renewal,
            expected_churn: a.expected_churn,
            usage_score: a.signals.get(Signal::Usage),
            outcome_score: a.signals.get(Signal::Outcome),
            nps_score: a.signals.get(Signal::Nps),
            csat_score: a.signals.get(Signal::Csat),
            tickets_score: a.signals.get(Signal::Tickets),
            time_to_value_score: a.signals.get(Signal::TimeToValue),
            missing: a
                .missing
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(";"),
        };
        writer
            .serialize(row)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("writing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

/// A segment's churn in the plan header, written at the end of `out`: `18.0% churn/yr`, or
/// with `--accounts` `21.3% churn/yr from accounts (typed 18.0%)`.
pub fn push_churn_label(out: &mut String, s: &SegmentAssumption) {
    push_percent(out, s.annual_churn);
    match (s.churn_source, s.typed_annual_churn) {
        (Some(ChurnSource::Accounts), Some(typed)) => {
            out.push_str(" churn/yr from accounts (typed ");
            push_percent(out, typed);
            out.push(')');
        }
        (Some(ChurnSource::Typed), _) => out.push_str(" churn/yr typed (no accounts)"),
        _ => out.push_str(" churn/yr"),
    }
    push_trend_label(out, s);
}

/// SPEC §3 trends in the header: `, churn −10.0% a year (churn_trend)`.
fn push_trend_label(out: &mut String, s: &SegmentAssumption) {
    let signed = |v: f64| {
        let p = percent(v.abs());
        if v < 0.0 {
            format!("−{p}")
        } else {
            format!("+{p}")
        }
    };
    if let Some(g) = s.churn_trend {
        out.push_str(&format!(", churn {} a year (churn_trend)", signed(g)));
    }
    if let Some(p) = s.arpa_growth {
        out.push_str(&format!(
            ", new logos' ARPA {} a year (arpa_growth)",
            signed(p)
        ));
    }
}

/// The health block of a plan made with `--accounts` (nothing otherwise).
pub fn plan_health(plan: &Plan, out: &mut String) {
    let Some(h) = &plan.health else {
        return;
    };
    let cur = plan.currency.as_str();
    let as_of = h
        .as_of
        .as_deref()
        .map(|d| format!(" as of {d}"))
        .unwrap_or_default();
    let c = &h.churn_by_colour;
    let _ = writeln!(
        out,
        "Churn from account health{as_of} (rule health-churn: green {} · yellow {} · red {} a year):",
        percent(c.green),
        percent(c.yellow),
        percent(c.red)
    );
    for s in &h.segments {
        match s.implied_annual_churn {
            Some(implied) => {
                let _ = writeln!(
                    out,
                    "  {}: {} accounts ({} ARR): {} green · {} yellow · {} red, {} at risk → {} churn/yr (typed {})",
                    s.name,
                    grouped(i64::from(s.accounts)),
                    money(s.accounts_arr as f64, cur),
                    s.colours.green,
                    s.colours.yellow,
                    s.colours.red,
                    money(s.arr_at_risk as f64, cur),
                    percent(implied),
                    percent(s.typed_annual_churn)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {}: no accounts in the file → keeps its typed {} churn/yr",
                    s.name,
                    percent(s.typed_annual_churn)
                );
            }
        }
    }
    let removed = h.hires_removed.len();
    let mut moved = format!(
        "  Against the typed churn: {} hire{} moved, {} added, {removed} no longer needed",
        h.hires_moved,
        if h.hires_moved == 1 { "" } else { "s" },
        h.hires_added
    );
    if removed > 0 {
        let list: Vec<String> = h
            .hires_removed
            .iter()
            .map(|hire| {
                let serves = hire
                    .segment
                    .as_deref()
                    .map(|s| format!(" for {s}"))
                    .unwrap_or_default();
                format!("{}{serves} opening {}", hire.role, hire.open)
            })
            .collect();
        moved.push_str(&format!(" ({})", list.join("; ")));
    }
    moved.push_str(if h.hires_moved + h.hires_added > 0 {
        "; marked ◆ below"
    } else {
        ""
    });
    let _ = writeln!(out, "{moved}");
}

/// The mark after a hire that the health data moved: ` ◆ health: 2 months earlier than with
/// the typed churn (2027-07)`, or nothing.
pub fn hire_mark(hire: &Hire) -> String {
    let Some(change) = &hire.health else {
        return String::new();
    };
    match (change.change, change.months, change.typed_open.as_deref()) {
        (HireMove::Added, _, _) => "  ◆ health: not in the plan from the typed churn".to_string(),
        (m, Some(months), Some(typed)) => {
            let n = months.unsigned_abs();
            let word = if m == HireMove::Earlier {
                "earlier"
            } else {
                "later"
            };
            format!(
                "  ◆ health: {n} month{} {word} than with the typed churn ({typed})",
                if n == 1 { "" } else { "s" }
            )
        }
        _ => String::new(),
    }
}
