//! Every word the calendar shows, in one place, ready for translation.

use chrono::NaiveDate;

pub const TITLE: &str = "This week";
pub const INTRO: &str =
    "Peer support groups near you, day by day, morning first. We show which groups take a break in the school holidays and which still run, so no week is empty.";
pub const CHOOSE_HEADING: &str = "Choose your area";
pub const CHOOSE_INTRO: &str =
    "Pick where you live to see this week's groups. We remember it on this phone, so next time the week is ready.";
pub const AREAS_EMPTY: &str = "No areas have been added yet.";
pub const AREA_NOT_FOUND: &str = "We don't know that area yet. Please choose one from the list.";
pub const GROUPS_IN: &str = "Groups in";
pub const CHANGE_AREA: &str = "Change area";
pub const BAD_WEEK: &str = "That week is not one we can show: weeks are dates like 2026-12-07, within about a year of today.";
pub const TERM_DATES_UNKNOWN: &str = "Check with the organiser: term dates not known";
pub const ONLINE: &str = "Online";
pub const BY_PHONE: &str = "By phone";
pub const TODAY: &str = "Today";
pub const PREVIOUS_WEEK: &str = "Previous week";
pub const NEXT_WEEK: &str = "Next week";
pub const BACK_TO_THIS_WEEK: &str = "Back to this week";
pub const WEEK_NAV_LABEL: &str = "Weeks";
pub const NO_GROUPS_TODAY: &str = "No groups are on this day.";
pub const NOTHING_IN_PERSON: &str =
    "Nothing in person today. You could join an online or phone group, or see";
pub const WHO_CAN_HELP: &str = "who can help";
pub const CANCELLED: &str = "Cancelled";
pub const EXTRA_SESSION: &str = "Extra session";
pub const STILL_RUN: &str = "These still run:";
pub const HAVING_A_BREAK: &str = "Having a break";
pub const BACK_ON: &str = "back on";
pub const BACK_NOT_KNOWN: &str = "back date not known yet";
pub const CHECK_TERM_DATES: &str = "We don't have the term dates for some of this week, so these groups may or may not meet. Check with the organiser:";
pub const FILTERS_HEADING: &str = "Filter groups";
pub const FILTER_WHEN: &str = "When";
pub const FILTER_ANY_TIME: &str = "Any time";
pub const FILTER_MORNING: &str = "Mornings";
pub const FILTER_AFTERNOON: &str = "Afternoons";
pub const FILTER_EVENING: &str = "Evenings (from 5pm)";
pub const FILTER_WEEKEND: &str = "Weekends";
pub const FILTER_HOW: &str = "How";
pub const FILTER_ANY_WAY: &str = "In person or from home";
pub const FILTER_IN_PERSON: &str = "In person";
pub const FILTER_FROM_HOME: &str = "From home (online or phone)";
pub const FILTER_ONLY: &str = "Only show groups that are";
pub const FILTER_BABIES: &str = "Babies welcome";
pub const FILTER_TODDLERS: &str = "Toddlers welcome";
pub const FILTER_MENTAL_HEALTH: &str = "Mental health support";
pub const FILTER_FREE: &str = "Free";
pub const FILTER_DROP_IN: &str = "Drop in (no booking)";
pub const FILTER_TOWN: &str = "Town";
pub const FILTER_APPLY: &str = "Show groups";
pub const FILTER_CLEAR: &str = "Clear filters";
pub const FILTERS_ON: &str = "Filters are on.";
pub const NO_MATCHES: &str = "No groups match your filters this week.";

/// "Tuesday 8 December"
pub fn day_heading(date: NaiveDate) -> String {
    date.format("%A %-d %B").to_string()
}

/// "22 Jul"
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// "Tue 3 Nov"
pub fn weekday_date(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// "7 – 13 December 2026", "28 December 2026 – 3 January 2027"
pub fn week_range(from: NaiveDate, to: NaiveDate) -> String {
    if from.format("%Y").to_string() != to.format("%Y").to_string() {
        format!("{} – {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"))
    } else if from.format("%m").to_string() == to.format("%m").to_string() {
        format!("{} – {}", from.format("%-d"), to.format("%-d %B %Y"))
    } else {
        format!("{} – {}", from.format("%-d %B"), to.format("%-d %B %Y"))
    }
}

