//! The organisers' forms: sign in and out, "Still accurate", cancel a
//! session. Thin handlers: the rules are in `village_core` (passwords,
//! waits, cancellations), the writes and their audit entries in the store.
//! Each checks who is signed in and what they may change, on the server,
//! whatever the page showed. Cross-site posts never reach these (see
//! `security::same_site_writes`).

use app::{
    accounts::{
        db::{Invitation, NewUserError},
        SignedIn, User,
    },
    calendar::store::NewGroup,
    organisers::{
        FormProblem, GroupPreview, InvitationMade, SignInProblem, CODE_PATH, HOME_PATH,
        NEW_GROUP_PATH, SIGN_IN_PATH, TWO_STEP_PATH,
    },
    shell,
    site::Today,
};
use axum::{
    body::Body,
    extract::{ConnectInfo, FromRequest, Path, Request, State},
    http::{header, request::Parts, Method, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Extension, Form, Router,
};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use std::{net::SocketAddr, sync::LazyLock};
use village_core::{
    account::{
        check_password, invitation_usable, minutes_to_wait,
        totp::{self, TotpSecret},
        wait_after, Email, InvitationProblem, Role, Throttled, INVITATION_LIFETIME,
    },
    area::NewArea,
    calendar::{edit, Exception, Group, GroupId, Joining, TermCalendar},
    directory::{
        edit::{service_edit, NeedsApproval, PhoneRow, ServiceForm, MAX_PHONES},
        ServiceId,
    },
    AreaId, DateError, FieldError, OrganisationDetails, OutsideDate,
};

use app::storage::{
    write_once::{Author, WriteOnce},
    StoreError,
};

use crate::{accounts, http::AppState, sessions};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(SIGN_IN_PATH, post(sign_in))
        .route(CODE_PATH, post(sign_in_code))
        .route("/organisers/totp/start", post(two_step_start))
        .route("/organisers/totp/confirm", post(two_step_confirm))
        .route("/organisers/totp/off", post(two_step_off))
        .route("/organisers/logout", post(sign_out))
        .route("/organisers/logout-everywhere", post(sign_out_everywhere))
        .route("/organisers/services/{id}/confirm", post(confirm_service))
        .route("/organisers/groups/{id}/confirm", post(confirm_group))
        .route("/organisers/groups/{id}/cancel", post(cancel_session))
        .route("/organisers/groups/{id}/extra", post(add_extra_session))
        .route(NEW_GROUP_PATH, post(add_group))
        .route("/organisers/invitations", post(invite))
        .route("/organisers/organisations", post(add_organisation))
        .route(
            "/organisers/organisations/{id}/edit",
            post(edit_organisation),
        )
        .route("/organisers/areas", post(add_area))
        .route("/organisers/terms", post(import_terms))
        .route("/organisers/services/{id}/edit", post(edit_service))
        .route("/organisers/groups/{id}/edit", post(edit_group))
        .route("/organisers/pending/{id}/approve", post(approve_change))
        .route("/organisers/pending/{id}/reject", post(reject_change))
        .route("/organisers/invite/{token}", post(accept_invitation))
}

/// A form posted by a signed-in account: who, the request (to show its
/// page again), the fields and the client's `Idempotency-Key`, if it sent
/// one. Nobody signed in: sent to sign in; a form that cannot be read: a
/// 400. A key this account used before answers at once: the same answer
/// for the same request (nothing changes twice), a 422 for another.
struct Posted {
    user: User,
    parts: Parts,
    pairs: Vec<(String, String)>,
    key: Option<ClientKey>,
}

/// An `Idempotency-Key` (or a form's `idempotency_key` field) and the
/// request it came with.
struct ClientKey {
    key: String,
    request: String,
    /// Sent by a page's form (a person), not by a client's header.
    from_form: bool,
}

/// The header a client sends to make a change land once.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// The header on an answer given again for a key already used.
pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";

impl FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let user = request
            .extensions()
            .get::<SignedIn>()
            .map(|signed_in| signed_in.user.clone())
            .ok_or_else(|| see(SIGN_IN_PATH))?;
        let header_key = request
            .headers()
            .get(IDEMPOTENCY_KEY)
            .map(|value| value.to_str().unwrap_or("\u{fffd}").to_owned());
        let (parts, pairs): (Parts, Vec<(String, String)>) =
            read_form(state, request).await.ok_or_else(unreadable)?;
        let from_form = header_key.is_none();
        let key = match header_key.or_else(|| {
            pairs
                .iter()
                .find(|(name, _)| name == "idempotency_key")
                .map(|(_, value)| value.clone())
        }) {
            None => None,
            Some(key) if valid_key(&key) => Some(ClientKey {
                request: request_digest(&parts, &pairs),
                key,
                from_form,
            }),
            Some(_) => return Err((
                StatusCode::BAD_REQUEST,
                "The Idempotency-Key must be 1 to 255 visible characters (letters, digits or punctuation).",
            )
                .into_response()),
        };
        if let Some(client) = &key {
            if let Some(answer) = earlier_answer(state, &user.id, client).await {
                return Err(answer);
            }
        }
        Ok(Self {
            user,
            parts,
            pairs,
            key,
        })
    }
}

