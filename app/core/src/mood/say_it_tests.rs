use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

use super::*;
use crate::mood::entry::{Draft, Entry, EntryId};

fn dec(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, day).expect("day")
}

/// The tests' today: Monday 7 December 2026.
fn today() -> NaiveDate {
    dec(7)
}

fn check_in(
    id: &str,
    day: NaiveDate,
    mood: u8,
    feelings: &[Feeling],
    context: &[Context],
) -> Entry {
    Entry::new(
        Draft {
            id: EntryId::parse(id).expect("id"),
            day,
            time: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            mood: Mood::from_score(mood).expect("mood"),
            feelings: feelings.iter().copied().collect(),
            context: context.iter().copied().collect(),
            note: String::new(),
            saved_at: 1,
        },
        today(),
    )
    .expect("valid")
}

/// The browser journey's diary: five low, anxious days (two very low, with
/// bad sleep on three) and two good days after going to a group.
fn hard_fortnight() -> Vec<Entry> {
    let mut entries = Vec::new();
    for (i, day) in [30, 1, 2, 4, 6].into_iter().enumerate() {
        let day = if day == 30 {
            NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")
        } else {
            dec(day)
        };
        let mood = if i < 2 { 1 } else { 2 };
        let context: &[Context] = if i < 3 { &[Context::SleptBadly] } else { &[] };
        entries.push(check_in(
            &format!("low{i}"),
            day,
            mood,
            &[Feeling::Anxious, Feeling::Tired],
            context,
        ));
    }
    entries.push(check_in(
        "group1",
        dec(3),
        4,
        &[Feeling::Hopeful],
        &[Context::WentToGroup],
    ));
    entries.push(check_in("group2", dec(5), 4, &[], &[Context::WentToGroup]));
    entries
}

fn texts(drafted: &Drafted) -> Vec<&str> {
    drafted.sentences.iter().map(|s| s.text.as_str()).collect()
}

fn about(drafted: &Drafted, about: About) -> Option<&str> {
    drafted
        .sentences
        .iter()
        .find(|s| s.about == about)
        .map(|s| s.text.as_str())
}

#[test]
fn the_gp_draft_gives_the_counts_the_feelings_and_what_helped_in_words() {
    let drafted = draft(
        &hard_fortnight(),
        &Ask::new(Audience::Gp, Period::TwoWeeks),
        today(),
    );
    assert_eq!(drafted.days_noted, 7);
    assert_eq!(
        texts(&drafted),
        [
            "I've been keeping a diary of how I feel, and I'd like to talk to you about it.",
            "In the last 2 weeks I noted my mood on 7 days: 5 of them were low days. On 2 of those low days I felt very low.",
            "The feelings that came up most were anxious (on 5 days) and tired (5 days).",
            "What came up most was sleeping badly (3 days).",
            "Something that seemed to help was going to a group: on the 2 days I went to a group, my mood was better than on the other days.",
            "There were better moments too, when I felt hopeful.",
            "I've had low days on and off for about a week, since about 30 November 2026.",
        ]
    );
}

#[test]
fn the_partner_draft_is_warmer_and_has_no_counts_of_feelings() {
    let drafted = draft(
        &hard_fortnight(),
        &Ask::new(Audience::Partner, Period::TwoWeeks),
        today(),
    );
    assert_eq!(
        about(&drafted, About::LowDays),
        Some("Over the last 2 weeks, 5 of the 7 days I noted down were low ones.")
    );
    assert_eq!(
        about(&drafted, About::Feelings),
        Some("I've often felt anxious and tired.")
    );
    assert_eq!(
        about(&drafted, About::Helped),
        Some("Going to a group seems to help me.")
    );
    assert_eq!(
        drafted.sentences.last().map(|s| s.text.as_str()),
        Some("I'm telling you because I trust you.")
    );
    let gp = draft(
        &hard_fortnight(),
        &Ask::new(Audience::Gp, Period::TwoWeeks),
        today(),
    );
    for (partner, gp) in drafted.sentences.iter().zip(&gp.sentences) {
        assert_ne!(
            partner.text, gp.text,
            "{:?} is worded the same for both",
            partner.about
        );
    }
}

