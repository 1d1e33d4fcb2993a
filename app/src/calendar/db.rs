//! Server-only queries for areas.

use chrono::Utc;
use village_core::{AreaId, Nation};

use super::Area;
use crate::storage::{on_pool, Store, StoreError};

#[derive(sqlx::FromRow)]
struct AreaRow {
    id: String,
    name: String,
    nation: String,
    is_sample: bool,
}

impl AreaRow {
    /// Rows were checked on the way in; one that no longer parses is skipped
    /// with a log line rather than breaking the page for everyone.
    fn into_area(self) -> Option<Area> {
        let id = AreaId::parse(&self.id).ok();
        let nation = Nation::from_code(&self.nation);
        match (id, nation) {
            (Some(id), Some(nation)) => Some(Area {
                id,
                name: self.name,
                nation,
                is_sample: self.is_sample,
            }),
            _ => {
                tracing::warn!(area = %self.id, "skipping an area row that does not parse");
                None
            }
        }
    }
}

impl Store {
    /// Adds an area; adding the same id twice leaves the first as it was and
    /// reports `false`.
    pub async fn insert_area(
        &self,
        id: &AreaId,
        name: &str,
        nation: Nation,
        is_sample: bool,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let affected = on_pool!(self, pool => sqlx::query(
            "INSERT INTO areas (id, name, nation, is_sample, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id.as_str())
        .bind(name)
        .bind(nation.code())
        .bind(is_sample)
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        self.published_changed();
        Ok(affected == 1)
    }

    pub async fn areas(&self) -> Result<Vec<Area>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, AreaRow>(
            "SELECT id, name, nation, is_sample FROM areas ORDER BY name, id",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().filter_map(AreaRow::into_area).collect())
    }

    pub async fn area(&self, id: &AreaId) -> Result<Option<Area>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, AreaRow>(
            "SELECT id, name, nation, is_sample FROM areas WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(pool)
        .await)?;
        Ok(row.and_then(AreaRow::into_area))
    }
}
