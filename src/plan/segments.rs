//! A period's per-segment figures (`timeline[].segments[]`), kept once for the whole plan.
//!
//! A plan of 10,000 segments over 120 months has 1.2 million segment rows, which only JSON, CSV
//! and the quarterly or yearly sums read. The planner keeps each segment's projected series
//! once, in a [`SegmentTable`] shared by every row, and a row's [`Segments`] reads its month
//! from it: the rounded figures of SPEC §5 are computed when they are read (serialised, or
//! asked for with [`Segments::get`]), never stored. A plan read back from JSON, or summed into
//! quarters, holds its segment rows as a list instead. Both serialise to the same JSON.

use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use super::SegmentRow;
use crate::format::{fte_up, round_money, round_to};

/// Trailing window for a segment's retention, in months.
const TRAILING: usize = 12;

/// One segment's projected series from month `from` (0, the start, for the whole horizon)
/// onwards, unrounded.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentSeries {
    /// Segment name, shared by every row that shows it.
    pub name: Arc<str>,
    /// The month of each series' first value: 0, or the first month a trailing year of the
    /// months kept needs ([`SegmentSeries::window`]).
    pub from: usize,
    /// Logos at the end of each month.
    pub customers: Vec<f64>,
    /// Run-rate ARR at the end of each month.
    pub arr: Vec<f64>,
    /// CSM need in FTE.
    pub csm_need: Vec<f64>,
    /// ARR lost to churn during each month.
    pub churned_arr: Vec<f64>,
    /// Expansion during each month.
    pub expanded_arr: Vec<f64>,
    /// ARR of new logos won during each month.
    pub new_arr: Vec<f64>,
    /// The segment's annual churn rate (its churned ARR a year at risk, rule
    /// `coverage-response`).
    pub annual_churn: f64,
    /// Whether a CSM covers the segment (not tech-touch).
    pub covered: bool,
    /// The team's coverage per month from 0 and whether ARR counts as at risk, shared by every
    /// segment; attached once the staffing is planned.
    pub coverage: Option<Arc<[(f64, bool)]>>,
}

impl SegmentSeries {
    /// The segment's row for month `t` (1-based, at least `from` + 1), rounded as SPEC §5
    /// prints it.
    pub(crate) fn row(&self, t: usize) -> SegmentRow {
        let (grr, nrr) = self.retention(t);
        let at = t - self.from;
        SegmentRow {
            name: self.name.clone(),
            customers: round_to(self.customers[at], 2),
            arr: round_money(self.arr[at]),
            csm_need_fte: fte_up(self.csm_need[at]),
            churned_arr: round_money(self.churned_arr[at]),
            expanded_arr: round_money(self.expanded_arr[at]),
            new_arr: round_money(self.new_arr[at]),
            grr: round_to(grr, 4),
            nrr: round_to(nrr, 4),
            coverage: self
                .covered
                .then(|| self.coverage.as_ref().map_or(1.0, |c| c[t].0))
                .map(|c| round_to(c, 4)),
            arr_at_risk: round_money(self.arr[at] * self.uncovered(t)),
            churned_arr_at_risk: round_money(self.arr[at] * self.annual_churn * self.uncovered(t)),
        }
    }

    /// The share of the segment's book uncovered in month `t`: none for a segment no CSM
    /// covers, or before the first-CSM gate is due.
    fn uncovered(&self, t: usize) -> f64 {
        match &self.coverage {
            Some(c) if self.covered && c[t].1 => 1.0 - c[t].0,
            _ => 0.0,
        }
    }

    /// The first month the rows of months `first..` read: their trailing year starts a month
    /// after it. A series kept for those rows only starts there ([`SegmentSeries::from`]).
    pub(crate) fn first_read(first: usize) -> usize {
        first.saturating_sub(TRAILING)
    }

    /// GRR and NRR over the twelve months to `t` ([`trailing_retention`]). The window's
    /// months all lie in the series: when `from` > 0, `t` is at least `from` + 12.
    fn retention(&self, t: usize) -> (f64, f64) {
        trailing_retention(
            &self.arr,
            &self.churned_arr,
            &self.expanded_arr,
            t - self.from,
        )
    }
}

/// Gross and net revenue retention of one series (the base's or a segment's) over the twelve
/// months to `t`, chain-linked from monthly rates (`1 − churned / ARR` and
/// `1 − churned / ARR + expanded / ARR` of the month before, each at least 0). Before month
/// 12 the months so far are annualised; a month that starts without ARR counts as 1.
pub(crate) fn trailing_retention(
    arr: &[f64],
    churned: &[f64],
    expanded: &[f64],
    t: usize,
) -> (f64, f64) {
    let first = t.saturating_sub(TRAILING - 1).max(1);
    let (mut gross, mut net) = (1.0, 1.0);
    for k in first..=t {
        let before = arr[k - 1];
        if before > 0.0 {
            gross *= (1.0 - churned[k] / before).max(0.0);
            net *= (1.0 - churned[k] / before + expanded[k] / before).max(0.0);
        }
    }
    let window = (t + 1 - first) as f64;
    if window < TRAILING as f64 {
        let power = TRAILING as f64 / window;
        (gross.powf(power), net.powf(power))
    } else {
        (gross, net)
    }
}

