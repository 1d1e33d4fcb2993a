use chrono::{NaiveDate, NaiveTime, Weekday};
use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::calendar::{Booking, Contact, Facts, Format, RunBy, Welcome};
use crate::directory::hsds::{read, read_reporting, write, Contents, ReadError};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("day")
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

fn u(name: &str) -> String {
    uuid_for(&format!("test:{name}"))
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

const ORGANISATIONS: [(&str, &str); 1] = [("riverside-parents", "Riverside Parents")];

fn known<'a>(
    areas: &'a [(AreaId, String)],
    organisations: &'a [(String, String)],
    venues: &'a [(String, String, Venue)],
    today: NaiveDate,
) -> Known<'a> {
    Known {
        areas,
        organisations,
        today,
        area_map: &[],
        venues,
    }
}

fn weekly(weekday: Weekday, from: NaiveDate) -> ScheduleParts {
    ScheduleParts {
        recurrence: Recurrence::Weeks {
            interval: 1,
            weekday,
        },
        starts: at(10, 0),
        ends: at(11, 30),
        valid_from: from,
        valid_until: None,
        term_behaviour: TermBehaviour::AllYear,
        skips_bank_holidays: false,
    }
}

fn schedule(parts: ScheduleParts) -> Schedule {
    Schedule::new(parts).expect("a valid schedule")
}

fn organisation() -> OrganisationDetails {
    OrganisationDetails::parse(
        "Riverside Parents",
        "Peer support in Riverside.",
        Some("https://riverside.example.org"),
    )
    .expect("valid")
}

fn venue() -> Venue {
    Venue {
        name: "Riverside Family Hub".to_owned(),
        address: "1 Mill Lane".to_owned(),
        town: "Riverside".to_owned(),
        postcode: "RV1 2AB".to_owned(),
        access: Access {
            step_free: Some(true),
            buggy_space: Some(true),
            baby_change: None,
            parking: Some(false),
            near_bus_stop: None,
        },
        public_transport: "The 22 bus stops outside.".to_owned(),
        notes: "Ring the bell by the blue door.".to_owned(),
    }
}

/// A group with every fact said, meeting in a room in term time.
fn in_a_room() -> GroupRecord {
    let mut term = weekly(Weekday::Tue, day(2025, 9, 2));
    term.term_behaviour = TermBehaviour::TermTimeOnly;
    term.skips_bank_holidays = true;
    let mut fortnightly = weekly(Weekday::Fri, day(2026, 1, 9));
    fortnightly.recurrence = Recurrence::Weeks {
        interval: 2,
        weekday: Weekday::Fri,
    };
    fortnightly.term_behaviour = TermBehaviour::HolidaysOnly;
    fortnightly.starts = at(13, 15);
    fortnightly.ends = at(14, 45);
    let exceptions = vec![
        Exception::Cancelled {
            date: day(2026, 12, 22),
            reason: "Venue closed".to_owned(),
        },
        Exception::Extra {
            date: day(2026, 12, 29),
            starts: at(10, 0),
            ends: at(11, 0),
        },
        Exception::Moved {
            from: day(2027, 1, 5),
            to: day(2027, 1, 6),
            starts: at(10, 0),
            ends: at(11, 30),
        },
    ];
    let times = GroupTimes::new(
        Reach::Area,
        vec![schedule(term), schedule(fortnightly)],
        exceptions,
    )
    .expect("valid times");
    GroupRecord {
        organisation_id: "riverside-parents".to_owned(),
        organisation: Some(organisation()),
        venue_id: Some("riverside-hub".to_owned()),
        group: Group {
            id: GroupId::parse("bumps-and-babies").expect("id"),
            organisation_id: "riverside-parents".to_owned(),
            organisation_name: "Riverside Parents".to_owned(),
            area: Some(AreaId::parse("riverside").expect("id")),
            title: "Bumps and Babies".to_owned(),
            description: "A cuppa and a chat with parents who have been there.".to_owned(),
            focus: Focus::MentalHealth,
            welcome: Welcome {
                pregnant: true,
                babies: true,
                toddlers: false,
                partners: true,
                older_children: false,
                child_age_months: Some((0, 12)),
            },
            attendance: Attendance::InPerson,
            venue: Some(venue()),
            joining: Joining::default(),
            facts: Facts {
                format: Some(Format::Course),
                cost: Cost::Amount { pence: 250 },
                cost_note: "Includes tea and cake".to_owned(),
                booking: Some(Booking::BookAhead),
                booking_how: "Text Sam to save a place".to_owned(),
                contact: Some(Contact::parse(ContactWay::Text, "07700 900123").expect("valid")),
                languages: vec!["English".into(), "Cymraeg".into(), "Polish".into()],
                run_by: Some(RunBy::PeersAndProfessionals),
                facilitated_by: "Sam, a peer supporter, and a health visitor".to_owned(),
                moderated: None,
                typical_size: "About eight".to_owned(),
                taking_new_members: Some(true),
                next_course_start: Some(day(2027, 1, 12)),
                first_visit: "Sam meets you at the door. Bring the buggy in.".to_owned(),
            },
            details_to_check: false,
            last_confirmed: day(2026, 11, 2),
            listed_on: None,
            is_sample: false,
            times,
        },
    }
}

