//! A stolen session or a burst of guesses, tried as an attacker would:
//! two-step sign-in cannot be replaced with a session alone, every code
//! is counted like a password, guesses sent at once are counted one by
//! one, and the client address is the real one.

use futures::future::join_all;
use reqwest::{header, StatusCode};

use village_core::account::Role;

use crate::helpers::{run, sample_app, spawn_app_with, TestApp};
use crate::organisers::{
    add_user, code_in, code_now, get, post, post_code, set_up_two_step, sign_in, step_of, token_of,
    PASSWORD, RIVERSIDE,
};

const SAM: &str = "sam@example.org";

/// The two-step key stored for an account, and any waiting to replace it.
async fn keys_of(app: &TestApp, email: &str) -> (Option<String>, Option<String>) {
    let store = app.server.store();
    let email = village_core::account::Email::parse(email).expect("email");
    let (user, _) = store
        .user_by_email(&email)
        .await
        .expect("reads")
        .expect("the account");
    let two_step = store.two_step(&user.id).await.expect("reads");
    (two_step.secret, two_step.pending)
}

#[test]
fn a_stolen_session_alone_cannot_replace_two_step_sign_in() {
    run(async {
        let app = sample_app().await;
        add_user(app.server.store(), SAM, Role::Organiser, Some(RIVERSIDE)).await;
        let session = sign_in(&app, SAM).await;
        let key = set_up_two_step(&app, &session).await;
        let (secret, _) = keys_of(&app, SAM).await;

        // The session alone: refused beside the code, nothing waiting.
        let start = post(&app, "/organisers/totp/start", Some(&session), &[]).await;
        assert_eq!(start.status(), StatusCode::BAD_REQUEST);
        assert!(start
            .text()
            .await
            .expect("page")
            .contains("That code is not right"));
        assert_eq!(keys_of(&app, SAM).await, (secret.clone(), None));
        let setup = get(&app, "/rpc/organisers/two-step", Some(&session))
            .await
            .text()
            .await
            .expect("answer");
        assert!(setup.contains("\"key\":null"), "{setup}");
        let confirm = post(
            &app,
            "/organisers/totp/confirm",
            Some(&session),
            &[("code", "123456")],
        )
        .await;
        assert_eq!(confirm.headers()[header::LOCATION], "/organisers/totp");
        assert_eq!(keys_of(&app, SAM).await, (secret.clone(), None));

        // With a code from the app that has it now, a new phone can take over.
        let start = post(
            &app,
            "/organisers/totp/start",
            Some(&session),
            &[("code", code_in(&key, 30).as_str())],
        )
        .await;
        assert_eq!(start.headers()[header::LOCATION], "/organisers/totp");
        let (kept, pending) = keys_of(&app, SAM).await;
        assert_eq!(kept, secret, "the old app works until the new one does");
        let new_key = pending.expect("a new key waits");
        let on = post(
            &app,
            "/organisers/totp/confirm",
            Some(&session),
            &[("code", code_now(&new_key).as_str())],
        )
        .await;
        assert_eq!(on.headers()[header::LOCATION], "/organisers?done=two-step");
        assert_eq!(keys_of(&app, SAM).await, (Some(new_key), None));
        app.stop().await;
    })
}

#[test]
fn turning_two_step_sign_in_on_needs_the_password_so_a_stolen_session_cannot_lock_the_owner_out() {
    run(async {
        let app = sample_app().await;
        add_user(app.server.store(), SAM, Role::Organiser, Some(RIVERSIDE)).await;
        let session = sign_in(&app, SAM).await;
        for typed in ["", "not the password"] {
            let start = post(
                &app,
                "/organisers/totp/start",
                Some(&session),
                &[("password", typed)],
            )
            .await;
            assert_eq!(start.status(), StatusCode::BAD_REQUEST, "{typed:?}");
            assert!(start
                .text()
                .await
                .expect("page")
                .contains("Please type your password to set up two-step sign-in"));
            assert_eq!(keys_of(&app, SAM).await, (None, None), "nothing set up");
        }
        let start = post(
            &app,
            "/organisers/totp/start",
            Some(&session),
            &[("password", PASSWORD)],
        )
        .await;
        assert_eq!(start.headers()[header::LOCATION], "/organisers/totp");
        assert!(keys_of(&app, SAM).await.1.is_some());
        app.stop().await;
    })
}

