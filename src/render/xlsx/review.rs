//! `csplan review --format xlsx`: the review as a workbook a finance partner works in.
//!
//! - **Variance**: one row per period and figure, as the CSV has them, and the spend to date
//!   (`to date`). Plan and actual are numbers; the variance (`= actual − plan`), the variance
//!   as a fraction of plan and the favourable mark are live formulas over them, so a corrected
//!   actual moves its variance. Under each CS-cost row, its split: rate and timing as the review
//!   computes them, and volume the formula that makes the three sum to the variance.
//! - **Hires**: the planned hires against the people who arrived, and the people who left.
//! - **Re-forecast**: the re-forecast's months beside the approved plan's, the differences live
//!   formulas, then a total row of sums.
//! - **Re-forecast hires**: the re-forecast's hires, each with how it changes the approved
//!   plan's, and the approved hires it drops.
//! - **Notes**, when the review has any.
//!
//! A formula always carries its cached result, computed from the cells it reads, so a reader
//! that does not recalculate shows what Excel would.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::cells::{self, Cached, Cells, Styles, WorkbookError, check_rows, column};
use super::role_title;
use crate::plan::Row;
use crate::review::{
    Compared, CostSplit, HireChangeKind, HireStatus, PeriodReview, PlannedMonth, Review,
};

/// How a figure's variance is judged and shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judged {
    /// More is favourable: ARR, logos.
    HigherBetter,
    /// Less is favourable: cost, the CSM spend ratio.
    LowerBetter,
    /// People: no mark.
    Unmarked,
}

/// One Variance row before it is written.
struct Line<'a> {
    figure: &'static str,
    plan: Option<f64>,
    actual: f64,
    judged: Judged,
    style: &'a rust_xlsxwriter::Format,
}

