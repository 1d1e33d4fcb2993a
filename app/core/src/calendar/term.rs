//! Term calendars: an area's school years, the breaks in them (half terms and
//! holidays, weekends included) and its bank holidays. Term time is the rest
//! of a school year; a date no school year covers is not known.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, fmt};

/// Days from `first` to `last`, both included (read back from JSON through
/// [`DateRange::new`] too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "UncheckedRange")]
pub struct DateRange {
    first: NaiveDate,
    last: NaiveDate,
}

#[derive(Deserialize)]
struct UncheckedRange {
    first: NaiveDate,
    last: NaiveDate,
}

impl TryFrom<UncheckedRange> for DateRange {
    type Error = TermError;
    fn try_from(range: UncheckedRange) -> Result<Self, Self::Error> {
        Self::new(range.first, range.last)
    }
}

impl DateRange {
    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<Self, TermError> {
        if last < first {
            return Err(TermError::EndsBeforeItStarts { first, last });
        }
        Ok(Self { first, last })
    }

    pub fn first(&self) -> NaiveDate {
        self.first
    }

    pub fn last(&self) -> NaiveDate {
        self.last
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
}

/// A school year such as `2026-27`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SchoolYear {
    starts_in: i32,
}

impl SchoolYear {
    /// Reads `2026-27` or `2026-2027`.
    pub fn parse(input: &str) -> Result<Self, TermError> {
        let bad = || TermError::BadSchoolYear(input.to_owned());
        let (first, second) = input.trim().split_once('-').ok_or_else(bad)?;
        let starts_in: i32 = first.parse().map_err(|_| bad())?;
        if first.len() != 4 || !(1990..=2200).contains(&starts_in) {
            return Err(bad());
        }
        let ends_in = match second.len() {
            2 => {
                let yy: i32 = second.parse().map_err(|_| bad())?;
                let same_century = starts_in - starts_in % 100 + yy;
                if same_century <= starts_in {
                    same_century + 100
                } else {
                    same_century
                }
            }
            4 => second.parse::<i32>().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        if ends_in != starts_in + 1 {
            return Err(bad());
        }
        Ok(Self { starts_in })
    }

    pub fn of_start(starts_in: i32) -> Self {
        Self { starts_in }
    }

    pub fn starts_in(&self) -> i32 {
        self.starts_in
    }

    /// 1 September to 31 August: what a year covers until its own dates say otherwise.
    pub fn usual_dates(&self) -> Option<DateRange> {
        let first = NaiveDate::from_ymd_opt(self.starts_in, 9, 1)?;
        let last = NaiveDate::from_ymd_opt(self.starts_in + 1, 8, 31)?;
        DateRange::new(first, last).ok()
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.starts_in, (self.starts_in + 1) % 100)
    }
}

impl TryFrom<String> for SchoolYear {
    type Error = TermError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<SchoolYear> for String {
    fn from(year: SchoolYear) -> Self {
        year.to_string()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    HalfTerm,
    Holiday,
    /// A day schools close to pupils for staff training, set by each school
    /// (or trust) inside term. Whether term-time groups pause on it is the
    /// area's choice ([`TermCalendar::with_inset_days_as_breaks`]).
    InsetDay,
}

coded!(BreakKind { HalfTerm => "half_term", Holiday => "holiday", InsetDay => "inset_day" });

/// A half term or holiday, e.g. "Summer holidays", 22 Jul – 1 Sep 2027.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermBreak {
    pub name: String,
    pub kind: BreakKind,
    pub dates: DateRange,
}

/// One school year of an area: the days it covers and its breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTerms {
    pub year: SchoolYear,
    pub dates: DateRange,
    pub breaks: Vec<TermBreak>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankHoliday {
    pub date: NaiveDate,
    pub name: String,
}

/// What kind of day a date is for an area's schools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Day<'a> {
    Term,
    Break(&'a TermBreak),
    /// No school year of the area covers the date.
    Unknown,
}

/// Why term data was refused. The messages are shown to people.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    #[error("The end date {last} is before the start date {first}.")]
    EndsBeforeItStarts { first: NaiveDate, last: NaiveDate },
    #[error("{0:?} is not a school year: write it like 2026-27.")]
    BadSchoolYear(String),
    #[error("The {name} ({first} to {last}) is not inside the school year {year}.")]
    BreakOutsideYear {
        name: String,
        year: SchoolYear,
        first: NaiveDate,
        last: NaiveDate,
    },
    #[error("The {first} and the {second} overlap.")]
    BreaksOverlap { first: String, second: String },
    #[error("The school years {first} and {second} overlap.")]
    YearsOverlap {
        first: SchoolYear,
        second: SchoolYear,
    },
    #[error("The school year {0} appears twice.")]
    YearTwice(SchoolYear),
    #[error("A break needs a name.")]
    UnnamedBreak,
}

