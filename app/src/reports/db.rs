//! Reports in the database: taken within their limits in one write, read as
//! the organisers' to-do, resolved, and forgotten 90 days later.

use chrono::{DateTime, Utc};
use village_core::report::{
    ListingKind, NewReport, Problem, ADDRESS_WINDOW, KEPT_AFTER_RESOLVED, LISTING_WINDOW,
    PER_ADDRESS, PER_LISTING,
};

use crate::storage::{on_pool, BeginWrite, Store, StoreError};

/// One open report, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenReport {
    /// Its number, in the order reports came.
    pub id: i64,
    pub kind: ListingKind,
    pub listing_id: String,
    pub problem: Problem,
    pub words: String,
    pub made_at: DateTime<Utc>,
}

/// Whether a report was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    Yes,
    /// The address or the listing has sent or had too many lately.
    TooMany,
}

impl Store {
    /// Takes a report about a listing, unless `address` (the sender's, used
    /// only for the limit and kept apart from the report) or the listing has
    /// reached its limit. The counts and the report are written together.
    pub async fn take_report(
        &self,
        kind: ListingKind,
        listing_id: &str,
        report: &NewReport,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Taken, StoreError> {
        let lock = match self.pool() {
            crate::storage::Pool::Sqlite(_) => "",
            crate::storage::Pool::Postgres(_) => " FOR UPDATE",
        };
        let read = format!(
            "SELECT CAST(reports AS BIGINT), window_started FROM report_limits WHERE key = $1{lock}"
        );
        // The address only as a keyed hash: a copy of the database cannot
        // tell whose it was.
        let address = match self.secret_key() {
            Some(key) => key.keyed_hash("report-address", address),
            None => {
                use sha2::{Digest, Sha256};
                Sha256::digest(format!("report-address:{address}").as_bytes())
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect()
            }
        };
        // When, to the day only: never the moment a count was started, so a
        // report cannot be matched to the count, nor to a proxy's log.
        let made_on = now
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .map_or(now, |midnight| midnight.and_utc());
        let limits = [
            (format!("address:{address}"), PER_ADDRESS, ADDRESS_WINDOW),
            (
                format!("listing:{}:{listing_id}", kind.code()),
                PER_LISTING,
                LISTING_WINDOW,
            ),
        ];
        let taken = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut limited = false;
            for (key, most, window) in &limits {
                // Over one limit: the next is not even read.
                if limited {
                    break;
                }
                sqlx::query(
                    "INSERT INTO report_limits (key, reports, window_started) VALUES ($1, 0, $2) \
                     ON CONFLICT (key) DO NOTHING",
                )
                .bind(key)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let row: Option<(i64, DateTime<Utc>)> =
                    sqlx::query_as(&read).bind(key).fetch_optional(&mut *tx).await?;
                let Some((reports, started)) = row else { continue };
                if started + *window <= now {
                    sqlx::query("UPDATE report_limits SET reports = 0, window_started = $2 WHERE key = $1")
                        .bind(key)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                } else if reports >= i64::from(*most) {
                    limited = true;
                }
            }
            // Too many: nothing is written (the transaction is dropped).
            if limited {
                Ok::<_, sqlx::Error>(Taken::TooMany)
            } else {
            for (key, _, _) in &limits {
                sqlx::query("UPDATE report_limits SET reports = reports + 1 WHERE key = $1")
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "INSERT INTO reports (listing_kind, listing_id, problem, words, made_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(kind.code())
            .bind(listing_id)
            .bind(report.problem.code())
            .bind(&report.words)
            .bind(made_on)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Taken::Yes)
            }
        })?;
        Ok(taken)
    }

    /// Every open report, oldest first.
    pub async fn open_reports(&self) -> Result<Vec<OpenReport>, StoreError> {
        let rows: Vec<(i64, String, String, String, String, DateTime<Utc>)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT CAST(id AS BIGINT), listing_kind, listing_id, problem, words, made_at FROM reports \
             WHERE resolved_at IS NULL ORDER BY id",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, kind, listing_id, problem, words, made_at)| {
                Some(OpenReport {
                    id,
                    kind: ListingKind::from_code(&kind)?,
                    listing_id,
                    problem: Problem::from_code(&problem)?,
                    words,
                    made_at,
                })
            })
            .collect())
    }

    /// Whether parents should be told a listing may be out of date: an open
    /// report says its number or its times are wrong.
    pub async fn may_be_out_of_date(
        &self,
        kind: ListingKind,
        listing_id: &str,
    ) -> Result<bool, StoreError> {
        let warning: Vec<&str> = Problem::ALL
            .iter()
            .filter(|p| p.warns_parents())
            .map(|p| p.code())
            .collect();
        let found: Option<(i64,)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT CAST(1 AS BIGINT) FROM reports WHERE listing_kind = $1 AND listing_id = $2 \
             AND resolved_at IS NULL AND problem IN ($3, $4) LIMIT 1",
        )
        .bind(kind.code())
        .bind(listing_id)
        .bind(warning.first().copied().unwrap_or_default())
        .bind(warning.get(1).copied().unwrap_or_default())
        .fetch_optional(pool)
        .await)?;
        Ok(found.is_some())
    }

    /// Marks the open reports about a listing up to report number `upto`
    /// (the newest the organiser was shown) as dealt with by `by` (an
    /// account's id); returns how many. A report that came later stays open.
    pub async fn resolve_reports(
        &self,
        kind: ListingKind,
        listing_id: &str,
        upto: i64,
        by: &crate::accounts::User,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let done = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE reports SET resolved_at = $3, resolved_by = $4 \
                 WHERE listing_kind = $1 AND listing_id = $2 AND resolved_at IS NULL AND id <= $5",
            )
            .bind(kind.code())
            .bind(listing_id)
            .bind(now)
            .bind(&by.id)
            .bind(upto)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            // Who dealt with which reports is audited like every change; a
            // second press that finds nothing open writes nothing.
            if done > 0 {
                let after = format!("{done} {} dealt with", if done == 1 { "report" } else { "reports" });
                crate::storage::audit::audit!(
                    tx,
                    by,
                    "dealt with the reports on",
                    kind.code(),
                    listing_id,
                    None::<String>,
                    Some(after)
                );
            }
            tx.commit().await?;
            Ok::<u64, sqlx::Error>(done)
        })?;
        Ok(done)
    }

    /// Deletes report counts whose window is over and reports resolved
    /// more than 90 days ago; returns how many rows went.
    pub async fn forget_old_reports(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let gone = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // Addresses go as soon as their window is over.
            let mut gone = sqlx::query(
                "DELETE FROM report_limits WHERE (key LIKE 'address:%' AND window_started <= $1) \
                 OR window_started <= $2",
            )
            .bind(now - ADDRESS_WINDOW)
            .bind(now - LISTING_WINDOW)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            gone += sqlx::query("DELETE FROM reports WHERE resolved_at <= $1")
                .bind(now - KEPT_AFTER_RESOLVED)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok::<_, sqlx::Error>(gone)
        })?;
        Ok(gone)
    }
}
