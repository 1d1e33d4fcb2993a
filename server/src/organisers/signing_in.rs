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
use std::{
    net::{IpAddr, SocketAddr},
    sync::LazyLock,
};
use village_core::account::{
    check_password, invitation_usable, minutes_to_wait,
    totp::{self, TotpSecret},
    Email, InvitationProblem, Throttled,
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
    let attempt = Attempt::new(&state, &parts, peer, &typed.to_lowercase());
    // Counted before it is checked; waiting? The same answer whether or
    // not the email has an account.
    if let Some(minutes) = attempt.claim(&state, now).await? {
        return Ok(too_many(&state, parts, minutes).await);
    }
    let account = match Email::parse(&typed) {
        Ok(email) => state.store.user_by_email(&email).await?,
        Err(_) => None,
    };
    let stored = account
        .as_ref()
        .map_or_else(|| DECOY_HASH.clone(), |(_, hash)| hash.clone());
    let matches = match accounts::verify(form.password, stored).await {
        Ok(matches) => matches,
        Err(busy) => {
            // Not checked at all: it does not count.
            attempt.not_checked(&state).await?;
            return Err(busy.into());
        }
    };
    let user = match account {
        Some((user, _)) if matches => user,
        _ => {
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
    // With two-step sign-in on, the code comes next; the account's count
    // is cleared only once it is right, so a known password does not buy
    // endless guesses at codes.
    if state.store.two_step(&user.id).await?.secret.is_some() {
        attempt.right_so_far(&state).await?;
        return to_the_code(&state, &user, now).await;
    }
    attempt.right(&state).await?;
    end_the_old_session(&state, signed_in).await?;
    tracing::info!(role = user.role.code(), "an organiser signed in");
    start_session(&state, &user, now).await
}

/// A half-done sign-in: the password (or a reset link) was right, and the
/// two-step code comes next.
async fn to_the_code(state: &AppState, user: &User, now: DateTime<Utc>) -> Answer {
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
    Ok(response)
}

/// The sign-in page again, saying how long to wait (a 429).
async fn too_many(state: &AppState, parts: Parts, minutes: i64) -> Response {
    page_again(state, parts, StatusCode::TOO_MANY_REQUESTS, move || {
        leptos::prelude::provide_context(SignInProblem::TooManyAttempts { minutes })
    })
    .await
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
    // A new phone's key left waiting from before is forgotten: only this
    // session may start one again (with a current code).
    state.store.forget_two_step_pending(&user.id).await?;
    state.store.create_session(&hash, &user.id, now).await?;
    let mut response = see(HOME_PATH);
    response.headers_mut().insert(
        header::SET_COOKIE,
        sessions::session_cookie(&token, state.https),
    );
    Ok(response)
}

/// The client's address as its failures are counted: from the load
/// balancer's header when one is configured (the last value of its last
/// line: the one the balancer added), else the connection's. Only a real
/// address counts; anything else there is the connection's. IPv6 addresses
/// count by their /64, the block one home or phone is given.
pub(crate) fn client_address(state: &AppState, parts: &Parts, peer: SocketAddr) -> String {
    let from_header = state.client_ip_header.as_ref().and_then(|name| {
        let last_line = parts.headers.get_all(name).iter().next_back()?;
        let last = last_line.to_str().ok()?.rsplit(',').next()?.trim();
        last.parse::<IpAddr>().ok()
    });
    counted_address(from_header.unwrap_or_else(|| peer.ip()))
}

/// An address as its failures are kept: IPv4 whole, IPv6 by its /64.
fn counted_address(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
            }
        },
    }
}

/// One try at a password or a code, counted against the account and the
/// network address it came from.
struct Attempt {
    account: String,
    address: String,
}

impl Attempt {
    /// An attempt at `account` (an email, as typed, in lower case).
    fn new(state: &AppState, parts: &Parts, peer: SocketAddr, account: &str) -> Self {
        Self {
            account: Throttled::Account.key(account),
            address: Throttled::Address.key(&client_address(state, parts, peer)),
        }
    }

