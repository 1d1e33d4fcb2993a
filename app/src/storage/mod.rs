//! The storage interface: one `Store` over either embedded SQLite (the
//! default) or PostgreSQL, chosen at start-up by `DATABASE_URL`.
//!
//! SQL that both understand is written once with [`on_pool!`]; where the
//! dialects differ, each backend gets its own query. Placeholders are `$1`,
//! `$2`… which both drivers accept. Each feature adds its queries in its own
//! `db.rs` as `impl Store` blocks.

use sqlx::{
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
    ConnectOptions,
};
use std::{str::FromStr, sync::Arc, time::Duration};

use crate::errors::AppError;

pub mod audit;
mod integrity;
pub(crate) mod json_rows;
mod published;
mod snapshot;
pub mod write_once;

pub use integrity::Integrity;

pub use published::{when_a_copy_goes, Published, PUBLISHED_CHANNEL};
use snapshot::Snapshot;

/// How long pages may show published data (areas, groups, services) before
/// it is read again. Writes through this server's [`Store`] refresh it at
/// once, and on PostgreSQL so does a write by any other instance (see
/// [`Store::follow_published_changes`]); the limit bounds how stale a copy
/// can be when that notice cannot arrive.
pub const DEFAULT_PUBLISHED_MAX_AGE: Duration = Duration::from_secs(30);

/// Runs the same body against whichever pool the store holds. The body is
/// compiled once per backend, so it must be SQL that both understand.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store.pool() {
            $crate::storage::Pool::Sqlite($pool) => $body,
            $crate::storage::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Starts a transaction that will write. SQLite's plain `BEGIN` defers the
/// write lock to the first write, and when two such transactions both read
/// first, one fails at once with "database is locked" (no wait can help);
/// `BEGIN IMMEDIATE` takes the lock up front, so writers queue politely
/// behind the busy timeout instead. PostgreSQL's row locks need nothing more.
pub trait BeginWrite {
    type Database: sqlx::Database;

    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>,
    > + Send;
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;

    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error>,
    > + Send {
        self.begin_with("BEGIN IMMEDIATE")
    }
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;

    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error>,
    > + Send {
        self.begin()
    }
}

/// A handle to the database; cheap to clone (it holds a connection pool and
/// the shared snapshot of published data, see [`published`]).
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    published: Arc<Snapshot<Published>>,
    /// Seals two-step secrets; without one (command-line tools that never
    /// touch them) they are not written at all.
    secret_key: Option<Arc<crate::accounts::sealed::SecretKey>>,
}

/// The connection pool of whichever database `DATABASE_URL` names.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which database a `DATABASE_URL` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL must start with sqlite: or postgres:, not {0:?}")]
    UnknownScheme(String),
    #[error("could not create the folder for the database file {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("there is no database at {0}")]
    Missing(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Two-step secrets cannot be kept: no key to seal them with.
    #[error("no secret key to seal two-step secrets with (set VILLAGE_SECRET_KEY)")]
    NoSecretKey,
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The change was made before with the same key (see [`write_once`]).
    #[error("this change was already made with the same Idempotency-Key")]
    AlreadyWritten,
    /// A read running on another task panicked or was cancelled.
    #[error("a read of the database was interrupted")]
    Interrupted,
}

impl Backend {
    /// Reads the backend from a database URL's scheme.
    pub fn of_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres)
        } else {
            let scheme = url.split(':').next().unwrap_or_default().to_owned();
            Err(StoreError::UnknownScheme(scheme))
        }
    }
}

impl Store {
    /// Opens the database a URL names. A SQLite file (and its folder) is
    /// created when missing; SQLite runs in WAL mode with `synchronous=FULL`
    /// so that an acknowledged write survives a crash.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::open(url, true).await
    }

    /// Opens a database that must already be there (to check it): a SQLite
    /// file that is missing is an error, not a new empty database.
    pub async fn connect_existing(url: &str) -> Result<Self, StoreError> {
        Self::open(url, false).await
    }

    async fn open(url: &str, create: bool) -> Result<Self, StoreError> {
        match Backend::of_url(url)? {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(create)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    // 1 MiB of pages per connection, not SQLite's 2 MiB: the
                    // system keeps the file in its own cache anyway, and the
                    // published copy is read on several connections at once.
                    .pragma("cache_size", "-1024")
                    .disable_statement_logging();
                if create {
                    create_parent_dir(options.get_filename())?;
                } else if !options.get_filename().exists() {
                    return Err(StoreError::Missing(
                        options.get_filename().display().to_string(),
                    ));
                }
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                Ok(Self::new(Pool::Sqlite(pool)))
            }
            Backend::Postgres => {
                let options = PgConnectOptions::from_str(url)?.disable_statement_logging();
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await?;
                Ok(Self::new(Pool::Postgres(pool)))
            }
        }
    }

    fn new(pool: Pool) -> Self {
        Self {
            pool,
            published: Arc::new(Snapshot::new(DEFAULT_PUBLISHED_MAX_AGE)),
            secret_key: None,
        }
    }

    /// The same database, with published data kept for at most `max_age`.
    pub fn with_published_max_age(self, max_age: Duration) -> Self {
        Self {
            published: Arc::new(Snapshot::new(max_age)),
            ..self
        }
    }

    /// The store, sealing two-step secrets with `key`.
    pub fn with_secret_key(self, key: crate::accounts::sealed::SecretKey) -> Self {
        Self {
            secret_key: Some(Arc::new(key)),
            ..self
        }
    }

    pub(crate) fn secret_key(&self) -> Option<&crate::accounts::sealed::SecretKey> {
        self.secret_key.as_deref()
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Closes every connection, waiting for running queries to finish.
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}

fn create_parent_dir(file: &std::path::Path) -> Result<(), StoreError> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && file.to_str() != Some(":memory:") => {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.display().to_string(),
                source,
            })
        }
        _ => Ok(()),
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        tracing::error!(error = %err, "storage failed");
        AppError::Unavailable
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        StoreError::from(err).into()
    }
}

/// The store provided to server functions and pages by the server.
pub fn use_store() -> Result<Store, AppError> {
    leptos::prelude::use_context::<Store>().ok_or_else(|| {
        tracing::error!("the store was not provided to this request");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_comes_from_the_scheme() {
        assert_eq!(
            Backend::of_url("sqlite://data/village.db").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::of_url("sqlite::memory:").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::of_url("postgres://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::of_url("postgresql://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert!(matches!(
            Backend::of_url("mysql://x"),
            Err(StoreError::UnknownScheme(s)) if s == "mysql"
        ));
    }
}