/// A national online group with a public link, meeting monthly until a day.
fn online() -> GroupRecord {
    let mut monthly = weekly(Weekday::Thu, day(2026, 3, 26));
    monthly.recurrence = Recurrence::Month {
        week: WeekOfMonth::Last,
        weekday: Weekday::Thu,
    };
    monthly.starts = at(19, 30);
    monthly.ends = at(21, 0);
    monthly.valid_until = Some(day(2027, 6, 30));
    let times =
        GroupTimes::new(Reach::National, vec![schedule(monthly)], vec![]).expect("valid times");
    let mut record = in_a_room();
    record.venue_id = None;
    record.group = Group {
        id: GroupId::parse("night-owls-online").expect("id"),
        area: None,
        title: "Night Owls".to_owned(),
        description: String::new(),
        focus: Focus::General,
        welcome: Welcome::default(),
        attendance: Attendance::Online,
        venue: None,
        joining: Joining {
            details: "Follow the link; cameras optional.".to_owned(),
            public_link: Some("https://meet.example.org/night-owls".to_owned()),
        },
        facts: Facts {
            cost: Cost::PayWhatYouCan,
            moderated: Some(true),
            contact: Some(Contact::parse(ContactWay::Email, "owls@example.org").expect("valid")),
            ..Facts::default()
        },
        times,
        ..record.group
    };
    record
}

/// A phone group with nothing known but its times, its details to check,
/// made up for the sample.
fn by_phone() -> GroupRecord {
    let times = GroupTimes::new(
        Reach::Area,
        vec![schedule(weekly(Weekday::Mon, day(2026, 12, 7)))],
        vec![],
    )
    .expect("valid times");
    let mut record = in_a_room();
    record.venue_id = None;
    record.organisation = None;
    record.group = Group {
        id: GroupId::parse("monday-call").expect("id"),
        area: Some(AreaId::parse("millbrook").expect("id")),
        title: "Monday Call".to_owned(),
        description: "A phone group.".to_owned(),
        focus: Focus::General,
        welcome: Welcome::default(),
        attendance: Attendance::Phone,
        venue: None,
        joining: Joining {
            details: "Call the number and ask for Monday Call.".to_owned(),
            public_link: None,
        },
        facts: Facts {
            cost: Cost::Free,
            contact: Some(
                Contact::parse(ContactWay::Web, "https://riverside.example.org/call")
                    .expect("valid"),
            ),
            ..Facts::default()
        },
        details_to_check: true,
        is_sample: true,
        times,
        ..record.group
    };
    record
}

fn riverside_parents() -> Vec<(String, String)> {
    vec![(
        "riverside-parents".to_owned(),
        "Riverside Parents".to_owned(),
    )]
}

/// A file of these groups, written on the tests' day.
fn file_of(groups: Vec<GroupRecord>) -> Value {
    let contents = Contents {
        services: vec![],
        groups,
    };
    write(&contents, area_name(&areas()), day(2026, 12, 7))
}

fn area_name(areas: &[(AreaId, String)]) -> impl Fn(&AreaId) -> Option<String> + '_ {
    |id| areas.iter().find(|(a, _)| a == id).map(|(_, n)| n.clone())
}

fn round_trip(groups: Vec<GroupRecord>, written_on: NaiveDate, read_on: NaiveDate) -> Contents {
    let areas = areas();
    let organisations: Vec<(String, String)> = ORGANISATIONS
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let contents = Contents {
        services: vec![],
        groups,
    };
    let text = write(&contents, area_name(&areas), written_on).to_string();
    read(&text, &known(&areas, &organisations, &[], read_on)).expect("reads back")
}

#[test]
fn groups_written_then_read_are_the_same_groups_in_winter_and_summer() {
    let groups = vec![in_a_room(), online(), by_phone()];
    for today in [day(2026, 12, 7), day(2026, 7, 1)] {
        let back = round_trip(groups.clone(), today, day(2026, 12, 7));
        assert!(back.services.is_empty());
        assert_eq!(back.groups, groups, "written on {today}");
    }
    // Everything Village writes for a group, Village reads.
    let areas = areas();
    let organisations = riverside_parents();
    let contents = Contents {
        services: vec![],
        groups,
    };
    let text = write(&contents, area_name(&areas), day(2026, 12, 7)).to_string();
    let (_, report) = read_reporting(&text, &known(&areas, &organisations, &[], day(2026, 12, 7)))
        .expect("reads");
    // Only what Village writes about its own writing (an attribute's term,
    // a time's offset, the United Kingdom) is not read back.
    let written_for_others = [
        "link_entity",
        "link_type",
        "taxonomy_term.description",
        "taxonomy_term.name",
        "schedules.timezone",
        "schedules.wkst",
        "service_areas.description",
        "addresses.country",
        "addresses.state_province",
    ];
    for (path, _) in &report.not_kept {
        assert!(
            written_for_others.iter().any(|end| path.ends_with(end)),
            "{path} is written but not read"
        );
    }
    assert_eq!(report.notes, Vec::<String>::new());
    assert!(report.read_as_groups.is_empty(), "Village's own say so");
}

