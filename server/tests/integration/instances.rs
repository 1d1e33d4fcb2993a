//! Several instances behind one PostgreSQL database, as a national service
//! runs: a write through one shows on every other within a second (not
//! after the published copy's 30 seconds), whoever wrote it; and the waits
//! after failed sign-ins and the report limits count across all of them, so
//! three instances do not give anyone three times the guesses. Runs in the
//! PostgreSQL pass of `make test`; SQLite has one server per file.

use std::time::{Duration, Instant};

use reqwest::{header, StatusCode};
use village_core::account::Role;

use crate::{
    helpers::{backend, run, scratch_dir, spawn_app_on, spawn_app_with, Backend, TestApp},
    organisers::{
        add_user, next_session, post, session_on, team, wrong_password_from, Team, PASSWORD, SAM,
    },
    reports::{location, report},
};

/// How soon every instance must show a write.
const AT_ONCE: Duration = Duration::from_secs(1);

/// How soon an instance whose listening connection was cut shows a write:
/// it must notice, connect, listen and read again.
const AFTER_A_CUT: Duration = Duration::from_secs(3);

/// How long the instances here keep their published copy (seconds): an
/// hour, so that only the notice of a write can make them show it.
const KEPT_FOR: u64 = 3_600;

/// A second instance on the first one's database, with the same secret key
/// (as every instance of a deployment must have) and the same settings.
async fn another_instance(first: &TestApp, forwarded_for: bool) -> TestApp {
    let key_file = first.scratch.join("secret.key");
    spawn_app_on(scratch_dir(), first.database.shared(), |config| {
        config.secret_key_file = key_file;
        config.published_max_age = KEPT_FOR;
        if forwarded_for {
            config.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
        }
    })
    .await
}

/// Two instances on one database with the sample data, each keeping its
/// published copy an hour.
async fn two_instances() -> (TestApp, TestApp) {
    let first = spawn_app_with(|config| {
        config.sample_data = true;
        config.published_max_age = KEPT_FOR;
    })
    .await;
    let second = another_instance(&first, false).await;
    (first, second)
}

fn skipped() -> bool {
    if matches!(backend(), Backend::Postgres) {
        return false;
    }
    eprintln!(
        "skipped: several instances share a PostgreSQL database; SQLite has one server per file"
    );
    true
}

/// Waits until `shows` holds for the instance, and says how long it took;
/// fails after a second.
async fn seen_within_a_second<F, Fut>(what: &str, shows: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    seen_within(AT_ONCE, what, shows).await
}

