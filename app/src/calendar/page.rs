//! The home page: this week's groups for the chosen area.

use leptos::prelude::*;
use leptos_meta::Title;
use village_core::calendar::{Mode, When};

use super::{
    api::home_page,
    text,
    view::{GroupLine, HomeView, WeekView},
    Area,
};
use crate::shell::{set_http_status, ErrorNotice, InstallHelp, Loading, SampleBadge};

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

#[component]
fn Week(week: WeekView) -> impl IntoView {
    let any_sessions = week.any_sessions;
    let this_week = (week.from != week.today).then(|| week.week_href(week.today));
    let previous = week.week_href(week.from - chrono::Duration::days(7));
    let next = week.week_href(week.from + chrono::Duration::days(7));
    let range = text::week_range(week.from, week.to);
    let filtered = !week.filters.is_empty();
    let poster = format!("/areas/{}/poster", week.area.id);
    view! {
        <p class="area-line">
            {text::GROUPS_IN} " " <strong>{week.area.name.clone()}</strong>
            {week.area.is_sample.then(|| view! { " " <SampleBadge/> })}
            " · " <a href="/?area=">{text::CHANGE_AREA}</a>
        </p>
        <p class="notice" id="saved-copy" hidden>{text::saved_copy(week.today)}</p>
        {week.filter_problems.iter().map(|p| view! { <p class="error-notice" role="alert">{p.clone()}</p> }).collect_view()}
        <BreakNotice week=week.clone()/>
        <nav class="week-nav" aria-label=text::WEEK_NAV_LABEL>
            <a href=previous rel="prev">"← " {text::PREVIOUS_WEEK}</a>
            <span class="week-range">{range}</span>
            <a href=next rel="next">{text::NEXT_WEEK} " →"</a>
        </nav>
        {this_week.map(|href| view! { <p><a href=href>{text::BACK_TO_THIS_WEEK}</a></p> })}
        <FilterForm week=week.clone()/>
        {(filtered && !any_sessions).then(|| view! { <p class="notice">{text::NO_MATCHES}</p> })}
        <div class="days" inner_html=week.days_html.clone()></div>
        <p class="poster-link">{text::POSTER_FOR_PROFESSIONALS} " " <a href=poster>{text::POSTER_LINK}</a></p>
    }
}

#[component]
fn BreakNotice(week: WeekView) -> impl IntoView {
    let has_break = !week.breaks.is_empty();
    let unknown = week.term_dates_unknown;
    view! {
        {has_break.then(|| {
            let banners = week
                .breaks
                .iter()
                .map(|b| view! { <p class="break-title"><strong>{text::break_banner(&b.name, b.first, b.last, b.groups)}</strong></p> })
                .collect_view();
            view! {
                <section class="break-notice" aria-label="School holidays">
                    {banners}
                    {(!week.still_running.is_empty()).then(|| view! {
                        <p>{text::STILL_RUN}</p>
                        <ul class="group-lines">{week.still_running.clone().into_iter().map(|g| view! { <GroupLink line=g/> }).collect_view()}</ul>
                    })}
                    {(!week.paused.is_empty()).then(|| view! {
                        <details>
                            <summary>{text::HAVING_A_BREAK} " (" {week.paused.len()} ")"</summary>
                            <ul class="group-lines">{week.paused.clone().into_iter().map(|g| view! { <PausedLine line=g/> }).collect_view()}</ul>
                        </details>
                    })}
                </section>
            }
        })}
        {(!unknown.is_empty()).then(|| view! {
            <section class="notice" aria-label="Term dates not known">
                <p>{text::CHECK_TERM_DATES}</p>
                <ul class="group-lines">{unknown.into_iter().map(|g| view! { <GroupLink line=g/> }).collect_view()}</ul>
            </section>
        })}
    }
    .into_any()
}

