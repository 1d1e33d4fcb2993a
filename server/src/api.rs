//! The public read API, `/api/v1/…`: JSON over GET, with an ETag and a
//! `Cache-Control` a CDN can follow. Every error is a 4xx or 5xx with a body
//! `{"error": "<what was wrong>"}`. The pages use the same plan of the week
//! (`village_core::calendar::plan`) from the same published data.

use app::storage::Published;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use serde_json::{json, Value};
use std::{collections::HashMap, sync::Arc};
use village_core::{
    calendar::{
        ics, plan, DateWindow, Filters, Group, GroupId, Kind, PauseReason, Recurrence, Status,
        TermBehaviour,
    },
    directory::{Service, ServiceId},
    AreaId, OutsideDate,
};

use crate::http::AppState;

/// The most days one sessions request covers.
pub const MAX_DAYS: u32 = 62;

/// How long a CDN or browser may use an answer before asking again.
const CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=600";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/areas", get(areas))
        .route("/areas/{id}/sessions", get(sessions))
        .route("/areas/{id}/feed.atom", get(area_feed))
        .route("/groups/{id}", get(group))
        .route("/groups/{id}/calendar.ics", get(group_calendar))
        .route("/feeds/calendar.ics", get(feed_calendar))
        .route("/my-groups", get(my_groups))
        .route("/directory", get(directory))
        .route("/services/{id}", get(service))
        .fallback(|| async {
            ApiError::NotFound("There is nothing at this address in the API.".to_owned())
        })
}

#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    NotFound(String),
    Unavailable,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            Self::BadRequest(message) => (StatusCode::BAD_REQUEST, message),
            Self::NotFound(message) => (StatusCode::NOT_FOUND, message),
            Self::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Village cannot reach its data just now. Please try again in a minute.".to_owned(),
            ),
        };
        let mut response = (status, Json(json!({ "error": message }))).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

pub(crate) async fn published(state: &AppState) -> Result<Arc<Published>, ApiError> {
    state.store.published().await.map_err(|err| {
        tracing::error!(error = %err, "published data unavailable");
        ApiError::Unavailable
    })
}

pub(crate) fn area_id(raw: &str) -> Result<AreaId, ApiError> {
    AreaId::parse(raw).map_err(|err| ApiError::BadRequest(err.to_string()))
}

/// A JSON answer with an ETag of its bytes (weak, as the bytes may be sent
/// compressed or not); a matching `If-None-Match` gets a 304 with no body.
pub fn cached_json(request: &HeaderMap, value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => cached(request, "application/json", body),
        Err(err) => {
            tracing::error!(error = %err, "could not write JSON");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Any answer with a (weak) ETag of its bytes and a CDN-friendly `Cache-Control`.
pub fn cached(request: &HeaderMap, content_type: &'static str, body: Vec<u8>) -> Response {
    cached_with(request, content_type, body, CACHE_CONTROL)
}

/// An answer with an ETag and the `Cache-Control` given.
fn cached_with(
    request: &HeaderMap,
    content_type: &'static str,
    body: Vec<u8>,
    cache_control: &'static str,
) -> Response {
    // Weak, since the same answer may be sent compressed or not.
    let tag = format!("\"{:016x}\"", fnv1a(&body));
    let etag = format!("W/{tag}");
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value.split(',').map(str::trim).any(|candidate| {
                candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
            })
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    response
}

/// FNV-1a: a stable hash, so every instance gives the same ETag.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

async fn areas(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let published = published(&state).await?;
    let list: Vec<Value> = published
        .areas
        .iter()
        .map(|area| json!({ "id": area.id, "name": area.name }))
        .collect();
    Ok(cached_json(&headers, &list))
}

/// Reads `from` and `days`, naming whichever is wrong.
fn window(query: &HashMap<String, String>, today: NaiveDate) -> Result<DateWindow, ApiError> {
    let from = query.get("from").ok_or_else(|| {
        ApiError::BadRequest("Add from=YYYY-MM-DD: the first day to list.".to_owned())
    })?;
    let from = OutsideDate::parse(from, today)
        .map_err(|err| ApiError::BadRequest(format!("from: {err}")))?
        .date();
    let days = match query.get("days") {
        None => 7,
        Some(raw) => raw
            .parse::<u32>()
            .ok()
            .filter(|days| (1..=MAX_DAYS).contains(days))
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "days must be a whole number from 1 to {MAX_DAYS}, not {raw:?}."
                ))
            })?,
    };
    DateWindow::days(from, days).map_err(|err| ApiError::BadRequest(err.to_string()))
}