/// An area's term dates and bank holidays, checked to make sense (read
/// back from JSON through [`TermCalendar::new`] too).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "UncheckedCalendar")]
pub struct TermCalendar {
    years: Vec<YearTerms>,
    bank_holidays: BTreeMap<NaiveDate, String>,
    /// Whether INSET days count as breaks (term-time groups pause, holiday
    /// groups run) or as term days, as councils' term dates count them.
    inset_days_are_breaks: bool,
}

#[derive(Deserialize)]
struct UncheckedCalendar {
    years: Vec<YearTerms>,
    bank_holidays: BTreeMap<NaiveDate, String>,
    #[serde(default)]
    inset_days_are_breaks: bool,
}

impl TryFrom<UncheckedCalendar> for TermCalendar {
    type Error = TermError;
    fn try_from(calendar: UncheckedCalendar) -> Result<Self, Self::Error> {
        let bank = calendar
            .bank_holidays
            .into_iter()
            .map(|(date, name)| BankHoliday { date, name })
            .collect();
        Ok(Self::new(calendar.years, bank)?
            .with_inset_days_as_breaks(calendar.inset_days_are_breaks))
    }
}

impl TermCalendar {
    /// Checks that every break is named and inside its year, that breaks of a
    /// year do not overlap, and that years do not overlap.
    pub fn new(
        mut years: Vec<YearTerms>,
        bank_holidays: Vec<BankHoliday>,
    ) -> Result<Self, TermError> {
        years.sort_by_key(|year| year.dates.first());
        for year in &mut years {
            year.breaks.sort_by_key(|b| b.dates.first());
            for b in &year.breaks {
                if b.name.trim().is_empty() {
                    return Err(TermError::UnnamedBreak);
                }
                if !(year.dates.contains(b.dates.first()) && year.dates.contains(b.dates.last())) {
                    return Err(TermError::BreakOutsideYear {
                        name: b.name.clone(),
                        year: year.year,
                        first: b.dates.first(),
                        last: b.dates.last(),
                    });
                }
            }
            for pair in year.breaks.windows(2) {
                if pair[0].dates.overlaps(&pair[1].dates) {
                    return Err(TermError::BreaksOverlap {
                        first: pair[0].name.clone(),
                        second: pair[1].name.clone(),
                    });
                }
            }
        }
        for pair in years.windows(2) {
            if pair[0].year == pair[1].year {
                return Err(TermError::YearTwice(pair[0].year));
            }
            if pair[0].dates.overlaps(&pair[1].dates) {
                return Err(TermError::YearsOverlap {
                    first: pair[0].year,
                    second: pair[1].year,
                });
            }
        }
        let bank_holidays = bank_holidays
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect();
        Ok(Self {
            years,
            bank_holidays,
            inset_days_are_breaks: false,
        })
    }

    /// The area's choice for INSET days: breaks (`true`) or term days.
    pub fn with_inset_days_as_breaks(mut self, are_breaks: bool) -> Self {
        self.inset_days_are_breaks = are_breaks;
        self
    }

    pub fn inset_days_are_breaks(&self) -> bool {
        self.inset_days_are_breaks
    }

    /// Whether a break counts as one for groups: INSET days only when the
    /// area says so.
    fn counts(&self, b: &TermBreak) -> bool {
        b.kind != BreakKind::InsetDay || self.inset_days_are_breaks
    }

    pub fn years(&self) -> &[YearTerms] {
        &self.years
    }

