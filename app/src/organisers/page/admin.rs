//! What admins see on the organisers' home: approvals, areas and term
//! dates, organisations, invitations.

use leptos::prelude::*;

use super::fields::{choice_group, tick_box, Field};
use crate::organisers::{
    api::{AccountRow, AreaLine},
    text, FormProblem, InvitationMade, OnceField, PendingChange, TermsUnderstood, HOME_PATH,
};

/// A waiting change's new value as an admin reads it: a contact in words,
/// anything else as it was sent.
pub(super) fn pending_value(field: &str, value: &str) -> String {
    use village_core::{calendar::Contact, directory::edit::ServiceDetails};
    let read = || -> Option<String> {
        match field {
            "contact" => serde_json::from_str::<Option<Contact>>(value)
                .ok()
                .map(|contact| contact.map_or_else(|| text::NO_CONTACT.to_owned(), |c| c.words())),
            "texts" => serde_json::from_str::<Vec<(String, String)>>(value)
                .ok()
                .map(|texts| {
                    texts
                        .iter()
                        .map(|(column, words)| format!("{}: {words}", column.replace('_', " ")))
                        .collect::<Vec<_>>()
                        .join(" · ")
                }),
            "details" => serde_json::from_str::<ServiceDetails>(value).ok().map(|d| {
                format!(
                    "Website: {} · Description: {} · Hours: {}",
                    d.url.as_deref().unwrap_or("none"),
                    d.description,
                    d.hours_note
                )
            }),
            _ => None,
        }
    };
    read().unwrap_or_else(|| value.to_owned())
}

