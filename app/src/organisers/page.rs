//! The organisers' pages: sign in, and the home where they keep their
//! listings current. Plain forms, posted to the server.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{organiser_home, GroupLine, Home, ServiceLine},
    text, FormProblem, SignInProblem, HOME_PATH, SIGN_IN_PATH,
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
                match home.await {
                    Ok(Some(home)) => view! { <HomeView home/> }.into_any(),
                    Ok(None) => {
                        send_to_sign_in();
                        view! { <p><a href=SIGN_IN_PATH>{text::SIGN_IN}</a></p> }.into_any()
                    }
                    Err(error) => {
                        set_http_status(error.status_code());
                        view! { <ErrorNotice error/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
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
        Some("cancelled") => Some(text::CANCELLED),
        _ => None,
    };
    view! {
        <h1>{text::HOME_TITLE}</h1>
        <p>{text::signed_in_as(&home.email, &home.role, home.organisation.as_deref())}</p>
        {done.map(|d| view! { <p class="notice" role="status">{d}</p> })}
        {(!problem.errors.is_empty()).then(|| view! { <p class="error-notice" role="alert">{text::FIX_BELOW}</p> })}
        <section aria-labelledby="services-title">
            <h2 id="services-title">{text::SERVICES}</h2>
            {if home.services.is_empty() {
                view! { <p>{text::NO_SERVICES}</p> }.into_any()
            } else {
                view! {
                    <ul class="organiser-list">
                        {home.services.into_iter().map(|s| view! { <ServiceRow service=s/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="groups-title">
            <h2 id="groups-title">{text::GROUPS}</h2>
            {if home.groups.is_empty() {
                view! { <p>{text::NO_GROUPS}</p> }.into_any()
            } else {
                view! {
                    <ul class="organiser-list">
                        {home.groups.into_iter().map(|g| view! { <GroupRow group=g problem=problem.clone()/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
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
fn ServiceRow(service: ServiceLine) -> impl IntoView {
    let action = format!("{HOME_PATH}/services/{}/confirm", service.id);
    let label = format!("{} — {}", text::STILL_ACCURATE, service.name);
    view! {
        <li class="organiser-item">
            <h3>{service.name.clone()}</h3>
            <p class:stale-note=service.stale>{text::last_confirmed(&service.last_confirmed)}</p>
            <form method="post" action=action>
                <button type="submit" class="button" aria-label=label>{text::STILL_ACCURATE}</button>
            </form>
        </li>
    }
}

#[component]
fn GroupRow(group: GroupLine, problem: FormProblem) -> impl IntoView {
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
            {if group.sessions.is_empty() {
                view! { <p>{text::NO_SESSIONS}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=action class="stack">
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
        </li>
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
