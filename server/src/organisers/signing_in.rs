//! Signing in and out, the second step's code, two-step sign-in set up and
//! turned off, and an invitation accepted.

use app::{
    accounts::{db::NewUserError, SignedIn, User},
    organisers::{FormProblem, SignInProblem, CODE_PATH, HOME_PATH, SIGN_IN_PATH, TWO_STEP_PATH},
};
use axum::{
    extract::{ConnectInfo, Path, Request, State},
    http::{header, request::Parts, StatusCode},
    response::Response,
    Extension,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::{net::SocketAddr, sync::LazyLock};
use village_core::account::{
    check_password, invitation_usable, minutes_to_wait,
    totp::{self, TotpSecret},
    wait_after, Email, InvitationProblem, Throttled,
};

use super::{form_again, page_again, read_form, see, Answer, Refusal};
use crate::{accounts, http::AppState, sessions};

#[derive(Deserialize)]
pub(super) struct SignInForm {
    email: String,
    password: String,
}

/// A hash to check against when the email has no account, so that the
/// answer takes as long as for a real one.
pub static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| accounts::hash_password("not a real password").unwrap_or_default());

pub(super) async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Answer {
    let (parts, form) = read_form::<SignInForm>(&state, request)
        .await
        .ok_or(Refusal::Unreadable)?;
    let now = Utc::now();
    let typed = form.email.trim().chars().take(254).collect::<String>();
    let keys = [
        Throttled::Account.key(&typed.to_lowercase()),
        Throttled::Address.key(&client_address(&state, &parts, peer)),
    ];
    // Waiting? The same answer whether or not the email has an account.
    if let Some(refusal) = refused_while_waiting(&state, &parts, &keys, now).await? {
        return Ok(refusal);
    }
    let account = match Email::parse(&typed) {
        Ok(email) => state.store.user_by_email(&email).await?,
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
            note_failure(&state, &keys, now).await?;
            return Ok(
                page_again(&state, parts, StatusCode::UNAUTHORIZED, move || {
                    leptos::prelude::provide_context(SignInProblem::NotRight {
                        email: typed.clone(),
                    })
                })
                .await,
            );
        }
    };
    // With two-step sign-in on, the code comes next; the failures are
    // cleared only once it is right, so a known password does not buy
    // endless guesses at codes.
    if state.store.two_step(&user.id).await?.secret.is_some() {
        let (token, hash) = sessions::new_token().map_err(Refusal::internal)?;
        state
            .store
            .create_sign_in_step(&hash, &user.id, now)
            .await?;
        let mut response = see(CODE_PATH);
        response.headers_mut().insert(
            header::SET_COOKIE,
            sessions::step_cookie(&token, state.https),
        );
        return Ok(response);
    }
    forget_failures(&state, &keys).await?;
    end_the_old_session(&state, signed_in).await?;
    tracing::info!(role = user.role.code(), "an organiser signed in");
    start_session(&state, &user, now).await
}

/// A new session every sign-in: the one the browser had (if any) ends.
async fn end_the_old_session(
    state: &AppState,
    signed_in: Option<Extension<SignedIn>>,
) -> Result<(), Refusal> {
    if let Some(Extension(old)) = signed_in {
        state.store.end_session(&old.token_hash).await?;
    }
    Ok(())
}

pub(super) async fn sign_out(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
) -> Answer {
    end_the_old_session(&state, signed_in).await?;
    let mut response = see(&format!("{SIGN_IN_PATH}?signed_out=here"));
    response
        .headers_mut()
        .insert(header::SET_COOKIE, sessions::removed_cookie(state.https));
    Ok(response)
}

pub(super) async fn sign_out_everywhere(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
) -> Answer {
    if let Some(Extension(session)) = signed_in {
        state.store.end_sessions_of(&session.user.id).await?;
    }
    let mut response = see(&format!("{SIGN_IN_PATH}?signed_out=everywhere"));
    response
        .headers_mut()
        .insert(header::SET_COOKIE, sessions::removed_cookie(state.https));
    Ok(response)
}

