//! My mood: the private check-in diary. Its entries will live only on the
//! person's phone; this module never talks to the server.

pub mod text;

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MoodPage() -> impl IntoView {
    view! {
        <Title text=text::TITLE/>
        <h1>{text::TITLE}</h1>
        <p class="lead">{text::INTRO}</p>
        <p class="notice">{text::COMING_SOON}</p>
    }
}
