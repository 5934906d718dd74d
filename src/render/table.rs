//! The default terminal view: a header block with the binding assumptions and the break-even
//! ARR, one row per period, then the hires with their rules and the warnings.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

use crate::format::{grouped, money, percent};
use crate::plan::{PeriodKind, Plan, Row};

/// The plan as a table for a terminal. Plain text: no colour, no terminal-width detection, so
/// the same plan always prints the same bytes.
pub fn render_table(plan: &Plan) -> String {
    let mut out = String::new();
    header(plan, &mut out);
    out.push('\n');
    out.push_str(&timeline(plan));
    out.push('\n');
    hires(plan, &mut out);
    warnings(plan, &mut out);
    out
}

fn header(plan: &Plan, out: &mut String) {
    let a = &plan.assumptions;
    let cur = plan.currency.as_str();
    let from = a
        .start
        .as_deref()
        .map(|s| format!(" from {s}"))
        .unwrap_or_default();
    let period = match plan.period {
        PeriodKind::Month => "monthly",
        PeriodKind::Quarter => "quarterly",
    };
    let _ = writeln!(
        out,
        "{} · CS hiring plan · {} stance · {} months{from} · {period} · {cur}",
        plan.company, plan.stance, a.horizon_months
    );
    let _ = writeln!(
        out,
        "Assumptions: {} ARR per CSM · hire lead {} months · CSM spend cap {} of ARR",
        money(a.arr_per_csm as f64, cur),
        a.hire_lead_months,
        percent(a.csm_spend_cap)
    );
    let _ = writeln!(
        out,
        "Loaded cost per year: CSM {} · support {} · onboarding {} · head of CS {}",
        money(a.salaries.csm as f64, cur),
        money(a.salaries.support as f64, cur),
        money(a.salaries.onboarding as f64, cur),
        money(a.salaries.lead as f64, cur)
    );
    for s in &a.segments {
        let accounts = s
            .accounts_per_csm
            .map_or_else(|| "no CSM".to_string(), |n| format!("{n} accounts per CSM"));
        let _ = writeln!(
            out,
            "Segment {}: {} ({}), {} logos at {} ARPA, {} churn/yr, {}-month terms, {accounts}",
            s.name,
            s.tier,
            s.tier_from,
            grouped(s.customers.round() as i64),
            money(s.arpa as f64, cur),
            percent(s.annual_churn),
            s.term_months
        );
    }
    let b = &plan.breakeven;
    let at = b.arr_at_breakeven.map_or_else(
        || "never (no churn)".to_string(),
        |arr| format!("at {} ARR", money(arr as f64, cur)),
    );
    let reached = b.reached.as_deref().map_or_else(
        || "not reached in the plan".to_string(),
        |p| format!("reached {p}"),
    );
    let _ = writeln!(
        out,
        "Break-even (seed 000): churn costs {} a year at the start; a {} CSM pays for itself {at} ({reached})",
        money(b.churned_arr_per_year as f64, cur),
        money(b.csm_salary as f64, cur)
    );
}

fn flags(row: &Row) -> String {
    let mut flags = Vec::new();
    if row.over_cap {
        flags.push("over cap");
    }
    if row.churn_alarm {
        flags.push("churn alarm");
    }
    if row.understaffed {
        flags.push("short");
    }
    flags.join(", ")
}

/// Columns separated by spaces, one rule under the header: compact, and it pastes anywhere.
const PLAN_STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('-').junction('-'));

fn timeline(plan: &Plan) -> String {
    let cur = plan.currency.as_str();
    let mut table = Table::new();
    table
        .load_style(PLAN_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(vec![
            "Period", "Logos", "ARR", "CSM need", "CSM", "Sup", "Onb", "Lead", "Hires", "CS cost",
            "CSM/ARR", "Flags",
        ]);
    for row in &plan.timeline {
        table.add_row(vec![
            row.period.clone(),
            grouped(row.customers.round() as i64),
            money(row.arr as f64, cur),
            format!("{:.2}", row.csm_need_fte),
            row.csm.to_string(),
            row.support.to_string(),
            row.onboarding.to_string(),
            row.lead.to_string(),
            if row.new_hires > 0 {
                format!("+{}", row.new_hires)
            } else {
                String::new()
            },
            money(row.cs_cost as f64, cur),
            row.csm_spend_ratio
                .map_or_else(|| "n/a".to_string(), percent),
            flags(row),
        ]);
    }
    for i in 1..11 {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut text = table.trim_fmt();
    text.push('\n');
    text
}

fn hires(plan: &Plan, out: &mut String) {
    if plan.hires.is_empty() {
        let _ = writeln!(out, "Hires: none in the horizon.");
        return;
    }
    let _ = writeln!(out, "Hires (requisition opens → person starts):");
    for h in &plan.hires {
        let serves = h
            .segment
            .as_deref()
            .map(|s| format!(" for {s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} → {}  {}{serves}  [{}] {}",
            h.open, h.start, h.role, h.rule, h.reason
        );
    }
}

fn warnings(plan: &Plan, out: &mut String) {
    if plan.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nWarnings:");
    for w in &plan.warnings {
        let at = w
            .period
            .as_deref()
            .map(|p| format!(" {p}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  ! [{}]{at}: {}", w.rule, w.message);
    }
}