/// How many days ahead the area's Atom feed lists.
pub const FEED_DAYS: u32 = 14;

/// An area's plan for `days` from today, for pages that stay up unattended
/// on other sites and in readers (the embed, the Atom feed): like the
/// poster, without groups that may have stopped.
pub(crate) struct Unattended {
    pub area: app::calendar::Area,
    pub groups: Vec<Arc<Group>>,
    pub plan: village_core::calendar::Plan,
    pub today: NaiveDate,
}

pub(crate) async fn unattended(
    state: &AppState,
    raw_id: &str,
    days: u32,
) -> Result<Unattended, ApiError> {
    let id = area_id(raw_id)?;
    let today = today(state);
    let window =
        DateWindow::days(today, days).map_err(|err| ApiError::BadRequest(err.to_string()))?;
    let published = published(state).await?;
    let area = published
        .area(&id)
        .ok_or_else(|| ApiError::NotFound(format!("There is no area {:?}.", id.as_str())))?
        .clone();
    let groups: Vec<_> = published
        .groups_for(&id)
        .into_iter()
        .filter(|g| {
            !matches!(
                g.freshness(today),
                village_core::calendar::Freshness::MayHaveStopped(_)
            )
        })
        .collect();
    let plan = plan(
        &groups,
        published.terms(&id),
        window,
        &Filters::default(),
        today,
    );
    Ok(Unattended {
        area,
        groups,
        plan,
        today,
    })
}

/// The area's coming sessions and changes as Atom, for feed readers and
/// charities' websites (`/api/v1/areas/<id>/feed.atom`).
async fn area_feed(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    use village_core::calendar::atom;

    let Unattended {
        area,
        groups,
        plan,
        today,
    } = unattended(&state, &raw_id, FEED_DAYS).await?;
    let sessions: Vec<atom::FeedSession<'_>> = plan
        .days
        .iter()
        .flat_map(|day| day.sessions.iter())
        .filter_map(|session| {
            Some(atom::FeedSession {
                group: groups.get(session.group)?.as_ref(),
                occurrence: &session.occurrence,
            })
        })
        .collect();
    let listed: Vec<&Group> = groups.iter().map(AsRef::as_ref).collect();
    let body = atom::area_feed(
        &atom::FeedArea {
            id: area.id.as_str(),
            name: &area.name,
            base_url: &state.public_url,
        },
        &listed,
        &sessions,
        today,
    );
    Ok(cached(&headers, ATOM_TYPE, body.into_bytes()))
}

const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";

