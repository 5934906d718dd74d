//! Calendar dates for renewal windows and account age: `YYYY-MM-DD`, counted in whole days.
//!
//! "Today" is never read from the clock: it is an input (`--as-of`, `[health] as_of`, or the
//! first day of `[company] start`), so the same files always give the same report.

use std::fmt;
use std::str::FromStr;

use crate::month::YearMonth;

/// A calendar date between 1900-01-01 and 2200-12-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the `YYYY-MM-DD` shape.
    #[error("expected a date as YYYY-MM-DD, e.g. 2027-03-31")]
    Shape,
    /// The shape is right but the month or day does not exist.
    #[error("{0} does not exist in the calendar")]
    NoSuchDay(String),
    /// The year is outside the range csplan accepts.
    #[error("year {0} is outside 1900..=2200")]
    Year(i32),
}

impl Date {
    /// A date from its parts, checked against the calendar (leap years included).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1900..=2200).contains(&year) {
            return Err(DateError::Year(year));
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay(format!(
                "{year:04}-{month:02}-{day:02}"
            )));
        }
        Ok(Self { year, month, day })
    }

    /// The first day of `month`: the default as-of date of a plan starting in that month.
    pub fn first_of(month: YearMonth) -> Self {
        Self {
            year: month.year(),
            month: month.month(),
            day: 1,
        }
    }

    /// Days since 1970-01-01 (negative before it), for differences between dates.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil, on the proleptic Gregorian calendar.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(DateError::Shape);
        }
        let number = |range: std::ops::Range<usize>| s[range].parse::<i32>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        if !(1900..=2200).contains(&year) {
            return Err(DateError::Year(year));
        }
        Date::new(year, month as u8, day as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn counts_days_across_months_and_leap_years() {
        assert_eq!(date("1970-01-01").day_number(), 0);
        assert_eq!(date("2000-03-01").day_number(), 11_017);
        // 2027-01-01 → 2027-04-01: 31 + 28 + 31 = 90 days.
        assert_eq!(date("2027-01-01").days_until(date("2027-04-01")), 90);
        // 2028 is a leap year: 2028-02-01 → 2028-03-01 is 29 days.
        assert_eq!(date("2028-02-01").days_until(date("2028-03-01")), 29);
        // A whole leap year: 366 days; back again is negative.
        assert_eq!(date("2028-01-01").days_until(date("2029-01-01")), 366);
        assert_eq!(date("2029-01-01").days_until(date("2028-01-01")), -366);
        let month: YearMonth = "2027-03".parse().unwrap();
        assert_eq!(Date::first_of(month).to_string(), "2027-03-01");
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        assert_eq!(
            "2027-02-29".parse::<Date>(),
            Err(DateError::NoSuchDay("2027-02-29".into()))
        );
        assert!("2028-02-29".parse::<Date>().is_ok());
        assert!("2100-02-29".parse::<Date>().is_err());
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert_eq!(
            "2027-13-01".parse::<Date>(),
            Err(DateError::NoSuchDay("2027-13-01".into()))
        );
        assert_eq!(
            "2027-04-31".parse::<Date>(),
            Err(DateError::NoSuchDay("2027-04-31".into()))
        );
        assert_eq!("27-01-01".parse::<Date>(), Err(DateError::Shape));
        assert_eq!("2027/01/01".parse::<Date>(), Err(DateError::Shape));
        assert_eq!("01/02/2027".parse::<Date>(), Err(DateError::Shape));
        assert_eq!("2027-1-01".parse::<Date>(), Err(DateError::Shape));
        assert_eq!("+027-01-01".parse::<Date>(), Err(DateError::Shape));
        assert_eq!("1899-12-31".parse::<Date>(), Err(DateError::Year(1899)));
        assert_eq!("２027-01-01".parse::<Date>(), Err(DateError::Shape));
    }
}
