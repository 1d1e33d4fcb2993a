//! `server import-terms`: the real binary, a file, and the database after.

use std::process::Command;
use village_core::{AreaId, Nation};

use crate::helpers::{fresh_database, run, scratch_dir};

fn import(url: &str, file: &std::path::Path, area: &str) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["import-terms"])
        .arg(file)
        .args(["--area", area])
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const TWO_YEARS: &str = "school_year,kind,name,start,end\n\
    2026-27,half_term,October half term,2026-10-24,2026-11-01\n\
    2026-27,bank_holiday,Christmas Day,2026-12-25,2026-12-25\n\
    2026-27,holiday,Summer holidays,2027-07-22,2027-09-01\n\
    2027-28,half_term,October half term,2027-10-23,2027-10-31\n\
    2027-28,holiday,Christmas holidays,2027-12-18,2028-01-03\n";

#[test]
fn a_good_file_replaces_the_years_it_names_and_a_bad_one_changes_nothing() {
    run(async {
        let scratch = scratch_dir();
        let database = fresh_database(&scratch).await;
        let store = server::database::open(&database.url).await.expect("opens");
        let area = AreaId::parse("leeds").expect("valid");
        store
            .insert_area(&area, "Leeds", Nation::England, false)
            .await
            .expect("inserts");

        let file = scratch.join("terms.csv");
        std::fs::write(&file, TWO_YEARS).expect("writes");
        let (ok, stdout, stderr) = import(&database.url, &file, "leeds");
        assert!(ok, "{stderr}");
        assert_eq!(
            stdout.trim(),
            "2026-27: 2 breaks, 1 bank holiday, 0 INSET days; a new school year.\n\
             2027-28: 2 breaks, 0 bank holidays, 0 INSET days; a new school year.\n\
             Imported term dates for Leeds (2026-27, 2027-28): 4 breaks, 0 INSET days and 1 bank holidays."
        );
        let calendars = store.term_calendars().await.expect("reads");
        let leeds = &calendars[&area];
        assert_eq!(leeds.years().len(), 2);
        assert_eq!(leeds.years()[0].breaks.len(), 2);

        // A second file for one year replaces that year's breaks only.
        std::fs::write(&file, "school_year,kind,name,start,end\n2026-27,half_term,February half term,2027-02-13,2027-02-21\n2026-27,holiday,Easter holidays,2027-03-26,2027-04-11\n").expect("writes");
        let (ok, _, stderr) = import(&database.url, &file, "leeds");
        assert!(ok, "{stderr}");
        let calendars = store.term_calendars().await.expect("reads");
        let leeds = &calendars[&area];
        let names: Vec<&str> = leeds.years()[0]
            .breaks
            .iter()
            .map(|b| b.name.as_str())
            .collect();
        assert_eq!(names, ["February half term", "Easter holidays"]);
        assert_eq!(
            leeds.years()[1].breaks[0].name,
            "October half term",
            "the other year is untouched"
        );
        assert_eq!(
            leeds.bank_holidays().collect::<Vec<_>>(),
            [(
                chrono::NaiveDate::from_ymd_opt(2026, 12, 25).expect("a date"),
                "Christmas Day"
            )],
            "a file without bank holidays leaves the year's alone"
        );

        // A bad row: named by line and field, and nothing changes.
        let before = store.term_calendars().await.expect("reads");
        std::fs::write(&file, "school_year,kind,name,start,end\n2026-27,half_term,Half term,2026-10-24,2026-11-01\n2026-27,holiday,Summer,2027-07-22,2027-19-01\n").expect("writes");
        let (ok, stdout, stderr) = import(&database.url, &file, "leeds");
        assert!(!ok);
        assert!(stdout.is_empty());
        assert!(
            stderr.contains("line 3, field end: \"2027-19-01\" is not a date"),
            "{stderr}"
        );
        assert!(stderr.contains("Nothing was changed."), "{stderr}");
        assert_eq!(store.term_calendars().await.expect("reads"), before);

        let (ok, _, stderr) = import(&database.url, &file, "atlantis");
        assert!(!ok);
        assert!(
            stderr.contains("There is no area \"atlantis\"."),
            "{stderr}"
        );

        store.close().await;
        database.drop_database().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

/// A real file outside the repository, or `None` (said) where it is absent.
fn real_terms_file(name: &str) -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("VILLAGE_TERMS_REAL_DIR").map_or_else(
        || {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/data/terms-real")
        },
        std::path::PathBuf::from,
    );
    let path = dir.join(name);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is not here; set VILLAGE_TERMS_REAL_DIR to a copy of shared/data/terms-real to check it",
            path.display()
        );
        None
    }
}

