//! Venues: the rooms groups meet in, kept by each organisation (admins keep
//! any). A venue's access facts are each yes, no or not known; parents see
//! only what was given, and are told what to ask about the rest. A venue a
//! group meets in cannot be deleted.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;

/// Where a venue is added.
pub const NEW_VENUE_PATH: &str = "/organisers/venues/new";

/// Where a venue's edit form is, and where it posts.
pub fn edit_venue_path(id: &str) -> String {
    format!("/organisers/venues/{id}/edit")
}

/// Where a venue is deleted.
pub fn delete_venue_path(id: &str) -> String {
    format!("/organisers/venues/{id}/delete")
}