    pub fn bank_holidays(&self) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.bank_holidays
            .iter()
            .map(|(date, name)| (*date, name.as_str()))
    }

    pub fn day(&self, date: NaiveDate) -> Day<'_> {
        // Years are sorted and do not overlap: find the last one starting on or before the date.
        let index = self
            .years
            .partition_point(|year| year.dates.first() <= date);
        let Some(year) = index.checked_sub(1).and_then(|i| self.years.get(i)) else {
            return Day::Unknown;
        };
        if !year.dates.contains(date) {
            return Day::Unknown;
        }
        match year
            .breaks
            .iter()
            .find(|b| b.dates.contains(date) && self.counts(b))
        {
            Some(b) => Day::Break(b),
            None => Day::Term,
        }
    }

    pub fn bank_holiday(&self, date: NaiveDate) -> Option<&str> {
        self.bank_holidays.get(&date).map(String::as_str)
    }

    /// Breaks that share at least a day with `dates`, earliest first.
    pub fn breaks_overlapping(&self, dates: DateRange) -> impl Iterator<Item = &TermBreak> {
        self.years
            .iter()
            .flat_map(|year| year.breaks.iter())
            .filter(move |b| b.dates.overlaps(&dates) && self.counts(b))
    }

    /// The last date the term data covers, if any.
    pub fn known_until(&self) -> Option<NaiveDate> {
        self.years.last().map(|year| year.dates.last())
    }

    /// The school year covering a date, if known.
    pub fn year_of(&self, date: NaiveDate) -> Option<&YearTerms> {
        self.years.iter().find(|year| year.dates.contains(date))
    }
}

