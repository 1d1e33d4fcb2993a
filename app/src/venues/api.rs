//! The venues' page data: only venues the signed-in account may change.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// A venue on the organisers' home.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueLine {
    pub id: String,
    /// "Riverside Family Centre, Riverton"
    pub name: String,
    /// The organisation's name, for admins (who see every venue).
    pub organisation: Option<String>,
    /// How many groups meet there.
    pub groups: i64,
}

/// A venue as its form shows it: the form's starting values (as the form
/// would send them). A new venue has no id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableVenue {
    pub id: Option<String>,
    pub values: Vec<(String, String)>,
    /// Admins choose a new venue's organisation: (id, name).
    pub organisations: Vec<(String, String)>,
    /// How many groups meet there (it cannot be deleted while any do).
    pub groups: i64,
    /// This page's key for its form (see [`crate::organisers::OnceField`]).
    pub form_key: String,
}

/// A venue's line on the organisers' home.
#[cfg(feature = "ssr")]
pub fn venue_line(record: &db::VenueRecord, for_admin: bool) -> VenueLine {
    let venue = &record.venue;
    VenueLine {
        id: record.id.clone(),
        name: if venue.town.is_empty() {
            venue.name.clone()
        } else {
            format!("{}, {}", venue.name, venue.town)
        },
        organisation: for_admin.then(|| record.organisation_name.clone()),
        groups: record.groups,
    }
}

#[cfg(feature = "ssr")]
use super::db;

/// `None` when nobody is signed in; not found when the venue is not theirs.
/// An empty `id` is a new venue.
#[server(prefix = "/rpc", endpoint = "organisers/venue", input = GetUrl)]
pub async fn venue_editor(id: String) -> Result<Option<EditableVenue>, AppError> {
    use crate::accounts::SignedIn;
    use village_core::calendar::VenueForm;

    let signed_in = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SignedIn>().cloned());
    let Some(SignedIn { user, .. }) = signed_in else {
        return Ok(None);
    };
    let store = crate::storage::use_store()?;
    let organisations = if user.is_admin() {
        store
            .organisations()
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect()
    } else {
        Vec::new()
    };
    let form_key = crate::storage::write_once::form_key(&user.id);
    if id.is_empty() {
        return Ok(Some(EditableVenue {
            id: None,
            values: Vec::new(),
            organisations,
            groups: 0,
            form_key,
        }));
    }
    let record = store
        .venue(&id)
        .await?
        .filter(|r| user.may_edit(&r.organisation_id))
        .ok_or(AppError::NotFound)?;
    Ok(Some(EditableVenue {
        id: Some(record.id),
        values: VenueForm::of(&record.venue).pairs(),
        organisations,
        groups: record.groups,
        form_key,
    }))
}
