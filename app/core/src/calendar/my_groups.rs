//! My groups: for each group someone follows, what is on, what is off and
//! what to do instead. Two halves, so the panel stays true with no signal:
//!
//! - the server works out each followed group's [`GroupOutlook`] for the
//!   weeks ahead from the published data ([`outlook`]): its sessions (with
//!   cancellations), the breaks it pauses for with the groups that still run
//!   then, and when a course ends;
//! - the phone keeps the [`Outlook`] and reads it against its own clock
//!   ([`news`]), so a copy made on Monday still says the right thing on
//!   Thursday, and says plainly when it has run out.
//!
//! Which groups are followed lives on the phone; the request carries only
//! their ids (as the calendar feed's address does).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::{
    expand::{expand, next_running, DateWindow, Occurrence, Status},
    filters::Filters,
    group::{Attendance, Freshness, Group, GroupId},
    term::{Day, TermCalendar},
};

/// How far ahead an outlook looks: six weeks, so a copy kept on the phone
/// covers a half term and the weeks either side.
pub const OUTLOOK_DAYS: u32 = 42;
/// The most sessions kept per group: one a day. A group that meets more
/// often says how far its list reaches (`GroupOutlook::sessions_until`).
pub const MAX_SESSIONS: usize = 42;
/// The most sessions kept of each alternative, so a copy read later in a
/// break still knows when each one meets next.
pub const MAX_ALTERNATIVE_SESSIONS: usize = 8;
/// The most other groups suggested instead of one that is off.
pub const MAX_ALTERNATIVES: usize = 3;
/// A course's end is news from this many days before it.
pub const COURSE_NOTICE_DAYS: i64 = 28;
/// How far after a course's end its alternatives are looked for.
const AFTER_COURSE_DAYS: u32 = 28;
/// How far ahead "back on" looks for a group on a break.
const RESUME_HORIZON_DAYS: u32 = 400;

/// Everything the panel needs for the groups someone follows, as of `made`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlook {
    /// The server's today when it was worked out.
    pub made: NaiveDate,
    /// The first day it no longer covers.
    pub until: NaiveDate,
    pub groups: Vec<GroupOutlook>,
    /// Followed groups that are no longer listed.
    pub gone: Vec<GroupId>,
}

/// One followed group, for the weeks of an outlook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupOutlook {
    pub id: GroupId,
    pub title: String,
    /// Running and cancelled sessions, earliest first.
    pub sessions: Vec<PlannedSession>,
    /// When the list stops short of the outlook (at [`MAX_SESSIONS`]): the
    /// first day it no longer covers.
    pub sessions_until: Option<NaiveDate>,
    /// The breaks it pauses for, earliest first.
    pub breaks: Vec<BreakOutlook>,
    /// As the organiser said; `None` when nobody said.
    pub taking_new_members: Option<bool>,
    /// When the group is a course that ends soon (or has ended).
    pub course_end: Option<CourseEnd>,
    /// The first day whose term dates are not known, for a term-bound group.
    pub term_dates_unknown_from: Option<NaiveDate>,
    /// Nobody has confirmed it for over a year.
    pub may_have_stopped: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSession {
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    /// The organiser's reason, when cancelled.
    pub cancelled: Option<String>,
}

impl PlannedSession {
    fn from_occurrence(occurrence: &Occurrence) -> Self {
        Self {
            date: occurrence.date,
            starts: occurrence.starts,
            ends: occurrence.ends,
            cancelled: match &occurrence.status {
                Status::Cancelled { reason } => Some(reason.clone()),
                _ => None,
            },
        }
    }

    fn over_by(&self, now: NaiveDateTime) -> bool {
        self.date.and_time(self.ends) <= now
    }
}

/// A break the group pauses for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakOutlook {
    pub name: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The group's first session after the break, if one is known.
    pub back_on: Option<NaiveDate>,
    /// Groups that fit the same filters and meet in the break.
    pub instead: Vec<Alternative>,
}

