//! Who can help me: the directory of local and national support.

pub mod text;

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HelpPage() -> impl IntoView {
    view! {
        <Title text=text::TITLE/>
        <h1>{text::TITLE}</h1>
        <p class="lead">{text::INTRO}</p>
        <p class="notice">{text::COMING_SOON}</p>
    }
}
