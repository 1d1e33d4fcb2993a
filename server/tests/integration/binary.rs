//! The `server` binary itself: it starts from the command line and stops
//! cleanly on SIGTERM.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use crate::helpers::{fresh_database_url, run, scratch_dir};

#[test]
fn the_binary_serves_and_stops_cleanly_on_sigterm() {
    run(async {
        let scratch = scratch_dir();
        let database_url = fresh_database_url(&scratch).await;
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["serve", "--site-addr", "127.0.0.1:0"])
            .env("DATABASE_URL", &database_url)
            .env("LEPTOS_SITE_ROOT", scratch.join("site"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
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

        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
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
        let _ = std::fs::remove_dir_all(scratch);
    })
}
