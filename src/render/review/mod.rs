//! The review's four formats: a table for the terminal, JSON (`csplan schema review`), CSV (one
//! row per period and figure) and Markdown for a pull request or a CI job summary.

mod reforecast;

use std::fmt::Write as _;

use reforecast::{
    PARTIAL_LEGEND, REMAINING_LEGEND, any_partial, hire_change_lines, remaining_grid,
};

use super::grid::{Grid, fold, markdown_cell};
use super::{Render, RenderOptions, pretty_json};
use crate::format::{grouped, money, percent};
use crate::model::Role;
use crate::plan::ByRole;
use crate::review::{
    Compared, CostSplit, HireCheck, HireStatus, Outlook, PeriodReview, Review, ReviewPeriod,
};

impl Render for Review {
    fn table(&self, options: RenderOptions) -> String {
        table(self, options.width)
    }

    fn json(&self) -> String {
        pretty_json(self)
    }

    fn csv(&self) -> String {
        csv(self)
    }

    fn markdown(&self) -> String {
        markdown(self)
    }
}

/// One row per period and figure:
/// `period,partial,figure,plan,actual,variance,variance_pct,favourable`, the JSON's numbers
/// (`variance_pct` a fraction); an empty cell where the JSON has `null` or no mark. The CS-cost
/// variance's split follows its row as `cs_cost_volume`, `cs_cost_rate` and `cs_cost_timing`
/// (in the variance column).
fn csv(review: &Review) -> String {
    let mut grid = Grid::new(&[
        ("period", false),
        ("partial", false),
        ("figure", false),
        ("plan", true),
        ("actual", true),
        ("variance", true),
        ("variance_pct", true),
        ("favourable", false),
    ]);
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for p in &review.periods {
        let row = |figure: &str, line: [String; 5]| {
            let [plan, actual, variance, pct, mark] = line;
            vec![
                p.period.clone(),
                p.partial.to_string(),
                figure.to_string(),
                plan,
                actual,
                variance,
                pct,
                mark,
            ]
        };
        for line in lines(p) {
            grid.push(row(
                line.figure,
                [
                    number(line.plan),
                    number(Some(line.actual)),
                    number(line.variance),
                    number(line.variance_pct),
                    line.favourable.map(|f| f.to_string()).unwrap_or_default(),
                ],
            ));
            if line.figure == "cs_cost"
                && let Some(split) = &p.cs_cost_split
            {
                for (name, v) in [
                    ("cs_cost_volume", split.volume),
                    ("cs_cost_rate", split.rate),
                    ("cs_cost_timing", split.timing),
                ] {
                    let mark = if v == 0 {
                        String::new()
                    } else {
                        (v < 0).to_string()
                    };
                    grid.push(row(
                        name,
                        [
                            String::new(),
                            String::new(),
                            v.to_string(),
                            String::new(),
                            mark,
                        ],
                    ));
                }
            }
        }
    }
    grid.to_csv()
}

/// The review as Markdown: the summary, the variances, the hires and the re-forecast.
fn markdown(review: &Review) -> String {
    let mut out = format!(
        "### CS budget review: {}\n\n",
        markdown_cell(&review.company)
    );
    for line in summary(review) {
        let _ = writeln!(out, "- {}", markdown_cell(&line));
    }
    out.push('\n');
    out.push_str(&variance_grid(review).to_markdown());
    let _ = writeln!(out, "\n{}", markdown_cell(&variance_legend(review)));
    if !review.hires.is_empty() {
        out.push_str("\n#### Hires planned against people arrived\n\n");
        out.push_str(&hires_grid(review).to_markdown());
    }
    if let Some(plan) = &review.reforecast {
        let _ = writeln!(
            out,
            "\n#### Re-forecast from {}\n",
            markdown_cell(&review.last)
        );
        for line in hire_change_lines(review) {
            let _ = writeln!(out, "- {}", markdown_cell(&line));
        }
        if review.hire_changes.is_empty() {
            let _ = writeln!(out, "- the approved plan's remaining hires stand");
        }
        let _ = writeln!(out, "\n{}\n", markdown_cell(REMAINING_LEGEND));
        out.push_str(&remaining_grid(review, plan).to_markdown());
        if any_partial(review, plan) {
            let _ = writeln!(out, "\n{}", markdown_cell(PARTIAL_LEGEND));
        }
        for w in reforecast_warnings(plan) {
            let _ = write!(
                out,
                "\n> Re-forecast warning [{}]: {}\n",
                w.rule,
                markdown_cell(&w.message)
            );
        }
    }
    for note in &review.notes {
        let _ = write!(out, "\n> {}\n", markdown_cell(note));
    }
    out
}

