//! Real groups, told truthfully: organisers give every fact a parent sees,
//! and a fact nobody gave is shown as not known, never as a default that
//! sounds true. Groups saved before with invented facts are marked.

use reqwest::{header, StatusCode};
use sqlx::{migrate::Migrator, Connection};
use std::{borrow::Cow, path::PathBuf, str::FromStr};

use village_core::account::Role;

use app::storage::Pool;
use chrono::NaiveDate;

use crate::helpers::{
    backend, fresh_database, run, sample_app, scratch_dir, spawn_app_on, spawn_app_with, today,
    Backend, TestApp,
};
use crate::organisers::{
    add_user, get, new_group, post, sign_in, team, Team, ADMIN, DAN, RIVERSIDE, SAM,
};

/// This week as a parent sees it, with Riverside chosen, `<!>` seams removed.
async fn this_week(app: &TestApp, query: &str) -> String {
    let response = app
        .client
        .get(app.url(&format!("/{query}")))
        .header(header::COOKIE, "village_area=sample-riverside")
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.expect("page").replace("<!>", "")
}

/// The facts of the group called `title`.
fn facts_of(
    groups: &[village_core::calendar::Group],
    title: &str,
) -> village_core::calendar::Facts {
    groups
        .iter()
        .find(|g| g.title == title)
        .map(|g| g.facts.clone())
        .unwrap_or_else(|| panic!("{title} is stored"))
}

/// Posts a form as `token` and says where the answer sends the browser.
async fn saved_to(app: &TestApp, path: &str, token: &str, form: &[(&str, &str)]) -> String {
    let response = post(app, path, Some(token), form).await;
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .unwrap_or_else(|| panic!("{path} answered {} with no redirect", response.status()))
        .to_owned()
}

async fn group_page(app: &TestApp, id: &str) -> String {
    let response = get(app, &format!("/groups/{id}"), None).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.expect("page").replace("<!>", "")
}

