//! Wall-clock time in Europe/London, where every group meets, turned into
//! UTC instants. The UK rule in force since 1996: British Summer Time runs
//! from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
//! of October. Written out here so the browser build needs no time-zone
//! database.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

/// The last Sunday of a month (`month` is March or October here).
pub fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    super::schedule::WeekOfMonth::Last.date_in(year, month, Weekday::Sun)
}

fn one_am(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::hours(1)
}

/// Whether a UTC instant falls in British Summer Time.
pub fn is_summer_time(utc: NaiveDateTime) -> bool {
    let year = utc.year();
    match (last_sunday(year, 3), last_sunday(year, 10)) {
        (Some(start), Some(end)) => one_am(start) <= utc && utc < one_am(end),
        _ => false,
    }
}

/// The instant a London wall-clock time names. As RFC 5545 says, a time that
/// does not exist (the hour skipped in March) is read with the offset from
/// before the gap, and a time that happens twice (the hour repeated in
/// October) means the first of the two.
pub fn to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    let if_summer = local - Duration::hours(1);
    let utc = if is_summer_time(if_summer) {
        if_summer
    } else {
        local
    };
    utc.and_utc()
}

/// The London wall-clock time of a UTC instant.
pub fn to_local(utc: DateTime<Utc>) -> NaiveDateTime {
    let naive = utc.naive_utc();
    if is_summer_time(naive) {
        naive + Duration::hours(1)
    } else {
        naive
    }
}

/// Every changeover is on a Sunday; used by tests and the iCalendar feed.
pub const CHANGE_DAY: Weekday = Weekday::Sun;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, min, 0))
            .expect("a valid time")
    }

    #[test]
    fn the_changeovers_are_on_the_last_sundays() {
        assert_eq!(last_sunday(2027, 3), NaiveDate::from_ymd_opt(2027, 3, 28));
        assert_eq!(last_sunday(2026, 10), NaiveDate::from_ymd_opt(2026, 10, 25));
        assert_eq!(last_sunday(2026, 12), NaiveDate::from_ymd_opt(2026, 12, 27));
        assert_eq!(last_sunday(2027, 3).map(|d| d.weekday()), Some(CHANGE_DAY));
    }

    #[test]
    fn ten_in_the_morning_is_ten_on_the_clock_all_year() {
        // Winter: GMT. Summer: BST, an hour ahead of UTC.
        assert_eq!(
            to_utc(at(2027, 1, 12, 10, 0)).naive_utc(),
            at(2027, 1, 12, 10, 0)
        );
        assert_eq!(
            to_utc(at(2027, 6, 8, 10, 0)).naive_utc(),
            at(2027, 6, 8, 9, 0)
        );
        for local in [
            at(2027, 1, 12, 10, 0),
            at(2027, 6, 8, 10, 0),
            at(2026, 10, 25, 10, 0),
        ] {
            assert_eq!(to_local(to_utc(local)), local);
        }
    }

    #[test]
    fn the_skipped_hour_uses_the_offset_before_the_gap() {
        // 28 March 2027: clocks go from 01:00 to 02:00.
        assert_eq!(
            to_utc(at(2027, 3, 28, 0, 30)).naive_utc(),
            at(2027, 3, 28, 0, 30)
        );
        assert_eq!(
            to_utc(at(2027, 3, 28, 1, 30)).naive_utc(),
            at(2027, 3, 28, 1, 30)
        );
        assert_eq!(
            to_utc(at(2027, 3, 28, 2, 30)).naive_utc(),
            at(2027, 3, 28, 1, 30)
        );
    }

    #[test]
    fn the_repeated_hour_means_the_first_one() {
        // 25 October 2026: clocks go back from 02:00 to 01:00.
        assert_eq!(
            to_utc(at(2026, 10, 25, 0, 30)).naive_utc(),
            at(2026, 10, 24, 23, 30)
        );
        assert_eq!(
            to_utc(at(2026, 10, 25, 1, 30)).naive_utc(),
            at(2026, 10, 25, 0, 30)
        );
        assert_eq!(
            to_utc(at(2026, 10, 25, 2, 30)).naive_utc(),
            at(2026, 10, 25, 2, 30)
        );
    }
}
