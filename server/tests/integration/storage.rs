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

/// The published copy reads groups, schedules, exceptions and services in
/// pages of a thousand rows: with several pages of each, every record is
/// read once, with its own schedules, exceptions, phones and areas.
#[test]
fn the_published_copy_reads_every_page_of_records() {
    run(async {
        let app = spawn_app().await;
        let store = app.server.store().clone();
        let scale = server::sample::national::Scale {
            areas: 3,
            groups: 6_000,
            services: 1_200,
        };
        server::sample::national::seed(&store, crate::helpers::today(), scale)
            .await
            .expect("seeds");
        let count = |sql: &'static str| {
            let store = store.clone();
            async move {
                match store.pool() {
                    Pool::Sqlite(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await,
                    Pool::Postgres(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await,
                }
                .expect("counts")
            }
        };
        let groups = count("SELECT COUNT(*) FROM peer_groups").await;
        let schedules = count("SELECT COUNT(*) FROM schedules").await;
        let exceptions = count("SELECT COUNT(*) FROM group_exceptions").await;
        let services = count("SELECT COUNT(*) FROM services").await;
        assert!(groups >= 6_000 && schedules >= 6_000 && services >= 1_200);
        assert!(exceptions > 1_000, "several pages of exceptions too");

        let published = store.published().await.expect("reads");
        let read = published.groups();
        assert_eq!(i64::try_from(read.len()).expect("small"), groups);
        let ids: std::collections::HashSet<_> = read.iter().map(|g| &g.id).collect();
        assert_eq!(ids.len(), read.len(), "no group is read twice");
        assert!(
            read.windows(2)
                .all(|pair| (&pair[0].title, &pair[0].id) <= (&pair[1].title, &pair[1].id)),
            "by title"
        );
        let read_schedules: usize = read.iter().map(|g| g.times.schedules().len()).sum();
        assert_eq!(i64::try_from(read_schedules).expect("small"), schedules);
        let read_exceptions: usize = read.iter().map(|g| g.times.exceptions().len()).sum();
        assert_eq!(i64::try_from(read_exceptions).expect("small"), exceptions);

        let first_area = server::sample::national::area_id(1).expect("id");
        let listed: Vec<_> = published.services_for(Some(&first_area)).collect();
        assert!(!listed.is_empty());
        let all = store.services().await.expect("reads services");
        assert_eq!(i64::try_from(all.len()).expect("small"), services);
        assert!(
            all.iter()
                .all(|s| !s.areas.is_empty() || s.is_national() || s.area_not_known),
            "each service keeps its areas"
        );
        for service in &all {
            assert_eq!(
                published.service(&service.id),
                Some(service),
                "the copy holds {} as stored",
                service.id
            );
        }

        // The next copy shares every record that did not change with this
        // one, and reads those that did afresh: a group's own row, its
        // exceptions alone, its venue (another table), a service's row
        // and a service's phones alone.
        let exec = |sql: &'static str, bind: String| {
            let store = store.clone();
            async move {
                match store.pool() {
                    Pool::Sqlite(pool) => {
                        sqlx::query(sql).bind(bind).execute(pool).await.map(|_| ())
                    }
                    Pool::Postgres(pool) => {
                        sqlx::query(sql).bind(bind).execute(pool).await.map(|_| ())
                    }
                }
                .expect("changes by hand")
            }
        };
        // The first answer of `sql`, given the retitled group's id as $1.
        let retitled = read[0].id.clone();
        let text = |sql: &'static str| {
            let store = store.clone();
            let bind = retitled.to_string();
            async move {
                match store.pool() {
                    Pool::Sqlite(pool) => {
                        sqlx::query_scalar::<_, String>(sql)
                            .bind(bind)
                            .fetch_one(pool)
                            .await
                    }
                    Pool::Postgres(pool) => {
                        sqlx::query_scalar::<_, String>(sql)
                            .bind(bind)
                            .fetch_one(pool)
                            .await
                    }
                }
                .expect("finds")
            }
        };
        exec(
            "UPDATE peer_groups SET title = 'A title changed by hand' WHERE id = $1",
            retitled.to_string(),
        )
        .await;
        let fewer_exceptions =
            text("SELECT group_id FROM group_exceptions WHERE group_id <> $1 ORDER BY id LIMIT 1")
                .await;
        exec(
            "DELETE FROM group_exceptions WHERE id = (SELECT MIN(id) FROM group_exceptions WHERE group_id = $1)",
            fewer_exceptions.clone(),
        )
        .await;
        let venue =
            text("SELECT venue_id FROM peer_groups WHERE venue_id IS NOT NULL AND id <> $1 ORDER BY id LIMIT 1")
                .await;
        exec(
            "UPDATE venues SET notes = 'Notes changed by hand' WHERE id = $1",
            venue.clone(),
        )
        .await;
        let renamed = text("SELECT id FROM services WHERE id <> $1 ORDER BY id LIMIT 1").await;
        exec(
            "UPDATE services SET name = 'A name changed by hand' WHERE id = $1",
            renamed.clone(),
        )
        .await;
        let fewer_phones = text("SELECT service_id FROM service_phones WHERE service_id <> (SELECT MIN(id) FROM services WHERE id <> $1) ORDER BY service_id LIMIT 1").await;
        exec(
            "DELETE FROM service_phones WHERE service_id = $1",
            fewer_phones.clone(),
        )
        .await;
        // Any write through the store marks the copy stale.
        let area = server::sample::national::area_id(2).expect("id");
        let (years, bank) = server::sample::terms_around(crate::helpers::today()).expect("terms");
        store
            .replace_terms(&area, (&years, &bank), None)
            .await
            .expect("writes terms");
        let next = store.published().await.expect("reads again");
        assert!(!std::sync::Arc::ptr_eq(&published, &next), "a new copy");
        assert_eq!(next.groups().len(), read.len());
        let at_venue = text("SELECT COUNT(*) || '' FROM peer_groups WHERE venue_id = (SELECT venue_id FROM peer_groups WHERE venue_id IS NOT NULL AND id <> $1 ORDER BY id LIMIT 1)").await;
        let mut venue_changes = 0;
        for group in next.groups() {
            let last = published.group(&group.id).expect("in both");
            let moved_venue =
                group.venue.as_ref().map(|v| v.notes.as_str()) == Some("Notes changed by hand");
            venue_changes += usize::from(moved_venue);
            if group.id == retitled {
                assert_eq!(group.title, "A title changed by hand");
                assert!(!std::sync::Arc::ptr_eq(group, last));
            } else if group.id.as_str() == fewer_exceptions {
                assert_eq!(
                    group.times.exceptions().len() + 1,
                    last.times.exceptions().len()
                );
                assert_eq!(group.times.schedules(), last.times.schedules());
                assert_eq!(group.title, last.title);
                assert!(!std::sync::Arc::ptr_eq(group, last));
            } else if moved_venue {
                assert!(!std::sync::Arc::ptr_eq(group, last));
            } else {
                assert!(
                    std::sync::Arc::ptr_eq(group, last),
                    "{} is shared",
                    group.id
                );
            }
        }
        assert_eq!(
            venue_changes.to_string(),
            at_venue,
            "every group at the venue"
        );
        let renamed = village_core::directory::ServiceId::parse(&renamed).expect("an id");
        let fewer_phones = village_core::directory::ServiceId::parse(&fewer_phones).expect("an id");
        assert_eq!(
            next.service(&renamed).map(|s| s.name.as_str()),
            Some("A name changed by hand")
        );
        assert_eq!(next.service(&fewer_phones).map(|s| s.phones.len()), Some(0));
        assert!(published
            .service(&fewer_phones)
            .is_some_and(|s| !s.phones.is_empty()));
        assert_eq!(
            next.service(&fewer_phones).map(|s| &s.name),
            published.service(&fewer_phones).map(|s| &s.name)
        );
        let shared = |copy: &app::storage::Published| {
            copy.services_for(Some(&first_area))
                .filter(|s| s.service.id != renamed && s.service.id != fewer_phones)
                .map(|s| s as *const _)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            shared(&published),
            shared(&next),
            "every other service is shared"
        );
        app.stop().await;
    })
}