#[test]
fn wrong_codes_on_a_signed_in_account_are_counted_like_sign_ins() {
    run(async {
        let app = sample_app().await;
        add_user(app.server.store(), SAM, Role::Organiser, Some(RIVERSIDE)).await;
        let session = sign_in(&app, SAM).await;
        let key = set_up_two_step(&app, &session).await;
        // Wrong codes to replace it or turn it off: five, then a wait.
        for (n, path) in ["/organisers/totp/start", "/organisers/totp/off"]
            .iter()
            .cycle()
            .take(5)
            .enumerate()
        {
            let wrong = post(&app, path, Some(&session), &[("code", "000000")]).await;
            assert_eq!(wrong.status(), StatusCode::BAD_REQUEST, "try {n} at {path}");
        }
        let right = code_now(&key);
        let waits = post(
            &app,
            "/organisers/totp/off",
            Some(&session),
            &[("code", right.as_str())],
        )
        .await;
        assert_eq!(waits.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(waits
            .text()
            .await
            .expect("page")
            .contains("Too many attempts, try again in"));
        assert!(keys_of(&app, SAM).await.0.is_some(), "still on");
        app.stop().await;
    })
}

/// The sample app behind a load balancer that reports each client's
/// address in `X-Forwarded-For`.
async fn behind_a_balancer() -> TestApp {
    spawn_app_with(|config| {
        config.sample_data = true;
        config.client_ip_header = Some(header::HeaderName::from_static("x-forwarded-for"));
    })
    .await
}

/// Runs one statement with one text bound, on either backend.
async fn execute(store: &app::storage::Store, sql: &str, value: &str) {
    match store.pool() {
        app::storage::Pool::Sqlite(pool) => {
            sqlx::query(sql).bind(value).execute(pool).await.map(|_| ())
        }
        app::storage::Pool::Postgres(pool) => {
            sqlx::query(sql).bind(value).execute(pool).await.map(|_| ())
        }
    }
    .expect("writes");
}

/// A wrong password for `email`, sent with the others at once.
async fn guess(app: &TestApp, email: &str, client: &str) -> StatusCode {
    app.client
        .post(app.url("/organisers/login"))
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", client)
        .form(&[("email", email), ("password", "not the password")])
        .send()
        .await
        .expect("answers")
        .status()
}

#[test]
fn guesses_sent_at_once_are_counted_one_by_one() {
    run(async {
        let app = behind_a_balancer().await;
        add_user(app.server.store(), SAM, Role::Organiser, Some(RIVERSIDE)).await;
        // Thirty passwords at once, from thirty addresses: five are checked.
        let answers = join_all((0..30).map(|n| {
            let client = format!("198.51.100.{n}");
            let app = &app;
            async move { guess(app, SAM, &client).await }
        }))
        .await;
        let checked = answers
            .iter()
            .filter(|s| **s == StatusCode::UNAUTHORIZED)
            .count();
        let waited = answers
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!((checked, waited), (5, 25), "{answers:?}");

        // The same for codes, once the password is known.
        let other = "dan@example.org";
        add_user(app.server.store(), other, Role::Organiser, Some(RIVERSIDE)).await;
        let dans = sign_in(&app, other).await;
        set_up_two_step(&app, &dans).await;
        let password = app
            .client
            .post(app.url("/organisers/login"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("email", other), ("password", PASSWORD)])
            .send()
            .await
            .expect("answers");
        let step = step_of(&password).expect("on to the code");
        let answers = join_all((0..20).map(|_| post_code(&app, &step, "000000"))).await;
        let checked = answers
            .iter()
            .filter(|r| r.status() == StatusCode::UNAUTHORIZED)
            .count();
        assert!(checked <= 5, "{checked} codes were checked");
        assert!(answers
            .iter()
            .any(|r| r.status() == StatusCode::TOO_MANY_REQUESTS));
        app.stop().await;
    })
}

#[test]
fn the_address_counted_is_the_last_real_one_ipv6_by_its_64_and_a_success_clears_it_not() {
    run(async {
        let app = behind_a_balancer().await;
        let store = app.server.store().clone();
        add_user(&store, SAM, Role::Organiser, Some(RIVERSIDE)).await;
        let failures = |key: &'static str| {
            let store = store.clone();
            async move {
                store
                    .sign_in_failures(key)
                    .await
                    .expect("reads")
                    .map_or(0, |(n, _)| n)
            }
        };
        let sign_in_from = |lines: Vec<&'static str>, password: &'static str| {
            let app = &app;
            async move {
                let mut request = app
                    .client
                    .post(app.url("/organisers/login"))
                    .header("sec-fetch-site", "same-origin");
                for line in lines {
                    request = request.header("x-forwarded-for", line);
                }
                request
                    .form(&[("email", SAM), ("password", password)])
                    .send()
                    .await
                    .expect("answers")
                    .status()
            }
        };
        // The last value of the last line: the one the balancer added.
        sign_in_from(vec!["203.0.113.9", "10.0.0.1, 203.0.113.7"], "wrong").await;
        assert_eq!(failures("address:203.0.113.7").await, 1);
        assert_eq!(failures("address:203.0.113.9").await, 0);
        // Not an address: the connection's counts, never the words sent.
        sign_in_from(vec!["not-an-address"], "wrong").await;
        assert_eq!(failures("address:127.0.0.1").await, 1);
        assert_eq!(failures("address:not-an-address").await, 0);
        // IPv6 by its /64: a phone's whole block is one address.
        sign_in_from(vec!["2001:db8:1:2::1"], "wrong").await;
        sign_in_from(vec!["2001:db8:1:2:ffff::9"], "wrong").await;
        assert_eq!(failures("address:2001:db8:1:2::/64").await, 2);
        // A right password clears the account's count, not the address's.
        assert_eq!(
            sign_in_from(vec!["2001:db8:1:2::1"], PASSWORD).await,
            StatusCode::SEE_OTHER
        );
        assert_eq!(failures("address:2001:db8:1:2::/64").await, 2);
        assert_eq!(failures("account:sam@example.org").await, 0);
        app.stop().await;
    })
}

