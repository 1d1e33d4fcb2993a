use chrono::{NaiveDate, NaiveTime, Weekday};
use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::{
    directory::{
        Audience, Hours, Mode, Opening, Place, Referral, ServiceCost, ServiceId, ServicePhone,
        Stage, Status, Topic,
    },
    AreaId, PhoneNumber,
};

/// A UUID for a test's record, as HSDS 3 asks.
fn u(name: &str) -> String {
    uuid_for(&format!("test:{name}"))
}

/// Reads the services of a file (these tests' files hold no groups).
fn read(text: &str, known: &Known) -> Result<Vec<Record>, ReadError> {
    super::read(text, known).map(|contents| {
        assert!(contents.groups.is_empty(), "read a group");
        contents.services
    })
}

/// Writes a file of these services.
fn write(
    records: &[Record],
    area_name: impl Fn(&AreaId) -> Option<String>,
    today: NaiveDate,
) -> Value {
    let contents = Contents {
        services: records.to_vec(),
        groups: Vec::new(),
    };
    super::write(&contents, area_name, today)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("day")
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

fn areas() -> Vec<(AreaId, String)> {
    vec![
        (
            AreaId::parse("riverside").expect("id"),
            "Riverside".to_owned(),
        ),
        (
            AreaId::parse("millbrook").expect("id"),
            "Millbrook".to_owned(),
        ),
    ]
}

fn known<'a>(areas: &'a [(AreaId, String)], organisations: &'a [(String, String)]) -> Known<'a> {
    Known {
        areas,
        organisations,
        today: day(2026, 11, 30),
        area_map: &[],
        venues: &[],
    }
}

fn organisation() -> OrganisationDetails {
    OrganisationDetails::parse(
        "Riverside Parents",
        "Peer support.",
        Some("https://example.org"),
    )
    .expect("details")
}

/// A service using every field Village has.
fn full() -> Record {
    Record {
        organisation_id: "riverside-parents".to_owned(),
        organisation: Some(organisation()),
        service: Service {
            id: ServiceId::parse("peer-line").expect("id"),
            name: "Peer line".to_owned(),
            organisation: "Riverside Parents".to_owned(),
            description: "Talk to someone who has been there.".to_owned(),
            status: Status::Active,
            url: Some("https://example.org/peer-line".to_owned()),
            email: Some("hello@example.org".to_owned()),
            phones: vec![
                ServicePhone {
                    number: PhoneNumber::parse("07700 900123").expect("number"),
                    label: "Peer line".to_owned(),
                    call: true,
                    text: true,
                },
                ServicePhone {
                    number: PhoneNumber::parse("0808 157 0001").expect("number"),
                    label: "Text only".to_owned(),
                    call: false,
                    text: true,
                },
            ],
            referral: Referral::Yourself {
                steps: vec!["Call us.".to_owned(), "Say hello.".to_owned()],
            },
            audiences: vec![Audience::Mothers, Audience::Partners],
            stages: vec![Stage::Pregnancy, Stage::BirthToOne],
            modes: vec![Mode::Phone, Mode::Text, Mode::InPerson],
            topics: vec![Topic::PeerSupport, Topic::Anxiety],
            crisis: false,
            hours: Hours::Weekly(vec![
                Opening {
                    day: Weekday::Mon,
                    opens: at(9, 0),
                    closes: at(17, 0),
                },
                Opening {
                    day: Weekday::Tue,
                    opens: at(9, 0),
                    closes: at(17, 0),
                },
                Opening {
                    day: Weekday::Fri,
                    opens: at(22, 0),
                    closes: at(2, 0),
                },
            ]),
            hours_note: "Leave a message at other times.".to_owned(),
            hours_until: None,
            languages: vec!["English".to_owned(), "Polish".to_owned()],
            eligibility: "Parents in Riverside.".to_owned(),
            cost: ServiceCost::Free,
            place: Some(Place {
                name: "Family Hub".to_owned(),
                address: "12 Mill Street".to_owned(),
                address_2: String::new(),
                country: None,
                town: "Riverside".to_owned(),
                postcode: "RV1 3CD".to_owned(),
                accessibility: vec!["Step-free access".to_owned()],
            }),
            areas: vec![AreaId::parse("riverside").expect("id")],
            other_areas: Vec::new(),
            area_not_known: false,
            last_confirmed: Some(day(2026, 10, 1)),
            is_sample: true,
        },
    }
}

fn area_name(areas: &[(AreaId, String)]) -> impl Fn(&AreaId) -> Option<String> + '_ {
    |id| areas.iter().find(|(a, _)| a == id).map(|(_, n)| n.clone())
}

fn round_trip(records: &[Record]) -> Result<Vec<Record>, ReadError> {
    let areas = areas();
    let text = write(records, area_name(&areas), day(2026, 12, 7)).to_string();
    read(&text, &known(&areas, &[]))
}

fn faults_of(file: &Value, organisations: &[(String, String)]) -> Vec<Fault> {
    let areas = areas();
    match read(&file.to_string(), &known(&areas, organisations)) {
        Err(ReadError::Faults(faults)) => faults,
        other => panic!("expected faults, got {other:?}"),
    }
}

#[test]
fn writing_then_reading_gives_back_every_field() {
    let mut always = full();
    always.service.id = ServiceId::parse("crisis-line").expect("id");
    always.service.hours = Hours::Always;
    always.service.hours_note = String::new();
    always.service.crisis = true;
    always.service.cost = ServiceCost::Described("£5 a session".to_owned());
    always.service.referral = Referral::ReferredBy {
        who: "Your GP".to_owned(),
    };
    always.service.place = None;
    always.service.areas = Vec::new();
    let mut unknown = full();
    unknown.service.id = ServiceId::parse("quiet").expect("id");
    unknown.service.hours = Hours::Unknown;
    unknown.service.status = Status::TemporarilyClosed;
    unknown.service.cost = ServiceCost::NotKnown;
    let records = vec![full(), always, unknown];
    assert_eq!(round_trip(&records), Ok(records));
}

