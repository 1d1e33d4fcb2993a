//! Organisers: accounts made on the command line, signing in and out,
//! sessions that end, waits after failed attempts, cross-site refusals, who
//! may change what, and the audit log. The real server, on both backends.

use app::storage::{Pool, Store};
use chrono::{Duration, Utc};
use reqwest::{header, StatusCode};
use std::{
    io::Write,
    process::{Command, Stdio},
};
use village_core::{
    account::{Email, Role},
    AreaId,
};

use crate::helpers::{feed_exdates, feed_sessions, run, sample_app, today, TestApp};

pub(crate) const PASSWORD: &str = "kettle violet harbour";
pub(crate) const RIVERSIDE: &str = "sample-riverside-parents";
pub(crate) const DADS: &str = "sample-dads-together";
const NEW_GROUP: &str = "/organisers/groups/new";

pub(crate) async fn add_user(store: &Store, email: &str, role: Role, organisation: Option<&str>) {
    let hash = server::accounts::hash_password(PASSWORD).expect("hashes");
    let email = Email::parse(email).expect("email");
    store
        .create_user(
            &uuid::Uuid::new_v4().to_string(),
            &email,
            &hash,
            role,
            organisation,
        )
        .await
        .expect("creates the account");
}

/// The accounts the tests use: Sam organises for Riverside Parents
/// Together, Dan for Dads Together; and an admin.
pub(crate) const SAM: (&str, Role, Option<&str>) =
    ("sam@example.org", Role::Organiser, Some(RIVERSIDE));
pub(crate) const DAN: (&str, Role, Option<&str>) = ("dan@example.org", Role::Organiser, Some(DADS));
pub(crate) const ADMIN: (&str, Role, Option<&str>) = ("admin@example.org", Role::Admin, None);

/// The session tokens of the accounts `team` made (empty for the others).
pub(crate) struct Team {
    pub(crate) sam: String,
    pub(crate) dan: String,
    pub(crate) admin: String,
}

/// Makes the given accounts, in order, and signs each in.
pub(crate) async fn team(store: &Store, app: &TestApp, who: &[(&str, Role, Option<&str>)]) -> Team {
    let mut team = Team {
        sam: String::new(),
        dan: String::new(),
        admin: String::new(),
    };
    for (email, role, organisation) in who {
        add_user(store, email, *role, *organisation).await;
        let token = sign_in(app, email).await;
        match *email {
            "sam@example.org" => team.sam = token,
            "dan@example.org" => team.dan = token,
            _ => team.admin = token,
        }
    }
    team
}

/// A same-site form post (as the browser sends it), with a session cookie.
pub(crate) async fn post(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header(header::ORIGIN, app.base.clone())
        .header("sec-fetch-site", "same-origin")
        .form(form);
    if let Some(token) = cookie {
        request = request.header(header::COOKIE, format!("village-session={token}"));
    }
    request.send().await.expect("answers")
}

pub(crate) async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = cookie {
        request = request.header(header::COOKIE, format!("village-session={token}"));
    }
    request.send().await.expect("answers")
}

/// The session token a response sets.
pub(crate) fn token_of(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("village-session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .filter(|t| !t.is_empty())
}

pub(crate) async fn sign_in(app: &TestApp, email: &str) -> String {
    let response = post(
        app,
        "/organisers/login",
        None,
        &[("email", email), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    token_of(&response).expect("a session cookie")
}

/// Whether a token opens the organisers' page.
async fn works(app: &TestApp, token: &str) -> bool {
    let page = get(app, "/organisers", Some(token)).await;
    page.status() == StatusCode::OK
        && page
            .text()
            .await
            .is_ok_and(|html| html.contains("Signed in as"))
}

/// A response's page with its per-response nonce (named in its CSP, and
/// written into the page) taken out, to compare two answers.
async fn page_without_nonce(response: reqwest::Response) -> String {
    let nonce = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .and_then(|csp| csp.split("'nonce-").nth(1))
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the CSP")
        .to_owned();
    response
        .text()
        .await
        .expect("page")
        .replace(&nonce, "NONCE")
}

fn create_user(url: &str, args: &[&str], password: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("create-user")
        .args(args)
        .arg("--password-stdin")
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("writes the password");
    let output = child.wait_with_output().expect("finishes");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn accounts_are_made_on_the_command_line_with_argon2id_and_refuse_weak_passwords() {
    run(async {
        let app = sample_app().await;
        let url = app.database.url.clone();
        let store = app.server.store().clone();
        let organiser = [
            "--email",
            "Sam@Example.org",
            "--role",
            "organiser",
            "--organisation",
            RIVERSIDE,
        ];
        for (password, says) in [
            ("password1234", "list of common passwords"),
            ("too short", "at least 12 characters"),
            ("sam@example.org is me", "cannot contain your email"),
        ] {
            let (ok, _, stderr) = create_user(&url, &organiser, password);
            assert!(
                !ok && stderr.contains(says) && stderr.contains("Nothing was changed."),
                "{stderr}"
            );
        }
        let (ok, _, stderr) = create_user(
            &url,
            &["--email", "sam@example.org", "--role", "organiser"],
            PASSWORD,
        );
        assert!(!ok && stderr.contains("needs an organisation"), "{stderr}");
        let (ok, _, stderr) = create_user(
            &url,
            &[
                "--email",
                "sam@example.org",
                "--role",
                "organiser",
                "--organisation",
                "nobody",
            ],
            PASSWORD,
        );
        assert!(
            !ok && stderr.contains("There is no organisation \"nobody\""),
            "{stderr}"
        );
        assert!(
            store.users().await.expect("lists").is_empty(),
            "nothing was created"
        );

        let (ok, stdout, stderr) = create_user(&url, &organiser, PASSWORD);
        assert!(ok, "{stderr}");
        assert_eq!(
            stdout.trim(),
            format!("Created an organiser account for sam@example.org at {RIVERSIDE}.")
        );
        let (ok, _, stderr) = create_user(&url, &organiser, PASSWORD);
        assert!(
            !ok && stderr.contains("There is already an account for sam@example.org."),
            "{stderr}"
        );
        let (ok, stdout, stderr) = create_user(
            &url,
            &["--email", "admin@example.org", "--role", "admin"],
            "a different long phrase",
        );
        assert!(ok, "{stderr}");
        assert_eq!(
            stdout.trim(),
            "Created an admin account for admin@example.org."
        );

        let (user, hash) = store
            .user_by_email(&Email::parse("sam@example.org").expect("email"))
            .await
            .expect("reads")
            .expect("exists");
        assert_eq!(user.role, Role::Organiser);
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(!hash.contains(PASSWORD));
        assert!(server::accounts::verify_password(PASSWORD, &hash));
        // The new account signs in.
        let token = sign_in(&app, "sam@example.org").await;
        assert!(works(&app, &token).await);
        app.stop().await;
    })
}

#[test]
fn signing_in_gives_a_locked_down_cookie_and_a_wrong_password_looks_like_an_unknown_email() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;

        let page = get(&app, "/organisers", None).await;
        assert_eq!(page.status(), StatusCode::SEE_OTHER);
        assert_eq!(page.headers()[header::LOCATION], "/organisers/login");
        let login = get(&app, "/organisers/login", None)
            .await
            .text()
            .await
            .expect("page");
        for label in [
            "<label for=\"email\">Email</label>",
            "<label for=\"password\">Password</label>",
            ">Sign in</button>",
        ] {
            assert!(login.contains(label), "{label}");
        }

        let wrong = post(
            &app,
            "/organisers/login",
            None,
            &[
                ("email", "sam@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert!(token_of(&wrong).is_none());
        let wrong = page_without_nonce(wrong).await;
        assert!(wrong.contains("The email or password is not right."));
        let unknown = post(
            &app,
            "/organisers/login",
            None,
            &[
                ("email", "nobody@example.org"),
                ("password", "not the password"),
            ],
        )
        .await;
        assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
        let unknown = page_without_nonce(unknown).await;
        assert_eq!(
            wrong.replace("sam@example.org", "EMAIL"),
            unknown.replace("nobody@example.org", "EMAIL"),
            "the same answer whether or not the account exists"
        );

        let response = post(
            &app,
            "/organisers/login",
            None,
            &[("email", " Sam@Example.org "), ("password", PASSWORD)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/organisers");
        let cookie = response.headers()[header::SET_COOKIE]
            .to_str()
            .expect("text")
            .to_owned();
        let token = token_of(&response).expect("token");
        assert_eq!(token.len(), 64, "256 random bits");
        assert_eq!(
            cookie,
            format!("village-session={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200")
        );

        let home = get(&app, "/organisers", Some(&token)).await;
        assert_eq!(home.status(), StatusCode::OK);
        let home = home.text().await.expect("page");
        assert!(
            home.contains("Signed in as sam@example.org (Organiser, Riverside Parents Together).")
        );
        assert!(
            home.contains("Riverside Feeding Café"),
            "their own services"
        );
        assert!(!home.contains("Dads Line"), "not another organisation's");
        assert!(home.contains("Tuesday Talk and Tea"), "their own groups");
        assert!(
            !home.contains("Recent changes"),
            "the audit log is for admins"
        );

        // Signing in again rotates the session: the old token stops working.
        let again = post(
            &app,
            "/organisers/login",
            Some(&token),
            &[("email", "sam@example.org"), ("password", PASSWORD)],
        )
        .await;
        let fresh = token_of(&again).expect("token");
        assert_ne!(fresh, token);
        assert!(!works(&app, &token).await);
        assert!(works(&app, &fresh).await);

        let out = post(&app, "/organisers/logout", Some(&fresh), &[]).await;
        assert_eq!(out.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            out.headers()[header::LOCATION],
            "/organisers/login?signed_out=here"
        );
        assert!(out.headers()[header::SET_COOKIE]
            .to_str()
            .expect("text")
            .contains("Max-Age=0"));
        assert!(!works(&app, &fresh).await);
        app.stop().await;
    })
}

async fn set_session_times(store: &Store, column: &str, at: chrono::DateTime<Utc>) {
    let sql = format!("UPDATE sessions SET {column} = $1");
    match store.pool() {
        Pool::Sqlite(pool) => sqlx::query(&sql).bind(at).execute(pool).await.map(|_| ()),
        Pool::Postgres(pool) => sqlx::query(&sql).bind(at).execute(pool).await.map(|_| ()),
    }
    .expect("updates");
}

#[test]
fn sessions_end_when_idle_or_too_old_and_signing_out_everywhere_ends_them_all() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;

        let token = sign_in(&app, "sam@example.org").await;
        set_session_times(&store, "last_seen_at", Utc::now() - Duration::minutes(29)).await;
        assert!(
            works(&app, &token).await,
            "29 idle minutes is fine, and using it counts"
        );
        set_session_times(&store, "last_seen_at", Utc::now() - Duration::minutes(31)).await;
        assert!(!works(&app, &token).await, "31 idle minutes ends it");

        let token = sign_in(&app, "sam@example.org").await;
        set_session_times(
            &store,
            "signed_in_at",
            Utc::now() - Duration::hours(12) - Duration::minutes(1),
        )
        .await;
        assert!(
            !works(&app, &token).await,
            "12 hours after sign-in it ends, however busy"
        );

        let phone = sign_in(&app, "sam@example.org").await;
        let laptop = sign_in(&app, "sam@example.org").await;
        assert!(works(&app, &phone).await && works(&app, &laptop).await);
        let out = post(&app, "/organisers/logout-everywhere", Some(&phone), &[]).await;
        assert_eq!(
            out.headers()[header::LOCATION],
            "/organisers/login?signed_out=everywhere"
        );
        assert!(!works(&app, &phone).await);
        assert!(
            !works(&app, &laptop).await,
            "the other device is signed out too"
        );
        app.stop().await;
    })
}

#[test]
fn failed_sign_ins_bring_growing_waits_with_the_same_answer_for_unknown_emails() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;
        for email in ["sam@example.org", "nobody@example.org"] {
            for _ in 0..5 {
                let wrong = post(
                    &app,
                    "/organisers/login",
                    None,
                    &[("email", email), ("password", "not the password")],
                )
                .await;
                assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
            }
            let limited = post(
                &app,
                "/organisers/login",
                None,
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
            assert_eq!(
                limited.status(),
                StatusCode::TOO_MANY_REQUESTS,
                "{email}: even the right password waits"
            );
            assert!(token_of(&limited).is_none());
            let page = limited.text().await.expect("page");
            assert!(
                page.contains("Too many attempts, try again in 1 minute."),
                "{email}"
            );
        }
        // Another account from the same address is not yet held up…
        let other = post(
            &app,
            "/organisers/login",
            None,
            &[("email", "third@example.org"), ("password", "wrong again")],
        )
        .await;
        assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
        // …until the address itself has failed too often (20 times).
        for n in 0..9 {
            let email = format!("guess{n}@example.org");
            let answer = post(
                &app,
                "/organisers/login",
                None,
                &[("email", &email), ("password", "wrong")],
            )
            .await;
            assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "attempt {n}");
        }
        let held = post(
            &app,
            "/organisers/login",
            None,
            &[("email", "fresh@example.org"), ("password", "wrong")],
        )
        .await;
        assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
        app.stop().await;
    })
}

