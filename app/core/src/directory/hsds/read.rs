//! Reading an HSDS 3 file: every field checked, every fault reported.

use chrono::{NaiveDate, NaiveTime};
use serde_json::{Map, Value};
use std::{collections::HashMap, fmt};

use super::{
    uuid_for, Contents, GroupRecord, Record, VillageAttribute, AREA_URI_PREFIX, DAYS,
    NATIONAL_AREA_URI, TAXONOMY,
};
use crate::{
    directory::{
        Audience, Hours, Mode, Opening, Place, Referral, Service, ServiceCost, ServiceId,
        ServicePhone, Stage, Status, Topic,
    },
    text_limits::{MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS},
    written, AreaId, OrganisationDetails, PhoneNumber,
};

/// The largest file read: about ten times a 5,000-service directory.
pub const MAX_FILE_BYTES: usize = 64_000_000;

/// The deepest nesting read. HSDS needs six levels; the JSON reader stops
/// at this depth rather than exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Longest eligibility text, in characters.
const MAX_ELIGIBILITY_CHARS: usize = 2_000;
/// Longest website or email address, in characters.
const MAX_ADDRESS_CHARS: usize = 2_000;

/// What Village already has, which a file may refer to.
pub struct Known<'a> {
    /// Every area: its id and name.
    pub areas: &'a [(AreaId, String)],
    /// The ids and names of organisations already stored.
    pub organisations: &'a [(String, String)],
    /// Today, so that no service claims to be confirmed in the future.
    pub today: NaiveDate,
    /// Service area names (or URIs) from elsewhere, each with the Village
    /// area it means.
    pub area_map: &'a [(String, AreaId)],
    /// Every venue: its id, the id of the organisation that keeps it, and
    /// the venue.
    pub venues: &'a [(String, String, crate::calendar::Venue)],
}

/// One thing wrong with one field of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The record's place in the file, from 1.
    pub record: usize,
    pub id: Option<String>,
    pub name: Option<String>,
    /// Where in the record, e.g. `phones[2].number`.
    pub field: String,
    pub why: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "record {}", self.record)?;
        match (&self.id, &self.name) {
            (Some(id), Some(name)) => write!(f, " (id {id:?}, {name:?})")?,
            (Some(id), None) => write!(f, " (id {id:?})")?,
            (None, Some(name)) => write!(f, " ({name:?})")?,
            (None, None) => {}
        }
        write!(f, ", {}: {}", self.field, self.why)
    }
}

/// Why a file was not imported. Nothing is changed in any of these cases.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("The file is {} MB; Village reads at most {} MB at a time. Split it into smaller files: each is imported on its own, and importing a service again updates it.", .bytes / 1_000_000, MAX_FILE_BYTES / 1_000_000)]
    TooLarge { bytes: usize },
    #[error("The file is nested more than {MAX_DEPTH} levels deep (HSDS needs six), so it was not read.")]
    TooDeep,
    #[error("The file is not valid JSON: {why} (line {line}, column {column}).")]
    NotJson {
        why: String,
        line: usize,
        column: usize,
    },
    #[error("The file should hold HSDS services: a JSON array of services, an object whose \"contents\" is that array, one service, or an organization with its \"services\".")]
    NotServices,
    #[error("{} {} wrong:\n{}", .0.len(), if .0.len() == 1 { "thing is" } else { "things are" }, .0.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n"))]
    Faults(Vec<Fault>),
}

impl ReadError {
    fn from_json(err: &serde_json::Error) -> Self {
        let why = err.to_string();
        if why.starts_with("recursion limit exceeded") {
            return ReadError::TooDeep;
        }
        let why = why.split(" at line ").next().unwrap_or_default().to_owned();
        ReadError::NotJson {
            why,
            line: err.line(),
            column: err.column(),
        }
    }
}

/// What an import read but does not show: every field Village does not
/// keep, with how many times the file gives it, and notes such as hours
/// that have ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// (field path with list positions left out, how many), by path.
    pub not_kept: Vec<(String, usize)>,
    pub notes: Vec<String>,
    /// The names of records from elsewhere (with no Village attributes)
    /// read as groups, because their schedules are sessions.
    pub read_as_groups: Vec<String>,
}

/// Reads and checks a whole file. Either every record is good, or the
/// error lists every fault in every record.
pub fn read(text: &str, known: &Known) -> Result<Contents, ReadError> {
    read_reporting(text, known).map(|(contents, _)| contents)
}

/// The services a file holds, in any of HSDS's shapes: a list of services,
/// the paged form `{"contents": [...]}`, one service (as `GET
/// /services/{id}` answers), or an organization with its `services` (each
/// then run by it).
fn services_in(value: Value) -> Result<Vec<Value>, ReadError> {
    match value {
        Value::Array(items) => Ok(items),
        Value::Object(mut object) => {
            if let Some(Value::Array(items)) = object.remove("contents") {
                return Ok(items);
            }
            let organization = object.contains_key("name")
                && matches!(object.get("services"), Some(Value::Array(_)));
            if let (true, Some(Value::Array(services))) = (organization, object.remove("services"))
            {
                let organisation_id = object.get("id").cloned();
                let parent = Value::Object(object);
                return Ok(services
                    .into_iter()
                    .map(|mut service| {
                        if let Some(map) = service.as_object_mut() {
                            if !map.contains_key("organization") {
                                map.insert("organization".into(), parent.clone());
                            }
                            if let (false, Some(id)) =
                                (map.contains_key("organization_id"), &organisation_id)
                            {
                                map.insert("organization_id".into(), id.clone());
                            }
                        }
                        service
                    })
                    .collect());
            }
            if object.contains_key("id") && object.contains_key("name") {
                return Ok(vec![Value::Object(object)]);
            }
            Err(ReadError::NotServices)
        }
        _ => Err(ReadError::NotServices),
    }
}

