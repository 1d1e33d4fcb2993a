//! Organisers' changes to groups, checked before anything is saved:
//! cancelling one session says why, and only a session that would have run,
//! today or later, can be cancelled; a new weekly group is checked field by
//! field, and its next dates previewed with the breaks named.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{
    expand,
    facts::{Contact, ContactWay, Cost, Facts, RunBy, MAX_COST_PENCE},
    Attendance, Booking, DateWindow, Exception, Focus, Format, GroupTimes, Reach, Recurrence,
    Schedule, ScheduleParts, Status, TermBehaviour, TermCalendar, WeekOfMonth, Welcome,
};
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
    } else if crate::directions::sends_somewhere(reason) {
        // Shown at once on This week: no place to send anyone elsewhere.
        errors.push(FieldError {
            field: "reason",
            message: "Please keep phone numbers and web or email addresses out of the reason: the group's contact has its own place.".into(),
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

/// Reads a session's start and end times ("10:00"), noting what is wrong;
/// an end not after the start is wrong too.
fn session_times(
    starts: &str,
    ends: &str,
    fault: &mut impl FnMut(&'static str, &str),
) -> (Option<NaiveTime>, Option<NaiveTime>) {
    let starts = crate::written::parse_time(starts);
    let ends = crate::written::parse_time(ends);
    if starts.is_none() {
        fault("starts", "Please give the start time, such as 10:00.");
    }
    if ends.is_none() {
        fault("ends", "Please give the end time, such as 11:30.");
    }
    if let (Some(s), Some(e)) = (starts, ends) {
        if e <= s {
            fault("ends", "The end time should be after the start time.");
        }
    }
    (starts, ends)
}

/// Checks one extra session on `date` (in a break too, if the organiser
/// says so); every problem is reported at once.
pub fn extra_session(
    times: &GroupTimes,
    terms: &TermCalendar,
    date: Option<NaiveDate>,
    starts: &str,
    ends: &str,
    today: NaiveDate,
) -> Result<Exception, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fault = |field: &'static str, message: &str| {
        errors.push(FieldError {
            field,
            message: message.to_owned(),
        });
    };
    match date {
        None => fault("date", "Please give the day, as a date."),
        Some(date) if date < today => fault("date", "That day has passed: choose today or later."),
        Some(_) => {}
    }
    let (starts, ends) = session_times(starts, ends, &mut fault);
    if let (Some(date), Some(s)) = (date, starts) {
        let clash = DateWindow::days(date, 1)
            .map(|w| {
                expand(times, terms, w)
                    .iter()
                    .any(|o| o.is_running() && o.starts == s)
            })
            .unwrap_or(false);
        if clash {
            fault("date", "There is already a session then.");
        }
    }
    match (errors.is_empty(), date, starts, ends) {
        (true, Some(date), Some(starts), Some(ends)) => Ok(Exception::Extra { date, starts, ends }),
        _ => Err(errors),
    }
}

/// Longest group title and description, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// Longest "how to join" text, in characters.
pub const MAX_JOINING_CHARS: usize = 500;

/// What an organiser typed to add a weekly group, as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WeeklyGroupForm {
    pub title: String,
    pub description: String,
    /// `monday` … `sunday`.
    pub weekday: String,
    /// `HH:MM`.
    pub starts: String,
    pub ends: String,
    /// `1` to `4` (every so many weeks) or `month` (once a month).
    pub every: String,
    /// For `month`: `1` to `4` (the first to fourth) or `-1` (the last).
    pub week_of_month: String,
    /// Shown in every area, all year (an online or phone group).
    pub national: bool,
    /// `all_year`, `term_time_only` or `holidays_only`.
    pub term: String,
    /// The first session on or after this day (`YYYY-MM-DD`); empty: today.
    pub first: String,
    /// `venue:<id>`, `online` or `phone`.
    pub place: String,
    /// How to join, for online and phone groups.
    pub joining: String,
    pub mental_health: bool,
    pub pregnant: bool,
    pub babies: bool,
    pub toddlers: bool,
    pub partners: bool,
    pub older_children: bool,
    /// Children's ages in months, from and to; both empty: not said.
    pub age_from: String,
    pub age_to: String,
    /// What a parent is told beyond name, place and times.
    pub facts: FactsForm,
}

/// The facts of a group as the form sends them; an empty choice is "not
/// said", and stays not known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactsForm {
    /// `chat`, `activity`, `course`, `walk`, `talk` or empty.
    pub format: String,
    /// `free`, `amount`, `pay_what_you_can` or empty.
    pub cost: String,
    /// The amount, such as `3` or `£2.50`, when the cost is an amount.
    pub cost_amount: String,
    pub cost_note: String,
    /// `drop_in`, `book_ahead` or empty.
    pub booking: String,
    pub booking_how: String,
    /// `phone`, `text`, `email`, `web` or empty.
    pub contact_way: String,
    pub contact: String,
    pub english: bool,
    pub cymraeg: bool,
    /// Other languages, separated by commas.
    pub other_languages: String,
    /// `peers`, `professionals`, `peers_and_professionals` or empty.
    pub run_by: String,
    pub facilitated_by: String,
    /// `yes`, `no` or empty; only for online groups.
    pub moderated: String,
    pub typical_size: String,
    /// `yes`, `no` or empty.
    pub taking_new_members: String,
    /// `YYYY-MM-DD` or empty; only for courses.
    pub next_course_start: String,
    pub first_visit: String,
}