/// Every form that changes something, with a body that would be valid.
fn mutating(group: &str, date: &str) -> Vec<(String, Vec<(String, String)>)> {
    vec![
        (
            "/organisers/login".into(),
            vec![
                ("email".into(), "sam@example.org".into()),
                ("password".into(), PASSWORD.into()),
            ],
        ),
        ("/organisers/logout".into(), vec![]),
        ("/organisers/logout-everywhere".into(), vec![]),
        (
            format!("/report/group/{group}"),
            vec![("problem".into(), "other".into())],
        ),
        (format!("/organisers/reports/group/{group}/resolve"), vec![]),
        (
            "/organisers/services/sample-feeding-cafe/confirm".into(),
            vec![],
        ),
        (format!("/organisers/groups/{group}/confirm"), vec![]),
        (
            format!("/organisers/groups/{group}/cancel"),
            vec![
                ("date".into(), date.into()),
                ("reason".into(), "Hall closed".into()),
            ],
        ),
        ("/rpc/organisers/home".into(), vec![]),
        (
            "/organisers/groups/new".into(),
            vec![
                ("title".into(), "Forged".into()),
                ("action".into(), "add".into()),
            ],
        ),
        (
            format!("/organisers/groups/{group}/extra"),
            vec![
                ("date".into(), date.into()),
                ("starts".into(), "18:00".into()),
                ("ends".into(), "19:00".into()),
            ],
        ),
        (
            format!("/organisers/groups/{group}/edit"),
            vec![
                ("title".into(), "Forged".into()),
                ("keep-0".into(), "on".into()),
                ("place".into(), "venue:sample-st-marks-hall".into()),
                ("every".into(), "1".into()),
                ("term".into(), "term_time_only".into()),
            ],
        ),
        (
            "/organisers/venues/new".into(),
            vec![
                ("name".into(), "Forged Hall".into()),
                ("address".into(), "1 Forged Street".into()),
                ("postcode".into(), "CF10 1AB".into()),
            ],
        ),
        (
            "/organisers/venues/sample-st-marks-hall/edit".into(),
            vec![
                ("name".into(), "Forged Hall".into()),
                ("address".into(), "1 Forged Street".into()),
                ("postcode".into(), "CF10 1AB".into()),
            ],
        ),
        ("/organisers/accounts/someone/disable".into(), vec![]),
        // In use, so never deleted (a 409), but only its owners may ask.
        (
            "/organisers/venues/sample-st-marks-hall/delete".into(),
            vec![],
        ),
        (
            "/organisers/services/sample-feeding-cafe/edit".into(),
            vec![
                ("description".into(), "Forged".into()),
                ("self_referral".into(), "yes".into()),
            ],
        ),
        ("/organisers/pending/1/approve".into(), vec![]),
        ("/organisers/pending/1/reject".into(), vec![]),
        (
            "/organisers/organisations".into(),
            vec![("name".into(), "Forged".into())],
        ),
        (
            format!("/organisers/organisations/{RIVERSIDE}/edit"),
            vec![("name".into(), "Forged".into())],
        ),
        (
            "/organisers/areas".into(),
            vec![
                ("name".into(), "Forged".into()),
                ("nation".into(), "england".into()),
            ],
        ),
        (
            "/organisers/terms".into(),
            vec![
                ("area".into(), "sample-riverside".into()),
                ("dates".into(), "school_year,kind,name,start,end\n".into()),
            ],
        ),
        (
            "/organisers/invitations".into(),
            vec![
                ("email".into(), "forged@example.org".into()),
                ("role".into(), "admin".into()),
            ],
        ),
        (
            format!("/organisers/invite/{}", "a".repeat(64)),
            vec![
                ("password".into(), PASSWORD.into()),
                ("confirm".into(), PASSWORD.into()),
            ],
        ),
        (
            "/organisers/login/code".into(),
            vec![("code".into(), "123456".into())],
        ),
        ("/organisers/totp/start".into(), vec![]),
        (
            "/organisers/totp/confirm".into(),
            vec![("code".into(), "123456".into())],
        ),
        (
            "/organisers/totp/off".into(),
            vec![("code".into(), "123456".into())],
        ),
    ]
}

/// A group's session on a day, as This week's API lists it.
pub(crate) async fn session_on(
    app: &TestApp,
    group: &str,
    date: &str,
) -> Option<serde_json::Value> {
    let day: serde_json::Value = get(
        app,
        &format!("/api/v1/areas/sample-riverside/sessions?from={date}&days=1"),
        None,
    )
    .await
    .json()
    .await
    .expect("JSON");
    day["sessions"]
        .as_array()?
        .iter()
        .find(|s| s["group_id"] == group)
        .cloned()
}

/// The next running session of a group, from the public API.
pub(crate) async fn next_session(app: &TestApp, group: &str) -> String {
    let today = today();
    let body: serde_json::Value = get(
        app,
        &format!("/api/v1/areas/sample-riverside/sessions?from={today}&days=28"),
        None,
    )
    .await
    .json()
    .await
    .expect("JSON");
    body["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| {
            s["group_id"] == group
                && s["cancelled"] == false
                && s["date"].as_str() > Some(today.to_string().as_str())
        })
        .and_then(|s| s["date"].as_str())
        .expect("a session to cancel")
        .to_owned()
}

#[test]
fn cross_site_posts_are_refused_on_every_endpoint_that_changes_something() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;
        let token = sign_in(&app, "sam@example.org").await;
        let date = next_session(&app, "sample-tuesday-talk").await;
        for (path, form) in mutating("sample-tuesday-talk", &date) {
            for (name, value) in [
                ("sec-fetch-site", "cross-site"),
                ("sec-fetch-site", "same-site"),
                ("origin", "https://evil.example"),
                ("origin", "null"),
            ] {
                let answer = app
                    .client
                    .post(app.url(&path))
                    .header(name, value)
                    .header(header::COOKIE, format!("village-session={token}"))
                    .form(&form)
                    .send()
                    .await
                    .expect("answers");
                assert_eq!(
                    answer.status(),
                    StatusCode::FORBIDDEN,
                    "{path} with {name}: {value}"
                );
                assert!(answer
                    .text()
                    .await
                    .expect("text")
                    .contains("came from another site"));
            }
        }
        assert!(
            works(&app, &token).await,
            "no refused post signed anyone out"
        );
        assert!(
            store.audit_entries(10).await.expect("reads").is_empty(),
            "nothing changed"
        );
        // And nothing changes on GET.
        let get_out = get(&app, "/organisers/logout", Some(&token)).await;
        assert_ne!(get_out.status(), StatusCode::SEE_OTHER);
        assert!(works(&app, &token).await);
        app.stop().await;
    })
}

