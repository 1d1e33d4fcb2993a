//! The iCalendar feeds, read back with independent parsers (`icalendar` for
//! the document, `rrule` for the recurrences) and compared, session by
//! session, with the sessions the API expands for the whole school year.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeSet;

use crate::helpers::{
    feed_alarms, feed_exdates, feed_sessions, feed_values, run, spawn_app_with, TestApp,
};

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

#[test]
fn reminders_are_opt_in_alarms_in_each_event_of_a_groups_calendar_and_a_personal_feed() {
    run(async {
        let app = sample_app().await;
        let body = |path: &'static str| {
            let app = &app;
            async move { app.get(path).await.text().await.expect("body") }
        };
        let events = |ics: &str| ics.matches("BEGIN:VEVENT").count();
        // Read as calendar programs read it: one display alarm in each event.
        let triggers = |ics: &str| {
            let alarms = feed_alarms(ics);
            let uids: BTreeSet<String> = alarms.iter().map(|(uid, _, _)| uid.clone()).collect();
            assert_eq!(uids.len(), alarms.len(), "one alarm an event");
            assert!(alarms.iter().all(|(_, action, _)| action == "DISPLAY"));
            alarms
                .into_iter()
                .map(|(_, _, trigger)| trigger)
                .collect::<Vec<_>>()
        };
        let plain = body("/api/v1/groups/sample-tuesday-talk/calendar.ics").await;
        assert!(
            !plain.contains("VALARM"),
            "no reminder unless one is chosen"
        );
        let evening = body("/api/v1/groups/sample-tuesday-talk/calendar.ics?alert=evening").await;
        assert!(
            events(&evening) >= 2,
            "the weekly event and the extra session"
        );
        assert_eq!(evening.matches("BEGIN:VALARM").count(), events(&evening));
        // Tuesday Talk starts at 10:00: 7pm the evening before is 15 hours earlier.
        assert_eq!(triggers(&evening), vec!["-PT15H"; events(&evening)]);
        let hour = body(
            "/api/v1/feeds/calendar.ics?groups=sample-tuesday-talk,sample-night-owls&alert=1h",
        )
        .await;
        assert_eq!(hour.matches("BEGIN:VALARM").count(), events(&hour));
        assert_eq!(triggers(&hour), vec!["-PT1H"; events(&hour)]);
        let none = body("/api/v1/feeds/calendar.ics?groups=sample-tuesday-talk&alert=none").await;
        assert!(!none.contains("VALARM"));
        // The group's page offers both, and they work without scripts.
        let html = body("/groups/sample-tuesday-talk").await;
        for alert in ["1h", "evening"] {
            assert!(
                html.contains(&format!(
                    "/api/v1/groups/sample-tuesday-talk/calendar.ics?alert={alert}\""
                )),
                "the page links the {alert} reminder"
            );
        }

        for path in [
            "/api/v1/feeds/calendar.ics?groups=sample-tuesday-talk&alert=loud",
            "/api/v1/groups/sample-tuesday-talk/calendar.ics?alert=%00%00",
        ] {
            let refused = app.get(path).await;
            assert_eq!(refused.status(), 400, "{path}");
            let error: serde_json::Value = refused.json().await.expect("json");
            assert!(
                error["error"]
                    .as_str()
                    .is_some_and(|e| e.starts_with("alert must be none, 1h or evening")),
                "{error}"
            );
        }
        app.stop().await;
    })
}

