//! The directory on the phone: a lazy island that keeps the area's
//! directory (with national services) in IndexedDB, refreshes it when online
//! (stale-while-revalidate, by ETag), and runs the search and filters of the
//! page's own form on that copy, so they work with no signal.

use leptos::{prelude::*, task::spawn_local};
use village_core::directory::{Indexed, Query, Service, Typeahead};
use wasm_bindgen::JsCast;

use super::model::Card;
use super::page::ServiceItem;
use super::text;

/// The most services listed at once, so that each keystroke stays quick.
const SHOWN: usize = 20;

#[island(lazy)]
pub fn OfflineDirectory(
    /// The area whose directory the page shows; none means national only.
    area: Option<String>,
) -> impl IntoView {
    // Plain data (Send), so the island can also be rendered on the server.
    let services = StoredValue::new(Vec::<Indexed>::new());
    // Narrows the last answer while someone types (see `Typeahead`).
    let typeahead = StoredValue::new(Typeahead::default());
    let saved_on = RwSignal::new(None::<String>);
    // Which copy of the directory `services` holds, counted from 0: a card
    // is kept while someone types only if it came from the same copy.
    let copy = StoredValue::new(0_u32);
    // The cards shown (at most `SHOWN`), each with the copy it came from,
    // and how many matched in all.
    let found = RwSignal::new(None::<(Vec<(u32, Card)>, usize)>);
    // Whether the list worked out here has replaced the server's: from the
    // first change to the form on.
    let shown = RwSignal::new(false);
    let key = area.clone().unwrap_or_else(|| "national".to_owned());
    let count = move || found.with(|f| f.as_ref().map_or(0, |(_, count)| *count));

    // Searches the copy on the phone and draws the list (revealing it in
    // place of the server's when `reveal`); false while there is no copy.
    let search = move |query: Query, reveal: bool| {
        let now = browser::now();
        let from = copy.get_value();
        let list = services.with_value(|all| {
            let found = typeahead
                .try_update_value(|t| t.search(all, &query, now, SHOWN))
                .unwrap_or_default();
            let total = found.total;
            let shown = found
                .results
                .into_iter()
                .take(SHOWN)
                .map(|s: &Service| {
                    let card = Card {
                        service: s.as_of(now.day),
                        stale: s.is_stale(now.day),
                        may_be_out_of_date: false,
                    };
                    (from, card)
                })
                .collect::<Vec<_>>();
            (shown, total)
        });
        let ready = services.with_value(|all| !all.is_empty());
        if ready {
            found.set(Some(list));
            if reveal {
                shown.set(true);
            }
        }
        ready
    };
    // Once a copy is here, its list for the form as it stands is drawn,
    // hidden until the form changes: the first keystroke then only changes
    // the cards that differ, with code that has run once (a phone compiles
    // each part of the app the first time it runs, which would otherwise
    // fall on that keystroke).
    let prepare = move || {
        if let Some(query) = browser::current_query() {
            search(query, shown.get_untracked());
        }
    };

    Effect::new(move |_| {
        let key = key.clone();
        let area = area.clone();
        spawn_local(async move {
            let store = browser::SnapshotStore::open().await;
            if let Some(store) = &store {
                if let Some(snapshot) = store.read(&key).await {
                    if let Some(list) = snapshot.services() {
                        services.set_value(list);
                        copy.update_value(|n| *n = n.wrapping_add(1));
                        typeahead.update_value(Typeahead::reset);
                        saved_on.set(Some(snapshot.saved.clone()));
                    }
                }
            }
            // The page's form searches the copy on the phone from now on.
            browser::take_over_form(move |query| search(query, true));
            prepare();
            // Refresh in the background; with no signal the saved copy stays.
            let etag = match &store {
                Some(store) => store.read(&key).await.map(|s| s.etag),
                None => None,
            };
            if let Some(fresh) = browser::fetch_directory(area.as_deref(), etag.as_deref()).await {
                if let Some(list) = fresh.services() {
                    services.set_value(list);
                    copy.update_value(|n| *n = n.wrapping_add(1));
                    typeahead.update_value(Typeahead::reset);
                    saved_on.set(Some(fresh.saved.clone()));
                    prepare();
                    if let Some(store) = &store {
                        store.write(&key, &fresh).await;
                    }
                }
            } else if let Some(store) = &store {
                // 304: the copy is current; note today as its check.
                if let Some(mut current) = store.read(&key).await {
                    if etag.is_some() && browser::online() {
                        current.saved = browser::today_written();
                        saved_on.set(Some(current.saved.clone()));
                        store.write(&key, &current).await;
                    }
                }
            }
        });
    });

    view! {
        <p class="saved-offline" role="status">
            {move || saved_on.get().map(|day| format!("{} · {} {}", text::SAVED_OFFLINE, text::UPDATED, day))}
        </p>
        // Drawn once; as someone types, only the count and the cards that
        // changed are redrawn (the list is keyed by service).
        <section aria-labelledby="offline-results-title" class="offline-results" hidden=move || !shown.get() || found.with(Option::is_none)>
            <h2 id="offline-results-title">{text::RESULTS} " " <span class="count">"(" {move || text::results(count())} ")"</span></h2>
            <p hidden=move || count() != 0>{text::NO_RESULTS}</p>
            <p class="hint" hidden=move || count() <= SHOWN>{move || text::showing_first(SHOWN, count())}</p>
            <ul class="services">
                <For
                    each=move || found.with(|f| f.as_ref().map(|(cards, _)| cards.clone()).unwrap_or_default())
                    // A card drawn from an earlier copy is drawn again.
                    key=|(from, card)| (*from, card.service.id.clone())
                    children=|(_, card)| view! { <ServiceItem card/> }
                />
            </ul>
        </section>
    }
    .into_any()
}