#[test]
fn no_more_than_a_few_passwords_are_hashed_at_once() {
    run(async {
        let app = behind_a_balancer().await;
        // Unknown emails from many addresses: each is checked against the
        // decoy hash, so each asks for 19 MiB.
        let answers = join_all((0..24).map(|n| {
            let email = format!("nobody{n}@example.org");
            let client = format!("192.0.2.{n}");
            let app = &app;
            async move { guess(app, &email, &client).await }
        }))
        .await;
        assert!(
            answers
                .iter()
                .all(|s| [StatusCode::UNAUTHORIZED, StatusCode::SERVICE_UNAVAILABLE].contains(s)),
            "{answers:?}"
        );
        assert!(
            server::accounts::peak_hashing() <= server::accounts::HASHING_AT_ONCE,
            "{} hashed at once",
            server::accounts::peak_hashing()
        );
        app.stop().await;
    })
}

/// Rows in a table, counted.
async fn rows(store: &app::storage::Store, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    match store.pool() {
        app::storage::Pool::Sqlite(pool) => sqlx::query_scalar(&sql).fetch_one(pool).await,
        app::storage::Pool::Postgres(pool) => sqlx::query_scalar(&sql).fetch_one(pool).await,
    }
    .expect("counts")
}

#[test]
fn failed_sign_ins_expired_sessions_and_half_done_sign_ins_are_deleted_once_they_no_longer_matter()
{
    run(async {
        use chrono::{Duration, Utc};
        let scratch = crate::helpers::scratch_dir();
        let database = crate::helpers::fresh_database(&scratch).await;
        // Written before the server starts: an old and a fresh one of each.
        let store = server::database::open(&database.url).await.expect("opens");
        add_user(&store, SAM, Role::Admin, None).await;
        let email = village_core::account::Email::parse(SAM).expect("email");
        let (sam, _) = store
            .user_by_email(&email)
            .await
            .expect("reads")
            .expect("made");
        let now = Utc::now();
        let long_ago = now - Duration::days(2);
        use village_core::account::Throttled;
        for (key, at) in [("address:192.0.2.1", long_ago), ("address:192.0.2.2", now)] {
            store
                .claim_attempt(&[(Throttled::Address, key.to_owned())], at)
                .await
                .expect("counts");
        }
        for (token, at) in [("old", long_ago), ("fresh", now)] {
            store
                .create_session(token, &sam.id, at)
                .await
                .expect("adds");
            store
                .create_sign_in_step(token, &sam.id, at)
                .await
                .expect("adds");
        }
        store.close().await;

        let app = crate::helpers::spawn_app_on(scratch, database, |_| {}).await;
        let store = app.server.store().clone();
        // The server tidies as it starts (and every ten minutes after).
        let mut tidied = false;
        for _ in 0..40 {
            if rows(&store, "sessions").await == 1 {
                tidied = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(tidied, "the expired session is deleted");
        assert_eq!(rows(&store, "sign_in_steps").await, 1);
        assert_eq!(rows(&store, "sign_in_failures").await, 1);
        assert!(store
            .sign_in_failures("address:192.0.2.2")
            .await
            .expect("reads")
            .is_some());
        app.stop().await;
    })
}

/// The raw two-step columns of an account, as a copy of the database holds them.
async fn stored_secrets(
    store: &app::storage::Store,
    email: &str,
) -> (Option<String>, Option<String>) {
    let sql = "SELECT totp_secret, totp_pending FROM users WHERE email = $1";
    match store.pool() {
        app::storage::Pool::Sqlite(pool) => sqlx::query_as(sql).bind(email).fetch_one(pool).await,
        app::storage::Pool::Postgres(pool) => sqlx::query_as(sql).bind(email).fetch_one(pool).await,
    }
    .expect("reads")
}

#[test]
fn two_step_secrets_are_sealed_so_a_copy_of_the_database_opens_no_account() {
    run(async {
        use app::accounts::sealed::SecretKey;
        // An account set up before sealing began: its secret is plain.
        let scratch = crate::helpers::scratch_dir();
        let database = crate::helpers::fresh_database(&scratch).await;
        let store = server::database::open(&database.url).await.expect("opens");
        add_user(&store, SAM, Role::Admin, None).await;
        let old_key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        let sql = format!("UPDATE users SET totp_secret = '{old_key}' WHERE email = $1");
        execute(&store, &sql, SAM).await;
        store.close().await;

        let app = crate::helpers::spawn_app_on(scratch, database, |_| {}).await;
        let store = app.server.store().clone();
        // Sealed as the server starts; the account still signs in with it.
        let (secret, _) = stored_secrets(&store, SAM).await;
        let secret = secret.expect("kept");
        assert!(secret.starts_with("sealed:v1:"), "{secret}");
        assert!(!secret.contains(old_key));
        let password = app
            .client
            .post(app.url("/organisers/login"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("email", SAM), ("password", PASSWORD)])
            .send()
            .await
            .expect("answers");
        let step = step_of(&password).expect("on to the code");
        let signed_in = post_code(&app, &step, &code_now(old_key)).await;
        assert_eq!(signed_in.headers()[header::LOCATION], "/organisers");

        // A new phone's key is sealed while it waits.
        let session = token_of(&signed_in).expect("a session");
        let start = post(
            &app,
            "/organisers/totp/start",
            Some(&session),
            &[("code", code_in(old_key, 30).as_str())],
        )
        .await;
        assert_eq!(start.headers()[header::LOCATION], "/organisers/totp");
        let (_, pending) = stored_secrets(&store, SAM).await;
        let pending = pending.expect("waiting");
        assert!(pending.starts_with("sealed:v1:"));
        let new_key = keys_of(&app, SAM).await.1.expect("opens with the key");
        assert!(!pending.contains(&new_key));

        // With another key (a copy of the database alone), nothing opens:
        // two-step sign-in is still on, and no code can match.
        let elsewhere = store
            .clone()
            .with_secret_key(SecretKey::generate().expect("random"));
        let email = village_core::account::Email::parse(SAM).expect("email");
        let (user, _) = elsewhere
            .user_by_email(&email)
            .await
            .expect("reads")
            .expect("the account");
        let copied = elsewhere.two_step(&user.id).await.expect("reads");
        assert_eq!(copied.secret.as_deref(), Some(""), "on, but unusable");
        assert_eq!(copied.pending, None);
        app.stop().await;
    })
}

#[test]
fn words_that_send_someone_somewhere_wait_for_an_admin_on_services_and_groups() {
    run(async {
        use crate::organisers::{cafe_edit, group_json, talk_edit, team, Team, ADMIN};
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, admin, .. } = team(&store, &app, &[crate::organisers::SAM, ADMIN]).await;
        let cafe = "/organisers/services/sample-feeding-cafe/edit";
        let url_of = |store: app::storage::Store| async move {
            store
                .service_records()
                .await
                .expect("reads")
                .into_iter()
                .find(|r| r.service.id.as_str() == "sample-feeding-cafe")
                .map(|r| (r.service.url, r.service.description))
                .expect("the cafe")
        };
        let (url_before, description_before) = url_of(store.clone()).await;

        // Plain words change at once.
        let plain = post(
            &app,
            cafe,
            Some(&sam),
            &cafe_edit(&[("description", "Feeding help and tea.")]),
        )
        .await;
        assert_eq!(plain.headers()[header::LOCATION], "/organisers?done=edited");
        assert_eq!(url_of(store.clone()).await.1, "Feeding help and tea.");

        // A new website, or a number in the steps: waiting, unseen by parents.
        for change in [
            ("url", "https://phish.example.org/refer"),
            ("referral", "Call 0300 999 0000 to refer yourself."),
            ("hours_note", "Text 07700 900999 first"),
        ] {
            let waits = post(&app, cafe, Some(&sam), &cafe_edit(&[change])).await;
            assert_eq!(
                waits.headers()[header::LOCATION],
                "/organisers?done=edited-pending",
                "{change:?}"
            );
            assert_eq!(
                url_of(store.clone()).await,
                (url_before.clone(), "Feeding help and tea.".to_owned())
            );
        }
        let _ = description_before;
        let waiting = store.pending_changes().await.expect("reads");
        let website = waiting
            .iter()
            .find(|p| p.field == "details" && p.value.contains("phish.example.org"))
            .expect("the website waits");
        // The admin sees it in words, and approving it makes it live.
        let home = get(&app, "/organisers", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        assert!(home.contains("Website: https://phish.example.org/refer"));
        let approved = post(
            &app,
            &format!("/organisers/pending/{}/approve", website.id),
            Some(&admin),
            &[],
        )
        .await;
        assert_eq!(
            approved.headers()[header::LOCATION],
            "/organisers?done=approved"
        );
        assert_eq!(
            url_of(store.clone()).await.0.as_deref(),
            Some("https://phish.example.org/refer")
        );

        // A group's free words: a number in its description waits; the rest saves.
        let talk = "/organisers/groups/sample-tuesday-talk/edit";
        let talk_before = group_json(&app, "sample-tuesday-talk").await["description"].clone();
        let saved = post(
            &app,
            talk,
            Some(&sam),
            &talk_edit(&[
                ("description", "Text 07700 900999 to join us."),
                ("typical_size", "About 8"),
            ]),
        )
        .await;
        assert_eq!(
            saved.headers()[header::LOCATION],
            "/organisers?done=group-saved-pending"
        );
        let shown = group_json(&app, "sample-tuesday-talk").await;
        assert_eq!(shown["description"], talk_before, "not yet");
        let talk_now = store
            .groups()
            .await
            .expect("reads")
            .into_iter()
            .find(|g| g.id.as_str() == "sample-tuesday-talk")
            .expect("the group");
        assert_eq!(talk_now.facts.typical_size, "About 8", "at once");
        let texts = store
            .pending_changes()
            .await
            .expect("reads")
            .into_iter()
            .find(|p| p.field == "texts")
            .expect("waits");
        post(
            &app,
            &format!("/organisers/pending/{}/approve", texts.id),
            Some(&admin),
            &[],
        )
        .await;
        assert_eq!(
            group_json(&app, "sample-tuesday-talk").await["description"],
            "Text 07700 900999 to join us."
        );
        // An admin's own words need nobody's approval.
        let by_admin = post(
            &app,
            talk,
            Some(&admin),
            &talk_edit(&[("description", "See www.example.org for dates.")]),
        )
        .await;
        assert_eq!(
            by_admin.headers()[header::LOCATION],
            "/organisers?done=group-saved"
        );
        // A name is no place for a number.
        let named = post(
            &app,
            talk,
            Some(&sam),
            &talk_edit(&[("title", "Talk 0300 999 0000")]),
        )
        .await;
        assert_eq!(named.status(), StatusCode::BAD_REQUEST);
        app.stop().await;
    })
}

/// Whether a session token still opens the organisers' page.
async fn still_works(app: &TestApp, session: &str) -> bool {
    get(app, "/organisers", Some(session)).await.status() == StatusCode::OK
}

async fn id_of(app: &TestApp, email: &str) -> String {
    let email = village_core::account::Email::parse(email).expect("email");
    app.server
        .store()
        .accounts()
        .await
        .expect("reads")
        .into_iter()
        .find(|a| a.email == email.as_str())
        .map(|a| a.id)
        .expect("the account")
}

#[test]
fn an_admin_stops_a_hijacked_account_at_once_and_the_command_line_can_too() {
    run(async {
        use crate::organisers::{team, Team, ADMIN, DADS, DAN};
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, dan, admin } =
            team(&store, &app, &[crate::organisers::SAM, DAN, ADMIN]).await;
        let sams_id = id_of(&app, SAM).await;
        let account = |what: &str| format!("/organisers/accounts/{sams_id}/{what}");

        // Only admins, and never on their own account.
        let by_dan = post(&app, &account("disable"), Some(&dan), &[]).await;
        assert_eq!(by_dan.status(), StatusCode::FORBIDDEN);
        let admins_id = id_of(&app, "admin@example.org").await;
        let own = post(
            &app,
            &format!("/organisers/accounts/{admins_id}/disable"),
            Some(&admin),
            &[],
        )
        .await;
        assert_eq!(own.status(), StatusCode::CONFLICT);
        let home = get(&app, "/organisers", Some(&admin))
            .await
            .text()
            .await
            .expect("page");
        assert!(home.contains("People&#x27;s accounts") || home.contains("People's accounts"));
        assert!(home.contains("Turn off: sam@example.org"));

        // Turned off: Sam's live session ends at once, and the right
        // password answers like a wrong one.
        assert!(still_works(&app, &sam).await);
        let off = post(&app, &account("disable"), Some(&admin), &[]).await;
        assert_eq!(
            off.headers()[header::LOCATION],
            "/organisers?done=account-changed"
        );
        assert!(!still_works(&app, &sam).await);
        let again = post(
            &app,
            "/organisers/login",
            None,
            &[("email", SAM), ("password", PASSWORD)],
        )
        .await;
        assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
        let entry = &store.audit_entries(1).await.expect("reads")[0];
        assert_eq!(
            (
                entry.action.as_str(),
                entry.item_kind.as_str(),
                entry.by.as_str()
            ),
            ("turned the account off", "account", "admin@example.org")
        );

        // On again; then a lost phone: two-step reset, sessions ended.
        post(&app, &account("enable"), Some(&admin), &[]).await;
        let sam = sign_in(&app, SAM).await;
        set_up_two_step(&app, &sam).await;
        post(&app, &account("reset-two-step"), Some(&admin), &[]).await;
        assert!(!still_works(&app, &sam).await);
        assert_eq!(keys_of(&app, SAM).await, (None, None));
        let sam = sign_in(&app, SAM).await;

        // Moved to another organisation: signed out, and theirs now.
        post(
            &app,
            &account("move"),
            Some(&admin),
            &[("organisation", DADS)],
        )
        .await;
        assert!(!still_works(&app, &sam).await);
        let email = village_core::account::Email::parse(SAM).expect("email");
        let (moved, _) = store
            .user_by_email(&email)
            .await
            .expect("reads")
            .expect("on");
        assert_eq!(moved.organisation_id.as_deref(), Some(DADS));

        // A forgotten password: a link, once, that signs every other place out.
        let sam = sign_in(&app, SAM).await;
        let made = post(&app, &account("reset-password"), Some(&admin), &[]).await;
        assert_eq!(made.status(), StatusCode::OK);
        let page = made.text().await.expect("page");
        assert!(page.contains("it sets a new password, works once, for a day"));
        let link = invitation_link(&page);
        let form = get(&app, &link, None).await.text().await.expect("page");
        assert!(form.contains("Choose a new password"));
        let new_password = "a brand new kettle song";
        let reset = post(
            &app,
            &link,
            None,
            &[("password", new_password), ("confirm", new_password)],
        )
        .await;
        assert_eq!(reset.headers()[header::LOCATION], "/organisers");
        assert!(!still_works(&app, &sam).await, "the old session ended");
        let old = post(
            &app,
            "/organisers/login",
            None,
            &[("email", SAM), ("password", PASSWORD)],
        )
        .await;
        assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
        let new = post(
            &app,
            "/organisers/login",
            None,
            &[("email", SAM), ("password", new_password)],
        )
        .await;
        assert_eq!(new.status(), StatusCode::SEE_OTHER);
        let twice = post(
            &app,
            &link,
            None,
            &[("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
        assert_eq!(twice.status(), StatusCode::GONE);

        // The command line: a reset link too.
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args([
                "reset-password",
                "--email",
                SAM,
                "--public-url",
                "https://village.example",
            ])
            .env("DATABASE_URL", &app.database.url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let printed = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        let path = printed
            .strip_prefix("https://village.example")
            .expect("a link");
        let reset = post(
            &app,
            path,
            None,
            &[("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
        assert_eq!(reset.headers()[header::LOCATION], "/organisers");

        // The command line: turned off and signed out, audited as its own.
        let dan_before = still_works(&app, &dan).await;
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["disable-user", "--email", "dan@example.org"])
            .env("DATABASE_URL", &app.database.url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout)
            .contains("is turned off and signed out everywhere"));
        assert!(dan_before && !still_works(&app, &dan).await);
        let entry = &store.audit_entries(1).await.expect("reads")[0];
        assert_eq!(entry.by, "the command line");
        let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["reset-two-step", "--email", "nobody@example.org"])
            .env("DATABASE_URL", &app.database.url)
            .output()
            .expect("the binary runs");
        assert!(!unknown.status.success());
        assert!(String::from_utf8_lossy(&unknown.stderr)
            .contains("There is no account for nobody@example.org"));
        app.stop().await;
    })
}

/// A password-reset link an admin makes for the account `id` (as a path).
async fn reset_link(app: &TestApp, admin: &str, id: &str) -> String {
    let page = post(
        app,
        &format!("/organisers/accounts/{id}/reset-password"),
        Some(admin),
        &[],
    )
    .await
    .text()
    .await
    .expect("page");
    invitation_link(&page)
}

/// The link shown on the admin's page (as a path).
fn invitation_link(page: &str) -> String {
    let at = page.find("/organisers/invite/").expect("a link");
    page[at..].split('<').next().unwrap_or_default().to_owned()
}

#[test]
fn links_and_left_over_keys_open_nothing_by_themselves() {
    run(async {
        use crate::organisers::{team, Team, ADMIN};
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, admin, .. } = team(&store, &app, &[crate::organisers::SAM, ADMIN]).await;
        let key = set_up_two_step(&app, &sam).await;
        let sams_id = id_of(&app, SAM).await;

        // A new phone's key left waiting is forgotten at the next sign-in,
        // so a session taken later cannot finish the move without a code.
        post(
            &app,
            "/organisers/totp/start",
            Some(&sam),
            &[("code", code_in(&key, 30).as_str())],
        )
        .await;
        assert!(keys_of(&app, SAM).await.1.is_some(), "waiting");
        // Codes are used up by step: let the next sign-in use this one again.
        let sql = "UPDATE users SET totp_last_step = NULL WHERE email = $1";
        match store.pool() {
            app::storage::Pool::Sqlite(pool) => {
                sqlx::query(sql).bind(SAM).execute(pool).await.map(|_| ())
            }
            app::storage::Pool::Postgres(pool) => {
                sqlx::query(sql).bind(SAM).execute(pool).await.map(|_| ())
            }
        }
        .expect("writes");
        let password = post(
            &app,
            "/organisers/login",
            None,
            &[("email", SAM), ("password", PASSWORD)],
        )
        .await;
        let step = step_of(&password).expect("on to the code");
        let signed_in = post_code(&app, &step, &code_now(&key)).await;
        assert_eq!(signed_in.headers()[header::LOCATION], "/organisers");
        assert_eq!(keys_of(&app, SAM).await.1, None, "forgotten");

        // A reset link for an account with two-step on: the code still comes next.
        let link = reset_link(&app, &admin, &sams_id).await;
        let new_password = "a brand new kettle song";
        let reset = post(
            &app,
            &link,
            None,
            &[("password", new_password), ("confirm", new_password)],
        )
        .await;
        assert_eq!(reset.headers()[header::LOCATION], "/organisers/login/code");
        assert!(step_of(&reset).is_some());
        assert!(
            reset
                .headers()
                .get_all(header::SET_COOKIE)
                .iter()
                .all(|c| !c
                    .to_str()
                    .unwrap_or_default()
                    .starts_with("village-session=")),
            "no session from the link alone"
        );

        // Turning an account off revokes the links made for it.
        let link = reset_link(&app, &admin, &sams_id).await;
        post(
            &app,
            &format!("/organisers/accounts/{sams_id}/disable"),
            Some(&admin),
            &[],
        )
        .await;
        post(
            &app,
            &format!("/organisers/accounts/{sams_id}/enable"),
            Some(&admin),
            &[],
        )
        .await;
        assert_eq!(get(&app, &link, None).await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
}

#[test]
fn the_server_will_not_start_with_a_key_that_opens_none_of_its_secrets() {
    run(async {
        use app::accounts::sealed::SecretKey;
        let scratch = crate::helpers::scratch_dir();
        let database = crate::helpers::fresh_database(&scratch).await;
        let store = server::database::open(&database.url)
            .await
            .expect("opens")
            .with_secret_key(SecretKey::generate().expect("random"));
        add_user(&store, SAM, Role::Admin, None).await;
        let email = village_core::account::Email::parse(SAM).expect("email");
        let (user, _) = store
            .user_by_email(&email)
            .await
            .expect("reads")
            .expect("made");
        store
            .set_two_step_pending(&user.id, "JBSWY3DPEHPK3PXP")
            .await
            .expect("keeps");
        store
            .turn_two_step_on(&user.id, 1, &user)
            .await
            .expect("on");
        store.close().await;
        // Another key (a copy of the database elsewhere, a lost key file).
        let mut config = crate::helpers::config(database.url.clone(), &scratch);
        config.secret_key = Some(server::config::Secret::from(
            SecretKey::generate().expect("random").to_hex(),
        ));
        let refused = server::Server::start(&config).await.err().expect("refused");
        assert!(
            refused.to_string().contains("do not open with this key"),
            "{refused}"
        );
        database.drop_database().await;
    })
}
