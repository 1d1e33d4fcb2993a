//! The usual shape of a school year in England and Wales, and the bank
//! holidays of England and Wales, worked out for any year. The sample area
//! uses them so that a demonstration shows a living calendar whatever the
//! date; real areas always import their council's own dates.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::term::{BankHoliday, BreakKind, DateRange, SchoolYear, TermBreak, YearTerms};

/// One-off changes to the usual bank holidays (proclamations), as published on
/// GOV.UK: days moved from where the rules put them `(usual, moved to, name)`,
/// and extra days.
const MOVED: [(NaiveDate, NaiveDate, &str); 3] = [
    (ymd(2012, 5, 28), ymd(2012, 6, 4), "Spring bank holiday"),
    (
        ymd(2020, 5, 4),
        ymd(2020, 5, 8),
        "Early May bank holiday (VE day)",
    ),
    (ymd(2022, 5, 30), ymd(2022, 6, 2), "Spring bank holiday"),
];
const EXTRA: [(NaiveDate, &str); 4] = [
    (ymd(2012, 6, 5), "Queen’s Diamond Jubilee"),
    (ymd(2022, 6, 3), "Platinum Jubilee bank holiday"),
    (
        ymd(2022, 9, 19),
        "Bank Holiday for the State Funeral of Queen Elizabeth II",
    ),
    (
        ymd(2023, 5, 8),
        "Bank holiday for the coronation of King Charles III",
    ),
];

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date.checked_add_signed(Duration::days(i64::from(ahead)))
}

/// The last `weekday` on or before `date`.
fn on_or_before(date: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let back = (7 + date.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    date.checked_sub_signed(Duration::days(i64::from(back)))
}

fn days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::days(n))
}

/// The last Monday of a month.
fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    on_or_before(next.pred_opt()?, Weekday::Mon)
}

/// The bank holidays of England and Wales in a calendar year: the usual rules
/// (weekend days moved to the next weekday) with the one-off changes GOV.UK
/// has published.
pub fn bank_holidays_england_and_wales(year: i32) -> Option<Vec<BankHoliday>> {
    let easter = easter_sunday(year)?;
    let mut days_off: Vec<(NaiveDate, String)> = Vec::new();
    let weekday_or_monday = |date: NaiveDate| match date.weekday() {
        Weekday::Sat => days(date, 2),
        Weekday::Sun => days(date, 1),
        _ => Some(date),
    };
    let named = |date: NaiveDate, usual: NaiveDate, name: &str| {
        if date == usual {
            name.to_owned()
        } else {
            format!("{name} (substitute day)")
        }
    };
    let new_year = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let moved_new_year = weekday_or_monday(new_year)?;
    days_off.push((
        moved_new_year,
        named(moved_new_year, new_year, "New Year’s Day"),
    ));
    days_off.push((days(easter, -2)?, "Good Friday".to_owned()));
    days_off.push((days(easter, 1)?, "Easter Monday".to_owned()));
    days_off.push((
        on_or_after(NaiveDate::from_ymd_opt(year, 5, 1)?, Weekday::Mon)?,
        "Early May bank holiday".to_owned(),
    ));
    days_off.push((last_monday(year, 5)?, "Spring bank holiday".to_owned()));
    days_off.push((last_monday(year, 8)?, "Summer bank holiday".to_owned()));
    let christmas = NaiveDate::from_ymd_opt(year, 12, 25)?;
    let boxing = NaiveDate::from_ymd_opt(year, 12, 26)?;
    let (christmas_off, boxing_off) = match christmas.weekday() {
        Weekday::Fri => (christmas, days(christmas, 3)?),
        Weekday::Sat => (days(christmas, 2)?, days(christmas, 3)?),
        Weekday::Sun => (days(christmas, 2)?, boxing),
        _ => (christmas, boxing),
    };
    days_off.push((
        christmas_off,
        named(christmas_off, christmas, "Christmas Day"),
    ));
    days_off.push((boxing_off, named(boxing_off, boxing, "Boxing Day")));

    for (usual, moved, name) in MOVED {
        if let Some(day) = days_off.iter_mut().find(|(date, _)| *date == usual) {
            *day = (moved, name.to_owned());
        }
    }
    days_off.extend(
        EXTRA
            .iter()
            .filter(|(date, _)| date.year() == year)
            .map(|(date, name)| (*date, (*name).to_owned())),
    );
    days_off.sort();
    Some(
        days_off
            .into_iter()
            .map(|(date, name)| BankHoliday { date, name })
            .collect(),
    )
}

