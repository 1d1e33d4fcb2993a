//! Venues kept by organisers (their own organisation's) and admins (any):
//! added, changed and deleted, each audited. A venue a group meets in is
//! not deleted; a group's form can add its venue too (see [`new_venue`]).

use app::{
    accounts::User,
    venues::db::{NewVenue, VenueDeleted},
};
use axum::extract::{Path, State};
use village_core::{
    calendar::{venue, AccessFact, VenueForm},
    FieldError,
};

pub use app::venues::NEW_VENUE_PATH;

use super::{change, form_again, id_suffix, Answer, Posted, Refusal};
use crate::http::AppState;

/// The venue fields of a form, each named `prefix` and its name.
fn venue_form(get: &dyn Fn(&str) -> String, prefix: &str) -> VenueForm {
    let named = |name: &str| get(&format!("{prefix}{name}"));
    VenueForm {
        name: named("name"),
        address: named("address"),
        town: named("town"),
        postcode: named("postcode"),
        access: AccessFact::ALL.map(|fact| named(fact.code())),
        public_transport: named("public_transport"),
        notes: named("notes"),
    }
}

/// A new venue for `organisation_id`, checked, with a new id made from its
/// name; problems are named beside its fields.
async fn checked_venue(
    form: &VenueForm,
    in_group_form: bool,
    organisation_id: &str,
) -> Result<Result<NewVenue, Vec<FieldError>>, Refusal> {
    let venue = match venue::venue(form, in_group_form) {
        Ok(venue) => venue,
        Err(errors) => return Ok(Err(errors)),
    };
    let id = village_core::area::slug_id(&venue.name, "venue", &id_suffix(6)?)
        .ok_or_else(|| Refusal::internal("a venue id could not be made"))?;
    Ok(Ok(NewVenue {
        id: id.to_string(),
        organisation_id: organisation_id.to_owned(),
        venue,
    }))
}

/// The place choice in a group's form that adds a venue with the group.
pub(super) const NEW_VENUE_PLACE: &str = "new-venue";

/// The venue a group's form adds (its fields named `venue_…`), when its
/// place is "a new venue": the venue, or the problems with its fields.
pub(super) async fn new_venue(
    get: &(dyn Fn(&str) -> String + Sync),
    organisation_id: &str,
) -> Result<Option<Result<NewVenue, Vec<FieldError>>>, Refusal> {
    if get("place") != NEW_VENUE_PLACE {
        return Ok(None);
    }
    checked_venue(&venue_form(get, "venue_"), true, organisation_id)
        .await
        .map(Some)
}

/// The organisation a new venue belongs to: an organiser's own; an admin
/// chooses.
fn organisation_for(user: &User, chosen: String) -> Result<String, Refusal> {
    let id = if user.is_admin() {
        chosen
    } else {
        user.organisation_id.clone().unwrap_or_default()
    };
    if user.may_edit(&id) {
        Ok(id)
    } else {
        Err(Refusal::other_organisation())
    }
}

/// Adds a venue: organisers for their own organisation, admins for any.
pub(super) async fn add(State(state): State<AppState>, posted: Posted) -> Answer {
    let organisation_id = organisation_for(&posted.user, posted.get("organisation"))?;
    let known = state.store.organisation(&organisation_id).await?.is_some();
    let get = |name: &str| posted.get(name);
    let checked = checked_venue(&venue_form(&get, ""), false, &organisation_id).await?;
    let Posted {
        user,
        parts,
        pairs,
        key,
    } = posted;
    match checked {
        Ok(new) if known => {
            change(
                &state,
                (&user, &key),
                "venue-added",
                async |by| state.store.add_venue(&new, by).await,
                Refusal::internal("a new venue's id was taken"),
            )
            .await
        }
        checked => {
            let mut errors = checked.err().unwrap_or_default();
            if !known {
                errors.insert(
                    0,
                    FieldError {
                        field: "organisation",
                        message: "Please choose the organisation.".into(),
                    },
                );
            }
            Ok(form_again(&state, parts, None, ("venue", errors, pairs), || {}).await)
        }
    }
}

/// The venue with this id, when the account may change it.
async fn theirs(
    state: &AppState,
    user: &User,
    id: &str,
) -> Result<app::venues::db::VenueRecord, Refusal> {
    let record = state.store.venue(id).await?.ok_or(Refusal::NotFound)?;
    if user.may_edit(&record.organisation_id) {
        Ok(record)
    } else {
        Err(Refusal::other_organisation())
    }
}

/// Changes a venue; every group that meets there shows the change.
pub(super) async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted,
) -> Answer {
    let record = theirs(&state, &posted.user, &id).await?;
    let get = |name: &str| posted.get(name);
    let checked = venue::venue(&venue_form(&get, ""), false);
    let Posted {
        user,
        parts,
        pairs,
        key,
    } = posted;
    match checked {
        Ok(venue) => {
            change(
                &state,
                (&user, &key),
                "venue-saved",
                async |by| state.store.update_venue(&record.id, &venue, by).await,
                Refusal::NotFound,
            )
            .await
        }
        Err(errors) => Ok(form_again(&state, parts, None, ("venue", errors, pairs), || {}).await),
    }
}

/// Deletes a venue no group meets in.
pub(super) async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { user, key, .. }: Posted,
) -> Answer {
    let record = theirs(&state, &user, &id).await?;
    let mut in_use = false;
    let answer = change(
        &state,
        (&user, &key),
        "venue-deleted",
        async |by| {
            let deleted = state.store.delete_venue(&record.id, by).await?;
            in_use = matches!(deleted, VenueDeleted::InUse(_));
            Ok(deleted == VenueDeleted::Deleted)
        },
        Refusal::NotFound,
    )
    .await;
    if in_use {
        return Err(Refusal::Conflict(
            "Groups still meet at this venue, so it was not deleted: move them to another place first.",
        ));
    }
    answer
}