/// The review for a terminal `width` columns wide.
fn table(review: &Review, width: usize) -> String {
    let period = match review.period {
        ReviewPeriod::Month => "monthly",
        ReviewPeriod::Quarter => "quarterly",
        ReviewPeriod::Year => "yearly",
    };
    let head = format!(
        "Budget review · {} · {} stance plan",
        review.company, review.stance
    );
    let tail = format!(
        "actuals {} to {} · {period} · {}",
        review.first, review.last, review.currency
    );
    // One line when it fits; else the plan on the first and the actuals on the second.
    let one_line = format!("{head} · {tail}");
    let mut out = if one_line.chars().count() <= width {
        one_line + "\n"
    } else {
        fold(&format!("{head}\n{tail}\n"), width)
    };
    for line in summary(review) {
        out.push_str(&fold(&format!("{line}\n"), width));
    }
    out.push('\n');
    out.push_str(&variance_grid(review).to_text(width));
    out.push_str(&fold(&format!("{}\n", variance_legend(review)), width));
    if !review.hires.is_empty() {
        out.push_str("\nHires planned against people arrived (headcount increases):\n");
        out.push_str(&indent(
            &hires_grid(review).to_text(width.saturating_sub(2)),
        ));
    }
    if let Some(plan) = &review.reforecast {
        let _ = writeln!(
            out,
            "\nRe-forecast from {}: hires against the approved plan",
            review.last
        );
        let changes = hire_change_lines(review);
        if changes.is_empty() {
            out.push_str("  the approved plan's remaining hires stand\n");
        }
        for line in changes {
            out.push_str(&fold(&format!("  {line}\n"), width));
        }
        out.push_str(&fold(&format!("\n{REMAINING_LEGEND}\n"), width));
        // Without the ARR variance column when the whole grid does not fit.
        let remaining = remaining_grid(review, plan);
        let narrow = remaining.without(3);
        out.push_str(&super::fit::first_fitting(
            &[&remaining, &narrow],
            width,
            |g| g.to_text(width),
        ));
        if any_partial(review, plan) {
            out.push_str(&fold(&format!("{PARTIAL_LEGEND}\n"), width));
        }
        for w in reforecast_warnings(plan) {
            out.push_str(&fold(
                &format!("Re-forecast warning [{}]: {}\n", w.rule, w.message),
                width,
            ));
        }
    }
    if !review.notes.is_empty() {
        out.push('\n');
        for note in &review.notes {
            out.push_str(&fold(&format!("Note: {note}\n"), width));
        }
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// The summary lines above the tables: spend, cap, hires, re-forecast, year end.
fn summary(review: &Review) -> Vec<String> {
    let cur = review.currency.as_str();
    let mut lines = Vec::new();
    let s = &review.spend;
    match &s.cs_cost {
        Some(c) => lines.push(format!(
            "CS spend to date ({} month{}): {} against {} planned, {}",
            s.months,
            if s.months == 1 { "" } else { "s" },
            money(c.actual as f64, cur),
            c.plan
                .map_or("nothing".to_string(), |p| money(p as f64, cur)),
            variance_text(c.variance.map(|v| v as f64), c.variance_pct, |v| {
                money(v, cur)
            }) + &c
                .favourable
                .map_or_else(String::new, |f| format!(", {}", mark_word(Some(f))))
                + &s.cs_cost_split
                    .filter(|_| c.variance.is_some_and(|v| v != 0))
                    .map_or_else(String::new, |split| format!(
                        ": {}",
                        split_text(&split, cur)
                    ))
        )),
        None => lines.push("CS spend to date: the actuals give no cs_cost".to_string()),
    }
    if let (Some(at), Some(r)) = (&s.ratio_at, &s.csm_spend_ratio) {
        lines.push(format!(
            "CSM spend at {at}: {} of ARR (plan {}), cap {}; {} month{} of actuals over the cap, \
             {} in the plan",
            percent(r.actual),
            r.plan.map_or("-".to_string(), percent),
            percent(s.csm_spend_cap),
            s.months_over_cap,
            if s.months_over_cap == 1 { "" } else { "s" },
            s.plan_months_over_cap
        ));
    }
    if !review.hires.is_empty() || !review.departures.is_empty() {
        let count = |status: HireStatus| review.hires.iter().filter(|h| h.status == status).count();
        let mut line = format!(
            "Hires due by {}: {} on time, {} late, {} missing; {} early, {} unplanned",
            review.last,
            count(HireStatus::OnTime),
            count(HireStatus::Late),
            count(HireStatus::Missing),
            count(HireStatus::Early),
            count(HireStatus::Unplanned)
        );
        let backfills = count(HireStatus::Backfill);
        if backfills > 0 {
            let _ = write!(
                line,
                ", {backfills} backfill{}",
                if backfills == 1 { "" } else { "s" }
            );
        }
        if !review.departures.is_empty() {
            let left: Vec<String> = review
                .departures
                .iter()
                .map(|d| format!("{} {} in {}", d.people, role_name(d.role), d.period))
                .collect();
            let _ = write!(line, "; left: {}", left.join(", "));
        }
        lines.push(line);
    }
    if let Some(b) = &review.reforecast_basis {
        let as_planned = if b.team_as_planned.is_empty() {
            String::new()
        } else {
            let roles: Vec<&str> = b.team_as_planned.iter().map(|&r| role_name(r)).collect();
            format!(" ({} as planned: no actuals)", roles.join(", "))
        };
        lines.push(format!(
            "Re-forecast from {}: every segment's logos ×{:.4}, ARR ×{:.4}; team {}{as_planned}",
            b.from,
            b.customers_factor,
            b.arr_factor,
            team(&b.team)
        ));
    }
    if let Some(c) = &review.reforecast_change {
        let mut line = format!(
            "Re-forecast of the {} months left: CS cost {}; people in CS at the end {}; months over \
             the cap {}",
            c.months,
            outlook(&c.cs_cost, |v| money(v as f64, cur)),
            outlook(&c.people, |v| v.to_string()),
            outlook(&c.months_over_cap, |v| v.to_string()),
        );
        if c.months_over_cap.reforecast > 0 {
            line.push_str(
                "; to hold it to the cap, plan it with `csplan plan --within-budget` and review \
                 against that plan",
            );
        }
        lines.push(line);
    }
    if let Some(y) = &review.year_end {
        lines.push(format!(
            "{} at {}, approved → re-forecast: ARR {}; CSMs {}; people in CS {}; CS cost {}",
            y.period,
            y.through,
            outlook(&y.arr, |v| money(v as f64, cur)),
            outlook(&y.csm, |v| v.to_string()),
            outlook(
                &Outlook {
                    plan: y.csm.plan + y.support.plan + y.onboarding.plan + y.lead.plan,
                    reforecast: y.csm.reforecast
                        + y.support.reforecast
                        + y.onboarding.reforecast
                        + y.lead.reforecast,
                    change: 0,
                    change_pct: None,
                },
                |v| v.to_string()
            ),
            outlook(&y.cs_cost, |v| money(v as f64, cur)),
        ));
    }
    lines
}

fn team(team: &ByRole<u32>) -> String {
    Role::ALL
        .iter()
        .map(|&r| format!("{} {}", team.get(r), role_name(r)))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(super) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Csm => "CSM",
        Role::Support => "support",
        Role::Onboarding => "onboarding",
        Role::Lead => "head of CS",
        Role::Manager => "managers",
    }
}

/// `$4,511,159 → $4,320,000 (−4.2%)`, or `5` when both sides agree.
fn outlook(o: &Outlook<i64>, show: impl Fn(i64) -> String) -> String {
    if o.plan == o.reforecast {
        return format!("{} as planned", show(o.plan));
    }
    let pct = o
        .change_pct
        .map_or_else(String::new, |p| format!(" ({})", signed_pct(p)));
    format!("{} → {}{pct}", show(o.plan), show(o.reforecast))
}

/// A fraction of plan as a signed percent: `0.0667` is `+6.7%`.
fn signed_pct(fraction: f64) -> String {
    let p = fraction * 100.0;
    if (p * 10.0).round() == 0.0 {
        // Not `-0.0%` for a fraction a hair under zero.
        "0.0%".to_string()
    } else if p > 0.0 {
        format!("+{p:.1}%")
    } else {
        format!("{p:.1}%")
    }
}

/// `favourable`, `unfavourable`, or nothing without a mark.
fn mark_word(favourable: Option<bool>) -> &'static str {
    match favourable {
        Some(true) => "favourable",
        Some(false) => "unfavourable",
        None => "",
    }
}

