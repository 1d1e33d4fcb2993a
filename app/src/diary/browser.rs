//! The few browser services the diary uses besides its storage: the phone's
//! own date, saving a file the person asked for, reading one they chose,
//! persistent storage, the crisis card, and this week's groups from the copy
//! the service worker already saved. None of these sends anything anywhere.

use chrono::{NaiveDate, NaiveTime};
use js_sys::{Array, Date, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, Cache, HtmlAnchorElement, HtmlDialogElement, Request, Response, Url,
};

use village_core::mood::written;

use crate::{calendar::week_data, crisis};

async fn resolve(promise: Promise) -> Option<JsValue> {
    JsFuture::from(promise).await.ok()
}

/// Today's date and the time now, by the phone's own clock and time zone.
pub fn now() -> (NaiveDate, NaiveTime) {
    let date = Date::new_0();
    let day = NaiveDate::from_ymd_opt(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
    .unwrap_or_default();
    let time = NaiveTime::from_hms_opt(date.get_hours(), date.get_minutes(), 0).unwrap_or_default();
    (day, time)
}

/// Milliseconds since 1970 by the phone's clock.
pub fn now_millis() -> i64 {
    Date::now() as i64
}

/// Opens the "Need help now?" card that every page carries, or goes to the
/// crisis page if it cannot.
pub fn open_crisis_card() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let dialog = window
        .document()
        .and_then(|d| d.query_selector("dialog.crisis-dialog").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlDialogElement>().ok());
    let opened = dialog.is_some_and(|d| d.open() || d.show_modal().is_ok());
    if !opened {
        let _ = window.location().set_href(crisis::PATH);
    }
}

/// Hands the person a file to keep, made on this phone (nothing is uploaded).
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let parts = Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link = document
        .create_element("a")?
        .dyn_into::<HtmlAnchorElement>()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?
        .append_child(&link)?;
    link.click();
    link.remove();
    // Some phones read the file after the click returns; let go of it later.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// Reads a file the person chose, refusing ones too big to be a diary.
pub async fn read_file(file: web_sys::File, max_bytes: usize) -> Result<String, String> {
    if file.size() > max_bytes as f64 {
        return Err(format!(
            "This file is too big to be a diary file (the most is {} MB).",
            max_bytes / (1024 * 1024)
        ));
    }
    resolve(file.text())
        .await
        .and_then(|text| text.as_string())
        .ok_or_else(|| "This file could not be read.".to_owned())
}

/// Asks the browser to keep the diary's storage even when space runs low;
/// says whether it agreed.
pub async fn persist_storage() -> bool {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return false;
    };
    if let Ok(promise) = storage.persisted() {
        if resolve(promise).await.and_then(|v| v.as_bool()) == Some(true) {
            return true;
        }
    }
    match storage.persist() {
        Ok(promise) => resolve(promise)
            .await
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// A session on this week's page as the phone saved it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SavedSession {
    pub date: NaiveDate,
    pub time: String,
    pub day: String,
    pub title: String,
    pub href: String,
}

/// The most sessions the bridge lists.
const SAVED_SESSIONS: usize = 5;

/// Sessions from today to six days on, from the "This week" pages the
/// service worker saved on this phone. Reads only the local cache; never the
/// network. A saved week that is over shows nothing.
pub async fn saved_week(today: NaiveDate) -> Vec<SavedSession> {
    let last = today
        .checked_add_days(chrono::Days::new(6))
        .unwrap_or(today);
    let mut found = Vec::new();
    for html in saved_week_pages().await {
        found.extend(
            sessions_in(&html)
                .into_iter()
                .filter(|s| s.date >= today && s.date <= last),
        );
    }
    found.sort();
    found.dedup();
    found.truncate(SAVED_SESSIONS);
    found
}

/// The sessions going ahead on one saved week page, from the week's data
/// block (`calendar::week_data`), never from its markup.
fn sessions_in(html: &str) -> Vec<SavedSession> {
    let Some(week) = week_data::from_page(html) else {
        return Vec::new();
    };
    week.sessions
        .into_iter()
        .filter(week_data::WeekSession::links_to_a_group)
        .filter_map(|s| {
            let date = written::parse_day(&s.date)?;
            Some(SavedSession {
                date,
                time: s.time(),
                day: super::text::day_heading(date),
                title: s.title,
                href: s.href,
            })
        })
        .collect()
}

