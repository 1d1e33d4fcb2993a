//! The organisers' forms: sign in and out, "Still accurate", cancel a
//! session. Thin handlers: the rules are in `village_core` (passwords,
//! waits, cancellations), the writes and their audit entries in the store.
//! Each checks who is signed in and what they may change, on the server,
//! whatever the page showed. Cross-site posts never reach these (see
//! `security::same_site_writes`).
//!
//! One file per part of the organisers' area: [`signing_in`] (passwords,
//! two-step codes, invitations), [`groups`], [`venues`], [`services`] and
//! [`admin`] (people, organisations, areas, term dates, approvals). What
//! they share is here: the posted form ([`Posted`]), a change made once
//! ([`change`]), a form shown again with its problems ([`form_again`]) and
//! one error type, [`Refusal`], that turns into its answer.

mod admin;
mod groups;
mod reports;
mod services;
mod signing_in;
mod venues;

pub(crate) use signing_in::client_address;
pub use signing_in::DECOY_HASH;

use app::{
    accounts::{SignedIn, User},
    organisers::{FormProblem, CODE_PATH, HOME_PATH, NEW_GROUP_PATH, SIGN_IN_PATH},
    shell,
    site::Today,
    storage::{
        write_once::{Author, WriteOnce},
        StoreError,
    },
};
use axum::{
    body::Body,
    extract::{FromRequest, Request},
    http::{header, request::Parts, Method, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Form, Router,
};
use chrono::NaiveDate;
use village_core::FieldError;

use crate::http::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(SIGN_IN_PATH, post(signing_in::sign_in))
        .route(CODE_PATH, post(signing_in::sign_in_code))
        .route("/organisers/totp/start", post(signing_in::two_step_start))
        .route(
            "/organisers/totp/confirm",
            post(signing_in::two_step_confirm),
        )
        .route("/organisers/totp/off", post(signing_in::two_step_off))
        .route("/organisers/logout", post(signing_in::sign_out))
        .route(
            "/organisers/logout-everywhere",
            post(signing_in::sign_out_everywhere),
        )
        .route(
            "/organisers/invite/{token}",
            post(signing_in::accept_invitation),
        )
        .route("/organisers/services/{id}/confirm", post(services::confirm))
        .route("/organisers/services/{id}/edit", post(services::edit))
        .route("/organisers/groups/{id}/confirm", post(groups::confirm))
        .route(
            "/organisers/groups/{id}/cancel",
            post(groups::cancel_session),
        )
        .route(
            "/organisers/groups/{id}/extra",
            post(groups::add_extra_session),
        )
        .route(NEW_GROUP_PATH, post(groups::add))
        .route("/organisers/groups/{id}/edit", post(groups::edit))
        .route(venues::NEW_VENUE_PATH, post(venues::add))
        .route("/organisers/venues/{id}/edit", post(venues::edit))
        .route("/organisers/venues/{id}/delete", post(venues::delete))
        .route("/organisers/invitations", post(admin::invite))
        .route("/organisers/organisations", post(admin::add_organisation))
        .route(
            "/organisers/organisations/{id}/edit",
            post(admin::edit_organisation),
        )
        .route("/organisers/areas", post(admin::add_area))
        .route(
            "/organisers/accounts/{id}/{action}",
            post(admin::change_account),
        )
        .route("/organisers/terms", post(admin::import_terms))
        .route(
            "/organisers/pending/{id}/approve",
            post(admin::approve_change),
        )
        .route(
            "/organisers/pending/{id}/reject",
            post(admin::reject_change),
        )
        .route(
            "/organisers/reports/{kind}/{id}/resolve",
            post(reports::resolve),
        )
}

/// What an organiser's handler answers: the page it sends them to, or why
/// not.
type Answer = Result<Response, Refusal>;

/// Why an organiser's request was not done, each with its own answer.
#[derive(Debug)]
enum Refusal {
    /// Nothing with that id (a 404).
    NotFound,
    /// Someone signed in who may not change this, and why (a 403).
    Forbidden(String),
    /// Nobody is signed in: sent to sign in.
    SignIn,
    /// The form could not be read at all (a 400).
    Unreadable,
    /// A change that cannot be made as things are, and why (a 409).
    Conflict(&'static str),
    /// Too many passwords are being checked at once (a 503).
    Busy,
    /// The store could not make the change.
    Store(StoreError),
    /// Anything else that went wrong on our side (a 500, logged).
    Internal(String),
}

impl Refusal {
    /// Their account cannot change something of another organisation.
    fn other_organisation() -> Self {
        Self::Forbidden(
            "Your account cannot change this: it belongs to another organisation.".into(),
        )
    }

