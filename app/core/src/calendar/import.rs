//! Term dates from a file: CSV with the header
//! `school_year,kind,name,start,end` (`kind` is `half_term`, `holiday` or
//! `bank_holiday`; ISO dates, inclusive), or iCalendar all-day events. A bad
//! row is named by its line and field; nothing is half-read.

use chrono::{Datelike, Duration, NaiveDate};
use std::{collections::BTreeMap, fmt};

use super::term::{
    BankHoliday, BreakKind, DateRange, SchoolYear, TermBreak, TermCalendar, YearTerms,
};

/// The biggest file an import reads.
pub const MAX_IMPORT_BYTES: usize = 1_000_000;
const MAX_NAME_CHARS: usize = 80;

/// What went wrong, and where: shown to the person running the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub line: Option<usize>,
    pub field: Option<&'static str>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.field) {
            (Some(line), Some(field)) => write!(f, "line {line}, field {field}: {}", self.message),
            (Some(line), None) => write!(f, "line {line}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ImportError {}

fn at(line: usize, field: &'static str, message: impl Into<String>) -> ImportError {
    ImportError {
        line: Some(line),
        field: Some(field),
        message: message.into(),
    }
}

fn whole(message: impl Into<String>) -> ImportError {
    ImportError {
        line: None,
        field: None,
        message: message.into(),
    }
}

/// One row, read but not yet put into years.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    line: usize,
    year: SchoolYear,
    kind: RowKind,
    name: String,
    dates: DateRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowKind {
    Break(BreakKind),
    BankHoliday,
}

/// The term dates a file holds, by school year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedTerms {
    pub years: Vec<YearTerms>,
    pub bank_holidays: Vec<(SchoolYear, BankHoliday)>,
}

impl ImportedTerms {
    pub fn break_count(&self) -> usize {
        self.years.iter().map(|y| y.breaks.len()).sum()
    }
}

/// Reads a file, CSV or iCalendar (told apart by its first line), and
/// checks the result against the area's other school years (`existing`).
pub fn parse(text: &str, existing: &[YearTerms]) -> Result<ImportedTerms, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(whole(format!(
            "The file is too big: at most {MAX_IMPORT_BYTES} bytes."
        )));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = if text.trim_start().starts_with("BEGIN:VCALENDAR") {
        ics_rows(text)?
    } else {
        csv_rows(text)?
    };
    if rows.is_empty() {
        return Err(whole("The file has no term dates in it."));
    }
    assemble(rows, existing)
}

fn csv_rows(text: &str) -> Result<Vec<Row>, ImportError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    let Some((_, header)) = lines.next() else {
        return Err(whole("The file is empty."));
    };
    let header: Vec<String> = split_csv(header, 1)?
        .into_iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    if header != ["school_year", "kind", "name", "start", "end"] {
        return Err(ImportError {
            line: Some(1),
            field: None,
            message: "The first line must be the header school_year,kind,name,start,end."
                .to_owned(),
        });
    }
    let mut rows = Vec::new();
    for (line, raw) in lines {
        if raw.trim().is_empty() {
            continue;
        }
        let fields = split_csv(raw, line)?;
        if fields.len() != 5 {
            return Err(ImportError {
                line: Some(line),
                field: None,
                message: format!(
                    "expected 5 fields (school_year,kind,name,start,end), found {}.",
                    fields.len()
                ),
            });
        }
        let year =
            SchoolYear::parse(&fields[0]).map_err(|e| at(line, "school_year", e.to_string()))?;
        let kind = match fields[1].trim() {
            "half_term" => RowKind::Break(BreakKind::HalfTerm),
            "holiday" => RowKind::Break(BreakKind::Holiday),
            "bank_holiday" => RowKind::BankHoliday,
            other => {
                return Err(at(
                    line,
                    "kind",
                    format!("{other:?} is not half_term, holiday or bank_holiday."),
                ))
            }
        };
        let name = checked_name(&fields[2]).map_err(|m| at(line, "name", m))?;
        let start = date(&fields[3]).map_err(|m| at(line, "start", m))?;
        let end = date(&fields[4]).map_err(|m| at(line, "end", m))?;
        let dates = DateRange::new(start, end).map_err(|e| at(line, "end", e.to_string()))?;
        rows.push(Row {
            line,
            year,
            kind,
            name,
            dates,
        });
    }
    Ok(rows)
}

