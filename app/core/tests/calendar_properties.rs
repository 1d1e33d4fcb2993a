//! Properties every expansion keeps, over random term calendars, schedules
//! and exceptions.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use proptest::prelude::*;
use std::collections::BTreeSet;
use village_core::calendar::{
    expand, BankHoliday, BreakKind, DateRange, DateWindow, Day, Exception, GroupTimes, Kind,
    Occurrence, Reach, Recurrence, Schedule, ScheduleParts, SchoolYear, Status, TermBehaviour,
    TermBreak, TermCalendar, WeekOfMonth, YearTerms,
};

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 1).expect("a valid date") + Duration::days(offset)
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(|n| match n {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    })
}

fn time_pair() -> impl Strategy<Value = (NaiveTime, NaiveTime)> {
    (6u32..21, 0u32..4, 1u32..5).prop_map(|(h, quarter, length)| {
        let starts = NaiveTime::from_hms_opt(h, quarter * 15, 0).expect("valid");
        (starts, starts + Duration::minutes(i64::from(length) * 30))
    })
}

/// One school year from about September 2026, with up to six breaks laid end
/// to end with gaps, and some bank holidays.
fn terms() -> impl Strategy<Value = TermCalendar> {
    (
        0i64..10,
        proptest::collection::vec((3i64..40, 2i64..20), 0..7),
        proptest::collection::vec(0i64..420, 0..8),
    )
        .prop_map(|(start, gaps, bank)| {
            let first = day(31 + start);
            let last = first + Duration::days(362);
            let mut breaks = Vec::new();
            let mut cursor = first;
            for (index, (gap, length)) in gaps.into_iter().enumerate() {
                let from = cursor + Duration::days(gap);
                let to = from + Duration::days(length - 1);
                if to > last {
                    break;
                }
                breaks.push(TermBreak {
                    name: format!("Break {index}"),
                    kind: if length > 9 {
                        BreakKind::Holiday
                    } else {
                        BreakKind::HalfTerm
                    },
                    dates: DateRange::new(from, to).expect("ordered"),
                });
                cursor = to + Duration::days(1);
            }
            let year = YearTerms {
                year: SchoolYear::of_start(2026),
                dates: DateRange::new(first, last).expect("ordered"),
                breaks,
            };
            let bank = bank
                .into_iter()
                .map(|offset| BankHoliday {
                    date: day(offset),
                    name: "Bank holiday".into(),
                })
                .collect();
            TermCalendar::new(vec![year], bank).expect("built valid")
        })
}

fn recurrence() -> impl Strategy<Value = Recurrence> {
    prop_oneof![
        (1u8..5, weekday()).prop_map(|(interval, weekday)| Recurrence::Weeks { interval, weekday }),
        (0usize..5, weekday()).prop_map(|(week, weekday)| Recurrence::Month {
            week: WeekOfMonth::ALL[week],
            weekday,
        }),
    ]
}

fn schedule(term_behaviour: TermBehaviour) -> impl Strategy<Value = Schedule> {
    (
        recurrence(),
        time_pair(),
        0i64..300,
        proptest::option::of(0i64..400),
        any::<bool>(),
    )
        .prop_map(
            move |(recurrence, (starts, ends), from, length, skips_bank_holidays)| {
                Schedule::new(ScheduleParts {
                    recurrence,
                    starts,
                    ends,
                    valid_from: day(from),
                    valid_until: length.map(|l| day(from + l)),
                    term_behaviour,
                    skips_bank_holidays,
                })
                .expect("built valid")
            },
        )
}

fn behaviour() -> impl Strategy<Value = TermBehaviour> {
    (0usize..3).prop_map(|n| TermBehaviour::ALL[n])
}

fn cancellations() -> impl Strategy<Value = Vec<Exception>> {
    proptest::collection::vec(0i64..450, 0..12).prop_map(|offsets| {
        offsets
            .into_iter()
            .map(|offset| Exception::Cancelled {
                date: day(offset),
                reason: "Venue closed".into(),
            })
            .collect()
    })
}

fn exceptions() -> impl Strategy<Value = Vec<Exception>> {
    let one = prop_oneof![
        (0i64..450).prop_map(|offset| Exception::Cancelled {
            date: day(offset),
            reason: "Venue closed".into(),
        }),
        (0i64..450, time_pair()).prop_map(|(offset, (starts, ends))| Exception::Extra {
            date: day(offset),
            starts,
            ends,
        }),
        (0i64..450, -6i64..7, time_pair()).prop_map(|(offset, shift, (starts, ends))| {
            Exception::Moved {
                from: day(offset),
                to: day(offset + shift),
                starts,
                ends,
            }
        }),
    ];
    proptest::collection::vec(one, 0..10)
}

