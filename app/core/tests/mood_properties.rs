//! Properties of the diary's files: whatever someone writes, an export reads
//! back to the same entries; whatever file they choose, reading it never
//! panics and either every entry is good or nothing is returned.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use village_core::mood::{files, Context, Diary, Draft, Entry, EntryId, Feeling, Mood};

fn entry() -> impl Strategy<Value = Entry> {
    (
        "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,4}",
        0i64..20_000,
        0u32..24,
        0u32..60,
        1u8..=5,
        proptest::sample::subsequence(Feeling::ALL.to_vec(), 0..=Feeling::ALL.len()),
        proptest::sample::subsequence(Context::ALL.to_vec(), 0..=Context::ALL.len()),
        // Notes with commas, quotes, new lines, formula starts and any text.
        prop_oneof![
            "\\PC{0,80}",
            "[=+@'\\t\\r-][a-z=,\"\\n ]{0,20}",
            "[a-z ,\"\\n\\r]{0,40}",
        ],
        any::<i64>(),
    )
        .prop_filter_map(
            "a valid entry",
            |(id, day, h, m, mood, feelings, context, note, saved_at)| {
                let draft = Draft {
                    id: EntryId::parse(&id).ok()?,
                    day: NaiveDate::from_ymd_opt(2000, 1, 1)?
                        .checked_add_days(chrono::Days::new(day as u64))?,
                    time: NaiveTime::from_hms_opt(h, m, 0)?,
                    mood: Mood::from_score(mood)?,
                    feelings: feelings.into_iter().collect::<BTreeSet<_>>(),
                    context: context.into_iter().collect::<BTreeSet<_>>(),
                    note,
                    saved_at,
                };
                Entry::new(draft, NaiveDate::MAX).ok()
            },
        )
}

fn diary() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec(entry(), 0..12)
        .prop_map(|entries| Diary::from_entries(entries).entries().to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn csv_export_reads_back_to_the_same_entries(entries in diary()) {
        prop_assert_eq!(files::read(&files::to_csv(&entries)), Ok(entries));
    }

    #[test]
    fn json_export_reads_back_to_the_same_entries(entries in diary()) {
        prop_assert_eq!(files::read(&files::to_json(&entries)), Ok(entries));
    }

    #[test]
    fn importing_an_export_into_its_own_diary_changes_nothing(entries in diary()) {
        let mut diary = Diary::from_entries(entries.clone());
        let (report, changed) = diary.merge(files::read(&files::to_csv(&entries)).expect("reads"));
        prop_assert_eq!(report.unchanged, entries.len());
        prop_assert!(changed.is_empty());
        prop_assert_eq!(diary.entries(), &entries[..]);
    }

    #[test]
    fn reading_any_text_never_panics(text in "\\PC{0,400}") {
        let _ = files::read(&text);
    }

    #[test]
    fn reading_csv_shaped_text_never_panics_and_names_rows(
        rows in proptest::collection::vec("[a-z0-9,;\"'= :-]{0,60}", 0..8)
    ) {
        let text = format!("{}\r\n{}", files::CSV_COLUMNS.join(","), rows.join("\r\n"));
        if let Err(faults) = files::read(&text) {
            prop_assert!(!faults.is_empty());
            prop_assert!(faults.len() <= files::MAX_FAULTS);
        }
    }

    #[test]
    fn reading_json_shaped_text_never_panics(
        entries in proptest::collection::vec("\\{\"id\":\"[a-z]{0,3}\",\"date\":\"[0-9-]{0,12}\",\"time\":\"[0-9:]{0,6}\",\"mood\":[0-9]{1,3},\"saved_at\":[0-9]{1,3}\\}", 0..5)
    ) {
        let text = format!("{{\"format\":\"village-mood-diary\",\"version\":1,\"entries\":[{}]}}", entries.join(","));
        let _ = files::read(&text);
    }
}
