//! The diary itself: one island that opens the phone's storage after
//! hydration and shows the intro, the lock screen or the open diary.
//! Nothing in it calls the server.

use std::time::Duration;

use leptos::{ev, html, prelude::*, task::spawn_local};
use village_core::mood::{lock::Passcode, Diary};

use super::about_me::AboutMeCard;
use super::browser;
use super::check_in::CheckIn;
use super::history::History;
use super::say_it::SayIt;
use super::self_check::SelfCheck;
use super::state::{problem_text, DiaryState, Notice, Phase, Tab, IDLE_LOCK_MINUTES};
use super::text;
use super::vault::{Vault, VaultError};
use super::your_data::{DeleteEverything, YourData};
use crate::idb;

/// Lazy: its code is a separate WASM chunk that only the diary page loads,
/// so the other pages stay small.
#[island(lazy)]
pub fn DiaryApp() -> impl IntoView {
    let state = DiaryState::new();
    provide_context(state);

    Effect::new(move |_| {
        // A link such as "/mood#say=self-referral&service=…" opens "Help me
        // say it" for that service (after the "#", so the page the service
        // worker keeps is the same and the server never sees it).
        if let Some(say_for) = browser::say_for() {
            if let Some(audience) = say_for.audience {
                state.say.audience.set(audience);
            }
            state.say_for.set(say_for);
            state.tab.set(Tab::SayIt);
        }
        spawn_local(open_diary(state));
        // Another tab changed the lock or deleted the diary: start afresh.
        browser::on_change_elsewhere(move || {
            lock_now(state);
            state.phase.set(Phase::Loading);
            spawn_local(open_diary(state));
        });
        spawn_local(async move { state.persisted.set(Some(browser::persist_storage().await)) });
        let active = move || state.last_active.set_value(browser::now_millis());
        active();
        let on_pointer = window_event_listener(ev::pointerdown, move |_| active());
        let on_key = window_event_listener(ev::keydown, move |_| active());
        let lock_if_quiet = move || {
            let quiet = browser::now_millis() - state.last_active.get_value();
            let locked_diary_open =
                state.lock.get_untracked().is_some() && state.phase.get_untracked() == Phase::Open;
            if locked_diary_open && quiet > IDLE_LOCK_MINUTES * 60_000 {
                lock_now(state);
            }
        };
        let idle = set_interval_with_handle(lock_if_quiet, Duration::from_secs(15)).ok();
        // A phone that wakes, or a page restored from the back-forward cache,
        // checks at once rather than at the next tick.
        let on_show = window_event_listener_untyped("pageshow", move |_| lock_if_quiet());
        let on_visible =
            window_event_listener_untyped("visibilitychange", move |_| lock_if_quiet());
        let on_focus = window_event_listener(ev::focus, move |_| lock_if_quiet());
        on_cleanup(move || {
            on_pointer.remove();
            on_key.remove();
            on_show.remove();
            on_visible.remove();
            on_focus.remove();
            if let Some(idle) = idle {
                idle.clear();
            }
        });
    });

    let notice = move || {
        state.notice.get().map(|notice| {
            let class = if notice.problem { "error-notice" } else { "notice" };
            view! {
                <p class=class>
                    {notice.text}
                    {notice.undo.then(|| view! {
                        " " <button type="button" class="button" on:click=move |_| undo_delete(state)>{text::UNDO}</button>
                    })}
                </p>
            }
        })
    };

    view! {
        <div class="diary">
            <div class="diary-status" role="status" aria-live="polite">{notice}</div>
            {move || match state.phase.get() {
                Phase::Loading => view! { <p>{text::LOADING}</p> }.into_any(),
                Phase::NoStorage => view! { <p class="error-notice">{text::NO_STORAGE}</p> }.into_any(),
                Phase::Intro => view! { <Intro/> }.into_any(),
                Phase::Locked => view! { <Unlock/> }.into_any(),
                Phase::Damaged => view! {
                    <p class="error-notice">{text::LOCK_DAMAGED}</p>
                    <DeleteEverything/>
                }.into_any(),
                Phase::Open => view! { <OpenDiary/> }.into_any(),
            }}
        </div>
    }
    .into_any()
}

/// Opens storage and decides the first screen.
async fn open_diary(state: DiaryState) {
    match Vault::open().await {
        Ok((vault, settings)) => {
            state.vault.set_value(Some(vault));
            state.last_self_check.set(settings.last_self_check);
            let locked = settings.lock.is_some();
            state.lock.set(settings.lock);
            if settings.lock_damaged {
                state.phase.set(Phase::Damaged);
            } else if !settings.intro_read {
                state.phase.set(Phase::Intro);
            } else if locked {
                state.phase.set(Phase::Locked);
            } else {
                load(state).await;
            }
        }
        Err(VaultError::Storage(error)) if error.0 == idb::BLOCKED => {
            state.say(Notice::problem(idb::BLOCKED));
            state.phase.set(Phase::NoStorage);
        }
        Err(_) => state.phase.set(Phase::NoStorage),
    }
}

/// Reads the check-ins (decrypting them if the diary is unlocked) and opens.
pub async fn load(state: DiaryState) {
    let Some(vault) = state.vault() else {
        state.phase.set(Phase::NoStorage);
        return;
    };
    match vault.load().await {
        Ok(loaded) => {
            state.diary.set(Diary::from_entries(loaded.entries));
            state.notes.set(loaded.notes);
            if loaded.unreadable > 0 {
                state.say(Notice::problem(text::unreadable(loaded.unreadable)));
            }
            state.phase.set(Phase::Open);
        }
        Err(_) => state.phase.set(Phase::NoStorage),
    }
}

