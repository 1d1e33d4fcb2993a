//! Peer-support groups in HSDS 3 files. A group is a `service` with its
//! meeting times as `schedules` (RFC 5545's `freq`, `interval`, `byday`,
//! `dtstart`, `until`, with `opens_at`/`closes_at`), the venue it meets in
//! as a `location`, its cost as `cost_options`, its languages, and its
//! organiser's contact as a phone, an email or a web address. What HSDS has
//! no field for (who is welcome, term time, bank holidays, cancellations,
//! your first visit…) travels as attributes in the `village` taxonomy, on
//! the service, on each schedule, or on the location, so another system
//! loses nothing it understands and Village loses nothing at all.
//!
//! Reading a group runs the very checks an organiser's form runs
//! ([`group_with_times`]), each fault named by its place in the record.
//! A record without Village's attributes is a group when its schedules are
//! sessions ([`is_group`]); otherwise it is a directory service.

use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};
use serde_json::{json, Map, Value};

use super::read::{
    date_in, id_of, languages, organisation, schedule_day, schedule_time, time_of, village_pairs,
    Faults, Fields,
};
use super::write::{at, attribute, clock_periods, organization, UNITED_KINGDOM};
use super::{uuid_for, Known, VillageAttribute, AREA_URI_PREFIX, DAYS, NATIONAL_AREA_URI};
use crate::calendar::{
    edit::{group_with_times, FactsForm, WeeklyGroupForm, MAX_LINK_CHARS},
    facts::{is_plain_https, pounds},
    london, Access, AccessFact, Attendance, ContactWay, Cost, Exception, Focus, Group, GroupId,
    GroupTimes, Joining, Reach, Recurrence, Schedule, ScheduleParts, TermBehaviour, Venue,
    WeekOfMonth,
};
use crate::{AreaId, OrganisationDetails};

/// One group, the organisation that runs it and the id of its venue, as a
/// file carries them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupRecord {
    pub organisation_id: String,
    /// The organisation's details when the file gives them; `None` when the
    /// file only names an organisation Village already has.
    pub organisation: Option<OrganisationDetails>,
    pub group: Group,
    /// The venue's id, for a group that meets in one.
    pub venue_id: Option<String>,
}

/// The longest a schedule's time can be and still be a session: longer is
/// opening hours, so a record whose schedules run longer is a service.
pub const MAX_SESSION_MINUTES: i64 = 4 * 60;

/// What the `kind` attribute says of a group.
const GROUP: &str = "group";

/// Who is welcome, as the `welcome` attribute's values name them.
const WELCOME: [&str; 5] = [
    "pregnant",
    "babies",
    "toddlers",
    "partners",
    "older_children",
];

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn day_code(weekday: Weekday) -> &'static str {
    DAYS.iter()
        .find(|(d, _)| *d == weekday)
        .map(|(_, code)| *code)
        .unwrap_or("MO")
}

/// Ids for one group's parts: `uuid_for("group:<id>/schedule/1/…")`.
struct Ids<'a>(&'a str);

impl Ids<'_> {
    fn group(&self) -> String {
        uuid_for(&format!("group:{}", self.0))
    }
    fn part(&self, what: &str) -> String {
        uuid_for(&format!("group:{}/{what}", self.0))
    }
}

/// Attributes for one record, each linked to `link` (of kind `entity`),
/// numbered under `prefix`.
fn attributes(
    pairs: Vec<(VillageAttribute, String)>,
    (link, entity): (&str, &str),
    id: impl Fn(usize) -> String,
) -> Value {
    Value::Array(
        pairs
            .into_iter()
            .enumerate()
            .map(|(n, (kind, value))| attribute((link, entity), id(n + 1), kind, &value))
            .collect(),
    )
}

/// A group as one HSDS service object (see the module's documentation).
pub(super) fn write(
    record: &GroupRecord,
    area_name: &impl Fn(&AreaId) -> Option<String>,
    today: NaiveDate,
) -> Value {
    let g = &record.group;
    let f = &g.facts;
    let ids = Ids(g.id.as_str());
    let id = ids.group();
    let mut out = Map::new();
    out.insert("id".into(), json!(id));
    out.insert(
        "organization_id".into(),
        json!(uuid_for(&format!(
            "organization:{}",
            record.organisation_id
        ))),
    );
    out.insert("name".into(), json!(g.title));
    out.insert("description".into(), json!(g.description));
    out.insert("status".into(), json!("active"));
    let mut phones = Vec::new();
    if let Some(contact) = &f.contact {
        match contact.way {
            ContactWay::Web => {
                out.insert("url".into(), json!(contact.value));
            }
            ContactWay::Email => {
                out.insert("email".into(), json!(contact.value));
            }
            ContactWay::Phone | ContactWay::Text => phones.push(json!({
                "id": ids.part("phone/1"),
                "service_id": id,
                "number": contact.value,
                "type": if contact.way == ContactWay::Phone { "voice" } else { "text" },
                "description": "The organiser",
            })),
        }
    }
    out.insert("phones".into(), Value::Array(phones));
    if !f.booking_how.is_empty() {
        out.insert("application_process".into(), json!(f.booking_how));
    }
    if !f.cost_note.is_empty() {
        out.insert("fees_description".into(), json!(f.cost_note));
    }
    let option = |what: Value| {
        let mut o = json!({ "id": ids.part("cost/1"), "service_id": id, "currency": "GBP" });
        if let (Some(o), Value::Object(what)) = (o.as_object_mut(), what) {
            o.extend(what);
        }
        o
    };
    let costs = match f.cost {
        Cost::NotKnown => vec![],
        Cost::Free => vec![option(json!({ "option": "Free", "amount": 0 }))],
        Cost::Amount { pence } => {
            vec![option(
                json!({ "option": "Each session", "amount": f64::from(pence) / 100.0 }),
            )]
        }
        Cost::PayWhatYouCan => vec![option(json!({ "option": "Pay what you can" }))],
    };
    out.insert("cost_options".into(), Value::Array(costs));
    out.insert("assured_date".into(), json!(date(g.last_confirmed)));
    if let Some(org) = &record.organisation {
        out.insert(
            "organization".into(),
            organization(&record.organisation_id, org),
        );
    }
    out.insert(
        "languages".into(),
        Value::Array(
            f.languages
                .iter()
                .enumerate()
                .map(|(n, name)| json!({ "id": ids.part(&format!("language/{}", n + 1)), "service_id": id, "name": name }))
                .collect(),
        ),
    );
    out.insert("schedules".into(), schedules(g, &ids, today));
    let area = match &g.area {
        None => json!({
            "id": ids.part("area/national"),
            "service_id": id,
            "name": "United Kingdom",
            "description": "National: for anyone in the UK.",
            "uri": NATIONAL_AREA_URI,
        }),
        Some(area) => json!({
            "id": ids.part(&format!("area/{area}")),
            "service_id": id,
            "name": area_name(area).unwrap_or_else(|| area.as_str().to_owned()),
            "uri": format!("{AREA_URI_PREFIX}{area}"),
        }),
    };
    out.insert("service_areas".into(), json!([area]));
    out.insert("service_at_locations".into(), locations(record, &ids));
    out.insert("attributes".into(), group_attributes(g, &ids));
    Value::Object(out)
}

