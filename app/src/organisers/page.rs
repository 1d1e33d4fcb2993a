//! The organisers' pages: sign in, and the home where they keep their
//! listings current. Plain forms, posted to the server.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    api::{
        group_editor, invitation_page, new_group_choices, organiser_home, service_editor,
        two_step_setup, AreaLine, EditableGroup, EditableService, GroupChoices, GroupLine, Home,
        InviteView, ServiceLine, TwoStepView,
    },
    text, FormKey, FormProblem, GroupPreview, InvitationMade, OnceField, PendingChange,
    SignInProblem, CODE_PATH, HOME_PATH, NEW_GROUP_PATH, SIGN_IN_PATH, TWO_STEP_PATH,
};
use crate::shell::{set_http_status, ErrorNotice, Loading};

#[component]
pub fn SignInPage() -> impl IntoView {
    let problem = use_context::<SignInProblem>();
    let query = use_query_map();
    let signed_out = query.with_untracked(|q| q.get("signed_out"));
    let email = match &problem {
        Some(SignInProblem::NotRight { email }) => email.clone(),
        _ => String::new(),
    };
    let message = match &problem {
        Some(SignInProblem::NotRight { .. }) => Some(text::NOT_RIGHT.to_owned()),
        Some(SignInProblem::TooManyAttempts { minutes }) => Some(text::too_many(*minutes)),
        Some(SignInProblem::CodeNotRight) => Some(text::CODE_NOT_RIGHT.to_owned()),
        None => None,
    };
    view! {
        <Title text=text::SIGN_IN_TITLE/>
        <h1>{text::SIGN_IN_TITLE}</h1>
        <p class="lead">{text::SIGN_IN_INTRO}</p>
        {signed_out.map(|how| view! {
            <p class="notice" role="status">
                {if how == "everywhere" { text::SIGNED_OUT_EVERYWHERE } else { text::SIGNED_OUT }}
            </p>
        })}
        {message.clone().map(|m| view! { <p class="error-notice" role="alert" id="sign-in-problem">{m}</p> })}
        <form method="post" action=SIGN_IN_PATH class="stack sign-in">
            <div class="field">
                <label for="email">{text::EMAIL}</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=email
                    aria-describedby=message.is_some().then_some("sign-in-problem")/>
            </div>
            <div class="field">
                <label for="password">{text::PASSWORD}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128"/>
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary">{text::SIGN_IN}</button>
            </div>
        </form>
        <p class="hint">{text::NO_ACCOUNT}</p>
    }
    .into_any()
}

#[component]
pub fn OrganisersPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| organiser_home());
    view! {
        <Title text=text::HOME_TITLE/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(home.await, |home| {
                    provide_context(FormKey(home.form_key.clone()));
                    view! { <HomeView home/> }.into_any()
                })
            })}
        </Suspense>
    }
    .into_any()
}

/// A signed-in page's body: its data's view, a way to sign in for someone
/// who is not (and a 303 there), or the error.
fn signed_in_view<T>(
    result: Result<Option<T>, crate::AppError>,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match result {
        Ok(Some(data)) => show(data),
        Ok(None) => {
            send_to_sign_in();
            view! { <p><a href=SIGN_IN_PATH>{text::SIGN_IN}</a></p> }.into_any()
        }
        Err(error) => {
            set_http_status(error.status_code());
            view! { <ErrorNotice error/> }.into_any()
        }
    }
}

/// Someone not signed in is sent to sign in (303, whatever they accept).
fn send_to_sign_in() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SEE_OTHER);
        response.insert_header(
            http::header::LOCATION,
            http::HeaderValue::from_static(SIGN_IN_PATH),
        );
    }
}

