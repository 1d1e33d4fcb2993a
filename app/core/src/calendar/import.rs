//! Term dates from a file: CSV with the header
//! `school_year,kind,name,start,end` (`kind` is `half_term`, `holiday`,
//! `inset_day` or `bank_holiday`; ISO dates, inclusive), or iCalendar
//! all-day events, such as a council's or a school trust's holidays feed or
//! GOV.UK's bank holidays. A bad row is named by its line and field; nothing
//! is half-read.
//!
//! What a file means is read from it, never assumed:
//! - bank holidays are known by name (Christmas Day, Good Friday, "Early May
//!   bank holiday"…) or by coming from GOV.UK's feed, and never make or
//!   replace a school year, so GOV.UK's file adds bank holidays and leaves
//!   an area's breaks alone;
//! - INSET and other staff days are their own kind ([`BreakKind::InsetDay`]);
//! - a file of term days (the days schools are open) is refused, saying so,
//!   rather than read as hundreds of one-day holidays;
//! - a school year is made only from at least [`MIN_BREAKS_FOR_A_YEAR`]
//!   breaks: a lone event is reported and left out.

use chrono::{Datelike, Duration, NaiveDate};
use std::{collections::BTreeMap, fmt};

use super::term::{
    BankHoliday, BreakKind, DateRange, SchoolYear, TermBreak, TermCalendar, YearTerms,
};

/// The biggest file an import reads.
pub const MAX_IMPORT_BYTES: usize = 1_000_000;
const MAX_NAME_CHARS: usize = 80;
/// The most days of half terms and holidays a school year can have: real
/// years have about 100 (weekends inside breaks counted; term's are not).
const MAX_BREAK_DAYS_A_YEAR: i64 = 200;

/// The fewest half terms and holidays that make (or replace) a school year.
pub const MIN_BREAKS_FOR_A_YEAR: usize = 2;

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
    /// A day schools are open: never imported.
    TermDay,
}

/// The term dates a file holds, by school year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedTerms {
    /// The school years the file makes or replaces, with their breaks and
    /// INSET days.
    pub years: Vec<YearTerms>,
    /// Added, or renamed, by date; they replace a year's bank holidays only
    /// when the file gives that year's breaks and bank holidays both.
    pub bank_holidays: Vec<(SchoolYear, BankHoliday)>,
    /// What the file held that is not imported, and why: shown before
    /// anything changes.
    pub left_out: Vec<String>,
}

impl ImportedTerms {
    /// Half terms and holidays (INSET days not counted).
    pub fn break_count(&self) -> usize {
        self.years
            .iter()
            .flat_map(|y| &y.breaks)
            .filter(|b| b.kind != BreakKind::InsetDay)
            .count()
    }

    /// INSET days, counted by the day (two days in a row are two).
    pub fn inset_day_count(&self) -> usize {
        self.years.iter().map(inset_days_in).sum()
    }

    /// The school years whose bank holidays this import replaces.
    pub fn replaces_bank_holidays_of(&self) -> Vec<SchoolYear> {
        self.years
            .iter()
            .map(|y| y.year)
            .filter(|year| self.bank_holidays.iter().any(|(y, _)| y == year))
            .collect()
    }

    /// What Village understood, a line a school year, before anything
    /// changes: "2026-27: 6 breaks, 8 bank holidays, 5 INSET days; replaces
    /// 6 breaks".
    pub fn understood(&self, existing: &[YearTerms]) -> Vec<String> {
        let mut lines = Vec::new();
        for year in &self.years {
            let breaks = year
                .breaks
                .iter()
                .filter(|b| b.kind != BreakKind::InsetDay)
                .count();
            let inset = inset_days_in(year);
            let bank = self
                .bank_holidays
                .iter()
                .filter(|(y, _)| *y == year.year)
                .count();
            let replaces = match existing.iter().find(|e| e.year == year.year) {
                Some(old) => {
                    let old_breaks = old
                        .breaks
                        .iter()
                        .filter(|b| b.kind != BreakKind::InsetDay)
                        .count();
                    let mut said = format!("replaces {}", counted(old_breaks, "break"));
                    let old_inset = inset_days_in(old);
                    if old_inset > 0 {
                        said.push_str(&format!(" and {}", counted(old_inset, "INSET day")));
                    }
                    if bank > 0 {
                        said.push_str(" and the year's bank holidays");
                    }
                    said
                }
                None => "a new school year".to_owned(),
            };
            lines.push(format!(
                "{}: {}, {}, {}; {replaces}.",
                year.year,
                counted(breaks, "break"),
                counted(bank, "bank holiday"),
                counted(inset, "INSET day"),
            ));
        }
        let others: Vec<&BankHoliday> = self
            .bank_holidays
            .iter()
            .filter(|(y, _)| !self.years.iter().any(|t| t.year == *y))
            .map(|(_, h)| h)
            .collect();
        if let (Some(first), Some(last)) = (
            others.iter().map(|h| h.date).min(),
            others.iter().map(|h| h.date).max(),
        ) {
            lines.push(format!(
                "{} from {first} to {last}, added by date; no breaks change.",
                counted(others.len(), "bank holiday"),
            ));
        }
        lines.extend(self.left_out.iter().cloned());
        lines
    }
}

