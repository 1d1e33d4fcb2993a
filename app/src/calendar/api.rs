//! Server functions of the calendar. Reads go over GET so they can be cached.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use village_core::AreaId;

use super::Area;
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
