//! The iCalendar feeds, read back with independent parsers (`icalendar` for
//! the document, `rrule` for the recurrences) and compared, session by
//! session, with the sessions the API expands for the whole school year.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeSet;

use crate::helpers::{feed_exdates, feed_sessions, feed_values, run, spawn_app_with, TestApp};

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
    feed_sessions(ics, date(FIRST), date(LAST))
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
        // Read as calendar programs read it, never searched as raw text.
        // The sample knows term dates to the summer of 2028.
        assert_eq!(
            feed_values(&ics, "RRULE"),
            ["FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20280718T090000Z"]
        );
        let left_out = feed_exdates(&ics);
        assert!(
            left_out.contains(&date("2026-10-27")),
            "October half term is an EXDATE"
        );
        assert!(
            left_out.contains(&date("2026-12-08")),
            "the cancellation is an EXDATE"
        );
        assert!(
            feed_values(&ics, "UID")
                .contains(&"sample-tuesday-talk-extra-20261222T1000@village".to_owned()),
            "the extra session is its own event"
        );
        let promised = feed_sessions(&ics, date(FIRST), date("2029-12-31"));
        assert!(promised.iter().all(|at| at.date() <= date("2028-07-18")));
        assert!(promised.iter().any(|at| at.date() == date("2028-07-18")));
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
