//! The body of a week (its notices, navigation, filters and days), rendered
//! to HTML once per worked-out week on the server and kept with it (see
//! `week_model`'s `WeekCache`): most of the home page, and the same for everyone who
//! sees that week.

use leptos::prelude::*;

use village_core::calendar::{Mode, When};

use super::{
    text,
    week_data::{self, WeekData, WeekSession},
    week_model::{DayView, GroupLine, SessionView, WeekView},
};
use crate::{ui::SampleBadge, worker_names::SAVED_COPY_ID};

/// A week's body as HTML, its sessions also as data for the rest of the
/// phone (see `week_data`).
pub fn render_week(week: &WeekView, days: Vec<DayView>) -> String {
    let week = week.clone();
    let data = going_ahead(&days);
    let body = Owner::new().with(|| view! { <WeekBody week days/> }.to_html());
    body + &week_data::to_script(&data)
}

/// The sessions going ahead, as the diary's bridge reads them.
fn going_ahead(days: &[DayView]) -> WeekData {
    let sessions = days
        .iter()
        .flat_map(|day| {
            day.sessions
                .iter()
                .filter(|s| s.cancelled.is_none())
                .map(|s| WeekSession {
                    date: day.date.to_string(),
                    starts: s.starts.clone(),
                    ends: s.ends.clone(),
                    title: s.title.clone(),
                    href: format!("/groups/{}", s.group_id),
                })
        })
        .collect();
    WeekData { sessions }
}

#[component]
fn WeekBody(week: WeekView, days: Vec<DayView>) -> impl IntoView {
    let any_sessions = week.any_sessions;
    let this_week = (week.from != week.today).then(|| week.week_href(week.today));
    let previous = week.week_href(week.from - chrono::Duration::days(7));
    let next = week.week_href(week.from + chrono::Duration::days(7));
    let range = text::week_range(week.from, week.to);
    let filtered = !week.filters.is_empty();
    let poster = format!("/areas/{}/poster", week.area.id);
    let feed = format!("/api/v1/areas/{}/feed.atom", week.area.id);
    view! {
        <p class="area-line">
            {text::GROUPS_IN} " " <strong>{week.area.name.clone()}</strong>
            {week.area.is_sample.then(|| view! { " " <SampleBadge/> })}
            " · " <a href="/?area=">{text::CHANGE_AREA}</a>
        </p>
        <p class="notice" id=SAVED_COPY_ID hidden>{text::saved_copy(week.today)}</p>
        <BreakNotice week=week.clone()/>
        <nav class="week-nav" aria-label=text::WEEK_NAV_LABEL>
            <a href=previous rel="prev">"← " {text::PREVIOUS_WEEK}</a>
            <span class="week-range">{range}</span>
            <a href=next rel="next">{text::NEXT_WEEK} " →"</a>
        </nav>
        {this_week.map(|href| view! { <p><a href=href>{text::BACK_TO_THIS_WEEK}</a></p> })}
        <FilterForm week=week.clone()/>
        {(filtered && !any_sessions).then(|| view! { <p class="notice">{text::NO_MATCHES}</p> })}
        {days.into_iter().map(|day| view! { <Day day/> }).collect_view()}
        <p class="poster-link">{text::POSTER_FOR_PROFESSIONALS} " " <a href=poster>{text::POSTER_LINK}</a>
            " · " <a href=feed type="application/atom+xml">{text::FEED_LINK}</a></p>
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
                    <input type="text" id="filter-town" name="town" value=f.town.clone().unwrap_or_default() autocomplete="address-level2" maxlength=village_core::calendar::filters::MAX_TOWN_LEN.to_string()/>
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
            {session.freshness.map(|note| view! { <p class="stale-note">{note}</p> })}
            <ul class="badges" aria-label="About this group">
                {session.badges.into_iter().map(|b| view! { <li class="tag">{b}</li> }).collect_view()}
            </ul>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use village_core::{AreaId, Nation};

    use super::*;
    use village_core::calendar::Filters;

    use crate::calendar::Area;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn session(title: &str, cancelled: Option<&str>) -> SessionView {
        SessionView {
            group_id: "sample-talk".to_owned(),
            title: title.to_owned(),
            starts: "10:00".to_owned(),
            ends: "11:30".to_owned(),
            where_label: "Riverside Hall".to_owned(),
            from_home: false,
            badges: Vec::new(),
            cancelled: cancelled.map(str::to_owned),
            moved_from: None,
            extra: false,
            is_sample: false,
            freshness: None,
        }
    }

    fn week_page() -> String {
        let today = day(2026, 12, 7);
        let week = WeekView {
            area: Area {
                id: AreaId::parse("sample-riverside").expect("an id"),
                name: "Riverside".to_owned(),
                nation: Nation::England,
                is_sample: false,
            },
            from: today,
            to: day(2026, 12, 13),
            today,
            filters: Filters::default(),
            filter_problems: Vec::new(),
            breaks: Vec::new(),
            paused: Vec::new(),
            still_running: Vec::new(),
            term_dates_unknown: Vec::new(),
            any_sessions: true,
            html: String::new(),
        };
        let days = vec![DayView {
            date: day(2026, 12, 8),
            is_today: false,
            in_break: None,
            bank_holiday: None,
            sessions: vec![
                session("Tuesday Talk & Tea", None),
                session("Cancelled Club", Some("The hall is flooded")),
            ],
            nothing_in_person: false,
        }];
        render_week(&week, days)
    }

    #[test]
    fn the_week_page_carries_its_sessions_going_ahead_as_data() {
        let data = week_data::from_page(&week_page()).expect("a week data block");
        assert_eq!(
            data.sessions,
            vec![WeekSession {
                date: "2026-12-08".to_owned(),
                starts: "10:00".to_owned(),
                ends: "11:30".to_owned(),
                title: "Tuesday Talk & Tea".to_owned(),
                href: "/groups/sample-talk".to_owned(),
            }]
        );
    }

    #[test]
    fn the_saved_copy_note_is_written_as_the_worker_looks_for_it() {
        let names: serde_json::Value =
            serde_json::from_str(include_str!("../../sw/names.json")).expect("names.json is JSON");
        let hidden = names["savedCopyHidden"].as_str().expect("a hidden tag");
        let shown = names["savedCopyShown"].as_str().expect("a shown tag");
        let page = week_page();
        assert_eq!(page.matches(hidden).count(), 1, "{page}");
        let revealed = page.replacen(hidden, shown, 1);
        let note = revealed
            .split(shown)
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .expect("the note, shown");
        assert_eq!(note, text::saved_copy(day(2026, 12, 7)));
    }
}