/// Village's facts about the group that HSDS has no field for.
fn group_attributes(g: &Group, ids: &Ids) -> Value {
    use VillageAttribute as A;
    let f = &g.facts;
    let mut pairs = vec![
        (A::VillageId, g.id.as_str().to_owned()),
        (A::Kind, GROUP.to_owned()),
        (A::Focus, g.focus.code().to_owned()),
        (A::Attendance, g.attendance.code().to_owned()),
    ];
    let w = &g.welcome;
    for (said, code) in [
        w.pregnant,
        w.babies,
        w.toddlers,
        w.partners,
        w.older_children,
    ]
    .into_iter()
    .zip(WELCOME)
    {
        if said {
            pairs.push((A::Welcome, code.to_owned()));
        }
    }
    if let Some((from, to)) = w.child_age_months {
        pairs.push((A::ChildAges, format!("{from}-{to}")));
    }
    if !g.joining.details.is_empty() {
        pairs.push((A::Joining, g.joining.details.clone()));
    }
    if let Some(format) = f.format {
        pairs.push((A::GroupFormat, format.code().to_owned()));
    }
    if let Some(booking) = f.booking {
        pairs.push((A::Booking, booking.code().to_owned()));
    }
    if let Some(run_by) = f.run_by {
        pairs.push((A::RunBy, run_by.code().to_owned()));
    }
    for (kind, text) in [
        (A::FacilitatedBy, &f.facilitated_by),
        (A::TypicalSize, &f.typical_size),
        (A::FirstVisit, &f.first_visit),
    ] {
        if !text.is_empty() {
            pairs.push((kind, text.clone()));
        }
    }
    for (kind, said) in [
        (A::Moderated, f.moderated),
        (A::TakingNewMembers, f.taking_new_members),
    ] {
        if let Some(said) = said {
            pairs.push((kind, yes_no(said).to_owned()));
        }
    }
    if let Some(day) = f.next_course_start {
        pairs.push((A::NextCourseStart, date(day)));
    }
    if g.details_to_check {
        pairs.push((A::DetailsToCheck, "yes".to_owned()));
    }
    if g.is_sample {
        pairs.push((A::Sample, "yes".to_owned()));
    }
    for exception in g.times.exceptions() {
        pairs.push((
            A::Exception,
            serde_json::to_string(exception).unwrap_or_default(),
        ));
    }
    let link = ids.group();
    attributes(pairs, (&link, "service"), |n| {
        ids.part(&format!("attribute/{n}"))
    })
}

/// Each schedule once per Europe/London clock period from today's (as
/// opening hours are, so a reader that converts to UTC is right all year),
/// every part carrying the schedule's own `dtstart` and `until`; a schedule
/// wholly before today's period is written once, with the offset of its
/// first day.
fn schedules(g: &Group, ids: &Ids, today: NaiveDate) -> Value {
    let periods = clock_periods(today);
    let mut out = Vec::new();
    for (n, s) in g.times.schedules().iter().enumerate() {
        let mut parts: Vec<(NaiveDate, Option<NaiveDate>, bool)> = periods
            .iter()
            .filter_map(|p| {
                let from = p.began.max(s.valid_from());
                let to = match (p.ends, s.valid_until()) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                (to.is_none_or(|to| from <= to)).then_some((from, to, p.summer))
            })
            .collect();
        if parts.is_empty() {
            let noon = s.valid_from().and_hms_opt(12, 0, 0).unwrap_or_default();
            parts.push((
                s.valid_from(),
                s.valid_until(),
                london::is_summer_time(noon),
            ));
        }
        let (freq, interval, byday) = match s.recurrence() {
            Recurrence::Weeks { interval, weekday } => {
                ("WEEKLY", interval, day_code(weekday).to_owned())
            }
            Recurrence::Month { week, weekday } => (
                "MONTHLY",
                1,
                format!("{}{}", week.ordinal(), day_code(weekday)),
            ),
        };
        for (from, to, summer) in parts {
            let part_id = ids.part(&format!("schedule/{}/{from}", n + 1));
            let mut schedule = json!({
                "id": part_id,
                "service_id": ids.group(),
                "freq": freq,
                "interval": interval,
                "wkst": "MO",
                "byday": byday,
                // The first meeting, so that every N weeks counts the same
                // weeks here as in RFC 5545.
                "dtstart": date(s.first_date().unwrap_or(s.valid_from())),
                "valid_from": date(from),
                "opens_at": at(s.starts(), summer),
                "closes_at": at(s.ends(), summer),
                "timezone": if summer { 1 } else { 0 },
            });
            if let Some(map) = schedule.as_object_mut() {
                if let Some(until) = s.valid_until() {
                    map.insert("until".into(), json!(date(until)));
                }
                if let Some(to) = to {
                    map.insert("valid_to".into(), json!(date(to)));
                }
                let pairs = vec![
                    (VillageAttribute::Term, s.term_behaviour().code().to_owned()),
                    (
                        VillageAttribute::SkipsBankHolidays,
                        yes_no(s.skips_bank_holidays()).to_owned(),
                    ),
                ];
                map.insert(
                    "attributes".into(),
                    attributes(pairs, (&part_id, "schedule"), |k| {
                        ids.part(&format!("schedule/{}/{from}/attribute/{k}", n + 1))
                    }),
                );
            }
            out.push(schedule);
        }
    }
    Value::Array(out)
}

/// The venue as a physical location (access facts as words for everyone
/// and as attributes for Village), or an online group's virtual location
/// with its public link; a phone group has none.
fn locations(record: &GroupRecord, ids: &Ids) -> Value {
    let g = &record.group;
    let location = match (g.attendance, &g.venue) {
        (Attendance::InPerson, Some(venue)) => {
            let venue_id = record.venue_id.as_deref().unwrap_or(g.id.as_str());
            let location_id = uuid_for(&format!("venue:{venue_id}"));
            let venue_part = |what: &str| uuid_for(&format!("venue:{venue_id}/{what}"));
            let mut pairs = vec![(VillageAttribute::VillageId, venue_id.to_owned())];
            let mut accessibility = Vec::new();
            for (fact, kind) in AccessFact::ALL.into_iter().zip([
                VillageAttribute::StepFree,
                VillageAttribute::BuggySpace,
                VillageAttribute::BabyChange,
                VillageAttribute::Parking,
                VillageAttribute::NearBusStop,
            ]) {
                if let Some(said) = venue.access.get(fact) {
                    pairs.push((kind, yes_no(said).to_owned()));
                    accessibility.push(json!({
                        "id": venue_part(&format!("access/{}", fact.code())),
                        "location_id": location_id,
                        "description": fact.words(said),
                    }));
                }
            }
            let mut location = json!({
                "id": location_id,
                "location_type": "physical",
                "name": venue.name,
                "addresses": [{
                    "id": venue_part("address"),
                    "location_id": location_id,
                    "address_1": venue.address,
                    "city": venue.town,
                    "state_province": "",
                    "postal_code": venue.postcode,
                    "country": UNITED_KINGDOM,
                    "address_type": "physical",
                }],
                "accessibility": accessibility,
                "attributes": attributes(pairs, (&location_id, "location"), |n| venue_part(&format!("attribute/{n}"))),
            });
            if let Some(map) = location.as_object_mut() {
                if !venue.notes.is_empty() {
                    map.insert("description".into(), json!(venue.notes));
                }
                if !venue.public_transport.is_empty() {
                    map.insert("transportation".into(), json!(venue.public_transport));
                }
            }
            location
        }
        (Attendance::Online, _) => {
            let mut location = json!({
                "id": ids.part("online"),
                "location_type": "virtual",
                "name": "Online",
            });
            if let (Some(link), Some(map)) = (&g.joining.public_link, location.as_object_mut()) {
                map.insert("url".into(), json!(link));
            }
            location
        }
        _ => return json!([]),
    };
    let location_id = location.get("id").cloned().unwrap_or_default();
    json!([{
        "id": ids.part("at-location"),
        "service_id": ids.group(),
        "location_id": location_id,
        "location": location,
    }])
}

