//! Public pages kept ready to send. This week is the same for everyone who
//! asks for the same address with no cookie (a first visit from a shared
//! link, a poster's QR code or a leaflet) on the same day, while the
//! published data stays the same. So each is rendered
//! once, compressed once (brotli and gzip, more tightly than on the fly) and
//! kept with the published copy it came from: when that copy is replaced (a
//! write, or the regular re-read), every kept page goes with it.
//!
//! A kept page is sent to many people, so it cannot carry one response's CSP
//! nonce. Its policy names the SHA-256 of each inline script and of the
//! stylesheet instead (nothing inline runs that is not exactly this page's
//! own), and its files come from this site (see
//! [`security::hashed_policy`]). Signed-in organisers, other methods and every other page are
//! rendered for each request with a fresh nonce, as before.

use app::storage::Published;
use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{MatchedPath, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::Engine;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::{
    collections::HashMap,
    io::{Read, Write},
    sync::{Arc, Mutex, PoisonError, Weak},
};

use crate::{
    http::AppState,
    security::{self, CspNonce, PagePolicy},
};

/// The pages kept: those whose content depends only on the address, the
/// cookies, the day and the published data. (A group's page is not: it says
/// when parents have reported it out of date, which is not published data.)
const KEPT_ROUTES: [&str; 1] = ["/"];

/// The most pages one published copy keeps (about 20 KB each, compressed
/// twice); past it, pages are rendered for each request as before.
const MAX_KEPT_PAGES: usize = 256;

/// The largest page kept; a larger one is sent as it is.
const MAX_KEPT_BYTES: usize = 512 * 1024;

/// The most of a page read to decide whether to keep it (far beyond any
/// page Village makes).
const MAX_READ_BYTES: usize = 8 * 1024 * 1024;

/// The longest address a kept page is looked up by.
const MAX_KEY_BYTES: usize = 2048;

/// Brotli's quality for a kept page: it is compressed once, so tighter than
/// the on-the-fly compression of everything else.
const BROTLI_QUALITY: i32 = 7;

/// Brotli's window: 2^18 bytes, more than any kept page.
const BROTLI_WINDOW_BITS: i32 = 18;

/// What a kept page depends on, besides the published copy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PageKey {
    path_and_query: String,
    today: NaiveDate,
}

/// One page, ready to send.
#[derive(Debug)]
struct KeptPage {
    status: StatusCode,
    /// The page's own headers (its type, its area cookie), but its length,
    /// its encoding and its policy.
    headers: HeaderMap,
    policy: HeaderValue,
    brotli: Bytes,
    gzip: Bytes,
}

/// The pages kept for one published copy.
#[derive(Debug, Default)]
pub struct KeptPages {
    inner: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    copy: Weak<Published>,
    pages: HashMap<PageKey, Arc<KeptPage>>,
}

impl KeptPages {
    /// The page kept for this key from this published copy. A different
    /// copy than the last one asked about forgets every page first.
    fn get(&self, copy: &Arc<Published>, key: &PageKey) -> Option<Arc<KeptPage>> {
        let mut kept = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if !std::ptr::eq(kept.copy.as_ptr(), Arc::as_ptr(copy)) {
            kept.copy = Arc::downgrade(copy);
            kept.pages.clear();
        }
        kept.pages.get(key).cloned()
    }

    /// Whether one more page may be kept for this copy.
    fn has_room(&self, copy: &Arc<Published>) -> bool {
        let kept = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        !std::ptr::eq(kept.copy.as_ptr(), Arc::as_ptr(copy)) || kept.pages.len() < MAX_KEPT_PAGES
    }

    fn keep(&self, copy: &Arc<Published>, key: PageKey, page: Arc<KeptPage>) {
        let mut kept = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if std::ptr::eq(kept.copy.as_ptr(), Arc::as_ptr(copy)) && kept.pages.len() < MAX_KEPT_PAGES
        {
            kept.pages.insert(key, page);
        }
    }