/// Files Village wrote before its attributes gave their term by id alone
/// carried the whole term in each; another tool may too. Both read the
/// same, and an attribute in someone else's taxonomy is still left alone.
#[test]
fn attributes_with_the_whole_term_read_as_those_with_its_id() {
    let areas = areas();
    let records = vec![full()];
    let mut file = write(&records, area_name(&areas), day(2026, 12, 7));
    for attribute in file[0]["attributes"]
        .as_array_mut()
        .expect("attributes")
        .iter_mut()
    {
        let code = attribute["link_type"].as_str().expect("code").to_owned();
        let kind = super::VillageAttribute::from_code(&code).expect("Village's");
        attribute["taxonomy_term"] = json!({
            "id": kind.term_id(), "code": code, "name": kind.label(),
            "description": kind.label(), "taxonomy": "village",
        });
        // What the term says wins over a link_type that says otherwise.
        attribute["link_type"] = json!("something-else");
    }
    file[0]["attributes"]
        .as_array_mut()
        .expect("attributes")
        .extend([
            json!({ "id": u("theirs"), "taxonomy_term_id": u("their-term"), "value": "x" }),
            // Someone else's term that happens to carry one of Village's ids.
            json!({
                "id": u("theirs-too"),
                "taxonomy_term_id": super::VillageAttribute::Crisis.term_id(),
                "taxonomy_term": {
                    "id": super::VillageAttribute::Crisis.term_id(), "code": "crisis",
                    "name": "Crisis", "description": "Crisis", "taxonomy": "someone-else",
                },
                "value": "yes",
            }),
        ]);
    assert_eq!(read(&file.to_string(), &known(&areas, &[])), Ok(records));
}

#[test]
fn the_file_is_hsds_shaped() {
    let areas = areas();
    let file = write(&[full()], area_name(&areas), day(2026, 12, 7));
    let s = &file[0];
    assert_eq!(s["application_process"], "Call us.\nSay hello.");
    assert_eq!(s["assured_date"], "2026-10-01");
    // Ids are UUIDs, the same in every export; Village's own travel as
    // attributes.
    assert_eq!(
        s["organization"]["id"],
        super::uuid_for("organization:riverside-parents")
    );
    assert_eq!(s["organization_id"], s["organization"]["id"]);
    assert_eq!(s["id"], super::uuid_for("service:peer-line"));
    assert_eq!(
        s["organization"]["attributes"][0]["value"],
        "riverside-parents"
    );
    assert_eq!(s["phones"].as_array().map(Vec::len), Some(3));
    assert_eq!(s["phones"][0]["type"], "voice");
    assert_eq!(s["phones"][1]["type"], "text");
    assert_eq!(s["schedules"][0]["byday"], "MO,TU");
    assert_eq!(
        s["schedules"][0]["opens_at"], "09:00+00:00",
        "GMT in December"
    );
    let summer = write(&[full()], area_name(&areas), day(2026, 7, 1));
    assert_eq!(summer[0]["schedules"][0]["opens_at"], "09:00+01:00", "BST");
    assert_eq!(
        s["schedules"][0]["description"],
        "Leave a message at other times."
    );
    assert_eq!(s["service_areas"][0]["name"], "Riverside");
    assert_eq!(
        s["service_at_locations"][0]["location"]["addresses"][0]["postal_code"],
        "RV1 3CD"
    );
    assert_eq!(s["cost_options"][0]["amount"], 0);
    let village: Vec<(&str, &str)> = s["attributes"]
        .as_array()
        .expect("attributes")
        .iter()
        .map(|a| {
            let code = a["link_type"].as_str().expect("code");
            let kind = super::VillageAttribute::from_code(code).expect("Village's");
            // The term by its id alone, which the reader knows.
            assert_eq!(a["taxonomy_term_id"], json!(kind.term_id()));
            assert!(a.get("taxonomy_term").is_none(), "{a}");
            assert_eq!(super::village_code(a), Some(code));
            (code, a["value"].as_str().expect("value"))
        })
        .collect();
    assert!(village.contains(&("self-referral", "yes")));
    assert!(village.contains(&("village-id", "peer-line")));
    assert!(
        !village.iter().any(|(code, _)| *code == "crisis"),
        "not a crisis service: nothing said"
    );
    assert!(village.contains(&("audience", "partners")));
    assert!(village.contains(&("sample", "yes")));
}

#[test]
fn the_paged_form_is_read_too() {
    let areas = areas();
    let page = json!({ "total_items": 1, "contents": write(&[full()], area_name(&areas), day(2026, 12, 7)) });
    assert_eq!(
        read(&page.to_string(), &known(&areas, &[])),
        Ok(vec![full()])
    );
}