#[test]
fn nothing_is_drafted_from_a_period_with_no_check_ins() {
    let old = vec![check_in(
        "old",
        NaiveDate::from_ymd_opt(2026, 9, 1).expect("day"),
        1,
        &[],
        &[],
    )];
    let drafted = draft(&old, &Ask::new(Audience::Gp, Period::TwoWeeks), today());
    assert!(drafted.no_check_ins());
    assert!(drafted.sentences.is_empty());
    // What the person chose themselves is still theirs to use.
    let mut ask = Ask::new(Audience::Gp, Period::TwoWeeks);
    ask.wishes.insert(Wish::TalkToSomeone);
    let drafted = draft(&old, &ask, today());
    assert_eq!(
        texts(&drafted),
        ["I'd like to talk to someone about how I've been feeling."]
    );
}

#[test]
fn what_helped_is_said_only_when_the_days_support_it() {
    // One group day is not a pattern.
    let mut entries = hard_fortnight();
    entries.retain(|e| e.id().as_str() != "group2");
    let drafted = draft(&entries, &Ask::new(Audience::Gp, Period::TwoWeeks), today());
    assert_eq!(about(&drafted, About::Helped), None);
    // Two group days that were no better than the others are not either.
    let same = vec![
        check_in("a", dec(1), 2, &[], &[Context::WentToGroup]),
        check_in("b", dec(2), 2, &[], &[Context::WentToGroup]),
        check_in("c", dec(3), 2, &[], &[]),
        check_in("d", dec(4), 2, &[], &[]),
    ];
    assert_eq!(
        about(
            &draft(&same, &Ask::new(Audience::Gp, Period::TwoWeeks), today()),
            About::Helped
        ),
        None
    );
}

#[test]
fn counts_are_days_not_check_ins_and_the_period_bounds_them() {
    let entries = vec![
        check_in("a", dec(7), 1, &[Feeling::Lonely], &[]),
        check_in("b", dec(7), 2, &[Feeling::Lonely], &[]),
        check_in("c", dec(6), 4, &[Feeling::Lonely], &[]),
        // Outside two weeks: not counted.
        check_in(
            "d",
            NaiveDate::from_ymd_opt(2026, 11, 20).expect("day"),
            1,
            &[Feeling::Lonely],
            &[],
        ),
    ];
    let drafted = draft(&entries, &Ask::new(Audience::Gp, Period::TwoWeeks), today());
    assert_eq!(
        about(&drafted, About::LowDays),
        Some("In the last 2 weeks I noted my mood on 2 days: 1 of them was a low day. That day I felt very low.")
    );
    assert_eq!(
        about(&drafted, About::Feelings),
        Some("The feeling that came up most was lonely (on 2 days).")
    );
    // A month reaches back to 8 November and includes the 20th.
    let month = draft(&entries, &Ask::new(Audience::Gp, Period::Month), today());
    assert_eq!(
        month.first_day,
        NaiveDate::from_ymd_opt(2026, 11, 8).expect("day")
    );
    assert_eq!(month.days_noted, 3);
    let since = draft(
        &entries,
        &Ask::new(Audience::Gp, Period::Since(dec(7))),
        today(),
    );
    assert_eq!(since.days_noted, 1);
    assert_eq!(
        about(&since, About::LowDays),
        Some("Since 7 December 2026 I have noted my mood on 1 day, and it has been a low day. That day I felt very low.")
    );
}

#[test]
fn only_the_three_most_frequent_feelings_are_named_and_scary_thoughts_are_their_own_sentence() {
    let all = [
        Feeling::Anxious,
        Feeling::Lonely,
        Feeling::Tired,
        Feeling::Overwhelmed,
    ];
    let entries = vec![
        check_in("a", dec(1), 2, &all, &[]),
        check_in("b", dec(2), 2, &all[..3], &[]),
        check_in(
            "c",
            dec(3),
            2,
            &[Feeling::Lonely, Feeling::ScaryThoughts],
            &[],
        ),
    ];
    let drafted = draft(
        &entries,
        &Ask::new(Audience::HealthVisitor, Period::TwoWeeks),
        today(),
    );
    assert_eq!(
        about(&drafted, About::Feelings),
        Some("The feelings that came up most were lonely (on 3 days), anxious (2 days) and tired (2 days).")
    );
    assert_eq!(
        about(&drafted, About::ScaryThoughts),
        Some("On 1 day I had scary or unwanted thoughts.")
    );
}

