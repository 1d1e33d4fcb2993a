//! The iCalendar feeds, read back with independent parsers (`icalendar` for
//! the document, `rrule` for the recurrences) and compared, session by
//! session, with the sessions the API expands for the whole school year.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use icalendar::parser::{read_calendar, unfold};
use rrule::RRuleSet;
use std::collections::BTreeSet;

use crate::helpers::{run, spawn_app_with, TestApp};

const FIRST: &str = "2026-09-01";
const LAST: &str = "2027-09-01";

fn date(raw: &str) -> NaiveDate {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").expect("a date")
}

async fn sample_app() -> TestApp {
    spawn_app_with(|config| {
        config.sample_data = true;
        config.today = Some(date("2026-12-07"));
    })
    .await
}

/// Every running session of a group the API lists in the school year, as
/// local start times.
async fn expanded(app: &TestApp, group: &str) -> BTreeSet<NaiveDateTime> {
    let mut found = BTreeSet::new();
    let mut from = date(FIRST);
    while from <= date(LAST) {
        let days = (date(LAST) - from).num_days().min(61) + 1;
        let body: serde_json::Value = app
            .get(&format!(
                "/api/v1/areas/sample-riverside/sessions?from={from}&days={days}"
            ))
            .await
            .json()
            .await
            .expect("json");
        for session in body["sessions"].as_array().expect("sessions") {
            if session["group_id"] == group && session["cancelled"] == false {
                let at = format!(
                    "{} {}",
                    session["date"].as_str().unwrap_or_default(),
                    session["start"].as_str().unwrap_or_default()
                );
                found.insert(NaiveDateTime::parse_from_str(&at, "%Y-%m-%d %H:%M").expect("a time"));
            }
        }
        from += Duration::days(days);
    }
    found
}

/// Every session a feed promises in the school year, by an independent reading.
fn promised(ics: &str) -> BTreeSet<NaiveDateTime> {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).expect("the feed parses as iCalendar");
    let mut found = BTreeSet::new();
    let window = (
        date(FIRST).and_hms_opt(0, 0, 0).expect("midnight"),
        date(LAST).and_hms_opt(23, 59, 0).expect("late"),
    );
    for component in calendar.components.iter().filter(|c| c.name == "VEVENT") {
        let lines: Vec<String> = component
            .properties
            .iter()
            .filter(|p| matches!(p.name.as_str(), "DTSTART" | "RRULE" | "EXDATE" | "RDATE"))
            .map(|p| {
                let params: String = p
                    .params
                    .iter()
                    .map(|param| {
                        format!(
                            ";{}={}",
                            param.key.as_str(),
                            param.val.as_ref().map(|v| v.as_str()).unwrap_or_default()
                        )
                    })
                    .collect();
                format!("{}{params}:{}", p.name, p.val)
            })
            .collect();
        assert!(
            component.find_prop("SUMMARY").is_some(),
            "every event has a summary"
        );
        assert!(
            component.find_prop("UID").is_some(),
            "every event has a UID"
        );
        if lines.iter().any(|l| l.starts_with("RRULE")) {
            let set: RRuleSet = lines
                .join("\n")
                .parse()
                .expect("rrule reads the recurrence");
            for at in set.all(2000).dates {
                let local = at.naive_local();
                if window.0 <= local && local <= window.1 {
                    found.insert(local);
                }
            }
        } else {
            let start = lines
                .iter()
                .find(|l| l.starts_with("DTSTART"))
                .expect("a start");
            let value = start.rsplit(':').next().unwrap_or_default();
            let local =
                NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").expect("a local time");
            if window.0 <= local && local <= window.1 {
                found.insert(local);
            }
        }
    }
    found
}

#[test]
fn each_groups_feed_promises_exactly_the_sessions_of_the_school_year() {
    run(async {
        let app = sample_app().await;
        let groups: Vec<String> = {
            let body: serde_json::Value = app
                .get(&format!(
                    "/api/v1/areas/sample-riverside/sessions?from={FIRST}&days=62"
                ))
                .await
                .json()
                .await
                .expect("json");
            let mut ids: Vec<String> = body["sessions"]
                .as_array()
                .expect("list")
                .iter()
                .filter_map(|s| s["group_id"].as_str().map(str::to_owned))
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        assert!(
            groups.len() >= 15,
            "most sample groups meet in September: {groups:?}"
        );
        for group in &groups {
            let response = app
                .get(&format!("/api/v1/groups/{group}/calendar.ics"))
                .await;
            assert_eq!(response.status(), 200, "{group}");
            assert_eq!(
                response.headers()["content-type"],
                "text/calendar; charset=utf-8"
            );
            let ics = response.text().await.expect("body");
            assert!(
                ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"),
                "{group}"
            );
            assert!(
                ics.lines().all(|l| l.len() <= 75),
                "{group}: lines are folded"
            );
            let promised = promised(&ics);
            let expected = expanded(&app, group).await;
            assert_eq!(
                promised, expected,
                "{group}: the feed and the expansion disagree"
            );
        }
        app.stop().await;
    })
}

#[test]
fn term_time_feeds_skip_breaks_and_stop_with_the_known_term_dates() {
    run(async {
        let app = sample_app().await;
        let ics = app
            .get("/api/v1/groups/sample-tuesday-talk/calendar.ics")
            .await
            .text()
            .await
            .expect("body");
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20270720T090000Z"),
            "{unfolded}"
        );
        assert!(
            unfolded.contains("20261027T100000"),
            "October half term is an EXDATE"
        );
        assert!(
            unfolded.contains("20261208T100000"),
            "the cancellation is an EXDATE"
        );
        assert!(
            unfolded.contains("UID:sample-tuesday-talk-extra-20261222T1000@village"),
            "the extra session is its own event"
        );
        let promised = promised(&ics);
        assert!(promised.iter().all(|at| at.date() <= date("2027-07-21")));
        app.stop().await;
    })
}

#[test]
fn a_personal_feed_holds_the_chosen_groups_and_refuses_bad_ids() {
    run(async {
        let app = sample_app().await;
        let response = app
            .get("/api/v1/feeds/calendar.ics?groups=sample-tuesday-talk,sample-night-owls")
            .await;
        assert_eq!(response.status(), 200);
        let ics = response.text().await.expect("body");
        assert!(ics.contains("SUMMARY:Tuesday Talk and Tea"));
        assert!(ics.contains("SUMMARY:Night Owls online chat"));
        assert!(!ics.contains("SUMMARY:Rhyme Time"));

        let missing = app
            .get("/api/v1/feeds/calendar.ics?groups=sample-tuesday-talk,no-such-group")
            .await;
        assert_eq!(missing.status(), 404);
        let body: serde_json::Value = missing.json().await.expect("json");
        assert_eq!(body["error"], "There is no group no-such-group.");
        let bad = app.get("/api/v1/feeds/calendar.ics?groups=Bad%20Id").await;
        assert_eq!(bad.status(), 400);
        let none = app.get("/api/v1/feeds/calendar.ics").await;
        assert_eq!(none.status(), 400);
        app.stop().await;
    })
}