/// Starts a new session for `user` and sends them to their page with its
/// cookie.
async fn start_session(state: &AppState, user: &User, now: DateTime<Utc>) -> Answer {
    let (token, hash) = sessions::new_token().map_err(Refusal::internal)?;
    state.store.create_session(&hash, &user.id, now).await?;
    let mut response = see(HOME_PATH);
    response.headers_mut().insert(
        header::SET_COOKIE,
        sessions::session_cookie(&token, state.https),
    );
    Ok(response)
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
    now: DateTime<Utc>,
) -> Result<Option<i64>, Refusal> {
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

/// The 429 page when the account or address must wait.
async fn refused_while_waiting(
    state: &AppState,
    parts: &Parts,
    keys: &[String; 2],
    now: DateTime<Utc>,
) -> Result<Option<Response>, Refusal> {
    let Some(minutes) = wait_for(state, keys, now).await? else {
        return Ok(None);
    };
    Ok(Some(
        page_again(
            state,
            parts.clone(),
            StatusCode::TOO_MANY_REQUESTS,
            move || leptos::prelude::provide_context(SignInProblem::TooManyAttempts { minutes }),
        )
        .await,
    ))
}

/// Counts a failed attempt against the account and the address.
async fn note_failure(
    state: &AppState,
    keys: &[String; 2],
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    for key in keys {
        state.store.record_sign_in_failure(key, now).await?;
    }
    Ok(())
}

/// A sign-in that got through: the counts start again.
async fn forget_failures(state: &AppState, keys: &[String; 2]) -> Result<(), Refusal> {
    for key in keys {
        state.store.clear_sign_in_failures(key).await?;
    }
    Ok(())
}

#[derive(Deserialize)]
pub(super) struct AcceptForm {
    password: String,
    confirm: String,
}

/// Someone invited chooses a password: their account is made and they are
/// signed in.
pub(super) async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Answer {
    let (parts, form) = read_form::<AcceptForm>(&state, request)
        .await
        .ok_or(Refusal::Unreadable)?;
    let hash = sessions::token_hash(&token);
    let now = Utc::now();
    let invitation = state.store.invitation(&hash).await?;
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
        return Ok(page_again(&state, parts, status, || {}).await);
    };
    let mut errors = Vec::new();
    if let Err(e) = check_password(&form.password, &invitation.email) {
        errors.push(village_core::FieldError {
            field: "password",
            message: e.to_string(),
        });
    }
    if form.confirm != form.password {
        errors.push(village_core::FieldError {
            field: "confirm",
            message: app::organisers::text::NOT_THE_SAME.to_owned(),
        });
    }
    if !errors.is_empty() {
        return Ok(form_again(&state, parts, None, ("invite", errors, Vec::new()), || {}).await);
    }
    let password = form.password;
    let phc = tokio::task::spawn_blocking(move || accounts::hash_password(&password))
        .await
        .map_err(Refusal::internal)?
        .map_err(Refusal::internal)?;
    let id = uuid::Uuid::new_v4().to_string();
    let user = match state.store.accept_invitation(&hash, &id, &phc, now).await {
        Ok(Some(user)) => user,
        Ok(None) => return Ok(page_again(&state, parts, StatusCode::GONE, || {}).await),
        Err(NewUserError::Exists(email)) => {
            let problem = FormProblem {
                form: "invite".into(),
                errors: vec![(
                    "password".into(),
                    format!("There is already an account for {email}. Please sign in."),
                )],
                values: Vec::new(),
            };
            return Ok(page_again(&state, parts, StatusCode::CONFLICT, move || {
                leptos::prelude::provide_context(problem.clone())
            })
            .await);
        }
        Err(err) => return Err(Refusal::internal(err)),
    };
    tracing::info!(role = user.role.code(), "an invitation was accepted");
    start_session(&state, &user, now).await
}

/// The account's secret, read from its stored base32.
fn secret_of(base32: Option<&str>) -> Option<TotpSecret> {
    base32.and_then(TotpSecret::parse_base32)
}

/// The signed-in account; someone who is not is sent to sign in.
fn account(signed_in: Option<Extension<SignedIn>>) -> Result<User, Refusal> {
    signed_in.map(|Extension(s)| s.user).ok_or(Refusal::SignIn)
}

/// Starts setting up two-step sign-in: a new secret, shown on the set-up
/// page until a code from it is typed.
pub(super) async fn two_step_start(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
) -> Answer {
    let user = account(signed_in)?;
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(Refusal::internal)?;
    let secret = TotpSecret::from_bytes(bytes);
    state
        .store
        .set_two_step_pending(&user.id, &secret.base32())
        .await?;
    Ok(see(TWO_STEP_PATH))
}