/// Whether a record is a group. Village's `kind` attribute says so; a
/// record with other Village attributes and no kind is a service (as
/// Village writes them). A record from elsewhere is a group when it has
/// weekly or monthly schedules with times and each lasts at most
/// [`MAX_SESSION_MINUTES`]: sessions, not opening hours.
pub(super) fn is_group(object: &Map<String, Value>) -> bool {
    let village = village_codes(object);
    if let Some((_, kind)) = village
        .iter()
        .find(|(code, _)| *code == VillageAttribute::Kind.code())
    {
        return kind.trim() == GROUP;
    }
    if !village.is_empty() {
        return false;
    }
    has_sessions(object)
}

/// Whether a record carries any attribute in the `village` taxonomy.
pub(super) fn has_village_attributes(object: &Map<String, Value>) -> bool {
    !village_codes(object).is_empty()
}

/// The (code, value) of each of a record's Village attributes.
fn village_codes(object: &Map<String, Value>) -> Vec<(&str, &str)> {
    object
        .get("attributes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| {
            // As `village_pairs` reads them.
            let code = super::village_code(a)?;
            Some((
                code,
                a.get("value").and_then(Value::as_str).unwrap_or_default(),
            ))
        })
        .collect()
}

/// Whether a record's schedules are sessions: weekly or monthly, with
/// times, none longer than [`MAX_SESSION_MINUTES`].
fn has_sessions(object: &Map<String, Value>) -> bool {
    let at_locations = object
        .get("service_at_locations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|at| at.get("schedules").and_then(Value::as_array))
        .flatten();
    let schedules = object
        .get("schedules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(at_locations);
    let mut sessions = 0;
    for s in schedules {
        let text = |key: &str| s.get(key).and_then(Value::as_str);
        let repeats = text("freq")
            .is_some_and(|f| f.eq_ignore_ascii_case("WEEKLY") || f.eq_ignore_ascii_case("MONTHLY"));
        let by_other = ["bymonthday", "byweekno", "byyearday"]
            .iter()
            .any(|key| text(key).is_some_and(|t| !t.trim().is_empty()));
        let (Some(opens), Some(closes), true, false) = (
            text("opens_at").and_then(time_of),
            text("closes_at").and_then(time_of),
            repeats,
            by_other,
        ) else {
            continue;
        };
        let minutes = (closes - opens).num_minutes();
        if !(1..=MAX_SESSION_MINUTES).contains(&minutes) {
            return false;
        }
        sessions += 1;
    }
    sessions > 0
}

/// Where a form field's fault is in the record, as it was read.
struct Places(Vec<(&'static str, String)>);

impl Places {
    fn of(&self, field: &str) -> String {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, at)| at.clone())
            .unwrap_or_else(|| field.to_owned())
    }
}

/// One schedule as read, before the parts of one schedule (written once
/// per clock period) are put back together.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Part {
    recurrence: Recurrence,
    starts: NaiveTime,
    ends: NaiveTime,
    dtstart: Option<NaiveDate>,
    until: Option<NaiveDate>,
    count: Option<u64>,
    wkst: Weekday,
    term: TermBehaviour,
    skips_bank_holidays: bool,
}

/// A record read as a group, checked as an organiser's form is. `None`
/// with faults when something is wrong; `None` without, with a note, when
/// the group is not active.
pub(super) fn read(
    object: &Map<String, Value>,
    known: &Known,
    faults: &mut Faults,
) -> Option<GroupRecord> {
    use VillageAttribute as A;
    let f = Fields::new(object, String::new());
    let pairs = village_pairs(&f, faults);
    let own = !pairs.is_empty();
    let one = |kind: A| {
        pairs
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|(_, v, at)| (*v, at.clone()))
    };
    let mut places = Places(Vec::new());
    let id = f.required("id", faults).and_then(|raw| {
        let raw = raw.trim().to_ascii_lowercase();
        let claimed = one(A::VillageId).map(|(v, _)| v);
        let mine = claimed.filter(|own| uuid_for(&format!("group:{own}")) == raw);
        if let (Some(claimed), None) = (claimed, mine) {
            faults.push(
                "attributes",
                format!("the village-id {claimed:?} does not belong to this record's id; leave it out, or give the id Village wrote"),
            );
        }
        GroupId::parse(mine.unwrap_or(&raw))
            .map_err(|_| faults.push("id", "should be 1 to 64 lowercase letters, digits and single dashes (a UUID is fine)"))
            .ok()
    });
    let status = f.required("status", faults).map(str::trim);
    let (organisation_id, organisation) = organisation(&f, known, faults);
    let last_confirmed = last_confirmed(&f, known.today, faults);

    // Where it meets: a physical location is a venue, a virtual one online.
    let mut venue = None;
    let mut venue_id = None;
    let mut virtual_at = None;
    // The schedules at the place the group meets are its times too; those
    // at any other place are left out, and said.
    let mut place_schedules = Vec::new();
    let mut placed = false;
    for at in f.list("service_at_locations", faults) {
        let Some(location) = at.object("location", faults) else {
            continue;
        };
        let kind = location.text("location_type", faults).unwrap_or("physical");
        // The first place, in a room or online, is where the group meets.
        let ours = !placed
            && (kind.eq_ignore_ascii_case("virtual") || kind.eq_ignore_ascii_case("physical"));
        let theirs = at.list("schedules", faults);
        if ours {
            placed = true;
            place_schedules.extend(theirs);
        } else {
            let name = location.text("name", faults).unwrap_or_default();
            faults.note(format!(
                "{}: a group meets in one place in Village, so {:?} and its {} schedules are left out: list it as a group of its own",
                at.path,
                name.chars().take(60).collect::<String>(),
                theirs.len()
            ));
            continue;
        }
        if kind.eq_ignore_ascii_case("virtual") {
            let link = location
                .text("url", faults)
                .map(str::trim)
                .filter(|l| !l.is_empty());
            if link.is_some_and(|l| !is_plain_https(l) || l.chars().count() > MAX_LINK_CHARS) {
                faults.push(
                    location.at("url"),
                    format!("should be a web address starting with https:// of at most {MAX_LINK_CHARS} characters"),
                );
            }
            let said = location.text("description", faults).unwrap_or_default();
            virtual_at = Some((
                link.map(str::to_owned),
                said.trim().to_owned(),
                location.at("description"),
            ));
        } else {
            let (id, read) = read_venue(&location, known, organisation_id.as_deref(), faults);
            venue_id = id;
            venue = read;
        }
    }
    let attendance = match one(A::Attendance) {
        Some((code, at)) => match Attendance::from_code(code) {
            Some(a) => Some(a),
            None => {
                faults.push(at, format!("{code:?} should be in_person, online or phone"));
                None
            }
        },
        None if venue.is_some() => Some(Attendance::InPerson),
        None if virtual_at.is_some() => Some(Attendance::Online),
        None => {
            faults.push(
                "service_at_locations",
                "says nothing about where the group meets: give a physical location (its venue) or a virtual one (online)",
            );
            None
        }
    };
    let place = match attendance {
        Some(Attendance::InPerson) => match &venue_id {
            Some(id) => format!("venue:{id}"),
            None => String::new(),
        },
        Some(Attendance::Online) => "online".to_owned(),
        Some(Attendance::Phone) => "phone".to_owned(),
        None => String::new(),
    };
    places.0.push(("place", "service_at_locations".to_owned()));
    let (joining, joining_at) = match one(A::Joining) {
        Some((text, at)) => (text.to_owned(), at),
        None => match &virtual_at {
            Some((_, said, at)) => (said.clone(), at.clone()),
            None => (String::new(), "attributes (joining)".to_owned()),
        },
    };
    places.0.push(("joining", joining_at));

    // Who is welcome, and the ages of children.
    let mut welcome = [false; 5];
    let mut age_from = String::new();
    let mut age_to = String::new();
    let mut focus = Focus::General;
    let mut form_facts = FactsForm::default();
    let mut exceptions = Vec::new();
    let mut details_to_check = false;
    let mut is_sample = false;
    for (kind, value, at) in &pairs {
        let yes = |faults: &mut Faults| match *value {
            "yes" | "true" => Some(true),
            "no" | "false" => Some(false),
            _ => {
                faults.push(at.clone(), format!("{value:?} should be yes or no"));
                None
            }
        };
        let said = |field: &'static str, places: &mut Places| {
            places.0.push((field, at.clone()));
            (*value).to_owned()
        };
        match kind {
            A::Focus => match Focus::from_code(value) {
                Some(f) => focus = f,
                None => faults.push(
                    at.clone(),
                    format!("{value:?} should be mental_health or general"),
                ),
            },
            A::Welcome => match WELCOME.iter().position(|w| w == value) {
                Some(n) => welcome[n] = true,
                None => faults.push(
                    at.clone(),
                    format!("{value:?} should be one of {}", WELCOME.join(", ")),
                ),
            },
            A::ChildAges => match value.split_once('-') {
                Some((from, to)) => {
                    age_from = from.trim().to_owned();
                    age_to = to.trim().to_owned();
                    places.0.push(("age_from", at.clone()));
                    places.0.push(("age_to", at.clone()));
                }
                None => faults.push(
                    at.clone(),
                    format!("{value:?} should be two ages in months, such as 0-12"),
                ),
            },
            A::GroupFormat => form_facts.format = said("format", &mut places),
            A::Booking => form_facts.booking = said("booking", &mut places),
            A::RunBy => form_facts.run_by = said("run_by", &mut places),
            A::FacilitatedBy => form_facts.facilitated_by = said("facilitated_by", &mut places),
            A::Moderated => form_facts.moderated = said("moderated", &mut places),
            A::TypicalSize => form_facts.typical_size = said("typical_size", &mut places),
            A::TakingNewMembers => {
                form_facts.taking_new_members = said("taking_new_members", &mut places)
            }
            A::FirstVisit => form_facts.first_visit = said("first_visit", &mut places),
            A::NextCourseStart => {
                match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                    // A start that has passed is no longer news.
                    Ok(day) if day < known.today => faults.note(format!(
                        "{at}: the next course was to start on {day}, which has passed, so it is not shown"
                    )),
                    _ => form_facts.next_course_start = said("next_course_start", &mut places),
                }
            }
            A::DetailsToCheck => details_to_check = yes(faults).unwrap_or(false),
            A::Sample => is_sample = yes(faults).unwrap_or(false),
            A::Exception => match serde_json::from_str::<Exception>(value) {
                Ok(e) => match e.check() {
                    Ok(()) => exceptions.push(e),
                    Err(why) => faults.push(at.clone(), why.to_string()),
                },
                Err(_) => faults.push(
                    at.clone(),
                    "should be a cancelled, extra or moved session as Village writes it (JSON)",
                ),
            },
            A::Kind | A::VillageId | A::Attendance | A::Joining => {}
            other => faults.push(
                at.clone(),
                format!("{:?} is a service's attribute, not a group's", other.code()),
            ),
        }
    }
    if !own {
        // A file from elsewhere does not say what Village asks organisers;
        // only what the file gives is read, and what is not shown is said.
        let eligibility = f.words("eligibility_description", 2_000, faults);
        if !eligibility.is_empty() {
            faults.note(format!(
                "eligibility_description: {:?} is not shown on a group's page: put who is welcome in its description",
                eligibility.chars().take(80).collect::<String>()
            ));
        }
        for schedule in f.list("schedules", faults) {
            let words = schedule.words("description", 2_000, faults);
            if !words.is_empty() {
                faults.note(format!(
                    "{}: {:?} is not shown: a group's times are read from freq, byday and the times (term time is Village's term attribute)",
                    schedule.path,
                    words.chars().take(80).collect::<String>()
                ));
            }
        }
        let process = f.words("application_process", 2_000, faults);
        if !process.is_empty() {
            faults.note(format!(
                "application_process: {:?} is not shown: Village shows how to book only for a group that says to book ahead (a village booking attribute)",
                process.chars().take(80).collect::<String>()
            ));
        }
    } else {
        form_facts.booking_how = f
            .text("application_process", faults)
            .unwrap_or_default()
            .to_owned();
        places
            .0
            .push(("booking_how", "application_process".to_owned()));
    }
    form_facts.cost_note = f
        .text("fees_description", faults)
        .unwrap_or_default()
        .to_owned();
    places.0.push(("cost_note", "fees_description".to_owned()));
    read_cost(&f, &mut form_facts, &mut places, faults);
    read_contact(&f, &mut form_facts, &mut places, faults);
    let named = languages(&f, faults);
    let mut others = Vec::new();
    for language in named {
        match language.to_ascii_lowercase().as_str() {
            "english" | "en" => form_facts.english = true,
            "cymraeg" | "welsh" | "cy" => form_facts.cymraeg = true,
            _ => others.push(language),
        }
    }
    form_facts.other_languages = others.join(", ");
    places.0.push(("other_languages", "languages".to_owned()));

    let area = group_area(&f, known, faults);
    let times =
        read_times(&f, place_schedules, (known.today, !own), faults).and_then(|schedules| {
            let reach = if area.as_ref().is_some_and(Option::is_none) {
                Reach::National
            } else {
                Reach::Area
            };
            GroupTimes::new(reach, schedules, exceptions)
                .map_err(|why| faults.push("schedules", why.to_string()))
                .ok()
        });

    let title = f.text("name", faults).unwrap_or_default();
    places.0.push(("title", "name".to_owned()));
    let form = WeeklyGroupForm {
        title: title.to_owned(),
        description: f.text("description", faults).unwrap_or_default().to_owned(),
        place,
        joining,
        mental_health: focus == Focus::MentalHealth,
        pregnant: welcome[0],
        babies: welcome[1],
        toddlers: welcome[2],
        partners: welcome[3],
        older_children: welcome[4],
        age_from,
        age_to,
        facts: form_facts,
        ..WeeklyGroupForm::default()
    };
    let venues: Vec<String> = venue_id.iter().cloned().collect();
    let checked = times.and_then(|times| {
        group_with_times(&form, &venues, known.today, times)
            .map_err(|errors| {
                for e in errors {
                    faults.push(places.of(e.field), e.message);
                }
            })
            .ok()
    });
    if let Some(status) = status.filter(|s| *s != "active") {
        faults.note(format!("status is {status:?}: the group is not imported"));
        return None;
    }
    if !faults.is_empty() {
        return None;
    }
    let (checked, (details, organisation_name)) = (checked?, organisation?);
    match (&checked.attendance, &virtual_at, &venue) {
        (Attendance::InPerson, Some((Some(_), _, at)), _) => faults.note(format!(
            "{}: the online link of a group that meets in person is not shown",
            at.trim_end_matches(".description")
        )),
        (Attendance::Online | Attendance::Phone, _, Some(_)) => faults.note(
            "service_at_locations: the place of a group that meets online or by phone is not shown",
        ),
        _ => {}
    }
    let public_link = match checked.attendance {
        Attendance::Online => virtual_at.and_then(|(link, _, _)| link),
        _ => None,
    };
    let group = Group {
        id: id?,
        organisation_id: organisation_id.clone()?,
        organisation_name,
        area: area?,
        title: checked.title,
        description: checked.description,
        focus: checked.focus,
        welcome: checked.welcome,
        attendance: checked.attendance,
        venue: venue.filter(|_| checked.attendance == Attendance::InPerson),
        joining: Joining {
            details: checked.joining_details,
            public_link,
        },
        facts: checked.facts,
        details_to_check,
        last_confirmed: last_confirmed?,
        listed_on: None,
        is_sample,
        times: checked.times,
    };
    Some(GroupRecord {
        organisation_id: organisation_id?,
        organisation: details,
        venue_id: checked.venue_id,
        group,
    })
}

