//! `server import-hsds` and `server export-hsds`: the real binary, HSDS 3
//! files, and the database after.

use serde_json::{json, Value};
use std::{path::Path, process::Command};
use village_core::{AreaId, Nation};

use app::storage::Store;

use crate::helpers::{fresh_database, run, sample_app, scratch_dir, TestDatabase};

/// A UUID for a test's record, as HSDS 3 asks.
fn u(name: &str) -> String {
    village_core::directory::hsds::uuid_for(&format!("test:{name}"))
}

/// Runs the binary: (succeeded, stdout, stderr).
pub(crate) fn server(url: &str, args: &[&str], file: &Path) -> (bool, String, String) {
    // The tests' today, as the server under test has it: never the wall clock.
    server_on(url, args, file, crate::helpers::today())
}

/// [`server`], with `day` as today.
pub(crate) fn server_on(
    url: &str,
    args: &[&str],
    file: &Path,
    day: chrono::NaiveDate,
) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .arg(file)
        .env("DATABASE_URL", url)
        .env("VILLAGE_TODAY", day.to_string())
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A fresh database holding only the sample's area, to import into.
async fn only_riverside(scratch: &Path) -> (TestDatabase, Store) {
    let database = fresh_database(scratch).await;
    let store = server::database::open(&database.url).await.expect("opens");
    let riverside = AreaId::parse("sample-riverside").expect("id");
    store
        .insert_area(&riverside, "Riverside", Nation::England, true)
        .await
        .expect("inserts");
    (database, store)
}

/// Village's own id of an exported service (its HSDS id is a UUID).
fn village_id(service: &Value) -> String {
    service["attributes"]
        .as_array()
        .and_then(|all| all.iter().find(|a| a["link_type"] == "village-id"))
        .and_then(|a| a["value"].as_str())
        .expect("a village-id attribute")
        .to_owned()
}

fn export(url: &str, file: &Path) -> Value {
    let (ok, _, stderr) = server(url, &["export-hsds"], file);
    assert!(ok, "{stderr}");
    serde_json::from_str(&std::fs::read_to_string(file).expect("reads")).expect("JSON")
}

