//! The stance comparison in the four formats of `csplan plan`. Table and Markdown put the
//! stances in columns, one line per measure, then the trade-offs the comparison carries; CSV
//! has one row per stance (the JSON fields flattened), which is what a spreadsheet sorts and
//! charts.

use std::fmt::Write as _;

use super::csv::csv_of;
use super::grid::{Grid, fold, markdown_cell};
use super::{Render, RenderOptions, pretty_json, role_name};
use crate::compare::{StanceComparison, StanceSummary, StanceTradeOff};
use crate::format::{money, percent};
use crate::model::Role;

impl Render for StanceComparison {
    /// The comparison as a table for a terminal `options.width` columns wide.
    fn table(&self, options: RenderOptions) -> String {
        let width = options.width;
        let mut out = fold(&heading(self), width);
        out.push('\n');
        out.push_str(&grid(self).to_text(width));
        out.push('\n');
        for line in trade_off_lines(self) {
            out.push_str(&fold(&format!("{line}\n"), width));
        }
        if let Some(note) = risk_note(self) {
            out.push_str(&fold(&format!("{note}\n"), width));
        }
        out
    }

    fn json(&self) -> String {
        pretty_json(self)
    }

    fn csv(&self) -> String {
        csv_of(&self.stances)
    }

    fn markdown(&self) -> String {
        let mut out = format!(
            "### {}: {}\n\n",
            markdown_cell(&self.company),
            side_by_side(self)
        );
        out.push_str(&markdown_cell(&heading(self).replace('\n', " ")));
        out.push_str("\n\n");
        out.push_str(&grid(self).to_markdown());
        out.push('\n');
        for line in trade_off_lines(self) {
            let _ = writeln!(out, "- {}", markdown_cell(&line));
        }
        if let Some(note) = risk_note(self) {
            let _ = writeln!(out, "\n{}", markdown_cell(&note));
        }
        out
    }
}

/// Rule `coverage-response` measures each stance's books against its own need: where the stances
/// size books differently and some go uncovered, say so, or `ahead` looks riskier for hiring more.
fn risk_note(c: &StanceComparison) -> Option<String> {
    let sizes: Vec<i64> = c.stances.iter().map(|s| s.arr_per_csm).collect();
    let differ = sizes.iter().any(|&a| a != sizes[0]);
    if !differ || c.stances.iter().all(|s| s.peak_arr_at_risk == 0) {
        return None;
    }
    let cur = c.currency.as_str();
    let each: Vec<String> = c
        .stances
        .iter()
        .filter(|s| !s.within_budget)
        .map(|s| format!("{} {}", s.stance, money(s.arr_per_csm as f64, cur)))
        .collect();
    Some(format!(
        "ARR at risk counts the books each stance's own rules leave uncovered, and the stances size \
         books differently (ARR per CSM: {}): a stance that hires ahead measures its team against \
         a larger need.",
        each.join(", ")
    ))
}

/// Whether every stance ends with the same ARR: always without a claim, whose churn follows
/// each stance's coverage (rule coverage-response).
fn same_end_arr(c: &StanceComparison) -> bool {
    c.stances.iter().all(|s| s.end_arr == c.end_arr)
}

fn heading(c: &StanceComparison) -> String {
    let cur = c.currency.as_str();
    let arr = if same_end_arr(c) {
        format!(
            "ARR {} → {} in every stance: the stances change whom csplan hires and when, not the \
             customers.",
            money(c.start_arr as f64, cur),
            money(c.end_arr as f64, cur)
        )
    } else {
        format!(
            "ARR {} at the start; churn follows each stance's CSM coverage (cs_churn_reduction / \
             cs_expansion_share, rule coverage-response), so each ends with its own ARR.",
            money(c.start_arr as f64, cur)
        )
    };
    format!(
        "{} · {} · {} months, {} to {} · {cur}\n{arr}\n",
        c.company,
        side_by_side(c),
        c.horizon_months,
        c.first_period,
        c.last_period,
    )
}

/// `the three stances side by side`, and the fitted plan when there is one.
fn side_by_side(c: &StanceComparison) -> &'static str {
    if c.stances.iter().any(|s| s.within_budget) {
        "the three stances and the plan within budget side by side"
    } else {
        "the three stances side by side"
    }
}

