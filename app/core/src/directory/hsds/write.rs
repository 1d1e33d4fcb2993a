//! Writing services as HSDS 3 JSON.

use serde_json::{json, Map, Value};

use super::{Record, VillageAttribute, DAYS, TAXONOMY};
use crate::{
    directory::{Hours, Opening, Referral, Service, ServiceCost},
    written, AreaId,
};

/// The file for these records: a JSON array of HSDS service objects, each
/// with its organisation, phones, languages, schedules, areas, place and
/// Village's attributes nested in it. `area_name` names each area for the
/// service area's `name`.
pub fn write(records: &[Record], area_name: impl Fn(&AreaId) -> Option<String>) -> Value {
    Value::Array(
        records
            .iter()
            .map(|record| service(record, &area_name))
            .collect(),
    )
}

fn service(record: &Record, area_name: &impl Fn(&AreaId) -> Option<String>) -> Value {
    let s = &record.service;
    let id = s.id.as_str();
    let mut out = Map::new();
    out.insert("id".into(), json!(id));
    out.insert("organization_id".into(), json!(record.organisation_id));
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
    out.insert("application_process".into(), json!(process));
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
                json!([{ "id": format!("{id}-cost"), "service_id": id, "option": "Free", "amount": 0, "currency": "GBP" }]),
            );
        }
        ServiceCost::NotKnown => {}
    }
    out.insert(
        "assured_date".into(),
        json!(s.last_confirmed.format("%Y-%m-%d").to_string()),
    );
    if let Some(org) = &record.organisation {
        let mut o = Map::new();
        o.insert("id".into(), json!(record.organisation_id));
        o.insert("name".into(), json!(org.name()));
        o.insert("description".into(), json!(org.description()));
        if let Some(website) = org.website() {
            o.insert("website".into(), json!(website));
        }
        out.insert("organization".into(), Value::Object(o));
    }
    out.insert("phones".into(), phones(s));
    out.insert(
        "languages".into(),
        Value::Array(
            s.languages
                .iter()
                .enumerate()
                .map(|(n, name)| json!({ "id": format!("{id}-language-{}", n + 1), "service_id": id, "name": name }))
                .collect(),
        ),
    );
    out.insert("schedules".into(), schedules(s));
    out.insert(
        "service_areas".into(),
        Value::Array(
            s.areas
                .iter()
                .map(|area| {
                    let name = area_name(area).unwrap_or_else(|| area.as_str().to_owned());
                    json!({
                        "id": format!("{id}-area-{area}"),
                        "service_id": id,
                        "name": name,
                        "village_area_id": area.as_str(),
                    })
                })
                .collect(),
        ),
    );
    out.insert("service_at_locations".into(), places(s));
    out.insert("attributes".into(), attributes(s));
    Value::Object(out)
}

/// A number that takes calls and texts is written twice, once per HSDS
/// phone type; reading merges them back.
fn phones(s: &Service) -> Value {
    let id = s.id.as_str();
    let mut out = Vec::new();
    for phone in &s.phones {
        for (wanted, kind) in [(phone.call, "voice"), (phone.text, "text")] {
            if wanted {
                out.push(json!({
                    "id": format!("{id}-phone-{}", out.len() + 1),
                    "service_id": id,
                    "number": phone.number.written(),
                    "type": kind,
                    "description": phone.label,
                }));
            }
        }
    }
    Value::Array(out)
}

/// Weekly hours as HSDS schedules: consecutive openings at the same times
/// share one schedule. Open at all hours is every day from 00:00 to 00:00.
/// The hours in words go in the first schedule's `description`, or in a
/// schedule of their own when there are no hours.
fn schedules(s: &Service) -> Value {
    let id = s.id.as_str();
    let mut groups: Vec<(Vec<&'static str>, String, String)> = Vec::new();
    let always = [Opening {
        day: chrono::Weekday::Mon,
        opens: chrono::NaiveTime::MIN,
        closes: chrono::NaiveTime::MIN,
    }];
    let openings: &[Opening] = match &s.hours {
        Hours::Always => &always,
        Hours::Weekly(openings) => openings,
        Hours::Unknown => &[],
    };
    for o in openings {
        let day = if matches!(s.hours, Hours::Always) {
            vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        } else {
            DAYS.iter()
                .filter(|(d, _)| *d == o.day)
                .map(|(_, code)| *code)
                .collect()
        };
        let (opens, closes) = (written::time(o.opens), written::time(o.closes));
        match groups.last_mut() {
            Some(last)
                if last.1 == opens && last.2 == closes && !matches!(s.hours, Hours::Always) =>
            {
                last.0.extend(day)
            }
            _ => groups.push((day, opens, closes)),
        }
    }
    let mut out: Vec<Value> = groups
        .into_iter()
        .enumerate()
        .map(|(n, (days, opens, closes))| {
            json!({
                "id": format!("{id}-hours-{}", n + 1),
                "service_id": id,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": days.join(","),
                "opens_at": opens,
                "closes_at": closes,
            })
        })
        .collect();
    if !s.hours_note.is_empty() {
        match out.first_mut().and_then(Value::as_object_mut) {
            Some(first) => {
                first.insert("description".into(), json!(s.hours_note));
            }
            None => out.push(json!({
                "id": format!("{id}-hours-1"),
                "service_id": id,
                "description": s.hours_note,
            })),
        }
    }
    Value::Array(out)
}

fn places(s: &Service) -> Value {
    let id = s.id.as_str();
    let Some(place) = &s.place else {
        return json!([]);
    };
    json!([{
        "id": format!("{id}-at-place"),
        "service_id": id,
        "location_id": format!("{id}-place"),
        "location": {
            "id": format!("{id}-place"),
            "location_type": "physical",
            "name": place.name,
            "addresses": [{
                "id": format!("{id}-address"),
                "location_id": format!("{id}-place"),
                "address_1": place.address,
                "city": place.town,
                "postal_code": place.postcode,
                "country": "GB",
                "address_type": "physical",
            }],
            "accessibility": place.accessibility.iter().enumerate().map(|(n, a)| json!({
                "id": format!("{id}-access-{}", n + 1),
                "location_id": format!("{id}-place"),
                "description": a,
            })).collect::<Vec<_>>(),
        },
    }])
}

fn attributes(s: &Service) -> Value {
    let id = s.id.as_str();
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let mut pairs: Vec<(VillageAttribute, String)> = vec![
        (VillageAttribute::SelfReferral, yes_no(s.referral.is_self())),
        (VillageAttribute::Crisis, yes_no(s.crisis)),
    ];
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
        pairs.push((VillageAttribute::Sample, yes_no(true)));
    }
    Value::Array(
        pairs
            .into_iter()
            .enumerate()
            .map(|(n, (attribute, value))| {
                let term = format!("{TAXONOMY}:{}", attribute.code());
                json!({
                    "id": format!("{id}-attribute-{}", n + 1),
                    "link_id": id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": term,
                    "taxonomy_term": {
                        "id": term,
                        "code": attribute.code(),
                        "name": attribute.label(),
                        "description": attribute.label(),
                        "taxonomy": TAXONOMY,
                    },
                    "value": value,
                })
            })
            .collect(),
    )
}
