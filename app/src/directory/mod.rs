//! Who can help me: the directory of local and national support. Pages are
//! worked out on the server from the published copy; the search is a plain
//! GET form, so it works without scripts.

pub mod api;
mod offline;
mod page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod text;
pub mod view;

pub use offline::{saved_service, OfflineDirectory};
pub use page::{
    HelpPage, ServicePage, WhatHappensPage, WorriedPage, WHAT_HAPPENS_PATH, WORRIED_PATH,
};
