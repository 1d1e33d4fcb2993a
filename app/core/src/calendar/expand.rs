//! Expansion: a group's schedules, its area's term calendar, bank holidays
//! and exceptions, turned into the occurrences in a window of dates. Pure,
//! bounded by the window, sorted and deterministic; times are London wall
//! clock, turned into instants by [`super::london`].

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::{
    london,
    schedule::{Exception, GroupTimes, Schedule, TermBehaviour},
    term::{Day, TermCalendar},
};

/// The longest window one expansion covers (about two school years).
pub const MAX_WINDOW_DAYS: i64 = 800;

/// Dates from `from` up to, not including, `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateWindow {
    from: NaiveDate,
    until: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    #[error("The window ends before it starts.")]
    Backwards,
    #[error("The window can cover at most {MAX_WINDOW_DAYS} days.")]
    TooLong,
}

impl DateWindow {
    pub fn new(from: NaiveDate, until: NaiveDate) -> Result<Self, WindowError> {
        let days = (until - from).num_days();
        if days < 0 {
            Err(WindowError::Backwards)
        } else if days > MAX_WINDOW_DAYS {
            Err(WindowError::TooLong)
        } else {
            Ok(Self { from, until })
        }
    }

    /// `days` days starting with `from`.
    pub fn days(from: NaiveDate, days: u32) -> Result<Self, WindowError> {
        let until = from
            .checked_add_signed(Duration::days(i64::from(days)))
            .ok_or(WindowError::TooLong)?;
        Self::new(from, until)
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The first date after the window.
    pub fn until(&self) -> NaiveDate {
        self.until
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date < self.until
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> {
        let until = self.until;
        self.from.iter_days().take_while(move |d| *d < until)
    }
}

/// Where an occurrence comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    Regular,
    Extra,
    Moved { from: NaiveDate },
}

/// Whether an occurrence happens, and if not, why not.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    Running,
    Cancelled {
        reason: String,
    },
    /// A term-time-only group, in a half term or holiday.
    Break {
        name: String,
    },
    /// A holidays-only group, in term time.
    TermTime,
    BankHoliday {
        name: String,
    },
    /// A term-bound group on a date the area's term data does not cover:
    /// "check with the organiser — term dates not known".
    TermDatesUnknown,
}

impl Status {
    /// Running first, so a real session wins over a paused twin.
    fn rank(&self) -> u8 {
        match self {
            Self::Running => 0,
            Self::Cancelled { .. } => 1,
            Self::Break { .. }
            | Self::TermTime
            | Self::BankHoliday { .. }
            | Self::TermDatesUnknown => 2,
        }
    }
}

/// One date a group's schedules name, with what happens on it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Occurrence {
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub kind: Kind,
    pub status: Status,
}

impl Occurrence {
    /// Shown on the calendar: running, or cancelled (so people know).
    pub fn is_session(&self) -> bool {
        matches!(self.status, Status::Running | Status::Cancelled { .. })
    }

    pub fn is_running(&self) -> bool {
        self.status == Status::Running
    }

    pub fn starts_at(&self) -> DateTime<Utc> {
        london::to_utc(self.date.and_time(self.starts))
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        london::to_utc(self.date.and_time(self.ends))
    }
}

/// Every occurrence of a group's schedules and exceptions in `window`,
/// sorted by date and time, with no two at the same date and times.
pub fn expand(group: &GroupTimes, terms: &TermCalendar, window: DateWindow) -> Vec<Occurrence> {
    let mut cancelled: BTreeMap<NaiveDate, &str> = BTreeMap::new();
    let mut moved_away: BTreeSet<NaiveDate> = BTreeSet::new();
    for exception in group.exceptions() {
        match exception {
            Exception::Cancelled { date, reason } => {
                cancelled.entry(*date).or_insert(reason.as_str());
            }
            Exception::Moved { from, .. } => {
                moved_away.insert(*from);
            }
            Exception::Extra { .. } => {}
        }
    }

    let mut found = Vec::new();
    for schedule in group.schedules() {
        for date in schedule
            .dates_from(window.from)
            .take_while(|d| *d < window.until)
        {
            if moved_away.contains(&date) {
                continue;
            }
            found.push(Occurrence {
                date,
                starts: schedule.starts(),
                ends: schedule.ends(),
                kind: Kind::Regular,
                status: regular_status(schedule, terms, date, cancelled.get(&date).copied()),
            });
        }
    }
    for exception in group.exceptions() {
        match *exception {
            Exception::Extra { date, starts, ends } if window.contains(date) => {
                found.push(Occurrence {
                    date,
                    starts,
                    ends,
                    kind: Kind::Extra,
                    status: added_status(cancelled.get(&date).copied()),
                })
            }
            Exception::Moved {
                from,
                to,
                starts,
                ends,
            } if window.contains(to) => found.push(Occurrence {
                date: to,
                starts,
                ends,
                kind: Kind::Moved { from },
                status: added_status(cancelled.get(&to).copied()),
            }),
            _ => {}
        }
    }
    found.sort_by(|a, b| {
        (a.date, a.starts, a.ends, a.status.rank(), a.kind).cmp(&(
            b.date,
            b.starts,
            b.ends,
            b.status.rank(),
            b.kind,
        ))
    });
    found.dedup_by(|later, kept| {
        (later.date, later.starts, later.ends) == (kept.date, kept.starts, kept.ends)
    });
    found
}