async fn sessions(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Query(query) = query
        .map_err(|_| ApiError::BadRequest("The query string could not be read.".to_owned()))?;
    let id = area_id(&raw_id)?;
    let today = today(&state);
    let window = window(&query, today)?;
    let published = published(&state).await?;
    let area = published
        .area(&id)
        .ok_or_else(|| ApiError::NotFound(format!("There is no area {:?}.", id.as_str())))?;
    let groups = published.groups_for(&id);
    let plan = plan(
        &groups,
        published.terms(&id),
        window,
        &Filters::default(),
        today,
    );
    let title = |index: usize| {
        groups
            .get(index)
            .map(|g| g.title.clone())
            .unwrap_or_default()
    };
    let group_id = |index: usize| {
        groups
            .get(index)
            .map(|g| g.id.to_string())
            .unwrap_or_default()
    };
    let sessions: Vec<Value> = plan
        .days
        .iter()
        .flat_map(|day| day.sessions.iter())
        .filter_map(|session| {
            let group = groups.get(session.group)?;
            let o = &session.occurrence;
            let (cancelled, cancel_reason) = match &o.status {
                Status::Cancelled { reason } => (true, Some(reason.clone())),
                _ => (false, None),
            };
            let (kind, moved_from) = match o.kind {
                Kind::Regular => ("regular", None),
                Kind::Extra => ("extra", None),
                Kind::Moved { from } => ("moved", Some(from)),
            };
            Some(json!({
                "group_id": group.id,
                "title": group.title,
                "date": o.date,
                "start": hhmm(o.starts),
                "end": hhmm(o.ends),
                "starts_at": o.starts_at(),
                "ends_at": o.ends_at(),
                "cancelled": cancelled,
                "cancel_reason": cancel_reason,
                "kind": kind,
                "moved_from": moved_from,
                "attendance": group.attendance,
                "where": app::calendar::week_model::where_label(group),
                "badges": group.badges(),
                "freshness": group.freshness(today),
            }))
        })
        .collect();
    let paused: Vec<Value> = plan
        .paused
        .iter()
        .map(|p| {
            let reason = match &p.reason {
                PauseReason::Break { name } | PauseReason::BankHoliday { name } => name.clone(),
            };
            json!({ "group_id": group_id(p.group), "title": title(p.group), "reason": reason, "resumes": p.resumes })
        })
        .collect();
    let unknown: Vec<Value> = plan
        .term_dates_unknown
        .iter()
        .map(|&i| json!({ "group_id": group_id(i), "title": title(i) }))
        .collect();
    let breaks: Vec<Value> = plan
        .breaks
        .iter()
        .map(|b| json!({ "name": b.name, "kind": b.kind, "start": b.dates.first(), "end": b.dates.last() }))
        .collect();
    let body = json!({
        "area": { "id": area.id, "name": area.name },
        "from": window.from(),
        "to": plan.last_day(),
        "breaks": breaks,
        "sessions": sessions,
        "paused": paused,
        "term_dates_unknown": unknown,
    });
    Ok(cached_json(&headers, &body))
}

/// The term behaviour of a group as one word: that of its schedules when
/// they agree (they nearly always have one), else `mixed`.
fn term_behaviour(group: &Group) -> &'static str {
    let mut behaviours = group.times.schedules().iter().map(|s| s.term_behaviour());
    match behaviours.next() {
        None => TermBehaviour::AllYear.code(),
        Some(first) if behaviours.all(|b| b == first) => first.code(),
        Some(_) => "mixed",
    }
}

pub fn group_json(group: &Group, today: NaiveDate) -> Value {
    let schedules: Vec<Value> = group
        .times
        .schedules()
        .iter()
        .map(|s| {
            let recurrence = match s.recurrence() {
                Recurrence::Weeks { interval, weekday } => {
                    json!({ "every_weeks": interval, "weekday": weekday.to_string() })
                }
                Recurrence::Month { week, weekday } => {
                    json!({ "week_of_month": week.ordinal(), "weekday": weekday.to_string() })
                }
            };
            json!({
                "recurrence": recurrence,
                "start": hhmm(s.starts()),
                "end": hhmm(s.ends()),
                "valid_from": s.valid_from(),
                "valid_until": s.valid_until(),
                "term_behaviour": s.term_behaviour(),
                "skips_bank_holidays": s.skips_bank_holidays(),
            })
        })
        .collect();
    let f = &group.facts;
    json!({
        "id": group.id,
        "title": group.title,
        "description": group.description,
        "organisation": { "id": group.organisation_id, "name": group.organisation_name },
        "area_id": group.area,
        "national": group.is_national(),
        "focus": group.focus,
        "format": f.format,
        "welcome": group.welcome,
        "attendance": group.attendance,
        "venue": group.venue,
        "joining": {
            "details": group.joining.details,
            "link": group.joining.public_link,
        },
        // Each fact as the organiser gave it; null (or empty) is not known.
        "cost": f.cost,
        "cost_note": f.cost_note,
        "booking": f.booking,
        "booking_how": f.booking_how,
        "contact": f.contact,
        "typical_size": f.typical_size,
        "run_by": f.run_by,
        "facilitated_by": f.facilitated_by,
        "moderated": f.moderated,
        "languages": f.languages,
        "taking_new_members": f.taking_new_members,
        "next_course_start": f.next_course_start,
        "first_visit": f.first_visit,
        "details_to_check": group.details_to_check,
        "last_confirmed": group.last_confirmed,
        "freshness": group.freshness(today),
        "is_sample": group.is_sample,
        "term_behaviour": term_behaviour(group),
        "schedules": schedules,
        "exceptions": group.times.exceptions(),
        "badges": group.badges(),
    })
}