#[derive(Deserialize)]
pub(super) struct CodeForm {
    code: String,
}

/// The two-step page again, saying the code was not right.
async fn code_not_right(state: &AppState, parts: Parts) -> Response {
    let error = village_core::FieldError {
        field: "code",
        message: app::organisers::text::CODE_NOT_RIGHT.into(),
    };
    form_again(
        state,
        parts,
        Some(TWO_STEP_PATH),
        ("two-step", vec![error], Vec::new()),
        || {},
    )
    .await
}

/// A code from the app being set up turns two-step sign-in on.
pub(super) async fn two_step_confirm(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Answer {
    let user = account(signed_in)?;
    let (parts, form) = read_form::<CodeForm>(&state, request)
        .await
        .ok_or(Refusal::Unreadable)?;
    let two_step = state.store.two_step(&user.id).await?;
    let Some(secret) = secret_of(two_step.pending.as_deref()) else {
        return Ok(see(TWO_STEP_PATH));
    };
    match totp::verify(&secret, &form.code, Utc::now().timestamp(), None) {
        Some(step) => {
            state.store.turn_two_step_on(&user.id, step, &user).await?;
            Ok(see(&format!("{HOME_PATH}?done=two-step")))
        }
        None => Ok(code_not_right(&state, parts).await),
    }
}

/// An organiser turns two-step sign-in off with a current code (used up,
/// so it cannot be replayed); admins keep it on.
pub(super) async fn two_step_off(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Answer {
    let user = account(signed_in)?;
    if user.is_admin() {
        return Err(Refusal::Forbidden(
            app::organisers::text::ADMINS_KEEP_IT.into(),
        ));
    }
    let (parts, form) = read_form::<CodeForm>(&state, request)
        .await
        .ok_or(Refusal::Unreadable)?;
    let two_step = state.store.two_step(&user.id).await?;
    let Some(secret) = secret_of(two_step.secret.as_deref()) else {
        return Ok(see(TWO_STEP_PATH));
    };
    let step = totp::verify(
        &secret,
        &form.code,
        Utc::now().timestamp(),
        two_step.last_step,
    );
    let used = match step {
        Some(step) => state.store.use_two_step(&user.id, step).await?,
        None => false,
    };
    if !used {
        return Ok(code_not_right(&state, parts).await);
    }
    state.store.turn_two_step_off(&user.id, &user).await?;
    Ok(see(&format!("{HOME_PATH}?done=two-step-off")))
}

/// The second step of signing in: the code from the app.
pub(super) async fn sign_in_code(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Answer {
    let step_token = sessions::step_token_from(request.headers(), state.https);
    let (parts, form) = read_form::<CodeForm>(&state, request)
        .await
        .ok_or(Refusal::Unreadable)?;
    let now = Utc::now();
    let Some(step_hash) = step_token.map(|t| sessions::token_hash(&t)) else {
        return Ok(see(SIGN_IN_PATH));
    };
    let Some((user, two_step)) = state.store.sign_in_step(&step_hash, now).await? else {
        return Ok(see(SIGN_IN_PATH));
    };
    let keys = [
        Throttled::Account.key(user.email.as_str()),
        Throttled::Address.key(&client_address(&state, &parts, peer)),
    ];
    if let Some(refusal) = refused_while_waiting(&state, &parts, &keys, now).await? {
        return Ok(refusal);
    }
    let matched = secret_of(two_step.secret.as_deref())
        .and_then(|secret| totp::verify(&secret, &form.code, now.timestamp(), two_step.last_step));
    let used = match matched {
        Some(step) => state.store.use_two_step(&user.id, step).await?,
        None => false,
    };
    if !used {
        note_failure(&state, &keys, now).await?;
        return Ok(page_again(&state, parts, StatusCode::UNAUTHORIZED, || {
            leptos::prelude::provide_context(SignInProblem::CodeNotRight)
        })
        .await);
    }
    forget_failures(&state, &keys).await?;
    state.store.end_sign_in_step(&step_hash).await?;
    end_the_old_session(&state, signed_in).await?;
    tracing::info!(
        role = user.role.code(),
        "an organiser signed in with two steps"
    );
    let mut response = start_session(&state, &user, now).await?;
    response.headers_mut().append(
        header::SET_COOKIE,
        sessions::removed_step_cookie(state.https),
    );
    Ok(response)
}
