//! Organisations that run groups and services, shared by the calendar and the
//! directory.

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};

/// An organisation as pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub description: String,
    pub website: Option<String>,
    /// Demonstration data, labelled "Sample" wherever it is shown.
    pub is_sample: bool,
    /// May publish national groups (shown in every area), as an admin decided.
    pub publishes_nationally: bool,
}