#[test]
fn a_plain_hsds_record_from_elsewhere_is_understood() {
    let areas = areas();
    let file = json!([{
        "id": "3F2A9C1E-7B4D-4E8A-9F00-1A2B3C4D5E6F",
        "organization_id": uuid_for("organization:sunrise"),
        "name": "Sunrise Counselling",
        "status": "active",
        "assured_date": "2026-01-15",
        "application_process": "Ask your health visitor to refer you.",
        "phones": [
            { "id": u("p1"), "number": "0113 496 0000", "type": "voice" },
            { "id": u("p2"), "number": "0113 496 0001", "type": "fax" }
        ],
        "languages": [{ "id": u("l1"), "code": "cy" }],
        "cost_options": [{ "id": u("c1"), "option": "Per session", "amount": 20, "currency": "GBP" }],
        "schedules": [
            { "id": u("h1"), "freq": "MONTHLY", "byday": "1MO", "description": "First Monday of the month" },
            { "id": u("h2"), "freq": "WEEKLY", "byday": "WE", "opens_at": "09:00:00", "closes_at": "17:30:00" }
        ],
        "service_areas": [{ "id": u("a1"), "name": "millbrook" }],
        "service_at_locations": [{ "id": u("s1"), "location": { "id": u("o1"), "location_type": "virtual", "url": "https://example.org" } }],
        "attributes": [{ "id": u("t1"), "taxonomy_term": { "id": u("x"), "name": "X", "description": "X", "taxonomy": "other", "code": "x" }, "value": "ignored" }]
    }]);
    let orgs = vec![("sunrise".to_owned(), "Sunrise Trust".to_owned())];
    let records = read(&file.to_string(), &known(&areas, &orgs)).expect("reads");
    let s = &records[0].service;
    assert_eq!(s.id.as_str(), "3f2a9c1e-7b4d-4e8a-9f00-1a2b3c4d5e6f");
    assert_eq!(records[0].organisation, None);
    assert_eq!(s.organisation, "Sunrise Trust");
    assert_eq!(
        s.referral,
        Referral::ReferredBy {
            who: "Ask your health visitor to refer you.".to_owned()
        }
    );
    assert_eq!(s.phones.len(), 1, "the fax number is left out");
    assert_eq!(s.modes, vec![Mode::Phone], "modes follow the phones");
    assert_eq!(s.languages, vec!["cy".to_owned()]);
    assert_eq!(
        s.cost,
        ServiceCost::Described("£20.00 (Per session)".to_owned())
    );
    assert_eq!(
        s.hours,
        Hours::Weekly(vec![Opening {
            day: Weekday::Wed,
            opens: at(9, 0),
            closes: at(17, 30)
        }])
    );
    assert_eq!(s.hours_note, "First Monday of the month");
    assert_eq!(s.areas, vec![AreaId::parse("millbrook").expect("id")]);
    assert_eq!(s.place, None);
    assert!(s.audiences.is_empty() && !s.crisis && !s.is_sample);
}

#[test]
fn cost_is_free_only_when_the_file_says_so() {
    let areas = areas();
    let orgs = vec![("sunrise".to_owned(), "Sunrise Trust".to_owned())];
    let cost_of = |extra: Value| {
        let mut service = json!({
            "id": "3f2a9c1e-7b4d-4e8a-9f00-1a2b3c4d5e6f",
            "organization_id": uuid_for("organization:sunrise"),
            "name": "Sunrise Counselling",
            "status": "active",
            "assured_date": "2026-01-15",
        });
        if let (Some(map), Value::Object(extra)) = (service.as_object_mut(), extra) {
            map.extend(extra);
        }
        let records = read(&json!([service]).to_string(), &known(&areas, &orgs)).expect("reads");
        records[0].service.cost.clone()
    };
    assert_eq!(cost_of(json!({})), ServiceCost::NotKnown, "nothing said");
    assert_eq!(
        cost_of(json!({ "cost_options": [{ "id": u("c"), "option": "Per session" }] })),
        ServiceCost::Described("Per session".to_owned()),
        "an option with no amount is not free"
    );
    assert_eq!(
        cost_of(json!({ "cost_options": [{ "id": u("c"), "amount": 0, "currency": "GBP" }] })),
        ServiceCost::Free
    );
    assert_eq!(
        cost_of(json!({ "cost_options": [{ "id": u("c"), "option": "Free" }] })),
        ServiceCost::Free
    );
    assert_eq!(
        cost_of(
            json!({ "cost_options": [{ "id": u("c"), "amount": 0 }, { "id": u("d"), "option": "Ask" }] })
        ),
        ServiceCost::Described("Ask".to_owned())
    );
    // Written back, not known is said by saying nothing.
    let mut record = full();
    record.service.cost = ServiceCost::NotKnown;
    let file = write(&[record], area_name(&areas), day(2026, 12, 7));
    assert!(file[0].get("cost_options").is_none() && file[0].get("fees_description").is_none());
}

#[test]
fn a_confirmation_from_before_2000_is_refused_by_name() {
    let areas = areas();
    let mut file = write(&[full()], area_name(&areas), day(2026, 12, 7));
    file[0]["assured_date"] = json!("1999-12-31");
    let faults = faults_of(&file, &[]);
    assert_eq!(faults.len(), 1, "{faults:#?}");
    assert_eq!(faults[0].field, "assured_date");
    assert!(faults[0].why.contains("too long ago"), "{}", faults[0].why);
}

#[test]
fn every_fault_in_every_record_is_reported_with_its_record_and_field() {
    let areas = areas();
    let mut file = write(&[full()], area_name(&areas), day(2026, 12, 7));
    let good = file[0].clone();
    let mut bad = good.clone();
    // Village's own id travels as the first attribute, with its UUID.
    bad["attributes"][0]["value"] = json!("second");
    bad["id"] = json!(super::uuid_for("service:second"));
    bad["status"] = json!("open");
    bad["phones"][0]["number"] = json!("call us");
    bad["assured_date"] = json!("2027-01-01");
    bad["url"] = json!("javascript:alert(1)");
    bad["schedules"][0]["byday"] = json!("MO,XX");
    let audience = good["attributes"]
        .as_array()
        .and_then(|all| all.iter().position(|a| a["link_type"] == "audience"))
        .expect("an audience");
    bad["attributes"][audience]["value"] = json!("grandparents");
    bad["service_areas"][0]["uri"] = json!("urn:village:area:atlantis");
    let mut nameless = good.clone();
    nameless["attributes"][0]["value"] = json!("third");
    nameless["id"] = json!(super::uuid_for("service:third"));
    nameless.as_object_mut().expect("object").remove("name");
    nameless["organization"]["website"] = json!("not a website");
    let duplicate = good.clone();
    let array = file.as_array_mut().expect("array");
    array.extend([bad, nameless, duplicate, json!(42)]);
    let faults = faults_of(&file, &[]);
    let seen: Vec<(usize, &str)> = faults
        .iter()
        .map(|f| (f.record, f.field.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (2, "status"),
            (2, format!("attributes[{}].value", audience + 1).as_str()),
            (2, "url"),
            (2, "assured_date"),
            (2, "phones[1].number"),
            (2, "schedules[1].byday"),
            (3, "name"),
            (3, "organization.website"),
            (4, "id"),
            (5, "(record)"),
        ],
        "{faults:#?}"
    );
    let status = &faults[0];
    assert_eq!(status.id.as_deref(), Some("second"));
    assert_eq!(status.name.as_deref(), Some("Peer line"));
    assert!(status.why.contains("active"), "{}", status.why);
    assert!(faults[8].why.contains("record 1"), "{}", faults[8].why);
    let message = ReadError::Faults(faults).to_string();
    assert!(message.starts_with("10 things are wrong:"), "{message}");
    assert!(
        message.contains(
            "record 2 (id \"second\", \"Peer line\"), status: \"open\" should be one of active"
        ),
        "{message}"
    );
}

