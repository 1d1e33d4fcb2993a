//! Integration tests: each starts the real server on port 0 with a fresh
//! database. `VILLAGE_TEST_BACKEND` picks SQLite (the default) or PostgreSQL
//! (which needs `TEST_POSTGRES_URL`; `make test` provides a throwaway one).

mod helpers;

mod api;
mod binary;
mod calendar_feeds;
mod directory;
mod fuzz;
mod group_facts;
mod headers;
mod health;
mod hostile_accounts;
mod hsds_conformance;
mod import_hsds;
mod import_terms;
mod instances;
mod kept_pages;
mod my_groups;
mod organisers;
mod pages;
mod reports;
mod schema_agreement;
mod server_functions;
mod storage;
mod this_week;
mod trust;
mod venues;
