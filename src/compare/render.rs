//! The stance comparison in the four formats of `csplan plan`. Table and Markdown put the
//! stances in columns, one line per measure; CSV has one row per stance (the JSON fields
//! flattened), which is what a spreadsheet sorts and charts.

use std::fmt::Write as _;

use super::{StanceComparison, StanceSummary};
use crate::format::{money, percent};
use crate::model::Role;
use crate::render::Format;
use crate::render::csv::csv_of;
use crate::render::fit::DEFAULT_WIDTH;
use crate::render::grid::{Grid, fold, markdown_cell};

/// The comparison as a table for a terminal `width` columns wide.
pub fn render_comparison_table(comparison: &StanceComparison, width: usize) -> String {
    let mut out = fold(&heading(comparison), width);
    out.push('\n');
    out.push_str(&grid(comparison).to_text(width));
    out.push('\n');
    for line in trade_offs(comparison) {
        out.push_str(&fold(&format!("{line}\n"), width));
    }
    out
}

/// Renders `comparison` as `format`.
pub fn render_comparison(comparison: &StanceComparison, format: Format) -> String {
    match format {
        Format::Table => render_comparison_table(comparison, DEFAULT_WIDTH),
        Format::Json => {
            let mut out =
                serde_json::to_string_pretty(comparison).expect("a comparison always serializes");
            out.push('\n');
            out
        }
        Format::Csv => csv_of(&comparison.stances),
        Format::Markdown => {
            let mut out = format!(
                "### {}: the three stances side by side\n\n",
                markdown_cell(&comparison.company)
            );
            out.push_str(&markdown_cell(&heading(comparison).replace('\n', " ")));
            out.push_str("\n\n");
            out.push_str(&grid(comparison).to_markdown());
            out.push('\n');
            for line in trade_offs(comparison) {
                let _ = writeln!(out, "- {}", markdown_cell(&line));
            }
            out
        }
    }
}

fn heading(c: &StanceComparison) -> String {
    let cur = c.currency.as_str();
    format!(
        "{} · the three stances side by side · {} months, {} to {} · {cur}\n\
         ARR {} → {} in every stance: the stances change whom csplan hires and when, not the \
         customers.\n",
        c.company,
        c.horizon_months,
        c.first_period,
        c.last_period,
        money(c.start_arr as f64, cur),
        money(c.end_arr as f64, cur)
    )
}

fn grid(c: &StanceComparison) -> Grid {
    let cur = c.currency.as_str();
    let mut header: Vec<(String, bool)> = vec![(String::new(), false)];
    header.extend(c.stances.iter().map(|s| (s.stance.to_string(), true)));
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

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Csm => "CSMs",
        Role::Support => "support",
        Role::Onboarding => "onboarding",
        Role::Lead => "head of CS",
        Role::Manager => "managers",
    }
}

/// Each stance against the leanest: what it costs more, and what it buys.
fn trade_offs(c: &StanceComparison) -> Vec<String> {
    let cur = c.currency.as_str();
    let Some((lean, others)) = c.stances.split_first() else {
        return Vec::new();
    };
    others
        .iter()
        .map(|s| {
            let extra = s.cs_cost.saturating_sub(lean.cs_cost);
            let pct = if lean.cs_cost > 0 {
                format!(" ({:+.1}%)", extra as f64 * 100.0 / lean.cs_cost as f64)
            } else {
                String::new()
            };
            let cost = match extra {
                0 => format!("costs the same as {}", lean.stance),
                e if e > 0 => format!(
                    "costs {} more than {}{pct}",
                    money(e as f64, cur),
                    lean.stance
                ),
                e => format!(
                    "costs {} less than {}{pct}",
                    money(-e as f64, cur),
                    lean.stance
                ),
            };
            let short = i64::from(lean.months_short) - i64::from(s.months_short);
            let short = match short {
                0 => "the same months short of the need".to_string(),
                d if d > 0 => format!("{d} fewer month{} short of the need", plural(d)),
                d => format!("{} more month{} short of the need", -d, plural(-d)),
            };
            let cap = i64::from(s.months_over_cap) - i64::from(lean.months_over_cap);
            let cap = match cap {
                0 => "the same months over the cap".to_string(),
                d if d > 0 => format!("{d} more month{} over the cap", plural(d)),
                d => format!("{} fewer month{} over the cap", -d, plural(-d)),
            };
            let team = match i64::from(s.end_team) - i64::from(lean.end_team) {
                0 => "the same team".to_string(),
                1 => "1 more person".to_string(),
                d if d > 0 => format!("{d} more people"),
                -1 => "1 person fewer".to_string(),
                d => format!("{} people fewer", -d),
            };
            format!(
                "{}: {cost}, with {team} at {}, {short} and {cap}.",
                s.stance, c.last_period
            )
        })
        .collect()
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