/// Every saved "This week" page in the service worker's caches.
async fn saved_week_pages() -> Vec<String> {
    let mut pages = Vec::new();
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return pages;
    };
    let Some(names) = resolve(caches.keys()).await.map(|n| Array::from(&n)) else {
        return pages;
    };
    for name in names
        .iter()
        .filter_map(|n| n.as_string())
        .filter(|n| n.starts_with("village-"))
    {
        let Some(cache) = resolve(caches.open(&name))
            .await
            .and_then(|c| c.dyn_into::<Cache>().ok())
        else {
            continue;
        };
        let Some(requests) = resolve(cache.keys()).await.map(|r| Array::from(&r)) else {
            continue;
        };
        for request in requests.iter().filter_map(|r| r.dyn_into::<Request>().ok()) {
            if Url::new(&request.url()).map(|u| u.pathname()).as_deref() != Ok("/") {
                continue;
            }
            let Some(response) = resolve(cache.match_with_request(&request))
                .await
                .and_then(|r| r.dyn_into::<Response>().ok())
            else {
                continue;
            };
            if let Some(text) = response.text().ok().map(resolve) {
                if let Some(html) = text.await.and_then(|t| t.as_string()) {
                    pages.push(html);
                }
            }
        }
    }
    pages
}

/// The channel on which this origin's tabs tell each other the diary's lock
/// changed or the diary was deleted.
const CHANNEL: &str = "village-diary";

thread_local! {
    /// This page's end of the channel. Posting through the same object that
    /// listens means a page never hears its own announcements.
    static OWN_CHANNEL: std::cell::RefCell<Option<web_sys::BroadcastChannel>> =
        const { std::cell::RefCell::new(None) };
}

/// Tells other tabs the diary's lock or contents changed under them.
pub fn announce_change() {
    OWN_CHANNEL.with(|own| {
        if let Some(channel) = own.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}

/// Calls `changed` whenever another tab announces a change. The listener
/// lives as long as the page.
pub fn on_change_elsewhere(changed: impl Fn() + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(changed);
    channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    listener.forget();
    OWN_CHANNEL.with(|own| *own.borrow_mut() = Some(channel));
}

/// Moves focus to an element once the view has caught up (after a section
/// changes or a control is replaced), so keyboard and screen-reader users
/// are not left on nothing.
pub fn focus_soon(selector: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// What a link to the diary asked for: `#say=<who>` opens "Help me say it"
/// for them, and `&service=<id>` names a directory service. They follow the
/// "#", so the server never sees them and the page the service worker keeps
/// offline is the same one. Anything else is ignored; an unknown or
/// malformed value is dropped.
pub fn say_for() -> Option<super::state::SayFor> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()?;
    let audience = params.get("say")?;
    let audience = village_core::mood::say_it::Audience::from_code(&audience);
    let service = params
        .get("service")
        .filter(|id| village_core::directory::ServiceId::parse(id).is_ok());
    Some(super::state::SayFor { audience, service })
}

/// Puts `text` on the phone's clipboard. Nothing is sent anywhere.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else { return false };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    match promise.dyn_into::<Promise>() {
        Ok(promise) => resolve(promise).await.is_some(),
        Err(_) => false,
    }
}

/// Whether the phone offers its own share sheet (the Web Share API).
pub fn can_share() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("share"))
            .is_ok_and(|f| f.is_function())
    })
}

/// Opens the phone's share sheet with `text`; the person chooses where it
/// goes (or cancels). Village sends nothing.
pub async fn share_text(title: &str, text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Some(share) = js_sys::Reflect::get(&navigator, &JsValue::from_str("share"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &data,
        &JsValue::from_str("title"),
        &JsValue::from_str(title),
    );
    let _ = js_sys::Reflect::set(&data, &JsValue::from_str("text"), &JsValue::from_str(text));
    let Ok(promise) = share.call1(&navigator, &data) else {
        return false;
    };
    match promise.dyn_into::<Promise>() {
        Ok(promise) => resolve(promise).await.is_some(),
        Err(_) => false,
    }
}

/// Opens the browser's print dialog (where "Save as PDF" lives).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
