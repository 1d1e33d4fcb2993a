//! `spawn_app()`: the real server on a free port with a database of its own.

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::parser::{read_calendar, unfold};
use rrule::RRuleSet;
use server::{
    config::{DatabaseConfig, PublicUrl, Secret, ServeConfig},
    Server,
};
use sqlx::{postgres::PgConnectOptions, ConnectOptions};
use std::{collections::BTreeSet, future::Future, path::PathBuf, str::FromStr, sync::OnceLock};

/// Runs a test on one multi-threaded runtime shared by every test, as in
/// production, where one runtime serves the whole process.
pub fn run<F: Future>(test: F) -> F::Output {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("the test runtime starts")
        })
        .block_on(test)
}

pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backend under test: `VILLAGE_TEST_BACKEND=sqlite` (the default) or `postgres`.
pub fn backend() -> Backend {
    match std::env::var("VILLAGE_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        Ok("sqlite") | Err(_) => Backend::Sqlite,
        Ok(other) => panic!("VILLAGE_TEST_BACKEND must be sqlite or postgres, not {other:?}"),
    }
}

pub struct TestApp {
    pub base: String,
    pub server: Server,
    pub client: reqwest::Client,
    pub scratch: PathBuf,
    pub database: TestDatabase,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"))
    }

    /// GET, saying which compressions the client accepts.
    pub async fn get_encoded(&self, path: &str, accept_encoding: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("accept-encoding", accept_encoding)
            .send()
            .await
            .unwrap_or_else(|err| panic!("GET {path}: {err}"))
    }

    /// POST a body of the given content type.
    pub async fn post(&self, path: &str, content_type: &str, body: String) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {path}: {err}"))
    }

    pub async fn stop(self) {
        self.server
            .shutdown()
            .await
            .expect("server shuts down cleanly");
        self.database.drop_database().await;
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

/// A database made for one test, removed when the test stops.
pub struct TestDatabase {
    pub url: String,
    /// For PostgreSQL: the server to drop it from, and its name.
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// The same database for a second server (as several instances share
    /// one PostgreSQL); only the first handle drops it.
    pub fn shared(&self) -> TestDatabase {
        TestDatabase {
            url: self.url.clone(),
            postgres: None,
        }
    }

    pub async fn drop_database(&self) {
        if let Some((admin, name)) = &self.postgres {
            let pool = sqlx::PgPool::connect(admin)
                .await
                .expect("connects to TEST_POSTGRES_URL");
            sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&pool)
                .await
                .expect("drops the test database");
            pool.close().await;
        }
    }
}

/// A fresh, empty database for the backend under test.
pub async fn fresh_database(scratch: &std::path::Path) -> TestDatabase {
    match backend() {
        Backend::Sqlite => TestDatabase {
            url: format!("sqlite://{}", scratch.join("village.db").display()),
            postgres: None,
        },
        Backend::Postgres => {
            let admin = std::env::var("TEST_POSTGRES_URL").expect(
                "TEST_POSTGRES_URL must point at a PostgreSQL server for VILLAGE_TEST_BACKEND=postgres",
            );
            let name = format!("village_test_{}", uuid::Uuid::new_v4().simple());
            let pool = sqlx::PgPool::connect(&admin)
                .await
                .expect("connects to TEST_POSTGRES_URL");
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(&pool)
                .await
                .expect("creates a test database");
            pool.close().await;
            let options = PgConnectOptions::from_str(&admin)
                .expect("TEST_POSTGRES_URL parses")
                .database(&name);
            TestDatabase {
                url: options.to_url_lossy().to_string(),
                postgres: Some((admin, name)),
            }
        }
    }
}

/// The day every test server takes as today, unless a test chooses another:
/// a Monday in term time. Tests never read the wall clock for a date.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date")
}

pub fn config(database_url: String, scratch: &std::path::Path) -> ServeConfig {
    ServeConfig {
        site_addr: "127.0.0.1:0".parse().expect("valid address"),
        database: DatabaseConfig {
            url: Secret::from(database_url),
        },
        public_url: PublicUrl::parse("http://127.0.0.1").expect("valid url"),
        today: Some(today()),
        site_root: scratch.join("site"),
        site_pkg_dir: "pkg".into(),
        output_name: "village".into(),
        sample_data: false,
        published_max_age: 30,
        client_ip_header: None,
        secret_key: None,
        security_contact: None,
        operator_name: None,
        operator_contact: None,
        source_url: None,
        secret_key_file: scratch.join("secret.key"),
    }
}

/// The nonce a Content-Security-Policy names, if any.
pub fn csp_nonce(csp: &str) -> Option<String> {
    csp.split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .map(str::to_owned)
}

/// The stylesheet every test server has built (`site/pkg/village.css`).
pub const STYLESHEET: &str = "body { margin: 0 }\n.day > h3 { font-weight: 600 }\n";