/// A course's last session and what comes after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseEnd {
    pub last: NaiveDate,
    /// The next course's first day, as the organiser gave it.
    pub next_start: Option<NaiveDate>,
    /// Groups that fit the same filters and meet in the weeks after.
    pub instead: Vec<Alternative>,
}

/// Another group to try, with its sessions in the dates that matter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub id: GroupId,
    pub title: String,
    /// Earliest first, at most [`MAX_ALTERNATIVE_SESSIONS`].
    pub meets: Vec<Meeting>,
    pub from_home: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub date: NaiveDate,
    pub starts: NaiveTime,
}

impl Alternative {
    /// Its next meeting on or after `today`.
    pub fn next(&self, today: NaiveDate) -> Option<Meeting> {
        self.meets.iter().copied().find(|m| m.date >= today)
    }
}

/// The groups to suggest instead, for one area and one set of filters,
/// worked out once per window and shared by every followed group of the
/// area (a request following fifty groups in one area, all on the same
/// break, looks at the area's groups once).
pub struct Alternatives<'a, G> {
    neighbours: &'a [G],
    terms: &'a TermCalendar,
    filters: &'a Filters,
    today: NaiveDate,
    found: HashMap<(NaiveDate, NaiveDate), Vec<Alternative>>,
}

impl<'a, G: AsRef<Group>> Alternatives<'a, G> {
    /// `neighbours` are the groups people in the area can go to (its own
    /// and the national ones, sharing `terms`).
    pub fn new(
        neighbours: &'a [G],
        terms: &'a TermCalendar,
        filters: &'a Filters,
        today: NaiveDate,
    ) -> Self {
        Self {
            neighbours,
            terms,
            filters,
            today,
            found: HashMap::new(),
        }
    }

    /// How many windows have been worked out.
    pub fn windows_worked_out(&self) -> usize {
        self.found.len()
    }

