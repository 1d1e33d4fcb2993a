//! The directory's server functions: its pages' data, read from the
//! published copy (no database query per request).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{HelpView, ServicePageView};
use crate::AppError;

/// The "Who can help" page for the request's query (`q`, `need`, `self`,
/// `open`, `free`, `way`, `lang`, `area`) and the remembered area.
#[server(prefix = "/rpc", endpoint = "help", input = GetUrl)]
pub async fn help_page() -> Result<HelpView, AppError> {
    use crate::calendar::week_model::{parse_cookies, AREA_COOKIE};
    use village_core::AreaId;

    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let (published, now) = context().await?;
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(parts.uri.query().unwrap_or_default())
            .map_err(|_| AppError::BadRequest("The address could not be read.".to_owned()))?;
    let cookies = parse_cookies(parts.headers.get(http::header::COOKIE));
    let asked_area = query
        .iter()
        .find(|(k, _)| k == "area")
        .map(|(_, v)| v.clone())
        .or_else(|| {
            cookies
                .into_iter()
                .find(|(name, _)| name == AREA_COOKIE)
                .map(|(_, value)| value)
        });
    let area = asked_area
        .and_then(|raw| AreaId::parse(&raw).ok())
        .filter(|id| published.area(id).is_some());
    Ok(super::model::help_view(
        &published,
        area.as_ref(),
        &query,
        now,
    ))
}

/// One service in full.
#[server(prefix = "/rpc", endpoint = "service", input = GetUrl)]
pub async fn service_page(id: String) -> Result<ServicePageView, AppError> {
    use village_core::directory::ServiceId;

    let id = ServiceId::parse(&id).map_err(|err| AppError::BadRequest(err.to_string()))?;
    let (published, now) = context().await?;
    let service = published.service(&id).ok_or(AppError::NotFound)?;
    let open_warning = !service.crisis
        && crate::storage::use_store()?
            .may_be_out_of_date(village_core::report::ListingKind::Service, id.as_str())
            .await?;
    let may_be_out_of_date = village_core::report::page_warns(service.crisis, open_warning);
    let public_url = use_context::<crate::site::Site>()
        .map(|site| site.public_url)
        .unwrap_or_default();
    let page_link = format!("{}/help/{}", public_url.trim_end_matches('/'), id.as_str());
    Ok(ServicePageView {
        card: super::model::Card {
            service: service.as_of(now.day),
            stale: service.is_stale(now.day),
            may_be_out_of_date,
        },
        // A code of a relative address would lead nowhere.
        qr_svg: if public_url.is_empty() {
            String::new()
        } else {
            crate::calendar::poster::qr_svg(&page_link).unwrap_or_default()
        },
        page_link,
    })
}

/// The published copy and "now" in London (today may be fixed for demos).
#[cfg(feature = "ssr")]
async fn context() -> Result<
    (
        std::sync::Arc<crate::storage::Published>,
        village_core::directory::Now,
    ),
    AppError,
> {
    use crate::site::Today;
    use village_core::calendar::london;

    let store = crate::storage::use_store()?;
    let today = use_context::<Today>().ok_or(AppError::Internal)?.0;
    let time = london::to_local(chrono::Utc::now()).time();
    Ok((
        store.published().await?,
        village_core::directory::Now { day: today, time },
    ))
}
