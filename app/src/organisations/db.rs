//! Server-only queries for organisations.

use chrono::Utc;
use village_core::OrganisationDetails;

use super::Organisation;
use crate::storage::{on_pool, Store, StoreError};

#[derive(sqlx::FromRow)]
struct OrganisationRow {
    id: String,
    name: String,
    description: String,
    website: Option<String>,
    is_sample: bool,
    publishes_nationally: bool,
}

impl From<OrganisationRow> for Organisation {
    fn from(row: OrganisationRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            description: row.description,
            website: row.website,
            is_sample: row.is_sample,
            publishes_nationally: row.publishes_nationally,
        }
    }
}

impl Store {
    /// Adds an organisation under the given id; adding the same id twice
    /// leaves the first one as it was and reports `false`.
    pub async fn insert_organisation(
        &self,
        id: &str,
        details: &OrganisationDetails,
        is_sample: bool,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let result = on_pool!(self, pool => sqlx::query(
            "INSERT INTO organisations (id, name, description, website, is_sample, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(details.name())
        .bind(details.description())
        .bind(details.website())
        .bind(is_sample)
        .bind(now)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        self.published_changed();
        Ok(result == 1)
    }

    /// Every organisation's checked details, by id, as files carry them
    /// (one whose stored details no longer pass the checks is left out).
    pub async fn organisation_details(
        &self,
    ) -> Result<std::collections::HashMap<String, OrganisationDetails>, StoreError> {
        Ok(self
            .organisations()
            .await?
            .into_iter()
            .filter_map(|o| {
                let details =
                    OrganisationDetails::parse(&o.name, &o.description, o.website.as_deref())
                        .ok()?;
                Some((o.id, details))
            })
            .collect())
    }

    /// Lets an organisation publish national groups, without an audit entry:
    /// for the sample data, whose organisations nobody signed in to make.
    pub async fn allow_national_groups(&self, id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("UPDATE organisations SET publishes_nationally = $1 WHERE id = $2")
            .bind(true)
            .bind(id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(())
    }

    pub async fn organisation(&self, id: &str) -> Result<Option<Organisation>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, OrganisationRow>(
            "SELECT id, name, description, website, is_sample, publishes_nationally FROM organisations WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(Organisation::from))
    }

    pub async fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, OrganisationRow>(
            "SELECT id, name, description, website, is_sample, publishes_nationally FROM organisations ORDER BY name, id",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().map(Organisation::from).collect())
    }
}

/// An admin's changes to organisations, each with its audit entry in the
/// same transaction (see `storage::audit`).
mod audited {
    use chrono::Utc;

    use crate::storage::{
        audit::{audit, audited_write},
        write_once::Author,
        Store, StoreError,
    };

    impl Store {
        /// Changes an organisation's details, with before and after in the
        /// audit log; `false` when there is no such organisation.
        pub async fn update_organisation(
            &self,
            id: &str,
            details: &village_core::OrganisationDetails,
            publishes_nationally: bool,
            by: &Author,
        ) -> Result<bool, StoreError> {
            let now = Utc::now();
            let after = serde_json::json!({
                "name": details.name(),
                "description": details.description(),
                "website": details.website(),
                "publishes_nationally": publishes_nationally,
            })
            .to_string();
            let saved = audited_write!(self, by, |tx| {
                let before: Option<(String, String, Option<String>, bool)> = sqlx::query_as(
                "SELECT name, description, website, publishes_nationally FROM organisations WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
                let Some((name, description, website, national)) = before else {
                    return Ok(false);
                };
                sqlx::query("UPDATE organisations SET name = $1, description = $2, website = $3, updated_at = $4, \
                         publishes_nationally = $6 WHERE id = $5")
                .bind(details.name())
                .bind(details.description())
                .bind(details.website())
                .bind(now)
                .bind(id)
                .bind(publishes_nationally)
                .execute(&mut *tx)
                .await?;
                let before = serde_json::json!({
                "name": name, "description": description, "website": website, "publishes_nationally": national,
            })
            .to_string();
                audit!(
                    tx,
                    by,
                    "edited",
                    "organisation",
                    id,
                    Some(before),
                    Some(after)
                );
                true
            });
            Ok(saved)
        }

        /// Adds an organisation an admin made, with its audit entry.
        pub async fn add_organisation(
            &self,
            id: &str,
            details: &village_core::OrganisationDetails,
            by: &Author,
        ) -> Result<(), StoreError> {
            let now = Utc::now();
            let after = serde_json::json!({
                "name": details.name(),
                "description": details.description(),
                "website": details.website(),
            })
            .to_string();
            audited_write!(self, by, |tx| {
                sqlx::query(
                "INSERT INTO organisations (id, name, description, website, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(id)
            .bind(details.name())
            .bind(details.description())
            .bind(details.website())
            .bind(now)
            .execute(&mut *tx)
            .await?;
                audit!(
                    tx,
                    by,
                    "added",
                    "organisation",
                    id,
                    None::<String>,
                    Some(after)
                );
            });
            Ok(())
        }
    }
}