#[component]
pub(super) fn InviteSomeone(
    organisations: Vec<(String, String)>,
    problem: FormProblem,
) -> impl IntoView {
    let made = use_context::<InvitationMade>();
    let email_error = problem.error("invite-someone", "email");
    let organisation_error = problem.error("invite-someone", "organisation");
    let email = problem.value("invite-someone", "email").unwrap_or_default();
    let role = problem
        .value("invite-someone", "role")
        .unwrap_or_else(|| "organiser".to_owned());
    let chosen = problem
        .value("invite-someone", "organisation")
        .unwrap_or_default();
    view! {
        <section aria-labelledby="invite-title">
            <h2 id="invite-title">{text::INVITE_SOMEONE}</h2>
            {made.map(|InvitationMade { email, link, resets_password }| view! {
                <div class="notice" role="status">
                    <p>{if resets_password { text::send_reset_link(&email) } else { text::send_link(&email) }}</p>
                    <p><code class="invite-link">{link}</code></p>
                </div>
            })}
            <form method="post" action="/organisers/invitations" class="stack">
                <div class="field">
                    <label for="invite-email">{text::EMAIL}</label>
                    <input id="invite-email" name="email" type="email" required value=email
                        aria-invalid=email_error.is_some().then_some("true")
                        aria-describedby=email_error.is_some().then_some("invite-email-error")/>
                    {email_error.map(|e| view! { <p class="field-error" id="invite-email-error">{e}</p> })}
                </div>
                <fieldset class="field">
                    <legend>{text::ROLE}</legend>
                    <label class="choice" for="invite-role-organiser">
                        <input type="radio" id="invite-role-organiser" name="role" value="organiser" checked=role == "organiser"/>
                        {text::ROLE_ORGANISER}
                    </label>
                    <label class="choice" for="invite-role-admin">
                        <input type="radio" id="invite-role-admin" name="role" value="admin" checked=role == "admin"/>
                        {text::ROLE_ADMIN}
                    </label>
                </fieldset>
                <div class="field">
                    <label for="invite-organisation">{text::ORGANISATION}</label>
                    <select id="invite-organisation" name="organisation"
                        aria-invalid=organisation_error.is_some().then_some("true")
                        aria-describedby=organisation_error.is_some().then_some("invite-organisation-error")>
                        {organisations.into_iter().map(|(id, name)| {
                            let selected = id == chosen;
                            view! { <option value=id selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                    {organisation_error.map(|e| view! { <p class="field-error" id="invite-organisation-error">{e}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" class="button button-primary">{text::MAKE_LINK}</button>
                </div>
            </form>
        </section>
    }
}

/// Changes organisers asked for, for an admin to approve or reject.
#[component]
pub(super) fn Approvals(pending: Vec<PendingChange>) -> impl IntoView {
    view! {
        <section aria-labelledby="approvals-title">
            <h2 id="approvals-title">{text::WAITING_FOR_YOU}</h2>
            {if pending.is_empty() {
                view! { <p>{text::NOTHING_WAITING}</p> }.into_any()
            } else {
                view! {
                    <ul class="organiser-list">
                        {pending.into_iter().map(|p| {
                            let asked = text::asked(&p.by, &p.field, &p.item_id);
                            let approve = format!("{HOME_PATH}/pending/{}/approve", p.id);
                            let reject = format!("{HOME_PATH}/pending/{}/reject", p.id);
                            let approve_label = format!("{} — {asked}", text::APPROVE);
                            let reject_label = format!("{} — {asked}", text::REJECT);
                            view! {
                                <li class="organiser-item">
                                    <p>{asked.clone()}</p>
                                    <p><code class="pending-value">{pending_value(&p.field, &p.value)}</code></p>
                                    <div class="actions">
                                        <form method="post" action=approve>
                                            <OnceField form=format!("approve:{}", p.id)/>
                                            <button type="submit" class="button button-primary" aria-label=approve_label>{text::APPROVE}</button>
                                        </form>
                                        <form method="post" action=reject>
                                            <OnceField form=format!("reject:{}", p.id)/>
                                            <button type="submit" class="button" aria-label=reject_label>{text::REJECT}</button>
                                        </form>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// An admin adds an organisation, so its people can be invited.
#[component]
pub(super) fn AddOrganisation(problem: FormProblem) -> impl IntoView {
    const FORM: &str = "add-organisation";
    let fields = [
        ("name", text::ORGANISATION_NAME, "text"),
        ("description", text::ORGANISATION_ABOUT, "text"),
        ("website", text::WEBSITE, "url"),
    ]
    .into_iter()
    .map(|(name, label, kind)| {
        let id = format!("organisation-{name}");
        let error_id = format!("{id}-error");
        let label_for = id.clone();
        let error = problem.error(FORM, name);
        let value = problem.value(FORM, name).unwrap_or_default();
        view! {
            <div class="field">
                <label for=label_for>{label}</label>
                <input id=id name=name type=kind value=value required=name == "name"
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then(|| error_id.clone())/>
                {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            </div>
        }
    })
    .collect_view();
    view! {
        <section aria-labelledby="add-organisation-title">
            <h2 id="add-organisation-title">{text::ADD_ORGANISATION}</h2>
            <form method="post" action="/organisers/organisations" class="stack">
                <OnceField form="add-organisation"/>
                {fields}
                <div class="actions">
                    <button type="submit" class="button">{text::ADD_ORGANISATION}</button>
                </div>
            </form>
        </section>
    }
}

/// For admins: the areas, how far their term dates go, a new area, and
/// term dates imported from the council's file.
#[component]
pub(super) fn AreasAndTerms(areas: Vec<AreaLine>, problem: FormProblem) -> impl IntoView {
    const AREA_FORM: &str = "add-area";
    const TERMS_FORM: &str = "terms";
    let name = Field::of(&problem, AREA_FORM, "name");
    let nation = Field::of(&problem, AREA_FORM, "nation");
    let area = Field::of(&problem, TERMS_FORM, "area");
    let dates = Field::of(&problem, TERMS_FORM, "dates");
    let dates_hint = format!("{}-hint", dates.id);
    let inset = Field::of(&problem, TERMS_FORM, "inset_days");
    let inset_choice = choice_group(
        TERMS_FORM,
        "inset_days",
        &inset,
        text::INSET_CHOICE,
        &[
            ("", text::INSET_KEEP),
            ("term", text::INSET_TERM),
            ("breaks", text::INSET_BREAKS),
        ],
    );
    // Shown after a first look at the file: what it says, and a button
    // that imports exactly that text with exactly that choice.
    let understood = use_context::<TermsUnderstood>();
    let submit = if understood.is_some() {
        text::CONFIRM_TERMS
    } else {
        text::CHECK_TERMS
    };
    let understood = understood.map(|TermsUnderstood { lines, fingerprint }| {
        view! {
            <section class="notice" role="status" aria-labelledby="terms-understood-title">
                <h4 id="terms-understood-title">{text::TERMS_UNDERSTOOD}</h4>
                <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                <p>{text::TERMS_CONFIRM_HINT}</p>
                <input type="hidden" name="confirm" value=fingerprint/>
            </section>
        }
    });
    let nations = [
        ("england", "England"),
        ("wales", "Wales"),
        ("scotland", "Scotland"),
        ("northern_ireland", "Northern Ireland"),
    ]
    .map(|(code, label)| {
        let selected = nation.value == code;
        view! { <option value=code selected=selected>{label}</option> }
    })
    .collect_view();
    let choices = areas
        .iter()
        .map(|a| {
            let selected = area.value == a.id;
            view! { <option value=a.id.clone() selected=selected>{a.name.clone()}</option> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="areas-title">
            <h2 id="areas-title">{text::AREAS}</h2>
            <ul class="organiser-list">
                {areas.into_iter().map(|a| view! {
                    <li class="organiser-item">
                        <h3>{a.name}</h3>
                        <p>{a.terms}</p>
                        <p>{a.inset}</p>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action="/organisers/terms" class="stack">
                <OnceField form="terms"/>
                <h3>{text::IMPORT_TERMS}</h3>
                <div class="field">
                    <label for=area.id.clone()>{text::AREA}</label>
                    <select id=area.id.clone() name="area" aria-invalid=area.invalid() aria-describedby=area.described_by(None)>
                        {choices}
                    </select>
                    {area.message()}
                </div>
                <div class="field">
                    <label for=dates.id.clone()>{text::TERM_DATES}</label>
                    <p class="hint" id=dates_hint.clone()>{text::TERM_DATES_HINT}</p>
                    <textarea id=dates.id.clone() name="dates" rows="8" required
                        aria-invalid=dates.invalid() aria-describedby=dates.described_by(Some(&dates_hint))>{crate::ui::textarea_text(&dates.value)}</textarea>
                    {dates.message()}
                </div>
                {inset_choice}
                {understood}
                <div class="actions">
                    <button type="submit" class="button">{submit}</button>
                </div>
            </form>
            <form method="post" action="/organisers/areas" class="stack">
                <OnceField form="add-area"/>
                <h3>{text::ADD_AREA}</h3>
                <div class="field">
                    <label for=name.id.clone()>{text::AREA_NAME}</label>
                    <input id=name.id.clone() name="name" type="text" maxlength=village_core::area::MAX_AREA_NAME_CHARS.to_string() required value=name.value.clone()
                        aria-invalid=name.invalid() aria-describedby=name.described_by(None)/>
                    {name.message()}
                </div>
                <div class="field">
                    <label for=nation.id.clone()>{text::NATION}</label>
                    <select id=nation.id.clone() name="nation" aria-invalid=nation.invalid() aria-describedby=nation.described_by(None)>
                        {nations}
                    </select>
                    {nation.message()}
                </div>
                <div class="actions">
                    <button type="submit" class="button">{text::ADD_AREA}</button>
                </div>
            </form>
        </section>
    }
}

/// For admins: each organisation's details, to change in place.
#[component]
pub(super) fn Organisations(
    organisations: Vec<crate::organisations::Organisation>,
    problem: FormProblem,
) -> impl IntoView {
    view! {
        <section aria-labelledby="organisations-title">
            <h2 id="organisations-title">{text::ORGANISATIONS}</h2>
            <ul class="organiser-list">
                {organisations.into_iter().map(|o| {
                    let form = format!("organisation:{}", o.id);
                    let action = format!("{HOME_PATH}/organisations/{}/edit", o.id);
                    let open = problem.form == form;
                    let value = |name: &str, current: String| problem.value(&form, name).filter(|_| open).unwrap_or(current);
                    let fields = [
                        ("name", text::ORGANISATION_NAME, "text", value("name", o.name.clone())),
                        ("description", text::ORGANISATION_ABOUT, "text", value("description", o.description.clone())),
                        ("website", text::WEBSITE, "url", value("website", o.website.clone().unwrap_or_default())),
                    ]
                    .into_iter()
                    .map(|(name, label, kind, value)| {
                        let id = format!("{}-{name}", o.id);
                        let error_id = format!("{id}-error");
                        let label_for = id.clone();
                        let error = problem.error(&form, name);
                        view! {
                            <div class="field">
                                <label for=label_for>{label}</label>
                                <input id=id name=name type=kind value=value required=name == "name"
                                    aria-invalid=error.is_some().then_some("true")
                                    aria-describedby=error.is_some().then(|| error_id.clone())/>
                                {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
                            </div>
                        }
                    })
                    .collect_view();
                    view! {
                        <li class="organiser-item">
                            <details open=open>
                                <summary>{o.name.clone()}</summary>
                                <form method="post" action=action class="stack">
                                    <OnceField form=format!("organisation:{}", o.id)/>
                                    {fields}
                                    {tick_box(&form, "publishes_nationally", text::PUBLISHES_NATIONALLY,
                                        if open { problem.value(&form, "publishes_nationally").is_some_and(|v| v == "on") } else { o.publishes_nationally })}
                                    <div class="actions">
                                        <button type="submit" class="button" aria-label=format!("{}: {}", text::SAVE_ORGANISATION, o.name)>{text::SAVE_ORGANISATION}</button>
                                    </div>
                                </form>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Every account, for admins: turn one off (it is signed out at once) or
/// on, sign it out everywhere, reset its two-step sign-in, or move an
/// organiser to another organisation. Not their own: another admin does.
#[component]
pub(super) fn Accounts(
    accounts: Vec<AccountRow>,
    organisations: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="accounts-title">
            <h2 id="accounts-title">{text::ACCOUNTS}</h2>
            <p>{text::ACCOUNTS_HINT}</p>
            <ul class="organiser-list">
                {accounts.into_iter().map(|account| {
                    let action = |what: &str| format!("/organisers/accounts/{}/{what}", account.id);
                    let button = |what: &'static str, label: &'static str| {
                        let aria = format!("{label}: {}", account.email);
                        view! {
                            <form method="post" action=action(what)>
                                <OnceField form=format!("account-{what}:{}", account.id)/>
                                <button type="submit" class="button" aria-label=aria>{label}</button>
                            </form>
                        }
                    };
                    let move_id = format!("move-{}", account.id);
                    view! {
                        <li class="organiser-item">
                            <h3>{account.email.clone()}</h3>
                            <p>{account.role.clone()}
                                {account.disabled.then_some(text::ACCOUNT_OFF)}
                                {account.two_step.then_some(text::ACCOUNT_TWO_STEP)}
                            </p>
                            {if account.is_you {
                                view! { <p class="hint">{text::ACCOUNT_YOURS}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="actions">
                                        {if account.disabled {
                                            button("enable", text::TURN_ACCOUNT_ON).into_any()
                                        } else {
                                            button("disable", text::TURN_ACCOUNT_OFF).into_any()
                                        }}
                                        {button("end-sessions", text::SIGN_THEM_OUT)}
                                        {account.two_step.then(|| button("reset-two-step", text::RESET_TWO_STEP))}
                                        {(!account.disabled).then(|| button("reset-password", text::RESET_PASSWORD))}
                                    </div>
                                    {account.is_organiser.then(|| view! {
                                        <form method="post" action=action("move") class="field-pair">
                                            <OnceField form=format!("account-move:{}", account.id)/>
                                            <div class="field">
                                                <label for=move_id.clone()>{text::MOVE_TO}</label>
                                                <select id=move_id.clone() name="organisation">
                                                    {organisations.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()}
                                                </select>
                                            </div>
                                            <button type="submit" class="button">{text::MOVE}</button>
                                        </form>
                                    })}
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
