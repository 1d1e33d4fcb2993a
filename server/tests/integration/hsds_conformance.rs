//! Village's HSDS export against the official Open Referral HSDS 3.0
//! compiled schemas, and the UK profile's, read where they are kept outside
//! the repository (`../shared/data/hsds-official/`, or the folder
//! `HSDS_SCHEMA_DIR` names: it holds `3.0/` and `uk-profile/` as
//! openreferral/specification and OpenReferralUK/uk-profile publish them).
//! Where they are absent the tests say so and pass without checking.
//!
//! The check is the official one: as the specification's own CI does, every
//! object is closed (`additionalProperties: false` everywhere), and formats
//! (`uuid`, `uri`, `email`, `date-time`) are checked.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

use crate::helpers::{run, sample_app, scratch_dir};

fn schema_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("HSDS_SCHEMA_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/hsds-official"),
        PathBuf::from,
    );
    if dir.join("3.0/schema/compiled/service.json").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: the official HSDS schemas are not at {}; set HSDS_SCHEMA_DIR to a folder holding 3.0/ (openreferral/specification) and uk-profile/ (OpenReferralUK/uk-profile)",
            dir.display()
        );
        None
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("reads")).expect("JSON")
}

/// Every object schema closed, as the specification's CI compiles them.
fn closed(mut schema: Value) -> Value {
    fn close(node: &mut Value) {
        match node {
            Value::Object(map) => {
                if map.contains_key("properties") {
                    map.insert("additionalProperties".into(), json!(false));
                }
                map.values_mut().for_each(close);
            }
            Value::Array(items) => items.iter_mut().for_each(close),
            _ => {}
        }
    }
    close(&mut schema);
    schema
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the official schema compiles")
}

