//! Real term-date calendars that nobody here wrote: a Sheffield school
//! trust's feeds of the council's holidays (with and without its INSET
//! days), the same trust's "term dates" feed (the days schools are open),
//! and GOV.UK's England and Wales bank holidays. Each is read where it is
//! kept, outside the repository (`../shared/data/terms-real/`, or the folder
//! `VILLAGE_TERMS_REAL_DIR` names); where it is absent the test says so and
//! passes without checking. For a handful of dates, each test checks what
//! Village then says about a term-time-only group and a holiday-only group.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use village_core::calendar::{
    expand, import, DateWindow, GroupTimes, Reach, Recurrence, Schedule, ScheduleParts, Status,
    TermBehaviour, TermCalendar,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// The file's text, or `None` (said on standard error) when it is absent.
fn real_file(name: &str) -> Option<String> {
    let dir = std::env::var_os("VILLAGE_TERMS_REAL_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/terms-real"),
        PathBuf::from,
    );
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!(
                "skipped: {} is not here; set VILLAGE_TERMS_REAL_DIR to a copy of shared/data/terms-real to check it",
                path.display()
            );
            None
        }
    }
}

/// What Village says about a weekly group meeting on `day`, following
/// `behaviour`, and skipping bank holidays when `skips` says so.
fn status(terms: &TermCalendar, behaviour: TermBehaviour, skips: bool, day: NaiveDate) -> Status {
    let schedule = Schedule::new(ScheduleParts {
        recurrence: Recurrence::Weeks {
            interval: 1,
            weekday: chrono::Datelike::weekday(&day),
        },
        starts: NaiveTime::from_hms_opt(10, 0, 0).expect("10am"),
        ends: NaiveTime::from_hms_opt(11, 30, 0).expect("11:30"),
        valid_from: day,
        valid_until: None,
        term_behaviour: behaviour,
        skips_bank_holidays: skips,
    })
    .expect("valid");
    let group = GroupTimes::new(Reach::Area, vec![schedule], vec![]).expect("valid");
    let window = DateWindow::days(day, 1).expect("a day");
    let found = expand(&group, terms, window);
    assert_eq!(found.len(), 1, "{day}");
    found[0].status.clone()
}

fn term_time(terms: &TermCalendar, day: NaiveDate) -> Status {
    status(terms, TermBehaviour::TermTimeOnly, false, day)
}

fn holidays(terms: &TermCalendar, day: NaiveDate) -> Status {
    status(terms, TermBehaviour::HolidaysOnly, false, day)
}

fn paused_for(name: &str) -> Status {
    Status::Break {
        name: name.to_owned(),
    }
}

fn calendar_of(imported: &import::ImportedTerms) -> TermCalendar {
    TermCalendar::new(
        imported.years.clone(),
        imported
            .bank_holidays
            .iter()
            .map(|(_, h)| h.clone())
            .collect(),
    )
    .expect("a calendar that makes sense")
}

#[test]
fn sheffield_school_holidays_give_the_right_weeks() {
    let Some(text) = real_file("sheffield-lea/school_holidays.ics") else {
        return;
    };
    let imported = import::parse(&text, &[]).expect("imports");
    let years: Vec<String> = imported.years.iter().map(|y| y.year.to_string()).collect();
    assert_eq!(years, ["2025-26", "2026-27", "2027-28"]);
    assert_eq!(imported.break_count(), 18, "six a year");
    assert_eq!(imported.bank_holidays.len(), 24);
    assert_eq!(imported.inset_day_count(), 0);
    let understood = imported.understood(&[]);
    assert_eq!(
        understood[1],
        "2026-27: 6 breaks, 8 bank holidays, 0 INSET days; a new school year."
    );
    assert_eq!(
        understood[3],
        "1 bank holiday from 2025-08-25 to 2025-08-25, added by date; no breaks change."
    );
    assert!(
        understood[4].starts_with("Left out: the file has too little of 2024-25"),
        "the August before its first year makes no year: {understood:?}"
    );
    let terms = calendar_of(&imported);

    // Monday 7 December 2026: term time.
    assert_eq!(term_time(&terms, date(2026, 12, 7)), Status::Running);
    assert_eq!(holidays(&terms, date(2026, 12, 7)), Status::TermTime);
    // Christmas Day: the Christmas holiday, and a bank holiday.
    let christmas = paused_for("Sheffield: Christmas holiday");
    assert_eq!(term_time(&terms, date(2026, 12, 25)), christmas);
    assert_eq!(holidays(&terms, date(2026, 12, 23)), Status::Running);
    assert_eq!(
        status(
            &terms,
            TermBehaviour::HolidaysOnly,
            true,
            date(2026, 12, 25)
        ),
        Status::BankHoliday {
            name: "Sheffield: Bank holiday".to_owned()
        }
    );
    // The October half term is named "School holiday" in this file.
    assert_eq!(
        term_time(&terms, date(2026, 10, 27)),
        paused_for("Sheffield: School holiday")
    );
    // A summer split at 1 August is one holiday, to the end of August.
    assert_eq!(
        term_time(&terms, date(2027, 8, 10)),
        paused_for("Sheffield: Summer holiday")
    );
    assert_eq!(term_time(&terms, date(2026, 9, 1)), Status::Running);
    // The file ends on 31 July 2028: after it, and before its first year,
    // the dates are not known rather than term time.
    assert_eq!(
        term_time(&terms, date(2028, 8, 10)),
        Status::TermDatesUnknown
    );
    assert_eq!(
        holidays(&terms, date(2025, 8, 12)),
        Status::TermDatesUnknown
    );
}

