//! Who can help me: the directory of local and national support. Pages are
//! worked out on the server from the published copy; the search is a plain
//! GET form, so it works without scripts.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod model;
mod offline;
mod page;
pub mod text;

pub use offline::{saved_service, OfflineDirectory};
pub use page::{
    HelpPage, ServicePage, WhatHappensPage, WorriedPage, WHAT_HAPPENS_PATH, WORRIED_PATH,
};
