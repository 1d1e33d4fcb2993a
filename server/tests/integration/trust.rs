//! The privacy notice and the accessibility statement: on every page's
//! footer, and true to the code. The notice names every cookie a route sets
//! and every table that holds anything about a person, so adding one
//! without saying so fails here.

use reqwest::header;
use std::collections::BTreeSet;

use crate::helpers::{backend, run, sample_app, spawn_app_with, Backend};
use crate::organisers::{add_user, post, sign_in, PASSWORD, SAM};

/// Every table, sorted into those that hold something about a person (which
/// the notice must name) and those that hold only what organisers publish.
const PERSONAL_TABLES: [&str; 10] = [
    "audit_log",
    "invitations",
    "pending_changes",
    "report_limits",
    "reports",
    "sessions",
    "sign_in_failures",
    "sign_in_steps",
    "users",
    "write_keys",
];
/// Tables that hold only what organisers publish (each tells every instance
/// when it changes, see `instances.rs`).
pub(crate) const PUBLISHED_TABLES: [&str; 12] = [
    "areas",
    "bank_holidays",
    "group_exceptions",
    "organisations",
    "peer_groups",
    "schedules",
    "school_years",
    "service_areas",
    "service_phones",
    "services",
    "term_breaks",
    "venues",
];
/// Tables of the server's own workings, holding nothing about anyone.
const SERVER_TABLES: [&str; 1] = ["secret_key_fingerprint"];

async fn tables(url: &str) -> BTreeSet<String> {
    use sqlx::Row;
    let rows = match backend() {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.expect("opens");
            sqlx::query(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%'",
            )
            .fetch_all(&pool)
            .await
            .expect("lists tables")
            .iter()
            .map(|row| row.get::<String, _>("name"))
            .collect()
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.expect("opens");
            sqlx::query(
                "SELECT table_name::text AS name FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx\\_%'",
            )
            .fetch_all(&pool)
            .await
            .expect("lists tables")
            .iter()
            .map(|row| row.get::<String, _>("name"))
            .collect()
        }
    };
    rows
}

/// The names of the cookies a response sets.
fn cookies_set(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split('=').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_privacy_notice_names_every_cookie_and_every_table_with_personal_data() {
    run(async {
        let app = sample_app().await;
        let notice = app.get("/privacy").await;
        assert_eq!(notice.status(), 200);
        let notice = notice.text().await.expect("page");
        assert!(notice.contains("<h1>Privacy: what Village keeps, and where</h1>"));

        // Cookies routes really set: choosing an area and filters, clearing
        // them, signing in and out.
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let week = app
            .get("/?area=sample-riverside&mental_health=1&free=1")
            .await;
        seen.extend(cookies_set(&week));
        let cleared = app.get("/?area=sample-riverside&filters=none").await;
        seen.extend(cookies_set(&cleared));
        let store = server::database::open(&app.database.url)
            .await
            .expect("opens");
        add_user(&store, SAM.0, SAM.1, SAM.2).await;
        let signed_in = post(
            &app,
            "/organisers/login",
            None,
            &[("email", SAM.0), ("password", PASSWORD)],
        )
        .await;
        seen.extend(cookies_set(&signed_in));
        let token = sign_in(&app, SAM.0).await;
        let signed_out = post(&app, "/organisers/logout", Some(&token), &[]).await;
        seen.extend(cookies_set(&signed_out));
        for expected in [
            app::calendar::week_model::AREA_COOKIE,
            app::calendar::week_model::FILTERS_COOKIE,
            server::sessions::COOKIE,
        ] {
            assert!(seen.contains(expected), "{expected} was set: {seen:?}");
        }
        // And those the code names, set on other paths (secure connections,
        // the two-step code).
        let mut cookies = seen;
        cookies.extend(
            [
                app::calendar::week_model::AREA_COOKIE,
                app::calendar::week_model::FILTERS_COOKIE,
                server::sessions::COOKIE,
                server::sessions::HOST_COOKIE,
                server::sessions::STEP_COOKIE,
                server::sessions::HOST_STEP_COOKIE,
            ]
            .map(str::to_owned),
        );
        for cookie in &cookies {
            assert!(
                notice.contains(cookie.as_str()),
                "the notice names the cookie {cookie}"
            );
        }

        // Tables: every one is sorted, and every personal one is named.
        let all = tables(&app.database.url).await;
        for table in &all {
            assert!(
                PERSONAL_TABLES.contains(&table.as_str())
                    || PUBLISHED_TABLES.contains(&table.as_str())
                    || SERVER_TABLES.contains(&table.as_str()),
                "the table {table} is new: add it to PERSONAL_TABLES (and say on /privacy what it keeps and for how long), to PUBLISHED_TABLES (and to the triggers of the published_notify migration) or to SERVER_TABLES"
            );
        }
        for table in PERSONAL_TABLES {
            assert!(all.contains(table), "{table} is still a table");
            assert!(
                notice.contains(&format!("({table})")),
                "the notice names the table {table}"
            );
        }
        // Nobody responsible was named, and the notice says so.
        assert!(notice.contains("has not said who runs it"));
        store.close().await;
        app.stop().await;
    })
}

#[test]
fn the_operator_and_the_source_are_shown_when_set_and_every_page_links_the_notices() {
    run(async {
        let app = spawn_app_with(|c| {
            c.operator_name = Some("Riverside Parents Together".to_owned());
            c.operator_contact = Some("privacy@example.org".to_owned());
            c.source_url = Some("https://example.org/village/source".to_owned());
            c.security_contact = Some("mailto:security@example.org".to_owned());
        })
        .await;
        let notice = app.get("/privacy").await.text().await.expect("page");
        assert!(
            notice.contains("<strong>Riverside Parents Together</strong>"),
            "{notice}"
        );
        assert!(notice.contains(r#"<a href="mailto:privacy@example.org">privacy@example.org</a>"#));
        for path in [
            "/",
            "/mood",
            "/help",
            "/need-help-now",
            "/privacy",
            "/accessibility",
            "/no-such-page",
        ] {
            let page = app.get(path).await.text().await.expect("page");
            for link in [
                r#"<a href="/privacy">Privacy</a>"#,
                r#"<a href="/accessibility">Accessibility</a>"#,
                r#"<a href="https://example.org/village/source">Source code</a>"#,
                r#"<a href="/.well-known/security.txt">Report a security problem</a>"#,
            ] {
                assert!(page.contains(link), "{path} links {link}");
            }
        }
        let statement = app.get("/accessibility").await;
        assert_eq!(statement.status(), 200);
        let statement = statement.text().await.expect("page");
        for says in [
            "WCAG",
            "2.2",
            "How we test",
            "What we know is not yet right",
            "Another format",
        ] {
            assert!(statement.contains(says), "{says}");
        }
        app.stop().await;
    })
}
