//! Quarterly and yearly views of a monthly plan: a quarter (or fiscal year) row shows the state
//! at the end of the period and the period's flows (hires, cost, churned, expanded and new
//! ARR). A period the plan starts or ends inside holds fewer months and is marked partial.
//! Flags hold for the period when any of its months is flagged, so a quarterly budget review
//! misses no breach; a period flagged over the cap shows its peak month's CSM spend ratio, not
//! the end month's.

use crate::format::round_to;
use crate::month::{Calendar, YearMonth};
use crate::plan::{ByRole, PeriodKind, Plan, Row, SegmentRow};

impl Plan {
    /// The same plan with one row per quarter of the fiscal year.
    pub fn by_quarter(&self) -> Plan {
        self.by_period(PeriodKind::Quarter)
    }

    /// The same plan with one row per fiscal year.
    pub fn by_year(&self) -> Plan {
        self.by_period(PeriodKind::Year)
    }

    /// [`Plan::by_period`] without a copy of a plan already in periods as long as `kind` or
    /// longer: that plan itself (a copy of a large plan holds a second set of its segment rows).
    pub fn in_periods(&self, kind: PeriodKind) -> std::borrow::Cow<'_, Plan> {
        if kind <= self.period {
            std::borrow::Cow::Borrowed(self)
        } else {
            std::borrow::Cow::Owned(self.by_period(kind))
        }
    }

    /// The same plan with one row per `kind` of period. Rows are grouped by the period their
    /// last month falls in, so a quarterly plan sums into years; a plan already in periods as
    /// long as `kind` or longer is returned unchanged.
    pub fn by_period(&self, kind: PeriodKind) -> Plan {
        if kind <= self.period {
            return self.clone();
        }
        let start = self
            .assumptions
            .start
            .as_deref()
            .and_then(|s| s.parse::<YearMonth>().ok());
        let calendar =
            Calendar::new(start).with_fiscal_year_start(self.assumptions.fiscal_year_start);
        let mut groups: Vec<(String, Vec<&Row>)> = Vec::new();
        let mut last_key = None;
        for row in &self.timeline {
            let (key, label) = match kind {
                PeriodKind::Year => calendar.year_of(row.month),
                _ => calendar.quarter_of(row.month),
            };
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
            .filter_map(|(label, rows)| period_row(label, &rows, claims, kind.months()))
            .collect();
        let mut plan = self.clone();
        plan.totals.periods_over_cap = timeline.iter().filter(|r| r.over_cap).count() as u32;
        plan.timeline = timeline;
        plan.period = kind;
        plan
    }
}

/// The rows of one period as one row: the end state of its last row, the sums of its flows.
/// `whole` is the months of a whole period; a period that holds fewer is partial.
fn period_row(
    period: String,
    rows: &[&Row],
    (reduction, share): (f64, f64),
    whole: u32,
) -> Option<Row> {
    let last = *rows.last()?;
    let sum = |f: fn(&Row) -> i64| rows.iter().fold(0i64, |t, r| t.saturating_add(f(r)));
    // Costs: the unrounded months summed and rounded once, when the rows carry them.
    let exact: Option<Vec<ByRole<f64>>> = rows.iter().map(|r| r.cost_exact.0).collect();
    let exact_sum =
        exact.map(|months| ByRole::from_fn(|role| months.iter().map(|c| c.get(role)).sum::<f64>()));
    let cost = match &exact_sum {
        Some(e) => ByRole::from_fn(|role| crate::format::round_money(e.get(role))),
        None => ByRole::from_fn(|role| {
            rows.iter()
                .fold(0i64, |t, r| t.saturating_add(r.cost.get(role)))
        }),
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
            None => rows.iter().fold(0i64, |t, r| t.saturating_add(rounded(r))),
        };
    let cs_cost = match &exact_sum {
        Some(e) => {
            crate::format::round_money(crate::model::Role::ALL.iter().map(|&r| e.get(r)).sum())
        }
        None => sum(|r| r.cs_cost),
    };
    let churned_arr = sum(|r| r.churned_arr);
    let expanded_arr = sum(|r| r.expanded_arr);
    let segments: Vec<SegmentRow> = last
        .segments
        .iter()
        .enumerate()
        .map(|(i, end)| {
            // `get`: a plan read back from JSON may hold rows with fewer segments.
            let (mut churned_arr, mut expanded_arr, mut new_arr) = (0i64, 0i64, 0i64);
            for s in rows.iter().filter_map(|r| r.segments.get(i)) {
                churned_arr = churned_arr.saturating_add(s.churned_arr);
                expanded_arr = expanded_arr.saturating_add(s.expanded_arr);
                new_arr = new_arr.saturating_add(s.new_arr);
            }
            SegmentRow {
                churned_arr,
                expanded_arr,
                new_arr,
                ..end
            }
        })
        .collect();
    // Saturating: a hand-edited saved plan may hold any count.
    let period_months = rows
        .iter()
        .fold(0u32, |t, r| t.saturating_add(r.period_months));
    let over_cap = rows.iter().any(|r| r.over_cap);
    // Over the cap: the peak month's ratio (no ratio when a month has CSMs and no ARR).
    let csm_spend_ratio = if over_cap {
        rows.iter()
            .map(|r| r.csm_spend_ratio)
            .try_fold(0.0, |peak: f64, r| r.map(|r| peak.max(r)))
    } else {
        last.csm_spend_ratio
    };
    let services_revenue = rows
        .iter()
        .map(|r| r.services_revenue)
        .try_fold(0i64, |t, r| r.map(|r| t.saturating_add(r)));
    Some(Row {
        period,
        period_months,
        partial: period_months < whole,
        csm_spend_ratio,
        churned_arr,
        expanded_arr,
        new_arr: sum(|r| r.new_arr),
        // Saturating: a plan read back may hold any u32 (a plain sum wrapped to 4294967293).
        new_hires: rows.iter().fold(0u32, |t, r| t.saturating_add(r.new_hires)),
        leavers: rows.iter().fold(0u32, |t, r| t.saturating_add(r.leavers)),
        backfills: rows.iter().fold(0u32, |t, r| t.saturating_add(r.backfills)),
        promotions: rows
            .iter()
            .fold(0u32, |t, r| t.saturating_add(r.promotions)),
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
        services_revenue,
        onboarding_margin: services_revenue
            .map(|s| crate::rules::onboarding_demand::margin(s, cost.onboarding)),
        segments: segments.into(),
        ..last.clone()
    })
}
