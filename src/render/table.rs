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
    super::health::plan_health(plan, &mut out);
    out.push('\n');
    out.push_str(&timeline(plan));
    out.push('\n');
    money_and_retention(plan, &mut out);
    out.push('\n');
    benchmarks(plan, &mut out);
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
            "Segment {}: {} ({}), {} logos at {} ARPA, {}, {}-month terms, {accounts}",
            s.name,
            s.tier,
            s.tier_from,
            grouped(s.customers.round() as i64),
            money(s.arpa as f64, cur),
            super::health::churn_label(s),
            s.term_months
        );
    }
    let b = &plan.breakeven;
    let verdict = match b.arr_at_breakeven {
        None => "nothing churns, so a CSM never pays for itself on retention alone".to_string(),
        Some(arr) => {
            let reached = b.reached.as_deref().map_or_else(
                || "not reached in the plan".to_string(),
                |p| format!("reached {p}"),
            );
            format!(
                "a {} CSM pays for itself at {} ARR ({reached})",
                money(b.csm_salary as f64, cur),
                money(arr as f64, cur)
            )
        }
    };
    let _ = writeln!(
        out,
        "Break-even (seed 000): churn costs {} a year at the start; {verdict}",
        money(b.churned_arr_per_year as f64, cur)
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

/// Rule `cost-lines` and the retention economics of seeds 000, 001 and 002, over the horizon
/// and at its end.
fn money_and_retention(plan: &Plan, out: &mut String) {
    let cur = plan.currency.as_str();
    let m = |amount: i64| money(amount as f64, cur);
    let t = &plan.totals;
    let months = plan.assumptions.horizon_months;
    let _ = writeln!(
        out,
        "CS cost over {months} months: {} — COGS {} (support {}, onboarding {}) · sales & marketing {} \
         (CSMs {}, head of CS {})",
        m(t.cs_cost),
        m(t.cogs),
        m(t.cost.support),
        m(t.cost.onboarding),
        m(t.sales_marketing),
        m(t.cost.csm),
        m(t.cost.lead)
    );
    let roi = match t.roi {
        Some(roi) if plan.assumptions.cs_churn_reduction > 0.0 => format!(
            "ROI (seed 001) {roi:.2}: churn avoided at the claimed {} plus expansion, over CS cost",
            percent(plan.assumptions.cs_churn_reduction)
        ),
        Some(roi) => {
            format!("ROI (seed 001) {roi:.2}: expansion over CS cost; no churn reduction claimed")
        }
        None => "ROI: no CS cost".to_string(),
    };
    let _ = writeln!(
        out,
        "ARR {} → {}: new {}, expansion {}, churn −{}; {roi}",
        m(t.start_arr),
        m(t.end_arr),
        m(t.new_arr),
        m(t.expanded_arr),
        m(t.churned_arr)
    );
    let Some(last) = plan.timeline.last() else {
        return;
    };
    let mut end = vec![
        format!("GRR {}", percent(last.grr)),
        format!("NRR {}", percent(last.nrr)),
    ];
    if let Some(ratio) = last.cs_cost_ratio {
        end.push(format!("CS cost {} of ARR", percent(ratio)));
    }
    if let Some(ratio) = last.breakeven_ratio {
        end.push(format!(
            "churned ARR a year / CS cost {ratio:.2} (seed 000)"
        ));
    }
    if let Some(margin) = last.gross_margin {
        end.push(format!("platform gross margin {}", percent(margin)));
    }
    if let Some(premium) = last.premium_support_arr {
        end.push(format!("premium support {} ARR", m(premium)));
    }
    let _ = writeln!(out, "At {}: {}", last.period, end.join(" · "));
    let segments = last
        .segments
        .iter()
        .map(|s| format!("{} GRR {} NRR {}", s.name, percent(s.grr), percent(s.nrr)))
        .collect::<Vec<_>>()
        .join(" · ");
    let _ = writeln!(out, "Retention by segment (trailing 12 months): {segments}");
}

/// The plan's coverage per tier beside the KeyBanc 2023 figures of seed 003.
fn benchmarks(plan: &Plan, out: &mut String) {
    let cur = plan.currency.as_str();
    let at = plan.timeline.last().map_or("", |r| r.period.as_str());
    let _ = writeln!(
        out,
        "Coverage per CSM at {at} beside KeyBanc 2023 (seed 003):"
    );
    let mut table = Table::new();
    table
        .load_style(PLAN_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(vec![
            "Tier",
            "CSMs",
            "Accounts/CSM",
            "KeyBanc",
            "ARR/CSM",
            "KeyBanc",
        ]);
    for b in &plan.benchmarks {
        let dash = || "-".to_string();
        table.add_row(vec![
            b.tier.map_or_else(|| "all".to_string(), |t| t.to_string()),
            format!("{:.2}", b.csm_fte),
            b.accounts_per_csm.map_or_else(dash, |a| format!("{a:.1}")),
            b.keybanc_accounts_per_csm
                .map_or_else(dash, |a| format!("{a:.0}")),
            b.arr_per_csm.map_or_else(dash, |a| money(a as f64, cur)),
            money(b.keybanc_arr_per_csm as f64, cur),
        ]);
    }
    for i in 1..6 {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.push_str(&table.trim_fmt());
    out.push('\n');
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
            "  {} → {}  {}{serves}  [{}] {}{}",
            h.open,
            h.start,
            h.role,
            h.rule,
            h.reason,
            super::health::hire_mark(h)
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