#[test]
fn the_self_check_is_included_only_when_chosen() {
    let mut answers = Answers::default();
    for (q, yes) in [
        (Question::Down, true),
        (Question::LittleInterest, false),
        (Question::WantHelp, true),
        (Question::OnEdge, true),
        (Question::Worrying, false),
        (Question::HarmThoughts, false),
    ] {
        answers.set(q, yes);
    }
    let mut ask = Ask::new(Audience::Gp, Period::TwoWeeks);
    assert_eq!(
        about(&draft(&hard_fortnight(), &ask, today()), About::SelfCheck),
        None
    );
    ask.self_check = Some(answers);
    assert_eq!(
        about(&draft(&hard_fortnight(), &ask, today()), About::SelfCheck),
        Some("When I answered the self-check questions about the past month, I said that I have often felt down, depressed or hopeless and I have often felt nervous, anxious or on edge. I said that I would like help with this.")
    );
    // Half-answered questions are not put into words.
    let mut half = Answers::default();
    half.set(Question::Down, true);
    ask.self_check = Some(half);
    assert_eq!(
        about(&draft(&hard_fortnight(), &ask, today()), About::SelfCheck),
        None
    );
}

#[test]
fn wishes_and_fears_are_added_in_order_with_the_audiences_wording() {
    let mut ask = Ask::new(Audience::SelfReferral, Period::TwoWeeks);
    ask.wishes = [Wish::BeReferred, Wish::TalkToSomeone, Wish::HelpAtHome]
        .into_iter()
        .collect();
    ask.fears = [Fear::NotIllEnough, Fear::BabyTaken].into_iter().collect();
    let drafted = draft(&[], &ask, today());
    assert_eq!(
        texts(&drafted),
        [
            "I'd like to talk to someone from your service.",
            "I'd like to be seen by your service, please.",
            // "More help at home" is not offered to a service, so not drafted.
            "I'm scared that if I say how I feel, my baby will be taken away from me.",
            "I'm not sure I'm ill enough to ask for help.",
        ]
    );
}

#[test]
fn how_long_goes_back_week_by_week_while_the_low_days_keep_coming() {
    let nov = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("day");
    let entries = vec![
        check_in("a", nov(2), 1, &[], &[]), // a gap week after this one
        check_in("b", nov(18), 2, &[], &[]),
        check_in("c", nov(26), 2, &[], &[]),
        check_in("d", dec(3), 1, &[], &[]),
    ];
    assert_eq!(going_on_since(&entries, today()), Some(nov(18)));
    let drafted = draft(&entries, &Ask::new(Audience::Gp, Period::TwoWeeks), today());
    assert_eq!(
        about(&drafted, About::HowLong),
        Some("I've had low days on and off for about 3 weeks, since about 18 November 2026.")
    );
    // One low day is not "going on".
    assert_eq!(going_on_since(&entries[3..], today()), None);
}

#[test]
fn the_kept_sentences_join_into_one_text_without_empty_ones() {
    assert_eq!(joined(["  One.", "", "Two. "]), "One.\n\nTwo.");
}

#[test]
fn a_saved_draft_is_checked_and_survives_storage() {
    let id = EntryId::parse("d1").expect("id");
    assert_eq!(
        SavedDraft::new(id.clone(), Audience::Gp, today(), "  ", 1),
        Err(SavedDraftError::Empty)
    );
    let long = "a".repeat(MAX_SAVED_CHARS + 1);
    assert!(matches!(
        SavedDraft::new(id.clone(), Audience::Gp, today(), &long, 1),
        Err(SavedDraftError::TooLong { .. })
    ));
    let saved = SavedDraft::new(id, Audience::Partner, today(), "I'm tired.", 3).expect("valid");
    let json = serde_json::to_string(&saved).expect("json");
    assert!(json.contains("\"audience\":\"partner\""), "{json}");
    assert_eq!(
        serde_json::from_str::<SavedDraft>(&json).expect("back"),
        saved
    );
}