/// `volume -$25,000 · rate -$4,301 · timing -$8,000`.
fn split_text(split: &CostSplit, currency: &str) -> String {
    let part = |v: i64| {
        let sign = if v > 0 { "+" } else { "" };
        format!("{sign}{}", money(v as f64, currency))
    };
    format!(
        "volume (headcount) {} · rate (cost per head) {} · timing (hires early or late) {}",
        part(split.volume),
        part(split.rate),
        part(split.timing)
    )
}

/// `-$12,500 (-3.1%)`, `+2`, or `as planned`.
fn variance_text(variance: Option<f64>, pct: Option<f64>, show: impl Fn(f64) -> String) -> String {
    match variance {
        None => "no plan figure".to_string(),
        Some(0.0) => "as planned".to_string(),
        Some(v) => {
            let sign = if v > 0.0 { "+" } else { "" };
            let pct = pct.map_or_else(String::new, |p| format!(" ({})", signed_pct(p)));
            format!("{sign}{}{pct}", show(v))
        }
    }
}

/// One compared figure of a period, as numbers and as text.
struct Line {
    figure: &'static str,
    plan: Option<f64>,
    actual: f64,
    variance: Option<f64>,
    variance_pct: Option<f64>,
    favourable: Option<bool>,
    kind: Kind,
}

