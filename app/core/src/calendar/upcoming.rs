//! A group's next sessions as its page lists them, with the gaps explained:
//! "No sessions 22 Jul – 1 Sep: Summer holidays", bank holidays, and where
//! the known term dates end.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{
    expand::{expand, DateWindow, Occurrence, Status},
    schedule::GroupTimes,
    term::{Day, TermCalendar},
};

/// How far ahead the list looks before it gives up.
const HORIZON_DAYS: i64 = 400;
const STEP_DAYS: u32 = 120;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Upcoming {
    /// Running, or cancelled with its reason.
    Session(Occurrence),
    /// The group pauses for a break.
    NoSessions {
        name: String,
        first: NaiveDate,
        last: NaiveDate,
    },
    BankHoliday {
        date: NaiveDate,
        name: String,
    },
    /// From here the term dates are not known: check with the organiser.
    TermDatesUnknown {
        from: NaiveDate,
    },
}

/// Up to `sessions` sessions from `from`, with the breaks between them.
pub fn upcoming(
    group: &GroupTimes,
    terms: &TermCalendar,
    from: NaiveDate,
    sessions: usize,
) -> Vec<Upcoming> {
    let mut list: Vec<Upcoming> = Vec::new();
    let mut count = 0;
    let mut start = from;
    while count < sessions && (start - from).num_days() < HORIZON_DAYS {
        let Ok(window) = DateWindow::days(start, STEP_DAYS) else {
            break;
        };
        for occurrence in expand(group, terms, window) {
            match &occurrence.status {
                Status::Running | Status::Cancelled { .. } => {
                    list.push(Upcoming::Session(occurrence));
                    count += 1;
                    if count == sessions {
                        return list;
                    }
                }
                Status::Break { name } => {
                    if let Day::Break(b) = terms.day(occurrence.date) {
                        // Once per break, even when an extra session falls inside it.
                        let already = list
                            .iter()
                            .any(|u| matches!(u, Upcoming::NoSessions { first, .. } if *first == b.dates.first()));
                        if !already {
                            list.push(Upcoming::NoSessions {
                                name: name.clone(),
                                first: b.dates.first(),
                                last: b.dates.last(),
                            });
                        }
                    }
                }
                Status::BankHoliday { name } => list.push(Upcoming::BankHoliday {
                    date: occurrence.date,
                    name: name.clone(),
                }),
                Status::TermDatesUnknown => {
                    list.push(Upcoming::TermDatesUnknown {
                        from: occurrence.date,
                    });
                    return list;
                }
                Status::TermTime => {}
            }
        }
        start = window.until();
    }
    list
}

/// When a list ends early, the day after its last entry: for "and later".
pub fn after(list: &[Upcoming]) -> Option<NaiveDate> {
    list.iter().rev().find_map(|entry| match entry {
        Upcoming::Session(o) => Some(o.date + Duration::days(1)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{
        schedule::{Reach, Recurrence, Schedule, ScheduleParts, TermBehaviour},
        term::tests::{date, riverside},
    };
    use chrono::{NaiveTime, Weekday};

    fn tuesdays(term_behaviour: TermBehaviour) -> GroupTimes {
        let schedule = Schedule::new(ScheduleParts {
            recurrence: Recurrence::Weeks {
                interval: 1,
                weekday: Weekday::Tue,
            },
            starts: NaiveTime::from_hms_opt(10, 0, 0).expect("valid"),
            ends: NaiveTime::from_hms_opt(11, 30, 0).expect("valid"),
            valid_from: date(2026, 9, 1),
            valid_until: None,
            term_behaviour,
            skips_bank_holidays: true,
        })
        .expect("valid");
        GroupTimes::new(Reach::Area, vec![schedule], vec![]).expect("valid")
    }

    #[test]
    fn breaks_show_once_between_sessions() {
        let list = upcoming(
            &tuesdays(TermBehaviour::TermTimeOnly),
            &riverside(),
            date(2026, 12, 8),
            4,
        );
        let kinds: Vec<String> = list
            .iter()
            .map(|u| match u {
                Upcoming::Session(o) => o.date.to_string(),
                Upcoming::NoSessions { name, .. } => name.clone(),
                Upcoming::BankHoliday { name, .. } => name.clone(),
                Upcoming::TermDatesUnknown { .. } => "unknown".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "2026-12-08",
                "2026-12-15",
                "Christmas holidays",
                "2027-01-05",
                "2027-01-12"
            ]
        );
    }

    #[test]
    fn a_break_shows_once_even_with_an_extra_session_inside_it() {
        let mut times = tuesdays(TermBehaviour::TermTimeOnly);
        let extra = crate::calendar::Exception::Extra {
            date: date(2026, 12, 22),
            starts: NaiveTime::from_hms_opt(10, 0, 0).expect("valid"),
            ends: NaiveTime::from_hms_opt(12, 0, 0).expect("valid"),
        };
        times =
            GroupTimes::new(Reach::Area, times.schedules().to_vec(), vec![extra]).expect("valid");
        let list = upcoming(&times, &riverside(), date(2026, 12, 15), 3);
        let gaps = list
            .iter()
            .filter(|u| matches!(u, Upcoming::NoSessions { .. }))
            .count();
        assert_eq!(gaps, 1, "{list:?}");
        assert_eq!(list.len(), 4);
    }

    #[test]
    fn the_list_stops_where_the_term_dates_end() {
        let list = upcoming(
            &tuesdays(TermBehaviour::TermTimeOnly),
            &riverside(),
            date(2027, 7, 13),
            8,
        );
        assert!(
            matches!(list.last(), Some(Upcoming::TermDatesUnknown { from }) if *from == date(2027, 9, 7))
        );
        assert!(list
            .iter()
            .any(|u| matches!(u, Upcoming::NoSessions { name, .. } if name == "Summer holidays")));
        assert_eq!(after(&list), Some(date(2027, 7, 21)));
    }
}
