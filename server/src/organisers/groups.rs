//! A peer-support group kept current by its organisation: added, changed,
//! confirmed "Still accurate", a session cancelled or an extra one added.
//! A contact or joining link from an organiser waits for an admin.

use app::{
    calendar::db::NewGroup,
    organisers::{GroupPreview, HOME_PATH},
    venues::db::NewVenue,
};
use axum::extract::{Path, State};
use chrono::NaiveDate;
use village_core::{
    calendar::{edit, Exception, Group, GroupId, Joining, TermCalendar},
    AreaId, DateError, FieldError, OutsideDate,
};

use super::{change, field, form_again, id_suffix, today, Answer, Posted, Refusal};
use crate::http::AppState;

/// The published group with this id.
async fn group_of(
    state: &AppState,
    id: &str,
) -> Result<(GroupId, std::sync::Arc<app::storage::Published>), Refusal> {
    let id = GroupId::parse(id).map_err(|_| Refusal::NotFound)?;
    let published = state.store.published().await?;
    if published.group(&id).is_none() {
        return Err(Refusal::NotFound);
    }
    Ok((id, published))
}

/// "Still accurate" on a group: organisers for their own, admins for any.
pub(super) async fn confirm(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { user, key, .. }: Posted,
) -> Answer {
    let (id, published) = group_of(&state, &id).await?;
    let group = published.group(&id).ok_or(Refusal::NotFound)?;
    if !user.may_edit(&group.organisation_id) {
        return Err(Refusal::other_organisation());
    }
    if group.details_to_check {
        return Err(Refusal::Conflict(
            "This group's details need checking first: open \"Change details and times\", check every fact and save.",
        ));
    }
    let today = today(&state);
    change(
        &state,
        (&user, &key),
        "confirmed-group",
        async |by| state.store.confirm_group(&id, today, by).await,
        Refusal::NotFound,
    )
    .await
}

/// One change to a group's dates: checked by `check` (given the group, its
/// area's terms, the form's fields and today), then stored with its audit
/// entry; problems are shown beside the form they came from.
async fn change_dates(
    state: AppState,
    id: String,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
    (form_name, done): (&'static str, &'static str),
    check: impl Fn(
        &Group,
        &TermCalendar,
        &dyn Fn(&str) -> String,
        NaiveDate,
    ) -> Result<Exception, Vec<FieldError>>,
) -> Answer {
    let (group_id, published) = group_of(&state, &id).await?;
    let group = published.group(&group_id).ok_or(Refusal::NotFound)?;
    if !user.may_edit(&group.organisation_id) {
        return Err(Refusal::other_organisation());
    }
    let get = |key: &str| field(&pairs, key);
    match check(group, published.terms_of(group), &get, today(&state)) {
        Ok(exception) => {
            change(
                &state,
                (&user, &key),
                done,
                async |by| state.store.add_exception(&group_id, &exception, by).await,
                Refusal::NotFound,
            )
            .await
        }
        Err(errors) => {
            let form = format!("{form_name}:{group_id}");
            let form = (form.as_str(), errors, pairs.clone());
            Ok(form_again(&state, parts, Some(HOME_PATH), form, || {}).await)
        }
    }
}

/// The form's `date`, checked like every date from outside.
fn date_field(
    get: &dyn Fn(&str) -> String,
    today: NaiveDate,
) -> Result<NaiveDate, Vec<FieldError>> {
    OutsideDate::parse(&get("date"), today)
        .map(OutsideDate::date)
        .map_err(|err| {
            vec![FieldError {
                field: "date",
                message: match err {
                    DateError::NotADate(_) => "Please give the day, as a date.".into(),
                    other => other.to_string(),
                },
            }]
        })
}

pub(super) async fn cancel_session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted,
) -> Answer {
    change_dates(
        state,
        id,
        posted,
        ("cancel", "cancelled"),
        |group, terms, get, today| {
            let date = date_field(get, today)?;
            edit::cancellation(&group.times, terms, date, &get("reason"), today)
        },
    )
    .await
}

pub(super) async fn add_extra_session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted,
) -> Answer {
    change_dates(
        state,
        id,
        posted,
        ("extra", "extra"),
        |group, terms, get, today| {
            edit::extra_session(
                &group.times,
                terms,
                Some(date_field(get, today)?),
                &get("starts"),
                &get("ends"),
                today,
            )
        },
    )
    .await
}

