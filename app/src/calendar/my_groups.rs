//! My groups: a panel at the top of This week and a page of its own, for
//! the groups followed on this phone. The outlook comes from the server for
//! the followed ids (and This week's filters, for alternatives); the service
//! worker keeps the last one, so with no signal the same request is answered
//! from the phone's copy, and the panel says how old it is. The news itself
//! is read against the phone's clock (`village_core::calendar::my_groups`).

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use village_core::calendar::{
    followed::FollowedGroups,
    my_groups::{news, Alternative, GroupOutlook, News, Outlook},
    Filters, GroupId,
};

use super::{follow::FOLLOWED_KEY, reminders::Reminders, text};
use crate::local_storage;

/// What the panel has to show.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    /// Not yet read (and, with no scripts, never).
    Reading,
    NoneFollowed,
    /// No answer and no copy on the phone.
    Unreachable,
    Outlook {
        outlook: Outlook,
        /// Answered from the phone's copy, not the network.
        from_copy: bool,
        followed: FollowedGroups,
    },
}

/// My groups' own page: the panel in full, and the reminders.
#[component]
pub fn MyGroupsPage() -> impl IntoView {
    // The filters come in the address (This week's panel links here with
    // its own); read and written back, so only real filters pass on.
    let query = use_query_map();
    let filters = query.with_untracked(|q| {
        let pairs: Vec<(String, String)> = q
            .clone()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        Filters::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .0
            .to_query()
    });
    view! {
        <Title text=text::MY_GROUPS/>
        <h1>{text::MY_GROUPS}</h1>
        <p class="lead">{text::MY_GROUPS_INTRO}</p>
        <MyGroups filters/>
        <Reminders/>
    }
}

/// My groups on its own page, where it also says how to follow a group.
/// Lazy: its code is a separate WASM chunk, loaded as the island wakes, so
/// the rest of the page is ready without waiting for it.
#[island(lazy)]
pub fn MyGroups(filters: String) -> impl IntoView {
    view! { <Panel filters full=true/> }
}

/// This week's My groups panel. Most phones follow no group, so the panel's
/// code (a WASM chunk of its own) is fetched only on a phone that follows one.
#[island]
pub fn FollowedOnThisWeek(filters: String) -> impl IntoView {
    let follows = RwSignal::new(false);
    Effect::new(move |_| {
        follows.set(!FollowedGroups::from_stored(local_storage::read(FOLLOWED_KEY)).is_empty());
    });
    move || {
        follows.get().then(|| {
            let filters = filters.clone();
            Suspend::new(async move { this_week_panel(filters).await })
        })
    }
}

/// The panel's code, loaded when it is first needed.
#[leptos::lazy]
fn this_week_panel(filters: String) -> AnyView {
    view! { <Panel filters full=false/> }.into_any()
}

/// The panel. On This week (`full` false) it shows only when something is
/// followed; on its own page it also says how to follow a group.
#[component]
fn Panel(filters: String, full: bool) -> impl IntoView {
    let shown = RwSignal::new(Shown::Reading);
    let filters_for_page = filters.clone();
    let load = move || {
        let followed = FollowedGroups::from_stored(local_storage::read(FOLLOWED_KEY));
        let Some(path) = followed.outlook_path(&filters) else {
            shown.set(Shown::NoneFollowed);
            spawn_local(forget_kept_copy());
            return;
        };
        spawn_local(async move {
            shown.set(match browser::fetch_outlook(&path).await {
                Some((outlook, from_copy)) => Shown::Outlook {
                    outlook,
                    from_copy,
                    followed,
                },
                None => Shown::Unreachable,
            });
        });
    };
    let first_load = load.clone();
    Effect::new(move |_| first_load());
    let forget_gone = move |gone: Vec<GroupId>| {
        let mut followed = FollowedGroups::from_stored(local_storage::read(FOLLOWED_KEY));
        followed.forget(&gone);
        let stored = followed.to_stored();
        let _ = local_storage::write(
            FOLLOWED_KEY,
            (!stored.is_empty()).then_some(stored.as_str()),
        );
        spawn_local(forget_kept_copy());
        load();
    };
    let hidden = move || !full && matches!(shown.get(), Shown::Reading | Shown::NoneFollowed);
    // The page's alternatives follow the same filters.
    let page_href = if filters_for_page.is_empty() {
        "/my-groups".to_owned()
    } else {
        format!("/my-groups?{filters_for_page}")
    };
    view! {
        <section class="my-groups" aria-labelledby="my-groups-heading" hidden=hidden>
            <h2 id="my-groups-heading">{if full { text::YOUR_GROUPS } else { text::MY_GROUPS }}</h2>
            {move || match shown.get() {
                Shown::Reading => view! { <p class="hint">{text::MY_GROUPS_READING}</p> }.into_any(),
                Shown::NoneFollowed => view! { <p>{text::MY_GROUPS_NONE}</p> }.into_any(),
                Shown::Unreachable => view! { <p class="error-notice" role="alert">{text::MY_GROUPS_UNREACHABLE}</p> }.into_any(),
                Shown::Outlook { outlook, from_copy, followed } => {
                    let forget = forget_gone.clone();
                    view! { <OutlookView outlook from_copy followed forget/> }.into_any()
                }
            }}
            {(!full).then(|| view! { <p><a href=page_href.clone()>{text::MY_GROUPS_PAGE_LINK}</a></p> })}
        </section>
    }
}

