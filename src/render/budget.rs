//! The `budget_fit` section of a plan made with `--within-budget` (rule `budget-fit`): what the
//! fitted plan gave up against the rules' plan, for the table and Markdown.

use super::grid::Grid;
use crate::format::{money, money_compact, percent};
use crate::model::Role;
use crate::plan::{BudgetCut, BudgetFit, FiscalYearFit, Plan};
use crate::rules::budget_fit::share_words;

/// The section's opening lines: the limits kept, the team against the rules', and what would
/// staff the rules.
pub(crate) fn summary(plan: &Plan, fit: &BudgetFit) -> String {
    let cur = plan.currency.as_str();
    let end = plan.timeline.last().map_or("", |r| r.period.as_str());
    let limits = match fit.cs_budget_per_year {
        Some(b) => format!(
            "the {} CSM spend cap and a CS budget of {} a fiscal year",
            percent(fit.csm_spend_cap),
            money(b as f64, cur)
        ),
        None if fit.fiscal_years.iter().any(|y| y.budget.is_some()) => format!(
            "the {} CSM spend cap and the CS budget [budget] names per fiscal year",
            percent(fit.csm_spend_cap)
        ),
        None => format!("the {} CSM spend cap", percent(fit.csm_spend_cap)),
    };
    let kept = if fit.met {
        format!("within {limits}")
    } else {
        format!("{limits} NOT met ({})", unmet(plan, fit))
    };
    let mut out = format!(
        "Budget fit (budget-fit): {kept}, {} at {end} against the rules' {}",
        csms(fit.csm),
        fit.rules_csm
    );
    if fit.met && fit.months_short == 0 && fit.unfunded_hires == 0 && fit.deferred_hires == 0 {
        out.push_str("; the rules' plan already fits, nothing is given up.\n");
    } else {
        out.push_str(&format!(
            "; {} month{} short, {} CSM hire{} later, {} not funded in the horizon.\n",
            fit.months_short,
            plural(fit.months_short),
            fit.deferred_hires,
            plural(fit.deferred_hires),
            fit.unfunded_hires
        ));
    }
    let peak = fit.cap_to_staff_rules.map_or_else(
        || "has CSMs in a month without ARR".to_string(),
        |c| format!("peaks at {} CSM spend", percent(c)),
    );
    out.push_str(&format!(
        "To staff the rules: {} (the rules' plan {peak}; its costliest fiscal year runs at {} a year).\n",
        fit.needs(|amount| money(amount as f64, cur)),
        money(fit.budget_to_staff_rules as f64, cur)
    ));
    for y in &fit.fiscal_years {
        out.push_str(&fiscal_year_line(y, cur));
    }
    if !fit.cuts.is_empty() {
        out.push_str(
            "Given up, in budget-fit's order (head of CS, onboarding, CSM books lowest return first, \
             managers):\n",
        );
        for cut in &fit.cuts {
            out.push_str(&format!("  {}\n", cut_line(cut, cur)));
        }
    }
    out
}

/// One cut of a fitted plan, in words: what is given up, for how long, what it saves, and for
/// CSM books the churned ARR it puts at risk.
pub(crate) fn cut_line(cut: &BudgetCut, cur: &str) -> String {
    let months = format!("{} month{}", cut.months, plural(cut.months));
    let saves = money(cut.amount as f64, cur);
    match cut.role {
        Role::Lead => format!(
            "{}. Head of CS: the external hire deferred from {} for {months}{}; saves {saves}.",
            cut.step,
            cut.period,
            cut.stand_in.as_ref().map_or_else(
                || ", no one in post to promote".to_string(),
                |at| format!(", a CSM promoted to lead in {at} standing in")
            )
        ),
        Role::Csm => {
            let risk = match (cut.churned_arr_at_risk, &cut.at_risk_period) {
                (Some(r), Some(at)) => format!(
                    "; puts {} of churned ARR a year at risk (at {at}, coverage-response)",
                    money(r as f64, cur)
                ),
                _ => String::new(),
            };
            format!(
                "{}. CSM books of {}: up to {:.2} FTE uncovered in {months} from {}; saves {saves}{risk}.",
                cut.step,
                cut.segment.as_deref().unwrap_or("the base"),
                cut.fte,
                cut.period
            )
        }
        Role::Onboarding => format!(
            "{}. Onboarding above its demand rounded down: up to {} fewer in {months} from {}{}; saves \
             {saves}.",
            cut.step,
            cut.fte,
            cut.period,
            cut.hours_unserved
                .filter(|&h| h > 0.0)
                .map_or_else(String::new, |h| format!(
                    ", up to {h:.0} hours a month unserved"
                ))
        ),
        Role::Manager => format!(
            "{}. Managers follow the funded team's span: up to {} fewer in {months} from {}; saves \
             {saves}.",
            cut.step, cut.fte, cut.period
        ),
        role => format!(
            "{}. {role}: up to {} fewer in {months} from {}; saves {saves}.",
            cut.step, cut.fte, cut.period
        ),
    }
}

