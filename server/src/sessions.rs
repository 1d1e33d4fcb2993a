//! Organiser sessions: a random 256-bit token in a cookie, kept in the
//! database only as its SHA-256, so a copy of the database opens no
//! sessions. The cookie is `HttpOnly` and `SameSite=Strict`; over TLS it is
//! also `Secure` and named with the `__Host-` prefix (no `Domain`, path `/`),
//! so no other site or subdomain can set or read it.

use app::accounts::SignedIn;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use chrono::Utc;

use crate::http::AppState;

/// The cookie's name over plain HTTP (development) and over TLS.
pub const COOKIE: &str = "village-session";
pub const HOST_COOKIE: &str = "__Host-village-session";

pub fn cookie_name(https: bool) -> &'static str {
    if https {
        HOST_COOKIE
    } else {
        COOKIE
    }
}

/// Why a session could not begin.
#[derive(Debug, thiserror::Error)]
#[error("the system's random numbers are not available: {0}")]
pub struct TokenError(String);

/// A new token (for the cookie) and its hash (for the database).
pub fn new_token() -> Result<(String, String), TokenError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| TokenError(e.to_string()))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// What the database keeps for a token.
pub fn token_hash(token: &str) -> String {
    app::accounts::token_hash(token)
}

/// The `Set-Cookie` value that starts a session. The cookie lasts as long
/// as the longest session; the server ends it sooner when idle.
pub fn session_cookie(token: &str, https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    let max_age = village_core::account::ABSOLUTE_LIMIT.num_seconds();
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
        cookie_name(https)
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that removes it.
pub fn removed_cookie(https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        cookie_name(https)
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The half-done sign-in cookie's name (the password was right; the code
/// is still to come), over plain HTTP and over TLS.
pub const STEP_COOKIE: &str = "village-step";
pub const HOST_STEP_COOKIE: &str = "__Host-village-step";

fn step_cookie_name(https: bool) -> &'static str {
    if https {
        HOST_STEP_COOKIE
    } else {
        STEP_COOKIE
    }
}

/// The `Set-Cookie` value for a half-done sign-in: five minutes at most.
pub fn step_cookie(token: &str, https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    let max_age = village_core::account::SECOND_STEP_LIMIT.num_seconds();
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
        step_cookie_name(https)
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn removed_step_cookie(https: bool) -> HeaderValue {
    let secure = if https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        step_cookie_name(https)
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The half-done sign-in's token the request carries, if any.
pub fn step_token_from(headers: &HeaderMap, https: bool) -> Option<String> {
    cookie_token(headers, step_cookie_name(https))
}

/// The session token the request carries, if any.
pub fn token_from(headers: &HeaderMap, https: bool) -> Option<String> {
    cookie_token(headers, cookie_name(https))
}

/// A 64-hex-digit token in the named cookie.
fn cookie_token(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| {
            *key == name && value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(|(_, value)| value.to_owned())
}

/// Finds who is signed in (only when the request has a session cookie:
/// everyone else never touches the accounts tables) and puts [`SignedIn`]
/// in the request for pages, server functions and handlers. A session
/// that is idle too long or too old is ended here.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if let Some(token) = token_from(request.headers(), state.https) {
        let hash = token_hash(&token);
        match state.store.session_user(&hash, Utc::now()).await {
            Ok(Some(user)) => {
                request.extensions_mut().insert(SignedIn {
                    user,
                    token_hash: hash,
                });
            }
            Ok(None) => {}
            Err(err) => tracing::error!(error = %err, "could not read a session"),
        }
    }
    // A signed-out visitor to a signed-in page is sent to sign in here, at
    // once, rather than by the page as it renders.
    let reading = matches!(*request.method(), Method::GET | Method::HEAD);
    if reading
        && needs_sign_in(request.uri().path())
        && request.extensions().get::<SignedIn>().is_none()
    {
        return (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, app::organisers::SIGN_IN_PATH)],
        )
            .into_response();
    }
    next.run(request).await
}

/// The organisers' pages that only a signed-in account may see: all of
/// them but signing in (and its second step) and an invitation's page.
pub fn needs_sign_in(path: &str) -> bool {
    crate::security::is_private(path)
        && !matches!(path, "/organisers/login" | "/organisers/login/code")
        && !path.starts_with("/organisers/invite/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_in_pages_are_known_and_signing_in_is_not_one() {
        for path in [
            "/organisers",
            "/organisers/",
            "/organisers/groups/new",
            "/organisers/groups/a-group/edit",
            "/organisers/services/a-service/edit",
            "/organisers/totp",
        ] {
            assert!(needs_sign_in(path), "{path}");
        }
        for path in [
            "/organisers/login",
            "/organisers/login/code",
            "/organisers/invite/abc",
            "/organisers-guide",
            "/",
            "/help",
        ] {
            assert!(!needs_sign_in(path), "{path}");
        }
    }

    #[test]
    fn tokens_are_long_random_and_stored_only_as_hashes() {
        let (a, a_hash) = new_token().expect("token");
        let (b, _) = new_token().expect("token");
        assert_eq!(a.len(), 64, "256 bits, hex");
        assert_ne!(a, b);
        assert_eq!(a_hash, token_hash(&a));
        assert_ne!(a_hash, a);
    }

    #[test]
    fn the_cookie_is_locked_down_and_host_prefixed_over_tls() {
        let plain = session_cookie("ab", false);
        assert_eq!(
            plain.to_str().expect("text"),
            "village-session=ab; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"
        );
        let tls = session_cookie("ab", true);
        assert!(tls
            .to_str()
            .expect("text")
            .starts_with("__Host-village-session=ab; Path=/; HttpOnly; SameSite=Strict"));
        assert!(tls.to_str().expect("text").ends_with("; Secure"));
        assert!(removed_cookie(true)
            .to_str()
            .expect("text")
            .contains("Max-Age=0"));
    }

    #[test]
    fn only_a_well_formed_token_under_the_right_name_is_read() {
        let token = "a".repeat(64);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("other=1; village-session={token}")).expect("header"),
        );
        assert_eq!(token_from(&headers, false), Some(token.clone()));
        assert_eq!(
            token_from(&headers, true),
            None,
            "over TLS only the __Host- cookie counts"
        );
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("village-session=short"),
        );
        assert_eq!(token_from(&headers, false), None);
    }
}
