//! "Tell us something is wrong": what anyone may say about a listing, with
//! no account and nothing about themselves, and how the organisers' to-do
//! list orders what they are told.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

labelled! {
    /// What kind of listing a report is about.
    ListingKind {
        Group => "group", "A group";
        Service => "service", "A service";
    }
}

labelled! {
    /// What is wrong, as the person chose it.
    Problem {
        WrongNumber => "wrong_number", "The phone number is wrong";
        WrongTime => "wrong_time", "The day or time is wrong";
        Closed => "closed", "It has closed or stopped";
        Other => "other", "Something else";
    }
}

impl Problem {
    /// Whether parents are told the listing may be out of date until an
    /// organiser checks it: a wrong number or wrong times send people to
    /// the wrong place, or nowhere.
    pub fn warns_parents(self) -> bool {
        matches!(self, Problem::WrongNumber | Problem::WrongTime)
    }
}

/// Whether a listing's page warns parents, given whether an open report
/// about it [warns parents](Problem::warns_parents). Never on a crisis
/// service: "check before you call" must not stand between someone and a
/// crisis line on a stranger's word; such a report goes to the top of the
/// organisers' and admins' to-do instead.
pub fn page_warns(crisis: bool, open_warning: bool) -> bool {
    open_warning && !crisis
}

/// The most a person may write.
pub const MAX_WORDS_CHARS: usize = 500;
/// Reports one network address may send in [`ADDRESS_WINDOW`].
pub const PER_ADDRESS: u32 = 5;
pub const ADDRESS_WINDOW: Duration = Duration::hours(1);
/// Reports one listing may receive in [`LISTING_WINDOW`]: enough for a
/// real problem to be heard, too few to bury a to-do list.
pub const PER_LISTING: u32 = 20;
pub const LISTING_WINDOW: Duration = Duration::days(1);
/// Resolved reports are deleted this long after they were resolved.
pub const KEPT_AFTER_RESOLVED: Duration = Duration::days(90);

/// A report as it was sent, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReport {
    pub problem: Problem,
    /// The person's own words, if any (trimmed; may be empty).
    pub words: String,
}

/// Why a report was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("Please choose what is wrong.")]
    NoProblem,
    #[error("Please keep it to 500 characters or fewer.")]
    TooLong,
}

impl NewReport {
    /// Checks a posted form: `problem` must be one of [`Problem`]'s codes.
    pub fn parse(problem: &str, words: &str) -> Result<Self, ReportError> {
        let problem = Problem::from_code(problem.trim()).ok_or(ReportError::NoProblem)?;
        // Control characters other than line breaks, and the invisible ones
        // that reorder or hide text (bidirectional overrides, zero-width
        // marks), are dropped: the words are shown to organisers as text.
        let words: String = words
            .chars()
            .filter(|c| (!c.is_control() || *c == '\n') && !invisible(*c))
            .collect();
        let words = words.trim();
        if words.chars().count() > MAX_WORDS_CHARS {
            return Err(ReportError::TooLong);
        }
        Ok(Self {
            problem,
            words: words.to_owned(),
        })
    }
}

/// Characters that change how text around them is shown without showing
/// themselves.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The open reports about one listing, as an organiser's to-do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingReports {
    pub kind: ListingKind,
    pub id: String,
    pub name: String,
    /// Whether the listing is a crisis service: a wrong number there is the
    /// most serious thing anyone can report.
    pub crisis: bool,
    /// Each report: what, their words, when (to the day).
    pub reports: Vec<(Problem, String, DateTime<Utc>)>,
    /// The newest report's number: "dealt with" covers it and those before,
    /// never one that came after the page was shown.
    pub newest: i64,
}

impl ListingReports {
    /// Lower is more serious: a wrong number on a crisis service, then any
    /// report that warns parents, then a closure, then the rest.
    pub fn seriousness(&self) -> u8 {
        let has = |p: Problem| self.reports.iter().any(|(q, _, _)| *q == p);
        if self.crisis && has(Problem::WrongNumber) {
            0
        } else if self.reports.iter().any(|(p, _, _)| p.warns_parents()) {
            1
        } else if has(Problem::Closed) {
            2
        } else {
            3
        }
    }
}

/// Orders a to-do list: most serious first, then most reported, then the
/// longest waiting.
pub fn order(listings: &mut [ListingReports]) {
    listings.sort_by_key(|l| {
        let oldest = l.reports.iter().map(|(_, _, at)| *at).min();
        (l.seriousness(), std::cmp::Reverse(l.reports.len()), oldest)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> DateTime<Utc> {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("a time")
            .and_utc()
    }

    fn listing(id: &str, crisis: bool, problems: &[Problem]) -> ListingReports {
        ListingReports {
            kind: ListingKind::Service,
            id: id.to_owned(),
            name: id.to_owned(),
            crisis,
            reports: problems
                .iter()
                .map(|p| (*p, String::new(), at(9)))
                .collect(),
            newest: 1,
        }
    }

    #[test]
    fn a_report_needs_a_problem_and_few_enough_words() {
        assert_eq!(NewReport::parse("", "x"), Err(ReportError::NoProblem));
        assert_eq!(NewReport::parse("broken", ""), Err(ReportError::NoProblem));
        assert_eq!(
            NewReport::parse("closed", &"a".repeat(501)),
            Err(ReportError::TooLong)
        );
        let ok = NewReport::parse(
            " wrong_time ",
            "  It moved\u{202E} to\u{200B} Thursdays\u{7}\n ",
        )
        .expect("ok");
        assert_eq!(ok.problem, Problem::WrongTime);
        assert_eq!(ok.words, "It moved to Thursdays");
        // Line breaks as a browser sends them count once.
        let lines = "a\r\n".repeat(250);
        assert!(NewReport::parse("other", &lines).is_ok());
        // A crisis service's page never warns on a report alone.
        assert!(page_warns(false, true));
        assert!(!page_warns(true, true));
        assert!(!page_warns(false, false));
        assert!(ok.problem.warns_parents());
        assert!(!Problem::Closed.warns_parents());
    }

    #[test]
    fn a_wrong_number_on_a_crisis_service_comes_first_then_the_most_reported() {
        let mut todo = vec![
            listing(
                "often-other",
                false,
                &[Problem::Other, Problem::Other, Problem::Other],
            ),
            listing("closed", false, &[Problem::Closed]),
            listing("time", false, &[Problem::WrongTime]),
            listing(
                "number-often",
                false,
                &[Problem::WrongNumber, Problem::WrongNumber],
            ),
            listing("crisis-number", true, &[Problem::WrongNumber]),
            listing("crisis-other", true, &[Problem::Other]),
        ];
        order(&mut todo);
        let ids: Vec<&str> = todo.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "crisis-number",
                "number-often",
                "time",
                "closed",
                "often-other",
                "crisis-other"
            ]
        );
    }
}
