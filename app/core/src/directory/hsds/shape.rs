//! The types of HSDS 3.0's fields, and what Village keeps of them.
//!
//! In HSDS 3.0 a field's name decides its type wherever it appears (`id` is
//! always text, `phones` always a list of objects, `minimum_age` always a
//! number): the official compiled schemas agree, and a test checks these
//! lists against them when they are at hand. So a whole record is checked
//! against HSDS field by field, including the fields Village does not keep,
//! and every field Village does not keep is counted for the import's report.

use serde_json::Value;
use std::collections::BTreeMap;

/// Fields whose value is a list of objects.
pub const LISTS: [&str; 17] = [
    "accessibility",
    "addresses",
    "attributes",
    "contacts",
    "cost_options",
    "funding",
    "languages",
    "locations",
    "metadata",
    "organization_identifiers",
    "phones",
    "programs",
    "required_documents",
    "schedules",
    "service_areas",
    "service_at_locations",
    "services",
];

/// Fields whose value is one object.
pub const OBJECTS: [&str; 5] = [
    "location",
    "organization",
    "program",
    "taxonomy_detail",
    "taxonomy_term",
];

/// Fields whose value is a number.
pub const NUMBERS: [&str; 10] = [
    "amount",
    "count",
    "extension",
    "interval",
    "latitude",
    "longitude",
    "maximum_age",
    "minimum_age",
    "timezone",
    "year_incorporated",
];

/// Every other field HSDS 3.0 defines: text.
pub const TEXTS: [&str; 97] = [
    "accreditations",
    "address_1",
    "address_2",
    "address_type",
    "alert",
    "alternate_name",
    "amount_description",
    "application_process",
    "assured_date",
    "assurer_email",
    "attending_type",
    "attention",
    "byday",
    "bymonthday",
    "byweekno",
    "byyearday",
    "city",
    "closes_at",
    "code",
    "contact_id",
    "country",
    "currency",
    "department",
    "description",
    "details",
    "document",
    "dtstart",
    "eligibility_description",
    "email",
    "extent",
    "extent_type",
    "external_identifier",
    "external_identifier_type",
    "fees",
    "fees_description",
    "field_name",
    "freq",
    "id",
    "identifier",
    "identifier_scheme",
    "identifier_type",
    "interpretation_services",
    "language",
    "last_action_date",
    "last_action_type",
    "last_modified",
    "legal_status",
    "licenses",
    "link_entity",
    "link_id",
    "link_type",
    "location_id",
    "location_type",
    "logo",
    "name",
    "note",
    "notes",
    "number",
    "opens_at",
    "option",
    "organization_id",
    "parent_id",
    "parent_organization_id",
    "phone_id",
    "postal_code",
    "previous_value",
    "program_id",
    "region",
    "replacement_value",
    "resource_id",
    "resource_type",
    "schedule_link",
    "service_at_location_id",
    "service_id",
    "source",
    "state_province",
    "status",
    "tax_id",
    "tax_status",
    "taxonomy",
    "taxonomy_id",
    "taxonomy_term_id",
    "term_uri",
    "title",
    "transportation",
    "type",
    "until",
    "updated_by",
    "uri",
    "url",
    "valid_from",
    "valid_to",
    "value",
    "version",
    "wait_time",
    "website",
    "wkst",
];

