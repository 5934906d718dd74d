//! Renderers: each takes a finished result — a [`Plan`], a
//! [`PlanDiff`](crate::diff::PlanDiff), a [`StanceComparison`](crate::compare::StanceComparison),
//! a [`Review`](crate::review::Review), a [`Simulation`](crate::simulate::Simulation) — and only
//! formats it. Every one of them prints in the four text formats through one trait,
//! [`Render`]; the plan also draws a chart and a workbook, the health report its own three
//! formats.

mod budget;
mod chart;
mod compare;
pub(crate) mod csv;
mod decision;
mod diff;
pub mod fit;
pub(crate) mod grid;
mod health;
mod json;
mod markdown;
mod review;
mod simulation;
pub mod size;
mod table;
pub mod xlsx;

pub use chart::{render_chart, render_chart_png};
pub use csv::{inert_cell, render_csv, write_csv};
pub use health::{HealthFormat, render_health, render_health_table};
pub use json::{render_json, write_json};
pub use markdown::render_markdown;
pub use table::{render_table, render_table_with};

use crate::plan::{PeriodKind, Plan};

/// An output format of `csplan plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A header block, one row per period, and the hires with their rules.
    Table,
    /// The plan as one JSON object (SPEC §5).
    Json,
    /// The timeline flattened: a header row, then one row per period (RFC 4180).
    Csv,
    /// A Markdown section for a pull-request comment.
    Markdown,
}

/// How to render, beyond the format. The caller decides (the library never looks at the
/// terminal), so the same plan and options always give the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Colour the table with ANSI escapes (the other formats ignore it).
    pub colour: bool,
    /// Columns the table and its prose fit (at least [`fit::MIN_WIDTH`]; default
    /// [`fit::DEFAULT_WIDTH`]); the machine formats ignore it.
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            colour: false,
            width: fit::DEFAULT_WIDTH,
        }
    }
}

/// A result csplan prints in each text [`Format`]. The binary picks the format with
/// [`render_with`]; a new kind of result implements the four methods, and a new text format is
/// one more method here and one more [`Format`].
pub trait Render {
    /// A table for a terminal `options.width` columns wide; coloured when `options.colour`
    /// (only the plan has colour).
    fn table(&self, options: RenderOptions) -> String;
    /// The result as one pretty-printed JSON object, newline-terminated.
    fn json(&self) -> String;
    /// CSV (RFC 4180): a header row, then one record per row of the result.
    fn csv(&self) -> String;
    /// A Markdown section for a pull request or a CI job summary.
    fn markdown(&self) -> String;
}

/// Renders `result` as `format`, without colour, at the default width.
pub fn render<R: Render + ?Sized>(result: &R, format: Format) -> String {
    render_with(result, format, RenderOptions::default())
}

/// Renders `result` as `format` with `options`.
pub fn render_with<R: Render + ?Sized>(
    result: &R,
    format: Format,
    options: RenderOptions,
) -> String {
    match format {
        Format::Table => result.table(options),
        Format::Json => result.json(),
        Format::Csv => result.csv(),
        Format::Markdown => result.markdown(),
    }
}

impl Render for Plan {
    fn table(&self, options: RenderOptions) -> String {
        render_table_with(self, options)
    }

    fn json(&self) -> String {
        render_json(self)
    }

    fn csv(&self) -> String {
        render_csv(self)
    }

    fn markdown(&self) -> String {
        render_markdown(self)
    }
}

/// `value` as pretty-printed JSON with a final newline: the JSON of every result but the
/// plan's.
pub(crate) fn pretty_json(value: &impl serde::Serialize) -> String {
    let mut out = serde_json::to_string_pretty(value).expect("csplan's results always serialize");
    out.push('\n');
    out
}

/// A role's name in the prose of a diff and of a stance comparison: `CSMs`, `support`, …,
/// `head of CS`.
pub(crate) fn role_name(role: crate::model::Role) -> &'static str {
    role.team_name()
}

/// Writes `plan` as `format` with `options` into `out`: the same bytes as [`render_with`], with
/// JSON and CSV written as they are made rather than built as one string first. Give it a
/// buffered writer; the only errors are the writer's.
pub fn write_with(
    plan: &Plan,
    format: Format,
    options: RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => write_json(plan, out),
        Format::Csv => write_csv(plan, out),
        Format::Table | Format::Markdown => {
            out.write_all(render_with(plan, format, options).as_bytes())
        }
    }
}

/// `18 months from 2027-01 · monthly`: the plan's span as the table and Markdown headers say it.
pub(crate) fn span(plan: &Plan) -> String {
    let from = plan
        .assumptions
        .start
        .as_deref()
        .map(|s| format!(" from {s}"))
        .unwrap_or_default();
    let period = plan.period.adjective();
    format!(
        "{} months{from} · {period}",
        plan.assumptions.horizon_months
    )
}

/// The plan's partial-period line (see [`partial_note`]), newline-terminated, or nothing.
pub(crate) fn plan_partial_line(plan: &Plan) -> String {
    partial_note(
        plan.period,
        plan.timeline
            .iter()
            .map(|r| (r.period.as_str(), r.partial, r.period_months)),
    )
    .map(|note| format!("{note}\n"))
    .unwrap_or_default()
}

