//! `/need-help-now`: the crisis card as a page of its own, for when no script
//! has loaded (or a person opens the link directly).

use leptos::prelude::*;
use leptos_meta::Title;

use super::{card::CardPlace, text, CrisisCard};

#[component]
pub fn NeedHelpNowPage() -> impl IntoView {
    view! {
        <Title text=text::NEED_HELP_NOW/>
        <CrisisCard place=CardPlace::Page/>
    }
}
