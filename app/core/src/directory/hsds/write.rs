//! Writing services as HSDS 3 JSON that validates against the official
//! compiled schemas.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde_json::{json, Map, Value};

use super::{uuid_for, Record, VillageAttribute, AREA_URI_PREFIX, DAYS, NATIONAL_AREA_URI};
use crate::{
    calendar::london,
    directory::{Hours, Opening, Referral, Service, ServiceCost},
    written, AreaId,
};

/// The file for these records: a JSON array of HSDS service objects, each
/// with its organisation, phones, languages, schedules, areas, place and
/// Village's attributes nested in it. `area_name` names each area for the
/// service area's `name`; `today` chooses the clock periods whose UTC
/// offsets are written with opening times (HSDS has no way to name a time
/// zone, only an offset).
pub fn write(
    contents: &super::Contents,
    area_name: impl Fn(&AreaId) -> Option<String>,
    today: NaiveDate,
) -> Value {
    Value::Array(
        contents
            .services
            .iter()
            .map(|record| service(record, &area_name, today))
            .chain(
                contents
                    .groups
                    .iter()
                    .map(|record| super::group::write(record, &area_name, today)),
            )
            .collect(),
    )
}

/// Ids for one service's parts: `uuid_for("service:<id>/phone/1")`.
struct Ids<'a> {
    service: &'a str,
}

impl Ids<'_> {
    fn service(&self) -> String {
        uuid_for(&format!("service:{}", self.service))
    }

    fn part(&self, what: &str) -> String {
        uuid_for(&format!("service:{}/{what}", self.service))
    }
}

