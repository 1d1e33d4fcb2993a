//! What the history shows, worked out on the phone: the mood of each day, the
//! trend over two weeks or three months, gentle "on days you…" summaries,
//! and whether to offer the bridge to groups and help. No streaks, no scores.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::entry::{Context, Entry, Mood};

/// How far back the history looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    TwoWeeks,
    ThreeMonths,
}

impl Span {
    pub const ALL: [Span; 2] = [Span::TwoWeeks, Span::ThreeMonths];

    pub fn days(self) -> u64 {
        match self {
            Span::TwoWeeks => 14,
            Span::ThreeMonths => 91,
        }
    }

    /// The first day shown when the last is `today`.
    pub fn first_day(self, today: NaiveDate) -> NaiveDate {
        today
            .checked_sub_days(Days::new(self.days() - 1))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// One day's check-ins, taken together.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayMood {
    pub day: NaiveDate,
    /// The mean of the day's moods, 1.0 to 5.0.
    pub mean: f32,
    pub lowest: Mood,
    pub check_ins: usize,
}

impl DayMood {
    /// A low day: on average "Low" or below.
    pub fn is_low(&self) -> bool {
        self.mean <= f32::from(Mood::Low.score())
    }
}

/// Each day between `first` and `last` (inclusive) that has check-ins,
/// oldest first.
pub fn days(entries: &[Entry], first: NaiveDate, last: NaiveDate) -> Vec<DayMood> {
    let mut by_day: BTreeMap<NaiveDate, (u32, usize, Mood)> = BTreeMap::new();
    for entry in entries.iter().filter(|e| (first..=last).contains(&e.day())) {
        let slot = by_day.entry(entry.day()).or_insert((0, 0, Mood::VeryGood));
        slot.0 += u32::from(entry.mood().score());
        slot.1 += 1;
        slot.2 = slot.2.min(entry.mood());
    }
    by_day
        .into_iter()
        .map(|(day, (sum, count, lowest))| DayMood {
            day,
            mean: sum as f32 / count as f32,
            lowest,
            check_ins: count,
        })
        .collect()
}

/// A gentle pattern: how mood went on days with a context tag, compared
/// with days without it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pattern {
    pub context: Context,
    pub days_with: usize,
    pub days_without: usize,
    pub mean_with: f32,
    pub mean_without: f32,
}

impl Pattern {
    pub fn higher(&self) -> bool {
        self.mean_with > self.mean_without
    }
}

/// Fewest days on each side before a pattern is worth mentioning.
pub const MIN_DAYS_FOR_PATTERN: usize = 3;
/// Smallest difference in mean mood worth mentioning.
pub const MIN_DIFFERENCE: f32 = 0.5;

/// Patterns over the span ending `today`, the clearest first. Only patterns
/// seen on at least three days with and three without the tag, differing by
/// at least half a point, are offered.
pub fn patterns(entries: &[Entry], span: Span, today: NaiveDate) -> Vec<Pattern> {
    let first = span.first_day(today);
    let in_span: Vec<&Entry> = entries
        .iter()
        .filter(|e| (first..=today).contains(&e.day()))
        .collect();
    let day_means: BTreeMap<NaiveDate, f32> = days(entries, first, today)
        .into_iter()
        .map(|d| (d.day, d.mean))
        .collect();
    let mut found: Vec<Pattern> = Context::ALL
        .iter()
        .filter_map(|&context| {
            let tagged: std::collections::BTreeSet<NaiveDate> = in_span
                .iter()
                .filter(|e| e.context().contains(&context))
                .map(|e| e.day())
                .collect();
            let (with, without): (Vec<(&NaiveDate, &f32)>, Vec<_>) =
                day_means.iter().partition(|(day, _)| tagged.contains(day));
            if with.len() < MIN_DAYS_FOR_PATTERN || without.len() < MIN_DAYS_FOR_PATTERN {
                return None;
            }
            let mean = |days: &[(&NaiveDate, &f32)]| {
                days.iter().map(|(_, m)| **m).sum::<f32>() / days.len() as f32
            };
            let pattern = Pattern {
                context,
                days_with: with.len(),
                days_without: without.len(),
                mean_with: mean(&with),
                mean_without: mean(&without),
            };
            ((pattern.mean_with - pattern.mean_without).abs() >= MIN_DIFFERENCE).then_some(pattern)
        })
        .collect();
    found.sort_by(|a, b| {
        let gap = |p: &Pattern| (p.mean_with - p.mean_without).abs();
        gap(b).total_cmp(&gap(a)).then(a.context.cmp(&b.context))
    });
    found
}

/// Low days in the last seven (today included) before the diary gently
/// offers this week's groups and "Who can help".
pub const LOW_DAYS_FOR_BRIDGE: usize = 3;

/// Whether to offer the bridge: three or more low days in the last seven.
pub fn offer_bridge(entries: &[Entry], today: NaiveDate) -> bool {
    let first = today
        .checked_sub_days(Days::new(6))
        .unwrap_or(NaiveDate::MIN);
    days(entries, first, today)
        .iter()
        .filter(|d| d.is_low())
        .count()
        >= LOW_DAYS_FOR_BRIDGE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mood::entry::tests::{entry, tagged};

    fn nov(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).expect("day")
    }

    #[test]
    fn a_day_with_two_check_ins_is_their_mean_and_keeps_the_lowest() {
        let entries = [entry("a", 3, 2), entry("b", 3, 5), entry("c", 4, 3)];
        let found = days(&entries, nov(1), nov(30));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].day, nov(3));
        assert!((found[0].mean - 3.5).abs() < f32::EPSILON);
        assert_eq!(found[0].lowest, Mood::Low);
        assert_eq!(found[0].check_ins, 2);
    }

    #[test]
    fn spans_end_today_and_include_it() {
        assert_eq!(Span::TwoWeeks.first_day(nov(14)), nov(1));
        let outside = [entry("a", 1, 1)];
        assert!(days(&outside, Span::TwoWeeks.first_day(nov(15)), nov(15)).is_empty());
    }

    #[test]
    fn the_bridge_is_offered_after_three_low_days_in_seven_not_two() {
        let two = [entry("a", 10, 1), entry("b", 12, 2), entry("c", 13, 4)];
        assert!(!offer_bridge(&two, nov(14)));
        let three = [entry("a", 8, 1), entry("b", 10, 2), entry("c", 14, 1)];
        assert!(offer_bridge(&three, nov(14)));
        // The first low day falls out of the window a day later.
        assert!(!offer_bridge(&three, nov(15)));
        // Two low check-ins on one day are one low day.
        let same_day = [entry("a", 14, 1), entry("b", 14, 1), entry("c", 13, 2)];
        assert!(!offer_bridge(&same_day, nov(14)));
    }

    #[test]
    fn getting_out_shows_as_a_pattern_only_when_the_days_say_so() {
        let mut entries = Vec::new();
        for day in 1..=4 {
            entries.push(tagged(&format!("out{day}"), day, 4, &[Context::GotOut]));
        }
        for day in 5..=8 {
            entries.push(entry(&format!("in{day}"), day, 2));
        }
        let found = patterns(&entries, Span::TwoWeeks, nov(10));
        assert_eq!(found.len(), 1);
        let p = found[0];
        assert_eq!(p.context, Context::GotOut);
        assert!(p.higher());
        assert_eq!((p.days_with, p.days_without), (4, 4));
        assert!((p.mean_with - 4.0).abs() < f32::EPSILON);
        // Too few days without the tag: nothing is claimed.
        assert!(patterns(&entries[..6], Span::TwoWeeks, nov(10)).is_empty());
    }
}