async fn group(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let published = published(&state).await?;
    let group = find_group(&published, &raw_id)?;
    Ok(cached_json(&headers, &group_json(group, today(&state))))
}

/// A group by the id in a path: 400 for a malformed id, 404 for an unknown one.
fn find_group<'a>(published: &'a Published, raw_id: &str) -> Result<&'a Arc<Group>, ApiError> {
    let id = GroupId::parse(raw_id).map_err(|err| ApiError::BadRequest(err.to_string()))?;
    published
        .group(&id)
        .ok_or_else(|| ApiError::NotFound(format!("There is no group {:?}.", id.as_str())))
}

/// The directory for an area (its own services and national ones), or the
/// national services alone when no area is given: everything the browser
/// keeps for offline search.
async fn directory(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let published = published(&state).await?;
    let area = match query
        .get("area")
        .map(String::as_str)
        .filter(|a| !a.is_empty())
    {
        Some(raw) => {
            let id = area_id(raw)?;
            if published.area(&id).is_none() {
                return Err(ApiError::NotFound(format!(
                    "There is no area {:?}.",
                    id.as_str()
                )));
            }
            Some(id)
        }
        None => None,
    };
    let services: Vec<&Service> = published
        .services_for(area.as_ref())
        .map(|i| &i.service)
        .collect();
    let updated = services.iter().map(|s| s.last_confirmed).max();
    Ok(cached_json(
        &headers,
        &json!({
            "area": area.as_ref().map(AreaId::as_str),
            "updated": updated,
            "services": services,
        }),
    ))
}

async fn service(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let published = published(&state).await?;
    let id = ServiceId::parse(&raw_id).map_err(|err| ApiError::BadRequest(err.to_string()))?;
    let service = published
        .service(&id)
        .ok_or_else(|| ApiError::NotFound(format!("There is no service {:?}.", id.as_str())))?;
    Ok(cached_json(&headers, service))
}

/// The most groups one personal feed may hold.
pub const MAX_FEED_GROUPS: usize = 50;

const CALENDAR_TYPE: &str = "text/calendar; charset=utf-8";

pub(crate) fn today(state: &AppState) -> NaiveDate {
    app::site::Today::fixed_or_now(state.today).0
}

fn feed_group<'a>(published: &'a Published, group: &'a Group) -> ics::FeedGroup<'a> {
    ics::FeedGroup {
        group,
        terms: published.terms_of(group),
    }
}

/// The reminder asked for with `alert=none|1h|evening` (none when absent).
fn alert(query: &HashMap<String, String>) -> Result<ics::Alert, ApiError> {
    query
        .get("alert")
        .map_or(Ok(ics::Alert::None), |code| ics::Alert::parse(code.trim()))
        .map_err(ApiError::BadRequest)
}