#[test]
fn only_the_right_accounts_can_change_things_and_every_change_is_audited() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, admin } = team(&store, &app, &[SAM, DAN, ADMIN]).await;

        let service = "/organisers/services/sample-feeding-cafe/confirm";
        let date = next_session(&app, "sample-tuesday-talk").await;
        let cancel = "/organisers/groups/sample-tuesday-talk/cancel";
        let form = [("date", date.as_str()), ("reason", "The hall is closed")];

        // Signed out: sent to sign in. Another organisation's organiser: refused.
        for (who, expected) in [
            (None, StatusCode::SEE_OTHER),
            (Some(dan.as_str()), StatusCode::FORBIDDEN),
        ] {
            let a = post(&app, service, who, &[]).await;
            assert_eq!(a.status(), expected);
            let b = post(&app, cancel, who, &form).await;
            assert_eq!(b.status(), expected);
            if who.is_none() {
                assert_eq!(a.headers()[header::LOCATION], "/organisers/login");
            }
        }
        assert!(
            store.audit_entries(10).await.expect("reads").is_empty(),
            "nothing changed"
        );

        // A bad cancellation says what to fix and saves nothing.
        let bad = post(
            &app,
            cancel,
            Some(&sam),
            &[("date", date.as_str()), ("reason", "  ")],
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        let page = bad.text().await.expect("page");
        assert!(
            page.contains("Please say why, so people know"),
            "the message is beside the field"
        );
        assert!(page.contains("aria-invalid=\"true\""));
        assert!(store.audit_entries(10).await.expect("reads").is_empty());

        // Their own organisation's: done, and recorded.
        let ok = post(&app, service, Some(&sam), &[]).await;
        assert_eq!(ok.headers()[header::LOCATION], "/organisers?done=confirmed");
        let ok = post(&app, cancel, Some(&sam), &form).await;
        assert_eq!(ok.headers()[header::LOCATION], "/organisers?done=cancelled");
        // An admin may change anyone's.
        let by_admin = post(
            &app,
            "/organisers/services/sample-dads-line/confirm",
            Some(&admin),
            &[],
        )
        .await;
        assert_eq!(
            by_admin.headers()[header::LOCATION],
            "/organisers?done=confirmed"
        );

        let today = today();
        let services = store.services().await.expect("reads");
        let confirmed = |id: &str| {
            services
                .iter()
                .find(|s| s.id.as_str() == id)
                .map(|s| s.last_confirmed)
        };
        assert_eq!(confirmed("sample-feeding-cafe"), Some(Some(today)));
        assert_eq!(confirmed("sample-dads-line"), Some(Some(today)));

        let audit = store.audit_entries(10).await.expect("reads");
        let seen: Vec<(&str, &str, &str)> = audit
            .iter()
            .map(|e| (e.by.as_str(), e.action.as_str(), e.item_id.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("admin@example.org", "confirmed", "sample-dads-line"),
                (
                    "sam@example.org",
                    "cancelled a session",
                    "sample-tuesday-talk"
                ),
                ("sam@example.org", "confirmed", "sample-feeding-cafe"),
            ]
        );
        assert_eq!(
            audit[2].before.as_deref(),
            Some("{\"last_confirmed\":\"2026-11-01\"}")
        );
        assert_eq!(
            audit[2].after,
            Some(format!("{{\"last_confirmed\":\"{today}\"}}"))
        );
        assert!(audit[1]
            .after
            .as_deref()
            .is_some_and(|a| a.contains(&date) && a.contains("The hall is closed")));
        let admin_home = get(&app, "/organisers", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            admin_home.contains("Recent changes") && admin_home.contains("cancelled a session")
        );

        // The cancellation is public at once: on This week and in the calendar feed.
        let session = session_on(&app, "sample-tuesday-talk", &date)
            .await
            .expect("listed");
        assert_eq!(session["cancelled"], true);
        assert_eq!(session["cancel_reason"], "The hall is closed");
        let feed = get(
            &app,
            "/api/v1/groups/sample-tuesday-talk/calendar.ics",
            None,
        )
        .await
        .text()
        .await
        .expect("feed");
        let day = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").expect("a date");
        assert!(
            feed_exdates(&feed).contains(&day)
                && !feed_sessions(&feed, day, day)
                    .iter()
                    .any(|at| at.date() == day),
            "the feed leaves the day out"
        );
        app.stop().await;
    })
}

/// A sign-in with a wrong password, from the client a load balancer names
/// in `X-Forwarded-For`; the answer's status.
pub(crate) async fn wrong_password_from(
    app: &TestApp,
    email: String,
    forwarded_for: String,
) -> StatusCode {
    app.client
        .post(app.url("/organisers/login"))
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", forwarded_for)
        .form(&[("email", email.as_str()), ("password", "wrong")])
        .send()
        .await
        .expect("answers")
        .status()
}

#[test]
fn behind_a_load_balancer_the_waits_follow_the_client_address_it_reports() {
    run(async {
        let app = crate::helpers::spawn_app_with(|config| {
            config.sample_data = true;
            config.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
        })
        .await;
        // A client may send its own header; the balancer appends the real address last.
        let attempt = |email: String, client: &'static str| {
            wrong_password_from(&app, email, format!("10.9.9.9, {client}"))
        };
        for n in 0..20 {
            assert_eq!(
                attempt(format!("guess{n}@example.org"), "203.0.113.1").await,
                StatusCode::UNAUTHORIZED
            );
        }
        assert_eq!(
            attempt("new@example.org".into(), "203.0.113.1").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            attempt("new@example.org".into(), "203.0.113.2").await,
            StatusCode::UNAUTHORIZED,
            "another client behind the same balancer is not held up"
        );
        app.stop().await;
    })
}

pub(crate) fn new_group<'a>(title: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("description", "A walk and a chat."),
        ("area", "sample-riverside"),
        ("weekday", "wednesday"),
        ("starts", "14:00"),
        ("ends", "15:00"),
        ("every", "1"),
        ("term", "term_time_only"),
        ("first", ""),
        ("place", "venue:sample-st-marks-hall"),
        ("joining", ""),
        ("babies", "on"),
        ("action", action),
    ]
}

#[test]
fn organisers_add_weekly_groups_after_a_preview_and_only_for_their_own_organisation() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, .. } = team(&store, &app, &[SAM, DAN]).await;
        let groups_before = store.groups().await.expect("reads").len();

        let form = get(&app, "/organisers/groups/new", Some(&sam)).await;
        assert_eq!(form.status(), StatusCode::OK);
        let form = form.text().await.expect("page");
        for label in [
            "Name of the group",
            "Day",
            "Where it meets",
            "St Mark's Church Hall",
            "Show the next dates",
            "Add the group",
        ] {
            assert!(form.contains(label), "{label}");
        }
        let signed_out = get(&app, "/organisers/groups/new", None).await;
        assert_eq!(signed_out.status(), StatusCode::SEE_OTHER);

        // The preview shows the dates parents will see, breaks named, and saves nothing.
        let preview = post(
            &app,
            "/organisers/groups/new",
            Some(&sam),
            &new_group("Wednesday Walk", "preview"),
        )
        .await;
        assert_eq!(preview.status(), StatusCode::OK);
        let preview = preview.text().await.expect("page");
        assert!(preview.contains("The next dates, as parents will see them"));
        assert!(
            preview.contains("No session: Christmas holidays"),
            "breaks are named"
        );
        assert!(
            preview.contains("value=\"Wednesday Walk\""),
            "what was typed is kept"
        );
        assert_eq!(store.groups().await.expect("reads").len(), groups_before);

        // Every problem at once, beside its field; nothing saved.
        let mut bad = new_group("", "add");
        bad.retain(|(k, _)| *k != "ends");
        bad.push(("ends", "13:00"));
        let bad = post(&app, "/organisers/groups/new", Some(&sam), &bad).await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        let bad = bad.text().await.expect("page");
        assert!(bad.contains("Please give the group a name"));
        assert!(bad.contains("The end time should be after the start time."));
        assert!(bad.contains("aria-invalid=\"true\""));
        // Another organisation's venue is not theirs to use.
        let theirs = post(
            &app,
            "/organisers/groups/new",
            Some(&dan),
            &new_group("Dads at St Mark's", "add"),
        )
        .await;
        assert_eq!(theirs.status(), StatusCode::BAD_REQUEST);
        assert!(theirs
            .text()
            .await
            .expect("page")
            .contains("Please choose where it meets"));
        let nobody = post(
            &app,
            "/organisers/groups/new",
            None,
            &new_group("Sneaky", "add"),
        )
        .await;
        assert_eq!(nobody.headers()[header::LOCATION], "/organisers/login");
        assert_eq!(store.groups().await.expect("reads").len(), groups_before);
        assert!(store.audit_entries(10).await.expect("reads").is_empty());

        let added = post(
            &app,
            "/organisers/groups/new",
            Some(&sam),
            &new_group("Wednesday Walk", "add"),
        )
        .await;
        assert_eq!(added.headers()[header::LOCATION], "/organisers?done=added");
        let groups = store.groups().await.expect("reads");
        assert_eq!(groups.len(), groups_before + 1);
        let walk = groups
            .iter()
            .find(|g| g.title == "Wednesday Walk")
            .expect("stored");
        assert_eq!(walk.organisation_id, RIVERSIDE);
        assert!(walk.id.as_str().starts_with("wednesday-walk-"));
        let audit = store.audit_entries(10).await.expect("reads");
        assert_eq!(
            (
                audit[0].by.as_str(),
                audit[0].action.as_str(),
                audit[0].item_id.as_str()
            ),
            ("sam@example.org", "added", walk.id.as_str())
        );
        // The entry holds the group as stored, in the shape an edit's do.
        assert_eq!(audit[0].before, None);
        let added: serde_json::Value =
            serde_json::from_str(audit[0].after.as_deref().expect("kept")).expect("JSON");
        assert_eq!(added["group"]["title"], "Wednesday Walk");
        assert_eq!(added["schedules"].as_array().map(Vec::len), Some(1));
        // Parents see it at once.
        let today = today();
        let week: serde_json::Value = get(
            &app,
            &format!("/api/v1/areas/sample-riverside/sessions?from={today}&days=14"),
            None,
        )
        .await
        .json()
        .await
        .expect("JSON");
        assert!(
            week["sessions"]
                .as_array()
                .expect("sessions")
                .iter()
                .any(|s| s["title"] == "Wednesday Walk"),
            "on This week"
        );
        let home = get(&app, "/organisers", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(home.contains("Wednesday Walk"));
        app.stop().await;
    })
}

/// The invitation link an admin's page shows, as a path.
fn invitation_path(page: &str) -> String {
    let at = page
        .find("/organisers/invite/")
        .expect("a link on the page");
    page[at..at + "/organisers/invite/".len() + 64].to_owned()
}