/// [`read`], with the report of what was read but is not kept or shown.
pub fn read_reporting(text: &str, known: &Known) -> Result<(Contents, Report), ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError::from_json(&e))?;
    let items = services_in(value)?;
    let mut contents = Contents::default();
    let mut faults = Vec::new();
    let mut first_of_id: HashMap<String, usize> = HashMap::new();
    let mut organisations: HashMap<String, (usize, OrganisationDetails)> = HashMap::new();
    let mut not_kept = std::collections::BTreeMap::new();
    let mut notes = Vec::new();
    let mut read_as_groups = Vec::new();
    let mut venues: HashMap<String, (usize, crate::calendar::Venue)> = HashMap::new();
    for (n, item) in items.iter().enumerate() {
        let mut found = Faults::default();
        let record = match item.as_object() {
            Some(object) => {
                // First every field against HSDS's types, kept or not.
                let group = super::group::is_group(object);
                super::shape::check(
                    object,
                    group,
                    &mut |field, why| found.push(field, why),
                    &mut not_kept,
                );
                if group {
                    super::group::read(object, known, &mut found).map(Entry::Group)
                } else {
                    service(object, known, &mut found).map(Entry::Service)
                }
            }
            None => {
                found.push("(record)", "should be an HSDS service object");
                None
            }
        };
        if let Some(entry) = &record {
            let (key, organisation_id, organisation) = match entry {
                Entry::Service(r) => (
                    format!("service:{}", r.service.id),
                    &r.organisation_id,
                    &r.organisation,
                ),
                Entry::Group(r) => (
                    format!("group:{}", r.group.id),
                    &r.organisation_id,
                    &r.organisation,
                ),
            };
            if let Some(first) = first_of_id.insert(key, n + 1) {
                found.push(
                    "id",
                    format!("record {first} has the same id; each service or group can appear only once"),
                );
            }
            if let Entry::Group(GroupRecord {
                venue_id: Some(venue_id),
                group,
                ..
            }) = entry
            {
                if let Some(venue) = &group.venue {
                    match venues.get(venue_id) {
                        Some((first, seen)) if seen != venue => found.push(
                            "service_at_locations",
                            format!("record {first} gives different details for venue {venue_id:?}; give the same details each time"),
                        ),
                        Some(_) => {}
                        None => {
                            venues.insert(venue_id.clone(), (n + 1, venue.clone()));
                        }
                    }
                }
            }
            if let Some(details) = organisation {
                match organisations.get(organisation_id) {
                    Some((first, seen)) if seen != details => found.push(
                        "organization",
                        format!(
                            "record {first} gives different details for organisation {organisation_id:?}; give the same details each time",
                        ),
                    ),
                    Some(_) => {}
                    None => {
                        organisations.insert(organisation_id.clone(), (n + 1, details.clone()));
                    }
                }
            }
        }
        let name = item
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .chars()
            .take(80)
            .collect::<String>();
        notes.extend(
            found
                .1
                .iter()
                .map(|note| format!("record {} ({name:?}), {note}", n + 1)),
        );
        if found.0.is_empty() {
            match record {
                Some(Entry::Service(r)) => contents.services.push(r),
                Some(Entry::Group(r)) => {
                    let from_elsewhere = item
                        .as_object()
                        .is_some_and(|o| !super::group::has_village_attributes(o));
                    if from_elsewhere {
                        read_as_groups.push(r.group.title.chars().take(80).collect());
                    }
                    contents.groups.push(r)
                }
                None => {}
            }
        } else {
            let object = item.as_object();
            let label = |key: &str| {
                object
                    .and_then(|o| o.get(key))
                    .and_then(Value::as_str)
                    .map(|s| s.chars().take(80).collect::<String>())
            };
            // Village's own id, when the record carries it, is the one a
            // person knows it by.
            let own_id = object
                .and_then(|o| o.get("attributes"))
                .and_then(Value::as_array)
                .and_then(|all| {
                    all.iter().find(|a| {
                        super::village_code(a) == Some(VillageAttribute::VillageId.code())
                    })
                })
                .and_then(|a| a.get("value"))
                .and_then(Value::as_str)
                .map(|s| s.chars().take(80).collect::<String>());
            faults.extend(found.0.into_iter().map(|(field, why)| Fault {
                record: n + 1,
                id: own_id.clone().or_else(|| label("id")),
                name: label("name"),
                field,
                why,
            }));
        }
    }
    if faults.is_empty() {
        let report = Report {
            not_kept: not_kept.into_iter().collect(),
            notes,
            read_as_groups,
        };
        Ok((contents, report))
    } else {
        Err(ReadError::Faults(faults))
    }
}

/// One record as read.
enum Entry {
    Service(Record),
    Group(GroupRecord),
}

/// The faults found in one record: (field, why), one a field (the first
/// found); and notes on what was read but is not shown.
#[derive(Default)]
pub(super) struct Faults(
    Vec<(String, String)>,
    Vec<String>,
    std::collections::HashSet<String>,
);

/// The most faults (and notes) one record reports: enough to fix it by,
/// and a hostile file cannot make the report the work.
const MAX_FAULTS_A_RECORD: usize = 100;

impl Faults {
    pub(super) fn push(&mut self, field: impl Into<String>, why: impl Into<String>) {
        if self.0.len() >= MAX_FAULTS_A_RECORD {
            return;
        }
        let field = field.into();
        if self.2.insert(field.clone()) {
            self.0.push((field, why.into()));
        }
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn note(&mut self, note: impl Into<String>) {
        if self.1.len() < MAX_FAULTS_A_RECORD {
            self.1.push(note.into());
        }
    }
}

/// A JSON object being read, with where it is in the record.
pub(super) struct Fields<'v> {
    pub(super) map: &'v Map<String, Value>,
    pub(super) path: String,
}