#[test]
fn an_unknown_organisation_must_come_with_its_details() {
    let areas = areas();
    let mut file = write(&[full()], area_name(&areas), day(2026, 12, 7));
    file[0]
        .as_object_mut()
        .expect("object")
        .remove("organization");
    let faults = faults_of(&file, &[]);
    assert_eq!(faults.len(), 1);
    assert_eq!(faults[0].field, "organization_id");
    let orgs = vec![(
        "riverside-parents".to_owned(),
        "Riverside Parents".to_owned(),
    )];
    let records = read(&file.to_string(), &known(&areas, &orgs)).expect("known organisation");
    assert_eq!(records[0].organisation, None);
}

#[test]
fn files_that_are_not_services_say_so() {
    let areas = areas();
    let k = known(&areas, &[]);
    assert_eq!(read("{\"services\": []}", &k), Err(ReadError::NotServices));
    assert_eq!(read("\"hello\"", &k), Err(ReadError::NotServices));
    assert_eq!(read("[]", &k), Ok(Vec::new()));
    match read("[{\"id\": }]", &k) {
        Err(ReadError::NotJson {
            line: 1, column, ..
        }) => assert!(column > 0),
        other => panic!("{other:?}"),
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(read(&deep, &k), Err(ReadError::TooDeep));
    let huge = " ".repeat(MAX_FILE_BYTES + 1);
    assert!(matches!(read(&huge, &k), Err(ReadError::TooLarge { .. })));
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Za-z0-9 ,.'£é-]{{0,{max}}}"))
        .expect("regex")
        .prop_map(|s| s.trim().to_owned())
}

fn line() -> impl Strategy<Value = String> {
    text(30).prop_filter("a line", |s| !s.is_empty())
}

fn codes<T: Copy + std::fmt::Debug + PartialEq + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    proptest::sample::subsequence(all, 0..=all.len())
}

fn opening() -> impl Strategy<Value = Opening> {
    (0..7usize, 0..24u32, 0..60u32, 0..24u32, 0..60u32)
        .prop_filter("opens and closes differ", |(_, a, b, c, d)| {
            (a, b) != (c, d)
        })
        .prop_map(|(d, oh, om, ch, cm)| Opening {
            day: DAYS[d].0,
            opens: at(oh, om),
            closes: at(ch, cm),
        })
}

fn arbitrary_service() -> impl Strategy<Value = Service> {
    let phones = proptest::collection::vec(((1_000u32..=9_999), text(20), any::<bool>()), 0..3)
        .prop_map(|ps| {
            let mut seen = Vec::new();
            ps.into_iter()
                .filter(|(n, _, _)| {
                    let fresh = !seen.contains(n);
                    seen.push(*n);
                    fresh
                })
                .map(|(n, label, both)| ServicePhone {
                    number: PhoneNumber::parse(&format!("07700 90{n}")).expect("number"),
                    label,
                    call: true,
                    text: both,
                })
                .collect::<Vec<_>>()
        });
    let hours = prop_oneof![
        Just(Hours::Always),
        Just(Hours::Unknown),
        proptest::collection::vec(opening(), 1..5).prop_map(Hours::Weekly),
    ];
    let referral = prop_oneof![
        proptest::collection::vec(line(), 0..4).prop_map(|steps| Referral::Yourself { steps }),
        line().prop_map(|who| Referral::ReferredBy { who }),
    ];
    let place = proptest::option::of(
        (
            line(),
            (text(30), text(30)),
            text(20),
            (
                text(8),
                proptest::option::of(
                    "[A-Z]{2}".prop_filter("the UK is None", |c| c != "GB" && c != "UK"),
                ),
            ),
            proptest::collection::vec(line(), 0..3),
        )
            .prop_map(
                |(name, (address, address_2), town, (postcode, country), accessibility)| Place {
                    name,
                    address,
                    address_2,
                    town,
                    postcode,
                    country,
                    accessibility,
                },
            ),
    );
    (
        (
            "[a-z][a-z0-9]{0,20}",
            line(),
            text(200),
            proptest::sample::select(Status::ALL.to_vec()),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            phones,
            referral,
            codes(&Audience::ALL),
            codes(&Stage::ALL),
            codes(&Mode::ALL),
            codes(&Topic::ALL),
        ),
        (
            hours,
            text(60),
            proptest::collection::vec("[A-Z][a-z]{2,10}", 0..3),
            text(60),
            prop_oneof![
                Just(ServiceCost::NotKnown),
                Just(ServiceCost::Free),
                line().prop_map(|w| ServiceCost::described(&w)),
            ],
            place,
        ),
        (
            codes(&[0usize, 1]),
            0u32..3_000,
            any::<bool>(),
            proptest::option::of(0u64..1_200),
        ),
    )
        .prop_map(
            |(
                (id, name, description, status, crisis, web),
                (phones, referral, audiences, stages, modes, topics),
                (hours, hours_note, languages, eligibility, cost, place),
                (areas, age, is_sample, ends_in),
            )| {
                // Hours that end: any day from the day it is read, across
                // the clock periods an export writes and their edges.
                let hours_until = ends_in
                    .filter(|_| hours != Hours::Unknown)
                    .map(|days| day(2026, 11, 30) + chrono::Days::new(days));
                let all_areas = self::areas();
                let mut languages_once: Vec<String> = Vec::new();
                for l in languages {
                    if !languages_once.iter().any(|k| k.eq_ignore_ascii_case(&l)) {
                        languages_once.push(l);
                    }
                }
                Service {
                    id: ServiceId::parse(&id).expect("id"),
                    name,
                    organisation: "Riverside Parents".to_owned(),
                    description,
                    status,
                    url: web.then(|| format!("https://example.org/{id}")),
                    email: web.then(|| format!("{id}@example.org")),
                    phones,
                    referral,
                    audiences,
                    stages,
                    modes,
                    topics,
                    crisis,
                    hours,
                    hours_note,
                    hours_until,
                    languages: languages_once,
                    eligibility,
                    cost,
                    place,
                    areas: areas.into_iter().map(|n| all_areas[n].0.clone()).collect(),
                    other_areas: Vec::new(),
                    area_not_known: false,
                    last_confirmed: Some(day(2026, 11, 30) - chrono::Days::new(u64::from(age))),
                    is_sample,
                }
            },
        )
}