/// Waits until `shows` holds, at most `limit`; says how long it took.
async fn seen_within<F, Fut>(limit: Duration, what: &str, mut shows: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    loop {
        if shows().await {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "{what}: not shown after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn title_on(app: &TestApp, group: &str) -> String {
    let body: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/groups/{group}")))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    body["title"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_write_through_one_instance_shows_on_every_other_within_a_second() {
    if skipped() {
        return;
    }
    run(async {
        let (first, second) = two_instances().await;
        let store = first.server.store().clone();
        let Team { sam, .. } = team(&store, &first, &[SAM]).await;
        let group = "sample-tuesday-talk";
        let date = next_session(&first, group).await;

        // Both instances have read their published copy (kept an hour).
        for app in [&first, &second] {
            let session = session_on(app, group, &date).await.expect("listed");
            assert_eq!(session["cancelled"], false);
        }

        // An organiser cancels a session through the first instance…
        let cancelled = post(
            &first,
            &format!("/organisers/groups/{group}/cancel"),
            Some(&sam),
            &[("date", date.as_str()), ("reason", "The hall is closed")],
        )
        .await;
        assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
        // …and the second shows it at once, in its API and its pages.
        let took = seen_within_a_second("the cancellation on the second instance", || async {
            session_on(&second, group, &date)
                .await
                .is_some_and(|s| s["cancelled"] == true)
        })
        .await;
        eprintln!("a cancellation through one instance showed on the other in {took:?}");
        let page = second
            .client
            .get(second.url(&format!("/groups/{group}")))
            .send()
            .await
            .expect("answers")
            .text()
            .await
            .expect("page");
        assert!(page.contains("The hall is closed"), "the group page");

        // A write by anything else on the database (an operator's SQL, an
        // import on the command line) reaches both instances too.
        let before = title_on(&second, group).await;
        assert_eq!(before, title_on(&first, group).await);
        let outside = sqlx::PgPool::connect(&first.database.url)
            .await
            .expect("connects");
        sqlx::query("UPDATE peer_groups SET title = 'Tuesday Talk (renamed)' WHERE id = $1")
            .bind(group)
            .execute(&outside)
            .await
            .expect("updates");
        outside.close().await;
        for (name, app) in [("first", &first), ("second", &second)] {
            seen_within_a_second(&format!("the new title on the {name} instance"), || async {
                title_on(app, group).await == "Tuesday Talk (renamed)"
            })
            .await;
        }

        // A change rolled back is never announced; one committed is, once.
        let outside = sqlx::PgPool::connect(&first.database.url)
            .await
            .expect("connects");
        let mut notices = sqlx::postgres::PgListener::connect_with(&outside)
            .await
            .expect("listens");
        notices
            .listen(app::storage::PUBLISHED_CHANNEL)
            .await
            .expect("listens");
        let mut tx = outside.begin().await.expect("begins");
        sqlx::query("UPDATE peer_groups SET title = 'Never saved' WHERE id = $1")
            .bind(group)
            .execute(&mut *tx)
            .await
            .expect("updates");
        tx.rollback().await.expect("rolls back");
        let after_rollback =
            tokio::time::timeout(Duration::from_millis(300), notices.try_recv()).await;
        assert!(after_rollback.is_err(), "no notice for a rollback");
        let mut tx = outside.begin().await.expect("begins");
        for title in ["Tuesday Talk", "Tuesday Talk and Tea"] {
            sqlx::query("UPDATE peer_groups SET title = $2 WHERE id = $1")
                .bind(group)
                .bind(title)
                .execute(&mut *tx)
                .await
                .expect("updates");
        }
        tx.commit().await.expect("commits");
        let notice = tokio::time::timeout(AT_ONCE, notices.try_recv()).await;
        assert!(matches!(notice, Ok(Ok(Some(_)))), "a notice for a commit");
        let again = tokio::time::timeout(Duration::from_millis(300), notices.try_recv()).await;
        assert!(again.is_err(), "one notice for one transaction");
        drop(notices);
        outside.close().await;
        seen_within_a_second("the committed title on the second instance", || async {
            title_on(&second, group).await == "Tuesday Talk and Tea"
        })
        .await;

        second.stop().await;
        first.stop().await;
    })
}

#[test]
fn waits_after_failed_sign_ins_and_report_limits_count_across_instances() {
    if skipped() {
        return;
    }
    run(async {
        let first = spawn_app_with(|config| {
            config.sample_data = true;
            config.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
        })
        .await;
        let second = another_instance(&first, true).await;
        let third = another_instance(&first, true).await;
        let instances = [&first, &second, &third];
        add_user(
            first.server.store(),
            "sam@example.org",
            Role::Organiser,
            Some(crate::organisers::RIVERSIDE),
        )
        .await;

        // Five wrong passwords for one account, spread over three instances…
        for n in 0..5 {
            let wrong = post(
                instances[n % 3],
                "/organisers/login",
                None,
                &[
                    ("email", "sam@example.org"),
                    ("password", "not the password"),
                ],
            )
            .await;
            assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "attempt {n}");
        }
        // …and every instance makes even the right one wait.
        for (n, app) in instances.iter().enumerate() {
            let held = post(
                app,
                "/organisers/login",
                None,
                &[("email", "sam@example.org"), ("password", PASSWORD)],
            )
            .await;
            assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS, "instance {n}");
        }

        // Twenty failures from one address, over three instances, hold that
        // address up on each of them; another address is still heard.
        let attempt = |n: usize, email: String, client: &str| {
            wrong_password_from(instances[n % 3], email, client.to_owned())
        };
        for n in 0..20 {
            assert_eq!(
                attempt(n, format!("guess{n}@example.org"), "203.0.113.1").await,
                StatusCode::UNAUTHORIZED,
                "guess {n} on instance {}",
                n % 3
            );
        }
        for n in 0..3 {
            assert_eq!(
                attempt(n, "new@example.org".into(), "203.0.113.1").await,
                StatusCode::TOO_MANY_REQUESTS,
                "instance {n} holds the address up"
            );
        }
        assert_eq!(
            attempt(1, "new@example.org".into(), "203.0.113.2").await,
            StatusCode::UNAUTHORIZED
        );

        // Five reports an hour from one address, counted across instances.
        let path = "/report/group/sample-tuesday-talk";
        for n in 0..5 {
            let sent = report(
                instances[n % 3],
                path,
                &[("problem", "other")],
                Some("198.51.100.9"),
            )
            .await;
            assert!(
                location(&sent).ends_with("report=sent#report"),
                "report {n}"
            );
        }
        for (n, app) in instances.iter().enumerate() {
            let busy = report(app, path, &[("problem", "other")], Some("198.51.100.9")).await;
            assert!(
                location(&busy).ends_with("report=busy#report"),
                "instance {n}"
            );
        }

        // A signed-in session works on every instance (a balancer may send
        // the next request anywhere).
        let token = {
            // Sam's wait has not passed; another account signs in.
            add_user(
                first.server.store(),
                "dan@example.org",
                Role::Organiser,
                Some(crate::organisers::DADS),
            )
            .await;
            let response = post(
                &third,
                "/organisers/login",
                None,
                &[("email", "dan@example.org"), ("password", PASSWORD)],
            )
            .await;
            // Sent from the test's own address (127.0.0.1), not the one held up.
            crate::organisers::token_of(&response).expect("signed in on the third instance")
        };
        for (n, app) in instances.iter().enumerate() {
            let home = crate::organisers::get(app, "/organisers", Some(&token)).await;
            assert_eq!(home.status(), StatusCode::OK, "instance {n}");
        }

        third.stop().await;
        second.stop().await;
        first.stop().await;
    })
}

