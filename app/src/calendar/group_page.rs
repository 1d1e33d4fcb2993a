//! A group's page: everything about it in plain words, its next sessions
//! with breaks shown as such, and "Add to calendar".

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use village_core::calendar::ics::Alert;

use super::{
    api::group_page,
    follow::FollowGroup,
    group_model::{Fact, GroupPageView, UpcomingLine},
    text,
};
use crate::reports::{OutOfDateNotice, ReportForm};
use crate::ui::{set_http_status, ErrorNotice, Loading, PageQr, SampleBadge};
use village_core::report::ListingKind;

#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let group = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        group_page,
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(view) => view! { <GroupDetails group=view/> }.into_any(),
                    Err(error) => {
                        set_http_status(error.status_code());
                        view! {
                            <Title text=text::GROUP_NOT_FOUND/>
                            <h1>{text::GROUP_NOT_FOUND}</h1>
                            <ErrorNotice error/>
                            <p><a href="/">{text::BACK_TO_WEEK}</a></p>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Facts(facts: Vec<Fact>) -> impl IntoView {
    view! {
        <dl class="facts">
            {facts.into_iter().map(|f| view! { <dt>{f.label}</dt><dd>{f.value}</dd> }).collect_view()}
        </dl>
    }
}

#[component]
fn GroupDetails(group: GroupPageView) -> impl IntoView {
    let title = group.title.clone();
    let confirmed = format!(
        "{} {}",
        text::LAST_CONFIRMED,
        text::day_heading(group.last_confirmed)
    );
    view! {
        <Title text=title.clone()/>
        <h1>{title} {group.is_sample.then(|| view! { " " <SampleBadge/> })}</h1>
        <OutOfDateNotice shown=group.may_be_out_of_date/>
        {group.freshness.clone().map(|note| view! { <p class="notice stale-note" role="note">{note}</p> })}
        <p class="lead">{group.description}</p>
        <p>{text::RUN_BY} " " {group.organisation}</p>
        <ul class="badges" aria-label="About this group">
            {group.badges.into_iter().map(|b| view! { <li class="tag">{b}</li> }).collect_view()}
        </ul>

        <WhenSection when=group.when upcoming=group.upcoming ics_href=group.ics_href
            webcal_href=group.webcal_href id=group.id.clone() webcal_base=group.webcal_base.clone()/>

        <section aria-labelledby="where-heading">
            <h2 id="where-heading">{text::WHERE_HEADING}</h2>
            <Facts facts=group.place/>
            {(!group.access.is_empty()).then(|| view! {
                <h3>{text::ACCESS_HEADING}</h3>
                <ul>{group.access.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
            })}
            {(!group.joining.is_empty() || group.joining_link.is_some()).then(|| view! {
                <h3>{text::JOINING_HEADING}</h3>
                {group.joining.into_iter().map(|j| view! { <p>{j}</p> }).collect_view()}
                {group.joining_link.map(|link| view! { <p><a href=link.clone() rel="noopener noreferrer">{text::JOIN_LINK}</a></p> })}
            })}
        </section>

        {(!group.first_visit.is_empty()).then(|| view! {
            <section aria-labelledby="first-visit-heading">
                <h2 id="first-visit-heading">{text::FIRST_VISIT_HEADING}</h2>
                <p class="first-visit">{group.first_visit.clone()}</p>
            </section>
        })}

        <section aria-labelledby="details-heading">
            <h2 id="details-heading">{text::DETAILS_HEADING}</h2>
            <Facts facts=group.facts/>
            <p class="contact">{text::CONTACT} " " {match group.contact {
                Some((words, href)) => view! { <a href=href rel="noopener noreferrer">{words}</a> }.into_any(),
                None => view! { {text::CONTACT_NOT_GIVEN} }.into_any(),
            }}</p>
            <p class="confirmed">{confirmed}</p>
        </section>
        <ReportForm kind=ListingKind::Group id=group.id.clone()/>
        <PageQr link=group.page_link svg=group.qr_svg/>
        <p><a href="/">{text::BACK_TO_WEEK}</a></p>
    }
}

/// "Add to calendar", the subscription, and the subscription with a
/// reminder (plain links, so they work without scripts).
#[component]
fn CalendarLinks(ics_href: String, webcal_href: String) -> impl IntoView {
    let with = |alert: Alert| format!("{webcal_href}?alert={}", alert.code());
    view! {
        <p class="add-to-calendar">
            <a class="button button-primary" href=ics_href download>{text::ADD_TO_CALENDAR}</a>
            <a href=webcal_href.clone()>{text::SUBSCRIBE}</a>
        </p>
        <p class="hint">
            {text::SUBSCRIBE_WITH_REMINDER} " "
            <a href=with(Alert::HourBefore)>{text::reminder(Alert::HourBefore)}</a>
            " · "
            <a href=with(Alert::EveningBefore)>{text::reminder(Alert::EveningBefore)}</a>
        </p>
    }
    .into_any()
}

/// When the group meets, its next sessions, and the ways to keep them in a
/// calendar.
#[component]
fn WhenSection(
    when: Vec<String>,
    upcoming: Vec<UpcomingLine>,
    ics_href: String,
    webcal_href: String,
    id: String,
    webcal_base: String,
) -> impl IntoView {
    view! {
        <section aria-labelledby="when-heading">
            <h2 id="when-heading">{text::WHEN_HEADING}</h2>
            {when.into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
            <h3>{text::NEXT_SESSIONS}</h3>
            <ol class="upcoming">
                {upcoming.into_iter().map(|line| match line {
                    UpcomingLine::Session { date, times, cancelled, note } => {
                        let class = if cancelled.is_some() { "upcoming-session cancelled" } else { "upcoming-session" };
                        view! {
                            <li class=class>
                                <strong>{text::day_heading(date)}</strong> ", " {times}
                                {cancelled.map(|reason| view! { <span class="cancelled-note">" · " {text::CANCELLED} ": " {reason}</span> })}
                                {note.map(|n| view! { <span class="moved-note">" · " {n}</span> })}
                            </li>
                        }.into_any()
                    }
                    UpcomingLine::Gap(words) => view! { <li class="upcoming-gap">{words}</li> }.into_any(),
                }).collect_view()}
            </ol>
            <CalendarLinks ics_href webcal_href/>
            <FollowGroup id webcal_base/>
        </section>
    }
    .into_any()
}
