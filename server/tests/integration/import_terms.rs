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
    2027-28,half_term,October half term,2027-10-23,2027-10-31\n";

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
            "Imported term dates for Leeds (2026-27, 2027-28): 3 breaks and 1 bank holidays."
        );
        let calendars = store.term_calendars().await.expect("reads");
        let leeds = &calendars[&area];
        assert_eq!(leeds.years().len(), 2);
        assert_eq!(leeds.years()[0].breaks.len(), 2);

        // A second file for one year replaces that year's breaks only.
        std::fs::write(&file, "school_year,kind,name,start,end\n2026-27,half_term,February half term,2027-02-13,2027-02-21\n").expect("writes");
        let (ok, _, stderr) = import(&database.url, &file, "leeds");
        assert!(ok, "{stderr}");
        let calendars = store.term_calendars().await.expect("reads");
        let leeds = &calendars[&area];
        let names: Vec<&str> = leeds.years()[0]
            .breaks
            .iter()
            .map(|b| b.name.as_str())
            .collect();
        assert_eq!(names, ["February half term"]);
        assert_eq!(
            leeds.years()[1].breaks[0].name,
            "October half term",
            "the other year is untouched"
        );
        assert_eq!(
            leeds.bank_holidays().count(),
            0,
            "the year's bank holidays were replaced too"
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