/// The workbook of a review.
pub fn review_workbook(review: &Review) -> Result<Vec<u8>, WorkbookError> {
    let mut workbook = cells::workbook(&format!("{}: CS budget review", review.company));
    let styles = Styles::new(&review.currency);
    variance(&mut workbook, review, &styles)?;
    check_rows("Hires", review.hires.len() + review.departures.len())?;
    hires(&mut workbook, review, &styles)?;
    if let Some(again) = &review.reforecast {
        check_rows("Re-forecast", again.timeline.len() + 1)?;
        check_rows(
            "Re-forecast hires",
            again.hires.len() + review.hire_changes.len(),
        )?;
        reforecast(&mut workbook, review, &again.timeline, &styles)?;
        reforecast_hires(&mut workbook, review, &styles)?;
    }
    if !review.notes.is_empty() {
        let mut cells = cells::sheet(&mut workbook, "Notes")?;
        cells.header(&[("Note", 120.0)], 0, &styles.header)?;
        for (i, note) in review.notes.iter().enumerate() {
            cells.text(i + 1, 0, note, &styles.plain)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

fn whole(c: &Option<Compared<i64>>) -> Option<(Option<f64>, f64)> {
    c.map(|c| (c.plan.map(|p| p as f64), c.actual as f64))
}

fn fraction(c: &Option<Compared<f64>>) -> Option<(Option<f64>, f64)> {
    c.map(|c| (c.plan, c.actual))
}

/// The compared figures of a period, in the review's order.
fn lines<'a>(p: &PeriodReview, styles: &'a Styles) -> Vec<Line<'a>> {
    let line = |figure, c: Option<(Option<f64>, f64)>, judged, style| {
        c.map(|(plan, actual)| Line {
            figure,
            plan,
            actual,
            judged,
            style,
        })
    };
    use Judged::*;
    [
        line("Logos", fraction(&p.customers), HigherBetter, &styles.fte),
        line("ARR", whole(&p.arr), HigherBetter, &styles.money),
        line("CSMs", whole(&p.csm), Unmarked, &styles.count),
        line("Support", whole(&p.support), Unmarked, &styles.count),
        line("Onboarding", whole(&p.onboarding), Unmarked, &styles.count),
        line("Head of CS", whole(&p.lead), Unmarked, &styles.count),
        line("Managers", whole(&p.managers), Unmarked, &styles.count),
        line("CS cost", whole(&p.cs_cost), LowerBetter, &styles.money),
        line(
            "CSM/ARR",
            fraction(&p.csm_spend_ratio),
            LowerBetter,
            &styles.percent,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Writes one figure's row at `row`: plan, actual, and the variance formulas.
fn write_line(
    cells: &mut Cells,
    row: usize,
    period: &str,
    partial: Option<bool>,
    line: &Line,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let r = row + 1;
    cells.text(row, 0, period, &styles.plain)?;
    if let Some(partial) = partial {
        cells.boolean(row, 1, partial)?;
    }
    cells.text(row, 2, line.figure, &styles.plain)?;
    cells.number(row, 4, line.actual, line.style)?;
    let Some(plan) = line.plan else {
        return Ok(());
    };
    cells.number(row, 3, plan, line.style)?;
    let variance = line.actual - plan;
    cells.formula(
        row,
        5,
        &format!("=E{r}-D{r}"),
        Cached::Number(variance),
        line.style,
    )?;
    let pct = if plan == 0.0 {
        Cached::Text("")
    } else {
        Cached::Number(variance / plan)
    };
    cells.formula(
        row,
        6,
        &format!("=IF(D{r}=0,\"\",F{r}/D{r})"),
        pct,
        &styles.percent,
    )?;
    let (sign, favourable) = match line.judged {
        Judged::HigherBetter => (">", variance > 0.0),
        Judged::LowerBetter => ("<", variance < 0.0),
        Judged::Unmarked => return Ok(()),
    };
    let mark = if variance == 0.0 {
        Cached::Text("")
    } else {
        Cached::Bool(favourable)
    };
    cells.formula(
        row,
        7,
        &format!("=IF(F{r}=0,\"\",F{r}{sign}0)"),
        mark,
        &styles.plain,
    )?;
    Ok(())
}

/// Writes the split under the CS-cost row `cost_row`: rate and timing as numbers, volume the
/// live remainder. Returns the rows written.
fn write_split(
    cells: &mut Cells,
    row: usize,
    cost_row: usize,
    period: &str,
    split: &CostSplit,
    variance: i64,
    styles: &Styles,
) -> Result<usize, XlsxError> {
    let (volume, rate, timing) = (row, row + 1, row + 2);
    for (at, figure) in [
        (volume, "CS cost: volume (headcount)"),
        (rate, "CS cost: rate (cost per head)"),
        (timing, "CS cost: timing (hires early or late)"),
    ] {
        cells.text(at, 0, period, &styles.plain)?;
        cells.text(at, 2, figure, &styles.plain)?;
    }
    cells.number(rate, 5, split.rate as f64, &styles.money)?;
    cells.number(timing, 5, split.timing as f64, &styles.money)?;
    cells.formula(
        volume,
        5,
        &format!("=F{}-F{}-F{}", cost_row + 1, rate + 1, timing + 1),
        Cached::Number((variance - split.rate - split.timing) as f64),
        &styles.money,
    )?;
    Ok(3)
}

fn variance(workbook: &mut Workbook, review: &Review, styles: &Styles) -> Result<(), XlsxError> {
    let mut cells = cells::sheet(workbook, "Variance")?;
    cells.header(
        &[
            ("Period", 11.0),
            ("Partial", 8.0),
            ("Figure", 34.0),
            ("Plan", 14.0),
            ("Actual", 14.0),
            ("Variance (actual − plan)", 14.0),
            ("Variance % of plan", 11.0),
            ("Favourable", 11.0),
        ],
        1,
        &styles.header,
    )?;
    cells.sheet.set_row_height(0, 30)?;
    let mut row = 1;
    for p in &review.periods {
        for line in lines(p, styles) {
            write_line(&mut cells, row, &p.period, Some(p.partial), &line, styles)?;
            let cost_row = row;
            row += 1;
            if line.figure == "CS cost"
                && let (Some(split), Some(plan)) = (&p.cs_cost_split, line.plan)
            {
                let variance = (line.actual - plan) as i64;
                row += write_split(
                    &mut cells, row, cost_row, &p.period, split, variance, styles,
                )?;
            }
        }
    }
    // The spend to date, and the CSM spend at the last month that gives it.
    let s = &review.spend;
    if let Some((plan, actual)) = whole(&s.cs_cost) {
        let line = Line {
            figure: "CS cost",
            plan,
            actual,
            judged: Judged::LowerBetter,
            style: &styles.money,
        };
        write_line(&mut cells, row, "to date", None, &line, styles)?;
        let cost_row = row;
        row += 1;
        if let (Some(split), Some(plan)) = (&s.cs_cost_split, plan) {
            let variance = (actual - plan) as i64;
            row += write_split(
                &mut cells, row, cost_row, "to date", split, variance, styles,
            )?;
        }
    }
    if let (Some(at), Some((plan, actual))) = (&s.ratio_at, fraction(&s.csm_spend_ratio)) {
        let line = Line {
            figure: "CSM/ARR",
            plan,
            actual,
            judged: Judged::LowerBetter,
            style: &styles.percent,
        };
        write_line(&mut cells, row, &format!("at {at}"), None, &line, styles)?;
    }
    Ok(())
}

fn status(h: &crate::review::HireCheck) -> &'static str {
    match h.status {
        HireStatus::OnTime => "on time",
        HireStatus::Early => "early",
        HireStatus::Late => "late",
        HireStatus::Missing => "missing",
        HireStatus::Unplanned => "unplanned",
        HireStatus::Backfill => "backfill",
    }
}

fn hires(workbook: &mut Workbook, review: &Review, styles: &Styles) -> Result<(), XlsxError> {
    let mut cells = cells::sheet(workbook, "Hires")?;
    cells.header(
        &[
            ("Role", 12.0),
            ("Segment", 16.0),
            ("Requisition opens", 11.0),
            ("Planned start", 11.0),
            ("Arrived or left", 11.0),
            ("Status", 11.0),
            ("Months late (early −; overdue)", 13.0),
            ("People", 8.0),
        ],
        1,
        &styles.header,
    )?;
    cells.sheet.set_row_height(0, 30)?;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut row = 1;
    for h in &review.hires {
        cells.text(row, 0, role_title(h.role), &styles.plain)?;
        cells.text(row, 1, &text(&h.segment), &styles.plain)?;
        cells.text(row, 2, &text(&h.planned_open), &styles.plain)?;
        cells.text(row, 3, &text(&h.planned_start), &styles.plain)?;
        cells.text(row, 4, &text(&h.arrived), &styles.plain)?;
        cells.text(row, 5, status(h), &styles.plain)?;
        if let Some(late) = h.months_late {
            cells.number(row, 6, late as f64, &styles.count)?;
        }
        cells.number(row, 7, 1.0, &styles.count)?;
        row += 1;
    }
    for d in &review.departures {
        cells.text(row, 0, role_title(d.role), &styles.plain)?;
        cells.text(row, 4, &d.period, &styles.plain)?;
        cells.text(row, 5, "left", &styles.plain)?;
        cells.number(row, 7, f64::from(d.people), &styles.count)?;
        row += 1;
    }
    Ok(())
}

/// The re-forecast's CS cost of `row`, unrounded where the plan was made here (the approved
/// months' likewise), so the total row's sums round as the review's once-rounded totals do.
fn cost_of(row: &Row) -> f64 {
    match row.cost_exact.0 {
        Some(exact) => crate::model::Role::ALL.iter().map(|&r| exact.get(r)).sum(),
        None => row.cs_cost as f64,
    }
}

fn reforecast(
    workbook: &mut Workbook,
    review: &Review,
    months: &[Row],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let mut cells = cells::sheet(workbook, "Re-forecast")?;
    let titles: [(&str, f64); 17] = [
        ("Period", 10.0),
        ("Logos", 9.0),
        ("ARR", 14.0),
        ("Approved ARR", 14.0),
        ("ARR vs approved", 13.0),
        ("CSM need (FTE)", 9.0),
        ("CSMs", 7.0),
        ("Approved CSMs", 9.0),
        ("Support", 8.0),
        ("Onboarding", 10.0),
        ("Head of CS", 8.0),
        ("Managers", 9.0),
        ("Leavers", 8.0),
        ("CS cost", 12.0),
        ("Approved CS cost", 12.0),
        ("CS cost vs approved", 12.0),
        ("CSM/ARR", 9.0),
    ];
    cells.header(&titles, 1, &styles.header)?;
    cells.sheet.set_row_height(0, 30)?;
    let approved = |month: u32| -> Option<&PlannedMonth> {
        review.plan_remaining.iter().find(|p| p.month == month)
    };
    let (mut cost_sum, mut approved_sum) = (0.0, 0.0);
    for (i, m) in months.iter().enumerate() {
        let (row, r) = (i + 1, i + 2);
        let before = approved(m.month);
        cells.text(row, 0, &m.period, &styles.plain)?;
        cells.number(row, 1, m.customers, &styles.fte)?;
        cells.number(row, 2, m.arr as f64, &styles.money)?;
        cells.number(row, 5, m.csm_need_fte, &styles.fte)?;
        cells.number(row, 6, f64::from(m.csm), &styles.count)?;
        cells.number(row, 8, f64::from(m.support), &styles.count)?;
        cells.number(row, 9, f64::from(m.onboarding), &styles.count)?;
        cells.number(row, 10, f64::from(m.lead), &styles.count)?;
        cells.number(row, 11, f64::from(m.managers), &styles.count)?;
        cells.number(row, 12, f64::from(m.leavers), &styles.count)?;
        let cost = cost_of(m);
        cost_sum += cost;
        cells.number(row, 13, cost, &styles.money)?;
        if let Some(ratio) = m.csm_spend_ratio {
            cells.number(row, 16, ratio, &styles.percent)?;
        }
        let Some(before) = before else {
            continue;
        };
        cells.number(row, 3, before.arr as f64, &styles.money)?;
        cells.formula(
            row,
            4,
            &format!("=C{r}-D{r}"),
            Cached::Number((m.arr - before.arr) as f64),
            &styles.money,
        )?;
        cells.number(row, 7, f64::from(before.team.csm), &styles.count)?;
        let planned = before.cs_cost_exact.unwrap_or(before.cs_cost as f64);
        approved_sum += planned;
        cells.number(row, 14, planned, &styles.money)?;
        cells.formula(
            row,
            15,
            &format!("=N{r}-O{r}"),
            Cached::Number(cost - planned),
            &styles.money,
        )?;
    }
    // The total row: the costs summed over the months above.
    let (total, last) = (months.len() + 1, months.len() + 1);
    cells.text(total, 0, "Total", &styles.bold)?;
    for (col, sum) in [
        (13u16, cost_sum),
        (14, approved_sum),
        (15, cost_sum - approved_sum),
    ] {
        let letter = column(col);
        cells.formula(
            total,
            col,
            &format!("=SUM({letter}2:{letter}{last})"),
            Cached::Number(sum),
            &styles.money,
        )?;
    }
    Ok(())
}

fn change_word(kind: HireChangeKind) -> &'static str {
    match kind {
        HireChangeKind::Added => "added",
        HireChangeKind::Dropped => "dropped",
        HireChangeKind::Earlier => "earlier",
        HireChangeKind::Later => "later",
    }
}

fn reforecast_hires(
    workbook: &mut Workbook,
    review: &Review,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let Some(again) = &review.reforecast else {
        return Ok(());
    };
    let mut cells = cells::sheet(workbook, "Re-forecast hires")?;
    cells.header(
        &[
            ("Requisition opens", 11.0),
            ("Starts", 9.0),
            ("Approved start", 10.0),
            ("Role", 12.0),
            ("Segment", 16.0),
            ("Kind", 10.0),
            ("Rule", 16.0),
            ("Against the approved plan", 12.0),
            ("Reason", 80.0),
        ],
        0,
        &styles.header,
    )?;
    cells.sheet.set_row_height(0, 30)?;
    let mut used = vec![false; review.hire_changes.len()];
    let mut row = 1;
    for h in &again.hires {
        let change = review.hire_changes.iter().enumerate().find(|(i, c)| {
            !used[*i]
                && c.role == h.role
                && c.reforecast_start.as_deref() == Some(h.start.as_str())
                && c.reforecast_open.as_deref() == Some(h.open.as_str())
        });
        let (word, approved) = match change {
            Some((i, c)) => {
                used[i] = true;
                (
                    change_word(c.change),
                    c.planned_start.clone().unwrap_or_default(),
                )
            }
            None => ("as approved", h.start.clone()),
        };
        cells.text(row, 0, &h.open, &styles.plain)?;
        cells.text(row, 1, &h.start, &styles.plain)?;
        cells.text(row, 2, &approved, &styles.plain)?;
        cells.text(row, 3, role_title(h.role), &styles.plain)?;
        cells.text(row, 4, h.segment.as_deref().unwrap_or(""), &styles.plain)?;
        cells.text(row, 5, h.kind.as_str(), &styles.plain)?;
        cells.text(row, 6, &h.rule.to_string(), &styles.plain)?;
        cells.text(row, 7, word, &styles.plain)?;
        cells.text(row, 8, &h.reason, &styles.plain)?;
        row += 1;
    }
    for (c, _) in review.hire_changes.iter().zip(&used).filter(|(_, u)| !**u) {
        cells.text(
            row,
            2,
            c.planned_start.as_deref().unwrap_or(""),
            &styles.plain,
        )?;
        cells.text(row, 3, role_title(c.role), &styles.plain)?;
        cells.text(row, 4, c.segment.as_deref().unwrap_or(""), &styles.plain)?;
        cells.text(row, 7, change_word(c.change), &styles.plain)?;
        cells.text(row, 8, &c.reason, &styles.plain)?;
        row += 1;
    }
    Ok(())
}
