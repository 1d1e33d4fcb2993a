//! Server-only queries of the organisers' area itself: the audit log, the
//! changes waiting for an admin and the decision on them, and "Still
//! accurate". Each entity's own audited writes live with it (`calendar/db.rs`
//! for groups, areas and term dates, `directory/db.rs` for services,
//! `organisations/db.rs`, `venues/db.rs`), all through
//! `storage::audit::audited_write!`.

use chrono::{DateTime, NaiveDate, Utc};
use village_core::calendar::Contact;
use village_core::directory::{edit::ServiceDetails, ServicePhone};

use super::{AuditEntry, PendingChange};
use crate::calendar::db::{write_contact, write_link, JoiningLink};
use crate::directory::db::{write_phones, write_service_details};
use crate::storage::{
    audit::{audit, audited_write},
    on_pool,
    write_once::Author,
    Store, StoreError,
};

/// What "Still accurate" confirms.
#[derive(Clone, Copy)]
pub(crate) enum Confirmed {
    Service,
    Group,
}

impl Store {
    /// "Still accurate": the item was confirmed on `day`, with its audit
    /// entry. Returns the day it was confirmed before, or `None` when there
    /// is no such item.
    pub(crate) async fn confirm(
        &self,
        what: Confirmed,
        id: &str,
        day: NaiveDate,
        by: &Author,
    ) -> Result<Option<NaiveDate>, StoreError> {
        let (read, write, kind) = match what {
            Confirmed::Service => (
                "SELECT last_confirmed FROM services WHERE id = $1",
                "UPDATE services SET last_confirmed = $1, not_confirmed = FALSE, updated_at = $2 WHERE id = $3",
                "service",
            ),
            Confirmed::Group => (
                "SELECT last_confirmed FROM peer_groups WHERE id = $1",
                "UPDATE peer_groups SET last_confirmed = $1, updated_at = $2 WHERE id = $3",
                "group",
            ),
        };
        let before = audited_write!(self, by, |tx| {
            let before: Option<NaiveDate> = sqlx::query_scalar(read)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(before) = before else {
                // Nothing to confirm: dropping the transaction lets go of the key too.
                return Ok(None);
            };
            sqlx::query(write)
                .bind(day)
                .bind(Utc::now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let before_json = serde_json::json!({ "last_confirmed": before }).to_string();
            let after_json = serde_json::json!({ "last_confirmed": day }).to_string();
            audit!(
                tx,
                by,
                "confirmed",
                kind,
                id,
                Some(before_json),
                Some(after_json)
            );
            Some(before)
        });
        Ok(before)
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

    /// Every change waiting for an admin, oldest first.
    pub async fn pending_changes(&self) -> Result<Vec<PendingChange>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, (i64, DateTime<Utc>, String, String, String, String, String)>(
            "SELECT CAST(id AS BIGINT), at, user_email, item_kind, item_id, field, value FROM pending_changes \
             WHERE status = 'pending' ORDER BY id",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(
                |(id, at, by, item_kind, item_id, field, value)| PendingChange {
                    id,
                    at,
                    by,
                    item_kind,
                    item_id,
                    field,
                    value,
                },
            )
            .collect())
    }

    /// An admin approves (the change is made) or rejects a waiting change,
    /// in one transaction; `false` when it is not waiting any more.
    pub async fn decide_change(
        &self,
        id: i64,
        approve: bool,
        by: &Author,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let decided = audited_write!(self, by, |tx| {
            let row: Option<(String, String, String, String)> = sqlx::query_as(
                "SELECT item_kind, item_id, field, value FROM pending_changes WHERE id = $1 AND status = 'pending'",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((item_kind, item_id, field, value)) = row else {
                return Ok(false);
            };
            if approve {
                match field.as_str() {
                    "phones" => {
                        let phones: Vec<ServicePhone> = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_phones!(tx, item_id.as_str(), &phones);
                    }
                    "crisis" => {
                        sqlx::query("UPDATE services SET crisis = $1 WHERE id = $2")
                            .bind(value == "true")
                            .bind(&item_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    "joining_link" => {
                        let link: JoiningLink = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_link!(tx, item_id.as_str(), &link);
                    }
                    "details" => {
                        let details: ServiceDetails = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_service_details!(
                            tx,
                            item_id.as_str(),
                            &details.description,
                            &details.referral,
                            &details.hours_note,
                            details.url.as_deref(),
                            now
                        );
                    }
                    "texts" => {
                        let texts: Vec<(String, String)> = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        for (column, text) in &texts {
                            // Only the columns that hold free words, by name.
                            let Some(column) = village_core::calendar::edit::GROUP_TEXT_COLUMNS
                                .iter()
                                .find(|c| *c == column)
                            else {
                                continue;
                            };
                            sqlx::query(&format!(
                                "UPDATE peer_groups SET {column} = $1 WHERE id = $2"
                            ))
                            .bind(text)
                            .bind(&item_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                    "contact" => {
                        let contact: Option<Contact> = serde_json::from_str(&value)
                            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                        write_contact!(tx, item_id.as_str(), &contact);
                    }
                    _ => {}
                }
            }
            let status = if approve { "approved" } else { "rejected" };
            sqlx::query("UPDATE pending_changes SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4")
                .bind(status)
                .bind(by.user.email.as_str())
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let what = field.replace('_', " ");
            let action = if approve {
                format!("approved a change to the {what}")
            } else {
                format!("rejected a change to the {what}")
            };
            audit!(
                tx,
                by,
                action.as_str(),
                item_kind.as_str(),
                item_id.as_str(),
                None::<String>,
                Some(value.clone())
            );
            true
        });
        Ok(decided)
    }
}
