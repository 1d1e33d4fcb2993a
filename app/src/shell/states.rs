//! Small views shared by every feature for loading, errors and sample data.

use leptos::prelude::*;

use super::text;
use crate::errors::AppError;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">{text::LOADING}</p> }
}

/// Says what went wrong, in the error's own plain words.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    view! { <p class="error-notice" role="alert">{error.to_string()}</p> }
}

/// Marks demonstration records so nobody mistakes them for real services.
#[component]
pub fn SampleBadge() -> impl IntoView {
    view! { <span class="badge" title=text::SAMPLE_EXPLAINED>{text::SAMPLE_LABEL}</span> }
}

/// Sets the HTTP status of the page being rendered on the server; in the
/// browser there is no response to change.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
