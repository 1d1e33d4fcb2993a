//! `make bench`'s expansion figure: 1,000 groups expanded over a school year,
//! median of 21 runs, against the budget in docs/reliability-and-performance.md (≤ 20 ms).

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use std::{hint::black_box, time::Instant};
use village_core::calendar::{
    expand, BankHoliday, BreakKind, DateRange, DateWindow, Exception, GroupTimes, Reach,
    Recurrence, Schedule, ScheduleParts, SchoolYear, TermBehaviour, TermBreak, TermCalendar,
    WeekOfMonth, YearTerms,
};

const GROUPS: usize = 1_000;
const RUNS: usize = 21;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn terms() -> Option<TermCalendar> {
    let breaks = [
        ("October half term", (2026, 10, 24), (2026, 11, 1)),
        ("Christmas holidays", (2026, 12, 19), (2027, 1, 4)),
        ("February half term", (2027, 2, 13), (2027, 2, 21)),
        ("Easter holidays", (2027, 3, 26), (2027, 4, 11)),
        ("May half term", (2027, 5, 29), (2027, 6, 6)),
        ("Summer holidays", (2027, 7, 22), (2027, 9, 1)),
    ];
    let mut list = Vec::new();
    for (name, (y1, m1, d1), (y2, m2, d2)) in breaks {
        list.push(TermBreak {
            name: name.to_owned(),
            kind: if name.contains("half") {
                BreakKind::HalfTerm
            } else {
                BreakKind::Holiday
            },
            dates: DateRange::new(date(y1, m1, d1)?, date(y2, m2, d2)?).ok()?,
        });
    }
    let year = YearTerms {
        year: SchoolYear::of_start(2026),
        dates: DateRange::new(date(2026, 9, 3)?, date(2027, 9, 1)?).ok()?,
        breaks: list,
    };
    let bank = [
        (2026, 12, 25),
        (2026, 12, 28),
        (2027, 1, 1),
        (2027, 3, 26),
        (2027, 3, 29),
        (2027, 5, 3),
        (2027, 5, 31),
        (2027, 8, 30),
    ]
    .into_iter()
    .filter_map(|(y, m, d)| date(y, m, d))
    .map(|date| BankHoliday {
        date,
        name: "Bank holiday".to_owned(),
    })
    .collect();
    TermCalendar::new(vec![year], bank).ok()
}

fn groups() -> Option<Vec<GroupTimes>> {
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let from = date(2026, 9, 1)?;
    (0..GROUPS)
        .map(|i| {
            let weekday = weekdays[i % 7];
            let recurrence = match i % 5 {
                0 => Recurrence::Month {
                    week: WeekOfMonth::ALL[(i / 5) % 5],
                    weekday,
                },
                1 => Recurrence::Weeks {
                    interval: 2,
                    weekday,
                },
                _ => Recurrence::Weeks {
                    interval: 1,
                    weekday,
                },
            };
            let starts = NaiveTime::from_hms_opt(9 + (i % 10) as u32, 0, 0)?;
            let term_behaviour = TermBehaviour::ALL[i % 3];
            let schedule = Schedule::new(ScheduleParts {
                recurrence,
                starts,
                ends: starts + Duration::minutes(90),
                valid_from: from,
                valid_until: None,
                term_behaviour,
                skips_bank_holidays: i % 2 == 0,
            })
            .ok()?;
            let exceptions = vec![
                Exception::Cancelled {
                    date: from + Duration::days((i % 200) as i64),
                    reason: "Venue closed".to_owned(),
                },
                Exception::Extra {
                    date: from + Duration::days((i % 300) as i64),
                    starts,
                    ends: starts + Duration::minutes(60),
                },
            ];
            GroupTimes::new(Reach::Area, vec![schedule], exceptions).ok()
        })
        .collect()
}

fn main() {
    let (Some(terms), Some(groups), Some(start)) = (terms(), groups(), date(2026, 9, 1)) else {
        eprintln!("expansion bench: could not build its data");
        std::process::exit(1);
    };
    let Ok(window) = DateWindow::days(start, 365) else {
        eprintln!("expansion bench: bad window");
        std::process::exit(1);
    };
    let mut timings = Vec::with_capacity(RUNS);
    let mut occurrences = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        occurrences = groups
            .iter()
            .map(|g| black_box(expand(g, &terms, window)).len())
            .sum::<usize>();
        timings.push(started.elapsed());
    }
    timings.sort();
    let median = timings[RUNS / 2];
    println!(
        "expansion of {GROUPS} groups over a year ({occurrences} occurrences), median of {RUNS}: {:.1} ms (budget <= 20 ms)",
        median.as_secs_f64() * 1000.0
    );
}