/// The Monday of the week a date is in.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    fn range(first: NaiveDate, last: NaiveDate) -> DateRange {
        DateRange::new(first, last).expect("ordered")
    }

    #[test]
    fn json_is_read_through_the_checks_so_a_bad_calendar_cannot_be_read_either() {
        let calendar = riverside().with_inset_days_as_breaks(true);
        let json = serde_json::to_value(&calendar).expect("writes");
        assert_eq!(
            serde_json::from_value::<TermCalendar>(json.clone()).ok(),
            Some(calendar)
        );
        // Two breaks that overlap, as a hand-edited or damaged copy might say.
        let mut overlapping = json.clone();
        overlapping["years"][0]["breaks"][1]["dates"]["first"] = serde_json::json!("2026-10-30");
        assert!(serde_json::from_value::<TermCalendar>(overlapping).is_err());
        // A copy written before the INSET choice existed reads as "term days".
        let mut older = json.clone();
        older
            .as_object_mut()
            .expect("an object")
            .remove("inset_days_are_breaks");
        let read: TermCalendar = serde_json::from_value(older).expect("reads");
        assert!(!read.inset_days_are_breaks());
        let backwards = serde_json::json!({ "first": "2026-10-30", "last": "2026-10-01" });
        assert!(serde_json::from_value::<DateRange>(backwards).is_err());
    }

    fn named(name: &str, kind: BreakKind, first: NaiveDate, last: NaiveDate) -> TermBreak {
        TermBreak {
            name: name.to_owned(),
            kind,
            dates: range(first, last),
        }
    }

    /// The sample area's school year from the calendar issue.
    pub fn riverside() -> TermCalendar {
        use BreakKind::{HalfTerm, Holiday};
        let year = YearTerms {
            year: SchoolYear::of_start(2026),
            dates: range(date(2026, 9, 3), date(2027, 9, 1)),
            breaks: vec![
                named(
                    "October half term",
                    HalfTerm,
                    date(2026, 10, 24),
                    date(2026, 11, 1),
                ),
                named(
                    "Christmas holidays",
                    Holiday,
                    date(2026, 12, 19),
                    date(2027, 1, 4),
                ),
                named(
                    "February half term",
                    HalfTerm,
                    date(2027, 2, 13),
                    date(2027, 2, 21),
                ),
                named(
                    "Easter holidays",
                    Holiday,
                    date(2027, 3, 26),
                    date(2027, 4, 11),
                ),
                named(
                    "May half term",
                    HalfTerm,
                    date(2027, 5, 29),
                    date(2027, 6, 6),
                ),
                named(
                    "Summer holidays",
                    Holiday,
                    date(2027, 7, 22),
                    date(2027, 9, 1),
                ),
            ],
        };
        let bank = [
            ((2026, 12, 25), "Christmas Day"),
            ((2026, 12, 28), "Boxing Day (substitute day)"),
            ((2027, 1, 1), "New Year's Day"),
            ((2027, 3, 26), "Good Friday"),
            ((2027, 3, 29), "Easter Monday"),
            ((2027, 5, 3), "Early May bank holiday"),
            ((2027, 5, 31), "Spring bank holiday"),
            ((2027, 8, 30), "Summer bank holiday"),
        ]
        .into_iter()
        .map(|((y, m, d), name)| BankHoliday {
            date: date(y, m, d),
            name: name.to_owned(),
        })
        .collect();
        TermCalendar::new(vec![year], bank).expect("the sample calendar is valid")
    }

    #[test]
    fn days_are_term_breaks_or_unknown() {
        let terms = riverside();
        assert_eq!(terms.day(date(2026, 9, 2)), Day::Unknown);
        assert_eq!(terms.day(date(2026, 9, 3)), Day::Term);
        assert!(
            matches!(terms.day(date(2026, 10, 24)), Day::Break(b) if b.name == "October half term")
        );
        assert!(matches!(terms.day(date(2026, 11, 1)), Day::Break(_)));
        assert_eq!(terms.day(date(2026, 11, 2)), Day::Term);
        assert!(
            matches!(terms.day(date(2027, 9, 1)), Day::Break(b) if b.kind == BreakKind::Holiday)
        );
        assert_eq!(terms.day(date(2027, 9, 2)), Day::Unknown);
        assert_eq!(
            terms.bank_holiday(date(2027, 5, 3)),
            Some("Early May bank holiday")
        );
        assert_eq!(terms.known_until(), Some(date(2027, 9, 1)));
    }

    #[test]
    fn school_years_read_both_ways_and_print_short() {
        assert_eq!(
            SchoolYear::parse("2026-27").map(|y| y.starts_in()),
            Ok(2026)
        );
        assert_eq!(
            SchoolYear::parse("2026-2027").map(|y| y.to_string()),
            Ok("2026-27".to_owned())
        );
        assert_eq!(
            SchoolYear::parse("1999-00").map(|y| y.to_string()),
            Ok("1999-00".to_owned())
        );
        for bad in ["2026", "2026-28", "26-27", "twenty", "2026-27-28"] {
            assert!(SchoolYear::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn nonsense_term_data_is_refused_with_a_reason() {
        let year = |breaks| YearTerms {
            year: SchoolYear::of_start(2026),
            dates: range(date(2026, 9, 3), date(2027, 9, 1)),
            breaks,
        };
        let outside = named(
            "Summer holidays",
            BreakKind::Holiday,
            date(2027, 7, 22),
            date(2027, 9, 3),
        );
        assert!(matches!(
            TermCalendar::new(vec![year(vec![outside])], vec![]),
            Err(TermError::BreakOutsideYear { .. })
        ));
        let a = named(
            "Half term",
            BreakKind::HalfTerm,
            date(2026, 10, 24),
            date(2026, 11, 1),
        );
        let b = named(
            "Diwali",
            BreakKind::Holiday,
            date(2026, 11, 1),
            date(2026, 11, 3),
        );
        assert!(matches!(
            TermCalendar::new(vec![year(vec![a, b])], vec![]),
            Err(TermError::BreaksOverlap { .. })
        ));
        assert!(matches!(
            TermCalendar::new(vec![year(vec![]), year(vec![])], vec![]),
            Err(TermError::YearTwice(_))
        ));
        assert!(DateRange::new(date(2027, 1, 2), date(2027, 1, 1)).is_err());
    }

    #[test]
    fn inset_days_are_term_days_unless_the_area_says_they_are_breaks() {
        let year = YearTerms {
            year: SchoolYear::of_start(2026),
            dates: range(date(2026, 9, 1), date(2027, 8, 31)),
            breaks: vec![named(
                "INSET day",
                BreakKind::InsetDay,
                date(2026, 9, 1),
                date(2026, 9, 1),
            )],
        };
        let terms = TermCalendar::new(vec![year], vec![]).expect("valid");
        assert_eq!(terms.day(date(2026, 9, 1)), Day::Term);
        let whole = range(date(2026, 9, 1), date(2026, 9, 7));
        assert_eq!(terms.breaks_overlapping(whole).count(), 0);
        let closed = terms.with_inset_days_as_breaks(true);
        assert!(
            matches!(closed.day(date(2026, 9, 1)), Day::Break(b) if b.kind == BreakKind::InsetDay)
        );
        assert_eq!(closed.breaks_overlapping(whole).count(), 1);
        assert_eq!(closed.day(date(2026, 9, 2)), Day::Term);
    }
}