/// One fiscal year's cost against what it is held to. A year the horizon ends inside shows its
/// run-rate beside the year's budget, and is held to that budget only when `[budget]` names it.
fn fiscal_year_line(y: &FiscalYearFit, cur: &str) -> String {
    let rules = format!("rules' plan {}", money(y.rules_cs_cost as f64, cur));
    let cost = money(y.cs_cost as f64, cur);
    let run_rate = money(y.run_rate as f64, cur);
    let months = format!("{} month{}", y.months, plural(y.months));
    match (y.ends_inside, y.budget, y.year_budget) {
        (false, Some(b), _) => format!(
            "{}: CS cost {cost} against a budget of {}{} ({rules}).\n",
            y.period,
            money(b as f64, cur),
            share_words(y.months)
        ),
        (true, Some(b), Some(yearly)) => format!(
            "{}: CS cost {cost} in its {months} against a budget of {}, its share of {}; a run-rate of \
             {run_rate} a year at the end ({rules}).\n",
            y.period,
            money(b as f64, cur),
            money(yearly as f64, cur)
        ),
        (true, None, Some(yearly)) => format!(
            "{}: CS cost {cost} in its {months}, a run-rate of {run_rate} a year at the end beside a \
             budget of {} a year, not held to it: the horizon ends inside the year ({rules}).\n",
            y.period,
            money(yearly as f64, cur)
        ),
        _ => format!("{}: CS cost {cost} ({rules}).\n", y.period),
    }
}

/// Per segment: the month it is most short, the CSMs serving it, and its coverage beside the
/// rules' plan and KeyBanc 2023's.
pub(crate) fn segments(plan: &Plan, fit: &BudgetFit) -> Grid {
    let cur = plan.currency.as_str();
    let mut grid = Grid::new(&[
        ("Segment", false),
        ("Month", false),
        ("Short", true),
        ("CSMs", true),
        ("rules", true),
        ("Accounts/CSM", true),
        ("rules", true),
        ("KeyBanc", true),
        ("ARR/CSM", true),
        ("rules", true),
        ("KeyBanc", true),
    ]);
    let dash = || "-".to_string();
    for s in &fit.segments {
        grid.push(vec![
            s.name.clone(),
            s.period.clone(),
            s.months_short.to_string(),
            format!("{:.2}", s.csm_fte),
            format!("{:.2}", s.rules_csm_fte),
            s.accounts_per_csm.map_or_else(dash, |a| format!("{a:.1}")),
            s.rules_accounts_per_csm
                .map_or_else(dash, |a| format!("{a:.1}")),
            s.keybanc_accounts_per_csm
                .map_or_else(dash, |a| format!("{a:.0}")),
            s.arr_per_csm
                .map_or_else(dash, |a| money_compact(a as f64, cur)),
            s.rules_arr_per_csm
                .map_or_else(dash, |a| money_compact(a as f64, cur)),
            money_compact(s.keybanc_arr_per_csm as f64, cur),
        ]);
    }
    grid
}

