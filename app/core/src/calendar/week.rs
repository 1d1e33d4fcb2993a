//! A window of days for one area, as the home page and the API show it:
//! sessions by day, morning first; the breaks in the window; the groups that
//! are paused and when they come back; and, so no week is a black hole, what
//! still runs.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use super::{
    expand::{expand, next_running, DateWindow, Kind, Occurrence, Status},
    filters::Filters,
    group::{Attendance, Freshness, Group, GroupId},
    schedule::TermBehaviour,
    term::{DateRange, TermBreak, TermCalendar},
};

/// How far ahead "back on" looks for a paused group.
const RESUME_HORIZON_DAYS: u32 = 400;

/// One session in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSession {
    pub group: usize,
    pub occurrence: Occurrence,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPlan {
    pub date: NaiveDate,
    /// Running and cancelled sessions, earliest first.
    pub sessions: Vec<PlannedSession>,
    /// The break this day is in, if any.
    pub in_break: Option<String>,
    pub bank_holiday: Option<String>,
}

impl DayPlan {
    /// Nothing running in person on this day (a day to suggest other things).
    pub fn nothing_in_person<G: AsRef<Group>>(&self, groups: &[G]) -> bool {
        !self.sessions.iter().any(|s| {
            s.occurrence.is_running()
                && groups
                    .get(s.group)
                    .is_some_and(|g| g.as_ref().attendance == Attendance::InPerson)
        })
    }
}

