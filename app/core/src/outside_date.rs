//! Dates that come from outside (query strings, forms, server-function
//! arguments, files, the command line) are checked against one range before
//! anything uses them: from 1 January 2000 to five years after today. Nothing
//! Village does needs a date outside it, and a date far outside it (chrono
//! reads signed years of any width, such as `+262142-11-01`) is how a
//! stranger once made the calendar loop for ever.

use chrono::{Datelike, NaiveDate};

/// The first date Village accepts from outside.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// How many years after today a date from outside may be.
pub const YEARS_AHEAD: i32 = 5;

/// The last date Village accepts from outside, on `today`.
pub fn latest(today: NaiveDate) -> NaiveDate {
    let year = today.year().saturating_add(YEARS_AHEAD);
    NaiveDate::from_ymd_opt(year, today.month(), today.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, today.month(), 28))
        .unwrap_or(NaiveDate::MAX)
}

/// Why a date from outside was refused. The messages are shown to people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("{0:?} is not a date like 2026-12-07.")]
    NotADate(String),
    #[error("{0} is too long ago: dates start from 2000-01-01.")]
    TooEarly(NaiveDate),
    #[error("{date} is too far ahead: dates can be up to {latest}.")]
    TooLate { date: NaiveDate, latest: NaiveDate },
}

/// A date from outside, checked to lie from [`EARLIEST`] to [`latest`]`(today)`.
/// It can only be built by checking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutsideDate(NaiveDate);

impl OutsideDate {
    /// Reads "2026-12-07" (exactly: a four-digit year, no sign) and checks it.
    pub fn parse(text: &str, today: NaiveDate) -> Result<Self, DateError> {
        let date = crate::written::parse_day(text)
            .ok_or_else(|| DateError::NotADate(text.chars().take(40).collect()))?;
        Self::check(date, today)
    }

    /// Checks a date that is already a date (from a file, say).
    pub fn check(date: NaiveDate, today: NaiveDate) -> Result<Self, DateError> {
        let latest = latest(today);
        if date < EARLIEST {
            Err(DateError::TooEarly(date))
        } else if date > latest {
            Err(DateError::TooLate { date, latest })
        } else {
            Ok(Self(date))
        }
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn on(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn dates_from_2000_to_five_years_ahead_are_accepted() {
        let today = on(2026, 12, 7);
        for ok in ["2000-01-01", "2026-12-07", "2031-12-07"] {
            assert!(OutsideDate::parse(ok, today).is_ok(), "{ok}");
        }
        assert_eq!(
            OutsideDate::parse("2031-12-08", today),
            Err(DateError::TooLate {
                date: on(2031, 12, 8),
                latest: on(2031, 12, 7)
            })
        );
        assert_eq!(
            OutsideDate::parse("1999-12-31", today),
            Err(DateError::TooEarly(on(1999, 12, 31)))
        );
        assert_eq!(latest(on(2028, 2, 29)), on(2033, 2, 28));
    }

    #[test]
    fn signed_and_wide_years_are_not_dates() {
        let today = on(2026, 12, 7);
        for bad in [
            "+262142-11-01",
            "-0001-01-01",
            "+2026-12-07",
            "20261207",
            "2026-13-01",
            "",
            "2026-12-07T00:00",
        ] {
            assert!(
                matches!(OutsideDate::parse(bad, today), Err(DateError::NotADate(_))),
                "{bad}"
            );
        }
    }

    proptest! {
        #[test]
        fn a_checked_date_is_always_in_range(days in any::<i32>(), today_offset in 0i64..40_000) {
            let today = EARLIEST + chrono::Duration::days(today_offset);
            if let Some(date) = NaiveDate::from_num_days_from_ce_opt(days) {
                if let Ok(checked) = OutsideDate::check(date, today) {
                    prop_assert!(checked.date() >= EARLIEST && checked.date() <= latest(today));
                }
            }
        }
    }
}
