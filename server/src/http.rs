//! The HTTP side: one function builds the whole router, so tests can drive
//! the same app the binary serves.

use app::{
    shell,
    site::{Operator, Site, Today},
    storage::Store,
    App, AppError,
};
use axum::{
    body::{to_bytes, Body},
    extract::{FromRef, MatchedPath, Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use chrono::NaiveDate;
use leptos::{nonce::Nonce, prelude::*};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::{sync::OnceLock, time::Instant};
use tower_http::{
    compression::{
        predicate::{NotForContentType, Predicate, SizeAbove},
        CompressionLayer, CompressionLevel,
    },
    limit::RequestBodyLimitLayer,
};
use village_core::text_limits::MAX_REQUEST_BODY_BYTES;

use crate::security::{self, CspNonce};

/// What every request handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    /// Served over TLS (`VILLAGE_PUBLIC_URL` is `https://…`).
    pub https: bool,
    /// The public base URL, for links that leave the page (`webcal://`, QR codes).
    pub public_url: String,
    /// `VILLAGE_TODAY`, when set.
    pub today: Option<NaiveDate>,
    /// `VILLAGE_CLIENT_IP_HEADER`, when set.
    pub client_ip_header: Option<http::HeaderName>,
    /// `VILLAGE_SECURITY_CONTACT`, when set.
    pub security_contact: Option<String>,
    /// Who runs this copy, for the privacy notice.
    pub operator: Option<Operator>,
    /// `VILLAGE_SOURCE_URL`, when set.
    pub source_url: Option<String>,
    /// Public pages kept ready to send (see [`crate::pages`]).
    pub pages: std::sync::Arc<crate::pages::KeptPages>,
}

impl AppState {
    /// What pages are told about where they run.
    fn site(&self) -> Site {
        Site {
            public_url: self.public_url.clone(),
            https: self.https,
            operator: self.operator.clone(),
            source_url: self.source_url.clone(),
            security_txt: self.security_contact.is_some(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The whole app: pages, server functions, static files and health checks.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let store = state.store.clone();
    let options = state.leptos_options.clone();
    let today = state.today;
    let site = state.site();
    let healthz_headers = security::plain_headers(state.https);
    Router::new()
        .route("/readyz", get(readyz))
        .route("/.well-known/security.txt", get(security_txt))
        .route(
            "/report/{kind}/{id}",
            axum::routing::post(crate::reports::report),
        )
        .nest("/api/v1", crate::api::routes())
        .merge(crate::embed::routes())
        .merge(crate::organisers::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            page_context(store.clone(), today, site.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(page_context(store, today, site), shell))
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::sessions::resolve,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::pages::kept_or_rendered,
        ))
        .layer(compress_on_the_fly())
        .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BODY_BYTES))
        .layer(middleware::from_fn(explain_refusals))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::same_site_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        .layer(middleware::from_fn(log_request))
        // Added after the layers, so it skips them all: a load balancer asks
        // many times a second, and nothing here reads the request.
        .route(
            "/healthz",
            get(move || {
                let headers = healthz_headers.clone();
                async move { (headers, "ok") }
            }),
        )
        .with_state(state)
}

/// The page context for this state (for handlers that render a page).
pub(crate) fn context_for(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    page_context(state.store.clone(), state.today, state.site())
}

/// What every page and server function can reach: the store, and this
/// response's CSP nonce for the inline scripts Leptos writes.
fn page_context(
    store: Store,
    today: Option<NaiveDate>,
    site: Site,
) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(store.clone());
        provide_context(Today::fixed_or_now(today));
        provide_context(site.clone());
        let nonce = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
        if let Some(CspNonce(nonce)) = nonce {
            provide_context(Nonce::from_value(nonce));
        }
    }
}

/// Pages and JSON are compressed as they are sent (brotli, else gzip). Built
/// assets already have `.br` and `.gz` twins on disk, so they are left alone.
fn compress_on_the_fly() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .quality(CompressionLevel::Fastest)
        .compress_when(
            SizeAbove::new(512)
                .and(NotForContentType::IMAGES)
                .and(NotForContentType::const_new("application/wasm"))
                .and(NotForContentType::const_new("text/javascript"))
                .and(NotForContentType::const_new("application/javascript"))
                .and(NotForContentType::const_new("text/css")),
        )
}

/// The app's routes, worked out once per process. Leptos suppresses resource
/// loading process-wide while it walks the app to list routes, so listing
/// them again while another server in the process renders pages can leave a
/// page waiting forever (leptos-rs/leptos#4773).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// How long a `security.txt` is good for: RFC 9116 asks for less than a year.
const SECURITY_TXT_DAYS: u64 = 180;

/// `/.well-known/security.txt` (RFC 9116): where to report a security
/// problem, from `VILLAGE_SECURITY_CONTACT`; not there when none is set.
async fn security_txt(State(state): State<AppState>) -> Response {
    let Some(contact) = &state.security_contact else {
        return (
            StatusCode::NOT_FOUND,
            "No security contact is set for this Village (VILLAGE_SECURITY_CONTACT).",
        )
            .into_response();
    };
    let today = app::site::Today::fixed_or_now(state.today).0;
    let expires = today
        .checked_add_days(chrono::Days::new(SECURITY_TXT_DAYS))
        .unwrap_or(today);
    let body = format!(
        "Contact: {contact}\nExpires: {}T00:00:00Z\nPreferred-Languages: en\nCanonical: {}/.well-known/security.txt\n",
        expires.format("%Y-%m-%d"),
        state.public_url,
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// Readiness: the database answers.
async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => "ready".into_response(),
        Err(err) => {
            tracing::error!(error = %err, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// Server functions answer every error with a 500; this gives each of
/// Village's typed errors its own status (400 for bad input, 404, 503).
async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_REQUEST_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status_code()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Bare refusals from the framework (a body over the limit, a method the
/// address does not take) become a sentence that says what to change.
async fn explain_refusals(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let response = next.run(request).await;
    let message = match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "The request is too large. Village accepts at most {} KB in one request.",
            MAX_REQUEST_BODY_BYTES / 1024
        ),
        StatusCode::METHOD_NOT_ALLOWED => {
            format!("This address does not take {method} requests.")
        }
        _ => return response,
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(message))
}

/// One log line per request, with no personal data: the route pattern (never
/// the query string or body), the method, the status and the time taken. No
/// addresses are recorded.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "(other)".to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    // Load balancers ask for readiness every few seconds: keep those out of
    // the way. (`/healthz` skips the middleware altogether.)
    if route == "/readyz" {
        tracing::debug!(%method, route, status, ms, "request");
    } else {
        tracing::info!(%method, route, status, ms, "request");
    }
    response
}
