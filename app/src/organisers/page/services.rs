//! A service's row on the organisers' home and its edit page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::signed_in_view;
use crate::organisers::{
    api::{service_editor, EditableService, ServiceLine},
    text, FormKey, FormProblem, OnceField, HOME_PATH,
};
use crate::ui::Loading;

#[component]
pub(super) fn ServiceRow(service: ServiceLine, waiting: bool) -> impl IntoView {
    let action = format!("{HOME_PATH}/services/{}/confirm", service.id);
    let label = format!("{} — {}", text::STILL_ACCURATE, service.name);
    let edit_href = format!("{HOME_PATH}/services/{}/edit", service.id);
    let edit_label = format!("{} — {}", text::EDIT, service.name);
    view! {
        <li class="organiser-item">
            <h3>{service.name.clone()}</h3>
            <p class:stale-note=service.stale>{if service.last_confirmed.is_empty() { text::NOT_YET_CONFIRMED.to_owned() } else { text::last_confirmed(&service.last_confirmed) }}</p>
            {waiting.then(|| view! { <p class="badge">{text::WAITING}</p> })}
            <div class="actions">
                <form method="post" action=action>
                    <OnceField form=format!("confirm:{}", service.id)/>
                    <button type="submit" class="button" aria-label=label>{text::STILL_ACCURATE}</button>
                </form>
                <a class="button" href=edit_href aria-label=edit_label>{text::EDIT}</a>
            </div>
        </li>
    }
}

pub(super) const EDIT_SERVICE_FORM: &str = "edit-service";

