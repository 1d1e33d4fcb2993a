use super::*;
use crate::calendar::{
    filters::Mode,
    schedule::{Exception, GroupTimes, Reach, Recurrence, Schedule, ScheduleParts, TermBehaviour},
    term::tests::{date, riverside},
    week::tests::group,
};
use chrono::Weekday;
use proptest::prelude::*;

fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    day.and_hms_opt(h, m, 0).expect("a valid time")
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
}

/// Riverside's groups: a term-time Thursday group (the one followed), a
/// term-time Tuesday group, an all-year online Wednesday evening group, a
/// holiday-only Monday playgroup, and one nobody has confirmed for years.
fn riverside_groups() -> Vec<Group> {
    let mut stale = group(
        "stale-walk",
        Weekday::Mon,
        9,
        TermBehaviour::AllYear,
        Attendance::InPerson,
    );
    stale.last_confirmed = date(2024, 1, 1);
    vec![
        group(
            "bumps",
            Weekday::Thu,
            10,
            TermBehaviour::TermTimeOnly,
            Attendance::InPerson,
        ),
        group(
            "tuesday-chat",
            Weekday::Tue,
            10,
            TermBehaviour::TermTimeOnly,
            Attendance::InPerson,
        ),
        group(
            "night-owls",
            Weekday::Wed,
            19,
            TermBehaviour::AllYear,
            Attendance::Online,
        ),
        group(
            "summer-play",
            Weekday::Mon,
            10,
            TermBehaviour::HolidaysOnly,
            Attendance::InPerson,
        ),
        stale,
    ]
}

/// One group's outlook, its alternatives found among `neighbours`.
fn outlook_among<G: AsRef<Group>>(
    group: &Group,
    neighbours: &[G],
    filters: &Filters,
    today: NaiveDate,
) -> GroupOutlook {
    let terms = riverside();
    let mut instead = Alternatives::new(neighbours, &terms, filters, today);
    outlook(group, &terms, &mut instead, today)
}

fn outlook_of(id: &str, filters: &Filters, today: NaiveDate) -> GroupOutlook {
    let groups = riverside_groups();
    let followed = groups
        .iter()
        .find(|g| g.id.as_str() == id)
        .expect("a sample group");
    outlook_among(followed, &groups, filters, today)
}

fn titles(alternatives: &[Alternative]) -> Vec<&str> {
    alternatives.iter().map(|a| a.title.as_str()).collect()
}

#[test]
fn in_the_holidays_a_term_time_group_is_on_a_break_with_its_return_and_what_still_runs() {
    // Tuesday 22 December 2026: the Christmas holidays run 19 December to 4 January.
    let today = date(2026, 12, 22);
    let bumps = outlook_of("bumps", &Filters::default(), today);
    let christmas = &bumps.breaks[0];
    assert_eq!(christmas.name, "Christmas holidays");
    assert_eq!(christmas.back_on, Some(date(2027, 1, 7)));
    // What runs in the break, soonest first; not the other term-time
    // group, and never the one that may have stopped.
    assert_eq!(
        titles(&christmas.instead),
        ["night-owls", "summer-play"],
        "{:?}",
        christmas.instead
    );
    assert_eq!(christmas.instead[0].meets[0].date, date(2026, 12, 23));
    // Every time it meets in the break is kept, so a copy read later knows the next.
    assert_eq!(
        christmas.instead[0]
            .next(date(2026, 12, 24))
            .map(|m| m.date),
        Some(date(2026, 12, 30))
    );
    assert!(christmas.instead[0].from_home);

    let said = news(&bumps, at(today, 9, 0), today + Duration::days(42));
    assert_eq!(
        said,
        [
            News::Next(PlannedSession {
                date: date(2027, 1, 7),
                starts: time(10, 0),
                ends: time(11, 30),
                cancelled: None,
            }),
            News::OnBreak {
                name: "Christmas holidays".into(),
                first: date(2026, 12, 19),
                back_on: Some(date(2027, 1, 7)),
                instead: christmas.instead.clone(),
            },
        ]
    );
}