    /// Up to [`MAX_ALTERNATIVES`] groups other than `besides` that meet
    /// from `from` until (not including) `until`, soonest first. Groups that
    /// may have stopped, or are not taking new members, are never suggested.
    fn besides(
        &mut self,
        besides: &GroupId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Vec<Alternative> {
        let (neighbours, terms, filters, today) =
            (self.neighbours, self.terms, self.filters, self.today);
        let found = self.found.entry((from, until)).or_insert_with(|| {
            let Ok(window) = DateWindow::new(from, until) else {
                return Vec::new();
            };
            let mut found: Vec<Alternative> = neighbours
                .iter()
                .map(AsRef::as_ref)
                .filter(|other| filters.admits(other))
                .filter(|other| other.facts.taking_new_members != Some(false))
                .filter(|other| !matches!(other.freshness(today), Freshness::MayHaveStopped(_)))
                .filter_map(|other| {
                    let meets: Vec<Meeting> = expand(&other.times, terms, window)
                        .into_iter()
                        .filter(|o| o.is_running() && filters.admits_session(other, o))
                        .take(MAX_ALTERNATIVE_SESSIONS)
                        .map(|o| Meeting {
                            date: o.date,
                            starts: o.starts,
                        })
                        .collect();
                    (!meets.is_empty()).then(|| Alternative {
                        id: other.id.clone(),
                        title: other.title.clone(),
                        meets,
                        from_home: other.attendance != Attendance::InPerson,
                    })
                })
                .collect();
            let first = |a: &Alternative| a.meets.first().map(|m| (m.date, m.starts));
            found.sort_by(|a, b| (first(a), &a.title).cmp(&(first(b), &b.title)));
            // One more than shown, so that leaving out the group itself still leaves enough.
            found.truncate(MAX_ALTERNATIVES + 1);
            found
        });
        found
            .iter()
            .filter(|a| &a.id != besides)
            .take(MAX_ALTERNATIVES)
            .cloned()
            .collect()
    }
}

/// Works out one followed group's outlook from `today`, with `instead`
/// the alternatives of its area (sharing `terms`).
pub fn outlook<G: AsRef<Group>>(
    group: &Group,
    terms: &TermCalendar,
    instead: &mut Alternatives<'_, G>,
    today: NaiveDate,
) -> GroupOutlook {
    let found = DateWindow::days(today, OUTLOOK_DAYS)
        .map(|window| expand(&group.times, terms, window))
        .unwrap_or_default();
    let all: Vec<PlannedSession> = found
        .iter()
        .filter(|o| o.is_session())
        .map(PlannedSession::from_occurrence)
        .collect();
    let sessions_until = all.get(MAX_SESSIONS).map(|cut| cut.date);
    let sessions = all.into_iter().take(MAX_SESSIONS).collect();
    let mut breaks: Vec<BreakOutlook> = Vec::new();
    for occurrence in &found {
        let (Status::Break { name }, Day::Break(b)) =
            (&occurrence.status, terms.day(occurrence.date))
        else {
            continue;
        };
        // Once per break, even when the group would meet in it twice.
        if breaks.iter().any(|seen| seen.first == b.dates.first()) {
            continue;
        }
        let back_on = next_running(
            &group.times,
            terms,
            b.dates.last() + Duration::days(1),
            RESUME_HORIZON_DAYS,
        )
        .map(|o| o.date);
        let from = b.dates.first().max(today);
        let until = (b.dates.last() + Duration::days(1))
            .min(from + Duration::days(i64::from(OUTLOOK_DAYS)));
        breaks.push(BreakOutlook {
            name: name.clone(),
            first: b.dates.first(),
            last: b.dates.last(),
            back_on,
            instead: instead.besides(&group.id, from, until),
        });
    }
    let term_dates_unknown_from = found
        .iter()
        .find(|o| o.status == Status::TermDatesUnknown)
        .map(|o| o.date);
    let course_end = course_end(group, terms, today).map(|last| {
        let after = last + Duration::days(1);
        let from = after.max(today);
        CourseEnd {
            last,
            next_start: group.facts.next_course_start.filter(|start| *start > last),
            instead: instead.besides(
                &group.id,
                from,
                from + Duration::days(i64::from(AFTER_COURSE_DAYS)),
            ),
        }
    });
    GroupOutlook {
        id: group.id.clone(),
        title: group.title.clone(),
        sessions,
        sessions_until,
        breaks,
        taking_new_members: group.facts.taking_new_members,
        course_end,
        term_dates_unknown_from,
        may_have_stopped: matches!(group.freshness(today), Freshness::MayHaveStopped(_)),
    }
}

/// The last session of a group whose every schedule ends, when that is at
/// most [`COURSE_NOTICE_DAYS`] away (or already past).
fn course_end(group: &Group, terms: &TermCalendar, today: NaiveDate) -> Option<NaiveDate> {
    let schedules = group.times.schedules();
    let ends: Option<Vec<NaiveDate>> = schedules.iter().map(|s| s.valid_until()).collect();
    let end = ends?.into_iter().max()?;
    if end > today + Duration::days(COURSE_NOTICE_DAYS) {
        return None;
    }
    // The weeks before the end hold the last session, extras and moves included.
    let window = DateWindow::new(
        end - Duration::days(OUTLOOK_DAYS.into()),
        end + Duration::days(1),
    )
    .ok()?;
    let last = expand(&group.times, terms, window)
        .into_iter()
        .rev()
        .find(Occurrence::is_running)
        .map(|o| o.date)?;
    let later = group.times.exceptions().iter().any(|e| match e {
        super::schedule::Exception::Extra { date, .. }
        | super::schedule::Exception::Moved { to: date, .. } => *date > end,
        super::schedule::Exception::Cancelled { .. } => false,
    });
    (!later).then_some(last)
}

/// What the panel says about one group, in the order it says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    /// "Next: Tuesday 8 December, 10:00 to 11:30".
    Next(PlannedSession),
    /// "Cancelled on Thursday 10 December: reason", in the coming week.
    Cancelled { date: NaiveDate, reason: String },
    /// "(From Saturday 19 December) On a break for …, back on … These still run: …".
    OnBreak {
        name: String,
        /// The break's first day.
        first: NaiveDate,
        back_on: Option<NaiveDate>,
        /// Each still meeting on or after today.
        instead: Vec<Alternative>,
    },
    /// "Not taking new members just now".
    NotTakingNewMembers,
    /// "This course ends on … The next starts on …" with what to try meanwhile.
    CourseEnds(CourseEnd),
    /// "Check with the organiser: term dates not known from …".
    TermDatesUnknown { from: NaiveDate },
    /// "This group may have stopped: nobody has confirmed it for a year".
    MayHaveStopped,
    /// No session known in the weeks the phone's copy covers.
    NoSessionKnown { until: NaiveDate },
}

