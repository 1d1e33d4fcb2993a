//! "About me", told once: a short card kept in the diary (sealed by its
//! lock), with the midwife, health visitor and GP numbers the crisis card
//! keeps, to show or print at an appointment.

use leptos::{ev, prelude::*, task::spawn_local};
use village_core::mood::about_me::{AboutMe, Part, MAX_ANSWER_CHARS};
use village_core::{ContactRole, MyContacts};

use super::state::{problem_text, DiaryState, Notice};
use super::vault::Note;
use super::{browser, text};
use crate::crisis;
use crate::local_storage;

const PARTS: usize = Part::ALL.len();

#[component]
pub fn AboutMeCard() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let stored = state
        .notes
        .read_untracked()
        .about_me
        .clone()
        .unwrap_or_default();
    let answers: [RwSignal<String>; PARTS] =
        std::array::from_fn(|at| RwSignal::new(stored.get(Part::ALL[at]).to_owned()));
    let problem = RwSignal::new(None::<String>);
    // The crisis card's numbers, shared with it through the browser's storage
    // (read after hydration, as the card does).
    let contacts = RwSignal::new(MyContacts::default());
    let numbers = ContactRole::ALL.map(|_| RwSignal::new(String::new()));
    let number_problems = RwSignal::new(Vec::<(ContactRole, String)>::new());
    let reread = move || {
        let saved = MyContacts::from_stored(local_storage::read);
        for (role, number) in ContactRole::ALL.iter().zip(numbers) {
            number.set(
                saved
                    .get(*role)
                    .map(|n| n.written().to_owned())
                    .unwrap_or_default(),
            );
        }
        contacts.set(saved);
    };
    Effect::new(move |_| {
        reread();
        // The crisis card keeps the same numbers and may change them.
        let changed =
            window_event_listener_untyped(local_storage::CONTACTS_CHANGED, move |_| reread());
        on_cleanup(move || changed.remove());
    });
    let number_of = move |role: ContactRole| {
        ContactRole::ALL
            .iter()
            .position(|r| *r == role)
            .map(|at| numbers[at].get_untracked())
            .unwrap_or_default()
    };

    let typed = move || {
        Part::ALL
            .iter()
            .zip(answers)
            .map(|(part, answer)| (*part, answer.get_untracked()))
            .collect::<Vec<_>>()
    };
    let save = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let card = match AboutMe::new(typed(), browser::now_millis()) {
            Ok(card) => card,
            Err(error) => {
                problem.set(Some(format!("{} {error}.", text::NOT_SAVED)));
                return;
            }
        };
        // Every number is checked before anything is kept.
        let new_numbers = match MyContacts::from_form(number_of) {
            Ok(new_numbers) => new_numbers,
            Err(found) => {
                number_problems.set(
                    found
                        .into_iter()
                        .map(|(role, error)| (role, error.to_string()))
                        .collect(),
                );
                problem.set(Some(text::ABOUT_NUMBERS_BAD.to_owned()));
                return;
            }
        };
        number_problems.set(Vec::new());
        let Some(vault) = state.vault() else {
            problem.set(Some(text::STORAGE_FAILED.to_owned()));
            return;
        };
        spawn_local(async move {
            // The card first; the numbers only once it is kept.
            if let Err(error) = vault.save_notes(&[Note::AboutMe(card.clone())]).await {
                problem.set(Some(problem_text(&error)));
                return;
            }
            state.notes.update(|notes| notes.about_me = Some(card));
            let stored = ContactRole::ALL.iter().all(|role| {
                local_storage::write(
                    role.storage_key(),
                    new_numbers.get(*role).map(|n| n.written()),
                )
                .is_ok()
            });
            local_storage::announce_contacts_changed();
            if stored {
                contacts.set(new_numbers);
                problem.set(None);
                state.say(Notice::ok(text::ABOUT_SAVED));
            } else {
                problem.set(Some(text::ABOUT_NUMBERS_NOT_KEPT.to_owned()));
            }
        });
    };
    let print = move |_| browser::print();
    let printed = move || {
        Part::ALL
            .iter()
            .zip(answers)
            .map(|(part, answer)| (*part, answer.get()))
            .filter(|(_, answer)| !answer.trim().is_empty())
            .collect::<Vec<_>>()
    };

    view! {
        <section class="about-me stack" aria-labelledby="about-me-title">
            <h2 id="about-me-title">{text::ABOUT_HEADING}</h2>
            <p>{text::ABOUT_INTRO}</p>
            <form class="stack" on:submit=save novalidate>
                {Part::ALL.iter().zip(answers).map(|(&part, answer)| {
                    let id = format!("about-{}", part.code());
                    let hint = format!("{id}-hint");
                    view! {
                        <div class="field">
                            <label for=id.clone()>{part.label()}</label>
                            <p class="hint" id=hint.clone()>{part.hint()}</p>
                            <textarea id=id rows="3" maxlength=MAX_ANSWER_CHARS.to_string() aria-describedby=hint
                                prop:value=move || answer.get()
                                on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
                        </div>
                    }
                }).collect_view()}
                <fieldset class="checks-group">
                    <legend>{text::ABOUT_NUMBERS}</legend>
                    <p class="hint">{text::ABOUT_NUMBERS_HINT}</p>
                    {ContactRole::ALL.iter().zip(numbers).map(|(&role, number)| {
                        let id = format!("about-number-{}", role.field_id());
                        let error_id = format!("{id}-problem");
                        let problem_for = move || number_problems.read().iter().find(|(r, _)| *r == role).map(|(_, why)| why.clone());
                        view! {
                            <div class="field">
                                <label for=id.clone()>{crisis::text::contact_label(role)}</label>
                                <input id=id type="tel" autocomplete="off" maxlength=village_core::phone::MAX_INPUT_CHARS.to_string()
                                    aria-describedby=error_id.clone()
                                    aria-invalid=move || problem_for().is_some().to_string()
                                    prop:value=move || number.get()
                                    on:input=move |ev| number.set(event_target_value(&ev))/>
                                <p class="field-error" id=error_id>{problem_for}</p>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <p class="field-error" role="alert">{move || problem.get()}</p>
                <p class="actions">
                    <button type="submit" class="button button-primary">{text::ABOUT_SAVE}</button>
                    <button type="button" class="button" on:click=print>{text::ABOUT_PRINT}</button>
                </p>
            </form>
            <section class="print-summary">
                <h2>{text::ABOUT_PRINT_TITLE}</h2>
                {move || {
                    let given = printed();
                    if given.is_empty() {
                        view! { <p>{text::ABOUT_EMPTY}</p> }.into_any()
                    } else {
                        view! {
                            <dl class="facts">
                                {given.into_iter().map(|(part, answer)| view! {
                                    <dt>{part.label()}</dt><dd class="first-visit">{answer}</dd>
                                }).collect_view()}
                            </dl>
                        }.into_any()
                    }
                }}
                {move || {
                    let saved = contacts.get();
                    (!saved.is_empty()).then(move || view! {
                        <h3>{text::ABOUT_NUMBERS}</h3>
                        <dl class="facts">
                            {ContactRole::ALL.iter().filter_map(|role| saved.get(*role).map(|n| (*role, n.written().to_owned()))).map(|(role, number)| view! {
                                <dt>{crisis::text::contact_label(role)}</dt><dd>{number}</dd>
                            }).collect_view()}
                        </dl>
                    })
                }}
            </section>
        </section>
    }
    .into_any()
}