#[component]
fn HomeView(home: Home) -> impl IntoView {
    let problem = use_context::<FormProblem>().unwrap_or_default();
    let done = use_query_map().with_untracked(|q| q.get("done"));
    let done = match done.as_deref() {
        Some("confirmed") => Some(text::CONFIRMED),
        Some("confirmed-group") => Some(text::CONFIRMED_GROUP),
        Some("cancelled") => Some(text::CANCELLED),
        Some("added") => Some(text::ADDED),
        Some("added-pending") => Some(text::ADDED_CONTACT_WAITS),
        Some("extra") => Some(text::EXTRA_ADDED),
        Some("edited") => Some(text::EDITED),
        Some("edited-pending") => Some(text::EDITED_PENDING),
        Some("group-saved") => Some(text::SAVED_GROUP),
        Some("group-saved-pending") => Some(text::SAVED_GROUP_LINK_WAITS),
        Some("approved") => Some(text::APPROVED),
        Some("rejected") => Some(text::REJECTED),
        Some("two-step") => Some(text::TWO_STEP_DONE),
        Some("organisation-added") => Some(text::ORGANISATION_ADDED),
        Some("area-added") => Some(text::AREA_ADDED),
        Some("organisation-saved") => Some(text::ORGANISATION_SAVED),
        Some("two-step-off") => Some(text::TWO_STEP_TURNED_OFF),
        Some("terms") => Some(text::TERMS_IMPORTED),
        _ => None,
    };
    view! {
        <h1>{text::HOME_TITLE}</h1>
        <p>{text::signed_in_as(&home.email, &home.role, home.organisation.as_deref())}</p>
        {done.map(|d| view! { <p class="notice" role="status">{d}</p> })}
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        {(!home.to_confirm.is_empty()).then(|| view! {
            <section class="notice" aria-labelledby="to-confirm-title">
                <h2 id="to-confirm-title">{text::TO_CONFIRM}</h2>
                <p>{text::TO_CONFIRM_HINT}</p>
                <ul>
                    {home.to_confirm.clone().into_iter().map(|(name, day)| view! {
                        <li>{name} " — " {text::last_confirmed(&day)}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="services-title">
            <h2 id="services-title">{text::SERVICES}</h2>
            {if home.services.is_empty() {
                view! { <p>{text::NO_SERVICES}</p> }.into_any()
            } else {
                view! {
                    <ul class="organiser-list">
                        {home.services.into_iter().map(|s| {
                            let waiting = home.pending.iter().any(|p| p.item_id == s.id);
                            view! { <ServiceRow service=s waiting/> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="groups-title">
            <h2 id="groups-title">{text::GROUPS}</h2>
            <p><a class="button" href=NEW_GROUP_PATH>{text::ADD_GROUP}</a></p>
            {if home.groups.is_empty() {
                view! { <p>{text::NO_GROUPS}</p> }.into_any()
            } else {
                view! {
                    <ul class="organiser-list">
                        {home.groups.into_iter().map(|g| {
                            let waiting = home.pending.iter().any(|p| p.item_kind == "group" && p.item_id == g.id);
                            view! { <GroupRow group=g waiting problem=problem.clone()/> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="two-step-title">
            <h2 id="two-step-title">{text::TWO_STEP}</h2>
            <p>{if home.two_step { text::TWO_STEP_ON } else { text::TWO_STEP_OFF }}</p>
            {(!home.two_step).then(|| view! { <p><a class="button" href=TWO_STEP_PATH>{text::SET_UP}</a></p> })}
        </section>
        {home.is_admin.then(|| view! { <Approvals pending=home.pending.clone()/> })}
        {home.is_admin.then(|| view! { <AreasAndTerms areas=home.areas.clone() problem=problem.clone()/> })}
        {home.is_admin.then(|| view! { <Organisations organisations=home.organisation_details.clone() problem=problem.clone()/> })}
        {home.is_admin.then(|| view! { <AddOrganisation problem=problem.clone()/> })}
        {home.is_admin.then(|| view! { <InviteSomeone organisations=home.organisations problem=problem.clone()/> })}
        {home.is_admin.then(|| view! { <AuditList entries=home.audit/> })}
        <section class="actions sign-out" aria-label=text::SIGN_OUT>
            <form method="post" action="/organisers/logout">
                <button type="submit" class="button">{text::SIGN_OUT}</button>
            </form>
            <form method="post" action="/organisers/logout-everywhere">
                <button type="submit" class="button">{text::SIGN_OUT_EVERYWHERE}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn ServiceRow(service: ServiceLine, waiting: bool) -> impl IntoView {
    let action = format!("{HOME_PATH}/services/{}/confirm", service.id);
    let label = format!("{} — {}", text::STILL_ACCURATE, service.name);
    let edit_href = format!("{HOME_PATH}/services/{}/edit", service.id);
    let edit_label = format!("{} — {}", text::EDIT, service.name);
    view! {
        <li class="organiser-item">
            <h3>{service.name.clone()}</h3>
            <p class:stale-note=service.stale>{text::last_confirmed(&service.last_confirmed)}</p>
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

#[component]
fn GroupRow(group: GroupLine, waiting: bool, problem: FormProblem) -> impl IntoView {
    let group_id = group.id.clone();
    let form = format!("cancel:{}", group.id);
    let action = format!("{HOME_PATH}/groups/{}/cancel", group.id);
    let date_id = format!("date-{}", group.id);
    let reason_id = format!("reason-{}", group.id);
    let date_error = problem.error(&form, "date");
    let reason_error = problem.error(&form, "reason");
    let chosen = problem.value(&form, "date");
    let reason = problem.value(&form, "reason").unwrap_or_default();
    let date_error_id = format!("{date_id}-error");
    let reason_error_id = format!("{reason_id}-error");
    let hint_id = format!("{reason_id}-hint");
    view! {
        <li class="organiser-item">
            <h3>{group.title.clone()}</h3>
            {waiting.then(|| view! { <p class="badge">{text::WAITING}</p> })}
            {group.details_to_check.then(|| view! { <p class="notice stale-note">{text::DETAILS_TO_CHECK}</p> })}
            <p class:stale-note=group.freshness.is_some()>
                {group.freshness.clone().unwrap_or_else(|| text::last_confirmed(&group.last_confirmed))}
            </p>
            <div class="actions">
                // Details to check are confirmed by saving them, not by a tap.
                {(!group.details_to_check).then(|| view! {
                    <form method="post" action=format!("{HOME_PATH}/groups/{}/confirm", group.id)>
                        <OnceField form=format!("confirm-group:{}", group.id)/>
                        <button type="submit" class="button" aria-label=format!("{} — {}", text::STILL_ACCURATE, group.title)>{text::STILL_ACCURATE}</button>
                    </form>
                })}
                <a class="button" href=edit_group_path(&group.id) aria-label=format!("{}: {}", text::EDIT_DETAILS, group.title)>{text::EDIT_DETAILS}</a>
            </div>
            {if group.sessions.is_empty() {
                view! { <p>{text::NO_SESSIONS}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=action class="stack">
                        <OnceField form=form.clone()/>
                        <h4>{text::CANCEL_HEADING}</h4>
                        <div class="field">
                            <label for=date_id.clone()>{text::SESSION}</label>
                            <select id=date_id name="date"
                                aria-invalid=date_error.is_some().then_some("true")
                                aria-describedby=date_error.is_some().then(|| date_error_id.clone())>
                                {group.sessions.into_iter().map(|(value, label)| {
                                    let selected = chosen.as_deref() == Some(value.as_str());
                                    view! { <option value=value selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                            {date_error.map(|e| view! { <p class="field-error" id=date_error_id>{e}</p> })}
                        </div>
                        <div class="field">
                            <label for=reason_id.clone()>{text::REASON}</label>
                            <p class="hint" id=hint_id.clone()>{text::REASON_HINT}</p>
                            <input id=reason_id name="reason" type="text" maxlength="200" value=reason
                                aria-invalid=reason_error.is_some().then_some("true")
                                aria-describedby=if reason_error.is_some() { format!("{hint_id} {reason_error_id}") } else { hint_id.clone() }/>
                            {reason_error.map(|e| view! { <p class="field-error" id=reason_error_id>{e}</p> })}
                        </div>
                        <div class="actions">
                            <button type="submit" class="button button-primary">{text::CANCEL_SESSION}</button>
                        </div>
                    </form>
                }.into_any()
            }}
            <ExtraForm group_id=group_id.clone() problem=problem.clone()/>
        </li>
    }
}

/// "Add an extra session": a day and times, in a break too.
#[component]
fn ExtraForm(group_id: String, problem: FormProblem) -> impl IntoView {
    let form = format!("extra:{group_id}");
    let once = form.clone();
    let action = format!("{HOME_PATH}/groups/{group_id}/extra");
    let field = |name: &str| {
        let id = format!("extra-{name}-{group_id}");
        let error = problem.error(&form, name);
        let value = problem.value(&form, name).unwrap_or_default();
        (id, error, value)
    };
    let inputs = [
        ("date", "date", text::EXTRA_DAY),
        ("starts", "time", text::STARTS),
        ("ends", "time", text::ENDS),
    ]
    .into_iter()
    .map(|(name, kind, label)| {
        let (id, error, value) = field(name);
        let error_id = format!("{id}-error");
        let label_for = id.clone();
        view! {
            <div class="field">
                <label for=label_for>{label}</label>
                <input id=id name=name type=kind required value=value
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then(|| error_id.clone())/>
                {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            </div>
        }
    })
    .collect_view();
    view! {
        <form method="post" action=action class="stack">
            <OnceField form=once/>
            <h4>{text::EXTRA_HEADING}</h4>
            {inputs}
            <div class="actions">
                <button type="submit" class="button">{text::ADD_EXTRA}</button>
            </div>
        </form>
    }
}

#[component]
fn AuditList(entries: Vec<super::AuditEntry>) -> impl IntoView {
    view! {
        <section aria-labelledby="audit-title">
            <h2 id="audit-title">{text::RECENT_CHANGES}</h2>
            {if entries.is_empty() {
                view! { <p>{text::NO_CHANGES}</p> }.into_any()
            } else {
                view! {
                    <ul class="audit">
                        {entries.into_iter().map(|e| view! {
                            <li>
                                <time datetime=e.at.to_rfc3339()>{e.at.format("%Y-%m-%d %H:%M UTC").to_string()}</time>
                                " · " {e.by} " " {e.action} " " {e.item_kind} " " <code>{e.item_id}</code>
                                {e.before.map(|b| view! { <br/> "Before: " <code>{b}</code> })}
                                {e.after.map(|a| view! { <br/> "After: " <code>{a}</code> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The forms' names in [`FormProblem`].
const NEW_GROUP_FORM: &str = "new-group";
const EDIT_GROUP_FORM: &str = "edit-group";

#[component]
pub fn NewGroupPage() -> impl IntoView {
    let choices = Resource::new(|| (), |_| new_group_choices());
    view! {
        <Title text=text::ADD_GROUP/>
        <h1>{text::ADD_GROUP}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(choices.await, |choices| {
                    provide_context(FormKey(choices.form_key.clone()));
                    let problem = use_context::<FormProblem>().unwrap_or_default();
                    view! { <GroupForm kind=GroupFormKind::New(choices) problem/> }.into_any()
                })
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

#[component]
pub fn EditGroupPage() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        group_editor,
    );
    view! {
        <Title text=text::EDIT_GROUP/>
        <h1>{text::EDIT_GROUP}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(editor.await, |group| {
                    provide_context(FormKey(group.form_key.clone()));
                    // What was typed if the last try had problems; otherwise the group as it is.
                    let problem = use_context::<FormProblem>()
                        .filter(|p| p.form == EDIT_GROUP_FORM)
                        .unwrap_or_else(|| FormProblem {
                            form: EDIT_GROUP_FORM.into(),
                            errors: Vec::new(),
                            values: group.values.clone(),
                        });
                    view! { <GroupForm kind=GroupFormKind::Edit(group) problem/> }.into_any()
                })
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

/// A labelled field's error, wired for screen readers.
struct Field {
    id: String,
    error: Option<String>,
    value: String,
}

impl Field {
    fn of(problem: &FormProblem, form: &str, name: &str) -> Self {
        Self {
            id: format!("{form}-{name}"),
            error: problem.error(form, name),
            value: problem.value(form, name).unwrap_or_default(),
        }
    }

    fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }

    fn invalid(&self) -> Option<&'static str> {
        self.error.is_some().then_some("true")
    }

    /// The hint's id (if any) and the error's, for `aria-describedby`.
    fn described_by(&self, hint: Option<&str>) -> Option<String> {
        let ids: Vec<String> = hint
            .map(str::to_owned)
            .into_iter()
            .chain(self.error.is_some().then(|| self.error_id()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn message(&self) -> impl IntoView {
        let id = self.error_id();
        self.error
            .clone()
            .map(|e| view! { <p class="field-error" id=id>{e}</p> })
    }
}

/// A new group (the account chooses its organisation and area) or a change
/// to one (its times kept or removed, perhaps a new one, its joining link).
enum GroupFormKind {
    New(GroupChoices),
    Edit(EditableGroup),
}

#[component]
fn GroupForm(kind: GroupFormKind, problem: FormProblem) -> impl IntoView {
    let form = match &kind {
        GroupFormKind::New(_) => NEW_GROUP_FORM,
        GroupFormKind::Edit(_) => EDIT_GROUP_FORM,
    };
    let preview = use_context::<GroupPreview>();
    let f = |name: &str| Field::of(&problem, form, name);
    let (organisation, title, description, area, weekday) = (
        f("organisation"),
        f("title"),
        f("description"),
        f("area"),
        f("weekday"),
    );
    let (starts, ends, every, term, first) =
        (f("starts"), f("ends"), f("every"), f("term"), f("first"));
    let week_of_month = f("week_of_month");
    let (place, joining, keep, link) = (f("place"), f("joining"), f("keep"), f("joining_link"));
    let checked = |name: &str| problem.value(form, name).is_some_and(|v| v == "on");
    let every_value = if every.value.is_empty() {
        "1".to_owned()
    } else {
        every.value.clone()
    };
    let term_value = if term.value.is_empty() {
        "term_time_only".to_owned()
    } else {
        term.value.clone()
    };
    let options = |list: Vec<(String, String)>, chosen: String| select_options(list, &chosen);
    let editing = matches!(kind, GroupFormKind::Edit(_));
    let mut days: Vec<(String, String)> = if editing {
        vec![(String::new(), text::NO_NEW_TIME.to_owned())]
    } else {
        Vec::new()
    };
    days.extend(
        [
            ("monday", "Monday"),
            ("tuesday", "Tuesday"),
            ("wednesday", "Wednesday"),
            ("thursday", "Thursday"),
            ("friday", "Friday"),
            ("saturday", "Saturday"),
            ("sunday", "Sunday"),
        ]
        .map(|(v, l)| (v.to_owned(), l.to_owned())),
    );
    let mut places: Vec<(String, String)> = match &kind {
        GroupFormKind::New(choices) => choices
            .venues
            .iter()
            .map(|(id, label)| (format!("venue:{id}"), label.clone()))
            .collect(),
        GroupFormKind::Edit(group) => group.venues.clone(),
    };
    places.push(("online".into(), text::ONLINE.into()));
    places.push(("phone".into(), text::BY_PHONE.into()));
    let radio = |name: &'static str,
                 field: &Field,
                 current: &str,
                 items: Vec<(&'static str, &'static str)>| {
        radios(form, name, field, current, &items)
    };
    let tick = |name: String, label: String, on: bool| tick_box(form, &name, &label, on);
    let about_hint = format!("{}-hint", description.id);
    let first_hint = format!("{}-hint", first.id);
    let joining_hint = format!("{}-hint", joining.id);
    let link_hint = format!("{}-hint", link.id);
    let (action, submit) = match &kind {
        GroupFormKind::New(_) => (NEW_GROUP_PATH.to_owned(), text::ADD_THE_GROUP),
        GroupFormKind::Edit(group) => (edit_group_path(&group.id), text::SAVE_GROUP),
    };
    let choosers = match &kind {
        GroupFormKind::New(choices) => Some(view! {
            {choices.is_admin.then(|| view! {
                <div class="field">
                    <label for=organisation.id.clone()>{text::ORGANISATION}</label>
                    <select id=organisation.id.clone() name="organisation" aria-invalid=organisation.invalid() aria-describedby=organisation.described_by(None)>
                        {options(choices.organisations.clone(), organisation.value.clone())}
                    </select>
                    {organisation.message()}
                </div>
            })}
        }),
        GroupFormKind::Edit(_) => None,
    };
    let area_field = match &kind {
        GroupFormKind::New(choices) => Some(view! {
            <div class="field">
                <label for=area.id.clone()>{text::AREA}</label>
                <select id=area.id.clone() name="area" aria-invalid=area.invalid() aria-describedby=area.described_by(None)>
                    {options(choices.areas.clone(), area.value.clone())}
                </select>
                {area.message()}
            </div>
        }),
        GroupFormKind::Edit(_) => None,
    };
    let current_times = match &kind {
        GroupFormKind::Edit(group) => {
            let keep_error = keep.error.is_some();
            Some(view! {
                <fieldset class="field">
                    <legend>{text::CURRENT_TIMES}</legend>
                    <p class="hint">{text::CURRENT_TIMES_HINT}</p>
                    {group.times.iter().enumerate().map(|(i, time)| {
                        let name = format!("keep-{i}");
                        let on = checked(&name);
                        let id = format!("{form}-{name}");
                        let label_for = id.clone();
                        view! {
                            <label class="choice" for=label_for>
                                <input type="checkbox" id=id name=name checked=on
                                    aria-invalid=keep_error.then_some("true") aria-describedby=keep.described_by(None)/>
                                {time.clone()}
                            </label>
                        }
                    }).collect_view()}
                    {keep.message()}
                </fieldset>
            })
        }
        GroupFormKind::New(_) => None,
    };
    let link_field = match &kind {
        GroupFormKind::Edit(group) => {
            let waiting = group.waiting_link.clone();
            let note = if group.is_admin {
                text::LINK_HINT_ADMIN
            } else {
                text::LINK_HINT
            };
            Some(view! {
                <div class="field">
                    <label for=link.id.clone()>{text::JOINING_LINK}</label>
                    <p class="hint" id=link_hint.clone()>{note}</p>
                    {waiting.map(|w| view! { <p class="notice">{text::link_waiting(&w)}</p> })}
                    <input id=link.id.clone() name="joining_link" type="url" maxlength="500" value=link.value.clone()
                        aria-invalid=link.invalid() aria-describedby=link.described_by(Some(&link_hint))/>
                    {link.message()}
                    {tick("link_public".into(), text::LINK_PUBLIC.into(), checked("link_public"))}
                </div>
            })
        }
        GroupFormKind::New(_) => None,
    };
    let time_legend = if editing {
        text::ADD_A_TIME
    } else {
        text::WHEN_IT_MEETS
    };
    view! {
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        {preview.map(|GroupPreview(lines)| view! {
            <section aria-labelledby="preview-title" class="notice" role="status">
                <h2 id="preview-title">{text::NEXT_DATES}</h2>
                <ul class="preview">
                    {lines.into_iter().map(|(when, paused)| {
                        let is_paused = paused.is_some();
                        view! {
                        <li class:paused=is_paused>
                            {when} {paused.map(|p| view! { " — " {text::paused(&p)} })}
                        </li>
                    }}).collect_view()}
                </ul>
            </section>
        })}
        <form method="post" action=action class="stack new-group">
            <OnceField form="group"/>
            {choosers}
            <div class="field">
                <label for=title.id.clone()>{text::GROUP_NAME}</label>
                <input id=title.id.clone() name="title" type="text" maxlength="120" required value=title.value.clone()
                    aria-invalid=title.invalid() aria-describedby=title.described_by(None)/>
                {title.message()}
            </div>
            <div class="field">
                <label for=description.id.clone()>{text::ABOUT}</label>
                <p class="hint" id=about_hint.clone()>{text::ABOUT_HINT}</p>
                <textarea id=description.id.clone() name="description" rows="4" maxlength="2000"
                    aria-invalid=description.invalid() aria-describedby=description.described_by(Some(&about_hint))>{description.value.clone()}</textarea>
                {description.message()}
            </div>
            {area_field}
            {current_times}
            <fieldset class="field">
                <legend>{time_legend}</legend>
                <div class="field">
                    <label for=weekday.id.clone()>{text::DAY}</label>
                    <select id=weekday.id.clone() name="weekday" aria-invalid=weekday.invalid() aria-describedby=weekday.described_by(None)>
                        {options(days, weekday.value.clone())}
                    </select>
                    {weekday.message()}
                </div>
                <div class="field-pair">
                    <div class="field">
                        <label for=starts.id.clone()>{text::STARTS}</label>
                        <input id=starts.id.clone() name="starts" type="time" required=!editing value=starts.value.clone()
                            aria-invalid=starts.invalid() aria-describedby=starts.described_by(None)/>
                        {starts.message()}
                    </div>
                    <div class="field">
                        <label for=ends.id.clone()>{text::ENDS}</label>
                        <input id=ends.id.clone() name="ends" type="time" required=!editing value=ends.value.clone()
                            aria-invalid=ends.invalid() aria-describedby=ends.described_by(None)/>
                        {ends.message()}
                    </div>
                </div>
                <fieldset class="field">
                    <legend>{text::HOW_OFTEN}</legend>
                    {radio("every", &every, &every_value, vec![("1", text::EVERY_WEEK), ("2", text::EVERY_OTHER_WEEK), ("3", text::EVERY_THREE_WEEKS), ("4", text::EVERY_FOUR_WEEKS), ("month", text::ONCE_A_MONTH)])}
                    {every.message()}
                </fieldset>
                <div class="field">
                    <label for=week_of_month.id.clone()>{text::WEEK_OF_MONTH}</label>
                    <select id=week_of_month.id.clone() name="week_of_month" aria-invalid=week_of_month.invalid() aria-describedby=week_of_month.described_by(None)>
                        {select_options(owned(&text::WEEK_OF_MONTH_CHOICES), &week_of_month.value)}
                    </select>
                    {week_of_month.message()}
                </div>
                <fieldset class="field">
                    <legend>{text::SCHOOL_HOLIDAYS}</legend>
                    {radio("term", &term, &term_value, vec![("all_year", text::ALL_YEAR), ("term_time_only", text::TERM_TIME), ("holidays_only", text::HOLIDAYS_ONLY)])}
                    {term.message()}
                </fieldset>
                <div class="field">
                    <label for=first.id.clone()>{text::FIRST}</label>
                    <p class="hint" id=first_hint.clone()>{text::FIRST_HINT}</p>
                    <input id=first.id.clone() name="first" type="date" value=first.value.clone()
                        aria-invalid=first.invalid() aria-describedby=first.described_by(Some(&first_hint))/>
                    {first.message()}
                </div>
            </fieldset>
            <div class="field">
                <label for=place.id.clone()>{text::WHERE}</label>
                <select id=place.id.clone() name="place" aria-invalid=place.invalid() aria-describedby=place.described_by(None)>
                    {options(places, place.value.clone())}
                </select>
                {place.message()}
            </div>
            <div class="field">
                <label for=joining.id.clone()>{text::JOINING}</label>
                <p class="hint" id=joining_hint.clone()>{text::JOINING_HINT}</p>
                <input id=joining.id.clone() name="joining" type="text" maxlength="500" value=joining.value.clone()
                    aria-invalid=joining.invalid() aria-describedby=joining.described_by(Some(&joining_hint))/>
                {joining.message()}
            </div>
            {link_field}
            <fieldset class="field">
                <legend>{text::WHO_FOR}</legend>
                {tick("pregnant".into(), text::PREGNANT.into(), checked("pregnant"))}
                {tick("babies".into(), text::BABIES.into(), checked("babies"))}
                {tick("toddlers".into(), text::TODDLERS.into(), checked("toddlers"))}
                {tick("older_children".into(), text::OLDER_CHILDREN.into(), checked("older_children"))}
                {tick("partners".into(), text::PARTNERS.into(), checked("partners"))}
                {tick("mental_health".into(), text::MENTAL_HEALTH.into(), checked("mental_health"))}
            </fieldset>
            <GroupFactsFields form problem=problem.clone() waiting_contact=match &kind {
                GroupFormKind::Edit(group) => group.waiting_contact.clone(),
                GroupFormKind::New(_) => None,
            }/>
            <div class="actions">
                <button type="submit" class="button" name="action" value="preview">{text::SHOW_DATES}</button>
                <button type="submit" class="button button-primary" name="action" value="save">{submit}</button>
            </div>
        </form>
    }
    .into_any()
}

/// A waiting change's new value as an admin reads it: a contact in words,
/// anything else as it was sent.
fn pending_value(field: &str, value: &str) -> String {
    use village_core::calendar::Contact;
    match field {
        "contact" => serde_json::from_str::<Option<Contact>>(value)
            .map(|contact| contact.map_or_else(|| text::NO_CONTACT.to_owned(), |c| c.words()))
            .unwrap_or_else(|_| value.to_owned()),
        _ => value.to_owned(),
    }
}

/// A set of radio buttons, one per (value, label), wired to `field`'s error.
fn radios(
    form: &str,
    name: &'static str,
    field: &Field,
    current: &str,
    items: &[(&'static str, &'static str)],
) -> impl IntoView {
    let error = field.error.is_some();
    let described = field.described_by(None);
    items
        .iter()
        .map(|&(value, label)| {
            let id = if value.is_empty() {
                format!("{form}-{name}-unsaid")
            } else {
                format!("{form}-{name}-{value}")
            };
            let label_for = id.clone();
            let is_checked = current == value;
            view! {
                <label class="choice" for=label_for>
                    <input type="radio" id=id name=name value=value checked=is_checked
                        aria-invalid=error.then_some("true") aria-describedby=described.clone()/>
                    {label}
                </label>
            }
        })
        .collect_view()
}

/// One labelled checkbox.
fn tick_box(form: &str, name: &str, label: &str, on: bool) -> impl IntoView {
    let id = format!("{form}-{name}");
    let label_for = id.clone();
    let (name, label) = (name.to_owned(), label.to_owned());
    view! {
        <label class="choice" for=label_for>
            <input type="checkbox" id=id name=name checked=on/>
            {label}
        </label>
    }
}

/// A select's options, the chosen one selected.
fn select_options(list: Vec<(String, String)>, chosen: &str) -> impl IntoView {
    list.into_iter()
        .map(|(value, label)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view()
}

fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
}

/// A labelled text input with an optional hint, its error beside it.
fn text_input(
    field: &Field,
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    max: usize,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{}-hint", field.id));
    view! {
        <div class="field">
            <label for=field.id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input id=field.id.clone() name=name type="text" maxlength=max.to_string() value=field.value.clone()
                aria-invalid=field.invalid() aria-describedby=field.described_by(hint_id.as_deref())/>
            {field.message()}
        </div>
    }
}

/// Everything a parent is told about a group beyond its name, place and
/// times: each left unsaid unless the organiser fills it in.
#[component]
fn GroupFactsFields(
    form: &'static str,
    problem: FormProblem,
    waiting_contact: Option<String>,
) -> impl IntoView {
    use village_core::calendar::edit::{
        MAX_FACT_CHARS, MAX_FIRST_VISIT_CHARS, MAX_LANGUAGES_CHARS,
    };
    let f = |name: &str| Field::of(&problem, form, name);
    let checked = |name: &str| problem.value(form, name).is_some_and(|v| v == "on");
    let (age_from, age_to, format, course) = (
        f("age_from"),
        f("age_to"),
        f("format"),
        f("next_course_start"),
    );
    let (cost, amount, cost_note, booking, booking_how) = (
        f("cost"),
        f("cost_amount"),
        f("cost_note"),
        f("booking"),
        f("booking_how"),
    );
    let (contact_way, contact, languages, run_by, facilitated_by) = (
        f("contact_way"),
        f("contact"),
        f("other_languages"),
        f("run_by"),
        f("facilitated_by"),
    );
    let (moderated, size, taking, first_visit) = (
        f("moderated"),
        f("typical_size"),
        f("taking_new_members"),
        f("first_visit"),
    );
    let ages_hint = format!("{form}-ages-hint");
    let select = |field: &Field, name: &'static str, label: &'static str, list: &[(&str, &str)]| {
        let hint = name.starts_with("age_").then_some(ages_hint.as_str());
        view! {
            <div class="field">
                <label for=field.id.clone()>{label}</label>
                <select id=field.id.clone() name=name aria-invalid=field.invalid() aria-describedby=field.described_by(hint)>
                    {select_options(owned(list), &field.value)}
                </select>
                {field.message()}
            </div>
        }
    };
    let group = |field: &Field,
                 name: &'static str,
                 legend: &'static str,
                 items: &[(&'static str, &'static str)]| {
        view! {
            <fieldset class="field">
                <legend>{legend}</legend>
                {radios(form, name, field, &field.value, items)}
                {field.message()}
            </fieldset>
        }
    };
    let course_hint = format!("{}-hint", course.id);
    let visit_hint = format!("{}-hint", first_visit.id);
    view! {
        <fieldset class="field">
            <legend>{text::AGES}</legend>
            <p class="hint" id=ages_hint.clone()>{text::AGES_HINT}</p>
            <div class="field-pair">
                {select(&age_from, "age_from", text::AGE_FROM, &text::AGE_CHOICES)}
                {select(&age_to, "age_to", text::AGE_TO, &text::AGE_CHOICES)}
            </div>
        </fieldset>
        <fieldset class="field group-facts">
            <legend>{text::FACTS_LEGEND}</legend>
            <p class="hint">{text::FACTS_HINT}</p>
            {select(&format, "format", text::FORMAT, &text::FORMAT_CHOICES)}
            <div class="field">
                <label for=course.id.clone()>{text::NEXT_COURSE}</label>
                <input id=course.id.clone() name="next_course_start" type="date" value=course.value.clone()
                    aria-invalid=course.invalid() aria-describedby=course.described_by(Some(&course_hint))/>
                <p class="hint" id=course_hint.clone()>{text::NEXT_COURSE_HINT}</p>
                {course.message()}
            </div>
            {group(&cost, "cost", text::COST, &[("", text::NOT_SAID_YET), ("free", text::COST_FREE), ("amount", text::COST_AMOUNT), ("pay_what_you_can", text::COST_PAY_WHAT_YOU_CAN)])}
            <div class="field">
                <label for=amount.id.clone()>{text::COST_AMOUNT_LABEL}</label>
                <input id=amount.id.clone() name="cost_amount" type="text" inputmode="decimal" maxlength="12" value=amount.value.clone()
                    aria-invalid=amount.invalid() aria-describedby=amount.described_by(None)/>
                {amount.message()}
            </div>
            {text_input(&cost_note, "cost_note", text::COST_NOTE, Some(text::COST_NOTE_HINT), MAX_FACT_CHARS)}
            {group(&booking, "booking", text::BOOKING, &[("", text::NOT_SAID_YET), ("drop_in", text::DROP_IN), ("book_ahead", text::BOOK_AHEAD)])}
            {text_input(&booking_how, "booking_how", text::BOOKING_HOW, None, MAX_FACT_CHARS)}
            {waiting_contact.map(|w| view! { <p class="notice">{text::contact_waiting(&w)}</p> })}
            <p class="hint">{text::CONTACT_HINT}</p>
            {select(&contact_way, "contact_way", text::CONTACT_WAY, &text::CONTACT_CHOICES)}
            {text_input(&contact, "contact", text::CONTACT, None, village_core::calendar::facts::MAX_CONTACT_CHARS)}
            <fieldset class="field">
                <legend>{text::LANGUAGES}</legend>
                {tick_box(form, "english", text::ENGLISH, checked("english"))}
                {tick_box(form, "cymraeg", text::CYMRAEG, checked("cymraeg"))}
                {text_input(&languages, "other_languages", text::OTHER_LANGUAGES, Some(text::OTHER_LANGUAGES_HINT), MAX_LANGUAGES_CHARS)}
            </fieldset>
            {group(&run_by, "run_by", text::RUN_BY, &[("", text::NOT_SAID_YET), ("peers", text::RUN_BY_PEERS), ("professionals", text::RUN_BY_PROFESSIONALS), ("peers_and_professionals", text::RUN_BY_BOTH)])}
            {text_input(&facilitated_by, "facilitated_by", text::FACILITATED_BY, None, MAX_FACT_CHARS)}
            {group(&moderated, "moderated", text::MODERATED, &[("", text::NOT_SAID_YET), ("yes", text::YES), ("no", text::NO)])}
            {text_input(&size, "typical_size", text::TYPICAL_SIZE, None, MAX_FACT_CHARS)}
            {group(&taking, "taking_new_members", text::TAKING_NEW, &[("", text::NOT_SAID_YET), ("yes", text::TAKING_YES), ("no", text::TAKING_NO)])}
            <div class="field">
                <label for=first_visit.id.clone()>{text::FIRST_VISIT}</label>
                <p class="hint" id=visit_hint.clone()>{text::FIRST_VISIT_HINT}</p>
                <textarea id=first_visit.id.clone() name="first_visit" rows="4" maxlength=MAX_FIRST_VISIT_CHARS.to_string()
                    aria-invalid=first_visit.invalid() aria-describedby=first_visit.described_by(Some(&visit_hint))>{first_visit.value.clone()}</textarea>
                {first_visit.message()}
            </div>
        </fieldset>
    }
}

/// Where a group's edit form is, and where it posts.
pub fn edit_group_path(id: &str) -> String {
    format!("/organisers/groups/{id}/edit")
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    let action = format!("/organisers/invite/{token}");
    let invite = Resource::new(move || token.clone(), invitation_page);
    view! {
        <Title text=text::INVITE_TITLE/>
        <h1>{text::INVITE_TITLE}</h1>
        <Suspense fallback=Loading>
            {move || {
                let action = action.clone();
                Suspend::new(async move {
                    match invite.await {
                        Ok(InviteView::Usable { email, organisation }) => view! { <InviteForm email organisation action/> }.into_any(),
                        Ok(InviteView::Problem { message, status }) => {
                            set_http_status(status);
                            view! {
                                <p class="error-notice" role="alert">{message}</p>
                                <p><a href=SIGN_IN_PATH>{text::SIGN_IN}</a></p>
                            }
                            .into_any()
                        }
                        Err(error) => {
                            set_http_status(error.status_code());
                            view! { <ErrorNotice error/> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn InviteForm(email: String, organisation: Option<String>, action: String) -> impl IntoView {
    let problem = use_context::<FormProblem>().unwrap_or_default();
    let password_error = problem.error("invite", "password");
    let confirm_error = problem.error("invite", "confirm");
    let password_described = if password_error.is_some() {
        "new-password-hint new-password-error"
    } else {
        "new-password-hint"
    };
    view! {
        <p>{text::invited_as(&email, organisation.as_deref())}</p>
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        <form method="post" action=action class="stack sign-in">
            <input type="hidden" name="email" value=email autocomplete="username"/>
            <div class="field">
                <label for="new-password">{text::CHOOSE_PASSWORD}</label>
                <p class="hint" id="new-password-hint">{text::PASSWORD_HINT}</p>
                <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="128"
                    aria-invalid=password_error.is_some().then_some("true") aria-describedby=password_described/>
                {password_error.map(|e| view! { <p class="field-error" id="new-password-error">{e}</p> })}
            </div>
            <div class="field">
                <label for="confirm-password">{text::TYPE_AGAIN}</label>
                <input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required maxlength="128"
                    aria-invalid=confirm_error.is_some().then_some("true")
                    aria-describedby=confirm_error.is_some().then_some("confirm-password-error")/>
                {confirm_error.map(|e| view! { <p class="field-error" id="confirm-password-error">{e}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary">{text::CREATE_ACCOUNT}</button>
            </div>
        </form>
    }
}

#[component]
fn InviteSomeone(organisations: Vec<(String, String)>, problem: FormProblem) -> impl IntoView {
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
            {made.map(|InvitationMade { email, link }| view! {
                <div class="notice" role="status">
                    <p>{text::send_link(&email)}</p>
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
fn Approvals(pending: Vec<PendingChange>) -> impl IntoView {
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

const EDIT_SERVICE_FORM: &str = "edit-service";

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
fn ServiceForm(editor: EditableService) -> impl IntoView {
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
                    <input id=number_id name=format!("phone{n}_number") type="tel" inputmode="tel" value=number
                        aria-invalid=invalid aria-describedby=described/>
                    <label for=label_id.clone()>{text::PHONE_LABEL}</label>
                    <input id=label_id name=format!("phone{n}_label") type="text" maxlength="120" value=label/>
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
                <textarea id="service-description" name="description" rows="4" maxlength="4000"
                    aria-invalid=description_error.is_some().then_some("true")
                    aria-describedby=description_error.is_some().then_some("description-error")>{description}</textarea>
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
                <textarea id="service-referral" name="referral" rows="4" maxlength="4000"
                    aria-invalid=referral_error.is_some().then_some("true")
                    aria-describedby=if referral_error.is_some() { "referral-hint referral-error" } else { "referral-hint" }>{referral}</textarea>
                {referral_error.map(|e| view! { <p class="field-error" id="referral-error">{e}</p> })}
            </div>
            <div class="field">
                <label for="service-hours">{text::HOURS_NOTE}</label>
                <input id="service-hours" name="hours_note" type="text" maxlength="240" value=hours_note/>
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

#[component]
pub fn CodePage() -> impl IntoView {
    let problem = use_context::<SignInProblem>();
    let message = match &problem {
        Some(SignInProblem::CodeNotRight) => Some(text::CODE_NOT_RIGHT.to_owned()),
        Some(SignInProblem::TooManyAttempts { minutes }) => Some(text::too_many(*minutes)),
        _ => None,
    };
    view! {
        <Title text=text::CODE_TITLE/>
        <h1>{text::CODE_TITLE}</h1>
        <p>{text::CODE_INTRO}</p>
        {message.clone().map(|m| view! { <p class="error-notice" role="alert" id="code-problem">{m}</p> })}
        <form method="post" action=CODE_PATH class="stack sign-in">
            <div class="field">
                <label for="code">{text::CODE}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="7"
                    aria-invalid=message.is_some().then_some("true")
                    aria-describedby=message.is_some().then_some("code-problem")/>
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary">{text::CONTINUE}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
pub fn TwoStepPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| two_step_setup());
    view! {
        <Title text=text::TWO_STEP/>
        <h1>{text::TWO_STEP}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                signed_in_view(setup.await, |view| view! { <TwoStepSetup view/> }.into_any())
            })}
        </Suspense>
        <p><a href=HOME_PATH>{text::HOME_TITLE}</a></p>
    }
    .into_any()
}

/// The 6-digit code from the authenticator app, with its error if any.
#[component]
fn CodeField(error: Option<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="code">{text::CODE}</label>
            <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="7"
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some("code-error")/>
            {error.map(|e| view! { <p class="field-error" id="code-error">{e}</p> })}
        </div>
    }
}

#[component]
fn TwoStepSetup(view: TwoStepView) -> impl IntoView {
    let problem = use_context::<FormProblem>().unwrap_or_default();
    let error = problem.error("two-step", "code");
    match view {
        TwoStepView {
            on: true,
            can_turn_off,
            ..
        } => view! {
            <p class="notice">{text::TWO_STEP_ON}</p>
            {if can_turn_off {
                view! {
                    <form method="post" action="/organisers/totp/off" class="stack sign-in">
                        <h2>{text::TURN_OFF}</h2>
                        <p>{text::TURN_OFF_HINT}</p>
                        <CodeField error=error.clone()/>
                        <div class="actions">
                            <button type="submit" class="button">{text::TURN_OFF}</button>
                        </div>
                    </form>
                }.into_any()
            } else {
                view! { <p>{text::ADMINS_KEEP_IT}</p> }.into_any()
            }}
        }
        .into_any(),
        TwoStepView {
            key: Some(key), qr, ..
        } => view! {
            <p>{text::SCAN}</p>
            {qr.map(|svg| view! { <div class="qr" inner_html=svg></div> })}
            <p>{text::KEY} ": " <code class="invite-link">{key}</code></p>
            <form method="post" action="/organisers/totp/confirm" class="stack sign-in">
                <CodeField error=error.clone()/>
                <div class="actions">
                    <button type="submit" class="button button-primary">{text::TURN_ON}</button>
                </div>
            </form>
        }
        .into_any(),
        _ => view! {
            <p>{text::TWO_STEP_OFF}</p>
            <form method="post" action="/organisers/totp/start">
                <button type="submit" class="button button-primary">{text::SET_UP}</button>
            </form>
        }
        .into_any(),
    }
}

/// An admin adds an organisation, so its people can be invited.
#[component]
fn AddOrganisation(problem: FormProblem) -> impl IntoView {
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
fn AreasAndTerms(areas: Vec<AreaLine>, problem: FormProblem) -> impl IntoView {
    const AREA_FORM: &str = "add-area";
    const TERMS_FORM: &str = "terms";
    let name = Field::of(&problem, AREA_FORM, "name");
    let nation = Field::of(&problem, AREA_FORM, "nation");
    let area = Field::of(&problem, TERMS_FORM, "area");
    let dates = Field::of(&problem, TERMS_FORM, "dates");
    let dates_hint = format!("{}-hint", dates.id);
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
                        aria-invalid=dates.invalid() aria-describedby=dates.described_by(Some(&dates_hint))>{dates.value.clone()}</textarea>
                    {dates.message()}
                </div>
                <div class="actions">
                    <button type="submit" class="button">{text::IMPORT_TERMS}</button>
                </div>
            </form>
            <form method="post" action="/organisers/areas" class="stack">
                <OnceField form="add-area"/>
                <h3>{text::ADD_AREA}</h3>
                <div class="field">
                    <label for=name.id.clone()>{text::AREA_NAME}</label>
                    <input id=name.id.clone() name="name" type="text" maxlength="120" required value=name.value.clone()
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
fn Organisations(
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
