//! When a group meets: its schedules (weekly, every N weeks, or monthly on the
//! nth weekday, at London wall-clock times), whether term dates govern them,
//! and the exceptions organisers add on top.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// Whether the area's term calendar governs a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermBehaviour {
    AllYear,
    TermTimeOnly,
    /// Holiday programmes: only in half terms and holidays.
    HolidaysOnly,
}

coded!(TermBehaviour {
    AllYear => "all_year",
    TermTimeOnly => "term_time_only",
    HolidaysOnly => "holidays_only",
});

/// Which week of the month a monthly schedule meets in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeekOfMonth {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

impl WeekOfMonth {
    pub const ALL: [Self; 5] = [
        Self::First,
        Self::Second,
        Self::Third,
        Self::Fourth,
        Self::Last,
    ];

    /// 1 to 4, and -1 for the last, as RFC 5545 writes it.
    pub fn ordinal(self) -> i8 {
        match self {
            Self::First => 1,
            Self::Second => 2,
            Self::Third => 3,
            Self::Fourth => 4,
            Self::Last => -1,
        }
    }

    pub fn from_ordinal(n: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|w| i64::from(w.ordinal()) == n)
    }

    /// The date of `weekday` in this week of the month.
    pub fn date_in(self, year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
        match self {
            Self::Last => {
                let first_of_next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                }?;
                let last = first_of_next.pred_opt()?;
                let back = (7 + last.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                last.checked_sub_signed(Duration::days(i64::from(back)))
            }
            nth => {
                let n = u8::try_from(nth.ordinal()).ok()?;
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
            }
        }
    }
}

/// How often a schedule repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Recurrence {
    /// Every `interval` weeks (1 is weekly), counted from the first meeting.
    Weeks { interval: u8, weekday: Weekday },
    /// Once a month, e.g. on the first Tuesday.
    Month { week: WeekOfMonth, weekday: Weekday },
}

/// The longest gap a "every N weeks" schedule may have.
pub const MAX_WEEK_INTERVAL: u8 = 8;

/// Why a schedule was refused. The messages are shown to people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("A group can meet every 1 to {MAX_WEEK_INTERVAL} weeks.")]
    BadInterval,
    #[error("The end time must be after the start time (groups cannot run past midnight).")]
    EndsBeforeItStarts,
    #[error("The last date ({until}) is before the first date ({from}).")]
    ValidUntilBeforeFrom { from: NaiveDate, until: NaiveDate },
    #[error(
        "A national or online group cannot follow one area's term dates: choose \"all year\"."
    )]
    NationalFollowsTerms,
    #[error("An exception needs an end time after its start time.")]
    ExceptionTimes,
    #[error("A cancellation needs a reason people will see, such as \"Venue closed\".")]
    CancelledWithoutReason,
}

/// A checked schedule: it can only be built valid, read back from JSON too.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ScheduleParts")]
pub struct Schedule {
    recurrence: Recurrence,
    starts: NaiveTime,
    ends: NaiveTime,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
    term_behaviour: TermBehaviour,
    skips_bank_holidays: bool,
}

/// The parts of a schedule, before they are checked (the same fields, so
/// a schedule's JSON is read through [`Schedule::new`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ScheduleParts {
    pub recurrence: Recurrence,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub term_behaviour: TermBehaviour,
    pub skips_bank_holidays: bool,
}

impl TryFrom<ScheduleParts> for Schedule {
    type Error = ScheduleError;
    fn try_from(parts: ScheduleParts) -> Result<Self, Self::Error> {
        Self::new(parts)
    }
}

impl Schedule {
    pub fn new(parts: ScheduleParts) -> Result<Self, ScheduleError> {
        if let Recurrence::Weeks { interval, .. } = parts.recurrence {
            if !(1..=MAX_WEEK_INTERVAL).contains(&interval) {
                return Err(ScheduleError::BadInterval);
            }
        }
        if parts.ends <= parts.starts {
            return Err(ScheduleError::EndsBeforeItStarts);
        }
        if let Some(until) = parts.valid_until {
            if until < parts.valid_from {
                return Err(ScheduleError::ValidUntilBeforeFrom {
                    from: parts.valid_from,
                    until,
                });
            }
        }
        Ok(Self {
            recurrence: parts.recurrence,
            starts: parts.starts,
            ends: parts.ends,
            valid_from: parts.valid_from,
            valid_until: parts.valid_until,
            term_behaviour: parts.term_behaviour,
            skips_bank_holidays: parts.skips_bank_holidays,
        })
    }