    /// "Only administrators can …".
    fn admins_only(what: &str) -> Self {
        Self::Forbidden(format!("Only administrators can {what}."))
    }

    fn internal(err: impl std::fmt::Display) -> Self {
        Self::Internal(err.to_string())
    }
}

impl From<crate::accounts::Busy> for Refusal {
    fn from(_: crate::accounts::Busy) -> Self {
        Self::Busy
    }
}

impl From<StoreError> for Refusal {
    fn from(err: StoreError) -> Self {
        Self::Store(err)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let internal = |err: &dyn std::fmt::Display| {
            tracing::error!(error = %err, "an organiser's request failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed. Please try again.",
            )
                .into_response()
        };
        match self {
            Self::NotFound => StatusCode::NOT_FOUND.into_response(),
            Self::SignIn => see(SIGN_IN_PATH),
            Self::Forbidden(why) => (StatusCode::FORBIDDEN, why).into_response(),
            Self::Unreadable => {
                (StatusCode::BAD_REQUEST, "The form could not be read.").into_response()
            }
            Self::Conflict(why) => (StatusCode::CONFLICT, why).into_response(),
            Self::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "5")],
                "Many people are signing in just now. Please try again in a few seconds.",
            )
                .into_response(),
            // The same change sent twice at once: the first made it;
            // sending it again gives its answer.
            Self::Store(StoreError::AlreadyWritten) => (
                StatusCode::CONFLICT,
                "This change was just made by the same request sent twice; nothing was changed twice.",
            )
                .into_response(),
            Self::Store(err) => internal(&err),
            Self::Internal(err) => internal(&err),
        }
    }
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

impl Posted {
    /// A field of the form; empty when it was not sent.
    fn get(&self, name: &str) -> String {
        field(&self.pairs, name)
    }
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
            .ok_or_else(|| Refusal::SignIn.into_response())?;
        let header_key = request
            .headers()
            .get(IDEMPOTENCY_KEY)
            .map(|value| value.to_str().unwrap_or("\u{fffd}").to_owned());
        let (parts, pairs): (Parts, Vec<(String, String)>) = read_form(state, request)
            .await
            .ok_or_else(|| Refusal::Unreadable.into_response())?;
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
        Err(err) => Some(Refusal::from(err).into_response()),
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
/// `write` gets the author; when it finds nothing to change, the answer is
/// `otherwise`.
async fn change<T: Landed>(
    state: &AppState,
    (user, key): (&User, &Option<ClientKey>),
    done: &str,
    write: impl AsyncFnOnce(&Author) -> Result<T, StoreError>,
    otherwise: Refusal,
) -> Answer {
    let answer = format!("{HOME_PATH}?done={done}");
    match write(&author(user, key, &answer)).await {
        Ok(result) if result.landed() => Ok(see(&answer)),
        Ok(_) => Err(otherwise),
        // The same change, sent again while the first was being made: now
        // that it is made, the first answer.
        Err(StoreError::AlreadyWritten) => match key {
            Some(client) => earlier_answer(state, &user.id, client)
                .await
                .ok_or(Refusal::Store(StoreError::AlreadyWritten)),
            None => Err(Refusal::Store(StoreError::AlreadyWritten)),
        },
        Err(err) => Err(err.into()),
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

/// A form's page again (`page`, or the one it was posted to), with its
/// problems beside its fields and what was typed: a 400, nothing saved.
/// With no problems (a preview asked for), a 200 with `extra` in the
/// page's context too.
async fn form_again(
    state: &AppState,
    mut parts: Parts,
    page: Option<&str>,
    (form, errors, pairs): (&str, Vec<FieldError>, Vec<(String, String)>),
    extra: impl Fn() + Clone + Send + Sync + 'static,
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
    if let Some(page) = page {
        parts.uri = page.parse().unwrap_or_default();
    }
    page_again(state, parts, status, move || {
        leptos::prelude::provide_context(problem.clone());
        extra();
    })
    .await
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

/// A field of a posted form; empty when it was not sent.
fn field(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.clone())
        .unwrap_or_default()
}

fn see(location: &str) -> Response {
    Redirect::to(location).into_response()
}

fn today(state: &AppState) -> NaiveDate {
    Today::fixed_or_now(state.today).0
}

/// A short random suffix for a new id made from a name.
fn id_suffix(length: usize) -> Result<String, Refusal> {
    let (token, _) = crate::sessions::new_token().map_err(Refusal::internal)?;
    Ok(token.chars().take(length).collect())
}