/// `assured_date`, or else the day of `last_modified`: Village tells
/// parents when a group was last confirmed, so one of them is needed.
fn last_confirmed(f: &Fields, today: NaiveDate, faults: &mut Faults) -> Option<NaiveDate> {
    let (key, text) = match (
        f.text("assured_date", faults),
        f.text("last_modified", faults),
    ) {
        (Some(text), _) => ("assured_date", text),
        (None, Some(text)) => ("last_modified", text),
        (None, None) => {
            faults.push(
                "assured_date",
                "is missing: Village tells parents when a group's details were last confirmed, so give the day they were last checked",
            );
            return None;
        }
    };
    let day = text
        .trim()
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match day {
        Some(day) if day > today => {
            faults.push(key, format!("{text} is in the future"));
            None
        }
        Some(day) => match crate::OutsideDate::check(day, today) {
            Ok(_) => Some(day),
            Err(err) => {
                faults.push(key, err.to_string());
                None
            }
        },
        None => {
            faults.push(key, format!("{text:?} should be a date written YYYY-MM-DD"));
            None
        }
    }
}

/// The cost, from `cost_options`: an amount of 0 (or "Free") is free, one
/// price above 0 is that amount, "pay what you can" is that; several prices
/// are described in the cost's note. Nothing said is not known.
fn read_cost(f: &Fields, form: &mut FactsForm, places: &mut Places, faults: &mut Faults) {
    places.0.push(("cost", "cost_options".to_owned()));
    places.0.push(("cost_amount", "cost_options".to_owned()));
    let mut prices: Vec<u32> = Vec::new();
    let mut free = false;
    let mut what_you_can = false;
    for option in f.list("cost_options", faults) {
        let what = option
            .text("option", faults)
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match option.map.get("amount") {
            Some(Value::Number(n)) => match n.as_f64() {
                Some(amount) if amount.abs() < f64::EPSILON => free = true,
                Some(amount) if amount > 0.0 && amount <= 1_000.0 => {
                    // Pence are whole: 2.5 is £2.50.
                    let pence = (amount * 100.0).round() as u32;
                    if !prices.contains(&pence) {
                        prices.push(pence);
                    }
                }
                _ => faults.push(
                    option.at("amount"),
                    "should be an amount in pounds from 0 to 1,000",
                ),
            },
            None | Some(Value::Null) if what == "free" => free = true,
            None | Some(Value::Null) if what.contains("pay what you can") => what_you_can = true,
            _ => {}
        }
    }
    let (cost, amount) = match (prices.as_slice(), free, what_you_can) {
        ([], true, false) => ("free", String::new()),
        ([], false, true) => ("pay_what_you_can", String::new()),
        ([pence], false, false) => ("amount", pounds(*pence).trim_start_matches('£').to_owned()),
        ([], false, false) => ("", String::new()),
        _ => {
            let all: Vec<String> = prices.iter().map(|p| pounds(*p)).collect();
            faults.note(format!(
                "cost_options: several prices ({}) are one cost in Village: the cost is shown as not known, with the prices in its note",
                all.join(", ")
            ));
            let note = format!("Prices: {}", all.join(", "));
            form.cost_note = if form.cost_note.is_empty() {
                note
            } else {
                format!("{} ({note})", form.cost_note)
            };
            ("", String::new())
        }
    };
    form.cost = cost.to_owned();
    form.cost_amount = amount;
}

