//! iCalendar (RFC 5545) feeds of groups that calendar apps understand, and
//! that never promise a session the term data does not back: each schedule
//! is one recurring event whose RRULE ends with the known term dates, with
//! EXDATEs for breaks, bank holidays, cancellations and moved sessions; extra
//! and moved sessions are events of their own. Times are Europe/London wall
//! clock, with the zone written out.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use std::{collections::BTreeSet, fmt::Write};

use super::{
    expand::{expand, DateWindow, Kind, MAX_WINDOW_DAYS},
    group::{Attendance, Group},
    schedule::{GroupTimes, Recurrence, Schedule, TermBehaviour},
    term::TermCalendar,
};

/// How far ahead a feed reaches when term dates do not bound it.
pub const OPEN_HORIZON_DAYS: i64 = 365;

const LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// The reminder a person chose for the sessions in their calendar: none, an
/// hour before, or the evening before (at 7pm). Written as a VALARM, so the
/// calendar app on the phone reminds them; Village sends nothing. The
/// evening's is a fixed number of hours before the start, so on the two
/// nights the clocks change it comes at 6pm or 8pm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Alert {
    #[default]
    None,
    HourBefore,
    EveningBefore,
}

/// The evening before starts at this hour.
pub const EVENING_HOUR: u32 = 19;

// The values of the feed address's `alert=` (none is left out of it).
coded!(Alert { None => "none", HourBefore => "1h", EveningBefore => "evening" });

impl Alert {
    /// Reads `alert=` from an address; says what it may be when it is not.
    pub fn parse(code: &str) -> Result<Self, String> {
        Self::from_code(code).ok_or_else(|| {
            let mut shown: String = code.chars().take(20).collect();
            if shown.len() < code.len() {
                shown.push('…');
            }
            format!("alert must be none, 1h or evening, not \"{shown}\"")
        })
    }

    /// How long before a session starting at `starts` the reminder comes, as
    /// an RFC 5545 duration ("-PT1H", "-PT15H30M").
    pub fn trigger(self, starts: NaiveTime) -> Option<String> {
        let minutes = match self {
            Alert::None => return None,
            Alert::HourBefore => 60,
            Alert::EveningBefore => {
                let start = i64::from(starts.hour()) * 60 + i64::from(starts.minute());
                start + (24 - i64::from(EVENING_HOUR)) * 60
            }
        };
        let (hours, minutes) = (minutes / 60, minutes % 60);
        Some(match minutes {
            0 => format!("-PT{hours}H"),
            m => format!("-PT{hours}H{m}M"),
        })
    }
}

/// One group and the term calendar that governs it, for a feed.
pub struct FeedGroup<'a> {
    pub group: &'a Group,
    pub terms: &'a TermCalendar,
}

