//! The twin migrations (SQLite and PostgreSQL) make the same schema: the
//! same tables, the same columns, the same nullability and as many CHECK
//! constraints per table, so they cannot drift apart unnoticed. Runs in the
//! PostgreSQL pass of `make test` (it needs both engines); the SQLite pass
//! says it skipped.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::helpers::{backend, fresh_database, run, scratch_dir, Backend};

/// table → (column → nullable), and table → number of CHECK constraints.
type Shape = (
    BTreeMap<String, BTreeMap<String, bool>>,
    BTreeMap<String, usize>,
);

async fn sqlite_shape(url: &str) -> Shape {
    let pool = sqlx::SqlitePool::connect(url).await.expect("opens");
    let tables = sqlx::query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%' ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .expect("lists tables");
    let mut columns = BTreeMap::new();
    let mut checks = BTreeMap::new();
    for table in tables {
        let name: String = table.get("name");
        let sql: String = table.get("sql");
        let info = sqlx::query(&format!("PRAGMA table_info(\"{name}\")"))
            .fetch_all(&pool)
            .await
            .expect("reads columns");
        let mut of_table = BTreeMap::new();
        for column in info {
            let column_name: String = column.get("name");
            let not_null: bool = column.get::<i64, _>("notnull") == 1;
            let primary: bool = column.get::<i64, _>("pk") > 0;
            // A primary key is never null in PostgreSQL; SQLite says so only
            // when written.
            of_table.insert(column_name, !(not_null || primary));
        }
        // SQLite keeps booleans as 0 or 1 and checks it; PostgreSQL has a
        // boolean type instead, so those checks have no twin.
        let upper = sql.to_uppercase();
        let count = upper
            .match_indices("CHECK")
            .filter(|(at, _)| {
                let rest = upper[at + 5..].trim_start();
                rest.starts_with('(') && !is_boolean_check(rest)
            })
            .count();
        columns.insert(name.clone(), of_table);
        checks.insert(name, count);
    }
    pool.close().await;
    (columns, checks)
}

/// `( name IN (0, 1))…`: a boolean's check in SQLite.
fn is_boolean_check(rest: &str) -> bool {
    let inner = rest.trim_start_matches('(').trim_start();
    let Some((_, after)) = inner.split_once(char::is_whitespace) else {
        return false;
    };
    after.trim_start().starts_with("IN (0, 1))")
}

async fn postgres_shape(url: &str) -> Shape {
    let pool = sqlx::PgPool::connect(url).await.expect("opens");
    let rows = sqlx::query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, is_nullable::text AS is_nullable \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx\\_%' \
         ORDER BY table_name, column_name",
    )
    .fetch_all(&pool)
    .await
    .expect("lists columns");
    let mut columns: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
    for row in rows {
        let table: String = row.get("table_name");
        let column: String = row.get("column_name");
        let nullable: String = row.get("is_nullable");
        columns
            .entry(table)
            .or_default()
            .insert(column, nullable == "YES");
    }
    let rows = sqlx::query(
        "SELECT c.relname::text AS table_name, count(*) AS checks FROM pg_constraint k \
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE k.contype = 'c' AND n.nspname = 'public' GROUP BY c.relname",
    )
    .fetch_all(&pool)
    .await
    .expect("lists checks");
    let mut checks: BTreeMap<String, usize> = columns.keys().map(|t| (t.clone(), 0)).collect();
    for row in rows {
        let table: String = row.get("table_name");
        let count: i64 = row.get("checks");
        checks.insert(table, usize::try_from(count).unwrap_or(0));
    }
    pool.close().await;
    (columns, checks)
}

#[test]
fn the_sqlite_and_postgresql_schemas_agree() {
    if !matches!(backend(), Backend::Postgres) {
        eprintln!(
            "skipped: compares with PostgreSQL, so it runs with VILLAGE_TEST_BACKEND=postgres"
        );
        return;
    }
    run(async {
        let scratch = scratch_dir();
        let postgres = fresh_database(&scratch).await;
        let sqlite_url = format!("sqlite://{}", scratch.join("agreement.db").display());
        for url in [&postgres.url, &sqlite_url] {
            server::database::open(url)
                .await
                .expect("migrates")
                .close()
                .await;
        }
        let (lite_columns, lite_checks) = sqlite_shape(&sqlite_url).await;
        let (pg_columns, pg_checks) = postgres_shape(&postgres.url).await;
        assert!(lite_columns.len() > 10, "{}", lite_columns.len());
        assert_eq!(
            lite_columns.keys().collect::<Vec<_>>(),
            pg_columns.keys().collect::<Vec<_>>(),
            "the same tables"
        );
        for (table, columns) in &lite_columns {
            assert_eq!(
                Some(columns),
                pg_columns.get(table),
                "columns and nullability of {table}"
            );
        }
        assert_eq!(lite_checks, pg_checks, "CHECK constraints per table");
        postgres.drop_database().await;
        let _ = std::fs::remove_dir_all(scratch);
    })
}