#[test]
fn real_calendars_come_in_for_what_they_are_and_bank_holidays_never_wipe_breaks() {
    let (Some(holidays), Some(govuk), Some(term_days)) = (
        real_terms_file("sheffield-lea/school_holidays.ics"),
        real_terms_file("govuk-bank-holidays/england-and-wales.ics"),
        real_terms_file("sheffield-lea/term_dates.ics"),
    ) else {
        return;
    };
    run(async {
        let scratch = scratch_dir();
        let database = fresh_database(&scratch).await;
        let store = server::database::open(&database.url).await.expect("opens");
        let area = AreaId::parse("sheffield").expect("valid");
        store
            .insert_area(&area, "Sheffield", Nation::England, false)
            .await
            .expect("inserts");

        // A file of term days into an empty area: refused, saying why.
        let (ok, _, stderr) = import(&database.url, &term_days, "sheffield");
        assert!(!ok);
        assert!(
            stderr.contains("This file lists 585 days when schools are open"),
            "{stderr}"
        );
        assert!(store.term_calendars().await.expect("reads").is_empty());

        // A dry run says what it understood and changes nothing.
        let output = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["import-terms", "--dry-run", "--area", "sheffield"])
            .arg(&holidays)
            .env("DATABASE_URL", &database.url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("the binary runs");
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success());
        assert!(
            said.contains("2026-27: 6 breaks, 8 bank holidays, 0 INSET days; a new school year."),
            "{said}"
        );
        assert!(said.contains("Nothing was changed (--dry-run) in Sheffield."));
        assert!(store.term_calendars().await.expect("reads").is_empty());

        let (ok, stdout, stderr) = import(&database.url, &holidays, "sheffield");
        assert!(ok, "{stderr}");
        assert!(
            stdout.contains("Imported term dates for Sheffield (2025-26, 2026-27, 2027-28): 18 breaks, 0 INSET days and 24 bank holidays."),
            "{stdout}"
        );
        let before = store.term_calendars().await.expect("reads")[&area].clone();

        // GOV.UK's bank holidays: added by date; every break stays.
        let (ok, stdout, stderr) = import(&database.url, &govuk, "sheffield");
        assert!(ok, "{stderr}");
        assert!(
            stdout.contains(
                "65 bank holidays from 2012-01-02 to 2019-12-26, added by date; no breaks change."
            ),
            "{stdout}"
        );
        let after = store.term_calendars().await.expect("reads")[&area].clone();
        assert_eq!(after.years(), before.years(), "no break was replaced");
        assert_eq!(after.bank_holidays().count(), 24 + 65);
        assert_eq!(
            after.bank_holiday(chrono::NaiveDate::from_ymd_opt(2018, 12, 25).expect("a date")),
            Some("Christmas Day")
        );

        // The Sheffield file again, after: its years replace themselves and
        // GOV.UK's older bank holidays stay.
        let (ok, _, stderr) = import(&database.url, &holidays, "sheffield");
        assert!(ok, "{stderr}");
        let again = store.term_calendars().await.expect("reads")[&area].clone();
        assert_eq!(again, after);

        // The area's INSET choice, given with an import, is saved with it.
        let output = Command::new(env!("CARGO_BIN_EXE_server"))
            .args([
                "import-terms",
                "--inset-days",
                "breaks",
                "--area",
                "sheffield",
            ])
            .arg(&holidays)
            .env("DATABASE_URL", &database.url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("the binary runs");
        assert!(output.status.success());
        assert!(store.term_calendars().await.expect("reads")[&area].inset_days_are_breaks());

        store.close().await;
        database.drop_database().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}
