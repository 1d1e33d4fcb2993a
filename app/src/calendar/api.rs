//! Server functions of the calendar. Reads go over GET so they can be cached.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use village_core::AreaId;

use super::{week_model::HomeView, Area};
use crate::errors::AppError;

/// Every area Village knows, by name.
#[server(prefix = "/rpc", endpoint = "areas", input = GetUrl)]
pub async fn list_areas() -> Result<Vec<Area>, AppError> {
    let store = crate::storage::use_store()?;
    Ok(store.published().await?.areas.clone())
}

/// One area. The id is checked as the request is read, so a malformed id is
/// refused with a 400 that says what is wrong with it.
#[server(prefix = "/rpc", endpoint = "area", input = GetUrl)]
pub async fn get_area(id: AreaId) -> Result<Area, AppError> {
    let store = crate::storage::use_store()?;
    let published = store.published().await?;
    published.area(&id).cloned().ok_or(AppError::NotFound)
}

/// The home page for the request's query (`area`, `week`, filters) and its
/// cookies (the remembered area and filters), which it updates.
#[server(prefix = "/rpc", endpoint = "home", input = GetUrl)]
pub async fn home_page() -> Result<HomeView, AppError> {
    use super::week_model::{home, parse_cookies};
    use crate::site::{Site, Today};

    let store = crate::storage::use_store()?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let today = use_context::<Today>().ok_or(AppError::Internal)?.0;
    let secure = use_context::<Site>().is_some_and(|site| site.https);
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(parts.uri.query().unwrap_or_default())
            .map_err(|_| AppError::BadRequest("The address could not be read.".to_owned()))?;
    let cookies = parse_cookies(parts.headers.get(http::header::COOKIE));
    let published = store.published().await?;
    let (view, set_cookies) = home(&published, today, &query, &cookies, secure)?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        for cookie in set_cookies {
            response.append_header(http::header::SET_COOKIE, cookie);
        }
    }
    Ok(view)
}

/// Everything about one group, for its page.
#[server(prefix = "/rpc", endpoint = "group", input = GetUrl)]
pub async fn group_page(id: String) -> Result<super::group_model::GroupPageView, AppError> {
    use village_core::calendar::GroupId;

    let id = GroupId::parse(&id).map_err(|err| AppError::BadRequest(err.to_string()))?;
    let (published, today, public_url) = page_context().await?;
    let group = published.group(&id).ok_or(AppError::NotFound)?;
    let terms = published.terms_of(group);
    let mut view = super::group_model::group_page_view(group, terms, today, &public_url);
    view.may_be_out_of_date = crate::storage::use_store()?
        .may_be_out_of_date(village_core::report::ListingKind::Group, id.as_str())
        .await?;
    Ok(view)
}

/// A printable poster for an area: its link as a QR code, and this week's groups.
#[server(prefix = "/rpc", endpoint = "poster", input = GetUrl)]
pub async fn poster(id: String) -> Result<super::poster::PosterView, AppError> {
    use super::{
        poster::{PosterLine, PosterView},
        week_model::where_label,
    };
    use std::collections::BTreeMap;
    use village_core::calendar::{plan, DateWindow, Filters};

    let Printed {
        published,
        today,
        public_url,
        area,
        id,
        link,
        qr,
        groups,
    } = printed(&id).await?;
    let window = DateWindow::days(today, 7).map_err(|_| AppError::Internal)?;
    let planned = plan(
        &groups,
        published.terms(&id),
        window,
        &Filters::default(),
        today,
    );
    // One line per group: its days and times this week, in order.
    let mut times: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for day in &planned.days {
        for session in day.sessions.iter().filter(|s| s.occurrence.is_running()) {
            times.entry(session.group).or_default().push(format!(
                "{} {}",
                day.date.format("%a"),
                session.occurrence.starts.format("%H:%M")
            ));
        }
    }
    let mut lines: Vec<(String, PosterLine)> = times
        .into_iter()
        .filter_map(|(index, when)| {
            let group = groups.get(index)?;
            Some((
                when.first().cloned().unwrap_or_default(),
                PosterLine {
                    title: group.title.clone(),
                    when: when.join(", "),
                    where_label: where_label(group),
                },
            ))
        })
        .collect();
    lines.sort_by(|a, b| a.1.title.cmp(&b.1.title));
    let embed_src = format!(
        "{}/embed/areas/{}",
        public_url.trim_end_matches('/'),
        area.id
    );
    Ok(PosterView {
        area_id: area.id.to_string(),
        area_name: area.name.clone(),
        is_sample: area.is_sample,
        link,
        embed_src,
        qr_svg: qr,
        from: window.from(),
        to: planned.last_day(),
        groups: lines.into_iter().map(|(_, line)| line).collect(),
    })
}