#[component]
fn OutlookView(
    outlook: Outlook,
    from_copy: bool,
    followed: FollowedGroups,
    forget: impl Fn(Vec<GroupId>) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let now = local_storage::now();
    let today = now.date();
    let age = outlook.age(today);
    // A fresh answer is up to date whatever the phone's clock says.
    let freshness = if from_copy {
        text::copy_age(age, outlook.made)
    } else {
        text::MY_GROUPS_UP_TO_DATE.to_owned()
    };
    // In the order they were followed; groups followed since the copy was
    // saved are counted, not guessed.
    let mut missing = 0;
    let groups: Vec<GroupOutlook> = followed
        .ids()
        .iter()
        .filter(|id| !outlook.gone.contains(id))
        .filter_map(|id| {
            let found = outlook.groups.iter().find(|g| &g.id == id).cloned();
            missing += usize::from(found.is_none());
            found
        })
        .collect();
    let gone = outlook.gone.clone();
    let until = outlook.until;
    view! {
        <p class="hint" role="status">{freshness}</p>
        <ul class="my-group-list">
            {groups.into_iter().map(|group| {
                let said = news(&group, now, until);
                view! { <GroupNews group said today/> }
            }).collect_view()}
        </ul>
        {(missing > 0).then(|| view! { <p class="hint">{text::not_in_copy(missing)}</p> })}
        {(!gone.is_empty()).then(|| {
            let count = gone.len();
            view! {
                <p>{text::gone(count)} " "
                    <button type="button" class="button" on:click=move |_| forget(gone.clone())>{text::STOP_FOLLOWING_GONE}</button>
                </p>
            }
        })}
    }
}

#[component]
fn GroupNews(group: GroupOutlook, said: Vec<News>, today: chrono::NaiveDate) -> impl IntoView {
    let href = format!("/groups/{}", group.id);
    view! {
        <li class="my-group">
            <h3><a href=href>{group.title}</a></h3>
            <ul class="news">
                {said.into_iter().map(|line| news_line(line, today)).collect_view()}
            </ul>
        </li>
    }
}

fn news_line(line: News, today: chrono::NaiveDate) -> AnyView {
    match line {
        News::Next(session) => {
            view! { <li>{text::next_session(session.date, session.starts, session.ends)}</li> }
                .into_any()
        }
        News::Cancelled { date, reason } => {
            view! { <li class="cancelled">{text::cancelled_on(date, &reason)}</li> }.into_any()
        }
        News::OnBreak {
            name,
            first,
            back_on,
            instead,
        } => view! {
            <li class="on-break">
                {text::on_a_break(&name, (first > today).then_some(first), back_on)} " "
                <Instead lead=text::STILL_RUNS_INSTEAD instead today/>
            </li>
        }
        .into_any(),
        News::NotTakingNewMembers => view! { <li>{text::NOT_TAKING_NEW_MEMBERS}</li> }.into_any(),
        News::CourseEnds(end) => view! {
            <li>
                {text::course_ends(end.last, end.next_start, today)} " "
                <Instead lead=text::OR_TRY instead=end.instead today/>
            </li>
        }
        .into_any(),
        News::TermDatesUnknown { from } => {
            view! { <li>{text::term_dates_unknown_from(from)}</li> }.into_any()
        }
        News::MayHaveStopped => view! { <li>{text::MAY_HAVE_STOPPED}</li> }.into_any(),
        News::NoSessionKnown { .. } => view! { <li>{text::NO_SESSION_KNOWN}</li> }.into_any(),
    }
}

#[component]
fn Instead(
    lead: &'static str,
    instead: Vec<Alternative>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    if instead.is_empty() {
        return view! { <span>{text::NOTHING_ELSE_FITS}</span> }.into_any();
    }
    view! {
        <span>{lead}</span>
        <ul class="instead">
            {instead.into_iter().filter_map(|a| {
                let next = a.next(today)?;
                let href = format!("/groups/{}", a.id);
                Some(view! { <li><a href=href>{a.title}</a> " (" {text::alternative_when(next.date, next.starts, a.from_home)} ")"</li> })
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Forgets the outlook the service worker kept, when the groups followed
/// change: reminders are never worked out from a group let go of, and the
/// next look at My groups asks again.
pub(super) async fn forget_kept_copy() {
    browser::forget_kept_copy().await;
}

mod browser {
    //! One fetch of the outlook; the service worker answers it from the
    //! phone's copy when there is no signal, and says so in a header.

    use village_core::calendar::my_groups::Outlook;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use crate::worker_names::FROM_COPY_HEADER;

    /// The outlook, and whether it came from the phone's copy.
    pub async fn fetch_outlook(path: &str) -> Option<(Outlook, bool)> {
        let window = web_sys::window()?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let from_copy = response
            .headers()
            .get(FROM_COPY_HEADER)
            .ok()
            .flatten()
            .is_some();
        let body = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        let outlook = serde_json::from_str(&body).ok()?;
        Some((outlook, from_copy))
    }

    pub async fn forget_kept_copy() {
        use crate::worker_names::{KEPT_CACHE, KEPT_MY_GROUPS};
        let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
            return;
        };
        let Ok(opened) = JsFuture::from(caches.open(KEPT_CACHE)).await else {
            return;
        };
        if let Ok(cache) = opened.dyn_into::<web_sys::Cache>() {
            let _ = JsFuture::from(cache.delete_with_str(KEPT_MY_GROUPS)).await;
        }
    }
}