impl FactsForm {
    /// The form as it would be sent for facts already saved, so that
    /// checking it again gives the same facts back.
    pub fn of(facts: &Facts) -> Self {
        let yes_no = |v: Option<bool>| match v {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let known = |l: &str| l == "English" || l == "Cymraeg";
        Self {
            format: facts
                .format
                .map(Format::code)
                .unwrap_or_default()
                .to_owned(),
            cost: facts.cost.code().unwrap_or_default().to_owned(),
            cost_amount: facts
                .cost
                .pence()
                .map(|p| super::facts::pounds(p).trim_start_matches('£').to_owned())
                .unwrap_or_default(),
            cost_note: facts.cost_note.clone(),
            booking: facts
                .booking
                .map(Booking::code)
                .unwrap_or_default()
                .to_owned(),
            booking_how: facts.booking_how.clone(),
            contact_way: facts
                .contact
                .as_ref()
                .map(|c| c.way.code())
                .unwrap_or_default()
                .to_owned(),
            contact: facts
                .contact
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_default(),
            english: facts.languages.iter().any(|l| l == "English"),
            cymraeg: facts.languages.iter().any(|l| l == "Cymraeg"),
            other_languages: facts
                .languages
                .iter()
                .filter(|l| !known(l))
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            run_by: facts.run_by.map(RunBy::code).unwrap_or_default().to_owned(),
            facilitated_by: facts.facilitated_by.clone(),
            moderated: yes_no(facts.moderated).to_owned(),
            typical_size: facts.typical_size.clone(),
            taking_new_members: yes_no(facts.taking_new_members).to_owned(),
            next_course_start: facts
                .next_course_start
                .map(|d| d.to_string())
                .unwrap_or_default(),
            first_visit: facts.first_visit.clone(),
        }
    }

    /// The form's fields as (name, value) pairs; ticked boxes are `on`.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let on = |yes: bool| if yes { "on" } else { "" }.to_owned();
        vec![
            ("format", self.format.clone()),
            ("cost", self.cost.clone()),
            ("cost_amount", self.cost_amount.clone()),
            ("cost_note", self.cost_note.clone()),
            ("booking", self.booking.clone()),
            ("booking_how", self.booking_how.clone()),
            ("contact_way", self.contact_way.clone()),
            ("contact", self.contact.clone()),
            ("english", on(self.english)),
            ("cymraeg", on(self.cymraeg)),
            ("other_languages", self.other_languages.clone()),
            ("run_by", self.run_by.clone()),
            ("facilitated_by", self.facilitated_by.clone()),
            ("moderated", self.moderated.clone()),
            ("typical_size", self.typical_size.clone()),
            ("taking_new_members", self.taking_new_members.clone()),
            ("next_course_start", self.next_course_start.clone()),
            ("first_visit", self.first_visit.clone()),
        ]
    }
}

/// Longest short fact (a note, how to book, who runs it, size), in characters.
pub const MAX_FACT_CHARS: usize = 300;
/// Longest "Your first visit", in characters.
pub const MAX_FIRST_VISIT_CHARS: usize = 1_500;
/// Longest list of other languages, in characters.
pub const MAX_LANGUAGES_CHARS: usize = 200;
/// The oldest children a group can name, in months (18 years).
pub const MAX_AGE_MONTHS: u16 = 216;

/// A weekly group, checked, ready to be given an id and stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeeklyGroup {
    pub title: String,
    pub description: String,
    pub times: GroupTimes,
    pub attendance: Attendance,
    /// For in-person groups: which of the organisation's venues.
    pub venue_id: Option<String>,
    pub joining_details: String,
    pub focus: Focus,
    pub welcome: Welcome,
    pub facts: Facts,
}

/// The form's weekday codes, Monday first (the labels are
/// `written::weekday_name`).
pub const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// A readable, unique id for a new group: its name as a slug, then a
/// random suffix (`suffix`, lowercase letters and digits).
pub fn group_id(title: &str, suffix: &str) -> Option<super::GroupId> {
    crate::area::slug_id(title, "group", suffix)
        .and_then(|id| super::GroupId::parse(id.as_str()).ok())
}

/// Checks a new weekly group field by field, reporting every problem at
/// once. `venues` are the ids of the organisation's venues.
pub fn weekly_group(
    form: &WeeklyGroupForm,
    venues: &[String],
    today: NaiveDate,
) -> Result<WeeklyGroup, Vec<FieldError>> {
    every_problem(|mut fault| {
        let details = group_details(form, venues, today, &mut fault);
        let reach = if form.national {
            Reach::National
        } else {
            Reach::Area
        };
        let schedule = weekly_time(form, reach, today, &mut fault);
        let times = schedule.and_then(|s| GroupTimes::new(reach, vec![s], Vec::new()).ok());
        Some(details?.with_times(times?))
    })
}

/// Checks a group's details as [`weekly_group`] does, with times already
/// checked elsewhere (read from a file, say): the same rules, whichever way
/// a group arrives. `venues` are the ids the group may meet in.
pub fn group_with_times(
    form: &WeeklyGroupForm,
    venues: &[String],
    today: NaiveDate,
    times: GroupTimes,
) -> Result<WeeklyGroup, Vec<FieldError>> {
    every_problem(|mut fault| {
        group_details(form, venues, today, &mut fault).map(|d| d.with_times(times))
    })
}

/// Runs a check that reports each problem to the fault it is given: the
/// checked value, or every problem at once, in the order the form asks.
fn every_problem<T>(
    check: impl FnOnce(&mut dyn FnMut(&'static str, &str)) -> Option<T>,
) -> Result<T, Vec<FieldError>> {
    let mut errors = Vec::new();
    let found = check(&mut |field, message: &str| {
        errors.push(FieldError {
            field,
            message: message.to_owned(),
        })
    });
    errors.sort_by_key(|e| FORM_ORDER.iter().position(|f| *f == e.field));
    match (errors.is_empty(), found) {
        (true, Some(value)) => Ok(value),
        _ => Err(errors),
    }
}

/// The group form's fields in the order it asks, so problems are listed
/// top to bottom.
const FORM_ORDER: [&str; 31] = [
    "title",
    "description",
    "keep",
    "weekday",
    "starts",
    "ends",
    "every",
    "week_of_month",
    "term",
    "first",
    "place",
    "joining",
    "joining_link",
    "age_from",
    "age_to",
    "format",
    "next_course_start",
    "cost",
    "cost_amount",
    "cost_note",
    "booking",
    "booking_how",
    "contact_way",
    "contact",
    "other_languages",
    "run_by",
    "facilitated_by",
    "moderated",
    "typical_size",
    "taking_new_members",
    "first_visit",
];

/// What an organiser typed to change a group: its details as for a new
/// group, which of its times to keep, perhaps a new weekly time (the time
/// fields all empty: none), and its joining link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupEditForm {
    pub group: WeeklyGroupForm,
    /// One flag per existing schedule, in order: keep it.
    pub keep: Vec<bool>,
    /// A full web address, or empty for none.
    pub joining_link: String,
    /// Show the link on the group's page (otherwise people ask for it).
    pub link_public: bool,
}

/// A group's new details and times, checked, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupEdit {
    pub group: WeeklyGroup,
    pub joining_link: Option<String>,
    pub link_public: bool,
}

/// Longest joining link, in characters.
pub const MAX_LINK_CHARS: usize = 500;