    pub fn recurrence(&self) -> Recurrence {
        self.recurrence
    }
    pub fn starts(&self) -> NaiveTime {
        self.starts
    }
    pub fn ends(&self) -> NaiveTime {
        self.ends
    }
    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }
    pub fn valid_until(&self) -> Option<NaiveDate> {
        self.valid_until
    }
    pub fn term_behaviour(&self) -> TermBehaviour {
        self.term_behaviour
    }
    pub fn skips_bank_holidays(&self) -> bool {
        self.skips_bank_holidays
    }

    /// The first date the schedule meets on, ignoring terms and exceptions.
    pub fn first_date(&self) -> Option<NaiveDate> {
        self.dates_from(self.valid_from).next()
    }

    /// The dates the rule gives on or after `from` (within its validity),
    /// before terms, bank holidays or exceptions are applied. Endless unless
    /// the schedule has a last date: callers bound it.
    pub fn dates_from(&self, from: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        let start = from.max(self.valid_from);
        let until = self.valid_until;
        let dates: Box<dyn Iterator<Item = NaiveDate>> = match self.recurrence {
            Recurrence::Weeks { interval, weekday } => {
                let step = i64::from(interval) * 7;
                // Near the last date chrono knows there may be none: no panic.
                let first = next_weekday(self.valid_from, weekday).and_then(|anchor| {
                    if start <= anchor {
                        Some(anchor)
                    } else {
                        let behind = (start - anchor).num_days();
                        let steps = (behind + step - 1) / step;
                        anchor.checked_add_signed(Duration::days(steps.checked_mul(step)?))
                    }
                });
                Box::new(std::iter::successors(first, move |d| {
                    d.checked_add_signed(Duration::days(step))
                }))
            }
            Recurrence::Month { week, weekday } => {
                // The walk ends with the last month chrono can represent, so
                // a rule that finds no date there cannot loop for ever.
                let months =
                    std::iter::successors(Some((start.year(), start.month())), |&(y, m)| {
                        let next = if m == 12 {
                            (y.checked_add(1)?, 1)
                        } else {
                            (y, m + 1)
                        };
                        NaiveDate::from_ymd_opt(next.0, next.1, 1).map(|_| next)
                    });
                Box::new(
                    months
                        .filter_map(move |(y, m)| week.date_in(y, m, weekday))
                        .filter(move |d| *d >= start),
                )
            }
        };
        dates.take_while(move |d| until.is_none_or(|u| *d <= u))
    }
}

fn next_weekday(from: NaiveDate, weekday: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from.checked_add_signed(Duration::days(i64::from(ahead)))
}

/// A change organisers make to single dates.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Exception {
    /// The sessions on this date are off; the reason is shown.
    Cancelled { date: NaiveDate, reason: String },
    /// One more session, even in a break.
    Extra {
        date: NaiveDate,
        starts: NaiveTime,
        ends: NaiveTime,
    },
    /// The session of `from` happens on `to` instead.
    Moved {
        from: NaiveDate,
        to: NaiveDate,
        starts: NaiveTime,
        ends: NaiveTime,
    },
}

impl Exception {
    pub fn check(&self) -> Result<(), ScheduleError> {
        match self {
            Self::Cancelled { reason, .. } if reason.trim().is_empty() => {
                Err(ScheduleError::CancelledWithoutReason)
            }
            Self::Extra { starts, ends, .. } | Self::Moved { starts, ends, .. }
                if ends <= starts =>
            {
                Err(ScheduleError::ExceptionTimes)
            }
            _ => Ok(()),
        }
    }
}

/// Where a group meets, which decides whose term dates apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// In one area: its term calendar governs the group.
    Area,
    /// National or online: shown in every area, never term-bound.
    National,
}

/// Everything expansion needs about one group's timing, checked together
/// (read back from JSON through [`GroupTimes::new`] too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "UncheckedTimes")]
pub struct GroupTimes {
    reach: Reach,
    schedules: Vec<Schedule>,
    exceptions: Vec<Exception>,
}

/// [`GroupTimes`]' fields as read, before they are checked together.
#[derive(Deserialize)]
struct UncheckedTimes {
    reach: Reach,
    schedules: Vec<Schedule>,
    exceptions: Vec<Exception>,
}

impl TryFrom<UncheckedTimes> for GroupTimes {
    type Error = ScheduleError;
    fn try_from(times: UncheckedTimes) -> Result<Self, Self::Error> {
        Self::new(times.reach, times.schedules, times.exceptions)
    }
}

impl GroupTimes {
    pub fn new(
        reach: Reach,
        schedules: Vec<Schedule>,
        exceptions: Vec<Exception>,
    ) -> Result<Self, ScheduleError> {
        if reach == Reach::National
            && schedules
                .iter()
                .any(|s| s.term_behaviour != TermBehaviour::AllYear)
        {
            return Err(ScheduleError::NationalFollowsTerms);
        }
        for exception in &exceptions {
            exception.check()?;
        }
        Ok(Self {
            reach,
            schedules,
            exceptions,
        })
    }

    pub fn reach(&self) -> Reach {
        self.reach
    }
    pub fn schedules(&self) -> &[Schedule] {
        &self.schedules
    }
    pub fn exceptions(&self) -> &[Exception] {
        &self.exceptions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::term::tests::date;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
    }