/// "Summer holidays (22 Jul – 1 Sep): 6 groups are having a break."
pub fn break_banner(name: &str, first: NaiveDate, last: NaiveDate, groups: usize) -> String {
    let having = match groups {
        0 => "no groups here are having a break".to_owned(),
        1 => "1 group is having a break".to_owned(),
        n => format!("{n} groups are having a break"),
    };
    format!(
        "{name} ({} – {}): {having}.",
        short_date(first),
        short_date(last)
    )
}

pub fn moved_from(date: NaiveDate) -> String {
    format!("Moved from {}", weekday_date(date))
}

pub const GROUP_NOT_FOUND: &str = "We can't find that group";
pub const BACK_TO_WEEK: &str = "Back to this week";
pub const RUN_BY: &str = "Run by";
pub const WHEN_HEADING: &str = "When it meets";
pub const NEXT_SESSIONS: &str = "Next sessions";
pub const ADD_TO_CALENDAR: &str = "Add to calendar";
pub const SUBSCRIBE: &str = "Subscribe, so changes show in your calendar";
pub const WHERE_HEADING: &str = "Where";
pub const ACCESS_HEADING: &str = "Getting in";
pub const JOINING_HEADING: &str = "How to join";
pub const JOIN_LINK: &str = "Join the group online";
pub const DETAILS_HEADING: &str = "Good to know";
pub const CONTACT: &str = "Organiser's contact:";
pub const CONTACT_NOT_GIVEN: &str = "not given yet.";
pub const FIRST_VISIT_HEADING: &str = "Your first visit";
pub const LAST_CONFIRMED: &str = "Details last confirmed by the organiser on";

pub const POSTER_FOR_PROFESSIONALS: &str = "Health visitor, midwife or children's centre?";
pub const POSTER_LINK: &str = "Print a poster of this area's groups";
pub const LEAFLET_LINK: &str = "A leaflet for the whole term (A4 or A5)";
pub const LEAFLET_HEADING: &str = "Support for parents in";
pub const LEAFLET_LEAD: &str =
    "Groups where you can meet other parents in pregnancy and the first years, and people you can contact yourself. You are welcome as you are.";
pub const LEAFLET_HELP_NOW: &str = "If you need help now";
pub const LEAFLET_GROUPS: &str = "Groups, by the day they meet";
pub const LEAFLET_SERVICES: &str = "People you can contact yourself";
pub const LEAFLET_SCAN: &str = "Scan for this week, with any changes and cancellations:";

pub fn leaflet_made_on(day: NaiveDate) -> String {
    format!(
        "Made on {} by Village. Times can change: the QR code shows this week as it is.",
        village_core::written::long_day(day)
    )
}

pub const EMBED_HEADING: &str = "Put this week on your website";
pub const EMBED_TEXT: &str =
    "Paste this into your website's page. It shows this week's groups for the area, kept up to date by Village, with no cookies, no scripts and no tracking.";
pub const EMBED_LABEL: &str = "The code to paste";
pub const EMBED_PREVIEW: &str = "See what it looks like";
pub const FEED_LINK: &str = "Follow what's on and what changes in a feed reader (Atom)";
pub const POSTER_MISSING: &str = "We can't find that area";
pub const POSTER_HEADING: &str = "Peer support for parents in";
pub const POSTER_LEAD: &str =
    "Finding things hard in pregnancy or with a baby? You are not alone. These friendly groups run this week, and Village shows what is on every week, school holidays included.";
pub const POSTER_SCAN: &str = "Scan with your phone's camera, or type:";
pub const POSTER_THIS_WEEK: &str = "On this week";
/// "Need help now? In an emergency call 999. Samaritans: 116 123, any time. Text SHOUT to 85258."
pub fn poster_help() -> String {
    use crate::crisis::text::number;
    use village_core::crisis::Route;
    format!(
        "Need help now? In an emergency call {}. Samaritans: {}, any time. Text SHOUT to {}.",
        number(Route::Emergency),
        number(Route::Samaritans),
        number(Route::Shout)
    )
}

