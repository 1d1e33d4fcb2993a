//! My mood: the private check-in diary. Its entries live only on the
//! person's phone (IndexedDB, optionally encrypted); this module never talks
//! to the server, and the page is the same for everyone, so the service
//! worker can keep it for offline use.

mod about_me;
mod browser;
mod check_in;
mod crypto;
mod face;
mod history;
mod island;
mod say_it;
mod self_check;
mod state;
pub mod text;
mod vault;
mod your_data;

use leptos::prelude::*;
use leptos_meta::Title;

pub use island::DiaryApp;

/// The diary's address.
pub const PATH: &str = "/mood";

#[component]
pub fn MoodPage() -> impl IntoView {
    view! {
        <Title text=text::TITLE/>
        <h1>{text::TITLE}</h1>
        <p class="lead">{text::INTRO}</p>
        <noscript><p class="notice">{text::NEEDS_SCRIPT}</p></noscript>
        <DiaryApp/>
    }
}
