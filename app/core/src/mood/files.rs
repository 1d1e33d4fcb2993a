//! The diary as files the person takes away themselves: CSV for a
//! spreadsheet, JSON to bring back in. Reading a file checks everything
//! first and reports every fault; nothing is half-imported.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::about_me::AboutMe;
use super::entry::{Context, Draft, Entry, EntryError, EntryId, Feeling, Mood};
use super::say_it::SavedDraft;
use crate::written;

/// The largest file we read, in bytes (years of daily check-ins are far smaller).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// The most entries a file may hold.
pub const MAX_ENTRIES: usize = 50_000;
/// The most faults listed; a file with more is clearly not a diary.
pub const MAX_FAULTS: usize = 20;

/// Names the JSON file's kind, so a file of something else is recognised.
pub const JSON_FORMAT: &str = "village-mood-diary";
/// Version 2 added "About me" and saved "Help me say it" drafts; version 1
/// files (check-ins only) are still read.
pub const JSON_VERSION: u32 = 2;
/// The most saved drafts a file may hold.
pub const MAX_DRAFTS: usize = 500;

/// The CSV file's columns, in order.
pub const CSV_COLUMNS: [&str; 8] = [
    "id",
    "date",
    "time",
    "mood",
    "mood_word",
    "feelings",
    "context",
    "note",
];
const CSV_SAVED_AT: &str = "saved_at";

/// One thing wrong with a file: where, which field, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The line (CSV) or entry number (JSON), counting from 1; none for the
    /// file as a whole.
    pub at: Option<usize>,
    pub field: Option<String>,
    pub why: String,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.at, &self.field) {
            (Some(at), Some(field)) => write!(f, "Row {at}, {field}: {}", self.why),
            (Some(at), None) => write!(f, "Row {at}: {}", self.why),
            (None, Some(field)) => write!(f, "{field}: {}", self.why),
            (None, None) => f.write_str(&self.why),
        }
    }
}

fn whole_file(why: impl Into<String>) -> Vec<Fault> {
    vec![Fault {
        at: None,
        field: None,
        why: why.into(),
    }]
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonFile {
    format: String,
    version: u32,
    entries: Vec<serde_json::Value>,
    #[serde(default)]
    about_me: Option<serde_json::Value>,
    #[serde(default)]
    drafts: Vec<serde_json::Value>,
}

/// Everything the diary keeps: check-ins, "About me" and saved drafts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiaryFile {
    pub entries: Vec<Entry>,
    pub about_me: Option<AboutMe>,
    pub drafts: Vec<SavedDraft>,
}

/// The check-ins alone as JSON, the format Village reads back.
pub fn to_json(entries: &[Entry]) -> String {
    to_json_file(&DiaryFile {
        entries: entries.to_vec(),
        ..DiaryFile::default()
    })
}