pub const FOLLOW: &str = "Add to My groups";
pub const UNFOLLOW: &str = "Remove from My groups";
pub const FOLLOW_NOT_SAVED: &str =
    "This phone would not let us save that. Private browsing can stop it.";

pub const SUBSCRIBE_WITH_REMINDER: &str = "Or subscribe with a reminder:";
pub const REMINDER: &str = "A reminder in your calendar";
pub const REMINDER_HINT: &str =
    "Your calendar app reminds you; Village sends nothing. Some apps (Google Calendar among them) ignore reminders in calendars you subscribe to, and a calendar checks for changes only every few hours, so look at the group's page before you go. To change the reminder, remove the old subscription and subscribe again.";

pub fn reminder(alert: village_core::calendar::ics::Alert) -> &'static str {
    use village_core::calendar::ics::Alert;
    match alert {
        Alert::None => "None",
        Alert::HourBefore => "1 hour before",
        Alert::EveningBefore => "The evening before",
    }
}

/// "Subscribe to my groups calendar (3 groups)"
pub fn my_feed(count: usize) -> String {
    let groups = if count == 1 {
        "1 group".to_owned()
    } else {
        format!("{count} groups")
    };
    format!("Subscribe to my groups calendar ({groups})")
}

pub const MY_GROUPS: &str = "My groups";
pub const YOUR_GROUPS: &str = "Your groups";
pub const MY_GROUPS_INTRO: &str = "The groups you follow, with what's on, what's off and what to do instead. Which groups you follow is kept on this phone only.";
pub const MY_GROUPS_READING: &str = "Reading the groups you follow on this phone…";
pub const MY_GROUPS_NONE: &str = "You don't follow any groups yet. Open a group from This week and choose \"Add to My groups\". We keep the list on this phone only.";
pub const MY_GROUPS_PAGE_LINK: &str = "My groups and reminders";
pub const MY_GROUPS_UP_TO_DATE: &str = "Up to date.";
pub const MY_GROUPS_UNREACHABLE: &str = "We can't reach Village just now, and this phone has no saved copy of your groups yet. Please try again when you have a signal.";
pub const NOT_TAKING_NEW_MEMBERS: &str = "Not taking new members just now.";
pub const MAY_HAVE_STOPPED: &str =
    "This group may have stopped: nobody has confirmed its details for over a year.";
pub const NO_SESSION_KNOWN: &str =
    "No sessions known in the next few weeks. Check the group's page.";
pub const STILL_RUNS_INSTEAD: &str = "These still run:";
pub const OR_TRY: &str = "Or try:";
pub const NOTHING_ELSE_FITS: &str = "We don't know of another group that runs then.";
pub const STOP_FOLLOWING_GONE: &str = "Stop following them";

pub const REMINDERS: &str = "Reminders on this phone";
pub const REMINDERS_INTRO: &str = "Village can remind you the evening before your groups meet and, if you like, gently ask how you are at a time you choose. The reminders are worked out on this phone from what it already keeps: nothing is sent to anyone.";
pub const REMINDERS_CHECKING: &str = "Checking what this browser can do…";
pub const REMINDERS_CANNOT_WAKE: &str = "This browser can't wake Village to remind you. Calendar reminders work instead: add a group to My groups, then choose a reminder for your calendar on the group's page.";
pub const REMIND_GROUPS: &str = "Remind me the evening before my groups meet";
pub const REMIND_MOOD: &str = "A gentle reminder to check in with how I'm feeling";
pub const REMIND_MOOD_AT: &str = "At";
pub const REMIND_DETAILS: &str = "Show what the reminder is about on the lock screen";
pub const REMIND_DETAILS_HINT: &str = "Otherwise a reminder says only \"Village\", so nobody who sees your phone can tell what it is.";
pub const REMINDERS_SAVE: &str = "Save reminders";
pub const REMINDERS_TURN_OFF: &str = "Turn off all reminders";
pub const REMINDERS_SAVED: &str = "Reminders saved on this phone.";
pub const REMINDERS_OFF: &str = "Reminders are off.";
pub const REMINDERS_MAY_BE_LATE: &str = "Your phone decides when Village may wake, so a reminder can come late, or not at all when the phone is saving battery. Calendar reminders are surer.";