#[test]
fn admins_invite_people_by_a_link_that_works_once_for_seven_days() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "admin@example.org", Role::Admin, None).await;
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;
        let admin = sign_in(&app, "admin@example.org").await;
        let sam = sign_in(&app, "sam@example.org").await;
        let invite = |email: &'static str| {
            [
                ("email", email),
                ("role", "organiser"),
                ("organisation", RIVERSIDE),
            ]
        };

        let refused = post(
            &app,
            "/organisers/invitations",
            Some(&sam),
            &invite("new@example.org"),
        )
        .await;
        assert_eq!(
            refused.status(),
            StatusCode::FORBIDDEN,
            "organisers cannot invite"
        );
        let bad = post(
            &app,
            "/organisers/invitations",
            Some(&admin),
            &invite("not an email"),
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert!(bad
            .text()
            .await
            .expect("page")
            .contains("does not look like an email address"));
        let taken = post(
            &app,
            "/organisers/invitations",
            Some(&admin),
            &invite("sam@example.org"),
        )
        .await;
        assert!(taken
            .text()
            .await
            .expect("page")
            .contains("There is already an account for sam@example.org."));

        let made = post(
            &app,
            "/organisers/invitations",
            Some(&admin),
            &invite("new@example.org"),
        )
        .await;
        assert_eq!(made.status(), StatusCode::OK);
        let page = made.text().await.expect("page");
        assert!(page.contains("Send this link to new@example.org. It works once, for 7 days"));
        let link = invitation_path(&page);
        let audit = store.audit_entries(5).await.expect("reads");
        assert_eq!(
            (audit[0].action.as_str(), audit[0].item_id.as_str()),
            ("invited", "new@example.org")
        );
        assert!(
            !audit[0]
                .after
                .as_deref()
                .unwrap_or_default()
                .contains(&link[19..]),
            "the token is never kept"
        );

        let open = get(&app, &link, None).await;
        assert_eq!(open.status(), StatusCode::OK);
        let open = open.text().await.expect("page");
        assert!(
            open.contains("Create your account")
                && open.contains("listings on Village up to date, as new@example.org.")
        );
        let weak = post(
            &app,
            &link,
            None,
            &[("password", "password1234"), ("confirm", "password1234")],
        )
        .await;
        assert_eq!(weak.status(), StatusCode::BAD_REQUEST);
        assert!(weak
            .text()
            .await
            .expect("page")
            .contains("list of common passwords"));
        let typo = post(
            &app,
            &link,
            None,
            &[("password", PASSWORD), ("confirm", "kettle violet harbor")],
        )
        .await;
        assert!(typo
            .text()
            .await
            .expect("page")
            .contains("The two passwords are not the same."));
        assert!(store
            .user_by_email(&Email::parse("new@example.org").expect("email"))
            .await
            .expect("reads")
            .is_none());

        let accepted = post(
            &app,
            &link,
            None,
            &[("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
        assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
        assert_eq!(accepted.headers()[header::LOCATION], "/organisers");
        let token = token_of(&accepted).expect("signed in at once");
        let home = get(&app, "/organisers", Some(&token))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            home.contains("Signed in as new@example.org (Organiser, Riverside Parents Together).")
        );

        // Once only.
        let again = get(&app, &link, None).await;
        assert_eq!(again.status(), StatusCode::GONE);
        assert!(again
            .text()
            .await
            .expect("page")
            .contains("already been used"));
        let again = post(
            &app,
            &link,
            None,
            &[
                ("password", "another long phrase"),
                ("confirm", "another long phrase"),
            ],
        )
        .await;
        assert_eq!(again.status(), StatusCode::GONE);

        // Seven days only.
        let made = post(
            &app,
            "/organisers/invitations",
            Some(&admin),
            &invite("late@example.org"),
        )
        .await;
        let late = invitation_path(&made.text().await.expect("page"));
        let past = Utc::now() - Duration::minutes(1);
        match store.pool() {
            Pool::Sqlite(pool) => sqlx::query("UPDATE invitations SET expires_at = $1")
                .bind(past)
                .execute(pool)
                .await
                .map(|_| ()),
            Pool::Postgres(pool) => sqlx::query("UPDATE invitations SET expires_at = $1")
                .bind(past)
                .execute(pool)
                .await
                .map(|_| ()),
        }
        .expect("updates");
        let expired = get(&app, &late, None).await;
        assert_eq!(expired.status(), StatusCode::GONE);
        assert!(expired.text().await.expect("page").contains("has expired"));
        let expired = post(
            &app,
            &late,
            None,
            &[("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
        assert_eq!(expired.status(), StatusCode::GONE);
        assert!(store
            .user_by_email(&Email::parse("late@example.org").expect("email"))
            .await
            .expect("reads")
            .is_none());
        let unknown = get(
            &app,
            &format!("/organisers/invite/{}", "b".repeat(64)),
            None,
        )
        .await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
}

#[test]
fn organisers_add_extra_sessions_to_their_own_groups_only() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, .. } = team(&store, &app, &[SAM, DAN]).await;
        // The next Saturday: Tuesday Talk and Tea never meets then.
        let today = today();
        let saturday = (1..=7)
            .map(|n| today + Duration::days(n))
            .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Sat)
            .expect("a Saturday")
            .to_string();
        let path = "/organisers/groups/sample-tuesday-talk/extra";
        let form = [
            ("date", saturday.as_str()),
            ("starts", "10:00"),
            ("ends", "11:30"),
        ];

        assert_eq!(
            post(&app, path, Some(&dan), &form).await.status(),
            StatusCode::FORBIDDEN
        );
        let bad = post(
            &app,
            path,
            Some(&sam),
            &[
                ("date", saturday.as_str()),
                ("starts", "10:00"),
                ("ends", "09:00"),
            ],
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert!(bad
            .text()
            .await
            .expect("page")
            .contains("The end time should be after the start time."));
        assert!(store.audit_entries(5).await.expect("reads").is_empty());

        let ok = post(&app, path, Some(&sam), &form).await;
        assert_eq!(ok.headers()[header::LOCATION], "/organisers?done=extra");
        let extra = session_on(&app, "sample-tuesday-talk", &saturday)
            .await
            .expect("the extra session is on This week");
        assert_eq!(extra["kind"], "extra");
        assert_eq!(extra["start"], "10:00");
        let audit = store.audit_entries(5).await.expect("reads");
        assert_eq!(audit[0].action, "added an extra session");

        let twice = post(&app, path, Some(&sam), &form).await;
        assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
        assert!(twice
            .text()
            .await
            .expect("page")
            .contains("There is already a session then."));
        app.stop().await;
    })
}

/// The edit form for the Feeding Café, as sent, with some fields changed.
pub(crate) fn cafe_edit<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        (
            "description",
            "Drop in for help with feeding, and a cup of tea.",
        ),
        ("self_referral", "yes"),
        (
            "referral",
            "Just come along on a Wednesday morning.\nBring your baby.",
        ),
        ("hours_note", "Wednesdays 10am to 12 noon"),
        ("url", ""),
        ("phone1_number", ""),
        ("phone1_label", ""),
    ];
    for (key, value) in changes {
        form.retain(|(k, _)| k != key);
        form.push((key, value));
    }
    form
}

#[test]
fn organisers_edit_services_at_once_but_phones_and_crisis_flags_wait_for_an_admin() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, admin } = team(&store, &app, &[SAM, DAN, ADMIN]).await;
        let path = "/organisers/services/sample-feeding-cafe/edit";
        let cafe = |services: &[village_core::directory::Service]| {
            services
                .iter()
                .find(|s| s.id.as_str() == "sample-feeding-cafe")
                .cloned()
                .expect("the café")
        };

        let page = get(&app, path, Some(&sam)).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page
            .text()
            .await
            .expect("page")
            .contains("wait for an administrator to approve them"));
        assert_eq!(
            get(&app, path, Some(&dan)).await.status(),
            StatusCode::NOT_FOUND,
            "not theirs to see"
        );
        assert_eq!(
            post(&app, path, Some(&dan), &cafe_edit(&[])).await.status(),
            StatusCode::FORBIDDEN
        );

        // A bad number: said beside the phones, and nothing changes.
        let bad = post(
            &app,
            path,
            Some(&sam),
            &cafe_edit(&[("phone1_number", "ring us"), ("phone1_call", "on")]),
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert!(bad
            .text()
            .await
            .expect("page")
            .contains("A phone number can only have digits"));
        let before = cafe(&store.services().await.expect("reads"));

        // Words change at once; a new number and the crisis flag wait.
        let edited = post(
            &app,
            path,
            Some(&sam),
            &cafe_edit(&[
                ("phone1_number", "07700 900777"),
                ("phone1_label", "Café phone"),
                ("phone1_call", "on"),
                ("crisis", "on"),
            ]),
        )
        .await;
        assert_eq!(
            edited.headers()[header::LOCATION],
            "/organisers?done=edited-pending"
        );
        let now = cafe(&store.services().await.expect("reads"));
        assert_eq!(
            now.description,
            "Drop in for help with feeding, and a cup of tea."
        );
        assert_eq!(now.phones, before.phones, "the number waits");
        assert!(!now.crisis, "the crisis flag waits");
        let pending = store.pending_changes().await.expect("reads");
        let fields: Vec<&str> = pending.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["phones", "crisis"]);
        let home = get(&app, "/organisers", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(home.contains("Waiting for an administrator"));

        // Only an admin decides.
        let approve = format!("/organisers/pending/{}/approve", pending[0].id);
        let reject = format!("/organisers/pending/{}/reject", pending[1].id);
        assert_eq!(
            post(&app, &approve, Some(&sam), &[]).await.status(),
            StatusCode::FORBIDDEN
        );
        let admin_home = get(&app, "/organisers", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        assert!(admin_home
            .contains("sam@example.org asked to change the phone numbers of sample-feeding-cafe"));
        assert_eq!(
            post(&app, &approve, Some(&admin), &[]).await.headers()[header::LOCATION],
            "/organisers?done=approved"
        );
        assert_eq!(
            post(&app, &reject, Some(&admin), &[]).await.headers()[header::LOCATION],
            "/organisers?done=rejected"
        );
        assert_eq!(
            post(&app, &approve, Some(&admin), &[]).await.status(),
            StatusCode::CONFLICT,
            "decided once"
        );
        let now = cafe(&store.services().await.expect("reads"));
        assert_eq!(now.phones.len(), 1);
        assert_eq!(now.phones[0].number.written(), "07700 900777");
        assert!(!now.crisis, "rejected");
        assert!(store.pending_changes().await.expect("reads").is_empty());
        // And it reaches the public directory at once.
        let (status, public) =
            crate::helpers::json(&app, "/api/v1/services/sample-feeding-cafe").await;
        assert_eq!(status, 200);
        assert_eq!(public["phones"][0]["number"], "07700 900777");

        // An admin's own edit to a number is live at once.
        let direct = post(
            &app,
            path,
            Some(&admin),
            &cafe_edit(&[("phone1_number", "07700 900778"), ("phone1_call", "on")]),
        )
        .await;
        assert_eq!(
            direct.headers()[header::LOCATION],
            "/organisers?done=edited"
        );
        assert_eq!(
            cafe(&store.services().await.expect("reads")).phones[0]
                .number
                .written(),
            "07700 900778"
        );

        let actions: Vec<String> = store
            .audit_entries(20)
            .await
            .expect("reads")
            .into_iter()
            .map(|e| format!("{} {}", e.by, e.action))
            .collect();
        for expected in [
            "sam@example.org edited",
            "sam@example.org asked for approval",
            "admin@example.org approved a change to the phones",
            "admin@example.org rejected a change to the crisis",
            "admin@example.org changed the phones",
        ] {
            assert!(
                actions.iter().any(|a| a == expected),
                "{expected} in {actions:?}"
            );
        }
        app.stop().await;
    })
}

/// The current code for a base32 key shown on the set-up page.
pub(crate) fn code_now(key: &str) -> String {
    code_in(key, 0)
}

/// The code the key gives `ahead` seconds from now (a code is accepted one
/// 30-second step either side of now).
pub(crate) fn code_in(key: &str, ahead: i64) -> String {
    let secret = village_core::account::totp::TotpSecret::parse_base32(key).expect("a key");
    format!(
        "{:06}",
        village_core::account::totp::code_at(&secret, Utc::now().timestamp() + ahead)
    )
}

/// The half-done sign-in cookie a response sets.
pub(crate) fn step_of(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("village-step="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .filter(|t| !t.is_empty())
}

pub(crate) async fn post_code(app: &TestApp, step: &str, code: &str) -> reqwest::Response {
    app.client
        .post(app.url("/organisers/login/code"))
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, format!("village-step={step}"))
        .form(&[("code", code)])
        .send()
        .await
        .expect("answers")
}

