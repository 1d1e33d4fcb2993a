//! Words of the widgets every feature shares: loading, samples, the QR code
//! and installing the app.

pub const LOADING: &str = "Loading…";
pub const INSTALL_HEADING: &str = "Keep Village on your home screen";
pub const INSTALL_INTRO: &str =
    "Village can sit on your phone like an app, and opens even with no signal once you have used it.";
pub const INSTALL_BUTTON: &str = "Add to home screen";
pub const INSTALL_IOS: &str =
    "On an iPhone or iPad, in Safari: tap Share, then Add to Home Screen.";
pub const INSTALL_ANDROID: &str =
    "On Android, in Chrome: tap the menu (three dots), then Install app or Add to Home screen.";
pub const SAMPLE_LABEL: &str = "Sample";
pub const SAMPLE_EXPLAINED: &str = "Sample data, for trying Village out";
pub const PAGE_QR: &str = "Scan to open this page on a phone:";