/// Why reminders could not be turned on, and what to do instead.
pub fn cannot_remind(why: super::reminders::CannotRemind) -> &'static str {
    use super::reminders::CannotRemind;
    match why {
        CannotRemind::NotificationsBlocked => "Notifications are turned off for Village in this browser, so it cannot remind you. You can allow them in the browser's site settings, or use calendar reminders instead.",
        CannotRemind::CannotWake => "This browser only lets Village remind you once it is added to your home screen. Add it (see \"Add Village to your home screen\" on This week), or use calendar reminders instead.",
        CannotRemind::NotSaved => "This phone would not let us save that change to your reminders. Private browsing can stop it.",
    }
}

/// How old the phone's copy of My groups is, when it was what answered.
pub fn copy_age(age: village_core::calendar::my_groups::CopyAge, made: NaiveDate) -> String {
    use village_core::{calendar::my_groups::CopyAge, written::weekday_day_month};
    match age {
        CopyAge::Today => {
            "Village can't be reached just now, so this is the copy saved today. Check the group's page before you go.".to_owned()
        }
        CopyAge::Days(_) => format!(
            "Village can't be reached just now, so this is the copy saved on {}. Things may have changed since: check before you go.",
            weekday_day_month(made)
        ),
        CopyAge::RunOut => format!(
            "This phone's copy was saved on {} and no longer covers today. Connect to the internet to see what's on.",
            weekday_day_month(made)
        ),
    }
}

/// "Next: Tuesday 8 December, 10:00 to 11:30"
pub fn next_session(date: NaiveDate, starts: chrono::NaiveTime, ends: chrono::NaiveTime) -> String {
    use village_core::written::{time, weekday_day_month};
    format!(
        "Next: {}, {} to {}",
        weekday_day_month(date),
        time(starts),
        time(ends)
    )
}

/// "Cancelled on Thursday 10 December: The hall is flooded"
pub fn cancelled_on(date: NaiveDate, reason: &str) -> String {
    format!(
        "Cancelled on {}: {reason}",
        village_core::written::weekday_day_month(date)
    )
}

/// "On a break for the Christmas holidays, back on Thursday 7 January.",
/// with "From Saturday 19 December: " when the break is still to start.
pub fn on_a_break(name: &str, starts: Option<NaiveDate>, back_on: Option<NaiveDate>) -> String {
    let from =
        starts.map(|day| format!("From {}: ", village_core::written::weekday_day_month(day)));
    let on = if from.is_some() { "on" } else { "On" };
    let rest = match back_on {
        Some(day) => format!(
            "{on} a break for the {}, back on {}.",
            lower_first(name),
            village_core::written::weekday_day_month(day)
        ),
        None => format!(
            "{on} a break for the {}. The date it's back is not known yet.",
            lower_first(name)
        ),
    };
    format!("{}{rest}", from.unwrap_or_default())
}

/// "Summer holidays" reads "the summer holidays" inside a sentence; names
/// that start with a capital for a reason ("Christmas", "Easter") keep it.
fn lower_first(name: &str) -> String {
    let keeps_capital = ["Christmas", "Easter", "October", "February", "May"]
        .iter()
        .any(|proper| name.starts_with(proper));
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if !keeps_capital => first.to_lowercase().chain(chars).collect(),
        _ => name.to_owned(),
    }
}

/// "This course ends on Tuesday 15 December. The next starts on Tuesday 12 January."
pub fn course_ends(last: NaiveDate, next: Option<NaiveDate>, today: NaiveDate) -> String {
    use village_core::written::weekday_day_month;
    let ends = if last >= today {
        format!("This course ends on {}.", weekday_day_month(last))
    } else {
        format!("This course ended on {}.", weekday_day_month(last))
    };
    match next {
        Some(next) => format!("{ends} The next starts on {}.", weekday_day_month(next)),
        None => format!("{ends} The next start date is not known yet."),
    }
}

