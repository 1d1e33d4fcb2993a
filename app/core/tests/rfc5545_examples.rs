//! The recurrence examples of RFC 5545 §3.8.5.3 that Village's schedules can
//! express, with the dates the RFC lists. Times are wall-clock, as in the
//! RFC (its examples are in New York; the dates do not depend on the zone).

use chrono::{NaiveDate, NaiveTime, Weekday};
use village_core::calendar::{
    expand, DateWindow, GroupTimes, Reach, Recurrence, Schedule, ScheduleParts, TermBehaviour,
    TermCalendar, WeekOfMonth,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn schedule(
    recurrence: Recurrence,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Schedule {
    Schedule::new(ScheduleParts {
        recurrence,
        starts: NaiveTime::from_hms_opt(9, 0, 0).expect("9am"),
        ends: NaiveTime::from_hms_opt(10, 0, 0).expect("10am"),
        valid_from,
        valid_until,
        term_behaviour: TermBehaviour::AllYear,
        skips_bank_holidays: false,
    })
    .expect("valid")
}

/// The dates in a window far wider than every example.
fn dates(schedules: Vec<Schedule>, take: usize) -> Vec<NaiveDate> {
    let group = GroupTimes::new(Reach::Area, schedules, vec![]).expect("valid");
    let window = DateWindow::new(date(1997, 9, 1), date(1999, 9, 1)).expect("window");
    expand(&group, &TermCalendar::default(), window)
        .into_iter()
        .map(|o| o.date)
        .take(take)
        .collect()
}

fn weeks(interval: u8, weekday: Weekday) -> Recurrence {
    Recurrence::Weeks { interval, weekday }
}

#[test]
fn weekly_for_10_occurrences() {
    // DTSTART;TZID=America/New_York:19970902T090000 RRULE:FREQ=WEEKLY;COUNT=10
    let found = dates(
        vec![schedule(
            weeks(1, Weekday::Tue),
            date(1997, 9, 2),
            Some(date(1997, 11, 4)),
        )],
        100,
    );
    let expected = [
        (9, 2),
        (9, 9),
        (9, 16),
        (9, 23),
        (9, 30),
        (10, 7),
        (10, 14),
        (10, 21),
        (10, 28),
        (11, 4),
    ]
    .map(|(m, d)| date(1997, m, d));
    assert_eq!(found, expected);
}

#[test]
fn weekly_until_december_24_1997() {
    // RRULE:FREQ=WEEKLY;UNTIL=19971224T000000Z
    let found = dates(
        vec![schedule(
            weeks(1, Weekday::Tue),
            date(1997, 9, 2),
            Some(date(1997, 12, 24)),
        )],
        100,
    );
    assert_eq!(found.len(), 17);
    assert_eq!(found.first(), Some(&date(1997, 9, 2)));
    assert_eq!(found.last(), Some(&date(1997, 12, 23)));
}

#[test]
fn every_other_week_forever() {
    // RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU
    let found = dates(
        vec![schedule(weeks(2, Weekday::Tue), date(1997, 9, 2), None)],
        13,
    );
    let expected = vec![
        date(1997, 9, 2),
        date(1997, 9, 16),
        date(1997, 9, 30),
        date(1997, 10, 14),
        date(1997, 10, 28),
        date(1997, 11, 11),
        date(1997, 11, 25),
        date(1997, 12, 9),
        date(1997, 12, 23),
        date(1998, 1, 6),
        date(1998, 1, 20),
        date(1998, 2, 3),
        date(1998, 2, 17),
    ];
    assert_eq!(found, expected);
}

#[test]
fn weekly_on_tuesday_and_thursday_for_five_weeks() {
    // RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH
    let until = Some(date(1997, 10, 6));
    let found = dates(
        vec![
            schedule(weeks(1, Weekday::Tue), date(1997, 9, 2), until),
            schedule(weeks(1, Weekday::Thu), date(1997, 9, 2), until),
        ],
        100,
    );
    let expected = [
        (9, 2),
        (9, 4),
        (9, 9),
        (9, 11),
        (9, 16),
        (9, 18),
        (9, 23),
        (9, 25),
        (9, 30),
        (10, 2),
    ]
    .map(|(m, d)| date(1997, m, d));
    assert_eq!(found, expected);
}

#[test]
fn every_other_week_on_tuesday_and_thursday_for_8_occurrences() {
    // RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH
    let found = dates(
        vec![
            schedule(weeks(2, Weekday::Tue), date(1997, 9, 2), None),
            schedule(weeks(2, Weekday::Thu), date(1997, 9, 2), None),
        ],
        8,
    );
    let expected = [
        (9, 2),
        (9, 4),
        (9, 16),
        (9, 18),
        (9, 30),
        (10, 2),
        (10, 14),
        (10, 16),
    ]
    .map(|(m, d)| date(1997, m, d));
    assert_eq!(found, expected);
}

#[test]
fn monthly_on_the_first_friday_for_10_occurrences() {
    // DTSTART;TZID=America/New_York:19970905T090000 RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR
    let first_friday = Recurrence::Month {
        week: WeekOfMonth::First,
        weekday: Weekday::Fri,
    };
    let found = dates(vec![schedule(first_friday, date(1997, 9, 5), None)], 10);
    let expected = vec![
        date(1997, 9, 5),
        date(1997, 10, 3),
        date(1997, 11, 7),
        date(1997, 12, 5),
        date(1998, 1, 2),
        date(1998, 2, 6),
        date(1998, 3, 6),
        date(1998, 4, 3),
        date(1998, 5, 1),
        date(1998, 6, 5),
    ];
    assert_eq!(found, expected);
}

#[test]
fn monthly_on_the_first_friday_until_december_24_1997() {
    // RRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR
    let first_friday = Recurrence::Month {
        week: WeekOfMonth::First,
        weekday: Weekday::Fri,
    };
    let found = dates(
        vec![schedule(
            first_friday,
            date(1997, 9, 5),
            Some(date(1997, 12, 24)),
        )],
        100,
    );
    assert_eq!(
        found,
        [(9, 5), (10, 3), (11, 7), (12, 5)].map(|(m, d)| date(1997, m, d))
    );
}

#[test]
fn monthly_on_the_first_and_last_sunday_for_10_occurrences() {
    // DTSTART;TZID=America/New_York:19970907T090000 RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU
    // is every *other* month; the monthly version of it is two monthly
    // schedules. Its dates for September to January:
    let sunday = |week| Recurrence::Month {
        week,
        weekday: Weekday::Sun,
    };
    let found = dates(
        vec![
            schedule(sunday(WeekOfMonth::First), date(1997, 9, 7), None),
            schedule(sunday(WeekOfMonth::Last), date(1997, 9, 7), None),
        ],
        10,
    );
    let expected = vec![
        date(1997, 9, 7),
        date(1997, 9, 28),
        date(1997, 10, 5),
        date(1997, 10, 26),
        date(1997, 11, 2),
        date(1997, 11, 30),
        date(1997, 12, 7),
        date(1997, 12, 28),
        date(1998, 1, 4),
        date(1998, 1, 25),
    ];
    assert_eq!(found, expected);
}
