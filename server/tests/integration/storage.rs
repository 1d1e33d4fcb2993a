use app::storage::{Pool, Store};
use server::database;
use village_core::{AreaId, Nation, OrganisationDetails};

use crate::helpers::{
    backend, fresh_database, run, scratch_dir, spawn_app, spawn_app_with, Backend,
};

#[test]
fn migrations_run_once_and_again_change_nothing() {
    run(async {
        let app = spawn_app().await;
        let store = app.server.store().clone();
        let applied = |store: Store| async move {
            match store.pool() {
                Pool::Sqlite(pool) => {
                    sqlx::query_scalar::<_, i64>(
                        "SELECT COUNT(*) FROM _sqlx_migrations WHERE success",
                    )
                    .fetch_one(pool)
                    .await
                }
                Pool::Postgres(pool) => {
                    sqlx::query_scalar::<_, i64>(
                        "SELECT COUNT(*) FROM _sqlx_migrations WHERE success",
                    )
                    .fetch_one(pool)
                    .await
                }
            }
            .expect("reads migrations")
        };
        let expected = i64::try_from(database::migration_count(store.backend())).expect("small");
        assert!(expected >= 1);
        assert_eq!(applied(store.clone()).await, expected);
        database::migrate(&store)
            .await
            .expect("migrating again is a no-op");
        assert_eq!(applied(store.clone()).await, expected, "nothing ran twice");
        app.stop().await;
    })
}

#[test]
fn organisations_round_trip() {
    run(async {
        let app = spawn_app().await;
        let store = app.server.store();
        let details = OrganisationDetails::parse(
            "Riverside Parents Together",
            "Peer support for parents — “café” style, with ünïcödé.",
            Some("https://example.org/riverside"),
        )
        .expect("valid details");
        assert!(store
            .insert_organisation("org-1", &details, false)
            .await
            .expect("inserts"));

        let read = store
            .organisation("org-1")
            .await
            .expect("reads")
            .expect("found");
        assert_eq!(read.name, details.name());
        assert_eq!(read.description, details.description());
        assert_eq!(read.website.as_deref(), details.website());
        assert!(!read.is_sample);

        // The same id again changes nothing.
        let other = OrganisationDetails::parse("Someone else", "", None).expect("valid");
        assert!(!store
            .insert_organisation("org-1", &other, false)
            .await
            .expect("runs"));
        let again = store
            .organisation("org-1")
            .await
            .expect("reads")
            .expect("found");
        assert_eq!(again, read);

        assert!(store
            .organisation("missing")
            .await
            .expect("reads")
            .is_none());
        assert_eq!(store.organisations().await.expect("lists").len(), 1);
        app.stop().await;
    })
}

#[test]
fn areas_round_trip_in_name_order() {
    run(async {
        let app = spawn_app().await;
        let store = app.server.store();
        for (id, name, nation) in [
            ("zed", "Zedford", Nation::Wales),
            ("alp", "Alpton", Nation::Scotland),
        ] {
            let id = AreaId::parse(id).expect("valid");
            assert!(store
                .insert_area(&id, name, nation, false)
                .await
                .expect("inserts"));
        }
        let areas = store.areas().await.expect("lists");
        let names: Vec<_> = areas.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Alpton", "Zedford"]);
        assert_eq!(areas[0].nation, Nation::Scotland);
        let zed = store
            .area(&AreaId::parse("zed").expect("valid"))
            .await
            .expect("reads")
            .expect("found");
        assert_eq!(zed.nation, Nation::Wales);
        app.stop().await;
    })
}

#[test]
fn the_database_refuses_what_the_types_would_refuse() {
    run(async {
        let app = spawn_app().await;
        let store = app.server.store();
        // A blank name gets past no check: the schema itself refuses it.
        let result = match store.pool() {
            Pool::Sqlite(pool) => sqlx::query(
                "INSERT INTO areas (id, name, nation, is_sample, created_at) VALUES ('x', '', 'england', FALSE, '2026-01-01T00:00:00Z')",
            )
            .execute(pool)
            .await
            .map(|_| ()),
            Pool::Postgres(pool) => sqlx::query(
                "INSERT INTO areas (id, name, nation, is_sample, created_at) VALUES ('x', '', 'england', FALSE, now())",
            )
            .execute(pool)
            .await
            .map(|_| ()),
        };
        assert!(result.is_err(), "a blank area name must be refused");
        assert!(store.areas().await.expect("lists").is_empty());
        app.stop().await;
    })
}