/// The first day of the autumn term: the first Thursday from 2 September.
fn autumn_starts(year: i32) -> Option<NaiveDate> {
    on_or_after(NaiveDate::from_ymd_opt(year, 9, 2)?, Weekday::Thu)
}

/// A week's break around a Monday: from the Saturday before to the Sunday after.
fn week_round(monday: NaiveDate) -> Option<DateRange> {
    DateRange::new(days(monday, -2)?, days(monday, 6)?).ok()
}

/// A school year in the usual English and Welsh pattern: the autumn term from
/// the first Thursday in September, half terms in the weeks of the last Monday
/// of October, the third Monday of February and the spring bank holiday, two
/// weeks at Christmas and at Easter, and the summer holidays from the Thursday
/// after 20 July until the next year begins.
pub fn usual_school_year(year: SchoolYear) -> Option<YearTerms> {
    let y = year.starts_in();
    let first = autumn_starts(y)?;
    let last = autumn_starts(y + 1)?.pred_opt()?;
    let easter = easter_sunday(y + 1)?;
    let third_monday_of_february = days(
        on_or_after(NaiveDate::from_ymd_opt(y + 1, 2, 1)?, Weekday::Mon)?,
        14,
    )?;
    let breaks = [
        (
            "October half term",
            BreakKind::HalfTerm,
            week_round(last_monday(y, 10)?)?,
        ),
        (
            "Christmas holidays",
            BreakKind::Holiday,
            DateRange::new(
                on_or_before(NaiveDate::from_ymd_opt(y, 12, 20)?, Weekday::Sat)?,
                on_or_after(NaiveDate::from_ymd_opt(y + 1, 1, 2)?, Weekday::Mon)?,
            )
            .ok()?,
        ),
        (
            "February half term",
            BreakKind::HalfTerm,
            week_round(third_monday_of_february)?,
        ),
        (
            "Easter holidays",
            BreakKind::Holiday,
            DateRange::new(days(easter, -2)?, days(easter, 14)?).ok()?,
        ),
        (
            "May half term",
            BreakKind::HalfTerm,
            week_round(last_monday(y + 1, 5)?)?,
        ),
        (
            "Summer holidays",
            BreakKind::Holiday,
            DateRange::new(
                on_or_after(NaiveDate::from_ymd_opt(y + 1, 7, 20)?, Weekday::Thu)?,
                last,
            )
            .ok()?,
        ),
    ];
    Some(YearTerms {
        year,
        dates: DateRange::new(first, last).ok()?,
        breaks: breaks
            .into_iter()
            .map(|(name, kind, dates)| TermBreak {
                name: name.to_owned(),
                kind,
                dates,
            })
            .collect(),
    })
}

/// The school year, in the usual pattern, that a date falls in.
pub fn school_year_of(date: NaiveDate) -> Option<SchoolYear> {
    let starts_this_year = autumn_starts(date.year())?;
    Some(SchoolYear::of_start(if date >= starts_this_year {
        date.year()
    } else {
        date.year() - 1
    }))
}