/// Why a group is not meeting in the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum PauseReason {
    Break { name: String },
    BankHoliday { name: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paused {
    pub group: usize,
    pub reason: PauseReason,
    /// The first running session after the pause, if one is known.
    pub resumes: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub window: DateWindow,
    pub days: Vec<DayPlan>,
    /// Breaks sharing a day with the window, earliest first.
    pub breaks: Vec<TermBreak>,
    /// Groups that would meet in the window but are on a break.
    pub paused: Vec<Paused>,
    /// Term-bound groups whose dates in the window the term data does not
    /// cover: "check with the organiser — term dates not known".
    pub term_dates_unknown: Vec<usize>,
    /// Online and phone groups and holiday programmes running in the window,
    /// suggested when a break is on.
    pub still_running: Vec<usize>,
}

impl Plan {
    /// How many groups are having a term break (not counting bank holidays).
    pub fn groups_on_a_break(&self) -> usize {
        self.paused
            .iter()
            .filter(|p| matches!(p.reason, PauseReason::Break { .. }))
            .map(|p| p.group)
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// How many groups pause for the named break in the window.
    pub fn groups_on(&self, break_name: &str) -> usize {
        self.paused
            .iter()
            .filter(|p| matches!(&p.reason, PauseReason::Break { name } if name == break_name))
            .count()
    }

    pub fn last_day(&self) -> NaiveDate {
        self.window.until() - Duration::days(1)
    }
}

/// Plans the window for an area. `groups` are the area's groups and the
/// national ones; sessions and lists refer to them by index. A group nobody
/// has confirmed for a year, as of `today`, is never suggested as still running.
pub fn plan<G: AsRef<Group>>(
    groups: &[G],
    terms: &TermCalendar,
    window: DateWindow,
    filters: &Filters,
    today: NaiveDate,
) -> Plan {
    let mut days: Vec<DayPlan> = window
        .dates()
        .map(|date| DayPlan {
            date,
            sessions: Vec::new(),
            in_break: match terms.day(date) {
                super::term::Day::Break(b) => Some(b.name.clone()),
                _ => None,
            },
            bank_holiday: terms.bank_holiday(date).map(str::to_owned),
        })
        .collect();
    let mut paused = Vec::new();
    let mut term_dates_unknown = Vec::new();
    let mut still_running = Vec::new();

    for (index, group) in groups.iter().map(AsRef::as_ref).enumerate() {
        if !filters.admits(group) {
            continue;
        }
        let found = expand(&group.times, terms, window);
        let mut pause: Option<(PauseReason, NaiveDate)> = None;
        let mut unknown = false;
        let mut runs = false;
        for occurrence in found {
            match &occurrence.status {
                Status::Break { name } if pause.is_none() => {
                    pause = Some((PauseReason::Break { name: name.clone() }, occurrence.date));
                }
                Status::BankHoliday { name } if pause.is_none() => {
                    pause = Some((
                        PauseReason::BankHoliday { name: name.clone() },
                        occurrence.date,
                    ));
                }
                Status::TermDatesUnknown => unknown = true,
                _ => {}
            }
            if occurrence.is_session() && filters.admits_session(group, &occurrence) {
                runs |= occurrence.is_running();
                let offset = (occurrence.date - window.from()).num_days();
                if let Some(day) = usize::try_from(offset).ok().and_then(|i| days.get_mut(i)) {
                    day.sessions.push(PlannedSession {
                        group: index,
                        occurrence,
                    });
                }
            }
        }
        if let Some((reason, from)) = pause {
            let resumes = next_running(
                &group.times,
                terms,
                from + Duration::days(1),
                RESUME_HORIZON_DAYS,
            )
            .map(|o| o.date);
            paused.push(Paused {
                group: index,
                reason,
                resumes,
            });
        }
        if unknown {
            term_dates_unknown.push(index);
        }
        let from_home = group.attendance != Attendance::InPerson;
        let holiday_programme = group
            .times
            .schedules()
            .iter()
            .any(|s| s.term_behaviour() == TermBehaviour::HolidaysOnly);
        let may_have_stopped = matches!(group.freshness(today), Freshness::MayHaveStopped(_));
        if runs && (from_home || holiday_programme) && !may_have_stopped {
            still_running.push(index);
        }
    }
    for day in &mut days {
        day.sessions.sort_by(|a, b| {
            let title = |s: &PlannedSession| {
                groups
                    .get(s.group)
                    .map(|g| g.as_ref().title.as_str())
                    .unwrap_or_default()
            };
            (a.occurrence.starts, a.occurrence.ends, title(a)).cmp(&(
                b.occurrence.starts,
                b.occurrence.ends,
                title(b),
            ))
        });
    }
    let last = window.until() - Duration::days(1);
    let breaks = match DateRange::new(window.from(), last) {
        Ok(range) => terms.breaks_overlapping(range).cloned().collect(),
        Err(_) => Vec::new(),
    };
    Plan {
        window,
        days,
        breaks,
        paused,
        term_dates_unknown,
        still_running,
    }
}

/// The session kind in words, for moved sessions.
pub fn moved_from(occurrence: &Occurrence) -> Option<NaiveDate> {
    match occurrence.kind {
        Kind::Moved { from } => Some(from),
        _ => None,
    }
}

/// Finds a group in a list by id.
pub fn position<G: AsRef<Group>>(groups: &[G], id: &GroupId) -> Option<usize> {
    groups.iter().position(|g| &g.as_ref().id == id)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::calendar::{
        facts::{Cost, Facts},
        group::{Booking, Focus, Format, Joining, Welcome},
        schedule::{GroupTimes, Reach, Recurrence, Schedule, ScheduleParts},
        term::tests::{date, riverside},
        venue::Venue,
    };
    use chrono::{NaiveTime, Weekday};

    pub(crate) fn group(
        id: &str,
        weekday: Weekday,
        hour: u32,
        term_behaviour: TermBehaviour,
        attendance: Attendance,
    ) -> Group {
        let starts = NaiveTime::from_hms_opt(hour, 0, 0).expect("valid");
        let schedule = Schedule::new(ScheduleParts {
            recurrence: Recurrence::Weeks {
                interval: 1,
                weekday,
            },
            starts,
            ends: starts + Duration::minutes(90),
            valid_from: date(2026, 9, 1),
            valid_until: None,
            term_behaviour,
            skips_bank_holidays: false,
        })
        .expect("valid");
        let reach = if attendance == Attendance::InPerson {
            Reach::Area
        } else {
            Reach::National
        };
        Group {
            id: GroupId::parse(id).expect("valid"),
            organisation_id: "org".into(),
            organisation_name: "Org".into(),
            area: None,
            title: id.to_owned(),
            description: String::new(),
            focus: Focus::MentalHealth,
            welcome: Welcome {
                babies: true,
                ..Welcome::default()
            },
            attendance,
            venue: (attendance == Attendance::InPerson).then(|| Venue {
                name: "Hall".into(),
                address: String::new(),
                town: "Riverside".into(),
                ..Venue::default()
            }),
            joining: Joining::default(),
            facts: Facts {
                format: Some(Format::Chat),
                cost: Cost::Free,
                booking: Some(Booking::DropIn),
                ..Facts::default()
            },
            details_to_check: false,
            last_confirmed: date(2026, 9, 1),
            listed_on: None,
            is_sample: true,
            times: GroupTimes::new(reach, vec![schedule], vec![]).expect("valid"),
        }
    }

    #[test]
    fn tags_say_cost_and_booking_only_when_given() {
        let mut g = group(
            "g",
            Weekday::Tue,
            10,
            TermBehaviour::AllYear,
            Attendance::InPerson,
        );
        assert_eq!(
            g.tags(),
            ["Mental health support", "Babies welcome", "Free", "Drop in"]
        );
        g.facts.cost = Cost::Amount { pence: 300 };
        g.facts.booking = Some(Booking::BookAhead);
        assert_eq!(
            g.tags(),
            [
                "Mental health support",
                "Babies welcome",
                "£3",
                "Book ahead"
            ]
        );
        g.facts = Facts::default();
        assert_eq!(g.tags(), ["Mental health support", "Babies welcome"]);
        assert!(!g.is_free());
    }

    #[test]
    fn a_group_unconfirmed_for_a_year_is_not_suggested_as_still_running() {
        let mut groups = groups();
        let window = DateWindow::days(date(2027, 8, 2), 7).expect("window");
        let summer = |groups: &[Group], today| {
            plan(groups, &riverside(), window, &Filters::default(), today).still_running
        };
        assert_eq!(summer(&groups, window.from()), [1, 2]);
        // Confirmed on 1 September 2026: on 1 September 2027 it is a year old, not over.
        assert_eq!(groups[1].freshness(date(2027, 3, 1)), Freshness::Confirmed);
        assert_eq!(
            groups[1].freshness(date(2027, 3, 2)),
            Freshness::NotConfirmedSince(date(2026, 9, 1))
        );
        assert_eq!(summer(&groups, date(2027, 9, 1)), [1, 2]);
        assert_eq!(
            groups[1].freshness(date(2027, 9, 2)),
            Freshness::MayHaveStopped(date(2026, 9, 1))
        );
        assert_eq!(summer(&groups, date(2027, 9, 2)), Vec::<usize>::new());
        // Confirming it again brings it back.
        groups[1].last_confirmed = date(2027, 9, 2);
        assert_eq!(summer(&groups, date(2027, 9, 2)), [1]);
        assert_eq!(
            Freshness::NotConfirmedSince(date(2026, 9, 1))
                .note()
                .as_deref(),
            Some("Not confirmed since 1 September 2026.")
        );
        assert_eq!(Freshness::Confirmed.note(), None);
    }

    fn groups() -> Vec<Group> {
        vec![
            group(
                "term-tuesday",
                Weekday::Tue,
                10,
                TermBehaviour::TermTimeOnly,
                Attendance::InPerson,
            ),
            group(
                "holiday-wednesday",
                Weekday::Wed,
                10,
                TermBehaviour::HolidaysOnly,
                Attendance::InPerson,
            ),
            group(
                "online-evening",
                Weekday::Thu,
                19,
                TermBehaviour::AllYear,
                Attendance::Online,
            ),
            group(
                "all-year-monday",
                Weekday::Mon,
                9,
                TermBehaviour::AllYear,
                Attendance::InPerson,
            ),
        ]
    }

    #[test]
    fn a_summer_week_says_who_is_paused_and_what_still_runs() {
        let groups = groups();
        let window = DateWindow::days(date(2027, 8, 2), 7).expect("window");
        let plan = plan(
            &groups,
            &riverside(),
            window,
            &Filters::default(),
            window.from(),
        );
        assert_eq!(
            plan.breaks
                .iter()
                .map(|b| b.name.as_str())
                .collect::<Vec<_>>(),
            ["Summer holidays"]
        );
        assert_eq!(plan.groups_on_a_break(), 1);
        assert_eq!(plan.groups_on("Summer holidays"), 1);
        assert_eq!(plan.groups_on("Christmas holidays"), 0);
        assert_eq!(
            plan.paused,
            [Paused {
                group: 0,
                reason: PauseReason::Break {
                    name: "Summer holidays".into()
                },
                // Term dates after the summer are not known yet, so no promise.
                resumes: None,
            }]
        );
        assert_eq!(plan.still_running, [1, 2]);
        let titles: Vec<Vec<&str>> = plan
            .days
            .iter()
            .map(|d| {
                d.sessions
                    .iter()
                    .map(|s| groups[s.group].title.as_str())
                    .collect()
            })
            .collect();
        assert_eq!(titles[0], ["all-year-monday"]);
        assert_eq!(titles[2], ["holiday-wednesday"]);
        assert_eq!(titles[3], ["online-evening"]);
        assert!(plan.days[3].nothing_in_person(&groups));
        assert!(plan
            .days
            .iter()
            .all(|d| d.in_break.as_deref() == Some("Summer holidays")));
    }

    #[test]
    fn a_paused_group_says_when_it_is_back() {
        let groups = groups();
        let window = DateWindow::days(date(2026, 10, 26), 7).expect("window");
        let plan = plan(
            &groups,
            &riverside(),
            window,
            &Filters::default(),
            window.from(),
        );
        assert_eq!(plan.paused.len(), 1);
        assert_eq!(plan.paused[0].resumes, Some(date(2026, 11, 3)));
    }

    #[test]
    fn filters_narrow_sessions_and_lists() {
        let groups = groups();
        let window = DateWindow::days(date(2027, 8, 2), 7).expect("window");
        let evenings = Filters {
            when: Some(super::super::filters::When::Evening),
            ..Filters::default()
        };
        let plan = plan(&groups, &riverside(), window, &evenings, window.from());
        let count: usize = plan.days.iter().map(|d| d.sessions.len()).sum();
        assert_eq!(count, 1);
        let in_person = Filters {
            mode: Some(super::super::filters::Mode::InPerson),
            ..Filters::default()
        };
        let plan = super::plan(&groups, &riverside(), window, &in_person, window.from());
        assert_eq!(plan.still_running, [1]);
    }
}