/// The organiser's contact: the first phone to call or text, else the
/// email, else the web address. Village keeps one; the others are noted.
fn read_contact(f: &Fields, form: &mut FactsForm, places: &mut Places, faults: &mut Faults) {
    let mut found: Vec<(&'static str, String, String)> = Vec::new();
    for p in f.list("phones", faults) {
        let kind = p
            .text("type", faults)
            .map(|t| t.trim().to_ascii_lowercase());
        let way = match kind.as_deref() {
            None | Some("voice" | "cell" | "") => "phone",
            Some("text") => "text",
            _ => continue,
        };
        let number = p
            .text("number", faults)
            .unwrap_or_default()
            .trim()
            .trim_matches(['"', '\'']);
        found.push((way, number.to_owned(), p.at("number")));
    }
    for (key, way) in [("email", "email"), ("url", "web")] {
        if let Some(text) = f.text(key, faults).map(str::trim).filter(|t| !t.is_empty()) {
            found.push((way, text.to_owned(), key.to_owned()));
        }
    }
    let mut found = found.into_iter();
    if let Some((way, value, at)) = found.next() {
        form.contact_way = way.to_owned();
        form.contact = value;
        places.0.push(("contact", at.clone()));
        places.0.push(("contact_way", at));
    }
    for (_, value, at) in found {
        faults.note(format!(
            "{at}: {:?} is not kept: a group has one contact for its organiser in Village",
            value.chars().take(80).collect::<String>()
        ));
    }
}

/// The group's area: `Some(None)` for a national group (the United
/// Kingdom), `Some(Some(area))` for one Village area.
fn group_area(f: &Fields, known: &Known, faults: &mut Faults) -> Option<Option<AreaId>> {
    let mut national = false;
    let mut found: Vec<AreaId> = Vec::new();
    let mut unmatched: Vec<String> = Vec::new();
    let areas = f.list("service_areas", faults);
    for area in &areas {
        let uri = area.text("uri", faults).map(str::trim);
        let name = area.text("name", faults).map(str::trim);
        if uri == Some(NATIONAL_AREA_URI)
            || name.is_some_and(|n| {
                ["United Kingdom", "UK", "National"]
                    .iter()
                    .any(|w| n.eq_ignore_ascii_case(w))
            })
        {
            national = true;
            continue;
        }
        let mapped = [name, uri].into_iter().flatten().find_map(|said| {
            known
                .area_map
                .iter()
                .find(|(from, _)| from.trim().eq_ignore_ascii_case(said))
                .map(|(_, to)| to.clone())
        });
        let by_id = uri.and_then(|u| u.strip_prefix(AREA_URI_PREFIX));
        let hit = mapped.or_else(|| {
            known
                .areas
                .iter()
                .find(|(id, n)| {
                    Some(id.as_str()) == by_id
                        || name.is_some_and(|name| n.eq_ignore_ascii_case(name))
                })
                .map(|(id, _)| id.clone())
        });
        match hit {
            Some(id) if !found.contains(&id) => found.push(id),
            Some(_) => {}
            None => unmatched.push(name.or(uri).unwrap_or_default().chars().take(60).collect()),
        }
    }
    if areas.is_empty() {
        if let Some((_, to)) = known.area_map.iter().find(|(from, _)| from == "*") {
            found.push(to.clone());
        }
    }
    match (national, found.as_slice(), unmatched.as_slice()) {
        (true, [], []) => Some(None),
        (false, [one], []) => Some(Some(one.clone())),
        (_, _, [first, ..]) => {
            faults.push(
                "service_areas",
                format!("{first:?} matches no Village area: map it to one with --area-map"),
            );
            None
        }
        (false, [], []) => {
            faults.push(
                "service_areas",
                "is missing: a group belongs to one area (or to the United Kingdom, for a national group); an --area-map entry \"*\" names the area for groups that say none",
            );
            None
        }
        _ => {
            faults.push(
                "service_areas",
                "names several areas: a group belongs to one area, or to the United Kingdom for a national group",
            );
            None
        }
    }
}

/// The venue a physical location describes, and its id: Village's own (as
/// its files carry it) or the location's. A venue that is another
/// organisation's cannot be taken over.
fn read_venue(
    location: &Fields,
    known: &Known,
    organisation_id: Option<&str>,
    faults: &mut Faults,
) -> (Option<String>, Option<Venue>) {
    use VillageAttribute as A;
    let raw = location
        .text("id", faults)
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let pairs = village_pairs(location, faults);
    let own = pairs
        .iter()
        .find(|(k, _, _)| *k == A::VillageId)
        .map(|(_, v, _)| *v)
        .filter(|own| uuid_for(&format!("venue:{own}")) == raw);
    let id = match id_of(own.unwrap_or(&raw)) {
        Ok(id) => Some(id.as_str().to_owned()),
        Err(why) => {
            faults.push(location.at("id"), why);
            None
        }
    };
    let mut access = Access::default();
    for (kind, value, at) in &pairs {
        let fact = match kind {
            A::StepFree => AccessFact::StepFree,
            A::BuggySpace => AccessFact::BuggySpace,
            A::BabyChange => AccessFact::BabyChange,
            A::Parking => AccessFact::Parking,
            A::NearBusStop => AccessFact::NearBusStop,
            A::VillageId => continue,
            other => {
                faults.push(
                    at.clone(),
                    format!("{:?} is not an attribute of a venue", other.code()),
                );
                continue;
            }
        };
        let said = match *value {
            "yes" => true,
            "no" => false,
            _ => {
                faults.push(at.clone(), format!("{value:?} should be yes or no"));
                continue;
            }
        };
        access.set_said(fact, Some(said));
    }
    let addresses = location.list("addresses", faults);
    let address = addresses.iter().find(|a| {
        a.map
            .get("address_type")
            .and_then(Value::as_str)
            .is_none_or(|kind| kind.trim().eq_ignore_ascii_case("physical"))
    });
    let line = |key: &str, faults: &mut Faults| {
        address
            .map(|a| a.words(key, crate::text_limits::MAX_NAME_CHARS, faults))
            .unwrap_or_default()
    };
    let address_1 = line("address_1", faults);
    let address_2 = line("address_2", faults);
    let town = line("city", faults);
    let postcode = line("postal_code", faults);
    let name = location.words("name", crate::text_limits::MAX_NAME_CHARS, faults);
    let name = if name.is_empty() {
        address_1.clone()
    } else {
        name
    };
    if name.is_empty() {
        faults.push(
            location.at("name"),
            "is missing: give the venue's name or its address",
        );
    }
    let mut notes = location
        .text("description", faults)
        .unwrap_or_default()
        .trim()
        .to_owned();
    if !pairs.iter().any(|(kind, ..)| *kind != A::VillageId) {
        // From elsewhere: the access the file gives in words is kept in the
        // venue's notes (Village's own files give it as attributes).
        let said: Vec<String> = location
            .list("accessibility", faults)
            .iter()
            .map(|a| {
                a.text("description", faults)
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
            .filter(|d| !d.is_empty())
            .collect();
        if !said.is_empty() {
            let words = said.join(". ");
            notes = if notes.is_empty() {
                words
            } else {
                format!("{notes}. {words}")
            };
        }
    }
    let form = crate::calendar::VenueForm {
        name,
        address: if address_2.is_empty() {
            address_1
        } else {
            format!("{address_1}, {address_2}")
        },
        town,
        postcode,
        access: AccessFact::ALL.map(|fact| {
            match access.get(fact) {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            }
            .to_owned()
        }),
        public_transport: location
            .text("transportation", faults)
            .unwrap_or_default()
            .to_owned(),
        notes,
    };
    // The organiser's venue form's own checks, at the field they came from.
    let venue = match crate::calendar::venue::venue(&form, false) {
        Ok(venue) => venue,
        Err(errors) => {
            let address_at = |key: &str| {
                let n = addresses
                    .iter()
                    .position(|a| address.is_some_and(|b| std::ptr::eq(a, b)))
                    .unwrap_or(0);
                location.at(&format!("addresses[{}].{key}", n + 1))
            };
            for e in errors {
                let at = match e.field {
                    "name" => location.at("name"),
                    "address" => address_at("address_1"),
                    "town" => address_at("city"),
                    "postcode" => address_at("postal_code"),
                    "public_transport" => location.at("transportation"),
                    "notes" => location.at("description"),
                    _ => location.at("attributes"),
                };
                faults.push(at, e.message);
            }
            return (id, None);
        }
    };
    // A group may meet in another organisation's venue, as that
    // organisation keeps it: a file cannot change it.
    if let (Some(id), Some(org)) = (&id, organisation_id) {
        let theirs = known
            .venues
            .iter()
            .find(|(v, owner, _)| v == id && owner != org);
        if theirs.is_some_and(|(_, _, kept)| *kept != venue) {
            faults.push(
                location.at("id"),
                format!("{id:?} is another organisation's venue, and this gives different details for it: give this group's own venue, or that venue as it is"),
            );
        }
    }
    (id, Some(venue))
}

/// The most schedules one group may have: a real group has a few.
pub const MAX_SCHEDULES_A_GROUP: usize = 100;

/// The most days one schedule's `byday` may name (every weekday in each
/// of a month's five weeks).
pub const MAX_DAYS_A_SCHEDULE: usize = 35;

/// The most sessions a `count` may give; longer runs give `until`.
pub const MAX_COUNT: u64 = 1_000;

/// The group's times: the service's schedules and those at the place it
/// meets, read as Village schedules. The parts of one schedule that Village
/// wrote once per clock period carry its `dtstart` and are read as one;
/// parts without `dtstart` are each their own (two blocks of term at the
/// same times stay two, with the Christmas holidays between them). A
/// schedule Village cannot show (a day of the month, daily) is noted and
/// left out; a group left with no time at all is refused.
fn read_times(
    f: &Fields,
    place_schedules: Vec<Fields>,
    (today, from_elsewhere): (NaiveDate, bool),
    faults: &mut Faults,
) -> Option<Vec<Schedule>> {
    let mut all = f.list("schedules", faults);
    all.extend(place_schedules);
    if all.len() > MAX_SCHEDULES_A_GROUP {
        faults.push(
            "schedules",
            format!(
                "there are {} schedules; a group has at most {MAX_SCHEDULES_A_GROUP}: give each place or kind of session as a group of its own",
                all.len()
            ),
        );
        return None;
    }
    // Each schedule with where it was first read, its earliest valid_from
    // and its latest valid_to (`Some(None)`: a part is open-ended).
    type Merged = (Part, String, Option<NaiveDate>, Option<Option<NaiveDate>>);
    let mut merged: Vec<Merged> = Vec::new();
    let mut index: std::collections::HashMap<Part, usize> = std::collections::HashMap::new();
    let mut ok = true;
    for s in &all {
        let Some(parts) = read_schedule(s, faults) else {
            ok = false;
            continue;
        };
        let from = date_in(s, "valid_from");
        let to = date_in(s, "valid_to");
        for part in parts {
            let found = part
                .dtstart
                .is_some()
                .then(|| index.get(&part).copied())
                .flatten();
            match found.and_then(|n| merged.get_mut(n)) {
                Some((_, _, first, last)) => {
                    *first = match (*first, from) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    *last = match (*last, to) {
                        (Some(Some(a)), Some(b)) => Some(Some(a.max(b))),
                        _ => Some(None),
                    };
                }
                None => {
                    if part.dtstart.is_some() {
                        index.insert(part.clone(), merged.len());
                    }
                    merged.push((part, s.path.clone(), from, Some(to)));
                }
            }
        }
    }
    let mut schedules = Vec::new();
    for (part, path, first, last) in merged {
        let mut valid_until = match (part.until, last.flatten()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let valid_from = part
            .dtstart
            .map(|start| first_meeting(part.recurrence, start, part.wkst))
            .or(first)
            .unwrap_or(today);
        // From elsewhere, a valid_from later than dtstart is when the
        // schedule begins: its first meeting from then, in the weeks that
        // dtstart set. (Village's own parts give valid_from per clock
        // period, and dtstart the first meeting.)
        let valid_from = match (from_elsewhere, part.dtstart, first) {
            (true, Some(_), Some(begins)) if begins > valid_from => {
                let pattern = Schedule::new(ScheduleParts {
                    recurrence: part.recurrence,
                    starts: part.starts,
                    ends: part.ends,
                    valid_from,
                    valid_until: None,
                    term_behaviour: part.term,
                    skips_bank_holidays: part.skips_bank_holidays,
                });
                pattern
                    .ok()
                    .and_then(|p| p.dates_from(begins).next())
                    .unwrap_or(begins)
            }
            _ => valid_from,
        };
        // A schedule whose first meeting would be after its last day has
        // no meetings: it is left out, and said.
        if valid_until.is_some_and(|until| valid_from > until) {
            faults.note(format!(
                "{path}: its first meeting would be after its last day, so it has none; left out"
            ));
            continue;
        }
        let built = |valid_until| {
            Schedule::new(ScheduleParts {
                recurrence: part.recurrence,
                starts: part.starts,
                ends: part.ends,
                valid_from,
                valid_until,
                term_behaviour: part.term,
                skips_bank_holidays: part.skips_bank_holidays,
            })
        };
        // `count` sessions: the last of them is the last date.
        if let (Some(count), Ok(schedule)) = (part.count, built(valid_until)) {
            let last = match part.recurrence {
                Recurrence::Weeks { interval, .. } => schedule.first_date().and_then(|first| {
                    let weeks = (count - 1).saturating_mul(u64::from(interval));
                    first.checked_add_signed(chrono::Duration::weeks(i64::try_from(weeks).ok()?))
                }),
                Recurrence::Month { .. } => schedule
                    .dates_from(valid_from)
                    .nth(usize::try_from(count - 1).unwrap_or(0)),
            };
            valid_until = match (valid_until, last) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        match built(valid_until) {
            Ok(schedule) => schedules.push(schedule),
            Err(why) => {
                faults.push(path, why.to_string());
                ok = false;
            }
        }
    }
    if schedules.len() > MAX_SCHEDULES_A_GROUP {
        faults.push(
            "schedules",
            format!(
                "give {} times (a day each); a group has at most {MAX_SCHEDULES_A_GROUP}",
                schedules.len()
            ),
        );
        return None;
    }
    if ok && schedules.is_empty() {
        faults.push(
            "schedules",
            "gives no time Village can show as a group's (weekly or monthly, on named days, with a start and end time)",
        );
        return None;
    }
    ok.then_some(schedules)
}

/// The first meeting of a schedule from `dtstart`, as RFC 5545 counts it:
/// every `interval` weeks counts from the week (starting on `wkst`) that
/// holds `dtstart`; a meeting before `dtstart` in that week is not one.
fn first_meeting(recurrence: Recurrence, dtstart: NaiveDate, wkst: Weekday) -> NaiveDate {
    use chrono::Datelike;
    match recurrence {
        Recurrence::Weeks { interval, weekday } if interval > 1 => {
            let back =
                (7 + dtstart.weekday().num_days_from_monday() - wkst.num_days_from_monday()) % 7;
            let ahead = (7 + weekday.num_days_from_monday() - wkst.num_days_from_monday()) % 7;
            let week_start = dtstart - chrono::Duration::days(i64::from(back));
            let in_that_week = week_start + chrono::Duration::days(i64::from(ahead));
            if in_that_week >= dtstart {
                in_that_week
            } else {
                in_that_week + chrono::Duration::weeks(i64::from(interval))
            }
        }
        // Weekly and monthly: the first day on or after dtstart, as Village
        // counts too.
        _ => dtstart,
    }
}

/// One schedule object as parts (one per day it names); `Some(vec![])`
/// with a note when Village cannot show it, `None` after a fault.
fn read_schedule(s: &Fields, faults: &mut Faults) -> Option<Vec<Part>> {
    use VillageAttribute as A;
    let before = faults.len();
    let mut term = TermBehaviour::AllYear;
    let mut skips_bank_holidays = false;
    for (kind, value, at) in village_pairs(s, faults) {
        match kind {
            A::Term => match TermBehaviour::from_code(value) {
                Some(t) => term = t,
                None => faults.push(
                    at,
                    format!("{value:?} should be all_year, term_time_only or holidays_only"),
                ),
            },
            A::SkipsBankHolidays => match value {
                "yes" => skips_bank_holidays = true,
                "no" => skips_bank_holidays = false,
                _ => faults.push(at, format!("{value:?} should be yes or no")),
            },
            other => faults.push(
                at,
                format!("{:?} is not an attribute of a schedule", other.code()),
            ),
        }
    }
    let mut day = |key: &str| schedule_day(s, key, faults);
    let dtstart = day("dtstart");
    let until = day("until");
    let _checked = (day("valid_from"), day("valid_to"));
    let (opens, closes) = (
        schedule_time(s, "opens_at", faults),
        schedule_time(s, "closes_at", faults),
    );
    let number = |key: &str, faults: &mut Faults| match s.map.get(key) {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64() {
            Some(n) => Some(n),
            None => {
                faults.push(s.at(key), "should be a whole number above 0");
                None
            }
        },
    };
    let interval = number("interval", faults).unwrap_or(1);
    let count = number("count", faults);
    if interval == 0 {
        faults.push(s.at("interval"), "should be a whole number above 0");
    }
    match count {
        Some(0) => faults.push(s.at("count"), "should be a whole number above 0"),
        Some(n) if n > MAX_COUNT => faults.push(
            s.at("count"),
            format!("{n} sessions is more than Village reads ({MAX_COUNT}): give until, the last day, instead"),
        ),
        _ => {}
    }
    let wkst = match s.text("wkst", faults).map(str::trim) {
        None | Some("") => Weekday::Mon,
        Some(code) => match DAYS.iter().find(|(_, c)| c.eq_ignore_ascii_case(code)) {
            Some((day, _)) => *day,
            None => {
                faults.push(
                    s.at("wkst"),
                    format!("{code:?} is not a day (MO, TU, WE, TH, FR, SA or SU)"),
                );
                Weekday::Mon
            }
        },
    };
    if interval > 1 && dtstart.is_none() {
        faults.push(
            s.at("dtstart"),
            format!("is missing: a schedule every {interval} weeks needs the day of its first session, to know which weeks"),
        );
    }
    let freq = s
        .text("freq", faults)
        .map(|t| t.trim().to_ascii_uppercase());
    let byday = s.text("byday", faults).unwrap_or_default();
    if faults.len() > before {
        return None;
    }
    let skip = |faults: &mut Faults, why: &str| {
        faults.note(format!(
            "{}: {why}, which Village cannot show as a group's times; left out",
            s.path
        ));
        Some(Vec::new())
    };
    for key in ["bymonthday", "byweekno", "byyearday"] {
        if s.map
            .get(key)
            .and_then(Value::as_str)
            .is_some_and(|t| !t.trim().is_empty())
        {
            return skip(faults, &format!("it repeats by {key}"));
        }
    }
    let (Some(freq), Some(opens), Some(closes)) = (freq, opens, closes) else {
        return skip(faults, "it gives no frequency, or no start and end time");
    };
    let weekly = freq == "WEEKLY";
    if !weekly && freq != "MONTHLY" {
        return skip(faults, &format!("it repeats {freq}"));
    }
    if !weekly && interval != 1 {
        return skip(faults, &format!("it meets every {interval} months"));
    }
    let interval = match u8::try_from(interval) {
        Ok(n) if (1..=crate::calendar::schedule::MAX_WEEK_INTERVAL).contains(&n) => n,
        _ => return skip(faults, &format!("it meets every {interval} weeks")),
    };
    let mut parts: Vec<Part> = Vec::new();
    let codes: Vec<&str> = byday
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if codes.len() > MAX_DAYS_A_SCHEDULE {
        faults.push(
            s.at("byday"),
            format!(
                "names {} days; a schedule names at most {MAX_DAYS_A_SCHEDULE}",
                codes.len()
            ),
        );
        return None;
    }
    if count.is_some() && codes.len() > 1 {
        // RFC 5545 counts sessions across every day named; Village's times
        // are one day each, so the count would be wrong on every one.
        faults.push(
            s.at("count"),
            "with more than one day in byday cannot be shown exactly: give until, the last day, instead",
        );
        return None;
    }
    for code in codes {
        let code = code.to_ascii_uppercase();
        let split = code.len().saturating_sub(2);
        let Some((weekday, ordinal)) = code
            .split_at_checked(split)
            .and_then(|(ordinal, name)| Some((DAYS.iter().find(|(_, c)| *c == name)?.0, ordinal)))
        else {
            faults.push(s.at("byday"), format!("{code:?} is not a day (MO, TU, WE, TH, FR, SA or SU, after a number in a monthly schedule)"));
            return None;
        };
        let recurrence = match (weekly, ordinal) {
            (true, "") => Recurrence::Weeks { interval, weekday },
            (false, n) => match n.parse::<i64>().ok().and_then(WeekOfMonth::from_ordinal) {
                Some(week) => Recurrence::Month { week, weekday },
                None => return skip(faults, &format!("it meets on {code} of the month")),
            },
            (true, _) => return skip(faults, &format!("a weekly schedule names {code}")),
        };
        // The same day twice (`1TU` and `+1TU`) is one day.
        if parts.iter().any(|p| p.recurrence == recurrence) {
            continue;
        }
        parts.push(Part {
            recurrence,
            starts: opens.with_second(0).unwrap_or(opens),
            ends: closes.with_second(0).unwrap_or(closes),
            dtstart,
            until,
            count,
            wkst,
            term,
            skips_bank_holidays,
        });
    }
    if parts.is_empty() {
        return skip(faults, "it names no day (byday)");
    }
    Some(parts)
}

#[cfg(test)]
#[path = "group_tests.rs"]
mod tests;
