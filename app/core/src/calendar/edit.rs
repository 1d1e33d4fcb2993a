//! Organisers' changes to a group's dates, checked before anything is
//! saved: cancelling one session says why, and only a session that would
//! have run, today or later, can be cancelled.

use chrono::NaiveDate;

use super::{expand, DateWindow, Exception, GroupTimes, TermCalendar};
use crate::FieldError;

/// Longest reason for a cancellation, in characters (the database agrees).
pub const MAX_REASON_CHARS: usize = 200;

/// Checks a cancellation of the session on `date`; every problem is
/// reported at once.
pub fn cancellation(
    times: &GroupTimes,
    terms: &TermCalendar,
    date: NaiveDate,
    reason: &str,
    today: NaiveDate,
) -> Result<Exception, Vec<FieldError>> {
    let mut errors = Vec::new();
    if date < today {
        errors.push(FieldError {
            field: "date",
            message: "That day has passed: choose today or a later session.".into(),
        });
    } else {
        let runs = DateWindow::days(date, 1)
            .map(|window| expand(times, terms, window).iter().any(|o| o.is_running()))
            .unwrap_or(false);
        if !runs {
            errors.push(FieldError {
                field: "date",
                message: "There is no session that day to cancel.".into(),
            });
        }
    }
    let reason = reason.trim();
    if reason.is_empty() {
        errors.push(FieldError {
            field: "reason",
            message: "Please say why, so people know (for example \"the hall is closed\").".into(),
        });
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(FieldError {
            field: "reason",
            message: format!("The reason can have at most {MAX_REASON_CHARS} characters."),
        });
    }
    if errors.is_empty() {
        Ok(Exception::Cancelled {
            date,
            reason: reason.to_owned(),
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{
        schedule::{Reach, Recurrence, ScheduleParts},
        term::tests::{date, riverside},
        Schedule, TermBehaviour,
    };
    use chrono::{NaiveTime, Weekday};

    /// Tuesdays 10:00, term time only, in Riverside.
    fn tuesdays() -> GroupTimes {
        let at = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("time");
        let schedule = Schedule::new(ScheduleParts {
            recurrence: Recurrence::Weeks {
                interval: 1,
                weekday: Weekday::Tue,
            },
            starts: at(10),
            ends: at(11),
            valid_from: date(2026, 9, 1),
            valid_until: None,
            term_behaviour: TermBehaviour::TermTimeOnly,
            skips_bank_holidays: false,
        })
        .expect("valid");
        GroupTimes::new(Reach::Area, vec![schedule], Vec::new()).expect("valid")
    }

    fn fields(result: Result<Exception, Vec<FieldError>>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_session_that_would_run_can_be_cancelled_with_a_reason() {
        let terms = riverside();
        let today = date(2026, 11, 30);
        assert_eq!(
            cancellation(
                &tuesdays(),
                &terms,
                date(2026, 12, 1),
                "  Hall closed ",
                today
            ),
            Ok(Exception::Cancelled {
                date: date(2026, 12, 1),
                reason: "Hall closed".into()
            })
        );
    }

    #[test]
    fn every_problem_is_named_and_nothing_is_made() {
        let terms = riverside();
        let today = date(2026, 11, 30);
        let times = tuesdays();
        assert_eq!(
            fields(cancellation(&times, &terms, date(2026, 11, 24), "x", today)),
            ["date"],
            "in the past"
        );
        assert_eq!(
            fields(cancellation(&times, &terms, date(2026, 12, 2), "x", today)),
            ["date"],
            "a Wednesday: no session"
        );
        assert_eq!(
            fields(cancellation(&times, &terms, date(2026, 12, 22), "x", today)),
            ["date"],
            "the Christmas holidays: no session"
        );
        assert_eq!(
            fields(cancellation(&times, &terms, date(2026, 12, 1), " ", today)),
            ["reason"]
        );
        assert_eq!(
            fields(cancellation(
                &times,
                &terms,
                date(2026, 12, 2),
                &"x".repeat(201),
                today
            )),
            ["date", "reason"]
        );
    }
}