#[test]
fn where_term_dates_end_the_break_has_no_return_and_the_panel_says_to_check() {
    // The test calendar knows 2026-27 only: in the summer, the return is not known.
    let today = date(2027, 8, 26);
    let bumps = outlook_of("bumps", &Filters::default(), today);
    assert_eq!(bumps.breaks[0].back_on, None);
    assert_eq!(bumps.term_dates_unknown_from, Some(date(2027, 9, 2)));
    let said = news(&bumps, at(today, 9, 0), today + Duration::days(42));
    assert!(said.contains(&News::TermDatesUnknown {
        from: date(2027, 9, 2)
    }));
}

#[test]
fn alternatives_fit_the_same_filters() {
    let today = date(2026, 12, 22);
    let in_person = Filters {
        mode: Some(Mode::InPerson),
        ..Filters::default()
    };
    let bumps = outlook_of("bumps", &in_person, today);
    assert_eq!(titles(&bumps.breaks[0].instead), ["summer-play"]);
}

#[test]
fn a_break_starting_within_the_week_is_said_before_it_starts() {
    // Monday 14 December 2026; the Christmas holidays start on Saturday 19th.
    let today = date(2026, 12, 14);
    let bumps = outlook_of("bumps", &Filters::default(), today);
    let said = news(&bumps, at(today, 8, 0), today + Duration::days(42));
    assert!(matches!(&said[0], News::Next(s) if s.date == date(2026, 12, 17)));
    assert!(said.iter().any(|n| matches!(n,
        News::OnBreak { name, back_on: Some(back), .. } if name == "Christmas holidays" && *back == date(2027, 1, 7))));
    // A fortnight before, it is not news yet.
    let earlier = news(&bumps, at(date(2026, 12, 4), 8, 0), date(2027, 1, 15));
    assert!(!earlier.iter().any(|n| matches!(n, News::OnBreak { .. })));
}

#[test]
fn the_next_session_is_the_first_not_over_and_not_cancelled_and_a_cancellation_this_week_says_why()
{
    let mut bumps = riverside_groups().remove(0);
    bumps.times = GroupTimes::new(
        Reach::Area,
        bumps.times.schedules().to_vec(),
        vec![Exception::Cancelled {
            date: date(2026, 12, 10),
            reason: "The hall is flooded".into(),
        }],
    )
    .expect("valid");
    let today = date(2026, 12, 3); // a Thursday, the group meets 10:00 to 11:30
    let kept = outlook_among(&bumps, &[&bumps], &Filters::default(), today);
    let until = today + Duration::days(42);
    // Before it ends today, today's session is next.
    assert!(matches!(&news(&kept, at(today, 11, 0), until)[0], News::Next(s) if s.date == today));
    // Once it is over, next week's is cancelled: the one after is next, and
    // the cancellation is said only in its own week.
    let after = news(&kept, at(today, 11, 31), until);
    assert!(matches!(&after[0], News::Next(s) if s.date == date(2026, 12, 17)));
    assert!(!after.iter().any(|n| matches!(n, News::Cancelled { .. })));
    let that_week = news(&kept, at(date(2026, 12, 7), 9, 0), until);
    assert_eq!(
        that_week[1],
        News::Cancelled {
            date: date(2026, 12, 10),
            reason: "The hall is flooded".into()
        }
    );
}

fn course(until: NaiveDate, next_start: Option<NaiveDate>) -> Group {
    let mut calmer = riverside_groups().remove(1);
    let schedule = Schedule::new(ScheduleParts {
        recurrence: Recurrence::Weeks {
            interval: 1,
            weekday: Weekday::Tue,
        },
        starts: time(10, 0),
        ends: time(11, 30),
        valid_from: date(2026, 10, 6),
        valid_until: Some(until),
        term_behaviour: TermBehaviour::TermTimeOnly,
        skips_bank_holidays: false,
    })
    .expect("valid");
    calmer.times = GroupTimes::new(Reach::Area, vec![schedule], vec![]).expect("valid");
    calmer.facts.next_course_start = next_start;
    calmer
}