impl<'v> Fields<'v> {
    pub(super) fn new(map: &'v Map<String, Value>, path: String) -> Self {
        Self { map, path }
    }

    pub(super) fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Text, or `None` when absent or null.
    pub(super) fn text(&self, key: &str, faults: &mut Faults) -> Option<&'v str> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text),
            Some(_) => {
                faults.push(self.at(key), "should be text");
                None
            }
        }
    }

    /// Text, trimmed, empty when absent; a fault when longer than `max`.
    pub(super) fn words(&self, key: &str, max: usize, faults: &mut Faults) -> String {
        let text = self.text(key, faults).unwrap_or_default().trim();
        if text.chars().count() > max {
            faults.push(
                self.at(key),
                format!("is longer than {max} characters, more than a phone's page can show in one place: shorten it, or link to the full text with url"),
            );
        }
        text.to_owned()
    }

    /// Text that must be there.
    pub(super) fn required(&self, key: &str, faults: &mut Faults) -> Option<&'v str> {
        match self.map.get(key) {
            Some(value) if !value.is_string() && !value.is_null() => {
                faults.push(self.at(key), "should be text");
                None
            }
            value => {
                let text = value
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|t| !t.is_empty());
                if text.is_none() {
                    faults.push(self.at(key), "is missing");
                }
                text
            }
        }
    }

    /// The objects in a list, each with its path; absent or null is empty.
    pub(super) fn list(&self, key: &str, faults: &mut Faults) -> Vec<Fields<'v>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(n, item)| {
                    let path = format!("{}[{}]", self.at(key), n + 1);
                    match item.as_object() {
                        Some(map) => Some(Fields::new(map, path)),
                        None => {
                            faults.push(path, "should be an object");
                            None
                        }
                    }
                })
                .collect(),
            Some(_) => {
                faults.push(self.at(key), "should be a list");
                Vec::new()
            }
        }
    }

    pub(super) fn object(&self, key: &str, faults: &mut Faults) -> Option<Fields<'v>> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => Some(Fields::new(map, self.at(key))),
            Some(_) => {
                faults.push(self.at(key), "should be an object");
                None
            }
        }
    }
}

/// Ids as HSDS writes them (often UUIDs, sometimes in capitals) made into
/// Village's lowercase form.
pub(super) fn id_of(raw: &str) -> Result<ServiceId, String> {
    ServiceId::parse(&raw.trim().to_ascii_lowercase()).map_err(|_| {
        "should be 1 to 64 letters, digits and dashes (a UUID is fine), not starting or ending with a dash".to_owned()
    })
}

fn web_address(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| r.split('/').next().is_some_and(|host| host.contains('.')))
        && !text.chars().any(char::is_whitespace)
        && text.chars().count() <= MAX_ADDRESS_CHARS
}

fn email_address(text: &str) -> bool {
    let mut parts = text.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(user), Some(host), None)
        if !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.'))
        && !text.chars().any(char::is_whitespace)
        && text.len() <= 254
}

fn service(object: &Map<String, Value>, known: &Known, faults: &mut Faults) -> Option<Record> {
    let f = Fields::new(object, String::new());
    let village = village_attributes(&f, faults);
    // Village's own id when the file carries it (files Village writes do),
    // so links keep working; otherwise the HSDS id.
    let id = f.required("id", faults).and_then(|raw| {
        // Only when the HSDS id is the UUID Village gives that id: another
        // file cannot take over a service by naming it.
        let own = village
            .id
            .as_deref()
            .filter(|own| uuid_for(&format!("service:{own}")) == raw.trim().to_ascii_lowercase());
        if let (Some(claimed), None) = (&village.id, own) {
            faults.push(
                "attributes",
                format!("the village-id {claimed:?} does not belong to this record's id; leave it out, or give the id Village wrote"),
            );
        }
        id_of(own.unwrap_or(raw)).map_err(|why| faults.push("id", why)).ok()
    });
    let name = f.required("name", faults).map(str::to_owned);
    if name
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NAME_CHARS)
    {
        faults.push(
            "name",
            format!("is longer than {MAX_NAME_CHARS} characters: Village shows a service's name on one line of a phone, so shorten it and put the rest in description"),
        );
    }
    let description = f.words("description", MAX_DESCRIPTION_CHARS, faults);
    let url = f
        .text("url", faults)
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if url.is_some_and(|u| !web_address(u)) {
        faults.push("url", "should be a full web address starting with https://");
    }
    let email = f
        .text("email", faults)
        .map(str::trim)
        .filter(|e| !e.is_empty());
    if email.is_some_and(|e| !email_address(e)) {
        faults.push(
            "email",
            "should be an email address such as help@example.org",
        );
    }
    let status = f.required("status", faults).and_then(|code| {
        Status::try_from(code.to_owned())
            .map_err(|why| faults.push("status", why))
            .ok()
    });
    // HSDS makes `assured_date` optional: without it the service comes in
    // as not yet confirmed.
    let last_confirmed = match f.text("assured_date", faults) {
        None => Some(None),
        Some(text) => match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(day) if day > known.today => {
                faults.push("assured_date", format!("{text} is in the future"));
                None
            }
            // A confirmation from before 2000 is no confirmation.
            Ok(day) => match crate::OutsideDate::check(day, known.today) {
                Ok(_) => Some(Some(day)),
                Err(err) => {
                    faults.push("assured_date", err.to_string());
                    None
                }
            },
            Err(_) => {
                faults.push(
                    "assured_date",
                    format!("{text:?} should be a date written YYYY-MM-DD"),
                );
                None
            }
        },
    };
    let eligibility = f.words("eligibility_description", MAX_ELIGIBILITY_CHARS, faults);
    let cost = cost(&f, faults);
    let (organisation_id, organisation) = organisation(&f, known, faults);
    let process = f.words("application_process", MAX_DESCRIPTION_CHARS, faults);
    let referral = if village.self_referral {
        Referral::Yourself {
            steps: process
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    } else if process.is_empty() {
        // Not known: the page says to ask the service.
        Referral::ReferredBy { who: String::new() }
    } else {
        Referral::ReferredBy { who: process }
    };
    let phones = phones(&f, faults);
    let languages = languages(&f, faults);
    let (hours, hours_note, hours_until) = hours(&f, known.today, faults);
    let (mut areas, other_areas) = areas(&f, known, faults);
    // No service area: where it serves is not known (files Village writes
    // name the area, or the United Kingdom for a national service).
    let said_nothing = f.list("service_areas", faults).is_empty();
    let area_not_known = match known.area_map.iter().find(|(from, _)| from == "*") {
        Some((_, to)) if said_nothing => {
            areas.push(to.clone());
            false
        }
        _ if said_nothing => {
            faults.note("service_areas: the file does not say where it serves: kept, and the service is shown in no area until it is mapped (an --area-map entry \"*\" names the area for such services)");
            true
        }
        _ => false,
    };
    let place = place(&f, faults);
    let modes = village.modes.clone().unwrap_or_else(|| {
        if village.any {
            return Vec::new();
        }
        let mut modes = Vec::new();
        if phones.iter().any(|p| p.call) {
            modes.push(Mode::Phone);
        }
        if phones.iter().any(|p| p.text) {
            modes.push(Mode::Text);
        }
        if place.is_some() {
            modes.push(Mode::InPerson);
        }
        modes
    });
    if !faults.0.is_empty() {
        return None;
    }
    let details = organisation?;
    let service = Service {
        id: id?,
        organisation: details.1.clone(),
        name: name?,
        description,
        status: status?,
        url: url.map(str::to_owned),
        email: email.map(str::to_owned),
        phones,
        referral,
        audiences: village.audiences,
        stages: village.stages,
        modes,
        topics: village.topics,
        crisis: village.crisis,
        hours,
        hours_note,
        hours_until,
        languages,
        eligibility,
        cost,
        place,
        areas,
        other_areas,
        area_not_known,
        last_confirmed: last_confirmed?,
        is_sample: village.sample,
    };
    Some(Record {
        organisation_id: organisation_id?,
        organisation: details.0,
        service,
    })
}

