//! "Add to my groups calendar": which groups someone follows lives only on
//! their phone; the island offers the subscription feed for them.

use leptos::prelude::*;
use village_core::calendar::{followed::FollowedGroups, ics::Alert, GroupId};

use super::text;
use crate::local_storage;

/// The browser storage key of the followed groups.
pub(super) const FOLLOWED_KEY: &str = "village.followed-groups";
/// The browser storage key of the reminder chosen for the feed.
const ALERT_KEY: &str = "village.followed-groups-alert";

/// Hidden until hydrated: without scripts there is nothing to keep, and the
/// single-group "Add to calendar" still works.
/// Lazy: its code is a separate WASM chunk, loaded as the island wakes, so
/// the rest of the page is ready without waiting for it.
#[island(lazy)]
pub fn FollowGroup(id: String, webcal_base: String) -> impl IntoView {
    let followed = RwSignal::new(FollowedGroups::default());
    let alert = RwSignal::new(Alert::None);
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        followed.set(FollowedGroups::from_stored(local_storage::read(
            FOLLOWED_KEY,
        )));
        let stored = local_storage::read(ALERT_KEY).unwrap_or_default();
        alert.set(Alert::from_code(&stored).unwrap_or_default());
        ready.set(true);
    });
    let group = GroupId::parse(&id).ok();
    let this = group.clone();
    let following = move || this.as_ref().is_some_and(|g| followed.read().contains(g));
    let problem = RwSignal::new(false);
    let toggle = move |_| {
        if let Some(g) = group.clone() {
            followed.update(|f| {
                f.toggle(g);
            });
            let stored = followed.read_untracked().to_stored();
            let value = (!stored.is_empty()).then_some(stored.as_str());
            problem.set(local_storage::write(FOLLOWED_KEY, value).is_err());
            leptos::task::spawn_local(super::my_groups::forget_kept_copy());
        }
    };
    let choose = move |chosen: Alert| {
        alert.set(chosen);
        let value = (chosen != Alert::None).then_some(chosen.code());
        problem.set(local_storage::write(ALERT_KEY, value).is_err());
    };
    let feed = move || {
        let followed = followed.read();
        followed
            .feed_path_with(alert.get())
            .map(|path| (format!("{webcal_base}{path}"), followed.len()))
    };
    let following_for_label = following.clone();
    view! {
        <div class="follow" hidden=move || !ready.get()>
            <button type="button" class="button" aria-pressed=move || following().to_string() on:click=toggle>
                {move || if following_for_label() { text::UNFOLLOW } else { text::FOLLOW }}
            </button>
            {move || feed().map(|(href, count)| view! {
                <fieldset class="chips">
                    <legend>{text::REMINDER}</legend>
                    {Alert::ALL.iter().map(|&choice| view! {
                        <label class="chip">
                            <input type="radio" name="feed-alert" value=choice.code()
                                prop:checked=move || alert.get() == choice
                                on:change=move |_| choose(choice)/>
                            <span>{text::reminder(choice)}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <p class="hint">{text::REMINDER_HINT}</p>
                <p><a href=href>{text::my_feed(count)}</a></p>
            })}
            {move || problem.get().then(|| view! { <p class="error-notice" role="alert">{text::FOLLOW_NOT_SAVED}</p> })}
        </div>
    }
}