#[test]
fn a_group_travels_in_standard_fields_where_hsds_has_them() {
    let file = file_of(vec![in_a_room(), online()]);
    let room = &file[0];
    assert_eq!(room["id"], json!(uuid_for("group:bumps-and-babies")));
    assert_eq!(room["name"], "Bumps and Babies");
    assert_eq!(room["cost_options"][0]["amount"], json!(2.5));
    assert_eq!(room["cost_options"][0]["currency"], "GBP");
    assert_eq!(room["fees_description"], "Includes tea and cake");
    assert_eq!(room["application_process"], "Text Sam to save a place");
    assert_eq!(room["phones"][0]["type"], "text");
    assert_eq!(room["languages"][1]["name"], "Cymraeg");
    assert_eq!(
        room["service_areas"][0]["uri"],
        "urn:village:area:riverside"
    );
    let location = &room["service_at_locations"][0]["location"];
    assert_eq!(location["location_type"], "physical");
    assert_eq!(location["addresses"][0]["postal_code"], "RV1 2AB");
    assert_eq!(location["transportation"], "The 22 bus stops outside.");
    assert_eq!(
        location["accessibility"][0]["description"],
        "Step-free access"
    );
    // Each schedule once per clock period, each with dtstart (the anchor of
    // every other week) and its own offset.
    let schedules = room["schedules"].as_array().expect("schedules");
    let tuesdays: Vec<_> = schedules
        .iter()
        .filter(|s| s["byday"] == "TU")
        .map(|s| {
            (
                s["valid_from"].as_str(),
                s["valid_to"].as_str(),
                s["opens_at"].as_str(),
                s["dtstart"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        tuesdays,
        [
            (
                Some("2026-10-25"),
                Some("2027-03-27"),
                Some("10:00+00:00"),
                Some("2025-09-02")
            ),
            (
                Some("2027-03-28"),
                Some("2027-10-30"),
                Some("10:00+01:00"),
                Some("2025-09-02")
            ),
            (
                Some("2027-10-31"),
                None,
                Some("10:00+00:00"),
                Some("2025-09-02")
            ),
        ]
    );
    let fridays = schedules
        .iter()
        .find(|s| s["byday"] == "FR")
        .expect("fridays");
    assert_eq!(fridays["interval"], 2);
    assert_eq!(fridays["dtstart"], "2026-01-09");
    let owls = &file[1];
    assert_eq!(owls["service_areas"][0]["uri"], NATIONAL_AREA_URI);
    assert_eq!(owls["schedules"][0]["freq"], "MONTHLY");
    assert_eq!(owls["schedules"][0]["byday"], "-1TH");
    assert_eq!(owls["schedules"][0]["until"], "2027-06-30");
    assert_eq!(
        owls["service_at_locations"][0]["location"]["url"],
        "https://meet.example.org/night-owls"
    );
    assert_eq!(owls["cost_options"][0]["option"], "Pay what you can");
    assert_eq!(owls["email"], "owls@example.org");
}

#[test]
fn a_next_course_start_that_has_passed_is_left_out_and_said() {
    let areas = areas();
    let organisations = riverside_parents();
    let contents = Contents {
        services: vec![],
        groups: vec![in_a_room()],
    };
    let text = write(&contents, area_name(&areas), day(2026, 12, 7)).to_string();
    let (back, report) =
        read_reporting(&text, &known(&areas, &organisations, &[], day(2027, 2, 1))).expect("reads");
    assert_eq!(back.groups[0].group.facts.next_course_start, None);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("2027-01-12, which has passed")),
        "{:?}",
        report.notes
    );
}

/// A council's Family Hub listing: an ordinary HSDS service with a weekly
/// session, no Village attributes.
fn stay_and_play(extra: Value) -> Value {
    let mut record = json!({
        "id": "5D0C7B7E-1E0A-4C55-9E3B-2C7A1F4D9B10",
        "name": "Stay and Play",
        "description": "Songs, toys and a chat for parents and babies.",
        "status": "active",
        "assured_date": "2026-10-01",
        "organization": {
            "id": u("hub"),
            "name": "Riverside Family Hubs",
            "description": "The council's family hubs.",
        },
        "email": "hubs@riverside.example.org",
        "phones": [{ "id": u("phone"), "number": "0114 496 0000" }],
        "languages": [{ "id": u("en"), "name": "English" }],
        "cost_options": [{ "id": u("cost"), "option": "Free", "amount": 0, "currency": "GBP" }],
        "schedules": [{
            "id": u("tuesdays"), "freq": "WEEKLY", "byday": "TU", "dtstart": "2026-09-08",
            "opens_at": "09:30:00+01:00", "closes_at": "11:00:00+01:00",
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
                    "state_province": "", "postal_code": "RV2 3CD", "country": "GB", "address_type": "physical",
                }],
            },
        }],
    });
    if let (Some(map), Value::Object(extra)) = (record.as_object_mut(), extra) {
        map.extend(extra);
    }
    record
}