    /// How many pages are kept now.
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pages
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Sends a kept page when there is one; otherwise renders it, keeps it when
/// it may be kept, and sends it.
///
/// The page is rendered as any other, with this response's nonce, so that
/// when it may not be kept (an error, a redirect) it goes out as usual. When
/// it is kept, its policy names by hash exactly the inline scripts and styles
/// that carry that nonce: the page's own, never markup that came from data.
/// (The nonce then stays in the kept copy's attributes, where no policy
/// names it, so it grants nothing.)
pub async fn kept_or_rendered(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key_for(&request, &state) else {
        return next.run(request).await;
    };
    let Ok(copy) = state.store.published().await else {
        return next.run(request).await;
    };
    let encoding = Encoding::accepted(request.headers());
    if let Some(page) = state.pages.get(&copy, &key) {
        return send(&page, encoding);
    }
    let Some(CspNonce(nonce)) = request.extensions().get::<CspNonce>().cloned() else {
        return next.run(request).await;
    };
    if !state.pages.has_room(&copy) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    match keepable(response, &nonce).await {
        Ok(page) => {
            let page = Arc::new(page);
            state.pages.keep(&copy, key, page.clone());
            send(&page, encoding)
        }
        Err(response) => response,
    }
}

/// The key of a request that may be answered with a kept page.
fn key_for(request: &Request, state: &AppState) -> Option<PageKey> {
    if request.method() != Method::GET {
        return None;
    }
    let route = request.extensions().get::<MatchedPath>()?;
    if !KEPT_ROUTES.contains(&route.as_str()) {
        return None;
    }
    let headers = request.headers();
    // Only a request with no cookie is answered from a kept page: the first
    // visit from a shared link, a poster's QR code or a leaflet. A phone
    // that has chosen its area (or an organiser signed in) sends a cookie and
    // gets its page rendered for it, as does a client-side router's request.
    if headers.contains_key(header::COOKIE) || headers.contains_key("islands-router") {
        return None;
    }
    let path_and_query = request.uri().path_and_query()?.as_str().to_owned();
    if path_and_query.len() > MAX_KEY_BYTES {
        return None;
    }
    // Only requests with nothing but the parameters This week reads are
    // kept: tracking tags cannot fill the kept pages with copies.
    let parameters_read = request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .all(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            pair.is_empty() || app::calendar::week_model::reads_parameter(name)
        });
    if !parameters_read {
        return None;
    }
    Some(PageKey {
        path_and_query,
        today: app::site::Today::fixed_or_now(state.today).0,
    })
}

/// A rendered page, ready to keep; or the response as it was when it may
/// not be kept (an error, a redirect, a signed-in cookie, a large page).
async fn keepable(response: Response, nonce: &str) -> Result<KeptPage, Response> {
    let keep = response.status() == StatusCode::OK
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
        && !response.headers().contains_key(header::CONTENT_ENCODING)
        && response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .all(remembers_a_choice);
    if !keep {
        return Err(response);
    }
    let (parts, body) = response.into_parts();
    let html = match to_bytes(body, MAX_READ_BYTES).await {
        Ok(html) => html,
        Err(err) => {
            tracing::error!(error = %err, "a page could not be read to keep");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    let policy = (html.len() <= MAX_KEPT_BYTES)
        .then(|| policy_for(&html, nonce))
        .flatten();
    let Some(policy) = policy else {
        return Err(Response::from_parts(parts, Body::from(html)));
    };
    let mut headers = parts.headers;
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::CONTENT_SECURITY_POLICY);
    // A millisecond or two, once per page and published copy (at most
    // MAX_KEPT_PAGES of them), with tables sized for the page: done here,
    // rather than on a thread of its own that would keep their memory.
    let (brotli, gzip) = compressed(&html);
    Ok(KeptPage {
        status: parts.status,
        headers,
        policy,
        brotli,
        gzip,
    })
}

/// Whether a cookie the page sets is one every visitor who asked the same
/// gets: the area or filters chosen (no session, no sign-in step).
fn remembers_a_choice(cookie: &HeaderValue) -> bool {
    use app::calendar::week_model::{AREA_COOKIE, FILTERS_COOKIE};
    let name = cookie
        .as_bytes()
        .split(|b| *b == b'=')
        .next()
        .unwrap_or_default();
    name == AREA_COOKIE.as_bytes() || name == FILTERS_COOKIE.as_bytes()
}

/// The page's policy: the hashes of its inline scripts and styles that carry
/// the nonce it was rendered with.
fn policy_for(html: &[u8], nonce: &str) -> Option<HeaderValue> {
    let html = std::str::from_utf8(html).ok()?;
    let hash = |text: &str| {
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
        )
    };
    let scripts: Vec<String> = inline_contents(html, "script", nonce)
        .iter()
        .map(|s| hash(s))
        .collect();
    let styles: Vec<String> = inline_contents(html, "style", nonce)
        .iter()
        .map(|s| hash(s))
        .collect();
    HeaderValue::from_str(&security::hashed_policy(&scripts, &styles)).ok()
}

/// The text of every `<tag>` element without a `src` that carries `nonce`,
/// as a browser hashes it. Anything the finder reads differently from a
/// browser is left out, so it is blocked, never allowed.
fn inline_contents<'a>(html: &'a str, tag: &str, nonce: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let marked = format!(" nonce=\"{nonce}\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        // `<scripts>` or `<style-x>` are other elements.
        if !after.starts_with(['>', ' ', '\t', '\n', '\r', '/']) {
            rest = after;
            continue;
        }
        let Some(end_of_tag) = after.find('>') else {
            break;
        };
        let attributes = &after[..end_of_tag];
        let body = &after[end_of_tag + 1..];
        let Some(end) = body.find(&close) else {
            break;
        };
        if !attributes.contains("src=") && attributes.contains(&marked) {
            found.push(&body[..end]);
        }
        rest = &body[end..];
    }
    found
}