/// Splits one CSV line, with `"quoted, fields"` and `""` for a quote.
fn split_csv(line: &str, number: usize) -> Result<Vec<String>, ImportError> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if current.trim().is_empty() => {
                current.clear();
                quoted = true;
            }
            (',', false) => fields.push(std::mem::take(&mut current)),
            (c, _) => current.push(c),
        }
    }
    if quoted {
        return Err(ImportError {
            line: Some(number),
            field: None,
            message: "a quoted field is not closed.".to_owned(),
        });
    }
    fields.push(current);
    Ok(fields)
}

fn checked_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        Err("a name is needed, such as \"October half term\".".to_owned())
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(format!(
            "the name can have at most {MAX_NAME_CHARS} characters."
        ))
    } else {
        Ok(name.to_owned())
    }
}

fn date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{:?} is not a date: write it as YYYY-MM-DD.", raw.trim()))
}

/// All-day events: DTSTART and DTEND as dates (DTEND is the day after, as
/// RFC 5545 says), SUMMARY the name. The kind comes from the name ("half
/// term", "bank holiday") and the school year from the start date.
fn ics_rows(text: &str) -> Result<Vec<Row>, ImportError> {
    // Unfold, keeping each logical line's first physical line number.
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        match (
            raw.strip_prefix(' ').or_else(|| raw.strip_prefix('\t')),
            lines.last_mut(),
        ) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ => lines.push((index + 1, raw.to_owned())),
        }
    }
    let mut rows = Vec::new();
    let mut event: Option<OpenEvent> = None;
    for (line, content) in lines {
        let (name_part, value) = content.split_once(':').unwrap_or((content.as_str(), ""));
        let property = name_part
            .split(';')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match (property.as_str(), &mut event) {
            ("BEGIN", None) if value == "VEVENT" => {
                event = Some(OpenEvent {
                    begin: line,
                    start: None,
                    end: None,
                    summary: None,
                })
            }
            ("DTSTART", Some(e)) => {
                e.start = Some(ics_date(value).map_err(|m| at(line, "DTSTART", m))?)
            }
            ("DTEND", Some(e)) => e.end = Some(ics_date(value).map_err(|m| at(line, "DTEND", m))?),
            ("SUMMARY", Some(e)) => {
                e.summary = Some(
                    value
                        .replace("\\,", ",")
                        .replace("\\;", ";")
                        .replace("\\n", " "),
                )
            }
            ("END", Some(_)) if value == "VEVENT" => {
                let Some(OpenEvent {
                    begin,
                    start,
                    end,
                    summary,
                }) = event.take()
                else {
                    continue;
                };
                let start =
                    start.ok_or_else(|| at(begin, "DTSTART", "the event has no start date."))?;
                let last = match end {
                    Some(end) => end - Duration::days(1),
                    None => start,
                };
                let dates =
                    DateRange::new(start, last).map_err(|e| at(begin, "DTEND", e.to_string()))?;
                let name = checked_name(summary.as_deref().unwrap_or_default())
                    .map_err(|m| at(begin, "SUMMARY", m))?;
                let lower = name.to_lowercase();
                let term_day = [
                    "term start",
                    "term begin",
                    "start of term",
                    "term end",
                    "end of term",
                    "first day of term",
                    "last day of term",
                ];
                if term_day.iter().any(|words| lower.contains(words)) {
                    return Err(at(begin, "SUMMARY", format!("{name:?} looks like a day of term, not a break: only half terms, holidays and bank holidays can be imported.")));
                }
                let kind = if lower.contains("bank holiday") || lower.contains("bank-holiday") {
                    RowKind::BankHoliday
                } else if lower.contains("half term") || lower.contains("half-term") {
                    RowKind::Break(BreakKind::HalfTerm)
                } else {
                    RowKind::Break(BreakKind::Holiday)
                };
                let starts_in = if start.month() >= 9 {
                    start.year()
                } else {
                    start.year() - 1
                };
                rows.push(Row {
                    line: begin,
                    year: SchoolYear::of_start(starts_in),
                    kind,
                    name,
                    dates,
                });
            }
            _ => {}
        }
    }
    if event.is_some() {
        return Err(whole("An event is not closed with END:VEVENT."));
    }
    Ok(rows)
}

/// A VEVENT being read.
struct OpenEvent {
    begin: usize,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    summary: Option<String>,
}

