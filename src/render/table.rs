//! The default terminal view: a header block with the binding assumptions and the break-even
//! ARR, one row per period, then the hires with their rules and the warnings.
//!
//! It fits a 100-column terminal: the timeline table is laid out to fit a 24-month plan (short
//! flag words explained under the table, a bar for the team's size), and prose lines are
//! folded at 100 columns under a hanging indent.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::{CellAlignment, ContentArrangement, Table};

use super::RenderOptions;
use super::fit::fold_into;
use super::grid::{PLAN_STYLE, fold};
use crate::format::{
    money, percent, push_float, push_grouped, push_money, push_percent, push_u64, short_money,
};
use crate::plan::{PeriodKind, Plan, Row};

/// The plan as a table for a terminal, without colour. No terminal detection, so the same plan
/// always prints the same bytes.
pub fn render_table(plan: &Plan) -> String {
    render_table_with(plan, RenderOptions::default())
}

/// The plan as a table; with `options.colour`, the title, the timeline's header, the team bars,
/// the flags and the warnings carry ANSI colours (the layout is the same either way).
pub fn render_table_with(plan: &Plan, options: RenderOptions) -> String {
    let paint = Paint(options.colour);
    let width = options.width;
    let mut out = String::new();
    // The title line, then the decision (the answer first), then the assumptions.
    let mut text = String::new();
    header(plan, &mut text);
    let (title, assumptions) = text.split_once('\n').unwrap_or((&text, ""));
    let mut title = fold(&format!("{title}\n"), width);
    if let Some(end) = title.find('\n') {
        title.replace_range(..end, &paint.apply(Paint::TITLE, &title[..end]));
    }
    out.push_str(&title);
    fold_into(&mut out, &super::decision::decision_text(plan), width);
    out.push('\n');
    fold_into(&mut out, assumptions, width);
    // Each prose section is written into one buffer, reused, and folded into the output.
    let mut prose = |out: &mut String, write: fn(&Plan, &mut String)| {
        text.clear();
        write(plan, &mut text);
        fold_into(out, &text, width);
    };
    prose(&mut out, super::health::plan_health);
    out.push('\n');
    // Measured without colour: escapes take no room on the screen. Without colour, the
    // timeline measured is the one shown.
    let all = Layout::all();
    let plain = |layout| timeline(plan, Paint(false), layout);
    let shown = if paint.0 {
        let layout = super::fit::fitting_layout(&all, width, plain);
        timeline(plan, paint, layout.unwrap_or(Layout::FULL))
    } else {
        super::fit::first_fitting(&all, width, plain)
    };
    out.push_str(&shown);
    out.push_str(&flag_legend(plan, width));
    out.push('\n');
    prose(&mut out, money_and_retention);
    out.push('\n');
    benchmarks(plan, &mut out);
    prose(&mut out, benchmark_gaps);
    out.push('\n');
    if let Some(fit) = &plan.budget_fit {
        fold_into(&mut out, &super::budget::summary(plan, fit), width);
        if !fit.segments.is_empty() {
            out.push_str(&super::budget::segments_text(plan, fit, width));
        }
        out.push('\n');
    }
    prose(&mut out, hires);
    if paint.0 {
        let mut folded = String::new();
        prose(&mut folded, warnings);
        out.push_str(&paint_warnings(&folded, paint));
    } else {
        prose(&mut out, warnings);
    }
    out
}

/// ANSI styling when on; the identity when off.
#[derive(Debug, Clone, Copy)]
struct Paint(bool);

impl Paint {
    const TITLE: Style = Style::new().bold();
    const HEADER: Style = Style::new().bold();
    const BAR: Style = AnsiColor::Cyan.on_default();
    const OVER_CAP: Style = AnsiColor::Red.on_default().bold();
    const FLAG: Style = AnsiColor::Yellow.on_default();
    const WARNING: Style = AnsiColor::Yellow.on_default().bold();

