//! "Need help now?": the crisis card, reachable in one tap from every screen.
//!
//! It is a plain link to `/need-help-now` (so it works before any script has
//! loaded, or with none), which the hydrated app opens as a dialog instead.

mod card;
mod island;
mod page;
pub mod text;

pub use card::{CardPlace, CrisisCard};
pub use island::{NeedHelpNow, SavedContacts};
pub use page::NeedHelpNowPage;

/// The route of the crisis page.
pub const PATH: &str = "/need-help-now";
