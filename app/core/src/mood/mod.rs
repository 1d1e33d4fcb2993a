//! My mood: the rules of the private check-in diary. Entries are made, kept,
//! summarised, exported and encrypted on the phone; nothing here talks to a
//! server, and the browser code that stores them never does either.

pub mod about_me;
pub mod diary;
pub mod entry;
pub mod files;
pub mod insights;
pub mod lock;
pub mod say_it;
pub mod self_check;

/// Kept here too, where the diary first needed it.
pub use crate::written;

pub use diary::{Diary, MergeReport};
pub use entry::{Context, Draft, Entry, EntryError, EntryId, Feeling, Mood, Safety};
pub use insights::{DayMood, Pattern, Span};