#[test]
fn a_group_tells_parents_what_its_organiser_gave_and_nothing_else() {
    run(async {
        let app = sample_app().await;
        let store = app.server.store().clone();
        let Team { sam, admin, .. } = team(&store, &app, &[SAM, ADMIN]).await;

        // A £3 course, booked ahead, in Cymraeg and English.
        let mut cwtch = new_group("Cwtch Circle", "add");
        cwtch.extend([
            ("format", "course"),
            ("next_course_start", "2027-01-13"),
            ("cost", "amount"),
            ("cost_amount", "£3"),
            ("cost_note", "Includes tea and cake"),
            ("booking", "book_ahead"),
            ("booking_how", "Text Jo to save a place"),
            ("contact_way", "text"),
            ("contact", "07700 900123"),
            ("english", "on"),
            ("cymraeg", "on"),
            ("run_by", "peers"),
            ("taking_new_members", "yes"),
            (
                "first_visit",
                "Jo meets you at the door; buggies fit in the hall.",
            ),
            ("age_from", "0"),
            ("age_to", "24"),
        ]);
        let added = post(&app, "/organisers/groups/new", Some(&sam), &cwtch).await;
        assert_eq!(
            added
                .headers()
                .get(header::LOCATION)
                .map(|l| l.to_str().unwrap_or_default().to_owned()),
            Some("/organisers?done=added-pending".to_owned()),
            "{:?}",
            added.status()
        );
        // A group whose organiser said nothing more than its name and time.
        let plain = new_group("Plain Tuesday", "add");
        let added = post(&app, "/organisers/groups/new", Some(&sam), &plain).await;
        assert_eq!(added.headers()[header::LOCATION], "/organisers?done=added");

        let groups = store.groups().await.expect("reads");
        let id_of = |title: &str| {
            groups
                .iter()
                .find(|g| g.title == title)
                .map(|g| g.id.to_string())
                .expect("stored")
        };
        let (cwtch_id, plain_id) = (id_of("Cwtch Circle"), id_of("Plain Tuesday"));

        // The contact is a number parents will use: from an organiser, it
        // waits for an admin, unseen; everything else shows at once.
        assert!(group_page(&app, &cwtch_id)
            .await
            .contains("Organiser's contact: not given yet."));
        let pending = store.pending_changes().await.expect("reads");
        assert_eq!(pending.len(), 1);
        assert_eq!(
            (pending[0].item_id.as_str(), pending[0].field.as_str()),
            (cwtch_id.as_str(), "contact")
        );
        let refused = post(
            &app,
            &format!("/organisers/pending/{}/approve", pending[0].id),
            Some(&sam),
            &[],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let approved = post(
            &app,
            &format!("/organisers/pending/{}/approve", pending[0].id),
            Some(&admin),
            &[],
        )
        .await;
        assert_eq!(approved.status(), StatusCode::SEE_OTHER);

        let page = group_page(&app, &cwtch_id).await;
        for said in [
            "<dt>Cost</dt><dd>£3. Includes tea and cake</dd>",
            "<dt>Booking</dt><dd>Book ahead: Text Jo to save a place</dd>",
            "<dt>Languages</dt><dd>English, Cymraeg</dd>",
            "<dt>What it is</dt><dd>A course</dd>",
            "Trained peers who have been there themselves",
            "<dt>Next course starts</dt><dd>Wednesday 13 January</dd>",
            "(children up to 2 years)",
            "Your first visit",
            "Jo meets you at the door; buggies fit in the hall.",
            "href=\"sms:07700900123\"",
            "Text 07700 900123",
        ] {
            assert!(page.contains(said), "the group page says {said:?}");
        }
        assert!(!page.contains(">Free<") && !page.contains(">Drop in<"));

        let page = group_page(&app, &plain_id).await;
        for said in [
            "<dt>Cost</dt><dd>Not known: ask the organiser about cost</dd>",
            "<dt>Booking</dt><dd>Not known: ask the organiser whether to book</dd>",
            "<dt>Languages</dt><dd>Not known: ask the organiser</dd>",
            "Organiser's contact: not given yet.",
        ] {
            assert!(page.contains(said), "the plain group page says {said:?}");
        }
        for invented in [
            ">Free<",
            ">Drop in<",
            "Taking new members",
            "What it is",
            "Your first visit",
        ] {
            assert!(!page.contains(invented), "nothing invented: {invented:?}");
        }

        // This week shows the cost and booking beside the session; the Free
        // filter hides both (a cost nobody gave is not free).
        let week = this_week(&app, "").await;
        let at = week.find("Cwtch Circle").expect("on This week");
        let card = &week[at..at + week[at..].find("</ul>").expect("its badges")];
        assert!(
            card.contains(">£3</li>") && card.contains(">Book ahead"),
            "{card}"
        );
        assert!(week.contains("Plain Tuesday"));
        let free = this_week(&app, "?free=on").await;
        assert!(!free.contains("Cwtch Circle") && !free.contains("Plain Tuesday"));
        let drop_in = this_week(&app, "?drop_in=on").await;
        assert!(!drop_in.contains("Cwtch Circle") && !drop_in.contains("Plain Tuesday"));

        // The API says the same, with not known as null.
        let api = |id: String| {
            let app = &app;
            async move {
                get(app, &format!("/api/v1/groups/{id}"), None)
                    .await
                    .json::<serde_json::Value>()
                    .await
                    .expect("JSON")
            }
        };
        let json = api(cwtch_id.clone()).await;
        assert_eq!(
            json["cost"],
            serde_json::json!({ "kind": "amount", "pence": 300 })
        );
        assert_eq!(json["booking"], "book_ahead");
        assert_eq!(json["languages"], serde_json::json!(["English", "Cymraeg"]));
        let json = api(plain_id.clone()).await;
        assert_eq!(json["cost"], serde_json::json!({ "kind": "not_known" }));
        assert_eq!(json["booking"], serde_json::Value::Null);
        assert_eq!(json["taking_new_members"], serde_json::Value::Null);
        assert_eq!(json["languages"], serde_json::json!([]));

        // The edit form shows every fact as saved; saving it unchanged keeps them.
        let form = get(
            &app,
            &format!("/organisers/groups/{cwtch_id}/edit"),
            Some(&sam),
        )
        .await
        .text()
        .await
        .expect("page");
        let input = |id: &str| {
            let at = form
                .find(&format!("id=\"edit-group-{id}\""))
                .unwrap_or_else(|| panic!("{id} is on the form"));
            form[at..at + form[at..].find('>').expect("a tag")].to_owned()
        };
        assert!(input("cost_amount").contains("value=\"3\""));
        assert!(input("booking_how").contains("value=\"Text Jo to save a place\""));
        assert!(input("contact").contains("value=\"07700 900123\""));
        assert!(input("cost-amount").contains("checked"));
        assert!(input("booking-book_ahead").contains("checked"));
        assert!(input("cymraeg").contains("checked"));
        assert!(form.contains("Jo meets you at the door"));

        // Saving the form as it is keeps every fact; a new contact from the
        // organiser waits for an admin again.
        let mut same = cwtch.clone();
        same.retain(|(k, _)| !["area", "action", "weekday", "starts", "ends"].contains(k));
        same.extend([
            ("keep-0", "on"),
            ("weekday", ""),
            ("starts", ""),
            ("ends", ""),
            ("action", "save"),
        ]);
        let before = store.groups().await.expect("reads");
        let facts_before = facts_of(&before, "Cwtch Circle");
        let edit = format!("/organisers/groups/{cwtch_id}/edit");
        assert_eq!(
            saved_to(&app, &edit, &sam, &same).await,
            "/organisers?done=group-saved"
        );
        let after = store.groups().await.expect("reads");
        assert_eq!(facts_of(&after, "Cwtch Circle"), facts_before);
        // The audit entry holds the group as it was and as it became in one
        // shape (its row and its schedules), so saved unchanged the two are
        // equal field by field.
        let audit = store.audit_entries(5).await.expect("reads");
        let edited = audit
            .iter()
            .find(|e| e.action == "edited" && e.item_id == cwtch_id.as_str())
            .expect("the edit is audited");
        let side = |json: &Option<String>| {
            serde_json::from_str::<serde_json::Value>(json.as_deref().expect("kept")).expect("JSON")
        };
        let (was, became) = (side(&edited.before), side(&edited.after));
        assert_eq!(was["group"]["title"], "Cwtch Circle");
        assert_eq!(was["schedules"].as_array().map(Vec::len), Some(1));
        assert_eq!(was, became);
        let mut new_number = same.clone();
        new_number.retain(|(k, _)| *k != "contact");
        new_number.push(("contact", "07700 900999"));
        assert_eq!(
            saved_to(&app, &edit, &sam, &new_number).await,
            "/organisers?done=group-saved-pending"
        );
        assert!(
            group_page(&app, &cwtch_id)
                .await
                .contains("Text 07700 900123"),
            "the old number until an admin agrees"
        );
        let form = get(
            &app,
            &format!("/organisers/groups/{cwtch_id}/edit"),
            Some(&sam),
        )
        .await
        .text()
        .await
        .expect("page");
        assert!(form.contains("Waiting for an admin to check: Text 07700 900999"));
        // A bad amount is named beside its field, and nothing changes.
        let mut bad = cwtch.clone();
        bad.retain(|(k, _)| !["cost_amount", "area", "action"].contains(k));
        bad.extend([
            ("cost_amount", "three pounds"),
            ("keep-0", "on"),
            ("weekday", ""),
            ("starts", ""),
            ("ends", ""),
        ]);
        let refused = post(
            &app,
            &format!("/organisers/groups/{cwtch_id}/edit"),
            Some(&sam),
            &bad,
        )
        .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        assert!(refused
            .text()
            .await
            .expect("page")
            .contains("Please give the amount in pounds, such as 3 or 2.50."));
        let before = store.groups().await.expect("reads");
        let cwtch_before = before
            .iter()
            .find(|g| g.title == "Cwtch Circle")
            .expect("kept");
        assert_eq!(
            cwtch_before.facts.cost,
            village_core::calendar::Cost::Amount { pence: 300 }
        );
        app.stop().await;
    })
}

/// The migrations before group facts were asked for, run on `url`.
async fn migrate_to_before_facts(url: &str) {
    let dir = match backend() {
        Backend::Sqlite => "migrations/sqlite",
        Backend::Postgres => "migrations/postgres",
    };
    let package = std::env::var("CARGO_MANIFEST_DIR").unwrap_or(env!("CARGO_MANIFEST_DIR").into());
    let mut migrator = Migrator::new(PathBuf::from(package).join(dir))
        .await
        .expect("reads the migrations");
    let earlier: Vec<_> = migrator
        .migrations
        .iter()
        .filter(|m| m.version < 20261206000001)
        .cloned()
        .collect();
    migrator.migrations = Cow::Owned(earlier);
    let old_group = "INSERT INTO peer_groups (id, organisation_id, area_id, title, focus, format, attendance, \
         joining_details, booking, last_confirmed, created_at, updated_at) VALUES \
         ('old-walk', 'old-charity', NULL, 'Old Walk', 'general', 'chat', 'online', 'Email us', 'drop_in', \
         '2026-11-01', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')";
    let old_charity = "INSERT INTO organisations (id, name, created_at, updated_at) VALUES \
         ('old-charity', 'Old Charity', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')";
    let given = "INSERT INTO peer_groups (id, organisation_id, area_id, title, focus, format, attendance, \
         joining_details, cost_pence, booking, languages, contact, last_confirmed, created_at, updated_at) VALUES \
         ('paid-talk', 'old-charity', NULL, 'Paid Talk', 'general', 'talk', 'online', 'Email us', 250, 'book_ahead', \
         'English, Polish', 'https://example.org/talk', '2026-11-01', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')";
    match backend() {
        Backend::Sqlite => {
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)
                .expect("a SQLite URL")
                .create_if_missing(true)
                .foreign_keys(true);
            let mut connection = sqlx::SqliteConnection::connect_with(&options)
                .await
                .expect("connects");
            migrator.run(&mut connection).await.expect("migrates");
            for sql in [old_charity, old_group] {
                sqlx::query(sql)
                    .execute(&mut connection)
                    .await
                    .expect("inserts");
            }
            // A group whose facts were given: 'talk' is new, so it is a chat here.
            sqlx::query(&given.replace("'talk'", "'chat'"))
                .execute(&mut connection)
                .await
                .expect("inserts");
            connection.close().await.expect("closes");
        }
        Backend::Postgres => {
            let mut connection = sqlx::PgConnection::connect(url).await.expect("connects");
            migrator.run(&mut connection).await.expect("migrates");
            let with_dates = |sql: &str| {
                sql.replace(
                    "'2026-11-01T00:00:00Z'",
                    "TIMESTAMPTZ '2026-11-01T00:00:00Z'",
                )
            };
            for sql in [old_charity, old_group] {
                sqlx::query(&with_dates(sql))
                    .execute(&mut connection)
                    .await
                    .expect("inserts");
            }
            sqlx::query(&with_dates(&given.replace("'talk'", "'chat'")))
                .execute(&mut connection)
                .await
                .expect("inserts");
            connection.close().await.expect("closes");
        }
    }
}

