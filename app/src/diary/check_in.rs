//! The check-in: a mood in one tap, then optional feelings, what was going
//! on and a note; Save is one more tap. Also edits an earlier check-in.

use std::collections::BTreeSet;

use leptos::{ev, prelude::*, task::spawn_local};
use village_core::mood::{
    entry::MAX_NOTE_CHARS, insights::offer_bridge, self_check, written, Context, Draft, Entry,
    EntryId, Feeling, Mood,
};

use super::browser::{self, SavedSession};
use super::face::MoodFace;
use super::state::{problem_text, DiaryState, Notice, Tab};
use super::{crypto, text};

#[component]
pub fn CheckIn() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    // The draft lives in the diary's state, so moving between sections keeps it.
    let form = state.form;
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    if state.editing.read_untracked().is_none() && form.is_untouched() {
        form.clear();
    }

    let choose_mood = move |mood: Mood| {
        form.mood.set(Some(mood));
        problem.set(None);
        // The lowest mood brings up the crisis card at once; the form keeps
        // everything, so saving is never blocked.
        if mood == Mood::VeryLow && !form.card_offered.get_untracked() {
            form.card_offered.set(true);
            browser::open_crisis_card();
        }
    };

    let save = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let Some(mood) = form.mood.get_untracked() else {
            problem.set(Some(text::CHOOSE_MOOD.to_owned()));
            return;
        };
        let today = browser::now().0;
        let editing = state.editing.get_untracked();
        let id = match editing.as_ref() {
            Some(entry) => Ok(entry.id().clone()),
            None => crypto::random_id()
                .ok()
                .and_then(|id| EntryId::parse(&id).ok())
                .ok_or(()),
        };
        let Ok(id) = id else {
            problem.set(Some(text::STORAGE_FAILED.to_owned()));
            return;
        };
        // An empty or unreadable day or time is said plainly, never guessed.
        let Some(day) = written::parse_day(&form.day.get_untracked()) else {
            problem.set(Some(text::CHOOSE_DAY.to_owned()));
            return;
        };
        let Some(time) = written::parse_time(&form.time.get_untracked()) else {
            problem.set(Some(text::CHOOSE_TIME.to_owned()));
            return;
        };
        let draft = Draft {
            id,
            day,
            time,
            mood,
            feelings: form.feelings.get_untracked(),
            context: form.context.get_untracked(),
            note: form.note.get_untracked(),
            saved_at: browser::now_millis(),
        };
        let entry = match Entry::new(draft, today) {
            Ok(entry) => entry,
            Err(error) => {
                problem.set(Some(format!("{} {error}.", text::NOT_SAVED)));
                return;
            }
        };
        let Some(vault) = state.vault() else { return };
        busy.set(true);
        state.notice.set(None);
        spawn_local(async move {
            let outcome = vault.save(std::slice::from_ref(&entry)).await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    let safety = entry.safety();
                    let offered = form.card_offered.get_untracked();
                    state.diary.update(|d| d.save(entry));
                    problem.set(None);
                    let was_editing = state.editing.get_untracked().is_some();
                    form.clear();
                    state.say(Notice::ok(text::SAVED));
                    if was_editing {
                        state.editing.set(None);
                        state.tab.set(Tab::History);
                        browser::focus_soon("#history-title");
                    }
                    if safety.crisis_card && !offered {
                        browser::open_crisis_card();
                    }
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
        });
    };

    let cancel_edit = move |_| {
        state.editing.set(None);
        form.clear();
        state.tab.set(Tab::History);
        browser::focus_soon("#history-title");
    };
    let editing = move || state.editing.read().is_some();
    let scary = move || form.feelings.read().contains(&Feeling::ScaryThoughts);
    let today = written::day(browser::now().0);

    view! {
        {move || (!editing()).then(|| view! { <Bridge/> <SelfCheckOffer/> })}
        <form class="stack check-in" on:submit=save novalidate aria-labelledby="check-in-title">
            <h2 id="check-in-title" tabindex="-1">{move || if editing() { text::EDIT_HEADING } else { text::CHECK_IN_HEADING }}</h2>
            <fieldset class="moods">
                <legend>{text::MOOD_LEGEND}</legend>
                {Mood::ALL.iter().map(|&mood| view! {
                    <label class="mood-choice">
                        <input type="radio" name="mood" value=mood.score()
                            prop:checked=move || form.mood.get() == Some(mood)
                            on:change=move |_| choose_mood(mood)/>
                        <MoodFace mood/>
                        <span>{mood.word()}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <Tags legend=text::FEELINGS_LEGEND name="feelings" all=&Feeling::ALL chosen=form.feelings label=Feeling::label/>
            {move || scary().then(|| view! {
                <aside class="notice intrusive-note" aria-labelledby="intrusive-title">
                    <h3 id="intrusive-title">{text::INTRUSIVE_HEADING}</h3>
                    <p>{text::INTRUSIVE_TEXT}</p>
                    <p>{text::INTRUSIVE_WHO} " " <a href="/help">{text::INTRUSIVE_HELP_LINK}</a></p>
                </aside>
            })}
            <Tags legend=text::CONTEXT_LEGEND name="context" all=&Context::ALL chosen=form.context label=Context::label/>
            <div class="field">
                <label for="check-in-note">{text::NOTE_LABEL}</label>
                <textarea id="check-in-note" rows="3" maxlength=MAX_NOTE_CHARS
                    prop:value=move || form.note.get()
                    on:input=move |ev| form.note.set(event_target_value(&ev))></textarea>
            </div>
            <details class="when" open=editing>
                <summary>{text::WHEN_LEGEND}</summary>
                <div class="field">
                    <label for="check-in-day">{text::DAY_LABEL}</label>
                    <input id="check-in-day" type="date" max=today.clone()
                        prop:value=move || form.day.get()
                        on:change=move |ev| form.day.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="check-in-time">{text::TIME_LABEL}</label>
                    <input id="check-in-time" type="time"
                        prop:value=move || form.time.get()
                        on:change=move |ev| form.time.set(event_target_value(&ev))/>
                </div>
            </details>
            <p class="field-error" role="alert">{move || problem.get()}</p>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if editing() { text::SAVE_CHANGES } else { text::SAVE }}
                </button>
                {move || editing().then(|| view! {
                    <button type="button" class="button" on:click=cancel_edit>{text::CANCEL_EDIT}</button>
                })}
            </div>
        </form>
    }
    .into_any()
}

/// A group of optional tags, each a checkbox that looks like a chip.
#[component]
fn Tags<T>(
    legend: &'static str,
    name: &'static str,
    all: &'static [T],
    chosen: RwSignal<BTreeSet<T>>,
    label: fn(T) -> &'static str,
) -> impl IntoView
where
    T: Copy + Ord + Send + Sync + 'static,
{
    view! {
        <fieldset class="chips">
            <legend>{legend}</legend>
            {all.iter().map(|&tag| view! {
                <label class="chip">
                    <input type="checkbox" name=name
                        prop:checked=move || chosen.read().contains(&tag)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|set| {
                                if on { set.insert(tag); } else { set.remove(&tag); }
                            });
                        }/>
                    <span>{label(tag)}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// After several low days: a gentle card with this week's groups (from the
/// copy already saved on the phone) and "Who can help". It fetches nothing.
#[component]
fn Bridge() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let due = move || offer_bridge(state.diary.read().entries(), browser::now().0);
    let saved = RwSignal::new(Vec::<SavedSession>::new());
    Effect::new(move |_| {
        if due() {
            spawn_local(async move { saved.set(browser::saved_week(browser::now().0).await) });
        }
    });
    move || {
        due().then(|| {
            view! {
                <aside class="bridge" aria-labelledby="bridge-title">
                    <h2 id="bridge-title">{text::BRIDGE_HEADING}</h2>
                    <p>{text::BRIDGE_TEXT}</p>
                    {move || (!saved.read().is_empty()).then(|| view! {
                        <p>{text::BRIDGE_SAVED_GROUPS}</p>
                        <ul class="plain-list">
                            {saved.get().into_iter().map(|s| view! {
                                <li><a href=s.href>{s.title}</a> " · " {s.day} " " {s.time}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    <p class="actions">
                        <a class="button" href="/">{text::BRIDGE_GROUPS}</a>
                        <a class="button" href="/help">{text::BRIDGE_HELP}</a>
                    </p>
                </aside>
            }
        })
    }
}

/// The weekly self-check, offered (never pushed) when a week has passed.
#[component]
fn SelfCheckOffer() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let due = move || self_check::due(state.last_self_check.get(), browser::now().0);
    move || {
        due().then(|| view! {
            <p class="hint self-check-offer">
                {text::SELF_CHECK_OFFER} " "
                <button type="button" class="button" on:click=move |_| state.tab.set(Tab::SelfCheck)>
                    {text::TAB_SELF_CHECK}
                </button>
            </p>
        })
    }
}
