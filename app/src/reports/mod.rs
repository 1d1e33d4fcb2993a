//! "Tell us something is wrong": a short form on every group and service
//! page that anyone may send, with no account and nothing about themselves;
//! the reports reach the listing's organisers and the admins as a to-do,
//! and parents are told a listing may be out of date while a report about
//! its number or times is open. Reports never change a listing themselves.
//! The rules (what may be said, limits, order) are in
//! `village_core::report`.

#[cfg(feature = "ssr")]
pub mod db;
mod form;
pub mod text;

pub use form::{OutOfDateNotice, ReportForm};

/// Where a report about a listing is sent.
pub fn report_path(kind: village_core::report::ListingKind, id: &str) -> String {
    format!("/report/{}/{id}", kind.code())
}

/// Where an organiser marks a listing's reports as dealt with.
pub fn resolve_path(kind: village_core::report::ListingKind, id: &str) -> String {
    format!("/organisers/reports/{}/{id}/resolve", kind.code())
}