/// Every segment's series, in the order of the base file.
pub type SegmentTable = Arc<[SegmentSeries]>;

/// The per-segment rows of one period.
#[derive(Clone, Default)]
pub struct Segments(Repr);

#[derive(Clone)]
enum Repr {
    /// Rows held as they are (a plan read back, or summed into longer periods).
    Rows(Vec<SegmentRow>),
    /// Month `t` of the planner's series, computed when read; `shown` caches them for
    /// [`std::ops::Index`], which must hand out references.
    Month {
        table: SegmentTable,
        t: usize,
        shown: OnceLock<Vec<SegmentRow>>,
    },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Rows(Vec::new())
    }
}

impl Segments {
    /// Month `t` (1-based) of `table`.
    pub fn month(table: SegmentTable, t: usize) -> Self {
        Segments(Repr::Month {
            table,
            t,
            shown: OnceLock::new(),
        })
    }

    /// Segments in the period.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Rows(rows) => rows.len(),
            Repr::Month { table, .. } => table.len(),
        }
    }

    /// True when the period has no segment rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th segment's row.
    pub fn get(&self, i: usize) -> Option<SegmentRow> {
        match &self.0 {
            Repr::Rows(rows) => rows.get(i).cloned(),
            Repr::Month { table, t, .. } => table.get(i).map(|s| s.row(*t)),
        }
    }

    /// Every segment's row, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = SegmentRow> + '_ {
        (0..self.len()).map(|i| self.get(i).expect("within len"))
    }

    /// The segments' names, in order, without computing their rows.
    pub fn names(&self) -> impl Iterator<Item = Arc<str>> + '_ {
        (0..self.len()).map(|i| match &self.0 {
            Repr::Rows(rows) => rows[i].name.clone(),
            Repr::Month { table, .. } => table[i].name.clone(),
        })
    }

    /// Removes every segment row.
    pub fn clear(&mut self) {
        self.0 = Repr::Rows(Vec::new());
    }

    /// The rows as a list.
    pub fn to_vec(&self) -> Vec<SegmentRow> {
        self.iter().collect()
    }
}

impl From<Vec<SegmentRow>> for Segments {
    fn from(rows: Vec<SegmentRow>) -> Self {
        Segments(Repr::Rows(rows))
    }
}

impl std::ops::Index<usize> for Segments {
    type Output = SegmentRow;

    fn index(&self, i: usize) -> &SegmentRow {
        match &self.0 {
            Repr::Rows(rows) => &rows[i],
            Repr::Month { shown, .. } => &shown.get_or_init(|| self.to_vec())[i],
        }
    }
}

impl PartialEq for Segments {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Segments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Segments {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        match &self.0 {
            Repr::Rows(rows) => rows.iter().try_for_each(|r| seq.serialize_element(r))?,
            Repr::Month { table, t, .. } => table
                .iter()
                .try_for_each(|s| seq.serialize_element(&s.row(*t)))?,
        }
        seq.end()
    }
}

/// A saved plan's segment rows, read as a list of at most as many as a base may hold.
impl<'de> Deserialize<'de> for Segments {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::bounded::at_most::<_, SegmentRow, { super::bounded::SEGMENTS }>(deserializer)
            .map(Segments::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> SegmentTable {
        let months = 14;
        Arc::from(vec![SegmentSeries {
            name: "S".into(),
            from: 0,
            customers: (0..months).map(|t| 100.0 - t as f64 * 0.5).collect(),
            arr: vec![100.0; months],
            csm_need: vec![0.333; months],
            churned_arr: vec![1.0; months],
            expanded_arr: vec![2.0; months],
            new_arr: vec![0.4; months],
            annual_churn: 0.1,
            covered: true,
            coverage: None,
        }])
    }

    #[test]
    fn retention_over_a_full_year_is_the_product_of_months() {
        let table = table();
        let (g, n) = table[0].retention(12);
        assert!((g - 0.99f64.powi(12)).abs() < 1e-12);
        assert!((n - 1.01f64.powi(12)).abs() < 1e-12);
        // After three months, annualised: (0.99^3)^(12/3) = 0.99^12.
        let (g3, _) = table[0].retention(3);
        assert!((g3 - 0.99f64.powi(12)).abs() < 1e-12);
    }

    #[test]
    fn a_month_of_the_table_reads_and_serialises_as_its_rows() {
        let month = Segments::month(table(), 5);
        let rows = Segments::from(month.to_vec());
        assert_eq!(month, rows);
        assert_eq!(month[0], rows[0]);
        assert_eq!(month[0].customers, 97.5);
        assert_eq!(month[0].csm_need_fte, 0.34);
        assert_eq!(
            serde_json::to_string(&month).unwrap(),
            serde_json::to_string(&rows).unwrap()
        );
        let back: Segments = serde_json::from_str(&serde_json::to_string(&month).unwrap()).unwrap();
        assert_eq!(back, month);
    }
}
