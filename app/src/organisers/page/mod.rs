//! The organisers' pages: sign in, and the home where they keep their
//! listings current. Plain forms, posted to the server. One file per part
//! of the area, as on the server: [`signing_in`], [`groups`], [`venues`],
//! [`services`] and [`admin`]; [`fields`] wires every field's label, hint
//! and error the same way.

mod admin;
mod fields;
mod groups;
mod services;
mod signing_in;
mod venues;

pub use groups::{EditGroupPage, NewGroupPage};
pub use services::EditServicePage;
pub use signing_in::{CodePage, InvitePage, TwoStepPage};
pub use venues::{EditVenuePage, NewVenuePage};

use admin::{Accounts, AddOrganisation, Approvals, AreasAndTerms, InviteSomeone, Organisations};
use groups::GroupRow;
use services::ServiceRow;
use venues::VenueList;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{organiser_home, Home},
    text, FormKey, FormProblem, SignInProblem, NEW_GROUP_PATH, SIGN_IN_PATH, TWO_STEP_PATH,
};
use crate::ui::{set_http_status, ErrorNotice, Loading};

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
                <input id="password" name="password" type="password" autocomplete="current-password" required maxlength=village_core::account::MAX_PASSWORD_CHARS.to_string()/>
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
        Some("venue-added") => Some(text::VENUE_ADDED),
        Some("account-changed") => Some(text::ACCOUNT_CHANGED),
        Some("venue-saved") => Some(text::VENUE_SAVED),
        Some("venue-deleted") => Some(text::VENUE_DELETED),
        Some("reports-resolved") => Some(crate::reports::text::RESOLVED),
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
                        <li>{name} " — " {if day.is_empty() { text::NOT_YET_CONFIRMED.to_owned() } else { text::last_confirmed(&day) }}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!home.reports.is_empty()).then(|| view! { <ReportsToDo listings=home.reports.clone()/> })}
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
        <VenueList venues=home.venues.clone()/>
        <section aria-labelledby="two-step-title">
            <h2 id="two-step-title">{text::TWO_STEP}</h2>
            <p>{if home.two_step { text::TWO_STEP_ON } else { text::TWO_STEP_OFF }}</p>
            {(!home.two_step).then(|| view! { <p><a class="button" href=TWO_STEP_PATH>{text::SET_UP}</a></p> })}
        </section>
        {home.is_admin.then(|| view! { <Approvals pending=home.pending.clone()/> })}
        {home.is_admin.then(|| view! { <AreasAndTerms areas=home.areas.clone() problem=problem.clone()/> })}
        {home.is_admin.then(|| view! { <Organisations organisations=home.organisation_details.clone() problem=problem.clone()/> })}
        {home.is_admin.then(|| view! { <AddOrganisation problem=problem.clone()/> })}
        {home.is_admin.then(|| view! { <Accounts accounts=home.accounts.clone() organisations=home.organisations.clone()/> })}
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

/// The newest reports shown for each listing; the rest are counted.
const SHOWN_REPORTS: usize = 5;

/// Reports from parents, most serious first, each listing with a way to
/// mark its reports as dealt with.
#[component]
fn ReportsToDo(listings: Vec<village_core::report::ListingReports>) -> impl IntoView {
    use crate::organisers::OnceField;
    use crate::reports::{resolve_path, text as report_text};
    view! {
        <section class="notice" aria-labelledby="reports-title">
            <h2 id="reports-title">{report_text::TODO_HEADING}</h2>
            <p>{report_text::TODO_HINT}</p>
            <ul class="organiser-list">
                {listings.into_iter().map(|listing| {
                    let label = format!("{} — {}", report_text::DEALT_WITH, listing.name);
                    let once = format!("resolve:{}:{}", listing.kind.code(), listing.id);
                    view! {
                        <li class="organiser-item">
                            <h3>{listing.name.clone()}</h3>
                            <p>{listing.kind.label()} " · " {report_text::reports(listing.reports.len())}</p>
                            <ul>
                                {listing.reports.iter().rev().take(SHOWN_REPORTS).map(|(problem, words, at)| view! {
                                    <li>
                                        <strong>{problem.label()}</strong>
                                        {(!words.is_empty()).then(|| format!(": “{words}”"))}
                                        " (" {village_core::written::long_day(village_core::calendar::london::to_local(*at).date())} ")"
                                    </li>
                                }).collect_view()}
                            </ul>
                            {(listing.reports.len() > SHOWN_REPORTS).then(|| view! { <p>{report_text::more(listing.reports.len() - SHOWN_REPORTS)}</p> })}
                            <form method="post" action=resolve_path(listing.kind, &listing.id)>
                                <OnceField form=once/>
                                <input type="hidden" name="upto" value=listing.newest.to_string()/>
                                <button type="submit" class="button" aria-label=label>{report_text::DEALT_WITH}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