/// A period's label as a table cell: `2027-Q1*` when the period is partial.
pub(crate) fn period_cell(period: &str, partial: bool) -> String {
    if partial {
        format!("{period}*")
    } else {
        period.to_string()
    }
}

/// `Partial periods (*): 2027-Q1 holds 2 of 3 months`: which periods the plan starts or ends
/// inside, for the lines above a table that marks them with `*`; `None` when none is.
pub(crate) fn partial_note<'a>(
    kind: PeriodKind,
    periods: impl Iterator<Item = (&'a str, bool, u32)>,
) -> Option<String> {
    let partial: Vec<String> = periods
        .filter(|(_, partial, _)| *partial)
        .map(|(label, _, months)| format!("{label} holds {months} of {} months", kind.months()))
        .collect();
    (!partial.is_empty()).then(|| format!("Partial periods (*): {}", partial.join(", ")))
}

/// The cells of a timeline row that the table and Markdown both show, in order: period, logos,
/// ARR, CSM need, the headcount of each role, and the people starting (`+2`).
pub(crate) fn timeline_cells(row: &crate::plan::Row, currency: &str) -> Vec<String> {
    vec![
        period_cell(&row.period, row.partial),
        crate::format::grouped(row.customers.round() as i64),
        crate::format::money(row.arr as f64, currency),
        format!("{:.2}", row.csm_need_fte),
        row.csm.to_string(),
        row.support.to_string(),
        row.onboarding.to_string(),
        row.lead.to_string(),
        row.managers.to_string(),
        if row.new_hires > 0 {
            format!("+{}", row.new_hires)
        } else {
            String::new()
        },
    ]
}

/// Hires as the table and Markdown list them: consecutive hires that would print the same line
/// (same months, role, kind, segment, rule and reason) as one, with their count.
pub(crate) fn hire_groups(hires: &[crate::plan::Hire]) -> Vec<(usize, &crate::plan::Hire)> {
    let same = |a: &crate::plan::Hire, b: &crate::plan::Hire| {
        a.open == b.open
            && a.start == b.start
            && a.role == b.role
            && a.kind == b.kind
            && a.segment == b.segment
            && a.rule == b.rule
            && a.reason == b.reason
            && a.health == b.health
    };
    let mut groups: Vec<(usize, &crate::plan::Hire)> = Vec::new();
    for h in hires {
        match groups.last_mut() {
            Some((count, first)) if same(first, h) => *count += 1,
            _ => groups.push((1, h)),
        }
    }
    groups
}

/// `csm`, `3 × csm`, `lead (promotion)`, `csm (backfill)`.
pub(crate) fn hire_label(count: usize, hire: &crate::plan::Hire) -> String {
    let kind = match hire.kind {
        crate::plan::HireKind::Growth => String::new(),
        kind => format!(" ({})", kind.as_str()),
    };
    if count > 1 {
        format!("{count} × {}{kind}", hire.role)
    } else {
        format!("{}{kind}", hire.role)
    }
}

/// The ROI sentence of rule `roi`, or which keys to set when CS is claimed nothing.
pub(crate) fn roi_sentence(plan: &crate::plan::Plan) -> String {
    let a = &plan.assumptions;
    match plan.totals.roi {
        Some(roi) => {
            let mut claims = Vec::new();
            if a.cs_churn_reduction > 0.0 {
                claims.push(format!(
                    "{} of churned ARR saved",
                    crate::format::percent(a.cs_churn_reduction)
                ));
            }
            if a.cs_expansion_share > 0.0 {
                claims.push(format!(
                    "{} of expansion generated",
                    crate::format::percent(a.cs_expansion_share)
                ));
            }
            format!(
                "ROI (roi, cs-playbook) {roi:.2}: {} by CS, over CS cost",
                claims.join(" and ")
            )
        }
        None if a.cs_churn_reduction > 0.0 || a.cs_expansion_share > 0.0 => {
            "ROI: no CS cost".to_string()
        }
        None => format!("ROI: none claimed (set {})", crate::rules::roi::CLAIM_KEYS),
    }
}

/// The CS cost column's title, which says the period it costs: `CS cost` `a month` (or `a
/// quarter`, `a year`), the two parts joined by `sep`. Beside it, CSM/ARR is annualised.
pub(crate) fn cost_header(plan: &Plan, sep: &str) -> &'static str {
    match (plan.period, sep) {
        (PeriodKind::Month, "\n") => "CS cost\na month",
        (PeriodKind::Month, _) => "CS cost a month",
        (PeriodKind::Quarter, "\n") => "CS cost\na quarter",
        (PeriodKind::Quarter, _) => "CS cost a quarter",
        (PeriodKind::Year, "\n") => "CS cost\na year",
        (PeriodKind::Year, _) => "CS cost a year",
    }
}

/// CSM spend as a share of ARR for a cell: `9.1%`, or `n/a` with CSMs and no ARR.
pub(crate) fn spend_ratio_cell(row: &crate::plan::Row) -> String {
    row.csm_spend_ratio
        .map_or_else(|| "n/a".to_string(), crate::format::percent)
}