/// `fees_description` when given; otherwise the cost options: a price
/// above zero is described, and free only when every option says an
/// amount of 0 (or is called "Free"). Nothing said is not known.
fn cost(f: &Fields, faults: &mut Faults) -> ServiceCost {
    let described = f.words("fees_description", MAX_DESCRIPTION_CHARS, faults);
    if !described.is_empty() {
        return ServiceCost::described(&described);
    }
    let mut paid = Vec::new();
    let mut free = 0;
    let options = f.list("cost_options", faults);
    let given = options.len();
    for option in options {
        let amount = match option.map.get("amount") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_f64(),
            Some(_) => {
                faults.push(option.at("amount"), "should be a number");
                None
            }
        };
        let what = option.text("option", faults).unwrap_or_default().trim();
        match amount {
            Some(amount) if amount > 0.0 => {
                let currency = option.text("currency", faults).unwrap_or("GBP");
                let price = if currency.eq_ignore_ascii_case("GBP") {
                    format!("£{amount:.2}")
                } else {
                    format!("{amount:.2} {currency}")
                };
                paid.push(if what.is_empty() {
                    price
                } else {
                    format!("{price} ({what})")
                });
            }
            Some(_) => free += 1,
            None if what.eq_ignore_ascii_case("free") => free += 1,
            None if !what.is_empty() => paid.push(what.to_owned()),
            None => {}
        }
    }
    if !paid.is_empty() {
        ServiceCost::Described(paid.join("; "))
    } else if given > 0 && free == given {
        ServiceCost::Free
    } else {
        ServiceCost::NotKnown
    }
}

/// The organisation: the nested object (checked, and its id must match
/// `organization_id`), or only an `organization_id` Village already has.
pub(super) fn organisation(
    f: &Fields,
    known: &Known,
    faults: &mut Faults,
) -> (
    Option<String>,
    Option<(Option<OrganisationDetails>, String)>,
) {
    let named_id = f
        .text("organization_id", faults)
        .map(|t| t.trim().to_ascii_lowercase());
    let Some(org) = f.object("organization", faults) else {
        return match named_id {
            None => {
                faults.push(
                    "organization",
                    "is missing: give the organisation that runs the service",
                );
                (None, None)
            }
            // By Village's id, or by the UUID Village's files give it.
            Some(id) => match known.organisations.iter().find(|(known_id, _)| {
                *known_id == id || uuid_for(&format!("organization:{known_id}")) == id
            }) {
                Some((known_id, name)) => (Some(known_id.clone()), Some((None, name.clone()))),
                None => {
                    faults.push("organization_id", format!("{id:?} is not an organisation Village has; include the organization object"));
                    (None, None)
                }
            },
        };
    };
    let own_id = village_attributes(&org, faults).id;
    let id = org.required("id", faults).and_then(|raw| {
        if let Some(named) = &named_id {
            if raw.trim().to_ascii_lowercase() != *named {
                faults.push(
                    "organization_id",
                    format!("{named:?} is not the id of the nested organization ({raw:?})"),
                );
            }
        }
        let own_id = own_id.filter(|own| {
            uuid_for(&format!("organization:{own}")) == raw.trim().to_ascii_lowercase()
        });
        match id_of(own_id.as_deref().unwrap_or(raw)) {
            Ok(id) => Some(id.as_str().to_owned()),
            Err(why) => {
                faults.push(org.at("id"), why);
                None
            }
        }
    });
    let name = org.text("name", faults).unwrap_or_default();
    let description = org.text("description", faults).unwrap_or_default();
    let website = org.text("website", faults);
    let details = match OrganisationDetails::parse(name, description, website) {
        Ok(details) => Some(details),
        Err(errors) => {
            for e in errors {
                faults.push(org.at(e.field), e.message);
            }
            None
        }
    };
    match (id, details) {
        (Some(id), Some(details)) => {
            let name = details.name().to_owned();
            (Some(id), Some((Some(details), name)))
        }
        _ => (None, None),
    }
}

