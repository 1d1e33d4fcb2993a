//! Venues on the organisers' home, the pages that add and change one, and
//! the venue fields a group's form uses to add its venue too.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{
    fields::{radios, select_options, text_area, text_input, Field},
    signed_in_view,
};
use crate::organisers::{text, FormKey, FormProblem, OnceField, HOME_PATH};
use crate::ui::Loading;
use crate::venues::{
    api::{venue_editor, EditableVenue, VenueLine},
    delete_venue_path, edit_venue_path, NEW_VENUE_PATH,
};
use village_core::calendar::{
    venue::{MAX_ADDRESS_CHARS, MAX_TOWN_CHARS, MAX_VENUE_NAME_CHARS, MAX_VENUE_NOTES_CHARS},
    AccessFact,
};

/// The venue form's name in [`FormProblem`].
const VENUE_FORM: &str = "venue";

/// The venues on the organisers' home.
#[component]
pub(super) fn VenueList(venues: Vec<VenueLine>) -> impl IntoView {
    view! {
        <section aria-labelledby="venues-title">
            <h2 id="venues-title">{text::VENUES}</h2>
            <p>{text::VENUES_HINT}</p>
            <p><a class="button" href=NEW_VENUE_PATH>{text::ADD_VENUE}</a></p>
            {if venues.is_empty() {
                view! { <p>{text::NO_VENUES}</p> }.into_any()
            } else {
                view! {
                    <ul class="organiser-list">
                        {venues.into_iter().map(|venue| view! {
                            <li class="organiser-item">
                                <h3>{venue.name.clone()}</h3>
                                {venue.organisation.clone().map(|o| view! { <p>{o}</p> })}
                                <p>{text::venue_used_by(venue.groups)}</p>
                                <div class="actions">
                                    <a class="button" href=edit_venue_path(&venue.id)
                                        aria-label=format!("{}: {}", text::EDIT_VENUE, venue.name)>{text::EDIT}</a>
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn NewVenuePage() -> impl IntoView {
    venue_page(text::ADD_VENUE, String::new())
}

#[component]
pub fn EditVenuePage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    venue_page(text::EDIT_VENUE, id)
}

/// A venue's page: a new one (`id` empty) or a change to one.
fn venue_page(title: &'static str, id: String) -> AnyView {
    let editor = Resource::new(move || id.clone(), venue_editor);
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(editor.await, |venue| {
                    provide_context(FormKey(venue.form_key.clone()));
                    view! { <VenueForm venue/> }.into_any()
                })
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

#[component]
fn VenueForm(venue: EditableVenue) -> impl IntoView {
    // What was typed if the last try had problems; otherwise the venue.
    let problem = use_context::<FormProblem>()
        .filter(|p| p.form == VENUE_FORM)
        .unwrap_or_else(|| FormProblem {
            form: VENUE_FORM.into(),
            errors: Vec::new(),
            values: venue.values.clone(),
        });
    let action = venue
        .id
        .as_deref()
        .map_or_else(|| NEW_VENUE_PATH.to_owned(), edit_venue_path);
    let organisation = Field::of(&problem, VENUE_FORM, "organisation");
    let choose_organisation = (venue.id.is_none() && !venue.organisations.is_empty()).then(|| {
        let mut choices = vec![(String::new(), text::CHOOSE.to_owned())];
        choices.extend(venue.organisations.clone());
        view! {
            <div class="field">
                <label for=organisation.id.clone()>{text::ORGANISATION}</label>
                <select id=organisation.id.clone() name="organisation"
                    aria-invalid=organisation.invalid() aria-describedby=organisation.described_by(None)>
                    {select_options(choices, &organisation.value)}
                </select>
                {organisation.message()}
            </div>
        }
    });
    let deletable = venue.id.clone().filter(|_| venue.groups == 0);
    view! {
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        <form method="post" action=action class="stack">
            <OnceField form=VENUE_FORM/>
            {choose_organisation}
            <VenueFields form=VENUE_FORM prefix="" problem=problem.clone()/>
            <div class="actions">
                <button type="submit" class="button button-primary">{text::SAVE_VENUE}</button>
            </div>
        </form>
        {venue.id.is_some().then(|| view! { <p>{text::venue_used_by(venue.groups)}</p> })}
        {deletable.map(|id| view! {
            <form method="post" action=delete_venue_path(&id)>
                <OnceField form="delete-venue"/>
                <button type="submit" class="button">{text::DELETE_VENUE}</button>
            </form>
        })}
    }
}

/// A venue's fields, named `prefix` and their name: its name and address,
/// each access fact as yes, no or not sure, and the organiser's words.
#[component]
pub(super) fn VenueFields(
    form: &'static str,
    prefix: &'static str,
    problem: FormProblem,
) -> impl IntoView {
    let named = move |name: &str| format!("{prefix}{name}");
    let f = |name: &str| Field::of(&problem, form, &named(name));
    let access_hint = format!("{form}-{prefix}access-hint");
    let access = AccessFact::ALL
        .into_iter()
        .map(|fact| {
            let field = f(fact.code());
            let name = named(fact.code());
            view! {
                <fieldset class="field">
                    <legend>{fact.question()}</legend>
                    {radios(form, &name, &field, &field.value, &[("yes", text::YES), ("no", text::NO), ("", text::NOT_SURE)])}
                    {field.message()}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        {text_input(&f("name"), &named("name"), text::VENUE_NAME, None, MAX_VENUE_NAME_CHARS)}
        {text_input(&f("address"), &named("address"), text::VENUE_ADDRESS, None, MAX_ADDRESS_CHARS)}
        {text_input(&f("town"), &named("town"), text::VENUE_TOWN, None, MAX_TOWN_CHARS)}
        {text_input(&f("postcode"), &named("postcode"), text::VENUE_POSTCODE, None, village_core::calendar::venue::MAX_POSTCODE_CHARS)}
        <fieldset class="field">
            <legend>{text::VENUE_ACCESS}</legend>
            <p class="hint" id=access_hint>{text::VENUE_ACCESS_HINT}</p>
            {access}
        </fieldset>
        {text_area(&f("public_transport"), &named("public_transport"), text::VENUE_GETTING_THERE, Some(text::VENUE_GETTING_THERE_HINT), MAX_VENUE_NOTES_CHARS)}
        {text_area(&f("notes"), &named("notes"), text::VENUE_NOTES, None, MAX_VENUE_NOTES_CHARS)}
    }
}