/// The whole diary as JSON, the format Village reads back.
pub fn to_json_file(diary: &DiaryFile) -> String {
    let file = serde_json::json!({
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "entries": diary.entries,
        "about_me": diary.about_me,
        "drafts": diary.drafts,
    });
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// The whole diary as CSV (RFC 4180), one row per check-in, with a header.
pub fn to_csv(entries: &[Entry]) -> String {
    let mut out = String::new();
    let header: Vec<&str> = CSV_COLUMNS.iter().copied().chain([CSV_SAVED_AT]).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for entry in entries {
        let join = |codes: Vec<&str>| codes.join(";");
        let row = [
            entry.id().to_string(),
            written::day(entry.day()),
            written::time(entry.time()),
            entry.mood().score().to_string(),
            entry.mood().word().to_owned(),
            join(entry.feelings().iter().map(|f| f.code()).collect()),
            join(entry.context().iter().map(|c| c.code()).collect()),
            entry.note().to_owned(),
            entry.saved_at().to_string(),
        ];
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Cell starts that a spreadsheet would run as a formula, and the guard's own
/// quote (so that a cell really starting with one survives the round trip).
const GUARDED_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

fn csv_cell(cell: &str) -> String {
    let guarded = if cell.starts_with(GUARDED_STARTS) && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded != cell {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Reads a file's check-ins (see `read_file`).
pub fn read(text: &str) -> Result<Vec<Entry>, Vec<Fault>> {
    read_file(text).map(|file| file.entries)
}

/// Reads a file the person chose: Village's JSON or CSV export. Either
/// everything in it is good and all is returned, or every fault is.
pub fn read_file(text: &str) -> Result<DiaryFile, Vec<Fault>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(whole_file(format!(
            "This file is {} MB; a diary file is at most {} MB.",
            text.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        read_json(text)
    } else {
        read_csv(text).map(|entries| DiaryFile {
            entries,
            ..DiaryFile::default()
        })
    }
}

fn read_json(text: &str) -> Result<DiaryFile, Vec<Fault>> {
    let file: JsonFile = serde_json::from_str(text).map_err(|_| {
        whole_file(
            "This is not a Village diary file. Choose a file that Village saved (CSV or JSON).",
        )
    })?;
    if file.format != JSON_FORMAT {
        return Err(whole_file(
            "This is not a Village diary file. Choose a file that Village saved (CSV or JSON).",
        ));
    }
    if !(1..=JSON_VERSION).contains(&file.version) {
        return Err(whole_file(format!(
            "This diary file is version {}; this Village reads versions 1 to {JSON_VERSION}.",
            file.version
        )));
    }
    check_count(file.entries.len())?;
    if file.drafts.len() > MAX_DRAFTS {
        return Err(whole_file(format!(
            "This file has {} saved drafts; the most Village reads is {MAX_DRAFTS}.",
            file.drafts.len()
        )));
    }
    let mut faults = Vec::new();
    let entries = each(file.entries, None, &mut faults);
    let drafts = each(file.drafts, Some("drafts"), &mut faults);
    let about_me = match file.about_me.filter(|v| !v.is_null()) {
        None => None,
        Some(value) => serde_json::from_value::<AboutMe>(value)
            .map_err(|error| {
                faults.push(Fault {
                    at: None,
                    field: Some("about_me".to_owned()),
                    why: error.to_string(),
                })
            })
            .ok(),
    };
    faults.truncate(MAX_FAULTS);
    all_or_faults(
        DiaryFile {
            entries,
            about_me,
            drafts,
        },
        faults,
    )
}

/// Reads each value of a list, noting the fault of each that is wrong.
fn each<T: serde::de::DeserializeOwned>(
    values: Vec<serde_json::Value>,
    field: Option<&str>,
    faults: &mut Vec<Fault>,
) -> Vec<T> {
    let mut read = Vec::new();
    for (at, value) in values.into_iter().enumerate() {
        if faults.len() >= MAX_FAULTS {
            break;
        }
        match serde_json::from_value::<T>(value) {
            Ok(one) => read.push(one),
            Err(error) => faults.push(Fault {
                at: Some(at + 1),
                field: field.map(str::to_owned),
                why: error.to_string(),
            }),
        }
    }
    read
}

/// Everything, or every fault: a file is used whole or not at all.
fn all_or_faults<T>(read: T, faults: Vec<Fault>) -> Result<T, Vec<Fault>> {
    if faults.is_empty() {
        Ok(read)
    } else {
        Err(faults)
    }
}

fn check_count(count: usize) -> Result<(), Vec<Fault>> {
    if count > MAX_ENTRIES {
        Err(whole_file(format!(
            "This file has {count} entries; the most Village reads is {MAX_ENTRIES}."
        )))
    } else {
        Ok(())
    }
}

fn read_csv(text: &str) -> Result<Vec<Entry>, Vec<Fault>> {
    let rows = parse_csv(text)?;
    let Some((header_line, header)) = rows.first() else {
        return Err(whole_file("This file is empty."));
    };
    let position = |name: &str| header.iter().position(|h| h.trim() == name);
    let mut columns = Vec::new();
    for name in CSV_COLUMNS {
        match position(name) {
            Some(at) => columns.push(at),
            None => {
                return Err(vec![Fault {
                    at: Some(*header_line),
                    field: Some(name.to_owned()),
                    why: format!(
                        "the first row must name the columns ({}); this column is missing",
                        CSV_COLUMNS.join(", ")
                    ),
                }])
            }
        }
    }
    let saved_at_column = position(CSV_SAVED_AT);
    check_count(rows.len() - 1)?;
    let mut entries = Vec::new();
    let mut faults = Vec::new();
    for (line, cells) in rows.iter().skip(1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| unguard(cells.get(columns[i]).map(String::as_str).unwrap_or(""));
        match csv_entry(
            cell,
            saved_at_column
                .and_then(|c| cells.get(c))
                .map(String::as_str),
        ) {
            Ok(entry) => entries.push(entry),
            Err((field, why)) => faults.push(Fault {
                at: Some(*line),
                field: Some(field.to_owned()),
                why,
            }),
        }
        if faults.len() >= MAX_FAULTS {
            break;
        }
    }
    all_or_faults(entries, faults)
}

fn csv_entry<'a>(
    cell: impl Fn(usize) -> &'a str,
    saved_at: Option<&str>,
) -> Result<Entry, (&'static str, String)> {
    let id = EntryId::parse(cell(0).trim()).map_err(|_| {
        (
            "id",
            "must be letters, digits and dashes, as Village writes it".to_owned(),
        )
    })?;
    let day = written::parse_day(cell(1)).ok_or_else(|| {
        (
            "date",
            format!("\"{}\" is not a date like 2026-11-30", cell(1)),
        )
    })?;
    let time = written::parse_time(cell(2))
        .ok_or_else(|| ("time", format!("\"{}\" is not a time like 07:30", cell(2))))?;
    let mood = cell(3)
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Mood::from_score)
        .ok_or_else(|| ("mood", format!("\"{}\" is not a mood from 1 to 5", cell(3))))?;
    let feelings = tag_list(cell(5), Feeling::from_code).map_err(|bad| ("feelings", bad))?;
    let context = tag_list(cell(6), Context::from_code).map_err(|bad| ("context", bad))?;
    let saved_at = match saved_at.map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => raw
            .parse::<i64>()
            .map_err(|_| (CSV_SAVED_AT, format!("\"{raw}\" is not a number")))?,
        None => 0,
    };
    let draft = Draft {
        id,
        day,
        time,
        mood,
        feelings,
        context,
        note: cell(7).to_owned(),
        saved_at,
    };
    Entry::new(draft, NaiveDate::MAX).map_err(|error| {
        let field = match error {
            EntryError::DayTooEarly { .. }
            | EntryError::DayInFuture { .. }
            | EntryError::BadDate => "date",
            EntryError::BadTime => "time",
            EntryError::BadId => "id",
            EntryError::NoteTooLong { .. } => "note",
        };
        (field, error.to_string())
    })
}

/// Undoes the quote `to_csv` puts before a cell a spreadsheet would run.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(GUARDED_STARTS) => rest,
        _ => cell,
    }
}

fn tag_list<T: Ord>(cell: &str, parse: impl Fn(&str) -> Option<T>) -> Result<BTreeSet<T>, String> {
    cell.split(';')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| parse(code).ok_or_else(|| format!("\"{code}\" is not one Village knows")))
        .collect()
}