/// Extra and moved sessions run, even in a break, unless their date is cancelled.
fn added_status(cancelled: Option<&str>) -> Status {
    match cancelled {
        Some(reason) => Status::Cancelled {
            reason: reason.to_owned(),
        },
        None => Status::Running,
    }
}

fn regular_status(
    schedule: &Schedule,
    terms: &TermCalendar,
    date: NaiveDate,
    cancelled: Option<&str>,
) -> Status {
    let day = terms.day(date);
    match (schedule.term_behaviour(), day) {
        (TermBehaviour::AllYear, _)
        | (TermBehaviour::TermTimeOnly, Day::Term)
        | (TermBehaviour::HolidaysOnly, Day::Break(_)) => {}
        (TermBehaviour::TermTimeOnly, Day::Break(b)) => {
            return Status::Break {
                name: b.name.clone(),
            }
        }
        (TermBehaviour::HolidaysOnly, Day::Term) => return Status::TermTime,
        (_, Day::Unknown) => return Status::TermDatesUnknown,
    }
    if schedule.skips_bank_holidays() {
        if let Some(name) = terms.bank_holiday(date) {
            return Status::BankHoliday {
                name: name.to_owned(),
            };
        }
    }
    match cancelled {
        Some(reason) => Status::Cancelled {
            reason: reason.to_owned(),
        },
        None => Status::Running,
    }
}