/// Village's fields, read from attributes in the `village` taxonomy.
#[derive(Default)]
struct Village {
    /// Whether the record had any Village attribute: files written by
    /// Village always do, and then say every mode themselves.
    any: bool,
    self_referral: bool,
    crisis: bool,
    sample: bool,
    audiences: Vec<Audience>,
    stages: Vec<Stage>,
    modes: Option<Vec<Mode>>,
    topics: Vec<Topic>,
    /// Village's own id for the record, when the file carries it.
    id: Option<String>,
}

/// Village's attributes on one object (a service, location or schedule):
/// each with its value and where that value is. An attribute in the
/// `village` taxonomy that Village does not know is a fault.
pub(super) fn village_pairs<'v>(
    f: &Fields<'v>,
    faults: &mut Faults,
) -> Vec<(VillageAttribute, &'v str, String)> {
    let mut pairs = Vec::new();
    for attribute in f.list("attributes", faults) {
        let term = attribute.object("taxonomy_term", faults);
        let term_id = attribute
            .text("taxonomy_term_id", faults)
            .or_else(|| term.as_ref().and_then(|t| t.text("id", faults)));
        let taxonomy = term.as_ref().and_then(|t| t.text("taxonomy", faults));
        let code = if let Some(taxonomy) = taxonomy {
            // A term that names its taxonomy is Village's only if that is
            // Village's, whatever its id.
            if !taxonomy.eq_ignore_ascii_case(TAXONOMY) {
                continue;
            }
            term.as_ref()
                .and_then(|t| t.text("code", faults))
                .unwrap_or_default()
        } else {
            // A term id `village:<code>`, or one of the ids Village gives
            // its terms (its own files carry no term object).
            let Some(code) = term_id.and_then(|id| {
                id.strip_prefix("village:")
                    .or_else(|| VillageAttribute::from_term_id(id).map(VillageAttribute::code))
            }) else {
                continue;
            };
            code
        };
        let Some(kind) = VillageAttribute::from_code(code) else {
            let known: Vec<&str> = VillageAttribute::ALL.iter().map(|a| a.code()).collect();
            faults.push(
                attribute.at("taxonomy_term"),
                format!(
                    "{code:?} is not one of Village's attributes ({})",
                    known.join(", ")
                ),
            );
            continue;
        };
        let value = attribute.text("value", faults).unwrap_or_default().trim();
        pairs.push((kind, value, attribute.at("value")));
    }
    pairs
}

fn village_attributes(f: &Fields, faults: &mut Faults) -> Village {
    let mut village = Village::default();
    for (kind, value, at) in village_pairs(f, faults) {
        village.any = true;
        let yes_no = |faults: &mut Faults| match value {
            "yes" | "true" => Some(true),
            "no" | "false" => Some(false),
            _ => {
                faults.push(at.clone(), format!("{value:?} should be yes or no"));
                None
            }
        };
        fn add<T: TryFrom<String, Error = String> + PartialEq>(
            into: &mut Vec<T>,
            value: &str,
            at: &str,
            faults: &mut Faults,
        ) {
            match T::try_from(value.to_owned()) {
                Ok(v) if !into.contains(&v) => into.push(v),
                Ok(_) => {}
                Err(why) => faults.push(at, why),
            }
        }
        match kind {
            VillageAttribute::SelfReferral => {
                village.self_referral = yes_no(faults).unwrap_or(false)
            }
            VillageAttribute::Crisis => village.crisis = yes_no(faults).unwrap_or(false),
            VillageAttribute::Sample => village.sample = yes_no(faults).unwrap_or(false),
            VillageAttribute::VillageId => village.id = Some(value.to_owned()),
            VillageAttribute::Audience => add(&mut village.audiences, value, &at, faults),
            VillageAttribute::Stage => add(&mut village.stages, value, &at, faults),
            VillageAttribute::Topic => add(&mut village.topics, value, &at, faults),
            VillageAttribute::Mode => add(
                village.modes.get_or_insert_with(Vec::new),
                value,
                &at,
                faults,
            ),
            VillageAttribute::Kind if value == "service" => {}
            VillageAttribute::Kind => {
                faults.push(at, format!("{value:?} should be group or service"))
            }
            // A group's facts on a record that does not say it is a group.
            other => faults.push(
                at,
                format!(
                    "{:?} is a group's attribute: a group has the attribute kind with the value group",
                    other.code()
                ),
            ),
        }
    }
    village
}

