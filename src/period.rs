//! Quarterly view of a monthly plan: a quarter row shows the state at the end of the quarter
//! and the quarter's flows (hires, cost, churned, expanded and new ARR). Flags hold for the
//! quarter when any of its months is flagged, so a quarterly budget review misses no breach; a
//! quarter flagged over the cap shows its peak month's CSM spend ratio, not the end month's.

use crate::format::round_to;
use crate::month::{Calendar, YearMonth};
use crate::plan::{ByRole, PeriodKind, Plan, Row, SegmentRow};

impl Plan {
    /// The same plan with one row per quarter. A quarterly plan is returned unchanged.
    pub fn by_quarter(&self) -> Plan {
        if self.period == PeriodKind::Quarter {
            return self.clone();
        }
        let start = self
            .assumptions
            .start
            .as_deref()
            .and_then(|s| s.parse::<YearMonth>().ok());
        let calendar = Calendar::new(start);
        let mut groups: Vec<(String, Vec<&Row>)> = Vec::new();
        let mut last_key = None;
        for row in &self.timeline {
            let (key, label) = calendar.quarter_of(row.month);
            if last_key != Some(key) {
                groups.push((label, Vec::new()));
                last_key = Some(key);
            }
            if let Some((_, rows)) = groups.last_mut() {
                rows.push(row);
            }
        }
        let claims = (
            self.assumptions.cs_churn_reduction,
            self.assumptions.cs_expansion_share,
        );
        let timeline: Vec<Row> = groups
            .into_iter()
            .filter_map(|(label, rows)| quarter_row(label, &rows, claims))
            .collect();
        let mut plan = self.clone();
        plan.totals.periods_over_cap = timeline.iter().filter(|r| r.over_cap).count() as u32;
        plan.timeline = timeline;
        plan.period = PeriodKind::Quarter;
        plan
    }
}

fn quarter_row(period: String, rows: &[&Row], (reduction, share): (f64, f64)) -> Option<Row> {
    let last = *rows.last()?;
    let sum = |f: fn(&Row) -> i64| rows.iter().map(|r| f(r)).sum::<i64>();
    // Costs: the unrounded months summed and rounded once, when the rows carry them.
    let exact: Option<Vec<ByRole<f64>>> = rows.iter().map(|r| r.cost_exact.0).collect();
    let exact_sum =
        exact.map(|months| ByRole::from_fn(|role| months.iter().map(|c| c.get(role)).sum::<f64>()));
    let cost = match &exact_sum {
        Some(e) => ByRole::from_fn(|role| crate::format::round_money(e.get(role))),
        None => ByRole::from_fn(|role| rows.iter().map(|r| r.cost.get(role)).sum()),
    };
    let line =
        |wanted: crate::rules::cost_lines::PnlLine, rounded: fn(&Row) -> i64| match &exact_sum {
            Some(e) => crate::format::round_money(
                crate::model::Role::ALL
                    .iter()
                    .filter(|&&r| crate::rules::cost_lines::cost_line(r) == wanted)
                    .map(|&r| e.get(r))
                    .sum(),
            ),
            None => rows.iter().map(|r| rounded(r)).sum(),
        };
    let cs_cost = match &exact_sum {
        Some(e) => {
            crate::format::round_money(crate::model::Role::ALL.iter().map(|&r| e.get(r)).sum())
        }
        None => sum(|r| r.cs_cost),
    };
    let churned_arr = sum(|r| r.churned_arr);
    let expanded_arr = sum(|r| r.expanded_arr);
    let segments = last
        .segments
        .iter()
        .enumerate()
        .map(|(i, end)| {
            // `get`: a plan read back from JSON may hold rows with fewer segments.
            let seg_sum = |f: fn(&SegmentRow) -> i64| {
                rows.iter()
                    .filter_map(|r| r.segments.get(i))
                    .map(f)
                    .sum::<i64>()
            };
            SegmentRow {
                churned_arr: seg_sum(|s| s.churned_arr),
                expanded_arr: seg_sum(|s| s.expanded_arr),
                new_arr: seg_sum(|s| s.new_arr),
                ..end.clone()
            }
        })
        .collect();
    let over_cap = rows.iter().any(|r| r.over_cap);
    // Over the cap: the peak month's ratio (no ratio when a month has CSMs and no ARR).
    let csm_spend_ratio = if over_cap {
        rows.iter()
            .map(|r| r.csm_spend_ratio)
            .try_fold(0.0, |peak: f64, r| r.map(|r| peak.max(r)))
    } else {
        last.csm_spend_ratio
    };
    Some(Row {
        period,
        csm_spend_ratio,
        churned_arr,
        expanded_arr,
        new_arr: sum(|r| r.new_arr),
        new_hires: rows.iter().map(|r| r.new_hires).sum(),
        leavers: rows.iter().map(|r| r.leavers).sum(),
        backfills: rows.iter().map(|r| r.backfills).sum(),
        cs_cost,
        over_cap,
        cost,
        cost_exact: crate::plan::Unrounded(exact_sum),
        cogs: line(crate::rules::cost_lines::PnlLine::Cogs, |r| r.cogs),
        sales_marketing: line(crate::rules::cost_lines::PnlLine::SalesMarketing, |r| {
            r.sales_marketing
        }),
        churn_alarm: rows.iter().any(|r| r.churn_alarm),
        understaffed: rows.iter().any(|r| r.understaffed),
        roi: crate::rules::roi::roi(
            churned_arr as f64,
            expanded_arr as f64,
            reduction,
            share,
            cs_cost as f64,
        )
        .map(|r| round_to(r, 4)),
        segments,
        ..last.clone()
    })
}