    /// Counts the attempt before it is checked, so a burst sent at once is
    /// counted one by one; `Some(minutes)` to wait instead (not counted).
    async fn claim(&self, state: &AppState, now: DateTime<Utc>) -> Result<Option<i64>, Refusal> {
        let keys = [
            (Throttled::Account, self.account.clone()),
            (Throttled::Address, self.address.clone()),
        ];
        Ok(state
            .store
            .claim_attempt(&keys, now)
            .await?
            .map(|until| minutes_to_wait(until, now)))
    }

    /// It was right: the account's count starts again; the address keeps
    /// its earlier failures (a success does not wipe them) but not this.
    async fn right(&self, state: &AppState) -> Result<(), Refusal> {
        state.store.clear_sign_in_failures(&self.account).await?;
        state.store.forgive_attempt(&self.address).await?;
        Ok(())
    }

    /// A right password with a code still to come: only the address
    /// forgives it.
    async fn right_so_far(&self, state: &AppState) -> Result<(), Refusal> {
        state.store.forgive_attempt(&self.address).await?;
        Ok(())
    }

    /// It could not be checked at all (too busy): it does not count.
    async fn not_checked(&self, state: &AppState) -> Result<(), Refusal> {
        state.store.forgive_attempt(&self.account).await?;
        state.store.forgive_attempt(&self.address).await?;
        Ok(())
    }
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
    let phc = accounts::hash(form.password)
        .await?
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
    // A reset link for an account with two-step sign-in on opens nothing by
    // itself: the code comes next, as at every sign-in.
    if state.store.two_step(&user.id).await?.secret.is_some() {
        return to_the_code(&state, &user, now).await;
    }
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

/// What a code typed on a signed-in account's two-step page came to.
enum CodeCheck {
    /// Right, at this time step.
    Right(i64),
    Wrong,
    /// Too many wrong ones: wait this many minutes.
    Wait(i64),
}

/// Checks a code for a signed-in account against `secret`, counted like
/// a sign-in; with `last_step`, a code already used is wrong (and a right
/// one is used up).
async fn check_code(
    state: &AppState,
    (parts, peer): (&Parts, SocketAddr),
    user: &User,
    (secret, last_step): (&TotpSecret, Option<i64>),
    code: &str,
) -> Result<CodeCheck, Refusal> {
    let now = Utc::now();
    let attempt = Attempt::new(state, parts, peer, user.email.as_str());
    if let Some(minutes) = attempt.claim(state, now).await? {
        return Ok(CodeCheck::Wait(minutes));
    }
    let step = match totp::verify(secret, code, now.timestamp(), last_step) {
        Some(step) if last_step.is_some() => state
            .store
            .use_two_step(&user.id, step)
            .await?
            .then_some(step),
        found => found,
    };
    let Some(step) = step else {
        return Ok(CodeCheck::Wrong);
    };
    attempt.right(state).await?;
    Ok(CodeCheck::Right(step))
}

/// The two-step page again after a wrong code (a 400), or too many (a 429),
/// the problem beside the code in the form `form`.
async fn code_problem(state: &AppState, parts: Parts, form: &str, check: CodeCheck) -> Response {
    let (message, status) = match check {
        CodeCheck::Wait(minutes) => (
            app::organisers::text::too_many(minutes),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        _ => (
            app::organisers::text::CODE_NOT_RIGHT.to_owned(),
            StatusCode::BAD_REQUEST,
        ),
    };
    let error = village_core::FieldError {
        field: "code",
        message,
    };
    let mut response = form_again(
        state,
        parts,
        Some(TWO_STEP_PATH),
        (form, vec![error], Vec::new()),
        || {},
    )
    .await;
    *response.status_mut() = status;
    response
}

#[derive(Deserialize)]
pub(super) struct CodeForm {
    #[serde(default)]
    code: String,
    /// Turning two-step sign-in on asks for the password.
    #[serde(default)]
    password: String,
}

/// Whether `password` is the signed-in account's, counted like a sign-in
/// (a wrong one, or a wait, is `false`).
async fn password_right(
    state: &AppState,
    (parts, peer): (&Parts, SocketAddr),
    user: &User,
    password: String,
) -> Result<bool, Refusal> {
    let now = Utc::now();
    let attempt = Attempt::new(state, parts, peer, user.email.as_str());
    if attempt.claim(state, now).await?.is_some() {
        return Ok(false);
    }
    let Some((_, stored)) = state.store.user_by_email(&user.email).await? else {
        return Ok(false);
    };
    if !accounts::verify(password, stored).await? {
        return Ok(false);
    }
    attempt.right(state).await?;
    Ok(true)
}

/// Starts setting up two-step sign-in: a new secret, shown on the set-up
/// page until a code from it is typed. With two-step sign-in already on,
/// replacing it (a new phone) needs a code from the app that has it now,
/// so a session alone cannot.
pub(super) async fn two_step_start(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed_in: Option<Extension<SignedIn>>,
    request: Request,
) -> Answer {
    let user = account(signed_in)?;
    let (parts, form) = read_form::<CodeForm>(&state, request)
        .await
        .ok_or(Refusal::Unreadable)?;
    let two_step = state.store.two_step(&user.id).await?;
    if two_step.secret.is_none() {
        // Turning it on from a session alone would let a thief lock the
        // owner out with their own app: the password first.
        if !password_right(&state, (&parts, peer), &user, form.password).await? {
            let error = village_core::FieldError {
                field: "password",
                message: app::organisers::text::PASSWORD_FIRST.into(),
            };
            return Ok(form_again(
                &state,
                parts,
                Some(TWO_STEP_PATH),
                ("two-step-start", vec![error], Vec::new()),
                || {},
            )
            .await);
        }
    }
    if let Some(stored) = two_step.secret.as_deref() {
        // On but unopenable (another key): nothing can prove it is them.
        let Some(current) = secret_of(Some(stored)) else {
            return Ok(code_problem(&state, parts, REPLACE_FORM, CodeCheck::Wrong).await);
        };
        let current = (&current, Some(two_step.last_step.unwrap_or(i64::MIN)));
        match check_code(&state, (&parts, peer), &user, current, &form.code).await? {
            CodeCheck::Right(_) => {}
            wrong => return Ok(code_problem(&state, parts, REPLACE_FORM, wrong).await),
        }
    }
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(Refusal::internal)?;
    let secret = TotpSecret::from_bytes(bytes);
    state
        .store
        .set_two_step_pending(&user.id, &secret.base32())
        .await?;
    Ok(see(TWO_STEP_PATH))
}

/// The form that replaces two-step sign-in's app, in [`app::organisers::FormProblem`].
const REPLACE_FORM: &str = "two-step-replace";

/// A code from the app being set up turns two-step sign-in on (or moves it
/// to that app).
pub(super) async fn two_step_confirm(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
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
    match check_code(&state, (&parts, peer), &user, (&secret, None), &form.code).await? {
        CodeCheck::Right(step) => {
            state.store.turn_two_step_on(&user.id, step, &user).await?;
            Ok(see(&format!("{HOME_PATH}?done=two-step")))
        }
        wrong => Ok(code_problem(&state, parts, "two-step", wrong).await),
    }
}

/// An organiser turns two-step sign-in off with a current code (used up,
/// so it cannot be replayed); admins keep it on.
pub(super) async fn two_step_off(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
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
    let current = (&secret, Some(two_step.last_step.unwrap_or(i64::MIN)));
    match check_code(&state, (&parts, peer), &user, current, &form.code).await? {
        CodeCheck::Right(_) => {
            state.store.turn_two_step_off(&user.id, &user).await?;
            Ok(see(&format!("{HOME_PATH}?done=two-step-off")))
        }
        wrong => Ok(code_problem(&state, parts, "two-step", wrong).await),
    }
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
    let attempt = Attempt::new(&state, &parts, peer, user.email.as_str());
    if let Some(minutes) = attempt.claim(&state, now).await? {
        return Ok(too_many(&state, parts, minutes).await);
    }
    let matched = secret_of(two_step.secret.as_deref())
        .and_then(|secret| totp::verify(&secret, &form.code, now.timestamp(), two_step.last_step));
    let used = match matched {
        Some(step) => state.store.use_two_step(&user.id, step).await?,
        None => false,
    };
    if !used {
        return Ok(page_again(&state, parts, StatusCode::UNAUTHORIZED, || {
            leptos::prelude::provide_context(SignInProblem::CodeNotRight)
        })
        .await);
    }
    attempt.right(&state).await?;
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