#[test]
fn two_step_sign_in_asks_for_a_code_that_works_once() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "admin@example.org", Role::Admin, None).await;
        let token = sign_in(&app, "admin@example.org").await;
        let home = get(&app, "/organisers", Some(&token))
            .await
            .text()
            .await
            .expect("page");
        assert!(home.contains("Two-step sign-in is off"));

        // Set up: a key and a QR code, on only once a code from it is typed.
        let start = post(
            &app,
            "/organisers/totp/start",
            Some(&token),
            &[("password", PASSWORD)],
        )
        .await;
        assert_eq!(start.headers()[header::LOCATION], "/organisers/totp");
        let page = get(&app, "/organisers/totp", Some(&token))
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("<svg") && page.contains("aria-label=\"QR code\""));
        let at = page.find("<code class=\"invite-link\">").expect("the key")
            + "<code class=\"invite-link\">".len();
        let key: String = page[at..].split('<').next().unwrap_or_default().to_owned();
        assert_eq!(key.replace(' ', "").len(), 32, "{key}");
        let wrong = post(
            &app,
            "/organisers/totp/confirm",
            Some(&token),
            &[("code", "000000")],
        )
        .await;
        assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
        assert!(wrong
            .text()
            .await
            .expect("page")
            .contains("That code is not right"));
        assert!(store
            .two_step(&store.users().await.expect("reads")[0].id)
            .await
            .expect("reads")
            .secret
            .is_none());
        let on = post(
            &app,
            "/organisers/totp/confirm",
            Some(&token),
            &[("code", code_now(&key).as_str())],
        )
        .await;
        assert_eq!(on.headers()[header::LOCATION], "/organisers?done=two-step");

        // Now a right password alone is not enough: no session, a code page instead.
        let password = post(
            &app,
            "/organisers/login",
            None,
            &[("email", "admin@example.org"), ("password", PASSWORD)],
        )
        .await;
        assert_eq!(password.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            password.headers()[header::LOCATION],
            "/organisers/login/code"
        );
        assert!(token_of(&password).is_none(), "not signed in yet");
        let step = step_of(&password).expect("a half-done sign-in");
        let cookie = password
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("village-step="))
            .unwrap_or_default()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict")
                && cookie.contains("Max-Age=300"),
            "{cookie}"
        );

        let wrong = post_code(&app, &step, "000000").await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert!(wrong
            .text()
            .await
            .expect("page")
            .contains("That code is not right."));
        // The step the set-up code was for is used up; the app's next code works.
        let admin_id = store.users().await.expect("reads")[0].id.clone();
        let used = store
            .two_step(&admin_id)
            .await
            .expect("reads")
            .last_step
            .expect("a used step");
        let secret = village_core::account::totp::TotpSecret::parse_base32(&key).expect("a key");
        let code_for = |step: i64| {
            format!(
                "{:06}",
                village_core::account::totp::code_for_step(&secret, step)
            )
        };
        assert_eq!(
            post_code(&app, &step, &code_for(used)).await.status(),
            StatusCode::UNAUTHORIZED
        );
        let code = code_for(used + 1);
        let right = post_code(&app, &step, &code).await;
        assert_eq!(right.headers()[header::LOCATION], "/organisers");
        let session = token_of(&right).expect("signed in");
        assert!(works(&app, &session).await);

        // The same code never works twice, and a used step is gone.
        let again = post(
            &app,
            "/organisers/login",
            None,
            &[("email", "admin@example.org"), ("password", PASSWORD)],
        )
        .await;
        let step2 = step_of(&again).expect("a half-done sign-in");
        assert_eq!(
            post_code(&app, &step2, &code).await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            post_code(&app, &step, &code).await.headers()[header::LOCATION],
            "/organisers/login",
            "the first step was used up"
        );
        // A half-done sign-in lasts five minutes.
        match store.pool() {
            Pool::Sqlite(pool) => sqlx::query("UPDATE sign_in_steps SET created_at = $1")
                .bind(Utc::now() - Duration::minutes(6))
                .execute(pool)
                .await
                .map(|_| ()),
            Pool::Postgres(pool) => sqlx::query("UPDATE sign_in_steps SET created_at = $1")
                .bind(Utc::now() - Duration::minutes(6))
                .execute(pool)
                .await
                .map(|_| ()),
        }
        .expect("updates");
        assert_eq!(
            post_code(&app, &step2, &code_now(&key)).await.headers()[header::LOCATION],
            "/organisers/login"
        );
        let audit = store.audit_entries(5).await.expect("reads");
        assert!(audit
            .iter()
            .any(|e| e.action == "turned on two-step sign-in"));
        app.stop().await;
    })
}

#[test]
fn admins_add_organisations_whose_people_they_can_then_invite() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "admin@example.org", Role::Admin, None).await;
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;
        let admin = sign_in(&app, "admin@example.org").await;
        let sam = sign_in(&app, "sam@example.org").await;
        let before = store.organisations().await.expect("reads").len();
        let form = [
            ("name", "Hilltop Mums"),
            ("description", "Peer support on the hill."),
            ("website", "https://example.org/hilltop"),
        ];

        let refused = post(&app, "/organisers/organisations", Some(&sam), &form).await;
        assert_eq!(
            refused.status(),
            StatusCode::FORBIDDEN,
            "organisers cannot add organisations"
        );
        let bad = post(
            &app,
            "/organisers/organisations",
            Some(&admin),
            &[
                ("name", " "),
                ("description", ""),
                ("website", "javascript:alert(1)"),
            ],
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        let bad = bad.text().await.expect("page");
        assert!(
            bad.contains("Please give the organisation&#x27;s name.")
                || bad.contains("Please give the organisation's name.")
        );
        assert!(bad.contains("The website should be a full address starting with https://"));
        assert_eq!(
            store.organisations().await.expect("reads").len(),
            before,
            "nothing added"
        );

        let added = post(&app, "/organisers/organisations", Some(&admin), &form).await;
        assert_eq!(
            added.headers()[header::LOCATION],
            "/organisers?done=organisation-added"
        );
        let organisations = store.organisations().await.expect("reads");
        let hilltop = organisations
            .iter()
            .find(|o| o.name == "Hilltop Mums")
            .expect("added");
        assert!(
            hilltop.id.starts_with("hilltop-mums-") && !hilltop.is_sample,
            "{}",
            hilltop.id
        );
        assert_eq!(
            hilltop.website.as_deref(),
            Some("https://example.org/hilltop")
        );
        let audit = store.audit_entries(3).await.expect("reads");
        assert_eq!(
            (audit[0].action.as_str(), audit[0].item_id.as_str()),
            ("added", hilltop.id.as_str())
        );
        // Its people can be invited now.
        let invited = post(
            &app,
            "/organisers/invitations",
            Some(&admin),
            &[
                ("email", "hill@example.org"),
                ("role", "organiser"),
                ("organisation", hilltop.id.as_str()),
            ],
        )
        .await;
        assert_eq!(invited.status(), StatusCode::OK);
        app.stop().await;
    })
}

/// The group API's view of one group.
pub(crate) async fn group_json(app: &TestApp, id: &str) -> serde_json::Value {
    get(app, &format!("/api/v1/groups/{id}"), None)
        .await
        .json()
        .await
        .expect("JSON")
}

/// An edit of Tuesday Talk and Tea as its form sends it: its time kept.
pub(crate) fn talk_edit<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("title", "Tuesday Talk and Tea"),
        ("description", "A cuppa and a chat."),
        ("keep-0", "on"),
        ("weekday", ""),
        ("starts", ""),
        ("ends", ""),
        ("every", "1"),
        ("term", "term_time_only"),
        ("first", ""),
        ("place", "venue:sample-st-marks-hall"),
        ("joining", ""),
        ("joining_link", ""),
        ("mental_health", "on"),
        ("babies", "on"),
        // Its contact as the form shows it, unchanged.
        ("contact_way", "email"),
        ("contact", "hello@example.org"),
        ("action", "save"),
    ];
    for (key, value) in changes {
        form.retain(|(k, _)| k != key);
        if !value.is_empty() || *key == "keep-0" {
            form.push((key, value));
        }
    }
    form.retain(|(k, v)| !(*k == "keep-0" && v.is_empty()));
    form
}