#[test]
fn a_course_ending_soon_says_when_the_next_starts_and_what_to_try_meanwhile() {
    let today = date(2026, 12, 7);
    let calmer = course(date(2026, 12, 18), Some(date(2027, 1, 12)));
    let mut neighbours = riverside_groups();
    neighbours.push(calmer.clone());
    let kept = outlook_among(&calmer, &neighbours, &Filters::default(), today);
    let end = kept
        .course_end
        .clone()
        .expect("the course ends within four weeks");
    assert_eq!(end.last, date(2026, 12, 15));
    assert_eq!(end.next_start, Some(date(2027, 1, 12)));
    // From the day after: the Wednesday online group first (16 Dec), then
    // Thursday's term-time group (17 Dec).
    assert_eq!(titles(&end.instead), ["night-owls", "bumps", "summer-play"]);
    let said = news(&kept, at(today, 9, 0), today + Duration::days(42));
    assert!(said.contains(&News::CourseEnds(end)));

    // A course ending in March is not news in December.
    let long = course(date(2027, 3, 16), None);
    let kept = outlook_among(&long, &neighbours, &Filters::default(), today);
    assert_eq!(kept.course_end, None);
    // A next start given before the end is not "the next course".
    let odd = course(date(2026, 12, 18), Some(date(2026, 11, 1)));
    let kept = outlook_among(&odd, &neighbours, &Filters::default(), today);
    assert_eq!(kept.course_end.map(|e| e.next_start), Some(None));
}

#[test]
fn after_its_last_session_a_course_says_it_has_ended_and_nothing_else_is_invented() {
    let calmer = course(date(2026, 12, 18), None);
    let today = date(2026, 12, 16);
    let kept = outlook_among(&calmer, &[&calmer], &Filters::default(), today);
    let said = news(&kept, at(today, 9, 0), today + Duration::days(42));
    assert_eq!(
        said,
        [News::CourseEnds(CourseEnd {
            last: date(2026, 12, 15),
            next_start: None,
            instead: vec![],
        })]
    );
}

#[test]
fn new_members_are_news_only_when_the_organiser_said_no() {
    let mut bumps = riverside_groups().remove(0);
    let today = date(2026, 12, 7);
    let said = |g: &Group| {
        news(
            &outlook_among(g, &[g], &Filters::default(), today),
            at(today, 9, 0),
            today + Duration::days(42),
        )
    };
    assert!(!said(&bumps).contains(&News::NotTakingNewMembers));
    bumps.facts.taking_new_members = Some(true);
    assert!(!said(&bumps).contains(&News::NotTakingNewMembers));
    bumps.facts.taking_new_members = Some(false);
    assert!(said(&bumps).contains(&News::NotTakingNewMembers));
}

#[test]
fn a_copy_says_its_age_and_when_it_has_run_out() {
    let made = date(2026, 12, 7);
    let copy = Outlook {
        made,
        until: made + Duration::days(42),
        groups: vec![],
        gone: vec![],
    };
    assert_eq!(copy.age(made), CopyAge::Today);
    assert_eq!(copy.age(date(2026, 12, 10)), CopyAge::Days(3));
    assert_eq!(copy.age(date(2027, 1, 18)), CopyAge::RunOut);
    // A phone whose clock is behind the server's cannot trust it either.
    assert_eq!(copy.age(date(2026, 12, 6)), CopyAge::RunOut);
}

#[test]
fn a_copy_read_later_in_the_week_says_what_is_still_to_come() {
    let made = date(2026, 12, 7);
    let bumps = outlook_of("bumps", &Filters::default(), made);
    // Read on Friday, with no signal: Thursday's session is past.
    let said = news(
        &bumps,
        at(date(2026, 12, 11), 9, 0),
        made + Duration::days(42),
    );
    assert!(matches!(&said[0], News::Next(s) if s.date == date(2026, 12, 17)));
    // Once the copy's sessions are all past, it says so rather than nothing.
    let late = news(&bumps, at(date(2027, 1, 17), 9, 0), date(2027, 1, 18));
    assert_eq!(
        late,
        [News::NoSessionKnown {
            until: date(2027, 1, 18)
        }]
    );
}