#[test]
fn groups_saved_with_invented_facts_are_marked_and_their_inventions_forgotten() {
    run(async {
        let scratch = scratch_dir();
        let database = fresh_database(&scratch).await;
        migrate_to_before_facts(&database.url).await;
        let app = spawn_app_on(scratch, database, |_| {}).await;
        let store = app.server.store().clone();
        let groups = store.groups().await.expect("reads");
        let old = groups.iter().find(|g| g.title == "Old Walk").expect("kept");
        assert!(old.details_to_check);
        assert_eq!(
            old.facts,
            village_core::calendar::Facts::default(),
            "nothing invented is kept"
        );
        assert!(old.tags().is_empty(), "no Free, no Drop in");
        let paid = groups
            .iter()
            .find(|g| g.title == "Paid Talk")
            .expect("kept");
        assert!(!paid.details_to_check);
        assert_eq!(
            paid.facts.cost,
            village_core::calendar::Cost::Amount { pence: 250 }
        );
        assert_eq!(
            paid.facts.booking,
            Some(village_core::calendar::Booking::BookAhead)
        );
        assert_eq!(paid.facts.languages, ["English", "Polish"]);
        assert_eq!(
            paid.facts.contact.as_ref().map(|c| c.href()).as_deref(),
            Some("https://example.org/talk")
        );

        // The organiser's page lists the group to check first, and says why.
        the_old_charitys_organiser_sees_it_first(&app).await;
        let old_page = group_page(&app, "old-walk").await;
        assert!(old_page.contains("<dt>Cost</dt><dd>Not known: ask the organiser about cost</dd>"));
        assert!(!old_page.contains(">Free<") && !old_page.contains(">Drop in<"));
        app.stop().await;
    })
}