fn inset_days_in(year: &YearTerms) -> usize {
    year.breaks
        .iter()
        .filter(|b| b.kind == BreakKind::InsetDay)
        .map(|b| usize::try_from(b.dates.days()).unwrap_or(0))
        .sum()
}

/// A short, stable fingerprint of some texts (FNV-1a, 64 bits, in hex), so
/// a confirmation can say which text it confirms. Not a secret.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// "1 break", "6 breaks".
fn counted(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// What an event's name says it is. GOV.UK's feed holds bank holidays
/// only; elsewhere the words decide, after any "Sheffield: " prefix.
fn kind_of(name: &str, all_bank_holidays: bool) -> RowKind {
    if all_bank_holidays {
        return RowKind::BankHoliday;
    }
    let lower = name.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let plain = lower.rsplit(": ").next().unwrap_or(&lower).trim();
    let plain = plain
        .strip_suffix("(substitute day)")
        .unwrap_or(plain)
        .trim();
    // GOV.UK's names for the UK's bank holidays, and its special ones.
    const BANK: [&str; 10] = [
        "christmas day",
        "boxing day",
        "new year's day",
        "good friday",
        "easter monday",
        "2nd january",
        "st andrew's day",
        "st patrick's day",
        "battle of the boyne (orangemen's day)",
        "battle of the boyne",
    ];
    const SPECIAL: [&str; 5] = [
        "jubilee",
        "coronation",
        "royal wedding",
        "state funeral",
        "millennium celebrations",
    ];
    const INSET: [&str; 7] = [
        "inset",
        "disaggregated day",
        "training day",
        "staff day",
        "staff development",
        "professional development",
        "teacher day",
    ];
    const TERM_DAY: [&str; 8] = [
        "term day",
        "term start",
        "term begin",
        "start of term",
        "term end",
        "end of term",
        "first day of term",
        "last day of term",
    ];
    let half_term = lower.contains("half term") || lower.contains("half-term");
    // "Autumn term", "Spring term 2", "School day": the days schools are
    // open, not a break (a "term holiday" or "half term" is a break).
    let names_a_term = (lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "term")
        && !half_term
        && !lower.contains("holiday")
        && !lower.contains("break"))
        || plain == "school day"
        || plain.starts_with("school day ");
    if (lower.contains("bank holiday") || lower.contains("bank-holiday") || BANK.contains(&plain))
        && !half_term
        || SPECIAL.iter().any(|w| plain.contains(w))
    {
        RowKind::BankHoliday
    } else if INSET.iter().any(|w| lower.contains(w)) {
        RowKind::Break(BreakKind::InsetDay)
    } else if TERM_DAY.iter().any(|w| lower.contains(w)) || names_a_term {
        RowKind::TermDay
    } else if half_term {
        RowKind::Break(BreakKind::HalfTerm)
    } else {
        RowKind::Break(BreakKind::Holiday)
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
    let (term_days, rows): (Vec<Row>, Vec<Row>) =
        rows.into_iter().partition(|r| r.kind == RowKind::TermDay);
    if let Some(first) = term_days.first() {
        if term_days.len() > rows.len() || rows.is_empty() {
            return Err(whole(format!(
                "This file lists {} when schools are open (such as {:?}), not the breaks between them, so nothing was imported. Import the school holidays file instead: it is often published beside the term dates, under a name like school_holidays.ics.",
                counted(term_days.len(), "day"),
                first.name
            )));
        }
    }
    let mut imported = assemble(rows, existing)?;
    if let Some(first) = term_days.first() {
        imported.left_out.push(format!(
            "Left out: {} that mark days of term, not breaks (such as {:?} on line {}).",
            counted(term_days.len(), "event"),
            first.name,
            first.line
        ));
    }
    Ok(imported)
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
            "inset_day" => RowKind::Break(BreakKind::InsetDay),
            "bank_holiday" => RowKind::BankHoliday,
            other => {
                return Err(at(
                    line,
                    "kind",
                    format!("{other:?} is not half_term, holiday, inset_day or bank_holiday."),
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
    let mut from_govuk = false;
    for (line, content) in lines {
        let (name_part, value) = content.split_once(':').unwrap_or((content.as_str(), ""));
        let property = name_part
            .split(';')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match (property.as_str(), &mut event) {
            // GOV.UK's bank-holiday feeds: "-//uk.gov/GOVUK calendars//EN".
            ("PRODID", None) => from_govuk = value.contains("//uk.gov/GOVUK calendars//"),
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
                let kind = match kind_of(&name, from_govuk) {
                    // "Christmas and bank holiday", over days: a break.
                    RowKind::BankHoliday if dates.days() > 1 && !from_govuk => {
                        RowKind::Break(BreakKind::Holiday)
                    }
                    kind => kind,
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
    let date = NaiveDate::parse_from_str(value, "%Y%m%d")
        .map_err(|_| format!("{value:?} is not a date."))?;
    if !(1990..=2200).contains(&date.year()) {
        return Err(format!(
            "{value:?} is outside the years term dates can have (1990 to 2200)."
        ));
    }
    Ok(date)
}

/// The dates a school year's rows may use: 1 August to 30 September a year later.
fn plausible(year: SchoolYear) -> Result<(NaiveDate, NaiveDate), ImportError> {
    let earliest = NaiveDate::from_ymd_opt(year.starts_in(), 8, 1);
    let latest = NaiveDate::from_ymd_opt(year.starts_in() + 1, 9, 30);
    earliest
        .zip(latest)
        .ok_or_else(|| whole(format!("The school year {year} is out of range.")))
}

/// Puts rows into school years: a year keeps the start it already has, or
/// starts on 1 September, moved earlier for a break before it; it ends
/// with its summer holiday when the file gives one, or on 31 August (or
/// the end it has), moved later for a break after it. A year with fewer
/// than [`MIN_BREAKS_FOR_A_YEAR`] half terms and holidays is left out.
fn assemble(rows: Vec<Row>, existing: &[YearTerms]) -> Result<ImportedTerms, ImportError> {
    let mut by_year: BTreeMap<SchoolYear, Vec<TermBreak>> = BTreeMap::new();
    let mut bank_holidays: Vec<(SchoolYear, BankHoliday)> = Vec::new();
    let mut bank_lines: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for row in rows {
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
        match row.kind {
            RowKind::Break(kind) => by_year.entry(row.year).or_default().push(TermBreak {
                name: row.name,
                kind,
                dates: row.dates,
            }),
            RowKind::BankHoliday => {
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
                if row.dates.days() != 1 {
                    return Err(at(
                        row.line,
                        "end",
                        "a bank holiday is one day: its start and end are the same date.",
                    ));
                }
                bank_holidays.push((
                    row.year,
                    BankHoliday {
                        date: row.dates.first(),
                        name: row.name,
                    },
                ));
            }
            RowKind::TermDay => {}
        }
    }
    let mut years = Vec::new();
    let mut left_out = Vec::new();
    for (year, mut breaks) in by_year {
        breaks.sort_by_key(|b| b.dates.first());
        // A break split in two (a summer holiday cut at 1 August) is one.
        let mut joined: Vec<TermBreak> = Vec::new();
        for b in breaks {
            match joined.last_mut() {
                Some(last)
                    if last.kind == b.kind
                        && last.name == b.name
                        && last.dates.last() + Duration::days(1) == b.dates.first() =>
                {
                    last.dates = DateRange::new(last.dates.first(), b.dates.last())
                        .map_err(|e| whole(e.to_string()))?;
                }
                _ => joined.push(b),
            }
        }
        let breaks = joined;
        let real = breaks
            .iter()
            .filter(|b| b.kind != BreakKind::InsetDay)
            .count();
        if real < MIN_BREAKS_FOR_A_YEAR {
            let held: Vec<String> = breaks
                .iter()
                .map(|b| format!("{} ({} to {})", b.name, b.dates.first(), b.dates.last()))
                .collect();
            left_out.push(format!(
                "Left out: the file has too little of {year} to make a school year ({}); at least {MIN_BREAKS_FOR_A_YEAR} half terms or holidays are needed.",
                held.join(", ")
            ));
            continue;
        }
        let usual = year
            .usual_dates()
            .ok_or_else(|| whole(format!("The school year {year} is out of range.")))?;
        let known = existing.iter().find(|y| y.year == year).map(|y| y.dates);
        let base = known.unwrap_or(usual);
        let first = breaks
            .iter()
            .map(|b| b.dates.first())
            .fold(base.first(), NaiveDate::min);
        let summer_ends = breaks
            .iter()
            .filter(|b| {
                b.kind == BreakKind::Holiday
                    && b.dates.first().year() == year.starts_in() + 1
                    && matches!(b.dates.first().month(), 7 | 8)
            })
            .map(|b| b.dates.last())
            .max();
        let last = breaks
            .iter()
            .map(|b| b.dates.last())
            .fold(summer_ends.unwrap_or(base.last()), NaiveDate::max);
        let dates = DateRange::new(first, last).map_err(|e| whole(e.to_string()))?;
        // A year of school is about 190 days; breaks over most of a year
        // are terms read as breaks.
        let break_days: i64 = breaks
            .iter()
            .filter(|b| b.kind != BreakKind::InsetDay)
            .map(|b| b.dates.days())
            .sum();
        if break_days > MAX_BREAK_DAYS_A_YEAR {
            return Err(whole(format!(
                "In {year} the breaks cover {break_days} days, more than a school year has: the file's events look like terms, not the breaks between them, so nothing was imported. Import the school holidays file instead."
            )));
        }
        years.push(YearTerms {
            year,
            dates,
            breaks,
        });
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
        left_out,
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
            .starts_with("This file lists 1 day when schools are open (such as \"Autumn term starts\"), not the breaks"));
        let bad = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261024T090000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert!(parse(bad, &[])
            .expect_err("timed")
            .to_string()
            .starts_with("line 3, field DTSTART"));
    }

    fn event(start: &str, end: &str, summary: &str) -> String {
        format!("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\n")
    }

    fn calendar(prodid: &str, events: &[String]) -> String {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{prodid}\r\n{}END:VCALENDAR\r\n",
            events.concat()
        )
    }

    #[test]
    fn bank_holidays_are_known_by_name_and_never_make_a_year() {
        let events = [
            event("20261225", "20261226", "Christmas Day"),
            event("20261228", "20261229", "Boxing Day (substitute day)"),
            event("20270101", "20270102", "New Year\u{2019}s Day"),
            event("20270326", "20270327", "Good Friday"),
            event("20270329", "20270330", "Easter Monday"),
            event("20270503", "20270504", "Early May bank holiday"),
            event(
                "20220919",
                "20220920",
                "Bank Holiday for the State Funeral of Queen Elizabeth II",
            ),
            event(
                "20230508",
                "20230509",
                "Bank holiday for the coronation of King Charles III",
            ),
        ];
        let imported = parse(&calendar("-//a school//EN", &events), &[]).expect("imports");
        assert!(imported.years.is_empty(), "bank holidays make no year");
        assert_eq!(imported.bank_holidays.len(), 8);
        assert!(imported.replaces_bank_holidays_of().is_empty());
        assert_eq!(
            imported.understood(&[]),
            ["8 bank holidays from 2022-09-19 to 2027-05-03, added by date; no breaks change."]
        );
        // GOV.UK's feed holds bank holidays only, whatever their names.
        let govuk = calendar(
            "-//uk.gov/GOVUK calendars//EN",
            &[event(
                "20120604",
                "20120605",
                "Queen\u{2019}s Diamond Jubilee",
            )],
        );
        assert_eq!(parse(&govuk, &[]).expect("imports").bank_holidays.len(), 1);
        // Holidays named like bank holidays are still holidays.
        let christmas = calendar(
            "-//a school//EN",
            &[
                event("20261219", "20270105", "Sheffield: Christmas holiday"),
                event("20261024", "20261102", "Sheffield: School holiday"),
            ],
        );
        let imported = parse(&christmas, &[]).expect("imports");
        assert_eq!(imported.break_count(), 2);
        assert!(imported.bank_holidays.is_empty());
    }

    #[test]
    fn inset_days_are_their_own_kind_and_a_split_summer_is_one_break() {
        let events = [
            event("20260901", "20260903", "SUTC: INSET day"),
            event("20261022", "20261023", "SUTC: Disaggregated Day"),
            event("20261024", "20261102", "SUTC: School holiday"),
            event("20270722", "20270801", "SUTC: Summer holiday"),
            event("20270801", "20270901", "SUTC: Summer holiday"),
        ];
        let imported = parse(&calendar("-//a trust//EN", &events), &[]).expect("imports");
        let year = &imported.years[0];
        assert_eq!(year.year.to_string(), "2026-27");
        let kinds: Vec<BreakKind> = year.breaks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BreakKind::InsetDay,
                BreakKind::InsetDay,
                BreakKind::Holiday,
                BreakKind::Holiday
            ]
        );
        assert_eq!(year.breaks[3].dates.first(), d(2027, 7, 22));
        assert_eq!(year.breaks[3].dates.last(), d(2027, 8, 31));
        assert_eq!(
            year.dates.last(),
            d(2027, 8, 31),
            "the year ends with its summer"
        );
        assert_eq!((imported.break_count(), imported.inset_day_count()), (2, 3));
        assert_eq!(
            imported.understood(&[]),
            ["2026-27: 2 breaks, 0 bank holidays, 3 INSET days; a new school year."]
        );
    }

    #[test]
    fn a_lone_event_makes_no_year_and_a_year_ends_with_its_summer() {
        let events = [
            // The end of a summer whose year the file does not hold.
            event("20260801", "20260901", "Summer holiday"),
            event("20261024", "20261102", "October half term"),
            event("20261219", "20270105", "Christmas holiday"),
            // The file stops at 31 July: August is not known, not term.
            event("20270722", "20270801", "Summer holiday"),
        ];
        let imported = parse(&calendar("-//x//EN", &events), &[]).expect("imports");
        assert_eq!(imported.years.len(), 1);
        assert_eq!(imported.years[0].year.to_string(), "2026-27");
        assert_eq!(imported.years[0].dates.last(), d(2027, 7, 31));
        assert_eq!(imported.left_out.len(), 1);
        assert!(
            imported.left_out[0].starts_with("Left out: the file has too little of 2025-26"),
            "{:?}",
            imported.left_out
        );
        let existing = parse(GOOD, &[]).expect("imports").years;
        let lines = imported.understood(&existing);
        assert_eq!(
            lines[0],
            "2026-27: 3 breaks, 0 bank holidays, 0 INSET days; replaces 3 breaks."
        );
    }

    #[test]
    fn a_file_of_term_days_is_refused_saying_what_it_is() {
        let days: Vec<String> = (1..=20)
            .map(|day| {
                event(
                    &format!("202609{day:02}"),
                    &format!("202609{:02}", day + 1),
                    "Sheffield: Term day (Week 1)",
                )
            })
            .collect();
        let error = parse(&calendar("-//x//EN", &days), &[]).expect_err("term days");
        assert!(
            error
                .to_string()
                .starts_with("This file lists 20 days when schools are open"),
            "{error}"
        );
        // A few term markers in a holidays file are left out, and said.
        let mixed = [
            event("20260903", "20260904", "First day of term"),
            event("20261024", "20261102", "October half term"),
            event("20261219", "20270105", "Christmas holiday"),
        ];
        let imported = parse(&calendar("-//x//EN", &mixed), &[]).expect("imports");
        assert_eq!(imported.break_count(), 2);
        assert!(imported.left_out[0].contains("\"First day of term\""));
    }

    #[test]
    fn terms_named_as_terms_are_not_read_as_breaks() {
        let terms = [
            event("20260901", "20261024", "Autumn term"),
            event("20261102", "20261219", "Autumn term 2"),
            event("20270104", "20270213", "Spring term"),
        ];
        let error = parse(&calendar("-//x//EN", &terms), &[]).expect_err("terms");
        assert!(
            error
                .to_string()
                .starts_with("This file lists 3 days when schools are open"),
            "{error}"
        );
        // Breaks that cover most of a year are terms, whatever their names.
        let long = [
            event("20260901", "20261220", "Autumn"),
            event("20270104", "20270410", "Spring"),
        ];
        let error = parse(&calendar("-//x//EN", &long), &[]).expect_err("too long");
        assert!(error.to_string().contains("look like terms"), "{error}");
    }

    #[test]
    fn a_break_named_with_a_bank_holiday_is_a_break_and_odd_years_are_refused() {
        let events = [
            event("20261219", "20270105", "Christmas and bank holidays"),
            event("20261024", "20261102", "October half term and bank holiday"),
        ];
        let imported = parse(&calendar("-//x//EN", &events), &[]).expect("imports");
        assert_eq!(imported.break_count(), 2);
        assert_eq!(imported.years[0].breaks[0].kind, BreakKind::HalfTerm);
        assert!(imported.bank_holidays.is_empty());
        let odd = calendar(
            "-//x//EN",
            &[event("00001225", "00001226", "Christmas Day")],
        );
        assert!(parse(&odd, &[])
            .expect_err("year 0")
            .to_string()
            .contains("outside the years term dates can have"));
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