#[test]
fn a_schools_own_calendar_keeps_inset_days_as_the_area_chooses() {
    let Some(text) = real_file("sheffield-utc/school_holidays.ics") else {
        return;
    };
    let imported = import::parse(&text, &[]).expect("imports");
    assert_eq!(imported.break_count(), 18);
    assert_eq!(imported.inset_day_count(), 10);
    // 1 and 2 September, 21 October, and two "Disaggregated Day"s in 2026-27.
    assert_eq!(
        imported.understood(&[])[1],
        "2026-27: 6 breaks, 8 bank holidays, 5 INSET days; a new school year."
    );
    let terms = calendar_of(&imported);
    // By default an INSET day is a term day: term-time groups meet.
    assert_eq!(term_time(&terms, date(2026, 9, 1)), Status::Running);
    assert_eq!(holidays(&terms, date(2026, 9, 1)), Status::TermTime);
    assert_eq!(term_time(&terms, date(2026, 10, 22)), Status::Running);
    // An area that counts INSET days as breaks pauses them, by name.
    let closed = terms.with_inset_days_as_breaks(true);
    assert_eq!(
        term_time(&closed, date(2026, 9, 1)),
        paused_for("SUTC: INSET day")
    );
    assert_eq!(holidays(&closed, date(2026, 9, 2)), Status::Running);
    assert_eq!(
        term_time(&closed, date(2026, 10, 22)),
        paused_for("SUTC: Disaggregated Day")
    );
    assert_eq!(term_time(&closed, date(2026, 9, 3)), Status::Running);
}

#[test]
fn a_feed_of_term_days_is_refused_saying_what_it_is() {
    let Some(text) = real_file("sheffield-lea/term_dates.ics") else {
        return;
    };
    let error = import::parse(&text, &[]).expect_err("term days are not breaks");
    assert!(
        error
            .to_string()
            .starts_with("This file lists 585 days when schools are open (such as \"Sheffield: Term day (Week 1)\"), not the breaks between them"),
        "{error}"
    );
}

#[test]
fn govuk_bank_holidays_are_bank_holidays_and_make_no_school_year() {
    let Some(text) = real_file("govuk-bank-holidays/england-and-wales.ics") else {
        return;
    };
    let imported = import::parse(&text, &[]).expect("imports");
    assert!(imported.years.is_empty(), "no breaks, no years");
    assert_eq!(imported.bank_holidays.len(), 65);
    assert_eq!(
        imported.understood(&[]),
        ["65 bank holidays from 2012-01-02 to 2019-12-26, added by date; no breaks change."]
    );
    let names: std::collections::BTreeMap<NaiveDate, &str> = imported
        .bank_holidays
        .iter()
        .map(|(_, h)| (h.date, h.name.as_str()))
        .collect();
    assert_eq!(names[&date(2018, 12, 25)], "Christmas Day");
    assert_eq!(names[&date(2019, 4, 19)], "Good Friday");
    assert_eq!(names[&date(2012, 6, 5)], "Queen\u{2019}s Diamond Jubilee");

    // On top of an area's school year, they skip and never pause.
    let sheffield = real_file("sheffield-lea/school_holidays.ics");
    let years = sheffield
        .map(|t| import::parse(&t, &[]).expect("imports").years)
        .unwrap_or_default();
    let terms = TermCalendar::new(
        years,
        imported
            .bank_holidays
            .iter()
            .map(|(_, h)| h.clone())
            .collect(),
    )
    .expect("valid");
    // No school year covers 2018: a term-bound group says dates are not
    // known, never "meets on Christmas Day".
    assert_eq!(
        term_time(&terms, date(2018, 12, 25)),
        Status::TermDatesUnknown
    );
    assert_eq!(
        holidays(&terms, date(2018, 12, 25)),
        Status::TermDatesUnknown
    );
    assert_eq!(
        status(&terms, TermBehaviour::AllYear, true, date(2018, 12, 25)),
        Status::BankHoliday {
            name: "Christmas Day".to_owned()
        }
    );
    assert_eq!(
        status(&terms, TermBehaviour::AllYear, true, date(2018, 12, 27)),
        Status::Running
    );
}
