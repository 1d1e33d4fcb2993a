//! Everything the public pages show, read together and shared by every
//! request (see [`super::snapshot`]). Writes through the [`Store`] mark it
//! stale, so this server shows a change at once.

use std::sync::Arc;
use village_core::AreaId;

use super::{Store, StoreError};
use crate::calendar::Area;

#[derive(Debug, Default)]
pub struct Published {
    /// By name.
    pub areas: Vec<Area>,
}

impl Published {
    pub fn area(&self, id: &AreaId) -> Option<&Area> {
        self.areas.iter().find(|area| &area.id == id)
    }
}

impl Store {
    /// The published data, at most `max_age` old.
    pub async fn published(&self) -> Result<Arc<Published>, StoreError> {
        self.published
            .get_or_read(|| async {
                Ok(Published {
                    areas: self.areas().await?,
                })
            })
            .await
    }

    /// Called by every write to published data.
    pub(crate) fn published_changed(&self) {
        self.published.invalidate();
    }
}