#[test]
fn an_areas_atom_feed_lists_the_coming_sessions_and_cancellations_and_an_independent_parser_reads_it(
) {
    run(async {
        let app = sample_app().await;
        let response = app.get("/api/v1/areas/sample-riverside/feed.atom").await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
        let body = response.text().await.expect("body");
        let feed = feed_rs::parser::parse(body.as_bytes()).expect("a valid Atom feed");
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert!(feed.title.expect("a title").content.contains("Riverside"));
        let entries: Vec<(String, String)> = feed
            .entries
            .iter()
            .map(|e| {
                (
                    e.title
                        .as_ref()
                        .map(|t| t.content.clone())
                        .unwrap_or_default(),
                    e.summary
                        .as_ref()
                        .map(|t| t.content.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        let cancelled = entries
            .iter()
            .find(|(title, _)| {
                title.starts_with("Cancelled: Tuesday Talk and Tea, Tuesday 8 December 2026")
            })
            .expect("the cancellation is an entry");
        assert!(cancelled
            .1
            .ends_with("The hall is booked for the Christmas fair"));
        assert!(
            entries
                .iter()
                .any(|(title, _)| title
                    .starts_with("Tuesday Talk and Tea, Tuesday 15 December 2026")),
            "the next week's session is listed"
        );
        // Two weeks from today, no further, and every entry links to its group.
        assert!(entries
            .iter()
            .all(|(title, _)| !title.contains("21 December 2026")));
        assert!(feed.entries.iter().all(|e| e
            .links
            .first()
            .is_some_and(|l| l.href.starts_with("http://127.0.0.1/groups/"))));
        let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), feed.entries.len(), "entry ids are unique");

        assert_eq!(
            app.get("/api/v1/areas/no-such-area/feed.atom")
                .await
                .status(),
            404
        );
        assert_eq!(
            app.get("/api/v1/areas/Bad%20Id/feed.atom").await.status(),
            400
        );
        let week = app
            .get("/?area=sample-riverside")
            .await
            .text()
            .await
            .expect("page");
        assert!(week.contains(r#"href="/api/v1/areas/sample-riverside/feed.atom""#));
        app.stop().await;
    })
}

#[test]
fn the_embeddable_week_may_be_framed_by_any_site_but_runs_no_script_and_sets_no_cookie() {
    run(async {
        let app = sample_app().await;
        let response = app.get("/embed/areas/sample-riverside").await;
        assert_eq!(response.status(), 200);
        let headers = response.headers().clone();
        let policy = headers["content-security-policy"].to_str().expect("ascii");
        assert!(policy.contains("frame-ancestors *"));
        assert!(!policy.contains("script-src"));
        assert!(headers.get("x-frame-options").is_none());
        assert!(headers.get("set-cookie").is_none());
        assert_eq!(headers["cross-origin-resource-policy"], "cross-origin");
        let html = response.text().await.expect("body");
        assert!(
            html.contains(
                "<h1>This week's groups in Riverside <span class=\"note\">Sample</span></h1>"
            ),
            "a sample area says so"
        );
        assert!(!html.contains("<script"), "no script at all");
        assert!(!html.contains("<form"), "nothing to send");
        assert!(html.contains("Cancelled:</strong>"));
        assert!(html.contains("The hall is booked for the Christmas fair"));
        assert!(html.contains(r#"href="http://127.0.0.1/groups/sample-tuesday-talk" target="_blank" rel="noopener noreferrer""#));
        let style = app.get("/embed/style.css").await;
        assert_eq!(style.status(), 200);
        assert!(style.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/css"));

        assert_eq!(app.get("/embed/areas/no-such-area").await.status(), 404);
        assert_eq!(app.get("/embed/areas/Bad%20Id").await.status(), 400);
        // Every other page still refuses to be framed.
        for path in [
            "/?area=sample-riverside",
            "/areas/sample-riverside/poster",
            "/embedded",
            "/embed/",
            "/embed/areas/sample-riverside/",
            "/embed/..%2forganisers",
        ] {
            let other = app.get(path).await;
            let policy = other.headers()["content-security-policy"]
                .to_str()
                .expect("ascii")
                .to_owned();
            assert!(policy.contains("frame-ancestors 'none'"), "{path}");
            assert_eq!(other.headers()["x-frame-options"], "DENY", "{path}");
        }
        // The poster page gives the snippet to paste.
        let poster = app
            .get("/areas/sample-riverside/poster")
            .await
            .text()
            .await
            .expect("page");
        assert!(
            poster.contains(
                "&lt;iframe src=\"http://127.0.0.1/embed/areas/sample-riverside\" title=\"This week's groups in Riverside\""
            ),
            "the snippet is written as text in the textarea"
        );
        app.stop().await;
    })
}

#[test]
fn the_term_leaflet_lists_groups_by_weekday_with_their_term_behaviour_services_and_crisis_lines() {
    run(async {
        let app = sample_app().await;
        let response = app.get("/areas/sample-riverside/leaflet").await;
        assert_eq!(response.status(), 200);
        let html = response.text().await.expect("page");
        let tuesday = html
            .split("<h3>Tuesday</h3>")
            .nth(1)
            .and_then(|rest| rest.split("<h3>").next())
            .expect("a Tuesday heading");
        assert!(
            tuesday.contains("Tuesday Talk and Tea"),
            "the group is under its day"
        );
        assert!(tuesday.contains("Every Tuesday, 10:00 to 11:30, in term time only."));
        assert!(
            html.contains("Perinatal Peer Line</strong> · call 020 7946 0123"),
            "a service people contact themselves"
        );
        assert!(
            !html.contains("Perinatal Mental Health Team</strong>"),
            "not one that needs a referral"
        );
        assert!(html.contains("116 123"), "the crisis lines");
        assert!(
            html.contains("http://127.0.0.1/?area=sample-riverside"),
            "the QR code's address"
        );
        assert!(html.contains("<svg"));
        assert!(html.contains("Made on 7 December 2026"));
        let poster = app
            .get("/areas/sample-riverside/poster")
            .await
            .text()
            .await
            .expect("page");
        assert!(poster.contains(r#"href="/areas/sample-riverside/leaflet""#));
        assert_eq!(app.get("/areas/no-such-area/leaflet").await.status(), 404);
        app.stop().await;
    })
}

#[test]
fn a_group_an_organiser_adds_is_news_in_the_areas_feed_for_a_fortnight_and_the_samples_seeding_is_not(
) {
    use crate::organisers::{new_group, post, team, Team, SAM};

    run(async {
        let app = sample_app().await;
        let titles = |body: &str| -> Vec<String> {
            feed_rs::parser::parse(body.as_bytes())
                .expect("a valid Atom feed")
                .entries
                .iter()
                .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
                .collect()
        };
        let before = app
            .get("/api/v1/areas/sample-riverside/feed.atom")
            .await
            .text()
            .await
            .expect("body");
        assert!(
            titles(&before).iter().all(|t| !t.starts_with("New group:")),
            "the sample's groups are not news"
        );

        let store = app.server.store().clone();
        let Team { sam, .. } = team(&store, &app, &[SAM]).await;
        let added = post(
            &app,
            "/organisers/groups/new",
            Some(&sam),
            &new_group("Wednesday Walk and Talk", "add"),
        )
        .await;
        assert!(added.status().is_redirection(), "{}", added.status());
        let after = app
            .get("/api/v1/areas/sample-riverside/feed.atom")
            .await
            .text()
            .await
            .expect("body");
        let feed = feed_rs::parser::parse(after.as_bytes()).expect("a valid Atom feed");
        let first = feed.entries.first().expect("entries");
        assert_eq!(
            first.title.as_ref().map(|t| t.content.as_str()),
            Some("New group: Wednesday Walk and Talk")
        );
        assert_eq!(
            first.updated.map(|u| u.date_naive()),
            Some(date("2026-12-07")),
            "listed on the app's today"
        );
        assert!(first.summary.as_ref().is_some_and(|s| s
            .content
            .contains("is new in Village since 7 December 2026")));
        let new: Vec<_> = titles(&after)
            .into_iter()
            .filter(|t| t.starts_with("New group:"))
            .collect();
        assert_eq!(new.len(), 1);
    });
}