    fn apply(self, style: Style, text: &str) -> String {
        if self.0 && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

fn header(plan: &Plan, out: &mut String) {
    let a = &plan.assumptions;
    let cur = plan.currency.as_str();
    let _ = writeln!(
        out,
        "{} · CS hiring plan · {} stance · {} · {cur}",
        plan.company,
        plan.stance,
        super::span(plan)
    );
    out.push_str(&super::plan_partial_line(plan));
    let _ = writeln!(
        out,
        "Assumptions: {} ARR per CSM · hire lead {} months · CSM spend cap {} of ARR",
        money(a.arr_per_csm as f64, cur),
        a.hire_lead_months,
        percent(a.csm_spend_cap)
    );
    let _ = writeln!(
        out,
        "Loaded cost per year (salary × {:.4}): CSM {} · support {} · onboarding {} · head of CS {} · \
         manager {} · a CSM carries up to {:.0}% of the book (max-load)",
        a.load_factor,
        money(a.salaries.csm as f64, cur),
        money(a.salaries.support as f64, cur),
        money(a.salaries.onboarding as f64, cur),
        money(a.salaries.lead as f64, cur),
        money(a.salaries.manager as f64, cur),
        a.max_load * 100.0
    );
    // One line per segment, written in place: a 10,000-segment base has 10,000 of them.
    for s in &a.segments {
        out.push_str("Segment ");
        out.push_str(&s.name);
        let _ = write!(out, ": {} (", s.tier);
        out.push_str(&s.tier_from);
        out.push_str("), ");
        push_grouped(out, s.customers.round() as i64);
        out.push_str(" logos at ");
        push_money(out, s.arpa as f64, cur);
        out.push_str(" ARPA, ");
        super::health::push_churn_label(out, s);
        out.push_str(", ");
        push_u64(out, u64::from(s.term_months));
        out.push_str("-month terms, ");
        match s.accounts_per_csm {
            Some(n) => {
                push_float(out, n);
                out.push_str(" accounts per CSM");
            }
            None => out.push_str("no CSM"),
        }
        out.push_str("; ");
        push_float(out, s.tickets_per_account_month);
        out.push_str(" tickets per account-month (");
        out.push_str(&s.tickets_from);
        out.push_str("), ");
        push_float(out, s.onboarding_hours);
        out.push_str(" onboarding hours per new logo (");
        out.push_str(&s.onboarding_hours_from);
        out.push_str(")\n");
    }
    let b = &plan.breakeven;
    let verdict = match b.arr_at_breakeven {
        None => "churn is too low (or none) for a CSM ever to pay for itself on retention alone"
            .to_string(),
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
        "Break-even (when-to-start): churn costs {} a year at the start; {verdict}",
        money(b.churned_arr_per_year as f64, cur)
    );
}

/// The timeline's flag words, short to keep the table narrow; [`flag_legend`] spells them out.
const FLAGS: [(&str, &str); 3] = [
    ("cap", "CSM spend over the cap"),
    (
        "churn",
        "revenue churn above 2% a month, from this period on (churn-alarm)",
    ),
    ("short", "CSM staff below the rules' need"),
];

/// The flags of `row`; `churn` only on the first row of a run (the warning covers the run).
fn flag_words_after(row: &Row, before: Option<&Row>) -> Vec<&'static str> {
    let churn = row.churn_alarm && !before.is_some_and(|b| b.churn_alarm);
    [row.over_cap, churn, row.understaffed]
        .into_iter()
        .zip(FLAGS)
        .filter_map(|(on, (word, _))| on.then_some(word))
        .collect()
}

/// One line naming the flags that appear in the plan, or nothing.
fn flag_legend(plan: &Plan, width: usize) -> String {
    let used: Vec<String> = FLAGS
        .iter()
        .filter(|(word, _)| (0..plan.timeline.len()).any(|i| flag_words(plan, i).contains(word)))
        .map(|(word, meaning)| {
            if *word == "cap" {
                let peak = if plan.period == crate::plan::PeriodKind::Quarter {
                    " in a month of the quarter (CSM/ARR shows that peak month)"
                } else {
                    ""
                };
                format!(
                    "{word} = CSM spend over the {} cap{peak}",
                    percent(plan.assumptions.csm_spend_cap)
                )
            } else {
                format!("{word} = {meaning}")
            }
        })
        .collect();
    if used.is_empty() {
        String::new()
    } else {
        fold(&format!("Flags: {}\n", used.join(" · ")), width)
    }
}

/// Width of the team bar, in cells; each cell has eight steps.
const BAR_CELLS: usize = 4;

/// A horizontal bar for `people` out of `peak`, in eighths of a cell: `█████▍`.
fn bar(people: u32, peak: u32) -> String {
    if people == 0 || peak == 0 {
        return String::new();
    }
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let steps = BAR_CELLS as u64 * 8;
    let eighths = (u64::from(people) * steps).div_ceil(u64::from(peak)).max(1);
    let mut text = "█".repeat((eighths / 8) as usize);
    if eighths % 8 > 0 {
        text.push(PARTS[(eighths % 8) as usize]);
    }
    text
}

fn team(row: &Row) -> u32 {
    row.csm + row.support + row.onboarding + row.lead + row.managers
}

/// The flags of the `i`-th timeline row.
fn flag_words(plan: &Plan, i: usize) -> Vec<&'static str> {
    let before = i.checked_sub(1).map(|b| &plan.timeline[b]);
    flag_words_after(&plan.timeline[i], before)
}