#[test]
fn sample_data_only_when_asked_and_only_once() {
    run(async {
        let plain = spawn_app().await;
        assert!(plain
            .server
            .store()
            .areas()
            .await
            .expect("lists")
            .is_empty());
        assert!(plain
            .server
            .store()
            .organisations()
            .await
            .expect("lists")
            .is_empty());
        plain.stop().await;

        let sample = spawn_app_with(|c| c.sample_data = true).await;
        let store = sample.server.store().clone();
        let areas = store.areas().await.expect("lists");
        assert!(!areas.is_empty());
        assert!(areas.iter().all(|a| a.is_sample));
        // Made-up organisations are labelled Sample; the real ones behind the
        // crisis lines (NHS, Samaritans, Shout) are not.
        let organisations = store.organisations().await.expect("lists");
        let real: Vec<&str> = organisations
            .iter()
            .filter(|o| !o.is_sample)
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(real, ["nhs", "samaritans", "shout"]);
        let services = store.services().await.expect("lists");
        assert!(services.len() >= 22, "{}", services.len());
        let real: Vec<&str> = services
            .iter()
            .filter(|s| !s.is_sample)
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(
            real,
            [
                "emergency-999",
                "nhs-111-mental-health",
                "samaritans",
                "shout"
            ],
            "only the real crisis lines are not labelled Sample"
        );
        database::seed_sample_data(&store, crate::helpers::today())
            .await
            .expect("seeding twice is fine");
        assert_eq!(store.areas().await.expect("lists").len(), areas.len());

        // An organiser's edits survive a start that adds a missing record.
        for sql in [
            "UPDATE organisations SET name = 'Riverside Parents (edited)' WHERE id = 'sample-riverside-parents'",
            "UPDATE venues SET notes = 'Edited notes' WHERE id = 'sample-st-marks-hall'",
            "DELETE FROM schedules WHERE group_id = 'sample-tuesday-talk'",
            "DELETE FROM group_exceptions WHERE group_id = 'sample-tuesday-talk'",
            "DELETE FROM peer_groups WHERE id = 'sample-tuesday-talk'",
        ] {
            match store.pool() {
                Pool::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
                Pool::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
            }
            .expect("changes");
        }
        database::seed_sample_data(&store, crate::helpers::today())
            .await
            .expect("seeds");
        let groups = store.groups().await.expect("lists");
        let talk = groups
            .iter()
            .find(|g| g.id.as_str() == "sample-tuesday-talk")
            .expect("the missing group is back");
        assert_eq!(talk.organisation_name, "Riverside Parents (edited)");
        assert_eq!(
            talk.venue.as_ref().map(|v| v.notes.as_str()),
            Some("Edited notes")
        );
        sample.stop().await;
    })
}

#[test]
fn acknowledged_writes_are_durable_and_foreign_keys_are_checked() {
    run(async {
        let scratch = scratch_dir();
        let test_database = fresh_database(&scratch).await;
        let store = database::open(&test_database.url).await.expect("opens");
        match store.pool() {
            Pool::Sqlite(pool) => {
                let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(pool)
                    .await
                    .expect("pragma");
                let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(pool)
                    .await
                    .expect("pragma");
                let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
                    .fetch_one(pool)
                    .await
                    .expect("pragma");
                assert_eq!(journal, "wal");
                assert_eq!(synchronous, 2, "synchronous=FULL");
                assert_eq!(foreign_keys, 1);
            }
            Pool::Postgres(pool) => {
                // A commit returns only once it is on disk (the server's own
                // fsync setting belongs to the cluster, not to Village).
                let synchronous_commit: String = sqlx::query_scalar("SHOW synchronous_commit")
                    .fetch_one(pool)
                    .await
                    .expect("setting");
                assert_eq!(synchronous_commit, "on");
            }
        }
        assert_eq!(
            matches!(store.pool(), Pool::Sqlite(_)),
            matches!(backend(), Backend::Sqlite),
            "the store is on the backend under test"
        );
        store.close().await;
        test_database.drop_database().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}