#[test]
fn an_ordinary_record_with_sessions_is_a_group_and_one_with_opening_hours_a_service() {
    let areas = areas();
    let k = known(&areas, &[], &[], day(2026, 12, 7));
    let (read, report) =
        read_reporting(&json!([stay_and_play(json!({}))]).to_string(), &k).expect("reads");
    assert!(read.services.is_empty());
    let record = &read.groups[0];
    let g = &record.group;
    assert_eq!(g.id.as_str(), "5d0c7b7e-1e0a-4c55-9e3b-2c7a1f4d9b10");
    assert_eq!(g.title, "Stay and Play");
    assert_eq!(g.organisation_name, "Riverside Family Hubs");
    assert_eq!(g.area, Some(AreaId::parse("riverside").expect("id")));
    assert_eq!(g.attendance, Attendance::InPerson);
    let venue = g.venue.as_ref().expect("a venue");
    assert_eq!(venue.name, "Millside Family Hub");
    assert_eq!(venue.postcode, "RV2 3CD");
    assert_eq!(
        venue.access,
        Access::default(),
        "access not said is not known"
    );
    assert_eq!(record.venue_id.as_deref(), Some(u("hub-location").as_str()));
    assert_eq!(g.facts.cost, Cost::Free);
    assert_eq!(g.facts.languages, ["English"]);
    assert_eq!(g.facts.booking, None, "not said, not known");
    assert_eq!(
        g.facts.contact.as_ref().map(|c| c.way),
        Some(ContactWay::Phone)
    );
    assert_eq!(g.last_confirmed, day(2026, 10, 1));
    let s = &g.times.schedules()[0];
    assert_eq!(
        s.recurrence(),
        Recurrence::Weeks {
            interval: 1,
            weekday: Weekday::Tue
        }
    );
    assert_eq!((s.starts(), s.ends()), (at(9, 30), at(11, 0)));
    assert_eq!(s.valid_from(), day(2026, 9, 8));
    assert_eq!(s.term_behaviour(), TermBehaviour::AllYear);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("email") && n.contains("one contact")),
        "what is not kept is said: {:?}",
        report.notes
    );
    assert_eq!(report.read_as_groups, ["Stay and Play"]);

    // Opening hours, 9 to 5, are a directory service's.
    let hours = stay_and_play(json!({ "schedules": [{
        "id": u("hours"), "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR",
        "opens_at": "09:00", "closes_at": "17:00",
    }] }));
    let read = super::super::read(&json!([hours]).to_string(), &k).expect("reads");
    assert!(read.groups.is_empty());
    assert_eq!(read.services.len(), 1);
}

#[test]
fn monthly_every_other_week_and_counted_sessions_are_read_and_what_cannot_be_shown_is_said() {
    let areas = areas();
    let k = known(&areas, &[], &[], day(2026, 12, 7));
    let file = stay_and_play(json!({ "schedules": [
        { "id": u("m"), "freq": "MONTHLY", "byday": "2WE", "opens_at": "10:00", "closes_at": "11:00" },
        { "id": u("f"), "freq": "WEEKLY", "interval": 2, "byday": "TH", "dtstart": "2026-12-03",
          "opens_at": "10:00", "closes_at": "11:00" },
        { "id": u("c"), "freq": "WEEKLY", "byday": "FR", "dtstart": "2027-01-08", "count": 6,
          "opens_at": "10:00", "closes_at": "12:00" },
        { "id": u("d"), "freq": "MONTHLY", "bymonthday": "15", "opens_at": "10:00", "closes_at": "11:00" },
    ] }));
    let (read, report) = read_reporting(&json!([file]).to_string(), &k).expect("reads");
    let times = read.groups[0].group.times.schedules();
    assert_eq!(times.len(), 3, "the fifteenth of the month is left out");
    assert_eq!(
        times[0].recurrence(),
        Recurrence::Month {
            week: WeekOfMonth::Second,
            weekday: Weekday::Wed
        }
    );
    let fortnightly: Vec<_> = times[1].dates_from(day(2026, 12, 7)).take(2).collect();
    assert_eq!(fortnightly, [day(2026, 12, 17), day(2026, 12, 31)]);
    assert_eq!(
        times[2].valid_until(),
        Some(day(2027, 2, 12)),
        "six Fridays"
    );
    assert!(
        report.notes.iter().any(|n| n.contains("schedules[4]")
            && n.contains("bymonthday")
            && n.contains("left out")),
        "{:?}",
        report.notes
    );
}