/// The fields HSDS requires in an object, by the name of the field that
/// holds it (`phones` items need `id` and `number`); the record itself is a
/// `service`.
pub fn required_in(holder: &str) -> &'static [&'static str] {
    match holder {
        "service" | "services" => &["id", "name", "status"],
        "addresses" => &[
            "id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        "location" | "locations" => &["id", "location_type"],
        "metadata" => &[
            "id",
            "last_action_date",
            "last_action_type",
            "field_name",
            "previous_value",
            "replacement_value",
            "updated_by",
        ],
        "organization" | "program" | "programs" | "taxonomy_detail" | "taxonomy_term" => {
            &["id", "name", "description"]
        }
        "organization_identifiers" => &["id", "identifier_type", "identifier"],
        "phones" => &["id", "number"],
        "accessibility"
        | "attributes"
        | "contacts"
        | "cost_options"
        | "funding"
        | "languages"
        | "required_documents"
        | "schedules"
        | "service_areas"
        | "service_at_locations" => &["id"],
        _ => &[],
    }
}

/// The fields whose text HSDS limits to a list of values.
pub const ENUMS: [(&str, &[&str]); 5] = [
    (
        "status",
        &["active", "inactive", "defunct", "temporarily closed"],
    ),
    ("wkst", &["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
    ("freq", &["WEEKLY", "MONTHLY"]),
    ("location_type", &["physical", "postal", "virtual"]),
    ("address_type", &["physical", "postal", "virtual"]),
];

/// The fields whose text HSDS gives a format, by name: ids and links to
/// other records are UUIDs, addresses of pages URIs, and so on.
pub const FORMATS: [(&str, Format); 22] = [
    ("assurer_email", Format::Email),
    ("contact_id", Format::Uuid),
    ("email", Format::Email),
    ("id", Format::Uuid),
    ("last_modified", Format::DateTime),
    ("link_id", Format::Uuid),
    ("location_id", Format::Uuid),
    ("organization_id", Format::Uuid),
    ("parent_id", Format::Uuid),
    ("parent_organization_id", Format::Uuid),
    ("phone_id", Format::Uuid),
    ("program_id", Format::Uuid),
    ("resource_id", Format::Uuid),
    ("schedule_link", Format::Uri),
    ("service_at_location_id", Format::Uuid),
    ("service_id", Format::Uuid),
    ("taxonomy_id", Format::Uuid),
    ("taxonomy_term_id", Format::Uuid),
    ("term_uri", Format::Uri),
    ("uri", Format::Uri),
    ("url", Format::Uri),
    ("website", Format::Uri),
];

/// The format of a field of an object in the list or object named
/// `holder`: [`FORMATS`] by name, except a service area's `uri`, which
/// HSDS leaves free.
pub fn format_of(holder: &str, field: &str) -> Option<Format> {
    if holder == "service_areas" && field == "uri" {
        return None;
    }
    FORMATS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, format)| *format)
}

/// A format HSDS gives text (JSON Schema's names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Uuid,
    Uri,
    Email,
    DateTime,
}

impl Format {
    /// JSON Schema's name for the format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Uuid => "uuid",
            Format::Uri => "uri",
            Format::Email => "email",
            Format::DateTime => "date-time",
        }
    }

    /// Whether `text` is written in this format.
    pub fn fits(self, text: &str) -> bool {
        match self {
            Format::Uuid => {
                let parts: Vec<&str> = text.split('-').collect();
                parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
                    && parts
                        .iter()
                        .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
            }
            // An absolute URI (RFC 3986): a scheme, a colon, and no spaces.
            Format::Uri => text.split_once(':').is_some_and(|(scheme, rest)| {
                scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                    && !rest.is_empty()
                    && !text.chars().any(|c| c.is_whitespace() || c.is_control())
            }),
            Format::Email => text.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty()
                    && !host.is_empty()
                    && !host.contains('@')
                    && !text.chars().any(|c| c.is_whitespace() || c.is_control())
            }),
            Format::DateTime => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
        }
    }

    /// What the fault says the text should be.
    fn should_be(self) -> &'static str {
        match self {
            Format::Uuid => "a UUID, such as 3a19ff88-4620-4d17-9830-ac1d859eb5d5 (HSDS 3 gives every record one)",
            Format::Uri => "a full web address or URI, such as https://example.org/page",
            Format::Email => "an email address, such as hello@example.org",
            Format::DateTime => "a date and time, such as 2026-12-07T10:00:00Z",
        }
    }
}

/// The type HSDS gives a field, by its name; `None` for a name HSDS 3.0
/// does not define (an extension).
pub fn kind_of(field: &str) -> Option<&'static str> {
    if LISTS.contains(&field) {
        Some("a list of objects")
    } else if OBJECTS.contains(&field) {
        Some("an object")
    } else if NUMBERS.contains(&field) {
        Some("a number")
    } else if TEXTS.contains(&field) {
        Some("text")
    } else {
        None
    }
}

/// What Village keeps, as paths with list positions left out (`phones.number`).
/// Ids of nested records and their links (`*_id`) are not listed: Village
/// makes its own. The one exception is an attribute's `taxonomy_term_id`,
/// which says which of Village's fields the attribute carries.
const KEPT: [&str; 48] = [
    "id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "eligibility_description",
    "fees_description",
    "assured_date",
    "organization_id",
    "cost_options.option",
    "cost_options.amount",
    "cost_options.currency",
    "organization.name",
    "organization.description",
    "organization.website",
    "organization.attributes.value",
    "organization.attributes.taxonomy_term.code",
    "organization.attributes.taxonomy_term.taxonomy",
    "organization.attributes.taxonomy_term_id",
    "phones.number",
    "phones.type",
    "phones.description",
    "languages.name",
    "languages.code",
    "schedules.freq",
    "schedules.byday",
    "schedules.opens_at",
    "schedules.closes_at",
    "schedules.description",
    "schedules.valid_from",
    "schedules.valid_to",
    "schedules.until",
    "schedules.count",
    "schedules.dtstart",
    "schedules.interval",
    "service_areas.name",
    "service_areas.uri",
    "service_areas.village_area_id",
    "service_at_locations.location.location_type",
    "service_at_locations.location.name",
    "service_at_locations.location.addresses.address_1",
    "service_at_locations.location.addresses.address_2",
    "service_at_locations.location.addresses.city",
    "service_at_locations.location.addresses.postal_code",
    "service_at_locations.location.accessibility.description",
    "attributes.value",
];

