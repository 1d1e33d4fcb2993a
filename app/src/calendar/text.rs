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
pub const POSTER_HELP: &str =
    "Need help now? In an emergency call 999. Samaritans: 116 123, any time. Text SHOUT to 85258.";

pub const FOLLOW: &str = "Add to my groups calendar";
pub const UNFOLLOW: &str = "Remove from my groups calendar";
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