/// Phones to call (`voice`, `cell` or no type) and to text (`text`); a
/// number listed for both is one phone. Fax, pager, video and textphone
/// numbers are left out: the app offers calls and texts.
fn phones(f: &Fields, faults: &mut Faults) -> Vec<ServicePhone> {
    let mut phones: Vec<ServicePhone> = Vec::new();
    for p in f.list("phones", faults) {
        let kind = p
            .text("type", faults)
            .map(|t| t.trim().to_ascii_lowercase());
        let (call, text) = match kind.as_deref() {
            None | Some("voice" | "cell" | "") => (true, false),
            Some("text") => (false, true),
            Some("fax" | "pager" | "video" | "textphone") => continue,
            Some(other) => {
                faults.push(p.at("type"), format!("{other:?} is not an HSDS phone type (voice, cell, text, fax, pager, video, textphone)"));
                continue;
            }
        };
        // Every field is checked before a bad one stops the phone, so
        // all its faults are reported at once.
        let label = p.words("description", MAX_DESCRIPTION_CHARS, faults);
        let Some(raw) = p.required("number", faults) else {
            continue;
        };
        // Quotes around a number (as in HSDS's own example) are not part of it.
        let raw = raw.trim().trim_matches(['"', '\'']);
        let number = match PhoneNumber::parse(raw) {
            Ok(number) => number,
            Err(e) => {
                faults.push(p.at("number"), format!("{raw:?}: {e}"));
                continue;
            }
        };
        match phones.iter_mut().find(|known| known.number == number) {
            Some(known) => {
                known.call |= call;
                known.text |= text;
            }
            None => phones.push(ServicePhone {
                number,
                label,
                call,
                text,
            }),
        }
    }
    phones
}

pub(super) fn languages(f: &Fields, faults: &mut Faults) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for language in f.list("languages", faults) {
        let name = language
            .text("name", faults)
            .or_else(|| language.text("code", faults))
            .map(str::trim)
            .unwrap_or_default();
        if name.is_empty() {
            // HSDS makes both optional: a language with neither says nothing.
            continue;
        } else if name.contains(',') {
            faults.push(
                language.at("name"),
                "should name one language, with no commas",
            );
        } else if name.chars().count() > MAX_NAME_CHARS {
            faults.push(
                language.at("name"),
                format!("is longer than {MAX_NAME_CHARS} characters: name one language, such as Welsh or cy"),
            );
        } else if !out.iter().any(|l| l.eq_ignore_ascii_case(name)) {
            out.push(name.to_owned());
        }
    }
    out
}

/// `09:30`, `09:30:00`, with or without an offset (`Z`, `+01:00`): read as
/// the UK's wall-clock time, which is what every UK directory means.
pub(super) fn time_of(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let local = text
        .strip_suffix('Z')
        .or_else(|| {
            text.len()
                .checked_sub(6)
                .filter(|&at| at >= 5 && matches!(text.as_bytes().get(at), Some(b'+' | b'-')))
                .and_then(|at| text.get(..at))
        })
        .unwrap_or(text);
    written::parse_time(local).or_else(|| NaiveTime::parse_from_str(local, "%H:%M:%S").ok())
}

/// Why a schedule is not today's, if it is not: it ended (`valid_to`,
/// `until`, or `count` sessions from `dtstart`) or has not begun
/// (`valid_from`).
fn not_current(
    s: &Fields,
    today: NaiveDate,
    faults: &mut Faults,
) -> Result<Option<NaiveDate>, String> {
    let mut day = |key: &str| schedule_day(s, key, faults);
    let valid_from = day("valid_from");
    let valid_to = day("valid_to");
    let until = day("until");
    let dtstart = day("dtstart");
    let end = valid_to.into_iter().chain(until).min();
    if let Some(end) = end.filter(|end| *end < today) {
        return Err(format!("it ended on {end}"));
    }
    if let Some(start) = valid_from.filter(|start| *start > today) {
        return Err(format!("it begins on {start} (import the file again then)"));
    }
    // `count` sessions from `dtstart`, one a period (`freq` times
    // `interval`): over by the end of the last period.
    let count = s.map.get("count").and_then(Value::as_u64);
    let interval = s.map.get("interval").and_then(Value::as_u64).unwrap_or(1);
    let period_days: u64 = match s.map.get("freq").and_then(Value::as_str) {
        Some(f) if f.eq_ignore_ascii_case("DAILY") => 1,
        Some(f) if f.eq_ignore_ascii_case("MONTHLY") => 31,
        Some(f) if f.eq_ignore_ascii_case("YEARLY") => 366,
        _ => 7,
    };
    if let (Some(count), Some(start)) = (count, dtstart) {
        let days = count
            .saturating_mul(interval.max(1))
            .saturating_mul(period_days);
        let end = start.checked_add_days(chrono::Days::new(days.min(1_000_000)));
        if end.is_some_and(|end| end < today) {
            return Err(format!("its {count} sessions from {start} are over"));
        }
    }
    Ok(end)
}

/// A schedule's date field: a date, or the date part of a date and time;
/// a fault when it is neither.
pub(super) fn schedule_day(s: &Fields, key: &str, faults: &mut Faults) -> Option<NaiveDate> {
    let text = s.text(key, faults)?;
    let date = text.trim().get(..10).unwrap_or_default();
    match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(day) => Some(day),
        Err(_) => {
            faults.push(
                s.at(key),
                format!("{text:?} should be a date written YYYY-MM-DD"),
            );
            None
        }
    }
}

/// A schedule's time field (`opens_at`, `closes_at`), as [`time_of`]
/// reads it; a fault when it is not a time.
pub(super) fn schedule_time(s: &Fields, key: &str, faults: &mut Faults) -> Option<NaiveTime> {
    let text = s.text(key, faults)?;
    let parsed = time_of(text);
    if parsed.is_none() {
        faults.push(
            s.at(key),
            format!("{text:?} should be a time such as 09:30"),
        );
    }
    parsed
}