#[test]
fn organisers_change_their_groups_times_at_once_but_a_joining_link_waits_for_an_admin() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, admin } = team(&store, &app, &[SAM, DAN, ADMIN]).await;
        let path = "/organisers/groups/sample-tuesday-talk/edit";
        let exceptions_before = store
            .groups()
            .await
            .expect("reads")
            .into_iter()
            .find(|g| g.id.as_str() == "sample-tuesday-talk")
            .expect("sample")
            .times
            .exceptions()
            .to_vec();

        // The form starts from the group as it is.
        let form = get(&app, path, Some(&sam)).await;
        assert_eq!(form.status(), StatusCode::OK);
        let form = form.text().await.expect("page");
        for shown in [
            "Change a group",
            "value=\"Tuesday Talk and Tea\"",
            "When it meets now",
            "Every Tuesday",
            "Add a time (optional)",
            "Joining link (optional)",
        ] {
            assert!(form.contains(shown), "{shown}");
        }
        assert_eq!(
            get(&app, path, Some(&dan)).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(get(&app, path, None).await.status(), StatusCode::SEE_OTHER);

        // Not theirs, or nobody signed in: refused, nothing changes.
        let renamed = talk_edit(&[("title", "Renamed")]);
        assert_eq!(
            post(&app, path, Some(&dan), &renamed).await.status(),
            StatusCode::FORBIDDEN
        );
        let nobody = post(&app, path, None, &renamed).await;
        assert_eq!(nobody.headers()[header::LOCATION], "/organisers/login");

        // Removing the only time without adding one is refused, with why.
        let none_left = post(&app, path, Some(&sam), &talk_edit(&[("keep-0", "")])).await;
        assert_eq!(none_left.status(), StatusCode::BAD_REQUEST);
        let page = none_left.text().await.expect("page");
        assert!(page.contains("A group needs at least one time"));
        assert!(page.contains("aria-invalid=\"true\""));
        let bad_link = post(
            &app,
            path,
            Some(&sam),
            &talk_edit(&[("joining_link", "meet.example.org")]),
        )
        .await;
        assert_eq!(bad_link.status(), StatusCode::BAD_REQUEST);
        assert!(bad_link
            .text()
            .await
            .expect("page")
            .contains("should be a full address starting with https://"));

        // A preview of a move to Wednesdays, all year: shown, not saved.
        let wednesdays = [
            ("keep-0", ""),
            ("weekday", "wednesday"),
            ("starts", "13:00"),
            ("ends", "14:30"),
            ("term", "all_year"),
        ];
        let mut preview = talk_edit(&wednesdays);
        preview.retain(|(k, _)| *k != "action");
        preview.push(("action", "preview"));
        let preview = post(&app, path, Some(&sam), &preview).await;
        assert_eq!(preview.status(), StatusCode::OK);
        let preview = preview.text().await.expect("page");
        assert!(preview.contains("The next dates, as parents will see them"));
        assert!(preview.contains("Wednesday") && preview.contains("13:00"));
        assert!(
            store.audit_entries(10).await.expect("reads").is_empty(),
            "nothing saved"
        );

        // Saved: the new name and time show at once; cancellations stay.
        let mut save = talk_edit(&wednesdays);
        save.retain(|(k, _)| *k != "title");
        save.push(("title", "Talk and Tea"));
        let saved = post(&app, path, Some(&sam), &save).await;
        assert_eq!(
            saved.headers()[header::LOCATION],
            "/organisers?done=group-saved"
        );
        let group = group_json(&app, "sample-tuesday-talk").await;
        assert_eq!(group["title"], "Talk and Tea");
        let stored = store
            .groups()
            .await
            .expect("reads")
            .into_iter()
            .find(|g| g.id.as_str() == "sample-tuesday-talk")
            .expect("still there");
        assert_eq!(stored.times.schedules().len(), 1);
        assert_eq!(
            stored.times.schedules()[0].recurrence(),
            village_core::calendar::Recurrence::Weeks {
                interval: 1,
                weekday: chrono::Weekday::Wed
            }
        );
        assert_eq!(stored.times.exceptions(), exceptions_before.as_slice());
        let audit = store.audit_entries(10).await.expect("reads");
        assert_eq!(
            (audit[0].by.as_str(), audit[0].action.as_str()),
            ("sam@example.org", "edited")
        );
        // Before and after are the group in one shape (its row and its
        // schedules), so they compare field by field.
        let side = |json: &Option<String>| {
            serde_json::from_str::<serde_json::Value>(json.as_deref().expect("kept")).expect("JSON")
        };
        let (before, after) = (side(&audit[0].before), side(&audit[0].after));
        assert_eq!(before["group"]["title"], "Tuesday Talk and Tea");
        assert_eq!(after["group"]["title"], "Talk and Tea");
        assert_eq!(before["schedules"][0]["weekday"], 2);
        assert_eq!(after["schedules"][0]["weekday"], 3);
        let fields = |side: &serde_json::Value| {
            side["group"]
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert!(fields(&before).len() > 20);
        assert_eq!(fields(&before), fields(&after));

        // A joining link from an organiser waits; the public never sees it until approved.
        let link = "https://meet.example.org/talk";
        let with_link = talk_edit(&[
            ("title", "Talk and Tea"),
            ("joining_link", link),
            ("link_public", "on"),
            ("keep-0", "on"),
        ]);
        let waits = post(&app, path, Some(&sam), &with_link).await;
        assert_eq!(
            waits.headers()[header::LOCATION],
            "/organisers?done=group-saved-pending"
        );
        assert_eq!(
            group_json(&app, "sample-tuesday-talk").await["joining"]["link"],
            serde_json::Value::Null
        );
        let form = get(&app, path, Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(form.contains(&format!("Waiting for an admin to approve: {link}")));
        let pending = store.pending_changes().await.expect("reads");
        assert_eq!(pending.len(), 1);
        assert_eq!(
            (pending[0].item_kind.as_str(), pending[0].field.as_str()),
            ("group", "joining_link")
        );
        let sams_home = get(&app, "/organisers", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(sams_home.contains("Waiting for an admin"));
        let admin_home = get(&app, "/organisers", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        assert!(admin_home
            .contains("sam@example.org asked to change the joining link of sample-tuesday-talk"));
        // Only an admin decides.
        let approve = format!("/organisers/pending/{}/approve", pending[0].id);
        assert_eq!(
            post(&app, &approve, Some(&sam), &[]).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            group_json(&app, "sample-tuesday-talk").await["joining"]["link"],
            serde_json::Value::Null
        );
        let approved = post(&app, &approve, Some(&admin), &[]).await;
        assert_eq!(
            approved.headers()[header::LOCATION],
            "/organisers?done=approved"
        );
        assert_eq!(
            group_json(&app, "sample-tuesday-talk").await["joining"]["link"],
            link
        );

        // An admin's own change to a link takes effect at once.
        let hidden = talk_edit(&[
            ("title", "Talk and Tea"),
            ("joining_link", link),
            ("keep-0", "on"),
        ]);
        let by_admin = post(&app, path, Some(&admin), &hidden).await;
        assert_eq!(
            by_admin.headers()[header::LOCATION],
            "/organisers?done=group-saved"
        );
        assert_eq!(
            group_json(&app, "sample-tuesday-talk").await["joining"]["link"],
            serde_json::Value::Null,
            "kept, not shown"
        );
        let actions: Vec<String> = store
            .audit_entries(10)
            .await
            .expect("reads")
            .iter()
            .map(|e| e.action.clone())
            .collect();
        assert_eq!(
            actions[..3],
            [
                "changed the joining link",
                "edited",
                "approved a change to the joining link"
            ]
            .map(String::from)
        );
        // The record outlives the group: deleting it keeps every entry.
        match store.pool() {
            Pool::Sqlite(pool) => {
                sqlx::query("DELETE FROM peer_groups WHERE id = 'sample-tuesday-talk'")
                    .execute(pool)
                    .await
                    .map(|_| ())
            }
            Pool::Postgres(pool) => {
                sqlx::query("DELETE FROM peer_groups WHERE id = 'sample-tuesday-talk'")
                    .execute(pool)
                    .await
                    .map(|_| ())
            }
        }
        .expect("deletes");
        let kept = store.audit_entries(20).await.expect("reads");
        assert_eq!(
            kept.iter()
                .filter(|e| e.item_id == "sample-tuesday-talk")
                .count(),
            6,
            "edited three times, asked, approved, changed the link"
        );
        app.stop().await;
    })
}

/// Who may use an endpoint that changes something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    /// Anyone signed in, for their own organisation (or their own account).
    AnyAccount,
    /// Organisers of the organisation it belongs to, and admins.
    Owners,
    Admins,
    /// Organisers only (turning two-step sign-in off: admins keep it).
    Organisers,
}

/// What an answer says about permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    SentToSignIn,
    Refused,
    Allowed,
}

async fn answer_of(response: reqwest::Response) -> Answer {
    let to_sign_in = response
        .headers()
        .get(header::LOCATION)
        .is_some_and(|l| l == "/organisers/login");
    match response.status() {
        StatusCode::FORBIDDEN => Answer::Refused,
        StatusCode::SEE_OTHER if to_sign_in => Answer::SentToSignIn,
        _ => Answer::Allowed,
    }
}

#[test]
fn a_permission_matrix_tries_every_endpoint_as_every_kind_of_account() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        add_user(&store, "sam@example.org", Role::Organiser, Some(RIVERSIDE)).await;
        add_user(&store, "dan@example.org", Role::Organiser, Some(DADS)).await;
        add_user(&store, "admin@example.org", Role::Admin, None).await;
        let date = next_session(&app, "sample-tuesday-talk").await;
        let mut tried = 0;
        for (path, form) in mutating("sample-tuesday-talk", &date) {
            let who = match path.as_str() {
                // Signing in and out, a second step and invitations belong to no account yet.
                "/organisers/login"
                | "/organisers/logout"
                | "/organisers/logout-everywhere"
                | "/organisers/login/code"
                | "/rpc/organisers/home" => continue,
                // Anyone may tell us something is wrong: no account at all
                // (its own tests try it signed out).
                p if p.starts_with("/report/") => continue,
                p if p.starts_with("/organisers/invite/") => continue,
                "/organisers/groups/new"
                | "/organisers/venues/new"
                | "/organisers/totp/start"
                | "/organisers/totp/confirm" => Who::AnyAccount,
                "/organisers/totp/off" => Who::Organisers,
                "/organisers/invitations"
                | "/organisers/organisations"
                | "/organisers/areas"
                | "/organisers/organisations/sample-riverside-parents/edit"
                | "/organisers/terms" => Who::Admins,
                p if p.starts_with("/organisers/accounts/") => Who::Admins,
                p if p.starts_with("/organisers/pending/") => Who::Admins,
                p if p.starts_with("/organisers/services/")
                    || p.starts_with("/organisers/groups/")
                    || p.starts_with("/organisers/venues/")
                    || p.starts_with("/organisers/reports/") =>
                {
                    Who::Owners
                }
                other => panic!("{other} is not in the matrix: say who may use it"),
            };
            let expected = match who {
                Who::AnyAccount => [
                    Answer::SentToSignIn,
                    Answer::Allowed,
                    Answer::Allowed,
                    Answer::Allowed,
                ],
                Who::Owners => [
                    Answer::SentToSignIn,
                    Answer::Refused,
                    Answer::Allowed,
                    Answer::Allowed,
                ],
                Who::Admins => [
                    Answer::SentToSignIn,
                    Answer::Refused,
                    Answer::Refused,
                    Answer::Allowed,
                ],
                Who::Organisers => [
                    Answer::SentToSignIn,
                    Answer::Allowed,
                    Answer::Allowed,
                    Answer::Refused,
                ],
            };
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            // Fresh sessions each time: an endpoint may end or change one.
            let accounts = [
                None,
                Some(sign_in(&app, "dan@example.org").await),
                Some(sign_in(&app, "sam@example.org").await),
                Some(sign_in(&app, "admin@example.org").await),
            ];
            for (account, expected) in accounts.iter().zip(expected) {
                let answer = answer_of(post(&app, &path, account.as_deref(), &form).await).await;
                assert_eq!(
                    answer,
                    expected,
                    "{path} as {}",
                    [
                        "nobody",
                        "another organisation's organiser",
                        "its organiser",
                        "an admin"
                    ][tried % 4]
                );
                tried += 1;
            }
        }
        assert_eq!(
            tried,
            4 * 22,
            "every endpoint that changes something, as everyone"
        );
        app.stop().await;
    })
}

