//! The five moods' faces, drawn by the app (an emoji font may lack some of
//! them). Always shown beside the mood's word, never alone.

use leptos::prelude::*;
use village_core::mood::Mood;

#[component]
pub fn MoodFace(mood: Mood) -> impl IntoView {
    // The mouth, from a frown to a broad smile.
    let mouth = match mood {
        Mood::VeryLow => "M7.5 17.5 Q12 11.5 16.5 17.5",
        Mood::Low => "M8 16.5 Q12 13.5 16 16.5",
        Mood::Okay => "M8 15.5 L16 15.5",
        Mood::Good => "M8 14.5 Q12 17.5 16 14.5",
        Mood::VeryGood => "M7 13.5 Q12 20 17 13.5",
    };
    view! {
        <svg class="face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle class="outline" cx="12" cy="12" r="10"/>
            <circle class="eye" cx="8.5" cy="9.5" r="1.3"/>
            <circle class="eye" cx="15.5" cy="9.5" r="1.3"/>
            <path class="mouth" d=mouth/>
        </svg>
    }
}
