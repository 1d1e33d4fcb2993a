//! What a group's page shows, worked out on the server in plain words.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UpcomingLine {
    Session {
        date: NaiveDate,
        times: String,
        cancelled: Option<String>,
        note: Option<String>,
    },
    /// A gap explained: a break, a bank holiday, or unknown term dates.
    Gap(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPageView {
    pub id: String,
    pub title: String,
    pub is_sample: bool,
    pub organisation: String,
    pub description: String,
    pub badges: Vec<String>,
    pub when: Vec<String>,
    pub place: Vec<Fact>,
    pub access: Vec<String>,
    pub joining: Vec<String>,
    /// The online group's link, only when the organiser made it public.
    pub joining_link: Option<String>,
    pub facts: Vec<Fact>,
    /// The organiser's contact, in words and as a link; `None`: not given.
    pub contact: Option<(String, String)>,
    /// "Your first visit", in the organiser's words; empty: not given.
    pub first_visit: String,
    pub last_confirmed: NaiveDate,
    /// "Not confirmed since …" when nobody has confirmed the group lately.
    pub freshness: Option<String>,
    pub upcoming: Vec<UpcomingLine>,
    pub ics_href: String,
    pub webcal_href: String,
    /// `webcal://host`, for the personal feed built on the phone.
    pub webcal_base: String,
    /// The page's own public address, and its QR code (SVG; empty if none).
    pub page_link: String,
    pub qr_svg: String,
    /// Someone reported its times or number as wrong, and no organiser has
    /// checked it yet.
    pub may_be_out_of_date: bool,
}

#[cfg(feature = "ssr")]
pub use build::{describe, group_page_view};

#[cfg(feature = "ssr")]
mod build {
    use chrono::NaiveDate;
    use village_core::calendar::{
        upcoming::{upcoming, Upcoming},
        Attendance, Group, Kind, Recurrence, Schedule, Status, TermBehaviour, TermCalendar,
    };

    use super::{Fact, GroupPageView, UpcomingLine};
    use crate::calendar::text;

    /// How many sessions a group's page lists.
    const NEXT_SESSIONS: usize = 8;

    pub fn group_page_view(
        group: &Group,
        terms: &TermCalendar,
        today: NaiveDate,
        public_url: &str,
    ) -> GroupPageView {
        let ics_path = format!("/api/v1/groups/{}/calendar.ics", group.id);
        let page_link = format!("{}/groups/{}", public_url.trim_end_matches('/'), group.id);
        let host = public_url
            .trim_end_matches('/')
            .split_once("://")
            .map(|(_, rest)| rest.to_owned())
            .unwrap_or_default();
        let upcoming = upcoming(&group.times, terms, today, NEXT_SESSIONS)
            .into_iter()
            .map(|entry| match entry {
                Upcoming::Session(o) => UpcomingLine::Session {
                    date: o.date,
                    times: format!("{}–{}", o.starts.format("%H:%M"), o.ends.format("%H:%M")),
                    cancelled: match o.status {
                        Status::Cancelled { reason } => Some(reason),
                        _ => None,
                    },
                    note: match o.kind {
                        Kind::Moved { from } => Some(text::moved_from(from)),
                        Kind::Extra => Some(text::EXTRA_SESSION.to_owned()),
                        Kind::Regular => None,
                    },
                },
                Upcoming::NoSessions { name, first, last } => UpcomingLine::Gap(format!(
                    "No sessions {} – {}: {name}",
                    text::short_date(first),
                    text::short_date(last)
                )),
                Upcoming::BankHoliday { date, name } => UpcomingLine::Gap(format!(
                    "No session on {}: {name}",
                    text::weekday_date(date)
                )),
                Upcoming::TermDatesUnknown { from } => UpcomingLine::Gap(format!(
                    "From {}: term dates not known yet. Check with the organiser.",
                    text::weekday_date(from)
                )),
            })
            .collect();

        let mut place = Vec::new();
        let mut access = Vec::new();
        let mut joining = Vec::new();
        // Only web links, so a stored link can never be a script.
        let joining_link = group
            .joining
            .public_link
            .clone()
            .filter(|link| link.starts_with("https://"));
        match (&group.venue, group.attendance) {
            (Some(venue), _) => {
                let address = [
                    venue.address.as_str(),
                    venue.town.as_str(),
                    venue.postcode.as_str(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
                place.push(fact("Where", &venue.name));
                place.push(fact("Address", &address));
                if !venue.public_transport.is_empty() {
                    place.push(fact("Getting there", &venue.public_transport));
                }
                access.extend(venue.access.lines());
                if !venue.notes.is_empty() {
                    access.push(venue.notes.clone());
                }
            }
            (None, attendance) => {
                place.push(fact(
                    "Where",
                    if attendance == Attendance::Phone {
                        text::BY_PHONE
                    } else {
                        text::ONLINE
                    },
                ));
                if !group.joining.details.is_empty() {
                    joining.push(group.joining.details.clone());
                } else if group.joining.public_link.is_none() {
                    joining.push("Contact the organiser to join.".to_owned());
                }
            }
        }

        let welcome = [
            (group.welcome.pregnant, "pregnant"),
            (group.welcome.babies, "babies"),
            (group.welcome.toddlers, "toddlers"),
            (group.welcome.older_children, "older children"),
            (group.welcome.partners, "partners and dads"),
        ]
        .into_iter()
        .filter_map(|(on, who)| on.then_some(who))
        .collect::<Vec<_>>();
        let f = &group.facts;
        let mut facts = Vec::new();
        let ages = group
            .welcome
            .child_age_months
            .map(|(min, max)| format!("children {}", age_range(min, max)));
        let who = match (welcome.is_empty(), ages) {
            (true, None) => None,
            (true, Some(ages)) => Some(format!("Families with {ages}")),
            (false, None) => Some(format!("Welcome: {}", welcome.join(", "))),
            (false, Some(ages)) => Some(format!("Welcome: {} ({ages})", welcome.join(", "))),
        };
        if let Some(who) = who {
            facts.push(fact("Who it is for", &who));
        }
        if let Some(format) = f.format {
            facts.push(fact("What it is", format.words()));
        }
        // Cost and booking are always shown, as not known when nobody said.
        facts.push(fact("Cost", &f.cost_words()));
        facts.push(fact("Booking", &f.booking_words()));
        let run_by = match (f.run_by, f.facilitated_by.as_str()) {
            (Some(run_by), "") => run_by.words().to_owned(),
            (Some(run_by), words) => format!("{}. {words}", run_by.words()),
            (None, words) => words.to_owned(),
        };
        for (label, value) in [("Typical size", &f.typical_size), ("Run by", &run_by)] {
            if !value.is_empty() {
                facts.push(fact(label, value));
            }
        }
        if let Some(moderated) = f.moderated {
            facts.push(fact(
                "Moderated",
                if moderated {
                    "Yes, someone keeps the conversation safe."
                } else {
                    "No"
                },
            ));
        }
        facts.push(fact(
            "Languages",
            &if f.languages.is_empty() {
                "Not known: ask the organiser".to_owned()
            } else {
                f.languages.join(", ")
            },
        ));
        match f.taking_new_members {
            Some(true) => facts.push(fact("New members", "Taking new members")),
            Some(false) => facts.push(fact("New members", "Full just now")),
            None => {}
        }
        // A start that has passed is no longer news.
        if let Some(start) = f.next_course_start.filter(|start| *start >= today) {
            facts.push(fact("Next course starts", &text::day_heading(start)));
        }

        GroupPageView {
            may_be_out_of_date: false,
            id: group.id.to_string(),
            title: group.title.clone(),
            is_sample: group.is_sample,
            organisation: group.organisation_name.clone(),
            description: group.description.clone(),
            badges: group.tags(),
            when: group.times.schedules().iter().map(describe).collect(),
            place,
            access,
            joining,
            joining_link,
            facts,
            contact: f
                .contact
                .as_ref()
                .map(|c| (c.words(), c.href()))
                .filter(|(_, href)| !href.is_empty()),
            first_visit: f.first_visit.clone(),
            last_confirmed: group.last_confirmed,
            freshness: group.freshness(today).note(),
            upcoming,
            webcal_href: format!("webcal://{host}{ics_path}"),
            webcal_base: format!("webcal://{host}"),
            ics_href: ics_path,
            // A code of a relative address would lead nowhere.
            qr_svg: if public_url.is_empty() {
                String::new()
            } else {
                crate::calendar::poster::qr_svg(&page_link).unwrap_or_default()
            },
            page_link,
        }
    }

    /// "up to 4 years", "from 6 months to 2 years"
    pub fn age_range(min: u16, max: u16) -> String {
        let age = |months: u16| match months {
            m if m >= 24 && m % 12 == 0 => format!("{} years", m / 12),
            1 => "1 month".to_owned(),
            m => format!("{m} months"),
        };
        if min == 0 {
            format!("up to {}", age(max))
        } else {
            format!("from {} to {}", age(min), age(max))
        }
    }

    fn fact(label: &str, value: &str) -> Fact {
        Fact {
            label: label.to_owned(),
            value: value.to_owned(),
        }
    }

    /// "Every Tuesday, 10:00 to 11:30, in term time only. Not on bank holidays."
    pub fn describe(schedule: &Schedule) -> String {
        let how_often = match schedule.recurrence() {
            Recurrence::Weeks {
                interval: 1,
                weekday,
            } => format!("Every {}", day_name(weekday)),
            Recurrence::Weeks {
                interval: 2,
                weekday,
            } => format!("Every other {}", day_name(weekday)),
            Recurrence::Weeks { interval, weekday } => {
                format!("Every {interval} weeks on {}", day_name(weekday))
            }
            Recurrence::Month { week, weekday } => {
                let nth = match week.ordinal() {
                    1 => "first",
                    2 => "second",
                    3 => "third",
                    4 => "fourth",
                    _ => "last",
                };
                format!("On the {nth} {} of each month", day_name(weekday))
            }
        };
        let terms = match schedule.term_behaviour() {
            TermBehaviour::AllYear => "all year, school holidays too",
            TermBehaviour::TermTimeOnly => "in term time only",
            TermBehaviour::HolidaysOnly => "in the school holidays only",
        };
        let bank = if schedule.skips_bank_holidays() {
            " Not on bank holidays."
        } else {
            ""
        };
        format!(
            "{how_often}, {} to {}, {terms}.{bank}",
            schedule.starts().format("%H:%M"),
            schedule.ends().format("%H:%M")
        )
    }

    fn day_name(weekday: chrono::Weekday) -> &'static str {
        village_core::written::weekday_name(weekday)
    }
}