#[component]
pub fn EditServicePage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let editor = Resource::new(move || id.clone(), service_editor);
    view! {
        <Title text=text::EDIT_TITLE/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(editor.await, |editor| {
                    provide_context(FormKey(editor.form_key.clone()));
                    view! { <ServiceForm editor/> }.into_any()
                })
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

#[component]
pub(super) fn ServiceForm(editor: EditableService) -> impl IntoView {
    let problem = use_context::<FormProblem>().unwrap_or_default();
    let typed =
        |name: &str, current: String| problem.value(EDIT_SERVICE_FORM, name).unwrap_or(current);
    let retyped = !problem.values.is_empty();
    let ticked = |name: &str, current: bool| {
        if retyped {
            problem
                .value(EDIT_SERVICE_FORM, name)
                .is_some_and(|v| v == "on" || v == "yes")
        } else {
            current
        }
    };
    let error = |name: &str| problem.error(EDIT_SERVICE_FORM, name);
    let action = format!("{HOME_PATH}/services/{}/edit", editor.id);
    let description = typed("description", editor.description.clone());
    let referral = typed("referral", editor.referral.clone());
    let hours_note = typed("hours_note", editor.hours_note.clone());
    let url = typed("url", editor.url.clone());
    let self_referral = if retyped {
        problem.value(EDIT_SERVICE_FORM, "self_referral").as_deref() == Some("yes")
    } else {
        editor.self_referral
    };
    let crisis = ticked("crisis", editor.crisis);
    let (referral_error, url_error, phones_error, description_error) = (
        error("referral"),
        error("url"),
        error("phones"),
        error("description"),
    );
    let rows = (1..=village_core::directory::edit::MAX_PHONES)
        .map(|n| {
            let current = editor.phones.get(n - 1).cloned().unwrap_or_default();
            let number = typed(&format!("phone{n}_number"), current.0);
            let label = typed(&format!("phone{n}_label"), current.1);
            let call = ticked(&format!("phone{n}_call"), current.2);
            let texts = ticked(&format!("phone{n}_text"), current.3);
            let (number_id, label_id, call_id, text_id) = (
                format!("phone{n}-number"),
                format!("phone{n}-label"),
                format!("phone{n}-call"),
                format!("phone{n}-text"),
            );
            let (call_for, text_for) = (call_id.clone(), text_id.clone());
            let invalid = phones_error.is_some().then_some("true");
            let described = phones_error.is_some().then_some("phones-error");
            view! {
                <fieldset class="field phone-row">
                    <legend>{text::phone_legend(n)}</legend>
                    <label for=number_id.clone()>{text::NUMBER}</label>
                    <input id=number_id name=format!("phone{n}_number") type="tel" inputmode="tel" maxlength=village_core::phone::MAX_INPUT_CHARS.to_string() value=number
                        aria-invalid=invalid aria-describedby=described/>
                    <label for=label_id.clone()>{text::PHONE_LABEL}</label>
                    <input id=label_id name=format!("phone{n}_label") type="text" maxlength=village_core::text_limits::MAX_NAME_CHARS.to_string() value=label/>
                    <label class="choice" for=call_for>
                        <input type="checkbox" id=call_id name=format!("phone{n}_call") checked=call/>
                        {text::TAKES_CALLS}
                    </label>
                    <label class="choice" for=text_for>
                        <input type="checkbox" id=text_id name=format!("phone{n}_text") checked=texts/>
                        {text::TAKES_TEXTS}
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h1>{text::EDIT_TITLE} ": " {editor.name.clone()}</h1>
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        {(!editor.pending.is_empty()).then(|| view! { <p class="notice">{text::WAITING} ": " {editor.pending.iter().map(|p| text::asked(&p.by, &p.field, &p.item_id)).collect::<Vec<_>>().join("; ")}</p> })}
        {(!editor.is_admin).then(|| view! { <p class="hint">{text::NEEDS_APPROVAL_NOTE}</p> })}
        <form method="post" action=action class="stack new-group">
            <OnceField form="service"/>
            <div class="field">
                <label for="service-description">{text::DESCRIPTION}</label>
                <textarea id="service-description" name="description" rows="4" maxlength=village_core::text_limits::MAX_DESCRIPTION_CHARS.to_string()
                    aria-invalid=description_error.is_some().then_some("true")
                    aria-describedby=description_error.is_some().then_some("description-error")>{crate::ui::textarea_text(&description)}</textarea>
                {description_error.map(|e| view! { <p class="field-error" id="description-error">{e}</p> })}
            </div>
            <fieldset class="field">
                <legend>{text::SELF_REFERRAL}</legend>
                <label class="choice" for="self-referral-yes">
                    <input type="radio" id="self-referral-yes" name="self_referral" value="yes" checked=self_referral/>
                    {text::YES_THEMSELVES}
                </label>
                <label class="choice" for="self-referral-no">
                    <input type="radio" id="self-referral-no" name="self_referral" value="no" checked=!self_referral/>
                    {text::NO_REFERRED}
                </label>
            </fieldset>
            <div class="field">
                <label for="service-referral">{text::REFERRAL}</label>
                <p class="hint" id="referral-hint">{text::REFERRAL_HINT}</p>
                <textarea id="service-referral" name="referral" rows="4" maxlength=village_core::text_limits::MAX_DESCRIPTION_CHARS.to_string()
                    aria-invalid=referral_error.is_some().then_some("true")
                    aria-describedby=if referral_error.is_some() { "referral-hint referral-error" } else { "referral-hint" }>{crate::ui::textarea_text(&referral)}</textarea>
                {referral_error.map(|e| view! { <p class="field-error" id="referral-error">{e}</p> })}
            </div>
            <div class="field">
                <label for="service-hours">{text::HOURS_NOTE}</label>
                <input id="service-hours" name="hours_note" type="text" maxlength=village_core::directory::edit::MAX_HOURS_NOTE_CHARS.to_string() value=hours_note/>
            </div>
            <div class="field">
                <label for="service-url">{text::WEBSITE}</label>
                <input id="service-url" name="url" type="url" value=url
                    aria-invalid=url_error.is_some().then_some("true")
                    aria-describedby=url_error.is_some().then_some("url-error")/>
                {url_error.map(|e| view! { <p class="field-error" id="url-error">{e}</p> })}
            </div>
            {rows}
            {phones_error.map(|e| view! { <p class="field-error" id="phones-error">{e}</p> })}
            <label class="choice" for="service-crisis">
                <input type="checkbox" id="service-crisis" name="crisis" checked=crisis/>
                {text::CRISIS}
            </label>
            <div class="actions">
                <button type="submit" class="button button-primary">{text::SAVE}</button>
            </div>
        </form>
    }
    .into_any()
}