#[component]
fn GroupLink(line: GroupLine) -> impl IntoView {
    let href = format!("/groups/{}", line.group_id);
    view! { <li><a href=href>{line.title}</a> " · " {line.detail}</li> }
}

#[component]
fn PausedLine(line: GroupLine) -> impl IntoView {
    let href = format!("/groups/{}", line.group_id);
    let back = match line.resumes {
        Some(date) => format!("{} {}", text::BACK_ON, text::weekday_date(date)),
        None => text::BACK_NOT_KNOWN.to_owned(),
    };
    view! { <li><a href=href>{line.title}</a> " · " {line.detail} ", " {back}</li> }
}

/// A plain GET form, so filtering works before (and without) any script.
#[component]
fn FilterForm(week: WeekView) -> impl IntoView {
    let f = week.filters.clone();
    let when = f.when;
    let mode = f.mode;
    let when_option = move |value: Option<When>, label: &'static str| {
        let code = value.map(When::code).unwrap_or_default();
        view! { <option value=code selected=when == value>{label}</option> }
    };
    let mode_option = move |value: Option<Mode>, label: &'static str| {
        let code = value.map(Mode::code).unwrap_or_default();
        view! { <option value=code selected=mode == value>{label}</option> }
    };
    let check = |name: &'static str, label: &'static str, on: bool| {
        let id = format!("filter-{name}");
        view! {
            <li>
                <input type="checkbox" id=id.clone() name=name value="1" checked=on/>
                <label for=id>{label}</label>
            </li>
        }
    };
    let clear = format!("/?area={}&filters=none", week.area.id);
    view! {
        <details class="filters" open=!f.is_empty()>
            <summary>{text::FILTERS_HEADING} {(!f.is_empty()).then(|| format!(" · {}", text::FILTERS_ON))}</summary>
            <form method="get" action="/">
                <input type="hidden" name="area" value=week.area.id.to_string()/>
                <input type="hidden" name="week" value=week.from.to_string()/>
                <p>
                    <label for="filter-when">{text::FILTER_WHEN}</label>
                    <select id="filter-when" name="when">
                        {when_option(None, text::FILTER_ANY_TIME)}
                        {when_option(Some(When::Morning), text::FILTER_MORNING)}
                        {when_option(Some(When::Afternoon), text::FILTER_AFTERNOON)}
                        {when_option(Some(When::Evening), text::FILTER_EVENING)}
                        {when_option(Some(When::Weekend), text::FILTER_WEEKEND)}
                    </select>
                </p>
                <p>
                    <label for="filter-mode">{text::FILTER_HOW}</label>
                    <select id="filter-mode" name="mode">
                        {mode_option(None, text::FILTER_ANY_WAY)}
                        {mode_option(Some(Mode::InPerson), text::FILTER_IN_PERSON)}
                        {mode_option(Some(Mode::FromHome), text::FILTER_FROM_HOME)}
                    </select>
                </p>
                <fieldset class="checks-group">
                    <legend>{text::FILTER_ONLY}</legend>
                    <ul class="checks">
                        {check("babies", text::FILTER_BABIES, f.babies)}
                        {check("toddlers", text::FILTER_TODDLERS, f.toddlers)}
                        {check("mental_health", text::FILTER_MENTAL_HEALTH, f.mental_health)}
                        {check("free", text::FILTER_FREE, f.free)}
                        {check("drop_in", text::FILTER_DROP_IN, f.drop_in)}
                    </ul>
                </fieldset>
                <p>
                    <label for="filter-town">{text::FILTER_TOWN}</label>
                    <input type="text" id="filter-town" name="town" value=f.town.clone().unwrap_or_default() autocomplete="address-level2" maxlength="60"/>
                </p>
                <p class="filter-actions">
                    <button type="submit" class="button button-primary">{text::FILTER_APPLY}</button>
                    <a href=clear>{text::FILTER_CLEAR}</a>
                </p>
            </form>
        </details>
    }
    .into_any()
}
