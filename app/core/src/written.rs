//! Dates, times and tenths written and read by hand, in the fixed forms the
//! browser code uses ("2026-11-30", "07:30", "3.5", "November"). chrono's general formatting
//! and parsing machinery would add tens of kilobytes to the phone's download
//! for these three shapes.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// "2026-11-30".
pub fn day(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// "1 June 2026".
pub fn long_day(day: NaiveDate) -> String {
    format!("{} {} {}", day.day(), month_name(day.month()), day.year())
}

/// "Tuesday 8 December": a day in the weeks ahead, as the phone writes it.
pub fn weekday_day_month(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        weekday_name(day.weekday()),
        day.day(),
        month_name(day.month())
    )
}

/// Reads "2026-11-30" (a four-digit year, two-digit month and day).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&text[0..4])?;
    let month = digits(&text[5..7])?;
    let day = digits(&text[8..10])?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// "07:30".
pub fn time(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// Reads "07:30" (and "7:30").
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(digits(hours)?, digits(minutes)?, 0)
}

/// A full web address people can follow: `https://` (or `http://`), a
/// host with a dot in it, no spaces.
pub fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url
            .split_once("://")
            .is_some_and(|(_, rest)| rest.split('/').next().is_some_and(|h| h.contains('.')))
        && !url.chars().any(char::is_whitespace)
}

/// The weekday's name: "Monday". The one list of them in Village.
pub fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday;
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The month's name, for 1 to 12 (anything else is clamped).
pub fn month_name(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// A number to one decimal place, rounded half away from zero: "3.5".
pub fn tenths(value: f32) -> String {
    let scaled = (value * 10.0).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let scaled = scaled.abs();
    format!("{sign}{}.{}", scaled / 10, scaled % 10)
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_and_writes_the_fixed_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).expect("day");
        assert_eq!(day(d), "2026-03-09");
        assert_eq!(weekday_day_month(d), "Monday 9 March");
        assert_eq!(parse_day(" 2026-03-09 "), Some(d));
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "26-03-09",
            "2026/03/09",
            "2026-3-9",
            "+026-03-09",
            "",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        let t = NaiveTime::from_hms_opt(7, 5, 0).expect("time");
        assert_eq!(time(t), "07:05");
        assert_eq!(parse_time("07:05"), Some(t));
        assert_eq!(parse_time("7:05"), Some(t));
        for bad in ["24:00", "07:60", "7:5", "0705", "aa:bb", ":05"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(tenths(3.45), "3.5");
        assert_eq!(tenths(4.0), "4.0");
        assert_eq!(tenths(2.04), "2.0");
        assert_eq!(tenths(-0.5), "-0.5");
    }

    proptest! {
        #[test]
        fn days_round_trip(n in 0i32..200_000) {
            let d = NaiveDate::from_num_days_from_ce_opt(n + 700_000).expect("day");
            prop_assert_eq!(parse_day(&day(d)), Some(d));
        }

        #[test]
        fn times_round_trip(h in 0u32..24, m in 0u32..60) {
            let t = NaiveTime::from_hms_opt(h, m, 0).expect("time");
            prop_assert_eq!(parse_time(&time(t)), Some(t));
        }

        #[test]
        fn tenths_agree_with_the_standard_formatter(v in 0.0f32..10.0) {
            let ours = tenths(v);
            let std = format!("{v:.1}");
            // The standard formatter rounds half to even on exact ties; ours rounds half up.
            let ours_value: f32 = ours.parse().expect("number");
            let std_value: f32 = std.parse().expect("number");
            prop_assert!((ours_value - std_value).abs() <= 0.1001, "{} vs {}", ours, std);
        }
    }
}
