//! Server-only queries for the calendar: areas, term dates, groups,
//! schedules and exceptions (the whole published calendar read in one go)
//! and the writes that change them.

use chrono::{NaiveDate, NaiveTime, Utc, Weekday};
use std::{collections::HashMap, sync::Arc};
use village_core::{
    calendar::{
        Attendance, BankHoliday, Booking, BreakKind, Contact, ContactWay, Cost, DateRange,
        Exception, Facts, Focus, Format, Group, GroupId, GroupTimes, Joining, Reach, Recurrence,
        RunBy, Schedule, ScheduleParts, SchoolYear, TermBehaviour, TermBreak, TermCalendar, Venue,
        WeekOfMonth, Welcome, YearTerms,
    },
    AreaId, Nation,
};

use super::Area;
use crate::storage::{
    json_rows::{flag, maybe_flag, Column, Fresh, Known, Print, Wide, MOST_COLUMNS},
    on_pool, BeginWrite, Store, StoreError,
};
use serde::Deserialize;

#[derive(sqlx::FromRow)]
struct SchoolYearRow {
    area_id: String,
    school_year: String,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

#[derive(sqlx::FromRow)]
struct BreakRow {
    area_id: String,
    school_year: String,
    kind: String,
    name: String,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

#[derive(sqlx::FromRow)]
struct BankHolidayRow {
    area_id: String,
    day: NaiveDate,
    name: String,
}

#[derive(Deserialize)]
struct GroupRow {
    id: String,
    organisation_id: String,
    organisation_name: String,
    area_id: Option<String>,
    title: String,
    description: String,
    focus: String,
    format: Option<String>,
    #[serde(deserialize_with = "flag")]
    welcome_pregnant: bool,
    #[serde(deserialize_with = "flag")]
    welcome_babies: bool,
    #[serde(deserialize_with = "flag")]
    welcome_toddlers: bool,
    #[serde(deserialize_with = "flag")]
    welcome_partners: bool,
    #[serde(deserialize_with = "flag")]
    welcome_older_children: bool,
    child_age_min_months: Option<i32>,
    child_age_max_months: Option<i32>,
    attendance: String,
    joining_details: String,
    joining_link: Option<String>,
    #[serde(deserialize_with = "flag")]
    joining_link_public: bool,
    cost_kind: Option<String>,
    cost_pence: Option<i32>,
    cost_note: String,
    booking: Option<String>,
    booking_how: String,
    typical_size: String,
    run_by: Option<String>,
    facilitated_by: String,
    #[serde(deserialize_with = "maybe_flag")]
    moderated: Option<bool>,
    languages: String,
    #[serde(deserialize_with = "maybe_flag")]
    taking_new_members: Option<bool>,
    next_course_start: Option<NaiveDate>,
    contact_way: Option<String>,
    contact: String,
    first_visit: String,
    #[serde(deserialize_with = "flag")]
    details_to_check: bool,
    last_confirmed: NaiveDate,
    #[serde(deserialize_with = "flag")]
    is_sample: bool,
    listed_on: Option<NaiveDate>,
    venue_name: Option<String>,
    venue_address: Option<String>,
    venue_town: Option<String>,
    venue_postcode: Option<String>,
    #[serde(deserialize_with = "maybe_flag")]
    venue_step_free: Option<bool>,
    #[serde(deserialize_with = "maybe_flag")]
    venue_buggy_space: Option<bool>,
    #[serde(deserialize_with = "maybe_flag")]
    venue_baby_change: Option<bool>,
    #[serde(deserialize_with = "maybe_flag")]
    venue_parking: Option<bool>,
    #[serde(deserialize_with = "maybe_flag")]
    venue_near_bus_stop: Option<bool>,
    venue_public_transport: Option<String>,
    venue_notes: Option<String>,
}

#[derive(Deserialize)]
struct ScheduleRow {
    group_id: String,
    every: String,
    interval_weeks: Option<i32>,
    week_of_month: Option<i32>,
    weekday: i32,
    starts: NaiveTime,
    ends: NaiveTime,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
    term_behaviour: String,
    #[serde(deserialize_with = "flag")]
    skips_bank_holidays: bool,
}

#[derive(Deserialize)]
struct ExceptionRow {
    group_id: String,
    kind: String,
    day: NaiveDate,
    moved_to: Option<NaiveDate>,
    starts: Option<NaiveTime>,
    ends: Option<NaiveTime>,
    reason: String,
}

/// Every group's row, with its organisation's name and its venue (see
/// [`crate::storage::json_rows`]).
const GROUP_COLUMNS: &[Column] = &[
    ("id", "g.id"),
    ("organisation_id", "g.organisation_id"),
    ("organisation_name", "o.name"),
    ("area_id", "g.area_id"),
    ("title", "g.title"),
    ("description", "g.description"),
    ("focus", "g.focus"),
    ("format", "g.format"),
    ("welcome_pregnant", "g.welcome_pregnant"),
    ("welcome_babies", "g.welcome_babies"),
    ("welcome_toddlers", "g.welcome_toddlers"),
    ("welcome_partners", "g.welcome_partners"),
    ("welcome_older_children", "g.welcome_older_children"),
    ("child_age_min_months", "g.child_age_min_months"),
    ("child_age_max_months", "g.child_age_max_months"),
    ("attendance", "g.attendance"),
    ("joining_details", "g.joining_details"),
    ("joining_link", "g.joining_link"),
    ("joining_link_public", "g.joining_link_public"),
    ("cost_kind", "g.cost_kind"),
    ("cost_pence", "g.cost_pence"),
    ("cost_note", "g.cost_note"),
    ("booking", "g.booking"),
    ("booking_how", "g.booking_how"),
    ("typical_size", "g.typical_size"),
    ("run_by", "g.run_by"),
    ("facilitated_by", "g.facilitated_by"),
    ("moderated", "g.moderated"),
    ("languages", "g.languages"),
    ("taking_new_members", "g.taking_new_members"),
    ("next_course_start", "g.next_course_start"),
    ("contact_way", "g.contact_way"),
    ("contact", "g.contact"),
    ("first_visit", "g.first_visit"),
    ("details_to_check", "g.details_to_check"),
    ("last_confirmed", "g.last_confirmed"),
    ("is_sample", "g.is_sample"),
    ("listed_on", "g.listed_on"),
    ("venue_name", "v.name"),
    ("venue_address", "v.address"),
    ("venue_town", "v.town"),
    ("venue_postcode", "v.postcode"),
    ("venue_step_free", "v.step_free"),
    ("venue_buggy_space", "v.buggy_space"),
    ("venue_baby_change", "v.baby_change"),
    ("venue_parking", "v.parking"),
    ("venue_near_bus_stop", "v.near_bus_stop"),
    ("venue_public_transport", "v.public_transport"),
    ("venue_notes", "v.notes"),
];
const GROUPS: Wide = Wide {
    what: "group",
    columns: GROUP_COLUMNS,
    from: "peer_groups g JOIN organisations o ON o.id = g.organisation_id \
           LEFT JOIN venues v ON v.id = g.venue_id",
    key: "g.id",
};

const SCHEDULE_COLUMNS: &[Column] = &[
    ("group_id", "group_id"),
    ("every", "every"),
    ("interval_weeks", "interval_weeks"),
    ("week_of_month", "week_of_month"),
    ("weekday", "weekday"),
    ("starts", "starts"),
    ("ends", "ends"),
    ("valid_from", "valid_from"),
    ("valid_until", "valid_until"),
    ("term_behaviour", "term_behaviour"),
    ("skips_bank_holidays", "skips_bank_holidays"),
];

const EXCEPTION_COLUMNS: &[Column] = &[
    ("group_id", "group_id"),
    ("kind", "kind"),
    ("day", "day"),
    ("moved_to", "moved_to"),
    ("starts", "starts"),
    ("ends", "ends"),
    ("reason", "reason"),
];

/// Each group's schedules, in the order they were added.
const SCHEDULES: Wide = Wide {
    what: "schedule",
    columns: SCHEDULE_COLUMNS,
    from: "schedules",
    key: "id",
};

/// Each group's exceptions, in the order they were added (sorted by day
/// once gathered).
const EXCEPTIONS: Wide = Wide {
    what: "group exception",
    columns: EXCEPTION_COLUMNS,
    from: "group_exceptions",
    key: "id",
};

const _: () = assert!(GROUP_COLUMNS.len() <= MOST_COLUMNS);

/// Every group's schedules and exceptions, by the group's id, each taken
/// once by the group's row.
struct TimesById {
    schedules: HashMap<String, Vec<Schedule>>,
    exceptions: HashMap<String, Vec<Exception>>,
}

impl TimesById {
    /// A group's schedules and exceptions (none when it has none).
    fn take(&mut self, id: &str) -> (Vec<Schedule>, Vec<Exception>) {
        (
            self.schedules.remove(id).unwrap_or_default(),
            self.exceptions.remove(id).unwrap_or_default(),
        )
    }
}

fn weekday_of(n: i32) -> Option<Weekday> {
    u8::try_from(n - 1)
        .ok()
        .and_then(|n| Weekday::try_from(n).ok())
}

pub(crate) fn weekday_number(weekday: Weekday) -> i32 {
    i32::from(u8::try_from(weekday.number_from_monday()).unwrap_or(1))
}

impl ScheduleRow {
    fn into_schedule(self) -> Option<(String, Schedule)> {
        let weekday = weekday_of(self.weekday)?;
        let recurrence = match self.every.as_str() {
            "weeks" => Recurrence::Weeks {
                interval: u8::try_from(self.interval_weeks?).ok()?,
                weekday,
            },
            "month" => Recurrence::Month {
                week: WeekOfMonth::from_ordinal(i64::from(self.week_of_month?))?,
                weekday,
            },
            _ => return None,
        };
        let schedule = Schedule::new(ScheduleParts {
            recurrence,
            starts: self.starts,
            ends: self.ends,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            term_behaviour: TermBehaviour::from_code(&self.term_behaviour)?,
            skips_bank_holidays: self.skips_bank_holidays,
        })
        .ok()?;
        Some((self.group_id, schedule))
    }
}

impl ExceptionRow {
    fn into_exception(self) -> Option<(String, Exception)> {
        let exception = match self.kind.as_str() {
            "cancelled" => Exception::Cancelled {
                date: self.day,
                reason: self.reason,
            },
            "extra" => Exception::Extra {
                date: self.day,
                starts: self.starts?,
                ends: self.ends?,
            },
            "moved" => Exception::Moved {
                from: self.day,
                to: self.moved_to?,
                starts: self.starts?,
                ends: self.ends?,
            },
            _ => return None,
        };
        Some((self.group_id, exception))
    }
}

impl GroupRow {
    fn into_group(self, schedules: Vec<Schedule>, exceptions: Vec<Exception>) -> Option<Group> {
        let area = match &self.area_id {
            Some(id) => Some(AreaId::parse(id).ok()?),
            None => None,
        };
        let reach = if area.is_some() {
            Reach::Area
        } else {
            Reach::National
        };
        let times = GroupTimes::new(reach, schedules, exceptions).ok()?;
        let venue = match self.venue_name {
            Some(name) => Some(Venue {
                name,
                address: self.venue_address.unwrap_or_default(),
                town: self.venue_town.unwrap_or_default(),
                postcode: self.venue_postcode.unwrap_or_default(),
                access: village_core::calendar::Access {
                    step_free: self.venue_step_free,
                    buggy_space: self.venue_buggy_space,
                    baby_change: self.venue_baby_change,
                    parking: self.venue_parking,
                    near_bus_stop: self.venue_near_bus_stop,
                },
                public_transport: self.venue_public_transport.unwrap_or_default(),
                notes: self.venue_notes.unwrap_or_default(),
            }),
            None => None,
        };
        let child_age_months = match (self.child_age_min_months, self.child_age_max_months) {
            (Some(min), Some(max)) => Some((u16::try_from(min).ok()?, u16::try_from(max).ok()?)),
            _ => None,
        };
        let contact = self
            .contact_way
            .as_deref()
            .and_then(ContactWay::from_code)
            .and_then(|way| Contact::parse(way, &self.contact).ok());
        let facts = Facts {
            format: self.format.as_deref().and_then(Format::from_code),
            cost: Cost::from_stored(
                self.cost_kind.as_deref(),
                self.cost_pence.and_then(|p| u32::try_from(p).ok()),
            ),
            cost_note: self.cost_note,
            booking: self.booking.as_deref().and_then(Booking::from_code),
            booking_how: self.booking_how,
            contact,
            languages: self
                .languages
                .split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            run_by: self.run_by.as_deref().and_then(RunBy::from_code),
            facilitated_by: self.facilitated_by,
            moderated: self.moderated,
            typical_size: self.typical_size,
            taking_new_members: self.taking_new_members,
            next_course_start: self.next_course_start,
            first_visit: self.first_visit,
        };
        Some(Group {
            id: GroupId::parse(&self.id).ok()?,
            organisation_id: self.organisation_id,
            organisation_name: self.organisation_name,
            area,
            title: self.title,
            description: self.description,
            focus: Focus::from_code(&self.focus)?,
            welcome: Welcome {
                pregnant: self.welcome_pregnant,
                babies: self.welcome_babies,
                toddlers: self.welcome_toddlers,
                partners: self.welcome_partners,
                older_children: self.welcome_older_children,
                child_age_months,
            },
            attendance: Attendance::from_code(&self.attendance)?,
            venue,
            joining: Joining {
                details: self.joining_details,
                // Never shown unless the organiser has said it may be.
                public_link: self.joining_link.filter(|_| self.joining_link_public),
            },
            facts,
            details_to_check: self.details_to_check,
            last_confirmed: self.last_confirmed,
            // The sample's seeding is not news.
            listed_on: self.listed_on.filter(|_| !self.is_sample),
            is_sample: self.is_sample,
            times,
        })
    }
}

/// A group as it is written: what people see plus what only the organiser
/// and the database know (the venue's id, a private joining link).
#[derive(Clone, Debug)]
pub struct NewGroup {
    pub group: Group,
    pub venue_id: Option<String>,
    pub joining_link: Option<String>,
    pub joining_link_public: bool,
}

/// Writes a new group with its schedules and exceptions inside transaction
/// `$tx` (on either backend); evaluates to whether it was added (`false`:
/// the id was taken, and nothing was written).
/// Replaces an area's term dates for the given school years inside
/// transaction `$tx` (see [`Store::replace_terms`]).
macro_rules! write_terms {
    ($tx:ident, $area:expr, $years:expr, $bank:expr) => {{
        let area: &village_core::AreaId = $area;
        let years: &[village_core::calendar::YearTerms] = $years;
        let bank: &[(village_core::calendar::SchoolYear, village_core::calendar::BankHoliday)] = $bank;
        for year in years {
            let label = year.year.to_string();
            sqlx::query("DELETE FROM term_breaks WHERE area_id = $1 AND school_year = $2")
                .bind(area.as_str()).bind(&label).execute(&mut *$tx).await?;
            // A year's bank holidays are replaced only by a file that gives
            // them; otherwise they stay (a holidays file without them, or
            // GOV.UK's feed, which gives no breaks).
            if bank.iter().any(|(y, _)| *y == year.year) {
                sqlx::query("DELETE FROM bank_holidays WHERE area_id = $1 AND school_year = $2")
                    .bind(area.as_str()).bind(&label).execute(&mut *$tx).await?;
            }
            sqlx::query(
                "INSERT INTO school_years (area_id, school_year, first_day, last_day) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (area_id, school_year) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day",
            )
            .bind(area.as_str()).bind(&label).bind(year.dates.first()).bind(year.dates.last())
            .execute(&mut *$tx).await?;
            for b in &year.breaks {
                sqlx::query(
                    "INSERT INTO term_breaks (area_id, school_year, kind, name, first_day, last_day) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(area.as_str()).bind(&label).bind(b.kind.code()).bind(&b.name)
                .bind(b.dates.first()).bind(b.dates.last())
                .execute(&mut *$tx).await?;
            }
        }
        for (year, holiday) in bank {
            sqlx::query(
                "INSERT INTO bank_holidays (area_id, school_year, day, name) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (area_id, day) DO UPDATE SET school_year = excluded.school_year, name = excluded.name",
            )
                .bind(area.as_str()).bind(year.to_string()).bind(holiday.date).bind(&holiday.name)
                .execute(&mut *$tx).await?;
        }
    }};
}

/// Sets, inside transaction `$tx`, whether term-time groups in an area
/// pause on INSET days, when a choice is given.
macro_rules! write_inset_choice {
    ($tx:ident, $area:expr, $choice:expr) => {{
        let area: &village_core::AreaId = $area;
        let choice: Option<bool> = $choice;
        if let Some(are_breaks) = choice {
            sqlx::query("UPDATE areas SET inset_days_are_breaks = $1 WHERE id = $2")
                .bind(are_breaks)
                .bind(area.as_str())
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

/// Inserts a group's schedules inside transaction `$tx`.
macro_rules! write_schedules {
    ($tx:ident, $id:expr, $schedules:expr) => {{
        let id: &village_core::calendar::GroupId = $id;
        let schedules: &[village_core::calendar::Schedule] = $schedules;
        for s in schedules {
            let (every, interval, week, weekday) = match s.recurrence() {
                village_core::calendar::Recurrence::Weeks { interval, weekday } => ("weeks", Some(i32::from(interval)), None, weekday),
                village_core::calendar::Recurrence::Month { week, weekday } => ("month", None, Some(i32::from(week.ordinal())), weekday),
            };
            sqlx::query(
                "INSERT INTO schedules (group_id, every, interval_weeks, week_of_month, weekday, starts, ends, \
                 valid_from, valid_until, term_behaviour, skips_bank_holidays) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(id.as_str()).bind(every).bind(interval).bind(week).bind($crate::calendar::db::weekday_number(weekday))
            .bind(s.starts()).bind(s.ends()).bind(s.valid_from()).bind(s.valid_until())
            .bind(s.term_behaviour().code()).bind(s.skips_bank_holidays())
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use write_schedules;

macro_rules! write_group {
    ($tx:ident, $new:expr, $now:expr) => {{
        let new: &$crate::calendar::db::NewGroup = $new;
        let g = &new.group;
        let now = $now;
        let (age_min, age_max) = match g.welcome.child_age_months {
            Some((min, max)) => (Some(i32::from(min)), Some(i32::from(max))),
            None => (None, None),
        };
        let f = &g.facts;
        let cost = f.cost.pence().map(|p| i32::try_from(p).unwrap_or(i32::MAX));
        let mut tx = $tx;
        let affected = sqlx::query(
            "INSERT INTO peer_groups (id, organisation_id, area_id, title, description, focus, format, welcome_pregnant, \
             welcome_babies, welcome_toddlers, welcome_partners, child_age_min_months, child_age_max_months, attendance, \
             venue_id, joining_details, joining_link, joining_link_public, cost_pence, cost_note, booking, booking_how, \
             typical_size, facilitated_by, moderated, languages, taking_new_members, next_course_start, contact, \
             last_confirmed, is_sample, created_at, updated_at, cost_kind, contact_way, run_by, first_visit, \
             welcome_older_children, details_to_check, listed_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
             $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $32, \
             $33, $34, $35, $36, $37, $38, $39) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(g.id.as_str()).bind(&g.organisation_id).bind(g.area.as_ref().map(village_core::AreaId::as_str))
        .bind(&g.title).bind(&g.description).bind(g.focus.code()).bind(f.format.map(village_core::calendar::Format::code))
        .bind(g.welcome.pregnant).bind(g.welcome.babies).bind(g.welcome.toddlers).bind(g.welcome.partners)
        .bind(age_min).bind(age_max).bind(g.attendance.code()).bind(new.venue_id.as_deref())
        .bind(&g.joining.details).bind(new.joining_link.as_deref()).bind(new.joining_link_public)
        .bind(cost).bind(&f.cost_note).bind(f.booking.map(village_core::calendar::Booking::code)).bind(&f.booking_how)
        .bind(&f.typical_size).bind(&f.facilitated_by).bind(f.moderated).bind(f.languages.join(", "))
        .bind(f.taking_new_members).bind(f.next_course_start)
        .bind(f.contact.as_ref().map(|c| c.value.as_str()).unwrap_or_default()).bind(g.last_confirmed)
        .bind(g.is_sample).bind(now)
        .bind(f.cost.code()).bind(f.contact.as_ref().map(|c| c.way.code())).bind(f.run_by.map(village_core::calendar::RunBy::code))
        .bind(&f.first_visit).bind(g.welcome.older_children).bind(g.details_to_check)
        // Listed today (by the app's clock) when the writer says so; else the moment it is written.
        .bind(g.listed_on.unwrap_or_else(|| village_core::calendar::london::to_local(now).date()))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if affected == 1 {
            $crate::calendar::db::write_schedules!(tx, &g.id, g.times.schedules());
            for e in g.times.exceptions() {
                let (kind, day, moved_to, starts, ends, reason) = match e {
                    village_core::calendar::Exception::Cancelled { date, reason } => ("cancelled", *date, None, None, None, reason.as_str()),
                    village_core::calendar::Exception::Extra { date, starts, ends } => ("extra", *date, None, Some(*starts), Some(*ends), ""),
                    village_core::calendar::Exception::Moved { from, to, starts, ends } => ("moved", *from, Some(*to), Some(*starts), Some(*ends), ""),
                };
                sqlx::query(
                    "INSERT INTO group_exceptions (group_id, kind, day, moved_to, starts, ends, reason) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(g.id.as_str()).bind(kind).bind(day).bind(moved_to).bind(starts).bind(ends).bind(reason)
                .execute(&mut *tx)
                .await?;
            }
        }
        (tx, affected == 1)
    }};
}

pub(crate) use write_group;

/// Reads the term calendars of every area (`$area` is `None`) or of one,
/// with `$exec`: a pool, or `&mut *tx` inside a transaction.
macro_rules! read_term_calendars {
    ($exec:expr, $area:expr) => {{
        let area: Option<&str> = $area;
        let years = sqlx::query_as::<_, $crate::calendar::db::SchoolYearRow>(
            "SELECT area_id, school_year, first_day, last_day FROM school_years \
             WHERE CAST($1 AS TEXT) IS NULL OR area_id = $1 ORDER BY area_id, first_day",
        )
        .bind(area)
        .fetch_all($exec)
        .await?;
        let breaks = sqlx::query_as::<_, $crate::calendar::db::BreakRow>(
            "SELECT area_id, school_year, kind, name, first_day, last_day FROM term_breaks \
             WHERE CAST($1 AS TEXT) IS NULL OR area_id = $1 ORDER BY area_id, first_day",
        )
        .bind(area)
        .fetch_all($exec)
        .await?;
        let bank = sqlx::query_as::<_, $crate::calendar::db::BankHolidayRow>(
            "SELECT area_id, day, name FROM bank_holidays \
             WHERE CAST($1 AS TEXT) IS NULL OR area_id = $1 ORDER BY area_id, day",
        )
        .bind(area)
        .fetch_all($exec)
        .await?;
        let inset_closed: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM areas WHERE inset_days_are_breaks AND (CAST($1 AS TEXT) IS NULL OR id = $1)",
        )
        .bind(area)
        .fetch_all($exec)
        .await?;
        $crate::calendar::db::term_calendars_from(years, breaks, bank, &inset_closed)
    }};
}

/// The term calendars the rows make, by area; rows that do not parse are
/// skipped with a log line.
fn term_calendars_from(
    years: Vec<SchoolYearRow>,
    breaks: Vec<BreakRow>,
    bank: Vec<BankHolidayRow>,
    inset_closed: &[String],
) -> HashMap<AreaId, TermCalendar> {
    let mut by_area: HashMap<String, (Vec<YearTerms>, Vec<BankHoliday>)> = HashMap::new();
    for row in years {
        let (Ok(year), Ok(dates)) = (
            SchoolYear::parse(&row.school_year),
            DateRange::new(row.first_day, row.last_day),
        ) else {
            tracing::warn!(area = %row.area_id, "skipping a school year that does not parse");
            continue;
        };
        by_area.entry(row.area_id).or_default().0.push(YearTerms {
            year,
            dates,
            breaks: Vec::new(),
        });
    }
    for row in breaks {
        let parsed = (
            SchoolYear::parse(&row.school_year).ok(),
            BreakKind::from_code(&row.kind),
            DateRange::new(row.first_day, row.last_day).ok(),
        );
        let (Some(year), Some(kind), Some(dates)) = parsed else {
            tracing::warn!(area = %row.area_id, "skipping a term break that does not parse");
            continue;
        };
        if let Some(terms) = by_area
            .get_mut(&row.area_id)
            .and_then(|(years, _)| years.iter_mut().find(|y| y.year == year))
        {
            terms.breaks.push(TermBreak {
                name: row.name,
                kind,
                dates,
            });
        }
    }
    for row in bank {
        by_area.entry(row.area_id).or_default().1.push(BankHoliday {
            date: row.day,
            name: row.name,
        });
    }
    let mut calendars = HashMap::new();
    for (area, (years, bank)) in by_area {
        let Ok(id) = AreaId::parse(&area) else {
            continue;
        };
        match TermCalendar::new(years, bank) {
            Ok(calendar) => {
                let closed = inset_closed.contains(&area);
                calendars.insert(id, calendar.with_inset_days_as_breaks(closed));
            }
            Err(err) => {
                tracing::warn!(area = %area, error = %err, "ignoring term dates that do not make sense")
            }
        }
    }
    calendars
}

/// A group's row as stored, for the audit log (before and after a change).
#[derive(sqlx::FromRow, serde::Serialize)]
struct GroupBefore {
    title: String,
    description: String,
    focus: String,
    welcome_pregnant: bool,
    welcome_babies: bool,
    welcome_toddlers: bool,
    welcome_partners: bool,
    welcome_older_children: bool,
    child_age_min_months: Option<i32>,
    child_age_max_months: Option<i32>,
    attendance: String,
    venue_id: Option<String>,
    joining_details: String,
    joining_link: Option<String>,
    joining_link_public: bool,
    format: Option<String>,
    cost_kind: Option<String>,
    cost_pence: Option<i32>,
    cost_note: String,
    booking: Option<String>,
    booking_how: String,
    contact_way: Option<String>,
    contact: String,
    languages: String,
    run_by: Option<String>,
    facilitated_by: String,
    moderated: Option<bool>,
    typical_size: String,
    taking_new_members: Option<bool>,
    next_course_start: Option<NaiveDate>,
    first_visit: String,
    details_to_check: bool,
}

/// One of a group's schedules as stored, for the audit log.
#[derive(sqlx::FromRow, serde::Serialize)]
struct ScheduleBefore {
    every: String,
    interval_weeks: Option<i32>,
    week_of_month: Option<i32>,
    weekday: i32,
    starts: String,
    ends: String,
    valid_from: String,
    valid_until: Option<String>,
    term_behaviour: String,
    skips_bank_holidays: bool,
}

/// The group `$id` as stored, read inside transaction `$tx`: its row and its
/// schedules, and the two as the JSON the audit log keeps on both sides of
/// an edit. `None` when there is no such group.
macro_rules! group_snapshot {
($tx:ident, $id:expr) => {{
    let row: Option<GroupBefore> = sqlx::query_as(
        "SELECT title, description, focus, welcome_pregnant, welcome_babies, welcome_toddlers, welcome_partners, \
         welcome_older_children, child_age_min_months, child_age_max_months, attendance, venue_id, joining_details, \
         joining_link, joining_link_public, format, cost_kind, cost_pence, cost_note, booking, booking_how, \
         contact_way, contact, languages, run_by, facilitated_by, moderated, typical_size, taking_new_members, \
         next_course_start, first_visit, details_to_check FROM peer_groups WHERE id = $1",
    )
    .bind($id)
    .fetch_optional(&mut *$tx)
    .await?;
    match row {
        None => None,
        Some(row) => {
            let times: Vec<ScheduleBefore> = sqlx::query_as(
                "SELECT every, interval_weeks, week_of_month, weekday, CAST(starts AS TEXT) AS starts, \
                 CAST(ends AS TEXT) AS ends, CAST(valid_from AS TEXT) AS valid_from, \
                 CAST(valid_until AS TEXT) AS valid_until, term_behaviour, skips_bank_holidays \
                     FROM schedules WHERE group_id = $1 ORDER BY id",
            )
            .bind($id)
            .fetch_all(&mut *$tx)
            .await?;
            let json = serde_json::json!({ "group": &row, "schedules": times }).to_string();
            Some((row, json))
        }
    }
}};
}

impl Store {
    /// Every area's term calendar. An area whose stored dates do not make
    /// sense is logged and left with none, so its term-bound groups show as
    /// "term dates not known" rather than wrong.
    pub async fn term_calendars(&self) -> Result<HashMap<AreaId, TermCalendar>, StoreError> {
        let calendars =
            on_pool!(self, pool => Ok::<_, sqlx::Error>(read_term_calendars!(pool, None)))?;
        Ok(calendars)
    }

    /// Every group with its schedules and exceptions, by title. Rows that no
    /// longer parse are skipped with a log line.
    pub async fn groups(&self) -> Result<Vec<Group>, StoreError> {
        let mut groups = Vec::new();
        self.groups_each(|group| groups.push(group)).await?;
        // Sorted here, not in SQL, so both databases give the same order.
        groups.sort_by(|a, b| (&a.title, &a.id).cmp(&(&b.title, &b.id)));
        Ok(groups)
    }

    /// Gives `each` every group with its schedules and exceptions, in no
    /// particular order, as it is read: the schedules and exceptions are
    /// read first, then each group's row is made into a group at once, so
    /// no more than a page of rows is held. Rows that no longer parse are
    /// skipped with a log line.
    pub(crate) async fn groups_each(&self, mut each: impl FnMut(Group)) -> Result<(), StoreError> {
        let mut times = self.group_times().await?;
        self.json_rows_each::<GroupRow, String>(&GROUPS, |row| {
            let (schedules, exceptions) = times.take(&row.id);
            let id = row.id.clone();
            match row.into_group(schedules, exceptions) {
                Some(group) => each(group),
                None => tracing::warn!(group = %id, "skipping a group that does not parse"),
            }
        })
        .await
    }

    /// Like [`Store::groups_each`], for a read that knows the last one's
    /// groups by the print of their row (see
    /// [`Store::json_rows_known`]): a group whose row, schedules and
    /// exceptions are unchanged is the last read's, shared, not read again.
    /// Each group comes with its row's print.
    pub(crate) async fn groups_known(
        &self,
        known: Arc<Known<Arc<Group>>>,
        mut each: impl FnMut(Print, Arc<Group>),
    ) -> Result<(), StoreError> {
        let mut times = self.group_times().await?;
        self.json_rows_known::<GroupRow, Arc<Group>, String>(&GROUPS, known, |print, row| {
            let (id, made) = match row {
                Fresh::Same(same) => {
                    let (schedules, exceptions) = times.take(same.id.as_str());
                    let id = same.id.to_string();
                    let made = if same.times.schedules() == schedules
                        && same.times.exceptions() == exceptions
                    {
                        Some(same)
                    } else {
                        // Only its times changed: its row's fields stay.
                        GroupTimes::new(same.times.reach(), schedules, exceptions)
                            .ok()
                            .map(|times| {
                                Arc::new(Group {
                                    times,
                                    ..Group::clone(&same)
                                })
                            })
                    };
                    (id, made)
                }
                Fresh::New(row) => {
                    let (schedules, exceptions) = times.take(&row.id);
                    let id = row.id.clone();
                    (id, row.into_group(schedules, exceptions).map(Arc::new))
                }
            };
            match made {
                Some(group) => each(print, group),
                None => tracing::warn!(group = %id, "skipping a group that does not parse"),
            }
        })
        .await
    }

    /// Every group's schedules and exceptions, by the group's id.
    async fn group_times(&self) -> Result<TimesById, StoreError> {
        let (schedules, mut exceptions): (Vec<ScheduleRow>, Vec<ExceptionRow>) = tokio::try_join!(
            self.json_rows::<_, i64>(&SCHEDULES),
            self.json_rows::<_, i64>(&EXCEPTIONS),
        )?;
        // By day within each group; the sort is stable, so in the order
        // added within a day.
        exceptions.sort_by(|a, b| (&a.group_id, a.day).cmp(&(&b.group_id, b.day)));
        let mut schedules_of: HashMap<String, Vec<Schedule>> = HashMap::new();
        for row in schedules {
            match row.into_schedule() {
                Some((group, schedule)) => schedules_of.entry(group).or_default().push(schedule),
                None => tracing::warn!("skipping a schedule that does not parse"),
            }
        }
        let mut exceptions_of: HashMap<String, Vec<Exception>> = HashMap::new();
        for row in exceptions {
            match row.into_exception() {
                Some((group, exception)) => exceptions_of.entry(group).or_default().push(exception),
                None => tracing::warn!("skipping a group exception that does not parse"),
            }
        }
        Ok(TimesById {
            schedules: schedules_of,
            exceptions: exceptions_of,
        })
    }

    /// Every group with the organisation that runs it and the id of its
    /// venue, for an export. A private joining link is not in a group, so
    /// it never leaves.
    pub async fn group_records(
        &self,
    ) -> Result<Vec<village_core::directory::hsds::GroupRecord>, StoreError> {
        let venues: HashMap<String, Option<String>> =
            on_pool!(self, pool => sqlx::query_as::<_, (String, Option<String>)>(
            "SELECT id, venue_id FROM peer_groups",
        )
        .fetch_all(pool)
        .await)?
            .into_iter()
            .collect();
        let organisations = self.organisation_details().await?;
        Ok(self
            .groups()
            .await?
            .into_iter()
            .map(|group| village_core::directory::hsds::GroupRecord {
                organisation_id: group.organisation_id.clone(),
                organisation: organisations.get(&group.organisation_id).cloned(),
                venue_id: venues.get(group.id.as_str()).cloned().flatten(),
                group,
            })
            .collect())
    }

    /// Gives a group a joining link its organiser keeps private: people
    /// ask for it, and no page, feed or export shows it.
    pub async fn keep_private_joining_link(
        &self,
        group: &GroupId,
        link: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "UPDATE peer_groups SET joining_link = $1, joining_link_public = $2 WHERE id = $3",
        )
        .bind(link)
        .bind(false)
        .bind(group.as_str())
        .execute(pool)
        .await
        .map(|_| ()))?;
        self.published_changed();
        Ok(())
    }

    /// Replaces an area's term dates for the given school years, in one
    /// transaction: the years are created or their dates updated, and their
    /// breaks and bank holidays replaced. Other years are left alone.
    pub async fn replace_terms(
        &self,
        area: &AreaId,
        (years, bank): (&[YearTerms], &[(SchoolYear, BankHoliday)]),
        inset_days_are_breaks: Option<bool>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            write_terms!(tx, area, years, bank);
            write_inset_choice!(tx, area, inset_days_are_breaks);
            tx.commit().await
        })?;
        self.published_changed();
        Ok(())
    }

    /// Adds a group with its schedules and exceptions in one transaction;
    /// the same id twice leaves the first and reports `false`.
    pub async fn insert_group(&self, new: &NewGroup) -> Result<bool, StoreError> {
        let added = on_pool!(self, pool => {
            let tx = pool.begin_write().await?;
            let (tx, added) = write_group!(tx, new, Utc::now());
            tx.commit().await?;
            Ok::<_, sqlx::Error>(added)
        })?;
        self.published_changed();
        Ok(added)
    }

    /// Adds a group an account made, with its audit entry, in one
    /// transaction, and first the venue it meets in when that is new too;
    /// `false` when an id was taken (nothing is written).
    pub async fn add_group(
        &self,
        new: &NewGroup,
        (new_venue, held): (Option<&crate::venues::db::NewVenue>, &[(String, String)]),
        by: &crate::storage::write_once::Author,
    ) -> Result<bool, StoreError> {
        let added = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            crate::storage::write_once::claim!(tx, by);
            if let Some(venue) = new_venue {
                if !crate::venues::db::add_venue_in!(tx, venue, by) {
                    return Ok(false);
                }
            }
            // A contact from an organiser waits for an admin, as a changed
            // one does: the group is added without it meanwhile.
            let waits = !by.user.is_admin() && new.group.facts.contact.is_some();
            let mut written = new.clone();
            if waits {
                written.group.facts.contact = None;
            }
            let (mut tx, added) = write_group!(tx, &written, Utc::now());
            if !added {
                // Nothing written: dropping the transaction lets go of the key too.
                return Ok(false);
            }
            // The group as it was added, in the shape of an edit's entries.
            let after = group_snapshot!(tx, new.group.id.as_str()).map(|(_, json)| json);
            crate::storage::audit::audit!(tx, by, "added", "group", new.group.id.as_str(), None::<String>, after);
            if waits {
                let contact = serde_json::to_string(&new.group.facts.contact).unwrap_or_default();
                crate::storage::audit::propose!(tx, by, "group", new.group.id.as_str(), "contact", &contact, Utc::now());
            }
            if !held.is_empty() {
                let texts = serde_json::to_string(held).unwrap_or_default();
                crate::storage::audit::propose!(tx, by, "group", new.group.id.as_str(), "texts", &texts, Utc::now());
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(true)
        })?;
        self.published_changed();
        Ok(added)
    }
}

/// Writes an imported group inside transaction `$tx`: its venue added or
/// updated (only ever its own organisation's), then the group replaced
/// with its schedules and exceptions. A private joining link the group
/// already had is kept when the file gives none. Evaluates to the
/// transaction.
macro_rules! import_group {
    ($tx:ident, $record:expr, $now:expr, $existing:expr) => {{
        let record: &village_core::directory::hsds::GroupRecord = $record;
        let g = &record.group;
        let mut tx = $tx;
        if let (Some(id), Some(v)) = (&record.venue_id, &g.venue) {
            let a = &v.access;
            const INSERT: &str = "INSERT INTO venues (id, organisation_id, name, address, town, postcode, step_free, buggy_space, \
                 baby_change, parking, near_bus_stop, public_transport, notes) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) ";
            let then = match $existing {
                $crate::directory::db::Existing::Update => "DO UPDATE SET \
                 name = excluded.name, address = excluded.address, town = excluded.town, postcode = excluded.postcode, \
                 step_free = excluded.step_free, buggy_space = excluded.buggy_space, baby_change = excluded.baby_change, \
                 parking = excluded.parking, near_bus_stop = excluded.near_bus_stop, \
                 public_transport = excluded.public_transport, notes = excluded.notes \
                 WHERE venues.organisation_id = excluded.organisation_id",
                $crate::directory::db::Existing::Keep => "DO NOTHING",
            };
            let sql = format!("{INSERT}{then}");
            sqlx::query(&sql)
            .bind(id).bind(&record.organisation_id).bind(&v.name).bind(&v.address).bind(&v.town)
            .bind(&v.postcode).bind(a.step_free).bind(a.buggy_space).bind(a.baby_change).bind(a.parking)
            .bind(a.near_bus_stop).bind(&v.public_transport).bind(&v.notes)
            .execute(&mut *tx)
            .await?;
        }
        let kept: Option<(Option<String>, bool, Option<chrono::NaiveDate>)> = sqlx::query_as(
            "SELECT joining_link, joining_link_public, listed_on FROM peer_groups WHERE id = $1",
        )
        .bind(g.id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        for table in ["DELETE FROM schedules WHERE group_id = $1", "DELETE FROM group_exceptions WHERE group_id = $1", "DELETE FROM peer_groups WHERE id = $1"] {
            sqlx::query(table).bind(g.id.as_str()).execute(&mut *tx).await?;
        }
        // Imported again, a group keeps the day it was first listed (it is not news twice).
        let listed_on = kept.as_ref().and_then(|(_, _, listed)| *listed);
        let (joining_link, joining_link_public) = match (&g.joining.public_link, kept) {
            (Some(link), _) => (Some(link.clone()), true),
            (None, Some((Some(link), false, _))) => (Some(link), false),
            (None, _) => (None, false),
        };
        let mut group = g.clone();
        group.listed_on = group.listed_on.or(listed_on);
        let new = $crate::calendar::db::NewGroup {
            group,
            venue_id: record.venue_id.clone().filter(|_| g.venue.is_some()),
            joining_link,
            joining_link_public,
        };
        let (tx, _) = $crate::calendar::db::write_group!(tx, &new, $now);
        tx
    }};
}
pub(crate) use import_group;

// Areas.

#[derive(sqlx::FromRow)]
struct AreaRow {
    id: String,
    name: String,
    nation: String,
    is_sample: bool,
}

impl AreaRow {
    /// Rows were checked on the way in; one that no longer parses is skipped
    /// with a log line rather than breaking the page for everyone.
    fn into_area(self) -> Option<Area> {
        let id = AreaId::parse(&self.id).ok();
        let nation = Nation::from_code(&self.nation);
        match (id, nation) {
            (Some(id), Some(nation)) => Some(Area {
                id,
                name: self.name,
                nation,
                is_sample: self.is_sample,
            }),
            _ => {
                tracing::warn!(area = %self.id, "skipping an area row that does not parse");
                None
            }
        }
    }
}

impl Store {
    /// Adds an area; adding the same id twice leaves the first as it was and
    /// reports `false`.
    pub async fn insert_area(
        &self,
        id: &AreaId,
        name: &str,
        nation: Nation,
        is_sample: bool,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let affected = on_pool!(self, pool => sqlx::query(
            "INSERT INTO areas (id, name, nation, is_sample, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id.as_str())
        .bind(name)
        .bind(nation.code())
        .bind(is_sample)
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        self.published_changed();
        Ok(affected == 1)
    }

    pub async fn areas(&self) -> Result<Vec<Area>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, AreaRow>(
            "SELECT id, name, nation, is_sample FROM areas ORDER BY name, id",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().filter_map(AreaRow::into_area).collect())
    }

    pub async fn area(&self, id: &AreaId) -> Result<Option<Area>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, AreaRow>(
            "SELECT id, name, nation, is_sample FROM areas WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(pool)
        .await)?;
        Ok(row.and_then(AreaRow::into_area))
    }
}

/// Organisers' and admins' changes to groups, areas and term dates, each
/// with its audit entry in the same transaction (see `storage::audit`).
mod audited {
    use chrono::{NaiveDate, Utc};
    use serde::{Deserialize, Serialize};
    use village_core::calendar::edit::GroupEdit;
    use village_core::calendar::{Booking, Contact, ContactWay, Exception, Format, GroupId, RunBy};
    use village_core::{area::NewArea, calendar::import::ImportedTerms, AreaId};

    use super::{GroupBefore, ScheduleBefore};
    use crate::storage::{
        audit::{audit, audited_write, propose},
        on_pool,
        write_once::Author,
        Store, StoreError,
    };

    /// Sets a group's contact inside transaction `$tx`.
    macro_rules! write_contact {
    ($tx:ident, $id:expr, $contact:expr) => {{
        let contact: &Option<::village_core::calendar::Contact> = $contact;
        sqlx::query(
            "UPDATE peer_groups SET contact_way = $1, contact = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(contact.as_ref().map(|c| c.way.code()))
        .bind(
            contact
                .as_ref()
                .map(|c| c.value.as_str())
                .unwrap_or_default(),
        )
        .bind(chrono::Utc::now())
        .bind($id)
        .execute(&mut *$tx)
        .await?;
    }};
}

    /// Sets a group's joining link inside transaction `$tx`.
    macro_rules! write_link {
    ($tx:ident, $id:expr, $link:expr) => {{
        let link: &$crate::calendar::db::JoiningLink = $link;
        sqlx::query("UPDATE peer_groups SET joining_link = $1, joining_link_public = $2, updated_at = $3 WHERE id = $4")
            .bind(link.link.as_deref())
            .bind(link.public)
            .bind(chrono::Utc::now())
            .bind($id)
            .execute(&mut *$tx)
            .await?;
    }};
}

    pub(crate) use {write_contact, write_link};

    /// A group's joining link and whether it is shown to everyone, as stored
    /// and as it waits for approval.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct JoiningLink {
        pub link: Option<String>,
        pub public: bool,
    }

    /// What is stored about a group that its page does not show.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct GroupBackstage {
        pub venue_id: Option<String>,
        pub link: JoiningLink,
        /// A joining link waiting for an admin, if any.
        pub waiting: Option<JoiningLink>,
        /// A new contact waiting for an admin, if any (`Some(None)`: taking the
        /// contact away).
        pub waiting_contact: Option<Option<Contact>>,
    }

    impl Store {
        /// The venue and joining link of a group, and any link waiting for
        /// approval; `None` when there is no such group.
        pub async fn group_backstage(
            &self,
            id: &GroupId,
        ) -> Result<Option<GroupBackstage>, StoreError> {
            let row = on_pool!(self, pool => sqlx::query_as::<_, (Option<String>, Option<String>, bool)>(
            "SELECT venue_id, joining_link, joining_link_public FROM peer_groups WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(pool)
        .await)?;
            let Some((venue_id, link, public)) = row else {
                return Ok(None);
            };
            let waiting_for = async |field: &str| {
                on_pool!(self, pool => sqlx::query_scalar::<_, String>(
                "SELECT value FROM pending_changes WHERE item_kind = 'group' AND item_id = $1 \
                 AND field = $2 AND status = 'pending' ORDER BY id DESC LIMIT 1",
            )
            .bind(id.as_str())
            .bind(field)
            .fetch_optional(pool)
            .await)
            };
            let waiting = waiting_for("joining_link").await?;
            let waiting_contact = waiting_for("contact").await?;
            Ok(Some(GroupBackstage {
                venue_id,
                link: JoiningLink { link, public },
                waiting: waiting.and_then(|v| serde_json::from_str(&v).ok()),
                waiting_contact: waiting_contact.and_then(|v| serde_json::from_str(&v).ok()),
            }))
        }

        /// Saves an organiser's change to a group: its details and times at
        /// once, its joining link at once for an admin or waiting for one
        /// otherwise, with before and after in the audit log; all or nothing.
        /// `false` when there is no such group. A venue new with this change
        /// (`new_venue`) is added first, in the same transaction.
        pub async fn update_group(
            &self,
            id: &GroupId,
            (edit, new_venue, held): (
                &GroupEdit,
                Option<&crate::venues::db::NewVenue>,
                &[(String, String)],
            ),
            today: NaiveDate,
            by: &Author,
        ) -> Result<bool, StoreError> {
            let now = Utc::now();
            let g = &edit.group;
            let link = JoiningLink {
                link: edit.joining_link.clone(),
                public: edit.link_public,
            };
            let link_json = serde_json::to_string(&link).unwrap_or_default();
            let saved = audited_write!(self, by, |tx| {
                if let Some(venue) = new_venue {
                    if !crate::venues::db::add_venue_in!(tx, venue, by) {
                        return Ok(false);
                    }
                }
                let Some((before, before_json)) = group_snapshot!(tx, id.as_str()) else {
                    return Ok(false);
                };
                let f = &g.facts;
                // A new contact is a number or address parents will use: from
                // an organiser it waits for an admin, as joining links do.
                let contact_before = before
                    .contact_way
                    .as_deref()
                    .and_then(ContactWay::from_code)
                    .and_then(|way| Contact::parse(way, &before.contact).ok());
                let contact_changed = contact_before != f.contact;
                let contact_now = if contact_changed && !by.user.is_admin() {
                    &contact_before
                } else {
                    &f.contact
                };
                let (age_min, age_max) = match g.welcome.child_age_months {
                    Some((min, max)) => (Some(i32::from(min)), Some(i32::from(max))),
                    None => (None, None),
                };
                // Saving the whole form is checking every detail: the mark goes.
                sqlx::query(
                "UPDATE peer_groups SET title = $1, description = $2, focus = $3, welcome_pregnant = $4, welcome_babies = $5, \
                 welcome_toddlers = $6, welcome_partners = $7, attendance = $8, venue_id = $9, joining_details = $10, \
                 last_confirmed = $11, updated_at = $12, welcome_older_children = $14, child_age_min_months = $15, \
                 child_age_max_months = $16, format = $17, cost_kind = $18, cost_pence = $19, cost_note = $20, \
                 booking = $21, booking_how = $22, contact_way = $23, contact = $24, languages = $25, run_by = $26, \
                 facilitated_by = $27, moderated = $28, typical_size = $29, taking_new_members = $30, \
                 next_course_start = $31, first_visit = $32, details_to_check = $33 WHERE id = $13",
            )
            .bind(&g.title).bind(&g.description).bind(g.focus.code())
            .bind(g.welcome.pregnant).bind(g.welcome.babies).bind(g.welcome.toddlers).bind(g.welcome.partners)
            .bind(g.attendance.code()).bind(g.venue_id.as_deref()).bind(&g.joining_details)
            .bind(today).bind(now).bind(id.as_str())
            .bind(g.welcome.older_children).bind(age_min).bind(age_max)
            .bind(f.format.map(Format::code)).bind(f.cost.code())
            .bind(f.cost.pence().map(|p| i32::try_from(p).unwrap_or(i32::MAX))).bind(&f.cost_note)
            .bind(f.booking.map(Booking::code)).bind(&f.booking_how)
            .bind(contact_now.as_ref().map(|c| c.way.code()))
            .bind(contact_now.as_ref().map(|c| c.value.as_str()).unwrap_or_default())
            .bind(f.languages.join(", ")).bind(f.run_by.map(RunBy::code)).bind(&f.facilitated_by)
            .bind(f.moderated).bind(&f.typical_size).bind(f.taking_new_members).bind(f.next_course_start)
            .bind(&f.first_visit).bind(false)
            .execute(&mut *tx)
            .await?;
                sqlx::query("DELETE FROM schedules WHERE group_id = $1")
                    .bind(id.as_str())
                    .execute(&mut *tx)
                    .await?;
                write_schedules!(tx, id, g.times.schedules());
                // The group as it became, read back as it was read before: the
                // entry's two sides compare field by field. (A joining link an
                // admin changes gets an entry of its own just after.)
                let after = group_snapshot!(tx, id.as_str()).map(|(_, json)| json);
                audit!(
                    tx,
                    by,
                    "edited",
                    "group",
                    id.as_str(),
                    Some(before_json),
                    after
                );
                let link_changed = (before.joining_link.as_deref(), before.joining_link_public)
                    != (link.link.as_deref(), link.public);
                if link_changed && by.user.is_admin() {
                    write_link!(tx, id.as_str(), &link);
                    let before_link = serde_json::json!({ "link": before.joining_link, "public": before.joining_link_public }).to_string();
                    audit!(
                        tx,
                        by,
                        "changed the joining link",
                        "group",
                        id.as_str(),
                        Some(before_link),
                        Some(link_json.clone())
                    );
                } else if link_changed {
                    propose!(
                        tx,
                        by,
                        "group",
                        id.as_str(),
                        "joining_link",
                        &link_json,
                        now
                    );
                }
                if contact_changed && !by.user.is_admin() {
                    let contact_json = serde_json::to_string(&f.contact).unwrap_or_default();
                    propose!(tx, by, "group", id.as_str(), "contact", &contact_json, now);
                }
                if !held.is_empty() {
                    let texts = serde_json::to_string(held).unwrap_or_default();
                    propose!(tx, by, "group", id.as_str(), "texts", &texts, now);
                }
                true
            });
            Ok(saved)
        }

        /// "Still accurate": the group was confirmed on `day`. Returns the day
        /// it was confirmed before, or `None` when there is no such group.
        pub async fn confirm_group(
            &self,
            id: &GroupId,
            day: NaiveDate,
            by: &Author,
        ) -> Result<Option<NaiveDate>, StoreError> {
            self.confirm(
                crate::organisers::db::Confirmed::Group,
                id.as_str(),
                day,
                by,
            )
            .await
        }

        /// Adds one exception to a group's dates (a cancellation or an extra
        /// session, checked by the caller), with its audit entry.
        pub async fn add_exception(
            &self,
            group: &GroupId,
            exception: &Exception,
            by: &Author,
        ) -> Result<(), StoreError> {
            let (kind, day, starts, ends, reason, action, after) = match exception {
                Exception::Cancelled { date, reason } => (
                    "cancelled",
                    *date,
                    None,
                    None,
                    reason.as_str(),
                    "cancelled a session",
                    serde_json::json!({ "cancelled": date, "reason": reason }),
                ),
                Exception::Extra { date, starts, ends } => (
                    "extra",
                    *date,
                    Some(*starts),
                    Some(*ends),
                    "",
                    "added an extra session",
                    serde_json::json!({ "extra": date, "starts": starts, "ends": ends }),
                ),
                Exception::Moved { .. } => return Ok(()),
            };
            let after = after.to_string();
            audited_write!(self, by, |tx| {
                sqlx::query(
                "INSERT INTO group_exceptions (group_id, kind, day, starts, ends, reason) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(group.as_str())
            .bind(kind)
            .bind(day)
            .bind(starts)
            .bind(ends)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
                audit!(
                    tx,
                    by,
                    action,
                    "group",
                    group.as_str(),
                    None::<String>,
                    Some(after)
                );
            });
            Ok(())
        }

        /// Adds an area an admin made, with its audit entry.
        pub async fn add_area(
            &self,
            id: &AreaId,
            area: &NewArea,
            by: &Author,
        ) -> Result<(), StoreError> {
            let now = Utc::now();
            let after =
                serde_json::json!({ "name": area.name, "nation": area.nation.code() }).to_string();
            audited_write!(self, by, |tx| {
                sqlx::query("INSERT INTO areas (id, name, nation, is_sample, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id.as_str())
                .bind(&area.name)
                .bind(area.nation.code())
                .bind(false)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                audit!(
                    tx,
                    by,
                    "added",
                    "area",
                    id.as_str(),
                    None::<String>,
                    Some(after)
                );
            });
            Ok(())
        }

        /// Replaces an area's term dates for the school years a file holds (an
        /// admin's import), adds its bank holidays and sets whether INSET days
        /// are breaks there, with its audit entry (the area's term calendar as
        /// it was and as it became, both read inside the transaction): all or
        /// nothing.
        pub async fn import_terms(
            &self,
            area: &AreaId,
            (imported, inset_days_are_breaks): (&ImportedTerms, Option<bool>),
            by: &Author,
        ) -> Result<(), StoreError> {
            audited_write!(self, by, |tx| {
                // The area's calendar as it was and as it became, read the
                // same way inside the transaction.
                let mut was = read_term_calendars!(&mut *tx, Some(area.as_str()));
                let before = serde_json::to_string(&was.remove(area).unwrap_or_default()).ok();
                write_terms!(tx, area, &imported.years, &imported.bank_holidays);
                write_inset_choice!(tx, area, inset_days_are_breaks);
                let mut became = read_term_calendars!(&mut *tx, Some(area.as_str()));
                let after = serde_json::to_string(&became.remove(area).unwrap_or_default()).ok();
                audit!(
                    tx,
                    by,
                    "imported term dates",
                    "area",
                    area.as_str(),
                    before,
                    after
                );
            });
            Ok(())
        }
    }
}

pub(crate) use audited::{write_contact, write_link};
pub use audited::{GroupBackstage, JoiningLink};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::json_rows::columns_fill;

    #[test]
    fn each_read_fills_its_row_in_order() {
        assert!(columns_fill::<GroupRow>(GROUP_COLUMNS));
        assert!(columns_fill::<ScheduleRow>(SCHEDULE_COLUMNS));
        assert!(columns_fill::<ExceptionRow>(EXCEPTION_COLUMNS));
    }
}
