//! The browser's own storage, used only from effects and event handlers that
//! run after hydration. On the server these find nothing and store nothing.

/// Reads a value kept in this browser.
pub fn read(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Keeps a value in this browser, or removes it when `value` is `None`.
pub fn write(key: &str, value: Option<&str>) -> Result<(), StorageUnavailable> {
    let storage = local_storage().ok_or(StorageUnavailable)?;
    match value {
        Some(value) => storage.set_item(key, value),
        None => storage.remove_item(key),
    }
    .map_err(|_| StorageUnavailable)
}

/// The phone's own clock, as local wall-clock time. Only for effects and
/// event handlers (it asks the browser).
pub fn now() -> chrono::NaiveDateTime {
    let date = js_sys::Date::new_0();
    let day = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(date.get_full_year()).unwrap_or_default(),
        date.get_month() + 1,
        date.get_date(),
    )
    .unwrap_or_default();
    let time = chrono::NaiveTime::from_hms_opt(date.get_hours(), date.get_minutes(), 0)
        .unwrap_or_default();
    day.and_time(time)
}

/// The event a page's own windows send when the saved midwife, health
/// visitor or GP numbers change, so the crisis card and "About me" agree.
pub const CONTACTS_CHANGED: &str = "village-contacts-changed";

/// Tells this page that the saved numbers changed.
pub fn announce_contacts_changed() {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new(CONTACTS_CHANGED) {
            let _ = window.dispatch_event(&event);
        }
    }
}

/// The browser refused (private mode, storage full, or no window at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageUnavailable;

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Outside a browser there is no window to ask.
#[cfg(not(target_arch = "wasm32"))]
fn local_storage() -> Option<web_sys::Storage> {
    None
}