pub fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("village-it-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("site")).expect("creates a scratch folder");
    // One static file, so tests can see how the server answers for files.
    std::fs::write(
        dir.join("site/favicon.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>"#,
    )
    .expect("writes a static file");
    // A built file with a content hash in its name.
    std::fs::create_dir_all(dir.join("site/pkg")).expect("creates a scratch folder");
    std::fs::write(
        dir.join("site/pkg/village.R0qpR4Yeled9ceZfyEjz5A.js"),
        "export {};",
    )
    .expect("writes a static file");
    // The stylesheet, which pages carry in their head (a `>` in it must stay one).
    std::fs::write(dir.join("site/pkg/village.css"), STYLESHEET).expect("writes a static file");
    // Its precompressed twin, as `cargo leptos build --precompress` leaves them.
    std::fs::write(dir.join("site/favicon.svg.br"), b"brotli bytes").expect("writes a static file");
    dir
}

/// Starts the real server on port 0 with a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut ServeConfig)) -> TestApp {
    let scratch = scratch_dir();
    let database = fresh_database(&scratch).await;
    spawn_app_on(scratch, database, adjust).await
}

/// Starts the real server on a database a test has prepared.
pub async fn spawn_app_on(
    scratch: PathBuf,
    database: TestDatabase,
    adjust: impl FnOnce(&mut ServeConfig),
) -> TestApp {
    let mut config = config(database.url.clone(), &scratch);
    adjust(&mut config);
    let server = Server::start(&config).await.expect("server starts");
    TestApp {
        base: format!("http://{}", server.addr()),
        server,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // No idle keep-alive connections: each test's stop is then immediate.
            .pool_max_idle_per_host(0)
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("client builds"),
        scratch,
        database,
    }
}

/// A server with the sample data.
pub async fn sample_app() -> TestApp {
    spawn_app_with(|config| config.sample_data = true).await
}

/// GET a path and read its JSON answer, with the status.
pub async fn json(app: &TestApp, path: &str) -> (u16, serde_json::Value) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    (
        status,
        response
            .json()
            .await
            .unwrap_or_else(|err| panic!("{path}: not JSON: {err}")),
    )
}

/// Every session a calendar feed promises from `first` to `last`, read as
/// calendar programs read it: unfolded, parsed by an independent parser
/// (`icalendar`) and its recurrences expanded by another (`rrule`).
pub fn feed_sessions(ics: &str, first: NaiveDate, last: NaiveDate) -> BTreeSet<NaiveDateTime> {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).expect("the feed parses as iCalendar");
    let mut found = BTreeSet::new();
    let window = (
        first.and_hms_opt(0, 0, 0).expect("midnight"),
        last.and_hms_opt(23, 59, 0).expect("late"),
    );
    for component in calendar.components.iter().filter(|c| c.name == "VEVENT") {
        let lines: Vec<String> = component
            .properties
            .iter()
            .filter(|p| matches!(p.name.as_str(), "DTSTART" | "RRULE" | "EXDATE" | "RDATE"))
            .map(|p| {
                let params: String = p
                    .params
                    .iter()
                    .map(|param| {
                        format!(
                            ";{}={}",
                            param.key.as_str(),
                            param.val.as_ref().map(|v| v.as_str()).unwrap_or_default()
                        )
                    })
                    .collect();
                format!("{}{params}:{}", p.name, p.val)
            })
            .collect();
        assert!(
            component.find_prop("SUMMARY").is_some(),
            "every event has a summary"
        );
        assert!(
            component.find_prop("UID").is_some(),
            "every event has a UID"
        );
        if lines.iter().any(|l| l.starts_with("RRULE")) {
            let set: RRuleSet = lines
                .join("\n")
                .parse()
                .expect("rrule reads the recurrence");
            for at in set.all(2000).dates {
                let local = at.naive_local();
                if window.0 <= local && local <= window.1 {
                    found.insert(local);
                }
            }
        } else {
            let start = lines
                .iter()
                .find(|l| l.starts_with("DTSTART"))
                .expect("a start");
            let value = start.rsplit(':').next().unwrap_or_default();
            let local =
                NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").expect("a local time");
            if window.0 <= local && local <= window.1 {
                found.insert(local);
            }
        }
    }
    found
}

/// The days a feed's events leave out (`EXDATE`), read by the same parser.
pub fn feed_exdates(ics: &str) -> BTreeSet<NaiveDate> {
    feed_values(ics, "EXDATE")
        .iter()
        .flat_map(|value| value.split(','))
        .map(|value| {
            let day = value.get(..8).unwrap_or_default();
            NaiveDate::parse_from_str(day, "%Y%m%d").expect("EXDATE holds dates")
        })
        .collect()
}

/// The values of every property `name` in a feed, read by the same parser.
pub fn feed_values(ics: &str, name: &str) -> Vec<String> {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).expect("the feed parses as iCalendar");
    calendar
        .components
        .iter()
        .flat_map(|c| c.properties.iter())
        .filter(|p| p.name == name)
        .map(|p| p.val.as_str().to_owned())
        .collect()
}

/// Each event's alarms as (UID, ACTION, TRIGGER), read by the same parser
/// from the VALARM components inside the VEVENTs.
pub fn feed_alarms(ics: &str) -> Vec<(String, String, String)> {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).expect("the feed parses as iCalendar");
    let value = |component: &icalendar::parser::Component<'_>, name: &str| {
        component
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.as_str().to_owned())
            .unwrap_or_default()
    };
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .flat_map(|event| {
            event
                .components
                .iter()
                .filter(|c| c.name == "VALARM")
                .map(move |alarm| {
                    (
                        value(event, "UID"),
                        value(alarm, "ACTION"),
                        value(alarm, "TRIGGER"),
                    )
                })
        })
        .collect()
}