    pub fn weekly(weekday: Weekday, from: NaiveDate) -> ScheduleParts {
        ScheduleParts {
            recurrence: Recurrence::Weeks {
                interval: 1,
                weekday,
            },
            starts: time(10, 0),
            ends: time(11, 30),
            valid_from: from,
            valid_until: None,
            term_behaviour: TermBehaviour::AllYear,
            skips_bank_holidays: false,
        }
    }

    #[test]
    fn json_is_read_through_the_checks_so_a_bad_schedule_cannot_be_read_either() {
        let good = Schedule::new(weekly(Weekday::Tue, date(2026, 9, 1))).expect("valid");
        let json = serde_json::to_value(&good).expect("writes");
        assert_eq!(
            serde_json::from_value::<Schedule>(json.clone()).ok(),
            Some(good.clone())
        );
        let mut backwards = json.clone();
        backwards["ends"] = serde_json::json!("09:00:00");
        let refused =
            serde_json::from_value::<Schedule>(backwards).expect_err("ends before it starts");
        assert!(refused
            .to_string()
            .contains(&ScheduleError::EndsBeforeItStarts.to_string()));

        let times = GroupTimes::new(Reach::Area, vec![good.clone()], vec![]).expect("valid");
        let mut national = serde_json::to_value(&times).expect("writes");
        assert_eq!(
            serde_json::from_value::<GroupTimes>(national.clone()).ok(),
            Some(times)
        );
        national["reach"] = serde_json::json!("national");
        national["schedules"][0]["term_behaviour"] = serde_json::json!("term_time_only");
        assert!(serde_json::from_value::<GroupTimes>(national).is_err());
    }

    #[test]
    fn bad_schedules_cannot_be_built() {
        let from = date(2026, 9, 1);
        let mut parts = weekly(Weekday::Tue, from);
        parts.recurrence = Recurrence::Weeks {
            interval: 0,
            weekday: Weekday::Tue,
        };
        assert_eq!(
            Schedule::new(parts.clone()),
            Err(ScheduleError::BadInterval)
        );
        parts = weekly(Weekday::Tue, from);
        parts.ends = parts.starts;
        assert_eq!(
            Schedule::new(parts.clone()),
            Err(ScheduleError::EndsBeforeItStarts)
        );
        parts = weekly(Weekday::Tue, from);
        parts.valid_until = Some(date(2026, 8, 31));
        assert!(matches!(
            Schedule::new(parts),
            Err(ScheduleError::ValidUntilBeforeFrom { .. })
        ));

        let mut term_bound = weekly(Weekday::Tue, from);
        term_bound.term_behaviour = TermBehaviour::TermTimeOnly;
        let schedule = Schedule::new(term_bound).expect("valid");
        assert_eq!(
            GroupTimes::new(Reach::National, vec![schedule.clone()], vec![]),
            Err(ScheduleError::NationalFollowsTerms)
        );
        assert!(GroupTimes::new(Reach::Area, vec![schedule], vec![]).is_ok());
        let blank = Exception::Cancelled {
            date: from,
            reason: " ".into(),
        };
        assert_eq!(
            GroupTimes::new(Reach::Area, vec![], vec![blank]),
            Err(ScheduleError::CancelledWithoutReason)
        );
    }

    #[test]
    fn every_other_week_counts_from_the_first_meeting_not_the_window() {
        let mut parts = weekly(Weekday::Tue, date(2026, 9, 1));
        parts.recurrence = Recurrence::Weeks {
            interval: 2,
            weekday: Weekday::Tue,
        };
        let schedule = Schedule::new(parts).expect("valid");
        let from_start: Vec<_> = schedule.dates_from(date(2026, 9, 1)).take(3).collect();
        assert_eq!(
            from_start,
            [date(2026, 9, 1), date(2026, 9, 15), date(2026, 9, 29)]
        );
        let later: Vec<_> = schedule.dates_from(date(2026, 9, 2)).take(2).collect();
        assert_eq!(later, [date(2026, 9, 15), date(2026, 9, 29)]);
    }

    #[test]
    fn the_last_weekday_of_a_month() {
        assert_eq!(
            WeekOfMonth::Last.date_in(2027, 2, Weekday::Fri),
            Some(date(2027, 2, 26))
        );
        assert_eq!(
            WeekOfMonth::Last.date_in(2026, 12, Weekday::Thu),
            Some(date(2026, 12, 31))
        );
        assert_eq!(
            WeekOfMonth::First.date_in(2026, 10, Weekday::Thu),
            Some(date(2026, 10, 1))
        );
    }

    #[test]
    fn codes_round_trip() {
        for b in TermBehaviour::ALL {
            assert_eq!(TermBehaviour::from_code(b.code()), Some(b));
        }
        for w in WeekOfMonth::ALL {
            assert_eq!(WeekOfMonth::from_ordinal(i64::from(w.ordinal())), Some(w));
        }
    }
}
