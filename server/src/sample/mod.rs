//! Sample records for trying Village out, kept as data files and loaded
//! through the very importers an operator uses, so every `make run`
//! exercises them:
//!
//! - `server/sample/riverside.hsds.json`, an Open Referral HSDS 3 file (as
//!   `server export-hsds` wrote it before it gave terms by id alone and
//!   left out indentation; both forms are read) of one area's organisations, venues and
//!   about twenty groups that mix term-time, all-year and holiday-only
//!   schedules, in person, online and by phone, and about twenty directory
//!   services: made-up ones labelled Sample, whose numbers are in Ofcom's
//!   ranges reserved for drama so that no real person is called by mistake,
//!   and the real national crisis lines the crisis card also offers;
//! - `server/sample/riverside-terms.csv`, Riverside's school years in the
//!   usual pattern of England's and the bank holidays of England and Wales,
//!   from 2024-25 to 2036-37, in the format `server import-terms` reads.
//!
//! The records are marked `is_sample` and the app labels them "Sample"; a
//! production start never adds them. Only what is missing is added, so an
//! organiser's edits to the sample are kept across restarts.

use app::{
    directory::db::Existing,
    storage::{Store, StoreError},
};
use chrono::{Duration, NaiveDate};
use std::collections::HashSet;
use village_core::{
    calendar::{import, usual, BankHoliday, GroupId, SchoolYear, TermCalendar, YearTerms},
    directory::hsds::{self, Contents},
    AreaId, Nation,
};

pub mod national;

pub const AREA: &str = "sample-riverside";

/// The sample's groups, venues and directory, as HSDS 3.
const HSDS: &str = include_str!("../../sample/riverside.hsds.json");

/// The sample area's term dates and bank holidays, as CSV.
const TERMS: &str = include_str!("../../sample/riverside-terms.csv");

/// The day the HSDS file was written. Its confirmation dates are moved on
/// by the days since, so the sample ages as it did then (groups confirmed
/// a few weeks ago, one service not for over a year) on any day.
pub const WRITTEN_ON: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 7) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// Online groups whose joining links the organiser keeps private: no export
/// carries a private link, so the sample's are given here.
const PRIVATE_LINKS: [(&str, &str); 3] = [
    ("sample-night-owls", "https://meet.example.org/private-room"),
    (
        "sample-weekend-cafe",
        "https://meet.example.org/private-room",
    ),
    (
        "sample-feeling-calmer",
        "https://meet.example.org/private-room",
    ),
];

