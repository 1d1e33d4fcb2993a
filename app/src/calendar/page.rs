//! The home page: this week's groups for the chosen area.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    api::home_page,
    text,
    week_model::{HomeView, WeekView},
    Area,
};
use crate::ui::{set_http_status, ErrorNotice, InstallHelp, Loading, SampleBadge};

#[component]
pub fn ThisWeekPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| home_page());
    view! {
        <Title text=text::TITLE/>
        <h1>{text::TITLE}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(HomeView::Week(week)) => view! { <Week week=*week/> }.into_any(),
                    Ok(HomeView::ChooseArea { areas, problem }) => view! { <ChooseArea areas problem/> }.into_any(),
                    Err(error) => {
                        set_http_status(error.status_code());
                        view! { <ErrorNotice error/> }.into_any()
                    }
                }
            })}
        </Suspense>
        <InstallHelp/>
    }
}

#[component]
fn ChooseArea(areas: Vec<Area>, problem: Option<String>) -> impl IntoView {
    view! {
        <p class="lead">{text::INTRO}</p>
        {problem.map(|p| view! { <p class="error-notice" role="alert">{p}</p> })}
        <section aria-labelledby="areas-heading" id="areas">
            <h2 id="areas-heading">{text::CHOOSE_HEADING}</h2>
            <p>{text::CHOOSE_INTRO}</p>
            {if areas.is_empty() {
                view! { <p>{text::AREAS_EMPTY}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {areas.into_iter().map(|area| {
                            let href = format!("/?area={}", area.id);
                            view! {
                                <li>
                                    <a href=href>{area.name}</a>
                                    {area.is_sample.then(|| view! { " " <SampleBadge/> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The week itself is rendered once per worked-out week (see `days.rs`);
/// only what was wrong with this request's filters is added here.
#[component]
fn Week(week: WeekView) -> impl IntoView {
    let filters = week.filters.to_query();
    view! {
        <super::FollowedOnThisWeek filters/>
        {week.filter_problems.into_iter().map(|p| view! { <p class="error-notice" role="alert">{p}</p> }).collect_view()}
        <div class="week" inner_html=week.html></div>
    }
}