/// The first running session on or after `from`, looking at most `horizon`
/// days ahead: when a paused group comes back.
pub fn next_running(
    group: &GroupTimes,
    terms: &TermCalendar,
    from: NaiveDate,
    horizon: u32,
) -> Option<Occurrence> {
    let window = DateWindow::days(
        from,
        horizon.min(u32::try_from(MAX_WINDOW_DAYS).unwrap_or(u32::MAX)),
    )
    .ok()?;
    expand(group, terms, window)
        .into_iter()
        .find(Occurrence::is_running)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{
        schedule::{Reach, Recurrence, ScheduleParts},
        term::tests::{date, riverside},
    };
    use chrono::Weekday;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
    }

    fn group(
        weekday: Weekday,
        term_behaviour: TermBehaviour,
        skips_bank_holidays: bool,
        exceptions: Vec<Exception>,
    ) -> GroupTimes {
        let schedule = Schedule::new(ScheduleParts {
            recurrence: Recurrence::Weeks {
                interval: 1,
                weekday,
            },
            starts: time(10, 0),
            ends: time(11, 30),
            valid_from: date(2026, 9, 1),
            valid_until: None,
            term_behaviour,
            skips_bank_holidays,
        })
        .expect("valid");
        GroupTimes::new(Reach::Area, vec![schedule], exceptions).expect("valid")
    }

    fn statuses(found: &[Occurrence]) -> Vec<(NaiveDate, Status)> {
        found.iter().map(|o| (o.date, o.status.clone())).collect()
    }

    #[test]
    fn a_term_time_group_pauses_for_half_term_and_says_which_break() {
        let terms = riverside();
        let tuesdays = group(Weekday::Tue, TermBehaviour::TermTimeOnly, false, vec![]);
        let window = DateWindow::new(date(2026, 10, 19), date(2026, 11, 9)).expect("window");
        assert_eq!(
            statuses(&expand(&tuesdays, &terms, window)),
            [
                (date(2026, 10, 20), Status::Running),
                (
                    date(2026, 10, 27),
                    Status::Break {
                        name: "October half term".into()
                    }
                ),
                (date(2026, 11, 3), Status::Running),
            ]
        );
        let back = next_running(&tuesdays, &terms, date(2026, 10, 24), 60).map(|o| o.date);
        assert_eq!(back, Some(date(2026, 11, 3)));
    }

    #[test]
    fn a_holiday_programme_runs_only_in_breaks() {
        let terms = riverside();
        let wednesdays = group(Weekday::Wed, TermBehaviour::HolidaysOnly, false, vec![]);
        let window = DateWindow::new(date(2026, 10, 19), date(2026, 11, 9)).expect("window");
        assert_eq!(
            statuses(&expand(&wednesdays, &terms, window)),
            [
                (date(2026, 10, 21), Status::TermTime),
                (date(2026, 10, 28), Status::Running),
                (date(2026, 11, 4), Status::TermTime),
            ]
        );
    }

    #[test]
    fn beyond_the_known_term_dates_term_bound_groups_are_not_promised() {
        let terms = riverside();
        let window = DateWindow::new(date(2027, 8, 30), date(2027, 9, 13)).expect("window");
        let term_time = group(Weekday::Thu, TermBehaviour::TermTimeOnly, false, vec![]);
        assert_eq!(
            statuses(&expand(&term_time, &terms, window)),
            [
                (date(2027, 9, 2), Status::TermDatesUnknown),
                (date(2027, 9, 9), Status::TermDatesUnknown),
            ]
        );
        let all_year = group(Weekday::Thu, TermBehaviour::AllYear, false, vec![]);
        assert!(expand(&all_year, &terms, window)
            .iter()
            .all(Occurrence::is_running));
    }

    #[test]
    fn bank_holidays_are_skipped_only_when_the_group_says_so() {
        let terms = riverside();
        let window = DateWindow::days(date(2027, 5, 3), 1).expect("window");
        let skips = group(Weekday::Mon, TermBehaviour::AllYear, true, vec![]);
        assert_eq!(
            statuses(&expand(&skips, &terms, window)),
            [(
                date(2027, 5, 3),
                Status::BankHoliday {
                    name: "Early May bank holiday".into()
                }
            )]
        );
        let runs = group(Weekday::Mon, TermBehaviour::AllYear, false, vec![]);
        assert_eq!(
            statuses(&expand(&runs, &terms, window)),
            [(date(2027, 5, 3), Status::Running)]
        );
    }

    #[test]
    fn exceptions_cancel_add_and_move_sessions() {
        let terms = riverside();
        let exceptions = vec![
            Exception::Cancelled {
                date: date(2026, 11, 10),
                reason: "Venue closed for repairs".into(),
            },
            Exception::Extra {
                date: date(2026, 10, 29),
                starts: time(14, 0),
                ends: time(15, 0),
            },
            Exception::Moved {
                from: date(2026, 11, 17),
                to: date(2026, 11, 19),
                starts: time(10, 0),
                ends: time(11, 30),
            },
        ];
        let tuesdays = group(Weekday::Tue, TermBehaviour::TermTimeOnly, false, exceptions);
        let window = DateWindow::new(date(2026, 10, 26), date(2026, 11, 23)).expect("window");
        let found = expand(&tuesdays, &terms, window);
        let summary: Vec<_> = found
            .iter()
            .map(|o| (o.date, o.kind, o.status.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    date(2026, 10, 27),
                    Kind::Regular,
                    Status::Break {
                        name: "October half term".into()
                    }
                ),
                (date(2026, 10, 29), Kind::Extra, Status::Running),
                (date(2026, 11, 3), Kind::Regular, Status::Running),
                (
                    date(2026, 11, 10),
                    Kind::Regular,
                    Status::Cancelled {
                        reason: "Venue closed for repairs".into()
                    }
                ),
                (
                    date(2026, 11, 19),
                    Kind::Moved {
                        from: date(2026, 11, 17)
                    },
                    Status::Running
                ),
            ]
        );
    }

    #[test]
    fn times_stay_on_the_clock_across_the_october_change() {
        let terms = riverside();
        let sundays = group(Weekday::Sun, TermBehaviour::AllYear, false, vec![]);
        let window = DateWindow::new(date(2026, 10, 18), date(2026, 11, 2)).expect("window");
        let found = expand(&sundays, &terms, window);
        let utc: Vec<_> = found
            .iter()
            .map(|o| o.starts_at().naive_utc().time())
            .collect();
        // 10:00 BST is 09:00 UTC; after the clocks go back, 10:00 GMT is 10:00 UTC.
        assert_eq!(utc, [time(9, 0), time(10, 0), time(10, 0)]);
        assert!(found.iter().all(|o| o.starts == time(10, 0)));
    }

    #[test]
    fn windows_are_bounded() {
        assert_eq!(
            DateWindow::new(date(2027, 1, 2), date(2027, 1, 1)),
            Err(WindowError::Backwards)
        );
        assert_eq!(
            DateWindow::days(date(2027, 1, 1), 801).err(),
            Some(WindowError::TooLong)
        );
        assert!(DateWindow::days(date(2027, 1, 1), 0).is_ok());
    }
}
