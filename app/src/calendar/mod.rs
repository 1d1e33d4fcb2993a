//! What's on this week: the home screen. For now it knows the areas; the
//! group calendar itself arrives with the calendar issue.

pub mod api;
#[cfg(feature = "ssr")]
pub mod days;
#[cfg(feature = "ssr")]
pub mod db;
mod follow;
mod group_page;
pub mod group_view;
mod my_groups;
mod page;
pub mod poster;
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod store;
pub mod text;
pub mod view;

pub use group_page::GroupPage;
pub use my_groups::{MyGroups, MyGroupsPage};
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
