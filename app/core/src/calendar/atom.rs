//! An Atom feed (RFC 4287) of an area's coming sessions and changes, for a
//! charity's website, a children's centre's screen or a feed reader: each
//! session of the coming days, and what changed about it (cancelled, with
//! its reason; moved; an extra session), and the groups listed in the last
//! fortnight. Built from the same plan as This week, so the feed never says
//! more than the page. A group is new by the day it was first listed
//! (`Group::listed_on`), never by a guess from its schedule.

use std::fmt::Write;

use chrono::NaiveDate;

use super::expand::{Kind, Occurrence, Status};
use super::group::Group;
use super::london;
use crate::written;

/// One session in the feed: the group and the occurrence from the plan.
pub struct FeedSession<'a> {
    pub group: &'a Group,
    pub occurrence: &'a Occurrence,
}

/// The area the feed is about, and where Village is.
pub struct FeedArea<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub base_url: &'a str,
}

/// The most entries a feed holds (a busy area's fortnight is far fewer).
pub const MAX_ENTRIES: usize = 500;
/// A group is news for this many days after it is first listed.
pub const NEW_FOR_DAYS: i64 = 14;

/// Whether `group` was first listed in the last [`NEW_FOR_DAYS`] days.
pub fn is_new(group: &Group, today: NaiveDate) -> bool {
    group
        .listed_on
        .is_some_and(|day| day <= today && (today - day).num_days() < NEW_FOR_DAYS)
}

/// The whole feed: the groups new among `groups`, newest first, then
/// `sessions`, the plan's sessions in order (the caller leaves out groups
/// that may have stopped); `today` is London's date.
pub fn area_feed(
    area: &FeedArea<'_>,
    groups: &[&Group],
    sessions: &[FeedSession<'_>],
    today: NaiveDate,
) -> String {
    let base = area.base_url.trim_end_matches('/');
    let week = format!("{base}/?area={}", area.id);
    let updated = stamp(today);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(
        out,
        "<title>{}</title>",
        escape(&format!("Village: groups in {}", area.name))
    );
    let _ = writeln!(
        out,
        "<subtitle>Peer support for parents in pregnancy and the first years: what is on, and what has changed.</subtitle>"
    );
    let _ = writeln!(
        out,
        "<id>{}</id>",
        escape(&format!("{base}/areas/{}/feed.atom", area.id))
    );
    let _ = writeln!(
        out,
        "<link rel=\"self\" href=\"{}\"/>",
        escape(&format!("{base}/api/v1/areas/{}/feed.atom", area.id))
    );
    let _ = writeln!(out, "<link rel=\"alternate\" href=\"{}\"/>", escape(&week));
    let _ = writeln!(out, "<updated>{updated}</updated>");
    out.push_str("<author><name>Village</name></author>\n");

    let mut new: Vec<&Group> = groups
        .iter()
        .copied()
        .filter(|g| is_new(g, today))
        .collect();
    new.sort_by(|a, b| (b.listed_on, &a.title).cmp(&(a.listed_on, &b.title)));
    new.truncate(MAX_ENTRIES);
    for group in &new {
        let Some(listed) = group.listed_on else {
            continue;
        };
        let link = format!("{base}/groups/{}", group.id);
        entry(
            &mut out,
            &format!("{link}#listed-{}", written::day(listed)),
            &format!("New group: {}", group.title),
            &link,
            &stamp(listed),
            &format!(
                "{}, run by {}, is new in Village since {}.",
                group.title,
                group.organisation_name,
                written::long_day(listed)
            ),
        );
    }
    for session in sessions.iter().take(MAX_ENTRIES - new.len()) {
        let o = session.occurrence;
        let group = session.group;
        let link = format!("{base}/groups/{}", group.id);
        let when = format!(
            "{} {}, {}–{}",
            weekday(o.date),
            written::long_day(o.date),
            written::time(o.starts),
            written::time(o.ends)
        );
        let (title, summary) = match (&o.status, o.kind) {
            (Status::Cancelled { reason }, _) => (
                format!("Cancelled: {}, {when}", group.title),
                if reason.trim().is_empty() {
                    format!("{} is not meeting on {when}.", group.title)
                } else {
                    format!(
                        "{} is not meeting on {when}: {}",
                        group.title,
                        reason.trim()
                    )
                },
            ),
            (_, Kind::Moved { from }) => (
                format!("{}, {when} (moved)", group.title),
                format!(
                    "{} has moved from {} to {when}.",
                    group.title,
                    written::long_day(from)
                ),
            ),
            (_, Kind::Extra) => (
                format!("{}, {when} (extra session)", group.title),
                format!("An extra session of {}: {when}.", group.title),
            ),
            _ => (
                format!("{}, {when}", group.title),
                format!("{}: {when}.", group.title),
            ),
        };
        let id = format!("{link}#{}", o.date.and_time(o.starts).format("%Y%m%dT%H%M"));
        // A stable date: an entry does not look changed every day.
        let changed = group.last_confirmed.min(today);
        entry(&mut out, &id, &title, &link, &stamp(changed), &summary);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, id: &str, title: &str, link: &str, updated: &str, summary: &str) {
    out.push_str("<entry>\n");
    let _ = writeln!(out, "<id>{}</id>", escape(id));
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(out, "<link href=\"{}\"/>", escape(link));
    let _ = writeln!(out, "<updated>{updated}</updated>");
    let _ = writeln!(out, "<summary>{}</summary>", escape(summary));
    out.push_str("</entry>\n");
}

/// Midnight in London on `day`, as RFC 3339 in UTC.
fn stamp(day: NaiveDate) -> String {
    london::to_utc(day.and_time(chrono::NaiveTime::MIN))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn weekday(day: NaiveDate) -> &'static str {
    use chrono::Datelike;
    written::weekday_name(day.weekday())
}

/// XML's five special characters, and no control characters (not allowed in
/// XML 1.0 at all).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(' '),
            // Not allowed in XML 1.0 at all.
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_are_dropped() {
        assert_eq!(
            escape("Tea & <cake> \"now\" it's\u{1}"),
            "Tea &amp; &lt;cake&gt; &quot;now&quot; it&apos;s"
        );
    }

    #[test]
    fn stamps_are_london_midnight_in_utc() {
        let winter = NaiveDate::from_ymd_opt(2026, 12, 7).expect("day");
        assert_eq!(stamp(winter), "2026-12-07T00:00:00Z");
        let summer = NaiveDate::from_ymd_opt(2027, 7, 1).expect("day");
        assert_eq!(stamp(summer), "2027-06-30T23:00:00Z");
    }
}