fn ics_date(value: &str) -> Result<NaiveDate, String> {
    let value = value.trim();
    if value.len() != 8 {
        return Err(format!("{value:?} is not an all-day date (YYYYMMDD)."));
    }
    NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| format!("{value:?} is not a date."))
}

/// The dates a school year's rows may use: 1 August to 30 September a year later.
fn plausible(year: SchoolYear) -> Result<(NaiveDate, NaiveDate), ImportError> {
    let earliest = NaiveDate::from_ymd_opt(year.starts_in(), 8, 1);
    let latest = NaiveDate::from_ymd_opt(year.starts_in() + 1, 9, 30);
    earliest
        .zip(latest)
        .ok_or_else(|| whole(format!("The school year {year} is out of range.")))
}

/// Puts rows into school years: a year keeps the dates it already has, or
/// covers 1 September to 31 August, stretched to hold its breaks.
fn assemble(rows: Vec<Row>, existing: &[YearTerms]) -> Result<ImportedTerms, ImportError> {
    let mut by_year: BTreeMap<SchoolYear, (Vec<TermBreak>, Vec<BankHoliday>)> = BTreeMap::new();
    let mut lines_of: BTreeMap<SchoolYear, usize> = BTreeMap::new();
    let mut bank_lines: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for row in rows {
        lines_of.entry(row.year).or_insert(row.line);
        let (earliest, latest) = plausible(row.year)?;
        if row.dates.first() < earliest {
            return Err(at(
                row.line,
                "start",
                format!(
                    "{} is too early for the school year {}: its dates run from {} to {}.",
                    row.dates.first(),
                    row.year,
                    earliest,
                    latest
                ),
            ));
        }
        if row.dates.last() > latest {
            return Err(at(
                row.line,
                "end",
                format!(
                    "{} is too late for the school year {}: its dates run from {} to {}.",
                    row.dates.last(),
                    row.year,
                    earliest,
                    latest
                ),
            ));
        }
        if row.kind == RowKind::BankHoliday {
            if let Some(first) = bank_lines.insert(row.dates.first(), row.line) {
                return Err(at(
                    row.line,
                    "start",
                    format!(
                        "the bank holiday on {} is already on line {first}.",
                        row.dates.first()
                    ),
                ));
            }
        }
        let entry = by_year.entry(row.year).or_default();
        match row.kind {
            RowKind::Break(kind) => entry.0.push(TermBreak {
                name: row.name,
                kind,
                dates: row.dates,
            }),
            RowKind::BankHoliday => {
                if row.dates.days() != 1 {
                    return Err(at(
                        row.line,
                        "end",
                        "a bank holiday is one day: its start and end are the same date.",
                    ));
                }
                entry.1.push(BankHoliday {
                    date: row.dates.first(),
                    name: row.name,
                });
            }
        }
    }
    let mut years = Vec::new();
    let mut bank_holidays = Vec::new();
    for (year, (breaks, holidays)) in by_year {
        let usual = year
            .usual_dates()
            .ok_or_else(|| whole(format!("The school year {year} is out of range.")))?;
        let known = existing.iter().find(|y| y.year == year).map(|y| y.dates);
        let base = known.unwrap_or(usual);
        let first = breaks
            .iter()
            .map(|b| b.dates.first())
            .chain(holidays.iter().map(|h| h.date))
            .fold(base.first(), NaiveDate::min);
        let last = breaks
            .iter()
            .map(|b| b.dates.last())
            .chain(holidays.iter().map(|h| h.date))
            .fold(base.last(), NaiveDate::max);
        let dates = DateRange::new(first, last).map_err(|e| whole(e.to_string()))?;
        years.push(YearTerms {
            year,
            dates,
            breaks,
        });
        bank_holidays.extend(holidays.into_iter().map(|h| (year, h)));
    }
    // A summer that runs into September pushes the next year's start on.
    let others: Vec<&YearTerms> = existing
        .iter()
        .filter(|e| !years.iter().any(|y| y.year == e.year))
        .collect();
    for index in 0..years.len() {
        let year = years[index].year;
        let previous_end = others
            .iter()
            .map(|y| (y.year, y.dates.last()))
            .chain(years[..index].iter().map(|y| (y.year, y.dates.last())))
            .filter(|(y, _)| y.starts_in() == year.starts_in() - 1)
            .map(|(_, last)| last)
            .max();
        let current = &mut years[index];
        if let Some(previous_end) = previous_end {
            let earliest_break = current.breaks.iter().map(|b| b.dates.first()).min();
            let day_after = previous_end + Duration::days(1);
            if current.dates.first() <= previous_end
                && earliest_break.is_none_or(|b| b >= day_after)
            {
                current.dates = DateRange::new(day_after, current.dates.last())
                    .map_err(|e| whole(e.to_string()))?;
            }
        }
    }
    // The whole calendar, the other years included, must make sense.
    let mut all: Vec<YearTerms> = others.into_iter().cloned().collect();
    all.extend(years.iter().cloned());
    TermCalendar::new(all, bank_holidays.iter().map(|(_, h)| h.clone()).collect()).map_err(
        |e| ImportError {
            line: None,
            field: None,
            message: e.to_string(),
        },
    )?;
    Ok(ImportedTerms {
        years,
        bank_holidays,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::term::tests::date as d;

    const GOOD: &str = "school_year,kind,name,start,end\n\
        2026-27,half_term,October half term,2026-10-24,2026-11-01\n\
        2026-27,holiday,\"Christmas holidays, 2026\",2026-12-19,2027-01-04\n\
        2026-27,bank_holiday,Christmas Day,2026-12-25,2026-12-25\n\
        \n\
        2026-27,holiday,Summer holidays,2027-07-22,2027-09-01\n";

    #[test]
    fn a_good_csv_becomes_a_school_year() {
        let imported = parse(GOOD, &[]).expect("imports");
        assert_eq!(imported.years.len(), 1);
        let year = &imported.years[0];
        assert_eq!(year.year.to_string(), "2026-27");
        assert_eq!(year.dates.first(), d(2026, 9, 1));
        assert_eq!(
            year.dates.last(),
            d(2027, 9, 1),
            "stretched to hold the summer"
        );
        assert_eq!(year.breaks[1].name, "Christmas holidays, 2026");
        assert_eq!(imported.bank_holidays.len(), 1);
        assert_eq!(imported.break_count(), 3);
    }

    #[test]
    fn a_year_keeps_the_dates_it_has() {
        let existing = parse(GOOD, &[]).expect("imports").years;
        let mut kept = existing[0].clone();
        kept.dates = DateRange::new(d(2026, 9, 3), d(2027, 9, 1)).expect("ordered");
        let again = parse(GOOD, &[kept]).expect("imports");
        assert_eq!(again.years[0].dates.first(), d(2026, 9, 3));
    }

    #[test]
    fn a_bad_row_names_its_line_and_field() {
        let cases = [
            (
                "2026-27,half_term,Half term,2026-13-01,2026-10-30",
                "line 2, field start: \"2026-13-01\" is not a date",
            ),
            (
                "2026-27,half_term,Half term,2026-10-30,2026-10-24",
                "line 2, field end:",
            ),
            (
                "2026-28,half_term,Half term,2026-10-24,2026-10-30",
                "line 2, field school_year:",
            ),
            (
                "2026-27,long_weekend,Half term,2026-10-24,2026-10-30",
                "line 2, field kind: \"long_weekend\" is not",
            ),
            (
                "2026-27,half_term,,2026-10-24,2026-10-30",
                "line 2, field name: a name is needed",
            ),
            (
                "2026-27,half_term,Half term,2026-10-24",
                "line 2: expected 5 fields",
            ),
            (
                "2026-27,bank_holiday,Two days,2026-12-25,2026-12-26",
                "line 2, field end: a bank holiday is one day",
            ),
            (
                "2026-27,half_term,\"Half term,2026-10-24,2026-10-30",
                "line 2: a quoted field is not closed",
            ),
        ];
        for (row, expected) in cases {
            let text = format!("school_year,kind,name,start,end\n{row}\n");
            let error = parse(&text, &[]).expect_err(row).to_string();
            assert!(error.starts_with(expected), "{row}: {error}");
        }
        let early =
            "school_year,kind,name,start,end\n2026-27,half_term,Half term,2025-10-24,2025-10-30\n";
        assert!(parse(early, &[])
            .expect_err("early")
            .to_string()
            .starts_with("line 2, field start: 2025-10-24 is too early"));
        let twice = "school_year,kind,name,start,end\n2026-27,bank_holiday,A,2026-12-25,2026-12-25\n2026-27,bank_holiday,B,2026-12-25,2026-12-25\n";
        assert_eq!(
            parse(twice, &[]).expect_err("twice").to_string(),
            "line 3, field start: the bank holiday on 2026-12-25 is already on line 2."
        );
        let error = parse("year,kind,name,start,end\n", &[]).expect_err("bad header");
        assert_eq!(error.line, Some(1));
        let overlap = "school_year,kind,name,start,end\n2026-27,half_term,A,2026-10-24,2026-11-01\n2026-27,holiday,B,2026-11-01,2026-11-03\n";
        assert!(parse(overlap, &[])
            .expect_err("overlap")
            .to_string()
            .contains("overlap"));
        assert!(
            parse("school_year,kind,name,start,end\n", &[]).is_err(),
            "no rows"
        );
    }

    #[test]
    fn all_day_events_from_icalendar() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261024\r\nDTEND;VALUE=DATE:20261102\r\nSUMMARY:October half\r\n  term\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270503\r\nDTEND;VALUE=DATE:20270504\r\nSUMMARY:Early May bank holiday\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270722\r\nDTEND;VALUE=DATE:20270902\r\nSUMMARY:Summer holidays\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let imported = parse(ics, &[]).expect("imports");
        let year = &imported.years[0];
        assert_eq!(year.breaks[0].name, "October half term");
        assert_eq!(year.breaks[0].kind, BreakKind::HalfTerm);
        assert_eq!(
            year.breaks[0].dates.last(),
            d(2026, 11, 1),
            "DTEND is the day after"
        );
        assert_eq!(year.breaks[1].kind, BreakKind::Holiday);
        assert_eq!(imported.bank_holidays[0].1.date, d(2027, 5, 3));
        let term = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260903\r\nSUMMARY:Autumn term starts\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert!(parse(term, &[])
            .expect_err("term day")
            .to_string()
            .starts_with("line 2, field SUMMARY: \"Autumn term starts\" looks like a day of term"));
        let bad = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261024T090000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert!(parse(bad, &[])
            .expect_err("timed")
            .to_string()
            .starts_with("line 3, field DTSTART"));
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        /// A field as a council's file might hold it, or nonsense.
        fn field() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("2026-27".to_owned()),
                Just("half_term".to_owned()),
                Just("holiday".to_owned()),
                Just("bank_holiday".to_owned()),
                Just("2026-10-24".to_owned()),
                Just("2027-02-30".to_owned()),
                Just("\"quoted, with a comma\"".to_owned()),
                Just("\"unclosed".to_owned()),
                "\\PC{0,20}",
                "[0-9-]{0,12}",
            ]
        }

        fn csv() -> impl Strategy<Value = String> {
            prop::collection::vec(prop::collection::vec(field(), 0..7), 0..12).prop_map(|rows| {
                let mut text = "school_year,kind,name,start,end\n".to_owned();
                for row in rows {
                    text.push_str(&row.join(","));
                    text.push('\n');
                }
                text
            })
        }

        fn ics() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                Just("BEGIN:VEVENT".to_owned()),
                Just("END:VEVENT".to_owned()),
                "DTSTART;VALUE=DATE:[0-9]{0,9}",
                "DTEND;VALUE=DATE:[0-9]{0,9}",
                "DTSTART:[0-9T]{0,16}",
                "SUMMARY:\\PC{0,30}",
                " \\PC{0,10}",
                "\\PC{0,30}",
            ];
            prop::collection::vec(line, 0..30).prop_map(|lines| {
                format!(
                    "BEGIN:VCALENDAR\r\n{}\r\nEND:VCALENDAR\r\n",
                    lines.join("\r\n")
                )
            })
        }

        proptest! {
            // `make fuzz` runs many more.
            #![proptest_config(ProptestConfig::with_cases(
                std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
            ))]

            #[test]
            fn any_text_is_read_or_refused_without_a_panic(text in "\\PC{0,400}") {
                let _ = parse(&text, &[]);
            }

            #[test]
            fn csv_shaped_files_are_read_or_refused_naming_a_line(text in csv()) {
                match parse(&text, &[]) {
                    Ok(imported) => {
                        for year in &imported.years {
                            for b in &year.breaks {
                                prop_assert!(b.dates.first() <= b.dates.last());
                            }
                        }
                    }
                    Err(err) => prop_assert!(!err.message.is_empty()),
                }
            }

            #[test]
            fn icalendar_shaped_files_are_read_or_refused_without_a_panic(text in ics()) {
                if let Err(err) = parse(&text, &[]) {
                    prop_assert!(!err.message.is_empty());
                }
            }
        }
    }
}