/// Reads the page's search form into a query, as the server reads the
/// same form sent: each named field's value, boxes only when ticked.
fn query_from_form(form: &web_sys::HtmlFormElement) -> Query {
    let Ok(list) = form.query_selector_all("input[name]") else {
        return Query::default();
    };
    let pairs: Vec<(String, String)> = (0..list.length())
        .filter_map(|i| {
            list.item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        })
        .filter(|input| !matches!(input.type_().as_str(), "checkbox" | "radio") || input.checked())
        .map(|input| (input.name(), input.value()))
        .collect();
    Query::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// A service as the phone saved it with the directory, without asking the
/// server (the diary's "Help me say it" uses it, and must send nothing).
pub async fn saved_service(id: &str) -> Option<Service> {
    browser::SnapshotStore::open().await?.find(id).await
}

mod browser {
    //! The browser services this island uses: its own IndexedDB database,
    //! one fetch of the public directory, and the page's form.

    use super::query_from_form;
    use crate::idb::{Change, Db, Schema};
    use js_sys::Date;
    use serde::{Deserialize, Serialize};
    use village_core::directory::{Indexed, Now, Query, Service};
    use wasm_bindgen::{closure::Closure, JsCast};
    use wasm_bindgen_futures::JsFuture;

    const SNAPSHOTS: &str = "snapshots";

    fn upgrade(db: &web_sys::IdbDatabase, from: u32) {
        if from < 1 {
            let _ = db.create_object_store(SNAPSHOTS);
        }
    }

    const SCHEMA: Schema = Schema {
        name: "village-directory",
        version: 1,
        upgrade,
    };

    /// One saved directory: the API's answer as it came, with its ETag and
    /// the day it was saved or last confirmed current.
    #[derive(Clone, Serialize, Deserialize)]
    pub struct Snapshot {
        pub etag: String,
        pub saved: String,
        pub body: String,
    }

    #[derive(Deserialize)]
    struct Body {
        services: Vec<Service>,
    }

    impl Snapshot {
        pub fn services(&self) -> Option<Vec<Indexed>> {
            let body: Body = serde_json::from_str(&self.body).ok()?;
            Some(body.services.into_iter().map(Indexed::new).collect())
        }
    }

    pub struct SnapshotStore(Db);

    impl SnapshotStore {
        pub async fn open() -> Option<Self> {
            Db::open(&SCHEMA).await.ok().map(Self)
        }

        /// A service from any directory saved on the phone (no request).
        pub async fn find(&self, id: &str) -> Option<Service> {
            for (_, text) in self.0.all(SNAPSHOTS).await.ok()? {
                let Ok(snapshot) = serde_json::from_str::<Snapshot>(&text) else {
                    continue;
                };
                let Ok(body) = serde_json::from_str::<Body>(&snapshot.body) else {
                    continue;
                };
                if let Some(found) = body.services.into_iter().find(|s| s.id.as_str() == id) {
                    return Some(found);
                }
            }
            None
        }

        pub async fn read(&self, key: &str) -> Option<Snapshot> {
            let text = self.0.get(SNAPSHOTS, key).await.ok()??;
            serde_json::from_str(&text).ok()
        }

        pub async fn write(&self, key: &str, snapshot: &Snapshot) {
            let Ok(value) = serde_json::to_string(snapshot) else {
                return;
            };
            let _ = self
                .0
                .write(&[Change::Put {
                    store: SNAPSHOTS,
                    key: key.to_owned(),
                    value,
                }])
                .await;
        }
    }

    pub fn online() -> bool {
        web_sys::window().is_some_and(|w| w.navigator().on_line())
    }

    /// Today by the phone's clock, "30 November 2026".
    pub fn today_written() -> String {
        let date = Date::new_0();
        let month = village_core::written::month_name(date.get_month() + 1);
        format!("{} {month} {}", date.get_date(), date.get_full_year())
    }

    pub fn now() -> Now {
        let now = crate::local_storage::now();
        Now {
            day: now.date(),
            time: now.time(),
        }
    }

    /// The directory from the server: `None` when unchanged (304) or when
    /// there is no signal.
    pub async fn fetch_directory(area: Option<&str>, etag: Option<&str>) -> Option<Snapshot> {
        let window = web_sys::window()?;
        let path = match area {
            Some(area) => format!("/api/v1/directory?area={area}"),
            None => "/api/v1/directory".to_owned(),
        };
        let init = web_sys::RequestInit::new();
        let headers = web_sys::Headers::new().ok()?;
        if let Some(etag) = etag {
            headers.set("If-None-Match", etag).ok()?;
        }
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(&path, &init).ok()?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if response.status() != 200 {
            return None;
        }
        let etag = response
            .headers()
            .get("etag")
            .ok()
            .flatten()
            .unwrap_or_default();
        let body = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        Some(Snapshot {
            etag,
            saved: today_written(),
            body,
        })
    }

    /// The page's search form.
    fn search_form(document: &web_sys::Document) -> Option<web_sys::HtmlFormElement> {
        document
            .query_selector("form.directory-search")
            .ok()??
            .dyn_into::<web_sys::HtmlFormElement>()
            .ok()
    }

    /// The page's search form as it stands, read as a query.
    pub fn current_query() -> Option<Query> {
        let document = web_sys::window()?.document()?;
        Some(query_from_form(&search_form(&document)?))
    }

    /// Runs `search` whenever the page's form changes, and instead of sending
    /// it; links to the ways in choose locally too. `search` says whether the
    /// saved copy answered (if not, the form works as a plain form).
    pub fn take_over_form(search: impl Fn(Query) -> bool + 'static) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(form) = search_form(&document) else {
            return;
        };
        let search = std::rc::Rc::new(search);
        let run = {
            let form = form.clone();
            let search = search.clone();
            let document = document.clone();
            move || {
                // Benchmarks read how long each search took from these marks.
                let performance = web_sys::window().and_then(|w| w.performance());
                if let Some(p) = &performance {
                    let _ = p.mark("directory-search-start");
                }
                let answered = search(query_from_form(&form));
                // Ends once the list has been drawn (effects run before this task).
                leptos::task::spawn_local(async move {
                    if let Some(p) = &performance {
                        let _ =
                            p.measure_with_start_mark("directory-search", "directory-search-start");
                    }
                });
                if answered {
                    // The server's list is replaced by the one worked out here.
                    if let Some(section) = document.get_element_by_id("results-section") {
                        let _ = section.set_attribute("hidden", "");
                    }
                }
                answered
            }
        };
        let run = std::rc::Rc::new(run);
        for event in ["input", "change"] {
            let run = run.clone();
            let listener = Closure::<dyn Fn()>::new(move || {
                run();
            });
            let _ = form.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            listener.forget();
        }
        {
            let run = run.clone();
            let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                if run() {
                    event.prevent_default();
                }
            });
            let _ =
                form.add_event_listener_with_callback("submit", listener.as_ref().unchecked_ref());
            listener.forget();
        }
        // The ways in ("Feeding", "For my partner"…) choose locally too.
        if let Ok(links) = document.query_selector_all(".needs a[data-need]") {
            for i in 0..links.length() {
                let Some(link) = links
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                else {
                    continue;
                };
                let form = form.clone();
                let run = run.clone();
                let document = document.clone();
                let this = link.clone();
                let listener =
                    Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                        let need = this.get_attribute("data-need").unwrap_or_default();
                        let hidden = form.query_selector("input[name='need']").ok().flatten();
                        let input = match hidden {
                            Some(input) => input.dyn_into::<web_sys::HtmlInputElement>().ok(),
                            None => document
                                .create_element("input")
                                .ok()
                                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                                .inspect(|input| {
                                    input.set_type("hidden");
                                    input.set_name("need");
                                    let _ = form.prepend_with_node_1(input);
                                }),
                        };
                        if let Some(input) = input {
                            input.set_value(&need);
                        }
                        if run() {
                            event.prevent_default();
                            if let Ok(all) = document.query_selector_all(".needs a[data-need]") {
                                for j in 0..all.length() {
                                    if let Some(other) = all
                                        .item(j)
                                        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                                    {
                                        let _ = other.remove_attribute("aria-current");
                                    }
                                }
                            }
                            let _ = this.set_attribute("aria-current", "page");
                        }
                    });
                let _ = link
                    .add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
                listener.forget();
            }
        }
    }
}