/// Kept too, under the service's locations: their schedules, as the
/// service's own; and a Village attribute's term.
const KEPT_ALSO: [&str; 12] = [
    "service_at_locations.schedules.freq",
    "service_at_locations.schedules.byday",
    "service_at_locations.schedules.opens_at",
    "service_at_locations.schedules.closes_at",
    "service_at_locations.schedules.description",
    "service_at_locations.schedules.valid_from",
    "service_at_locations.schedules.valid_to",
    "service_at_locations.schedules.until",
    "service_at_locations.schedules.count",
    "service_at_locations.schedules.dtstart",
    "service_at_locations.schedules.interval",
    "attributes.taxonomy_term.code",
];

/// Kept for a group too: how often and from when its schedules repeat, its
/// venue's details and link, and Village's attributes on its schedules and
/// venue.
const KEPT_BY_GROUPS: [&str; 14] = [
    "last_modified",
    "schedules.attributes.value",
    "schedules.attributes.taxonomy_term.code",
    "schedules.attributes.taxonomy_term.taxonomy",
    "schedules.attributes.taxonomy_term_id",
    "service_at_locations.location.url",
    "service_at_locations.location.description",
    "service_at_locations.location.transportation",
    "service_at_locations.location.attributes.value",
    "service_at_locations.location.attributes.taxonomy_term.code",
    "service_at_locations.location.attributes.taxonomy_term.taxonomy",
    "service_at_locations.location.attributes.taxonomy_term_id",
    "service_at_locations.location.addresses.address_type",
    "service_at_locations.location.accessibility.description",
];

fn kept(path: &str, group: bool) -> bool {
    (group && KEPT_BY_GROUPS.contains(&path))
        || KEPT.contains(&path)
        || KEPT_ALSO.contains(&path)
        || path == "attributes.taxonomy_term.taxonomy"
        || path == "attributes.taxonomy_term_id"
        || path == "attributes.taxonomy_term.id"
}

/// Checks every field of one record against HSDS's types, calling `fault`
/// with (path, why) for each wrong one, and counts into `not_kept` the
/// fields Village does not keep (by path, list positions left out).
pub fn check(
    record: &serde_json::Map<String, Value>,
    group: bool,
    fault: &mut impl FnMut(String, String),
    not_kept: &mut BTreeMap<String, usize>,
) {
    required(record, "service", "", fault);
    walk(record, ("", "", group), fault, not_kept);
}

/// Faults for the fields HSDS requires in an object that it lacks.
fn required(
    map: &serde_json::Map<String, Value>,
    holder: &str,
    path: &str,
    fault: &mut impl FnMut(String, String),
) {
    for field in required_in(holder) {
        if map.get(*field).is_none_or(Value::is_null) {
            let at = if path.is_empty() {
                (*field).to_owned()
            } else {
                format!("{path}.{field}")
            };
            fault(at, "is missing (HSDS requires it)".to_owned());
        }
    }
}

