//! "My groups": the outlook a phone keeps for the groups it follows, read
//! back as JSON and checked against the week the public API plans.

use chrono::NaiveDate;
use serde_json::Value;

use crate::helpers::{json, run, spawn_app_with, TestApp};

async fn app_on(today: &str) -> TestApp {
    let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").expect("a date");
    spawn_app_with(|config| {
        config.sample_data = true;
        config.today = Some(today);
    })
    .await
}

#[test]
fn in_the_summer_a_followed_term_time_group_is_on_a_break_with_its_return_and_groups_that_still_run(
) {
    run(async {
        // Wednesday 28 July 2027: the sample's summer holidays run 22 July to 1 September.
        let app = app_on("2027-07-28").await;
        let (status, body) = json(
            &app,
            "/api/v1/my-groups?groups=sample-baby-massage,sample-night-owls",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["made"], "2027-07-28");
        let response = app
            .get("/api/v1/my-groups?groups=sample-baby-massage")
            .await;
        // Asked again every time, so an offline phone shows its own dated copy.
        assert_eq!(response.headers()["cache-control"], "private, no-cache");
        assert_eq!(body["until"], "2027-09-08");
        let massage = &body["groups"][0];
        assert_eq!(massage["id"], "sample-baby-massage");
        let summer = &massage["breaks"][0];
        assert_eq!(summer["name"], "Summer holidays");
        assert_eq!(summer["back_on"], "2027-09-02");
        let instead = summer["instead"].as_array().expect("alternatives");
        assert!(!instead.is_empty(), "{summer}");
        // Each alternative really meets on every day given, by the area's plan.
        for alternative in instead {
            let meets = alternative["meets"].as_array().expect("its sessions");
            assert!(!meets.is_empty(), "{alternative}");
            for meeting in meets {
                let date = meeting["date"].as_str().expect("a date");
                let (_, week) = json(
                    &app,
                    &format!("/api/v1/areas/sample-riverside/sessions?from={date}&days=1"),
                )
                .await;
                assert!(
                    week["sessions"]
                        .as_array()
                        .expect("sessions")
                        .iter()
                        .any(|s| { s["group_id"] == alternative["id"] && s["cancelled"] == false }),
                    "{alternative} does not meet on {date}"
                );
            }
            assert_ne!(alternative["id"], "sample-baby-massage");
        }
        // The all-year online group is not on a break, and has sessions.
        let owls = &body["groups"][1];
        assert_eq!(owls["breaks"], Value::Array(vec![]));
        assert!(!owls["sessions"].as_array().expect("sessions").is_empty());
    });
}

#[test]
fn alternatives_follow_this_weeks_filters() {
    run(async {
        let app = app_on("2027-07-28").await;
        let (status, body) = json(
            &app,
            "/api/v1/my-groups?groups=sample-baby-massage&mode=from_home",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let instead = body["groups"][0]["breaks"][0]["instead"]
            .as_array()
            .expect("alternatives")
            .clone();
        assert!(!instead.is_empty());
        assert!(
            instead.iter().all(|a| a["from_home"] == true),
            "{instead:?}"
        );
    });
}

#[test]
fn a_group_no_longer_listed_is_named_as_gone_and_odd_requests_are_refused_with_the_reason() {
    run(async {
        let app = app_on("2026-12-07").await;
        let (status, body) = json(
            &app,
            "/api/v1/my-groups?groups=sample-night-owls,no-such-group",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["gone"], serde_json::json!(["no-such-group"]));
        assert_eq!(body["groups"].as_array().map(Vec::len), Some(1));

        for (path, says) in [
            ("/api/v1/my-groups", "Add groups="),
            ("/api/v1/my-groups?groups=Bad%20Id", "is not a group id"),
            (
                "/api/v1/my-groups?groups=sample-night-owls&when=midnight",
                "We don't know the time",
            ),
        ] {
            let (status, body) = json(&app, path).await;
            assert_eq!(status, 400, "{path}");
            assert!(
                body["error"].as_str().is_some_and(|e| e.contains(says)),
                "{path}: {body}"
            );
        }
        let many: Vec<String> = (0..60).map(|i| format!("g{i}")).collect();
        let (status, _) = json(
            &app,
            &format!("/api/v1/my-groups?groups={}", many.join(",")),
        )
        .await;
        assert_eq!(status, 400);
        let parts: Vec<String> = (0..30).map(|i| format!("x{i}=1")).collect();
        let (status, body) = json(
            &app,
            &format!(
                "/api/v1/my-groups?groups=sample-night-owls&{}",
                parts.join("&")
            ),
        )
        .await;
        assert_eq!(status, 400, "{body}");
    });
}