#[test]
fn drafts_from_a_file_are_added_once_and_the_later_saved_version_wins() {
    let saved = |id: &str, text: &str, at: i64| {
        SavedDraft::new(
            EntryId::parse(id).expect("id"),
            Audience::Gp,
            today(),
            text,
            at,
        )
        .expect("draft")
    };
    let kept = vec![saved("a", "Old words.", 5)];
    let incoming = vec![
        saved("a", "Older words.", 3),
        saved("b", "New.", 1),
        saved("b", "Newer.", 2),
    ];
    assert_eq!(
        drafts_to_bring_in(&kept, incoming),
        vec![saved("b", "Newer.", 2)]
    );
    assert_eq!(
        drafts_to_bring_in(&kept, vec![saved("a", "Changed.", 6)]),
        vec![saved("a", "Changed.", 6)]
    );
    assert!(drafts_to_bring_in(&kept, kept.clone()).is_empty());
}

#[test]
fn a_stale_yes_to_wanting_help_is_not_said_once_both_mood_questions_are_no() {
    let mut answers = Answers::default();
    // "Yes" to feeling down brings the follow-up, answered "yes"; then the
    // person changes their mind about feeling down.
    answers.set(Question::Down, true);
    answers.set(Question::WantHelp, true);
    for q in [
        Question::Down,
        Question::LittleInterest,
        Question::OnEdge,
        Question::Worrying,
        Question::HarmThoughts,
    ] {
        answers.set(q, false);
    }
    let mut ask = Ask::new(Audience::Gp, Period::TwoWeeks);
    ask.self_check = Some(answers);
    assert_eq!(
        about(&draft(&[], &ask, today()), About::SelfCheck),
        Some("When I answered the self-check questions about the past month, I said no to each of them.")
    );
}

#[test]
fn low_days_all_in_the_last_week_are_said_to_have_started_then_and_long_runs_in_months() {
    let entries = vec![
        check_in("a", dec(3), 2, &[], &[]),
        check_in("b", dec(6), 1, &[], &[]),
    ];
    assert_eq!(
        about(
            &draft(&entries, &Ask::new(Audience::Gp, Period::TwoWeeks), today()),
            About::HowLong
        ),
        Some("These low days started in the last week.")
    );
    assert_eq!(
        about(
            &draft(
                &entries,
                &Ask::new(Audience::Partner, Period::TwoWeeks),
                today()
            ),
            About::HowLong
        ),
        Some("It started in the last week.")
    );
    // A low day every week since the start of September: about 3 months.
    let weekly: Vec<Entry> = (0..14)
        .map(|week| {
            check_in(
                &format!("w{week}"),
                today() - chrono::Days::new(week * 7 + 1),
                2,
                &[],
                &[],
            )
        })
        .collect();
    assert_eq!(
        about(
            &draft(
                &weekly,
                &Ask::new(Audience::Partner, Period::Month),
                today()
            ),
            About::HowLong
        ),
        Some("It's been like this for about 3 months, since about 6 September 2026.")
    );
}

#[test]
fn the_partner_draft_says_often_only_when_it_was_and_never_assumes_who_is_reading() {
    let mut entries = vec![
        check_in(
            "a",
            dec(1),
            2,
            &[Feeling::Lonely, Feeling::ScaryThoughts],
            &[Context::PartnerSupport],
        ),
        check_in(
            "b",
            dec(2),
            2,
            &[Feeling::Lonely],
            &[Context::PartnerSupport],
        ),
    ];
    for day in 3..=6 {
        entries.push(check_in(
            &format!("d{day}"),
            dec(day),
            if day < 5 { 4 } else { 5 },
            &[],
            &[],
        ));
    }
    // Support from a partner, on the two low days, did not help: no claim.
    let drafted = draft(
        &entries,
        &Ask::new(Audience::Partner, Period::TwoWeeks),
        today(),
    );
    assert_eq!(about(&drafted, About::Helped), None);
    assert_eq!(
        about(&drafted, About::Feelings),
        Some("At times I've felt lonely.")
    );
    assert_eq!(
        about(&drafted, About::ScaryThoughts),
        Some("One day I had scary or unwanted thoughts.")
    );
    assert_eq!(
        about(&drafted, About::LowDays),
        Some("Over the last 2 weeks, 2 of the 6 days I noted down were low ones.")
    );
    // When it did help, the sentence is about the partner, not "you".
    let helped = vec![
        check_in("a", dec(1), 4, &[], &[Context::PartnerSupport]),
        check_in("b", dec(2), 5, &[], &[Context::PartnerSupport]),
        check_in("c", dec(3), 2, &[], &[]),
        check_in("d", dec(4), 2, &[], &[]),
    ];
    assert_eq!(
        about(
            &draft(
                &helped,
                &Ask::new(Audience::Partner, Period::TwoWeeks),
                today()
            ),
            About::Helped
        ),
        Some("Support from my partner seems to help me.")
    );
}