/// The area's leaflet for a whole term (`/areas/<id>/leaflet`).
#[server(prefix = "/rpc", endpoint = "leaflet", input = GetUrl)]
pub async fn leaflet(id: String) -> Result<super::poster::LeafletView, AppError> {
    use super::{
        group_model::describe,
        poster::{LeafletGroup, LeafletView},
        week_model::where_label,
    };
    use chrono::Weekday;
    use village_core::calendar::Recurrence;

    let Printed {
        published,
        today,
        area,
        id,
        link,
        qr,
        groups,
        ..
    } = printed(&id).await?;
    // Each schedule that has not ended, under the day it meets.
    const WEEK: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let mut days = Vec::new();
    for weekday in WEEK {
        let name = village_core::written::weekday_name(weekday);
        let mut on_day: Vec<(chrono::NaiveTime, LeafletGroup)> = Vec::new();
        for group in &groups {
            for schedule in group.times.schedules() {
                let meets = match schedule.recurrence() {
                    Recurrence::Weeks { weekday: w, .. } | Recurrence::Month { weekday: w, .. } => {
                        w == weekday
                    }
                };
                if meets && schedule.valid_until().is_none_or(|end| end >= today) {
                    on_day.push((
                        schedule.starts(),
                        LeafletGroup {
                            title: group.title.clone(),
                            when: describe(schedule),
                            where_label: where_label(group),
                        },
                    ));
                }
            }
        }
        on_day.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.title.cmp(&b.1.title)));
        if !on_day.is_empty() {
            days.push((
                name.to_owned(),
                on_day.into_iter().map(|(_, g)| g).collect(),
            ));
        }
    }
    let services = published
        .services_for(Some(&id))
        .map(|indexed| &indexed.service)
        .filter(|s| {
            !s.crisis && s.referral.is_self() && s.status == village_core::directory::Status::Active
        })
        .map(|s| {
            let how = s
                .phones
                .iter()
                .find(|p| p.call)
                .map(|p| format!("call {}", p.number.written()))
                .or_else(|| s.url.clone())
                .unwrap_or_else(|| "see Village".to_owned());
            (s.name.clone(), how)
        })
        .collect();
    Ok(LeafletView {
        area_name: area.name.clone(),
        is_sample: area.is_sample,
        link,
        qr_svg: qr,
        made_on: today,
        days,
        services,
    })
}

/// What a printed page of an area (the poster, the leaflet) starts from:
/// the area, the QR code to its week, and its groups without those that may
/// have stopped (paper stays up for months).
#[cfg(feature = "ssr")]
struct Printed {
    published: std::sync::Arc<crate::storage::Published>,
    today: chrono::NaiveDate,
    public_url: String,
    area: super::Area,
    id: AreaId,
    link: String,
    qr: String,
    groups: Vec<std::sync::Arc<village_core::calendar::Group>>,
}

#[cfg(feature = "ssr")]
async fn printed(raw_id: &str) -> Result<Printed, AppError> {
    use village_core::calendar::Freshness;

    let id = AreaId::parse(raw_id).map_err(|err| AppError::BadRequest(err.to_string()))?;
    let (published, today, public_url) = page_context().await?;
    let area = published.area(&id).ok_or(AppError::NotFound)?.clone();
    let link = format!("{}/?area={}", public_url.trim_end_matches('/'), area.id);
    let qr = super::poster::qr_svg(&link).ok_or(AppError::Internal)?;
    let groups = published
        .groups_for(&id)
        .into_iter()
        .filter(|g| !matches!(g.freshness(today), Freshness::MayHaveStopped(_)))
        .collect();
    Ok(Printed {
        published,
        today,
        public_url,
        area,
        id,
        link,
        qr,
        groups,
    })
}

/// What the calendar's pages read on the server: the published data, the
/// server's today and the public address.
#[cfg(feature = "ssr")]
async fn page_context() -> Result<
    (
        std::sync::Arc<crate::storage::Published>,
        chrono::NaiveDate,
        String,
    ),
    AppError,
> {
    use crate::site::{Site, Today};

    let store = crate::storage::use_store()?;
    let today = use_context::<Today>().ok_or(AppError::Internal)?.0;
    let public_url = use_context::<Site>()
        .map(|site| site.public_url)
        .unwrap_or_default();
    Ok((store.published().await?, today, public_url))
}
