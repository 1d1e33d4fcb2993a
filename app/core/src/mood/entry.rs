//! One check-in: how someone felt, on which day, and what else they chose to
//! note. Valid by construction; the browser keeps these on the phone only.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::written;

/// The longest note we keep, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// The earliest day a check-in can be for (anything earlier is a typing slip).
pub fn earliest_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The 5-point mood scale, from the lowest to the best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Mood {
    VeryLow = 1,
    Low = 2,
    Okay = 3,
    Good = 4,
    VeryGood = 5,
}

impl Mood {
    /// Lowest first.
    pub const ALL: [Mood; 5] = [
        Mood::VeryLow,
        Mood::Low,
        Mood::Okay,
        Mood::Good,
        Mood::VeryGood,
    ];

    pub fn score(self) -> u8 {
        self as u8
    }

    pub fn from_score(score: u8) -> Option<Mood> {
        Mood::ALL.get(usize::from(score).checked_sub(1)?).copied()
    }

    /// The word shown beside the face, and written in exports.
    pub fn word(self) -> &'static str {
        match self {
            Mood::VeryLow => "Very low",
            Mood::Low => "Low",
            Mood::Okay => "Okay",
            Mood::Good => "Good",
            Mood::VeryGood => "Very good",
        }
    }
}

impl From<Mood> for u8 {
    fn from(mood: Mood) -> u8 {
        mood.score()
    }
}

impl TryFrom<u8> for Mood {
    type Error = String;
    fn try_from(score: u8) -> Result<Self, Self::Error> {
        Mood::from_score(score).ok_or_else(|| format!("mood must be 1 to 5, not {score}"))
    }
}

labelled! {
    /// Feelings someone can add to a check-in.
    Feeling {
        Anxious => "anxious", "Anxious";
        Lonely => "lonely", "Lonely";
        Tired => "tired", "Tired";
        Overwhelmed => "overwhelmed", "Overwhelmed";
        Irritable => "irritable", "Irritable";
        Tearful => "tearful", "Tearful";
        Hopeful => "hopeful", "Hopeful";
        Calm => "calm", "Calm";
        Proud => "proud", "Proud";
        ScaryThoughts => "scary-thoughts", "Scary or unwanted thoughts";
    }
}

labelled! {
    /// What else was going on that day.
    Context {
        SleptBadly => "slept-badly", "Slept badly";
        Feeding => "feeding", "Feeding";
        GotOut => "got-out", "Got out of the house";
        SawFriend => "saw-friend", "Saw a friend";
        WentToGroup => "went-to-group", "Went to a group";
        PartnerSupport => "partner-support", "Partner support";
    }
}

/// An entry's id, made on the phone (a random UUID), so that an entry keeps
/// its identity through edits, exports and imports.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EntryId(String);

impl EntryId {
    pub fn parse(raw: &str) -> Result<Self, EntryError> {
        let ok = (1..=64).contains(&raw.len())
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(EntryError::BadId)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<EntryId> for String {
    fn from(id: EntryId) -> String {
        id.0
    }
}

impl TryFrom<String> for EntryId {
    type Error = EntryError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        EntryId::parse(&raw)
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is wrong with a check-in, in words that say what to change.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("the entry's id is not one Village made")]
    BadId,
    #[error("the note is {chars} characters long; the most is {MAX_NOTE_CHARS}")]
    NoteTooLong { chars: usize },
    #[error("{day} has not happened yet; choose today or an earlier day")]
    DayInFuture { day: NaiveDate },
    #[error("{day} is too long ago; choose a day from 2000 onwards")]
    DayTooEarly { day: NaiveDate },
    #[error("the time must be hours and minutes, like 07:30")]
    BadTime,
    #[error("the date must be written like 2026-11-30")]
    BadDate,
}

/// What the check-in form holds before it is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub id: EntryId,
    pub day: NaiveDate,
    pub time: NaiveTime,
    pub mood: Mood,
    pub feelings: BTreeSet<Feeling>,
    pub context: BTreeSet<Context>,
    pub note: String,
    /// When this version was saved, in milliseconds since 1970 (the newer
    /// version of the same entry wins when a backup is imported).
    pub saved_at: i64,
}

