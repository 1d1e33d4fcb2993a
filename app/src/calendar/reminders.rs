//! Reminders the person sets, kept on the phone: the evening before a
//! followed group meets, and a gentle check-in nudge at a time they pick.
//! The settings go into the service worker's kept cache (a worker cannot
//! read the page's storage); the installed app, woken by Periodic Background
//! Sync, works the reminders out there from the kept My groups copy and
//! shows them (`app/sw/reminders.js`). No push service, nothing sent.

use leptos::{prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};

use super::text;

/// What the person chose; what the worker reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// The evening before a followed group meets.
    pub groups: bool,
    /// A check-in nudge at this time of day ("20:00"), if chosen.
    pub mood: Option<String>,
    /// Say what the reminder is about; otherwise it says only "Village".
    pub details: bool,
}

impl ReminderSettings {
    pub fn is_off(&self) -> bool {
        !self.groups && self.mood.is_none()
    }
}

/// The time the nudge is offered at, until the person picks another.
const DEFAULT_NUDGE: &str = "20:00";

/// Why reminders could not be turned on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CannotRemind {
    /// The person, or the browser's settings, said no to notifications.
    NotificationsBlocked,
    /// The browser would not let the app wake (often: not installed yet).
    CannotWake,
    /// The settings could not be kept on the phone.
    NotSaved,
}

/// Lazy: its code is a separate WASM chunk, loaded as the island wakes, so
/// the rest of the page is ready without waiting for it.
#[island(lazy)]
pub fn Reminders() -> impl IntoView {
    // None until the browser has been asked what it can do.
    let can_wake = RwSignal::new(None::<bool>);
    let groups = RwSignal::new(false);
    let nudge = RwSignal::new(false);
    let nudge_at = RwSignal::new(DEFAULT_NUDGE.to_owned());
    let details = RwSignal::new(false);
    let status = RwSignal::new(None::<Result<&'static str, &'static str>>);

    Effect::new(move |_| {
        spawn_local(async move {
            can_wake.set(Some(browser::can_wake().await));
            if let Some(saved) = browser::read_settings().await {
                groups.set(saved.groups);
                nudge.set(saved.mood.is_some());
                if let Some(at) = saved.mood {
                    nudge_at.set(at);
                }
                details.set(saved.details);
            }
        });
    });

    let apply = move |settings: ReminderSettings| {
        spawn_local(async move {
            let outcome = if settings.is_off() {
                browser::turn_off()
                    .await
                    .map(|()| text::REMINDERS_OFF)
                    .map_err(text::cannot_remind)
            } else {
                browser::turn_on(&settings)
                    .await
                    .map(|()| text::REMINDERS_SAVED)
                    .map_err(text::cannot_remind)
            };
            status.set(Some(outcome));
        });
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let at = nudge_at.get_untracked();
        let mood = nudge
            .get_untracked()
            .then(|| village_core::written::parse_time(&at))
            .flatten()
            .map(village_core::written::time);
        apply(ReminderSettings {
            groups: groups.get_untracked(),
            mood,
            details: details.get_untracked(),
        });
    };
    let turn_off = move |_| {
        groups.set(false);
        nudge.set(false);
        details.set(false);
        apply(ReminderSettings::default());
    };

    view! {
        <section class="reminders" aria-labelledby="reminders-heading">
            <h2 id="reminders-heading">{text::REMINDERS}</h2>
            <p>{text::REMINDERS_INTRO}</p>
            {move || match can_wake.get() {
                None => view! { <p class="hint">{text::REMINDERS_CHECKING}</p> }.into_any(),
                Some(false) => view! { <p>{text::REMINDERS_CANNOT_WAKE}</p> }.into_any(),
                Some(true) => view! {
                    <form class="reminder-form" on:submit=save>
                        <label class="check">
                            <input type="checkbox" name="groups" prop:checked=groups on:change=move |e| groups.set(event_target_checked(&e))/>
                            {text::REMIND_GROUPS}
                        </label>
                        <label class="check">
                            <input type="checkbox" name="mood" prop:checked=nudge on:change=move |e| nudge.set(event_target_checked(&e))/>
                            {text::REMIND_MOOD}
                        </label>
                        <p>
                            <label for="nudge-at">{text::REMIND_MOOD_AT}</label> " "
                            <input id="nudge-at" type="time" name="mood-at" required prop:value=nudge_at
                                disabled=move || !nudge.get()
                                on:input=move |e| nudge_at.set(event_target_value(&e))/>
                        </p>
                        <label class="check">
                            <input type="checkbox" name="details" prop:checked=details on:change=move |e| details.set(event_target_checked(&e))/>
                            {text::REMIND_DETAILS}
                        </label>
                        <p class="hint">{text::REMIND_DETAILS_HINT}</p>
                        <p class="actions">
                            <button type="submit" class="button button-primary">{text::REMINDERS_SAVE}</button> " "
                            <button type="button" class="button" on:click=turn_off>{text::REMINDERS_TURN_OFF}</button>
                        </p>
                        <p class="hint">{text::REMINDERS_MAY_BE_LATE}</p>
                    </form>
                }.into_any(),
            }}
            <p role="status">
                {move || status.get().map(|outcome| match outcome {
                    Ok(said) => view! { <span>{said}</span> }.into_any(),
                    Err(problem) => view! { <span class="error-notice">{problem}</span> }.into_any(),
                })}
            </p>
        </section>
    }
}