/// How old the phone's copy is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyAge {
    /// Made today.
    Today,
    /// Made this many days ago, and still covers today.
    Days(i64),
    /// It no longer covers today: nothing it says about today can be trusted.
    RunOut,
}

impl Outlook {
    pub fn age(&self, today: NaiveDate) -> CopyAge {
        if today >= self.until || today < self.made {
            CopyAge::RunOut
        } else if today == self.made {
            CopyAge::Today
        } else {
            CopyAge::Days((today - self.made).num_days())
        }
    }
}

/// The alternatives still meeting on or after `today`.
fn still_to_come(instead: &[Alternative], today: NaiveDate) -> Vec<Alternative> {
    instead
        .iter()
        .filter(|a| a.next(today).is_some())
        .cloned()
        .collect()
}

/// What the panel says about `group` at `now` (the phone's clock), from a
/// copy that covers days up to, not including, `until`.
pub fn news(group: &GroupOutlook, now: NaiveDateTime, until: NaiveDate) -> Vec<News> {
    let today = now.date();
    // The sessions the copy knows of end where its list stops, if sooner.
    let known = group.sessions_until.map_or(until, |cut| cut.min(until));
    let week_ahead = today + Duration::days(7);
    let mut said = Vec::new();
    if group.may_have_stopped {
        said.push(News::MayHaveStopped);
    }
    // Cancellations in the coming week.
    for session in &group.sessions {
        if let Some(reason) = &session.cancelled {
            if today <= session.date && session.date < week_ahead {
                said.push(News::Cancelled {
                    date: session.date,
                    reason: reason.clone(),
                });
            }
        }
    }
    // A break under way, or starting within the week ahead.
    if let Some(b) = group
        .breaks
        .iter()
        .find(|b| b.first < week_ahead && today <= b.last)
    {
        said.push(News::OnBreak {
            name: b.name.clone(),
            first: b.first,
            back_on: b.back_on,
            instead: still_to_come(&b.instead, today),
        });
    }
    let explained = said.iter().any(|n| matches!(n, News::OnBreak { .. }));
    match group
        .sessions
        .iter()
        .find(|s| s.cancelled.is_none() && !s.over_by(now) && s.date < known)
    {
        Some(next) => said.insert(0, News::Next(next.clone())),
        None if !explained && group.course_end.is_none() && today < until => {
            said.push(News::NoSessionKnown { until: known });
        }
        None => {}
    }
    if group.taking_new_members == Some(false) {
        said.push(News::NotTakingNewMembers);
    }
    if let Some(end) = &group.course_end {
        said.push(News::CourseEnds(CourseEnd {
            last: end.last,
            // A next start that has passed is no longer news.
            next_start: end.next_start.filter(|start| *start >= today),
            instead: still_to_come(&end.instead, today),
        }));
    }
    if let Some(from) = group.term_dates_unknown_from {
        if from <= week_ahead {
            said.push(News::TermDatesUnknown {
                from: from.max(today),
            });
        }
    }
    said
}

#[cfg(test)]
#[path = "my_groups_tests.rs"]
mod tests;