/// Checks a change to a group, reporting every problem at once. Its
/// cancellations and extra sessions stay as they are.
pub fn group_edit(
    form: &GroupEditForm,
    current: &GroupTimes,
    venues: &[String],
    today: NaiveDate,
) -> Result<GroupEdit, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fault = |field: &'static str, message: &str| {
        errors.push(FieldError {
            field,
            message: message.to_owned(),
        });
    };
    let details = group_details(&form.group, venues, today, &mut fault);
    let g = &form.group;
    let adds_time = [&g.weekday, &g.starts, &g.ends]
        .iter()
        .any(|v| !v.trim().is_empty());
    let added = if adds_time {
        weekly_time(g, current.reach(), today, &mut fault)
    } else {
        None
    };
    let mut schedules: Vec<Schedule> = current
        .schedules()
        .iter()
        .enumerate()
        .filter(|(i, _)| form.keep.get(*i).copied().unwrap_or(false))
        .map(|(_, s)| s.clone())
        .collect();
    schedules.extend(added);
    if schedules.is_empty() && !adds_time {
        fault(
            "keep",
            "A group needs at least one time: add a new time before removing the last one.",
        );
    }
    let link = form.joining_link.trim();
    if link.chars().count() > MAX_LINK_CHARS {
        fault(
            "joining_link",
            &format!("The joining link can have at most {MAX_LINK_CHARS} characters."),
        );
    } else if !link.is_empty() && !crate::written::is_web_address(link) {
        fault(
            "joining_link",
            "The joining link should be a full address starting with https://",
        );
    }
    let times = GroupTimes::new(current.reach(), schedules, current.exceptions().to_vec()).ok();
    errors.sort_by_key(|e| FORM_ORDER.iter().position(|f| *f == e.field));
    match (errors.is_empty(), times, details) {
        (true, Some(times), Some(details)) => Ok(GroupEdit {
            group: details.with_times(times),
            joining_link: (!link.is_empty()).then(|| link.to_owned()),
            link_public: form.link_public && !link.is_empty(),
        }),
        _ => Err(errors),
    }
}

/// A group's details, checked, before its times are known.
struct Details {
    title: String,
    description: String,
    attendance: Attendance,
    venue_id: Option<String>,
    joining_details: String,
    focus: Focus,
    welcome: Welcome,
    facts: Facts,
}

impl Details {
    fn with_times(self, times: GroupTimes) -> WeeklyGroup {
        WeeklyGroup {
            title: self.title,
            description: self.description,
            times,
            attendance: self.attendance,
            venue_id: self.venue_id,
            joining_details: self.joining_details,
            focus: self.focus,
            welcome: self.welcome,
            facts: self.facts,
        }
    }
}

/// Checks the name, description, place, who the group is for and its facts.
fn group_details(
    form: &WeeklyGroupForm,
    venues: &[String],
    today: NaiveDate,
    fault: &mut impl FnMut(&'static str, &str),
) -> Option<Details> {
    let title = form.title.trim();
    let mut ok = true;
    if title.is_empty() {
        fault(
            "title",
            "Please give the group a name, such as \"Tuesday Talk and Tea\".",
        );
        ok = false;
    } else if title.chars().count() > MAX_TITLE_CHARS {
        fault(
            "title",
            &format!("The name can have at most {MAX_TITLE_CHARS} characters."),
        );
        ok = false;
    }
    if has_hidden_characters(title) {
        fault(
            "title",
            "The name has characters that cannot be shown: please type it again.",
        );
        ok = false;
    } else if crate::directions::sends_somewhere(title) {
        fault(
            "title",
            "Please keep phone numbers and web or email addresses out of the name: the organiser's contact and how to join have their own places.",
        );
        ok = false;
    }
    let description = form.description.trim();
    if has_hidden_characters(description) || has_hidden_characters(form.joining.trim()) {
        fault(
            if has_hidden_characters(description) {
                "description"
            } else {
                "joining"
            },
            "This has characters that cannot be shown: please type it again.",
        );
        ok = false;
    }
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        fault(
            "description",
            &format!("The description can have at most {MAX_DESCRIPTION_CHARS} characters."),
        );
        ok = false;
    }
    let joining = form.joining.trim();
    let (attendance, venue_id) = match form.place.as_str() {
        "online" => (Some(Attendance::Online), None),
        "phone" => (Some(Attendance::Phone), None),
        place => match place
            .strip_prefix("venue:")
            .filter(|id| venues.iter().any(|v| v == id))
        {
            Some(id) => (Some(Attendance::InPerson), Some(id.to_owned())),
            None => {
                fault(
                    "place",
                    "Please choose where it meets: one of your venues, online or by phone.",
                );
                (None, None)
            }
        },
    };
    if matches!(attendance, Some(Attendance::Online | Attendance::Phone)) && joining.is_empty() {
        fault(
            "joining",
            "Please say how people join, such as \"Email us for the link\".",
        );
        ok = false;
    }
    if joining.chars().count() > MAX_JOINING_CHARS {
        fault(
            "joining",
            &format!("How to join can have at most {MAX_JOINING_CHARS} characters."),
        );
        ok = false;
    }
    let ages = age_range(&form.age_from, &form.age_to, fault);
    let facts = facts(&form.facts, attendance, today, fault);
    let (attendance, child_age_months, facts) = (attendance.filter(|_| ok)?, ages?, facts?);
    Some(Details {
        title: title.to_owned(),
        description: description.to_owned(),
        attendance,
        venue_id,
        joining_details: if attendance == Attendance::InPerson {
            String::new()
        } else {
            joining.to_owned()
        },
        focus: if form.mental_health {
            Focus::MentalHealth
        } else {
            Focus::General
        },
        welcome: Welcome {
            pregnant: form.pregnant,
            babies: form.babies,
            toddlers: form.toddlers,
            partners: form.partners,
            older_children: form.older_children,
            child_age_months,
        },
        facts,
    })
}

