//! The `server` binary itself: it starts from the command line, keeps
//! personal data out of its log, and stops cleanly on SIGTERM.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use crate::helpers::{fresh_database, run, scratch_dir};

#[test]
fn the_binary_serves_keeps_personal_data_out_of_its_log_and_stops_on_sigterm() {
    run(async {
        let scratch = scratch_dir();
        let log_path = scratch.join("server.log");
        let database = fresh_database(&scratch).await;
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["serve", "--site-addr", "127.0.0.1:0"])
            // The key file a server makes on first start lands in scratch.
            .current_dir(&scratch)
            .env("DATABASE_URL", &database.url)
            .env("VILLAGE_TODAY", crate::helpers::today().to_string())
            .env("LEPTOS_SITE_ROOT", scratch.join("site"))
            // The most verbose level, so that a leak anywhere in the stack shows.
            .env("RUST_LOG", "trace")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(
                std::fs::File::create(&log_path).expect("creates the log file"),
            ))
            .spawn()
            .expect("the binary starts");

        let stdout = child.stdout.take().expect("stdout is piped");
        let line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).map(|_| line)
        })
        .await
        .expect("reader joins")
        .expect("reads a line");
        let base = line
            .trim()
            .strip_prefix("Village is running at ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();

        let body = reqwest::get(format!("{base}/healthz"))
            .await
            .expect("healthz answers")
            .text()
            .await
            .expect("body");
        assert_eq!(body, "ok");

        // Personal data never reaches the log: not a query string, a body or
        // the caller's address.
        let canary = "privacy-canary-7f3a";
        let client = reqwest::Client::new();
        let page = client
            .get(format!("{base}/?area={canary}&note={canary}"))
            .send()
            .await
            .expect("page answers");
        assert_eq!(page.status(), 200);
        let rpc = client
            .get(format!("{base}/rpc/area?id={canary}"))
            .send()
            .await
            .expect("rpc answers");
        assert_eq!(rpc.status(), 404);
        let post = client
            .post(format!("{base}/rpc/area"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("id={canary}"))
            .send()
            .await
            .expect("post answers");
        assert!(post.status().is_client_error());

        // The shell's own `kill`, present wherever `sh` is.
        let status = Command::new("sh")
            .args(["-c", "kill -TERM \"$0\"", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let exit = tokio::time::timeout(
            Duration::from_secs(10),
            tokio::task::spawn_blocking(move || child.wait()),
        )
        .await
        .expect("stops within 10 s")
        .expect("joins")
        .expect("waits");
        assert!(exit.success(), "exit status {exit:?}");

        let log = std::fs::read_to_string(&log_path).expect("reads the log");
        assert!(
            log.contains("route=\"/rpc/area\""),
            "requests are logged (so this check can fail): {log}"
        );
        assert!(!log.contains(canary), "the log holds personal data: {log}");
        let local_port = reqwest::Url::parse(&base)
            .ok()
            .and_then(|url| url.port())
            .expect("a port");
        for line in log.lines() {
            // The caller's address would appear as 127.0.0.1 with its own
            // (ephemeral) port; the only address logged is the listening one.
            if line.contains("127.0.0.1:") {
                assert!(line.contains(&format!("127.0.0.1:{local_port}")), "{line}");
            }
        }
        database.drop_database().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

/// Runs `server check` on `url`: (succeeded, what it printed).
fn check(url: &str) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["check", "--database-url", url])
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn server_check_finds_a_whole_database_whole_and_names_a_broken_one() {
    run(async {
        let scratch = scratch_dir();
        let database = fresh_database(&scratch).await;
        let store = server::database::open(&database.url)
            .await
            .expect("opens and migrates");
        server::database::seed_sample_data(&store, crate::helpers::today())
            .await
            .expect("sample data");
        let url = database.url.clone();
        let (ok, said) = tokio::task::spawn_blocking(move || check(&url))
            .await
            .expect("joins");
        assert!(ok, "{said}");
        assert!(said.contains("integrity ok"), "{said}");
        assert!(said.contains("groups read back"), "{said}");

        // A session cancelled for a group that is not there: the kind of
        // row a restore that skipped its foreign keys leaves behind.
        let orphan = "INSERT INTO group_exceptions (group_id, kind, day, reason) \
                      VALUES ('no-such-group', 'cancelled', '2026-12-01', 'Closed')";
        match store.pool() {
            app::storage::Pool::Sqlite(pool) => {
                let mut connection = pool.acquire().await.expect("a connection");
                sqlx::query("PRAGMA foreign_keys = OFF")
                    .execute(&mut *connection)
                    .await
                    .expect("turns keys off");
                sqlx::query(orphan)
                    .execute(&mut *connection)
                    .await
                    .expect("inserts");
                sqlx::query("PRAGMA foreign_keys = ON")
                    .execute(&mut *connection)
                    .await
                    .expect("turns keys on");
            }
            app::storage::Pool::Postgres(pool) => {
                let mut tx = pool.begin().await.expect("begins");
                sqlx::query("SET LOCAL session_replication_role = replica")
                    .execute(&mut *tx)
                    .await
                    .expect("skips the key triggers");
                sqlx::query(&orphan.replace("'2026-12-01'", "DATE '2026-12-01'"))
                    .execute(&mut *tx)
                    .await
                    .expect("inserts");
                tx.commit().await.expect("commits");
            }
        }
        store.close().await;
        let url = database.url.clone();
        let (ok, said) = tokio::task::spawn_blocking(move || check(&url))
            .await
            .expect("joins");
        assert!(!ok, "{said}");
        assert!(said.contains("group_exceptions"), "{said}");
        assert!(!said.contains("integrity ok"), "{said}");

        // A database that missed a migration is named as such, not upgraded.
        let forget = "DELETE FROM _sqlx_migrations WHERE version = 20261202000001";
        let store = app::storage::Store::connect(&database.url)
            .await
            .expect("connects");
        match store.pool() {
            app::storage::Pool::Sqlite(pool) => sqlx::query(forget).execute(pool).await.map(|_| ()),
            app::storage::Pool::Postgres(pool) => {
                sqlx::query(forget).execute(pool).await.map(|_| ())
            }
        }
        .expect("forgets a migration");
        store.close().await;
        for _ in 0..2 {
            let url = database.url.clone();
            let (ok, said) = tokio::task::spawn_blocking(move || check(&url))
                .await
                .expect("joins");
            assert!(!ok, "{said}");
            assert!(said.contains("1 migrations are not applied yet"), "{said}");
        }
        database.drop_database().await;

        // A SQLite file that is not there is an error, and is not made.
        if matches!(crate::helpers::backend(), crate::helpers::Backend::Sqlite) {
            let missing = scratch.join("restored").join("village.db");
            let url = format!("sqlite://{}", missing.display());
            let output = Command::new(env!("CARGO_BIN_EXE_server"))
                .args(["check", "--database-url", &url])
                .env("RUST_LOG", "warn")
                .output()
                .expect("the binary runs");
            assert!(!output.status.success());
            assert!(String::from_utf8_lossy(&output.stderr).contains("there is no database"));
            assert!(!missing.exists());
        }
    })
}
