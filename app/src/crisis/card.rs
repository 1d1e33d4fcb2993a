//! The card itself: server-rendered, so it works with no script at all.

use leptos::prelude::*;
use village_core::crisis::{HelpLine, Route, HELP_LINES};

use super::{island::SavedContacts, text};

/// Where the card is shown. Its headings and ids differ so that the page and
/// the dialog never clash when both are on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardPlace {
    Page,
    Dialog,
}

impl CardPlace {
    pub(super) fn id(self, name: &str) -> String {
        match self {
            CardPlace::Page => format!("crisis-{name}"),
            CardPlace::Dialog => format!("crisis-dialog-{name}"),
        }
    }
}

#[component]
pub fn CrisisCard(place: CardPlace) -> impl IntoView {
    let title_id = place.id("title");
    let title = match place {
        CardPlace::Page => view! { <h1 id=title_id>{text::NEED_HELP_NOW}</h1> }.into_any(),
        CardPlace::Dialog => view! { <h2 id=title_id>{text::NEED_HELP_NOW}</h2> }.into_any(),
    };
    let section = move |name: &str, heading: &'static str, routes: &'static [Route]| {
        view! {
            <section aria-labelledby=place.id(name)>
                <SectionHeading place id=place.id(name) text=heading/>
                <ul class="help-lines">
                    {routes.iter().filter_map(|route| line_for(*route)).map(|line| view! { <HelpLineItem line/> }).collect_view()}
                </ul>
            </section>
        }
    };

    view! {
        <div class="crisis-card">
            {title}
            <p>{text::INTRO}</p>
            <section aria-labelledby=place.id("danger") class="danger">
                <SectionHeading place id=place.id("danger") text=text::DANGER_HEADING/>
                <p>{text::danger_text()}</p>
                {line_for(Route::Emergency).map(|line| view! {
                    <a class="button button-danger" href=line.href()>{text::route_action(line.route, line.written())}</a>
                })}
            </section>
            {section("urgent", text::URGENT_HEADING, &[Route::Nhs111, Route::Nhs24, Route::BreathingSpace, Route::Lifeline])}
            {section("talk", text::TALK_HEADING, &[Route::Samaritans, Route::Shout])}
            <section aria-labelledby=place.id("own")>
                <SectionHeading place id=place.id("own") text=text::OWN_HEADING/>
                <p>{text::OWN_INTRO}</p>
                // Outside the island: islands hydrate, and a <noscript> would not match.
                <noscript><p>{text::OWN_NEEDS_SCRIPT}</p></noscript>
                <SavedContacts id_prefix=place.id("contacts")/>
            </section>
            <section aria-labelledby=place.id("psychosis") class="psychosis">
                <SectionHeading place id=place.id("psychosis") text=text::psychosis_heading()/>
                <p>{text::PSYCHOSIS_INTRO}</p>
                <ul>
                    {text::PSYCHOSIS_SIGNS.iter().map(|sign| view! { <li>{*sign}</li> }).collect_view()}
                </ul>
                <p>{text::PSYCHOSIS_OUTRO}</p>
            </section>
            <p class="what-happens">
                <a href=crate::directory::WHAT_HAPPENS_PATH>{crate::directory::text::WHAT_HAPPENS_LINK}</a>
            </p>
        </div>
    }
    .into_any()
}

/// Sections sit one level below the card's title: h2 on the page, h3 in the
/// dialog (whose title is an h2 under the page's own h1).
#[component]
fn SectionHeading(place: CardPlace, id: String, #[prop(into)] text: String) -> impl IntoView {
    match place {
        CardPlace::Page => view! { <h2 id=id>{text}</h2> }.into_any(),
        CardPlace::Dialog => view! { <h3 id=id>{text}</h3> }.into_any(),
    }
}

fn line_for(route: Route) -> Option<HelpLine> {
    HELP_LINES.iter().copied().find(|line| line.route == route)
}

#[component]
fn HelpLineItem(line: HelpLine) -> impl IntoView {
    view! {
        <li>
            <strong>{text::route_name(line.route)}</strong>
            <span>{text::route_detail(line.route)}</span>
            <a class="button" href=line.href()>{text::route_action(line.route, line.written())}</a>
        </li>
    }
}
