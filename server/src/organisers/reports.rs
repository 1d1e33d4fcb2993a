//! An organiser marks a listing's reports as dealt with: organisers for
//! their own organisation's listings, admins for any.

use app::organisers::HOME_PATH;
use axum::extract::{Path, State};
use village_core::{calendar::GroupId, report::ListingKind};

use super::{see, Answer, Posted, Refusal};
use crate::http::AppState;

/// The organisation that keeps a published listing.
async fn keeper(state: &AppState, kind: ListingKind, id: &str) -> Result<String, Refusal> {
    match kind {
        ListingKind::Group => {
            let id = GroupId::parse(id).map_err(|_| Refusal::NotFound)?;
            let published = state.store.published().await?;
            published
                .group(&id)
                .map(|g| g.organisation_id.clone())
                .ok_or(Refusal::NotFound)
        }
        ListingKind::Service => Ok(super::services::service_of(state, id)
            .await?
            .organisation_id),
    }
}

pub(super) async fn resolve(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    posted: Posted,
) -> Answer {
    let kind = ListingKind::from_code(&kind).ok_or(Refusal::NotFound)?;
    // Up to the newest report the organiser was shown; without it (a form
    // made by hand), every report so far.
    let upto = match posted.get("upto").trim() {
        "" => i64::MAX,
        number => number.parse().map_err(|_| Refusal::Unreadable)?,
    };
    let user = posted.user;
    let organisation = keeper(&state, kind, &id).await?;
    if !user.may_edit(&organisation) {
        return Err(Refusal::other_organisation());
    }
    // Twice is the same as once: nothing is left open the second time.
    state
        .store
        .resolve_reports(kind, &id, upto, &user, chrono::Utc::now())
        .await?;
    Ok(see(&format!("{HOME_PATH}?done=reports-resolved")))
}