/// How compact the timeline is drawn: the widest layout that fits the terminal is used.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// The team bar column.
    team_bar: bool,
    /// Money in three figures (`$1.69M`) instead of whole units.
    short_money: bool,
    /// One space between all columns instead of two before money and flags.
    tight: bool,
    /// Shorter titles for the cost and ratio columns.
    short_titles: bool,
    /// The logo count (the last to go: CSM need and ARR carry the sizing).
    logos: bool,
}

impl Layout {
    const FULL: Layout = Layout {
        team_bar: true,
        short_money: false,
        tight: false,
        short_titles: false,
        logos: true,
    };

    /// From widest to narrowest, each a step narrower than the one before: first the bar goes,
    /// then money shortens, then the gaps close, the titles shorten and the logos go.
    fn all() -> [Layout; 6] {
        let no_bar = Layout {
            team_bar: false,
            ..Self::FULL
        };
        let short_money = Layout {
            short_money: true,
            ..no_bar
        };
        let tight = Layout {
            tight: true,
            ..short_money
        };
        let short_titles = Layout {
            short_titles: true,
            ..tight
        };
        let no_logos = Layout {
            logos: false,
            ..short_titles
        };
        [
            Self::FULL,
            no_bar,
            short_money,
            tight,
            short_titles,
            no_logos,
        ]
    }
}

fn timeline(plan: &Plan, paint: Paint, layout: Layout) -> String {
    let cur = plan.currency.as_str();
    let peak = plan.timeline.iter().map(team).max().unwrap_or(0);
    // (header, right-aligned, right padding). comfy-table puts one space between columns and
    // the padding adds to it: two spaces before a money column and before the flags, one
    // elsewhere, so a 24-month plan fits 100 columns even at $50M+ ARR with every flag up
    // (tests/it/formats.rs). Headers are two lines, bottom-aligned.
    let columns: [(&str, bool, u16); 14] = [
        ("\nPeriod", false, 0),
        ("\nLogos", true, 0),
        ("\nARR", true, 1),
        ("CSM\nneed", true, 0),
        ("\nCSM", true, 0),
        ("\nSup", true, 0),
        ("\nOnb", true, 0),
        ("\nLead", true, 0),
        ("\nMgr", true, 0),
        ("\nNew", true, 0),
        ("\nTeam", false, 1),
        (super::cost_header(plan, "\n"), true, 1),
        ("CSM/ARR\nannual", true, 1),
        ("\nFlags", false, 0),
    ];
    let money = |amount: i64| {
        if layout.short_money {
            short_money(amount as f64, cur)
        } else {
            money(amount as f64, cur)
        }
    };
    // The columns this layout keeps, by their place in `columns`.
    let kept = |i: usize| match columns[i].0 {
        "\nTeam" => layout.team_bar,
        "\nLogos" => layout.logos,
        _ => true,
    };
    let keep = |cells: Vec<String>| -> Vec<String> {
        cells
            .into_iter()
            .enumerate()
            .filter_map(|(i, cell)| kept(i).then_some(cell))
            .collect()
    };
    let title = |header: &'static str| match (layout.short_titles, plan.period) {
        (false, _) => header,
        (true, _) if header == "CSM/ARR\nannual" => "CSM/\nARR/yr",
        (true, PeriodKind::Month) if header.starts_with("CS cost") => "CS cost\n/month",
        (true, PeriodKind::Quarter) if header.starts_with("CS cost") => "CS cost\n/qtr",
        (true, _) => header,
    };
    let mut table = Table::new();
    table
        .load_style(PLAN_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(keep(
            columns.iter().map(|c| title(c.0).to_string()).collect(),
        ));
    for (i, row) in plan.timeline.iter().enumerate() {
        let mut cells = super::timeline_cells(row, cur);
        cells[2] = money(row.arr);
        cells.extend([
            bar(team(row), peak),
            money(row.cs_cost),
            super::spend_ratio_cell(row),
            flag_words(plan, i).join(" "),
        ]);
        table.add_row(keep(cells));
    }
    let shown = columns.iter().enumerate().filter(|(i, _)| kept(*i));
    for (i, (_, (_, right, padding))) in shown.enumerate() {
        if let Some(column) = table.column_mut(i) {
            column.set_padding((0, if layout.tight { 0 } else { *padding }));
            if *right {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    let text = table.trim_fmt();
    let mut out = String::new();
    let mut rows = plan.timeline.iter().enumerate();
    for (i, line) in text.lines().enumerate() {
        let painted = match i {
            0 | 1 => paint.apply(Paint::HEADER, line),
            2 => line.to_string(),
            _ => rows.next().map_or_else(
                || line.to_string(),
                |(r, row)| paint_row(line, row, &flag_words(plan, r), peak, paint),
            ),
        };
        out.push_str(&painted);
        out.push('\n');
    }
    out
}

/// Colours a laid-out timeline line: its team bar, and its flags (the last column).
fn paint_row(line: &str, row: &Row, words: &[&str], peak: u32, paint: Paint) -> String {
    if !paint.0 {
        return line.to_string();
    }
    let flags = words.join(" ");
    let (body, _) = line.split_at(
        line.len()
            - if line.ends_with(&flags) {
                flags.len()
            } else {
                0
            },
    );
    let team_bar = bar(team(row), peak);
    let mut text = if team_bar.is_empty() {
        body.to_string()
    } else {
        body.replacen(&team_bar, &paint.apply(Paint::BAR, &team_bar), 1)
    };
    let painted: Vec<String> = words
        .iter()
        .map(|w| {
            let style = if *w == "cap" {
                Paint::OVER_CAP
            } else {
                Paint::FLAG
            };
            paint.apply(style, w)
        })
        .collect();
    text.push_str(&painted.join(" "));
    text
}

/// Colours the `!` of each warning line.
fn paint_warnings(text: &str, paint: Paint) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.strip_prefix("  ! ") {
            Some(rest) => format!("  {} {rest}", paint.apply(Paint::WARNING, "!")),
            None => line.to_string(),
        })
        .collect()
}

/// Rule `cost-lines` and the retention economics of when-to-start, cs-playbook and first-cs-org, over the horizon
/// and at its end.
fn money_and_retention(plan: &Plan, out: &mut String) {
    let cur = plan.currency.as_str();
    let m = |amount: i64| money(amount as f64, cur);
    let t = &plan.totals;
    let months = plan.assumptions.horizon_months;
    let _ = writeln!(
        out,
        "CS cost over {months} months: {} — COGS {} (support {}, onboarding {}) · sales & marketing {} \
         (CSMs {}, head of CS {}, managers {})",
        m(t.cs_cost),
        m(t.cogs),
        m(t.cost.support),
        m(t.cost.onboarding),
        m(t.sales_marketing),
        m(t.cost.csm),
        m(t.cost.lead),
        m(t.cost.manager)
    );
    // Rule `onboarding-demand`: services revenue against onboarding cost, with onboarding_fee.
    let services = plan
        .timeline
        .iter()
        .map(|r| r.services_revenue)
        .try_fold(0i64, |t, r| r.map(|r| t.saturating_add(r)));
    if let Some(services) = services {
        let margin = crate::rules::onboarding_demand::margin(services, t.cost.onboarding);
        let _ = writeln!(
            out,
            "Services (onboarding_fee): revenue {} against onboarding cost {} over {months} months, \
             margin {} (onboarding-demand)",
            m(services),
            m(t.cost.onboarding),
            m(margin)
        );
    }
    let roi = super::roi_sentence(plan);
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
            "churned ARR a year / CS cost {ratio:.2} (when-to-start)"
        ));
    }
    if let Some(margin) = last.gross_margin {
        end.push(format!("platform gross margin {}", percent(margin)));
    }
    if let Some(premium) = last.premium_support_arr {
        end.push(format!("premium support {} ARR", m(premium)));
    }
    let _ = writeln!(out, "At {}: {}", last.period, end.join(" · "));
    out.push_str("Retention by segment (trailing 12 months): ");
    for (i, s) in last.segments.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        out.push_str(&s.name);
        out.push_str(" GRR ");
        push_percent(out, s.grr);
        out.push_str(" NRR ");
        push_percent(out, s.nrr);
    }
    out.push('\n');
}

