//! Headers that lock every response down: a Content-Security-Policy with a
//! fresh nonce per request for Leptos's inline scripts, and the usual
//! hardening headers. Village holds sensitive moments; it is locked down like
//! a banking page.

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::http::AppState;

/// The policy a kept page carries (the hashes of its inline scripts), which
/// [`security_headers`] sends instead of one with a nonce.
#[derive(Clone, Debug)]
pub struct PagePolicy(pub HeaderValue);

/// The nonce of one response, handed to the page renderer through the
/// request's extensions so that its inline scripts carry it.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

impl CspNonce {
    /// 122 random bits from the operating system, as 32 hex digits (valid
    /// base64 characters, as CSP asks).
    fn fresh() -> Self {
        Self(uuid::Uuid::new_v4().simple().to_string())
    }
}

/// The policy for one response. Every directive is the strictest that works:
/// scripts run only with this response's nonce (and what they load, through
/// `strict-dynamic`); WASM may be compiled (`wasm-unsafe-eval`), never `eval`.
/// Styles come from this site's files or the one `<style>` the page frame
/// writes with this nonce (the stylesheet, sent with the page); never from a
/// `style` attribute.
pub fn content_security_policy(nonce: &str) -> String {
    let nonce = format!("'nonce-{nonce}'");
    policy_allowing(
        &format!("{nonce} 'strict-dynamic' 'wasm-unsafe-eval'"),
        &nonce,
    )
}

/// The policy of a page kept ready to send to many (see `pages`): its inline
/// scripts and its stylesheet are named by their SHA-256 (`'sha256-…'`), so
/// nothing else inline runs and no nonce is shared between responses. Its
/// files come from this site (`'self'`): without a nonce, `'strict-dynamic'`
/// would not pass on trust to what the hashed scripts load in every browser.
/// Nothing this site serves runs as a script but its own code (every answer
/// says `nosniff`, and data is JSON, calendars and feeds).
pub fn hashed_policy(scripts: &[String], styles: &[String]) -> String {
    let scripts = if scripts.is_empty() {
        "'self' 'wasm-unsafe-eval'".to_owned()
    } else {
        format!("{} 'self' 'wasm-unsafe-eval'", scripts.join(" "))
    };
    policy_allowing(&scripts, &styles.join(" "))
}

/// The strict policy, with what may run: a nonce, or hashes.
fn policy_allowing(scripts: &str, styles: &str) -> String {
    [
        "default-src 'none'".to_owned(),
        format!("script-src {scripts}"),
        format!("style-src 'self' {styles}").trim_end().to_owned(),
        "img-src 'self' data:".to_owned(),
        "connect-src 'self'".to_owned(),
        "manifest-src 'self'".to_owned(),
        "worker-src 'self'".to_owned(),
        "font-src 'self'".to_owned(),
        "form-action 'self'".to_owned(),
        "base-uri 'none'".to_owned(),
        "object-src 'none'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]
    .join("; ")
}

/// The policy of an answer that is no page and loads nothing (the health
/// check): nothing may load, run, frame it or post from it.
pub const PLAIN_POLICY: &str =
    "default-src 'none'; form-action 'none'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

/// The headers of the health check, worked out once: it skips the
/// middleware, so it carries the same locks as every other answer here.
pub fn plain_headers(https: bool) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PLAIN_POLICY),
    );
    locks(&mut headers, false, https);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers
}

/// The headers every answer carries, whatever its policy.
fn locks(headers: &mut HeaderMap, embed: bool, https: bool) {
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    // Nothing of Village's is for other sites to embed or read, but the
    // embeddable week.
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static(if embed { "cross-origin" } else { "same-origin" }),
    );
    if embed {
        // Never a cookie in another site's frame.
        headers.remove(header::SET_COOKIE);
    } else {
        // For browsers older than CSP's frame-ancestors.
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if https {
        // Two years, so a browser never falls back to plain HTTP.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
}

/// The policy of the embeddable week (`/embed/`): no scripts at all, only
/// its own stylesheet, no forms, and the one place any site may frame.
/// Nothing there changes anything or holds anything personal: it is the week
/// anyone can read, with links that open Village in a new tab.
pub fn embed_policy() -> &'static str {
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; object-src 'none'; frame-ancestors *"
}

