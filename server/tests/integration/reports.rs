//! "Tell us something is wrong": anyone may report a listing, with no
//! account; the report keeps nothing about them, is limited per address and
//! per listing, reaches only the listing's organisers and the admins, and
//! tells parents the listing may be out of date until someone checks it.

use reqwest::{header, StatusCode};
use village_core::{account::Role, report::ListingKind};

use crate::helpers::{run, sample_app, scratch_dir, spawn_app_on, TestApp};
use crate::organisers::{add_user, post, sign_in, DADS, RIVERSIDE};

const GROUP: &str = "sample-tuesday-talk";
const NOTICE: &str = "Someone has told us this may be out of date.";

/// Sends a report as a browser on this site would, from `address` when the
/// app believes `X-Forwarded-For`.
pub(crate) async fn report(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    address: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .form(form);
    if let Some(address) = address {
        request = request.header("x-forwarded-for", address);
    }
    request.send().await.expect("answers")
}

pub(crate) fn location(response: &reqwest::Response) -> &str {
    response.headers()[header::LOCATION].to_str().expect("text")
}

async fn page(app: &TestApp, path: &str, token: Option<&str>) -> String {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.header(header::COOKIE, format!("village-session={token}"));
    }
    request
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("page")
}

#[test]
fn a_report_keeps_nothing_about_its_sender_reaches_only_the_right_people_and_warns_parents_until_checked(
) {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;
        add_user(&store, "dan@example.org", Role::Organiser, Some(DADS)).await;
        add_user(&store, "admin@example.org", Role::Admin, None).await;
        let group_page = format!("/groups/{GROUP}");
        assert!(!page(&app, &group_page, None).await.contains(NOTICE));

        let sent = report(
            &app,
            &format!("/report/group/{GROUP}"),
            &[
                ("problem", "wrong_time"),
                ("words", "It moved to Thursdays"),
            ],
            None,
        )
        .await;
        assert_eq!(sent.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&sent), format!("{group_page}?report=sent#report"));
        let thanked = page(&app, &format!("{group_page}?report=sent"), None).await;
        assert!(thanked.contains("Thank you. The organisers will check it."));
        assert!(thanked.contains(NOTICE), "parents are told at once");

        // Stored: what and when, never who. The address counts only towards
        // its limit, apart from the report.
        let open = store.open_reports().await.expect("reads");
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].kind, ListingKind::Group);
        assert_eq!(open[0].words, "It moved to Thursdays");
        assert!(store
            .may_be_out_of_date(ListingKind::Group, GROUP)
            .await
            .expect("reads"));
        if matches!(crate::helpers::backend(), crate::helpers::Backend::Sqlite) {
            use sqlx::Row;
            let pool = sqlx::SqlitePool::connect(&app.database.url)
                .await
                .expect("opens");
            let columns: Vec<String> = sqlx::query("PRAGMA table_info(reports)")
                .fetch_all(&pool)
                .await
                .expect("reads")
                .iter()
                .map(|row| row.get("name"))
                .collect();
            assert_eq!(
                columns,
                [
                    "id",
                    "listing_kind",
                    "listing_id",
                    "problem",
                    "words",
                    "made_at",
                    "resolved_at",
                    "resolved_by"
                ],
                "no column for who sent it"
            );
            let limits: Vec<String> = sqlx::query("SELECT key FROM report_limits")
                .fetch_all(&pool)
                .await
                .expect("reads")
                .iter()
                .map(|row| row.get("key"))
                .collect();
            // The address only as a keyed hash.
            assert!(
                limits.iter().all(|k| !k.contains("127.0.0.1")),
                "{limits:?}"
            );
            assert!(
                limits
                    .iter()
                    .any(|k| k.strip_prefix("address:").is_some_and(|h| h.len() == 64)),
                "{limits:?}"
            );
            let made: Vec<String> = sqlx::query("SELECT made_at FROM reports")
                .fetch_all(&pool)
                .await
                .expect("reads")
                .iter()
                .map(|row| row.get("made_at"))
                .collect();
            assert!(
                made.iter().all(|at| at.contains("00:00:00")),
                "to the day only: {made:?}"
            );
            pool.close().await;
        }

        // Sam keeps the group; Dan does not; admins see every report.
        let sam = sign_in(&app, "sam@example.org").await;
        let dan = sign_in(&app, "dan@example.org").await;
        let admin = sign_in(&app, "admin@example.org").await;
        let todo = "Reports from parents";
        assert!(page(&app, "/organisers", Some(&sam))
            .await
            .contains("It moved to Thursdays"));
        assert!(page(&app, "/organisers", Some(&admin)).await.contains(todo));
        assert!(!page(&app, "/organisers", Some(&dan)).await.contains(todo));
        let resolve = format!("/organisers/reports/group/{GROUP}/resolve");
        assert_eq!(
            post(&app, &resolve, Some(&dan), &[]).await.status(),
            StatusCode::FORBIDDEN
        );
        assert!(
            page(&app, &group_page, None).await.contains(NOTICE),
            "still open"
        );

        // A report that comes after the page was shown stays open.
        let shown = page(&app, "/organisers", Some(&sam)).await;
        let upto = shown
            .split(r#"name="upto" value=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the newest report shown")
            .to_owned();
        let later = report(
            &app,
            &format!("/report/group/{GROUP}"),
            &[("problem", "other"), ("words", "Also the door code")],
            None,
        )
        .await;
        assert!(location(&later).ends_with("report=sent#report"));
        let done = post(&app, &resolve, Some(&sam), &[("upto", &upto)]).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        let left = store.open_reports().await.expect("reads");
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].words, "Also the door code");
        assert!(page(&app, "/organisers", Some(&sam))
            .await
            .contains("Also the door code"));
        let done = post(&app, &resolve, Some(&sam), &[]).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        assert!(store.open_reports().await.expect("reads").is_empty());
        // Who dealt with which reports is in the audit log, once a press
        // that dealt with any.
        let dealt = || async {
            store
                .audit_entries(20)
                .await
                .expect("reads")
                .into_iter()
                .filter(|e| e.action == "dealt with the reports on")
                .collect::<Vec<_>>()
        };
        let audited = dealt().await;
        assert_eq!(audited.len(), 2, "{audited:?}");
        assert_eq!(audited[0].item_id, GROUP);
        assert_eq!(audited[0].item_kind, "group");
        assert_eq!(audited[0].after.as_deref(), Some("1 report dealt with"));
        assert!(audited.iter().all(|e| e.by.contains('@')));
        post(&app, &resolve, Some(&sam), &[]).await;
        assert_eq!(dealt().await.len(), 2, "nothing open, nothing written");
        assert!(page(&app, &group_page, None)
            .await
            .contains("Tuesday Talk and Tea"));
        assert!(
            !page(&app, &group_page, None).await.contains(NOTICE),
            "gone once checked"
        );
        assert!(!page(&app, "/organisers", Some(&sam)).await.contains(todo));
        // The listing itself never changed.
        assert!(page(&app, &group_page, None)
            .await
            .contains("Every Tuesday"));

        // Ninety days after it was dealt with, it is gone.
        // (A fixed day long after any real resolution, not the wall clock.)
        let later = chrono::NaiveDate::from_ymd_opt(2999, 1, 1)
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .expect("a day")
            .and_utc();
        assert!(store.forget_old_reports(later).await.expect("tidies") >= 2);
        assert!(store.open_reports().await.expect("reads").is_empty());
        app.stop().await;
    })
}