fn grid(c: &StanceComparison) -> Grid {
    let cur = c.currency.as_str();
    let mut header: Vec<(String, bool)> = vec![(String::new(), false)];
    header.extend(c.stances.iter().map(|s| (s.label(), true)));
    let header: Vec<(&str, bool)> = header.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    let mut grid = Grid::new(&header);
    let mut line = |label: String, cell: &dyn Fn(&StanceSummary) -> String| {
        let mut row = vec![label];
        row.extend(c.stances.iter().map(cell));
        grid.push(row);
    };
    line("ARR per CSM".into(), &|s| money(s.arr_per_csm as f64, cur));
    line("Hires in the horizon".into(), &|s| {
        s.hires_total.to_string()
    });
    for role in Role::ALL {
        line(format!("  {}", role_name(role)), &move |s| {
            s.hires.get(role).to_string()
        });
    }
    line(format!("Team at {}", c.last_period), &|s| {
        s.end_team.to_string()
    });
    line("  CSMs in post".into(), &|s| {
        s.end_headcount.csm.to_string()
    });
    line(format!("CS cost over {} months", c.horizon_months), &|s| {
        money(s.cs_cost as f64, cur)
    });
    line("ARR at risk at its most".into(), &|s| {
        money(s.peak_arr_at_risk as f64, cur)
    });
    line("  churning a year".into(), &|s| {
        money(s.peak_churned_arr_at_risk as f64, cur)
    });
    line("Months with books uncovered".into(), &|s| {
        s.months_at_risk.to_string()
    });
    if c.stances.iter().any(|s| s.shortfall_arr_cost.is_some()) {
        line(
            format!("ARR the shortfall costs by {}", c.last_period),
            &|s| money(s.shortfall_arr_cost.unwrap_or(0) as f64, cur),
        );
    }
    if !same_end_arr(c) {
        line(format!("ARR at {}", c.last_period), &|s| {
            money(s.end_arr as f64, cur)
        });
    }
    line(
        format!("Months over the {} cap", percent(c.csm_spend_cap)),
        &|s| s.months_over_cap.to_string(),
    );
    line("Months short of the need".into(), &|s| {
        s.months_short.to_string()
    });
    line("First CSM hire starts".into(), &|s| {
        s.first_csm_start.clone().unwrap_or_else(|| "-".into())
    });
    line(format!("CSM spend at {}", c.last_period), &|s| {
        s.end_csm_spend_ratio
            .map_or_else(|| "n/a".to_string(), percent)
    });
    grid
}

/// Each of the comparison's trade-offs as a sentence.
fn trade_off_lines(c: &StanceComparison) -> Vec<String> {
    c.trade_offs
        .iter()
        .map(|t| trade_off_line(t, c.currency.as_str(), &c.last_period))
        .collect()
}

/// `balanced: costs $120,000 more than lean (+12.5%), with 2 more people at 2028-06, …`.
fn trade_off_line(t: &StanceTradeOff, currency: &str, last_period: &str) -> String {
    let lean = t.against;
    let pct = t
        .cs_cost_change_pct
        .map(|p| format!(" ({p:+.1}%)"))
        .unwrap_or_default();
    let cost = match t.cs_cost_change {
        0 => format!("costs the same as {lean}"),
        e if e > 0 => format!("costs {} more than {lean}{pct}", money(e as f64, currency)),
        e => format!(
            "costs {} less than {lean}{pct}",
            money(-(e as f64), currency)
        ),
    };
    let short = match -t.months_short_change {
        0 => "the same months short of the need".to_string(),
        d if d > 0 => format!("{d} fewer month{} short of the need", plural(d)),
        d => format!("{} more month{} short of the need", -d, plural(-d)),
    };
    let cap = match t.months_over_cap_change {
        0 => "the same months over the cap".to_string(),
        d if d > 0 => format!("{d} more month{} over the cap", plural(d)),
        d => format!("{} fewer month{} over the cap", -d, plural(-d)),
    };
    let team = match t.end_team_change {
        0 => "the same team".to_string(),
        1 => "1 more person".to_string(),
        d if d > 0 => format!("{d} more people"),
        -1 => "1 person fewer".to_string(),
        d => format!("{} people fewer", -d),
    };
    format!(
        "{}: {cost}, with {team} at {last_period}, {short} and {cap}.",
        t.label()
    )
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
