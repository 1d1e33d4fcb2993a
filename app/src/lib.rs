#![recursion_limit = "256"]
//! Village's pages, components and server functions, shared by the server
//! (feature `ssr`) and the browser (feature `hydrate`). The app renders on the
//! server as islands: only interactive components ship code to the browser.
//!
//! One folder per feature; each holds its page, its words (`text.rs`), its
//! server functions and, server-only, its database code.

// No unsafe code here: the workspace denies it, and only the server may
// allow it (in one function, `server/src/allocator.rs`).
#![forbid(unsafe_code)]

pub mod accounts;
pub mod calendar;
pub mod crisis;
pub mod diary;
pub mod directory;
pub mod errors;
pub mod idb;
pub mod local_storage;
pub mod organisations;
pub mod organisers;
pub mod reports;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod site;
#[cfg(feature = "ssr")]
pub mod storage;
pub mod trust;
pub mod ui;
pub mod venues;
pub mod worker_names;

pub use errors::AppError;
pub use shell::{shell, App};