#[test]
fn a_wrong_number_on_a_crisis_service_is_first_and_its_page_never_warns_on_a_report_alone() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;
        for (path, problem) in [
            (format!("/report/group/{GROUP}"), "closed"),
            (
                "/report/service/sample-feeding-cafe".to_owned(),
                "wrong_number",
            ),
            (
                "/report/service/sample-crisis-team".to_owned(),
                "wrong_number",
            ),
        ] {
            let sent = report(&app, &path, &[("problem", problem)], None).await;
            assert!(location(&sent).ends_with("?report=sent#report"), "{path}");
        }
        let sam = sign_in(&app, "sam@example.org").await;
        let home = page(&app, "/organisers", Some(&sam)).await;
        let at = |name: &str| {
            home.find(&format!("<h3>{name}</h3>"))
                .unwrap_or_else(|| panic!("{name} listed"))
        };
        assert!(at("Riverside Crisis Team") < at("Riverside Feeding Café"));
        assert!(at("Riverside Feeding Café") < at("Tuesday Talk and Tea"));
        // "Check before you call" never stands between someone and a crisis
        // line on a stranger's word; other listings warn.
        let crisis = page(&app, "/help/sample-crisis-team", None).await;
        assert!(crisis.contains("Riverside Crisis Team") && !crisis.contains(NOTICE));
        assert!(page(&app, "/help/sample-feeding-cafe", None)
            .await
            .contains(NOTICE));
        assert!(!page(&app, &format!("/groups/{GROUP}"), None)
            .await
            .contains(NOTICE));
        app.stop().await;
    })
}

