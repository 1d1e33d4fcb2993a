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

/// A QR code for the page's own address, drawn on the server, so that a
/// health visitor or a children's centre can print the page and hand it on.
#[component]
pub fn PageQr(
    /// The page's full public address.
    link: String,
    /// The code as SVG (see `calendar::poster::qr_svg`); empty: none drawn.
    svg: String,
) -> impl IntoView {
    (!svg.is_empty())
        .then(|| {
            view! {
                <figure class="page-qr">
                    <div inner_html=svg></div>
                    <figcaption>{super::text::PAGE_QR} <br/> {link}</figcaption>
                </figure>
            }
        })
        .into_any()
}

/// Text to put between `<textarea>` and `</textarea>` (or in `<title>`).
/// Leptos writes a textarea's children, and leptos_meta a page's title, as
/// they are, but the browser reads character references in both, so
/// escaping keeps what was typed (even `</textarea>`) as text and shows it
/// unchanged.
pub fn textarea_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textarea_text_cannot_close_the_textarea() {
        assert_eq!(
            textarea_text("Tea & cake </textarea><b>x</b>"),
            "Tea &amp; cake &lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;"
        );
    }
}