/// Any JSON value, nested a few levels.
pub(super) fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::hash_map("[a-z_]{1,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a value inside `v`, as JSON pointers.
pub(super) fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(n, i)| pointers(i, format!("{at}/{n}"), out)),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, i)| pointers(i, format!("{at}/{k}"), out)),
        _ => {}
    }
}

proptest! {
    // `make fuzz` runs many more: PROPTEST_CASES=100000.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128),
    ))]

    #[test]
    fn export_then_import_is_the_identity(service in arbitrary_service()) {
        let record = Record {
            organisation_id: "riverside-parents".to_owned(),
            organisation: Some(organisation()),
            service,
        };
        prop_assert_eq!(round_trip(std::slice::from_ref(&record)), Ok(vec![record]));
    }

    /// The fuzzing of the reader: any JSON at all, in either shape, is read
    /// or refused with faults; it never panics.
    #[test]
    fn any_json_is_read_or_refused_without_panicking(value in arbitrary_json()) {
        let areas = areas();
        let k = known(&areas, &[]);
        let _ = read(&value.to_string(), &k);
        let _ = read(&json!([value.clone()]).to_string(), &k);
        let _ = read(&json!({ "contents": [value] }).to_string(), &k);
    }

    /// A good file with any one value replaced by any JSON: never a panic,
    /// and either a good read or faults that name record 1.
    #[test]
    fn a_good_file_with_one_value_changed_never_panics(
        service in arbitrary_service(),
        pick in any::<prop::sample::Index>(),
        replacement in arbitrary_json(),
    ) {
        let areas = areas();
        let record = Record { organisation_id: "riverside-parents".to_owned(), organisation: Some(organisation()), service };
        let mut file = write(&[record], area_name(&areas), day(2026, 12, 7));
        let mut all = Vec::new();
        pointers(&file, String::new(), &mut all);
        let pointer = pick.get(&all[1..]).clone();
        if let Some(slot) = file.pointer_mut(&pointer) {
            *slot = replacement;
        }
        match read(&file.to_string(), &known(&areas, &[])) {
            Ok(records) => prop_assert_eq!(records.len(), 1),
            Err(ReadError::Faults(faults)) => prop_assert!(faults.iter().all(|f| f.record == 1)),
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }

    #[test]
    fn any_text_is_read_or_refused_without_panicking(text in "\\PC{0,200}") {
        let areas = areas();
        let _ = read(&text, &known(&areas, &[]));
    }
}

/// A small service from elsewhere, as HSDS publishes them.
fn elsewhere(extra: Value) -> Value {
    let mut service = json!({
        "id": "AC148810-D857-441C-9679-408F346DE14B",
        "name": "Community Counselling",
        "status": "active",
        "organization_id": uuid_for("organization:sunrise"),
        "service_areas": [{ "id": u("uk"), "name": "United Kingdom" }],
    });
    if let (Some(map), Value::Object(extra)) = (service.as_object_mut(), extra) {
        map.extend(extra);
    }
    service
}

fn read_one(file: &Value, area_map: &[(String, AreaId)]) -> (Service, Report) {
    read_one_with(file, area_map, day(2026, 11, 30))
}

fn read_one_on(file: &Value, today: NaiveDate) -> (Service, Report) {
    read_one_with(file, &[], today)
}

fn read_one_with(
    file: &Value,
    area_map: &[(String, AreaId)],
    today: NaiveDate,
) -> (Service, Report) {
    let areas = areas();
    let orgs = vec![
        ("sunrise".to_owned(), "Sunrise Trust".to_owned()),
        (
            "riverside-parents".to_owned(),
            "Riverside Parents".to_owned(),
        ),
    ];
    let known = Known {
        areas: &areas,
        organisations: &orgs,
        today,
        area_map,
        venues: &[],
    };
    let (contents, report) = read_reporting(&file.to_string(), &known).expect("reads");
    assert_eq!(contents.services.len(), 1);
    (contents.services[0].service.clone(), report)
}

#[test]
fn one_service_and_an_organization_with_its_services_come_in_as_published() {
    let (single, _) = read_one(&elsewhere(json!({})), &[]);
    assert_eq!(single.id.as_str(), "ac148810-d857-441c-9679-408f346de14b");
    let organization = json!({
        "id": u("sunrise-trust"),
        "name": "Sunrise Trust",
        "description": "A charity",
        "services": [{ "id": u("s1"), "name": "Peer line", "status": "active" }],
    });
    let areas = areas();
    let records = read(&organization.to_string(), &known(&areas, &[])).expect("reads");
    assert_eq!(records[0].organisation_id, u("sunrise-trust"));
    assert_eq!(records[0].service.organisation, "Sunrise Trust");
}

