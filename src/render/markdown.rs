//! `--format markdown`: the plan as a GitHub-flavoured Markdown section, for a pull-request
//! comment or a wiki page: a heading, the binding assumptions, the timeline as a table, the
//! cost over the horizon, every hire with its rule, and the warnings.

use std::fmt::Write as _;

use super::grid::{Grid, markdown_cell};
use crate::format::{money, percent};
use crate::plan::{Plan, Row};

/// The plan as Markdown.
pub fn render_markdown(plan: &Plan) -> String {
    let a = &plan.assumptions;
    let cur = plan.currency.as_str();
    let m = |amount: i64| money(amount as f64, cur);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### {}: CS hiring plan\n",
        markdown_cell(&plan.company)
    );
    out.push_str(&super::decision::decision_markdown(plan, markdown_cell));
    out.push('\n');
    let _ = writeln!(
        out,
        "**{}** stance · {} · {} · {} ARR per CSM · hire lead {} months · CSM spend cap {} of \
         ARR\n",
        plan.stance,
        super::span(plan),
        markdown_cell(cur),
        m(a.arr_per_csm),
        a.hire_lead_months,
        percent(a.csm_spend_cap)
    );
    let partial = super::plan_partial_line(plan);
    if !partial.is_empty() {
        let _ = writeln!(out, "{}\n", markdown_cell(&partial).trim_end());
    }

    let mut grid = Grid::new(&[
        ("Period", false),
        ("Logos", true),
        ("ARR", true),
        ("CSM need", true),
        ("CSM", true),
        ("Support", true),
        ("Onboarding", true),
        ("Lead", true),
        ("Managers", true),
        ("Hires", true),
        (super::cost_header(plan, " "), true),
        ("CSM/ARR (annual)", true),
        ("Flags", false),
    ]);
    for row in &plan.timeline {
        let mut cells = super::timeline_cells(row, cur);
        cells.extend([m(row.cs_cost), super::spend_ratio_cell(row), flags(row)]);
        grid.push(cells);
    }
    out.push_str(&grid.to_markdown());

    let t = &plan.totals;
    let over = match t.periods_over_cap {
        0 => "no period over the cap".to_string(),
        1 => "1 period over the cap".to_string(),
        n => format!("{n} periods over the cap"),
    };
    let _ = writeln!(
        out,
        "\n**CS cost over {} months: {}** (COGS {}, sales & marketing {}) · ARR {} → {} · {over}",
        a.horizon_months,
        m(t.cs_cost),
        m(t.cogs),
        m(t.sales_marketing),
        m(t.start_arr),
        m(t.end_arr)
    );

    if let Some(fit) = &plan.budget_fit {
        let _ = writeln!(
            out,
            "\n{}",
            markdown_cell(&super::budget::summary(plan, fit)).trim_end()
        );
        if !fit.segments.is_empty() {
            out.push('\n');
            out.push_str(&super::budget::segments(plan, fit).to_markdown());
            let _ = write!(out, "\n{}", markdown_cell(super::budget::SEGMENTS_LEGEND));
        }
    }
    if plan.hires.is_empty() {
        out.push_str("\nNo hires in the horizon.\n");
    } else {
        // The detail, folded away: the decision above already lists the hires to act on.
        let _ = writeln!(
            out,
            "\n<details><summary><b>Hires</b>: {} requisition{} (opens → starts), each with its \
             rule and reason</summary>\n",
            plan.hires.len(),
            if plan.hires.len() == 1 { "" } else { "s" }
        );
        for (count, h) in super::hire_groups(&plan.hires) {
            let serves = h
                .segment
                .as_deref()
                .map(|s| format!(" for {}", markdown_cell(s)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} → {}: {}{serves} · `{}` · {}",
                h.open,
                h.start,
                super::hire_label(count, h),
                h.rule,
                markdown_cell(&h.reason)
            );
        }
        out.push_str("\n</details>\n");
    }
    if !plan.warnings.is_empty() {
        let _ = writeln!(
            out,
            "\n<details><summary><b>Warnings</b>: {}</summary>\n",
            plan.warnings.len()
        );
        for w in &plan.warnings {
            let at = w
                .period
                .as_deref()
                .map(|p| format!(" {p}"))
                .unwrap_or_default();
            let _ = writeln!(out, "- `{}`{at}: {}", w.rule, markdown_cell(&w.message));
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn flags(row: &Row) -> String {
    let flags: Vec<&str> = [
        (row.over_cap, "over cap"),
        (row.churn_alarm, "churn alarm"),
        (row.understaffed, "short"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    flags.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_row_per_period_and_escaped_names() {
        let base = crate::input::parse(
            "[company]\nname = \"A|B <Co>\"\nhorizon_months = 5\n\
             [[segment]]\nname = \"S\"\ncustomers = 120\narpa = 9000\nannual_churn = 0.1\n",
        )
        .unwrap();
        let plan = crate::plan(&base, &Default::default()).unwrap();
        let md = render_markdown(&plan);
        assert!(
            md.starts_with("### A\\|B &lt;Co&gt;: CS hiring plan\n"),
            "{md}"
        );
        let table_rows = md.lines().filter(|l| l.starts_with("| M")).count();
        assert_eq!(table_rows, 5, "{md}");
        assert!(md.contains("|---|--:|--:|"), "{md}");
    }
}