/// The segments' table for a terminal `width` columns wide, with the line under it: every
/// column when it fits; else without KeyBanc's two columns (the legend says where they went);
/// else with the longest segment names shortened (`…`) to fit.
pub(crate) fn segments_text(plan: &Plan, fit: &BudgetFit, width: usize) -> String {
    let full = segments(plan, fit);
    let text = full.to_text(width);
    if super::fit::widest(&text) <= width {
        return text + &super::fit::fold(SEGMENTS_LEGEND, width);
    }
    let narrow = full.without(10).without(7);
    let mut text = narrow.to_text(width);
    let over = super::fit::widest(&text).saturating_sub(width);
    if over > 0 {
        let longest = narrow
            .rows
            .iter()
            .map(|r| r[0].chars().count())
            .max()
            .unwrap_or(0);
        let keep = longest.saturating_sub(over).max(8);
        let mut short = narrow.clone();
        for row in &mut short.rows {
            if row[0].chars().count() > keep {
                row[0] = row[0].chars().take(keep - 1).collect::<String>() + "…";
            }
        }
        text = short.to_text(width);
    }
    text + &super::fit::fold(SEGMENTS_NARROW_LEGEND, width)
}

/// The line under the segments' table without KeyBanc's columns.
const SEGMENTS_NARROW_LEGEND: &str = "Short: months with less CSM time than the rules' plan; Month: the one most short, \
     else the horizon end; rules: the rules' plan that month; KeyBanc 2023's coverage (2m-per-csm) \
     is shown on a wider terminal and in --format markdown.\n";

/// The line under the segments' table.
pub(crate) const SEGMENTS_LEGEND: &str = "Short: months with less CSM time than the rules' plan; Month: the one most short, \
     else the horizon end; rules: the rules' plan that month; KeyBanc 2023 via 2m-per-csm.\n";

/// The decision's line: the fit in one sentence.
pub(crate) fn decision_line(plan: &Plan, fit: &BudgetFit) -> String {
    let cur = plan.currency.as_str();
    if fit.met && fit.months_short == 0 && fit.unfunded_hires == 0 {
        return "fitted to the cap and budget (budget-fit); the rules' plan already fits"
            .to_string();
    }
    let needs = format!(
        "; the rules need {}",
        fit.needs(|amount| money_compact(amount as f64, cur))
    );
    let head = if fit.met {
        "fitted (budget-fit)".to_string()
    } else {
        format!("NOT met (budget-fit): {}", unmet(plan, fit))
    };
    let at_risk: i64 = fit.cuts.iter().filter_map(|c| c.churned_arr_at_risk).sum();
    let risk = if at_risk > 0 {
        format!(
            "; the books cut put up to {} of churned ARR a year at risk",
            money_compact(at_risk as f64, cur)
        )
    } else {
        String::new()
    };
    format!(
        "{head}; {} at the end against the rules' {}, {} month{} short{risk}{needs}",
        csms(fit.csm),
        fit.rules_csm,
        fit.months_short,
        plural(fit.months_short)
    )
}

/// Why a fitted plan still passes the cap or the budget: the months over the cap, the fiscal
/// years over the budget, and by how much.
fn unmet(plan: &Plan, fit: &BudgetFit) -> String {
    let cur = plan.currency.as_str();
    let mut parts = Vec::new();
    if fit.months_over_cap > 0 {
        let starting = plan.assumptions.starting_team.csm;
        parts.push(format!(
            "the {} in post at the start pass the cap in {} month{}",
            csms(starting),
            fit.months_over_cap,
            plural(fit.months_over_cap)
        ));
    }
    for y in &fit.fiscal_years {
        if let Some(b) = y.budget.filter(|&b| y.cs_cost > b) {
            parts.push(format!(
                "{} costs {} over its budget",
                y.period,
                money_compact((y.cs_cost - b) as f64, cur)
            ));
        }
    }
    parts.push("csplan plans no one letting go".to_string());
    parts.join("; ")
}

/// `1 CSM`, `3 CSMs`.
fn csms(n: u32) -> String {
    format!("{n} CSM{}", plural(n))
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