#[test]
fn optional_fields_are_never_required_and_nothing_is_invented() {
    let (service, _) = read_one(&elsewhere(json!({})), &[]);
    assert_eq!(service.last_confirmed, None, "not yet confirmed");
    assert!(service.is_unconfirmed());
    assert!(
        !service.is_stale(day(2026, 11, 30)),
        "never confirmed is not 'over a year'"
    );
    assert!(!service.referral.is_known(), "nobody said how to get it");
    assert_eq!(service.cost, ServiceCost::NotKnown);
    assert_eq!(service.hours, Hours::Unknown);
    assert!(service.is_national(), "the United Kingdom is national");
    // No service area: where it serves is not known, not national.
    let mut nowhere = elsewhere(json!({}));
    nowhere.as_object_mut().map(|m| m.remove("service_areas"));
    let (service, report) = read_one(&nowhere, &[]);
    assert!(service.area_not_known && !service.is_national());
    assert!(report.notes[0].contains("does not say where it serves"));
    let areas = areas();
    let written = write(
        &[Record {
            organisation_id: "sunrise".to_owned(),
            organisation: None,
            service: service.clone(),
        }],
        area_name(&areas),
        day(2026, 12, 7),
    );
    assert_eq!(
        written[0]["service_areas"],
        json!([]),
        "said by saying nothing"
    );
    let everywhere = [("*".to_owned(), AreaId::parse("riverside").expect("id"))];
    let (mapped, _) = read_one(&nowhere, &everywhere);
    assert_eq!(mapped.areas, [AreaId::parse("riverside").expect("id")]);
    assert!(!mapped.area_not_known);
    // A language with neither name nor code says nothing.
    let (service, _) = read_one(&elsewhere(json!({ "languages": [{ "id": u("x") }] })), &[]);
    assert!(service.languages.is_empty());
}

