//! What only admins do: invite people, add and change organisations, add
//! areas, import term dates, and approve or reject changes that wait.

use app::{
    accounts::db::Invitation,
    organisers::{InvitationMade, HOME_PATH},
};
use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use chrono::Utc;
use village_core::{
    account::{Email, Role, INVITATION_LIFETIME},
    area::NewArea,
    AreaId, FieldError, OrganisationDetails,
};

use super::{change, field, form_again, id_suffix, page_again, Answer, Posted, Refusal};
use crate::{http::AppState, sessions};

/// An admin makes an invitation link; it is shown once, on their page.
pub(super) async fn invite(State(state): State<AppState>, posted: Posted) -> Answer {
    if !posted.user.is_admin() {
        return Err(Refusal::admins_only("invite people"));
    }
    let get = |name: &str| posted.get(name);
    let mut errors = Vec::new();
    let email = Email::parse(&get("email"));
    let role = Role::from_code(&get("role")).unwrap_or(Role::Organiser);
    let organisation_id = (role == Role::Organiser).then(|| get("organisation"));
    match &email {
        Err(e) => errors.push(FieldError {
            field: "email",
            message: e.to_string(),
        }),
        Ok(email) => {
            let taken = state
                .store
                .accounts()
                .await?
                .iter()
                .any(|a| a.email == email.as_str());
            if taken {
                errors.push(FieldError {
                    field: "email",
                    message: format!("There is already an account for {email}."),
                });
            }
        }
    }
    if let Some(id) = &organisation_id {
        if state.store.organisation(id).await?.is_none() {
            errors.push(FieldError {
                field: "organisation",
                message: "Please choose the organisation they work for.".into(),
            });
        }
    }
    let Posted {
        user, parts, pairs, ..
    } = posted;
    let (Ok(email), true) = (email, errors.is_empty()) else {
        let form = ("invite-someone", errors, pairs);
        return Ok(form_again(&state, parts, Some(HOME_PATH), form, || {}).await);
    };
    let (token, hash) = sessions::new_token().map_err(Refusal::internal)?;
    let now = Utc::now();
    let invitation = Invitation {
        email: email.clone(),
        role,
        organisation_id,
        expires_at: now + INVITATION_LIFETIME,
        used: false,
        resets_password: false,
    };
    state
        .store
        .create_invitation(&hash, &invitation, Some(&user), now)
        .await?;
    let made = InvitationMade {
        email: email.to_string(),
        link: format!(
            "{}/organisers/invite/{token}",
            state.public_url.trim_end_matches('/')
        ),
        resets_password: false,
    };
    let mut home = parts;
    home.uri = HOME_PATH.parse().unwrap_or_default();
    Ok(page_again(&state, home, StatusCode::OK, move || {
        leptos::prelude::provide_context(made.clone())
    })
    .await)
}

/// An organisation's name, description and website as a form sent them, checked.
fn organisation_details(
    pairs: &[(String, String)],
) -> Result<OrganisationDetails, Vec<FieldError>> {
    let get = |key: &str| field(pairs, key);
    let website = get("website");
    OrganisationDetails::parse(&get("name"), &get("description"), Some(website.as_str()))
}