/// Adds a group, or shows its next dates first ("Show the next dates"):
/// organisers for their own organisation, admins for any.
pub(super) async fn add(State(state): State<AppState>, posted: Posted) -> Answer {
    let get = |key: &str| posted.get(key);
    let user = &posted.user;
    let organisation_id = if user.is_admin() {
        get("organisation")
    } else {
        user.organisation_id.clone().unwrap_or_default()
    };
    if !user.may_edit(&organisation_id) {
        return Err(Refusal::other_organisation());
    }
    let organisation = state.store.organisation(&organisation_id).await?;
    let mut venues = venue_ids(&state, &organisation_id).await?;
    let published = state.store.published().await?;
    let mut form = group_form(&get);
    let (new_venue, venue_errors) =
        with_new_venue(&get, &organisation_id, &mut form, &mut venues).await?;
    let today = today(&state);
    // `Some(None)`: every area (a national group).
    let area = if form.national {
        Some(None)
    } else {
        AreaId::parse(&get("area"))
            .ok()
            .filter(|id| published.area(id).is_some())
            .map(Some)
    };
    let (checked, mut errors) = match edit::weekly_group(&form, &venues, today) {
        Ok(group) => (Some(group), Vec::new()),
        Err(errors) => (None, errors),
    };
    errors.extend(venue_errors);
    if organisation.is_none() {
        errors.insert(
            0,
            FieldError {
                field: "organisation",
                message: "Please choose the organisation.".into(),
            },
        );
    }
    if area.is_none() {
        errors.push(FieldError {
            field: "area",
            message: "Please choose the area.".into(),
        });
    }
    // Admins decide which organisations may publish in every area.
    let may_go_national = user.is_admin()
        || organisation
            .as_ref()
            .is_some_and(|o| o.publishes_nationally);
    if form.national && !may_go_national {
        errors.push(FieldError {
            field: "area",
            message: "Your organisation cannot publish national groups yet: please ask an admin."
                .into(),
        });
    } else if form.national && form.place.starts_with("venue:") {
        errors.push(FieldError {
            field: "area",
            message: "A national group meets online or by phone: choose one of those, or an area."
                .into(),
        });
    }
    let wants_preview = get("action") == "preview";
    let Posted {
        user,
        parts,
        pairs,
        key,
    } = posted;
    match (checked, area, organisation) {
        (Some(mut checked), Some(area), Some(organisation))
            if errors.is_empty() && !wants_preview =>
        {
            // Words that send someone somewhere wait for an admin.
            let held = if user.is_admin() {
                Vec::new()
            } else {
                edit::hold_back_directions(&mut checked, &Default::default())
            };
            let id = edit::group_id(&checked.title, &id_suffix(6)?)
                .ok_or_else(|| Refusal::internal("a group id could not be made"))?;
            let group = Group {
                id,
                organisation_id: organisation.id,
                organisation_name: organisation.name,
                area,
                title: checked.title,
                description: checked.description,
                focus: checked.focus,
                welcome: checked.welcome,
                attendance: checked.attendance,
                venue: None,
                joining: Joining {
                    details: checked.joining_details,
                    public_link: None,
                },
                // Only what the organiser gave: nothing else is known.
                facts: checked.facts,
                details_to_check: false,
                last_confirmed: today,
                listed_on: Some(today),
                is_sample: false,
                times: checked.times,
            };
            let done = if (group.facts.contact.is_some() || !held.is_empty()) && !user.is_admin() {
                "added-pending"
            } else {
                "added"
            };
            let new = NewGroup {
                group,
                venue_id: checked.venue_id,
                joining_link: None,
                joining_link_public: false,
            };
            change(
                &state,
                (&user, &key),
                done,
                async |by| {
                    state
                        .store
                        .add_group(&new, (new_venue.as_ref(), &held), by)
                        .await
                },
                Refusal::internal("a new group's id was taken"),
            )
            .await
        }
        (checked, area, _) => {
            let no_terms = TermCalendar::default();
            let preview = match (&checked, &area) {
                (Some(group), Some(area)) if errors.is_empty() => {
                    let terms = area.as_ref().map_or(&no_terms, |id| published.terms(id));
                    Some(preview_of(&group.times, terms, today))
                }
                _ => None,
            };
            Ok(group_form_again(&state, parts, "new-group", errors, pairs, preview).await)
        }
    }
}

/// The venue a group's form adds, when its place is "a new venue": the
/// form then chooses it, and the organisation's venues include it. With
/// problems in its fields, those problems (and the place left alone, so
/// it is not called unchosen too).
async fn with_new_venue(
    get: &(dyn Fn(&str) -> String + Sync),
    organisation_id: &str,
    form: &mut edit::WeeklyGroupForm,
    venues: &mut Vec<String>,
) -> Result<(Option<NewVenue>, Vec<FieldError>), Refusal> {
    let chosen = match super::venues::new_venue(get, organisation_id).await? {
        None => return Ok((None, Vec::new())),
        Some(Ok(venue)) => (venue.id.clone(), Some(venue), Vec::new()),
        Some(Err(errors)) => ("new".to_owned(), None, errors),
    };
    let (id, venue, errors) = chosen;
    form.place = format!("venue:{id}");
    venues.push(id);
    Ok((venue, errors))
}