/// The bank holidays of England and Wales that fall in a school year's dates.
pub fn bank_holidays_in(year: &YearTerms) -> Option<Vec<BankHoliday>> {
    let mut found = Vec::new();
    for calendar_year in year.dates.first().year()..=year.dates.last().year() {
        found.extend(
            bank_holidays_england_and_wales(calendar_year)?
                .into_iter()
                .filter(|h| year.dates.contains(h.date)),
        );
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TermCalendar;
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    /// Real calendars published by others, read where they are kept (never
    /// copied into the project): `VILLAGE_SHARED_DATA`, or the `shared/data`
    /// folder beside the workspace.
    fn shared_data(file: &str) -> String {
        let candidates = [
            std::env::var_os("VILLAGE_SHARED_DATA").map(PathBuf::from),
            std::env::var_os("CARGO_MANIFEST_DIR")
                .map(|package| PathBuf::from(package).join("../../../shared/data")),
            Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")),
            Some(PathBuf::from("/work/shared/data")),
        ];
        for dir in candidates.into_iter().flatten() {
            if let Ok(text) = std::fs::read_to_string(dir.join(file)) {
                return text;
            }
        }
        panic!("{file} is not in VILLAGE_SHARED_DATA or ../shared/data: set VILLAGE_SHARED_DATA");
    }

    /// Every all-day event's first day in an iCalendar file.
    fn all_day_starts(ics: &str) -> BTreeSet<NaiveDate> {
        ics.lines()
            .filter_map(|line| line.trim_end().strip_prefix("DTSTART;VALUE=DATE:"))
            .map(|raw| NaiveDate::parse_from_str(raw, "%Y%m%d").expect("a date"))
            .collect()
    }

    fn rules(years: std::ops::RangeInclusive<i32>) -> BTreeSet<NaiveDate> {
        years
            .flat_map(|y| bank_holidays_england_and_wales(y).expect("a year"))
            .map(|h| h.date)
            .collect()
    }

    #[test]
    fn easter_falls_where_the_church_calendars_say() {
        for (year, month, day) in [
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(year), Some(date(year, month, day)), "{year}");
        }
    }

    #[test]
    fn bank_holidays_agree_with_gov_uks_feed_for_2012_to_2019() {
        let govuk = all_day_starts(&shared_data(
            "terms-real/govuk-bank-holidays/england-and-wales.ics",
        ));
        assert_eq!(govuk.len(), 65);
        assert_eq!(rules(2012..=2019), govuk);
    }

    #[test]
    fn bank_holidays_agree_with_sheffields_calendar_for_2025_to_2028() {
        let sheffield = shared_data("terms-real/sheffield-lea/school_holidays.ics");
        let mut published = BTreeSet::new();
        let mut event = Vec::new();
        for line in sheffield.lines() {
            event.push(line.trim_end());
            if line.starts_with("END:VEVENT") {
                if event.contains(&"SUMMARY:Sheffield: Bank holiday") {
                    published.extend(all_day_starts(&event.join("\n")));
                }
                event.clear();
            }
        }
        assert_eq!(published.len(), 24);
        let first = *published.first().expect("some");
        let last = *published.last().expect("some");
        let ours: BTreeSet<_> = rules(2025..=2028)
            .into_iter()
            .filter(|d| (first..=last).contains(d))
            .collect();
        assert_eq!(ours, published);
    }

    #[test]
    fn weekend_holidays_move_to_the_next_weekdays() {
        // 2027: Christmas on a Saturday, Boxing Day on a Sunday.
        let days: Vec<_> = bank_holidays_england_and_wales(2027)
            .expect("a year")
            .into_iter()
            .filter(|h| h.date.month() == 12)
            .collect();
        assert_eq!(days[0].date, date(2027, 12, 27));
        assert_eq!(days[0].name, "Christmas Day (substitute day)");
        assert_eq!(days[1].date, date(2027, 12, 28));
        assert_eq!(days[1].name, "Boxing Day (substitute day)");
    }

    #[test]
    fn the_usual_2026_27_year_is_the_sample_areas_year() {
        let year = usual_school_year(SchoolYear::of_start(2026)).expect("a year");
        assert_eq!(
            year.dates,
            DateRange::new(date(2026, 9, 3), date(2027, 9, 1)).expect("ordered")
        );
        let breaks: Vec<_> = year
            .breaks
            .iter()
            .map(|b| (b.name.as_str(), b.dates.first(), b.dates.last()))
            .collect();
        assert_eq!(
            breaks,
            [
                ("October half term", date(2026, 10, 24), date(2026, 11, 1)),
                ("Christmas holidays", date(2026, 12, 19), date(2027, 1, 4)),
                ("February half term", date(2027, 2, 13), date(2027, 2, 21)),
                ("Easter holidays", date(2027, 3, 26), date(2027, 4, 11)),
                ("May half term", date(2027, 5, 29), date(2027, 6, 6)),
                ("Summer holidays", date(2027, 7, 22), date(2027, 9, 1)),
            ]
        );
    }

    #[test]
    fn usual_years_follow_one_another_and_make_valid_calendars_for_three_centuries() {
        for start in 1990..2290 {
            let years: Vec<_> = (start..start + 3)
                .map(|y| usual_school_year(SchoolYear::of_start(y)).expect("a year"))
                .collect();
            assert_eq!(
                years[0].dates.last().succ_opt(),
                Some(years[1].dates.first())
            );
            let holidays = years
                .iter()
                .flat_map(|y| bank_holidays_in(y).expect("holidays"))
                .collect();
            TermCalendar::new(years, holidays).unwrap_or_else(|e| panic!("{start}: {e}"));
        }
    }

    #[test]
    fn every_date_belongs_to_the_school_year_that_covers_it() {
        let mut day = date(2020, 1, 1);
        while day < date(2032, 1, 1) {
            let year = school_year_of(day).expect("a year");
            let terms = usual_school_year(year).expect("terms");
            assert!(terms.dates.contains(day), "{day} is not in {year}");
            day = day.succ_opt().expect("a day");
        }
    }
}
