//! The public read API over the sample data, on the backend under test.

use serde_json::Value;

use crate::helpers::{json, run, sample_app};

fn titles(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["title"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn areas_are_listed_with_id_and_name() {
    run(async {
        let app = sample_app().await;
        let (status, body) = json(&app, "/api/v1/areas").await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            serde_json::json!([{ "id": "sample-riverside", "name": "Riverside" }])
        );
        app.stop().await;
    })
}

#[test]
fn a_term_time_week_lists_sessions_morning_first_with_cancellations() {
    run(async {
        let app = sample_app().await;
        let (status, body) = json(
            &app,
            "/api/v1/areas/sample-riverside/sessions?from=2026-12-07&days=7",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["area"]["name"], "Riverside");
        assert_eq!(body["from"], "2026-12-07");
        assert_eq!(body["to"], "2026-12-13");
        assert_eq!(body["breaks"], serde_json::json!([]));
        let sessions = body["sessions"].as_array().expect("a list");
        let tuesday: Vec<&Value> = sessions
            .iter()
            .filter(|s| s["date"] == "2026-12-08")
            .collect();
        let starts: Vec<&str> = tuesday.iter().filter_map(|s| s["start"].as_str()).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted, "morning first");
        let talk = tuesday
            .iter()
            .find(|s| s["group_id"] == "sample-tuesday-talk")
            .expect("Tuesday Talk is listed");
        assert_eq!(talk["cancelled"], true);
        assert_eq!(
            talk["cancel_reason"],
            "The hall is booked for the Christmas fair"
        );
        assert_eq!(talk["start"], "10:00");
        assert_eq!(talk["starts_at"], "2026-12-08T10:00:00Z");
        // National online groups show in the area too.
        assert!(sessions
            .iter()
            .any(|s| s["group_id"] == "sample-night-owls"));
        // The baby massage moved from Thursday to Friday.
        let moved = sessions
            .iter()
            .find(|s| s["group_id"] == "sample-baby-massage")
            .expect("moved session");
        assert_eq!(moved["date"], "2026-12-11");
        assert_eq!(moved["kind"], "moved");
        assert_eq!(moved["moved_from"], "2026-12-10");
        // Holiday programmes do not run in term.
        assert!(!sessions
            .iter()
            .any(|s| s["group_id"] == "sample-holiday-play"));
        assert_eq!(body["paused"], serde_json::json!([]));
        app.stop().await;
    })
}

#[test]
fn a_summer_week_names_the_break_and_who_is_paused_until_when() {
    run(async {
        let app = sample_app().await;
        let (status, body) = json(
            &app,
            "/api/v1/areas/sample-riverside/sessions?from=2027-08-02&days=7",
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            body["breaks"],
            serde_json::json!([{ "name": "Summer holidays", "kind": "holiday", "start": "2027-07-22", "end": "2027-09-01" }])
        );
        let paused = titles(&body["paused"]);
        for term_time in [
            "Tuesday Talk and Tea",
            "Stay and Play",
            "Rhyme Time",
            "Baby Massage",
        ] {
            assert!(
                paused.iter().any(|t| t == term_time),
                "{term_time} is paused: {paused:?}"
            );
        }
        let sessions = titles(&body["sessions"]);
        assert!(sessions.iter().any(|t| t == "Holiday Play Mornings"));
        assert!(!sessions.iter().any(|t| t == "Tuesday Talk and Tea"));
        let cancelled = body["sessions"]
            .as_array()
            .and_then(|s| s.iter().find(|s| s["group_id"] == "sample-evening-circle"))
            .expect("the evening circle is listed");
        assert_eq!(cancelled["cancelled"], true);
        app.stop().await;
    })
}