/// A whole calendar: one group's, or a personal selection's.
/// `today` bounds groups no term data bounds; `base_url` makes links;
/// `alert` is the reminder the person chose for every session.
pub fn calendar(
    name: &str,
    groups: &[FeedGroup<'_>],
    today: NaiveDate,
    base_url: &str,
    alert: Alert,
) -> String {
    let mut out = String::new();
    out.push_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Village//Group calendar//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    line(&mut out, "X-WR-CALNAME", &escape(name));
    out.push_str("X-WR-TIMEZONE:Europe/London\r\n");
    out.push_str(LONDON);
    for feed in groups {
        events(&mut out, feed, today, base_url, alert);
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// The last date a group's feed may promise.
pub fn feed_until(group: &Group, terms: &TermCalendar, today: NaiveDate) -> Option<NaiveDate> {
    let open = today + Duration::days(OPEN_HORIZON_DAYS);
    let term_bound = group
        .times
        .schedules()
        .iter()
        .any(|s| s.term_behaviour() != TermBehaviour::AllYear);
    // Bank holidays are known as far as the term data goes, or, for national
    // groups with no term data, as far as the last bank holiday on record.
    let bank_known = terms
        .known_until()
        .or_else(|| terms.bank_holidays().map(|(date, _)| date).last());
    let skips = group
        .times
        .schedules()
        .iter()
        .any(Schedule::skips_bank_holidays);
    match (term_bound, terms.known_until()) {
        (true, None) => None,
        (true, Some(known)) => Some(known),
        (false, _) if skips && bank_known.is_some() => bank_known.map(|known| known.max(today)),
        (false, _) => Some(open),
    }
}

fn events(out: &mut String, feed: &FeedGroup<'_>, today: NaiveDate, base_url: &str, alert: Alert) {
    let group = feed.group;
    let Some(until) = feed_until(group, feed.terms, today) else {
        return;
    };
    let url = format!("{}/groups/{}", base_url.trim_end_matches('/'), group.id);
    let stamp = format!("{}T000000Z", group.last_confirmed.format("%Y%m%d"));
    let location = match (&group.venue, group.attendance) {
        (Some(v), _) => [
            v.name.as_str(),
            v.address.as_str(),
            v.town.as_str(),
            v.postcode.as_str(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", "),
        (None, Attendance::Phone) => "By phone".to_owned(),
        (None, _) => "Online".to_owned(),
    };
    let description = format!(
        "{}\n\nRun by {}. More: {url}",
        group.description, group.organisation_name
    );

    for (index, schedule) in group.times.schedules().iter().enumerate() {
        let single = match GroupTimes::new(
            group.times.reach(),
            vec![schedule.clone()],
            group.times.exceptions().to_vec(),
        ) {
            Ok(single) => single,
            Err(_) => continue,
        };
        let until = schedule.valid_until().map_or(until, |v| v.min(until));
        let Some(first) = schedule.first_date().filter(|f| *f <= until) else {
            continue;
        };
        let rule_dates: Vec<NaiveDate> = schedule
            .dates_from(first)
            .take_while(|d| *d <= until)
            .collect();
        let running = running_regular_dates(&single, feed.terms, first, until);
        let Some(&last_running) = running.iter().next_back() else {
            continue;
        };
        let exdates: Vec<NaiveDate> = rule_dates
            .iter()
            .filter(|d| !running.contains(d) && **d <= last_running)
            .copied()
            .collect();
        let first_running = running.iter().next().copied().unwrap_or(first);

        out.push_str("BEGIN:VEVENT\r\n");
        line(out, "UID", &format!("{}-{index}@village", group.id));
        line(out, "DTSTAMP", &stamp);
        line(
            out,
            "DTSTART;TZID=Europe/London",
            &local(first_running, schedule.starts()),
        );
        line(
            out,
            "DTEND;TZID=Europe/London",
            &local(first_running, schedule.ends()),
        );
        let ends_at = super::london::to_utc(last_running.and_time(schedule.starts()));
        line(
            out,
            "RRULE",
            &format!(
                "{};UNTIL={}",
                rule(schedule.recurrence()),
                ends_at.format("%Y%m%dT%H%M%SZ")
            ),
        );
        for chunk in exdates.chunks(20) {
            let list = chunk
                .iter()
                .map(|d| local(*d, schedule.starts()))
                .collect::<Vec<_>>()
                .join(",");
            line(out, "EXDATE;TZID=Europe/London", &list);
        }
        common(out, group, &location, &description, &url);
        alarm(out, alert, schedule.starts(), &group.title);
        out.push_str("END:VEVENT\r\n");
    }

    // Extra and moved sessions, each an event of its own.
    let Ok(window) = DateWindow::new(
        until - Duration::days(MAX_WINDOW_DAYS - 1),
        until + Duration::days(1),
    ) else {
        return;
    };
    for occurrence in expand(&group.times, feed.terms, window) {
        if occurrence.kind == Kind::Regular || !occurrence.is_running() {
            continue;
        }
        out.push_str("BEGIN:VEVENT\r\n");
        line(
            out,
            "UID",
            &format!(
                "{}-{}-{}@village",
                group.id,
                kind_word(occurrence.kind),
                occurrence
                    .date
                    .and_time(occurrence.starts)
                    .format("%Y%m%dT%H%M")
            ),
        );
        line(out, "DTSTAMP", &stamp);
        line(
            out,
            "DTSTART;TZID=Europe/London",
            &local(occurrence.date, occurrence.starts),
        );
        line(
            out,
            "DTEND;TZID=Europe/London",
            &local(occurrence.date, occurrence.ends),
        );
        common(out, group, &location, &description, &url);
        alarm(out, alert, occurrence.starts, &group.title);
        out.push_str("END:VEVENT\r\n");
    }
}

/// The reminder, if one was chosen: shown by the calendar app on the phone.
fn alarm(out: &mut String, alert: Alert, starts: NaiveTime, title: &str) {
    let Some(trigger) = alert.trigger(starts) else {
        return;
    };
    let when = match alert {
        Alert::EveningBefore => "tomorrow",
        _ => "in an hour",
    };
    out.push_str("BEGIN:VALARM\r\nACTION:DISPLAY\r\n");
    // The calendar may not have seen a cancellation yet.
    line(
        out,
        "DESCRIPTION",
        &escape(&format!("{title}, {when}: check it is still on")),
    );
    line(out, "TRIGGER", &trigger);
    out.push_str("END:VALARM\r\n");
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Regular => "regular",
        Kind::Extra => "extra",
        Kind::Moved { .. } => "moved",
    }
}

/// Dates the schedule really meets on, from `first` to `until`.
fn running_regular_dates(
    single: &GroupTimes,
    terms: &TermCalendar,
    first: NaiveDate,
    until: NaiveDate,
) -> BTreeSet<NaiveDate> {
    let mut dates = BTreeSet::new();
    let mut from = first;
    while from <= until {
        let to = (from + Duration::days(MAX_WINDOW_DAYS)).min(until + Duration::days(1));
        let Ok(window) = DateWindow::new(from, to) else {
            break;
        };
        dates.extend(
            expand(single, terms, window)
                .into_iter()
                .filter(|o| o.kind == Kind::Regular && o.is_running())
                .map(|o| o.date),
        );
        from = to;
    }
    dates
}

fn common(out: &mut String, group: &Group, location: &str, description: &str, url: &str) {
    line(out, "SUMMARY", &escape(&group.title));
    line(out, "LOCATION", &escape(location));
    line(out, "DESCRIPTION", &escape(description));
    line(out, "URL", url);
    out.push_str("STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\n");
}

fn rule(recurrence: Recurrence) -> String {
    match recurrence {
        Recurrence::Weeks { interval, weekday } => format!(
            "FREQ=WEEKLY;INTERVAL={interval};BYDAY={}",
            day_code(weekday)
        ),
        Recurrence::Month { week, weekday } => {
            format!("FREQ=MONTHLY;BYDAY={}{}", week.ordinal(), day_code(weekday))
        }
    }
}

fn day_code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn local(date: NaiveDate, time: NaiveTime) -> String {
    NaiveDateTime::new(date, time)
        .format("%Y%m%dT%H%M%S")
        .to_string()
}

/// TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded at 75 octets without splitting a character.
fn line(out: &mut String, name: &str, value: &str) {
    let full = format!("{name}:{value}");
    let mut width = 0;
    for c in full.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_and_text_is_escaped() {
        let mut out = String::new();
        line(&mut out, "DESCRIPTION", &escape(&"é; a, b\n".repeat(20)));
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
        assert!(out.contains("\\;") && out.contains("\\,") && out.contains("\\n"));
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.starts_with("DESCRIPTION:é\\; a\\, b\\n"));
    }

    #[test]
    fn reminders_come_an_hour_or_the_evening_before_whatever_the_start() {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(Alert::None.trigger(at(10, 30)), None);
        assert_eq!(
            Alert::HourBefore.trigger(at(10, 30)).as_deref(),
            Some("-PT1H")
        );
        // 7pm the day before a 10:30 session is 15 and a half hours before.
        assert_eq!(
            Alert::EveningBefore.trigger(at(10, 30)).as_deref(),
            Some("-PT15H30M")
        );
        assert_eq!(
            Alert::EveningBefore.trigger(at(0, 0)).as_deref(),
            Some("-PT5H")
        );
        assert_eq!(
            Alert::EveningBefore.trigger(at(19, 0)).as_deref(),
            Some("-PT24H")
        );
        for alert in Alert::ALL {
            assert_eq!(Alert::parse(alert.code()), Ok(alert));
        }
        let refused = Alert::parse(&"x".repeat(500)).expect_err("unknown");
        assert!(refused.starts_with("alert must be none, 1h or evening"));
        assert!(refused.len() < 80, "the answer stays short: {refused}");
    }

    #[test]
    fn a_reminder_is_a_display_alarm_inside_the_event() {
        let mut out = String::new();
        alarm(
            &mut out,
            Alert::EveningBefore,
            NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
            "Tuesday Talk; drop in",
        );
        assert_eq!(
            out,
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Tuesday Talk\\; drop in\\, tomorrow: check it is still on\r\nTRIGGER:-PT15H\r\nEND:VALARM\r\n"
        );
        let mut none = String::new();
        alarm(&mut none, Alert::None, NaiveTime::MIN, "x");
        assert!(none.is_empty());
    }

    #[test]
    fn rules_name_the_day() {
        assert_eq!(
            rule(Recurrence::Weeks {
                interval: 2,
                weekday: Weekday::Tue
            }),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
        );
        assert_eq!(
            rule(Recurrence::Month {
                week: super::super::WeekOfMonth::Last,
                weekday: Weekday::Fri
            }),
            "FREQ=MONTHLY;BYDAY=-1FR"
        );
    }
}
