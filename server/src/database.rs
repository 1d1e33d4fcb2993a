//! Opening the database: connect, run the migrations for its backend and,
//! only when asked, add the sample records.

use app::storage::{Backend, Pool, Store, StoreError};
use chrono::NaiveDate;
use sqlx::migrate::Migrator;

use crate::sample;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Connects to the database a URL names and brings its schema up to date.
pub async fn open(url: &str) -> Result<Store, StoreError> {
    let store = Store::connect(url).await?;
    migrate(&store).await?;
    Ok(store)
}

/// Runs every migration not yet applied. Migrations are append-only.
pub async fn migrate(store: &Store) -> Result<(), StoreError> {
    match store.pool() {
        Pool::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
        Pool::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
    }
    tracing::info!(backend = ?store.backend(), "database migrated");
    Ok(())
}

/// Adds the sample records (labelled "Sample" in the app), dated around
/// `today`. Safe to repeat.
pub async fn seed_sample_data(store: &Store, today: NaiveDate) -> Result<(), StoreError> {
    let added = sample::seed(store, today).await?;
    tracing::info!(added, "sample data checked");
    Ok(())
}

/// How many of this build's migrations the database has not had yet.
pub async fn pending_migrations(store: &Store) -> Result<usize, StoreError> {
    const APPLIED: &str = "SELECT version FROM _sqlx_migrations WHERE success";
    let (migrator, applied): (&Migrator, Result<Vec<i64>, sqlx::Error>) = match store.pool() {
        Pool::Sqlite(pool) => (
            &SQLITE_MIGRATIONS,
            sqlx::query_scalar(APPLIED).fetch_all(pool).await,
        ),
        Pool::Postgres(pool) => (
            &POSTGRES_MIGRATIONS,
            sqlx::query_scalar(APPLIED).fetch_all(pool).await,
        ),
    };
    // No table of migrations: none was ever applied.
    let applied = applied.unwrap_or_default();
    Ok(migrator
        .iter()
        .filter(|m| !applied.contains(&m.version))
        .count())
}

/// The number of migrations each backend has, for checks and tests.
pub fn migration_count(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => SQLITE_MIGRATIONS.iter().count(),
        Backend::Postgres => POSTGRES_MIGRATIONS.iter().count(),
    }
}