/// Forgets the key and the check-ins held in memory.
pub fn lock_now(state: DiaryState) {
    state.vault.update_value(|vault| {
        if let Some(vault) = vault {
            vault.forget_key();
        }
    });
    state.diary.set(Diary::default());
    state.forget_words();
    state.form.clear();
    state.editing.set(None);
    state.last_deleted.set(None);
    state.notice.set(None);
    state.phase.set(Phase::Locked);
}

fn undo_delete(state: DiaryState) {
    let (Some(entry), Some(vault)) = (state.last_deleted.get_untracked(), state.vault()) else {
        return;
    };
    spawn_local(async move {
        match vault.save(std::slice::from_ref(&entry)).await {
            Ok(()) => {
                state.diary.update(|d| d.save(entry));
                state.last_deleted.set(None);
                state.say(Notice::ok(text::RESTORED));
            }
            Err(error) => state.say(Notice::problem(problem_text(&error))),
        }
    });
}

#[component]
fn Intro() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let start = move |_| {
        let Some(vault) = state.vault() else { return };
        spawn_local(async move {
            match vault.mark_intro_read().await {
                Ok(()) if state.lock.get_untracked().is_some() => state.phase.set(Phase::Locked),
                Ok(()) => load(state).await,
                Err(error) => state.say(Notice::problem(problem_text(&error))),
            }
        });
    };
    view! {
        <section class="diary-intro" aria-labelledby="diary-intro-title">
            <h2 id="diary-intro-title">{text::PRIVACY_HEADING}</h2>
            <ul class="plain-list">
                {text::PRIVACY_POINTS.iter().map(|point| view! { <li>{*point}</li> }).collect_view()}
            </ul>
            <p><a href="/privacy">{text::PRIVACY_MORE}</a></p>
            <button type="button" class="button button-primary" on:click=start>{text::PRIVACY_OK}</button>
        </section>
    }
    .into_any()
}

#[component]
fn Unlock() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    let input = NodeRef::<html::Input>::new();
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |event: ev::SubmitEvent| {
        event.prevent_default();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        let passcode = match Passcode::entered(&typed) {
            Ok(passcode) => passcode,
            Err(_) => {
                problem.set(Some(text::WRONG_PIN.to_owned()));
                return;
            }
        };
        let (Some(mut vault), Some(lock)) = (state.vault(), state.lock.get_untracked()) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let outcome = vault.unlock(&lock, &passcode).await;
            busy.set(false);
            match outcome {
                Ok(()) => {
                    state.vault.set_value(Some(vault));
                    state.last_active.set_value(browser::now_millis());
                    problem.set(None);
                    load(state).await;
                }
                Err(VaultError::WrongPasscode) => {
                    problem.set(Some(text::WRONG_PIN.to_owned()));
                    if let Some(input) = input.get_untracked() {
                        input.set_value("");
                        let _ = input.focus();
                    }
                }
                Err(error) => problem.set(Some(problem_text(&error))),
            }
        });
    };
    view! {
        <section class="diary-locked" aria-labelledby="diary-locked-title">
            <h2 id="diary-locked-title">{text::LOCKED_HEADING}</h2>
            <form class="stack" on:submit=submit novalidate>
                <div class="field">
                    <label for="diary-unlock">{text::UNLOCK_LABEL}</label>
                    <input id="diary-unlock" type="password" node_ref=input autocomplete="current-password"
                        aria-invalid=move || problem.read().is_some().to_string()
                        aria-describedby="diary-unlock-problem"/>
                    <p id="diary-unlock-problem" class="field-error" role="alert">{move || problem.get()}</p>
                </div>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { text::WORKING } else { text::UNLOCK }}
                </button>
            </form>
            <h3>{text::FORGOT_HEADING}</h3>
            <p>{text::FORGOT_TEXT}</p>
            <DeleteEverything/>
        </section>
    }
    .into_any()
}

#[component]
fn OpenDiary() -> impl IntoView {
    let state = expect_context::<DiaryState>();
    view! {
        <nav class="diary-tabs" aria-label=text::SECTIONS>
            {Tab::ALL.iter().map(|&tab| view! {
                <button type="button" class="button"
                    aria-pressed=move || (state.tab.get() == tab).to_string()
                    on:click=move |_| {
                        // Leaving an edit half-done abandons it; the original is kept.
                        if tab != Tab::CheckIn && state.editing.get_untracked().is_some() {
                            state.editing.set(None);
                            state.form.clear();
                        }
                        state.tab.set(tab);
                    }>
                    {tab.label()}
                </button>
            }).collect_view()}
        </nav>
        {move || match state.tab.get() {
            Tab::CheckIn => view! { <CheckIn/> }.into_any(),
            Tab::History => view! { <History/> }.into_any(),
            Tab::SelfCheck => view! { <SelfCheck/> }.into_any(),
            Tab::SayIt => view! { <SayIt/> }.into_any(),
            Tab::AboutMe => view! { <AboutMeCard/> }.into_any(),
            Tab::Data => view! { <YourData/> }.into_any(),
        }}
    }
    .into_any()
}