proptest! {
    /// On any day and time in the copy's weeks, the panel never names a
    /// session that is over, nor suggests a group on a day gone by.
    #[test]
    fn news_never_points_to_the_past(made in 0i64..700, later in 0i64..42, minutes in 0u32..1440) {
        let made = date(2026, 9, 1) + Duration::days(made);
        let now = at(made + Duration::days(later), minutes / 60, minutes % 60);
        let until = made + Duration::days(i64::from(OUTLOOK_DAYS));
        for id in ["bumps", "tuesday-chat", "night-owls", "summer-play"] {
            let kept = outlook_of(id, &Filters::default(), made);
            for said in news(&kept, now, until) {
                match said {
                    News::Next(session) => prop_assert!(session.date.and_time(session.ends) > now),
                    News::Cancelled { date, .. } => prop_assert!(date >= now.date()),
                    News::OnBreak { instead, .. } => prop_assert!(instead.iter().all(|a| a.next(now.date()).is_some())),
                    News::CourseEnds(end) => prop_assert!(end.instead.iter().all(|a| a.next(now.date()).is_some())),
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn alternatives_are_worked_out_once_per_window_for_every_followed_group_of_the_area() {
    let today = date(2026, 12, 22);
    let mut groups = riverside_groups();
    // Fifty term-time groups followed, all on the Christmas break.
    for n in 0..50 {
        groups.push(group(
            &format!("followed-{n}"),
            Weekday::Thu,
            10,
            TermBehaviour::TermTimeOnly,
            Attendance::InPerson,
        ));
    }
    let terms = riverside();
    let filters = Filters::default();
    let mut instead = Alternatives::new(&groups, &terms, &filters, today);
    for followed in groups
        .iter()
        .filter(|g| g.id.as_str().starts_with("followed-"))
    {
        let kept = outlook(followed, &terms, &mut instead, today);
        assert_eq!(
            titles(&kept.breaks[0].instead),
            ["night-owls", "summer-play"]
        );
    }
    assert_eq!(instead.windows_worked_out(), 1);
}

#[test]
fn a_group_not_taking_new_members_is_never_suggested_instead() {
    let today = date(2026, 12, 22);
    let mut groups = riverside_groups();
    groups[2].facts.taking_new_members = Some(false); // night-owls
    let kept = outlook_among(&groups[0], &groups, &Filters::default(), today);
    assert_eq!(titles(&kept.breaks[0].instead), ["summer-play"]);
}

#[test]
fn a_group_meeting_more_often_than_the_list_holds_says_where_its_list_stops() {
    let mut daily = riverside_groups().remove(2);
    let schedules: Vec<Schedule> = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .flat_map(|weekday| {
        [9, 19].map(|hour| {
            Schedule::new(ScheduleParts {
                recurrence: Recurrence::Weeks {
                    interval: 1,
                    weekday,
                },
                starts: time(hour, 0),
                ends: time(hour + 1, 0),
                valid_from: date(2026, 9, 1),
                valid_until: None,
                term_behaviour: TermBehaviour::AllYear,
                skips_bank_holidays: false,
            })
            .expect("valid")
        })
    })
    .collect();
    daily.times = GroupTimes::new(Reach::National, schedules, vec![]).expect("valid");
    let today = date(2026, 12, 7);
    let kept = outlook_among(&daily, &[&daily], &Filters::default(), today);
    assert_eq!(kept.sessions.len(), MAX_SESSIONS);
    assert_eq!(kept.sessions_until, Some(date(2026, 12, 28)));
    // Read past where its list stops, it says nothing is known rather than inventing.
    let said = news(
        &kept,
        at(date(2026, 12, 29), 9, 0),
        today + Duration::days(42),
    );
    assert_eq!(
        said,
        [News::NoSessionKnown {
            until: date(2026, 12, 28)
        }]
    );
}

#[test]
fn a_break_ahead_says_when_it_starts_and_a_next_course_start_that_has_passed_is_dropped() {
    let today = date(2026, 12, 14);
    let bumps = outlook_of("bumps", &Filters::default(), today);
    let said = news(&bumps, at(today, 8, 0), today + Duration::days(42));
    assert!(said
        .iter()
        .any(|n| matches!(n, News::OnBreak { first, .. } if *first == date(2026, 12, 19))));

    let calmer = course(date(2026, 12, 18), Some(date(2027, 1, 12)));
    let kept = outlook_among(&calmer, &[&calmer], &Filters::default(), date(2026, 12, 7));
    let later = news(&kept, at(date(2027, 1, 13), 9, 0), date(2027, 1, 18));
    assert!(later
        .iter()
        .any(|n| matches!(n, News::CourseEnds(end) if end.next_start.is_none())));
}