/// A checked check-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
pub struct Entry {
    id: EntryId,
    day: NaiveDate,
    time: NaiveTime,
    mood: Mood,
    feelings: BTreeSet<Feeling>,
    context: BTreeSet<Context>,
    note: String,
    saved_at: i64,
}

impl Entry {
    /// Checks a draft. `today` is the phone's own date: a check-in cannot be
    /// for a day that has not happened.
    pub fn new(draft: Draft, today: NaiveDate) -> Result<Self, EntryError> {
        let entry = Self::unchecked(draft)?;
        if entry.day > today {
            return Err(EntryError::DayInFuture { day: entry.day });
        }
        Ok(entry)
    }

    /// Checks everything that does not depend on today (used for entries read
    /// back from storage or a file, which may come from a phone whose clock
    /// was ahead).
    fn unchecked(draft: Draft) -> Result<Self, EntryError> {
        let note = draft.note.trim().to_owned();
        let chars = note.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(EntryError::NoteTooLong { chars });
        }
        if draft.day < earliest_day() {
            return Err(EntryError::DayTooEarly { day: draft.day });
        }
        let time = draft
            .time
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(draft.time);
        Ok(Self {
            id: draft.id,
            day: draft.day,
            time,
            mood: draft.mood,
            feelings: draft.feelings,
            context: draft.context,
            note,
            saved_at: draft.saved_at,
        })
    }

    pub fn id(&self) -> &EntryId {
        &self.id
    }
    pub fn day(&self) -> NaiveDate {
        self.day
    }
    pub fn time(&self) -> NaiveTime {
        self.time
    }
    pub fn mood(&self) -> Mood {
        self.mood
    }
    pub fn feelings(&self) -> &BTreeSet<Feeling> {
        &self.feelings
    }
    pub fn context(&self) -> &BTreeSet<Context> {
        &self.context
    }
    pub fn note(&self) -> &str {
        &self.note
    }
    pub fn saved_at(&self) -> i64 {
        self.saved_at
    }

    /// The form's starting values for editing this entry.
    pub fn to_draft(&self) -> Draft {
        Draft {
            id: self.id.clone(),
            day: self.day,
            time: self.time,
            mood: self.mood,
            feelings: self.feelings.clone(),
            context: self.context.clone(),
            note: self.note.clone(),
            saved_at: self.saved_at,
        }
    }

    /// What this check-in should bring up at once.
    pub fn safety(&self) -> Safety {
        Safety {
            crisis_card: self.mood == Mood::VeryLow,
            intrusive_thoughts_note: self.feelings.contains(&Feeling::ScaryThoughts),
        }
    }

    /// Newest first: by day, then time, then id so the order is total.
    pub fn newest_first(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        (b.day, b.time, &b.id).cmp(&(a.day, a.time, &a.id))
    }
}

/// What a saved check-in brings up. The crisis card never blocks the save.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Safety {
    /// The lowest mood: show the "Need help now?" card straight away.
    pub crisis_card: bool,
    /// Scary or unwanted thoughts: a calm note that these are common after
    /// birth and treatable, and who to talk to; not the emergency card.
    pub intrusive_thoughts_note: bool,
}

/// The shape kept in storage and in JSON files: plain fields, checked on the
/// way back in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    id: EntryId,
    date: String,
    time: String,
    mood: Mood,
    #[serde(default)]
    feelings: Vec<Feeling>,
    #[serde(default)]
    context: Vec<Context>,
    #[serde(default)]
    note: String,
    saved_at: i64,
}

impl TryFrom<Stored> for Entry {
    type Error = EntryError;
    fn try_from(stored: Stored) -> Result<Self, Self::Error> {
        let time = written::parse_time(&stored.time).ok_or(EntryError::BadTime)?;
        let day = written::parse_day(&stored.date).ok_or(EntryError::BadDate)?;
        Entry::unchecked(Draft {
            id: stored.id,
            day,
            time,
            mood: stored.mood,
            feelings: stored.feelings.into_iter().collect(),
            context: stored.context.into_iter().collect(),
            note: stored.note,
            saved_at: stored.saved_at,
        })
    }
}