fn service(
    record: &Record,
    area_name: &impl Fn(&AreaId) -> Option<String>,
    today: NaiveDate,
) -> Value {
    let s = &record.service;
    let ids = Ids {
        service: s.id.as_str(),
    };
    let id = ids.service();
    let organisation_id = uuid_for(&format!("organization:{}", record.organisation_id));
    let mut out = Map::new();
    out.insert("id".into(), json!(id));
    out.insert("organization_id".into(), json!(organisation_id));
    out.insert("name".into(), json!(s.name));
    out.insert("description".into(), json!(s.description));
    if let Some(url) = &s.url {
        out.insert("url".into(), json!(url));
    }
    if let Some(email) = &s.email {
        out.insert("email".into(), json!(email));
    }
    out.insert("status".into(), json!(s.status.code()));
    let process = match &s.referral {
        Referral::Yourself { steps } => steps.join("\n"),
        Referral::ReferredBy { who } => who.clone(),
    };
    if !process.is_empty() {
        out.insert("application_process".into(), json!(process));
    }
    if !s.eligibility.is_empty() {
        out.insert("eligibility_description".into(), json!(s.eligibility));
    }
    // Not known is said by saying nothing about cost.
    match &s.cost {
        ServiceCost::Described(cost) => {
            out.insert("fees_description".into(), json!(cost));
        }
        ServiceCost::Free => {
            out.insert(
                "cost_options".into(),
                json!([{ "id": ids.part("cost/1"), "service_id": id, "option": "Free", "amount": 0, "currency": "GBP" }]),
            );
        }
        ServiceCost::NotKnown => {}
    }
    if let Some(day) = s.last_confirmed {
        out.insert(
            "assured_date".into(),
            json!(day.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(org) = &record.organisation {
        out.insert(
            "organization".into(),
            organization(&record.organisation_id, org),
        );
    }
    out.insert("phones".into(), phones(s, &ids));
    out.insert(
        "languages".into(),
        Value::Array(
            s.languages
                .iter()
                .enumerate()
                .map(|(n, name)| json!({ "id": ids.part(&format!("language/{}", n + 1)), "service_id": id, "name": name }))
                .collect(),
        ),
    );
    out.insert("schedules".into(), schedules(s, &ids, today));
    let others = s.other_areas.iter().enumerate().map(|(n, name)| {
        json!({
            "id": ids.part(&format!("area/other/{}", n + 1)),
            "service_id": id,
            "name": name,
        })
    });
    let areas: Vec<Value> = if s.area_not_known {
        // Not known is said by saying nothing.
        Vec::new()
    } else if s.is_national() {
        vec![json!({
            "id": ids.part("area/national"),
            "service_id": id,
            "name": "United Kingdom",
            "description": "National: for anyone in the UK.",
            "uri": NATIONAL_AREA_URI,
        })]
    } else {
        s.areas
            .iter()
            .map(|area| {
                let name = area_name(area).unwrap_or_else(|| area.as_str().to_owned());
                json!({
                    "id": ids.part(&format!("area/{area}")),
                    "service_id": id,
                    "name": name,
                    "uri": format!("{AREA_URI_PREFIX}{area}"),
                })
            })
            .chain(others)
            .collect()
    };
    out.insert("service_areas".into(), Value::Array(areas));
    out.insert("service_at_locations".into(), places(s, &ids));
    out.insert("attributes".into(), attributes(s, &ids));
    Value::Object(out)
}

/// The organisation, nested in a record, with Village's id for it.
pub(super) fn organization(organisation_id: &str, org: &crate::OrganisationDetails) -> Value {
    let id = uuid_for(&format!("organization:{organisation_id}"));
    let mut o = Map::new();
    o.insert("id".into(), json!(id));
    o.insert("name".into(), json!(org.name()));
    o.insert("description".into(), json!(org.description()));
    if let Some(website) = org.website() {
        o.insert("website".into(), json!(website));
    }
    let village_id = attribute(
        (&id, "organization"),
        uuid_for(&format!("organization:{organisation_id}/attribute/1")),
        VillageAttribute::VillageId,
        organisation_id,
    );
    o.insert("attributes".into(), json!([village_id]));
    Value::Object(o)
}

/// A number that takes calls and texts is written twice, once per HSDS
/// phone type; reading merges them back.
fn phones(s: &Service, ids: &Ids) -> Value {
    let mut out = Vec::new();
    for phone in &s.phones {
        for (wanted, kind) in [(phone.call, "voice"), (phone.text, "text")] {
            if wanted {
                let mut p = Map::new();
                p.insert(
                    "id".into(),
                    json!(ids.part(&format!("phone/{}", out.len() + 1))),
                );
                p.insert("service_id".into(), json!(ids.service()));
                p.insert("number".into(), json!(phone.number.written()));
                p.insert("type".into(), json!(kind));
                if !phone.label.is_empty() {
                    p.insert("description".into(), json!(phone.label));
                }
                out.push(Value::Object(p));
            }
        }
    }
    Value::Array(out)
}

/// An opening time with the offset Europe/London keeps in a clock period.
pub(super) fn at(time: NaiveTime, summer: bool) -> String {
    let offset = if summer { "+01:00" } else { "+00:00" };
    format!("{}{offset}", written::time(time))
}

/// One stretch of Europe/London's clock: from a change (`began`) to the day
/// before the next (`ends`, open for the last one written).
pub(super) struct ClockPeriod {
    pub(super) began: NaiveDate,
    pub(super) ends: Option<NaiveDate>,
    pub(super) summer: bool,
}

/// The clock period `today` is in and the two after it. HSDS gives a
/// schedule one UTC offset, so hours that hold all year are written once per
/// period with that period's offset: a reader that converts times to UTC is
/// then right in summer and winter alike. The last period is left open, as
/// the hours are; Village reads the periods back as one schedule.
pub(super) fn clock_periods(today: NaiveDate) -> Vec<ClockPeriod> {
    let year = today.year();
    // Each change, with whether summer time begins there.
    let changes: Vec<(NaiveDate, bool)> = (year - 1..=year + 2)
        .flat_map(|y| {
            [
                (london::last_sunday(y, 3), true),
                (london::last_sunday(y, 10), false),
            ]
        })
        .filter_map(|(day, summer)| day.map(|d| (d, summer)))
        .collect();
    let Some(now) = changes.iter().rposition(|(day, _)| *day <= today) else {
        return Vec::new();
    };
    changes[now..]
        .iter()
        .take(3)
        .enumerate()
        .map(|(n, (began, summer))| ClockPeriod {
            began: *began,
            ends: (n < 2)
                .then(|| {
                    changes
                        .get(now + n + 1)
                        .and_then(|(next, _)| next.pred_opt())
                })
                .flatten(),
            summer: *summer,
        })
        .collect()
}

/// Weekly hours as HSDS schedules: consecutive openings at the same times
/// share one schedule, written once per clock period (see
/// [`clock_periods`]). Open at all hours is every day from 00:00 to 23:59.
/// The hours in words go in the first schedule's `description`, or in a
/// schedule of their own when there are no hours; hours not known write no
/// schedule at all.
fn schedules(s: &Service, ids: &Ids, today: NaiveDate) -> Value {
    let id = ids.service();
    let mut groups: Vec<(Vec<&'static str>, NaiveTime, NaiveTime)> = Vec::new();
    match &s.hours {
        Hours::Always => groups.push((
            DAYS.iter().map(|(_, code)| *code).collect(),
            NaiveTime::MIN,
            NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default(),
        )),
        Hours::Weekly(openings) => {
            for Opening { day, opens, closes } in openings {
                let code: Vec<&'static str> = DAYS
                    .iter()
                    .filter(|(d, _)| d == day)
                    .map(|(_, code)| *code)
                    .collect();
                match groups.last_mut() {
                    Some(last) if last.1 == *opens && last.2 == *closes => last.0.extend(code),
                    _ => groups.push((code, *opens, *closes)),
                }
            }
        }
        Hours::Unknown => {}
    }
    let mut out: Vec<Value> = Vec::new();
    let periods = clock_periods(today);
    // Periods that begin after the hours end are left out; the last one
    // kept ends with them.
    let kept = periods
        .iter()
        .enumerate()
        .filter(|(n, p)| *n == 0 || s.hours_until.is_none_or(|last| p.began <= last));
    for (n, period) in kept {
        let valid_to = match (period.ends, s.hours_until) {
            (Some(ends), Some(last)) => Some(ends.min(last)),
            (ends, last) => ends.or(last),
        };
        for (g, (days, opens, closes)) in groups.iter().enumerate() {
            let mut schedule = json!({
                "id": ids.part(&format!("hours/{}/{}", g + 1, period.began)),
                "service_id": id,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": days.join(","),
                "opens_at": at(*opens, period.summer),
                "closes_at": at(*closes, period.summer),
                "timezone": if period.summer { 1 } else { 0 },
            });
            if let Some(map) = schedule.as_object_mut() {
                if n > 0 {
                    map.insert(
                        "valid_from".into(),
                        json!(period.began.format("%Y-%m-%d").to_string()),
                    );
                }
                if let Some(last) = valid_to {
                    map.insert(
                        "valid_to".into(),
                        json!(last.format("%Y-%m-%d").to_string()),
                    );
                }
            }
            out.push(schedule);
        }
    }
    if !s.hours_note.is_empty() {
        match out.first_mut().and_then(Value::as_object_mut) {
            Some(first) => {
                first.insert("description".into(), json!(s.hours_note));
            }
            None => out.push(json!({
                "id": ids.part("hours/1"),
                "service_id": id,
                "description": s.hours_note,
            })),
        }
    }
    Value::Array(out)
}

/// ISO 3166-1's code for the United Kingdom, where places entered in
/// Village are.
pub(super) const UNITED_KINGDOM: &str = "GB";

/// The place, as one physical location with one physical address, in the
/// country the source gave or else the United Kingdom. Village keeps no
/// county, so `state_province` (which HSDS requires) is empty.
fn places(s: &Service, ids: &Ids) -> Value {
    let Some(place) = &s.place else {
        return json!([]);
    };
    let location_id = ids.part("place");
    let mut address = json!({
        "id": ids.part("place/address"),
        "location_id": location_id,
        "address_1": place.address,
        "city": place.town,
        "state_province": "",
        "postal_code": place.postcode,
        "country": place.country.as_deref().unwrap_or(UNITED_KINGDOM),
        "address_type": "physical",
    });
    if let (false, Some(map)) = (place.address_2.is_empty(), address.as_object_mut()) {
        map.insert("address_2".into(), json!(place.address_2));
    }
    json!([{
        "id": ids.part("at-place"),
        "service_id": ids.service(),
        "location_id": location_id,
        "location": {
            "id": location_id,
            "location_type": "physical",
            "name": place.name,
            "addresses": [address],
            "accessibility": place.accessibility.iter().enumerate().map(|(n, a)| json!({
                "id": ids.part(&format!("place/access/{}", n + 1)),
                "location_id": location_id,
                "description": a,
            })).collect::<Vec<_>>(),
        },
    }])
}

/// One Village attribute: `link_type` says what the term describes (its
/// code), `link_entity` the kind of record it is attached to. The term is
/// given by its id alone: written out in every attribute, the same few
/// terms were a third of a national export (docs/open-referral.md lists
/// them).
pub(super) fn attribute(
    (link_id, entity): (&str, &str),
    id: String,
    kind: VillageAttribute,
    value: &str,
) -> Value {
    json!({
        "id": id,
        "link_id": link_id,
        "link_type": kind.code(),
        "link_entity": entity,
        "taxonomy_term_id": kind.term_id(),
        "value": value,
    })
}

/// Village's own fields, each only when someone said it: self-referral when
/// the way to get support is known, crisis only for crisis services.
fn attributes(s: &Service, ids: &Ids) -> Value {
    let mut pairs: Vec<(VillageAttribute, String)> =
        vec![(VillageAttribute::VillageId, s.id.as_str().to_owned())];
    match &s.referral {
        Referral::Yourself { .. } => pairs.push((VillageAttribute::SelfReferral, "yes".into())),
        Referral::ReferredBy { who } if !who.is_empty() => {
            pairs.push((VillageAttribute::SelfReferral, "no".into()))
        }
        Referral::ReferredBy { .. } => {}
    }
    if s.crisis {
        pairs.push((VillageAttribute::Crisis, "yes".into()));
    }
    pairs.extend(
        s.audiences
            .iter()
            .map(|a| (VillageAttribute::Audience, a.code().to_owned())),
    );
    pairs.extend(
        s.stages
            .iter()
            .map(|a| (VillageAttribute::Stage, a.code().to_owned())),
    );
    pairs.extend(
        s.modes
            .iter()
            .map(|a| (VillageAttribute::Mode, a.code().to_owned())),
    );
    pairs.extend(
        s.topics
            .iter()
            .map(|a| (VillageAttribute::Topic, a.code().to_owned())),
    );
    if s.is_sample {
        pairs.push((VillageAttribute::Sample, "yes".into()));
    }
    let link = ids.service();
    Value::Array(
        pairs
            .into_iter()
            .enumerate()
            .map(|(n, (kind, value))| {
                attribute(
                    (&link, "service"),
                    ids.part(&format!("attribute/{}", n + 1)),
                    kind,
                    &value,
                )
            })
            .collect(),
    )
}