fn group(reach: Reach) -> impl Strategy<Value = GroupTimes> {
    let term_behaviour = if reach == Reach::National {
        Just(TermBehaviour::AllYear).boxed()
    } else {
        behaviour().boxed()
    };
    (
        term_behaviour.prop_flat_map(|b| proptest::collection::vec(schedule(b), 1..4)),
        exceptions(),
    )
        .prop_map(move |(schedules, exceptions)| {
            GroupTimes::new(reach, schedules, exceptions).expect("built valid")
        })
}

fn one_schedule_group(term_behaviour: TermBehaviour) -> impl Strategy<Value = GroupTimes> {
    (schedule(term_behaviour), cancellations()).prop_map(|(schedule, exceptions)| {
        GroupTimes::new(Reach::Area, vec![schedule], exceptions).expect("valid")
    })
}

/// A window somewhere in the 15 months from August 2026.
fn window() -> impl Strategy<Value = DateWindow> {
    (0i64..400, 0u32..120)
        .prop_map(|(from, days)| DateWindow::days(day(from), days).expect("short"))
}

fn sessions(found: &[Occurrence]) -> impl Iterator<Item = &Occurrence> {
    found.iter().filter(|o| o.is_session())
}

proptest! {
    #[test]
    fn a_term_time_only_group_never_meets_in_a_break(
        terms in terms(), group in one_schedule_group(TermBehaviour::TermTimeOnly), window in window()
    ) {
        for session in sessions(&expand(&group, &terms, window)) {
            prop_assert_eq!(terms.day(session.date), Day::Term, "{:?}", session);
        }
    }

    #[test]
    fn a_holidays_only_group_never_meets_in_term(
        terms in terms(), group in one_schedule_group(TermBehaviour::HolidaysOnly), window in window()
    ) {
        for session in sessions(&expand(&group, &terms, window)) {
            prop_assert!(matches!(terms.day(session.date), Day::Break(_)), "{:?}", session);
        }
    }

    #[test]
    fn term_bound_groups_are_never_promised_where_term_dates_are_unknown(
        terms in terms(),
        group in prop_oneof![Just(TermBehaviour::TermTimeOnly), Just(TermBehaviour::HolidaysOnly)]
            .prop_flat_map(one_schedule_group),
        window in window()
    ) {
        for found in expand(&group, &terms, window) {
            if terms.day(found.date) == Day::Unknown && found.kind == Kind::Regular {
                prop_assert_eq!(found.status, Status::TermDatesUnknown);
            }
        }
    }

    #[test]
    fn expanding_in_two_parts_gives_the_same_as_in_one(
        terms in terms(), group in group(Reach::Area), from in 0i64..400, first in 0i64..90, second in 0i64..90
    ) {
        let (a, b, c) = (day(from), day(from + first), day(from + first + second));
        let whole = expand(&group, &terms, DateWindow::new(a, c).expect("short"));
        let mut parts = expand(&group, &terms, DateWindow::new(a, b).expect("short"));
        parts.extend(expand(&group, &terms, DateWindow::new(b, c).expect("short")));
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn no_duplicates_sorted_and_inside_the_window(
        terms in terms(), group in group(Reach::Area), window in window()
    ) {
        let found = expand(&group, &terms, window);
        let mut seen = BTreeSet::new();
        for occurrence in &found {
            prop_assert!(window.contains(occurrence.date));
            prop_assert!(seen.insert((occurrence.date, occurrence.starts, occurrence.ends)), "twice: {:?}", occurrence);
        }
        prop_assert!(found.windows(2).all(|w| (w[0].date, w[0].starts) <= (w[1].date, w[1].starts)));
    }

    #[test]
    fn cancelled_dates_never_appear_as_running(
        terms in terms(), group in group(Reach::Area), window in window()
    ) {
        let cancelled: BTreeSet<NaiveDate> = group.exceptions().iter().filter_map(|e| match e {
            Exception::Cancelled { date, .. } => Some(*date),
            _ => None,
        }).collect();
        for found in expand(&group, &terms, window) {
            if cancelled.contains(&found.date) {
                prop_assert!(!found.is_running(), "{:?}", found);
            }
        }
    }

    #[test]
    fn national_groups_ignore_term_dates(
        terms in terms(), group in group(Reach::National), window in window()
    ) {
        for found in expand(&group, &terms, window) {
            let term_bound = matches!(found.status, Status::Break { .. } | Status::TermTime | Status::TermDatesUnknown);
            prop_assert!(!term_bound, "{:?}", found);
        }
    }

    #[test]
    fn expansion_is_deterministic(terms in terms(), group in group(Reach::Area), window in window()) {
        prop_assert_eq!(expand(&group, &terms, window), expand(&group, &terms, window));
    }
}

/// Any date chrono can represent, with the ends and the years around them
/// more likely than a uniform draw would make them.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::MIN.num_days_from_ce();
    let last = NaiveDate::MAX.num_days_from_ce();
    prop_oneof![(first..=last), (last - 800..=last), (first..=first + 800),]
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in chrono's range"))
}