#[test]
fn every_fault_in_a_group_is_named_by_record_and_field() {
    let areas = areas();
    let theirs = Venue {
        name: "Someone else's hall".to_owned(),
        ..Venue::default()
    };
    let venues = vec![(u("hub-location"), "someone-else".to_owned(), theirs)];
    let k = known(&areas, &[], &venues, day(2026, 12, 7));
    let bad = stay_and_play(json!({
        "name": "",
        "cost_options": [{ "id": u("cost"), "amount": 5000 }],
        "phones": [{ "id": u("phone"), "number": "call me" }],
        "schedules": [{ "id": u("s"), "freq": "WEEKLY", "byday": "XX", "opens_at": "10:00", "closes_at": "11:00" }],
    }));
    let Err(ReadError::Faults(faults)) = read(&json!([bad]).to_string(), &k) else {
        panic!("refused");
    };
    let fields: Vec<&str> = faults.iter().map(|f| f.field.as_str()).collect();
    for field in [
        "service_at_locations[1].location.id",
        "cost_options[1].amount",
        "schedules[1].byday",
    ] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    assert!(faults.iter().all(|f| f.record == 1));
    assert!(faults[0].to_string().starts_with("record 1"));

    // The form's own checks, at the field they came from.
    let bad = stay_and_play(json!({
        "name": "",
        "phones": [{ "id": u("phone"), "number": "call me" }],
    }));
    let Err(ReadError::Faults(faults)) = read(&json!([bad]).to_string(), &k) else {
        panic!("refused");
    };
    let fields: Vec<&str> = faults.iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"name"), "{fields:?}");
    assert!(fields.contains(&"phones[1].number"), "{fields:?}");

    // A group needs to say when it was last confirmed and where it meets.
    let mut bare = stay_and_play(json!({ "service_at_locations": [] }));
    if let Some(map) = bare.as_object_mut() {
        map.remove("assured_date");
    }
    let Err(ReadError::Faults(faults)) = read(&json!([bare]).to_string(), &k) else {
        panic!("refused");
    };
    let fields: Vec<&str> = faults.iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"assured_date") && fields.contains(&"service_at_locations"));
}

#[test]
fn a_village_id_cannot_take_over_another_group() {
    let areas = areas();
    let organisations = riverside_parents();
    let k = known(&areas, &organisations, &[], day(2026, 12, 7));
    let mut file = file_of(vec![in_a_room()]);
    file[0]["id"] = json!(u("someone-else"));
    let Err(ReadError::Faults(faults)) = read(&file.to_string(), &k) else {
        panic!("refused");
    };
    assert!(faults
        .iter()
        .any(|f| f.field == "attributes" && f.why.contains("village-id")));
}

