//! The diff's four formats, as `csplan plan` has them: a table for the terminal, JSON, CSV (one
//! row per compared period, the JSON fields flattened) and Markdown for a PR comment.

use std::fmt::Write as _;

use super::csv::csv_of;
use super::grid::{Grid, fold, markdown_cell};
use super::{Render, RenderOptions, pretty_json, role_name};
use crate::diff::{Change, DiffSide, FlagChange, PlanDiff, RatioChange};
use crate::format::{money, percent};
use crate::model::Role;

impl Render for PlanDiff {
    fn table(&self, options: RenderOptions) -> String {
        table(self, options.width)
    }

    /// The diff as one JSON object.
    fn json(&self) -> String {
        pretty_json(self)
    }

    /// One row per compared period; columns `arr.old`, `arr.new`, `arr.change`,
    /// `headcount.csm.old`, …; an empty cell where a ratio is `null`.
    fn csv(&self) -> String {
        csv_of(&self.periods)
    }

    fn markdown(&self) -> String {
        markdown(self)
    }
}

/// The diff as Markdown: a heading, the summary and the period table.
fn markdown(diff: &PlanDiff) -> String {
    let mut out = format!("### CS plan diff: {}\n\n", markdown_cell(&diff.new.company));
    for line in summary(diff) {
        let _ = writeln!(out, "- {}", markdown_cell(&line));
    }
    out.push('\n');
    out.push_str(&grid(diff).to_markdown());
    out
}

/// The diff as a table for a terminal `width` columns wide.
fn table(diff: &PlanDiff, width: usize) -> String {
    let period = diff.period.adjective();
    let mut out = format!(
        "Plan diff · {} · {period} · {}\n",
        diff.new.company, diff.currency
    );
    for line in summary(diff) {
        out.push_str(&fold(&format!("{line}\n"), width));
    }
    out.push('\n');
    out.push_str(&grid(diff).to_text(width));
    out
}

/// The summary lines: both sides, the cost over the compared periods, the end state.
fn summary(diff: &PlanDiff) -> Vec<String> {
    let cur = diff.currency.as_str();
    let t = &diff.totals;
    let side = |name: &str, s: &DiffSide| {
        let source = s
            .source
            .as_deref()
            .map(|src| format!("{src} · "))
            .unwrap_or_default();
        format!(
            "{name}: {source}{} · {} stance · {} months ({} to {})",
            s.company, s.stance, s.horizon_months, s.first_period, s.last_period
        )
    };
    let mut lines = vec![side("old", &diff.old), side("new", &diff.new)];
    let pct = t
        .cs_cost_change_pct
        .map_or_else(|| "up from nothing".to_string(), |p| format!("{p:+.1}%"));
    let periods = if t.periods == 1 {
        "the 1 period".to_string()
    } else {
        format!("the {} periods", t.periods)
    };
    lines.push(format!(
        "CS cost over {periods} both plans cover ({} to {}): {} → {}, {} ({pct})",
        t.first_period,
        t.last_period,
        money(t.cs_cost.old as f64, cur),
        money(t.cs_cost.new as f64, cur),
        signed_money(t.cs_cost.change, cur),
    ));
    let roles: Vec<String> = Role::ALL
        .iter()
        .map(|&role| format!("{} {}", role_name(role), arrow(t.end_headcount.get(role))))
        .collect();
    lines.push(format!(
        "At {}: {} · ARR {}",
        t.last_period,
        roles.join(" · "),
        arrow_with(t.end_arr, |v| money(v as f64, cur))
    ));
    lines.push(format!(
        "People starting: {} · periods over the CSM spend cap: {}",
        arrow(t.new_hires),
        arrow(t.periods_over_cap)
    ));
    for (name, periods) in [("old", &diff.only_old), ("new", &diff.only_new)] {
        if let (Some(first), Some(last)) = (periods.first(), periods.last()) {
            lines.push(format!(
                "Only in the {name} plan, not compared: {} period{} ({first} to {last})",
                periods.len(),
                if periods.len() == 1 { "" } else { "s" }
            ));
        }
    }
    let note = super::partial_note(
        diff.period,
        diff.periods
            .iter()
            .map(|p| (p.period.as_str(), p.partial, p.period_months)),
    );
    lines.extend(note);
    lines
}

fn grid(diff: &PlanDiff) -> Grid {
    let cur = diff.currency.as_str();
    let mut grid = Grid::new(&[
        ("Period", false),
        ("CSM", true),
        ("Sup", true),
        ("Onb", true),
        ("Lead", true),
        ("Old CS cost", true),
        ("New CS cost", true),
        ("Change", true),
        ("CSM/ARR", true),
        ("Over cap", false),
    ]);
    for p in &diff.periods {
        grid.push(vec![
            super::period_cell(&p.period, p.partial),
            arrow(p.headcount.csm),
            arrow(p.headcount.support),
            arrow(p.headcount.onboarding),
            arrow(p.headcount.lead),
            money(p.cs_cost.old as f64, cur),
            money(p.cs_cost.new as f64, cur),
            if p.cs_cost.change == 0 {
                String::new()
            } else {
                signed_money(p.cs_cost.change, cur)
            },
            ratio(p.csm_spend_ratio),
            over_cap(p.over_cap),
        ]);
    }
    grid
}

/// `3` when unchanged, `2→3` when changed.
fn arrow(change: Change) -> String {
    arrow_with(change, |v| v.to_string())
}

fn arrow_with(change: Change, show: impl Fn(i64) -> String) -> String {
    if change.old == change.new {
        show(change.new)
    } else {
        format!("{}→{}", show(change.old), show(change.new))
    }
}

fn signed_money(amount: i64, currency: &str) -> String {
    let text = money(amount as f64, currency);
    if amount > 0 { format!("+{text}") } else { text }
}

fn ratio(change: RatioChange) -> String {
    let show = |r: Option<f64>| r.map_or_else(|| "n/a".to_string(), percent);
    if change.old == change.new {
        show(change.new)
    } else {
        format!("{} → {}", show(change.old), show(change.new))
    }
}

fn over_cap(flag: FlagChange) -> String {
    match (flag.old, flag.new) {
        (false, false) => String::new(),
        (true, true) => "yes".to_string(),
        (false, true) => "no → yes".to_string(),
        (true, false) => "yes → no".to_string(),
    }
}
