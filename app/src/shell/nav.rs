//! The bottom navigation: three destinations, reachable with a thumb.

use leptos::prelude::*;
use leptos_router::components::A;

use super::text;

#[component]
pub fn BottomNav() -> impl IntoView {
    view! {
        <nav class="bottom-nav" aria-label=text::NAV_LABEL>
            <A href="/" exact=true>
                <svg aria-hidden="true" viewBox="0 0 24 24" class="icon"><path d="M4 5h16v15H4z M4 9h16 M8 3v4 M16 3v4" /></svg>
                <span>{text::NAV_THIS_WEEK}</span>
            </A>
            <A href="/mood">
                <svg aria-hidden="true" viewBox="0 0 24 24" class="icon"><circle cx="12" cy="12" r="9"/><path d="M8 14c1 1.5 2.5 2 4 2s3-.5 4-2 M9 9.5h.01 M15 9.5h.01"/></svg>
                <span>{text::NAV_MY_MOOD}</span>
            </A>
            <A href="/help">
                <svg aria-hidden="true" viewBox="0 0 24 24" class="icon"><path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/></svg>
                <span>{text::NAV_WHO_CAN_HELP}</span>
            </A>
        </nav>
    }
}