/// Why the sample files could not be read: a fault in the repository's own
/// data, which its tests catch.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("the sample's HSDS file: {0}")]
    Hsds(#[from] hsds::ReadError),
    #[error("the sample's term dates: {0}")]
    Terms(#[from] import::ImportError),
}

/// The sample's groups and services as read from its file, their
/// confirmation dates (and next course starts, by whole weeks, so a course
/// still starts on its weekday) moved on from [`WRITTEN_ON`] to `today`.
pub fn contents(today: NaiveDate) -> Result<Contents, SampleError> {
    let areas = [(
        AreaId::parse(AREA).map_err(|_| hsds::ReadError::NotServices)?,
        "Riverside".to_owned(),
    )];
    let known = hsds::Known {
        areas: &areas,
        organisations: &[],
        today: WRITTEN_ON,
        area_map: &[],
        venues: &[],
    };
    let (mut contents, report) = hsds::read_reporting(HSDS, &known)?;
    if !report.notes.is_empty() {
        tracing::warn!(notes = ?report.notes, "the sample file has records not shown");
    }
    // Before or after the day it was written alike: a day before moves
    // dates back, so no sample record is ever confirmed in the future.
    let days = (today - WRITTEN_ON).num_days();
    let moved = |day: NaiveDate, by: i64| day.checked_add_signed(Duration::days(by)).unwrap_or(day);
    for record in &mut contents.services {
        if let Some(day) = record.service.last_confirmed {
            record.service.last_confirmed = Some(moved(day, days));
        }
    }
    for record in &mut contents.groups {
        let g = &mut record.group;
        g.last_confirmed = moved(g.last_confirmed, days);
        if let Some(start) = g.facts.next_course_start {
            g.facts.next_course_start = Some(moved(start, days.div_euclid(7) * 7));
        }
    }
    Ok(contents)
}

/// School years and their bank holidays, as a term file gives them.
pub type Terms = (Vec<YearTerms>, Vec<(SchoolYear, BankHoliday)>);

/// The school years around `today` (the one before, today's and the one
/// after) from the sample's term file, with their bank holidays.
pub fn terms_around(today: NaiveDate) -> Result<Terms, SampleError> {
    let file = import::parse(TERMS, &[])?;
    let this = usual::school_year_of(today).map(|y| y.starts_in());
    let near = |starts_in: i32| this.is_some_and(|this| (this - 1..=this + 1).contains(&starts_in));
    let years = file
        .years
        .into_iter()
        .filter(|y| near(y.year.starts_in()))
        .collect();
    let bank = file
        .bank_holidays
        .into_iter()
        .filter(|(year, _)| near(year.starts_in()))
        .collect();
    Ok((years, bank))
}

/// Adds any sample record that is missing and returns how many it added.
pub async fn seed(store: &Store, today: NaiveDate) -> Result<usize, StoreError> {
    let (contents, (years, bank)) = match (contents(today), terms_around(today)) {
        (Ok(contents), Ok(terms)) => (contents, terms),
        (Err(err), _) | (_, Err(err)) => {
            tracing::error!(error = %err, "the sample files do not load: no sample added");
            return Ok(0);
        }
    };
    if years.len() < 3 {
        tracing::warn!(%today, "the sample's term file does not cover the school years around today: add them to server/sample/riverside-terms.csv");
    }
    let Ok(area) = AreaId::parse(AREA) else {
        return Ok(0);
    };
    let mut added = 0;
    if store
        .insert_area(&area, "Riverside", Nation::England, true)
        .await?
    {
        added += 1;
    }
    // Only the school years the area does not have yet, so an edited sample
    // is left alone and an old sample database gains the years it needs.
    let calendars = store.term_calendars().await?;
    let known = calendars
        .get(&area)
        .map(TermCalendar::years)
        .unwrap_or_default();
    let missing: Vec<YearTerms> = years
        .iter()
        .filter(|year| {
            !known
                .iter()
                .any(|k| k.year == year.year || k.dates.overlaps(&year.dates))
        })
        .cloned()
        .collect();
    if !missing.is_empty() {
        let bank: Vec<_> = bank
            .into_iter()
            .filter(|(year, _)| missing.iter().any(|m| m.year == *year))
            .collect();
        store.replace_terms(&area, (&missing, &bank), None).await?;
    }

    let services: HashSet<_> = store.services().await?.into_iter().map(|s| s.id).collect();
    let groups: HashSet<GroupId> = store.groups().await?.into_iter().map(|g| g.id).collect();
    let new = Contents {
        services: contents
            .services
            .into_iter()
            .filter(|r| !services.contains(&r.service.id))
            .collect(),
        groups: contents
            .groups
            .into_iter()
            .filter(|r| !groups.contains(&r.group.id))
            .collect(),
    };
    if new.services.is_empty() && new.groups.is_empty() {
        return Ok(added);
    }
    // An organisation or venue already there keeps its organisers' edits.
    store.import_file(&new, Existing::Keep).await?;
    added += new.services.len() + new.groups.len();
    // The sample's national groups come from organisations an admin allowed.
    let national: HashSet<&str> = new
        .groups
        .iter()
        .filter(|r| r.group.is_national())
        .map(|r| r.organisation_id.as_str())
        .collect();
    for organisation in national {
        store.allow_national_groups(organisation).await?;
    }
    for (id, link) in PRIVATE_LINKS {
        if new.groups.iter().any(|r| r.group.id.as_str() == id) {
            if let Ok(id) = GroupId::parse(id) {
                store.keep_private_joining_link(&id, link).await?;
            }
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use village_core::calendar::Exception;

    fn on(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_sample_files_load_through_the_importers_as_written() {
        let areas = [(AreaId::parse(AREA).expect("id"), "Riverside".to_owned())];
        let known = hsds::Known {
            areas: &areas,
            organisations: &[],
            today: WRITTEN_ON,
            area_map: &[],
            venues: &[],
        };
        let (_, report) = hsds::read_reporting(HSDS, &known).expect("reads");
        assert_eq!(
            report.notes,
            Vec::<String>::new(),
            "everything in it is shown"
        );
        let contents = contents(WRITTEN_ON).expect("the sample file reads");
        assert!(contents.groups.len() >= 20, "{}", contents.groups.len());
        assert!(contents.services.len() >= 20, "{}", contents.services.len());
        for record in &contents.groups {
            assert!(record.group.id.as_str().starts_with("sample-"));
            assert!(record.group.is_sample, "{}", record.group.id);
            assert!(!record.group.description.is_empty(), "{}", record.group.id);
        }
        let talk = contents
            .groups
            .iter()
            .find(|r| r.group.id.as_str() == "sample-tuesday-talk")
            .expect("the Tuesday talk");
        assert_eq!(
            talk.group.times.exceptions()[0],
            Exception::Cancelled {
                date: on(2026, 12, 8),
                reason: "The hall is booked for the Christmas fair".to_owned()
            }
        );
        assert_eq!(talk.group.last_confirmed, on(2026, 11, 20));
        for (id, _) in PRIVATE_LINKS {
            assert!(
                contents.groups.iter().any(|r| r.group.id.as_str() == id),
                "{id} is in the file"
            );
        }
        let (years, bank) = terms_around(WRITTEN_ON).expect("the term file reads");
        let names: Vec<_> = years.iter().map(|y| y.year.to_string()).collect();
        assert_eq!(names, ["2025-26", "2026-27", "2027-28"]);
        assert_eq!(years[1].dates.first(), on(2026, 9, 3));
        assert!(bank.iter().any(|(_, h)| h.date == on(2026, 12, 25)));
    }

    /// Any day the term file covers gets a living sample: three school years
    /// that make a valid calendar with today inside the middle one, term
    /// dates known for most of a year ahead, confirmations as old as they
    /// were when the file was written and never in the future, and a next
    /// course on the weekday it was.
    #[test]
    fn the_sample_lives_on_any_day_to_the_summer_of_2036() {
        let written = contents(WRITTEN_ON).expect("reads");
        let mut today = on(2025, 9, 10);
        while today < on(2036, 7, 1) {
            let (years, bank) = terms_around(today).expect("reads");
            assert_eq!(years.len(), 3, "{today}");
            assert!(years[1].dates.contains(today), "{today}");
            let holidays = bank.into_iter().map(|(_, h)| h).collect();
            let calendar =
                TermCalendar::new(years, holidays).unwrap_or_else(|e| panic!("{today}: {e}"));
            assert!(
                calendar.known_until() > today.checked_add_signed(Duration::days(350)),
                "{today}"
            );
            let now = contents(today).expect("reads");
            for (before, after) in written.groups.iter().zip(&now.groups) {
                let age =
                    |record: &hsds::GroupRecord, day: NaiveDate| day - record.group.last_confirmed;
                assert_eq!(age(before, WRITTEN_ON), age(after, today));
                if let (Some(then), Some(start)) = (
                    before.group.facts.next_course_start,
                    after.group.facts.next_course_start,
                ) {
                    use chrono::Datelike;
                    assert_eq!(then.weekday(), start.weekday());
                    assert!(start > today, "{today}");
                }
            }
            assert!(now
                .services
                .iter()
                .filter_map(|r| r.service.last_confirmed)
                .all(|day| day <= today));
            assert!(now.groups.iter().all(|r| r.group.last_confirmed <= today));
            today = today.checked_add_signed(Duration::days(9)).expect("a day");
        }
    }
}