/// Every violation: "where: what".
fn violations(validator: &jsonschema::Validator, service: &Value) -> Vec<String> {
    validator
        .iter_errors(service)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The sample directory as `server export-hsds` writes it.
fn exported(url: &str, scratch: &Path) -> Value {
    exported_on(url, scratch, crate::helpers::today())
}

/// The export as written on `day` (its times carry that day's offset).
fn exported_on(url: &str, scratch: &Path, day: chrono::NaiveDate) -> Value {
    let file = scratch.join("export.json");
    let (ok, _, stderr) = crate::import_hsds::server_on(url, &["export-hsds"], &file, day);
    assert!(ok, "{stderr}");
    read_json(&file)
}

#[test]
fn the_export_validates_against_the_official_hsds_schema() {
    let Some(dir) = schema_dir() else {
        return;
    };
    let official = validator(&closed(read_json(
        &dir.join("3.0/schema/compiled/service.json"),
    )));
    // The check can pass: the specification's own example does.
    let example = read_json(&dir.join("3.0/examples/service_full.json"));
    assert_eq!(violations(&official, &example), Vec::<String>::new());
    run(async {
        let sample = sample_app().await;
        let scratch = scratch_dir();
        let file = exported(&sample.database.url, &scratch);
        let services = file.as_array().expect("an array");
        assert!(services.len() >= 20, "{}", services.len());
        // The sample's groups are in it too, with their times, as services.
        let groups: Vec<&Value> = services
            .iter()
            .filter(|s| {
                s["attributes"].as_array().is_some_and(|all| {
                    all.iter()
                        .any(|a| a["link_type"] == "kind" && a["value"] == "group")
                })
            })
            .collect();
        assert!(groups.len() >= 10, "{} groups", groups.len());
        assert!(groups
            .iter()
            .all(|g| g["schedules"].as_array().is_some_and(|s| !s.is_empty())));
        let mut all = Vec::new();
        for service in services {
            for v in violations(&official, service) {
                all.push(format!("{}: {v}", service["name"]));
            }
        }
        assert!(
            all.is_empty(),
            "{} violations: {:#?}",
            all.len(),
            &all[..all.len().min(20)]
        );

        // And it can fail: a readable id where HSDS wants a UUID, an address
        // without its county, a field HSDS does not have.
        let mut broken = services[0].clone();
        broken["id"] = json!("emergency-999");
        broken["village_area_id"] = json!("sample-riverside");
        let found = violations(&official, &broken);
        assert!(found.iter().any(|v| v.starts_with("/id:")), "{found:?}");
        assert!(
            found.iter().any(|v| v.contains("village_area_id")),
            "{found:?}"
        );

        // Ids are the same in every export.
        let again = exported(&sample.database.url, &scratch);
        assert_eq!(again, file);
        // In summer the times carry British Summer Time, and still validate.
        let summer = exported_on(
            &sample.database.url,
            &scratch,
            chrono::NaiveDate::from_ymd_opt(2027, 7, 1).expect("a day"),
        );
        assert!(summer.to_string().contains("+01:00\""));
        for service in summer.as_array().expect("an array") {
            assert_eq!(violations(&official, service), Vec::<String>::new());
        }
        sample.stop().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

/// What the UK profile's service schema has no field for, of what Village
/// writes: the README's HSDS section lists the same.
const NOT_IN_UK_PROFILE: [&str; 18] = [
    "application_process",
    "attributes[].link_entity",
    "attributes[].value",
    "cost_options[].currency",
    "eligibility_description",
    "fees_description",
    "languages[].name",
    "organization.attributes[].link_entity",
    "organization.attributes[].value",
    "phones",
    "schedules[].attributes",
    "schedules[].timezone",
    "schedules[].wkst",
    "service_areas[].description",
    "service_at_locations[].location.attributes[].link_entity",
    "service_at_locations[].location.attributes[].value",
    "service_at_locations[].location.transportation",
    "service_at_locations[].location.url",
];

/// The fields of `value` that `schema` has no property for, as paths
/// (`schedules[].wkst`), taking them out of `value` as it goes.
fn take_unknown(value: &mut Value, schema: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match properties.get(&key) {
                    None => {
                        map.remove(&key);
                        out.push(here);
                    }
                    Some(inner) => {
                        if let Some(child) = map.get_mut(&key) {
                            take_unknown(child, inner, &here, out);
                        }
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(inner) = schema.get("items") {
                for item in items {
                    take_unknown(item, inner, &format!("{path}[]"), out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn against_the_uk_profile_only_the_fields_it_removes_differ() {
    let Some(dir) = schema_dir() else {
        return;
    };
    let profile_path = dir.join("uk-profile/schema/compiled/service.json");
    if !profile_path.is_file() {
        eprintln!("skipped: no UK profile at {}", profile_path.display());
        return;
    }
    let profile = read_json(&profile_path);
    let uk = validator(&closed(profile.clone()));
    let example = read_json(&dir.join("uk-profile/examples/service_full.json"));
    assert_eq!(violations(&uk, &example), Vec::<String>::new());
    run(async {
        let sample = sample_app().await;
        let scratch = scratch_dir();
        let file = exported(&sample.database.url, &scratch);
        let mut missing = std::collections::BTreeSet::new();
        for service in file.as_array().expect("an array") {
            let mut trimmed = service.clone();
            let mut unknown = Vec::new();
            take_unknown(&mut trimmed, &profile, "", &mut unknown);
            missing.extend(unknown);
            // Without what the profile removes, the rest is valid UK HSDS.
            assert_eq!(
                violations(&uk, &trimmed),
                Vec::<String>::new(),
                "{}",
                service["name"]
            );
        }
        let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
        assert_eq!(missing, NOT_IN_UK_PROFILE);
        sample.stop().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}

#[test]
fn village_knows_the_type_of_every_field_the_official_schemas_define() {
    let Some(dir) = schema_dir() else {
        return;
    };
    use village_core::directory::hsds::shape;
    fn walk(node: &Value, out: &mut Vec<(String, &'static str)>) {
        let Some(properties) = node.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, field) in properties {
            let kind = match field["type"].as_str() {
                Some("array") => {
                    walk(&field["items"], out);
                    "a list of objects"
                }
                Some("object") => {
                    walk(field, out);
                    "an object"
                }
                Some("number" | "integer") => "a number",
                _ => "text",
            };
            out.push((name.clone(), kind));
        }
    }
    let mut defined = Vec::new();
    for file in ["service.json", "organization.json"] {
        walk(
            &read_json(&dir.join("3.0/schema/compiled").join(file)),
            &mut defined,
        );
    }
    // What each object requires, and the lists of values, agree too.
    fn requires(node: &Value, holder: &str, checked: &mut usize) {
        let Some(properties) = node.get("properties").and_then(Value::as_object) else {
            return;
        };
        let mut wanted: Vec<&str> = node["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut ours = shape::required_in(holder).to_vec();
        wanted.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, wanted, "required in {holder}");
        *checked += 1;
        for (name, field) in properties {
            // The same format for a field wherever it is, and Village knows it.
            let ours = shape::format_of(holder, name).map(|format| format.name());
            assert_eq!(ours, field["format"].as_str(), "the format of {name}");
            if let Some(values) = field["enum"].as_array() {
                let values: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
                let ours = shape::ENUMS
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.to_vec());
                assert_eq!(ours, Some(values), "the values of {name}");
            }
            match field["type"].as_str() {
                Some("array") => requires(&field["items"], name, checked),
                Some("object") => requires(field, name, checked),
                _ => {}
            }
        }
    }
    let mut checked = 0;
    for (file, holder) in [
        ("service.json", "service"),
        ("organization.json", "organization"),
    ] {
        requires(
            &read_json(&dir.join("3.0/schema/compiled").join(file)),
            holder,
            &mut checked,
        );
    }
    assert!(checked > 100, "{checked}");
    assert!(defined.len() > 1000, "{}", defined.len());
    for (name, kind) in &defined {
        assert_eq!(shape::kind_of(name), Some(*kind), "{name}");
    }
    // And nothing more: every name Village types is one HSDS defines.
    for name in shape::LISTS
        .iter()
        .chain(&shape::OBJECTS)
        .chain(&shape::NUMBERS)
        .chain(&shape::TEXTS)
    {
        assert!(defined.iter().any(|(n, _)| n == name), "{name}");
    }
}

/// `server import-hsds` on a file: (succeeded, stdout, stderr).
fn import(url: &str, file: &Path) -> (bool, String, String) {
    crate::import_hsds::server(url, &["import-hsds"], file)
}

#[test]
fn the_official_examples_come_in_as_published_and_a_wrong_type_anywhere_is_refused() {
    let Some(dir) = schema_dir() else {
        return;
    };
    run(async {
        let scratch = scratch_dir();
        let database = crate::helpers::fresh_database(&scratch).await;
        for example in [
            "3.0/examples/service_full.json",
            "3.0/examples/service_list.json",
            "3.0/examples/organization_full.json",
            "uk-profile/examples/service_full.json",
        ] {
            let (ok, stdout, stderr) = import(&database.url, &dir.join(example));
            assert!(ok, "{example}: {stderr}");
            assert!(
                stdout.contains("Imported 1 services"),
                "{example}: {stdout}"
            );
        }
        let (_, stdout, _) = import(&database.url, &dir.join("3.0/examples/service_full.json"));
        assert!(
            stdout.contains("schedules[1]: it ended on 2005-01-01, so its hours are not shown"),
            "{stdout}"
        );
        assert!(stdout.contains("matches no Village area: kept"), "{stdout}");
        assert!(stdout.contains("Not kept (Village has nowhere to show them):"));
        assert!(stdout.contains("\n  wait_time (1)"), "{stdout}");

        let store = server::database::open(&database.url).await.expect("opens");
        let services = store.services().await.expect("reads");
        let counselling = services
            .iter()
            .find(|s| s.id.as_str() == "ac148810-d857-441c-9679-408f346de14b")
            .expect("imported");
        assert_eq!(
            counselling.hours,
            village_core::directory::Hours::Unknown,
            "hours that ended in 2005 are not today's"
        );
        assert!(!counselling.is_national() && counselling.areas.is_empty());
        assert_eq!(counselling.phones[0].number.written(), "+44 1234 234567");

        // The official example with one wrong type, in a field Village does
        // not keep: refused, that fault named, nothing changed.
        let mut broken = read_json(&dir.join("3.0/examples/service_full.json"));
        broken["minimum_age"] = json!("sixteen");
        broken["name"] = json!("Changed");
        let file = scratch.join("broken.json");
        std::fs::write(&file, broken.to_string()).expect("writes");
        let (ok, _, stderr) = import(&database.url, &file);
        assert!(!ok);
        assert!(
            stderr.contains("minimum_age: should be a number"),
            "{stderr}"
        );
        assert!(stderr.contains("Nothing was changed."));
        let after = store.services().await.expect("reads");
        assert_eq!(after, services);

        // Mapped to an area Village has, the kept area becomes that area.
        let area = village_core::AreaId::parse("mycity").expect("an id");
        store
            .insert_area(&area, "My City", village_core::Nation::England, false)
            .await
            .expect("inserts");
        let map = scratch.join("map.json");
        let said = counselling.other_areas[0].clone();
        std::fs::write(&map, json!({ said: "mycity" }).to_string()).expect("writes");
        let map_arg = map.display().to_string();
        let (ok, _, stderr) = crate::import_hsds::server(
            &database.url,
            &["import-hsds", "--area-map", &map_arg],
            &dir.join("3.0/examples/service_full.json"),
        );
        assert!(ok, "{stderr}");
        let mapped = store.services().await.expect("reads");
        let counselling = mapped
            .iter()
            .find(|s| s.id.as_str() == "ac148810-d857-441c-9679-408f346de14b")
            .expect("imported");
        assert_eq!(counselling.areas, [area]);
        assert!(counselling.other_areas.is_empty());

        store.close().await;
        database.drop_database().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}
