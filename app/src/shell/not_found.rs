//! The 404 page, inside the same frame as every other page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::text;
use crate::ui::set_http_status;

#[component]
pub fn NotFound() -> impl IntoView {
    set_http_status(404);
    view! {
        <Title text=text::NOT_FOUND_TITLE/>
        <h1>{text::NOT_FOUND_TITLE}</h1>
        <p>{text::NOT_FOUND_TEXT}</p>
        <p><a class="button button-primary" href="/">{text::BACK_HOME}</a></p>
    }
}

/// What the service worker shows for a page it has no copy of while there is
/// no signal. The header's "Need help now?" and the navigation still work.
#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Title text=text::OFFLINE_TITLE/>
        <h1>{text::OFFLINE_TITLE}</h1>
        <p>{text::OFFLINE_TEXT}</p>
        <p><a class="button button-primary" href="/need-help-now">{text::OFFLINE_HELP}</a></p>
    }
}

/// The page shown when rendering failed; the status is set to match.
#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    set_http_status(500);
    view! {
        <Title text=text::ERROR_TITLE/>
        <h1>{text::ERROR_TITLE}</h1>
        <ul>
            {move || errors.get().into_iter().map(|(_, e)| view! { <li>{e.to_string()}</li> }).collect_view()}
        </ul>
        <p><a class="button button-primary" href="/">{text::BACK_HOME}</a></p>
    }
}
