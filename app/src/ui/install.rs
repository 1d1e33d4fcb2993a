//! How to put Village on the home screen. The words are rendered here; the
//! browser's own install prompt, where it offers one, is wired up by
//! `public/sw-register.js`, which un-hides the button.

use leptos::prelude::*;

use super::text;

#[component]
pub fn InstallHelp() -> impl IntoView {
    view! {
        <section class="install-help" aria-labelledby="install-heading">
            <h2 id="install-heading">{text::INSTALL_HEADING}</h2>
            <p>{text::INSTALL_INTRO}</p>
            <button type="button" id="install-button" class="button button-primary" hidden>
                {text::INSTALL_BUTTON}
            </button>
            <ul>
                <li>{text::INSTALL_IOS}</li>
                <li>{text::INSTALL_ANDROID}</li>
            </ul>
        </section>
    }
}