#[test]
fn bad_parameters_get_a_400_that_says_what_was_wrong() {
    run(async {
        let app = sample_app().await;
        for (path, needle) in [
            (
                "/api/v1/areas/sample-riverside/sessions?from=2026-12-07&days=0",
                "days must be a whole number from 1 to 62",
            ),
            (
                "/api/v1/areas/sample-riverside/sessions?from=2026-12-07&days=63",
                "not \"63\"",
            ),
            (
                "/api/v1/areas/sample-riverside/sessions?from=2026-12-07&days=seven",
                "not \"seven\"",
            ),
            (
                "/api/v1/areas/sample-riverside/sessions?from=7%2F12%2F2026",
                "from: \"7/12/2026\" is not a date like 2026-12-07",
            ),
            // Regression: a signed year far past chrono's range made a monthly
            // group's expansion loop for ever, stalling a worker per request.
            (
                "/api/v1/areas/sample-riverside/sessions?from=%2B262142-11-01&days=45",
                "is not a date like 2026-12-07",
            ),
            (
                "/api/v1/areas/sample-riverside/sessions?from=2031-12-08",
                "too far ahead: dates can be up to 2031-12-07",
            ),
            (
                "/api/v1/areas/sample-riverside/sessions?from=1999-12-31",
                "too long ago",
            ),
            (
                "/api/v1/areas/sample-riverside/sessions",
                "Add from=YYYY-MM-DD",
            ),
            (
                "/api/v1/areas/Not%20An%20Area/sessions?from=2026-12-07",
                "area id",
            ),
            ("/api/v1/groups/Bad%20Id", "is not a group id"),
        ] {
            let started = std::time::Instant::now();
            let (status, body) = json(&app, path).await;
            assert!(
                started.elapsed() < std::time::Duration::from_secs(1),
                "{path}"
            );
            assert_eq!(status, 400, "{path}");
            let message = body["error"].as_str().unwrap_or_default();
            assert!(message.contains(needle), "{path}: {message}");
        }
        // A feed of more than 50 groups is refused while its ids are read.
        let many: Vec<String> = (0..2000).map(|n| format!("g{n}")).collect();
        let started = std::time::Instant::now();
        let (status, body) = json(
            &app,
            &format!("/api/v1/feeds/calendar.ics?groups={}", many.join(",")),
        )
        .await;
        assert_eq!(status, 400);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(body["error"], "A feed can follow at most 50 groups.");
        let (status, body) = json(&app, "/api/v1/areas/nowhere/sessions?from=2026-12-07").await;
        assert_eq!(status, 404);
        assert_eq!(body["error"], "There is no area \"nowhere\".");
        let (status, _) = json(&app, "/api/v1/groups/no-such-group").await;
        assert_eq!(status, 404);
        let (status, _) = json(&app, "/api/v1/nothing-here").await;
        assert_eq!(status, 404);
        app.stop().await;
    })
}

#[test]
fn a_group_says_its_term_behaviour_and_keeps_private_links_private() {
    run(async {
        let app = sample_app().await;
        let (status, body) = json(&app, "/api/v1/groups/sample-tuesday-talk").await;
        assert_eq!(status, 200);
        assert_eq!(body["term_behaviour"], "term_time_only");
        assert_eq!(body["venue"]["name"], "St Mark's Church Hall");
        assert_eq!(body["organisation"]["name"], "Riverside Parents Together");
        let (_, holiday) = json(&app, "/api/v1/groups/sample-holiday-play").await;
        assert_eq!(holiday["term_behaviour"], "holidays_only");
        let (_, public) = json(&app, "/api/v1/groups/sample-online-circle").await;
        assert_eq!(
            public["joining"]["link"],
            "https://meet.example.org/bumps-and-babies"
        );
        let (_, private) = json(&app, "/api/v1/groups/sample-night-owls").await;
        assert_eq!(private["joining"]["link"], Value::Null);
        let raw = app
            .get("/api/v1/groups/sample-night-owls")
            .await
            .text()
            .await
            .expect("body");
        assert!(
            !raw.contains("private-room"),
            "a private joining link must never be published"
        );
        app.stop().await;
    })
}

#[test]
fn answers_carry_an_etag_and_a_matching_request_gets_a_304() {
    run(async {
        let app = sample_app().await;
        let path = "/api/v1/areas/sample-riverside/sessions?from=2026-12-07&days=7";
        let first = app.get(path).await;
        assert_eq!(first.status(), 200);
        assert_eq!(
            first.headers()["cache-control"],
            "public, max-age=60, stale-while-revalidate=600"
        );
        assert_eq!(first.headers()["content-type"], "application/json");
        let etag = first.headers()["etag"].to_str().expect("ascii").to_owned();
        assert!(etag.starts_with("W/\"") && etag.ends_with('"'), "{etag}");
        let again = app
            .client
            .get(app.url(path))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("sends");
        assert_eq!(again.status(), 304);
        // A cache that sends the tag back without its W/ still matches.
        let strong = etag.trim_start_matches("W/").to_owned();
        let from_cdn = app
            .client
            .get(app.url(path))
            .header("if-none-match", &strong)
            .send()
            .await
            .expect("sends");
        assert_eq!(from_cdn.status(), 304);
        assert_eq!(again.headers()["etag"], etag.as_str());
        assert!(again.bytes().await.expect("body").is_empty());
        let other_week = app
            .get("/api/v1/areas/sample-riverside/sessions?from=2026-12-14&days=7")
            .await;
        assert_ne!(other_week.headers()["etag"], etag.as_str());
        app.stop().await;
    })
}