/// The ids of an organisation's venues, the places its groups may meet.
async fn venue_ids(state: &AppState, organisation_id: &str) -> Result<Vec<String>, Refusal> {
    Ok(state
        .store
        .venues_of(organisation_id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

/// A group's next dates as the preview shows them, breaks named.
fn preview_of(
    times: &village_core::calendar::GroupTimes,
    terms: &TermCalendar,
    today: NaiveDate,
) -> GroupPreview {
    GroupPreview(
        edit::preview(times, terms, today, 8)
            .into_iter()
            .map(|line| {
                (
                    app::organisers::text::session_when(line.date, line.starts),
                    line.paused,
                )
            })
            .collect(),
    )
}

/// A group's form again: what was typed, its problems (a 400) or, asked
/// for with none, the next dates.
async fn group_form_again(
    state: &AppState,
    parts: axum::http::request::Parts,
    form: &str,
    errors: Vec<FieldError>,
    pairs: Vec<(String, String)>,
    preview: Option<GroupPreview>,
) -> axum::response::Response {
    form_again(state, parts, None, (form, errors, pairs), move || {
        if let Some(preview) = &preview {
            leptos::prelude::provide_context(preview.clone());
        }
    })
    .await
}

/// Saves a change to a group's details and times (its joining link waits
/// for an admin unless an admin made it), or shows the form again with
/// its problems or its next dates.
pub(super) async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Answer {
    let (id, published) = group_of(&state, &id).await?;
    let group = published.group(&id).ok_or(Refusal::NotFound)?;
    if !user.may_edit(&group.organisation_id) {
        return Err(Refusal::other_organisation());
    }
    let mut venues = venue_ids(&state, &group.organisation_id).await?;
    let get = |key: &str| field(&pairs, key);
    let mut details = group_form(&get);
    let (new_venue, venue_errors) =
        with_new_venue(&get, &group.organisation_id, &mut details, &mut venues).await?;
    let form = edit::GroupEditForm {
        group: details,
        keep: (0..group.times.schedules().len())
            .map(|i| !get(&format!("keep-{i}")).is_empty())
            .collect(),
        joining_link: get("joining_link"),
        link_public: !get("link_public").is_empty(),
    };
    let today = today(&state);
    let terms = published.terms_of(group);
    let checked = match edit::group_edit(&form, &group.times, &venues, today) {
        Ok(_) if !venue_errors.is_empty() => Err(venue_errors),
        Err(mut errors) => {
            errors.extend(venue_errors);
            Err(errors)
        }
        ok => ok,
    };
    match checked {
        Ok(checked) if get("action") == "preview" => {
            let preview = preview_of(&checked.group.times, terms, today);
            Ok(group_form_again(
                &state,
                parts,
                "edit-group",
                Vec::new(),
                pairs.clone(),
                Some(preview),
            )
            .await)
        }
        Ok(mut checked) => {
            let held = if user.is_admin() {
                Vec::new()
            } else {
                edit::hold_back_directions(&mut checked.group, &edit::texts_of(group))
            };
            let link_before = state.store.group_backstage(&id).await.ok().flatten();
            let link_changes = link_before.is_some_and(|b| {
                (b.link.link.as_deref(), b.link.public)
                    != (checked.joining_link.as_deref(), checked.link_public)
            });
            let contact_changes = group.facts.contact != checked.group.facts.contact;
            let done = if (link_changes || contact_changes || !held.is_empty()) && !user.is_admin()
            {
                "group-saved-pending"
            } else {
                "group-saved"
            };
            change(
                &state,
                (&user, &key),
                done,
                async |by| {
                    state
                        .store
                        .update_group(&id, (&checked, new_venue.as_ref(), &held), today, by)
                        .await
                },
                Refusal::NotFound,
            )
            .await
        }
        Err(errors) => {
            Ok(group_form_again(&state, parts, "edit-group", errors, pairs.clone(), None).await)
        }
    }
}

/// The area choice that means every area: a national group.
const NATIONAL: &str = "national";

/// The group fields both group forms send.
fn group_form(get: &dyn Fn(&str) -> String) -> edit::WeeklyGroupForm {
    edit::WeeklyGroupForm {
        title: get("title"),
        description: get("description"),
        weekday: get("weekday"),
        starts: get("starts"),
        ends: get("ends"),
        every: get("every"),
        week_of_month: get("week_of_month"),
        national: get("area") == NATIONAL,
        term: get("term"),
        first: get("first"),
        place: get("place"),
        joining: get("joining"),
        mental_health: !get("mental_health").is_empty(),
        pregnant: !get("pregnant").is_empty(),
        babies: !get("babies").is_empty(),
        toddlers: !get("toddlers").is_empty(),
        partners: !get("partners").is_empty(),
        older_children: !get("older_children").is_empty(),
        age_from: get("age_from"),
        age_to: get("age_to"),
        facts: edit::FactsForm {
            format: get("format"),
            cost: get("cost"),
            cost_amount: get("cost_amount"),
            cost_note: get("cost_note"),
            booking: get("booking"),
            booking_how: get("booking_how"),
            contact_way: get("contact_way"),
            contact: get("contact"),
            english: !get("english").is_empty(),
            cymraeg: !get("cymraeg").is_empty(),
            other_languages: get("other_languages"),
            run_by: get("run_by"),
            facilitated_by: get("facilitated_by"),
            moderated: get("moderated"),
            typical_size: get("typical_size"),
            taking_new_members: get("taking_new_members"),
            next_course_start: get("next_course_start"),
            first_visit: get("first_visit"),
        },
    }
}