fn walk(
    map: &serde_json::Map<String, Value>,
    (path, plain, group): (&str, &str, bool),
    fault: &mut impl FnMut(String, String),
    not_kept: &mut BTreeMap<String, usize>,
) {
    for (key, value) in map {
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let plain_here = if plain.is_empty() {
            key.clone()
        } else {
            format!("{plain}.{key}")
        };
        // The UK profile's accessibility entries hold an `accessibility`
        // text: a field named as the list it is in is that profile's.
        let own_name = plain.rsplit('.').next() == Some(key.as_str());
        let expected = if own_name && value.is_string() {
            None
        } else {
            kind_of(key)
        };
        let fits = matches!(
            (expected, value),
            (_, Value::Null)
                | (None, _)
                | (Some("text"), Value::String(_))
                | (Some("a number"), Value::Number(_))
                | (Some("an object"), Value::Object(_))
                | (Some("a list of objects"), Value::Array(_))
        );
        if !fits {
            if let Some(expected) = expected {
                fault(here.clone(), format!("should be {expected}"));
            }
            continue;
        }
        if let (Some((_, allowed)), Value::String(text)) =
            (ENUMS.iter().find(|(name, _)| name == key), value)
        {
            if !allowed.contains(&text.as_str()) {
                fault(
                    here.clone(),
                    format!("{text:?} should be one of {}", allowed.join(", ")),
                );
            }
        }
        let holder = plain.rsplit('.').next().unwrap_or_default();
        if let (Some(format), Value::String(text)) = (format_of(holder, key), value) {
            if !text.trim().is_empty() && !format.fits(text.trim()) {
                fault(
                    here.clone(),
                    format!("{text:?} should be {}", format.should_be()),
                );
            }
        }
        let nested_id = !path.is_empty() && (key == "id" || key.ends_with("_id"));
        match value {
            Value::Object(inner) => {
                required(inner, key, &here, fault);
                walk(inner, (&here, &plain_here, group), fault, not_kept)
            }
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    let at = format!("{here}[{}]", n + 1);
                    match item {
                        Value::Object(inner) => {
                            required(inner, key, &at, fault);
                            walk(inner, (&at, &plain_here, group), fault, not_kept)
                        }
                        _ if expected.is_some() => {
                            fault(at, "should be an object".to_owned());
                        }
                        _ => {}
                    }
                }
            }
            Value::Null => {}
            _ if nested_id || kept(&plain_here, group) => {}
            _ => *not_kept.entry(plain_here).or_default() += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::hsds::uuid_for;

    /// A UUID for a test's record, as HSDS 3 asks.
    fn u(name: &str) -> String {
        uuid_for(&format!("test:{name}"))
    }
    use serde_json::json;

    fn faults_and_not_kept(record: Value) -> (Vec<(String, String)>, BTreeMap<String, usize>) {
        let mut faults = Vec::new();
        let mut not_kept = BTreeMap::new();
        check(
            record.as_object().expect("an object"),
            false,
            &mut |path, why| faults.push((path, why)),
            &mut not_kept,
        );
        (faults, not_kept)
    }

    #[test]
    fn a_wrong_type_anywhere_is_a_fault_even_where_village_keeps_nothing() {
        let (faults, _) = faults_and_not_kept(json!({
            "id": u("a"),
            "name": "A",
            "status": "open",
            "minimum_age": "sixteen",
            "funding": [{ "id": u("f"), "source": 3 }],
            "phones": [{ "number": "0113 496 0000", "extension": "ext 2" }, "not an object"],
            "organization": [],
        }));
        assert_eq!(
            faults,
            [
                ("funding[1].source".to_owned(), "should be text".to_owned()),
                ("minimum_age".to_owned(), "should be a number".to_owned()),
                ("organization".to_owned(), "should be an object".to_owned()),
                (
                    "phones[1].id".to_owned(),
                    "is missing (HSDS requires it)".to_owned()
                ),
                (
                    "phones[1].extension".to_owned(),
                    "should be a number".to_owned()
                ),
                ("phones[2]".to_owned(), "should be an object".to_owned()),
                (
                    "status".to_owned(),
                    "\"open\" should be one of active, inactive, defunct, temporarily closed"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn what_hsds_requires_is_required_wherever_it_is() {
        let (faults, _) = faults_and_not_kept(json!({
            "id": u("a"),
            "service_at_locations": [{ "id": u("s"), "location": { "id": u("l"),
                "addresses": [{ "id": u("ad"), "address_1": "1 High St" }] } }],
        }));
        let fields: Vec<&str> = faults.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "status",
                "service_at_locations[1].location.location_type",
                "service_at_locations[1].location.addresses[1].city",
                "service_at_locations[1].location.addresses[1].state_province",
                "service_at_locations[1].location.addresses[1].postal_code",
                "service_at_locations[1].location.addresses[1].country",
                "service_at_locations[1].location.addresses[1].address_type",
            ]
        );
    }

    #[test]
    fn what_village_does_not_keep_is_counted_by_field() {
        let (faults, not_kept) = faults_and_not_kept(json!({
            "id": u("a"),
            "name": "A",
            "status": "active",
            "alternate_name": "B",
            "wait_time": "2 weeks",
            "minimum_age": 16,
            "phones": [{ "id": u("p"), "number": "1", "extension": 2 }, { "id": u("q"), "number": "2", "extension": 3 }],
            "schedules": [{ "id": u("h"), "byday": "MO", "notes": "Lunch 12-1" }],
            "x_custom": "kept nowhere",
        }));
        assert!(faults.is_empty(), "{faults:?}");
        let counted: Vec<(&str, usize)> = not_kept.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            counted,
            [
                ("alternate_name", 1),
                ("minimum_age", 1),
                ("phones.extension", 2),
                ("schedules.notes", 1),
                ("wait_time", 1),
                ("x_custom", 1),
            ]
        );
    }
}