/// The plan's coverage per tier beside the KeyBanc 2023 figures of 2m-per-csm.
fn benchmarks(plan: &Plan, out: &mut String) {
    let cur = plan.currency.as_str();
    let at = plan.timeline.last().map_or("", |r| r.period.as_str());
    let _ = writeln!(
        out,
        "Coverage per CSM at {at} beside KeyBanc 2023 (2m-per-csm):"
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

/// Rule `benchmark-gap`: under the coverage table, one line per tier more than half away from
/// KeyBanc's, saying why.
fn benchmark_gaps(plan: &Plan, out: &mut String) {
    for gap in plan.benchmarks.iter().filter_map(|b| b.gap.as_deref()) {
        let _ = writeln!(out, "  {gap} (benchmark-gap)");
    }
}

fn hires(plan: &Plan, out: &mut String) {
    if plan.hires.is_empty() {
        let _ = writeln!(out, "Hires: none in the horizon.");
        return;
    }
    let _ = writeln!(out, "Hires (requisition opens → person starts):");
    for (count, h) in super::hire_groups(&plan.hires) {
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
            super::hire_label(count, h),
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
        let _ = write!(out, "  ! [{}]", w.rule);
        if let Some(period) = &w.period {
            out.push(' ');
            out.push_str(period);
        }
        out.push_str(": ");
        out.push_str(&w.message);
        out.push('\n');
    }
}