/// The answer to a key this account used before: the first answer again
/// for the same request, a 422 for another; `None` for a new key.
async fn earlier_answer(state: &AppState, user_id: &str, client: &ClientKey) -> Option<Response> {
    let reused = if client.from_form {
        "This form was already sent with other details, so nothing was changed. Please open the page again to make another change."
    } else {
        "This Idempotency-Key was already used for a different change; send a new key with each change."
    };
    match state.store.written_with(user_id, &client.key).await {
        Ok(None) => None,
        Ok(Some(written)) if written.request == client.request => Some(replayed(&written.answer)),
        Ok(Some(_)) => Some((StatusCode::UNPROCESSABLE_ENTITY, reused).into_response()),
        Err(err) => Some(internal(err)),
    }
}

/// 1 to 255 visible ASCII characters.
fn valid_key(key: &str) -> bool {
    (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// The request a key came with: method, path and a SHA-256 of the fields
/// (the key itself left out), so that a key sent with another change is
/// told apart from the same change sent again.
fn request_digest(parts: &Parts, pairs: &[(String, String)]) -> String {
    use sha2::{Digest, Sha256};
    let mut digest = Sha256::new();
    for (name, value) in pairs.iter().filter(|(name, _)| name != "idempotency_key") {
        digest.update(name.len().to_be_bytes());
        digest.update(name.as_bytes());
        digest.update(value.len().to_be_bytes());
        digest.update(value.as_bytes());
    }
    let hex: String = digest
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{} {} {hex}", parts.method, parts.uri.path())
}

/// The answer to a change sent again: where the first answer sent them.
fn replayed(answer: &str) -> Response {
    let mut response = see(answer);
    response.headers_mut().insert(
        IDEMPOTENT_REPLAYED,
        header::HeaderValue::from_static("true"),
    );
    response
}

/// Who makes a change, with the client's key (if any) and `answer`, the
/// page the change sends them to, to give again if it is sent twice.
fn author(user: &User, key: &Option<ClientKey>, answer: &str) -> Author {
    Author {
        user: user.clone(),
        once: key.as_ref().map(|client| WriteOnce {
            key: client.key.clone(),
            request: client.request.clone(),
            answer: answer.to_owned(),
        }),
    }
}

/// What a store write returns: `()` when it made its change, `false` or
/// `None` when it found nothing to change.
trait Landed {
    fn landed(&self) -> bool;
}

impl Landed for () {
    fn landed(&self) -> bool {
        true
    }
}

impl Landed for bool {
    fn landed(&self) -> bool {
        *self
    }
}

impl<T> Landed for Option<T> {
    fn landed(&self) -> bool {
        self.is_some()
    }
}

/// Makes a change whose answer is the organisers' page with `?done=<done>`
/// (given again if the client sends the change again with its key):
/// `write` gets the author, `otherwise` answers when nothing was changed.
async fn change<T: Landed>(
    state: &AppState,
    (user, key): (&User, &Option<ClientKey>),
    done: &str,
    write: impl AsyncFnOnce(&Author) -> Result<T, StoreError>,
    otherwise: impl FnOnce() -> Response,
) -> Response {
    let answer = format!("{HOME_PATH}?done={done}");
    match write(&author(user, key, &answer)).await {
        Ok(result) if result.landed() => see(&answer),
        Ok(_) => otherwise(),
        // The same change, sent again while the first was being made: now
        // that it is made, the first answer.
        Err(StoreError::AlreadyWritten) => match key {
            Some(client) => earlier_answer(state, &user.id, client)
                .await
                .unwrap_or_else(|| failed(StoreError::AlreadyWritten)),
            None => failed(StoreError::AlreadyWritten),
        },
        Err(err) => failed(err),
    }
}

fn not_found() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

/// The answer to a change the store could not make: the same change sent
/// twice at once is a 409 (the first made it; sending it again gives its
/// answer), anything else a 500.
fn failed(err: StoreError) -> Response {
    match err {
        StoreError::AlreadyWritten => (
            StatusCode::CONFLICT,
            "This change was just made by the same request sent twice; nothing was changed twice.",
        )
            .into_response(),
        err => internal(err),
    }
}

/// Shows a page again with something in its context (a problem to explain)
/// and the given status: the answer to a form post that did not work.
async fn page_again(
    state: &AppState,
    mut parts: Parts,
    status: StatusCode,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    parts.method = Method::GET;
    let base = crate::http::context_for(state);
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_to_stream_with_context(
        move || {
            base();
            extra();
        },
        move || shell(options.clone()),
    );
    let mut response = handler(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// The client's address: from the load balancer's header when one is
/// configured (its last entry, the one the balancer added), else the
/// connection's.
fn client_address(state: &AppState, parts: &Parts, peer: SocketAddr) -> String {
    state
        .client_ip_header
        .as_ref()
        .and_then(|name| parts.headers.get(name))
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .map(str::trim)
        .filter(|address| !address.is_empty())
        .map_or_else(|| peer.ip().to_string(), str::to_owned)
}

/// How many minutes someone must wait before trying to sign in again, by
/// the failures counted against the account and the address (`keys`, in
/// that order); `None` when they need not.
async fn wait_for(
    state: &AppState,
    keys: &[String; 2],
    now: chrono::DateTime<Utc>,
) -> Result<Option<i64>, app::storage::StoreError> {
    let mut wait_until = None;
    for (kind, key) in [Throttled::Account, Throttled::Address]
        .into_iter()
        .zip(keys)
    {
        if let Some((failures, last)) = state.store.sign_in_failures(key).await? {
            let until = last + wait_after(kind.counted(failures));
            if until > now && wait_until.is_none_or(|w| until > w) {
                wait_until = Some(until);
            }
        }
    }
    Ok(wait_until.map(|until| minutes_to_wait(until, now)))
}

/// The 429 page when the account or address must wait (or the error).
async fn refused_while_waiting(
    state: &AppState,
    parts: &Parts,
    keys: &[String; 2],
    now: chrono::DateTime<Utc>,
) -> Option<Response> {
    match wait_for(state, keys, now).await {
        Ok(Some(minutes)) => Some(
            page_again(
                state,
                parts.clone(),
                StatusCode::TOO_MANY_REQUESTS,
                move || {
                    leptos::prelude::provide_context(SignInProblem::TooManyAttempts { minutes })
                },
            )
            .await,
        ),
        Ok(None) => None,
        Err(err) => Some(internal(err)),
    }
}

/// Counts a failed attempt against the account and the address.
async fn note_failure(
    state: &AppState,
    keys: &[String; 2],
    now: chrono::DateTime<Utc>,
) -> Result<(), app::storage::StoreError> {
    for key in keys {
        state.store.record_sign_in_failure(key, now).await?;
    }
    Ok(())
}

/// A sign-in that got through: the counts start again.
async fn forget_failures(
    state: &AppState,
    keys: &[String; 2],
) -> Result<(), app::storage::StoreError> {
    for key in keys {
        state.store.clear_sign_in_failures(key).await?;
    }
    Ok(())
}

/// Reads a posted form, keeping the request's parts to show the page
/// again; `None` when the body is not a form of that shape.
async fn read_form<T: serde::de::DeserializeOwned>(
    state: &AppState,
    request: Request,
) -> Option<(Parts, T)> {
    let (parts, body) = request.into_parts();
    let Form(form) = Form::<T>::from_request(Request::from_parts(parts.clone(), body), state)
        .await
        .ok()?;
    Some((parts, form))
}

fn unreadable() -> Response {
    (StatusCode::BAD_REQUEST, "The form could not be read.").into_response()
}

/// A field of a posted form; empty when it was not sent.
fn field(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}

/// Starts a new session for `user` and sends them to their page with its
/// cookie.
async fn start_session(state: &AppState, user: &User, now: chrono::DateTime<Utc>) -> Response {
    let (token, hash) = match sessions::new_token() {
        Ok(pair) => pair,
        Err(err) => return internal(err),
    };
    if let Err(err) = state.store.create_session(&hash, &user.id, now).await {
        return internal(err);
    }
    let mut response = see(HOME_PATH);
    response.headers_mut().insert(
        header::SET_COOKIE,
        sessions::session_cookie(&token, state.https),
    );
    response
}

fn see(location: &str) -> Response {
    Redirect::to(location).into_response()
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "an organiser's request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; nothing was changed. Please try again.",
    )
        .into_response()
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
}

/// A hash to check against when the email has no account, so that the
/// answer takes as long as for a real one.
pub static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| accounts::hash_password("not a real password").unwrap_or_default());

async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Response {
    let Some((parts, form)) = read_form::<SignInForm>(&state, request).await else {
        return unreadable();
    };
    let now = Utc::now();
    let typed = form.email.trim().chars().take(254).collect::<String>();
    let keys = [
        Throttled::Account.key(&typed.to_lowercase()),
        Throttled::Address.key(&client_address(&state, &parts, peer)),
    ];
    // Waiting? The same answer whether or not the email has an account.
    if let Some(refusal) = refused_while_waiting(&state, &parts, &keys, now).await {
        return refusal;
    }
    let account = match Email::parse(&typed) {
        Ok(email) => match state.store.user_by_email(&email).await {
            Ok(found) => found,
            Err(err) => return internal(err),
        },
        Err(_) => None,
    };
    let password = form.password;
    let stored = account
        .as_ref()
        .map_or_else(|| DECOY_HASH.clone(), |(_, hash)| hash.clone());
    let matches =
        tokio::task::spawn_blocking(move || accounts::verify_password(&password, &stored))
            .await
            .unwrap_or(false);
    let user = match account {
        Some((user, _)) if matches => user,
        _ => {
            if let Err(err) = note_failure(&state, &keys, now).await {
                return internal(err);
            }
            return page_again(&state, parts, StatusCode::UNAUTHORIZED, move || {
                leptos::prelude::provide_context(SignInProblem::NotRight {
                    email: typed.clone(),
                })
            })
            .await;
        }
    };
    // With two-step sign-in on, the code comes next; the failures are
    // cleared only once it is right, so a known password does not buy
    // endless guesses at codes.
    match state.store.two_step(&user.id).await {
        Ok(two_step) if two_step.secret.is_some() => {
            let (token, hash) = match sessions::new_token() {
                Ok(pair) => pair,
                Err(err) => return internal(err),
            };
            if let Err(err) = state.store.create_sign_in_step(&hash, &user.id, now).await {
                return internal(err);
            }
            let mut response = see(CODE_PATH);
            response.headers_mut().insert(
                header::SET_COOKIE,
                sessions::step_cookie(&token, state.https),
            );
            return response;
        }
        Ok(_) => {}
        Err(err) => return internal(err),
    }
    if let Err(err) = forget_failures(&state, &keys).await {
        return internal(err);
    }
    // A new session every sign-in: the one the browser had (if any) ends.
    if let Some(Extension(old)) = signed_in {
        if let Err(err) = state.store.end_session(&old.token_hash).await {
            return internal(err);
        }
    }
    tracing::info!(role = user.role.code(), "an organiser signed in");
    start_session(&state, &user, now).await
}

async fn sign_out(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
) -> Response {
    if let Some(Extension(session)) = signed_in {
        if let Err(err) = state.store.end_session(&session.token_hash).await {
            return internal(err);
        }
    }
    let mut response = see(&format!("{SIGN_IN_PATH}?signed_out=here"));
    response
        .headers_mut()
        .insert(header::SET_COOKIE, sessions::removed_cookie(state.https));
    response
}

async fn sign_out_everywhere(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
) -> Response {
    if let Some(Extension(session)) = signed_in {
        if let Err(err) = state.store.end_sessions_of(&session.user.id).await {
            return internal(err);
        }
    }
    let mut response = see(&format!("{SIGN_IN_PATH}?signed_out=everywhere"));
    response
        .headers_mut()
        .insert(header::SET_COOKIE, sessions::removed_cookie(state.https));
    response
}

/// The signed-in account; someone who is not is sent to sign in.
fn account(signed_in: Option<Extension<SignedIn>>) -> Option<User> {
    signed_in.map(|Extension(s)| s.user)
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "Your account cannot change this: it belongs to another organisation.",
    )
        .into_response()
}

fn today(state: &AppState) -> NaiveDate {
    Today::fixed_or_now(state.today).0
}

async fn confirm_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { user, key, .. }: Posted,
) -> Response {
    let Ok(id) = ServiceId::parse(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let owner = match state.store.service_records().await {
        Ok(records) => records
            .into_iter()
            .find(|r| r.service.id == id)
            .map(|r| r.organisation_id),
        Err(err) => return internal(err),
    };
    let Some(owner) = owner else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !user.may_edit(&owner) {
        return forbidden();
    }
    let today = today(&state);
    change(
        &state,
        (&user, &key),
        "confirmed",
        async |by| state.store.confirm_service(&id, today, by).await,
        not_found,
    )
    .await
}

/// "Still accurate" on a group: organisers for their own, admins for any.
async fn confirm_group(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { user, key, .. }: Posted,
) -> Response {
    let Ok(id) = GroupId::parse(&id) else {
        return not_found();
    };
    let found = match state.store.published().await {
        Ok(published) => published
            .group(&id)
            .map(|g| (g.organisation_id.clone(), g.details_to_check)),
        Err(err) => return internal(err),
    };
    let Some((owner, details_to_check)) = found else {
        return not_found();
    };
    if !user.may_edit(&owner) {
        return forbidden();
    }
    if details_to_check {
        return (
            StatusCode::CONFLICT,
            "This group's details need checking first: open \"Change details and times\", check every fact and save.",
        )
            .into_response();
    }
    let today = today(&state);
    change(
        &state,
        (&user, &key),
        "confirmed-group",
        async |by| state.store.confirm_group(&id, today, by).await,
        not_found,
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
) -> Response {
    let Ok(group_id) = GroupId::parse(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let published = match state.store.published().await {
        Ok(p) => p,
        Err(err) => return internal(err),
    };
    let Some(group) = published.group(&group_id).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !user.may_edit(&group.organisation_id) {
        return forbidden();
    }
    let get = |key: &str| field(&pairs, key);
    match check(&group, published.terms_of(&group), &get, today(&state)) {
        Ok(exception) => {
            change(
                &state,
                (&user, &key),
                done,
                async |by| state.store.add_exception(&group_id, &exception, by).await,
                not_found,
            )
            .await
        }
        Err(errors) => {
            let problem = FormProblem {
                form: format!("{form_name}:{group_id}"),
                errors: errors
                    .into_iter()
                    .map(|e| (e.field.to_owned(), e.message))
                    .collect(),
                values: pairs.clone(),
            };
            let mut parts = parts;
            parts.uri = HOME_PATH.parse().unwrap_or_default();
            page_again(&state, parts, StatusCode::BAD_REQUEST, move || {
                leptos::prelude::provide_context(problem.clone())
            })
            .await
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

async fn cancel_session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted,
) -> Response {
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

async fn add_extra_session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted,
) -> Response {
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

/// Adds a weekly group, or shows its next dates first ("Show the next
/// dates"): organisers for their own organisation, admins for any.
async fn add_group(
    State(state): State<AppState>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Response {
    let get = |key: &str| field(&pairs, key);
    let organisation_id = if user.is_admin() {
        get("organisation")
    } else {
        user.organisation_id.clone().unwrap_or_default()
    };
    if !user.may_edit(&organisation_id) {
        return forbidden();
    }
    let (organisation, venues, published) = match async {
        let organisation = state.store.organisation(&organisation_id).await?;
        let venues: Vec<String> = state
            .store
            .venues_of(&organisation_id)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        Ok::<_, app::storage::StoreError>((organisation, venues, state.store.published().await?))
    }
    .await
    {
        Ok(found) => found,
        Err(err) => return internal(err),
    };
    let form = group_form(&get);
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
    match (checked, area, organisation) {
        (Some(checked), Some(area), Some(organisation)) if errors.is_empty() && !wants_preview => {
            let suffix: String = match sessions::new_token() {
                Ok((token, _)) => token.chars().take(6).collect(),
                Err(err) => return internal(err),
            };
            let Some(id) = edit::group_id(&checked.title, &suffix) else {
                return internal("a group id could not be made");
            };
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
                is_sample: false,
                times: checked.times,
            };
            let done = if group.facts.contact.is_some() && !user.is_admin() {
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
                async |by| state.store.add_group(&new, by).await,
                || internal("a new group's id was taken"),
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
            group_form_again(&state, parts, "new-group", errors, pairs, preview).await
        }
    }
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
    parts: Parts,
    form: &str,
    errors: Vec<FieldError>,
    pairs: Vec<(String, String)>,
    preview: Option<GroupPreview>,
) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let problem = FormProblem {
        form: form.into(),
        errors: errors
            .into_iter()
            .map(|e| (e.field.to_owned(), e.message))
            .collect(),
        values: pairs,
    };
    page_again(state, parts, status, move || {
        leptos::prelude::provide_context(problem.clone());
        if let Some(preview) = &preview {
            leptos::prelude::provide_context(preview.clone());
        }
    })
    .await
}

/// Saves a change to a group's details and times (its joining link waits
/// for an admin unless an admin made it), or shows the form again with
/// its problems or its next dates.
async fn edit_group(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Response {
    let Ok(id) = GroupId::parse(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let published = match state.store.published().await {
        Ok(published) => published,
        Err(err) => return internal(err),
    };
    let Some(group) = published.group(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !user.may_edit(&group.organisation_id) {
        return forbidden();
    }
    let venues: Vec<String> = match state.store.venues_of(&group.organisation_id).await {
        Ok(venues) => venues.into_iter().map(|(id, _)| id).collect(),
        Err(err) => return internal(err),
    };
    let get = |key: &str| field(&pairs, key);
    let form = edit::GroupEditForm {
        group: group_form(&get),
        keep: (0..group.times.schedules().len())
            .map(|i| !get(&format!("keep-{i}")).is_empty())
            .collect(),
        joining_link: get("joining_link"),
        link_public: !get("link_public").is_empty(),
    };
    let today = today(&state);
    let terms = published.terms_of(group);
    match edit::group_edit(&form, &group.times, &venues, today) {
        Ok(checked) if get("action") == "preview" => {
            let preview = preview_of(&checked.group.times, terms, today);
            group_form_again(
                &state,
                parts,
                "edit-group",
                Vec::new(),
                pairs,
                Some(preview),
            )
            .await
        }
        Ok(checked) => {
            let link_before = state.store.group_backstage(&id).await.ok().flatten();
            let link_changes = link_before.is_some_and(|b| {
                (b.link.link.as_deref(), b.link.public)
                    != (checked.joining_link.as_deref(), checked.link_public)
            });
            let contact_changes = group.facts.contact != checked.group.facts.contact;
            let done = if (link_changes || contact_changes) && !user.is_admin() {
                "group-saved-pending"
            } else {
                "group-saved"
            };
            change(
                &state,
                (&user, &key),
                done,
                async |by| state.store.update_group(&id, &checked, today, by).await,
                not_found,
            )
            .await
        }
        Err(errors) => group_form_again(&state, parts, "edit-group", errors, pairs, None).await,
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

/// An admin makes an invitation link; it is shown once, on their page.
async fn invite(
    State(state): State<AppState>,
    Posted {
        user, parts, pairs, ..
    }: Posted,
) -> Response {
    if !user.is_admin() {
        return admins_only("invite people");
    }
    let get = |key: &str| field(&pairs, key);
    let mut errors: Vec<(String, String)> = Vec::new();
    let email = Email::parse(&get("email"));
    let role = Role::from_code(&get("role")).unwrap_or(Role::Organiser);
    let organisation_id = (role == Role::Organiser).then(|| get("organisation"));
    match &email {
        Err(e) => errors.push(("email".into(), e.to_string())),
        Ok(email) => match state.store.user_by_email(email).await {
            Ok(Some(_)) => errors.push((
                "email".into(),
                format!("There is already an account for {email}."),
            )),
            Ok(None) => {}
            Err(err) => return internal(err),
        },
    }
    if let Some(id) = &organisation_id {
        match state.store.organisation(id).await {
            Ok(Some(_)) => {}
            Ok(None) => errors.push((
                "organisation".into(),
                "Please choose the organisation they work for.".into(),
            )),
            Err(err) => return internal(err),
        }
    }
    let mut home = parts;
    home.uri = HOME_PATH.parse().unwrap_or_default();
    let (Ok(email), true) = (email, errors.is_empty()) else {
        let problem = FormProblem {
            form: "invite-someone".into(),
            errors,
            values: pairs.clone(),
        };
        return page_again(&state, home, StatusCode::BAD_REQUEST, move || {
            leptos::prelude::provide_context(problem.clone())
        })
        .await;
    };
    let (token, hash) = match sessions::new_token() {
        Ok(pair) => pair,
        Err(err) => return internal(err),
    };
    let now = Utc::now();
    let invitation = Invitation {
        email: email.clone(),
        role,
        organisation_id,
        expires_at: now + INVITATION_LIFETIME,
        used: false,
    };
    if let Err(err) = state
        .store
        .create_invitation(&hash, &invitation, &user, now)
        .await
    {
        return internal(err);
    }
    let made = InvitationMade {
        email: email.to_string(),
        link: format!(
            "{}/organisers/invite/{token}",
            state.public_url.trim_end_matches('/')
        ),
    };
    page_again(&state, home, StatusCode::OK, move || {
        leptos::prelude::provide_context(made.clone())
    })
    .await
}

#[derive(Deserialize)]
struct AcceptForm {
    password: String,
    confirm: String,
}

/// Someone invited chooses a password: their account is made and they are
/// signed in.
async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let Some((parts, form)) = read_form::<AcceptForm>(&state, request).await else {
        return unreadable();
    };
    let hash = sessions::token_hash(&token);
    let now = Utc::now();
    let invitation = match state.store.invitation(&hash).await {
        Ok(found) => found,
        Err(err) => return internal(err),
    };
    let usable = invitation
        .as_ref()
        .ok_or(InvitationProblem::Unknown)
        .and_then(|i| invitation_usable(i.expires_at, i.used, now));
    let Some(invitation) = invitation.filter(|_| usable.is_ok()) else {
        let status = if usable == Err(InvitationProblem::Unknown) {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::GONE
        };
        return page_again(&state, parts, status, || {}).await;
    };
    let mut errors = Vec::new();
    if let Err(e) = check_password(&form.password, &invitation.email) {
        errors.push(("password".to_owned(), e.to_string()));
    }
    if form.confirm != form.password {
        errors.push((
            "confirm".to_owned(),
            app::organisers::text::NOT_THE_SAME.to_owned(),
        ));
    }
    if !errors.is_empty() {
        let problem = FormProblem {
            form: "invite".into(),
            errors,
            values: Vec::new(),
        };
        return page_again(&state, parts, StatusCode::BAD_REQUEST, move || {
            leptos::prelude::provide_context(problem.clone())
        })
        .await;
    }
    let password = form.password;
    let phc = match tokio::task::spawn_blocking(move || accounts::hash_password(&password)).await {
        Ok(Ok(phc)) => phc,
        Ok(Err(err)) => return internal(err),
        Err(err) => return internal(err),
    };
    let id = uuid::Uuid::new_v4().to_string();
    let user = match state.store.accept_invitation(&hash, &id, &phc, now).await {
        Ok(Some(user)) => user,
        Ok(None) => return page_again(&state, parts, StatusCode::GONE, || {}).await,
        Err(NewUserError::Exists(email)) => {
            let problem = FormProblem {
                form: "invite".into(),
                errors: vec![(
                    "password".into(),
                    format!("There is already an account for {email}. Please sign in."),
                )],
                values: Vec::new(),
            };
            return page_again(&state, parts, StatusCode::CONFLICT, move || {
                leptos::prelude::provide_context(problem.clone())
            })
            .await;
        }
        Err(err) => return internal(err),
    };
    tracing::info!(role = user.role.code(), "an invitation was accepted");
    start_session(&state, &user, now).await
}

/// Saves an edit to a service. Phones and the crisis flag change at once
/// only for an admin; an organiser's wait for one.
async fn edit_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Response {
    let record = match state.store.service_records().await {
        Ok(records) => records.into_iter().find(|r| r.service.id.as_str() == id),
        Err(err) => return internal(err),
    };
    let Some(record) = record else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !user.may_edit(&record.organisation_id) {
        return forbidden();
    }
    let get = |key: &str| field(&pairs, key);
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
                not_found,
            )
            .await
        }
        Err(errors) => {
            let problem = FormProblem {
                form: "edit-service".into(),
                errors: errors
                    .into_iter()
                    .map(|e| (e.field.to_owned(), e.message))
                    .collect(),
                values: pairs.clone(),
            };
            page_again(&state, parts, StatusCode::BAD_REQUEST, move || {
                leptos::prelude::provide_context(problem.clone())
            })
            .await
        }
    }
}

async fn decide(
    state: AppState,
    Posted { user, key, .. }: Posted,
    id: i64,
    approve: bool,
) -> Response {
    if !user.is_admin() {
        return (
            StatusCode::FORBIDDEN,
            "Only administrators can approve changes.",
        )
            .into_response();
    }
    change(
        &state,
        (&user, &key),
        if approve { "approved" } else { "rejected" },
        async |by| state.store.decide_change(id, approve, by).await,
        || (StatusCode::CONFLICT, "That change is not waiting any more.").into_response(),
    )
    .await
}

async fn approve_change(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Response {
    decide(state, posted, id, true).await
}

async fn reject_change(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Response {
    decide(state, posted, id, false).await
}

/// The account's secret, read from its stored base32.
fn secret_of(base32: Option<&str>) -> Option<TotpSecret> {
    base32.and_then(TotpSecret::parse_base32)
}

/// Starts setting up two-step sign-in: a new secret, shown on the set-up
/// page until a code from it is typed.
async fn two_step_start(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
) -> Response {
    let Some(user) = account(signed_in) else {
        return see(SIGN_IN_PATH);
    };
    let mut bytes = [0u8; 20];
    if let Err(err) = getrandom::fill(&mut bytes) {
        return internal(err);
    }
    let secret = TotpSecret::from_bytes(bytes);
    match state
        .store
        .set_two_step_pending(&user.id, &secret.base32())
        .await
    {
        Ok(()) => see(TWO_STEP_PATH),
        Err(err) => internal(err),
    }
}

#[derive(Deserialize)]
struct CodeForm {
    code: String,
}

/// A code from the app being set up turns two-step sign-in on.
async fn two_step_confirm(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Response {
    let Some(user) = account(signed_in) else {
        return see(SIGN_IN_PATH);
    };
    let Some((parts, form)) = read_form::<CodeForm>(&state, request).await else {
        return unreadable();
    };
    let two_step = match state.store.two_step(&user.id).await {
        Ok(found) => found,
        Err(err) => return internal(err),
    };
    let Some(secret) = secret_of(two_step.pending.as_deref()) else {
        return see(TWO_STEP_PATH);
    };
    match totp::verify(&secret, &form.code, Utc::now().timestamp(), None) {
        Some(step) => match state.store.turn_two_step_on(&user.id, step, &user).await {
            Ok(()) => see(&format!("{HOME_PATH}?done=two-step")),
            Err(err) => internal(err),
        },
        None => {
            let problem = FormProblem {
                form: "two-step".into(),
                errors: vec![("code".into(), app::organisers::text::CODE_NOT_RIGHT.into())],
                values: Vec::new(),
            };
            let mut page = parts;
            page.uri = TWO_STEP_PATH.parse().unwrap_or_default();
            page_again(&state, page, StatusCode::BAD_REQUEST, move || {
                leptos::prelude::provide_context(problem.clone())
            })
            .await
        }
    }
}

/// An organiser turns two-step sign-in off with a current code (used up,
/// so it cannot be replayed); admins keep it on.
async fn two_step_off(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Response {
    let Some(user) = account(signed_in) else {
        return see(SIGN_IN_PATH);
    };
    if user.is_admin() {
        return admins_only_keep_two_step();
    }
    let Some((parts, form)) = read_form::<CodeForm>(&state, request).await else {
        return unreadable();
    };
    let two_step = match state.store.two_step(&user.id).await {
        Ok(found) => found,
        Err(err) => return internal(err),
    };
    let Some(secret) = secret_of(two_step.secret.as_deref()) else {
        return see(TWO_STEP_PATH);
    };
    let step = totp::verify(
        &secret,
        &form.code,
        Utc::now().timestamp(),
        two_step.last_step,
    );
    let used = match step {
        Some(step) => match state.store.use_two_step(&user.id, step).await {
            Ok(used) => used,
            Err(err) => return internal(err),
        },
        None => false,
    };
    if !used {
        let problem = FormProblem {
            form: "two-step".into(),
            errors: vec![("code".into(), app::organisers::text::CODE_NOT_RIGHT.into())],
            values: Vec::new(),
        };
        let mut page = parts;
        page.uri = TWO_STEP_PATH.parse().unwrap_or_default();
        return page_again(&state, page, StatusCode::BAD_REQUEST, move || {
            leptos::prelude::provide_context(problem.clone())
        })
        .await;
    }
    match state.store.turn_two_step_off(&user.id, &user).await {
        Ok(()) => see(&format!("{HOME_PATH}?done=two-step-off")),
        Err(err) => internal(err),
    }
}

fn admins_only_keep_two_step() -> Response {
    (StatusCode::FORBIDDEN, app::organisers::text::ADMINS_KEEP_IT).into_response()
}

/// The second step of signing in: the code from the app.
async fn sign_in_code(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Response {
    let step_token = sessions::step_token_from(request.headers(), state.https);
    let Some((parts, form)) = read_form::<CodeForm>(&state, request).await else {
        return unreadable();
    };
    let now = Utc::now();
    let Some(step_hash) = step_token.map(|t| sessions::token_hash(&t)) else {
        return see(SIGN_IN_PATH);
    };
    let (user, two_step) = match state.store.sign_in_step(&step_hash, now).await {
        Ok(Some(found)) => found,
        Ok(None) => return see(SIGN_IN_PATH),
        Err(err) => return internal(err),
    };
    let keys = [
        Throttled::Account.key(user.email.as_str()),
        Throttled::Address.key(&client_address(&state, &parts, peer)),
    ];
    if let Some(refusal) = refused_while_waiting(&state, &parts, &keys, now).await {
        return refusal;
    }
    let matched = secret_of(two_step.secret.as_deref())
        .and_then(|secret| totp::verify(&secret, &form.code, now.timestamp(), two_step.last_step));
    let used = match matched {
        Some(step) => match state.store.use_two_step(&user.id, step).await {
            Ok(used) => used,
            Err(err) => return internal(err),
        },
        None => false,
    };
    if !used {
        if let Err(err) = note_failure(&state, &keys, now).await {
            return internal(err);
        }
        return page_again(&state, parts, StatusCode::UNAUTHORIZED, || {
            leptos::prelude::provide_context(SignInProblem::CodeNotRight)
        })
        .await;
    }
    if let Err(err) = forget_failures(&state, &keys).await {
        return internal(err);
    }
    if let Err(err) = state.store.end_sign_in_step(&step_hash).await {
        return internal(err);
    }
    if let Some(Extension(old)) = signed_in {
        if let Err(err) = state.store.end_session(&old.token_hash).await {
            return internal(err);
        }
    }
    tracing::info!(
        role = user.role.code(),
        "an organiser signed in with two steps"
    );
    let mut response = start_session(&state, &user, now).await;
    response.headers_mut().append(
        header::SET_COOKIE,
        sessions::removed_step_cookie(state.https),
    );
    response
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
async fn add_organisation(
    State(state): State<AppState>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Response {
    if !user.is_admin() {
        return admins_only("add organisations");
    }
    let details = match organisation_details(&pairs) {
        Ok(details) => details,
        Err(errors) => return home_again(&state, parts, "add-organisation", errors, pairs).await,
    };
    let suffix: String = match sessions::new_token() {
        Ok((token, _)) => token.chars().take(4).collect(),
        Err(err) => return internal(err),
    };
    let Some(id) = village_core::area::slug_id(details.name(), "organisation", &suffix) else {
        return internal("an organisation id could not be made");
    };
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
        not_found,
    )
    .await
}

/// "Only administrators can …": a 403 for an organiser.
fn admins_only(what: &str) -> Response {
    (
        StatusCode::FORBIDDEN,
        format!("Only administrators can {what}."),
    )
        .into_response()
}

/// The organisers' home again, with a form's problems beside its fields
/// and what was typed: a 400, nothing saved.
async fn home_again(
    state: &AppState,
    mut parts: Parts,
    form: &str,
    errors: Vec<FieldError>,
    pairs: Vec<(String, String)>,
) -> Response {
    let problem = FormProblem {
        form: form.into(),
        errors: errors
            .into_iter()
            .map(|e| (e.field.to_owned(), e.message))
            .collect(),
        values: pairs,
    };
    parts.uri = HOME_PATH.parse().unwrap_or_default();
    page_again(state, parts, StatusCode::BAD_REQUEST, move || {
        leptos::prelude::provide_context(problem.clone())
    })
    .await
}

/// An admin adds an area, checked; its id is a readable slug of its name.
async fn add_area(
    State(state): State<AppState>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Response {
    if !user.is_admin() {
        return admins_only("add areas");
    }
    let get = |key: &str| field(&pairs, key);
    let area = match NewArea::parse(&get("name"), &get("nation")) {
        Ok(area) => area,
        Err(errors) => return home_again(&state, parts, "add-area", errors, pairs).await,
    };
    let suffix: String = match sessions::new_token() {
        Ok((token, _)) => token.chars().take(4).collect(),
        Err(err) => return internal(err),
    };
    let Some(id) = village_core::area::slug_id(&area.name, "area", &suffix) else {
        return internal("an area id could not be made");
    };
    change(
        &state,
        (&user, &key),
        "area-added",
        async |by| state.store.add_area(&id, &area, by).await,
        not_found,
    )
    .await
}

/// An admin imports an area's term dates (CSV or iCalendar, pasted): the
/// whole file is checked first; a fault is named by its line and nothing
/// changes.
async fn import_terms(
    State(state): State<AppState>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Response {
    if !user.is_admin() {
        return admins_only("import term dates");
    }
    let get = |key: &str| field(&pairs, key);
    let published = match state.store.published().await {
        Ok(published) => published,
        Err(err) => return internal(err),
    };
    let Some(area) = AreaId::parse(&get("area"))
        .ok()
        .filter(|id| published.area(id).is_some())
    else {
        let problem = FieldError {
            field: "area",
            message: "Please choose the area.".into(),
        };
        return home_again(&state, parts, "terms", vec![problem], pairs).await;
    };
    let text = get("dates");
    let imported =
        match village_core::calendar::import::parse(&text, published.terms(&area).years()) {
            Ok(imported) => imported,
            Err(err) => {
                let problem = FieldError {
                    field: "dates",
                    message: format!("Nothing was imported: {err}"),
                };
                return home_again(&state, parts, "terms", vec![problem], pairs).await;
            }
        };
    change(
        &state,
        (&user, &key),
        "terms",
        async |by| state.store.import_terms(&area, &imported, by).await,
        not_found,
    )
    .await
}

/// An admin changes an organisation's name, description or website.
async fn edit_organisation(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted {
        user,
        parts,
        pairs,
        key,
    }: Posted,
) -> Response {
    if !user.is_admin() {
        return admins_only("change organisations");
    }
    let publishes_nationally = !field(&pairs, "publishes_nationally").is_empty();
    let details = match organisation_details(&pairs) {
        Ok(details) => details,
        Err(errors) => {
            let form = format!("organisation:{id}");
            return home_again(&state, parts, &form, errors, pairs).await;
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
        not_found,
    )
    .await
}
