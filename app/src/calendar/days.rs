//! The days of a week, rendered to HTML once per worked-out week on the
//! server and kept with it (see `storage::WeekKey`): most of the home page,
//! and the same for everyone who sees that week.

use leptos::prelude::*;

use super::{
    text,
    view::{DayView, SessionView},
};
use crate::shell::SampleBadge;

/// The days of a week as HTML. Rendered once per worked-out week and kept
/// with it; the text in it is escaped by the renderer as usual.
pub fn render_days(days: Vec<DayView>) -> String {
    Owner::new().with(|| {
        days.into_iter()
            .map(|day| view! { <Day day/> })
            .collect_view()
            .to_html()
    })
}

#[component]
fn Day(day: DayView) -> impl IntoView {
    let heading_id = format!("day-{}", day.date);
    let labelled_by = heading_id.clone();
    let heading = text::day_heading(day.date);
    let notes: Vec<String> = day
        .bank_holiday
        .iter()
        .chain(day.in_break.iter())
        .cloned()
        .collect();
    let empty = day.sessions.is_empty();
    view! {
        <section class="day" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {heading}
                {day.is_today.then(|| view! { " " <span class="today">{text::TODAY}</span> })}
            </h2>
            {(!notes.is_empty()).then(|| view! { <p class="day-note">{notes.join(" · ")}</p> })}
            {if empty {
                view! { <p>{text::NO_GROUPS_TODAY}</p> }.into_any()
            } else {
                view! {
                    <ol class="sessions">
                        {day.sessions.into_iter().map(|session| view! { <Session session/> }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {day.nothing_in_person.then(|| view! {
                <p class="suggestion">{text::NOTHING_IN_PERSON} " " <a href="/help">{text::WHO_CAN_HELP}</a> "."</p>
            })}
        </section>
    }
}

#[component]
fn Session(session: SessionView) -> impl IntoView {
    let href = format!("/groups/{}", session.group_id);
    let cancelled = session.cancelled.is_some();
    let class = if cancelled {
        "session cancelled"
    } else {
        "session"
    };
    view! {
        <li class=class>
            <p class="session-time">
                <time>{session.starts.clone()}</time> "–" <time>{session.ends.clone()}</time>
            </p>
            <h3 class="session-title">
                <a href=href>{session.title.clone()}</a>
                {session.is_sample.then(|| view! { " " <SampleBadge/> })}
            </h3>
            {session.cancelled.map(|reason| view! { <p class="cancelled-note"><strong>{text::CANCELLED} ":"</strong> " " {reason}</p> })}
            {session.moved_from.map(|date| view! { <p class="moved-note">{text::moved_from(date)}</p> })}
            {session.extra.then(|| view! { <p class="moved-note">{text::EXTRA_SESSION}</p> })}
            <p class="session-where">{session.where_label.clone()}</p>
            <ul class="badges" aria-label="About this group">
                {session.badges.into_iter().map(|b| view! { <li class="tag">{b}</li> }).collect_view()}
            </ul>
        </li>
    }
}