#[test]
fn reports_are_limited_per_address_and_per_listing_and_bad_ones_change_nothing() {
    run(async {
        let scratch = scratch_dir();
        let database = crate::helpers::fresh_database(&scratch).await;
        let app = spawn_app_on(scratch, database, |c| {
            c.sample_data = true;
            c.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
        })
        .await;
        let store = app.server.store().clone();
        let path = format!("/report/group/{GROUP}");
        let form = [("problem", "other")];
        // Five an hour from one address.
        for _ in 0..5 {
            let sent = report(&app, &path, &form, Some("203.0.113.7")).await;
            assert!(location(&sent).ends_with("report=sent#report"));
        }
        let busy = report(&app, &path, &form, Some("203.0.113.7")).await;
        assert!(location(&busy).ends_with("report=busy#report"));
        // Twenty a day about one listing, from any number of addresses.
        for n in 0..15 {
            let sent = report(&app, &path, &form, Some(&format!("198.51.100.{n}"))).await;
            assert!(location(&sent).ends_with("report=sent#report"), "{n}");
        }
        let busy = report(&app, &path, &form, Some("192.0.2.1")).await;
        assert!(location(&busy).ends_with("report=busy#report"));
        let other = report(
            &app,
            "/report/service/sample-feeding-cafe",
            &form,
            Some("192.0.2.1"),
        )
        .await;
        assert!(
            location(&other).ends_with("report=sent#report"),
            "another listing is still heard"
        );
        assert_eq!(store.open_reports().await.expect("reads").len(), 21);

        // Bad reports say what is wrong, and keep nothing.
        let none = report(
            &app,
            &path.replace(GROUP, "sample-buggy-walk"),
            &[("words", "hi")],
            Some("192.0.2.2"),
        )
        .await;
        assert!(location(&none).ends_with("report=no-problem#report"));
        let shown = page(&app, "/groups/sample-buggy-walk?report=no-problem", None).await;
        assert!(shown.contains("Please choose what is wrong."));
        let long = "x".repeat(501);
        let too_long = report(
            &app,
            "/report/group/sample-buggy-walk",
            &[("problem", "other"), ("words", &long)],
            Some("192.0.2.2"),
        )
        .await;
        assert!(location(&too_long).ends_with("report=too-long#report"));
        for (path, status) in [
            ("/report/group/no-such-group", StatusCode::NOT_FOUND),
            ("/report/venue/sample-tuesday-talk", StatusCode::NOT_FOUND),
            ("/report/service/NOT%20AN%20ID", StatusCode::NOT_FOUND),
        ] {
            assert_eq!(
                report(&app, path, &form, Some("192.0.2.3")).await.status(),
                status,
                "{path}"
            );
        }
        assert_eq!(store.open_reports().await.expect("reads").len(), 21);
        app.stop().await;
    })
}