fn any_schedule() -> impl Strategy<Value = ScheduleParts> {
    (
        0u32..7,
        prop_oneof![(1u8..=8).prop_map(Some), Just(None)],
        0usize..5,
        (6u32..20, 0u32..4, 15u32..=180),
        0i64..1_200,
        prop::option::of(0i64..900),
        0usize..3,
        any::<bool>(),
    )
        .prop_map(
            |(wd, interval, week, (h, quarter, minutes), from, length, term, skips)| {
                let weekday =
                    Weekday::try_from(u8::try_from(wd).unwrap_or(0)).unwrap_or(Weekday::Mon);
                let recurrence = match interval {
                    Some(interval) => Recurrence::Weeks { interval, weekday },
                    None => Recurrence::Month {
                        week: WeekOfMonth::ALL[week],
                        weekday,
                    },
                };
                let starts = at(h, quarter * 15);
                let ends = starts + chrono::Duration::minutes(i64::from(minutes));
                let ends = if ends <= starts { at(23, 59) } else { ends };
                let valid_from = day(2025, 6, 1) + chrono::Duration::days(from);
                ScheduleParts {
                    recurrence,
                    starts,
                    ends,
                    valid_from,
                    valid_until: length.map(|l| valid_from + chrono::Duration::days(l)),
                    term_behaviour: TermBehaviour::ALL[term],
                    skips_bank_holidays: skips,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any schedules, written on any day, read back as they were.
    #[test]
    fn any_times_round_trip(
        parts in prop::collection::vec(any_schedule(), 1..4),
        written in 0i64..1_000,
    ) {
        let mut record = in_a_room();
        // The same schedule twice is one schedule, and one with no meeting
        // at all is left out (a test of its own says so).
        let mut schedules: Vec<Schedule> = Vec::new();
        for s in parts.into_iter().map(schedule) {
            if !schedules.contains(&s) && s.first_date().is_some() {
                schedules.push(s);
            }
        }
        prop_assume!(!schedules.is_empty());
        record.group.times = GroupTimes::new(Reach::Area, schedules, vec![]).expect("valid");
        let written_on = day(2025, 6, 1) + chrono::Duration::days(written);
        let back = round_trip(vec![record.clone()], written_on, day(2026, 12, 7));
        // The same meetings: a schedule's first day is written as its first
        // meeting (RFC 5545's dtstart), so only that may move.
        let (was, is) = (record.group.times.schedules(), back.groups[0].group.times.schedules());
        prop_assert_eq!(was.len(), is.len());
        for (was, is) in was.iter().zip(is) {
            prop_assert_eq!(
                (was.recurrence(), was.starts(), was.ends(), was.valid_until()),
                (is.recurrence(), is.starts(), is.ends(), is.valid_until())
            );
            prop_assert_eq!(
                (was.term_behaviour(), was.skips_bank_holidays()),
                (is.term_behaviour(), is.skips_bank_holidays())
            );
            let meetings = |s: &Schedule| s.dates_from(day(2025, 1, 1)).take(40).collect::<Vec<_>>();
            prop_assert_eq!(meetings(was), meetings(is));
        }
    }
}

#[test]
fn a_group_may_meet_in_another_organisations_venue_as_that_organisation_keeps_it() {
    let areas = areas();
    let k_with = |venue: Venue| {
        let venues = vec![(u("hub-location"), "someone-else".to_owned(), venue)];
        let text = json!([stay_and_play(json!({}))]).to_string();
        read(&text, &known(&areas, &[], &venues, day(2026, 12, 7)))
    };
    let as_kept = Venue {
        name: "Millside Family Hub".to_owned(),
        address: "2 Mill Road".to_owned(),
        town: "Riverside".to_owned(),
        postcode: "RV2 3CD".to_owned(),
        ..Venue::default()
    };
    let read_back = k_with(as_kept.clone()).expect("the venue as it is");
    assert_eq!(read_back.groups[0].group.venue, Some(as_kept.clone()));
    let changed = Venue {
        postcode: "RV9 9ZZ".to_owned(),
        ..as_kept
    };
    assert!(matches!(k_with(changed), Err(ReadError::Faults(_))));
}

fn refused_fields(file: Value, k: &Known) -> Vec<String> {
    match read(&file.to_string(), k) {
        Err(ReadError::Faults(faults)) => faults.into_iter().map(|f| f.field).collect(),
        other => panic!("refused, not {other:?}"),
    }
}

#[test]
fn what_a_schedule_cannot_mean_is_refused_and_two_blocks_of_term_stay_two() {
    let areas = areas();
    let k = known(&areas, &[], &[], day(2026, 12, 7));
    let with = |schedules: Value| json!([stay_and_play(json!({ "schedules": schedules }))]);
    let s = |extra: Value| {
        let mut s = json!({ "id": u("s"), "freq": "WEEKLY", "byday": "TU", "opens_at": "10:00", "closes_at": "11:00" });
        if let (Some(map), Value::Object(extra)) = (s.as_object_mut(), extra) {
            map.extend(extra);
        }
        s
    };
    for (bad, field) in [
        (s(json!({ "byday": "€" })), "schedules[1].byday"),
        // A weekly schedule cannot say which Tuesday: it is left out, and
        // a group with no time left is refused.
        (s(json!({ "byday": "1€TU" })), "schedules"),
        (s(json!({ "count": 0 })), "schedules[1].count"),
        (s(json!({ "count": 5000 })), "schedules[1].count"),
        (s(json!({ "interval": 0 })), "schedules[1].interval"),
        (s(json!({ "interval": 2 })), "schedules[1].dtstart"),
    ] {
        let fields = refused_fields(with(json!([bad])), &k);
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    let many: Vec<Value> = (0..=MAX_SCHEDULES_A_GROUP).map(|_| s(json!({}))).collect();
    assert!(refused_fields(with(Value::Array(many)), &k).contains(&"schedules".to_owned()));

    // The same times in autumn and spring term are two schedules: nothing
    // is invented over Christmas.
    let autumn = s(json!({ "valid_from": "2026-09-01", "valid_to": "2026-12-18" }));
    let spring = s(json!({ "valid_from": "2027-01-05", "valid_to": "2027-03-26" }));
    let read_back = read(&with(json!([autumn, spring])).to_string(), &k).expect("reads");
    let times = read_back.groups[0].group.times.schedules();
    assert_eq!(times.len(), 2);
    let meetings: Vec<_> = times
        .iter()
        .flat_map(|t| {
            t.dates_from(day(2026, 12, 1))
                .take_while(|d| *d < day(2027, 1, 31))
        })
        .collect();
    assert!(!meetings.contains(&day(2026, 12, 22)) && !meetings.contains(&day(2026, 12, 29)));
    assert!(meetings.contains(&day(2026, 12, 15)) && meetings.contains(&day(2027, 1, 5)));

    // Every other week counts as RFC 5545 does, from the week of dtstart:
    // a Friday start and Thursdays means the Thursday two weeks on.
    let fortnightly = s(json!({ "interval": 2, "byday": "TH", "dtstart": "2026-12-04" }));
    let read_back = read(&with(json!([fortnightly])).to_string(), &k).expect("reads");
    let first = read_back.groups[0].group.times.schedules()[0].first_date();
    assert_eq!(first, Some(day(2026, 12, 17)));
}

#[test]
fn a_second_place_its_online_link_and_what_is_not_shown_are_said() {
    let areas = areas();
    let k = known(&areas, &[], &[], day(2026, 12, 7));
    let elsewhere = json!({
        "id": u("sal-2"),
        "location": { "id": u("other-hub"), "location_type": "physical", "name": "Northside Hub" },
        "schedules": [{ "id": u("north"), "freq": "WEEKLY", "byday": "TH", "opens_at": "10:00", "closes_at": "11:00" }],
    });
    let mut file = stay_and_play(json!({ "eligibility_description": "Families in Riverside" }));
    file["service_at_locations"]
        .as_array_mut()
        .expect("locations")
        .push(elsewhere);
    file["schedules"][0]["description"] = json!("Term time only");
    let (read_back, report) = read_reporting(&json!([file]).to_string(), &k).expect("reads");
    let g = &read_back.groups[0].group;
    assert_eq!(
        g.times.schedules().len(),
        1,
        "Thursdays at Northside are not Millside's"
    );
    for said in ["Northside Hub", "Families in Riverside", "Term time only"] {
        assert!(
            report.notes.iter().any(|n| n.contains(said)),
            "{said} in {:?}",
            report.notes
        );
    }
}

#[test]
fn a_venue_is_checked_as_the_venue_form_checks_it_and_said_the_same_way_each_time() {
    let areas = areas();
    let k = known(&areas, &[], &[], day(2026, 12, 7));
    let mut long = stay_and_play(json!({}));
    long["service_at_locations"][0]["location"]["description"] = json!("x".repeat(2_000));
    let fields = refused_fields(json!([long]), &k);
    assert!(
        fields.contains(&"service_at_locations[1].location.description".to_owned()),
        "{fields:?}"
    );

    let mut other = stay_and_play(json!({ "id": u("another-group"), "name": "Baby Club" }));
    other["service_at_locations"][0]["location"]["name"] = json!("Millside Hub (renamed)");
    let fields = refused_fields(json!([stay_and_play(json!({})), other]), &k);
    assert!(
        fields.contains(&"service_at_locations".to_owned()),
        "{fields:?}"
    );

    // Access said in words elsewhere reaches the venue's notes.
    let mut worded = stay_and_play(json!({}));
    worded["service_at_locations"][0]["location"]["accessibility"] =
        json!([{ "id": u("acc"), "description": "Lift to all floors" }]);
    let read_back = read(&json!([worded]).to_string(), &k).expect("reads");
    let venue = read_back.groups[0].group.venue.clone().expect("a venue");
    assert!(venue.notes.contains("Lift to all floors"), "{venue:?}");
}

#[test]
fn a_groups_attribute_on_a_service_is_refused() {
    let areas = areas();
    let organisations = riverside_parents();
    let k = known(&areas, &organisations, &[], day(2026, 12, 7));
    let mut file = file_of(vec![in_a_room()]);
    // Take away the kind: what is left says group facts on a service.
    let attributes = file[0]["attributes"].as_array_mut().expect("attributes");
    attributes.retain(|a| a["link_type"] != "kind");
    let Err(ReadError::Faults(faults)) = read(&file.to_string(), &k) else {
        panic!("refused");
    };
    assert!(faults
        .iter()
        .any(|f| f.why.contains("is a group's attribute")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128),
    ))]

    /// A good group file with any one value replaced by any JSON: never a
    /// panic, and either a good read or faults that name record 1.
    #[test]
    fn a_good_group_file_with_one_value_changed_never_panics(
        pick in any::<prop::sample::Index>(),
        replacement in super::super::tests::arbitrary_json(),
        which in 0usize..2,
    ) {
        let areas = areas();
        let organisations = vec![("riverside-parents".to_owned(), "Riverside Parents".to_owned())];
        let k = known(&areas, &organisations, &[], day(2026, 12, 7));
        let mut file = match which {
            0 => write(&Contents { services: vec![], groups: vec![in_a_room()] }, area_name(&areas), day(2026, 12, 7)),
            _ => json!([stay_and_play(json!({}))]),
        };
        let mut all = Vec::new();
        super::super::tests::pointers(&file, String::new(), &mut all);
        let pointer = pick.get(&all[1..]).clone();
        if let Some(slot) = file.pointer_mut(&pointer) {
            *slot = replacement;
        }
        match super::super::read(&file.to_string(), &k) {
            Ok(contents) => prop_assert_eq!(contents.groups.len() + contents.services.len(), 1),
            Err(ReadError::Faults(faults)) => prop_assert!(faults.iter().all(|f| f.record == 1)),
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}

#[test]
fn days_weeks_and_starts_are_read_as_rfc_5545_means_them() {
    let areas = areas();
    let k = known(&areas, &[], &[], day(2026, 12, 7));
    let with = |schedules: Value| json!([stay_and_play(json!({ "schedules": schedules }))]);
    let first_meetings = |schedules: Value| -> Vec<Option<NaiveDate>> {
        let read_back = read(&with(schedules).to_string(), &k).expect("reads");
        read_back.groups[0]
            .group
            .times
            .schedules()
            .iter()
            .map(Schedule::first_date)
            .collect()
    };
    let s = |extra: Value| {
        let mut s = json!({ "id": u("s"), "opens_at": "10:00", "closes_at": "11:00" });
        if let (Some(map), Value::Object(extra)) = (s.as_object_mut(), extra) {
            map.extend(extra);
        }
        s
    };
    // The same day written twice is one time.
    assert_eq!(
        first_meetings(json!([s(
            json!({ "freq": "MONTHLY", "byday": "1TU,+1TU,01TU" })
        )]))
        .len(),
        1
    );
    // The week starts on wkst: from Sunday 6 December, every other Monday
    // is the next day when weeks start on Sunday, a week later on Monday.
    let fortnightly = |wkst: &str| {
        s(
            json!({ "freq": "WEEKLY", "interval": 2, "byday": "MO", "dtstart": "2026-12-06", "wkst": wkst }),
        )
    };
    assert_eq!(
        first_meetings(json!([fortnightly("SU")])),
        [Some(day(2026, 12, 7))]
    );
    assert_eq!(
        first_meetings(json!([fortnightly("MO")])),
        [Some(day(2026, 12, 14))]
    );
    // A later valid_from starts the meetings then, in dtstart's weeks.
    let later = s(json!({ "freq": "WEEKLY", "interval": 2, "byday": "TH",
                           "dtstart": "2026-12-03", "valid_from": "2027-01-05" }));
    assert_eq!(first_meetings(json!([later])), [Some(day(2027, 1, 14))]);
    // A schedule with no meeting before its end is left out, and said.
    let none = s(json!({ "freq": "WEEKLY", "interval": 2, "byday": "WE",
                          "dtstart": "2026-01-08", "until": "2026-01-14" }));
    let weekly = s(json!({ "freq": "WEEKLY", "byday": "FR" }));
    let (read_back, report) =
        read_reporting(&with(json!([none, weekly])).to_string(), &k).expect("reads");
    assert_eq!(read_back.groups[0].group.times.schedules().len(), 1);
    assert!(
        report.notes.iter().any(|n| n.contains("has none")),
        "{:?}",
        report.notes
    );
    // What cannot be exact is refused.
    for (bad, field) in [
        (
            s(json!({ "freq": "WEEKLY", "byday": "TU,TH", "count": 4 })),
            "schedules[1].count",
        ),
        (
            s(json!({ "freq": "WEEKLY", "byday": "TU", "wkst": "XX" })),
            "schedules[1].wkst",
        ),
    ] {
        let fields = refused_fields(with(json!([bad])), &k);
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
}

#[test]
fn a_group_in_a_room_does_not_take_an_online_places_times() {
    let areas = areas();
    let k = known(&areas, &[], &[], day(2026, 12, 7));
    let mut file = stay_and_play(json!({}));
    file["service_at_locations"]
        .as_array_mut()
        .expect("locations")
        .push(json!({
            "id": u("sal-online"),
            "location": { "id": u("online"), "location_type": "virtual", "name": "Online", "url": "https://example.org/join" },
            "schedules": [{ "id": u("evening"), "freq": "WEEKLY", "byday": "WE", "opens_at": "19:00", "closes_at": "20:00" }],
        }));
    let (read_back, report) = read_reporting(&json!([file]).to_string(), &k).expect("reads");
    let g = &read_back.groups[0].group;
    assert_eq!(g.attendance, Attendance::InPerson);
    assert_eq!(
        g.times.schedules().len(),
        1,
        "Wednesday evenings online are not the room's"
    );
    assert!(
        report.notes.iter().any(|n| n.contains("\"Online\"")),
        "{:?}",
        report.notes
    );
}