impl From<Entry> for Stored {
    fn from(entry: Entry) -> Stored {
        Stored {
            id: entry.id,
            date: written::day(entry.day),
            time: written::time(entry.time),
            mood: entry.mood,
            feelings: entry.feelings.into_iter().collect(),
            context: entry.context.into_iter().collect(),
            note: entry.note,
            saved_at: entry.saved_at,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A check-in on `day` November 2026 at 09:00, with the given mood score.
    pub(crate) fn entry(id: &str, day: u32, mood: u8) -> Entry {
        tagged(id, day, mood, &[])
    }

    /// As `entry`, with context tags.
    pub(crate) fn tagged(id: &str, day: u32, mood: u8, context: &[Context]) -> Entry {
        Entry::new(
            Draft {
                id: EntryId::parse(id).expect("test id"),
                day: NaiveDate::from_ymd_opt(2026, 11, day).expect("test day"),
                time: NaiveTime::from_hms_opt(9, 0, 0).expect("test time"),
                mood: Mood::from_score(mood).expect("test mood"),
                feelings: BTreeSet::new(),
                context: context.iter().copied().collect(),
                note: String::new(),
                saved_at: i64::from(day) * 1_000,
            },
            NaiveDate::MAX,
        )
        .expect("valid test entry")
    }

    fn draft() -> Draft {
        entry("a", 10, 3).to_draft()
    }

    #[test]
    fn a_check_in_cannot_be_for_tomorrow() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 9).expect("day");
        assert_eq!(
            Entry::new(draft(), today),
            Err(EntryError::DayInFuture { day: draft().day })
        );
        assert!(Entry::new(draft(), draft().day).is_ok());
    }

    #[test]
    fn a_long_note_is_refused_with_its_length() {
        let mut long = draft();
        long.note = "a".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            Entry::new(long, NaiveDate::MAX),
            Err(EntryError::NoteTooLong {
                chars: MAX_NOTE_CHARS + 1
            })
        );
    }

    #[test]
    fn ids_are_letters_digits_and_dashes_only() {
        assert!(EntryId::parse("3f2a-9c").is_ok());
        for bad in ["", "a b", "<script>", &"a".repeat(65)] {
            assert_eq!(EntryId::parse(bad), Err(EntryError::BadId), "{bad}");
        }
    }

    #[test]
    fn the_lowest_mood_brings_up_the_crisis_card_and_scary_thoughts_the_calm_note() {
        let low = entry("a", 1, 1).safety();
        assert!(low.crisis_card && !low.intrusive_thoughts_note);
        let mut scary = entry("b", 1, 3).to_draft();
        scary.feelings.insert(Feeling::ScaryThoughts);
        let scary = Entry::new(scary, NaiveDate::MAX).expect("valid").safety();
        assert!(!scary.crisis_card && scary.intrusive_thoughts_note);
        assert_eq!(entry("c", 1, 2).safety(), Safety::default());
    }

    #[test]
    fn stored_form_round_trips_and_unknown_codes_are_refused() {
        let mut with_tags = draft();
        with_tags.feelings.insert(Feeling::Tired);
        with_tags.context.insert(Context::GotOut);
        with_tags.note = "A \"good\" walk,\nthen rain".into();
        let entry = Entry::new(with_tags, NaiveDate::MAX).expect("valid");
        let json = serde_json::to_string(&entry).expect("serialises");
        assert!(json.contains("\"feelings\":[\"tired\"]"), "{json}");
        let back: Entry = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, entry);
        let bad = json.replace("tired", "sleepy");
        assert!(serde_json::from_str::<Entry>(&bad).is_err());
        let bad = json.replace("\"mood\":3", "\"mood\":6");
        assert!(serde_json::from_str::<Entry>(&bad).is_err());
    }
}