#[test]
fn admins_add_areas_and_import_their_term_dates_checked_whole_first() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, admin, .. } = team(&store, &app, &[SAM, ADMIN]).await;
        let areas_before = store.areas().await.expect("reads").len();

        let home = get(&app, "/organisers", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        for shown in [
            "Areas and term dates",
            "Add an area",
            "Import term dates",
            "Term dates known until",
        ] {
            assert!(home.contains(shown), "{shown}");
        }
        let sams = get(&app, "/organisers", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            !sams.contains("Import term dates"),
            "organisers do not see it"
        );

        // Organisers may not; a bad area says what is wrong; nothing changes.
        let area_form = [("name", "Hillside"), ("nation", "wales")];
        let refused = post(&app, "/organisers/areas", Some(&sam), &area_form).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            refused.text().await.expect("text"),
            "Only administrators can add areas."
        );
        let bad = post(
            &app,
            "/organisers/areas",
            Some(&admin),
            &[("name", " "), ("nation", "mars")],
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        let bad = bad.text().await.expect("page");
        assert!(
            bad.contains("Please give the area&#x27;s name")
                || bad.contains("Please give the area's name"),
            "{bad}"
        );
        assert!(bad.contains("Please choose the nation"));
        assert_eq!(store.areas().await.expect("reads").len(), areas_before);

        let added = post(&app, "/organisers/areas", Some(&admin), &area_form).await;
        assert_eq!(
            added.headers()[header::LOCATION],
            "/organisers?done=area-added"
        );
        let areas = store.areas().await.expect("reads");
        let hillside = areas.iter().find(|a| a.name == "Hillside").expect("added");
        assert!(hillside.id.as_str().starts_with("hillside-"));
        assert!(!hillside.is_sample);
        let id = hillside.id.to_string();
        let listed: serde_json::Value = get(&app, "/api/v1/areas", None)
            .await
            .json()
            .await
            .expect("JSON");
        assert!(
            listed.to_string().contains("Hillside"),
            "people can choose it at once"
        );

        // A file with a bad line: named, and nothing imported.
        let good = "school_year,kind,name,start,end\n\
            2026-27,half_term,October half term,2026-10-24,2026-11-01\n\
            2026-27,holiday,Christmas holidays,2026-12-19,2027-01-04\n\
            2026-27,holiday,Summer holidays,2027-07-22,2027-09-01\n";
        let broken = format!("{good}2026-27,holiday,Easter holidays,2027-04-31,2027-04-12\n");
        let terms = |dates: &str| vec![("area", id.clone()), ("dates", dates.to_owned())];
        let form = terms(&broken);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = post(&app, "/organisers/terms", Some(&admin), &form).await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        let page = refused.text().await.expect("page");
        assert!(
            page.contains("Nothing was imported: line 5"),
            "the line is named"
        );
        assert!(page.contains("Easter holidays"), "what was pasted is kept");
        let hill = AreaId::parse(&id).expect("id");
        assert!(store
            .term_calendars()
            .await
            .expect("reads")
            .get(&hill)
            .is_none_or(|t| t.years().is_empty()));
        assert_eq!(
            post(&app, "/organisers/terms", Some(&sam), &form)
                .await
                .status(),
            StatusCode::FORBIDDEN
        );

        // A good file is shown as understood first, and nothing changes.
        let mut form = terms(good);
        form.push(("inset_days", "breaks".to_owned()));
        let asked: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let shown = post(&app, "/organisers/terms", Some(&admin), &asked).await;
        assert_eq!(shown.status(), StatusCode::OK);
        let page = shown.text().await.expect("page");
        assert!(
            page.contains("2026-27: 3 breaks, 0 bank holidays, 0 INSET days; a new school year."),
            "what Village understood is shown"
        );
        assert!(page.contains("Import these dates"));
        assert!(store
            .term_calendars()
            .await
            .expect("reads")
            .get(&hill)
            .is_none_or(|t| t.years().is_empty()));
        let fingerprint = page
            .split("name=\"confirm\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a confirm field")
            .to_owned();
        // A confirmation of another text shows the new text's meaning again.
        let mut other = terms(&good.replace("October", "Autumn"));
        other.push(("inset_days", "breaks".to_owned()));
        other.push(("confirm", fingerprint.clone()));
        let other: Vec<(&str, &str)> = other.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let again = post(&app, "/organisers/terms", Some(&admin), &other).await;
        assert_eq!(again.status(), StatusCode::OK, "shown again, not imported");
        assert!(
            store
                .term_calendars()
                .await
                .expect("reads")
                .get(&hill)
                .is_none_or(|t| t.years().is_empty()),
            "a confirmation of other words imports nothing"
        );
        form.push(("confirm", fingerprint));
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let imported = post(&app, "/organisers/terms", Some(&admin), &form).await;
        assert_eq!(
            imported.headers()[header::LOCATION],
            "/organisers?done=terms"
        );
        let calendars = store.term_calendars().await.expect("reads");
        assert_eq!(calendars[&hill].years().len(), 1);
        assert_eq!(calendars[&hill].years()[0].breaks.len(), 3);
        assert!(
            calendars[&hill].inset_days_are_breaks(),
            "the area's INSET choice is saved with the dates"
        );
        let home = get(&app, "/organisers", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        assert!(home.contains("Term dates known until"));
        assert!(home.contains("On INSET days, term-time groups do not meet."));
        let audit = store.audit_entries(10).await.expect("reads");
        let seen: Vec<(&str, &str)> = audit
            .iter()
            .map(|e| (e.action.as_str(), e.item_id.as_str()))
            .collect();
        assert_eq!(
            seen,
            [("imported term dates", id.as_str()), ("added", id.as_str())]
        );
        // Before and after are the area's term calendar, in one shape.
        let calendar = |json: &Option<String>| {
            serde_json::from_str::<village_core::calendar::TermCalendar>(
                json.as_deref().expect("kept"),
            )
            .expect("a term calendar")
        };
        assert!(calendar(&audit[0].before).years().is_empty());
        assert_eq!(calendar(&audit[0].after), calendars[&hill]);
        assert_eq!(calendar(&audit[0].after).years()[0].breaks.len(), 3);
        app.stop().await;
    })
}

#[test]
fn admins_change_an_organisations_details_checked_and_audited() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, admin, .. } = team(&store, &app, &[SAM, ADMIN]).await;
        let path = format!("/organisers/organisations/{RIVERSIDE}/edit");
        let form = [
            ("name", "Riverside Parents"),
            ("description", "Peer support for parents in Riverside."),
            ("website", "https://riverside.example.org"),
        ];
        let refused = post(&app, &path, Some(&sam), &form).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let bad = post(
            &app,
            &path,
            Some(&admin),
            &[("name", ""), ("website", "riverside")],
        )
        .await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        let bad = bad.text().await.expect("page");
        assert!(bad.contains("should be a full address starting with https://"));
        let unchanged = store
            .organisation(RIVERSIDE)
            .await
            .expect("reads")
            .expect("there");
        assert_eq!(unchanged.name, "Riverside Parents Together");

        let saved = post(&app, &path, Some(&admin), &form).await;
        assert_eq!(
            saved.headers()[header::LOCATION],
            "/organisers?done=organisation-saved"
        );
        let changed = store
            .organisation(RIVERSIDE)
            .await
            .expect("reads")
            .expect("there");
        assert_eq!(changed.name, "Riverside Parents");
        assert_eq!(
            changed.website.as_deref(),
            Some("https://riverside.example.org")
        );
        let group: serde_json::Value = get(&app, "/api/v1/groups/sample-tuesday-talk", None)
            .await
            .json()
            .await
            .expect("JSON");
        assert_eq!(
            group["organisation"]["name"], "Riverside Parents",
            "shown at once"
        );
        let audit = store.audit_entries(1).await.expect("reads");
        assert_eq!(
            (audit[0].action.as_str(), audit[0].item_id.as_str()),
            ("edited", RIVERSIDE)
        );
        assert!(audit[0]
            .before
            .as_deref()
            .is_some_and(|b| b.contains("Riverside Parents Together")));
        let missing = post(
            &app,
            "/organisers/organisations/no-such-one/edit",
            Some(&admin),
            &form,
        )
        .await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
}

/// Sets up two-step sign-in for a signed-in account; returns its key.
pub(crate) async fn set_up_two_step(app: &TestApp, token: &str) -> String {
    set_up_two_step_saying_the_code(app, token).await.0
}

/// Sets up two-step sign-in; returns its key and the code that turned it on
/// (worked out once: a step of the clock may pass before the test uses it).
pub(crate) async fn set_up_two_step_saying_the_code(
    app: &TestApp,
    token: &str,
) -> (String, String) {
    post(
        app,
        "/organisers/totp/start",
        Some(token),
        &[("password", PASSWORD)],
    )
    .await;
    let page = get(app, "/organisers/totp", Some(token))
        .await
        .text()
        .await
        .expect("page");
    let at = page.find("<code class=\"invite-link\">").expect("the key")
        + "<code class=\"invite-link\">".len();
    let key: String = page[at..]
        .split('<')
        .next()
        .unwrap_or_default()
        .replace(' ', "");
    let code = code_now(&key);
    let on = post(
        app,
        "/organisers/totp/confirm",
        Some(token),
        &[("code", code.as_str())],
    )
    .await;
    assert_eq!(on.headers()[header::LOCATION], "/organisers?done=two-step");
    (key, code)
}

#[test]
fn organisers_may_turn_two_step_sign_in_off_with_a_code_but_admins_keep_it() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, admin, .. } = team(&store, &app, &[SAM, ADMIN]).await;
        let (key, turned_on_with) = set_up_two_step_saying_the_code(&app, &sam).await;
        let admin_key = set_up_two_step(&app, &admin).await;

        let page = get(&app, "/organisers/totp", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("Turn off two-step sign-in"));
        let admins = get(&app, "/organisers/totp", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        assert!(admins.contains("Administrators keep two-step sign-in on"));
        assert!(!admins.contains("action=\"/organisers/totp/off\""));
        let refused = post(
            &app,
            "/organisers/totp/off",
            Some(&admin),
            &[("code", code_in(&admin_key, 30).as_str())],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);

        // A wrong code, or the code that turned it on (used already): still on.
        for code in ["000000".to_owned(), turned_on_with.clone()] {
            let wrong = post(
                &app,
                "/organisers/totp/off",
                Some(&sam),
                &[("code", code.as_str())],
            )
            .await;
            assert_eq!(wrong.status(), StatusCode::BAD_REQUEST, "{code}");
            assert!(wrong
                .text()
                .await
                .expect("page")
                .contains("That code is not right"));
        }
        let sam_id = store
            .users()
            .await
            .expect("reads")
            .into_iter()
            .find(|u| u.email.as_str() == "sam@example.org")
            .expect("there")
            .id;
        assert!(store
            .two_step(&sam_id)
            .await
            .expect("reads")
            .secret
            .is_some());

        let off = post(
            &app,
            "/organisers/totp/off",
            Some(&sam),
            &[("code", code_in(&key, 30).as_str())],
        )
        .await;
        assert_eq!(
            off.headers()[header::LOCATION],
            "/organisers?done=two-step-off"
        );
        assert!(store
            .two_step(&sam_id)
            .await
            .expect("reads")
            .secret
            .is_none());
        // Signing in needs only the password again.
        let signed_in = post(
            &app,
            "/organisers/login",
            None,
            &[("email", "sam@example.org"), ("password", PASSWORD)],
        )
        .await;
        assert!(token_of(&signed_in).is_some(), "no second step");
        let audit = store.audit_entries(10).await.expect("reads");
        assert!(audit
            .iter()
            .any(|e| e.by == "sam@example.org" && e.action == "turned off two-step sign-in"));
        app.stop().await;
    })
}