/// Splits RFC 4180 text into rows of cells, each with the line it starts on.
fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, Vec<Fault>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut line = 1;
    let mut row_line = 1;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push(c);
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push((row_line, std::mem::take(&mut row)));
                line += 1;
                row_line = line;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(vec![Fault {
            at: Some(row_line),
            field: None,
            why: "a quoted cell is never closed".to_owned(),
        }]);
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push((row_line, row));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mood::entry::tests::{entry, tagged};

    fn sample() -> Vec<Entry> {
        let mut noted = entry("n", 2, 1).to_draft();
        noted.note = "Bad night, \"long\" one,\nthen =SUM(A1) joke".into();
        noted.feelings.insert(Feeling::Tired);
        noted.feelings.insert(Feeling::ScaryThoughts);
        vec![
            tagged("a", 1, 4, &[Context::GotOut, Context::SawFriend]),
            Entry::new(noted, NaiveDate::MAX).expect("valid"),
        ]
    }

    #[test]
    fn csv_and_json_read_back_to_the_same_entries() {
        assert_eq!(read(&to_csv(&sample())), Ok(sample()));
        assert_eq!(read(&to_json(&sample())), Ok(sample()));
    }

    #[test]
    fn csv_guards_cells_a_spreadsheet_would_run() {
        let csv = to_csv(&sample());
        assert!(
            csv.contains("\"Bad night, \"\"long\"\" one,\nthen =SUM(A1) joke\""),
            "{csv}"
        );
        let mut formula = entry("f", 3, 3).to_draft();
        formula.note = "=HYPERLINK(\"x\")".into();
        let one = vec![Entry::new(formula, NaiveDate::MAX).expect("valid")];
        let csv = to_csv(&one);
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
        assert_eq!(read(&csv), Ok(one));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_field() {
        let csv = "id,date,time,mood,mood_word,feelings,context,note\r\n\
                   a,2026-11-01,09:00,3,Okay,,,fine\r\n\
                   b,2026-13-01,09:00,3,Okay,,,\r\n\
                   c,2026-11-02,09:00,9,Okay,,,\r\n\
                   d,2026-11-02,09:00,2,Low,sleepy,,\r\n";
        let faults = read(csv).expect_err("three bad rows");
        let found: Vec<(Option<usize>, Option<&str>)> =
            faults.iter().map(|f| (f.at, f.field.as_deref())).collect();
        assert_eq!(
            found,
            vec![
                (Some(3), Some("date")),
                (Some(4), Some("mood")),
                (Some(5), Some("feelings"))
            ]
        );
        assert_eq!(
            faults[0].to_string(),
            "Row 3, date: \"2026-13-01\" is not a date like 2026-11-30"
        );
    }

    #[test]
    fn files_of_other_kinds_are_refused_plainly() {
        for other in [
            "{\"hello\": 1}",
            "{\"format\":\"village-mood-diary\",\"version\":3,\"entries\":[]}",
            "name,phone\nA,1\n",
            "\"open",
        ] {
            let faults = read(other).expect_err(other);
            assert_eq!(faults.len(), 1, "{other}");
        }
        assert!(read(&"x".repeat(MAX_FILE_BYTES + 1)).is_err());
    }

    #[test]
    fn an_empty_export_reads_back_empty() {
        assert_eq!(read(&to_csv(&[])), Ok(vec![]));
        assert_eq!(read(&to_json(&[])), Ok(vec![]));
    }

    #[test]
    fn about_me_and_saved_drafts_go_with_the_check_ins_and_come_back() {
        use crate::mood::about_me::Part;
        use crate::mood::say_it::Audience;
        let diary = DiaryFile {
            entries: sample(),
            about_me: Some(
                AboutMe::new([(Part::Helps, "A walk, \"quiet\"".to_owned())], 7).expect("card"),
            ),
            drafts: vec![SavedDraft::new(
                EntryId::parse("draft-1").expect("id"),
                Audience::Gp,
                NaiveDate::from_ymd_opt(2026, 12, 7).expect("day"),
                "I've been finding things hard.",
                8,
            )
            .expect("draft")],
        };
        assert_eq!(read_file(&to_json_file(&diary)), Ok(diary.clone()));
        // A version 1 file (check-ins only) is still read.
        let v1 = to_json(&sample()).replace("\"version\": 2", "\"version\": 1");
        assert!(v1.contains("\"version\": 1"));
        assert_eq!(read(&v1), Ok(sample()));
    }

    #[test]
    fn a_bad_draft_or_card_refuses_the_whole_file_and_says_where() {
        let good = to_json(&sample());
        let bad = good.replace(
            "\"drafts\": []",
            "\"drafts\": [{\"id\":\"d\",\"audience\":\"boss\",\"made_on\":\"2026-12-07\",\"text\":\"x\",\"saved_at\":1}]",
        );
        assert_ne!(bad, good);
        let faults = read_file(&bad).expect_err("bad audience");
        assert_eq!(faults.len(), 1);
        assert!(
            faults[0].to_string().starts_with("Row 1, drafts:"),
            "{}",
            faults[0]
        );
        let bad_card = good.replace(
            "\"about_me\": null",
            "\"about_me\": {\"answers\":{\"x\":\"y\"},\"saved_at\":1}",
        );
        assert_ne!(bad_card, good);
        let faults = read_file(&bad_card).expect_err("bad card");
        assert!(
            faults[0].to_string().starts_with("about_me:"),
            "{}",
            faults[0]
        );
    }
}