/// Whether a path is exactly the embeddable week of one area or its
/// stylesheet: nothing else under `/embed/` (not a "not found" page) may be
/// framed.
pub fn is_embed(path: &str) -> bool {
    path == crate::embed::STYLE_PATH
        || path
            .strip_prefix(crate::embed::PREFIX)
            .and_then(|rest| rest.strip_prefix("areas/"))
            .is_some_and(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
}

/// Refuses any request that could change something (anything but GET,
/// HEAD and OPTIONS: forms, server functions) when a browser says it comes
/// from another site. Browsers since 2023 say so in `Sec-Fetch-Site`: only
/// `same-origin` (or `none`, typed by the person) passes. Older ones send
/// only `Origin`, which must then be this server's. (With
/// `Referrer-Policy: no-referrer` a browser's own form posts carry
/// `Origin: null`, so `Sec-Fetch-Site` is believed first.) A request with
/// neither header is not from a browser, so it cannot be a forgery. With
/// `SameSite=Strict` cookies this closes cross-site request forgery.
pub async fn same_site_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !from_this_site(request.headers(), state.https) {
        tracing::warn!(method = %request.method(), "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            "Refused: this request came from another site. Nothing was changed.",
        )
            .into_response();
    }
    next.run(request).await
}

/// Whether the browser's own headers say the request came from this site.
pub fn from_this_site(headers: &HeaderMap, https: bool) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    headers.get(header::ORIGIN).is_none_or(|origin| {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let scheme = if https { "https" } else { "http" };
        host.is_some_and(|host| origin.to_str().ok() == Some(&format!("{scheme}://{host}")))
    })
}

#[cfg(test)]
mod same_site_tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("village.example"));
        for (name, value) in pairs {
            h.insert(*name, HeaderValue::from_static(value));
        }
        h
    }

    #[test]
    fn browsers_say_where_a_request_came_from() {
        // What Chromium sends for its own form post under no-referrer.
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "same-origin"), ("origin", "null")]),
            true
        ));
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "none")]),
            true
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            true
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            true
        ));
        // Older browsers: the Origin alone.
        assert!(from_this_site(
            &headers(&[("origin", "https://village.example")]),
            true
        ));
        assert!(!from_this_site(
            &headers(&[("origin", "http://village.example")]),
            true
        ));
        assert!(!from_this_site(
            &headers(&[("origin", "https://evil.example")]),
            true
        ));
        assert!(!from_this_site(&headers(&[("origin", "null")]), true));
        // Not a browser at all.
        assert!(from_this_site(&headers(&[]), true));
    }
}

