//! Calendar months and period labels.
//!
//! A plan counts months from 1 (the first month after the start state). When the base gives a
//! `start` month, periods are labelled `YYYY-MM` (quarters `YYYY-Qn`, or `FYyyyy-Qn` when the
//! fiscal year does not start in January; years `FYyyyy`); otherwise `M1`, `M2`, … (`Q1`, …,
//! `Y1`, …).

use std::fmt;
use std::str::FromStr;

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    /// 1..=12
    month: u8,
}

/// Why a `start` value is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MonthError {
    /// Not of the `YYYY-MM` shape.
    #[error("expected a month as \"YYYY-MM\", e.g. \"2027-01\"")]
    Shape,
    /// The shape is right but the month number is not 01..=12.
    #[error("month {0} does not exist: months run 01..=12")]
    Month(u32),
    /// The year is outside the range csplan accepts.
    #[error("year {0} is outside 1900..=2200")]
    Year(i32),
}

impl YearMonth {
    /// A month from its parts; `month` must be 1..=12.
    pub fn new(year: i32, month: u8) -> Result<Self, MonthError> {
        if !(1..=12).contains(&month) {
            return Err(MonthError::Month(u32::from(month)));
        }
        if !(1900..=2200).contains(&year) {
            return Err(MonthError::Year(year));
        }
        Ok(Self { year, month })
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month of the year, 1..=12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The month `n` months later.
    pub fn plus(self, n: u32) -> Self {
        let index = self.year as i64 * 12 + i64::from(self.month - 1) + i64::from(n);
        Self {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// The calendar quarter, 1..=4.
    pub fn quarter(self) -> u8 {
        (self.month - 1) / 3 + 1
    }
}

impl FromStr for YearMonth {
    type Err = MonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (year, month) = s.split_once('-').ok_or(MonthError::Shape)?;
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return Err(MonthError::Shape);
        }
        let year: i32 = year.parse().map_err(|_| MonthError::Shape)?;
        let month: u32 = month.parse().map_err(|_| MonthError::Shape)?;
        if !(1..=12).contains(&month) {
            return Err(MonthError::Month(month));
        }
        Self::new(year, month as u8)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Names the months, quarters and fiscal years of one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// The month before month 1 (the start state), when the base gives one.
    start: Option<YearMonth>,
    /// Month of the year the fiscal year starts, 1..=12.
    fiscal_year_start: u8,
}

impl Calendar {
    /// A calendar whose month 1 is `start`, or an unlabelled one (`M1`, `M2`, …), with fiscal
    /// years that start in January.
    pub fn new(start: Option<YearMonth>) -> Self {
        Self {
            start,
            fiscal_year_start: 1,
        }
    }

    /// The same calendar with fiscal years starting in month `month` (1..=12; anything else
    /// is read as January).
    pub fn with_fiscal_year_start(self, month: u8) -> Self {
        Self {
            fiscal_year_start: if (1..=12).contains(&month) { month } else { 1 },
            ..self
        }
    }

    /// The calendar month of plan month `month` (1-based), when a start is given.
    pub fn year_month(self, month: u32) -> Option<YearMonth> {
        self.start.map(|s| s.plus(month.saturating_sub(1)))
    }

    /// The label of plan month `month` (1-based): `2027-03` or `M3`.
    pub fn month_label(self, month: u32) -> String {
        match self.year_month(month) {
            Some(ym) => ym.to_string(),
            None => format!("M{month}"),
        }
    }

    /// The fiscal year `ym` falls in, named by the calendar year it ends in.
    fn fiscal_year(self, ym: YearMonth) -> i32 {
        if self.fiscal_year_start == 1 || ym.month() < self.fiscal_year_start {
            ym.year()
        } else {
            ym.year() + 1
        }
    }

    /// The quarter of its fiscal year that `ym` falls in, 1..=4.
    fn fiscal_quarter(self, ym: YearMonth) -> u8 {
        (ym.month() + 12 - self.fiscal_year_start) % 12 / 3 + 1
    }

    /// The quarter that plan month `month` falls in, as a sortable key and a label.
    ///
    /// With a start month, quarters are those of the fiscal year: calendar quarters
    /// (`2027-Q1`) when it starts in January, else `FY2028-Q1` (the fiscal year named by the
    /// calendar year it ends in); a plan starting in February then has a short first quarter.
    /// Without a start, `Q1` is months 1–3.
    pub fn quarter_of(self, month: u32) -> (i64, String) {
        match self.year_month(month) {
            Some(ym) => {
                let (year, q) = (self.fiscal_year(ym), self.fiscal_quarter(ym));
                let label = if self.fiscal_year_start == 1 {
                    format!("{year}-Q{q}")
                } else {
                    format!("FY{year}-Q{q}")
                };
                (i64::from(year) * 4 + i64::from(q), label)
            }
            None => {
                let q = (month.max(1) - 1) / 3 + 1;
                (i64::from(q), format!("Q{q}"))
            }
        }
    }

    /// The fiscal year that plan month `month` falls in, as a sortable key and a label:
    /// `FY2027` with a start month, else `Y1` for months 1–12.
    pub fn year_of(self, month: u32) -> (i64, String) {
        match self.year_month(month) {
            Some(ym) => {
                let year = self.fiscal_year(ym);
                (i64::from(year), format!("FY{year}"))
            }
            None => {
                let y = (month.max(1) - 1) / 12 + 1;
                (i64::from(y), format!("Y{y}"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_months() {
        let m: YearMonth = "2027-01".parse().unwrap();
        assert_eq!(m.to_string(), "2027-01");
        assert_eq!(m.plus(11).to_string(), "2027-12");
        assert_eq!(m.plus(12).to_string(), "2028-01");
        assert_eq!(m.plus(25).to_string(), "2029-02");
    }

    #[test]
    fn rejects_impossible_months() {
        assert_eq!("2027-13".parse::<YearMonth>(), Err(MonthError::Month(13)));
        assert_eq!("2027-00".parse::<YearMonth>(), Err(MonthError::Month(0)));
        assert_eq!("2027-1".parse::<YearMonth>(), Err(MonthError::Shape));
        assert_eq!("27-01".parse::<YearMonth>(), Err(MonthError::Shape));
        assert_eq!("2027/01".parse::<YearMonth>(), Err(MonthError::Shape));
        assert_eq!("+027-01".parse::<YearMonth>(), Err(MonthError::Shape));
        assert_eq!("1800-01".parse::<YearMonth>(), Err(MonthError::Year(1800)));
    }

    #[test]
    fn labels_months_and_quarters() {
        let cal = Calendar::new(Some("2027-02".parse().unwrap()));
        assert_eq!(cal.month_label(1), "2027-02");
        assert_eq!(cal.quarter_of(1).1, "2027-Q1");
        assert_eq!(cal.quarter_of(3).1, "2027-Q2");
        let plain = Calendar::new(None);
        assert_eq!(plain.month_label(7), "M7");
        assert_eq!(plain.quarter_of(3).1, "Q1");
        assert_eq!(plain.quarter_of(4).1, "Q2");
        assert_eq!(plain.year_of(12).1, "Y1");
        assert_eq!(plain.year_of(13).1, "Y2");
    }

    #[test]
    fn fiscal_years_are_named_by_the_year_they_end_in() {
        // A fiscal year from April: 2027-04..2028-03 is FY2028.
        let cal = Calendar::new(Some("2027-02".parse().unwrap())).with_fiscal_year_start(4);
        assert_eq!(cal.quarter_of(1).1, "FY2027-Q4"); // 2027-02
        assert_eq!(cal.quarter_of(3).1, "FY2028-Q1"); // 2027-04
        assert_eq!(cal.quarter_of(12).1, "FY2028-Q4"); // 2028-01
        assert_eq!(cal.year_of(2).1, "FY2027"); // 2027-03
        assert_eq!(cal.year_of(3).1, "FY2028"); // 2027-04
        assert_eq!(cal.year_of(14).1, "FY2028"); // 2028-03
        assert_eq!(cal.year_of(15).1, "FY2029"); // 2028-04
        // January fiscal years: calendar quarters, FY = the calendar year.
        let jan = Calendar::new(Some("2027-12".parse().unwrap()));
        assert_eq!(jan.quarter_of(1).1, "2027-Q4");
        assert_eq!(jan.year_of(1).1, "FY2027");
        assert_eq!(jan.year_of(2).1, "FY2028");
        // Keys sort in time order across fiscal years.
        assert!(cal.quarter_of(2).0 < cal.quarter_of(3).0);
    }
}