/// An admin adds an organisation.
pub(super) async fn add_organisation(
    State(state): State<AppState>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Answer {
    if !user.is_admin() {
        return Err(Refusal::admins_only("add organisations"));
    }
    let details = match organisation_details(&pairs) {
        Ok(details) => details,
        Err(errors) => {
            let form = ("add-organisation", errors, pairs);
            return Ok(form_again(&state, parts, Some(HOME_PATH), form, || {}).await);
        }
    };
    let id = village_core::area::slug_id(details.name(), "organisation", &id_suffix(4)?)
        .ok_or_else(|| Refusal::internal("an organisation id could not be made"))?;
    change(
        &state,
        (&user, &key),
        "organisation-added",
        async |by| {
            state
                .store
                .add_organisation(id.as_str(), &details, by)
                .await
        },
        Refusal::NotFound,
    )
    .await
}

/// An admin changes an organisation's name, description or website.
pub(super) async fn edit_organisation(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Answer {
    if !user.is_admin() {
        return Err(Refusal::admins_only("change organisations"));
    }
    let publishes_nationally = !field(&pairs, "publishes_nationally").is_empty();
    let details = match organisation_details(&pairs) {
        Ok(details) => details,
        Err(errors) => {
            let form = format!("organisation:{id}");
            let form = (form.as_str(), errors, pairs);
            return Ok(form_again(&state, parts, Some(HOME_PATH), form, || {}).await);
        }
    };
    change(
        &state,
        (&user, &key),
        "organisation-saved",
        async |by| {
            state
                .store
                .update_organisation(&id, &details, publishes_nationally, by)
                .await
        },
        Refusal::NotFound,
    )
    .await
}

/// An admin adds an area, checked; its id is a readable slug of its name.
pub(super) async fn add_area(
    State(state): State<AppState>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Answer {
    if !user.is_admin() {
        return Err(Refusal::admins_only("add areas"));
    }
    let get = |key: &str| field(&pairs, key);
    let area = match NewArea::parse(&get("name"), &get("nation")) {
        Ok(area) => area,
        Err(errors) => {
            let form = ("add-area", errors, pairs);
            return Ok(form_again(&state, parts, Some(HOME_PATH), form, || {}).await);
        }
    };
    let id = village_core::area::slug_id(&area.name, "area", &id_suffix(4)?)
        .ok_or_else(|| Refusal::internal("an area id could not be made"))?;
    change(
        &state,
        (&user, &key),
        "area-added",
        async |by| state.store.add_area(&id, &area, by).await,
        Refusal::NotFound,
    )
    .await
}

/// An admin imports an area's term dates (CSV or iCalendar, pasted): the
/// whole file is checked first; a fault is named by its line and nothing
/// changes.
pub(super) async fn import_terms(
    State(state): State<AppState>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Answer {
    if !user.is_admin() {
        return Err(Refusal::admins_only("import term dates"));
    }
    let get = |key: &str| field(&pairs, key);
    let published = state.store.published().await?;
    let Some(area) = AreaId::parse(&get("area"))
        .ok()
        .filter(|id| published.area(id).is_some())
    else {
        let problem = FieldError {
            field: "area",
            message: "Please choose the area.".into(),
        };
        let form = ("terms", vec![problem], pairs);
        return Ok(form_again(&state, parts, Some(HOME_PATH), form, || {}).await);
    };
    let text = get("dates");
    let inset_days = match get("inset_days").as_str() {
        "term" => Some(false),
        "breaks" => Some(true),
        _ => None,
    };
    let current = published.terms(&area);
    let existing = current.years();
    // What the area has now: part of what is confirmed (the audit reads it
    // again inside the import's transaction).
    let before = serde_json::to_string(current).unwrap_or_default();
    let imported = match village_core::calendar::import::parse(&text, existing) {
        Ok(imported) => imported,
        Err(err) => {
            let problem = FieldError {
                field: "dates",
                message: format!("Nothing was imported: {err}"),
            };
            let form = ("terms", vec![problem], pairs);
            return Ok(form_again(&state, parts, Some(HOME_PATH), form, || {}).await);
        }
    };
    // First what Village understood; the import itself only when the admin
    // confirms that very text, area and choice.
    let fingerprint = village_core::calendar::import::fingerprint(&[
        area.as_str(),
        &text,
        &get("inset_days"),
        &before,
    ]);
    if get("confirm") != fingerprint {
        let understood = app::organisers::TermsUnderstood {
            lines: imported.understood(existing),
            fingerprint,
        };
        let form = ("terms", Vec::new(), pairs);
        return Ok(form_again(&state, parts, Some(HOME_PATH), form, move || {
            leptos::prelude::provide_context(understood.clone());
        })
        .await);
    }
    change(
        &state,
        (&user, &key),
        "terms",
        async |by| {
            state
                .store
                .import_terms(&area, (&imported, inset_days), by)
                .await
        },
        Refusal::NotFound,
    )
    .await
}

async fn decide(
    state: AppState,
    Posted { user, key, .. }: Posted,
    id: i64,
    approve: bool,
) -> Answer {
    if !user.is_admin() {
        return Err(Refusal::admins_only("approve changes"));
    }
    change(
        &state,
        (&user, &key),
        if approve { "approved" } else { "rejected" },
        async |by| state.store.decide_change(id, approve, by).await,
        Refusal::Conflict("That change is not waiting any more."),
    )
    .await
}

pub(super) async fn approve_change(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Answer {
    decide(state, posted, id, true).await
}

pub(super) async fn reject_change(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Answer {
    decide(state, posted, id, false).await
}

/// An admin changes someone's account: turns it off or on, ends its
/// sessions, resets its two-step sign-in (a lost phone) or moves an
/// organiser to another organisation. Never their own account: another
/// admin does that (they can sign out everywhere themselves).
pub(super) async fn change_account(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    posted: Posted,
) -> Answer {
    use app::accounts::db::AccountChange;
    if !posted.user.is_admin() {
        return Err(Refusal::admins_only("change people's accounts"));
    }
    if posted.user.id == id {
        return Err(Refusal::Conflict(
            "Another admin must change your own account. You can sign out everywhere yourself.",
        ));
    }
    if action == "reset-password" {
        return password_reset_link(&state, posted, &id).await;
    }
    let what = match action.as_str() {
        "disable" => AccountChange::Disable,
        "enable" => AccountChange::Enable,
        "end-sessions" => AccountChange::EndSessions,
        "reset-two-step" => AccountChange::ResetTwoStep,
        "move" => AccountChange::MoveTo(posted.get("organisation")),
        _ => return Err(Refusal::NotFound),
    };
    let Posted { user, key, .. } = posted;
    change(
        &state,
        (&user, &key),
        "account-changed",
        // Each of these can be made twice with no harm, so no key is kept.
        async |_| state.store.change_account(&id, &what, Some(&user)).await,
        Refusal::NotFound,
    )
    .await
}

/// An admin makes a link that sets a new password for someone who forgot
/// theirs; it is shown once, on their page, to send by a way they know is
/// that person's.
async fn password_reset_link(state: &AppState, posted: Posted, id: &str) -> Answer {
    let (email, link) = crate::accounts::password_reset_link(
        &state.store,
        |account| account.id == id,
        Some(&posted.user),
        &state.public_url,
    )
    .await
    .map_err(Refusal::internal)?
    .ok_or(Refusal::NotFound)?;
    let made = InvitationMade {
        email: email.to_string(),
        link,
        resets_password: true,
    };
    let mut home = posted.parts;
    home.uri = HOME_PATH.parse().unwrap_or_default();
    Ok(page_again(state, home, StatusCode::OK, move || {
        leptos::prelude::provide_context(made.clone())
    })
    .await)
}