/// "Check with the organiser: term dates not known from Thursday 2 September."
pub fn term_dates_unknown_from(from: NaiveDate) -> String {
    format!(
        "Check with the organiser: term dates not known from {}.",
        village_core::written::weekday_day_month(from)
    )
}

/// "Wednesday 23 December, 19:00, online or by phone"
pub fn alternative_when(date: NaiveDate, starts: chrono::NaiveTime, from_home: bool) -> String {
    use village_core::written::{time, weekday_day_month};
    let how = if from_home {
        ", online or by phone"
    } else {
        ""
    };
    format!("{}, {}{how}", weekday_day_month(date), time(starts))
}

/// "1 group you follow is no longer listed: it may have stopped."
pub fn gone(count: usize) -> String {
    if count == 1 {
        "1 group you follow is no longer listed: it may have stopped.".to_owned()
    } else {
        format!("{count} groups you follow are no longer listed: they may have stopped.")
    }
}

/// Followed groups the phone's copy does not have yet (followed since it was saved).
pub fn not_in_copy(count: usize) -> String {
    if count == 1 {
        "1 group you follow is not in this phone's saved copy yet. Connect to see its news."
            .to_owned()
    } else {
        format!("{count} groups you follow are not in this phone's saved copy yet. Connect to see their news.")
    }
}

/// Shown only on a copy the phone saved, when there is no signal.
pub fn saved_copy(day: NaiveDate) -> String {
    format!(
        "You're offline, so this is the copy saved on {}. Times may have changed since.",
        day_heading(day)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    #[test]
    fn my_groups_news_reads_plainly() {
        use chrono::NaiveTime;
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("valid");
        assert_eq!(
            next_session(date(2026, 12, 8), t(10), t(11)),
            "Next: Tuesday 8 December, 10:00 to 11:00"
        );
        assert_eq!(
            on_a_break("Summer holidays", None, Some(date(2027, 9, 2))),
            "On a break for the summer holidays, back on Thursday 2 September."
        );
        assert_eq!(
            on_a_break("Christmas holidays", None, None),
            "On a break for the Christmas holidays. The date it's back is not known yet."
        );
        assert_eq!(
            on_a_break("Christmas holidays", Some(date(2026, 12, 19)), Some(date(2027, 1, 7))),
            "From Saturday 19 December: on a break for the Christmas holidays, back on Thursday 7 January."
        );
        assert_eq!(
            course_ends(
                date(2026, 12, 15),
                Some(date(2027, 1, 12)),
                date(2026, 12, 7)
            ),
            "This course ends on Tuesday 15 December. The next starts on Tuesday 12 January."
        );
        assert_eq!(
            course_ends(date(2026, 12, 15), None, date(2026, 12, 16)),
            "This course ended on Tuesday 15 December. The next start date is not known yet."
        );
        assert_eq!(
            alternative_when(date(2026, 12, 23), t(19), true),
            "Wednesday 23 December, 19:00, online or by phone"
        );
        assert_eq!(
            gone(2),
            "2 groups you follow are no longer listed: they may have stopped."
        );
    }

    #[test]
    fn dates_read_plainly() {
        assert_eq!(day_heading(date(2026, 12, 8)), "Tuesday 8 December");
        assert_eq!(
            week_range(date(2026, 12, 7), date(2026, 12, 13)),
            "7 – 13 December 2026"
        );
        assert_eq!(
            week_range(date(2026, 12, 28), date(2027, 1, 3)),
            "28 December 2026 – 3 January 2027"
        );
        assert_eq!(
            break_banner("Summer holidays", date(2027, 7, 22), date(2027, 9, 1), 6),
            "Summer holidays (22 Jul – 1 Sep): 6 groups are having a break."
        );
        assert_eq!(
            break_banner("Half term", date(2027, 2, 13), date(2027, 2, 21), 1),
            "Half term (13 Feb – 21 Feb): 1 group is having a break."
        );
    }
}