async fn group_calendar(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Query(query) = query
        .map_err(|_| ApiError::BadRequest("The query string could not be read.".to_owned()))?;
    let alert = alert(&query)?;
    let published = published(&state).await?;
    let group = find_group(&published, &raw_id)?;
    let body = ics::calendar(
        &group.title,
        &[feed_group(&published, group)],
        today(&state),
        &state.public_url,
        alert,
    );
    let mut response = cached(&headers, CALENDAR_TYPE, body.into_bytes());
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{}.ics\"", group.id))
    {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The groups a request follows: `groups=<id>,<id>`, at most
/// [`MAX_FEED_GROUPS`], each an id, without repeats.
fn followed_ids(query: &HashMap<String, String>) -> Result<Vec<GroupId>, ApiError> {
    let raw = query
        .get("groups")
        .filter(|raw| !raw.trim().is_empty())
        .ok_or_else(|| {
            ApiError::BadRequest("Add groups=<id>,<id>: the groups to follow.".to_owned())
        })?;
    // Refused as soon as a part too many is read: a long list costs nothing.
    let mut ids = Vec::new();
    for (index, part) in raw
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if index >= MAX_FEED_GROUPS {
            return Err(ApiError::BadRequest(format!(
                "A feed can follow at most {MAX_FEED_GROUPS} groups."
            )));
        }
        let id = GroupId::parse(part).map_err(|err| ApiError::BadRequest(err.to_string()))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// "My groups" for the groups a phone follows (`groups=<id>,<id>`, and This
/// week's filters for the alternatives): each group's outlook for the weeks
/// ahead, which the phone keeps and reads against its own clock. A group no
/// longer listed is named in `gone`, not refused, so one removal does not
/// blank the panel.
async fn my_groups(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    use village_core::calendar::my_groups::{outlook, Alternatives, Outlook, OUTLOOK_DAYS};

    let Query(pairs) = query
        .map_err(|_| ApiError::BadRequest("The query string could not be read.".to_owned()))?;
    if pairs.len() > MAX_QUERY_PAIRS {
        return Err(ApiError::BadRequest(
            "The query has too many parts.".to_owned(),
        ));
    }
    let ids = followed_ids(&pairs.iter().cloned().collect())?;
    let (filters, problems) =
        Filters::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if let Some(problem) = problems.into_iter().next() {
        return Err(ApiError::BadRequest(problem));
    }
    let today = today(&state);
    let published = published(&state).await?;
    let mut groups = Vec::new();
    let mut gone = Vec::new();
    // Each area's groups and alternatives are worked out once, however
    // many of its groups are followed.
    let mut areas: HashMap<Option<AreaId>, Vec<Arc<Group>>> = HashMap::new();
    let mut followed: Vec<&Arc<Group>> = Vec::new();
    for id in ids {
        match published.group(&id) {
            Some(group) => {
                areas
                    .entry(group.area.clone())
                    .or_insert_with(|| match &group.area {
                        Some(area) => published.groups_for(area),
                        None => published
                            .groups()
                            .iter()
                            .filter(|g| g.area.is_none())
                            .cloned()
                            .collect(),
                    });
                followed.push(group);
            }
            None => gone.push(id),
        }
    }
    for (area, neighbours) in &areas {
        let terms = match area {
            Some(area) => published.terms(area),
            None => published.national_terms(),
        };
        let mut instead = Alternatives::new(neighbours, terms, &filters, today);
        for group in followed.iter().filter(|g| &g.area == area) {
            groups.push(outlook(group, terms, &mut instead, today));
        }
    }
    // In the order they were asked for.
    groups.sort_by_key(|g| followed.iter().position(|f| f.id == g.id));
    let answer = Outlook {
        made: today,
        until: today + chrono::Duration::days(i64::from(OUTLOOK_DAYS)),
        groups,
        gone,
    };
    // Asked again each time (a 304 when unchanged), so that with no signal
    // the service worker's kept copy answers, saying how old it is, and
    // never a browser cache's copy passed off as fresh.
    let body = serde_json::to_vec(&answer).map_err(|err| {
        tracing::error!(error = %err, "could not write JSON");
        ApiError::Unavailable
    })?;
    // Private: the address says which groups someone follows.
    Ok(cached_with(
        &headers,
        "application/json",
        body,
        "private, no-cache",
    ))
}

/// The most `key=value` parts a query may have (filters and the groups).
const MAX_QUERY_PAIRS: usize = 20;

/// A subscription feed for a personal selection: `?groups=<id>,<id>`, and
/// `&alert=1h|evening` for a reminder. The address carries only group ids
/// and the reminder, chosen on the device.
async fn feed_calendar(
    State(state): State<AppState>,
    query: Result<Query<HashMap<String, String>>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Query(query) = query
        .map_err(|_| ApiError::BadRequest("The query string could not be read.".to_owned()))?;
    let ids = followed_ids(&query)?;
    let alert = alert(&query)?;
    let published = published(&state).await?;
    let missing: Vec<&str> = ids
        .iter()
        .filter(|id| published.group(id).is_none())
        .map(GroupId::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::NotFound(format!(
            "There is no group {}.",
            missing.join(", ")
        )));
    }
    let groups: Vec<ics::FeedGroup<'_>> = ids
        .iter()
        .filter_map(|id| published.group(id))
        .map(|group| feed_group(&published, group))
        .collect();
    let body = ics::calendar(
        "Village: my groups",
        &groups,
        today(&state),
        &state.public_url,
        alert,
    );
    Ok(cached(&headers, CALENDAR_TYPE, body.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_are_stable_and_differ_with_the_content() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(b"[1]"), fnv1a(b"[2]"));
    }
}