/// An organiser of the old charity sees its group to check at the top.
async fn the_old_charitys_organiser_sees_it_first(app: &TestApp) {
    let store = app.server.store().clone();
    add_user(
        &store,
        "olive@example.org",
        Role::Organiser,
        Some("old-charity"),
    )
    .await;
    let token = sign_in(app, "olive@example.org").await;
    let home = get(app, "/organisers", Some(&token))
        .await
        .text()
        .await
        .expect("page");
    let check = home
        .find("Please check this group")
        .expect("asks for a check");
    let old = home.find("Old Walk").expect("lists the old group");
    let paid = home.find("Paid Talk").expect("lists the other group");
    assert!(
        old < check && check < paid,
        "the group to check comes first, with its note"
    );
}

/// Moves a group's last confirmation, as if months had passed.
async fn confirmed_on(app: &TestApp, id: &str, day: NaiveDate) {
    let sql = "UPDATE peer_groups SET last_confirmed = $1 WHERE id = $2";
    let changed = match app.server.store().pool() {
        Pool::Sqlite(pool) => sqlx::query(sql)
            .bind(day)
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()),
        Pool::Postgres(pool) => sqlx::query(sql)
            .bind(day)
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()),
    };
    assert_eq!(changed.expect("updates"), 1, "{id}");
}