/// The page compressed once, both ways a browser may ask for it.
fn compressed(html: &[u8]) -> (Bytes, Bytes) {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        // A 256 KB window, and tables sized for the page (not the 4 MB default).
        lgwin: BROTLI_WINDOW_BITS,
        size_hint: html.len(),
        ..Default::default()
    };
    let mut brotli = Vec::with_capacity(html.len() / 4);
    // Reading from and writing to memory does not fail.
    let _ = brotli::BrotliCompress(&mut &html[..], &mut brotli, &params);
    let mut gzip = flate2::write::GzEncoder::new(
        Vec::with_capacity(html.len() / 3),
        flate2::Compression::best(),
    );
    let _ = gzip.write_all(html);
    let gzip = gzip.finish().unwrap_or_default();
    (Bytes::from(brotli), Bytes::from(gzip))
}

/// What the browser said it can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn accepted(headers: &HeaderMap) -> Self {
        let accepts = |name: &str| {
            headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|item| {
                    let mut parts = item.split(';').map(str::trim);
                    parts
                        .next()
                        .is_some_and(|coding| coding.eq_ignore_ascii_case(name))
                        && !parts.any(|p| {
                            p.to_ascii_lowercase()
                                .strip_prefix("q=")
                                .and_then(|q| q.parse::<f32>().ok())
                                .is_some_and(|q| q == 0.0)
                        })
                })
        };
        if accepts("br") {
            Self::Brotli
        } else if accepts("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }
}

/// A kept page, as this browser can read it.
fn send(page: &KeptPage, encoding: Encoding) -> Response {
    let (body, coding) = match encoding {
        Encoding::Brotli => (page.brotli.clone(), Some("br")),
        Encoding::Gzip => (page.gzip.clone(), Some("gzip")),
        Encoding::Identity => {
            let mut html = Vec::new();
            if flate2::read::GzDecoder::new(&page.gzip[..])
                .read_to_end(&mut html)
                .is_err()
            {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
            (Bytes::from(html), None)
        }
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = page.status;
    let headers = response.headers_mut();
    headers.clone_from(&page.headers);
    if let Some(coding) = coding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
        .extensions_mut()
        .insert(PagePolicy(page.policy.clone()));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_and_styles_are_found_as_a_browser_reads_them() {
        let html = r#"<head><script type="module" src="/a.js" nonce="n1"></script><script type="module" nonce="n1">import("/b.js");</script><style id="leptos" nonce="n1">a > b { color: red }</style></head><body><scripts>no</scripts><script nonce="n1">
window.x = "</p>";
</script><script>alert("not ours")</script><style>p{}</style></body>"#;
        assert_eq!(
            inline_contents(html, "script", "n1"),
            ["import(\"/b.js\");", "\nwindow.x = \"</p>\";\n"],
            "only the page's own, marked with the nonce it was rendered with"
        );
        assert_eq!(
            inline_contents(html, "style", "n1"),
            ["a > b { color: red }"]
        );
        assert!(inline_contents(html, "script", "n2").is_empty());
    }

    #[test]
    fn the_policy_names_each_inline_script_by_its_hash() {
        let policy = policy_for(
            br#"<script nonce="n">alert(1)</script><style nonce="n">p{}</style><script>alert(2)</script>"#,
            "n",
        )
        .expect("a policy");
        let policy = policy.to_str().expect("ascii");
        // sha256("alert(1)") and sha256("p{}"), base64.
        assert!(
            policy.contains(
                "script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=' 'self' 'wasm-unsafe-eval';"
            ),
            "{policy}"
        );
        assert!(policy.contains("style-src 'self' 'sha256-"), "{policy}");
        assert!(!policy.contains("nonce"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
    }

    #[test]
    fn the_encoding_is_the_best_the_browser_takes() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
            Encoding::accepted(&headers)
        };
        assert_eq!(with("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(with("gzip"), Encoding::Gzip);
        assert_eq!(with("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(with("br; Q=0, gzip"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn kept_pages_go_with_their_published_copy() {
        let kept = KeptPages::default();
        let first = Arc::new(Published::default());
        let key = PageKey {
            path_and_query: "/".into(),
            today: NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date"),
        };
        let page = Arc::new(KeptPage {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            policy: HeaderValue::from_static("default-src 'none'"),
            brotli: Bytes::new(),
            gzip: Bytes::new(),
        });
        assert!(kept.get(&first, &key).is_none());
        kept.keep(&first, key.clone(), page);
        assert!(kept.get(&first, &key).is_some());
        let second = Arc::new(Published::default());
        assert!(kept.get(&second, &key).is_none(), "a new copy starts empty");
        assert!(kept.is_empty());
    }
}