mod browser {
    //! The browser's side: notification permission, Periodic Background
    //! Sync (not in web-sys yet, so reached by name), and the kept cache.

    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::{CannotRemind, ReminderSettings};
    use crate::worker_names::{KEPT_CACHE, KEPT_REMINDERS, REMINDER_TAG};

    /// How often the app asks to be woken; the browser decides (Chromium
    /// wakes an installed app at most about twice a day, by how often it is used).
    const WAKE_EVERY_MS: f64 = 60.0 * 60.0 * 1000.0;

    async fn resolve(promise: Promise) -> Option<JsValue> {
        JsFuture::from(promise).await.ok()
    }

    fn has(target: &JsValue, name: &str) -> bool {
        Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
    }

    /// The worker's registration once it is active (on a first visit it may
    /// still be installing); `None` where there are no service workers.
    async fn registration() -> Option<JsValue> {
        let navigator = web_sys::window()?.navigator();
        if !has(&navigator, "serviceWorker") {
            return None;
        }
        resolve(navigator.service_worker().ready().ok()?).await
    }

    fn method(target: &JsValue, name: &str) -> Option<Function> {
        Reflect::get(target, &JsValue::from_str(name))
            .ok()?
            .dyn_into()
            .ok()
    }

    /// Whether this browser can wake the app and show a notification,
    /// known without waiting for the worker.
    pub async fn can_wake() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let registration = Reflect::get(&window, &JsValue::from_str("ServiceWorkerRegistration"))
            .and_then(|class| Reflect::get(&class, &JsValue::from_str("prototype")))
            .unwrap_or(JsValue::UNDEFINED);
        has(&window, "Notification")
            && has(&window.navigator(), "serviceWorker")
            && !registration.is_undefined()
            && has(&registration, "periodicSync")
    }

    async fn kept() -> Option<web_sys::Cache> {
        let caches = web_sys::window()?.caches().ok()?;
        resolve(caches.open(KEPT_CACHE)).await?.dyn_into().ok()
    }

    pub async fn read_settings() -> Option<ReminderSettings> {
        let response: web_sys::Response = resolve(kept().await?.match_with_str(KEPT_REMINDERS))
            .await?
            .dyn_into()
            .ok()?;
        let body = resolve(response.text().ok()?).await?.as_string()?;
        serde_json::from_str(&body).ok()
    }

    pub async fn turn_on(settings: &ReminderSettings) -> Result<(), CannotRemind> {
        let permission = resolve(
            web_sys::Notification::request_permission()
                .map_err(|_| CannotRemind::NotificationsBlocked)?,
        )
        .await
        .and_then(|p| p.as_string());
        if permission.as_deref() != Some("granted") {
            return Err(CannotRemind::NotificationsBlocked);
        }
        let registration = registration().await.ok_or(CannotRemind::CannotWake)?;
        let sync = Reflect::get(&registration, &JsValue::from_str("periodicSync"))
            .map_err(|_| CannotRemind::CannotWake)?;
        let register = method(&sync, "register").ok_or(CannotRemind::CannotWake)?;
        let options = Object::new();
        Reflect::set(
            &options,
            &JsValue::from_str("minInterval"),
            &JsValue::from_f64(WAKE_EVERY_MS),
        )
        .map_err(|_| CannotRemind::CannotWake)?;
        let promise: Promise = register
            .call2(&sync, &JsValue::from_str(REMINDER_TAG), &options)
            .ok()
            .and_then(|p| p.dyn_into().ok())
            .ok_or(CannotRemind::CannotWake)?;
        resolve(promise).await.ok_or(CannotRemind::CannotWake)?;
        let body = serde_json::to_string(settings).map_err(|_| CannotRemind::NotSaved)?;
        let response =
            web_sys::Response::new_with_opt_str(Some(&body)).map_err(|_| CannotRemind::NotSaved)?;
        let cache = kept().await.ok_or(CannotRemind::NotSaved)?;
        resolve(cache.put_with_str(KEPT_REMINDERS, &response))
            .await
            .map(|_| ())
            .ok_or(CannotRemind::NotSaved)
    }

    /// Forgets the settings and stops waking. Forgetting the settings is
    /// what matters (with none, the worker shows nothing); stopping the
    /// wake-ups is done where the browser allows.
    pub async fn turn_off() -> Result<(), CannotRemind> {
        let cache = kept().await.ok_or(CannotRemind::NotSaved)?;
        resolve(cache.delete_with_str(KEPT_REMINDERS))
            .await
            .ok_or(CannotRemind::NotSaved)?;
        if let Some(registration) = registration().await {
            if let Ok(sync) = Reflect::get(&registration, &JsValue::from_str("periodicSync")) {
                if let Some(unregister) = method(&sync, "unregister") {
                    if let Ok(promise) = unregister.call1(&sync, &JsValue::from_str(REMINDER_TAG)) {
                        if let Ok(promise) = promise.dyn_into::<Promise>() {
                            let _ = resolve(promise).await;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