/// Adds the security headers to every response: pages, server functions,
/// static files and errors alike.
pub async fn security_headers(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let nonce = CspNonce::fresh();
    let policy = content_security_policy(&nonce.0);
    request.extensions_mut().insert(nonce);
    let mut response = next.run(request).await;
    let kept = response.extensions_mut().remove::<PagePolicy>();
    let headers = response.headers_mut();
    let embed = is_embed(&path);
    if embed {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(embed_policy()),
        );
    } else if let Some(PagePolicy(kept)) = kept {
        // A page kept ready to send names its inline scripts by their hashes
        // instead of this response's nonce (see `pages`).
        headers.insert(header::CONTENT_SECURITY_POLICY, kept);
    } else if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    locks(headers, embed, state.https);
    if is_private(&path) {
        // Organisers' screens: never kept by a browser, a proxy or the
        // service worker (which skips `no-store` answers).
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if is_private_data(&path) {
        // Organisers' server functions answer with the audit log's emails,
        // pending changes and two-step keys: kept nowhere either.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    } else if is_hashed_asset(&path, &state.leptos_options.site_pkg_dir) {
        // The name changes whenever the content does.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    } else if is_html(headers) && !headers.contains_key(header::CACHE_CONTROL) {
        // Pages are always checked with the server, so nobody sees a stale week.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// Where the signed-in screens live; everything under it is private.
pub const PRIVATE_PREFIX: &str = "/organisers";

/// `/organisers` and everything under it (but not `/organisers-guide`).
pub fn is_private(path: &str) -> bool {
    path.strip_prefix(PRIVATE_PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The organisers' server functions, under `/rpc/organisers/`.
pub fn is_private_data(path: &str) -> bool {
    path.starts_with("/rpc/organisers/")
}

/// Built files under the package folder are named `<name>.<hash>.<ext>`,
/// e.g. `/pkg/village.3f9c2a1b.wasm` (and `.br`/`.gz` twins share the name).
pub fn is_hashed_asset(path: &str, pkg_dir: &str) -> bool {
    let Some(file) = path
        .strip_prefix('/')
        .and_then(|rest| rest.strip_prefix(pkg_dir))
        .and_then(|rest| rest.strip_prefix('/'))
    else {
        return false;
    };
    let mut parts = file.split('.');
    let (Some(name), Some(hash), Some(_ext)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !name.is_empty()
        && !file.contains('/')
        && hash.len() >= 8
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_embeddable_week_may_be_framed_and_it_runs_no_script() {
        assert!(is_embed("/embed/areas/sample-riverside"));
        assert!(is_embed("/embed/style.css"));
        for other in [
            "/",
            "/embedded",
            "/embe",
            "/api/v1/embed/x",
            "/groups/embed",
        ] {
            assert!(!is_embed(other), "{other}");
        }
        let policy = embed_policy();
        assert!(policy.starts_with("default-src 'none'"));
        assert!(!policy.contains("script-src"), "no script may run");
        assert!(policy.contains("form-action 'none'"));
        assert!(content_security_policy("n").contains("frame-ancestors 'none'"));
    }

    #[test]
    fn the_policy_never_allows_inline_or_eval_scripts() {
        let policy = content_security_policy("abc123");
        assert!(policy.contains("script-src 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval'"));
        assert!(policy.contains("style-src 'self' 'nonce-abc123';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("'unsafe-eval'"));
        assert!(policy.starts_with("default-src 'none'"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn only_the_organiser_screens_are_private() {
        assert!(is_private("/organisers"));
        assert!(is_private("/organisers/"));
        assert!(is_private("/organisers/groups/7"));
        assert!(!is_private("/organisers-guide"));
        assert!(!is_private("/"));
        assert!(!is_private("/groups/organisers"));
        assert!(is_private_data("/rpc/organisers/two-step"));
        assert!(!is_private_data("/rpc/areas"));
    }

    #[test]
    fn only_hashed_built_files_are_immutable() {
        assert!(is_hashed_asset("/pkg/village.3f9c2a1b7d.wasm", "pkg"));
        assert!(is_hashed_asset("/pkg/village.abcdefgh12.js", "pkg"));
        assert!(!is_hashed_asset("/pkg/village.wasm", "pkg"));
        assert!(!is_hashed_asset("/pkg/village.d.ts", "pkg"));
        assert!(!is_hashed_asset("/favicon.svg", "pkg"));
        assert!(!is_hashed_asset("/pkg/sub/village.3f9c2a1b7d.wasm", "pkg"));
        assert!(!is_hashed_asset("/package/village.3f9c2a1b7d.wasm", "pkg"));
    }

    #[test]
    fn nonces_are_fresh_and_long() {
        let a = CspNonce::fresh();
        let b = CspNonce::fresh();
        assert_ne!(a.0, b.0);
        assert_eq!(a.0.len(), 32);
        assert!(a.0.bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