/// A schedule's date field, when it is a date (faults are the caller's).
pub(super) fn date_in(s: &Fields, key: &str) -> Option<NaiveDate> {
    let text = s.map.get(key)?.as_str()?.trim();
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// Which weekly hours a schedule gives, when it gives them: frequency, days
/// and times (offsets aside).
type HoursKey = (String, String, NaiveTime, NaiveTime);

/// Schedules that give the same weekly hours as another from the day after
/// it ends: one schedule written once per clock period, each with its own
/// UTC offset (as Village writes them), is read as one. Returns, for each
/// schedule, the one that continues it, if any, and whether it continues
/// another; found through a map, so many schedules cost little.
fn continuations(schedules: &[Fields]) -> (Vec<Option<usize>>, Vec<bool>) {
    let text = |s: &Fields, key: &str| {
        s.map
            .get(key)
            .and_then(Value::as_str)
            .map(|t| t.trim().to_ascii_uppercase())
    };
    let time = |s: &Fields, key: &str| s.map.get(key).and_then(Value::as_str).and_then(time_of);
    let keys: Vec<Option<HoursKey>> = schedules
        .iter()
        .map(|s| {
            Some((
                text(s, "freq")?,
                text(s, "byday")?,
                time(s, "opens_at")?,
                time(s, "closes_at")?,
            ))
        })
        .collect();
    // Only schedules whose dates run forwards are linked, so a chain moves
    // to a later valid_from at every step and never comes round again.
    let forwards = |s: &Fields| match (date_in(s, "valid_from"), date_in(s, "valid_to")) {
        (Some(from), Some(to)) => from <= to,
        _ => true,
    };
    let words = |s: &Fields| text(s, "description").filter(|t| !t.is_empty());
    let mut starting: HashMap<(&HoursKey, NaiveDate), Vec<usize>> = HashMap::new();
    for (n, (s, key)) in schedules.iter().zip(&keys).enumerate() {
        if let (Some(key), Some(from), true) = (key, date_in(s, "valid_from"), forwards(s)) {
            starting.entry((key, from)).or_default().push(n);
        }
    }
    let mut next = vec![None; schedules.len()];
    let mut continuing = vec![false; schedules.len()];
    for (n, (s, key)) in schedules.iter().zip(&keys).enumerate() {
        let (Some(key), Some(to), true) = (key, date_in(s, "valid_to"), forwards(s)) else {
            continue;
        };
        let Some(later) = to.succ_opt().and_then(|day| starting.get(&(key, day))) else {
            continue;
        };
        // A later part carries no words of its own, or the same words. The
        // same hours given twice (on the service and at its location) are
        // continued twice: every copy of the later part is part of a chain.
        let same: Vec<usize> = later
            .iter()
            .copied()
            .filter(|m| {
                *m != n && (words(&schedules[*m]).is_none() || words(&schedules[*m]) == words(s))
            })
            .collect();
        if let Some(first) = same.first() {
            next[n] = Some(*first);
            for m in same {
                continuing[m] = true;
            }
        }
    }
    (next, continuing)
}

/// For each schedule, the end of its hours carried on through the
/// schedules that continue it: the last one's `valid_to` or `until`
/// (`None` when it has neither). Each chain is walked once, so a file of
/// many schedules costs no more than reading them.
fn chain_ends(schedules: &[Fields], next: &[Option<usize>]) -> Vec<Option<NaiveDate>> {
    let own_end = |s: &Fields| {
        [date_in(s, "valid_to"), date_in(s, "until")]
            .into_iter()
            .flatten()
            .min()
    };
    let mut memo: Vec<Option<Option<NaiveDate>>> = vec![None; schedules.len()];
    for start in 0..schedules.len() {
        let mut path = Vec::new();
        let mut at = start;
        let end = loop {
            if let Some(known) = memo[at] {
                break known;
            }
            match next[at] {
                // The bound keeps a chain finite whatever a file holds.
                Some(n) if path.len() < schedules.len() => {
                    path.push(at);
                    at = n;
                }
                _ => {
                    let end = own_end(&schedules[at]);
                    memo[at] = Some(end);
                    break end;
                }
            }
        };
        for n in path {
            memo[n] = Some(end);
        }
    }
    memo.into_iter().map(Option::flatten).collect()
}

/// Weekly schedules (the service's own and those at its locations) become
/// opening hours; every day from 00:00 to 23:59 (or to 00:00) is open at
/// all hours.
/// Schedules of other kinds (monthly, say) cannot be shown as weekly hours:
/// their description still reaches the page.
fn hours(f: &Fields, today: NaiveDate, faults: &mut Faults) -> (Hours, String, Option<NaiveDate>) {
    let mut schedules = f.list("schedules", faults);
    for at in f.list("service_at_locations", faults) {
        schedules.extend(at.list("schedules", faults));
    }
    let mut openings: Vec<Opening> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut note = String::new();
    let mut until = None;
    let (next, continuing) = continuations(&schedules);
    let ends = chain_ends(&schedules, &next);
    for (n, s) in schedules.iter().enumerate() {
        // Read with the schedule it continues (its dates still checked).
        if continuing[n] {
            let _checked = not_current(s, today, faults);
            continue;
        }
        let mut current = not_current(s, today, faults);
        // Continued by later schedules: current from its start to the end
        // of the last of them.
        if next[n].is_some() {
            current = match (
                date_in(s, "valid_from").filter(|from| *from > today),
                ends[n],
            ) {
                (Some(from), _) => Err(format!("it begins on {from} (import the file again then)")),
                (None, Some(end)) if end < today => Err(format!("it ended on {end}")),
                (None, ends) => Ok(ends),
            };
        }
        match current {
            Err(why) => {
                faults.note(format!("{}: {why}, so its hours are not shown", s.path));
                continue;
            }
            // The earliest end of the hours read: after it they are not known.
            Ok(Some(ends)) => until = Some(until.map_or(ends, |u: NaiveDate| u.min(ends))),
            Ok(None) => {}
        }
        let description = s.words("description", MAX_DESCRIPTION_CHARS, faults);
        if note.is_empty() {
            note = description;
        }
        let weekly = s
            .text("freq", faults)
            .is_some_and(|f| f.eq_ignore_ascii_case("WEEKLY"));
        let (Some(byday), true) = (s.text("byday", faults), weekly) else {
            continue;
        };
        let mut days = Vec::new();
        for code in byday.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            match DAYS.iter().find(|(_, c)| c.eq_ignore_ascii_case(code)) {
                Some((day, _)) => days.push(*day),
                None => faults.push(
                    s.at("byday"),
                    format!("{code:?} is not a day (MO, TU, WE, TH, FR, SA or SU)"),
                ),
            }
        }
        let (Some(opens), Some(closes)) = (
            schedule_time(s, "opens_at", faults),
            schedule_time(s, "closes_at", faults),
        ) else {
            continue;
        };
        // The same hours given twice (on the service and at its location,
        // say) are one opening.
        for day in days {
            if seen.insert((day, opens, closes)) {
                openings.push(Opening { day, opens, closes });
            }
        }
    }
    let all_day_every_day = openings.len() == 7
        && DAYS
            .iter()
            .all(|(day, _)| openings.iter().any(|o| o.day == *day))
        && openings.iter().all(|o| {
            o.opens == NaiveTime::MIN
                && (o.closes == NaiveTime::MIN
                    || o.closes == NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default())
        });
    let hours = if all_day_every_day {
        Hours::Always
    } else if openings.is_empty() {
        Hours::Unknown
    } else {
        Hours::Weekly(openings)
    };
    (hours, note, until)
}

