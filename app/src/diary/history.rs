//! The history: a calm list by day, a trend chart drawn as inline SVG with a
//! table for screen readers, and gentle patterns. No streaks or scores.

use chrono::{Days, NaiveDate};
use leptos::{prelude::*, task::spawn_local};
use village_core::mood::{
    insights::{days, patterns},
    written, DayMood, Entry, Mood, Span,
};

use super::browser;
use super::face::MoodFace;
use super::state::{problem_text, DiaryState, Notice, Tab};
use super::text;

#[component]
pub fn History() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let span = RwSignal::new(Span::TwoWeeks);
    let today = browser::now().0;
    let first = move || span.get().first_day(today);
    let day_moods = move || days(state.diary.read().entries(), first(), today);
    // The list can show every check-in, so none is ever out of reach (an
    // old backdated one, or one from a phone whose clock was ahead).
    let show_all = RwSignal::new(false);
    let listed = move || {
        let first = first();
        let all = show_all.get();
        state
            .diary
            .read()
            .entries()
            .iter()
            .filter(|e| all || (e.day() >= first && e.day() <= today))
            .cloned()
            .collect::<Vec<Entry>>()
    };
    let found = move || patterns(state.diary.read().entries(), span.get(), today);

    view! {
        <section class="history" aria-labelledby="history-title">
            <h2 id="history-title" tabindex="-1">{text::HISTORY_HEADING}</h2>
            <fieldset class="chips">
                <legend>{text::SPAN_LEGEND}</legend>
                {Span::ALL.iter().map(|&choice| view! {
                    <label class="chip">
                        <input type="radio" name="span" prop:checked=move || span.get() == choice
                            on:change=move |_| span.set(choice)/>
                        <span>{text::span(choice)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            {move || if state.diary.read().is_empty() {
                view! { <p>{text::NO_ENTRIES}</p> }.into_any()
            } else {
                view! {
                    <Chart span=span.get() first=first() last=today days=day_moods()/>
                    <h3>{text::PATTERNS_HEADING}</h3>
                    {let found = found();
                     if found.is_empty() {
                        view! { <p class="hint">{text::PATTERNS_NONE}</p> }.into_any()
                     } else {
                        view! {
                            <ul class="plain-list patterns">
                                {found.into_iter().map(|p| view! {
                                    <li>{text::pattern(p.context, p.higher(), p.mean_with, p.mean_without)}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                     }}
                    <p>
                        <button type="button" class="button" aria-pressed=move || show_all.get().to_string()
                            on:click=move |_| show_all.update(|all| *all = !*all)>
                            {text::SHOW_ALL}
                        </button>
                    </p>
                    <DayList entries=listed()/>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// The drawing's size; the SVG's viewBox says the same.
const WIDTH: f32 = 340.0;
const HEIGHT: f32 = 170.0;
const LEFT: f32 = 74.0;
const RIGHT: f32 = 10.0;
const TOP: f32 = 10.0;
const BOTTOM: f32 = 26.0;

/// The trend, drawn by the app: one point per day with check-ins.
#[component]
fn Chart(span: Span, first: NaiveDate, last: NaiveDate, days: Vec<DayMood>) -> impl IntoView {
    let total_days = (last - first).num_days().max(1) as f32;
    let x = move |day: NaiveDate| {
        LEFT + (day - first).num_days() as f32 / total_days * (WIDTH - LEFT - RIGHT)
    };
    let px = written::tenths;
    let y = |mood: f32| TOP + (5.0 - mood) / 4.0 * (HEIGHT - TOP - BOTTOM);
    let average =
        (!days.is_empty()).then(|| days.iter().map(|d| d.mean).sum::<f32>() / days.len() as f32);
    let summary = text::chart_summary(span, days.len(), average);
    let points: String = days
        .iter()
        .map(|d| {
            format!(
                "{},{}",
                written::tenths(x(d.day)),
                written::tenths(y(d.mean))
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let middle = first
        .checked_add_days(Days::new(((last - first).num_days() / 2) as u64))
        .unwrap_or(first);
    let table_rows = days.clone();
    view! {
        <figure class="mood-chart">
            <svg viewBox="0 0 340 170" role="img" aria-labelledby="mood-chart-summary" focusable="false">
                {Mood::ALL.iter().map(|&mood| {
                    let at = y(f32::from(mood.score()));
                    view! {
                        <line class="grid" x1=px(LEFT) x2=px(WIDTH - RIGHT) y1=px(at) y2=px(at)/>
                        <text class="axis" x=px(LEFT - 6.0) y=px(at + 4.0) text-anchor="end">{mood.word()}</text>
                    }
                }).collect_view()}
                {[first, middle, last].into_iter().map(|day| view! {
                    <text class="axis" x=px(x(day)) y=px(HEIGHT - 8.0) text-anchor="middle">{text::short_day(day)}</text>
                }).collect_view()}
                <polyline class="trend" points=points fill="none"/>
                {days.iter().map(|d| view! {
                    <circle class="point" cx=px(x(d.day)) cy=px(y(d.mean)) r="4"/>
                }).collect_view()}
            </svg>
            <figcaption id="mood-chart-summary">{summary}</figcaption>
        </figure>
        <details class="chart-table">
            <summary>{text::TABLE_TOGGLE}</summary>
            <table>
                <thead><tr><th scope="col">{text::TABLE_DAY}</th><th scope="col">{text::TABLE_MOOD}</th><th scope="col">{text::TABLE_CHECK_INS}</th></tr></thead>
                <tbody>
                    {table_rows.into_iter().map(|d| view! {
                        <tr><th scope="row">{text::day_heading(d.day)}</th><td>{written::tenths(d.mean)}</td><td>{d.check_ins}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
    .into_any()
}

/// The check-ins by day, newest first, each with Change and Delete.
#[component]
fn DayList(entries: Vec<Entry>) -> impl IntoView {
    let state = expect_context::<DiaryState>();
    if entries.is_empty() {
        return view! { <p>{text::NO_ENTRIES_IN_SPAN}</p> }.into_any();
    }
    let mut by_day: Vec<(NaiveDate, Vec<Entry>)> = Vec::new();
    for entry in entries {
        match by_day.last_mut() {
            Some((day, list)) if *day == entry.day() => list.push(entry),
            _ => by_day.push((entry.day(), vec![entry])),
        }
    }
    let delete = move |entry: Entry| {
        let Some(vault) = state.vault() else { return };
        spawn_local(async move {
            match vault.delete(entry.id()).await {
                Ok(()) => {
                    state.diary.update(|d| {
                        d.remove(entry.id());
                    });
                    state.last_deleted.set(Some(entry));
                    state.say(Notice {
                        undo: true,
                        ..Notice::ok(text::DELETED)
                    });
                    browser::focus_soon(".diary-status button");
                }
                Err(error) => state.say(Notice::problem(problem_text(&error))),
            }
        });
    };
    view! {
        <div class="day-list">
            {by_day.into_iter().map(|(day, list)| view! {
                <section class="diary-day">
                    <h3>{text::day_heading(day)}</h3>
                    <ul class="plain-list">
                        {list.into_iter().map(|entry| {
                            let to_edit = entry.clone();
                            let to_delete = entry.clone();
                            let tags: Vec<&'static str> = entry.feelings().iter().map(|f| f.label())
                                .chain(entry.context().iter().map(|c| c.label())).collect();
                            view! {
                                <li class="diary-entry">
                                    <p class="entry-mood">
                                        <time>{written::time(entry.time())}</time> " "
                                        <MoodFace mood=entry.mood()/> " "
                                        <strong>{entry.mood().word()}</strong>
                                    </p>
                                    {(!tags.is_empty()).then(|| view! {
                                        <ul class="badges">{tags.into_iter().map(|t| view! { <li class="tag">{t}</li> }).collect_view()}</ul>
                                    })}
                                    {(!entry.note().is_empty()).then(|| view! { <p class="entry-note">{entry.note().to_owned()}</p> })}
                                    <p class="actions">
                                        <button type="button" class="button" on:click=move |_| {
                                            state.form.fill(&to_edit);
                                            state.editing.set(Some(to_edit.clone()));
                                            state.tab.set(Tab::CheckIn);
                                            browser::focus_soon("#check-in-title");
                                        }>{text::EDIT}<span class="visually-hidden">{format!(" {}, {}", text::day_heading(entry.day()), written::time(entry.time()))}</span></button>
                                        <button type="button" class="button button-danger" on:click=move |_| delete(to_delete.clone())>
                                            {text::DELETE}<span class="visually-hidden">{format!(" {}, {}", text::day_heading(entry.day()), written::time(entry.time()))}</span>
                                        </button>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
        </div>
    }
    .into_any()
}
