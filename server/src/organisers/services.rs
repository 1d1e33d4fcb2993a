//! A directory service kept current by its organisation: "Still accurate"
//! and its details. Phones and the crisis flag wait for an admin unless an
//! admin changed them.

use axum::extract::{Path, State};
use village_core::directory::{
    edit::{service_edit, NeedsApproval, PhoneRow, ServiceForm, MAX_PHONES},
    ServiceId,
};

use super::{change, form_again, today, Answer, Posted, Refusal};
use crate::http::AppState;

/// The service with this id and the organisation that keeps it.
pub(super) async fn service_of(
    state: &AppState,
    id: &str,
) -> Result<village_core::directory::hsds::Record, Refusal> {
    let id = ServiceId::parse(id).map_err(|_| Refusal::NotFound)?;
    state
        .store
        .service_records()
        .await?
        .into_iter()
        .find(|r| r.service.id == id)
        .ok_or(Refusal::NotFound)
}

/// "Still accurate" on a service: organisers for their own, admins for any.
pub(super) async fn confirm(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { user, key, .. }: Posted,
) -> Answer {
    let record = service_of(&state, &id).await?;
    if !user.may_edit(&record.organisation_id) {
        return Err(Refusal::other_organisation());
    }
    let today = today(&state);
    change(
        &state,
        (&user, &key),
        "confirmed",
        async |by| {
            state
                .store
                .confirm_service(&record.service.id, today, by)
                .await
        },
        Refusal::NotFound,
    )
    .await
}

/// Saves an edit to a service. Phones and the crisis flag change at once
/// only for an admin; an organiser's wait for one.
pub(super) async fn edit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted,
) -> Answer {
    let record = service_of(&state, &id).await?;
    if !posted.user.may_edit(&record.organisation_id) {
        return Err(Refusal::other_organisation());
    }
    let get = |name: &str| posted.get(name);
    let form = ServiceForm {
        description: get("description"),
        self_referral: get("self_referral") == "yes",
        referral: get("referral"),
        hours_note: get("hours_note"),
        url: get("url"),
        phones: (1..=MAX_PHONES)
            .map(|n| PhoneRow {
                number: get(&format!("phone{n}_number")),
                label: get(&format!("phone{n}_label")),
                call: !get(&format!("phone{n}_call")).is_empty(),
                text: !get(&format!("phone{n}_text")).is_empty(),
            })
            .collect(),
        crisis: !get("crisis").is_empty(),
    };
    let Posted {
        user,
        parts,
        pairs,
        key,
    } = posted;
    match service_edit(&form) {
        Ok(edit) => {
            let waits = NeedsApproval::of(&record.service, &edit);
            let done = if waits.is_empty() || user.is_admin() {
                "edited"
            } else {
                "edited-pending"
            };
            change(
                &state,
                (&user, &key),
                done,
                async |by| {
                    state
                        .store
                        .edit_service(&record.service.id, &edit, &waits, by)
                        .await
                },
                Refusal::NotFound,
            )
            .await
        }
        Err(errors) => {
            Ok(form_again(&state, parts, None, ("edit-service", errors, pairs), || {}).await)
        }
    }
}