#[test]
fn hours_that_ended_are_not_current_and_the_same_hours_twice_are_once() {
    let schedule = |valid_to: &str| {
        json!({ "id": u("h"), "freq": "WEEKLY", "byday": "TH,FR", "opens_at": "10:00:00",
                "closes_at": "18:00:00", "valid_to": valid_to, "description": "Weekdays" })
    };
    let twice = elsewhere(json!({
        "schedules": [schedule("2027-12-31")],
        "service_at_locations": [{ "id": u("at"), "schedules": [schedule("2027-12-31")] }],
    }));
    let (service, report) = read_one(&twice, &[]);
    assert_eq!(
        service.hours,
        Hours::Weekly(vec![
            Opening {
                day: Weekday::Thu,
                opens: at(10, 0),
                closes: at(18, 0)
            },
            Opening {
                day: Weekday::Fri,
                opens: at(10, 0),
                closes: at(18, 0)
            },
        ])
    );
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    // The hours hold until their end, and are not known after it.
    assert_eq!(service.hours_until, Some(day(2027, 12, 31)));
    assert_eq!(service.hours_on(day(2027, 12, 31)), &service.hours);
    assert_eq!(service.hours_on(day(2028, 1, 1)), &Hours::Unknown);
    let later = service.as_of(day(2028, 1, 1));
    assert_eq!(later.hours, Hours::Unknown);
    assert!(later.hours_note.is_empty());
    // Written back, the end travels as the last clock period's valid_to:
    // winter to 27 March 2027, summer to 30 October, then winter again.
    let record = Record {
        organisation_id: "sunrise".to_owned(),
        organisation: None,
        service: service.clone(),
    };
    let areas = areas();
    let written = write(&[record], area_name(&areas), day(2026, 12, 7));
    let periods: Vec<_> = written[0]["schedules"]
        .as_array()
        .expect("schedules")
        .iter()
        .map(|s| {
            (
                s["valid_from"].as_str(),
                s["valid_to"].as_str(),
                s["opens_at"].as_str(),
                s["timezone"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            (None, Some("2027-03-27"), Some("10:00+00:00"), Some(0)),
            (
                Some("2027-03-28"),
                Some("2027-10-30"),
                Some("10:00+01:00"),
                Some(1)
            ),
            (
                Some("2027-10-31"),
                Some("2027-12-31"),
                Some("10:00+00:00"),
                Some(0)
            ),
        ]
    );
    assert_eq!(
        read_one(&written[0], &[]).0.hours_until,
        Some(day(2027, 12, 31))
    );
    let ended = elsewhere(json!({ "schedules": [schedule("2005-01-01")] }));
    let (service, report) = read_one(&ended, &[]);
    assert_eq!(service.hours, Hours::Unknown);
    assert!(
        service.hours_note.is_empty(),
        "an ended schedule's words are not today's"
    );
    assert!(
        report.notes[0].contains("schedules[1]: it ended on 2005-01-01"),
        "{:?}",
        report.notes
    );
    let counted = elsewhere(
        json!({ "schedules": [{ "id": u("c"), "freq": "WEEKLY", "byday": "MO",
        "opens_at": "10:00", "closes_at": "16:00", "dtstart": "2026-01-05", "count": 6 }] }),
    );
    let (service, report) = read_one(&counted, &[]);
    assert_eq!(service.hours, Hours::Unknown);
    assert!(report.notes[0].contains("its 6 sessions from 2026-01-05 are over"));
}

#[test]
fn areas_village_does_not_have_are_kept_reported_and_can_be_mapped() {
    let file = elsewhere(json!({ "service_areas": [{ "id": u("a"), "name": "MyCity" }] }));
    let (service, report) = read_one(&file, &[]);
    assert!(service.areas.is_empty());
    assert_eq!(service.other_areas, ["MyCity"]);
    assert!(!service.is_national(), "not shown everywhere");
    assert!(
        !service.serves(&AreaId::parse("riverside").expect("id")),
        "nor in any area"
    );
    assert!(report.notes[0].contains("\"MyCity\" matches no Village area: kept"));
    let map = [("mycity".to_owned(), AreaId::parse("riverside").expect("id"))];
    let (service, report) = read_one(&file, &map);
    assert_eq!(service.areas, [AreaId::parse("riverside").expect("id")]);
    assert!(service.other_areas.is_empty() && report.notes.is_empty());
    // Written and read back, a kept area is still kept.
    let record = Record {
        organisation_id: "sunrise".to_owned(),
        organisation: None,
        service: read_one(&file, &[]).0,
    };
    let areas = areas();
    let written = write(&[record], area_name(&areas), day(2026, 12, 7));
    let (back, _) = read_one(&written[0], &[]);
    assert_eq!(back.other_areas, ["MyCity"]);
}

#[test]
fn a_phones_faults_are_all_reported_at_once_and_quotes_are_not_part_of_a_number() {
    let file = elsewhere(json!({ "phones": [
        { "id": u("p1"), "number": "ring us", "description": 7 },
        { "id": u("p2"), "number": "\"+44 1234 234567\"", "description": "x".repeat(177) },
    ] }));
    let areas = areas();
    let orgs = vec![("sunrise".to_owned(), "Sunrise Trust".to_owned())];
    let faults = faults_of(&json!([file]), &orgs);
    let fields: Vec<&str> = faults.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["phones[1].description", "phones[1].number"]);
    let mut good = file.clone();
    good["phones"][0] = json!({ "id": u("p1"), "number": "0113 496 0000" });
    let records = read(&json!([good]).to_string(), &known(&areas, &orgs)).expect("reads");
    assert_eq!(records[0].service.phones.len(), 2);
    assert_eq!(
        records[0].service.phones[1].label.chars().count(),
        177,
        "long text is kept"
    );
}

#[test]
fn another_files_village_id_cannot_take_over_a_service() {
    let areas = areas();
    let mut file = write(&[full()], area_name(&areas), day(2026, 12, 7));
    // Someone else's record claims to be Village's peer-line.
    file[0]["id"] = json!("3f2a9c1e-7b4d-4e8a-9f00-1a2b3c4d5e6f");
    let faults = faults_of(&file, &[]);
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert_eq!(faults[0].field, "attributes");
    assert!(
        faults[0].why.contains("does not belong"),
        "{}",
        faults[0].why
    );
}

#[test]
fn a_hostile_record_reports_a_bounded_number_of_faults() {
    let phones: Vec<Value> = (0..10_000).map(|_| json!(0)).collect();
    let file = json!([elsewhere(json!({ "phones": phones }))]);
    let faults = faults_of(&file, &[("sunrise".to_owned(), "Sunrise Trust".to_owned())]);
    assert_eq!(faults.len(), 100);
}

#[test]
fn a_wrong_type_where_village_keeps_nothing_still_refuses_the_file() {
    let file = elsewhere(json!({ "minimum_age": "sixteen" }));
    let faults = faults_of(
        &json!([file]),
        &[("sunrise".to_owned(), "Sunrise Trust".to_owned())],
    );
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert_eq!(faults[0].field, "minimum_age");
    assert_eq!(faults[0].why, "should be a number");
}

#[test]
fn hours_are_written_once_for_each_clock_period_with_its_offset_and_read_back_as_one() {
    // Exported in summer: BST (+01:00) until 24 October 2026, GMT to 27
    // March 2027, then BST with no end, as the hours have none.
    let mut service = full().service;
    service.hours = Hours::Weekly(vec![Opening {
        day: Weekday::Mon,
        opens: at(9, 30),
        closes: at(12, 0),
    }]);
    service.hours_note = "Not on bank holidays".to_owned();
    let record = Record {
        organisation_id: "riverside-parents".to_owned(),
        organisation: None,
        service: service.clone(),
    };
    let areas = areas();
    let written = write(&[record], area_name(&areas), day(2026, 10, 2));
    let schedules = written[0]["schedules"].as_array().expect("schedules");
    let seen: Vec<_> = schedules
        .iter()
        .map(|s| {
            (
                s["valid_from"].as_str(),
                s["valid_to"].as_str(),
                s["opens_at"].as_str(),
                s["closes_at"].as_str(),
                s["timezone"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                None,
                Some("2026-10-24"),
                Some("09:30+01:00"),
                Some("12:00+01:00"),
                Some(1)
            ),
            (
                Some("2026-10-25"),
                Some("2027-03-27"),
                Some("09:30+00:00"),
                Some("12:00+00:00"),
                Some(0)
            ),
            (
                Some("2027-03-28"),
                None,
                Some("09:30+01:00"),
                Some("12:00+01:00"),
                Some(1)
            ),
        ]
    );
    // Ids hold for a period, whatever the day of the export.
    let again = write(
        &[Record {
            organisation_id: "riverside-parents".to_owned(),
            organisation: None,
            service: service.clone(),
        }],
        area_name(&areas),
        day(2026, 10, 20),
    );
    assert_eq!(again[0]["schedules"], written[0]["schedules"]);
    // Read back on a day in each period: the same hours, with no end and no
    // note about schedules that begin later.
    for today in [day(2026, 10, 2), day(2026, 12, 7), day(2027, 6, 1)] {
        let (read, report) = read_one_on(&written[0], today);
        assert_eq!(read.hours, service.hours, "on {today}");
        assert_eq!(read.hours_until, None, "on {today}");
        assert_eq!(read.hours_note, "Not on bank holidays");
        assert!(report.notes.is_empty(), "on {today}: {:?}", report.notes);
    }
    // A different time later on is not a continuation: it begins later.
    let mut changed = written[0].clone();
    changed["schedules"][1]["opens_at"] = json!("10:00+00:00");
    let (read, report) = read_one_on(&changed, day(2026, 10, 2));
    assert_eq!(read.hours_until, Some(day(2026, 10, 24)));
    assert_eq!(report.notes.len(), 2, "{:?}", report.notes);
}

#[test]
fn text_hsds_gives_a_format_must_be_in_it_anywhere_in_the_record() {
    let file = elsewhere(json!({
        "id": "peer-line",
        "url": "www.example.org",
        "email": "hello at example.org",
        "phones": [{ "id": u("p1"), "number": "0113 496 0000", "service_id": "7" }],
        "metadata": [{ "id": u("m1"), "resource_id": u("r"), "resource_type": "service",
                       "last_action_date": "2026-01-01", "last_action_type": "create",
                       "field_name": "", "previous_value": "", "replacement_value": "",
                       "updated_by": "someone" }],
        "organization": { "id": u("o"), "name": "Sunrise", "description": "x",
                          "website": "example.org", "organization_id": u("o") },
    }));
    let areas = areas();
    let Err(ReadError::Faults(faults)) = read(&file.to_string(), &known(&areas, &[])) else {
        panic!("a file with text in the wrong format is refused");
    };
    let said: Vec<(&str, &str)> = faults
        .iter()
        .map(|f| (f.field.as_str(), f.why.as_str()))
        .collect();
    for (field, why) in [
        ("id", "should be a UUID"),
        ("url", "should be a full web address"),
        ("email", "should be an email address"),
        ("phones[1].service_id", "should be a UUID"),
        ("organization.website", "should be a full web address"),
    ] {
        assert!(
            said.iter().any(|(f, w)| *f == field && w.contains(why)),
            "{field}: {why} in {said:?}"
        );
    }
}

#[test]
fn a_place_keeps_its_country_and_is_at_its_physical_address() {
    let place = |addresses: Value| {
        elsewhere(json!({
            "service_at_locations": [{ "id": u("at"), "location": {
                "id": u("l"), "location_type": "physical", "name": "Hall",
                "addresses": addresses } }],
        }))
    };
    let address = |kind: &str, line: &str, country: &str| {
        json!({ "id": u(line), "address_1": line, "city": "Dublin", "state_province": "",
                "postal_code": "D01", "country": country, "address_type": kind })
    };
    let (service, _) = read_one(
        &place(json!([
            address("postal", "PO Box 1", "IE"),
            address("physical", "1 Quay St", "ie")
        ])),
        &[],
    );
    let kept = service.place.clone().expect("a place");
    assert_eq!(
        kept.address, "1 Quay St",
        "the door people go to, not the post box"
    );
    assert_eq!(kept.country.as_deref(), Some("IE"));
    let record = Record {
        organisation_id: "sunrise".to_owned(),
        organisation: None,
        service,
    };
    let areas = areas();
    let written = write(&[record], area_name(&areas), day(2026, 12, 7));
    let address = &written[0]["service_at_locations"][0]["location"]["addresses"][0];
    assert_eq!(
        address["country"], "IE",
        "never GB when the file said otherwise"
    );
    // The United Kingdom is where places are unless said otherwise.
    let (uk, _) = read_one(&place(json!([address_in_uk()])), &[]);
    assert_eq!(uk.place.expect("a place").country, None);
    let (bad, _) = (
        read(
            &place(
                json!([{ "id": u("a"), "address_1": "1 High St", "city": "Leeds",
                            "state_province": "", "postal_code": "LS1", "country": "Britain" }]),
            )
            .to_string(),
            &known(
                &areas,
                &[("sunrise".to_owned(), "Sunrise Trust".to_owned())],
            ),
        ),
        (),
    );
    let Err(ReadError::Faults(faults)) = bad else {
        panic!("a country that is not a code is refused");
    };
    assert!(
        faults
            .iter()
            .any(|f| f.field.ends_with("addresses[1].country")
                && f.why.contains("two-letter country code")),
        "{faults:?}"
    );
}

fn address_in_uk() -> Value {
    json!({ "id": u("uk"), "address_1": "1 High St", "city": "Leeds", "state_province": "",
            "postal_code": "LS1 1AA", "country": "GB", "address_type": "physical" })
}

#[test]
fn many_schedules_are_read_in_linear_time_and_a_backwards_part_never_ends_todays_hours() {
    // 20,000 schedules ending on one day, and a chain of 20,000 daily parts
    // after it: each chain is walked once.
    let hours = |extra: Value| {
        let mut s = json!({ "id": u("h"), "freq": "WEEKLY", "byday": "MO",
                            "opens_at": "09:00", "closes_at": "17:00" });
        if let (Some(map), Value::Object(extra)) = (s.as_object_mut(), extra) {
            map.extend(extra);
        }
        s
    };
    let start = day(2026, 12, 31);
    let mut schedules: Vec<Value> = (0..20_000)
        .map(|_| hours(json!({ "valid_to": "2026-12-31" })))
        .collect();
    let mut from = start;
    for _ in 0..20_000 {
        let next = from.succ_opt().expect("a day");
        schedules.push(hours(
            json!({ "valid_from": next.to_string(), "valid_to": next.to_string() }),
        ));
        from = next;
    }
    let file = elsewhere(json!({ "schedules": schedules }));
    let began = std::time::Instant::now();
    let (service, _) = read_one(&file, &[]);
    assert!(
        began.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        began.elapsed()
    );
    assert_eq!(service.hours_until, Some(from));

    // A later part whose dates run backwards continues nothing: today's
    // hours hold to their own end.
    let file = elsewhere(json!({ "schedules": [
        hours(json!({ "valid_to": "2026-12-31" })),
        hours(json!({ "valid_from": "2027-01-01", "valid_to": "2020-01-01" })),
    ] }));
    let (service, _) = read_one(&file, &[]);
    assert_eq!(service.hours_until, Some(day(2026, 12, 31)));
    assert!(matches!(service.hours, Hours::Weekly(_)));
}

/// docs/open-referral.md lists every term's id, for people writing files
/// by hand or with other tools: the list must be the code's.
#[test]
fn the_documented_term_ids_are_the_ones_written() {
    let docs = include_str!("../../../../../docs/open-referral.md");
    for kind in super::VillageAttribute::ALL {
        let row = format!(
            "| `{}` | `{}` | {} |",
            kind.code(),
            kind.term_id(),
            kind.label()
        );
        assert!(docs.contains(&row), "docs/open-referral.md lacks {row}");
        assert_eq!(
            super::VillageAttribute::from_term_id(&kind.term_id()),
            Some(kind)
        );
    }
    assert_eq!(super::VillageAttribute::from_term_id("not-a-term"), None);
}
