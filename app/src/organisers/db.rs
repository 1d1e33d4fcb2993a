//! Server-only writes organisers make, each with its audit entry in the
//! same transaction: the change and its record land together or not at all.

use chrono::{DateTime, NaiveDate, Utc};
use village_core::{
    calendar::{Exception, GroupId},
    directory::ServiceId,
};

use super::AuditEntry;
use crate::{
    accounts::User,
    storage::{on_pool, Store, StoreError},
};

/// Adds one audit entry inside transaction `$tx`.
macro_rules! audit {
    ($tx:ident, $by:expr, $action:expr, $kind:expr, $id:expr, $before:expr, $after:expr) => {{
        let by: &User = $by;
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, user_email, action, item_kind, item_id, before, after) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Utc::now())
        .bind(&by.id)
        .bind(by.email.as_str())
        .bind($action)
        .bind($kind)
        .bind($id)
        .bind($before)
        .bind($after)
        .execute(&mut *$tx)
        .await?;
    }};
}

impl Store {
    /// "Still accurate": the service was confirmed on `day`. Returns the
    /// day it was confirmed before, or `None` when there is no such service.
    pub async fn confirm_service(
        &self,
        id: &ServiceId,
        day: NaiveDate,
        by: &User,
    ) -> Result<Option<NaiveDate>, StoreError> {
        let before = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let before: Option<NaiveDate> = sqlx::query_scalar("SELECT last_confirmed FROM services WHERE id = $1")
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(before) = before {
                sqlx::query("UPDATE services SET last_confirmed = $1, updated_at = $2 WHERE id = $3")
                    .bind(day)
                    .bind(Utc::now())
                    .bind(id.as_str())
                    .execute(&mut *tx)
                    .await?;
                let before_json = serde_json::json!({ "last_confirmed": before }).to_string();
                let after_json = serde_json::json!({ "last_confirmed": day }).to_string();
                audit!(tx, by, "confirmed", "service", id.as_str(), Some(before_json), Some(after_json));
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(before)
        })?;
        self.published_changed();
        Ok(before)
    }

    /// Adds one exception to a group's dates (a cancellation or an extra
    /// session, checked by the caller), with its audit entry.
    pub async fn add_exception(
        &self,
        group: &GroupId,
        exception: &Exception,
        by: &User,
    ) -> Result<(), StoreError> {
        let (kind, day, starts, ends, reason, action, after) = match exception {
            Exception::Cancelled { date, reason } => (
                "cancelled",
                *date,
                None,
                None,
                reason.as_str(),
                "cancelled a session",
                serde_json::json!({ "cancelled": date, "reason": reason }),
            ),
            Exception::Extra { date, starts, ends } => (
                "extra",
                *date,
                Some(*starts),
                Some(*ends),
                "",
                "added an extra session",
                serde_json::json!({ "extra": date, "starts": starts, "ends": ends }),
            ),
            Exception::Moved { .. } => return Ok(()),
        };
        let after = after.to_string();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO group_exceptions (group_id, kind, day, starts, ends, reason) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(group.as_str())
            .bind(kind)
            .bind(day)
            .bind(starts)
            .bind(ends)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
            audit!(tx, by, action, "group", group.as_str(), None::<String>, Some(after));
            tx.commit().await?;
            Ok::<_, sqlx::Error>(())
        })?;
        self.published_changed();
        Ok(())
    }

    /// The latest audit entries, newest first.
    pub async fn audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, (DateTime<Utc>, String, String, String, String, Option<String>, Option<String>)>(
            "SELECT at, user_email, action, item_kind, item_id, before, after FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(at, by, action, kind, id, before, after)| AuditEntry {
                at,
                by,
                action,
                item_kind: kind,
                item_id: id,
                before,
                after,
            })
            .collect())
    }
}
