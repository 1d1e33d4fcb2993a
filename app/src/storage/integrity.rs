//! `server check`: is the database whole? Run after a crash, a restore or a
//! move between machines. The engine's own checks, then everything the
//! public pages and the directory read, read back into the domain's types.

use super::{Pool, Store, StoreError};

/// What the check found: the checks that ran, and every fault (none: whole).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Integrity {
    pub checked: Vec<String>,
    pub faults: Vec<String>,
}

impl Integrity {
    pub fn is_ok(&self) -> bool {
        self.faults.is_empty()
    }
}

impl Store {
    /// Checks the database. SQLite: `PRAGMA integrity_check` (pages,
    /// indexes, constraints) and `PRAGMA foreign_key_check`. PostgreSQL:
    /// every B-tree index against its table with `amcheck` (when the
    /// extension can be loaded) and every constraint validated. Both: the
    /// published data and the directory read back whole.
    pub async fn check_integrity(&self) -> Result<Integrity, StoreError> {
        let mut found = Integrity::default();
        match self.pool() {
            Pool::Sqlite(pool) => {
                let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(pool)
                    .await?;
                if rows != ["ok"] {
                    found
                        .faults
                        .extend(rows.into_iter().map(|r| format!("integrity_check: {r}")));
                }
                found.checked.push("SQLite integrity_check".into());
                let orphans: Vec<(String, Option<i64>, String)> =
                    sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                        .fetch_all(pool)
                        .await?;
                found
                    .faults
                    .extend(orphans.into_iter().map(|(table, row, parent)| {
                        format!("{table} row {row:?} points to a missing {parent}")
                    }));
                found.checked.push("foreign keys".into());
            }
            Pool::Postgres(pool) => {
                // amcheck is loaded for the check, and dropped again if it
                // was not there before.
                let had_amcheck: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'amcheck')",
                )
                .fetch_one(pool)
                .await?;
                let amcheck = had_amcheck
                    || sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
                        .execute(pool)
                        .await
                        .is_ok();
                if amcheck {
                    let indexes: Vec<String> = sqlx::query_scalar(
                        "SELECT c.relname::text FROM pg_index i \
                         JOIN pg_class c ON c.oid = i.indexrelid \
                         JOIN pg_am a ON a.oid = c.relam \
                         JOIN pg_namespace n ON n.oid = c.relnamespace \
                         WHERE a.amname = 'btree' AND n.nspname = current_schema()",
                    )
                    .fetch_all(pool)
                    .await?;
                    for index in &indexes {
                        let checked = sqlx::query(
                            "SELECT bt_index_check(index => $1::regclass, heapallindexed => true)",
                        )
                        .bind(index)
                        .execute(pool)
                        .await;
                        if let Err(err) = checked {
                            found.faults.push(format!("index {index}: {err}"));
                        }
                    }
                    found
                        .checked
                        .push(format!("{} B-tree indexes (amcheck)", indexes.len()));
                    if !had_amcheck {
                        sqlx::query("DROP EXTENSION IF EXISTS amcheck")
                            .execute(pool)
                            .await?;
                    }
                } else {
                    found.checked.push(
                        "indexes not checked (the amcheck extension could not be loaded)".into(),
                    );
                }
                let unvalidated: Vec<String> = sqlx::query_scalar(
                    "SELECT conname::text FROM pg_constraint c \
                     JOIN pg_namespace n ON n.oid = c.connamespace \
                     WHERE n.nspname = current_schema() AND NOT c.convalidated",
                )
                .fetch_all(pool)
                .await?;
                found.faults.extend(
                    unvalidated
                        .into_iter()
                        .map(|name| format!("constraint {name} is not validated")),
                );
                found.checked.push("constraints".into());
                // Foreign keys, row by row (a restore or a replica role can
                // skip their triggers): every single-column key has its row.
                let keys: Vec<(String, String, String, String, String)> = sqlx::query_as(
                    "SELECT c.conname::text, child.relname::text, ca.attname::text, \
                            parent.relname::text, pa.attname::text \
                     FROM pg_constraint c \
                     JOIN pg_class child ON child.oid = c.conrelid \
                     JOIN pg_class parent ON parent.oid = c.confrelid \
                     JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1] \
                     JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1] \
                     JOIN pg_namespace n ON n.oid = c.connamespace \
                     WHERE c.contype = 'f' AND n.nspname = current_schema() \
                       AND array_length(c.conkey, 1) = 1",
                )
                .fetch_all(pool)
                .await?;
                for (name, child, column, parent, parent_column) in &keys {
                    let orphans: i64 = sqlx::query_scalar(&format!(
                        "SELECT count(*) FROM \"{child}\" c WHERE c.\"{column}\" IS NOT NULL \
                         AND NOT EXISTS (SELECT 1 FROM \"{parent}\" p WHERE p.\"{parent_column}\" = c.\"{column}\")"
                    ))
                    .fetch_one(pool)
                    .await?;
                    if orphans > 0 {
                        found.faults.push(format!(
                            "{child}: {orphans} rows point to a missing {parent} ({name})"
                        ));
                    }
                }
                found
                    .checked
                    .push(format!("{} foreign keys, row by row", keys.len()));
            }
        }
        match self.published().await {
            Ok(published) => found
                .checked
                .push(format!("{} groups read back", published.groups().len())),
            Err(err) => found
                .faults
                .push(format!("the published data does not read back: {err}")),
        }
        match self.service_records().await {
            Ok(records) => found
                .checked
                .push(format!("{} services read back", records.len())),
            Err(err) => found
                .faults
                .push(format!("the directory does not read back: {err}")),
        }
        Ok(found)
    }
}
