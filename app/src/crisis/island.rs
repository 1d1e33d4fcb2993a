//! The two interactive parts of the crisis card. They are islands: the only
//! parts of these pages that ship code to the browser.

use leptos::{ev, html, prelude::*};
use village_core::{ContactRole, MyContacts, PhoneNumberError};

use super::{card::CardPlace, text, PATH};
use crate::local_storage;

/// The header's "Need help now?" link. With no script it goes to the crisis
/// page; once hydrated, a plain click opens the same card as a dialog.
#[island]
pub fn NeedHelpNow(children: Children) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move |event: ev::MouseEvent| {
        // Let the browser handle "open in new tab" and similar clicks.
        if event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        if let Some(dialog) = dialog.get() {
            if dialog.show_modal().is_ok() {
                event.prevent_default();
            }
        }
    };
    view! {
        <a href=PATH class="need-help" on:click=open>{text::NEED_HELP_NOW}</a>
        <dialog node_ref=dialog class="crisis-dialog" aria-labelledby=CardPlace::Dialog.id("title")>
            <form method="dialog" class="dialog-close">
                <button type="submit" class="button">{text::CLOSE}</button>
            </form>
            {children()}
        </dialog>
    }
}

/// The person's own midwife, health visitor and GP numbers, kept in this
/// browser only. Read after hydration, never during render.
#[island]
pub fn SavedContacts(
    /// Makes form ids unique when the card is on a page twice.
    id_prefix: String,
) -> impl IntoView {
    let contacts = RwSignal::new(MyContacts::default());
    let ready = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<(ContactRole, PhoneNumberError)>::new());
    let status = RwSignal::new(None::<&'static str>);
    let inputs = ContactRole::ALL.map(|_| NodeRef::<html::Input>::new());
    let id_prefix = StoredValue::new(id_prefix);

    Effect::new(move |_| {
        contacts.set(MyContacts::from_stored(local_storage::read));
        ready.set(true);
        // "About me" in the diary keeps the same numbers.
        let changed = window_event_listener_untyped(local_storage::CONTACTS_CHANGED, move |_| {
            contacts.set(MyContacts::from_stored(local_storage::read));
        });
        on_cleanup(move || changed.remove());
    });

    let save = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let typed = |role: ContactRole| {
            ContactRole::ALL
                .iter()
                .position(|r| *r == role)
                .and_then(|i| inputs[i].get())
                .map(|input| input.value())
                .unwrap_or_default()
        };
        match MyContacts::from_form(typed) {
            Ok(new) => {
                let stored = ContactRole::ALL.iter().all(|role| {
                    local_storage::write(role.storage_key(), new.get(*role).map(|n| n.written()))
                        .is_ok()
                });
                errors.set(Vec::new());
                if stored {
                    contacts.set(new);
                    local_storage::announce_contacts_changed();
                    editing.set(false);
                    status.set(Some(text::OWN_SAVED));
                } else {
                    status.set(Some(text::OWN_STORAGE_FAILED));
                }
            }
            Err(found) => {
                errors.set(found);
                status.set(Some(text::OWN_NOT_SAVED));
            }
        }
    };

    let saved_list = move || {
        let current = contacts.get();
        if current.is_empty() {
            return view! { <p>{text::OWN_NONE_YET}</p> }.into_any();
        }
        view! {
            <ul class="help-lines">
                {ContactRole::ALL
                    .iter()
                    .filter_map(|role| current.get(*role).map(|n| (*role, n.clone())))
                    .map(|(role, number)| view! {
                        <li>
                            <strong>{text::contact_label(role)}</strong>
                            <a class="button" href=number.tel_href()>{text::contact_action(role, number.written())}</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    let form = move || {
        let prefix = id_prefix.get_value();
        let current = contacts.get_untracked();
        view! {
            <form class="stack" on:submit=save novalidate>
                <p class="hint">{text::OWN_HINT}</p>
                {ContactRole::ALL
                    .iter()
                    .zip(inputs)
                    .map(|(role, node)| {
                        let role = *role;
                        let id = format!("{prefix}-{}", role.field_id());
                        let error_id = format!("{id}-error");
                        let message_id = error_id.clone();
                        let error = move || {
                            errors.with(|all| all.iter().find(|(r, _)| *r == role).map(|(_, e)| e.to_string()))
                        };
                        let value = current.get(role).map(|n| n.written().to_owned()).unwrap_or_default();
                        view! {
                            <div class="field">
                                <label for=id.clone()>{text::contact_label(role)}</label>
                                <input
                                    id=id
                                    node_ref=node
                                    type="tel"
                                    inputmode="tel"
                                    maxlength=village_core::phone::MAX_INPUT_CHARS.to_string()
                                    autocomplete="off"
                                    value=value
                                    aria-invalid=move || error().is_some().then_some("true")
                                    aria-describedby=move || error().is_some().then(|| error_id.clone())
                                />
                                {move || error().map(|message| view! {
                                    <p class="field-error" id=message_id.clone()>{message}</p>
                                })}
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="actions">
                    <button type="submit" class="button button-primary">{text::OWN_SAVE}</button>
                    <button type="button" class="button" on:click=move |_| {
                        editing.set(false);
                        errors.set(Vec::new());
                        status.set(None);
                    }>{text::OWN_CANCEL}</button>
                </div>
            </form>
        }
    };

    view! {
        <div class="my-contacts">
            <Show when=move || ready.get()>
                {saved_list}
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <button type="button" class="button" on:click=move |_| {
                            editing.set(true);
                            status.set(None);
                        }>
                            {move || if contacts.with(MyContacts::is_empty) { text::OWN_ADD } else { text::OWN_CHANGE }}
                        </button>
                    }
                >
                    {form}
                </Show>
            </Show>
            <p role="status" class="status">{move || status.get()}</p>
        </div>
    }
    .into_any()
}
