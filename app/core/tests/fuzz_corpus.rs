//! The fuzzing corpora (`fuzz/corpus/<target>`), replayed on every test run
//! through the same parsers as the cargo-fuzz targets: no input panics;
//! seeds named `ok-…` are read and `bad-…` refused with a reason. Files
//! libFuzzer adds (named by their hash) only have to not panic.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use village_core::{
    account::{totp::TotpSecret, Email},
    calendar::{import, GroupId},
    directory::{
        hsds::{self, Known},
        ServiceId,
    },
    mood::{files, lock::Backup},
    written, AreaId, PhoneNumber,
};

/// Every file of a target's corpus: (name, text). Inputs that are not
/// UTF-8 are skipped, as the `&str` fuzz targets skip them.
fn corpus(target: &str) -> Vec<(String, String)> {
    // The package's folder as cargo gives it when the test runs (the path
    // built in may name another checkout that shared the build).
    let package = std::env::var("CARGO_MANIFEST_DIR").unwrap_or(env!("CARGO_MANIFEST_DIR").into());
    let dir: PathBuf = [package.as_str(), "fuzz", "corpus", target]
        .iter()
        .collect();
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reads {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = file_name(&path);
            let text = String::from_utf8(std::fs::read(&path).ok()?).ok()?;
            Some((name, text))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the {target} corpus has seeds");
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads every file of a target's corpus with `read` and checks each
/// seed's outcome against its name.
fn replay<T, E: std::fmt::Display>(target: &str, read: impl Fn(&str) -> Result<T, E>) {
    for (name, text) in corpus(target) {
        let read = read(&text);
        let why = read
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        expect(&name, read.is_ok(), &why);
    }
}

/// Checks a seed's outcome against its name.
fn expect(name: &str, ok: bool, why: &str) {
    if name.starts_with("ok-") {
        assert!(ok, "{name} should be read: {why}");
    }
    if name.starts_with("bad-") {
        assert!(!ok, "{name} should be refused");
        assert!(!why.is_empty(), "{name} is refused with a reason");
    }
}

#[test]
fn term_date_corpus() {
    replay("term_dates", |text| import::parse(text, &[]));
}

#[test]
fn hsds_corpus() {
    let areas = vec![(
        AreaId::parse("riverside").expect("an id"),
        "Riverside".to_owned(),
    )];
    let organisations = [(
        "riverside-parents".to_owned(),
        "Riverside Parents".to_owned(),
    )];
    let known = Known {
        areas: &areas,
        organisations: &organisations,
        today: NaiveDate::from_ymd_opt(2026, 11, 30).expect("a day"),
        area_map: &[],
        venues: &[],
    };
    replay("hsds", |text| hsds::read(text, &known));
}

#[test]
fn diary_file_corpus() {
    for (name, text) in corpus("diary_files") {
        let read = files::read(&text);
        let why = read
            .as_ref()
            .err()
            .map(|faults| format!("{} faults", faults.len()))
            .unwrap_or_default();
        let backup = Backup::read(&text);
        if name == "backup.json" {
            assert!(backup.is_ok(), "{backup:?}");
        } else {
            expect(&name, read.is_ok(), &why);
        }
    }
}

#[test]
fn field_corpus() {
    for (_, text) in corpus("fields") {
        let _ = AreaId::parse(&text);
        let _ = GroupId::parse(&text);
        let _ = ServiceId::parse(&text);
        let _ = Email::parse(&text);
        let _ = PhoneNumber::parse(&text);
        let _ = written::parse_day(&text);
        let _ = written::parse_time(&text);
        let _ = TotpSecret::parse_base32(&text);
    }
}
