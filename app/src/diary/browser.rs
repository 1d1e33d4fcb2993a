//! The few browser services the diary uses besides its storage: the phone's
//! own date, saving a file the person asked for, reading one they chose,
//! persistent storage, the crisis card, and this week's groups from the copy
//! the service worker already saved. None of these sends anything anywhere.

use chrono::{NaiveDate, NaiveTime};
use js_sys::{Array, Date, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, Cache, DomParser, HtmlAnchorElement, HtmlDialogElement, Request,
    Response, SupportedType, Url,
};

use crate::crisis;

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
    Url::revoke_object_url(&url)?;
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedSession {
    pub day: String,
    pub time: String,
    pub title: String,
    pub href: String,
}

/// The most sessions the bridge lists.
const SAVED_SESSIONS: usize = 5;

/// Today's and later sessions from the "This week" page the service worker
/// saved on this phone. Reads only the local cache; never the network.
pub async fn saved_week() -> Vec<SavedSession> {
    let Some(html) = saved_home_page().await else {
        return Vec::new();
    };
    let Ok(parser) = DomParser::new() else {
        return Vec::new();
    };
    let Ok(document) = parser.parse_from_string(&html, SupportedType::TextHtml) else {
        return Vec::new();
    };
    let Ok(days) = document.query_selector_all("section.day") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut from_today = false;
    for index in 0..days.length() {
        let Some(day) = days
            .item(index)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let text_of = |el: &web_sys::Element, selector: &str| {
            el.query_selector(selector)
                .ok()
                .flatten()
                .and_then(|e| e.text_content())
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        };
        from_today |= day.query_selector(".today").ok().flatten().is_some();
        if !from_today {
            continue;
        }
        let heading = text_of(&day, "h2").replace(" Today", "");
        let Ok(sessions) = day.query_selector_all("li.session:not(.cancelled)") else {
            continue;
        };
        for s in 0..sessions.length() {
            let Some(session) = sessions
                .item(s)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let href = session
                .query_selector(".session-title a")
                .ok()
                .flatten()
                .and_then(|a| a.get_attribute("href"))
                .filter(|h| h.starts_with("/groups/"))
                .unwrap_or_default();
            found.push(SavedSession {
                day: heading.clone(),
                time: text_of(&session, ".session-time"),
                title: text_of(&session, ".session-title a"),
                href,
            });
            if found.len() >= SAVED_SESSIONS {
                return found;
            }
        }
    }
    found
}

/// The most recent "This week" page in the service worker's caches.
async fn saved_home_page() -> Option<String> {
    let caches = web_sys::window()?.caches().ok()?;
    let names = Array::from(&resolve(caches.keys()).await?);
    for name in names
        .iter()
        .filter_map(|n| n.as_string())
        .filter(|n| n.starts_with("village-"))
    {
        let cache: Cache = resolve(caches.open(&name)).await?.dyn_into().ok()?;
        let requests = Array::from(&resolve(cache.keys()).await?);
        for request in requests.iter().filter_map(|r| r.dyn_into::<Request>().ok()) {
            let Ok(url) = Url::new(&request.url()) else {
                continue;
            };
            if url.pathname() != "/" {
                continue;
            }
            let response: Response = resolve(cache.match_with_request(&request))
                .await?
                .dyn_into()
                .ok()?;
            return resolve(response.text().ok()?).await?.as_string();
        }
    }
    None
}
