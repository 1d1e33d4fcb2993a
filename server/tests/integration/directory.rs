//! Who can help: the directory's API and pages over the sample data, on the
//! backend under test.

use serde_json::Value;

use crate::helpers::{json, run, sample_app, TestApp};

fn ids(services: &Value) -> Vec<String> {
    services
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|s| s["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("a page"))
}

/// The service names listed under "Services" (not the pinned crisis ones).
fn listed(html: &str) -> Vec<String> {
    let results = html
        .split("id=\"results-title\"")
        .nth(1)
        .unwrap_or_default();
    results
        .split("<h3 class=\"service-title\"><a href=\"/help/")
        .skip(1)
        .filter_map(|part| part.split('"').next().map(str::to_owned))
        .collect()
}

#[test]
fn the_directory_for_an_area_holds_its_own_and_national_services() {
    run(async {
        let app = sample_app().await;
        let (status, area) = json(&app, "/api/v1/directory?area=sample-riverside").await;
        assert_eq!(status, 200, "{area}");
        let area_ids = ids(&area["services"]);
        assert!(
            area_ids.contains(&"sample-feeding-cafe".to_owned()),
            "{area_ids:?}"
        );
        assert!(area_ids.contains(&"samaritans".to_owned()), "{area_ids:?}");
        assert_eq!(area["area"], "sample-riverside");
        assert_eq!(area["updated"], "2026-11-01");

        let (status, national) = json(&app, "/api/v1/directory").await;
        assert_eq!(status, 200);
        let national_ids = ids(&national["services"]);
        assert!(national_ids.contains(&"samaritans".to_owned()));
        assert!(
            !national_ids.contains(&"sample-feeding-cafe".to_owned()),
            "local services stay local"
        );
        assert!(national_ids.len() < area_ids.len());

        let (status, body) = json(&app, "/api/v1/directory?area=nowhere").await;
        assert_eq!(status, 404);
        assert!(body["error"]
            .as_str()
            .unwrap_or_default()
            .contains("nowhere"));
        let (status, _) = json(&app, "/api/v1/directory?area=Not%20An%20Id").await;
        assert_eq!(status, 400);
        app.stop().await;
    })
}

#[test]
fn the_directory_snapshot_is_cacheable_with_an_etag() {
    run(async {
        let app = sample_app().await;
        let first = app.get("/api/v1/directory?area=sample-riverside").await;
        assert_eq!(first.status().as_u16(), 200);
        let etag = first.headers()["etag"].to_str().expect("etag").to_owned();
        let cache = first.headers()["cache-control"]
            .to_str()
            .expect("cache-control")
            .to_owned();
        assert!(
            cache.contains("public") && cache.contains("stale-while-revalidate"),
            "{cache}"
        );
        let again = app
            .client
            .get(app.url("/api/v1/directory?area=sample-riverside"))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("request");
        assert_eq!(again.status().as_u16(), 304);
        app.stop().await;
    })
}

#[test]
fn one_service_carries_every_field_people_need() {
    run(async {
        let app = sample_app().await;
        let (status, s) = json(&app, "/api/v1/services/sample-talking-therapies").await;
        assert_eq!(status, 200, "{s}");
        assert_eq!(s["name"], "Riverside Talking Therapies");
        assert_eq!(s["organisation"], "Riverside Parents Together");
        assert_eq!(s["referral"]["self_referral"], "yourself");
        assert_eq!(s["referral"]["steps"].as_array().map(Vec::len), Some(3));
        assert_eq!(s["phones"][0]["number"], "01632 960 222");
        assert_eq!(s["areas"], serde_json::json!(["sample-riverside"]));
        assert_eq!(s["last_confirmed"], "2026-11-01");
        assert!(
            s["hours"]["weekly"]
                .as_array()
                .is_some_and(|h| h.len() == 5),
            "{}",
            s["hours"]
        );
        let (status, _) = json(&app, "/api/v1/services/no-such-service").await;
        assert_eq!(status, 404);
        let (status, _) = json(&app, "/api/v1/services/Bad%20Id").await;
        assert_eq!(status, 400);
        app.stop().await;
    })
}

#[test]
fn the_help_page_pins_crisis_services_and_searches_without_scripts() {
    run(async {
        let app = sample_app().await;
        let (status, html) = page(&app, "/help?area=sample-riverside").await;
        assert_eq!(status, 200);
        let pinned = html
            .split("id=\"help-now-title\"")
            .nth(1)
            .unwrap_or_default();
        let pinned = pinned
            .split("id=\"results-title\"")
            .next()
            .unwrap_or_default();
        assert!(
            pinned.contains("Samaritans") && pinned.contains("Shout"),
            "crisis services are pinned"
        );
        assert!(html.contains("type=\"search\""), "a search box");
        assert!(html.contains("Showing services for Riverside."));
        // The closed-for-now chat is listed, and says so; nothing is silently dropped.
        assert!(listed(&html).contains(&"sample-bumps-chat".to_owned()));
        assert!(html.contains("Closed for now"));

        let (_, found) = page(&app, "/help?area=sample-riverside&q=feeding").await;
        assert_eq!(
            listed(&found),
            [
                "sample-feeding-line",
                "sample-feeding-cafe",
                "sample-health-visiting"
            ],
            "names first, then tags, then descriptions"
        );
        assert!(found.contains("Samaritans"), "pinned whatever is typed");

        let (_, partner) = page(&app, "/help?area=sample-riverside&need=partner").await;
        assert_eq!(
            listed(&partner),
            [
                "sample-dads-line",
                "sample-feeding-line",
                "sample-gentle-hands",
                "sample-parent-talk-online",
                "sample-dads-group",
                "sample-health-visiting",
                "sample-your-gp"
            ]
        );

        let (_, birth) = page(&app, "/help?area=sample-riverside&need=birth").await;
        assert_eq!(
            listed(&birth),
            ["sample-birth-reflections", "sample-maternal-mental-health"]
        );

        let (_, self_text) = page(&app, "/help?area=sample-riverside&self=1&way=text").await;
        assert_eq!(
            listed(&self_text),
            [
                "sample-dads-line",
                "sample-gentle-hands",
                "sample-perinatal-peer-line"
            ]
        );

        let (_, polish) = page(&app, "/help?area=sample-riverside&lang=Polish").await;
        assert_eq!(listed(&polish), ["sample-perinatal-peer-line"]);

        // Without an area, only national services.
        let (_, national) = page(&app, "/help?q=feeding").await;
        assert_eq!(
            listed(&national),
            ["sample-feeding-line"],
            "only national services"
        );
        assert!(national.contains("Choose your area"));
        app.stop().await;
    })
}

#[test]
fn a_service_page_says_how_to_get_it_with_tap_to_call_and_flags_stale_entries() {
    run(async {
        let app = sample_app().await;
        let (status, html) = page(&app, "/help/sample-perinatal-peer-line").await;
        assert_eq!(status, 200);
        assert!(html.contains("You can refer yourself:"));
        assert!(
            html.contains("<ol><li>Call or text the peer line.</li>"),
            "numbered steps"
        );
        assert!(html.contains("href=\"tel:02079460123\""), "tap to call");
        assert!(html.contains("href=\"sms:02079460123\""), "tap to text");
        assert!(html.contains("Polish"));
        assert!(!html.contains("Not confirmed for over a year"));

        let (_, stale) = page(&app, "/help/sample-perinatal-mental-health-team").await;
        assert!(
            stale.contains("Not confirmed for over a year"),
            "confirmed in March 2025"
        );
        assert!(stale.contains("You need someone to refer you."));

        let (status, _) = page(&app, "/help/no-such-service").await;
        assert_eq!(status, 404);
        app.stop().await;
    })
}

#[test]
fn someone_worried_about_another_person_has_a_page_without_scripts_linked_from_who_can_help() {
    run(async {
        let app = sample_app().await;
        let (status, html) = page(&app, "/help/worried-about-someone").await;
        assert_eq!(status, 200);
        for words in [
            "Signs to look for",
            "Starting the conversation",
            "Call 999 or go to A&amp;E",
            "href=\"/need-help-now\"",
        ] {
            assert!(html.contains(words), "the page says {words}");
        }
        let (_, help) = page(&app, "/help").await;
        assert!(help.contains("href=\"/help/worried-about-someone\""));
        // A service people can refer themselves to offers words for the form;
        // one that needs a referral does not.
        let (_, peer_line) = page(&app, "/help/sample-perinatal-peer-line").await;
        assert!(peer_line
            .contains("href=\"/mood#say=self-referral&amp;service=sample-perinatal-peer-line\""));
        let (_, team) = page(&app, "/help/sample-perinatal-mental-health-team").await;
        assert!(!team.contains("#say="));
        app.stop().await;
    })
}

#[test]
fn what_happens_when_i_ask_for_help_is_linked_from_the_crisis_card_and_the_directory() {
    run(async {
        let app = sample_app().await;
        let (status, html) = page(&app, "/help/what-happens").await;
        assert_eq!(status, 200);
        assert!(html.contains("Will they take my baby away?"));
        assert!(html.contains("Can I bring someone with me?"));
        for fear in [
            "Will I be put on a list or a record?",
            "Am I ill enough to ask?",
            "What if I look fine?",
            "What if it's my partner who is struggling, or me as a dad?",
        ] {
            assert!(html.contains(fear), "{fear}");
        }
        for path in ["/", "/help", "/mood"] {
            let (_, html) = page(&app, path).await;
            assert!(
                html.contains("href=\"/help/what-happens\""),
                "{path} links to it"
            );
        }
        app.stop().await;
    })
}

#[test]
fn group_and_service_pages_carry_a_qr_code_for_their_own_address() {
    run(async {
        let app = sample_app().await;
        for (path, link) in [
            (
                "/help/sample-perinatal-peer-line",
                "http://127.0.0.1/help/sample-perinatal-peer-line",
            ),
            (
                "/groups/sample-tuesday-talk",
                "http://127.0.0.1/groups/sample-tuesday-talk",
            ),
        ] {
            let (status, html) = page(&app, path).await;
            assert_eq!(status, 200);
            let figure = html
                .split("<figure class=\"page-qr\">")
                .nth(1)
                .and_then(|rest| rest.split("</figure>").next())
                .unwrap_or_else(|| panic!("{path} has a QR code"));
            assert!(
                figure.contains("<svg") && figure.contains("<path d=\"M"),
                "{path} draws it"
            );
            assert!(
                figure.contains(link),
                "{path} says its own address under it"
            );
        }
        app.stop().await;
    })
}