#[test]
fn export_then_import_into_an_empty_directory_is_the_identity_and_importing_again_updates() {
    run(async {
        let sample = sample_app().await;
        let scratch = scratch_dir();
        let file = scratch.join("directory.json");
        let exported = export(&sample.database.url, &file);
        let records = exported.as_array().map(Vec::len).expect("an array");
        let groups = exported
            .as_array()
            .expect("an array")
            .iter()
            .filter(|r| r.to_string().contains("\"value\":\"group\""))
            .count();
        let count = records - groups;
        assert!(count >= 20, "the sample directory is exported ({count})");
        assert!(groups >= 10, "and the sample's groups ({groups})");

        // `-` writes the same file to standard output.
        let (ok, stdout, stderr) = server(&sample.database.url, &["export-hsds"], Path::new("-"));
        assert!(ok, "{stderr}");
        assert_eq!(
            serde_json::from_str::<Value>(&stdout).expect("JSON"),
            exported
        );

        let (database, store) = only_riverside(&scratch).await;
        let (ok, stdout, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(ok, "{stderr}");
        assert!(
            stdout.contains(&format!("Imported {count} services"))
                && stdout.contains(&format!("{count} new, 0 updated"))
                && stdout.contains(&format!(
                    "Imported {groups} groups: {groups} new, 0 updated"
                )),
            "{stdout}"
        );
        let original = sample_store(&sample.database.url).await;
        assert_eq!(
            store.services().await.expect("reads"),
            original.services().await.expect("reads"),
            "every field of every service came through"
        );
        assert_eq!(
            store.groups().await.expect("reads"),
            original.groups().await.expect("reads"),
            "every field of every group came through: times, venue, facts"
        );
        assert_eq!(
            store.venue_records(None).await.expect("reads").len(),
            original
                .venue_records(None)
                .await
                .expect("reads")
                .iter()
                .filter(|v| v.groups > 0)
                .count(),
            "the venues groups meet in came too"
        );
        let again = scratch.join("again.json");
        assert_eq!(
            export(&database.url, &again),
            exported,
            "export then import is the identity"
        );

        // Importing again updates by id: no duplicates, and a changed name lands.
        let mut changed = exported.clone();
        changed[0]["name"] = json!("A new name");
        std::fs::write(&file, changed.to_string()).expect("writes");
        let (ok, stdout, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(ok, "{stderr}");
        assert!(
            stdout.contains(&format!("0 new, {count} updated"))
                && stdout.contains(&format!("0 new, {groups} updated")),
            "{stdout}"
        );
        assert_eq!(
            store.groups().await.expect("reads"),
            original.groups().await.expect("reads"),
            "importing again changes nothing of a group"
        );
        let services = store.services().await.expect("reads");
        assert_eq!(services.len(), count);
        let id = village_id(&changed[0]);
        assert_eq!(
            services
                .iter()
                .find(|s| s.id.as_str() == id)
                .map(|s| s.name.as_str()),
            Some("A new name")
        );

        // The paged form is read too.
        std::fs::write(
            &file,
            json!({ "contents": exported, "total_items": count }).to_string(),
        )
        .expect("writes");
        let (ok, _, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(ok, "{stderr}");
        assert_eq!(export(&database.url, &again), exported);

        original.close().await;
        store.close().await;
        database.drop_database().await;
        sample.stop().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

async fn sample_store(url: &str) -> app::storage::Store {
    server::database::open(url).await.expect("opens")
}

#[test]
fn a_file_with_faults_reports_every_one_and_changes_nothing() {
    run(async {
        let sample = sample_app().await;
        let scratch = scratch_dir();
        let file = scratch.join("directory.json");
        let mut broken = export(&sample.database.url, &file);
        let store = sample_store(&sample.database.url).await;
        let before = store.services().await.expect("reads");

        let first_id = village_id(&broken[0]);
        let first_name = broken[0]["name"].as_str().expect("name").to_owned();
        broken[0]["status"] = json!("open");
        broken[0]["description"] = json!("Changed, but must not be saved");
        broken[2]["phones"] = json!([{ "id": "p", "number": "ring us", "type": "voice" }]);
        let (brand_new, nobody) = (u("brand-new"), u("nobody"));
        broken.as_array_mut().expect("array").push(json!({
            "id": brand_new,
            "name": "Brand new",
            "status": "active",
            "organization_id": nobody,
            "minimum_age": "sixteen",
        }));
        std::fs::write(&file, broken.to_string()).expect("writes");
        let (ok, stdout, stderr) = server(&sample.database.url, &["import-hsds"], &file);
        assert!(!ok, "a file with faults fails");
        assert!(stdout.is_empty(), "{stdout}");
        let last = broken.as_array().map(Vec::len).expect("array");
        for expected in [
            format!("record 1 (id {first_id:?}, {first_name:?}), status: \"open\" should be one of active"),
            "record 3 (id".to_owned(),
            "phones[1].number: \"ring us\"".to_owned(),
            "phones[1].id: \"p\" should be a UUID".to_owned(),
            format!("record {last} (id {brand_new:?}, \"Brand new\"), minimum_age: should be a number"),
            format!("record {last} (id {brand_new:?}, \"Brand new\"), organization_id: {nobody:?} is not an organisation Village has"),
            "5 things are wrong".to_owned(),
            "Nothing was changed.".to_owned(),
        ] {
            assert!(stderr.contains(&expected), "expected {expected:?} in:\n{stderr}");
        }
        assert_eq!(
            store.services().await.expect("reads"),
            before,
            "nothing changed"
        );

        // Files that are not HSDS at all say what is wrong, and change nothing.
        for (text, says) in [
            ("[{\"id\": ", "is not valid JSON"),
            ("{\"services\": []}", "should hold HSDS services"),
        ] {
            std::fs::write(&file, text).expect("writes");
            let (ok, _, stderr) = server(&sample.database.url, &["import-hsds"], &file);
            assert!(!ok && stderr.contains(says), "{stderr}");
        }
        std::fs::write(
            &file,
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        )
        .expect("writes");
        let (ok, _, stderr) = server(&sample.database.url, &["import-hsds"], &file);
        assert!(
            !ok && stderr.contains("nested more than 128 levels"),
            "{stderr}"
        );
        // A file too big is refused before it is read.
        let huge = std::fs::File::create(&file).expect("creates");
        huge.set_len(65 * 1024 * 1024).expect("grows");
        let (ok, _, stderr) = server(&sample.database.url, &["import-hsds"], &file);
        assert!(
            !ok && stderr.contains("Village reads at most 64 MB"),
            "{stderr}"
        );
        assert_eq!(store.services().await.expect("reads"), before);

        store.close().await;
        sample.stop().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

#[test]
fn the_import_checks_dates_against_the_chosen_today_not_the_wall_clock() {
    run(async {
        let sample = sample_app().await;
        let scratch = scratch_dir();
        let file = scratch.join("directory.json");
        export(&sample.database.url, &file);
        let (database, store) = only_riverside(&scratch).await;
        // A day before the sample's latest confirmation: those are in the future.
        let output = Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("import-hsds")
            .arg(&file)
            .env("DATABASE_URL", &database.url)
            .env("VILLAGE_TODAY", "2026-10-15")
            .env("RUST_LOG", "warn")
            .output()
            .expect("the binary runs");
        assert!(!output.status.success());
        assert!(String::from_utf8_lossy(&output.stderr).contains("is in the future"));
        assert!(
            store.services().await.expect("reads").is_empty(),
            "nothing imported"
        );
        let (ok, _, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(ok, "{stderr}");
        database.drop_database().await;
        sample.stop().await;
    })
}

#[test]
fn a_service_that_says_nothing_about_cost_is_not_shown_as_free() {
    run(async {
        let scratch = scratch_dir();
        let (database, store) = only_riverside(&scratch).await;
        let service = |id: &str, name: &str, cost: Value| {
            let mut s = json!({
                "id": id,
                "name": name,
                "status": "active",
                "assured_date": "2026-10-01",
                "organization": { "id": u("sunrise"), "name": "Sunrise Trust", "description": "" },
                "organization_id": u("sunrise"),
                "service_areas": [{ "id": u("a"), "name": "Riverside" }],
            });
            if let (Some(map), Value::Object(cost)) = (s.as_object_mut(), cost) {
                map.extend(cost);
            }
            s
        };
        let file = scratch.join("services.json");
        let (unsaid, free_line) = (u("unsaid"), u("free-line"));
        let services = json!([
            service(&unsaid, "Quiet Line", json!({})),
            service(
                &free_line,
                "Free Line",
                json!({ "cost_options": [{ "id": u("c"), "option": "Free", "amount": 0, "currency": "GBP" }] })
            ),
        ]);
        std::fs::write(&file, services.to_string()).expect("writes");
        let (ok, _, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(ok, "{stderr}");
        store.close().await;

        let app = crate::helpers::spawn_app_on(scratch.clone(), database, |_| {}).await;
        let quiet = app
            .get(&format!("/help/{unsaid}"))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            quiet.contains("Not known: ask the service about cost"),
            "{quiet}"
        );
        assert!(!quiet.contains("<dd>Free</dd>"));
        let (_, api) = crate::helpers::json(&app, &format!("/api/v1/services/{unsaid}")).await;
        assert_eq!(api["cost"], json!({ "kind": "not_known" }));
        let (_, api) = crate::helpers::json(&app, &format!("/api/v1/services/{free_line}")).await;
        assert_eq!(api["cost"], json!({ "kind": "free" }));
        let free = app
            .get(&format!("/help/{free_line}"))
            .await
            .text()
            .await
            .expect("page");
        assert!(free.contains("<dd>Free</dd>"));
        let filtered = app
            .get("/help?area=sample-riverside&free=1")
            .await
            .text()
            .await
            .expect("page");
        assert!(filtered.contains("Free Line"));
        assert!(
            !filtered.contains("Quiet Line"),
            "the Free filter finds only what a source said is free"
        );
        // Written back out, not known is still said by saying nothing.
        let exported = export(&app.database.url, &scratch.join("out.json"));
        let quiet = exported
            .as_array()
            .and_then(|all| all.iter().find(|s| village_id(s) == unsaid))
            .expect("exported");
        assert!(quiet.get("cost_options").is_none() && quiet.get("fees_description").is_none());
        app.stop().await;
    })
}

/// A council's Family Hub listing of a weekly stay and play, with no
/// Village attributes.
fn council_stay_and_play() -> Value {
    json!({
        "id": "5D0C7B7E-1E0A-4C55-9E3B-2C7A1F4D9B10",
        "name": "Stay and Play at Millside",
        "description": "Songs, toys and a chat for parents and babies.",
        "status": "active",
        "assured_date": "2026-10-01",
        "organization": {
            "id": u("hub"),
            "name": "Riverside Family Hubs",
            "description": "The council's family hubs.",
        },
        "phones": [{ "id": u("phone"), "number": "0114 496 0000" }],
        "languages": [{ "id": u("en"), "name": "English" }],
        "cost_options": [{ "id": u("cost"), "option": "Free", "amount": 0, "currency": "GBP" }],
        "schedules": [{
            "id": u("tuesdays"), "freq": "WEEKLY", "byday": "TU", "dtstart": "2026-09-08",
            "opens_at": "09:30:00+00:00", "closes_at": "11:00:00+00:00",
        }],
        "service_areas": [{ "id": u("area"), "name": "Riverside" }],
        "service_at_locations": [{
            "id": u("sal"),
            "location": {
                "id": u("hub-location"),
                "location_type": "physical",
                "name": "Millside Family Hub",
                "addresses": [{
                    "id": u("address"), "address_1": "2 Mill Road", "city": "Riverside",
                    "state_province": "", "postal_code": "RV2 3CD", "country": "GB",
                    "address_type": "physical",
                }],
            },
        }],
    })
}

#[test]
fn a_councils_group_comes_in_as_a_group_on_this_week_and_a_bad_one_changes_nothing() {
    run(async {
        let scratch = scratch_dir();
        let file = scratch.join("hubs.json");
        let (database, store) = only_riverside(&scratch).await;

        // One fault in the group: nothing at all is written.
        let mut bad = council_stay_and_play();
        bad["schedules"][0]["byday"] = json!("Tuesdays");
        std::fs::write(&file, json!([bad]).to_string()).expect("writes");
        let (ok, _, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(!ok);
        assert!(
            stderr.contains("record 1 (id \"5D0C7B7E-1E0A-4C55-9E3B-2C7A1F4D9B10\", \"Stay and Play at Millside\"), schedules[1].byday: \"TUESDAYS\" is not a day"),
            "{stderr}"
        );
        assert!(store.groups().await.expect("reads").is_empty());
        assert!(store.venue_records(None).await.expect("reads").is_empty());

        std::fs::write(&file, json!([council_stay_and_play()]).to_string()).expect("writes");
        let (ok, stdout, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(ok, "{stderr}");
        assert!(
            stdout.contains("Imported 1 groups: 1 new, 0 updated.")
                && stdout.contains("Read as groups, as their schedules are sessions of at most 4 hours: \"Stay and Play at Millside\""),
            "{stdout}"
        );
        // Listed once: imported again, it keeps the day it was first listed
        // (so an area's feed does not announce it as new twice).
        let listed_on =
            |groups: Vec<village_core::calendar::Group>| groups.first().and_then(|g| g.listed_on);
        assert!(listed_on(store.groups().await.expect("reads")).is_some());
        let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("a day");
        let sql = "UPDATE peer_groups SET listed_on = $1";
        match store.pool() {
            app::storage::Pool::Sqlite(pool) => {
                sqlx::query(sql).bind(first).execute(pool).await.map(|_| ())
            }
            app::storage::Pool::Postgres(pool) => {
                sqlx::query(sql).bind(first).execute(pool).await.map(|_| ())
            }
        }
        .expect("updates");
        let (ok, stdout, stderr) = server(&database.url, &["import-hsds"], &file);
        assert!(
            ok && stdout.contains("0 new, 1 updated"),
            "{stdout}{stderr}"
        );
        assert_eq!(listed_on(store.groups().await.expect("reads")), Some(first));
        store.close().await;

        let app = crate::helpers::spawn_app_on(scratch.clone(), database, |_| {}).await;
        let week = app
            .get("/?area=sample-riverside")
            .await
            .text()
            .await
            .expect("a page");
        assert!(week.contains("Stay and Play at Millside"), "on This week");
        let page = app
            .get("/groups/5d0c7b7e-1e0a-4c55-9e3b-2c7a1f4d9b10")
            .await
            .text()
            .await
            .expect("a page");
        for said in [
            "Millside Family Hub",
            "RV2 3CD",
            "Free",
            "Riverside Family Hubs",
            "0114 496 0000",
        ] {
            assert!(page.contains(said), "{said} on the group's page");
        }
        // What the council did not say is not known, not invented.
        assert!(
            page.contains("ask the organiser whether to book"),
            "booking not known"
        );
        app.stop().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

#[test]
fn an_import_that_fails_while_writing_leaves_nothing_half_written() {
    run(async {
        let scratch = scratch_dir();
        let (database, store) = only_riverside(&scratch).await;
        let areas = [(
            AreaId::parse("sample-riverside").expect("id"),
            "Riverside".to_owned(),
        )];
        let known = village_core::directory::hsds::Known {
            areas: &areas,
            organisations: &[],
            today: crate::helpers::today(),
            area_map: &[],
            venues: &[],
        };
        let text = json!([council_stay_and_play()]).to_string();
        let mut contents = village_core::directory::hsds::read(&text, &known).expect("reads");
        // A second group run by an organisation the database does not have
        // (and the file does not give): its write fails after the first
        // group, its venue and its organisation were written.
        let mut orphan = contents.groups[0].clone();
        orphan.group.id = village_core::calendar::GroupId::parse("orphan").expect("id");
        orphan.organisation_id = "nobody".to_owned();
        orphan.group.organisation_id = "nobody".to_owned();
        orphan.organisation = None;
        orphan.venue_id = Some("orphan-venue".to_owned());
        contents.groups.push(orphan);
        assert!(store
            .import_file(&contents, app::directory::db::Existing::Update)
            .await
            .is_err());
        assert!(store.groups().await.expect("reads").is_empty(), "no group");
        assert!(
            store.venue_records(None).await.expect("reads").is_empty(),
            "no venue"
        );
        assert!(
            store
                .organisations()
                .await
                .expect("reads")
                .iter()
                .all(|o| o.name != "Riverside Family Hubs"),
            "no organisation"
        );
        contents.groups.pop();
        store
            .import_file(&contents, app::directory::db::Existing::Update)
            .await
            .expect("the good part imports");
        assert_eq!(store.groups().await.expect("reads").len(), 1);
        store.close().await;
        database.drop_database().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

/// `--only services` and `--only groups` write one half each, and the two
/// halves are the whole file: a national directory's services can be moved
/// on their own, under the importer's size limit.
#[test]
fn export_writes_only_the_services_or_only_the_groups_when_asked() {
    run(async {
        let sample = sample_app().await;
        let scratch = scratch_dir();
        let whole = export(&sample.database.url, &scratch.join("whole.json"));
        let half = |only: &str| {
            let file = scratch.join(format!("{only}.json"));
            let (ok, _, stderr) = server(
                &sample.database.url,
                &["export-hsds", "--only", only],
                &file,
            );
            assert!(ok, "{stderr}");
            let text = std::fs::read_to_string(&file).expect("reads");
            assert!(!text.contains("\n  "), "written compact");
            serde_json::from_str::<Value>(&text).expect("JSON")
        };
        let is_group = |r: &Value| r.to_string().contains("\"value\":\"group\"");
        let services = half("services");
        let groups = half("groups");
        let services = services.as_array().expect("an array");
        let groups = groups.as_array().expect("an array");
        assert!(!services.is_empty() && !services.iter().any(is_group));
        assert!(!groups.is_empty() && groups.iter().all(is_group));
        let mut both: Vec<Value> = services.iter().chain(groups).cloned().collect();
        let mut all = whole.as_array().expect("an array").clone();
        let key = |r: &Value| r["id"].as_str().unwrap_or_default().to_owned();
        both.sort_by_key(key);
        all.sort_by_key(key);
        assert_eq!(both, all);
        let (ok, _, stderr) = server(
            &sample.database.url,
            &["export-hsds", "--only", "everything"],
            &scratch.join("x.json"),
        );
        assert!(!ok && stderr.contains("everything"), "{stderr}");
        sample.stop().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}
