//! What Village says about itself, where people and reviewers look: the
//! privacy notice (`/privacy`), the accessibility statement
//! (`/accessibility`) and the footer that links to them and to the source.

mod page;
pub mod text;

pub use page::{AccessibilityPage, PrivacyPage, SiteFooter};
