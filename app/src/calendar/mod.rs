//! What's on this week, the home screen: an area's week (`page`, `days`,
//! `week_model`), each group's page (`group_page`, `group_model`), following groups
//! and My groups (`follow`, `my_groups`, `reminders`), the printed poster and
//! leaflet (`poster`), the server functions (`api`) and the storage
//! (`db`); the week as data for the
//! rest of the phone (`week_data`). The rules themselves are in `village_core::calendar`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod days;
#[cfg(feature = "ssr")]
pub mod db;
mod follow;
pub mod group_model;
mod group_page;
mod my_groups;
mod page;
pub mod poster;
pub mod reminders;
pub mod text;
pub mod week_data;
pub mod week_model;

pub use group_page::GroupPage;
pub use my_groups::{FollowedOnThisWeek, MyGroups, MyGroupsPage};
pub use page::ThisWeekPage;
pub use poster::{LeafletPage, PosterPage};

use serde::{Deserialize, Serialize};
use village_core::{AreaId, Nation};

/// An area as pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub id: AreaId,
    pub name: String,
    pub nation: Nation,
    /// Demonstration data, labelled "Sample" wherever it is shown.
    pub is_sample: bool,
}