#[test]
fn a_month_from_the_31st_starts_on_the_first_of_a_short_month_plus_one() {
    let march_31 = NaiveDate::from_ymd_opt(2027, 3, 31).expect("day");
    assert_eq!(
        Period::Month.first_day(march_31),
        NaiveDate::from_ymd_opt(2027, 3, 1).expect("day")
    );
    let first_of_march = NaiveDate::from_ymd_opt(2027, 3, 1).expect("day");
    assert_eq!(
        Period::Month.first_day(first_of_march),
        NaiveDate::from_ymd_opt(2027, 2, 2).expect("day")
    );
    assert_eq!(
        Period::TwoWeeks.first_day(today()),
        dec(7) - chrono::Days::new(13)
    );
    // A chosen day after today is today.
    assert_eq!(Period::Since(dec(20)).first_day(today()), today());
}

fn any_entry() -> impl Strategy<Value = Entry> {
    (
        0u64..60,
        1u8..=5,
        proptest::collection::btree_set(proptest::sample::select(Feeling::ALL.to_vec()), 0..4),
        proptest::collection::btree_set(proptest::sample::select(Context::ALL.to_vec()), 0..3),
        "[a-z0-9]{1,8}",
    )
        .prop_map(|(back, mood, feelings, context, id)| {
            Entry::new(
                Draft {
                    id: EntryId::parse(&id).expect("id"),
                    day: today()
                        .checked_sub_days(chrono::Days::new(back))
                        .expect("day"),
                    time: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
                    mood: Mood::from_score(mood).expect("mood"),
                    feelings,
                    context,
                    note: String::new(),
                    saved_at: 1,
                },
                today(),
            )
            .expect("valid")
        })
}

proptest! {
    /// Whatever the diary holds, the draft's numbers are true and it never
    /// claims more low days than days noted, nor speaks from an empty period.
    #[test]
    fn the_draft_never_claims_more_than_the_diary_holds(
        entries in proptest::collection::vec(any_entry(), 0..40),
        audience in proptest::sample::select(Audience::ALL.to_vec()),
        period in proptest::sample::select(vec![Period::TwoWeeks, Period::Month, Period::Since(dec(1))]),
    ) {
        let drafted = draft(&entries, &Ask::new(audience, period), today());
        let first = period.first_day(today());
        let noted: BTreeSet<NaiveDate> = entries.iter().map(|e| e.day()).filter(|d| (first..=today()).contains(d)).collect();
        prop_assert_eq!(drafted.days_noted, noted.len());
        prop_assert_eq!(drafted.sentences.is_empty(), noted.is_empty());
        for sentence in &drafted.sentences {
            prop_assert!(!sentence.text.contains("  ") && sentence.text.ends_with(['.', '?']), "{}", sentence.text);
            prop_assert!(!sentence.text.to_lowercase().contains("depression"), "no diagnosis: {}", sentence.text);
        }
        // The numbers are the diary's: days noted, and low days among them.
        let days = crate::mood::insights::days(&entries, first, today());
        let low = days.iter().filter(|d| d.is_low()).count();
        if let Some(sentence) = drafted.sentences.iter().find(|s| s.about == About::LowDays) {
            if audience == Audience::Partner {
                if low > 0 && low < noted.len() {
                    prop_assert!(sentence.text.contains(&format!("{low} of the {} days", noted.len())), "{}", sentence.text);
                }
            } else {
                let on = if noted.len() == 1 { "on 1 day".to_owned() } else { format!("on {} days", noted.len()) };
                prop_assert!(sentence.text.contains(&on), "{}", sentence.text);
                if low > 0 && low < noted.len() {
                    prop_assert!(sentence.text.contains(&format!(": {low} of them")), "{}", sentence.text);
                }
            }
        }
        if audience == Audience::Partner {
            prop_assert!(drafted.sentences.iter().all(|s| s.about != About::Feelings || !s.text.contains("days")));
        }
    }
}