/// Service areas name Village areas by the URI `urn:village:area:<id>` (or
/// the older `village_area_id`), by the area's name, or through the
/// import's area map; the United Kingdom ([`NATIONAL_AREA_URI`], or the
/// name) means national, as does no area. An area that matches none is
/// kept by its name, and said in the report: the service is then shown in
/// no area until it is mapped.
fn areas(f: &Fields, known: &Known, faults: &mut Faults) -> (Vec<AreaId>, Vec<String>) {
    let mut out = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for area in f.list("service_areas", faults) {
        let uri = area.text("uri", faults).map(str::trim);
        let name = area.text("name", faults).map(str::trim);
        let national = uri == Some(NATIONAL_AREA_URI)
            || name.is_some_and(|n| {
                ["United Kingdom", "UK", "National"]
                    .iter()
                    .any(|w| n.eq_ignore_ascii_case(w))
            });
        if national {
            continue;
        }
        let by_id = uri
            .and_then(|u| u.strip_prefix(AREA_URI_PREFIX))
            .or_else(|| area.text("village_area_id", faults).map(str::trim));
        let mapped = [name, uri].into_iter().flatten().find_map(|said| {
            known
                .area_map
                .iter()
                .find(|(from, _)| from.trim().eq_ignore_ascii_case(said))
                .map(|(_, to)| to)
        });
        let found = mapped.or_else(|| match (by_id, name) {
            (Some(id), _) => known
                .areas
                .iter()
                .find(|(a, _)| a.as_str() == id)
                .map(|(a, _)| a),
            (None, Some(name)) => known
                .areas
                .iter()
                .find(|(_, n)| n.eq_ignore_ascii_case(name))
                .map(|(a, _)| a),
            (None, None) => None,
        });
        match found {
            Some(id) if !out.contains(id) => out.push(id.clone()),
            Some(_) => {}
            None => {
                let Some(said) = name.or(by_id).or(uri).filter(|s| !s.is_empty()) else {
                    faults.note(format!(
                        "{}: a service area with no name or URI says nothing, so it was left out",
                        area.path
                    ));
                    continue;
                };
                let said: String = said.split_whitespace().collect::<Vec<_>>().join(" ");
                let short: String = said.chars().take(60).collect();
                faults.note(format!(
                    "{}: {short:?} matches no Village area: kept, and the service is shown in no area until it is mapped (import again with --area-map)",
                    area.path
                ));
                if !others.contains(&said) {
                    others.push(said);
                }
            }
        }
    }
    (out, others)
}

/// The first physical location is where the service is, at its first
/// physical address (one whose type is not given is taken as physical; a
/// postal address is not where anyone goes).
fn place(f: &Fields, faults: &mut Faults) -> Option<Place> {
    let mut place = None;
    for at in f.list("service_at_locations", faults) {
        let Some(location) = at.object("location", faults) else {
            continue;
        };
        let kind = location.text("location_type", faults).unwrap_or("physical");
        if !kind.eq_ignore_ascii_case("physical") || place.is_some() {
            continue;
        }
        let addresses = location.list("addresses", faults);
        let first = addresses.iter().find(|a| {
            a.map
                .get("address_type")
                .and_then(Value::as_str)
                .is_none_or(|kind| kind.trim().eq_ignore_ascii_case("physical"))
        });
        let line = |key: &str, faults: &mut Faults| {
            first
                .map(|a| a.words(key, MAX_NAME_CHARS, faults))
                .unwrap_or_default()
        };
        let address = line("address_1", faults);
        let address_2 = line("address_2", faults);
        let town = line("city", faults);
        let postcode = line("postal_code", faults);
        let country = first.and_then(|a| {
            let given = a.text("country", faults)?;
            let code = given.trim().to_ascii_uppercase();
            if code == "GB" || code == "UK" {
                // Where Village's places are unless said otherwise.
                None
            } else if code.len() == 2 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
                Some(code)
            } else {
                faults.push(
                    a.at("country"),
                    format!(
                        "{given:?} should be a two-letter country code (ISO 3166-1), such as GB"
                    ),
                );
                None
            }
        });
        let accessibility = location
            .list("accessibility", faults)
            .iter()
            .map(|a| {
                let d = a.words("description", MAX_DESCRIPTION_CHARS, faults);
                if d.is_empty() {
                    a.words("details", MAX_DESCRIPTION_CHARS, faults)
                } else {
                    d
                }
            })
            .filter(|d| !d.is_empty())
            .collect();
        place = Some(Place {
            name: location.words("name", MAX_NAME_CHARS, faults),
            address,
            address_2,
            town,
            postcode,
            country,
            accessibility,
        });
    }
    place
}