/// The section of a page from `start` to the next `end`.
fn section<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let at = page
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} is on the page"));
    let rest = &page[at..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn groups_nobody_confirms_are_flagged_at_six_months_and_stop_being_suggested_at_twelve() {
    run(async {
        // Every request reads the database afresh, so a changed date shows at once.
        let app = spawn_app_with(|config| {
            config.sample_data = true;
            config.published_max_age = 0;
        })
        .await;
        let store = app.server.store().clone();
        let Team { sam, admin, .. } = team(&store, &app, &[SAM, ADMIN]).await;
        let today = today();

        // A Riverside group meeting this week, last confirmed seven months ago.
        let week: serde_json::Value = get(
            &app,
            &format!("/api/v1/areas/sample-riverside/sessions?from={today}&days=7"),
            None,
        )
        .await
        .json()
        .await
        .expect("JSON");
        let groups = store.groups().await.expect("reads");
        let riverside = week["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .filter_map(|s| s["group_id"].as_str())
            .find_map(|id| {
                groups
                    .iter()
                    .find(|g| g.id.as_str() == id && g.organisation_id == RIVERSIDE)
            })
            .expect("a Riverside group meets this week");
        let (id, title) = (riverside.id.to_string(), riverside.title.clone());
        confirmed_on(&app, &id, NaiveDate::from_ymd_opt(2026, 5, 1).expect("day")).await;
        let note = "Not confirmed since 1 May 2026.";
        let page = this_week(&app, "").await;
        assert!(
            section(&page, &title, "</li>").contains(note),
            "on This week"
        );
        assert!(group_page(&app, &id).await.contains(note), "on its page");
        let home = get(&app, "/organisers", Some(&sam))
            .await
            .text()
            .await
            .expect("page");
        let listed = section(&home, "Please confirm these are still right", "</section>");
        assert!(listed.contains(&title) && listed.contains("Last confirmed 1 May 2026."));

        // Still accurate clears it, and is audited.
        let confirmed = post(
            &app,
            &format!("/organisers/groups/{id}/confirm"),
            Some(&sam),
            &[],
        )
        .await;
        assert_eq!(
            confirmed.headers()[header::LOCATION],
            "/organisers?done=confirmed-group"
        );
        assert!(!group_page(&app, &id).await.contains("Not confirmed since"));
        let audit = store.audit_entries(1).await.expect("reads");
        assert_eq!(
            (audit[0].action.as_str(), audit[0].item_id.as_str()),
            ("confirmed", id.as_str())
        );

        // A national online group unconfirmed for thirteen months is not
        // suggested in the summer, and says it may have stopped.
        let summer = "?week=2027-08-02";
        let still_run = |page: String| section(&page, "These still run:", "</ul>").to_owned();
        assert!(still_run(this_week(&app, summer).await).contains("Night Owls online chat"));
        confirmed_on(
            &app,
            "sample-night-owls",
            NaiveDate::from_ymd_opt(2025, 11, 1).expect("day"),
        )
        .await;
        assert!(!still_run(this_week(&app, summer).await).contains("Night Owls online chat"));
        assert!(group_page(&app, "sample-night-owls")
            .await
            .contains("This group may have stopped: check with the organiser."));
        // Not Sam's to confirm; an admin may.
        let refused = post(
            &app,
            "/organisers/groups/sample-night-owls/confirm",
            Some(&sam),
            &[],
        )
        .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let confirmed = post(
            &app,
            "/organisers/groups/sample-night-owls/confirm",
            Some(&admin),
            &[],
        )
        .await;
        assert_eq!(
            confirmed.headers()[header::LOCATION],
            "/organisers?done=confirmed-group"
        );
        assert!(still_run(this_week(&app, summer).await).contains("Night Owls online chat"));
        app.stop().await;
    })
}

/// A national, moderated online group meeting on the first Wednesday of each
/// month, as Dan of Dads Together (allowed to publish nationally) adds it.
fn national_group(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        ("description", "A monthly online circle."),
        ("area", "national"),
        ("weekday", "wednesday"),
        ("starts", "19:00"),
        ("ends", "20:00"),
        ("every", "month"),
        ("week_of_month", "1"),
        ("term", "all_year"),
        ("place", "online"),
        ("joining", "Email us for the link"),
        ("moderated", "yes"),
        ("cost", "free"),
        ("action", "add"),
    ]
}

#[test]
fn national_monthly_groups_reach_every_area_in_the_holidays_when_an_admin_allows_them() {
    run(async {
        let app = spawn_app_with(|config| {
            config.sample_data = true;
            config.published_max_age = 0;
        })
        .await;
        let store = app.server.store().clone();
        let Team { sam, dan, admin } = team(&store, &app, &[SAM, DAN, ADMIN]).await;

        // Riverside Parents Together may not publish in every area.
        let refused = post(
            &app,
            "/organisers/groups/new",
            Some(&sam),
            &national_group("Not Ours"),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        assert!(refused.text().await.expect("page").contains(
            "Your organisation cannot publish national groups yet: please ask an admin."
        ));
        // Dads Together may; term-time is refused beside its field.
        let mut term_time = national_group("Dads Monthly");
        term_time.retain(|(k, _)| *k != "term");
        term_time.push(("term", "term_time_only"));
        let refused = post(&app, "/organisers/groups/new", Some(&dan), &term_time).await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        assert!(refused
            .text()
            .await
            .expect("page")
            .contains("A national group runs all year"));
        let mut preview = national_group("Dads Monthly");
        preview.retain(|(k, _)| *k != "action");
        preview.push(("action", "preview"));
        let shown = post(&app, "/organisers/groups/new", Some(&dan), &preview).await;
        let shown = shown.text().await.expect("page").replace("<!>", "");
        assert!(
            shown.contains("Wednesday 6 January, 19:00")
                && shown.contains("Wednesday 3 February, 19:00")
        );
        let added = post(
            &app,
            "/organisers/groups/new",
            Some(&dan),
            &national_group("Dads Monthly"),
        )
        .await;
        assert_eq!(added.headers()[header::LOCATION], "/organisers?done=added");

        // In Riverside's summer holidays it is among the groups that still run.
        let summer = this_week(&app, "?week=2027-08-02").await;
        assert!(section(&summer, "These still run:", "</ul>").contains("Dads Monthly"));
        // A new area with no groups of its own shows it too.
        let area = post(
            &app,
            "/organisers/areas",
            Some(&admin),
            &[("name", "Hillside"), ("nation", "england")],
        )
        .await;
        assert_eq!(area.status(), StatusCode::SEE_OTHER);
        let areas: serde_json::Value = get(&app, "/api/v1/areas", None)
            .await
            .json()
            .await
            .expect("JSON");
        let hillside = areas
            .as_array()
            .expect("areas")
            .iter()
            .find(|a| a["name"] == "Hillside")
            .and_then(|a| a["id"].as_str())
            .expect("the new area")
            .to_owned();
        let hillside: serde_json::Value = get(
            &app,
            &format!("/api/v1/areas/{hillside}/sessions?from=2027-08-02&days=7"),
            None,
        )
        .await
        .json()
        .await
        .expect("JSON");
        let titles: Vec<&str> = hillside["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .filter_map(|s| s["title"].as_str())
            .collect();
        assert!(titles.contains(&"Dads Monthly"), "{titles:?}");

        // An admin lets Riverside publish nationally; then Sam may.
        let allowed = post(
            &app,
            "/organisers/organisations/sample-riverside-parents/edit",
            Some(&admin),
            &[
                ("name", "Riverside Parents Together"),
                ("description", "Peer support in Riverside."),
                ("website", ""),
                ("publishes_nationally", "on"),
            ],
        )
        .await;
        assert_eq!(allowed.status(), StatusCode::SEE_OTHER);
        let added = post(
            &app,
            "/organisers/groups/new",
            Some(&sam),
            &national_group("Riverside Online"),
        )
        .await;
        assert_eq!(added.headers()[header::LOCATION], "/organisers?done=added");
        let group = store
            .groups()
            .await
            .expect("reads")
            .into_iter()
            .find(|g| g.title == "Riverside Online")
            .expect("stored");
        assert!(group.is_national());
        assert_eq!(group.facts.moderated, Some(true));
        app.stop().await;
    })
}