/// Children's ages, in months: both empty is "not said".
fn age_range(
    from: &str,
    to: &str,
    fault: &mut impl FnMut(&'static str, &str),
) -> Option<Option<(u16, u16)>> {
    let read = |text: &str| -> Option<Option<u16>> {
        match text.trim() {
            "" => Some(None),
            t => t
                .parse::<u16>()
                .ok()
                .filter(|m| *m <= MAX_AGE_MONTHS)
                .map(Some),
        }
    };
    match (read(from), read(to)) {
        (Some(None), Some(None)) => Some(None),
        (Some(Some(from)), Some(Some(to))) if from <= to => Some(Some((from, to))),
        (Some(Some(_)), Some(Some(_))) => {
            fault(
                "age_to",
                "The oldest age should not be younger than the youngest.",
            );
            None
        }
        (Some(None), Some(Some(_))) => {
            fault("age_from", "Please choose the youngest age too.");
            None
        }
        (Some(Some(_)), Some(None)) => {
            fault("age_to", "Please choose the oldest age too.");
            None
        }
        (from, to) => {
            if from.is_none() {
                fault("age_from", "Please choose an age from the list.");
            }
            if to.is_none() {
                fault("age_to", "Please choose an age from the list.");
            }
            None
        }
    }
}

/// Checks the facts a parent is told, each beside its own field. Nothing
/// the organiser left empty is filled in.
fn facts(
    form: &FactsForm,
    attendance: Option<Attendance>,
    today: NaiveDate,
    fault: &mut impl FnMut(&'static str, &str),
) -> Option<Facts> {
    let mut ok = true;
    let mut short = |field: &'static str, label: &str, text: &str, max: usize| -> String {
        let text = text.trim();
        if text.chars().count() > max {
            fault(
                field,
                &format!("{label} can have at most {max} characters."),
            );
            ok = false;
        } else if has_hidden_characters(text) {
            fault(
                field,
                &format!("{label} has characters that cannot be shown: please type it again."),
            );
            ok = false;
        }
        text.to_owned()
    };
    let cost_note = short(
        "cost_note",
        "The note about cost",
        &form.cost_note,
        MAX_FACT_CHARS,
    );
    let booking_how = short(
        "booking_how",
        "How to book",
        &form.booking_how,
        MAX_FACT_CHARS,
    );
    let facilitated_by = short(
        "facilitated_by",
        "Who runs it",
        &form.facilitated_by,
        MAX_FACT_CHARS,
    );
    let typical_size = short(
        "typical_size",
        "The typical size",
        &form.typical_size,
        MAX_FACT_CHARS,
    );
    let first_visit = short(
        "first_visit",
        "Your first visit",
        &form.first_visit,
        MAX_FIRST_VISIT_CHARS,
    );
    let other = short(
        "other_languages",
        "Other languages",
        &form.other_languages,
        MAX_LANGUAGES_CHARS,
    );

    let format = choice(&form.format, Format::from_code);
    if format.is_none() {
        fault(
            "format",
            "Please choose what kind of group it is, or leave it unsaid.",
        );
        ok = false;
    }
    let amount_unasked = form.cost != "amount" && !form.cost_amount.trim().is_empty();
    if amount_unasked {
        fault(
            "cost_amount",
            "Please choose \"A set amount\" for this amount, or clear it.",
        );
    }
    let cost = match form.cost.as_str() {
        _ if amount_unasked => None,
        "" => Some(Cost::NotKnown),
        "free" => Some(Cost::Free),
        "pay_what_you_can" => Some(Cost::PayWhatYouCan),
        "amount" => match super::facts::parse_pounds(&form.cost_amount) {
            None if form.cost_amount.trim().is_empty() => {
                fault("cost_amount", "Please give the amount, such as £3.");
                None
            }
            None => {
                fault(
                    "cost_amount",
                    "Please give the amount in pounds, such as 3 or 2.50.",
                );
                None
            }
            Some(0) => {
                fault(
                    "cost_amount",
                    "An amount of £0 is free: please choose Free.",
                );
                None
            }
            Some(pence) if pence > MAX_COST_PENCE => {
                fault("cost_amount", "The amount can be at most £1,000.");
                None
            }
            Some(pence) => Some(Cost::Amount { pence }),
        },
        _ => {
            fault("cost", "Please choose what it costs, or leave it unsaid.");
            None
        }
    };
    let booking = choice(&form.booking, Booking::from_code);
    if booking.is_none() {
        fault(
            "booking",
            "Please choose drop in or book ahead, or leave it unsaid.",
        );
    }
    let contact = match (form.contact_way.as_str(), form.contact.trim()) {
        ("", "") => Some(None),
        ("", _) => {
            fault(
                "contact_way",
                "Please choose how people use this contact: call, text, email or website.",
            );
            None
        }
        (way, value) => match ContactWay::from_code(way) {
            Some(way) => match Contact::parse(way, value) {
                Ok(contact) => Some(Some(contact)),
                Err(error) => {
                    fault("contact", &error.to_string());
                    None
                }
            },
            None => {
                fault("contact_way", "Please choose call, text, email or website.");
                None
            }
        },
    };
    let run_by = choice(&form.run_by, RunBy::from_code);
    if run_by.is_none() {
        fault("run_by", "Please choose who runs it, or leave it unsaid.");
    }
    let yes_no = |text: &str| match text {
        "" => Some(None),
        "yes" => Some(Some(true)),
        "no" => Some(Some(false)),
        _ => None,
    };
    let moderated = yes_no(&form.moderated);
    let taking_new_members = yes_no(&form.taking_new_members);
    if moderated.is_none() {
        fault("moderated", "Please choose yes or no, or leave it unsaid.");
    }
    if taking_new_members.is_none() {
        fault(
            "taking_new_members",
            "Please choose yes or no, or leave it unsaid.",
        );
    }
    let is_course = format == Some(Some(Format::Course));
    let next_course_start = match form.next_course_start.trim() {
        "" => Some(None),
        _ if !is_course => Some(None),
        text => match crate::OutsideDate::parse(text, today).map(crate::OutsideDate::date) {
            Ok(day) if day < today => {
                fault(
                    "next_course_start",
                    "The next course cannot start in the past.",
                );
                None
            }
            Ok(day) => Some(Some(day)),
            Err(crate::DateError::TooLate { latest, .. }) => {
                fault(
                    "next_course_start",
                    &format!("The next course can start at most five years ahead, by {latest}."),
                );
                None
            }
            Err(_) => {
                fault(
                    "next_course_start",
                    "Please give the day the next course starts as a date.",
                );
                None
            }
        },
    };
    let mut languages = Vec::new();
    if form.english {
        languages.push("English".to_owned());
    }
    if form.cymraeg {
        languages.push("Cymraeg".to_owned());
    }
    for language in other.split(',').map(str::trim).filter(|l| !l.is_empty()) {
        if !languages.iter().any(|l| l.eq_ignore_ascii_case(language)) {
            languages.push(language.to_owned());
        }
    }
    let online = attendance == Some(Attendance::Online);
    match (
        ok,
        format,
        cost,
        booking,
        contact,
        run_by,
        moderated,
        taking_new_members,
        next_course_start,
    ) {
        (
            true,
            Some(format),
            Some(cost),
            Some(booking),
            Some(contact),
            Some(run_by),
            Some(moderated),
            Some(taking_new_members),
            Some(next_course_start),
        ) => Some(Facts {
            format,
            cost,
            cost_note,
            booking,
            booking_how: if booking == Some(Booking::BookAhead) {
                booking_how
            } else {
                String::new()
            },
            contact,
            languages,
            run_by,
            facilitated_by,
            moderated: moderated.filter(|_| online),
            typical_size,
            taking_new_members,
            next_course_start,
            first_visit,
        }),
        _ => None,
    }
}

/// Control characters other than line breaks and tabs: invisible, and
/// refused by some databases.
fn has_hidden_characters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// An optional choice: empty is `Some(None)` (not said), a known code is
/// `Some(Some(_))`, anything else `None` (a fault).
fn choice<T>(code: &str, from_code: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    match code {
        "" => Some(None),
        code => from_code(code).map(Some),
    }
}

/// How often a time repeats, as the form chose.
enum Often {
    Weeks(u8),
    Month(WeekOfMonth),
}

/// Checks one time: day, start and end, how often (every one to four weeks
/// or once a month), the holidays (all year for a national group) and the
/// first session.
fn weekly_time(
    form: &WeeklyGroupForm,
    reach: Reach,
    today: NaiveDate,
    fault: &mut impl FnMut(&'static str, &str),
) -> Option<Schedule> {
    let weekday = WEEKDAYS
        .iter()
        .find(|(code, _)| *code == form.weekday)
        .map(|(_, d)| *d);
    if weekday.is_none() {
        fault("weekday", "Please choose the day it meets.");
    }
    let (starts, ends) = session_times(&form.starts, &form.ends, fault);
    let often = match form.every.as_str() {
        "1" | "2" | "3" | "4" => form.every.parse::<u8>().ok().map(Often::Weeks),
        "month" => match form
            .week_of_month
            .parse::<i64>()
            .ok()
            .and_then(WeekOfMonth::from_ordinal)
        {
            Some(week) => Some(Often::Month(week)),
            None => {
                fault(
                    "week_of_month",
                    "Please choose which week of the month: the first to fourth, or the last.",
                );
                None
            }
        },
        _ => {
            fault(
                "every",
                "Please choose how often it meets: every one to four weeks, or once a month.",
            );
            None
        }
    };
    let term = TermBehaviour::from_code(&form.term);
    if term.is_none() {
        fault(
            "term",
            "Please choose whether it runs all year, in term time or in the holidays.",
        );
    }
    let term = match term {
        Some(term) if reach == Reach::National && term != TermBehaviour::AllYear => {
            fault(
                "term",
                "A national group runs all year: no single area's school holidays apply to it.",
            );
            None
        }
        term => term,
    };
    let first = if form.first.trim().is_empty() {
        Some(today)
    } else {
        match crate::OutsideDate::parse(&form.first, today).map(crate::OutsideDate::date) {
            Ok(day) if day < today => {
                fault("first", "The first session cannot be in the past.");
                None
            }
            Ok(day) => Some(day),
            Err(crate::DateError::TooLate { latest, .. }) => {
                fault(
                    "first",
                    &format!("The first session can be at most five years ahead, by {latest}."),
                );
                None
            }
            Err(crate::DateError::TooEarly(_)) => {
                fault("first", "The first session cannot be in the past.");
                None
            }
            Err(crate::DateError::NotADate(_)) => {
                fault("first", "Please give the first day as a date.");
                None
            }
        }
    };
    match (weekday, starts, ends, often, term, first) {
        (
            Some(weekday),
            Some(starts),
            Some(ends),
            Some(often),
            Some(term_behaviour),
            Some(first),
        ) if ends > starts => Schedule::new(ScheduleParts {
            recurrence: match often {
                Often::Weeks(interval) => Recurrence::Weeks { interval, weekday },
                Often::Month(week) => Recurrence::Month { week, weekday },
            },
            starts,
            ends,
            valid_from: first,
            valid_until: None,
            term_behaviour,
            skips_bank_holidays: true,
        })
        .ok(),
        _ => None,
    }
}

/// One line of a group's next dates, as the preview shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLine {
    pub date: NaiveDate,
    pub starts: chrono::NaiveTime,
    /// `None` when it runs; otherwise why not (a break's name).
    pub paused: Option<String>,
}

/// The group's next `count` dates from `today`, breaks included and named,
/// so an organiser sees what parents will see before saving.
pub fn preview(
    times: &GroupTimes,
    terms: &TermCalendar,
    today: NaiveDate,
    count: usize,
) -> Vec<PreviewLine> {
    let Ok(window) = DateWindow::days(today, 7 * 16) else {
        return Vec::new();
    };
    expand(times, terms, window)
        .into_iter()
        .filter_map(|o| {
            let paused = match o.status {
                Status::Running => None,
                Status::Break { name } => Some(name),
                Status::Cancelled { reason } => Some(reason),
                _ => return None,
            };
            Some(PreviewLine {
                date: o.date,
                starts: o.starts,
                paused,
            })
        })
        .take(count)
        .collect()
}

/// The free words of a group, by the column that keeps them: the ones an
/// organiser types that could hold a phone number or an address.
pub const GROUP_TEXT_COLUMNS: [&str; 7] = [
    "description",
    "joining_details",
    "cost_note",
    "booking_how",
    "facilitated_by",
    "typical_size",
    "first_visit",
];

/// A group's free words, in [`GROUP_TEXT_COLUMNS`] order.
pub fn group_texts(group: &WeeklyGroup) -> [String; 7] {
    [
        group.description.clone(),
        group.joining_details.clone(),
        group.facts.cost_note.clone(),
        group.facts.booking_how.clone(),
        group.facts.facilitated_by.clone(),
        group.facts.typical_size.clone(),
        group.facts.first_visit.clone(),
    ]
}

fn set_group_text(group: &mut WeeklyGroup, column: &str, text: String) {
    let slot = match column {
        "description" => &mut group.description,
        "joining_details" => &mut group.joining_details,
        "cost_note" => &mut group.facts.cost_note,
        "booking_how" => &mut group.facts.booking_how,
        "facilitated_by" => &mut group.facts.facilitated_by,
        "typical_size" => &mut group.facts.typical_size,
        _ => &mut group.facts.first_visit,
    };
    *slot = text;
}

/// Holds back from `group` every free text that is new (not `now`'s) and
/// sends a person somewhere (a phone number, web or email address): each
/// keeps its current words, and is returned as (column, new words) to wait
/// for an admin. `now` is the group as it is (empty words for a new one).
pub fn hold_back_directions(group: &mut WeeklyGroup, now: &[String; 7]) -> Vec<(String, String)> {
    let new = group_texts(group);
    let mut held = Vec::new();
    for ((column, new), now) in GROUP_TEXT_COLUMNS.iter().zip(new).zip(now) {
        if new != *now && crate::directions::sends_somewhere(&new) {
            set_group_text(group, column, now.clone());
            held.push(((*column).to_owned(), new));
        }
    }
    held
}

/// A stored group's free words, in [`GROUP_TEXT_COLUMNS`] order.
pub fn texts_of(group: &super::Group) -> [String; 7] {
    [
        group.description.clone(),
        group.joining.details.clone(),
        group.facts.cost_note.clone(),
        group.facts.booking_how.clone(),
        group.facts.facilitated_by.clone(),
        group.facts.typical_size.clone(),
        group.facts.first_visit.clone(),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn free_words_that_send_someone_somewhere_are_held_back_and_the_rest_kept() {
        let mut group = super::WeeklyGroup {
            description: "Call 0300 123 4567 to join".into(),
            ..sample_weekly()
        };
        group.facts.booking_how = "Just turn up".into();
        group.facts.first_visit = "See www.example.org first".into();
        let now: [String; 7] = Default::default();
        let held = super::hold_back_directions(&mut group, &now);
        assert_eq!(
            held,
            [
                (
                    "description".to_owned(),
                    "Call 0300 123 4567 to join".to_owned()
                ),
                (
                    "first_visit".to_owned(),
                    "See www.example.org first".to_owned()
                ),
            ]
        );
        assert_eq!(group.description, "");
        assert_eq!(group.facts.first_visit, "");
        assert_eq!(group.facts.booking_how, "Just turn up", "kept at once");
        // Words already there are not held back again.
        let mut again = super::WeeklyGroup {
            description: "Call 0300 123 4567 to join".into(),
            ..sample_weekly()
        };
        let now = super::group_texts(&again);
        assert!(super::hold_back_directions(&mut again, &now).is_empty());
    }

    fn sample_weekly() -> super::WeeklyGroup {
        super::WeeklyGroup {
            title: "Walk".into(),
            description: String::new(),
            times: super::GroupTimes::new(super::Reach::Area, Vec::new(), Vec::new())
                .expect("no times"),
            attendance: super::Attendance::Online,
            venue_id: None,
            joining_details: String::new(),
            focus: super::Focus::General,
            welcome: super::Welcome::default(),
            facts: super::Facts::default(),
        }
    }

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

    fn form() -> WeeklyGroupForm {
        WeeklyGroupForm {
            title: " Wednesday Walk ".into(),
            description: "A gentle walk.".into(),
            weekday: "wednesday".into(),
            starts: "14:00".into(),
            ends: "15:00".into(),
            every: "1".into(),
            term: "term_time_only".into(),
            first: String::new(),
            place: "venue:hall".into(),
            joining: String::new(),
            mental_health: true,
            babies: true,
            ..WeeklyGroupForm::default()
        }
    }

    #[test]
    fn a_weekly_group_is_checked_and_previewed_with_its_breaks() {
        let today = date(2026, 12, 7);
        let group = weekly_group(&form(), &["hall".to_owned()], today).expect("valid");
        assert_eq!(group.title, "Wednesday Walk");
        assert_eq!(group.attendance, Attendance::InPerson);
        assert_eq!(group.venue_id.as_deref(), Some("hall"));
        assert_eq!(group.focus, Focus::MentalHealth);
        assert!(group.welcome.babies && !group.welcome.toddlers);
        let lines = preview(&group.times, &riverside(), today, 4);
        let seen: Vec<(NaiveDate, Option<&str>)> = lines
            .iter()
            .map(|l| (l.date, l.paused.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                (date(2026, 12, 9), None),
                (date(2026, 12, 16), None),
                (date(2026, 12, 23), Some("Christmas holidays")),
                (date(2026, 12, 30), Some("Christmas holidays")),
            ]
        );
    }

    #[test]
    fn every_problem_with_a_new_group_is_named_at_once() {
        let today = date(2026, 12, 7);
        let bad = WeeklyGroupForm {
            title: " ".into(),
            weekday: "someday".into(),
            starts: "10:00".into(),
            ends: "09:00".into(),
            every: "5".into(),
            term: "sometimes".into(),
            first: "2026-12-01".into(),
            place: "venue:not-ours".into(),
            ..form()
        };
        let fields: Vec<&str> = weekly_group(&bad, &["hall".to_owned()], today)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["title", "weekday", "ends", "every", "term", "first", "place"]
        );
        let online = WeeklyGroupForm {
            place: "online".into(),
            ..form()
        };
        let fields: Vec<&str> = weekly_group(&online, &[], today)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["joining"], "online groups say how to join");
    }

    /// Regression: a first date of `+262142-12-31` was saved, and every
    /// later expansion of the group panicked.
    #[test]
    fn a_first_date_beyond_five_years_or_with_a_signed_year_is_refused() {
        let today = date(2026, 12, 7);
        for (first, says) in [
            ("+262142-12-31", "Please give the first day as a date."),
            (
                "2031-12-08",
                "The first session can be at most five years ahead, by 2031-12-07.",
            ),
        ] {
            let errors = weekly_group(
                &WeeklyGroupForm {
                    first: first.into(),
                    ..form()
                },
                &["hall".to_owned()],
                today,
            )
            .err()
            .unwrap_or_default();
            assert_eq!(errors.len(), 1, "{first}");
            assert_eq!(
                (errors[0].field, errors[0].message.as_str()),
                ("first", says)
            );
        }
        let latest = WeeklyGroupForm {
            first: "2031-12-07".into(),
            ..form()
        };
        assert!(weekly_group(&latest, &["hall".to_owned()], today).is_ok());
    }

    #[test]
    fn a_group_says_only_what_its_organiser_gave() {
        let today = date(2026, 12, 7);
        let venues = ["hall".to_owned()];
        // Nothing given: nothing known, nothing invented.
        let plain = weekly_group(&form(), &venues, today).expect("valid");
        assert_eq!(plain.facts, Facts::default());
        assert_eq!(plain.welcome.child_age_months, None);

        let mut book = form();
        book.age_from = "0".into();
        book.age_to = "24".into();
        book.facts = FactsForm {
            format: "course".into(),
            cost: "amount".into(),
            cost_amount: "£3".into(),
            cost_note: "Includes tea".into(),
            booking: "book_ahead".into(),
            booking_how: "Text Jo to book".into(),
            contact_way: "text".into(),
            contact: "07700 900123".into(),
            english: true,
            cymraeg: true,
            other_languages: "Polish, cymraeg, ".into(),
            run_by: "peers".into(),
            facilitated_by: "Two mums who have been there".into(),
            moderated: "yes".into(),
            typical_size: "About 8".into(),
            taking_new_members: "no".into(),
            next_course_start: "2027-01-13".into(),
            first_visit: "Jo meets you at the door.".into(),
        };
        let group = weekly_group(&book, &venues, today).expect("valid");
        let facts = &group.facts;
        assert_eq!(facts.cost, Cost::Amount { pence: 300 });
        assert_eq!(facts.cost_words(), "£3. Includes tea");
        assert_eq!(facts.booking, Some(Booking::BookAhead));
        assert_eq!(facts.booking_words(), "Book ahead: Text Jo to book");
        assert_eq!(facts.languages, ["English", "Cymraeg", "Polish"]);
        assert_eq!(
            facts.contact.as_ref().map(Contact::href).as_deref(),
            Some("sms:07700900123")
        );
        assert_eq!(facts.run_by, Some(RunBy::Peers));
        assert_eq!(facts.taking_new_members, Some(false));
        assert_eq!(facts.next_course_start, Some(date(2027, 1, 13)));
        // Moderation is only said of online groups; this one meets in a hall.
        assert_eq!(facts.moderated, None);
        assert_eq!(group.welcome.child_age_months, Some((0, 24)));

        // A start date means nothing for a group that is not a course.
        book.facts.format = "chat".into();
        let chat = weekly_group(&book, &venues, today).expect("valid");
        assert_eq!(chat.facts.next_course_start, None);
    }

    #[test]
    fn saved_facts_fill_the_form_and_check_back_to_themselves() {
        let today = date(2026, 12, 7);
        let mut online = form();
        online.place = "online".into();
        online.joining = "Email us for the link".into();
        online.facts = FactsForm {
            format: "course".into(),
            cost: "amount".into(),
            cost_amount: "2.50".into(),
            booking: "book_ahead".into(),
            contact_way: "web".into(),
            contact: "https://example.org/join".into(),
            cymraeg: true,
            other_languages: "Polish".into(),
            run_by: "peers_and_professionals".into(),
            moderated: "yes".into(),
            taking_new_members: "yes".into(),
            next_course_start: "2027-02-03".into(),
            first_visit: "Cameras can stay off.".into(),
            ..FactsForm::default()
        };
        let saved = weekly_group(&online, &[], today).expect("valid").facts;
        assert_eq!(saved.moderated, Some(true));
        let mut again = online.clone();
        again.facts = FactsForm::of(&saved);
        assert_eq!(
            weekly_group(&again, &[], today).expect("valid").facts,
            saved
        );
        assert_eq!(FactsForm::of(&Facts::default()), FactsForm::default());
    }

    #[test]
    fn every_bad_fact_is_named_beside_its_field() {
        let today = date(2026, 12, 7);
        let mut bad = form();
        bad.age_from = "24".into();
        bad.age_to = "6".into();
        bad.facts = FactsForm {
            format: "party".into(),
            cost: "amount".into(),
            cost_amount: "0".into(),
            booking: "maybe".into(),
            contact: "01144960000".into(),
            run_by: "robots".into(),
            moderated: "perhaps".into(),
            taking_new_members: "often".into(),
            first_visit: "x".repeat(MAX_FIRST_VISIT_CHARS + 1),
            ..FactsForm::default()
        };
        let errors = weekly_group(&bad, &["hall".to_owned()], today).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "age_to",
                "format",
                "cost_amount",
                "booking",
                "contact_way",
                "run_by",
                "moderated",
                "taking_new_members",
                "first_visit"
            ]
        );
        let mut bad = form();
        bad.facts.cost = "amount".into();
        bad.facts.cost_amount = "three pounds".into();
        bad.facts.contact_way = "web".into();
        bad.facts.contact = "javascript:alert(1)".into();
        bad.facts.format = "course".into();
        bad.facts.next_course_start = "+262142-01-01".into();
        let errors = weekly_group(&bad, &["hall".to_owned()], today).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["next_course_start", "cost_amount", "contact"]);
        // An amount with the cost left unsaid, a contact with no way, and an
        // invisible character are each named, not silently dropped.
        let mut bad = form();
        bad.facts.cost_amount = "3".into();
        bad.facts.contact = "07700 900123".into();
        bad.facts.first_visit = "Hello\u{0}".into();
        bad.title = "Tea\u{7}".into();
        let errors = weekly_group(&bad, &["hall".to_owned()], today).expect_err("refused");
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["title", "cost_amount", "contact_way", "first_visit"]
        );
    }

    #[test]
    fn monthly_and_every_few_weeks_times_are_checked_and_previewed() {
        let today = date(2026, 12, 7);
        let venues = ["hall".to_owned()];
        let mut monthly = form();
        monthly.every = "month".into();
        monthly.week_of_month = "-1".into();
        monthly.term = "all_year".into();
        let group = weekly_group(&monthly, &venues, today).expect("valid");
        assert_eq!(
            group.times.schedules()[0].recurrence(),
            Recurrence::Month {
                week: WeekOfMonth::Last,
                weekday: Weekday::Wed
            }
        );
        let dates: Vec<NaiveDate> = preview(&group.times, &TermCalendar::default(), today, 3)
            .into_iter()
            .map(|line| line.date)
            .collect();
        assert_eq!(
            dates,
            [date(2026, 12, 30), date(2027, 1, 27), date(2027, 2, 24)]
        );
        monthly.week_of_month = "5".into();
        let errors = weekly_group(&monthly, &venues, today).expect_err("refused");
        assert_eq!(errors[0].field, "week_of_month");
        let mut three = form();
        three.every = "3".into();
        let group = weekly_group(&three, &venues, today).expect("valid");
        assert_eq!(
            group.times.schedules()[0].recurrence(),
            Recurrence::Weeks {
                interval: 3,
                weekday: Weekday::Wed
            }
        );
        three.every = "9".into();
        assert_eq!(
            weekly_group(&three, &venues, today).expect_err("refused")[0].field,
            "every"
        );
    }

    #[test]
    fn a_national_group_runs_all_year_and_is_told_so_beside_the_holidays() {
        let today = date(2026, 12, 7);
        let mut national = form();
        national.national = true;
        national.place = "online".into();
        national.joining = "Email us for the link".into();
        let errors = weekly_group(&national, &[], today).expect_err("refused");
        assert_eq!(errors.iter().map(|e| e.field).collect::<Vec<_>>(), ["term"]);
        national.term = "all_year".into();
        let group = weekly_group(&national, &[], today).expect("valid");
        assert_eq!(group.times.reach(), Reach::National);
    }

    #[test]
    fn group_ids_are_readable_slugs() {
        assert_eq!(
            group_id("Tuesday Talk & Tea!", "a1b2c3").map(|id| id.to_string()),
            Some("tuesday-talk-tea-a1b2c3".to_owned())
        );
        assert_eq!(
            group_id("Café – ☕", "x9").map(|id| id.to_string()),
            Some("caf-x9".to_owned())
        );
        assert_eq!(
            group_id("🙂", "x9").map(|id| id.to_string()),
            Some("group-x9".to_owned())
        );
        let long = "word ".repeat(40);
        assert!(group_id(&long, "x9").is_some_and(|id| id.as_str().len() <= 64));
    }

    #[test]
    fn an_extra_session_is_checked_and_never_doubles_one() {
        let terms = riverside();
        let today = date(2026, 11, 30);
        let times = tuesdays();
        assert_eq!(
            extra_session(
                &times,
                &terms,
                Some(date(2026, 12, 22)),
                "10:00",
                "11:00",
                today
            ),
            Ok(Exception::Extra {
                date: date(2026, 12, 22),
                starts: NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
                ends: NaiveTime::from_hms_opt(11, 0, 0).expect("time"),
            }),
            "in the holidays, when the group would not meet"
        );
        let fields = |r: Result<Exception, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(extra_session(
                &times,
                &terms,
                Some(date(2026, 12, 1)),
                "10:00",
                "11:00",
                today
            )),
            ["date"],
            "a session is already on"
        );
        assert_eq!(
            fields(extra_session(
                &times,
                &terms,
                Some(date(2026, 11, 1)),
                "10:00",
                "11:00",
                today
            )),
            ["date"],
            "past"
        );
        assert_eq!(
            fields(extra_session(&times, &terms, None, "", "9:00", today)),
            ["date", "starts"]
        );
        assert_eq!(
            fields(extra_session(
                &times,
                &terms,
                Some(date(2026, 12, 2)),
                "10:00",
                "09:00",
                today
            )),
            ["ends"]
        );
    }

    /// An edit that keeps the group's time and changes nothing about when.
    fn edit_form() -> GroupEditForm {
        GroupEditForm {
            group: WeeklyGroupForm {
                weekday: String::new(),
                starts: String::new(),
                ends: String::new(),
                ..form()
            },
            keep: vec![true],
            ..GroupEditForm::default()
        }
    }

    fn edit_fields(form: &GroupEditForm, times: &GroupTimes) -> Vec<&'static str> {
        group_edit(form, times, &["hall".to_owned()], date(2026, 12, 7))
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn an_edit_keeps_the_times_and_exceptions_it_is_told_to_keep() {
        let cancelled = Exception::Cancelled {
            date: date(2026, 12, 8),
            reason: "The hall is closed".into(),
        };
        let current = GroupTimes::new(
            Reach::Area,
            tuesdays().schedules().to_vec(),
            vec![cancelled.clone()],
        )
        .expect("valid");
        let edited = group_edit(
            &edit_form(),
            &current,
            &["hall".to_owned()],
            date(2026, 12, 7),
        )
        .expect("valid");
        assert_eq!(edited.group.title, "Wednesday Walk");
        assert_eq!(edited.group.times.schedules(), current.schedules());
        assert_eq!(edited.group.times.exceptions(), [cancelled]);
        assert_eq!((edited.joining_link, edited.link_public), (None, false));

        // Swap the Tuesday for a new Wednesday: the new time replaces it.
        let swap = GroupEditForm {
            group: form(),
            keep: vec![false],
            ..edit_form()
        };
        let edited =
            group_edit(&swap, &current, &["hall".to_owned()], date(2026, 12, 7)).expect("valid");
        let recurrences: Vec<Recurrence> = edited
            .group
            .times
            .schedules()
            .iter()
            .map(Schedule::recurrence)
            .collect();
        assert_eq!(
            recurrences,
            [Recurrence::Weeks {
                interval: 1,
                weekday: Weekday::Wed
            }]
        );
    }

    #[test]
    fn an_edit_never_leaves_a_group_without_a_time_or_with_a_bad_link() {
        let current = tuesdays();
        let none_left = GroupEditForm {
            keep: vec![false],
            ..edit_form()
        };
        assert_eq!(edit_fields(&none_left, &current), ["keep"]);
        let half_a_time = GroupEditForm {
            group: WeeklyGroupForm {
                weekday: "friday".into(),
                ..edit_form().group
            },
            ..edit_form()
        };
        assert_eq!(edit_fields(&half_a_time, &current), ["starts", "ends"]);
        for bad in [
            "zoom.us/j/1",
            "https://",
            "https://exa mple.org",
            "javascript:alert(1)",
        ] {
            let form = GroupEditForm {
                joining_link: bad.into(),
                ..edit_form()
            };
            assert_eq!(edit_fields(&form, &current), ["joining_link"], "{bad}");
        }
        let long = GroupEditForm {
            joining_link: format!("https://example.org/{}", "a".repeat(MAX_LINK_CHARS)),
            ..edit_form()
        };
        assert_eq!(edit_fields(&long, &current), ["joining_link"]);
        let good = GroupEditForm {
            joining_link: " https://meet.example.org/tuesday ".into(),
            link_public: true,
            ..edit_form()
        };
        let edited =
            group_edit(&good, &current, &["hall".to_owned()], date(2026, 12, 7)).expect("valid");
        assert_eq!(
            edited.joining_link.as_deref(),
            Some("https://meet.example.org/tuesday")
        );
        assert!(edited.link_public);
    }
}