#[test]
fn many_organiser_writes_at_once_all_succeed() {
    // `make proof` found this: on SQLite two writes that both read first
    // failed with "database is locked"; writes now take the lock up front.
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, .. } = team(&store, &app, &[SAM]).await;
        let mut writes = tokio::task::JoinSet::new();
        for i in 0..60 {
            let client = app.client.clone();
            let cookie = format!("village-session={sam}");
            let (path, body) = if i % 2 == 0 {
                (
                    app.url("/organisers/services/sample-feeding-cafe/confirm"),
                    String::new(),
                )
            } else {
                (
                    app.url("/organisers/services/sample-feeding-cafe/edit"),
                    "description=Drop+in+for+feeding+help.&self_referral=yes&referral=Just+come+along."
                        .to_owned(),
                )
            };
            writes.spawn(async move {
                client
                    .post(path)
                    .header(header::COOKIE, cookie)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .map(|r| r.status())
            });
        }
        let mut statuses = Vec::new();
        while let Some(done) = writes.join_next().await {
            statuses.push(done.expect("joins").expect("answers"));
        }
        assert!(
            statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
            "{statuses:?}"
        );
        assert_eq!(store.audit_entries(100).await.expect("reads").len(), 60);
        app.stop().await;
    })
}

/// How many rows `sql` (a `SELECT count(*)`, binding one text) counts.
async fn count(store: &Store, sql: &str, value: &str) -> i64 {
    match store.pool() {
        Pool::Sqlite(pool) => sqlx::query_scalar(sql).bind(value).fetch_one(pool).await,
        Pool::Postgres(pool) => sqlx::query_scalar(sql).bind(value).fetch_one(pool).await,
    }
    .expect("counts")
}

/// A form post with an `Idempotency-Key`, as a client that retries sends it.
async fn post_once(
    app: &TestApp,
    path: &str,
    token: &str,
    key: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header(header::COOKIE, format!("village-session={token}"))
        .header("idempotency-key", key)
        .form(form)
        .send()
        .await
        .expect("answers")
}

#[test]
fn a_change_sent_again_with_its_idempotency_key_lands_once() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, .. } = team(&store, &app, &[SAM, DAN]).await;
        let titles = "SELECT count(*) FROM peer_groups WHERE title = $1";
        let form = new_group("Crash-proof walk", "add");

        // Sent, then sent again (its answer lost): one group, the same answer.
        let first = post_once(&app, NEW_GROUP, &sam, "key-1", &form).await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        assert!(first.headers().get("idempotent-replayed").is_none());
        let again = post_once(&app, NEW_GROUP, &sam, "key-1", &form).await;
        assert_eq!(again.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            again.headers()[header::LOCATION],
            first.headers()[header::LOCATION]
        );
        assert_eq!(again.headers()["idempotent-replayed"], "true");
        assert_eq!(count(&store, titles, "Crash-proof walk").await, 1);
        assert_eq!(store.audit_entries(10).await.expect("reads").len(), 1);

        // The same key with another change: refused, nothing changed.
        let other = new_group("Another walk", "add");
        let reused = post_once(&app, NEW_GROUP, &sam, "key-1", &other).await;
        assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(reused
            .text()
            .await
            .expect("text")
            .contains("different change"));
        assert_eq!(count(&store, titles, "Another walk").await, 0);

        // Keys belong to an account: Dan's "key-1" is not Sam's, so his
        // post is checked like any other (and refused: not his group).
        let extra = "/organisers/groups/sample-tuesday-talk/extra";
        let saturday = (1..=7)
            .map(|n| today() + Duration::days(n))
            .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Sat)
            .expect("a Saturday")
            .to_string();
        let session = [
            ("date", saturday.as_str()),
            ("starts", "10:00"),
            ("ends", "11:30"),
        ];
        assert_eq!(
            post_once(&app, extra, &dan, "key-1", &session)
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        // Without the key the second extra session would be refused as a
        // clash (see above); with it, the retry gets the first answer.
        for _ in 0..3 {
            let sent = post_once(&app, extra, &sam, "key-2", &session).await;
            assert_eq!(sent.headers()[header::LOCATION], "/organisers?done=extra");
        }
        let extras = format!(
            "SELECT count(*) FROM group_exceptions WHERE group_id = $1 AND kind = 'extra' AND day = '{saturday}'"
        );
        assert_eq!(count(&store, &extras, "sample-tuesday-talk").await, 1);

        // A form field does the same as the header.
        let mut field = new_group("Field walk", "add");
        field.push(("idempotency_key", "key-3"));
        for _ in 0..2 {
            assert_eq!(
                post(&app, NEW_GROUP, Some(&sam), &field).await.status(),
                StatusCode::SEE_OTHER
            );
        }
        assert_eq!(count(&store, titles, "Field walk").await, 1);

        // A key that cannot be one: a 400 that says why, nothing changed.
        let long = "k".repeat(256);
        for bad in ["", long.as_str(), "two words"] {
            let refused = post_once(&app, NEW_GROUP, &sam, bad, &other).await;
            assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{bad:?}");
            assert!(refused
                .text()
                .await
                .expect("text")
                .contains("Idempotency-Key"));
        }
        assert_eq!(count(&store, titles, "Another walk").await, 0);
        assert_eq!(store.audit_entries(10).await.expect("reads").len(), 3);
        app.stop().await;
    })
}

#[test]
fn the_same_change_sent_many_times_at_once_lands_once() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, .. } = team(&store, &app, &[SAM]).await;
        let mut sends = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let client = app.client.clone();
            let url = app.url(NEW_GROUP);
            let cookie = format!("village-session={sam}");
            let form: Vec<(String, String)> = new_group("Twenty at once", "add")
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            sends.spawn(async move {
                client
                    .post(url)
                    .header(header::COOKIE, cookie)
                    .header("idempotency-key", "one-key")
                    .form(&form)
                    .send()
                    .await
                    .map(|r| r.status())
            });
        }
        let mut statuses = Vec::new();
        while let Some(done) = sends.join_next().await {
            statuses.push(done.expect("joins").expect("answers"));
        }
        // Those that arrived while the first was being made waited for it
        // and got its answer.
        assert!(
            statuses.iter().all(|s| *s == StatusCode::SEE_OTHER),
            "{statuses:?}"
        );
        let titles = "SELECT count(*) FROM peer_groups WHERE title = $1";
        assert_eq!(count(&store, titles, "Twenty at once").await, 1);
        assert_eq!(store.audit_entries(30).await.expect("reads").len(), 1);
        app.stop().await;
    })
}

/// The `idempotency_key` values of a page's forms.
fn form_keys(html: &str) -> Vec<String> {
    html.split("name=\"idempotency_key\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_form_sent_twice_by_a_double_tap_or_after_going_back_changes_nothing_twice() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, .. } = team(&store, &app, &[SAM]).await;

        // Each page load gives its forms a fresh key, one per form.
        let home = get(&app, "/organisers", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        let keys = form_keys(&home);
        assert!(
            keys.iter()
                .any(|k| k.ends_with(":extra:sample-tuesday-talk")),
            "{keys:?}"
        );
        assert!(
            keys.iter()
                .any(|k| k.ends_with(":cancel:sample-tuesday-talk")),
            "{keys:?}"
        );
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "one key per form");
        let again = get(&app, "/organisers", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            form_keys(&again).iter().all(|k| !keys.contains(k)),
            "a new key each time"
        );

        for edit in [
            "/organisers/groups/sample-tuesday-talk/edit",
            "/organisers/services/sample-feeding-cafe/edit",
        ] {
            let page = get(&app, edit, Some(&sam))
                .await
                .text()
                .await
                .expect("page");
            assert_eq!(form_keys(&page).len(), 1, "{edit}");
        }
        let page = get(&app, NEW_GROUP, Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        let [key] = form_keys(&page).try_into().expect("the form has one key");
        let mut form = new_group("Double tap walk", "add");
        form.push(("idempotency_key", key.as_str()));
        let first = post(&app, NEW_GROUP, Some(&sam), &form).await;
        let second = post(&app, NEW_GROUP, Some(&sam), &form).await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        assert_eq!(second.status(), StatusCode::SEE_OTHER);
        assert_eq!(second.headers()[header::LOCATION], "/organisers?done=added");
        let titles = "SELECT count(*) FROM peer_groups WHERE title = $1";
        assert_eq!(count(&store, titles, "Double tap walk").await, 1);

        // The old page's form with other details: told to open the page again.
        let mut other = new_group("Another double tap walk", "add");
        other.push(("idempotency_key", key.as_str()));
        let stale = post(&app, NEW_GROUP, Some(&sam), &other).await;
        assert_eq!(stale.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(stale
            .text()
            .await
            .expect("text")
            .contains("Please open the page again"));
        assert_eq!(count(&store, titles, "Another double tap walk").await, 0);
        app.stop().await;
    })
}

/// Regression: organisers' server functions (the audit log with emails,
/// pending changes, a pending two-step key) were sent with no Cache-Control.
#[test]
fn organisers_server_functions_are_kept_by_no_cache() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, .. } = team(&store, &app, &[SAM]).await;
        for signed_in in [Some(sam.as_str()), None] {
            let answer = get(&app, "/rpc/organisers/two-step", signed_in).await;
            assert_eq!(
                answer.headers()[header::CACHE_CONTROL],
                "private, no-store",
                "signed in: {}",
                signed_in.is_some()
            );
        }
        app.stop().await;
    })
}

#[test]
fn words_an_organiser_typed_come_back_in_the_form_as_text_even_a_closing_textarea() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, .. } = team(&store, &app, &[SAM, DAN, ADMIN]).await;
        let path = "/organisers/services/sample-feeding-cafe/edit";
        let typed = "Tea & cake </textarea><b id=\"injected\">loud</b>";
        let edited = post(
            &app,
            path,
            Some(&sam),
            &cafe_edit(&[("description", typed)]),
        )
        .await;
        assert_eq!(edited.status(), StatusCode::SEE_OTHER);
        let page = get(&app, path, Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        assert!(!page.contains("<b id=\"injected\">"), "the words stay text");
        assert!(page.contains(
            "Tea &amp; cake &lt;/textarea&gt;&lt;b id=\"injected\"&gt;loud&lt;/b&gt;</textarea>"
        ));
        // A group's title is the page's title too: it stays a title.
        let talk = "/organisers/groups/sample-tuesday-talk/edit";
        let renamed = post(
            &app,
            talk,
            Some(&sam),
            &talk_edit(&[("title", "Talk </title><b id=\"injected\">now</b>")]),
        )
        .await;
        assert_eq!(renamed.status(), StatusCode::SEE_OTHER);
        let public = get(&app, "/groups/sample-tuesday-talk", None)
            .await
            .text()
            .await
            .expect("page");
        assert!(public.contains(
            "<title>Talk &lt;/title&gt;&lt;b id=\"injected\"&gt;now&lt;/b&gt; · Village</title>"
        ));
        assert!(!public.contains("<b id=\"injected\">"));

        // And when the form comes back with a problem, the same.
        let refused = post(
            &app,
            path,
            Some(&sam),
            &cafe_edit(&[
                ("description", typed),
                ("phone1_number", "ring us"),
                ("phone1_call", "on"),
            ]),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        assert!(!refused
            .text()
            .await
            .expect("page")
            .contains("<b id=\"injected\">"));
        app.stop().await;
    })
}