/// Any schedule of any kind, starting on any date, and dates on its edges.
fn extreme_group() -> impl Strategy<Value = GroupTimes> {
    (
        recurrence(),
        prop_oneof![Just(1u8), Just(2u8), Just(8u8)],
        behaviour(),
        any_date(),
        proptest::option::of(0i64..2000),
        any_date(),
    )
        .prop_map(
            |(recurrence, interval, term_behaviour, from, length, extra)| {
                let recurrence = match recurrence {
                    Recurrence::Weeks { weekday, .. } => Recurrence::Weeks { interval, weekday },
                    month => month,
                };
                let (starts, ends) = (
                    NaiveTime::from_hms_opt(10, 0, 0).expect("valid"),
                    NaiveTime::from_hms_opt(11, 0, 0).expect("valid"),
                );
                let schedule = Schedule::new(ScheduleParts {
                    recurrence,
                    starts,
                    ends,
                    valid_from: from,
                    valid_until: length.and_then(|l| from.checked_add_signed(Duration::days(l))),
                    term_behaviour,
                    skips_bank_holidays: true,
                })
                .expect("built valid");
                let exceptions = vec![
                    Exception::Extra {
                        date: extra,
                        starts,
                        ends,
                    },
                    Exception::Cancelled {
                        date: from,
                        reason: "Venue closed".into(),
                    },
                ];
                GroupTimes::new(Reach::Area, vec![schedule], exceptions).expect("built valid")
            },
        )
}

proptest! {
    /// Regression: a monthly group asked about a date near chrono's last year
    /// looped for ever, and a weekly one panicked; one request per core
    /// stopped the server. Now every expansion ends, quickly, without a panic.
    #[test]
    fn expansion_ends_quickly_for_any_date_chrono_can_represent(
        terms in terms(), group in extreme_group(), from in any_date(), days in 1u32..=62
    ) {
        let started = std::time::Instant::now();
        if let Ok(window) = DateWindow::days(from, days) {
            for found in expand(&group, &terms, window) {
                prop_assert!(window.contains(found.date));
            }
        }
        let _ = village_core::calendar::next_running(&group, &terms, from, 800);
        prop_assert!(started.elapsed() < std::time::Duration::from_secs(1), "took {:?}", started.elapsed());
    }
}

#[test]
fn a_monthly_group_asked_about_the_year_262142_answers_at_once() {
    let group = GroupTimes::new(
        Reach::Area,
        vec![Schedule::new(ScheduleParts {
            recurrence: Recurrence::Month {
                week: WeekOfMonth::First,
                weekday: Weekday::Fri,
            },
            starts: NaiveTime::from_hms_opt(10, 0, 0).expect("valid"),
            ends: NaiveTime::from_hms_opt(11, 0, 0).expect("valid"),
            valid_from: day(0),
            valid_until: None,
            term_behaviour: TermBehaviour::AllYear,
            skips_bank_holidays: false,
        })
        .expect("valid")],
        Vec::new(),
    )
    .expect("valid");
    let from = NaiveDate::from_ymd_opt(262_142, 11, 1).expect("chrono's last year");
    let window = DateWindow::days(from, 45).expect("fits");
    // The first Fridays of November and December, and then chrono's calendar ends.
    let found: Vec<_> = expand(&group, &TermCalendar::default(), window)
        .iter()
        .map(|o| o.date.month())
        .collect();
    assert_eq!(found, [11, 12]);
}