#[derive(Clone, Copy)]
enum Kind {
    Count,
    People,
    Money,
    Ratio,
}

/// The compared figures of a period, in the review's order.
fn lines(p: &PeriodReview) -> Vec<Line> {
    fn whole(figure: &'static str, c: &Option<Compared<i64>>, kind: Kind) -> Option<Line> {
        c.map(|c| Line {
            figure,
            plan: c.plan.map(|v| v as f64),
            actual: c.actual as f64,
            variance: c.variance.map(|v| v as f64),
            variance_pct: c.variance_pct,
            favourable: c.favourable,
            kind,
        })
    }
    fn fraction(figure: &'static str, c: &Option<Compared<f64>>, kind: Kind) -> Option<Line> {
        c.map(|c| Line {
            figure,
            plan: c.plan,
            actual: c.actual,
            variance: c.variance,
            variance_pct: c.variance_pct,
            favourable: c.favourable,
            kind,
        })
    }
    [
        fraction("customers", &p.customers, Kind::Count),
        whole("arr", &p.arr, Kind::Money),
        whole("csm", &p.csm, Kind::People),
        whole("support", &p.support, Kind::People),
        whole("onboarding", &p.onboarding, Kind::People),
        whole("lead", &p.lead, Kind::People),
        whole("managers", &p.managers, Kind::People),
        whole("cs_cost", &p.cs_cost, Kind::Money),
        fraction("csm_spend_ratio", &p.csm_spend_ratio, Kind::Ratio),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn show(kind: Kind, value: f64, currency: &str) -> String {
    match kind {
        Kind::Count => format!("{value:.0}"),
        Kind::People => grouped(value as i64),
        Kind::Money => money(value, currency),
        Kind::Ratio => percent(value),
    }
}

fn figure_label(figure: &str) -> &str {
    match figure {
        "customers" => "Logos",
        "arr" => "ARR",
        "csm" => "CSMs",
        "support" => "Support",
        "onboarding" => "Onboarding",
        "lead" => "Head of CS",
        "managers" => "Managers",
        "cs_cost" => "CS cost",
        _ => "CSM/ARR",
    }
}

fn variance_grid(review: &Review) -> Grid {
    let cur = review.currency.as_str();
    let mut grid = Grid::new(&[
        ("Period", false),
        ("Figure", false),
        ("Plan", true),
        ("Actual", true),
        ("Variance", true),
        ("%", true),
        ("", false),
        ("", false),
    ]);
    for p in &review.periods {
        let partial = p.partial.then(|| {
            format!(
                "* {} of {} months, to {}",
                p.months, p.plan_months, p.through
            )
        });
        for (i, line) in lines(p).into_iter().enumerate() {
            let kind = line.kind;
            // A variance that rounds to nothing at the printed precision (a tenth of a point,
            // a whole logo) prints as 0 and is neither favourable nor unfavourable; the JSON
            // keeps the exact figure and its mark.
            let printed = line.variance.map(|v| shown_variance(kind, v));
            let variance = match (&printed, kind) {
                (None, _) => "-".to_string(),
                (Some(None), Kind::Ratio) => "0.0 pt".to_string(),
                (Some(None), _) => show(kind, 0.0, cur),
                (Some(Some(v)), Kind::Ratio) => format!("{:+.1} pt", v * 100.0),
                (Some(Some(v)), _) => {
                    let sign = if *v > 0.0 { "+" } else { "" };
                    format!("{sign}{}", show(kind, *v, cur))
                }
            };
            let mark = match (line.favourable, &printed) {
                (_, Some(None)) | (None, _) => "",
                (Some(true), _) => "fav",
                (Some(false), _) => "unfav",
            };
            let flag = match (line.figure, p.over_cap) {
                ("csm_spend_ratio", Some(true)) => "over cap".to_string(),
                _ if i == 0 => partial.clone().unwrap_or_default(),
                _ => String::new(),
            };
            grid.push(vec![
                if i == 0 {
                    period_label(p)
                } else {
                    String::new()
                },
                figure_label(line.figure).to_string(),
                line.plan.map_or("-".to_string(), |v| show(kind, v, cur)),
                show(kind, line.actual, cur),
                variance,
                // A ratio's variance is in points; a percent of a percent would mislead.
                match kind {
                    Kind::Ratio => String::new(),
                    _ => line.variance_pct.map_or("-".to_string(), signed_pct),
                },
                mark.to_string(),
                flag,
            ]);
        }
    }
    grid
}

/// The variance `v` as the table prints it, `None` when that rounds to zero: ratios to a tenth of
/// a point, logos to a whole one; money and people are whole already.
fn shown_variance(kind: Kind, v: f64) -> Option<f64> {
    let printed = match kind {
        Kind::Ratio => (v * 1_000.0).round(),
        Kind::Count => v.round(),
        Kind::Money | Kind::People => v,
    };
    (printed != 0.0).then_some(v)
}

/// The re-forecast's warnings about its months (cap, budget, staff short or idle, churn), not
/// the assumptions the approved plan already stated.
fn reforecast_warnings(plan: &crate::plan::Plan) -> impl Iterator<Item = &crate::plan::Warning> {
    plan.warnings
        .iter()
        .filter(|w| w.kind != crate::plan::WarningKind::Assumption)
}

/// What the marks of the variance grid mean.
fn variance_legend(review: &Review) -> String {
    let mut legend = String::from(
        "fav / unfav: favourable or unfavourable to plan (cost under plan, ARR and logos above it)",
    );
    if review.periods.iter().any(|p| p.partial) {
        legend.push_str(" · * the actuals cover the period only in part");
    }
    legend
}

/// A period's label, `FY2028-Q2*` when the actuals cover it only in part.
fn period_label(p: &PeriodReview) -> String {
    if p.partial {
        format!("{}*", p.period)
    } else {
        p.period.clone()
    }
}

fn hire_status(h: &HireCheck) -> String {
    let months = |n: i64| format!("{n} month{}", if n.abs() == 1 { "" } else { "s" });
    match (h.status, h.months_late) {
        (HireStatus::OnTime, _) => "on time".to_string(),
        (HireStatus::Early, Some(n)) => format!("early by {}", months(-n)),
        (HireStatus::Late, Some(n)) => format!("late by {}", months(n)),
        (HireStatus::Missing, Some(n)) => format!("missing, {} overdue", months(n)),
        (HireStatus::Unplanned, _) => "unplanned".to_string(),
        (HireStatus::Backfill, _) => "backfill: replaces a person who left".to_string(),
        (status, _) => format!("{status:?}").to_lowercase(),
    }
}

fn hires_grid(review: &Review) -> Grid {
    let mut grid = Grid::new(&[
        ("Role", false),
        ("Segment", false),
        ("Opens", false),
        ("Starts", false),
        ("Arrived", false),
        ("Status", false),
    ]);
    // People alike (role, segment, months and status) make one row with a count, `3 × csm`:
    // headcounts that jump by thousands do not print a line per person.
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for h in &review.hires {
        let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
        let row = vec![
            role_name(h.role).to_string(),
            dash(&h.segment),
            dash(&h.planned_open),
            dash(&h.planned_start),
            dash(&h.arrived),
            hire_status(h),
        ];
        match rows.last_mut() {
            Some((count, last)) if *last == row => *count += 1,
            _ => rows.push((1, row)),
        }
    }
    for (count, mut row) in rows {
        if count > 1 {
            row[0] = format!("{count} × {}", row[0]);
        }
        grid.push(row);
    }
    grid
}