#[test]
fn an_instance_whose_listening_connection_is_cut_follows_again_and_misses_nothing() {
    if skipped() {
        return;
    }
    run(async {
        let (first, second) = two_instances().await;
        let group = "sample-tuesday-talk";
        let before = title_on(&second, group).await;
        let outside = sqlx::PgPool::connect(&first.database.url)
            .await
            .expect("connects");
        let listening = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
            )
            .fetch_one(&outside)
            .await
            .expect("counts")
        };
        assert_eq!(listening().await, 2, "each instance listens");
        // Both instances' listening connections are cut, as a failover would.
        let cut: Vec<bool> = sqlx::query_scalar(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
        )
        .fetch_all(&outside)
        .await
        .expect("cuts");
        assert_eq!(cut, vec![true, true]);
        // A write while they were cut off, and one after: both show.
        sqlx::query("UPDATE peer_groups SET title = 'Tuesday Talk (cut)' WHERE id = $1")
            .bind(group)
            .execute(&outside)
            .await
            .expect("updates");
        for (name, app) in [("first", &first), ("second", &second)] {
            seen_within(
                AFTER_A_CUT,
                &format!("the write on the {name} instance"),
                || async { title_on(app, group).await == "Tuesday Talk (cut)" },
            )
            .await;
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while listening().await < 2 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(listening().await, 2, "each instance listens again");
        sqlx::query("UPDATE peer_groups SET title = $2 WHERE id = $1")
            .bind(group)
            .bind(&before)
            .execute(&outside)
            .await
            .expect("updates");
        for (name, app) in [("first", &first), ("second", &second)] {
            seen_within_a_second(
                &format!("the next write on the {name} instance"),
                || async { title_on(app, group).await == before },
            )
            .await;
        }
        outside.close().await;
        second.stop().await;
        first.stop().await;
    })
}

#[test]
fn every_published_table_tells_the_other_instances_of_a_change() {
    if skipped() {
        return;
    }
    run(async {
        let app = spawn_app_with(|_| {}).await;
        let pool = sqlx::PgPool::connect(&app.database.url)
            .await
            .expect("connects");
        let notifying: std::collections::BTreeSet<String> = sqlx::query_scalar(
            "SELECT c.relname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             JOIN pg_proc p ON p.oid = t.tgfoid \
             WHERE p.proname = 'village_published_changed' AND NOT t.tgisinternal",
        )
        .fetch_all(&pool)
        .await
        .expect("lists triggers")
        .into_iter()
        .collect();
        pool.close().await;
        let published: std::collections::BTreeSet<String> = crate::trust::PUBLISHED_TABLES
            .iter()
            .map(|t| (*t).to_owned())
            .collect();
        assert_eq!(notifying, published);
        app.stop().await;
    })
}

#[test]
fn a_server_with_another_secret_key_than_the_database_was_first_served_with_refuses_to_start() {
    run(async {
        let first = spawn_app_with(|_| {}).await;
        let scratch = scratch_dir();
        let mut config = crate::helpers::config(first.database.url.clone(), &scratch);
        config.secret_key = Some(server::config::Secret::from("ab".repeat(32)));
        let refused = server::Server::start(&config).await.err().expect("refused");
        assert!(
            matches!(refused, server::ServerError::AnotherSecretKey),
            "{refused}"
        );
        // The same key as the first: starts.
        let second = another_instance(&first, false).await;
        second.stop().await;
        first.stop().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}
